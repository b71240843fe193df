#!/usr/bin/env python3
r"""Review 65's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a US outpatient oncology infusion center and its hospital pharmacy on ONE America/Chicago channel
(CDT -05:00 until 2034-11-05 02:00, CST -06:00 after), October - December 2034. Lakeshore Cancer Center (LKCC),
an invented outpatient infusion center of the invented Lakeshore Health hospital pharmacy.
- Oncology EHR CPOE "LKONC" (RDE^O11 v2.5.1, every MSH-7 with its offset): chemotherapy orders. A compounded IV
  (RXO: cyclophosphamide 600 mg/m2 as ordered; RXE: 1092 mg calculated on BSA 1.82 m2, in NS 250 mL, rate
  RXE-23/24 250 mL/h over 60 min; RXC base NS 250 mL + additive cyclophosphamide; OBX height, weight, BSA the dose
  was computed on), every 21 days x 4 cycles (TQ1-3 Q21D, TQ1-14 4); an oral antiemetic (ondansetron 8 mg PO BID x
  3 days, TQ1-4 08:00 / 20:00, TQ1-6 3 d, crossing the 5 November clock change); a premedication PRN (lorazepam
  0.5 mg PO Q6H PRN, TQ1-9 PRN, RXE-27 the indication). Order changes from the CPOE: ORC-1 XO (the dose recomputed
  on a new weight), HD (held for a low ANC, ORC-5 HD, ORC-16 reason), RL (released), DC (discontinued, ORC-5 DC),
  CA (cancelled, ORC-5 CA). After the pharmacy verified the NW, the CPOE sends the pharmacy's ORC-3 too.
- Pharmacy "LKRX" (v2.5.1, offsets): RDS^O13 the compounded bag dispensed (RXD + RXC), resent once unchanged
  (same MSH-10: an interface replay); RGV^O15 the give (RXG with rate); RAS^O17 administrations: ondansetron given
  (CP) and lorazepam not given (NA, the reason in RXA-19 as this pharmacy sends it) in one message, the infusion
  partially given (PA, stopped at 150 of 250 mL), replayed the next day under a new MSH-10; cycle 2 given (CP).
- Scheduler "LKSCHED" (SIU^S12 / S14 / S15 v2.5.1, offsets): chair appointments (AIL the chair, AIP the nurse).
- Lab "LKLAB" (ORU^R01 v2.5.1; MSH-7 and every time bare, local Chicago time): CBC with absolute neutrophil count
  before each cycle; a corrected ANC (OBX-11 C, OBR-25 C) after a manual differential.
All persons, numbers, facilities and addresses are invented (NPIs with a valid check digit). Drug codes: local
pharmacy codes with the RxNorm ingredient beside them; LOINC for the labs and vital measurements.
Run from the worktree root (convert with --timezone America/Chicago):
    python3 docs/review65/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review65/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, to='HIG'):
    return seg('MSH', {3: app, 4: 'LKCC', 5: to, 6: 'LKHEALTH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1',
                       15: 'AL', 16: 'NE'})


# ---- the patient: stage II breast cancer, AC regimen (doxorubicin given separately, not in this sample) ----
PAT = {1: '1', 3: 'LKC6500117^^^LKCC^MR~LKE650017294^^^LKHEALTH^PI', 5: 'TREMBLAY-OKAFOR^JOSEPHINE^ADAEZE^^^^L',
       7: '19710928', 8: 'F', 10: '2054-5^Black or African American^CDCREC',
       11: '2417 W Farwell Ave^Apt 3B^Chicago^IL^60645^USA^H', 13: '^PRN^PH^^1^773^5550148~^PRN^CP^^1^312^5550192',
       16: 'M', 18: 'LKA6500117-01^^^LKCC^AN', 22: '2186-5^Not Hispanic or Latino^CDCREC'}


def pid():
    return seg('PID', PAT)


# ---- providers (NPI, check digit per the NPI Luhn rule) ----
ONC = '1457392011^ABERNATHY-SOLIS^RAMONA^C^^MD^^^NPI'
RPH = '1654829377^DUBROVNIK^PETRA^^^PHARMD^^^NPI'
RN1 = '1376205849^MWANGI-HART^TERESA^^^RN^^^NPI'
RN2 = '1928473655^LINDQVIST^OWEN^^^RN^^^NPI'
PATHO = '1183059264^FERREIRA^MARCUS^^^MD^^^NPI'

VISIT = 'LKV6500117-C1'
PV1 = lambda visit=VISIT, chair='CHAIR07': seg('PV1', {1: '1', 2: 'O', 3: f'INF^{chair}^^LKCC^^^^^Infusion Center', 7: ONC,  # noqa: E731
                                                     10: 'ONC^Medical Oncology^LKSVC', 18: 'INF', 19: f'{visit}^^^LKCC^VN'})


def orc(ctl, placer, filler, status, t, extra=None):
    f = {1: ctl, 2: placer, 3: filler, 5: status, 9: t, 12: ONC, 21: 'Lakeshore Cancer Center^L^^^^LKHEALTH&&L^XX^^^LKCC'}
    f.update(extra or {})
    return seg('ORC', f)


def tq1(extra):
    f = {1: '1'}
    f.update(extra)
    return seg('TQ1', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


M = {}

# ---- order numbers: CPOE placer (LKONC), pharmacy filler (LKRX) ----
CYC_P, CYC_F = 'LKO6500117-11^LKONC', 'RX65-220417^LKRX'
OND_P, OND_F = 'LKO6500117-12^LKONC', 'RX65-220418^LKRX'
LZP_P, LZP_F = 'LKO6500117-13^LKONC', 'RX65-220419^LKRX'

CYC_CODE = 'CYCIV250^Cyclophosphamide in sodium chloride 0.9% 250 mL IVPB^LKRXF^3002^cyclophosphamide^RXNORM'
CYC_RXO = lambda: seg('RXO', {1: 'CYC^Cyclophosphamide^LKRXF^3002^cyclophosphamide^RXNORM', 2: '600',  # noqa: E731
                              4: 'mg/m2^milligram per square meter^UCUM', 5: 'IVPB^IV piggyback^LKFORM',
                              20: 'C50.412^Malignant neoplasm of upper-outer quadrant of left female breast^I10'})
CYC_TQ1 = tq1({3: 'Q21D^Every 21 days^HL70335', 7: '20341103090000', 9: 'R^Routine^HL70485',
               11: 'AC cycle 1-4, day 1 of each 21-day cycle', 13: '60^min&minute&UCUM', 14: '4'})


def cyc_rxe(dose, bsa_note):
    return seg('RXE', {2: CYC_CODE, 3: dose, 5: 'mg^milligram^UCUM', 6: 'IVPB^IV piggyback^LKFORM',
                       7: f'^Infuse over 60 minutes. {bsa_note}', 10: '1', 11: 'BAG^bag^LKUNIT', 12: '3',
                       14: RPH, 23: '250', 24: 'mL/h^milliliter per hour^UCUM',
                       27: 'C50.412^Malignant neoplasm of upper-outer quadrant of left female breast^I10'})


RXR_IV = seg('RXR', {1: 'IV^Intravenous^HL70162', 4: 'IVPB^IV piggyback^HL70165'})
RXR_PO = seg('RXR', {1: 'PO^Oral^HL70162'})


def cyc_rxc(dose):
    return [seg('RXC', {1: 'B', 2: 'NS250^Sodium chloride 0.9% 250 mL bag^LKRXF^9863^sodium chloride^RXNORM',
                        3: '250', 4: 'mL^milliliter^UCUM'}),
            seg('RXC', {1: 'A', 2: 'CYC^Cyclophosphamide^LKRXF^3002^cyclophosphamide^RXNORM', 3: dose,
                        4: 'mg^milligram^UCUM'})]


def cyc_obx(t, height, weight, bsa):
    return [obx(1, 'NM', '8302-2^Body height^LN', height, 'cm^centimeter^UCUM', t=t),
            obx(2, 'NM', '29463-7^Body weight^LN', weight, 'kg^kilogram^UCUM', t=t),
            obx(3, 'NM', '8277-6^Body surface area^LN', bsa, 'm2^square meter^UCUM', t=t,
                extra={17: 'MOSTELLER^Mosteller formula^LKCALC'})]


def cyc_order(ctl, filler, status, t, dose, bsa, weight, note, extra=None):
    return [orc(ctl, CYC_P, filler, status, t, extra), CYC_RXO(), RXR_IV, cyc_rxe(dose, note), CYC_TQ1, RXR_IV,
            *cyc_rxc(dose), *cyc_obx(t[:12], '165', weight, bsa)]


OND_CODE = 'ONDA8T^Ondansetron 8 mg tablet^LKRXF^26225^ondansetron^RXNORM'
OND_TQ1 = tq1({2: '1^TAB&tablet&LKUNIT', 3: 'BID^Twice a day^HL70335', 4: '0800~2000', 6: '3^d&day&UCUM',
               7: '20341103080000', 9: 'R^Routine^HL70485', 11: 'First dose 30 minutes before chemotherapy', 14: '6'})
OND_RXE = lambda: seg('RXE', {2: OND_CODE, 3: '8', 5: 'mg^milligram^UCUM', 6: 'TAB^tablet^LKFORM', 10: '6',  # noqa: E731
                              11: 'TAB^tablet^LKUNIT', 12: '0', 14: RPH,
                              27: 'R11.2^Nausea with vomiting, unspecified^I10'})
LZP_CODE = 'LORA05T^Lorazepam 0.5 mg tablet^LKRXF^6470^lorazepam^RXNORM'
LZP_TQ1 = tq1({2: '1^TAB&tablet&LKUNIT', 3: 'Q6H^Every 6 hours^HL70335', 7: '20341103070000', 8: '20341103170000',
               9: 'PRN^As needed^HL70485', 10: 'for anticipatory nausea or anxiety before infusion'})
LZP_RXE = lambda: seg('RXE', {2: LZP_CODE, 3: '0.5', 5: 'mg^milligram^UCUM', 6: 'TAB^tablet^LKFORM', 10: '2',  # noqa: E731
                              11: 'TAB^tablet^LKUNIT', 12: '0', 14: RPH,
                              27: 'F41.9^Anxiety disorder, unspecified^I10~R11.0^Nausea^I10'})

# 01 SIU^S12: cycle 1 day 1 chair appointment booked (Friday 3 November 08:30, 240 min, chair 7)
C1_APPT, C2_APPT, C2B_APPT = 'LKAP65-40117^LKSCHED', 'LKAP65-40233^LKSCHED', 'LKAP65-40251^LKSCHED'


def siu(event, t, ctl, appt, start, end, status, chair, reason='', visit=VISIT):
    sch = {1: '', 2: appt, 5: '', 6: reason, 7: 'CHEMO^Chemotherapy infusion^LKAPPT', 8: 'INFUSION^Infusion^LKAPPT',
           9: '240', 10: 'min^minute^UCUM', 11: f'^^^{start}^{end}', 16: RN1, 20: '7720^OKONJO^BEATRICE^^^^^^LKCC',
           25: status}
    return [msh('LKSCHED', t, ctl, f'SIU^{event}^SIU_S12'), seg('SCH', sch), pid(), PV1(visit, chair), seg('RGS', {1: '1'}),
            seg('AIS', {1: '1', 3: 'INF240^Chemotherapy infusion 4 h^LKAPPT', 4: start, 7: '240', 8: 'min^minute^UCUM'}),
            seg('AIL', {1: '1', 3: f'INF^{chair}^^LKCC^^^^^Infusion Center', 6: start, 9: '240', 10: 'min^minute^UCUM'}),
            seg('AIP', {1: '1', 3: RN1, 4: 'RN^Registered nurse^LKROLE', 6: start, 9: '240', 10: 'min^minute^UCUM'})]


M['01-siu-s12-cycle1-chair-booked'] = siu('S12', '20341027101422-0500', 'LKSCHED650001', C1_APPT, '20341103083000',
                                          '20341103123000', 'Booked', 'CHAIR07')

# 02 ORU^R01: pre-cycle-1 CBC with ANC (bare local times, as the LIS sends them)
CBC = '58410-2^CBC panel - Blood by Automated count^LN'


def cbc(t_msh, ctl, placer, filler, t_coll, t_res, wbc, anc, plt, hgb, status='F', anc_status='F', extra=None, visit=VISIT):
    rows = [msh('LKLAB', t_msh, ctl, 'ORU^R01^ORU_R01'), pid(), PV1(visit),
            orc('RE', placer, filler, 'CM', t_res),
            seg('OBR', {1: '1', 2: placer, 3: filler, 4: CBC, 7: t_coll, 16: ONC, 22: t_res, 24: 'HM', 25: status,
                        32: PATHO.replace('^', '&')}),
            obx(1, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', wbc, '10*3/uL^thousand per microliter^UCUM', '4.0-11.0', 'L' if float(wbc) < 4 else 'N', t=t_res),
            obx(2, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', hgb, 'g/dL^gram per deciliter^UCUM', '12.0-15.5', 'L' if float(hgb) < 12 else 'N', t=t_res),
            obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', plt, '10*3/uL^thousand per microliter^UCUM', '150-400', 'N', t=t_res),
            obx(4, 'NM', '751-8^Neutrophils [#/volume] in Blood by Automated count^LN', anc, '10*3/uL^thousand per microliter^UCUM', '1.5-7.5',
                'L' if float(anc) < 1.5 else 'N', anc_status, t_res)]
    if extra:
        rows.append(seg('NTE', {1: '1', 2: 'L', 3: extra}))
    return rows


M['02-oru-r01-cycle1-cbc-anc'] = cbc('20341102083215', 'LKLAB650002', 'LKO6500117-01^LKONC', 'H65-1102-0318^LKLAB',
                                     '20341102074000', '20341102083100', '5.8', '3.4', '242', '12.6')

# 03 RDE^O11 NW: cyclophosphamide 600 mg/m2 x BSA 1.82 = 1092 mg in NS 250 mL over 60 min, q21d x 4
M['03-rde-o11-nw-cyclophosphamide-iv'] = [
    msh('LKONC', '20341102100512-0500', 'LKONC650003', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1(),
    *cyc_order('NW', '', '', '20341102100300', '1092', '1.82', '74.0', 'BSA 1.82 m2 (Mosteller), 600 mg/m2.'),
]
# 04 RDE^O11 NW: ondansetron 8 mg PO BID x 3 days from Friday 3 November 08:00 (crosses Sunday 5 November 02:00)
M['04-rde-o11-nw-ondansetron-bid'] = [
    msh('LKONC', '20341102100644-0500', 'LKONC650004', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1(),
    orc('NW', OND_P, '', '', '20341102100600'), OND_RXE(), OND_TQ1, RXR_PO,
]
# 05 RDE^O11 NW: premedication lorazepam 0.5 mg PO Q6H PRN on the treatment day
M['05-rde-o11-nw-lorazepam-prn'] = [
    msh('LKONC', '20341102100731-0500', 'LKONC650005', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1(),
    orc('NW', LZP_P, '', '', '20341102100700'), LZP_RXE(), LZP_TQ1, RXR_PO,
]
# 06 RDE^O11 XO: weight re-measured on the day (71.5 kg): BSA 1.79, dose 1074 mg (the pharmacy's ORC-3 now known)
M['06-rde-o11-xo-cyclophosphamide-new-bsa'] = [
    msh('LKONC', '20341103081952-0500', 'LKONC650006', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1(),
    *cyc_order('XO', CYC_F, '', '20341103081900', '1074', '1.79', '71.5', 'BSA 1.79 m2 (Mosteller), 600 mg/m2.',
               {16: 'WTCHG^Dose recalculated for weight change^LKREASON'}),
]
# 07 SIU^S14: the appointment moved to chair 12, 09:00
M['07-siu-s14-cycle1-chair-moved'] = siu('S14', '20341103082533-0500', 'LKSCHED650007', C1_APPT, '20341103090000',
                                         '20341103130000', 'Booked', 'CHAIR12', 'MOD^Chair reassigned^LKSCHREASON')
# 08 RDS^O13: the compounded bag dispensed to the infusion center
RDS_C1 = [
    msh('LKRX', '20341103084417-0500', 'LKRX650008', 'RDS^O13^RDS_O13'), pid(), PV1('LKV6500117-C1', 'CHAIR12'),
    orc('RE', CYC_P, CYC_F, 'IP', '20341103084400'), cyc_rxe('1074', 'BSA 1.79 m2 (Mosteller), 600 mg/m2.'), CYC_TQ1, RXR_IV,
    seg('RXD', {1: '1', 2: CYC_CODE, 3: '20341103084000', 4: '1', 5: 'BAG^bag^LKUNIT', 6: 'IVPB^IV piggyback^LKFORM',
                7: 'RX65-220417-D1', 10: RPH, 13: '^^^LKCC^^^^^Infusion Center', 16: '1074', 17: 'mg^milligram^UCUM',
                18: 'C6511K3', 19: '20341104084000'}),
    RXR_IV, *cyc_rxc('1074'),
]
M['08-rds-o13-cyclophosphamide-dispensed'] = RDS_C1
# 09 RDS^O13: the same message resent unchanged by the pharmacy's interface (same MSH-10)
M['09-rds-o13-cyclophosphamide-resent'] = list(RDS_C1)
# 10 RGV^O15: the give of the bag (RXG: 1074 mg at 250 mL/h)
M['10-rgv-o15-cyclophosphamide-give'] = [
    msh('LKRX', '20341103084630-0500', 'LKRX650010', 'RGV^O15^RGV_O15'), pid(), PV1('LKV6500117-C1', 'CHAIR12'),
    orc('RE', CYC_P, CYC_F, 'IP', '20341103084600'),
    seg('RXG', {1: '1', 2: '1', 4: CYC_CODE, 5: '1074', 7: 'mg^milligram^UCUM', 8: 'IVPB^IV piggyback^LKFORM',
                9: '^Infuse over 60 minutes', 15: '250', 16: 'mL/h^milliliter per hour^UCUM'}),
    tq1({7: '20341103090000', 13: '60^min&minute&UCUM'}), RXR_IV, *cyc_rxc('1074'),
]
# 11 RAS^O17: ondansetron given 08:40 (CP); lorazepam not given (NA, reason in RXA-19)
M['11-ras-o17-ondansetron-given-lorazepam-not'] = [
    msh('LKRX', '20341103084512-0500', 'LKRX650011', 'RAS^O17^RAS_O17'), pid(), PV1('LKV6500117-C1', 'CHAIR12'),
    orc('RE', OND_P, OND_F, 'IP', '20341103084400'),
    seg('RXA', {1: '0', 2: '1', 3: '20341103084000', 4: '20341103084000', 5: OND_CODE, 6: '8', 7: 'mg^milligram^UCUM',
                8: 'TAB^tablet^LKFORM', 10: RN1, 11: '^^^LKCC^^^^^Infusion Center chair 12', 20: 'CP', 21: 'A',
                22: '20341103084400'}),
    RXR_PO,
    orc('RE', LZP_P, LZP_F, 'IP', '20341103084400'),
    seg('RXA', {1: '0', 2: '1', 3: '20341103084000', 4: '20341103084000', 5: LZP_CODE, 6: '0', 7: 'mg^milligram^UCUM',
                10: RN1, 19: 'NOTNEED^Not needed - patient denies anxiety or nausea^LKNGREASON', 20: 'NA', 21: 'A',
                22: '20341103084400'}),
    RXR_PO,
]
# 12 RAS^O17: the infusion stopped at 150 of 250 mL (IV site infiltration): partially administered
RAS_PA = lambda t, ctl: [  # noqa: E731
    msh('LKRX', t, ctl, 'RAS^O17^RAS_O17'), pid(), PV1('LKV6500117-C1', 'CHAIR12'),
    orc('RE', CYC_P, CYC_F, 'IP', '20341103095500'),
    seg('RXA', {1: '1', 2: '1', 3: '20341103091500', 4: '20341103095100', 5: CYC_CODE, 6: '150',
                7: 'mL^milliliter^UCUM', 8: 'IVPB^IV piggyback^LKFORM',
                9: '^Stopped at 150 mL of 250 mL: IV site infiltration, site changed, remainder not given', 10: RN2,
                11: '^^^LKCC^^^^^Infusion Center chair 12', 15: 'C6511K3', 20: 'PA', 21: 'A', 22: '20341103095500'}),
    RXR_IV,
]
M['12-ras-o17-cyclophosphamide-partial'] = RAS_PA('20341103095533-0500', 'LKRX650012')
# 13 RAS^O17: the pharmacy's queue replays the same administration the next morning under a new MSH-10
M['13-ras-o17-cyclophosphamide-partial-replayed'] = RAS_PA('20341104070212-0500', 'LKRX650013')
# 14 SIU^S12: cycle 2 day 1 booked for Friday 24 November 08:30 (CST)
M['14-siu-s12-cycle2-chair-booked'] = siu('S12', '20341106091508-0600', 'LKSCHED650014', C2_APPT, '20341124083000',
                                          '20341124123000', 'Booked', 'CHAIR07', visit='LKV6500117-C2')
# 15 ORU^R01: pre-cycle-2 CBC: ANC 0.9 (low)
M['15-oru-r01-cycle2-cbc-anc-low'] = cbc('20341122083807', 'LKLAB650015', 'LKO6500117-02^LKONC', 'H65-1122-0207^LKLAB',
                                         '20341122075000', '20341122083600', '3.1', '0.9', '188', '11.4', visit='LKV6500117-C2')
# 16 RDE^O11 HD: cyclophosphamide held for the ANC
M['16-rde-o11-hd-cyclophosphamide-held'] = [
    msh('LKONC', '20341122101240-0600', 'LKONC650016', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1('LKV6500117-C2'),
    *cyc_order('HD', CYC_F, 'HD', '20341122101200', '1074', '1.79', '71.5', 'BSA 1.79 m2 (Mosteller), 600 mg/m2.',
               {16: 'ANCLOW^Held: ANC below 1.5 x10*3/uL^LKREASON'}),
]
# 17 SIU^S15: the cycle 2 appointment cancelled
M['17-siu-s15-cycle2-cancelled'] = siu('S15', '20341122102015-0600', 'LKSCHED650017', C2_APPT, '20341124083000',
                                       '20341124123000', 'Cancelled', 'CHAIR07', 'HOLD^Treatment held^LKSCHREASON', 'LKV6500117-C2')
# 18 ORU^R01: the ANC corrected after a manual differential (0.9 -> 1.9), OBX-11 C, OBR-25 C
M['18-oru-r01-cycle2-anc-corrected'] = cbc('20341122154112', 'LKLAB650018', 'LKO6500117-02^LKONC', 'H65-1122-0207^LKLAB',
                                           '20341122075000', '20341122153900', '3.1', '1.9', '188', '11.4', 'C', 'C',
                                           'Corrected result: manual differential performed; previously reported as 0.9 x10*3/uL', 'LKV6500117-C2')
# 19 RDE^O11 RL: the hold released
M['19-rde-o11-rl-cyclophosphamide-released'] = [
    msh('LKONC', '20341122160503-0600', 'LKONC650019', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1('LKV6500117-C2'),
    *cyc_order('RL', CYC_F, '', '20341122160400', '1074', '1.79', '71.5', 'BSA 1.79 m2 (Mosteller), 600 mg/m2.'),
]
# 20 SIU^S12: cycle 2 rebooked for Monday 27 November 08:30
M['20-siu-s12-cycle2-rebooked'] = siu('S12', '20341122161733-0600', 'LKSCHED650020', C2B_APPT, '20341127083000',
                                      '20341127123000', 'Booked', 'CHAIR09', visit='LKV6500117-C2')
# 21 RDS^O13: the cycle 2 bag dispensed (a second dispense of the same order)
M['21-rds-o13-cyclophosphamide-cycle2-dispensed'] = [
    msh('LKRX', '20341127081204-0600', 'LKRX650021', 'RDS^O13^RDS_O13'), pid(), PV1('LKV6500117-C2', 'CHAIR09'),
    orc('RE', CYC_P, CYC_F, 'IP', '20341127081200'), cyc_rxe('1074', 'BSA 1.79 m2 (Mosteller), 600 mg/m2.'), CYC_TQ1, RXR_IV,
    seg('RXD', {1: '2', 2: CYC_CODE, 3: '20341127080800', 4: '1', 5: 'BAG^bag^LKUNIT', 6: 'IVPB^IV piggyback^LKFORM',
                7: 'RX65-220417-D2', 10: RPH, 13: '^^^LKCC^^^^^Infusion Center', 16: '1074', 17: 'mg^milligram^UCUM',
                18: 'C6527M1', 19: '20341128080800'}),
    RXR_IV, *cyc_rxc('1074'),
]
# 22 RAS^O17: cycle 2 given completely, 08:50-09:52
M['22-ras-o17-cyclophosphamide-cycle2-given'] = [
    msh('LKRX', '20341127095610-0600', 'LKRX650022', 'RAS^O17^RAS_O17'), pid(), PV1('LKV6500117-C2', 'CHAIR09'),
    orc('RE', CYC_P, CYC_F, 'IP', '20341127095600'),
    seg('RXA', {1: '2', 2: '1', 3: '20341127085000', 4: '20341127095200', 5: CYC_CODE, 6: '1074',
                7: 'mg^milligram^UCUM', 8: 'IVPB^IV piggyback^LKFORM', 10: RN2,
                11: '^^^LKCC^^^^^Infusion Center chair 9', 15: 'C6527M1', 20: 'CP', 21: 'A', 22: '20341127095600'}),
    RXR_IV,
]
# 23 RDE^O11 DC: cyclophosphamide discontinued after cycle 2 (regimen changed)
M['23-rde-o11-dc-cyclophosphamide'] = [
    msh('LKONC', '20341204143318-0600', 'LKONC650023', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1('LKV6500117-C2'),
    *cyc_order('DC', CYC_F, 'DC', '20341204143300', '1074', '1.79', '71.5', 'BSA 1.79 m2 (Mosteller), 600 mg/m2.',
               {16: 'REGCHG^Regimen changed per tumor board^LKREASON'}),
]
# 24 RDE^O11 CA: the lorazepam premedication cancelled (never given)
M['24-rde-o11-ca-lorazepam'] = [
    msh('LKONC', '20341204143502-0600', 'LKONC650024', 'RDE^O11^RDE_O11', 'LKRX'), pid(), PV1('LKV6500117-C2'),
    orc('CA', LZP_P, LZP_F, 'CA', '20341204143500', {16: 'NOLONGER^No longer indicated^LKREASON'}), LZP_RXE(), LZP_TQ1, RXR_PO,
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages written to', OUT)
