#!/usr/bin/env python3
r"""Review 21's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of Epic (Quarry Hill Medical Center, Denver -0700: A04 with full demographics, Cadence
S12/S15, Willow RDE with a loading dose + maintenance TQ1, MAR RAS, Resolute DFT, problem-list PPR),
Cerner (Wyndham Valley Hospital, Phoenix -0700 all year: A01/A02/A12/A08/A03 of one stay, A17 swap, A47,
PathNet micro culture with susceptibility children and its correction), Meditech 2.3/2.3.1 (Ridgefield
Community, Hartford -0500: A40, one-ORC two-OBR ORM, a one-test cancel, an ORC-only hold), a reference lab
(-0500 lab for a -0700 client: OUL^R22 with SPM, ORU with OBX-11 D) and a pediatric EHR's VXU with OBX
groups. Versions 2.3-2.8. Patients Q-Z, numbers 77...; none of reviews 16-20's. Fields placed by number.
All persons, numbers and addresses are invented.
Writes docs/review21/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review21/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review21/messages')


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
QH = 'QHMC&2.16.840.1.113883.3.7721.1&ISO'
WV = 'WVH&2.16.840.1.113883.3.7721.2&ISO'
RCH = 'RCH'   # Meditech: a bare namespace
THORNE = f'1770234561^THORNE^ADELAIDE^M^^^MD^^{NPI}^L^^^NPI'      # QHMC internist / PCP
OYELARAN = f'1770398812^OYELARAN^KUNLE^^^^MD^^{NPI}^L^^^NPI'      # WVH hospitalist
BRANDT = f'1770554107^BRANDT^LUCIA^^^^MD^^{NPI}^L^^^NPI'          # WVH cardiologist
MARSH = f'1770662930^MARSH^HENRY^T^^^MD^^{NPI}^L^^^NPI'           # RCH family physician
PELLETIER = f'1770771245^PELLETIER^NOOR^^^^MD^^{NPI}^L^^^NPI'     # pediatrician
M = {}

# ---- QUINTERO (Epic, QHMC, Denver -0700) ----
QUI_PID = {1: '1', 3: f'7712408^^^{QH}^MR~777-41-2290^^^SSA&2.16.840.1.113883.4.1&ISO^SS', 5: 'QUINTERO^ROSALIND^MAE^^^^L',
           6: 'ARCHULETA^^^^^^M', 7: '19670214', 8: 'F', 10: '2131-1^Other Race^CDCREC', 11: '4410 W ASPEN GROVE DR^APT 12^LAKEWOOD^CO^80226^USA^H^^08059',
           13: '^PRN^PH^^1^303^5557741~^NET^Internet^rquintero77@example.org', 14: '^WPN^PH^^1^303^5557790^22', 15: 'spa^Spanish^ISO639',
           16: 'M^Married^HL70002', 17: 'CAT^Roman Catholic^HL70006', 18: f'77400918^^^{QH}^AN', 22: '2135-2^Hispanic or Latino^CDCREC'}
M['01-adt-a04-register'] = [
    msh('EPIC', 'QHMC', '20261207071512-0700', 'QH7700101', 'ADT^A04^ADT_A01', '2.5.1'),
    seg('EVN', {2: '20261207071500-0700', 5: f'7712001^INTAKE^PAULA^^^^^^{QH}', 7: 'QHMC'}),
    seg('PID', QUI_PID),
    seg('PD1', {3: 'Quarry Hill Internal Medicine^^7701^^^^^^^QHIM', 4: THORNE}),
    seg('NK1', {1: '1', 2: 'QUINTERO^ESTEBAN^^^^^L', 3: 'SPO^Spouse^HL70063', 4: '4410 W ASPEN GROVE DR^APT 12^LAKEWOOD^CO^80226^USA^H',
                5: '^PRN^CP^^1^720^5553318', 7: 'EC^Emergency Contact^HL70131'}),
    seg('NK1', {1: '2', 2: 'RAMOS^BEATRIZ^^^^^L', 3: 'SIS^Sister^HL70063', 5: '^PRN^PH^^1^505^5550874', 7: 'EC^Emergency Contact^HL70131'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'QHIM^EXAM4^^QHMC', 4: 'R^Routine^HL70007', 7: THORNE, 10: 'MED', 18: 'OP', 19: f'77400918^^^{QH}^VN',
                20: 'COM', 39: 'QHMC', 44: '20261207072000-0700'}),
    seg('PV2', {3: 'R03.0^Elevated blood-pressure reading^I10', 8: '20261207072000-0700'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '8302-2^Body height^LN', 5: '162.6', 6: 'cm^centimeter^UCUM', 11: 'F', 14: '20261207071800-0700'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '81.2', 6: 'kg^kilogram^UCUM', 11: 'F', 14: '20261207071800-0700'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '7980^Penicillin G^RXNORM', 4: 'SV^Severe^HL70128', 5: 'Anaphylaxis', 6: '19980611'}),
    seg('AL1', {1: '2', 2: 'FA^Food allergy^HL70127', 3: '227150003^Shellfish^SCT', 4: 'MI^Mild^HL70128', 5: 'Hives'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'I10^Essential (primary) hypertension^I10', 6: 'W', 15: '1'}),
    seg('ROL', {1: '7701', 2: 'AD', 3: 'PP^Primary Care Provider^HL70443', 4: THORNE, 5: '20190301'}),
    seg('GT1', {1: '1', 2: f'77500231^^^{QH}', 3: 'QUINTERO^ESTEBAN^^^^^L', 5: '4410 W ASPEN GROVE DR^APT 12^LAKEWOOD^CO^80226^USA', 6: '^PRN^CP^^1^720^5553318',
                8: '19650930', 9: 'M', 10: 'P', 11: 'SPO^Spouse^HL70063'}),
    seg('IN1', {1: '1', 2: 'RMHP-PPO^Rocky Mountain PPO', 3: '77PAY0041^^^QHPAYER', 4: 'ROCKY MOUNTAIN HEALTH ALLIANCE', 5: 'PO BOX 7719^^DENVER^CO^80217',
                7: '^WPN^PH^^1^800^5557710', 8: 'G770422', 9: 'LAKEWOOD SCHOOL DISTRICT', 12: '20260101', 13: '20261231', 15: 'PPO',
                16: 'QUINTERO^ESTEBAN^^^^^L', 17: 'SPO^Spouse^HL70063', 18: '19650930', 36: 'RMH77014233', 49: '77014233^^^RMHA'}),
    seg('IN2', {1: '77E4410', 2: '777-52-0193', 72: '01^Spouse^HL70344'}),
]

# ---- VILLANUEVA (Cerner, WVH, Phoenix -0700, no daylight time) ----
VIL_PID = {1: '1', 3: f'7720553^^^{WV}^MR', 5: 'VILLANUEVA^TOMAS^ELIAS^^^^L', 7: '19520503', 8: 'M', 10: '2106-3^White^CDCREC',
           11: '2180 E SAGUARO VISTA LN^^MESA^AZ^85213^USA^H', 13: '^PRN^PH^^1^480^5552216', 15: 'eng^English^ISO639', 16: 'W^Widowed^HL70002',
           18: f'77610044^^^{WV}^AN', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
VIL_VN = f'77610044^^^{WV}^VN'


def vil_pv1(loc, prior='', extra=None):
    f = {1: '1', 2: 'I', 3: loc, 4: 'E^Emergency^HL70007', 6: prior, 7: OYELARAN, 10: 'CAR', 14: '7^Emergency room^HL70023', 17: OYELARAN,
         18: 'IP', 19: VIL_VN, 20: 'MCR', 39: 'WVH', 44: '20261205224000-0700'}
    f.update(extra or {})
    return seg('PV1', f)


M['02-adt-a01-admit'] = [
    msh('CERNER', 'WVH', '20261205224512-0700', 'WV77A01-5521', 'ADT^A01^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A01', 2: '20261205224500', 6: '20261205224000'}),
    seg('PID', VIL_PID),
    seg('NK1', {1: '1', 2: 'VILLANUEVA^MARISOL^^^^^L', 3: 'DAU^Daughter^HL70063', 5: '^PRN^CP^^1^602^5558120', 7: 'N^Next-of-Kin^HL70131'}),
    vil_pv1('4E^412^A^WVH'),
    seg('PV2', {3: 'I21.4^Non-ST elevation myocardial infarction^I10', 9: '20261209'}),
    seg('ROL', {1: '77R1', 2: 'AD', 3: 'AT^Attending^HL70443', 4: OYELARAN, 5: '20261205224000-0700'}),
    seg('ROL', {1: '77R2', 2: 'AD', 3: 'CP^Consulting Provider^HL70443', 4: BRANDT, 5: '20261205230000-0700'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '8867-4^Heart rate^LN', 5: '104', 6: '/min^per minute^UCUM', 8: 'H', 11: 'F', 14: '20261205223000-0700'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '2670^Codeine^RXNORM', 4: 'MO^Moderate^HL70128', 5: 'Nausea~Vomiting'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'I21.4^Non-ST elevation myocardial infarction^I10', 6: 'A', 15: '1'}),
    seg('DG1', {1: '2', 2: 'I10', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10', 6: 'A', 15: '2'}),
    seg('IN1', {1: '1', 2: 'MCR-A^Medicare Part A', 3: '77MCR^^^CMS', 4: 'MEDICARE', 12: '20170501', 15: 'MCR', 16: 'VILLANUEVA^TOMAS^ELIAS^^^^L',
                17: 'SEL^Self^HL70063', 36: '7WV4TE7TA77'}),
]
M['03-adt-a02-transfer'] = [
    msh('CERNER', 'WVH', '20261206091207-0700', 'WV77A02-5588', 'ADT^A02^ADT_A02', '2.5.1'),
    seg('EVN', {1: 'A02', 2: '20261206091200', 6: '20261206090500'}),
    seg('PID', VIL_PID),
    vil_pv1('CCU^C07^1^WVH', '4E^412^A^WVH', {7: BRANDT}),
]
M['04-adt-a12-cancel-transfer'] = [
    msh('CERNER', 'WVH', '20261206094433-0700', 'WV77A12-5590', 'ADT^A12^ADT_A12', '2.5.1'),
    seg('EVN', {1: 'A12', 2: '20261206094430', 4: 'ERR^Entered in error^WVH', 5: '77301^DESK^NORA^^^^^^WVH'}),
    seg('PID', VIL_PID),
    vil_pv1('4E^412^A^WVH', 'CCU^C07^1^WVH'),
]
M['05-adt-a08-update'] = [
    msh('CERNER', 'WVH', '20261207140122-0700', 'WV77A08-5702', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A08', 2: '20261207140120'}),
    seg('PID', {**VIL_PID, 13: '^PRN^PH^^1^480^5552216~^PRN^CP^^1^480^5559043'}),
    vil_pv1('4E^412^A^WVH', extra={36: ''}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '2670^Codeine^RXNORM', 4: 'MO^Moderate^HL70128', 5: 'Nausea~Vomiting'}),
    seg('AL1', {1: '2', 2: 'DA^Drug allergy^HL70127', 3: '1191^Aspirin^RXNORM', 4: 'U^Unknown^HL70128', 5: 'GI upset'}),
    seg('IN1', {1: '1', 2: 'MCR-A^Medicare Part A', 3: '77MCR^^^CMS', 4: 'MEDICARE', 12: '20170501', 15: 'MCR', 16: 'VILLANUEVA^TOMAS^ELIAS^^^^L',
                17: 'SEL^Self^HL70063', 36: '7WV4TE7TA77'}),
    seg('IN1', {1: '2', 2: 'AARP-F^AARP Medigap F', 3: '77AARP^^^WVPAYER', 4: 'AARP MEDICARE SUPPLEMENT', 12: '20200101', 15: 'SUPP',
                16: 'VILLANUEVA^TOMAS^ELIAS^^^^L', 17: 'SEL^Self^HL70063', 36: 'AR77120941'}),
]
M['06-adt-a03-discharge'] = [
    msh('CERNER', 'WVH', '20261209113045-0700', 'WV77A03-5811', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20261209113040', 6: '20261209110000'}),
    seg('PID', VIL_PID),
    vil_pv1('4E^412^A^WVH', extra={36: '06^Discharged to home health^HL70112', 45: '20261209110000-0700'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'I21.4^Non-ST elevation myocardial infarction^I10', 6: 'F', 15: '1'}),
    seg('PR1', {1: '1', 2: 'C4', 3: '92928^Percutaneous transcatheter placement of intracoronary stent^CPT4', 5: '20261206133000-0700',
                6: 'A^Anesthesia^HL70230', 12: BRANDT}),
]

# ---- ZELENKA and YBARRA: a bed swap (Cerner WVH) ----
M['07-adt-a17-swap'] = [
    msh('CERNER', 'WVH', '20261208154010-0700', 'WV77A17-5760', 'ADT^A17^ADT_A17', '2.5.1'),
    seg('EVN', {1: 'A17', 2: '20261208154000'}),
    seg('PID', {1: '1', 3: f'7720871^^^{WV}^MR', 5: 'ZELENKA^VERA^^^^^L', 7: '19480722', 8: 'F'}),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^518^B^WVH', 6: '5W^520^A^WVH', 7: OYELARAN, 19: f'77610291^^^{WV}^VN'}),
    seg('PID', {1: '2', 3: f'7720914^^^{WV}^MR', 5: 'YBARRA^CELESTE^^^^^L', 7: '19590108', 8: 'F'}),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^520^A^WVH', 6: '5W^518^B^WVH', 7: OYELARAN, 19: f'77610307^^^{WV}^VN'}),
]

# ---- RASMUSSEN (Meditech 2.3/2.3.1, Ridgefield Community, Hartford -0500) ----
RAS_PID = {1: '1', 2: '', 3: f'M770184^^^{RCH}^MR', 5: 'RASMUSSEN^KARL^OVE', 7: '19710929', 8: 'M', 11: '19 HIGHGATE TER^^WEST HARTFORD^CT^06107',
           13: '(860)555-7724', 18: f'V77093418^^^{RCH}^AN', 19: '777-30-8845'}
M['08-adt-a40-merge'] = [
    msh('MEDITECH', 'RCH', '20261207103322-0500', 'RCH7740001', 'ADT^A40^ADT_A39', '2.3.1'),
    seg('EVN', {1: 'A40', 2: '20261207103320'}),
    seg('PID', RAS_PID),
    seg('MRG', {1: f'M770197^^^{RCH}^MR', 7: 'RASMUSEN^KARL'}),
]

# ---- SORENSEN (Cerner WVH): identifier list corrected ----
M['09-adt-a47-id-change'] = [
    msh('CERNER', 'WVH', '20261207161500-0700', 'WV77A47-5733', 'ADT^A47^ADT_A30', '2.5'),
    seg('EVN', {1: 'A47', 2: '20261207161455'}),
    seg('PID', {1: '1', 3: f'7721106^^^{WV}^MR', 5: 'SORENSEN^INGRID^^^^^L', 7: '19830412', 8: 'F'}),
    seg('MRG', {1: f'7721160^^^{WV}^MR'}),
]

# ---- TREMBLAY (Cerner PathNet micro, WVH) ----
TRE_PID = seg('PID', {1: '1', 3: f'7721338^^^{WV}^MR', 5: 'TREMBLAY^GASTON^^^^^L', 7: '19440117', 8: 'M'})
TRE_PV1 = seg('PV1', {1: '1', 2: 'I', 3: '3N^304^A^WVH', 7: OYELARAN, 19: f'77610355^^^{WV}^VN'})


def micro(ctl, t, status, sus_status, amp_value, amp_interp, amp_obx_status, nte=None):
    par = 'WV77-ORD-4410^HNAM_ORDERID'
    fil = '26-340-0077^WVH_MICRO'
    out = [
        msh('CERNER', 'WVH', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
        TRE_PID, TRE_PV1,
        seg('ORC', {1: 'RE', 2: par, 3: fil, 12: OYELARAN}),
        seg('OBR', {1: '1', 2: par, 3: fil, 4: '630-4^Bacteria identified in Urine by Culture^LN', 7: '20261206063000-0700', 16: OYELARAN,
                    22: t[:12] + '-0700', 24: 'MB', 25: status}),
        seg('OBX', {1: '1', 2: 'CWE', 3: '630-4^Bacteria identified in Urine by Culture^LN', 4: '1', 5: '112283007^Escherichia coli^SCT',
                    11: status if status != 'C' else 'F', 14: '20261207080000-0700'}),
        seg('OBX', {1: '2', 2: 'SN', 3: '19090-0^Colony count [#/volume] in Urine^LN', 4: '1', 5: '>^100000', 6: '{CFU}/mL^^UCUM', 8: 'H',
                    11: status if status != 'C' else 'F', 14: '20261207080000-0700'}),
        seg('SPM', {1: '1', 2: '^26-340-0077&WVH_MICRO', 4: '122575003^Urine specimen^SCT', 7: '73416001^Urine specimen collection, clean catch^SCT',
                    17: '20261206063000-0700', 18: '20261206071500-0700'}),
        seg('ORC', {1: 'RE', 2: par, 3: '26-340-0077-S^WVH_MICRO', 12: OYELARAN}),
        seg('OBR', {1: '2', 2: par, 3: '26-340-0077-S^WVH_MICRO', 4: '18769-0^Microbial susceptibility tests Set^LN', 7: '20261206063000-0700',
                    16: OYELARAN, 22: t[:12] + '-0700', 24: 'MB', 25: sus_status,
                    26: '630-4&Bacteria identified in Urine by Culture&LN^1^Escherichia coli',
                    29: 'WV77-ORD-4410&HNAM_ORDERID^26-340-0077&WVH_MICRO'}),
        seg('OBX', {1: '1', 2: 'SN', 3: '28-1^Ampicillin [Susceptibility] by Minimum inhibitory concentration^LN', 4: '1', 5: amp_value,
                    6: 'ug/mL^^UCUM', 8: amp_interp, 11: amp_obx_status, 14: '20261208070000-0700'}),
    ]
    if nte:
        out.append(seg('NTE', {1: '1', 2: 'L', 3: nte}))
    out += [
        seg('OBX', {1: '2', 2: 'SN', 3: '193-3^Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration^LN', 4: '1', 5: '<=^0.25',
                    6: 'ug/mL^^UCUM', 8: 'S', 11: 'F', 14: '20261208070000-0700'}),
        seg('OBX', {1: '3', 2: 'SN', 3: '363-2^Nitrofurantoin [Susceptibility] by Minimum inhibitory concentration^LN', 4: '1', 5: '<=^16',
                    6: 'ug/mL^^UCUM', 8: 'S', 11: 'F', 14: '20261208070000-0700'}),
    ]
    return out


M['10-oru-micro-final'] = micro('WV77MB-9011', '20261208071502-0700', 'F', 'F', '^4', 'S', 'F')
M['11-oru-micro-corrected'] = micro('WV77MB-9027', '20261208153010-0700', 'C', 'C', '>=^32', 'R', 'C',
                                     'Ampicillin corrected: MIC re-read after instrument review.')

# ---- UDALL (reference lab in New Jersey -0500, client QHMC Denver -0700) ----
UDA_PID = seg('PID', {1: '1', 2: f'7712655^^^{QH}^MR', 3: f'RL77830041^^^RLX&2.16.840.1.113883.3.7721.9&ISO^PI~7712655^^^{QH}^MR',
                      5: 'UDALL^WINIFRED^JOAN^^^^L', 7: '19790325', 8: 'F'})
RLX_ORG = 'Atlantic Reference Labs^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^31D7712345'
M['12-oul-r22-reflab'] = [
    msh('RLXLIS', 'RLX^31D7712345^CLIA', '20261208041517-0500', 'RLX77-220014', 'OUL^R22^OUL_R22', '2.5.1'),
    UDA_PID,
    seg('SPM', {1: '1', 2: '^RL77S0093141&RLX', 4: '119297000^Blood specimen^SCT', 6: 'SST^Serum separator tube^HL70371',
                17: '20261207091000-0700', 18: '20261207213000-0500', 21: ''}),
    seg('OBR', {1: '1', 2: 'QH-77-5531^EPIC', 3: 'RL77S0093141^RLX', 4: '2498-4^Iron [Mass/volume] in Serum or Plasma^LN', 7: '20261207091000-0700',
                16: THORNE, 22: '20261208041000-0500', 24: 'CH', 25: 'F'}),
    seg('ORC', {1: 'SC', 2: 'QH-77-5531^EPIC', 3: 'RL77S0093141^RLX', 5: 'CM', 12: THORNE}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2498-4^Iron [Mass/volume] in Serum or Plasma^LN', 5: '41', 6: 'ug/dL^^UCUM', 7: '50-170', 8: 'L', 11: 'F',
                14: '20261208033000-0500', 23: RLX_ORG}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2500-7^Iron binding capacity [Mass/volume] in Serum or Plasma^LN', 5: '452', 6: 'ug/dL^^UCUM',
                7: '250-450', 8: 'H', 11: 'F', 14: '20261208033000-0500', 23: RLX_ORG}),
]
M['13-oru-reflab-deleted'] = [
    msh('RLXLIS', 'RLX^31D7712345^CLIA', '20261208172244-0500', 'RLX77-220093', 'ORU^R01^ORU_R01', '2.5.1'),
    UDA_PID,
    seg('ORC', {1: 'RE', 2: 'QH-77-5531^EPIC', 3: 'RL77S0093141^RLX', 12: THORNE}),
    seg('OBR', {1: '1', 2: 'QH-77-5531^EPIC', 3: 'RL77S0093141^RLX', 4: '2498-4^Iron [Mass/volume] in Serum or Plasma^LN', 7: '20261207091000-0700',
                16: THORNE, 22: '20261208172000-0500', 24: 'CH', 25: 'C'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2498-4^Iron [Mass/volume] in Serum or Plasma^LN', 5: '41', 6: 'ug/dL^^UCUM', 7: '50-170', 8: 'L', 11: 'F',
                14: '20261208033000-0500', 23: RLX_ORG}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2500-7^Iron binding capacity [Mass/volume] in Serum or Plasma^LN', 5: '', 11: 'D',
                14: '20261208033000-0500', 23: RLX_ORG}),
    seg('NTE', {1: '1', 2: 'L', 3: 'TIBC result removed: specimen hemolyzed.'}),
    seg('SPM', {1: '1', 2: '^RL77S0093141&RLX', 4: '119297000^Blood specimen^SCT', 17: '20261207091000-0700'}),
]

# ---- RASMUSSEN's orders (Meditech 2.3, RCH -0500) ----
RAS_PV1 = seg('PV1', {1: '1', 2: 'O', 3: 'RCHFP^^^RCH', 7: MARSH, 19: f'V77093418^^^{RCH}'})
M['14-orm-two-obr-one-orc'] = [
    msh('MEDITECH', 'RCH', '20261208081530-0500', 'RCH7740122', 'ORM^O01', '2.3'),
    seg('PID', RAS_PID), RAS_PV1,
    seg('ORC', {1: 'NW', 2: 'RCH77-0412^MEDITECH', 5: 'SC', 7: '^^^20261208090000-0500^^R', 9: '20261208081500-0500', 12: MARSH}),
    seg('OBR', {1: '1', 2: 'RCH77-0412^MEDITECH', 4: '85025^CBC with differential^CPT4', 7: '20261208090000-0500', 16: MARSH, 27: '^^^20261208090000-0500^^R'}),
    seg('OBR', {1: '2', 2: 'RCH77-0412^MEDITECH', 4: '80048^Basic metabolic panel^CPT4', 7: '20261208090000-0500', 16: MARSH, 27: '^^^20261208090000-0500^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'R53.83^Other fatigue^I10', 6: 'W'}),
]
M['15-orm-cancel-one-test'] = [
    msh('MEDITECH', 'RCH', '20261208084402-0500', 'RCH7740131', 'ORM^O01', '2.3'),
    seg('PID', RAS_PID), RAS_PV1,
    seg('ORC', {1: 'CA', 2: 'RCH77-0412^MEDITECH', 5: 'CA', 9: '20261208084400-0500', 12: MARSH, 16: 'DUP^Duplicate order^RCH'}),
    seg('OBR', {1: '1', 2: 'RCH77-0412^MEDITECH', 4: '80048^Basic metabolic panel^CPT4', 16: MARSH}),
]
M['16-orm-orc-only-hold'] = [
    msh('MEDITECH', 'RCH', '20261208085010-0500', 'RCH7740135', 'ORM^O01', '2.3'),
    seg('PID', RAS_PID), RAS_PV1,
    seg('ORC', {1: 'HD', 2: 'RCH77-0412^MEDITECH', 5: 'HD', 9: '20261208085000-0500', 12: MARSH, 16: 'PTNA^Patient not available^RCH'}),
]

# ---- WAKEFIELD (Epic Willow / MAR, QHMC -0700) ----
WAK_PID = seg('PID', {1: '1', 3: f'7712931^^^{QH}^MR', 5: 'WAKEFIELD^DESMOND^^^^^L', 7: '19610811', 8: 'M'})
WAK_PV1 = seg('PV1', {1: '1', 2: 'I', 3: '6S^611^1^QHMC', 7: THORNE, 19: f'77401277^^^{QH}^VN'})
VANCO = '11124^vancomycin 1,000 mg/200 mL IVPB^RXNORM'
M['17-rde-loading-and-q12h'] = [
    msh('EPIC', 'QHMC', '20261208101744-0700', 'QH7700933', 'RDE^O11^RDE_O11', '2.5.1'),
    WAK_PID, WAK_PV1,
    seg('ORC', {1: 'NW', 2: '77934120^EPIC', 5: 'IP', 9: '20261208101700-0700', 12: THORNE}),
    seg('RXE', {2: VANCO, 3: '1250', 5: 'mg^milligram^UCUM', 6: 'IVPB^IV Piggyback^HL70292', 7: '^Infuse over 90 minutes', 10: '1', 11: 'BAG^bag^UCUM',
                12: '0', 23: '167', 24: 'mL/h^milliliter per hour^UCUM', 25: '1250', 26: 'mg^milligram^UCUM'}),
    seg('TQ1', {1: '1', 2: '1250&mg&UCUM', 3: 'ONCE^Once^HL70335', 7: '20261208110000-0700', 9: 'S^Stat^HL70485'}),
    seg('TQ1', {1: '2', 2: '1000&mg&UCUM', 3: 'Q12H^Every 12 hours^HL70335', 7: '20261208230000-0700', 8: '20261215230000-0700', 9: 'R^Routine^HL70485', 12: 'S'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left arm^HL70163', 3: 'IVP^IV pump^HL70164'}),
    seg('RXC', {1: 'B', 2: '313002^sodium chloride 0.9 % IV solution^RXNORM', 3: '200', 4: 'mL^milliliter^UCUM'}),
]
M['18-ras-given'] = [
    msh('EPIC', 'QHMC', '20261208113212-0700', 'QH7700948', 'RAS^O17^RAS_O17', '2.5.1'),
    WAK_PID, WAK_PV1,
    seg('ORC', {1: 'RE', 2: '77934120^EPIC', 5: 'IP', 12: THORNE}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208110800-0700', 4: '20261208123800-0700', 5: VANCO, 6: '1250', 7: 'mg^milligram^UCUM',
                10: f'7712044^OKAFOR^LENA^^^^RN^^{QH}', 11: '^^^QHMC^^^^^6S 611', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left arm^HL70163'}),
]

# ---- XIONG (pediatric EHR -> state IIS, Colorado -0700) ----
XIO_PID = seg('PID', {1: '1', 3: f'7713304^^^{QH}^MR', 5: 'XIONG^MAI^^^^^L', 6: 'VANG^PA^^^^^M', 7: '20250611', 8: 'F',
                      11: '980 S FEDERAL BLVD^^DENVER^CO^80219^USA^H', 13: '^PRN^PH^^1^303^5558862'})
XIO_PD1 = seg('PD1', {11: '02^Reminder/recall - any method^HL70215', 12: 'N', 16: 'A^Active^HL70441', 17: '20250611'})
XIO_NK1 = seg('NK1', {1: '1', 2: 'XIONG^PA^^^^^L', 3: 'MTH^Mother^HL70063'})
PC_ORC = lambda n: seg('ORC', {1: 'RE', 3: f'{n}^QHPEDS', 12: PELLETIER})
M['19-vxu-obx-groups'] = [
    msh('QHPEDS', 'QHMC', '20261208143010-0700', 'QHP77-0311', 'VXU^V04^VXU_V04', '2.5.1', {15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
    XIO_PID, XIO_PD1, XIO_NK1,
    PC_ORC('77IMM-5501'),
    seg('RXA', {1: '0', 2: '1', 3: '20261208141500-0700', 5: '120^DTaP-Hib-IPV^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001',
                10: f'7713051^FERRIS^JOY^^^^RN^^{QH}', 11: '^^^QHPEDS', 15: 'U7712AB', 16: '20271031', 17: 'PMC^sanofi pasteur^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1', 5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064',
                11: 'F', 14: '20261208141500-0700', 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30963-3^Vaccine funding source^LN', 4: '1', 5: 'VXC50^Public^CDCPHINVS', 11: 'F', 14: '20261208141500-0700'}),
    seg('OBX', {1: '3', 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: '2', 5: '107^DTaP, unspecified^CVX', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: '20210806', 11: 'F'}),
    seg('OBX', {1: '5', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261208', 11: 'F'}),
    seg('OBX', {1: '6', 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: '3', 5: '17^Hib, unspecified^CVX', 11: 'F'}),
    seg('OBX', {1: '7', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '3', 5: '20211015', 11: 'F'}),
    seg('OBX', {1: '8', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '3', 5: '20261208', 11: 'F'}),
    PC_ORC('77IMM-5502'),
    seg('RXA', {1: '0', 2: '1', 3: '20250612', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001',
                11: '^^^^^^^^^^^^^^^^Aurora Birth Center', 20: 'CP', 21: 'A'}),
    PC_ORC('77IMM-5503'),
    seg('RXA', {1: '0', 2: '1', 3: '20261208141500-0700', 5: '88^Influenza, unspecified formulation^CVX', 6: '999', 18: '00^Parental decision^NIP002',
                20: 'RE', 21: 'A'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '59784-9^Disease with presumed immunity^LN', 4: '1', 5: '38907003^Varicella infection^SCT', 11: 'F'}),
]
M['20-vxu-delete'] = [
    msh('QHPEDS', 'QHMC', '20261209090211-0700', 'QHP77-0319', 'VXU^V04^VXU_V04', '2.5.1', {15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
    XIO_PID, XIO_PD1,
    PC_ORC('77IMM-5501'),
    seg('RXA', {1: '0', 2: '1', 3: '20261208141500-0700', 5: '120^DTaP-Hib-IPV^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001',
                15: 'U7712AB', 17: 'PMC^sanofi pasteur^MVX', 20: 'CP', 21: 'D'}),
]

# ---- QUINTERO again: Cadence SIU, Resolute DFT, problem list PPR ----
QUI_PID_SHORT = seg('PID', {1: '1', 3: f'7712408^^^{QH}^MR', 5: 'QUINTERO^ROSALIND^MAE^^^^L', 7: '19670214', 8: 'F'})
SCH = lambda ctl_reason, status, ev: seg('SCH', {1: '77CAD-31190^EPIC', 2: '77CAD-31190^EPIC', 6: ctl_reason, 7: 'HTN^Hypertension follow-up^QHCAD',
                                                  8: 'FOLLOWUP^Follow-up^HL70277', 9: '20', 10: 'min^minutes^UCUM',
                                                  11: '^^20^20261221100000-0700^20261221102000-0700', 16: THORNE, 20: '7712001^INTAKE^PAULA',
                                                  25: status})
M['21-siu-s12-book'] = [
    msh('EPIC', 'QHMC', '20261207073344-0700', 'QH7700211', 'SIU^S12^SIU_S12', '2.5'),
    SCH('', 'Booked^Booked^HL70278', 'S12'),
    QUI_PID_SHORT,
    seg('PV1', {1: '1', 2: 'O', 3: 'QHIM^EXAM2^^QHMC', 7: THORNE, 19: f'77400977^^^{QH}^VN'}),
    seg('RGS', {1: '1', 2: 'A'}),
    seg('AIS', {1: '1', 2: 'A', 3: '99214^Office visit, established, moderate^CPT4', 4: '20261221100000-0700', 7: '20', 8: 'min^minutes^UCUM'}),
    seg('AIL', {1: '1', 2: 'A', 3: 'QHIM^EXAM2^^QHMC', 6: '20261221100000-0700', 9: '20', 10: 'min^minutes^UCUM'}),
    seg('AIP', {1: '1', 2: 'A', 3: THORNE, 4: 'ATT^Attending^HL70443', 6: '20261221100000-0700', 9: '20', 10: 'min^minutes^UCUM'}),
]
M['22-siu-s15-cancel'] = [
    msh('EPIC', 'QHMC', '20261218162005-0700', 'QH7700498', 'SIU^S15^SIU_S12', '2.6'),
    SCH('PATCAN^Patient cancelled^QHCAD', 'Cancelled^Cancelled^HL70278', 'S15'),
    QUI_PID_SHORT,
    seg('PV1', {1: '1', 2: 'O', 3: 'QHIM^EXAM2^^QHMC', 7: THORNE, 19: f'77400977^^^{QH}^VN'}),
    seg('RGS', {1: '1', 2: 'D'}),
    seg('AIS', {1: '1', 2: 'D', 3: '99214^Office visit, established, moderate^CPT4', 4: '20261221100000-0700', 7: '20', 8: 'min^minutes^UCUM'}),
]
M['23-dft-p03-charges'] = [
    msh('EPIC', 'QHMC', '20261207180511-0700', 'QH7700304', 'DFT^P03^DFT_P03', '2.5'),
    seg('EVN', {1: 'P03', 2: '20261207180500'}),
    QUI_PID_SHORT,
    seg('PV1', {1: '1', 2: 'O', 3: 'QHIM^EXAM4^^QHMC', 7: THORNE, 19: f'77400918^^^{QH}^VN', 44: '20261207072000-0700'}),
    seg('FT1', {1: '1', 2: '77TX-880011', 4: '20261207072000-0700', 5: '20261207180000-0700', 6: 'CG^Charge^HL70017',
                7: '99204^Office visit, new, moderate^CPT4', 10: '1', 11: '245.00^USD', 13: 'QHIM^Internal Medicine^QHDEPT', 16: 'QHIM^EXAM4^^QHMC',
                19: 'I10^Essential (primary) hypertension^I10', 20: THORNE, 21: THORNE, 25: '99204^Office visit, new, moderate^CPT4'}),
    seg('FT1', {1: '2', 2: '77TX-880012', 4: '20261207074500-0700', 5: '20261207180000-0700', 6: 'CG^Charge^HL70017',
                7: '93000^Electrocardiogram, complete^CPT4', 10: '1', 11: '62.50^USD', 13: 'QHIM^Internal Medicine^QHDEPT', 16: 'QHIM^EXAM4^^QHMC',
                19: 'R03.0^Elevated blood-pressure reading^I10', 20: THORNE, 21: THORNE, 25: '93000^Electrocardiogram, complete^CPT4',
                26: '26^Professional component^CPT4'}),
]
M['24-ppr-pc1-problems'] = [
    msh('EPIC', 'QHMC', '20261207075102-0700', 'QH7700227', 'PPR^PC1^PPR_PC1', '2.5'),
    QUI_PID_SHORT,
    seg('PV1', {1: '1', 2: 'O', 3: 'QHIM^EXAM4^^QHMC', 7: THORNE, 19: f'77400918^^^{QH}^VN'}),
    seg('PRB', {1: 'AD', 2: '20261207075000-0700', 3: '38341003^Hypertensive disorder^SCT', 4: '77PRB-1101^EPIC', 7: '20261207',
                10: 'PROB^Problem^QHPRB', 13: 'CONFIRMED^Confirmed^HL70843', 14: 'A^Active^HL70845', 16: '20261120'}),
    seg('NTE', {1: '1', 2: 'P', 3: 'Home readings 150s/90s for three weeks.'}),
    seg('PRB', {1: 'AD', 2: '20261207075000-0700', 3: '44054006^Diabetes mellitus type 2^SCT', 4: '77PRB-1102^EPIC', 7: '20180403',
                13: 'CONFIRMED^Confirmed^HL70843', 14: 'I^Inactive^HL70845', 15: '20261207', 16: '2018'}),
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))


if __name__ == '__main__':
    main()
