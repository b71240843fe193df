#!/usr/bin/env python3
"""Review 42 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-41's method over review 42's 24 synthetic messages (docs/review42/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 42" first, then review 41's, 40's and 39's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): the report lines it classes are the ones read under the channel
zone America/Phoenix the review read the Bundles with (no time of this sample falls in an hour Phoenix repeats or
skips, so no `value` remark on a time differs between the two zones).
Run from the worktree root (after npm run build): python3 docs/review42/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 42: every Bundle read; the (b) hits checked in the corpus: RXE-22/27 (no RXE sheet; RXO[MedicationRequest]
    # is read for RXE by hig, its #20 indication row names RXO-20, not RXE-27), RF1-5 (no RF1 sheet), PRB-2/13 (no PRB
    # sheet), FT1-6, OBR-27 (TQ1 carries the timing: OBR[ServiceRequest] #27 no target), RXA-11 of a RAS (no
    # RXA[MedicationAdministration] sheet), NTE-2, DG1-6 F, TXA-4/5/22 PPN.15, OBX-3/11 of a document.
    (r'^RXE-(22|27) is valued but not mapped', 'b', 'RXE-22 give per time unit / RXE-27 give indication: no RXE sheet in the IG (review 42)'),
    (r'^RF1-5 is valued but not mapped', 'b', 'RF1-5 referral category: no RF1 sheet in the IG (review 42)'),
    (r'^PRB-(2|13) is valued but not mapped', 'b', 'PRB-2 action date / PRB-13 confirmation status: no PRB sheet in the IG (review 42)'),
    (r'^RXA-11 is valued but not mapped', 'b', 'RXA-11 administered-at of a RAS: no RXA[MedicationAdministration] sheet (review 42)'),
    (r'^OBR-27 is valued but not mapped', 'b', 'OBR-27 quantity/timing beside TQ1: OBR[ServiceRequest] #27 no target (review 42)'),
] + (tables_of(HERE.parent / 'review41' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review40' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review39' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 42's reading of main 25fed10), by message number; the destination
# ones judged by delivering the messages in feed order (test/review42/destination.test.ts, defects.test.ts).
# R42-W1 (#18): the Denver lab's correction, sent after Denver's spring-forward (MSH-7 -0600), re-sends the 10 March
# collection time bare (07:40, Denver MST = -07:00, as #02 sent it under MSH-7 -0700): hig reads it at MSH-7's -06:00,
# an hour earlier than the original report said of the same specimen, and the correction moves it at the server.
W1 = 'R42-W1: a correction sent after the sender\'s spring-forward moves the original specimen\'s bare collection time an hour earlier (MSH-7 offset applied to a time before the change; Time-zone rule; IG TS[dateTime] #1)'
# R42-W2 (#12): the first result of a standing order (OML #09: TQ1-3 Q1L, TQ1-14 6 occurrences) patches the order
# `completed` (OBR-25 F); five monthly draws remain (FHIR R4 request-status completed: "fully performed").
W2 = 'R42-W2: the first result of a standing order (TQ1 Q1L x 6) completes the whole order at the destination (OBR-25 F → completed; FHIR R4 request-status)'
WRONG = {18: [W1], 12: [W2]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R42-W2': '5bde29e', 'R42-N4': 'eede74b6'}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
