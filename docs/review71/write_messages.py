#!/usr/bin/env python3
r"""Review 71's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a pediatric practice network in Puerto Rico and the territory's immunization registry, on ONE
America/Puerto_Rico channel (Atlantic Standard Time, -04:00 all year, no daylight saving; March 2034 here).
Red Pediátrica del Yunque (RPY: clinics in Río Grande, Luquillo and Fajardo), the registry "Sistema de Inmunización
y Registro de Puerto Rico" (SIRPR), the laboratory LABCARIBE and the newborn hearing program of Hospital San Pedro de
Fajardo (HSPFAJ) are invented. Spanish text in UTF-8 (MSH-18 UNICODE UTF-8); every child has two surnames (paterno and
materno, both in XPN.1's FN.1 separated by a space; one with the particle "DE"), the mother's maiden name in PID-6.
- The practice's EHR "PEDIRED" (v2.5.1): ADT A04 (registration), A08 (update) and VXU^V04 in the CDC IIS IG's style
  (MSH-21 Z22^CDCPHINVS; ORC RE + RXA + RXR + dose OBX per ORDER group; several doses in one message; CVX, MVX, lot,
  expiry; RXA-9 NIP001 00 / 01; RXA-10 administering and ORC-12 ordering provider with NPI; dose OBX 64994-7 VFC
  eligibility, 30963-3 funding source, VIS 69764-9 + 29769-7 or 30956-7 + 29768-9 + 29769-7, 31044-1 reaction,
  30945-0 contraindication; RXA-20 RE with RXA-18 NIP002, NA; RXA-21 U (lot corrected) and D (entered in error)).
- The registry "SIRPR" (v2.5.1) to the practice: ADT A31 (registry demographics, SR beside the practice's MR) and
  VXU of consolidated history (doses reported by others: RXA-9 01/02/07, no lot).
- The laboratory "LABCARIBE" (ORU^R01 v2.5.1): blood lead screening (capillary 10368-9, venous 77307-7).
- The hospital's newborn hearing program "HSPFAJ" (ORU^R01 v2.5.1): OAE screen per ear.
MSH-7 carries -0400; every time inside is bare local time. All persons, numbers, lots and addresses are invented.
Run from the worktree root (convert with --timezone America/Puerto_Rico):
    python3 docs/review71/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review71/messages')


def npi(stem9):
    """NPI: 9 digits + Luhn check digit over the prefix 80840."""
    digits = '80840' + stem9
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return stem9 + str((10 - total % 10) % 10)


def seg(name, fields):
    n = max(i for i, v in fields.items() if v)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


FAC = {'PEDIRED': 'RPYUNQ', 'SIRPR': 'SIRPR', 'LABCARIBE': 'LABCARIBE', 'HSPFAJ': 'HSPFAJ'}
RCV = {'PEDIRED': ('SIRPR', 'SIRPR'), 'SIRPR': ('PEDIRED', 'RPYUNQ'), 'LABCARIBE': ('PEDIRED', 'RPYUNQ'),
       'HSPFAJ': ('PEDIRED', 'RPYUNQ')}


def msh(app, t, ctl, typ):
    f = {3: app, 4: FAC[app], 5: RCV[app][0], 6: RCV[app][1], 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1',
         15: 'ER', 16: 'AL', 18: 'UNICODE UTF-8'}
    if typ.startswith('VXU'):
        f[21] = 'Z22^CDCPHINVS'
    return seg('MSH', f)


# ---- patients (MR of the practice network RPY, SR of the registry SIRPR) ----
P1 = dict(mr='RPY7100118', sr='SIR710004417', name='RIVERA SANTIAGO^SOFÍA^ISABEL^^^^L',
          mmn='SANTIAGO^MARÍA DE LOS ÁNGELES^^^^^M', dob='20331108', sex='F',
          addr='Calle Flamboyán 214^Urb. Río Grande Estates^Río Grande^PR^00745^USA^L^^72119',
          tel='^PRN^PH^^1^787^8874412~^PRN^CP^^1^939^5527301')
P2 = dict(mr='RPY7100126', sr='SIR710004425', name='COLÓN MALDONADO^MATEO^ANDRÉS^^^^L',
          mmn='MALDONADO^YARITZA^^^^^M', dob='20330302', sex='M',
          addr='Carr. 3 Km 35.2 Bo. Mameyes^^Luquillo^PR^00773^USA^L^^72089', tel='^PRN^CP^^1^787^6631958')
P3 = dict(mr='RPY7100134', sr='SIR710004433', name='ORTIZ NÚÑEZ^NIÑA^^^^^L',
          mmn='NÚÑEZ^GLORIMAR^^^^^M', dob='20340110', sex='F',
          addr='Calle Ceiba 9 Bo. Quebrada Vueltas^^Fajardo^PR^00738^USA^L^^72053', tel='^PRN^CP^^1^787^3049916')
P4 = dict(mr='RPY7100142', sr='SIR710004441', name='FIGUEROA DE JESÚS^GAEL^IGNACIO^^^^L',
          mmn='DE JESÚS^ZULMA^^^^^M', dob='20320220', sex='M',
          addr='Calle Tamarindo 57 Urb. Las Vegas^^Río Grande^PR^00745^USA^L^^72119', tel='^PRN^PH^^1^787^8870263')
HISPANIC = '2135-2^Hispanic or Latino^CDCREC'
RACE = '2106-3^White^CDCREC'


def pid(p, ids='mr', name=None, addr=None, tel=None):
    cx = {'mr': f"{p['mr']}^^^RPY^MR", 'sr': f"{p['sr']}^^^SIRPR^SR", 'pi': f"{p['mr']}^^^RPY^PI"}
    return seg('PID', {1: '1', 3: '~'.join(cx[i] for i in ids.split('+')), 5: name or p['name'], 6: p['mmn'],
                       7: p['dob'], 8: p['sex'], 10: RACE, 11: addr or p['addr'], 13: tel or p['tel'],
                       15: 'spa^Spanish^HL70296', 22: HISPANIC, 24: 'N'})


def pd1(protect='N', status='A', t='', publicity='02^Reminder/Recall - any method^HL70215'):
    return seg('PD1', {11: publicity, 12: protect, 13: t, 16: f'{status}^{STATUS[status]}^HL70441', 17: t, 18: t})


STATUS = {'A': 'Active', 'M': 'Moved or gone elsewhere (transferred)', 'I': 'Inactive'}


def nk1(i, name, rel, addr, tel, extra=None):
    f = {1: str(i), 2: name, 3: rel, 4: addr, 5: tel}
    f.update(extra or {})
    return seg('NK1', f)


MTH = 'MTH^Mother^HL70063'
FTH = 'FTH^Father^HL70063'
GRD = 'GRD^Guardian^HL70063'

# ---- providers (NPI) ----
DR_RG = f'{npi("710043281")}^QUIÑONES BETANCOURT^ADA^LUZ^^DRA.^^^NPI^L^^^NPI'
DR_FJ = f'{npi("710043298")}^MARRERO ACEVEDO^JOSÉ^RAMÓN^^DR.^^^NPI^L^^^NPI'
RN_RG = 'RPY4417^PAGÁN ROSADO^IVELISSE^^^^RN^^RPY^L^^^EI'
RN_LQ = 'RPY4425^CRUZ OQUENDO^NEREIDA^^^^RN^^RPY^L^^^EI'
RN_FJ = 'RPY4433^LEBRÓN ALICEA^WILFREDO^^^^LPN^^RPY^L^^^EI'
CLIN = {'RG': '^^^RPYRG^^^^^Red Pediátrica del Yunque - Río Grande',
        'LQ': '^^^RPYLQ^^^^^Red Pediátrica del Yunque - Luquillo',
        'FJ': '^^^RPYFJ^^^^^Red Pediátrica del Yunque - Fajardo'}


def pv1(cls='R', loc='RPYRG^^^RPY^^^^^Red Pediátrica del Yunque - Río Grande', attending=DR_RG, extra=None):
    f = {1: '1', 2: cls, 3: loc, 7: attending}
    f.update(extra or {})
    return seg('PV1', f)


def evn(t):
    return seg('EVN', {2: t})


# ---- vaccines (CVX, MVX, NDC) ----
PEDIARIX = '110^DTaP-hepatitis B and poliovirus vaccine^CVX^58160-0811-52^PEDIARIX^NDC'
HIB = '49^Hib (PRP-OMP)^CVX^00006-4897-00^PEDVAXHIB^NDC'
PCV20 = '216^Pneumococcal conjugate PCV20^CVX^00005-2000-10^PREVNAR 20^NDC'
ROTA = '119^rotavirus, monovalent^CVX^58160-0854-52^ROTARIX^NDC'
MMR = '03^MMR^CVX^00006-4681-00^M-M-R II^NDC'
VAR = '21^varicella^CVX^00006-4827-00^VARIVAX^NDC'
FLU = '150^Influenza, injectable, quadrivalent, preservative free^CVX^49281-0424-50^FLUZONE QUADRIVALENT^NDC'
HEPA = '83^Hep A, ped/adol, 2 dose^CVX^58160-0825-52^HAVRIX^NDC'
DTAP = '20^DTaP^CVX^58160-0810-52^INFANRIX^NDC'
HEPB_PED = '08^Hep B, adolescent or pediatric^CVX'
DTAP_HIST = '20^DTaP^CVX'
HIB_HIST = '49^Hib (PRP-OMP)^CVX'
PCV_HIST = '216^Pneumococcal conjugate PCV20^CVX'
MVX = {'SKB': 'SKB^GlaxoSmithKline^MVX', 'MSD': 'MSD^Merck and Co., Inc.^MVX', 'PFR': 'PFR^Pfizer, Inc^MVX',
       'PMC': 'PMC^Sanofi Pasteur^MVX'}
IM = 'C28161^Intramuscular^NCIT'
SC = 'C38299^Subcutaneous^NCIT'
PO = 'C38288^Oral^NCIT'
SITE = {'LT': 'LT^Left Thigh^HL70163', 'RT': 'RT^Right Thigh^HL70163', 'LA': 'LA^Left Arm^HL70163',
        'RA': 'RA^Right Arm^HL70163', 'LD': 'LD^Left Deltoid^HL70163'}
VIS = {
    'DTAP': '253088698300003511070517^Diphtheria/Tetanus/Pertussis (DTaP) VIS^cdcgs1vis',
    'HEPB': '253088698300006611150402^Hepatitis B VIS^cdcgs1vis',
    'POLIO': '253088698300017211160720^Polio VIS^cdcgs1vis',
    'HIB': '253088698300006611151027^Haemophilus Influenzae type b VIS^cdcgs1vis',
    'PCV': '253088698300015211150727^Pneumococcal Conjugate (PCV13) VIS^cdcgs1vis',
    'ROTA': '253088698300019611150415^Rotavirus VIS^cdcgs1vis',
    'MMR': '253088698300012811120420^Measles/Mumps/Rubella VIS^cdcgs1vis',
    'VAR': '253088698300024011080313^Varicella (Chickenpox) VIS^cdcgs1vis',
    'FLU': '253088698300031911150813^Influenza (Inactivated) VIS^cdcgs1vis',
}
V02 = 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064'
V01 = 'V01^Not VFC eligible^HL70064'
PUBLIC = 'VXC50^Public^CDCPHINVS'
PRIVATE = 'VXC51^Private^CDCPHINVS'


def orc(filler, enterer=RN_RG, orderer=DR_RG, extra=None):
    f = {1: 'RE', 3: filler, 10: enterer, 12: orderer}
    f.update(extra or {})
    return seg('ORC', f)


def rxa(t, cvx, amount='0.5', source='00^New immunization record^NIP001', admin=RN_RG, clinic='RG', lot='',
        exp='', mvx='', refusal='', status='CP', action='A', entered='', units='mL^mL^UCUM'):
    return seg('RXA', {1: '0', 2: '1', 3: t, 4: t, 5: cvx, 6: amount, 7: units if amount != '999' else '',
                       9: source, 10: admin if source.startswith('00') else '',
                       11: CLIN[clinic] if source.startswith('00') else '', 15: lot, 16: exp,
                       17: MVX.get(mvx, ''), 18: refusal, 20: status, 21: action, 22: entered})


def rxr(route, site=''):
    return seg('RXR', {1: route, 2: SITE.get(site, '')})


class Obx:
    """The OBX of one ORDER group, numbered 1.. within the message's dose as CDC IIS senders do."""

    def __init__(self, t):
        self.n, self.t = 0, t

    def __call__(self, vt, code, value, sub, extra=None):
        self.n += 1
        f = {1: str(self.n), 2: vt, 3: code, 4: str(sub), 5: value, 11: 'F', 14: self.t}
        f.update(extra or {})
        return seg('OBX', f)


def dose_obx(t, elig=V02, funding=PUBLIC, vis=(), vis_date='', old_vis=None):
    """VFC eligibility (64994-7 with the method VXC40), funding (30963-3), one VIS pair per vaccine (69764-9 GS1
    document + 29769-7 presented) or the older form (30956-7 vaccine type + 29768-9 published + 29769-7)."""
    o = Obx(t)
    segs = [o('CE', '64994-7^Vaccine funding program eligibility category^LN', elig, 1,
              {17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
            o('CE', '30963-3^Vaccine funding source^LN', funding, 2)]
    sub = 3
    for v in vis:
        segs += [o('CE', '69764-9^Document type^LN', VIS[v], sub),
                 o('TS', '29769-7^Date vaccine information statement presented^LN', vis_date, sub)]
        sub += 1
    if old_vis:
        code, published = old_vis
        segs += [o('CE', '30956-7^Vaccine type^LN', code, sub),
                 o('TS', '29768-9^Date vaccine information statement published^LN', published, sub),
                 o('TS', '29769-7^Date vaccine information statement presented^LN', vis_date, sub)]
    return segs


M = {}

# ============ P1 RIVERA SANTIAGO, Sofía Isabel (b. 8 Nov 2033): 4-month visit, history, lot corrected ============
NK1_P1_MOTHER = nk1(1, 'SANTIAGO VÉLEZ^MARÍA DE LOS ÁNGELES^^^^^L', MTH, P1['addr'], '^PRN^CP^^1^939^5527301')
M['01-adt-a04-rivera-registro'] = [
    msh('PEDIRED', '20340308081522-0400', 'RPYA710001', 'ADT^A04^ADT_A01'), evn('20340308081500'),
    pid(P1), pd1(t='20331115'), NK1_P1_MOTHER, pv1(extra={19: 'V71-0308-0117^^^RPY^VN', 44: '20340308081500'}),
]
T2 = '20340308093000'
M['02-vxu-rivera-4-meses-cuatro-dosis'] = [
    msh('PEDIRED', '20340308101244-0400', 'RPYV710002', 'VXU^V04^VXU_V04'), pid(P1), pd1(t='20331115'),
    NK1_P1_MOTHER,
    orc('RPY71-D000211^PEDIRED'),
    rxa('20340308092500', PEDIARIX, lot='7PX41K2', exp='20350531', mvx='SKB', entered=T2),
    rxr(IM, 'LT'), *dose_obx('20340308092500', vis=('DTAP', 'HEPB', 'POLIO'), vis_date='20340308'),
    orc('RPY71-D000212^PEDIRED'),
    rxa('20340308092700', HIB, lot='W71H338', exp='20341231', mvx='MSD', entered=T2),
    rxr(IM, 'RT'), *dose_obx('20340308092700', vis=('HIB',), vis_date='20340308'),
    orc('RPY71-D000213^PEDIRED'),
    rxa('20340308092800', PCV20, lot='HT7108', exp='20350228', mvx='PFR', entered=T2),
    rxr(IM, 'RT'), *dose_obx('20340308092800', vis=('PCV',), vis_date='20340308'),
    orc('RPY71-D000214^PEDIRED'),
    rxa('20340308093000', ROTA, amount='1.5', lot='AROR771B', exp='20341130', mvx='SKB', entered=T2),
    rxr(PO), *dose_obx('20340308093000', vis=('ROTA',), vis_date='20340308'),
]
M['03-vxu-rivera-historial-nacimiento-y-2-meses'] = [
    msh('PEDIRED', '20340308104007-0400', 'RPYV710003', 'VXU^V04^VXU_V04'), pid(P1), pd1(t='20331115'),
    orc('9999^CDC'),
    rxa('20331108', HEPB_PED, amount='999', source='01^Historical information - source unspecified^NIP001'),
    orc('RPY71-H000301^PEDIRED', extra={9: '20340308103800'}),
    rxa('20340110', PEDIARIX.split('^58160')[0], amount='999',
        source='02^Historical information - from other provider^NIP001'),
]
M['04-vxu-rivera-correccion-lote-pcv20'] = [
    msh('PEDIRED', '20340309140311-0400', 'RPYV710004', 'VXU^V04^VXU_V04'), pid(P1), pd1(t='20331115'),
    orc('RPY71-D000213^PEDIRED'),
    rxa('20340308092800', PCV20, lot='HT7180', exp='20350228', mvx='PFR', action='U', entered='20340309140000'),
    rxr(IM, 'RT'), *dose_obx('20340308092800', vis=('PCV',), vis_date='20340308'),
]
M['05-adt-a08-rivera-padre-y-telefono'] = [
    msh('PEDIRED', '20340312162005-0400', 'RPYA710005', 'ADT^A08^ADT_A01'), evn('20340312162000'),
    pid(P1, tel='^PRN^PH^^1^787^8874412~^PRN^CP^^1^939^5527301~^NET^Internet^maria.santiago71@correo.example'),
    pd1(t='20331115'), NK1_P1_MOTHER,
    nk1(2, 'RIVERA COLLAZO^HÉCTOR^LUIS^^^^L', FTH, P1['addr'], '^PRN^CP^^1^787^4419083'),
    pv1(extra={19: 'V71-0308-0117^^^RPY^VN'}),
]

# ============ P2 COLÓN MALDONADO, Mateo Andrés (b. 2 Mar 2033): 12 months, refusal, lead, reaction, moved ============
NK1_P2_MOTHER = nk1(1, 'MALDONADO RESTO^YARITZA^^^^^L', MTH, P2['addr'], P2['tel'])
M['06-adt-a04-colon-registro'] = [
    msh('PEDIRED', '20340306075818-0400', 'RPYA710006', 'ADT^A04^ADT_A01'), evn('20340306075800'),
    pid(P2), pd1(t='20330310'), NK1_P2_MOTHER,
    pv1(loc='RPYLQ^^^RPY^^^^^Red Pediátrica del Yunque - Luquillo', extra={19: 'V71-0306-0221^^^RPY^VN'}),
]
T7 = '20340306091500'
M['07-vxu-colon-12-meses-mmr-varicela-rechazo-influenza'] = [
    msh('PEDIRED', '20340306093112-0400', 'RPYV710007', 'VXU^V04^VXU_V04'), pid(P2), pd1(t='20330310'),
    NK1_P2_MOTHER,
    orc('RPY71-D000701^PEDIRED', enterer=RN_LQ),
    rxa('20340306085000', MMR, admin=RN_LQ, clinic='LQ', lot='Y71M224', exp='20350415', mvx='MSD', entered=T7),
    rxr(SC, 'LA'), *dose_obx('20340306085000', funding=PUBLIC, vis=('MMR',), vis_date='20340306'),
    orc('RPY71-D000702^PEDIRED', enterer=RN_LQ),
    rxa('20340306085200', VAR, admin=RN_LQ, clinic='LQ', lot='Y71V909', exp='20341020', mvx='MSD', entered=T7),
    rxr(SC, 'RA'), *dose_obx('20340306085200', funding=PRIVATE, vis=('VAR',), vis_date='20340306'),
    orc('9999^CDC', enterer=RN_LQ),
    rxa('20340306085500', FLU, amount='999', admin=RN_LQ, clinic='LQ',
        refusal='00^Parental decision^NIP002', status='RE', entered=T7),
]
M['08-oru-r01-colon-plomo-capilar'] = [
    msh('LABCARIBE', '20340307151044-0400', 'LCB710008', 'ORU^R01^ORU_R01'), pid(P2),
    pv1(loc='RPYLQ^^^RPY^^^^^Red Pediátrica del Yunque - Luquillo'),
    seg('ORC', {1: 'RE', 2: 'RPY71-L0801^PEDIRED', 3: 'LC71-30601^LABCARIBE', 5: 'CM', 12: DR_RG}),
    seg('OBR', {1: '1', 2: 'RPY71-L0801^PEDIRED', 3: 'LC71-30601^LABCARIBE',
                4: '10368-9^Lead [Mass/volume] in Capillary blood^LN', 7: '20340306090500', 16: DR_RG,
                22: '20340307150500', 24: 'CH', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '10368-9^Lead [Mass/volume] in Capillary blood^LN', 5: '5.1',
                6: 'ug/dL^ug/dL^UCUM', 7: '<3.5', 8: 'H', 11: 'F', 14: '20340306090500'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Valor capilar elevado: confirmar con muestra venosa según protocolo del '
                                  'Departamento de Salud.'}),
    seg('SPM', {1: '1', 4: 'BLDC^Blood capillary^HL70487', 17: '20340306090500'}),
]
M['09-vxu-colon-reaccion-mmr'] = [
    msh('PEDIRED', '20340312110233-0400', 'RPYV710009', 'VXU^V04^VXU_V04'), pid(P2), pd1(t='20330310'),
    orc('RPY71-D000701^PEDIRED', enterer=RN_LQ),
    rxa('20340306085000', MMR, admin=RN_LQ, clinic='LQ', lot='Y71M224', exp='20350415', mvx='MSD', action='U',
        entered='20340312110000'),
    rxr(SC, 'LA'), *dose_obx('20340306085000', funding=PUBLIC, vis=('MMR',), vis_date='20340306'),
    seg('OBX', {1: '5', 2: 'CE', 3: '31044-1^Reaction^LN', 4: '4', 5: 'VXC14^Rash within 14 days of dose^CDCPHINVS',
                11: 'F', 14: '20340311'}),
]
M['10-vxu-colon-hepatitis-a'] = [
    msh('PEDIRED', '20340313100518-0400', 'RPYV710010', 'VXU^V04^VXU_V04'), pid(P2), pd1(t='20330310'),
    orc('RPY71-D001001^PEDIRED', enterer=RN_LQ),
    rxa('20340313094500', HEPA, admin=RN_LQ, clinic='LQ', lot='AHAVB719', exp='20351031', mvx='SKB',
        entered='20340313100000'),
    rxr(IM, 'LT'), *dose_obx('20340313094500', vis_date='20340313', old_vis=('85^Hep A, unspecified formulation^CVX',
                                                                              '20200715')),
]

# ============ P3 ORTIZ NÚÑEZ (b. 10 Jan 2034): newborn, hearing, registry history, 2 months, named ============
NK1_P3_MOTHER = nk1(1, 'NÚÑEZ CARRASQUILLO^GLORIMAR^^^^^L', MTH, P3['addr'], P3['tel'])
M['11-adt-a04-ortiz-recien-nacida'] = [
    msh('PEDIRED', '20340115090216-0400', 'RPYA710011', 'ADT^A04^ADT_A01'), evn('20340115090000'),
    pid(P3), pd1(t='20340115'), NK1_P3_MOTHER,
    pv1(loc='RPYFJ^^^RPY^^^^^Red Pediátrica del Yunque - Fajardo', attending=DR_FJ,
        extra={19: 'V71-0115-0304^^^RPY^VN'}),
]
HEAR = 'HSP71-A0112^HSPFAJ'
M['12-oru-r01-ortiz-cernimiento-auditivo'] = [
    msh('HSPFAJ', '20340115143108-0400', 'HSP710012', 'ORU^R01^ORU_R01'), pid(P3),
    seg('ORC', {1: 'RE', 3: HEAR, 5: 'CM', 12: DR_FJ}),
    seg('OBR', {1: '1', 3: HEAR, 4: '54111-9^Newborn hearing screening panel^LN', 7: '20340111061500', 16: DR_FJ,
                22: '20340115143000', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '54109-3^Newborn hearing screen of Left ear^LN', 5: 'LA10392-1^Pass^LN',
                11: 'F', 14: '20340111061500', 17: 'OAE^Otoacoustic emissions^L'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '54108-5^Newborn hearing screen of Right ear^LN', 5: 'LA10393-9^Refer^LN',
                8: 'A', 11: 'F', 14: '20340111061500', 17: 'OAE^Otoacoustic emissions^L'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Oído derecho no pasa (refiere): repetir cernimiento antes de 1 mes de edad.'}),
]
M['13-vxu-sirpr-ortiz-hepatitis-b-hospital'] = [
    msh('SIRPR', '20340116020133-0400', 'SIR710013', 'VXU^V04^VXU_V04'), pid(P3, ids='sr+mr'), pd1(t='20340115'),
    orc('SIR71-000900133^SIRPR', enterer='', orderer=''),
    rxa('20340110', HEPB_PED, amount='999', source='02^Historical information - from other provider^NIP001'),
]
T14 = '20340310094000'
M['14-vxu-ortiz-2-meses-rotavirus-contraindicado'] = [
    msh('PEDIRED', '20340310100109-0400', 'RPYV710014', 'VXU^V04^VXU_V04'), pid(P3), pd1(t='20340115'),
    NK1_P3_MOTHER,
    orc('RPY71-D001401^PEDIRED', enterer=RN_FJ, orderer=DR_FJ),
    rxa('20340310092000', PEDIARIX, admin=RN_FJ, clinic='FJ', lot='7PX41K2', exp='20350531', mvx='SKB', entered=T14),
    rxr(IM, 'LT'), *dose_obx('20340310092000', vis=('DTAP', 'HEPB', 'POLIO'), vis_date='20340310'),
    orc('RPY71-D001402^PEDIRED', enterer=RN_FJ, orderer=DR_FJ),
    rxa('20340310092200', PCV20, admin=RN_FJ, clinic='FJ', lot='HT7122', exp='20350228', mvx='PFR', entered=T14),
    rxr(IM, 'RT'), *dose_obx('20340310092200', funding=PRIVATE, elig=V01, vis=('PCV',), vis_date='20340310'),
    orc('9999^CDC', enterer=RN_FJ, orderer=DR_FJ),
    rxa('20340310092400', ROTA, amount='999', admin=RN_FJ, clinic='FJ', status='NA', entered=T14),
    seg('OBX', {1: '1', 2: 'CE', 3: '30945-0^Vaccination contraindication^LN', 4: '1',
                5: '31323000^Severe combined immunodeficiency disease^SCT', 11: 'F', 14: '20340310092400'}),
]
M['15-adt-a08-ortiz-nombre-valentina'] = [
    msh('PEDIRED', '20340310111540-0400', 'RPYA710015', 'ADT^A08^ADT_A01'), evn('20340310111500'),
    pid(P3, name='ORTIZ NÚÑEZ^VALENTINA^^^^^L'), pd1(t='20340115'), NK1_P3_MOTHER,
    pv1(loc='RPYFJ^^^RPY^^^^^Red Pediátrica del Yunque - Fajardo', attending=DR_FJ,
        extra={19: 'V71-0310-0309^^^RPY^VN'}),
]

# ============ P4 FIGUEROA DE JESÚS, Gael Ignacio (b. 20 Feb 2032): guardian grandmother, history, error deleted ====
NK1_P4 = [nk1(1, 'DE JESÚS CINTRÓN^CARMEN^MILAGROS^^^^L', GRD, P4['addr'], P4['tel'],
              {7: 'LG^Legal Guardian^HL70131'}),
          nk1(2, 'DE JESÚS ROSA^ZULMA^^^^^L', MTH, 'Apt 3B 1820 Grand Concourse^^Bronx^NY^10457^USA^L',
              '^PRN^CP^^1^347^5520918')]
M['16-adt-a31-sirpr-figueroa-tutora'] = [
    msh('SIRPR', '20340312021509-0400', 'SIR710016', 'ADT^A31^ADT_A05'), evn('20340312021500'),
    pid(P4, ids='sr+mr'), pd1(t='20320301'), *NK1_P4, seg('PV1', {1: '1', 2: 'N'}),
]
M['17-vxu-sirpr-figueroa-historial-consolidado'] = [
    msh('SIRPR', '20340312021844-0400', 'SIR710017', 'VXU^V04^VXU_V04'), pid(P4, ids='sr+pi'), pd1(t='20320301'),
    *NK1_P4,
    orc('SIR71-000417701^SIRPR', enterer='', orderer=''),
    rxa('20320422', DTAP_HIST, amount='999', source='02^Historical information - from other provider^NIP001'),
    orc('SIR71-000417702^SIRPR', enterer='', orderer=''),
    rxa('20320422', HIB_HIST, amount='999', source='02^Historical information - from other provider^NIP001'),
    orc('SIR71-000417703^SIRPR', enterer='', orderer=''),
    rxa('20320422', PCV_HIST, amount='999', source='07^Historical information - from school record^NIP001'),
]
T18 = '20340313110000'
M['18-vxu-figueroa-dtap-hepa-influenza'] = [
    msh('PEDIRED', '20340313111507-0400', 'RPYV710018', 'VXU^V04^VXU_V04'), pid(P4), pd1(t='20320301'), *NK1_P4,
    orc('RPY71-D001801^PEDIRED'),
    rxa('20340313103000', DTAP, lot='A71D3F9', exp='20350930', mvx='SKB', entered=T18),
    rxr(IM, 'LD'), *dose_obx('20340313103000', vis=('DTAP',), vis_date='20340313'),
    orc('RPY71-D001802^PEDIRED'),
    rxa('20340313103200', HEPA, lot='AHAVB719', exp='20351031', mvx='SKB', entered=T18),
    rxr(IM, 'RA'), *dose_obx('20340313103200', vis_date='20340313',
                             old_vis=('85^Hep A, unspecified formulation^CVX', '20200715')),
    orc('RPY71-D001803^PEDIRED'),
    rxa('20340313103400', FLU, lot='UT7156AA', exp='20340630', mvx='PMC', entered=T18),
    rxr(IM, 'LA'), *dose_obx('20340313103400', vis=('FLU',), vis_date='20340313'),
]
M['19-vxu-figueroa-borra-influenza-en-error'] = [
    msh('PEDIRED', '20340313163022-0400', 'RPYV710019', 'VXU^V04^VXU_V04'), pid(P4), pd1(t='20320301'),
    orc('RPY71-D001803^PEDIRED'),
    rxa('20340313103400', FLU, lot='UT7156AA', exp='20340630', mvx='PMC', action='D', entered='20340313162900'),
    rxr(IM, 'LA'),
]
M['20-oru-r01-figueroa-plomo-venoso'] = [
    msh('LABCARIBE', '20340314133557-0400', 'LCB710020', 'ORU^R01^ORU_R01'), pid(P4), pv1(),
    seg('ORC', {1: 'RE', 2: 'RPY71-L2001^PEDIRED', 3: 'LC71-31302^LABCARIBE', 5: 'CM', 12: DR_RG}),
    seg('OBR', {1: '1', 2: 'RPY71-L2001^PEDIRED', 3: 'LC71-31302^LABCARIBE',
                4: '77307-7^Lead [Mass/volume] in Venous blood^LN', 7: '20340313104500', 16: DR_RG,
                22: '20340314133000', 24: 'CH', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'SN', 3: '77307-7^Lead [Mass/volume] in Venous blood^LN', 5: '<^2.0',
                6: 'ug/dL^ug/dL^UCUM', 7: '<3.5', 8: 'N', 11: 'F', 14: '20340313104500'}),
    seg('SPM', {1: '1', 4: 'BLDV^Blood venous^HL70487', 17: '20340313104500'}),
]
M['21-adt-a08-figueroa-proteccion'] = [
    msh('PEDIRED', '20340314170149-0400', 'RPYA710021', 'ADT^A08^ADT_A01'), evn('20340314170100'),
    pid(P4), pd1(protect='Y', t='20340314'), *NK1_P4, pv1(extra={19: 'V71-0313-0412^^^RPY^VN'}),
]

# ============ later visits (Colón at the Fajardo clinic; the registry's A31 for Rivera; Colón moves) ============
T22 = '20340315101500'
M['22-vxu-colon-influenza-y-hib-fajardo'] = [
    msh('PEDIRED', '20340315103009-0400', 'RPYV710022', 'VXU^V04^VXU_V04'), pid(P2), pd1(t='20330310'),
    NK1_P2_MOTHER,
    orc('RPY71-D002201^PEDIRED', enterer=RN_FJ, orderer=DR_FJ),
    rxa('20340315100000', FLU, admin=RN_FJ, clinic='FJ', lot='UT7156AA', exp='20340630', mvx='PMC', entered=T22),
    rxr(IM, 'LT'), *dose_obx('20340315100000', vis=('FLU',), vis_date='20340315'),
    orc('RPY71-D002202^PEDIRED', enterer=RN_FJ, orderer=DR_FJ),
    rxa('20340315100300', HIB, admin=RN_FJ, clinic='FJ', lot='W71H338', exp='20341231', mvx='MSD', entered=T22),
    rxr(IM, 'RT'), *dose_obx('20340315100300', elig=V01, funding=PRIVATE, vis=('HIB',), vis_date='20340315'),
]
M['23-adt-a31-sirpr-rivera-registro'] = [
    msh('SIRPR', '20340316021210-0400', 'SIR710023', 'ADT^A31^ADT_A05'), evn('20340316021200'),
    pid(P1, ids='sr+mr'), pd1(t='20331115'), NK1_P1_MOTHER,
    nk1(2, 'RIVERA COLLAZO^HÉCTOR^LUIS^^^^L', FTH, P1['addr'], '^PRN^CP^^1^787^4419083'),
    seg('PV1', {1: '1', 2: 'N'}),
]
FL_ADDR = '4127 Palmetto Breeze Dr^^Kissimmee^FL^34746^USA^L^^12097'
M['24-adt-a08-colon-mudanza-florida'] = [
    msh('PEDIRED', '20340320143318-0400', 'RPYA710024', 'ADT^A08^ADT_A01'), evn('20340320143300'),
    pid(P2, addr=FL_ADDR, tel='^PRN^CP^^1^787^6631958'), pd1(status='M', t='20340320'),
    nk1(1, 'MALDONADO RESTO^YARITZA^^^^^L', MTH, FL_ADDR, P2['tel']),
    pv1(loc='RPYLQ^^^RPY^^^^^Red Pediátrica del Yunque - Luquillo', extra={19: 'V71-0320-0225^^^RPY^VN'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages written to', OUT)
