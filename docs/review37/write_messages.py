#!/usr/bin/env python3
r"""Review 37's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the five feeds of one emergency department on the night the clocks spring forward in America/Denver
(Sunday 14 March 2027: 02:00 MST -0700 becomes 03:00 MDT -0600; 02:00-02:59 never happens on a moved clock).
Cottonwood Mesa County Hospital (CMCH, Grand Junction CO):
- ED tracking board "TRAILHEAD" (ADT v2.5.1: MSH-7 with its offset, EVN-2 / PV1-44 / PV1-45 bare): A04 with PV2-3
  chief complaint text and PV2-25 acuity, A08, A06 emergency -> inpatient, A02 to a telemetry bed, A03 home, A11
  cancel of a registration in error, A40 merge of the unidentified trauma patient "DOE, JOHN" into his real MRN;
- CPOE "SUMMIT" (ORM^O01 v2.3, no offset anywhere, MSH-7 included: the channel zone decides; its clock is moved by
  a nightly job, so at 02:18 it still stamps MST clock times in the hour a moved clock skips): NW of several tests
  in one message, a CA of one test, an XO changing a CT head order into a CT head + cervical spine;
- LIS "ASPEN" (ORU^R01 v2.5.1, every time with its offset): serial hs-troponin I with a 0-2 h delta OBX, a basic
  metabolic panel with a critical potassium (OBX-8 HH, NTE documenting the call-back) and a lactate in one message,
  the corrected potassium (OBR-25 C, OBX-11 C, the other OBX repeated F), a urine drug screen with ST text values
  sent after the merge under the real MRN and the trauma visit number;
- pharmacy "JUNIPER-RX" (RDE^O11 / RAS^O17 v2.6: MSH-7 with offset, RXA-3 bare): two stat ED orders, one given
  (RXA-20 CP) and one held (RXA-20 NA with RXA-18 reason) in one RAS;
- EHR "CANYON" (MDM^T02 / T08 v2.7 ED provider note and its edit with TXA-13 parent; VXU^V04 v2.5.1 Tdap given in
  the ED, RXA-9 00, sent at the end of the shift).
Patients and numbers (CM37..., CMV37..., SUM37-, ASP37-, JRX37-, CNY37-) none of reviews 16-36's. Fields placed by
number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Denver, the channel's zone):
    python3 docs/review37/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review37/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, to='HIG'):
    return seg('MSH', {3: app, 4: 'CMCH', 5: to, 6: 'CMCH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v})


M = {}
# ---- patients ----
ROSALIND = {1: '1', 3: 'CM3700211^^^CMCH^MR', 5: 'SALAZAR-WHITEHORSE^ROSALIND^JUNE^^^^L', 7: '19580611', 8: 'F',
            11: '2284 ORCHARD MESA AVE^^GRAND JUNCTION^CO^81503^USA^H', 13: '^PRN^PH^^1^970^2453711',
            18: 'CMA3700211^^^CMCH^AN'}
DOE = {1: '1', 3: 'CM3799017^^^CMCH^MR', 5: 'DOE^JOHN^^^^^L', 8: 'M', 18: 'CMA3799017^^^CMCH^AN'}
DAMIAN = {1: '1', 3: 'CM3700389^^^CMCH^MR', 5: 'KOWALCZYK-ORTIZ^DAMIAN^RAFAEL^^^^L', 7: '19910222', 8: 'M',
          11: '61 PATTERSON RD APT 7^^GRAND JUNCTION^CO^81506^USA^H', 13: '^PRN^CP^^1^970^5558389',
          18: 'CMA3799017^^^CMCH^AN'}
THEODORA = {1: '1', 3: 'CM3700474^^^CMCH^MR', 5: 'BENALLY-HARJO^THEODORA^^^^^L', 7: '20010905', 8: 'F',
            11: '415 N 12TH ST^^GRAND JUNCTION^CO^81501^USA^H', 13: '^PRN^CP^^1^970^5550474',
            18: 'CMA3700474^^^CMCH^AN'}
MARGUERITE = {1: '1', 3: 'CM3700526^^^CMCH^MR', 5: 'OYELARAN-FISCHER^MARGUERITE^ANNE^^^^L', 7: '19770130',
              8: 'F', 11: '3090 F RD^^GRAND JUNCTION^CO^81504^USA^H', 13: '^PRN^CP^^1^970^5550526',
              18: 'CMA3700526^^^CMCH^AN'}

EDDOC = 'E2201^VANDERMOLEN^KRISTIN^^^^MD'
EDDOC2 = 'E2317^NAKAGAWA-REYES^TOMAS^^^^MD'
HOSP = 'H1409^ABERNATHY-YAZZIE^LORNA^^^^MD'


def pv1(visit, loc, cls='E', admit='', disch='', extra=None):
    f = {1: '1', 2: cls, 3: loc, 4: 'E^Emergency^HL70007', 7: EDDOC, 10: 'EMR', 14: '7^Emergency room^HL70023',
         19: f'{visit}^^^CMCH^VN', 44: admit}
    if disch:
        f[45] = disch
    f.update(extra or {})
    return seg('PV1', f)


def adt(t, ctl, evt, evn2, struct=None):
    return [msh('TRAILHEAD', t, ctl, f'ADT^{evt}^{struct or "ADT_A01"}', '2.5.1'),
            seg('EVN', {2: evn2, 4: '', 5: 'T0815^MARTINEZ-COLE^DENISE^^^^RN'})]


# 01 Rosalind registered, chest pain, acuity 2
M['01-adt-a04-chest-pain-registered'] = adt('20270313234800-0700', 'TRH3700001', 'A04', '202703132348') + [
    seg('PID', ROSALIND),
    pv1('CMV3700211E', 'ED^14^01^CMCH', admit='202703132346'),
    seg('PV2', {3: '^CHEST PAIN RADIATING TO LEFT ARM', 25: '2', 38: 'W^Walk-in^HL70430'}),
]

# 02 CPOE orders for Rosalind: hs-troponin 0 h and 2 h, BMP, D-dimer, lactate (ORM v2.3, all bare)
ORDP = 'SUMMIT'
TROP = 'TROPHS^Troponin I high sensitivity^SUMMIT^89579-7^Troponin I.cardiac HS^LN'
BMP = 'BMP^Basic metabolic panel^SUMMIT^51990-0^Basic metabolic panel - Blood^LN'
DDIM = 'DDIM^D-dimer^SUMMIT^48065-7^D-dimer FEU^LN'
LACT = 'LACT^Lactate^SUMMIT^2524-7^Lactate^LN'


def orm_group(ctl, plac, code, start, t, prio='S', extra_obr=None, orc5=''):
    obr = {1: '1', 2: f'{plac}^{ORDP}', 4: code, 16: EDDOC, 27: f'^^^{start}^^{prio}'}
    obr.update(extra_obr or {})
    return [seg('ORC', {1: ctl, 2: f'{plac}^{ORDP}', 5: orc5, 9: t, 10: 'T0815^MARTINEZ-COLE^DENISE', 12: EDDOC}),
            seg('OBR', obr)]


PV1_ROS = pv1('CMV3700211E', 'ED^14^01^CMCH', admit='202703132346')
M['02-orm-o01-chest-pain-orders'] = [
    msh('SUMMIT', '20270313235400', 'SUM3700002', 'ORM^O01', '2.3', to='ASPEN'),
    seg('PID', ROSALIND), PV1_ROS,
    *orm_group('NW', 'SUM37-0011', TROP, '20270314000500', '20270313235300'),
    *orm_group('NW', 'SUM37-0012', BMP, '20270314000500', '20270313235300'),
    *orm_group('NW', 'SUM37-0013', DDIM, '20270314000500', '20270313235300'),
    *orm_group('NW', 'SUM37-0014', LACT, '20270314000500', '20270313235300'),
    *orm_group('NW', 'SUM37-0015', TROP, '20270314020500', '20270313235300', prio='T'),
]

# 03 the unidentified trauma patient
PV1_DOE = pv1('CMV3799017E', 'ED^TB2^01^CMCH', admit='202703140029', extra={7: EDDOC2, 10: 'TRA'})
M['03-adt-a04-trauma-doe-john'] = adt('20270314003200-0700', 'TRH3700003', 'A04', '202703140031') + [
    seg('PID', DOE), PV1_DOE,
    seg('PV2', {3: '^MVC ROLLOVER, GCS 9', 25: '1', 38: 'A^Ambulance^HL70430'}),
]

CTHEAD = 'CTHEADWO^CT head without contrast^SUMMIT^30799-1^CT Head WO contrast^LN'
CTHCS = 'CTHDCSPWO^CT head and cervical spine without contrast^SUMMIT'
UDS = 'UDS10^Drug screen 10 panel urine^SUMMIT'
M['04-orm-o01-trauma-orders'] = [
    msh('SUMMIT', '20270314003800', 'SUM3700004', 'ORM^O01', '2.3', to='ASPEN'),
    seg('PID', DOE), PV1_DOE,
    *[s.replace(EDDOC, EDDOC2) for s in orm_group('NW', 'SUM37-0021', CTHEAD, '20270314004000', '20270314003700',
                                                  extra_obr={24: 'CT', 13: 'Unresponsive after rollover'})],
    *[s.replace(EDDOC, EDDOC2) for s in orm_group('NW', 'SUM37-0022', UDS, '20270314004000', '20270314003700')],
]

# 05 pharmacy: two stat ED orders for DOE (RDE^O11 v2.6)
FENT = 'FENT50INJ^fentanyl 50 mcg/mL injection^JUNIPER^00409909422^fentanyl citrate 50 mcg/mL^NDC'
ONDA = 'ONDA4INJ^ondansetron 4 mg/2 mL injection^JUNIPER^00641607825^ondansetron 2 mg/mL^NDC'


def rde_group(plac, fill, code, amt, unit, start):
    return [seg('ORC', {1: 'NW', 2: f'{plac}^SUMMIT', 3: f'{fill}^JUNIPER', 5: 'IP', 9: '20270314004300-0700',
                        12: EDDOC2}),
            seg('RXE', {2: code, 3: amt, 5: unit, 6: 'INJ^Injection^HL70292', 10: '1', 11: 'EA^each^UCUM'}),
            seg('TQ1', {1: '1', 7: start, 9: 'S^Stat^HL70485'}),
            seg('RXR', {1: 'IV^Intravenous^HL70162'})]


M['05-rde-o11-trauma-stat-meds'] = [
    msh('JUNIPER-RX', '20270314004400-0700', 'JRX3700005', 'RDE^O11^RDE_O11', '2.6'),
    seg('PID', DOE), PV1_DOE,
    *rde_group('SUM37-0023', 'JRX37-0501', FENT, '50', 'ug^microgram^UCUM', '202703140044'),
    *rde_group('SUM37-0024', 'JRX37-0502', ONDA, '4', 'mg^milligram^UCUM', '202703140044'),
]

# 06 LIS: troponin 0 h
LIS_TECH = 'L4410^OKONKWO-BRANDT^JULES'


def oru(t, ctl, pid, pv1seg, groups):
    return [msh('ASPEN', t, ctl, 'ORU^R01^ORU_R01', '2.5.1', to='SUMMIT'), seg('PID', pid), pv1seg] + groups


def res(plac, fill, code, coll, rep, status, obxs, ordered_by=EDDOC, orc_status='CM'):
    segs = [seg('ORC', {1: 'RE', 2: f'{plac}^SUMMIT', 3: f'{fill}^ASPEN', 5: orc_status, 12: ordered_by}),
            seg('OBR', {1: '1', 2: f'{plac}^SUMMIT', 3: f'{fill}^ASPEN', 4: code, 7: coll, 16: ordered_by,
                        22: rep, 24: 'CH', 25: status})]
    return segs + obxs


def obx(i, vt, code, val, unit='', ref='', flag='', st='F', t='', nte=None):
    f = {1: str(i), 2: vt, 3: code, 5: val, 6: unit, 7: ref, 8: flag, 11: st, 14: t, 16: LIS_TECH}
    out = [seg('OBX', f)]
    if nte:
        out.append(seg('NTE', {1: '1', 2: 'L', 3: nte}))
    return out


TROP_OBX = '89579-7^Troponin I.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN'
M['06-oru-r01-troponin-0h'] = oru('20270314005200-0700', 'ASP3700006', ROSALIND, PV1_ROS, res(
    'SUM37-0011', 'ASP37-1011', TROP, '20270314000700-0700', '20270314005100-0700', 'F',
    obx(1, 'NM', TROP_OBX, '18', 'ng/L^ng/L^UCUM', '<=16', 'H', t='20270314000700-0700')))

# 07 A08: acuity up to 1, complaint amended, second ED physician
M['07-adt-a08-chest-pain-acuity-up'] = adt('20270314010800-0700', 'TRH3700007', 'A08', '202703140107') + [
    seg('PID', ROSALIND),
    pv1('CMV3700211E', 'ED^14^01^CMCH', admit='202703132346', extra={17: EDDOC}),
    seg('PV2', {3: '^CHEST PAIN RADIATING TO LEFT ARM, DIAPHORETIC', 25: '1', 38: 'W^Walk-in^HL70430'}),
]

# 08 RAS: fentanyl given, ondansetron held (v2.6, RXA-3 bare)
NURSE = 'N5521^TSOSIE^MARLENE^^^^RN'
M['08-ras-o17-trauma-given-held'] = [
    msh('JUNIPER-RX', '20270314011500-0700', 'JRX3700008', 'RAS^O17^RAS_O17', '2.6'),
    seg('PID', DOE), PV1_DOE,
    seg('ORC', {1: 'RE', 2: 'SUM37-0023^SUMMIT', 3: 'JRX37-0501^JUNIPER', 5: 'IP', 12: EDDOC2}),
    seg('RXA', {1: '0', 2: '1', 3: '202703140102', 4: '202703140102', 5: FENT, 6: '50', 7: 'ug^microgram^UCUM',
                10: NURSE, 11: 'ED^TB2^01^CMCH', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    seg('ORC', {1: 'RE', 2: 'SUM37-0024^SUMMIT', 3: 'JRX37-0502^JUNIPER', 5: 'IP', 12: EDDOC2}),
    seg('RXA', {1: '0', 2: '1', 3: '202703140110', 4: '202703140110', 5: ONDA, 6: '0', 7: 'mg^milligram^UCUM',
                10: NURSE, 11: 'ED^TB2^01^CMCH', 18: '^No nausea; patient intubated, held per MD^L', 20: 'NA',
                21: 'A'}),
]

# 09 BMP with critical potassium + lactate (two orders in one ORU)
CALLBACK = ('CRITICAL VALUE: K 6.9 mmol/L called to and read back by MARLENE TSOSIE RN, ED, at 0131 MST '
            '14-MAR-2027 by JOKB.')
BMP_VALUES = [
    ('2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', '136', 'mmol/L^mmol/L^UCUM', '136-145', 'N'),
    ('2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '6.9', 'mmol/L^mmol/L^UCUM', '3.5-5.1', 'HH'),
    ('2075-0^Chloride [Moles/volume] in Serum or Plasma^LN', '101', 'mmol/L^mmol/L^UCUM', '98-107', 'N'),
    ('2028-9^Carbon dioxide, total [Moles/volume] in Serum or Plasma^LN', '21', 'mmol/L^mmol/L^UCUM', '22-29', 'L'),
    ('3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN', '24', 'mg/dL^mg/dL^UCUM', '8-23', 'H'),
    ('2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '1.4', 'mg/dL^mg/dL^UCUM', '0.57-1.00', 'H'),
    ('2345-7^Glucose [Mass/volume] in Serum or Plasma^LN', '162', 'mg/dL^mg/dL^UCUM', '70-99', 'H'),
]


def bmp_obx(k_value, k_flag, k_status, k_nte):
    out = []
    for i, (code, v, u, r, fl) in enumerate(BMP_VALUES, 1):
        if code.startswith('2823-3'):
            out += obx(i, 'NM', code, k_value, u, r, k_flag, k_status, '20270314000700-0700', nte=k_nte)
        else:
            out += obx(i, 'NM', code, v, u, r, fl, 'F', '20270314000700-0700')
    return out


M['09-oru-r01-bmp-critical-k-lactate'] = oru('20270314013600-0700', 'ASP3700009', ROSALIND, PV1_ROS,
    res('SUM37-0012', 'ASP37-1012', BMP, '20270314000700-0700', '20270314013200-0700', 'F',
        bmp_obx('6.9', 'HH', 'F', CALLBACK))
    + res('SUM37-0014', 'ASP37-1014', LACT, '20270314000700-0700', '20270314002900-0700', 'F',
          obx(1, 'NM', '2524-7^Lactate [Moles/volume] in Serum or Plasma^LN', '3.1', 'mmol/L^mmol/L^UCUM',
              '0.5-2.2', 'H', t='20270314000700-0700')))

# 10 CPOE cancels the D-dimer (ORM CA, v2.3 bare)
M['10-orm-o01-cancel-d-dimer'] = [
    msh('SUMMIT', '20270314014000', 'SUM3700010', 'ORM^O01', '2.3', to='ASPEN'),
    seg('PID', ROSALIND), PV1_ROS,
    seg('ORC', {1: 'CA', 2: 'SUM37-0013^SUMMIT', 9: '20270314013900', 10: 'T0815^MARTINEZ-COLE^DENISE',
                12: EDDOC, 16: '^ACS pathway, PE not suspected^L'}),
    seg('OBR', {1: '1', 2: 'SUM37-0013^SUMMIT', 4: DDIM, 16: EDDOC, 27: '^^^20270314000500^^S'}),
]

# 11 Theodora registered, ankle
PV1_THEO = pv1('CMV3700474E', 'ED^FT3^01^CMCH', admit='202703140141', extra={7: EDDOC2})
M['11-adt-a04-ankle-registered'] = adt('20270314014400-0700', 'TRH3700011', 'A04', '202703140143') + [
    seg('PID', THEODORA), PV1_THEO,
    seg('PV2', {3: '^RIGHT ANKLE INJURY, FELL ON ICE', 25: '3', 38: 'W^Walk-in^HL70430'}),
]

# 12 Marguerite registered (in error: she was the visitor of another patient)
PV1_MARG = pv1('CMV3700526E', 'ED^WR^01^CMCH', admit='202703140150')
M['12-adt-a04-registered-in-error'] = adt('20270314015200-0700', 'TRH3700012', 'A04', '202703140151') + [
    seg('PID', MARGUERITE), PV1_MARG,
    seg('PV2', {3: '^DIZZINESS', 25: '3', 38: 'W^Walk-in^HL70430'}),
]

# 13 CPOE changes the CT head into CT head + C-spine (ORM XO) at 02:18 on a clock not yet moved (bare)
M['13-orm-o01-change-ct-order'] = [
    msh('SUMMIT', '20270314021800', 'SUM3700013', 'ORM^O01', '2.3', to='ASPEN'),
    seg('PID', DOE), PV1_DOE,
    *[s.replace(EDDOC, EDDOC2) for s in orm_group('XO', 'SUM37-0021', CTHCS, '20270314022000', '20270314021700',
                                                  extra_obr={24: 'CT', 13: 'Unresponsive after rollover; '
                                                             'add C-spine per trauma attending'})],
]

# 14 A11: Marguerite's registration cancelled (after the change: MSH-7 -0600)
M['14-adt-a11-cancel-registration'] = adt('20270314030400-0600', 'TRH3700014', 'A11', '202703140303',
                                          'ADT_A09') + [
    seg('PID', MARGUERITE), PV1_MARG,
]

# 15 A40: DOE, JOHN merged into Damian's real MRN
M['15-adt-a40-merge-doe-into-real-mrn'] = adt('20270314031200-0600', 'TRH3700015', 'A40', '202703140311',
                                              'ADT_A39') + [
    seg('PID', DAMIAN),
    seg('MRG', {1: 'CM3799017^^^CMCH^MR', 3: 'CMA3799017^^^CMCH^AN', 7: 'DOE^JOHN^^^^^L'}),
]

# 16 troponin 2 h with the 0-2 h delta
M['16-oru-r01-troponin-2h-delta'] = oru('20270314032600-0600', 'ASP3700016', ROSALIND, PV1_ROS, res(
    'SUM37-0015', 'ASP37-1015', TROP, '20270314031000-0600', '20270314032500-0600', 'F',
    obx(1, 'NM', TROP_OBX, '96', 'ng/L^ng/L^UCUM', '<=16', 'H', t='20270314031000-0600')
    + obx(2, 'NM', 'TROPD2H^hs-cTnI delta 0-2 h^ASPEN', '78', 'ng/L^ng/L^UCUM', '<6', 'A',
          t='20270314031000-0600', nte='Delta from 18 ng/L at 0007 MST (ASP37-1011). Meets rule-in criteria.')))

# 17 A03: Theodora home; the discharge stamp 02:55 bare, keyed in on the board's unmoved clock
M['17-adt-a03-ankle-discharged-home'] = adt('20270314033800-0600', 'TRH3700017', 'A03', '202703140337', 'ADT_A03') + [
    seg('PID', THEODORA),
    pv1('CMV3700474E', 'ED^FT3^01^CMCH', admit='202703140141', disch='202703140255',
        extra={7: EDDOC2, 36: '01^Discharged to home or self care^HL70112'}),
    seg('PV2', {3: '^RIGHT ANKLE INJURY, FELL ON ICE', 25: '3'}),
]

# 18 urine drug screen after the merge: real MRN, the trauma visit number
PV1_DAM = pv1('CMV3799017E', 'ED^TB2^01^CMCH', admit='202703140029', extra={7: EDDOC2, 10: 'TRA'})
UDS_ROWS = [
    ('19343-9^Amphetamines [Presence] in Urine by Screen method^LN', 'Negative', '', 'N'),
    ('16195-0^Benzodiazepines [Presence] in Urine by Screen method^LN', 'POSITIVE', '', 'A'),
    ('14314-9^Benzoylecgonine [Presence] in Urine by Screen method^LN', 'Negative', '', 'N'),
    ('19295-5^Opiates [Presence] in Urine by Screen method^LN', 'Negative', '', 'N'),
    ('11235-9^Fentanyl [Presence] in Urine by Screen method^LN', 'POSITIVE', '', 'A'),
    ('18282-4^Cannabinoids [Presence] in Urine by Screen method^LN', 'POSITIVE', '', 'A'),
]
uds = []
for i, (code, v, _u, fl) in enumerate(UDS_ROWS, 1):
    uds += obx(i, 'ST', code, v, '', 'Negative', fl, 'F', '20270314010500-0700')
uds.append(seg('NTE', {1: '1', 2: 'L', 3: 'Screening results are presumptive and unconfirmed. Fentanyl positive '
                                    'may reflect ED administration at 0102.'}))
M['18-oru-r01-drug-screen-after-merge'] = oru('20270314034500-0600', 'ASP3700018', DAMIAN, PV1_DAM, [
    s.replace(EDDOC, EDDOC2) for s in res('SUM37-0022', 'ASP37-1022', UDS, '20270314010500-0700',
                                          '20270314034300-0600', 'F', uds)])

# 19 corrected potassium (hemolysis), whole panel resent
CORR = ('CORRECTED RESULT: specimen hemolyzed, recollected 0230 MST. Previously reported K 6.9 mmol/L. '
        'Corrected result called to MARLENE TSOSIE RN at 0358 MDT.')
M['19-oru-r01-potassium-corrected'] = oru('20270314040200-0600', 'ASP3700019', ROSALIND, PV1_ROS,
    res('SUM37-0012', 'ASP37-1012', BMP, '20270314000700-0700', '20270314040000-0600', 'C',
        bmp_obx('4.4', 'N', 'C', CORR)))

# 20 A06: emergency -> inpatient (same visit number)
M['20-adt-a06-ed-to-inpatient'] = adt('20270314041500-0600', 'TRH3700020', 'A06', '202703140414', 'ADT_A06') + [
    seg('PID', ROSALIND),
    pv1('CMV3700211E', 'ED^14^01^CMCH', cls='I', admit='202703132346',
        extra={4: 'E^Emergency^HL70007', 7: HOSP, 10: 'CAR', 17: EDDOC}),
    seg('PV2', {3: '^NSTEMI', 25: '1'}),
]

# 21 A02: to a telemetry bed
M['21-adt-a02-to-telemetry'] = adt('20270314044200-0600', 'TRH3700021', 'A02', '202703140440', 'ADT_A02') + [
    seg('PID', ROSALIND),
    pv1('CMV3700211E', '4WTELE^412^B^CMCH', cls='I', admit='202703132346',
        extra={6: 'ED^14^01^CMCH', 7: HOSP, 10: 'CAR', 17: EDDOC}),
]

# 22 / 23 ED provider note on Damian and its edit (MDM v2.7)
NOTE = ['ED PROVIDER NOTE - TRAUMA',
        'HPI: Restrained driver, rollover MVC on I-70, found unresponsive, GCS 9 on arrival 0029 MST.',
        'ED course: fentanyl 50 mcg IV 0102 MST; CT head and C-spine negative; Tdap given.',
        'Identity established 0311 MDT (previously registered as DOE, JOHN).']
NOTE_EDIT = NOTE[:3] + ['Identity established 0311 MDT (previously registered as DOE, JOHN). '
                        'UDS presumptive positive benzodiazepines, fentanyl, cannabinoids.',
                        'Disposition: admit to trauma surgery.']
PV1_DAM_EHR = pv1('CMV3799017E', 'ED^TB2^01^CMCH', admit='202703140029', extra={7: EDDOC2, 10: 'TRA'})


def mdm(t, ctl, evt, txa):
    return [msh('CANYON', t, ctl, f'MDM^{evt}^MDM_T02', '2.7'),
            seg('EVN', {2: t}),
            seg('PID', DAMIAN), PV1_DAM_EHR,
            seg('TXA', txa)]


M['22-mdm-t02-ed-provider-note'] = mdm('20270314050600-0600', 'CNY3700022', 'T02', {
    1: '1', 2: 'EDNOTE^ED Provider Note^L', 3: 'TX', 4: '202703140505', 5: EDDOC2, 6: '202703140240',
    9: EDDOC2, 12: 'CNY37-DOC-0091^CANYON', 17: 'AU', 19: 'AV', 22: EDDOC2 + '^^^^^^^^^^^^20270314050500'}) + [
    seg('OBX', {1: str(i), 2: 'TX', 3: '34111-5^Emergency department Note^LN', 5: line, 11: 'F'})
    for i, line in enumerate(NOTE, 1)]
M['23-mdm-t08-ed-note-edited'] = mdm('20270314054100-0600', 'CNY3700023', 'T08', {
    1: '1', 2: 'EDNOTE^ED Provider Note^L', 3: 'TX', 4: '202703140540', 5: EDDOC2, 6: '202703140240',
    9: EDDOC2, 12: 'CNY37-DOC-0091-A^CANYON', 13: 'CNY37-DOC-0091^CANYON', 17: 'AU', 19: 'AV',
    22: EDDOC2 + '^^^^^^^^^^^^20270314054000'}) + [
    seg('OBX', {1: str(i), 2: 'TX', 3: '34111-5^Emergency department Note^LN', 5: line, 11: 'F'})
    for i, line in enumerate(NOTE_EDIT, 1)]

# 24 VXU: Tdap given in the trauma bay at 01:25 MST, sent at the end of the shift (RXA-3 bare)
M['24-vxu-v04-tdap-given-in-ed'] = [
    msh('CANYON', '20270314055200-0600', 'CNY3700024', 'VXU^V04^VXU_V04', '2.5.1', to='COIIS'),
    seg('PID', DAMIAN),
    seg('ORC', {1: 'RE', 2: 'SUM37-0025^SUMMIT', 3: 'CNY37-IMM-0024^CANYON', 12: EDDOC2}),
    seg('RXA', {1: '0', 2: '1', 3: '20270314012500', 4: '20270314012500', 5: '115^Tdap^CVX', 6: '0.5',
                7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: NURSE,
                11: 'ED^TB2^01^CMCH', 15: 'T37A4419', 16: '20280630', 17: 'SKB^GlaxoSmithKline^MVX',
                20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LD^Left Deltoid^HL70163'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
