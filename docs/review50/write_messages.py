#!/usr/bin/env python3
r"""Review 50's synthetic sample (issue 14, defect class 6: event semantics): 24 messages written by the reviewer before
any Bundle was read, in the habits of an Irish acute hospital's patient administration system (an iPM-style PAS,
HL7 v2.4, ISO-8859-1 with MSH-18 `8859/1`, Irish names with fadas) and its laboratory middleware (OUL^R22
specimen-centric results and an ORU^R01 correction, HL7 v2.5.1, SI units), all on ONE channel whose zone is
Europe/Dublin, across the autumn clock change of Sunday 26 October 2031 (02:00 IST +01:00 becomes 01:00 GMT +00:00:
the clock time 01:00-01:59 happens twice, first at +01:00, then at +00:00). Ardcarrig University Hospital (ACUH,
invented). Patient identifiers as an Irish PAS sends them in PID-3: the hospital MRN (ACUH^MR) and the Individual
Health Identifier (18 digits, IHI^NI); consultants and GPs in XCN with their Irish Medical Council number (IMC^MD).
- PAS "ACPAS" (ADT v2.4, MSH-7 WITH offset +0100 / +0000, EVN / PV1 / PV2 times BARE):
  A05 pre-admit (elective THR) then A38 cancel pre-admit; A01 of the wrong patient then A11 cancel admit, then A44
  moving the admission's account (PID-18) from the wrong patient (MRG-1) to the right one; A01 x2, A02 transfer then
  A12 cancel transfer; A08 with a changed attending consultant (PV1-7) in the FIRST pass of the repeated hour; A14
  pending admit in the SECOND pass, then A27 cancel pending admit; A17 bed swap in the second pass (EVN-6 bare);
  A21 leave of absence / A22 return; A40 merge of an ED trauma alias (temporary MRN) into the known MRN + IHI;
  A04 of a duplicate record, then A23 delete visit and A29 delete person; A03 discharge then A13 cancel discharge
  (the PAS echoes PV1-36 / PV1-45 on the A13);
- lab middleware "ACLABMW" (OUL^R22 / ORU^R01 v2.5.1, UTF-8 with MSH-18 `UNICODE UTF-8`, MSH-7 with offset, SPM/OBR/OBX times BARE): the trauma alias's
  FBC + U&E in the first pass; the inpatient's U&E + CRP + FBC collected 01:30 in the FIRST pass (00:30Z), received
  01:50 first pass (00:50Z), analysed 01:18 and verified 01:25 in the SECOND pass (01:18Z / 01:25Z), sent 01:32+0000;
  the CRP corrected next day by ORU^R01 (OBR-25 C, OBX-11 C, NTE) re-sending the bare 01:30 collection time.
Patients and numbers (AC50..., ACV50..., ACA50..., OC50-, D31.29..., IHI 1050000000501000xx) none of earlier reviews'
(grepped). Fields placed by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone Europe/Dublin, the channel's zone):
    python3 docs/review50/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review50/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, extra=None):
    f = {3: app, 4: 'ACUH', 5: 'HIG', 6: 'ACUH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    if app == 'ACLABMW':
        f[18] = 'UNICODE UTF-8'
    f.update(extra or {})
    return seg('MSH', f)


# ---- patients (PID fields) ----
PADRAIG = {1: '1', 3: 'AC5010001^^^ACUH^MR~105000000050100014^^^IHI^NI',
           5: 'Ó CEALLAIGH^PÁDRAIG^^^^^L~KELLY^PATRICK^^^^^A', 7: '19570312', 8: 'M',
           11: '14 Mill Road^Ballyhale^Clonmel^Co. Tipperary^E91 XK27^IRL^H', 13: '^PRN^PH^^353^52^6120491',
           16: 'M', 18: 'ACA5010001^^^ACUH^AN'}
MAIREAD_DK = {1: '1', 3: 'AC5010002^^^ACUH^MR~105000000050100022^^^IHI^NI', 5: 'DEVANEY-KINSELLA^MAIREAD^^^^^L',
              7: '19711104', 8: 'F', 11: '3 Abbey Court^^Cashel^Co. Tipperary^E25 H6N2^IRL^H',
              13: '^PRN^CP^^353^87^5550211', 18: 'ACA5010004^^^ACUH^AN'}
MAIREAD_D = {1: '1', 3: 'AC4290544^^^ACUH^MR~105000000050100030^^^IHI^NI', 5: 'DEVANEY^MAIRÉAD^^^^^L',
             7: '19690211', 8: 'F', 11: '27 Friar Street^^Cashel^Co. Tipperary^E25 V0C8^IRL^H',
             13: '^PRN^CP^^353^86^5550378', 18: 'ACA5010004^^^ACUH^AN'}
SIOBHAN = {1: '1', 3: 'AC5010003^^^ACUH^MR~105000000050100049^^^IHI^NI', 5: 'NÍ BHRIAIN^SIOBHÁN^^^^^L',
           7: '19480522', 8: 'F', 11: 'Cnoc na Gréine^Ardfinnan^Clonmel^Co. Tipperary^E91 R2T4^IRL^H',
           13: '^PRN^PH^^353^52^6124408', 16: 'W', 18: 'ACA5010003^^^ACUH^AN'}
COLM = {1: '1', 3: 'AC5010006^^^ACUH^MR~105000000050100057^^^IHI^NI', 5: 'FITZMAURICE^COLM^^^^^L',
        7: '19620909', 8: 'M', 11: '8 Kickham Street^^Carrick-on-Suir^Co. Tipperary^E32 KP93^IRL^H',
        13: '^PRN^CP^^353^85^5550464', 16: 'M', 18: 'ACA5010006^^^ACUH^AN'}
ALIAS = {1: '1', 3: 'AC5099871^^^ACUH^MR', 5: 'UNKNOWN^TRAUMA ALPHA^^^^^U', 8: 'M', 18: 'ACA5010009^^^ACUH^AN'}
CIARAN = {1: '1', 3: 'AC4471188^^^ACUH^MR~105000000050100065^^^IHI^NI', 5: 'Ó HAODHA^CIARÁN^^^^^L',
          7: '19940617', 8: 'M', 11: 'Apartment 6, The Maltings^Old Quay^Clonmel^Co. Tipperary^E91 W8D3^IRL^H',
          13: '^PRN^CP^^353^83^5550593', 18: 'ACA5010009^^^ACUH^AN'}
EABHA = {1: '1', 3: 'AC5010011^^^ACUH^MR~105000000050100073^^^IHI^NI', 5: 'QUIRKE^ÉABHA^^^^^L', 7: '19880130',
         8: 'F', 11: '41 Glenconnor Drive^^Clonmel^Co. Tipperary^E91 F4X6^IRL^H', 13: '^PRN^CP^^353^87^5550625',
         18: 'ACA5010011^^^ACUH^AN'}
TADHG_DUP = {1: '1', 3: 'AC5010017^^^ACUH^MR', 5: 'BRENNAN^TADHG^^^^^L', 7: '19790805', 8: 'M',
             11: '2 Bridge Street^^Cahir^Co. Tipperary^E21 NY57^IRL^H', 13: '^PRN^CP^^353^89^5550752',
             18: 'ACA5010017^^^ACUH^AN'}
GP = {4: '047721^DUNPHY^RÓISÍN^^^DR^^^IMC^L^^^MD'}

# ---- consultants (Irish Medical Council numbers) ----
CONS_MED = '018734^NÍ CHONCHÚIR^AOIFE^^^DR^^^IMC^L^^^MD'
CONS_MED2 = '022145^BRADY^EOGHAN^^^DR^^^IMC^L^^^MD'
CONS_ORTH = '014560^LONERGAN^PIARAS^^^MR^^^IMC^L^^^MD'
CONS_ED = '025318^MCCARTHY-OSEI^GRÁINNE^^^DR^^^IMC^L^^^MD'
CONS_AMAU = '019902^TWOMEY^FIONNUALA^^^DR^^^IMC^L^^^MD'


def loc(ward, room, bed, desc):
    return f'{ward}^{room}^{bed}^ACUH^^^^^{desc}'


STBR4A = loc('STBR', '04', 'A', "St Brigid's Ward")
STBR7C = loc('STBR', '07', 'C', "St Brigid's Ward")
STLK12B = loc('STLK', '12', 'B', "St Luke's Ward")
STOL = loc('STOL', '', '', 'St Oliver Plunkett Ward')
STCA2B = loc('STCA', '02', 'B', 'St Camillus Ward')
ED_RESUS = loc('ED', 'RESUS', '1', 'Emergency Department')
ED = loc('ED', '', '', 'Emergency Department')
AMAU = loc('AMAU', '', '', 'Acute Medical Assessment Unit')


def pv1(cls, where, visit, doc, start='', service='GMED', extra=None):
    f = {1: '1', 2: cls, 3: where, 7: doc, 10: service, 19: f'{visit}^^^ACUH^VN', 44: start}
    f.update(extra or {})
    return seg('PV1', {k: v for k, v in f.items() if v != ''} | {1: '1'})


def adt(trig, struct, t, ctl, recorded, pid, rest, occurred=''):
    evn = {1: trig, 2: recorded}
    if occurred:
        evn[6] = occurred
    return [msh('ACPAS', t, ctl, f'ADT^{trig}^{struct}', '2.4', {18: '8859/1'}), seg('EVN', evn), seg('PID', pid),
            seg('PD1', GP)] + rest


SIOBHAN_NK1 = seg('NK1', {1: '1', 2: 'NÍ BHRIAIN-WALSH^DEIRDRE^^^^^L', 3: 'DAU^Daughter^HL70063',
                          5: '^PRN^CP^^353^87^5550489', 7: 'EC^Emergency contact^HL70131'})
SI_ADMIT = '20311024223000'
SI_PV1 = lambda where, doc=CONS_MED, more=None: pv1('I', where, 'ACV5010003', doc, SI_ADMIT,  # noqa: E731
                                                   extra={4: 'E', 14: '7', 17: CONS_ED, **(more or {})})
CO_PV1 = lambda where, more=None: pv1('I', where, 'ACV5010006', CONS_MED, '20311025135500', extra={4: 'E', 14: '7', **(more or {})})  # noqa: E731
PA_PV1 = lambda: pv1('I', STOL, 'ACV5010001', CONS_ORTH, '', 'ORTH', extra={4: 'C', 5: 'PA5010001^^^ACUH^VN'})  # noqa: E731
PA_PV2 = seg('PV2', {3: 'M16.1^Unilateral primary osteoarthritis of hip^I10', 8: '20311103073000',
                     12: 'Right total hip replacement'})
MD_PV1 = lambda: pv1('I', STCA2B, 'ACV5010004', CONS_MED, '20311025090000', extra={4: 'E', 14: '7'})  # noqa: E731
EA_PV1 = lambda: pv1('I', AMAU, 'ACV5010011', CONS_AMAU, '', extra={4: 'U', 14: '1'})  # noqa: E731
EA_PV2 = seg('PV2', {3: 'R07.4^Chest pain, unspecified^I10', 8: '20311026090000'})
ALIAS_PV1 = lambda: pv1('E', ED_RESUS, 'ACV5010009', CONS_ED, '20311026001800', 'EMED', extra={4: 'E', 14: '7'})  # noqa: E731

# ---- lab ----
LAB_DOC = '022145^BRADY^EOGHAN^^^DR^^^IMC^L^^^MD'
SCIENTIST = 'MS0412^KINANE^NIAMH^^^^^^ACLIS^L^^^EI'
SYSMEX = 'XN1^Sysmex XN-1000 #1^ACLIS'
COBAS = 'C501^cobas c 501 #2^ACLIS'


def obx(i, typ, code, value, units='', rng='', flag='', status='F', t='', analysed='', equip='', sub=''):
    f = {1: str(i), 2: typ, 3: code, 5: value, 6: units, 7: rng, 8: flag, 11: status, 14: t, 16: SCIENTIST,
         19: analysed, 18: equip}
    if sub:
        f[4] = sub
    return seg('OBX', {k: v for k, v in f.items() if v != ''})


def order(i, placer, filler, code, collected, reported, status, orderer, results, ctl='RE'):
    return [seg('OBR', {1: str(i), 2: placer, 3: filler, 4: code, 7: collected, 16: orderer, 22: reported,
                        24: 'CH' if 'UE' in code or 'CRP' in code else 'HM', 25: status}),
            seg('ORC', {1: ctl, 2: placer, 3: filler, 5: 'CM', 12: orderer})] + results


def specimen(i, sid, typ, collected, received, container):
    return [seg('SPM', {1: str(i), 2: f'^{sid}&ACLIS', 4: typ, 11: 'P^Patient^HL70369', 17: collected,
                        18: received}),
            seg('SAC', {3: sid, 9: container})]


UE = 'UE^Urea and electrolytes^ACLIS^24362-6^Renal function 2000 panel - Serum or Plasma^LN'
CRP = 'CRP^C-reactive protein^ACLIS^1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN'
FBC = 'FBC^Full blood count^ACLIS^58410-2^CBC panel - Blood by Automated count^LN'
SST = 'SER^Serum^HL70487'
EDTA = 'BLD^Whole blood^HL70487'

M = {}
# 01 A05 pre-admit: Pádraig Ó Ceallaigh, elective right THR on 3 November (PV2-8), ward allocated, no bed yet
M['01-adt-a05-preadmit-thr'] = adt('A05', 'ADT_A05', '20311024101214+0100', 'PAS5001', '20311024101200', PADRAIG,
                                   [PA_PV1(), PA_PV2])
# 02 A01 Siobhán Ní Bhriain admitted from ED (pneumonia) to St Brigid's 4A
M['02-adt-a01-admit-pneumonia'] = adt('A01', 'ADT_A01', '20311024224105+0100', 'PAS5002', '20311024224000', SIOBHAN,
                                      [SIOBHAN_NK1, SI_PV1(STBR4A),
                                       seg('PV2', {3: 'J18.9^Pneumonia, unspecified organism^I10'}),
                                       seg('DG1', {1: '1', 2: 'I10', 3: 'J18.9^Pneumonia, unspecified organism^I10',
                                                   6: 'A'})], occurred=SI_ADMIT)
# 03 A01 admit of the WRONG patient (Mairead Devaney-Kinsella selected instead of Mairéad Devaney)
M['03-adt-a01-admit-wrong-patient'] = adt('A01', 'ADT_A01', '20311025090512+0100', 'PAS5003', '20311025090500',
                                          MAIREAD_DK, [MD_PV1()], occurred='20311025090000')
# 04 A11 cancel admit of that admission
M['04-adt-a11-cancel-admit'] = adt('A11', 'ADT_A09', '20311025094018+0100', 'PAS5004', '20311025094000',
                                   MAIREAD_DK, [MD_PV1()], occurred='20311025094000')
# 05 A44 move account: the admission's account ACA5010004 from Devaney-Kinsella (MRG-1) to Devaney (PID)
M['05-adt-a44-move-account'] = [
    msh('ACPAS', '20311025095233+0100', 'PAS5005', 'ADT^A44^ADT_A43', '2.4', {18: '8859/1'}),
    seg('EVN', {1: 'A44', 2: '20311025095200'}), seg('PID', MAIREAD_D), seg('PD1', GP),
    seg('MRG', {1: 'AC5010002^^^ACUH^MR', 3: 'ACA5010004^^^ACUH^AN', 7: 'DEVANEY-KINSELLA^MAIREAD'})]
# 06 A01 Colm Fitzmaurice admitted to St Brigid's 7C
M['06-adt-a01-admit-colm'] = adt('A01', 'ADT_A01', '20311025140622+0100', 'PAS5006', '20311025140600', COLM,
                                 [CO_PV1(STBR7C), seg('PV2', {3: 'I50.9^Heart failure, unspecified^I10'})],
                                 occurred='20311025135500')
# 07 A02 transfer Siobhán 4A -> St Luke's 12B
M['07-adt-a02-transfer'] = adt('A02', 'ADT_A02', '20311025182105+0100', 'PAS5007', '20311025182100', SIOBHAN,
                               [SI_PV1(STLK12B, more={6: STBR4A})], occurred='20311025182000')
# 08 A12 cancel the transfer: PV1-3 back to 4A, PV1-6 the cancelled destination 12B
M['08-adt-a12-cancel-transfer'] = adt('A12', 'ADT_A12', '20311025184533+0100', 'PAS5008', '20311025184500',
                                      SIOBHAN, [SI_PV1(STBR4A, more={6: STLK12B})], occurred='20311025184400')
# 09 OUL^R22 the ED trauma alias's FBC + U&E, first pass (MSH-7 01:16+0100), bare times
M['09-oul-r22-trauma-alias'] = [
    msh('ACLABMW', '20311026011612+0100', 'LMW5009', 'OUL^R22^OUL_R22', '2.5.1'),
    seg('PID', ALIAS), ALIAS_PV1()] + \
    specimen(1, 'D31.2990101-1', EDTA, '20311026003000', '20311026004100', 'EDTA^EDTA purple^ACLIS') + \
    order(1, 'OC50-0901^ACOC', 'D31.2990101^ACLIS', FBC, '20311026003000', '20311026011500', 'F', CONS_ED, [
        obx(1, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '91', 'g/L^gram per liter^UCUM', '130-170', 'L',
            t='20311026003000', analysed='20311026005600', equip=SYSMEX),
        obx(2, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '14.2', '10*9/L^10^9/L^UCUM',
            '4.0-11.0', 'H', t='20311026003000', analysed='20311026005600', equip=SYSMEX),
        obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', '245', '10*9/L^10^9/L^UCUM',
            '150-400', 'N', t='20311026003000', analysed='20311026005600', equip=SYSMEX)]) + \
    specimen(2, 'D31.2990101-2', SST, '20311026003000', '20311026004100', 'SST^Gold top SST^ACLIS') + \
    order(2, 'OC50-0901^ACOC', 'D31.2990101^ACLIS', UE, '20311026003000', '20311026011500', 'F', CONS_ED, [
        obx(1, 'NM', '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', '139', 'mmol/L^millimole per liter^UCUM',
            '133-146', 'N', t='20311026003000', analysed='20311026010800', equip=COBAS),
        obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '3.9', 'mmol/L^millimole per liter^UCUM',
            '3.5-5.3', 'N', t='20311026003000', analysed='20311026010800', equip=COBAS),
        obx(3, 'NM', '14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN', '88',
            'umol/L^micromole per liter^UCUM', '59-104', 'N', t='20311026003000', analysed='20311026010800',
            equip=COBAS)])
# 10 A08 Siobhán: attending consultant changed Ní Chonchúir -> Brady, sent 01:23+0100 (FIRST pass), EVN-2 bare
M['10-adt-a08-attending-change'] = adt('A08', 'ADT_A01', '20311026012344+0100', 'PAS5010', '20311026012300', SIOBHAN,
                                       [SIOBHAN_NK1, SI_PV1(STBR4A, CONS_MED2),
                                        seg('PV2', {3: 'J18.9^Pneumonia, unspecified organism^I10'})])
# 11 A14 pending admit Éabha Quirke to AMAU, expected 09:00; sent 01:10+0000 (SECOND pass), EVN-2 bare 01:09
M['11-adt-a14-pending-admit'] = adt('A14', 'ADT_A05', '20311026011034+0000', 'PAS5011', '20311026010900', EABHA,
                                    [EA_PV1(), EA_PV2])
# 12 OUL^R22 Siobhán's U&E + CRP (SST) and FBC (EDTA): collected 01:30 first pass, received 01:50 first pass,
#    analysed 01:18 and verified 01:25 second pass, sent 01:32+0000
M['12-oul-r22-inpatient-bloods'] = [
    msh('ACLABMW', '20311026013207+0000', 'LMW5012', 'OUL^R22^OUL_R22', '2.5.1'),
    seg('PID', SIOBHAN), SI_PV1(STBR4A, CONS_MED2)] + \
    specimen(1, 'D31.2990412-1', SST, '20311026013000', '20311026015000', 'SST^Gold top SST^ACLIS') + \
    order(1, 'OC50-1201^ACOC', 'D31.2990412^ACLIS', UE, '20311026013000', '20311026012500', 'F', CONS_MED2, [
        obx(1, 'NM', '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', '131', 'mmol/L^millimole per liter^UCUM',
            '133-146', 'L', t='20311026013000', analysed='20311026011800', equip=COBAS),
        obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '4.6', 'mmol/L^millimole per liter^UCUM',
            '3.5-5.3', 'N', t='20311026013000', analysed='20311026011800', equip=COBAS),
        obx(3, 'NM', '22664-7^Urea [Moles/volume] in Serum or Plasma^LN', '9.8', 'mmol/L^millimole per liter^UCUM',
            '2.5-7.8', 'H', t='20311026013000', analysed='20311026011800', equip=COBAS),
        obx(4, 'NM', '14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN', '112',
            'umol/L^micromole per liter^UCUM', '45-84', 'H', t='20311026013000', analysed='20311026011800',
            equip=COBAS)]) + \
    order(2, 'OC50-1201^ACOC', 'D31.2990412^ACLIS', CRP, '20311026013000', '20311026012500', 'F', CONS_MED2, [
        obx(1, 'NM', '1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN', '148',
            'mg/L^milligram per liter^UCUM', '<5', 'H', t='20311026013000', analysed='20311026011800', equip=COBAS)]) + \
    specimen(2, 'D31.2990412-2', EDTA, '20311026013000', '20311026015000', 'EDTA^EDTA purple^ACLIS') + \
    order(3, 'OC50-1201^ACOC', 'D31.2990412^ACLIS', FBC, '20311026013000', '20311026012500', 'F', CONS_MED2, [
        obx(1, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '118', 'g/L^gram per liter^UCUM', '115-165', 'N',
            t='20311026013000', analysed='20311026011000', equip=SYSMEX),
        obx(2, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '16.8', '10*9/L^10^9/L^UCUM',
            '4.0-11.0', 'H', t='20311026013000', analysed='20311026011000', equip=SYSMEX)])
# 13 A17 swap: Siobhán 4A -> 7C (side room), Colm 7C -> 4A; sent 01:45+0000, EVN-6 bare 01:35 (second pass)
M['13-adt-a17-bed-swap'] = [
    msh('ACPAS', '20311026014512+0000', 'PAS5013', 'ADT^A17^ADT_A17', '2.4', {18: '8859/1'}),
    seg('EVN', {1: 'A17', 2: '20311026014500', 6: '20311026013500'}),
    seg('PID', SIOBHAN), seg('PD1', GP), SI_PV1(STBR7C, CONS_MED2, more={6: STBR4A}),
    seg('PID', COLM), seg('PD1', GP), CO_PV1(STBR4A, more={6: STBR7C})]
# 14 A21 leave of absence: Siobhán home for the afternoon, expected back 17:00 (PV2-47)
M['14-adt-a21-leave'] = adt('A21', 'ADT_A21', '20311026100512+0000', 'PAS5014', '20311026100500', SIOBHAN,
                            [SI_PV1(STBR7C, CONS_MED2), seg('PV2', {47: '20311026170000'})], occurred='20311026100000')
# 15 A27 cancel pending admit: Éabha managed at home after GP review
M['15-adt-a27-cancel-pending'] = adt('A27', 'ADT_A21', '20311026111540+0000', 'PAS5015', '20311026111500', EABHA,
                                     [EA_PV1()], occurred='20311026111500')
# 16 A40 merge: the trauma alias AC5099871 (MRG-1) into Ciarán Ó hAodha's MRN + IHI, with the ED visit's PV1
M['16-adt-a40-merge-alias'] = [
    msh('ACPAS', '20311026120533+0000', 'PAS5016', 'ADT^A40^ADT_A39', '2.4', {18: '8859/1'}),
    seg('EVN', {1: 'A40', 2: '20311026120500'}), seg('PID', CIARAN), seg('PD1', GP),
    seg('MRG', {1: 'AC5099871^^^ACUH^MR', 3: 'ACA5010009^^^ACUH^AN', 7: 'UNKNOWN^TRAUMA ALPHA'}), ALIAS_PV1()]
# 17 A04 ED registration of a DUPLICATE record of Tadhg Brennan (new MRN, no IHI), with NK1
M['17-adt-a04-duplicate-record'] = adt('A04', 'ADT_A01', '20311026140211+0000', 'PAS5017', '20311026140200',
                                       TADHG_DUP, [
    seg('NK1', {1: '1', 2: 'BRENNAN^NUALA^^^^^L', 3: 'SPO^Spouse^HL70063', 5: '^PRN^CP^^353^87^5550760'}),
    pv1('E', ED, 'ACV5010017', CONS_ED, '20311026135500', 'EMED', extra={4: 'E'})])
# 18 A23 delete that ED visit
M['18-adt-a23-delete-visit'] = adt('A23', 'ADT_A21', '20311026142108+0000', 'PAS5018', '20311026142100', TADHG_DUP,
                                   [pv1('E', ED, 'ACV5010017', CONS_ED, '20311026135500', 'EMED')])
# 19 A29 delete the duplicate person (the PAS sends a PV1 with class N)
M['19-adt-a29-delete-person'] = adt('A29', 'ADT_A21', '20311026142615+0000', 'PAS5019', '20311026142600', TADHG_DUP,
                                    [seg('PV1', {1: '1', 2: 'N'})])
# 20 A22 Siobhán returns from leave
M['20-adt-a22-return'] = adt('A22', 'ADT_A21', '20311026172044+0000', 'PAS5020', '20311026172000', SIOBHAN,
                             [SI_PV1(STBR7C, CONS_MED2)], occurred='20311026171500')
# 21 ORU^R01 correction of #12's CRP (148 -> 14.8 mg/L), re-sending the bare collection time 01:30
M['21-oru-r01-crp-corrected'] = [
    msh('ACLABMW', '20311027091455+0000', 'LMW5021', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', SIOBHAN), SI_PV1(STBR7C, CONS_MED2),
    seg('ORC', {1: 'RE', 2: 'OC50-1201^ACOC', 3: 'D31.2990412^ACLIS', 5: 'CM', 12: CONS_MED2}),
    seg('OBR', {1: '1', 2: 'OC50-1201^ACOC', 3: 'D31.2990412^ACLIS', 4: CRP, 7: '20311026013000', 16: CONS_MED2,
                22: '20311027091000', 24: 'CH', 25: 'C'}),
    obx(1, 'NM', '1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN', '14.8',
        'mg/L^milligram per liter^UCUM', '<5', 'H', status='C', t='20311026013000', analysed='20311026011800',
        equip=COBAS),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected result: CRP previously reported as 148 mg/L in error (dilution factor '
                                   'applied twice). Dr Brady informed 27/10/2031 09:05'}),
    seg('SPM', {1: '1', 2: '^D31.2990412-1&ACLIS', 4: SST, 17: '20311026013000', 18: '20311026015000'})]
# 22 A03 Siobhán discharged home
M['22-adt-a03-discharge'] = adt('A03', 'ADT_A03', '20311027110214+0000', 'PAS5022', '20311027110200', SIOBHAN,
                                [SI_PV1(STBR7C, CONS_MED2, more={36: '01^Discharged home^HL70112',
                                                              45: '20311027110000'})], occurred='20311027110000')
# 23 A13 cancel discharge (pyrexial before leaving): the PAS echoes the discharge's PV1-36 and PV1-45
M['23-adt-a13-cancel-discharge'] = adt('A13', 'ADT_A01', '20311027112731+0000', 'PAS5023', '20311027112700', SIOBHAN,
                                       [SI_PV1(STBR7C, CONS_MED2, more={36: '01^Discharged home^HL70112',
                                                                     45: '20311027110000'})],
                                       occurred='20311027112500')
# 24 A38 cancel pre-admit: Pádraig's THR postponed (theatre list cancelled)
M['24-adt-a38-cancel-preadmit'] = adt('A38', 'ADT_A38', '20311027151003+0000', 'PAS5024', '20311027151000', PADRAIG,
                                      [PA_PV1(), PA_PV2])

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        enc = 'latin-1' if '8859/1' in segs[0] else 'utf-8'
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode(enc))
    print(len(M), 'messages in', OUT)
