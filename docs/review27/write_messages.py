#!/usr/bin/env python3
r"""Review 27's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of
- an Epic-like v2.5.1 ADT feed at a community hospital (Larkspur Prairie Community Hospital, LPCH, Springfield MO,
  America/Chicago: -0500 in the July stay, -0600 in the December messages): PID-3 MRN ~ enterprise ID, PID-18 HAR,
  PV1-19 CSN, bare EVN/PV1-44/45 times beside MSH-7 with its offset, NPI-typed XCN; A01, A02, A08 with `""`, A03,
  A13 cancel discharge, A40 merge (v2.3 from the hospital's legacy EMPI), A60 allergy add/update (v2.7);
- the same hospital's inpatient pharmacy system (v2.6): RDE^O11 NW / XO / DC with TQ1 and RXR, RDS^O13 with RXD,
  RAS^O17 with RXA (the nurse's charting);
- a reference lab in Arizona (Saguaro Basin Reference Laboratory, SBRL, Tempe, -0700 all year: no DST) for the
  hospital's outpatients: OML^O21 NW with two ORC/OBR pairs under one requisition (ORC-4), ORM^O01 SC (specimen
  received, ORC-5 IP), ORU^R01 preliminary -> final -> corrected (OBX-11 C), an ORU with one of two tests
  rejected (hemolysed: OBR-25 X, SPM-20 N, SPM-21 RH, SPM-24 HEM, NTE) and the placer's CA of that test;
- the hospital's VXU^V04 2.5.1 to the state IIS (influenza given + a historical dose) and a v2.8 RXA-21 D;
- a transcription vendor's MDM^T02 (v2.3) discharge summary.
Patients and numbers (27...) none of reviews 16-26's. Fields placed by number. All persons, numbers and addresses
are invented. Writes docs/review27/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review27/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review27/messages')


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
# Epic-like XCN: NPI^family^given^middle^^^degree^^NPI authority^L^^^NPI
ESPINOZA = f'1457027101^ESPINOZA-HART^RAFAEL^T^^^MD^^{NPI}^L^^^NPI'
MAGNUSSEN = f'1457027102^MAGNUSSEN^LIESEL^^^^DO^^{NPI}^L^^^NPI'
ORTEGA = f'1457027103^ORTEGA-BLAIR^NADIA^^^^MD^^{NPI}^L^^^NPI'
PCP = f'1457027104^WHITCOMBE^ELLIOT^R^^^MD^^{NPI}^L^^^NPI'
PHARM = f'1457027105^TSOSIE-MARTEL^GRETA^^^^PHARMD^^{NPI}^L^^^NPI'
RN = 'RN27118^BELLAMY-OKORO^JUNE^^^^RN^^LPCH^L^^^EI'
M = {}

# ---- HOLLENBECK-NWOSU: a July stay at LPCH (CDT, -0500) ----
HOL = {1: '1', 2: 'E2701001', 3: '270100123^^^LPCH^MR~E2701001^^^EPI^PI', 5: 'HOLLENBECK-NWOSU^MARISOL^JUNE^^^^L',
       7: '19610322', 8: 'F', 10: '2106-3^White^CDCREC', 11: '1907 W SUNSHINE ST^APT 4B^SPRINGFIELD^MO^65807^USA^H',
       13: '^PRN^PH^^1^417^5550144~^NET^Internet^marisol.hn@example.org', 14: '^WPN^PH^^1^417^5550190',
       15: 'ENG^English^ISO6392', 16: 'M^Married^HL70002', 18: '270190001^^^LPCH^AN', 19: '499-27-0101',
       22: '2186-5^Not Hispanic or Latino^CDCREC'}
# after #08's update (new address, no e-mail, work phone cleared): what every later LPCH system sends
HOL2 = {**HOL, 11: '44 CHERRY BLOSSOM LN^^NIXA^MO^65714^USA^H', 13: '^PRN^PH^^1^417^5550144', 14: ''}
PV1H = {1: '1', 2: 'I^Inpatient^HL70004', 3: 'LP5W^512^A^LPCH^^^^^5 WEST', 4: 'E^Emergency^HL70007',
        7: ESPINOZA, 8: PCP, 10: 'MED^Medicine^HL70069', 14: 'EO^Emergency^HL70023', 17: ESPINOZA,
        18: 'IN', 19: '270180001^^^LPCH^VN', 20: 'MCR', 39: 'LPCH', 44: '20260714061800'}
M['01-adt-a01-admit-summer'] = [
    msh('EPIC', 'LPCH', '20260714064233-0500', 'LP27010001', 'ADT^A01^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A01', 2: '20260714064200', 5: 'REG0271^PEMBERTON^AVA', 6: '20260714061800'}),
    seg('PID', HOL),
    seg('PD1', {4: PCP}),
    seg('NK1', {1: '1', 2: 'NWOSU^CHIDI', 3: 'SPO^Spouse^HL70063', 5: '^PRN^PH^^1^417^5550145', 7: 'EC^Emergency Contact^HL70131'}),
    seg('PV1', PV1H),
    seg('PV2', {3: '^Right leg cellulitis, failed outpatient antibiotics'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '70618^Penicillin^RXNORM', 4: 'MO^Moderate^HL70128', 5: 'Rash'}),
    seg('DG1', {1: '1', 3: 'L03.115^Cellulitis of right lower limb^I10', 6: 'A'}),
    seg('IN1', {1: '1', 2: 'MCR^Medicare^L', 3: 'MCR01', 4: 'MEDICARE', 12: '20260301', 16: 'HOLLENBECK-NWOSU^MARISOL^JUNE',
                17: '01^Self^HL70063', 36: '2XK7TW4MP61'}),
]
# Pharmacy (v2.6): vancomycin 1250 mg IV q12h, pharmacist-verified
VANC = '11124^Vancomycin 1250 MG in 250 ML Injection^RXNORM'
M['02-rde-o11-vanco-nw'] = [
    msh('RXLEDGER', 'LPCH', '20260714083015-0500', 'RXL2702', 'RDE^O11^RDE_O11', '2.6'),
    seg('PID', HOL),
    seg('PV1', PV1H),
    seg('ORC', {1: 'NW', 2: '27RX50012^EPC', 3: '27PH70012^RXLEDGER', 5: 'SC', 9: '20260714082400-0500', 12: ESPINOZA,
                21: 'LARKSPUR PRAIRIE COMMUNITY HOSPITAL^^^^^LPCH'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20260714090000-0500', 9: 'R^Routine^HL70485'}),
    seg('RXE', {2: VANC, 3: '1250', 5: 'mg^milligram^UCUM', 6: 'SOLN^Solution^HL70292',
                7: '^Infuse over 90 minutes; trough before 4th dose', 10: '1', 11: 'ea^each^UCUM', 13: PHARM,
                21: '^Cellulitis, MRSA risk', 23: '166.7', 24: 'mL/h^milliliter per hour^UCUM'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 3: 'IVP^IV Pump^HL70164'}),
]
M['03-rds-o13-vanco-dispense'] = [
    msh('RXLEDGER', 'LPCH', '20260714084410-0500', 'RXL2703', 'RDS^O13^RDS_O13', '2.6'),
    seg('PID', HOL),
    seg('PV1', PV1H),
    seg('ORC', {1: 'RE', 2: '27RX50012^EPC', 3: '27PH70012^RXLEDGER', 12: ESPINOZA}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20260714090000-0500'}),
    seg('RXE', {2: VANC, 3: '1250', 5: 'mg^milligram^UCUM', 6: 'SOLN^Solution^HL70292', 10: '1', 11: 'ea^each^UCUM'}),
    seg('RXD', {1: '1', 2: VANC, 3: '20260714084000-0500', 4: '1', 5: 'ea^each^UCUM', 7: '27DSP880041', 10: PHARM,
                13: 'LP5W^^^LPCH'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]
M['04-ras-o17-vanco-given'] = [
    msh('RXLEDGER', 'LPCH', '20260714104801-0500', 'RXL2704', 'RAS^O17^RAS_O17', '2.6'),
    seg('PID', HOL),
    seg('PV1', PV1H),
    seg('ORC', {1: 'RE', 2: '27RX50012^EPC', 3: '27PH70012^RXLEDGER', 12: ESPINOZA}),
    seg('RXA', {1: '0', 2: '1', 3: '20260714091500-0500', 4: '20260714104500-0500', 5: VANC, 6: '1250',
                7: 'mg^milligram^UCUM', 10: RN, 11: 'LP5W^512^A^LPCH', 20: 'CP', 22: '20260714104700-0500'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left Arm^HL70163'}),
]
M['05-adt-a02-transfer'] = [
    msh('EPIC', 'LPCH', '20260715132508-0500', 'LP27010005', 'ADT^A02^ADT_A02', '2.5.1'),
    seg('EVN', {1: 'A02', 2: '20260715132500', 5: 'RN27118^BELLAMY-OKORO^JUNE', 6: '20260715131000'}),
    seg('PID', HOL),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 6: 'LP5W^512^A^LPCH^^^^^5 WEST', 7: MAGNUSSEN, 17: ESPINOZA}),
]
# Trough high: dose changed 1250 -> 1000 mg, q12h kept (the whole RXE re-sent)
VANC1000 = '11124^Vancomycin 1000 MG in 250 ML Injection^RXNORM'
M['06-rde-o11-vanco-xo'] = [
    msh('RXLEDGER', 'LPCH', '20260715191233-0500', 'RXL2706', 'RDE^O11^RDE_O11', '2.6'),
    seg('PID', HOL),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 7: MAGNUSSEN}),
    seg('ORC', {1: 'XO', 2: '27RX50012^EPC', 3: '27PH70012^RXLEDGER', 5: 'SC', 9: '20260715190800-0500', 12: MAGNUSSEN,
                16: 'TRGH^Trough 24.1 mcg/mL - dose reduced per pharmacy protocol^L'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20260715210000-0500', 9: 'R^Routine^HL70485'}),
    seg('RXE', {2: VANC1000, 3: '1000', 5: 'mg^milligram^UCUM', 6: 'SOLN^Solution^HL70292',
                7: '^Infuse over 60 minutes; recheck trough before 3rd dose', 10: '1', 11: 'ea^each^UCUM', 13: PHARM,
                21: '^Cellulitis, MRSA risk', 23: '250', 24: 'mL/h^milliliter per hour^UCUM'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 3: 'IVP^IV Pump^HL70164'}),
]
# Allergy update (v2.7, the Epic-like allergy interface): latex added, the penicillin allergy updated (reaction now
# anaphylaxis per the patient's daughter; severity SV)
M['07-adt-a60-allergy-update'] = [
    msh('EPIC', 'LPCH', '20260716094512-0500', 'LP27010007', 'ADT^A60^ADT_A60', '2.7'),
    seg('EVN', {2: '20260716094500'}),
    seg('PID', HOL),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 7: MAGNUSSEN}),
    seg('IAM', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '70618^Penicillin^RXNORM', 4: 'SV^Severe^HL70128',
                5: '39579001^Anaphylaxis^SCT', 6: 'U^Update^HL70323', 7: '27ALG0101^EPIC', 11: '1998',
                13: '20260716094000-0500', 14: MAGNUSSEN, 17: 'C^Confirmed^HL70438'}),
    seg('IAM', {1: '2', 2: 'MA^Miscellaneous allergy^HL70127', 3: '111088007^Latex^SCT', 4: 'MI^Mild^HL70128',
                5: '271807003^Eruption of skin^SCT', 6: 'A^Add^HL70323', 7: '27ALG0102^EPIC', 11: '20260715',
                13: '20260716094100-0500', 14: MAGNUSSEN, 17: 'U^Unconfirmed^HL70438'}),
]
# Update: the patient's email and work phone are cleared ("" in the repetition), ambulatory status sent, PV1-8 cleared
M['08-adt-a08-update'] = [
    msh('EPIC', 'LPCH', '20260716151905-0500', 'LP27010008', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A08', 2: '20260716151900', 5: 'REG0271^PEMBERTON^AVA'}),
    seg('PID', {**HOL, 11: '44 CHERRY BLOSSOM LN^^NIXA^MO^65714^USA^H', 13: '^PRN^PH^^1^417^5550144', 14: '""'}),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 7: MAGNUSSEN, 8: '""', 15: 'A0^No functional limitations^HL70009'}),
]
M['09-rde-o11-vanco-dc'] = [
    msh('RXLEDGER', 'LPCH', '20260717080211-0500', 'RXL2709', 'RDE^O11^RDE_O11', '2.6'),
    seg('PID', HOL2),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 7: MAGNUSSEN}),
    seg('ORC', {1: 'DC', 2: '27RX50012^EPC', 3: '27PH70012^RXLEDGER', 5: 'DC', 9: '20260717075800-0500', 12: MAGNUSSEN,
                16: 'ORALSTEP^Step down to oral linezolid^L'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20260715210000-0500', 8: '20260717075800-0500'}),
    seg('RXE', {2: VANC1000, 3: '1000', 5: 'mg^milligram^UCUM', 6: 'SOLN^Solution^HL70292', 10: '1', 11: 'ea^each^UCUM'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]
M['10-adt-a03-discharge'] = [
    msh('EPIC', 'LPCH', '20260717142244-0500', 'LP27010010', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20260717142200', 6: '20260717140500'}),
    seg('PID', HOL2),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 7: MAGNUSSEN, 36: '01^Discharged to home^HL70112',
                45: '20260717140500'}),
    seg('DG1', {1: '1', 3: 'L03.115^Cellulitis of right lower limb^I10', 6: 'F'}),
]
# Discharge entered in error (she stayed for an MRI): A13, EVN-4 and the PV1 with the discharge fields still sent
M['11-adt-a13-cancel-discharge'] = [
    msh('EPIC', 'LPCH', '20260717155930-0500', 'LP27010011', 'ADT^A13^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A13', 2: '20260717155900', 4: 'ERR^Entered in error^HL70062', 6: '20260717140500'}),
    seg('PID', HOL2),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 7: MAGNUSSEN}),
]
# Transcription vendor (v2.3): discharge summary, authenticated, TXA-12 unique document number
M['12-mdm-t02-discharge-summary'] = [
    msh('SCRIBEWAVE', 'LPCH', '20260718111502-0500', 'SW27012', 'MDM^T02', '2.3'),
    seg('EVN', {1: 'T02', 2: '20260718111500'}),
    seg('PID', HOL2),
    seg('PV1', {**PV1H, 3: 'LPSTEP^208^B^LPCH^^^^^STEP DOWN', 7: MAGNUSSEN}),
    seg('TXA', {1: '1', 2: 'DS^Discharge Summary', 3: 'TX', 4: '20260718093000-0500', 5: MAGNUSSEN,
                6: '20260718090000-0500', 9: 'SW0441^DIKTAS^RUTH', 12: 'SW27-0012884^SCRIBEWAVE', 17: 'AU', 18: 'U', 19: 'AV',
                22: f'{MAGNUSSEN}^^20260718110500-0500'}),  # PPN.15 the authentication time
    seg('OBX', {1: '1', 2: 'TX', 3: '18842-5^Discharge summary^LN', 4: '1', 5: 'HOSPITAL COURSE: Admitted 7/14 with right leg cellulitis; IV vancomycin, changed to oral linezolid 7/17.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '18842-5^Discharge summary^LN', 4: '1', 5: 'DISPOSITION: Home 7/18. Follow up with Dr. Whitcombe in 1 week.', 11: 'F'}),
]

# ---- Winter (CST, -0600): the legacy EMPI's v2.3 merge at LPCH ----
M['13-adt-a40-merge'] = [
    msh('LPCHEMPI', 'LPCH', '20261201101722-0600', 'EMPI27013', 'ADT^A40', '2.3'),
    seg('EVN', {1: 'A40', 2: '20261201101700'}),
    seg('PID', {1: '1', 3: '270200456^^^LPCH^MR', 5: 'VANTERPOOL^OSWIN^DELANO^^^^L', 7: '19880909', 8: 'M',
                11: '2610 E CHESTNUT EXPY^^SPRINGFIELD^MO^65802^USA^H', 18: '270290456^^^LPCH^AN'}),
    seg('MRG', {1: '270200471^^^LPCH^MR', 3: '270290471^^^LPCH^AN', 7: 'VANTERPOOL^OSWIN'}),
]

# ---- TRUJILLO-BRANNIGAN: outpatient lab, LPCH -> SBRL (Tempe, -0700) ----
TRU = {1: '1', 3: '270300789^^^LPCH^MR~E2703007^^^EPI^PI', 5: 'TRUJILLO-BRANNIGAN^ESPERANZA^^^^^L', 7: '19740611', 8: 'F',
       11: '812 S KANSAS EXPY^^SPRINGFIELD^MO^65807^USA^H', 13: '^PRN^CP^^1^417^5550377', 18: '270390789^^^LPCH^AN'}
PV1T = {1: '1', 2: 'O^Outpatient^HL70004', 3: 'LPOPL^^^LPCH^^^^^OUTPATIENT LAB', 7: PCP, 19: '270380789^^^LPCH^VN'}
LIPID = '57698-3^Lipid panel with direct LDL - Serum or Plasma^LN'
A1C = '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN'
SPMT = {1: '1', 2: '27SP00145&EPC', 4: '119364003^Serum specimen^SCT', 17: '20261201092000-0600'}
M['14-oml-o21-two-tests-nw'] = [
    msh('EPIC', 'LPCH', '20261201092511-0600', 'LP27020014', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', TRU),
    seg('PV1', PV1T),
    seg('IN1', {1: '1', 2: 'CIGNA-OAP^Cigna Open Access Plus^L', 3: '62308', 4: 'CIGNA', 36: 'U27740911'}),
    seg('ORC', {1: 'NW', 2: '27140001^EPC', 4: '27140000^EPC', 9: '20261201091800-0600', 12: PCP}),
    seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: '27140001^EPC', 4: LIPID, 7: '20261201092000-0600', 16: PCP}),
    seg('DG1', {1: '1', 3: 'E78.5^Hyperlipidemia, unspecified^I10', 6: 'W'}),
    seg('SPM', SPMT),
    seg('ORC', {1: 'NW', 2: '27140002^EPC', 4: '27140000^EPC', 9: '20261201091800-0600', 12: PCP}),
    seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '2', 2: '27140002^EPC', 4: A1C, 7: '20261201092000-0600', 16: PCP}),
    seg('DG1', {1: '1', 3: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: '27SP00146&EPC', 4: '122555007^Venous blood specimen^SCT', 17: '20261201092000-0600'}),
]
# SBRL received the specimens (its own clock, -0700): status change, one ORC/OBR per test
M['15-orm-o01-sc-received'] = [
    msh('SBRL-LIS', 'SBRL', '20261201132204-0700', 'SB2715', 'ORM^O01^ORM_O01', '2.5.1'),
    seg('PID', TRU),
    seg('ORC', {1: 'SC', 2: '27140001^EPC', 3: 'SB27-4471120^SBRL', 4: '27140000^EPC', 5: 'IP', 9: '20261201132000-0700'}),
    seg('OBR', {1: '1', 2: '27140001^EPC', 3: 'SB27-4471120^SBRL', 4: LIPID, 14: '20261201131500-0700'}),
    seg('ORC', {1: 'SC', 2: '27140002^EPC', 3: 'SB27-4471121^SBRL', 4: '27140000^EPC', 5: 'IP', 9: '20261201132000-0700'}),
    seg('OBR', {1: '2', 2: '27140002^EPC', 3: 'SB27-4471121^SBRL', 4: A1C, 14: '20261201131500-0700'}),
]
CLIA = 'SAGUARO BASIN REFERENCE LABORATORY^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^03D2712345'
MD_SB = f'1457027199^QUILLFEATHER^ROSALIND^^^^MD^^{NPI}^L^^^NPI'


def obx(i, typ, code, val, units, rng, flag, status, t='20261201180000-0700', sub=''):
    return seg('OBX', {1: str(i), 2: typ, 3: code, 4: sub, 5: val, 6: units, 7: rng, 8: flag, 11: status, 14: '20261201092000-0600',
                       19: t, 23: CLIA})


def orc_obr(i, placer, filler, code, status, t, extra=None):
    o = {1: 'RE', 2: f'{placer}^EPC', 3: f'{filler}^SBRL', 4: '27140000^EPC', 12: PCP}
    r = {1: str(i), 2: f'{placer}^EPC', 3: f'{filler}^SBRL', 4: code, 7: '20261201092000-0600', 14: '20261201131500-0700',
         16: PCP, 22: t, 24: 'CH', 25: status}
    r.update(extra or {})
    return [seg('ORC', o), seg('OBR', r)]


MGDL = 'mg/dL^milligram per deciliter^UCUM'
M['16-oru-r01-lipid-prelim'] = [
    msh('SBRL-LIS', 'SBRL', '20261201180512-0700', 'SB2716', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TRU),
    *orc_obr(1, '27140001', 'SB27-4471120', LIPID, 'P', '20261201180500-0700'),
    obx(1, 'NM', '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', '246', MGDL, '<200', 'H', 'P'),
    obx(2, 'NM', '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', '188', MGDL, '<150', 'H', 'P'),
]
M['17-oru-r01-two-obr-final'] = [
    msh('SBRL-LIS', 'SBRL', '20261202071844-0700', 'SB2717', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TRU),
    *orc_obr(1, '27140001', 'SB27-4471120', LIPID, 'F', '20261202071800-0700', {32: '1457027199&QUILLFEATHER&ROSALIND'}),  # NDL.1 a CNN (subcomponents)
    obx(1, 'NM', '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', '246', MGDL, '<200', 'H', 'F'),
    obx(2, 'NM', '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', '188', MGDL, '<150', 'H', 'F'),
    obx(3, 'NM', '2085-9^Cholesterol in HDL [Mass/volume] in Serum or Plasma^LN', '41', MGDL, '>39', 'N', 'F'),
    obx(4, 'NM', '18262-6^Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay^LN', '168', MGDL, '<100', 'H', 'F',
        '20261202064000-0700'),
    *orc_obr(2, '27140002', 'SB27-4471121', A1C, 'F', '20261202071800-0700'),
    obx(1, 'NM', '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN', '7.9', '%^percent^UCUM', '4.0-5.6', 'H', 'F',
        '20261202060000-0700'),
]
M['18-oru-r01-ldl-corrected'] = [
    msh('SBRL-LIS', 'SBRL', '20261203102130-0700', 'SB2718', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TRU),
    *orc_obr(1, '27140001', 'SB27-4471120', LIPID, 'C', '20261203102100-0700'),
    obx(1, 'NM', '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', '246', MGDL, '<200', 'H', 'F'),
    obx(2, 'NM', '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', '188', MGDL, '<150', 'H', 'F'),
    obx(3, 'NM', '2085-9^Cholesterol in HDL [Mass/volume] in Serum or Plasma^LN', '41', MGDL, '>39', 'N', 'F'),
    obx(4, 'NM', '18262-6^Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay^LN', '158', MGDL, '<100', 'H', 'C',
        '20261203095000-0700'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected result: LDL re-assayed after calibration error; previously reported 168 mg/dL.'}),
]

# ---- DRUMMOND-HAKIMI: outpatient, CBC + BMP under one requisition; BMP specimen haemolysed ----
DRU = {1: '1', 3: '270400812^^^LPCH^MR~E2704008^^^EPI^PI', 5: 'DRUMMOND-HAKIMI^CASPER^IVO^^^^L', 7: '19520218', 8: 'M',
       11: '3301 S FREMONT AVE^^SPRINGFIELD^MO^65804^USA^H', 13: '^PRN^PH^^1^417^5550561', 18: '270490812^^^LPCH^AN'}
PV1D = {**PV1T, 19: '270480812^^^LPCH^VN'}
CBC = '58410-2^CBC panel - Blood by Automated count^LN'
BMP = '51990-0^Basic metabolic panel - Blood^LN'
M['19-oml-o21-cbc-bmp-nw'] = [
    msh('EPIC', 'LPCH', '20261202081005-0600', 'LP27020019', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', DRU),
    seg('PV1', PV1D),
    seg('ORC', {1: 'NW', 2: '27190001^EPC', 4: '27190000^EPC', 9: '20261202080500-0600', 12: ORTEGA}),
    seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: '27190001^EPC', 4: CBC, 7: '20261202080800-0600', 16: ORTEGA}),
    seg('DG1', {1: '1', 3: 'D64.9^Anemia, unspecified^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: '27SP00190&EPC', 4: '122555007^Venous blood specimen^SCT', 17: '20261202080800-0600'}),
    seg('ORC', {1: 'NW', 2: '27190002^EPC', 4: '27190000^EPC', 9: '20261202080500-0600', 12: ORTEGA}),
    seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '2', 2: '27190002^EPC', 4: BMP, 7: '20261202080800-0600', 16: ORTEGA}),
    seg('DG1', {1: '1', 3: 'N18.3^Chronic kidney disease, stage 3^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: '27SP00191&EPC', 4: '119364003^Serum specimen^SCT', 17: '20261202080800-0600'}),
]
M['20-oru-r01-cbc-final-bmp-rejected'] = [
    msh('SBRL-LIS', 'SBRL', '20261202141207-0700', 'SB2720', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', DRU),
    seg('ORC', {1: 'RE', 2: '27190001^EPC', 3: 'SB27-4480330^SBRL', 4: '27190000^EPC', 5: 'CM', 12: ORTEGA}),
    seg('OBR', {1: '1', 2: '27190001^EPC', 3: 'SB27-4480330^SBRL', 4: CBC, 7: '20261202080800-0600', 16: ORTEGA,
                22: '20261202141000-0700', 24: 'HM', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '718-7^Hemoglobin [Mass/volume] in Blood^LN', 5: '10.4', 6: 'g/dL^gram per deciliter^UCUM',
                7: '13.5-17.5', 8: 'L', 11: 'F', 14: '20261202080800-0600', 23: CLIA}),
    seg('OBX', {1: '2', 2: 'NM', 3: '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', 5: '6.2',
                6: '10*3/uL^thousand per microliter^UCUM', 7: '4.0-11.0', 8: 'N', 11: 'F', 14: '20261202080800-0600', 23: CLIA}),
    seg('SPM', {1: '1', 2: '27SP00190&EPC^SB27-S88121&SBRL', 4: '122555007^Venous blood specimen^SCT',
                17: '20261202080800-0600', 18: '20261202131500-0700'}),
    seg('ORC', {1: 'RE', 2: '27190002^EPC', 3: 'SB27-4480331^SBRL', 4: '27190000^EPC', 5: 'CA', 12: ORTEGA}),
    seg('OBR', {1: '2', 2: '27190002^EPC', 3: 'SB27-4480331^SBRL', 4: BMP, 7: '20261202080800-0600', 16: ORTEGA,
                22: '20261202141000-0700', 24: 'CH', 25: 'X'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Specimen grossly hemolyzed. Test not performed. Please recollect.'}),
    seg('SPM', {1: '1', 2: '27SP00191&EPC^SB27-S88122&SBRL', 4: '119364003^Serum specimen^SCT', 17: '20261202080800-0600',
                18: '20261202131500-0700', 20: 'N', 21: 'RH^Hemolysis^HL70490', 24: 'HEM^Hemolyzed^HL70493'}),
]
M['21-oml-o21-bmp-ca'] = [
    msh('EPIC', 'LPCH', '20261202163140-0600', 'LP27020021', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', DRU),
    seg('PV1', PV1D),
    seg('ORC', {1: 'CA', 2: '27190002^EPC', 3: 'SB27-4480331^SBRL', 4: '27190000^EPC', 5: 'CA', 9: '20261202163000-0600', 12: ORTEGA,
                16: 'RECOLL^Specimen rejected by lab - reordered^L'}),
    seg('OBR', {1: '1', 2: '27190002^EPC', 3: 'SB27-4480331^SBRL', 4: BMP, 16: ORTEGA}),
]

# ---- Immunization: LPCH -> state IIS ----
M['22-vxu-v04-flu-historical'] = [
    msh('EPIC', 'LPCH', '20261203110215-0600', 'LP27020022', 'VXU^V04^VXU_V04', '2.5.1', {21: 'Z22^CDCPHINVS'}),
    seg('PID', DRU),
    seg('ORC', {1: 'RE', 3: '27IMM0220001^LPCH', 12: ORTEGA}),
    seg('RXA', {1: '0', 2: '1', 3: '20261203104500-0600', 5: '197^Influenza, high-dose, quadrivalent^CVX', 6: '0.7', 7: 'mL^mL^UCUM',
                9: '00^New immunization record^NIP001', 10: RN, 11: 'LPOPL^^^LPCH', 15: 'UT7719AA', 16: '20270630',
                17: 'PMC^Sanofi Pasteur^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LD^Left Deltoid^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V01^Not VFC eligible^HL70064', 11: 'F', 14: '20261203104500-0600', 17: 'VXC40^per immunization^CDCPHINVS'}),
    seg('ORC', {1: 'RE', 3: '27IMM0220002^LPCH'}),
    seg('RXA', {1: '0', 2: '1', 3: '20250916', 5: '309^COVID-19, mRNA, LNP-S, bivalent, PF, 2024-2025 formula^CVX', 6: '999',
                9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A'}),
]
# The flu dose of #22 was charted on the wrong patient: deleted by RXA-21 D (v2.8), the same ORC-3
M['23-vxu-v04-delete-duplicate'] = [
    msh('EPIC', 'LPCH', '20261204081733-0600', 'LP27020023', 'VXU^V04^VXU_V04', '2.8', {21: 'Z22^CDCPHINVS'}),
    seg('PID', DRU),
    seg('ORC', {1: 'RE', 3: '27IMM0220001^LPCH', 12: ORTEGA}),
    seg('RXA', {1: '0', 2: '1', 3: '20261203104500-0600', 5: '197^Influenza, high-dose, quadrivalent^CVX', 6: '0.7', 7: 'mL^mL^UCUM',
                9: '00^New immunization record^NIP001', 10: RN, 15: 'UT7719AA', 17: 'PMC^Sanofi Pasteur^MVX', 20: 'CP', 21: 'D'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LD^Left Deltoid^HL70163'}),
]
M['24-adt-a08-winter-update'] = [
    msh('EPIC', 'LPCH', '20261204141210-0600', 'LP27020024', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A08', 2: '20261204141200', 5: 'REG0271^PEMBERTON^AVA'}),
    seg('PID', {**DRU, 13: '^PRN^PH^^1^417^5550561~^ORN^CP^^1^417^5550562', 16: 'W^Widowed^HL70002'}),
    seg('PD1', {4: ORTEGA}),
    seg('PV1', {**PV1D, 44: '20261204133000'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
