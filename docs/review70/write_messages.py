#!/usr/bin/env python3
r"""Review 70's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a US level-I trauma center's emergency department on ONE America/Phoenix channel (Arizona keeps no daylight
saving: -07:00 all year, July 2034 here, when Denver's rule would say -06:00). Desert Vista Trauma Center (DVTC),
Phoenix, invented.
- Registration "DVTCADT" (ADT v2.5.1; MSH-7 with -0700, inner times bare): A04 ED arrival of a known patient; an
  unidentified trauma patient registered as "TRAUMA, ZULU" under a temporary MRN (T…) with an estimated birth year,
  an A08 giving the real name and birth date on the temporary record, then an A40 merging the temporary MRN (MRG-1)
  into the patient's existing MRN (PID-3); A06 ED -> inpatient (one with a new visit number and MRG-5 the ED visit, one
  keeping the ED visit number); A01; A17 bed swap of two inpatients; an A01 entered in error on the wrong patient and
  its A11; A03 discharge from the ED; an A08 with Medicare + AHCCCS (Arizona Medicaid) IN1s.
- Order entry "DVTCOE" (ORM^O01 v2.3, ORC-7 / OBR-27 timing with priority S, OBR-5 S): STAT CT and labs, a timed
  troponin series, and one order discontinued by ORC-1 DC with ORC-16.
- Laboratory "DVTCLAB" (ORU^R01 v2.5.1, every time bare): critical values (OBX-8 HH / LL) with an NTE after the OBX
  "called to Dr X at hh:mm, read back"; a high-sensitivity troponin T series 0 h / 2 h / 6 h (one order per draw);
  a repeat hemoglobin the LIS still sends under the temporary MRN after the merge.
- Radiology "DVTCRAD" (ORU^R01 v2.5.1): CT head preliminary (OBR-25 P, resident) then final (OBR-25 F, attending),
  the final sent under the real MRN after the merge.
All persons, numbers and addresses are invented. Run from the worktree root (convert with --timezone America/Phoenix):
    python3 docs/review70/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review70/messages')


def npi(stem):
    """NPI: 9 digits + Luhn check digit over the prefix 80840 (CMS rule)."""
    digits = '80840' + stem
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return stem + str((10 - total % 10) % 10)


def seg(name, fields):
    n = max(i for i, v in fields.items() if v)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, version):
    return seg('MSH', {3: app, 4: 'DVTC', 5: 'HIG', 6: 'DVTC', 7: t, 9: typ, 10: ctl, 11: 'P', 12: version,
                       15: 'AL' if version != '2.3' else '', 16: 'NE' if version != '2.3' else ''})


def evn(code, t, op=''):
    return seg('EVN', {1: code, 2: t, 5: op, 6: t})


# ---- providers (NPI, type NPI) ----
DR_ED = f"{npi('170482935')}^OKAFOR^CHINEDU^A^^^MD^^NPI^L^^^NPI"
DR_ED2 = f"{npi('170593164')}^NAKAMURA^ERIN^^^^DO^^NPI^L^^^NPI"
DR_TRS = f"{npi('170617302')}^VANDERMEER^PIETER^^^^MD^^NPI^L^^^NPI"
DR_CARD = f"{npi('170728849')}^ACHTERBERG^LILLIAN^^^^MD^^NPI^L^^^NPI"
DR_HOSP = f"{npi('170834471')}^SANDOVAL^MATEO^^^^MD^^NPI^L^^^NPI"
DR_RES = f"{npi('170946012')}^LINDQVIST^ANNIKA^^^^MD^^NPI^L^^^NPI"
DR_RAD = f"{npi('170151797')}^OYELARAN^TEMITOPE^^^^MD^^NPI^L^^^NPI"
MLS = '70331^YAZZIE^MARLENE^^^^MLS^^DVTCLAB'
FAC = 'Desert Vista Trauma Center^L^^^^DVTC&&L^XX^^^DVTC'

# ---- patients ----
ALV = dict(ids='DV7001153^^^DVTC^MR', name='ALVAREZ^RAMON^ESTEBAN^^^^L', dob='19610927', sex='M',
           addr='4418 W Sierra Vista Dr^^Glendale^AZ^85301^USA^H', tel='^PRN^PH^^1^623^5550147', race='2106-3^White^CDCREC',
           eth='2135-2^Hispanic or Latino^CDCREC', lang='spa^Spanish^ISO639', acct='A70115301^^^DVTC^AN')
KAY = dict(ids='DV7001188^^^DVTC^MR', name='KAYE^DOROTHY^MAE^^^^L', dob='19380214', sex='F',
           addr='1207 E Palo Verde Ln^^Tempe^AZ^85281^USA^H', tel='^PRN^PH^^1^480^5550182', acct='A70118801^^^DVTC^AN')
ZULU = dict(ids='T7009881^^^DVTC^MR', name='TRAUMA^ZULU', dob='1994', sex='M', acct='A70988101^^^DVTC^AN')
PET_TEMP = dict(ids='T7009881^^^DVTC^MR', name='PETERSEN^NOAH^JAKOB^^^^L', dob='19880312', sex='M',
                addr='2930 N 16th St Apt 214^^Phoenix^AZ^85016^USA^H', tel='^PRN^CP^^1^602^5550119',
                acct='A70988101^^^DVTC^AN')
PET = dict(PET_TEMP, ids='DV7001161^^^DVTC^MR')  # the ED visit's account moves with him
BEG = dict(ids='DV7001196^^^DVTC^MR', name='BEGAY^LORETTA^ANN^^^^L', dob='19790605', sex='F',
           addr='611 S Mesa Dr^^Mesa^AZ^85210^USA^H', tel='^PRN^CP^^1^480^5550163',
           race='1002-5^American Indian or Alaska Native^CDCREC', acct='A70119601^^^DVTC^AN')


def pid(p, ids=None):
    return seg('PID', {1: '1', 3: ids or p['ids'], 5: p['name'], 7: p['dob'], 8: p['sex'], 10: p.get('race', ''),
                       11: p.get('addr', ''), 13: p.get('tel', ''), 15: p.get('lang', ''), 18: p.get('acct', ''),
                       22: p.get('eth', '')})


def pid_lab(p, ids=None):
    """The LIS's / RIS's PID: number(s), name, birth date, sex (no address or phone)."""
    return seg('PID', {1: '1', 3: ids or p['ids'], 5: p['name'], 7: p['dob'], 8: p['sex']})


def pv1(cls, loc, visit, t_adm='', extra=None, attending=DR_ED, service='EM^Emergency Medicine^DVTCSVC'):
    f = {1: '1', 2: cls, 3: loc, 7: attending, 10: service, 19: f'{visit}^^^DVTC^VN', 44: t_adm}
    f.update(extra or {})
    return seg('PV1', f)


ED_R14 = 'ED^R14^01^DVTC^^^^^Emergency Department Room 14'
ED_TB2 = 'ED^TB2^01^DVTC^^^^^Emergency Department Trauma Bay 2'
ED_R09 = 'ED^R09^01^DVTC^^^^^Emergency Department Room 9'
TICU = 'TICU^T06^01^DVTC^^^^^Trauma ICU'
W412A = '4W^412^A^DVTC^^^^^4 West Cardiac Telemetry'
W414B = '4W^414^B^DVTC^^^^^4 West Cardiac Telemetry'
N508A = '5N^508^A^DVTC^^^^^5 North Medical'


# ---- ORM^O01 v2.3 ----
def orm_order(ctl, placer, code, t, prio='S', start='', extra=None, orderer=DR_ED, obr_extra=None, i=1):
    tq = f"1^ONCE^^{start or t}^^{prio}"
    o = {1: ctl, 2: f'{placer}^DVTCOE', 5: '', 7: tq, 9: t, 10: '70214^RUIZ^TERESA^^^^RN', 12: orderer, 21: FAC}
    o.update(extra or {})
    b = {1: str(i), 2: f'{placer}^DVTCOE', 4: code, 5: prio, 6: start or t, 16: orderer, 27: tq}
    b.update(obr_extra or {})
    return [seg('ORC', o), seg('OBR', b)]


TROP = 'TNTHS^Troponin T high sensitivity^DVTCLAB^67151-1^Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN'
BMP = 'BMP^Basic metabolic panel^DVTCLAB^51990-0^Basic metabolic panel - Blood^LN'
CBC = 'CBC^CBC without differential^DVTCLAB^58410-2^CBC panel - Blood by Automated count^LN'
TCHEM = 'TRCH^Trauma chemistry (lactate, BMP, INR)^DVTCLAB'
HH = 'HH^Hemoglobin and hematocrit^DVTCLAB^24360-0^Hemoglobin and Hematocrit panel - Blood^LN'
CTHEAD = 'CTHDWO^CT head without contrast^DVTCRAD^30799-1^CT Head WO contrast^LN'
CTCSP = 'CTCSWO^CT cervical spine without contrast^DVTCRAD'


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t, 16: MLS}
    f.update(extra or {})
    return seg('OBX', f)


def lab_orc_obr(placer, filler, code, t_coll, t_res, status, orderer, obr25='F', i=1):
    return [seg('ORC', {1: 'RE', 2: f'{placer}^DVTCOE', 3: f'{filler}^DVTCLAB', 5: status, 9: t_res, 12: orderer}),
            seg('OBR', {1: str(i), 2: f'{placer}^DVTCOE', 3: f'{filler}^DVTCLAB', 4: code, 7: t_coll, 16: orderer,
                        22: t_res, 24: 'LAB', 25: obr25})]


def critical_note(dr, hhmm):
    return seg('NTE', {1: '1', 2: 'L', 3: f'CRITICAL VALUE called to Dr. {dr} at {hhmm} by M. YAZZIE MLS; read back confirmed.'})


TNT = '67151-1^Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN'
UNIT_NGL = 'ng/L^ng/L^UCUM'
MMOL = 'mmol/L^mmol/L^UCUM'

M = {}
# ============ P1 ALVAREZ (known MRN): ED chest pain, hs-troponin series, A06 same visit number, IN1, A17 ============
V_ALV = 'E70115301'
M['01-adt-a04-alvarez-ed-arrival'] = [
    msh('DVTCADT', '20340714224105-0700', 'ADT700001', 'ADT^A04^ADT_A01', '2.5.1'), evn('A04', '20340714224000', 'REG0417'),
    pid(ALV), pv1('E', ED_R14, V_ALV, '20340714224000', {4: 'E^Emergency^HL70007', 14: '7^Emergency room^HL70023',
                                                         18: 'ED'}),
    seg('PV2', {3: '^Chest pain, onset 2 hours'}),
]
M['02-orm-o01-alvarez-troponin-series-bmp'] = [
    msh('DVTCOE', '20340714224412', 'OE700002', 'ORM^O01', '2.3'), pid_lab(ALV), pv1('E', ED_R14, V_ALV),
    *orm_order('NW', 'OE7011531', TROP, '20340714224400', obr_extra={13: '0 h draw'}),
    *orm_order('NW', 'OE7011532', TROP, '20340714224400', prio='T', start='20340715004500', obr_extra={13: '2 h draw'}, i=2),
    *orm_order('NW', 'OE7011533', TROP, '20340714224400', prio='T', start='20340715044500', obr_extra={13: '6 h draw'}, i=3),
    *orm_order('NW', 'OE7011534', BMP, '20340714224400', i=4),
]
M['03-oru-r01-alvarez-troponin-0h-bmp'] = [
    msh('DVTCLAB', '20340714233104', 'LAB700003', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(ALV), pv1('E', ED_R14, V_ALV),
    *lab_orc_obr('OE7011531', 'LB7071401', TROP, '20340714225200', '20340714233000', 'CM', DR_ED),
    obx(1, 'NM', TNT, '9', UNIT_NGL, '<=14', 'N', 'F', '20340714232500'),
    *lab_orc_obr('OE7011534', 'LB7071402', BMP, '20340714225200', '20340714233000', 'CM', DR_ED, i=2),
    obx(1, 'NM', '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', '138', MMOL, '136-145', 'N', 'F', '20340714232000'),
    obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '3.2', MMOL, '3.5-5.1', 'L', 'F', '20340714232000'),
    obx(3, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '1.12', 'mg/dL^mg/dL^UCUM', '0.70-1.30', 'N', 'F', '20340714232000'),
    obx(4, 'NM', '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN', '131', 'mg/dL^mg/dL^UCUM', '70-99', 'H', 'F', '20340714232000'),
]

# ============ P4 KAYE: inpatient on 4 West (the other side of the A17) ============
V_KAY = 'I70118801'
M['04-adt-a01-kaye-admit-4west'] = [
    msh('DVTCADT', '20340714235012-0700', 'ADT700004', 'ADT^A01^ADT_A01', '2.5.1'), evn('A01', '20340714234500', 'REG0288'),
    pid(KAY), pv1('I', W414B, V_KAY, '20340714234500', {4: 'U^Urgent^HL70007', 14: '1^Physician referral^HL70023',
                                                          18: 'IP'}, attending=DR_HOSP, service='CAR^Cardiology^DVTCSVC'),
    seg('PV2', {3: '^Atrial fibrillation with rapid ventricular response'}),
]
M['05-oru-r01-alvarez-troponin-2h-critical'] = [
    msh('DVTCLAB', '20340715010431', 'LAB700005', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(ALV), pv1('E', ED_R14, V_ALV),
    *lab_orc_obr('OE7011532', 'LB7071501', TROP, '20340715004800', '20340715010400', 'CM', DR_ED),
    obx(1, 'NM', TNT, '61', UNIT_NGL, '<=14', 'HH', 'F', '20340715005900'),
    critical_note('E. NAKAMURA', '01:02'),
]

# ============ P2 TRAUMA, ZULU -> PETERSEN, NOAH JAKOB (temporary MRN T7009881 merged into DV7001161) ============
V_ZULU = 'E70988101'
V_PET_IP = 'I70116102'
M['06-adt-a04-trauma-zulu-alias-arrival'] = [
    msh('DVTCADT', '20340715025833-0700', 'ADT700006', 'ADT^A04^ADT_A01', '2.5.1'), evn('A04', '20340715025500', 'REG0417'),
    pid(ZULU), pv1('E', ED_TB2, V_ZULU, '20340715025500', {4: 'E^Emergency^HL70007', 14: '7^Emergency room^HL70023',
                                                             18: 'ED'}, attending=DR_ED),
    seg('PV2', {3: '^Motorcycle collision, level 1 trauma activation'}),
]
M['07-orm-o01-zulu-stat-ct-labs'] = [
    msh('DVTCOE', '20340715030118', 'OE700007', 'ORM^O01', '2.3'), pid_lab(ZULU), pv1('E', ED_TB2, V_ZULU),
    *orm_order('NW', 'OE7098811', CTHEAD, '20340715030000', obr_extra={13: 'GCS 11, helmetless motorcycle collision'}),
    *orm_order('NW', 'OE7098812', CTCSP, '20340715030000', i=2),
    *orm_order('NW', 'OE7098813', CBC, '20340715030000', i=3),
    *orm_order('NW', 'OE7098814', TCHEM, '20340715030000', i=4),
]
M['08-oru-r01-zulu-trauma-labs-critical'] = [
    msh('DVTCLAB', '20340715032452', 'LAB700008', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(ZULU), pv1('E', ED_TB2, V_ZULU),
    *lab_orc_obr('OE7098813', 'LB7071502', CBC, '20340715030600', '20340715032400', 'CM', DR_ED),
    obx(1, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '14.1', '10*3/uL^K/uL^UCUM', '4.0-11.0', 'H', 'F', '20340715031800'),
    obx(2, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '6.4', 'g/dL^g/dL^UCUM', '13.5-17.5', 'LL', 'F', '20340715031800'),
    critical_note('C. OKAFOR', '03:22'),
    obx(3, 'NM', '4544-3^Hematocrit [Volume Fraction] of Blood by Automated count^LN', '19.8', '%^%^UCUM', '41.0-53.0', 'LL', 'F', '20340715031800'),
    obx(4, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', '142', '10*3/uL^K/uL^UCUM', '150-400', 'L', 'F', '20340715031800'),
    *lab_orc_obr('OE7098814', 'LB7071503', TCHEM, '20340715030600', '20340715032400', 'CM', DR_ED, i=2),
    obx(1, 'NM', '32693-4^Lactate [Moles/volume] in Blood^LN', '5.8', MMOL, '0.5-2.2', 'HH', 'F', '20340715031500'),
    critical_note('C. OKAFOR', '03:22'),
    obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '3.9', MMOL, '3.5-5.1', 'N', 'F', '20340715031500'),
    obx(3, 'NM', '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN', '212', 'mg/dL^mg/dL^UCUM', '70-99', 'H', 'F', '20340715031500'),
    obx(4, 'NM', '6301-6^INR in Platelet poor plasma by Coagulation assay^LN', '1.4', '{INR}^INR^UCUM', '0.9-1.1', 'H', 'F', '20340715031500'),
]
CT_ACC = 'CT70150036'


def ct_head(status, t_msh, ctl, p, ids, interpreter, lines, impression, extra_nte=None):
    obs = 'P' if status == 'P' else 'F'
    segs = [msh('DVTCRAD', t_msh, ctl, 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(p, ids), pv1('E', ED_TB2, V_ZULU),
            seg('ORC', {1: 'RE', 2: 'OE7098811^DVTCOE', 3: f'{CT_ACC}^DVTCRAD', 5: 'CM' if status == 'F' else 'IP',
                        12: DR_ED}),
            seg('OBR', {1: '1', 2: 'OE7098811^DVTCOE', 3: f'{CT_ACC}^DVTCRAD', 4: CTHEAD, 7: '20340715031100',
                        16: DR_ED, 22: t_msh[:14], 24: 'CT', 25: status, 32: interpreter})]
    for i, line in enumerate(lines, start=1):
        segs.append(obx(i, 'TX', '18782-3^Radiology Study observation (narrative)^LN', line, status=obs,
                        t='20340715031100', extra={16: interpreter}))
    segs.append(obx(len(lines) + 1, 'TX', '19005-8^Radiology Imaging study [Impression] (narrative)^LN', impression,
                    flag='AA', status=obs, t='20340715031100', extra={16: interpreter}))
    if extra_nte:
        segs.append(seg('NTE', {1: '1', 2: 'L', 3: extra_nte}))
    return segs


M['09-oru-r01-zulu-ct-head-preliminary'] = ct_head(
    'P', '20340715033640', 'RAD700009', ZULU, None, DR_RES,
    ['Preliminary resident interpretation.', 'Thin right convexity subdural hematoma, 4 mm. No midline shift.',
     'No calvarial fracture identified.'],
    'Small acute right subdural hematoma without mass effect.')
M['10-orm-o01-zulu-dc-ct-cspine'] = [
    msh('DVTCOE', '20340715034007', 'OE700010', 'ORM^O01', '2.3'), pid_lab(ZULU), pv1('E', ED_TB2, V_ZULU),
    *orm_order('DC', 'OE7098812', CTCSP, '20340715033900',
               extra={5: 'DC', 16: 'REFMT^Covered by CT chest/abdomen/pelvis cervical reformats^DVTCOE'}, i=1),
]
M['11-adt-a08-zulu-real-name-on-temp-mrn'] = [
    msh('DVTCADT', '20340715041522-0700', 'ADT700011', 'ADT^A08^ADT_A01', '2.5.1'), evn('A08', '20340715041500', 'REG0417'),
    pid(PET_TEMP), seg('NK1', {1: '1', 2: 'PETERSEN^HANNA^^^^^L', 3: 'SIS^Sister^HL70063', 5: '^PRN^CP^^1^602^5550126',
                               7: 'C^Emergency Contact^HL70131'}),
    pv1('E', ED_TB2, V_ZULU, '20340715025500', {18: 'ED'}),
]
M['12-adt-a40-merge-temp-into-existing-mrn'] = [
    msh('DVTCADT', '20340715043210-0700', 'ADT700012', 'ADT^A40^ADT_A39', '2.5.1'), evn('A40', '20340715043200', 'HIM0031'),
    pid(PET), seg('MRG', {1: 'T7009881^^^DVTC^MR'}),
]
M['13-oru-r01-zulu-repeat-hh-late-temp-mrn'] = [
    msh('DVTCLAB', '20340715051037', 'LAB700013', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(PET_TEMP), pv1('E', ED_TB2, V_ZULU),
    *lab_orc_obr('OE7098815', 'LB7071504', HH, '20340715045000', '20340715051000', 'CM', DR_TRS),
    obx(1, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '8.1', 'g/dL^g/dL^UCUM', '13.5-17.5', 'L', 'F', '20340715050400'),
    obx(2, 'NM', '4544-3^Hematocrit [Volume Fraction] of Blood by Automated count^LN', '24.6', '%^%^UCUM', '41.0-53.0', 'L', 'F', '20340715050400'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Post-transfusion (2 units PRBC).'}),
]
M['14-oru-r01-alvarez-troponin-6h-critical'] = [
    msh('DVTCLAB', '20340715052714', 'LAB700014', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(ALV), pv1('E', ED_R14, V_ALV),
    *lab_orc_obr('OE7011533', 'LB7071505', TROP, '20340715045000', '20340715052700', 'CM', DR_ED2),
    obx(1, 'NM', TNT, '142', UNIT_NGL, '<=14', 'HH', 'F', '20340715052200'),
    critical_note('E. NAKAMURA', '05:25'),
]
M['15-oru-r01-petersen-ct-head-final-real-mrn'] = ct_head(
    'F', '20340715064811', 'RAD700015', PET, None, DR_RAD,
    ['Acute right frontoparietal convexity subdural hematoma measuring 6 mm in maximal thickness.',
     '2 mm leftward midline shift. Basal cisterns patent.', 'No calvarial fracture. Final attending interpretation.'],
    'Acute right subdural hematoma, 6 mm, with 2 mm midline shift (increased from preliminary).',
    'Change from preliminary report discussed with Dr. P. VANDERMEER (trauma surgery) at 06:45; read back confirmed.')
M['16-adt-a06-petersen-ed-to-trauma-icu'] = [
    msh('DVTCADT', '20340715070522-0700', 'ADT700016', 'ADT^A06^ADT_A06', '2.5.1'), evn('A06', '20340715070000', 'REG0288'),
    pid(PET), seg('MRG', {1: 'DV7001161^^^DVTC^MR', 5: f'{V_ZULU}^^^DVTC^VN'}),
    pv1('I', TICU, V_PET_IP, '20340715070000', {4: 'E^Emergency^HL70007', 6: ED_TB2, 14: '7^Emergency room^HL70023',
                                                   18: 'IP'}, attending=DR_TRS, service='TRS^Trauma Surgery^DVTCSVC'),
]
M['17-adt-a06-alvarez-ed-to-telemetry-same-visit'] = [
    msh('DVTCADT', '20340715081031-0700', 'ADT700017', 'ADT^A06^ADT_A06', '2.5.1'), evn('A06', '20340715080800', 'REG0288'),
    pid(ALV), seg('MRG', {1: 'DV7001153^^^DVTC^MR', 5: f'{V_ALV}^^^DVTC^VN'}),
    pv1('I', W412A, V_ALV, '20340714224000', {4: 'E^Emergency^HL70007', 6: ED_R14, 18: 'IP'}, attending=DR_CARD,
        service='CAR^Cardiology^DVTCSVC'),
    seg('PV2', {3: '^NSTEMI'}),
]
M['18-adt-a08-alvarez-insurance-medicare-ahcccs'] = [
    msh('DVTCADT', '20340715090244-0700', 'ADT700018', 'ADT^A08^ADT_A01', '2.5.1'), evn('A08', '20340715090200', 'REG0512'),
    pid(ALV), pv1('I', W412A, V_ALV, '20340714224000', {18: 'IP'}, attending=DR_CARD, service='CAR^Cardiology^DVTCSVC'),
    seg('IN1', {1: '1', 2: 'MCRA^Medicare Part A^DVTCPLAN', 3: 'CMS01^^^DVTC', 4: 'Medicare Part A',
                5: '^^Baltimore^MD^21244^USA', 12: '20260901', 15: 'MA', 16: 'ALVAREZ^RAMON^ESTEBAN', 17: 'SEL^Self^HL70063',
                18: '19610927', 22: '1', 36: '7QK2RD4WM58'}),
    seg('IN1', {1: '2', 2: 'AHCCCS^AHCCCS Complete Care^DVTCPLAN', 3: 'AZAHC^^^DVTC', 4: 'Arizona Health Care Cost Containment System',
                5: '801 E Jefferson St^^Phoenix^AZ^85034^USA', 12: '20330101', 15: 'MC', 16: 'ALVAREZ^RAMON^ESTEBAN',
                17: 'SEL^Self^HL70063', 18: '19610927', 22: '2', 36: 'A70118853'}),
]
M['19-oru-r01-petersen-icu-labs-real-mrn'] = [
    msh('DVTCLAB', '20340715093012', 'LAB700019', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(PET),
    pv1('I', TICU, V_PET_IP, attending=DR_TRS, service='TRS^Trauma Surgery^DVTCSVC'),
    *lab_orc_obr('OE7098816', 'LB7071506', HH, '20340715090500', '20340715093000', 'CM', DR_TRS),
    obx(1, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '9.4', 'g/dL^g/dL^UCUM', '13.5-17.5', 'L', 'F', '20340715092000'),
    obx(2, 'NM', '4544-3^Hematocrit [Volume Fraction] of Blood by Automated count^LN', '28.3', '%^%^UCUM', '41.0-53.0', 'L', 'F', '20340715092000'),
    *lab_orc_obr('OE7098817', 'LB7071507', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '20340715090500',
                 '20340715093000', 'CM', DR_TRS, i=2),
    obx(1, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '2.7', MMOL, '3.5-5.1', 'LL', 'F', '20340715092000'),
    critical_note('P. VANDERMEER', '09:28'),
]
M['20-adt-a17-swap-alvarez-kaye'] = [
    msh('DVTCADT', '20340715112006-0700', 'ADT700020', 'ADT^A17^ADT_A17', '2.5.1'), evn('A17', '20340715111500', 'NUR4W01'),
    pid(ALV), pv1('I', W414B, V_ALV, '20340714224000', {6: W412A, 18: 'IP'}, attending=DR_CARD, service='CAR^Cardiology^DVTCSVC'),
    pid(KAY), pv1('I', W412A, V_KAY, '20340714234500', {6: W414B, 18: 'IP'}, attending=DR_HOSP, service='CAR^Cardiology^DVTCSVC'),
]

# ============ P5 BEGAY: ED visit; an admit entered on her in error (A01, new visit number) and cancelled (A11) ============
V_BEG = 'E70119601'
V_BEG_ERR = 'I70119602'
M['21-adt-a04-begay-ed-arrival'] = [
    msh('DVTCADT', '20340715120544-0700', 'ADT700021', 'ADT^A04^ADT_A01', '2.5.1'), evn('A04', '20340715120300', 'REG0417'),
    pid(BEG), pv1('E', ED_R09, V_BEG, '20340715120300', {4: 'E^Emergency^HL70007', 18: 'ED'}, attending=DR_ED2),
    seg('PV2', {3: '^Right ankle injury'}),
]
M['22-adt-a01-begay-admit-entered-in-error'] = [
    msh('DVTCADT', '20340715134011-0700', 'ADT700022', 'ADT^A01^ADT_A01', '2.5.1'), evn('A01', '20340715133800', 'REG0288'),
    pid(BEG, ids='DV7001196^^^DVTC^MR'), pv1('I', N508A, V_BEG_ERR, '20340715133800', {4: 'U^Urgent^HL70007', 18: 'IP'},
                                             attending=DR_HOSP, service='MED^Internal Medicine^DVTCSVC'),
]
M['23-adt-a11-begay-cancel-admit'] = [
    msh('DVTCADT', '20340715135209-0700', 'ADT700023', 'ADT^A11^ADT_A09', '2.5.1'), evn('A11', '20340715135000', 'REG0288'),
    pid(BEG), pv1('I', N508A, V_BEG_ERR, '20340715133800', {18: 'IP'}, attending=DR_HOSP,
                  service='MED^Internal Medicine^DVTCSVC'),
]
M['24-adt-a03-begay-ed-discharge'] = [
    msh('DVTCADT', '20340715151033-0700', 'ADT700024', 'ADT^A03^ADT_A03', '2.5.1'), evn('A03', '20340715150800', 'REG0417'),
    pid(BEG), pv1('E', ED_R09, V_BEG, '20340715120300', {18: 'ED', 36: '01^Discharged to home or self care^HL70112',
                                                          45: '20340715150800'}, attending=DR_ED2),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages written to', OUT)
