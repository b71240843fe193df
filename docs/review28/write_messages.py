#!/usr/bin/env python3
r"""Review 28's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of one multi-site integrated delivery network, Top End & Southern Health Network (TESHN, Australia), on
four HL7 versions and four positive UTC offsets (December: Darwin +0930 no DST, Adelaide +1030 ACDT, Sydney +1100
AEDT, Brisbane +1000 no DST):
- Ludmilla Creek Hospital (LCH, Darwin +0930): a legacy iPM-style PAS on v2.3 (A01, A02, A12 cancel transfer,
  A08 carrying the whole AL1 list, A17 bed swap, A03, A13 cancel discharge, A34 merge patient id; bare EVN/PV1
  times, XCN.6 prefix "DR", Australian IHI/Medicare numbers beside the MRN); its order comms ORM^O01 v2.3 NW with
  two ORC/OBR groups, and the new EMR's OML^O21 v2.7 CA of one of them;
- Wirrina Vale Hospital (WVH, Adelaide +1030): a webPAS-style PAS on v2.6 (A14 pending admit, A27 cancel
  pending admit, A44 move account, A60 with IAM-6 U and A, EVN-1 omitted as v2.6 allows) and its transcription
  system's MDM v2.6 (T02 in progress, T08 edit, T04 status change to authenticated, T06 addendum, T11 cancel of
  the addendum);
- the network's enterprise MPI (THN-EMPI, Sydney +1100) on v2.8: A28, A31, A40;
- a general practice (Karrawong Family Practice, KFP, Brisbane +1000) → the network's immunisation register,
  VXU^V04 2.5.1: three doses given with funding/VIS OBX, a historical birth dose, a refused influenza dose (RXA-18,
  RXA-20 RE); then RXA-21 D of one dose.
Patients and numbers (2801...) none of reviews 16-26's. Fields placed by number. All persons, numbers and
addresses are invented. Writes docs/review28/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review28/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review28/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'TESHN', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


M = {}
# ---- LCH legacy PAS (v2.3, Darwin +0930): bare EVN/PV1 times, XCN.6 "DR" prefix, no authority on doctor codes ----
HALLORAN = 'DR1402^HALLORAN-VUONG^ANSELM^^^DR'
OKAFOR = 'DR1877^OKAFOR-LINDSAY^BRONWYN^^^DR'
PRIESTLEY = 'DR2031^PRIESTLEY^CALLUM^J^^DR'
MAR = {1: '1', 2: 'L2801001', 3: 'L2801001^^^LCH^MR~8003608166690503^^^AUSHIC^NI~29512345611^^^AUSHIC^MC',
       5: 'MARRANDIL^KESTREL^JUNE^^MS^^L', 7: '19620319', 8: 'F', 11: '14 FRANGIPANI CRES^^NIGHTCLIFF^NT^0810^AUS^H',
       13: '(08)89485512', 15: 'ENG', 16: 'M', 18: 'LCHA2801001'}
PV1M = {1: '1', 2: 'I', 3: 'W4B^12^1^LCH', 4: 'E', 7: HALLORAN, 10: 'GEN', 14: '7', 17: HALLORAN, 18: 'PUB',
        19: 'V2801001', 44: '202612072310'}
M['01-adt-a01-admit'] = [
    msh('IPM', 'LCH', '20261207231842+0930', 'LCH28010001', 'ADT^A01', '2.3'),
    seg('EVN', {1: 'A01', 2: '202612072318', 6: '202612072310'}),
    seg('PID', MAR),
    seg('NK1', {1: '1', 2: 'MARRANDIL^TOBIAS', 3: 'HUS^Husband', 5: '0412555018'}),
    seg('PV1', PV1M),
    seg('PV2', {3: '^COMMUNITY ACQUIRED PNEUMONIA'}),
    seg('AL1', {1: '1', 2: 'DA', 3: 'AMOX^AMOXYCILLIN^LCHALG', 4: 'MO', 5: 'RASH', 6: '20150602'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'J18.9^Pneumonia, unspecified^I10', 6: 'A'}),
]
# transfer W4B-12-1 -> HDU-03-1 just after local midnight (the UTC date is the day before)
M['02-adt-a02-transfer'] = [
    msh('IPM', 'LCH', '20261208002512+0930', 'LCH28010002', 'ADT^A02', '2.3'),
    seg('EVN', {1: 'A02', 2: '202612080025', 6: '202612080020'}),
    seg('PID', MAR),
    seg('PV1', {**PV1M, 3: 'HDU^03^1^LCH', 6: 'W4B^12^1^LCH'}),
]
# cancel transfer: the patient never left W4B; v2.3 A12: PV1-3 the location she stays in, PV1-6 the cancelled one
M['03-adt-a12-cancel-transfer'] = [
    msh('IPM', 'LCH', '20261208004705+0930', 'LCH28010003', 'ADT^A12', '2.3'),
    seg('EVN', {1: 'A12', 2: '202612080047', 4: '01', 6: '202612080020'}),
    seg('PID', MAR),
    seg('PV1', {**PV1M, 6: 'HDU^03^1^LCH'}),
]
# update: the PAS sends the whole AL1 list: amoxycillin now severe with anaphylaxis, latex added
M['04-adt-a08-allergy-list'] = [
    msh('IPM', 'LCH', '20261208101133+0930', 'LCH28010004', 'ADT^A08', '2.3'),
    seg('EVN', {1: 'A08', 2: '202612081011'}),
    seg('PID', MAR),
    seg('PV1', PV1M),
    seg('AL1', {1: '1', 2: 'DA', 3: 'AMOX^AMOXYCILLIN^LCHALG', 4: 'SV', 5: 'ANAPHYLAXIS', 6: '20150602'}),
    seg('AL1', {1: '2', 2: 'MA', 3: 'LTX^LATEX^LCHALG', 4: 'MI', 5: 'CONTACT DERMATITIS', 6: '20261208'}),
]
# bed swap with TOOHEY (admitted before this sample): each PV1-3 the bed after the swap
TOO = {1: '2', 2: 'L2801044', 3: 'L2801044^^^LCH^MR~8003608500112233^^^AUSHIC^NI', 5: 'TOOHEY^GRAINNE^^^MS^^L', 7: '19480923',
       8: 'F', 11: '3 PANDANUS ST^^PARAP^NT^0820^AUS^H', 18: 'LCHA2801044'}
M['05-adt-a17-swap'] = [
    msh('IPM', 'LCH', '20261208143010+0930', 'LCH28010005', 'ADT^A17', '2.3'),
    seg('EVN', {1: 'A17', 2: '202612081430'}),
    seg('PID', MAR),
    seg('PV1', {**PV1M, 3: 'W4B^09^2^LCH', 6: 'W4B^12^1^LCH'}),
    seg('PID', TOO),
    seg('PV1', {1: '1', 2: 'I', 3: 'W4B^12^1^LCH', 6: 'W4B^09^2^LCH', 7: OKAFOR, 10: 'GEN', 19: 'V2801044', 44: '202612061540'}),
]
M['06-adt-a03-discharge'] = [
    msh('IPM', 'LCH', '20261210110802+0930', 'LCH28010006', 'ADT^A03', '2.3'),
    seg('EVN', {1: 'A03', 2: '202612101108', 6: '202612101100'}),
    seg('PID', MAR),
    seg('PV1', {**PV1M, 3: 'W4B^09^2^LCH', 36: '01', 45: '202612101100'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'J18.9^Pneumonia, unspecified^I10', 6: 'F'}),
]
# cancel discharge: she stayed (transport fell through); PV1-45 empty
M['07-adt-a13-cancel-discharge'] = [
    msh('IPM', 'LCH', '20261210133315+0930', 'LCH28010007', 'ADT^A13', '2.3'),
    seg('EVN', {1: 'A13', 2: '202612101333', 4: '01', 6: '202612101100'}),
    seg('PID', MAR),
    seg('PV1', {**PV1M, 3: 'W4B^09^2^LCH'}),
]
# merge patient ID: a duplicate MRN L2800877 made at ED triage, merged into L2800912
M['08-adt-a34-merge-id'] = [
    msh('IPM', 'LCH', '20261209091547+0930', 'LCH28010008', 'ADT^A34', '2.3'),
    seg('EVN', {1: 'A34', 2: '202612090915'}),
    seg('PID', {1: '1', 2: 'L2800912', 3: 'L2800912^^^LCH^MR', 5: 'JARRAH-QUILTY^DESMOND^ROY^^MR^^L', 7: '19790111', 8: 'M',
                11: '7 MANGO FARM RD^^HOWARD SPRINGS^NT^0835^AUS^H', 18: 'LCHA2800912'}),
    seg('MRG', {1: 'L2800877^^^LCH^MR', 7: 'QUILTY^DES'}),
]

# ---- WVH webPAS-style PAS (v2.6, Adelaide +1030): EVN-1 omitted ----
WVA = 'WVH&1.2.36.1.2001.1005.28.2&ISO'
BELL = f'4410288^BELLINGHAM-ADEYEMI^ROSALIE^^^DR^^^{WVA}^L^^^DN'
TRAN = f'4410391^TRAN-McCUTCHEON^HAMISH^^^DR^^^{WVA}^L^^^DN'
CLA = {1: '1', 3: f'W2809315^^^{WVA}^MR~8003608766554321^^^AUSHIC^NI', 5: 'CLANCY-OYELOWO^MARGUERITE^ANNE^^MRS^^L', 7: '19550827',
       8: 'F', 11: '22 ACACIA TCE^^PROSPECT^SA^5082^AUS^H', 13: '^PRN^PH^^61^8^82695531', 18: f'WVHA2809315^^^{WVA}^AN'}
PV1C = {1: '1', 2: 'I', 3: 'SURG5^512^2^WVH', 4: 'C', 7: TRAN, 10: 'ORT', 17: TRAN, 19: f'WV2809315-01^^^{WVA}^VN'}
M['09-adt-a14-pending-admit'] = [
    msh('WEBPAS', 'WVH', '20261209162240+1030', 'WVH28090001', 'ADT^A14^ADT_A05', '2.6'),
    seg('EVN', {2: '20261209162200+1030', 5: f'CLK0331^PAYNE^TESSA^^^^^^{WVA}'}),
    seg('PID', CLA),
    seg('PV1', PV1C),
    seg('PV2', {3: '^Elective right total knee replacement', 8: '20261214070000+1030'}),
    seg('DG1', {1: '1', 3: 'M17.11^Unilateral primary osteoarthritis, right knee^I10', 6: 'A'}),
]
M['10-adt-a27-cancel-pending-admit'] = [
    msh('WEBPAS', 'WVH', '20261211093105+1030', 'WVH28090002', 'ADT^A27^ADT_A21', '2.6'),
    seg('EVN', {2: '20261211093100+1030', 4: '01', 5: f'CLK0331^PAYNE^TESSA^^^^^^{WVA}'}),
    seg('PID', CLA),
    seg('PV1', PV1C),
]
# move account: account WVHA2809448 was opened on DAWSON-KIRBY's record by mistake; it belongs to his brother
M['11-adt-a44-move-account'] = [
    msh('WEBPAS', 'WVH', '20261210081512+1030', 'WVH28090003', 'ADT^A44^ADT_A43', '2.6'),
    seg('EVN', {2: '20261210081500+1030', 4: '01'}),
    seg('PID', {1: '1', 3: f'W2809450^^^{WVA}^MR', 5: 'DAWSON-KIRBY^LACHLAN^^^MR^^L', 7: '19880214', 8: 'M',
                11: '9 BOTTLEBRUSH AVE^^SALISBURY^SA^5108^AUS^H', 18: f'WVHA2809448^^^{WVA}^AN'}),
    seg('MRG', {1: f'W2809447^^^{WVA}^MR', 3: f'WVHA2809448^^^{WVA}^AN', 7: 'DAWSON-KIRBY^FINNIAN'}),
]
# allergy update: the codeine intolerance confirmed then inactive (IAM-17 I); a new one added
M['12-adt-a60-allergy-update'] = [
    msh('WEBPAS', 'WVH', '20261209171408+1030', 'WVH28090004', 'ADT^A60^ADT_A60', '2.6'),
    seg('EVN', {2: '20261209171400+1030'}),
    seg('PID', CLA),
    seg('PV1', {**PV1C, 2: 'P'}),
    seg('IAM', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '2670^Codeine^RXNORM', 4: 'MI^Mild^HL70128', 5: 'Nausea',
                6: 'U^Update^HL70323', 7: 'WVH-ALG-2809315-1^WVH', 8: 'Tolerated oxycodone and codeine 2025 without symptoms',
                11: '2009', 13: '20261209170500+1030', 14: 'PAYNE^TESSA^^^^^L', 17: 'I^Confirmed but inactive^HL70438',
                18: f'4410391^TRAN-McCUTCHEON^HAMISH^^^DR^^^{WVA}', 20: '20261209170500+1030'}),
    seg('IAM', {1: '2', 2: 'FA^Food allergy^HL70127', 3: '227493005^Cashew nuts^SCT', 4: 'SV^Severe^HL70128',
                5: 'Angioedema', 6: 'A^Add^HL70323', 7: 'WVH-ALG-2809315-2^WVH', 11: '20180305',
                13: '20261209170800+1030', 14: 'CLANCY-OYELOWO^MARGUERITE^^^^^L', 15: 'SEL^Self^HL70063',
                17: 'C^Confirmed or verified^HL70438'}),
]

# ---- Enterprise MPI (v2.8, Sydney +1100) ----
EMPA = 'THN-EMPI&1.2.36.1.2001.1005.28.1&ISO'
GOV = {1: '1', 3: f'E90028130^^^{EMPA}^PI~L2802210^^^LCH^MR~8003608833357361^^^AUSHIC^NI',
       5: 'GOVENDER-ASHBY^PRIYA^LEELA^^DR^^L', 7: '19840702', 8: 'F', 11: '41 BANKSIA RD^^CASUARINA^NT^0810^AUS^H',
       13: '^PRN^CP^^61^^412555207', 15: 'ENG^English^ISO6392', 16: 'S^Never Married^HL70002'}
M['13-adt-a28-add-person'] = [
    msh('THNEMPI', 'TESHN', '20261208120511+1100', 'EMP28130001', 'ADT^A28^ADT_A05', '2.8', {21: 'THN-EMPI-PIX^TESHN'}),
    seg('EVN', {2: '20261208120500+1100'}),
    seg('PID', GOV),
    seg('PV1', {1: '1', 2: 'N'}),
]
M['14-adt-a31-update-person'] = [
    msh('THNEMPI', 'TESHN', '20261211094433+1100', 'EMP28130002', 'ADT^A31^ADT_A05', '2.8', {21: 'THN-EMPI-PIX^TESHN'}),
    seg('EVN', {2: '20261211094400+1100'}),
    seg('PID', {**GOV, 11: '5/60 SMITH ST^^DARWIN CITY^NT^0800^AUS^H', 13: '^PRN^CP^^61^^412555207~^NET^Internet^priya.ga@example.net.au',
                16: 'M^Married^HL70002'}),
    seg('PV1', {1: '1', 2: 'N'}),
]
# enterprise merge: the duplicate enterprise id E90028177 (made from a WVH registration) into E90028130
M['15-adt-a40-merge'] = [
    msh('THNEMPI', 'TESHN', '20261212081502+1100', 'EMP28130003', 'ADT^A40^ADT_A39', '2.8', {21: 'THN-EMPI-PIX^TESHN'}),
    seg('EVN', {2: '20261212081500+1100'}),
    seg('PID', {1: '1', 3: f'E90028130^^^{EMPA}^PI', 5: 'GOVENDER-ASHBY^PRIYA^LEELA^^DR^^L', 7: '19840702', 8: 'F'}),
    seg('MRG', {1: f'E90028177^^^{EMPA}^PI~W2809602^^^{WVA}^MR', 7: 'ASHBY^PRIYA'}),
]

# ---- GP -> immunisation register (VXU 2.5.1, Brisbane +1000): infant WIRRPANDA-ELLIS, 6 months ----
KFA = 'KFP&1.2.36.1.2001.1005.28.9&ISO'
WIR = {1: '1', 3: f'K2816077^^^{KFA}^MR~8003608999001122^^^AUSHIC^NI', 5: 'WIRRPANDA-ELLIS^NOAH^ZEPHYR^^^^L',
       6: 'ELLIS^SIOBHAN^^^^^M', 7: '20260605', 8: 'M', 11: '18 POINCIANA ST^^ASHGROVE^QLD^4060^AUS^H',
       13: '^PRN^PH^^61^7^33665018'}
GP = f'2281016^STRAKER-MWANGI^IMOGEN^^^DR^^^{KFA}^L^^^PRN'
RN = f'2281044^DELACROIX-HUANG^PETRA^^^^RN^^{KFA}^L^^^PRN'
M16 = [
    msh('KFPMED', 'KFP', '20261211103512+1000', 'KFP28160001', 'VXU^V04^VXU_V04', '2.5.1', {21: 'Z22^CDCPHINVS'}),
    seg('PID', WIR),
    seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 16: 'A', 17: '20260605'}),
    seg('NK1', {1: '1', 2: 'ELLIS^SIOBHAN^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^PH^^61^7^33665018'}),
]


def dose(filler, t, cvx, amt, lot, exp, mvx, route, site, fund, vis_type, vis_date, obx_from, given=True):
    segs = [seg('ORC', {1: 'RE', 3: f'{filler}^KFP', 12: GP}),
            seg('RXA', {1: '0', 2: '1', 3: t, 5: cvx, 6: amt, 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001', 10: RN,
                        11: '^^^KFP', 15: lot, 16: exp, 17: mvx, 20: 'CP', 21: 'A'}),
            seg('RXR', {1: route, 2: site}),
            seg('OBX', {1: str(obx_from), 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                        5: fund, 11: 'F', 14: t, 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
            seg('OBX', {1: str(obx_from + 1), 2: 'CE', 3: '30956-7^vaccine type^LN', 4: '2', 5: vis_type, 11: 'F'}),
            seg('OBX', {1: str(obx_from + 2), 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2',
                        5: vis_date, 11: 'F'}),
            seg('OBX', {1: str(obx_from + 3), 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2',
                        5: t[:8], 11: 'F'})]
    return segs


PUB = 'PHC^Public health clinic^L'
M['16-vxu-v04-register-doses'] = M16 + \
    dose('KFP-IMM-2816-1', '20261211094000+1000', '146^DTaP,IPV,Hib,HepB^CVX', '0.5', 'A21CE884B', '20280131',
         'SKB^GlaxoSmithKline^MVX', 'C28161^Intramuscular^NCIT', 'LT^Left Thigh^HL70163', 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064',
         '146^DTaP,IPV,Hib,HepB^CVX', '20230801', 1) + \
    dose('KFP-IMM-2816-2', '20261211094300+1000', '133^PCV13^CVX', '0.5', 'LL4407', '20271130', 'PFR^Pfizer, Inc^MVX',
         'C28161^Intramuscular^NCIT', 'RT^Right Thigh^HL70163', 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064',
         '133^PCV13^CVX', '20231004', 5) + \
    dose('KFP-IMM-2816-3', '20261211094600+1000', '119^rotavirus, monovalent^CVX', '1.5', 'AROLB661AA', '20270630',
         'SKB^GlaxoSmithKline^MVX', 'C38288^Oral^NCIT', '', 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064',
         '119^rotavirus, monovalent^CVX', '20211015', 9) + [
    # the hepatitis B birth dose, given at the birthing hospital (historical)
    seg('ORC', {1: 'RE', 3: 'KFP-IMM-2816-4^KFP'}),
    seg('RXA', {1: '0', 2: '1', 3: '20260605', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '999',
                9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A'}),
    # influenza offered and refused by the parent
    seg('ORC', {1: 'RE', 3: 'KFP-IMM-2816-5^KFP', 12: GP}),
    seg('RXA', {1: '0', 2: '1', 3: '20261211095000+1000', 5: '140^Influenza, seasonal, injectable, preservative free^CVX',
                6: '999', 18: '00^Parental decision^NIP002', 20: 'RE'}),
]
# the rotavirus dose of #16 was recorded on the wrong child: RXA-21 D
M['17-vxu-v04-register-delete'] = [
    msh('KFPMED', 'KFP', '20261211152208+1000', 'KFP28160002', 'VXU^V04^VXU_V04', '2.5.1', {21: 'Z22^CDCPHINVS'}),
    seg('PID', WIR),
    seg('ORC', {1: 'RE', 3: 'KFP-IMM-2816-3^KFP', 12: GP}),
    seg('RXA', {1: '0', 2: '1', 3: '20261211094600+1000', 5: '119^rotavirus, monovalent^CVX', 6: '1.5', 7: 'mL^mL^UCUM',
                9: '00^New immunization record^NIP001', 10: RN, 15: 'AROLB661AA', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP', 21: 'D'}),
]

# ---- WVH transcription (MDM v2.6, Adelaide +1030) for CLANCY-OYELOWO's orthopaedic clinic letter ----
TYPIST = f'TR0917^NAIDOO-FARRELL^COLETTE^^^^^^{WVA}'
PV1D = {1: '1', 2: 'O', 3: 'ORTHOP^^^WVH', 7: TRAN, 19: f'WV2809315-02^^^{WVA}^VN'}


def txa(doc, status, avail, extra=None):
    f = {1: '1', 2: 'CN^Consultation^HL70270', 3: 'TX', 4: '20261211100000+1030', 5: TRAN, 6: '20261211104500+1030',
         7: '20261211133000+1030', 9: TRAN, 11: TYPIST, 12: f'{doc}^WVHDOC', 17: status, 19: avail,
         25: 'Orthopaedic clinic letter'}
    f.update(extra or {})
    return seg('TXA', f)


L1 = 'Right knee: bone-on-bone medial compartment; TKR deferred, cardiology review first.'
L2 = 'Plan: physiotherapy, analgesia; review in clinic in 6 weeks.'
L2E = 'Plan: physiotherapy, paracetamol 1 g QID; review in clinic in 4 weeks.'


def body(*lines):
    return [seg('OBX', {1: str(i), 2: 'TX', 3: '11488-4^Consult note^LN', 5: ln, 11: 'F'}) for i, ln in enumerate(lines, 1)]


M['18-mdm-t02-letter-in-progress'] = [
    msh('WVHTRANS', 'WVH', '20261211133212+1030', 'WVT28180001', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {2: '20261211133200+1030'}),
    seg('PID', CLA),
    seg('PV1', PV1D),
    txa('WVH-DOC-281801', 'IP^In Progress^HL70271', 'UN^Unavailable^HL70273'),
] + body(L1, L2)
M['19-mdm-t08-letter-edit'] = [
    msh('WVHTRANS', 'WVH', '20261211152044+1030', 'WVT28180002', 'MDM^T08^MDM_T02', '2.6'),
    seg('EVN', {2: '20261211152000+1030'}),
    seg('PID', CLA),
    seg('PV1', PV1D),
    txa('WVH-DOC-281801', 'IP^In Progress^HL70271', 'UN^Unavailable^HL70273', {8: '20261211151800+1030'}),
] + body(L1, L2E)
M['20-mdm-t04-letter-authenticated'] = [
    msh('WVHTRANS', 'WVH', '20261212090512+1030', 'WVT28180003', 'MDM^T04^MDM_T02', '2.6'),
    seg('EVN', {2: '20261212090500+1030'}),
    seg('PID', CLA),
    seg('PV1', PV1D),
    txa('WVH-DOC-281801', 'AU^Authenticated^HL70271', 'AV^Available for Patient Care^HL70273',
        {8: '20261211151800+1030', 22: f'4410391^TRAN-McCUTCHEON^HAMISH^^^DR^^^{WVA}^^^^^^^20261212090200+1030'}),
] + body(L1, L2E)
M['21-mdm-t06-addendum'] = [
    msh('WVHTRANS', 'WVH', '20261212141530+1030', 'WVT28180004', 'MDM^T06^MDM_T02', '2.6'),
    seg('EVN', {2: '20261212141500+1030'}),
    seg('PID', CLA),
    seg('PV1', PV1D),
    txa('WVH-DOC-281802', 'AU^Authenticated^HL70271', 'AV^Available for Patient Care^HL70273',
        {4: '20261212141000+1030', 6: '20261212141000+1030', 7: '', 11: '', 13: 'WVH-DOC-281801^WVHDOC',
         25: 'Addendum to orthopaedic clinic letter'}),
] + [seg('OBX', {1: '1', 2: 'TX', 3: '11488-4^Consult note^LN', 5: 'Addendum: cardiology cleared for surgery 12/12.', 11: 'F'})]
# the addendum was written on the wrong letter: cancelled (MDM_T01: no OBX)
M['22-mdm-t11-cancel-addendum'] = [
    msh('WVHTRANS', 'WVH', '20261212162001+1030', 'WVT28180005', 'MDM^T11^MDM_T01', '2.6'),
    seg('EVN', {2: '20261212162000+1030'}),
    seg('PID', CLA),
    seg('PV1', PV1D),
    txa('WVH-DOC-281802', 'AU^Authenticated^HL70271', 'CA^Canceled^HL70273',
        {4: '20261212162000+1030', 6: '20261212141000+1030', 7: '', 11: '', 13: 'WVH-DOC-281801^WVHDOC',
         21: 'Written on the wrong letter', 25: 'Addendum to orthopaedic clinic letter'}),
]

# ---- LCH order comms (ORM v2.3) and the new EMR (OML v2.7), Darwin +0930, for MARRANDIL ----
M['23-orm-o01-two-orders'] = [
    msh('LCHOC', 'LCH', '20261208003512+0930', 'LCO28230001', 'ORM^O01', '2.3'),
    seg('PID', MAR),
    seg('PV1', {**PV1M, 3: 'W4B^12^1^LCH'}),
    seg('ORC', {1: 'NW', 2: 'LCO-2823001^LCHOC', 7: '^^^20261208060000+0930^^R', 9: '20261208003000+0930', 12: PRIESTLEY,
                17: 'W4B^Ward 4B^LCHWARD'}),
    seg('OBR', {1: '1', 2: 'LCO-2823001^LCHOC', 4: 'FBC^Full blood count^LCHLAB', 13: 'On IV ceftriaxone day 2',
                16: PRIESTLEY, 27: '^^^20261208060000+0930^^R', 31: '^Community acquired pneumonia'}),
    seg('ORC', {1: 'NW', 2: 'LCO-2823002^LCHOC', 7: '^^^20261208060000+0930^^R', 9: '20261208003000+0930', 12: PRIESTLEY,
                17: 'W4B^Ward 4B^LCHWARD'}),
    seg('OBR', {1: '2', 2: 'LCO-2823002^LCHOC', 4: 'LFT^Liver function tests^LCHLAB', 13: 'On IV ceftriaxone day 2',
                16: PRIESTLEY, 27: '^^^20261208060000+0930^^R', 31: '^Community acquired pneumonia'}),
]
PRIESTLEY27 = f'DR2031^PRIESTLEY^CALLUM^J^^DR^^^LCH&1.2.36.1.2001.1005.28.3&ISO^L^^^DN'
M['24-oml-o21-cancel-one'] = [
    msh('THNEMR', 'LCH', '20261208074502+0930', 'LCE28240001', 'OML^O21^OML_O21', '2.7'),
    seg('PID', {**MAR, 2: ''}),
    seg('PV1', {1: '1', 2: 'I', 3: 'W4B^12^1^LCH', 19: 'V2801001'}),
    seg('ORC', {1: 'CA', 2: 'LCO-2823002^LCHOC', 5: 'CA', 9: '20261208074400+0930', 12: PRIESTLEY27,
                16: '^Duplicate request - LFT already collected in ED'}),
    seg('OBR', {1: '1', 2: 'LCO-2823002^LCHOC', 4: 'LFT^Liver function tests^LCHLAB', 16: PRIESTLEY27}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
