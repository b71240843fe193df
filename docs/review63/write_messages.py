#!/usr/bin/env python3
r"""Review 63's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a UK NHS acute hospital trust's systems on ONE Europe/London channel, across the end of British Summer Time
on Sunday 26 October 2031 (checked with Python's zoneinfo: 01:00-01:59 happens at +01:00 BST, then again at +00:00 GMT).
Wyvern Vale General Hospital (WVGH) of the invented Wyvern Vale Hospitals NHS Foundation Trust.
- PAS "WVPAS": ADT v2.4 A01 / A02 / A03 / A04 (ED attendance) / A08 / A11 / A12 / A13 / A40. MSH-7 WITHOUT an offset
  (as many UK PAS feeds send it), every inner time bare. PID-3: the hospital number (WVGH MR) and the NHS number
  (authority NHS, type NH, mod-11 check digit computed, 999 test range); PID-22 the NHS ethnic category; PD1 the
  registered GP practice and GP; NK1 next of kin (NK1-7 N); PV1-3 ward^bay^bed, PV1-7 the consultant, PV1-10 the
  treatment function, PV1-19 the spell / ED attendance number, PV1-44/45.
- LIMS "WVLIMS": ORU^R01 v2.4, MSH-7 WITH its offset (+0100 in BST, +0000 in GMT), inner times bare: FBC, U&E, a
  high-sensitivity troponin T series (0 h, 3 h), a U&E cancelled by the lab (haemolysed: ORC-5 CA, OBR-25 X, no OBX),
  a potassium corrected after the clock change (OBX-11 C, OBR-25 C) of a sample taken in BST.
- Order comms "WVICE" (ED and wards): ORM^O01 v2.4, MSH-7 with its offset, OBR-27 TQ.4 the sample time.
The night: an ED attendance at 00:42 BST, its orders at 00:58 BST, results at 01:41 BST and 01:12 GMT (the repeated
hour), the ED closed at 02:25 GMT, admission 02:40 GMT; an unknown male registered at 01:35 in the second pass by a PAS
that sends no offset; the 3 h troponin due 3 elapsed hours after 00:45 BST, i.e. 02:45 GMT.
All persons, numbers, facilities and addresses are invented; local codes are the trust's, LOINC beside them where the
reviewer knew it (not checked against the LOINC table).
Run from the worktree root (convert with --timezone Europe/London):
    python3 docs/review63/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review63/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, to='HIG'):
    return seg('MSH', {3: app, 4: 'WVGH', 5: to, 6: 'WVGH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.4', 15: 'AL',
                       16: 'NE', 17: 'GBR'})


def evn(code, t, who='PAS217^JARVIS^KAREN^^^^^^WVGH'):
    return seg('EVN', {1: code, 2: t, 5: who})


def nhs(prefix9):
    """An NHS number: 9 digits + the modulus 11 check digit (weights 10..2)."""
    s = sum(int(d) * w for d, w in zip(prefix9, range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    assert c != 10, prefix9
    return prefix9 + str(c)


NHS_A, NHS_B, NHS_C, NHS_D = nhs('999363101'), nhs('999363102'), nhs('999363103'), nhs('999363104')

PAT_A = {1: '1', 3: f'WV6300117^^^WVGH^MR~{NHS_A}^^^NHS^NH', 5: 'TRELAWNEY^CLIVE^ANTHONY^^MR^^L', 7: '19560214',
         8: 'M', 11: '14 Quarry Lane^Upper Hennock^Wyvern Vale^Worcestershire^WR9 4QD^GBR^H',
         13: '01905 761228^PRN^PH~07700 900417^ORN^CP', 16: 'M', 22: 'A^White - British^NHSETH'}
PAT_B = {1: '1', 3: f'WV6300125^^^WVGH^MR~{NHS_B}^^^NHS^NH', 5: 'LOCKYER^GEMMA^LOUISE^^MS^^L', 7: '19910830',
         8: 'F', 11: 'Flat 3^22 Severn Street^Wyvern Vale^Worcestershire^WR9 2LP^GBR^H',
         13: '07700 900582^ORN^CP', 22: 'A^White - British^NHSETH'}
PAT_C = {1: '1', 3: f'WV6300133^^^WVGH^MR~{NHS_C}^^^NHS^NH', 5: 'McCRACKEN^MORAG^ISOBEL^^MRS^^L', 7: '19380411',
         8: 'F', 11: '2 Kestrel Court^Bramley Green^Wyvern Vale^Worcestershire^WR9 7HT^GBR^H',
         13: '01905 764019^PRN^PH', 16: 'W', 22: 'B^White - Irish^NHSETH'}
# the unknown male brought in by ambulance: a temporary hospital number, no NHS number, estimated date of birth
PAT_D_TEMP = {1: '1', 3: 'WVT6300141^^^WVGH^MR', 5: 'UNKNOWN^MALE^^^^^U', 7: '19800101', 8: 'M'}
PAT_D = {1: '1', 3: f'WV6300158^^^WVGH^MR~{NHS_D}^^^NHS^NH', 5: 'WISNIEWSKI^TOMASZ^^^MR^^L', 7: '19830317', 8: 'M',
         11: '9 Tanners Row^^Wyvern Vale^Worcestershire^WR9 1SE^GBR^H', 13: '07700 900736^ORN^CP',
         22: 'C^White - Any other White background^NHSETH'}


def pid(base, extra=None):
    f = dict(base)
    f.update(extra or {})
    return seg('PID', f)


def pd1(practice, gp):
    return seg('PD1', {3: practice, 4: gp})


PD1_A = pd1('Hennock Road Surgery^^M63017^^^ODS', 'G6301172^FAIRBAIRN^ALISON^^^DR^^^NATGP')
PD1_C = pd1('Bramley Green Medical Practice^^M63025^^^ODS', 'G6302509^OSEI^KWAME^^^DR^^^NATGP')

# ---- consultants and doctors (consultant codes C + GMC number; junior doctors by GMC number) ----
EDCONS = 'C6310442^HALLORAN^BRIDGET^^^DR^^^GMC'
EDREG = '6318857^ANAND^RAVI^^^DR^^^GMC'
CARDIO = 'C6320915^ODUYA^FEMI^^^DR^^^GMC'
ACUTE = 'C6331208^BELLINGHAM^SARAH^^^DR^^^GMC'
ELDER = 'C6332771^MACINTYRE^FRASER^^^DR^^^GMC'
SURG = 'C6340386^THORNE^JONATHAN^^^MR^^^GMC'
PATH = 'C6350127^RAWLINGS^HELEN^^^DR^^^GMC'


def pv1(cls, where, visit, doc, start, svc, end='', extra=None):
    f = {1: '1', 2: cls, 3: where, 7: doc, 10: svc, 19: f'{visit}^^^WVGH^VN', 44: start}
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


def nk1(i, name, rel, extra):
    f = {1: str(i), 2: name, 3: rel}
    f.update(extra)
    return seg('NK1', f)


def orc(ctl, placer, filler, status, t, doc, extra=None):
    f = {1: ctl, 2: placer, 3: filler, 5: status, 9: t, 12: doc}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, extra):
    f = {1: str(i), 2: placer, 3: filler, 4: code}
    f.update(extra)
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t=''):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


# ---- places (ward^bay^bed^facility^^^^^description) ----
ED_MAJ = 'EDMAJ^MAJ^CUB07^WVGH^^^^^Emergency Department Majors'
ED_RESUS = 'EDRES^RESUS^RB02^WVGH^^^^^Emergency Department Resus'
AMU_B2_3 = 'AMU^BAY02^BED03^WVGH^^^^^Acute Medical Unit'
W22_B4_2 = 'W22^BAY04^BED02^WVGH^^^^^Ward 22 Care of the Elderly'
W22_B1_6 = 'W22^BAY01^BED06^WVGH^^^^^Ward 22 Care of the Elderly'
SAU_B1_4 = 'SAU^BAY01^BED04^WVGH^^^^^Surgical Assessment Unit'
W7_B3_4 = 'W07^BAY03^BED04^WVGH^^^^^Ward 7 Cardiology'
CCU_2 = 'CCU^SR^BED02^WVGH^^^^^Coronary Care Unit'

# ---- tests (local code, LOINC beside) ----
FBC = 'FBC^Full blood count^WVLAB'
UE = 'UE^Urea and electrolytes^WVLAB'
TNT = 'TNTHS^Troponin T high sensitivity^WVLAB^67151-1^Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN'
HB = '718-7^Hemoglobin [Mass/volume] in Blood^LN'
WBC = '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN'
PLT = '777-3^Platelets [#/volume] in Blood by Automated count^LN'
NA = '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN'
K = '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN'
UREA = '22664-7^Urea [Moles/volume] in Serum or Plasma^LN'
CREA = '14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN'
EGFR = '62238-1^Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)^LN'
TNT_OBX = '67151-1^Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN'
U_GL, U_E9, U_MMOL, U_UMOL, U_NGL = 'g/L^g/L^UCUM', '10*9/L^10*9/L^UCUM', 'mmol/L^mmol/L^UCUM', 'umol/L^umol/L^UCUM', 'ng/L^ng/L^UCUM'
U_GFR = 'mL/min/{1.73_m2}^mL/min/1.73m2^UCUM'


def fbc(hb, wbc, plt, t, hbflag='', wbcflag=''):
    return [obx(1, 'NM', HB, hb, U_GL, '130-170', hbflag, 'F', t), obx(2, 'NM', WBC, wbc, U_E9, '4.0-11.0', wbcflag, 'F', t),
            obx(3, 'NM', PLT, plt, U_E9, '150-400', '', 'F', t)]


def ue(na, k, urea, crea, egfr, t, kflag='', kstatus='F', ref_f=('133-146', '3.5-5.3', '2.5-7.8', '59-104')):
    return [obx(1, 'NM', NA, na, U_MMOL, ref_f[0], '', 'F', t), obx(2, 'NM', K, k, U_MMOL, ref_f[1], kflag, kstatus, t),
            obx(3, 'NM', UREA, urea, U_MMOL, ref_f[2], '', 'F', t), obx(4, 'NM', CREA, crea, U_UMOL, ref_f[3], '', 'F', t),
            obx(5, 'NM', EGFR, egfr, U_GFR, '>90', '', 'F', t)]


M = {}

# ================= McCRACKEN, Morag Isobel (93): acute medical admission Friday, moves, discharge and its cancel =====
C_NK1 = lambda: nk1(1, 'DOYLE^FIONA^^^MRS', 'DAU^Daughter^HL70063', {  # noqa: E731
    4: '31 Mill Street^^Droitwich^Worcestershire^WR9 8QQ^GBR^H', 5: '07700 900265^ORN^CP', 7: 'N^Next-of-Kin^HL70131'})
C_SPELL = 'SP6300133-1'
C_PV1 = lambda where, prior='', end='', extra=None: pv1(  # noqa: E731
    'I', where, C_SPELL, ACUTE if where == AMU_B2_3 else ELDER, '20311024162000', '300^General Medicine^WVTFC', end,
    {4: '21^Emergency - Emergency Care Department^NHSADMMETH', 6: prior, 14: '19^Usual place of residence^NHSADMSRC'}
    | (extra or {}))
# 01 ADT^A01: admitted Friday 24 Oct 16:20 BST from ED to the Acute Medical Unit (bare MSH-7, as the PAS sends)
M['01-adt-a01-mccracken-amu-admit'] = [
    msh('WVPAS', '20311024162245', 'WVPAS6300001', 'ADT^A01^ADT_A01'), evn('A01', '20311024162000'), pid(PAT_C), PD1_C,
    C_NK1(), C_PV1(AMU_B2_3), seg('PV2', {3: '^Falls, confusion ?UTI'}),
]
# 02 ORU^R01: FBC and U&E from the admission bloods (collected 17:05 BST): potassium 6.2 H (later corrected)
M['02-oru-r01-mccracken-fbc-ue'] = [
    msh('WVLIMS', '20311024181530+0100', 'WVLIMS6300002', 'ORU^R01'), pid(PAT_C), C_PV1(AMU_B2_3),
    orc('RE', 'ICE6300133-01^WVICE', '63L2410482^WVLIMS', 'CM', '20311024181500', ACUTE),
    obr(1, 'ICE6300133-01^WVICE', '63L2410482^WVLIMS', FBC, {7: '20311024170500', 14: '20311024172400', 16: ACUTE,
                                                              22: '20311024174000', 24: 'HM', 25: 'F'}),
    *fbc('118', '13.4', '251', '20311024173500', 'L', 'H'),
    orc('RE', 'ICE6300133-02^WVICE', '63L2410483^WVLIMS', 'CM', '20311024181500', ACUTE),
    obr(2, 'ICE6300133-02^WVICE', '63L2410483^WVLIMS', UE, {7: '20311024170500', 14: '20311024172400', 16: ACUTE,
                                                             22: '20311024181000', 24: 'CH', 25: 'F'}),
    *ue('137', '6.2', '9.8', '121', '36', '20311024175000', kflag='H'),
]
# 03 ADT^A02: Saturday 25 Oct 11:05 moved to Ward 22 bay 4 bed 2
M['03-adt-a02-mccracken-to-ward22-bay4'] = [
    msh('WVPAS', '20311025110712', 'WVPAS6300003', 'ADT^A02^ADT_A02'), evn('A02', '20311025110500'), pid(PAT_C), PD1_C,
    C_PV1(W22_B4_2, AMU_B2_3),
]
# 04 ADT^A12: the transfer cancelled at 11:40 (the bed was allocated to another patient): back in AMU bay 2 bed 3
M['04-adt-a12-mccracken-cancel-transfer'] = [
    msh('WVPAS', '20311025114118', 'WVPAS6300004', 'ADT^A12^ADT_A12'), evn('A12', '20311025114000'), pid(PAT_C), PD1_C,
    C_PV1(AMU_B2_3, W22_B4_2),
]
# 05 ADT^A02: 15:30 the real move, Ward 22 bay 1 bed 6
M['05-adt-a02-mccracken-to-ward22-bay1'] = [
    msh('WVPAS', '20311025153204', 'WVPAS6300005', 'ADT^A02^ADT_A02'), evn('A02', '20311025153000'), pid(PAT_C), PD1_C,
    C_PV1(W22_B1_6, AMU_B2_3),
]

# ================= LOCKYER, Gemma Louise: admitted to the Surgical Assessment Unit in error, the admit cancelled ======
B_PV1 = lambda: pv1('I', SAU_B1_4, 'SP6300125-1', SURG, '20311025215000', '100^General Surgery^WVTFC',  # noqa: E731
                    extra={4: '21^Emergency - Emergency Care Department^NHSADMMETH', 14: '19^Usual place of residence^NHSADMSRC'})
# 06 ADT^A01: Saturday 21:50 admitted to SAU (query appendicitis)
M['06-adt-a01-lockyer-sau-admit'] = [
    msh('WVPAS', '20311025215214', 'WVPAS6300006', 'ADT^A01^ADT_A01'), evn('A01', '20311025215000'), pid(PAT_B),
    nk1(1, 'LOCKYER^PETER^^^MR', 'FTH^Father^HL70063', {5: '07700 900644^ORN^CP', 7: 'N^Next-of-Kin^HL70131'}),
    B_PV1(), seg('PV2', {3: '^RIF pain ?appendicitis'}),
]
# 07 ADT^A11: 22:35 the admission cancelled (entered in error: seen and sent home from ED, never admitted)
M['07-adt-a11-lockyer-cancel-admit'] = [
    msh('WVPAS', '20311025223611', 'WVPAS6300007', 'ADT^A11^ADT_A09'), evn('A11', '20311025223500'), pid(PAT_B), B_PV1(),
]

# ================= TRELAWNEY, Clive Anthony (75): chest pain in ED on the night the clocks go back =================
A_NK1 = lambda: nk1(1, 'TRELAWNEY^SUSAN^^^MRS', 'SPO^Spouse^HL70063', {  # noqa: E731
    4: '14 Quarry Lane^Upper Hennock^Wyvern Vale^Worcestershire^WR9 4QD^GBR^H', 5: '07700 900418^ORN^CP',
    7: 'N^Next-of-Kin^HL70131'})
A_ED = 'ED6300117-1'
A_SPELL = 'SP6300117-1'
A_ED_PV1 = lambda end='', extra=None: pv1('E', ED_MAJ, A_ED, EDCONS, '20311026004200', '180^Emergency Medicine^WVTFC',  # noqa: E731
                                          end, extra)
A_W_PV1 = lambda where, prior='': pv1('I', where, A_SPELL, CARDIO, '20311026024000', '320^Cardiology^WVTFC',  # noqa: E731
                                      extra={4: '21^Emergency - Emergency Care Department^NHSADMMETH', 6: prior,
                                             14: '19^Usual place of residence^NHSADMSRC'})
A_ORD = {k: (f'ICE6300117-0{i}^WVICE', f'63L26{i}0117^WVLIMS') for i, k in enumerate(['TNT0', 'TNT3', 'FBC', 'UE'], 1)}
A_ORD['UE2'] = ('ICE6300117-05^WVICE', '63L2650117^WVLIMS')
# 08 ADT^A04: ED attendance registered 00:42 BST Sunday 26 Oct (23:42 UTC Saturday)
M['08-adt-a04-trelawney-ed-attendance'] = [
    msh('WVPAS', '20311026004405', 'WVPAS6300008', 'ADT^A04^ADT_A01'), evn('A04', '20311026004200'), pid(PAT_A), PD1_A,
    A_NK1(), A_ED_PV1(extra={14: '19^Usual place of residence^NHSADMSRC'}), seg('PV2', {3: '^Central chest pain 2 hours'}),
]
# 09 ORM^O01: ED order comms 00:58 BST: troponin 0 h (now) and 3 h (due 3 elapsed hours after 00:45 BST = 02:45 GMT),
# FBC, U&E
M['09-orm-o01-trelawney-ed-bloods'] = [
    msh('WVICE', '20311026005812+0100', 'WVICE6300009', 'ORM^O01', 'WVLIMS'), pid(PAT_A), A_ED_PV1(),
    *[s for i, (k, code, due, note) in enumerate([
        ('TNT0', TNT, '20311026004500', 'Troponin 0 hour. Onset of pain 22:30'),
        ('TNT3', TNT, '20311026024500', 'Troponin 3 hour. Onset of pain 22:30'),
        ('FBC', FBC, '20311026004500', ''), ('UE', UE, '20311026004500', '')], 1) for s in (
        orc('NW', A_ORD[k][0], '', 'IP', '20311026005800', EDREG, {7: f'1^^^{due}^^S' if k != 'TNT3' else f'1^^^{due}^^R'}),
        obr(i, A_ORD[k][0], '', code, {16: EDREG, 27: f'1^^^{due}^^S' if k != 'TNT3' else f'1^^^{due}^^R'}
            | ({13: note} if note else {})))],
]
# 10 ORU^R01: 01:41 BST (first pass): FBC final; the U&E cancelled by the lab (haemolysed), no OBX
M['10-oru-r01-trelawney-fbc-ue-cancelled'] = [
    msh('WVLIMS', '20311026014122+0100', 'WVLIMS6300010', 'ORU^R01'), pid(PAT_A), A_ED_PV1(),
    orc('RE', *A_ORD['FBC'], 'CM', '20311026014100', EDREG),
    obr(1, *A_ORD['FBC'], FBC, {7: '20311026005000', 14: '20311026010800', 16: EDREG, 22: '20311026013500', 24: 'HM', 25: 'F'}),
    *fbc('141', '9.6', '228', '20311026013000'),
    orc('RE', *A_ORD['UE'], 'CA', '20311026014100', EDREG, {16: 'HAEM^Sample haemolysed^WVLAB'}),
    obr(2, *A_ORD['UE'], UE, {7: '20311026005000', 14: '20311026010800', 16: EDREG, 22: '20311026014000', 24: 'CH', 25: 'X'}),
    nte(1, 'Sample grossly haemolysed - test cancelled. Please send a repeat sample.'),
]
# 11 ORU^R01: 01:12 GMT (second pass, 31 min after #10 by the wall clock's earlier reading): troponin 0 h 14 ng/L.
# Collected 00:50 BST (before the change), received 01:20 BST (first pass: 01:20 GMT would be after this message),
# resulted 01:10 GMT.
M['11-oru-r01-trelawney-troponin-0h'] = [
    msh('WVLIMS', '20311026011208+0000', 'WVLIMS6300011', 'ORU^R01'), pid(PAT_A), A_ED_PV1(),
    orc('RE', *A_ORD['TNT0'], 'CM', '20311026011200', EDREG),
    obr(1, *A_ORD['TNT0'], TNT, {7: '20311026005000', 14: '20311026012000', 16: EDREG, 22: '20311026011100', 24: 'CH', 25: 'F'}),
    obx(1, 'NM', TNT_OBX, '14', U_NGL, '<15', '', 'F', '20311026011000'),
]

# ================= WISNIEWSKI, Tomasz: brought in unconscious at 01:35 GMT, registered unknown, merged later ========
D_ED_PV1 = lambda pat_end='', extra=None: pv1('E', ED_RESUS, 'ED6300141-1', EDCONS, '20311026013500',  # noqa: E731
                                              '180^Emergency Medicine^WVTFC', pat_end, extra)
# 12 ADT^A04: 01:35 in the second pass (GMT; the PAS sends no offset, so the message cannot say which 01:35)
M['12-adt-a04-unknown-male-ed-resus'] = [
    msh('WVPAS', '20311026013811', 'WVPAS6300012', 'ADT^A04^ADT_A01'), evn('A04', '20311026013500'), pid(PAT_D_TEMP),
    D_ED_PV1(extra={14: '99^Not known^NHSADMSRC'}), seg('PV2', {3: '^Found collapsed, GCS 9'}),
]

# ================= TRELAWNEY continued =================
# 13 ADT^A03: the ED attendance closed 02:25 GMT (admitted): 00:42 BST -> 02:25 GMT is 2 h 43 min
M['13-adt-a03-trelawney-ed-closed'] = [
    msh('WVPAS', '20311026022709', 'WVPAS6300013', 'ADT^A03^ADT_A03'), evn('A03', '20311026022500'), pid(PAT_A), PD1_A,
    A_ED_PV1('20311026022500', {36: '51^Admitted to ward^WVEDDISP'}),
]
# 14 ADT^A01: admitted 02:40 GMT to Ward 7 Cardiology bay 3 bed 4 (the spell)
M['14-adt-a01-trelawney-ward7-admit'] = [
    msh('WVPAS', '20311026024133', 'WVPAS6300014', 'ADT^A01^ADT_A01'), evn('A01', '20311026024000'), pid(PAT_A), PD1_A,
    A_NK1(), A_W_PV1(W7_B3_4), seg('PV2', {3: '^Chest pain ?NSTEMI'}),
]
# 15 ORU^R01: 04:12 GMT troponin 3 h 58 ng/L H (collected 02:50 GMT)
M['15-oru-r01-trelawney-troponin-3h'] = [
    msh('WVLIMS', '20311026041244+0000', 'WVLIMS6300015', 'ORU^R01'), pid(PAT_A), A_W_PV1(W7_B3_4),
    orc('RE', *A_ORD['TNT3'], 'CM', '20311026041200', EDREG),
    obr(1, *A_ORD['TNT3'], TNT, {7: '20311026025000', 14: '20311026031500', 16: EDREG, 22: '20311026041000', 24: 'CH', 25: 'F'}),
    obx(1, 'NM', TNT_OBX, '58', U_NGL, '<15', 'H', 'F', '20311026040800'),
    nte(1, 'Delta from 0 h sample 44 ng/L: significant rise.'),
]
# 16 ADT^A02: 05:20 GMT to the Coronary Care Unit bed 2
M['16-adt-a02-trelawney-to-ccu'] = [
    msh('WVPAS', '20311026052214', 'WVPAS6300016', 'ADT^A02^ADT_A02'), evn('A02', '20311026052000'), pid(PAT_A), PD1_A,
    A_W_PV1(CCU_2, W7_B3_4),
]
# 17 ORM^O01: the repeat U&E ordered from CCU 05:40 GMT, sample due 06:00
M['17-orm-o01-trelawney-repeat-ue'] = [
    msh('WVICE', '20311026054017+0000', 'WVICE6300017', 'ORM^O01', 'WVLIMS'), pid(PAT_A), A_W_PV1(CCU_2),
    orc('NW', A_ORD['UE2'][0], '', 'IP', '20311026054000', CARDIO, {7: '1^^^20311026060000^^R'}),
    obr(1, A_ORD['UE2'][0], '', UE, {16: CARDIO, 27: '1^^^20311026060000^^R', 13: 'Repeat - previous sample haemolysed'}),
]

# ================= WISNIEWSKI identified: the temporary record merged into his own ===================================
# 18 ADT^A40: 08:20 GMT the unknown male identified; WVT6300141 merged into WV6300158 (NHS number verified)
M['18-adt-a40-wisniewski-merge-temporary'] = [
    msh('WVPAS', '20311026082047', 'WVPAS6300018', 'ADT^A40^ADT_A39'), evn('A40', '20311026082000'), pid(PAT_D),
    seg('MRG', {1: 'WVT6300141^^^WVGH^MR', 7: 'UNKNOWN^MALE^^^^^U'}),
]

# ================= TRELAWNEY continued =================
# 19 ORU^R01: 08:55 GMT the repeat U&E (collected 06:05 GMT): potassium 4.1
M['19-oru-r01-trelawney-repeat-ue'] = [
    msh('WVLIMS', '20311026085512+0000', 'WVLIMS6300019', 'ORU^R01'), pid(PAT_A), A_W_PV1(CCU_2),
    orc('RE', *A_ORD['UE2'], 'CM', '20311026085500', CARDIO),
    obr(1, *A_ORD['UE2'], UE, {7: '20311026060500', 14: '20311026063000', 16: CARDIO, 22: '20311026085000', 24: 'CH', 25: 'F'}),
    *ue('139', '4.1', '6.2', '88', '78', '20311026084500'),
]
# 20 ADT^A08: 09:30 GMT his wife's new mobile and the patient's mobile corrected (PID and NK1 resent, PV1 CCU)
M['20-adt-a08-trelawney-contact-update'] = [
    msh('WVPAS', '20311026093018', 'WVPAS6300020', 'ADT^A08^ADT_A01'), evn('A08', '20311026093000'),
    pid(PAT_A, {13: '01905 761228^PRN^PH~07700 900419^ORN^CP'}), PD1_A,
    nk1(1, 'TRELAWNEY^SUSAN^^^MRS', 'SPO^Spouse^HL70063', {
        4: '14 Quarry Lane^Upper Hennock^Wyvern Vale^Worcestershire^WR9 4QD^GBR^H', 5: '07700 900473^ORN^CP',
        7: 'N^Next-of-Kin^HL70131'}),
    A_W_PV1(CCU_2),
]

# ================= McCRACKEN continued: the potassium corrected after the clock change =================
# 21 ORU^R01: 09:41 GMT Sunday: Friday's potassium corrected 6.2 -> 4.4 (result keyed against the wrong sample
# position); OBR-7/OBX-14 the Friday BST times, re-sent bare in a message stamped +0000
M['21-oru-r01-mccracken-potassium-corrected'] = [
    msh('WVLIMS', '20311026094105+0000', 'WVLIMS6300021', 'ORU^R01'), pid(PAT_C), C_PV1(W22_B1_6),
    orc('RE', 'ICE6300133-02^WVICE', '63L2410483^WVLIMS', 'CM', '20311026094100', ACUTE),
    obr(1, 'ICE6300133-02^WVICE', '63L2410483^WVLIMS', UE, {7: '20311024170500', 14: '20311024172400', 16: ACUTE,
                                                             22: '20311026094000', 24: 'CH', 25: 'C', 32: PATH.replace('^', '&')}),
    *ue('137', '4.4', '9.8', '121', '36', '20311024175000', kstatus='C'),
    nte(1, 'CORRECTED REPORT: potassium previously reported as 6.2 mmol/L was keyed against the wrong sample. Correct value 4.4 mmol/L.'),
]

# ================= WISNIEWSKI: the ED attendance closed under his own number =================
# 22 ADT^A03: 10:05 GMT discharged from ED to the Acute Medical Unit's care (PV1-44 re-sent bare: 01:35)
M['22-adt-a03-wisniewski-ed-closed'] = [
    msh('WVPAS', '20311026100522', 'WVPAS6300022', 'ADT^A03^ADT_A03'), evn('A03', '20311026100500'), pid(PAT_D),
    D_ED_PV1('20311026100500', {36: '19^Usual place of residence^WVEDDISP'}),
]

# ================= McCRACKEN: discharged, the discharge cancelled (transport did not come) =================
# 23 ADT^A03: 11:00 GMT discharged home from Ward 22 bay 1 bed 6 (PV1-44 the Friday BST admission, re-sent bare)
M['23-adt-a03-mccracken-discharge'] = [
    msh('WVPAS', '20311026110214', 'WVPAS6300023', 'ADT^A03^ADT_A03'), evn('A03', '20311026110000'), pid(PAT_C), PD1_C,
    C_NK1(), C_PV1(W22_B1_6, end='20311026110000', extra={36: '19^Usual place of residence^NHSDISDEST'}),
]
# 24 ADT^A13: 11:45 GMT the discharge cancelled: still in Ward 22 bay 1 bed 6
M['24-adt-a13-mccracken-cancel-discharge'] = [
    msh('WVPAS', '20311026114512', 'WVPAS6300024', 'ADT^A13^ADT_A01'), evn('A13', '20311026114500'), pid(PAT_C), PD1_C,
    C_NK1(), C_PV1(W22_B1_6),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages written to', OUT)
