#!/usr/bin/env python3
r"""Review 22's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of an EMPI/registry (A28/A31/A29, 2.5.1/2.4), Meditech 2.3/2.4 (Kestrel Bay Hospital, Chicago
-0600: A01, A11 cancel admit, a three-test ORM under one ORC, the ORC-only cancel of the requisition, an SC
status change), Cerner 2.5.1 (Harbor Bend Regional, HBRH, Los Angeles -0800: A13, A17, A34, OML parent/child
culture + reflex, OMG radiology with OBR-13 and TQ1, pathology ORU without OBR-24, RDE with PRN TQ1 + RXR-3,
RAS with ORC-12, RDS), a +0000 reference lab (corrections OBR-25 C + OBX-11 C; OBX-11 D), a state IIS feed
(VXU with refusal, historical dose, OBX groups; RXA-21 D), Epic MDM^T02, SIU^S12 (TQ1 in 2.6) and BAR^P01.
Versions 2.3-2.8. Patients and numbers (9402...) none of reviews 16-21's. Fields placed by number.
All persons, numbers and addresses are invented.
Writes docs/review22/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review22/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review22/messages')


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
HB = 'HBRH&2.16.840.1.113883.3.9402.1&ISO'
KB = 'KBH'  # Meditech: bare namespace
EMPI = 'KESTRELEMPI&2.16.840.1.113883.3.9402.9&ISO'
OKAFOR = f'1940211187^OKAFOR^CHIDI^^^^MD^^{NPI}^L^^^NPI'
LINDQVIST = f'1940322290^LINDQVIST^ASTRID^E^^^MD^^{NPI}^L^^^NPI'
HALVERSEN = f'1940433391^HALVERSEN^TOMAS^^^^DO^^{NPI}^L^^^NPI'
PETROSYAN = f'1940544492^PETROSYAN^ANI^^^^MD^^{NPI}^L^^^NPI'
M = {}

# ---- FAIRWEATHER (EMPI / registry) ----
FAI = {1: '1', 3: f'9402101^^^{EMPI}^PI~9402101-K^^^{KB}^MR', 5: 'FAIRWEATHER^ODESSA^JUNE^^^^L', 7: '19580711', 8: 'F',
       11: '2207 N LARKSPUR AVE^^EVANSTON^IL^60201^USA^H', 13: '^PRN^PH^^1^847^5550191', 16: 'W^Widowed^HL70002'}
M['01-adt-a28-add-person'] = [
    msh('KESTRELEMPI', 'KBH', '20261208061501-0600', 'EMPI940201', 'ADT^A28^ADT_A05', '2.5.1'),
    seg('EVN', {2: '20261208061500-0600'}),
    seg('PID', FAI),
    seg('PV1', {1: '1', 2: 'N'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '7980^Penicillin G^RXNORM', 4: 'U^Unknown^HL70128', 5: 'Hives'}),
]
M['02-adt-a31-update-person'] = [
    msh('KESTRELEMPI', 'KBH', '20261208101202-0600', 'EMPI940202', 'ADT^A31^ADT_A05', '2.5.1'),
    seg('EVN', {2: '20261208101200-0600'}),
    seg('PID', {**FAI, 11: '88 W ORCHARD CT^UNIT 3^SKOKIE^IL^60076^USA^H', 13: '^PRN^PH^^1^847^5550191~^PRN^CP^^1^224^5550377'}),
    seg('PV1', {1: '1', 2: 'N'}),
]
M['03-adt-a29-delete-person'] = [
    msh('KESTRELEMPI', 'KBH', '20261208141730-0600', 'EMPI940203', 'ADT^A29^ADT_A21', '2.4'),
    seg('EVN', {1: 'A29', 2: '20261208141700-0600'}),
    seg('PID', {1: '1', 3: f'9402177^^^{EMPI}^PI', 5: 'FAIRWEATHER^O^^^^^L', 7: '19580711', 8: 'F'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# ---- KOWALCZYK (Meditech 2.4, KBH, Chicago -0600) ----
KOW = {1: '1', 3: f'M9402230^^^{KB}^MR', 5: 'KOWALCZYK^BRONISLAW^P', 7: '19490302', 8: 'M',
       11: '5120 S ARCHER AVE^^CHICAGO^IL^60632', 13: '(773)555-0148', 18: f'V94022301^^^{KB}^AN'}
M['04-adt-a01-admit'] = [
    msh('MEDITECH', 'KBH', '20261208023015-0600', 'KBH94020401', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '20261208023000-0600'}),
    seg('PID', KOW),
    seg('PV1', {1: '1', 2: 'I', 3: '3W^312^A^KBH', 4: 'E', 7: HALVERSEN, 10: 'MED', 14: 'ER', 18: 'IN', 19: f'V94022301^^^{KB}^VN',
                44: '20261208022500-0600'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'J18.9^Pneumonia, unspecified organism^I10', 6: 'A'}),
]
M['05-adt-a11-cancel-admit'] = [
    msh('MEDITECH', 'KBH', '20261208031005-0600', 'KBH94020501', 'ADT^A11', '2.4'),
    seg('EVN', {1: 'A11', 2: '20261208031000-0600', 4: 'ERR', 5: '9402ADM^NOVAK^TERESA'}),
    seg('PID', KOW),
    seg('PV1', {1: '1', 2: 'I', 3: '3W^312^A^KBH', 7: HALVERSEN, 19: f'V94022301^^^{KB}^VN', 44: '20261208022500-0600'}),
]

# ---- DELACROIX (Cerner 2.5.1, HBRH, Los Angeles -0800) ----
DEL = {1: '1', 3: f'9402455^^^{HB}^MR', 5: 'DELACROIX^MARGUERITE^ANNE^^^^L', 7: '19611119', 8: 'F',
       11: '1408 SEPULVEDA BLVD^^TORRANCE^CA^90501^USA^H', 13: '^PRN^PH^^1^310^5550922', 18: f'94024551^^^{HB}^AN'}
M['06-adt-a13-cancel-discharge'] = [
    msh('CERNER', 'HBRH', '20261208164412-0800', 'HB940206', 'ADT^A13^ADT_A01', '2.5.1'),
    seg('EVN', {2: '20261208164400-0800', 4: 'DCERR', 5: f'94021^OSTROWSKI^LENA^^^^^^{HB}'}),
    seg('PID', DEL),
    seg('PV1', {1: '1', 2: 'I', 3: '5S^518^1^HBRH', 7: LINDQVIST, 10: 'CAR', 19: f'94024551^^^{HB}^VN', 44: '20261205190000-0800'}),
]
M['07-adt-a17-swap'] = [
    msh('CERNER', 'HBRH', '20261208172001-0800', 'HB940207', 'ADT^A17^ADT_A17', '2.5.1'),
    seg('EVN', {2: '20261208172000-0800'}),
    seg('PID', DEL),
    seg('PV1', {1: '1', 2: 'I', 3: '5S^520^2^HBRH', 6: '5S^518^1^HBRH', 7: LINDQVIST, 19: f'94024551^^^{HB}^VN'}),
    seg('PID', {1: '2', 3: f'9402466^^^{HB}^MR', 5: 'NAKASHIMA^REI^^^^^L', 7: '19770430', 8: 'M', 18: f'94024661^^^{HB}^AN'}),
    seg('PV1', {1: '1', 2: 'I', 3: '5S^518^1^HBRH', 6: '5S^520^2^HBRH', 7: LINDQVIST, 19: f'94024661^^^{HB}^VN'}),
]
M['08-adt-a34-merge-id'] = [
    msh('CERNER', 'HBRH', '20261208180533-0800', 'HB940208', 'ADT^A34^ADT_A30', '2.3'),
    seg('EVN', {1: 'A34', 2: '20261208180500-0800'}),
    seg('PID', {1: '1', 3: f'9402455^^^HBRH^MR', 5: 'DELACROIX^MARGUERITE^ANNE'}),
    seg('MRG', {1: f'9402499^^^HBRH^MR', 7: 'DELACROIX^MARGARET'}),
]

# ---- LINDGREN-OYELOWO (Meditech 2.3 ORM) ----
LIO = {1: '1', 3: f'M9402588^^^{KB}^MR', 5: 'LINDGREN-OYELOWO^TEMPERANCE^R', 7: '19830114', 8: 'F',
       11: '77 LAKE CORMORANT RD^^OAK PARK^IL^60302', 18: f'V94025881^^^{KB}^AN'}
PV1K = seg('PV1', {1: '1', 2: 'O', 3: 'KBOBG^^^KBH', 7: PETROSYAN, 19: f'V94025881^^^{KB}'})
M['09-orm-three-obr'] = [
    msh('MEDITECH', 'KBH', '20261208091520-0600', 'KBH94020901', 'ORM^O01', '2.3'),
    seg('PID', LIO), PV1K,
    seg('ORC', {1: 'NW', 2: 'KB94-7701^MEDITECH', 4: 'KB94-7700^MEDITECH', 5: 'SC', 7: '^^^20261208100000-0600^^R',
                9: '20261208091500-0600', 12: PETROSYAN}),
    seg('OBR', {1: '1', 2: 'KB94-7701^MEDITECH', 4: 'TSH^Thyroid stimulating hormone^L', 7: '20261208100000-0600', 16: PETROSYAN,
                27: '^^^20261208100000-0600^^R'}),
    seg('OBR', {1: '2', 2: 'KB94-7702^MEDITECH', 4: 'FT4^Free T4^L', 7: '20261208100000-0600', 16: PETROSYAN, 27: '^^^20261208100000-0600^^R'}),
    seg('OBR', {1: '3', 2: 'KB94-7703^MEDITECH', 4: 'B12^Vitamin B12^L', 7: '20261208100000-0600', 13: 'Fatigue, on metformin',
                16: PETROSYAN, 27: '^^^20261208100000-0600^^R'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'R53.83^Other fatigue^I10'}),
]
M['10-orm-orc-only-cancel'] = [
    msh('MEDITECH', 'KBH', '20261208094410-0600', 'KBH94021001', 'ORM^O01', '2.3'),
    seg('PID', LIO), PV1K,
    seg('ORC', {1: 'CA', 2: 'KB94-7702^MEDITECH', 4: 'KB94-7700^MEDITECH', 5: 'CA', 9: '20261208094400-0600', 12: PETROSYAN,
                16: 'DUP^Duplicate order^KBH'}),
]
M['11-orm-sc-in-process'] = [
    msh('MEDITECH', 'KBH', '20261208102005-0600', 'KBH94021101', 'ORM^O01', '2.4'),
    seg('PID', LIO), PV1K,
    seg('ORC', {1: 'SC', 2: 'KB94-7701^MEDITECH', 3: 'KL55120^KBLAB', 4: 'KB94-7700^MEDITECH', 5: 'IP', 9: '20261208102000-0600'}),
    seg('OBR', {1: '1', 2: 'KB94-7701^MEDITECH', 3: 'KL55120^KBLAB', 4: 'TSH^Thyroid stimulating hormone^L', 7: '20261208101200-0600',
                25: 'I'}),
]

# ---- MBEKI-STROUD (Cerner HBRH orders/results) ----
MBE = {1: '1', 3: f'9402612^^^{HB}^MR', 5: 'MBEKI-STROUD^ISAIAH^K^^^^L', 7: '19900827', 8: 'M',
       11: '3310 PALM VISTA DR^^LONG BEACH^CA^90807^USA^H', 18: f'94026121^^^{HB}^AN'}
PV1H = seg('PV1', {1: '1', 2: 'E', 3: 'ED^B07^^HBRH', 7: OKAFOR, 19: f'94026121^^^{HB}^VN', 44: '20261208071000-0800'})
M['12-oml-parent-child'] = [
    msh('CERNER', 'HBRH', '20261208073012-0800', 'HB940212', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', MBE), PV1H,
    seg('ORC', {1: 'NW', 2: 'HB94-3301^HBRH_ORD', 4: 'HB94-3300^HBRH_ORD', 5: 'SC', 9: '20261208073000-0800', 12: OKAFOR}),
    seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '1', 2: 'HB94-3301^HBRH_ORD', 4: '600-7^Bacteria identified in Blood by Culture^LN', 7: '20261208072500-0800',
                13: 'Fever 39.4 C, rigors', 16: OKAFOR}),
    seg('SPM', {1: '1', 2: 'HB94S-01', 4: '119297000^Blood specimen^SCT', 8: '368209003^Right arm^SCT', 17: '20261208072500-0800'}),
    seg('ORC', {1: 'CH', 2: 'HB94-3302^HBRH_ORD', 4: 'HB94-3300^HBRH_ORD', 5: 'SC', 9: '20261208073000-0800', 12: OKAFOR}),
    seg('OBR', {1: '2', 2: 'HB94-3302^HBRH_ORD', 4: '32045-7^Lactate [Moles/volume] in Venous blood^LN', 7: '20261208072500-0800',
                16: OKAFOR, 29: 'HB94-3301^HBRH_ORD'}),
]
M['13-omg-radiology'] = [
    msh('CERNER', 'HBRH', '20261208074501-0800', 'HB940213', 'OMG^O19^OMG_O19', '2.5.1'),
    seg('PID', MBE), PV1H,
    seg('ORC', {1: 'NW', 2: 'HB94-3310^HBRH_ORD', 5: 'SC', 9: '20261208074500-0800', 12: OKAFOR}),
    seg('TQ1', {1: '1', 7: '20261208080000-0800', 9: 'A^ASAP^HL70485'}),
    seg('OBR', {1: '1', 2: 'HB94-3310^HBRH_ORD', 4: '36643-5^XR Chest 2 Views^LN', 13: 'Cough, fever; r/o pneumonia', 16: OKAFOR,
                24: 'RAD'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'R50.9^Fever, unspecified^I10', 6: 'W'}),
]
M['14-oru-pathology-no-obr24'] = [
    msh('CERNER', 'HBRH', '20261210151200-0800', 'HB940214', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', MBE),
    seg('ORC', {1: 'RE', 2: 'HB94-3320^HBRH_ORD', 3: 'SP26-09411^HBRH_AP', 12: OKAFOR}),
    seg('OBR', {1: '1', 2: 'HB94-3320^HBRH_ORD', 3: 'SP26-09411^HBRH_AP', 4: '11529-5^Surgical pathology study^LN',
                7: '20261208113000-0800', 16: OKAFOR, 22: '20261210151000-0800', 25: 'F', 32: '1940655593&VANTERPOOL&GRETA&&&&MD'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '22634-0^Pathology report gross observation^LN', 5: 'Received fresh, a 1.2 cm skin ellipse.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '22637-3^Pathology report final diagnosis^LN', 5: 'Seborrheic keratosis, irritated. Margins clear.', 11: 'F',
                14: '20261210150000-0800'}),
]

# ---- reference lab (+0000) for HBRH ----
PET = {1: '1', 3: f'9402734^^^{HB}^MR', 5: 'PETROV-ACHEBE^NADIA^^^^^L', 7: '19750506', 8: 'F', 18: f'94027341^^^{HB}^AN'}
def oru_ref(ctl, t, obr25, obx):
    return [
        msh('GLOBALREF', 'GRL^12D9402001^CLIA', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
        seg('PID', PET),
        seg('ORC', {1: 'RE', 2: 'HB94-4401^HBRH_ORD', 3: 'GR94-88231^GRL', 12: LINDQVIST}),
        seg('OBR', {1: '1', 2: 'HB94-4401^HBRH_ORD', 3: 'GR94-88231^GRL', 4: '24331-1^Lipid panel^LN', 7: '20261208080500-0800',
                    16: LINDQVIST, 22: t[:14] + '+0000', 25: obr25}),
    ] + obx
M['15-oru-reflab-lipid'] = oru_ref('GR9402150', '20261208201533+0000', 'F', [
    seg('OBX', {1: '1', 2: 'NM', 3: '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', 5: '231', 6: 'mg/dL^^UCUM', 7: '<200', 8: 'H',
                11: 'F', 14: '20261208080500-0800', 19: '20261208193000+0000', 23: 'Global Reference Labs^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^12D9402001'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', 5: '410', 6: 'mg/dL^^UCUM', 7: '<150', 8: 'H',
                11: 'F', 14: '20261208080500-0800', 19: '20261208193000+0000'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2085-9^HDL Cholesterol^LN', 5: '38', 6: 'mg/dL^^UCUM', 7: '>=40', 8: 'L', 11: 'F',
                14: '20261208080500-0800', 19: '20261208193000+0000'}),
])
M['16-oru-reflab-corrected'] = oru_ref('GR9402160', '20261209093012+0000', 'C', [
    seg('OBX', {1: '1', 2: 'NM', 3: '2093-3^Cholesterol [Mass/volume] in Serum or Plasma^LN', 5: '231', 6: 'mg/dL^^UCUM', 7: '<200', 8: 'H',
                11: 'F', 14: '20261208080500-0800'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2571-8^Triglyceride [Mass/volume] in Serum or Plasma^LN', 5: '140', 6: 'mg/dL^^UCUM', 7: '<150', 8: 'N',
                11: 'C', 14: '20261208080500-0800', 19: '20261209090000+0000'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected: prior value reported on wrong specimen.'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2085-9^HDL Cholesterol^LN', 5: '', 6: 'mg/dL^^UCUM', 11: 'D', 14: '20261208080500-0800'}),
])

# ---- HALVORSEN-REYES (Cerner pharmacy) ----
HRY = {1: '1', 3: f'9402819^^^{HB}^MR', 5: 'HALVORSEN-REYES^CONSTANCE^^^^^L', 7: '19440218', 8: 'F', 18: f'94028191^^^{HB}^AN'}
PV1R = seg('PV1', {1: '1', 2: 'I', 3: '4N^407^1^HBRH', 7: LINDQVIST, 19: f'94028191^^^{HB}^VN', 44: '20261207140000-0800'})
M['17-rde-prn-and-scheduled'] = [
    msh('CERNER', 'HBRH', '20261208081533-0800', 'HB940217', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', HRY), PV1R,
    seg('ORC', {1: 'NW', 2: 'HB94RX-551^HBRH_PHA', 5: 'SC', 9: '20261208081500-0800', 12: LINDQVIST}),
    seg('RXE', {2: '313782^acetaminophen 325 MG Oral Tablet^RXNORM', 3: '650', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292',
                7: '^Max 3 g per 24 h', 10: '60', 11: 'TAB^tablet^HL70292', 12: '0'}),
    seg('TQ1', {1: '1', 3: 'Q6H^Every 6 hours^HL70335', 7: '20261208090000-0800', 8: '20261211090000-0800', 9: 'R^Routine^HL70485'}),
    seg('TQ1', {1: '2', 3: 'Q4H^Every 4 hours^HL70335', 7: '20261208090000-0800', 8: '20261211090000-0800', 9: 'PRN^As needed^HL70485',
                10: 'for temp > 38.5 C', 12: 'S'}),
    seg('RXR', {1: 'PO^Oral^HL70162', 3: 'CUP^Medicine cup^HL70164'}),
]
M['18-ras-given'] = [
    msh('CERNER', 'HBRH', '20261208091205-0800', 'HB940218', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', HRY), PV1R,
    seg('ORC', {1: 'RE', 2: 'HB94RX-551^HBRH_PHA', 5: 'IP', 9: '20261208091200-0800', 12: LINDQVIST}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208090500-0800', 4: '20261208090500-0800', 5: '313782^acetaminophen 325 MG Oral Tablet^RXNORM',
                6: '650', 7: 'mg^milligram^UCUM', 10: f'9402RN7^QUARTERMAIN^IDA^^^^RN^^{HB}', 11: '^^^4N^407^1^HBRH', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]
M['19-rds-dispense'] = [
    msh('CERNER', 'HBRH', '20261208083010-0800', 'HB940219', 'RDS^O13^RDS_O13', '2.5.1'),
    seg('PID', HRY), PV1R,
    seg('ORC', {1: 'RE', 2: 'HB94RX-551^HBRH_PHA', 3: 'HBD-77120^HBRH_PHA', 5: 'IP', 9: '20261208083000-0800', 12: LINDQVIST}),
    seg('RXE', {2: '313782^acetaminophen 325 MG Oral Tablet^RXNORM', 3: '650', 5: 'mg^milligram^UCUM', 10: '60', 11: 'TAB^tablet^HL70292'}),
    seg('TQ1', {1: '1', 3: 'Q6H^Every 6 hours^HL70335', 7: '20261208090000-0800'}),
    seg('RXD', {1: '1', 2: '313782^acetaminophen 325 MG Oral Tablet^RXNORM', 3: '20261208083000-0800', 4: '24', 5: 'TAB^tablet^HL70292',
                7: 'HBD-77120', 9: 'Unit dose cart 4N'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]

# ---- TOOHEY-NAKAMURA (IIS feed, 2.5.1) ----
TNK = {1: '1', 3: f'9402901^^^{HB}^MR', 5: 'TOOHEY-NAKAMURA^WREN^^^^^L', 6: 'TOOHEY^^^^^^M', 7: '20250612', 8: 'F',
       11: '4102 CORAL TREE LN^^IRVINE^CA^92612^USA^H'}
def vxu(ctl, t, body):
    return [msh('HBRH_PEDS', 'HBRH', t, ctl, 'VXU^V04^VXU_V04', '2.5.1', {21: 'Z22^CDCPHINVS'}), seg('PID', TNK),
            seg('PD1', {12: 'N', 16: 'A'}),
            seg('NK1', {1: '1', 2: 'TOOHEY^MAEVE^^^^^L', 3: 'MTH^Mother^HL70063'})] + body
M['20-vxu-refusal-historical-obx'] = vxu('HBPV940220', '20261208104011-0800', [
    seg('ORC', {1: 'RE', 3: 'HBV94-0101^HBRH', 12: PETROSYAN}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208103000-0800', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 10: f'9402MA1^FONSECA^LUZ^^^^^^{HB}', 11: '^^^HBRH_PEDS', 15: 'HB94LOT7',
                16: '20271130', 17: 'MSD^Merck and Co^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1', 5: 'V02^VFC eligible - Medicaid^HL70064',
                11: 'F', 14: '20261208103000-0800', 17: 'VXC40^per immunization^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '69764-9^Document type^LN', 4: '2', 5: '253088698300010311110913^Hepatitis B VIS^cdcgs1vis', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261208', 11: 'F'}),
    seg('ORC', {1: 'RE', 3: '9999^HBRH', 12: PETROSYAN}),
    seg('RXA', {1: '0', 2: '1', 3: '20250901', 5: '116^Rotavirus, pentavalent^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001',
                20: 'CP', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: '9999^HBRH', 12: PETROSYAN}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208103500-0800', 5: '88^Influenza, unspecified formulation^CVX', 6: '999',
                18: '03^Parental decision^NIP002', 20: 'RE', 21: 'A'}),
])
M['21-vxu-rxa21-delete'] = vxu('HBPV940221', '20261208163000-0800', [
    seg('ORC', {1: 'RE', 3: 'HBV94-0101^HBRH', 12: PETROSYAN}),
    seg('RXA', {1: '0', 2: '1', 3: '20261208103000-0800', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 15: 'HB94LOT7', 17: 'MSD^Merck and Co^MVX', 20: 'CP', 21: 'D'}),
])

# ---- PETROV-ACHEBE again: MDM, SIU, BAR ----
M['22-mdm-t02-discharge-summary'] = [
    msh('EPIC', 'HBRH', '20261208153012-0800', 'HBE940222', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {2: '20261208153000-0800'}),
    seg('PID', PET),
    seg('PV1', {1: '1', 2: 'I', 3: '6E^611^1^HBRH', 7: LINDQVIST, 19: f'94027341^^^{HB}^VN'}),
    seg('TXA', {1: '1', 2: '18842-5^Discharge summary^LN', 3: 'TX', 4: '20261208150000-0800', 5: LINDQVIST, 6: '20261208143000-0800',
                12: 'HBDOC-94-5512^EPIC', 17: 'AU', 18: 'R', 19: 'AV'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '18842-5^Discharge summary^LN', 5: 'Admitted with chest pain; troponin negative x2.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '18842-5^Discharge summary^LN', 5: 'Discharged home on atorvastatin 40 mg daily.', 11: 'F'}),
]
M['23-siu-s12-tq1'] = [
    msh('EPIC', 'HBRH', '20261208160501-0800', 'HBE940223', 'SIU^S12^SIU_S12', '2.6'),
    seg('SCH', {1: 'HBAPT-9401^EPIC', 2: 'HBAPT-9401^EPIC', 6: 'NEW^New^HL70276', 7: 'FUP^Follow-up^HBRH', 8: 'FOLLOWUP^Follow-up^HL70277',
                9: '30', 10: 'min^minutes^UCUM', 25: 'Booked^Booked^HL70278'}),
    seg('TQ1', {1: '1', 6: '30^min', 7: '20261215093000-0800', 8: '20261215100000-0800'}),
    seg('PID', PET),
    seg('PV1', {1: '1', 2: 'O', 3: 'CARDCL^^^HBRH', 7: LINDQVIST}),
    seg('RGS', {1: '1', 2: 'A'}),
    seg('AIS', {1: '1', 2: 'A', 3: '99214^Office visit est^CPT', 4: '20261215093000-0800', 7: '30', 8: 'min^minutes^UCUM'}),
    seg('AIL', {1: '1', 2: 'A', 3: 'CARDCL^EX2^^HBRH', 4: 'CLINIC^Clinic^HL70305'}),
    seg('AIP', {1: '1', 2: 'A', 3: LINDQVIST, 4: 'ATND^Attending^HL70443'}),
]
M['24-bar-p01-procedures'] = [
    msh('EPIC', 'HBRH', '20261209020015-0800', 'HBE940224', 'BAR^P01^BAR_P01', '2.8'),
    seg('EVN', {2: '20261209020000-0800'}),
    seg('PID', PET),
    seg('PV1', {1: '1', 2: 'I', 3: '6E^611^1^HBRH', 7: LINDQVIST, 19: f'94027341^^^{HB}^VN', 44: '20261206221500-0800',
                45: '20261208141000-0800'}),
    seg('DG1', {1: '1', 3: 'I20.9^Angina pectoris, unspecified^I10', 6: 'F^Final^HL70052'}),
    seg('PR1', {1: '1', 3: '4A023N7^Measurement of cardiac sampling and pressure, left heart^ICD10PCS', 5: '20261207110000-0800',
                6: 'P^Procedure for treatment^HL70230', 12: HALVERSEN}),
    seg('GT1', {1: '1', 3: 'PETROV-ACHEBE^NADIA', 5: '2290 HARBOR VIEW DR^^SAN PEDRO^CA^90731'}),
    seg('IN1', {1: '1', 2: 'MCPPO^Blue Harbor PPO^HBRH', 3: '94PAY01^^^HBRH', 4: 'BLUE HARBOR HEALTH PLAN', 8: 'GRP-9402-88',
                12: '20260101', 17: 'SEL^Self^HL70063', 36: 'BHX940277341'}),
]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))


if __name__ == '__main__':
    main()
