#!/usr/bin/env python3
r"""Review 20's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of a regional EMPI (Mountain West HIE: A40), Cerner (Front Range Medical Center, Denver -0700:
A47, A12, PharmNet RDS, DFT charges), its Sunquest LIS (CBC and a correction), a reference lab in another
zone (-0500), Meditech 2.3/2.3.1 (North Fork Hospital, New York -0500: A29, A08, one-ORC three-OBR ORM, an
ORC-only hold, a whole-order cancel, MDM T08), Epic (Coastal Bend Health, Los Angeles -0800: A17 swap,
Beaker OML parent/child, Radiant OMG two OBRs, Willow RDE with two TQ1, MAR RAS, Cadence SIU S12/S15, PPR
problem add) and a pediatric clinic's VXU to a state IIS. Versions 2.3-2.8. No patient, number, facility
or layout of reviews 16-19. Fields placed by number (seg(name, {n: value})). All persons, numbers and
addresses are invented. Writes docs/review20/messages/NN-name.hl7 (CR separators). Run from the worktree
root: python3 docs/review20/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review20/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'HIG', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
FRMC = 'FRMC&2.16.840.1.113883.3.8821.1&ISO'
CBH = 'CBH&2.16.840.1.113883.3.8821.2&ISO'
MWHIE = 'MWHIE&2.16.840.1.113883.3.8821.99&ISO'
OSTROWSKI = f'1639204817^OSTROWSKI^HELENA^^^^MD^^{NPI}^L^^^NPI'     # Front Range internist
ADEYEMI = f'1285730491^ADEYEMI^FOLAKE^^^^MD^^{NPI}^L^^^NPI'         # Coastal Bend surgeon
MARKS = f'1902847163^MARKS^DONOVAN^^^^DO^^{NPI}^L^^^NPI'            # North Fork hospitalist
KOWALCZYK = f'1548820379^KOWALCZYK^ANIA^^^^MD^^{NPI}^L^^^NPI'       # pediatrician

M = {}

# ---- LINDQVIST (Mountain West HIE EMPI) ----
# 01 ADT^A40 merge patient - patient identifier list (v2.5): PID-3 PI + MR, MRG-1 the retired PI + MR
M['01-adt-a40-empi'] = [
    msh('MWEMPI', 'MWHIE', '20261210071207-0700', 'MWE-40-118822', 'ADT^A40^ADT_A39', '2.5'),
    seg('EVN', {2: '20261210071200', 6: '20261210070500'}),
    seg('PID', {1: '1', 3: f'MW4410027^^^{MWHIE}^PI~FR3308841^^^{FRMC}^MR', 5: 'LINDQVIST^ASTRID^MAJA^^^^L',
                7: '19580322', 8: 'F', 11: '1420 ASPEN GROVE DR^^LAKEWOOD^CO^80228^USA^H'}),
    seg('MRG', {1: f'MW4419963^^^{MWHIE}^PI~FR3312207^^^{FRMC}^MR', 7: 'LINDQUIST^ASTRID^^^^^L'}),
]

# ---- NAKASHIMA (Front Range, Cerner) ----
NAK_PID = {1: '1', 3: f'FR3401772^^^{FRMC}^MR', 5: 'NAKASHIMA^KENJI^^^^^L', 7: '19660914', 8: 'M',
           11: '88 CHERRY CREEK BLVD^^DENVER^CO^80209^USA^H', 18: 'FR90042177^^^FRMC^AN'}
# 02 ADT^A47 change patient identifier list: the MR keyed in wrong at registration
M['02-adt-a47-cerner'] = [
    msh('CERNER', 'FRMC', '20261210083015-0700', 'Q771204519T8821', 'ADT^A47^ADT_A30', '2.5.1'),
    seg('EVN', {1: 'A47', 2: '20261210083000', 4: 'REG^Registration correction^FRMCREASON', 5: '44120^PALMER^JUNE'}),
    seg('PID', NAK_PID),
    seg('MRG', {1: f'FR3401727^^^{FRMC}^MR', 7: 'NAKASHIMA^KENJI'}),
]
# 03 ADT^A12 cancel transfer: back from 4 North 412 to the ED bay
M['03-adt-a12-cerner'] = [
    msh('CERNER', 'FRMC', '20261210091144-0700', 'Q771204622T8821', 'ADT^A12^ADT_A12', '2.5.1'),
    seg('EVN', {1: 'A12', 2: '20261210091140', 5: '44167^ORTIZ^RAMONA', 6: '20261210090000'}),
    seg('PID', NAK_PID),
    seg('PV1', {1: '1', 2: 'E', 3: 'ED^B07^1^FRMC^^^^^ED', 6: '4N^412^A^FRMC', 7: OSTROWSKI, 10: 'EM',
                19: 'FR70221558^^^FRMC^VN', 44: '20261210021500'}),
]

# ---- ABERNATHY (North Fork, Meditech 2.3.1) ----
# 04 ADT^A29 delete person information: a test registration removed
M['04-adt-a29-meditech'] = [
    msh('MEDITECH', 'NFH', '202612101010-0500', '20261210101012.0073', 'ADT^A29', '2.3.1'),
    seg('EVN', {1: 'A29', 2: '202612101010'}),
    seg('PID', {1: '1', 2: 'NF00618830', 3: 'NF00618830^^^NFH^MR', 5: 'ABERNATHY^COLE^T', 7: '19900101', 8: 'M'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# ---- VILLANUEVA / HOLLOWAY (Coastal Bend, Epic, -0800) ----
VIL_PID = {1: '1', 3: f'CB5520194^^^{CBH}^MR', 5: 'VILLANUEVA^ROSA^ISABEL^^^^L', 7: '19720611', 8: 'F',
           11: '2210 PACIFIC VIEW RD^^SAN PEDRO^CA^90731^USA^H', 13: '^PRN^PH^^1^310^5550172', 18: 'CB88120433^^^CBH^AN'}
HOL_PID = {1: '2', 3: f'CB5520871^^^{CBH}^MR', 5: 'HOLLOWAY^GRANT^^^^^L', 7: '19490203', 8: 'M'}
# 05 ADT^A17 swap patients: beds 5W-510-A and 5W-512-A exchanged
M['05-adt-a17-epic'] = [
    msh('EPIC', 'CBH', '20261210113502-0800', '77120510', 'ADT^A17^ADT_A17', '2.5'),
    seg('EVN', {1: 'A17', 2: '20261210113500', 6: '20261210113000'}),
    seg('PID', VIL_PID),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^512^A^CBH^^^^^5 WEST', 6: '5W^510^A^CBH', 7: ADEYEMI, 19: 'CB30011842^^^CBH^VN', 44: '20261209160000'}),
    seg('PID', HOL_PID),
    seg('PV1', {1: '2', 2: 'I', 3: '5W^510^A^CBH^^^^^5 WEST', 6: '5W^512^A^CBH', 7: ADEYEMI, 19: 'CB30011901^^^CBH^VN', 44: '20261208120000'}),
]

# ---- BALOGUN (North Fork, Meditech 2.3/2.3.1) ----
BAL_PID = {1: '1', 2: 'NF00622415', 3: 'NF00622415^^^NFH^MR', 5: 'BALOGUN^TUNDE^ADEBAYO', 7: '19550728', 8: 'M',
           11: '14 SOUND AVE^^RIVERHEAD^NY^11901', 18: 'NF26121004'}
BAL_PV1 = {1: '1', 2: 'I', 3: 'MS^221^1^NFH', 7: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 10: 'MED', 19: 'NF26121004', 44: '202612090430'}
# 06 ADT^A08 update: allergy severity unknown (AL1-4 U), a procedure done yesterday (PR1)
M['06-adt-a08-meditech'] = [
    msh('MEDITECH', 'NFH', '202612100722-0500', '20261210072201.0115', 'ADT^A08', '2.3.1'),
    seg('EVN', {1: 'A08', 2: '202612100722'}),
    seg('PID', BAL_PID),
    seg('PV1', BAL_PV1),
    seg('AL1', {1: '1', 2: 'DA', 3: 'F001000476^Sulfa (Sulfonamide Antibiotics)^MEDITECH', 4: 'U', 5: 'Hives'}),
    seg('PR1', {1: '1', 3: '0DJ08ZZ^Inspection of upper intestinal tract, endo^ICD10PCS', 5: '202612091415'}),
]
ORD = 'NF7713042^MEDITECH'
# 07 ORM^O01 one ORC, three OBRs (CBC, BMP, PT/INR), ORC-7 TQ stat (v2.3)
M['07-orm-o01-3obr-meditech'] = [
    msh('MEDITECH', 'NFH', '202612100745-0500', '20261210074501.0121', 'ORM^O01', '2.3'),
    seg('PID', BAL_PID),
    seg('PV1', BAL_PV1),
    seg('ORC', {1: 'NW', 2: ORD, 5: 'SC', 7: '^^^202612100800^^S', 9: '202612100744', 10: 'NF0088^LOPRESTI^GINA', 12: MARKS.replace(f'^^{NPI}^L^^^NPI', '')}),
    seg('OBR', {1: '1', 2: ORD, 4: 'CBC^Complete blood count^L', 16: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 27: '^^^202612100800^^S'}),
    seg('OBR', {1: '2', 2: ORD, 4: 'BMP^Basic metabolic panel^L', 16: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 27: '^^^202612100800^^S'}),
    seg('OBR', {1: '3', 2: ORD, 4: 'PTINR^Prothrombin time with INR^L', 13: 'ON WARFARIN', 16: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 27: '^^^202612100800^^S'}),
]
# 08 ORM^O01 ORC-only hold: the order held (patient off the unit), no OBR
M['08-orm-o01-hold-meditech'] = [
    msh('MEDITECH', 'NFH', '202612100812-0500', '20261210081202.0133', 'ORM^O01', '2.3'),
    seg('PID', BAL_PID),
    seg('PV1', BAL_PV1),
    seg('ORC', {1: 'HD', 2: ORD, 5: 'HD', 9: '202612100811', 10: 'NF0088^LOPRESTI^GINA', 16: 'OFFUNIT^Patient off unit^NFHREASON'}),
]
# 09 ORM^O01 the whole order cancelled: ORC CA repeated with each OBR (v2.3)
M['09-orm-o01-cancel-meditech'] = [
    msh('MEDITECH', 'NFH', '202612100903-0500', '20261210090300.0140', 'ORM^O01', '2.3'),
    seg('PID', BAL_PID),
    seg('PV1', BAL_PV1),
    seg('ORC', {1: 'CA', 2: ORD, 5: 'CA', 9: '202612100902', 12: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 16: 'DC^Discontinued by physician^NFHREASON'}),
    seg('OBR', {1: '1', 2: ORD, 4: 'CBC^Complete blood count^L'}),
    seg('ORC', {1: 'CA', 2: ORD, 5: 'CA', 9: '202612100902', 12: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 16: 'DC^Discontinued by physician^NFHREASON'}),
    seg('OBR', {1: '2', 2: ORD, 4: 'BMP^Basic metabolic panel^L'}),
    seg('ORC', {1: 'CA', 2: ORD, 5: 'CA', 9: '202612100902', 12: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 16: 'DC^Discontinued by physician^NFHREASON'}),
    seg('OBR', {1: '3', 2: ORD, 4: 'PTINR^Prothrombin time with INR^L'}),
]

# ---- VILLANUEVA orders (Coastal Bend, Epic) ----
VIL_PV1 = {1: '1', 2: 'I', 3: '5W^512^A^CBH^^^^^5 WEST', 7: ADEYEMI, 19: 'CB30011842^^^CBH^VN', 44: '20261209160000-0800'}
# 10 OML^O21 parent urine culture + child susceptibility order, SPM on the parent (v2.5.1)
M['10-oml-o21-parent-child-epic'] = [
    msh('EPIC', 'CBH', '20261210123014-0800', '77120644', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', VIL_PID),
    seg('PV1', VIL_PV1),
    seg('ORC', {1: 'NW', 2: 'CB-LO-88410^EPIC', 4: 'CB-LO-88410^EPIC', 5: 'SC', 9: '20261210122900', 12: ADEYEMI}),
    seg('TQ1', {1: '1', 7: '20261210130000-0800', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: 'CB-LO-88410^EPIC', 4: '87086^URINE CULTURE^CPT4', 16: ADEYEMI, 31: 'R30.0^Dysuria^I10'}),
    seg('SPM', {1: '1', 2: 'CB-SP-21177&EPIC', 4: '122575003^Urine specimen^SCT', 7: 'CCLEAN^Clean catch^HL70488',
                17: '20261210122500-0800'}),
    seg('ORC', {1: 'CH', 2: 'CB-LO-88411^EPIC', 4: 'CB-LO-88410^EPIC', 5: 'SC', 8: 'CB-LO-88410^EPIC', 9: '20261210122900', 12: ADEYEMI}),
    seg('OBR', {1: '2', 2: 'CB-LO-88411^EPIC', 4: '87186^SUSCEPTIBILITY MIC^CPT4', 16: ADEYEMI, 29: 'CB-LO-88410&EPIC'}),
]
# 11 OMG^O19 two imaging OBRs under one ORC: MRI lumbar spine + XR lumbar flexion/extension (v2.8)
M['11-omg-o19-two-obr-epic'] = [
    msh('EPIC', 'CBH', '20261210131702-0800', '77120702', 'OMG^O19^OMG_O19', '2.8'),
    seg('PID', VIL_PID),
    seg('PV1', VIL_PV1),
    seg('ORC', {1: 'NW', 2: 'CB-IM-30552^EPIC', 5: 'SC', 9: '20261210131600', 12: ADEYEMI}),
    seg('TQ1', {1: '1', 7: '20261211080000-0800', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: 'CB-IM-30552^EPIC', 4: '72148^MRI lumbar spine w/o contrast^CPT4', 16: ADEYEMI, 31: 'M54.16^Radiculopathy, lumbar region^I10'}),
    seg('OBR', {1: '2', 2: 'CB-IM-30552^EPIC', 4: '72114^XR lumbosacral spine complete with bending^CPT4', 16: ADEYEMI}),
]

# ---- TRAN (Front Range, Sunquest) ----
TRAN_PID = {1: '1', 3: f'FR3402961^^^{FRMC}^MR', 5: 'TRAN^MINH ANH^^^^^L', 7: '19880430', 8: 'F'}
CBC_ORD = 'FR8840217^HNAM_ORDERID'
CBC_OBR = {1: '1', 2: CBC_ORD, 3: 'SQ26-1180442^SUNQUEST', 4: '58410-2^CBC panel - Blood by Automated count^LN',
           7: '20261210061000-0700', 14: '20261210063000-0700', 16: OSTROWSKI, 22: '20261210070200-0700', 24: 'HM'}


def cbc_obx(hgb, hgb_status, wbc_status='F', plt_status='F'):
    return [
        seg('OBX', {1: '1', 2: 'NM', 3: '6690-2^WBC^LN', 5: '7.4', 6: '10*3/uL^^UCUM', 7: '4.0-11.0', 8: 'N', 11: wbc_status, 14: '20261210061000-0700'}),
        seg('OBX', {1: '2', 2: 'NM', 3: '718-7^Hemoglobin^LN', 5: hgb, 6: 'g/dL^^UCUM', 7: '12.0-15.5', 8: 'L' if float(hgb) < 12 else 'N', 11: hgb_status, 14: '20261210061000-0700'}),
        seg('OBX', {1: '3', 2: 'NM', 3: '777-3^Platelets^LN', 5: '41', 6: '10*3/uL^^UCUM', 7: '150-400', 8: 'LL', 11: plt_status, 14: '20261210061000-0700'}),
    ]


# 12 ORU^R01 CBC final, OBR-24 HM, critical platelets (v2.5.1)
M['12-oru-r01-cbc-sunquest'] = [
    msh('SUNQUEST', 'FRMC', '20261210070210-0700', 'SQ26121007021', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TRAN_PID),
    seg('ORC', {1: 'RE', 2: CBC_ORD, 3: 'SQ26-1180442^SUNQUEST', 5: 'CM', 12: OSTROWSKI}),
    seg('OBR', {**CBC_OBR, 25: 'F'}),
] + cbc_obx('11.1', 'F')
# 13 ORU^R01 corrected: hemoglobin 11.1 -> 13.1 (OBX-11 C), platelets deleted (clumped; OBX-11 D), OBR-25 C
M['13-oru-r01-correct-sunquest'] = [
    msh('SUNQUEST', 'FRMC', '20261210094405-0700', 'SQ26121009440', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TRAN_PID),
    seg('ORC', {1: 'RE', 2: CBC_ORD, 3: 'SQ26-1180442^SUNQUEST', 5: 'CM', 12: OSTROWSKI}),
    seg('OBR', {**CBC_OBR, 22: '20261210094400-0700', 25: 'C'}),
] + cbc_obx('13.1', 'C', plt_status='D') + [
    seg('NTE', {1: '1', 2: 'L', 3: 'Platelet clumps seen; platelet count deleted, recollect in citrate.'}),
]
# 14 ORU^R01 reference lab (-0500) for the Denver client (-0700): OBR-7 in the client's zone, OBX-14 none
M['14-oru-r01-reflab'] = [
    msh('TSRL', 'TRISTATE^22D0998811^CLIA', '20261211163005-0500', 'TS0098812004', 'ORU^R01^ORU_R01', '2.5.1',
        {5: 'CERNER', 6: 'FRMC'}),
    seg('PID', {**TRAN_PID, 3: f'FR3402961^^^{FRMC}^MR~T77120044^^^TSRL^PI'}),
    seg('ORC', {1: 'RE', 2: 'FR8840388^HNAM_ORDERID', 3: 'T7712004401^TSRL', 5: 'CM', 12: OSTROWSKI}),
    seg('OBR', {1: '1', 2: 'FR8840388^HNAM_ORDERID', 3: 'T7712004401^TSRL', 4: '13590-5^Ferritin^LN',
                7: '20261210061000-0700', 14: '20261211091500', 16: OSTROWSKI, 22: '20261211162900', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2276-4^Ferritin [Mass/volume] in Serum or Plasma^LN', 5: '6', 6: 'ng/mL^^UCUM', 7: '11-307',
                8: 'L', 11: 'F', 14: '20261210061000', 19: '20261211154000',
                23: 'Tri-State Reference Laboratories^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^22D0998811'}),
]

# ---- VILLANUEVA pharmacy (Coastal Bend, Epic) ----
VANC = '11124^vancomycin 1,250 mg in sodium chloride 0.9 % 250 mL IVPB^EPICMED'
# 15 RDE^O11 vancomycin: loading dose once stat, then 1,250 mg Q12H; infusion rate, RXR-3 pump (v2.5.1)
M['15-rde-o11-two-tq1-epic'] = [
    msh('EPIC', 'CBH', '20261210141005-0800', '77120811', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', VIL_PID),
    seg('PV1', VIL_PV1),
    seg('ORC', {1: 'NW', 2: 'CB-RX-660114^EPIC', 5: 'IP', 9: '20261210140900', 12: ADEYEMI}),
    seg('TQ1', {1: '1', 2: '1750&mg&UCUM', 3: 'Once^Once^HL70335', 7: '20261210143000-0800', 9: 'S^Stat^HL70485', 12: 'S'}),
    seg('TQ1', {1: '2', 2: '1250&mg&UCUM', 3: 'Q12H^Every 12 hours^HL70335', 7: '20261211023000-0800', 8: '20261217023000-0800', 9: 'R^Routine^HL70485'}),
    seg('RXE', {2: VANC, 3: '1250', 5: 'mg^^UCUM', 6: 'IVPB^^EPICFORM', 10: '14', 11: 'bag^^EPICUNIT', 12: '0',
                15: 'CB-RX-660114', 23: '166.7', 24: 'mL/h^^UCUM'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 3: 'IVP^IV Pump^HL70164'}),
]
# 16 RAS^O17 the loading dose given over 90 min (RXA-3/4), ORC-12, RXA-10 nurse (v2.5.1)
M['16-ras-o17-epic'] = [
    msh('EPIC', 'CBH', '20261210160512-0800', '77120902', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', VIL_PID),
    seg('PV1', VIL_PV1),
    seg('ORC', {1: 'RE', 2: 'CB-RX-660114^EPIC', 5: 'IP', 12: ADEYEMI}),
    seg('RXA', {1: '0', 2: '1', 3: '20261210143200-0800', 4: '20261210160200-0800', 5: VANC, 6: '1750', 7: 'mg^^UCUM',
                10: '3309^NGUYEN^LILY^^^^RN', 11: '^^^5W^512^A^CBH', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left Arm^HL70163'}),
]

# ---- NAKASHIMA pharmacy (Front Range, Cerner PharmNet) ----
# 17 RDS^O13 metoprolol tartrate 25 mg BID x 30 days, TQ1-4 explicit times, dispense 60 tablets (v2.5)
M['17-rds-o13-pharmnet'] = [
    msh('PHARMNET', 'FRMC', '20261210171544-0700', 'Q771205544T8821', 'RDS^O13^RDS_O13', '2.5'),
    seg('PID', NAK_PID),
    seg('ORC', {1: 'RE', 2: 'FR8841002^HNAM_ORDERID', 3: 'RX5508812^PHARMNET', 5: 'CM', 12: OSTROWSKI}),
    seg('TQ1', {1: '1', 2: '1&{tbl}&UCUM', 3: 'BID^Twice a day^HL70335', 4: '0900~2100', 6: '30^d&day&UCUM', 7: '20261210210000-0700', 9: 'R^Routine^HL70485'}),
    seg('RXE', {2: '866924^metoprolol tartrate 25 MG Oral Tablet^RXNORM', 3: '25', 5: 'mg^^UCUM', 6: 'TAB^Tablet^HL70292', 10: '60', 11: '{tbl}^^UCUM', 12: '2', 15: 'RX5508812'}),
    seg('RXD', {1: '1', 2: '866924^metoprolol tartrate 25 MG Oral Tablet^RXNORM', 3: '20261210171000-0700', 4: '60', 5: '{tbl}^^UCUM', 7: 'RX5508812',
                10: '5521^HUANG^PETER^^^^RPH'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]

# ---- OYELARAN (pediatric clinic -> state IIS) ----
OYE_PID = {1: '1', 3: 'PK220413^^^SUMMITPEDS^MR', 5: 'OYELARAN^ZURI^AMARA^^^^L', 6: 'ADEBISI^FUNMI^^^^^M', 7: '20250415', 8: 'F',
           11: '517 WILLOW BEND^^AURORA^CO^80013^USA^H'}
PEDS = f'{KOWALCZYK}'


def vxu_head(t, ctl):
    return [msh('PEDSEHR', 'SUMMITPEDS', t, ctl, 'VXU^V04^VXU_V04', '2.5.1', {5: 'CIIS', 6: 'CDPHE', 15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
            seg('PID', OYE_PID),
            seg('PD1', {12: 'N', 13: '20261211', 16: 'A', 17: '20261211'})]


# 18 VXU^V04 DTaP-HepB-IPV given with VFC + VIS OBX group, historical PCV13, MMR refused (parental decision)
M['18-vxu-v04-iis'] = vxu_head('20261211103012-0700', 'SP-VXU-22041') + [
    seg('ORC', {1: 'RE', 2: 'SP-IM-41101^SUMMITPEDS', 3: 'SP-IM-41101^SUMMITPEDS', 12: PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20261211101500-0700', 5: '110^DTaP-hepatitis B and poliovirus vaccine^CVX', 6: '0.5', 7: 'mL^^UCUM',
                9: '00^New immunization record^NIP001', 10: '4410^REILLY^SHAUNA^^^^RN', 11: '^^^SUMMITPEDS', 15: 'PX77120B', 16: '20271031',
                17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'RT^Right Thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1', 5: 'V04^VFC eligible - American Indian/Alaska Native^HL70064', 11: 'F', 14: '20261211101500-0700', 17: 'VXC40^per immunization^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: '2', 5: '107^DTaP^CVX', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: '20210806', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261211', 11: 'F'}),
    seg('ORC', {1: 'RE', 2: '', 3: 'SP-IM-41102^SUMMITPEDS'}),
    seg('RXA', {1: '0', 2: '1', 3: '20260615', 5: '133^PCV13^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: 'SP-IM-41103^SUMMITPEDS', 12: PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20261211', 5: '03^MMR^CVX', 6: '999', 18: '00^Parental decision^NIP002', 20: 'RE', 21: 'A'}),
    seg('OBX', {1: '5', 2: 'CE', 3: '30945-0^Vaccination contraindication^LN', 4: '3', 5: '91930004^Allergy to eggs^SCT', 11: 'F', 14: '20261211'}),
]
# 19 VXU^V04 the DTaP-HepB-IPV of #18 recorded in error (RXA-21 D)
M['19-vxu-v04-delete'] = vxu_head('20261211144501-0700', 'SP-VXU-22058') + [
    seg('ORC', {1: 'RE', 2: 'SP-IM-41101^SUMMITPEDS', 3: 'SP-IM-41101^SUMMITPEDS', 12: PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20261211101500-0700', 5: '110^DTaP-hepatitis B and poliovirus vaccine^CVX', 6: '0.5', 7: 'mL^^UCUM',
                9: '00^New immunization record^NIP001', 15: 'PX77120B', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'D'}),
]

# ---- VILLANUEVA scheduling (Epic Cadence) ----
SCH = {1: 'CB-AP-55012^EPIC', 2: 'CB-AP-55012^EPIC', 6: '^New appointment', 7: 'FU^Post-op follow-up^EPICRSN', 8: 'ROUTINE^Routine^HL70276',
       9: '20', 10: 'MIN', 11: '^^20^20261224103000-0800^20261224105000-0800', 16: ADEYEMI, 20: '9910^BANKS^TERESA'}


def sch_body(status):
    return [
        seg('SCH', {**SCH, 25: status}),
        seg('PID', VIL_PID),
        seg('RGS', {1: '1', 2: 'A'}),
        seg('AIS', {1: '1', 2: 'A', 3: '99024^Postoperative follow-up visit^CPT4', 4: '20261224103000-0800', 7: '20', 8: 'MIN'}),
        seg('AIL', {1: '1', 2: 'A', 3: '^^^CBSURGCL^^^^^Surgery Clinic'}),
        seg('AIP', {1: '1', 2: 'A', 3: ADEYEMI, 4: 'ATND^Attending^HL70443'}),
    ]


M['20-siu-s12-cadence'] = [msh('EPIC', 'CBH', '20261212091102-0800', '77121033', 'SIU^S12^SIU_S12', '2.5')] + sch_body('Booked^Booked^HL70278')
M['21-siu-s15-cadence'] = [msh('EPIC', 'CBH', '20261218150412-0800', '77121488', 'SIU^S15^SIU_S12', '2.5')] + \
    [s.replace('^New appointment', '^Patient cancelled') for s in sch_body('Cancelled^Cancelled^HL70278')]

# ---- FERREIRA-DOYLE (Front Range, Cerner ProFit charges) ----
# 22 DFT^P03 two charges for an ED visit (v2.5.1)
FER_PID = {1: '1', 3: f'FR3403318^^^{FRMC}^MR', 5: 'FERREIRA-DOYLE^MARISOL^^^^^L', 7: '19931102', 8: 'F', 18: 'FR90042990^^^FRMC^AN'}
M['22-dft-p03-cerner'] = [
    msh('PROFIT', 'FRMC', '20261210230501-0700', 'Q771206881T8821', 'DFT^P03^DFT_P03', '2.5.1'),
    seg('EVN', {1: 'P03', 2: '20261210230500'}),
    seg('PID', FER_PID),
    seg('PV1', {1: '1', 2: 'E', 3: 'ED^B03^1^FRMC', 7: OSTROWSKI, 19: 'FR70222910^^^FRMC^VN', 44: '20261210184000'}),
    seg('FT1', {1: '1', 2: 'CH1188201', 4: '20261210191500', 5: '20261210230000', 6: 'CG', 7: '99284^ED visit, moderate MDM^CPT4', 10: '1',
                13: 'ED^Emergency Department', 16: 'ED^B03^1^FRMC', 19: 'S93.401A^Sprain of right ankle, initial^I10', 20: OSTROWSKI,
                25: '99284^ED visit, moderate MDM^CPT4'}),
    seg('FT1', {1: '2', 2: 'CH1188202', 4: '20261210195000', 5: '20261210230000', 6: 'CG', 7: '73610^XR ankle 3+ views^CPT4', 10: '1',
                13: 'RAD^Radiology', 19: 'S93.401A^Sprain of right ankle, initial^I10', 25: '73610^XR ankle 3+ views^CPT4', 26: 'RT^Right side^CPT4'}),
]

# 23 MDM^T08 edit notification and content: an addendum-corrected H&P at North Fork (v2.6)
M['23-mdm-t08-meditech'] = [
    msh('MEDITECH', 'NFH', '20261210151503-0500', '20261210151503.0201', 'MDM^T08^MDM_T02', '2.6'),
    seg('EVN', {1: 'T08', 2: '20261210151500'}),
    seg('PID', BAL_PID),
    seg('PV1', BAL_PV1),
    seg('TXA', {1: '1', 2: 'HP^History and physical^MEDITECH', 3: 'TX', 4: '20261210151000-0500', 5: MARKS.replace(f'^^{NPI}^L^^^NPI', ''),
                6: '20261209061500-0500', 9: MARKS.replace(f'^^{NPI}^L^^^NPI', ''), 12: 'NFDOC-2026-8812041^MEDITECH', 13: 'NFDOC-2026-8811733^MEDITECH',
                17: 'AU^Authenticated^HL70271', 18: 'V^Very restricted^HL70272', 19: 'AV^Available^HL70273',
                22: MARKS.replace(f'^^{NPI}^L^^^NPI', '') + '^^^^^^^^^^^^^^^20261210151000-0500'}),
    seg('OBX', {1: '1', 2: 'TX', 3: 'HP^History and physical^MEDITECH', 5: '73 yo man admitted with melena; EGD 12/09 showed a clean-based duodenal ulcer.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: 'HP^History and physical^MEDITECH', 5: 'ADDENDUM: home medication list corrected (aspirin 81 mg stopped).', 11: 'F'}),
]

# 24 PPR^PC1 problem add: lumbar radiculopathy on Villanueva's problem list (Epic, v2.5.1)
M['24-ppr-pc1-epic'] = [
    msh('EPIC', 'CBH', '20261210132000-0800', '77120705', 'PPR^PC1^PPR_PC1', '2.5.1'),
    seg('PID', VIL_PID),
    seg('PV1', VIL_PV1),
    seg('PRB', {1: 'AD', 2: '20261210131900-0800', 3: 'M54.16^Radiculopathy, lumbar region^I10', 4: 'CB-PRB-4410982^EPIC', 7: '20261210131900-0800',
                13: 'C^Confirmed^HL70838', 14: 'A^Active^EPICLCS', 16: '20261101'}),
]

OUT.mkdir(parents=True, exist_ok=True)
for name, segs in M.items():
    (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
print(len(M), 'messages written')
