#!/usr/bin/env python3
"""Review 30 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-26's method over review 30's 24 synthetic messages (docs/review30/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 30" first, then review 26's chain (itself review 24's,
23's, 22's...), read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT) by message number;
each counts only on a commit before its fix (_FIXED, asked of git; empty: nothing fixed yet).
Run from the worktree root (after npm run build): python3 docs/review30/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 30: every line of the 24 Bundles classed by review 26's chain but one (below); the (b) "field without
    # IG target" hits checked against the corpus rows: RXO-20, SCH-6, AIS/AIL/AIP-2, IAM-8, DG1-2, TXA-5/7 have empty
    # FHIR columns; RF1-x (no RF1 map), RXA-11/15/16/17 of a RAS (no RXA[MedicationAdministration] sheet) ----
    # #06/#07: my sample error, IAM-14 is an XPN (v2.5 "Reported By") and I sent it XCN-shaped (NPI at XPN.1, `L` at
    # XPN.10, the name's validity range): hig reads the XPN it is, the "period end" it leaves out is my `L`
    (r'^IAM: name period end is not a valid date/time', 'b', 'IAM-14 XPN.10 (my sample error: IAM-14 sent XCN-shaped)'),
] + tables_of(HERE.parent / 'review26' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 30's reading of main 24d3310), by message number. Order events, the
# orders results and administrations name are judged at the destination (test/review30/destination.test.ts).
# R30-L1 (#23 after #22): the RAS (ORC-5 CM, no RXO/RXE, both optional in RAS_O17) makes no MedicationRequest: the
# administration has no `request` and the order stays `active` at the server (the ORC-5 line is classed (b) above; the
# order link and its status are silent). hig's rule (mapping.md "Resource identity", MedicationRequest) applies
# ORC[ServiceRequest] #5 via OrderStatus to the order a RAS names; the same RAS with an RXO does it.
L1 = 'R30-L1: the RAS without RXO/RXE names no order: MedicationAdministration.request missing, ORC-5 CM does not complete the order (ORC[ServiceRequest] #5 as hig applies it to RAS_O17)'
WRONG = {}
SILENT = {23: [L1]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R30-L1': '221d272'}  # the lead's fix

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
