#!/usr/bin/env python3
"""Review 59 tally (issue 14): re-run on any later commit to see what moved.

Reviews 17-56's method over review 59's 24 synthetic messages (docs/review59/messages/, drawn by
docs/reviewtools/draw.py): a South African private hospital group's registration / billing (JPHIS ADT, JPBILL BAR /
DFT) and its private pathology laboratory (TPLIS ORU) on one Africa/Johannesburg channel (March 2034, SAST +02:00,
no clock change; every MSH-7 carries +0200). The focus is financial / coverage and guarantor data (IN1 / IN2 / IN3,
GT1, NK1, ROL, PV1-20, ACC) and what the FHIR server holds after the feed. CLASSES: the rows marked "review 59"
first, then review 56's, 55's and 54's chains, read through tally_core.tables_of, not copied. Manual findings
(WRONG, SILENT, SILENT_ASTAR, REFUSED) by message number; each counts only on a commit before its fix (_FIXED, asked
of git). tally_core converts with default options (zone UTC); every MSH-7 here has an offset, so the bare times read
by it (R35-N1's channel remark is a (b) remark, tally_core REMARKS); the values were judged by hand on
Africa/Johannesburg (test/review59/destination.test.ts).
Run from the worktree root (after npm run build): python3 docs/review59/tally.py [-v]
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'reviewtools'))
from tally_core import _fixed, main, tables_of  # noqa: E402,F401
EXPECTED = 24

CLASSES = [
    # ---- review 59: every Bundle read; each (b) hit checked in the corpus (no IG target) or against hig's
    # documented rule, classed below or by the chained rows.
    (r'^segment IN2 has no FHIR mapping', 'b', 'IN2: the IG lists IN2[Coverage] as "Under Construction", no field rows (docs/mapping.md IN1 row); here IN2-1 the member\'s employee number and IN2-61 the patient\'s member number with the scheme\'s dependant code (R59-N2) (review 59 #01, #03, #06, #07, #09, #10)'),
    (r'^IN3-(1|2|3|4|7|8) is valued but not mapped', 'b', 'IN3-1..8 (certification: the scheme\'s pre-authorisation number, by whom, required, date, through): IG IN3[CareTeam] has a row for IN3-21 only (R59-N3) (review 59 #01, #03)'),
    (r'^segment ACC has no FHIR mapping', 'b', 'ACC accident: no ACC map in the IG corpus; its message maps list ACC with no target (review 59 #07, #09, #11, #12, #15)'),
    (r'^GT1-(10|16|21) is valued but not mapped', 'b', 'GT1-10 guarantor type, GT1-16 employer name, GT1-21 organization: the IG has no GT1 map; GT1-21 here is the consequence of R59-W1 (manual, wrong data) (review 59)'),
    # added with fix35e (R59-W1 fixed): the organization guarantor is the GT1-21 Organization; GT1-11 (its relationship
    # to the patient, EMR) has no element there and is said
    (r"^GT1-11: an organization guarantor's relationship to the patient", 'b', 'GT1-11 of an organization guarantor (EMR employer): no Organization or Account.guarantor element; the IG has no GT1 map (review 59 #11, #12, #15, #17, #18 after fix35e)'),
    (r'^ROL-2 is valued but not mapped', 'b', 'ROL-2 action code: IG ROL[Patient-GeneralPractitioner] has no ROL-2 row (review 59 #01, #03, #06)'),
    (r'^PV1-39 is valued but not mapped', 'b', 'PV1-39 servicing facility: IG PV1[Encounter] #39 empty (review 59)'),
    (r'^FT1-(5|6|12|13) is valued but not mapped', 'b', 'FT1-5 posting date beside FT1-4, FT1-6 transaction type, FT1-12 unit amount, FT1-13 department: the IG has no FT1 map; docs/mapping.md FT1 row (review 59 #05, #17)'),
    (r'^NTE-2 is valued but not mapped', 'b', 'NTE-2 source of comment: IG NTE rows have no target for NTE-2 (review 59)'),
    (r'^OBR-26 is valued but not mapped', 'b', 'OBR-26 parent result: IG OBR[ServiceRequest] / OBR[DiagnosticReport] #26 "mapped in a next edition" (review 59 #21, #22)'),
    (r'^PV1: PV1-(10|18): the system of table 00(69|18)', 'b', 'PV1-10 / PV1-18 code outside the user-defined table: code kept, no system (remark) (review 59)'),
    (r'^(PID-13|NK1-5|GT1-6): XTN\.2 \(its use home beside XTN\.3 CP', 'b', 'XTN.2 PRN beside XTN.3 CP: ContactPoint.use 0..1 keeps mobile (remark) (review 59)'),
] + (tables_of(HERE.parent / 'review56' / 'tally.py')['CLASSES'] + tables_of(HERE.parent / 'review55' / 'tally.py')['CLASSES']
     + tables_of(HERE.parent / 'review54' / 'tally.py')['CLASSES'])
# The chain repeats its ancestors' rows (each tally chains the three before it): 136,888,450 rows, 246 distinct, on
# ce07e7bf, and classify() walks them per report line (a message took minutes). The first of each row kept, in order:
# the first match, and so every class, is unchanged.
CLASSES = list(dict.fromkeys(CLASSES))

# Manual findings the report cannot show (review 59's reading of main ce07e7bf), by message number; the destination
# ones judged by delivering the messages in feed order on Africa/Johannesburg (test/review59/destination.test.ts).
# R59-W1 (#11, #12, #15, #17, #18): GT1|1|990012734^^^DEL^EI|…|O^Organization^JPH-GT|EMR^Employer^HL70063|…|
# Lesedi Platinum Mining (Pty) Ltd^…^2009/014477/07 (GT1-3 empty, GT1-10 O, GT1-21 the employer): hig makes a
# RelatedPerson of the patient with no name, relationship GUAR + employer, from GT1-2 alone and names it as
# Account.guarantor.party; GT1-21 is reported as not mapped. The guarantor is the employer organization (the same
# one the COIDA IN1-10/11 names as policyHolder). docs/mapping.md "Guarantor (GT1)": else the GT1-21 Organization.
W1 = 'R59-W1 wrong data: an organization guarantor (GT1-3 empty, GT1-10 O, GT1-21 the employer) is written as a nameless RelatedPerson "employer" of the patient and named Account.guarantor; GT1-21 reported (hig GT1 rule; FHIR R4 Account.guarantor.party)'
# R59-W2 (#15, at the destination): the COIDA IN1 of #11/#12 has no IN1-36 (claim number not yet issued); #15 sends
# the same IN1 with IN1-36. Coverage identity = patient + payer + IN1-36, else + IN1-2: #15 writes a second COIDA
# Coverage, and #11's (its list ownership removed by the BAR^P01's PUT, documented fail-safe) stays active to the end:
# two active COIDA Coverages, both order 1, one without the claim number. IG ADT_A01 INSURANCE: IN1 → Coverage[1].
W2 = 'R59-W2 wrong data (destination): the COIDA IN1 that gains its claim number (IN1-36) in an A08 is a second Coverage; the first stays active beside it (order 1 both) (IG IN1[Coverage]; hig Coverage identity)'
# R59-W3 (#05): FT1-7 0301 "Theatre fee per minute" ×74 with FT1-25 1385 "Laparoscopic cholecystectomy": hig's
# documented rule (R34-N3) adds FT1-25 as a second coding of ChargeItem.code, asserting the two are one concept.
W3 = 'R59-W3 wrong data: FT1-25 (the procedure the charge is associated with) written as a second coding of the FT1-7 tariff: ChargeItem.code says 74 theatre minutes are 74 laparoscopic cholecystectomies (v2.5.1 FT1-25; FHIR CodeableConcept)'
WRONG = {5: [W3], 11: [W1], 12: [W1], 15: [W1, W2], 17: [W1], 18: [W1]}
SILENT = {}
SILENT_ASTAR = {}
# R59-R1 (#16): BAR^P05 update account refused UNSUPPORTED_EVENT (docs/mapping.md "Supported events": BAR P01/P02/P12).
REFUSED = set() if _fixed('f08eff78') else {16}  # R59-R1 fixed by fix37a (BAR_P05); the converter refuses it on a commit before
DELETES = set()
_FIXED = {'R59-W1': '4016fd50', 'R59-W2': 'f89815f5', 'R59-W3': 'b0da4862', 'R59-R1': 'f08eff78', 'R59-N1': '99eaafd0'}  # fix35e: an organization guarantor is the GT1-21 Organization (W1); Coverage = patient + payer + IN1-17 (W2); FT1-25 beside FT1-7 is ChargeItem.service (W3); fix37a: BAR^P05 converts as BAR_P01 (R1); Coverage.relationship IN1-17 read inverted into SubscriberRelationshipCodes (N1, a note, not counted)

if __name__ == '__main__':
    main(__file__, globals(), _FIXED)
