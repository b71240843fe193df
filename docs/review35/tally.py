#!/usr/bin/env python3
"""Review 35 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-34's method over review 35's 24 synthetic messages (docs/review35/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 35" first, then review 34's and review 33's chains,
read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each
counts only on a commit before its fix (_FIXED, asked of git).
Run from the worktree root (after npm run build): python3 docs/review35/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 35: every line of the 24 Bundles read; the earlier chains class them all but one. The catch-all
    # "field without IG target" (b) hits were checked against the corpus: ROL-2 (ROL[Encounter-PractitionerRole] #2
    # empty FHIR column), MRG-1/MRG-5 of an A06/A44 (MRG[Account] #1, #5 empty), PV2-47 (PV2[Encounter] #47 empty).
    # #10/#19 (CORELLA): OBR-14 beside an SPM whose SPM-18 is the same instant, which hig maps to the Specimen's
    # receivedTime (the chain's (a) row, "no Specimen made from an OBR", does not hold: the value is there) ----
    (r'^OBR-14 is valued but not mapped', 'nc', 'OBR-14 beside an SPM whose SPM-18 (same instant) gives Specimen.receivedTime (review 35 sample)'),
] + tables_of(HERE.parent / 'review34' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review33' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 35's reading of main 7de7ac4), by message number. Visit status,
# periods, location history and what cancels undo are judged at the destination (test/review35/destination.test.ts).
# R35-L1 (#14): A10's PV1-11 temporary location (CT room 1) is written `active` beside the `active` assigned bed
# without the IG's subject-locationClassification "temporary" extension, and without a report line.
L1 = 'R35-L1: PV1-11 temporary location without its subject-locationClassification "temporary" extension, no report line (IG PV1[Encounter] #11 location[3].extension)'
WRONG = {}
SILENT = {14: [L1]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R35-L1': '7fd47c9'}  # temploc27

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
