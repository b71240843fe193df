#!/usr/bin/env python3
"""Review 33 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-32's method over review 33's 24 synthetic messages (docs/review33/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 33" first, then review 32's and review 31's chains,
read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
Run from the worktree root (after npm run build): python3 docs/review33/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 33: every line of the 24 Bundles read; the earlier chains class them all. The catch-all
    # "field without IG target" (b) hits were checked against the corpus: RXE-1/15/21 (no RDE map: RDE_O11 "Under
    # Construction"), RXA-1/2/22 of a RAS (RAS_O17 "Under Construction"), RXA-1/2 in VXU (RXA[Immunization] #1/#2
    # empty; my RXA-2 is the dose in series, a vendor habit, not the sub-id), NTE-2 (NTE[Observation] #2 empty),
    # SCH-6, AIS-2/AIL-2/AIP-2, TXA-5, OBX-11 of a document (empty FHIR columns). ORC-2/ORC-3 "valued but not mapped"
    # in #11-#13 is a spurious line (R33-N4): OBR-2/OBR-3 carry the same numbers, kept as PLAC/FILL; no fact lost
    # (the line is gone since b29012f) ----
] + tables_of(HERE.parent / 'review32' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review31' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 33's reading of main e037568), by message number. Order events and
# what administrations and results point at are judged at the destination (test/review33/destination.test.ts).
# R33-W1 (#13): one dried-blood-spot card (SPM-2 filler NB27-003313-1) sent under four OBRs of one ORU is four
# Specimen resources with the same identifier (cx.add 'distinct'): four copies at the server; SPM-3 of the repeat
# card cannot resolve to it. IG SPM[Specimen] #2 → identifier; mapping.md Specimen identity (patient + SPM-2 filler).
# R33-L1 (#05): the A40 survivor's link `replaces` (PUT by id: the MR has no system) is erased at the server by the
# next message about the baby (any PID PUTs the Patient whole, and no PID carries a link). mapping.md MRG row.
# Fixed by 2a28191 (fixlink27): the FHIR destination carries the held links onto a later Patient PUT (held-links.ts).
W1 = 'R33-W1: one specimen (SPM-2 filler) under four OBRs is four Specimen resources at the server (IG SPM[Specimen] #2; mapping.md Specimen identity)'
L1 = 'R33-L1: the A40 survivor\'s link replaces is erased at the server by the next message about the patient (mapping.md MRG row; FHIR Patient.link)'
WRONG = {13: [W1]}
SILENT = {5: [L1]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R33-W1': '86b1b06', 'R33-L1': '2a28191'}  # fixspm26, fixlink27

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
