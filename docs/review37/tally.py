#!/usr/bin/env python3
"""Review 37 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-36's method over review 37's 24 synthetic messages (docs/review37/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 37" first, then review 36's, 35's and 34's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): the report lines it classes are the same as under the channel
zone America/Denver the review read the Bundles with, less the skipped-hour `value` lines (remarks, not losses).
Run from the worktree root (after npm run build): python3 docs/review37/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 37: every Bundle read; the one unclassed line checked against the corpus: OBR-27.6 `T` (timing
    # critical) has a row in the IG's ExtendedPriorityCodes map with no FHIR target (request-priority has no such code)
    (r'^OBR-27\.6: a priority the request-priority codes cannot say', 'b', 'OBR-27.6 / TQ.6 T timing critical: ExtendedPriorityCodes row without FHIR code (review 37)'),
] + (tables_of(HERE.parent / 'review36' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review35' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review34' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 37's reading of main d3b1b26), by message number; the destination
# ones are judged by delivering the messages in feed order (test/review37/defects.test.ts, destination.test.ts).
# R37-W1 (#18): after #15's A40 the LIS result names the survivor and the trauma visit number: its Encounter and
# ServiceRequest are conditional creates searched by number AND subject=<survivor>, so the server makes a second visit
# CMV3799017E and a second order SUM37-0022 (completed); the registered visit and the ED's order (active) stay on the
# retired record (mapping.md: visit and order numbers are not scoped). #22/#23's documents then point at that copy.
# R37-W2 (#13): ORM ORC-1 XO changing OBR-4 of SUM37-0021 (CT head → CT head + C-spine) is searched by number + OBR-4:
# a second order SUM37-0021 (unknown) beside the CT head still active.
# R37-W3 (#17): PV1-45 `202703140255` (skipped hour, bare) in a message whose MSH-7 is 03:38-0600: read at -07:00 =
# 03:55 MDT, a discharge 17 minutes after the message reporting it (MSH-7 says the clock had moved: -06:00 is the one
# reading consistent with the message).
W1 = 'R37-W1: after an A40, a result naming the survivor and the old visit number creates a second Encounter and a second ServiceRequest at the destination (IG PV1[Encounter] #19, ORC[ServiceRequest] #2; mapping.md numbers not scoped)'
W2 = 'R37-W2: ORM XO changing OBR-4 leaves the old test active and adds a second order under the same placer number (IG ORC[ServiceRequest] #1 XO, #2; OBR[ServiceRequest] #4)'
W3 = 'R37-W3: a bare skipped-hour time read at the pre-change offset although MSH-7 shows the moved clock: discharge after the message (IG PV1[Encounter] #45, DTM[dateTime] #1)'
WRONG = {13: [W2], 17: [W3], 18: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R37-W3': '366c039', 'R37-W1': '668a3c3', 'R37-W2': '85b3255'}  # gap27; fixmerge27; fixxo27

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
