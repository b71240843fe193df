#!/usr/bin/env python3
r"""Review 74's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Canadian community hospital's interface engine feeding one FHIR server, on ONE America/Toronto channel
(14-18 May 2035, EDT -04:00 throughout: no daylight-saving change). Lakeshore Bay Community Hospital (LBCH), its
patient administration system LBPAS, order entry LBCPOE, laboratory LIS LBLIS, pharmacy LBRX, radiology LBRIS,
dictation LBDICT, the hospital EMR's immunization module LBEMR and a public-health immunization registry (PHIR,
its own client id) are invented; every OID is under HL7's example root 2.16.840.1.113883.19.74.
- LBPAS (ADT v2.5.1): A04, A01, A08, A31, A40 (merge); PID-3 the hospital MRN (`^^^LBCH&<oid>&ISO^MR`) and the
  provincial health card number of its own authority (`^^^ONHC&<oid>&ISO^JHN`), address, phones, PID-15/16, NK1.
- Every other sender echoes a thinner or different PID: MRN only, a name without XPN-7, PID-11 "", a birth date or
  spelling corrected at the lab or the pharmacy counter, the retired MRN after the A40, a re-keyed MRN value (typo),
  PID-29/30 death in an ORU, the registry's client id beside the MRN and health card.
The focus is which message may change the Patient at the server (docs/mapping.md, the hig patient-authority rule).
MSH-7 carries -0400; every time inside is bare local time. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Toronto):
    python3 docs/review74/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review74/messages')
ROOT = '2.16.840.1.113883.19.74'


def seg(name, fields):
    n = max(i for i, v in fields.items() if v)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


LBCH = f'LBCH&{ROOT}.1&ISO'
ONHC = f'ONHC&{ROOT}.50&ISO'
PHIR = f'PHIR&{ROOT}.60&ISO'
APPS = {'LBPAS': f'LBPAS^{ROOT}.10^ISO', 'LBCPOE': f'LBCPOE^{ROOT}.11^ISO', 'LBLIS': f'LBLIS^{ROOT}.12^ISO',
        'LBRX': f'LBRX^{ROOT}.13^ISO', 'LBRIS': f'LBRIS^{ROOT}.14^ISO', 'LBDICT': f'LBDICT^{ROOT}.15^ISO',
        'LBEMR': f'LBEMR^{ROOT}.16^ISO', 'PHIR': f'PHIR^{ROOT}.60^ISO'}
FAC = f'LBCH^{ROOT}.1^ISO'
PHIR_FAC = f'PHIR^{ROOT}.60^ISO'


def msh(app, t, ctl, typ, to='HIG'):
    fac = PHIR_FAC if app == 'PHIR' else FAC
    rapp, rfac = (APPS['PHIR'], PHIR_FAC) if to == 'PHIR' else (f'HIG^{ROOT}.90^ISO', FAC)
    return seg('MSH', {3: APPS[app], 4: fac, 5: rapp, 6: rfac, 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1',
                       15: 'AL', 16: 'NE', 17: 'CAN', 18: 'UNICODE UTF-8'})


def evn(t):
    return seg('EVN', {2: t})


def mrn(v):
    return f'{v}^^^{LBCH}^MR'


def hcn(v):
    return f'{v}^^^{ONHC}^JHN'


def pid(ids, name, dob, sex, addr='', tel='', extra=None):
    f = {1: '1', 3: '~'.join(ids), 5: name, 7: dob, 8: sex, 11: addr, 13: tel}
    f.update(extra or {})
    return seg('PID', f)


def pv1(cls, loc, visit, extra=None):
    f = {1: '1', 2: cls, 3: loc, 19: f'{visit}^^^{LBCH}^VN'}
    f.update(extra or {})
    return seg('PV1', f)


def nk1(i, name, rel, addr, tel, role=''):
    return seg('NK1', {1: str(i), 2: name, 3: rel, 4: addr, 5: tel, 7: role})


DR_HALV = f'74110^HALVORSEN^INGRID^^^DR^MD^^{LBCH}^L^^^EI'
DR_ABOU = f'74120^ABOU-KHALIL^SAMIR^^^DR^MD^^{LBCH}^L^^^EI'
DR_PEDS = f'74130^FONTAINE-OKORO^LISE^^^DR^MD^^{LBCH}^L^^^EI'
RN_IMM = f'74190^DESJARDINS^CAROLE^^^^RN^^{LBCH}^L^^^EI'


def orc(ctl, placer, filler='', status='', t='', dr=DR_HALV, extra=None):
    f = {1: ctl, 2: f'{placer}^LBCPOE' if placer else '', 3: f'{filler}^LBLIS' if filler else '', 5: status, 9: t,
         12: dr}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, t_coll='', t_rep='', status='', dr=DR_HALV, extra=None, filler_app='LBLIS'):
    f = {1: str(i), 2: f'{placer}^LBCPOE' if placer else '', 3: f'{filler}^{filler_app}' if filler else '', 4: code,
         7: t_coll, 16: dr, 22: t_rep, 25: status}
    f.update(extra or {})
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', t='', status='F', sub=''):
    return seg('OBX', {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t})


M = {}
UCUM = 'UCUM'

# ============ A: OKAFOR-LAVOIE, Genevieve Adaeze (MRN LB7400101, health card 7401234561) ============
A_ADDR = '2214 Lakeshore Rd W^Unit 5^Oakridge Bay^ON^L6L 7A4^CAN^H'
A_ADDR_NEW = '88 Heron Crescent^^Oakridge Bay^ON^L6K 2T9^CAN^H'
A_TEL = '^PRN^PH^^1^905^5550174~^PRN^CP^^1^905^5550175'
A_NAME = 'OKAFOR-LAVOIE^GENEVIEVE^ADAEZE^^^^L'
A_IDS = [mrn('LB7400101'), hcn('7401234561')]
A_EXTRA = {15: 'fr^French^ISO639', 16: 'M^Married^HL70002'}
A_NK1 = nk1(1, 'LAVOIE^MATHIEU^^^^^L', 'SPO^Spouse^HL70063', A_ADDR, '^PRN^CP^^1^905^5550179')
M['01-adt-a04-okafor-lavoie-registration'] = [
    msh('LBPAS', '20350514081210-0400', 'LBP74000001', 'ADT^A04^ADT_A01'), evn('20350514081200'),
    pid(A_IDS, A_NAME, '19780514', 'F', A_ADDR, A_TEL, A_EXTRA), A_NK1,
    pv1('O', 'OPD^^^LBCH^^^^^Outpatient Clinics', 'V7400101A'),
]
CBC = '58410-2^CBC panel - Blood by Automated count^LN'
FERR = '2276-4^Ferritin [Mass/volume] in Serum or Plasma^LN'
M['02-oml-o21-okafor-lavoie-cbc-ferritin'] = [
    msh('LBCPOE', '20350514083015-0400', 'LBC74000002', 'OML^O21^OML_O21', to='HIG'),
    pid([mrn('LB7400101')], A_NAME, '19780514', 'F'),
    pv1('O', 'OPD^^^LBCH^^^^^Outpatient Clinics', 'V7400101A'),
    orc('NW', 'CP7400201', t='20350514082900', extra={4: 'CPG7400201^LBCPOE'}), obr(1, 'CP7400201', '', CBC),
    orc('NW', 'CP7400202', t='20350514082900', extra={4: 'CPG7400201^LBCPOE'}), obr(1, 'CP7400202', '', FERR),
]
# the LIS cannot store the hyphen or the name type: it sends "OKAFOR LAVOIE" without XPN-7
M['03-oru-r01-okafor-lavoie-cbc-lab-name-no-type'] = [
    msh('LBLIS', '20350514101522-0400', 'LBL74000003', 'ORU^R01^ORU_R01'),
    pid([mrn('LB7400101')], 'OKAFOR LAVOIE^GENEVIEVE^A', '19780514', 'F'),
    pv1('O', 'OPD^^^LBCH^^^^^Outpatient Clinics', 'V7400101A'),
    orc('RE', 'CP7400201', 'L7400301', 'CM'),
    obr(1, 'CP7400201', 'L7400301', CBC, '20350514084000', '20350514101500', 'F'),
    obx(1, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '6.4', '10*9/L^^UCUM', '4.0-11.0',
        'N', '20350514084000'),
    obx(2, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '104', 'g/L^^UCUM', '120-160', 'L', '20350514084000'),
    obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', '262', '10*9/L^^UCUM', '150-400', 'N',
        '20350514084000'),
]
# the same LIS, another result: its interface writes "" in every PID field it does not hold (address, phone)
M['04-oru-r01-okafor-lavoie-ferritin-pid11-null'] = [
    msh('LBLIS', '20350514134011-0400', 'LBL74000004', 'ORU^R01^ORU_R01'),
    pid([mrn('LB7400101')], 'OKAFOR LAVOIE^GENEVIEVE^A', '19780514', 'F', '""', '""'),
    orc('RE', 'CP7400202', 'L7400302', 'CM'),
    obr(1, 'CP7400202', 'L7400302', FERR, '20350514084000', '20350514133500', 'F'),
    obx(1, 'NM', FERR, '9', 'ug/L^^UCUM', '15-200', 'L', '20350514084000'),
]
# the PAS: she moved; her health card was reported invalid (moved her coverage), the clerk removes it
M['05-adt-a08-okafor-lavoie-moved-card-removed'] = [
    msh('LBPAS', '20350515091502-0400', 'LBP74000005', 'ADT^A08^ADT_A01'), evn('20350515091500'),
    pid([mrn('LB7400101')], A_NAME, '19780514', 'F', A_ADDR_NEW, A_TEL, A_EXTRA),
    nk1(1, 'LAVOIE^MATHIEU^^^^^L', 'SPO^Spouse^HL70063', A_ADDR_NEW, '^PRN^CP^^1^905^5550179'),
    pv1('O', 'OPD^^^LBCH^^^^^Outpatient Clinics', 'V7400101A'),
]

# ============ B: BEAULIEU-SINGH, Rajinder Paul (MRN LB7400201, health card 7402345672); nickname "RAJ" ============
B_ADDR = '41 Willow Bend Dr^^Port Carrick^ON^L9Y 3M2^CAN^H'
B_TEL = '^PRN^PH^^1^705^5550231~^ORN^CP^^1^705^5550232'
B_NAME = 'BEAULIEU-SINGH^RAJINDER^PAUL^^^^L'
B_NAMES = B_NAME + '~BEAULIEU-SINGH^RAJ^^^^^N'
B_IDS = [mrn('LB7400201'), hcn('7402345672')]
B_EXTRA = {15: 'en^English^ISO639', 16: 'M^Married^HL70002'}
WARD = '3W^312^B^LBCH^^^^^3 West Medicine'
M['06-adt-a01-beaulieu-singh-admit'] = [
    msh('LBPAS', '20350515021544-0400', 'LBP74000006', 'ADT^A01^ADT_A01'), evn('20350515021500'),
    pid(B_IDS, B_NAMES, '19470923', 'M', B_ADDR, B_TEL, B_EXTRA),
    nk1(1, 'BEAULIEU^SUZANNE^^^^^L', 'SPO^Spouse^HL70063', B_ADDR, '^PRN^PH^^1^705^5550231'),
    nk1(2, 'SINGH^ARJUN^^^^^L', 'SON^Son^HL70063', '7 Cedar Ln^^Port Carrick^ON^L9Y 1B4^CAN^H',
        '^PRN^CP^^1^705^5550244', 'EC^Emergency Contact^HL70131'),
    pv1('I', WARD, 'V7400201A', {10: 'MED', 44: '20350515020000'}),
]
M['07-rde-o11-beaulieu-singh-furosemide'] = [
    msh('LBRX', '20350515043012-0400', 'LBX74000007', 'RDE^O11^RDE_O11'),
    pid([mrn('LB7400201')], B_NAME, '19470923', 'M'),
    pv1('I', WARD, 'V7400201A'),
    seg('ORC', {1: 'NW', 2: 'RX7400701^LBCPOE', 3: 'PH7400701^LBRX', 9: '20350515042500', 12: DR_ABOU}),
    seg('RXE', {1: '^BID&0800,1800^^20350515080000', 2: '2202^Furosemide 40 mg tablet^DIN', 3: '40', 5: 'mg^mg^UCUM',
                6: 'TAB^Tablet^HL70292', 10: '2', 11: 'TAB^Tablet^HL70292'}),
    seg('TQ1', {1: '1', 3: 'BID^Twice a day^HL70335', 7: '20350515080000'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
CXR = '36643-5^XR Chest 2 Views^LN'
M['08-oru-r01-beaulieu-singh-chest-xray'] = [
    msh('LBRIS', '20350515073320-0400', 'LBR74000008', 'ORU^R01^ORU_R01'),
    pid(B_IDS, B_NAME, '19470923', 'M', B_ADDR),
    pv1('I', WARD, 'V7400201A'),
    seg('ORC', {1: 'RE', 2: 'RA7400801^LBCPOE', 3: 'RIS7400801^LBRIS', 5: 'CM', 12: DR_ABOU}),
    obr(1, 'RA7400801', 'RIS7400801', CXR, '20350515064500', '20350515073000', 'F', DR_ABOU, filler_app='LBRIS'),
    obx(1, 'TX', '18782-3^Radiology Study observation (narrative)^LN', 'Bilateral small pleural effusions.',
        t='20350515064500'),
    obx(2, 'TX', '19005-8^Radiology Imaging study [Impression] (narrative)^LN',
        'Findings consistent with congestive heart failure.', t='20350515064500'),
]
TROP = '89579-7^Troponin I.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN'
M['09-oml-o21-beaulieu-singh-troponin'] = [
    msh('LBCPOE', '20350515090105-0400', 'LBC74000009', 'OML^O21^OML_O21'),
    pid([mrn('LB7400201')], B_NAME, '19470923', 'M'),
    pv1('I', WARD, 'V7400201A'),
    orc('NW', 'CP7400901', t='20350515090000', dr=DR_ABOU), obr(1, 'CP7400901', '', TROP, dr=DR_ABOU),
]
# the LIS learnt of the death from the ward (the result is released after it) and sends PID-29/30
M['10-oru-r01-beaulieu-singh-troponin-death'] = [
    msh('LBLIS', '20350515144502-0400', 'LBL74000010', 'ORU^R01^ORU_R01'),
    pid([mrn('LB7400201')], B_NAME, '19470923', 'M', extra={29: '20350515132000', 30: 'Y'}),
    pv1('I', WARD, 'V7400201A'),
    orc('RE', 'CP7400901', 'L7401001', 'CM', dr=DR_ABOU),
    obr(1, 'CP7400901', 'L7401001', TROP, '20350515093000', '20350515144000', 'F', DR_ABOU),
    obx(1, 'NM', TROP, '1840', 'ng/L^^UCUM', '<26', 'HH', '20350515093000'),
]
M['11-mdm-t02-beaulieu-singh-death-summary'] = [
    msh('LBDICT', '20350515170312-0400', 'LBD74000011', 'MDM^T02^MDM_T02'), evn('20350515170300'),
    pid([mrn('LB7400201')], B_NAME, '19470923', 'M'),
    pv1('I', WARD, 'V7400201A'),
    seg('TXA', {1: '1', 2: 'DS^Discharge summary^HL70270', 3: 'TX', 4: '20350515165000', 5: DR_ABOU,
                12: 'DOC7401101^LBDICT', 17: 'AU', 19: 'AV', 22: DR_ABOU}),
    obx(1, 'TX', '18842-5^Discharge summary^LN',
        'Admitted with decompensated heart failure; NSTEMI; died 13:20 on 15 May 2035.', t='20350515165000'),
]

# ============ C: NGUYEN-FRASER, Thomas Minh (MRN LB7400301); ED duplicate LB7400355, merged by A40 ============
C_ADDR = '1560 Station St^Apt 1204^Oakridge Bay^ON^L6K 4R8^CAN^H'
C_NAME = 'NGUYEN-FRASER^THOMAS^MINH^^^^L'
C_IDS = [mrn('LB7400301'), hcn('7403456783')]
M['12-adt-a04-nguyen-fraser-registration'] = [
    msh('LBPAS', '20350516080512-0400', 'LBP74000012', 'ADT^A04^ADT_A01'), evn('20350516080500'),
    pid(C_IDS, C_NAME, '19911107', 'M', C_ADDR, '^PRN^CP^^1^905^5550311', {16: 'S^Single^HL70002'}),
    nk1(1, 'FRASER^HELEN^^^^^L', 'MTH^Mother^HL70063', '9 Birch Ave^^Oakridge Bay^ON^L6J 3C1^CAN^H',
        '^PRN^PH^^1^905^5550318', 'EC^Emergency Contact^HL70131'),
    pv1('O', 'OPD^^^LBCH^^^^^Outpatient Clinics', 'V7400301A'),
]
M['13-adt-a04-nguyen-fraser-ed-duplicate'] = [
    msh('LBPAS', '20350516221008-0400', 'LBP74000013', 'ADT^A04^ADT_A01'), evn('20350516221000'),
    pid([mrn('LB7400355')], 'NGUYEN^TOM^^^^^L', '19911107', 'M', '', '^PRN^CP^^1^905^5550311'),
    pv1('E', 'ED^^^LBCH^^^^^Emergency', 'V7400355E'),
]
LACT = '2524-7^Lactate [Moles/volume] in Serum or Plasma^LN'
M['14-oru-r01-nguyen-fraser-lactate-on-duplicate'] = [
    msh('LBLIS', '20350516231518-0400', 'LBL74000014', 'ORU^R01^ORU_R01'),
    pid([mrn('LB7400355')], 'NGUYEN^TOM', '19911107', 'M'),
    pv1('E', 'ED^^^LBCH^^^^^Emergency', 'V7400355E'),
    orc('RE', 'CP7401401', 'L7401401', 'CM', dr=DR_ABOU),
    obr(1, 'CP7401401', 'L7401401', LACT, '20350516223000', '20350516231000', 'F', DR_ABOU),
    obx(1, 'NM', LACT, '3.1', 'mmol/L^^UCUM', '0.5-2.2', 'H', '20350516223000'),
]
M['15-adt-a40-nguyen-fraser-merge'] = [
    msh('LBPAS', '20350517090233-0400', 'LBP74000015', 'ADT^A40^ADT_A39'), evn('20350517090200'),
    pid(C_IDS, C_NAME, '19911107', 'M', C_ADDR, '^PRN^CP^^1^905^5550311', {16: 'S^Single^HL70002'}),
    seg('MRG', {1: mrn('LB7400355'), 7: 'NGUYEN^TOM^^^^^L'}),
]
# the LIS was not told of the merge: an add-on test on the ED specimen names the retired MRN
M['16-oru-r01-nguyen-fraser-retired-mrn-after-merge'] = [
    msh('LBLIS', '20350517104511-0400', 'LBL74000016', 'ORU^R01^ORU_R01'),
    pid([mrn('LB7400355')], 'NGUYEN^TOM', '19911107', 'M'),
    pv1('E', 'ED^^^LBCH^^^^^Emergency', 'V7400355E'),
    orc('RE', 'CP7401601', 'L7401601', 'CM', dr=DR_ABOU),
    obr(1, 'CP7401601', 'L7401601', '2532-0^Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma^LN',
        '20350516223000', '20350517104000', 'F', DR_ABOU),
    obx(1, 'NM', '2532-0^Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma^LN', '612', 'U/L^^UCUM',
        '120-250', 'H', '20350516223000'),
]

# ============ D: KOWALCZYK-OSEI, Amara Nia (b. 20 Nov 2034; MRN LB7400401, health card 7404567894) ============
D_ADDR = '305 Maple Grove Rd^^Port Carrick^ON^L9Y 6H3^CAN^H'
D_ADDR_OLD = '17 Lakeview Terr^^Kingsmere^ON^K7M 2P5^CAN^H'
D_NAME = 'KOWALCZYK-OSEI^AMARA^NIA^^^^L'
D_IDS = [mrn('LB7400401'), hcn('7404567894')]
D_MOTHER = nk1(1, 'OSEI^ABENA^^^^^L', 'MTH^Mother^HL70063', D_ADDR, '^PRN^CP^^1^705^5550417')
M['17-adt-a04-kowalczyk-osei-registration'] = [
    msh('LBPAS', '20350517133008-0400', 'LBP74000017', 'ADT^A04^ADT_A01'), evn('20350517133000'),
    pid(D_IDS, D_NAME, '20341120', 'F', D_ADDR, '^PRN^PH^^1^705^5550416', {6: 'OSEI^ABENA^^^^^M'}),
    D_MOTHER,
    pv1('O', 'PEDS^^^LBCH^^^^^Paediatric Clinic', 'V7400401A'),
]
DTAP_IPV_HIB = '120^DTaP-Hib-IPV^CVX'
M['18-vxu-v04-kowalczyk-osei-to-registry'] = [
    msh('LBEMR', '20350517141512-0400', 'LBE74000018', 'VXU^V04^VXU_V04', to='PHIR'),
    pid(D_IDS, D_NAME, '20341120', 'F', D_ADDR, extra={6: 'OSEI^ABENA^^^^^M'}), D_MOTHER,
    seg('ORC', {1: 'RE', 3: 'IM7401801^LBEMR', 12: DR_PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20350517140000', 4: '20350517140000', 5: DTAP_IPV_HIB, 6: '0.5', 7: 'mL^mL^UCUM',
                9: '00^New immunization record^NIP001', 10: RN_IMM, 15: 'PX74A118', 16: '20360131',
                17: 'PMC^Sanofi Pasteur^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LT^Left Thigh^HL70163'}),
]
# the registry's consolidated history back to the hospital: its client id first; its address is the one the
# family gave at birth (they moved since; the PAS has the new one)
M['19-vxu-v04-registry-kowalczyk-osei-history'] = [
    msh('PHIR', '20350517160244-0400', 'PHI74000019', 'VXU^V04^VXU_V04'),
    pid([f'PH74000419^^^{PHIR}^PI', hcn('7404567894'), mrn('LB7400401')], D_NAME, '20341120', 'F', D_ADDR_OLD,
        extra={6: 'OSEI^ABENA^^^^^M'}),
    seg('ORC', {1: 'RE', 3: 'PH7401901^PHIR'}),
    seg('RXA', {1: '0', 2: '1', 3: '20341120', 4: '20341120', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '999',
                9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A'}),
]
M['20-oru-r01-kowalczyk-osei-mrn-typo'] = [
    msh('LBLIS', '20350518094517-0400', 'LBL74000020', 'ORU^R01^ORU_R01'),
    pid([mrn('LB7400410'), hcn('7404567894')], D_NAME, '20341120', 'F'),
    orc('RE', 'CP7402001', 'L7402001', 'CM', dr=DR_PEDS),
    obr(1, 'CP7402001', 'L7402001', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '20350518081500',
        '20350518094000', 'F', DR_PEDS),
    obx(1, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '108', 'g/L^^UCUM', '105-135', 'N', '20350518081500'),
]

# ============ E: MACDONALD, Siobhan Grace (MRN LB7400501): the PAS registered "SHIVON", born 3 Feb read as 2 Mar ==
E_ADDR = '62 Harbour View Rd^^Oakridge Bay^ON^L6L 1S7^CAN^H'
E_IDS = [mrn('LB7400501'), hcn('7405678905')]
M['21-adt-a04-macdonald-registration'] = [
    msh('LBPAS', '20350518101012-0400', 'LBP74000021', 'ADT^A04^ADT_A01'), evn('20350518101000'),
    pid(E_IDS, 'MACDONALD^SHIVON^GRACE^^^^L', '19850302', 'F', E_ADDR, '^PRN^CP^^1^905^5550521'),
    pv1('O', 'OPD^^^LBCH^^^^^Outpatient Clinics', 'V7400501A'),
]
# the lab's patient-service centre checked her health card at the draw: the birth date is 3 February
M['22-oru-r01-macdonald-lab-corrects-birth-date'] = [
    msh('LBLIS', '20350518121544-0400', 'LBL74000022', 'ORU^R01^ORU_R01'),
    pid([mrn('LB7400501')], 'MACDONALD^SHIVON^GRACE^^^^L', '19850203', 'F'),
    orc('RE', 'CP7402201', 'L7402201', 'CM'),
    obr(1, 'CP7402201', 'L7402201', '2106-3^Choriogonadotropin (pregnancy test) [Presence] in Urine^LN',
        '20350518103000', '20350518121000', 'F'),
    obx(1, 'CWE', '2106-3^Choriogonadotropin (pregnancy test) [Presence] in Urine^LN',
        '260385009^Negative^SCT', t='20350518103000'),
]
# the pharmacy counter corrected the spelling of her given name (official, XPN-7 L)
M['23-rde-o11-macdonald-pharmacy-corrects-name'] = [
    msh('LBRX', '20350518133012-0400', 'LBX74000023', 'RDE^O11^RDE_O11'),
    pid([mrn('LB7400501')], 'MACDONALD^SIOBHAN^GRACE^^^^L', '19850203', 'F'),
    seg('ORC', {1: 'NW', 2: 'RX7402301^LBCPOE', 3: 'PH7402301^LBRX', 9: '20350518132500', 12: DR_HALV}),
    seg('RXE', {1: '^QD&0800^^20350518', 2: '2401^Ferrous fumarate 300 mg capsule^DIN', 3: '300', 5: 'mg^mg^UCUM',
                6: 'CAP^Capsule^HL70292', 10: '30', 11: 'CAP^Capsule^HL70292'}),
    seg('TQ1', {1: '1', 3: 'QD^Daily^HL70335', 7: '20350518'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
# the PAS's person update (a new cell phone): its PID still has the registration's spelling and birth date
M['24-adt-a31-macdonald-new-phone'] = [
    msh('LBPAS', '20350518154508-0400', 'LBP74000024', 'ADT^A31^ADT_A05'), evn('20350518154500'),
    pid(E_IDS, 'MACDONALD^SHIVON^GRACE^^^^L', '19850302', 'F', E_ADDR, '^PRN^CP^^1^905^5550599'),
    seg('PV1', {1: '1', 2: 'N'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages written to', OUT)
