#!/usr/bin/env python3
"""Review 73 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-71's method over review 73's 24 synthetic messages (docs/review73/messages/, drawn by
docs/reviewtools/draw.py): a US regional reference laboratory (TRRL, invented) sending ELR-style ORU^R01 v2.5.1 to
its client practices and reportable results to the state health department, and the practices' OML^O21 / ORM^O01
orders, on one America/New_York channel across the spring-forward of 11 March 2035 (02:00-02:59 does not exist).
Preliminary -> final, a corrected potassium, a cancelled test (OBR-25 X), two reflex tests (OBR-11 G, OBR-26/29), a
Pap report with an embedded PDF, SN values, SNOMED coded results, a send-out test (OBX-23/24/25 of another lab). The
focus is result status at the FHIR destination, specimens (SPM), reflex links and performing-lab attribution.
CLASSES: the rows marked "review 73" first, then review 71's, 70's and 69's chains, read through tally_core.tables_of, not copied. Manual
findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix (_FIXED,
asked of git). tally_core converts with default options (zone UTC); the values were judged by hand on
America/New_York (test/review73/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review73/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 73: every Bundle read; each hit checked in the corpus (no IG target) or against hig's documented rule.
] + (tables_of(HERE.parent / 'review71' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review70' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review69' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 73's reading of main 66122524), by message number; judged by
# delivering the messages in feed order on America/New_York (test/review73/destination.test.ts).
R73_W1 = ('R73-W1 OBR-7 02:15 (a clock time the night skips) read 07:15Z, after its own SPM-18 03:05 EDT and an hour '
          'from its SPM-17: DiagnosticReport.effectiveDateTime')
WRONG = {14: [R73_W1], 15: [R73_W1], 16: [R73_W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R73-W1': 'de0414f7'}  # fix38e: a bare OBR-7/8 is held against the SPM-18 of its own order group's specimens (the latest receipt; segments/collection-receipt.ts)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
