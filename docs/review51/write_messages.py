#!/usr/bin/env python3
r"""Review 51's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a US academic hospital (Epic: ADT and Beaker orders, HL7 v2.5.1) and its molecular genetics and anatomic
pathology laboratory (a CoPath-style AP system "BSAP" and a GeneInsight-style molecular reporting system "BSMGL",
HL7 v2.5.1, results in the style of the HL7 v2.5.1 clinical genomics IG: each variant an OBX-4 sub-id group of
48018-6 gene (HGNC), 51958-7 transcript, 48004-6 c.HGVS, 48005-3 p.HGVS, 53034-5 allelic state, 53037-8 clinical
significance (LA codes), under 69548-6 genetic variant assessment), on ONE America/Chicago channel in April 2032
(CDT, -0500 throughout: no clock change). Bluestem University Hospital (BSUH, invented).
- Epic ADT (MSH-7 WITH offset -0500, EVN / PV1 times bare): A04 registrations, A08 updates; one patient's name AND
  administrative sex change between her A04 (#04) and the A08 (#07): ADEYEMI-COLE, OLUWATOBI F -> TOBENNA M.
- Epic Beaker OML^O21 (MSH-7 with offset, ORC-9 / OBR / SPM times bare): a germline hereditary cancer panel with the
  clinical indication (OBX ST), family history (OBX CWE/ST) and consent (OBX CWE), DG1; a surgical pathology
  requisition with two parts (SPM A, B); a somatic tumour panel on an FFPE block (SPM-2 the block, SPM-3 its part);
  a single-site familial variant test of the proband's brother.
- the lab's ORL^O22 acknowledgements (MSA AA, ORC OK with the lab's filler number).
- ORU^R01: the germline report (two variants, OBX-4 1 and 2), its correction (variant 2 reclassified, OBR-25 C,
  OBX-11 C on that variant's significance only); the surgical pathology report (CAP-style synoptic OBX + FT narrative,
  SPM parts A and B with block ids), its addendum (OBR-25 F resent with an added addendum OBX), its amended diagnosis
  (OBR-25 C, changed OBX C); a thyroid FNA cytology; the tumour panel preliminary (OBR-25 P) then final (OBR-25 F).
- MDM^T02 genetic counselling note (TXA, TX lines).
Patients and numbers (BS51..., BSV51..., B32-, MG32-, S32-, C32-) none of earlier reviews' (grepped). Fields placed
by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Chicago, the channel's zone):
    python3 docs/review51/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review51/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'BSUH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1'}
    f.update(extra or {})
    return seg('MSH', f)


# ---- patients ----
ZOFIA = {1: '1', 3: 'BS5100017^^^BSUH^MR~EPI5108841^^^EPI^PI', 5: 'WIERZBICKA^ZOFIA^M^^^^L', 7: '19790214', 8: 'F',
         10: '2106-3^White^CDCREC', 11: '2214 Prairie Smoke Ln^^Madison^WI^53711^USA^H', 13: '^PRN^PH^^1^608^5550143',
         18: 'BSH5100017^^^BSUH^AN'}
BARTOSZ = {1: '1', 3: 'BS5100025^^^BSUH^MR~EPI5108850^^^EPI^PI', 5: 'WIERZBICKI^BARTOSZ^J^^^^L', 7: '19820930',
           8: 'M', 11: '71 Old Sauk Rd^Apt 4^Middleton^WI^53562^USA^H', 13: '^PRN^CP^^1^608^5550177',
           18: 'BSH5100025^^^BSUH^AN'}
TOBI_F = {1: '1', 3: 'BS5100033^^^BSUH^MR~EPI5108869^^^EPI^PI', 5: 'ADEYEMI-COLE^OLUWATOBI^A^^^^L', 7: '19660703',
          8: 'F', 11: '905 Thornbury Ct^^Rockford^IL^61107^USA^H', 13: '^PRN^PH^^1^815^5550128',
          18: 'BSH5100033^^^BSUH^AN'}
TOBI_M = TOBI_F | {5: 'ADEYEMI-COLE^TOBENNA^A^^^^L', 8: 'M'}
DAGNY = {1: '1', 3: 'BS5100041^^^BSUH^MR~EPI5108877^^^EPI^PI', 5: 'MOSTELLER^DAGNY^R^^^^L', 7: '19510419', 8: 'F',
         11: 'N4188 County Rd K^^Portage^WI^53901^USA^H', 13: '^PRN^PH^^1^608^5550199', 18: 'BSH5100041^^^BSUH^AN'}
DAGNY_NEW = DAGNY | {11: '18 Lakeview Terrace^Unit 2^Baraboo^WI^53913^USA^H', 13: '^PRN^CP^^1^608^5550121'}
YESENIA = {1: '1', 3: 'BS5100058^^^BSUH^MR~EPI5108885^^^EPI^PI', 5: 'MACHADO-REYES^YESENIA^^^^^L', 7: '19880812',
           8: 'F', 11: '3310 Cottage Grove Rd^^Madison^WI^53716^USA^H', 13: '^PRN^CP^^1^608^5550165',
           18: 'BSH5100058^^^BSUH^AN'}

# ---- providers (NPI) ----
GEN = '1851396027^HALLORAN^BRIDGET^C^^MD^^^NPI^L^^^NPI'
ONC = '1467583302^NAKASHIMA^KENJI^^^MD^^^NPI^L^^^NPI'
SURG = '1295846613^OKONKWO-BELL^ADAEZE^^^MD^^^NPI^L^^^NPI'
ENDO = '1730255198^VANDERHOEF^PIETER^^^MD^^^NPI^L^^^NPI'
PATH = '1184720556^STRAND^MARGIT^L^^MD^^^NPI^L^^^NPI'
MOLPATH = '1609938421^RAMASWAMY^DEEPA^^^MD PHD^^^NPI^L^^^NPI'
CYTO = '1912077340^BEAUCHAMP^LUC^^^MD^^^NPI^L^^^NPI'
GC = '1376420985^TREMBLAY^NOELLE^^^MS CGC^^^NPI^L^^^NPI'

LAB = 'Bluestem Molecular Genetics Laboratory^D^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^52D2118843'
LABADDR = '1300 University Ave^^Madison^WI^53706^USA^B'


def pv1(cls, where, visit, doc, start, service, extra=None):
    f = {1: '1', 2: cls, 3: where, 7: doc, 10: service, 19: f'{visit}^^^BSUH^VN', 44: start}
    f.update(extra or {})
    return seg('PV1', f)


GENCLIN = 'GENCL^^^BSUH^^^^^Cancer Genetics Clinic'
ONCCLIN = 'THORONC^^^BSUH^^^^^Thoracic Oncology Clinic'
SURGCLIN = 'CRSCLIN^^^BSUH^^^^^Colorectal Surgery Clinic'
ENDOCLIN = 'ENDOCL^^^BSUH^^^^^Endocrine Clinic'

ZO_PV1 = lambda: pv1('O', GENCLIN, 'BSV5100017', GEN, '20320405090000', 'GEN')  # noqa: E731
BA_PV1 = lambda: pv1('O', GENCLIN, 'BSV5100025', GEN, '20320420100000', 'GEN')  # noqa: E731
TO_PV1 = lambda: pv1('O', SURGCLIN, 'BSV5100033', SURG, '20320406081500', 'SUR')  # noqa: E731
DA_PV1 = lambda: pv1('O', ONCCLIN, 'BSV5100041', ONC, '20320407131000', 'ONC')  # noqa: E731
YE_PV1 = lambda: pv1('O', ENDOCLIN, 'BSV5100058', ENDO, '20320412143000', 'END')  # noqa: E731


def adt(trig, t, ctl, pid, pv1seg, recorded, struct='ADT_A01', extra=None):
    return [msh('EPICADT', 'BSUH', t, ctl, f'ADT^{trig}^{struct}'), seg('EVN', {1: trig, 2: recorded}), seg('PID', pid),
            pv1seg] + (extra or [])


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', sub='', analysed='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t, 19: analysed}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


# ---- order codes ----
HCP = 'LAB8841^Hereditary Cancer Panel 34 genes^EPIC^81479^Unlisted molecular pathology procedure^C4'
SSV = 'LAB8849^Familial Variant Single Site^EPIC^81217^BRCA2 known familial variant^C4'
SP = 'LAB1210^Surgical Pathology^EPIC^88309^Tissue exam by pathologist^C4'
STP = 'LAB8862^Solid Tumor NGS Panel 52 genes^EPIC^81445^Targeted genomic seq analys pnl solid organ neo^C4'
CYT = 'LAB1305^Non-Gyn Cytology FNA^EPIC^88173^Cytopath eval fna report^C4'

# ---- variant groups (HL7 v2.5.1 clinical genomics IG style) ----


def variant(start, sub, hgnc, gene, transcript, c, p, dtype, state, sig, t, extra_obx=(), status='F'):
    rows = [('CWE', '69548-6^Genetic variant assessment^LN', 'LA9633-4^Present^LN'),
            ('CWE', '48018-6^Gene studied [ID]^LN', f'{hgnc}^{gene}^HGNC'),
            ('CWE', '51958-7^Transcript reference sequence [ID]^LN', f'{transcript}^{transcript}^RefSeq-T'),
            ('CWE', '48004-6^DNA change (c.HGVS)^LN', f'{c}^{c}^HGVS.c'),
            ('CWE', '48005-3^Amino acid change (pHGVS)^LN', f'{p}^{p}^HGVS.p'),
            ('CWE', '48019-4^DNA change type^LN', dtype),
            ('CWE', '53034-5^Allelic state^LN', state)]
    if sig:
        rows.append(('CWE', '53037-8^Genetic variation clinical significance [Imp]^LN', sig))
    rows += list(extra_obx)
    return [obx(start + k, r[0], r[1], r[2], r[3] if len(r) > 3 else '', sub=sub, t=t, status=status)
            for k, r in enumerate(rows)]


PATHOGENIC = 'LA6668-3^Pathogenic^LN'
VUS = 'LA26333-7^Uncertain significance^LN'
LIKELY_BENIGN = 'LA26334-5^Likely benign^LN'
HET = 'LA6706-1^Heterozygous^LN'
DEL = 'LA6692-3^Deletion^LN'
SUBST = 'LA6690-7^Substitution^LN'

M = {}
# 01 A04 Zofia registered at the Cancer Genetics Clinic
M['01-adt-a04-zofia'] = adt('A04', '20320405085812-0500', 'EPA51001', ZOFIA, ZO_PV1(), '20320405085800')
# 02 OML^O21 germline hereditary cancer panel with indication, family history and consent
M['02-oml-o21-germline-order'] = [
    msh('EPICLAB', 'BSUH', '20320405101533-0500', 'EPL51002', 'OML^O21^OML_O21'),
    seg('PID', ZOFIA), ZO_PV1(),
    seg('ORC', {1: 'NW', 2: 'E51-30011^EPC', 5: 'SC', 9: '20320405101500', 12: GEN, 29: 'O^Outpatient^HL70482'}),
    seg('TQ1', {1: '1', 9: 'R^Routine^HL70078'}),
    seg('OBR', {1: '1', 2: 'E51-30011^EPC', 4: HCP, 7: '20320405100500', 16: GEN,
                13: 'Personal history of breast cancer dx age 41; maternal family history'}),
    obx(1, 'ST', '51967-8^Genetic disease assessed [Identifier]^LN', 'Hereditary breast and ovarian cancer syndrome'),
    obx(2, 'CWE', '11450-4^Problem list - Reported^LN', 'Z85.3^Personal history of malignant neoplasm of breast^I10'),
    obx(3, 'CWE', '54134-2^Race^LN', '2106-3^White^CDCREC~2186-5^Not Hispanic or Latino^CDCREC'),
    obx(4, 'CWE', '54138-3^History of diseases family member^LN', '254837009^Malignant neoplasm of breast^SCT', sub='1',
        extra={17: ''}),
    obx(5, 'CWE', '54136-7^Relationship to patient family member^LN', 'MTH^mother^v3-RoleCode', sub='1'),
    obx(6, 'NM', '54115-1^Age range at onset of disease family member^LN', '44', 'a^year^UCUM', sub='1'),
    obx(7, 'CWE', '54138-3^History of diseases family member^LN', '363443007^Malignant tumor of ovary^SCT', sub='2'),
    obx(8, 'CWE', '54136-7^Relationship to patient family member^LN', 'MAUNT^maternal aunt^v3-RoleCode', sub='2'),
    obx(9, 'NM', '54115-1^Age range at onset of disease family member^LN', '58', 'a^year^UCUM', sub='2'),
    obx(10, 'CWE', 'CONSENT^Consent for genetic testing signed^L', 'Y^Yes^HL70136'),
    obx(11, 'CWE', 'RESEARCHCONS^Consent to use residual sample for research^L', 'N^No^HL70136'),
    seg('DG1', {1: '1', 3: 'Z85.3^Personal history of malignant neoplasm of breast^I10', 6: 'W'}),
    seg('DG1', {1: '2', 3: 'Z80.3^Family history of malignant neoplasm of breast^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: 'B32-0405117^EPC', 4: '119297000^Blood specimen^SCT', 6: 'ETH^EDTA^HL70371',
                17: '20320405100500', 27: 'PPL^Lavender top tube^HL70370'})]
# 03 ORL^O22 the lab accepts the germline order and assigns its accession
M['03-orl-o22-germline-ack'] = [
    msh('BSMGL', 'BSMGL', '20320405131204-0500', 'MGL51003', 'ORL^O22^ORL_O22'),
    seg('MSA', {1: 'AA', 2: 'EPL51002'}), seg('PID', ZOFIA),
    seg('ORC', {1: 'OK', 2: 'E51-30011^EPC', 3: 'MG32-000871^BSMGL', 5: 'IP', 9: '20320405131100'}),
    seg('OBR', {1: '1', 2: 'E51-30011^EPC', 3: 'MG32-000871^BSMGL', 4: HCP}),
    seg('SPM', {1: '1', 2: 'B32-0405117^EPC', 4: '119297000^Blood specimen^SCT', 17: '20320405100500',
                18: '20320405125000'})]
# 04 A04 Oluwatobi registered at the colorectal surgery clinic (F)
M['04-adt-a04-oluwatobi'] = adt('A04', '20320406080312-0500', 'EPA51004', TOBI_F, TO_PV1(), '20320406080300')
# 05 OML^O21 surgical pathology requisition with two parts
M['05-oml-o21-surgpath-order'] = [
    msh('EPICLAB', 'BSUH', '20320406124410-0500', 'EPL51005', 'OML^O21^OML_O21'),
    seg('PID', TOBI_F), TO_PV1(),
    seg('ORC', {1: 'NW', 2: 'E51-30025^EPC', 5: 'SC', 9: '20320406124200', 12: SURG}),
    seg('OBR', {1: '1', 2: 'E51-30025^EPC', 4: SP, 7: '20320406114000', 16: SURG,
                13: 'Right colon mass at hepatic flexure on colonoscopy; CEA 8.1'}),
    obx(1, 'TX', '22636-5^Pathology report relevant history Narrative^LN',
        'Biopsy-proven adenocarcinoma right colon (outside). Laparoscopic right hemicolectomy.'),
    seg('DG1', {1: '1', 3: 'C18.2^Malignant neoplasm of ascending colon^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: 'S32-04417-A^EPC', 4: '119376003^Tissue specimen^SCT',
                8: '51440002^Right colon structure^SCT', 14: 'A: Right colon and terminal ileum, hemicolectomy',
                17: '20320406114000', 27: 'FORMALIN^Formalin container^L'}),
    seg('SPM', {1: '2', 2: 'S32-04417-B^EPC', 4: '119376003^Tissue specimen^SCT',
                8: '59441001^Lymph node structure^SCT', 14: 'B: Additional ileocolic lymph node',
                17: '20320406115200', 27: 'FORMALIN^Formalin container^L'})]
# 06 ORL^O22 AP accepts the requisition, case S32-04417
M['06-orl-o22-surgpath-ack'] = [
    msh('BSAP', 'BSAP', '20320406135022-0500', 'BAP51006', 'ORL^O22^ORL_O22'),
    seg('MSA', {1: 'AA', 2: 'EPL51005'}), seg('PID', TOBI_F),
    seg('ORC', {1: 'OK', 2: 'E51-30025^EPC', 3: 'S32-04417^BSAP', 5: 'IP', 9: '20320406135000'}),
    seg('OBR', {1: '1', 2: 'E51-30025^EPC', 3: 'S32-04417^BSAP', 4: SP}),
    seg('SPM', {1: '1', 2: 'S32-04417-A^EPC', 4: '119376003^Tissue specimen^SCT', 18: '20320406133000'}),
    seg('SPM', {1: '2', 2: 'S32-04417-B^EPC', 4: '119376003^Tissue specimen^SCT', 18: '20320406133000'})]
# 07 A08: the patient's legal name and administrative sex updated (TOBENNA, M; old name kept as maiden/previous)
M['07-adt-a08-name-sex-change'] = adt('A08', '20320407091544-0500', 'EPA51007', TOBI_M, TO_PV1(), '20320407091500')
# 08 A04 Dagny registered at thoracic oncology
M['08-adt-a04-dagny'] = adt('A04', '20320407130502-0500', 'EPA51008', DAGNY, DA_PV1(), '20320407130500')
# 09 OML^O21 solid tumour NGS panel on an FFPE block from an earlier case (block A3 of part A)
M['09-oml-o21-tumor-panel-order'] = [
    msh('EPICLAB', 'BSUH', '20320407141207-0500', 'EPL51009', 'OML^O21^OML_O21'),
    seg('PID', DAGNY), DA_PV1(),
    seg('ORC', {1: 'NW', 2: 'E51-30039^EPC', 5: 'SC', 9: '20320407141000', 12: ONC}),
    seg('OBR', {1: '1', 2: 'E51-30039^EPC', 4: STP, 16: ONC,
                13: 'Stage IVA lung adenocarcinoma, never smoker; treatment selection'}),
    obx(1, 'ST', '51967-8^Genetic disease assessed [Identifier]^LN', 'Non-small cell lung carcinoma, adenocarcinoma'),
    obx(2, 'CWE', 'TUMPCT^Estimated tumor cellularity of block^L', '40^40 percent^L'),
    seg('DG1', {1: '1', 3: 'C34.11^Malignant neoplasm of upper lobe, right bronchus or lung^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: 'S32-03985-A3^BSAP', 3: 'S32-03985-A^BSAP', 4: '119376003^Tissue specimen^SCT',
                6: 'FFPE^Formalin fixed paraffin embedded^L', 8: '45653009^Upper lobe of lung structure^SCT',
                14: 'Block A3, right upper lobe wedge resection', 17: '20320329103000'})]
# 10 ORU^R01 surgical pathology final (sent under the new name), synoptic + narrative, parts with blocks
SP_OBR = lambda status, issued, extra=None: seg('OBR', {  # noqa: E731
    1: '1', 2: 'E51-30025^EPC', 3: 'S32-04417^BSAP', 4: SP, 7: '20320406114000', 14: '20320406133000', 16: SURG,
    22: issued, 24: 'SP', 25: status, 32: PATH, **(extra or {})})
SP_SPM = [seg('SPM', {1: '1', 2: 'S32-04417-A^BSAP', 4: '119376003^Tissue specimen^SCT',
                      8: '51440002^Right colon structure^SCT',
                      14: 'A: Right colon and terminal ileum; blocks A1-A14', 17: '20320406114000',
                      18: '20320406133000'}),
          seg('SPM', {1: '2', 2: 'S32-04417-B^BSAP', 4: '119376003^Tissue specimen^SCT',
                      8: '59441001^Lymph node structure^SCT', 14: 'B: Ileocolic lymph node; block B1',
                      17: '20320406115200', 18: '20320406133000'})]


def sp_obx(diag, diag_status='F', pt='pT3', pt_status='F'):
    t = '20320406114000'
    return [
        obx(1, 'FT', '22634-0^Pathology report gross observation Narrative^LN',
            'A. Received in formalin labeled with the patient\'s name, "right colon", a 24.5 cm segment of colon with '
            '6.0 cm terminal ileum.\\.br\\B. Received in formalin, a 1.2 cm lymph node.', t=t),
        obx(2, 'FT', '22637-3^Pathology report final diagnosis Narrative^LN', diag, status=diag_status, t=t),
        obx(3, 'CWE', '31205-8^Histology type in Cancer specimen^LN', '8140/3^Adenocarcinoma, NOS^ICDO3', sub='1', t=t),
        obx(4, 'CWE', '33732-9^Histology grade [Identifier] in Cancer specimen^LN', 'G2^Moderately differentiated^L',
            sub='1', t=t),
        obx(5, 'NM', '33728-7^Size.maximum dimension in Tumor^LN', '4.6', 'cm^centimeter^UCUM', sub='1', t=t),
        obx(6, 'CWE', '21899-0^Primary tumor.pathology Cancer^LN', f'{pt}^{pt}^AJCC8', sub='1', status=pt_status, t=t),
        obx(7, 'CWE', '21900-6^Regional lymph nodes.pathology [Class] Cancer^LN', 'pN1a^pN1a^AJCC8', sub='1', t=t),
        obx(8, 'NM', '21893-3^Regional lymph nodes positive [#] Specimen^LN', '1', sub='1', t=t),
        obx(9, 'NM', '21894-1^Regional lymph nodes examined [#] Specimen^LN', '23', sub='1', t=t),
        obx(10, 'CWE', '44667-4^Site of distant metastasis^LN', 'pM not applicable^pM cannot be determined^L',
            sub='1', t=t),
        obx(11, 'CWE', '33747-0^Margin status^LN', '263874003^Free of tumor^SCT', sub='1', t=t)]


DIAG1 = ('A. Right colon and terminal ileum, right hemicolectomy:\\.br\\- Invasive adenocarcinoma, moderately '
         'differentiated, 4.6 cm, invading through the muscularis propria into pericolorectal tissue (pT3).\\.br\\'
         '- Margins negative.\\.br\\- One of twenty-two lymph nodes positive (1/22).\\.br\\B. Lymph node, '
         'ileocolic, excision:\\.br\\- One lymph node, negative for carcinoma (0/1).')
DIAG2 = ('A. Right colon and terminal ileum, right hemicolectomy:\\.br\\- Invasive adenocarcinoma, moderately '
         'differentiated, 4.6 cm, invading through the visceral peritoneum (pT4a).\\.br\\- Margins negative.\\.br\\'
         '- One of twenty-two lymph nodes positive (1/22).\\.br\\B. Lymph node, ileocolic, excision:\\.br\\- One '
         'lymph node, negative for carcinoma (0/1).\\.br\\AMENDED 04/14/2032: pT category revised from pT3 to pT4a '
         'after review of levels on block A7 (tumor at the serosal surface).')
M['10-oru-r01-surgpath-final'] = [
    msh('BSAP', 'BSAP', '20320409162031-0500', 'BAP51010', 'ORU^R01^ORU_R01'),
    seg('PID', TOBI_M), TO_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30025^EPC', 3: 'S32-04417^BSAP', 5: 'CM', 12: SURG}),
    SP_OBR('F', '20320409161800'), *sp_obx(DIAG1), *SP_SPM]
# 11 ORU^R01 germline panel report, two variants (OBX-4 1 and 2)
GL_T = '20320405100500'
GL_OBR = lambda status, issued: seg('OBR', {  # noqa: E731
    1: '1', 2: 'E51-30011^EPC', 3: 'MG32-000871^BSMGL', 4: HCP, 7: GL_T, 14: '20320405125000', 16: GEN,
    22: issued, 24: 'GE', 25: status, 32: MOLPATH})
GL_SPM = seg('SPM', {1: '1', 2: 'B32-0405117^EPC~MG32-000871-D1^BSMGL', 4: '119297000^Blood specimen^SCT',
                     17: GL_T, 18: '20320405125000'})


def germline_obx(sig2, st2='F'):
    rows = [obx(1, 'CWE', '51968-6^Genetic disease analysis overall interpretation^LN', 'LA6576-8^Positive^LN', t=GL_T),
            obx(2, 'ST', '51967-8^Genetic disease assessed [Identifier]^LN',
                'Hereditary breast and ovarian cancer syndrome', t=GL_T),
            obx(3, 'CWE', '48018-6^Gene studied [ID]^LN', 'HGNC:1100^BRCA1^HGNC~HGNC:1101^BRCA2^HGNC~HGNC:795^ATM^HGNC'
                '~HGNC:26144^PALB2^HGNC~HGNC:11998^TP53^HGNC', t=GL_T)]
    rows += variant(4, '1', 'HGNC:1101', 'BRCA2', 'NM_000059.4', 'c.5946del', 'p.Ser1982ArgfsTer22', DEL, HET,
                    PATHOGENIC, GL_T)
    v2 = variant(12, '2', 'HGNC:795', 'ATM', 'NM_000051.4', 'c.4388T>G', 'p.Phe1463Cys', SUBST, HET, sig2, GL_T)
    v2[-1] = obx(19, 'CWE', '53037-8^Genetic variation clinical significance [Imp]^LN', sig2, sub='2', t=GL_T, status=st2)
    rows += v2
    rows.append(obx(20, 'FT', '51969-4^Genetic analysis summary report^LN',
                    'A pathogenic variant was identified in BRCA2 (c.5946del, p.Ser1982ArgfsTer22). A variant of '
                    'uncertain significance was identified in ATM.\\.br\\Recommendations: genetic counseling; '
                    'cascade testing of at-risk relatives.', t=GL_T))
    return rows


M['18-oru-r01-germline-final'] = [
    msh('BSMGL', 'BSMGL', '20320419154210-0500', 'MGL51011', 'ORU^R01^ORU_R01'),
    seg('PID', ZOFIA), ZO_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30011^EPC', 3: 'MG32-000871^BSMGL', 5: 'CM', 12: GEN}),
    GL_OBR('F', '20320419154000'), *germline_obx(VUS), GL_SPM]
# 12 A04 Yesenia registered at the endocrine clinic
M['12-adt-a04-yesenia'] = adt('A04', '20320412142804-0500', 'EPA51012', YESENIA, YE_PV1(), '20320412142800')
# 13 ORU^R01 thyroid FNA cytology, final
M['13-oru-r01-cytology'] = [
    msh('BSAP', 'BSAP', '20320413111547-0500', 'BAP51013', 'ORU^R01^ORU_R01'),
    seg('PID', YESENIA), YE_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30058^EPC', 3: 'C32-01206^BSAP', 5: 'CM', 12: ENDO}),
    seg('OBR', {1: '1', 2: 'E51-30058^EPC', 3: 'C32-01206^BSAP', 4: CYT, 7: '20320412151000',
                14: '20320412160500', 16: ENDO, 22: '20320413111200', 24: 'CP', 25: 'F', 32: CYTO}),
    obx(1, 'TX', '22636-5^Pathology report relevant history Narrative^LN', '2.1 cm left thyroid nodule, TI-RADS 4',
        t='20320412151000'),
    obx(2, 'CWE', '33717-0^Cytology report adequacy^LN', 'SAT^Satisfactory for evaluation^L', t='20320412151000'),
    obx(3, 'CWE', 'BETHESDA^Bethesda System for Reporting Thyroid Cytopathology^L', 'II^Benign^L',
        t='20320412151000'),
    obx(4, 'TX', '22637-3^Pathology report final diagnosis Narrative^LN',
        'Thyroid, left lobe, ultrasound-guided FNA: Benign follicular nodule (Bethesda category II).',
        t='20320412151000'),
    seg('SPM', {1: '1', 2: 'C32-01206-1^BSAP~C32-01206-2^BSAP', 4: '119324007^Fine needle aspirate specimen^SCT',
                8: '33615000^Left lobe of thyroid^SCT', 12: '4^slides&slides', 17: '20320412151000',
                18: '20320412160500'})]
# 14 ORU^R01 tumour panel PRELIMINARY: EGFR only, full panel pending
TP_T = '20320329103000'
TP_OBR = lambda status, issued: seg('OBR', {  # noqa: E731
    1: '1', 2: 'E51-30039^EPC', 3: 'MG32-000902^BSMGL', 4: STP, 7: TP_T, 14: '20320408091500', 16: ONC,
    22: issued, 24: 'GE', 25: status, 32: MOLPATH})
TP_SPM = seg('SPM', {1: '1', 2: 'S32-03985-A3^BSAP~MG32-000902-T1^BSMGL', 3: 'S32-03985-A^BSAP',
                     4: '119376003^Tissue specimen^SCT', 6: 'FFPE^Formalin fixed paraffin embedded^L',
                     8: '45653009^Upper lobe of lung structure^SCT', 17: TP_T, 18: '20320408091500'})
VAF = '81258-6^Sample variant allelic frequency [NFr]^LN'
EGFR = lambda st: variant(2, '1', 'HGNC:3236', 'EGFR', 'NM_005228.5', 'c.2573T>G', 'p.Leu858Arg', SUBST,  # noqa: E731
                          'LA6706-1^Heterozygous^LN', '', TP_T, [('NM', VAF, '0.38', '%^percent^UCUM')], st)
M['14-oru-r01-tumor-prelim'] = [
    msh('BSMGL', 'BSMGL', '20320413170455-0500', 'MGL51014', 'ORU^R01^ORU_R01'),
    seg('PID', DAGNY), DA_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30039^EPC', 3: 'MG32-000902^BSMGL', 5: 'A', 12: ONC}),
    TP_OBR('P', '20320413170000'),
    obx(1, 'TX', '51969-4^Genetic analysis summary report^LN',
        'PRELIMINARY: EGFR L858R detected by rapid PCR. Full NGS panel in progress; final report to follow.',
        status='P', t=TP_T),
    *EGFR('P'), TP_SPM]
# 15 MDM^T02 genetic counselling note (Zofia)
M['20-mdm-t02-counselling-note'] = [
    msh('EPICNOTE', 'BSUH', '20320420111932-0500', 'EPN51015', 'MDM^T02^MDM_T02'),
    seg('EVN', {1: 'T02', 2: '20320420111900'}), seg('PID', ZOFIA), ZO_PV1(),
    seg('TXA', {1: '1', 2: 'GCNOTE^Genetic Counseling Note^L', 3: 'TX', 4: '20320420103000', 5: GC,
                6: '20320420104500', 9: GC, 12: 'NOTE5108841-0420^EPICNOTE', 17: 'AU', 19: 'AV', 22: GC}),
    obx(1, 'TX', '51969-4^Genetic analysis summary report^LN', 'Post-test genetic counseling session, 45 minutes.'),
    obx(2, 'TX', '51969-4^Genetic analysis summary report^LN',
        'Result: BRCA2 c.5946del (p.Ser1982ArgfsTer22), pathogenic, heterozygous. ATM c.4388T>G VUS.'),
    obx(3, 'TX', '51969-4^Genetic analysis summary report^LN',
        'Discussed NCCN management; cascade testing offered to brother Bartosz, who was seen today.')]
# 16 ORU^R01 surgical pathology ADDENDUM: MMR immunohistochemistry on block A5, report resent final
M['11-oru-r01-surgpath-addendum'] = [
    msh('BSAP', 'BSAP', '20320412100822-0500', 'BAP51016', 'ORU^R01^ORU_R01'),
    seg('PID', TOBI_M), TO_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30025^EPC', 3: 'S32-04417^BSAP', 5: 'CM', 12: SURG}),
    SP_OBR('F', '20320412100500'), *sp_obx(DIAG1),
    obx(12, 'FT', '35265-1^Pathology report addendum Narrative^LN',
        'ADDENDUM 04/12/2032: Mismatch repair immunohistochemistry (block A5): MLH1, PMS2, MSH2 and MSH6 nuclear '
        'expression retained. No evidence of MMR deficiency.', t='20320406114000'),
    *SP_SPM]
# 17 ORU^R01 tumour panel FINAL: EGFR + TP53, TMB; the preliminary comment not resent
TP53 = variant(10, '2', 'HGNC:11998', 'TP53', 'NM_000546.6', 'c.818G>A', 'p.Arg273His', SUBST,
               'LA6706-1^Heterozygous^LN', '', TP_T, [('NM', VAF, '0.22', '%^percent^UCUM')])
M['16-oru-r01-tumor-final'] = [
    msh('BSMGL', 'BSMGL', '20320416151802-0500', 'MGL51017', 'ORU^R01^ORU_R01'),
    seg('PID', DAGNY), DA_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30039^EPC', 3: 'MG32-000902^BSMGL', 5: 'CM', 12: ONC}),
    TP_OBR('F', '20320416151500'),
    obx(1, 'FT', '51969-4^Genetic analysis summary report^LN',
        'EGFR p.Leu858Arg (exon 21), VAF 38%: sensitizing; eligible for EGFR TKI (osimertinib).\\.br\\TP53 '
        'p.Arg273His, VAF 22%.\\.br\\No ALK, ROS1, RET or NTRK fusions detected.', t=TP_T),
    *EGFR('F'), *TP53,
    obx(18, 'NM', '94076-7^Mutations/Megabase [# Ratio] in Tumor^LN', '4', '{mutations}/1000000{bases}', t=TP_T),
    TP_SPM]
# 18 A08 Dagny's address and phone updated
M['17-adt-a08-dagny-address'] = adt('A08', '20320417084109-0500', 'EPA51018', DAGNY_NEW, DA_PV1(), '20320417084100')
# 19 ORU^R01 surgical pathology AMENDED diagnosis (OBR-25 C): pT3 -> pT4a, the changed OBX C
M['15-oru-r01-surgpath-amended'] = [
    msh('BSAP', 'BSAP', '20320414153307-0500', 'BAP51019', 'ORU^R01^ORU_R01'),
    seg('PID', TOBI_M), TO_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30025^EPC', 3: 'S32-04417^BSAP', 5: 'CM', 12: SURG}),
    SP_OBR('C', '20320414153000'), *sp_obx(DIAG2, 'C', 'pT4a', 'C'),
    obx(12, 'FT', '35265-1^Pathology report addendum Narrative^LN',
        'ADDENDUM 04/12/2032: Mismatch repair immunohistochemistry (block A5): MLH1, PMS2, MSH2 and MSH6 nuclear '
        'expression retained. No evidence of MMR deficiency.', t='20320406114000'),
    *SP_SPM]
# 20 A04 Bartosz (Zofia's brother) registered for cascade testing
M['19-adt-a04-bartosz'] = adt('A04', '20320420095511-0500', 'EPA51020', BARTOSZ, BA_PV1(), '20320420095500')
# 21 OML^O21 single-site familial variant test, family history naming the proband's variant, consent
M['21-oml-o21-familial-order'] = [
    msh('EPICLAB', 'BSUH', '20320420112604-0500', 'EPL51021', 'OML^O21^OML_O21'),
    seg('PID', BARTOSZ), BA_PV1(),
    seg('ORC', {1: 'NW', 2: 'E51-30067^EPC', 5: 'SC', 9: '20320420112500', 12: GEN}),
    seg('OBR', {1: '1', 2: 'E51-30067^EPC', 4: SSV, 7: '20320420110500', 16: GEN,
                13: 'Sister carries BRCA2 c.5946del (MG32-000871)'}),
    obx(1, 'CWE', '54136-7^Relationship to patient family member^LN', 'SIS^sister^v3-RoleCode', sub='1'),
    obx(2, 'CWE', '48004-6^DNA change (c.HGVS)^LN', 'c.5946del^NM_000059.4:c.5946del^HGVS.c', sub='1'),
    obx(3, 'CWE', 'CONSENT^Consent for genetic testing signed^L', 'Y^Yes^HL70136'),
    seg('DG1', {1: '1', 3: 'Z80.3^Family history of malignant neoplasm of breast^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: 'B32-0420088^EPC', 4: '119297000^Blood specimen^SCT', 6: 'ETH^EDTA^HL70371',
                17: '20320420110500'})]
# 22 ORL^O22 the lab accepts the familial test
M['22-orl-o22-familial-ack'] = [
    msh('BSMGL', 'BSMGL', '20320420140311-0500', 'MGL51022', 'ORL^O22^ORL_O22'),
    seg('MSA', {1: 'AA', 2: 'EPL51021'}), seg('PID', BARTOSZ),
    seg('ORC', {1: 'OK', 2: 'E51-30067^EPC', 3: 'MG32-000955^BSMGL', 5: 'IP', 9: '20320420140000'}),
    seg('OBR', {1: '1', 2: 'E51-30067^EPC', 3: 'MG32-000955^BSMGL', 4: SSV})]
# 23 ORU^R01 familial variant NOT detected in Bartosz
M['23-oru-r01-familial-negative'] = [
    msh('BSMGL', 'BSMGL', '20320428103015-0500', 'MGL51023', 'ORU^R01^ORU_R01'),
    seg('PID', BARTOSZ), BA_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30067^EPC', 3: 'MG32-000955^BSMGL', 5: 'CM', 12: GEN}),
    seg('OBR', {1: '1', 2: 'E51-30067^EPC', 3: 'MG32-000955^BSMGL', 4: SSV, 7: '20320420110500',
                14: '20320420135000', 16: GEN, 22: '20320428102800', 24: 'GE', 25: 'F', 32: MOLPATH}),
    obx(1, 'CWE', '51968-6^Genetic disease analysis overall interpretation^LN', 'LA6577-6^Negative^LN',
        t='20320420110500'),
    obx(2, 'CWE', '69548-6^Genetic variant assessment^LN', 'LA9634-2^Absent^LN', sub='1', t='20320420110500'),
    obx(3, 'CWE', '48018-6^Gene studied [ID]^LN', 'HGNC:1101^BRCA2^HGNC', sub='1', t='20320420110500'),
    obx(4, 'CWE', '48004-6^DNA change (c.HGVS)^LN', 'c.5946del^c.5946del^HGVS.c', sub='1', t='20320420110500'),
    seg('SPM', {1: '1', 2: 'B32-0420088^EPC', 4: '119297000^Blood specimen^SCT', 17: '20320420110500',
                18: '20320420135000'})]
# 24 ORU^R01 germline report CORRECTED: the ATM VUS reclassified likely benign (OBR-25 C, OBX-11 C on it only)
M['24-oru-r01-germline-corrected'] = [
    msh('BSMGL', 'BSMGL', '20320430093140-0500', 'MGL51024', 'ORU^R01^ORU_R01'),
    seg('PID', ZOFIA), ZO_PV1(),
    seg('ORC', {1: 'RE', 2: 'E51-30011^EPC', 3: 'MG32-000871^BSMGL', 5: 'CM', 12: GEN}),
    GL_OBR('C', '20320430093000'), *germline_obx(LIKELY_BENIGN, 'C'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Corrected report: ATM c.4388T>G reclassified from uncertain significance to likely '
                                   'benign (ClinGen VCEP criteria, 04/2032).'}),
    GL_SPM]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
