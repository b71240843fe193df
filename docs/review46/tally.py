#!/usr/bin/env python3
"""Review 46 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-45's method over review 46's 16 synthetic messages (docs/review46/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 46" first, then review 45's, 44's and 43's chains, read
through tally_core.tables_of, not copied.
tally_core converts with default options (zone UTC); this sample is on an America/Denver channel in July 2031 (MDT,
-06:00, no change): bare times the review reads at -06:00 are read at UTC by the tally; no classed line depends on
the zone. Run from the worktree root (after npm run build): python3 docs/review46/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 16

CLASSES = [
    # ---- review 46 ----
] + (tables_of(HERE.parent / 'review45' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review44' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review43' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 46's reading of main c6bea194), by message number; the destination
# ones judged by delivering the messages in feed order (test/review46/destination.test.ts).
WRONG = {}
SILENT = {}
SILENT_ASTAR = {}
_FIXED = {}
REFUSED = set()
DELETES = set()

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
