#!/usr/bin/env python3
r"""Review 49's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of an Ontario (Canada) ambulatory multi-specialty clinic network and its regional hospital, all on ONE channel
whose zone is America/Toronto, across the spring-forward of Sunday 9 March 2031 (02:00 EST -> 03:00 EDT: the clock
time 02:00-02:59 does not exist that night). Severn Harbour Regional Hospital (SHRH) and Severn Harbour Specialty
Clinics (SHSC), NorthShore Community Laboratories (NSCL): all invented.
- referral management "SHREF" (REF v2.4, MSH-7 with offset, times inside bare): I12 of a family physician's
  cardiology referral (RF1 P / R / Med / WR / A, PRD RP + RT with CPSO numbers), I13 raising it to urgent, an ED
  physician's fracture-clinic referral written at 02:40 in the skipped hour, I14 cancelling it after a no-show;
- clinic scheduling "SHSCHED" (SIU v2.3.1, Epic Cadence habits: SCH-11 TQ.4/TQ.5 start/end, SCH-25 status, RGS, AIS,
  AIL, AIP): S12 booked x3, S13 rescheduled earlier (same SCH-2), S14 room changed, S15 cancelled, S26 no-show;
- hospital registration "SHRADT" (ADT v2.4, Meditech habits): A04 with the Ontario health card number in PID-3
  (CX.1 the 10-digit number, CX.2 the version code as Ontario feeds send it, CX.4 ON, CX.5 JHN) beside the MRN;
  A04 of an ED arrival at 01:40 EST on the night of the change; A08 when the patient's card is re-issued (version
  code KT -> LM, same number);
- transcription "SHTRANS" (MDM v2.3.1, TXA): T02 consult note (OBX TX lines), T08 its correction (same TXA-12), T02
  of an ED note dictated at 02:50 in the skipped hour, T10 replacing it (new TXA-12, TXA-13 the parent), T02 of a
  scanned outside colonoscopy report as an embedded PDF (OBX ED, Base64);
- billing "SHBILL" (DFT^P03 v2.4, OHIP Schedule of Benefits fee codes, CAD amounts): ED assessment with FT1-4 at 02:30
  in the skipped hour; cardiology consultation A605;
- community lab "NSCL" (ORU^R01 v2.3.1, LifeLabs-like, health card as the only PID-3 identifier): lipid + CBC with an
  HbA1c cancelled (OBX-11 X), a report whose OBR-22 02:35 (a batch job's clock) falls in the skipped hour, and the LDL
  corrected (OBR-25 C, OBX-11 C).
Patients, numbers (SHR49..., SHC49..., SC49-, RF49-, DOC49-, NSCL49-, FT49-), names none of reviews 16-48's (grepped).
Fields placed by number. All persons, numbers and codes of the network are invented (health card numbers included).
Run from the worktree root (convert with --timezone America/Toronto, the channel's zone):
    python3 docs/review49/write_messages.py
"""
import base64
from pathlib import Path

OUT = Path('docs/review49/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'SHRH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


# ---- patients (Ontario health card: 10 digits, version code in CX.2, assigning authority ON, type JHN) ----
ODETTE_HC = '5219374086^GH^^ON^JHN'
ODETTE = {1: '1', 3: f'SHC4910001^^^SHSC^MR~{ODETTE_HC}', 5: 'VANDERKOOY-BEAUDOIN^ODETTE^M^^^^L', 7: '19640719',
          8: 'F', 11: '88 Coldwater Rd W^^Orillia^ON^L3V 3M2^CAN^H', 13: '^PRN^PH^^1^705^5550143',
          15: 'eng^English^ISO639'}
THADDEUS_KT = '7405528193^KT^^ON^JHN'
THADDEUS_LM = '7405528193^LM^^ON^JHN'
THADDEUS = {1: '1', 3: f'SHR4910002^^^SHRH^MR~{THADDEUS_KT}', 5: 'KASPRZAK^THADDEUS^J^^^^L', 7: '19581102', 8: 'M',
            11: '14 Harkness Lane^^Midland^ON^L4R 2K7^CAN^H', 13: '^PRN^PH^^1^705^5550171~^PRN^CP^^1^705^5550172',
            15: 'pol^Polish^ISO639', 16: 'M^Married^HL70002', 18: 'SHRA4910002^^^SHRH^AN'}
FINNEGAN = {1: '1', 3: 'SHR4910003^^^SHRH^MR~6618042275^PW^^ON^JHN', 5: 'DESJARDINS-HUTCHEON^FINNEGAN^R^^^^L',
            7: '20040227', 8: 'M', 11: '302 Mississaga St E^Unit 4^Orillia^ON^L3V 1W2^CAN^H',
            13: '^PRN^CP^^1^705^5550188', 15: 'fre^French^ISO639', 18: 'SHRA4910003^^^SHRH^AN'}
# ---- practitioners (CPSO numbers) ----
FAMDOC = '0849121^ESKANDARI^NASRIN^^^DR^^^CPSO^L^^^LN'
CARDIO = '0851207^RAJARATNAM^SUBASHINI^^^DR^^^CPSO^L^^^LN'
GI_DOC = '0847730^MCTAVISH^EWAN^^^DR^^^CPSO^L^^^LN'
ED_DOC = '0853316^ZHOU-PELLETIER^IMOGEN^^^DR^^^CPSO^L^^^LN'
ORTHO = '0846652^KOWALCHUK^BOHDAN^^^DR^^^CPSO^L^^^LN'
TRANSCR = 'TR4907^GAUTHIER^LISETTE^^^^^^SHTRANS'
CLERK = 'SC4911^VIHAAN^PRIYA^^^^^^SHSCHED'
PATHOL = '0850419^LAVOIE^AUGUSTIN^^^DR^^^CPSO^L^^^LN'


def prd(role, xcn, addr='', extra=None):
    x = xcn.split('^')
    f = {1: role, 2: '^'.join([x[1], x[2], '', '', x[5]]), 3: addr, 7: x[0] + '^CPSO'}
    f.update(extra or {})
    return seg('PRD', f)


def pv1(cls, loc, visit, doc, start, service, fac='SHRH', extra=None):
    f = {1: '1', 2: cls, 3: loc, 7: doc, 10: service, 19: f'{visit}^^^{fac}^VN'}
    if start:
        f[44] = start
    f.update(extra or {})
    return seg('PV1', f)


M = {}


# ---- REF (SHREF v2.4) ----
def ref(event, t, ctl, rf1, prds, pid, tail):
    return [msh('SHREF', 'SHSC', t, ctl, f'REF^{event}^REF_I12', '2.4'), seg('RF1', rf1), *prds, seg('PID', pid), *tail]


CARDIO_RF1 = {1: 'P^Pending^HL70283', 2: 'R^Routine^HL70280', 3: 'Med^Medical^HL70281', 4: 'WR^Send Written Report^HL70282',
              5: 'A^Ambulatory^HL70284', 6: 'RF49-0101^SHREF', 7: '20310305140500', 8: '20310905',
              9: '20310305142000', 10: 'O^Provider Ordered^HL70336', 11: 'OCN-7730-1121^OCEAN'}
# 01 REF^I12 family physician refers Odette to cardiology (exertional chest discomfort, LDL high)
M['01-ref-i12-cardiology-referral'] = ref('I12', '20310305142212-0500', 'RF4901', CARDIO_RF1, [
    prd('RP', FAMDOC, '45 Peter St N^^Orillia^ON^L3V 4Y9^CAN^O', {5: '^WPN^PH^^1^705^5550101~^WPN^FX^^1^705^5550102'}),
    prd('RT', CARDIO, '170 Colborne St W^Suite 210^Orillia^ON^L3V 2Z3^CAN^O', {4: 'CARD^^^SHSC^^^^^Cardiology Clinic'}),
], ODETTE, [
    seg('DG1', {1: '1', 3: 'R07.4^Chest pain, unspecified^I10', 6: 'W'}),
    seg('DG1', {1: '2', 3: 'E78.0^Pure hypercholesterolaemia^I10', 6: 'F'}),
    seg('NTE', {1: '1', 3: 'Exertional chest tightness x 6 weeks, relieved by rest. Father MI at 58. Please assess ?stable angina.'}),
])

# ---- SIU (SHSCHED v2.3.1) ----
def siu(event, t, ctl, sch, pid, pv, ais, ail, aip):
    return [msh('SHSCHED', 'SHSC', t, ctl, f'SIU^{event}', '2.3.1'), seg('SCH', sch), seg('PID', pid), pv,
            seg('RGS', {1: '1', 2: 'A' if event == 'S12' else 'U'}), seg('AIS', ais), seg('AIL', ail), seg('AIP', aip)]


CARD_LOC = 'CARD^EX3^^SHSC^^^^^Cardiology Clinic'
# 02 SIU^S12 Odette's new-consult booked Tue 11 Mar 10:30 (after the change: EDT), 45 min
M['02-siu-s12-cardiology-booked'] = siu('S12', '20310306091205-0500', 'SC4902', {
    1: 'SH49-A0201^SHEMR', 2: 'SC49-77310^SHSCHED', 5: 'CARDNEW^Cardiology new consult^SHSCHED',
    6: 'NEW^New booking^HL70276', 7: 'REFCONS^Referral consultation^SHSCHED', 8: 'NEWPT^New patient^HL70277',
    9: '45', 10: 'MIN', 11: '^^M45^20310311103000^20310311111500', 16: CARDIO, 20: CLERK, 25: 'Booked',
    26: 'RF49-0101^SHREF'},
    ODETTE, pv1('O', CARD_LOC, 'SHC4920201', CARDIO, '', 'CAR', 'SHSC'),
    {1: '1', 2: 'A', 3: 'CARDNEW^Cardiology new consult^SHSCHED', 4: '20310311103000', 7: '45', 8: 'MIN', 10: 'Booked'},
    {1: '1', 2: 'A', 3: 'CARD^EX3^^SHSC', 6: '20310311103000', 9: '45', 10: 'MIN', 12: 'Booked'},
    {1: '1', 2: 'A', 3: CARDIO, 4: 'ATND^Attending^SHSCHED', 6: '20310311103000', 9: '45', 10: 'MIN', 12: 'Booked'})

# ---- ADT (SHRADT v2.4, Meditech) ----
def adt(event, t, ctl, evn_t, pid, pv, tail=(), extra_evn=None):
    e = {2: evn_t, 5: 'REG4903^OSTROWSKA^HANNA^^^^^^SHRH'}
    e.update(extra_evn or {})
    return [msh('SHRADT', 'SHRH', t, ctl, f'ADT^{event}^ADT_A01', '2.4'), seg('EVN', {1: event, **e}), seg('PID', pid),
            seg('PD1', {4: FAMDOC}), pv, *tail]


GI_LOC = 'GIEND^^^SHRH^^^^^Endoscopy Unit'
# 03 ADT^A04 Thaddeus registered for the endoscopy clinic, health card version KT
M['03-adt-a04-gi-registration'] = adt('A04', '20310306114012-0500', 'RA4903', '20310306113800', THADDEUS,
    pv1('O', GI_LOC, 'SHRV4910002', GI_DOC, '20310306113800', 'GI'),
    [seg('IN1', {1: '1', 2: 'OHIP^Ontario Health Insurance Plan^SHRH', 3: 'ON^^^^NIIP', 4: 'Ministry of Health Ontario',
                 36: '7405528193'})])

# 04 SIU^S12 Thaddeus booked for a colonoscopy Wed 12 Mar 08:00 (EDT)
M['04-siu-s12-colonoscopy-booked'] = siu('S12', '20310306115844-0500', 'SC4904', {
    1: 'SH49-A0401^SHEMR', 2: 'SC49-77342^SHSCHED', 5: 'ENDO^Endoscopy^SHSCHED', 6: 'NEW^New booking^HL70276',
    7: 'COLO^Colonoscopy - iron deficiency anaemia^SHSCHED', 8: 'ROUTINE^Routine^HL70277', 9: '60', 10: 'MIN',
    11: '^^M60^20310312080000^20310312090000', 16: GI_DOC, 20: CLERK, 25: 'Booked'},
    THADDEUS, pv1('O', GI_LOC, 'SHRV4910002', GI_DOC, '', 'GI'),
    {1: '1', 2: 'A', 3: '45378^Colonoscopy, diagnostic^CPT4', 4: '20310312080000', 7: '60', 8: 'MIN', 10: 'Booked'},
    {1: '1', 2: 'A', 3: 'GIEND^RM2^^SHRH', 6: '20310312080000', 9: '60', 10: 'MIN', 12: 'Booked'},
    {1: '1', 2: 'A', 3: GI_DOC, 4: 'ATND^Attending^SHSCHED', 6: '20310312080000', 9: '60', 10: 'MIN', 12: 'Booked'})

# 05 REF^I13 the cardiology referral raised to urgent (new ECG changes)
M['05-ref-i13-referral-urgent'] = ref('I13', '20310307102012-0500', 'RF4905',
    {**CARDIO_RF1, 1: 'A^Accepted^HL70283', 2: 'A^ASAP^HL70280', 9: '20310307101500'}, [
    prd('RP', FAMDOC, '45 Peter St N^^Orillia^ON^L3V 4Y9^CAN^O'),
    prd('RT', CARDIO, '170 Colborne St W^Suite 210^Orillia^ON^L3V 2Z3^CAN^O', {4: 'CARD^^^SHSC^^^^^Cardiology Clinic'}),
], ODETTE, [
    seg('DG1', {1: '1', 3: 'R07.4^Chest pain, unspecified^I10', 6: 'W'}),
    seg('NTE', {1: '1', 3: 'Update 7 Mar: resting ECG new T-wave inversion V2-V4. Please see urgently.'}),
])

# 06 SIU^S13 Odette's consult moved earlier: Mon 10 Mar 08:15 (same filler appointment)
M['06-siu-s13-cardiology-rescheduled'] = siu('S13', '20310307104833-0500', 'SC4906', {
    1: 'SH49-A0201^SHEMR', 2: 'SC49-77310^SHSCHED', 5: 'CARDNEW^Cardiology new consult^SHSCHED',
    6: 'RESCH^Rescheduled - urgent referral^SHSCHED', 7: 'REFCONS^Referral consultation^SHSCHED',
    8: 'URGENT^Urgent^HL70277', 9: '45', 10: 'MIN', 11: '^^M45^20310310081500^20310310090000', 16: CARDIO, 20: CLERK,
    25: 'Booked', 26: 'RF49-0101^SHREF'},
    ODETTE, pv1('O', CARD_LOC, 'SHC4920201', CARDIO, '', 'CAR', 'SHSC'),
    {1: '1', 2: 'U', 3: 'CARDNEW^Cardiology new consult^SHSCHED', 4: '20310310081500', 7: '45', 8: 'MIN', 10: 'Booked'},
    {1: '1', 2: 'U', 3: 'CARD^EX3^^SHSC', 6: '20310310081500', 9: '45', 10: 'MIN', 12: 'Booked'},
    {1: '1', 2: 'U', 3: CARDIO, 4: 'ATND^Attending^SHSCHED', 6: '20310310081500', 9: '45', 10: 'MIN', 12: 'Booked'})


# ---- ORU (NSCL v2.3.1, community lab: the health card is the only PID-3 identifier) ----
def oru(t, ctl, pid, obrs):
    return [msh('NSCL', 'NSCL', t, ctl, 'ORU^R01', '2.3.1'), seg('PID', pid), *[s for o in obrs for s in o]]


def obr(n, placer, filler, code, collected, reported, status, doc, extra=None):
    f = {1: n, 2: placer, 3: filler, 4: code, 7: collected, 14: collected, 16: doc, 22: reported, 24: 'CH',
         25: status, 28: ''}
    f.update(extra or {})
    return seg('OBR', f)


def obx(n, vt, code, val, unit, rng, flag, status, t, extra=None):
    f = {1: n, 2: vt, 3: code, 5: val, 6: unit, 7: rng, 8: flag, 11: status, 14: t, 15: 'NSCL^NorthShore Community Labs Orillia^L'}
    f.update(extra or {})
    return seg('OBX', f)


ODETTE_LAB = {1: '1', 3: ODETTE_HC, 5: ODETTE[5], 7: ODETTE[7], 8: 'F', 11: ODETTE[11]}
THADDEUS_LAB = {1: '1', 3: THADDEUS_KT, 5: THADDEUS[5], 7: THADDEUS[7], 8: 'M', 11: THADDEUS[11]}
LIPID = '24331-1^Lipid panel^LN^LIP^Lipid profile^NSCL'
# 07 ORU lipid panel + CBC final; HbA1c cancelled (specimen not received)
M['07-oru-r01-lipid-a1c-cancelled'] = oru('20310307163015-0500', 'NS4907', ODETTE_LAB, [[
    obr('1', 'EMR-66120^ESKANDARI', 'NSCL49-30715^NSCL', LIPID, '20310307081200', '20310307162900', 'F', FAMDOC),
    obx('1', 'NM', '2093-3^Cholesterol^LN', '6.84', 'mmol/L', '<5.20', 'H', 'F', '20310307081200'),
    obx('2', 'NM', '2571-8^Triglyceride^LN', '1.92', 'mmol/L', '<1.70', 'H', 'F', '20310307081200'),
    obx('3', 'NM', '2085-9^HDL Cholesterol^LN', '1.08', 'mmol/L', '>1.30', 'L', 'F', '20310307081200'),
    obx('4', 'NM', '13457-7^LDL Cholesterol (calculated)^LN', '4.88', 'mmol/L', '<3.50', 'H', 'F', '20310307081200'),
], [
    obr('2', 'EMR-66120^ESKANDARI', 'NSCL49-30716^NSCL', '4548-4^Hemoglobin A1c^LN^A1C^HbA1c^NSCL', '20310307081200',
        '20310307162900', 'X', FAMDOC),
    obx('1', 'NM', '4548-4^Hemoglobin A1c^LN', '', '%', '', '', 'X', '20310307081200'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Test cancelled: EDTA specimen not received. Please recollect if still required.'}),
]])

# ---- MDM (SHTRANS v2.3.1) ----
def mdm(event, t, ctl, evn_t, pid, pv, txa, obxs):
    return [msh('SHTRANS', 'SHRH', t, ctl, f'MDM^{event}', '2.3.1'), seg('EVN', {1: event, 2: evn_t}), seg('PID', pid),
            pv, seg('TXA', txa), *obxs]


def tx_lines(lines):
    return [seg('OBX', {1: str(i), 2: 'TX', 3: 'REPORT^Report text^SHTRANS', 5: line, 11: 'F'}) for i, line in enumerate(lines, 1)]


PDF = b'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
# 08 MDM^T02 scanned outside colonoscopy report (2027, another hospital) as an embedded PDF for Thaddeus's chart
M['08-mdm-t02-outside-report-pdf'] = mdm('T02', '20310308140517-0500', 'TR4908', '20310308140500', THADDEUS,
    pv1('O', GI_LOC, 'SHRV4910002', GI_DOC, '20310306113800', 'GI'),
    {1: '1', 2: 'OUTSIDE^Outside record - scanned^SHTRANS', 3: 'AP', 4: '20310308140000', 5: GI_DOC,
     6: '20270915', 7: '20310308140000', 9: GI_DOC, 12: 'DOC49-0801^SHTRANS', 16: 'KASPRZAK_COLONOSCOPY_2027.pdf',
     17: 'AU', 18: 'R', 19: 'AV'},
    [seg('OBX', {1: '1', 2: 'ED', 3: 'SCANDOC^Scanned document^SHTRANS',
                 5: '^application^pdf^Base64^' + base64.b64encode(PDF).decode('ascii'), 11: 'F'})])

ED_LOC = 'ED^AC07^^SHRH^^^^^Emergency'
FIN_PV1 = lambda **k: pv1('E', ED_LOC, 'SHRV4910003', ED_DOC, '20310309014000', 'EM', **k)  # noqa: E731
# 09 ADT^A04 Finnegan arrives in the ED at 01:40 EST (wrist injury, fall on ice)
M['09-adt-a04-ed-arrival'] = adt('A04', '20310309015215-0500', 'RA4909', '20310309014000', FINNEGAN,
    FIN_PV1(extra={4: 'E^Emergency^HL70007', 14: '7'}),
    [seg('PV2', {3: '^Fall on ice, right wrist pain and deformity'}),
     seg('IN1', {1: '1', 2: 'OHIP^Ontario Health Insurance Plan^SHRH', 3: 'ON^^^^NIIP', 4: 'Ministry of Health Ontario',
                 36: '6618042275'})])


# ---- DFT (SHBILL v2.4, OHIP fee codes) ----
def dft(t, ctl, evn_t, pid, pv, ft1s, dg1s):
    return [msh('SHBILL', 'SHRH', t, ctl, 'DFT^P03^DFT_P03', '2.4'), seg('EVN', {1: 'P03', 2: evn_t}), seg('PID', pid),
            pv, *[seg('FT1', f) for f in ft1s], *dg1s]


# 10 DFT^P03 ED assessment charged at 02:30 (bare: the skipped hour), MSH-7 03:18 EDT
M['10-dft-p03-ed-assessment'] = dft('20310309031804-0400', 'BL4910', '20310309031800', FINNEGAN, FIN_PV1(), [
    {1: '1', 2: 'FT49-1001', 4: '20310309023000', 5: '20310309031800', 6: 'CG^Charge^HL70017',
     7: 'H103^Emergency - comprehensive assessment, weekend^OHIPSOB', 8: 'ED comprehensive assessment (weekend)',
     10: '1', 11: '44.35&CAD', 12: '44.35&CAD', 13: 'EMERG^Emergency^SHRH', 14: 'OHIP', 16: 'ED^AC07^^SHRH',
     19: '813^Fracture of radius and ulna^OHIPDX', 20: ED_DOC, 21: ED_DOC},
    {1: '2', 2: 'FT49-1002', 4: '20310309023000', 5: '20310309031800', 6: 'CG^Charge^HL70017',
     7: 'X011^Radiograph wrist, 2 views^OHIPSOB', 10: '1', 11: '21.85&CAD', 13: 'DI^Diagnostic Imaging^SHRH', 14: 'OHIP',
     19: '813^Fracture of radius and ulna^OHIPDX', 21: ED_DOC},
], [seg('DG1', {1: '1', 3: 'S52.50^Fracture of lower end of radius, closed^I10CA', 6: 'W'})])

# 11 ORU Thaddeus's pre-colonoscopy CBC + ferritin, collected Sat 08:40, OBR-22 02:35 (bare, the skipped hour)
M['11-oru-r01-cbc-ferritin'] = oru('20310309034112-0400', 'NS4911', THADDEUS_LAB, [[
    obr('1', 'SHR-EN-4411^SHRH', 'NSCL49-30811^NSCL', '58410-2^CBC panel^LN^CBC^Complete blood count^NSCL',
        '20310308084000', '20310309023500', 'F', GI_DOC),
    obx('1', 'NM', '718-7^Hemoglobin^LN', '98', 'g/L', '135-175', 'L', 'F', '20310308084000'),
    obx('2', 'NM', '787-2^MCV^LN', '71', 'fL', '80-100', 'L', 'F', '20310308084000'),
    obx('3', 'NM', '777-3^Platelets^LN', '412', '10*9/L', '150-400', 'H', 'F', '20310308084000'),
], [
    obr('2', 'SHR-EN-4411^SHRH', 'NSCL49-30812^NSCL', '2276-4^Ferritin^LN^FERR^Ferritin^NSCL', '20310308084000',
        '20310309023500', 'F', GI_DOC),
    obx('1', 'NM', '2276-4^Ferritin^LN', '6', 'ug/L', '30-400', 'L', 'F', '20310308084000'),
]])

FRACTURE_RF1 = {1: 'P^Pending^HL70283', 2: 'A^ASAP^HL70280', 3: 'Med^Medical^HL70281', 4: 'AM^Assume Management^HL70282',
                5: 'A^Ambulatory^HL70284', 6: 'RF49-1201^SHREF', 7: '20310309024000', 9: '20310309035300',
                10: 'O^Provider Ordered^HL70336'}
# 12 REF^I12 ED physician refers Finnegan to the fracture clinic; RF1-7 02:40 (bare: the skipped hour)
M['12-ref-i12-fracture-clinic'] = ref('I12', '20310309035510-0400', 'RF4912', FRACTURE_RF1, [
    prd('RP', ED_DOC, '', {4: 'ED^^^SHRH^^^^^Emergency'}),
    prd('RT', ORTHO, '', {4: 'FRAC^^^SHSC^^^^^Fracture Clinic'}),
], FINNEGAN, [
    seg('DG1', {1: '1', 3: 'S52.50^Fracture of lower end of radius, closed^I10CA', 6: 'W'}),
    seg('NTE', {1: '1', 3: 'Closed reduction and below-elbow cast in ED. Fracture clinic within 7 days with repeat XR.'}),
])

# 13 MDM^T02 ED note dictated 02:50 (bare: the skipped hour), transcribed 04:25 EDT, sent 04:30 EDT
M['13-mdm-t02-ed-note'] = mdm('T02', '20310309043022-0400', 'TR4913', '20310309043000', FINNEGAN, FIN_PV1(),
    {1: '1', 2: 'EDNOTE^Emergency physician note^SHTRANS', 3: 'TX', 4: '20310309025000', 5: ED_DOC,
     6: '20310309025000', 7: '20310309042500', 9: ED_DOC, 11: TRANSCR, 12: 'DOC49-1301^SHTRANS', 17: 'DI', 19: 'AV'},
    tx_lines(['EMERGENCY NOTE - DESJARDINS-HUTCHEON, FINNEGAN', 'Fall on ice at 01:15, FOOSH right.',
              'XR: dorsally angulated distal radius fracture, no ulnar styloid fracture.',
              'Hematoma block, closed reduction, below-elbow cast. Post-reduction XR acceptable.',
              'Plan: fracture clinic within 7 days. Ibuprofen 400 mg PO q6h PRN.']))

# 14 SIU^S14 Odette's consult today: room changed EX3 -> EX5 (nothing else)
M['14-siu-s14-room-changed'] = siu('S14', '20310310075012-0400', 'SC4914', {
    1: 'SH49-A0201^SHEMR', 2: 'SC49-77310^SHSCHED', 5: 'CARDNEW^Cardiology new consult^SHSCHED',
    6: 'MODIFY^Resource changed^SHSCHED', 7: 'REFCONS^Referral consultation^SHSCHED', 8: 'URGENT^Urgent^HL70277',
    9: '45', 10: 'MIN', 11: '^^M45^20310310081500^20310310090000', 16: CARDIO, 20: CLERK, 25: 'Booked',
    26: 'RF49-0101^SHREF'},
    ODETTE, pv1('O', 'CARD^EX5^^SHSC^^^^^Cardiology Clinic', 'SHC4920201', CARDIO, '', 'CAR', 'SHSC'),
    {1: '1', 2: 'U', 3: 'CARDNEW^Cardiology new consult^SHSCHED', 4: '20310310081500', 7: '45', 8: 'MIN', 10: 'Booked'},
    {1: '1', 2: 'U', 3: 'CARD^EX5^^SHSC', 6: '20310310081500', 9: '45', 10: 'MIN', 12: 'Booked'},
    {1: '1', 2: 'U', 3: CARDIO, 4: 'ATND^Attending^SHSCHED', 6: '20310310081500', 9: '45', 10: 'MIN', 12: 'Booked'})

# 15 SIU^S12 Finnegan booked at the fracture clinic Tue 11 Mar 13:00, 20 min (from the ED referral)
FRAC_LOC = 'FRAC^FC2^^SHSC^^^^^Fracture Clinic'
M['15-siu-s12-fracture-clinic-booked'] = siu('S12', '20310310090544-0400', 'SC4915', {
    1: 'SH49-A1501^SHEMR', 2: 'SC49-77415^SHSCHED', 5: 'FRACNEW^Fracture clinic new^SHSCHED',
    6: 'NEW^New booking^HL70276', 7: 'FXF^Fracture follow-up, cast check^SHSCHED', 8: 'NEWPT^New patient^HL70277',
    9: '20', 10: 'MIN', 11: '^^M20^20310311130000^20310311132000', 16: ORTHO, 20: CLERK, 25: 'Booked',
    26: 'RF49-1201^SHREF'},
    FINNEGAN, pv1('O', FRAC_LOC, 'SHC4921501', ORTHO, '', 'ORT', 'SHSC'),
    {1: '1', 2: 'A', 3: 'FRACNEW^Fracture clinic new^SHSCHED', 4: '20310311130000', 7: '20', 8: 'MIN', 10: 'Booked'},
    {1: '1', 2: 'A', 3: 'FRAC^FC2^^SHSC', 6: '20310311130000', 9: '20', 10: 'MIN', 12: 'Booked'},
    {1: '1', 2: 'A', 3: ORTHO, 4: 'ATND^Attending^SHSCHED', 6: '20310311130000', 9: '20', 10: 'MIN', 12: 'Booked'})

ODETTE_PV1 = pv1('O', 'CARD^EX5^^SHSC^^^^^Cardiology Clinic', 'SHC4920201', CARDIO, '20310310081800', 'CAR', 'SHSC')
CONSULT_TXA = {1: '1', 2: 'CN^Consultation note^HL70270', 3: 'TX', 4: '20310310091000', 5: CARDIO, 6: '20310310090500',
               7: '20310310093500', 9: CARDIO, 10: CARDIO, 11: TRANSCR, 12: 'DOC49-1601^SHTRANS', 14: 'SH49-A0201^SHEMR',
               17: 'AU', 18: 'R', 19: 'AV', 22: CARDIO + '^^20310310093800'}
CONSULT = ['CARDIOLOGY CONSULTATION - VANDERKOOY-BEAUDOIN, ODETTE', 'Referred by Dr N. Eskandari for exertional chest tightness.',
           'ECG: T-wave inversion V2-V4. LDL 4.88 mmol/L.', 'Impression: probable stable angina.',
           'Plan: exercise stress echo; start atorvastatin 40 mg PO daily; ASA 81 mg daily.']
# 16 MDM^T02 Odette's cardiology consult note, authenticated
M['16-mdm-t02-consult-note'] = mdm('T02', '20310310094015-0400', 'TR4916', '20310310094000', ODETTE, ODETTE_PV1,
                                   CONSULT_TXA, tx_lines(CONSULT))

# 17 DFT^P03 Odette's consultation billed (A605 cardiology consultation) + ECG interpretation G313
M['17-dft-p03-cardiology-consult'] = dft('20310310100530-0400', 'BL4917', '20310310100500', ODETTE, ODETTE_PV1, [
    {1: '1', 2: 'FT49-1701', 4: '20310310081800', 5: '20310310100500', 6: 'CG^Charge^HL70017',
     7: 'A605^Consultation - cardiology^OHIPSOB', 10: '1', 11: '157.00&CAD', 13: 'CARD^Cardiology^SHSC', 14: 'OHIP',
     19: '413^Angina pectoris^OHIPDX', 20: CARDIO, 21: FAMDOC},
    {1: '2', 2: 'FT49-1702', 4: '20310310081800', 5: '20310310100500', 6: 'CG^Charge^HL70017',
     7: 'G313^ECG interpretation^OHIPSOB', 10: '1', 11: '9.70&CAD', 13: 'CARD^Cardiology^SHSC', 14: 'OHIP',
     19: '413^Angina pectoris^OHIPDX', 20: CARDIO},
], [seg('DG1', {1: '1', 3: 'I20.8^Other forms of angina pectoris^I10', 6: 'F'})])

# 18 ADT^A08 Thaddeus's health card re-issued: version code KT -> LM, same number (Meditech sends the whole PID)
M['18-adt-a08-health-card-version'] = adt('A08', '20310310113022-0400', 'RA4918', '20310310112900',
    {**THADDEUS, 3: f'SHR4910002^^^SHRH^MR~{THADDEUS_LM}'},
    pv1('O', GI_LOC, 'SHRV4910002', GI_DOC, '20310306113800', 'GI'),
    [seg('IN1', {1: '1', 2: 'OHIP^Ontario Health Insurance Plan^SHRH', 3: 'ON^^^^NIIP', 4: 'Ministry of Health Ontario',
                 36: '7405528193'})])

# 19 ORU Odette's lipid panel corrected: LDL 4.88 -> 3.88 (calculation error), OBR-25 C, OBX-11 C
M['19-oru-r01-ldl-corrected'] = oru('20310310121544-0400', 'NS4919', ODETTE_LAB, [[
    obr('1', 'EMR-66120^ESKANDARI', 'NSCL49-30715^NSCL', LIPID, '20310307081200', '20310310121400', 'C', FAMDOC),
    obx('1', 'NM', '2093-3^Cholesterol^LN', '6.84', 'mmol/L', '<5.20', 'H', 'F', '20310307081200'),
    obx('2', 'NM', '2571-8^Triglyceride^LN', '1.92', 'mmol/L', '<1.70', 'H', 'F', '20310307081200'),
    obx('3', 'NM', '2085-9^HDL Cholesterol^LN', '1.08', 'mmol/L', '>1.30', 'L', 'F', '20310307081200'),
    obx('4', 'NM', '13457-7^LDL Cholesterol (calculated)^LN', '3.88', 'mmol/L', '<3.50', 'H', 'C', '20310307081200',
        {16: PATHOL}),
    seg('NTE', {1: '1', 2: 'L', 3: 'CORRECTED REPORT: LDL recalculated (previously reported 4.88 mmol/L in error).'}),
]])

# 20 MDM^T08 Odette's consult note corrected (same TXA-12): atorvastatin 20 mg, not 40 mg (LDL corrected)
M['20-mdm-t08-consult-corrected'] = mdm('T08', '20310310131012-0400', 'TR4920', '20310310131000', ODETTE, ODETTE_PV1,
    {**CONSULT_TXA, 8: '20310310130500', 21: 'Medication dose corrected after corrected LDL', 22: CARDIO + '^^20310310130800'},
    tx_lines(CONSULT[:2] + ['ECG: T-wave inversion V2-V4. LDL 3.88 mmol/L (corrected).', CONSULT[3],
                            'Plan: exercise stress echo; start atorvastatin 20 mg PO daily; ASA 81 mg daily.',
                            'ADDENDUM 10 Mar 13:05: statin dose revised after the lab corrected the LDL.']))

# 21 MDM^T10 the ED note replaced by the ED physician (new TXA-12, TXA-13 the parent), legally authenticated
M['21-mdm-t10-ed-note-replaced'] = mdm('T10', '20310310162033-0400', 'TR4921', '20310310162000', FINNEGAN, FIN_PV1(),
    {1: '1', 2: 'EDNOTE^Emergency physician note^SHTRANS', 3: 'TX', 4: '20310310161500', 5: ED_DOC,
     6: '20310309025000', 7: '20310309042500', 8: '20310310161500', 9: ED_DOC, 10: ED_DOC, 11: TRANSCR,
     12: 'DOC49-2101^SHTRANS', 13: 'DOC49-1301^SHTRANS', 17: 'LA', 19: 'AV', 21: 'Wrong side dictated: LEFT wrist',
     22: ED_DOC + '^^20310310161800'},
    tx_lines(['EMERGENCY NOTE - DESJARDINS-HUTCHEON, FINNEGAN (REPLACES NOTE OF 9 MAR)', 'Fall on ice at 01:15, FOOSH left.',
              'XR: dorsally angulated distal radius fracture LEFT, no ulnar styloid fracture.',
              'Hematoma block, closed reduction, below-elbow cast. Post-reduction XR acceptable.',
              'Plan: fracture clinic within 7 days. Ibuprofen 400 mg PO q6h PRN.']))

# 22 SIU^S15 Thaddeus's colonoscopy cancelled (patient unwell, bowel prep not taken)
M['22-siu-s15-colonoscopy-cancelled'] = siu('S15', '20310311083012-0400', 'SC4922', {
    1: 'SH49-A0401^SHEMR', 2: 'SC49-77342^SHSCHED', 5: 'ENDO^Endoscopy^SHSCHED', 6: 'PTILL^Patient unwell^SHSCHED',
    7: 'COLO^Colonoscopy - iron deficiency anaemia^SHSCHED', 8: 'ROUTINE^Routine^HL70277', 9: '60', 10: 'MIN',
    11: '^^M60^20310312080000^20310312090000', 16: GI_DOC, 20: CLERK, 25: 'Cancelled'},
    {**THADDEUS, 3: f'SHR4910002^^^SHRH^MR~{THADDEUS_LM}'}, pv1('O', GI_LOC, 'SHRV4910002', GI_DOC, '', 'GI'),
    {1: '1', 2: 'D', 3: '45378^Colonoscopy, diagnostic^CPT4', 4: '20310312080000', 7: '60', 8: 'MIN', 10: 'Cancelled'},
    {1: '1', 2: 'D', 3: 'GIEND^RM2^^SHRH', 6: '20310312080000', 9: '60', 10: 'MIN', 12: 'Cancelled'},
    {1: '1', 2: 'D', 3: GI_DOC, 4: 'ATND^Attending^SHSCHED', 6: '20310312080000', 9: '60', 10: 'MIN', 12: 'Cancelled'})

# 23 SIU^S26 Finnegan did not attend the fracture clinic at 13:00
M['23-siu-s26-fracture-no-show'] = siu('S26', '20310311134012-0400', 'SC4923', {
    1: 'SH49-A1501^SHEMR', 2: 'SC49-77415^SHSCHED', 5: 'FRACNEW^Fracture clinic new^SHSCHED',
    6: 'NOSHOW^Patient did not attend^SHSCHED', 7: 'FXF^Fracture follow-up, cast check^SHSCHED',
    8: 'NEWPT^New patient^HL70277', 9: '20', 10: 'MIN', 11: '^^M20^20310311130000^20310311132000', 16: ORTHO,
    20: CLERK, 25: 'Noshow', 26: 'RF49-1201^SHREF'},
    FINNEGAN, pv1('O', FRAC_LOC, 'SHC4921501', ORTHO, '', 'ORT', 'SHSC'),
    {1: '1', 2: 'U', 3: 'FRACNEW^Fracture clinic new^SHSCHED', 4: '20310311130000', 7: '20', 8: 'MIN', 10: 'Noshow'},
    {1: '1', 2: 'U', 3: 'FRAC^FC2^^SHSC', 6: '20310311130000', 9: '20', 10: 'MIN', 12: 'Noshow'},
    {1: '1', 2: 'U', 3: ORTHO, 4: 'ATND^Attending^SHSCHED', 6: '20310311130000', 9: '20', 10: 'MIN', 12: 'Noshow'})

# 24 REF^I14 the fracture-clinic referral cancelled: patient did not attend, reports follow-up in Montreal
M['24-ref-i14-referral-cancelled'] = ref('I14', '20310311140522-0400', 'RF4924',
    {**FRACTURE_RF1, 1: 'R^Rejected^HL70283', 9: '20310311140000'}, [
    prd('RP', ED_DOC, '', {4: 'ED^^^SHRH^^^^^Emergency'}),
    prd('RT', ORTHO, '', {4: 'FRAC^^^SHSC^^^^^Fracture Clinic'}),
], FINNEGAN, [
    seg('NTE', {1: '1', 3: 'Referral cancelled: did not attend 11 Mar; by phone, follow-up arranged in Montreal. Returned to referrer.'}),
])

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages in', OUT)
