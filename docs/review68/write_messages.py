#!/usr/bin/env python3
r"""Review 68's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a private hospital in Mexico City on ONE America/Mexico_City channel (no daylight saving since the 2022
law: -06:00 all year, June 2033 here, when the pre-2022 rule would have said -05:00). Hospital Médica Santa Cecilia
del Pedregal (HSCP), invented. Spanish text with accents; every patient has two surnames (apellido paterno and
apellido materno, both in XPN.1's FN.1 separated by a space, as Mexican registration systems send them; one with the
particle "DE LA"), the CURP (RENAPO's Clave Única de Registro de Población, 18 characters with its check digit) as
national identifier beside the MRN (type NNMEX: table 0203's NNxxx with ISO 3166 MEX), the IMSS affiliation number
(NSS, 11 digits with its Luhn check digit) typed SS under the authority IMSS.
- ADT "HSCPADT" (v2.5, UTF-8, MSH-18 UNICODE UTF-8; MSH-7 with -0600, inner times bare): A04 outpatient (consulta
  externa), A01 admission from urgencias, A02, A03, A08, A05 pre-admission (cirugía programada), A38 cancel pre-admit.
- Order entry "HSCPHIS" (OML^O21 v2.5.1, UTF-8, MSH-7 -0600): lab orders; two OBRs of one requisition sharing the
  placer group number ORC-4, one of them later cancelled by an OML with ORC-1 CA (the placer's cancel request).
- Laboratory "HSCPLIS" (ORU^R01 v2.5.1, **ISO-8859-1**, MSH-18 8859/1, every time bare local): chemistry with NM and
  SN (`<^0.5` CRP, titres `^1^:^160`, urine sediment `^10^-^20` per HPF, `>^100000` colony count, MIC `<=^2`), a
  pending -> final pair (OBX-11 P / OBR-25 P, then F), a corrected creatinine (OBX-11 C / OBR-25 C), a urine culture
  with E. coli and its child susceptibility OBR (OBR-26 parent result, OBR-29 parent order numbers).
- Imaging "HSCPRIS" (ORU^R01 v2.5, UTF-8, MSH-7 -0600): an ultrasound text report, one OBX TX per line.
All persons, numbers and addresses are invented. Run from the worktree root (convert with --timezone
America/Mexico_City):
    python3 docs/review68/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review68/messages')
CURP_CHARS = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ'


def curp(stem):
    """RENAPO check digit over the 17 first characters."""
    assert len(stem) == 17, stem
    s = sum(CURP_CHARS.index(c) * (18 - i) for i, c in enumerate(stem))
    return stem + str((10 - s % 10) % 10)


def nss(stem):
    """IMSS NSS: 10 digits + Luhn check digit."""
    total = 0
    for i, c in enumerate(stem):
        d = int(c) * (2 if i % 2 else 1)
        total += d // 10 + d % 10
    return stem + str((10 - total % 10) % 10)


def seg(name, fields):
    n = max(i for i, v in fields.items() if v)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


CHARSET = {'HSCPLIS': '8859/1'}


def msh(app, t, ctl, typ, version):
    return seg('MSH', {3: app, 4: 'HSCP', 5: 'HIG', 6: 'HSCP', 7: t, 9: typ, 10: ctl, 11: 'P', 12: version,
                       15: 'AL', 16: 'NE', 17: 'MEX', 18: CHARSET.get(app, 'UNICODE UTF-8')})


# ---- patients ----
P1 = dict(mrn='6800112', curp=curp('HEZG780514MDFRVD0'), nss=nss('3996780342'),
          name='HERNÁNDEZ ZAVALA^MARÍA GUADALUPE^^^^^L', dob='19780514', sex='F',
          addr='Av. Árbol del Fuego 127 int. 3^Col. El Rosario^Coyoacán^CDMX^04380^MEX^H^^09003',
          tel='^PRN^CP^^52^55^41286093', marital='M^Casada^HL70002')
P2 = dict(mrn='6800120', curp=curp('TOML611102HJCRNS0'), nss=nss('1161611207'),
          name='DE LA TORRE MÉNDEZ^JOSÉ LUIS^^^^^L', dob='19611102', sex='M',
          addr='Calle Cerrada de Tecolote 14^Col. Pedregal de Santo Domingo^Coyoacán^CDMX^04369^MEX^H^^09003',
          tel='^PRN^PH^^52^55^56194472', marital='M^Casado^HL70002')
P3 = dict(mrn='6800139', curp=curp('OOCX900821MPLRSM0'), nss=nss('8409902134'),
          name='ORDÓÑEZ CASTAÑEDA^XIMENA^^^^^L', dob='19900821', sex='F',
          addr='Calle Peñón 88^Col. San Jerónimo Lídice^La Magdalena Contreras^CDMX^10200^MEX^H^^09008',
          tel='^PRN^CP^^52^55^38127765', marital='S^Soltera^HL70002')
P4 = dict(mrn='6800147', curp=curp('AUPR010309HDFGXNA'), nss=nss('5419010477'),
          name='AGÜERO PEÑA^RENÉ^^^^^L', dob='20010309', sex='M',
          addr='Retorno Ñandú 5^Col. Olímpica^Coyoacán^CDMX^04710^MEX^H^^09003',
          tel='^PRN^CP^^52^55^27904318', marital='S^Soltero^HL70002')


def pid(p, ids=('mrn', 'curp', 'nss')):
    cx = {'mrn': f"{p['mrn']}^^^HSCP^MR", 'curp': f"{p['curp']}^^^RENAPO^NNMEX", 'nss': f"{p['nss']}^^^IMSS^SS"}
    return seg('PID', {1: '1', 3: '~'.join(cx[i] for i in ids), 5: p['name'], 7: p['dob'], 8: p['sex'],
                       11: p['addr'], 13: p['tel'], 15: 'es^Español^ISO639', 16: p['marital'], 26: 'MEX^México^ISO3166'})


def pid_lab(p):
    """The LIS's PID: MRN and CURP, no address (the LIS keeps none)."""
    return seg('PID', {1: '1', 3: f"{p['mrn']}^^^HSCP^MR~{p['curp']}^^^RENAPO^NNMEX", 5: p['name'], 7: p['dob'], 8: p['sex']})


# ---- providers (cédula profesional, SEP, type LN) ----
DR_MI = '4821937^SALGADO PIÑA^ERNESTO^^^DR.^^^SEP^^^^LN'
DR_END = '7310452^VILLASEÑOR GÓMEZ^ADRIANA^^^DRA.^^^SEP^^^^LN'
DR_CIR = '5092816^ITURBE LEÓN^JAVIER^^^DR.^^^SEP^^^^LN'
DR_RAD = '6638104^ZÚÑIGA OCHOA^BEATRIZ^^^DRA.^^^SEP^^^^LN'
QFB = '3301975^MONTIEL RÍOS^ROSA ELENA^^^Q.F.B.^^^SEP^^^^LN'
FAC = 'Hospital Médica Santa Cecilia del Pedregal^L^^^^HSCP&&L^XX^^^HSCP'


def evn(code, t):
    return seg('EVN', {1: code, 2: t})


def pv1(cls, loc, visit, t_adm='', extra=None, attending=DR_MI, service='MIN^Medicina Interna^HSCPSVC'):
    f = {1: '1', 2: cls, 3: loc, 7: attending, 10: service, 19: f'{visit}^^^HSCP^VN', 44: t_adm}
    f.update(extra or {})
    return seg('PV1', f)


CE_OUT = 'CEXT^C12^^HSCP^^^^^Consulta Externa Consultorio 12'


def orc(ctl, placer, filler, status, t, extra=None, orderer=DR_MI):
    f = {1: ctl, 2: f'{placer}^HSCPHIS' if placer else '', 3: f'{filler}^HSCPLIS' if filler else '', 5: status,
         9: t, 12: orderer, 21: FAC}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, extra=None, orderer=DR_MI):
    f = {1: str(i), 2: f'{placer}^HSCPHIS' if placer else '', 3: f'{filler}^HSCPLIS' if filler else '', 4: code,
         16: orderer}
    f.update(extra or {})
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t, 16: QFB}
    f.update(extra or {})
    return seg('OBX', f)


# ---- lab codes ----
QS = 'QS4^Química sanguínea (glucosa, creatinina, HbA1c, PCR)^HSCPLAB'
RF = 'RFEB^Reacciones febriles^HSCPLAB'
EGO = 'EGO^Examen general de orina^HSCPLAB'
URO = 'URO^Urocultivo^HSCPLAB^630-4^Bacteria identified in Urine by Culture^LN'
ANTIB = 'ANTIB^Antibiograma (CMI)^HSCPLAB^29576-6^Bacterial susceptibility panel^LN'
BH = 'BH^Biometría hemática^HSCPLAB^58410-2^CBC panel - Blood by Automated count^LN'
TPT = 'TPTTP^Tiempo de protrombina y TTP^HSCPLAB'
TIR = 'PTIR^Perfil tiroideo^HSCPLAB'
US = 'USHVB^Ultrasonido de hígado y vías biliares^HSCPRIS'
GLU = '2345-7^Glucosa^LN'
CREA = '2160-0^Creatinina^LN'
A1C = '4548-4^Hemoglobina A1c^LN'
PCR = '1988-5^Proteína C reactiva^LN'

M = {}

# ============ P1 HERNÁNDEZ ZAVALA: outpatient, diabetes control + fever workup ============
V1 = 'V6800112-01'
M['01-adt-a04-hernandez-consulta-externa'] = [
    msh('HSCPADT', '20330613073812-0600', 'ADT680001', 'ADT^A04^ADT_A01', '2.5'), evn('A04', '20330613073800'),
    pid(P1), seg('NK1', {1: '1', 2: 'RUIZ CARRANZA^ALEJANDRO^^^^^L', 3: 'SPO^Esposo^HL70063', 5: '^PRN^CP^^52^55^41286110'}),
    pv1('O', CE_OUT, V1, '20330613073800', {4: 'R^Rutina^HL70007', 18: 'CE'}, attending=DR_END,
        service='END^Endocrinología^HSCPSVC'),
]
M['02-oml-o21-hernandez-qs-febriles-ego'] = [
    msh('HSCPHIS', '20330613075505-0600', 'HIS680002', 'OML^O21^OML_O21', '2.5.1'), pid(P1),
    pv1('O', CE_OUT, V1, attending=DR_END, service='END^Endocrinología^HSCPSVC'),
    orc('NW', 'HIS6801121', '', '', '20330613075400', orderer=DR_END), seg('TQ1', {1: '1', 9: 'R^Rutina^HL70485'}),
    obr(1, 'HIS6801121', '', QS, orderer=DR_END),
    seg('DG1', {1: '1', 3: 'E11.9^Diabetes mellitus tipo 2 sin complicaciones^I10', 6: 'W'}),
    orc('NW', 'HIS6801122', '', '', '20330613075400', orderer=DR_END), seg('TQ1', {1: '1', 9: 'R^Rutina^HL70485'}),
    obr(2, 'HIS6801122', '', RF, orderer=DR_END),
    seg('DG1', {1: '1', 3: 'R50.9^Fiebre, no especificada^I10', 6: 'W'}),
    orc('NW', 'HIS6801123', '', '', '20330613075400', orderer=DR_END), seg('TQ1', {1: '1', 9: 'R^Rutina^HL70485'}),
    obr(3, 'HIS6801123', '', EGO, orderer=DR_END),
]
QS_T, QS_F = '20330613081000', 'L33061301'


def qs(status, t_msh, ctl, crea='0.9', crea_status=None, a1c=True, note=None):
    obr25, orc5 = {'P': ('P', 'IP'), 'F': ('F', 'CM'), 'C': ('C', 'CM')}[status]
    obs_status = 'P' if status == 'P' else 'F'
    segs = [msh('HSCPLIS', t_msh, ctl, 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P1),
            pv1('O', CE_OUT, V1, attending=DR_END, service='END^Endocrinología^HSCPSVC'),
            orc('RE', 'HIS6801121', QS_F, orc5, t_msh[:14], orderer=DR_END),
            obr(1, 'HIS6801121', QS_F, QS, {7: QS_T, 14: '20330613083000', 22: t_msh[:14], 24: 'CH', 25: obr25, 32: QFB},
                orderer=DR_END),
            obx(1, 'NM', GLU, '182', 'mg/dL^mg/dL^UCUM', '70-100', 'H', obs_status, '20330613101500'),
            obx(2, 'NM', CREA, crea, 'mg/dL^mg/dL^UCUM', '0.5-1.1', 'H' if float(crea) > 1.1 else 'N',
                crea_status or obs_status, '20330613101500'),
            obx(3, 'SN', PCR, '<^0.5', 'mg/dL^mg/dL^UCUM', '<0.5', 'N', obs_status, '20330613101500')]
    if a1c:
        segs.append(obx(4, 'NM', A1C, '8.1', '%^%^UCUM', '4.0-5.6', 'H', obs_status, '20330614091000'))
    if note:
        segs.append(seg('NTE', {1: '1', 2: 'L', 3: note}))
    return segs


M['03-oru-r01-hernandez-qs-preliminar'] = qs('P', '20330613101812', 'LIS680003', a1c=False)
M['04-oru-r01-hernandez-febriles-ego'] = [
    msh('HSCPLIS', '20330613113041', 'LIS680004', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P1),
    pv1('O', CE_OUT, V1, attending=DR_END, service='END^Endocrinología^HSCPSVC'),
    orc('RE', 'HIS6801122', 'L33061302', 'CM', '20330613113000', orderer=DR_END),
    obr(2, 'HIS6801122', 'L33061302', RF, {7: QS_T, 22: '20330613113000', 24: 'SER', 25: 'F', 32: QFB}, orderer=DR_END),
    obx(1, 'SN', 'RF-TO^Antígeno tífico O^HSCPLAB', '^1^:^160', '', '<1:80', 'H', 'F', '20330613112000'),
    obx(2, 'SN', 'RF-TH^Antígeno tífico H^HSCPLAB', '^1^:^80', '', '<1:80', 'N', 'F', '20330613112000'),
    obx(3, 'SN', 'RF-PA^Antígeno paratífico A^HSCPLAB', '^1^:^40', '', '<1:80', 'N', 'F', '20330613112000'),
    obx(4, 'SN', 'RF-BA^Brucella abortus^HSCPLAB', '^1^:^20', '', '<1:40', 'N', 'F', '20330613112000'),
    obx(5, 'SN', 'RF-PX^Proteus OX-19^HSCPLAB', '^1^:^64', '', '<1:80', 'N', 'F', '20330613112000'),
    orc('RE', 'HIS6801123', 'L33061303', 'CM', '20330613113000', orderer=DR_END),
    obr(3, 'HIS6801123', 'L33061303', EGO, {7: QS_T, 22: '20330613113000', 24: 'UR', 25: 'F', 32: QFB}, orderer=DR_END),
    obx(1, 'CWE', '5778-6^Color de orina^LN', 'AMA^Amarillo^HSCPLAB', '', '', '', 'F', '20330613105000'),
    obx(2, 'NM', '5811-5^Densidad urinaria^LN', '1.025', '', '1.005-1.030', 'N', 'F', '20330613105000'),
    obx(3, 'SN', '5821-4^Leucocitos en sedimento^LN', '^10^-^20', '/[HPF]^/campo^UCUM', '0-5', 'H', 'F', '20330613105000'),
    obx(4, 'SN', '13945-1^Eritrocitos en sedimento^LN', '^0^-^2', '/[HPF]^/campo^UCUM', '0-2', 'N', 'F', '20330613105000'),
    obx(5, 'ST', '25145-4^Bacterias en sedimento^LN', 'Abundantes (+++)', '', '', 'A', 'F', '20330613105000'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Se sugiere urocultivo.'}),
]
M['05-oru-r01-hernandez-qs-final'] = qs('F', '20330614091512', 'LIS680005')
M['06-oru-r01-hernandez-creatinina-corregida'] = qs(
    'C', '20330614163307', 'LIS680006', crea='1.4', crea_status='C',
    note='Resultado de creatinina corregido: error de transcripción (0.9 a 1.4 mg/dL). Notificado a la Dra. Villaseñor.')

# ============ P2 DE LA TORRE MÉNDEZ: admission, urine sepsis, culture + susceptibility ============
V2 = 'V6800120-01'
LOC_4 = 'MI4^412^B^HSCP^^^^^Medicina Interna Piso 4'
LOC_3 = 'MI3^305^A^HSCP^^^^^Medicina Interna Piso 3'
NK1_P2 = seg('NK1', {1: '1', 2: 'LÓPEZ ARRIAGA^MARTHA ELENA^^^^^L', 3: 'SPO^Esposa^HL70063', 5: '^PRN^CP^^52^55^56194480',
                     7: 'C^Contacto de emergencia^HL70131'})
M['07-adt-a01-delatorre-ingreso'] = [
    msh('HSCPADT', '20330614235530-0600', 'ADT680007', 'ADT^A01^ADT_A01', '2.5'), evn('A01', '20330614235200'),
    pid(P2), NK1_P2,
    pv1('I', LOC_4, V2, '20330614235200', {4: 'E^Urgencia^HL70007', 14: '7^Urgencias^HL70023', 18: 'HOS'}),
    seg('PV2', {3: '^Infección de vías urinarias complicada'}),
    seg('DG1', {1: '1', 3: 'N39.0^Infección de vías urinarias, sitio no especificado^I10', 6: 'A'}),
]
M['08-oml-o21-delatorre-urocultivo-bh'] = [
    msh('HSCPHIS', '20330615001206-0600', 'HIS680008', 'OML^O21^OML_O21', '2.5.1'), pid(P2), pv1('I', LOC_4, V2),
    orc('NW', 'HIS6801201', '', '', '20330615001100'), seg('TQ1', {1: '1', 9: 'S^Urgente^HL70485'}),
    obr(1, 'HIS6801201', '', URO),
    seg('SPM', {1: '1', 4: 'UR^Orina^HL70487', 8: 'UMS^Chorro medio^HL70488'}),
    orc('NW', 'HIS6801202', '', '', '20330615001100'), seg('TQ1', {1: '1', 9: 'S^Urgente^HL70485'}),
    obr(2, 'HIS6801202', '', BH),
]
M['09-oru-r01-delatorre-bh'] = [
    msh('HSCPLIS', '20330615013844', 'LIS680009', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P2), pv1('I', LOC_4, V2),
    orc('RE', 'HIS6801202', 'L33061502', 'CM', '20330615013800'),
    obr(1, 'HIS6801202', 'L33061502', BH, {7: '20330615003000', 22: '20330615013800', 24: 'HM', 25: 'F', 32: QFB}),
    obx(1, 'NM', '6690-2^Leucocitos^LN', '15.2', '10*3/uL^10³/µL^UCUM', '4.5-11.0', 'H', 'F', '20330615012500'),
    obx(2, 'NM', '718-7^Hemoglobina^LN', '13.9', 'g/dL^g/dL^UCUM', '13.5-17.5', 'N', 'F', '20330615012500'),
    obx(3, 'NM', '777-3^Plaquetas^LN', '212', '10*3/uL^10³/µL^UCUM', '150-450', 'N', 'F', '20330615012500'),
    obx(4, 'NM', '770-8^Neutrófilos %^LN', '86', '%^%^UCUM', '40-70', 'H', 'F', '20330615012500'),
]
URO_F = 'M33061501'
URO_SPM = seg('SPM', {1: '1', 2: '^M33061501-1&HSCPLIS', 4: 'UR^Orina^HL70487', 8: 'UMS^Chorro medio^HL70488',
                      17: '20330615003000', 18: '20330615004500'})
M['10-oru-r01-delatorre-urocultivo-preliminar'] = [
    msh('HSCPLIS', '20330616082210', 'LIS680010', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P2), pv1('I', LOC_4, V2),
    orc('RE', 'HIS6801201', URO_F, 'IP', '20330616082200'),
    obr(1, 'HIS6801201', URO_F, URO, {7: '20330615003000', 22: '20330616082200', 24: 'MB', 25: 'P', 32: QFB}),
    obx(1, 'ST', '630-4^Bacteria identificada^LN', 'Desarrollo de bacilos gramnegativos; identificación en proceso',
        '', '', '', 'P', '20330616080000'),
    obx(2, 'SN', '19090-0^Cuenta de colonias^LN', '>^100000', '{CFU}/mL^UFC/mL^UCUM', '<10000', 'H', 'P', '20330616080000'),
    URO_SPM,
]
M['11-adt-a02-delatorre-traslado'] = [
    msh('HSCPADT', '20330616113005-0600', 'ADT680011', 'ADT^A02^ADT_A02', '2.5'), evn('A02', '20330616112500'),
    pid(P2), pv1('I', LOC_3, V2, '20330614235200', {6: LOC_4, 18: 'HOS'}),
]
SUS_F = 'M33061501-AB'
MIC = 'ug/mL^µg/mL^UCUM'


def mic(i, code, value, flag):
    return obx(i, 'SN', code, value, MIC, '', flag, 'F', '20330617094000')


M['12-oru-r01-delatorre-urocultivo-antibiograma'] = [
    msh('HSCPLIS', '20330617095530', 'LIS680012', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P2), pv1('I', LOC_3, V2),
    orc('RE', 'HIS6801201', URO_F, 'CM', '20330617095500'),
    obr(1, 'HIS6801201', URO_F, URO, {7: '20330615003000', 22: '20330617095500', 24: 'MB', 25: 'F', 32: QFB}),
    obx(1, 'CWE', '630-4^Bacteria identificada^LN', '112283007^Escherichia coli^SCT', '', '', 'A', 'F',
        '20330617090000', {4: '1'}),
    obx(2, 'SN', '19090-0^Cuenta de colonias^LN', '>^100000', '{CFU}/mL^UFC/mL^UCUM', '<10000', 'H', 'F',
        '20330617090000', {4: '1'}),
    URO_SPM,
    orc('RE', '', SUS_F, 'CM', '20330617095500', {8: f'HIS6801201&HSCPHIS^{URO_F}&HSCPLIS'}),
    obr(2, '', SUS_F, ANTIB, {7: '20330615003000', 22: '20330617095500', 24: 'MB', 25: 'F',
                              26: '630-4&Bacteria identificada&LN^1^Escherichia coli',
                              29: f'HIS6801201&HSCPHIS^{URO_F}&HSCPLIS', 32: QFB}),
    mic(1, '18864-9^Ampicilina [CMI]^LN', '>^16', 'R'),
    mic(2, '18906-8^Ciprofloxacino [CMI]^LN', '>^2', 'R'),
    mic(3, '18998-5^Trimetoprim/sulfametoxazol [CMI]^LN', '>^4', 'R'),
    mic(4, '18955-5^Nitrofurantoína [CMI]^LN', '<=^16', 'S'),
    mic(5, '18895-3^Ceftriaxona [CMI]^LN', '<=^1', 'S'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Cepa productora de BLEE: negativa.'}),
]
M['13-adt-a08-delatorre-actualiza-contacto'] = [
    msh('HSCPADT', '20330617161540-0600', 'ADT680013', 'ADT^A08^ADT_A01', '2.5'), evn('A08', '20330617161500'),
    pid(P2) .replace('^PRN^PH^^52^55^56194472', '^PRN^PH^^52^55^56194472~^PRN^CP^^52^55^61073358'),
    NK1_P2, seg('NK1', {1: '2', 2: 'DE LA TORRE LÓPEZ^DIEGO ARMANDO^^^^^L', 3: 'SON^Hijo^HL70063',
                        5: '^PRN^CP^^52^55^29415567'}),
    pv1('I', LOC_3, V2, '20330614235200', {18: 'HOS'}),
]
M['14-adt-a03-delatorre-alta'] = [
    msh('HSCPADT', '20330618122012-0600', 'ADT680014', 'ADT^A03^ADT_A03', '2.5'), evn('A03', '20330618121500'),
    pid(P2), pv1('I', LOC_3, V2, '20330614235200', {18: 'HOS', 36: '01^Alta a domicilio^HL70112', 45: '20330618121500'}),
]

# ============ P3 ORDÓÑEZ CASTAÑEDA: planned cholecystectomy, pre-op labs, pre-admission cancelled ============
V3 = 'V6800139-01'
LOC_CIR = 'CIR2^^^HSCP^^^^^Cirugía General Piso 2'
SVC_CIR = 'CIR^Cirugía General^HSCPSVC'
M['15-adt-a05-ordonez-preingreso'] = [
    msh('HSCPADT', '20330619101502-0600', 'ADT680015', 'ADT^A05^ADT_A05', '2.5'), evn('A05', '20330619101500'),
    pid(P3), pv1('P', LOC_CIR, V3, '', {4: 'C^Electiva^HL70007', 18: 'HOS'}, attending=DR_CIR, service=SVC_CIR),
    seg('PV2', {3: '^Colecistectomía laparoscópica programada', 8: '20330622070000'}),
    seg('DG1', {1: '1', 3: 'K80.2^Cálculo de la vesícula biliar sin colecistitis^I10', 6: 'A'}),
]
GRP = 'G6801391^HSCPHIS'
M['16-oml-o21-ordonez-bh-coagulacion'] = [
    msh('HSCPHIS', '20330619103318-0600', 'HIS680016', 'OML^O21^OML_O21', '2.5.1'), pid(P3),
    pv1('P', LOC_CIR, V3, attending=DR_CIR, service=SVC_CIR),
    orc('NW', 'HIS6801391', '', '', '20330619103200', {4: GRP}, orderer=DR_CIR), seg('TQ1', {1: '1', 9: 'R^Rutina^HL70485'}),
    obr(1, 'HIS6801391', '', BH, orderer=DR_CIR),
    orc('NW', 'HIS6801392', '', '', '20330619103200', {4: GRP}, orderer=DR_CIR), seg('TQ1', {1: '1', 9: 'R^Rutina^HL70485'}),
    obr(2, 'HIS6801392', '', TPT, orderer=DR_CIR),
]
M['17-oru-r01-ordonez-usg-hepatobiliar'] = [
    msh('HSCPRIS', '20330619124410-0600', 'RIS680017', 'ORU^R01^ORU_R01', '2.5'), pid(P3),
    pv1('P', LOC_CIR, V3, attending=DR_CIR, service=SVC_CIR),
    seg('ORC', {1: 'RE', 2: 'HIS6801395^HSCPHIS', 3: 'US3306190044^HSCPRIS', 5: 'CM', 12: DR_CIR}),
    seg('OBR', {1: '1', 2: 'HIS6801395^HSCPHIS', 3: 'US3306190044^HSCPRIS', 4: US, 7: '20330619114000',
                16: DR_CIR, 22: '20330619124400', 24: 'US', 25: 'F', 32: DR_RAD}),
    *[obx(i, 'TX', 'GDT^Hallazgos^HSCPRIS', line, status='F', extra={16: DR_RAD}) for i, line in enumerate([
        'Hígado de forma, tamaño y ecogenicidad normales, sin lesiones focales.',
        'Vesícula biliar distendida, de paredes delgadas (2 mm), con múltiples imágenes hiperecogénicas',
        'móviles que proyectan sombra acústica posterior, la mayor de 18 mm.',
        'Colédoco de 4 mm de calibre, sin dilatación de la vía biliar intrahepática.',
        'Páncreas y riñones sin alteraciones.'], start=1)],
    obx(6, 'TX', 'IMP^Impresión diagnóstica^HSCPRIS', 'Colecistolitiasis múltiple sin datos de colecistitis aguda.',
        flag='A', status='F', extra={16: DR_RAD}),
]
M['18-oml-o21-ordonez-cancela-coagulacion'] = [
    msh('HSCPHIS', '20330619170244-0600', 'HIS680018', 'OML^O21^OML_O21', '2.5.1'), pid(P3),
    pv1('P', LOC_CIR, V3, attending=DR_CIR, service=SVC_CIR),
    orc('CA', 'HIS6801392', '', '', '20330619170200',
        {4: GRP, 16: 'DUP^Solicitud duplicada: tiempos de coagulación ya realizados en laboratorio externo^HSCPHIS'},
        orderer=DR_CIR),
    obr(1, 'HIS6801392', '', TPT, orderer=DR_CIR),
]
M['19-oru-r01-ordonez-bh'] = [
    msh('HSCPLIS', '20330619181530', 'LIS680019', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P3),
    pv1('P', LOC_CIR, V3, attending=DR_CIR, service=SVC_CIR),
    orc('RE', 'HIS6801391', 'L33061901', 'CM', '20330619181500', {4: GRP}, orderer=DR_CIR),
    obr(1, 'HIS6801391', 'L33061901', BH, {7: '20330619110500', 22: '20330619181500', 24: 'HM', 25: 'F', 32: QFB},
        orderer=DR_CIR),
    obx(1, 'NM', '6690-2^Leucocitos^LN', '7.4', '10*3/uL^10³/µL^UCUM', '4.5-11.0', 'N', 'F', '20330619175000'),
    obx(2, 'NM', '718-7^Hemoglobina^LN', '12.8', 'g/dL^g/dL^UCUM', '12.0-16.0', 'N', 'F', '20330619175000'),
    obx(3, 'NM', '777-3^Plaquetas^LN', '265', '10*3/uL^10³/µL^UCUM', '150-450', 'N', 'F', '20330619175000'),
]
M['20-adt-a38-ordonez-cancela-preingreso'] = [
    msh('HSCPADT', '20330620093011-0600', 'ADT680020', 'ADT^A38^ADT_A38', '2.5'), evn('A38', '20330620093000'),
    pid(P3), pv1('P', LOC_CIR, V3, '', {4: 'C^Electiva^HL70007', 18: 'HOS'}, attending=DR_CIR, service=SVC_CIR),
    seg('PV2', {3: '^Colecistectomía laparoscópica programada', 8: '20330622070000'}),
]

# ============ P4 AGÜERO PEÑA: outpatient thyroid profile; the CURP added by an A08 ============
V4 = 'V6800147-01'
M['21-adt-a04-aguero-consulta-externa'] = [
    msh('HSCPADT', '20330621083012-0600', 'ADT680021', 'ADT^A04^ADT_A01', '2.5'), evn('A04', '20330621083000'),
    pid(P4, ids=('mrn',)),
    pv1('O', CE_OUT, V4, '20330621083000', {4: 'R^Rutina^HL70007', 18: 'CE'}, attending=DR_END,
        service='END^Endocrinología^HSCPSVC'),
]
M['22-oml-o21-aguero-perfil-tiroideo'] = [
    msh('HSCPHIS', '20330621085521-0600', 'HIS680022', 'OML^O21^OML_O21', '2.5.1'), pid(P4, ids=('mrn',)),
    pv1('O', CE_OUT, V4, attending=DR_END, service='END^Endocrinología^HSCPSVC'),
    orc('NW', 'HIS6801471', '', '', '20330621085400', orderer=DR_END), seg('TQ1', {1: '1', 9: 'R^Rutina^HL70485'}),
    obr(1, 'HIS6801471', '', TIR, orderer=DR_END),
    seg('DG1', {1: '1', 3: 'E06.3^Tiroiditis autoinmune^I10', 6: 'W'}),
]
M['23-oru-r01-aguero-perfil-tiroideo'] = [
    msh('HSCPLIS', '20330621141207', 'LIS680023', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', {1: '1', 3: f"{P4['mrn']}^^^HSCP^MR", 5: P4['name'], 7: P4['dob'], 8: P4['sex']}),
    pv1('O', CE_OUT, V4, attending=DR_END, service='END^Endocrinología^HSCPSVC'),
    orc('RE', 'HIS6801471', 'L33062101', 'CM', '20330621141200', orderer=DR_END),
    obr(1, 'HIS6801471', 'L33062101', TIR, {7: '20330621091500', 22: '20330621141200', 24: 'CH', 25: 'F', 32: QFB},
        orderer=DR_END),
    obx(1, 'NM', '3016-3^TSH^LN', '9.84', 'm[IU]/L^mUI/L^UCUM', '0.27-4.20', 'H', 'F', '20330621135000'),
    obx(2, 'NM', '3024-7^T4 libre^LN', '0.78', 'ng/dL^ng/dL^UCUM', '0.93-1.70', 'L', 'F', '20330621135000'),
    obx(3, 'SN', '8099-4^Anticuerpos antitiroperoxidasa^LN', '>^1300', '[IU]/mL^UI/mL^UCUM', '<34', 'H', 'F',
        '20330621135000'),
]
M['24-adt-a08-aguero-agrega-curp-nss'] = [
    msh('HSCPADT', '20330621163340-0600', 'ADT680024', 'ADT^A08^ADT_A01', '2.5'), evn('A08', '20330621163300'),
    pid(P4), pv1('O', CE_OUT, V4, '20330621083000', {18: 'CE'}, attending=DR_END, service='END^Endocrinología^HSCPSVC'),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        enc = 'latin-1' if '|HSCPLIS|' in segs[0] else 'utf-8'
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode(enc))
    print(len(M), 'messages written to', OUT)
