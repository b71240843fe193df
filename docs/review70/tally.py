#!/usr/bin/env python3
"""Review 70 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-68's method over review 70's 24 synthetic messages (docs/review70/messages/, drawn by
docs/reviewtools/draw.py): a US level-I trauma center's emergency department on one America/Phoenix channel (July
2034, -07:00 all year: Arizona keeps no daylight saving): registration (DVTCADT ADT v2.5.1: A04, A01, A06 ×2, A08 ×3,
A40, A17, A11, A03; an unidentified trauma patient "TRAUMA, ZULU" under a temporary MRN, renamed by an A08 and merged
by an A40 into his existing MRN), order entry (DVTCOE ORM^O01 v2.3: STAT CT and labs, a timed troponin series, one
ORC-1 DC), the laboratory (DVTCLAB ORU^R01 v2.5.1: critical values OBX-8 HH / LL with "called to … read back" NTEs, a
hs-troponin T series, a repeat hemoglobin sent under the temporary MRN after the merge) and radiology (DVTCRAD ORU^R01
v2.5.1: CT head preliminary then final, the final under the real MRN). The focus is identity through alias -> real
name -> merge at the FHIR destination, the event semantics of A06 / A17 / A11, and critical result flags. CLASSES: the
rows marked "review 70" first, then review 68's, 67's and 66's chains, read through tally_core.tables_of, not copied.
Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix
(_FIXED, asked of git). tally_core converts with default options (zone UTC); the values were judged by hand on
America/Phoenix (test/review70/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review70/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 70: every Bundle read; each hit checked in the corpus (no IG target) or against hig's documented rule.
    # ORC-7.6 / OBR-5 T (timing critical) of the timed troponin draws: the IG's ExtendedPriorityCodes map gives T no
    # request-priority code (its row's FHIR columns are empty; review 37 classed OBR-27.6 alike).
    (r'^(ORC-7\.6|OBR-5): a priority the request-priority codes cannot say \(table 0485\)', 'b',
     'ORC-7.6 / OBR-5 T timing critical: ExtendedPriorityCodes row without a FHIR code (review 70)'),
] + (tables_of(HERE.parent / 'review68' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review67' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review66' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 70's reading of main 487c5f42), by message number; judged by
# delivering the messages in feed order on America/Phoenix (test/review70/destination.test.ts).
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
