#!/usr/bin/env python3
"""Review 17 tally (issue 14): re-run on any later commit to see what moved.

Review 16's script (docs/review16/tally.py) over review 17's 24 synthetic messages (docs/review17/draw.py):
for each message it runs `node bin/hig.js convert --report FILE` (npm run build first), classifies every
report line by CLASSES (first match wins), adds the manual findings the report cannot show (SILENT,
SILENT_ASTAR, WRONG) and prints per message the (a) / (a*) / (b) lines and the verdicts under review 9's
four rules. Unknown lines print as '?' and count as (a).

CLASSES is review 16's table with the rows marked "review 17" first: report texts and "is valued but not
mapped" lines of fields that have an IG row (OBR-13 in an order, ORC-12 of a MedicationAdministration),
that the earlier tables did not meet or put under the (b) catch-all.
Run from the worktree root (after npm run build): python3 docs/review17/tally.py [-v]
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402

VERBOSE = '-v' in sys.argv
DRAW_ARGS = ('-x',) if '-x' in sys.argv else ()
EXPECTED = 24

# (regex on the report text with ' (segment n)' removed, class, short label). First match wins.
CLASSES = [
    # ---- review 17: report texts (and fields with an IG row) the earlier tables did not place ----
    # since fix18b (R17-W2): a report without OBR-24 and without a laboratory signal states no category and
    # says so; the message gave none, so nothing is lost (not counted)
    (r'^OBR-24: empty, and no specimen', 'nc', 'OBR-24 empty: no category stated (R17-W2 fix; nothing lost)'),
    (r'^OBR-13 is valued', 'a', 'OBR-13 relevant clinical information (OBR[ServiceRequest] #13 -> R5 extension-ServiceRequest.supportingInfo valueCodeableReference.concept)'),
    (r'^ORC-12 is valued', 'a', 'ORC-12 of a MedicationAdministration (ORC[MedicationAdministration] #12 -> performer.actor, function v2-0443 OP)'),
    # ORC-1 has a row in ORC[MedicationAdministration] (businessEvent) but none in ORC[Immunization]: the
    # RAS line (#19) is (a) by the map, counted here as (b); #19 has (a) lines anyway (ORC-12), so no verdict moves
    (r'^ORC-1 is valued', 'b', 'ORC-1 in VXU/RAS (no ORC[Immunization] row; RAS: ORC[MedicationAdministration] #1 businessEvent, see the review)'),
    (r'^ORC-5 is valued', 'b', 'ORC-5 of a MedicationAdministration (no ORC[MedicationAdministration] row)'),
    (r'^RXA-20 is valued', 'nc', 'RXA-20 beside RXA-21 D (RXA[Immunization] #20 applies only when RXA-21 is not D)'),
    (r'^PV1-6 is valued', 'nc', 'PV1-6 prior location in A12 (the cancelled move)'),
    # the R16-L1 fix (b998ac9): XTN.2 and XTN.3 both target ContactPoint.use (0..1); the IG rows cannot both
    # be filled, hig keeps CP's mobile and says so (as IN1-9 without IN1-8 above: 'nc')
    (r'XTN\.2 \(its use \w+ beside XTN\.3 CP', 'nc', 'XTN.2 use beside XTN.3 CP (two IG rows to one 0..1 element; mobile kept, reported)'),
    # ---- review 16's table (docs/review16/tally.py: its rows, then review 15's), read from there ----
    *tables_of(Path(__file__).resolve().parents[1] / 'review16' / 'tally.py')['CLASSES'],
]

# Manual findings the report cannot show (review 17's reading of main 2223c40), by message number.
# R17-W1: every administration of one order PUT to one MedicationAdministration URL (keyed by ORC-3/ORC-2
# alone): the next dose of the Q12H enoxaparin (RXA-3 21:10) replaces #19's 09:10 dose on the server.
W1 = 'R17-W1 MedicationAdministration keyed by the order number alone: a later dose of the same order overwrites this one (administration.ts)'
# R17-W2: an echo (CVIS, CPT 93306, LOINC 59282-4) without OBR-24 is stated a Laboratory report
# (DiagnosticReport category v2-0074 LAB, Observations category laboratory): result-category.ts.
W2 = 'R17-W2 a non-lab result without OBR-24 stated category LAB / laboratory (result-category.ts resultKind)'
WRONG = {19: [W1], 13: [W2]}
SILENT = {}
# XAD.7 `L` (legal) has no AddressType[Use]/[Type] row; the IG's other XAD.7 row is an unnamed extension
# (review 15/16's untested (a*), still silent): #20 and #21 PID-11.
SILENT_ASTAR = {20: ['XAD.7 L outside AddressType[Use]/[Type] (IG XAD[Address] #7 extension[2], unnamed)'],
                21: ['XAD.7 L outside AddressType[Use]/[Type] (IG XAD[Address] #7 extension[2], unnamed)']}
REFUSED = set()
DELETES = {}

# Each finding counts only on a commit before its fix (asked of git, as reviews 14-16's tallies do):
# the lead adds 'R17-XX': '<fix commit>' here when fixing one.
_FIXED = {'R17-W1': 'e13676d', 'R17-W2': '53155ad', 'XAD.7 L': '8ce319c'}


if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
