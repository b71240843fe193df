#!/usr/bin/env python3
"""Review 23 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-22's method over review 23's 24 synthetic messages (docs/review23/messages/, drawn by
docs/reviewtools/draw.py). CLASSES is review 22's table (review 21's with review 22's rows first), read through
tally_core.tables_of, not copied, with the rows marked "review 23" first. Manual findings (WRONG, SILENT) by
message number; each counts only on a commit before its fix (_FIXED, asked of git).
Run from the worktree root (after npm run build): python3 docs/review23/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import main, tables_of  # noqa: E402
EXPECTED = 24

CLASSES = [
    # ---- review 23: report texts the earlier tables place too broadly for this sample ----
    # #07: PV1-37.2 (DLD.2 effective date; my sample put the destination's name there): the IG's DLD[Location-Discharge]
    # row 2 has no target, and hig says so
    (r'^PV1-37\.2: the discharge location', 'b', "PV1-37.2 DLD.2 effective date (DLD[Location-Discharge] #2 no target)"),
    # #18/#19: OBR-15 `^^^^^^Urine, clean catch` values SPS.7 specimen role only (my sample error: SPS.3 was meant),
    # which the IG's SPS[Specimen-Source] #7 maps nowhere; review 16's row calls every OBR-15 line (a)
    (r'^OBR-15 is valued', 'b', 'OBR-15 with only SPS.7 specimen role valued (SPS[Specimen-Source] #7 no target; sample error)'),
    # #16 after ca202cc (R23-L1's fix, added by the lead): the line it now gets names a field without a target
    (r'^TXA-22: PPN\.15, the authentication date/time', 'b', 'TXA-22 PPN.15 authentication time (TXA[DocumentReference] #22 no target)'),
] + tables_of(HERE.parent / 'review22' / 'tally.py')['CLASSES']

# Manual findings the report cannot show (review 23's reading of main a912b26), by message number. Order events are
# judged at the destination (what a server holds after the messages before it), as reviews 21/22 did.
# R23-D1 (#05 after #04; #22 after #20): an order-control message that re-sends the whole order (ORM ORC-1 XO with
# its OBR; RDE ORC-1 DC with its RXE) is a full PUT to the order's URL; the IG gives ORC-9 to authoredOn only IF
# ORC-1 = NW, so no such message can carry it, and the server's order loses the time it was placed (patch.ts /
# docs/mapping.md "Explicit null and empties": orders stay full PUTs). No report line.
D1 = 'R23-D1 an XO/DC that re-sends the whole order PUTs it without authoredOn: the held authoredOn is removed (ORC[ServiceRequest] #9 IF NW; mapping.md full PUT of orders)'
# R22-D1 class, found again (#06 after #04/#05; #13 after #12): a result message's ServiceRequest (the filler's echo
# of OBR-2/3/4 + ORC-12) is a full PUT to the placer's order: #06 removes priority stat and the occurrence the XO set,
# #13 removes authoredOn, the DG1 reasonReference, the encounter and the ORC-21 PractitionerRole requester.
RD1 = 'R22-D1 class: a result message PUTs the whole order over the placer\'s: priority/occurrence (#06), authoredOn/reasonReference/encounter/ordering facility (#13) removed (ORC[ServiceRequest] #7/#9/#12/#21, ORM_O01 DG1)'
# R23-L1 (#16): TXA-22.15 authentication time dropped without a report line (TXA[DocumentReference] #22 has no
# target: a (b) field, counted as a silent loss as review 22 counted R22-L2, hig's rule being "mapped or reported").
L1 = 'R23-L1 TXA-22 authentication time dropped without a report line (TXA[DocumentReference] #22, no target; documents.ts takes the person only)'
# R23-L2 (#18, #19): OBX-4 sub-id (`1`: isolate 1; the MIC child's OBR-26 names sub-id 1) neither structured (partOf/
# hasMember/derivedFrom) nor passed on in the IG's extension (OBX[Observation] #4 → OG[Extension-Subidentifier],
# http://hl7.org/fhir/StructureDefinition/observation-v2-subid); read for identity only, no report line.
L2 = 'R23-L2 OBX-4 sub-id neither structured nor in observation-v2-subid: the MICs do not say which isolate (OBX[Observation] #4; obx.ts, characters.ts)'
# R19-I1, found again (#09 after #08): the HIE's A40 names the person by the enterprise PI alone; its A08 sent PI + the
# facility MR and was keyed on the MR, so the survivor is another Patient and #08's stays active, unlinked
# (docs/mapping.md Known gaps "Identity", review 19 R19-I1; review 19 counted it wrong data).
I1 = 'R19-I1 the A40 survivor (PI alone) is another Patient than the A08 of the same person (PI + MR): one person, two active Patients (identity.ts; documented Known gap)'
WRONG = {9: [I1]}
# The lead split D1 when own23 fixed its ServiceRequest half (#05, the ORM XO); #22 is the pharmacy half (RDE DC of a
# MedicationRequest), which own23 left as a known gap.
D1P = 'R23-D1p the pharmacy half of R23-D1: an RDE DC re-sending the order PUTs the MedicationRequest without authoredOn (ORC-9 IF NW applied to MedicationRequest)'
SILENT = {5: [D1], 6: [RD1], 13: [RD1], 16: [L1], 18: [L2], 19: [L2], 22: [D1P]}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R23-L1': 'ca202cc', 'R23-L2': '5b2b938', 'R23-D1 ': 'e1195fd', 'R22-D1 class': 'e1195fd', 'R19-I1': 'b55a73f', 'R23-D1p': 'fafa090'}

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
