#!/usr/bin/env python3
r"""Review 59's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a South African private hospital group's registration / billing and its private pathology laboratory on ONE
Africa/Johannesburg channel (SAST +02:00 all year, no daylight saving), March 2034. Jacaranda Parkview Hospital,
Johannesburg (JPH, of the invented Jacaranda Hospital Group) and Thorntree Pathology (TPATH, invented).
- HIS "JPHIS" (registration): ADT^A01 / A04 / A08 / A03 2.5.1 with the patient's medical-aid scheme(s): IN1 (scheme
  by its Council for Medical Schemes registration number, IN1-3 CX authority CMS; plan option IN1-2; membership
  number IN1-36; principal member IN1-16/17/18/49 for a dependant), IN2 (IN2-1 the member's employee number, IN2-61
  the patient's own member number = membership number + dependant code, as schemes print it on the card), IN3 (the
  scheme's pre-authorisation number IN3-2, the scheme's case manager IN3-21), GT1 (self, the father, an employer
  organization for an injury on duty), NK1, ROL (the family GP, PP / HL70443), PV1-20 financial class, ACC (a rugby
  injury; an injury on duty at a mine, job related). A gap-cover insurer added by an A08 as IN1 #2; the scheme's plan
  option changed by an A08 under the same membership number; a foreign patient's travel insurer withdrawn by an A08
  sending the delete-all IN1 and financial class CASH.
- Billing "JPBILL": BAR^P01 (add account) and BAR^P05 (update account), DFT^P03 (ward and theatre charges, NHRPL-style
  tariff codes, ICD-10 diagnosis on FT1-19).
- LIS "TPLIS" (Thorntree Pathology): ORU^R01 2.4 (FBC, U&E, CRP, coagulation panels final; cumulative corrections:
  the whole panel resent with the corrected result OBX-11 C and OBR-25 C; a urine MC&S preliminary, then final with an
  E. coli isolate and its susceptibility child OBR (OBR-26 / OBR-29 naming the parent), then a corrected
  susceptibility).
Every MSH-7 carries +0200; every time inside is bare. Two patients' events fall just after local midnight (the UTC date
is the day before). PID-3: the hospital MRN (JPH MR) and the 13-digit South African ID number (authority DHA, type NI,
Luhn check digit right); a Zimbabwean patient's passport (authority ZWE, type PPN) instead. Patients and numbers
(JP59..., TP59-..., accessions T59...) none of earlier reviews' (grepped). Fields placed by number. All persons,
numbers, schemes, companies and addresses are invented; local test codes are the lab's, LOINC beside them.
Run from the worktree root (convert with --timezone Africa/Johannesburg):
    python3 docs/review59/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review59/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, ver='2.5.1', to='HIG'):
    return seg('MSH', {3: app, 4: 'JPH' if app != 'TPLIS' else 'TPATH', 5: to, 6: 'JPH', 7: t, 9: typ, 10: ctl, 11: 'P',
                       12: ver, 17: 'ZAF'})


def evn(code, t, who='C0712^BOTHA^ANRI^^^^^^JPH'):
    return seg('EVN', {1: code, 2: t, 5: who})


def sa_id(first12):
    """A South African ID number: YYMMDD SSSS C A + the Luhn check digit."""
    digits = [int(c) for c in first12]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return first12 + str((10 - total % 10) % 10)


# ---- persons ----
TN_ID = sa_id('860412051208')      # Thandiwe Ndlovu, female (0512), citizen
TN_SPOUSE_ID = sa_id('830907584108')
JV_ID = sa_id('790215573208')      # Johannes van der Merwe, male (5732), the principal member
LV_ID = sa_id('150618541408')      # Liam, male
AV_ID = sa_id('810330021308')      # Anneke van der Merwe, female
SM_ID = sa_id('680122612308')      # Sipho Mokoena, male
NM_ID = sa_id('720514038208')      # Nomvula Mokoena, female

THANDIWE = {1: '1', 3: f'JP5900311^^^JPH^MR~{TN_ID}^^^DHA^NI', 5: 'NDLOVU^THANDIWE^NOMSA^^MRS^^L', 7: '19860412',
            8: 'F', 10: 'B^Black African^ZA-STATSSA', 11: '41 Jan Smuts Avenue^Parktown North^Johannesburg^GP^2193^ZAF^H',
            13: '^PRN^CP^^27^82^5513907', 15: 'zul^isiZulu^ISO639-3', 16: 'M', 18: 'JPA5900311-01^^^JPH^AN',
            26: 'ZAF'}
LIAM = {1: '1', 3: f'JP5900329^^^JPH^MR~{LV_ID}^^^DHA^NI', 5: 'VAN DER MERWE^LIAM^JOHANNES^^^^L', 7: '20150618',
        8: 'M', 11: '7 Kiaat Street^Linden^Johannesburg^GP^2195^ZAF^H', 13: '^PRN^CP^^27^83^4471206',
        15: 'afr^Afrikaans^ISO639-3', 18: 'JPA5900329-01^^^JPH^AN', 26: 'ZAF'}
SIPHO = {1: '1', 3: f'JP5900337^^^JPH^MR~{SM_ID}^^^DHA^NI', 5: 'MOKOENA^SIPHO^DAVID^^MR^^L', 7: '19680122', 8: 'M',
         11: '2281 Mphahlele Street^Orlando West^Soweto^GP^1804^ZAF^H', 13: '^PRN^CP^^27^72^6608134', 15: 'sot^Sesotho^ISO639-3',
         16: 'M', 18: 'JPA5900337-01^^^JPH^AN', 26: 'ZAF'}
TENDAI = {1: '1', 3: 'JP5900345^^^JPH^MR~FN284716^^^ZWE^PPN', 5: 'CHIKWANHA^TENDAI^RUVIMBO^^MS^^L', 7: '19930809',
          8: 'F', 11: 'Protea Court 12^14 Rivonia Road^Sandton^GP^2196^ZAF^C', 13: '^PRN^CP^^263^77^3194552',
          18: 'JPA5900345-01^^^JPH^AN', 26: 'ZWE', 28: 'ZWE'}

# ---- providers (HPCSA registration numbers as the hospital's staff ids) ----
SURG = 'MP0481297^PILLAY^RAJESH^^^DR^^^HPCSA'
EMERG = 'MP0533018^KRUGER^MARIKE^^^DR^^^HPCSA'
ORTHO = 'MP0419752^DLAMINI^BONGANI^S^^DR^^^HPCSA'
GPDOC = 'MP0396604^NAIDOO^PRIYA^^^DR^^^HPCSA'
UROL = 'MP0502261^FOURIE^HENDRIK^^^DR^^^HPCSA'
PATH = 'MP0455810^MOODLEY^KAVITHA^^^DR^^^HPCSA'
MICRO = 'MP0462377^ERASMUS^JOHAN^^^DR^^^HPCSA'


def pv1(cls, where, visit, doc, start, fin, end='', extra=None):
    f = {1: '1', 2: cls, 3: where, 7: doc, 10: {'I': 'SUR', 'E': 'EMR', 'O': 'URO'}[cls], 18: cls, 19: f'{visit}^^^JPH^VN',
         20: fin, 39: 'JPH', 44: start}
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


# ---- schemes (IN1-3 the Council for Medical Schemes registration number) ----
HIGHVELD = {3: '1571^^^CMS^NIIP', 4: 'Highveld Medical Scheme', 5: 'PO Box 78112^^Sandton^GP^2146^ZAF^B',
            7: '^WPN^PH^^27^860^4490011'}
PROTEA_GAP = {3: 'FSP44170^^^FSCA^NIIP', 4: 'Protea Gap Cover (Pty) Ltd', 7: '^WPN^PH^^27^861^7762030'}
KAROO = {3: '1288^^^CMS^NIIP', 4: 'Karoo Mutual Medical Aid Society', 5: 'Private Bag X19^^Bellville^WC^7535^ZAF^B',
         7: '^WPN^PH^^27^860^1172400'}
COIDA = {3: 'CF001^^^DEL^NIIP', 4: 'Compensation Fund (COIDA)', 5: 'PO Box 955^^Pretoria^GP^0001^ZAF^B',
         7: '^WPN^PH^^27^12^3199111'}
CIVITAS = {3: '1403^^^CMS^NIIP', 4: 'Civitas Medical Scheme', 7: '^WPN^PH^^27^860^2248800'}
ZAMBEZI = {3: 'ZTA77^^^IPEC^NIIP', 4: 'Zambezi Travel Assist', 5: '18 Samora Machel Avenue^^Harare^^^ZWE^B',
           7: '^WPN^PH^^263^242^706114'}


def in1(i, payer, plan, extra):
    f = dict(payer)
    f.update({1: str(i), 2: plan})
    f.update(extra)
    return seg('IN1', f)


def in2(extra):
    return seg('IN2', extra)


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


def orc(ctl, placer, filler, status, t, doc, extra=None):
    f = {1: ctl, 2: placer, 3: filler, 5: status, 9: t, 12: doc, 21: 'Thorntree Pathology^L^^^^TPATH'}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, extra):
    f = {1: str(i), 2: placer, 3: filler, 4: code}
    f.update(extra)
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', sub='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


# ---- lab codes (Thorntree's code, then LOINC) ----
FBC = 'FBC^Full Blood Count^TPATH^58410-2^CBC panel - Blood by Automated count^LN'
UE = 'UE^Urea and Electrolytes^TPATH^24326-1^Electrolytes 1998 panel - Serum or Plasma^LN'
CRP = 'CRP^C-Reactive Protein^TPATH^1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN'
COAG = 'COAG^PT/INR and PTT^TPATH^34528-0^PT and aPTT panel - Platelet poor plasma by Coagulation assay^LN'
UMCS = 'UMCS^Urine MC and S^TPATH^630-4^Bacteria identified in Urine by Culture^LN'
SUSC = 'SUSC^Susceptibility^TPATH^29576-6^Bacterial susceptibility panel^LN'


def fbc_rows(hb, wcc, plt, hct):
    return [('NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', hb, 'g/dL', '12.0-15.5'),
            ('NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', wcc, '10*9/L', '3.9-12.6'),
            ('NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', plt, '10*9/L', '186-454'),
            ('NM', '4544-3^Hematocrit [Volume Fraction] of Blood by Automated count^LN', hct, 'L/L', '0.36-0.46')]


def ue_rows(na, k, cl, urea, creat, kstatus='F', kflag=''):
    return [('NM', '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', na, 'mmol/L', '136-145', '', 'F'),
            ('NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', k, 'mmol/L', '3.5-5.1', kflag, kstatus),
            ('NM', '2075-0^Chloride [Moles/volume] in Serum or Plasma^LN', cl, 'mmol/L', '98-107', '', 'F'),
            ('NM', '3094-0^Urea nitrogen [Moles/volume] in Serum or Plasma^LN', urea, 'mmol/L', '2.1-7.1', '', 'F'),
            ('NM', '2160-0^Creatinine [Moles/volume] in Serum or Plasma^LN', creat, 'umol/L', '49-90', '', 'F')]


def rows(rs, t, status='F'):
    out = []
    for k, r in enumerate(rs):
        vt, code, value, units, rr = r[:5]
        flag = r[5] if len(r) > 5 else ''
        st = r[6] if len(r) > 6 else status
        out.append(obx(k + 1, vt, code, value, units, rr, flag, st, t))
    return out


M = {}

# =========================== Thandiwe Ndlovu: principal member, elective cholecystectomy ===========================
TN_PV1 = lambda end='': pv1('I', 'W3^312^B^JPH^^^^^Surgical Ward 3', 'JPV5900311-01', SURG, '20340306064500',  # noqa: E731
                            'MA^Medical aid^JPH-FC', end)
TN_IN1 = lambda extra=None: in1(1, HIGHVELD, 'SUMCOMP^Summit Comprehensive^HMS', {  # noqa: E731
    8: 'E2207', 9: 'Gauteng Provincial Treasury', 12: '20190301', 15: 'MED^Medical scheme^JPH-PT',
    16: 'NDLOVU^THANDIWE^NOMSA^^MRS', 17: 'SEL^Self^HL70063', 18: '19860412',
    19: '41 Jan Smuts Avenue^Parktown North^Johannesburg^GP^2193^ZAF^H', 22: '1', 36: '91007734',
    43: 'F', 49: f'{TN_ID}^^^DHA^NI'} | (extra or {}))
TN_IN2 = lambda: in2({1: 'PT-448120^^^GPT^EI', 61: '91007734-00^^^HMS^MB'})  # noqa: E731
TN_IN3 = lambda: seg('IN3', {1: '1', 2: 'HMS-PA-2034-0388172^^^HMS', 3: 'HMS0551^MAHLANGU^ZODWA^^^^^^HMS',
                             4: 'Y', 7: '20340228103000', 21: 'HMS0551^MAHLANGU^ZODWA^^^^^^HMS'})
TN_GT1 = lambda: seg('GT1', {1: '1', 2: f'{TN_ID}^^^DHA^NI', 3: 'NDLOVU^THANDIWE^NOMSA^^MRS',  # noqa: E731
                             5: '41 Jan Smuts Avenue^Parktown North^Johannesburg^GP^2193^ZAF^H',
                             6: '^PRN^CP^^27^82^5513907', 8: '19860412', 9: 'F', 10: 'P', 11: 'SEL^Self^HL70063',
                             13: '20340306', 16: 'Gauteng Provincial Treasury'})
TN_NK1 = lambda: seg('NK1', {1: '1', 2: 'NDLOVU^MANDLA^ZAKHELE^^MR', 3: 'SPO^Spouse^HL70063',  # noqa: E731
                             4: '41 Jan Smuts Avenue^Parktown North^Johannesburg^GP^2193^ZAF^H',
                             5: '^PRN^CP^^27^82^9904417', 7: 'C^Emergency Contact^HL70131', 15: 'M',
                             33: f'{TN_SPOUSE_ID}^^^DHA^NI'})
TN_ROL = lambda: seg('ROL', {1: 'R59-1^^^JPH', 2: 'UC', 3: 'PP^Primary Care Provider^HL70443', 4: GPDOC,  # noqa: E731
                             11: 'Parktown Family Practice^14 Tyrwhitt Avenue^Johannesburg^GP^2196^ZAF^B'})
TN_PID = lambda: seg('PID', THANDIWE)  # noqa: E731

# 01 ADT^A01: admission for an elective laparoscopic cholecystectomy, principal member of Highveld (self)
M['01-adt-a01-thandiwe-admit-principal-member'] = [
    msh('JPHIS', '20340306064812+0200', 'JPH5901001', 'ADT^A01^ADT_A01'), evn('A01', '20340306064500'), TN_PID(),
    TN_ROL(), TN_NK1(), TN_PV1(), seg('PV2', {3: 'K80.2^Calculus of gallbladder without cholecystitis^I10', 8: '20340306',
                                               9: '20340308'}),
    seg('DG1', {1: '1', 3: 'K80.2^Calculus of gallbladder without cholecystitis^I10', 6: 'A'}),
    TN_GT1(), TN_IN1(), TN_IN2(), TN_IN3(),
]
# 02 ORU^R01: pre-operative FBC + U&E final
TN_ORD_FBC, TN_ORD_UE = 'JPO5900311-1^JPHIS', 'JPO5900311-2^JPHIS'
TN_FIL_FBC, TN_FIL_UE = 'T59-110041^TPLIS', 'T59-110042^TPLIS'
M['02-oru-r01-thandiwe-preop-fbc-ue'] = [
    msh('TPLIS', '20340306083115+0200', 'TPL5902001', 'ORU^R01', '2.4'), TN_PID(), TN_PV1(),
    orc('RE', TN_ORD_FBC, TN_FIL_FBC, 'CM', '20340306083000', SURG),
    obr(1, TN_ORD_FBC, TN_FIL_FBC, FBC, {7: '20340306070500', 14: '20340306072200', 15: 'BLDV&Blood venous&HL70070',
                                         16: SURG, 22: '20340306082900', 24: 'HM', 25: 'F', 32: PATH}),
    *rows(fbc_rows('13.1', '7.4', '266', '0.40'), '20340306081000'),
    orc('RE', TN_ORD_UE, TN_FIL_UE, 'CM', '20340306083000', SURG),
    obr(2, TN_ORD_UE, TN_FIL_UE, UE, {7: '20340306070500', 14: '20340306072200', 15: 'SER&Serum&HL70070', 16: SURG,
                                      22: '20340306082900', 24: 'CH', 25: 'F', 32: PATH}),
    *rows(ue_rows('139', '5.9', '103', '4.8', '71', kflag='H'), '20340306080500'),
    nte(1, 'Specimen haemolysed (moderate): potassium may be falsely raised. Repeat advised.'),
]
# 03 ADT^A08: gap cover added as IN1 #2; the scheme's IN1 again (same membership number), pre-auth extended
M['03-adt-a08-thandiwe-gap-cover-added'] = [
    msh('JPHIS', '20340306091522+0200', 'JPH5901003', 'ADT^A08^ADT_A01'), evn('A08', '20340306091500'), TN_PID(),
    TN_ROL(), TN_NK1(), TN_PV1(), TN_GT1(),
    TN_IN1(), TN_IN2(),
    seg('IN3', {1: '1', 2: 'HMS-PA-2034-0388172^^^HMS', 3: 'HMS0551^MAHLANGU^ZODWA^^^^^^HMS', 4: 'Y',
                7: '20340306090200', 8: '20340308', 21: 'HMS0551^MAHLANGU^ZODWA^^^^^^HMS'}),
    in1(2, PROTEA_GAP, 'GAPPLUS^Gap Plus^PGC', {12: '20330101', 15: 'GAP^Gap cover^JPH-PT',
                                               16: 'NDLOVU^THANDIWE^NOMSA^^MRS', 17: 'SEL^Self^HL70063', 22: '2',
                                               36: 'PGC-3318406', 43: 'F', 49: f'{TN_ID}^^^DHA^NI'}),
]
# 04 ORU^R01: U&E repeat on a fresh sample: the lab resends the whole U&E panel, potassium corrected (OBX-11 C, OBR-25 C)
M['04-oru-r01-thandiwe-ue-potassium-corrected'] = [
    msh('TPLIS', '20340306102744+0200', 'TPL5902004', 'ORU^R01', '2.4'), TN_PID(), TN_PV1(),
    orc('RE', TN_ORD_UE, TN_FIL_UE, 'CM', '20340306102700', SURG),
    obr(1, TN_ORD_UE, TN_FIL_UE, UE, {7: '20340306070500', 14: '20340306072200', 15: 'SER&Serum&HL70070', 16: SURG,
                                      22: '20340306102600', 24: 'CH', 25: 'C', 32: PATH}),
    *rows(ue_rows('139', '4.3', '103', '4.8', '71', kstatus='C'), '20340306080500'),
    nte(1, 'CORRECTED REPORT: potassium 5.9 mmol/L (haemolysed) replaced by 4.3 mmol/L on a repeat sample collected 09:40.'),
]
# 05 DFT^P03: ward day and theatre charges (billing system), NHRPL-style tariff codes, ICD-10 on FT1-19
M['05-dft-p03-thandiwe-ward-theatre-charges'] = [
    msh('JPBILL', '20340307231004+0200', 'JPB5905005', 'DFT^P03^DFT_P03'), evn('P03', '20340307231000'), TN_PID(),
    TN_PV1(),
    seg('FT1', {1: '1', 2: 'JPC59-0088101', 4: '20340306', 5: '20340307', 6: 'CG^Charge^HL70017',
                7: '058^Ward fee surgical per day^NHRPL', 10: '1', 11: '3480.00&ZAR', 12: '3480.00&ZAR',
                13: 'W3^Surgical Ward 3^JPH', 19: 'K80.2^Calculus of gallbladder without cholecystitis^I10', 21: SURG}),
    seg('FT1', {1: '2', 2: 'JPC59-0088102', 4: '20340306', 5: '20340307', 6: 'CG^Charge^HL70017',
                7: '0301^Theatre fee per minute^NHRPL', 10: '74', 11: '14356.00&ZAR', 12: '194.00&ZAR',
                13: 'TH2^Theatre 2^JPH', 19: 'K80.2^Calculus of gallbladder without cholecystitis^I10', 20: SURG,
                25: '1385^Laparoscopic cholecystectomy^NHRPL'}),
]
# 06 ADT^A03: discharge home
M['06-adt-a03-thandiwe-discharge'] = [
    msh('JPHIS', '20340308105130+0200', 'JPH5901006', 'ADT^A03^ADT_A03'), evn('A03', '20340308104500'), TN_PID(),
    TN_ROL(), seg('PV1', {1: '1', 2: 'I', 3: 'W3^312^B^JPH^^^^^Surgical Ward 3', 7: SURG, 10: 'SUR', 18: 'I',
                          19: 'JPV5900311-01^^^JPH^VN', 20: 'MA^Medical aid^JPH-FC', 36: '01^Discharged to home^HL70112',
                          39: 'JPH', 44: '20340306064500', 45: '20340308104500'}),
    TN_GT1(), TN_IN1(), TN_IN2(),
    in1(2, PROTEA_GAP, 'GAPPLUS^Gap Plus^PGC', {12: '20330101', 15: 'GAP^Gap cover^JPH-PT',
                                               16: 'NDLOVU^THANDIWE^NOMSA^^MRS', 17: 'SEL^Self^HL70063', 22: '2',
                                               36: 'PGC-3318406', 43: 'F', 49: f'{TN_ID}^^^DHA^NI'}),
]

# =========================== Liam van der Merwe: a dependant (child) on his father's scheme, ED, rugby ===========================
JV_NAME = 'VAN DER MERWE^JOHANNES^PIETER^^MR'
LV_PV1 = lambda end='', extra=None: pv1('E', 'ED^RESUS2^^JPH^^^^^Emergency Department', 'JPV5900329-01', EMERG,  # noqa: E731
                                        '20340310003800', 'MA^Medical aid^JPH-FC', end, extra)
LV_IN1 = lambda extra=None: in1(1, KAROO, 'KMCLAS^Classic Saver^KMA', {  # noqa: E731
    8: 'G0419', 9: 'Linden Engineering Works', 12: '20150701', 15: 'MED^Medical scheme^JPH-PT', 16: JV_NAME,
    17: 'FTH^Father^HL70063', 18: '19790215', 19: '7 Kiaat Street^Linden^Johannesburg^GP^2195^ZAF^H', 22: '1',
    36: '44518820', 43: 'M', 49: f'{JV_ID}^^^DHA^NI'} | (extra or {}))
LV_IN2 = lambda: in2({1: 'LEW-0217^^^LEW^EI', 61: '44518820-02^^^KMA^MB'})  # noqa: E731
LV_GT1 = lambda: seg('GT1', {1: '1', 2: f'{JV_ID}^^^DHA^NI', 3: JV_NAME,  # noqa: E731
                             5: '7 Kiaat Street^Linden^Johannesburg^GP^2195^ZAF^H', 6: '^PRN^CP^^27^83^4471206',
                             7: '^WPN^PH^^27^11^7820455', 8: '19790215', 9: 'M', 10: 'P', 11: 'FTH^Father^HL70063',
                             13: '20340310', 16: 'Linden Engineering Works'})
LV_NK1 = lambda phone='^PRN^CP^^27^83^4471206': [  # noqa: E731
    seg('NK1', {1: '1', 2: JV_NAME, 3: 'FTH^Father^HL70063', 4: '7 Kiaat Street^Linden^Johannesburg^GP^2195^ZAF^H',
                5: phone, 7: 'N^Next-of-Kin^HL70131', 15: 'M', 16: '19790215', 33: f'{JV_ID}^^^DHA^NI'}),
    seg('NK1', {1: '2', 2: 'VAN DER MERWE^ANNEKE^^^MRS', 3: 'MTH^Mother^HL70063',
                4: '7 Kiaat Street^Linden^Johannesburg^GP^2195^ZAF^H', 5: '^PRN^CP^^27^82^3318590',
                7: 'C^Emergency Contact^HL70131', 15: 'F', 16: '19810330', 33: f'{AV_ID}^^^DHA^NI'}),
]
LV_ACC = lambda: seg('ACC', {1: '20340309213000', 2: 'W03^Other fall on same level due to collision with another person^I10',  # noqa: E731
                             3: 'Linden High School rugby field', 5: 'N', 6: 'N',
                             8: 'Tackled during evening rugby practice, fell on outstretched right arm',
                             9: 'Father (private vehicle)', 10: 'N'})
LV_PID = lambda: seg('PID', LIAM)  # noqa: E731

# 07 ADT^A04: ED registration 00:38 (UTC the day before), the father the principal member and guarantor
M['07-adt-a04-liam-ed-registration-dependant'] = [
    msh('JPHIS', '20340310004105+0200', 'JPH5901007', 'ADT^A04^ADT_A01'), evn('A04', '20340310003800'), LV_PID(),
    *LV_NK1(), LV_PV1(), seg('PV2', {3: 'S52.5^Fracture of lower end of radius^I10'}), LV_GT1(), LV_IN1(), LV_IN2(),
    LV_ACC(),
]
# 08 ORU^R01: FBC + CRP final
LV_ORD_FBC, LV_ORD_CRP = 'JPO5900329-1^JPHIS', 'JPO5900329-2^JPHIS'
LV_FIL_FBC, LV_FIL_CRP = 'T59-110077^TPLIS', 'T59-110078^TPLIS'
M['08-oru-r01-liam-fbc-crp'] = [
    msh('TPLIS', '20340310022509+0200', 'TPL5902008', 'ORU^R01', '2.4'), LV_PID(), LV_PV1(),
    orc('RE', LV_ORD_FBC, LV_FIL_FBC, 'CM', '20340310022500', EMERG),
    obr(1, LV_ORD_FBC, LV_FIL_FBC, FBC, {7: '20340310010500', 14: '20340310013000', 15: 'BLDV&Blood venous&HL70070',
                                         16: EMERG, 22: '20340310021800', 24: 'HM', 25: 'F', 32: PATH}),
    *rows(fbc_rows('13.8', '11.2', '301', '0.41'), '20340310020000'),
    orc('RE', LV_ORD_CRP, LV_FIL_CRP, 'CM', '20340310022500', EMERG),
    obr(2, LV_ORD_CRP, LV_FIL_CRP, CRP, {7: '20340310010500', 14: '20340310013000', 15: 'SER&Serum&HL70070',
                                         16: EMERG, 22: '20340310021800', 24: 'CH', 25: 'F', 32: PATH}),
    obx(1, 'NM', '1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN', '<5', 'mg/L', '<10', t='20340310021000'),
]
# 09 ADT^A08: the father's cell number corrected (NK1 and GT1); the scheme IN1 and the GT1 resent
M['09-adt-a08-liam-father-phone-corrected'] = [
    msh('JPHIS', '20340310031733+0200', 'JPH5901009', 'ADT^A08^ADT_A01'), evn('A08', '20340310031700'), LV_PID(),
    *LV_NK1('^PRN^CP^^27^83^4471260'), LV_PV1(),
    seg('GT1', {1: '1', 2: f'{JV_ID}^^^DHA^NI', 3: JV_NAME, 5: '7 Kiaat Street^Linden^Johannesburg^GP^2195^ZAF^H',
                6: '^PRN^CP^^27^83^4471260', 7: '^WPN^PH^^27^11^7820455', 8: '19790215', 9: 'M', 10: 'P',
                11: 'FTH^Father^HL70063', 13: '20340310', 16: 'Linden Engineering Works'}),
    LV_IN1(), LV_IN2(), LV_ACC(),
]
# 10 ADT^A03: discharged from ED with a cast, ortho follow-up
M['10-adt-a03-liam-ed-discharge'] = [
    msh('JPHIS', '20340310054512+0200', 'JPH5901010', 'ADT^A03^ADT_A03'), evn('A03', '20340310054000'), LV_PID(),
    LV_PV1('20340310054000', {36: '01^Discharged to home^HL70112'}), LV_GT1(), LV_IN1(), LV_IN2(),
]

# =========================== Sipho Mokoena: injury on duty (COIDA) + his own scheme, ORIF ===========================
SM_PV1 = lambda end='', extra=None: pv1('I', 'W5^508^A^JPH^^^^^Orthopaedic Ward 5', 'JPV5900337-01', ORTHO,  # noqa: E731
                                        '20340314003500', 'COID^Injury on duty (COIDA)^JPH-FC', end, {10: 'ORT'} | (extra or {}))
EMPLOYER = 'Lesedi Platinum Mining (Pty) Ltd^L^^^^CIPC&&L^XX^^^2009/014477/07'
SM_COIDA = lambda extra=None: in1(1, COIDA, 'COIDA^Compensation for Occupational Injuries and Diseases^DEL', {  # noqa: E731
    10: '990012734^^^DEL^EI', 11: EMPLOYER, 12: '20340313', 15: 'WC^Workers compensation^JPH-PT',
    16: 'MOKOENA^SIPHO^DAVID^^MR', 17: 'SEL^Self^HL70063', 22: '1', 43: 'M', 49: f'{SM_ID}^^^DHA^NI'} | (extra or {}))
SM_CIVITAS = lambda plan='CIVESS^Essential^CMS', extra=None: in1(2, CIVITAS, plan, {  # noqa: E731
    12: '20120101', 15: 'MED^Medical scheme^JPH-PT', 16: 'MOKOENA^SIPHO^DAVID^^MR', 17: 'SEL^Self^HL70063',
    22: '2', 36: '30277150', 43: 'M', 49: f'{SM_ID}^^^DHA^NI'} | (extra or {}))
SM_GT1 = lambda: seg('GT1', {1: '1', 2: '990012734^^^DEL^EI', 10: 'O^Organization^JPH-GT', 11: 'EMR^Employer^HL70063',  # noqa: E731
                             13: '20340314', 21: EMPLOYER})
SM_NK1 = lambda: seg('NK1', {1: '1', 2: 'MOKOENA^NOMVULA^GRACE^^MRS', 3: 'SPO^Spouse^HL70063',  # noqa: E731
                             4: '2281 Mphahlele Street^Orlando West^Soweto^GP^1804^ZAF^H', 5: '^PRN^CP^^27^73^2291746',
                             7: 'N^Next-of-Kin^HL70131', 15: 'F', 33: f'{NM_ID}^^^DHA^NI'})
SM_ACC = lambda: seg('ACC', {1: '20340313235000',  # noqa: E731
                             2: 'W23^Caught, crushed, jammed or pinched in or between objects^I10',
                             3: 'Lesedi Platinum Mine, Shaft 4, level 22', 5: 'Y', 6: 'N',
                             8: 'Left lower leg crushed between a loco and the tunnel wall on night shift',
                             9: 'Mine ambulance', 10: 'N',
                             11: 'Shaft 4^Lesedi Platinum Mine^Rustenburg^NW^0300^ZAF^B'})
SM_PID = lambda: seg('PID', SIPHO)  # noqa: E731

# 11 ADT^A01: admitted 00:35 after a night-shift injury on duty; COIDA IN1 #1 (employer as policy holder), own scheme #2
M['11-adt-a01-sipho-injury-on-duty'] = [
    msh('JPHIS', '20340314003912+0200', 'JPH5901011', 'ADT^A01^ADT_A01'), evn('A01', '20340314003500'), SM_PID(),
    SM_NK1(), SM_PV1(), seg('PV2', {3: 'S82.2^Fracture of shaft of tibia^I10'}),
    seg('DG1', {1: '1', 3: 'S82.2^Fracture of shaft of tibia^I10', 6: 'A'}),
    seg('DG1', {1: '2', 3: 'W23^Caught, crushed, jammed or pinched in or between objects^I10', 6: 'A'}),
    SM_GT1(), SM_COIDA(), SM_CIVITAS(), SM_ACC(),
]
# 12 BAR^P01: the billing system opens the account (GT1 employer, both IN1s)
M['12-bar-p01-sipho-add-account'] = [
    msh('JPBILL', '20340314010203+0200', 'JPB5905012', 'BAR^P01^BAR_P01'), evn('P01', '20340314010200'), SM_PID(),
    SM_PV1(), SM_GT1(), SM_COIDA(), SM_CIVITAS(), SM_ACC(),
]
# 13 ORU^R01: pre-op FBC + coagulation
SM_ORD_FBC, SM_ORD_COAG = 'JPO5900337-1^JPHIS', 'JPO5900337-2^JPHIS'
SM_FIL_FBC, SM_FIL_COAG = 'T59-110120^TPLIS', 'T59-110121^TPLIS'
COAG_ROWS = lambda inr, st='F': [  # noqa: E731
    ('NM', '5902-2^Prothrombin time (PT)^LN', '13.9' if st == 'F' else '12.1', 's', '9.7-13.0', 'H' if st == 'F' else '', st),
    ('NM', '6301-6^INR in Platelet poor plasma by Coagulation assay^LN', inr, '{INR}', '0.8-1.2', 'H' if st == 'F' else '', st),
    ('NM', '3173-2^aPTT in Blood by Coagulation assay^LN', '31.0', 's', '25.4-36.9', '', 'F')]
M['13-oru-r01-sipho-preop-fbc-coag'] = [
    msh('TPLIS', '20340314021451+0200', 'TPL5902013', 'ORU^R01', '2.4'), SM_PID(), SM_PV1(),
    orc('RE', SM_ORD_FBC, SM_FIL_FBC, 'CM', '20340314021400', ORTHO),
    obr(1, SM_ORD_FBC, SM_FIL_FBC, FBC, {7: '20340314011000', 14: '20340314012500', 15: 'BLDV&Blood venous&HL70070',
                                         16: ORTHO, 22: '20340314020500', 24: 'HM', 25: 'F', 32: PATH}),
    *rows(fbc_rows('11.6', '14.9', '212', '0.35'), '20340314015000'),
    orc('RE', SM_ORD_COAG, SM_FIL_COAG, 'CM', '20340314021400', ORTHO),
    obr(2, SM_ORD_COAG, SM_FIL_COAG, COAG, {7: '20340314011000', 14: '20340314012500', 15: 'PLAS&Plasma&HL70070',
                                            16: ORTHO, 22: '20340314020500', 24: 'HM', 25: 'F', 32: PATH}),
    *rows(COAG_ROWS('1.32'), '20340314015500'),
]
# 15 ADT^A08: the Compensation Fund claim number registered (IN1-36 on the COIDA IN1); Civitas plan option upgraded
# from Essential to Essential Plus from 1 March under the same membership number
M['15-adt-a08-sipho-coida-claim-plan-change'] = [
    msh('JPHIS', '20340314154405+0200', 'JPH5901014', 'ADT^A08^ADT_A01'), evn('A08', '20340314154400'), SM_PID(),
    SM_NK1(), SM_PV1(), SM_GT1(),
    SM_COIDA({36: 'CF-2034-0098215'}),
    SM_CIVITAS('CIVESP^Essential Plus^CMS', {12: '20340301'}),
    SM_ACC(),
]
# 16 BAR^P05: the billing system updates the account (the COIDA claim number)
M['16-bar-p05-sipho-update-account'] = [
    msh('JPBILL', '20340314160011+0200', 'JPB5905015', 'BAR^P05^BAR_P05'), evn('P05', '20340314160000'), SM_PID(),
    SM_PV1(), SM_GT1(), SM_COIDA({36: 'CF-2034-0098215'}), SM_CIVITAS('CIVESP^Essential Plus^CMS', {12: '20340301'}),
]
# 14 ORU^R01: coagulation corrected (sample clotted: PT and INR replaced from a repeat), whole panel resent
M['14-oru-r01-sipho-coag-corrected'] = [
    msh('TPLIS', '20340314043320+0200', 'TPL5902016', 'ORU^R01', '2.4'), SM_PID(), SM_PV1(),
    orc('RE', SM_ORD_COAG, SM_FIL_COAG, 'CM', '20340314043300', ORTHO),
    obr(1, SM_ORD_COAG, SM_FIL_COAG, COAG, {7: '20340314011000', 14: '20340314012500', 15: 'PLAS&Plasma&HL70070',
                                            16: ORTHO, 22: '20340314043000', 24: 'HM', 25: 'C', 32: PATH}),
    *rows(COAG_ROWS('1.05', 'C'), '20340314042000'),
    nte(1, 'CORRECTED: first sample partially clotted; PT and INR repeated on a new sample. Previous INR 1.32 withdrawn.'),
]
# 17 DFT^P03: theatre + implant charges (ORIF tibia), the COIDA account
M['17-dft-p03-sipho-theatre-implant-charges'] = [
    msh('JPBILL', '20340315221530+0200', 'JPB5905017', 'DFT^P03^DFT_P03'), evn('P03', '20340315221500'), SM_PID(),
    SM_PV1(),
    seg('FT1', {1: '1', 2: 'JPC59-0091401', 4: '20340314', 5: '20340315', 6: 'CG^Charge^HL70017',
                7: '0301^Theatre fee per minute^NHRPL', 10: '128', 11: '24832.00&ZAR', 12: '194.00&ZAR',
                13: 'TH1^Theatre 1^JPH', 19: 'S82.2^Fracture of shaft of tibia^I10', 20: ORTHO}),
    seg('FT1', {1: '2', 2: 'JPC59-0091402', 4: '20340314', 5: '20340315', 6: 'CG^Charge^HL70017',
                7: 'IMP4410^Intramedullary tibial nail system^JPH', 10: '1', 11: '38950.00&ZAR', 12: '38950.00&ZAR',
                13: 'TH1^Theatre 1^JPH', 19: 'S82.2^Fracture of shaft of tibia^I10'}),
    SM_GT1(), SM_COIDA({36: 'CF-2034-0098215'}),
]
# 18 ADT^A03: discharge
M['18-adt-a03-sipho-discharge'] = [
    msh('JPHIS', '20340318111845+0200', 'JPH5901018', 'ADT^A03^ADT_A03'), evn('A03', '20340318111500'), SM_PID(),
    SM_PV1('20340318111500', {36: '01^Discharged to home^HL70112'}), SM_GT1(), SM_COIDA({36: 'CF-2034-0098215'}),
    SM_CIVITAS('CIVESP^Essential Plus^CMS', {12: '20340301'}),
]

# =========================== Tendai Chikwanha: Zimbabwean passport, travel insurance, urine MC&S ===========================
TC_PV1 = lambda fin='TRV^Travel insurance^JPH-FC', end='', extra=None: pv1(  # noqa: E731
    'O', 'URO^^^JPH^^^^^Urology Rooms', 'JPV5900345-01', UROL, '20340320091000', fin, end, extra)
TC_IN1 = lambda: in1(1, ZAMBEZI, 'ZTAGOLD^Gold Traveller^ZTA', {  # noqa: E731
    12: '20340301', 13: '20340331', 15: 'TRV^Travel insurance^JPH-PT', 16: 'CHIKWANHA^TENDAI^RUVIMBO^^MS',
    17: 'SEL^Self^HL70063', 22: '1', 36: 'ZTA-GT-5521094', 43: 'F', 49: 'FN284716^^^ZWE^PPN'})
TC_NK1 = lambda: seg('NK1', {1: '1', 2: 'CHIKWANHA^FARAI^^^MS', 3: 'SIS^Sister^HL70063',  # noqa: E731
                             4: '44 Fife Avenue^Avenues^Harare^^^ZWE^H', 5: '^PRN^CP^^263^71^2208813',
                             7: 'C^Emergency Contact^HL70131', 15: 'F'})
TC_GT1 = lambda: seg('GT1', {1: '1', 3: 'CHIKWANHA^TENDAI^RUVIMBO^^MS', 8: '19930809', 9: 'F', 10: 'P',  # noqa: E731
                             11: 'SEL^Self^HL70063', 13: '20340320'})
TC_PID = lambda: seg('PID', TENDAI)  # noqa: E731
TC_ORD, TC_FIL = 'JPO5900345-1^JPHIS', 'T59-110201^TPLIS'
TC_SUSC_FIL = 'T59-110201-1^TPLIS'

# 19 ADT^A04: outpatient registration, travel insurer, passport only
M['19-adt-a04-tendai-passport-travel-insurance'] = [
    msh('JPHIS', '20340320091233+0200', 'JPH5901019', 'ADT^A04^ADT_A01'), evn('A04', '20340320091000'), TC_PID(),
    TC_NK1(), TC_PV1(), seg('PV2', {3: 'N39.0^Urinary tract infection, site not specified^I10'}), TC_GT1(), TC_IN1(),
]
UMCS_OBR = lambda status, t: obr(1, TC_ORD, TC_FIL, UMCS, {  # noqa: E731
    7: '20340320094000', 14: '20340320101500', 15: 'UR&Urine&HL70070^^^MSU&Midstream urine', 16: UROL, 22: t,
    24: 'MB', 25: status, 32: MICRO})
CULTURE_ID = '630-4^Bacteria identified in Urine by Culture^LN'
ECOLI = '112283007^Escherichia coli^SCT'
SUSC_OBR = lambda status, t: obr(2, TC_ORD, TC_SUSC_FIL, SUSC, {  # noqa: E731
    7: '20340320094000', 15: 'UR&Urine&HL70070', 16: UROL, 22: t, 24: 'MB', 25: status,
    26: f'{CULTURE_ID}^1^Escherichia coli', 29: f'JPO5900345-1&JPHIS^T59-110201&TPLIS', 32: MICRO})


def susc(cip_value, cip_flag, cip_status, t):
    return [
        obx(1, 'SN', '28-1^Ampicillin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '>^16', 'ug/mL', '', 'R', t=t),
        obx(2, 'SN', '20-8^Amoxicillin+Clavulanate [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^2', 'ug/mL', '', 'S', t=t),
        obx(3, 'SN', '185-9^Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', cip_value, 'ug/mL', '', cip_flag, cip_status, t=t),
        obx(4, 'SN', '363-2^Nitrofurantoin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^16', 'ug/mL', '', 'S', t=t),
        obx(5, 'SN', '141-2^Ceftriaxone [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^1', 'ug/mL', '', 'S', t=t),
        obx(6, 'SN', '516-5^Trimethoprim+Sulfamethoxazole [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '>^4', 'ug/mL', '', 'R', t=t),
    ]


# 20 ORU^R01: urine MC&S preliminary (>10^5 CFU/mL, identification to follow)
M['20-oru-r01-tendai-urine-culture-preliminary'] = [
    msh('TPLIS', '20340321080214+0200', 'TPL5902020', 'ORU^R01', '2.4'), TC_PID(), TC_PV1(),
    orc('RE', TC_ORD, TC_FIL, 'IP', '20340321080200', UROL),
    UMCS_OBR('P', '20340321080000'),
    obx(1, 'NM', '5821-4^Leukocytes [#/volume] in Urine by Microscopy^LN', '180', '10*6/L', '<10', 'H', 'P', '20340320113000'),
    obx(2, 'SN', '19090-0^Colony count [#/volume] in Urine by Culture^LN', '>^100000', '{CFU}/mL', '', 'A', 'P', '20340321073000'),
    obx(3, 'ST', CULTURE_ID, 'Gram-negative bacilli, identification and susceptibility to follow', status='P',
        t='20340321073000', sub='1'),
]
# 21 ORU^R01: final: E. coli with its susceptibility child OBR (OBR-26 the isolate, OBR-29 the culture order)
M['21-oru-r01-tendai-urine-culture-final-susceptibility'] = [
    msh('TPLIS', '20340322094509+0200', 'TPL5902021', 'ORU^R01', '2.4'), TC_PID(), TC_PV1(),
    orc('RE', TC_ORD, TC_FIL, 'CM', '20340322094500', UROL),
    UMCS_OBR('F', '20340322094000'),
    obx(1, 'NM', '5821-4^Leukocytes [#/volume] in Urine by Microscopy^LN', '180', '10*6/L', '<10', 'H', 'F', '20340320113000'),
    obx(2, 'SN', '19090-0^Colony count [#/volume] in Urine by Culture^LN', '>^100000', '{CFU}/mL', '', 'A', 'F', '20340321073000'),
    obx(3, 'CWE', CULTURE_ID, ECOLI, flag='A', status='F', t='20340322090000', sub='1'),
    orc('RE', TC_ORD, TC_SUSC_FIL, 'CM', '20340322094500', UROL),
    SUSC_OBR('F', '20340322094000'),
    *susc('<=^0.25', 'S', 'F', '20340322090000'),
]
# 22 ORU^R01: corrected susceptibility: ciprofloxacin re-read R (MIC >2), whole report resent (OBX-11 C, OBR-25 C)
M['22-oru-r01-tendai-susceptibility-corrected'] = [
    msh('TPLIS', '20340322151818+0200', 'TPL5902022', 'ORU^R01', '2.4'), TC_PID(), TC_PV1(),
    orc('RE', TC_ORD, TC_FIL, 'CM', '20340322151800', UROL),
    UMCS_OBR('F', '20340322094000'),
    obx(1, 'NM', '5821-4^Leukocytes [#/volume] in Urine by Microscopy^LN', '180', '10*6/L', '<10', 'H', 'F', '20340320113000'),
    obx(2, 'SN', '19090-0^Colony count [#/volume] in Urine by Culture^LN', '>^100000', '{CFU}/mL', '', 'A', 'F', '20340321073000'),
    obx(3, 'CWE', CULTURE_ID, ECOLI, flag='A', status='F', t='20340322090000', sub='1'),
    orc('RE', TC_ORD, TC_SUSC_FIL, 'CM', '20340322151800', UROL),
    SUSC_OBR('C', '20340322151500'),
    *susc('>^2', 'R', 'C', '20340322150000'),
    nte(1, 'CORRECTED: ciprofloxacin re-read on repeat testing, now RESISTANT (MIC >2). Do not use quinolones.'),
]
# 23 ADT^A08: the travel insurer declined (pre-existing condition): insurance list emptied (delete-all IN1),
# financial class CASH, the patient her own guarantor
M['23-adt-a08-tendai-insurer-declined-cash'] = [
    msh('JPHIS', '20340322163040+0200', 'JPH5901023', 'ADT^A08^ADT_A01'), evn('A08', '20340322163000'), TC_PID(),
    TC_NK1(), TC_PV1('CASH^Private cash^JPH-FC'), TC_GT1(), seg('IN1', {1: '1', 2: '""', 3: '""', 4: '""', 36: '""'}),
]
# 24 ADT^A03: visit closed
M['24-adt-a03-tendai-visit-closed'] = [
    msh('JPHIS', '20340322170512+0200', 'JPH5901024', 'ADT^A03^ADT_A03'), evn('A03', '20340322170000'), TC_PID(),
    TC_PV1('CASH^Private cash^JPH-FC', '20340322170000', {36: '01^Discharged to home^HL70112'}), TC_GT1(),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages written to', OUT)
