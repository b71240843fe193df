#!/usr/bin/env python3
"""Review 13 tally (issue 14): re-run on any later commit to see what moved.

For each of the 25 messages of docs/review13/draw.py it runs `node bin/hig.js convert --report FILE`
(build first: npm run build), classifies every report line by the table CLASSES below (written by
the reviewer from reading the IG rows; first match wins), adds the manual findings the report
cannot show (SILENT: facts dropped without a report line; WRONG: wrong-data classes; REFUSED), and
prints per message the remaining (a) / (a*) / (b) lines and the verdicts under review 9's four rules.

Classes: meta (message metadata, not counted), nc (not counted: the IG gives no target in that
case, the sender's own error mapped faithfully, a documented supersession, or content of a record
the event deletes), a (a fact with an IG row), a* (an IG row to an unnamed extension??-...),
b (no IG target: no segment map, a row without target, or a map the message's IG map does not use).
Unknown lines (no row of CLASSES matches) are printed with class '?' and counted as (a), so a new
report text is never silently counted as harmless.

Run from the worktree root (after npm run build): python3 docs/review13/tally.py [-v]
Review 13 read the Bundles of main 4f8cd1e. CLASSES is review 11's table (docs/review11/tally.py,
unchanged rows) plus the rows marked "review 13" for report texts review 11 did not meet.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

VERBOSE = '-v' in sys.argv

# (regex on the report text with ' (segment n)' removed, class, short label). First match wins.
CLASSES = [
    (r'^[A-Z][A-Z0-9]{2}-\d+: XCN\.7 \(degree\): a code without a coding system', 'nc', 'XCN.7 degree outside table 0360: kept as a qualification code without system (the lead, review 15 R15-L5)'),
    # ---- the lead, after review 14's fixes (0a4c818): report texts those fixes introduced ----
    (r'^[A-Z][A-Z0-9]{2}-\d+: (CX\.3|XCN\.12) \(check digit scheme\)', 'a', 'CX.3/XCN.12 check digit scheme (IG row: namingsystem-checkDigit, a NamingSystem extension: reported, deviation)'),
    (r'^ORC-16: an order control reason beside an order status', 'a*', 'ORC-16 beside ORC-5 (ORC[ServiceRequest] #16 -> extension??-orderControlCodeReason)'),
    (r"^ORC-5: a code with no entry in the IG's OrderStatus map", 'b', 'ORC-5 code the OrderStatus map has no row for (sender NW; table 0038 A): no status from it'),
    (r'^PID-24: N \(no multiple birth\) beside a birth order', 'nc', 'PID-24 N beside PID-25 (the IG maps PID-24 only IF PID-25 NOT VALUED: PID-25 kept; the sender\'s contradiction reported)'),
    (r'^PID-25: a birth order that is no whole number', 'nc', 'PID-25 not a number (sender)'),
    (r'^[A-Z][A-Z0-9]{2}-\d+: XPN\.15 \(called by\): a name element that holds one name', 'nc', 'XPN.15 in a one-name element (IG XPN[HumanName] #15 only IF the attribute allows multiple names)'),
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
    # loss14b (new report text): AIS-11/12 where the SCH names no order: the IG's SIU_S12 map makes
    # AIS[ServiceRequest] only IF SCH-26 or SCH-27 is valued, so no IG target (placed before the row below)
    (r'^AIS-1[12]: supplemental service information of an appointment whose SCH names no order', 'b', 'AIS-11/12 without SCH-26/27 (no AIS[ServiceRequest] in the IG map)'),
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

# Manual findings the report cannot show (review 13's reading of main 4f8cd1e), by draw number.
DLN = ('PID-20 DLN.2 issuing state / DLN.3 expiration date dropped without a line '
       '(DLN[Identifier]: DLN.2 -> system (CWE[uri]), DLN.3 -> period.end; pid.ts keeps DLN.1 only)')
SILENT = {n: [DLN] for n in (1, 4, 5, 8, 9, 10, 12, 15, 17, 18, 20, 22, 23, 25)}  # (a) dropped without a line
SPM4 = ('SPM-4 `ASERU^Serum^^FUR^^^^^Blood` read through SpecimenType: the alternate CWE.4 `FUR` (no CWE.6) and '
        'the sender\'s CWE.2 display are dropped without a line (coding.ts codeableConcept keeps only codings with a system '
        'beside the mapped one; CWE[CodeableConcept] CWE.4 -> coding[2].code)')
SILENT[2] = [SPM4]
SILENT_ASTAR = {}
R13A = ('R13-A: ORU TIMING_QTY TQ1-9 (A, ASAP) dropped without a line, OBR-5 (R) kept: priority routine '
        '(pending case oru-tq1-priority-over-obr5)')
WRONG = {2: [R13A]}  # draw number -> [wrong-data class] (pending cases in test/transform/pending/)
# --- after review 13 (the lead, 2026-12-06, main after 6a5e866): R13-A fixed (case
# oru-tq1-priority-over-obr5 moved to cases/; #2's ServiceRequests now say asap); PID-20 DLN.3 is
# mapped and DLN.2 reported (a line: counted by CLASSES above), so the DLN silent item goes. SPM-4
# stays. `--on 4f8cd1e` keeps review 13's own tables.
if not ('--on' in sys.argv and '4f8cd1e' in sys.argv):
    WRONG = {}
    SILENT = {2: [SPM4]}
# --- after loss14b (2026-12-06): SPM-4's bare CWE.1 display and CWE.4 are kept beside the
# SpecimenType coding (coding.ts; review13-losses.test.ts), so #2's SPM-4 silent item goes.
if not ('--on' in sys.argv and '4f8cd1e' in sys.argv):
    SILENT = {}
REFUSED = set()  # draw numbers refused (none)
DELETES = {}  # no delete event in this sample


# The tally itself is shared with the other reviews' scripts (docs/reviewtools/tally_core.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'reviewtools'))
from tally_core import run  # noqa: E402

run('docs/review13/draw.py', globals())
