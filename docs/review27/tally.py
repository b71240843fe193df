#!/usr/bin/env python3
"""Review 27 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-26's method over review 27's 24 synthetic messages (docs/review27/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 27" first, then review 26's table (itself review
24's and 23's…), read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT) by message
number; each counts only on a commit before its fix (_FIXED, asked of git; empty: nothing fixed yet).
Run from the worktree root (after npm run build): python3 docs/review27/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 27: two report texts the earlier tables did not place; every other line of the 24 Bundles is classed
    # by review 26's chain (the (b) "field without IG target" hits checked in the corpus: PV1-39, RXE-13/21, RXD-13,
    # RAS ORC-1 and RXA-1/2/11/22 (no RXA[MedicationAdministration] sheet), TXA-5, NTE-2, SPM-21 (vocabulary only, no
    # FHIR attribute), MSH-21, RXA-20 beside RXA-21 D; ORC-2/3 "valued but not mapped" of a lab order: the numbers are
    # on the ServiceRequest's identifiers from OBR-2/3, checked in each Bundle) ----
    # #07 IAM-2 MA: the IG's AllergenType[AllergyIntoleranceCategory] map has empty FHIR columns for MA and MC
    (r'^IAM-2: an allergen type the IG\'s AllergyIntoleranceCategory map gives no category', 'b', 'IAM-2 MA/MC (AllergyIntoleranceCategory map: no category)'),
    # #07 IAM-14 is an XPN (reported by); my sample sent an XCN (NPI^family^given…^NPI): XPN.13 'NPI' is no date
    (r'^IAM: name period end is not a valid date/time', 'nc', 'IAM-14 XCN sent as XPN (my sample error)'),
] + tables_of(HERE.parent / 'review26' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 27's reading of main 37715b1), by message number, judged at the
# destination (test/review27/destination.test.ts delivers all 24; defects.test.ts replays the pairs).
# R27-L1 (#21 after #20): the hospital's OML CA of the BMP the lab's ORU had already cancelled (ORC-5 CA) is dropped
# whole by the destination (order-events.ts ENDED): businessEvent CA with its ORC-9 date never reaches the order.
L1 = "R27-L1: the placer's CA of a test the lab already cancelled is dropped at the destination: businessEvent CA/ORC-9 (IG ORC[ServiceRequest] #1) never reach the order"
# R27-A1 (#09 after #06): the RDE DC's JSON Patch replaces dosageInstruction with its bare one: RXR-3 IV pump (IG
# RXR[MedicationRequest] #3 → dosageInstruction.??extension-device??, an unnamed extension: a*) removed; RXE-7 sig and
# RXE-23/24 rate (no RXE map: b) removed with it.
A1 = 'R27-A1: the RDE DC replaces the held dosageInstruction: the XO\'s RXR-3 device removed (IG RXR[MedicationRequest] #3, a*), with RXE-7/23/24 (b)'
# Identity findings R27-D1 (Specimen split: #15, #16, #20) and R27-D2 (AL1 + IAM penicillin: #07) are not in the
# verdict classes: every fact each message sends reaches the server, on a second resource (mapping-review-27.md).
WRONG = {}
SILENT = {21: [L1]}
SILENT_ASTAR = {9: [A1]}
REFUSED = set()
DELETES = set()
_FIXED = {'R27-L1': 'bc38288', 'R27-A1': '3eff58f', 'R27-D1': '69d5056b', 'R27-D1 SC': '095134ca'}  # fix24's ended-order patch + the lead's same-state rule; fixrx26's held-dosage merge; fix36a (SPM case), fix36e (SC case: #15 after #14)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
