#!/usr/bin/env python3
r"""Review 56's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of an Indian tertiary hospital's order entry and its laboratory / radiology fulfilment on ONE Asia/Kolkata
channel (IST +05:30 all year, a half-hour offset, no daylight saving), January 2033. Narmada Valley Institute of
Medical Sciences, Bhopal (NVIMS, invented).
- HIS "NVHIS" (placer): ORM^O01 2.4 (new orders with several ORDER groups, XO priority change with a comment, HD hold,
  RL release, DC discontinue), OML^O21 2.5.1 (a five-test admission requisition with SPM and DG1, a CA cancel
  request), ORL^O22 2.5.1 (NA: the placer's number assigned to the lab's reflex order), OMG^O19 2.5.1 (radiology: CT
  chest + USG abdomen with a creatinine OBX and DG1; RP replace request followed by the RO replacement with ORC-8
  naming the replaced order).
- LIS "NVLIS" (filler): ORR^O02 2.4 (acceptance OK of an ORM), ORM^O01 2.4 (SC status changes with ORC-5 IP; HR on
  hold as requested; RU replaced unsolicited followed by its RO with ORC-8 parent and a new filler number only),
  ORL^O22 2.5.1 (OK with filler numbers; CR cancelled as requested, ORC-5 CA), OML^O21 2.5.1 (SN: a reflex free T4
  the lab adds after a high TSH, ORC-2 empty, ORC-3 its number, ORC-8 and OBR-29 the TSH order, OBR-11 G), ORU^R01
  2.4 / 2.5.1 (panels F and P; a cancelled lipid profile OBR-25 X with ORC-5 CA; a result naming its order by the
  filler number only; a send-out result relayed from a reference lab in Dubai whose times carry +0400).
- RIS "NVRIS": ORU^R01 2.5.1 (CT chest final, CT abdomen-pelvis preliminary).
Every MSH-7 carries +0530; every time inside is bare except message 24's reference-lab times (+0400). Several order
times fall just after local midnight (the UTC date is the day before). PID-3: the hospital's UHID (NVIMS MR) and the
ABHA number (Ayushman Bharat Health Account, 14 digits; one patient's written with hyphens, as the ABHA card prints
it) under authority ABDM, type NI. Patients and numbers (NV56..., NVO56..., L56-..., R56-..., S56-...) none of earlier
reviews' (grepped). Fields placed by number. All persons, numbers and addresses are invented; local test codes are
the lab's, LOINC codes beside them plausible shapes.
Run from the worktree root (convert with --timezone Asia/Kolkata):
    python3 docs/review56/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review56/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, ver='2.4', to='HIG'):
    return seg('MSH', {3: app, 4: 'NVIMS', 5: to, 6: 'NVIMS', 7: t, 9: typ, 10: ctl, 11: 'P', 12: ver})


# ---- patients ----
ANAGHA = {1: '1', 3: 'NV5600417^^^NVIMS^MR~91441277803356^^^ABDM^NI', 5: 'KULKARNI^ANAGHA^SHRIKANT^^^^L',
          7: '19840611', 8: 'F', 11: 'Flat 302 Shubham Residency^Arera Colony^Bhopal^MP^462016^IND^H',
          13: '^PRN^CP^^91^98260^41173', 18: 'NVA5600417-01^^^NVIMS^AN'}
SRINI = {1: '1', 3: 'NV5600425^^^NVIMS^MR~52-3318-9047-6621^^^ABDM^NI', 5: 'RAGHUNATHAN^SRINIVASAN^^^^^L',
         7: '19570302', 8: 'M', 11: '14 Ganesh Nagar^Kolar Road^Bhopal^MP^462042^IND^H',
         13: '^PRN^CP^^91^94250^67302', 18: 'NVA5600425-03^^^NVIMS^AN'}
MOUMITA = {1: '1', 3: 'NV5600433^^^NVIMS^MR~73094412518806^^^ABDM^NI', 5: 'BHATTACHARJEE^MOUMITA^^^^^L',
           7: '19911127', 8: 'F', 11: 'B-17 Saket Nagar^^Bhopal^MP^462024^IND^H', 13: '^PRN^CP^^91^70009^21846',
           18: 'NVA5600433-02^^^NVIMS^AN'}
IMRAN = {1: '1', 3: 'NV5600441^^^NVIMS^MR~66172039845521^^^ABDM^NI', 5: 'SIDDIQUI^IMRAN^ASLAM^^^^L',
         7: '19780814', 8: 'M', 11: '9 Idgah Hills^^Bhopal^MP^462001^IND^H', 13: '^PRN^CP^^91^99077^35128',
         18: 'NVA5600441-01^^^NVIMS^AN'}

# ---- providers (hospital staff numbers) ----
DIAB = 'D1142^DESHPANDE^VINAYAK^M^^DR^^^NVIMS'
MED = 'D1187^IYER^KAVITHA^^^DR^^^NVIMS'
ICU = 'D1203^CHATTERJEE^ARINDAM^^^DR^^^NVIMS'
PULM = 'D1231^KHAN^NASREEN^^^DR^^^NVIMS'
PATH = 'D2015^AGRAWAL^SUNITA^^^DR^^^NVIMS'
MICRO = 'D2022^MENON^RAJESH^^^DR^^^NVIMS'
RAD = 'D3008^PILLAI^GAYATHRI^^^DR^^^NVIMS'
CLERK = 'E4410^YADAV^POOJA^^^^^^NVIMS'


def pv1(cls, where, visit, doc, start):
    return seg('PV1', {1: '1', 2: cls, 3: where, 7: doc, 19: f'{visit}^^^NVIMS^VN', 44: start})


AN_PV1 = lambda: pv1('O', 'DIABOPD^^^NVIMS^^^^^Diabetes OPD', 'NVV5600417-11', DIAB, '20330114091500')  # noqa: E731
SR_PV1 = lambda: pv1('I', 'MEDW3^305^B^NVIMS^^^^^Medicine Ward 3', 'NVV5600425-07', MED, '20330114231000')  # noqa: E731
MO_PV1 = lambda: pv1('I', 'MICU^07^A^NVIMS^^^^^Medical ICU', 'NVV5600433-04', ICU, '20330116221500')  # noqa: E731
IM_PV1 = lambda: pv1('O', 'PULMOPD^^^NVIMS^^^^^Pulmonology OPD', 'NVV5600441-02', PULM, '20330118101000')  # noqa: E731

# ---- order codes (the lab's code, then LOINC) ----
CBC = 'HEM001^Complete Blood Count^NVLAB^58410-2^CBC panel - Blood by Automated count^LN'
LFT = 'BIO010^Liver Function Test^NVLAB^24325-3^Hepatic function 2000 panel^LN'
HBA1C = 'BIO031^Glycated Haemoglobin (HbA1c)^NVLAB^4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN'
RFT = 'BIO005^Renal Function Test^NVLAB^24362-6^Renal function 2000 panel^LN'
LIPID = 'BIO020^Lipid Profile^NVLAB^57698-3^Lipid panel with direct LDL^LN'
TSH = 'END001^TSH^NVLAB^3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN'
FT4 = 'END002^Free T4^NVLAB^3024-7^Thyroxine (T4) free [Mass/volume] in Serum or Plasma^LN'
UCUL = 'MIC003^Urine Culture and Sensitivity^NVLAB^630-4^Bacteria identified in Urine by Culture^LN'
PLA2R = 'REF114^Anti-PLA2R Antibody (send-out)^NVLAB^73737-6^Phospholipase A2 receptor Ab^LN'
BCUL = 'MIC001^Blood Culture Aerobic^NVLAB^600-7^Bacteria identified in Blood by Culture^LN'
PCT = 'BIO045^Procalcitonin^NVLAB^33959-8^Procalcitonin [Mass/volume] in Serum or Plasma^LN'
DNS1 = 'SER021^Dengue NS1 Antigen^NVLAB^75377-6^Dengue virus NS1 Ag [Presence] in Serum^LN'
DCOMBO = 'SER024^Dengue NS1 Ag + IgM + IgG Combo^NVLAB'
CTCH = 'RAD1021^CT Chest with contrast^NVRIS^24628-0^CT Chest W contrast IV^LN'
USGA = 'RAD2010^USG Whole Abdomen^NVRIS^24558-9^US Abdomen^LN'
CTAP = 'RAD1040^CT Abdomen and Pelvis with contrast^NVRIS^36813-4^CT Abdomen and Pelvis W contrast IV^LN'


def orc(ctl, placer='', filler='', group='', status='', tq='', t='', doc='', extra=None):
    f = {1: ctl, 2: placer, 3: filler, 4: group, 5: status, 7: tq, 9: t, 10: CLERK if ctl in ('NW', 'XO', 'CA', 'DC', 'HD', 'RL', 'RP') else '',
         12: doc, 17: 'NVIMS^Narmada Valley Institute of Medical Sciences^L'}
    f.update(extra or {})
    return seg('ORC', {k: v for k, v in f.items() if v != ''} | {1: ctl})


def obr(i, placer, filler, code, extra=None):
    f = {1: str(i), 2: placer, 3: filler, 4: code}
    f.update(extra or {})
    return seg('OBR', {k: v for k, v in f.items() if v != ''} | {1: str(i), 4: code})


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


def tq1(pri, start=''):
    return seg('TQ1', {1: '1', 7: start, 9: pri} if start else {1: '1', 9: pri})


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


def panel(rows, t, status='F', start=1):
    return [obx(start + k, r[0], r[1], r[2], *r[3:], status=status, t=t) for k, r in enumerate(rows)]


# Anagha's numbers
A_CBC, A_LFT, A_A1C = 'NVO5610011^NVHIS', 'NVO5610012^NVHIS', 'NVO5610013^NVHIS'
AF_CBC, AF_LFT, AF_A1C = 'L56-20411^NVLIS', 'L56-20412^NVLIS', 'L56-20413^NVLIS'
A_GRP = 'NVG561001^NVHIS'
# Srinivasan's numbers
S_RFT, S_LIP, S_TSH, S_UCU, S_PLA = ('NVO5620031^NVHIS', 'NVO5620032^NVHIS', 'NVO5620033^NVHIS', 'NVO5620034^NVHIS',
                                     'NVO5620035^NVHIS')
SF_RFT, SF_LIP, SF_TSH, SF_UCU, SF_PLA = ('L56-20460^NVLIS', 'L56-20461^NVLIS', 'L56-20462^NVLIS', 'L56-20463^NVLIS',
                                          'L56-20464^NVLIS')
S_GRP = 'NVG562003^NVHIS'
SF_FT4, S_FT4 = 'L56-20488^NVLIS', 'NVO5620041^NVHIS'
TSH_PARENT = 'NVO5620033&NVHIS^L56-20462&NVLIS'
# Moumita's numbers
M_BC, M_PCT, M_NS1 = 'NVO5630051^NVHIS', 'NVO5630052^NVHIS', 'NVO5630053^NVHIS'
MF_BC, MF_PCT, MF_NS1, MF_COMBO = 'L56-20501^NVLIS', 'L56-20502^NVLIS', 'L56-20503^NVLIS', 'L56-20510^NVLIS'
M_GRP = 'NVG563005^NVHIS'
# Imran's numbers
I_CT, I_USG, I_CTAP = 'NVO5640061^NVHIS', 'NVO5640062^NVHIS', 'NVO5640063^NVHIS'
IF_CT, IF_CTAP = 'R56-7701^NVRIS', 'R56-7703^NVRIS'
I_GRP = 'NVG564006^NVHIS'

CBC_ROWS = [('NM', '718-7^Hemoglobin^LN', '11.2', 'g/dL', '12.0-15.0', 'L'),
            ('NM', '789-8^Erythrocytes [#/volume] in Blood^LN', '4.12', '10*6/uL', '3.8-4.8'),
            ('NM', '4544-3^Hematocrit^LN', '34.6', '%', '36-46', 'L'),
            ('NM', '787-2^MCV^LN', '84.0', 'fL', '83-101'),
            ('NM', '785-6^MCH^LN', '27.2', 'pg', '27-32'),
            ('NM', '786-4^MCHC^LN', '32.4', 'g/dL', '31.5-34.5'),
            ('NM', '788-0^RDW^LN', '14.9', '%', '11.6-14.0', 'H'),
            ('NM', '6690-2^Leukocytes [#/volume] in Blood^LN', '7.8', '10*3/uL', '4.0-10.0'),
            ('NM', '770-8^Neutrophils/100 leukocytes^LN', '62', '%', '40-80'),
            ('NM', '736-9^Lymphocytes/100 leukocytes^LN', '29', '%', '20-40'),
            ('NM', '5905-5^Monocytes/100 leukocytes^LN', '6', '%', '2-10'),
            ('NM', '713-8^Eosinophils/100 leukocytes^LN', '3', '%', '1-6'),
            ('NM', '777-3^Platelets [#/volume] in Blood^LN', '268', '10*3/uL', '150-410'),
            ('NM', '32623-1^Platelet mean volume^LN', '9.8', 'fL', '7.5-11.5')]
LFT_ROWS = [('NM', '1975-2^Bilirubin.total^LN', '0.8', 'mg/dL', '0.3-1.2'),
            ('NM', '1968-7^Bilirubin.direct^LN', '0.2', 'mg/dL', '0.0-0.3'),
            ('NM', '1742-6^ALT^LN', '68', 'U/L', '0-35', 'H'),
            ('NM', '1920-8^AST^LN', '52', 'U/L', '0-35', 'H'),
            ('NM', '6768-6^ALP^LN', '104', 'U/L', '30-120'),
            ('NM', '2324-2^GGT^LN', '41', 'U/L', '0-38', 'H'),
            ('NM', '2885-2^Protein total^LN', '7.3', 'g/dL', '6.4-8.3'),
            ('NM', '1751-7^Albumin^LN', '4.1', 'g/dL', '3.5-5.2'),
            ('NM', '10834-0^Globulin^LN', '3.2', 'g/dL', '2.0-3.5')]
RFT_ROWS = [('NM', '3091-6^Urea^LN', '58', 'mg/dL', '17-43', 'H'),
            ('NM', '2160-0^Creatinine^LN', '1.9', 'mg/dL', '0.7-1.3', 'H'),
            ('NM', '2951-2^Sodium^LN', '134', 'mmol/L', '136-145', 'L'),
            ('NM', '2823-3^Potassium^LN', '5.3', 'mmol/L', '3.5-5.1', 'H'),
            ('NM', '2075-0^Chloride^LN', '101', 'mmol/L', '98-107'),
            ('NM', '1963-8^Bicarbonate^LN', '20', 'mmol/L', '22-29', 'L'),
            ('NM', '62238-1^eGFR CKD-EPI^LN', '38', 'mL/min/{1.73_m2}', '>=90', 'L')]

M = {}
# ---------------- Anagha: Diabetes OPD, Friday 14 January 2033 ----------------
# 01 ORM^O01 NW: three ORDER groups (CBC, LFT, HbA1c) under one placer group number; ORC-7 priority R
M['01-orm-o01-anagha-three-orders'] = [
    msh('NVHIS', '20330114093512+0530', 'HIS5601001', 'ORM^O01'), seg('PID', ANAGHA), AN_PV1(),
    orc('NW', A_CBC, '', A_GRP, '', '1^ONCE^^20330114093500^^R', '20330114093200', DIAB),
    obr(1, A_CBC, '', CBC, {7: '', 16: DIAB, 27: '1^ONCE^^20330114093500^^R'}),
    orc('NW', A_LFT, '', A_GRP, '', '1^ONCE^^20330114093500^^R', '20330114093200', DIAB),
    obr(2, A_LFT, '', LFT, {16: DIAB, 27: '1^ONCE^^20330114093500^^R', 13: 'Known T2DM on metformin; ?NAFLD'}),
    orc('NW', A_A1C, '', A_GRP, '', '1^ONCE^^20330114093500^^R', '20330114093200', DIAB),
    obr(3, A_A1C, '', HBA1C, {16: DIAB, 27: '1^ONCE^^20330114093500^^R'}),
    nte(1, 'Last HbA1c 8.9 % (Oct 2032), on metformin 500 mg BD'),
]
# 02 ORR^O02: the LIS accepts the three orders (OK, filler numbers, ORC-5 SC)
M['02-orr-o02-anagha-accepted'] = [
    msh('NVLIS', '20330114094108+0530', 'LIS5601002', 'ORR^O02'), seg('MSA', {1: 'AA', 2: 'HIS5601001'}),
    seg('PID', ANAGHA),
    orc('OK', A_CBC, AF_CBC, A_GRP, 'SC', '', '20330114094100'), obr(1, A_CBC, AF_CBC, CBC),
    orc('OK', A_LFT, AF_LFT, A_GRP, 'SC', '', '20330114094100'), obr(2, A_LFT, AF_LFT, LFT),
    orc('OK', A_A1C, AF_A1C, A_GRP, 'SC', '', '20330114094100'), obr(3, A_A1C, AF_A1C, HBA1C),
]
# 03 ORM^O01 SC from the LIS: specimens received, ORC-5 IP, collection time in OBR-7
M['03-orm-o01-anagha-specimens-received'] = [
    msh('NVLIS', '20330114101204+0530', 'LIS5601003', 'ORM^O01'), seg('PID', ANAGHA), AN_PV1(),
    orc('SC', A_CBC, AF_CBC, A_GRP, 'IP', '', '20330114101000'),
    obr(1, A_CBC, AF_CBC, CBC, {7: '20330114095000', 14: '20330114100800', 15: 'BLDV&Blood venous&HL70070'}),
    orc('SC', A_LFT, AF_LFT, A_GRP, 'IP', '', '20330114101000'),
    obr(2, A_LFT, AF_LFT, LFT, {7: '20330114095000', 14: '20330114100800', 15: 'SER&Serum&HL70070'}),
    orc('SC', A_A1C, AF_A1C, A_GRP, 'IP', '', '20330114101000'),
    obr(3, A_A1C, AF_A1C, HBA1C, {7: '20330114095000', 14: '20330114100800', 15: 'BLDV&Blood venous&HL70070'}),
]
# 04 ORU^R01: CBC final (14 results, ORC-5 CM), LFT preliminary (6 of 9, ORC-5 IP)
M['04-oru-r01-anagha-cbc-final-lft-prelim'] = [
    msh('NVLIS', '20330114120530+0530', 'LIS5601004', 'ORU^R01'), seg('PID', ANAGHA), AN_PV1(),
    orc('RE', A_CBC, AF_CBC, A_GRP, 'CM', '', '20330114120500'),
    obr(1, A_CBC, AF_CBC, CBC, {7: '20330114095000', 14: '20330114100800', 16: DIAB, 22: '20330114115800',
                                24: 'HM', 25: 'F', 32: PATH}),
] + panel(CBC_ROWS, '20330114112000') + [
    orc('RE', A_LFT, AF_LFT, A_GRP, 'IP', '', '20330114120500'),
    obr(2, A_LFT, AF_LFT, LFT, {7: '20330114095000', 14: '20330114100800', 16: DIAB, 22: '20330114120200',
                                24: 'CH', 25: 'P'}),
] + panel(LFT_ROWS[:6], '20330114114500', status='P')
# 05 ORM^O01 XO: HbA1c priority routine -> stat, a clinician's comment added
M['05-orm-o01-anagha-xo-hba1c-stat'] = [
    msh('NVHIS', '20330114122014+0530', 'HIS5601005', 'ORM^O01'), seg('PID', ANAGHA), AN_PV1(),
    orc('XO', A_A1C, AF_A1C, A_GRP, '', '1^ONCE^^20330114122000^^S', '20330114121800', DIAB),
    obr(1, A_A1C, AF_A1C, HBA1C, {16: DIAB, 27: '1^ONCE^^20330114122000^^S'}),
    nte(1, 'Please expedite: insulin initiation to be decided in OPD before 14:00'),
]
# 06 ORU^R01: LFT final (all 9), HbA1c final; ORC-5 CM both
M['06-oru-r01-anagha-lft-final-hba1c'] = [
    msh('NVLIS', '20330114154022+0530', 'LIS5601006', 'ORU^R01'), seg('PID', ANAGHA), AN_PV1(),
    orc('RE', A_LFT, AF_LFT, A_GRP, 'CM', '', '20330114154000'),
    obr(1, A_LFT, AF_LFT, LFT, {7: '20330114095000', 14: '20330114100800', 16: DIAB, 22: '20330114153500',
                                24: 'CH', 25: 'F', 32: PATH}),
] + panel(LFT_ROWS, '20330114114500') + [
    orc('RE', A_A1C, AF_A1C, A_GRP, 'CM', '', '20330114154000'),
    obr(2, A_A1C, AF_A1C, HBA1C, {7: '20330114095000', 14: '20330114100800', 16: DIAB, 22: '20330114130500',
                                  24: 'CH', 25: 'F', 32: PATH}),
    obx(1, 'NM', '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN', '9.4', '%', '4.0-5.6', 'H', t='20330114125500'),
    obx(2, 'NM', '27353-2^Glucose mean value [Mass/volume] in Blood Estimated from glycated hemoglobin^LN', '223',
        'mg/dL', t='20330114125500'),
]

# ---------------- Srinivasan: Medicine Ward 3, admitted 14 January 23:10 ----------------
SST = 'S56-0115-01^NVLIS'
URINE = 'S56-0115-02^NVLIS'
SENDOUT = 'S56-0115-03^NVLIS'


def spm(i, num, typ, extra=None):
    f = {1: str(i), 2: num, 4: typ}
    f.update(extra or {})
    return seg('SPM', f)


SER = 'SER^Serum^HL70487'
UR = 'UR^Urine^HL70487'
# 07 OML^O21 NW just after midnight: five ORDER groups (RFT stat, lipid, TSH, urine culture, anti-PLA2R send-out)
M['07-oml-o21-srinivasan-admission-five-orders'] = [
    msh('NVHIS', '20330115002005+0530', 'HIS5602007', 'OML^O21', '2.5.1'), seg('PID', SRINI), SR_PV1(),
    orc('NW', S_RFT, '', S_GRP, '', '', '20330115001800', MED), tq1('S'),
    obr(1, S_RFT, '', RFT, {16: MED, 13: 'Pedal oedema, frothy urine x 3 weeks'}),
    seg('DG1', {1: '1', 3: 'N04.9^Nephrotic syndrome, unspecified^I10', 6: 'W'}), spm(1, SST, SER),
    orc('NW', S_LIP, '', S_GRP, '', '', '20330115001800', MED), tq1('R'),
    obr(2, S_LIP, '', LIPID, {16: MED, 13: 'Fasting sample required'}), spm(1, SST, SER),
    orc('NW', S_TSH, '', S_GRP, '', '', '20330115001800', MED), tq1('R'),
    obr(3, S_TSH, '', TSH, {16: MED}), spm(1, SST, SER),
    orc('NW', S_UCU, '', S_GRP, '', '', '20330115001800', MED), tq1('R'),
    obr(4, S_UCU, '', UCUL, {16: MED}), spm(1, URINE, UR, {8: 'MSU^Midstream urine^L'}),
    orc('NW', S_PLA, '', S_GRP, '', '', '20330115001800', MED), tq1('R'),
    obr(5, S_PLA, '', PLA2R, {16: MED}), nte(1, 'Send-out to reference laboratory; TAT 5 working days'),
    spm(1, SENDOUT, SER),
]
# 08 ORL^O22: the LIS accepts all five (OK, filler numbers, ORC-5 SC)
M['08-orl-o22-srinivasan-accepted'] = [
    msh('NVLIS', '20330115064511+0530', 'LIS5602008', 'ORL^O22', '2.5.1'), seg('MSA', {1: 'AA', 2: 'HIS5602007'}),
    seg('PID', SRINI),
    orc('OK', S_RFT, SF_RFT, S_GRP, 'SC', '', '20330115064500'), obr(1, S_RFT, SF_RFT, RFT),
    orc('OK', S_LIP, SF_LIP, S_GRP, 'SC', '', '20330115064500'), obr(2, S_LIP, SF_LIP, LIPID),
    orc('OK', S_TSH, SF_TSH, S_GRP, 'SC', '', '20330115064500'), obr(3, S_TSH, SF_TSH, TSH),
    orc('OK', S_UCU, SF_UCU, S_GRP, 'SC', '', '20330115064500'), obr(4, S_UCU, SF_UCU, UCUL),
    orc('OK', S_PLA, SF_PLA, S_GRP, 'SC', '', '20330115064500'), obr(5, S_PLA, SF_PLA, PLA2R),
]
# 09 OML^O21 CA: the ward asks to cancel the lipid profile (not fasting), ORC-16 reason
M['09-oml-o21-srinivasan-ca-lipid'] = [
    msh('NVHIS', '20330115070512+0530', 'HIS5602009', 'OML^O21', '2.5.1'), seg('PID', SRINI), SR_PV1(),
    orc('CA', S_LIP, SF_LIP, S_GRP, '', '', '20330115070400', MED,
        {16: 'NFAST^Patient not fasting (breakfast at 06:30)^NVHIS'}),
    tq1('R'), obr(1, S_LIP, SF_LIP, LIPID, {16: MED}),
]
# 10 ORL^O22 CR: the LIS confirms, ORC-5 CA
M['10-orl-o22-srinivasan-cr-lipid'] = [
    msh('NVLIS', '20330115070944+0530', 'LIS5602010', 'ORL^O22', '2.5.1'), seg('MSA', {1: 'AA', 2: 'HIS5602009'}),
    seg('PID', SRINI),
    orc('CR', S_LIP, SF_LIP, S_GRP, 'CA', '', '20330115070900'), obr(1, S_LIP, SF_LIP, LIPID),
]
# 11 ORU^R01: RFT final (7), TSH final (high), the cancelled lipid profile OBR-25 X with ORC-5 CA and a note
M['11-oru-r01-srinivasan-rft-tsh-lipid-x'] = [
    msh('NVLIS', '20330115103027+0530', 'LIS5602011', 'ORU^R01', '2.5.1'), seg('PID', SRINI), SR_PV1(),
    orc('RE', S_RFT, SF_RFT, S_GRP, 'CM', '', '20330115103000'),
    obr(1, S_RFT, SF_RFT, RFT, {7: '20330115060000', 16: MED, 22: '20330115091500', 24: 'CH', 25: 'F', 32: PATH}),
] + panel(RFT_ROWS, '20330115084000') + [
    spm(1, SST, SER, {17: '20330115060000', 18: '20330115064000'}),
    orc('RE', S_TSH, SF_TSH, S_GRP, 'CM', '', '20330115103000'),
    obr(2, S_TSH, SF_TSH, TSH, {7: '20330115060000', 16: MED, 22: '20330115102000', 24: 'CH', 25: 'F', 32: PATH}),
    obx(1, 'NM', '3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN', '8.9', 'm[IU]/L', '0.45-4.5', 'H',
        t='20330115100500'),
    nte(1, 'TSH above 4.5 mIU/L: free T4 added as per laboratory reflex protocol'),
    spm(1, SST, SER, {17: '20330115060000', 18: '20330115064000'}),
    orc('RE', S_LIP, SF_LIP, S_GRP, 'CA', '', '20330115103000'),
    obr(3, S_LIP, SF_LIP, LIPID, {16: MED, 22: '20330115071000', 24: 'CH', 25: 'X'}),
    nte(1, 'Test cancelled at clinician request: sample not fasting'),
]
# 12 OML^O21 SN from the LIS: the reflex free T4, ORC-2 empty, ORC-3 its number, ORC-8 + OBR-29 the TSH order, OBR-11 G
M['12-oml-o21-srinivasan-sn-reflex-ft4'] = [
    msh('NVLIS', '20330115103244+0530', 'LIS5602012', 'OML^O21', '2.5.1', to='NVHIS'), seg('PID', SRINI), SR_PV1(),
    orc('SN', '', SF_FT4, S_GRP, '', '', '20330115103200', MED, {8: TSH_PARENT}), tq1('R'),
    obr(1, '', SF_FT4, FT4, {11: 'G', 13: 'Reflex: TSH 8.9 mIU/L', 16: MED, 29: TSH_PARENT}),
    spm(1, SST, SER),
]
# 13 ORL^O22 NA from the HIS: the placer's number assigned to the reflex order
M['13-orl-o22-srinivasan-na-ft4-number'] = [
    msh('NVHIS', '20330115103511+0530', 'HIS5602013', 'ORL^O22', '2.5.1'), seg('MSA', {1: 'AA', 2: 'LIS5602012'}),
    seg('PID', SRINI),
    orc('NA', S_FT4, SF_FT4, S_GRP, '', '', '20330115103500', MED, {8: TSH_PARENT}), obr(1, S_FT4, SF_FT4, FT4),
]
# 14 ORU^R01: the reflex free T4 final, OBR-29 parent TSH, both numbers
M['14-oru-r01-srinivasan-ft4-final'] = [
    msh('NVLIS', '20330115142016+0530', 'LIS5602014', 'ORU^R01', '2.5.1'), seg('PID', SRINI), SR_PV1(),
    orc('RE', S_FT4, SF_FT4, S_GRP, 'CM', '', '20330115142000', MED, {8: TSH_PARENT}),
    obr(1, S_FT4, SF_FT4, FT4, {7: '20330115060000', 11: 'G', 16: MED, 22: '20330115141500', 24: 'CH', 25: 'F',
                                29: TSH_PARENT, 32: PATH}),
    obx(1, 'NM', '3024-7^Thyroxine (T4) free [Mass/volume] in Serum or Plasma^LN', '0.71', 'ng/dL', '0.93-1.70',
        'L', t='20330115135000'),
    spm(1, SST, SER, {17: '20330115060000', 18: '20330115064000'}),
]

# ---------------- Moumita: Medical ICU, admitted 16 January 22:15 (fever, thrombocytopenia) ----------------
# 15 ORM^O01 NW at 23:48: blood culture (S), procalcitonin (S), dengue NS1 (R)
M['15-orm-o01-moumita-three-orders'] = [
    msh('NVHIS', '20330116234851+0530', 'HIS5603015', 'ORM^O01'), seg('PID', MOUMITA), MO_PV1(),
    orc('NW', M_BC, '', M_GRP, '', '1^ONCE^^20330116234500^^S', '20330116234800', ICU),
    obr(1, M_BC, '', BCUL, {15: 'BLDV&Blood venous&HL70070', 16: ICU, 27: '1^ONCE^^20330116234500^^S'}),
    orc('NW', M_PCT, '', M_GRP, '', '1^ONCE^^20330116234500^^S', '20330116234800', ICU),
    obr(2, M_PCT, '', PCT, {16: ICU, 27: '1^ONCE^^20330116234500^^S'}),
    orc('NW', M_NS1, '', M_GRP, '', '1^ONCE^^20330116234500^^R', '20330116234800', ICU),
    obr(3, M_NS1, '', DNS1, {16: ICU, 27: '1^ONCE^^20330116234500^^R', 13: 'Fever 4 days, platelets 62000'}),
]
# 16 ORM^O01 HD: procalcitonin on hold (patient shifted to OT), ORC-16 reason
M['16-orm-o01-moumita-hd-procalcitonin'] = [
    msh('NVHIS', '20330117003012+0530', 'HIS5603016', 'ORM^O01'), seg('PID', MOUMITA), MO_PV1(),
    orc('HD', M_PCT, '', M_GRP, '', '', '20330117003000', ICU, {16: 'OT^Shifted to OT; draw after surgery^NVHIS'}),
    obr(1, M_PCT, '', PCT, {16: ICU}),
]
# 17 ORM^O01 from the LIS: HR (on hold as requested, ORC-5 HD) for procalcitonin; RU the dengue NS1 order
# (NS1-only kit out of stock) followed by its RO: the combo test, a new filler number only, ORC-8 the replaced order
M['17-orm-o01-moumita-hr-ru-ro'] = [
    msh('NVLIS', '20330117003455+0530', 'LIS5603017', 'ORM^O01'), seg('PID', MOUMITA), MO_PV1(),
    orc('HR', M_PCT, MF_PCT, M_GRP, 'HD', '', '20330117003400'), obr(1, M_PCT, MF_PCT, PCT),
    orc('RU', M_NS1, MF_NS1, M_GRP, '', '', '20330117003400', '',
        {16: 'KIT^NS1-only kit out of stock; replaced by NS1/IgM/IgG combo^NVLIS'}),
    obr(2, M_NS1, MF_NS1, DNS1),
    orc('RO', '', MF_COMBO, M_GRP, 'IP', '', '20330117003400', ICU, {8: 'NVO5630053&NVHIS^L56-20503&NVLIS'}),
    obr(3, '', MF_COMBO, DCOMBO, {16: ICU}),
]
# 18 ORM^O01 RL: procalcitonin released after surgery
M['18-orm-o01-moumita-rl-procalcitonin'] = [
    msh('NVHIS', '20330117031508+0530', 'HIS5603018', 'ORM^O01'), seg('PID', MOUMITA), MO_PV1(),
    orc('RL', M_PCT, MF_PCT, M_GRP, '', '', '20330117031500', ICU), obr(1, M_PCT, MF_PCT, PCT, {16: ICU}),
]
# 19 ORU^R01: blood culture preliminary (no growth so far), procalcitonin final, the dengue combo final named by
# its filler number only (ORC-2 and OBR-2 empty)
M['19-oru-r01-moumita-bc-prelim-pct-dengue-filler-only'] = [
    msh('NVLIS', '20330117094033+0530', 'LIS5603019', 'ORU^R01'), seg('PID', MOUMITA), MO_PV1(),
    orc('RE', M_BC, MF_BC, M_GRP, 'IP', '', '20330117094000'),
    obr(1, M_BC, MF_BC, BCUL, {7: '20330116235500', 14: '20330117001500', 15: 'BLDV&Blood venous&HL70070',
                               16: ICU, 22: '20330117093000', 24: 'MB', 25: 'P', 32: MICRO}),
    obx(1, 'ST', '600-7^Bacteria identified in Blood by Culture^LN', 'No growth after 9 hours of incubation',
        status='P', t='20330117093000'),
    orc('RE', M_PCT, MF_PCT, M_GRP, 'CM', '', '20330117094000'),
    obr(2, M_PCT, MF_PCT, PCT, {7: '20330117034000', 14: '20330117041000', 16: ICU, 22: '20330117060500',
                                24: 'CH', 25: 'F', 32: PATH}),
    obx(1, 'NM', '33959-8^Procalcitonin [Mass/volume] in Serum or Plasma^LN', '8.6', 'ng/mL', '<0.5', 'H',
        t='20330117055000'),
    orc('RE', '', MF_COMBO, M_GRP, 'CM', '', '20330117094000'),
    obr(3, '', MF_COMBO, DCOMBO, {7: '20330116235500', 14: '20330117001500', 16: ICU, 22: '20330117081000',
                                  24: 'SR', 25: 'F', 32: PATH}),
    obx(1, 'CWE', '75377-6^Dengue virus NS1 Ag [Presence] in Serum^LN', '260373001^Detected^SCT', flag='A',
        t='20330117075000'),
    obx(2, 'CWE', '29676-4^Dengue virus IgM Ab [Presence] in Serum^LN', '260415000^Not detected^SCT',
        t='20330117075000'),
    obx(3, 'CWE', '29661-6^Dengue virus IgG Ab [Presence] in Serum^LN', '260415000^Not detected^SCT',
        t='20330117075000'),
]
# 20 ORM^O01 DC: blood culture discontinued (patient leaving against medical advice), ORC-16 reason
M['20-orm-o01-moumita-dc-blood-culture'] = [
    msh('NVHIS', '20330117180019+0530', 'HIS5603020', 'ORM^O01'), seg('PID', MOUMITA), MO_PV1(),
    orc('DC', M_BC, MF_BC, M_GRP, '', '', '20330117175800', ICU,
        {16: 'LAMA^Leaving against medical advice^NVHIS'}),
    obr(1, M_BC, MF_BC, BCUL, {16: ICU}),
]

# ---------------- Imran: Pulmonology OPD, radiology, Tuesday 18 January ----------------
# 21 OMG^O19 NW: CT chest with contrast (S) + USG whole abdomen (R); creatinine OBX before contrast, DG1
M['21-omg-o19-imran-ct-chest-usg'] = [
    msh('NVHIS', '20330118110533+0530', 'HIS5604021', 'OMG^O19', '2.5.1'), seg('PID', IMRAN), IM_PV1(),
    orc('NW', I_CT, '', I_GRP, '', '', '20330118110300', PULM), tq1('S', '20330118140000'),
    obr(1, I_CT, '', CTCH, {13: 'Solitary nodule 14 mm RUL on CXR', 16: PULM, 31: 'R91.1^Solitary pulmonary nodule^I10'}),
    seg('DG1', {1: '1', 3: 'R91.1^Solitary pulmonary nodule^I10', 6: 'W'}),
    obx(1, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '0.9', 'mg/dL', '0.7-1.3', 'N',
        t='20330118094000'),
    orc('NW', I_USG, '', I_GRP, '', '', '20330118110300', PULM), tq1('R', '20330119093000'),
    obr(2, I_USG, '', USGA, {13: 'Weight loss 6 kg in 3 months', 16: PULM}),
]
# 22 OMG^O19 RP: the USG abdomen replaced by a CT abdomen-pelvis (RO, new placer number, ORC-8 the replaced order)
M['22-omg-o19-imran-rp-usg-ro-ctap'] = [
    msh('NVHIS', '20330118115042+0530', 'HIS5604022', 'OMG^O19', '2.5.1'), seg('PID', IMRAN), IM_PV1(),
    orc('RP', I_USG, '', I_GRP, '', '', '20330118114800', PULM,
        {16: 'MOD^Change of modality after radiology consult^NVHIS'}),
    tq1('R'), obr(1, I_USG, '', USGA, {16: PULM}),
    orc('RO', I_CTAP, '', I_GRP, '', '', '20330118114800', PULM, {8: 'NVO5640062&NVHIS'}), tq1('S', '20330118143000'),
    obr(2, I_CTAP, '', CTAP, {13: 'Weight loss 6 kg in 3 months; staging', 16: PULM}),
]
# 23 ORU^R01 from the RIS: CT chest final, CT abdomen-pelvis preliminary
M['23-oru-r01-imran-ct-chest-final-ctap-prelim'] = [
    msh('NVRIS', '20330118162044+0530', 'RIS5604023', 'ORU^R01', '2.5.1'), seg('PID', IMRAN), IM_PV1(),
    orc('RE', I_CT, IF_CT, I_GRP, 'CM', '', '20330118162000'),
    obr(1, I_CT, IF_CT, CTCH, {7: '20330118141200', 8: '20330118142500', 16: PULM, 22: '20330118161500', 24: 'CT',
                               25: 'F', 32: RAD}),
    obx(1, 'TX', '18782-3^Radiology Study observation (narrative)^LN',
        'Spiculated 15 x 13 mm nodule in the apical segment of the right upper lobe. No mediastinal lymphadenopathy.',
        t='20330118142500'),
    obx(2, 'TX', '19005-8^Radiology Imaging study [Impression] (narrative)^LN',
        'Suspicious RUL nodule (Lung-RADS 4B equivalent). PET-CT and tissue diagnosis recommended.',
        flag='A', t='20330118142500'),
    orc('RE', I_CTAP, IF_CTAP, I_GRP, 'IP', '', '20330118162000'),
    obr(2, I_CTAP, IF_CTAP, CTAP, {7: '20330118144000', 16: PULM, 22: '20330118161800', 24: 'CT', 25: 'P',
                                   32: RAD}),
    obx(1, 'TX', '19005-8^Radiology Imaging study [Impression] (narrative)^LN',
        'Preliminary: no focal hepatic or adrenal lesion. Final report to follow.', status='P', t='20330118144800'),
]

# ---------------- Srinivasan again: 19 January ----------------
# 24 ORU^R01 (MSH-7 +0530): the urine culture final (bare times, the hospital's) and the anti-PLA2R send-out result
# relayed from the reference laboratory in Dubai: its OBR-22 and OBX-14 carry +0400; OBR-7 (drawn in Bhopal) bare
M['24-oru-r01-srinivasan-urine-final-pla2r-dubai'] = [
    msh('NVLIS', '20330119111007+0530', 'LIS5602024', 'ORU^R01', '2.5.1'), seg('PID', SRINI), SR_PV1(),
    orc('RE', S_UCU, SF_UCU, S_GRP, 'CM', '', '20330119111000'),
    obr(1, S_UCU, SF_UCU, UCUL, {7: '20330115061500', 16: MED, 22: '20330117091500', 24: 'MB', 25: 'F', 32: MICRO}),
    obx(1, 'ST', '630-4^Bacteria identified in Urine by Culture^LN', 'No growth after 48 hours of incubation',
        t='20330117090000'),
    spm(1, URINE, UR, {8: 'MSU^Midstream urine^L', 17: '20330115061500', 18: '20330115065000'}),
    orc('RE', S_PLA, SF_PLA, S_GRP, 'CM', '', '20330119111000'),
    obr(2, S_PLA, SF_PLA, PLA2R, {7: '20330115060000', 16: MED, 22: '20330119083000+0400', 24: 'SR', 25: 'F'}),
    obx(1, 'NM', '73737-6^Phospholipase A2 receptor Ab [Units/volume] in Serum by Immunoassay^LN', '86.4', 'RU/mL',
        '<14', 'H', t='20330118214500+0400',
        extra={23: 'Gulf Reference Laboratories LLC^L^^^^DHA&Dubai Health Authority&L^XX^^^GRL-7731',
               24: 'Building 64, Dubai Healthcare City^^Dubai^^^ARE^B'}),
    nte(1, 'Performed at Gulf Reference Laboratories, Dubai (reference laboratory); ELISA'),
    spm(1, SENDOUT, SER, {17: '20330115060000', 18: '20330116190000+0400'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
