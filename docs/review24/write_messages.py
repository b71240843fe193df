#!/usr/bin/env python3
r"""Review 24's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of
- Epic Bridges outbound ADT 2.5.1 (Wexford Falls Health, WFH, New York: -0400 until 1 Nov 2026 02:00, -0500
  after): A04 in the last EDT hour, A08 with `""` deletes in the first EST hour, A12 cancel transfer, A03,
  A05 pre-admit + A38 cancel, A45 move visit; a DFT^P03 and an overnight SIU^S12 across the March 2027 change;
- Cerner Millennium lab 2.5.1 (Cedar Hollow Medical Center, CHMC, -0500): OML^O21 with three ORC groups,
  an ORU with two ORDER_OBSERVATION groups and offset-less times around the fall-back hour, a correction
  (OBR-25 C, OBX-11 C), a blood bank type & screen + crossmatch;
- NextGen ambulatory ORM^O01 2.3 (Birchmont Family Medicine, BFM): NW with three ORC/OBR pairs, XO, CA of two
  pairs, an ORC-only DC;
- a radiology RIS 2.3 (Tamarack Imaging Associates, TIA): ORM NW, ORU with TX lines, an FT impression and OBR-32;
- Omnicell/Pyxis-style pharmacy (CHMC 2.5.1): RDE PRN (TQ1-9 PRN), RDE prednisone taper (four TQ1), RDS from a
  cabinet;
- a hospital immunization feed (WFH pediatrics → IIS, VXU 2.5.1): combination vaccine with three VIS OBX groups
  and a historical dose; evidence of immunity (RXA-20 NA, CVX 998) and a refusal (RXA-20 RE).
Patients and numbers (2401...) none of reviews 16-23's. Fields placed by number. All persons, numbers and
addresses are invented. Writes docs/review24/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review24/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review24/messages')


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
WF = 'WFH&2.16.840.1.113883.3.2401.1&ISO'
CH = 'CHMC&2.16.840.1.113883.3.2401.2&ISO'
# Epic XCN habit: ID^family^given^middle^suffix^prefix^degree^^authority^name type^^^id type
ABERG = f'1240110021^ABERG-MWANGI^TOBIAH^J^^^MD^^{NPI}^L^^^NPI'
STRAND = f'1240220032^STRANDQUIST^IMOGEN^^^^DO^^{NPI}^L^^^NPI'
OKEKE = f'1240330043^OKEKE-HARTLEY^PRISCILLA^^^^MD^^{NPI}^L^^^NPI'
VELLA = f'1240440054^VELLACOURT^EMIL^R^^^MD^^{NPI}^L^^^NPI'
M = {}

# ---- QUILLFEATHER (Epic Bridges, WFH, New York) ----
QUI = {1: '1', 3: f'2401011^^^{WF}^MR~999-24-0111^^^SSA&2.16.840.1.113883.4.1&ISO^SS', 5: 'QUILLFEATHER^AUGUSTINE^MERRICK^^^^L',
       7: '19670923', 8: 'M', 10: '2106-3^White^CDCREC', 11: '18 TANNERY BROOK RD^^WEXFORD FALLS^NY^12883^USA^H',
       13: '^PRN^PH^^1^518^5550140~^NET^Internet^aquill@example.org', 16: 'M^Married^HL70002', 18: f'24010110001^^^{WF}^AN',
       22: '2186-5^Not Hispanic or Latino^CDCREC'}
PV1Q = {1: '1', 2: 'E', 3: 'WFED^E12^01^WFH^^^^^WFH ED', 4: 'E', 7: ABERG, 10: 'EM', 14: '7', 18: 'ER', 19: f'2401011001^^^{WF}^VN',
        44: '20261101013500-0400'}
M['01-adt-a04-ed-register'] = [
    msh('EPIC', 'WFH', '20261101014012-0400', 'WF240101', 'ADT^A04^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A04', 2: '20261101014000-0400', 6: '20261101013500-0400'}),
    seg('PID', QUI),
    seg('PD1', {4: STRAND}),
    seg('NK1', {1: '1', 2: 'QUILLFEATHER^HESTER^^^^^L', 3: 'SPO^Spouse^HL70063', 5: '^PRN^PH^^1^518^5550141', 7: 'EP^Emergency contact^HL70131'}),
    seg('PV1', PV1Q),
    seg('PV2', {3: '^Chest tightness since midnight'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '2670^Codeine^RXNORM', 4: 'MO^Moderate^HL70128', 5: 'Nausea and vomiting'}),
]
# A08 in the first EST hour: 01:25-0500 is 06:25Z, after #01's 01:40-0400 (05:40Z). The whole PID-13 is re-sent
# with the home phone only (the e-mail gone); PID-16 marital status and PD1-4 primary care are sent as "" (cleared).
M['02-adt-a08-update-deletes'] = [
    msh('EPIC', 'WFH', '20261101012533-0500', 'WF240102', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A08', 2: '20261101012500-0500', 5: f'WF2401REG^PELLETIER^NADINE^^^^^^{WF}'}),
    seg('PID', {**QUI, 11: '4 MILLRACE LN^APT 2^GLENS FALLS^NY^12801^USA^H', 13: '^PRN^PH^^1^518^5550140', 16: '""'}),
    seg('PD1', {4: '""'}),
    seg('PV1', {**PV1Q, 7: OKEKE}),
]
# Cancel transfer: the patient went ED -> 5 West 512-B at 03:10 EST (an A02 not in the sample); it is undone.
# v2.5.1 3.3.12: PV1-3 is the location before the transfer, PV1-6 the cancelled one.
M['03-adt-a12-cancel-transfer'] = [
    msh('EPIC', 'WFH', '20261101033105-0500', 'WF240103', 'ADT^A12^ADT_A12', '2.5.1'),
    seg('EVN', {1: 'A12', 2: '20261101033100-0500', 4: 'ADTERR', 6: '20261101031000-0500'}),
    seg('PID', {**QUI, 13: '^PRN^PH^^1^518^5550140', 16: ''}),
    seg('PV1', {**PV1Q, 2: 'I', 3: 'WFED^E12^01^WFH^^^^^WFH ED', 6: '5W^512^B^WFH^^^^^5 WEST', 7: OKEKE}),
]
M['04-adt-a03-discharge'] = [
    msh('EPIC', 'WFH', '20261103114502-0500', 'WF240104', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20261103114500-0500', 6: '20261103113000-0500'}),
    seg('PID', {**QUI, 13: '^PRN^PH^^1^518^5550140', 16: ''}),
    seg('PV1', {**PV1Q, 2: 'I', 3: '5W^512^B^WFH^^^^^5 WEST', 7: OKEKE, 36: '01^Discharged to home or self care^HL70112',
                45: '20261103113000-0500'}),
    seg('DG1', {1: '1', 3: 'I20.0^Unstable angina^I10', 6: 'F^Final^HL70052', 15: '1'}),
    seg('DG1', {1: '2', 3: 'E78.5^Hyperlipidemia, unspecified^I10', 6: 'F^Final^HL70052', 15: '2'}),
]

# ---- MARCHETTI-ODUYA (Epic pre-admit + cancel) ----
MAR = {1: '1', 3: f'2401052^^^{WF}^MR', 5: 'MARCHETTI-ODUYA^SELENE^VIOLA^^^^L', 7: '19850216', 8: 'F',
       11: '230 CANAL ST^^COHOES^NY^12047^USA^H', 13: '^PRN^CP^^1^518^5550277', 18: f'24010520001^^^{WF}^AN'}
PV1M = {1: '1', 2: 'P', 3: 'SURG^^^WFH', 4: 'R^Elective^HL70007', 7: VELLA, 10: 'SUR', 19: f'2401052001^^^{WF}^VN'}
M['05-adt-a05-preadmit'] = [
    msh('EPIC', 'WFH', '20261207142211-0500', 'WF240105', 'ADT^A05^ADT_A05', '2.5.1'),
    seg('EVN', {1: 'A05', 2: '20261207142200-0500'}),
    seg('PID', MAR),
    seg('PV1', PV1M),
    seg('PV2', {3: '^Laparoscopic cholecystectomy', 8: '20261214073000-0500', 9: '20261215120000-0500'}),
    seg('DG1', {1: '1', 3: 'K80.20^Calculus of gallbladder without obstruction^I10', 6: 'A^Admitting^HL70052'}),
]
M['06-adt-a38-cancel-preadmit'] = [
    msh('EPIC', 'WFH', '20261209091540-0500', 'WF240106', 'ADT^A38^ADT_A38', '2.5.1'),
    seg('EVN', {1: 'A38', 2: '20261209091500-0500', 4: 'PTCANC^Patient cancelled surgery^WFH'}),
    seg('PID', MAR),
    seg('PV1', PV1M),
]

# ---- THORVALDSEN (Epic A45: the visit was registered under the wrong patient THORVALD) ----
M['07-adt-a45-move-visit'] = [
    msh('EPIC', 'WFH', '20261208100307-0500', 'WF240107', 'ADT^A45^ADT_A45', '2.5.1'),
    seg('EVN', {1: 'A45', 2: '20261208100300-0500'}),
    seg('PID', {1: '1', 3: f'2401073^^^{WF}^MR', 5: 'THORVALDSEN^BARNABY^ELIAS^^^^L', 7: '19520730', 8: 'M',
                18: f'24010730001^^^{WF}^AN'}),
    seg('MRG', {1: f'2401084^^^{WF}^MR', 3: f'24010840001^^^{WF}^AN', 5: f'2401084002^^^{WF}^VN', 7: 'THORVALD^BARNEY'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'WFCARD^^^WFH', 7: STRAND, 19: f'2401084002^^^{WF}^VN', 44: '20261207090000-0500'}),
]

# ---- VANTONGEREN (Cerner Millennium lab, CHMC, -0500 / -0400) ----
VAN = {1: '1', 3: f'2401208^^^{CH}^MR', 5: 'VANTONGEREN^HILDEGARD^SOPHIA^^^^L', 7: '19410105', 8: 'F',
       11: '77 OXBOW RD^^TROY^NY^12180^USA^H', 18: f'24012080001^^^{CH}^AN'}
PV1V = seg('PV1', {1: '1', 2: 'I', 3: '3N^318^A^CHMC', 7: STRAND, 19: f'24012080001^^^{CH}^VN', 44: '20261030200000-0400'})
M['08-oml-o21-three-orders'] = [
    msh('CERNER', 'CHMC', '20261031231512-0400', 'CH240108', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', VAN), PV1V,
    seg('ORC', {1: 'NW', 2: 'CH24-5101^CHMC_ORD', 4: 'CH24-5100^CHMC_ORD', 5: 'SC', 9: '20261031231500-0400', 12: STRAND}),
    seg('TQ1', {1: '1', 7: '20261101050000-0500', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: 'CH24-5101^CHMC_ORD', 4: '58410-2^CBC panel - Blood by Automated count^LN', 16: STRAND}),
    seg('ORC', {1: 'NW', 2: 'CH24-5102^CHMC_ORD', 4: 'CH24-5100^CHMC_ORD', 5: 'SC', 9: '20261031231500-0400', 12: STRAND}),
    seg('TQ1', {1: '1', 7: '20261101050000-0500', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '2', 2: 'CH24-5102^CHMC_ORD', 4: '51990-0^Basic metabolic panel - Blood^LN', 16: STRAND}),
    seg('DG1', {1: '1', 3: 'N17.9^Acute kidney failure, unspecified^I10', 6: 'W^Working^HL70052'}),
    seg('ORC', {1: 'NW', 2: 'CH24-5103^CHMC_ORD', 4: 'CH24-5100^CHMC_ORD', 5: 'SC', 9: '20261031231500-0400', 12: STRAND}),
    seg('TQ1', {1: '1', 7: '20261031233000-0400', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '3', 2: 'CH24-5103^CHMC_ORD', 4: '34714-6^INR in Blood by Coagulation assay^LN', 13: 'On warfarin, GI bleed?', 16: STRAND}),
    seg('SPM', {1: '1', 2: 'CH24S-5103', 4: '119297000^Blood specimen^SCT', 17: '20261031232000-0400'}),
]
# Cerner sends MSH-7 with an offset and OBR-7/OBX-14 bare: the draws were at 00:45 EDT (-0400), the message at
# 02:05 EST (-0500).
M['09-oru-two-groups-dst'] = [
    msh('CERNER', 'CHMC', '20261101020544-0500', 'CH240109', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', VAN), PV1V,
    seg('ORC', {1: 'RE', 2: 'CH24-5101^CHMC_ORD', 3: 'CL24-77301^CHMC_LAB', 12: STRAND}),
    seg('OBR', {1: '1', 2: 'CH24-5101^CHMC_ORD', 3: 'CL24-77301^CHMC_LAB', 4: '58410-2^CBC panel - Blood by Automated count^LN',
                7: '20261101004500', 16: STRAND, 22: '20261101015900-0500', 24: 'HM', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', 5: '11.8', 6: '10*3/uL^^UCUM',
                7: '4.0-10.5', 8: 'H', 11: 'F', 14: '20261101004500'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '718-7^Hemoglobin [Mass/volume] in Blood^LN', 5: '8.9', 6: 'g/dL^^UCUM', 7: '12.0-15.5', 8: 'L', 11: 'F',
                14: '20261101004500'}),
    seg('ORC', {1: 'RE', 2: 'CH24-5102^CHMC_ORD', 3: 'CL24-77302^CHMC_LAB', 12: STRAND}),
    seg('OBR', {1: '2', 2: 'CH24-5102^CHMC_ORD', 3: 'CL24-77302^CHMC_LAB', 4: '51990-0^Basic metabolic panel - Blood^LN',
                7: '20261101004500', 16: STRAND, 22: '20261101020300-0500', 24: 'CH', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', 5: '133', 6: 'mmol/L^^UCUM', 7: '136-145', 8: 'L',
                11: 'F', 14: '20261101004500'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', 5: '6.1', 6: 'mmol/L^^UCUM', 7: '3.5-5.1',
                8: 'HH', 11: 'F', 14: '20261101004500'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', 5: '2.4', 6: 'mg/dL^^UCUM', 7: '0.5-1.1',
                8: 'H', 11: 'F', 14: '20261101004500'}),
]
M['10-oru-corrected-potassium'] = [
    msh('CERNER', 'CHMC', '20261101034018-0500', 'CH240110', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', VAN), PV1V,
    seg('ORC', {1: 'RE', 2: 'CH24-5102^CHMC_ORD', 3: 'CL24-77302^CHMC_LAB', 12: STRAND}),
    seg('OBR', {1: '1', 2: 'CH24-5102^CHMC_ORD', 3: 'CL24-77302^CHMC_LAB', 4: '51990-0^Basic metabolic panel - Blood^LN',
                7: '20261101004500-0400', 16: STRAND, 22: '20261101033800-0500', 24: 'CH', 25: 'C'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', 5: '133', 6: 'mmol/L^^UCUM', 7: '136-145', 8: 'L',
                11: 'F', 14: '20261101004500-0400'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', 5: '4.7', 6: 'mmol/L^^UCUM', 7: '3.5-5.1',
                8: 'N', 11: 'C', 14: '20261101004500-0400', 19: '20261101033500-0500'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected result. Previous value 6.1 mmol/L: specimen hemolyzed; redrawn.'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', 5: '2.4', 6: 'mg/dL^^UCUM', 7: '0.5-1.1',
                8: 'H', 11: 'F', 14: '20261101004500-0400'}),
]
M['11-oru-blood-bank'] = [
    msh('CERNER', 'CHMC', '20261101061022-0500', 'CH240111', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', VAN), PV1V,
    seg('ORC', {1: 'RE', 2: 'CH24-5110^CHMC_ORD', 3: 'BB24-0441^CHMC_BB', 12: STRAND}),
    seg('OBR', {1: '1', 2: 'CH24-5110^CHMC_ORD', 3: 'BB24-0441^CHMC_BB', 4: 'TSCR^Type and Screen^CHMCBB', 7: '20261101043000-0500',
                16: STRAND, 22: '20261101060500-0500', 24: 'BB', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '882-1^ABO and Rh group [Type] in Blood^LN', 5: '278152006^Group A Rh(D) negative^SCT', 11: 'F',
                14: '20261101043000-0500'}),
    seg('OBX', {1: '2', 2: 'CWE', 3: '890-4^Blood group antibody screen [Presence] in Serum or Plasma^LN', 5: '260385009^Negative^SCT',
                11: 'F', 14: '20261101043000-0500'}),
    seg('OBX', {1: '3', 2: 'ST', 3: 'BBUNIT^Unit number^CHMCBB', 4: '1', 5: 'W036526000441', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'CWE', 3: 'BBPROD^Blood product^CHMCBB', 4: '1', 5: 'E0336V00^Red Blood Cells, Leukocytes reduced^ISBT128', 11: 'F'}),
    seg('OBX', {1: '5', 2: 'CWE', 3: 'BBXM^Crossmatch interpretation^CHMCBB', 4: '1', 5: 'C^Compatible^CHMCBB', 11: 'F',
                14: '20261101055000-0500'}),
]

# ---- FONTAINE-NIEMINEN (NextGen ORM^O01 2.3, BFM, -0500) ----
FON = {1: '1', 2: '2401317', 3: f'2401317^^^BFM^MR', 5: 'FONTAINE-NIEMINEN^CORDELIA^A', 7: '19780412', 8: 'F',
       11: '9 BELLWETHER WAY^^SARATOGA SPRINGS^NY^12866', 13: '(518)555-0312', 18: '2401317'}
PV1F = seg('PV1', {1: '1', 2: 'O', 3: 'BFM^^^BFM', 7: f'1240550065^PARRISH-UDEH^MARGIT^^^^MD', 19: '2401317-20261207'})
ORDR = '1240550065^PARRISH-UDEH^MARGIT^^^^MD'
IN1F = seg('IN1', {1: '1', 2: 'BCBS^BlueShield PPO', 3: '24BCB', 4: 'EMPIRE BLUESHIELD', 8: 'GRP24017', 17: '01', 36: 'XEY240131700'})


def nextgen(ctl, t, body):
    return [msh('NEXTGEN', 'BFM', t, ctl, 'ORM^O01', '2.3'), seg('PID', FON), PV1F, IN1F] + body


M['12-orm-nw-three-pairs'] = nextgen('NG240112', '20261207101633-0500', [
    seg('ORC', {1: 'NW', 2: 'NG24-6611', 5: '', 7: '^^^20261207^^R', 9: '20261207101600-0500', 10: 'JBELL^BELL^JOANNA', 12: ORDR}),
    seg('OBR', {1: '1', 2: 'NG24-6611', 4: '80061^LIPID PANEL^C4', 6: '20261207', 7: '20261207', 16: ORDR, 27: '^^^20261207^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E78.5^Hyperlipidemia, unspecified^I10'}),
    seg('ORC', {1: 'NW', 2: 'NG24-6612', 7: '^^^20261207^^R', 9: '20261207101600-0500', 10: 'JBELL^BELL^JOANNA', 12: ORDR}),
    seg('OBR', {1: '2', 2: 'NG24-6612', 4: '83036^HEMOGLOBIN A1C^C4', 7: '20261207', 16: ORDR, 27: '^^^20261207^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10'}),
    seg('ORC', {1: 'NW', 2: 'NG24-6613', 7: '^^^20261207^^R', 9: '20261207101600-0500', 10: 'JBELL^BELL^JOANNA', 12: ORDR}),
    seg('OBR', {1: '3', 2: 'NG24-6613', 4: '81003^URINALYSIS AUTO W/O SCOPE^C4', 7: '20261207', 15: 'UR&Urine', 16: ORDR, 27: '^^^20261207^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10'}),
])
# XO: the A1c becomes a stat draw today, with a clinical note.
M['13-orm-xo-change'] = nextgen('NG240113', '20261207103005-0500', [
    seg('ORC', {1: 'XO', 2: 'NG24-6612', 7: '^^^20261207^^S', 9: '20261207103000-0500', 10: 'JBELL^BELL^JOANNA', 12: ORDR}),
    seg('OBR', {1: '1', 2: 'NG24-6612', 4: '83036^HEMOGLOBIN A1C^C4', 7: '20261207', 13: 'Fasting since 22:00', 16: ORDR,
                27: '^^^20261207^^S'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10'}),
])
M['14-orm-ca-two-pairs'] = nextgen('NG240114', '20261207104412-0500', [
    seg('ORC', {1: 'CA', 2: 'NG24-6611', 9: '20261207104400-0500', 12: ORDR, 16: 'PTREF^Patient declined^NG'}),
    seg('OBR', {1: '1', 2: 'NG24-6611', 4: '80061^LIPID PANEL^C4', 16: ORDR}),
    seg('ORC', {1: 'CA', 2: 'NG24-6613', 9: '20261207104400-0500', 12: ORDR, 16: 'PTREF^Patient declined^NG'}),
    seg('OBR', {1: '2', 2: 'NG24-6613', 4: '81003^URINALYSIS AUTO W/O SCOPE^C4', 16: ORDR}),
])
M['15-orm-dc-orc-only'] = nextgen('NG240115', '20261208090210-0500', [
    seg('ORC', {1: 'DC', 2: 'NG24-6612', 5: 'DC', 9: '20261208090200-0500', 12: ORDR, 16: 'DUPL^Drawn at outside lab^NG'}),
])

# ---- DRUMMOND-ASANTE (RIS 2.3, Tamarack Imaging Associates, -0500) ----
DRU = {1: '1', 3: '2401529^^^TIA^MR', 5: 'DRUMMOND-ASANTE^LEOPOLD^K', 7: '19590118', 8: 'M', 11: '610 HOOSICK ST^^TROY^NY^12180',
       13: '(518)555-0459', 18: '2401529-01'}
PV1D = seg('PV1', {1: '1', 2: 'O', 3: 'CT1^^^TIA', 8: f'1240660076^QUARTERMAN-LUZ^ODILE^^^^MD', 19: '2401529-01'})
M['16-orm-ris-ct-order'] = [
    msh('RIS', 'TIA', '20261209083021-0500', 'TI240116', 'ORM^O01', '2.3'),
    seg('PID', DRU), PV1D,
    seg('ORC', {1: 'NW', 2: 'TI24-9001', 3: 'ACC2401906', 5: 'SC', 7: '^^^20261209100000-0500^^S', 9: '20261209083000-0500',
                12: '1240660076^QUARTERMAN-LUZ^ODILE^^^^MD'}),
    seg('OBR', {1: '1', 2: 'TI24-9001', 3: 'ACC2401906', 4: '74177^CT ABD & PELVIS W CONTRAST^C4', 13: 'Creatinine 0.9 on 12/08; no contrast allergy',
                16: '1240660076^QUARTERMAN-LUZ^ODILE^^^^MD', 18: 'ACC2401906', 19: 'CT1', 24: 'CT', 27: '^^^20261209100000-0500^^S',
                30: 'WALK', 31: 'R10.31^Right lower quadrant pain^I10'}),
]
M['17-oru-ris-report'] = [
    msh('RIS', 'TIA', '20261209114817-0500', 'TI240117', 'ORU^R01', '2.3'),
    seg('PID', DRU), PV1D,
    seg('ORC', {1: 'RE', 2: 'TI24-9001', 3: 'ACC2401906', 5: 'CM', 12: '1240660076^QUARTERMAN-LUZ^ODILE^^^^MD'}),
    seg('OBR', {1: '1', 2: 'TI24-9001', 3: 'ACC2401906', 4: '74177^CT ABD & PELVIS W CONTRAST^C4', 7: '20261209101200-0500',
                16: '1240660076^QUARTERMAN-LUZ^ODILE^^^^MD', 22: '20261209114500-0500', 24: 'CT', 25: 'F',
                32: '1240770087&HOLLENBECK-ARAI&SIGRID&&&&MD&&TIA'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '74177&BODY^CT ABD & PELVIS W CONTRAST^C4', 4: '1', 5: 'EXAM: CT abdomen and pelvis with IV contrast.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '74177&BODY^CT ABD & PELVIS W CONTRAST^C4', 4: '1', 5: 'FINDINGS: Appendix dilated to 11 mm with periappendiceal fat stranding.', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TX', 3: '74177&BODY^CT ABD & PELVIS W CONTRAST^C4', 4: '1', 5: 'No free air. No abscess.', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'FT', 3: '74177&IMP^CT ABD & PELVIS W CONTRAST^C4', 4: '2',
                5: 'IMPRESSION:\\.br\\1. Acute uncomplicated appendicitis.\\.br\\2. Findings called to Dr. Quarterman-Luz at 11:40.', 11: 'F'}),
]

# ---- SZCZEPANIAK (CHMC pharmacy, Omnicell/Pyxis cabinets) ----
SZC = {1: '1', 3: f'2401634^^^{CH}^MR', 5: 'SZCZEPANIAK^ORLA^BEATA^^^^L', 7: '19630904', 8: 'F', 18: f'24016340001^^^{CH}^AN'}
PV1S = seg('PV1', {1: '1', 2: 'I', 3: '6S^604^A^CHMC', 7: VELLA, 19: f'24016340001^^^{CH}^VN', 44: '20261208160000-0500'})
M['18-rde-prn-oxycodone'] = [
    msh('CERNER', 'CHMC', '20261209071044-0500', 'CH240118', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', SZC), PV1S,
    seg('ORC', {1: 'NW', 2: 'CH24RX-7301^CHMC_PHA', 3: 'RX2401730^CHMC_PHA', 5: 'SC', 9: '20261209071000-0500', 12: VELLA}),
    seg('RXE', {2: '1049621^oxycodone hydrochloride 5 MG Oral Tablet^RXNORM', 3: '5', 4: '10', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292',
                10: '12', 11: 'TAB^tablet^HL70292', 12: '0', 13: VELLA, 15: 'RX2401730', 21: 'CII - count on removal', 44: '^Pain 4-6: 5 mg; 7-10: 10 mg'}),
    seg('TQ1', {1: '1', 3: 'Q4H^Every 4 hours^HL70335', 7: '20261209071000-0500', 8: '20261212071000-0500', 9: 'PRN^As needed^HL70485',
                10: 'for moderate to severe pain'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
# A prednisone taper: four phases, one TQ1 each (TQ1-2 the dose of the phase, TQ1-6 its duration, TQ1-12 S).
M['19-rde-prednisone-taper'] = [
    msh('CERNER', 'CHMC', '20261209073512-0500', 'CH240119', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', SZC), PV1S,
    seg('ORC', {1: 'NW', 2: 'CH24RX-7302^CHMC_PHA', 3: 'RX2401731^CHMC_PHA', 5: 'SC', 9: '20261209073500-0500', 12: VELLA}),
    seg('RXE', {2: '312615^predniSONE 10 MG Oral Tablet^RXNORM', 3: '10', 4: '40', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292',
                7: '^Take with food in the morning', 10: '30', 11: 'TAB^tablet^HL70292', 12: '0', 15: 'RX2401731'}),
    seg('TQ1', {1: '1', 2: '40&mg&UCUM', 3: 'QAM^Every morning^HL70335', 6: '3^d&day&UCUM', 7: '20261210080000-0500', 8: '20261212235900-0500', 12: 'S'}),
    seg('TQ1', {1: '2', 2: '30&mg&UCUM', 3: 'QAM^Every morning^HL70335', 6: '3^d&day&UCUM', 7: '20261213080000-0500', 8: '20261215235900-0500', 12: 'S'}),
    seg('TQ1', {1: '3', 2: '20&mg&UCUM', 3: 'QAM^Every morning^HL70335', 6: '3^d&day&UCUM', 7: '20261216080000-0500', 8: '20261218235900-0500', 12: 'S'}),
    seg('TQ1', {1: '4', 2: '10&mg&UCUM', 3: 'QAM^Every morning^HL70335', 6: '3^d&day&UCUM', 7: '20261219080000-0500', 8: '20261221235900-0500'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
M['20-rds-cabinet-dispense'] = [
    msh('OMNICELL', 'CHMC', '20261209081502-0500', 'OC240120', 'RDS^O13^RDS_O13', '2.5.1'),
    seg('PID', SZC), PV1S,
    seg('ORC', {1: 'RE', 2: 'CH24RX-7301^CHMC_PHA', 3: 'RX2401730^CHMC_PHA', 5: 'IP', 9: '20261209081500-0500', 12: VELLA}),
    seg('RXE', {2: '1049621^oxycodone hydrochloride 5 MG Oral Tablet^RXNORM', 3: '5', 4: '10', 5: 'mg^milligram^UCUM', 10: '12',
                11: 'TAB^tablet^HL70292'}),
    seg('RXD', {1: '1', 2: '1049621^oxycodone hydrochloride 5 MG Oral Tablet^RXNORM', 3: '20261209081400-0500', 4: '2', 5: 'TAB^tablet^HL70292',
                7: 'RX2401730', 10: f'2401RN33^BALOGUN-FERRIS^TAMSIN^^^^RN^^{CH}', 13: '6S^MED1^DRW4^CHMC'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]

# ---- NAKAGAWA-BRENNAN (WFH pediatrics -> IIS, VXU 2.5.1) ----
NAK = {1: '1', 3: f'2401745^^^{WF}^MR', 5: 'NAKAGAWA-BRENNAN^JUNIPER^ISOLDE^^^^L', 6: 'BRENNAN^^^^^^M', 7: '20260615', 8: 'F',
       11: '52 FERRY LANDING RD^^SCHUYLERVILLE^NY^12871^USA^H', 13: '^PRN^PH^^1^518^5550618'}


def vxu(ctl, t, body):
    return [msh('EPIC_IMM', 'WFH', t, ctl, 'VXU^V04^VXU_V04', '2.5.1', {21: 'Z22^CDCPHINVS'}), seg('PID', NAK),
            seg('PD1', {12: 'N', 16: 'A', 17: '20260615'}),
            seg('NK1', {1: '1', 2: 'BRENNAN^FIONNUALA^^^^^L', 3: 'MTH^Mother^HL70063'})] + body


VISOBX = []
for i, (doc, name) in enumerate((('253088698300003511070517', 'Diphtheria/Tetanus/Pertussis (DTaP) VIS'),
                                 ('253088698300011711180414', 'Hepatitis B VIS'), ('253088698300017211160719', 'Polio VIS')), start=1):
    VISOBX.append(seg('OBX', {1: str(2 * i), 2: 'CE', 3: '69764-9^Document type^LN', 4: str(i + 1), 5: f'{doc}^{name}^cdcgs1vis', 11: 'F'}))
    VISOBX.append(seg('OBX', {1: str(2 * i + 1), 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: str(i + 1),
                              5: '20261208', 11: 'F'}))
M['21-vxu-combo-vis-historical'] = vxu('WFI240121', '20261208113022-0500', [
    seg('ORC', {1: 'RE', 3: 'WFI24-0301^WFH', 12: ABERG}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208111500-0500', 5: '110^DTaP-hepatitis B and poliovirus vaccine^CVX', 6: '0.5',
                7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: f'2401MA4^LINDHOLM^PERPETUA^^^^^^{WF}',
                11: '^^^WFH_PEDS', 15: 'WF24LOT3', 16: '20280331', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LT^Left thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1', 5: 'V03^VFC eligible - Uninsured^HL70064',
                11: 'F', 14: '20261208111500-0500', 17: 'VXC40^per immunization^CDCPHINVS'}),
] + VISOBX + [
    seg('ORC', {1: 'RE', 3: '9999^WFH', 12: ABERG}),
    seg('RXA', {1: '0', 2: '1', 3: '20260616', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '999',
                9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A'}),
])
M['22-vxu-immunity-and-refusal'] = vxu('WFI240122', '20261208114510-0500', [
    seg('ORC', {1: 'RE', 3: '9999^WFH', 12: ABERG}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208114000-0500', 5: '998^No vaccine administered^CVX', 6: '999', 20: 'NA', 21: 'A'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '59784-9^Disease with presumed immunity^LN', 4: '1', 5: '38907003^Varicella infection^SCT', 11: 'F'}),
    seg('ORC', {1: 'RE', 3: '9999^WFH', 12: ABERG}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208114000-0500', 5: '150^Influenza, injectable, quadrivalent, preservative free^CVX', 6: '999',
                18: '00^Parental decision^NIP002', 20: 'RE', 21: 'A'}),
])

# ---- QUILLFEATHER again: charges; an overnight sleep study across the 14 March 2027 change ----
M['23-dft-p03-charges'] = [
    msh('EPIC', 'WFH', '20261104020011-0500', 'WF240123', 'DFT^P03^DFT_P03', '2.5.1'),
    seg('EVN', {1: 'P03', 2: '20261104020000-0500'}),
    seg('PID', {**QUI, 13: '^PRN^PH^^1^518^5550140', 16: ''}),
    seg('PV1', {**PV1Q, 2: 'I', 3: '5W^512^B^WFH^^^^^5 WEST', 7: OKEKE, 45: '20261103113000-0500'}),
    seg('FT1', {1: '1', 4: '20261101015000-0400', 5: '20261103120000-0500', 6: 'CG^Charge^HL70017', 7: '99285^ED visit level 5^CPT',
                10: '1', 19: 'I20.0^Unstable angina^I10', 20: ABERG, 25: '99285^ED visit level 5^CPT'}),
    seg('FT1', {1: '2', 4: '20261101012000-0500', 5: '20261103120000-0500', 6: 'CG^Charge^HL70017', 7: '93010^ECG interpretation^CPT',
                10: '1', 19: 'I20.0^Unstable angina^I10', 20: OKEKE, 25: '93010^ECG interpretation^CPT'}),
]
M['24-siu-s12-sleep-study'] = [
    msh('EPIC', 'WFH', '20261209150522-0500', 'WF240124', 'SIU^S12^SIU_S12', '2.5.1'),
    seg('SCH', {1: 'WFAPT-2401^EPIC', 2: 'WFAPT-2401^EPIC', 6: 'NEW^New^HL70276', 7: 'PSG^Polysomnography^WFH', 8: 'ROUTINE^Routine^HL70277',
                9: '480', 10: 'min^minutes^UCUM', 11: '^^480^20270313210000-0500^20270314060000-0400', 25: 'Booked^Booked^HL70278'}),
    seg('PID', {**QUI, 13: '^PRN^PH^^1^518^5550140', 16: ''}),
    seg('PV1', {1: '1', 2: 'O', 3: 'WFSLEEP^^^WFH', 7: STRAND}),
    seg('RGS', {1: '1', 2: 'A'}),
    seg('AIS', {1: '1', 2: 'A', 3: '95810^Polysomnography, attended^CPT', 4: '20270313210000-0500', 7: '480', 8: 'min^minutes^UCUM'}),
    seg('AIL', {1: '1', 2: 'A', 3: 'WFSLEEP^SL3^^WFH', 4: 'SLEEP^Sleep lab^WFH'}),
    seg('AIP', {1: '1', 2: 'A', 3: STRAND, 4: 'ATND^Attending^HL70443'}),
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))


if __name__ == '__main__':
    main()
