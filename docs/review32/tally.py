#!/usr/bin/env python3
"""Review 32 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-30's method over review 32's 24 synthetic messages (docs/review32/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 32" first, then review 30's and review 29's chains,
read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
Run from the worktree root (after npm run build): python3 docs/review32/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 32: every line of the 24 Bundles read; the rows below are the lines the earlier chains do not
    # class. (b) hits checked against the corpus: OBR-18/19/20/30 have empty FHIR columns in OBR[ServiceRequest] and
    # OBR[DiagnosticReport]; RXC, RXE and RXA-of-a-RAS have no map (RDE_O11 and RAS_O17 "Under Construction" in the
    # message inventory); PV1-37 DLD.2 has no IG row ----
    # #24: my sample error: PV1-37 is a DLD and I put the hospital's name at DLD.2 (the effective date)
    (r'^PV1-37\.2: the discharge location\'s effective date has no IG row', 'b', 'PV1-37.2 (my sample error: a name at DLD.2, the effective date)'),
] + tables_of(HERE.parent / 'review30' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review29' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 32's reading of main 0248a61), by message number. Order events and
# what dispenses, administrations and results point at are judged at the destination
# (test/review32/destination.test.ts: all hold).
# R32-L1 (#06, #07): IAM-5 (ST, "Allergy Reaction Code") free text is written as reaction.manifestation.coding.code
# (no system, no display, no text) where the IG row puts it in reaction.manifestation.text; AL1-5, the same ST, goes
# to .text. No report line.
L1 = 'R32-L1: IAM-5 reaction text (ST) written as manifestation.coding.code, not manifestation.text (IG IAM[AllergyIntolerance] #5)'
WRONG = {}
SILENT = {6: [L1], 7: [L1]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R32-L1': 'cd6e651'}  # fixadt26

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
