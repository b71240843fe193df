#!/usr/bin/env python3
"""Review 55 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-53's method over review 55's 24 synthetic messages (docs/review55/messages/, drawn by
docs/reviewtools/draw.py): a Nova Scotia long-term-care pharmacy serving nursing homes and a hospital's outpatient /
retail pharmacy on one America/Halifax channel across the fall-back of Sunday 7 November 2032 (02:00 ADT -03:00 ->
01:00 AST -04:00: 01:00-01:59 happens twice). CLASSES: the rows marked "review 55" first, then review 53's, 52's and
51's chains, read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by
message number; each counts only on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): on UTC no hour repeats, so the repeated-hour `value` lines of
the review's channel (#17's ORC-9, RXE-1 and MSH-7, all bare from the v2.3 sender) are not printed under the tally;
they were judged by hand on America/Halifax (test/review55/destination.test.ts). Every message whose MSH-7 states an
offset gets R35-N1's channel remark on UTC, a (b) remark (tally_core REMARKS).
Run from the worktree root (after npm run build): python3 docs/review55/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 55: every Bundle read; each (b) hit checked in the corpus (no IG target: the corpus has RXO, RXR,
    # TQ1 and TQ maps for a MedicationRequest, none for RXE, RXD, RXG or an RXA outside VXU) or against hig's
    # documented rule, classed below or by the chained rows.
    # The repeated-hour line is printed only on the review's channel (America/Halifax), never under the tally's UTC.
    (r'^RXE-1\.2\.1: a repeat pattern without a coding system that is no code of HL7 table 0335', 'b', 'the v2.3 sender\'s RXE-1 TQ.2 `CONT` (no table 0335 code): the code kept, no system to name (review 55)'),
    (r'^RXO-2: a give amount equal to none of the order\'s differing timing quantities', 'nc', 'the taper\'s RXO-2/3 5-40 mg is the range of its five steps\' own TQ1-2 doses, each held by its instruction (hig multi-timing rule, R20-W1/R21-W1), reported (review 55)'),
    (r'^RXE-1\.3: a duration that is no time span', 'nc', 'my sample\'s TQ.3 `X10D` (X10 is ten times; ten days is D10): the sender\'s error, reported (review 55)'),
    (r'repeats as daylight saving ends, placed by no MSH-7 offset: ambiguous', 'nc', 'a bare time in the repeated hour of a sender whose MSH-7 is bare too (#17, v2.3): read in the first pass, reported (hig time-zone rule; review 55 read each by hand)'),
] + (tables_of(HERE.parent / 'review53' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review52' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review51' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 55's reading of main a38862a3), by message number; the destination
# ones judged by delivering the messages in feed order on America/Halifax (test/review55/destination.test.ts).
# R55-R1 (#18): the v2.3 outpatient pharmacy's RDS^O01 (the dispense of v2.3, which numbered every pharmacy message
# O01; v2.4 renamed them O11/O13/O15/O17) is refused with UNSUPPORTED_EVENT while the same sender's RDE^O01 (#09,
# #13, #17) converts; RAS^O01 and RGV^O01 likewise (probed). Counted through the converter's refusal.
# R55-R2 (#02): the pharmacy's ORP^O10 (its acceptance of the home's OMP, ORC OK with the filler number) is refused,
# where the lab's ORL^O22 converts since review 34. Counted through the converter's refusal.
# R55-W1 (a probe built from #24, not a sample message, so in no message's count): RXD-3 is not in the ordering
# rule's bounds; a bare dispense time in the repeated hour is read in MSH-7's pass even when that puts it after its
# own message (01:50-04:00 in a message sent 01:10-0400), silently (test/review55/defects.test.ts).
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R55-R1': '54f45cb5', 'R55-W1': '54f45cb5', 'R55-R2': 'b0866c0b', 'R55-N4': '9aa9413b'}  # the lead's fixes (W1 was a probe outside the sample); fix35a: ORP^O10 (R2)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
