#!/usr/bin/env python3
r"""Review 33's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of a children's hospital and its outpatient network in Central time (Lakeshore Prairie Children's
Hospital, LPCH, Chicago, with the Prairie Sprouts pediatric clinics; America/Chicago, January-February 2027 is
CST -0600) on a mixed feed:
- the hospital's Meditech-like registration system ("LakeMed", LAKEMED): ADT 2.4 with PID-3 MR + PID-18 account,
  newborn A01s with the mother's MRN in PID-21, twins (PID-24 Y, PID-25 1/2), NK1 mother and father, A08 name
  change from "BABYGIRL A" to the given name, a duplicate newborn record registered by the NICU and its A40 merge,
  A03 discharges, an ED A04/A03;
- the Epic-like clinical system ("Hearthstone", HEARTH): pediatric weight-based pharmacy RDE^O11 2.5.1 (RXE-3 in
  mg/kg, RXE-5 mg/kg, weight and length OBX in the order group, ORC-1 XO dose change with ORC-16), an eMAR RAS^O17
  2.5.1 with two administrations under one order, an OML^O21 2.5.1 lab order, the lab's ORU^R01 2.5.1 with critical
  values (OBX-8 HH/LL) and an NTE recording the call to the provider, an SIU^S12 / S13 clinic appointment, an
  MDM^T02 ED discharge summary as a base64 PDF (ED) and an MDM^T06 addendum;
- the state newborn-screening lab (ILNBS): ORU^R01 2.5.1 with many OBRs under one ORC, and one repeat specimen
  (SPM-3 parent specimen);
- the hospital's immunization interface to the state registry: VXU^V04 2.5.1, hepatitis B birth doses and a later dose.
Patients and numbers (LP33..., 33...) none of reviews 16-32's. Fields placed by number. All persons, numbers and
addresses are invented. Writes docs/review33/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review33/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review33/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, extra=None):
    f = {3: app, 4: 'LPCH', 5: 'LPCH-ENGINE', 6: 'LPCH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
NEO = f'1933010017^VASQUEZ-HALLORAN^BEATRIZ^M^^^MD^^{NPI}^L^^^NPI'
PED = f'1933010025^OYELARAN-BRANDT^TOBIAS^^^^MD^^{NPI}^L^^^NPI'
EDM = f'1933010033^KOWALCZYK-MBEKI^RENATA^^^^MD^^{NPI}^L^^^NPI'
RN = 'LPN4471^DUBOIS-ACHEAMPONG^MAISIE^^^^RN^^LPCH'
L = 'LPCH'
M = {}

# ---- the twins of NADIA LINDQVIST-OKAFOR (mother LP3300088), born 2027-01-04 ----
MOM = '3320 N KEDZIE AVE APT 2^^CHICAGO^IL^60618^USA^H'
NK1M = seg('NK1', {1: '1', 2: 'LINDQVIST-OKAFOR^NADIA^^^^^L', 3: 'MTH^Mother^HL70063', 4: MOM,
                   5: '^PRN^PH^^1^773^5550188', 7: 'C^Emergency Contact^HL70131', 33: f'LP3300088^^^{L}^MR'})
NK1F = seg('NK1', {1: '2', 2: 'OKAFOR^CHINEDU^^^^^L', 3: 'FTH^Father^HL70063', 4: MOM,
                   5: '^PRN^CP^^1^773^5550191'})


def baby(mr, acct, name, order, extra=None):
    f = {1: '1', 3: f'{mr}^^^{L}^MR', 5: name, 6: 'LINDQVIST^NADIA', 7: '202701040' + ('612' if order == 1 else '619'),
         8: 'F', 11: MOM, 13: '^PRN^PH^^1^773^5550188', 18: f'{acct}^^^{L}^AN', 21: f'LP3300088^^^{L}^MR',
         24: 'Y', 25: str(order)}
    f.update(extra or {})
    return seg('PID', f)


def nursery(visit, bed, unit='NBN', extra=None):
    f = {1: '1', 2: 'I', 3: f'{unit}^{bed}^1^{L}', 4: 'N^Newborn^HL70007', 7: NEO, 10: 'NBN', 19: f'{visit}^^^{L}^VN',
         44: '202701040612-0600' if visit.endswith('1') else '202701040619-0600'}
    f.update(extra or {})
    return seg('PV1', f)


TWA = dict(mr='LP3300101', acct='AC3300101')
TWB = dict(mr='LP3300102', acct='AC3300102')
M['01-adt-a01-newborn-twin-a'] = [
    msh('LAKEMED', '202701040631-0600', 'LM33000001', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '202701040631-0600'}),
    baby(**TWA, name='LINDQVIST-OKAFOR^BABYGIRL A^^^^^L', order=1),
    NK1M, NK1F,
    nursery('NV3300101', 'B12'),
]
M['02-adt-a01-newborn-twin-b'] = [
    msh('LAKEMED', '202701040638-0600', 'LM33000002', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '202701040638-0600'}),
    baby(**TWB, name='LINDQVIST-OKAFOR^BABYGIRL B^^^^^L', order=2),
    NK1M, NK1F,
    nursery('NV3300102', 'N04', unit='NICU', extra={4: 'N^Newborn^HL70007'}),
]
# the NICU's transport nurse registers twin A a second time (new MR, new visit) when she goes to the NICU for
# observation; HIM merges the duplicate into LP3300101 next morning (#05)
M['03-adt-a01-newborn-duplicate'] = [
    msh('LAKEMED', '202701041410-0600', 'LM33000003', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '202701041410-0600'}),
    baby(mr='LP3300109', acct='AC3300109', name='LINDQVIST-OKAFOR^BABYGIRL A^^^^^L', order=1),
    NK1M,
    seg('PV1', {1: '1', 2: 'I', 3: f'NICU^N07^1^{L}', 4: 'N^Newborn^HL70007', 7: NEO, 10: 'NIC',
                19: f'NV3300109^^^{L}^VN', 44: '202701041405-0600'}),
]
# the parents name twin A: BABYGIRL A -> AMARA (A08)
M['04-adt-a08-name-twin-a'] = [
    msh('LAKEMED', '202701050915-0600', 'LM33000004', 'ADT^A08', '2.4'),
    seg('EVN', {1: 'A08', 2: '202701050915-0600'}),
    baby(**TWA, name='LINDQVIST-OKAFOR^AMARA^IFEOMA^^^^L', order=1),
    NK1M, NK1F,
    nursery('NV3300101', 'B12'),
]
M['05-adt-a40-merge-duplicate-newborn'] = [
    msh('LAKEMED', '202701051002-0600', 'LM33000005', 'ADT^A40', '2.4'),
    seg('EVN', {1: 'A40', 2: '202701051002-0600', 5: 'HIM07^STRAND-OWUSU^PETRA^^^^^^LPCH'}),
    baby(**TWA, name='LINDQVIST-OKAFOR^AMARA^IFEOMA^^^^L', order=1),
    seg('MRG', {1: f'LP3300109^^^{L}^MR', 3: f'AC3300109^^^{L}^AN', 7: 'LINDQVIST-OKAFOR^BABYGIRL A^^^^^L'}),
]
# the parents name twin B the same afternoon, before the NICU's orders (A08)
M['06-adt-a08-name-twin-b'] = [
    msh('LAKEMED', '202701041705-0600', 'LM33000006', 'ADT^A08', '2.4'),
    seg('EVN', {1: 'A08', 2: '202701041705-0600'}),
    baby(**TWB, name='LINDQVIST-OKAFOR^ELSA^CHIOMA^^^^L', order=2),
    NK1M, NK1F,
    nursery('NV3300102', 'N04', unit='NICU'),
]

# ---- twin B in the NICU: weight-based antibiotics (Hearthstone RDE 2.5.1) ----
PIDB = {1: '1', 3: f'LP3300102^^^{L}^MR', 5: 'LINDQVIST-OKAFOR^ELSA^CHIOMA^^^^L', 7: '202701040619', 8: 'F',
        11: MOM, 21: f'LP3300088^^^{L}^MR', 24: 'Y', 25: '2'}
PV1B = {1: '1', 2: 'I', 3: f'NICU^N04^1^{L}', 7: NEO, 10: 'NIC', 19: f'NV3300102^^^{L}^VN'}
AMP = '1721474^ampicillin 500 MG Injection^RXNORM'
GEN = '1665088^gentamicin 10 MG/ML Injectable Solution^RXNORM'
WT = seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '2.14', 6: 'kg^kilogram^UCUM', 11: 'F',
                 14: '202701041830-0600'})
HT = seg('OBX', {1: '2', 2: 'NM', 3: '8302-2^Body height^LN', 5: '45.5', 6: 'cm^centimeter^UCUM', 11: 'F',
                 14: '202701041830-0600'})
ORC_AMP = {2: 'HE-RX-3307^HEARTH', 3: 'HP-3307^HEARTHRX'}
ORC_GEN = {2: 'HE-RX-3308^HEARTH', 3: 'HP-3308^HEARTHRX'}


def rde(ctl, t, orc, rxe, tq1, extra_obx=True):
    return [
        msh('HEARTH', t, ctl, 'RDE^O11^RDE_O11', '2.5.1'),
        seg('PID', PIDB),
        seg('PV1', PV1B),
        seg('ORC', orc),
        rxe,
        tq1,
        seg('RXR', {1: 'IV^Intravenous^HL70162'}),
        *([WT, HT] if extra_obx else []),
    ]


# ampicillin 50 mg/kg (107 mg) IV q8h; RXE-3 50 mg/kg per dose, RXE-5 mg/kg (Epic-like weight-based order)
M['07-rde-o11-ampicillin-mgkg'] = rde(
    'HE33000007', '202701041842-0600',
    {1: 'NW', **ORC_AMP, 9: '202701041840-0600', 12: NEO},
    seg('RXE', {1: '^Q8H^^202701041900-0600', 2: AMP, 3: '50', 5: 'mg/kg^milligram per kilogram^UCUM',
                10: '107', 11: 'mg^milligram^UCUM', 15: 'HP-3307',
                21: '^Dose 107 mg = 50 mg/kg x 2.14 kg'}),
    seg('TQ1', {1: '1', 3: 'Q8H^Every 8 hours^HL70335', 7: '202701041900-0600', 9: 'R^Routine^HL70485'}))
M['08-rde-o11-gentamicin-mgkg'] = rde(
    'HE33000008', '202701041846-0600',
    {1: 'NW', **ORC_GEN, 9: '202701041844-0600', 12: NEO},
    seg('RXE', {2: GEN, 3: '4', 5: 'mg/kg^milligram per kilogram^UCUM', 10: '8.6', 11: 'mg^milligram^UCUM',
                15: 'HP-3308'}),
    seg('TQ1', {1: '1', 3: 'Q24H^Every 24 hours^HL70335', 7: '202701041930-0600', 9: 'R^Routine^HL70485'}))
# trough high: dose change 4 -> 3.5 mg/kg and interval to q36h (XO, ORC-16)
M['09-rde-o11-gentamicin-xo'] = rde(
    'HE33000009', '202701061015-0600',
    {1: 'XO', **ORC_GEN, 5: 'IP', 9: '202701061012-0600', 12: NEO,
     16: 'TRGH^Trough 2.4 mcg/mL - dose reduced, interval extended^L'},
    seg('RXE', {2: GEN, 3: '3.5', 5: 'mg/kg^milligram per kilogram^UCUM', 10: '7.5', 11: 'mg^milligram^UCUM',
                15: 'HP-3308'}),
    seg('TQ1', {1: '1', 3: 'Q36H^Every 36 hours^HL70335', 7: '202701070730-0600', 9: 'R^Routine^HL70485'}))
# the eMAR: the first two ampicillin doses (19:00 and 03:00), one RAS, one ORC, two RXA
M['10-ras-o17-ampicillin-two-doses'] = [
    msh('HEARTH', '202701050312-0600', 'HE33000010', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', PIDB),
    seg('PV1', PV1B),
    seg('ORC', {1: 'RE', **ORC_AMP, 12: NEO}),
    seg('RXE', {2: AMP, 3: '50', 5: 'mg/kg^milligram per kilogram^UCUM', 10: '107', 11: 'mg^milligram^UCUM'}),
    seg('RXA', {1: '0', 2: '1', 3: '202701041905-0600', 4: '202701041905-0600', 5: AMP, 6: '107',
                7: 'mg^milligram^UCUM', 10: RN, 20: 'CP^Complete^HL70322', 22: '202701041908-0600'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    seg('RXA', {1: '0', 2: '2', 3: '202701050302-0600', 4: '202701050302-0600', 5: AMP, 6: '107',
                7: 'mg^milligram^UCUM', 10: RN, 20: 'CP^Complete^HL70322', 22: '202701050310-0600'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]

# ---- twin B: bilirubin + glucose order, critical results called ----
M['11-oml-o21-bili-glucose'] = [
    msh('HEARTH', '202701050545-0600', 'HE33000011', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', PIDB),
    seg('PV1', PV1B),
    seg('ORC', {1: 'NW', 2: 'HE-LB-3311^HEARTH', 9: '202701050543-0600', 12: NEO}),
    seg('OBR', {1: '1', 2: 'HE-LB-3311^HEARTH', 4: '42719-5^Bilirubin total [Mass/volume] in Blood^LN', 16: NEO,
                27: '^^^202701050600-0600^^S'}),
    seg('ORC', {1: 'NW', 2: 'HE-LB-3312^HEARTH', 9: '202701050543-0600', 12: NEO}),
    seg('OBR', {1: '2', 2: 'HE-LB-3312^HEARTH', 4: '2339-0^Glucose [Mass/volume] in Blood^LN', 16: NEO,
                27: '^^^202701050600-0600^^S'}),
]


def lab_obr(n, placer, filler, code):
    return seg('OBR', {1: str(n), 2: f'{placer}^HEARTH', 3: f'{filler}^LPCHLAB', 4: code, 7: '202701050604-0600',
                       16: NEO, 22: '202701050652-0600', 25: 'F'})


M['12-oru-r01-critical-values'] = [
    msh('HEARTH', '202701050655-0600', 'HE33000012', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', PIDB),
    seg('PV1', PV1B),
    seg('ORC', {1: 'RE', 2: 'HE-LB-3311^HEARTH', 3: 'LB-3311F^LPCHLAB', 5: 'CM', 12: NEO}),
    lab_obr(1, 'HE-LB-3311', 'LB-3311F', '42719-5^Bilirubin total [Mass/volume] in Blood^LN'),
    seg('OBX', {1: '1', 2: 'NM', 3: '42719-5^Bilirubin total [Mass/volume] in Blood^LN', 5: '19.8',
                6: 'mg/dL^milligram per deciliter^UCUM', 7: '<15.0', 8: 'HH^Critical high^HL70078', 11: 'F',
                14: '202701050604-0600'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'CRITICAL VALUE called to and read back by Dr. Vasquez-Halloran at 06:50 on 01/05/2027 by M. Dubois-Acheampong, RN.'}),
    seg('ORC', {1: 'RE', 2: 'HE-LB-3312^HEARTH', 3: 'LB-3312F^LPCHLAB', 5: 'CM', 12: NEO}),
    lab_obr(2, 'HE-LB-3312', 'LB-3312F', '2339-0^Glucose [Mass/volume] in Blood^LN'),
    seg('OBX', {1: '1', 2: 'NM', 3: '2339-0^Glucose [Mass/volume] in Blood^LN', 5: '28',
                6: 'mg/dL^milligram per deciliter^UCUM', 7: '45-99', 8: 'LL^Critical low^HL70078', 11: 'F',
                14: '202701050604-0600'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'CRITICAL VALUE called to and read back by Dr. Vasquez-Halloran at 06:51 on 01/05/2027; call-back 773-555-0142.'}),
]

# ---- twin A: the state newborn screen, one ORC, five OBRs, one repeat specimen ----
PIDA = {1: '1', 3: f'LP3300101^^^{L}^MR', 5: 'LINDQVIST-OKAFOR^AMARA^IFEOMA^^^^L', 7: '202701040612', 8: 'F',
        11: MOM, 21: f'LP3300088^^^{L}^MR', 24: 'Y', 25: '1'}
PV1A = {1: '1', 2: 'I', 3: f'NBN^B12^1^{L}', 7: NEO, 10: 'NBN', 19: f'NV3300101^^^{L}^VN'}
NBS = 'ILNBS^2.16.840.1.113883.3.3301.5^ISO'


def nbs_obr(n, code, spec_t):
    return seg('OBR', {1: str(n), 2: 'HE-NB-3313^HEARTH', 3: f'NB27-003313^{NBS}', 4: code, 7: spec_t,
                       16: PED, 22: '202701111420-0600', 25: 'F'})


def nbs_obx(n, code, vt, val, units='', ref='', flag='N^Normal^HL70078'):
    return seg('OBX', {1: str(n), 2: vt, 3: code, 5: val, 6: units, 7: ref, 8: flag, 11: 'F', 14: '202701051000-0600'})


SPM1 = seg('SPM', {1: '1', 2: f'^NB27-003313-1&ILNBS', 4: '440500007^Dried blood spot specimen^SCT',
                   17: '202701051000-0600', 18: '202701061115-0600'})
# the first card's thyroid result was unsatisfactory (incomplete saturation): a repeat card drawn 01/08
SPM2 = seg('SPM', {1: '1', 2: f'^NB27-003313-2&ILNBS', 3: f'^NB27-003313-1&ILNBS',
                   4: '440500007^Dried blood spot specimen^SCT', 17: '202701080900-0600', 18: '202701091030-0600'})
M['13-oru-r01-newborn-screen'] = [
    msh('ILNBS', '202701111425-0600', 'NB33000013', 'ORU^R01^ORU_R01', '2.5.1', {4: NBS}),
    seg('PID', PIDA),
    seg('PV1', PV1A),
    seg('ORC', {1: 'RE', 2: 'HE-NB-3313^HEARTH', 3: f'NB27-003313^{NBS}', 5: 'CM', 12: PED}),
    nbs_obr(1, '54089-8^Newborn screening panel^LN', '202701051000-0600'),
    nbs_obx(1, '57718-9^Sample quality of Dried blood spot^LN', 'CWE', 'LA12432-3^Acceptable^LN', flag=''),
    nbs_obx(2, '57131-5^Newborn conditions with positive markers^LN', 'CWE', 'LA137-2^None^LN', flag=''),
    SPM1,
    nbs_obr(2, '53261-4^Amino acid newborn screen panel^LN', '202701051000-0600'),
    nbs_obx(1, '29573-3^Phenylalanine [Moles/volume] in DBS^LN', 'NM', '62', 'umol/L^micromole per liter^UCUM', '<120'),
    nbs_obx(2, '35572-7^Leucine+Isoleucine+Hydroxyproline [Moles/volume] in DBS^LN', 'NM', '141', 'umol/L^micromole per liter^UCUM', '<300'),
    SPM1,
    nbs_obr(3, '53262-2^Acylcarnitine newborn screen panel^LN', '202701051000-0600'),
    nbs_obx(1, '38481-8^Octanoylcarnitine (C8) [Moles/volume] in DBS^LN', 'NM', '0.08', 'umol/L^micromole per liter^UCUM', '<0.20'),
    SPM1,
    nbs_obr(4, '54090-6^Thyroid newborn screen panel^LN', '202701080900-0600'),
    nbs_obx(1, '29575-8^Thyrotropin [Units/volume] in DBS^LN', 'NM', '11.2', 'm[IU]/L^milli-international unit per liter^UCUM', '<25'),
    seg('NTE', {1: '1', 2: 'L', 3: 'First card unsatisfactory for TSH (incomplete saturation); result from repeat specimen NB27-003313-2.'}),
    SPM2,
    nbs_obr(5, '54104-5^Newborn hemoglobinopathy screen panel^LN', '202701051000-0600'),
    nbs_obx(1, '57703-1^Hemoglobin pattern [Interpretation] in DBS^LN', 'CWE', 'LA12453-9^FA (normal newborn)^LN', flag=''),
    SPM1,
]

# ---- hepatitis B: birth doses (VXU from the nursery, batched to the IIS the next day), later dose at the clinic ----
HEPB = '08^Hep B, adolescent or pediatric^CVX'


def vxu(ctl, t, pid, pv1, order, rxa_t, lot, dose_no, ordering, admin, fac):
    return [
        msh('HEARTH', t, ctl, 'VXU^V04^VXU_V04', '2.5.1', {5: 'ILIIS', 6: 'ILIIS', 21: 'Z22^CDCPHINVS'}),
        seg('PID', pid),
        seg('PD1', {12: 'N', 16: 'A'}),
        seg('NK1', {1: '1', 2: 'LINDQVIST-OKAFOR^NADIA^^^^^L', 3: 'MTH^Mother^HL70063'}),
        seg('PV1', pv1),
        seg('ORC', {1: 'RE', 2: f'{order}^HEARTH', 3: f'{order}-F^HEARTH', 12: ordering}),
        seg('RXA', {1: '0', 2: dose_no, 3: rxa_t, 5: HEPB, 6: '0.5', 7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001',
                    10: admin, 11: f'^^^{fac}', 15: lot, 16: '20280331', 17: 'MSD^Merck and Co^MVX', 20: 'CP', 21: 'A'}),
        seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right Thigh^HL70163'}),
        seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                    5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064', 11: 'F', 14: rxa_t[:8],
                    17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    ]


M['14-vxu-v04-hepb-birth-twin-a'] = vxu('HE33000014', '202701051300-0600', PIDA, {**PV1A}, 'HE-IZ-3314',
                                        '202701041045-0600', 'HB33A17', '1', NEO, RN, 'LPCH-NBN')
M['15-vxu-v04-hepb-birth-twin-b'] = vxu('HE33000015', '202701051305-0600', PIDB, {**PV1B}, 'HE-IZ-3315',
                                        '202701041210-0600', 'HB33A17', '1', NEO, RN, 'LPCH-NICU')

# ---- twin A discharged home (LakeMed A03), then the Prairie Sprouts clinic ----
M['16-adt-a03-discharge-twin-a'] = [
    msh('LAKEMED', '202701061340-0600', 'LM33000016', 'ADT^A03', '2.4'),
    seg('EVN', {1: 'A03', 2: '202701061340-0600'}),
    baby(**TWA, name='LINDQVIST-OKAFOR^AMARA^IFEOMA^^^^L', order=1),
    NK1M, NK1F,
    nursery('NV3300101', 'B12', extra={36: '01^Discharged to home or self care^HL70112', 45: '202701061330-0600'}),
]
PIDAO = {**PIDA}
CLINIC = 'PSPC^Prairie Sprouts Pediatrics - Logan Square^L'
AIP = f'1^^^{PED}^^ATND^Attending^HL70443'


def siu(ctl, t, event, start, end, reason=None):
    sch = {1: 'HE-AP-3317^HEARTH', 2: 'PS-3317^PSCHED', 6: 'ROUTINE^Routine^HL70276',
           7: 'NBFU^Newborn follow-up / weight check^L', 8: 'FOLLOWUP^A follow up visit^HL70277', 9: '20', 10: 'min',
           11: f'^^20^{start}^{end}', 16: PED, 20: PED, 25: 'Booked^Booked^HL70278'}
    if reason:
        sch[6] = reason
    return [
        msh('HEARTH', t, ctl, f'SIU^{event}^SIU_S12', '2.5.1'),
        seg('SCH', sch),
        seg('PID', PIDAO),
        seg('RGS', {1: '1', 2: 'A' if event == 'S12' else 'U'}),
        seg('AIS', {1: '1', 2: 'A' if event == 'S12' else 'U', 3: '99391^Preventive visit, infant^CPT', 4: start, 7: '20', 8: 'min'}),
        seg('AIL', {1: '1', 2: 'A' if event == 'S12' else 'U', 3: f'PSLS^EX4^^{CLINIC.split("^")[0]}', 6: start}),
        seg('AIP', {1: '1', 2: 'A' if event == 'S12' else 'U', 3: PED, 4: 'ATND^Attending^HL70443', 6: start}),
    ]


M['17-siu-s12-newborn-follow-up'] = siu('HE33000017', '202701061405-0600', 'S12',
                                        '202701081030-0600', '202701081050-0600')
# snow emergency: the parents move the visit to the next morning (S13 reschedule, SCH-6 reason)
M['18-siu-s13-reschedule'] = siu('HE33000018', '202701071615-0600', 'S13',
                                 '202701090915-0600', '202701090935-0600', 'PATREQ^Patient request - weather^L')
# twin B leaves the NICU on 01/09
M['19-adt-a03-discharge-twin-b'] = [
    msh('LAKEMED', '202701091125-0600', 'LM33000019', 'ADT^A03', '2.4'),
    seg('EVN', {1: 'A03', 2: '202701091125-0600'}),
    baby(**TWB, name='LINDQVIST-OKAFOR^ELSA^CHIOMA^^^^L', order=2),
    NK1M, NK1F,
    nursery('NV3300102', 'N04', unit='NICU', extra={36: '01^Discharged to home or self care^HL70112', 45: '202701091115-0600'}),
]
# twin A: second hepatitis B dose at the clinic, 02/08 (still CST)
M['20-vxu-v04-hepb-later-dose'] = vxu('HE33000020', '202702081115-0600', PIDAO,
                                      {1: '1', 2: 'O', 3: f'PSLS^EX2^^{L}', 7: PED, 19: f'OV3300101B^^^{L}^VN'},
                                      'HE-IZ-3320', '202702081050-0600', 'HB33C02', '2', PED,
                                      'PSMA12^RUIZ-TANAKA^INES^^^^MA^^LPCH', 'PSLS')

# ---- the ED: a 6-year-old with an asthma exacerbation; ED discharge summary PDF and addendum ----
PIDE = {1: '1', 3: f'LP3300155^^^{L}^MR', 5: 'ABARA-PELLETIER^JONAH^KWAME^^^^L', 7: '20200917', 8: 'M',
        11: '5841 W GIDDINGS ST^^CHICAGO^IL^60630^USA^H', 13: '^PRN^PH^^1^773^5550163', 18: f'AC3300155^^^{L}^AN'}
PV1E = {1: '1', 2: 'E', 3: f'PED-ED^ED09^1^{L}', 4: 'E^Emergency^HL70007', 7: EDM, 10: 'EMR',
        19: f'EV3300155^^^{L}^VN', 44: '202701121940-0600'}
M['21-adt-a04-ed-arrival'] = [
    msh('LAKEMED', '202701121944-0600', 'LM33000021', 'ADT^A04', '2.4'),
    seg('EVN', {1: 'A04', 2: '202701121944-0600'}),
    seg('PID', PIDE),
    seg('NK1', {1: '1', 2: 'PELLETIER^GISELE^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^CP^^1^773^5550164'}),
    seg('PV1', PV1E),
    seg('PV2', {3: '^Wheezing, increased work of breathing'}),
]
M['22-adt-a03-ed-discharge'] = [
    msh('LAKEMED', '202701122315-0600', 'LM33000022', 'ADT^A03', '2.4'),
    seg('EVN', {1: 'A03', 2: '202701122315-0600'}),
    seg('PID', PIDE),
    seg('PV1', {**PV1E, 36: '01^Discharged to home or self care^HL70112', 45: '202701122305-0600'}),
    seg('DG1', {1: '1', 3: 'J45.41^Moderate persistent asthma with (acute) exacerbation^I10', 6: 'F'}),
]
PDF_B64 = ('JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqIDIgMCBvYmo8PC9UeXBlL1BhZ2VzL0tpZHNb'
           'MyAwIFJdL0NvdW50IDE+PmVuZG9iaiAzIDAgb2JqPDwvVHlwZS9QYWdlL1BhcmVudCAyIDAgUi9NZWRpYUJveFswIDAgNjEyIDc5Ml0+'
           'PmVuZG9iagp0cmFpbGVyPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==')
DS = '34878-9^Emergency medicine Note^LN'


def mdm(ctl, event, t, txa_f, obx):
    return [
        msh('HEARTH', t, ctl, f'MDM^{event}^MDM_T02', '2.5.1'),
        seg('EVN', {1: event, 2: t}),
        seg('PID', PIDE),
        seg('PV1', {**PV1E, 45: '202701122305-0600'}),
        seg('TXA', txa_f),
        obx,
    ]


M['23-mdm-t02-ed-summary-pdf'] = mdm('HE33000023', 'T02', '202701122340-0600',
    {1: '1', 2: 'DS^Discharge Summary^HL70270', 3: 'AP', 4: '202701122305-0600', 5: EDM, 6: '202701122338-0600',
     9: EDM, 12: 'HE-DOC-3323^HEARTH', 17: 'AU^Authenticated^HL70271', 19: 'AV^Available for patient care^HL70273'},
    seg('OBX', {1: '1', 2: 'ED', 3: DS, 5: f'HEARTH^AP^PDF^Base64^{PDF_B64}', 11: 'F'}))
M['24-mdm-t06-ed-addendum'] = mdm('HE33000024', 'T06', '202701131012-0600',
    {1: '1', 2: 'DS^Discharge Summary^HL70270', 3: 'TX', 4: '202701131005-0600', 5: EDM, 6: '202701131010-0600',
     9: EDM, 12: 'HE-DOC-3324^HEARTH', 13: 'HE-DOC-3323^HEARTH', 17: 'AU^Authenticated^HL70271',
     19: 'AV^Available for patient care^HL70273'},
    seg('OBX', {1: '1', 2: 'TX', 3: DS, 11: 'F',
                5: 'ADDENDUM: chest X-ray over-read by radiology 01/13 - no focal consolidation. Mother notified by phone 10:05.'}))

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
