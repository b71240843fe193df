#!/usr/bin/env python3
r"""Review 17's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read,
in the habits of Epic / Cerner / Meditech / Sunquest / Soarian lab / Omnicell-style pharmacy / a state
immunization registry feed. New patients, numbers and layouts (none of review 16's). Fields are placed by
number (seg(name, {n: value})) so that none slips by one. All persons, numbers and addresses are invented.
Writes docs/review17/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review17/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review17/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, recv='HIG', rfac='NTXHIE', extra=None):
    f = {3: app, 4: fac, 5: recv, 6: rfac, 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 15: 'AL', 16: 'NE'}
    f.update(extra or {})
    return seg('MSH', f)


NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
RAMIREZ = f'1457382910^RAMIREZ^JOSE^A^^^MD^^{NPI}^L^^^NPI'
LINDQVIST = f'1831204477^LINDQVIST^KARIN^^^^DO^^{NPI}^L^^^NPI'
ABARA = f'1194857730^ABARA^NNEKA^O^^^MD^^{NPI}^L^^^NPI'
STROM = '33012^STROM^PETER^J^^^MD^^UHD^L^^^DN'
UHD_OID = 'UHD&2.16.840.1.113883.3.7711.1&ISO'

# Family 1: HERNANDEZ, Epic-style inpatient at "UHD" (Dallas, -0600)
HER_IDS = f'70011223^^^{UHD_OID}^MR~Z5566778^^^EPI^PI~555-12-3344^^^SSA^SS~TX99887766^^^TXHIE^PT'
HER_PID = {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L~GARZA^MARIA^^^^^M', 6: 'GARZA^LUCIA^^^^^M',
           7: '19680412', 8: 'F', 10: '2106-3^White^CDCREC', 11: '2218 ROSS AVE^UNIT 5^DALLAS^TX^75201^USA^H^^48113',
           13: '^PRN^PH^^1^214^5550143~^ORN^CP^^1^214^5550188~^NET^Internet^maria.hz@example.net',
           14: '^WPN^PH^^1^214^5559000^221', 15: 'spa^Spanish^ISO639', 16: 'M^Married^HL70002',
           17: 'CAT^Catholic^HL70006', 18: '4000567123^^^UHD^AN', 19: '555-12-3344', 22: '2135-2^Hispanic or Latino^CDCREC'}
HER_VN = '8100223344^^^UHD^VN'
HER_PV1 = {1: '1', 2: 'I', 3: '5N^5112^A^UHD^^^^^5 NORTH TELEMETRY', 4: 'U^Urgent^HL70007', 7: RAMIREZ, 8: ABARA,
           10: 'CAR', 14: '7^Emergency room^HL70023', 17: RAMIREZ, 18: 'IP', 19: HER_VN, 20: 'COMM', 39: 'UHD',
           44: '20261204221500'}

M = {}

# 01 ADT^A01 Epic admission
M['01-adt-a01-epic'] = [
    msh('EPICADT', 'UHD', '20261204223512-0600', 'A01-0098123', 'ADT^A01^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A01', 2: '20261204223500', 4: 'ADM', 5: 'RN4411^OWENS^TARA^^^^^^UHD^^^^EMPLID', 6: '20261204221500'}),
    seg('PID', HER_PID),
    seg('PD1', {4: LINDQVIST}),
    seg('NK1', {1: '1', 2: 'HERNANDEZ^ROBERTO^^^^^L', 3: 'SPO^Spouse^HL70063', 4: '2218 ROSS AVE^UNIT 5^DALLAS^TX^75201^USA^H',
                5: '^PRN^CP^^1^214^5551234~^NET^Internet^rob.h@example.net', 7: 'EC^Emergency Contact^HL70131'}),
    seg('NK1', {1: '2', 2: 'HERNANDEZ^SOFIA^^^^^L', 3: 'DAU^Daughter^HL70063', 5: '^PRN^PH^^1^469^5557000',
                7: 'N^Next-of-Kin^HL70131'}),
    seg('PV1', HER_PV1),
    seg('PV2', {3: 'R07.9^Chest pain, unspecified^I10', 8: '20261204', 9: '20261207'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '78.4', 6: 'kg^kilogram^UCUM', 11: 'F', 14: '20261204221000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '8302-2^Body height^LN', 5: '64', 6: 'in^inch^ANSI', 11: 'F', 14: '20261204221000'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '2670^Codeine^RXNORM', 4: 'MO^Moderate^HL70128', 5: 'Nausea and vomiting', 6: '20100301'}),
    seg('AL1', {1: '2', 2: 'FA^Food allergy^HL70127', 3: '^Shellfish', 4: 'SV^Severe^HL70128', 5: 'Anaphylaxis'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'I21.4^Non-ST elevation myocardial infarction^I10', 5: '20261204', 6: 'A'}),
    seg('GT1', {1: '1', 3: 'HERNANDEZ^MARIA^ELENA', 5: '2218 ROSS AVE^UNIT 5^DALLAS^TX^75201^USA', 6: '^PRN^PH^^1^214^5550143',
                8: '19680412', 9: 'F', 11: 'SEL^Self^HL70063'}),
    seg('IN1', {1: '1', 2: 'AETNAPPO^Aetna PPO', 3: '60054^^^^NIIP', 4: 'AETNA', 5: 'PO BOX 981106^^EL PASO^TX^79998',
                7: '^WPN^PH^^1^800^5552368', 8: 'GRP0098877', 9: 'DALLAS ISD', 12: '20260101', 13: '20261231', 15: 'PPO',
                16: 'HERNANDEZ^MARIA^ELENA', 17: 'SEL^Self^HL70063', 18: '19680412', 22: '1', 36: 'W123456789'}),
    seg('ZPV', {1: 'TELEMETRY', 2: 'Y'}),
]

# 02 ADT^A02 transfer to CCU
M['02-adt-a02-epic'] = [
    msh('EPICADT', 'UHD', '20261205031044-0600', 'A02-0098177', 'ADT^A02^ADT_A02', '2.5.1'),
    seg('EVN', {1: 'A02', 2: '20261205031000', 6: '20261205030000'}),
    seg('PID', {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L', 7: '19680412', 8: 'F'}),
    seg('PV1', {**HER_PV1, 3: 'CCU^C04^1^UHD^^^^^CARDIAC ICU', 6: '5N^5112^A^UHD^^^^^5 NORTH TELEMETRY'}),
]

# 03 ADT^A03 discharge with two DG1 and "" fields (Epic sends "" to clear)
M['03-adt-a03-epic'] = [
    msh('EPICADT', 'UHD', '20261207111530-0600', 'A03-0098455', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20261207111500', 6: '20261207110000'}),
    seg('PID', {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L', 7: '19680412', 8: 'F', 14: '""'}),
    seg('PV1', {**HER_PV1, 3: 'CCU^C04^1^UHD^^^^^CARDIAC ICU', 36: '01^Discharged to home^HL70112', 37: '""', 45: '20261207110000'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'I21.4^Non-ST elevation myocardial infarction^I10', 6: 'F', 15: '1'}),
    seg('DG1', {1: '2', 2: 'I10', 3: 'E11.9^Type 2 diabetes mellitus without complications^I10', 6: 'F', 15: '2'}),
]

# 04 ADT^A13 cancel discharge (the patient did not leave)
M['04-adt-a13-epic'] = [
    msh('EPICADT', 'UHD', '20261207124402-0600', 'A13-0098460', 'ADT^A13^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A13', 2: '20261207124400', 4: 'ERR'}),
    seg('PID', {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L', 7: '19680412', 8: 'F'}),
    seg('PV1', {**HER_PV1, 3: 'CCU^C04^1^UHD^^^^^CARDIAC ICU'}),
]

# Family 2: OKONKWO, Meditech 2.3 ER registration, no time zone anywhere
OKO_PID = {1: '1', 2: 'M000778899', 3: 'M000778899^^^NTMC^MR~J00456123^^^NTMC^PI', 4: '', 5: 'OKONKWO^EMEKA^C',
           7: '19910817', 8: 'M', 10: 'B^Black^HL70005', 11: '901 ELM ST^^FORT WORTH^TX^76102^^H',
           13: '(817)555-0199^PRN^PH~(817)555-0142^ORN^CP', 16: 'S', 18: 'NE0001122334', 19: '456-78-9012'}
M['05-adt-a04-meditech'] = [
    msh('MEDITECH', 'NTMC', '202612051942', '20261205194201223', 'ADT^A04', '2.3'),
    seg('EVN', {1: 'A04', 2: '202612051942'}),
    seg('PID', OKO_PID),
    seg('NK1', {1: '1', 2: 'OKONKWO^ADAEZE', 3: 'MTH^Mother', 5: '(817)555-0177'}),
    seg('PV1', {1: '1', 2: 'E', 3: 'ER^ER12^^NTMC', 4: 'EM', 7: f'RAM01^RAMIREZ^JOSE^A^^^MD', 10: 'EMR', 18: 'ER',
                19: 'NE0001122334', 44: '202612051930'}),
    seg('PV2', {3: '^LACERATION LEFT HAND'}),
    seg('IN1', {1: '1', 2: 'SP', 3: 'SELF', 4: 'SELF PAY', 17: '01'}),
    seg('GT1', {1: '1', 3: 'OKONKWO^EMEKA^C', 5: '901 ELM ST^^FORT WORTH^TX^76102', 6: '(817)555-0199', 11: '1'}),
    seg('ZMT', {1: 'WALK-IN', 2: 'N'}),
]

# 06 ADT^A11 cancel of that registration (wrong patient picked), Meditech 2.3
M['06-adt-a11-meditech'] = [
    msh('MEDITECH', 'NTMC', '202612052005', '20261205200501007', 'ADT^A11', '2.3'),
    seg('EVN', {1: 'A11', 2: '202612052005'}),
    seg('PID', OKO_PID),
    seg('PV1', {1: '1', 2: 'E', 3: 'ER^ER12^^NTMC', 19: 'NE0001122334', 44: '202612051930'}),
]

# 07 ADT^A40 merge, Cerner style (two prior ids in MRG-1, MRG-7 prior name)
M['07-adt-a40-cerner'] = [
    msh('CERNER', 'BSW', '20261205091500-0600', 'Q4467781290T4478112', 'ADT^A40^ADT_A39', '2.4'),
    seg('EVN', {1: 'A40', 2: '20261205091455', 5: '88123^MILLER^JANE^^^^^^^^^^PRSNL'}),
    seg('PID', {1: '1', 2: '', 3: '2290033^^^BSW^MRN~88112200^^^BSW^CMRN', 5: 'PHAM^ANH^TUAN^^^^L', 7: '19550703', 8: 'M',
                13: '^PRN^PH^^^972^5550101', 19: '611-22-3344'}),
    seg('MRG', {1: '2291177^^^BSW^MRN~88112999^^^BSW^CMRN', 7: 'PHAM^ANH^^^^^L'}),
]

# 08 ADT^A34 change patient id (v2.3, Sunquest-registration style interface)
M['08-adt-a34-change-id'] = [
    msh('SMS', 'NTMC', '20261205100012-0600', 'SMS55120', 'ADT^A34', '2.3'),
    seg('EVN', {1: 'A34', 2: '20261205100000'}),
    seg('PID', {1: '1', 3: 'M000778900^^^NTMC^MR', 5: 'BAUTISTA^ROSA^^^^^L', 7: '19790222', 8: 'F'}),
    seg('MRG', {1: 'M000770001^^^NTMC^MR'}),
]

# 09 ADT^A28 add person, v2.8 (HIE/EMPI): telecom in PID-40 (PID-13 is withdrawn in 2.8)
M['09-adt-a28-v28'] = [
    msh('EMPI', 'NTXHIE', '20261205120000-0600', 'EMPI-7788123', 'ADT^A28^ADT_A05', '2.8'),
    seg('EVN', {2: '20261205115959', 7: 'NTXHIE'}),
    seg('PID', {1: '1', 3: f'HX5500112^^^NTXHIE&2.16.840.1.113883.3.7711.9&ISO^PT~70088001^^^{UHD_OID}^MR',
                5: 'NGATA^TAMATI^^^^^L', 7: '20010130', 8: 'M', 10: '2076-8^Native Hawaiian or Other Pacific Islander^CDCREC',
                11: '77 MAPLE AVE^^IRVING^TX^75061^USA^H', 15: 'eng^English^ISO639', 22: '2186-5^Not Hispanic or Latino^CDCREC',
                40: '^PRN^CP^^1^214^5553344~^NET^Internet^t.ngata@example.com'}),
    seg('PV1', {1: '1', 2: 'N'}),
    seg('ZPI', {1: 'CONSENT', 2: 'OPTIN', 3: '20261201'}),
]

# Family 3: LEE, Soarian/Sunquest lab from "BSW" (Cerner hospital), ORUs 10-14
LEE_PID = {1: '1', 3: '2288441^^^BSW^MRN~88991122^^^BSW^CMRN~L0044556^^^SQLAB^PI', 5: 'LEE^DANIEL^JUNHO^^^^L', 7: '19820509',
           8: 'M', 10: '2028-9^Asian^CDCREC', 11: '4500 SWISS AVE^^DALLAS^TX^75204^USA^H', 13: '^PRN^PH^^1^214^5556677',
           18: '98112233^^^BSW^FIN NBR'}
LEE_PV1 = {1: '1', 2: 'O', 3: 'LAB^^^BSW', 7: STROM, 19: '98112233^^^BSW^FIN NBR'}
SQ_ORC = lambda ctl, st: seg('ORC', {1: ctl, 2: 'CP7712^CERNER', 3: 'S26-33120^SQ', 5: st, 9: '20261205074000', 12: STROM})
CHEM_OBR = lambda rs, t: seg('OBR', {1: '1', 2: 'CP7712^CERNER', 3: 'S26-33120^SQ', 4: '80048^Basic metabolic panel^CPT4',
                                   7: '20261205073000', 14: '20261205075500', 16: STROM, 22: t, 25: rs, 27: '^^^^^R'})
CBC_OBR = lambda rs, t: seg('OBR', {1: '2', 2: 'CP7712^CERNER', 3: 'S26-33120^SQ', 4: '85025^CBC with differential^CPT4',
                                  7: '20261205073000', 16: STROM, 22: t, 25: rs})

# 10 ORU^R01 preliminary BMP + CBC sharing one placer/filler number (one accession, two panels), 2.4
M['10-oru-r01-prelim'] = [
    msh('SQLAB', 'BSW', '20261205084512-0600', 'SQ0000912', 'ORU^R01', '2.4'),
    seg('PID', LEE_PID),
    seg('PV1', LEE_PV1),
    SQ_ORC('RE', 'A'),
    CHEM_OBR('P', '20261205084500'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Specimen slightly hemolyzed.'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2951-2^Sodium^LN^NA^Sodium^L', 5: '138', 6: 'mmol/L^^UCUM', 7: '136-145', 8: 'N', 11: 'P', 14: '20261205073000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2823-3^Potassium^LN^K^Potassium^L', 5: '5.9', 6: 'mmol/L^^UCUM', 7: '3.5-5.1', 8: 'H', 11: 'P', 14: '20261205073000'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Possible hemolysis effect; recollect advised.'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2345-7^Glucose^LN^GLU^Glucose^L', 5: '212', 6: 'mg/dL^^UCUM', 7: '70-99', 8: 'HH', 11: 'P', 14: '20261205073000'}),
    seg('OBX', {1: '4', 2: 'SN', 3: '33914-3^eGFR^LN^EGFR^eGFR^L', 5: '>^60', 6: 'mL/min/{1.73_m2}^^UCUM', 7: '>=60', 8: 'N', 11: 'P', 14: '20261205073000'}),
    CBC_OBR('P', '20261205084500'),
    seg('OBX', {1: '1', 2: 'NM', 3: '6690-2^WBC^LN^WBC^WBC^L', 5: '11.8', 6: 'K/uL^^L', 7: '4.0-10.5', 8: 'H', 11: 'P', 14: '20261205073000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '718-7^Hemoglobin^LN^HGB^Hgb^L', 5: '13.9', 6: 'g/dL^^UCUM', 7: '13.0-17.0', 8: 'N', 11: 'P', 14: '20261205073000'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '777-3^Platelets^LN^PLT^Platelets^L', 5: '', 6: 'K/uL^^L', 7: '150-400', 11: 'I', 14: '20261205073000'}),
]

# 11 ORU^R01 final: potassium corrected (recollect), glucose final, platelets cancelled (X), 2.4
M['11-oru-r01-final-corrected'] = [
    msh('SQLAB', 'BSW', '20261205113020-0600', 'SQ0000977', 'ORU^R01', '2.4'),
    seg('PID', LEE_PID),
    seg('PV1', LEE_PV1),
    SQ_ORC('RE', 'CM'),
    CHEM_OBR('C', '20261205113000'),
    seg('OBX', {1: '1', 2: 'NM', 3: '2951-2^Sodium^LN^NA^Sodium^L', 5: '138', 6: 'mmol/L^^UCUM', 7: '136-145', 8: 'N', 11: 'F', 14: '20261205073000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2823-3^Potassium^LN^K^Potassium^L', 5: '4.4', 6: 'mmol/L^^UCUM', 7: '3.5-5.1', 8: 'N', 11: 'C', 14: '20261205073000'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected result: previously reported as 5.9 mmol/L on hemolyzed specimen.'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2345-7^Glucose^LN^GLU^Glucose^L', 5: '212', 6: 'mg/dL^^UCUM', 7: '70-99', 8: 'HH', 11: 'F', 14: '20261205073000'}),
    seg('OBX', {1: '4', 2: 'SN', 3: '33914-3^eGFR^LN^EGFR^eGFR^L', 5: '>^60', 6: 'mL/min/{1.73_m2}^^UCUM', 7: '>=60', 8: 'N', 11: 'F', 14: '20261205073000'}),
    CBC_OBR('F', '20261205113000'),
    seg('OBX', {1: '1', 2: 'NM', 3: '6690-2^WBC^LN^WBC^WBC^L', 5: '11.8', 6: 'K/uL^^L', 7: '4.0-10.5', 8: 'H', 11: 'F', 14: '20261205073000'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '718-7^Hemoglobin^LN^HGB^Hgb^L', 5: '13.9', 6: 'g/dL^^UCUM', 7: '13.0-17.0', 8: 'N', 11: 'F', 14: '20261205073000'}),
    seg('OBX', {1: '3', 2: 'ST', 3: '777-3^Platelets^LN^PLT^Platelets^L', 5: 'Clumped; unable to count', 11: 'X', 14: '20261205073000'}),
]

# 12 ORU^R01 blood culture + susceptibility child (OBR-26/OBR-29), 2.5.1, Sunquest micro
M['12-oru-r01-micro'] = [
    msh('SQMIC', 'BSW', '20261207160000-0600', 'SQM00443', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', LEE_PID),
    seg('PV1', LEE_PV1),
    seg('ORC', {1: 'RE', 2: 'CP7801^CERNER', 3: 'M26-1188^SQMIC', 5: 'CM', 12: STROM}),
    seg('OBR', {1: '1', 2: 'CP7801^CERNER', 3: 'M26-1188^SQMIC', 4: '87040^Blood culture^CPT4', 7: '20261205080000',
                15: 'BLDV^Blood venous^HL70070', 16: STROM, 22: '20261207155900', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '600-7^Bacteria identified in Blood by Culture^LN', 4: '1',
                5: '3092008^Staphylococcus aureus^SCT', 8: 'A', 11: 'F', 14: '20261205080000'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '664-3^Gram stain^LN', 4: '1', 5: 'Gram positive cocci in clusters', 11: 'F'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Critical value called to RN K. ORTIZ 12/06/2026 0612 by MT.'}),
    seg('ORC', {1: 'RE', 2: 'CP7801^CERNER', 3: 'M26-1188-S1^SQMIC', 5: 'CM', 12: STROM}),
    seg('OBR', {1: '2', 2: 'CP7801^CERNER', 3: 'M26-1188-S1^SQMIC', 4: '87186^Susceptibility MIC^CPT4', 7: '20261205080000',
                16: STROM, 22: '20261207155900', 25: 'F', 26: '600-7&Bacteria identified&LN^1^Staphylococcus aureus',
                29: 'CP7801&CERNER^M26-1188&SQMIC'}),
    seg('OBX', {1: '1', 2: 'SN', 3: '18964-7^Oxacillin [Susceptibility] by MIC^LN', 4: '1', 5: '<=^0.25', 6: 'ug/mL^^UCUM', 8: 'S', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'SN', 3: '19000-9^Vancomycin [Susceptibility] by MIC^LN', 4: '1', 5: '^1', 6: 'ug/mL^^UCUM', 8: 'S', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'SN', 3: '18928-2^Gentamicin [Susceptibility] by MIC^LN', 4: '1', 5: '>=^16', 6: 'ug/mL^^UCUM', 8: 'R', 11: 'F'}),
]

# 13 ORU^R01 echo report, TX lines with escapes, v2.3 Cerner-style radiology/cardiology
M['13-oru-r01-echo-tx'] = [
    msh('CVIS', 'BSW', '20261205150510-0600', 'CV20261205-0031', 'ORU^R01', '2.3'),
    seg('PID', LEE_PID),
    seg('PV1', {**LEE_PV1, 2: 'O', 3: 'ECHO^^^BSW'}),
    seg('OBR', {1: '1', 2: 'CP7820^CERNER', 3: 'ECH55012^CVIS', 4: '93306^TTE complete^CPT4', 7: '20261205134000',
                22: '20261205150500', 25: 'F', 32: '1831204477&LINDQVIST&KARIN&&&&DO'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '59282-4^Cardiac echo study^LN', 5: 'FINDINGS: LV size normal\\.br\\EF 55\\T\\60 \\F\\ visual estimate', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '59282-4^Cardiac echo study^LN', 5: 'Mild MR (grade 1\\S\\4). Path C:\\E\\echo\\E\\2026 archived.', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '10230-1^LV ejection fraction^LN', 5: '57', 6: '%^percent^UCUM', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'FT', 3: '59282-4^Cardiac echo study^LN', 5: 'IMPRESSION:\\.br\\1. Normal LV function.\\.br\\2. Mild mitral regurgitation.', 11: 'F'}),
]

# 14 ORU^R01 reference-lab pathology report as PDF (ED), 2.5.1
PDF = 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcjw8L1Jvb3QgMSAwIFI+PgolJUVPRgo='
M['14-oru-r01-pdf'] = [
    msh('REFLAB', 'QDX', '20261206090000-0500', 'QDX8812001', 'ORU^R01^ORU_R01', '2.5.1', rfac='BSW'),
    seg('PID', {1: '1', 3: '2288441^^^BSW^MRN~QX0099881^^^QDX^PI', 5: 'LEE^DANIEL^J', 7: '19820509', 8: 'M'}),
    seg('ORC', {1: 'RE', 2: 'CP7830^CERNER', 3: 'QS26-99012^QDX', 5: 'CM', 12: STROM}),
    seg('OBR', {1: '1', 2: 'CP7830^CERNER', 3: 'QS26-99012^QDX', 4: '88305^Surgical pathology^CPT4', 7: '20261203110000',
                16: STROM, 22: '20261206085500', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'ED', 3: '60567-5^Comprehensive pathology report panel^LN', 5: f'QDX^AP^PDF^Base64^{PDF}', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'FT', 3: '22637-3^Pathology report final diagnosis^LN', 5: 'Colon, sigmoid, biopsy:\\.br\\- Tubular adenoma.\\.br\\- Negative for high-grade dysplasia.', 11: 'F'}),
]

# Family 4: WALKER, Cerner ORM 2.3 radiology/lab orders
WAL_PID = {1: '1', 3: '3377001^^^BSW^MRN', 5: 'WALKER^JAMES^EARL^^^^L', 7: '19470815', 8: 'M',
           11: '12 OAK LN^^PLANO^TX^75023^USA^H', 18: '98115577^^^BSW^FIN NBR'}
WAL_PV1 = {1: '1', 2: 'I', 3: '3W^312^B^BSW', 7: STROM, 19: '98115577^^^BSW^FIN NBR'}
WAL_ORC = lambda ctl, placer, st, rs='': seg('ORC', {1: ctl, 2: f'{placer}^HNAM_ORDERID', 5: st, 7: '^^^20261206080000^^R',
                                                    9: '20261205170000', 10: '88123^MILLER^JANE', 12: STROM,
                                                    14: '^WPN^PH^^1^972^5558000', 16: rs})
M['15-orm-o01-new'] = [
    msh('CERNER', 'BSW', '20261205170010-0600', 'Q4468000001T4478901', 'ORM^O01', '2.3'),
    seg('PID', WAL_PID),
    seg('PV1', WAL_PV1),
    WAL_ORC('NW', '44910001', 'SC'),
    seg('OBR', {1: '1', 2: '44910001^HNAM_ORDERID', 4: '71046^XR Chest 2 Views^CPT4', 13: 'Portable', 16: STROM,
                27: '^^^20261206080000^^R', 31: '^Shortness of breath'}),
    seg('DG1', {1: '1', 3: 'R06.02^Shortness of breath^I10', 6: 'W'}),
    WAL_ORC('NW', '44910002', 'SC'),
    seg('OBR', {1: '2', 2: '44910002^HNAM_ORDERID', 4: '83880^BNP^CPT4', 16: STROM, 27: '^^^20261206050000^^S'}),
    seg('NTE', {1: '1', 3: 'Draw with AM labs.'}),
]

# 16 ORM^O01: chest X-ray cancelled (CA) and BNP changed (XO: now routine at 06:00) in one message
M['16-orm-o01-ca-xo'] = [
    msh('CERNER', 'BSW', '20261205181500-0600', 'Q4468000002T4478902', 'ORM^O01', '2.3'),
    seg('PID', WAL_PID),
    seg('PV1', WAL_PV1),
    WAL_ORC('CA', '44910001', 'CA', 'DUP^Duplicate order'),
    seg('OBR', {1: '1', 2: '44910001^HNAM_ORDERID', 4: '71046^XR Chest 2 Views^CPT4', 16: STROM}),
    seg('ORC', {1: 'XO', 2: '44910002^HNAM_ORDERID', 5: 'SC', 7: '^^^20261206060000^^R', 12: STROM}),
    seg('OBR', {1: '2', 2: '44910002^HNAM_ORDERID', 4: '83880^BNP^CPT4', 16: STROM, 27: '^^^20261206060000^^R'}),
]

# 17 OML^O21 status change: lab accepted and in process (SC / IP), 2.5.1, with SPM
M['17-oml-o21-sc'] = [
    msh('SQLAB', 'BSW', '20261206061500-0600', 'SQ0001220', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', WAL_PID),
    seg('PV1', WAL_PV1),
    seg('ORC', {1: 'SC', 2: '44910002^HNAM_ORDERID', 3: 'S26-33501^SQ', 5: 'IP', 9: '20261206061400', 12: STROM}),
    seg('TQ1', {1: '1', 7: '20261206060000', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: '44910002^HNAM_ORDERID', 3: 'S26-33501^SQ', 4: '83880^BNP^CPT4', 16: STROM}),
    seg('SPM', {1: '1', 2: '^S26-33501-1&SQ', 4: 'BLD^Whole blood^HL70487', 7: 'VENIP^Venipuncture^HL70488',
                17: '20261206060500', 18: '20261206061000'}),
]

# Family 5: pharmacy for HERNANDEZ (Epic Willow RDE: enoxaparin Q12H; MAR RAS: the 09:00 dose given)
M['18-rde-o11-enoxaparin'] = [
    msh('EPICRX', 'UHD', '20261205040000-0600', 'RX-55123', 'RDE^O11^RDE_O11', '2.5.1'),
    seg('PID', {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L', 7: '19680412', 8: 'F'}),
    seg('PV1', {**HER_PV1, 3: 'CCU^C04^1^UHD^^^^^CARDIAC ICU'}),
    seg('ORC', {1: 'NW', 2: '9912001^EPC', 3: '9912001^EPCRX', 5: 'IP', 9: '20261205035500', 12: RAMIREZ, 21: 'UHD'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 4: '0900~2100', 7: '20261205090000', 8: '20261212090000', 9: 'R'}),
    seg('RXE', {1: '', 2: '1361568^enoxaparin 80 MG in 0.8 ML Prefilled Syringe^RXNORM', 3: '80', 5: 'mg^milligram^UCUM',
                6: 'INJ^Injection^HL70292', 7: '^Hold if platelets < 100K', 10: '14', 11: 'SYR^syringe^L', 12: '0',
                15: 'RX8812001', 27: 'I21.4^NSTEMI^I10'}),
    seg('RXR', {1: 'SC^Subcutaneous^HL70162', 2: 'LLQ^Left lower quadrant^L'}),
]

M['19-ras-o17-given'] = [
    msh('EPICMAR', 'UHD', '20261205091230-0600', 'MAR-883201', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L', 7: '19680412', 8: 'F'}),
    seg('PV1', {**HER_PV1, 3: 'CCU^C04^1^UHD^^^^^CARDIAC ICU'}),
    seg('ORC', {1: 'RE', 2: '9912001^EPC', 3: '9912001^EPCRX', 5: 'IP', 12: RAMIREZ}),
    seg('RXA', {1: '0', 2: '1', 3: '20261205091000', 4: '20261205091000',
                5: '1361568^enoxaparin 80 MG in 0.8 ML Prefilled Syringe^RXNORM', 6: '80', 7: 'mg^milligram^UCUM',
                10: 'RN4411^OWENS^TARA^^^^RN', 20: 'CP^Complete^HL70322', 21: 'A'}),
    seg('RXR', {1: 'SC^Subcutaneous^HL70162', 2: 'RLQ^Right lower quadrant^L'}),
]

# Family 6: PATEL child, EHR -> state registry (ImmTrac-style) VXU 2.5.1
PAT_PID = {1: '1', 3: 'PC20230311^^^PEDSCLINIC^MR~IMMT00998877^^^TXIIS^SR', 5: 'PATEL^AARAV^^^^^L', 6: 'SHAH^PRIYA^^^^^M',
           7: '20230311', 8: 'M', 10: '2028-9^Asian^CDCREC', 11: '3301 COIT RD^^RICHARDSON^TX^75080^USA^L',
           13: '^PRN^PH^^^972^5551010', 22: '2186-5^Not Hispanic or Latino^CDCREC', 24: 'N'}
REG_MSH = lambda t, ctl: msh('PEDSEHR^2.16.840.1.113883.3.7711.50^ISO', 'PEDSCLINIC^2.16.840.1.113883.3.7711.51^ISO', t, ctl,
                             'VXU^V04^VXU_V04', '2.5.1', recv='TXIIS', rfac='TXDSHS', extra={15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'})
VFC_OBX = lambda sid, code, disp: [
    seg('OBX', {1: f'{sid}', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: f'{code}^{disp}^HL70064', 11: 'F', 14: '20261205', 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: f'{sid+1}', 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: '2', 5: '03^MMR^CVX', 11: 'F'}),
    seg('OBX', {1: f'{sid+2}', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: '20210806', 11: 'F'}),
    seg('OBX', {1: f'{sid+3}', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261205', 11: 'F'}),
]
M['20-vxu-v04-three-rxa'] = [
    REG_MSH('20261205103000-0600', 'VXU-20261205-0007'),
    seg('PID', PAT_PID),
    seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 13: '20261205', 16: 'A', 17: '20230311', 18: '20230311'}),
    seg('NK1', {1: '1', 2: 'SHAH^PRIYA^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^PH^^^972^5551010'}),
    # historical dose from another provider
    seg('ORC', {1: 'RE', 3: 'HX-77120^PEDSEHR'}),
    seg('RXA', {1: '0', 2: '1', 3: '20240315', 5: '10^IPV^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001'}),
    # administered today, VFC Medicaid
    seg('ORC', {1: 'RE', 2: '', 3: 'AD-88211^PEDSEHR', 10: '5566^NURSE^NORA^^^^RN', 12: f'1194857730^ABARA^NNEKA^O^^^MD^^{NPI}^L^^^NPI'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261205101500', 5: '03^MMR^CVX^90707^MMR^CPT', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 10: '5566^NURSE^NORA^^^^RN',
                11: '^^^PEDSCLINIC^^^^^3301 COIT RD^^RICHARDSON^TX^75080', 15: 'Y4471AB', 16: '20271130',
                17: 'MSD^Merck and Co., Inc.^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'SC^Subcutaneous^HL70162', 2: 'RA^Right Arm^HL70163'}),
    *VFC_OBX(1, 'V02', 'VFC eligible - Medicaid/Medicaid Managed Care'),
    # refused dose (parental decision)
    seg('ORC', {1: 'RE', 3: 'RF-88212^PEDSEHR'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261205101500', 5: '88^Influenza, unspecified formulation^CVX', 6: '999',
                18: '00^Parental decision^NIP002', 20: 'RE'}),
]

# 21 VXU^V04: the MMR of #20 sent again as entered in error (RXA-21 D)
M['21-vxu-v04-deleted'] = [
    REG_MSH('20261205160000-0600', 'VXU-20261205-0031'),
    seg('PID', PAT_PID),
    seg('ORC', {1: 'RE', 3: 'AD-88211^PEDSEHR'}),
    seg('RXA', {1: '0', 2: '1', 3: '20261205101500', 5: '03^MMR^CVX^90707^MMR^CPT', 6: '0.5', 7: 'mL^milliliter^UCUM',
                9: '00^New immunization record^NIP001', 15: 'Y4471AB', 17: 'MSD^Merck and Co., Inc.^MVX', 20: 'CP', 21: 'D'}),
]

# 22 SIU^S12 cardiology follow-up for HERNANDEZ (Cadence), 2.3.1
M['22-siu-s12-cadence'] = [
    msh('EPICCAD', 'UHD', '20261207113000-0600', 'SIU-662001', 'SIU^S12', '2.3.1'),
    seg('SCH', {1: '66201^EPC', 2: '66201^EPC', 5: 'CARDFU^Cardiology follow-up', 6: '^Post-MI follow up', 7: 'FU^Follow-up',
                8: 'FOLLOWUP', 9: '30', 10: 'MIN', 11: '^^30^20261221140000^20261221143000', 16: '88123^MILLER^JANE',
                20: '88123^MILLER^JANE', 25: 'Booked'}),
    seg('PID', {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L', 7: '19680412', 8: 'F', 13: '^PRN^PH^^1^214^5550143'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'CARDCL^^^UHD', 19: '8100229911^^^UHD^VN'}),
    seg('RGS', {1: '1'}),
    seg('AIS', {1: '1', 3: 'CARDFU^Cardiology follow-up', 4: '20261221140000', 7: '30', 8: 'MIN'}),
    seg('AIP', {1: '1', 3: RAMIREZ, 4: 'CARD^Cardiologist', 6: '20261221140000', 9: '30', 10: 'MIN'}),
    seg('AIL', {1: '1', 3: 'CARDCL^EXAM3^^UHD', 6: '20261221140000'}),
]

# 23 MDM^T02 discharge summary, v2.6, multi-line TX with repeating OBX-5
M['23-mdm-t02-v26'] = [
    msh('EPICDOC', 'UHD', '20261207140000-0600', 'MDM-771201', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {2: '20261207140000'}),
    seg('PID', {1: '1', 3: HER_IDS, 5: 'HERNANDEZ^MARIA^ELENA^^^^L', 7: '19680412', 8: 'F'}),
    seg('PV1', {**HER_PV1, 3: 'CCU^C04^1^UHD^^^^^CARDIAC ICU', 45: '20261207110000'}),
    seg('TXA', {1: '1', 2: 'DS^Discharge summary^HL70270', 3: 'TX', 4: '20261207133000', 5: RAMIREZ, 6: '20261207133000',
                9: RAMIREZ, 12: 'DOC-55120^EPIC', 17: 'AU', 18: 'U', 19: 'AV',
                22: f'{RAMIREZ}^^20261207135500'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '18842-5^Discharge summary^LN', 5: 'HOSPITAL COURSE:~Admitted 12/04 with NSTEMI.~Cath 12/05: 90\\% LAD, DES placed.~Discharged home 12/07 on DAPT\\T\\statin.', 11: 'F'}),
]

# 24 DFT^P03 two charges (Meditech 2.4 style, offset in MSH only)
M['24-dft-p03-charges'] = [
    msh('MEDITECH', 'NTMC', '20261205220000-0600', 'DFT-20261205-119', 'DFT^P03', '2.4'),
    seg('EVN', {1: 'P03', 2: '20261205220000'}),
    seg('PID', OKO_PID),
    seg('PV1', {1: '1', 2: 'E', 3: 'ER^ER12^^NTMC', 19: 'NE0001122334', 44: '202612051930'}),
    seg('FT1', {1: '1', 2: 'TX001', 4: '20261205194500', 5: '20261205220000', 6: 'CG', 7: '12002^Simple repair 2.6-7.5 cm^CPT4',
                10: '1', 11: '425.00', 13: 'ER', 20: 'RAM01^RAMIREZ^JOSE', 21: 'RAM01^RAMIREZ^JOSE', 25: '12002^^CPT4'}),
    seg('FT1', {1: '2', 2: 'TX002', 4: '20261205194500', 5: '20261205220000', 6: 'CG', 7: '90715^Tdap vaccine^CPT4',
                10: '1', 11: '98.00', 13: 'ER', 25: '90715^^CPT4'}),
]

OUT.mkdir(parents=True, exist_ok=True)
for name, segs in M.items():
    (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
print(len(M), 'messages')
