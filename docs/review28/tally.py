#!/usr/bin/env python3
"""Review 28 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-26's method over review 28's 24 synthetic messages (docs/review28/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 28" first, then review 26's table (itself review
24's and 23's…), read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT) by message
number; each counts only on a commit before its fix (_FIXED, asked of git; empty: nothing fixed yet).
Run from the worktree root (after npm run build): python3 docs/review28/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 28: every line of the 22 Bundles classed; the generic "valued but not mapped" (b) row of review 22's
    # table was checked field by field against the corpus: IAM-8/18/20, MRG-1/7 in an A44, TXA-5/7/11, DG1-2, RXA-1/2,
    # ORC-1 of a VXU have empty FHIR columns; IAM-17 has one (below, first so it wins) ----
    # IG IAM[AllergyIntolerance] #17 → clinicalStatus; hig reads table 0438 into verificationStatus only and reports
    # a code it has no reading for (#12: I, confirmed but inactive; the wrong clinicalStatus is R28-W1 in WRONG)
    (r'^IAM-17 is valued but not mapped', 'a', 'IAM-17 (IG IAM[AllergyIntolerance] #17 clinicalStatus) not read'),
    # R28-L2: IG AL1[AllergyIntolerance] #2 category.extension[1] via AllergenType[AllergyIntoleranceOriginalCategory]
    # (MA → v2-0127 MA): hig keeps no `_category` when the category map has none (it does keep `_criticality` alone)
    (r"^AL1-2: an allergen type the IG's AllergyIntoleranceCategory map gives no category", 'a', 'R28-L2 AL1-2 MA/MC original category (IG AL1[AllergyIntolerance] #2 .extension[1]) not kept'),
    # ORC-17 without ORC-10: IG ORC[Provenance] #17 is agent[1].onBehalfOf, agent[1] being ORC-10's enterer; without
    # ORC-10 the agent has no `who` (R4 1..1), so the row cannot be followed
    (r'^ORC-17 is valued but not mapped', 'b', 'ORC-17 without ORC-10 (ORC[Provenance] #17 onBehalfOf of the ORC-10 agent)'),
] + tables_of(HERE.parent / 'review26' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 28's reading of main 37715b1), by message number.
# R28-W1 (#12): IAM-17 `I^Confirmed but inactive` → clinicalStatus `active` (the row-0 assignment), IAM-17 reported
# unmapped: IG IAM[AllergyIntolerance] #17 → clinicalStatus; the message says inactive.
W1 = 'R28-W1: IAM-17 I (confirmed but inactive) -> clinicalStatus active; IG IAM[AllergyIntolerance] #17 -> clinicalStatus (inactive)'
# R28-L1 (#23): ORC-7 TQ.4 alone (the earliest start) → occurrenceDateTime ("at"), no report line; IG TQ[ServiceRequest]
# #4 → occurrenceTiming.repeat.boundsPeriod.start; docs/mapping.md says occurrencePeriod for a start alone.
L1 = 'R28-L1: ORC-7 TQ.4 alone -> occurrenceDateTime, the start bound lost (IG TQ[ServiceRequest] #4 boundsPeriod.start)'
WRONG = {12: [W1]}
SILENT = {23: [L1]}
SILENT_ASTAR = {}
# MDM^T04 (MDM_T02 structure) and MDM^T11 (MDM_T01): UNSUPPORTED_EVENT (R28-R1, R28-R2)
REFUSED = set() if _fixed('5560cc4') else {20, 22}  # the lead took T03/T04/T11 on
DELETES = set()
_FIXED = {'R28-W1': '01392dd', 'R28-L1': '01392dd'}  # the lead's fixes

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
