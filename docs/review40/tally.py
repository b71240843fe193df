#!/usr/bin/env python3
"""Review 40 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-39's method over review 40's 24 synthetic messages (docs/review40/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 40" first, then review 39's, 38's and 37's chains, read
through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each counts only
on a commit before its fix (_FIXED, asked of git).
tally_core converts with default options (zone UTC): the report lines it classes are the ones read under the channel
zone Europe/Berlin the review read the Bundles with. Under Berlin three `value` remarks name a time in the hour the
zone repeats (#13 MSH-7, RXA-3, RXA-4; #24 FT1-4: bare, first pass, reported); under UTC there is no repeated hour, so
those remarks are absent there and classed by nothing: they are reports of a right reading, not losses.
Run from the worktree root (after npm run build): python3 docs/review40/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 40: every Bundle read; no line left unclassed by the chained rows (the (b) hits checked in the
    # corpus: PV2-47 (PV2[Encounter] #47 empty), MRG-1/MRG-5 of an A06/A07 (MRG[Account] #1/#5 empty; mapping.md known
    # gap "MRG-5 … not mapped"), PRB-2/10/13 (no PRB map in the corpus), RXD-15/16 (no RXD map), RXA-1/2/17 of a RAS
    # (no RXA[MedicationAdministration] sheet), NTE-2, TXA-4/5/22 PPN.15, OBX-3/4/11 of a document, TQ1-3.2/3.3).
] + (tables_of(HERE.parent / 'review39' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review38' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review37' / 'tally.py')['CLASSES'])

# Manual findings the report cannot show (review 40's reading of main 997f51a), by message number; the destination
# ones judged by delivering the messages in feed order (test/review40/destination.test.ts, defects.test.ts).
# R40-W1 (#08, #11, #14, #17, #18): PID-3 `4711210988^^^SVAT^SS` (an Austrian social-insurance number, CX.4 SVAT) →
# Identifier.system http://hl7.org/fhir/sid/us-ssn: the type's fallback system used though CX.4 names the authority
# (IG CX[Identifier] #4 → assigner when not in the registry, #5 → type only; mapping.md: "CX.5 when CX.4 is empty").
W1 = 'R40-W1: a foreign social-insurance number (CX.5 SS, CX.4 a non-US authority) given the US SSN system (IG CX[Identifier] #4, #5; mapping.md CX.5 only when CX.4 is empty)'
WRONG = {8: [W1], 11: [W1], 14: [W1], 17: [W1], 18: [W1]}
SILENT = {}
SILENT_ASTAR = {}
# #09 ADT^A52 (cancel leave of absence, v2.5 3.3.52): UNSUPPORTED_EVENT, a documented known gap (mapping.md
# "Supported events": ADT^A42/A50–A55 refused); converted since R40-N1's fix (A52 → in-progress), so it counts
# as refused only on a commit before it
_FIXED = {'R40-W1': 'df16b88', 'R40-N1': '874bfb4', 'R40-N2': 'becb4526'}
REFUSED = set() if _fixed(_FIXED['R40-N1']) else {9}
DELETES = set()

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
