#!/usr/bin/env python3
r"""Review 19's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of Cerner (Lakeshore General, Chicago -0600: ADT cancels, one-ORC multi-OBR ORM, ORC-only
status change, PharmNet RDS/RGV), Sunquest (the same hospital's LIS: results and a corrected report), a
reference lab in another zone (-0500), Epic (Riverbend Health, Columbus -0500: Beaker OML parent/child,
Radiant OMG, Willow RDE PRN, MAR RAS, Cadence SIU), Meditech 2.3/2.3.1 (High Desert, Boise -0700: A08,
A34, A36, T02), a state HIE's EMPI (A28, A31, A39) and a pediatric EHR's VXU to an IIS. Versions 2.3-2.8.
New patients, numbers, facilities and layouts (none of reviews 16/17/18's). Fields are placed by number
(seg(name, {n: value})) so none slips by one. All persons, numbers and addresses are invented.
Writes docs/review19/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review19/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review19/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, recv='HIG', rfac='GLHIE', extra=None):
    f = {3: app, 4: fac, 5: recv, 6: rfac, 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 15: 'AL', 16: 'NE'}
    f.update(extra or {})
    return seg('MSH', f)


NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
LKS_OID = 'LKS&2.16.840.1.113883.3.7714.1&ISO'
RVB_OID = 'RVB&2.16.840.1.113883.3.7714.2&ISO'
HIE_OID = 'GLHIE&2.16.840.1.113883.3.7714.99&ISO'
PRAKASH = f'1184720395^PRAKASH^MEERA^^^^MD^^{NPI}^L^^^NPI'          # Lakeshore hospitalist
DELACROIX = f'1457302918^DELACROIX^JEAN^P^^^MD^^{NPI}^L^^^NPI'     # Lakeshore internist (outpatient orders)
YAMAMOTO = f'1730491856^YAMAMOTO^RYO^^^^MD^^{NPI}^L^^^NPI'          # Riverbend surgeon
OKEKE = f'1962018473^OKEKE^CHIAMAKA^^^^DO^^{NPI}^L^^^NPI'          # Riverbend radiology orderer

M = {}

# ---- HALLORAN (state HIE EMPI, Great Lakes HIE) ----
HAL_IDS = f'GL00771204^^^{HIE_OID}^PI~LK2209917^^^{LKS_OID}^MR'
HAL_PID = {1: '1', 2: 'GL00771204', 3: HAL_IDS, 5: 'HALLORAN^BRIDGET^ANNE^^^^L~HALLORAN^BIDDY^^^^^N', 7: '19410817', 8: 'F',
           10: '2106-3^White^CDCREC', 11: '77 BEECHWOOD CT^^EVANSTON^IL^60201^USA^H^^17031', 13: '^PRN^PH^^1^847^5550143',
           15: 'eng^English^ISO639', 16: 'W^Widowed^HL70002', 22: '2186-5^Not Hispanic or Latino^CDCREC'}

# 01 ADT^A28 add person information (EMPI, v2.5): PV1-2 N, PD1 primary care, NK1
M['01-adt-a28-empi'] = [
    msh('GLEMPI', 'GLHIE', '20261208061502-0600', 'GLE-A28-0004411', 'ADT^A28^ADT_A05', '2.5'),
    seg('EVN', {1: 'A28', 2: '20261208061500', 7: 'GLHIE'}),
    seg('PID', HAL_PID),
    seg('PD1', {4: DELACROIX, 12: 'N'}),
    seg('NK1', {1: '1', 2: 'HALLORAN^DECLAN^^^^^L', 3: 'SON^Son^HL70063', 5: '^PRN^CP^^1^312^5550188', 7: 'N^Next-of-Kin^HL70131'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# 02 ADT^A31 update person: moved to assisted living, then death reported (PID-29/30)
M['02-adt-a31-empi'] = [
    msh('GLEMPI', 'GLHIE', '20261209101744-0600', 'GLE-A31-0004502', 'ADT^A31^ADT_A05', '2.5'),
    seg('EVN', {1: 'A31', 2: '20261209101740', 7: 'GLHIE'}),
    seg('PID', {**HAL_PID, 11: '1200 SHERIDAN RD^UNIT 214^EVANSTON^IL^60202^USA^H^^17031', 29: '20261209034500-0600', 30: 'Y'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# ---- ESPINOZA and FAIRBANKS, Meditech 2.3 at High Desert Community Hospital (HDC, Boise, -0700) ----
ESP_PID = {1: '1', 2: 'HD0088123', 3: 'HD0088123^^^HDC^MR', 5: 'ESPINOZA^RAMON^J', 7: '19670402', 8: 'M',
           11: '3301 W STATE ST^^BOISE^ID^83703^^H', 13: '(208)555-0162^PRN^PH', 16: 'M', 18: 'HD26120801', 19: '529-44-1178'}
ESP_PV1 = {1: '1', 2: 'I', 3: '3W^311^A^HDC', 4: 'U', 7: 'GRAY.SAM^GRAYSON^SAMUEL^^^^MD', 10: 'MED', 18: 'IN',
           19: 'HD26120801', 44: '202612071830'}

# 03 ADT^A08 update: attending changes, new allergy, bed move keyed as an update (Meditech habit), Z segment
M['03-adt-a08-meditech'] = [
    msh('MEDITECH', 'HDC', '20261208093012-0700', 'HDC.A08.0311204', 'ADT^A08', '2.3'),
    seg('EVN', {1: 'A08', 2: '202612080930'}),
    seg('PID', ESP_PID),
    seg('PV1', {**ESP_PV1, 3: '3W^314^B^HDC', 7: 'LUND.KAR^LUNDQUIST^KAREN^^^^MD'}),
    seg('AL1', {1: '1', 2: 'DA', 3: 'F001000479^SULFAMETHOXAZOLE^MEDITECH', 4: 'MO', 5: 'RASH'}),
    seg('ZPV', {1: 'FALLRISK', 2: 'Y'}),
]

# 06 ADT^A34 merge patient ID only (v2.3): an old duplicate MRN into ESPINOZA's
M['06-adt-a34-meditech'] = [
    msh('MEDITECH', 'HDC', '20261208143000-0700', 'HDC.A34.0311390', 'ADT^A34', '2.3'),
    seg('EVN', {1: 'A34', 2: '202612081430'}),
    seg('PID', {1: '1', 2: 'HD0088123', 3: 'HD0088123^^^HDC^MR', 5: 'ESPINOZA^RAMON^J', 7: '19670402', 8: 'M'}),
    seg('MRG', {1: 'HD0061877^^^HDC^MR', 4: 'HD0061877', 7: 'ESPINOSA^RAMON'}),
]

# 07 ADT^A36 merge patient ID and account number (v2.3.1): FAIRBANKS's duplicate registration
M['07-adt-a36-meditech'] = [
    msh('MEDITECH', 'HDC', '20261208150511-0700', 'HDC.A36.0311402', 'ADT^A36^ADT_A30', '2.3.1'),
    seg('EVN', {1: 'A36', 2: '202612081505'}),
    seg('PID', {1: '1', 3: 'HD0090214^^^HDC^MR', 5: 'FAIRBANKS^THEODORE^R', 7: '19530930', 8: 'M', 18: 'HD26120655'}),
    seg('MRG', {1: 'HD0090215^^^HDC^MR', 3: 'HD26120656', 7: 'FAIRBANKS^TED'}),
]

# 08 ADT^A39 merge person (EMPI, v2.4): a second HIE person record of HALLORAN merged into #01's
M['08-adt-a39-empi'] = [
    msh('GLEMPI', 'GLHIE', '20261209113000-0600', 'GLE-A39-0004519', 'ADT^A39^ADT_A39', '2.4'),
    seg('EVN', {1: 'A39', 2: '20261209112958', 7: 'GLHIE'}),
    seg('PID', {1: '1', 2: 'GL00771204', 3: f'GL00771204^^^{HIE_OID}^PI', 5: 'HALLORAN^BRIDGET^ANNE^^^^L', 7: '19410817', 8: 'F'}),
    seg('MRG', {1: f'GL00790033^^^{HIE_OID}^PI', 4: 'GL00790033', 7: 'HALLORAN^BRIDGET^A^^^^L'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# ---- CHATTERJEE (Lakeshore General, Cerner, Chicago -0600) ----
CHA_IDS = f'LK2231840^^^{LKS_OID}^MR~4471022^^^HNAM_PERSONID^PI'
CHA_PID = {1: '1', 3: CHA_IDS, 5: 'CHATTERJEE^ANIRBAN^^^^^L', 7: '19720512', 8: 'M',
           11: '4410 N WINTHROP AVE^APT 3^CHICAGO^IL^60640^USA^H', 13: '^PRN^PH^^1^773^5550119'}
CHA_PV1 = {1: '1', 2: 'I', 3: '5N^512^1^LKS^^^^^5 NORTH', 4: 'U^Urgent^HL70007', 7: PRAKASH, 10: 'MED', 18: 'IP',
           19: '91120044^^^LKS^FIN NBR', 44: '20261208031500'}

# 04 ADT^A11 cancel admit (Cerner, v2.5.1): the admission was keyed on the wrong encounter
M['04-adt-a11-cerner'] = [
    msh('HNAM', 'LKS', '20261208041210-0600', 'Q6611204T7728801', 'ADT^A11^ADT_A09', '2.5.1'),
    seg('EVN', {1: 'A11', 2: '20261208041200', 4: '02^Entered in error', 5: '77120^MORALES^TINA^^^^^^LKS^^^^PRSNL'}),
    seg('PID', CHA_PID),
    seg('PV1', CHA_PV1),
]

# ---- WOJCIK (Lakeshore General inpatient: discharge cancelled; later pharmacy) ----
WOJ_IDS = f'LK2198703^^^{LKS_OID}^MR~4409931^^^HNAM_PERSONID^PI'
WOJ_PID = {1: '1', 3: WOJ_IDS, 5: 'WOJCIK^STANISLAW^P^^^^L', 7: '19480121', 8: 'M'}
WOJ_PV1 = {1: '1', 2: 'I', 3: '4S^428^2^LKS^^^^^4 SOUTH', 4: 'E^Emergency^HL70007', 7: PRAKASH, 10: 'MED', 18: 'IP',
           19: '91119870^^^LKS^FIN NBR', 44: '20261204221000'}

# 05 ADT^A13 cancel discharge (Cerner, v2.5.1): discharged 14:00 in error, patient still on 4 South
M['05-adt-a13-cerner'] = [
    msh('HNAM', 'LKS', '20261208153301-0600', 'Q6611372T7729314', 'ADT^A13^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A13', 2: '20261208153300', 5: '77120^MORALES^TINA^^^^^^LKS^^^^PRSNL', 6: '20261208140000'}),
    seg('PID', WOJ_PID),
    seg('PV1', WOJ_PV1),
]

# ---- OKAFOR-BELL (Lakeshore outpatient lab orders, Sunquest results) ----
OKB_IDS = f'LK2240561^^^{LKS_OID}^MR~4480017^^^HNAM_PERSONID^PI'
OKB_PID = {1: '1', 3: OKB_IDS, 5: 'OKAFOR-BELL^NGOZI^A^^^^L', 7: '19850228', 8: 'F'}
OKB_PV1 = {1: '1', 2: 'O', 3: 'OPLAB^^^LKS^^^^^OUTPATIENT LAB', 7: DELACROIX, 18: 'OP', 19: '91120311^^^LKS^FIN NBR'}
ORDER = 'LKS5530187^HNAM_ORDERID'
LIPID = '80061^Lipid panel^CPT4'
A1C = '83036^Hemoglobin A1c^CPT4'

# 09 ORM^O01 one ORC NW, two OBRs carrying the order number (Cerner 2.3), ORC-7 TQ with an offset, DG1
M['09-orm-o01-two-obr'] = [
    msh('HNAM', 'LKS', '20261208071844-0600', 'Q6611230T7728911', 'ORM^O01', '2.3'),
    seg('PID', OKB_PID),
    seg('PV1', OKB_PV1),
    seg('ORC', {1: 'NW', 2: ORDER, 5: 'SC', 7: '1^ONCE^^20261208080000-0600^^R', 9: '20261208071800', 10: '66102^REYES^LUZ',
                12: DELACROIX, 21: 'LAKESHORE GENERAL OUTPATIENT LAB'}),
    seg('OBR', {1: '1', 2: ORDER, 4: LIPID, 6: '20261208080000', 13: 'FASTING 12H', 16: DELACROIX, 27: '1^ONCE^^20261208080000-0600^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'E78.5^Hyperlipidemia, unspecified^I10', 6: 'W'}),
    seg('OBR', {1: '2', 2: ORDER, 4: A1C, 6: '20261208080000', 16: DELACROIX, 27: '1^ONCE^^20261208080000-0600^^R'}),
    seg('DG1', {1: '2', 2: 'I10', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10', 6: 'W'}),
]

# 10 ORM^O01 ORC-only status change (Cerner): specimen collected, order in process, no OBR (SC/IP)
M['10-orm-o01-sc-only'] = [
    msh('HNAM', 'LKS', '20261208081502-0600', 'Q6611236T7728950', 'ORM^O01', '2.3'),
    seg('PID', OKB_PID),
    seg('PV1', OKB_PV1),
    seg('ORC', {1: 'SC', 2: ORDER, 3: 'SQ26-0342118^SUNQUEST', 5: 'IP', 9: '20261208081400', 10: '66140^BUI^THANH'}),
]

# 11 ORM^O01 the A1c of #09 cancelled alone (OC/CA with its OBR, ORC-16 reason), v2.4
M['11-orm-o01-cancel-a1c'] = [
    msh('HNAM', 'LKS', '20261208083007-0600', 'Q6611241T7728977', 'ORM^O01', '2.4'),
    seg('PID', OKB_PID),
    seg('PV1', OKB_PV1),
    seg('ORC', {1: 'OC', 2: ORDER, 5: 'CA', 9: '20261208082900', 12: DELACROIX, 16: 'DUP^Duplicate order^LKSREASON'}),
    seg('OBR', {1: '1', 2: ORDER, 4: A1C, 16: DELACROIX}),
]

# 14 ORU^R01 Sunquest (v2.4) lipid panel final, OBR-3 accession, no OBR-24
M['14-oru-r01-sunquest-lipid'] = [
    msh('SUNQUEST', 'LKSLAB', '20261208113015-0600', 'SQ20261208113015044', 'ORU^R01', '2.4'),
    seg('PID', OKB_PID),
    seg('PV1', OKB_PV1),
    seg('ORC', {1: 'RE', 2: ORDER, 3: 'SQ26-0342118^SUNQUEST', 5: 'CM', 12: DELACROIX}),
    seg('OBR', {1: '1', 2: ORDER, 3: 'SQ26-0342118^SUNQUEST', 4: LIPID, 7: '20261208081000', 14: '20261208082200',
                16: DELACROIX, 22: '20261208112900', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2093-3^Cholesterol^LN', 5: '241', 6: 'mg/dL', 7: '<200', 8: 'H', 11: 'F', 14: '20261208081000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2571-8^Triglyceride^LN', 5: '188', 6: 'mg/dL', 7: '<150', 8: 'H', 11: 'F', 14: '20261208081000'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2085-9^HDL Cholesterol^LN', 5: '38', 6: 'mg/dL', 7: '>39', 8: 'L', 11: 'F', 14: '20261208081000'}),
    seg('OBX', {1: '4', 2: 'NM', 3: '13457-7^LDL Cholesterol calc^LN', 5: '165', 6: 'mg/dL', 7: '<100', 8: 'H', 11: 'F', 14: '20261208081000'}),
]

# 15 ORU^R01 Sunquest correction: OBR-25 C, triglyceride corrected (C + NTE), LDL calc deleted (OBX-11 D)
M['15-oru-r01-sunquest-corrected'] = [
    msh('SUNQUEST', 'LKSLAB', '20261208154522-0600', 'SQ20261208154522090', 'ORU^R01', '2.4'),
    seg('PID', OKB_PID),
    seg('PV1', OKB_PV1),
    seg('ORC', {1: 'RE', 2: ORDER, 3: 'SQ26-0342118^SUNQUEST', 5: 'CM', 12: DELACROIX}),
    seg('OBR', {1: '1', 2: ORDER, 3: 'SQ26-0342118^SUNQUEST', 4: LIPID, 7: '20261208081000', 14: '20261208082200',
                16: DELACROIX, 22: '20261208154400', 25: 'C'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2093-3^Cholesterol^LN', 5: '241', 6: 'mg/dL', 7: '<200', 8: 'H', 11: 'F', 14: '20261208081000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2571-8^Triglyceride^LN', 5: '418', 6: 'mg/dL', 7: '<150', 8: 'H', 11: 'C', 14: '20261208081000'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected result: previously reported as 188 mg/dL. Dilution error.'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2085-9^HDL Cholesterol^LN', 5: '38', 6: 'mg/dL', 7: '>39', 8: 'L', 11: 'F', 14: '20261208081000'}),
    seg('OBX', {1: '4', 2: 'NM', 3: '13457-7^LDL Cholesterol calc^LN', 5: '', 6: 'mg/dL', 11: 'D', 14: '20261208081000'}),
]

# 16 ORU^R01 send-out result from a reference lab in Eastern time (-0500) for the Chicago (-0600) client
M['16-oru-r01-reflab-tz'] = [
    msh('QRXLIS', 'QRX^34D0998877^CLIA', '20261209061233-0500', 'QRX0091223440', 'ORU^R01^ORU_R01', '2.5.1',
        recv='HNAM', rfac='LKS'),
    seg('PID', {1: '1', 2: 'Q88120047', 3: f'LK2231840^^^{LKS_OID}^MR~Q88120047^^^QRX^PI', 5: 'CHATTERJEE^ANIRBAN^^^^^L',
                7: '19720512', 8: 'M'}),
    seg('ORC', {1: 'RE', 2: 'LKS5530402^HNAM_ORDERID', 3: 'Q88120047-01^QRX', 12: PRAKASH}),
    seg('OBR', {1: '1', 2: 'LKS5530402^HNAM_ORDERID', 3: 'Q88120047-01^QRX', 4: '82306^Vitamin D 25-Hydroxy^CPT4',
                7: '20261208064500', 14: '20261208212000-0500', 16: PRAKASH, 22: '20261209060900-0500', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '62292-8^25-Hydroxyvitamin D2+D3^LN', 5: '14.2', 6: 'ng/mL^ng/mL^UCUM', 7: '30-100', 8: 'L',
                11: 'F', 14: '20261208064500-0600', 19: '20261209052000-0500',
                23: 'QUADRANT REFERENCE LABS^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^34D0998877',
                24: '900 RESEARCH PKWY^^COLUMBUS^OH^43219', 25: '1629384750^ABARA^UCHE^^^^MD^^^^^^NPI'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Vitamin D deficiency: <20 ng/mL.'}),
]

# ---- WHITFIELD (Riverbend Health, Epic, Columbus -0500) ----
WHI_IDS = f'RV6601192^^^{RVB_OID}^MR~Z5520331^^^EPI^PI'
WHI_PID = {1: '1', 3: WHI_IDS, 5: 'WHITFIELD^MARGARET^ELLEN^^^^L', 7: '19580706', 8: 'F',
           11: '2915 KENNY RD^^COLUMBUS^OH^43221^USA^H'}
WHI_PV1 = {1: '1', 2: 'I', 3: '7T^7104^1^RVB^^^^^7 TOWER SURGERY', 7: YAMAMOTO, 10: 'SUR', 18: 'IP',
           19: '30077105^^^RVB^VN', 44: '20261207160000'}

# 12 OML^O21 Beaker: blood culture parent order (ORC-1 PA) with two child sets (ORC-1 CH, OBR-29), TQ1 stat, SPM each
M['12-oml-o21-bcx-parent-child'] = [
    msh('EPICLAB', 'RVB', '20261208052011-0500', 'RVBOML-880142', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', WHI_PID),
    seg('PV1', WHI_PV1),
    seg('ORC', {1: 'PA', 2: 'RV-LO-2201^EPIC', 4: 'RV-LO-2201^EPIC', 5: 'SC', 9: '20261208051800', 12: YAMAMOTO}),
    seg('TQ1', {1: '1', 7: '20261208053000-0500', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '1', 2: 'RV-LO-2201^EPIC', 4: 'LAB3021^BLOOD CULTURE X2^EPICLAB', 13: 'Fever 39.1 C post-op day 1', 16: YAMAMOTO}),
    seg('ORC', {1: 'CH', 2: 'RV-LO-2202^EPIC', 4: 'RV-LO-2201^EPIC', 5: 'SC', 8: 'RV-LO-2201^EPIC', 9: '20261208051800', 12: YAMAMOTO}),
    seg('TQ1', {1: '1', 7: '20261208053000-0500', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '2', 2: 'RV-LO-2202^EPIC', 4: '87040^BLOOD CULTURE SET 1^CPT4', 16: YAMAMOTO, 29: 'RV-LO-2201&EPIC'}),
    seg('SPM', {1: '1', 2: 'RV-SP-55101&EPIC', 4: '119297000^Blood specimen^SCT', 8: '368208006^Left upper arm structure^SCT',
                17: '20261208053500-0500'}),
    seg('ORC', {1: 'CH', 2: 'RV-LO-2203^EPIC', 4: 'RV-LO-2201^EPIC', 5: 'SC', 8: 'RV-LO-2201^EPIC', 9: '20261208051800', 12: YAMAMOTO}),
    seg('TQ1', {1: '1', 7: '20261208054500-0500', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '3', 2: 'RV-LO-2203^EPIC', 4: '87040^BLOOD CULTURE SET 2^CPT4', 16: YAMAMOTO, 29: 'RV-LO-2201&EPIC'}),
    seg('SPM', {1: '1', 2: 'RV-SP-55102&EPIC', 4: '119297000^Blood specimen^SCT', 8: '368209003^Right upper arm structure^SCT',
                17: '20261208055000-0500'}),
]

# 13 OMG^O19 Radiant: one ORC, two CT OBRs (chest + abdomen/pelvis), TQ1 with -0500, AOE OBX, DG1, v2.8
M['13-omg-o19-two-ct'] = [
    msh('EPICRAD', 'RVB', '20261208101500-0500', 'RVBRAD-440913', 'OMG^O19^OMG_O19', '2.8'),
    seg('PID', WHI_PID),
    seg('PV1', WHI_PV1),
    seg('ORC', {1: 'NW', 2: 'RV-IM-7781^EPIC', 5: 'SC', 9: '20261208101300', 12: OKEKE}),
    seg('TQ1', {1: '1', 7: '20261208130000-0500', 9: 'A^ASAP^HL70485'}),
    seg('OBR', {1: '1', 2: 'RV-IM-7781^EPIC', 4: '71260^CT chest with contrast^CPT4', 16: OKEKE, 31: '^Post-op fever, r/o abscess or PE'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2160-0^Creatinine^LN', 5: '0.9', 6: 'mg/dL^mg/dL^UCUM', 11: 'F', 14: '20261208060000-0500'}),
    seg('DG1', {1: '1', 3: 'R50.82^Postprocedural fever^I10', 6: 'W'}),
    seg('OBR', {1: '2', 2: 'RV-IM-7781^EPIC', 4: '74177^CT abdomen and pelvis with contrast^CPT4', 16: OKEKE}),
    seg('DG1', {1: '1', 3: 'R50.82^Postprocedural fever^I10', 6: 'W'}),
]

# 17 RDE^O11 Willow: hydromorphone IV as needed (TQ1-3 Q3H, the PRN condition in TQ1-10, TQ1-9 R), dose range 0.5-1 mg, RXR-3 device
M['17-rde-o11-prn'] = [
    msh('EPICRX', 'RVB', '20261208060511-0500', 'RVBRX-551022', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', WHI_PID),
    seg('PV1', WHI_PV1),
    seg('ORC', {1: 'NW', 2: 'RV-RX-3310^EPIC', 5: 'IP', 9: '20261208060300', 12: YAMAMOTO}),
    seg('TQ1', {1: '1', 3: 'Q3H^Every 3 hours^HL70335', 7: '20261208060500-0500', 8: '20261211060500-0500', 9: 'R^Routine^HL70485',
                10: 'PRN severe pain (7-10)'}),
    seg('RXE', {2: '3967^hydromorphone 1 MG/ML Injectable Solution^RXNORM', 3: '0.5', 4: '1', 5: 'mg^milligram^UCUM',
                6: 'INJ^Injection^HL70292', 7: '^Give slowly over 2-3 minutes', 10: '1', 11: 'mL^milliliter^UCUM', 12: '0',
                27: '^Severe pain'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 3: 'IVP^IV push^HL70164'}),
]

# 18 RAS^O17 MAR: one PRN dose given 0.5 mg with a pain score OBX, ORC-12, RXA-10 nurse
M['18-ras-o17-prn-given'] = [
    msh('EPICMAR', 'RVB', '20261208094500-0500', 'RVBMAR-771340', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', WHI_PID),
    seg('PV1', WHI_PV1),
    seg('ORC', {1: 'RE', 2: 'RV-RX-3310^EPIC', 5: 'IP', 12: YAMAMOTO}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208094000-0500', 4: '20261208094000-0500',
                5: '3967^hydromorphone 1 MG/ML Injectable Solution^RXNORM', 6: '0.5', 7: 'mg^milligram^UCUM',
                10: 'RN4410^KOWALCZYK^ANNA^^^^RN', 11: '^^^RVB^^^^^7T^7104', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '72514-3^Pain severity 0-10 verbal numeric rating^LN', 5: '8', 6: '{score}^^UCUM', 11: 'F',
                14: '20261208093800-0500'}),
]

# 19 RDS^O13 PharmNet: enoxaparin 40 mg SC daily dispensed (TQ1 start/end, RXD 7 syringes, RXR SC abdomen), v2.5
WOJ_RX = 'LKS-RX-889120^HNAM_ORDERID'
M['19-rds-o13-enoxaparin'] = [
    msh('PHARMNET', 'LKS', '20261208100012-0600', 'Q6611290T7729104', 'RDS^O13^RDS_O13', '2.5'),
    seg('PID', WOJ_PID),
    seg('PV1', WOJ_PV1),
    seg('ORC', {1: 'RE', 2: WOJ_RX, 3: '7712044^PHARMNET', 5: 'IP', 9: '20261208095800', 12: PRAKASH}),
    seg('TQ1', {1: '1', 2: '40^mg&milligram&UCUM', 3: 'QD^Daily^HL70335', 4: '0900', 7: '20261208090000-0600',
                8: '20261215090000-0600', 9: 'R^Routine^HL70485'}),
    seg('RXE', {2: '854228^enoxaparin sodium 40 MG in 0.4 ML Prefilled Syringe^RXNORM', 3: '40', 5: 'mg^milligram^UCUM',
                6: 'SYR^Syringe^LKSFORM', 10: '7', 11: 'SYR^syringe^LKSFORM', 12: '0', 14: 'RPH208^NOVAK^PETRA^^^^PharmD'}),
    seg('RXD', {1: '1', 2: '854228^enoxaparin sodium 40 MG in 0.4 ML Prefilled Syringe^RXNORM', 3: '20261208095900-0600',
                4: '7', 5: 'SYR^syringe^LKSFORM', 7: '7712044', 10: 'RPH208^NOVAK^PETRA^^^^PharmD'}),
    seg('RXR', {1: 'SC^Subcutaneous^HL70162', 2: 'ABD^Abdomen^LKSSITE'}),
]

# 20 RGV^O15 PharmNet give: the 09:00 enoxaparin dose to give (RXG), v2.5
M['20-rgv-o15-enoxaparin'] = [
    msh('PHARMNET', 'LKS', '20261208100515-0600', 'Q6611291T7729110', 'RGV^O15^RGV_O15', '2.5'),
    seg('PID', WOJ_PID),
    seg('PV1', WOJ_PV1),
    seg('ORC', {1: 'RE', 2: WOJ_RX, 3: '7712044^PHARMNET', 5: 'IP', 12: PRAKASH}),
    seg('TQ1', {1: '1', 3: 'QD^Daily^HL70335', 4: '0900', 7: '20261208090000-0600', 8: '20261215090000-0600'}),
    seg('RXG', {1: '1', 2: '1', 4: '854228^enoxaparin sodium 40 MG in 0.4 ML Prefilled Syringe^RXNORM', 5: '40',
                7: 'mg^milligram^UCUM', 8: 'SYR^Syringe^LKSFORM', 9: '^Rotate injection sites'}),
    seg('RXR', {1: 'SC^Subcutaneous^HL70162', 2: 'ABD^Abdomen^LKSSITE'}),
]

# ---- PRZYBYLSKI (Sunnyvale Pediatrics, Milwaukee -0600, to the state IIS) ----
PRZ_PID = {1: '1', 3: 'SV100442^^^SVPEDS^MR', 5: 'PRZYBYLSKI^MAYA^ROSE^^^^L', 6: 'NOWAK^KATARZYNA^^^^^M', 7: '20251203',
           8: 'F', 10: '2106-3^White^CDCREC', 11: '2207 S 11TH ST^^MILWAUKEE^WI^53215^USA^P', 13: '^PRN^PH^^^414^5550177',
           22: '2186-5^Not Hispanic or Latino^CDCREC', 24: 'N'}
PRZ_PD1 = {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 13: '20251203', 16: 'A', 17: '20251203', 18: '20251203'}
PRZ_NK1 = {1: '1', 2: 'PRZYBYLSKI^KATARZYNA^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^PH^^^414^5550177'}
PED = f'1275069384^LINDAHL^SOREN^^^^MD^^{NPI}^L^^^NPI'
VFC_V02 = lambda i, sub, t: seg('OBX', {1: str(i), 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: sub,
                                        5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064', 11: 'F', 14: t, 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'})

# 21 VXU^V04 the 12-month visit: MMR + varicella given (two ORC/RXA), historical Hep B, flu refused, VFC + VIS OBX groups
M['21-vxu-v04-12mo'] = [
    msh('SVPEDSEHR', 'SVPEDS', '20261208143512-0600', 'SVP-VXU-20261208-0091', 'VXU^V04^VXU_V04', '2.5.1', recv='WIR',
        rfac='WIDHS', extra={21: 'Z22^CDCPHINVS'}),
    seg('PID', PRZ_PID),
    seg('PD1', PRZ_PD1),
    seg('NK1', PRZ_NK1),
    seg('ORC', {1: 'RE', 3: 'SVP-IM-40021^SVPEDS', 10: 'MA77^OLSON^BRITTA', 12: PED}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208141000-0600', 5: '03^MMR^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001',
                10: 'RN2201^HEIKKINEN^LIISA^^^^RN', 11: '^^^SVPEDS', 15: 'Y0031AB', 16: '20270630', 17: 'MSD^Merck and Co., Inc.^MVX',
                20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C38299^Subcutaneous^NCIT', 2: 'LT^Left Thigh^HL70163'}),
    VFC_V02(1, '1', '20261208141000'),
    seg('OBX', {1: '2', 2: 'CE', 3: '69764-9^Document type^LN', 4: '2', 5: '253088698300012711120420^MMR^cdcgs1vis', 11: 'F', 14: '20261208141000'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261208', 11: 'F', 14: '20261208141000'}),
    seg('ORC', {1: 'RE', 3: 'SVP-IM-40022^SVPEDS', 10: 'MA77^OLSON^BRITTA', 12: PED}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208141200-0600', 5: '21^varicella^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001',
                10: 'RN2201^HEIKKINEN^LIISA^^^^RN', 11: '^^^SVPEDS', 15: 'V7720KK', 16: '20270415', 17: 'MSD^Merck and Co., Inc.^MVX',
                20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C38299^Subcutaneous^NCIT', 2: 'RT^Right Thigh^HL70163'}),
    VFC_V02(1, '1', '20261208141200'),
    seg('ORC', {1: 'RE', 3: 'SVP-IM-40023^SVPEDS'}),
    seg('RXA', {1: '0', 2: '1', 3: '20251204', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001',
                20: 'CP', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208142000-0600', 5: '150^Influenza, injectable, quadrivalent, preservative free^CVX', 6: '999',
                18: '00^Parental decision^NIP002', 20: 'RE'}),
]

# 22 VXU^V04 correction: the varicella of #21 was keyed to the wrong patient chart (RXA-21 D); MMR resent (RXA-21 U)
M['22-vxu-v04-delete-update'] = [
    msh('SVPEDSEHR', 'SVPEDS', '20261208161022-0600', 'SVP-VXU-20261208-0107', 'VXU^V04^VXU_V04', '2.5.1', recv='WIR',
        rfac='WIDHS', extra={21: 'Z22^CDCPHINVS'}),
    seg('PID', PRZ_PID),
    seg('PD1', PRZ_PD1),
    seg('ORC', {1: 'RE', 3: 'SVP-IM-40022^SVPEDS', 12: PED}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208141200-0600', 5: '21^varicella^CVX', 6: '0.5', 7: 'mL^mL^UCUM',
                10: 'RN2201^HEIKKINEN^LIISA^^^^RN', 15: 'V7720KK', 17: 'MSD^Merck and Co., Inc.^MVX', 20: 'CP', 21: 'D'}),
    seg('ORC', {1: 'RE', 3: 'SVP-IM-40021^SVPEDS', 12: PED}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208141000-0600', 5: '03^MMR^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001',
                10: 'RN2201^HEIKKINEN^LIISA^^^^RN', 11: '^^^SVPEDS', 15: 'Y0031AB', 16: '20270630', 17: 'MSD^Merck and Co., Inc.^MVX',
                20: 'CP', 21: 'U'}),
    seg('RXR', {1: 'C38299^Subcutaneous^NCIT', 2: 'RA^Right Arm^HL70163'}),
    VFC_V02(1, '1', '20261208141000'),
]

# 23 SIU^S12 Cadence: post-op clinic follow-up booked (SCH-11 TQ with offset, AIS/AIG/AIL/AIP), v2.5
M['23-siu-s12-cadence'] = [
    msh('EPICCAD', 'RVB', '20261209114002-0500', 'RVBSCH-220417', 'SIU^S12^SIU_S12', '2.5'),
    seg('SCH', {1: 'RV-AP-55012^EPIC', 2: '9930115^EPICCAD', 6: 'NEW^New appointment', 7: 'POSTOP^Post-operative visit^RVBAPPT',
                8: 'FOLLOWUP^Follow-up^HL70277', 9: '20', 10: 'min^minutes^ANS+',
                11: '^^20^20261222093000-0500^20261222095000-0500', 16: YAMAMOTO, 20: 'SCHED12^PIERCE^DANA', 25: 'Booked^Booked^HL70278'}),
    seg('PID', WHI_PID),
    seg('PV1', {1: '1', 2: 'O', 3: 'SURGCLIN^^^RVB^^^^^SURGERY CLINIC', 7: YAMAMOTO, 19: '30077311^^^RVB^VN'}),
    seg('RGS', {1: '1', 2: 'A'}),
    seg('AIS', {1: '1', 2: 'A', 3: '99024^Postoperative follow-up visit^CPT4', 4: '20261222093000-0500', 7: '20', 8: 'min^minutes^ANS+',
                10: 'Booked^Booked^HL70278'}),
    seg('AIL', {1: '1', 2: 'A', 3: 'SURGCLIN^EXAM4^^RVB^^^^^SURGERY CLINIC EXAM 4', 6: '20261222093000-0500', 9: '20',
                10: 'min^minutes^ANS+', 12: 'Booked^Booked^HL70278'}),
    seg('AIP', {1: '1', 2: 'A', 3: YAMAMOTO, 4: 'ATTENDING^Attending^HL70182', 6: '20261222093000-0500', 9: '20',
                10: 'min^minutes^ANS+', 12: 'Booked^Booked^HL70278'}),
]

# 24 MDM^T02 Meditech transcription: ESPINOZA's discharge summary, authenticated (TXA-17 AU, TXA-22), OBX TX lines, v2.6
M['24-mdm-t02-dc-summary'] = [
    msh('MEDITECH', 'HDC', '20261210163300-0700', 'HDC.T02.0312880', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {1: 'T02', 2: '202612101633'}),
    seg('PID', ESP_PID),
    seg('PV1', {**ESP_PV1, 3: '3W^314^B^HDC', 7: 'LUND.KAR^LUNDQUIST^KAREN^^^^MD', 45: '202612101100'}),
    seg('TXA', {1: '1', 2: 'DS^Discharge summary^HL70270', 3: 'TX', 4: '202612101100', 5: 'LUND.KAR^LUNDQUIST^KAREN^^^^MD',
                6: '202612101215', 7: '202612101410', 9: 'LUND.KAR^LUNDQUIST^KAREN^^^^MD', 11: 'TR044^HOLLIS^DEB',
                12: 'HDC-DS-2612-004471^MEDITECH', 16: 'ESPINOZA_DS_20261210.txt', 17: 'AU', 18: 'R^Restricted^HL70272',
                19: 'AV', 22: 'LUND.KAR^LUNDQUIST^KAREN^^^^MD^^^^^^^^20261210163000'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '18842-5^Discharge summary^LN', 4: '1', 5: 'ADMITTING DIAGNOSIS: Community-acquired pneumonia.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '18842-5^Discharge summary^LN', 4: '1', 5: 'HOSPITAL COURSE: Improved on ceftriaxone; sulfa rash noted 12/08.', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TX', 3: '18842-5^Discharge summary^LN', 4: '1', 5: 'DISPOSITION: Home, follow up with PCP in 1 week.', 11: 'F'}),
]

OUT.mkdir(parents=True, exist_ok=True)
for name, segs in sorted(M.items()):
    (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
print(len(M), 'messages')
