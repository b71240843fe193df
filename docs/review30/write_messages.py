#!/usr/bin/env python3
r"""Review 30's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of a rural clinic network in Mountain time (Sweetwater Sage Rural Health Network, SSRH, four clinics:
Farson, Eden, Boulder Flats, Big Piney; America/Denver: July 2026 is MDT -0600, December 2026 is MST -0700) and
the state programmes it reports to:
- a small ambulatory EHR ("SageChart", v2.5.1 ADT, v2.3.1 ORM with quirks: empty ORC-1 on a new order, an
  OBR-only order without ORC, local + CPT codes in OBR-4, bare ORC-9/OBR-7 times, DG1 in the order);
- a clinic EMPI on v2.8 (A31 person update, A40 merge, A47 identifier change);
- an allergy feed ADT^A60 v2.5 (IAM-6 A, then U);
- the state immunization registry feed (VXU^V04 2.5.1 per the CDC IG 2.5.1 R1.5: RXA-9 NIP001 00/01, RXA-18
  refusal reason, RXA-20 CP/RE, RXA-21 A/D/U, NCIT routes, VIS document-type / publication / presented OBX, VFC
  eligibility 64994-7 with OBX-17 VXC40, funding source 30963-3);
- the state public-health lab's ELR (ORU^R01 2.5.1 PHLabReport-NoAck: SFT, ORC-21..24, OBR-31 reportable
  condition, SPM-2/4/8/17/18, OBX-17/18/19/23/24/25), then a corrected result (OBR-25 C, OBX-11 C);
- the network's scheduler (SIU^S12/S14/S15 2.4) and a referral (REF^I12 2.5.1 with RF1 and two PRD);
- the network's clinic pharmacy (OMP^O09 2.7, RAS^O17 2.5.1) and a consult note (MDM^T02 2.6).
Patients and numbers (3001...) none of reviews 16-28's. Fields placed by number. All persons, numbers and
addresses are invented. Writes docs/review30/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review30/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review30/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'HIG', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


SSRH = 'SSRH^2.16.840.1.113883.3.3001.1^ISO'
NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
OKAFOR = f'1730010011^OKAFOR-LINDQVIST^BRIGID^E^^^MD^^{NPI}^L^^^NPI'
TSINAJINNIE = f'1730010029^TSINAJINNIE^ROLAND^^^^PA-C^^{NPI}^L^^^NPI'
VANDERMOLEN = f'1730010037^VANDERMOLEN^ASTRID^^^^FNP^^{NPI}^L^^^NPI'
RN = 'SSRN14^HAUGLAND^PERPETUA^^^^RN^^SSRH'
M = {}

# ---- HOLLENBECK-TSOSIE (SageChart, Farson clinic, summer MDT -0600) ----
HOL = {1: '1', 3: 'SS3001001^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR', 5: 'HOLLENBECK-TSOSIE^MARISOL^ANNE^^^^L',
       7: '19710419', 8: 'F', 10: '1002-5^American Indian or Alaska Native^CDCREC', 11: 'HC 64 BOX 3001^^FARSON^WY^82932^USA^H',
       13: '^PRN^PH^^1^307^5550161', 15: 'eng^English^ISO639', 16: 'M^Married^HL70002', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
PV1H = {1: '1', 2: 'O', 3: 'FARSON^EXAM2^^SSRH-FAR', 7: OKAFOR, 10: 'FM', 18: 'CL', 19: 'SV300100701^^^SSRH^VN', 44: '20260714083000-0600'}
M['01-adt-a04-register'] = [
    msh('SAGECHART', SSRH, '20260714082611-0600', 'SC30010001', 'ADT^A04^ADT_A01', '2.5.1'),
    seg('EVN', {2: '20260714082611-0600', 6: '20260714082500-0600'}),
    seg('PID', HOL),
    seg('PV1', PV1H),
    seg('IN1', {1: '1', 2: 'WYMCD^Wyoming Medicaid^L', 3: 'WYMCD01^^^SSRH', 4: 'WYOMING MEDICAID', 12: '20250101', 17: '01^Self^HL70063',
                36: 'WM3001001A'}),
]
# She moved from the PO box to a street address; SageChart sends "" for the home phone she no longer has.
M['02-adt-a08-address'] = [
    msh('SAGECHART', SSRH, '20260721141502-0600', 'SC30010002', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {2: '20260721141502-0600', 5: 'SSREG03^ARCHULETA-BYE^DENA'}),
    seg('PID', {**HOL, 11: '412 SAGEBRUSH LOOP^^FARSON^WY^82932^USA^H', 13: '""', 14: '^WPN^PH^^1^307^5550877'}),
    seg('PV1', {**PV1H, 45: '20260714091500-0600'}),
]

# ---- WHITEHORSE-AMUNDSEN: a duplicate made at Eden, merged by the network EMPI (v2.8, -0600) ----
WHA = {1: '1', 3: 'SS3001044^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR~J300104419^^^SSEMPI&2.16.840.1.113883.3.3001.9&ISO^PI',
       5: 'WHITEHORSE-AMUNDSEN^TOBIAS^KELSO^^^^L', 7: '19580930', 8: 'M', 11: '9 COTTONWOOD RD^^EDEN^WY^82932^USA^H',
       13: '^PRN^CP^^1^307^5550932', 15: 'eng^English^ISO639', 19: ''}
M['03-adt-a31-person-update'] = [
    msh('SSEMPI', SSRH, '20260722101130-0600', 'EM30010003', 'ADT^A31^ADT_A05', '2.8'),
    seg('EVN', {2: '20260722101130-0600'}),
    seg('PID', {**WHA, 5: 'WHITEHORSE-AMUNDSEN^TOBIAS^KELSO^^^^L~AMUNDSEN^TOBY^^^^^N', 29: '', 33: '20260722101000-0600'}),
    seg('PV1', {1: '1', 2: 'N'}),
]
M['04-adt-a40-merge'] = [
    msh('SSEMPI', SSRH, '20260722101845-0600', 'EM30010004', 'ADT^A40^ADT_A39', '2.8'),
    seg('EVN', {2: '20260722101845-0600', 5: 'SSHIM01^DELACRUZ-FENN^OREN'}),
    seg('PID', WHA),
    seg('MRG', {1: 'SS3001097^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR', 7: 'AMUNDSEN^TOBY'}),
]
# The clinic re-keys the surviving MRN into the network's new numbering (A47: patient level identifier change)
M['05-adt-a47-id-change'] = [
    msh('SSEMPI', SSRH, '20261203090210-0700', 'EM30010005', 'ADT^A47^ADT_A30', '2.8'),
    seg('EVN', {2: '20261203090210-0700'}),
    seg('PID', {**WHA, 3: 'SSN-3001044^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR'}),
    seg('MRG', {1: 'SS3001044^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR'}),
]

# ---- allergies of HOLLENBECK-TSOSIE via A60 (SageChart allergy module, v2.5) ----
def iam(action, severity, reaction, extra=None):
    f = {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '70618^Penicillin^RXNORM', 4: severity, 5: reaction, 6: action,
         7: 'SSALG-3001001-01^SAGECHART', 11: '1998', 13: '20260714', 14: OKAFOR, 17: 'C^Confirmed^HL70438'}
    f.update(extra or {})
    return seg('IAM', f)


M['06-adt-a60-allergy-add'] = [
    msh('SAGECHART', SSRH, '20260714084512-0600', 'SC30010006', 'ADT^A60^ADT_A60', '2.5'),
    seg('EVN', {2: '20260714084512-0600'}),
    seg('PID', HOL),
    iam('A^Add^HL70323', 'MO^Moderate^HL70128', 'RASH^Generalized rash^L'),
]
M['07-adt-a60-allergy-update'] = [
    msh('SAGECHART', SSRH, '20261208103040-0700', 'SC30010007', 'ADT^A60^ADT_A60', '2.5'),
    seg('EVN', {2: '20261208103040-0700'}),
    seg('PID', HOL),
    iam('U^Update^HL70323', 'SV^Severe^HL70128', 'RASH^Generalized rash^L~39579001^Anaphylaxis^SCT',
        {8: 'REACT^Reaction worsened on re-exposure^L', 13: '20261208'}),
]

# ---- KLEPPINGER-OYELOWO: SageChart ORM v2.3.1 to the network's reference lab (Big Piney, winter MST -0700) ----
KLE = {1: '1', 3: 'SS3001210^^^SSRH^MR', 5: 'KLEPPINGER-OYELOWO^DESMOND^^^^^L', 7: '19660203', 8: 'M',
       11: '77 PINE CREEK RD^^BIG PINEY^WY^83113', 13: '(307)555-0210'}
PV1K = {1: '1', 2: 'O', 3: 'BIGPINEY^EXAM1^^SSRH-BP', 7: TSINAJINNIE, 19: 'SV300121001'}
# quirk 1: ORC-1 left empty on a new order (SageChart's order interface fills only ORC-2 and ORC-9), bare times
M['08-orm-o01-empty-orc1'] = [
    msh('SAGECHART', 'SSRH-BP', '20261209081502', 'SC30010008', 'ORM^O01', '2.3.1'),
    seg('PID', KLE),
    seg('PV1', PV1K),
    seg('ORC', {2: 'SC-ORD-300801^SAGECHART', 9: '20261209081400', 12: TSINAJINNIE}),
    seg('OBR', {1: '1', 2: 'SC-ORD-300801^SAGECHART', 4: '83036^HEMOGLOBIN A1C^C4', 7: '20261209081000', 16: TSINAJINNIE,
                27: '^^^^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10', 6: 'W'}),
]
# quirk 2: an OBR-only order (no ORC at all) from the same EHR's lipid order set
M['09-orm-o01-obr-only'] = [
    msh('SAGECHART', 'SSRH-BP', '20261209081530', 'SC30010009', 'ORM^O01', '2.3.1'),
    seg('PID', KLE),
    seg('PV1', PV1K),
    seg('OBR', {1: '1', 2: 'SC-ORD-300802^SAGECHART', 4: 'LIPID^LIPID PANEL^L~80061^Lipid panel^C4', 7: '20261209081000',
                16: TSINAJINNIE, 27: '^^^^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E78.5^Hyperlipidemia, unspecified^I10', 6: 'W'}),
]
# the A1c is cancelled: ORC-1 CA, ORC-16 reason, bare ORC-9
M['10-orm-o01-cancel'] = [
    msh('SAGECHART', 'SSRH-BP', '20261209094012', 'SC30010010', 'ORM^O01', '2.3.1'),
    seg('PID', KLE),
    seg('PV1', PV1K),
    seg('ORC', {1: 'CA', 2: 'SC-ORD-300801^SAGECHART', 9: '20261209093900', 12: TSINAJINNIE,
                16: 'DUP^A1c already drawn 12/01 at Eden^L'}),
    seg('OBR', {1: '1', 2: 'SC-ORD-300801^SAGECHART', 4: '83036^HEMOGLOBIN A1C^C4', 16: TSINAJINNIE}),
]

# ---- DESROSIERS-YAZZIE (child), the state public-health lab's ELR (summer MDT -0600) ----
DES = {1: '1', 3: 'SS3001333^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR', 5: 'DESROSIERS-YAZZIE^NAVEAH^^^^^L',
       6: 'YAZZIE^CHARMAINE^^^^^M', 7: '20190305', 8: 'F', 10: '2106-3^White^CDCREC~1002-5^American Indian or Alaska Native^CDCREC',
       11: '30 ELK RUN^^BOULDER^WY^82923^USA^H^^56035', 13: '^PRN^PH^^1^307^5550333', 22: 'N^Not Hispanic or Latino^HL70189'}
PHL = 'Wyoming Public Health Laboratory^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^53D0301330'
PHLADDR = '208 S COLLEGE DR^^CHEYENNE^WY^82007^USA^B'
ELRH = {21: 'PHLabReport-NoAck^ELR_Receiver^2.16.840.1.113883.9.11^ISO'}
PERT = '43913-3^Bordetella pertussis DNA [Presence] in Nasopharynx by NAA with probe detection^LN'
PARA = '43914-1^Bordetella parapertussis DNA [Presence] in Nasopharynx by NAA with probe detection^LN'


def elr(ctl, t, status, obx):
    return [
        msh('STARLIMS', 'WYPHL^2.16.840.1.113883.3.3001.50^ISO', t, ctl, 'ORU^R01^ORU_R01', '2.5.1', ELRH),
        seg('SFT', {1: 'Abbott Informatics^L^^^^ABB&2.16.840.1.113883.3.3001.51&ISO^XX^^^1', 2: '11.4', 3: 'STARLiMS', 4: '11.4.2'}),
        seg('PID', DES),
        seg('ORC', {1: 'RE', 2: 'SS-PH-300111^SSRH', 3: 'PHL26-0330111^WYPHL', 12: VANDERMOLEN,
                    21: 'Sweetwater Sage Rural Health - Boulder Flats^L^^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^XX^^^SSRH-BF',
                    22: '14 MAIN ST^^BOULDER^WY^82923^USA^B', 23: '^WPN^PH^^1^307^5550400', 24: '14 MAIN ST^^BOULDER^WY^82923^USA^B'}),
        seg('OBR', {1: '1', 2: 'SS-PH-300111^SSRH', 3: 'PHL26-0330111^WYPHL',
                    4: '43913-3^Bordetella pertussis DNA [Presence] in Nasopharynx by NAA with probe detection^LN', 7: '20260716101500-0600',
                    16: VANDERMOLEN, 22: t[:12] + t[14:], 25: status, 31: '27836007^Pertussis (disorder)^SCT'}),
        *obx,
        seg('SPM', {1: '1', 2: 'SS-PH-300111-1&SSRH&2.16.840.1.113883.3.3001.1&ISO^PHL26-0330111-1&WYPHL&2.16.840.1.113883.3.3001.50&ISO',
                    4: '258500001^Nasopharyngeal swab^SCT', 8: '71836000^Nasopharyngeal structure^SCT', 17: '20260716101500-0600',
                    18: '20260717093000-0600'}),
    ]


def res(n, code, value, status, t):
    return seg('OBX', {1: str(n), 2: 'CWE', 3: code, 5: value, 11: status, 14: '20260716101500-0600',
                       17: 'LAB-PCR^Real-time PCR^L', 18: 'CFX96-4412^BioRad CFX96^L', 19: t,
                       23: PHL, 24: PHLADDR, 25: '^KOSTELECKY-ABARA^RUTH^^^^PHD'})


M['11-oru-r01-elr-pertussis'] = elr('PHL26071711', '20260717163105-0600', 'F', [
    res(1, PERT, '10828004^Positive^SCT', 'F', '20260717152000-0600'),
    res(2, PARA, '10828004^Positive^SCT', 'F', '20260717152000-0600'),
    seg('NTE', {1: '1', 3: 'Reportable condition: Pertussis. Reported to Wyoming Department of Health.'}),
])
# two days later: the parapertussis target was a cross-reaction, corrected to Not detected
M['12-oru-r01-elr-corrected'] = elr('PHL26071911', '20260719094407-0600', 'C', [
    res(1, PERT, '10828004^Positive^SCT', 'F', '20260717152000-0600'),
    res(2, PARA, '260373001^Not detected^SCT', 'C', '20260719091000-0600'),
    seg('NTE', {1: '1', 3: 'Corrected result: parapertussis target repeated, not detected. Previously reported as Positive.'}),
])

# ---- BRANDVOLD-NAKAI (child), the network's VXU feed to the state registry (CDC IG 2.5.1) ----
BRA = {1: '1', 3: 'SS3001456^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR', 5: 'BRANDVOLD-NAKAI^ELOISE^JUNE^^^^L',
       6: 'NAKAI^ROSEMARY^^^^^M', 7: '20150822', 8: 'F', 10: '2106-3^White^CDCREC', 11: '6 WILLOW ST^^PINEDALE^WY^82941^USA^L',
       13: '^PRN^PH^^1^307^5550456', 22: '2186-5^Not Hispanic or Latino^CDCREC', 24: 'N', 25: '1'}
PD1 = seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 13: '20260715', 16: 'A', 17: '20260715', 18: '20150901'})
NK1M = seg('NK1', {1: '1', 2: 'NAKAI^ROSEMARY^^^^^L', 3: 'MTH^Mother^HL70063', 4: '6 WILLOW ST^^PINEDALE^WY^82941^USA^L',
                    5: '^PRN^PH^^1^307^5550456'})
VXH = {21: 'Z22^CDCPHINVS', 22: 'SSRH-EDEN^^^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^XX^^^SSRH-EDEN', 23: 'WYIIS^^^^^WYDH&2.16.840.1.113883.3.3001.60&ISO^XX^^^WYIIS'}
EDEN = '^^^SSRH-EDEN'


def given(sub, cvx, lot, exp, mvx, site, vis_doc, vis_pub, extra=None):
    rxa = {1: '0', 2: '1', 3: '20260715100500-0600', 5: cvx, 6: '0.5', 7: 'mL^MilliLiter^UCUM', 9: '00^New immunization record^NIP001',
           10: RN, 11: EDEN, 15: lot, 16: exp, 17: mvx, 20: 'CP', 21: 'A'}
    rxa.update(extra or {})
    return [
        seg('ORC', {1: 'RE', 3: f'SS-IMM-30013-{sub}^SSRH', 10: RN, 12: VANDERMOLEN}),
        seg('RXA', rxa),
        seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: site}),
        seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                    5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064', 11: 'F', 14: '20260715100500-0600',
                    17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
        seg('OBX', {1: '2', 2: 'CE', 3: '30963-3^Vaccine funding source^LN', 4: '1', 5: 'VXC50^Public^CDCPHINVS', 11: 'F',
                    14: '20260715100500-0600'}),
        seg('OBX', {1: '3', 2: 'CE', 3: '69764-9^Document type^LN', 4: '2', 5: vis_doc, 11: 'F'}),
        seg('OBX', {1: '4', 2: 'DT', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: vis_pub, 11: 'F'}),
        seg('OBX', {1: '5', 2: 'DT', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20260715', 11: 'F'}),
    ]


TDAP = '115^Tdap^CVX'
MEN = '114^meningococcal MCV4P^CVX'
M['13-vxu-v04-two-given-vis'] = [
    msh('SAGECHART', SSRH, '20260715104012-0600', 'SC30010013', 'VXU^V04^VXU_V04', '2.5.1', VXH),
    seg('PID', BRA), PD1, NK1M,
    *given('1', TDAP, 'TD3001A', '20271130', 'SKB^GlaxoSmithKline^MVX', 'LD^Left Deltoid^HL70163',
           '253088698300028811170411^Tetanus/Diphtheria/Pertussis (Td/Tdap) VIS^cdcgs1vis', '20200401'),
    *given('2', MEN, 'MN3001B', '20270630', 'PMC^sanofi pasteur^MVX', 'RD^Right Deltoid^HL70163',
           '253088698300017211170620^Meningococcal ACWY VIS^cdcgs1vis', '20210806'),
]
# the MMR doses from Idaho, keyed from the parent's card: historical (RXA-9 01), RXA-6 999, no lot
M['14-vxu-v04-historical'] = [
    msh('SAGECHART', SSRH, '20260715104520-0600', 'SC30010014', 'VXU^V04^VXU_V04', '2.5.1', VXH),
    seg('PID', BRA), PD1,
    seg('ORC', {1: 'RE', 3: 'SS-IMM-30014-1^SSRH', 10: RN}),
    seg('RXA', {1: '0', 2: '1', 3: '20160901', 5: '03^MMR^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001',
                20: 'CP', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: 'SS-IMM-30014-2^SSRH', 10: RN}),
    seg('RXA', {1: '0', 2: '1', 3: '20190904', 5: '03^MMR^CVX', 6: '999',
                9: '06^Historical information - from birth certificate^NIP001', 11: '^^^^^^^^^^^ID', 20: 'CP', 21: 'A'}),
]
# HPV offered and refused by the parent: RXA-18 00, RXA-20 RE, RXA-6 999 (CDC IG 2.5.1 R1.5 "refusal")
M['15-vxu-v04-refusal'] = [
    msh('SAGECHART', SSRH, '20260715104801-0600', 'SC30010015', 'VXU^V04^VXU_V04', '2.5.1', VXH),
    seg('PID', BRA), PD1,
    seg('ORC', {1: 'RE', 3: 'SS-IMM-30015-1^SSRH', 10: RN}),
    seg('RXA', {1: '0', 2: '1', 3: '20260715', 5: '165^HPV9^CVX', 6: '999', 18: '00^Parental decision^NIP002', 20: 'RE'}),
]
# the meningococcal dose of #13 was for her twin: RXA-21 D (winter, MST -0700)
M['16-vxu-v04-delete'] = [
    msh('SAGECHART', SSRH, '20261202084405-0700', 'SC30010016', 'VXU^V04^VXU_V04', '2.5.1', VXH),
    seg('PID', BRA), PD1,
    seg('ORC', {1: 'RE', 3: 'SS-IMM-30013-2^SSRH', 10: RN, 12: VANDERMOLEN}),
    seg('RXA', {1: '0', 2: '1', 3: '20260715100500-0600', 5: MEN, 6: '0.5', 7: 'mL^MilliLiter^UCUM',
                9: '00^New immunization record^NIP001', 10: RN, 11: EDEN, 15: 'MN3001B', 16: '20270630',
                17: 'PMC^sanofi pasteur^MVX', 20: 'CP', 21: 'D'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RD^Right Deltoid^HL70163'}),
]
# the Tdap of #13: the lot was mistyped (TD3001A → TD3010A): RXA-21 U with the whole dose again
M['17-vxu-v04-update-lot'] = [
    msh('SAGECHART', SSRH, '20261202085010-0700', 'SC30010017', 'VXU^V04^VXU_V04', '2.5.1', VXH),
    seg('PID', BRA), PD1,
    *given('1', TDAP, 'TD3010A', '20271130', 'SKB^GlaxoSmithKline^MVX', 'LD^Left Deltoid^HL70163',
           '253088698300028811170411^Tetanus/Diphtheria/Pertussis (Td/Tdap) VIS^cdcgs1vis', '20200401', {21: 'U'}),
]

# ---- scheduler (SSRH "PrairieSched", v2.4, winter MST -0700) for HOLLENBECK-TSOSIE's diabetes follow-up ----
def siu(evt, ctl, t, status, start, end, extra=None, ais_start=None, aip=None, reason=None):
    sch = {1: 'PS-300118^PRAIRIESCHED', 2: 'PS-300118^PRAIRIESCHED', 4: '', 5: '', 6: reason or '',
           7: 'DMFU^Diabetes follow-up^L', 8: 'FOLLOWUP^Follow-up^HL70277', 9: '30', 10: 'min',
           11: f'^^30^{start}^{end}', 16: 'SSSCH02^MEEKS-ALONSO^JOLENE', 20: 'SSSCH02^MEEKS-ALONSO^JOLENE', 25: status}
    sch.update(extra or {})
    return [
        msh('PRAIRIESCHED', SSRH, t, ctl, f'SIU^{evt}^SIU_S12', '2.4'),
        seg('SCH', sch),
        seg('PID', HOL),
        seg('PV1', {1: '1', 2: 'O', 3: 'FARSON^EXAM1^^SSRH-FAR', 7: OKAFOR}),
        seg('RGS', {1: '1', 2: 'A'}),
        seg('AIS', {1: '1', 2: 'A', 3: '99214^Office visit established moderate^C4', 4: ais_start or start, 7: '30', 8: 'min'}),
        seg('AIL', {1: '1', 2: 'A', 3: 'FARSON^EXAM1^^SSRH-FAR', 6: ais_start or start, 9: '30', 10: 'min'}),
        seg('AIP', {1: '1', 2: 'A', 3: aip or OKAFOR, 4: 'D^Doctor^HL70182', 6: ais_start or start, 9: '30', 10: 'min'}),
    ]


M['18-siu-s12-book'] = siu('S12', 'PS30010018', '20261208111502-0700', 'Booked', '20261215093000-0700', '20261215100000-0700')
# moved 30 min later and to the PA (S14 modification)
M['19-siu-s14-modify'] = siu('S14', 'PS30010019', '20261210160022-0700', 'Booked', '20261215100000-0700', '20261215103000-0700',
                             aip=TSINAJINNIE, reason='PROVCHG^Provider schedule change^L')
# cancelled: roads closed (S15), SCH-6 reason, SCH-25 Cancelled
M['20-siu-s15-cancel'] = siu('S15', 'PS30010020', '20261214170544-0700', 'Cancelled', '20261215100000-0700', '20261215103000-0700',
                             aip=TSINAJINNIE, reason='WEATHER^Road closure - winter storm^L')

# ---- referral (REF^I12 2.5.1) for HOLLENBECK-TSOSIE to an endocrinologist in Rock Springs ----
M['21-ref-i12-endo'] = [
    msh('SAGECHART', SSRH, '20261208112030-0700', 'SC30010021', 'REF^I12^REF_I12', '2.5.1'),
    seg('RF1', {1: 'P^Pending^HL70283', 2: 'R^Routine^HL70280', 3: 'Med^Medical^HL70281', 5: 'O^Outpatient^HL70284',
                6: 'SSREF-300121^SAGECHART', 7: '20261208', 8: '20270608', 9: '20261208',
                10: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10', 11: 'RSE-88120^RSENDO'}),
    seg('PRD', {1: 'RP^Referring Provider^HL70286', 2: 'OKAFOR-LINDQVIST^BRIGID^E^^^MD', 3: '14 MAIN ST^^FARSON^WY^82932^USA^B',
                5: '^WPN^PH^^1^307^5550160', 7: '1730010011^NPI'}),
    seg('PRD', {1: 'RT^Referred to Provider^HL70286', 2: 'ZELAZNY-MORROW^PIOTR^^^^MD', 3: '2800 COLLEGE DR^^ROCK SPRINGS^WY^82901^USA^B',
                5: '^WPN^PH^^1^307^5552880', 7: '1730088120^NPI'}),
    seg('PID', HOL),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10', 6: 'W'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'FARSON^EXAM1^^SSRH-FAR', 7: OKAFOR}),
    seg('NTE', {1: '1', 3: 'A1c 9.8 despite metformin 1000 mg BID and glipizide; please evaluate for insulin.'}),
]

# ---- ESPINOSA-RUUD: clinic pharmacy order + clinic-administered dose + consult note (winter MST -0700) ----
ESP = {1: '1', 3: 'SS3001688^^^SSRH&2.16.840.1.113883.3.3001.1&ISO^MR', 5: 'ESPINOSA-RUUD^IGNACIO^^^^^L', 7: '19890612', 8: 'M',
       11: '1202 FREMONT AVE^^BIG PINEY^WY^83113^USA^H', 13: '^PRN^CP^^1^307^5550688'}
PV1E = {1: '1', 2: 'O', 3: 'BIGPINEY^PROC^^SSRH-BP', 7: TSINAJINNIE, 19: 'SV300168801^^^SSRH^VN', 44: '20261211140500-0700'}
CRO = '1665005^ceftriaxone 500 MG Injection^RXNORM'
M['22-omp-o09-ceftriaxone'] = [
    msh('SAGECHART', SSRH, '20261211142211-0700', 'SC30010022', 'OMP^O09^OMP_O09', '2.7'),
    seg('PID', ESP),
    seg('PV1', PV1E),
    seg('ORC', {1: 'NW', 2: 'SC-RX-300122^SAGECHART', 5: 'IP', 9: '20261211142000-0700', 12: TSINAJINNIE}),
    seg('TQ1', {1: '1', 2: '1', 3: 'ONCE^Once^HL70335', 7: '20261211143000-0700', 9: 'S^Stat^HL70485'}),
    seg('RXO', {1: CRO, 2: '500', 4: 'mg^milligram^UCUM', 9: 'N', 14: TSINAJINNIE, 20: 'A54.9^Gonococcal infection, unspecified^I10'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LG^Left Gluteus Medius^HL70163'}),
]
M['23-ras-o17-ceftriaxone-given'] = [
    msh('SAGECHART', SSRH, '20261211144608-0700', 'SC30010023', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', ESP),
    seg('PV1', PV1E),
    seg('ORC', {1: 'RE', 2: 'SC-RX-300122^SAGECHART', 5: 'CM', 12: TSINAJINNIE}),
    seg('RXA', {1: '0', 2: '1', 3: '20261211143800-0700', 5: CRO, 6: '500', 7: 'mg^milligram^UCUM', 10: RN,
                11: '^^^SSRH-BP', 15: 'CX3001Z', 16: '20280131', 17: 'HIK^Hikma^MVX', 20: 'CP'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LG^Left Gluteus Medius^HL70163'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '8310-5^Body temperature^LN', 5: '37.9', 6: 'Cel^degree Celsius^UCUM', 11: 'F',
                14: '20261211143500-0700'}),
]
M['24-mdm-t02-consult-note'] = [
    msh('SAGECHART', SSRH, '20261211160101-0700', 'SC30010024', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {2: '20261211160101-0700'}),
    seg('PID', ESP),
    seg('PV1', {**PV1E, 45: '20261211151000-0700'}),
    seg('TXA', {1: '1', 2: 'CN^Consultation^HL70270', 3: 'TX', 4: '20261211150500-0700', 5: TSINAJINNIE, 7: '20261211155800-0700',
                9: TSINAJINNIE, 12: 'SC-DOC-300124^SAGECHART', 17: 'AU^Authenticated^HL70271', 22: f'{TSINAJINNIE}^^20261211160000-0700'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '11488-4^Consult note^LN', 5: 'Urethral discharge x3 days. NAAT sent. Ceftriaxone 500 mg IM given.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '11488-4^Consult note^LN', 5: 'Partner notification discussed; state DIS contact offered.', 11: 'F'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
