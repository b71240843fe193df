#!/usr/bin/env python3
r"""Review 73's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a US regional reference laboratory sending results to its client practices and the reportable ones to the
state health department, on ONE America/New_York channel across the spring-forward of Sunday 11 March 2035 (02:00 EST
-> 03:00 EDT: the clock hour 02:00-02:59 does not exist that night). Tidewater Regional Reference Laboratory (TRRL,
CLIA 49D7307311), its client practices Harbor Family Medicine (HFM) and Cedar Point Urgent Care (CPUC), and a state
health department (STATEDOH) are invented; every OID is under HL7's example root 2.16.840.1.113883.19.
- Practice orders: OML^O21 v2.5.1 (HFM and CPUC EHRs), ORM^O01 v2.5.1 (HFM's older interface) with its CA cancel.
- Results: ORU^R01 v2.5.1 in the ELR 2.5.1 style (PHLabReport-NoAck profile in MSH-21, SFT, PID with the lab's
  patient id (PI) and the client's MRN (MR), PID-10 / PID-22 CDCREC race and ethnicity, ORC-21..24 ordering facility,
  OBR-31 reason, OBX-17 method, OBX-18 equipment, OBX-19 analysis time, OBX-23/24/25 performing organization,
  address and medical director, SPM after the OBXs): to the practice (MSH-5 the practice's EHR) and, for reportable
  conditions, a copy to the state (MSH-5 STATEDOH-ELR). MSH-7 always with its offset (-0500 before the change,
  -0400 after); every inner time bare, some of them in the hour the zone skips or just beside it.
Cases: a preliminary -> final chemistry pair, a corrected potassium (OBX-11 C, OBR-25 C), a cancelled test (OBR-25 X
with its NTE reason), two reflex tests (child OBR with OBR-11 G, OBR-26 parent result, OBR-29 parent numbers; one
child sharing the parent's placer number, one without a placer number), a Pap report with an embedded PDF (OBX-2 ED,
Base64), SN values (`<^0.5`, `^1^:^64`), coded results (SNOMED CT for detected / organism), a send-out test performed
by another laboratory (OBX-23/25), a practice's ORM^O01 order and its CA.
All persons, numbers and addresses are invented. Run from the worktree root (convert with --timezone America/New_York):
    python3 docs/review73/write_messages.py
"""
import base64
from pathlib import Path

OUT = Path('docs/review73/messages')
ROOT = '2.16.840.1.113883.19.73'


def npi(stem9):
    """NPI: 9 digits + Luhn check digit computed with the 80840 prefix."""
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


LAB_HD = f'TRRL&{ROOT}.1&ISO'
HFM_HD = f'HFM&{ROOT}.2&ISO'
CPUC_HD = f'CPUC&{ROOT}.3&ISO'
CLIA = '49D7307311'
ELR_PROFILE = 'PHLabReport-NoAck^ELR_Receiver^2.16.840.1.113883.9.11^ISO'


def msh(app, fac, rapp, rfac, t, typ, ctl, elr=False):
    f = {3: app, 4: fac, 5: rapp, 6: rfac, 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1', 15: 'AL', 16: 'NE',
         17: 'USA', 18: 'UNICODE UTF-8'}
    if elr:
        f.update({15: 'NE', 16: 'NE', 21: ELR_PROFILE})
    return seg('MSH', f)


LAB_APP = f'TRRLLIS^{ROOT}.10^ISO'
LAB_FAC = f'TRRL^{CLIA}^CLIA'
STATE = (f'STATEDOH-ELR^{ROOT}.90^ISO', f'STATEDOH^{ROOT}.91^ISO')
CLIENT = {'HFM': (f'HFMEHR^{ROOT}.20^ISO', f'HFM^{ROOT}.2^ISO'), 'CPUC': (f'CPUCEHR^{ROOT}.30^ISO', f'CPUC^{ROOT}.3^ISO')}
SFT = seg('SFT', {1: f'Tidewater Regional Reference Laboratory^L^^^^{LAB_HD}^XX^^^TRRL', 2: '4.2.17', 3: 'TRRL LIS',
                  4: '4.2.17.3', 6: '20340901'})


def lab_msh(client, t, ctl, elr=False):
    r = STATE if elr else CLIENT[client]
    return msh(LAB_APP, LAB_FAC, r[0], r[1], t, 'ORU^R01^ORU_R01', ctl, elr)


# ---- patients ----
P1 = dict(lab='TR73004151', mrn='HF730112', hd=HFM_HD, name='OKONKWO-BRIGGS^DELPHINE^A^^^^L', dob='19610219', sex='F',
          race='2054-5^Black or African American^CDCREC', eth='2186-5^Not Hispanic or Latino^CDCREC',
          addr='418 Marlin Cove Rd^Apt 2C^Port Halloway^VA^23467^USA^H^^51810', tel='^PRN^PH^^1^757^5550143')
P2 = dict(lab='TR73004268', mrn='CP730227', hd=CPUC_HD, name='VANTERPOOL-RUIZ^ISAIAH^MATEO^^^^L', dob='19980903',
          sex='M', race='2106-3^White^CDCREC', eth='2135-2^Hispanic or Latino^CDCREC',
          addr='77 Dunmore Landing^^Cedar Point^VA^23481^USA^H^^51810', tel='^PRN^CP^^1^757^5550198')
P3 = dict(lab='TR73004374', mrn='CP730235', hd=CPUC_HD, name='STRICKLAND^NORMA^JEAN^^^^L', dob='19570630', sex='F',
          race='2106-3^White^CDCREC', eth='2186-5^Not Hispanic or Latino^CDCREC',
          addr='1902 Old Ferry Pike^^Cedar Point^VA^23481^USA^H^^51810', tel='^PRN^PH^^1^757^5550166')
P4 = dict(lab='TR73004482', mrn='HF730147', hd=HFM_HD, name='ABERNATHY-TRAN^LUCY^BICH^^^^L', dob='19900417', sex='F',
          race='2028-9^Asian^CDCREC', eth='2186-5^Not Hispanic or Latino^CDCREC',
          addr='5 Gull Point Ct^^Port Halloway^VA^23467^USA^H^^51810', tel='^PRN^CP^^1^757^5550121')
P5 = dict(lab='TR73004590', mrn='CP730251', hd=CPUC_HD, name='PELLETIER^GASTON^R^^^^L', dob='19490112', sex='M',
          race='2106-3^White^CDCREC', eth='UNK^Unknown^NULLFL',
          addr='63 Tidewater Ave^^Cedar Point^VA^23481^USA^H^^51810', tel='^PRN^PH^^1^757^5550177')


def pid_lab(p):
    """The lab's PID: its own patient id (PI) first, then the client's MRN; race and ethnicity (ELR)."""
    return seg('PID', {1: '1', 3: f"{p['lab']}^^^{LAB_HD}^PI~{p['mrn']}^^^{p['hd']}^MR", 5: p['name'], 7: p['dob'],
                       8: p['sex'], 10: p['race'], 11: p['addr'], 13: p['tel'], 22: p['eth']})


def pid_ehr(p):
    """The practice's PID: its MRN only."""
    return seg('PID', {1: '1', 3: f"{p['mrn']}^^^{p['hd']}^MR", 5: p['name'], 7: p['dob'], 8: p['sex'],
                       11: p['addr'], 13: p['tel']})


# ---- providers, facilities ----
DR_HFM = f'{npi("148730615")}^CALLOWAY^RENEE^T^^^MD^^CMS&2.16.840.1.113883.4.6&ISO^L^^^NPI'
DR_CPUC = f'{npi("129730418")}^DESROSIERS^MARCUS^^^^DO^^CMS&2.16.840.1.113883.4.6&ISO^L^^^NPI'
FAC = {'HFM': (f'Harbor Family Medicine^L^^^^CMS&2.16.840.1.113883.4.6&ISO^XX^^^{npi("138730512")}',
               '210 Quayside Blvd^Suite 300^Port Halloway^VA^23467^USA^B', '^WPN^PH^^1^757^5550100',
               '210 Quayside Blvd^Suite 300^Port Halloway^VA^23467^USA^O'),
       'CPUC': (f'Cedar Point Urgent Care^L^^^^CMS&2.16.840.1.113883.4.6&ISO^XX^^^{npi("165730329")}',
                '1400 Causeway Rd^^Cedar Point^VA^23481^USA^B', '^WPN^PH^^1^757^5550200',
                '1400 Causeway Rd^^Cedar Point^VA^23481^USA^O')}
DR_OF = {'HFM': DR_HFM, 'CPUC': DR_CPUC}
TRRL_ORG = f'Tidewater Regional Reference Laboratory^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^{CLIA}'
TRRL_ADDR = '3300 Commerce Park Dr^^Port Halloway^VA^23469^USA^B^^51810'
TRRL_DIR = f'{npi("119730226")}^MERRIWEATHER^ELLEN^J^^DR^MD^^CMS&2.16.840.1.113883.4.6&ISO^L^^^NPI'
BRE_CLIA = '34D7308822'
BRE_ORG = f'Blue Ridge Esoteric Laboratories^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^{BRE_CLIA}'
BRE_ADDR = '90 Laurel Summit Way^^Ashbury^NC^28815^USA^B^^37021'
BRE_DIR = f'{npi("157730847")}^OYELARAN^TUNDE^^^DR^MD^^CMS&2.16.840.1.113883.4.6&ISO^L^^^NPI'


def orc_lab(client, placer, filler, status, t, extra=None, ctl='RE'):
    f = {1: ctl, 2: f'{placer}^{client}' if placer else '', 3: f'{filler}^{LAB_HD}', 5: status, 9: t,
         12: DR_OF[client], 21: FAC[client][0], 22: FAC[client][1], 23: FAC[client][2], 24: FAC[client][3]}
    f.update(extra or {})
    return seg('ORC', f)


def obr_lab(i, client, placer, filler, code, t_coll, t_rep, status, extra=None):
    f = {1: str(i), 2: f'{placer}^{client}' if placer else '', 3: f'{filler}^{LAB_HD}', 4: code, 7: t_coll,
         16: DR_OF[client], 22: t_rep, 25: status}
    f.update(extra or {})
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', method='', equip='', t_an='', sub='',
        perf=(TRRL_ORG, TRRL_ADDR, TRRL_DIR)):
    return seg('OBX', {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t,
                       17: method, 18: equip, 19: t_an, 23: perf[0], 24: perf[1], 25: perf[2]})


def spm(filler, typ, t_coll, t_recv, extra=None):
    f = {1: '1', 2: f'^{filler}&{LAB_HD}', 4: typ, 17: t_coll, 18: t_recv}
    f.update(extra or {})
    return seg('SPM', f)


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


SERUM = '119364003^Serum specimen^SCT^SER^Serum^HL70487^20080131^2.5.1'
BLOOD = '119297000^Blood specimen^SCT^BLD^Whole blood^HL70487^20080131^2.5.1'
URINE = '122575003^Urine specimen^SCT^UR^Urine^HL70487^20080131^2.5.1'
STOOL = '119339001^Stool specimen^SCT^STL^Stool = Fecal^HL70487^20080131^2.5.1'
CERV = '440674008^Liquid-based cytology specimen^SCT^CVX^Cervix^HL70487^20080131^2.5.1'
VENIP = {8: '^^^^^^^^Venipuncture', 7: 'VENIP^Venipuncture^HL70488'}
UCUM = 'UCUM'

M = {}

# ============ P1 OKONKWO-BRIGGS (Harbor Family Medicine): CMP preliminary -> final, K corrected, a send-out ============
CMP = '80053^Comprehensive metabolic panel^C4^24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN'
TSH = '84443^TSH^C4^3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN'
CRP = '86140^C-reactive protein^C4^1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN'
TTG = '86364^Tissue transglutaminase IgA^C4^31017-7^Tissue transglutaminase IgA Ab [Units/volume] in Serum^LN'
P1_PL = ['HFM7301121', 'HFM7301122', 'HFM7301123', 'HFM7301124']
P1_GRP = 'HFMG730112^HFM'
P1_FL = ['35TR730101', '35TR730102', '35TR730103', '35TR730104']
P1_COLL, P1_RECV = '20350310170500', '20350310193000'


def oml_orc(client, placer, t, grp, ctl='NW', extra=None):
    f = {1: ctl, 2: f'{placer}^{client}', 4: grp, 9: t, 12: DR_OF[client], 21: FAC[client][0]}
    f.update(extra or {})
    return seg('ORC', f)


M['01-oml-o21-okonkwo-cmp-tsh-crp-ttg'] = [
    msh(CLIENT['HFM'][0], CLIENT['HFM'][1], LAB_APP, LAB_FAC, '20350310164012-0500', 'OML^O21^OML_O21', 'HFM73O0001'),
    pid_ehr(P1),
    seg('PV1', {1: '1', 2: 'O'}),
] + sum([[oml_orc('HFM', pl, '20350310163800', P1_GRP),
          seg('OBR', {1: str(i + 1), 2: f'{pl}^HFM', 4: code, 16: DR_HFM, 31: 'E11.9^Type 2 diabetes mellitus without complications^I10'}),
          ] for i, (pl, code) in enumerate(zip(P1_PL, [CMP, TSH, CRP, TTG]))], [])

GLU = '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN'
BUN = '3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN'
CREA = '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN'
NA = '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN'
K = '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN'
ALT = '1742-6^Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma^LN'
ALB = '1751-7^Albumin [Mass/volume] in Serum or Plasma^LN'
CHEM_M = 'PHOTO^Photometry^L'
ISE_M = 'ISE^Ion-selective electrode^L'
CHEM_EQ = 'AU5812-02^TRRL'


def cmp_obx(status, k='4.1', k_status=None, all_=True, t_prelim='20350311013500', t_final='20350311085000'):
    s = status
    rows = [obx(1, 'NM', GLU, '146', 'mg/dL^mg/dL^UCUM', '70-99', 'H', s, t_prelim, CHEM_M, CHEM_EQ, t_prelim),
            obx(2, 'NM', BUN, '18', 'mg/dL^mg/dL^UCUM', '7-25', 'N', s, t_prelim, CHEM_M, CHEM_EQ, t_prelim),
            obx(3, 'NM', CREA, '1.02', 'mg/dL^mg/dL^UCUM', '0.50-1.05', 'N', s, t_prelim, CHEM_M, CHEM_EQ, t_prelim),
            obx(4, 'NM', NA, '139', 'mmol/L^mmol/L^UCUM', '135-146', 'N', s, t_prelim, ISE_M, CHEM_EQ, t_prelim),
            obx(5, 'NM', K, k, 'mmol/L^mmol/L^UCUM', '3.5-5.3', 'H' if float(k) > 5.3 else 'N', k_status or s,
                t_prelim, ISE_M, CHEM_EQ, t_prelim)]
    if all_:
        rows += [obx(6, 'NM', ALT, '31', 'U/L^U/L^UCUM', '6-29', 'H', s, t_final, CHEM_M, CHEM_EQ, t_final),
                 obx(7, 'NM', ALB, '4.2', 'g/dL^g/dL^UCUM', '3.6-5.1', 'N', s, t_final, CHEM_M, CHEM_EQ, t_final)]
    return rows


def p1_spm(filler):
    return spm(filler, SERUM, P1_COLL, P1_RECV, {7: 'VENIP^Venipuncture^HL70488'})


M['02-oru-r01-okonkwo-cmp-preliminary'] = [
    lab_msh('HFM', '20350311015812-0500', 'TRRL73R0002'), SFT, pid_lab(P1),
    orc_lab('HFM', P1_PL[0], P1_FL[0], 'IP', '20350311015500'),
    obr_lab(1, 'HFM', P1_PL[0], P1_FL[0], CMP, P1_COLL, '20350311015500', 'P', {31: 'E11.9^Type 2 diabetes mellitus without complications^I10'}),
] + cmp_obx('P', all_=False) + [p1_spm(P1_FL[0])]

M['03-oru-r01-okonkwo-cmp-final-tsh-crp'] = [
    lab_msh('HFM', '20350311091544-0400', 'TRRL73R0003'), SFT, pid_lab(P1),
    orc_lab('HFM', P1_PL[0], P1_FL[0], 'CM', '20350311091000'),
    obr_lab(1, 'HFM', P1_PL[0], P1_FL[0], CMP, P1_COLL, '20350311091000', 'F', {31: 'E11.9^Type 2 diabetes mellitus without complications^I10'}),
] + cmp_obx('F') + [
    p1_spm(P1_FL[0]),
    orc_lab('HFM', P1_PL[1], P1_FL[1], 'CM', '20350311091000'),
    obr_lab(2, 'HFM', P1_PL[1], P1_FL[1], TSH, P1_COLL, '20350311091000', 'F'),
    obx(1, 'NM', '3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN', '2.84', 'm[IU]/L^mIU/L^UCUM', '0.40-4.50', 'N',
        'F', '20350311033000', 'CLIA^Chemiluminescent immunoassay^L', 'ATELLICA-03^TRRL', '20350311033000'),
    p1_spm(P1_FL[1]),
    orc_lab('HFM', P1_PL[2], P1_FL[2], 'CM', '20350311091000'),
    obr_lab(3, 'HFM', P1_PL[2], P1_FL[2], CRP, P1_COLL, '20350311091000', 'F'),
    obx(1, 'SN', '1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN', '<^0.5', 'mg/dL^mg/dL^UCUM', '<0.8', 'N',
        'F', '20350311033000', 'IT^Immunoturbidimetry^L', CHEM_EQ, '20350311033000'),
    p1_spm(P1_FL[2]),
]

M['04-oru-r01-okonkwo-potassium-corrected'] = [
    lab_msh('HFM', '20350312141022-0400', 'TRRL73R0004'), SFT, pid_lab(P1),
    orc_lab('HFM', P1_PL[0], P1_FL[0], 'CM', '20350312140500'),
    obr_lab(1, 'HFM', P1_PL[0], P1_FL[0], CMP, P1_COLL, '20350312140500', 'C', {31: 'E11.9^Type 2 diabetes mellitus without complications^I10'}),
] + cmp_obx('F', k='5.9', k_status='C') + [
    nte(1, 'Potassium corrected: previously reported 4.1 mmol/L (result transposed from adjacent specimen). Dr. Calloway notified 03/12/2035 14:02 by J. Pruitt MT.'),
    p1_spm(P1_FL[0]),
]

M['05-oru-r01-okonkwo-ttg-sendout'] = [
    lab_msh('HFM', '20350314111503-0400', 'TRRL73R0005'), SFT, pid_lab(P1),
    orc_lab('HFM', P1_PL[3], P1_FL[3], 'CM', '20350314111000'),
    obr_lab(1, 'HFM', P1_PL[3], P1_FL[3], TTG, P1_COLL, '20350314111000', 'F'),
    obx(1, 'NM', '31017-7^Tissue transglutaminase IgA Ab [Units/volume] in Serum^LN', '1.2', 'U/mL^U/mL^UCUM', '<4.0', 'N',
        'F', '20350313160000', 'ELISA^Enzyme-linked immunosorbent assay^L', '', '20350313160000',
        perf=(BRE_ORG, BRE_ADDR, BRE_DIR)),
    nte(1, 'Test performed by Blue Ridge Esoteric Laboratories, Ashbury NC (CLIA 34D7308822).'),
    p1_spm(P1_FL[3]),
]

# ============ P2 VANTERPOOL-RUIZ (Cedar Point Urgent Care): CT/NG, RPR + reflex TP-PA, ELR copies ============
CTNG = '87491^Chlamydia trachomatis and Neisseria gonorrhoeae NAA^C4^36903-3^Chlamydia trachomatis and Neisseria gonorrhoeae DNA panel - Specimen by NAA with probe detection^LN'
RPR = '86592^RPR^C4^20507-0^Reagin Ab [Presence] in Serum by RPR^LN'
TPPA = '86780^Treponema pallidum particle agglutination^C4^24312-1^Treponema pallidum Ab [Presence] in Serum by Agglutination^LN'
P2_PL = ['CPU7302271', 'CPU7302272']
P2_GRP = 'CPUG730227^CPUC'
P2_FL = ['35TR730201', '35TR730202', '35TR730202R1']
P2_COLL = '20350310172000'
CT = '21613-5^Chlamydia trachomatis DNA [Presence] in Specimen by NAA with probe detection^LN'
NG = '21415-5^Neisseria gonorrhoeae DNA [Presence] in Urine by NAA with probe detection^LN'
DETECTED = '260373001^Detected^SCT^DET^Detected^L^20200301^2.5.1'
NOT_DET = '260415000^Not detected^SCT^ND^Not detected^L^20200301^2.5.1'
REACTIVE = '11214006^Reactive^SCT^R^Reactive^L^20200301^2.5.1'
NAAT = 'TMA^Transcription-mediated amplification^L'
STD_DX = 'Z11.3^Encounter for screening for infections with a predominantly sexual mode of transmission^I10'

M['06-oml-o21-vanterpool-ctng-rpr'] = [
    msh(CLIENT['CPUC'][0], CLIENT['CPUC'][1], LAB_APP, LAB_FAC, '20350310172944-0500', 'OML^O21^OML_O21', 'CPU73O0006'),
    pid_ehr(P2), seg('PV1', {1: '1', 2: 'O'}),
    oml_orc('CPUC', P2_PL[0], '20350310172500', P2_GRP),
    seg('OBR', {1: '1', 2: f'{P2_PL[0]}^CPUC', 4: CTNG, 7: P2_COLL, 16: DR_CPUC, 31: STD_DX}),
    seg('SPM', {1: '1', 4: URINE, 17: P2_COLL}),
    oml_orc('CPUC', P2_PL[1], '20350310172500', P2_GRP),
    seg('OBR', {1: '2', 2: f'{P2_PL[1]}^CPUC', 4: RPR, 7: P2_COLL, 16: DR_CPUC, 31: STD_DX}),
    seg('SPM', {1: '1', 4: SERUM, 17: P2_COLL}),
]


def ctng(elr):
    return [
        lab_msh('CPUC', '20350311031022-0400' if elr else '20350311030214-0400', 'TRRL73E0008' if elr else 'TRRL73R0007', elr),
        SFT, pid_lab(P2),
        orc_lab('CPUC', P2_PL[0], P2_FL[0], 'CM', '20350311030000'),
        obr_lab(1, 'CPUC', P2_PL[0], P2_FL[0], CTNG, P2_COLL, '20350311030000', 'F', {31: STD_DX}),
        obx(1, 'CWE', CT, DETECTED, '', 'Not detected', 'A', 'F', '20350311014500', NAAT, 'PANTHER-07^TRRL', '20350311014000'),
        obx(2, 'CWE', NG, NOT_DET, '', 'Not detected', 'N', 'F', '20350311014500', NAAT, 'PANTHER-07^TRRL', '20350311014000'),
        spm(P2_FL[0], URINE, P2_COLL, '20350310213000', {11: 'P^Patient^HL70369'}),
    ]


M['07-oru-r01-vanterpool-ctng-chlamydia-detected'] = ctng(False)
M['08-oru-r01-elr-vanterpool-ctng'] = ctng(True)

RPR_QL = '20507-0^Reagin Ab [Presence] in Serum by RPR^LN'
RPR_TITER = '31147-2^Reagin Ab [Titer] in Serum by RPR^LN'
TPPA_QL = '24312-1^Treponema pallidum Ab [Presence] in Serum by Agglutination^LN'
SYPH_DX = 'A53.9^Syphilis, unspecified^I10'


def rpr_parent(i):
    return [
        orc_lab('CPUC', P2_PL[1], P2_FL[1], 'CM', '20350311062500'),
        obr_lab(i, 'CPUC', P2_PL[1], P2_FL[1], RPR, P2_COLL, '20350311062500', 'F', {31: STD_DX}),
        obx(1, 'CWE', RPR_QL, REACTIVE, '', 'Nonreactive', 'A', 'F', '20350311031500', 'FLOC^Flocculation^L', 'ASI-EVOLUTION-1^TRRL', '20350311024000'),
        obx(2, 'SN', RPR_TITER, '^1^:^64', '', '<1:1', 'A', 'F', '20350311031500', 'FLOC^Flocculation^L', 'ASI-EVOLUTION-1^TRRL', '20350311024000'),
        spm(P2_FL[1], SERUM, P2_COLL, '20350310213000', {7: 'VENIP^Venipuncture^HL70488'}),
    ]


def tppa_child(i, t_rep='20350312103000'):
    return [
        orc_lab('CPUC', P2_PL[1], P2_FL[2], 'CM', t_rep, {8: f'{P2_PL[1]}&CPUC^{P2_FL[1]}&{LAB_HD}'}),
        obr_lab(i, 'CPUC', P2_PL[1], P2_FL[2], TPPA, P2_COLL, t_rep, 'F',
                {11: 'G^Generated order; reflex order^HL70065', 26: f'{RPR_QL.replace("^", "&")}^1^Reactive',
                 29: f'{P2_PL[1]}&CPUC^{P2_FL[1]}&{LAB_HD}', 31: STD_DX}),
        obx(1, 'CWE', TPPA_QL, REACTIVE, '', 'Nonreactive', 'A', 'F', '20350312101500', 'TPPA^Particle agglutination^L', '', '20350312101500'),
        nte(1, 'Reflex test: RPR reactive, confirmed by treponemal assay per laboratory algorithm.'),
        spm(P2_FL[1], SERUM, P2_COLL, '20350310213000', {7: 'VENIP^Venipuncture^HL70488'}),
    ]


M['09-oru-r01-vanterpool-rpr-reactive-titer'] = [
    lab_msh('CPUC', '20350311063012-0400', 'TRRL73R0009'), SFT, pid_lab(P2)] + rpr_parent(1)
M['10-oru-r01-vanterpool-tppa-reflex'] = [
    lab_msh('CPUC', '20350312103522-0400', 'TRRL73R0010'), SFT, pid_lab(P2)] + tppa_child(1)
M['11-oru-r01-elr-vanterpool-rpr-tppa'] = [
    lab_msh('CPUC', '20350312104005-0400', 'TRRL73E0011', True), SFT, pid_lab(P2)] + rpr_parent(1) + tppa_child(2)

# ============ P3 STRICKLAND (Cedar Point Urgent Care, night draw): CBC in the skipped hour, HCV Ab + reflex RNA ============
CBC = '85025^CBC with automated differential^C4^57021-8^CBC W Auto Differential panel - Blood^LN'
HCVAB = '86803^Hepatitis C antibody^C4^13955-0^Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay^LN'
HCVRNA = '87522^Hepatitis C RNA quantitative^C4^11011-4^Hepatitis C virus RNA [Units/volume] (viral load) in Serum or Plasma by NAA with probe detection^LN'
P3_PL = ['CPU7302351', 'CPU7302352']
P3_FL = ['35TR730301', '35TR730302', '35TR730303']
P3_COLL, P3_RECV = '20350311021500', '20350311030500'
P3_DX = 'R10.13^Epigastric pain^I10'

M['12-oml-o21-strickland-cbc-hcv'] = [
    msh(CLIENT['CPUC'][0], CLIENT['CPUC'][1], LAB_APP, LAB_FAC, '20350311014012-0500', 'OML^O21^OML_O21', 'CPU73O0012'),
    pid_ehr(P3), seg('PV1', {1: '1', 2: 'E'}),
    oml_orc('CPUC', P3_PL[0], '20350311013800', 'CPUG730235^CPUC', extra={7: '^^^^^S'}),
    seg('OBR', {1: '1', 2: f'{P3_PL[0]}^CPUC', 4: CBC, 16: DR_CPUC, 31: P3_DX}),
    oml_orc('CPUC', P3_PL[1], '20350311013800', 'CPUG730235^CPUC'),
    seg('OBR', {1: '2', 2: f'{P3_PL[1]}^CPUC', 4: HCVAB, 16: DR_CPUC, 31: P3_DX}),
]
WBC = '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN'
HGB = '718-7^Hemoglobin [Mass/volume] in Blood^LN'
PLT = '777-3^Platelets [#/volume] in Blood by Automated count^LN'
HEME_M = 'FC^Flow cytometry^L'
M['13-oru-r01-strickland-cbc-skipped-hour'] = [
    lab_msh('CPUC', '20350311032012-0400', 'TRRL73R0013'), SFT, pid_lab(P3),
    orc_lab('CPUC', P3_PL[0], P3_FL[0], 'CM', '20350311031500'),
    obr_lab(1, 'CPUC', P3_PL[0], P3_FL[0], CBC, P3_COLL, '20350311031500', 'F', {14: P3_RECV, 31: P3_DX}),
    obx(1, 'NM', WBC, '11.8', '10*3/uL^K/uL^UCUM', '3.8-10.8', 'H', 'F', '20350311031200', HEME_M, 'XN1000-4^TRRL', '20350311031200'),
    obx(2, 'NM', HGB, '11.2', 'g/dL^g/dL^UCUM', '11.7-15.5', 'L', 'F', '20350311031200', HEME_M, 'XN1000-4^TRRL', '20350311031200'),
    obx(3, 'NM', PLT, '188', '10*3/uL^K/uL^UCUM', '140-400', 'N', 'F', '20350311031200', HEME_M, 'XN1000-4^TRRL', '20350311031200'),
    spm(P3_FL[0], BLOOD, P3_COLL, P3_RECV, {7: 'VENIP^Venipuncture^HL70488'}),
]
HCVAB_QL = '13955-0^Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay^LN'
HCVAB_SCO = '48159-8^Hepatitis C virus Ab Signal/Cutoff in Serum or Plasma by Immunoassay^LN'
HCV_RNA_Q = '11011-4^Hepatitis C virus RNA [Units/volume] (viral load) in Serum or Plasma by NAA with probe detection^LN'
HCV_RNA_LOG = '38180-6^Hepatitis C virus RNA [log units/volume] (viral load) in Serum or Plasma by NAA with probe detection^LN'


def hcv_ab(i):
    return [
        orc_lab('CPUC', P3_PL[1], P3_FL[1], 'CM', '20350311064000'),
        obr_lab(i, 'CPUC', P3_PL[1], P3_FL[1], HCVAB, P3_COLL, '20350311064000', 'F', {31: P3_DX}),
        obx(1, 'CWE', HCVAB_QL, REACTIVE, '', 'Nonreactive', 'A', 'F', '20350311063000', 'CLIA^Chemiluminescent immunoassay^L', 'ATELLICA-03^TRRL', '20350311063000'),
        obx(2, 'NM', HCVAB_SCO, '14.62', '{s_co_ratio}^S/CO^UCUM', '<1.00', 'H', 'F', '20350311063000', 'CLIA^Chemiluminescent immunoassay^L', 'ATELLICA-03^TRRL', '20350311063000'),
        spm(P3_FL[1], SERUM, P3_COLL, P3_RECV, {7: 'VENIP^Venipuncture^HL70488'}),
    ]


def hcv_rna(i):
    return [
        orc_lab('CPUC', '', P3_FL[2], 'CM', '20350313152000', {8: f'{P3_PL[1]}&CPUC^{P3_FL[1]}&{LAB_HD}'}),
        obr_lab(i, 'CPUC', '', P3_FL[2], HCVRNA, P3_COLL, '20350313152000', 'F',
                {11: 'G^Generated order; reflex order^HL70065', 26: f'{HCVAB_QL.replace("^", "&")}^1^Reactive',
                 29: f'{P3_PL[1]}&CPUC^{P3_FL[1]}&{LAB_HD}', 31: P3_DX}),
        obx(1, 'NM', HCV_RNA_Q, '1850000', '[IU]/mL^IU/mL^UCUM', '<15', 'H', 'F', '20350313150500', 'PCR^Real-time PCR^L', 'COBAS-6800-2^TRRL', '20350313150500'),
        obx(2, 'NM', HCV_RNA_LOG, '6.27', 'log[IU]/mL^log IU/mL^UCUM', '<1.18', 'H', 'F', '20350313150500', 'PCR^Real-time PCR^L', 'COBAS-6800-2^TRRL', '20350313150500'),
        spm(P3_FL[1], SERUM, P3_COLL, P3_RECV, {7: 'VENIP^Venipuncture^HL70488'}),
    ]


M['14-oru-r01-strickland-hcv-ab-reactive'] = [
    lab_msh('CPUC', '20350311064512-0400', 'TRRL73R0014'), SFT, pid_lab(P3)] + hcv_ab(1)
M['15-oru-r01-strickland-hcv-rna-reflex'] = [
    lab_msh('CPUC', '20350313152511-0400', 'TRRL73R0015'), SFT, pid_lab(P3)] + hcv_rna(1)
M['16-oru-r01-elr-strickland-hcv'] = [
    lab_msh('CPUC', '20350313153002-0400', 'TRRL73E0016', True), SFT, pid_lab(P3)] + hcv_ab(1) + hcv_rna(2)

# ============ P4 ABERNATHY-TRAN (Harbor Family Medicine, ORM^O01): lipid, vitamin D (cancelled by the practice),
# ApoB (cancelled by the lab, OBR-25 X), Pap with a PDF report ============
LIPID = '80061^Lipid panel^C4^57698-3^Lipid panel with direct LDL - Serum or Plasma^LN'
VITD = '82306^Vitamin D 25-hydroxy^C4^62292-8^25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma^LN'
APOB = '82172^Apolipoprotein B^C4^1884-6^Apolipoprotein B [Mass/volume] in Serum or Plasma^LN'
PAP = '88175^Cytopathology cervical, liquid-based^C4^19762-4^General categories [Interpretation] of Cervical or vaginal smear or scraping by Cyto stain^LN'
P4_PL = ['HFM7301471', 'HFM7301472', 'HFM7301473', 'HFM7301474']
P4_FL = ['35TR730401', None, '35TR730403', '35TR730404']
P4_COLL, P4_RECV = '20350312101500', '20350312143000'


def orm_orc(placer, ctl, t, extra=None):
    f = {1: ctl, 2: f'{placer}^HFM', 4: 'HFMG730147^HFM', 9: t, 12: DR_HFM, 21: FAC['HFM'][0]}
    f.update(extra or {})
    return seg('ORC', f)


M['17-orm-o01-abernathy-lipid-vitd-apob-pap'] = [
    msh(CLIENT['HFM'][0], CLIENT['HFM'][1], LAB_APP, LAB_FAC, '20350312102011-0400', 'ORM^O01^ORM_O01', 'HFM73O0017'),
    pid_ehr(P4), seg('PV1', {1: '1', 2: 'O'}),
] + sum([[orm_orc(pl, 'NW', '20350312101800'),
          seg('OBR', {1: str(i + 1), 2: f'{pl}^HFM', 4: code, 7: P4_COLL, 16: DR_HFM,
                      31: 'Z01.419^Encounter for gynecological examination without abnormal findings^I10' if code == PAP
                      else 'E78.5^Hyperlipidemia, unspecified^I10'})]
         for i, (pl, code) in enumerate(zip(P4_PL, [LIPID, VITD, APOB, PAP]))], [])

M['18-orm-o01-abernathy-vitd-cancel'] = [
    msh(CLIENT['HFM'][0], CLIENT['HFM'][1], LAB_APP, LAB_FAC, '20350312104503-0400', 'ORM^O01^ORM_O01', 'HFM73O0018'),
    pid_ehr(P4), seg('PV1', {1: '1', 2: 'O'}),
    orm_orc(P4_PL[1], 'CA', '20350312104400', {16: 'DUP^Duplicate order: vitamin D resulted 02/2035^L'}),
    seg('OBR', {1: '1', 2: f'{P4_PL[1]}^HFM', 4: VITD, 16: DR_HFM}),
]
CHOL = '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN'
TRIG = '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN'
HDL = '2085-9^Cholesterol in HDL [Mass/volume] in Serum or Plasma^LN'
LDL = '18262-6^Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay^LN'


def p4_spm(filler):
    return spm(filler, SERUM, P4_COLL, P4_RECV, {7: 'VENIP^Venipuncture^HL70488'})


M['19-oru-r01-abernathy-lipid-apob-cancelled'] = [
    lab_msh('HFM', '20350312213018-0400', 'TRRL73R0019'), SFT, pid_lab(P4),
    orc_lab('HFM', P4_PL[0], P4_FL[0], 'CM', '20350312212500'),
    obr_lab(1, 'HFM', P4_PL[0], P4_FL[0], LIPID, P4_COLL, '20350312212500', 'F', {31: 'E78.5^Hyperlipidemia, unspecified^I10'}),
    obx(1, 'NM', CHOL, '236', 'mg/dL^mg/dL^UCUM', '<200', 'H', 'F', '20350312201000', CHEM_M, CHEM_EQ, '20350312201000'),
    obx(2, 'NM', TRIG, '412', 'mg/dL^mg/dL^UCUM', '<150', 'H', 'F', '20350312201000', CHEM_M, CHEM_EQ, '20350312201000'),
    obx(3, 'NM', HDL, '38', 'mg/dL^mg/dL^UCUM', '>=50', 'L', 'F', '20350312201000', CHEM_M, CHEM_EQ, '20350312201000'),
    obx(4, 'NM', LDL, '149', 'mg/dL^mg/dL^UCUM', '<100', 'H', 'F', '20350312201000', CHEM_M, CHEM_EQ, '20350312201000'),
    p4_spm(P4_FL[0]),
    orc_lab('HFM', P4_PL[2], P4_FL[2], 'CA', '20350312212500'),
    obr_lab(2, 'HFM', P4_PL[2], P4_FL[2], APOB, P4_COLL, '20350312212500', 'X', {31: 'E78.5^Hyperlipidemia, unspecified^I10'}),
    nte(1, 'Test cancelled: specimen grossly lipemic, apolipoprotein B cannot be measured. Please recollect after a 12-hour fast.'),
    p4_spm(P4_FL[2]),
]


def tiny_pdf():
    """A one-page PDF with one line of text (the report's printed copy)."""
    text = b'BT /F1 11 Tf 72 720 Td (Cervical cytology: Negative for intraepithelial lesion or malignancy.) Tj ET'
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
            b'<< /Length %d >>\nstream\n' % len(text) + text + b'\nendstream',
            b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
    out, offs = b'%PDF-1.4\n', []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offs)
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    return base64.b64encode(out).decode('ascii')


NILM = '373887005^Negative for intraepithelial lesion or malignancy^SCT'
CYTO_M = 'LBC^Liquid-based cytology, imager-assisted^L'
M['20-oru-r01-abernathy-pap-pdf'] = [
    lab_msh('HFM', '20350316160012-0400', 'TRRL73R0020'), SFT, pid_lab(P4),
    orc_lab('HFM', P4_PL[3], P4_FL[3], 'CM', '20350316155500'),
    obr_lab(1, 'HFM', P4_PL[3], P4_FL[3], PAP, P4_COLL, '20350316155500', 'F',
            {24: 'CP', 31: 'Z01.419^Encounter for gynecological examination without abnormal findings^I10',
             32: f'{npi("172730955")}&HOLLINGSWORTH&PAULA&&&DR&MD'}),
    obx(1, 'CWE', '19762-4^General categories [Interpretation] of Cervical or vaginal smear or scraping by Cyto stain^LN', NILM,
        '', '', 'N', 'F', '20350316153000', CYTO_M, 'THINPREP-IMG-1^TRRL', '20350316153000'),
    obx(2, 'TX', '19764-0^Statement of adequacy [Interpretation] of Cervical or vaginal smear or scraping by Cyto stain^LN',
        'Satisfactory for evaluation; endocervical/transformation zone component present.', '', '', '', 'F', '20350316153000'),
    obx(3, 'ED', '47527-7^Cytology report of Cervical or vaginal smear or scraping Cyto stain.thin prep^LN', f'TRRL^AP^PDF^Base64^{tiny_pdf()}', '', '', '', 'F', '20350316155500'),
    spm(P4_FL[3], CERV, P4_COLL, P4_RECV, {7: 'BRUSH^Brush^HL70488', 8: '71252005^Cervix uteri structure^SCT'}),
]

# ============ P5 PELLETIER (Cedar Point Urgent Care): stool culture preliminary -> final Salmonella, ELR ============
STOOLCX = '87045^Stool culture^C4^625-4^Bacteria identified in Stool by Culture^LN'
P5_PL, P5_FL = 'CPU7302511', '35TR730501'
P5_COLL, P5_RECV = '20350310225000', '20350311012000'
M['21-oml-o21-pelletier-stool-culture'] = [
    msh(CLIENT['CPUC'][0], CLIENT['CPUC'][1], LAB_APP, LAB_FAC, '20350310231244-0500', 'OML^O21^OML_O21', 'CPU73O0021'),
    pid_ehr(P5), seg('PV1', {1: '1', 2: 'E'}),
    oml_orc('CPUC', P5_PL, '20350310231000', 'CPUG730251^CPUC'),
    seg('OBR', {1: '1', 2: f'{P5_PL}^CPUC', 4: STOOLCX, 7: P5_COLL, 16: DR_CPUC, 31: 'R19.7^Diarrhea, unspecified^I10'}),
    seg('SPM', {1: '1', 4: STOOL, 17: P5_COLL}),
]
ORG = '625-4^Bacteria identified in Stool by Culture^LN'
STX = '17563-8^Shiga toxin 1 and 2 [Presence] in Stool by Immunoassay^LN'
SALM = '27268008^Salmonella (organism)^SCT^^^^20200301'
CX_M = 'CULT^Bacterial culture^L'


def stool(status, t_msh, ctl, rows, elr=False):
    return [lab_msh('CPUC', t_msh, ctl, elr), SFT, pid_lab(P5),
            orc_lab('CPUC', P5_PL, P5_FL, 'IP' if status == 'P' else 'CM', t_msh[:14]),
            obr_lab(1, 'CPUC', P5_PL, P5_FL, STOOLCX, P5_COLL, t_msh[:14], status, {31: 'R19.7^Diarrhea, unspecified^I10'}),
            ] + rows + [spm(P5_FL, STOOL, P5_COLL, P5_RECV)]


M['22-oru-r01-pelletier-stool-preliminary'] = stool('P', '20350312100512-0400', 'TRRL73R0022', [
    obx(1, 'ST', ORG, 'Non-lactose-fermenting gram-negative rods isolated; identification to follow.', '', '', 'A', 'P',
        '20350312094500', CX_M, '', '', sub='1'),
    obx(2, 'CWE', STX, NOT_DET, '', 'Not detected', 'N', 'F', '20350311063000', 'EIA^Enzyme immunoassay^L', '', '20350311063000'),
])
FINAL_ROWS = [
    obx(1, 'CWE', ORG, SALM, '', '', 'A', 'F', '20350313113000', CX_M, 'VITEK2-01^TRRL', '20350313113000', sub='1'),
    obx(2, 'CWE', STX, NOT_DET, '', 'Not detected', 'N', 'F', '20350311063000', 'EIA^Enzyme immunoassay^L', '', '20350311063000'),
]
M['23-oru-r01-pelletier-stool-final-salmonella'] = stool('F', '20350313114018-0400', 'TRRL73R0023', FINAL_ROWS + [
    nte(1, 'Isolate forwarded to the state public health laboratory for serotyping.')])
M['24-oru-r01-elr-pelletier-salmonella'] = stool('F', '20350313114502-0400', 'TRRL73E0024', FINAL_ROWS, elr=True)

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages')
