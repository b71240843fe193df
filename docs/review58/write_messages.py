#!/usr/bin/env python3
r"""Review 58's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Japanese general hospital's feeds in the style of the JAHIS v2.5 implementation guides, on ONE Asia/Tokyo
channel (JST +09:00 all year, no daylight saving), March 2033. Kirishiro City General Hospital (霧城市民病院, KSGH,
invented).
- HIS "KSHIS" (order entry: ADT, lab orders, prescriptions): v2.5, MSH-18 `~ISO IR87` and MSH-20 `ISO 2022-1994` as
  the JAHIS guides write them (first repetition empty = ASCII, JIS X 0208 through ISO 2022 escapes), the bytes
  ISO-2022-JP (Python's iso2022_jp codec), MSH-7 and every time bare (local time, as JAHIS senders write them).
  ADT^A04 / A01 / A08 / A03 (PID-5 kanji `^^^^^L^I` ~ katakana `^^^^^L^P`, an alphabetic `^^^^^L^A` for a foreign
  patient), OML^O21 (the lab orders with JLAC10 codes, TQ1, SPM, Japanese NTE), RDE^O11 (prescriptions with HOT9
  drug codes and YJ codes beside them, JAMI 用法 codes in TQ1-3, days in TQ1-6, date-only start TQ1-7).
- LIS "KSLIS": v2.5, MSH-18 `UNICODE UTF-8`, MSH-7 with +0900, inner times bare: ORL^O22 (OK, filler numbers),
  ORU^R01 (JLAC10 + LOINC observation codes, units, ranges, flags incl. HH, Japanese ST values and NTE, SPM).
- Injection system "KSINJ" (ward injection orders, another vendor): v2.5, `UNICODE UTF-8`, MSH-7 and TQ1 times with
  +0900: RDE^O11 NW continuous heparin infusion (RXE rate, RXC base + additive, RXR route/device), XO rate change,
  DC stop.
- Outsourced lab "SCLC" (Setouchi Clinical Laboratory Center, invented): MSH-18 EMPTY, the bytes UTF-8, MSH-7 bare:
  ORU^R01 of a send-out test.
- Medical-accounts system "KSREG" (医事会計): MSH-18 `ISO IR87` in the FIRST repetition (a vendor's reading of the
  JAHIS rule), MSH-20 empty, ISO-2022-JP bytes: ADT^A08.
Times: message 07/08 just after local midnight (the UTC date is the day before); birth dates, TQ1-7/8 of the
prescriptions and the heparin's stop are date-only. PID-3 `0005800117^^^^PI` (JAHIS: no authority, type PI).
Patients, numbers (00058001xx, KS58…, L58-…), names and facility none of earlier reviews' (grepped). Fields placed by
number. All persons, numbers and addresses are invented; JLAC10 / HOT9 / YJ / JAMI codes are plausible shapes.
Run from the worktree root (convert with --timezone Asia/Tokyo):
    python3 docs/review58/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review58/messages')
JIS, UTF8, EMPTY, JIS_FIRST = 'iso2022', 'utf8', 'empty', 'jisfirst'


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, cs):
    f = {3: app, 4: 'KSGH', 5: 'HIG', 6: 'KSGH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5'}
    if cs == JIS:
        f.update({18: '~ISO IR87', 20: 'ISO 2022-1994'})
    elif cs == JIS_FIRST:
        f.update({18: 'ISO IR87'})
    elif cs == UTF8:
        f.update({18: 'UNICODE UTF-8'})
    return seg('MSH', f)


# ---- patients (JAHIS PID: PID-1 0001, PID-3 PI without authority, names kanji I ~ katakana P) ----
SAKURAI = {1: '0001', 3: '0005800117^^^^PI', 5: '桜井^美咲^^^^^L^I~サクライ^ミサキ^^^^^L^P', 7: '19720819', 8: 'F',
           11: '霧城町３−１２−５^^岡山市北区^岡山県^7000012^JPN^H', 13: '^PRN^PH^^^086^2451138'}
OHASHI = {1: '0001', 3: '0005800125^^^^PI', 5: '大橋^健一郎^^^^^L^I~オオハシ^ケンイチロウ^^^^^L^P', 7: '19480203', 8: 'M',
          11: '西大寺中２−８−１１^^岡山市東区^岡山県^7040016^JPN^H', 13: '^PRN^PH^^^086^9421750'}
NGUYEN = {1: '0001', 3: '0005800133^^^^PI', 5: 'NGUYEN^THI LAN^^^^^L^A~グエン^ティ・ラン^^^^^L^P', 7: '20010607',
          8: 'F', 11: '霧城町１−４−２０　ハイツ霧城２０３^^岡山市北区^岡山県^7000012^JPN^H',
          13: '^PRN^CP^^^080^37614902'}

# ---- doctors (XCN with the kanji name, XCN-15 I as JAHIS writes it) ----
TANAKA = '10021^田中^一郎^^^^^^^L^^^^^I'       # 代謝内科
YAMADA = '10035^山田^健^^^^^^^L^^^^^I'          # 循環器内科
KOBAYASHI = '10047^小林^直子^^^^^^^L^^^^^I'     # 総合内科
NAKAMURA = '20011^中村^聡^^^^^^^L^^^^^I'        # 臨床検査科
SATO = '30008^佐藤^恵^^^^^^^L^^^^^I'            # 病棟薬剤師


def pv1(cls, where, doc, visit, start, extra=None):
    f = {1: '0001', 2: cls, 3: where, 7: doc, 10: '01', 19: f'{visit}^^^^VN', 44: start}
    f.update(extra or {})
    return seg('PV1', f)


SA_PV1 = lambda: pv1('O', '0201^^^KSGH^^^^^代謝内科外来', TANAKA, 'V5800117-01', '20330304084000')  # noqa: E731
OH_PV1 = lambda extra=None: pv1('I', 'CCU^03^1^KSGH^^^^^ＣＣＵ', YAMADA, 'V5800125-01', '20330305000400', extra)  # noqa: E731
NG_PV1 = lambda: pv1('O', '0105^^^KSGH^^^^^総合内科外来', KOBAYASHI, 'V5800133-01', '20330311091000')  # noqa: E731

# ---- lab codes: the LIS's local code, then JLAC10 (JC10) as JAHIS puts it; observation codes JLAC10 ~ LOINC ----
HBA1C = '1A046^ＨｂＡ１ｃ（ＮＧＳＰ）^99KSL^3D046000002227101^HbA1c(NGSP)^JC10'
FPG = '1A010^血糖^99KSL^3D010000001926101^グルコース^JC10'
LIPID = '1S020^脂質セット^99KSL'
GAD = 'G0877^抗ＧＡＤ抗体（外注）^99KSL^5G450000002305201^抗GAD抗体^JC10'
CBC = '2A001^末梢血一般^99KSL'
CRP = '5C070^ＣＲＰ^99KSL^5C070000002306001^CRP^JC10'
TNT = '5C094^高感度トロポニンＴ^99KSL^5C094000002305201^トロポニンT^JC10'
CHEM = '1S010^生化学基本セット^99KSL'
COAG = '2B001^凝固（ＰＴ・ＡＰＴＴ）^99KSL'
FLU = '5F001^インフルエンザ抗原^99KSL^5F101000002316101^インフルエンザウイルス抗原^JC10'
UA = '1U001^尿定性^99KSL'

SERUM = '血清^SER^HL70487'  # (placed below as CWE: code first)


def orc(ctl, placer='', filler='', group='', status='', t='', doc='', extra=None):
    f = {1: ctl, 2: placer, 3: filler, 4: group, 5: status, 9: t, 12: doc, 21: '霧城市民病院^^^^^^^^^KSGH'}
    f.update(extra or {})
    return seg('ORC', {k: v for k, v in f.items() if v != ''} | {1: ctl})


def obr(i, placer, filler, code, extra=None):
    f = {1: str(i), 2: placer, 3: filler, 4: code}
    f.update(extra or {})
    return seg('OBR', {k: v for k, v in f.items() if v != ''} | {1: str(i), 4: code})


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


def tq1(extra):
    return seg('TQ1', {1: '1'} | extra)


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


def spm(i, number, typ, extra=None):
    f = {1: str(i), 2: number, 4: typ}
    f.update(extra or {})
    return seg('SPM', f)


SER = 'SER^血清^HL70487'
BLD = 'BLD^全血^HL70487'
PLAS = 'PLAS^血漿^HL70487'
UR = 'UR^尿^HL70487'
NPS = 'NPSWB^鼻咽頭ぬぐい液^HL70487'

# Sakurai's numbers
SA_A1C, SA_FPG, SA_LIP, SA_GAD = 'KS58L0101^KSHIS', 'KS58L0102^KSHIS', 'KS58L0103^KSHIS', 'KS58L0104^KSHIS'
SAF_A1C, SAF_FPG, SAF_LIP, SAF_GAD = 'L58-30101^KSLIS', 'L58-30102^KSLIS', 'L58-30103^KSLIS', 'L58-30104^KSLIS'
SA_GRP = 'KS58G01^KSHIS'
# Ohashi's numbers
OH_CBC, OH_CRP, OH_TNT, OH_CHEM, OH_COAG = ('KS58L0201^KSHIS', 'KS58L0202^KSHIS', 'KS58L0203^KSHIS', 'KS58L0204^KSHIS',
                                             'KS58L0205^KSHIS')
OHF_CBC, OHF_CRP, OHF_TNT, OHF_CHEM, OHF_COAG = ('L58-30201^KSLIS', 'L58-30202^KSLIS', 'L58-30203^KSLIS',
                                                  'L58-30204^KSLIS', 'L58-30205^KSLIS')
# Nguyen's numbers
NG_FLU, NG_UA = 'KS58L0301^KSHIS', 'KS58L0302^KSHIS'
NGF_FLU, NGF_UA = 'L58-30301^KSLIS', 'L58-30302^KSLIS'

M = {}

# ================= 4 March 2033 (Friday): Sakurai, diabetes outpatient =================
# 01 ADT^A04 outpatient registration (KSHIS, ISO-2022-JP)
M['01-adt-a04-sakurai-register'] = (JIS, [
    msh('KSHIS', '20330304084112', 'KSHIS5800001', 'ADT^A04^ADT_A01', JIS),
    seg('EVN', {1: 'A04', 2: '20330304084100', 6: '20330304084000'}),
    seg('PID', SAKURAI), SA_PV1(),
])
# 02 OML^O21 four lab orders: HbA1c, glucose (fasting), lipid set, anti-GAD (sent out) (KSHIS, ISO-2022-JP)
M['02-oml-o21-sakurai-dm-labs'] = (JIS, [
    msh('KSHIS', '20330304085530', 'KSHIS5800002', 'OML^O21^OML_O21', JIS), seg('PID', SAKURAI), SA_PV1(),
    orc('NW', SA_A1C, '', SA_GRP, '', '20330304085500', TANAKA), tq1({9: 'R^通常^HL70485'}),
    obr(1, SA_A1C, '', HBA1C, {16: TANAKA}), spm(1, 'KS58S0101^KSHIS', BLD),
    orc('NW', SA_FPG, '', SA_GRP, '', '20330304085500', TANAKA), tq1({9: 'R^通常^HL70485'}),
    obr(2, SA_FPG, '', FPG, {16: TANAKA}), nte(1, '空腹時採血（朝食抜き）', 'P'), spm(1, 'KS58S0102^KSHIS', PLAS),
    orc('NW', SA_LIP, '', SA_GRP, '', '20330304085500', TANAKA), tq1({9: 'R^通常^HL70485'}),
    obr(3, SA_LIP, '', LIPID, {16: TANAKA}), spm(1, 'KS58S0103^KSHIS', SER),
    orc('NW', SA_GAD, '', SA_GRP, '', '20330304085500', TANAKA), tq1({9: 'R^通常^HL70485'}),
    obr(4, SA_GAD, '', GAD, {16: TANAKA}), nte(1, '外注検査（瀬戸内臨床検査センター）', 'P'), spm(1, 'KS58S0103^KSHIS', SER),
])
# 03 ORL^O22 the LIS accepts the four orders (OK, filler numbers, ORC-5 SC) (UTF-8, +0900)
M['03-orl-o22-sakurai-accepted'] = (UTF8, [
    msh('KSLIS', '20330304090214+0900', 'KSLIS5800003', 'ORL^O22^ORL_O22', UTF8),
    seg('MSA', {1: 'AA', 2: 'KSHIS5800002'}), seg('PID', SAKURAI),
] + sum(([orc('OK', p, f, SA_GRP, 'SC', '20330304090200'), obr(i, p, f, c)] for i, (p, f, c) in enumerate(
    [(SA_A1C, SAF_A1C, HBA1C), (SA_FPG, SAF_FPG, FPG), (SA_LIP, SAF_LIP, LIPID), (SA_GAD, SAF_GAD, GAD)], 1)), []))
# 04 ORU^R01 HbA1c, glucose, lipid set final; GAD not yet (UTF-8, +0900; inner times bare)
M['04-oru-r01-sakurai-dm-results'] = (UTF8, [
    msh('KSLIS', '20330304104833+0900', 'KSLIS5800004', 'ORU^R01^ORU_R01', UTF8), seg('PID', SAKURAI), SA_PV1(),
    orc('RE', SA_A1C, SAF_A1C, SA_GRP, 'CM', '20330304104800'),
    obr(1, SA_A1C, SAF_A1C, HBA1C, {7: '20330304091500', 14: '20330304092800', 16: TANAKA, 22: '20330304104500',
                                   25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '3D046000002227101^HbA1c(NGSP)^JC10^4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN', '7.8', '%^%^ISO+',
        '4.6-6.2', 'H', t='20330304091500'),
    spm(1, 'KS58S0101^KSHIS', BLD, {17: '20330304091500', 18: '20330304092800'}),
    orc('RE', SA_FPG, SAF_FPG, SA_GRP, 'CM', '20330304104800'),
    obr(2, SA_FPG, SAF_FPG, FPG, {7: '20330304091500', 14: '20330304092800', 16: TANAKA, 22: '20330304104500',
                                  25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '3D010000001926101^グルコース^JC10^1558-6^Fasting glucose [Mass/volume] in Serum or Plasma^LN', '142',
        'mg/dL^mg/dL^ISO+', '73-109', 'H', t='20330304091500'),
    nte(1, '空腹時（最終食事 3月3日 20:00）'),
    spm(1, 'KS58S0102^KSHIS', PLAS, {17: '20330304091500', 18: '20330304092800'}),
    orc('RE', SA_LIP, SAF_LIP, SA_GRP, 'CM', '20330304104800'),
    obr(3, SA_LIP, SAF_LIP, LIPID, {7: '20330304091500', 14: '20330304092800', 16: TANAKA, 22: '20330304104500',
                                   25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '3F050000002327101^総コレステロール^JC10^2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', '236',
        'mg/dL^mg/dL^ISO+', '142-248', 'N', t='20330304091500'),
    obx(2, 'NM', '3F015000002327101^中性脂肪^JC10^2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', '188',
        'mg/dL^mg/dL^ISO+', '30-117', 'H', t='20330304091500'),
    obx(3, 'NM', '3F070000002327101^HDL-コレステロール^JC10^2085-9^Cholesterol in HDL [Mass/volume] in Serum or Plasma^LN',
        '41', 'mg/dL^mg/dL^ISO+', '48-103', 'L', t='20330304091500'),
    obx(4, 'NM', '3F077000002327101^LDL-コレステロール^JC10^18262-6^Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay^LN',
        '158', 'mg/dL^mg/dL^ISO+', '65-163', 'N', t='20330304091500'),
    nte(1, '軽度乳び'),
    spm(1, 'KS58S0103^KSHIS', SER, {17: '20330304091500', 18: '20330304092800'}),
])
# 05 RDE^O11 outpatient prescription, two drugs (Rp1 metformin, Rp2 sitagliptin), 28 days from the 4th (KSHIS, JIS)
M['05-rde-o11-sakurai-prescription'] = (JIS, [
    msh('KSHIS', '20330304112014', 'KSHIS5800005', 'RDE^O11^RDE_O11', JIS), seg('PID', SAKURAI), SA_PV1(),
    orc('NW', 'KS58R0101^KSHIS', '', 'KS58RG01^KSHIS', '', '20330304111900', TANAKA, {29: 'O^外来処方^HL70482'}),
    seg('RXE', {2: '111868301^メトホルミン塩酸塩錠２５０ｍｇ「ＫＳ」^HOT^3962002F1026^メトホルミン塩酸塩錠２５０ｍｇ^YJ',
                3: '1', 5: 'TAB^錠^MR9P', 6: 'TAB^錠^MR9P', 10: '56', 11: 'TAB^錠^MR9P', 21: '食後に服用'}),
    tq1({3: '1013044400000000^内服・経口・１日２回朝夕食後^JAMISDP01', 6: '28^d&日&UCUM', 7: '20330304',
         8: '20330331'}),
    seg('RXR', {1: 'PO^口^HL70162'}),
    orc('NW', 'KS58R0102^KSHIS', '', 'KS58RG01^KSHIS', '', '20330304111900', TANAKA, {29: 'O^外来処方^HL70482'}),
    seg('RXE', {2: '117645501^シタグリプチン錠５０ｍｇ^HOT^3969010F1020^シタグリプチン錠５０ｍｇ^YJ',
                3: '1', 5: 'TAB^錠^MR9P', 6: 'TAB^錠^MR9P', 10: '28', 11: 'TAB^錠^MR9P'}),
    tq1({3: '1011000400000000^内服・経口・１日１回朝食後^JAMISDP01', 6: '28^d&日&UCUM', 7: '20330304',
         8: '20330331'}),
    seg('RXR', {1: 'PO^口^HL70162'}),
])
# 06 ADT^A08 Sakurai moved (new address, new phone) (KSHIS, JIS)
SAKURAI_MOVED = SAKURAI | {11: '津島東１−２−３３^^岡山市北区^岡山県^7000086^JPN^H', 13: '^PRN^PH^^^086^2559041'}
M['06-adt-a08-sakurai-address'] = (JIS, [
    msh('KSHIS', '20330304160512', 'KSHIS5800006', 'ADT^A08^ADT_A01', JIS),
    seg('EVN', {1: 'A08', 2: '20330304160500'}), seg('PID', SAKURAI_MOVED), SA_PV1(),
])

# ================= 5 March 2033 (Saturday): Ohashi, emergency admission just after midnight =================
# 07 ADT^A01 admitted to the CCU at 00:04 (UTC: 4 March 15:04) (KSHIS, JIS)
M['07-adt-a01-ohashi-er-admit-0004'] = (JIS, [
    msh('KSHIS', '20330305000731', 'KSHIS5800007', 'ADT^A01^ADT_A01', JIS),
    seg('EVN', {1: 'A01', 2: '20330305000700', 6: '20330305000400'}), seg('PID', OHASHI),
    OH_PV1({4: 'E^救急^HL70007', 14: '7^救急外来^HL70023'}),
])
# 08 OML^O21 stat CBC, CRP, hs troponin T (KSHIS, JIS)
M['08-oml-o21-ohashi-stat-labs-0015'] = (JIS, [
    msh('KSHIS', '20330305001522', 'KSHIS5800008', 'OML^O21^OML_O21', JIS), seg('PID', OHASHI), OH_PV1(),
    orc('NW', OH_CBC, '', 'KS58G02^KSHIS', '', '20330305001500', YAMADA), tq1({9: 'S^至急^HL70485'}),
    obr(1, OH_CBC, '', CBC, {16: YAMADA}), spm(1, 'KS58S0201^KSHIS', BLD),
    orc('NW', OH_CRP, '', 'KS58G02^KSHIS', '', '20330305001500', YAMADA), tq1({9: 'S^至急^HL70485'}),
    obr(2, OH_CRP, '', CRP, {16: YAMADA}), spm(1, 'KS58S0202^KSHIS', SER),
    orc('NW', OH_TNT, '', 'KS58G02^KSHIS', '', '20330305001500', YAMADA), tq1({9: 'S^至急^HL70485'}),
    obr(3, OH_TNT, '', TNT, {16: YAMADA}), nte(1, '胸痛発症 3月4日 22時頃', 'P'), spm(1, 'KS58S0202^KSHIS', SER),
])
# 09 ORU^R01 stat results; hs-TnT HH with the phoned-report NTE (UTF-8, +0900)
M['09-oru-r01-ohashi-stat-results'] = (UTF8, [
    msh('KSLIS', '20330305005844+0900', 'KSLIS5800009', 'ORU^R01^ORU_R01', UTF8), seg('PID', OHASHI), OH_PV1(),
    orc('RE', OH_CBC, OHF_CBC, 'KS58G02^KSHIS', 'CM', '20330305005800'),
    obr(1, OH_CBC, OHF_CBC, CBC, {7: '20330305002100', 14: '20330305002900', 16: YAMADA, 22: '20330305004200',
                                  25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '2A990000001930952^白血球数^JC10^6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '11.8',
        '10*3/uL^10*3/uL^UCUM', '3.3-8.6', 'H', t='20330305002100'),
    obx(2, 'NM', '2A030000001930101^ヘモグロビン^JC10^718-7^Hemoglobin [Mass/volume] in Blood^LN', '13.9',
        'g/dL^g/dL^UCUM', '13.7-16.8', 'N', t='20330305002100'),
    obx(3, 'NM', '2A050000001930952^血小板数^JC10^777-3^Platelets [#/volume] in Blood by Automated count^LN', '21.4',
        '10*4/uL^10*4/uL^UCUM', '15.8-34.8', 'N', t='20330305002100'),
    spm(1, 'KS58S0201^KSHIS', BLD, {17: '20330305002100', 18: '20330305002900'}),
    orc('RE', OH_CRP, OHF_CRP, 'KS58G02^KSHIS', 'CM', '20330305005800'),
    obr(2, OH_CRP, OHF_CRP, CRP, {7: '20330305002100', 14: '20330305002900', 16: YAMADA, 22: '20330305004500',
                                  25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '5C070000002306001^CRP^JC10^1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN', '0.42',
        'mg/dL^mg/dL^UCUM', '0.00-0.14', 'H', t='20330305002100'),
    spm(1, 'KS58S0202^KSHIS', SER, {17: '20330305002100', 18: '20330305002900'}),
    orc('RE', OH_TNT, OHF_TNT, 'KS58G02^KSHIS', 'CM', '20330305005800'),
    obr(3, OH_TNT, OHF_TNT, TNT, {7: '20330305002100', 14: '20330305002900', 16: YAMADA, 22: '20330305005000',
                                  25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '5C094000002305201^高感度トロポニンT^JC10^67151-1^Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN',
        '0.412', 'ng/mL^ng/mL^UCUM', '<0.014', 'HH', t='20330305002100'),
    nte(1, 'パニック値：3月5日 0時52分 循環器内科 山田医師へ電話報告済（検査科 中村）'),
    spm(1, 'KS58S0202^KSHIS', SER, {17: '20330305002100', 18: '20330305002900'}),
])
# 10 RDE^O11 continuous heparin infusion via syringe pump (KSINJ, UTF-8, +0900); 11 its XO
HEP = 'KS58I0201^KSINJ'


def heparin(ctl, sent, ctl_no, placed, rate, start):
    """The KSINJ heparin order (10 000 U in saline 20 mL by syringe pump) as NW or XO: the rate and start change."""
    return [
        msh('KSINJ', sent, ctl_no, 'RDE^O11^RDE_O11', UTF8), seg('PID', OHASHI), OH_PV1(),
        orc(ctl, HEP, '', 'KS58IG02^KSINJ', '', placed, YAMADA, {29: 'I^入院注射^HL70482'}),
        seg('RXE', {2: '640406046^ヘパリンナトリウム注１万単位／１０ｍＬ^HOT^3334400A4024^ヘパリンNa注1万単位/10mL^YJ',
                    3: '10000', 5: 'U^単位^MR9P', 6: 'INJ^注射剤^MR9P', 7: '^ＡＰＴＴ 60-80秒を目標に調節', 10: '1',
                    11: 'VIAL^瓶^MR9P', 23: rate, 24: 'mL/h^mL/h^UCUM'}),
        tq1({3: '^持続^JAMISDP01', 7: start, 9: 'S^至急^HL70485'}),
        seg('RXR', {1: 'IV^静脈内^HL70162', 3: 'SP^シリンジポンプ^99KSI', 4: 'IVC^持続静注^99KSI'}),
        seg('RXC', {1: 'B', 2: '640407001^生理食塩液２０ｍＬ^HOT', 3: '10', 4: 'mL^mL^UCUM'}),
        seg('RXC', {1: 'A', 2: '640406046^ヘパリンナトリウム注１万単位／１０ｍＬ^HOT', 3: '10000', 4: 'U^単位^MR9P'}),
    ]


M['10-rde-o11-ohashi-heparin-infusion'] = (UTF8, heparin('NW', '20330305014012+0900', 'KSINJ5800010',
                                                         '20330305013800+0900', '1', '20330305014500+0900'))
# 11 RDE^O11 XO: heparin rate 1 -> 1.5 mL/h after the 06:00 APTT (KSINJ)
M['11-rde-o11-ohashi-heparin-rate-xo'] = (UTF8, heparin('XO', '20330305083015+0900', 'KSINJ5800011',
                                                        '20330305082900+0900', '1.5', '20330305083000+0900'))
# 12 ADT^A08 Ohashi: moved CCU -> ward 5 East, wife as next of kin (kanji ~ katakana) (KSHIS, JIS)
M['12-adt-a08-ohashi-ward-nok'] = (JIS, [
    msh('KSHIS', '20330305101522', 'KSHIS5800012', 'ADT^A08^ADT_A01', JIS),
    seg('EVN', {1: 'A08', 2: '20330305101500'}), seg('PID', OHASHI),
    seg('NK1', {1: '1', 2: '大橋^和子^^^^^L^I~オオハシ^カズコ^^^^^L^P', 3: 'SPO^配偶者^HL70063',
                5: '^PRN^CP^^^090^48812276'}),
    pv1('I', '5E^512^2^KSGH^^^^^５階東病棟', YAMADA, 'V5800125-01', '20330305000400',
        {4: 'E^救急^HL70007', 14: '7^救急外来^HL70023'}),
])

# ================= 6 March 2033 (Sunday) =================
# 13 OML^O21 routine morning labs: chemistry set + coagulation (KSHIS, JIS)
M['13-oml-o21-ohashi-morning-labs'] = (JIS, [
    msh('KSHIS', '20330306061044', 'KSHIS5800013', 'OML^O21^OML_O21', JIS), seg('PID', OHASHI),
    pv1('I', '5E^512^2^KSGH^^^^^５階東病棟', YAMADA, 'V5800125-01', '20330305000400'),
    orc('NW', OH_CHEM, '', 'KS58G03^KSHIS', '', '20330306061000', YAMADA), tq1({9: 'R^通常^HL70485'}),
    obr(1, OH_CHEM, '', CHEM, {16: YAMADA}), spm(1, 'KS58S0301^KSHIS', SER),
    orc('NW', OH_COAG, '', 'KS58G03^KSHIS', '', '20330306061000', YAMADA), tq1({9: 'R^通常^HL70485'}),
    obr(2, OH_COAG, '', COAG, {16: YAMADA}), nte(1, 'ヘパリン持続投与中', 'P'), spm(1, 'KS58S0302^KSHIS', PLAS),
])
# 14 ORU^R01 chemistry + coagulation final (UTF-8, +0900)
M['14-oru-r01-ohashi-chem-coag'] = (UTF8, [
    msh('KSLIS', '20330306092011+0900', 'KSLIS5800014', 'ORU^R01^ORU_R01', UTF8), seg('PID', OHASHI),
    pv1('I', '5E^512^2^KSGH^^^^^５階東病棟', YAMADA, 'V5800125-01', '20330305000400'),
    orc('RE', OH_CHEM, OHF_CHEM, 'KS58G03^KSHIS', 'CM', '20330306092000'),
    obr(1, OH_CHEM, OHF_CHEM, CHEM, {7: '20330306063000', 14: '20330306070500', 16: YAMADA, 22: '20330306091500',
                                    25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '3B035000002327201^AST^JC10^1920-8^Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma^LN',
        '68', 'U/L^U/L^UCUM', '13-30', 'H', t='20330306063000'),
    obx(2, 'NM', '3B045000002327201^ALT^JC10^1742-6^Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma^LN',
        '29', 'U/L^U/L^UCUM', '10-42', 'N', t='20330306063000'),
    obx(3, 'NM', '3B010000002327201^CK^JC10^2157-6^Creatine kinase [Enzymatic activity/volume] in Serum or Plasma^LN',
        '1240', 'U/L^U/L^UCUM', '59-248', 'H', t='20330306063000'),
    obx(4, 'NM', '3C015000002327101^クレアチニン^JC10^2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN',
        '1.02', 'mg/dL^mg/dL^UCUM', '0.65-1.07', 'N', t='20330306063000'),
    obx(5, 'NM', '3H015000002327101^カリウム^JC10^2823-3^Potassium [Moles/volume] in Serum or Plasma^LN',
        '4.1', 'mmol/L^mmol/L^UCUM', '3.6-4.8', 'N', t='20330306063000'),
    spm(1, 'KS58S0301^KSHIS', SER, {17: '20330306063000', 18: '20330306070500'}),
    orc('RE', OH_COAG, OHF_COAG, 'KS58G03^KSHIS', 'CM', '20330306092000'),
    obr(2, OH_COAG, OHF_COAG, COAG, {7: '20330306063000', 14: '20330306070500', 16: YAMADA, 22: '20330306091500',
                                    25: 'F', 32: NAKAMURA}),
    obx(1, 'NM', '2B030000002305101^PT-INR^JC10^6301-6^INR in Platelet poor plasma by Coagulation assay^LN', '1.12',
        '{INR}^INR^UCUM', '0.85-1.15', 'N', t='20330306063000'),
    obx(2, 'NM', '2B020000002305101^APTT^JC10^14979-9^aPTT in Platelet poor plasma by Coagulation assay^LN', '72.4',
        's^秒^UCUM', '24.0-34.0', 'H', t='20330306063000'),
    nte(1, 'ヘパリン投与中の検体'),
    spm(1, 'KS58S0302^KSHIS', PLAS, {17: '20330306063000', 18: '20330306070500'}),
])

# ================= 7 March 2033: the outsourced anti-GAD result (empty MSH-18, UTF-8 bytes, bare times) =========
M['15-oru-r01-sakurai-gad-sendout'] = (EMPTY, [
    msh('SCLC', '20330307143012', 'SCLC0058015', 'ORU^R01^ORU_R01', EMPTY), seg('PID', SAKURAI), SA_PV1(),
    orc('RE', SA_GAD, SAF_GAD, SA_GRP, 'CM', '20330307143000'),
    obr(1, SA_GAD, SAF_GAD, GAD, {7: '20330304091500', 16: TANAKA, 22: '20330307142500', 25: 'F'}),
    obx(1, 'NM', '5G450000002305201^抗GAD抗体^JC10^13926-1^Glutamate decarboxylase 65 Ab [Units/volume] in Serum^LN',
        '12.5', 'U/mL^U/mL^UCUM', '<5.0', 'H', t='20330306110000',
        extra={23: '株式会社瀬戸内臨床検査センター^L^^^^^XX^^^SCLC-001',
               24: '倉敷市水島西通１−２０^^倉敷市^岡山県^7128055^JPN^B'}),
    obx(2, 'TX', '5G450000002305201^抗GAD抗体判定^JC10', '判定：陽性。緩徐進行1型糖尿病（SPIDDM）の可能性があります。',
        t='20330306110000'),
    nte(1, '本検査は外部委託検査です（ELISA法）。'),
    spm(1, 'KS58S0103^KSHIS', SER, {17: '20330304091500'}),
])

# ================= 8-10 March: Ohashi, heparin stopped, discharge prescription, discharge =================
# 16 RDE^O11 DC heparin (KSINJ)
M['16-rde-o11-ohashi-heparin-dc'] = (UTF8, [
    msh('KSINJ', '20330308090218+0900', 'KSINJ5800016', 'RDE^O11^RDE_O11', UTF8), seg('PID', OHASHI),
    pv1('I', '5E^512^2^KSGH^^^^^５階東病棟', YAMADA, 'V5800125-01', '20330305000400'),
    orc('DC', HEP, '', 'KS58IG02^KSINJ', '', '20330308090000+0900', YAMADA,
        {16: '01^経口抗凝固薬へ切替^99KSI', 29: 'I^入院注射^HL70482'}),
    seg('RXE', {2: '640406046^ヘパリンナトリウム注１万単位／１０ｍＬ^HOT^3334400A4024^ヘパリンNa注1万単位/10mL^YJ',
                3: '10000', 5: 'U^単位^MR9P', 6: 'INJ^注射剤^MR9P', 23: '1.5', 24: 'mL/h^mL/h^UCUM'}),
    tq1({3: '^持続^JAMISDP01', 7: '20330305014500+0900', 8: '20330308'}),
    seg('RXR', {1: 'IV^静脈内^HL70162'}),
])
# 17 RDE^O11 discharge prescription: warfarin 2 mg evening + bisoprolol, date-only start 10 March, 28 days (KSHIS)
M['17-rde-o11-ohashi-discharge-rx'] = (JIS, [
    msh('KSHIS', '20330309151044', 'KSHIS5800017', 'RDE^O11^RDE_O11', JIS), seg('PID', OHASHI),
    pv1('I', '5E^512^2^KSGH^^^^^５階東病棟', YAMADA, 'V5800125-01', '20330305000400'),
    orc('NW', 'KS58R0201^KSHIS', '', 'KS58RG02^KSHIS', '', '20330309151000', YAMADA, {29: 'D^退院処方^99KSH'}),
    seg('RXE', {2: '106250301^ワーファリン錠１ｍｇ^HOT^3332001F1010^ワルファリンカリウム錠１ｍｇ^YJ', 3: '2',
                5: 'TAB^錠^MR9P', 6: 'TAB^錠^MR9P', 10: '56', 11: 'TAB^錠^MR9P', 21: '納豆・青汁は避ける'}),
    tq1({3: '1050110020000000^内服・経口・１日１回夕食後^JAMISDP01', 6: '28^d&日&UCUM', 7: '20330310',
         8: '20330406'}),
    seg('RXR', {1: 'PO^口^HL70162'}),
    orc('NW', 'KS58R0202^KSHIS', '', 'KS58RG02^KSHIS', '', '20330309151000', YAMADA, {29: 'D^退院処方^99KSH'}),
    seg('RXE', {2: '112346201^ビソプロロールフマル酸塩錠２．５ｍｇ^HOT^2123016F2033^ビソプロロールフマル酸塩錠２．５ｍｇ^YJ',
                3: '1', 5: 'TAB^錠^MR9P', 6: 'TAB^錠^MR9P', 10: '28', 11: 'TAB^錠^MR9P'}),
    tq1({3: '1011000400000000^内服・経口・１日１回朝食後^JAMISDP01', 6: '28^d&日&UCUM', 7: '20330310',
         8: '20330406'}),
    seg('RXR', {1: 'PO^口^HL70162'}),
])
# 18 ADT^A03 discharge 10 March 10:30 (KSHIS)
M['18-adt-a03-ohashi-discharge'] = (JIS, [
    msh('KSHIS', '20330310103244', 'KSHIS5800018', 'ADT^A03^ADT_A03', JIS),
    seg('EVN', {1: 'A03', 2: '20330310103200', 6: '20330310103000'}), seg('PID', OHASHI),
    pv1('I', '5E^512^2^KSGH^^^^^５階東病棟', YAMADA, 'V5800125-01', '20330305000400',
        {4: 'E^救急^HL70007', 36: '01^自宅^HL70112', 45: '20330310103000'}),
])

# ================= 11 March: Nguyen, a foreign patient (alphabetic name + katakana reading) =================
M['19-adt-a04-nguyen-register'] = (JIS, [
    msh('KSHIS', '20330311091244', 'KSHIS5800019', 'ADT^A04^ADT_A01', JIS),
    seg('EVN', {1: 'A04', 2: '20330311091200'}), seg('PID', NGUYEN | {15: 'vie^ベトナム語^ISO639', 28: 'VNM^ベトナム^ISO3166'}),
    NG_PV1(),
])
M['20-oml-o21-nguyen-flu-ua'] = (JIS, [
    msh('KSHIS', '20330311092530', 'KSHIS5800020', 'OML^O21^OML_O21', JIS), seg('PID', NGUYEN), NG_PV1(),
    orc('NW', NG_FLU, '', 'KS58G04^KSHIS', '', '20330311092500', KOBAYASHI), tq1({9: 'S^至急^HL70485'}),
    obr(1, NG_FLU, '', FLU, {16: KOBAYASHI}), spm(1, 'KS58S0401^KSHIS', NPS),
    orc('NW', NG_UA, '', 'KS58G04^KSHIS', '', '20330311092500', KOBAYASHI), tq1({9: 'R^通常^HL70485'}),
    obr(2, NG_UA, '', UA, {16: KOBAYASHI}), spm(1, 'KS58S0402^KSHIS', UR),
])
M['21-oru-r01-nguyen-flu-ua-results'] = (UTF8, [
    msh('KSLIS', '20330311100244+0900', 'KSLIS5800021', 'ORU^R01^ORU_R01', UTF8), seg('PID', NGUYEN), NG_PV1(),
    orc('RE', NG_FLU, NGF_FLU, 'KS58G04^KSHIS', 'CM', '20330311100200'),
    obr(1, NG_FLU, NGF_FLU, FLU, {7: '20330311093500', 16: KOBAYASHI, 22: '20330311095000', 25: 'F', 32: NAKAMURA}),
    obx(1, 'ST', '5F101141002316101^インフルエンザA抗原^JC10^80382-9^Influenza virus A Ag [Presence] in Upper respiratory specimen by Rapid immunoassay^LN',
        '陰性', rr='陰性', flag='N', t='20330311093500'),
    obx(2, 'ST', '5F101142002316101^インフルエンザB抗原^JC10^80383-7^Influenza virus B Ag [Presence] in Upper respiratory specimen by Rapid immunoassay^LN',
        '陰性', rr='陰性', flag='N', t='20330311093500'),
    nte(1, '発症後12時間以内の検体のため偽陰性の可能性あり'),
    spm(1, 'KS58S0401^KSHIS', NPS, {17: '20330311093500'}),
    orc('RE', NG_UA, NGF_UA, 'KS58G04^KSHIS', 'CM', '20330311100200'),
    obr(2, NG_UA, NGF_UA, UA, {7: '20330311093000', 16: KOBAYASHI, 22: '20330311095500', 25: 'F', 32: NAKAMURA}),
    obx(1, 'ST', '1A020000000191111^尿蛋白定性^JC10^20454-5^Protein [Presence] in Urine by Test strip^LN', '（±）',
        rr='（−）', flag='A', t='20330311093000'),
    obx(2, 'ST', '1A010000000191111^尿糖定性^JC10^25428-4^Glucose [Presence] in Urine by Test strip^LN', '（−）',
        rr='（−）', flag='N', t='20330311093000'),
    obx(3, 'NM', '1A035000000191111^尿比重^JC10^5811-5^Specific gravity of Urine by Test strip^LN', '1.025',
        rr='1.005-1.030', flag='N', t='20330311093000'),
    obx(4, 'TX', '1A990000000199911^尿所見コメント^99KSL', '早朝尿ではありません。再検をご検討ください。', t='20330311093000'),
    spm(1, 'KS58S0402^KSHIS', UR, {17: '20330311093000'}),
])
M['22-rde-o11-nguyen-prn-acetaminophen'] = (JIS, [
    msh('KSHIS', '20330311102012', 'KSHIS5800022', 'RDE^O11^RDE_O11', JIS), seg('PID', NGUYEN), NG_PV1(),
    orc('NW', 'KS58R0301^KSHIS', '', 'KS58RG03^KSHIS', '', '20330311101900', KOBAYASHI, {29: 'O^外来処方^HL70482'}),
    seg('RXE', {2: '100694701^アセトアミノフェン錠２００ｍｇ^HOT^1141007F1063^アセトアミノフェン錠２００ｍｇ^YJ', 3: '2',
                5: 'TAB^錠^MR9P', 6: 'TAB^錠^MR9P', 10: '20', 11: 'TAB^錠^MR9P', 21: '６時間以上あけて服用'}),
    tq1({3: '2B74000000000000^内服・頓用・疼痛時^JAMISDP01', 7: '20330311', 10: '疼痛時、発熱時（38.5℃以上）',
         14: '10'}),
    seg('RXR', {1: 'PO^口^HL70162'}),
])
# 23 ADT^A08 from the medical-accounts system: MSH-18 `ISO IR87` as the first repetition; Nguyen's new mobile
M['23-adt-a08-nguyen-phone-ksreg'] = (JIS_FIRST, [
    msh('KSREG', '20330311164012', 'KSREG5800023', 'ADT^A08^ADT_A01', JIS_FIRST),
    seg('EVN', {1: 'A08', 2: '20330311164000'}), seg('PID', NGUYEN | {13: '^PRN^CP^^^070^11283345'}), NG_PV1(),
])
# 24 ADT^A08 just after midnight (nightly batch): Sakurai's katakana reading corrected ミサキ -> ミサト (KSHIS)
SAKURAI_READING = SAKURAI_MOVED | {5: '桜井^美咲^^^^^L^I~サクライ^ミサト^^^^^L^P'}
M['24-adt-a08-sakurai-reading-0002'] = (JIS, [
    msh('KSHIS', '20330312000214', 'KSHIS5800024', 'ADT^A08^ADT_A01', JIS),
    seg('EVN', {1: 'A08', 2: '20330312000200'}), seg('PID', SAKURAI_READING), SA_PV1(),
])

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, (cs, segs) in M.items():
        text = '\r'.join(segs) + '\r'
        data = text.encode('iso2022_jp') if cs in (JIS, JIS_FIRST) else text.encode('utf-8')
        (OUT / f'{name}.hl7').write_bytes(data)
    print(len(M), 'messages in', OUT)
