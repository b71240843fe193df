#!/usr/bin/env python3
r"""Review 38's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the six feeds of one oncology and infusion day unit and its hospital's outreach laboratory in Europe/London,
across the October 2027 fall-back night (Sunday 31 October 2027: 02:00 BST +0100 becomes 01:00 GMT +0000, so
01:00-01:59 happens twice on a moved clock).
Ravensmoor University Hospital (RMUH), Bluebell Oncology Day Unit (BDU), RMUH Pathology Outreach:
- PAS "HERON" (ADT v2.4, MSH-18 UNICODE UTF-8, MSH-7 with its offset, EVN-2 / PV1-44 / PV1-45 bare): A28 person
  add, A31 person update with PID-3 reordered (hospital MRN before the NHS number) and a new address, A40 merge of a
  duplicate registered by the outreach phlebotomist under a temporary number into the real MRN, A01 / A03 day-case
  admissions (PV1-2 I, PV1-4 C elective);
- chemotherapy prescribing "CYTOFLOW" (OMP^O09 v2.5 and RDE^O11 v2.5: MSH-7 with offset, TQ1 bare): cycle / day in
  TQ1 (TQ1-3 once, TQ1-7 start, TQ1-11 text "Cycle n Day 1 of 6, 21-day cycle"), RXC compound infusions (B base
  bag + A drug), the body-surface area, height and weight as OBX in the order group;
- e-MAR "INFUSE" (RAS^O17 v2.5: MSH-7 with offset, RXA-3/4 bare): an update of a running infusion with a new rate
  (RXA-21 U, rate in RXA-6/7 per RXA-12 H1), a completed dose (CP), an infusion stopped for a reaction (RXA-20 PA,
  RXA-18 reason) and a dose not given (RXA-20 NA);
- LIS "LABRIX" (ORU^R01 v2.5.1: every time with its offset, except the outreach analyser's night run which sends
  bare times): FBC before each cycle (a critical neutrophil count LL with its NTE call-back), CA-125 trend, a
  corrected CA-125 (OBR-25 C / OBX-11 C);
- EPR "QUILL" (MDM^T02 clinic letter, MDM^T10 replacement with TXA-13 parent, v2.6, escapes \T\ \F\ \S\ in text);
- scheduler "CHAIRS" (SIU^S12 / S14 / S15 v2.5 chair bookings);
- finance "LEDGER" (DFT^P03 v2.7, one per cycle: FT1 day-case chemotherapy delivery and the drug).
Patients and numbers (NHS 999..., RM38..., RMT38..., CYT38-, LBX38-, QL38-, CHR38-) none of reviews 16-37's. Fields
placed by number. All persons, numbers and addresses are invented (NHS numbers from the 999 test range, with a valid
modulus-11 check digit).
Run from the worktree root (convert with --timezone Europe/London, the channel's zone):
    python3 docs/review38/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review38/messages')


def nhs(nine):
    s = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    assert c != 10, nine
    return nine + str(c)


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, to='HIG', fac='RMUH'):
    return seg('MSH', {3: app, 4: fac, 5: to, 6: 'RMUH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 18: 'UNICODE UTF-8'})


M = {}
# ---- patients ----
NHS_SIOFRA = nhs('999381421')
NHS_RENE = nhs('999381507')
NHS_ASTA = nhs('999381612')
SIOFRA = {1: '1', 3: f'{NHS_SIOFRA}^^^NHS^NH~RM3800142^^^RMUH^MR', 5: 'NÍ MHAOLÁIN^SÍOFRA^ÁINE^^MRS^^L',
          7: '19640503', 8: 'F', 11: '14 Lark Rise^Thornbury Lane^RAVENSMOOR^^RV4 7QP^GBR^H',
          13: '^PRN^CP^^44^7700^900142'}
RENE_TMP = {1: '1', 3: 'RMT3800771^^^RMUH^MR', 5: 'LEFEVRE-OKAFOR^RENE^^^MR^^L', 7: '19580917', 8: 'M',
            11: '3 Quarry Cottages^^RAVENSMOOR^^RV9 2LD^GBR^H'}
RENE = {1: '1', 3: f'{NHS_RENE}^^^NHS^NH~RM3800150^^^RMUH^MR', 5: 'LEFÈVRE-OKAFOR^RENÉ^DÉSIRÉ^^MR^^L',
        7: '19580917', 8: 'M', 11: '3 Quarry Cottages^^RAVENSMOOR^^RV9 2LD^GBR^H',
        13: '^PRN^PH^^44^1632^960150'}
RENE_MRN_FIRST = {**RENE, 3: f'RM3800150^^^RMUH^MR~{NHS_RENE}^^^NHS^NH'}
ASTA = {1: '1', 3: f'{NHS_ASTA}^^^NHS^NH~RM3800161^^^RMUH^MR', 5: 'BJÖRNSDÓTTIR^ÁSTA^^^MS^^L', 7: '19791126',
        8: 'F', 11: 'Flat 2, Rose \\T\\ Crown Yard^High Street^RAVENSMOOR^^RV1 3HB^GBR^H',
        13: '^PRN^CP^^44^7700^900161'}
ASTA_MOVED = {**ASTA, 3: f'RM3800161^^^RMUH^MR~{NHS_ASTA}^^^NHS^NH',
                           11: '27 Ffordd y Môr^^PENRHYN^^LL57 4RT^GBR^H'}

ONC = 'C4410872^ADEYEMI-ØSTERGAARD^MARIT^^^DR'
ONC2 = 'C5528190^QUIGLEY^FIONNUALA^^^DR'
NURSE = 'N2201^MCALLISTER^BRÍD^^^^RN'
NURSE2 = 'N2277^OYELOWO^TEMITOPE^^^^RN'


def pv1(visit, loc, admit='', disch='', extra=None):
    f = {1: '1', 2: 'I', 3: loc, 4: 'C^Elective^HL70007', 7: ONC, 10: '370^Medical oncology^NHSTFC',
         19: f'{visit}^^^RMUH^VN', 44: admit}
    if disch:
        f[45] = disch
    f.update(extra or {})
    return seg('PV1', f)


def pv1_op(visit, doc=ONC):
    return seg('PV1', {1: '1', 2: 'O', 3: 'BDU^^^RMUH', 7: doc, 19: f'{visit}^^^RMUH^VN'})


def adt(t, ctl, evt, evn2, struct):
    return [msh('HERON', t, ctl, f'ADT^{evt}^{struct}', '2.4'),
            seg('EVN', {1: evt, 2: evn2, 5: 'PAS0412^HARGREAVES^JOANNE'})]


# 01 PAS adds Síofra (A28 person add, v2.4): NHS number first, MRN beside it
M['01-adt-a28-add-person-siofra'] = adt('20271026091400+0100', 'HER3800001', 'A28', '202710260914', 'ADT_A05') + [
    seg('PID', SIOFRA),
    seg('PD1', {4: 'G8800142^PATEL-WHITCOMBE^ANIL^^^DR'}),
    seg('PV1', {1: '1', 2: 'N'}),
]

# 02 CYTOFLOW prescribes Síofra's cycle 1 (OMP^O09 v2.5): paclitaxel 175 mg/m2 and carboplatin AUC 5
PACLI = 'PACL300^Paclitaxel 300 mg in sodium chloride 0.9% 500 mL^CYTOFLOW'
CARBO = 'CARB560^Carboplatin 560 mg in glucose 5% 500 mL^CYTOFLOW'
NACL500 = 'NACL09-500^Sodium chloride 0.9% 500 mL^CYTOFLOW'
GLUC500 = 'GLUC5-500^Glucose 5% 500 mL^CYTOFLOW'
PACLI_D = 'PACLITAXEL^Paclitaxel^CYTOFLOW'
CARBO_D = 'CARBOPLATIN^Carboplatin^CYTOFLOW'
OXALI = 'OXAL170^Oxaliplatin 170 mg in glucose 5% 500 mL^CYTOFLOW'
OXALI_D = 'OXALIPLATIN^Oxaliplatin^CYTOFLOW'
FOLIN = 'FOLA350^Calcium folinate 350 mg in glucose 5% 250 mL^CYTOFLOW'
FOLIN_D = 'CAFOLINATE^Calcium folinate^CYTOFLOW'
GLUC250 = 'GLUC5-250^Glucose 5% 250 mL^CYTOFLOW'


def body_obx(bsa, ht, wt, t):
    return [seg('OBX', {1: '1', 2: 'NM', 3: '8277-6^Body surface area^LN', 5: bsa, 6: 'm2^m2^UCUM', 11: 'F',
                        14: t}),
            seg('OBX', {1: '2', 2: 'NM', 3: '8302-2^Body height^LN', 5: ht, 6: 'cm^cm^UCUM', 11: 'F', 14: t}),
            seg('OBX', {1: '3', 2: 'NM', 3: '29463-7^Body weight^LN', 5: wt, 6: 'kg^kg^UCUM', 11: 'F', 14: t})]


def omp_group(plac, give, amt, unit, start, seq_text, rxc, minutes, t):
    return [seg('ORC', {1: 'NW', 2: f'{plac}^CYTOFLOW', 5: 'SC', 9: t, 12: ONC}),
            seg('TQ1', {1: '1', 2: '1', 7: start, 11: seq_text, 13: f'{minutes}^min^UCUM'}),
            seg('RXO', {1: give, 2: amt, 4: unit, 5: 'IVINF^Intravenous infusion^L', 9: 'N', 11: '1',
                        12: 'EA^each^UCUM'}),
            seg('RXR', {1: 'IV^Intravenous^HL70162'}),
            *[seg('RXC', {1: kind, 2: code, 3: a, 4: u}) for kind, code, a, u in rxc]]


M['02-omp-o09-cycle1-paclitaxel-carboplatin'] = [
    msh('CYTOFLOW', '20271026163000+0100', 'CYT3800002', 'OMP^O09^OMP_O09', '2.5'),
    seg('PID', SIOFRA),
    seg('PV1', {1: '1', 2: 'O', 3: 'BDU^^^RMUH', 7: ONC}),
    *omp_group('CYT38-0211', PACLI, '300', 'mg^milligram^UCUM', '202710281000',
               'Cycle 1 Day 1 of 6, 21-day cycle; paclitaxel 175 mg/m2 x BSA 1.72 m2', [
                   ('B', NACL500, '500', 'mL^milliliter^UCUM'), ('A', PACLI_D, '300', 'mg^milligram^UCUM')],
               180, '20271026162800'),
    *body_obx('1.72', '163', '68.4', '20271026161500'),
    *omp_group('CYT38-0212', CARBO, '560', 'mg^milligram^UCUM', '202710281310',
               'Cycle 1 Day 1 of 6, 21-day cycle; carboplatin AUC 5 (GFR 87 mL/min)', [
                   ('B', GLUC500, '500', 'mL^milliliter^UCUM'), ('A', CARBO_D, '560', 'mg^milligram^UCUM')],
               60, '20271026162800'),
]

# 03 CHAIRS books Síofra's chair for cycle 1 (SIU^S12 v2.5)
def siu(t, ctl, evt, appt, start, minutes, pid, fill_status, reason='', chair='BDU^CHAIR07^^RMUH'):
    return [msh('CHAIRS', t, ctl, f'SIU^{evt}^SIU_S12', '2.5'),
            seg('SCH', {1: f'{appt}^CHAIRS', 2: f'{appt}^CHAIRS', 6: reason or 'C1D1^Chemotherapy day 1^L',
                        7: 'CHEMO^Chemotherapy chair^L', 9: str(minutes), 10: 'min^minutes^UCUM',
                        11: f'^^{minutes}^{start}', 16: NURSE, 20: NURSE, 25: fill_status}),
            seg('PID', pid),
            seg('RGS', {1: '1', 3: 'CHAIR^Infusion chair^L'}),
            seg('AIL', {1: '1', 3: chair, 6: start, 9: str(minutes), 10: 'min^minutes^UCUM', 12: 'Booked'}),
            seg('AIP', {1: '1', 3: NURSE, 4: 'NURSE^Chemotherapy nurse^L', 6: start, 9: str(minutes),
                        10: 'min^minutes^UCUM'})]


M['03-siu-s12-chair-booked-siofra-c1'] = siu('20271026164500+0100', 'CHR3800003', 'S12', 'CHR38-5501',
                                             '20271028100000+0100', 270, SIOFRA, 'Booked')

# 04 LIS: Síofra's pre-cycle FBC and CA-125 baseline (ORU v2.5.1)
LTECH = 'L7710^NAKAMURA-DOHERTY^CIARÁN'
FBC = 'FBC^Full blood count^LABRIX^58410-2^CBC panel - Blood by Automated count^LN'
CA125 = 'CA125^CA-125^LABRIX^10334-1^Cancer Ag 125 [Units/volume] in Serum or Plasma^LN'
UE = 'UE^Urea and electrolytes^LABRIX'


def oru(t, ctl, pid, pv1seg, groups):
    return [msh('LABRIX', t, ctl, 'ORU^R01^ORU_R01', '2.5.1', to='CYTOFLOW'), seg('PID', pid), pv1seg] + groups


def res(plac, fill, code, coll, rep, status, obxs, ordered_by=ONC, orc_status='CM'):
    return [seg('ORC', {1: 'RE', 2: f'{plac}^CYTOFLOW', 3: f'{fill}^LABRIX', 5: orc_status, 12: ordered_by}),
            seg('OBR', {1: '1', 2: f'{plac}^CYTOFLOW', 3: f'{fill}^LABRIX', 4: code, 7: coll, 16: ordered_by,
                        22: rep, 24: 'HM', 25: status})] + obxs


def obx(i, vt, code, val, unit='', ref='', flag='', st='F', t='', nte=None):
    out = [seg('OBX', {1: str(i), 2: vt, 3: code, 5: val, 6: unit, 7: ref, 8: flag, 11: st, 14: t, 16: LTECH})]
    for k, n in enumerate([nte] if isinstance(nte, str) else (nte or []), 1):
        out.append(seg('NTE', {1: str(k), 2: 'L', 3: n}))
    return out


FBC_ROWS = [
    ('718-7^Hemoglobin [Mass/volume] in Blood^LN', 'g/L^g/L^UCUM', '115-165'),
    ('6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '10*9/L^10*9/L^UCUM', '4.0-11.0'),
    ('751-8^Neutrophils [#/volume] in Blood by Automated count^LN', '10*9/L^10*9/L^UCUM', '2.0-7.5'),
    ('777-3^Platelets [#/volume] in Blood by Automated count^LN', '10*9/L^10*9/L^UCUM', '150-400'),
]


def fbc_obx(values, flags, t, nte_at=None, nte=None):
    out = []
    for i, ((code, u, r), v, fl) in enumerate(zip(FBC_ROWS, values, flags), 1):
        out += obx(i, 'NM', code, v, u, r, fl, 'F', t, nte=nte if i == nte_at else None)
    return out


CA125_OBX = '10334-1^Cancer Ag 125 [Units/volume] in Serum or Plasma^LN'
M['04-oru-r01-fbc-ca125-siofra-precycle1'] = oru('20271027154200+0100', 'LBX3800004', SIOFRA, pv1_op('RMV3800142A'),
    res('CYT38-0201', 'LBX38-7101', FBC, '20271027111500+0100', '20271027123000+0100', 'F',
        fbc_obx(['128', '6.2', '3.9', '288'], ['N', 'N', 'N', 'N'], '20271027111500+0100'))
    + res('CYT38-0202', 'LBX38-7102', CA125, '20271027111500+0100', '20271027154000+0100', 'F',
          obx(1, 'NM', CA125_OBX, '412', 'U/mL^U/mL^UCUM', '<35', 'H', t='20271027111500+0100',
              nte='Baseline before cycle 1. Roche Elecsys CA 125 II.')))

# 05 outreach lab: René's FBC under the temporary number the phlebotomist registered him with
M['05-oru-r01-fbc-rene-temporary-number'] = oru('20271027163500+0100', 'LBX3800005', RENE_TMP,
    seg('PV1', {1: '1', 2: 'O', 3: 'OUTREACH^^^RMUH', 7: ONC2, 19: 'RMV3800771T^^^RMUH^VN'}),
    res('OR38-4471', 'LBX38-7151', FBC, '20271027094000+0100', '20271027163000+0100', 'F',
        fbc_obx(['109', '4.8', '2.6', '171'], ['L', 'N', 'N', 'N'], '20271027094000+0100'), ordered_by=ONC2))

# 06 PAS merges the temporary record into René's real MRN (A40 v2.4): PID-3 NHS number first, then MRN
M['06-adt-a40-merge-temporary-into-rene'] = adt('20271028084100+0100', 'HER3800006', 'A40', '202710280840',
                                                'ADT_A39') + [
    seg('PID', RENE),
    seg('MRG', {1: 'RMT3800771^^^RMUH^MR', 7: 'LEFEVRE-OKAFOR^RENE^^^MR^^L'}),
]

# 07 Síofra admitted as a day case (A01 v2.4)
PV1_SIO = pv1('RMV3800142D', 'BDU^CHAIR07^^RMUH', admit='202710280952')
M['07-adt-a01-day-case-siofra'] = adt('20271028095500+0100', 'HER3800007', 'A01', '202710280952', 'ADT_A01') + [
    seg('PID', SIOFRA), PV1_SIO,
]

# 08 e-MAR: paclitaxel rate stepped up (RXA-21 U of the running administration), carboplatin given (RAS v2.5)
M['08-ras-o17-paclitaxel-rate-up-carboplatin-given'] = [
    msh('INFUSE', '20271028142500+0100', 'INF3800008', 'RAS^O17^RAS_O17', '2.5'),
    seg('PID', SIOFRA), PV1_SIO,
    seg('ORC', {1: 'RE', 2: 'CYT38-0211^CYTOFLOW', 5: 'IP', 12: ONC}),
    seg('RXA', {1: '0', 2: '1', 3: '20271028104000', 5: PACLI, 6: '167', 7: 'mL^milliliter^UCUM',
                10: NURSE, 11: 'BDU^CHAIR07^^RMUH', 12: 'H1',
                20: '', 21: 'U'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    seg('ORC', {1: 'RE', 2: 'CYT38-0212^CYTOFLOW', 5: 'CM', 12: ONC}),
    seg('RXA', {1: '0', 2: '1', 3: '20271028132000', 4: '20271028142000', 5: CARBO, 6: '560',
                7: 'mg^milligram^UCUM', 10: NURSE, 11: 'BDU^CHAIR07^^RMUH', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]

# 09 finance: cycle 1 charges (DFT^P03 v2.7)
def dft(t, ctl, pid, pv1seg, fts):
    return [msh('LEDGER', t, ctl, 'DFT^P03^DFT_P03', '2.7'),
            seg('EVN', {1: 'P03', 2: t}),
            seg('PID', pid), pv1seg] + fts


def ft1(i, tid, when, code, qty, plac, dept='BDU^Bluebell Day Unit^L', doc=ONC):
    return seg('FT1', {1: str(i), 2: tid, 4: when, 5: when[:8], 6: 'CG^Charge^HL70017', 7: code, 10: qty,
                       13: dept, 20: doc, 23: f'{plac}^CYTOFLOW'})


M['09-dft-p03-cycle1-siofra'] = dft('20271028180500+0100', 'LDG3800009', SIOFRA, PV1_SIO, [
    ft1(1, 'LDG38-0901', '20271028100000', 'SB14Z^Deliver complex chemotherapy, including prolonged infusional '
        'treatment, at first attendance^HRG', '1', 'CYT38-0211'),
    ft1(2, 'LDG38-0902', '20271028100000', 'PACL300^Paclitaxel 300 mg infusion^CYTOFLOW', '1', 'CYT38-0211',
        'PHARM^Aseptic pharmacy^L'),
    ft1(3, 'LDG38-0903', '20271028132000', 'CARB560^Carboplatin 560 mg infusion^CYTOFLOW', '1', 'CYT38-0212',
        'PHARM^Aseptic pharmacy^L'),
])

# 10 LIS: Ásta's pre-cycle 2 FBC, neutrophils critical (LL) with the call-back note
CALL = ('CRITICAL: neutrophils 0.4 x10\\S\\9/L phoned to BRÍD MCALLISTER RN, Bluebell Day Unit, 16:52 29/10/2027 '
        'by CND. Cycle 2 not to proceed \\T\\ acute oncology informed.')
M['10-oru-r01-fbc-asta-critical-neutrophils'] = oru('20271029165500+0100', 'LBX3800010', ASTA,
    pv1_op('RMV3800161A', ONC2),
    res('CYT38-0301', 'LBX38-7201', FBC, '20271029141000+0100', '20271029165000+0100', 'F',
        fbc_obx(['104', '1.6', '0.4', '96'], ['L', 'L', 'LL', 'L'], '20271029141000+0100', 3, CALL),
        ordered_by=ONC2))

# 11 CHAIRS cancels Ásta's cycle 2 chair (S15): booked before this sample's window
M['11-siu-s15-chair-cancelled-asta-c2'] = siu('20271029171000+0100', 'CHR3800011', 'S15', 'CHR38-5490',
                                              '20271030093000+0100', 150, ASTA, 'Cancelled',
                                              reason='NEUTROPENIA^Deferred: neutrophils 0.4^L')

# 12 PAS updates Ásta (A31 v2.4): MRN before NHS number now, new address in Wales
M['12-adt-a31-update-person-asta-reordered'] = adt('20271029175800+0100', 'HER3800012', 'A31', '202710291757',
                                                   'ADT_A05') + [
    seg('PID', ASTA_MOVED),
    seg('PV1', {1: '1', 2: 'N'}),
]

# 13 CYTOFLOW: René's cycle 3 FOLFOX day 1, pharmacy-verified (RDE^O11 v2.5): RXC, rate, BSA in the order group
def rde_group(plac, fill, give, amt, unit, rate, start, text, rxc, t, obxs=()):
    return [seg('ORC', {1: 'NW', 2: f'{plac}^CYTOFLOW', 3: f'{fill}^CYTOFLOW', 5: 'IP', 9: t, 12: ONC2}),
            seg('RXE', {2: give, 3: amt, 5: unit, 6: 'IVINF^Intravenous infusion^L', 10: '1',
                        11: 'EA^each^UCUM', 22: 'H1', 23: rate, 24: 'mL/h^milliliter per hour^UCUM'}),
            seg('TQ1', {1: '1', 2: '1', 7: start, 11: text}),
            seg('RXR', {1: 'IV^Intravenous^HL70162'}),
            *[seg('RXC', {1: kind, 2: code, 3: a, 4: u}) for kind, code, a, u in rxc],
            *obxs]


PV1_REN_OP = pv1_op('RMV3800150A', ONC2)
M['13-rde-o11-cycle3-oxaliplatin-folinate-rene'] = [
    msh('CYTOFLOW', '20271029181500+0100', 'CYT3800013', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', RENE_MRN_FIRST), PV1_REN_OP,
    *rde_group('CYT38-0421', 'CYT38-P0421', OXALI, '170', 'mg^milligram^UCUM', '250', '202710301000',
               'Cycle 3 Day 1 of 12, 14-day cycle (modified de Gramont); oxaliplatin 85 mg/m2 x BSA 2.0 m2',
               [('B', GLUC500, '500', 'mL^milliliter^UCUM'), ('A', OXALI_D, '170', 'mg^milligram^UCUM')],
               '20271029181000', body_obx('2.0', '181', '84.9', '20271029120500')),
    *rde_group('CYT38-0422', 'CYT38-P0422', FOLIN, '350', 'mg^milligram^UCUM', '125', '202710301000',
               'Cycle 3 Day 1 of 12, 14-day cycle; calcium folinate 175 mg/m2 alongside oxaliplatin',
               [('B', GLUC250, '250', 'mL^milliliter^UCUM'), ('A', FOLIN_D, '350', 'mg^milligram^UCUM')],
               '20271029181000'),
]

# 14 René admitted as a day case (A01 v2.4) Saturday morning
PV1_REN = pv1('RMV3800150D', 'BDU^CHAIR03^^RMUH', admit='202710300912', extra={7: ONC2})
M['14-adt-a01-day-case-rene'] = adt('20271030091500+0100', 'HER3800014', 'A01', '202710300912', 'ADT_A01') + [
    seg('PID', RENE), PV1_REN,
]

# 15 e-MAR: oxaliplatin stopped at 11:10 for a hypersensitivity reaction (PA), calcium folinate not given (NA)
M['15-ras-o17-oxaliplatin-stopped-folinate-not-given'] = [
    msh('INFUSE', '20271030113500+0100', 'INF3800015', 'RAS^O17^RAS_O17', '2.5'),
    seg('PID', RENE), PV1_REN,
    seg('ORC', {1: 'RE', 2: 'CYT38-0421^CYTOFLOW', 3: 'CYT38-P0421^CYTOFLOW', 5: 'DC', 12: ONC2}),
    seg('RXA', {1: '0', 2: '1', 3: '20271030100500', 4: '20271030111000', 5: OXALI, 6: '73',
                7: 'mg^milligram^UCUM', 10: NURSE2, 11: 'BDU^CHAIR03^^RMUH',
                18: 'HSR^Grade 2 hypersensitivity reaction: flushing, chest tightness^L', 20: 'PA', 21: 'U'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    seg('ORC', {1: 'RE', 2: 'CYT38-0422^CYTOFLOW', 3: 'CYT38-P0422^CYTOFLOW', 5: 'DC', 12: ONC2}),
    seg('RXA', {1: '0', 2: '1', 3: '20271030111500', 4: '20271030111500', 5: FOLIN, 6: '0',
                7: 'mg^milligram^UCUM', 10: NURSE2, 11: 'BDU^CHAIR03^^RMUH',
                18: 'HSR^Withheld after oxaliplatin reaction^L', 20: 'NA', 21: 'A'}),
]

# 16 e-MAR, the fall-back night, first 01:30 (BST): René's hydration rate changed (an order placed elsewhere);
#     MSH-7 with +0100, RXA-3 bare
NACL1L = 'NACL09-1000^Sodium chloride 0.9% 1000 mL^CYTOFLOW'
M['16-ras-o17-hydration-rate-change-first-0130'] = [
    msh('INFUSE', '20271031013400+0100', 'INF3800016', 'RAS^O17^RAS_O17', '2.5'),
    seg('PID', RENE), PV1_REN,
    seg('ORC', {1: 'RE', 2: 'CYT38-0425^CYTOFLOW', 5: 'IP', 12: ONC2}),
    seg('RXA', {1: '0', 2: '1', 3: '20271031013000', 5: NACL1L, 6: '125', 7: 'mL^milliliter^UCUM', 10: NURSE2,
                11: 'WARD12^B4^^RMUH', 12: 'H1', 21: 'U'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]

# 17 outreach analyser night run, second 01:00-01:59 (GMT): MSH-7 +0000, every other time bare
M['17-oru-r01-night-fbc-rene-second-0115'] = oru('20271031014200+0000', 'LBX3800017', RENE, PV1_REN,
    res('CYT38-0426', 'LBX38-7301', FBC, '20271031010500', '20271031013800', 'F',
        fbc_obx(['102', '9.8', '8.1', '160'], ['L', 'N', 'H', 'N'], '20271031010500'), ordered_by=ONC2))

# 18 René discharged home Sunday morning (A03 v2.4), GMT
M['18-adt-a03-discharge-rene'] = adt('20271031104000+0000', 'HER3800018', 'A03', '202710311038', 'ADT_A03') + [
    seg('PID', RENE),
    pv1('RMV3800150D', 'WARD12^B4^^RMUH', admit='202710300912', disch='202710311030',
        extra={7: ONC2, 36: '01^Discharged to home^HL70112'}),
]

# 19 finance: René's cycle 3 (DFT v2.7)
M['19-dft-p03-cycle3-rene'] = dft('20271031181000+0000', 'LDG3800019', RENE, PV1_REN, [
    ft1(1, 'LDG38-1901', '20271030100500', 'SB12Z^Deliver simple parenteral chemotherapy at first attendance^HRG',
        '1', 'CYT38-0421', doc=ONC2),
    ft1(2, 'LDG38-1902', '20271030100500', 'OXAL170^Oxaliplatin 170 mg infusion (part given)^CYTOFLOW', '1',
        'CYT38-0421', 'PHARM^Aseptic pharmacy^L', doc=ONC2),
])

# 20 / 21 EPR: Síofra's clinic letter and its replacement (MDM v2.6) with escapes
LETTER = ['Dear Dr Patel-Whitcombe,',
          'Re: Mrs Síofra Áine Ní Mhaoláin, NHS no. ' + NHS_SIOFRA[:3] + ' ' + NHS_SIOFRA[3:6] + ' '
          + NHS_SIOFRA[6:],
          'Diagnosis: high-grade serous carcinoma of the ovary, FIGO IIIC \\T\\ BRCA1 wild-type.',
          'Cycle 1 carboplatin (AUC 5) \\T\\ paclitaxel (175 mg/m\\S\\2) given 28/10/2027; paclitaxel rate '
          'titrated to 167 mL/h without reaction.',
          'CA-125 412 U/mL at baseline. Plan: cycle 2 on 18/11/2027 if neutrophils \\F\\ platelets allow.',
          'Yours sincerely, Dr Marit Adeyemi-Østergaard, Consultant Medical Oncologist']
LETTER_R = LETTER[:4] + ['CA-125 412 U/mL at baseline. Plan: cycle 2 on 19/11/2027 (chair moved) if '
                         'neutrophils \\F\\ platelets allow; G-CSF not required.', LETTER[5]]


def mdm(t, ctl, evt, txa, lines):
    return [msh('QUILL', t, ctl, f'MDM^{evt}^MDM_T02', '2.6'),
            seg('EVN', {2: t}),
            seg('PID', SIOFRA), pv1_op('RMV3800142C'),
            seg('TXA', txa)] + [
        seg('OBX', {1: str(i), 2: 'TX', 3: '11488-4^Consult note^LN', 5: line, 11: 'F'})
        for i, line in enumerate(lines, 1)]


M['20-mdm-t02-clinic-letter-siofra'] = mdm('20271103112000+0000', 'QLL3800020', 'T02', {
    1: '1', 2: 'CLINLET^Clinic letter^L', 3: 'TX', 4: '20271103111500', 5: ONC, 6: '20271103100000',
    9: ONC, 12: 'QL38-DOC-2281^QUILL', 17: 'AU', 19: 'AV', 22: ONC + '^' * 9 + '20271103111800'}, LETTER)
M['21-mdm-t10-clinic-letter-replaced'] = mdm('20271104090500+0000', 'QLL3800021', 'T10', {
    1: '1', 2: 'CLINLET^Clinic letter^L', 3: 'TX', 4: '20271104090000', 5: ONC, 6: '20271103100000',
    9: ONC, 12: 'QL38-DOC-2281-R1^QUILL', 13: 'QL38-DOC-2281^QUILL', 17: 'AU', 19: 'AV',
    22: ONC + '^' * 9 + '20271104090300'}, LETTER_R)

# 22 CHAIRS: Síofra's cycle 2 chair booked for 18/11, then moved a day (S14 with the new time)
M['22-siu-s14-chair-moved-siofra-c2'] = siu('20271104091500+0000', 'CHR3800022', 'S14', 'CHR38-5612',
                                            '20271119093000+0000', 270, SIOFRA, 'Booked',
                                            reason='C2D1^Chemotherapy day 1 (cycle 2)^L', chair='BDU^CHAIR05^^RMUH')

# 23 LIS: Síofra's pre-cycle 2 FBC and CA-125 (falling)
M['23-oru-r01-fbc-ca125-siofra-precycle2'] = oru('20271118160500+0000', 'LBX3800023', SIOFRA,
    pv1_op('RMV3800142B'),
    res('CYT38-0231', 'LBX38-7401', FBC, '20271118102000+0000', '20271118113000+0000', 'F',
        fbc_obx(['119', '5.1', '2.8', '241'], ['N', 'N', 'N', 'N'], '20271118102000+0000'))
    + res('CYT38-0232', 'LBX38-7402', CA125, '20271118102000+0000', '20271118160000+0000', 'F',
          obx(1, 'NM', CA125_OBX, '188', 'U/mL^U/mL^UCUM', '<35', 'H', t='20271118102000+0000',
              nte='Falling: 412 U/mL on 27/10/2027 (LBX38-7102).')))

# 24 LIS: the CA-125 corrected (transcription of a dilution factor)
M['24-oru-r01-ca125-corrected-siofra'] = oru('20271118172000+0000', 'LBX3800024', SIOFRA, pv1_op('RMV3800142B'),
    res('CYT38-0232', 'LBX38-7402', CA125, '20271118102000+0000', '20271118171500+0000', 'C',
        obx(1, 'NM', CA125_OBX, '94', 'U/mL^U/mL^UCUM', '<35', 'H', st='C', t='20271118102000+0000',
            nte=['CORRECTED RESULT: dilution factor applied twice. Previously reported 188 U/mL.',
                 'Falling: 412 U/mL on 27/10/2027 (LBX38-7102).'])))

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
