#!/usr/bin/env python3
"""Review 61 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-59's method over review 61's 24 synthetic messages (docs/review61/messages/, drawn by
docs/reviewtools/draw.py): a US multi-site outpatient / urgent-care network in Michigan (Tamarack Lakes Urgent Care &
Family Clinics, invented) on one America/Detroit channel, March 2030, across the spring-forward night (10 March 02:00
EST -> 03:00 EDT). Senders: TLEHR (ADT A04/A08/A03, ORM O01, VXU V04, MDM T02/T08; MSH-7 bare), TLSCHED (SIU
S12/S13/S14/S15/S17/S26; MSH-7 with offset), TLLIS (ORU, MSH-7 with offset), TLRIS (ORU, bare), TLBILL (DFT P03, bare).
CLASSES: the rows marked "review 61" first, then review 59's, 58's and 57's chains, read through
tally_core.tables_of, not copied. Manual findings (WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts
only on a commit before its fix (_FIXED, asked of git). tally_core converts with default options (zone UTC); the values
were judged by hand on America/Detroit (hig convert --timezone America/Detroit; test/review61/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review61/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 61: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows.
    (r'^(AIS|AIG|AIL|AIP)-2 is valued but not mapped', 'b', 'AIS/AIG/AIL/AIP-2 segment action code: the AI* rows #2 have no target (an A or U here; the D of #13 is R61-W1, manual) (review 61)'),
    (r'^AIL-4 is valued but not mapped', 'b', 'AIL-4 location type: IG AIL[Appointment] #4 has no target (review 61)'),
    (r'^SCH-6 is valued but not mapped', 'b', 'SCH-6 event reason (no-show, cancel reason): IG SCH[Appointment] #6 no target (R61-N2) (review 61)'),
    (r'^TXA-(5|7|11) is valued but not mapped', 'b', 'TXA-5 primary activity provider, TXA-7 transcription time, TXA-11 transcriptionist: IG TXA[DocumentReference] rows without target (review 61)'),
    (r'^FT1-(6|13|26) is valued but not mapped', 'b', 'FT1-6 transaction type, FT1-13 department, FT1-26 modifier beside an FT1-7 CPT without FT1-25 (R61-N3): the IG has no FT1 map; docs/mapping.md FT1 row (review 61 #10)'),
    (r'^ORC-17 is valued but not mapped', 'b', 'ORC-17 entering organization: IG ORC[ServiceRequest] #17 empty (review 61)'),
    (r'^OBR-30 is valued but not mapped', 'b', 'OBR-30 transportation mode: IG OBR[ServiceRequest] #30 empty (review 61)'),
    (r'^OBX-11 is valued but not mapped', 'b', 'OBX-11 of a document OBX: IG OBX[DocumentReference] #11 empty (review 61)'),
    (r'^RXA-(1|2|4) is valued but not mapped', 'b', 'RXA-1/2 sub-id counters, RXA-4 end time equal to RXA-3: IG RXA[Immunization] rows without target (review 61)'),
    (r'^ORC-1 is valued but not mapped', 'b', 'ORC-1 RE of a VXU dose: IG ORC[Immunization] #1 no target (review 61)'),
    (r'^TXA-22: XCN\.15 \(name representation\)', 'b', 'TXA-22 PPN.15 (the authentication time) also read as XCN.15: a remark; R61-N1 (review 61 #18)'),
    (r'^DG1-6: a diagnosis type the DiagnosisType map gives no diagnosis role', 'b', 'DG1-6 F (final): the IG DiagnosisType map has no role for it (review 61 #08)'),
] + (tables_of(HERE.parent / 'review59' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review58' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review57' / 'tally.py')['CLASSES'])
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings (review 61's reading of main 10a0cb88), by message number.
# R61-W1 (#13): SIU^S14 AIG|1|D|ECG-02^ECG cart 2^TLGR|EQ^…: the general resource deleted from the appointment
# (v2.5.1 table 0206 D; IG SegmentActionCode D -> DELETE); hig reports AIG-2 and PUTs the Appointment with the ECG cart
# still a participant, status accepted, 14:00-14:15: the cart the scheduler released stays booked at the server.
W1 = 'R61-W1 wrong data: an S14 AI* segment with action code D (the resource removed) stays an accepted participant of the PUT Appointment (IG SegmentActionCode D; AIG[Appointment] #2)'
WRONG = {13: [W1]}
SILENT = {}
SILENT_ASTAR = {}
REFUSED = set()
DELETES = set()
_FIXED = {'R61-W1': '15263481', 'R61-N1': 'ed7d51c4', 'R61-N2': '6a857ddf'}  # fix36c: a segment action code D/DE deletes what the segment names (AI* participants, ROL/PRT roles; action-code.ts, one reader) (W1); TXA-22 read as the XCN its PPN holds without PPN.15 (N1, a note, not counted); fix37a: the NK1 relative and the IN1 insured naming one person are one RelatedPerson (N2, a note, not counted)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
