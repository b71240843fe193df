#!/usr/bin/env python3
"""Review 11 tally (issue 14): re-run on any later commit to see what moved.

For each of the 25 messages of docs/review11/draw.py it runs `node bin/hig.js convert --report FILE`
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

Run from the worktree root: python3 docs/review11/tally.py [-v] [--on 5f281e6] [--obx21-ei2]
(`--on 5f281e6` uses review 11's hand tables: run it on a build of 5f281e6; without it the
tables of the re-read of main defda23 apply)
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
    (r'^AIS-1[12]: supplemental service information of an appointment whose SCH names no order', 'b', 'AIS-11/12 without SCH-26/27 (no AIS[ServiceRequest] in the IG map; loss14b, row as in review 13\'s tally)'),
    (r"^ORC-5: a code with no entry in the IG's OrderStatus map", 'b', 'ORC-5 code the OrderStatus map has no row for (sender NW; table 0038 A): no status from it'),
    (r'^PID-24: N \(no multiple birth\) beside a birth order', 'nc', 'PID-24 N beside PID-25 (the IG maps PID-24 only IF PID-25 NOT VALUED: PID-25 kept; the sender\'s contradiction reported)'),
    (r'^PID-25: a birth order that is no whole number', 'nc', 'PID-25 not a number (sender)'),
    (r'^[A-Z][A-Z0-9]{2}-\d+: XPN\.15 \(called by\): a name element that holds one name', 'nc', 'XPN.15 in a one-name element (IG XPN[HumanName] #15 only IF the attribute allows multiple names)'),
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
    (r'^[A-Z][A-Z0-9]{2}-\d+ is valued but not mapped', 'b', 'field without IG target'),
]

# Manual findings the report cannot show, by draw number. Two sets: review 11's reading of the
# 5f281e6 Bundles (kept as it was, `--on 5f281e6`), and the re-read of main defda23 (default).
ON_BASE = '--on' in sys.argv and sys.argv[sys.argv.index('--on') + 1] == '5f281e6'

# --- on 5f281e6 (review 11, unchanged) ---
OBX21 = 'OBX-21 identifier without the type FILL the IG assigns (OBX[Observation] #21)'
SILENT_5F281E6 = {  # (a) facts dropped without a report line
    3: ['SPM-32 identifier type SHIP without the IG-assigned v2-0203 system'],
    1: [OBX21], 4: [OBX21], 7: [OBX21], 12: [OBX21], 15: [OBX21], 17: [OBX21], 20: [OBX21], 21: [OBX21],
}
EI = 'EI.2-4 of OBX-21/DG1-20 (EI[Identifier-Extension]: extension??-assigningauthority)'
SILENT_ASTAR_5F281E6 = {  # (a*) facts dropped without a report line
    1: [EI], 4: [EI], 7: [EI], 12: [EI], 15: [EI], 17: [EI], 20: [EI], 21: [EI],
}
R11A = 'R11-A: a ROL/PRT of the procedure or financial transaction made an Encounter participant'
R11B = 'R11-B: Patient keyed on a number without assigning authority; another sender\'s patient PUT at the same URL'
WRONG_5F281E6 = {       # draw number -> [wrong-data class] (pending cases in test/transform/pending/)
    1: [R11A], 8: [R11A + ' (an Organization as participant.individual)'], 12: [R11A], 21: [R11A],
    10: [R11B], 11: [R11B], 16: [R11B], 18: [R11B], 25: [R11B],
}

# --- on main defda23 (re-read after the fixes) ---
# OBX-21 now carries FILL in all 8 (fixed); #3's SPM-32 SHIP type is reported (a line, class (a));
# DG1-20's EI.3/EI.4 are reported (a line, class (a*)). OBX-21's EI.2 (`EI21^OII`,
# `…^3DHISTECH_SLDID`) is Identifier.assigner.display on both builds, and those OBX-21s have no
# EI.3/EI.4: the fact is in the Bundle (docs/mapping.md, unnamed-extension row 36), so the re-read
# drops review 11's silent (a*) item for them (tally.py --obx21-ei2 puts it back, to show its weight).
NAMETYPE = ('XON.2 `L` -> v2-nameType {code: L} without the OrganizationalNameType map the row names '
            '(system v2-0204, display Legal name)')
SILENT_DEFDA23 = {1: [NAMETYPE], 12: [NAMETYPE], 17: [NAMETYPE], 21: [NAMETYPE]}  # (a) dropped without a line
# --- after defda23 (the lead, 2026-12-06): XON.2 goes through OrganizationalNameType since
# 4f8cd1e's parent chain ("XON.2 name type: a bare code … gets the v2-0204 system"); checked on #1
# (ADT-A08-01: v2-nameType {system v2-0204, code L, display Legal name}). `--on defda23` keeps it.
SILENT = SILENT_DEFDA23 if '--on' in sys.argv and 'defda23' in sys.argv else {}
SILENT_ASTAR = {}
if '--obx21-ei2' in sys.argv:
    SILENT_ASTAR = {n: ['EI.2 of OBX-21 as assigner.display, not extension??-assigningauthority (review 11 counted it)'] for n in (4, 7, 17, 20)}
WRONG = {}  # R11-A fixed in #1, #8, #12, #21; R11-B fixed in #10, #11, #16, #18, #25; nothing new found

if ON_BASE:
    SILENT, SILENT_ASTAR, WRONG = SILENT_5F281E6, SILENT_ASTAR_5F281E6, WRONG_5F281E6
REFUSED = set()  # draw numbers refused (none)
# Events that DELETE the record the report lines are about (A29 delete person): what the report
# says is not converted belongs to the deleted Patient, so it is not counted.
DELETES = {24: 'ADT^A29 DELETE Patient'}


# The tally itself is shared with the other reviews' scripts (docs/reviewtools/tally_core.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'reviewtools'))
from tally_core import run  # noqa: E402

run('docs/review11/draw.py', globals())
