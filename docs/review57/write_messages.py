#!/usr/bin/env python3
r"""Review 57's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a US community hospital's registration / ADT feed on ONE America/Anchorage channel across the fall-back of
Sunday 6 November 2033 (clocks go from 02:00 AKDT, -08:00, back to 01:00 AKST, -09:00: 01:00-01:59 happens twice).
Knik Arm Community Hospital, Anchorage, Alaska (KACH, invented).
- Registration "KAREG" (v2.5.1, MSH-7 always with its offset: -0800 before the change, -0900 after it, so the
  repeated hour's second pass is sent 01:xx-0900): A05 pre-admit with AL1 / DG1 / PV2-8, A38 cancel pre-admit, A05
  again (a new visit), A21 leave of absence out, A52 cancel leave, A21 again, A22 return (first pass of the repeated
  hour), A53 cancel return (second pass), A04 observation registration, A01 admit from the ED, A02 transfer to the
  ICU and A12 cancel transfer (second pass), A54 change attending (hig documents it refused), A06 outpatient ->
  inpatient with MRG, A16 pending discharge with PV2-9, A24 link / A37 unlink of two records.
- Bed board "KABED" (v2.6, MSH-7 WITHOUT offset: the channel's zone decides; inner times bare too): A14 pending
  admit, A27 cancel pending admit, A15 pending transfer (PV1-42 the pending bed) and A26 its cancel, both inside
  the repeated hour (MSH-7 01:20 and 01:45, first pass by their order in the feed).
- Ambulatory clinic "KACLIN" (Knik Arm Family Clinic, v2.8, MSH-7 with offset): A04 clinic registration with AL1,
  A47 change patient identifier (MRG-1 the mistyped clinic MRN), A60 update adverse reaction (IAM add).
PID-3: the hospital MRN (KACH MR) or the clinic's (KACLIN MR); PID-18 the account (KACH AN); PV1-19 the visit (KACH
VN). Patients and numbers (KA57..., KC00552.., KV57..., KA57A...) none of earlier reviews' (grepped). Fields placed
by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Anchorage):
    python3 docs/review57/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review57/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, ver, fac='KACH'):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'KACH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: ver})


def evn(code, t, reason='', op='', occurred=''):
    f = {1: code, 2: t, 4: reason, 5: op, 6: occurred}
    return seg('EVN', {k: v for k, v in f.items() if v != ''} | {2: t})


# ---- patients ----
RUTH = {1: '1', 3: 'KA5700101^^^KACH^MR', 5: 'OKPIK^RUTH^ANN^^^^L', 7: '19610319', 8: 'F',
        10: '1002-5^American Indian or Alaska Native^CDCREC', 11: '4410 Wisteria Loop^^Anchorage^AK^99508^USA^H',
        13: '^PRN^PH^^1^907^5550188', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
DANIEL = {1: '1', 3: 'KA5700102^^^KACH^MR', 5: 'KASHEVAROF^DANIEL^PAVEL^^^^L', 7: '19480927', 8: 'M',
          11: '1207 Eklutna Court^^Eagle River^AK^99577^USA^H', 13: '^PRN^PH^^1^907^5550143'}
ELLA = {1: '1', 3: 'KA5700103^^^KACH^MR', 5: 'BERGSTROM^ELLA^MAE^^^^L', 7: '19370602', 8: 'F',
        11: '88 Birchwood Spur^^Chugiak^AK^99567^USA^H', 13: '^PRN^PH^^1^907^5550127'}
PETER = {1: '1', 3: 'KA5700105^^^KACH^MR', 5: 'AGUVLUK^PETER^JOHN^^^^L', 7: '19750111', 8: 'M',
         11: '3021 Tudor Centre Dr Apt 6^^Anchorage^AK^99508^USA^H', 13: '^PRN^CP^^1^907^5550176'}
# Sione Tupou senior at the clinic (mistyped MRN first, then corrected) and Sione Tupou junior at the hospital
SIONE_CLINIC_BAD = {1: '1', 3: 'KC0055120^^^KACLIN^MR', 5: 'TUPOU^SIONE^^^^^L', 7: '19640214', 8: 'M',
                    11: '650 Muldoon Rd Apt 12^^Anchorage^AK^99504^USA^H', 13: '^PRN^CP^^1^907^5550133'}
SIONE_CLINIC = {**SIONE_CLINIC_BAD, **{3: 'KC0055210^^^KACLIN^MR'}}
SIONE_JR = {1: '2', 3: 'KA5700104^^^KACH^MR', 5: 'TUPOU^SIONE^^JR^^^L', 7: '19920214', 8: 'M',
            11: '650 Muldoon Rd Apt 12^^Anchorage^AK^99504^USA^H', 13: '^PRN^CP^^1^907^5550162'}


def pid(p, acct=''):
    return seg('PID', {**p, **({18: acct} if acct else {})})


# ---- providers (NPI, invented) ----
SURG = '1578201446^HALVORSEN^KARIN^L^^DR^MD^^NPI'
EDOC = '1932440857^MWANGI^JOSEPH^^^DR^MD^^NPI'
HOSP = '1649503321^STRAND^EMILY^R^^DR^MD^^NPI'
ICUD = '1003917265^NAKASHIMA^REID^^^DR^MD^^NPI'
GERI = '1285637910^LAFLEUR^MONIQUE^^^DR^MD^^NPI'
FAMD = '1467220583^OYAGAK^THERESA^^^DR^DO^^NPI'
CLERK = 'RGN114^PETTIS^DARLA^^^^^^KACH'
BEDC = 'BED07^KOWALCZYK^ANDRE^^^^^^KACH'

MS3W = '3W^312^A^KACH^^^^^3 West Med-Surg'
ICU4 = 'ICU^04^A^KACH^^^^^Intensive Care Unit'
SWING = '2S^206^B^KACH^^^^^2 South Swing Bed'
ED7 = 'ED^BAY07^^KACH^^^^^Emergency Department'
OBS = 'OBS^512^A^KACH^^^^^Observation Unit'
E4 = '4E^418^B^KACH^^^^^4 East Medical'
SURGPRE = 'PREOP^^^KACH^^^^^Pre-Admission Testing'
CLIN = 'FMC^EXAM3^^KACLIN^^^^^Knik Arm Family Clinic'


def pv1(cls, where, visit, extra=None):
    f = {1: '1', 2: cls, 3: where, 19: visit}
    f.update(extra or {})
    return seg('PV1', {k: v for k, v in f.items() if v != ''})


def pv2(extra):
    return seg('PV2', extra)


def al1(i, typ, code, sev, reaction):
    return seg('AL1', {1: str(i), 2: typ, 3: code, 4: sev, 5: reaction})


M = {}
# ---------------- Friday 4 November 2033 ----------------
# 01 KAREG A05: Ruth pre-admitted for a right total knee on Monday 7 Nov (PV2-8 expected admit), AL1 penicillin,
# DG1 the admitting diagnosis; PV1-2 I, PV1-3 the pre-admission testing clinic, PV1-4 elective
M['01-adt-a05-ruth-preadmit'] = [
    msh('KAREG', '20331104141022-0800', 'REG5701001', 'ADT^A05^ADT_A05', '2.5.1'),
    evn('A05', '20331104141000', '', CLERK),
    pid(RUTH, 'KA57A0101^^^KACH^AN'),
    pv1('I', SURGPRE, 'KV5701001^^^KACH^VN', {4: 'E', 7: SURG, 10: 'SUR', 14: '2', 17: SURG, 18: 'PRE'}),
    pv2({8: '20331107063000', 3: 'M17.11^Unilateral primary osteoarthritis, right knee^I10'}),
    al1(1, 'DA', '70618^Penicillin^RXNORM', 'MO', 'Hives'),
    seg('DG1', {1: '1', 3: 'M17.11^Unilateral primary osteoarthritis, right knee^I10', 6: 'A'}),
]
# ---------------- Saturday 5 November ----------------
# 02 KAREG A38: the pre-admit cancelled (surgery moved to Wednesday), EVN-4 reason
M['02-adt-a38-ruth-cancel-preadmit'] = [
    msh('KAREG', '20331105090214-0800', 'REG5701002', 'ADT^A38^ADT_A38', '2.5.1'),
    evn('A38', '20331105090200', 'RSCH^Surgery rescheduled^KACH', CLERK),
    pid(RUTH, 'KA57A0101^^^KACH^AN'),
    pv1('I', SURGPRE, 'KV5701001^^^KACH^VN', {4: 'E', 7: SURG, 10: 'SUR', 17: SURG}),
]
# 03 KAREG A05 again: a new visit for Wednesday 9 Nov; AL1 penicillin + latex (the whole list)
M['03-adt-a05-ruth-preadmit-again'] = [
    msh('KAREG', '20331105093118-0800', 'REG5701003', 'ADT^A05^ADT_A05', '2.5.1'),
    evn('A05', '20331105093100', '', CLERK),
    pid(RUTH, 'KA57A0102^^^KACH^AN'),
    pv1('I', SURGPRE, 'KV5701002^^^KACH^VN', {4: 'E', 7: SURG, 10: 'SUR', 14: '2', 17: SURG, 18: 'PRE'}),
    pv2({8: '20331109063000', 3: 'M17.11^Unilateral primary osteoarthritis, right knee^I10'}),
    al1(1, 'DA', '70618^Penicillin^RXNORM', 'MO', 'Hives'),
    al1(2, 'MA', '1003755^Latex^NDFRT', 'SV', 'Anaphylaxis'),
]
# 04 KACLIN A04 (v2.8): Sione senior registered at the family clinic under a mistyped MRN KC0055120; AL1 codeine
M['04-adt-a04-sione-clinic-register'] = [
    msh('KACLIN', '20331105162045-0800', 'FMC5704004', 'ADT^A04^ADT_A01', '2.8', 'KACLIN'),
    evn('', '20331105162000', '', ''),
    pid(SIONE_CLINIC_BAD),
    pv1('O', CLIN, 'FV5704410^^^KACLIN^VN', {4: 'R', 7: FAMD, 10: 'FM', 44: '20331105161500'}),
    al1(1, 'DA', '2670^Codeine^RXNORM', 'MI', 'Nausea'),
]
# 05 KACLIN A47 (v2.8): change patient identifier: KC0055120 was a transposition of KC0055210
M['05-adt-a47-sione-change-identifier'] = [
    msh('KACLIN', '20331105164811-0800', 'FMC5704005', 'ADT^A47^ADT_A30', '2.8', 'KACLIN'),
    evn('', '20331105164800', '', ''),
    pid(SIONE_CLINIC),
    seg('MRG', {1: 'KC0055120^^^KACLIN^MR'}),
]
# 06 KACLIN A60 (v2.8): update adverse reaction information: sulfamethoxazole (rash) added, IAM-6 A
M['06-adt-a60-sione-add-sulfa'] = [
    msh('KACLIN', '20331105170512-0800', 'FMC5704006', 'ADT^A60^ADT_A60', '2.8', 'KACLIN'),
    evn('', '20331105170500', '', ''),
    pid(SIONE_CLINIC),
    seg('IAM', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '10180^Sulfamethoxazole^RXNORM', 4: 'MO^Moderate^HL70128',
                5: 'Generalized rash', 6: 'A^Add^HL70206', 7: 'SULFA-01^KACLIN', 11: '20290600',
                13: '20331105170000', 17: 'C^Confirmed^HL70438'}),
]
# 07 KAREG A21: Ella (swing bed) out on a leave of absence for a family dinner
M['07-adt-a21-ella-leave-out'] = [
    msh('KAREG', '20331105173016-0800', 'REG5703007', 'ADT^A21^ADT_A21', '2.5.1'),
    evn('A21', '20331105173000', '', CLERK, '20331105172500'),
    pid(ELLA, 'KA57A0301^^^KACH^AN'),
    pv1('I', SWING, 'KV5703001^^^KACH^VN', {4: 'R', 7: GERI, 10: 'SWG', 44: '20331028141500'}),
]
# 08 KAREG A52: cancel the leave (the family's car broke down; she never left)
M['08-adt-a52-ella-cancel-leave'] = [
    msh('KAREG', '20331105174544-0800', 'REG5703008', 'ADT^A52^ADT_A52', '2.5.1'),
    evn('A52', '20331105174500', '', CLERK),
    pid(ELLA, 'KA57A0301^^^KACH^AN'),
    pv1('I', SWING, 'KV5703001^^^KACH^VN', {4: 'R', 7: GERI, 10: 'SWG', 44: '20331028141500'}),
]
# 09 KAREG A21: the leave after all (a neighbour drove her), overnight
M['09-adt-a21-ella-leave-out-again'] = [
    msh('KAREG', '20331105184110-0800', 'REG5703009', 'ADT^A21^ADT_A21', '2.5.1'),
    evn('A21', '20331105184100', '', CLERK, '20331105183500'),
    pid(ELLA, 'KA57A0301^^^KACH^AN'),
    pv1('I', SWING, 'KV5703001^^^KACH^VN', {4: 'R', 7: GERI, 10: 'SWG', 44: '20331028141500'}),
]
# 10 KABED A14 (v2.6, bare MSH-7): Peter in the ED (arrived 19:30), pending admission to 4 East bed 418-B
M['10-adt-a14-peter-pending-admit'] = [
    msh('KABED', '20331105214033', 'BED5705010', 'ADT^A14^ADT_A05', '2.6'),
    evn('', '20331105214000', '', BEDC),
    pid(PETER, 'KA57A0501^^^KACH^AN'),
    pv1('E', ED7, 'KV5705001^^^KACH^VN', {4: 'E', 7: EDOC, 10: 'MED', 14: '7', 42: E4, 44: '20331105193000'}),
    pv2({8: '20331105223000'}),
]
# 11 KABED A27 (v2.6, bare): pending admission cancelled: he will go to observation instead
M['11-adt-a27-peter-cancel-pending-admit'] = [
    msh('KABED', '20331105235512', 'BED5705011', 'ADT^A27^ADT_A21', '2.6'),
    evn('', '20331105235500', '', BEDC),
    pid(PETER, 'KA57A0501^^^KACH^AN'),
    pv1('E', ED7, 'KV5705001^^^KACH^VN', {4: 'E', 7: EDOC, 10: 'MED', 42: E4, 44: '20331105193000'}),
]
# ---------------- Sunday 6 November: the fall-back night ----------------
# 12 KAREG A04: Peter registered to observation (a new visit, class O), 00:05 AKDT
M['12-adt-a04-peter-observation'] = [
    msh('KAREG', '20331106000740-0800', 'REG5705012', 'ADT^A04^ADT_A01', '2.5.1'),
    evn('A04', '20331106000700', '', CLERK, '20331106000500'),
    pid(PETER, 'KA57A0502^^^KACH^AN'),
    pv1('O', OBS, 'KV5705002^^^KACH^VN', {4: 'E', 7: HOSP, 10: 'OBS', 14: '7', 17: EDOC, 44: '20331106000500'}),
]
# 13 KAREG A01: Daniel admitted from the ED to 3 West, 00:40 AKDT (PV1-44 00:35)
M['13-adt-a01-daniel-admit'] = [
    msh('KAREG', '20331106004208-0800', 'REG5702013', 'ADT^A01^ADT_A01', '2.5.1'),
    evn('A01', '20331106004100', '', CLERK, '20331106003500'),
    pid(DANIEL, 'KA57A0201^^^KACH^AN'),
    pv1('I', MS3W, 'KV5702001^^^KACH^VN', {4: 'E', 7: EDOC, 10: 'MED', 14: '7', 17: EDOC, 44: '20331106003500'}),
    pv2({3: 'J18.9^Pneumonia, unspecified organism^I10'}),
    al1(1, 'DA', '1191^Aspirin^RXNORM', 'MI', 'Dyspepsia'),
]
# 14 KABED A15 (bare MSH-7 01:20, first pass by the feed): pending transfer to ICU 04-A (PV1-42)
M['14-adt-a15-daniel-pending-transfer'] = [
    msh('KABED', '20331106012019', 'BED5702014', 'ADT^A15^ADT_A16', '2.6'),
    evn('', '20331106012000', '', BEDC),
    pid(DANIEL, 'KA57A0201^^^KACH^AN'),
    pv1('I', MS3W, 'KV5702001^^^KACH^VN', {4: 'E', 7: EDOC, 10: 'MED', 42: ICU4, 44: '20331106003500'}),
]
# 15 KABED A26 (bare MSH-7 01:45, first pass): pending transfer cancelled (he improved on BiPAP)
M['15-adt-a26-daniel-cancel-pending-transfer'] = [
    msh('KABED', '20331106014502', 'BED5702015', 'ADT^A26^ADT_A21', '2.6'),
    evn('', '20331106014500', '', BEDC),
    pid(DANIEL, 'KA57A0201^^^KACH^AN'),
    pv1('I', MS3W, 'KV5702001^^^KACH^VN', {4: 'E', 7: EDOC, 10: 'MED', 42: ICU4, 44: '20331106003500'}),
]
# 16 KAREG A22 (MSH-7 01:52-0800, first pass): Ella back from her leave at 01:40 (EVN-6 bare)
M['16-adt-a22-ella-return'] = [
    msh('KAREG', '20331106015233-0800', 'REG5703016', 'ADT^A22^ADT_A21', '2.5.1'),
    evn('A22', '20331106015200', '', CLERK, '20331106014000'),
    pid(ELLA, 'KA57A0301^^^KACH^AN'),
    pv1('I', SWING, 'KV5703001^^^KACH^VN', {4: 'R', 7: GERI, 10: 'SWG', 44: '20331028141500'}),
]
# 17 KAREG A02 (MSH-7 01:12-0900, the second pass, 80 minutes after #14): Daniel transferred to ICU 04-A after
# all (desaturated); EVN-6 01:05 bare (second pass: 01:05-0800 would be before the cancel #15)
M['17-adt-a02-daniel-transfer-icu'] = [
    msh('KAREG', '20331106011244-0900', 'REG5702017', 'ADT^A02^ADT_A02', '2.5.1'),
    evn('A02', '20331106011200', '', CLERK, '20331106010500'),
    pid(DANIEL, 'KA57A0201^^^KACH^AN'),
    pv1('I', ICU4, 'KV5702001^^^KACH^VN', {4: 'E', 6: MS3W, 7: ICUD, 10: 'MED', 17: EDOC, 44: '20331106003500'}),
]
# 18 KAREG A53 (MSH-7 01:25-0900, second pass): Ella's return cancelled: the registrar returned the wrong patient;
# she is still at her daughter's
M['18-adt-a53-ella-cancel-return'] = [
    msh('KAREG', '20331106012507-0900', 'REG5703018', 'ADT^A53^ADT_A52', '2.5.1'),
    evn('A53', '20331106012500', '', CLERK),
    pid(ELLA, 'KA57A0301^^^KACH^AN'),
    pv1('I', SWING, 'KV5703001^^^KACH^VN', {4: 'R', 7: GERI, 10: 'SWG', 44: '20331028141500'}),
]
# 19 KAREG A12 (MSH-7 01:38-0900): Daniel's transfer cancelled (the ICU bed went to a trauma; he stays on 3 West
# with a sitter); PV1-3 the bed he stays in, PV1-6 the cancelled destination
M['19-adt-a12-daniel-cancel-transfer'] = [
    msh('KAREG', '20331106013816-0900', 'REG5702019', 'ADT^A12^ADT_A12', '2.5.1'),
    evn('A12', '20331106013800', '', CLERK),
    pid(DANIEL, 'KA57A0201^^^KACH^AN'),
    pv1('I', MS3W, 'KV5702001^^^KACH^VN', {4: 'E', 6: ICU4, 7: EDOC, 10: 'MED', 17: EDOC, 44: '20331106003500'}),
]
# 20 KAREG A54 (MSH-7 07:10-0900): the hospitalist takes over as attending (ADT_A54: PID PV1 ROL)
M['20-adt-a54-daniel-change-attending'] = [
    msh('KAREG', '20331106071020-0900', 'REG5702020', 'ADT^A54^ADT_A54', '2.5.1'),
    evn('A54', '20331106071000', '', CLERK, '20331106070000'),
    pid(DANIEL, 'KA57A0201^^^KACH^AN'),
    pv1('I', MS3W, 'KV5702001^^^KACH^VN', {4: 'E', 7: HOSP, 10: 'MED', 17: EDOC, 44: '20331106003500'}),
]
# 21 KAREG A24 (MSH-7 08:40-0900): the hospital's record of Sione junior linked to the clinic's record (the
# registrar took them for one person: same name and address)
M['21-adt-a24-sione-link'] = [
    msh('KAREG', '20331106084031-0900', 'REG5704021', 'ADT^A24^ADT_A24', '2.5.1'),
    evn('A24', '20331106084000', '', CLERK),
    pid({**SIONE_JR, **{1: '1'}}),
    pid({**SIONE_CLINIC, **{1: '2'}}),
]
# 22 KAREG A37 (MSH-7 09:15-0900): unlinked: father (1964) and son (1992), two persons
M['22-adt-a37-sione-unlink'] = [
    msh('KAREG', '20331106091544-0900', 'REG5704022', 'ADT^A37^ADT_A37', '2.5.1'),
    evn('A37', '20331106091500', 'ERR^Linked in error^KACH', CLERK),
    pid({**SIONE_JR, **{1: '1'}}),
    pid({**SIONE_CLINIC, **{1: '2'}}),
]
# 23 KAREG A06 (MSH-7 10:32-0900): Peter's observation visit becomes an inpatient admission, same visit number
# (MRG-5), the account carried (MRG-3); PV1-44 the inpatient admission order time; 4 East 418-B
M['23-adt-a06-peter-obs-to-inpatient'] = [
    msh('KAREG', '20331106103205-0900', 'REG5705023', 'ADT^A06^ADT_A06', '2.5.1'),
    evn('A06', '20331106103200', '', CLERK, '20331106103000'),
    pid(PETER, 'KA57A0502^^^KACH^AN'),
    seg('MRG', {1: 'KA5700105^^^KACH^MR', 3: 'KA57A0502^^^KACH^AN', 5: 'KV5705002^^^KACH^VN'}),
    pv1('I', E4, 'KV5705002^^^KACH^VN', {4: 'E', 6: OBS, 7: HOSP, 10: 'MED', 14: '7', 17: HOSP, 44: '20331106103000'}),
]
# ---------------- Monday 7 November ----------------
# 24 KAREG A16 (MSH-7 09:05-0900): Peter's pending discharge home this afternoon (PV2-9 expected discharge 14:00)
M['24-adt-a16-peter-pending-discharge'] = [
    msh('KAREG', '20331107090512-0900', 'REG5705024', 'ADT^A16^ADT_A16', '2.5.1'),
    evn('A16', '20331107090500', '', CLERK),
    pid(PETER, 'KA57A0502^^^KACH^AN'),
    pv1('I', E4, 'KV5705002^^^KACH^VN', {4: 'E', 7: HOSP, 10: 'MED', 17: HOSP, 37: '', 44: '20331106103000'}),
    pv2({9: '20331107140000'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
