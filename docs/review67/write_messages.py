#!/usr/bin/env python3
r"""Review 67's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Canadian provincial health region's systems (Alberta) on ONE America/Edmonton channel, across the start of
Mountain Daylight Time on Sunday 13 March 2033 (the second Sunday of March, checked with Python's zoneinfo: 02:00 MST
becomes 03:00 MDT, 02:00-02:59 does not exist).
The invented Tamarack Prairie Health Region (TPHR): its enterprise master patient index, two hospitals' registration
systems and a community laboratory.
- EMPI "TPEMPI": ADT v2.5 A28 add person, A31 update person (PV1-2 N), A24 link, A37 unlink; MSH-7 with its offset.
  PID-3: the enterprise id (TPEMPI PI), the facility MRNs it knows, the Alberta PHN (authority AB, type JHN) and, for a
  First Nations person, the Indian Registry number (authority INAC, type RRI); PID-10 / PID-22 empty.
- Tamarack Prairie Regional Hospital "TPRHREG": ADT v2.5 A04, A01, A08, A03, A40, A47; MSH-7 with its offset.
  PID-3 the TPRH MRN and the PHN; PID-22 the hospital's local ethnicity table (often empty); PID-15 eng/fra/cre.
- Willowcreek Community Hospital "WCCHREG": ADT v2.5 A04, A08, A03, A34; MSH-7 WITHOUT an offset, inner times bare.
- Prairie Crocus Community Laboratories "PCCLLIS": ORU^R01 v2.5.1 chemistry, filed against the PHN alone (PID-3), the
  lab's accession as filler number, the ordering physician by CPSA number; MSH-7 with its offset.
Identity events: A28/A31 (EMPI), A24 link of one person's two facility records, A40 merge of an ED duplicate MRN
(registered in the night of the clock change), A34 merge of a trauma alias, A47 correction of a mistyped PHN (the typo
is another real person's PHN, whose community-lab results the server holds), A24 + A37 of a false EMPI link (father and
son). A death (PID-29 / PID-30) in the A03.
All persons, numbers (PHNs 9670100x-, MRNs TP67… / WC67…), facilities and addresses are invented; LOINC codes are the
reviewer's (not checked against the LOINC table).
Run from the worktree root (convert with --timezone America/Edmonton):
    python3 docs/review67/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review67/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, ver='2.5'):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'TPHR', 7: t, 9: typ, 10: ctl, 11: 'P', 12: ver, 15: 'AL',
                       16: 'NE', 17: 'CAN'})


def evn(code, t, who):
    return seg('EVN', {1: code, 2: t, 5: who})


EMPI_CLERK = 'DQ041^SZAFRANSKI^IRENE^^^^^^TPHR'
TPRH_CLERK = 'REG217^MACKINNON^SHEILA^^^^^^TPRH'
WCCH_CLERK = 'WREG08^PRZYBYLA^DOLORES^^^^^^WCCH'
DR_FAFARD = '014422^FAFARD^LOUISE^^^DR^^^CPSA'
DR_TVEDTEN = '021907^TVEDTEN^ARNE^^^DR^^^CPSA'
DR_BEAUCHESNE = '018356^BEAUCHESNE^MARC^^^DR^^^CPSA'

PHN_A, PHN_B, PHN_C, PHN_D, PHN_E, PHN_F, PHN_G = ('967010014', '967010022', '967010030', '967010003', '967010048',
                                                   '967010055', '967010063')
JHN = '^^^AB^JHN'

# A: CARDINAL, a First Nations woman (Cree speaker), known to the EMPI, TPRH and WCCH; band registry number
A_PERSON = {5: 'CARDINAL^JOSEPHINE^MARIE^^^^L', 7: '19610723', 8: 'F',
            11: 'Box 214^^Muskrat Creek^AB^T0H 3K0^CAN^H', 13: '^PRN^PH^^1^780^5550139', 15: 'cre^Cree^ISO639',
            16: 'W'}
A_NEW_ADDR = {11: '4417 51 Street^^Tamarack Lake^AB^T0H 3L4^CAN^H', 13: '^PRN^PH^^1^780^5550187~^PRN^CP^^1^780^5550913'}
# B: FOURNIER, francophone, registered twice (a duplicate MRN) in the night of the clock change; dies on 4 West
B_PERSON = {5: 'FOURNIER^ETIENNE^ROGER^^^^L', 7: '19480105', 8: 'M',
            11: '10 Riverbend Close^^Tamarack Lake^AB^T0H 3L4^CAN^H', 13: '^PRN^PH^^1^780^5550226', 16: 'M'}
C_PERSON = {5: 'HOVLAND^MARIT^ELISE^^^^L', 7: '19900402', 8: 'F',
            11: '22 Aspen Way^^Tamarack Lake^AB^T0H 3L6^CAN^H', 13: '^PRN^CP^^1^780^5550371', 15: 'eng^English^ISO639'}
D_PERSON = {5: 'OGUNLEYE^ADEBOLA^TITUS', 7: '19770915', 8: 'M', 11: '3 Slough Road^^Muskrat Creek^AB^T0H 3K2^CAN'}
E_PERSON = {5: 'HALVERSON^GUNNAR^OLAF^^^^L', 7: '19550506', 8: 'M',
            11: 'RR 2 Site 5 Box 11^^Willowcreek^AB^T0K 2M0^CAN^H', 13: '^PRN^PH^^1^403^5550448', 15: 'eng^English^ISO639'}
F_PERSON = {5: 'WHITECALF^DARREN^^^^^L', 7: '19580219', 8: 'M', 11: 'Box 9^^Muskrat Creek^AB^T0H 3K0^CAN^H'}


def pid(ids, person, extra=None):
    f = {1: '1', 3: ids}
    f.update(person)
    f.update(extra or {})
    return seg('PID', f)


def pv1(cls, where, visit, doc, start='', extra=None):
    f = {1: '1', 2: cls, 3: where, 7: doc, 19: visit}
    if start:
        f[44] = start
    f.update(extra or {})
    return seg('PV1', f)


def mrg(prior, name=''):
    return seg('MRG', {1: prior, 7: name} if name else {1: prior})


def lab_oru(t, ctl, phn, person, acc, tests, collected, received, reported, doc):
    """A community lab ORU^R01 v2.5.1 filed against the PHN alone; tests = [(obr code, [(vt, code, value, units, rr,
    flag)])]."""
    segs = [msh('PCCLLIS', 'PCCL', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
            pid(f'{phn}{JHN}', person), seg('PV1', {1: '1', 2: 'O'})]
    for i, (code, results) in enumerate(tests, 1):
        filler = f'{acc}-{i}^PCCL'
        segs.append(seg('ORC', {1: 'RE', 3: filler, 5: 'CM', 9: reported, 12: doc}))
        segs.append(seg('OBR', {1: str(i), 3: filler, 4: code, 7: collected, 14: received, 16: doc, 22: reported,
                                24: 'CH', 25: 'F'}))
        for j, (vt, ocode, value, units, rr, flag) in enumerate(results, 1):
            segs.append(seg('OBX', {1: str(j), 2: vt, 3: ocode, 5: value, 6: units, 7: rr, 8: flag, 11: 'F',
                                    14: collected, 19: reported,
                                    23: 'Prairie Crocus Community Laboratories^L^^^^PCCL^XX^^^PCCL01'}))
    return segs


M = {}

# ================= CARDINAL: EMPI person, TPRH clinic, lab, EMPI update, WCCH ED, EMPI link =================
# 01 ADT^A28 (EMPI): a person added from the provincial registry check: enterprise id, PHN, Indian Registry number
M['01-adt-a28-empi-cardinal-add-person'] = [
    msh('TPEMPI', 'TPHR', '20330310091512-0700', 'TPE6700001', 'ADT^A28^ADT_A05'), evn('A28', '20330310091500', EMPI_CLERK),
    pid(f'E67000101^^^TPEMPI^PI~{PHN_A}{JHN}~6731005501^^^INAC^RRI', A_PERSON),
    seg('PV1', {1: '1', 2: 'N'}),
]
# 02 ADT^A04 (TPRH): diabetes clinic visit; MRN, PHN, registry number; PID-22 the hospital's local ethnicity table
M['02-adt-a04-tprh-cardinal-diabetes-clinic'] = [
    msh('TPRHREG', 'TPRH', '20330310103344-0700', 'TPR6700002', 'ADT^A04^ADT_A01'), evn('A04', '20330310103300', TPRH_CLERK),
    pid(f'TP6700101^^^TPRH^MR~{PHN_A}{JHN}~6731005501^^^INAC^RRI', A_PERSON, {22: 'FN^First Nations^TPRHETH'}),
    pv1('O', 'DIAB^CL2^^TPRH^^^^^Diabetes Education Centre', 'TPV6700101^^^TPRH^VN', DR_FAFARD, '20330310103000',
        {10: 'END', 18: 'OP'}),
]
# 03 ORU^R01 (PCCL): OGUNLEYE's lipid panel, filed against his PHN 967010003
M['03-oru-r01-pccl-ogunleye-lipids'] = lab_oru(
    '20330310151208-0700', 'PCC6700003', PHN_D, D_PERSON, 'PC33-069981',
    [('57698-3^Lipid panel with direct LDL - Serum or Plasma^LN', [
        ('NM', '2093-3^Cholesterol [Moles/volume] in Serum or Plasma^LN', '6.1', 'mmol/L', '<5.2', 'H'),
        ('NM', '2571-8^Triglyceride [Moles/volume] in Serum or Plasma^LN', '2.4', 'mmol/L', '<1.7', 'H'),
        ('NM', '2085-9^HDL Cholesterol [Moles/volume] in Serum or Plasma^LN', '0.9', 'mmol/L', '>1.0', 'L'),
        ('NM', '18262-6^LDL Cholesterol [Moles/volume] in Serum or Plasma by Direct assay^LN', '4.1', 'mmol/L', '<3.4', 'H')])],
    '20330310081000', '20330310104500', '20330310151000', DR_TVEDTEN)
# 04 ORU^R01 (PCCL): CARDINAL's HbA1c, filed against her PHN
M['04-oru-r01-pccl-cardinal-hba1c'] = lab_oru(
    '20330311143022-0700', 'PCC6700004', PHN_A, {5: 'CARDINAL^JOSEPHINE^M', 7: '19610723', 8: 'F'}, 'PC33-070412',
    [('4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN', [
        ('NM', '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN', '8.1', '%', '4.0-6.0', 'H')])],
    '20330311081500', '20330311092000', '20330311142900', DR_FAFARD)
# 05 ADT^A31 (EMPI): update person: the EMPI now lists the TPRH MRN; she moved to Tamarack Lake, a mobile added
M['05-adt-a31-empi-cardinal-update-person'] = [
    msh('TPEMPI', 'TPHR', '20330311160207-0700', 'TPE6700005', 'ADT^A31^ADT_A05'), evn('A31', '20330311160200', EMPI_CLERK),
    pid(f'E67000101^^^TPEMPI^PI~TP6700101^^^TPRH^MR~{PHN_A}{JHN}~6731005501^^^INAC^RRI', {**A_PERSON, **A_NEW_ADDR}),
    seg('PV1', {1: '1', 2: 'N'}),
]
# 06 ADT^A04 (WCCH, bare MSH-7): ED visit at Willowcreek under the WCCH MRN + PHN (no registry number asked)
M['06-adt-a04-wcch-cardinal-ed'] = [
    msh('WCCHREG', 'WCCH', '20330312084415', 'WCC6700006', 'ADT^A04^ADT_A01'), evn('A04', '20330312084400', WCCH_CLERK),
    pid(f'WC670201^^^WCCH^MR~{PHN_A}{JHN}', {**A_PERSON, **A_NEW_ADDR}, {22: 'UNK^Unknown^WCCHETH'}),
    pv1('E', 'ED^BAY3^1^WCCH^^^^^Emergency', 'WCV6700201^^^WCCH^VN', DR_BEAUCHESNE, '20330312084000', {10: 'EMR', 18: 'ER'}),
]
# 07 ADT^A24 (EMPI): link CARDINAL's TPRH record and her WCCH record (one PID per source record, its own numbers)
M['07-adt-a24-empi-link-cardinal'] = [
    msh('TPEMPI', 'TPHR', '20330312091133-0700', 'TPE6700007', 'ADT^A24^ADT_A24'), evn('A24', '20330312091100', EMPI_CLERK),
    pid(f'TP6700101^^^TPRH^MR~{PHN_A}{JHN}', {**A_PERSON, **A_NEW_ADDR}),
    pid(f'WC670201^^^WCCH^MR~{PHN_A}{JHN}', {**A_PERSON, **A_NEW_ADDR}, {1: '2'}),
]
# 08 ADT^A03 (WCCH): ED visit ended 12:10
M['08-adt-a03-wcch-cardinal-ed-discharge'] = [
    msh('WCCHREG', 'WCCH', '20330312121244', 'WCC6700008', 'ADT^A03^ADT_A03'), evn('A03', '20330312121000', WCCH_CLERK),
    pid(f'WC670201^^^WCCH^MR~{PHN_A}{JHN}', {**A_PERSON, **A_NEW_ADDR}, {22: 'UNK^Unknown^WCCHETH'}),
    pv1('E', 'ED^BAY3^1^WCCH^^^^^Emergency', 'WCV6700201^^^WCCH^VN', DR_BEAUCHESNE, '20330312084000',
        {10: 'EMR', 18: 'ER', 36: '01^Discharged to home^HL70112', 45: '20330312121000'}),
]
# ================= HOVLAND: registered with a mistyped PHN (967010003, OGUNLEYE's) =================
# 09 ADT^A04 (TPRH): prenatal clinic; the clerk keyed 967010003 for 967010030
M['09-adt-a04-tprh-hovland-prenatal-typo-phn'] = [
    msh('TPRHREG', 'TPRH', '20330312133019-0700', 'TPR6700009', 'ADT^A04^ADT_A01'), evn('A04', '20330312133000', TPRH_CLERK),
    pid(f'TP6700135^^^TPRH^MR~{PHN_D}{JHN}', C_PERSON),
    pv1('O', 'OBCL^CL1^^TPRH^^^^^Prenatal Clinic', 'TPV6700135^^^TPRH^VN', DR_FAFARD, '20330312132500', {10: 'OBS', 18: 'OP'}),
]
# ================= the night of the clock change (Sunday 13 March 2033) =================
# 10 ADT^A04 (TPRH): FOURNIER brought in confused at 01:50 MST, no health card: registered under a NEW MRN (duplicate)
M['10-adt-a04-tprh-fournier-ed-duplicate-mrn'] = [
    msh('TPRHREG', 'TPRH', '20330313015212-0700', 'TPR6700010', 'ADT^A04^ADT_A01'), evn('A04', '20330313015000', TPRH_CLERK),
    pid('TP6700127^^^TPRH^MR', {5: 'FOURNIER^ETIENNE^^^^^L', 7: '19480105', 8: 'M'}),
    pv1('E', 'ED^MAJ4^1^TPRH^^^^^Emergency', 'TPV6700210^^^TPRH^VN', DR_TVEDTEN, '20330313015000', {10: 'EMR', 18: 'ER'}),
]
# 11 ADT^A04 (WCCH, bare MSH-7): an unidentified trauma patient at 01:55 MST under a trauma alias and temporary MRN
M['11-adt-a04-wcch-trauma-alias'] = [
    msh('WCCHREG', 'WCCH', '20330313015812', 'WCC6700011', 'ADT^A04^ADT_A01'), evn('A04', '20330313015500', WCCH_CLERK),
    pid('WC6799001^^^WCCH^MR', {5: 'TRAUMA^ECHO^^^^^U', 7: '19600101', 8: 'M'}),
    pv1('E', 'ED^TR1^1^WCCH^^^^^Emergency', 'WCV6700311^^^WCCH^VN', DR_BEAUCHESNE, '20330313015500', {10: 'EMR', 18: 'ER'}),
]
# 12 ADT^A01 (TPRH): FOURNIER admitted 03:20 MDT (30 minutes after 01:50 MST) to 4 West, still under the duplicate MRN
M['12-adt-a01-tprh-fournier-admit-duplicate'] = [
    msh('TPRHREG', 'TPRH', '20330313032105-0600', 'TPR6700012', 'ADT^A01^ADT_A01'), evn('A01', '20330313032000', TPRH_CLERK),
    pid('TP6700127^^^TPRH^MR', {5: 'FOURNIER^ETIENNE^^^^^L', 7: '19480105', 8: 'M'}),
    pv1('I', '4W^412^B^TPRH^^^^^4 West Medicine', 'TPV6700211^^^TPRH^VN', DR_TVEDTEN, '20330313032000', {10: 'MED', 18: 'IP'}),
]
# 13 ADT^A34 (WCCH, bare): the trauma alias identified as HALVERSON (WCCH MRN WC670219 from 2019): merge, patient ID only
M['13-adt-a34-wcch-halverson-merge-alias'] = [
    msh('WCCHREG', 'WCCH', '20330313034015', 'WCC6700013', 'ADT^A34^ADT_A30'), evn('A34', '20330313034000', WCCH_CLERK),
    pid(f'WC670219^^^WCCH^MR~{PHN_E}{JHN}', E_PERSON),
    mrg('WC6799001^^^WCCH^MR', 'TRAUMA^ECHO^^^^^U'),
]
# 14 ADT^A40 (TPRH): HIM merges the duplicate TP6700127 into FOURNIER's own MRN TP6700119 (PHN now known)
M['14-adt-a40-tprh-fournier-merge-duplicate'] = [
    msh('TPRHREG', 'TPRH', '20330313091544-0600', 'TPR6700014', 'ADT^A40^ADT_A39'), evn('A40', '20330313091500', 'HIM03^LAROCQUE^NADINE^^^^^^TPRH'),
    pid(f'TP6700119^^^TPRH^MR~{PHN_B}{JHN}', B_PERSON),
    mrg('TP6700127^^^TPRH^MR', 'FOURNIER^ETIENNE^^^^^L'),
    pv1('I', '4W^412^B^TPRH^^^^^4 West Medicine', 'TPV6700211^^^TPRH^VN', DR_TVEDTEN, '20330313032000', {10: 'MED', 18: 'IP'}),
]
# 15 ADT^A08 (TPRH): FOURNIER's language (fra) and his wife as next of kin
M['15-adt-a08-tprh-fournier-update'] = [
    msh('TPRHREG', 'TPRH', '20330313100512-0600', 'TPR6700015', 'ADT^A08^ADT_A01'), evn('A08', '20330313100500', TPRH_CLERK),
    pid(f'TP6700119^^^TPRH^MR~{PHN_B}{JHN}', {**B_PERSON, 15: 'fra^French^ISO639'}),
    seg('NK1', {1: '1', 2: 'FOURNIER^GISELE^^^^^L', 3: 'SPO^Spouse^HL70063', 5: '^PRN^PH^^1^780^5550226', 7: 'N^Next-of-Kin^HL70131'}),
    pv1('I', '4W^412^B^TPRH^^^^^4 West Medicine', 'TPV6700211^^^TPRH^VN', DR_TVEDTEN, '20330313032000', {10: 'MED', 18: 'IP'}),
]
# 16 ADT^A03 (WCCH, bare): HALVERSON's ED visit (registered under the alias) ended under his own MRN
M['16-adt-a03-wcch-halverson-ed-discharge'] = [
    msh('WCCHREG', 'WCCH', '20330313112033', 'WCC6700016', 'ADT^A03^ADT_A03'), evn('A03', '20330313112000', WCCH_CLERK),
    pid(f'WC670219^^^WCCH^MR~{PHN_E}{JHN}', E_PERSON),
    pv1('E', 'ED^TR1^1^WCCH^^^^^Emergency', 'WCV6700311^^^WCCH^VN', DR_BEAUCHESNE, '20330313015500',
        {10: 'EMR', 18: 'ER', 36: '01^Discharged to home^HL70112', 45: '20330313112000'}),
]
# 17 ADT^A47 (TPRH): HOVLAND's PHN corrected: MRG-1 the incorrect identifier, PID-3 the correct list
M['17-adt-a47-tprh-hovland-phn-corrected'] = [
    msh('TPRHREG', 'TPRH', '20330313140238-0600', 'TPR6700017', 'ADT^A47^ADT_A30'), evn('A47', '20330313140200', 'HIM03^LAROCQUE^NADINE^^^^^^TPRH'),
    pid(f'TP6700135^^^TPRH^MR~{PHN_C}{JHN}', C_PERSON),
    mrg(f'{PHN_D}{JHN}'),
]
# 18 ORU^R01 (PCCL): HOVLAND's prenatal chemistry against her correct PHN (Monday, MDT)
M['18-oru-r01-pccl-hovland-ferritin-tsh'] = lab_oru(
    '20330314131544-0600', 'PCC6700018', PHN_C, {5: 'HOVLAND^MARIT^E', 7: '19900402', 8: 'F'}, 'PC33-071755',
    [('2276-4^Ferritin [Mass/volume] in Serum or Plasma^LN', [
        ('NM', '2276-4^Ferritin [Mass/volume] in Serum or Plasma^LN', '9', 'ug/L', '15-150', 'L')]),
     ('3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN', [
         ('NM', '3016-3^Thyrotropin [Units/volume] in Serum or Plasma^LN', '2.1', 'mU/L', '0.32-4.00', 'N')])],
    '20330314080500', '20330314094000', '20330314131200', DR_FAFARD)
# 19 ORU^R01 (PCCL): OGUNLEYE's creatinine / eGFR against his PHN 967010003 (the number HOVLAND was mis-keyed with)
M['19-oru-r01-pccl-ogunleye-creatinine'] = lab_oru(
    '20330314150930-0600', 'PCC6700019', PHN_D, D_PERSON, 'PC33-071902',
    [('24320-4^Creatinine and eGFR panel^LN', [
        ('NM', '14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN', '98', 'umol/L', '60-115', 'N'),
        ('NM', '62238-1^Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)^LN',
         '84', 'mL/min/1.73m2', '>60', 'N')])],
    '20330314083000', '20330314101500', '20330314150700', DR_TVEDTEN)
# ================= WHITECALF: a false EMPI link (father and son), unlinked =================
# 20 ADT^A24 (EMPI): auto-link on name + birth date: Darren (TPRH, PHN) and a WCCH record registered with no PHN and
# the father's birth date (it is the son's)
M['20-adt-a24-empi-link-whitecalf'] = [
    msh('TPEMPI', 'TPHR', '20330314090148-0600', 'TPE6700020', 'ADT^A24^ADT_A24'), evn('A24', '20330314090100', EMPI_CLERK),
    pid(f'TP6700143^^^TPRH^MR~{PHN_F}{JHN}', F_PERSON),
    pid('WC670227^^^WCCH^MR', {5: 'WHITECALF^DARREN^^^^^L', 7: '19580219', 8: 'M'}, {1: '2'}),
]
# 21 ADT^A08 (WCCH, bare): the son's record corrected: suffix JR, his own birth date and PHN
M['21-adt-a08-wcch-whitecalf-jr-corrected'] = [
    msh('WCCHREG', 'WCCH', '20330314103322', 'WCC6700021', 'ADT^A08^ADT_A01'), evn('A08', '20330314103300', WCCH_CLERK),
    pid(f'WC670227^^^WCCH^MR~{PHN_G}{JHN}', {5: 'WHITECALF^DARREN^^JR^^^L', 7: '19840611', 8: 'M',
                                              11: '12 Coulee Drive^^Willowcreek^AB^T0K 2M0^CAN^H'}),
    pv1('O', 'LAB^^^WCCH^^^^^Outpatient Laboratory', 'WCV6700422^^^WCCH^VN', DR_BEAUCHESNE, '20330314101000', {10: 'LAB', 18: 'OP'}),
]
# 22 ADT^A37 (EMPI): the link of #20 undone after data-quality review
M['22-adt-a37-empi-unlink-whitecalf'] = [
    msh('TPEMPI', 'TPHR', '20330314113507-0600', 'TPE6700022', 'ADT^A37^ADT_A37'), evn('A37', '20330314113500', EMPI_CLERK),
    pid(f'TP6700143^^^TPRH^MR~{PHN_F}{JHN}', F_PERSON),
    pid(f'WC670227^^^WCCH^MR~{PHN_G}{JHN}', {5: 'WHITECALF^DARREN^^JR^^^L', 7: '19840611', 8: 'M'}, {1: '2'}),
]
# 23 ADT^A03 (TPRH): FOURNIER died on 4 West at 04:10 MDT Monday: PID-29 / PID-30 and PV1-36 expired in one message
M['23-adt-a03-tprh-fournier-died'] = [
    msh('TPRHREG', 'TPRH', '20330314045502-0600', 'TPR6700023', 'ADT^A03^ADT_A03'), evn('A03', '20330314045500', TPRH_CLERK),
    pid(f'TP6700119^^^TPRH^MR~{PHN_B}{JHN}', {**B_PERSON, 15: 'fra^French^ISO639'}, {29: '20330314041000', 30: 'Y'}),
    pv1('I', '4W^412^B^TPRH^^^^^4 West Medicine', 'TPV6700211^^^TPRH^VN', DR_TVEDTEN, '20330313032000',
        {10: 'MED', 18: 'IP', 36: '20^Expired^HL70112', 45: '20330314041000'}),
]
# 24 ORU^R01 (PCCL): CARDINAL's creatinine / urine albumin, against her PHN, after the EMPI's link
M['24-oru-r01-pccl-cardinal-renal'] = lab_oru(
    '20330314161118-0600', 'PCC6700024', PHN_A, {5: 'CARDINAL^JOSEPHINE^M', 7: '19610723', 8: 'F'}, 'PC33-072044',
    [('14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN', [
        ('NM', '14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN', '131', 'umol/L', '45-90', 'H')]),
     ('14959-1^Microalbumin/Creatinine [Mass Ratio] in Urine^LN', [
         ('NM', '14959-1^Microalbumin/Creatinine [Mass Ratio] in Urine^LN', '41', 'mg/g', '<30', 'H')])],
    '20330314084500', '20330314100000', '20330314160900', DR_FAFARD)

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages written to', OUT)
