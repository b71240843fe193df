#!/usr/bin/env python3
r"""Review 47's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of an Australian public hospital's feeds (AS 4700.1 / AS 4700.2 style, HL7 v2.4 / v2.5) and of its pathology
provider, all on ONE channel whose zone is Australia/Sydney, around the southern-hemisphere end of daylight saving on
Sunday 4 April 2032 (03:00 AEDT +11:00 becomes 02:00 AEST +10:00: the clock time 02:00-02:59 happens twice).
Nattai River Hospital (NRH, Tahmoor NSW, invented) and Burragorang Pathology (BGP, invented); a GP practice,
Razorback Medical Centre (RMC, invented), refers a patient and reports a child's immunisations (AIR style).
Patient identifiers as Australian senders send them in PID-3: the hospital MRN (NRH^MR), the Medicare card number
with its IRN as the 11th digit (AUSHIC^MC, card expiry in CX.8), the IHI (16 digits, 800360..., AUSHIC^NI), a DVA
file number (AUSDVA^DVG, Gold Card). Practitioners in XCN with their Medicare provider number (AUSHICPR^UPIN) and
HPI-I (AUSHIC^NPI) as two repetitions. Addresses with state and postcode (`^^Tahmoor^NSW^2573^AUS^H`).
- PAS "NRHPAS" (ADT v2.4, MSH-7 WITH offset +1100 / +1000, EVN-2 / PV1-44 / PV1-45 BARE): A01 x4, A02 x2, A03, A08,
  A11, A12, A17 (bed swap), A40 (ED duplicate record under a temporary MRN merged into the known one);
- legacy order comms "NRHOC" (ORM^O01 v2.4, BARE times, MSH-7 too): NW (histopathology + vitamin D; blood culture +
  UEC + LFT), CA (ORC-1 CA, ORC-16), replacement (ORC-1 RP of the old order + ORC-1 RO of the new one);
- ED EMR "NRHEMR" (OML^O21 v2.5, MSH-7 with offset, ORC-9 bare): troponin + coagulation ordered in the first pass;
- the laboratory "BGPLIS" (ORU^R01 v2.4, MSH-7 with offset, OBR/OBX times BARE): UEC final -> corrected (OBR-25 C,
  OBX-11 C on one analyte, NTE), troponin final + coagulation cancelled (OBR-25 X, NTE) collected in the FIRST pass
  and reported in the SECOND, histopathology as a PIT-style FT report with escapes (\H\ \N\ \.br\ \.sp\ \.in\ \T\ \F\
  \S\ \E\) and its RTF rendering (OBX-2 ED, AUSPDI), blood culture + susceptibility (child OBR via OBR-26 / OBR-29);
- GP "RMCCLIN" (REF^I12 v2.4 and VXU^V04 v2.4, MSH-7 with offset).
The DST cases: #07 an ED registration at 02:10 in the FIRST pass (MSH-7 02:15+1100, EVN-2/PV1-44 bare); #08 its
orders at 02:25 first pass (MSH-7 +1100); #09 the troponin collected 02:40 FIRST pass (OBR-7, OBX-14 bare) and
reported 02:18 SECOND pass (OBR-22 bare; MSH-7 02:20+1000); #10 a transfer at 02:35 SECOND pass (MSH-7 02:40+1000);
#11 a cancel sent by a bare clock at 02:55 SECOND pass (nothing places it); #06 the UEC analysed 02:03 and reported
02:05 in the FIRST pass (MSH-7 02:06+1100) and #13 its correction sent at 10:15+1000 RE-SENDING OBX-14 02:03 bare;
#12 (A40) and #14 (A08) sent at 08:30 / 10:45+1000 re-sending #07's PV1-44 02:10 (first pass) bare.
Patients and numbers (NRH47..., NRHV47..., NRH47-, BGP47-, RMC47-, IHI 800360xxxx47xxxx) none of earlier reviews'.
Fields placed by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone Australia/Sydney, the channel's zone):
    python3 docs/review47/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review47/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'NRH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 15: 'AL', 16: 'NE',
                       17: 'AUS'})


M = {}
# ---- identifiers ----
IHI_MCA, IHI_PAP, IHI_FNG, IHI_TRA, IHI_OKB = ('8003608166471015', '8003608166472021', '8003608166473037',
                                               '8003608166474043', '8003608166475059')
# ---- patients ----
MCALISTER = {1: '1', 3: f'NRH4710001^^^NRH^MR~29514710311^^^AUSHIC^MC^^^20350331~{IHI_MCA}^^^AUSHIC^NI'
                        '~NX471001^^^AUSDVA^DVG',
             5: 'MCALISTER^Bronwyn^Jean^^Mrs^^L', 7: '19461120', 8: 'F',
             10: '4^Neither Aboriginal nor Torres Strait Islander origin^AUSIS',
             11: '12 Wattle Grove^^Tahmoor^NSW^2573^AUS^H',
             13: '(02) 4683 1247^PRN^PH^^^02^46831247~^PRN^CP^^^^0412555147', 15: 'en^English^ISO639',
             16: 'W^Widowed^HL70002', 18: 'NRHA4710001^^^NRH^AN'}
FITZ = {1: '1', 3: f'NRH4710003^^^NRH^MR~31624710472^^^AUSHIC^MC^^^20340930~{IHI_FNG}^^^AUSHIC^NI',
        5: 'FITZGERALD-NGATA^Lachlan^James^^Mr^^L', 7: '19790614', 8: 'M',
        10: '4^Neither Aboriginal nor Torres Strait Islander origin^AUSIS',
        11: 'Unit 4\\T\\6 Remembrance Drive^^Bargo^NSW^2574^AUS^H', 13: '^PRN^CP^^^^0421555347',
        15: 'en^English^ISO639', 16: 'S^Single^HL70002', 18: 'NRHA4710003^^^NRH^AN'}
PAP_TEMP = {1: '1', 3: 'NRH4799001^^^NRH^MR~42734710283^^^AUSHIC^MC',
            5: 'PAPADOPOLOUS^Eleni^^^Mrs^^L', 7: '19531207', 8: 'F',
            11: '7 Bridge St^^Picton^NSW^2571^AUS^H'}
PAP = {1: '1', 3: f'NRH4710002^^^NRH^MR~42734710283^^^AUSHIC^MC^^^20341231~{IHI_PAP}^^^AUSHIC^NI',
       5: 'PAPADOPOULOS^Eleni^Stavroula^^Mrs^^L', 7: '19531207', 8: 'F',
       10: '4^Neither Aboriginal nor Torres Strait Islander origin^AUSIS',
       11: '7 Bridge St^^Picton^NSW^2571^AUS^H', 13: '(02) 4677 2247^PRN^PH^^^02^46772247', 15: 'el^Greek^ISO639',
       16: 'M^Married^HL70002'}
PAP_A08 = dict(PAP) | {3: PAP[3] + '~NX472002^^^AUSDVA^DVW',
                       11: '22 Argyle St^^Picton^NSW^2571^AUS^H~PO Box 318^^Picton^NSW^2571^AUS^M',
                       13: '(02) 4677 2247^PRN^PH^^^02^46772247~^ORN^CP^^^^0433555247'}
TRAN = {1: '1', 3: f'NRH4710004^^^NRH^MR~55844710594^^^AUSHIC^MC~{IHI_TRA}^^^AUSHIC^NI',
        5: 'TRAN^Minh^Duc^^Mr^^L', 7: '19680302', 8: 'M', 11: '41 Menangle St^^Picton^NSW^2571^AUS^H',
        13: '^PRN^CP^^^^0402555447', 15: 'vi^Vietnamese^ISO639'}
ISLA = {1: '1', 3: f'RMC4700601^^^RMC^PI~63954710615^^^AUSHIC^MC~{IHI_OKB}^^^AUSHIC^NI',
        5: 'OKONKWO-BAILEY^Isla^Rose^^^^L', 7: '20301002', 8: 'F',
        11: '3 Lyrebird Cl^^Thirlmere^NSW^2572^AUS^H', 13: '^PRN^CP^^^^0455555647'}
# ---- practitioners: Medicare provider number (AUSHICPR UPIN) ~ HPI-I (AUSHIC NPI) ----


def doc(prov, hpii, family, given, tit='Dr'):
    return (f'{prov}^{family}^{given}^^^{tit}^^^AUSHICPR^L^^^UPIN~{hpii}^{family}^{given}^^^{tit}^^^AUSHIC^L^^^NPI')


def one(x):
    return x.split('~')[0]


PHYS = doc('2471001A', '8003614900471019', 'HARGREAVES', 'Fiona')       # general physician
SURG = doc('2471002B', '8003614900472025', 'KARUNARATNE', 'Dilan')     # general surgeon
EDDOC = doc('2471003C', '8003614900473031', 'OYELARAN-WHITE', 'Tomasz')  # ED consultant
GP = doc('0471004D', '8003614900474047', 'WARRELL', 'Peter')             # GP, Razorback Medical Centre
GP2 = doc('0471005F', '8003614900475053', 'DEMIRCI', 'Aylin')           # GP who vaccinates
PATH_CHEM = '2471006H&LINDQVIST&Sigrid&&&Dr&&&AUSHICPR'
PATH_MICRO = '2471007J&ABERNETHY&Rowan&&&Dr&&&AUSHICPR'
PATH_HISTO = '2471008K&CHATTERJEE&Ananya&&&A/Prof&&&AUSHICPR'
# ---- codes ----
HISTO = '11529-5^Surgical pathology study^LN^HIST^Histopathology^L'
VITD = '62292-8^25-Hydroxyvitamin D2+D3 [Moles/volume] in Serum or Plasma^LN^VITD^Vitamin D^L'
IRON = '75689-0^Iron panel - Serum or Plasma^LN^FEST^Iron studies^L'
BC = '600-7^Bacteria identified in Blood by Culture^LN^BC^Blood culture^L'
SUSC = '29576-6^Bacterial susceptibility panel^LN^SUSC^Susceptibility^L'
UEC = '24321-2^Basic metabolic 2000 panel - Serum or Plasma^LN^UEC^Urea, electrolytes, creatinine^L'
LFT = '24325-3^Hepatic function 2000 panel - Serum or Plasma^LN^LFT^Liver function tests^L'
TROP = '89579-7^Troponin I.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN^HSTNI^hs-Troponin I^L'
COAG = 'COAG^Coagulation screen (PT/INR, APTT, fibrinogen)^L'


def pv1(cls, loc, visit, att, start='', extra=None):
    f = {1: '1', 2: cls, 3: loc, 7: att, 10: 'MED', 18: 'PUB', 19: f'{visit}^^^NRH^VN', 20: 'PUB'}
    if start:
        f[44] = start
    f.update(extra or {})
    return seg('PV1', f)


def adt(trig, struct, t, ctl, evt, pid, pv, extra=None, before_pv=None, v='2.4'):
    out = [msh('NRHPAS', 'NRH', t, ctl, f'ADT^{trig}^{struct}', v),
           seg('EVN', {1: trig, 2: evt, 5: 'jlee^LEE^Jessica^^^^^^NRH', 6: evt}), seg('PID', pid)]
    out += before_pv or []
    if pv:
        out.append(pv)
    out += extra or []
    return out


def orm(t, ctl, pid, pv, groups):
    out = [msh('NRHOC', 'NRH', t, ctl, 'ORM^O01^ORM_O01', '2.4'), seg('PID', pid), pv]
    for g in groups:
        out += g
    return out


def order(ctl, plac, code, when, orderer, start, loc, i=1, prio='R', clin='', src='', fill='', group='',
          reason='', copies='', collected=''):
    tq = f'^^^{start}^^{prio}'
    orc = {1: ctl, 2: f'{plac}^NRHOC', 7: tq, 9: when, 10: 'rkhan^KHAN^Rubina^^^^^^NRH', 12: orderer, 13: loc,
           14: '(02) 4683 9000^WPN^PH', 17: 'NRH^Nattai River Hospital^L'}
    if fill:
        orc[3] = f'{fill}^BGPLIS'
    if group:
        orc[4] = f'{group}^NRHOC'
    if reason:
        orc[16] = reason
    obr = {1: str(i), 2: f'{plac}^NRHOC', 4: code, 7: collected, 13: clin, 15: src, 16: orderer, 27: tq, 28: copies}
    if fill:
        obr[3] = f'{fill}^BGPLIS'
    return [seg('ORC', orc), seg('OBR', {k: v for k, v in obr.items() if v != ''})]


def lis(t, ctl, pid, pv, groups, v='2.4'):
    out = [msh('BGPLIS', 'BGP^Burragorang Pathology^L', t, ctl, 'ORU^R01^ORU_R01', v), seg('PID', pid)]
    if pv:
        out.append(pv)
    for g in groups:
        out += g
    return out


def result(plac, fill, code, collected, received, reported, status, sect, interp, orderer, obxs, i=1, extra=None,
           orc_status='CM', placer_app='NRHOC', notes=None):
    orc = {1: 'RE', 2: f'{plac}^{placer_app}', 3: f'{fill}^BGPLIS', 5: orc_status, 12: orderer}
    obr = {1: str(i), 2: f'{plac}^{placer_app}', 3: f'{fill}^BGPLIS', 4: code, 7: collected, 14: received,
           16: orderer, 22: reported, 24: sect, 25: status, 32: interp}
    obr.update(extra or {})
    out = [seg('ORC', orc), seg('OBR', {k: v for k, v in obr.items() if v != ''})]
    for n in notes or []:
        out.append(seg('NTE', {1: str(len(out) - 1), 2: 'L', 3: n}))
    return out + obxs


def obx(i, typ, code, value, units='', rng='', flag='', st='F', when='', sub=''):
    return seg('OBX', {k: v for k, v in {1: str(i), 2: typ, 3: code, 4: sub, 5: value, 6: units, 7: rng, 8: flag,
                                         11: st, 14: when}.items() if v != ''} | {1: str(i)})


MMOL = 'mmol/L^^ISO+'
UMOL = 'umol/L^^ISO+'


def uec(k_value, k_flag, k_status, other_status, when, creat='142'):
    return [obx(1, 'NM', '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN^NA^Sodium^L', '134', MMOL, '135-145',
                'L', other_status, when),
            obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN^K^Potassium^L', k_value, MMOL,
                '3.5-5.2', k_flag, k_status, when),
            obx(3, 'NM', '2075-0^Chloride [Moles/volume] in Serum or Plasma^LN^CL^Chloride^L', '99', MMOL, '95-110',
                '', other_status, when),
            obx(4, 'NM', '2028-9^Carbon dioxide, total [Moles/volume] in Serum or Plasma^LN^HCO3^Bicarbonate^L', '19',
                MMOL, '22-32', 'L', other_status, when),
            obx(5, 'NM', '22664-7^Urea [Moles/volume] in Serum or Plasma^LN^UREA^Urea^L', '14.6', MMOL, '3.0-8.0',
                'H', other_status, when),
            obx(6, 'NM', '14682-9^Creatinine [Moles/volume] in Serum or Plasma^LN^CREAT^Creatinine^L', creat, UMOL,
                '45-90', 'H', other_status, when),
            obx(7, 'NM', '62238-1^Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma '
                'or Blood by Creatinine-based formula (CKD-EPI)^LN^EGFR^eGFR^L', '31',
                'mL/min/1.73m\\S\\2^^ISO+', '>59', 'L', other_status, when)]


# ---- practice and hospital locations ----
W4B = lambda bed: f'4B^{bed}^1^NRH^^^^^Ward 4B Medical'  # noqa: E731
ED = 'ED^AC07^1^NRH^^^^^Emergency Department'
EDSSU = 'EDSSU^B04^1^NRH^^^^^ED Short Stay Unit'

# ================= Friday 2 April 2032 (AEDT, +11:00) =================
M['01-ref-i12-gp-referral-surgery-fitzgerald-ngata'] = [
    msh('RMCCLIN', 'RMC^Razorback Medical Centre^L', '20320402102000+1100', 'RMC4700001', 'REF^I12^REF_I12', '2.4'),
    seg('RF1', {1: 'P^Pending^HL70283', 2: 'U^Urgent^HL70280', 3: 'GSU^General surgery^NRHREF', 4: 'WR^Send written '
                'report^HL70282', 5: 'O^Outpatient^HL70284', 6: 'RMC47-0101^RMC', 7: '20320402101500',
                8: '20330402', 10: 'C44.6^Malignant neoplasm of skin of upper limb, including shoulder^I10AM'}),
    seg('PRD', {1: 'RP^Referring provider^HL70286', 2: 'WARRELL^Peter^^^Dr',
                3: '10 Argyle St^^Picton^NSW^2571^AUS^O', 4: '^^^RMC^^^^^Razorback Medical Centre',
                5: '(02) 4677 1300^WPN^PH~(02) 4677 1301^WPN^FX', 7: '0471004D^AUSHICPR^UPIN~8003614900474047^AUSHIC^NPI'}),
    seg('PRD', {1: 'RT^Referred to provider^HL70286', 2: 'KARUNARATNE^Dilan^^^Dr',
                3: 'Remembrance Dr^^Tahmoor^NSW^2573^AUS^O', 4: 'SURGOPD^^^NRH^^^^^Surgical Outpatients',
                5: '(02) 4683 9100^WPN^PH', 7: '2471002B^AUSHICPR^UPIN'}),
    seg('PID', FITZ),
    seg('DG1', {1: '1', 3: 'C44.6^Malignant neoplasm of skin of upper limb, including shoulder^I10AM', 6: 'W'}),
    seg('DG1', {1: '2', 3: 'E11.9^Type 2 diabetes mellitus without complication^I10AM', 6: 'F'}),
    seg('NTE', {1: '1', 2: 'P', 3: 'Enlarging ulcerated lesion L forearm 14 mm, 3 months. Punch biopsy 28/03: nodular '
                'BCC. Please excise \\T\\ close. Metformin 1 g BD; NKDA.'})]
M['02-adt-a01-admit-day-surgery-fitzgerald-ngata'] = adt(
    'A01', 'ADT_A01', '20320402141500+1100', 'NRHA470002', '20320402141000', FITZ,
    pv1('I', W4B('07'), 'NRHV4710002', SURG, '20320402141000',
        {4: 'C^Elective^HL70007', 10: 'SUR', 8: GP, 14: '1^Referred by GP^NRHADMSRC', 17: one(SURG)}),
    before_pv=[seg('PD1', {4: GP}),
               seg('NK1', {1: '1', 2: 'NGATA^Mere^^^Ms', 3: 'MTH^Mother^HL70063',
                           5: '^PRN^CP^^^^0421555348', 7: 'NOK^Next of kin^HL70131'})],
    extra=[seg('PV2', {3: '^Excision BCC L forearm; post-op cellulitis watch', 8: '20320402'})])
M['03-orm-o01-nw-histo-vitd-fitzgerald-ngata'] = orm(
    '20320402164200', 'NRHO470003', FITZ, pv1('I', W4B('07'), 'NRHV4710002', SURG),
    [order('NW', 'NRH47-0301', HISTO, '20320402164000', SURG, '20320402164000', W4B('07'), group='NRH47-03',
           clin='Excision ulcerated lesion L forearm 24x11 mm, ?BCC; prior punch bx nodular BCC',
           src='^Skin excision L forearm', collected='20320402153000', copies=one(GP)),
     order('NW', 'NRH47-0302', VITD, '20320402164000', SURG, '20320403', W4B('07'), i=2, group='NRH47-03',
           copies=one(GP))])
# ================= Saturday 3 April (AEDT) =================
M['04-adt-a01-admit-via-ed-mcalister'] = adt(
    'A01', 'ADT_A01', '20320403214500+1100', 'NRHA470004', '20320403214000', MCALISTER,
    pv1('I', EDSSU, 'NRHV4710001', PHYS, '20320403214000',
        {4: 'E^Emergency^HL70007', 8: EDDOC, 14: '7^Emergency department^NRHADMSRC', 17: one(PHYS)}),
    before_pv=[seg('PD1', {4: GP}),
               seg('NK1', {1: '1', 2: 'MCALISTER^Craig^^^Mr', 3: 'SON^Son^HL70063', 5: '^PRN^CP^^^^0412555198',
                           7: 'NOK^Next of kin^HL70131'})],
    extra=[seg('PV2', {3: '^Fever, rigors, confusion ?urosepsis'}),
           seg('IN1', {1: '1', 2: 'DVA^Department of Veterans\' Affairs^NRHPLAN', 3: 'DVA^^^AUSDVA',
                       4: 'Department of Veterans\' Affairs', 36: 'NX471001'})])
M['05-orm-o01-nw-bc-uec-lft-mcalister'] = orm(
    '20320403221200', 'NRHO470005', MCALISTER, pv1('I', EDSSU, 'NRHV4710001', PHYS),
    [order('NW', 'NRH47-0501', BC, '20320403221000', PHYS, '20320403221000', EDSSU, prio='S', group='NRH47-05',
           clin='T 39.2, rigors, ?urosepsis', src='^Blood, peripheral venous x2 sets', collected='20320403223000'),
     order('NW', 'NRH47-0502', UEC, '20320403221000', PHYS, '20320403221000', EDSSU, i=2, prio='S', group='NRH47-05',
           collected='20320403223000'),
     order('NW', 'NRH47-0503', LFT, '20320403221000', PHYS, '20320403221000', EDSSU, i=3, prio='S', group='NRH47-05',
           collected='20320403223000')])
# ================= Sunday 4 April: 03:00 AEDT -> 02:00 AEST =================
# the UEC analysed at 02:03 and reported at 02:05 in the FIRST pass (MSH-7 02:06+1100 places them)
M['06-oru-r01-uec-final-mcalister'] = lis(
    '20320404020600+1100', 'BGP4700006', MCALISTER, pv1('I', EDSSU, 'NRHV4710001', PHYS),
    [result('NRH47-0502', 'BGP47-0502', UEC, '20320403223000', '20320403232000', '20320404020500', 'F', 'CH',
            PATH_CHEM, one(PHYS), uec('5.9', 'H', 'F', 'F', '20320404020300'))])
# ED registers Mrs Papadopoulos under a new temporary MRN at 02:10 first pass (name misspelt)
M['07-adt-a01-ed-temp-mrn-papadopoulos'] = adt(
    'A01', 'ADT_A01', '20320404021500+1100', 'NRHA470007', '20320404021200', PAP_TEMP,
    pv1('E', ED, 'NRHV4710003', EDDOC, '20320404021000', {4: 'E^Emergency^HL70007', 10: 'EMD'}),
    extra=[seg('PV2', {3: '^Central chest pain 1 h'})])
M['08-oml-o21-nw-troponin-coag-papadopoulos'] = [
    msh('NRHEMR', 'NRH', '20320404022600+1100', 'NRHE470008', 'OML^O21^OML_O21', '2.5'), seg('PID', PAP_TEMP),
    pv1('E', ED, 'NRHV4710003', EDDOC),
    seg('ORC', {1: 'NW', 2: 'NRH47-0801^NRHEMR', 4: 'NRH47-08^NRHEMR', 9: '20320404022500', 12: EDDOC, 13: ED}),
    seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '1', 2: 'NRH47-0801^NRHEMR', 4: TROP, 13: 'Chest pain onset 01:00', 16: EDDOC}),
    seg('ORC', {1: 'NW', 2: 'NRH47-0802^NRHEMR', 4: 'NRH47-08^NRHEMR', 9: '20320404022500', 12: EDDOC, 13: ED}),
    seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '2', 2: 'NRH47-0802^NRHEMR', 4: COAG, 16: EDDOC})]
# collected 02:40 FIRST pass (15:40Z); the LIS reports 02:18 SECOND pass (16:18Z); MSH-7 02:20+1000
M['09-oru-r01-troponin-final-coag-cancelled-papadopoulos'] = lis(
    '20320404022000+1000', 'BGP4700009', PAP_TEMP, pv1('E', ED, 'NRHV4710003', EDDOC),
    [result('NRH47-0801', 'BGP47-0801', TROP, '20320404024000', '20320404024500', '20320404021800', 'F', 'CH',
            PATH_CHEM, one(EDDOC), [obx(1, 'NM', TROP, '48', 'ng/L^^ISO+', '<16', 'H', 'F', '20320404024000')],
            placer_app='NRHEMR'),
     result('NRH47-0802', 'BGP47-0802', COAG, '20320404024000', '20320404024500', '20320404021800', 'X', 'HM',
            '', one(EDDOC), [], i=2, orc_status='CA', placer_app='NRHEMR',
            notes=['Specimen clotted - test not performed. Please recollect citrate tube.'])])
M['10-adt-a02-transfer-to-ward-mcalister'] = adt(
    'A02', 'ADT_A02', '20320404024000+1000', 'NRHA470010', '20320404023500', MCALISTER,
    pv1('I', W4B('12'), 'NRHV4710001', PHYS, '20320403214000', {4: 'E^Emergency^HL70007', 6: EDSSU}))
# the bare order-comms clock at 02:55 SECOND pass; nothing in the message places it
M['11-orm-o01-ca-lft-cancelled-mcalister'] = orm(
    '20320404025500', 'NRHO470011', MCALISTER, pv1('I', W4B('12'), 'NRHV4710001', PHYS),
    [order('CA', 'NRH47-0503', LFT, '20320404025400', PHYS, '20320403221000', W4B('12'), prio='S',
           reason='DUP^Duplicate request - LFT on 02/04 bloods^NRHOC')])
M['12-adt-a40-merge-temp-into-known-papadopoulos'] = adt(
    'A40', 'ADT_A39', '20320404083000+1000', 'NRHA470012', '20320404082800', PAP, None,
    extra=[seg('MRG', {1: 'NRH4799001^^^NRH^MR'}),
           pv1('E', ED, 'NRHV4710003', EDDOC, '20320404021000', {4: 'E^Emergency^HL70007', 10: 'EMD'})])
M['13-oru-r01-uec-corrected-mcalister'] = lis(
    '20320404101500+1000', 'BGP4700013', MCALISTER, pv1('I', W4B('12'), 'NRHV4710001', PHYS),
    [result('NRH47-0502', 'BGP47-0502', UEC, '20320403223000', '20320403232000', '20320404101400', 'C', 'CH',
            PATH_CHEM, one(PHYS), uec('4.2', '', 'C', 'F', '20320404020300'),
            notes=['Potassium amended 04/04 10:14: 5.9 was measured on a haemolysed aliquot. Dr Hargreaves '
                   'notified by phone.'])])
M['14-adt-a08-update-after-merge-papadopoulos'] = adt(
    'A08', 'ADT_A01', '20320404104500+1000', 'NRHA470014', '20320404104300', PAP_A08,
    pv1('E', ED, 'NRHV4710003', EDDOC, '20320404021000', {4: 'E^Emergency^HL70007', 10: 'EMD'}),
    before_pv=[seg('PD1', {4: GP})])
M['15-adt-a02-transfer-5a-fitzgerald-ngata'] = adt(
    'A02', 'ADT_A02', '20320404110500+1000', 'NRHA470015', '20320404110000', FITZ,
    pv1('I', '5A^03^1^NRH^^^^^Ward 5A Surgical', 'NRHV4710002', SURG, '20320402141000', {4: 'C^Elective^HL70007',
                                                                                          6: W4B('07'), 10: 'SUR'}))
M['16-adt-a12-cancel-transfer-fitzgerald-ngata'] = adt(
    'A12', 'ADT_A12', '20320404113000+1000', 'NRHA470016', '20320404112800', FITZ,
    pv1('I', W4B('07'), 'NRHV4710002', SURG, '20320402141000', {4: 'C^Elective^HL70007',
                                                               6: '5A^03^1^NRH^^^^^Ward 5A Surgical', 10: 'SUR'}))
M['17-adt-a17-bed-swap-mcalister-fitzgerald-ngata'] = (
    adt('A17', 'ADT_A17', '20320404160000+1000', 'NRHA470017', '20320404155500', MCALISTER,
        pv1('I', W4B('07'), 'NRHV4710001', PHYS, '20320403214000', {4: 'E^Emergency^HL70007', 6: W4B('12')}))
    + [seg('PID', FITZ),
       pv1('I', W4B('12'), 'NRHV4710002', SURG, '20320402141000', {4: 'C^Elective^HL70007', 6: W4B('07'),
                                                                   10: 'SUR'})])
# ================= Monday 5 April (AEST) =================
M['18-adt-a01-day-case-endoscopy-tran'] = adt(
    'A01', 'ADT_A01', '20320405073000+1000', 'NRHA470018', '20320405072500', TRAN,
    pv1('I', 'DPU^06^1^NRH^^^^^Day Procedure Unit', 'NRHV4710004', SURG, '20320405072500',
        {4: 'C^Elective^HL70007', 10: 'SUR'}),
    extra=[seg('PV2', {3: '^Colonoscopy, iron deficiency anaemia'})])
M['19-adt-a11-cancel-day-case-tran'] = adt(
    'A11', 'ADT_A09', '20320405075000+1000', 'NRHA470019', '20320405074800', TRAN,
    pv1('I', 'DPU^06^1^NRH^^^^^Day Procedure Unit', 'NRHV4710004', SURG, '20320405072500',
        {4: 'C^Elective^HL70007', 10: 'SUR'}))
# the surgeon replaces the vitamin D by iron studies: ORC-1 RP (the old order) followed by ORC-1 RO (the new one)
M['20-orm-o01-rp-ro-vitd-replaced-by-iron-fitzgerald-ngata'] = orm(
    '20320405090200', 'NRHO470020', FITZ, pv1('I', W4B('12'), 'NRHV4710002', SURG),
    [order('RP', 'NRH47-0302', VITD, '20320405090000', SURG, '20320403', W4B('12'), group='NRH47-03'),
     order('RO', 'NRH47-2001', IRON, '20320405090000', SURG, '20320405', W4B('12'), i=2, group='NRH47-03',
           clin='Hb 104 post-op; replaces vitamin D (not Medicare-rebatable for this indication)', copies=one(GP))])
PIT = ('\\H\\CLINICAL NOTES:\\N\\\\.br\\Excision ulcerated lesion L forearm, ?BCC. Prior punch bx: nodular BCC.'
       '\\.sp\\\\H\\MACROSCOPIC:\\N\\\\.br\\Labelled "L forearm": skin ellipse 24 x 11 mm to a depth of 6 mm with a '
       'central ulcerated nodule 13 x 10 mm. Suture at 12 o\'clock. Inked: 12-6 blue \\T\\ 6-12 black.'
       '\\.br\\\\.in+4\\A1-A3: TS lesion; A4: tips. AE.\\.in-4\\'
       '\\.sp\\\\H\\MICROSCOPIC:\\N\\\\.br\\Nodular and micronodular basal cell carcinoma, ulcerated. Max. depth '
       '2.1 mm. No perineural or lymphovascular invasion.\\.br\\Margins: peripheral 2.0 mm (12 o\'clock) \\F\\ '
       'deep 1.2 mm.\\.br\\BerEP4 +ve \\F\\ EMA -ve.\\.br\\Block key: S32\\E\\04471 A1-A4.'
       '\\.sp\\\\H\\DIAGNOSIS:\\N\\\\.br\\L forearm: basal cell carcinoma, nodular \\T\\ micronodular (high-risk '
       'subtype), completely excised; closest margin deep 1.2 mm.\\.br\\Reported by A/Prof A Chatterjee (FRCPA). '
       'pT1 (AJCC 8th: \\S\\ see synoptic).')
RTF_B64 = ('e1xydGYxXGFuc2lcZGVmZjB7XGZvbnR0Ymx7XGYwIEFyaWFsO319XGZzMjAge1xiIERJQUdOT1NJUzpcYjB9XHBhciBMIGZvcmVhcm06IG'
           'Jhc2FsIGNlbGwgY2FyY2lub21hLCBub2R1bGFyICYgbWljcm9ub2R1bGFyLCBjb21wbGV0ZWx5IGV4Y2lzZWQuXHBhciB9')
M['21-oru-r01-histopathology-pit-report-fitzgerald-ngata'] = lis(
    '20320405100000+1000', 'BGP4700021', FITZ, pv1('I', W4B('12'), 'NRHV4710002', SURG),
    [result('NRH47-0301', 'BGP47-0301', HISTO, '20320402153000', '20320403090000', '20320405095800', 'F', 'SP',
            PATH_HISTO, one(SURG),
            [obx(1, 'FT', HISTO, PIT, st='F'),
             obx(2, 'ED', 'RTF^Display format in RTF^AUSPDI', '^TEXT^RTF^Base64^' + RTF_B64, st='F'),
             obx(3, 'CE', '22637-3^Pathology report final diagnosis Narrative^LN^DX^Diagnosis^L',
                 '1338007^Basal cell carcinoma^SCT^8090/3^Basal cell carcinoma, NOS^ICDO3', st='F')],
            extra={28: one(GP)})])
M['22-vxu-v04-gp-immunisations-okonkwo-bailey'] = [
    msh('RMCCLIN', 'RMC^Razorback Medical Centre^L', '20320405153000+1000', 'RMC4700022', 'VXU^V04^VXU_V04', '2.4'),
    seg('PID', ISLA), seg('PD1', {4: GP2}),
    seg('NK1', {1: '1', 2: 'OKONKWO^Adaeze^^^Mrs', 3: 'MTH^Mother^HL70063', 5: '^PRN^CP^^^^0455555647'}),
    seg('ORC', {1: 'RE', 3: 'RMC47-2201^RMC', 12: GP2}),
    seg('RXA', {1: '0', 2: '1', 3: '20320405151000', 4: '20320405151000',
                5: 'MMRV^Priorix-Tetra^AIR^94^MMRV^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization '
                'record^NIP001', 10: one(GP2), 11: '^^^RMC^^^^^Razorback Medical Centre', 15: 'A71CB472A',
                16: '20330930', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LA^Left arm^HL70163'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '30973-2^Dose number in series^LN', 5: '2', 11: 'F', 14: '20320405151000'}),
    seg('ORC', {1: 'RE', 3: 'RMC47-2202^RMC'}),
    seg('RXA', {1: '0', 2: '1', 3: '20311010', 4: '20311010', 5: 'MMR^M-M-R II^AIR^03^MMR^CVX', 6: '999',
                9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A'}),
    seg('NTE', {1: '1', 2: 'P', 3: 'Given in Auckland NZ at 12 months (Well Child/Tamariki Ora book sighted); '
                'recorded as overseas vaccination.'})]
# ================= Tuesday 6 April (AEST) =================
M['23-oru-r01-blood-culture-susceptibility-mcalister'] = lis(
    '20320406090000+1000', 'BGP4700023', MCALISTER, pv1('I', W4B('07'), 'NRHV4710001', PHYS),
    [result('NRH47-0501', 'BGP47-0501', BC, '20320403223000', '20320403233000', '20320406085500', 'F', 'MB',
            PATH_MICRO, one(PHYS),
            [obx(1, 'CE', '600-7^Bacteria identified in Blood by Culture^LN^ORG^Organism^L',
                 '112283007^Escherichia coli^SCT', st='F', sub='1'),
             obx(2, 'TX', '600-7^Bacteria identified in Blood by Culture^LN^BCCOM^Culture comment^L',
                 'Gram negative bacilli in aerobic bottle at 14 h (set 1 of 2). Phoned to Dr Hargreaves 04/04 12:40.',
                 st='F', sub='1')]),
     result('NRH47-0501', 'BGP47-0501S', SUSC, '20320403223000', '20320403233000', '20320406085500', 'F', 'MB',
            PATH_MICRO, one(PHYS),
            [obx(1, 'SN', '28-1^Ampicillin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '>^16',
                 'mg/L^^ISO+', '', 'R', 'F', sub='1'),
             obx(2, 'SN', '141-2^Ceftriaxone [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^1',
                 'mg/L^^ISO+', '', 'S', 'F', sub='1'),
             obx(3, 'SN', '267-5^Gentamicin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^1',
                 'mg/L^^ISO+', '', 'S', 'F', sub='1'),
             obx(4, 'SN', '185-9^Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN',
                 '>^2', 'mg/L^^ISO+', '', 'R', 'F', sub='1')],
            i=2, extra={26: '600-7&Bacteria identified in Blood by Culture&LN^1^Escherichia coli',
                        29: 'NRH47-0501&NRHOC^BGP47-0501&BGPLIS'})])
M['24-adt-a03-discharge-mcalister'] = adt(
    'A03', 'ADT_A03', '20320406110500+1000', 'NRHA470024', '20320406110000', MCALISTER,
    pv1('I', W4B('07'), 'NRHV4710001', PHYS, '20320403214000',
        {4: 'E^Emergency^HL70007', 36: '9^Usual residence^NRHSEP', 45: '20320406110000'}),
    extra=[seg('DG1', {1: '1', 3: 'A41.51^Sepsis due to Escherichia coli [E. coli]^I10AM', 6: 'F'}),
           seg('DG1', {1: '2', 3: 'N39.0^Urinary tract infection, site not specified^I10AM', 6: 'F'})])

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages in', OUT)
