#!/usr/bin/env python3
"""Review 36 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-34's method over review 36's 24 synthetic messages (docs/review36/messages/, drawn by
docs/reviewtools/draw.py). CLASSES: the rows marked "review 36" first, then review 34's and review 33's chains,
read through tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, REFUSED) by message number; each
counts only on a commit before its fix (_FIXED, asked of git).
Run from the worktree root (after npm run build): python3 docs/review36/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 36: every line of the 24 Bundles read; the catch-all "field without IG target" (b) hits checked
    # against the corpus: OBR-18/19/20 (OBR[ServiceRequest]/OBR[DiagnosticReport] #18-#20: "the implementer must
    # decide", no target; the RIS's accession in OBR-18 is OBR-3's, kept as FILL), OBR-24 of an order
    # (OBR[ServiceRequest] #24 has no target; the report's is mapped: category), OBR-30, OBR-44, OBR-45 (no target in
    # either OBR map), OBR-7/OBR-8/OBR-34 of an ORM status update (#7/#8 "should not be populated in … ORM"; #34 no
    # row in OBR[ServiceRequest]), SCH-6 and AIS-2/AIG-2/AIL-2/AIP-2 (no target, mapping.md), TXA-5 (no target),
    # OBX-11 of an MDM's content (OBX[DocumentReference] has no #11), DG1-2 ----
    (r'^OBR-(18|19|20|30|44|45) is valued but not mapped', 'b', 'OBR-18/19/20 placer/filler fields, OBR-30, OBR-44/45 procedure code/modifier: no IG target (review 36)'),
    (r'^AIP-2 is valued but not mapped', 'b', 'AIP-2 segment action code: no IG target (review 36)'),
    (r'^TXA-5 is valued but not mapped', 'b', 'TXA-5 primary activity provider: no TXA[DocumentReference] target (review 36)'),
    (r'^OBX-11 is valued but not mapped', 'b', 'OBX-11 of an MDM document content: no OBX[DocumentReference] #11 row (review 36)'),
    (r'^TXA-4: the activity date/time has no DocumentReference element', 'b', 'TXA-4 activity time: no target (review 36)'),
    (r'^OBX-3: the observation identifier of a document\'s content has no DocumentReference element', 'b', 'OBX-3 of an MDM content: no target (review 36)'),
    # fixtime27 (R36-W1): a date-only TXA-6 is left out and reported; TXA[DocumentReference] #6 maps it to date only
    # "If time is included", else to R6's extension-date ("If … FHIR R6.0 is available"): no R4 target
    (r'^TXA-6: a date without a time of day cannot be an instant', 'b', 'TXA-6 date only: #6 maps it only "If time is included", else R6 extension-date (no R4 target) (fixtime27)'),
] + tables_of(HERE.parent / 'review34' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review33' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 36's reading of main 7de7ac4), by message number. Order events and
# what results point at are judged at the destination (test/review36/destination.test.ts).
# R36-W1 (#19): TXA-6 `20270128` (no time) → DocumentReference.date 2027-01-28T00:00:00+05:45, a midnight nobody sent
# (IG TXA[DocumentReference] #6 maps TXA-6 → date only "If time is included"; mapping.md's TXA row says the same).
# R36-W2 (#22): the OMG ORC-1 CA of NIR36-0004, an order event searched by PLAC + OBR-4, also patches the scheduler's
# ServiceRequest of the booking (SIU SCH-26, same PLAC and code): the order's requested 12 Feb 09:00, requester and
# reasons written over the booked 13 Feb 10:30-11:15 (until an S15, #23 here, PUTs it again).
W1 = 'R36-W1: a date-only TXA-6 → DocumentReference.date at an invented midnight in the sender\'s zone (IG TXA[DocumentReference] #6 "If time is included")'
W2 = 'R36-W2: an order cancel (OMG ORC-1 CA) patches the scheduler\'s request of the booking too, with the order\'s old requested time (IG ORC[ServiceRequest] #1; SIU_S12 AIS → ServiceRequest; mapping.md ServiceRequest of an AIS, CR16-1)'
WRONG = {19: [W1], 22: [W2]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R36-W1': '1dce84b', 'R36-W2': '4be1bf3'}  # fixtime27; fixsiu27: order searches leave out the scheduler's request (_tag:not)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
