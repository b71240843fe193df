#!/usr/bin/env python3
r"""Review 61's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a US multi-site outpatient / urgent-care network in Michigan on ONE America/Detroit channel, March 2030,
across the spring-forward night (Sunday 10 March 2030, 02:00 EST -> 03:00 EDT). Tamarack Lakes Urgent Care & Family
Clinics (TLUC, invented): the 24-hour Traverse City urgent care (TLTC) and the Grand Rapids Cascade family clinic
(TLGR).
- EHR "TLEHR" (registration, orders, immunizations, notes): ADT^A04 / A08 / A03, ORM^O01 (lab to the LIS, radiology to
  the RIS), VXU^V04, MDM^T02 / T08 (v2.5.1). MSH-7 WITHOUT an offset; every time bare.
- Scheduler "TLSCHED": SIU^S12 / S13 / S14 / S15 / S17 / S26 with TQ1, RGS, AIS, AIG, AIL, AIP (v2.5.1). MSH-7 WITH
  its offset (-0500 before the change, -0400 after); inner times bare.
- LIS "TLLIS": ORU^R01 (v2.5.1) with MSH-7 offset; inner times bare (a BMP corrected the next day: OBR-25 C, OBX-11 C,
  the original collection time of the night, before the change, resent).
- RIS "TLRIS": ORU^R01 (v2.5.1) bare MSH-7; a chest X-ray preliminary (teleradiology) -> final; the CR room's clock not
  yet moved forward at 03:18 EDT (OBR-7 02:18, a clock time the zone skips).
- Billing "TLBILL": DFT^P03, bare MSH-7; FT1-7 the network's chargemaster code, FT1-25 the CPT with FT1-26 modifier
  (the usual US DFT), one line with the CPT in FT1-7 itself.
Patients and numbers (MRN TL61004xx, visits TV61..., orders TLO61-..., fillers TLL61- / TLR61-, appointments TLA61- /
TLF61-, documents TLD61-...) none of earlier reviews' (grepped). Fields placed by number. All persons, numbers, plans,
companies and addresses invented; NPIs with a right Luhn check digit; CPT / LOINC / CVX / ICD-10-CM codes are real codes.
Run from the worktree root (convert with --timezone America/Detroit):
    python3 docs/review61/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review61/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


FAC = {'TLEHR': 'TLUC', 'TLSCHED': 'TLUC', 'TLLIS': 'TLUCLAB', 'TLRIS': 'TLUCRAD', 'TLBILL': 'TLUC'}


def msh(app, t, ctl, typ, to='HIG'):
    return seg('MSH', {3: app, 4: FAC[app], 5: to, 6: 'TLUC', 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1',
                       15: 'AL', 16: 'NE', 17: 'USA'})


def evn(code, t, who='TLU0417^BEAUCHAMP^DANA^^^^^^TLUC'):
    return seg('EVN', {1: code, 2: t, 5: who})


# ---- providers (NPI, Luhn right) ----
UCDOC = '1614082737^OYELARAN^ADEBOLA^^^^MD^^NPI^L^^^NPI'      # urgent care physician, Traverse City
RADPRE = '1729055180^SOLBERG^KRISTIAN^^^^MD^^NPI^L^^^NPI'     # teleradiology preliminary reader
RADFIN = '1388266045^ABERNATHY^COLLEEN^^^^MD^^NPI^L^^^NPI'    # attending radiologist
FPDOC = '1483770198^NAKASHIMA^REID^^^^DO^^NPI^L^^^NPI'        # family physician, Grand Rapids
FPNP = '1950441265^OKAFOR^CHIDINMA^^^^NP^^NPI^L^^^NPI'        # nurse practitioner, Grand Rapids
PATH = '1266308877^LINDQVIST^MAREN^^^^MD^^NPI^L^^^NPI'        # lab medical director
GERI = '1842199303^DELACROIX^HENRI^^^^MD^^NPI^L^^^NPI'        # geriatrics, Grand Rapids

# ---- patients ----
ELISE = {1: '1', 3: 'TL6100417^^^TLUC^MR', 5: 'VANDERKOOI^ELISE^MARIE^^^^L', 7: '19780214', 8: 'F',
         10: '2106-3^White^CDCREC', 11: '418 Boardman Ave^Apt 2^Traverse City^MI^49684^USA^H^^26055',
         13: '^PRN^PH^^1^231^5550417~^NET^Internet^elise.vdk@example.net', 15: 'eng^English^ISO639-2', 16: 'M',
         18: 'TV61004171^^^TLUC^AN', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
YOUSEF = {1: '1', 3: 'TL6100425^^^TLUC^MR', 5: 'HAMMOUD^YOUSEF^ALI^^^^L', 7: '20050917', 8: 'M',
          10: '2106-3^White^CDCREC', 11: '2716 Breton Rd SE^^Kentwood^MI^49512^USA^H^^26081',
          13: '^PRN^CP^^1^616^5550425', 15: 'ara^Arabic^ISO639-2', 16: 'S', 18: 'TV61004251^^^TLUC^AN',
          22: '2186-5^Not Hispanic or Latino^CDCREC'}
GRACE = {1: '1', 3: 'TL6100433^^^TLUC^MR', 5: 'TERWILLIGER^GRACE^ANN^^^^L', 7: '19520603', 8: 'F',
         11: '90 Plymouth Ave NE^^Grand Rapids^MI^49503^USA^H^^26081', 13: '^PRN^PH^^1^616^5550433', 16: 'W'}

EL_PID = lambda: seg('PID', ELISE)  # noqa: E731
YH_PID = lambda: seg('PID', YOUSEF)  # noqa: E731
GT_PID = lambda: seg('PID', GRACE)  # noqa: E731

UC_ROOM = 'UC^RM4^1^TLTC^^^^^Traverse City Urgent Care'


def el_pv1(end='', extra=None):
    f = {1: '1', 2: 'O', 3: UC_ROOM, 4: 'W^Walk-in^HL70007', 7: UCDOC, 10: 'URG', 14: '7^Walk-in^HL70023', 18: 'UC',
         19: 'TV61004171^^^TLUC^VN', 20: 'C^Commercial^TLUC-FC', 39: 'TLTC', 44: '20300310014000'}
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


def yh_pv1(end='', extra=None):
    f = {1: '1', 2: 'O', 3: 'FC^EXAM2^1^TLGR^^^^^Cascade Family Clinic', 4: 'R^Scheduled^TLUC-AT', 7: FPNP,
         10: 'FAM', 18: 'OP', 19: 'TV61004251^^^TLUC^VN', 20: 'C^Commercial^TLUC-FC', 39: 'TLGR',
         44: '20300312135000'}
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


def in1(i, plan, payer_id, payer, policy, extra=None):
    f = {1: str(i), 2: plan, 3: payer_id, 4: payer, 5: '3000 Monroe Ave NW^^Grand Rapids^MI^49505^USA^B',
         7: '^WPN^PH^^1^800^5550161', 15: 'PPO^Preferred provider^TLUC-PT', 22: '1', 36: policy}
    f.update(extra or {})
    return seg('IN1', f)


GLCHP = ('GOLDPPO^Gold PPO 1500^GLC', 'GLC4417^^^TLUC^NIIP', 'Great Lakes Cooperative Health Plan')

# ---- codes ----
CBC = 'CBCD^CBC with auto diff^TLL^57021-8^CBC W Auto Differential panel - Blood^LN'
BMP = 'BMP^Basic metabolic panel^TLL^51990-0^Basic metabolic panel - Blood^LN'
CXR = 'XCHE2^XR chest 2 views^TLR^36643-5^XR Chest 2 Views^LN'
FINDINGS = '18782-3^Radiology Study observation (narrative)^LN'
IMPRESSION = '19005-8^Radiology Imaging study [Impression] (narrative)^LN'


def orc(ctl, placer, filler, status, t, doc, extra=None):
    f = {1: ctl, 2: placer, 3: filler, 5: status, 9: t, 12: doc, 17: 'TLTC^Traverse City Urgent Care^TLUC'}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, extra):
    f = {1: str(i), 2: placer, 3: filler, 4: code}
    f.update(extra)
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', sub='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


def cbc_rows(t):
    return [obx(1, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '13.8', '10*3/uL^^UCUM', '4.0-10.5', 'H', t=t),
            obx(2, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '13.2', 'g/dL^^UCUM', '12.0-15.5', 'N', t=t),
            obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', '245', '10*3/uL^^UCUM', '150-400', 'N', t=t),
            obx(4, 'NM', '770-8^Neutrophils/100 leukocytes in Blood by Automated count^LN', '82', '%^^UCUM', '40-74', 'H', t=t)]


def bmp_rows(t, creat='0.82', cflag='N', cstat='F', status='F'):
    return [obx(1, 'NM', '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', '138', 'mmol/L^^UCUM', '136-145', 'N', status, t),
            obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '4.1', 'mmol/L^^UCUM', '3.5-5.1', 'N', status, t),
            obx(3, 'NM', '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN', '112', 'mg/dL^^UCUM', '70-99', 'H', status, t),
            obx(4, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', creat, 'mg/dL^^UCUM', '0.57-1.00', cflag, cstat, t)]


M = {}

# ======================= Elise Vanderkooi: urgent care across the spring-forward night (Traverse City) ===============
EL_LAB_ORD, EL_RAD_ORD = 'TLO61-1001^TLEHR', 'TLO61-1002^TLEHR'
EL_BMP_ORD = 'TLO61-1003^TLEHR'
EL_CBC_FIL, EL_BMP_FIL, EL_RAD_FIL = 'TLL61-300417^TLLIS', 'TLL61-300418^TLLIS', 'TLR61-700417^TLRIS'
EL_IN1 = lambda: in1(1, *GLCHP, 'GLC880417-01', {8: 'GRP-55120', 9: 'Northern Michigan Cherry Growers Co-op',  # noqa: E731
                                                 12: '20300101', 16: 'VANDERKOOI^ELISE^MARIE', 17: 'SEL^Self^HL70063',
                                                 18: '19780214'})

# 01 ADT^A04: walk-in registration at the 24-hour urgent care, 01:40 EST (the last hour before the change)
M['01-adt-a04-elise-urgent-care-walk-in'] = [
    msh('TLEHR', '20300310014312', 'TLE6101001', 'ADT^A04^ADT_A01'), evn('A04', '20300310014000'), EL_PID(),
    seg('NK1', {1: '1', 2: 'VANDERKOOI^PIETER^^^^^L', 3: 'SPO^Spouse^HL70063', 5: '^PRN^CP^^1^231^5558830',
                7: 'EC^Emergency contact^HL70131'}),
    el_pv1(), seg('PV2', {3: 'R05.1^Acute cough^I10'}),
    seg('DG1', {1: '1', 3: 'R50.9^Fever, unspecified^I10', 6: 'A'}),
    EL_IN1(),
]
# 02 ORM^O01: CBC + BMP ordered to the LIS, 01:52 EST
M['02-orm-o01-elise-cbc-bmp-order'] = [
    msh('TLEHR', '20300310015430', 'TLE6101002', 'ORM^O01^ORM_O01', ), EL_PID(), el_pv1(),
    orc('NW', EL_LAB_ORD, '', 'IP', '20300310015200', UCDOC),
    obr(1, EL_LAB_ORD, '', CBC, {7: '', 16: UCDOC, 27: '^^^^^S', 31: 'R50.9^Fever, unspecified^I10'}),
    orc('NW', EL_BMP_ORD, '', 'IP', '20300310015200', UCDOC),
    obr(2, EL_BMP_ORD, '', BMP, {16: UCDOC, 27: '^^^^^S', 31: 'R50.9^Fever, unspecified^I10'}),
]
# 03 ORM^O01: chest X-ray ordered to the RIS, 01:56 EST
M['03-orm-o01-elise-chest-xray-order'] = [
    msh('TLEHR', '20300310015745', 'TLE6101003', 'ORM^O01^ORM_O01'), EL_PID(), el_pv1(),
    orc('NW', EL_RAD_ORD, '', 'IP', '20300310015600', UCDOC),
    obr(1, EL_RAD_ORD, '', CXR, {16: UCDOC, 27: '^^^^^S', 30: 'WALK^Walking^HL70124',
                                 31: 'R05.1^Acute cough^I10~R50.9^Fever, unspecified^I10',
                                 13: 'Cough x5 days, fever 39.1 C, r/o pneumonia'}),
]
# 04 ORU^R01: CBC + BMP final, collected 01:58 EST, resulted 03:04-03:06 EDT (8 minutes after collection in real time)
M['04-oru-r01-elise-cbc-bmp-final'] = [
    msh('TLLIS', '20300310030800-0400', 'TLL6104001', 'ORU^R01^ORU_R01'), EL_PID(), el_pv1(),
    orc('RE', EL_LAB_ORD, EL_CBC_FIL, 'CM', '20300310030600', UCDOC),
    obr(1, EL_LAB_ORD, EL_CBC_FIL, CBC, {7: '20300310015800', 14: '20300310015900', 15: 'BLDV^Blood venous^HL70070',
                                         16: UCDOC, 22: '20300310030600', 24: 'HM', 25: 'F', 32: PATH}),
    *cbc_rows('20300310030400'),
    orc('RE', EL_BMP_ORD, EL_BMP_FIL, 'CM', '20300310030600', UCDOC),
    obr(2, EL_BMP_ORD, EL_BMP_FIL, BMP, {7: '20300310015800', 14: '20300310015900', 15: 'BLDV^Blood venous^HL70070',
                                         16: UCDOC, 22: '20300310030600', 24: 'CH', 25: 'F', 32: PATH}),
    *bmp_rows('20300310030500'),
]
# 05 ORU^R01: chest X-ray PRELIMINARY by the teleradiologist; OBR-7 02:18 by the CR room's clock not yet moved forward
M['05-oru-r01-elise-cxr-preliminary'] = [
    msh('TLRIS', '20300310033010', 'TLR6105001', 'ORU^R01^ORU_R01'), EL_PID(), el_pv1(),
    orc('RE', EL_RAD_ORD, EL_RAD_FIL, 'A', '20300310032900', UCDOC),
    obr(1, EL_RAD_ORD, EL_RAD_FIL, CXR, {7: '20300310021800', 16: UCDOC, 22: '20300310032900', 24: 'RAD', 25: 'P',
                                         32: RADPRE}),
    obx(1, 'TX', FINDINGS, 'PA and lateral chest. Patchy airspace opacity in the right lower lobe.', status='P', sub='1'),
    obx(2, 'TX', FINDINGS, 'No pleural effusion. No pneumothorax. Heart size normal.', status='P', sub='1'),
    obx(3, 'TX', IMPRESSION, 'Right lower lobe opacity, likely pneumonia. Final read to follow.', status='P', sub='2'),
]
# 06 ORU^R01: chest X-ray FINAL by the attending radiologist, 07:42 EDT, the impression refined
M['06-oru-r01-elise-cxr-final'] = [
    msh('TLRIS', '20300310074510', 'TLR6105002', 'ORU^R01^ORU_R01'), EL_PID(), el_pv1(),
    orc('RE', EL_RAD_ORD, EL_RAD_FIL, 'CM', '20300310074200', UCDOC),
    obr(1, EL_RAD_ORD, EL_RAD_FIL, CXR, {7: '20300310021800', 16: UCDOC, 22: '20300310074200', 24: 'RAD', 25: 'F',
                                         32: RADFIN}),
    obx(1, 'TX', FINDINGS, 'PA and lateral chest. Patchy airspace opacity in the right lower lobe, superior segment.', sub='1'),
    obx(2, 'TX', FINDINGS, 'No pleural effusion. No pneumothorax. Heart size normal.', sub='1'),
    obx(3, 'TX', IMPRESSION, 'Right lower lobe pneumonia. Follow-up radiograph in 6-8 weeks to document resolution.', sub='2'),
]
# 07 MDM^T02: the urgent care visit note (transcribed), text lines OBX TX
EL_DOC = 'TLD61-20417^TLEHR'
EL_NOTE = ['CHIEF COMPLAINT: Cough and fever for 5 days.',
           'ASSESSMENT: Community-acquired pneumonia, right lower lobe (J18.9). WBC 13.8.',
           'PLAN: Amoxicillin-clavulanate 875 mg PO BID x7 days plus azithromycin. Return if worse.']
M['07-mdm-t02-elise-urgent-care-note'] = [
    msh('TLEHR', '20300310041512', 'TLE6107001', 'MDM^T02^MDM_T02'), evn('T02', '20300310041500'), EL_PID(), el_pv1(),
    seg('TXA', {1: '1', 2: 'PN^Progress note^HL70270', 3: 'TX', 4: '20300310014500', 5: UCDOC, 6: '20300310040500',
                7: '20300310041000', 9: UCDOC, 11: 'TLT0093^KESSLER^BRENNA^^^^^^TLUC', 12: EL_DOC, 17: 'AU',
                19: 'AV'}),
    *[obx(k + 1, 'TX', '11506-3^Progress note^LN', line) for k, line in enumerate(EL_NOTE)],
]
# 08 ADT^A03: discharged home 04:15 EDT
M['08-adt-a03-elise-discharge'] = [
    msh('TLEHR', '20300310041906', 'TLE6101008', 'ADT^A03^ADT_A03'), evn('A03', '20300310041500'), EL_PID(),
    el_pv1('20300310041500', {36: '01^Discharged to home^HL70112'}),
    seg('DG1', {1: '1', 3: 'J18.9^Pneumonia, unspecified organism^I10', 6: 'F'}),
]
# 09 ORU^R01: BMP CORRECTED the next morning (creatinine 0.82 -> 1.28 H after a calibration check), whole panel resent,
# the original collection time 01:58 (EST) resent bare in a message sent -0400
M['09-oru-r01-elise-bmp-corrected'] = [
    msh('TLLIS', '20300311101500-0400', 'TLL6104009', 'ORU^R01^ORU_R01'), EL_PID(), el_pv1(),
    orc('RE', EL_BMP_ORD, EL_BMP_FIL, 'CM', '20300311101200', UCDOC),
    obr(1, EL_BMP_ORD, EL_BMP_FIL, BMP, {7: '20300310015800', 14: '20300310015900', 15: 'BLDV^Blood venous^HL70070',
                                         16: UCDOC, 22: '20300311101200', 24: 'CH', 25: 'C', 32: PATH}),
    *bmp_rows('20300310030500', creat='1.28', cflag='H', cstat='C'),
    nte(1, 'CORRECTED REPORT: creatinine previously reported 0.82 mg/dL; recalculated after calibration check 03/11/2030 09:50. Provider notified.'),
]
# 10 DFT^P03: the visit's charges (chargemaster code in FT1-7, CPT in FT1-25 with FT1-26 modifier; the E/M line with
# the CPT in FT1-7 itself); ICD-10-CM on FT1-19
CPT = 'C4'
M['10-dft-p03-elise-visit-charges'] = [
    msh('TLBILL', '20300311220512', 'TLB6110001', 'DFT^P03^DFT_P03'), evn('P03', '20300311220500'), EL_PID(),
    el_pv1('20300310041500'),
    seg('FT1', {1: '1', 2: 'TLC61-0417001', 4: '20300310014000', 6: 'CG^Charge^HL70017',
                7: f'99214^Office/outpatient visit est, moderate MDM^{CPT}', 10: '1', 11: '245.00&USD', 13: 'TLTC^Urgent Care',
                19: 'J18.9^Pneumonia, unspecified organism^I10~R50.9^Fever, unspecified^I10', 20: UCDOC, 21: UCDOC,
                26: '25^Significant, separately identifiable E/M service^CPTM'}),
    seg('FT1', {1: '2', 2: 'TLC61-0417002', 4: '20300310021800', 6: 'CG^Charge^HL70017',
                7: '7100460^XR CHEST 2 VIEWS^TLCDM', 10: '1', 11: '96.00&USD', 13: 'RAD^Radiology',
                19: 'J18.9^Pneumonia, unspecified organism^I10', 20: RADFIN, 21: UCDOC,
                25: f'71046^Radiologic examination, chest; 2 views^{CPT}'}),
    seg('FT1', {1: '3', 2: 'TLC61-0417003', 4: '20300310015800', 6: 'CG^Charge^HL70017',
                7: '3002500^CBC W AUTO DIFF^TLCDM', 10: '1', 11: '28.00&USD', 13: 'LAB^Laboratory',
                19: 'R50.9^Fever, unspecified^I10', 21: UCDOC, 25: f'85025^Blood count; complete (CBC), automated^{CPT}'}),
    seg('FT1', {1: '4', 2: 'TLC61-0417004', 4: '20300310015800', 6: 'CG^Charge^HL70017',
                7: '3004800^BASIC METABOLIC PANEL^TLCDM', 10: '1', 11: '31.00&USD', 13: 'LAB^Laboratory',
                19: 'R50.9^Fever, unspecified^I10', 21: UCDOC, 25: f'80048^Basic metabolic panel^{CPT}'}),
    seg('FT1', {1: '5', 2: 'TLC61-0417005', 4: '20300310015800', 6: 'CG^Charge^HL70017',
                7: '3641500^VENIPUNCTURE^TLCDM', 10: '1', 11: '12.00&USD', 13: 'LAB^Laboratory',
                19: 'R50.9^Fever, unspecified^I10', 21: UCDOC, 25: f'36415^Collection of venous blood by venipuncture^{CPT}'}),
]

# ======================= Yousef Hammoud: scheduled physical at the Grand Rapids clinic, Tdap / refused HPV ==========
YH_APPT = ('TLA61-3301^TLSCHED', 'TLF61-8801^TLSCHED')


def sch(placer, filler, ev_reason, reason, atype, dur, status, extra=None):
    f = {1: placer, 2: filler, 6: ev_reason, 7: reason, 8: atype, 9: dur, 10: 'min^minutes^ANS+', 16: FPDOC,
         20: 'TLS0212^MARQUARDT^JOLENE^^^^^^TLUC', 25: status}
    f.update(extra or {})
    return seg('SCH', f)


def tq1(start, end):
    return seg('TQ1', {1: '1', 7: start, 8: end})


def yh_ai(start, room, who, role, ecg=True):
    out = [seg('RGS', {1: '1', 2: 'A'}),
           seg('AIS', {1: '1', 2: 'A', 3: '99395^Preventive visit est, age 18-39^C4', 4: start, 7: '40',
                       8: 'min^minutes^ANS+', 10: 'Booked'})]
    if ecg:
        out.append(seg('AIG', {1: '1', 2: 'A', 3: 'ECG-02^ECG cart 2^TLGR', 4: 'EQ^Equipment^TLUC-RT', 8: start,
                               11: '15', 12: 'min^minutes^ANS+'}))
    out.append(seg('AIL', {1: '1', 2: 'A', 3: room, 4: 'EXAM^Exam room^TLUC-LT', 6: start, 9: '40',
                           10: 'min^minutes^ANS+', 12: 'Booked'}))
    out.append(seg('AIP', {1: '1', 2: 'A', 3: who, 4: role, 6: start, 9: '40', 10: 'min^minutes^ANS+', 12: 'Booked'}))
    return out


# 11 SIU^S12: booked Friday 8 March (EST, MSH-7 -0500) for Monday 11 March 09:30 (EDT, bare)
M['11-siu-s12-yousef-physical-booked'] = [
    msh('TLSCHED', '20300308161522-0500', 'TLS6111001', 'SIU^S12^SIU_S12'),
    sch(*YH_APPT, 'NEWAPPT^New appointment^TLUC-ER', 'ANNUAL^Annual physical^TLUC-AR', 'ROUTINE^Routine^HL70277', '40',
        'Booked^Booked^HL70278'),
    tq1('20300311093000', '20300311101000'), nte(1, 'Patient asks for Tdap; needs sports clearance form.'),
    YH_PID(), yh_pv1(extra={44: ''}),
    *yh_ai('20300311093000', 'EXAM3^^^TLGR^^^^^Cascade Exam 3', FPDOC, 'PCP^Primary care provider^TLUC-RR'),
]
# 12 SIU^S13: rescheduled on Sunday 10 March after the change (MSH-7 -0400) to Tuesday 12 March 14:00
M['12-siu-s13-yousef-rescheduled'] = [
    msh('TLSCHED', '20300310091244-0400', 'TLS6111002', 'SIU^S13^SIU_S12'),
    sch(*YH_APPT, 'PATREQ^Patient request^TLUC-ER', 'ANNUAL^Annual physical^TLUC-AR', 'ROUTINE^Routine^HL70277', '40',
        'Booked^Booked^HL70278'),
    tq1('20300312140000', '20300312144000'),
    YH_PID(), yh_pv1(extra={44: ''}),
    *yh_ai('20300312140000', 'EXAM3^^^TLGR^^^^^Cascade Exam 3', FPDOC, 'PCP^Primary care provider^TLUC-RR'),
]
# 13 SIU^S14: modified: Dr Nakashima out; NP Okafor, Exam 2; the ECG cart released (AIG deleted: AIG-2 D)
M['13-siu-s14-yousef-provider-room-changed'] = [
    msh('TLSCHED', '20300311171033-0400', 'TLS6111003', 'SIU^S14^SIU_S12'),
    sch(*YH_APPT, 'PROVCHG^Provider change^TLUC-ER', 'ANNUAL^Annual physical^TLUC-AR', 'ROUTINE^Routine^HL70277', '40',
        'Booked^Booked^HL70278', {16: FPNP}),
    tq1('20300312140000', '20300312144000'),
    YH_PID(), yh_pv1(extra={44: ''}),
    seg('RGS', {1: '1', 2: 'U'}),
    seg('AIS', {1: '1', 2: 'U', 3: '99395^Preventive visit est, age 18-39^C4', 4: '20300312140000', 7: '40',
                8: 'min^minutes^ANS+', 10: 'Booked'}),
    seg('AIG', {1: '1', 2: 'D', 3: 'ECG-02^ECG cart 2^TLGR', 4: 'EQ^Equipment^TLUC-RT', 8: '20300312140000', 11: '15',
                12: 'min^minutes^ANS+'}),
    seg('AIL', {1: '1', 2: 'U', 3: 'EXAM2^^^TLGR^^^^^Cascade Exam 2', 4: 'EXAM^Exam room^TLUC-LT', 6: '20300312140000',
                9: '40', 10: 'min^minutes^ANS+', 12: 'Booked'}),
    seg('AIP', {1: '1', 2: 'U', 3: FPNP, 4: 'PCP^Primary care provider^TLUC-RR', 6: '20300312140000', 9: '40',
                10: 'min^minutes^ANS+', 12: 'Booked'}),
]
YH_IN1 = lambda phone='': in1(1, *GLCHP, 'GLC771203-03', {  # noqa: E731
    8: 'GRP-30984', 9: 'Kentwood Tool and Die LLC', 12: '20300101', 16: 'HAMMOUD^ALI^KHALIL', 17: 'FTH^Father^HL70063',
    18: '19760402', 49: 'GLC771203^^^GLC^MB'})
# 14 ADT^A04: checked in 13:50 EDT (bare EHR)
M['14-adt-a04-yousef-check-in'] = [
    msh('TLEHR', '20300312135412', 'TLE6114001', 'ADT^A04^ADT_A01'), evn('A04', '20300312135000'), YH_PID(),
    seg('NK1', {1: '1', 2: 'HAMMOUD^ALI^KHALIL^^^^L', 3: 'FTH^Father^HL70063', 5: '^PRN^CP^^1^616^5559120',
                7: 'EC^Emergency contact^HL70131'}),
    yh_pv1(), YH_IN1(),
]
# 15 VXU^V04: at the visit: Tdap administered (RXA-9 00), an influenza dose given at a pharmacy in October
# (historical, RXA-9 01), HPV9 offered and refused (RXA-18 03 Patient decision, RXA-20 RE)
VAXER = 'TLN0551^RIVERA^MONICA^^^RN^^^TLUC'
M['15-vxu-v04-yousef-tdap-historical-flu-refused-hpv'] = [
    msh('TLEHR', '20300312144512', 'TLE6115001', 'VXU^V04^VXU_V04'), YH_PID(),
    seg('PD1', {11: '02^Reminder/recall - any method^HL70215', 16: 'A^Active^HL70441', 17: '20300312'}),
    seg('NK1', {1: '1', 2: 'HAMMOUD^ALI^KHALIL^^^^L', 3: 'FTH^Father^HL70063'}),
    yh_pv1(),
    seg('ORC', {1: 'RE', 2: 'TLV61-5001^TLEHR', 3: 'TLV61-5001^TLEHR', 10: VAXER, 12: FPNP}),
    seg('RXA', {1: '0', 2: '1', 3: '20300312143000', 4: '20300312143000', 5: '115^Tdap^CVX', 6: '0.5',
                7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: VAXER,
                11: '^^^TLGR', 15: 'TD4417A', 16: '20310831', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP',
                21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LD^Left deltoid^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V01^Not VFC eligible^HL70064', 11: 'F', 14: '20300312143000', 17: 'VXC40^per immunization^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30963-3^Vaccine funding source^LN', 4: '1', 5: 'PHC70^Private funds^CDCPHINVS',
                11: 'F', 14: '20300312143000'}),
    seg('OBX', {1: '3', 2: 'CE', 3: '69764-9^Document type^LN', 4: '2',
                5: '253088698300028811170411^Tetanus/Diphtheria/Pertussis (Tdap) VIS^cdcgs1vis', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2',
                5: '20300312', 11: 'F'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC', 12: FPNP}),
    seg('RXA', {1: '0', 2: '1', 3: '20291015', 4: '20291015', 5: '150^Influenza, injectable, quadrivalent, preservative free^CVX',
                6: '999', 9: '01^Historical information - source unspecified^NIP001',
                11: '^^^^^^^^^^Kentwood^MI', 20: 'CP', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC', 12: FPNP}),
    seg('RXA', {1: '0', 2: '1', 3: '20300312143500', 4: '20300312143500', 5: '165^HPV9^CVX', 6: '999',
                10: VAXER, 18: '03^Patient decision^NIP002', 20: 'RE', 21: 'A'}),
]
# 16 ADT^A08: the same afternoon: the father's insurance changed at check-out (new plan year card), cell updated
M['16-adt-a08-yousef-insurance-card-updated'] = [
    msh('TLEHR', '20300312150233', 'TLE6114002', 'ADT^A08^ADT_A01'), evn('A08', '20300312150000'),
    seg('PID', YOUSEF | {13: '^PRN^CP^^1^616^5550499'}),
    seg('NK1', {1: '1', 2: 'HAMMOUD^ALI^KHALIL^^^^L', 3: 'FTH^Father^HL70063', 5: '^PRN^CP^^1^616^5559120',
                7: 'EC^Emergency contact^HL70131'}),
    yh_pv1(), in1(1, 'SILVHMO^Silver HMO 3000^GLC', 'GLC4417^^^TLUC^NIIP', 'Great Lakes Cooperative Health Plan',
                  'GLC771203-03', {8: 'GRP-30984', 9: 'Kentwood Tool and Die LLC', 12: '20300301',
                                   15: 'HMO^Health maintenance organization^TLUC-PT', 16: 'HAMMOUD^ALI^KHALIL',
                                   17: 'FTH^Father^HL70063', 18: '19760402', 49: 'GLC771203^^^GLC^MB'}),
]
# 17 MDM^T02: the physical's note as a PDF (OBX ED, Base64), authenticated
YH_DOC = 'TLD61-20425^TLEHR'
PDF1 = 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK'
PDF2 = 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2cvVmVyIDI+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK'
M['17-mdm-t02-yousef-physical-note-pdf'] = [
    msh('TLEHR', '20300312170512', 'TLE6117001', 'MDM^T02^MDM_T02'), evn('T02', '20300312170500'), YH_PID(), yh_pv1(),
    seg('TXA', {1: '1', 2: 'HP^History and physical examination^HL70270', 3: 'AP', 4: '20300312140500', 5: FPNP,
                6: '20300312165000', 9: FPNP, 12: YH_DOC, 17: 'AU', 19: 'AV'}),
    seg('OBX', {1: '1', 2: 'ED', 3: '34117-2^History and physical note^LN', 5: f'TLEHR^AP^PDF^Base64^{PDF1}', 11: 'F'}),
]
# 18 MDM^T08: the note edited the next morning (sports clearance added), the PDF replaced, same TXA-12
M['18-mdm-t08-yousef-physical-note-edited'] = [
    msh('TLEHR', '20300313091012', 'TLE6117002', 'MDM^T08^MDM_T02'), evn('T08', '20300313091000'), YH_PID(),
    yh_pv1(),
    seg('TXA', {1: '1', 2: 'HP^History and physical examination^HL70270', 3: 'AP', 4: '20300312140500', 5: FPNP,
                6: '20300312165000', 8: '20300313090500', 9: FPNP, 12: YH_DOC, 17: 'LA', 19: 'AV',
                22: '1950441265^OKAFOR^CHIDINMA^^^^NP^^NPI^^^^NPI^^20300313090800'}),
    seg('OBX', {1: '1', 2: 'ED', 3: '34117-2^History and physical note^LN', 5: f'TLEHR^AP^PDF^Base64^{PDF2}', 11: 'F'}),
]

# ======================= Grace Terwilliger: Medicare wellness visit booked, no-show, rebooked twice, cancelled =======
GT_AIS = lambda start: seg('AIS', {1: '1', 2: 'A', 3: 'G0439^Annual wellness visit, subsequent^HCPCS', 4: start,  # noqa: E731
                                   7: '30', 8: 'min^minutes^ANS+'})
GT_AIL = lambda start: seg('AIL', {1: '1', 2: 'A', 3: 'EXAM1^^^TLGR^^^^^Cascade Exam 1', 4: 'EXAM^Exam room^TLUC-LT',  # noqa: E731
                                   6: start, 9: '30', 10: 'min^minutes^ANS+'})
GT_AIP = lambda start: seg('AIP', {1: '1', 2: 'A', 3: GERI, 4: 'PCP^Primary care provider^TLUC-RR', 6: start, 9: '30',  # noqa: E731
                                   10: 'min^minutes^ANS+'})


def gt_siu(t, ctl, ev, appt, reason, status, start, end, extra=None):
    return [msh('TLSCHED', t, ctl, f'SIU^{ev}^SIU_S12'),
            sch(*appt, reason, 'AWV^Annual wellness visit^TLUC-AR', 'ROUTINE^Routine^HL70277', '30', status,
                {16: GERI} | (extra or {})),
            tq1(start, end), GT_PID(), seg('RGS', {1: '1', 2: 'A'}), GT_AIS(start), GT_AIL(start), GT_AIP(start)]


GT_X = ('TLA61-3310^TLSCHED', 'TLF61-8810^TLSCHED')
GT_Y = ('TLA61-3311^TLSCHED', 'TLF61-8811^TLSCHED')
GT_Z = ('TLA61-3312^TLSCHED', 'TLF61-8812^TLSCHED')
# 19 SIU^S12: booked Tuesday 5 March (EST) for Monday 11 March 08:00 (EDT)
M['19-siu-s12-grace-wellness-booked'] = gt_siu('20300305101544-0500', 'TLS6119001', 'S12', GT_X,
                                               'NEWAPPT^New appointment^TLUC-ER', 'Booked^Booked^HL70278',
                                               '20300311080000', '20300311083000')
# 20 SIU^S26: no-show, sent 08:45 EDT
M['20-siu-s26-grace-no-show'] = gt_siu('20300311084512-0400', 'TLS6119002', 'S26', GT_X,
                                       'NOSHOW^Patient did not arrive^TLUC-ER', 'Noshow^No show^HL70278',
                                       '20300311080000', '20300311083000')
# 21 SIU^S12: rebooked for Wednesday 13 March 10:15
M['21-siu-s12-grace-rebooked'] = gt_siu('20300311085533-0400', 'TLS6119003', 'S12', GT_Y,
                                        'NEWAPPT^New appointment^TLUC-ER', 'Booked^Booked^HL70278',
                                        '20300313101500', '20300313104500')
# 22 SIU^S12: a second clerk books the same visit again (duplicate, its own numbers)
M['22-siu-s12-grace-duplicate-booking'] = gt_siu('20300311090205-0400', 'TLS6119004', 'S12', GT_Z,
                                                 'NEWAPPT^New appointment^TLUC-ER', 'Booked^Booked^HL70278',
                                                 '20300313101500', '20300313104500')
# 23 SIU^S17: the duplicate deleted (entered in error)
M['23-siu-s17-grace-duplicate-deleted'] = gt_siu('20300311091015-0400', 'TLS6119005', 'S17', GT_Z,
                                                 'DUPL^Duplicate booking^TLUC-ER', 'Deleted^Deleted^HL70278',
                                                 '20300313101500', '20300313104500')
# 24 SIU^S15: the patient calls to cancel the remaining appointment
M['24-siu-s15-grace-cancelled'] = gt_siu('20300312163018-0400', 'TLS6119006', 'S15', GT_Y,
                                         'PATCAN^Patient cancelled^TLUC-ER', 'Cancelled^Cancelled^HL70278',
                                         '20300313101500', '20300313104500')

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages written to', OUT)
