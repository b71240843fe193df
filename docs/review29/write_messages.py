#!/usr/bin/env python3
r"""Review 29's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of one academic medical center in Eastern time (Wintermere University Medical Center, WUMC,
Rochester NY, -0500, January 2027):
- a home-grown v2.7 ADT (ASCEND): A01 to the MICU, A02 transfers, A21/A22 leave of absence and return, A12
  cancel transfer, A08 with `""` deletes; v2.7 habits: XCN with NPI authority, PV1-3 with facility, EVN-6;
- its own LIS, SCC-style (SOFTMIC microbiology v2.5.1): OML^O21 two blood-culture orders with SPM, ORU
  preliminary (gram stain, OBX-11 P), final with an isolate and a susceptibility child OBR (OBR-26 parent result,
  OBR-29 parent order, SN MICs with OBX-8 S/R), corrected organism (OBX-11 C, OBR-25 C);
- its blood bank (SOFTBANK, legacy v2.3): ORM NW type & screen + crossmatch 2 units (ORC-7 TQ quantity), the
  filler's ORM SC (ORC-5 IP), ORU with ABO/Rh, antibody screen and two crossmatched units;
- anatomic pathology (NOVOPATH v2.5.1): surgical pathology ORU with TX/FT OBX, NDL OBR-32, SPM; amended report;
- transcription (ESCRIPTION, MDM v2.6): T02 in progress, T04 status change + content (authenticated), T08 edit
  (TXA-13 parent), T11 cancel notification;
- pharmacy (WORX, v2.5): RDE NW IV cefazolin with RXE-21/22/23/24, RXR, RXC base + additive, TQ1-13 duration;
  RDE XO renal dose change with a new rate; RDS with RXD;
- employee health VXU v2.8 (OCCHEALTH): an influenza dose given and a historical hepatitis B dose deleted
  (RXA-9 01, RXA-21 D).
Patients and numbers (29...) none of reviews 16-28's. Fields placed by number. All persons, numbers and addresses
are invented. Writes docs/review29/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review29/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review29/messages')


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
ABERNETHY = f'1629010101^ABERNETHY-KWAN^SILAS^R^^^MD^^{NPI}^L^^^NPI'
DZIEDZIC = f'1729010202^DZIEDZIC^HONORATA^^^^MD^^{NPI}^L^^^NPI'
OKORO = f'1829010303^OKORO-FAIRWEATHER^LEANDER^^^^DO^^{NPI}^L^^^NPI'
M = {}

# ---- VANDERHOEK-ASANTE: MICU admit for sepsis, transfers, leave of absence (ASCEND v2.7) ----
VAN = {1: '1', 3: 'W2901017^^^WUMC^MR', 5: 'VANDERHOEK-ASANTE^MIRABEL^JOY^^^^L', 7: '19580322', 8: 'F',
       11: '41 ELLINWOOD DR^^ROCHESTER^NY^14620^USA^H', 13: '^PRN^PH^^1^585^5550117', 15: 'ENG^English^HL70296',
       16: 'W^Widowed^HL70002', 18: 'A29010170^^^WUMC^AN'}
VISIT = 'V29010170^^^WUMC^VN'
PV1V = {1: '1', 2: 'I', 3: 'MICU^M412^1^WUMC^^^^^N', 4: 'E', 7: ABERNETHY, 10: 'MED', 14: 'ER', 17: ABERNETHY,
        18: 'IN', 19: VISIT, 44: '20270111215000-0500'}
M['01-adt-a01-micu-admit'] = [
    msh('ASCEND', 'WUMC', '20270111221405-0500', 'ASC2901001', 'ADT^A01^ADT_A01', '2.7'),
    seg('EVN', {2: '20270111221400-0500', 6: '20270111215000-0500'}),
    seg('PID', VAN),
    seg('NK1', {1: '1', 2: 'VANDERHOEK^PIETER', 3: 'SON^Son^HL70063', 5: '^PRN^PH^^1^585^5550391', 7: 'EC^Emergency Contact^HL70131'}),
    seg('PV1', PV1V),
    seg('PV2', {3: '^Sepsis, source unknown'}),
    seg('DG1', {1: '1', 3: 'A41.9^Sepsis, unspecified organism^I10', 6: 'A'}),
]
# MICU -> 8 East step-down: PV1-3 the new bed, PV1-6 the prior
M['02-adt-a02-to-stepdown'] = [
    msh('ASCEND', 'WUMC', '20270113104211-0500', 'ASC2901002', 'ADT^A02^ADT_A02', '2.7'),
    seg('EVN', {2: '20270113104200-0500', 6: '20270113103000-0500'}),
    seg('PID', VAN),
    seg('PV1', {**PV1V, 3: '8E^E822^2^WUMC^^^^^N', 6: 'MICU^M412^1^WUMC^^^^^N', 10: 'MED'}),
]
# Leave of absence (a day pass for a family funeral) and return: the bed is held
M['03-adt-a21-leave-of-absence'] = [
    msh('ASCEND', 'WUMC', '20270114080512-0500', 'ASC2901003', 'ADT^A21^ADT_A21', '2.7'),
    seg('EVN', {2: '20270114080500-0500', 4: '01', 6: '20270114080000-0500'}),
    seg('PID', VAN),
    seg('PV1', {**PV1V, 3: '8E^E822^2^WUMC^^^^^N'}),
]
M['04-adt-a22-return-from-loa'] = [
    msh('ASCEND', 'WUMC', '20270114183044-0500', 'ASC2901004', 'ADT^A22^ADT_A22', '2.7'),
    seg('EVN', {2: '20270114183000-0500', 6: '20270114181500-0500'}),
    seg('PID', VAN),
    seg('PV1', {**PV1V, 3: '8E^E822^2^WUMC^^^^^N'}),
]
# 8 East -> 7 West (entered in error the next morning: A12)
M['05-adt-a02-to-7west'] = [
    msh('ASCEND', 'WUMC', '20270115091503-0500', 'ASC2901005', 'ADT^A02^ADT_A02', '2.7'),
    seg('EVN', {2: '20270115091500-0500', 6: '20270115090000-0500'}),
    seg('PID', VAN),
    seg('PV1', {**PV1V, 3: '7W^W718^1^WUMC^^^^^N', 6: '8E^E822^2^WUMC^^^^^N', 7: DZIEDZIC}),
]
M['06-adt-a12-cancel-transfer'] = [
    msh('ASCEND', 'WUMC', '20270115113322-0500', 'ASC2901006', 'ADT^A12^ADT_A12', '2.7'),
    seg('EVN', {2: '20270115113300-0500', 4: '03', 6: '20270115090000-0500'}),
    seg('PID', VAN),
    seg('PV1', {**PV1V, 3: '8E^E822^2^WUMC^^^^^N', 6: '7W^W718^1^WUMC^^^^^N'}),
]

# ---- STRAUSSFELD: pre-op (total hip) update, blood bank, surgical pathology ----
STR = {1: '1', 3: 'W2901233^^^WUMC^MR', 5: 'STRAUSSFELD^OSWIN^TOBIAS^^^^L', 7: '19511104', 8: 'M',
       11: '1188 CULVER RD^^ROCHESTER^NY^14609^USA^H', 13: '^PRN^PH^^1^585^5550233~^WPN^PH^^1^585^5550299',
       14: '^WPN^PH^^1^585^5550240', 16: 'M^Married^HL70002', 18: 'A29012330^^^WUMC^AN'}
PV1S = {1: '1', 2: 'P', 3: 'PREOP^^^WUMC^^^^^N', 4: 'R', 7: OKORO, 8: ABERNETHY, 10: 'ORT', 19: 'V29012330^^^WUMC^VN'}
M['07-adt-a08-preop-update'] = [
    msh('ASCEND', 'WUMC', '20270116140921-0500', 'ASC2901007', 'ADT^A08^ADT_A01', '2.7'),
    seg('EVN', {2: '20270116140900-0500', 5: 'REGK07^KESSELRING^ADA^^^^^^WUMC'}),
    seg('PID', {**STR, 14: '""', 16: '""'}),
    seg('PV1', {**PV1S, 8: '""'}),
    seg('PV2', {8: '20270118060000-0500'}),
]

# ---- Microbiology (SOFTMIC, v2.5.1): VANDERHOEK-ASANTE's blood cultures ----
ORD = 'W2908000{}^ASCEND'
BCX = 'BCX^Blood culture^99WML^600-7^Bacteria identified in Blood by Culture^LN'


def spm(n, id_, site, t):
    return seg('SPM', {1: str(n), 2: id_, 4: '119297000^Blood specimen^SCT', 8: site, 17: t, 18: '20270111230500-0500'})


M['08-oml-o21-blood-cultures'] = [
    msh('ASCEND', 'WUMC', '20270111223012-0500', 'ASC2901008', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', VAN),
    seg('PV1', {**PV1V}),
    seg('ORC', {1: 'NW', 2: ORD.format(1), 9: '20270111222500-0500', 12: ABERNETHY}),
    seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '1', 2: ORD.format(1), 4: BCX, 7: '20270111222000-0500', 13: 'Fever 39.4 C, hypotension', 16: ABERNETHY}),
    seg('DG1', {1: '1', 3: 'A41.9^Sepsis, unspecified organism^I10', 6: 'W'}),
    spm(1, 'BC29-1^ASCEND', 'LAC^Left antecubital^HL70163', '20270111222000-0500'),
    seg('ORC', {1: 'NW', 2: ORD.format(2), 9: '20270111222500-0500', 12: ABERNETHY}),
    seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '2', 2: ORD.format(2), 4: BCX, 7: '20270111222500-0500', 13: 'Fever 39.4 C, hypotension', 16: ABERNETHY}),
    spm(1, 'BC29-2^ASCEND', 'RAC^Right antecubital^HL70163', '20270111222500-0500'),
]
FIL1, FIL2 = 'M27-0111-0031^SOFTMIC', 'M27-0111-0032^SOFTMIC'
TECH = 'WUMC Clinical Microbiology^^^^^WUMC'


def mobx(n, vt, code, val, status, sub='', flag='', t='20270112063000-0500', extra=None):
    f = {1: str(n), 2: vt, 3: code, 4: sub, 5: val, 8: flag, 11: status, 14: t, 23: TECH}
    f.update(extra or {})
    return seg('OBX', f)


def mobr(n, placer, filler, status, t, extra=None):
    f = {1: str(n), 2: placer, 3: filler, 4: BCX, 7: '20270111222000-0500', 16: ABERNETHY, 22: t, 25: status}
    f.update(extra or {})
    return seg('OBR', f)


GRAM = '664-3^Microscopic observation [Identifier] in Specimen by Gram stain^LN'
ISO = '600-7^Bacteria identified in Blood by Culture^LN'
M['09-oru-r01-micro-prelim'] = [
    msh('SOFTMIC', 'WUMC', '20270112063412-0500', 'SMC2901009', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', VAN),
    seg('PV1', {1: '1', 2: 'I', 3: 'MICU^M412^1^WUMC^^^^^N', 19: VISIT}),
    seg('ORC', {1: 'RE', 2: ORD.format(1), 3: FIL1, 12: ABERNETHY}),
    mobr(1, ORD.format(1), FIL1, 'P', '20270112063000-0500'),
    mobx(1, 'CWE', GRAM, '^Gram positive cocci in clusters', 'P', '1', 'A'),
    mobx(2, 'CWE', ISO, '^Staphylococcus species, identification to follow', 'P', '1', 'A'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Positive blood culture called to R. Vellacott RN, MICU, 01/12/2027 06:31 by lab tech 4417.'}),
    spm(1, 'BC29-1^ASCEND', 'LAC^Left antecubital^HL70163', '20270111222000-0500'),
    seg('ORC', {1: 'RE', 2: ORD.format(2), 3: FIL2, 12: ABERNETHY}),
    mobr(2, ORD.format(2), FIL2, 'P', '20270112063000-0500', {7: '20270111222500-0500'}),
    mobx(1, 'CWE', ISO, '264868006^No growth^SCT', 'P', '1', 'N'),
    seg('NTE', {1: '1', 2: 'L', 3: 'No growth at 24 hours; incubation continues.'}),
]
SUSC = '29576-6^Bacterial susceptibility panel^LN'
PARENT = '600-7&Bacteria identified in Blood by Culture&LN^1^Staphylococcus aureus'
EIP = 'W29080001&ASCEND^M27-0111-0031&SOFTMIC'


def mic(n, code, val, flag):
    return mobx(n, 'SN', code, val, 'F', '1', flag, '20270113150000-0500', {6: 'ug/mL^ug/mL^UCUM'})


M['10-oru-r01-micro-final-susc'] = [
    msh('SOFTMIC', 'WUMC', '20270113152208-0500', 'SMC2901010', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', VAN),
    seg('PV1', {1: '1', 2: 'I', 3: '8E^E822^2^WUMC^^^^^N', 19: VISIT}),
    seg('ORC', {1: 'RE', 2: ORD.format(1), 3: FIL1, 12: ABERNETHY}),
    mobr(1, ORD.format(1), FIL1, 'F', '20270113150000-0500'),
    mobx(1, 'CWE', GRAM, '^Gram positive cocci in clusters', 'F', '1', 'A'),
    mobx(2, 'CWE', ISO, '3092008^Staphylococcus aureus^SCT', 'F', '1', 'A', '20270113150000-0500'),
    seg('ORC', {1: 'RE', 2: ORD.format(1), 3: FIL1, 12: ABERNETHY}),
    seg('OBR', {1: '2', 2: ORD.format(1), 3: FIL1, 4: SUSC, 7: '20270111222000-0500', 16: ABERNETHY,
                22: '20270113150000-0500', 25: 'F', 26: PARENT, 29: EIP}),
    mic(1, '18961-2^Oxacillin [Susceptibility]^LN', '<=^0.25', 'S'),
    mic(2, '18964-6^Penicillin [Susceptibility]^LN', '>^8', 'R'),
    mic(3, '18878-9^Cefazolin [Susceptibility]^LN', '<=^2', 'S'),
    mic(4, '19000-9^Vancomycin [Susceptibility]^LN', '^1', 'S'),
]
M['11-oru-r01-micro-corrected'] = [
    msh('SOFTMIC', 'WUMC', '20270114101517-0500', 'SMC2901011', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', VAN),
    seg('PV1', {1: '1', 2: 'I', 3: '8E^E822^2^WUMC^^^^^N', 19: VISIT}),
    seg('ORC', {1: 'RE', 2: ORD.format(1), 3: FIL1, 12: ABERNETHY}),
    mobr(1, ORD.format(1), FIL1, 'C', '20270114101000-0500'),
    mobx(2, 'CWE', ISO, 'STLUG^Staphylococcus lugdunensis^99SMO', 'C', '1', 'A', '20270114100000-0500'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected report: isolate re-identified by MALDI-TOF. Previously reported as Staphylococcus aureus.'}),
]

# ---- Blood bank (SOFTBANK, legacy v2.3): STRAUSSFELD, pre-op type & screen + crossmatch 2 units ----
BBO = 'W2912000{}^ASCEND'
M['12-orm-o01-bloodbank-nw'] = [
    msh('ASCEND', 'WUMC', '20270117151014-0500', 'ASC2901012', 'ORM^O01', '2.3'),
    seg('PID', STR),
    seg('PV1', PV1S),
    seg('ORC', {1: 'NW', 2: BBO.format(1), 7: '1^ONCE^^20270118060000-0500^^R', 9: '20270117150500-0500', 12: OKORO}),
    seg('OBR', {1: '1', 2: BBO.format(1), 4: 'TS^Type and screen^99WBB', 7: '20270117150000-0500', 13: 'Pre-op right total hip arthroplasty 01/18',
                16: OKORO, 27: '1^ONCE^^20270118060000-0500^^R'}),
    seg('ORC', {1: 'NW', 2: BBO.format(2), 7: '2^ONCE^^20270118060000-0500^^R', 9: '20270117150500-0500', 12: OKORO}),
    seg('OBR', {1: '2', 2: BBO.format(2), 4: 'XMRBC^Crossmatch red cells^99WBB', 7: '20270117150000-0500',
                13: 'Pre-op right total hip arthroplasty 01/18', 16: OKORO, 27: '2^ONCE^^20270118060000-0500^^R'}),
    seg('DG1', {1: '1', 3: 'M16.11^Unilateral primary osteoarthritis, right hip^I10', 6: 'W'}),
    seg('OBX', {1: '1', 2: 'CE', 3: 'TXHX^Transfused in last 3 months^99WBB', 5: 'N^No^HL70136', 11: 'F'}),
]
M['13-orm-o01-bloodbank-sc'] = [
    msh('SOFTBANK', 'WUMC', '20270117163045-0500', 'SBK2901013', 'ORM^O01', '2.3'),
    seg('PID', STR),
    seg('ORC', {1: 'SC', 2: BBO.format(2), 3: 'BB27-0117-22^SOFTBANK', 5: 'IP', 9: '20270117163000-0500'}),
    seg('OBR', {1: '1', 2: BBO.format(2), 3: 'BB27-0117-22^SOFTBANK', 4: 'XMRBC^Crossmatch red cells^99WBB'}),
]
M['14-oru-r01-bloodbank-results'] = [
    msh('SOFTBANK', 'WUMC', '20270117184011-0500', 'SBK2901014', 'ORU^R01', '2.3'),
    seg('PID', STR),
    seg('ORC', {1: 'RE', 2: BBO.format(1), 3: 'BB27-0117-21^SOFTBANK', 12: OKORO}),
    seg('OBR', {1: '1', 2: BBO.format(1), 3: 'BB27-0117-21^SOFTBANK', 4: 'TS^Type and screen^99WBB', 7: '20270117154500-0500',
                16: OKORO, 22: '20270117183500-0500', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '883-9^ABO group [Type] in Blood^LN', 5: 'O^Group O^99WBB', 11: 'F', 14: '20270117154500-0500'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '10331-7^Rh [Type] in Blood^LN', 5: 'POS^Rh positive^99WBB', 11: 'F', 14: '20270117154500-0500'}),
    seg('OBX', {1: '3', 2: 'CE', 3: '890-4^Blood group antibody screen [Presence] in Serum or Plasma^LN', 5: 'NEG^Negative^99WBB', 11: 'F',
                14: '20270117154500-0500'}),
    seg('ORC', {1: 'RE', 2: BBO.format(2), 3: 'BB27-0117-22^SOFTBANK', 12: OKORO}),
    seg('OBR', {1: '2', 2: BBO.format(2), 3: 'BB27-0117-22^SOFTBANK', 4: 'XMRBC^Crossmatch red cells^99WBB', 7: '20270117154500-0500',
                16: OKORO, 22: '20270117183800-0500', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'ST', 3: 'UNIT^Unit number^99WBB', 4: '1', 5: 'W036327012345', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'CE', 3: 'XM^Crossmatch interpretation^99WBB', 4: '1', 5: 'C^Compatible^99WBB', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'ST', 3: 'UNIT^Unit number^99WBB', 4: '2', 5: 'W036327012346', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'CE', 3: 'XM^Crossmatch interpretation^99WBB', 4: '2', 5: 'C^Compatible^99WBB', 11: 'F'}),
]

# ---- Anatomic pathology (NOVOPATH, v2.5.1): STRAUSSFELD's femoral head ----
PATH = '1329010555&HALVERSEN-ODUYA&BEATRIX&&&&MD^20270119140000-0500^20270119141500-0500'
APOBR = {1: '1', 2: 'W29150001^ASCEND', 3: 'S27-00412^NOVOPATH', 4: '60567-5^Comprehensive pathology report panel^LN',
         7: '20270118093000-0500', 14: '20270118111500-0500', 16: OKORO, 32: PATH}
APSPM = seg('SPM', {1: '1', 2: '^S27-00412-A&NOVOPATH', 4: '119376003^Tissue specimen^SCT', 8: '29836001^Hip region structure^SCT',
                    14: 'Right femoral head', 17: '20270118093000-0500', 18: '20270118111500-0500'})


def apobx(n, vt, code, val, status='F'):
    return seg('OBX', {1: str(n), 2: vt, 3: code, 5: val, 11: status, 14: '20270118093000-0500'})


M['15-oru-r01-surgical-pathology'] = [
    msh('NOVOPATH', 'WUMC', '20270119142011-0500', 'NVP2901015', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', STR),
    seg('PV1', {1: '1', 2: 'I', 3: '5S^S512^1^WUMC^^^^^N', 19: 'V29012330^^^WUMC^VN'}),
    seg('ORC', {1: 'RE', 2: 'W29150001^ASCEND', 3: 'S27-00412^NOVOPATH', 12: OKORO}),
    seg('OBR', {**APOBR, 22: '20270119141500-0500', 25: 'F'}),
    apobx(1, 'TX', '22636-5^Pathology report relevant history^LN', 'Severe right hip osteoarthritis; total hip arthroplasty.'),
    apobx(2, 'FT', '22634-0^Pathology report gross observation^LN',
          'Received fresh labeled "right femoral head" is a 5.1 x 4.8 x 4.2 cm femoral head.\\.br\\'
          'The articular surface shows 60% eburnation.\\.br\\Representative sections submitted after decalcification (A1-A3).'),
    apobx(3, 'FT', '22637-3^Pathology report final diagnosis^LN',
          'FEMORAL HEAD, RIGHT, RESECTION:\\.br\\- Degenerative joint disease (osteoarthritis), severe.\\.br\\- No malignancy identified.'),
    APSPM,
]
M['16-oru-r01-surgical-pathology-amended'] = [
    msh('NOVOPATH', 'WUMC', '20270120095003-0500', 'NVP2901016', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', STR),
    seg('PV1', {1: '1', 2: 'I', 3: '5S^S512^1^WUMC^^^^^N', 19: 'V29012330^^^WUMC^VN'}),
    seg('ORC', {1: 'RE', 2: 'W29150001^ASCEND', 3: 'S27-00412^NOVOPATH', 12: OKORO}),
    seg('OBR', {**APOBR, 22: '20270120094500-0500', 25: 'C'}),
    apobx(3, 'FT', '22637-3^Pathology report final diagnosis^LN',
          'FEMORAL HEAD, RIGHT, RESECTION:\\.br\\- Degenerative joint disease (osteoarthritis), severe.\\.br\\'
          '- Subchondral cyst with focal osteonecrosis.\\.br\\- No malignancy identified.', 'C'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Amended: focal osteonecrosis identified on review of decalcified sections.'}),
    APSPM,
]

# ---- Transcription (ESCRIPTION, MDM v2.6): MACALUSO-RENWICK's clinic H&P ----
MAC = {1: '1', 3: 'W2901745^^^WUMC^MR', 5: 'MACALUSO-RENWICK^PERPETUA^ANN^^^^L', 7: '19840907', 8: 'F',
       11: '77 HOLLYHOCK LN^^PITTSFORD^NY^14534^USA^H', 18: 'A29017450^^^WUMC^AN'}
PV1M = {1: '1', 2: 'O', 3: 'ENDO^^^WUMC^^^^^C', 7: DZIEDZIC, 19: 'V29017450^^^WUMC^VN'}
TRANS = 'ESC4471^PELLEGRINO^ODILE'


def txa(doc, status, extra=None):
    f = {1: '1', 2: 'HP^History and physical^HL70270', 3: 'TX', 4: '20270119101500-0500', 5: DZIEDZIC,
         6: '20270119104500-0500', 9: DZIEDZIC, 11: TRANS, 12: doc, 17: status}
    f.update(extra or {})
    return seg('TXA', f)


def note(*lines):
    return [seg('OBX', {1: str(i + 1), 2: 'TX', 3: '11492-6^History and physical note^LN', 5: l, 11: 'F'}) for i, l in enumerate(lines)]


DOC1, DOC2 = 'ESC-2901701^ESCRIPTION', 'ESC-2901702^ESCRIPTION'
M['17-mdm-t02-hp-in-progress'] = [
    msh('ESCRIPTION', 'WUMC', '20270119110203-0500', 'ESC2901017', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {2: '20270119110200-0500'}),
    seg('PID', MAC),
    seg('PV1', PV1M),
    txa(DOC1, 'IP', {19: 'AV'}),
    *note('HPI: 42F referred for new hypothyroidism, TSH 11.2.', 'Plan: levothyroxine 50 mcg daily; recheck TSH in 6 weeks.'),
]
M['18-mdm-t04-authenticated'] = [
    msh('ESCRIPTION', 'WUMC', '20270119163518-0500', 'ESC2901018', 'MDM^T04^MDM_T02', '2.6'),
    seg('EVN', {2: '20270119163500-0500'}),
    seg('PID', MAC),
    seg('PV1', PV1M),
    txa(DOC1, 'AU', {19: 'AV', 22: f'{DZIEDZIC.split("^")[0]}^DZIEDZIC^HONORATA^^^^MD^^^^^^^20270119163400-0500'}),
    *note('HPI: 42F referred for new hypothyroidism, TSH 11.2.', 'Plan: levothyroxine 50 mcg daily; recheck TSH in 6 weeks.'),
]
M['19-mdm-t08-edit'] = [
    msh('ESCRIPTION', 'WUMC', '20270120084122-0500', 'ESC2901019', 'MDM^T08^MDM_T02', '2.6'),
    seg('EVN', {2: '20270120084100-0500'}),
    seg('PID', MAC),
    seg('PV1', PV1M),
    txa(DOC2, 'AU', {6: '20270120084000-0500', 13: DOC1, 19: 'AV',
                     22: f'{DZIEDZIC.split("^")[0]}^DZIEDZIC^HONORATA^^^^MD^^^^^^^20270120084000-0500'}),
    *note('HPI: 42F referred for new hypothyroidism, TSH 11.2, free T4 0.7.',
          'Plan: levothyroxine 50 mcg daily; recheck TSH and free T4 in 6 weeks.'),
]
M['20-mdm-t11-cancel'] = [
    msh('ESCRIPTION', 'WUMC', '20270120091507-0500', 'ESC2901020', 'MDM^T11^MDM_T01', '2.6'),
    seg('EVN', {2: '20270120091500-0500'}),
    seg('PID', MAC),
    seg('PV1', PV1M),
    txa(DOC2, 'AU', {6: '20270120084000-0500', 13: DOC1, 19: 'CA'}),
]

# ---- Pharmacy (WORX, v2.5): VANDERHOEK-ASANTE's IV cefazolin ----
RXO_NUM, RXF = 'W29210001^ASCEND', 'RX27-08841^WORX'
CEFAZ = '1796^cefazolin^RXNORM'
PHARM = 'RPH2210^NAKASHIMA-BELL^TOVE^^^^PharmD'


def rxe(dose, vol, rate, extra=None):
    f = {2: CEFAZ, 3: dose, 5: 'g^gram^UCUM', 6: 'IVPB^IV piggyback^99WRX', 7: f'^{dose} g IV in {vol} mL NS over 30 min',
         10: '3', 11: 'EA^each^UCUM', 14: PHARM, 15: RXF.split('^')[0],
         21: '^Do not refrigerate after mixing; use within 24 hours', 22: 'H1^hour^UCUM', 23: rate, 24: 'mL/h^milliliter per hour^UCUM'}
    f.update(extra or {})
    return seg('RXE', f)


def rxc(vol, dose):
    return [seg('RXC', {1: 'B', 2: '313002^sodium chloride 9 MG/ML Injectable Solution^RXNORM', 3: vol, 4: 'mL^milliliter^UCUM'}),
            seg('RXC', {1: 'A', 2: CEFAZ, 3: dose, 4: 'g^gram^UCUM'})]


RXR = seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'RA^Right arm^HL70163', 3: 'IVP^IV pump^HL70164', 4: 'IVPB^IV piggyback^HL70165'})
M['21-rde-o11-iv-cefazolin-nw'] = [
    msh('WORX', 'WUMC', '20270113120512-0500', 'WRX2901021', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', VAN),
    seg('PV1', {1: '1', 2: 'I', 3: '8E^E822^2^WUMC^^^^^N', 19: VISIT}),
    seg('ORC', {1: 'NW', 2: RXO_NUM, 3: RXF, 9: '20270113115500-0500', 12: ABERNETHY}),
    rxe('2', '100', '200'),
    seg('TQ1', {1: '1', 3: 'Q8H^Every 8 hours^HL70335', 7: '20270113140000-0500', 9: 'R^Routine^HL70485', 13: '30^min&minute&UCUM'}),
    RXR,
    *rxc('100', '2'),
]
M['22-rde-o11-iv-cefazolin-xo'] = [
    msh('WORX', 'WUMC', '20270116091044-0500', 'WRX2901022', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', VAN),
    seg('PV1', {1: '1', 2: 'I', 3: '8E^E822^2^WUMC^^^^^N', 19: VISIT}),
    seg('ORC', {1: 'XO', 2: RXO_NUM, 3: RXF, 5: 'IP', 9: '20270116090500-0500', 12: ABERNETHY,
                16: 'RENAL^Dose adjusted for creatinine clearance 28 mL/min^99WRX'}),
    rxe('1', '50', '100', {10: '2'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20270116140000-0500', 9: 'R^Routine^HL70485', 13: '30^min&minute&UCUM'}),
    RXR,
    *rxc('50', '1'),
]
M['23-rds-o13-iv-cefazolin-dispense'] = [
    msh('WORX', 'WUMC', '20270116123309-0500', 'WRX2901023', 'RDS^O13^RDS_O13', '2.5'),
    seg('PID', VAN),
    seg('PV1', {1: '1', 2: 'I', 3: '8E^E822^2^WUMC^^^^^N', 19: VISIT}),
    seg('ORC', {1: 'RE', 2: RXO_NUM, 3: RXF, 12: ABERNETHY}),
    rxe('1', '50', '100', {10: '2'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20270116140000-0500', 9: 'R^Routine^HL70485', 13: '30^min&minute&UCUM'}),
    RXR,
    *rxc('50', '1'),
    seg('RXD', {1: '1', 2: CEFAZ, 3: '20270116123000-0500', 4: '2', 5: 'EA^each^UCUM', 6: 'IVPB^IV piggyback^99WRX', 7: 'RX27-08841-03',
                10: PHARM, 13: '8E^E822^2^WUMC'}),
    RXR,
]

# ---- Employee health VXU v2.8 (OCCHEALTH): TIBBETTS-OYELOWO ----
TIB = {1: '1', 3: 'E29018830^^^WUMC^MR', 5: 'TIBBETTS-OYELOWO^CALLUM^REID^^^^L', 7: '19900614', 8: 'M',
       11: '230 MEIGS ST^^ROCHESTER^NY^14607^USA^H', 13: '^PRN^PH^^1^585^5550883'}
NURSE = 'RN3318^KOWALCZUK-AMADI^BRONWEN^^^^RN'
M['24-vxu-v04-employee-flu-hist-delete'] = [
    msh('OCCHEALTH', 'WUMC', '20270121103015-0500', 'OCC2901024', 'VXU^V04^VXU_V04', '2.8', {21: 'Z22^CDCPHINVS'}),
    seg('PID', TIB),
    seg('ORC', {1: 'RE', 3: 'OH29-24-01^OCCHEALTH', 12: ABERNETHY}),
    seg('RXA', {1: '0', 2: '1', 3: '20270121101000-0500', 5: '150^Influenza, injectable, quadrivalent, preservative free^CVX', 6: '0.5',
                7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: NURSE, 11: '^^^WUMC-OCCHEALTH', 15: 'FL29X41',
                16: '20270630', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LD^Left deltoid^HL70163'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V01^Not VFC eligible^HL70064', 11: 'F', 14: '20270121101000-0500', 17: 'VXC40^per immunization^CDCPHINVS'}),
    seg('ORC', {1: 'RE', 3: 'OH29-24-02^OCCHEALTH'}),
    seg('RXA', {1: '0', 2: '1', 3: '20080915', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '999',
                9: '01^Historical information - source unspecified^NIP001', 21: 'D'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
