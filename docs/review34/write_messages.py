#!/usr/bin/env python3
r"""Review 34's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of a regional reference laboratory and its client physician offices in two zones without daylight
saving time (January 2027): Pacific/Honolulu is HST -1000, America/Phoenix is MST -0700 all year.
- Kaimana Lei Reference Laboratory (KLRL, Honolulu; its LIS "PUEO"): OUL^R22 2.5.1 specimen/container results
  (SPM + SAC), ORU^R01 2.5.1 with an embedded PDF report (OBX ED) beside the discrete results, a reflex order
  (OBR-11 G, OBR-29 parent, OBR-26 parent result), copy-to providers (OBR-28), a surgical pathology report in
  TX/FT sections then its amended report (OBR-25 C, OBX-11 C), a cancelled test (OBR-25 X, OBX-11 X), ORL^O22
  order acknowledgements (ORC-1 OK with the lab's filler number), DFT^P03 2.5.1 charges per test (FT1);
- Manoa Heights Family Practice (MHFP, Honolulu, an athena-like EHR "KOAEHR") and Arcadia Mesquite Internal
  Medicine (AMIM, Phoenix, a NextGen-like EHR "MESQEHR"): ORM^O01 2.3.1 client orders with IN1/GT1 insurance
  and DG1 order reasons; ADT^A04/A08 2.3.1 registrations. One patient (a Honolulu retiree who winters in
  Phoenix) is registered at both offices under different MRNs and different assigning authorities.
Patients and numbers (…34…) none of reviews 16-33's. Fields placed by number. All persons, numbers and addresses
are invented. Writes docs/review34/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review34/write_messages.py
The files are numbered in feed order (by MSH-7), the order the destination test delivers them in.
"""
from pathlib import Path

OUT = Path('docs/review34/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, to=('PUEO', 'KLRL'), extra=None):
    f = {3: app, 4: fac, 5: to[0], 6: to[1], 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


NPI = 'NPI'  # 2.3.1 XCN: authority as a bare namespace, the offices' habit
HON_DOC = '1346203418^NAKOA-LINDGREN^PUALANI^K^^^MD^^NPI^L^^^NPI'
PHX_DOC = '1346203426^ESPARZA-WHITCOMB^DANIEL^R^^^MD^^NPI^L^^^NPI'
PHX_NP = '1346203434^OYELOWO-FARRIS^JUNE^^^^NP^^NPI^L^^^NPI'
PATH_DOC = '1346203442^FUJIMOTO-ALDANA^REN^^^^MD^^NPI^L^^^NPI'
DERM = '1346203459^KAPAONA-STROUD^LIANA^^^^MD^^NPI^L^^^NPI'
M = {}

# ---- patients ----
MALIA_HON = {1: '1', 3: 'MH3400101^^^MHFP^MR', 5: 'KAUHANE-TRESSLER^MALIA^LEILANI^^^^L', 7: '19580322', 8: 'F',
             11: '2711 KOLOWALU ST^^HONOLULU^HI^96822^USA^H', 13: '^PRN^PH^^1^808^5550134', 18: 'MHA34101^^^MHFP^AN',
             19: '', 16: 'W^Widowed^HL70002'}
MALIA_PHX = {1: '1', 3: 'AM3407715^^^AMIM^MR', 5: 'KAUHANE-TRESSLER^MALIA^L^^^^L', 7: '19580322', 8: 'F',
             11: '4420 E INDIAN SCHOOL RD UNIT 12^^PHOENIX^AZ^85018^USA^C', 13: '^PRN^CP^^1^808^5550178',
             18: 'AMA3407715^^^AMIM^AN'}
RAFAEL = {1: '1', 3: 'AM3407722^^^AMIM^MR', 5: 'QUINTANILLA-ODUYA^RAFAEL^TOMAS^^^^L', 7: '19661109', 8: 'M',
          11: '3308 W MCDOWELL RD^^PHOENIX^AZ^85009^USA^H', 13: '^PRN^PH^^1^602^5550122', 18: 'AMA3407722^^^AMIM^AN'}
KEAKA = {1: '1', 3: 'MH3400133^^^MHFP^MR', 5: 'WAIALAE-BRONSKI^KEAKA^JAMES^^^^L', 7: '19790730', 8: 'M',
         11: '1580 WILDER AVE APT 903^^HONOLULU^HI^96822^USA^H', 13: '^PRN^PH^^1^808^5550149', 18: 'MHA34133^^^MHFP^AN'}

# insurance and guarantors (IN1 2.3.1: 2 plan, 3 company id, 4 company, 8 group, 12/13 dates, 15 plan type,
# 16 insured, 17 relationship, 18 insured DOB, 36 policy number)
IN1_HMSA_MALIA = seg('IN1', {1: '1', 2: 'HMSA-PPO^HMSA Preferred Provider Plan', 3: 'HMSA01^^^MHFP^XX',
                             4: 'Hawaii Medical Service Association', 5: '818 KEEAUMOKU ST^^HONOLULU^HI^96814^USA',
                             8: 'GRP-77340', 12: '20260101', 15: 'PPO', 16: 'KAUHANE-TRESSLER^MALIA^LEILANI',
                             17: 'SEL^Self^HL70063', 18: '19580322', 36: 'HM340010155'})
IN1_MCR_MALIA = seg('IN1', {1: '1', 2: 'MCR-B^Medicare Part B', 3: 'MCR01^^^AMIM^XX', 4: 'Medicare Part B',
                            12: '20230301', 15: 'MCR', 16: 'KAUHANE-TRESSLER^MALIA^L', 17: 'SEL^Self^HL70063',
                            18: '19580322', 36: '4TK7-JP3-MQ52'})
IN1_AZ_RAFAEL = seg('IN1', {1: '1', 2: 'SUNDRY-HMO^Sonoran Health HMO Gold', 3: 'SHP44^^^AMIM^XX',
                            4: 'Sonoran Health Plan', 5: '2100 N CENTRAL AVE^^PHOENIX^AZ^85004^USA', 8: 'GRP-AZ-3491',
                            12: '20270101', 15: 'HMO', 16: 'QUINTANILLA-ODUYA^RAFAEL^TOMAS', 17: 'SEL^Self^HL70063',
                            18: '19661109', 36: 'SHP340077221'})
IN1_KEAKA = seg('IN1', {1: '1', 2: 'KAI-EPO^Kai Ola Employer EPO', 3: 'KAI09^^^MHFP^XX', 4: 'Kai Ola Health',
                        8: 'GRP-HI-8812', 12: '20260701', 15: 'EPO', 16: 'WAIALAE-BRONSKI^HOKU^ANN',
                        17: 'SPO^Spouse^HL70063', 18: '19810214', 36: 'KO3401337'})
GT1_MALIA = seg('GT1', {1: '1', 2: 'G34101', 3: 'KAUHANE-TRESSLER^MALIA^LEILANI', 5: MALIA_HON[11], 6: MALIA_HON[13],
                        11: 'SEL^Self^HL70063'})
GT1_MALIA_PHX = seg('GT1', {1: '1', 2: 'G3407715', 3: 'KAUHANE-TRESSLER^MALIA^L', 5: MALIA_PHX[11], 6: MALIA_PHX[13],
                            11: 'SEL^Self^HL70063'})
GT1_RAFAEL = seg('GT1', {1: '1', 2: 'G3407722', 3: 'QUINTANILLA-ODUYA^RAFAEL^TOMAS', 5: RAFAEL[11], 6: RAFAEL[13],
                         11: 'SEL^Self^HL70063'})
GT1_KEAKA = seg('GT1', {1: '1', 2: 'G34133', 3: 'WAIALAE-BRONSKI^HOKU^ANN', 5: KEAKA[11], 6: '^PRN^CP^^1^808^5550150',
                        11: 'SPO^Spouse^HL70063'})


def pv1_office(loc, doc, visit):
    return seg('PV1', {1: '1', 2: 'O', 3: loc, 4: 'R', 7: doc, 10: 'MED', 19: visit, 44: ''})


# ---- the same woman registered at two offices ----
M['01-adt-a04-honolulu-registration'] = [
    msh('KOAEHR', 'MHFP', '202701040815-1000', 'KOA3400001', 'ADT^A04', '2.3.1', to=('KLRL-ADT', 'KLRL')),
    seg('EVN', {1: 'A04', 2: '202701040815-1000'}),
    seg('PID', MALIA_HON),
    pv1_office('MHFP^EXAM3^^MHFP', HON_DOC, 'MHV3401001^^^MHFP^VN'),
    GT1_MALIA, IN1_HMSA_MALIA,
]
M['08-adt-a04-phoenix-registration'] = [
    msh('MESQEHR', 'AMIM', '202701061340-0700', 'MQ3400002', 'ADT^A04', '2.3.1', to=('KLRL-ADT', 'KLRL')),
    seg('EVN', {1: 'A04', 2: '202701061340-0700'}),
    seg('PID', MALIA_PHX),
    pv1_office('AMIM^RM2^^AMIM', PHX_DOC, 'AMV3407715A^^^AMIM^VN'),
    GT1_MALIA_PHX, IN1_MCR_MALIA,
]
M['05-adt-a04-phoenix-new-patient'] = [
    msh('MESQEHR', 'AMIM', '202701060905-0700', 'MQ3400003', 'ADT^A04', '2.3.1', to=('KLRL-ADT', 'KLRL')),
    seg('EVN', {1: 'A04', 2: '202701060905-0700'}),
    seg('PID', RAFAEL),
    pv1_office('AMIM^RM4^^AMIM', PHX_NP, 'AMV3407722A^^^AMIM^VN'),
    GT1_RAFAEL, IN1_AZ_RAFAEL,
]

# ---- Phoenix client order for Rafael: HbA1c, lipid panel, urine microalbumin; copy-to two providers ----
TEST = {
    'A1C': 'KL1040^HEMOGLOBIN A1C^99KLR^4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN',
    'LIP': 'KL2210^LIPID PANEL^99KLR^57698-3^Lipid panel with direct LDL - Serum or Plasma^LN',
    'MALB': 'KL3305^MICROALBUMIN/CREAT RATIO URINE^99KLR^14959-1^Microalbumin/Creatinine [Mass Ratio] in Urine^LN',
    'TSH': 'KL4100^TSH W/REFLEX FT4^99KLR^3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN',
    'FT4': 'KL4110^FREE T4 (REFLEX)^99KLR^3024-7^Thyroxine (T4) free [Mass/volume] in Serum or Plasma^LN',
    'VITD': 'KL4620^VITAMIN D 25-OH^99KLR^62292-8^25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma^LN',
    'CMP': 'KL1200^COMPREHENSIVE METABOLIC PANEL^99KLR^24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
    'CBC': 'KL1100^CBC W/AUTO DIFF^99KLR^57021-8^CBC W Auto Differential panel - Blood^LN',
    'SP': 'KL9000^SURGICAL PATHOLOGY^99KLR^60567-5^Comprehensive pathology report panel^LN',
}
CC_RAFAEL = f'{PHX_DOC}~1346203467^BRISENO-HALVORSEN^NOEMI^^^^MD^^NPI^L^^^NPI'


def orm_orc(placer, app, t, doc, fac):
    return seg('ORC', {1: 'NW', 2: f'{placer}^{app}', 7: f'^^^{t}^^R', 9: t, 10: 'MAFRONT01^RAMOS^ELENA', 12: doc,
                       21: fac})


def orm_obr(n, placer, app, test, t, doc, cc='', extra=None):
    f = {1: str(n), 2: f'{placer}^{app}', 4: TEST[test], 6: t, 7: t, 11: 'O', 16: doc, 27: f'^^^{t}^^R'}
    if cc:
        f[28] = cc
    f.update(extra or {})
    return seg('OBR', f)


def dg1(n, code, text):
    return seg('DG1', {1: str(n), 2: 'I10', 3: f'{code}^{text}^I10', 6: 'W'})


T04 = '202701061015-0700'
M['06-orm-o01-phoenix-diabetes-panel'] = [
    msh('MESQEHR', 'AMIM', '202701061022-0700', 'MQ3400004', 'ORM^O01', '2.3.1'),
    seg('PID', RAFAEL),
    pv1_office('AMIM^RM4^^AMIM', PHX_NP, 'AMV3407722A^^^AMIM^VN'),
    IN1_AZ_RAFAEL, GT1_RAFAEL,
    orm_orc('AM34-0004-1', 'MESQEHR', T04, PHX_NP, 'Arcadia Mesquite Internal Medicine'),
    orm_obr(1, 'AM34-0004-1', 'MESQEHR', 'A1C', T04, PHX_NP, CC_RAFAEL),
    dg1(1, 'E11.9', 'Type 2 diabetes mellitus without complications'),
    orm_orc('AM34-0004-2', 'MESQEHR', T04, PHX_NP, 'Arcadia Mesquite Internal Medicine'),
    orm_obr(2, 'AM34-0004-2', 'MESQEHR', 'LIP', T04, PHX_NP, CC_RAFAEL),
    dg1(1, 'E78.5', 'Hyperlipidemia, unspecified'),
    orm_orc('AM34-0004-3', 'MESQEHR', T04, PHX_NP, 'Arcadia Mesquite Internal Medicine'),
    orm_obr(3, 'AM34-0004-3', 'MESQEHR', 'MALB', T04, PHX_NP, CC_RAFAEL, {15: 'UR&Urine&HL70070'}),
    dg1(1, 'E11.9', 'Type 2 diabetes mellitus without complications'),
]
# ---- the lab's ORL^O22 acknowledgement, its filler numbers ----
# ---- the lab's ORL^O22 acknowledgement, its filler numbers ----
def orl(ctl, t, acked, pid, orders):
    segs = [msh('PUEO', 'KLRL', t, ctl, 'ORL^O22^ORL_O22', '2.5.1', to=acked[1]),
            seg('MSA', {1: 'AA', 2: acked[0]}), seg('PID', pid)]
    for n, (placer, filler, test) in enumerate(orders, 1):
        segs.append(seg('ORC', {1: 'OK', 2: placer, 3: f'{filler}^KLRL', 5: 'SC', 9: t}))
        segs.append(seg('OBR', {1: str(n), 2: placer, 3: f'{filler}^KLRL', 4: TEST[test]}))
    return segs


M['07-orl-o22-ack-diabetes-panel'] = orl('PU3400005', '202701060845-1000', ('MQ3400004', ('MESQEHR', 'AMIM')), RAFAEL, [
    ('AM34-0004-1^MESQEHR', 'KL27-340041', 'A1C'), ('AM34-0004-2^MESQEHR', 'KL27-340042', 'LIP'),
    ('AM34-0004-3^MESQEHR', 'KL27-340043', 'MALB')])

# ---- Phoenix order for Malia (her AMIM MRN): TSH with reflex FT4, vitamin D ----
T06 = '202701070930-0700'
M['09-orm-o01-phoenix-thyroid-vitd'] = [
    msh('MESQEHR', 'AMIM', '202701070936-0700', 'MQ3400006', 'ORM^O01', '2.3.1'),
    seg('PID', MALIA_PHX),
    pv1_office('AMIM^RM2^^AMIM', PHX_DOC, 'AMV3407715B^^^AMIM^VN'),
    IN1_MCR_MALIA, GT1_MALIA_PHX,
    orm_orc('AM34-0006-1', 'MESQEHR', T06, PHX_DOC, 'Arcadia Mesquite Internal Medicine'),
    orm_obr(1, 'AM34-0006-1', 'MESQEHR', 'TSH', T06, PHX_DOC, HON_DOC),
    dg1(1, 'R53.83', 'Other fatigue'),
    orm_orc('AM34-0006-2', 'MESQEHR', T06, PHX_DOC, 'Arcadia Mesquite Internal Medicine'),
    orm_obr(2, 'AM34-0006-2', 'MESQEHR', 'VITD', T06, PHX_DOC, HON_DOC),
    dg1(1, 'E55.9', 'Vitamin D deficiency, unspecified'),
]
# ---- Honolulu A08 for Malia: new cell phone ----
M['12-adt-a08-honolulu-update'] = [
    msh('KOAEHR', 'MHFP', '202701071610-1000', 'KOA3400007', 'ADT^A08', '2.3.1', to=('KLRL-ADT', 'KLRL')),
    seg('EVN', {1: 'A08', 2: '202701071610-1000'}),
    seg('PID', {**MALIA_HON, 13: '^PRN^PH^^1^808^5550134~^PRN^CP^^1^808^5550178'}),
    pv1_office('MHFP^EXAM3^^MHFP', HON_DOC, 'MHV3401001^^^MHFP^VN'),
    GT1_MALIA, IN1_HMSA_MALIA,
]

# ---- Honolulu order for Malia (MHFP MRN): CMP + CBC (annual physical, drawn before she flew to Phoenix) ----
T08 = '202701040840-1000'
M['02-orm-o01-honolulu-cmp-cbc'] = [
    msh('KOAEHR', 'MHFP', '202701040846-1000', 'KOA3400008', 'ORM^O01', '2.3.1'),
    seg('PID', MALIA_HON),
    pv1_office('MHFP^EXAM3^^MHFP', HON_DOC, 'MHV3401001^^^MHFP^VN'),
    IN1_HMSA_MALIA, GT1_MALIA,
    orm_orc('MH34-0008-1', 'KOAEHR', T08, HON_DOC, 'Manoa Heights Family Practice'),
    orm_obr(1, 'MH34-0008-1', 'KOAEHR', 'CMP', T08, HON_DOC),
    dg1(1, 'Z00.00', 'Encounter for general adult medical examination without abnormal findings'),
    orm_orc('MH34-0008-2', 'KOAEHR', T08, HON_DOC, 'Manoa Heights Family Practice'),
    orm_obr(2, 'MH34-0008-2', 'KOAEHR', 'CBC', T08, HON_DOC),
    dg1(1, 'Z00.00', 'Encounter for general adult medical examination without abnormal findings'),
]

# ---- OUL^R22 for Rafael: two containers (lavender EDTA, gold SST), HbA1c and lipid ----
PID_R = {**RAFAEL}
M['11-oul-r22-diabetes-results'] = [
    msh('PUEO', 'KLRL', '202701071422-1000', 'PU3400009', 'OUL^R22^OUL_R22', '2.5.1', to=('MESQEHR', 'AMIM')),
    seg('PID', PID_R),
    seg('PV1', {1: '1', 2: 'O', 7: PHX_NP, 19: 'AMV3407722A^^^AMIM^VN'}),
    seg('SPM', {1: '1', 2: '^KL27-340041-S1&KLRL', 4: 'WB^Whole blood^HL70487', 11: 'P^Patient^HL70369',
                17: '202701061030-0700', 18: '202701070655-1000', 27: 'LTP^Lavender top EDTA^99KLC'}),
    seg('SAC', {2: 'KL27-340041^KLRL', 3: 'KL27-340041-C1^KLRL', 6: 'WB^Whole blood^HL70487',
                7: '202701070655-1000', 21: '4^mL&milliliter&UCUM'}),
    seg('OBR', {1: '1', 2: 'AM34-0004-1^MESQEHR', 3: 'KL27-340041^KLRL', 4: TEST['A1C'], 7: '202701061030-0700',
                16: PHX_NP, 22: '202701071415-1000', 25: 'F', 28: CC_RAFAEL}),
    seg('ORC', {1: 'RE', 2: 'AM34-0004-1^MESQEHR', 3: 'KL27-340041^KLRL', 5: 'CM', 12: PHX_NP}),
    seg('OBX', {1: '1', 2: 'NM', 3: '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN', 5: '7.9',
                6: '%^percent^UCUM', 7: '4.0-5.6', 8: 'H', 11: 'F', 14: '202701061030-0700',
                19: '202701071402-1000', 23: 'Kaimana Lei Reference Laboratory^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^12D3456789'}),
    seg('SPM', {1: '2', 2: '^KL27-340042-S1&KLRL', 4: 'SER^Serum^HL70487', 11: 'P^Patient^HL70369',
                17: '202701061030-0700', 18: '202701070655-1000', 27: 'SST^Gold top serum separator^99KLC'}),
    seg('SAC', {2: 'KL27-340042^KLRL', 3: 'KL27-340042-C1^KLRL', 6: 'SER^Serum^HL70487', 7: '202701070655-1000',
                21: '5^mL&milliliter&UCUM'}),
    seg('OBR', {1: '2', 2: 'AM34-0004-2^MESQEHR', 3: 'KL27-340042^KLRL', 4: TEST['LIP'], 7: '202701061030-0700',
                16: PHX_NP, 22: '202701071415-1000', 25: 'F', 28: CC_RAFAEL}),
    seg('ORC', {1: 'RE', 2: 'AM34-0004-2^MESQEHR', 3: 'KL27-340042^KLRL', 5: 'CM', 12: PHX_NP}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', 5: '231',
                6: 'mg/dL^milligram per deciliter^UCUM', 7: '<200', 8: 'H', 11: 'F', 19: '202701071340-1000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', 5: '188',
                6: 'mg/dL^milligram per deciliter^UCUM', 7: '<150', 8: 'H', 11: 'F', 19: '202701071340-1000'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2085-9^Cholesterol in HDL [Mass/volume] in Serum or Plasma^LN', 5: '38',
                6: 'mg/dL^milligram per deciliter^UCUM', 7: '>39', 8: 'L', 11: 'F', 19: '202701071340-1000'}),
    seg('OBX', {1: '4', 2: 'NM', 3: '18262-6^Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay^LN',
                5: '152', 6: 'mg/dL^milligram per deciliter^UCUM', 7: '<100', 8: 'H', 11: 'F', 19: '202701071340-1000'}),
]

# ---- urine microalbumin cancelled (specimen leaked in transit) ----
M['10-oru-r01-microalbumin-cancelled'] = [
    msh('PUEO', 'KLRL', '202701070710-1000', 'PU3400010', 'ORU^R01^ORU_R01', '2.5.1', to=('MESQEHR', 'AMIM')),
    seg('PID', PID_R),
    seg('PV1', {1: '1', 2: 'O', 7: PHX_NP, 19: 'AMV3407722A^^^AMIM^VN'}),
    seg('ORC', {1: 'OC', 2: 'AM34-0004-3^MESQEHR', 3: 'KL27-340043^KLRL', 5: 'CA', 9: '202701070710-1000', 12: PHX_NP,
                16: 'LEAK^Specimen leaked in transit^99KLR'}),
    seg('OBR', {1: '1', 2: 'AM34-0004-3^MESQEHR', 3: 'KL27-340043^KLRL', 4: TEST['MALB'], 7: '202701061030-0700',
                16: PHX_NP, 22: '202701070710-1000', 25: 'X', 28: CC_RAFAEL}),
    seg('OBX', {1: '1', 2: 'ST', 3: '14959-1^Microalbumin/Creatinine [Mass Ratio] in Urine^LN', 5: '', 11: 'X',
                19: '202701070705-1000'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Test cancelled: urine container received leaking, insufficient volume. Please recollect.'}),
]

# ---- DFT^P03 for Rafael: two tests charged, not the cancelled one ----
def ft1(n, tid, t, code, cpt, qty, dx, doc, filler):
    return seg('FT1', {1: str(n), 2: tid, 4: t, 5: t, 6: 'CG^Charge^HL70017', 7: code, 10: qty,
                       19: dx, 21: doc, 23: f'{filler}^KLRL', 25: cpt})


def dft(ctl, t, pid, visit, doc, ft1s):
    return [msh('PUEO-BILL', 'KLRL', t, ctl, 'DFT^P03^DFT_P03', '2.5.1', to=('CLIENTBILL', 'KLRL')),
            seg('EVN', {1: 'P03', 2: t}), seg('PID', pid),
            seg('PV1', {1: '1', 2: 'O', 7: doc, 19: visit}), *ft1s]


M['13-dft-p03-diabetes-charges'] = dft('PB3400011', '202701072300-1000', RAFAEL, 'AMV3407722A^^^AMIM^VN', PHX_NP, [
    ft1(1, 'KLC3400111', '202701061030-0700', 'KL1040^HEMOGLOBIN A1C^99KLR', '83036^Hemoglobin; glycosylated (A1C)^C4', '1',
        'E11.9^Type 2 diabetes mellitus without complications^I10', PHX_NP, 'KL27-340041'),
    ft1(2, 'KLC3400112', '202701061030-0700', 'KL2210^LIPID PANEL^99KLR', '80061^Lipid panel^C4', '1',
        'E78.5^Hyperlipidemia, unspecified^I10', PHX_NP, 'KL27-340042'),
])

# ---- TSH high, reflex free T4 added by the lab (OBR-11 G, OBR-26, OBR-29) ----
PID_MP = {**MALIA_PHX}
T12C = '202701070955-0700'
M['14-oru-r01-tsh-reflex-ft4'] = [
    msh('PUEO', 'KLRL', '202701081120-1000', 'PU3400012', 'ORU^R01^ORU_R01', '2.5.1', to=('MESQEHR', 'AMIM')),
    seg('PID', PID_MP),
    seg('PV1', {1: '1', 2: 'O', 7: PHX_DOC, 19: 'AMV3407715B^^^AMIM^VN'}),
    seg('ORC', {1: 'RE', 2: 'AM34-0006-1^MESQEHR', 3: 'KL27-340061^KLRL', 5: 'CM', 12: PHX_DOC}),
    seg('OBR', {1: '1', 2: 'AM34-0006-1^MESQEHR', 3: 'KL27-340061^KLRL', 4: TEST['TSH'], 7: T12C, 16: PHX_DOC,
                22: '202701080905-1000', 25: 'F', 28: HON_DOC}),
    seg('OBX', {1: '1', 2: 'NM', 3: '3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN', 5: '8.72',
                6: 'm[IU]/L^milli-international unit per liter^UCUM', 7: '0.45-4.50', 8: 'H', 11: 'F', 14: T12C,
                19: '202701080850-1000'}),
    seg('SPM', {1: '1', 2: '^KL27-340061-S1&KLRL', 4: 'SER^Serum^HL70487', 17: T12C, 18: '202701080610-1000'}),
    seg('ORC', {1: 'RE', 3: 'KL27-340061R^KLRL', 5: 'CM', 8: 'AM34-0006-1&MESQEHR^KL27-340061&KLRL', 12: PHX_DOC}),
    seg('OBR', {1: '2', 3: 'KL27-340061R^KLRL', 4: TEST['FT4'], 7: T12C, 11: 'G', 16: PHX_DOC,
                22: '202701081110-1000', 25: 'F',
                26: '3016-3&Thyrotropin [Units/volume] in Serum or Plasma&LN^1^8.72',
                28: HON_DOC, 29: 'AM34-0006-1&MESQEHR^KL27-340061&KLRL'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '3024-7^Thyroxine (T4) free [Mass/volume] in Serum or Plasma^LN', 5: '0.71',
                6: 'ng/dL^nanogram per deciliter^UCUM', 7: '0.82-1.77', 8: 'L', 11: 'F', 14: T12C,
                19: '202701081102-1000'}),
    seg('SPM', {1: '1', 2: '^KL27-340061-S1&KLRL', 4: 'SER^Serum^HL70487', 17: T12C, 18: '202701080610-1000'}),
]
# ---- vitamin D for Malia (Phoenix order) ----
M['15-oru-r01-vitamin-d'] = [
    msh('PUEO', 'KLRL', '202701091015-1000', 'PU3400013', 'ORU^R01^ORU_R01', '2.5.1', to=('MESQEHR', 'AMIM')),
    seg('PID', PID_MP),
    seg('PV1', {1: '1', 2: 'O', 7: PHX_DOC, 19: 'AMV3407715B^^^AMIM^VN'}),
    seg('ORC', {1: 'RE', 2: 'AM34-0006-2^MESQEHR', 3: 'KL27-340062^KLRL', 5: 'CM', 12: PHX_DOC}),
    seg('OBR', {1: '1', 2: 'AM34-0006-2^MESQEHR', 3: 'KL27-340062^KLRL', 4: TEST['VITD'], 7: T12C, 16: PHX_DOC,
                22: '202701091010-1000', 25: 'F', 28: HON_DOC}),
    seg('OBX', {1: '1', 2: 'NM', 3: '62292-8^25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma^LN', 5: '18',
                6: 'ng/mL^nanogram per milliliter^UCUM', 7: '30-100', 8: 'L', 11: 'F', 14: T12C, 19: '202701091002-1000'}),
    seg('SPM', {1: '1', 2: '^KL27-340062-S1&KLRL', 4: 'SER^Serum^HL70487', 17: T12C, 18: '202701080610-1000'}),
]
# ---- charges for Malia's Phoenix tests, the reflex FT4 included ----
M['16-dft-p03-thyroid-charges'] = dft('PB3400014', '202701092300-1000', MALIA_PHX, 'AMV3407715B^^^AMIM^VN', PHX_DOC, [
    ft1(1, 'KLC3400141', T12C, 'KL4100^TSH W/REFLEX FT4^99KLR', '84443^Thyroid stimulating hormone (TSH)^C4', '1',
        'R53.83^Other fatigue^I10', PHX_DOC, 'KL27-340061'),
    ft1(2, 'KLC3400142', T12C, 'KL4110^FREE T4 (REFLEX)^99KLR', '84439^Thyroxine; free^C4', '1',
        'R53.83^Other fatigue^I10', PHX_DOC, 'KL27-340061R'),
    ft1(3, 'KLC3400143', T12C, 'KL4620^VITAMIN D 25-OH^99KLR', '82306^Vitamin D; 25 hydroxy^C4', '1',
        'E55.9^Vitamin D deficiency, unspecified^I10', PHX_DOC, 'KL27-340062'),
])

# ---- Malia's Honolulu CMP + CBC with the lab's PDF report beside the discrete results ----
PDF_B64 = ('JVBERi0xLjUKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqIDIgMCBvYmo8PC9UeXBlL1BhZ2VzL0tpZHNb'
           'MyAwIFJdL0NvdW50IDE+PmVuZG9iaiAzIDAgb2JqPDwvVHlwZS9QYWdlL1BhcmVudCAyIDAgUi9NZWRpYUJveFswIDAgNjEyIDc5Ml0+'
           'PmVuZG9iagp0cmFpbGVyPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==')
T15C = '202701040905-1000'


def nm(n, code, text, v, unit, rng, flag=''):
    return seg('OBX', {1: str(n), 2: 'NM', 3: f'{code}^{text}^LN', 5: v, 6: unit, 7: rng, 8: flag, 11: 'F',
                       14: T15C, 19: '202701041420-1000'})


M['03-oru-r01-cmp-cbc-with-pdf'] = [
    msh('PUEO', 'KLRL', '202701041455-1000', 'PU3400015', 'ORU^R01^ORU_R01', '2.5.1', to=('KOAEHR', 'MHFP')),
    seg('PID', MALIA_HON),
    seg('PV1', {1: '1', 2: 'O', 7: HON_DOC, 19: 'MHV3401001^^^MHFP^VN'}),
    seg('ORC', {1: 'RE', 2: 'MH34-0008-1^KOAEHR', 3: 'KL27-340081^KLRL', 5: 'CM', 12: HON_DOC}),
    seg('OBR', {1: '1', 2: 'MH34-0008-1^KOAEHR', 3: 'KL27-340081^KLRL', 4: TEST['CMP'], 7: T15C, 16: HON_DOC,
                22: '202701041450-1000', 25: 'F'}),
    nm(1, '2345-7', 'Glucose [Mass/volume] in Serum or Plasma', '104', 'mg/dL^milligram per deciliter^UCUM', '65-99', 'H'),
    nm(2, '2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', '0.94', 'mg/dL^milligram per deciliter^UCUM', '0.57-1.00'),
    nm(3, '2823-3', 'Potassium [Moles/volume] in Serum or Plasma', '4.1', 'mmol/L^millimole per liter^UCUM', '3.5-5.2'),
    nm(4, '1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', '29', 'U/L^unit per liter^UCUM', '0-40'),
    seg('OBX', {1: '5', 2: 'ED', 3: '11502-2^Laboratory report^LN', 5: f'KLRL^AP^PDF^Base64^{PDF_B64}', 11: 'F',
                14: T15C, 19: '202701041450-1000'}),
    seg('SPM', {1: '1', 2: '^KL27-340081-S1&KLRL', 4: 'SER^Serum^HL70487', 17: T15C, 18: '202701041105-1000'}),
    seg('ORC', {1: 'RE', 2: 'MH34-0008-2^KOAEHR', 3: 'KL27-340082^KLRL', 5: 'CM', 12: HON_DOC}),
    seg('OBR', {1: '2', 2: 'MH34-0008-2^KOAEHR', 3: 'KL27-340082^KLRL', 4: TEST['CBC'], 7: T15C, 16: HON_DOC,
                22: '202701041450-1000', 25: 'F'}),
    nm(1, '6690-2', 'Leukocytes [#/volume] in Blood by Automated count', '6.2', '10*3/uL^thousand per microliter^UCUM', '3.4-10.8'),
    nm(2, '718-7', 'Hemoglobin [Mass/volume] in Blood', '11.6', 'g/dL^gram per deciliter^UCUM', '11.1-15.9'),
    nm(3, '777-3', 'Platelets [#/volume] in Blood by Automated count', '212', '10*3/uL^thousand per microliter^UCUM', '150-450'),
    seg('SPM', {1: '1', 2: '^KL27-340082-S1&KLRL', 4: 'WB^Whole blood^HL70487', 17: T15C, 18: '202701041105-1000'}),
]

# ---- Keaka's skin biopsy (Honolulu) ----
M['17-adt-a04-honolulu-dermatology'] = [
    msh('KOAEHR', 'MHFP', '202701111310-1000', 'KOA3400016', 'ADT^A04', '2.3.1', to=('KLRL-ADT', 'KLRL')),
    seg('EVN', {1: 'A04', 2: '202701111310-1000'}),
    seg('PID', KEAKA),
    pv1_office('MHFP^PROC1^^MHFP', DERM, 'MHV3401336^^^MHFP^VN'),
    GT1_KEAKA, IN1_KEAKA,
]
T17 = '202701111405-1000'
M['18-orm-o01-skin-biopsy'] = [
    msh('KOAEHR', 'MHFP', '202701111422-1000', 'KOA3400017', 'ORM^O01', '2.3.1'),
    seg('PID', KEAKA),
    pv1_office('MHFP^PROC1^^MHFP', DERM, 'MHV3401336^^^MHFP^VN'),
    IN1_KEAKA, GT1_KEAKA,
    orm_orc('MH34-0017-1', 'KOAEHR', T17, DERM, 'Manoa Heights Family Practice'),
    orm_obr(1, 'MH34-0017-1', 'KOAEHR', 'SP', T17, DERM, HON_DOC,
            {13: 'Shave biopsy left upper back, 6 mm pigmented lesion, irregular border',
             15: 'TISS&Tissue&HL70070^^^LUB&Left upper back&99KLS'}),
    dg1(1, 'D48.5', 'Neoplasm of uncertain behavior of skin'),
]
M['19-orl-o22-ack-skin-biopsy'] = orl('PU3400018', '202701111435-1000', ('KOA3400017', ('KOAEHR', 'MHFP')), KEAKA, [
    ('MH34-0017-1^KOAEHR', 'KLS27-3417', 'SP')])

SECT = {
    'CLIN': '22636-5^Pathology report relevant history^LN',
    'GROSS': '22634-0^Pathology report gross observation^LN',
    'MICRO': '22635-7^Pathology report microscopic observation^LN',
    'DX': '22637-3^Pathology report final diagnosis^LN',
    'COMM': '22638-1^Pathology report comments^LN',
}


def path_oru(ctl, t, status, obx_status, dx_text, comm_text, extra_nte=None):
    segs = [
        msh('PUEO', 'KLRL', t, ctl, 'ORU^R01^ORU_R01', '2.5.1', to=('KOAEHR', 'MHFP')),
        seg('PID', KEAKA),
        seg('PV1', {1: '1', 2: 'O', 7: DERM, 19: 'MHV3401336^^^MHFP^VN'}),
        seg('ORC', {1: 'RE', 2: 'MH34-0017-1^KOAEHR', 3: 'KLS27-3417^KLRL', 5: 'CM', 12: DERM}),
        seg('OBR', {1: '1', 2: 'MH34-0017-1^KOAEHR', 3: 'KLS27-3417^KLRL', 4: TEST['SP'], 7: T17, 16: DERM,
                    22: t, 25: status, 28: HON_DOC, 32: f'{PATH_DOC.split("^")[0]}&FUJIMOTO-ALDANA&REN'}),
        seg('OBX', {1: '1', 2: 'TX', 3: SECT['CLIN'], 4: '1', 5: '6 mm pigmented lesion, left upper back; irregular border. R/O dysplastic nevus vs melanoma.',
                    11: obx_status, 14: T17, 19: '202701131630-1000'}),
        seg('OBX', {1: '2', 2: 'FT', 3: SECT['GROSS'], 4: '1', 5: 'Received in formalin labeled with the patient\'s name and "left upper back", a tan-brown shave of skin, 0.7 x 0.6 x 0.1 cm.\\.br\\Inked, bisected, entirely submitted in cassette A1.',
                    11: obx_status, 14: T17, 19: '202701121015-1000'}),
        seg('OBX', {1: '3', 2: 'FT', 3: SECT['MICRO'], 4: '1', 5: 'Sections show a compound melanocytic proliferation with architectural disorder and moderate cytologic atypia.\\.br\\No dermal mitoses identified.',
                    11: obx_status, 14: T17, 19: '202701131630-1000'}),
        seg('OBX', {1: '4', 2: 'TX', 3: SECT['DX'], 4: '1', 5: dx_text, 11: obx_status, 14: T17, 19: t[:12] + '-1000',
                    16: PATH_DOC}),
        seg('OBX', {1: '5', 2: 'TX', 3: SECT['COMM'], 4: '1', 5: comm_text, 11: obx_status, 14: T17, 19: t[:12] + '-1000',
                    16: PATH_DOC}),
    ]
    segs += extra_nte or []
    segs.append(seg('SPM', {1: '1', 2: '^KLS27-3417-A&KLRL', 4: 'TISS^Tissue^HL70487', 8: 'LUB^Left upper back^99KLS',
                            17: T17, 18: '202701120830-1000'}))
    return segs


M['20-oru-r01-surgical-pathology-final'] = path_oru(
    'PU3400019', '202701131645-1000', 'F', 'F',
    'Skin, left upper back, shave biopsy: DYSPLASTIC (ATYPICAL) COMPOUND NEVUS WITH MODERATE ATYPIA, extending to the peripheral margin.',
    'Re-excision with 2-3 mm margins recommended.')
M['21-dft-p03-pathology-charge'] = dft('PB3400020', '202701132300-1000', KEAKA, 'MHV3401336^^^MHFP^VN', DERM, [
    ft1(1, 'KLC3400201', T17, 'KL9000^SURGICAL PATHOLOGY^99KLR', '88305^Level IV - Surgical pathology, gross and microscopic examination^C4',
        '1', 'D48.5^Neoplasm of uncertain behavior of skin^I10', DERM, 'KLS27-3417'),
])
M['22-oru-r01-surgical-pathology-amended'] = path_oru(
    'PU3400021', '202701181120-1000', 'C', 'C',
    'Skin, left upper back, shave biopsy: MELANOMA IN SITU arising in a dysplastic compound nevus; peripheral margin involved by melanoma in situ.',
    'AMENDED after intradepartmental consultation 01/18/2027: diagnosis changed from dysplastic nevus with moderate atypia. Re-excision with 5 mm margins recommended. Dr. Nakoa-Lindgren notified 01/18/2027 11:05 HST.',
    [seg('NTE', {1: '1', 2: 'L', 3: 'AMENDED REPORT - diagnosis changed. See final diagnosis.'})])

# ---- Phoenix A08 for Malia: new local address at the winter rental ----
M['23-adt-a08-phoenix-update'] = [
    msh('MESQEHR', 'AMIM', '202701191005-0700', 'MQ3400022', 'ADT^A08', '2.3.1', to=('KLRL-ADT', 'KLRL')),
    seg('EVN', {1: 'A08', 2: '202701191005-0700'}),
    seg('PID', {**MALIA_PHX, 11: '5125 N 36TH ST UNIT 4^^PHOENIX^AZ^85018^USA^C~2711 KOLOWALU ST^^HONOLULU^HI^96822^USA^H'}),
    pv1_office('AMIM^RM2^^AMIM', PHX_DOC, 'AMV3407715C^^^AMIM^VN'),
    GT1_MALIA_PHX, IN1_MCR_MALIA,
]
# ---- charges for Malia's Honolulu CMP + CBC ----
M['04-dft-p03-cmp-cbc-charges'] = dft('PB3400023', '202701052300-1000', MALIA_HON, 'MHV3401001^^^MHFP^VN', HON_DOC, [
    ft1(1, 'KLC3400231', T15C, 'KL1200^COMPREHENSIVE METABOLIC PANEL^99KLR', '80053^Comprehensive metabolic panel^C4', '1',
        'Z00.00^Encounter for general adult medical examination without abnormal findings^I10', HON_DOC, 'KL27-340081'),
    ft1(2, 'KLC3400232', T15C, 'KL1100^CBC W/AUTO DIFF^99KLR', '85025^Complete CBC w/auto diff WBC^C4', '1',
        'Z00.00^Encounter for general adult medical examination without abnormal findings^I10', HON_DOC, 'KL27-340082'),
])
# ---- Phoenix A08 for Rafael: new plan member number after the HMO's re-issue ----
M['24-adt-a08-phoenix-insurance'] = [
    msh('MESQEHR', 'AMIM', '202701201430-0700', 'MQ3400024', 'ADT^A08', '2.3.1', to=('KLRL-ADT', 'KLRL')),
    seg('EVN', {1: 'A08', 2: '202701201430-0700'}),
    seg('PID', RAFAEL),
    pv1_office('AMIM^RM4^^AMIM', PHX_NP, 'AMV3407722B^^^AMIM^VN'),
    GT1_RAFAEL, IN1_AZ_RAFAEL.replace('SHP340077221', 'SHP340077229'),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
