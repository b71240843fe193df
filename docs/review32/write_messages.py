#!/usr/bin/env python3
r"""Review 32's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of a long-term-care and behavioral-health group in Pacific time (Manzanita Terrace Behavioral & Senior
Care, MTBSC: a skilled-nursing / long-term-care campus in Camarillo and a behavioral-health center in Oxnard,
California; America/Los_Angeles, December 2026 is PST -0800) and its outside partners:
- the group's LTC/behavioral EHR ("PineLedger", PLEDGER): ADT 2.5.1 (A05 pre-admit then A38 cancel pre-admit,
  A01 SNF admission, A03 transfer out), A60 2.5.1 allergy updates (IAM-6 A, U, D), ORM^O01 2.3 imaging orders
  (OBR-18/19 placer fields, OBR-30 transport mode, OBR-31 reason for study, ORC-7 TQ), its eMAR's RAS^O17 2.5.1
  (one dose not given: RXA-20 NA with RXA-18; one given), MDM 2.6 (T02, T06 addendum, T08 edit, T10 replacement;
  FT content with escapes; a scanned outside consult as ED);
- the group's person index (EMPI, MTEMPI): A28 / A31 with the PID-3 repetitions (MR, PI, MA) in another order;
- the outside institutional pharmacy (Cobalt Harbor Institutional Pharmacy, COBALTRX): RDE^O11 2.5.1 IV order with
  rate (RXE-23/24), RXR with pump, encoded TQ1 start/end, RXC base + additive, an NTE with \F\ \S\ \T\ \E\;
  RDS^O13 dispense; RDE XO (rate change, ORC-16) and RDE DC;
- the mobile imaging partner (Sierra Pelican Mobile Imaging, PELICANRIS): ORU^R01 2.4 radiology report, TX
  findings + FT impression (\.br\, \R\, \Xhh\ with MSH-18 8859/1), OBR-20 filler field, OBR-32 NDL; then the
  corrected report with an addendum (OBR-25 C, OBX-11 C).
Patients and numbers (32...) none of reviews 16-31's. Fields placed by number. All persons, numbers and addresses
are invented. Writes docs/review32/messages/NN-name.hl7 (CR separators, ISO-8859-1). Run from the worktree root:
python3 docs/review32/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review32/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, extra=None):
    f = {3: app, 4: fac, 5: 'MTBSC-HUB', 6: 'MTBSC', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


MTB = 'MTBSC^2.16.840.1.113883.3.3203.1^ISO'
MRA = 'MTBSC&2.16.840.1.113883.3.3203.1&ISO'
EMPI = 'MTEMPI&2.16.840.1.113883.3.3203.9&ISO'
MEDI = 'CAMEDI&2.16.840.1.113883.3.3203.77&ISO'
NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
PSY = f'1932010016^ABERCROMBIE-NAKATA^SIOBHAN^R^^^MD^^{NPI}^L^^^NPI'
GER = f'1932010024^QUISPE-HOLMGREN^TEODORO^^^^MD^^{NPI}^L^^^NPI'
RAD = f'1932010032^NAKASHIMA-FERREIRA^ODESSA^^^^MD^^{NPI}^L^^^NPI'
LVN = 'MTN207^BALOGUN-SVENSSON^IMOGEN^^^^LVN^^MTBSC'
RPH = 'CHP0451^DARGAHI-LUND^FARROKH^^^^RPH^^COBALTRX'
L1 = '\r'
M = {}

# ---- KAWAMOTO-BRISBOIS: behavioral-health pre-admission (Oxnard BH center), cancelled; then outpatient notes ----
KAW = {1: '1', 3: f'MT3201007^^^{MRA}^MR', 5: 'KAWAMOTO-BRISBOIS^LEANDER^JUN^^^^L', 7: '19930822', 8: 'M',
       11: '2217 SAVIERS RD APT 6^^OXNARD^CA^93033^USA^H', 13: '^PRN^CP^^1^805^5550107', 15: 'eng^English^ISO639',
       16: 'S^Single^HL70002'}
PV1K = {1: '1', 2: 'P', 3: 'MTBHU^204^A^MTBSC-OXN', 4: 'R^Routine^HL70007', 7: PSY, 10: 'PSY',
        19: 'MV3201007A^^^MTBSC^VN'}
M['01-adt-a05-preadmit'] = [
    msh('PLEDGER', MTB, '20261210140512-0800', 'PL32010001', 'ADT^A05^ADT_A05', '2.5.1'),
    seg('EVN', {2: '20261210140512-0800', 6: '20261210140000-0800'}),
    seg('PID', KAW),
    seg('PV1', PV1K),
    seg('PV2', {3: 'F33.2^Major depressive disorder, recurrent severe without psychotic features^I10', 8: '20261214090000-0800'}),
    seg('DG1', {1: '1', 3: 'F33.2^Major depressive disorder, recurrent severe without psychotic features^I10', 6: 'A'}),
]
# the patient chose the intensive outpatient programme instead: the pre-admission is cancelled (A38, EVN-4 01)
M['02-adt-a38-cancel-preadmit'] = [
    msh('PLEDGER', MTB, '20261211091233-0800', 'PL32010002', 'ADT^A38^ADT_A38', '2.5.1'),
    seg('EVN', {2: '20261211091233-0800', 4: '01^Patient request^HL70062', 6: '20261211091000-0800'}),
    seg('PID', KAW),
    seg('PV1', PV1K),
    seg('PV2', {8: '20261214090000-0800'}),
]

# ---- AMPONSAH-REYKDAL: the group's person index (A28 add person, A31 update person; PID-3 order differs) ----
AMP = {1: '1', 5: 'AMPONSAH-REYKDAL^CORNELIUS^TOBENNA^^^^L', 7: '19480317', 8: 'M',
       11: '4410 LAS POSAS RD^^CAMARILLO^CA^93010^USA^H', 13: '^PRN^PH^^1^805^5550136', 15: 'eng^English^ISO639',
       16: 'W^Widowed^HL70002'}
ID_MR = f'MT3201036^^^{MRA}^MR'
ID_PI = f'E3201036X^^^{EMPI}^PI'
ID_MA = f'93201036F^^^{MEDI}^MA'
M['03-adt-a28-add-person'] = [
    msh('MTEMPI', MTB, '20261211103045-0800', 'MP32010003', 'ADT^A28^ADT_A05', '2.5.1'),
    seg('EVN', {2: '20261211103045-0800'}),
    seg('PID', {**AMP, 3: f'{ID_MR}~{ID_PI}~{ID_MA}'}),
    seg('PV1', {1: '1', 2: 'N'}),
]
# he moved to assisted living on the campus: new address and phone; the EMPI now lists its own id first
M['04-adt-a31-update-person'] = [
    msh('MTEMPI', MTB, '20261214154410-0800', 'MP32010004', 'ADT^A31^ADT_A05', '2.5.1'),
    seg('EVN', {2: '20261214154410-0800'}),
    seg('PID', {**AMP, 3: f'{ID_PI}~{ID_MA}~{ID_MR}', 11: '1500 TERRACE VIEW DR UNIT 23^^CAMARILLO^CA^93012^USA^H',
                13: '^PRN^PH^^1^805^5550236'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# ---- FONTAINE-ACHTERBERG: SNF admission after hip fracture, doppler ordered then cancelled, transferred out ----
FON = {1: '1', 3: f'MT3201058^^^{MRA}^MR', 5: 'FONTAINE-ACHTERBERG^DELPHINE^MAUD^^^^L', 7: '19390605', 8: 'F',
       11: '88 CALLE LA ROCA^^CAMARILLO^CA^93010^USA^H', 13: '^PRN^PH^^1^805^5550158', 15: 'fre^French^ISO639'}
PV1F = {1: '1', 2: 'I', 3: 'MTSNF^112^B^MTBSC-CAM', 4: 'R^Routine^HL70007', 7: GER, 10: 'SNF',
        19: 'MV3201058A^^^MTBSC^VN', 44: '20261212103000-0800'}
M['05-adt-a01-snf-admit'] = [
    msh('PLEDGER', MTB, '20261212103512-0800', 'PL32010005', 'ADT^A01^ADT_A01', '2.5.1'),
    seg('EVN', {2: '20261212103512-0800'}),
    seg('PID', FON),
    seg('PV1', PV1F),
    seg('DG1', {1: '1', 3: 'S72.001D^Fracture of unspecified part of neck of right femur, subsequent encounter^I10', 6: 'A'}),
]

# ---- ISHIKAWA-DOUGLASS: long-term resident, allergies, IV fluids + quetiapine from the outside pharmacy, CXR ----
ISH = {1: '1', 3: f'MT3201023^^^{MRA}^MR', 5: 'ISHIKAWA-DOUGLASS^ROSALIND^EIKO^^^^L', 7: '19360129', 8: 'F',
       11: '1500 TERRACE VIEW DR^^CAMARILLO^CA^93012^USA^H', 13: '^PRN^PH^^1^805^5550123', 15: 'jpn^Japanese^ISO639'}
PV1I = {1: '1', 2: 'I', 3: 'MTSNF^118^A^MTBSC-CAM', 7: GER, 10: 'LTC', 19: 'MV3201023A^^^MTBSC^VN',
        44: '20250603110000-0800'}


def iam(n, action, typ, allergen, sev, reaction, ident, status, extra=None):
    f = {1: str(n), 2: typ, 3: allergen, 4: sev, 5: reaction, 6: action, 7: ident, 11: '2019', 13: '20261212',
         14: 'ISHIKAWA-DOUGLASS^NAOMI^^^^^L', 17: status}
    f.update(extra or {})
    return seg('IAM', f)


SULFA = '10180^Sulfamethoxazole^RXNORM'
LATEX = '111088007^Latex (substance)^SCT'
M['06-adt-a60-allergies-add'] = [
    msh('PLEDGER', MTB, '20261212111502-0800', 'PL32010006', 'ADT^A60^ADT_A60', '2.5.1'),
    seg('EVN', {2: '20261212111502-0800'}),
    seg('PID', ISH),
    seg('PV1', PV1I),
    iam(1, 'A^Add^HL70323', 'DA^Drug allergy^HL70127', SULFA, 'MO^Moderate^HL70128', 'Hives \\T\\ pruritus',
        'MTALG-3201023-01^PLEDGER', 'C^Confirmed^HL70438'),
    iam(2, 'A^Add^HL70323', 'MA^Miscellaneous allergy^HL70127', LATEX, 'MI^Mild^HL70128', 'Contact dermatitis',
        'MTALG-3201023-02^PLEDGER', 'U^Unconfirmed^HL70438', {11: ''}),
]
# the sulfa reaction was worse than reported (angioedema: severe); the latex entry belonged to another resident (D)
M['07-adt-a60-allergy-update-delete'] = [
    msh('PLEDGER', MTB, '20261214082040-0800', 'PL32010007', 'ADT^A60^ADT_A60', '2.5.1'),
    seg('EVN', {2: '20261214082040-0800'}),
    seg('PID', ISH),
    seg('PV1', PV1I),
    iam(1, 'U^Update^HL70323', 'DA^Drug allergy^HL70127', SULFA, 'SV^Severe^HL70128', 'Hives \\T\\ pruritus~Angioedema',
        'MTALG-3201023-01^PLEDGER', 'C^Confirmed^HL70438',
        {8: 'Daughter reports lip swelling in 2019', 13: '20261214'}),
    iam(2, 'D^Delete^HL70323', 'MA^Miscellaneous allergy^HL70127', LATEX, 'MI^Mild^HL70128', 'Contact dermatitis',
        'MTALG-3201023-02^PLEDGER', 'U^Unconfirmed^HL70438', {8: 'Entered on the wrong resident', 11: '', 13: '20261214'}),
]

NS = '313002^Sodium Chloride 0.9% Injectable Solution^RXNORM'
KCL = '7515^Potassium Chloride^RXNORM'
QUE = '312743^quetiapine 25 MG Oral Tablet^RXNORM'
ORC_IV = {2: 'PL-RX-320801^PLEDGER', 3: 'CH-550801^COBALTRX'}
ORC_QU = {2: 'PL-RX-320802^PLEDGER', 3: 'CH-550802^COBALTRX'}


def rxe_iv(rate):
    return seg('RXE', {2: NS, 3: '1000', 5: 'mL^milliliter^UCUM', 10: '1', 11: '{bag}^bag^UCUM', 15: 'CH-550801',
                       23: rate, 24: 'mL/h^milliliter per hour^UCUM'})


def iv_encoding(rate, start, end):
    return [
        rxe_iv(rate),
        seg('TQ1', {1: '1', 7: start, 8: end, 9: 'R^Routine^HL70485'}),
        seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left Arm^HL70163', 3: 'IVP^IV Pump^HL70164'}),
        seg('RXC', {1: 'B', 2: NS, 3: '1000', 4: 'mL^milliliter^UCUM'}),
        seg('RXC', {1: 'A', 2: KCL, 3: '20', 4: 'meq^milliequivalent^UCUM'}),
    ]


IVNOTE = ('Infuse via pump channel A\\F\\B. Ratio KCl 20 mEq\\S\\1000 mL NS \\T\\ recheck K+ 12/16 AM. '
          'Pharmacy ref CHIP\\E\\IV\\E\\550801')
# the pharmacy's encoded IV order: NS 1000 mL + KCl 20 mEq at 75 mL/h from 14:00 to 06:00
M['08-rde-o11-iv-order'] = [
    msh('COBALTRX', 'CHIP^2.16.840.1.113883.3.3203.40^ISO', '20261215134512-0800', 'CX32010008', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', ISH),
    seg('PV1', PV1I),
    seg('ORC', {1: 'NW', **ORC_IV, 9: '20261215134000-0800', 12: GER, 13: 'MTSNF^118^A^MTBSC-CAM'}),
    rxe_iv('75'),
    seg('NTE', {1: '1', 3: IVNOTE}),
    *iv_encoding('75', '20261215140000-0800', '20261216060000-0800')[1:],
]
M['09-rds-o13-iv-dispense'] = [
    msh('COBALTRX', 'CHIP^2.16.840.1.113883.3.3203.40^ISO', '20261215135844-0800', 'CX32010009', 'RDS^O13^RDS_O13', '2.5.1'),
    seg('PID', ISH),
    seg('PV1', PV1I),
    seg('ORC', {1: 'RE', **ORC_IV, 12: GER}),
    *iv_encoding('75', '20261215140000-0800', '20261216060000-0800'),
    seg('RXD', {1: '1', 2: NS, 3: '20261215135500-0800', 4: '1', 5: '{bag}^bag^UCUM', 7: 'CH-550801-1', 10: RPH}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]
M['10-rde-o11-quetiapine'] = [
    msh('COBALTRX', 'CHIP^2.16.840.1.113883.3.3203.40^ISO', '20261215150210-0800', 'CX32010010', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', ISH),
    seg('PV1', PV1I),
    seg('ORC', {1: 'NW', **ORC_QU, 9: '20261215145500-0800', 12: PSY}),
    seg('RXE', {2: QUE, 3: '25', 5: 'mg^milligram^UCUM', 10: '30', 11: '{tbl}^tablet^UCUM', 12: '0', 15: 'CH-550802'}),
    seg('NTE', {1: '1', 3: 'Target symptoms: insomnia \\T\\ nighttime agitation. Gradual dose reduction review 03\\S\\2027.'}),
    seg('TQ1', {1: '1', 3: 'QHS^At bedtime^HL70335', 7: '20261215210000-0800', 9: 'R^Routine^HL70485'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
# the eMAR's administration batch: the 21:00 quetiapine held (NA, RXA-18 reason), the IV bag hung at 14:10 (CP)
M['11-ras-o17-held-and-given'] = [
    msh('PLEDGER', MTB, '20261215211530-0800', 'PL32010011', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', ISH),
    seg('PV1', PV1I),
    seg('ORC', {1: 'RE', **ORC_QU, 12: PSY}),
    seg('RXE', {2: QUE, 3: '25', 5: 'mg^milligram^UCUM'}),
    seg('TQ1', {1: '1', 3: 'QHS^At bedtime^HL70335', 7: '20261215210000-0800'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261215210000-0800', 4: '20261215210000-0800', 5: QUE, 6: '0', 7: 'mg^milligram^UCUM',
                10: LVN, 18: 'SOMN^Held - resident somnolent at med pass^L', 20: 'NA^Not Administered^HL70322',
                22: '20261215211200-0800'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
    seg('ORC', {1: 'RE', **ORC_IV, 12: GER}),
    *iv_encoding('75', '20261215140000-0800', '20261216060000-0800')[:3],
    seg('RXA', {1: '0', 2: '1', 3: '20261215141000-0800', 4: '20261215141000-0800', 5: NS, 6: '1000', 7: 'mL^milliliter^UCUM',
                10: LVN, 20: 'CP^Complete^HL70322', 22: '20261215141400-0800'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left Arm^HL70163'}),
]
# crackles at the bases: the rate is reduced to 50 mL/h and the bag runs until 18:00 (XO, ORC-16)
M['12-rde-o11-iv-rate-change'] = [
    msh('COBALTRX', 'CHIP^2.16.840.1.113883.3.3203.40^ISO', '20261216022210-0800', 'CX32010012', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', ISH),
    seg('PV1', PV1I),
    seg('ORC', {1: 'XO', **ORC_IV, 5: 'IP', 9: '20261216021500-0800', 12: GER,
                16: 'FLUID^Crackles at both bases - rate reduced^L'}),
    rxe_iv('50'),
    *iv_encoding('50', '20261216023000-0800', '20261216180000-0800')[1:],
]
M['13-rde-o11-iv-discontinue'] = [
    msh('COBALTRX', 'CHIP^2.16.840.1.113883.3.3203.40^ISO', '20261216093412-0800', 'CX32010013', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', ISH),
    seg('PV1', PV1I),
    seg('ORC', {1: 'DC', **ORC_IV, 5: 'DC', 9: '20261216093000-0800', 12: GER,
                16: 'PO-OK^Tolerating oral fluids - IV discontinued^L'}),
    rxe_iv('50'),
    *iv_encoding('50', '20261216023000-0800', '20261216180000-0800')[1:],
]

# ---- imaging: PineLedger ORM 2.3 to the mobile imaging partner; its RIS's ORU 2.4 ----
ISH23 = {**ISH, 15: 'JPN'}
CXR = '71045^XR CHEST 1 VIEW^C4'
M['14-orm-o01-portable-cxr'] = [
    msh('PLEDGER', 'MTBSC-CAM', '20261216083012-0800', 'PL32010014', 'ORM^O01', '2.3'),
    seg('PID', ISH23),
    seg('PV1', PV1I),
    seg('ORC', {1: 'NW', 2: 'PL-IM-321401^PLEDGER', 7: '1^ONCE^^20261216090000-0800^^S', 9: '20261216082800-0800', 12: GER}),
    seg('OBR', {1: '1', 2: 'PL-IM-321401^PLEDGER', 4: CXR, 13: 'Crackles at both bases on IV fluids', 16: GER,
                18: 'MTSNF-118A', 19: 'PORTABLE-SNF', 27: '1^ONCE^^20261216090000-0800^^S', 30: 'PORT',
                31: 'R09.89^Other specified symptoms and signs involving the circulatory and respiratory systems^I10'}),
    seg('NTE', {1: '1', 3: 'Resident hard of hearing \\T\\ anxious; portable to room 118\\S\\A, approach from left.'}),
]
RIS = 'PELICAN^2.16.840.1.113883.3.3203.60^ISO'
FIND = '18782-3^Radiology Study observation (narrative)^LN'
IMP = '19005-8^Radiology Imaging study [Impression] (narrative)^LN'
ADD = '55107-7^Addendum Document^LN'


def rad_obr(status, t):
    return seg('OBR', {1: '1', 2: 'PL-IM-321401^PLEDGER', 3: 'SPI-77014^PELICANRIS', 4: CXR, 7: '20261216093500-0800',
                       16: GER, 18: 'MTSNF-118A', 19: 'PORTABLE-SNF', 20: 'TECH RWM-3', 22: t, 24: 'RAD', 25: status,
                       27: '1^ONCE^^20261216090000-0800^^S', 30: 'PORT',
                       31: 'R09.89^Other specified symptoms and signs involving the circulatory and respiratory systems^I10',
                       32: 'RAD9014&NAKASHIMA-FERREIRA&ODESSA&&&&MD'})


def tx(n, sub, text, status='F'):
    return seg('OBX', {1: str(n), 2: 'TX', 3: FIND, 4: str(sub), 5: text, 11: status, 14: '20261216093500-0800', 16: RAD})


FINDINGS = [
    'EXAM: Portable AP chest, one view, 09:35. Patient rotated \\R\\10\\XB0\\ to the right.',
    'FINDINGS: Heart size upper normal. Mild pulmonary vascular congestion.',
    'Small bilateral pleural effusions, R \\T\\ L. No pneumothorax.',
]
M['15-oru-r01-cxr-final'] = [
    msh('PELICANRIS', RIS, '20261216114210-0800', 'SP32010015', 'ORU^R01', '2.4', {18: '8859/1'}),
    seg('PID', ISH23),
    seg('PV1', PV1I),
    seg('ORC', {1: 'RE', 2: 'PL-IM-321401^PLEDGER', 3: 'SPI-77014^PELICANRIS', 5: 'CM', 12: GER}),
    rad_obr('F', '20261216114000-0800'),
    *[tx(i + 1, i + 1, t) for i, t in enumerate(FINDINGS)],
    seg('OBX', {1: '4', 2: 'FT', 3: IMP, 4: '1', 11: 'F', 14: '20261216093500-0800', 16: RAD,
                5: '1. Mild pulmonary vascular congestion \\T\\ small bilateral effusions.\\.br\\2. No focal consolidation.'
                   '\\.br\\No prior study available for comparison.'}),
]
# next morning: an outside film of 11/02 arrives; the impression is corrected and an addendum added (OBR-25 C)
M['16-oru-r01-cxr-corrected'] = [
    msh('PELICANRIS', RIS, '20261217080512-0800', 'SP32010016', 'ORU^R01', '2.4', {18: '8859/1'}),
    seg('PID', ISH23),
    seg('PV1', PV1I),
    seg('ORC', {1: 'RE', 2: 'PL-IM-321401^PLEDGER', 3: 'SPI-77014^PELICANRIS', 5: 'CM', 12: GER}),
    rad_obr('C', '20261217080000-0800'),
    *[tx(i + 1, i + 1, t) for i, t in enumerate(FINDINGS)],
    seg('OBX', {1: '4', 2: 'FT', 3: IMP, 4: '1', 11: 'C', 14: '20261216093500-0800', 16: RAD,
                5: '1. Mild pulmonary vascular congestion \\T\\ small bilateral effusions.\\.br\\2. Subtle left basilar '
                   'opacity, new since 11/02/2026: atelectasis vs early pneumonia.'}),
    seg('OBX', {1: '5', 2: 'FT', 3: ADD, 4: '1', 11: 'C', 14: '20261217075500-0800', 16: RAD,
                5: 'ADDENDUM 12/17: compared with outside film of 11/02/2026.\\.br\\Discussed with Dr. Quispe-Holmgren '
                   '12/17 07:55.'}),
]
US = '93971^US VENOUS DUPLEX UNILATERAL^C4'
FON23 = {**FON, 15: 'FRE'}
M['17-orm-o01-venous-doppler'] = [
    msh('PLEDGER', 'MTBSC-CAM', '20261217091510-0800', 'PL32010017', 'ORM^O01', '2.3'),
    seg('PID', FON23),
    seg('PV1', PV1F),
    seg('ORC', {1: 'NW', 2: 'PL-IM-321701^PLEDGER', 7: '1^ONCE^^20261217100000-0800^^R', 9: '20261217091200-0800', 12: GER}),
    seg('OBR', {1: '1', 2: 'PL-IM-321701^PLEDGER', 4: US, 13: 'POD 9 R hip ORIF; L calf 2 cm larger than R', 16: GER,
                18: 'MTSNF-112B', 19: 'MOBILE-US', 27: '1^ONCE^^20261217100000-0800^^R', 30: 'WHLC',
                31: '^Left calf swelling \\T\\ pain, rule out DVT'}),
]
M['18-orm-o01-doppler-cancel'] = [
    msh('PLEDGER', 'MTBSC-CAM', '20261217112605-0800', 'PL32010018', 'ORM^O01', '2.3'),
    seg('PID', FON23),
    seg('PV1', PV1F),
    seg('ORC', {1: 'CA', 2: 'PL-IM-321701^PLEDGER', 9: '20261217112400-0800', 12: GER,
                16: '^Resident transferred to acute care for evaluation'}),
    seg('OBR', {1: '1', 2: 'PL-IM-321701^PLEDGER', 4: US, 16: GER}),
]

# ---- KAWAMOTO-BRISBOIS: the psychiatrist's outpatient note through its lifecycle (MDM 2.6) ----
PV1KO = {1: '1', 2: 'O', 3: 'MTBHC^OP3^^MTBSC-OXN', 7: PSY, 10: 'PSY', 19: 'MV3201007B^^^MTBSC^VN',
         44: '20261218100000-0800', 45: '20261218105000-0800'}
PN = '11506-3^Progress note^LN'
NOTE_A = ('S: Mood "4\\S\\10", sleeping 5 h \\T\\ poor appetite. Attending IOP week 1.\\.br\\'
          'O: PHQ-9 17 (\\R\\moderately severe). No SI\\F\\HI. Temp 36.8\\XB0\\C.\\.br\\'
          'A/P: MDD recurrent severe. Continue sertraline 100 mg daily; CBT in IOP. Return 1 week.')
NOTE_A_EDIT = NOTE_A.replace('sertraline 100 mg', 'sertraline 150 mg')
NOTE_C = ('S: Mood "4\\S\\10", sleeping 5 h \\T\\ poor appetite. Attending IOP week 1.\\.br\\'
          'O: PHQ-9 17 (\\R\\moderately severe). No SI\\F\\HI. Temp 36.8\\XB0\\C.\\.br\\'
          'A/P: MDD recurrent severe. Increase sertraline to 150 mg daily (tolerating 100 mg x 6 wk); CBT in IOP. '
          'Return 1 week. Collateral from sister: no firearms in home.')


def txa(n, doc, t6, extra=None):
    f = {1: '1', 2: 'PN^Progress Note^HL70270', 3: 'FT', 4: '20261218100000-0800', 5: PSY, 6: t6, 9: PSY,
         12: f'{doc}^PLEDGER', 17: 'AU^Authenticated^HL70271', 19: 'AV^Available for patient care^HL70273',
         22: f'{PSY}^^{t6}'}
    f.update(extra or {})
    return seg('TXA', f)


def mdm(ctl, event, t, txa_seg, obx):
    return [
        msh('PLEDGER', MTB, t, ctl, f'MDM^{event}^MDM_T02', '2.6', {18: '8859/1'}),
        seg('EVN', {2: t}),
        seg('PID', KAW),
        seg('PV1', PV1KO),
        txa_seg,
        *obx,
    ]


M['19-mdm-t02-progress-note'] = mdm('PL32010019', 'T02', '20261218111005-0800',
                                    txa(1, 'MTDOC-3219-A', '20261218110500-0800'),
                                    [seg('OBX', {1: '1', 2: 'FT', 3: PN, 5: NOTE_A, 11: 'F'})])
M['20-mdm-t06-addendum'] = mdm('PL32010020', 'T06', '20261218164205-0800',
                               txa(1, 'MTDOC-3219-B', '20261218164000-0800', {13: 'MTDOC-3219-A^PLEDGER'}),
                               [seg('OBX', {1: '1', 2: 'TX', 3: PN, 11: 'F',
                                            5: 'ADDENDUM: collateral from sister 12/18 16:30 - no firearms in home; safety plan reviewed \\T\\ signed.'})])
# the original said 100 mg where the plan was 150 mg: edited in place (T08, same TXA-12, TXA-8 edit time)
M['21-mdm-t08-edit'] = mdm('PL32010021', 'T08', '20261219090805-0800',
                           txa(1, 'MTDOC-3219-A', '20261218110500-0800', {8: '20261219090500-0800'}),
                           [seg('OBX', {1: '1', 2: 'FT', 3: PN, 5: NOTE_A_EDIT, 11: 'F'})])
# then the clinic's policy: a signed note with a dose change is replaced by a new version (T10, TXA-13 parent)
M['22-mdm-t10-replacement'] = mdm('PL32010022', 'T10', '20261219132105-0800',
                                  txa(1, 'MTDOC-3219-C', '20261219132000-0800', {13: 'MTDOC-3219-A^PLEDGER'}),
                                  [seg('OBX', {1: '1', 2: 'FT', 3: PN, 5: NOTE_C, 11: 'F'})])

# ---- ISHIKAWA-DOUGLASS: the outside geriatric psychiatry consult, scanned PDF (ED) ----
PDF_B64 = ('JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqIDIgMCBvYmo8PC9UeXBlL1BhZ2VzL0tpZHNb'
           'MyAwIFJdL0NvdW50IDE+PmVuZG9iaiAzIDAgb2JqPDwvVHlwZS9QYWdlL1BhcmVudCAyIDAgUi9NZWRpYUJveFswIDAgNjEyIDc5Ml0+'
           'PmVuZG9iagp0cmFpbGVyPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==')
M['23-mdm-t02-outside-consult-pdf'] = [
    msh('PLEDGER', MTB, '20261219143015-0800', 'PL32010023', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {2: '20261219143015-0800'}),
    seg('PID', ISH),
    seg('PV1', PV1I),
    seg('TXA', {1: '1', 2: 'CN^Consultation^HL70270', 3: 'AP', 4: '20261217150000-0800', 6: '20261219142500-0800',
                9: 'MTHIM02^ORTEGA-SALAVEA^PRISCILLA^^^^^^MTBSC', 12: 'MTDOC-3223-A^PLEDGER',
                17: 'AU^Authenticated^HL70271', 19: 'AV^Available for patient care^HL70273'}),
    seg('OBX', {1: '1', 2: 'ED', 3: '11488-4^Consult note^LN', 5: f'PLEDGER^AP^PDF^Base64^{PDF_B64}', 11: 'F'}),
]
# FONTAINE-ACHTERBERG sent to the acute hospital (A03, PV1-36 02, PV1-37, PV1-45)
M['24-adt-a03-transfer-out'] = [
    msh('PLEDGER', MTB, '20261217112912-0800', 'PL32010024', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {2: '20261217112912-0800'}),
    seg('PID', FON),
    seg('PV1', {**PV1F, 36: '02^Discharged/transferred to a short-term general hospital^HL70112',
                37: 'OSMC^Oxnard Shoreline Medical Center', 45: '20261217112000-0800'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
