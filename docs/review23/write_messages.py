#!/usr/bin/env python3
r"""Review 23's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of Allscripts Sunrise (Cinder Mesa Regional Medical Center, CMRMC, Phoenix -0700: A01, A02, A12
cancel transfer, A03, an ORM with two ORC/OBR groups, an XO change, an in-house ORU), athenahealth ambulatory
(Palo Blanco Family Practice, PBFP, Phoenix -0700: A04 with two IN1, ORM to the reference lab, SIU^S12 with
SCH-11, MDM^T02, DFT^P03), a Quest-style national reference lab (Ironbound Reference Laboratories, IRL,
-0500, results for the -0700 client; a correction OBR-25 C / OBX-11 C), a LabCorp-style microbiology feed
(Piedmont Crossroads Laboratory, PCL, -0500: preliminary culture, then final with a susceptibility child OBR,
OBR-26/29), a Meditech Expanse pharmacy (Juniper Flats Community Hospital, JFCH, Albuquerque -0700: RDE with
RXC base + additive, RAS of the compound, RDE DC), a state IIS feed from a pediatric clinic (Ocotillo
Pediatrics, VXU 2.5.1: several doses, two refusals, a historical dose, OBX groups; then an RXA-21 U update)
and an HIE (Sonoran HIE, SHIE: A08 with "" deletes, A40 merge, A47 identifier change).
Patients and numbers (...2301...) none of reviews 16-22's. Fields placed by number.
All persons, numbers and addresses are invented.
Writes docs/review23/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review23/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review23/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'HIG', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
CM = 'CMRMC'                      # Sunrise: bare namespace
PB = 'PBFP&2.16.840.1.113883.3.2301.5&ISO'
JF = 'JFCH'                       # Meditech: bare namespace
SH = 'SHIE&2.16.840.1.113883.3.2301.9&ISO'
IIS = 'AZIIS&2.16.840.1.113883.3.2301.7&ISO'
ACHTERBERG = f'1230111101^ACHTERBERG^LUCIEN^M^^^MD^^{NPI}^L^^^NPI'
SOLORZANO = f'1230122202^SOLORZANO^INES^^^^MD^^{NPI}^L^^^NPI'
MBATHA = f'1230133303^MBATHA^THEMBA^^^^DO^^{NPI}^L^^^NPI'
KOVALENKO = f'1230144404^KOVALENKO^OKSANA^^^^MD^^{NPI}^L^^^NPI'
GRAYWOLF = f'1230155505^GRAYWOLF^NAOMI^^^^NP^^{NPI}^L^^^NPI'
M = {}

# ---- VANDERMEER-ASANTE (Sunrise 2.5.1 / 2.3, CMRMC, Phoenix -0700) ----
VAN = {1: '1', 2: 'CM230114', 3: f'CM230114^^^{CM}^MR~900-23-0114^^^SSA^SS', 5: 'VANDERMEER-ASANTE^HOLLIS^J^^^^L', 7: '19520309', 8: 'M',
       10: '2106-3^White^CDCREC', 11: '4418 E CAMELBACK RD^APT 12^PHOENIX^AZ^85018^USA^H', 13: '^PRN^PH^^1^602^5550141',
       15: 'ENG^English^HL70296', 16: 'M^Married^HL70002', 18: f'CV2301140^^^{CM}^AN'}
PV1_ADM = {1: '1', 2: 'I', 3: '4W^412^B^CMRMC', 4: 'E^Emergency^HL70007', 7: ACHTERBERG, 10: 'MED', 14: 'ER',
           17: MBATHA, 18: 'INP', 19: f'CV2301140^^^{CM}^VN', 44: '20261207221500-0700'}
M['01-adt-a01-admit-sunrise'] = [
    msh('SCM', 'CMRMC', '20261207223011-0700', 'SCM2301A0101', 'ADT^A01^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A01', 2: '20261207223000-0700', 5: f'23011^PARKHURST^ELLEN^^^^^^{CM}'}),
    seg('PID', VAN),
    seg('NK1', {1: '1', 2: 'VANDERMEER-ASANTE^GRACE^^^^^L', 3: 'SPO^Spouse^HL70063', 5: '^PRN^PH^^1^602^5550142', 7: 'EC^Emergency Contact^HL70131'}),
    seg('PV1', PV1_ADM),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '2670^Codeine^RXNORM', 4: 'MO^Moderate^HL70128', 5: 'Nausea and vomiting'}),
    seg('DG1', {1: '1', 3: 'I50.23^Acute on chronic systolic heart failure^I10', 6: 'A^Admitting^HL70052'}),
]
M['02-adt-a02-transfer-icu'] = [
    msh('SCM', 'CMRMC', '20261208031502-0700', 'SCM2301A0201', 'ADT^A02^ADT_A02', '2.5.1'),
    seg('EVN', {1: 'A02', 2: '20261208031500-0700', 6: '20261208030500-0700'}),
    seg('PID', VAN),
    seg('PV1', {**PV1_ADM, 3: 'ICU^I06^A^CMRMC', 6: '4W^412^B^CMRMC', 7: ACHTERBERG}),
]
M['03-adt-a12-cancel-transfer'] = [
    msh('SCM', 'CMRMC', '20261208034012-0700', 'SCM2301A1201', 'ADT^A12^ADT_A12', '2.5.1'),
    seg('EVN', {1: 'A12', 2: '20261208034000-0700', 4: '03', 5: f'23011^PARKHURST^ELLEN^^^^^^{CM}'}),
    seg('PID', VAN),
    seg('PV1', {**PV1_ADM, 3: '4W^412^B^CMRMC'}),
]
PV1_ORD = seg('PV1', {1: '1', 2: 'I', 3: '4W^412^B^CMRMC', 7: ACHTERBERG, 19: f'CV2301140^^^{CM}^VN'})
M['04-orm-two-groups'] = [
    msh('SCM', 'CMRMC', '20261208050533-0700', 'SCM2301O0401', 'ORM^O01', '2.3'),
    seg('PID', VAN), PV1_ORD,
    seg('ORC', {1: 'NW', 2: 'SCM-230141^SCM', 5: 'SC', 7: '^^^20261208060000-0700^^R', 9: '20261208050500-0700',
                10: f'23022^ROSALES^MIGUEL^^^^^^{CM}', 12: ACHTERBERG}),
    seg('OBR', {1: '1', 2: 'SCM-230141^SCM', 4: 'CBCD^CBC with differential^CMRMCLAB', 7: '20261208060000-0700', 16: ACHTERBERG,
                27: '^^^20261208060000-0700^^R'}),
    seg('NTE', {1: '1', 2: 'P', 3: 'Draw with morning labs.'}),
    seg('ORC', {1: 'NW', 2: 'SCM-230142^SCM', 5: 'SC', 7: '^^^20261208053000-0700^^S', 9: '20261208050500-0700',
                10: f'23022^ROSALES^MIGUEL^^^^^^{CM}', 12: ACHTERBERG}),
    seg('OBR', {1: '2', 2: 'SCM-230142^SCM', 4: 'BNP^B-type natriuretic peptide^CMRMCLAB', 7: '20261208053000-0700',
                13: 'Worsening dyspnea overnight', 16: ACHTERBERG, 27: '^^^20261208053000-0700^^S'}),
    seg('DG1', {1: '1', 3: 'I50.23^Acute on chronic systolic heart failure^I10'}),
]
M['05-orm-xo-change'] = [
    msh('SCM', 'CMRMC', '20261208052212-0700', 'SCM2301O0501', 'ORM^O01', '2.3'),
    seg('PID', VAN), PV1_ORD,
    seg('ORC', {1: 'XO', 2: 'SCM-230141^SCM', 5: 'SC', 7: '^^^20261208053000-0700^^S', 9: '20261208052200-0700',
                10: f'23022^ROSALES^MIGUEL^^^^^^{CM}', 12: ACHTERBERG, 16: 'MDCHG^Changed by physician^CMRMC'}),
    seg('OBR', {1: '1', 2: 'SCM-230141^SCM', 4: 'CBCD^CBC with differential^CMRMCLAB', 7: '20261208053000-0700', 16: ACHTERBERG,
                27: '^^^20261208053000-0700^^S'}),
]
M['06-oru-cbc-inhouse'] = [
    msh('SCMLAB', 'CMRMC', '20261208064518-0700', 'SCML2301R0601', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', VAN), PV1_ORD,
    seg('ORC', {1: 'RE', 2: 'SCM-230141^SCM', 3: 'L2301-5561^CMRMCLAB', 12: ACHTERBERG}),
    seg('OBR', {1: '1', 2: 'SCM-230141^SCM', 3: 'L2301-5561^CMRMCLAB', 4: 'CBCD^CBC with differential^CMRMCLAB',
                7: '20261208054000-0700', 16: ACHTERBERG, 22: '20261208064400-0700', 24: 'HM', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', 5: '13.8', 6: '10*3/uL^^UCUM',
                7: '4.0-11.0', 8: 'H', 11: 'F', 14: '20261208054000-0700', 19: '20261208063000-0700'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '718-7^Hemoglobin [Mass/volume] in Blood^LN', 5: '10.9', 6: 'g/dL^^UCUM', 7: '13.5-17.5', 8: 'L',
                11: 'F', 14: '20261208054000-0700', 19: '20261208063000-0700'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '777-3^Platelets [#/volume] in Blood by Automated count^LN', 5: '212', 6: '10*3/uL^^UCUM',
                7: '150-400', 8: 'N', 11: 'F', 14: '20261208054000-0700', 19: '20261208063000-0700'}),
]
M['07-adt-a03-discharge'] = [
    msh('SCM', 'CMRMC', '20261211141005-0700', 'SCM2301A0301', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20261211141000-0700'}),
    seg('PID', VAN),
    seg('PV1', {**PV1_ADM, 36: '06^Discharged to home health^HL70112', 37: 'SUNHH^Sun Valley Home Health', 45: '20261211135500-0700'}),
    seg('DG1', {1: '1', 3: 'I50.23^Acute on chronic systolic heart failure^I10', 6: 'F^Final^HL70052', 15: '1'}),
    seg('DG1', {1: '2', 3: 'N17.9^Acute kidney failure, unspecified^I10', 6: 'F^Final^HL70052', 15: '2'}),
]

# ---- BRIGHTWATER-AMANKWAH (HIE, 2.5.1) ----
BRI = {1: '1', 3: f'SH2301207^^^{SH}^PI~JF2301207^^^{JF}^MR', 5: 'BRIGHTWATER-AMANKWAH^PERPETUA^LOUISE^^^^L', 7: '19690422', 8: 'F',
       11: '902 W ROOSEVELT ST^^PHOENIX^AZ^85007^USA^H', 13: '^PRN^PH^^1^602^5550177~^NET^Internet^p.brightwater@example.org',
       14: '^WPN^PH^^1^480^5550178', 16: 'D^Divorced^HL70002', 17: 'CAT^Catholic^HL70006'}
M['08-adt-a08-hie-deletes'] = [
    msh('SHIE', 'SHIE', '20261208110233-0700', 'SHIE2301A0801', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {2: '20261208110200-0700'}),
    seg('PID', {**BRI, 11: '1675 N 7TH AVE^^PHOENIX^AZ^85007^USA^H', 13: '^PRN^PH^^1^602^5550177', 14: '""', 16: '""', 17: '""'}),
    seg('PD1', {4: '""'}),
    seg('PV1', {1: '1', 2: 'N'}),
]
M['09-adt-a40-merge'] = [
    msh('SHIE', 'SHIE', '20261208112510-0700', 'SHIE2301A4001', 'ADT^A40^ADT_A39', '2.5.1'),
    seg('EVN', {2: '20261208112500-0700'}),
    seg('PID', {1: '1', 3: f'SH2301207^^^{SH}^PI', 5: 'BRIGHTWATER-AMANKWAH^PERPETUA^LOUISE^^^^L', 7: '19690422', 8: 'F'}),
    seg('MRG', {1: f'SH2301299^^^{SH}^PI', 7: 'BRIGHTWATER^PERPETUA^^^^^L'}),
]
M['10-adt-a47-id-change'] = [
    msh('SHIE', 'SHIE', '20261208113044-0700', 'SHIE2301A4701', 'ADT^A47^ADT_A30', '2.5.1'),
    seg('EVN', {2: '20261208113000-0700'}),
    seg('PID', {1: '1', 3: f'JF2301270^^^{JF}^MR', 5: 'BRIGHTWATER-AMANKWAH^PERPETUA^LOUISE^^^^L', 7: '19690422', 8: 'F'}),
    seg('MRG', {1: f'JF2301207^^^{JF}^MR'}),
]

# ---- ZIELINSKI-MOKO (athenahealth ambulatory, PBFP, Phoenix -0700; reference lab IRL -0500) ----
ZIE = {1: '1', 3: f'PB2301330^^^{PB}^MR', 5: 'ZIELINSKI-MOKO^AUGUSTINE^T^^^^L', 7: '19710814', 8: 'M',
       11: '2890 W ELLIOT RD^^CHANDLER^AZ^85224^USA^H', 13: '^PRN^PH^^1^480^5550133~^PRN^CP^^1^480^5550134', 19: '900-23-0133',
       22: '2186-5^Not Hispanic or Latino^CDCREC'}
PV1_PB = seg('PV1', {1: '1', 2: 'O', 3: 'PBFP^^^PBFP', 7: SOLORZANO, 19: f'PBV2301330^^^{PB}^VN', 44: '20261209083000-0700'})
M['11-adt-a04-register-athena'] = [
    msh('ATHENA', 'PBFP', '20261209082611-0700', 'ATH2301A0401', 'ADT^A04^ADT_A01', '2.5.1'),
    seg('EVN', {2: '20261209082600-0700'}),
    seg('PID', ZIE),
    seg('PD1', {4: SOLORZANO}),
    seg('NK1', {1: '1', 2: 'MOKO^ADAEZE^^^^^L', 3: 'SPO^Spouse^HL70063', 5: '^PRN^PH^^1^480^5550135'}),
    PV1_PB,
    seg('GT1', {1: '1', 3: 'ZIELINSKI-MOKO^AUGUSTINE^T', 5: '2890 W ELLIOT RD^^CHANDLER^AZ^85224^USA', 11: 'SEL^Self^HL70063'}),
    seg('IN1', {1: '1', 2: 'AZPPO^Saguaro Shield PPO^PBFP', 3: 'SSP2301^^^PBFP', 4: 'SAGUARO SHIELD HEALTH', 8: 'G-2301-44',
                12: '20260101', 16: 'ZIELINSKI-MOKO^AUGUSTINE^T', 17: 'SEL^Self^HL70063', 36: 'SSH230133001'}),
    seg('IN1', {1: '2', 2: 'MCARE^Medicare Part B^PBFP', 3: 'CMS^^^PBFP', 4: 'MEDICARE', 12: '20260801', 17: 'SEL^Self^HL70063',
                36: '2301ZM4AB77'}),
]
M['12-orm-athena-to-reflab'] = [
    msh('ATHENA', 'PBFP', '20261209091503-0700', 'ATH2301O1201', 'ORM^O01', '2.5.1'),
    seg('PID', ZIE), PV1_PB,
    seg('IN1', {1: '1', 2: 'AZPPO^Saguaro Shield PPO^PBFP', 3: 'SSP2301^^^PBFP', 4: 'SAGUARO SHIELD HEALTH', 8: 'G-2301-44',
                17: 'SEL^Self^HL70063', 36: 'SSH230133001'}),
    seg('ORC', {1: 'NW', 2: 'ATH-2301-9001^ATHENA', 5: 'SC', 9: '20261209091500-0700', 12: SOLORZANO,
                21: 'Palo Blanco Family Practice^^^^^PBFP&2.16.840.1.113883.3.2301.5&ISO^XX^^^2301'}),
    seg('OBR', {1: '1', 2: 'ATH-2301-9001^ATHENA', 4: '496^Hemoglobin A1c^IRL', 7: '20261209091000-0700', 16: SOLORZANO}),
    seg('DG1', {1: '1', 3: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10'}),
    seg('ORC', {1: 'NW', 2: 'ATH-2301-9002^ATHENA', 5: 'SC', 9: '20261209091500-0700', 12: SOLORZANO,
                21: 'Palo Blanco Family Practice^^^^^PBFP&2.16.840.1.113883.3.2301.5&ISO^XX^^^2301'}),
    seg('OBR', {1: '2', 2: 'ATH-2301-9002^ATHENA', 4: '7600^Lipid panel, standard^IRL', 7: '20261209091000-0700', 16: SOLORZANO}),
    seg('DG1', {1: '1', 3: 'E78.5^Hyperlipidemia, unspecified^I10'}),
]
IRL_PERF = 'Ironbound Reference Laboratories^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^31D2301001'
def oru_irl(ctl, t, obr25, obx):
    return [
        msh('IRL', 'IRL^31D2301001^CLIA', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
        seg('PID', ZIE),
        seg('ORC', {1: 'RE', 2: 'ATH-2301-9002^ATHENA', 3: 'IR2301-77120^IRL', 12: SOLORZANO}),
        seg('OBR', {1: '1', 2: 'ATH-2301-9002^ATHENA', 3: 'IR2301-77120^IRL', 4: '7600^Lipid panel, standard^IRL^24331-1^Lipid panel^LN',
                    7: '20261209091000-0700', 14: '20261209200500-0500', 16: SOLORZANO, 22: t[:14] + '-0500', 25: obr25}),
    ] + obx
M['13-oru-reflab-lipid'] = oru_irl('IRL2301R1301', '20261210041722-0500', 'F', [
    seg('OBX', {1: '1', 2: 'NM', 3: '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', 5: '248', 6: 'mg/dL^^UCUM', 7: '<200', 8: 'H',
                11: 'F', 14: '20261209091000-0700', 19: '20261210031500-0500', 23: IRL_PERF}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', 5: '305', 6: 'mg/dL^^UCUM', 7: '<150',
                8: 'H', 11: 'F', 14: '20261209091000-0700', 19: '20261210031500-0500', 23: IRL_PERF}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2085-9^HDL Cholesterol^LN', 5: '41', 6: 'mg/dL^^UCUM', 7: '>39', 8: 'N', 11: 'F',
                14: '20261209091000-0700', 19: '20261210031500-0500', 23: IRL_PERF}),
    seg('OBX', {1: '4', 2: 'NM', 3: '13457-7^Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation^LN', 5: '146',
                6: 'mg/dL^^UCUM', 7: '<100', 8: 'H', 11: 'F', 14: '20261209091000-0700', 19: '20261210031500-0500', 23: IRL_PERF}),
    seg('NTE', {1: '1', 2: 'L', 3: 'LDL calculated by Martin-Hopkins.'}),
])
M['14-oru-reflab-corrected'] = oru_irl('IRL2301R1401', '20261210160411-0500', 'C', [
    seg('OBX', {1: '1', 2: 'NM', 3: '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', 5: '248', 6: 'mg/dL^^UCUM', 7: '<200', 8: 'H',
                11: 'F', 14: '20261209091000-0700', 19: '20261210031500-0500', 23: IRL_PERF}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', 5: '305', 6: 'mg/dL^^UCUM', 7: '<150',
                8: 'H', 11: 'F', 14: '20261209091000-0700', 19: '20261210031500-0500', 23: IRL_PERF}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2085-9^HDL Cholesterol^LN', 5: '41', 6: 'mg/dL^^UCUM', 7: '>39', 8: 'N', 11: 'F',
                14: '20261209091000-0700', 19: '20261210031500-0500', 23: IRL_PERF}),
    seg('OBX', {1: '4', 2: 'NM', 3: '13457-7^Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation^LN', 5: '133',
                6: 'mg/dL^^UCUM', 7: '<100', 8: 'H', 11: 'C', 14: '20261209091000-0700', 19: '20261210154500-0500', 23: IRL_PERF}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected: LDL recalculated; previously reported 146 mg/dL.'}),
])
M['15-siu-s12-athena'] = [
    msh('ATHENA', 'PBFP', '20261210101533-0700', 'ATH2301S1501', 'SIU^S12^SIU_S12', '2.5.1'),
    seg('SCH', {1: 'ATHAPT-23011^ATHENA', 2: 'ATHAPT-23011^ATHENA', 6: 'NEW^New^HL70276', 7: 'LABF^Lab follow-up^PBFP',
                8: 'FOLLOWUP^Follow-up^HL70277', 9: '20', 10: 'min^minutes^UCUM', 11: '^^20^20261217084000-0700^20261217090000-0700',
                16: SOLORZANO, 20: GRAYWOLF, 25: 'Booked^Booked^HL70278'}),
    seg('PID', ZIE), PV1_PB,
    seg('RGS', {1: '1', 2: 'A'}),
    seg('AIG', {1: '1', 2: 'A', 3: '1230122202^SOLORZANO^INES', 4: 'MD^Physician^PBFP'}),
    seg('AIL', {1: '1', 2: 'A', 3: 'PBFP^EXAM3^^PBFP', 4: 'CLINIC^Clinic^HL70305'}),
    seg('AIP', {1: '1', 2: 'A', 3: SOLORZANO, 4: 'ATND^Attending^HL70443', 6: '20261217084000-0700', 9: '20', 10: 'min^minutes^UCUM'}),
]
M['16-mdm-t02-athena-note'] = [
    msh('ATHENA', 'PBFP', '20261209101208-0700', 'ATH2301M1601', 'MDM^T02^MDM_T02', '2.5.1'),
    seg('EVN', {2: '20261209101200-0700'}),
    seg('PID', ZIE), PV1_PB,
    seg('TXA', {1: '1', 2: '11506-3^Progress note^LN', 3: 'TX', 5: SOLORZANO, 6: '20261209095500-0700', 9: SOLORZANO,
                12: 'ATHDOC-2301-448^ATHENA', 17: 'AU', 19: 'AV', 22: f'{SOLORZANO}^^20261209101100-0700'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '11506-3^Progress note^LN', 5: 'A1c 8.4 today by POC; increase metformin to 1000 mg BID.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '11506-3^Progress note^LN', 5: 'Fasting lipid panel ordered; return in one week.', 11: 'F'}),
]
M['17-dft-p03-athena'] = [
    msh('ATHENA', 'PBFP', '20261209180044-0700', 'ATH2301D1701', 'DFT^P03^DFT_P03', '2.5.1'),
    seg('EVN', {1: 'P03', 2: '20261209180000-0700'}),
    seg('PID', ZIE), PV1_PB,
    seg('FT1', {1: '1', 2: 'ATHCHG-23011', 4: '20261209083000-0700', 5: '20261209180000-0700', 6: 'CG^Charge^HL70017',
                7: '99214^Office visit, established, moderate^CPT', 10: '1', 11: '185.00^USD', 19: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10',
                20: SOLORZANO, 21: SOLORZANO, 25: '99214^Office visit, established, moderate^CPT', 26: '25^Significant, separately identifiable E/M^CPT'}),
    seg('FT1', {1: '2', 2: 'ATHCHG-23012', 4: '20261209084500-0700', 5: '20261209180000-0700', 6: 'CG^Charge^HL70017',
                7: '83036^Hemoglobin A1c^CPT', 10: '1', 11: '28.00^USD', 19: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10',
                20: SOLORZANO, 25: '83036^Hemoglobin A1c^CPT', 26: 'QW^CLIA waived test^CPT'}),
    seg('DG1', {1: '1', 3: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10', 6: 'F^Final^HL70052'}),
]

# ---- FAIRCLOTH-NWOSU (athena clinic patient; micro reference lab PCL, -0500) ----
FAI = {1: '1', 3: f'PB2301455^^^{PB}^MR', 5: 'FAIRCLOTH-NWOSU^BEATRIX^^^^^L', 7: '19880130', 8: 'F',
       11: '611 S MILL AVE^^TEMPE^AZ^85281^USA^H'}
PCL_PERF = 'Piedmont Crossroads Laboratory^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^34D2301002'
MICRO_OBR = {1: '1', 2: 'ATH-2301-9110^ATHENA', 3: 'PC2301-40017^PCL', 4: '630-4^Bacteria identified in Urine by Culture^LN',
             7: '20261209140000-0700', 15: '^^^^^^Urine, clean catch', 16: SOLORZANO}
M['18-oru-micro-preliminary'] = [
    msh('PCL', 'PCL^34D2301002^CLIA', '20261210193010-0500', 'PCL2301R1801', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', FAI),
    seg('ORC', {1: 'RE', 2: 'ATH-2301-9110^ATHENA', 3: 'PC2301-40017^PCL', 12: SOLORZANO}),
    seg('OBR', {**MICRO_OBR, 22: '20261210192500-0500', 25: 'P'}),
    seg('OBX', {1: '1', 2: 'ST', 3: '630-4^Bacteria identified in Urine by Culture^LN', 4: '1', 5: 'Gram-negative rods, >100,000 CFU/mL',
                11: 'P', 14: '20261209140000-0700', 23: PCL_PERF}),
    seg('SPM', {1: '1', 4: '122575003^Urine specimen^SCT', 17: '20261209140000-0700'}),
]
M['19-oru-micro-final-susceptibility'] = [
    msh('PCL', 'PCL^34D2301002^CLIA', '20261211161544-0500', 'PCL2301R1901', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', FAI),
    seg('ORC', {1: 'RE', 2: 'ATH-2301-9110^ATHENA', 3: 'PC2301-40017^PCL', 12: SOLORZANO}),
    seg('OBR', {**MICRO_OBR, 22: '20261211161000-0500', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '630-4^Bacteria identified in Urine by Culture^LN', 4: '1',
                5: '112283007^Escherichia coli^SCT', 11: 'F', 14: '20261209140000-0700', 23: PCL_PERF}),
    seg('OBX', {1: '2', 2: 'SN', 3: '19090-0^Colony count [#/volume] in Urine^LN', 4: '1', 5: '>^100000', 6: '{CFU}/mL^^UCUM', 11: 'F',
                14: '20261209140000-0700', 23: PCL_PERF}),
    seg('SPM', {1: '1', 4: '122575003^Urine specimen^SCT', 17: '20261209140000-0700'}),
    seg('ORC', {1: 'RE', 2: 'ATH-2301-9110^ATHENA', 3: 'PC2301-40017S^PCL', 12: SOLORZANO}),
    seg('OBR', {1: '2', 2: 'ATH-2301-9110^ATHENA', 3: 'PC2301-40017S^PCL', 4: '29576-6^Bacterial susceptibility panel^LN',
                7: '20261209140000-0700', 16: SOLORZANO, 22: '20261211161000-0500', 25: 'F',
                26: '630-4&Bacteria identified in Urine by Culture&LN^1^Escherichia coli', 29: 'ATH-2301-9110&ATHENA^PC2301-40017&PCL'}),
    seg('OBX', {1: '1', 2: 'SN', 3: '18864-9^Ampicillin [Susceptibility]^LN', 4: '1', 5: '>=^32', 6: 'ug/mL^^UCUM', 8: 'R', 11: 'F', 23: PCL_PERF}),
    seg('OBX', {1: '2', 2: 'SN', 3: '18906-8^Ciprofloxacin [Susceptibility]^LN', 4: '1', 5: '<=^0.25', 6: 'ug/mL^^UCUM', 8: 'S', 11: 'F', 23: PCL_PERF}),
    seg('OBX', {1: '3', 2: 'SN', 3: '18955-5^Nitrofurantoin [Susceptibility]^LN', 4: '1', 5: '<=^16', 6: 'ug/mL^^UCUM', 8: 'S', 11: 'F', 23: PCL_PERF}),
    seg('OBX', {1: '4', 2: 'SN', 3: '18998-5^Trimethoprim+Sulfamethoxazole [Susceptibility]^LN', 4: '1', 5: '>=^320', 6: 'ug/mL^^UCUM', 8: 'R',
                11: 'F', 23: PCL_PERF}),
]

# ---- HAVILAND-MUSA (Meditech Expanse pharmacy, JFCH, Albuquerque -0700) ----
HAV = {1: '1', 3: f'JF2301582^^^{JF}^MR', 5: 'HAVILAND-MUSA^DESMOND^R', 7: '19600105', 8: 'M', 18: f'JV23015821^^^{JF}^AN'}
PV1_JF = seg('PV1', {1: '1', 2: 'I', 3: 'MSU^208^1^JFCH', 7: KOVALENKO, 19: f'JV23015821^^^{JF}^VN', 44: '20261208161000-0700'})
COMPOUND = '2301IVKCL^Potassium chloride 20 mEq in sodium chloride 0.9% 1000 mL^JFCHRX'
RXC_B = seg('RXC', {1: 'B', 2: '313002^Sodium Chloride 0.9% Injectable Solution^RXNORM', 3: '1000', 4: 'mL^milliliter^UCUM'})
RXC_A = seg('RXC', {1: 'A', 2: '1001368^Potassium Chloride 2 MEQ/ML Injectable Solution^RXNORM', 3: '20', 4: 'meq^milliequivalent^UCUM'})
def rde(ctl, t, orc1, orc5, extra_orc=None):
    orc = {1: orc1, 2: 'JF2301-RX778^MEDITECH', 3: 'JP2301-4410^JFCHRX', 5: orc5, 9: t[:12] + '00' + t[14:], 12: KOVALENKO}
    orc.update(extra_orc or {})
    return [
        msh('MEDITECH', 'JFCH', t, ctl, 'RDE^O11^RDE_O11', '2.5.1'),
        seg('PID', HAV), PV1_JF,
        seg('ORC', orc),
        seg('TQ1', {1: '1', 6: '8^h&hour&UCUM', 7: '20261208170000-0700', 9: 'R^Routine^HL70485'}),
        seg('RXE', {2: COMPOUND, 3: '1000', 5: 'mL^milliliter^UCUM', 6: 'IVSOL^IV solution^JFCHRX', 10: '1', 11: 'BAG^bag^JFCHRX',
                    21: 'Infuse over 8 h; check K+ in AM', 23: '125', 24: 'mL/h^milliliter per hour^UCUM'}),
        seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left arm^HL70163', 3: 'IVP^IV pump^HL70164'}),
        RXC_B, RXC_A,
    ]
M['20-rde-compound-iv'] = rde('JF2301P2001', '20261208164533-0700', 'NW', 'IP')
M['21-ras-compound-given'] = [
    msh('MEDITECH', 'JFCH', '20261208171505-0700', 'JF2301P2101', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', HAV), PV1_JF,
    seg('ORC', {1: 'RE', 2: 'JF2301-RX778^MEDITECH', 3: 'JP2301-4410^JFCHRX', 5: 'IP', 9: '20261208171500-0700', 12: KOVALENKO}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208170200-0700', 4: '20261208170200-0700', 5: COMPOUND, 6: '1000', 7: 'mL^milliliter^UCUM',
                10: f'2301RN44^ESPINOZA^CARMELITA^^^^RN^^{JF}', 12: '125', 13: 'mL/h^milliliter per hour^UCUM', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left arm^HL70163'}),
    seg('RXC', {1: 'B', 2: '313002^Sodium Chloride 0.9% Injectable Solution^RXNORM', 3: '1000', 4: 'mL^milliliter^UCUM'}),
    seg('RXC', {1: 'A', 2: '1001368^Potassium Chloride 2 MEQ/ML Injectable Solution^RXNORM', 3: '20', 4: 'meq^milliequivalent^UCUM'}),
]
M['22-rde-dc-compound'] = rde('JF2301P2201', '20261209061210-0700', 'DC', 'DC', {16: 'KNORM^Potassium normalized^JFCHRX'})

# ---- KRISTIANSEN-DELUCA (pediatric clinic -> state IIS, 2.5.1) ----
KRI = {1: '1', 3: f'OP2301611^^^OCOPEDS^MR~AZ2301611^^^{IIS}^SR', 5: 'KRISTIANSEN-DELUCA^MILO^^^^^L', 6: 'DELUCA^^^^^^M', 7: '20261004',
       8: 'M', 11: '1530 E BASELINE RD^^GILBERT^AZ^85233^USA^H', 13: '^PRN^PH^^1^480^5550161'}
OPEDS = seg('ORC', {1: 'RE', 3: 'OP2301-IZ01^OCOPEDS', 12: GRAYWOLF})
def vxu(ctl, t, body):
    return [msh('OCOPEDS_EHR', 'OCOPEDS', t, ctl, 'VXU^V04^VXU_V04', '2.5.1', {5: 'AZIIS', 6: 'AZDHS', 21: 'Z22^CDCPHINVS'}),
            seg('PID', KRI),
            seg('PD1', {11: '02^Reminder/recall - any method^HL70215', 12: 'N', 16: 'A', 17: '20261004'}),
            seg('NK1', {1: '1', 2: 'DELUCA^SERAFINA^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^PH^^1^480^5550161'})] + body
VFC = lambda n, d: seg('OBX', {1: n, 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                               5: 'V03^VFC eligible - Uninsured^HL70064', 11: 'F', 14: d, 17: 'VXC40^per immunization^CDCPHINVS'})
M['23-vxu-several-doses-refusals'] = vxu('OPV2301V2301', '20261206103512-0700', [
    seg('ORC', {1: 'RE', 3: 'OP2301-IZ01^OCOPEDS', 12: GRAYWOLF}),
    seg('RXA', {1: '0', 2: '1', 3: '20261206101500-0700', 5: '110^DTaP-Hep B-IPV^CVX', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 10: f'2301MA7^OKONJO^TALIA^^^^^^OCOPEDS', 11: '^^^OCOPEDS',
                15: 'OP23LOT110A', 16: '20280131', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LT^Left thigh^HL70163'}),
    VFC('1', '20261206101500-0700'),
    seg('ORC', {1: 'RE', 3: 'OP2301-IZ02^OCOPEDS', 12: GRAYWOLF}),
    seg('RXA', {1: '0', 2: '1', 3: '20261206101700-0700', 5: '49^Hib (PRP-OMP)^CVX', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 10: f'2301MA7^OKONJO^TALIA^^^^^^OCOPEDS', 11: '^^^OCOPEDS',
                15: 'OP23LOT49B', 16: '20270930', 17: 'MSD^Merck and Co^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right thigh^HL70163'}),
    VFC('1', '20261206101700-0700'),
    seg('ORC', {1: 'RE', 3: '9999^OCOPEDS', 12: GRAYWOLF}),
    seg('RXA', {1: '0', 2: '1', 3: '20261005', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '999',
                9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: '9999^OCOPEDS', 12: GRAYWOLF}),
    seg('RXA', {1: '0', 2: '1', 3: '20261206102000-0700', 5: '215^Pneumococcal conjugate PCV 15^CVX', 6: '999',
                18: '00^Parental decision^NIP002', 20: 'RE', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: '9999^OCOPEDS', 12: GRAYWOLF}),
    seg('RXA', {1: '0', 2: '1', 3: '20261206102000-0700', 5: '119^Rotavirus, monovalent^CVX', 6: '999',
                18: '01^Religious exemption^NIP002', 20: 'RE', 21: 'A'}),
])
M['24-vxu-update-and-new-dose'] = vxu('OPV2301V2401', '20261209153044-0700', [
    seg('ORC', {1: 'RE', 3: 'OP2301-IZ02^OCOPEDS', 12: GRAYWOLF}),
    seg('RXA', {1: '0', 2: '1', 3: '20261206101700-0700', 5: '49^Hib (PRP-OMP)^CVX', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 10: f'2301MA7^OKONJO^TALIA^^^^^^OCOPEDS', 11: '^^^OCOPEDS',
                15: 'OP23LOT49C', 16: '20270930', 17: 'MSD^Merck and Co^MVX', 20: 'CP', 21: 'U'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right thigh^HL70163'}),
    seg('ORC', {1: 'RE', 3: 'OP2301-IZ03^OCOPEDS', 12: GRAYWOLF}),
    seg('RXA', {1: '0', 2: '1', 3: '20261209150500-0700', 5: '215^Pneumococcal conjugate PCV 15^CVX', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 10: f'2301MA7^OKONJO^TALIA^^^^^^OCOPEDS', 11: '^^^OCOPEDS',
                15: 'OP23LOT215A', 16: '20280630', 17: 'MSD^Merck and Co^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LT^Left thigh^HL70163'}),
    VFC('1', '20261209150500-0700'),
    seg('OBX', {1: '2', 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: '2', 5: '152^Pneumococcal Conjugate, unspecified formulation^CVX', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: '20230512', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261209', 11: 'F'}),
])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))


if __name__ == '__main__':
    main()
