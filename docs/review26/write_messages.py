#!/usr/bin/env python3
r"""Review 26's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of
- MEDITECH 6.x at a community hospital (Harrowgate Community Hospital, HGCH, Omaha: -0600 in December),
  v2.4 ADT (A01, A02, A08 with `""` deletes in PV1, A01 + A11 cancel admit, A03) and a v2.3 A18 merge patient
  information; a DFT^P03 with FT1 procedure codes and PR1;
- an outreach lab (Copperline Outreach Laboratory, COL, -0600) 2.5.1: ORM NW with two ORC/OBR groups, ORU
  preliminary (OBX-11 P, NTE after each OBX, OBX-8 flags), ORU final (OBX-11 F) with a cancelled test
  (OBR-25 X), a corrected value (OBX-11 C) a day later;
- a cardiology system (Bellweather Heart Institute, BHI, MUSE-style 2.3): ORU with an ECG (OBX ED PDF,
  NM intervals and axes, TX impression) and an MDM^T02 stress-echo note;
- a retail pharmacy (Greenmarsh Pharmacy #0417, GMP, 2.5): RDE NW with refills, RDE XO change of dose,
  RDS with RXD refills remaining;
- an allergy feed from an ambulatory EHR (Sorrel Valley Clinic, SVC, 2.5.1): ADT^A60 with IAM-6 A, U, D;
- a pediatric VXU 2.5.1 (Little Acorns Pediatrics, LAP): two given doses + a historical dose (RXA-9 01) and an
  adverse-reaction OBX; an RXA-21 D delete of a dose sent in error;
- an OMG^O19 imaging order to a RIS (Quarry Ridge Imaging, QRI, 2.5.1): NW and CA.
Patients and numbers (2601...) none of reviews 16-25's. Fields placed by number. All persons, numbers and
addresses are invented. Writes docs/review26/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review26/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review26/messages')


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
# MEDITECH XCN habit: local mnemonic ID^family^given^middle^^^degree (no authority)
KOSTRZEWA = 'KOSTAL^KOSTRZEWA^HELMUT^A^^^MD'
ADEYEMI = 'ADEYIF^ADEYEMI-ROOK^IFEOMA^^^^MD'
LINDGARD = 'LINDSI^LINDGAARD^SIGRUN^^^^DO'
FERRANTE = 'FERRNI^FERRANTE-OSEI^NICOLO^^^^MD'
M = {}

# ---- PELLINGHAM (MEDITECH 6.x, HGCH, Omaha -0600) ----
PEL = {1: '1', 2: 'M000260101', 3: 'M000260101^^^HGCH^MR~HG26010117^^^HGCH^PI', 5: 'PELLINGHAM^ROSALIND^VERA^^^^L',
       7: '19480211', 8: 'F', 10: 'W', 11: '2207 LOCUST HOLLOW DR^^BELLEVUE^NE^68005^^H', 13: '(402)555-0171', 14: '(402)555-0199',
       15: 'ENG', 16: 'W', 17: 'METH', 18: 'HG0026010117', 19: '505-26-0117'}
PV1P = {1: '1', 2: 'I', 3: '3W^312^A^HGCH', 4: 'EL', 7: KOSTRZEWA, 8: ADEYEMI, 10: 'MED', 14: 'PR', 15: 'A2', 17: KOSTRZEWA,
        18: 'IN', 19: 'HG0026010117', 20: 'MCR', 39: 'HGCH', 44: '202612070935'}
M['01-adt-a01-admit'] = [
    msh('MEDITECH', 'HGCH', '20261207093812-0600', 'HG26010001', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '202612070938', 6: '202612070935'}),
    seg('PID', PEL),
    seg('NK1', {1: '1', 2: 'PELLINGHAM^COLIN', 3: 'SON', 4: '88 ORCHARD PASS^^PAPILLION^NE^68046', 5: '(402)555-0344', 7: 'EC'}),
    seg('PV1', PV1P),
    seg('PV2', {3: '^CELLULITIS LEFT LOWER LEG'}),
    seg('AL1', {1: '1', 2: 'DA', 3: '^SULFA DRUGS', 4: 'SV', 5: 'HIVES'}),
    seg('AL1', {1: '2', 2: 'FA', 3: '^SHELLFISH', 4: 'MI', 5: 'ITCHING'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'L03.116^Cellulitis of left lower limb^I10', 6: 'A'}),
    seg('IN1', {1: '1', 2: 'MCR', 3: 'MCR01', 4: 'MEDICARE PART A', 12: '20130201', 16: 'PELLINGHAM^ROSALIND^VERA', 17: 'SEL',
                36: '1EG4TE5MK73'}),
]
# Transfer to telemetry: v2.4 3.3.2: PV1-3 the new location, PV1-6 the prior one.
M['02-adt-a02-transfer'] = [
    msh('MEDITECH', 'HGCH', '20261208141505-0600', 'HG26010002', 'ADT^A02', '2.4'),
    seg('EVN', {1: 'A02', 2: '202612081415', 6: '202612081400'}),
    seg('PID', PEL),
    seg('PV1', {**PV1P, 3: '4T^418^B^HGCH', 6: '3W^312^A^HGCH', 9: LINDGARD, 10: 'TEL'}),
]
# Update: MEDITECH sends "" for what was cleared: referring (PV1-8), consulting (PV1-9), ambulatory status (PV1-15);
# the patient's work phone (PID-14) is cleared too.
M['03-adt-a08-pv1-deletes'] = [
    msh('MEDITECH', 'HGCH', '20261209080244-0600', 'HG26010003', 'ADT^A08', '2.4'),
    seg('EVN', {1: 'A08', 2: '202612090802', 5: 'HGREG07'}),
    seg('PID', {**PEL, 14: '""'}),
    seg('PV1', {**PV1P, 3: '4T^418^B^HGCH', 8: '""', 9: '""', 10: 'TEL', 15: '""'}),
]

# ---- OYELARAN-BIRCH (HGCH): admitted to the wrong encounter type, cancelled ----
OYE = {1: '1', 2: 'M000260245', 3: 'M000260245^^^HGCH^MR', 5: 'OYELARAN-BIRCH^TEODOR^^^^^L', 7: '19910730', 8: 'M',
       11: '615 N 41ST AVE^^OMAHA^NE^68131^^H', 13: '(402)555-0482', 18: 'HG0026024577'}
PV1O = {1: '1', 2: 'I', 3: '2N^207^B^HGCH', 4: 'U', 7: FERRANTE, 10: 'SUR', 14: 'EM', 17: FERRANTE, 18: 'IN', 19: 'HG0026024577',
        44: '202612081150'}
M['04-adt-a01-admit-2'] = [
    msh('MEDITECH', 'HGCH', '20261208115312-0600', 'HG26010004', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '202612081153', 6: '202612081150'}),
    seg('PID', OYE),
    seg('PV1', PV1O),
    seg('DG1', {1: '1', 2: 'I10', 3: 'K35.80^Unspecified acute appendicitis^I10', 6: 'A'}),
]
M['05-adt-a11-cancel-admit'] = [
    msh('MEDITECH', 'HGCH', '20261208123020-0600', 'HG26010005', 'ADT^A11', '2.4'),
    seg('EVN', {1: 'A11', 2: '202612081230', 4: 'ERR', 6: '202612081150'}),
    seg('PID', OYE),
    seg('PV1', PV1O),
]

# ---- A18 merge patient information (MEDITECH, v2.3): the old MRN M000260388 is merged into M000260390 ----
M['06-adt-a18-merge-info'] = [
    msh('MEDITECH', 'HGCH', '20261209161702-0600', 'HG26010006', 'ADT^A18', '2.3'),
    seg('EVN', {1: 'A18', 2: '202612091617'}),
    seg('PID', {1: '1', 2: 'M000260390', 3: 'M000260390^^^HGCH^MR', 5: 'KRISTIANSEN-MBEKI^ASTRID^^^^^L', 7: '19770104', 8: 'F',
                11: '33 PRAIRIE WIND CT^^LA VISTA^NE^68128^^H', 18: 'HG0026039014'}),
    seg('MRG', {1: 'M000260388^^^HGCH^MR', 3: 'HG0026038802', 7: 'KRISTIANSEN^ASTRID'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'CLIN^^^HGCH', 19: 'HG0026039014'}),
]

# Discharge of PELLINGHAM
M['07-adt-a03-discharge'] = [
    msh('MEDITECH', 'HGCH', '20261211110931-0600', 'HG26010007', 'ADT^A03', '2.4'),
    seg('EVN', {1: 'A03', 2: '202612111109', 6: '202612111045'}),
    seg('PID', {**PEL, 14: ''}),
    seg('PV1', {**PV1P, 3: '4T^418^B^HGCH', 8: '', 10: 'TEL', 15: '', 36: '06', 37: 'HOMEHLTH', 45: '202612111045'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'L03.116^Cellulitis of left lower limb^I10', 6: 'F'}),
    seg('DG1', {1: '2', 2: 'I10', 3: 'I48.91^Unspecified atrial fibrillation^I10', 6: 'F'}),
]

# ---- Outreach lab (COL, -0600): HALVORSRUD ----
COLA = 'COL&2.16.840.1.113883.3.2601.5&ISO'
HAL = {1: '1', 3: f'C26077310^^^{COLA}^MR', 5: 'HALVORSRUD^MAGNUS^ERIK^^^^L', 7: '19590516', 8: 'M',
       11: '1402 BIRCHWOOD LN^^COUNCIL BLUFFS^IA^51503^USA^H', 13: '^PRN^PH^^1^712^5550126'}
ORDP = f'1326010444^OKONKWO-VANCE^DELPHINE^^^^MD^^{NPI}^L^^^NPI'
M['08-orm-o01-outreach-two-orders'] = [
    msh('CLINIC-EHR', 'COL-CLIENT-0921', '20261207072210-0600', 'COLO26080', 'ORM^O01^ORM_O01', '2.5.1'),
    seg('PID', HAL),
    seg('PV1', {1: '1', 2: 'O', 3: 'CL0921^^^COL-CLIENT-0921'}),
    seg('IN1', {1: '1', 2: 'BCBSNE-PPO^BCBS Nebraska PPO', 3: '60054', 4: 'BLUE CROSS BLUE SHIELD NE', 36: 'XJN884720101'}),
    seg('ORC', {1: 'NW', 2: 'CL0921-88410^CLINICEHR', 9: '20261207072000-0600', 12: ORDP}),
    seg('OBR', {1: '1', 2: 'CL0921-88410^CLINICEHR', 4: '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
                7: '20261207071500-0600', 11: 'O', 16: ORDP, 27: '^^^^^R'}),
    seg('DG1', {1: '1', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10', 6: 'W'}),
    seg('ORC', {1: 'NW', 2: 'CL0921-88411^CLINICEHR', 9: '20261207072000-0600', 12: ORDP}),
    seg('OBR', {1: '2', 2: 'CL0921-88411^CLINICEHR', 4: '3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN',
                7: '20261207071500-0600', 11: 'O', 16: ORDP, 27: '^^^^^R'}),
    seg('DG1', {1: '1', 3: 'R53.83^Other fatigue^I10', 6: 'W'}),
]
RESP = 'LB4410^ZHELEZNYAKOVA^TAMSIN^^^^MD'


def obx(n, vt, code, val, units, rng, flag, status, t='20261207071500-0600', extra=None):
    f = {1: str(n), 2: vt, 3: code, 5: val, 6: units, 7: rng, 8: flag, 11: status, 14: t,
         15: 'COL^Copperline Outreach Laboratory^CLIA&2.16.840.1.113883.4.7&ISO'}
    f.update(extra or {})
    return seg('OBX', f)


OBR1 = {1: '1', 2: 'CL0921-88410^CLINICEHR', 3: 'COL2634117^COL', 4: '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
        7: '20261207071500-0600', 14: '20261207101200-0600', 16: ORDP, 32: RESP}
# Preliminary: the glucose and potassium out, OBX-11 P; NTE after OBX (COL habit: each result's own comment)
M['09-oru-r01-outreach-prelim'] = [
    msh('COL-LIS', 'COL', '20261207143005-0600', 'COLR26090', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', HAL),
    seg('ORC', {1: 'RE', 2: 'CL0921-88410^CLINICEHR', 3: 'COL2634117^COL', 12: ORDP}),
    seg('OBR', {**OBR1, 22: '20261207142900-0600', 25: 'P'}),
    obx(1, 'NM', '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN', '212', 'mg/dL^mg/dL^UCUM', '70-99', 'H', 'P'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Specimen drawn non-fasting per requisition.'}),
    obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '3.2', 'mmol/L^mmol/L^UCUM', '3.5-5.1', 'L', 'P'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Slight hemolysis; potassium may be falsely elevated.'}),
]
# Final: the whole CMP F; the TSH was not done (OBR-25 X, NTE gives why)
M['10-oru-r01-outreach-final-x'] = [
    msh('COL-LIS', 'COL', '20261207171144-0600', 'COLR26100', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', HAL),
    seg('ORC', {1: 'RE', 2: 'CL0921-88410^CLINICEHR', 3: 'COL2634117^COL', 12: ORDP}),
    seg('OBR', {**OBR1, 22: '20261207171000-0600', 25: 'F'}),
    obx(1, 'NM', '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN', '212', 'mg/dL^mg/dL^UCUM', '70-99', 'H', 'F'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Specimen drawn non-fasting per requisition.'}),
    obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '3.2', 'mmol/L^mmol/L^UCUM', '3.5-5.1', 'L', 'F'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Slight hemolysis; potassium may be falsely elevated.'}),
    obx(3, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '1.41', 'mg/dL^mg/dL^UCUM', '0.70-1.30', 'H', 'F'),
    obx(4, 'NM', '17861-6^Calcium [Mass/volume] in Serum or Plasma^LN', '9.4', 'mg/dL^mg/dL^UCUM', '8.6-10.3', 'N', 'F'),
    seg('ORC', {1: 'RE', 2: 'CL0921-88411^CLINICEHR', 3: 'COL2634118^COL', 5: 'CA', 12: ORDP}),
    seg('OBR', {1: '2', 2: 'CL0921-88411^CLINICEHR', 3: 'COL2634118^COL', 4: '3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN',
                7: '20261207071500-0600', 16: ORDP, 22: '20261207171000-0600', 25: 'X'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Test not performed: insufficient serum volume. Please recollect.'}),
]
# Next day: the creatinine is corrected (OBX-11 C, OBR-25 C), the comment says why
M['11-oru-r01-outreach-corrected'] = [
    msh('COL-LIS', 'COL', '20261208091820-0600', 'COLR26110', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', HAL),
    seg('ORC', {1: 'RE', 2: 'CL0921-88410^CLINICEHR', 3: 'COL2634117^COL', 12: ORDP}),
    seg('OBR', {**OBR1, 22: '20261208091700-0600', 25: 'C'}),
    obx(3, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '1.14', 'mg/dL^mg/dL^UCUM', '0.70-1.30', 'N', 'C',
        extra={19: '20261208090500-0600'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected result: transcription error. Previously reported as 1.41 mg/dL.'}),
]

# ---- Cardiology (BHI, MUSE-style 2.3, -0600): QUENNEVILLE ----
QUE = {1: '1', 3: 'B2601533^^^BHI^MR', 5: 'QUENNEVILLE^OTTILIE^^^^^L', 7: '19630328', 8: 'F', 11: '9 CANTERBURY RD^^GRETNA^NE^68028'}
CARD = '1726010777^MOSQUERA-LUND^ANSELM^^^^MD^^NPI'
PDF = 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK'


def ecg(n, vt, code, val, units='', extra=None):
    f = {1: str(n), 2: vt, 3: code, 5: val, 6: units, 11: 'F', 14: '20261210084200-0600'}
    f.update(extra or {})
    return seg('OBX', f)


M['12-oru-r01-ecg'] = [
    msh('MUSE', 'BHI', '20261210091544-0600', 'BHI26120', 'ORU^R01', '2.3'),
    seg('PID', QUE),
    seg('PV1', {1: '1', 2: 'O', 3: 'ECGLAB^^^BHI', 19: 'BV26015330'}),
    seg('ORC', {1: 'RE', 2: 'BO7714202^EPIC', 3: 'MU26010442^MUSE', 12: CARD}),
    seg('OBR', {1: '1', 2: 'BO7714202^EPIC', 3: 'MU26010442^MUSE', 4: '93000^ECG 12-lead with interpretation^C4',
                7: '20261210084200-0600', 16: CARD, 22: '20261210091500-0600', 24: 'EC', 25: 'F', 32: CARD}),
    ecg(1, 'NM', '8867-4^Heart rate^LN', '58', '/min^/min^UCUM'),
    ecg(2, 'NM', '8625-6^P-R Interval^LN', '212', 'ms^ms^UCUM'),
    ecg(3, 'NM', '8633-0^QRS duration^LN', '96', 'ms^ms^UCUM'),
    ecg(4, 'NM', '8634-8^Q-T interval^LN', '438', 'ms^ms^UCUM'),
    ecg(5, 'NM', '8636-3^Q-T interval corrected^LN', '430', 'ms^ms^UCUM'),
    ecg(6, 'NM', '8632-2^QRS axis^LN', '-12', 'deg^deg^UCUM'),
    ecg(7, 'TX', '18844-1^ECG impression^LN', 'Sinus bradycardia with 1st degree A-V block'),
    ecg(8, 'TX', '18844-1^ECG impression^LN', 'Otherwise normal ECG'),
    ecg(9, 'ED', '18750-0^Cardiac electrophysiology report^LN', f'MUSE^AP^PDF^Base64^{PDF}'),
]
M['13-mdm-t02-stress-echo'] = [
    msh('MUSE', 'BHI', '20261210153212-0600', 'BHI26130', 'MDM^T02', '2.3'),
    seg('EVN', {1: 'T02', 2: '20261210153200-0600'}),
    seg('PID', QUE),
    seg('PV1', {1: '1', 2: 'O', 3: 'ECHO^^^BHI', 19: 'BV26015331'}),
    seg('TXA', {1: '1', 2: 'CAR^Cardiology report', 3: 'TX', 4: '20261210140000-0600', 5: CARD, 6: '20261210153000-0600',
                12: 'BHI-DOC-2601339', 17: 'AU', 19: 'AV'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '18107-3^Stress echo study^LN', 5: 'Exercise stress echo: 9.2 METs, no wall motion abnormality.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '18107-3^Stress echo study^LN', 5: 'Impression: no inducible ischemia at adequate workload.', 11: 'F'}),
]

# ---- Retail pharmacy (GMP #0417, 2.5, -0600): ABERNATHY-SOLIS ----
ABS = {1: '1', 3: 'G0417260821^^^GMP^PT', 5: 'ABERNATHY-SOLIS^LUCIENNE^^^^^L', 7: '19550814', 8: 'F',
       11: '4120 S 96TH ST^^OMAHA^NE^68127^USA^H', 13: '^PRN^PH^^1^402^5550651'}
PRESC = f'1526010312^VANTERPOOL^GREGORY^^^^MD^^{NPI}^L^^^NPI'
LIS = '314076^lisinopril 10 MG Oral Tablet^RXNORM'
M['14-rde-o11-retail-nw'] = [
    msh('PHARMSYS', 'GMP0417', '20261207104530-0600', 'GMP26140', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', ABS),
    seg('ORC', {1: 'NW', 2: 'ERX26018840^SURESCRIPTS', 3: 'RX0417-771203^GMP', 9: '20261207104000-0600', 12: PRESC}),
    seg('TQ1', {1: '1', 2: '1^{tbl}&&UCUM', 3: 'QD', 7: '20261207'}),
    seg('RXE', {2: LIS, 3: '10', 5: 'mg^mg^UCUM', 6: 'TAB^Tablet^HL70292', 7: '^Take 1 tablet by mouth once daily',
                10: '30', 11: '{tbl}^tablet^UCUM', 12: '3', 15: 'RX0417-771203', 16: '3'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
# XO: the prescriber doubles the dose (new NDC-level product, same Rx number habit: the pharmacy keeps its filler)
LIS20 = '314077^lisinopril 20 MG Oral Tablet^RXNORM'
M['15-rde-o11-retail-xo-dose'] = [
    msh('PHARMSYS', 'GMP0417', '20261214093012-0600', 'GMP26150', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', ABS),
    seg('ORC', {1: 'XO', 2: 'ERX26018840^SURESCRIPTS', 3: 'RX0417-771203^GMP', 5: 'IP', 9: '20261214092500-0600', 12: PRESC,
                16: '^Dose increased: BP above goal'}),
    seg('TQ1', {1: '1', 2: '1^{tbl}&&UCUM', 3: 'QD', 7: '20261214'}),
    seg('RXE', {2: LIS20, 3: '20', 5: 'mg^mg^UCUM', 6: 'TAB^Tablet^HL70292', 7: '^Take 1 tablet by mouth once daily',
                10: '30', 11: '{tbl}^tablet^UCUM', 12: '3', 15: 'RX0417-771203', 16: '3'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
M['16-rds-o13-retail-fill'] = [
    msh('PHARMSYS', 'GMP0417', '20261214161510-0600', 'GMP26160', 'RDS^O13^RDS_O13', '2.5'),
    seg('PID', ABS),
    seg('ORC', {1: 'RE', 2: 'ERX26018840^SURESCRIPTS', 3: 'RX0417-771203^GMP', 12: PRESC}),
    seg('RXE', {2: LIS20, 3: '20', 5: 'mg^mg^UCUM', 10: '30', 11: '{tbl}^tablet^UCUM', 12: '3', 15: 'RX0417-771203', 16: '2'}),
    seg('RXD', {1: '1', 2: '68180051401^lisinopril 20 MG Oral Tablet [Lupin]^NDC', 3: '20261214161000-0600', 4: '30',
                5: '{tbl}^tablet^UCUM', 6: 'TAB^Tablet^HL70292', 7: 'RX0417-771203', 8: '2',
                10: 'RPH3318^NAKASHIMA-BELL^WINIFRED^^^^RPH', 11: 'G'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]

# ---- Allergy feed (SVC ambulatory EHR 2.5.1, -0600): DUNWOODY-ACHTERBERG ----
SVCA = 'SVC&2.16.840.1.113883.3.2601.7&ISO'
DUN = {1: '1', 3: f'S26099012^^^{SVCA}^MR', 5: 'DUNWOODY-ACHTERBERG^FENNIMORE^^^^^L', 7: '19840105', 8: 'M',
       11: '57 WILLOW SPRINGS RD^^ELKHORN^NE^68022^USA^H'}
PV1S = {1: '1', 2: 'O', 3: 'FAMMED^^^SVC', 19: f'SV26099012-07^^^{SVCA}^VN'}
PCN = '7980^Penicillin^RXNORM'


def iam(action, sev, reaction, uid, status, t, extra=None):
    f = {1: '1', 2: 'DA^Drug allergy^HL70127', 3: PCN, 4: sev, 5: reaction, 6: action, 7: f'{uid}^SVC', 11: '2019',
         13: t, 14: 'ROWE-ISAKSEN^PAULINE^^^^^RN', 17: status}
    f.update(extra or {})
    return seg('IAM', f)


M['17-adt-a60-allergy-add'] = [
    msh('SVCEHR', 'SVC', '20261209102201-0600', 'SVC26170', 'ADT^A60^ADT_A60', '2.5.1'),
    seg('EVN', {1: 'A60', 2: '20261209102200-0600'}),
    seg('PID', DUN),
    seg('PV1', PV1S),
    iam('A^Add^HL70323', 'MO^Moderate^HL70128', '271807003^Skin rash^SCT', 'ALG-26099012-1', 'C^Confirmed or verified^HL70438',
        '20261209101500-0600'),
]
M['18-adt-a60-allergy-update'] = [
    msh('SVCEHR', 'SVC', '20261211143540-0600', 'SVC26180', 'ADT^A60^ADT_A60', '2.5.1'),
    seg('EVN', {1: 'A60', 2: '20261211143500-0600'}),
    seg('PID', DUN),
    seg('PV1', {**PV1S, 19: f'SV26099012-08^^^{SVCA}^VN'}),
    iam('U^Update^HL70323', 'SV^Severe^HL70128', '39579001^Anaphylaxis^SCT', 'ALG-26099012-1', 'C^Confirmed or verified^HL70438',
        '20261211142800-0600', {8: '^Reaction history clarified with patient'}),
]
M['19-adt-a60-allergy-delete'] = [
    msh('SVCEHR', 'SVC', '20261212090318-0600', 'SVC26190', 'ADT^A60^ADT_A60', '2.5.1'),
    seg('EVN', {1: 'A60', 2: '20261212090300-0600'}),
    seg('PID', DUN),
    seg('PV1', {**PV1S, 19: f'SV26099012-08^^^{SVCA}^VN'}),
    iam('D^Delete^HL70323', 'SV^Severe^HL70128', '39579001^Anaphylaxis^SCT', 'ALG-26099012-1', 'E^Erroneous^HL70438',
        '20261212090000-0600', {8: '^Entered on the wrong patient'}),
]

# ---- Pediatric VXU (LAP, 2.5.1, -0600): YBARRA-LINDQVIST, 4 months ----
LAPA = 'LAP&2.16.840.1.113883.3.2601.9&ISO'
YBA = {1: '1', 3: f'L26044591^^^{LAPA}^MR', 5: 'YBARRA-LINDQVIST^SOLVEIG^ANOUK^^^^L', 6: 'LINDQVIST^MARGIT^^^^^M', 7: '20260806', 8: 'F',
       11: '2280 HIDDEN CREEK DR^^BENNINGTON^NE^68007^USA^H', 13: '^PRN^PH^^1^402^5550918'}
PEDS = f'1826010555^TORVANGER^ELSPETH^^^^MD^^{NPI}^L^^^NPI'
NURSE = f'LAP4411^CORRIGAN-OYE^MAEVE^^^^RN^^{LAPA}^L^^^PRN'
M['20-vxu-v04-peds-historical-reaction'] = [
    msh('PEDSEHR', 'LAP', '20261208111502-0600', 'LAP26200', 'VXU^V04^VXU_V04', '2.5.1', {21: 'Z22^CDCPHINVS'}),
    seg('PID', YBA),
    seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 16: 'A', 17: '20260806'}),
    seg('NK1', {1: '1', 2: 'LINDQVIST^MARGIT^^^^^L', 3: 'MTH^Mother^HL70063'}),
    seg('ORC', {1: 'RE', 3: 'LAP-IMM-26200-1^LAP', 12: PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208103000-0600', 5: '20^DTaP^CVX', 6: '0.5', 7: 'mL^mL^UCUM',
                9: '00^New immunization record^NIP001', 10: NURSE, 11: '^^^LAP', 15: 'DT2614K', 16: '20271031', 17: 'SKB^GlaxoSmithKline^MVX',
                20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LT^Left Thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1', 5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064',
                11: 'F', 14: '20261208103000-0600', 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('ORC', {1: 'RE', 3: 'LAP-IMM-26200-2^LAP', 12: PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208103200-0600', 5: '133^PCV13^CVX', 6: '0.5', 7: 'mL^mL^UCUM',
                9: '00^New immunization record^NIP001', 10: NURSE, 11: '^^^LAP', 15: 'PV4471', 16: '20270615', 17: 'PFR^Pfizer, Inc^MVX',
                20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'RT^Right Thigh^HL70163'}),
    # the 2-month dose of DTaP, given elsewhere; it was followed by persistent crying (the adverse reaction)
    seg('ORC', {1: 'RE', 3: 'LAP-IMM-26200-3^LAP'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261006', 5: '20^DTaP^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001',
                20: 'CP', 21: 'A'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '31044-1^Reaction^LN', 4: '2',
                5: 'VXC9^Persistent, inconsolable crying lasting more than 3 hours within 48 hours of dose^CDCPHINVS', 11: 'F',
                14: '20261007'}),
]
# The PCV13 dose of #20 was keyed on the wrong child: RXA-21 D
M['21-vxu-v04-peds-delete-dose'] = [
    msh('PEDSEHR', 'LAP', '20261208154011-0600', 'LAP26210', 'VXU^V04^VXU_V04', '2.5.1', {21: 'Z22^CDCPHINVS'}),
    seg('PID', YBA),
    seg('ORC', {1: 'RE', 3: 'LAP-IMM-26200-2^LAP', 12: PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208103200-0600', 5: '133^PCV13^CVX', 6: '0.5', 7: 'mL^mL^UCUM',
                9: '00^New immunization record^NIP001', 10: NURSE, 15: 'PV4471', 17: 'PFR^Pfizer, Inc^MVX', 20: 'CP', 21: 'D'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'RT^Right Thigh^HL70163'}),
]

# ---- DFT (MEDITECH, HGCH) for PELLINGHAM: two charges with CPT procedure codes + modifiers, PR1 ----
M['22-dft-p03-charges-procedures'] = [
    msh('MEDITECH', 'HGCH', '20261211180211-0600', 'HG26010022', 'DFT^P03', '2.4'),
    seg('EVN', {1: 'P03', 2: '202612111802'}),
    seg('PID', PEL),
    seg('PV1', {**PV1P, 3: '4T^418^B^HGCH', 8: '', 10: 'TEL', 15: '', 36: '06', 45: '202612111045'}),
    seg('FT1', {1: '1', 2: 'HG26C0009911', 4: '202612081430', 5: '202612111800', 6: 'CG', 7: '4100093^ECHO TTE COMPLETE^HGCDM',
                10: '1', 11: '1840.00', 13: 'CARDIO', 16: '4T^418^B^HGCH', 19: 'I48.91^Unspecified atrial fibrillation^I10', 20: LINDGARD,
                21: KOSTRZEWA, 25: '93306^Echo transthoracic complete w doppler^C4', 26: '26^Professional component^C4'}),
    seg('FT1', {1: '2', 2: 'HG26C0009912', 4: '202612091000', 5: '202612111800', 6: 'CG', 7: '3600411^I\\T\\D ABSCESS SIMPLE^HGCDM',
                10: '1', 11: '412.00', 13: 'SURG', 16: '4T^418^B^HGCH', 19: 'L03.116^Cellulitis of left lower limb^I10', 20: FERRANTE,
                21: KOSTRZEWA, 25: '10060^Drainage of skin abscess^C4', 26: 'LT^Left side^C4'}),
    seg('PR1', {1: '1', 2: 'C4', 3: '10060^Drainage of skin abscess^C4', 4: 'I&D ABSCESS LEFT LEG'.replace('&', '\\T\\'),
                5: '202612091000', 6: 'A', 11: FERRANTE}),
]

# ---- OMG^O19 imaging order (SVC → QRI RIS 2.5.1) for DUNWOODY-ACHTERBERG: MR brain, then cancelled ----
RAD = f'1926010888^HOLLINGWORTH-ABARA^KEZIAH^^^^MD^^{NPI}^L^^^NPI'
MRB = '70553^MRI brain without \\T\\ with contrast^C4'
M['23-omg-o19-imaging-nw'] = [
    msh('SVCEHR', 'SVC', '20261211100510-0600', 'SVC26230', 'OMG^O19^OMG_O19', '2.5.1'),
    seg('PID', DUN),
    seg('PV1', {**PV1S, 19: f'SV26099012-08^^^{SVCA}^VN'}),
    seg('ORC', {1: 'NW', 2: 'SVC-IMG-2623001^SVCEHR', 9: '20261211100300-0600', 12: RAD, 29: 'O^Outpatient^HL70482'}),
    seg('TQ1', {1: '1', 7: '20261218080000-0600', 8: '20261218170000-0600', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: 'SVC-IMG-2623001^SVCEHR', 4: MRB, 13: 'Contrast: prior reaction to penicillin only; eGFR 88 on 12/01',
                16: RAD, 24: 'MR', 30: 'AMB^Patient walks^HL70124', 31: '^Recurrent migraine with aura, new visual symptoms'}),
    seg('DG1', {1: '1', 3: 'G43.109^Migraine with aura, not intractable, without status migrainosus^I10', 6: 'W'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '39240-7^Pregnancy status^LN', 5: 'N/A^Not applicable (male)^L', 11: 'F'}),
]
M['24-omg-o19-imaging-ca'] = [
    msh('SVCEHR', 'SVC', '20261214081502-0600', 'SVC26240', 'OMG^O19^OMG_O19', '2.5.1'),
    seg('PID', DUN),
    seg('PV1', {**PV1S, 19: f'SV26099012-08^^^{SVCA}^VN'}),
    seg('ORC', {1: 'CA', 2: 'SVC-IMG-2623001^SVCEHR', 9: '20261214081400-0600', 12: RAD,
                16: 'PTREQ^Patient request - symptoms resolved^L'}),
    seg('OBR', {1: '1', 2: 'SVC-IMG-2623001^SVCEHR', 4: MRB, 16: RAD, 24: 'MR'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
