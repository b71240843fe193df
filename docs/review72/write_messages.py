#!/usr/bin/env python3
r"""Review 72's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Korean tertiary university hospital on ONE Asia/Seoul channel (KST, +09:00 all year, no daylight saving),
March 2035. Hanbit University Hospital (한빛대학교병원, HBUH), invented. Every sender writes UTF-8 with MSH-18
`UNICODE UTF-8`; names in Hangul as family name + given name (XPN.1 / XPN.2, type L), some with a second repetition
of the romanized (English) name typed A (alias), as Korean hospital information systems send for the passport name;
one family name of two syllables (남궁). The resident registration number (주민등록번호) is NOT sent (Personal
Information Protection Act): PID-3 carries the hospital MRN (`^^^HBUH^MR`) and the National Health Insurance number
(건강보험증번호, 11 digits, `^^^NHIS^NH`, table 0203 NH "National Health Plan Identifier").
- ADT "HBUHADT" (v2.5, MSH-7 with +0900, inner times bare): A04 outpatient, A01 admission from the ER (PV1-14 7),
  A02 ward transfer, A03 discharge, A13 cancel discharge, A08 update, A31 demographic update (the MPI).
- Order entry "HBUHOCS" (OML^O21 v2.5.1, bare times): lab panels under one placer group ORC-4; one test later
  cancelled by ORC-1 CA with ORC-16.
- Laboratory "HBUHLIS" (ORU^R01 v2.5.1, bare times): chemistry preliminary (OBR-25 P, OBX-11 P) then final, an ALT
  corrected (OBX-11 C, OBR-25 C) with a Hangul NTE; a blood culture preliminary then final with S. aureus (OBX-4 1)
  and a child susceptibility OBR (OBR-26 parent result, OBR-29 parent numbers, ORC-8 too; MIC SN values).
- Pharmacy "HBUHPHS" (RDE^O11 v2.5.1, bare times): inpatient orders with TQ1 (repeat pattern, start), RXR route; an
  XO changing an enoxaparin dose and frequency; a DC of ceftriaxone with a new cefazolin order in the same message.
- Radiology "HBUHRIS" (ORU^R01 v2.5, bare times): a chest CT text report, one OBX TX per line, Hangul.
All persons, numbers and addresses are invented. Run from the worktree root (convert with --timezone Asia/Seoul):
    python3 docs/review72/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review72/messages')


def seg(name, fields):
    n = max(i for i, v in fields.items() if v)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, version):
    return seg('MSH', {3: app, 4: 'HBUH', 5: 'HIG', 6: 'HBUH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: version,
                       15: 'AL', 16: 'NE', 17: 'KOR', 18: 'UNICODE UTF-8'})


# ---- patients ----
P1 = dict(mrn='72100013', nhi='72940318825', name='김^서연^^^^^L~KIM^SEOYEON^^^^^A', dob='19680422', sex='F',
          addr='종로구 대학로 101 한빛아파트 302동 1104호^^서울특별시^^03080^KOR^H',
          tel='^PRN^CP^^82^10^47218836', marital='M^기혼^HL70002')
P2 = dict(mrn='72100021', nhi='72940611407', name='박^준호^^^^^L~PARK^JUNHO^^^^^A', dob='19571103', sex='M',
          addr='성북구 동소문로 22길 15^^서울특별시^^02832^KOR^H',
          tel='^PRN^PH^^82^2^9271455', marital='M^기혼^HL70002')
P3 = dict(mrn='72100038', nhi='72941902263', name='이^하은^^^^^L', dob='19940719', sex='F',
          addr='마포구 월드컵로 190 203호^^서울특별시^^03932^KOR^H',
          tel='^PRN^CP^^82^10^83152290', marital='S^미혼^HL70002')
P4 = dict(mrn='72100046', nhi='72942207716', name='남궁^민수^^^^^L~NAMGUNG^MINSU^^^^^A', dob='19820211', sex='M',
          addr='노원구 동일로 1402 상계주공 7단지 705동 210호^^서울특별시^^01704^KOR^H',
          tel='^PRN^CP^^82^10^26903384', marital='M^기혼^HL70002')


def pid(p, ids=('mrn', 'nhi'), name=None):
    cx = {'mrn': f"{p['mrn']}^^^HBUH^MR", 'nhi': f"{p['nhi']}^^^NHIS^NH"}
    return seg('PID', {1: '1', 3: '~'.join(cx[i] for i in ids), 5: name or p['name'], 7: p['dob'], 8: p['sex'],
                       11: p['addr'], 13: p['tel'], 15: 'ko^한국어^ISO639', 16: p['marital'], 26: 'KOR^대한민국^ISO3166'})


def pid_short(p):
    """The LIS's, pharmacy's and RIS's PID: the MRN, the Hangul name only (no alias, no address, no NHI)."""
    return seg('PID', {1: '1', 3: f"{p['mrn']}^^^HBUH^MR", 5: p['name'].split('~')[0], 7: p['dob'], 8: p['sex']})


# ---- providers (employee number; XCN.9 HBUH, XCN.13 EI) ----
DR_IM = 'D720114^정^우성^^^^^^HBUH^^^^EI'
DR_ID = 'D720157^한^지민^^^^^^HBUH^^^^EI'
DR_CV = 'D720203^오^세훈^^^^^^HBUH^^^^EI'
DR_RAD = 'D720248^윤^서진^^^^^^HBUH^^^^EI'
MT = 'T720391^배^은정^^^^^^HBUH^^^^EI'
PH = 'P720422^송^다은^^^^^^HBUH^^^^EI'
FAC = '한빛대학교병원^L^^^^HBUH&&L^XX^^^HBUH'


def evn(code, t):
    return seg('EVN', {1: code, 2: t})


def pv1(cls, loc, visit, t_adm='', extra=None, attending=DR_IM, service='IMG^내과^HBUHSVC'):
    f = {1: '1', 2: cls, 3: loc, 7: attending, 10: service, 19: f'{visit}^^^HBUH^VN', 44: t_adm}
    f.update(extra or {})
    return seg('PV1', f)


OPD_IM = 'IMOPD^205^^HBUH^^^^^내과 외래 205호'
OPD_RAD = 'RADOPD^CT2^^HBUH^^^^^영상의학과 CT실 2'


def orc(ctl, placer, filler, status, t, extra=None, orderer=DR_IM, placer_app='HBUHOCS', filler_app='HBUHLIS'):
    f = {1: ctl, 2: f'{placer}^{placer_app}' if placer else '', 3: f'{filler}^{filler_app}' if filler else '',
         5: status, 9: t, 12: orderer, 21: FAC}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, extra=None, orderer=DR_IM, filler_app='HBUHLIS'):
    f = {1: str(i), 2: f'{placer}^HBUHOCS' if placer else '', 3: f'{filler}^{filler_app}' if filler else '', 4: code,
         16: orderer}
    f.update(extra or {})
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', extra=None, by=MT):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t, 16: by}
    f.update(extra or {})
    return seg('OBX', f)


# ---- lab codes ----
LFT = 'LFT^간기능검사(ALT, AST, ALP, 총빌리루빈)^HBUHLAB'
LIPID = 'LIPID^지질검사^HBUHLAB^57698-3^Lipid panel with direct LDL - Serum or Plasma^LN'
A1C_T = 'HBA1C^당화혈색소^HBUHLAB^4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN'
BCX = 'BCX^혈액배양^HBUHLAB^600-7^Bacteria identified in Blood by Culture^LN'
AST_T = 'ABST^항균제 감수성 검사(MIC)^HBUHLAB^29576-6^Bacterial susceptibility panel^LN'
CARD = 'CARD^심근효소(트로포닌 I, CK-MB)^HBUHLAB'
CT = 'CTCHEC^흉부 CT (조영증강)^HBUHRIS^24627-2^CT Chest^LN'
ALT = '1742-6^ALT(알라닌아미노전이효소)^LN'
ASTC = '1920-8^AST(아스파르테이트아미노전이효소)^LN'
ALP = '6768-6^알칼리성 인산분해효소^LN'
TBIL = '1975-2^총빌리루빈^LN'
UL = 'U/L^U/L^UCUM'
MGDL = 'mg/dL^mg/dL^UCUM'

M = {}

# ============ P1 김서연: outpatient, liver / lipid work-up; HbA1c cancelled; ALT corrected ============
V1 = 'V7210001301'
M['01-adt-a04-kim-outpatient'] = [
    msh('HBUHADT', '20350312090412+0900', 'ADT720001', 'ADT^A04^ADT_A01', '2.5'), evn('A04', '20350312090000'),
    pid(P1),
    seg('NK1', {1: '1', 2: '이^정훈^^^^^L', 3: 'SPO^배우자^HL70063', 5: '^PRN^CP^^82^10^47218840'}),
    pv1('O', OPD_IM, V1, '20350312090000', {4: 'R^일반^HL70007'}),
]
PG1 = '72G0312001^HBUHOCS'
M['02-oml-o21-kim-lab-panels'] = [
    msh('HBUHOCS', '20350312092315', 'OCS720002', 'OML^O21^OML_O21', '2.5.1'), pid(P1), pv1('O', OPD_IM, V1),
    orc('NW', 'OC72031201', '', '', '20350312092200', {4: PG1}), seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    obr(1, 'OC72031201', '', LFT),
    seg('DG1', {1: '1', 3: 'K76.0^비알코올성 지방간^I10', 6: 'W'}),
    orc('NW', 'OC72031202', '', '', '20350312092200', {4: PG1}), seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    obr(2, 'OC72031202', '', LIPID),
    orc('NW', 'OC72031203', '', '', '20350312092200', {4: PG1}), seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    obr(3, 'OC72031203', '', A1C_T),
]
M['03-oml-o21-kim-hba1c-cancel'] = [
    msh('HBUHOCS', '20350312093541', 'OCS720003', 'OML^O21^OML_O21', '2.5.1'), pid(P1), pv1('O', OPD_IM, V1),
    orc('CA', 'OC72031203', '', '', '20350312093500', {4: PG1, 16: 'DUP^중복 처방^HBUHRSN'}),
    obr(1, 'OC72031203', '', A1C_T),
]
LFT_F = 'L3503120045'
LIP_F = 'L3503120046'


def lft(status, t_msh, ctl, alt='48', alt_flag='H', alt_status=None, note=None, lipid=False):
    obr25, orc5 = {'P': ('P', 'IP'), 'F': ('F', 'CM'), 'C': ('C', 'CM')}[status]
    s = 'P' if status == 'P' else 'F'
    segs = [msh('HBUHLIS', t_msh, ctl, 'ORU^R01^ORU_R01', '2.5.1'), pid_short(P1), pv1('O', OPD_IM, V1),
            orc('RE', 'OC72031201', LFT_F, orc5, t_msh[:14], {4: PG1}),
            obr(1, 'OC72031201', LFT_F, LFT, {7: '20350312094000', 14: '20350312100500', 22: t_msh[:14], 24: 'CH',
                                               25: obr25, 32: MT}),
            obx(1, 'NM', ALT, alt, UL, '0-40', alt_flag, alt_status or s, '20350312113000'),
            obx(2, 'NM', ASTC, '36', UL, '0-40', 'N', s, '20350312113000'),
            obx(3, 'NM', ALP, '88', UL, '35-104', 'N', s, '20350312113000'),
            obx(4, 'NM', TBIL, '0.7', MGDL, '0.2-1.2', 'N', s, '20350312113000')]
    if note:
        segs.append(seg('NTE', {1: '1', 2: 'L', 3: note}))
    if lipid:
        segs += [orc('RE', 'OC72031202', LIP_F, 'CM', t_msh[:14], {4: PG1}),
                 obr(2, 'OC72031202', LIP_F, LIPID, {7: '20350312094000', 22: t_msh[:14], 24: 'CH', 25: 'F', 32: MT}),
                 obx(1, 'NM', '2093-3^총콜레스테롤^LN', '241', MGDL, '<200', 'H', 'F', '20350312131000'),
                 obx(2, 'NM', '2571-8^중성지방^LN', '188', MGDL, '<150', 'H', 'F', '20350312131000'),
                 obx(3, 'NM', '2085-9^HDL 콜레스테롤^LN', '44', MGDL, '>40', 'N', 'F', '20350312131000'),
                 obx(4, 'NM', '18262-6^LDL 콜레스테롤(직접측정)^LN', '158', MGDL, '<130', 'H', 'F', '20350312131000')]
    return segs


M['04-oru-r01-kim-lft-preliminary'] = lft('P', '20350312113512', 'LIS720004')
M['05-oru-r01-kim-lft-lipid-final'] = lft('F', '20350312134008', 'LIS720005', lipid=True)
M['06-oru-r01-kim-alt-corrected'] = lft(
    'C', '20350313101522', 'LIS720006', alt='84', alt_status='C',
    note='ALT 결과 수정: 검체 번호 오기입으로 48 U/L에서 84 U/L로 정정함. 담당의 정우성 교수에게 통보.')

# ============ P2 박준호: admitted from the ER, S. aureus bacteremia; pharmacy NW / XO / DC; A03 then A13 ============
V2 = 'V7210002101'
W71 = '71W^7105^2^HBUH^^^^^71병동'
W82 = '82W^8211^1^HBUH^^^^^82병동'
SVC_ID = 'IDM^감염내과^HBUHSVC'
NK1_P2 = seg('NK1', {1: '1', 2: '박^지은^^^^^L', 3: 'DAU^딸^HL70063', 5: '^PRN^CP^^82^10^59120733',
                     7: 'C^비상연락처^HL70131'})
M['07-adt-a01-park-admit-from-er'] = [
    msh('HBUHADT', '20350313023318+0900', 'ADT720007', 'ADT^A01^ADT_A01', '2.5'), evn('A01', '20350313022800'),
    pid(P2), NK1_P2,
    pv1('I', W71, V2, '20350313022800', {4: 'E^응급^HL70007', 14: '7^응급실^HL70023'}, attending=DR_ID, service=SVC_ID),
    seg('PV2', {3: '^발열 및 오한, 패혈증 의심'}),
    seg('DG1', {1: '1', 3: 'A41.9^상세불명의 패혈증^I10', 6: 'A'}),
]


def rde_order(ctl, placer, filler, status, t, give, amount, unit, form, tq, route, extra_rxe=None, start=''):
    rxe = {2: give, 3: amount, 5: unit, 6: form, 10: '1', 11: unit, 13: PH}
    rxe.update(extra_rxe or {})
    return [orc(ctl, placer, filler, status, t, orderer=DR_ID, filler_app='HBUHPHS'),
            seg('RXE', rxe),
            seg('TQ1', {1: '1', 3: tq, 7: start, 9: 'R^Routine^HL70485'}),
            seg('RXR', {1: route})]


CEFTRX = 'KD644900250^세프트리악손나트륨 주사 2g^HBUHRX'
APAP = 'KD647600010^아세트아미노펜 정 650mg^HBUHRX'
ENOX = 'KD653100040^에녹사파린나트륨 주사 40mg/0.4mL^HBUHRX'
ENOX60 = 'KD653100060^에녹사파린나트륨 주사 60mg/0.6mL^HBUHRX'
CEFAZ = 'KD641200020^세파졸린나트륨 주사 2g^HBUHRX'
IV = 'IV^정맥주사^HL70162'
PO = 'PO^경구^HL70162'
SC = 'SC^피하주사^HL70162'

M['09-rde-o11-park-ceftriaxone-acetaminophen'] = [
    msh('HBUHPHS', '20350313041022', 'PHS720008', 'RDE^O11^RDE_O11', '2.5.1'), pid_short(P2), pv1('I', W71, V2, attending=DR_ID, service=SVC_ID),
    *rde_order('NW', 'RX72031301', 'PH35031301', 'IP', '20350313040500', CEFTRX, '2', 'g^g^UCUM', 'INJ^주사제^HBUHFORM',
               'Q24H^매 24시간^HL70335', IV, {7: '^생리식염수 100mL에 희석하여 30분간 점적'}, '20350313060000'),
    *rde_order('NW', 'RX72031302', 'PH35031302', 'IP', '20350313040500', APAP, '650', 'mg^mg^UCUM', 'TAB^정제^HBUHFORM',
               'TID^1일 3회^HL70335', PO, start='20350313090000'),
]
M['10-rde-o11-park-enoxaparin'] = [
    msh('HBUHPHS', '20350313083617', 'PHS720009', 'RDE^O11^RDE_O11', '2.5.1'), pid_short(P2), pv1('I', W71, V2, attending=DR_ID, service=SVC_ID),
    *rde_order('NW', 'RX72031303', 'PH35031303', 'IP', '20350313083000', ENOX, '40', 'mg^mg^UCUM', 'INJ^주사제^HBUHFORM',
               'QD^1일 1회^HL70335', SC, start='20350313210000'),
]
M['08-oml-o21-park-blood-culture'] = [
    msh('HBUHOCS', '20350313031045', 'OCS720010', 'OML^O21^OML_O21', '2.5.1'), pid(P2), pv1('I', W71, V2, attending=DR_ID, service=SVC_ID),
    orc('NW', 'OC72031301', '', '', '20350313031000', orderer=DR_ID), seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    obr(1, 'OC72031301', '', BCX, orderer=DR_ID),
    seg('SPM', {1: '1', 4: 'BLD^전혈^HL70487', 8: 'LACF^왼쪽 전주와^HL70488'}),
]
M['11-adt-a02-park-transfer'] = [
    msh('HBUHADT', '20350314104508+0900', 'ADT720011', 'ADT^A02^ADT_A02', '2.5'), evn('A02', '20350314104000'),
    pid(P2), pv1('I', W82, V2, '20350313022800', {6: W71}, attending=DR_ID, service=SVC_ID),
]
BCX_F = 'M3503130012'
BCX_SPM = seg('SPM', {1: '1', 2: '^M3503130012-1&HBUHLIS', 4: 'BLD^전혈^HL70487', 8: 'LACF^왼쪽 전주와^HL70488',
                      17: '20350313032000', 18: '20350313034500'})
M['12-oru-r01-park-blood-culture-preliminary'] = [
    msh('HBUHLIS', '20350314071530', 'LIS720012', 'ORU^R01^ORU_R01', '2.5.1'), pid_short(P2), pv1('I', W71, V2, attending=DR_ID, service=SVC_ID),
    orc('RE', 'OC72031301', BCX_F, 'IP', '20350314071500', orderer=DR_ID),
    obr(1, 'OC72031301', BCX_F, BCX, {7: '20350313032000', 22: '20350314071500', 24: 'MB', 25: 'P', 32: MT}, orderer=DR_ID),
    obx(1, 'ST', '600-7^혈액배양 동정^LN', '그람 양성 알균 (군집형) 검출; 동정 진행 중', '', '', 'A', 'P',
        '20350314070000', {4: '1'}),
    BCX_SPM,
]
M['13-rde-o11-park-enoxaparin-change'] = [
    msh('HBUHPHS', '20350314112044', 'PHS720013', 'RDE^O11^RDE_O11', '2.5.1'), pid_short(P2), pv1('I', W82, V2, attending=DR_ID, service=SVC_ID),
    *rde_order('XO', 'RX72031303', 'PH35031303', 'IP', '20350314112000', ENOX60, '60', 'mg^mg^UCUM', 'INJ^주사제^HBUHFORM',
               'Q12H^매 12시간^HL70335', SC, {7: '^체중 78kg, 치료 용량으로 변경'}, '20350314210000'),
]
AST_F = 'M3503130012-S'
MIC = 'ug/mL^µg/mL^UCUM'


def mic(i, code, value, flag):
    return obx(i, 'SN', code, value, MIC, '', flag, 'F', '20350315150000')


M['14-oru-r01-park-blood-culture-final-susceptibility'] = [
    msh('HBUHLIS', '20350315152210', 'LIS720014', 'ORU^R01^ORU_R01', '2.5.1'), pid_short(P2), pv1('I', W82, V2, attending=DR_ID, service=SVC_ID),
    orc('RE', 'OC72031301', BCX_F, 'CM', '20350315152000', orderer=DR_ID),
    obr(1, 'OC72031301', BCX_F, BCX, {7: '20350313032000', 22: '20350315152000', 24: 'MB', 25: 'F', 32: MT}, orderer=DR_ID),
    obx(1, 'CWE', '600-7^혈액배양 동정^LN', '3092008^Staphylococcus aureus^SCT', '', '', 'A', 'F', '20350315143000', {4: '1'}),
    BCX_SPM,
    orc('RE', '', AST_F, 'CM', '20350315152000', {8: f'OC72031301&HBUHOCS^{BCX_F}&HBUHLIS'}, orderer=DR_ID),
    obr(2, '', AST_F, AST_T, {7: '20350313032000', 22: '20350315152000', 24: 'MB', 25: 'F',
                              26: '600-7&혈액배양 동정&LN^1^Staphylococcus aureus',
                              29: f'OC72031301&HBUHOCS^{BCX_F}&HBUHLIS', 32: MT}, orderer=DR_ID),
    mic(1, '18961-3^옥사실린 [MIC]^LN', '<=^0.25', 'S'),
    mic(2, '19000-9^반코마이신 [MIC]^LN', '=^1', 'S'),
    mic(3, '18908-4^클린다마이신 [MIC]^LN', '>=^4', 'R'),
    mic(4, '18928-2^에리스로마이신 [MIC]^LN', '>=^8', 'R'),
    mic(5, '18998-5^트리메토프림/설파메톡사졸 [MIC]^LN', '<=^10', 'S'),
    seg('NTE', {1: '1', 2: 'L', 3: 'MSSA (메티실린 감수성 황색포도알균). 유도 클린다마이신 내성 양성.'}),
]
M['15-rde-o11-park-ceftriaxone-dc-cefazolin-new'] = [
    msh('HBUHPHS', '20350315163512', 'PHS720015', 'RDE^O11^RDE_O11', '2.5.1'), pid_short(P2), pv1('I', W82, V2, attending=DR_ID, service=SVC_ID),
    *rde_order('DC', 'RX72031301', 'PH35031301', '', '20350315163000', CEFTRX, '2', 'g^g^UCUM', 'INJ^주사제^HBUHFORM',
               'Q24H^매 24시간^HL70335', IV, start='20350313060000'),
    *rde_order('NW', 'RX72031501', 'PH35031501', 'IP', '20350315163000', CEFAZ, '2', 'g^g^UCUM', 'INJ^주사제^HBUHFORM',
               'Q8H^매 8시간^HL70335', IV, {7: '^MSSA 균혈증 표적 치료', 27: 'A41.0^황색포도알균에 의한 패혈증^I10'},
               '20350315180000'),
]
M['16-adt-a03-park-discharge'] = [
    msh('HBUHADT', '20350316150212+0900', 'ADT720016', 'ADT^A03^ADT_A03', '2.5'), evn('A03', '20350316150000'),
    pid(P2), pv1('I', W82, V2, '20350313022800', {36: '01^자택 퇴원^HL70112', 45: '20350316150000'},
                 attending=DR_ID, service=SVC_ID),
]
M['17-adt-a13-park-cancel-discharge'] = [
    msh('HBUHADT', '20350316163047+0900', 'ADT720017', 'ADT^A13^ADT_A01', '2.5'), evn('A13', '20350316163000'),
    pid(P2), pv1('I', W82, V2, '20350313022800', attending=DR_ID, service=SVC_ID),
]
M['18-adt-a08-park-update-phone'] = [
    msh('HBUHADT', '20350317091522+0900', 'ADT720018', 'ADT^A08^ADT_A01', '2.5'), evn('A08', '20350317091500'),
    seg('PID', {1: '1', 3: f"{P2['mrn']}^^^HBUH^MR~{P2['nhi']}^^^NHIS^NH", 5: P2['name'], 7: P2['dob'], 8: P2['sex'],
                11: P2['addr'], 13: P2['tel'] + '~^PRN^CP^^82^10^33481902', 15: 'ko^한국어^ISO639', 16: P2['marital'],
                26: 'KOR^대한민국^ISO3166'}),
    NK1_P2, pv1('I', W82, V2, '20350313022800', attending=DR_ID, service=SVC_ID),
]

# ============ P3 이하은: outpatient chest CT; the A31 adds the English name and the NHI number ============
V3 = 'V7210003801'
M['19-adt-a04-lee-outpatient-ct'] = [
    msh('HBUHADT', '20350314133020+0900', 'ADT720019', 'ADT^A04^ADT_A01', '2.5'), evn('A04', '20350314133000'),
    pid(P3, ids=('mrn',)), pv1('O', OPD_RAD, V3, '20350314133000', attending=DR_RAD, service='RAD^영상의학과^HBUHSVC'),
]
CT_LINES = [
    '흉부 CT (조영증강), 2035-03-14 14:05 촬영.',
    '우상엽 후분절에 8 mm 크기의 부분고형 결절이 있으며, 이전 검사(2034-09-02) 대비 크기 변화 없음.',
    '좌하엽에 2 mm 이하의 석회화 육아종이 있음.',
    '종격동 및 양측 폐문부에 의미 있는 림프절 비대 없음. 흉막삼출 없음.',
]
M['20-oru-r01-lee-chest-ct-report'] = [
    msh('HBUHRIS', '20350314161205', 'RIS720020', 'ORU^R01^ORU_R01', '2.5'), pid_short(P3),
    pv1('O', OPD_RAD, V3, attending=DR_RAD, service='RAD^영상의학과^HBUHSVC'),
    orc('RE', 'OC72031401', 'CT3503140071', 'CM', '20350314161200', orderer=DR_IM, filler_app='HBUHRIS'),
    obr(1, 'OC72031401', 'CT3503140071', CT, {7: '20350314140500', 22: '20350314161200', 24: 'CT', 25: 'F', 32: DR_RAD},
        filler_app='HBUHRIS'),
    *[obx(i + 1, 'TX', '18782-3^판독 소견^LN', line, t='20350314160000', by=DR_RAD) for i, line in enumerate(CT_LINES)],
    obx(5, 'TX', '19005-8^결론^LN', '우상엽 8 mm 부분고형 결절, 6개월 추적 관찰 권고 (Lung-RADS 3).', flag='A',
        t='20350314160000', by=DR_RAD),
]
M['21-adt-a31-lee-demographics'] = [
    msh('HBUHADT', '20350315102214+0900', 'ADT720021', 'ADT^A31^ADT_A05', '2.5'), evn('A31', '20350315102200'),
    pid(P3, name='이^하은^^^^^L~LEE^HAEUN^^^^^A'), pv1('N', '', '', extra={19: ''}),
]

# ============ P4 남궁민수: two-syllable family name; admitted from the ER, cardiac enzymes ============
V4 = 'V7210004601'
CCU = 'CCU^C03^1^HBUH^^^^^심장계중환자실'
M['22-adt-a01-namgung-admit-from-er'] = [
    msh('HBUHADT', '20350315220931+0900', 'ADT720022', 'ADT^A01^ADT_A01', '2.5'), evn('A01', '20350315220500'),
    pid(P4),
    pv1('I', CCU, V4, '20350315220500', {4: 'E^응급^HL70007', 14: '7^응급실^HL70023'}, attending=DR_CV,
        service='CVM^순환기내과^HBUHSVC'),
    seg('DG1', {1: '1', 3: 'I21.4^급성 심내막하 심근경색증^I10', 6: 'A'}),
]
M['23-oml-o21-namgung-cardiac-enzymes'] = [
    msh('HBUHOCS', '20350315221512', 'OCS720023', 'OML^O21^OML_O21', '2.5.1'), pid(P4),
    pv1('I', CCU, V4, attending=DR_CV, service='CVM^순환기내과^HBUHSVC'),
    orc('NW', 'OC72031501', '', '', '20350315221500', orderer=DR_CV), seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    obr(1, 'OC72031501', '', CARD, orderer=DR_CV),
]
M['24-oru-r01-namgung-cardiac-enzymes'] = [
    msh('HBUHLIS', '20350315231840', 'LIS720024', 'ORU^R01^ORU_R01', '2.5.1'), pid_short(P4),
    pv1('I', CCU, V4, attending=DR_CV, service='CVM^순환기내과^HBUHSVC'),
    orc('RE', 'OC72031501', 'L3503150388', 'CM', '20350315231800', orderer=DR_CV),
    obr(1, 'OC72031501', 'L3503150388', CARD, {7: '20350315222000', 22: '20350315231800', 24: 'CH', 25: 'F', 32: MT},
        orderer=DR_CV),
    obx(1, 'NM', '10839-9^트로포닌 I^LN', '2.84', 'ng/mL^ng/mL^UCUM', '<0.04', 'HH', 'F', '20350315230500'),
    obx(2, 'NM', '13969-1^CK-MB^LN', '18.6', 'ng/mL^ng/mL^UCUM', '0.6-6.3', 'H', 'F', '20350315230500'),
    seg('NTE', {1: '1', 2: 'L', 3: '위험값(Critical value): 23:10 순환기내과 오세훈 교수에게 구두 보고함.'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages written to', OUT)
