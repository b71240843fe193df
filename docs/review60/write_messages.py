#!/usr/bin/env python3
r"""Review 60's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Brazilian private hospital group in São Paulo and its clinical laboratory on ONE America/Sao_Paulo channel
(BRT -03:00 all year: Brazil has had no daylight saving since 2019), May 2034. Hospital Jequitibá Paulista (HJP, of the
invented Rede Jequitibá Saúde), São Paulo, and its laboratory Ipê Roxo Diagnósticos (LIPR, invented).
- HIS "HJPTASY" (registration, orders, prescriptions): ADT^A01 / A02 / A03 / A04 / A08 / A11 / A13 / A40 2.5, ORM^O01
  2.5 (laboratory orders, one cancelled by ORC-1 CA), RDE^O11 2.5 (an inpatient's antibiotic prescription), all sent
  as ISO 8859-1 bytes with MSH-18 `8859/1`.
- LIS "LIPRLIS" (the laboratory) and the bedside eMAR "HJPBEIRA": ORU^R01 / RAS^O17 2.5.1 sent as UTF-8 with MSH-18
  `UNICODE UTF-8` (hemograma, glicemia de jejum, creatinina corrected by OBX-11 C / OBR-25 C, TSH, urine culture
  preliminary then final with a Klebsiella pneumoniae isolate and its susceptibility child OBR (OBR-26 / OBR-29)).
- PID-3: the hospital MRN (HJP MR), the CPF (Receita Federal, authority RFB, v2-0203 TAX "Tax ID number": the CPF is
  the individual taxpayer number; check digits right) and the CNS (Cartão Nacional de Saúde, authority CNS, type NH
  "National Health Plan Identifier"; a definitive 15-digit number, mod-11 check right); PID-6 the mother's maiden name
  (the Brazilian registration always asks it). Portuguese names with accents (São, João, Conceição, Assunção, Falcão,
  Araújo, Gonçalves).
- IN1: the private health plan's operadora by its ANS registration number (IN1-3 authority ANS, type NIIP), plan
  IN1-2, the beneficiary's card number IN1-36, company contract IN1-8 / IN1-9; a dependant spouse (IN1-17 SPO, the
  titular's CPF in IN1-49). PV1-20 financial class (convênio / particular).
Every MSH-7 carries -0300; every time inside is bare. Two events fall after 21:00 local (the UTC date is the next
day). Patients and numbers (HJP00600xx, visits HJPV600xx, orders HJPO600xx, lab LIPR60-...) none of earlier reviews'
(grepped). Fields placed by number. All persons, numbers, operadoras, companies and addresses are invented; local test
codes are the lab's, LOINC beside them.
Run from the worktree root (convert with --timezone America/Sao_Paulo):
    python3 docs/review60/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review60/messages')
HIS, LIS, EMAR = 'HJPTASY', 'LIPRLIS', 'HJPBEIRA'


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, ver='2.5', to='HIG'):
    charset = '8859/1' if app == HIS else 'UNICODE UTF-8'
    return seg('MSH', {3: app, 4: 'HJP' if app != LIS else 'LIPR', 5: to, 6: 'HJP', 7: t, 9: typ, 10: ctl, 11: 'P',
                       12: ver, 17: 'BRA', 18: charset, 19: 'pt-BR^Portuguese (Brazil)^urn:ietf:bcp:47'})


def evn(code, t, who='OP4471^SANTOS^PRISCILA^^^^^^HJP', occurred=''):
    f = {1: code, 2: t, 5: who}
    if occurred:
        f[6] = occurred
    return seg('EVN', f)


def cpf(first9):
    """A CPF: 9 digits + two mod-11 check digits (Receita Federal)."""
    d = [int(c) for c in first9]
    for w0 in (10, 11):
        s = sum(x * w for x, w in zip(d, range(w0, 1, -1)))
        r = s * 10 % 11
        d.append(0 if r == 10 else r)
    return ''.join(map(str, d))


def cns(first11):
    """A definitive CNS (starting 1 or 2): the 11-digit PIS-like root, '000' or '001', a check digit (DATASUS)."""
    s = sum(int(c) * (15 - i) for i, c in enumerate(first11))
    dv = 11 - s % 11
    if dv == 11:
        dv = 0
    if dv == 10:
        s += 2
        dv = 11 - s % 11
        return f'{first11}001{dv}'
    return f'{first11}000{dv}'


def check_cns(n):
    return len(n) == 15 and sum(int(c) * (15 - i) for i, c in enumerate(n)) % 11 == 0


# ---- persons ----
MG_CPF, MG_CNS = cpf('318604257'), cns('20413876015')    # Maria da Conceição Araújo Gonçalves
MG_DAUGHTER_CPF = cpf('402771906')
JB_CPF, JB_CNS = cpf('207519834'), cns('17822450938')    # João Batista de Assunção Falcão
LH_CPF = cpf('226084517')                                  # Lúcia Helena, his wife, the plan's titular
SN_CPF, SN_CNS = cpf('145932608'), cns('10976543289')    # Sebastião dos Reis Nascimento
for n in (MG_CNS, JB_CNS, SN_CNS):
    assert check_cns(n), n


def ids(mrn, c=None, s=None):
    out = [f'{mrn}^^^HJP^MR']
    if c:
        out.append(f'{c}^^^RFB^TAX')
    if s:
        out.append(f'{s}^^^CNS^NH')
    return '~'.join(out)


MARIA = {1: '1', 3: ids('HJP0060011', MG_CPF, MG_CNS), 5: 'ARAÚJO GONÇALVES^MARIA DA CONCEIÇÃO^^^SRA.^^L',
         6: 'ARAÚJO^BENEDITA^^^^^M', 7: '19570214', 8: 'F', 10: '03^Parda^BR-IBGE-RACA',
         11: 'Rua Vergueiro, 2871^Apto 52 - Vila Mariana^São Paulo^SP^04101-300^BRA^H',
         13: '^PRN^CP^^55^11^987214405~^PRN^PH^^55^11^55734418', 15: 'por^Português^ISO639-2', 16: 'W^Widowed^HL70002',
         18: 'HJPA0060011-01^^^HJP^AN', 26: 'BRA', 28: 'BRA'}
JOAO = {1: '1', 3: ids('HJP0060029', JB_CPF, JB_CNS), 5: 'ASSUNÇÃO FALCÃO^JOÃO BATISTA^DE^^SR.^^L',
        6: 'ASSUNÇÃO^CONCEIÇÃO^^^^^M', 7: '19690930', 8: 'M',
        11: 'Rua Cônego Eugênio Leite, 1140^Casa 2 - Pinheiros^São Paulo^SP^05414-012^BRA^H',
        13: '^PRN^CP^^55^11^991830274', 15: 'por^Português^ISO639-2', 16: 'M^Married^HL70002',
        18: 'HJPA0060029-01^^^HJP^AN', 26: 'BRA', 28: 'BRA'}
SEBASTIAO = {1: '1', 3: ids('HJP0060038', SN_CPF, SN_CNS), 5: 'NASCIMENTO^SEBASTIÃO^DOS REIS^^SR.^^L',
             6: 'DOS REIS^ANTÔNIA^^^^^M', 7: '19480611', 8: 'M',
             11: 'Rua São Joaquim, 389^Liberdade^São Paulo^SP^01508-001^BRA^H', 13: '^PRN^CP^^55^11^976502218',
             15: 'por^Português^ISO639-2', 16: 'W^Widowed^HL70002', 18: 'HJPA0060038-01^^^HJP^AN', 26: 'BRA', 28: 'BRA'}
# the ED's duplicate registration of the same man: no documents at the door, name keyed without the tilde
SEB_DUP = {1: '1', 3: 'HJP0060046^^^HJP^MR', 5: 'NASCIMENTO^SEBASTIAO^^^^^L', 7: '19480611', 8: 'M',
           11: '^^São Paulo^SP^^BRA^H', 18: 'HJPA0060046-01^^^HJP^AN'}

# ---- providers (CRM-SP / COREN-SP numbers as the hospital's staff ids) ----
CLIN = '118442^TAVARES^RENATA^CAMPOS^^DRA.^^^CRMSP'
INTENS = '97315^OLIVEIRA^MARCELO^^^DR.^^^CRMSP'
ENDO = '135087^YAMAMOTO^ERIKA^^^DRA.^^^CRMSP'
EMERG = '152260^CARVALHO^THIAGO^^^DR.^^^CRMSP'
PATH = '88107^BRANDÃO^HELOÍSA^^^DRA.^^^CRMSP'
PHARM = '61204^QUEIROZ^FÁBIO^^^FARM.^^^CRFSP'
NURSE = '402218^CONCEIÇÃO^ANA PAULA^^^ENF.^^^COREN-SP'

LOCS = {'CM5': 'CM5^512^A^HJP^^^^^Clínica Médica 5º andar', 'UTI': 'UTI2^07^^HJP^^^^^UTI Adulto 2',
        'AMB': 'LAB1^^^HJP^^^^^Coleta Ambulatorial', 'PS': 'PS^OBS3^^HJP^^^^^Pronto-Socorro Adulto',
        'CON': 'AMB4^C12^^HJP^^^^^Ambulatório de Cardiologia'}


def pv1(cls, where, visit, doc, start, fin='', end='', extra=None):
    f = {1: '1', 2: cls, 3: LOCS[where], 7: doc, 10: {'I': 'MED', 'E': 'EMG', 'O': 'AMB'}[cls],
         19: f'{visit}^^^HJP^VN', 39: 'HJP', 44: start}
    if fin:
        f[20] = fin
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


# ---- operadoras (IN1-3 the ANS registration number) ----
PAULISTA = {3: '412087^^^ANS^NIIP', 4: 'Paulista Vida Saúde S.A.',
            5: 'Avenida Paulista, 1842^18º andar^São Paulo^SP^01310-200^BRA^B', 7: '^WPN^PH^^55^800^7712040'}
BANDEIRANTES = {3: '358912^^^ANS^NIIP', 4: 'Bandeirantes Saúde Cooperativa Médica',
                5: 'Rua Augusta, 2690^^São Paulo^SP^01412-100^BRA^B', 7: '^WPN^PH^^55^800^6620913'}


def in1(i, payer, plan, extra):
    f = dict(payer)
    f.update({1: str(i), 2: plan})
    f.update(extra)
    return seg('IN1', f)


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


def orc(ctl, placer, filler, status, t, doc, extra=None):
    f = {1: ctl, 2: placer, 3: filler, 5: status, 9: t, 12: doc}
    f.update(extra or {})
    return {k: v for k, v in f.items() if v}


def ORC(*a, **k):
    return seg('ORC', orc(*a, **k))


def obr(i, placer, filler, code, extra):
    f = {1: str(i), 2: placer, 3: filler, 4: code}
    f.update(extra)
    return seg('OBR', {k: v for k, v in f.items() if v})


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', sub='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


# ---- lab codes (the lab's code, then LOINC) ----
HEMO = 'HEMO^Hemograma completo^LIPR^58410-2^CBC panel - Blood by Automated count^LN'
GLI = 'GLIJ^Glicemia de jejum^LIPR^1558-6^Fasting glucose [Mass/volume] in Serum or Plasma^LN'
CREA = 'CREA^Creatinina^LIPR^2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN'
TSH = 'TSH^Hormônio tireoestimulante (TSH)^LIPR^3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN'
URO = 'URC^Urocultura com antibiograma^LIPR^630-4^Bacteria identified in Urine by Culture^LN'
TSA = 'TSA^Antibiograma^LIPR^29576-6^Bacterial susceptibility panel^LN'
U = lambda u, t=None: f'{u}^{t or u}^UCUM'  # noqa: E731


def hemo_rows(hb, leu, plq, ht, flags=('', '', '', '')):
    return [('NM', '718-7^Hemoglobina^LN', hb, U('g/dL'), '12,0-16,0'.replace(',', '.'), flags[0]),
            ('NM', '6690-2^Leucócitos^LN', leu, U('10*3/uL', '10³/µL'), '4.0-11.0', flags[1]),
            ('NM', '777-3^Plaquetas^LN', plq, U('10*3/uL', '10³/µL'), '150-450', flags[2]),
            ('NM', '4544-3^Hematócrito^LN', ht, U('%'), '36-46', flags[3])]


def rows(rs, t, status='F'):
    out = []
    for k, r in enumerate(rs):
        vt, code, value, units, rr = r[:5]
        flag = r[5] if len(r) > 5 else ''
        st = r[6] if len(r) > 6 else status
        out.append(obx(k + 1, vt, code, value, units, rr, flag, st, t))
    return out


M = {}

# =========================== Maria da Conceição: clinical admission (pneumonia, diabetes), UTI, ceftriaxone ==========
MG_PV1 = lambda where='CM5', end='', extra=None: pv1('I', where, 'HJPV0060011-01', CLIN, '20340508215000',  # noqa: E731
                                                      'CONV^Convênio^HJP-FC', end, extra)
MG_IN1 = lambda: in1(1, PAULISTA, 'PVS-EXN^Executivo Nacional Apartamento^PVS', {  # noqa: E731
    8: 'CT-88210', 9: 'Metalúrgica Tietê Ltda.', 12: '20310101', 13: '20351231', 15: 'COL^Coletivo empresarial^HJP-PT',
    16: 'ARAÚJO GONÇALVES^MARIA DA CONCEIÇÃO', 17: 'SEL^Self^HL70063', 18: '19570214', 22: '1', 36: '41208700883165207',
    43: 'F', 49: f'{MG_CPF}^^^RFB^TAX'})
MG_NK1 = lambda: seg('NK1', {1: '1', 2: 'GONÇALVES FERREIRA^LUCIANA^^^SRA.', 3: 'DAU^Daughter^HL70063',  # noqa: E731
                             4: 'Rua Domingos de Morais, 1502^Apto 81^São Paulo^SP^04010-100^BRA^H',
                             5: '^PRN^CP^^55^11^982257731', 7: 'C^Emergency Contact^HL70131',
                             33: f'{MG_DAUGHTER_CPF}^^^RFB^TAX'})
MG_PID = lambda: seg('PID', MARIA)  # noqa: E731
MG_ORD = {'HEMO': ('HJPO0060011-1^HJP', 'LIPR60-5501^LIPR'), 'GLIJ': ('HJPO0060011-2^HJP', 'LIPR60-5502^LIPR'),
          'CREA': ('HJPO0060011-3^HJP', 'LIPR60-5503^LIPR')}

# 01 ADT^A01: admitted 21:50 local (00:50 UTC the next day) from the ED to the medical ward: community pneumonia
M['01-adt-a01-maria-admit-convenio'] = [
    msh(HIS, '20340508215433-0300', 'HJP6001001', 'ADT^A01^ADT_A01'), evn('A01', '20340508215000'), MG_PID(),
    MG_NK1(), MG_PV1(extra={4: 'U^Urgent^HL70007', 14: '7^Emergency room^HL70023', 17: CLIN}),
    seg('PV2', {3: 'J18.9^Pneumonia não especificada^I10', 8: '20340508'}),
    seg('DG1', {1: '1', 3: 'J18.9^Pneumonia não especificada^I10', 6: 'A'}),
    seg('DG1', {1: '2', 3: 'E11.9^Diabetes mellitus tipo 2 sem complicações^I10', 6: 'W'}),
    MG_IN1(),
]
# 02 ORM^O01: three laboratory orders placed by the ward (hemograma, glicemia de jejum, creatinina)
M['02-orm-o01-maria-lab-orders'] = [
    msh(HIS, '20340509053012-0300', 'HJP6001002', 'ORM^O01^ORM_O01', to='LIPRLIS'), MG_PID(), MG_PV1(),
] + [s for code, spec in (('HEMO', HEMO), ('GLIJ', GLI), ('CREA', CREA)) for s in (
    ORC('NW', MG_ORD[code][0], '', 'SC', '20340509053000', CLIN, {7: '^^^20340509060000^^R'}),
    obr(1, MG_ORD[code][0], '', spec, {7: '20340509060000', 16: CLIN, 27: '^^^20340509060000^^R'}))]
# 03 ORU^R01 (UTF-8): the three results final
MG_HEMO_OBR = lambda st, t: obr(1, MG_ORD['HEMO'][0], MG_ORD['HEMO'][1], HEMO, {  # noqa: E731
    7: '20340509061000', 14: '20340509064000', 15: 'BLDV&Sangue venoso&HL70070', 16: CLIN, 22: t, 24: 'HM', 25: st,
    32: PATH})
MG_GLI_OBR = lambda st, t: obr(2, MG_ORD['GLIJ'][0], MG_ORD['GLIJ'][1], GLI, {  # noqa: E731
    7: '20340509061000', 14: '20340509064000', 15: 'SER&Soro&HL70070', 16: CLIN, 22: t, 24: 'CH', 25: st, 32: PATH})
MG_CREA_OBR = lambda st, t: obr(3, MG_ORD['CREA'][0], MG_ORD['CREA'][1], CREA, {  # noqa: E731
    7: '20340509061000', 14: '20340509064000', 15: 'SER&Soro&HL70070', 16: CLIN, 22: t, 24: 'CH', 25: st, 32: PATH})
M['03-oru-r01-maria-hemograma-glicemia-creatinina'] = [
    msh(LIS, '20340509081522-0300', 'LIPR6002001', 'ORU^R01^ORU_R01', '2.5.1'), MG_PID(), MG_PV1(),
    ORC('RE', MG_ORD['HEMO'][0], MG_ORD['HEMO'][1], 'CM', '20340509081500', CLIN), MG_HEMO_OBR('F', '20340509075800'),
    *rows(hemo_rows('11.2', '16.8', '212', '34', ('L', 'H', '', 'L')), '20340509074500'),
    ORC('RE', MG_ORD['GLIJ'][0], MG_ORD['GLIJ'][1], 'CM', '20340509081500', CLIN), MG_GLI_OBR('F', '20340509080500'),
    obx(1, 'NM', '1558-6^Glicose em jejum^LN', '248', U('mg/dL'), '70-99', 'H', 'F', '20340509075000'),
    nte(1, 'Jejum de 8 horas referido pela enfermagem.'),
    ORC('RE', MG_ORD['CREA'][0], MG_ORD['CREA'][1], 'CM', '20340509081500', CLIN), MG_CREA_OBR('F', '20340509080500'),
    obx(1, 'NM', '2160-0^Creatinina^LN', '1.41', U('mg/dL'), '0.50-1.10', 'H', 'F', '20340509075000'),
]
# 04 ADT^A02: transferred to the adult ICU (respiratory worsening)
M['04-adt-a02-maria-transfer-uti'] = [
    msh(HIS, '20340509142210-0300', 'HJP6001004', 'ADT^A02^ADT_A02'), evn('A02', '20340509142000', occurred='20340509141500'),
    MG_PID(), MG_PV1('UTI', extra={6: LOCS['CM5'], 7: INTENS, 17: CLIN}),
]
# 05 RDE^O11: ceftriaxone 1 g IV every 24 h, prescribed in the ICU
MG_RX = 'HJPRX0060011-1^HJP'
CEFTRI = 'CEFTRI1G^Ceftriaxona sódica 1 g pó para solução injetável^HJP-MED'
M['05-rde-o11-maria-ceftriaxona'] = [
    msh(HIS, '20340509150544-0300', 'HJP6001005', 'RDE^O11^RDE_O11', to='HJPFARM'), MG_PID(), MG_PV1('UTI', extra={7: INTENS}),
    ORC('NW', MG_RX, '', 'IP', '20340509150500', INTENS),
    seg('RXE', {2: CEFTRI, 3: '1', 5: 'g^grama^UCUM', 6: 'PO^Pó para solução injetável^HJP-FF',
                7: '^Diluir em 100 mL de SF 0,9% e infundir em 30 minutos', 10: '7', 11: 'FA^frasco-ampola^HJP-UN',
                15: 'RX60-7781', 27: 'J18.9^Pneumonia não especificada^I10'}),
    seg('TQ1', {1: '1', 2: '1^g&grama&UCUM', 3: 'Q24H^a cada 24 horas^HL70335', 7: '20340509160000', 8: '20340516160000',
                9: 'R^Routine^HL70485'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]
# 06 RAS^O17 (UTF-8, the bedside eMAR): the first dose given
M['06-ras-o17-maria-ceftriaxona-given'] = [
    msh(EMAR, '20340509164031-0300', 'HJPB6003001', 'RAS^O17^RAS_O17', '2.5.1'), MG_PID(), MG_PV1('UTI', extra={7: INTENS}),
    ORC('RE', MG_RX, 'FARM60-22817^HJPFARM', 'IP', '20340509164000', INTENS),
    seg('RXA', {1: '0', 2: '1', 3: '20340509160500', 4: '20340509163800', 5: CEFTRI, 6: '1', 7: 'g^grama^UCUM',
                10: NURSE, 11: 'UTI2^07^^HJP', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]
# 07 ORU^R01 (UTF-8): the creatinine corrected (the analyser's calibration): 1.41 -> 1.04 mg/dL, no longer high
M['07-oru-r01-maria-creatinina-corrigida'] = [
    msh(LIS, '20340509183347-0300', 'LIPR6002002', 'ORU^R01^ORU_R01', '2.5.1'), MG_PID(), MG_PV1('UTI'),
    ORC('RE', MG_ORD['CREA'][0], MG_ORD['CREA'][1], 'CM', '20340509183300', CLIN), MG_CREA_OBR('C', '20340509183000'),
    obx(1, 'NM', '2160-0^Creatinina^LN', '1.04', U('mg/dL'), '0.50-1.10', 'N', 'C', '20340509075000'),
    nte(1, 'RESULTADO RETIFICADO: erro de calibração do analisador. Valor anterior (1,41 mg/dL) desconsiderado.'),
]
# 08 ADT^A03: discharged from the ICU (recorded in error: the clerk chose the wrong bed)
M['08-adt-a03-maria-alta-errada'] = [
    msh(HIS, '20340513101207-0300', 'HJP6001008', 'ADT^A03^ADT_A03'), evn('A03', '20340513101000'), MG_PID(),
    MG_PV1('UTI', '20340513100000', extra={7: INTENS, 36: '01^Alta para domicílio^HL70112'}),
]
# 09 ADT^A13: the discharge cancelled: she is still in the ICU
M['09-adt-a13-maria-cancela-alta'] = [
    msh(HIS, '20340513103951-0300', 'HJP6001009', 'ADT^A13^ADT_A01'), evn('A13', '20340513103900'), MG_PID(), MG_NK1(),
    MG_PV1('UTI', extra={7: INTENS}), MG_IN1(),
]
# 10 ADT^A03: the real discharge, from the ward after stepping down, 16 May
M['10-adt-a03-maria-alta'] = [
    msh(HIS, '20340516113015-0300', 'HJP6001010', 'ADT^A03^ADT_A03'), evn('A03', '20340516112500'), MG_PID(),
    MG_PV1('UTI', '20340516112000', extra={7: INTENS, 36: '01^Alta para domicílio^HL70112'}),
    seg('DG1', {1: '1', 3: 'J18.9^Pneumonia não especificada^I10', 6: 'F'}), MG_IN1(),
]

# =========================== João Batista: outpatient collection, dependant on his wife's plan ====================
JB_PV1 = lambda: pv1('O', 'AMB', 'HJPV0060029-01', ENDO, '20340512071500', 'CONV^Convênio^HJP-FC')  # noqa: E731
JB_IN1 = lambda extra=None: in1(1, BANDEIRANTES, 'BSC-ESS^Essencial Enfermaria Regional^BSC', {  # noqa: E731
    12: '20320601', 13: '20340630', 15: 'IND^Individual/familiar^HJP-PT', 16: 'ASSUNÇÃO FALCÃO^LÚCIA HELENA^DE',
    17: 'SPO^Spouse^HL70063', 18: '19720318', 22: '1', 36: '0358912004417730', 43: 'F',
    49: f'{LH_CPF}^^^RFB^TAX'} | (extra or {}))
JB_PID = lambda: seg('PID', JOAO)  # noqa: E731
JB_ORD = {'TSH': ('HJPO0060029-1^HJP', 'LIPR60-5611^LIPR'), 'URC': ('HJPO0060029-2^HJP', 'LIPR60-5612^LIPR'),
          'GLIJ': ('HJPO0060029-3^HJP', '')}
# 11 ADT^A04: outpatient registration for the collection room
M['11-adt-a04-joao-registro-coleta'] = [
    msh(HIS, '20340512071804-0300', 'HJP6001011', 'ADT^A04^ADT_A01'), evn('A04', '20340512071500'), JB_PID(),
    JB_PV1(), JB_IN1(),
]
# 12 ORM^O01: TSH, urine culture, fasting glucose ordered by the endocrinologist
M['12-orm-o01-joao-tsh-urocultura-glicemia'] = [
    msh(HIS, '20340512072233-0300', 'HJP6001012', 'ORM^O01^ORM_O01', to='LIPRLIS'), JB_PID(), JB_PV1(),
    ORC('NW', JB_ORD['TSH'][0], '', 'SC', '20340512072200', ENDO), obr(1, JB_ORD['TSH'][0], '', TSH, {7: '20340512073000', 16: ENDO}),
    ORC('NW', JB_ORD['URC'][0], '', 'SC', '20340512072200', ENDO),
    obr(1, JB_ORD['URC'][0], '', URO, {7: '20340512073000', 15: 'UR&Urina jato médio&HL70070', 16: ENDO}),
    nte(1, 'Paciente refere disúria há 5 dias. Sem uso de antibiótico.', 'P'),
    ORC('NW', JB_ORD['GLIJ'][0], '', 'SC', '20340512072200', ENDO), obr(1, JB_ORD['GLIJ'][0], '', GLI, {7: '20340512073000', 16: ENDO}),
]
# 13 ORM^O01: the glucose cancelled (the patient had eaten): ORC-1 CA
M['13-orm-o01-joao-cancela-glicemia'] = [
    msh(HIS, '20340512074510-0300', 'HJP6001013', 'ORM^O01^ORM_O01', to='LIPRLIS'), JB_PID(), JB_PV1(),
    ORC('CA', JB_ORD['GLIJ'][0], '', 'CA', '20340512074500', ENDO, {16: 'JEJ^Paciente sem jejum^HJP-MC'}),
    obr(1, JB_ORD['GLIJ'][0], '', GLI, {7: '20340512073000', 16: ENDO}),
]
# 14 ORU^R01 (UTF-8): TSH final, high
M['14-oru-r01-joao-tsh'] = [
    msh(LIS, '20340512153009-0300', 'LIPR6002003', 'ORU^R01^ORU_R01', '2.5.1'), JB_PID(), JB_PV1(),
    ORC('RE', JB_ORD['TSH'][0], JB_ORD['TSH'][1], 'CM', '20340512153000', ENDO),
    obr(1, JB_ORD['TSH'][0], JB_ORD['TSH'][1], TSH, {7: '20340512073000', 14: '20340512081000', 15: 'SER&Soro&HL70070',
                                                   16: ENDO, 22: '20340512152500', 24: 'CH', 25: 'F', 32: PATH}),
    obx(1, 'NM', '3016-3^TSH^LN', '7.82', U('u[IU]/mL', 'µUI/mL'), '0.45-4.50', 'H', 'F', '20340512150000'),
]
URO_OBR = lambda st, t: obr(1, JB_ORD['URC'][0], JB_ORD['URC'][1], URO, {  # noqa: E731
    7: '20340512073000', 14: '20340512081000', 15: 'UR&Urina jato médio&HL70070', 16: ENDO, 22: t, 24: 'MB', 25: st,
    32: PATH})
CULT_ID = '630-4^Bactéria identificada^LN'
KPN = '56415008^Klebsiella pneumoniae^SCT'
# 15 ORU^R01 (UTF-8): culture preliminary (growth, identification pending)
M['15-oru-r01-joao-urocultura-preliminar'] = [
    msh(LIS, '20340513091144-0300', 'LIPR6002004', 'ORU^R01^ORU_R01', '2.5.1'), JB_PID(), JB_PV1(),
    ORC('RE', JB_ORD['URC'][0], JB_ORD['URC'][1], 'A', '20340513091100', ENDO), URO_OBR('P', '20340513090500'),
    obx(1, 'SN', '19090-0^Contagem de colônias^LN', '>^100000', U('{CFU}/mL', 'UFC/mL'), '', 'A', 'P', '20340513085000'),
    obx(2, 'ST', CULT_ID, 'Bacilo Gram-negativo em identificação', status='P', t='20340513085000', sub='1'),
]
# 16 ORU^R01 (UTF-8): final: Klebsiella pneumoniae and its susceptibility (child OBR: OBR-26 the culture's isolate,
# OBR-29 the culture's numbers)
TSA_FIL = 'LIPR60-5612-1^LIPR'
def tsa(mic, interp, ab):  # noqa: E302
    return [obx(k + 1, 'SN', code, m, U('ug/mL', 'µg/mL'), '', f, 'F', '20340514100000', '1')
            for k, (code, m, f) in enumerate(zip(ab, mic, interp))]
ABX = ['28-1^Ampicilina [MIC]^LN', '141-2^Ceftriaxona [MIC]^LN', '185-9^Ciprofloxacino [MIC]^LN',
       '363-2^Nitrofurantoína [MIC]^LN', '516-5^Sulfametoxazol + Trimetoprima [MIC]^LN']
M['16-oru-r01-joao-urocultura-final-tsa'] = [
    msh(LIS, '20340514103752-0300', 'LIPR6002005', 'ORU^R01^ORU_R01', '2.5.1'), JB_PID(), JB_PV1(),
    ORC('RE', JB_ORD['URC'][0], JB_ORD['URC'][1], 'CM', '20340514103700', ENDO), URO_OBR('F', '20340514103000'),
    obx(1, 'SN', '19090-0^Contagem de colônias^LN', '>^100000', U('{CFU}/mL', 'UFC/mL'), '', 'A', 'F', '20340513085000'),
    obx(2, 'CWE', CULT_ID, KPN, flag='A', status='F', t='20340514090000', sub='1'),
    ORC('RE', JB_ORD['URC'][0], TSA_FIL, 'CM', '20340514103700', ENDO),
    obr(2, JB_ORD['URC'][0], TSA_FIL, TSA, {7: '20340512073000', 16: ENDO, 22: '20340514103000', 24: 'MB', 25: 'F',
                                             26: CULT_ID.replace('^', '&') + '^1^Klebsiella pneumoniae',
                                             29: JB_ORD['URC'][0].replace('^', '&') + '^' + JB_ORD['URC'][1].replace('^', '&'),
                                             32: PATH}),
    *tsa(['>^16', '<=^1', '<=^0.25', '^32', '<=^20'], ['R', 'S', 'S', 'I', 'S'], ABX),
    nte(1, 'Klebsiella pneumoniae: resistência intrínseca à ampicilina. Não produtora de ESBL.'),
]
# 17 ADT^A08: new address and mobile; the plan card renewed (new validity, same card number)
JOAO_NEW = dict(JOAO) | {11: 'Rua Simão Álvares, 781^Apto 34 - Pinheiros^São Paulo^SP^05417-020^BRA^H',
                         13: '^PRN^CP^^55^11^994417302'}
M['17-adt-a08-joao-endereco-carteirinha'] = [
    msh(HIS, '20340515090522-0300', 'HJP6001017', 'ADT^A08^ADT_A01'), evn('A08', '20340515090500'),
    seg('PID', JOAO_NEW), JB_PV1(), JB_IN1({13: '20360630'}),
]

# =========================== Sebastião: outpatient record, an ED duplicate, the merge ==============================
SN_PID = lambda: seg('PID', SEBASTIAO)  # noqa: E731
# 18 ADT^A04: a cardiology clinic visit registered on his real record (particular, no plan)
M['18-adt-a04-sebastiao-ambulatorio'] = [
    msh(HIS, '20340517080211-0300', 'HJP6001018', 'ADT^A04^ADT_A01'), evn('A04', '20340517080000'), SN_PID(),
    pv1('O', 'CON', 'HJPV0060038-01', '120974^MENDES^CLÁUDIO^^^DR.^^^CRMSP', '20340520093000', 'PART^Particular^HJP-FC'),
]
# 19 ADT^A04: the ED at 23:15 registers him again without documents (a new MRN, no CPF / CNS, no tilde)
M['19-adt-a04-sebastiao-ps-duplicado'] = [
    msh(HIS, '20340517231806-0300', 'HJP6001019', 'ADT^A04^ADT_A01'), evn('A04', '20340517231500'), seg('PID', SEB_DUP),
    pv1('E', 'PS', 'HJPV0060046-01', EMERG, '20340517231500', 'PART^Particular^HJP-FC', extra={4: 'E^Emergency^HL70007'}),
]
# 20 ORU^R01 (UTF-8): the ED's blood count, on the duplicate record
SD_ORD = ('HJPO0060046-1^HJP', 'LIPR60-5720^LIPR')
M['20-oru-r01-sebastiao-ps-hemograma'] = [
    msh(LIS, '20340518004512-0300', 'LIPR6002006', 'ORU^R01^ORU_R01', '2.5.1'), seg('PID', SEB_DUP),
    pv1('E', 'PS', 'HJPV0060046-01', EMERG, '20340517231500'),
    ORC('RE', SD_ORD[0], SD_ORD[1], 'CM', '20340518004500', EMERG),
    obr(1, SD_ORD[0], SD_ORD[1], HEMO, {7: '20340517234000', 14: '20340517235000', 15: 'BLDV&Sangue venoso&HL70070',
                                        16: EMERG, 22: '20340518004000', 24: 'HM', 25: 'F', 32: PATH}),
    *rows(hemo_rows('10.4', '9.1', '178', '31', ('L', '', '', 'L')), '20340518002500'),
]
# 21 ADT^A40: the duplicate HJP0060046 merged into HJP0060038
M['21-adt-a40-sebastiao-unifica-prontuario'] = [
    msh(HIS, '20340518093040-0300', 'HJP6001021', 'ADT^A40^ADT_A39'), evn('A40', '20340518093000'), SN_PID(),
    seg('MRG', {1: 'HJP0060046^^^HJP^MR', 3: 'HJPA0060046-01^^^HJP^AN', 7: 'NASCIMENTO^SEBASTIAO'}),
]
# 22 ADT^A11: the cardiology visit of #18 cancelled (he is in the ED pathway instead)
M['22-adt-a11-sebastiao-cancela-ambulatorio'] = [
    msh(HIS, '20340518094512-0300', 'HJP6001022', 'ADT^A11^ADT_A09'), evn('A11', '20340518094500'), SN_PID(),
    pv1('O', 'CON', 'HJPV0060038-01', '120974^MENDES^CLÁUDIO^^^DR.^^^CRMSP', '20340520093000', 'PART^Particular^HJP-FC'),
]
# 23 ADT^A08: after the merge, the ED visit updated on the surviving record (observation bed, attending changed)
SN_ED_PV1 = lambda end='', extra=None: pv1('E', 'PS', 'HJPV0060046-01', '152260^CARVALHO^THIAGO^^^DR.^^^CRMSP',  # noqa: E731
                                           '20340517231500', 'PART^Particular^HJP-FC', end, extra)
M['23-adt-a08-sebastiao-ps-atualiza'] = [
    msh(HIS, '20340518101533-0300', 'HJP6001023', 'ADT^A08^ADT_A01'), evn('A08', '20340518101500'), SN_PID(),
    SN_ED_PV1(extra={4: 'E^Emergency^HL70007', 17: EMERG}),
]
# 24 ADT^A03: the ED visit ends, 18 May 14:40
M['24-adt-a03-sebastiao-alta-ps'] = [
    msh(HIS, '20340518144233-0300', 'HJP6001024', 'ADT^A03^ADT_A03'), evn('A03', '20340518144000'), SN_PID(),
    SN_ED_PV1('20340518144000', {36: '01^Alta para domicílio^HL70112'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        app = segs[0].split('|')[2]
        enc = 'latin-1' if app == HIS else 'utf-8'
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode(enc))
    print(len(M), 'messages written to', OUT)
