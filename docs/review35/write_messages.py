#!/usr/bin/env python3
r"""Review 35's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read: one
day (and night) of inpatient ADT movement at a hospital in Australia/Adelaide, a positive half-hour zone with
southern-hemisphere daylight saving: ACDT +1030 until Sunday 4 April 2027 03:00, then ACST +0930 (02:00-02:59
happens twice). Onkaparinga Ridge Hospital (ORH):
- PAS "BLUEGUM" on v2.5.1: MSH-7 with its offset, EVN/PV1/PV2 times WITHOUT offset (MSH-7's offset decides);
  A05 pre-admit (PV2-8/9, ROL, PR1, AL1, DG1, GT1, IN1), A14 pending admit (OBX height/weight, AL1), A27, A44,
  A38, A21/A22 leave of absence (PV2-47), A03 and A13, A23 delete visit;
- bed board "WATTLE" on v2.6: A15 pending transfer, A26, A02, A12, A17 swap beds (offsets on MSH-7 only);
- patient tracking "MAGPIE" on v2.8: A09/A10/A32 (every time with its offset; EVN-1 withdrawn);
- EMR "MALLEE" on v2.7: A06 class change (MRG-5 prior visit), A16 pending discharge, A25;
- LIS "CORELLA" on v2.5.1: ORU^R01 with NO offset anywhere (not even MSH-7: the channel zone decides);
- RIS "PELICAN" on v2.6: ORU^R01 chest X-ray report on the ED visit.
Patients and numbers (...35...) none of reviews 16-34's. Fields placed by number. All persons, numbers and
addresses are invented. Writes docs/review35/messages/NN-name.hl7 (CR separators), numbered in feed order by the
instant (MSH-7 with its offset): #17 (02:40+1030) comes before #18 (02:22+0930). Run from the worktree root:
python3 docs/review35/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review35/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, to=('HIG', 'SAHN'), extra=None):
    f = {3: app, 4: 'ORH', 5: to[0], 6: to[1], 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


def evn(code, t, occurred=''):
    return seg('EVN', {1: code, 2: t, 6: occurred or t})


# doctors: AHPRA registration numbers
SURG = 'MED0003500101^LINDQVIST-ABARA^HELGA^^^DR^^^AHPRA'
PHYS = 'MED0003500118^PAPADOPOULOS-REID^CALLUM^^^DR^^^AHPRA'
EDDR = 'MED0003500125^OKONKWO-HARTLEY^SIOBHAN^^^DR^^^AHPRA'
GERI = 'MED0003500132^VANDERMEER-TAUFA^JONAH^^^DR^^^AHPRA'
RAD = 'MED0003500149^ESTERHUIZEN-MOK^PRIYA^^^DR^^^AHPRA'
GP = 'MED0003500156^FITZGIBBON-ALI^MAEVE^^^DR^^^AHPRA'
M = {}

# ---- patients ----
HAMISH = {1: '1', 3: 'OR3500011^^^ORH^MR~2953350011^^^AUSHIC^MC', 5: 'PRENDERGAST-ULUDAG^HAMISH^ROSS^^MR^^L',
          7: '19510714', 8: 'M', 11: '27 KINGFISHER RISE^^MORPHETT VALE^SA^5162^AUS^H', 13: '^PRN^PH^^61^8^83825501',
          18: 'ORA3500011^^^ORH^AN'}
HAMISH_DUP = {**HAMISH, **{3: 'OR3500990^^^ORH^MR'}}
WINIFRED = {1: '1', 3: 'OR3500028^^^ORH^MR~4163350028^^^AUSHIC^MC', 5: 'ACHTERBERG-MOANA^WINIFRED^JOY^^MRS^^L',
            7: '19380203', 8: 'F', 11: '4 SALTBUSH CT^^ALDINGA BEACH^SA^5173^AUS^H', 13: '^PRN^PH^^61^8^85565102',
            18: 'ORA3500028^^^ORH^AN'}
DESMOND = {1: '1', 3: 'OR3500035^^^ORH^MR~5273350035^^^AUSHIC^MC', 5: 'KALLIGEROS^DESMOND^PETER^^MR^^L',
           7: '19470918', 8: 'M', 11: '112 BEACH RD^^CHRISTIES BEACH^SA^5165^AUS^H', 13: '^PRN^PH^^61^8^83825503',
           18: 'ORA3500035^^^ORH^AN'}
ROSALIND = {1: '1', 3: 'OR3500042^^^ORH^MR~6383350042^^^AUSHIC^MC', 5: 'NAKAGAWA-FERRIER^ROSALIND^ANNE^^MS^^L',
            7: '19600527', 8: 'F', 11: '9 CORMORANT WAY^^SEAFORD^SA^5169^AUS^H', 13: '^PRN^CP^^61^4^12355504',
            18: 'ORA3500042^^^ORH^AN'}
TOBIAS = {1: '1', 3: 'OR3500059^^^ORH^MR~7493350059^^^AUSHIC^MC', 5: 'OYELARAN-BRISK^TOBIAS^^^MR^^L',
          7: '19830111', 8: 'M', 11: '61 QUANDONG ST^^HACKHAM^SA^5163^AUS^H', 13: '^PRN^CP^^61^4^12355505',
          18: 'ORA3500059^^^ORH^AN'}
NGAIRE = {1: '1', 3: 'OR3500066^^^ORH^MR~8503350066^^^AUSHIC^MC', 5: 'VOSTRIKOVA-HALE^NGAIRE^^^MRS^^L',
          7: '19420830', 8: 'F', 11: '3 MALLEE GR^^NOARLUNGA CENTRE^SA^5168^AUS^H', 13: '^PRN^PH^^61^8^83825506',
          18: 'ORA3500066^^^ORH^AN'}

# locations: point of care ^ room ^ bed ^ facility ^^ type ^ building ^ floor
def loc(ward, room, bed):
    return f'{ward}^{room}^{bed}^ORH^^N^MAIN'


W5_12B = loc('5WEST', '12', 'B')
W5_14A = loc('5WEST', '14', 'A')
E4_03A = loc('4EAST', '03', 'A')
ICU_2 = loc('ICU', '02', '1')
EDA = 'ED^ACUTE^A7^ORH^^N^MAIN'
W3_06 = loc('3NORTH', '06', 'C')
W6_01 = loc('6SURG', '01', 'A')
CT1 = 'RADCT^CT1^^ORH^^C^MAIN'


def pv1(cls, location, doc, visit, extra=None):
    f = {1: '1', 2: cls, 3: location, 4: 'E' if cls == 'I' else '', 7: doc, 10: 'MED', 19: visit}
    f.update(extra or {})
    return seg('PV1', f)


V_HAMISH = 'ORV3500011P^^^ORH^VN'
V_WIN_ED = 'ORV3500028E^^^ORH^VN'
V_WIN_IP = 'ORV3500028I^^^ORH^VN'
V_DES = 'ORV3500035^^^ORH^VN'
V_ROS = 'ORV3500042^^^ORH^VN'
V_TOB_DAY = 'ORV3500059D^^^ORH^VN'
V_TOB = 'ORV3500059^^^ORH^VN'
V_NGA = 'ORV3500066^^^ORH^VN'

PV1_DES = {10: 'GEN', 14: '7', 44: '202704011930'}
PV1_ROS = {10: 'MED', 44: '202703302215'}
PV1_NGA = {10: 'GER', 44: '202704020910'}

IN1_HAMISH = seg('IN1', {1: '1', 2: 'MBF-TOP^Bupa Top Hospital Gold', 3: 'BUPA01^^^ORH^XX', 4: 'Bupa HI Pty Ltd',
                         8: 'GRP-SA-3501', 12: '20190101', 15: 'PHI', 16: 'PRENDERGAST-ULUDAG^HAMISH^ROSS',
                         17: 'SEL^Self^HL70063', 18: '19510714', 36: 'BU35001177'})
GT1_HAMISH = seg('GT1', {1: '1', 2: 'G3500011', 3: 'PRENDERGAST-ULUDAG^HAMISH^ROSS', 5: HAMISH[11], 6: HAMISH[13],
                         11: 'SEL^Self^HL70063'})
IN1_WIN = seg('IN1', {1: '1', 2: 'DVA-GOLD^DVA Gold Card', 3: 'DVA01^^^ORH^XX', 4: 'Department of Veterans\' Affairs',
                      12: '19950401', 15: 'DVA', 16: 'ACHTERBERG-MOANA^WINIFRED^JOY', 17: 'SEL^Self^HL70063',
                      18: '19380203', 36: 'SX350028W'})
GT1_WIN = seg('GT1', {1: '1', 2: 'G3500028', 3: 'ACHTERBERG-MOANA^LEONIE^KAY', 5: '19 BANKSIA AVE^^HALLETT COVE^SA^5158^AUS^H',
                      6: '^PRN^CP^^61^4^12355510', 11: 'CHD^Child^HL70063'})

# ---- Saturday 3 April 2027, ACDT +1030 ----
M['01-adt-a05-preadmit-duplicate-mrn'] = [
    msh('BLUEGUM', '202704030840+1030', 'BG3500001', 'ADT^A05^ADT_A05', '2.5.1'),
    evn('A05', '202704030838'),
    seg('PID', HAMISH_DUP),
    seg('ROL', {1: '1', 2: 'AD', 3: 'PP^Primary Care Provider^HL70443', 4: GP}),
    pv1('P', W6_01, SURG, V_HAMISH, {4: 'C', 10: 'ORT', 14: '1'}),
    seg('PV2', {3: 'M16.1^Unilateral primary osteoarthritis of hip^I10AM', 8: '202704050700', 9: '202704080900',
                12: 'Elective left total hip replacement'}),
    seg('ROL', {1: '2', 2: 'AD', 3: 'AT^Attending^HL70443', 4: SURG, 5: '202704050700'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '294505008^Amoxicillin allergy^SCT', 4: 'MO^Moderate^HL70128',
                5: 'Urticaria', 6: '20110315'}),
    seg('DG1', {1: '1', 3: 'M16.1^Unilateral primary osteoarthritis of hip^I10AM', 6: 'A'}),
    seg('PR1', {1: '1', 3: '49518-00^Total arthroplasty of hip, unilateral^ACHI', 5: '202704050830', 6: 'A',
                11: SURG}),
    GT1_HAMISH, IN1_HAMISH,
]
M['02-adt-a14-pending-admit-from-ed'] = [
    msh('BLUEGUM', '202704030955+1030', 'BG3500002', 'ADT^A14^ADT_A05', '2.5.1'),
    evn('A14', '202704030953'),
    seg('PID', WINIFRED),
    pv1('I', EDA, EDDR, V_WIN_IP, {4: 'E', 10: 'GER', 14: '7', 42: W3_06}),
    seg('PV2', {3: 'R55^Syncope and collapse^I10AM', 8: '202704031300'}),
    seg('ROL', {1: '1', 2: 'AD', 3: 'AT^Attending^HL70443', 4: GERI}),
    seg('OBX', {1: '1', 2: 'NM', 3: '8302-2^Body height^LN', 5: '158', 6: 'cm^centimeter^UCUM', 11: 'F', 14: '202704030940'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '51.4', 6: 'kg^kilogram^UCUM', 11: 'F', 14: '202704030940'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '91936005^Allergy to penicillin^SCT', 4: 'SV^Severe^HL70128',
                5: 'Anaphylaxis', 6: '19870610'}),
    seg('AL1', {1: '2', 2: 'FA^Food allergy^HL70127', 3: '91935009^Allergy to peanut^SCT', 4: 'MI^Mild^HL70128',
                5: 'Lip swelling'}),
    GT1_WIN, IN1_WIN,
]
M['04-adt-a06-day-surgery-to-inpatient'] = [
    msh('MALLEE', '202704031320+1030', 'ML3500003', 'ADT^A06^ADT_A06', '2.7'),
    seg('EVN', {2: '202704031318+1030', 4: 'O', 6: '202704031315+1030'}),
    seg('PID', TOBIAS),
    seg('MRG', {1: 'OR3500059^^^ORH^MR', 5: V_TOB_DAY}),
    pv1('I', W3_06.replace('^06^C', '^07^A'), SURG, V_TOB, {4: 'E', 10: 'ORT', 14: '1', 44: '202704031315+1030'}),
    seg('PV2', {3: 'E87.6^Hypokalaemia^I10AM', 9: '202704041100+0930'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '293963004^Allergy to cephalosporin^SCT', 4: 'MO^Moderate^HL70128',
                5: 'Rash', 6: '20270403'}),
]
M['03-adt-a27-cancel-pending-admit'] = [
    msh('BLUEGUM', '202704031310+1030', 'BG3500004', 'ADT^A27^ADT_A21', '2.5.1'),
    evn('A27', '202704031308'),
    seg('PID', WINIFRED),
    pv1('I', EDA, EDDR, V_WIN_IP, {4: 'E', 10: 'GER'}),
]
M['05-oru-r01-chest-xray-ed-visit'] = [
    msh('PELICAN', '202704031340+1030', 'PL3500005', 'ORU^R01^ORU_R01', '2.6'),
    seg('PID', WINIFRED),
    seg('PV1', {1: '1', 2: 'E', 3: EDA, 7: EDDR, 19: V_WIN_ED}),
    seg('ORC', {1: 'RE', 2: 'ED35-0005^MALLEE', 3: 'RX27-350005^PELICAN', 5: 'CM', 12: EDDR}),
    seg('OBR', {1: '1', 2: 'ED35-0005^MALLEE', 3: 'RX27-350005^PELICAN', 4: '36643-5^XR Chest 2 Views^LN',
                7: '202704031105+1030', 16: EDDR, 22: '202704031336+1030', 24: 'RAD', 25: 'F',
                32: 'MED0003500149&ESTERHUIZEN-MOK&PRIYA&&&DR&&&AHPRA'}),
    seg('OBX', {1: '1', 2: 'FT', 3: '18782-3^Radiology Study observation (narrative)^LN', 5:
                'Heart size normal. No consolidation, effusion or pneumothorax.\\.br\\No acute rib fracture.', 11: 'F',
                14: '202704031105+1030'}),
    seg('OBX', {1: '2', 2: 'FT', 3: '19005-8^Radiology Imaging study [Impression] (narrative)^LN', 5:
                'No acute cardiopulmonary abnormality.', 11: 'F', 14: '202704031105+1030'}),
]
M['06-adt-a15-pending-transfer-icu'] = [
    msh('WATTLE', '202704031425+1030', 'WT3500006', 'ADT^A15^ADT_A15', '2.6'),
    evn('A15', '202704031424'),
    seg('PID', DESMOND),
    pv1('I', W5_12B, PHYS, V_DES, {**PV1_DES, **{42: ICU_2}}),
    seg('PV2', {3: 'J18.9^Pneumonia, unspecified^I10AM'}),
]
M['07-adt-a44-move-account'] = [
    msh('BLUEGUM', '202704031505+1030', 'BG3500007', 'ADT^A44^ADT_A43', '2.5.1'),
    evn('A44', '202704031503'),
    seg('PID', HAMISH),
    seg('MRG', {1: 'OR3500990^^^ORH^MR', 3: 'ORA3500011^^^ORH^AN'}),
]
M['08-adt-a38-cancel-preadmit'] = [
    msh('BLUEGUM', '202704031530+1030', 'BG3500008', 'ADT^A38^ADT_A38', '2.5.1'),
    evn('A38', '202704031528'),
    seg('PID', HAMISH),
    pv1('P', W6_01, SURG, V_HAMISH, {4: 'C', 10: 'ORT'}),
]
M['09-adt-a26-cancel-pending-transfer'] = [
    msh('WATTLE', '202704031600+1030', 'WT3500009', 'ADT^A26^ADT_A21', '2.6'),
    evn('A26', '202704031559'),
    seg('PID', DESMOND),
    pv1('I', W5_12B, PHYS, V_DES, PV1_DES),
]
M['10-oru-r01-electrolytes-no-offset'] = [
    msh('CORELLA', '20270403164512', 'CO3500010', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: W3_06.replace('^06^C', '^07^A'), 7: SURG, 19: V_TOB}),
    seg('ORC', {1: 'RE', 2: 'ML35-0010^MALLEE', 3: 'CL27-350010^CORELLA', 5: 'CM', 12: SURG}),
    seg('OBR', {1: '1', 2: 'ML35-0010^MALLEE', 3: 'CL27-350010^CORELLA', 4: '24320-4^Basic metabolic panel^LN',
                7: '202704031520', 14: '202704031531', 16: SURG, 22: '202704031644', 24: 'CH', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', 5: '3.1',
                6: 'mmol/L^millimole per liter^UCUM', 7: '3.5-5.2', 8: 'L', 11: 'F', 14: '202704031520', 19: '202704031638'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '19123-9^Magnesium [Mass/volume] in Serum or Plasma^LN', 5: '0.62',
                6: 'mmol/L^millimole per liter^UCUM', 7: '0.70-1.10', 8: 'L', 11: 'F', 14: '202704031520', 19: '202704031638'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN', 5: '88',
                6: 'umol/L^micromole per liter^UCUM', 7: '60-110', 11: 'F', 14: '202704031520', 19: '202704031638'}),
    seg('SPM', {1: '1', 2: '^CL27-350010-S1&CORELLA', 4: 'SER^Serum^HL70487', 17: '202704031520', 18: '202704031531'}),
]
M['11-adt-a21-leave-of-absence'] = [
    msh('BLUEGUM', '202704031720+1030', 'BG3500011', 'ADT^A21^ADT_A21', '2.5.1'),
    evn('A21', '202704031718'),
    seg('PID', ROSALIND),
    pv1('I', W5_14A.replace('^14^A', '^16^B'), PHYS, V_ROS, PV1_ROS),
    seg('PV2', {47: '202704040230'}),
]
M['12-adt-a02-transfer'] = [
    msh('WATTLE', '202704031905+1030', 'WT3500012', 'ADT^A02^ADT_A02', '2.6'),
    evn('A02', '202704031904', '202704031900'),
    seg('PID', DESMOND),
    pv1('I', E4_03A, PHYS, V_DES, {**PV1_DES, **{6: W5_12B}}),
]
M['13-adt-a09-departing-to-ct'] = [
    msh('MAGPIE', '202704032010+1030', 'MG3500013', 'ADT^A09^ADT_A09', '2.8'),
    seg('EVN', {2: '202704032010+1030', 6: '202704032008+1030'}),
    seg('PID', NGAIRE),
    pv1('I', W5_14A, GERI, V_NGA, {**PV1_NGA, **{44: '202704020910+1030', 42: CT1}}),
]
M['14-adt-a10-arriving-at-ct'] = [
    msh('MAGPIE', '202704032025+1030', 'MG3500014', 'ADT^A10^ADT_A09', '2.8'),
    seg('EVN', {2: '202704032025+1030', 6: '202704032024+1030'}),
    seg('PID', NGAIRE),
    pv1('I', W5_14A, GERI, V_NGA, {**PV1_NGA, **{44: '202704020910+1030', 11: CT1}}),
]
M['15-adt-a32-cancel-arriving'] = [
    msh('MAGPIE', '202704032034+1030', 'MG3500015', 'ADT^A32^ADT_A21', '2.8'),
    seg('EVN', {2: '202704032034+1030', 6: '202704032024+1030'}),
    seg('PID', NGAIRE),
    pv1('I', W5_14A, GERI, V_NGA, {**PV1_NGA, **{44: '202704020910+1030', 43: CT1}}),
]
M['16-adt-a12-cancel-transfer'] = [
    msh('WATTLE', '202704032100+1030', 'WT3500016', 'ADT^A12^ADT_A12', '2.6'),
    evn('A12', '202704032059', '202704031900'),
    seg('PID', DESMOND),
    pv1('I', W5_12B, PHYS, V_DES, {**PV1_DES, **{6: E4_03A}}),
]
# ---- Sunday 4 April 2027: 03:00 ACDT becomes 02:00 ACST; 02:00-02:59 happens at +1030, then at +0930 ----
M['17-adt-a17-swap-beds-first-pass'] = [
    msh('WATTLE', '202704040240+1030', 'WT3500017', 'ADT^A17^ADT_A17', '2.6'),
    evn('A17', '202704040238'),
    seg('PID', DESMOND),
    pv1('I', W5_14A, PHYS, V_DES, {**PV1_DES, **{6: W5_12B}}),
    seg('PID', NGAIRE),
    pv1('I', W5_12B, GERI, V_NGA, {**PV1_NGA, **{6: W5_14A}}),
]
M['18-adt-a22-return-second-pass'] = [
    msh('BLUEGUM', '202704040222+0930', 'BG3500018', 'ADT^A22^ADT_A21', '2.5.1'),
    evn('A22', '202704040220'),
    seg('PID', ROSALIND),
    pv1('I', W5_14A.replace('^14^A', '^16^B'), PHYS, V_ROS, PV1_ROS),
]
M['19-oru-r01-repeat-potassium-no-offset'] = [
    msh('CORELLA', '20270404064003', 'CO3500019', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: W3_06.replace('^06^C', '^07^A'), 7: SURG, 19: V_TOB}),
    seg('ORC', {1: 'RE', 2: 'ML35-0019^MALLEE', 3: 'CL27-350019^CORELLA', 5: 'CM', 12: SURG}),
    seg('OBR', {1: '1', 2: 'ML35-0019^MALLEE', 3: 'CL27-350019^CORELLA', 4: '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN',
                7: '202704040600', 14: '202704040611', 16: SURG, 22: '202704040638', 24: 'CH', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', 5: '3.3',
                6: 'mmol/L^millimole per liter^UCUM', 7: '3.5-5.2', 8: 'L', 11: 'F', 14: '202704040600', 19: '202704040635'}),
    seg('SPM', {1: '1', 2: '^CL27-350019-S1&CORELLA', 4: 'SER^Serum^HL70487', 17: '202704040600', 18: '202704040611'}),
]
M['20-adt-a16-pending-discharge'] = [
    msh('MALLEE', '202704040745+0930', 'ML3500020', 'ADT^A16^ADT_A16', '2.7'),
    seg('EVN', {2: '202704040745+0930', 6: '202704040740+0930'}),
    seg('PID', TOBIAS),
    pv1('I', W3_06.replace('^06^C', '^07^A'), SURG, V_TOB, {4: 'E', 10: 'ORT', 14: '1', 44: '202704031315+1030',
                                                             36: '01^Discharged to home^HL70112'}),
    seg('PV2', {9: '202704041100+0930'}),
]
M['21-adt-a25-cancel-pending-discharge'] = [
    msh('MALLEE', '202704040905+0930', 'ML3500021', 'ADT^A25^ADT_A21', '2.7'),
    seg('EVN', {2: '202704040905+0930', 6: '202704040900+0930'}),
    seg('PID', TOBIAS),
    pv1('I', W3_06.replace('^06^C', '^07^A'), SURG, V_TOB, {4: 'E', 10: 'ORT', 14: '1', 44: '202704031315+1030'}),
]
M['22-adt-a03-discharge'] = [
    msh('BLUEGUM', '202704041015+0930', 'BG3500022', 'ADT^A03^ADT_A03', '2.5.1'),
    evn('A03', '202704041013', '202704041000'),
    seg('PID', ROSALIND),
    pv1('I', W5_14A.replace('^14^A', '^16^B'), PHYS, V_ROS, {**PV1_ROS, **{36: '01^Discharged to home^HL70112',
                                                                           45: '202704041000'}}),
]
M['23-adt-a13-cancel-discharge'] = [
    msh('BLUEGUM', '202704041050+0930', 'BG3500023', 'ADT^A13^ADT_A01', '2.5.1'),
    evn('A13', '202704041048', '202704041000'),
    seg('PID', ROSALIND),
    pv1('I', W5_14A.replace('^14^A', '^16^B'), PHYS, V_ROS, PV1_ROS),
]
M['24-adt-a23-delete-cancelled-visit'] = [
    msh('BLUEGUM', '202704041120+0930', 'BG3500024', 'ADT^A23^ADT_A21', '2.5.1'),
    evn('A23', '202704041118'),
    seg('PID', WINIFRED),
    pv1('I', EDA, EDDR, V_WIN_IP, {4: 'E', 10: 'GER'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
