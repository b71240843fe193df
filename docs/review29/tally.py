#!/usr/bin/env python3
"""Review 29 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-28's method over review 29's 24 synthetic messages (docs/review29/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 29" first, then review 28's table (itself review
26's, 24's, 23's…), read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT) by message
number; each counts only on a commit before its fix (_FIXED, asked of git; empty: nothing fixed yet).
Run from the worktree root (after npm run build): python3 docs/review29/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 29: every other report line of the 20 Bundles is classed by review 28's chain (26, 24, 23…); the (b)
    # hits checked in the corpus CSVs: OBR-26 (PRL; "next edition with micro"), TXA-5/11/13, RXE-14/15/21/22, RXD-6/13,
    # NTE-2 have empty FHIR columns; RXC, RXE, RXD have no map in the corpus ----
    # #15/#16 (NOVOPATH): OBR-14 11:15 beside an SPM whose SPM-18 is the same 11:15, which hig maps to the Specimen's
    # receivedTime [IG SPM[Specimen] #18]: the fact of OBR[Specimen] #14 is in the Bundle; the older (a) row (no
    # Specimen made from an OBR) does not hold in this sample, whose every OBR-14 has its SPM-18 twin
    (r'^OBR-14 is valued but not mapped', 'nc', 'OBR-14 beside an SPM whose SPM-18 (same instant) gives Specimen.receivedTime (review 29 sample)'),
] + tables_of(HERE.parent / 'review28' / 'tally.py')['CLASSES']

WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
# ADT^A21 / ADT^A22 (leave of absence, return: R29-R1, R29-R2), MDM^T04 / MDM^T11 (R28-R1, R28-R2 classes):
# UNSUPPORTED_EVENT
# A21/A22 (R29-R1/R2) and T04/T11 (R28-R1/R2 classes) taken on by the lead after this review
REFUSED = (set() if _fixed('745958e') else {3, 4}) | (set() if _fixed('5560cc4') else {18, 20})
DELETES = set()
_FIXED = {}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
