#!/usr/bin/env python3
"""Review 46 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-45's method over review 46's 16 synthetic messages (docs/review46/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 46" first, then review 45's, 44's and 43's chains, read
through tally_core.tables_of, not copied.
tally_core converts with default options (zone UTC); this sample is on an America/Denver channel in July 2031 (MDT,
-06:00, no change): bare times the review reads at -06:00 are read at UTC by the tally; the only line that depends
on the zone is R35-N1's channel remark on the BH clinic's #12-#14 (MSH-7 -0600; absent on the review's channel).
The chain is exponential through tables_of (each review's tables load their own chain): on a loaded machine this
took over 6 minutes; speed-up used for the review's run: memoise tally_core.tables_of before running. Run from the worktree root (after npm run build): python3 docs/review46/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 16

CLASSES = [
    # ---- review 46: every Bundle read; the (b) hits checked in the corpus (no RF1, FT1, RXE or ORC[MedicationRequest]
    # sheet; ORC[ServiceRequest] #15 no target; DiagnosisType W/F no role; TXA #4/#5/#22, OBX[DocumentReference] #3 no
    # target), classed by the chained rows. The line below: OBR-32's NDL CNN.7 degree LCSW is no code of table 0360;
    # Practitioner.qualification.code keeps it without a system (checked in the Bundle), only the system is left out.
    (r'^OBR: XCN\.7 \(degree\): a code without a coding system that is no code of HL7 table 0360 keeps no system', 'b', 'remark: NDL CNN.7 degree outside table 0360 kept without a system (qualification.code kept; review 46)'),
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
