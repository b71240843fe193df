#!/usr/bin/env python3
r"""Review 62's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Singapore public hospital cluster's systems on ONE Asia/Singapore channel (SGT +08:00 all year, no
daylight saving), May 2034. Kallang Riverside General Hospital (KRG) of the invented South-East Harbour Cluster.
- PAS "KRGPAS" (registration): ADT^A04 / A01 / A02 / A12 / A03 / A08 / A28 / A31 / A05 / A40, v2.6, MSH-18
  `UNICODE UTF-8`. PID-3: the hospital MRN (KRG MR) and the NRIC (authority NRIC, type NNSGP, v2 table 0203's
  NN + ISO 3166 country) or the FIN of a foreigner (authority FIN, type NNSGP); a passport (PPN) for a duplicate ED
  registration. Names as Singapore registers them: a Chinese name romanised (TAN / WEI MING) and a second PID-5
  repetition in Han characters (XPN.8 `I` ideographic, XPN.11 `F` family first); a Malay name whole, as on the NRIC
  (`NUR AISYAH BINTI ABDUL RAHMAN` in XPN.1, no family name); a Tamil name as on the NRIC (`MURUGESAN S/O KANDASAMY`)
  with the initial-style alias (`^MURUGESAN^K`, type A). NK1: spouse, parents, a daughter, a foreign domestic helper
  (caregiver, CGV / emergency contact C, with her FIN), an employer (NK1-13). PV1-20 the subsidy class.
- CPOE "KRGCPOE": OML^O21 lab orders (HbA1c + lipid panel; dengue NS1 + serology + FBC + dengue PCR), ORM^O01 a CT
  thorax order to the RIS, RDE^O11 an outpatient prescription (metformin, atorvastatin) with TQ1 timing; v2.5.
- LIS "KRGLIS": ORU^R01 v2.5 (HbA1c in % and mmol/mol, lipid panel with calculated LDL; dengue NS1 positive, FBC;
  the dengue PCR cancelled by the lab (ORC-5 CA, OBR-25 X, no OBX); serology IgM / IgG; a corrected platelet count
  (OBX-11 C, OBR-25 C)).
- RIS "KRGRIS": ORU^R01 v2.5 with a CT thorax text report (one OBX TX per line, findings and impression).
- Pharmacy "KRGPHIS": RDS^O13 v2.5 the outpatient dispense (RXD with the quantity and days' supply, TQ1).
Every MSH-7 carries +0800; every time inside is bare. Two events fall just after local midnight (UTC the day before).
All persons, numbers, facilities and addresses are invented (NRIC / FIN check letters computed); local codes are the
cluster's, LOINC beside them where the reviewer knew it (not checked against the LOINC table).
Run from the worktree root (convert with --timezone Asia/Singapore):
    python3 docs/review62/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review62/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, ver='2.6', to='HIG'):
    return seg('MSH', {3: app, 4: 'KRG', 5: to, 6: 'SEHC', 7: t, 9: typ, 10: ctl, 11: 'P', 12: ver, 15: 'AL', 16: 'NE',
                       17: 'SGP', 18: 'UNICODE UTF-8'})


def evn(code, t, who='PAS0412^GOH^SIEW LAN^^^^^^KRG'):
    return seg('EVN', {1: code, 2: t, 5: who, 6: t})


def nric(prefix, digits):
    """A Singapore NRIC / FIN: prefix letter, 7 digits, the check letter (weights 2765432, +4 for T/G)."""
    w = [2, 7, 6, 5, 4, 3, 2]
    s = sum(int(d) * k for d, k in zip(digits, w)) + (4 if prefix in 'TG' else 0)
    table = 'JZIHGFEDCBA' if prefix in 'ST' else 'XWUTRQPNMLK'
    return prefix + digits + table[s % 11]


# ---- identifiers ----
TWM_NRIC = nric('S', '7103582')     # Tan Wei Ming
LML_NRIC = nric('S', '7318046')     # Lim Mei Ling, his wife
NAB_NRIC = nric('T', '0361927')     # Nur Aisyah binti Abdul Rahman
ARO_NRIC = nric('S', '7024519')     # her father
MSK_NRIC = nric('S', '4608213')     # Murugesan s/o Kandasamy
KDM_NRIC = nric('S', '7612390')     # Kavitha d/o Murugesan, his daughter
FDH1_FIN = nric('G', '5271846')     # Maricel Santos (the first helper)
FDH2_FIN = nric('G', '6039275')     # Sri Wulandari (the new helper)
HMA_FIN = nric('G', '8147362')      # Hossain Md Ariful, work permit holder

PAT_A = {1: '1', 3: f'KRG6200118^^^KRG^MR~{TWM_NRIC}^^^NRIC^NNSGP',
         5: 'TAN^WEI MING^^^MR^^L~陈^伟明^^^^^L^I^^^F', 7: '19710309', 8: 'M', 10: 'CN^Chinese^KRG-RACE',
         11: 'Blk 412 Bedok North Avenue 2^#08-117^Singapore^^460412^SGP^H', 13: '^PRN^CP^^65^^91827364',
         15: 'zh^Chinese^ISO639', 16: 'M', 18: 'KRGA6200118-01^^^KRG^AN', 26: 'SGP', 28: 'SGP'}
PAT_B = {1: '1', 3: f'KRG6200126^^^KRG^MR~{NAB_NRIC}^^^NRIC^NNSGP', 5: 'NUR AISYAH BINTI ABDUL RAHMAN^^^^^^L',
         7: '20030621', 8: 'F', 10: 'MY^Malay^KRG-RACE', 11: 'Blk 77 Jurong West Street 71^#12-405^Singapore^^640077^SGP^H',
         13: '^PRN^CP^^65^^87125590', 15: 'ms^Malay^ISO639', 16: 'S', 18: 'KRGA6200126-01^^^KRG^AN', 26: 'SGP', 28: 'SGP'}
PAT_C = {1: '1', 3: f'KRG6200134^^^KRG^MR~{MSK_NRIC}^^^NRIC^NNSGP',
         5: 'MURUGESAN S/O KANDASAMY^^^^^^L~^MURUGESAN^K^^^^A', 7: '19461102', 8: 'M', 10: 'IN^Indian^KRG-RACE',
         11: 'Blk 15 Upper Boon Keng Road^#03-22^Singapore^^380015^SGP^H', 13: '^PRN^PH^^65^^62935108',
         15: 'ta^Tamil^ISO639', 16: 'W', 26: 'SGP', 28: 'SGP'}
PAT_D = {1: '1', 3: f'KRG6200142^^^KRG^MR~{HMA_FIN}^^^FIN^NNSGP', 5: 'HOSSAIN^MD ARIFUL^^^^^L', 7: '19940115',
         8: 'M', 11: 'Tuas View Dormitory^70 Tuas South Avenue 1 #05-31^Singapore^^637561^SGP^H',
         13: '^PRN^CP^^65^^84093316', 15: 'bn^Bengali^ISO639', 26: 'BGD', 28: 'BGD'}
# the ED's duplicate registration: names swapped, the passport instead of the FIN, a second MRN
PAT_D_DUP = {1: '1', 3: 'KRG6200150^^^KRG^MR~BR0817263^^^BGD^PPN', 5: 'ARIFUL^HOSSAIN MD^^^^^L', 7: '19940115', 8: 'M',
             13: '^PRN^CP^^65^^84093316', 26: 'BGD'}


def pid(base, extra=None):
    f = dict(base)
    f.update(extra or {})
    return seg('PID', f)


# ---- providers (Singapore Medical Council registration numbers) ----
ENDO = 'M62014K^LIM^CHOON HUAT^^^DR^^^SMC'
IDDOC = 'M62388B^RAMAN^PRIYA^^^DR^^^SMC'
EDDOC = 'M62551J^ONG^JIA HUI^^^DR^^^SMC'
RESP = 'M62107Z^WONG^KAH WAI^^^DR^^^SMC'
RADIO = 'M62239D^CHEW^BOON KIAT^^^DR^^^SMC'
PATHO = 'M62476E^ISMAIL^FARIDAH^^^DR^^^SMC'
PHARM = 'P62093H^YEO^SHU TING^^^^^^SPC'


def pv1(cls, where, visit, doc, start, fin, svc, end='', extra=None):
    f = {1: '1', 2: cls, 3: where, 7: doc, 10: svc, 19: f'{visit}^^^KRG^VN', 20: fin, 39: 'KRG', 44: start}
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


def nk1(i, name, rel, extra):
    f = {1: str(i), 2: name, 3: rel}
    f.update(extra)
    return seg('NK1', f)


def orc(ctl, placer, filler, status, t, doc, extra=None):
    f = {1: ctl, 2: placer, 3: filler, 5: status, 9: t, 12: doc}
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


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


def tq1(extra):
    f = {1: '1'}
    f.update(extra)
    return seg('TQ1', f)


M = {}
LAB = 'Kallang Riverside General Hospital Laboratory Medicine^L^^^^KRG'

# ================= Tan Wei Ming 陈伟明: Diabetes Centre outpatient (HbA1c, lipids, metformin + atorvastatin) ==========
A_PV1 = lambda end='': pv1('O', 'DC^CR12^^KRG^^^^^Diabetes Centre', 'KRGV6200118-01', ENDO, '20340508091000',  # noqa: E731
                           'SUBS^Subsidised^KRG-FC', 'END^Endocrinology^KRG-SVC', end)
A_NK1 = lambda: nk1(1, 'LIM^MEI LING^^^MDM^^L~林^美玲^^^^^L^I^^^F', 'SPO^Spouse^HL70063', {  # noqa: E731
    4: 'Blk 412 Bedok North Avenue 2^#08-117^Singapore^^460412^SGP^H', 5: '^PRN^CP^^65^^97315208',
    7: 'N^Next-of-Kin^HL70131', 33: f'{LML_NRIC}^^^NRIC^NNSGP'})
A_ORD1, A_FIL1 = 'KRGO6200118-1^KRGCPOE', 'L62-0508-0141^KRGLIS'
A_ORD2, A_FIL2 = 'KRGO6200118-2^KRGCPOE', 'L62-0508-0142^KRGLIS'
HBA1C = 'HBA1C^Haemoglobin A1c^KRGLAB^4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN'
LIPID = 'LIPID^Lipid Panel^KRGLAB^57698-3^Lipid panel with direct LDL - Serum or Plasma^LN'
# 01 ADT^A04: outpatient registration at the Diabetes Centre, Chinese name in Han characters in PID-5 #2, wife NK1
M['01-adt-a04-tan-diabetes-centre-registration'] = [
    msh('KRGPAS', '20340508091218+0800', 'KRGPAS620001', 'ADT^A04^ADT_A01'), evn('A04', '20340508091000'), pid(PAT_A),
    A_NK1(), A_PV1(),
]
# 02 OML^O21: HbA1c and lipid panel ordered (fasting), TQ1 priority routine
M['02-oml-o21-tan-hba1c-lipid-order'] = [
    msh('KRGCPOE', '20340508093544+0800', 'KRGCPOE620002', 'OML^O21^OML_O21', '2.5', 'KRGLIS'), pid(PAT_A), A_PV1(),
    orc('NW', A_ORD1, '', 'IP', '20340508093500', ENDO, {7: '', 17: 'END^Endocrinology^KRG-SVC'}),
    tq1({7: '20340508093500', 9: 'R^Routine^HL70485'}),
    obr(1, A_ORD1, '', HBA1C, {7: '20340508093500', 16: ENDO, 27: ''}),
    orc('NW', A_ORD2, '', 'IP', '20340508093500', ENDO),
    tq1({7: '20340508093500', 9: 'R^Routine^HL70485'}),
    obr(2, A_ORD2, '', LIPID, {7: '20340508093500', 13: 'Fasting since 2200 hrs', 16: ENDO}),
]
# 03 ORU^R01: results final: HbA1c 8.4 % / 68 mmol/mol (H), lipid panel with calculated LDL
M['03-oru-r01-tan-hba1c-lipid-results'] = [
    msh('KRGLIS', '20340508114207+0800', 'KRGLIS620003', 'ORU^R01^ORU_R01', '2.5'), pid(PAT_A), A_PV1(),
    orc('RE', A_ORD1, A_FIL1, 'CM', '20340508114200', ENDO),
    obr(1, A_ORD1, A_FIL1, HBA1C, {7: '20340508094000', 14: '20340508100500', 16: ENDO, 22: '20340508114000',
                                   24: 'CH', 25: 'F', 32: PATHO.replace('^', '&')}),
    obx(1, 'NM', '4548-4^Hemoglobin A1c/Hemoglobin.total in Blood^LN', '8.4', '%^%^UCUM', '4.0-6.0', 'H', 'F', '20340508113000'),
    obx(2, 'NM', '59261-8^Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol^LN', '68', 'mmol/mol^mmol/mol^UCUM',
        '20-42', 'H', 'F', '20340508113000'),
    orc('RE', A_ORD2, A_FIL2, 'CM', '20340508114200', ENDO),
    obr(2, A_ORD2, A_FIL2, LIPID, {7: '20340508094000', 14: '20340508100500', 16: ENDO, 22: '20340508114000',
                                   24: 'CH', 25: 'F'}),
    obx(1, 'NM', '2093-3^Cholesterol [Moles/volume] in Serum or Plasma^LN', '5.8', 'mmol/L^mmol/L^UCUM', '<5.2', 'H', 'F', '20340508112000'),
    obx(2, 'NM', '2571-8^Triglyceride [Moles/volume] in Serum or Plasma^LN', '2.4', 'mmol/L^mmol/L^UCUM', '<2.3', 'H', 'F', '20340508112000'),
    obx(3, 'NM', '2085-9^Cholesterol in HDL [Moles/volume] in Serum or Plasma^LN', '0.98', 'mmol/L^mmol/L^UCUM', '>1.0', 'L', 'F', '20340508112000'),
    obx(4, 'NM', '13457-7^Cholesterol in LDL [Moles/volume] in Serum or Plasma by calculation^LN', '3.73', 'mmol/L^mmol/L^UCUM',
        '<2.6', 'H', 'F', '20340508112000'),
    nte(1, 'LDL-C calculated (Friedewald). Fasting sample.'),
]
# 04 RDE^O11: outpatient prescription, 90 days: metformin 850 mg BD after meals, atorvastatin 20 mg ON (TQ1 timing)
A_RX1, A_RX2 = 'KRGRX6200118-1^KRGCPOE', 'KRGRX6200118-2^KRGCPOE'
MET = 'MET850T^Metformin 850 mg tablet^KRGDRUG'
ATO = 'ATO20T^Atorvastatin 20 mg tablet^KRGDRUG'
MET_TQ1 = tq1({2: '1^TAB&Tablet&KRGUNIT', 3: 'BID^Twice a day^HL70335', 4: '0800~2000', 6: '90^d&day&UCUM',
               7: '20340508', 8: '20340806', 9: 'R^Routine^HL70485', 11: 'Take 1 tablet twice a day after meals'})
ATO_TQ1 = tq1({2: '1^TAB&Tablet&KRGUNIT', 3: 'QHS^At bedtime^HL70335', 4: '2200', 6: '90^d&day&UCUM',
               7: '20340508', 8: '20340806', 9: 'R^Routine^HL70485', 11: 'Take 1 tablet at night'})
MET_RXE = lambda: seg('RXE', {2: MET, 3: '850', 5: 'mg^mg^UCUM', 6: 'TAB^Tablet^KRGFORM', 7: '^Take after meals',  # noqa: E731
                              10: '180', 11: 'TAB^Tablet^KRGUNIT', 12: '0', 15: 'KRGRX6200118-1', 27: 'E11.9^Type 2 diabetes mellitus without complications^I10'})
ATO_RXE = lambda: seg('RXE', {2: ATO, 3: '20', 5: 'mg^mg^UCUM', 6: 'TAB^Tablet^KRGFORM', 10: '90',  # noqa: E731
                              11: 'TAB^Tablet^KRGUNIT', 12: '0', 15: 'KRGRX6200118-2', 27: 'E78.5^Hyperlipidaemia, unspecified^I10'})
RXR_PO = seg('RXR', {1: 'PO^Oral^HL70162'})
M['04-rde-o11-tan-metformin-atorvastatin'] = [
    msh('KRGCPOE', '20340508120511+0800', 'KRGCPOE620004', 'RDE^O11^RDE_O11', '2.5', 'KRGPHIS'), pid(PAT_A), A_PV1(),
    orc('NW', A_RX1, '', 'IP', '20340508120500', ENDO, {7: '', 29: 'O^Outpatient^HL70482'}), MET_RXE(), MET_TQ1, RXR_PO,
    orc('NW', A_RX2, '', 'IP', '20340508120500', ENDO, {29: 'O^Outpatient^HL70482'}), ATO_RXE(), ATO_TQ1, RXR_PO,
]
# 05 RDS^O13: the outpatient pharmacy dispenses both (180 + 90 tablets, 90 days' supply)
M['05-rds-o13-tan-outpatient-dispense'] = [
    msh('KRGPHIS', '20340508124833+0800', 'KRGPHIS620005', 'RDS^O13^RDS_O13', '2.5'), pid(PAT_A), A_PV1(),
    orc('RE', A_RX1, 'KRGD62-0508-0077^KRGPHIS', 'CM', '20340508124800', ENDO, {29: 'O^Outpatient^HL70482'}),
    MET_RXE(), MET_TQ1, RXR_PO,
    seg('RXD', {1: '1', 2: MET, 3: '20340508124500', 4: '180', 5: 'TAB^Tablet^KRGUNIT', 6: 'TAB^Tablet^KRGFORM',
                7: 'KRGRX6200118-1', 8: '0', 10: PHARM, 12: '1700^mg&mg&UCUM', 13: '^^^KRG^^^^^Outpatient Pharmacy Level 1'}),
    RXR_PO,
    orc('RE', A_RX2, 'KRGD62-0508-0078^KRGPHIS', 'CM', '20340508124800', ENDO, {29: 'O^Outpatient^HL70482'}),
    ATO_RXE(), ATO_TQ1, RXR_PO,
    seg('RXD', {1: '1', 2: ATO, 3: '20340508124500', 4: '90', 5: 'TAB^Tablet^KRGUNIT', 6: 'TAB^Tablet^KRGFORM',
                7: 'KRGRX6200118-2', 8: '0', 10: PHARM, 12: '20^mg&mg&UCUM', 13: '^^^KRG^^^^^Outpatient Pharmacy Level 1'}),
    RXR_PO,
]
# 06 ADT^A08: new mobile number and a new address (moved to Tampines); both names resent
M['06-adt-a08-tan-new-address-phone'] = [
    msh('KRGPAS', '20340510150402+0800', 'KRGPAS620006', 'ADT^A08^ADT_A01'), evn('A08', '20340510150400'),
    pid(PAT_A, {11: 'Blk 859 Tampines Street 83^#04-362^Singapore^^520859^SGP^H', 13: '^PRN^CP^^65^^90442871'}),
    A_NK1(), A_PV1(),
]

# ================= Nur Aisyah binti Abdul Rahman: dengue, admitted from ED just after midnight ====================
B_PV1 = lambda where='W08^08-14^1^KRG^^^^^Ward 8', extra=None, end='': pv1(  # noqa: E731
    'I', where, 'KRGV6200126-01', IDDOC, '20340511002500', 'B2^Subsidised ward class B2^KRG-FC',
    'INF^Infectious Diseases^KRG-SVC', end, {4: 'E^Emergency^HL70007', 14: '7^Emergency department^HL70023'} | (extra or {}))
B_NK1 = lambda: [  # noqa: E731
    nk1(1, 'SITI KHADIJAH BINTE HASSAN^^^^^^L', 'MTH^Mother^HL70063', {
        4: 'Blk 77 Jurong West Street 71^#12-405^Singapore^^640077^SGP^H', 5: '^PRN^CP^^65^^96218834',
        7: 'N^Next-of-Kin^HL70131', 20: 'ms^Malay^ISO639'}),
    nk1(2, 'ABDUL RAHMAN BIN OSMAN^^^^^^L', 'FTH^Father^HL70063', {
        5: '^PRN^CP^^65^^98840127', 6: '^WPN^PH^^65^^62714400', 7: 'N^Next-of-Kin^HL70131', 33: f'{ARO_NRIC}^^^NRIC^NNSGP'}),
]
B_ORD = {k: (f'KRGO6200126-{i}^KRGCPOE', f'L62-0511-02{i}^KRGLIS') for i, k in enumerate(['NS1', 'SERO', 'FBC', 'PCR'], 1)}
DNS1 = 'DNS1^Dengue NS1 Antigen^KRGLAB^75377-2^Dengue virus NS1 Ag [Presence] in Serum or Plasma by Immunoassay^LN'
DSERO = 'DSERO^Dengue IgM and IgG^KRGLAB'
FBC = 'FBC^Full Blood Count^KRGLAB^58410-2^CBC panel - Blood by Automated count^LN'
DPCR = 'DPCR^Dengue Virus RNA PCR^KRGLAB'
POS = '10828004^Positive^SCT'
NEG = '260385009^Negative^SCT'


def fbc_obx(plt, hct, wbc, t, pstatus='F', pflag='L'):
    return [obx(1, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '13.9', 'g/dL^g/dL^UCUM', '11.5-15.0', '', 'F', t),
            obx(2, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', wbc, '10*9/L^10*9/L^UCUM', '4.0-10.0', 'L', 'F', t),
            obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', plt, '10*9/L^10*9/L^UCUM', '150-400', pflag, pstatus, t),
            obx(4, 'NM', '4544-3^Hematocrit [Volume Fraction] of Blood by Automated count^LN', hct, 'L/L^L/L^UCUM', '0.35-0.45',
                'H' if float(hct) > 0.45 else '', 'F', t)]


# 07 ADT^A01: admitted from the ED at 00:25 (UTC the day before), fever day 3, parents as NK1
M['07-adt-a01-aisyah-dengue-admit'] = [
    msh('KRGPAS', '20340511002731+0800', 'KRGPAS620007', 'ADT^A01^ADT_A01'), evn('A01', '20340511002500'), pid(PAT_B),
    *B_NK1(), B_PV1(), seg('PV2', {3: '^Fever 3 days, ?dengue'}),
    seg('DG1', {1: '1', 3: 'A97.0^Dengue without warning signs^I10', 6: 'A^Admitting^HL70052'}),
]
# 08 OML^O21: NS1, dengue IgM/IgG, FBC, dengue PCR ordered (one ORC each)
M['08-oml-o21-aisyah-dengue-workup-order'] = [
    msh('KRGCPOE', '20340511004812+0800', 'KRGCPOE620008', 'OML^O21^OML_O21', '2.5', 'KRGLIS'), pid(PAT_B), B_PV1(),
    *[s for i, (k, code) in enumerate([('NS1', DNS1), ('SERO', DSERO), ('FBC', FBC), ('PCR', DPCR)], 1) for s in (
        orc('NW', B_ORD[k][0], '', 'IP', '20340511004800', IDDOC),
        tq1({7: '20340511004800', 9: 'S^Stat^HL70485' if k in ('NS1', 'FBC') else 'R^Routine^HL70485'}),
        obr(i, B_ORD[k][0], '', code, {7: '20340511004800', 13: 'Fever day 3, myalgia', 16: IDDOC}))],
]
# 09 ORU^R01: NS1 positive, FBC day 3 (platelets 62 L)
M['09-oru-r01-aisyah-ns1-fbc'] = [
    msh('KRGLIS', '20340511031522+0800', 'KRGLIS620009', 'ORU^R01^ORU_R01', '2.5'), pid(PAT_B), B_PV1(),
    orc('RE', *B_ORD['NS1'], 'CM', '20340511031500', IDDOC),
    obr(1, *B_ORD['NS1'], DNS1, {7: '20340511010500', 14: '20340511012000', 16: IDDOC, 22: '20340511031400', 24: 'SR', 25: 'F'}),
    obx(1, 'CWE', '75377-2^Dengue virus NS1 Ag [Presence] in Serum or Plasma by Immunoassay^LN', POS, flag='A', t='20340511030000'),
    orc('RE', *B_ORD['FBC'], 'CM', '20340511031500', IDDOC),
    obr(2, *B_ORD['FBC'], FBC, {7: '20340511010500', 14: '20340511012000', 16: IDDOC, 22: '20340511014500', 24: 'HM', 25: 'F'}),
    *fbc_obx('62', '0.43', '2.8', '20340511014000'),
]
# 10 ORU^R01: the lab cancels the dengue PCR (NS1 already positive, not indicated per lab policy): ORC-5 CA, OBR-25 X
M['10-oru-r01-aisyah-pcr-cancelled'] = [
    msh('KRGLIS', '20340511083005+0800', 'KRGLIS620010', 'ORU^R01^ORU_R01', '2.5'), pid(PAT_B), B_PV1(),
    orc('RE', *B_ORD['PCR'], 'CA', '20340511083000', IDDOC, {16: 'LABPOL^Not indicated per laboratory policy^KRGLAB'}),
    obr(1, *B_ORD['PCR'], DPCR, {7: '20340511010500', 16: IDDOC, 22: '20340511083000', 24: 'MB', 25: 'X'}),
    nte(1, 'Test cancelled: dengue NS1 antigen positive; PCR not indicated per laboratory policy. Dr Ismail informed.'),
]
# 11 ADT^A02: transferred to the High Dependency ward 6A at 14:20
M['11-adt-a02-aisyah-transfer-hd'] = [
    msh('KRGPAS', '20340512142205+0800', 'KRGPAS620011', 'ADT^A02^ADT_A02'), evn('A02', '20340512142000'), pid(PAT_B),
    B_PV1('HD6A^06A-03^1^KRG^^^^^High Dependency 6A', {6: 'W08^08-14^1^KRG^^^^^Ward 8'}),
]
# 12 ADT^A12: the transfer cancelled (entered in error: the HD bed was for another patient); back in Ward 8 bed 14
M['12-adt-a12-aisyah-cancel-transfer'] = [
    msh('KRGPAS', '20340512145017+0800', 'KRGPAS620012', 'ADT^A12^ADT_A12'), evn('A12', '20340512145000'), pid(PAT_B),
    B_PV1('W08^08-14^1^KRG^^^^^Ward 8', {6: 'HD6A^06A-03^1^KRG^^^^^High Dependency 6A'}),
]
# 13 ORU^R01: serology final (IgM positive, IgG negative) and the day-5 FBC (platelets 38 L, Hct 0.47 H)
B_FBC5 = ('KRGO6200126-5^KRGCPOE', 'L62-0513-0214^KRGLIS')
M['13-oru-r01-aisyah-serology-fbc-day5'] = [
    msh('KRGLIS', '20340513101944+0800', 'KRGLIS620013', 'ORU^R01^ORU_R01', '2.5'), pid(PAT_B), B_PV1(),
    orc('RE', *B_ORD['SERO'], 'CM', '20340513101900', IDDOC),
    obr(1, *B_ORD['SERO'], DSERO, {7: '20340511010500', 14: '20340511012000', 16: IDDOC, 22: '20340513101800', 24: 'SR', 25: 'F'}),
    obx(1, 'CWE', '29676-4^Dengue virus IgM Ab [Presence] in Serum^LN', POS, flag='A', t='20340513093000'),
    obx(2, 'CWE', '29504-8^Dengue virus IgG Ab [Presence] in Serum^LN', NEG, t='20340513093000'),
    nte(1, 'IgM positive, IgG negative: consistent with primary dengue infection.'),
    orc('RE', *B_FBC5, 'CM', '20340513101900', IDDOC),
    obr(2, *B_FBC5, FBC, {7: '20340513061000', 14: '20340513062500', 16: IDDOC, 22: '20340513070500', 24: 'HM', 25: 'F'}),
    *fbc_obx('38', '0.47', '3.1', '20340513070000'),
]
# 14 ORU^R01: the day-5 FBC corrected: platelet clumping on the film, recount on a citrate sample 38 -> 83 (OBX-11 C)
M['14-oru-r01-aisyah-platelet-corrected'] = [
    msh('KRGLIS', '20340513113610+0800', 'KRGLIS620014', 'ORU^R01^ORU_R01', '2.5'), pid(PAT_B), B_PV1(),
    orc('RE', *B_FBC5, 'CM', '20340513113600', IDDOC),
    obr(1, *B_FBC5, FBC, {7: '20340513061000', 14: '20340513062500', 16: IDDOC, 22: '20340513113500', 24: 'HM', 25: 'C'}),
    *fbc_obx('83', '0.47', '3.1', '20340513070000', 'C', 'L')[:2],
    obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', '83', '10*9/L^10*9/L^UCUM', '150-400', 'L', 'C',
        '20340513112000'),
    fbc_obx('83', '0.47', '3.1', '20340513070000')[3],
    nte(1, 'CORRECTED REPORT: platelet clumping seen on film; platelet count repeated on citrate sample. Previous result 38 x10^9/L.'),
]
# 15 ADT^A03: discharged home
M['15-adt-a03-aisyah-discharge'] = [
    msh('KRGPAS', '20340515111203+0800', 'KRGPAS620015', 'ADT^A03^ADT_A03'), evn('A03', '20340515111000'), pid(PAT_B),
    *B_NK1(), B_PV1(end='20340515111000', extra={36: '01^Discharged to home^HL70112'}),
]

# ================= Murugesan s/o Kandasamy: person registry, CT thorax, helper changed, pre-admission ===============
C_NK1_DAU = lambda: nk1(1, 'KAVITHA D/O MURUGESAN^^^^^^L', 'DAU^Daughter^HL70063', {  # noqa: E731
    4: 'Blk 231 Serangoon Avenue 3^#11-84^Singapore^^550231^SGP^H', 5: '^PRN^CP^^65^^92267413',
    7: 'N^Next-of-Kin^HL70131', 33: f'{KDM_NRIC}^^^NRIC^NNSGP'})
C_NK1_FDH1 = lambda: nk1(2, 'SANTOS^MARICEL^DELA CRUZ^^^^L', 'CGV^Care giver^HL70063', {  # noqa: E731
    4: 'Blk 15 Upper Boon Keng Road^#03-22^Singapore^^380015^SGP^H', 5: '^PRN^CP^^65^^83316905',
    7: 'C^Emergency Contact^HL70131', 8: '20290301', 20: 'tl^Tagalog^ISO639', 33: f'{FDH1_FIN}^^^FIN^NNSGP'})
C_NK1_FDH2 = lambda: nk1(2, 'WULANDARI^SRI^^^^^L', 'CGV^Care giver^HL70063', {  # noqa: E731
    4: 'Blk 15 Upper Boon Keng Road^#03-22^Singapore^^380015^SGP^H', 5: '^PRN^CP^^65^^88025164',
    7: 'C^Emergency Contact^HL70131', 8: '20340517', 20: 'id^Indonesian^ISO639', 33: f'{FDH2_FIN}^^^FIN^NNSGP'})
C_PV1 = lambda: pv1('O', 'RAD^CT2^^KRG^^^^^Radiology CT', 'KRGV6200134-01', RESP, '20340516140000',  # noqa: E731
                    'SUBS^Subsidised^KRG-FC', 'RES^Respiratory Medicine^KRG-SVC')
C_ORD, C_FIL = 'KRGO6200134-1^KRGCPOE', 'RAD62-0516-0331^KRGRIS'
CTTHX = 'CTTHXC^CT Thorax with contrast^KRGRAD^24627-2^CT Chest^LN'
# 16 ADT^A28: the person added to the registry (no visit): Tamil name, NK1 daughter + the foreign domestic helper
M['16-adt-a28-murugesan-add-person'] = [
    msh('KRGPAS', '20340515160155+0800', 'KRGPAS620016', 'ADT^A28^ADT_A05'), evn('A28', '20340515160100'), pid(PAT_C),
    C_NK1_DAU(), C_NK1_FDH1(), seg('PV1', {1: '1', 2: 'N'}),
]
# 17 ORM^O01: CT thorax with contrast ordered by respiratory medicine
M['17-orm-o01-murugesan-ct-thorax-order'] = [
    msh('KRGCPOE', '20340516101522+0800', 'KRGCPOE620017', 'ORM^O01^ORM_O01', '2.5', 'KRGRIS'), pid(PAT_C), C_PV1(),
    orc('NW', C_ORD, '', 'IP', '20340516101500', RESP),
    obr(1, C_ORD, '', CTTHX, {7: '20340516140000', 13: 'Ex-smoker 40 pack-years; eGFR 58', 16: RESP,
                              27: '^^^20340516140000^^R', 31: 'R91.1^Solitary pulmonary nodule^I10'}),
]
# 18 ORU^R01: the CT thorax text report, one OBX TX per line (findings), the impression its own OBX, final
REP = '18782-3^Radiology Study observation (narrative)^LN'
IMP = '19005-8^Radiology Imaging study [Impression] (narrative)^LN'
LINES = ['CT THORAX WITH CONTRAST', 'Comparison: chest radiograph 02/05/2034.',
         'Findings: 2.1 cm spiculated nodule in the right upper lobe apical segment.',
         'No mediastinal or hilar lymphadenopathy. No pleural effusion.', 'Mild centrilobular emphysema.']
M['18-oru-r01-murugesan-ct-thorax-report'] = [
    msh('KRGRIS', '20340516163308+0800', 'KRGRIS620018', 'ORU^R01^ORU_R01', '2.5'), pid(PAT_C), C_PV1(),
    orc('RE', C_ORD, C_FIL, 'CM', '20340516163300', RESP),
    obr(1, C_ORD, C_FIL, CTTHX, {7: '20340516141200', 16: RESP, 22: '20340516163000', 24: 'CT', 25: 'F',
                                 32: 'M62239D&CHEW&BOON KIAT&&&DR'}),
    *[obx(i, 'TX', REP, line, status='F', t='20340516162500', sub='1') for i, line in enumerate(LINES, 1)],
    obx(6, 'TX', IMP, '2.1 cm spiculated right upper lobe nodule, suspicious for malignancy. Recommend PET-CT and respiratory review.',
        status='F', t='20340516162500', sub='2', flag='A'),
]
# 19 ADT^A31: the helper changed (Maricel left; Sri Wulandari from 17 May): NK1 sent whole, the new helper #2
M['19-adt-a31-murugesan-helper-changed'] = [
    msh('KRGPAS', '20340517093112+0800', 'KRGPAS620019', 'ADT^A31^ADT_A05'), evn('A31', '20340517093100'), pid(PAT_C),
    C_NK1_DAU(), C_NK1_FDH2(), seg('PV1', {1: '1', 2: 'N'}),
]
# 20 ADT^A05: pre-admission for a day-surgery bronchoscopy on 22 May
M['20-adt-a05-murugesan-preadmit-bronchoscopy'] = [
    msh('KRGPAS', '20340517100240+0800', 'KRGPAS620020', 'ADT^A05^ADT_A05'), evn('A05', '20340517100200'), pid(PAT_C),
    C_NK1_DAU(), C_NK1_FDH2(),
    pv1('P', 'DSU^DS-07^^KRG^^^^^Day Surgery Unit', 'KRGV6200134-02', RESP, '', 'SUBS^Subsidised^KRG-FC',
        'RES^Respiratory Medicine^KRG-SVC', extra={44: ''}),
    seg('PV2', {3: '^Bronchoscopy with EBUS', 8: '20340522073000'}),
]

# ================= Hossain Md Ariful: work permit holder, duplicate ED registration merged ==========================
D_NK1 = lambda: nk1(1, '', 'EMR^Employer^HL70063', {  # noqa: E731
    4: '21 Tuas Crescent^^Singapore^^638721^SGP^B', 5: '^WPN^PH^^65^^68623190', 7: 'E^Employer^HL70131',
    13: 'Tuas Marine Engineering Pte Ltd^L^^^^ACRA&&L^XX^^^201933715K', 30: 'LOW^KENG HOCK^^^MR'})
# 21 ADT^A28: registered at the migrant worker medical centre: FIN, employer as NK1
M['21-adt-a28-hossain-add-person'] = [
    msh('KRGPAS', '20340517103322+0800', 'KRGPAS620021', 'ADT^A28^ADT_A05'), evn('A28', '20340517103300'), pid(PAT_D),
    D_NK1(), seg('PV1', {1: '1', 2: 'N'}),
]
# 22 ADT^A04: ED at 00:20 (UTC the day before) registered again: a new MRN, the passport, names swapped
M['22-adt-a04-hossain-ed-duplicate'] = [
    msh('KRGPAS', '20340518002214+0800', 'KRGPAS620022', 'ADT^A04^ADT_A01'), evn('A04', '20340518002000'), pid(PAT_D_DUP),
    pv1('E', 'ED^RESUS2^^KRG^^^^^Emergency Department', 'KRGV6200150-01', EDDOC, '20340518002000',
        'FW^Foreign worker^KRG-FC', 'EMD^Emergency Medicine^KRG-SVC'),
    seg('PV2', {3: '^Crush injury left hand at worksite'}),
]
# 23 ADT^A40: HIM merges the duplicate KRG6200150 into KRG6200142
M['23-adt-a40-hossain-merge-duplicate'] = [
    msh('KRGPAS', '20340518094507+0800', 'KRGPAS620023', 'ADT^A40^ADT_A39'), evn('A40', '20340518094500'), pid(PAT_D),
    seg('MRG', {1: 'KRG6200150^^^KRG^MR', 7: 'ARIFUL^HOSSAIN MD^^^^^L'}),
]
# 24 ADT^A03: the ED visit (registered under the duplicate) closed under the surviving MRN
M['24-adt-a03-hossain-ed-discharge'] = [
    msh('KRGPAS', '20340518113018+0800', 'KRGPAS620024', 'ADT^A03^ADT_A03'), evn('A03', '20340518113000'), pid(PAT_D),
    pv1('E', 'ED^RESUS2^^KRG^^^^^Emergency Department', 'KRGV6200150-01', EDDOC, '20340518002000',
        'FW^Foreign worker^KRG-FC', 'EMD^Emergency Medicine^KRG-SVC', '20340518113000', {36: '01^Discharged to home^HL70112'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages written to', OUT)
