#!/usr/bin/env python3
"""Review 72 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-71's method over review 72's 24 synthetic messages (docs/review72/messages/, drawn by
docs/reviewtools/draw.py): a Korean tertiary university hospital (Hanbit University Hospital, invented) on one Asia/Seoul
channel (March 2035, KST +09:00, no daylight saving): ADT v2.5 (A04, A01 from the ER, A02, A03, A13, A08, A31), order
entry OML^O21 v2.5.1 (lab panels, one test cancelled by ORC-1 CA), lab ORU^R01 v2.5.1 (chemistry preliminary -> final
-> corrected, a blood culture with a child susceptibility OBR), pharmacy RDE^O11 v2.5.1 (TQ1 timing, XO, DC) and a
radiology text report, all UTF-8 with Hangul names (family + given, some with an alias XPN-7 A). CLASSES: the rows
marked "review 72" first, then review 71's, 70's and 69's chains, read through tally_core.tables_of, not copied. Manual
findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix (_FIXED,
asked of git). tally_core converts with default options (zone UTC); the values were judged by hand on Asia/Seoul
(test/review72/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review72/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 72: every Bundle read; each hit checked in the corpus (no IG target) or against hig's documented rule.
] + (tables_of(HERE.parent / 'review71' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review70' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review69' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 72's reading of main 66122524), by message number; judged by
# delivering the messages in feed order on Asia/Seoul (test/review72/destination.test.ts).
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
