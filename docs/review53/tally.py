#!/usr/bin/env python3
"""Review 53 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-51's method over review 53's 24 synthetic messages (docs/review53/messages/, drawn by
docs/reviewtools/draw.py): a New Zealand public hospital's intensive care unit and its point-of-care testing on one
Pacific/Auckland channel across the start of NZ daylight saving (Sunday 26 September 2032, 02:00 NZST +12:00 -> 03:00
NZDT +13:00). CLASSES: the rows marked "review 53" first, then review 51's, 50's and 49's chains, read through
tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts
only on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): on UTC no hour is skipped, so the skipped-hour `value` lines of
the review's channel (#06, #08, #11) are not printed under the tally; they are remarks on an ambiguous clock and the
values were judged by hand on Pacific/Auckland (test/review53/destination.test.ts). Every message whose MSH-7 states
an offset gets R35-N1's channel remark on UTC, a (b) remark (tally_core REMARKS).
Run from the worktree root (after npm run build): python3 docs/review53/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 53: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows. Every other line of this sample (PID-13 XTN.2 beside CP,
    # PV1-10 without table 0069 system, XCN.13 MCNZ, OBR-24 empty, MSH-21, A12 PV1-6) is classed by the chained rows.
    # The skipped-hour line is printed only on the review's channel (Pacific/Auckland), never under the tally's UTC:
    # a remark on an ambiguous clock, the value judged by hand (#06 EVN-6, #08 OBR-7/8 + OBX-14, #11 OBR-7 + OBX-14).
    (r'skips as daylight saving starts: no such local time', 'nc', 'a bare time in the hour the zone skips, read at the offset before the change, reported (hig time-zone rule; review 53 read each by hand)'),
] + (tables_of(HERE.parent / 'review51' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review50' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review49' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 53's reading of main 86967a8f), by message number; the destination
# ones judged by delivering the messages in feed order on Pacific/Auckland (test/review53/destination.test.ts).
# R53-L1 (every message: each carries PID-10): PID-10 `21111^NZ Maori^NZHIS` (the NZ ethnicity code set, level 4;
# also 31111 Samoan, 11111 NZ European) is written as the US Core *race* extension with the text alone; the code and
# its system are dropped without a report line. IG PID[Patient] #10: "should use the local extension, e.g., US = US
# Core Race Extension, AUS = indiginous extension" (review 47 R47-L1, the AU case, was fixed under that row).
L1 = 'R53-L1 (a*) PID-10 NZ ethnicity (NZHIS level-4 code) written as us-core-race text, its code dropped; IG PID #10: local extension'
# R53-L2 (#06, #09, #18, #23; at the destination): each ADT PUTs the visit whole with the locations its own PV1
# names, so a bed the server held from an earlier message's IG row (PV1-6 -> location `completed`, PV1-3 -> the bed)
# is erased: after #06 Mereana's visit no longer names the ED bay she came from (#01's PV1-6), after #18 (an A08) not
# ICU bed B04 (#06's PV1-6), after #23 (the A03) neither ICU bed; after #09 (an A08) Sione's names no ED bay. FHIR R4
# Encounter.location: "List of locations where the patient has been during this encounter"; no report line.
L2 = 'R53-L2 a bed the server held (an earlier ADT\'s PV1-3/PV1-6, IG PV1[Encounter] #3/#6) erased from Encounter.location by the next ADT\'s whole PUT (destination)'
WRONG = {}
SILENT = {6: [L2], 9: [L2], 18: [L2], 23: [L2]}
SILENT_ASTAR = {n: [L1] for n in range(1, 25)}
REFUSED = set()
DELETES = set()
_FIXED = {'R53-L1': '846dfd4a', 'R53-L2': '7e00daab', 'R53-N1': '0f92c4eb'}  # the lead's fix (L1); fix34e (L2): an ADT event's visit PUT keeps the locations the server holds (held-locations.ts), the ones the patient left completed; fix35a (N1, a note, not counted): MDC vital signs categorised

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
