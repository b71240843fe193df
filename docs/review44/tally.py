#!/usr/bin/env python3
"""Review 44 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-43's method over review 44's 24 synthetic messages (docs/review44/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 44" first, then review 43's, 42's and 41's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC). This sample crosses America/Chicago's spring-forward (11 March
2029 02:00 CST -> 03:00 CDT), so the skipped-hour `value` lines of the review's channel (#10, #12, #13) are not
printed under the tally: on UTC no hour is skipped. Those lines are remarks about an ambiguous clock (the value is
judged by hand: R44-W1 is in WRONG), so the tally's count is the same either way; a message whose MSH-7 carries an
offset gets R35-N1's channel remark under the tally, a (b) remark (review 43's row).
Run from the worktree root (after npm run build): python3 docs/review44/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 44: every Bundle read; the (b) hits checked in the corpus: MSH-15/16/21 (MSH[MessageHeader] has no
    # target for the ack types and the message profile), RXA-1/2/4 (RXA[Immunization] #1 #2 #4: no FHIR attribute),
    # ORC-1 of a VXU (ORC[Immunization] #1: no target), the skipped-hour remarks (time.ts offsetFor: a value line
    # naming an ambiguous clock, printed on the America/Chicago channel only).
    (r'^MSH-(15|16|21) is valued but not mapped', 'b', 'MSH-15/16 ack types, MSH-21 message profile: no MSH[MessageHeader] target (review 44)'),
    (r'^RXA-(1|2|4) is valued but not mapped', 'b', 'RXA-1/2 sub-id counters, RXA-4 end time: RXA[Immunization] no target (review 44)'),
    (r'^ORC-1 is valued but not mapped', 'b', 'ORC-1 RE of a VXU: ORC[Immunization] #1 no target (review 44)'),
    (r'a time without offset in the hour [A-Za-z_/]+ skips as daylight saving starts', 'b', 'remark: a bare time in the skipped hour, its reading named (review 31 R31-N2; review 44)'),
] + (tables_of(HERE.parent / 'review43' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review42' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review41' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 44's reading of main 9dd2205f), by message number; the destination
# ones judged by delivering the messages in feed order (test/review44/destination.test.ts, defects.test.ts).
# R44-W1 (#12): the newborn's CBC panel was collected at a bare 02:35 on 11 March 2029, an hour America/Chicago skips;
# the same OBR reports its result at a bare 03:15 (CDT, unambiguous). hig reads the collection at the offset before the
# change (02:35-06:00 = 03:35 CDT), 20 minutes AFTER its own result was reported; 02:35-05:00 (01:35 CST) is the one
# reading consistent with the message (R37-W3's rule, applied to MSH-7 only, not to the OBR's own later times).
W1 = 'R44-W1: a collection time in the skipped hour is read after its own OBR-22 result time (DiagnosticReport.effective > issued)'
WRONG = {12: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R44-W1': '6065a011'}  # fix31d: the ordering rule (OBR-22 / OBX-19 / SPM-18 / MSH-7 bound a bare time in a skipped or repeated hour)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
