#!/usr/bin/env python3
r"""Review 31's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of a large academic medical center in Eastern time on a Cerner-like feed (Hollis Ferry University
Medical Center, HFUMC; America/New_York: 1 November 2026 is the fall-back, 02:00 EDT -0400 -> 01:00 EST -0500,
so 01:00-01:59 local happens twice):
- ADT v2.3/2.4 with the whole visit lifecycle: A01, A02 at 01:30 in the repeated hour, A12 cancel transfer,
  A08 with `""` deletes, A03 then A13; A04 -> A06 -> A07 class changes; A17 bed swap of two patients; A34 merge
  of patient id; A24 link then A37 unlink; A35 merge of account number. Cerner habits: PID-3 MRN ~ CMRN with bare
  namespaces `HFUMC_MRN`/`HFUMC_CMRN`, PID-18 FIN = PV1-19 `HFUMC_FIN` `FIN NBR`, personnel XCN ~ NPI repetition,
  MSH-7 sometimes with an offset and sometimes without, EVN-2 and most PV1/ORC/OBR times bare;
- its microbiology LIS (ORU^R01 2.5.1): a blood culture, preliminary Gram stain, preliminary organism, final with
  organism OBX (OBX-4 sub-id 1) and a susceptibility child OBR (OBR-26 PRL / OBR-29 EIP parent links), then one
  susceptibility OBX-11 C under OBR-25 C;
- its order entry (OML^O21 2.5.1): one ORC over four OBRs (the sender's habit; OML_O21 wants an ORC per OBR),
  a later ORC-1 CA of one test, then the lab's ORU of two of the tests;
- a clinic VXU^V04 2.5.1: two doses, a historical Tdap (RXA-9 01) and a refused influenza dose (RXA-18, RXA-20 RE).
Patients and numbers (HF31..., 9310...) none of reviews 16-30's. Fields placed by number. All persons, numbers
and addresses are invented. Writes docs/review31/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review31/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review31/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, extra=None):
    f = {3: app, 4: 'HFUMC', 5: 'HIG', 6: 'HIG', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


def doc(num, family, given, npi, degree='MD'):
    return f'{num}^{family}^{given}^^^^{degree}^^HFUMC_PRSNL^^^^ORGDR~{npi}^{family}^{given}^^^^{degree}^^NPI^^^^NPI'


ADEBOWALE = doc('4102', 'ADEBOWALE-KRISTIANSEN', 'OLUFEMI', '1831410227')
BRZEZINSKI = doc('4117', 'BRZEZINSKI', 'MARGUERITE', '1831410235')
ELLSWORTH = doc('4123', 'ELLSWORTH-NAKASHIMA', 'DORIAN', '1831410243')
FAIRCLOUGH = doc('4130', 'SZYMANSKI-ODUM', 'CLEMENTINE', '1831410250', 'DO')
M = {}


def mrn(n, cm):
    return f'{n}^^^HFUMC_MRN^MRN~{cm}^^^HFUMC_CMRN^CMRN'


def fin(n):
    return f'{n}^^^HFUMC_FIN^FIN NBR'


# ---- FITZGIBBON-IWUCHUKWU: admitted the evening before the fall-back, to the MICU in the repeated hour ----
FIT = {1: '1', 3: mrn('HF3101001', 'C3101001'), 5: 'FITZGIBBON-IWUCHUKWU^CORNELIUS^AMBROSE^^^^L', 7: '19520814',
       8: 'M', 10: '2106-3^White^CDCREC', 11: '88 ORCHARD TERRACE^^HOLLIS FERRY^NY^12589^USA^H',
       13: '(845)555-3101^PRN^PH', 14: '(845)555-3199^WPN^PH', 15: 'ENG^English^HL70296', 16: 'M^Married^HL70002',
       18: fin('9310100101'), 19: '', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
PV1F = {1: '1', 2: 'I', 3: '7W^712^A^HFUMC^^BED^MAIN', 4: 'E^Emergency^HL70007', 7: ADEBOWALE, 8: BRZEZINSKI,
        10: 'MED', 14: '7^Emergency room^HL70023', 17: ADEBOWALE, 18: 'INP', 19: fin('9310100101'),
        44: '20261031214500'}
M['01-adt-a01-admit'] = [
    msh('HFUMC_ADT', '20261031215512-0400', 'HF31000001', 'ADT^A01', '2.3'),
    seg('EVN', {1: 'A01', 2: '20261031215512-0400'}),
    seg('PID', FIT),
    seg('NK1', {1: '1', 2: 'FITZGIBBON-IWUCHUKWU^ADAEZE', 3: 'SPO^Spouse^HL70063', 5: '(845)555-3102'}),
    seg('PV1', PV1F),
    seg('DG1', {1: '1', 2: 'I10', 3: 'J18.9^Pneumonia, unspecified organism^I10', 6: 'A'}),
]
# Transfer to the MICU at 01:30 EST, the second 01:30 of the night; the sender's clock says -0500 in MSH-7 and the
# same clock, bare, in EVN-2 (the system time of the transfer's entry) and EVN-6 (when it happened).
M['02-adt-a02-transfer-micu'] = [
    msh('HFUMC_ADT', '20261101013812-0500', 'HF31000002', 'ADT^A02', '2.4'),
    seg('EVN', {1: 'A02', 2: '20261101013812', 5: '5501^KWIATKOWSKA^ILONA^^^^RN^^HFUMC_PRSNL', 6: '20261101013000'}),
    seg('PID', FIT),
    seg('PV1', {**PV1F, 3: 'MICU^M04^A^HFUMC^^BED^MAIN', 6: '7W^712^A^HFUMC^^BED^MAIN', 7: ELLSWORTH, 10: 'MICU'}),
]
# The transfer was entered on the wrong patient's bed; cancelled 25 minutes later. Cerner's A12 here has MSH-7 bare.
M['03-adt-a12-cancel-transfer'] = [
    msh('HFUMC_ADT', '20261101015530', 'HF31000003', 'ADT^A12', '2.4'),
    seg('EVN', {1: 'A12', 2: '20261101015530', 6: '20261101015000'}),
    seg('PID', FIT),
    seg('PV1', {**PV1F, 3: '7W^712^A^HFUMC^^BED^MAIN', 6: 'MICU^M04^A^HFUMC^^BED^MAIN'}),
]
# Registration clean-up in the morning: home phone and marital status cleared with "", the referring doctor
# removed, a new home address.
M['04-adt-a08-deletes'] = [
    msh('HFUMC_ADT', '20261101091244-0500', 'HF31000004', 'ADT^A08', '2.3'),
    seg('EVN', {1: 'A08', 2: '20261101091244-0500'}),
    seg('PID', {**FIT, 11: '14 RIVERSIDE LANE^^HOLLIS FERRY^NY^12589^USA^H', 13: '""', 16: '""'}),
    seg('PV1', {**PV1F, 8: '""'}),
]
M['05-adt-a03-discharge'] = [
    msh('HFUMC_ADT', '20261103142210-0500', 'HF31000005', 'ADT^A03', '2.3'),
    seg('EVN', {1: 'A03', 2: '20261103142210-0500'}),
    seg('PID', {**FIT, 11: '14 RIVERSIDE LANE^^HOLLIS FERRY^NY^12589^USA^H', 13: '', 16: ''}),
    seg('PV1', {**PV1F, 8: '', 36: '01^Discharged to home^HL70112', 45: '20261103140000'}),
]
# The discharge was premature (a culture turned positive): cancelled.
M['06-adt-a13-cancel-discharge'] = [
    msh('HFUMC_ADT', '20261103145001-0500', 'HF31000006', 'ADT^A13', '2.3'),
    seg('EVN', {1: 'A13', 2: '20261103145001-0500'}),
    seg('PID', {**FIT, 11: '14 RIVERSIDE LANE^^HOLLIS FERRY^NY^12589^USA^H', 13: '', 16: ''}),
    seg('PV1', {**PV1F, 8: ''}),
]

# ---- BAPTISTE-WOJTASZEK: observation -> inpatient (A06) -> back to observation (A07) ----
BAP = {1: '1', 3: mrn('HF3102002', 'C3102002'), 5: 'BAPTISTE-WOJTASZEK^ROSALIND^^^^^L', 7: '19680227', 8: 'F',
       11: '3 QUARRY HILL RD^^MILTON^NY^12547^USA^H', 13: '(845)555-3202^PRN^CP', 18: fin('9310200201')}
PV1B = {1: '1', 2: 'O', 3: 'CDU^C11^B^HFUMC^^BED^MAIN', 4: 'E^Emergency^HL70007', 7: FAIRCLOUGH, 10: 'OBS',
        18: 'OBS', 19: fin('9310200201'), 44: '20261030181500'}
M['07-adt-a04-observation'] = [
    msh('HFUMC_ADT', '20261030183002-0400', 'HF31000007', 'ADT^A04', '2.4'),
    seg('EVN', {1: 'A04', 2: '20261030183002-0400'}),
    seg('PID', BAP),
    seg('PV1', PV1B),
]
M['08-adt-a06-to-inpatient'] = [
    msh('HFUMC_ADT', '20261031081512-0400', 'HF31000008', 'ADT^A06', '2.4'),
    seg('EVN', {1: 'A06', 2: '20261031081512-0400', 6: '20261031081000'}),
    seg('PID', BAP),
    seg('PV1', {**PV1B, 2: 'I', 3: '6N^618^A^HFUMC^^BED^MAIN', 10: 'MED', 18: 'INP'}),
]
# Utilization review: back to observation status (A07), two days later, after the fall-back (MSH-7 -0500).
M['09-adt-a07-to-outpatient'] = [
    msh('HFUMC_ADT', '20261102101530-0500', 'HF31000009', 'ADT^A07', '2.4'),
    seg('EVN', {1: 'A07', 2: '20261102101530-0500', 6: '20261102100000'}),
    seg('PID', BAP),
    seg('PV1', {**PV1B, 3: '6N^618^A^HFUMC^^BED^MAIN'}),
]

# ---- STRAUSSMAN and VERHOEVEN-DOUCETTE on 5 East: admitted, then their beds swapped (A17) ----
STR = {1: '1', 3: mrn('HF3103003', 'C3103003'), 5: 'STRAUSSMAN^EZEKIEL^^^^^L', 7: '19440102', 8: 'M',
       11: '201 FERRY ST^^HOLLIS FERRY^NY^12589^USA^H', 18: fin('9310300301')}
PV1S = {1: '1', 2: 'I', 3: '5E^512^A^HFUMC^^BED^MAIN', 7: BRZEZINSKI, 10: 'SUR', 19: fin('9310300301'),
        44: '20261102064000'}
VER = {1: '1', 3: mrn('HF3104004', 'C3104004'), 5: 'VERHOEVEN-DOUCETTE^AUGUSTIN^^^^^L', 7: '19790613', 8: 'M',
       11: '9 KILN ROAD^^NEW PALTZ^NY^12561^USA^H', 18: fin('9310400401')}
PV1V = {1: '1', 2: 'I', 3: '5E^514^B^HFUMC^^BED^MAIN', 7: BRZEZINSKI, 10: 'SUR', 19: fin('9310400401'),
        44: '20261102071500'}
M['10-adt-a01-admit-5e-a'] = [
    msh('HFUMC_ADT', '20261102064530-0500', 'HF31000010', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '20261102064530-0500'}),
    seg('PID', STR),
    seg('PV1', PV1S),
]
M['11-adt-a01-admit-5e-b'] = [
    msh('HFUMC_ADT', '20261102072011-0500', 'HF31000011', 'ADT^A01', '2.4'),
    seg('EVN', {1: 'A01', 2: '20261102072011-0500'}),
    seg('PID', VER),
    seg('PV1', PV1V),
]
M['12-adt-a17-swap'] = [
    msh('HFUMC_ADT', '20261102113015-0500', 'HF31000012', 'ADT^A17', '2.4'),
    seg('EVN', {1: 'A17', 2: '20261102113015-0500'}),
    seg('PID', STR),
    seg('PV1', {**PV1S, 3: '5E^514^B^HFUMC^^BED^MAIN', 6: '5E^512^A^HFUMC^^BED^MAIN'}),
    seg('PID', {**VER, 1: '2'}),
    seg('PV1', {**PV1V, 3: '5E^512^A^HFUMC^^BED^MAIN', 6: '5E^514^B^HFUMC^^BED^MAIN'}),
]
# The ED had made a second MRN for VERHOEVEN-DOUCETTE the night before: patient-id merge (A34), the visit kept.
M['13-adt-a34-merge-id'] = [
    msh('HFUMC_ADT', '20261102140506-0500', 'HF31000013', 'ADT^A34^ADT_A30', '2.4'),
    seg('EVN', {1: 'A34', 2: '20261102140506-0500', 5: '6120^HAVILAND-PRZYBYLSKI^NOOR^^^^^^HFUMC_PRSNL'}),
    seg('PID', {**VER, 3: 'HF3104004^^^HFUMC_MRN^MRN'}),
    seg('MRG', {1: 'HF3104099^^^HFUMC_MRN^MRN'}),
]

# ---- MONTGOMERIE-LACHAPELLE linked to TABORSKY-GRUENWALD by mistake (A24), unlinked (A37) ----
MON = {1: '1', 3: 'HF3106006^^^HFUMC_MRN^MRN', 5: 'MONTGOMERIE-LACHAPELLE^HENRIETTA^^^^^L', 7: '19910405', 8: 'F',
       11: '57 CIDER MILL WAY^^GARDINER^NY^12525^USA^H'}
TAB = {1: '2', 3: 'HF3106007^^^HFUMC_MRN^MRN', 5: 'TABORSKY-GRUENWALD^HENRIETTA^^^^^L', 7: '19910504', 8: 'F',
       11: '12 SILO LANE^^WALDEN^NY^12586^USA^H'}
M['14-adt-a24-link'] = [
    msh('HFUMC_ADT', '20261102150010-0500', 'HF31000014', 'ADT^A24', '2.4'),
    seg('EVN', {1: 'A24', 2: '20261102150010-0500'}),
    seg('PID', MON),
    seg('PID', TAB),
]
M['15-adt-a37-unlink'] = [
    msh('HFUMC_ADT', '20261102161522-0500', 'HF31000015', 'ADT^A37', '2.4'),
    seg('EVN', {1: 'A37', 2: '20261102161522-0500', 5: '6120^HAVILAND-PRZYBYLSKI^NOOR^^^^^^HFUMC_PRSNL'}),
    seg('PID', MON),
    seg('PID', TAB),
]

# ---- microbiology: FITZGIBBON-IWUCHUKWU's blood culture drawn at 02:10 EST (after the repeated hour) ----
PID25 = {**FIT, 3: 'HF3101001^^^HFUMC_MRN^MR', 13: '', 14: '', 16: ''}
PV1M = {1: '1', 2: 'I', 3: '7W^712^A^HFUMC^^BED^MAIN', 7: ADEBOWALE, 19: fin('9310100101')}
BC = '600-7^Bacteria identified in Blood by Culture^LN^BCX^Blood culture^L'
ORCM = {1: 'RE', 2: '31010310^HFUMC_ORD', 3: 'MB26-31016^HFUMC_LAB', 12: ADEBOWALE}
SPM = seg('SPM', {1: '1', 2: '^MB26-31016-1&HFUMC_LAB', 4: '119297000^Blood specimen^SCT', 8: '368209003^Right arm^SCT',
                  17: '20261101021000', 18: '20261101023500-0500'})


def obr_parent(status, reported, extra=None):
    f = {1: '1', 2: '31010310^HFUMC_ORD', 3: 'MB26-31016^HFUMC_LAB', 4: BC, 7: '20261101021000',
         14: '20261101023500-0500', 16: ADEBOWALE, 22: reported, 24: 'MB', 25: status}
    f.update(extra or {})
    return seg('OBR', f)


GRAM = '664-3^Microscopic observation [Identifier] in Specimen by Gram stain^LN'
GPC = '59206002^Gram-positive coccus in clusters^SCT'
SAUR = '3092008^Staphylococcus aureus^SCT'
M['16-oru-r01-micro-gram-prelim'] = [
    msh('HFUMC_MICRO', '20261102033014-0500', 'HF31000016', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', PID25), seg('PV1', PV1M), seg('ORC', ORCM),
    obr_parent('P', '20261102033000-0500'),
    seg('OBX', {1: '1', 2: 'CWE', 3: GRAM, 4: '1', 5: GPC, 11: 'P', 14: '20261101021000', 19: '20261102032500-0500'}),
    seg('NTE', {1: '1', 3: 'Critical value called to RN KWIATKOWSKA 11/02/2026 03:29 by tech 7731.'}),
    SPM,
]
M['17-oru-r01-micro-organism-prelim'] = [
    msh('HFUMC_MICRO', '20261102161040-0500', 'HF31000017', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', PID25), seg('PV1', PV1M), seg('ORC', ORCM),
    obr_parent('P', '20261102161000-0500'),
    seg('OBX', {1: '1', 2: 'CWE', 3: GRAM, 4: '1', 5: GPC, 11: 'F', 14: '20261101021000', 19: '20261102032500-0500'}),
    seg('OBX', {1: '2', 2: 'CWE', 3: BC, 4: '1', 5: SAUR, 11: 'P', 14: '20261101021000', 19: '20261102160500-0500'}),
    SPM,
]
SUSC = '29576-6^Bacterial susceptibility panel^LN^MIC^Susceptibility MIC^L'
PRL = f'600-7&Bacteria identified in Blood by Culture&LN^1^Staphylococcus aureus'
EIP = '31010310&HFUMC_ORD^MB26-31016&HFUMC_LAB'


def mic(i, code, value, interp, status='F'):
    return seg('OBX', {1: str(i), 2: 'SN', 3: code, 4: '1', 5: value, 6: 'ug/mL^microgram per milliliter^UCUM',
                       8: f'{interp}^{ {"S": "Susceptible", "R": "Resistant", "I": "Intermediate"}[interp]}^HL70078',
                       11: status, 14: '20261101021000', 19: '20261104090000-0500'})


def child(status, vanc):
    return [
        seg('ORC', {**ORCM, 3: 'MB26-31016-S1^HFUMC_LAB'}),
        seg('OBR', {1: '2', 2: '31010310^HFUMC_ORD', 3: 'MB26-31016-S1^HFUMC_LAB', 4: SUSC, 7: '20261101021000',
                    16: ADEBOWALE, 22: '20261104091500-0500' if status == 'F' else '20261105081200-0500', 24: 'MB', 25: status,
                    26: PRL, 29: EIP}),
        mic(1, '18961-1^Oxacillin [Susceptibility]^LN', '<=^0.25', 'S'),
        mic(2, '18908-4^Clindamycin [Susceptibility]^LN', '>=^8', 'R'),
        mic(3, '18998-5^Trimethoprim+Sulfamethoxazole [Susceptibility]^LN', '<=^10', 'S'),
        vanc,
    ]


M['18-oru-r01-micro-final-susc'] = [
    msh('HFUMC_MICRO', '20261104091622-0500', 'HF31000018', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', PID25), seg('PV1', PV1M), seg('ORC', ORCM),
    obr_parent('F', '20261104091500-0500'),
    seg('OBX', {1: '1', 2: 'CWE', 3: GRAM, 4: '1', 5: GPC, 11: 'F', 14: '20261101021000', 19: '20261102032500-0500'}),
    seg('OBX', {1: '2', 2: 'CWE', 3: BC, 4: '1', 5: SAUR, 11: 'F', 14: '20261101021000', 19: '20261104090000-0500'}),
    SPM,
    *child('F', mic(4, '19000-9^Vancomycin [Susceptibility]^LN', '^1', 'S')),
]
# Vancomycin re-read by E-test: MIC 4, intermediate (VISA). Only that OBX is C; the child OBR-25 C.
M['19-oru-r01-micro-corrected-susc'] = [
    msh('HFUMC_MICRO', '20261105081322-0500', 'HF31000019', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', PID25), seg('PV1', PV1M), seg('ORC', ORCM),
    obr_parent('F', '20261104091500-0500'),
    seg('OBX', {1: '1', 2: 'CWE', 3: GRAM, 4: '1', 5: GPC, 11: 'F', 14: '20261101021000', 19: '20261102032500-0500'}),
    seg('OBX', {1: '2', 2: 'CWE', 3: BC, 4: '1', 5: SAUR, 11: 'F', 14: '20261101021000', 19: '20261104090000-0500'}),
    SPM,
    *child('C', mic(4, '19000-9^Vancomycin [Susceptibility]^LN', '^4', 'I', 'C')),
]

# ---- order entry: the MICU's labs at 01:42 EST (before the A12 at 01:55 sent him back to 7W) (MSH-7 -0500, ORC-9 the same clock bare), one ORC, four OBRs ----
ORD_T = '20261101014205'
M['20-oml-o21-one-orc-four-obr'] = [
    msh('HFUMC_ORD', ORD_T + '-0500', 'HF31000020', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', PID25), seg('PV1', {**PV1M, 3: 'MICU^M04^A^HFUMC^^BED^MAIN', 7: ELLSWORTH}),
    seg('ORC', {1: 'NW', 2: '31010201^HFUMC_ORD', 4: 'G3101020^HFUMC_ORD', 5: 'SC', 9: ORD_T, 10: '5501^KWIATKOWSKA^ILONA^^^^RN^^HFUMC_PRSNL',
                12: ELLSWORTH, 21: 'HOLLIS FERRY UNIVERSITY MEDICAL CENTER'}),
    seg('OBR', {1: '1', 2: '31010201^HFUMC_ORD', 4: '58410-2^CBC panel - Blood by Automated count^LN', 16: ELLSWORTH, 27: '^^^^^S'}),
    seg('OBR', {1: '2', 2: '31010202^HFUMC_ORD', 4: '51990-0^Basic metabolic panel - Blood^LN', 16: ELLSWORTH, 27: '^^^^^S'}),
    seg('OBR', {1: '3', 2: '31010203^HFUMC_ORD', 4: '19123-9^Magnesium [Mass/volume] in Serum or Plasma^LN', 16: ELLSWORTH, 27: '^^^^^R'}),
    seg('OBR', {1: '4', 2: '31010204^HFUMC_ORD', 4: '2524-7^Lactate [Moles/volume] in Serum or Plasma^LN', 16: ELLSWORTH, 27: '^^^^^S'}),
]
M['21-oml-o21-cancel-one'] = [
    msh('HFUMC_ORD', '20261101020512-0500', 'HF31000021', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', PID25), seg('PV1', {**PV1M, 3: 'MICU^M04^A^HFUMC^^BED^MAIN', 7: ELLSWORTH}),
    seg('ORC', {1: 'CA', 2: '31010203^HFUMC_ORD', 4: 'G3101020^HFUMC_ORD', 5: 'CA', 9: '20261101020512', 12: ELLSWORTH,
                16: 'DUP^Duplicate order^HL70119'}),
    seg('OBR', {1: '1', 2: '31010203^HFUMC_ORD', 4: '19123-9^Magnesium [Mass/volume] in Serum or Plasma^LN', 16: ELLSWORTH}),
]
M['22-oru-r01-bmp-lactate'] = [
    msh('HFUMC_LAB', '20261101030940-0500', 'HF31000022', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', PID25), seg('PV1', {**PV1M, 7: ELLSWORTH}),
    seg('ORC', {1: 'RE', 2: '31010202^HFUMC_ORD', 3: 'CH26-31022^HFUMC_LAB', 5: 'CM', 12: ELLSWORTH}),
    seg('OBR', {1: '1', 2: '31010202^HFUMC_ORD', 3: 'CH26-31022^HFUMC_LAB', 4: '51990-0^Basic metabolic panel - Blood^LN',
                7: '20261101021500', 16: ELLSWORTH, 22: '20261101030900-0500', 24: 'CH', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', 5: '131', 6: 'mmol/L^mmol/L^UCUM',
                7: '136-145', 8: 'L', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', 5: '5.8', 6: 'mmol/L^mmol/L^UCUM',
                7: '3.5-5.1', 8: 'H', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', 5: '2.4', 6: 'mg/dL^mg/dL^UCUM',
                7: '0.7-1.3', 8: 'H', 11: 'F'}),
    seg('ORC', {1: 'RE', 2: '31010204^HFUMC_ORD', 3: 'CH26-31023^HFUMC_LAB', 5: 'CM', 12: ELLSWORTH}),
    seg('OBR', {1: '2', 2: '31010204^HFUMC_ORD', 3: 'CH26-31023^HFUMC_LAB', 4: '2524-7^Lactate [Moles/volume] in Serum or Plasma^LN',
                7: '20261101021500', 16: ELLSWORTH, 22: '20261101025500-0500', 24: 'CH', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2524-7^Lactate [Moles/volume] in Serum or Plasma^LN', 5: '4.1', 6: 'mmol/L^mmol/L^UCUM',
                7: '0.5-2.2', 8: 'HH', 11: 'F'}),
]

# ---- the Hollis Ferry primary-care clinic's VXU: a historical Tdap and a refused influenza dose ----
KWI = {1: '1', 3: 'HF3108008^^^HFUMC_MRN^MR', 5: 'KWIATKOWSKA-ABARA^PAULINA^^^^^L', 7: '19850919', 8: 'F',
       11: '40 LOCUST GROVE^^HOLLIS FERRY^NY^12589^USA^H', 13: '^PRN^PH^^1^845^5553808'}
M['23-vxu-v04-historical-refusal'] = [
    msh('HFUMC_CLIN', '20261105103015-0500', 'HF31000023', 'VXU^V04^VXU_V04', '2.5.1', {15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
    seg('PID', KWI),
    seg('PD1', {12: 'N', 16: 'A', 17: '20261105'}),
    seg('ORC', {1: 'RE', 3: 'HFIMM-3108-01^HFUMC_CLIN'}),
    seg('RXA', {1: '0', 2: '1', 3: '20190312', 5: '115^Tdap^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001',
                20: 'CP', 21: 'A'}),
    seg('ORC', {1: 'RE', 3: 'HFIMM-3108-02^HFUMC_CLIN', 12: FAIRCLOUGH}),
    seg('RXA', {1: '0', 2: '1', 3: '20261105102000', 5: '141^Influenza, seasonal, injectable^CVX', 6: '999',
                18: '00^Parental decision^NIP002', 20: 'RE', 21: 'A'}),
]

# ---- BAPTISTE-WOJTASZEK: her observation FIN merged into the inpatient account (A35, account number only) ----
M['24-adt-a35-merge-account'] = [
    msh('HFUMC_ADT', '20261102113544-0500', 'HF31000024', 'ADT^A35^ADT_A30', '2.4'),
    seg('EVN', {1: 'A35', 2: '20261102113544-0500'}),
    seg('PID', {**BAP, 18: fin('9310200299')}),
    seg('MRG', {1: 'HF3102002^^^HFUMC_MRN^MRN', 3: fin('9310200201')}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
