#!/usr/bin/env python3
"""Review 16 tally (issue 14): re-run on any later commit to see what moved.

Review 15's script (docs/review15/tally.py) over review 16's 24 synthetic messages (docs/review16/draw.py):
for each message it runs `node bin/hig.js convert --report FILE` (npm run build first), classifies every
report line by CLASSES (first match wins), adds the manual findings the report cannot show (SILENT,
SILENT_ASTAR, WRONG) and prints per message the (a) / (a*) / (b) lines and the verdicts under review 9's
four rules. Unknown lines print as '?' and count as (a).

CLASSES is review 15's table (review 14's plus its own rows) with the rows marked "review 16" first:
report texts, and "is valued but not mapped" lines of fields that have an IG row (OBR-14/15 in an
ORU, AL1-4 U, RXR-3), that the earlier tables did not meet or put under the (b) catch-all.
Run from the worktree root (after npm run build): python3 docs/review16/tally.py [-v]
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'reviewtools'))
from tally_core import main  # noqa: E402

VERBOSE = '-v' in sys.argv
DRAW_ARGS = ('-x',) if '-x' in sys.argv else ()
EXPECTED = 24

# (regex on the report text with ' (segment n)' removed, class, short label). First match wins.
CLASSES = [
    # (added 2026-12-06, review 22 R22-L2 fix: a report line that did not exist when this review ran) TXA-4 has
    # no IG target and is reported since; later reviews read this table through tally_core.tables_of
    (r'^TXA-4: the activity date/time has no DocumentReference element', 'b', 'TXA-4 activity date/time (TXA[DocumentReference] #4: no target)'),
    # (added 2026-12-06) the line the R16-L1 fix (b998ac9) gives: XTN.2 and XTN.3 both target ContactPoint.use (0..1);
    # review 17's table classes it so (not counted), this review's ran before the fix
    (r'XTN\.2 \(its use \w+ beside XTN\.3 CP', 'nc', 'XTN.2 use beside XTN.3 CP (two IG rows to one 0..1 element; mobile kept, reported)'),
    # (added 2026-12-06, review 23 R23-L1 fix, ca202cc) TXA-22's PPN.15 has no IG target and is reported since
    (r'^TXA-22: PPN\.15, the authentication date/time', 'b', 'TXA-22 PPN.15 authentication time (TXA[DocumentReference] #22: no target)'),
    # ---- review 16: report texts (and fields with an IG row) the earlier tables did not place ----
    (r'^OBR-14 is valued', 'a', 'OBR-14 specimen received time (ORU_R01 OBR[Specimen] #14 -> Specimen.receivedTime; no Specimen made from an OBR)'),
    (r'^OBR-15 is valued', 'a', 'OBR-15 specimen source (ORU_R01 OBR[Specimen] #15 -> Specimen via SPS; no Specimen made from an OBR)'),
    (r'^AL1-4 is valued', 'a', 'AL1-4 U (AllergySeverity[criticality-original] U -> criticality alternate-codes; no criticality/severity target)'),
    (r'^RXR-3 is valued', 'a*', 'RXR-3 administration device (RXR[MedicationRequest] #3 -> dosageInstruction.??extension-device??)'),
    (r'^AIS-5 is valued', 'nc', 'AIS-5 start offset 0 (the participant period starts at AIS-4 already)'),
    (r'^TQ1-3\.3: a part of the repeat pattern', 'nc', 'TQ1-3.3 (the repeat pattern code is kept with its system; as TQ1-3.2)'),
    (r'^AIP-4: a coded value without a coding system that is no code of HL7 table 0443', 'nc', 'AIP-4 local code kept without table system'),
    (r'^[A-Z][A-Z0-9]{2}-\d+: XCN\.7 \(degree\): a code without a coding system', 'nc', 'XCN.7 degree outside table 0360: kept as a qualification code without system (the lead, review 15 R15-L5)'),
    # ---- review 15: report texts review 14's table did not have (first: first match wins) ----
    (r'^ORC-7\.3: a duration beside a start/end', 'nc', 'ORC-7.3 beside a start/end (bounds[x] holds one; as OBR-27.3)'),
    (r'^OBR-29: a parent order number without an assigning authority', 'a', 'OBR-29 parent without a system (OBR[ServiceRequest] #29 -> basedOn; reported, as SPM-3/PR1-25)'),
    (r'^a Encounter was not created: this event only names it \(it removes its Account\)', 'nc', 'BAR P02 purge: the PV1 only names the visit (documented, events table)'),
    (r'^IN1-9: a group name without the group number', 'nc', 'IN1-9 without IN1-8 (Coverage.class.value 1..1: the IG row cannot be filled)'),
    (r'^PID-8: a code outside table 0001', 'nc', 'PID-8 not a table 0001 code (sender: `M-`, `1`)'),
    (r'^PID-22 repetition \d+: a code of no known ethnic group code set', 'nc', 'PID-22 not an ethnic-group code (sender: `HIS` without text)'),
    (r'^PV1-20: repetition 2\+: Coverage\.type holds one financial class', 'b', 'PV1-20 second repetition (the IG row reads one FC into Coverage.type 0..1)'),
    # ---- the lead, after review 14's fixes (0a4c818): report texts those fixes introduced ----
    (r'^[A-Z][A-Z0-9]{2}-\d+: (CX\.3|XCN\.12) \(check digit scheme\)', 'a', 'CX.3/XCN.12 check digit scheme (IG row: namingsystem-checkDigit, a NamingSystem extension: reported, deviation)'),
    (r'^ORC-16: an order control reason beside an order status', 'a*', 'ORC-16 beside ORC-5 (ORC[ServiceRequest] #16 -> extension??-orderControlCodeReason)'),
    (r"^ORC-5: a code with no entry in the IG's OrderStatus map", 'b', 'ORC-5 code the OrderStatus map has no row for (sender NW; table 0038 A): no status from it'),
    (r'^PID-24: N \(no multiple birth\) beside a birth order', 'nc', 'PID-24 N beside PID-25 (the IG maps PID-24 only IF PID-25 NOT VALUED: PID-25 kept; the sender\'s contradiction reported)'),
    (r'^PID-25: a birth order that is no whole number', 'nc', 'PID-25 not a number (sender)'),
    (r'^[A-Z][A-Z0-9]{2}-\d+: XPN\.15 \(called by\): a name element that holds one name', 'nc', 'XPN.15 in a one-name element (IG XPN[HumanName] #15 only IF the attribute allows multiple names)'),
    # ---- review 14: report texts reviews 11/13's tables did not have (first: first match wins) ----
    (r'^PID-30: a Yes/No indicator other than Y or N', 'nc', 'PID-30 `NO` (sender: no code of table 0136)'),
    (r'^PV1-45: a discharge time on a visit that is cancelled', 'nc', 'PV1-45 on a visit A11/A27 cancels (the event beats PV1-45, MAPPING-RULES)'),
    (r'^OBR-4[67] is valued', 'a', 'OBR-46/47 supplemental service information (OBR[ServiceRequest] #46/#47 -> orderDetail)'),
    (r'^OBR-53 is valued', 'a', 'OBR-53 alternate placer order number (OBR[ServiceRequest] #53 -> identifier PLAC)'),
    (r'^NTE-[56]: (who entered|when) the note.*Appointment\.comment', 'a', 'NTE-5/6 of an Appointment comment (NTE[Appointment-Comment] #5/#6 -> extension-Appointment.note Annotation author/time)'),
    (r'^AIP-12 is valued', 'nc', 'AIP-12 `Noshow` (AIP[Appointment] #12 -> participant.status gives no vocabulary; ParticipationStatus has no no-show; documented accepted + line)'),
    # ---- review 13: report texts review 11's table did not have (placed first: first match wins) ----
    (r'^every valued field was mapped', 'meta', 'info line (nothing left out)'),
    (r'^TXA-2: a coded value without a coding system that is no code of HL7 table 0270', 'nc', 'TXA-2 local code kept without table system'),
    (r'^PID-10 repetition \d+: a code of no known race code set, without text', 'nc', 'PID-10 `C` (sender: no race code of any set; the us-core-race row needs one)'),
    (r'^PV1-45: a discharge time on a visit that is in-progress', 'nc', 'PV1-45 on a visit the event keeps in progress (A13 cancel discharge)'),
    (r'^PV1-42 is valued|^PV2-1 is valued', 'nc', 'PV1-42/PV2-1 in A26 (the cancelled move: documented, review 5 class E)'),
    (r'^TQ1-2: a quantity per occurrence, which the RXO/RXE give amount replaces', 'nc', 'TQ1-2 beside the RXE give amount (documented supersession)'),
    (r'^TQ1-6: a service duration beside a start and an end', 'nc', 'TQ1-6 beside TQ1-7/8 (bounds[x] holds one)'),
    (r'^TQ1-13: an occurrence duration in no time unit', 'nc', 'TQ1-13 `1^ann` (sender: no time unit)'),
    (r'^RXO-19: give strength units without a give strength', 'nc', 'RXO-19 without RXO-18 (sender: a unit without a value)'),
    (r'^OBR-27\.3: a duration beside a start/end', 'nc', 'OBR-27.3 beside a start/end (bounds[x] holds one)'),
    (r'^OBR-29: a parent order beside a parent universal service identifier \(OBR-50\)', 'nc', 'OBR-29 beside OBR-50 (the IG row maps OBR-29 only without OBR-50)'),
    (r'^ORC-24: the ordering provider.s address without an ordering provider', 'a', 'ORC-24 without ORC-12 (ORC[ServiceRequest] -> requester Practitioner.address)'),
    (r'^AIS-1[12]: supplemental service information', 'a', 'AIS-11/12 (AIS[ServiceRequest] identifier; no ServiceRequest from an AIS)'),
    (r'^NTE-[56]: who entered the note|^NTE-[56]: when the note was entered', 'b', 'NTE-5/6 of document content (NTE[DocumentReference] #5/#6 no target)'),
    # message metadata (review 9: MSH-8/15/16/17/19/21/22/23, EVN-7, SFT not counted)
    (r'^(MSH|SFT)-\d+ is valued', 'meta', 'message metadata'),
    (r'^EVN-7 is valued', 'meta', 'EVN-7'),
    # not counted: the IG gives no target in that case / documented / sender / deleted record
    (r'XTN\.1 \(beside XTN\.12', 'nc', 'XTN.1 beside XTN.12'),
    (r'XTN\.4 \(an address in an XTN whose equipment type is no Internet', 'nc', 'XTN.4 of a phone'),
    (r'XTN with equipment type Internet and no XTN\.4', 'nc', 'Internet XTN without XTN.4'),
    (r'XTN\.1 \(a number in an Internet/X\.400 XTN', 'nc', 'XTN.1 of an Internet XTN'),
    (r'XTN\.7 \(a local number in an Internet', 'nc', 'XTN.7 of an Internet XTN'),
    (r'XTN\.2 \(a use code the IG', 'nc', 'XTN.2 without FHIR use'),
    (r'CX\.5 \(identifier type\): a code without a coding system', 'nc', 'CX.5 local type (code kept, no system)'),
    (r'XCN\.13 \(identifier type\): a code without a coding system', 'nc', 'XCN.13 local type (code kept)'),
    (r'the system of table \d+ \(the value names no coding system', 'nc', 'local code kept without table system'),
    (r'CWE\.1[4-8].*have no target in the IG', 'nc', 'CWE OIDs/versions'),
    (r'^TQ1-5: a relative time beside', 'nc', 'TQ1-5 beside RPT offset'),
    (r'^TQ1-3\.2: a part of the repeat pattern', 'nc', 'TQ1-3.2'),
    (r'^TQ1-6: a service duration in no time unit', 'nc', 'TQ1-6 without time unit (sender)'),
    (r'^SCH-(6|11) is valued', 'nc', 'SCH-6 / SCH-11 beside TQ1'),
    (r'^ORC-(2|3) is valued', 'nc', 'ORC-2/3 equal to OBR-2/3'),
    (r'^OBR-27 is valued', 'nc', 'OBR-27 beside ORC-7'),
    (r'^DG1-6: a diagnosis type the DiagnosisType map', 'nc', 'DG1-6 without DiagnosisType target'),
    (r'superseded by the pharmacy|replaces; (left out|not converted)|RXE overrides RXO', 'nc', 'RXO/order TQ1 replaced by RXE (documented)'),
    (r'was not created: it belongs to the Patient this event deletes', 'nc', 'content of the deleted Patient'),
    (r'^PV1-45: a discharge time on a visit that is planned', 'nc', 'PV1-45 on a planned visit'),
    (r'name period start is not a valid date/time', 'nc', 'XCN.17 not a date (sender shift)'),
    (r'^SPM-3\.1: the parent.s placer number beside', 'nc', 'SPM-3.1 beside SPM-3.2'),
    (r'^segment (PR1|TQ1) .*is not where structure', 'nc', 'misplaced but converted'),
    # lines that first appear after the fixes (re-read, main defda23); none matches a 5f281e6 line
    (r'^PV1-20: a coded value without a coding system that is no code of HL7 table 0064', 'nc', 'PV1-20 local code kept without table system'),
    (r'^PV1-20: FC\.2 \(effective date of the financial class\)', 'a', 'PV1-20 components 2/3 (IG row reads PV1-20 with CWE[CodeableConcept]: display, system HL70064; hig reads FC)'),
    (r'^ROL-(9|10): \w[\w ]*: only ROL\[CareTeam\] has a target', 'a', 'ROL-9/10'),
    (r'EI\.3/EI\.4 \(universal id and its type\): an assigning authority that names no system', 'a*', 'EI.3/EI.4 without a system (EI[Identifier-Extension]: extension??-assigningauthority)'),
    (r'^SPM-32: the identifier type SHIP the IG row assigns under v2-0203', 'a', 'SPM-32 SHIP type without the IG-assigned v2-0203 system (reported)'),
    (r'^segment (ROL|PRT): a role in the \w+ group \(after \w+\): no IG row maps it there', 'b', 'ROL/PRT of a procedure/financial group (no IG target)'),
    # the four messages with it (RDS, DFT, BAR, OMG) have no IG message map; in an ADT it would be (a)
    (r'^segment PRT: a role \w+ of the patient, not of a visit', 'b', 'patient-level PRT (no IG message map for RDS/DFT/BAR/OMG)'),
    # (a*) unnamed extensions
    (r'CX\.6 \(assigning facility\)', 'a*', 'CX.6 assigning facility'),
    (r'XCN\.14 \(assigning facility\)', 'a*', 'XCN.14 assigning facility'),
    (r'XON\.2 \(organization name type\)', 'a*', 'XON.2 name type'),
    (r'^PID-27 is valued', 'a*', 'PID-27 veterans status'),
    (r'^TQ1-10: a condition', 'a*', 'TQ1-10 condition (ServiceRequest)'),
    (r'^PV2-(21|40) is valued', 'a*', 'PV2-21/40 publicity, level of care'),
    (r'^NTE-4 is valued', 'a*', 'NTE-4 comment type'),
    (r'^SPM-9 is valued', 'a*', 'SPM-9 site modifier'),
    (r'^ORC-31 is valued', 'a*', 'ORC-31 parent service'),
    # (a) IG rows with a FHIR target
    (r'^PV1-20 is valued', 'a', 'PV1-20 financial class -> Coverage.type'),
    (r'^OBR-17 is valued', 'a', 'OBR-17 callback phone (servicerequest-order-callback-phone-number)'),
    (r'^OBX-10 is valued', 'a', 'OBX-10 nature of abnormal test (observation-nature-of-abnormal-test)'),
    (r'^ORC-9 is valued', 'a', 'ORC-9 of a non-NW order (ORC[Provenance])'),
    (r'^ORC-29 is valued', 'b', 'ORC-29 in RDS (ORC[ServiceRequest] only)'),
    (r'^ORC-21-24: an ordering facility', 'a', 'ORC-21-24 without ORC-12'),
    (r'^ROL-(9|10) is valued', 'a', 'ROL-9/10'),
    (r'^NK1-37 is valued', 'a', 'NK1-37 contact SSN -> RelatedPerson.identifier'),
    (r'^PID-33 is valued', 'a', 'PID-33 last update -> Provenance'),
    (r'^DG1-(6|15) is valued', 'b', 'DG1-6/15 in REF (Encounter.diagnosis rows; no REF map)'),
    (r'^PR1-25: a parent procedure', 'a', 'PR1-25 parent (no system)'),
    (r'^SPM-3: a parent specimen', 'a', 'SPM-3 parent (no system)'),
    (r'^TQ1-4: explicit times beside a meal', 'a', 'TQ1-4 beside when'),
    (r'^segment MRG: not converted in this event', 'a', 'MRG-3 in A45 (MRG[Account])'),
    (r'^OBX-11 is valued', 'b', 'OBX-11 of document content (OBX[DocumentReference] no target)'),
    # (b) no IG target
    (r'^TQ1-9 is valued', 'b', 'TQ1-9 in SIU'),
    (r'^PRT-4: participation \w+ of an order or result has no IG row', 'b', 'PRT of an order without IG row'),
    (r'^PRT-\d+ is valued', 'b', 'PRT fields (PV1/FT1/procedure/order PRT: no IG target)'),
    (r'^segment PRT .*is not where structure', 'b', 'PRT outside the grammar'),
    (r'^segment (\w+) .*(has no FHIR mapping|is not where)', 'b', 'segment without IG map'),
    (r'^OBR-28: result copies-to, deferred', 'b', 'OBR-28 (IG defers)'),
    (r'^OBX-3: the observation identifier of a document', 'b', 'OBX-3 of document content'),
    (r'^DG1-21: an action code other than D', 'b', 'DG1-21 not D'),
    (r'^DG1-22: a parent diagnosis', 'b', 'DG1-22 parent diagnosis'),
    (r'^(OBR-(7|25|32|35)) is valued', 'b', 'OBR-7/25/32/35 in order/MDM/DFT/REF'),
    (r'^PID-20: DLN\.2 \(issuing state', 'a', 'PID-20 DLN.2 state code names no system (reported since the lead\'s fix)'),
    (r'^[A-Z][A-Z0-9]{2}-\d+ is valued but not mapped', 'b', 'field without IG target'),
]

# Manual findings the report cannot show (review 16's reading of main cb4bfd6), by message number.
# R16-W1: PID-15 ISO 639-2 three-letter code stated as a BCP 47 tag (vie/pol/ibo; coding-systems.ts ISO639).
W1 = 'R16-W1 PID-15 ISO 639-2 code (vie/pol/ibo) stated as urn:ietf:bcp:47 (no such tag; IG PID[Patient] #15)'
# R16-I1: Patient identity keyed by lexical order among equal-rank PID-3 types: #03's Patient (MRN~CMRN)
# is another URL than #15/#16's (MRN only) for the same MRN 3344556 at BH (counted once, in #03).
I1 = 'R16-I1 the same MRN at the same authority PUT as two Patients (identity.ts: equal types ranked by value as text)'
WRONG = {1: [W1], 8: [W1], 10: [W1], 3: [I1]}
# R16-L1: XTN.3 CP -> use mobile dropped when XTN.2 gives a use (PRN+CP -> home; IG XTN[ContactPoint] #3).
L1 = 'R16-L1 XTN.3 CP mobile dropped beside XTN.2 PRN (IG XTN[ContactPoint] #3, TelecommunicationEquipmentType)'
# R16-L2: XON.7 identifier type (XX) not read (IG XON[Organization] #7; entities.ts organization()).
L2 = 'R16-L2 XON.7 identifier type dropped (IG XON[Organization] #7)'
# R16-L3: AL1-2 / AL1-4 alternate-codes extensions never written (IG AL1[AllergyIntolerance] #2, #4).
L3 = 'R16-L3 AL1-2/AL1-4 original codes (alternate-codes) dropped (IG AL1[AllergyIntolerance] #2, #4)'
SILENT = {1: [L1, L3], 9: [L1], 10: [L1], 11: [L2], 13: [L2], 3: [L3]}
# XAD.7 `P` (permanent) has no AddressType[Use]/[Type] row; the IG's other row is an unnamed extension
# (review 15's untested (a*), still silent): #19 PID-11 and NK1-4.
SILENT_ASTAR = {19: ['XAD.7 P outside AddressType[Use]/[Type] (IG XAD[Address] #7 extension[2], unnamed)']}
REFUSED = set()
DELETES = {}
# TXA-4 activity date (no IG target: (b)) is neither mapped nor reported (#22): not counted, as in review 15.

# Each finding counts only on a commit before its fix (asked of git, as reviews 14/15's tallies do):
# the lead adds 'R16-XX': '<fix commit>' here when fixing one.
_FIXED = {'R16-W1': 'edc2002', 'R16-I1': 'b374a31', 'R16-L1': 'b998ac9', 'R16-L2': 'a73f630', 'R16-L3': 'b92de2e', 'XAD.7 P': '8ce319c'}


if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
