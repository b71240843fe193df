#!/usr/bin/env python3
"""Review 38 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-37's method over review 38's 24 synthetic messages (docs/review38/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 38" first, then review 37's, 36's and 35's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): the report lines it classes are the ones read under the channel
zone Europe/London the review read the Bundles with (every repeated-hour time in this sample is either offset-bearing
or read beside an MSH-7 with its offset, so no `value` remark differs).
Run from the worktree root (after npm run build): python3 docs/review38/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 38: every Bundle read; no line left unclassed by the chained rows (the (b) hits checked: RXA-1/2/11/
    # 12/18 of a RAS (no RXA[MedicationAdministration] sheet; RXA[Immunization] #11/#12 empty), RXE-22, FT1-5/6/13/23
    # (no FT1 map), NTE-2, SCH-6, TXA-4/5/22 PPN.15, OBX-3/11 of a document). RXA-12 is reported as a (b) line but
    # is also R38-W1 (its RXA-6/7 rate made a dose): WRONG below.
] + (tables_of(HERE.parent / 'review37' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review36' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review35' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 38's reading of main 8d3739c), by message number; the destination
# ones judged by delivering the messages in feed order (test/review38/destination.test.ts, defects.test.ts).
# R38-W1 (#08, #16): RXA-6/7 with RXA-12 H1 (an infusion rate: 167 mL/h, 125 mL/h) → dosage.dose 167 mL / 125 mL, the
# amount given; RXA-12 reported "valued but not mapped". The rate is lost and a wrong amount stands in its place.
W1 = 'R38-W1: an infusion rate (RXA-6/7 per RXA-12 time unit) written as MedicationAdministration.dosage.dose, the amount given (mapping.md RXA outside VXU; FHIR dosage.dose vs dosage.rate[x])'
WRONG = {8: [W1], 16: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R38-W1': '16fe610'}  # rate27

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
