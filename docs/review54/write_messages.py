#!/usr/bin/env python3
r"""Review 54's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Québec university hospital (CHU) and its regional laboratory network, on ONE America/Toronto channel
(Québec keeps Eastern time) across the spring-forward of Sunday 13 March 2033: 02:00 EST (-05:00) -> 03:00 EDT
(-04:00), so 02:00-02:59 local does not exist that night. CHU Fleuve-Saint-Laurent (CHUFSL, invented) and the
Réseau Labo Chaudière-Appalaches (RLCA, invented).
- the CHU's ADT "SIPAD" (v2.5, MSH-18 8859/1, written in Latin-1 bytes; MSH-7 with its offset, -0500 before and
  -0400 after the change; EVN / PV1 times bare): A01, A02 (one back-timed into the skipped hour), A08, A31, A40, A03.
  PID-3: the RAMQ health insurance number (NAM, ABCD12345678; authority RAMQ, type JHN) and the CHU's MRN. PID-5 the
  legal name (XPN.7 L), which in Québec is the birth name (a married woman keeps hers); a usage name as a second
  repetition (XPN.7 A) on one; PID-6 the mother's maiden name; NK1 relationships with French texts, one standard
  table 0063 code and local codes.
- the emergency department's registration system "URGCHU" (no MSH-18 and Latin-1 bytes: a real-world habit), which
  registered a duplicate chart under the married name (no RAMQ), later merged by an A40.
- the laboratory system "LABRLCA" (ORU^R01 v2.5.1, MSH-18 UNICODE UTF-8 in UTF-8 bytes): biochemistry,
  haematology (NM, SN, a TX value "4,5" with a French comma decimal: a sender habit), a corrected potassium
  (OBR-25 C / OBX-11 C on the same filler number), a cancelled coagulation (OBR-25 X / OBX-11 X), microbiology (a
  urine culture with two organisms told apart by OBX-4, susceptibilities in child OBRs naming their parent by
  OBR-26 / OBR-29, preliminary -> final -> corrected), a blood culture Gram stain (FT with \.br\ and \X..\ hex), NTE
  comments in French with \F\ \S\ \T\ \R\ \E\ escapes. One laboratory message (#20) declares 8859/1 and is written
  in UTF-8 bytes (another real-world mistake); the micro Gram stain (#16) comes from the lab's micro module in 8859/1.
- the document system "DOCUCHU" (MDM^T02 v2.6 discharge summaries in French: TX lines and a base64 PDF as ED): #17
  with no MSH-18 and UTF-8 bytes (the brief's "common mistake"), #23 in 8859/1 Latin-1 bytes.
Patients and numbers (RAMQ GAGM86571412 / COTF48022118 / BELH51610315 / DAMJ72090511, MRN 54003xx-54009xx, visits
54-7001xx, accessions B33-/H33-/C33-/M33-) none of earlier reviews' (grepped). Fields placed by number. All persons
and numbers invented.
Run from the worktree root (convert with --timezone America/Toronto, the channel's zone):
    python3 docs/review54/write_messages.py
"""
import base64
from pathlib import Path

OUT = Path('docs/review54/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, ver, charset=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'CHUFSL', 7: t, 9: typ, 10: ctl, 11: 'P', 12: ver}
    if charset:
        f[18] = charset
        f[19] = 'fr^français^ISO639'
    return seg('MSH', f)


# ---- patients ----
# Marie-Ève GAGNON (birth name, her legal name in Québec), married to Luc TREMBLAY: the usage name as a 2nd repetition
GAGNON = {1: '1', 3: 'GAGM86571412^^^RAMQ^JHN~5400123^^^CHUFSL^MR', 5: 'GAGNON^Marie-Ève^Élise^^Mme^^L~TREMBLAY^Marie-Ève^^^^^A',
          6: 'PELLETIER^Françoise', 7: '19860714', 8: 'F',
          11: '2150, chemin Sainte-Foy^app. 3^Québec^QC^G1V 1R8^CAN^H', 13: '^PRN^PH^^1^418^5550142', 15: 'fr^français^ISO639'}
GAGNON_NEW = GAGNON | {11: '88, rue Saint-Jean^Résidence «Les Jardins du Fleuve», app. 214^Québec^QC^G1R 1N4^CAN^H'}
# François CÔTÉ
COTE = {1: '1', 3: 'COTF48022118^^^RAMQ^JHN~5400311^^^CHUFSL^MR', 5: 'CÔTÉ^François^Joseph^^M.^^L', 6: 'BOUCHARD^Thérèse',
        7: '19480221', 8: 'M', 11: '14, rang Saint-Étienne^^Saint-Lambert-de-Lauzon^QC^G0S 2W0^CAN^H',
        13: '^PRN^PH^^1^418^5550177', 15: 'fr^français^ISO639'}
# Hélène BÉLANGER: the chart the ER created under her husband's name (OUELLET), no RAMQ, then her real chart
HELENE_DUP = {1: '1', 3: '5400999^^^CHUFSL^MR', 5: 'OUELLET^Hélène^^^^^L', 7: '19511103', 8: 'F',
              11: '301, avenue des Érables^^Lévis^QC^G6V 4C9^CAN^H'}
HELENE = {1: '1', 3: 'BELH51610315^^^RAMQ^JHN~5400456^^^CHUFSL^MR', 5: 'BÉLANGER^Hélène^Françoise^^Mme^^L', 6: 'LAFLAMME^Jeannine',
          7: '19511103', 8: 'F', 11: '301, avenue des Érables^^Lévis^QC^G6V 4C9^CAN^H', 13: '^PRN^PH^^1^418^5550133',
          15: 'fr^français^ISO639'}
# Jean-Sébastien D'AMOURS: an outpatient of the regional network (the lab's own number beside the RAMQ)
DAMOURS = {1: '1', 3: "DAMJ72090511^^^RAMQ^JHN~L7204418^^^RLCA^PI", 5: "D'AMOURS^Jean-Sébastien^^^M.^^L", 7: '19720905',
           8: 'M', 11: '12, rue de la Fabrique^^Saint-Georges^QC^G5Y 2K7^CAN^H'}

# ---- staff (CMQ licence numbers as CHU staff ids) ----
INTERNIST = '1184425^LÉVESQUE^Geneviève^^^Dre^^^CHUFSL^L^^^CMQ'
ER_DR = '1203378^NGUYEN-BÉRUBÉ^Olivier^^^Dr^^^CHUFSL^L^^^CMQ'
FAMILY_DR = '1097731^FORTIN^Jacques^^^Dr^^^RLCA^L^^^CMQ'
MICROBIO = '1156610^DESROSIERS^Anne-Sophie^^^Dre^^^RLCA^L^^^CMQ'

# ---- places ----
URG = 'URG^CIV^12^CHUFSL^^N^^1^Urgence'
UNIT = lambda u, room, bed, name: f'{u}^{room}^{bed}^CHUFSL^^N^^{u[0]}^{name}'  # noqa: E731

GA_VISIT, CO_VISIT, HE_VISIT = '54-700101', '54-700117', '54-700124'
GA_ADMIT, CO_ADMIT, HE_ADMIT = '20330312223000', '20330313014500', '20330312234000'


def pv1(cls, where, visit, att, admit, prior='', extra=None, fac='CHUFSL'):
    f = {1: '1', 2: cls, 3: where, 6: prior, 7: att, 10: 'MED', 19: f'{visit}^^^{fac}^VN', 44: admit}
    f.update(extra or {})
    return seg('PV1', {k: v for k, v in f.items() if v != ''} | {1: '1'})


def adt(trig, t, ctl, pid, pv1seg, recorded, occurred='', struct='ADT_A01', extra=None, app='SIPAD', charset='8859/1'):
    evn = {1: trig, 2: recorded}
    if occurred:
        evn[6] = occurred
    return [msh(app, 'CHUFSL', t, ctl, f'ADT^{trig}^{struct}', '2.5', charset), seg('EVN', evn), seg('PID', pid)] + \
        ([pv1seg] if pv1seg else []) + (extra or [])


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', sub='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i), 11: status})


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


def obr(i, placer, filler, code, drawn, reported, status, received='', extra=None):
    f = {1: str(i), 2: f'{placer}^SIPAD', 3: f'{filler}^LABRLCA', 4: code, 7: drawn, 14: received, 22: reported,
         25: status}
    f.update(extra or {})
    return seg('OBR', {k: v for k, v in f.items() if v != ''})


def lab(t, ctl, pid, pv1seg, groups, charset='UNICODE UTF-8', app='LABRLCA', fac='RLCA'):
    segs = [msh(app, fac, t, ctl, 'ORU^R01^ORU_R01', '2.5.1', charset), seg('PID', pid)]
    if pv1seg:
        segs.append(pv1seg)
    for g in groups:
        segs += g
    return segs


def orc(placer, filler, status='RE', doctor=INTERNIST):
    return seg('ORC', {1: status, 2: f'{placer}^SIPAD', 3: f'{filler}^LABRLCA', 12: doctor})


# ---- codes ----
NA = '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN^NA^Sodium^L'
K = '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN^K^Potassium^L'
CREA = '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN^CREA^Créatinine^L'
LYTES = '24326-1^Electrolytes 1998 panel - Serum or Plasma^LN^BIOC^Biochimie (ions, créatinine)^L'
CBC = '58410-2^CBC panel - Blood by Automated count^LN^FSC^Formule sanguine complète^L'
HB = '718-7^Hemoglobin [Mass/volume] in Blood^LN^HB^Hémoglobine^L'
WBC = '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN^GB^Globules blancs^L'
PLT = '777-3^Platelets [#/volume] in Blood by Automated count^LN^PLAQ^Plaquettes^L'
RETIC = '17849-1^Reticulocytes/Erythrocytes in Blood by Automated count^LN^RETIC^Réticulocytes^L'
SMEAR = '18314-6^Morphology [Interpretation] in Blood Narrative^LN^FROT^Frottis sanguin^L'
COAG = '34528-0^PT and INR panel - Platelet poor plasma by Coagulation assay^LN^COAG^Coagulogramme^L'
INR = '6301-6^INR in Platelet poor plasma by Coagulation assay^LN^RNI^RNI^L'
PTT = '14979-9^aPTT in Platelet poor plasma by Coagulation assay^LN^TCA^TCA^L'
URINE_CX = '630-4^Bacteria identified in Urine by Culture^LN^CUU^Culture d\'urine^L'
COLONIES = '19090-0^Colony count [#/volume] in Urine^LN^NUMU^Numération^L'
SUSC = '18769-0^Microbial susceptibility tests Set^LN^ATB^Antibiogramme^L'
AMP = '28-1^Ampicillin [Susceptibility] by Minimum inhibitory concentration^LN^AMP^Ampicilline^L'
CIP = '193-3^Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration^LN^CIP^Ciprofloxacine^L'
NIT = '363-2^Nitrofurantoin [Susceptibility] by Minimum inhibitory concentration^LN^NIT^Nitrofurantoïne^L'
SXT = '516-5^Trimethoprim+Sulfamethoxazole [Susceptibility] by Minimum inhibitory concentration^LN^SXT^Triméthoprime-sulfaméthoxazole^L'
VAN = '523-1^Vancomycin [Susceptibility] by Minimum inhibitory concentration^LN^VAN^Vancomycine^L'
BLOOD_CX = '600-7^Bacteria identified in Blood by Culture^LN^HEMO^Hémoculture^L'
GRAM = '664-3^Microscopic observation [Identifier] in Specimen by Gram stain^LN^GRAM^Coloration de Gram^L'
GLU = '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN^GLU^Glucose^L'
HBA1C = '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN^HBA1C^Hémoglobine glyquée^L'
LIPID = '57698-3^Lipid panel with direct LDL - Serum or Plasma^LN^LIPI^Bilan lipidique^L'
LDL = '18262-6^Cholesterol in LDL [Moles/volume] in Serum or Plasma by Direct assay^LN^LDL^Cholestérol LDL^L'
DIAB = '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN^HBA1C^Hémoglobine glyquée^L'
MMOL = 'mmol/L^mmol/L^UCUM'
UMOL = 'umol/L^µmol/L^UCUM'
GL = 'g/L^g/L^UCUM'
E9L = '10*9/L^10\\S\\9/L^UCUM'
MIC = 'mg/L^mg/L^UCUM'
CFU = '{CFU}/L^UFC/L^UCUM'
ECOLI = '112283007^Escherichia coli^SCT'
EFAEC = '78065002^Enterococcus faecalis^SCT'

# a one-page PDF (the discharge summary's signed copy), base64 as ED.5
PDF = (b'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
       b'3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
PDF64 = base64.b64encode(PDF).decode('ascii')

M = {}
ENC = {}  # message -> the bytes' encoding (what the sender really wrote)

# 01 A01 Marie-Ève GAGNON admitted to 6e Nord from home (Sat 12 Mar 22:40 EST); NK1 her spouse (table 0063 SPO, French text)
M['01-adt-a01-gagnon'] = adt('A01', '20330312224012-0500', 'SIP54001', GAGNON,
                             pv1('I', UNIT('6N', '612', 'A', '6e Nord'), GA_VISIT, INTERNIST, GA_ADMIT),
                             '20330312224000', extra=[seg('NK1', {1: '1', 2: 'TREMBLAY^Luc', 3: 'SPO^Époux^HL70063',
                                                                  5: '^PRN^CP^^1^418^5550198', 7: 'C^Personne à contacter en cas d\'urgence^HL70131'})])
ENC['01-adt-a01-gagnon'] = 'latin1'
# 02 A01 by the ER registration system: Hélène registered under her husband's name, no RAMQ (a duplicate chart);
# no MSH-18 and Latin-1 bytes (the ER system's habit)
M['02-adt-a01-ouellet-dup'] = adt('A01', '20330312235012-0500', 'URG54002', HELENE_DUP,
                                  pv1('E', URG, HE_VISIT, ER_DR, HE_ADMIT, extra={10: 'URG'}), '20330312234000',
                                  app='URGCHU', charset=None)
ENC['02-adt-a01-ouellet-dup'] = 'latin1'
# 03 ORU biochemistry Marie-Ève, drawn 23:55 EST, K 6.1 H with a haemolysis note (escapes \T\ \F\ \S\ \R\)
M['03-oru-r01-gagnon-biochimie'] = lab('20330313002215-0500', 'LAB54003', GAGNON, None, [[
    orc('CHU-ORD-540311', 'B33-072-0311'),
    obr(1, 'CHU-ORD-540311', 'B33-072-0311', LYTES, '20330312235500', '20330313002200', 'F', '20330313000800'),
    obx(1, 'NM', NA, '138', MMOL, '135-145', 'N', t='20330313001900'),
    obx(2, 'NM', K, '6.1', MMOL, '3.5-5.0', 'H', t='20330313001900'),
    nte(1, 'Hémolyse légère \\T\\ potassium possiblement surestimé \\F\\ à recontrôler'),
    obx(3, 'NM', CREA, '142', UMOL, '50-90', 'H', t='20330313001900'),
    nte(1, 'Valeur de référence \\S\\ femme adulte \\R\\ DFGe : voir le rapport cumulatif'),
]])
ENC['03-oru-r01-gagnon-biochimie'] = 'utf8'
# 04 A01 François CÔTÉ from the ER to 5e Sud (Sun 13 Mar 01:50 EST); NK1 his daughter (local code, French text)
M['04-adt-a01-cote'] = adt('A01', '20330313015012-0500', 'SIP54004', COTE,
                           pv1('I', URG, CO_VISIT, INTERNIST, CO_ADMIT, extra={10: 'MED'}), '20330313015000',
                           extra=[seg('NK1', {1: '1', 2: 'CÔTÉ^Sylvie', 3: 'FILLE^Fille^99QCREL', 5: '^PRN^CP^^1^581^5550164',
                                              7: 'C^Personne à contacter en cas d\'urgence^HL70131'})])
ENC['04-adt-a01-cote'] = 'latin1'
# 05 ORU haematology François: drawn 02:30 (a time the zone skips; the ER's glucometer-era wall clock), received 03:02,
# MSH-7 03:10-0400; NM, SN platelets, a TX reticulocyte value "4,5" (French comma), a smear in TX
M['05-oru-r01-cote-fsc'] = lab('20330313031012-0400', 'LAB54005', COTE, pv1('E', URG, CO_VISIT, INTERNIST, CO_ADMIT), [[
    orc('CHU-ORD-540402', 'H33-072-0402'),
    obr(1, 'CHU-ORD-540402', 'H33-072-0402', CBC, '20330313023000', '20330313030800', 'F', '20330313030200'),
    obx(1, 'NM', HB, '98', GL, '135-175', 'L', t='20330313030500'),
    obx(2, 'NM', WBC, '14.2', E9L, '4.0-11.0', 'H', t='20330313030500'),
    obx(3, 'SN', PLT, '<^10', E9L, '150-400', 'LL', t='20330313030500'),
    obx(4, 'TX', RETIC, '4,5', '%^%^UCUM', '0,5-2,5', 'H', t='20330313030500'),
    obx(5, 'TX', SMEAR, 'Anisocytose marquée; présence de schizocytes (2 \\T\\ 3 par champ).', t='20330313030500'),
    nte(1, 'Thrombopénie sévère confirmée sur frottis \\E\\ aucune agrégation plaquettaire.'),
]])
ENC['05-oru-r01-cote-fsc'] = 'utf8'
# 06 A02 François from the ER to 5e Sud room 508 (EVN-6 03:15 EDT)
M['06-adt-a02-cote-5s'] = adt('A02', '20330313032512-0400', 'SIP54006', COTE,
                              pv1('I', UNIT('5S', '508', 'B', '5e Sud'), CO_VISIT, INTERNIST, CO_ADMIT, URG),
                              '20330313032500', '20330313031500', struct='ADT_A02')
ENC['06-adt-a02-cote-5s'] = 'latin1'
# 07 A02 Marie-Ève 6e Nord -> soins intensifs (USI) bed 4, back-timed by the clerk to 02:15 (skipped), sent 03:40-0400
M['07-adt-a02-gagnon-usi'] = adt('A02', '20330313034012-0400', 'SIP54007', GAGNON,
                                 pv1('I', UNIT('USI', 'USI', '04', 'Unité de soins intensifs'), GA_VISIT, INTERNIST, GA_ADMIT,
                                     UNIT('6N', '612', 'A', '6e Nord')),
                                 '20330313034000', '20330313021500', struct='ADT_A02')
ENC['07-adt-a02-gagnon-usi'] = 'latin1'
# 08 ORU coagulation François cancelled: specimen clotted (drawn 01:58 EST), OBR-25 X, OBX-11 X, NTE in French
M['08-oru-r01-cote-coag-annule'] = lab('20330313040512-0400', 'LAB54008', COTE, None, [[
    orc('CHU-ORD-540403', 'C33-072-0403', status='CA'),
    obr(1, 'CHU-ORD-540403', 'C33-072-0403', COAG, '20330313015800', '20330313040400', 'X', '20330313030200'),
    obx(1, 'NM', INR, '', status='X', t='20330313040400'),
    obx(2, 'NM', PTT, '', 's^s^UCUM', status='X', t='20330313040400'),
    nte(1, 'Échantillon coagulé \\T\\ analyse annulée. Prière de prélever à nouveau (tube bleu, citrate 3,2 %).'),
]])
ENC['08-oru-r01-cote-coag-annule'] = 'utf8'
# 09 ORU biochemistry Marie-Ève: the potassium of #03 CORRECTED (OBX-11 C, OBR-25 C), same filler number
M['09-oru-r01-gagnon-k-corrige'] = lab('20330313063012-0400', 'LAB54009', GAGNON, None, [[
    orc('CHU-ORD-540311', 'B33-072-0311'),
    obr(1, 'CHU-ORD-540311', 'B33-072-0311', LYTES, '20330312235500', '20330313062900', 'C', '20330313000800'),
    obx(1, 'NM', NA, '138', MMOL, '135-145', 'N', t='20330313001900'),
    obx(2, 'NM', K, '4.1', MMOL, '3.5-5.0', 'N', status='C', t='20330313062500'),
    nte(1, 'Résultat corrigé : erreur de transcription. Valeur antérieure 6,1 mmol/L annulée.'),
    obx(3, 'NM', CREA, '142', UMOL, '50-90', 'H', t='20330313001900'),
]])
ENC['09-oru-r01-gagnon-k-corrige'] = 'utf8'
# 10 A31 Hélène's real chart (RAMQ, birth name, mother's maiden name) updated by the archives
M['10-adt-a31-belanger'] = adt('A31', '20330313090012-0400', 'SIP54010', HELENE, seg('PV1', {1: '1', 2: 'N'}),
                               '20330313090000', struct='ADT_A05')
ENC['10-adt-a31-belanger'] = 'latin1'
# 11 A40 merge the ER's duplicate (5400999, OUELLET) into 5400456 (BÉLANGER)
M['11-adt-a40-fusion'] = adt('A40', '20330313093012-0400', 'SIP54011', HELENE, None, '20330313093000',
                             struct='ADT_A39', extra=[seg('MRG', {1: '5400999^^^CHUFSL^MR'})])
ENC['11-adt-a40-fusion'] = 'latin1'
# 12 A08 Marie-Ève new address (a residence «Les Jardins du Fleuve»), still in the ICU
M['12-adt-a08-gagnon-adresse'] = adt('A08', '20330313100512-0400', 'SIP54012', GAGNON_NEW,
                                     pv1('I', UNIT('USI', 'USI', '04', 'Unité de soins intensifs'), GA_VISIT, INTERNIST, GA_ADMIT),
                                     '20330313100500')
ENC['12-adt-a08-gagnon-adresse'] = 'latin1'
# 13 ORU haematology Hélène (after the merge; her ER visit), drawn 00:20 EST
M['13-oru-r01-belanger-fsc'] = lab('20330313112012-0400', 'LAB54013', HELENE, pv1('E', URG, HE_VISIT, ER_DR, HE_ADMIT), [[
    orc('CHU-ORD-540424', 'H33-072-0424', doctor=ER_DR),
    obr(1, 'CHU-ORD-540424', 'H33-072-0424', CBC, '20330313002000', '20330313111800', 'F', '20330313004500'),
    obx(1, 'NM', HB, '121', GL, '120-160', 'N', t='20330313010500'),
    obx(2, 'NM', WBC, '7.8', E9L, '4.0-11.0', 'N', t='20330313010500'),
    obx(3, 'NM', PLT, '231', E9L, '150-400', 'N', t='20330313010500'),
]])
ENC['13-oru-r01-belanger-fsc'] = 'utf8'
# 14 ORU urine culture Marie-Ève PRELIMINARY (collected 00:40 EST): E. coli (OBX-4 1) >= 10^8 UFC/L
CX = 'M33-072-0141'
CX_ORD = 'CHU-ORD-540771'
PARENT = f'{CX_ORD}&SIPAD^{CX}&LABRLCA'
M['14-oru-r01-gagnon-urine-prelim'] = lab('20330313140012-0400', 'LAB54014', GAGNON, None, [[
    orc(CX_ORD, CX),
    obr(1, CX_ORD, CX, URINE_CX, '20330313004000', '20330313135800', 'P', '20330313011500'),
    obx(1, 'CWE', URINE_CX, ECOLI, sub='1', status='P', t='20330313135000'),
    obx(2, 'SN', COLONIES, '>=^100000000', CFU, '<10000000', 'H', sub='1', status='P', t='20330313135000'),
    nte(1, 'Identification et antibiogramme à suivre.'),
]])
ENC['14-oru-r01-gagnon-urine-prelim'] = 'utf8'
# 15 ORU urine culture FINAL: two organisms (OBX-4 1, 2), each with its susceptibility child OBR (OBR-26 / OBR-29)
M['15-oru-r01-gagnon-urine-final'] = lab('20330314091012-0400', 'LAB54015', GAGNON, None, [[
    orc(CX_ORD, CX),
    obr(1, CX_ORD, CX, URINE_CX, '20330313004000', '20330314090800', 'F', '20330313011500'),
    obx(1, 'CWE', URINE_CX, ECOLI, sub='1', t='20330314083000'),
    obx(2, 'SN', COLONIES, '>=^100000000', CFU, '<10000000', 'H', sub='1', t='20330314083000'),
    obx(3, 'CWE', URINE_CX, EFAEC, sub='2', t='20330314083000'),
    obx(4, 'SN', COLONIES, '^10000000', CFU, '<10000000', 'A', sub='2', t='20330314083000'),
    nte(1, 'Culture mixte : E. coli prédominant \\E\\ E. faecalis en moindre quantité.'),
], [
    orc(CX_ORD, CX + '-S1'),
    obr(2, CX_ORD, CX + '-S1', SUSC, '20330313004000', '20330314090800', 'F', '20330313011500',
        {26: '630-4&Bacteria identified in Urine by Culture&LN^1^Escherichia coli', 29: PARENT}),
    obx(1, 'SN', AMP, '>=^32', MIC, '', 'R', sub='1', t='20330314083000'),
    obx(2, 'SN', CIP, '<=^0.25', MIC, '', 'S', sub='1', t='20330314083000'),
    obx(3, 'SN', NIT, '<=^16', MIC, '', 'S', sub='1', t='20330314083000'),
    obx(4, 'SN', SXT, '>=^320', MIC, '', 'R', sub='1', t='20330314083000'),
], [
    orc(CX_ORD, CX + '-S2'),
    obr(3, CX_ORD, CX + '-S2', SUSC, '20330313004000', '20330314090800', 'F', '20330313011500',
        {26: '630-4&Bacteria identified in Urine by Culture&LN^2^Enterococcus faecalis', 29: PARENT}),
    obx(1, 'SN', AMP, '<=^2', MIC, '', 'S', sub='2', t='20330314083000'),
    obx(2, 'SN', VAN, '^1', MIC, '', 'S', sub='2', t='20330314083000'),
    obx(3, 'SN', NIT, '<=^16', MIC, '', 'S', sub='2', t='20330314083000'),
]])
ENC['15-oru-r01-gagnon-urine-final'] = 'utf8'
# 16 ORU blood culture François, Gram stain PRELIMINARY from the micro module (8859/1, Latin-1 bytes): FT with \.br\
# and a \XE9\ hex escape (é in 8859/1)
M['16-oru-r01-cote-hemoculture-gram'] = lab('20330314100012-0400', 'MIC54016', COTE, None, [[
    orc('CHU-ORD-540455', 'M33-073-0155'),
    obr(1, 'CHU-ORD-540455', 'M33-073-0155', BLOOD_CX, '20330313023500', '20330314095800', 'P', '20330313031000'),
    obx(1, 'FT', GRAM, 'Flacon aérobie positif après 14 h d\'incubation.\\.br\\Coloration de Gram : cocci à Gram positif en amas.'
        '\\.br\\R\\XE9\\sultat communiqué à la Dre Lévesque le 14 mars à 09 h 55.', sub='1', status='P', t='20330314095500'),
]], charset='8859/1', app='LABRLCA', fac='RLCA-MICRO')
ENC['16-oru-r01-cote-hemoculture-gram'] = 'latin1'
# 17 MDM^T02 François's discharge summary in French: TX lines + the signed PDF (ED, base64). No MSH-18, UTF-8 bytes.
SUMMARY_CO = ['RÉSUMÉ DE CONGÉ \\T\\ MÉDECINE INTERNE',
              'Patient : François Côté, 85 ans. Admis le 13 mars 2033 par l\'urgence.',
              'Diagnostic principal : thrombopénie sévère (plaquettes < 10 x 10\\S\\9/L) sur purpura thrombotique.',
              'Hémoculture : cocci à Gram positif en amas \\F\\ identification en cours.',
              'Congé à domicile avec suivi en hématologie «dans 1 semaine».']
M['17-mdm-t02-cote-resume'] = [
    msh('DOCUCHU', 'CHUFSL', '20330314110012-0400', 'DOC54017', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {1: 'T02', 2: '20330314110000'}), seg('PID', COTE),
    pv1('I', UNIT('5S', '508', 'B', '5e Sud'), CO_VISIT, INTERNIST, CO_ADMIT),
    seg('TXA', {1: '1', 2: 'DS^Résumé de congé^HL70270', 3: 'TX', 4: '20330314105500', 5: INTERNIST, 9: INTERNIST,
                12: 'DOC-54-0017^DOCUCHU', 17: 'AU', 22: INTERNIST + '^20330314105500'}),
    *[obx(i + 1, 'TX', '18842-5^Discharge summary^LN^RC^Résumé de congé^L', line, t='20330314105500')
      for i, line in enumerate(SUMMARY_CO)],
    obx(6, 'ED', '18842-5^Discharge summary^LN^RC^Résumé de congé^L', f'^AP^PDF^Base64^{PDF64}', t='20330314105500'),
]
ENC['17-mdm-t02-cote-resume'] = 'utf8'
# 18 A03 François discharged home (Mon 14 Mar 11:30 EDT)
M['18-adt-a03-cote-conge'] = adt('A03', '20330314113012-0400', 'SIP54018', COTE,
                                 pv1('I', UNIT('5S', '508', 'B', '5e Sud'), CO_VISIT, INTERNIST, CO_ADMIT,
                                     extra={36: '01^Retour à domicile^HL70112', 45: '20330314113000'}),
                                 '20330314113000', '20330314113000', struct='ADT_A03')
ENC['18-adt-a03-cote-conge'] = 'latin1'
# 19 ORU outpatient Jean-Sébastien D'AMOURS from the regional network (UTF-8): glucose, HbA1c as TX "7,2" (comma),
# a FT interpretation with \.br\ and a \XC3A9\ hex escape (é in UTF-8)
M['19-oru-r01-damours-diabete'] = lab('20330314130012-0400', 'LAB54019', DAMOURS, None, [[
    orc('RLCA-ORD-9011', 'B33-073-0907', doctor=FAMILY_DR),
    obr(1, 'RLCA-ORD-9011', 'B33-073-0907', '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN^DIAB^Suivi diabète^L',
        '20330314074500', '20330314125800', 'F', '20330314084000', {16: FAMILY_DR}),
    obx(1, 'NM', GLU, '9.4', MMOL, '3.6-6.0', 'H', t='20330314101500'),
    obx(2, 'TX', HBA1C, '7,2', '%^%^UCUM', '4,0-6,0', 'H', t='20330314101500'),
    obx(3, 'FT', '59462-2^Testing reason^LN^INTERP^Interprétation^L',
        'HbA1c au-dessus de la cible (\\XC3A9\\valuer l\'observance).\\.br\\Contrôle recommandé dans 3 mois.',
        t='20330314101500'),
]])
ENC['19-oru-r01-damours-diabete'] = 'utf8'
# 20 ORU D'AMOURS lipid panel: MSH-18 says 8859/1 but the bytes are UTF-8 (a mislabelled interface)
M['20-oru-r01-damours-lipides-mal-etiquete'] = lab('20330314133012-0400', 'LAB54020', DAMOURS, None, [[
    orc('RLCA-ORD-9012', 'B33-073-0908', doctor=FAMILY_DR),
    obr(1, 'RLCA-ORD-9012', 'B33-073-0908', LIPID, '20330314074500', '20330314132800', 'F', '20330314084000'),
    obx(1, 'NM', LDL, '3.9', MMOL, '<2.0', 'H', t='20330314121500'),
    nte(1, 'Prélèvement à jeun non confirmé; interpréter le LDL avec réserve.'),
]], charset='8859/1')
ENC['20-oru-r01-damours-lipides-mal-etiquete'] = 'utf8'
# 21 ORU urine culture CORRECTED (Tue 15 Mar): E. coli's ciprofloxacin S -> R (child OBR-25 C, OBX-11 C); whole report
M['21-oru-r01-gagnon-urine-corrige'] = lab('20330315080012-0400', 'LAB54021', GAGNON, None, [[
    orc(CX_ORD, CX),
    obr(1, CX_ORD, CX, URINE_CX, '20330313004000', '20330314090800', 'F', '20330313011500'),
    obx(1, 'CWE', URINE_CX, ECOLI, sub='1', t='20330314083000'),
    obx(2, 'SN', COLONIES, '>=^100000000', CFU, '<10000000', 'H', sub='1', t='20330314083000'),
    obx(3, 'CWE', URINE_CX, EFAEC, sub='2', t='20330314083000'),
    obx(4, 'SN', COLONIES, '^10000000', CFU, '<10000000', 'A', sub='2', t='20330314083000'),
], [
    orc(CX_ORD, CX + '-S1'),
    obr(2, CX_ORD, CX + '-S1', SUSC, '20330313004000', '20330315075800', 'C', '20330313011500',
        {26: '630-4&Bacteria identified in Urine by Culture&LN^1^Escherichia coli', 29: PARENT}),
    obx(1, 'SN', AMP, '>=^32', MIC, '', 'R', sub='1', t='20330314083000'),
    obx(2, 'SN', CIP, '>=^4', MIC, '', 'R', status='C', sub='1', t='20330315074500'),
    nte(1, 'Résultat corrigé : ciprofloxacine RÉSISTANTE (erreur de lecture de la CMI). Médecin avisé.'),
    obx(3, 'SN', NIT, '<=^16', MIC, '', 'S', sub='1', t='20330314083000'),
    obx(4, 'SN', SXT, '>=^320', MIC, '', 'R', sub='1', t='20330314083000'),
], [
    orc(CX_ORD, CX + '-S2'),
    obr(3, CX_ORD, CX + '-S2', SUSC, '20330313004000', '20330314090800', 'F', '20330313011500',
        {26: '630-4&Bacteria identified in Urine by Culture&LN^2^Enterococcus faecalis', 29: PARENT}),
    obx(1, 'SN', AMP, '<=^2', MIC, '', 'S', sub='2', t='20330314083000'),
    obx(2, 'SN', VAN, '^1', MIC, '', 'S', sub='2', t='20330314083000'),
    obx(3, 'SN', NIT, '<=^16', MIC, '', 'S', sub='2', t='20330314083000'),
]])
ENC['21-oru-r01-gagnon-urine-corrige'] = 'utf8'
# 22 A03 Hélène discharged from the ER visit (the visit the duplicate chart opened), on her surviving chart
M['22-adt-a03-belanger-conge'] = adt('A03', '20330315093012-0400', 'SIP54022', HELENE,
                                     pv1('E', URG, HE_VISIT, ER_DR, HE_ADMIT,
                                         extra={10: 'URG', 36: '01^Retour à domicile^HL70112', 45: '20330315092500'}),
                                     '20330315093000', '20330315092500', struct='ADT_A03')
ENC['22-adt-a03-belanger-conge'] = 'latin1'
# 23 MDM^T02 Marie-Ève's discharge summary (8859/1, Latin-1 bytes): TX lines with «guillemets», \.br\, and the PDF
SUMMARY_GA = ['RÉSUMÉ DE CONGÉ \\T\\ SOINS INTENSIFS ET MÉDECINE INTERNE',
              'Patiente : Marie-Ève Gagnon, 46 ans. Pyélonéphrite à E. coli résistant à la ciprofloxacine.',
              'Traitement : ceftriaxone IV puis céfixime per os.\\.br\\Durée totale : 14 jours.',
              'Conseil : «boire abondamment» et consulter si fièvre \\T\\ douleur lombaire.']
M['23-mdm-t02-gagnon-resume'] = [
    msh('DOCUCHU', 'CHUFSL', '20330315103012-0400', 'DOC54023', 'MDM^T02^MDM_T02', '2.6', '8859/1'),
    seg('EVN', {1: 'T02', 2: '20330315103000'}), seg('PID', GAGNON_NEW),
    pv1('I', UNIT('USI', 'USI', '04', 'Unité de soins intensifs'), GA_VISIT, INTERNIST, GA_ADMIT),
    seg('TXA', {1: '1', 2: 'DS^Résumé de congé^HL70270', 3: 'TX', 4: '20330315102500', 5: INTERNIST, 9: INTERNIST,
                12: 'DOC-54-0023^DOCUCHU', 17: 'AU', 22: INTERNIST + '^20330315102500'}),
    *[obx(i + 1, 'TX', '18842-5^Discharge summary^LN^RC^Résumé de congé^L', line, t='20330315102500')
      for i, line in enumerate(SUMMARY_GA)],
    obx(5, 'ED', '18842-5^Discharge summary^LN^RC^Résumé de congé^L', f'^AP^PDF^Base64^{PDF64}', t='20330315102500'),
]
ENC['23-mdm-t02-gagnon-resume'] = 'latin1'
# 24 A03 Marie-Ève discharged home from the ICU (Tue 15 Mar 11:30 EDT)
M['24-adt-a03-gagnon-conge'] = adt('A03', '20330315113012-0400', 'SIP54024', GAGNON_NEW,
                                   pv1('I', UNIT('USI', 'USI', '04', 'Unité de soins intensifs'), GA_VISIT, INTERNIST, GA_ADMIT,
                                       extra={36: '01^Retour à domicile^HL70112', 45: '20330315113000'}),
                                   '20330315113000', '20330315113000', struct='ADT_A03')
ENC['24-adt-a03-gagnon-conge'] = 'latin1'

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin-1' if ENC[name] == 'latin1' else 'utf-8'))
    print(len(M), 'messages in', OUT)
