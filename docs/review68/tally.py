#!/usr/bin/env python3
"""Review 68 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-65's method over review 68's 24 synthetic messages (docs/review68/messages/, drawn by
docs/reviewtools/draw.py): a private hospital in Mexico City on one America/Mexico_City channel (June 2033, -06:00
all year since the 2022 law): ADT (HSCPADT v2.5 UTF-8: A04, A01, A02, A03, A08, A05, A38), order entry (HSCPHIS
OML^O21 v2.5.1: two OBRs of one placer group, one cancelled by ORC-1 CA), the laboratory (HSCPLIS ORU^R01 v2.5.1,
ISO-8859-1: NM and SN values, a preliminary -> final pair, a corrected creatinine, a urine culture with its child
susceptibility OBR by OBR-26 / OBR-29) and imaging (HSCPRIS ORU^R01 v2.5 text report). Two surnames per patient in
FN.1, the CURP (NNMEX) and the IMSS NSS (SS) beside the MRN. The focus is laboratory results at the FHIR destination
and the Spanish names and identifiers. CLASSES: the rows marked "review 68" first, then review 65's, 64's and 63's
chains, read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by
message number; each counts only on a commit before its fix (_FIXED, asked of git). tally_core converts with default
options (zone UTC); the values were judged by hand on America/Mexico_City (test/review68/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review68/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 68: every Bundle read; each hit checked in the corpus (no IG target) or against hig's documented rule.
] + (tables_of(HERE.parent / 'review65' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review64' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review63' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 68's reading of main 446f8d27), by message number; judged by
# delivering the messages in feed order on America/Mexico_City (test/review68/destination.test.ts).
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
