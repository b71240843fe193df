#!/usr/bin/env python3
r"""Review 16's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of Epic / Cerner / Meditech / Beaker / Sunquest / PowerScribe / Dragon / immunization-registry
feeds. Fields are placed by number (seg(name, {n: value})) so that a field cannot slip by one.
All persons, numbers and addresses are invented. Writes docs/review16/messages/NN-name.hl7 (CR separators).
Run from the worktree root: python3 docs/review16/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review16/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
OKAFOR = f'1336127845^OKAFOR^CHIDI^E^^^MD^^{NPI}^L^^^NPI'
WEISS = f'1093712285^WEISS^DANIEL^^^^MD^^{NPI}^L^^^NPI'
PATEL = f'1770558899^PATEL^ANJALI^R^^^MD^^{NPI}^L^^^NPI'
HALE = '1598765432^HALE^SUSAN^^^^MD^^^^^^NPI'
NGUYEN_IDS = 'E1234567^^^EPI^MR^UMHHC~400112233^^^SSA^SS~1000234567^^^UMHHC^PI~HX998877^^^MIHIE&2.16.840.1.113883.3.1234&ISO^PT'
NGUYEN_PID = {1: '1', 3: NGUYEN_IDS, 5: 'NGUYEN^THI^MAI^^^^L~NGUYEN^MAI^^^^^N', 7: '19670322', 8: 'F',
              10: '2028-9^Asian^CDCREC', 11: '4412 W STADIUM BLVD^APT 2B^ANN ARBOR^MI^48103^USA^H^^WASHTENAW',
              13: '^PRN^PH^^1^734^5550142~^PRN^CP^^1^734^5559871~^NET^Internet^mai.nguyen@example.com',
              14: '^WPN^PH^^1^734^5550900^312', 15: 'vie^Vietnamese^ISO639', 16: 'M^Married^HL70002',
              17: 'BUD^Buddhist^HL70006', 18: '100045678901^^^UMHHC^AN', 19: '400-11-2233',
              20: 'N1234567^MI^20300322', 22: '2186-5^Not Hispanic or Latino^CDCREC', 24: 'N', 30: 'N'}
NGUYEN_VN = '5000123456^^^UMHHC^VN'
NGUYEN_PV1 = {1: '1', 2: 'I', 3: '6B^6214^01^UMHHC^^^^^6B MED SURG', 4: 'E', 7: OKAFOR, 8: WEISS, 10: 'MED',
              14: '1', 17: OKAFOR, 18: 'IP', 19: NGUYEN_VN, 20: 'BCBS', 39: 'UMHHC', 44: '20261205141500'}
NGUYEN_IN1 = {1: '1', 2: 'BCBSPPO^Blue Cross PPO', 3: '00710^^^^NIIP', 4: 'BLUE CROSS BLUE SHIELD OF MICHIGAN',
              5: 'PO BOX 32593^^DETROIT^MI^48232', 7: '^WPN^PH^^1^800^5551212', 8: 'GRP44521',
              9: 'UNIVERSITY OF MICHIGAN', 12: '20260101', 13: '20261231', 15: 'PPO', 16: 'NGUYEN^THI^MAI',
              17: 'SEL^Self^HL70063', 18: '19670322', 19: '4412 W STADIUM BLVD^APT 2B^ANN ARBOR^MI^48103^USA',
              22: '1', 36: 'XYZ123456789', 49: 'XYZ123456789^^^BCBSM^MB'}
EPIC_MSH = lambda t, ctl, typ, v='2.5.1', app='EPIC', recv='HIG': seg('MSH', {
    3: app, 4: 'UMHHC', 5: recv, 6: 'REGIONHIE', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 15: 'AL', 16: 'NE'})
M = {}

# 01 ADT^A01 Epic admission, everything a registration feed carries
M['01-adt-a01-epic'] = [
    EPIC_MSH('20261205143012-0500', '8837461', 'ADT^A01^ADT_A01'),
    seg('EVN', {1: 'A01', 2: '20261205143000', 5: 'JSMITH1^SMITH^JANET^^^^^^UMHHC^^^^EMPLID', 6: '20261205142500'}),
    seg('PID', NGUYEN_PID),
    seg('PD1', {3: 'UMHHC FAMILY MED^^10042', 4: PATEL}),
    seg('NK1', {1: '1', 2: 'NGUYEN^VAN^THANH^^^^L', 3: 'SPO^Spouse^HL70063',
                4: '4412 W STADIUM BLVD^APT 2B^ANN ARBOR^MI^48103^USA^H', 5: '^PRN^CP^^1^734^5551234',
                7: 'EC^Emergency Contact^HL70131'}),
    seg('NK1', {1: '2', 2: 'TRAN^LINH^^^^^L', 3: 'DAU^Daughter^HL70063',
                5: '^PRN^CP^^1^313^5557777~^NET^Internet^linh.tran@example.org', 7: 'EC^Emergency Contact^HL70131'}),
    seg('PV1', NGUYEN_PV1),
    seg('PV2', {3: '^Chest pain, rule out MI', 8: '20261208'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '8302-2^Body height^LN', 5: '160', 6: 'cm^centimeter^UCUM', 11: 'F', 14: '20261205142000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '61.2', 6: 'kg^kilogram^UCUM', 11: 'F', 14: '20261205142000'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '7980^Penicillin G^RXNORM', 4: 'SV^Severe^HL70128',
                5: 'Hives~Anaphylaxis', 6: '20150610'}),
    seg('AL1', {1: '2', 2: 'FA^Food allergy^HL70127', 3: '227493005^Cashew nuts^SCT', 4: 'MO^Moderate^HL70128', 5: 'Lip swelling'}),
    seg('DG1', {1: '1', 3: 'I20.9^Angina pectoris, unspecified^I10', 5: '20261205', 6: 'A'}),
    seg('GT1', {1: '1', 3: 'NGUYEN^THI^MAI', 5: '4412 W STADIUM BLVD^APT 2B^ANN ARBOR^MI^48103^USA',
                6: '^PRN^PH^^1^734^5550142', 8: '19670322', 9: 'F', 10: 'P', 11: 'SEL^Self^HL70063', 12: '400-11-2233'}),
    seg('IN1', NGUYEN_IN1),
    seg('ZPD', {1: '1', 2: 'MYCHART^ACTIVE', 3: 'Y'}),
]

# 02 ADT^A04 Meditech ER registration, v2.3, MSH-7 WITHOUT offset, free-text codes, \T\ escape
M['02-adt-a04-meditech'] = [
    seg('MSH', {3: 'MEDITECH', 4: 'SMH^SAINT MARYS', 7: '20261205091533', 9: 'ADT^A04', 10: '20261205091533-0042',
                11: 'P', 12: '2.3'}),
    seg('EVN', {1: 'A04', 2: '20261205091533', 5: 'MTUSER^MILLER^KAREN'}),
    seg('PID', {1: '1', 2: 'M000456789', 3: 'M000456789^^^SMH^MR~J00112233^^^SMH^PI', 5: "O'BRIEN^PATRICK^J^JR",
                7: '19451108', 8: 'M', 10: '""', 11: '1200 N MAIN ST^^ROYAL OAK^MI^48067^USA^^^OAKLAND',
                13: '(248)555-0199~(248)555-0123', 14: '(248)555-0344', 15: 'ENG', 16: 'W', 17: 'CAT',
                18: 'V00098765432', 19: '366-44-1209', 30: 'N'}),
    seg('NK1', {1: '1', 2: "O'BRIEN^MARGARET", 3: 'WIFE', 4: '1200 N MAIN ST^^ROYAL OAK^MI^48067', 5: '(248)555-0199'}),
    seg('PV1', {1: '1', 2: 'E', 3: 'ER^^^SMH', 4: 'E', 7: 'GAR^GARCIA^ROSA^^^^MD', 10: 'EMR', 14: '7',
                17: 'GAR^GARCIA^ROSA^^^^MD', 18: 'ER', 19: 'V00098765432^^^SMH^VN', 20: 'MC', 39: 'SMH',
                41: 'REG', 44: '20261205091000'}),
    seg('PV2', {3: '^CHEST PAIN'}),
    seg('DG1', {1: '1', 2: 'I9', 3: '786.50^CHEST PAIN NOS^I9', 4: 'CHEST PAIN NOS', 6: 'W'}),
    seg('IN1', {1: '1', 2: 'MCR', 3: 'MEDICARE', 4: 'MEDICARE PART A AND B', 5: 'PO BOX 6703^^INDIANAPOLIS^IN^46206',
                11: r"O'BRIEN \T\ SONS PLUMBING", 12: '20101101', 16: "O'BRIEN^PATRICK^J", 17: '01', 36: '1EG4TE5MK73'}),
    seg('ZEI', {1: '1', 2: r"O'BRIEN \T\ SONS PLUMBING", 3: 'RETIRED'}),
]

# 03 ADT^A08 Cerner update: "" deletions, FIN in PV1-19, vitals OBX, X.400 email
M['03-adt-a08-cerner'] = [
    seg('MSH', {3: 'CERNER', 4: 'BAYSTATE', 5: 'HIG', 6: 'HIE', 7: '20261205102233-0500', 9: 'ADT^A08',
                10: 'Q87234511T91111222', 11: 'P', 12: '2.4'}),
    seg('EVN', {1: 'A08', 2: '20261205102230', 5: 'CERNERUSER1'}),
    seg('PID', {1: '1', 3: '3344556^^^BH^MRN~200055512^^^BH^CMRN', 5: 'WASHINGTON^DENISE^L', 7: '19881214', 8: 'F',
                10: '2054-5^Black or African American^HL70005', 11: '77 ELM ST^""^SPRINGFIELD^MA^01109^USA^H',
                13: '(413)555-0177^PRN^PH~^NET^X.400^dwash88@example.net', 14: '""', 15: 'EN^English',
                16: 'S', 17: '""', 18: '88776655', 19: '""', 22: 'N^Not Hispanic^HL70189'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'CLIN^^^BH^^^^^WOMENS CLINIC', 7: HALE, 8: '""', 10: 'OB', 17: HALE, 18: 'OP',
                19: '88776655^^^BH^FIN NBR', 44: '20261205093000'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '8302-2^Body height^LN', 5: '165', 6: 'cm', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '72.5', 6: 'kg', 11: 'F'}),
    seg('AL1', {1: '1', 2: 'DA', 3: '70618^Penicillin^RXNORM', 4: 'U^Unknown'}),
]

# 04 ADT^A02 Epic transfer of 01's visit
M['04-adt-a02-epic'] = [
    EPIC_MSH('20261205160512-0500', '8837901', 'ADT^A02^ADT_A02'),
    seg('EVN', {1: 'A02', 2: '20261205160500', 5: 'JSMITH1^SMITH^JANET', 6: '20261205155500'}),
    seg('PID', {1: '1', 3: NGUYEN_IDS, 5: 'NGUYEN^THI^MAI^^^^L', 7: '19670322', 8: 'F', 18: '100045678901^^^UMHHC^AN'}),
    seg('PV1', {**NGUYEN_PV1, 3: '4C^4312^02^UMHHC^^^^^4C CARDIAC STEPDOWN', 6: '6B^6214^01^UMHHC', 10: 'CAR'}),
]

# 05 ADT^A03 Epic discharge of 01's visit
M['05-adt-a03-epic'] = [
    EPIC_MSH('20261208113512-0500', '8841220', 'ADT^A03^ADT_A03'),
    seg('EVN', {1: 'A03', 2: '20261208113500', 5: 'RLEE4^LEE^ROBIN', 6: '20261208113000'}),
    seg('PID', {1: '1', 3: NGUYEN_IDS, 5: 'NGUYEN^THI^MAI^^^^L', 7: '19670322', 8: 'F', 18: '100045678901^^^UMHHC^AN'}),
    seg('PV1', {**NGUYEN_PV1, 3: '4C^4312^02^UMHHC^^^^^4C CARDIAC STEPDOWN', 10: 'CAR',
                36: '01^Discharged to home or self care^HL70112', 37: 'HOME', 45: '20261208113000'}),
    seg('DG1', {1: '1', 3: 'I21.4^Non-ST elevation (NSTEMI) myocardial infarction^I10', 5: '20261208', 6: 'F', 15: '1'}),
    seg('DG1', {1: '2', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10', 5: '20261208', 6: 'F', 15: '2'}),
]

# 06 ADT^A11 cancel admit, community hospital v2.5
M['06-adt-a11-cancel-admit'] = [
    seg('MSH', {3: 'PARAGON', 4: 'NCH', 5: 'HIG', 6: 'HIE', 7: '20261205211500-0600', 9: 'ADT^A11^ADT_A09',
                10: 'NCH0049912', 11: 'P', 12: '2.5'}),
    seg('EVN', {1: 'A11', 2: '20261205211500', 5: 'ADMREG2'}),
    seg('PID', {1: '1', 3: '00318877^^^NCH^MR', 5: 'BECKER^JOHN^PAUL', 7: '19780102', 8: 'M',
                11: '15 LAKE RD^^PEORIA^IL^61602^USA', 13: '^PRN^PH^^^309^5550188', 18: 'A0099881^^^NCH^AN'}),
    seg('PV1', {1: '1', 2: 'I', 3: 'MED^220^B^NCH', 4: 'U', 7: '4455^ROSS^ELLEN^^^^MD', 19: 'V0099881^^^NCH^VN',
                44: '20261205201000'}),
]

# 07 ADT^A13 Epic cancel discharge of 05
M['07-adt-a13-epic'] = [
    EPIC_MSH('20261208121012-0500', '8841302', 'ADT^A13^ADT_A01'),
    seg('EVN', {1: 'A13', 2: '20261208121000', 5: 'RLEE4^LEE^ROBIN'}),
    seg('PID', {1: '1', 3: NGUYEN_IDS, 5: 'NGUYEN^THI^MAI^^^^L', 7: '19670322', 8: 'F', 18: '100045678901^^^UMHHC^AN'}),
    seg('PV1', {**NGUYEN_PV1, 3: '4C^4312^02^UMHHC^^^^^4C CARDIAC STEPDOWN', 10: 'CAR'}),
]

# 08 ADT^A31 EMPI person update: two races, Hispanic ethnicity, several names/phones/emails, no visit
M['08-adt-a31-empi'] = [
    seg('MSH', {3: 'INITIATE', 4: 'MERCYEMPI', 5: 'HIG', 6: 'HIE', 7: '20261205081000-0600', 9: 'ADT^A31^ADT_A05',
                10: 'EMPI-000771234', 11: 'P', 12: '2.5.1'}),
    seg('EVN', {1: 'A31', 2: '20261205080955'}),
    seg('PID', {1: '1', 3: 'MH00443322^^^MERCY^MR~EID-9911223^^^MERCYEMPI^PI~999221111^^^USSSA^SS',
                5: 'KOWALSKI^ROBERT^A^^^^L~KOWALSKI^BOB^^^^^N', 6: 'NOWAK^^^^^^M', 7: '19520719', 8: 'M',
                10: '2106-3^White^CDCREC~1002-5^American Indian or Alaska Native^CDCREC',
                11: '88 RIVER ST^^DAVENPORT^IA^52801^USA^H~PO BOX 12^^DAVENPORT^IA^52805^USA^M',
                13: '^PRN^PH^^1^563^5550110~^ORN^CP^^1^563^5550111~^NET^Internet^bobk52@example.com',
                15: 'pol^Polish^ISO639', 16: 'W^Widowed^HL70002', 22: '2135-2^Hispanic or Latino^CDCREC', 24: 'N',
                33: '20261205080955'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# 09 ADT^A40 Epic merge patient
M['09-adt-a40-merge'] = [
    EPIC_MSH('20261205133001-0500', '8837555', 'ADT^A40^ADT_A39'),
    seg('EVN', {1: 'A40', 2: '20261205133000', 5: 'HIMMERGE^JONES^TARA'}),
    seg('PID', {1: '1', 3: 'E2223334^^^EPI^MR^UMHHC~1000777888^^^UMHHC^PI', 5: 'FISCHER^HANNA^M^^^^L', 7: '19910604',
                8: 'F', 11: '12 OAK CT^^YPSILANTI^MI^48197^USA^H', 13: '^PRN^CP^^1^734^5553232'}),
    seg('MRG', {1: 'E2223999^^^EPI^MR^UMHHC', 7: 'FISCHER^HANNAH'}),
]

# 10 ADT^A28 v2.7 add person (clinic registration), Z-segment
M['10-adt-a28-v27'] = [
    seg('MSH', {3: 'ATHENA', 4: 'LAKESIDE^2.16.840.1.113883.3.7711^ISO', 5: 'HIG', 6: 'HIE', 7: '20261205104501+0000',
                9: 'ADT^A28^ADT_A05', 10: 'ATH-55120981', 11: 'P', 12: '2.7', 15: 'AL', 16: 'NE'}),
    seg('EVN', {2: '20261205104500'}),
    seg('PID', {1: '1', 3: '77120^^^LAKESIDE&2.16.840.1.113883.3.7711&ISO^MR~D9912345^^^TX^DL',
                5: 'OKONKWO^ADAEZE^^^^^L', 7: '20010228', 8: 'F', 10: '2058-6^African American^CDCREC',
                11: '9 PECAN DR^^AUSTIN^TX^78701^USA^H', 13: '^PRN^CP^^1^512^5550777~^NET^Internet^ada.o@example.com',
                15: 'ibo^Igbo^ISO639', 22: '2186-5^Not Hispanic or Latino^CDCREC'}),
    seg('PV1', {1: '1', 2: 'N'}),
    seg('ZPI', {1: 'PORTAL', 2: 'Y', 3: '20261205'}),
]

# 11 ORU^R01 Beaker chemistry: LN+local codes, ranges, H/L flags, SN, non-UCUM unit, NTE after OBX
PID_NGUYEN_SHORT = {1: '1', 3: 'E1234567^^^EPI^MR^UMHHC~1000234567^^^UMHHC^PI', 5: 'NGUYEN^THI^MAI^^^^L',
                    7: '19670322', 8: 'F'}
PV1_NGUYEN_SHORT = {1: '1', 2: 'I', 3: '6B^6214^01^UMHHC', 18: 'IP', 19: NGUYEN_VN}
LABORG = 'UMLAB^UNIVERSITY OF MICHIGAN LAB^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^23D0653412'


def chem(n, code, val, unit, rng, flag, status='F', typ='NM'):
    return seg('OBX', {1: str(n), 2: typ, 3: code, 5: val, 6: unit, 7: rng, 8: flag, 11: status,
                       14: '20261205060000', 19: '20261205080100', 23: LABORG})


M['11-oru-r01-chemistry'] = [
    seg('MSH', {3: 'BEAKER', 4: 'UMHHC LAB', 5: 'HIG', 6: 'REGIONHIE', 7: '20261205082015-0500', 9: 'ORU^R01^ORU_R01',
                10: 'LAB0001881', 11: 'P', 12: '2.5.1', 15: 'AL', 16: 'NE'}),
    seg('PID', PID_NGUYEN_SHORT),
    seg('PV1', PV1_NGUYEN_SHORT),
    seg('ORC', {1: 'RE', 2: 'ORD778899^EPIC', 3: 'L26339-00012^BEAKER', 5: 'CM', 9: '20261205081500', 12: OKAFOR}),
    seg('OBR', {1: '1', 2: 'ORD778899^EPIC', 3: 'L26339-00012^BEAKER',
                4: '80053^Comprehensive metabolic panel^CPT4^CMP^COMP METABOLIC PANEL^L', 7: '20261205060000',
                14: '20261205063000', 16: OKAFOR, 22: '20261205081500', 24: 'CH', 25: 'F'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Collected by RN after AM insulin.'}),
    chem(1, '2345-7^Glucose^LN^GLU^GLUCOSE^L', '182', 'mg/dL', '70-99', 'H'),
    chem(2, '2951-2^Sodium^LN^NA^SODIUM^L', '138', 'mmol/L', '136-145', 'N'),
    chem(3, '2823-3^Potassium^LN^K^POTASSIUM^L', '5.9', 'mmol/L', '3.5-5.1', 'H'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Specimen slightly hemolyzed; potassium may be falsely elevated.'}),
    chem(4, '2160-0^Creatinine^LN^CREAT^CREATININE^L', '1.42', 'mg/dL', '0.57-1.11', 'H'),
    chem(5, '33914-3^GFR/1.73 sq M.predicted^LN^EGFR^EGFR^L', '<^60', 'mL/min/{1.73_m2}', '>=60', 'L', typ='SN'),
    chem(6, '1742-6^ALT^LN^ALT^ALT^L', '22', 'U/L', '0-33', 'N'),
    chem(7, '17861-6^Calcium^LN^CA^CALCIUM^L', '10.9', 'MG/DL', '8.6-10.3', 'H'),
    chem(8, '2885-2^Protein^LN^TP^TOTAL PROTEIN^L', '7.1', 'g/dL', '6.0-8.3', ''),
    chem(9, '1751-7^Albumin^LN^ALB^ALBUMIN^L', '2.9', 'g/dL', '3.5-5.2', 'L'),
]

# 12 ORU^R01 Sunquest microbiology: culture + susceptibility child OBR via OBR-26/OBR-29, SN MICs
M['12-oru-r01-micro'] = [
    seg('MSH', {3: 'SUNQUEST', 4: 'MERCY LAB', 5: 'HIG', 6: 'HIE', 7: '20261206071000-0600', 9: 'ORU^R01',
                10: 'SQ20261206071000123', 11: 'P', 12: '2.5'}),
    seg('PID', {1: '1', 3: 'MH00443322^^^MERCY^MR~999221111^^^USSSA^SS', 5: 'KOWALSKI^ROBERT^A', 7: '19520719',
                8: 'M'}),
    seg('PV1', {1: '1', 2: 'I', 3: '3W^312^A^MERCY', 7: '2234^SHAH^NIRAV^^^^MD', 19: 'MV445566^^^MERCY^VN'}),
    seg('ORC', {1: 'RE', 2: 'PL55667^EPIC', 3: 'M26-004411^SUNQUEST', 5: 'CM', 12: '2234^SHAH^NIRAV^^^^MD'}),
    seg('OBR', {1: '1', 2: 'PL55667^EPIC', 3: 'M26-004411^SUNQUEST', 4: '87086^Culture, urine^CPT4^UCUL^URINE CULTURE^L',
                7: '20261204221500', 14: '20261204230000', 15: 'UR^Urine^HL70070^^^^^^Clean catch',
                16: '2234^SHAH^NIRAV^^^^MD', 22: '20261206070500', 24: 'MB', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '630-4^Bacteria identified in Urine by Culture^LN', 4: '1',
                5: '112283007^Escherichia coli^SCT', 8: 'A', 11: 'F', 14: '20261204221500'}),
    seg('OBX', {1: '2', 2: 'SN', 3: '19090-0^Colony count^LN', 4: '1', 5: '>^100000', 6: '{CFU}/mL^colony forming units per mL^UCUM',
                8: 'A', 11: 'F'}),
    seg('NTE', {1: '1', 3: 'ESBL screen negative.'}),
    seg('OBR', {1: '2', 2: 'PL55667^EPIC', 3: 'M26-004411-1^SUNQUEST', 4: '87186^Susceptibility, MIC^CPT4^SUSC^SUSCEPTIBILITY^L',
                7: '20261204221500', 16: '2234^SHAH^NIRAV^^^^MD', 22: '20261206070500', 24: 'MB', 25: 'F',
                26: '630-4&Bacteria identified in Urine by Culture&LN^1^Escherichia coli',
                29: 'PL55667&EPIC^M26-004411&SUNQUEST'}),
    seg('OBX', {1: '1', 2: 'SN', 3: '18862-3^Amoxicillin+Clavulanate [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', 4: '1',
                5: '<=^2', 6: 'ug/mL', 8: 'S', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'SN', 3: '18906-8^Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', 4: '1',
                5: '>=^4', 6: 'ug/mL', 8: 'R', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'SN', 3: '18928-2^Gentamicin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', 4: '1',
                5: '<=^1', 6: 'ug/mL', 8: 'S', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'SN', 3: '18955-5^Nitrofurantoin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', 4: '1',
                5: '<=^16', 6: 'ug/mL', 8: 'S', 11: 'F'}),
    seg('OBX', {1: '5', 2: 'SN', 3: '18993-6^Trimethoprim+Sulfamethoxazole [Susceptibility] by Minimum inhibitory concentration (MIC)^LN',
                4: '1', 5: '>=^320', 6: 'ug/mL', 8: 'R', 11: 'F'}),
]

# 13 ORU^R01 Beaker corrected result of 11: OBR-25 C, potassium OBX-11 C (redrawn), glucose unchanged F
M['13-oru-r01-corrected'] = [
    seg('MSH', {3: 'BEAKER', 4: 'UMHHC LAB', 5: 'HIG', 6: 'REGIONHIE', 7: '20261205101500-0500', 9: 'ORU^R01^ORU_R01',
                10: 'LAB0001990', 11: 'P', 12: '2.5.1', 15: 'AL', 16: 'NE'}),
    seg('PID', PID_NGUYEN_SHORT),
    seg('PV1', PV1_NGUYEN_SHORT),
    seg('ORC', {1: 'RE', 2: 'ORD778899^EPIC', 3: 'L26339-00012^BEAKER', 5: 'CM', 9: '20261205101400', 12: OKAFOR}),
    seg('OBR', {1: '1', 2: 'ORD778899^EPIC', 3: 'L26339-00012^BEAKER',
                4: '80053^Comprehensive metabolic panel^CPT4^CMP^COMP METABOLIC PANEL^L', 7: '20261205060000',
                14: '20261205063000', 16: OKAFOR, 22: '20261205101400', 24: 'CH', 25: 'C'}),
    chem(1, '2345-7^Glucose^LN^GLU^GLUCOSE^L', '182', 'mg/dL', '70-99', 'H'),
    chem(3, '2823-3^Potassium^LN^K^POTASSIUM^L', '4.6', 'mmol/L', '3.5-5.1', 'N', status='C'),
    seg('NTE', {1: '1', 2: 'L', 3: r'CORRECTED RESULT: previously reported as 5.9 mmol/L (hemolyzed). Called to\S\read back by RN T. BELL 12/05 10:12.'}),
]

# 14 ORU^R01 PowerScribe radiology: TX lines, FT impression with \.br\, escapes, ED PDF; v2.3.1
PDF = 'JVBERi0xLjQKMSAwIG9iago8PC9UeXBlL0NhdGFsb2cvUGFnZXMgMiAwIFI+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK'
RADCODE = 'IMG1234^CT ABDOMEN PELVIS W CONTRAST^EAP'
M['14-oru-r01-radiology'] = [
    seg('MSH', {3: 'POWERSCRIBE', 4: 'UMHHC RAD', 5: 'HIG', 6: 'REGIONHIE', 7: '20261205112233-0500', 9: 'ORU^R01',
                10: 'PS360-9981123', 11: 'P', 12: '2.3.1'}),
    seg('PID', {1: '1', 3: 'E2223334^^^EPI^MR', 5: 'FISCHER^HANNA^M', 7: '19910604', 8: 'F'}),
    seg('PV1', {1: '1', 2: 'E', 3: 'ED^^^UMHHC', 19: '5000998877^^^UMHHC^VN'}),
    seg('ORC', {1: 'RE', 2: 'RAD778812^EPIC', 3: 'ACC20261205001^RIS', 5: 'CM', 12: WEISS}),
    seg('OBR', {1: '1', 2: 'RAD778812^EPIC', 3: 'ACC20261205001^RIS', 4: RADCODE, 7: '20261205094500',
                8: '20261205100000', 16: WEISS, 22: '20261205112000', 24: 'CT', 25: 'F',
                32: '1234567890&RAINES&MARCUS&&&&MD'}),
    seg('NTE', {1: '1', 3: r'Dictated in PowerScribe; ref RAD\E\2026\E\1205-001'}),
    seg('OBX', {1: '1', 2: 'TX', 3: RADCODE, 4: '1', 5: 'EXAM: CT ABDOMEN AND PELVIS WITH IV CONTRAST', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: RADCODE, 4: '1', 5: r'CLINICAL HISTORY: RLQ pain \T\ fever; r/o appendicitis. Contrast: Omnipaque 350\S\100 mL.', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TX', 3: RADCODE, 4: '1', 5: 'FINDINGS: Appendix 11 mm with periappendiceal fat stranding. No free air. Liver 15.2 cm \\F\\ normal.', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'FT', 3: RADCODE, 4: '1', 5: r'IMPRESSION:\.br\1. Acute uncomplicated appendicitis.\.br\2. No abscess.', 11: 'F'}),
    seg('OBX', {1: '5', 2: 'ED', 3: 'PDF^Radiology report PDF^L', 4: '2', 5: f'RIS^application^pdf^Base64^{PDF}', 11: 'F'}),
]

# 15 ORM^O01 Cerner new lab orders, v2.3: two orders, priority, DG1, NTE after OBR
CERNER_PID = {1: '1', 3: '3344556^^^BH^MRN', 5: 'WASHINGTON^DENISE^L', 7: '19881214', 8: 'F',
              11: '77 ELM ST^^SPRINGFIELD^MA^01109^USA^H'}
CERNER_PV1 = {1: '1', 2: 'O', 3: 'CLIN^^^BH', 7: HALE, 19: '88776655^^^BH^FIN NBR'}
M['15-orm-o01-new'] = [
    seg('MSH', {3: 'CERNER', 4: 'BAYSTATE', 5: 'LABSYS', 6: 'BHLAB', 7: '20261205131500-0500', 9: 'ORM^O01',
                10: 'Q87234600T91111300', 11: 'P', 12: '2.3'}),
    seg('PID', CERNER_PID),
    seg('PV1', CERNER_PV1),
    seg('ORC', {1: 'NW', 2: 'ORD5566001^CERNER', 4: 'GRP889900^CERNER', 5: 'IP', 7: '1^^^20261205140000^^R',
                9: '20261205131400', 10: 'NURSE1^KLINE^AMY', 12: HALE, 14: '(413)555-0100'}),
    seg('OBR', {1: '1', 2: 'ORD5566001^CERNER', 4: '85025^CBC with Differential^CPT4^CBCD^CBC W DIFF^L', 5: 'R',
                6: '20261205140000', 11: 'L', 16: HALE, 27: '1^^^20261205140000^^R'}),
    seg('NTE', {1: '1', 2: 'P', 3: 'Patient fasting since midnight.'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'O99.011^Anemia complicating pregnancy, first trimester^I10'}),
    seg('ORC', {1: 'NW', 2: 'ORD5566002^CERNER', 4: 'GRP889900^CERNER', 5: 'IP', 7: '1^^^20261205140000^^S',
                9: '20261205131400', 10: 'NURSE1^KLINE^AMY', 12: HALE}),
    seg('OBR', {1: '2', 2: 'ORD5566002^CERNER', 4: '84443^TSH^CPT4^TSH^THYROID STIM HORMONE^L', 5: 'S',
                6: '20261205140000', 16: HALE, 27: '1^^^20261205140000^^S'}),
]

# 16 ORM^O01 Cerner cancel of 15's second order
M['16-orm-o01-cancel'] = [
    seg('MSH', {3: 'CERNER', 4: 'BAYSTATE', 5: 'LABSYS', 6: 'BHLAB', 7: '20261205134000-0500', 9: 'ORM^O01',
                10: 'Q87234655T91111301', 11: 'P', 12: '2.3'}),
    seg('PID', CERNER_PID),
    seg('PV1', CERNER_PV1),
    seg('ORC', {1: 'CA', 2: 'ORD5566002^CERNER', 4: 'GRP889900^CERNER', 5: 'CA', 9: '20261205133900',
                10: 'NURSE1^KLINE^AMY', 12: HALE, 16: 'DUP^Duplicate order^L'}),
    seg('OBR', {1: '1', 2: 'ORD5566002^CERNER', 4: '84443^TSH^CPT4^TSH^THYROID STIM HORMONE^L', 16: HALE}),
]

# 17 OML^O21 Beaker status change: specimen collected / in process (SC IP), SPM, TQ1
M['17-oml-o21-status'] = [
    seg('MSH', {3: 'BEAKER', 4: 'UMHHC LAB', 5: 'EPIC', 6: 'UMHHC', 7: '20261205063100-0500', 9: 'OML^O21^OML_O21',
                10: 'LAB0001801', 11: 'P', 12: '2.5.1', 15: 'AL', 16: 'NE'}),
    seg('PID', PID_NGUYEN_SHORT),
    seg('PV1', PV1_NGUYEN_SHORT),
    seg('ORC', {1: 'SC', 2: 'ORD778899^EPIC', 3: 'L26339-00012^BEAKER', 5: 'IP', 9: '20261205063000', 12: OKAFOR}),
    seg('TQ1', {1: '1', 7: '20261205060000', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: 'ORD778899^EPIC', 3: 'L26339-00012^BEAKER',
                4: '80053^Comprehensive metabolic panel^CPT4^CMP^COMP METABOLIC PANEL^L', 7: '20261205060000',
                16: OKAFOR, 25: 'I'}),
    seg('SPM', {1: '1', 2: '^L26339-00012-1&BEAKER', 4: '119297000^Blood specimen^SCT', 8: '368208006^Left upper arm structure^SCT',
                12: '5^mL', 17: '20261205060000', 18: '20261205063000'}),
]

# 18 RDE^O11 Epic inpatient pharmacy: TQ1 Q8H with explicit times, RXE give/dispense, RXR route+site
M['18-rde-o11-pharmacy'] = [
    EPIC_MSH('20261205150000-0500', '8838112', 'RDE^O11^RDE_O11', recv='PYXIS'),
    seg('PID', PID_NGUYEN_SHORT),
    seg('PV1', PV1_NGUYEN_SHORT),
    seg('ORC', {1: 'NW', 2: 'RX99001^EPIC', 5: 'IP', 9: '20261205145500', 10: 'RPH22^CHEN^MAY', 12: OKAFOR}),
    seg('TQ1', {1: '1', 3: 'Q8H^Every 8 hours^HL70335', 4: '0600~1400~2200', 7: '20261205220000', 8: '20261212220000',
                9: 'R^Routine^HL70485'}),
    seg('RXE', {2: '1807632^ceFAZolin 1 g injection^RXNORM', 3: '1', 5: 'g^gram^UCUM', 6: 'SOLN^Solution^HL70292',
                7: '^Infuse over 30 minutes', 10: '21', 11: 'EA^each^UCUM', 15: 'RX99001', 21: 'Give with 50 mL NS',
                23: '100', 24: 'mL/h^milliliter per hour^UCUM', 25: '1', 26: 'g^gram^UCUM'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'LA^Left Arm^HL70163', 3: 'IVP^IV Pump^HL70164'}),
]

# 19 VXU^V04 immunization registry (CDC IG 2.5.1 style): two doses, VFC eligibility + VIS OBX groups
ADMIN = '7824^JACKSON^LILLIAN^^^^^^NIST-PI-1^L^^^PRN'
M['19-vxu-v04-registry'] = [
    seg('MSH', {3: 'MYEHR', 4: 'CLINIC123^1234567890^NPI', 5: 'MCIR', 6: 'MDCH', 7: '20261205101500-0500',
                9: 'VXU^V04^VXU_V04', 10: 'VXU20261205-0001', 11: 'P', 12: '2.5.1', 15: 'ER', 16: 'AL',
                21: 'Z22^CDCPHINVS', 22: 'CLINIC123^^^^^NIST-AA-1^XX^^^1234', 23: 'MDCH'}),
    seg('PID', {1: '1', 3: 'PT-88321^^^CLINIC123^MR~1122334455^^^MDCH^SR', 5: 'MARTINEZ^SOFIA^ISABEL^^^^L',
                6: 'GARCIA^ELENA^^^^^M', 7: '20240914', 8: 'F', 10: '2106-3^White^CDCREC',
                11: '2200 PLYMOUTH RD^^ANN ARBOR^MI^48105^USA^P', 13: '^PRN^PH^^^734^5556543',
                22: '2135-2^Hispanic or Latino^CDCREC', 24: 'N', 25: '1'}),
    seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 13: '20261205', 16: 'A', 17: '20240914',
                18: '20261205'}),
    seg('NK1', {1: '1', 2: 'MARTINEZ^ELENA^^^^^L', 3: 'MTH^Mother^HL70063', 4: '2200 PLYMOUTH RD^^ANN ARBOR^MI^48105^USA^P',
                5: '^PRN^PH^^^734^5556543'}),
    seg('ORC', {1: 'RE', 3: 'IZ-778801^CLINIC123', 10: ADMIN, 12: '1770558899^PATEL^ANJALI^^^^^^NPI^L^^^NPI'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261205101000', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '0.5',
                7: 'mL^milliliters^UCUM', 9: '00^New immunization record^NIP001', 10: ADMIN, 11: '^^^CLINIC123',
                15: 'Z4860BB', 16: '20280530', 17: 'MSD^Merck and Co., Inc.^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right Thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064', 11: 'F', 14: '20261205',
                17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30956-7^vaccine type^LN', 4: '2', 5: '45^Hep B, unspecified formulation^CVX', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: '20230512', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261205', 11: 'F'}),
    seg('ORC', {1: 'RE', 3: 'IZ-778802^CLINIC123', 10: ADMIN, 12: '1770558899^PATEL^ANJALI^^^^^^NPI^L^^^NPI'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261205101200', 5: '20^DTaP^CVX', 6: '0.5', 7: 'mL^milliliters^UCUM',
                9: '00^New immunization record^NIP001', 10: ADMIN, 11: '^^^CLINIC123', 15: 'A7C4H', 16: '20271130',
                17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LT^Left Thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064', 11: 'F', 14: '20261205',
                17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30956-7^vaccine type^LN', 4: '2', 5: '107^DTaP, unspecified formulation^CVX', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: '20210806', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261205', 11: 'F'}),
]

# 20 SIU^S12 Cadence new appointment, v2.3.1
SCH = {1: 'APT4455667^CADENCE', 2: 'APT4455667^CADENCE', 6: '^New appointment', 7: 'FOLLOWUP^Follow-up^L',
       8: 'OFFICE^Office visit^L', 9: '20', 10: 'MIN', 11: '^^20^20261215093000^20261215095000',
       16: PATEL, 17: '^WPN^PH^^1^734^5550900', 20: 'SCHED7^BROWN^KIM', 25: 'Booked'}
SIU_TAIL = [
    seg('PID', {**PID_NGUYEN_SHORT, 13: '^PRN^PH^^1^734^5550142'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'UMFM^^^UMHHC', 7: PATEL, 19: '5000555111^^^UMHHC^VN'}),
    seg('RGS', {1: '1', 2: 'A'}),
    seg('AIS', {1: '1', 2: 'A', 3: '99214^Office visit est pt^CPT4', 4: '20261215093000', 5: '0', 6: 'MIN', 7: '20', 8: 'MIN'}),
    seg('AIL', {1: '1', 2: 'A', 3: 'UMFM^EXAM3^^UMHHC^^^^^FAMILY MED EXAM 3', 6: '20261215093000', 9: '20', 10: 'MIN'}),
    seg('AIP', {1: '1', 2: 'A', 3: PATEL, 4: 'D^Doctor', 6: '20261215093000', 9: '20', 10: 'MIN'}),
    seg('NTE', {1: '1', 3: 'Pt requests Vietnamese interpreter.'}),
]
M['20-siu-s12-new'] = [
    seg('MSH', {3: 'CADENCE', 4: 'UMHHC', 5: 'HIG', 6: 'REGIONHIE', 7: '20261205120000-0500', 9: 'SIU^S12',
                10: '8839001', 11: 'P', 12: '2.3.1'}),
    seg('SCH', SCH), *SIU_TAIL]

# 21 SIU^S15 Cadence cancel of 20
M['21-siu-s15-cancel'] = [
    seg('MSH', {3: 'CADENCE', 4: 'UMHHC', 5: 'HIG', 6: 'REGIONHIE', 7: '20261207080000-0500', 9: 'SIU^S15',
                10: '8840177', 11: 'P', 12: '2.3.1'}),
    seg('SCH', {**SCH, 6: 'PTCAN^Patient cancelled^L', 25: 'Cancelled'}), *SIU_TAIL]

# 22 MDM^T02 Dragon/Epic discharge summary v2.6: TXA, repeating OBX-5 TX lines, escapes
M['22-mdm-t02-v26'] = [
    seg('MSH', {3: 'DRAGON', 4: 'UMHHC', 5: 'HIG', 6: 'REGIONHIE', 7: '20261208170000-0500', 9: 'MDM^T02^MDM_T02',
                10: 'DMT-20261208-7781', 11: 'P', 12: '2.6'}),
    seg('EVN', {2: '20261208170000'}),
    seg('PID', PID_NGUYEN_SHORT),
    seg('PV1', {**PV1_NGUYEN_SHORT, 3: '4C^4312^02^UMHHC', 7: OKAFOR}),
    seg('TXA', {1: '1', 2: 'DS^Discharge summary^HL70270', 3: 'TX', 4: '20261208164500', 5: OKAFOR,
                6: '20261208160000', 7: '20261208165900', 9: OKAFOR, 11: 'TRN88^VOSS^ANNA', 12: 'DOC-88120^DRAGON',
                17: 'AU', 18: 'V', 19: 'AV', 22: OKAFOR + '^^^^^^^^^^20261208165900'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '18842-5^Discharge summary^LN', 4: '1',
                5: 'DISCHARGE SUMMARY~Admitted 12/05 with chest pain; troponin 0.9 \\T\\ rising. NSTEMI.~'
                   'Cath 12/06: 90% LAD \\F\\ stent x1.~Discharge meds: aspirin 81 mg, clopidogrel 75 mg, atorvastatin 80 mg.~'
                   'Follow-up: Dr. Patel 12/15.', 11: 'F'}),
]

# 23 DFT^P03 Meditech charges, v2.4
M['23-dft-p03-meditech'] = [
    seg('MSH', {3: 'MEDITECH', 4: 'SMH', 5: 'BILLING', 6: 'SMH', 7: '20261205180000-0500', 9: 'DFT^P03',
                10: 'DFT00091122', 11: 'P', 12: '2.4'}),
    seg('EVN', {1: 'P03', 2: '20261205180000'}),
    seg('PID', {1: '1', 3: 'M000456789^^^SMH^MR', 5: "O'BRIEN^PATRICK^J^JR", 7: '19451108', 8: 'M', 18: 'V00098765432'}),
    seg('PV1', {1: '1', 2: 'E', 3: 'ER^^^SMH', 7: 'GAR^GARCIA^ROSA^^^^MD', 19: 'V00098765432^^^SMH^VN', 20: 'MC'}),
    seg('FT1', {1: '1', 2: 'CHG0001', 4: '20261205091500', 5: '20261205180000', 6: 'CG^Charge^HL70017',
                7: '3200071046^XR CHEST 2 VIEWS^SMHCDM', 10: '1', 11: '125.00^USD', 13: 'RAD^Radiology',
                16: 'ER^^^SMH', 18: 'E', 19: '786.50^CHEST PAIN NOS^I9', 20: 'RAD9^KIM^JUNE^^^^MD', 21: 'GAR^GARCIA^ROSA^^^^MD',
                25: '71046^XR CHEST 2 VIEWS^CPT4', 26: '26^Professional component^CPT4'}),
    seg('FT1', {1: '2', 2: 'CHG0002', 4: '20261205092000', 5: '20261205180000', 6: 'CG^Charge^HL70017',
                7: '3100093005^EKG TRACING^SMHCDM', 10: '1', 11: '48.50^USD', 13: 'CARD^Cardiology', 16: 'ER^^^SMH',
                19: '786.50^CHEST PAIN NOS^I9', 21: 'GAR^GARCIA^ROSA^^^^MD', 25: '93005^Electrocardiogram tracing^CPT4'}),
    seg('DG1', {1: '1', 2: 'I9', 3: '786.50^CHEST PAIN NOS^I9', 6: 'F'}),
]

# 24 BAR^P01 Epic add account
M['24-bar-p01-epic'] = [
    EPIC_MSH('20261205190000-0500', '8839555', 'BAR^P01^BAR_P01', recv='PB'),
    seg('EVN', {1: 'P01', 2: '20261205190000'}),
    seg('PID', {**PID_NGUYEN_SHORT, 18: '100045678901^^^UMHHC^AN', 19: '400-11-2233'}),
    seg('PV1', NGUYEN_PV1),
    seg('DG1', {1: '1', 3: 'I20.9^Angina pectoris, unspecified^I10', 5: '20261205', 6: 'A'}),
    seg('GT1', {1: '1', 2: 'G-778812', 3: 'NGUYEN^VAN^THANH', 5: '4412 W STADIUM BLVD^APT 2B^ANN ARBOR^MI^48103^USA',
                6: '^PRN^PH^^1^734^5551234', 8: '19650101', 9: 'M', 10: 'P^Person^HL70068', 11: 'SPO^Spouse^HL70063',
                16: 'UNIVERSITY OF MICHIGAN'}),
    seg('IN1', {**NGUYEN_IN1, 16: 'NGUYEN^VAN^THANH', 17: 'SPO^Spouse^HL70063', 18: '19650101'}),
]

assert len(M) == 24
OUT.mkdir(parents=True, exist_ok=True)
for name, segs in M.items():
    (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
print(len(M), 'messages written')
