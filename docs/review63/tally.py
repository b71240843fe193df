#!/usr/bin/env python3
"""Review 63 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-62's method over review 63's 24 synthetic messages (docs/review63/messages/, drawn by
docs/reviewtools/draw.py): a UK NHS acute trust's PAS (WVPAS ADT v2.4: A01/A02/A03/A04/A08/A11/A12/A13/A40, MSH-7
without an offset), pathology LIMS (WVLIMS ORU^R01 v2.4: FBC, U&E, troponin series, a cancelled U&E, a corrected
potassium; MSH-7 with +0100 / +0000) and order comms (WVICE ORM^O01 v2.4) on one Europe/London channel across the end
of BST on Sunday 26 October 2031. The focus is the event semantics of cancels and corrections (A11, A12, A13, ORC-5
CA / OBR-25 X, OBX-11 C) and times across the clock change, judged at the FHIR destination. CLASSES: the rows marked
"review 63" first, then review 62's, 61's and 60's chains, read through tally_core.tables_of, not copied. Manual
findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix
(_FIXED, asked of git). tally_core converts with default options (zone UTC): the repeated-hour report lines of the
Europe/London channel do not appear there (they are remarks, not losses); the values were judged by hand on
Europe/London (test/review63/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review63/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 63: every Bundle read; each report line of this sample is classed by the chained rows (review 59's
    # XTN.2 use code without a FHIR use (ORN), NTE-2; review 50's PV1-6 of an A12; the OBR-27 beside ORC-7 row; the
    # 'meta' row for MSH-15/16) or tally_core REMARKS (XPN.7 `U` of the unknown male): no row of its own is needed.
] + (tables_of(HERE.parent / 'review62' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review61' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review60' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 63's reading of main ce865288), by message number; judged by
# delivering the messages in feed order on Europe/London (test/review63/destination.test.ts).
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
