#!/usr/bin/env python3
"""Review 74 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-73's method over review 74's 24 synthetic messages (docs/review74/messages/, drawn by
docs/reviewtools/draw.py): a Canadian community hospital (LBCH, invented) whose PAS sends ADT A04/A01/A08/A31/A40
(MRN + provincial health card of its own authority, address, phones, NK1) and whose lab (OML^O21, ORU^R01), pharmacy
(RDE^O11), radiology (ORU^R01), dictation (MDM^T02) and the public-health registry (VXU^V04, its own client id) echo
thinner or different PIDs, on one America/Toronto channel with default options (May 2035, EDT). The focus is which
message may change the Patient at the FHIR destination (the hig patient-authority rule).
CLASSES: the rows marked "review 74" first, then review 73's, 72's and 71's chains, read through tally_core.tables_of,
not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit
before its fix (_FIXED, asked of git). tally_core converts with default options (zone UTC); the values were judged by
hand on America/Toronto at the server (test/review74/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review74/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 74: every Bundle read; each hit checked in the corpus (no IG target) or against hig's documented rule.
] + (tables_of(HERE.parent / 'review73' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review72' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review71' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 74's reading of main 3deb1ee1), by message number; judged by
# delivering the messages in feed order on America/Toronto (test/review74/destination.test.ts).
R74_W1 = ('R74-W1 a VXU from the public-health registry (no ADT) replaces the address the PAS registered with the '
          'family\'s old one: Patient.address at the server')
WRONG = {19: [R74_W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
