#!/usr/bin/env python3
r"""Review 18's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of Epic (ADT, Beaker OML/ORU, Willow RDE/RDS, MAR RAS, a Dragon-style addendum), Cerner (ADT
delete, parent/child ORM), Meditech 2.3 (pre-admit, multi-test ORM, RDE^O01 with RXE-1 timing), an EMPI,
a reference lab in another time zone, and an EHR's VXU to a state registry. Versions 2.3-2.8.
New patients, numbers, facilities and layouts (none of reviews 16/17's). Fields are placed by number
(seg(name, {n: value})) so none slips by one. All persons, numbers and addresses are invented.
Writes docs/review18/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review18/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review18/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, recv='HIG', rfac='RMHIE', extra=None):
    f = {3: app, 4: fac, 5: recv, 6: rfac, 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 15: 'AL', 16: 'NE'}
    f.update(extra or {})
    return seg('MSH', f)


NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
KESSLER = f'1093847561^KESSLER^ANNA^M^^^MD^^{NPI}^L^^^NPI'
OSEI = f'1528304716^OSEI^KWAME^^^^MD^^{NPI}^L^^^NPI'
BRANDVOLD = f'1346620985^BRANDVOLD^ERIK^T^^^DO^^{NPI}^L^^^NPI'
PMC_OID = 'PMC&2.16.840.1.113883.3.9021.1&ISO'

# ---- Family A: TORRES, Epic inpatient at Pinecrest Medical Center (PMC, Denver, -0700) ----
TOR_IDS = f'E4410087^^^{PMC_OID}^MR~Z7788001^^^EPI^PI~612-44-8890^^^SSA^SS'
TOR_PID = {1: '1', 3: TOR_IDS, 5: 'TORRES^GABRIEL^LUIS^^^^L', 7: '19590223', 8: 'M', 10: '2106-3^White^CDCREC',
           11: '1440 LARIMER ST^APT 9C^DENVER^CO^80202^USA^H^^08031', 13: '^PRN^PH^^1^303^5550121~^ORN^CP^^1^720^5550177',
           15: 'eng^English^ISO639', 16: 'W^Widowed^HL70002', 18: '7300118822^^^PMC^AN', 22: '2135-2^Hispanic or Latino^CDCREC'}
TOR_PID_THIN = {1: '1', 3: TOR_IDS, 5: 'TORRES^GABRIEL^LUIS^^^^L', 7: '19590223', 8: 'M'}
TOR_VN = '40055123^^^PMC^VN'
BED_6E = '6E^614^2^PMC^^^^^6 EAST MEDICAL'
BED_MICU = 'MICU^M08^1^PMC^^^^^MEDICAL ICU'
TOR_PV1 = {1: '1', 2: 'I', 3: BED_6E, 4: 'E^Emergency^HL70007', 7: KESSLER, 10: 'MED', 14: '7^Emergency room^HL70023',
           17: KESSLER, 18: 'IP', 19: TOR_VN, 44: '20261206074500'}

# ---- KAPOOR, the bed-swap partner and OMG patient (PMC) ----
KAP_IDS = f'E4410533^^^{PMC_OID}^MR~Z7788412^^^EPI^PI'
KAP_PID = {1: '1', 3: KAP_IDS, 5: 'KAPOOR^VIKRAM^^^^^L', 7: '19770914', 8: 'M'}
KAP_PV1 = {1: '1', 2: 'I', 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL', 7: OSEI, 10: 'MED', 18: 'IP', 19: '40055190^^^PMC^VN',
           44: '20261205190000'}

M = {}

# 01 ADT^A01 Epic admission: PID-3 x3, NK1, AL1, DG1, two IN1 (Medicare + Medigap)
M['01-adt-a01-epic'] = [
    msh('EPICADT', 'PMC', '20261206081512-0700', 'PMCA01-556001', 'ADT^A01^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A01', 2: '20261206081500', 5: 'RG2290^FOLEY^DANA^^^^^^PMC^^^^EMPLID', 6: '20261206080000'}),
    seg('PID', TOR_PID),
    seg('NK1', {1: '1', 2: 'TORRES^ELENA^^^^^L', 3: 'DAU^Daughter^HL70063', 5: '^PRN^CP^^1^720^5550199',
                7: 'C^Emergency Contact^HL70131'}),
    seg('PV1', TOR_PV1),
    seg('PV2', {3: 'J18.9^Pneumonia, unspecified organism^I10', 8: '20261206'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '7980^Penicillin G^RXNORM', 4: 'SV^Severe^HL70128', 5: 'Hives', 6: '19950601'}),
    seg('DG1', {1: '1', 3: 'J18.9^Pneumonia, unspecified organism^I10', 5: '20261206', 6: 'A'}),
    seg('IN1', {1: '1', 2: 'MCRA^Medicare Part A', 3: '00901^^^^NIIP', 4: 'MEDICARE', 12: '20240301', 15: 'MC',
                16: 'TORRES^GABRIEL^LUIS', 17: 'SEL^Self^HL70063', 22: '1', 36: '1EG4TE5MK72'}),
    seg('IN1', {1: '2', 2: 'AARPF^AARP Medigap Plan F', 3: '36273^^^^NIIP', 4: 'AARP MEDICARE SUPPLEMENT', 12: '20240301',
                15: 'SUP', 16: 'TORRES^GABRIEL^LUIS', 17: 'SEL^Self^HL70063', 22: '2', 36: '7788990012'}),
]

# 02 ADT^A02 transfer 6 East -> medical ICU (evening)
M['02-adt-a02-epic'] = [
    msh('EPICADT', 'PMC', '20261206221203-0700', 'PMCA02-556140', 'ADT^A02^ADT_A02', '2.5.1'),
    seg('EVN', {1: 'A02', 2: '20261206221200', 6: '20261206221000'}),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: BED_MICU, 6: BED_6E}),
]

# 03 ADT^A12 cancel transfer: the ICU move was keyed in error; PV1-3 back in 6 East, PV1-6 the cancelled ICU bed
M['03-adt-a12-epic'] = [
    msh('EPICADT', 'PMC', '20261206223540-0700', 'PMCA12-556152', 'ADT^A12^ADT_A12', '2.5.1'),
    seg('EVN', {1: 'A12', 2: '20261206223500', 4: 'ERR', 6: '20261206221000'}),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: BED_6E, 6: BED_MICU}),
]

# 04 ADT^A17 swap: TORRES to bed 1, KAPOOR to bed 2 of room 614 (two PID/PV1 pairs)
M['04-adt-a17-swap'] = [
    msh('EPICADT', 'PMC', '20261207090505-0700', 'PMCA17-556301', 'ADT^A17^ADT_A17', '2.5.1'),
    seg('EVN', {1: 'A17', 2: '20261207090500', 6: '20261207090000'}),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL', 6: BED_6E}),
    seg('PID', KAP_PID),
    seg('PV1', {**KAP_PV1, 3: BED_6E, 6: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
]

# ---- Family B: DUBOIS, Meditech 2.3 at Valley Hospital (MVH, Sacramento, -0800) ----
DUB_PID = {1: '1', 2: 'MV00044712', 3: 'MV00044712^^^MVH^MR', 5: 'DUBOIS^CLAIRE^M', 7: '19630519', 8: 'F',
           11: '5120 J ST^^SACRAMENTO^CA^95819^^H', 13: '(916)555-0134^PRN^PH', 16: 'M', 18: 'MV2612070044', 19: '548-90-1276'}
DUB_PV1 = {1: '1', 2: 'I', 3: 'SURG^^^MVH', 4: 'EL', 7: 'HALL.JEN^HALL^JENNIFER^^^^MD', 10: 'ORT', 18: 'PRE',
           19: 'MV2612070044'}

# 05 ADT^A05 pre-admission for a knee replacement (DG1 + planned PR1), Meditech 2.3
M['05-adt-a05-meditech'] = [
    msh('MEDITECH', 'MVH', '20261206101522-0800', 'MVH.A05.0098812', 'ADT^A05', '2.3'),
    seg('EVN', {1: 'A05', 2: '202612061015'}),
    seg('PID', DUB_PID),
    seg('PV1', DUB_PV1),
    seg('PV2', {3: '^RIGHT KNEE OSTEOARTHRITIS', 8: '20261209'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'M17.11^Unilateral primary osteoarthritis, right knee^I10', 6: 'A'}),
    seg('PR1', {1: '1', 2: 'C4', 3: '27447^Total knee arthroplasty^C4', 5: '202612090730', 6: 'P'}),
    seg('IN1', {1: '1', 2: 'BSCPPO^Blue Shield PPO', 3: 'BSC01^^^^NIIP', 4: 'BLUE SHIELD OF CALIFORNIA', 8: '009911A',
                15: 'PPO', 16: 'DUBOIS^CLAIRE^M', 17: 'SEL', 36: 'XEB448812201'}),
]

# 06 ADT^A38 cancel pre-admit (surgery postponed), Meditech 2.3
M['06-adt-a38-meditech'] = [
    msh('MEDITECH', 'MVH', '20261207140210-0800', 'MVH.A38.0099104', 'ADT^A38', '2.3'),
    seg('EVN', {1: 'A38', 2: '202612071402'}),
    seg('PID', DUB_PID),
    seg('PV1', DUB_PV1),
]

# 07 ADT^A40 from the HIE's EMPI: two merges in one message (PATIENT group repeated), v2.5
M['07-adt-a40-empi-two'] = [
    msh('EMPI', 'RMHIE', '20261207020000-0700', 'EMPI-MRG-20261207-01', 'ADT^A40^ADT_A39', '2.5', rfac='RMHIE-CDR'),
    seg('EVN', {1: 'A40', 2: '20261207015930', 7: 'RMHIE'}),
    seg('PID', {1: '1', 3: 'RM9900123^^^RMHIE&2.16.840.1.113883.3.9021.99&ISO^PT', 5: 'NAKAMURA^KENJI^^^^^L', 7: '19880106', 8: 'M'}),
    seg('MRG', {1: 'RM9900455^^^RMHIE&2.16.840.1.113883.3.9021.99&ISO^PT', 7: 'NAKAMURA^KENJI^^^^^L'}),
    seg('PID', {1: '2', 3: 'RM9900678^^^RMHIE&2.16.840.1.113883.3.9021.99&ISO^PT', 5: 'OYELARAN^FUNMI^A^^^^L', 7: '19920311', 8: 'F'}),
    seg('MRG', {1: 'RM9900701^^^RMHIE&2.16.840.1.113883.3.9021.99&ISO^PT', 7: 'OYELARAN^FUNMILAYO^^^^^L'}),
]

# 08 ADT^A47 change patient identifier list: a mistyped MRN corrected (Epic, v2.6)
M['08-adt-a47-epic'] = [
    msh('EPICADT', 'PMC', '20261207111500-0700', 'PMCA47-556420', 'ADT^A47^ADT_A30', '2.6'),
    seg('EVN', {1: 'A47', 2: '20261207111500', 4: 'ERR'}),
    seg('PID', {1: '1', 3: f'E4410901^^^{PMC_OID}^MR', 5: 'VOSS^HANNAH^R^^^^L', 7: '20000728', 8: 'F'}),
    seg('MRG', {1: f'E4410900^^^{PMC_OID}^MR'}),
]

# 09 ADT^A29 delete person information (registered in error), Cerner 2.4 at St. Jude Health (SJH, Phoenix, -0700)
M['09-adt-a29-cerner'] = [
    msh('CERNER', 'SJH', '20261207123000-0700', 'Q5120034567T5120099', 'ADT^A29^ADT_A21', '2.4'),
    seg('EVN', {1: 'A29', 2: '20261207122955', 5: '77120^RUIZ^CARLA^^^^^^^^^^PRSNL'}),
    seg('PID', {1: '1', 3: '6601342^^^SJH^MRN~99016623^^^SJH^CMRN', 5: 'ABERNATHY^COLE^^^^^L', 7: '19751130', 8: 'M',
                18: '77100442^^^SJH^FIN NBR'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'RAD^^^SJH', 19: '77100442^^^SJH^FIN NBR'}),
]

# ---- Family C: MENDEZ, Meditech 2.3 outpatient at MVH: one ORC, three OBRs; then the CMP cancelled alone ----
MEN_PID = {1: '1', 2: 'MV00051190', 3: 'MV00051190^^^MVH^MR', 5: 'MENDEZ^ROSA^I', 7: '19840603', 8: 'F',
           11: '2210 FOLSOM BLVD^^SACRAMENTO^CA^95816^^H', 13: '(916)555-0166^PRN^PH', 18: 'MV2612070101'}
MEN_PV1 = {1: '1', 2: 'O', 3: 'LAB^^^MVH', 7: 'NGO.DAV^NGO^DAVID^^^^MD', 18: 'REF', 19: 'MV2612070101'}
MEN_OBR = lambda n, code: seg('OBR', {1: str(n), 4: code, 7: '202612070715', 16: 'NGO.DAV^NGO^DAVID^^^^MD',
                                     27: '^^^202612070700^^R'})
M['10-orm-o01-three-tests'] = [
    msh('MEDITECH', 'MVH', '20261207064501-0800', 'MVH.ORM.0044101', 'ORM^O01', '2.3'),
    seg('PID', MEN_PID),
    seg('PV1', MEN_PV1),
    seg('ORC', {1: 'NW', 2: 'MV55001^MVH', 5: 'SC', 7: '^^^202612070700^^R', 9: '202612070644', 10: 'LABCLK^CLERK^LAB',
                12: 'NGO.DAV^NGO^DAVID^^^^MD'}),
    MEN_OBR(1, '85025^CBC W/ AUTO DIFF^CPT4'),
    seg('DG1', {1: '1', 2: 'I10', 3: 'R53.83^Other fatigue^I10', 6: 'W'}),
    MEN_OBR(2, '80053^COMPREHENSIVE METABOLIC PANEL^CPT4'),
    MEN_OBR(3, '84443^TSH^CPT4'),
    seg('NTE', {1: '1', 3: 'Fasting 10 hours per patient.'}),
]

# 11 ORM^O01: the CMP cancelled by the lab (wrong tube), sent alone with the order's number
M['11-orm-o01-cancel-one'] = [
    msh('MEDITECH', 'MVH', '20261207083012-0800', 'MVH.ORM.0044177', 'ORM^O01', '2.3'),
    seg('PID', MEN_PID),
    seg('PV1', MEN_PV1),
    seg('ORC', {1: 'OC', 2: 'MV55001^MVH', 5: 'CA', 9: '202612070830', 16: 'WT^Wrong tube type'}),
    seg('OBR', {1: '1', 4: '80053^COMPREHENSIVE METABOLIC PANEL^CPT4', 7: '202612070715'}),
]

# 12 OML^O21 Epic Beaker: urinalysis stat with a reflex culture as child order (ORC-8, OBR-11 G, OBR-29), TQ1, SPM
BKR_UA = 'PMC-L7700231^EPIC'
M['12-oml-o21-reflex'] = [
    msh('EPICLAB', 'PMC', '20261207061012-0700', 'PMCOML-771001', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
    seg('ORC', {1: 'NW', 2: BKR_UA, 5: 'SC', 9: '20261207061000', 12: KESSLER}),
    seg('TQ1', {1: '1', 7: '20261207061500-0700', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '1', 2: BKR_UA, 4: '81001^UA with microscopy^CPT4', 7: '20261207060500', 16: KESSLER}),
    seg('SPM', {1: '1', 2: '^PMC-S-99120&EPIC', 4: 'UR^Urine^HL70487', 7: 'CLCATH^Clean catch^HL70488',
                17: '20261207060500'}),
    seg('ORC', {1: 'NW', 2: 'PMC-L7700232^EPIC', 5: 'SC', 8: BKR_UA, 9: '20261207061000', 12: KESSLER}),
    seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '2', 2: 'PMC-L7700232^EPIC', 4: '87086^Urine culture^CPT4', 7: '20261207060500', 11: 'G', 16: KESSLER,
                29: 'PMC-L7700231&EPIC'}),
]

# 13 OMG^O19 v2.8: CT abdomen/pelvis with contrast, ASAP, AOE OBX + DG1 + NTE (KAPOOR)
M['13-omg-o19-ct'] = [
    msh('EPICORD', 'PMC', '20261207101010-0700', 'PMCOMG-880021', 'OMG^O19^OMG_O19', '2.8'),
    seg('PID', KAP_PID),
    seg('PV1', {**KAP_PV1, 3: BED_6E}),
    seg('ORC', {1: 'NW', 2: 'PMC-R3300412^EPIC', 5: 'SC', 9: '20261207100900', 12: OSEI}),
    seg('TQ1', {1: '1', 7: '20261207113000', 9: 'A^ASAP^HL70485'}),
    seg('OBR', {1: '1', 2: 'PMC-R3300412^EPIC', 4: '74177^CT abdomen and pelvis with contrast^CPT4', 16: OSEI,
                31: '^Right lower quadrant pain'}),
    seg('NTE', {1: '1', 3: 'Oral contrast started 09:45.'}),
    seg('DG1', {1: '1', 3: 'R10.31^Right lower quadrant pain^I10', 6: 'W'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', 5: '0.9', 6: 'mg/dL^^UCUM',
                11: 'F', 14: '20261207050000'}),
    seg('OBX', {1: '2', 2: 'CWE', 3: 'PMCQ1042^Contrast allergy^L', 5: 'N^No^HL70136', 11: 'F'}),
]

# 14 ORU^R01 Beaker: UA final and the reflex culture preliminary (child OBR: OBR-26/OBR-29)
UA_OBR = lambda rs, t: seg('OBR', {1: '1', 2: BKR_UA, 3: 'PMC26-UA04411^BEAKER', 4: '81001^UA with microscopy^CPT4',
                                   7: '20261207060500', 16: KESSLER, 22: t, 25: rs})
M['14-oru-r01-ua-reflex'] = [
    msh('EPICLAB', 'PMC', '20261207093022-0700', 'PMCORU-771140', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
    seg('ORC', {1: 'RE', 2: BKR_UA, 3: 'PMC26-UA04411^BEAKER', 5: 'CM', 12: KESSLER}),
    UA_OBR('F', '20261207072000'),
    seg('OBX', {1: '1', 2: 'CWE', 3: '5799-2^Leukocyte esterase [Presence] in Urine by Test strip^LN', 5: '260347006^2+^SCT', 7: 'Negative', 8: 'A', 11: 'F', 14: '20261207060500'}),
    seg('OBX', {1: '2', 2: 'CWE', 3: '5802-4^Nitrite [Presence] in Urine by Test strip^LN', 5: '10828004^Positive^SCT', 7: 'Negative', 8: 'A', 11: 'F', 14: '20261207060500'}),
    seg('OBX', {1: '3', 2: 'SN', 3: '5821-4^WBC #/area in Urine sediment by Microscopy high power field^LN', 5: '^25^-^50', 6: '/[HPF]^per high power field^UCUM', 7: '0-5', 8: 'H', 11: 'F', 14: '20261207060500'}),
    seg('ORC', {1: 'RE', 2: 'PMC-L7700232^EPIC', 3: 'PMC26-MC01207^BEAKER', 5: 'IP', 12: KESSLER}),
    seg('OBR', {1: '2', 2: 'PMC-L7700232^EPIC', 3: 'PMC26-MC01207^BEAKER', 4: '87086^Urine culture^CPT4', 7: '20261207060500',
                11: 'G', 16: KESSLER, 22: '20261207092900', 25: 'P', 26: '5802-4&Nitrite&LN^^Positive', 29: 'PMC-L7700231&EPIC^PMC26-UA04411&BEAKER'}),
    seg('OBX', {1: '1', 2: 'ST', 3: '630-4^Bacteria identified in Urine by Culture^LN', 5: 'Greater than 100,000 CFU/mL gram negative rods; identification to follow', 11: 'P', 14: '20261207060500'}),
]

# 15 ORU^R01 Beaker correction of #14's UA: OBR-25 C, leukocyte esterase corrected (C), nitrite posted in error (W)
M['15-oru-r01-ua-corrected'] = [
    msh('EPICLAB', 'PMC', '20261207131505-0700', 'PMCORU-771302', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
    seg('ORC', {1: 'RE', 2: BKR_UA, 3: 'PMC26-UA04411^BEAKER', 5: 'CM', 12: KESSLER}),
    UA_OBR('C', '20261207131500'),
    seg('OBX', {1: '1', 2: 'CWE', 3: '5799-2^Leukocyte esterase [Presence] in Urine by Test strip^LN', 5: '260348001^1+^SCT', 7: 'Negative', 8: 'A', 11: 'C', 14: '20261207060500'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected: strip re-read on second analyzer; previously reported 2+.'}),
    seg('OBX', {1: '2', 2: 'CWE', 3: '5802-4^Nitrite [Presence] in Urine by Test strip^LN', 5: '10828004^Positive^SCT', 7: 'Negative', 8: 'A', 11: 'W', 14: '20261207060500'}),
    seg('OBX', {1: '3', 2: 'SN', 3: '5821-4^WBC #/area in Urine sediment by Microscopy high power field^LN', 5: '^25^-^50', 6: '/[HPF]^per high power field^UCUM', 7: '0-5', 8: 'H', 11: 'F', 14: '20261207060500'}),
]

# 16 ORU^R01 reference lab in the Eastern zone (-0500) for MVH's patient (Pacific): mixed offsets, performing lab
M['16-oru-r01-reflab-tz'] = [
    msh('ECRL', 'ECRL^24D0998877^CLIA', '20261208143000-0500', 'ECRL-26-0098112', 'ORU^R01^ORU_R01', '2.5.1', rfac='MVH'),
    seg('PID', {1: '1', 3: 'MV00051190^^^MVH^MR~EC5512001^^^ECRL^PI', 5: 'MENDEZ^ROSA^I', 7: '19840603', 8: 'F'}),
    seg('ORC', {1: 'RE', 2: 'MV55002^MVH', 3: 'EC26-4471190^ECRL', 5: 'CM', 12: 'NGO.DAV^NGO^DAVID^^^^MD'}),
    seg('OBR', {1: '1', 2: 'MV55002^MVH', 3: 'EC26-4471190^ECRL', 4: '82306^Vitamin D, 25-Hydroxy^CPT4',
                7: '20261207071500-0800', 14: '20261208061000', 16: 'NGO.DAV^NGO^DAVID^^^^MD', 22: '20261208142500', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '62292-8^25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma^LN', 5: '18',
                6: 'ng/mL^nanogram per milliliter^UCUM', 7: '30-100', 8: 'L', 11: 'F', 14: '20261207071500-0800',
                19: '20261208120500', 23: 'EAST COAST REFERENCE LABS^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^24D0998877',
                25: '1669901234^PRAKASH^MEERA^^^^MD'}),
]

# ---- Family A pharmacy (Epic Willow / MAR) ----
VANC = '1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM'
RX_ORC = lambda ctl, st, t: seg('ORC', {1: ctl, 2: 'PMC-RX4401^EPIC', 3: 'PMC-RX4401^EPICRX', 5: st, 9: t, 12: KESSLER})
M['17-rde-o11-vanco'] = [
    msh('EPICRX', 'PMC', '20261207091500-0700', 'PMCRX-330112', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
    RX_ORC('NW', 'IP', '20261207091000'),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 4: '1000~2200', 7: '20261207100000', 8: '20261214100000', 9: 'R'}),
    seg('RXE', {2: VANC, 3: '1250', 5: 'mg^milligram^UCUM', 6: 'IVPB^IV piggyback^L', 7: '^Infuse over 60 minutes; trough before 4th dose',
                10: '1', 11: 'BAG^bag^L', 12: '0', 23: '250', 24: 'mL/h^milliliter per hour^UCUM'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left arm^HL70163'}),
    seg('RXC', {1: 'B', 2: '313002^sodium chloride 9 MG/ML Injectable Solution^RXNORM', 3: '250', 4: 'mL^milliliter^UCUM'}),
    seg('RXC', {1: 'A', 2: '11124^vancomycin^RXNORM', 3: '1250', 4: 'mg^milligram^UCUM'}),
]

# 18 RDS^O13 the first bag dispensed (RXD), with the RXE
M['18-rds-o13-vanco'] = [
    msh('EPICRX', 'PMC', '20261207093500-0700', 'PMCRX-330140', 'RDS^O13^RDS_O13', '2.5.1'),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
    RX_ORC('RE', 'IP', '20261207093400'),
    seg('RXE', {2: VANC, 3: '1250', 5: 'mg^milligram^UCUM', 10: '1', 11: 'BAG^bag^L', 12: '0', 23: '250',
                24: 'mL/h^milliliter per hour^UCUM'}),
    seg('RXD', {1: '1', 2: VANC, 3: '20261207093000', 4: '1', 5: 'BAG^bag^L', 7: 'RX4401-1', 10: 'RPH220^LAM^JUSTIN^^^^PharmD'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]

# 19 RAS^O17 the 10:05 dose given (250 mL volume, RXA-23/24) and the 22:00 dose held (not given, reason), one message
M['19-ras-o17-given-held'] = [
    msh('EPICMAR', 'PMC', '20261207223010-0700', 'PMCMAR-992201', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
    RX_ORC('RE', 'IP', '20261207223000'),
    seg('RXA', {1: '0', 2: '1', 3: '20261207100500', 4: '20261207110500', 5: VANC, 6: '1250', 7: 'mg^milligram^UCUM',
                10: 'RN7781^PARK^SOO^^^^RN', 20: 'CP', 21: 'A', 23: '250', 24: 'mL^milliliter^UCUM'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left arm^HL70163'}),
    seg('RXA', {1: '0', 2: '2', 3: '20261207220000', 4: '20261207220000', 5: VANC, 6: '0', 7: 'mg^milligram^UCUM',
                10: 'RN7790^DIAZ^MARCO^^^^RN', 18: 'HOLDLAB^Held: trough above range^L', 20: 'NA', 21: 'A'}),
]

# 20 RDE^O01 v2.3 Meditech outpatient prescription: RXE-1 TQ timing, non-UCUM units (MG, TAB), refills
M['20-rde-o01-meditech'] = [
    msh('MEDITECH', 'MVH', '20261208101500-0800', 'MVH.RDE.0007712', 'RDE^O01', '2.3'),
    seg('PID', MEN_PID),
    seg('PV1', {**MEN_PV1, 3: 'IMC^^^MVH'}),
    seg('ORC', {1: 'NW', 2: 'MVRX88120^MVH', 5: 'IP', 9: '202612081012', 12: 'NGO.DAV^NGO^DAVID^^^^MD'}),
    seg('RXE', {1: '1^BID^^202612081800^202703081800^R', 2: '860975^metformin 500 MG Extended Release Oral Tablet^RXNORM',
                3: '500', 5: 'MG', 6: 'TAB', 7: '^Take with evening meal', 10: '60', 11: 'TAB', 12: '3'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]

# ---- Family D: LINDGREN child, EHR -> Colorado IIS (COIIS) ----
LIN_PID = {1: '1', 3: 'PK330217^^^FRONTPEDS^MR', 5: 'LINDGREN^SAGE^ARIA^^^^L', 6: 'BECK^^^^^^M', 7: '20250402', 8: 'F',
           11: '88 MESA VIEW DR^^GOLDEN^CO^80401^USA^H', 13: '^PRN^PH^^^303^5550188'}
# 21 VXU^V04 v2.3.1 without ORC (older EHR): a historical DTaP (RXA-9 01) and today's Hep B
M['21-vxu-v04-v231'] = [
    msh('PEDSEMR', 'FRONTPEDS', '20261207151500-0700', 'FP-VXU-0001882', 'VXU^V04', '2.3.1', recv='COIIS', rfac='CDPHE'),
    seg('PID', LIN_PID),
    seg('NK1', {1: '1', 2: 'LINDGREN^MARA^^^^^L', 3: 'MTH^Mother^HL70063'}),
    seg('RXA', {1: '0', 2: '999', 3: '20250602', 4: '20250602', 5: '20^DTaP^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001'}),
    seg('RXA', {1: '0', 2: '999', 3: '20261207150000', 4: '20261207150000', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '0.5',
                7: 'ML', 9: '00^New immunization record^NIP001', 10: '^ALVAREZ^TINA^^^^RN', 15: 'HB88412C', 16: '20280131',
                17: 'SKB^GlaxoSmithKline^MVX'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LT^Left Thigh^HL70163'}),
]

# 22 VXU^V04 v2.5.1 (CDC IIS IG layout): the Hep B of #21 deleted (RXA-21 D, ORC-3 9999), a refused influenza,
# evidence of varicella immunity (CVX 998 + OBX 59784-9), and an administered DTaP-HepB-IPV with VFC/VIS OBX groups
M['22-vxu-v04-v251'] = [
    msh('PEDSEMR', 'FRONTPEDS', '20261208094500-0700', 'FP-VXU-0001899', 'VXU^V04^VXU_V04', '2.5.1', recv='COIIS', rfac='CDPHE',
        extra={15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
    seg('PID', LIN_PID),
    seg('PD1', {12: 'N', 16: 'A', 17: '20250402'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261207150000', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 15: 'HB88412C', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'D'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208', 5: '88^Influenza, unspecified formulation^CVX', 6: '999',
                18: '03^Parental decision^NIP002', 20: 'RE'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208', 5: '998^No vaccine administered^CVX', 6: '999', 20: 'NA'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '59784-9^Disease with presumed immunity^LN', 4: '1', 5: '38907003^Varicella infection^SCT', 11: 'F'}),
    seg('ORC', {1: 'RE', 3: 'FP-IMM-22031^PEDSEMR', 12: BRANDVOLD}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208091500', 5: '110^DTaP-hepatitis B and poliovirus vaccine^CVX', 6: '0.5',
                7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: '7712^ALVAREZ^TINA^^^^RN',
                11: '^^^FRONTPEDS', 15: 'PX3301B', 16: '20271015', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right Thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V03^VFC eligible - Uninsured^HL70064', 11: 'F', 14: '20261208', 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '69764-9^Document type^LN', 4: '2', 5: '253088698300012711120420^DTaP/Hep B/IPV VIS^cdcgs1vis', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261208', 11: 'F'}),
]

# 23 ORM^O01 v2.4 Cerner (SJH): a lipid panel as parent order with two child orders (ORC-1 CH, ORC-8 parent)
FAI_PID = {1: '1', 3: '6604417^^^SJH^MRN~99017735^^^SJH^CMRN', 5: 'FAIRWEATHER^JUDITH^ANN^^^^L', 7: '19540912', 8: 'F',
           18: '77100519^^^SJH^FIN NBR'}
FAI_PV1 = {1: '1', 2: 'O', 3: 'OPLAB^^^SJH', 7: '44512^OKAFOR^IFEOMA^^^^MD', 19: '77100519^^^SJH^FIN NBR'}
M['23-orm-o01-parent-child'] = [
    msh('CERNER', 'SJH', '20261208070500-0700', 'Q5120099911T5120777', 'ORM^O01', '2.4'),
    seg('PID', FAI_PID),
    seg('PV1', FAI_PV1),
    seg('ORC', {1: 'PA', 2: '55100201^HNAM_ORDERID', 5: 'IP', 7: '^^^20261208070000^^R', 9: '20261208070400', 12: '44512^OKAFOR^IFEOMA^^^^MD'}),
    seg('OBR', {1: '1', 2: '55100201^HNAM_ORDERID', 4: '80061^Lipid panel^CPT4', 7: '20261208065000', 16: '44512^OKAFOR^IFEOMA^^^^MD'}),
    seg('ORC', {1: 'CH', 2: '55100202^HNAM_ORDERID', 5: 'IP', 7: '^^^20261208070000^^R', 8: '55100201^HNAM_ORDERID', 9: '20261208070400', 12: '44512^OKAFOR^IFEOMA^^^^MD'}),
    seg('OBR', {1: '2', 2: '55100202^HNAM_ORDERID', 4: '82465^Cholesterol, total^CPT4', 7: '20261208065000', 16: '44512^OKAFOR^IFEOMA^^^^MD', 29: '55100201&HNAM_ORDERID'}),
    seg('ORC', {1: 'CH', 2: '55100203^HNAM_ORDERID', 5: 'IP', 7: '^^^20261208070000^^R', 8: '55100201^HNAM_ORDERID', 9: '20261208070400', 12: '44512^OKAFOR^IFEOMA^^^^MD'}),
    seg('OBR', {1: '3', 2: '55100203^HNAM_ORDERID', 4: '83718^HDL cholesterol^CPT4', 7: '20261208065000', 16: '44512^OKAFOR^IFEOMA^^^^MD', 29: '55100201&HNAM_ORDERID'}),
]

# 24 MDM^T06 v2.7 addendum to TORRES's H&P (TXA-13 parent, TXA-12 own number), Dragon/Epic style
M['24-mdm-t06-addendum'] = [
    msh('EPICDOC', 'PMC', '20261207170500-0700', 'PMCDOC-661204', 'MDM^T06^MDM_T02', '2.7'),
    seg('EVN', {1: 'T06', 2: '20261207170500'}),
    seg('PID', TOR_PID_THIN),
    seg('PV1', {**TOR_PV1, 3: '6E^614^1^PMC^^^^^6 EAST MEDICAL'}),
    seg('TXA', {1: '1', 2: 'HP^History and physical^HL70270', 3: 'TX', 4: '20261207165000', 6: '20261207165000', 9: KESSLER,
                12: 'DOC-PMC-8800123-A1^EPIC', 13: 'DOC-PMC-8800123^EPIC', 17: 'AU', 19: 'AV', 22: f'{KESSLER}^^20261207170200'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '11492-6^History and physical note^LN', 5: 'ADDENDUM:~Urine culture pending; ceftriaxone continued.~Vancomycin trough ordered before 4th dose.', 11: 'F'}),
]

OUT.mkdir(parents=True, exist_ok=True)
for name, segs in M.items():
    (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
print(len(M), 'messages')
