#!/usr/bin/env python3
"""Review 71 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-68's method over review 71's 24 synthetic messages (docs/review71/messages/, drawn by
docs/reviewtools/draw.py): a pediatric practice network in Puerto Rico and the territory's immunization registry on
one America/Puerto_Rico channel (March 2034, AST -04:00 all year, across the US DST start of 12 March): the practice's
ADT (A04, A08) and VXU^V04 v2.5.1 in the CDC IIS IG's style (several doses per message, dose OBX 64994-7 / 30963-3 /
VIS / 31044-1 / 30945-0, historical doses, a refusal, a not-given for a contraindication, RXA-21 U and D), the
registry's A31 and consolidated-history VXU, blood lead ORU^R01 and a newborn hearing ORU^R01. Two surnames per child in
FN.1. The focus is immunization correctness at the FHIR destination and identity across ADT and VXU. CLASSES: the rows
marked "review 71" first, then review 68's, 67's and 66's chains, read through tally_core.tables_of, not copied. Manual
findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix (_FIXED,
asked of git). tally_core converts with default options (zone UTC); the values were judged by hand on
America/Puerto_Rico (test/review71/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review71/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 71: every Bundle read; each hit checked in the corpus (no IG target) or against hig's documented rule.
] + (tables_of(HERE.parent / 'review68' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review67' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review66' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 71's reading of main 487c5f42), by message number; judged by
# delivering the messages in feed order on America/Puerto_Rico (test/review71/destination.test.ts).
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
