#!/usr/bin/env python3
r"""Review 55's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Nova Scotia long-term-care pharmacy serving nursing homes and of a hospital's outpatient / retail
pharmacy, all on ONE channel whose zone is America/Halifax, across the fall-back of Sunday 7 November 2032
(02:00 ADT -03:00 -> 01:00 AST -04:00: the clock time 01:00-01:59 happens twice).
Invented: Tantramar Long-Term Care Pharmacy (TLP), Shubenacadie Court Nursing Home (SCNH), Avonport Regional
Hospital (ARH); every person, number, DIN and NDC below.
- nursing home order entry "SCPOE" (OMP^O09 v2.5.1, MSH-7 with offset): a prednisone taper (five TQ1s, TQ1-12 S);
- LTC pharmacy "TLPRX" (RDE^O11 / RDS^O13 / RGV^O15 / ORP^O10 v2.5.1, MSH-7 with offset, times inside bare): the taper
  encoded (RXE-3/4 5-40 mg, DIN); oxycodone PRN q4h max 30 mg/day (RXE-19, RXE-27 indication, RXE-35 Health Canada
  CDSA schedule); sliding-scale insulin (RXE-3/4 0-10 [iU], the scale in RXE-7); warfarin every other day 17:00 (Q2D,
  TQ1-4); cefalexin Q8H 06/14/22 and gabapentin TID 08/13/18 in one RDE (two orders); furosemide STAT once; warfarin
  HD then RL; cefalexin DC with a new end; oxycodone replaced by hydromorphone (ORC RU old + ORC RO new); blister
  dispenses (RXD-4/5, lot, expiry, days supply in RXD-9); one RGV give of warfarin;
- nursing home eMAR "SCEMAR" (RAS^O17 v2.5.1, MSH-7 with offset, bare RXA times): STAT dose given; prednisone refused
  (RXA-20 RE, RXA-18 reason); oxycodone PRN given in the FIRST pass of the repeated hour (RXA-19 indication); insulin
  by sliding scale with the glucose OBX; gabapentin not given (NA, on leave) + warfarin given after release;
- hospital outpatient pharmacy "ARHOPRX" (v2.3, MSH-7 BARE, times bare): RDE^O01 of a palliative morphine SC
  infusion (RXE-1 TQ, RXE-3 2 RXE-5 `43^mg/hr`, RXE-23/24 1 mL/h, RXC base + additive), RDE^O01 retail amoxicillin
  (a US-labelled import: NDC; refills), XO of the infusion rate in the repeated hour, RDS^O01 of the cassette there.
Fields placed by number. Run from the worktree root (convert with --timezone America/Halifax):
    python3 docs/review55/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review55/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'TLP', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v})


# ---- patients ----
MARGUERITE = {1: '1', 3: 'SCN5500101^^^SCNH^MR~5550012345^^^NSHCN^JHN', 5: 'THERIAULT-MACISAAC^MARGUERITE^ANNE^^^^L',
              7: '19360422', 8: 'F', 11: '1402 Shubenacadie Court Rd^Room 214A^Shubenacadie^NS^B0N 2H0^CAN^H',
              13: '^PRN^PH^^1^902^5550181', 15: 'fra^French^ISO639', 18: 'SCNA5500101^^^SCNH^AN'}
ANGUS = {1: '1', 3: 'SCN5500102^^^SCNH^MR~5550067890^^^NSHCN^JHN', 5: 'GAUTREAU-MACNEIL^ANGUS^RODERICK^^^^L',
         7: '19450917', 8: 'M', 11: '1402 Shubenacadie Court Rd^Room 118B^Shubenacadie^NS^B0N 2H0^CAN^H',
         13: '^PRN^PH^^1^902^5550182', 15: 'eng^English^ISO639', 18: 'SCNA5500102^^^SCNH^AN'}
SUNITA = {1: '1', 3: 'ARH5500301^^^ARH^MR~5550024680^^^NSHCN^JHN', 5: 'HACHEY-SUBRAMANIAM^SUNITA^^^^^L',
          7: '19700203', 8: 'F', 11: '88 Orchard Vale Dr^^Avonport^NS^B0P 1B0^CAN^H', 13: '^PRN^CP^^1^902^5550193',
          18: 'ARHA5500301^^^ARH^AN'}
# ---- practitioners ----
NH_DOC = 'CPS55121^ABERCROMBIE-NWOSU^FIONA^^^DR^^^CPSNS^L^^^LN'
PALL_DOC = 'CPS55307^DESROSIERS-KAPOOR^ETIENNE^^^DR^^^CPSNS^L^^^LN'
RPH = 'NSCP5512^LANDRY-OKONKWO^DELPHINE^^^^RPh^^NSCP^L^^^LN'
RPH_ARH = 'NSCP5518^MUISE-TANAKA^BRIGID^^^^RPh^^NSCP^L^^^LN'
LPN_NIGHT = 'SC5521^MACPHEE^COLLEEN^^^^LPN^^SCNH^L^^^EI'
RN_DAY = 'SC5524^BOUDREAU-ADEYEMI^NICOLE^^^^RN^^SCNH^L^^^EI'


def pv1(cls, loc, visit, doc, start, extra=None):
    f = {1: '1', 2: cls, 3: loc, 7: doc, 19: f'{visit}^^^SCNH^VN', 44: start}
    f.update(extra or {})
    return seg('PV1', f)


MA_PV1 = pv1('R', 'ROSE^214^A^SCNH^^^^^Rose Unit', 'SCNV5500101', NH_DOC, '20290311140000')
AN_PV1 = pv1('R', 'HARB^118^B^SCNH^^^^^Harbour Unit', 'SCNV5500102', NH_DOC, '20310605103000')
SU_PV1 = seg('PV1', {1: '1', 2: 'O', 3: 'PALL^^^ARH^^^^^Palliative Care Clinic', 7: PALL_DOC, 19: 'ARHV5500301^^^ARH^VN'})

# ---- products (DIN: Health Canada Drug Identification Number, invented; NDC: a US-labelled import, invented) ----
PRED = '05501081^PREDNISONE 5 MG TAB^DIN'
OXY = '05501235^OXYCODONE HCL 5 MG TAB^DIN'
HYDROM = '05501340^HYDROMORPHONE HCL 1 MG TAB^DIN'
LISPRO = '05501472^INSULIN LISPRO 100 UNIT/ML KWIKPEN^DIN'
WARF = '05501529^WARFARIN SODIUM 2.5 MG TAB^DIN'
CEFA = '05501618^CEFALEXIN 500 MG CAP^DIN'
GABA = '05501723^GABAPENTIN 300 MG CAP^DIN'
FURO = '05501847^FUROSEMIDE 40 MG TAB^DIN'
MORPH_CASS = 'ARHMIX55^MORPHINE 100 MG IN NACL 0.9% 50 ML CADD CASSETTE^ARHRX'
MORPH = '05501960^MORPHINE SULFATE 50 MG/ML INJ^DIN'
NACL50 = '05502045^SODIUM CHLORIDE 0.9% INJ^DIN'
AMOX = '55150-0342-01^AMOXICILLIN 500 MG CAP (US LABEL, SHORTAGE IMPORT)^NDC'
PO = 'PO^Oral^HL70162'
SC = 'SC^Subcutaneous^HL70162'
NARC = 'N^Narcotic (CDSA Schedule I, Narcotic Control Regulations)^HCCDSA'
MG = 'mg&milligram&UCUM'


def rde_order(orc, rxe, tq1s, rxrs, rxcs=()):
    return [seg('ORC', orc), seg('RXE', rxe)] + [seg('TQ1', q) for q in tq1s] + [seg('RXR', r) for r in rxrs] + \
        [seg('RXC', c) for c in rxcs]


def rde(t, ctl, pid, pv, *orders):
    out = [msh('TLPRX', 'TLP', t, ctl, 'RDE^O11^RDE_O11', '2.5.1'), seg('PID', pid), pv]
    for o in orders:
        out += o
    return out


def orc(ctl, plac, fill, status, when, orderer, entered=RPH, extra=None):
    f = {1: ctl, 2: f'{plac}^SCPOE', 3: f'{fill}^TLPRX', 5: status, 9: when, 11: entered, 12: orderer,
         21: 'Shubenacadie Court Nursing Home^L^^^^SCNH^XX^^^55'}
    f.update(extra or {})
    return {k: v for k, v in f.items() if v != ''}


def ras(t, ctl, pid, pv, *orders):
    out = [msh('SCEMAR', 'SCNH', t, ctl, 'RAS^O17^RAS_O17', '2.5.1'), seg('PID', pid), pv]
    for o in orders:
        out += o
    return out


TAPER = [(40, '20321105', '20321107'), (30, '20321108', '20321110'), (20, '20321111', '20321113'),
         (10, '20321114', '20321116'), (5, '20321117', '20321119')]


def taper_tq1s():
    out = []
    for i, (dose, a, b) in enumerate(TAPER, 1):
        q = {1: str(i), 2: f'{dose}^{MG}', 3: 'Q1D^Once daily^HL70335', 4: '0800', 7: f'{a}0800', 8: f'{b}0800',
             9: 'R^Routine^HL70485', 11: f'{dose} mg once daily with breakfast x 3 days'}
        if i < len(TAPER):
            q[12] = 'S'
        out.append(q)
    return out


M = {}

# 01 OMP: the nursing home physician's prednisone taper
M['01-omp-o09-prednisone-taper'] = [
    msh('SCPOE', 'SCNH', '20321104101230-0300', 'SC5501', 'OMP^O09^OMP_O09', '2.5.1'), seg('PID', MARGUERITE), MA_PV1,
    seg('ORC', {1: 'NW', 2: 'SC55-1001^SCPOE', 9: '20321104101000', 10: RN_DAY, 12: NH_DOC,
                21: 'Shubenacadie Court Nursing Home^L^^^^SCNH^XX^^^55'}),
] + [seg('TQ1', q) for q in taper_tq1s()] + [
    seg('RXO', {1: '8640^Prednisone^RXNORM', 2: '5', 3: '40', 4: 'mg^milligram^UCUM', 5: 'TAB^Tablet^HL70292',
                7: '^Taper: 40 mg daily x3d, 30 mg x3d, 20 mg x3d, 10 mg x3d, 5 mg x3d then stop. Give with food',
                9: 'G', 11: '63', 12: 'TAB^tablet^TLPRX', 13: '0',
                20: 'J44.1^Chronic obstructive pulmonary disease with acute exacerbation^I10'}),
    seg('RXR', {1: PO}),
]

# 02 ORP: the pharmacy accepts the order and gives its number
M['02-orp-o10-accept-taper'] = [
    msh('TLPRX', 'TLP', '20321104102015-0300', 'TL5502', 'ORP^O10^ORP_O10', '2.5.1'),
    seg('MSA', {1: 'AA', 2: 'SC5501'}), seg('PID', MARGUERITE),
    seg('ORC', {1: 'OK', 2: 'SC55-1001^SCPOE', 3: 'TLP55-2001^TLPRX', 5: 'IP', 9: '20321104102000'}),
    seg('RXO', {1: '8640^Prednisone^RXNORM', 2: '5', 3: '40', 4: 'mg^milligram^UCUM'}),
]

# 03 RDE: the taper encoded
M['03-rde-o11-prednisone-taper'] = rde(
    '20321104110512-0300', 'TL5503', MARGUERITE, MA_PV1,
    rde_order(orc('NW', 'SC55-1001', 'TLP55-2001', 'IP', '20321104110400', NH_DOC),
              {2: PRED, 3: '5', 4: '40', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292',
               7: '^Taper: 40 mg daily x3d, 30 mg x3d, 20 mg x3d, 10 mg x3d, 5 mg x3d then stop. Give with food',
               9: 'G', 10: '63', 11: 'TAB^tablet^TLPRX', 12: '0', 15: 'TLP55-2001', 25: '5', 26: 'mg^milligram^UCUM',
               27: 'J44.1^Chronic obstructive pulmonary disease with acute exacerbation^I10'},
              taper_tq1s(), [{1: PO}]))

# 04 RDE: oxycodone PRN q4h, max 30 mg a day, a narcotic
M['04-rde-o11-oxycodone-prn'] = rde(
    '20321104143022-0300', 'TL5504', MARGUERITE, MA_PV1,
    rde_order(orc('NW', 'SC55-1004', 'TLP55-2004', 'IP', '20321104142900', NH_DOC),
              {2: OXY, 3: '5', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292',
               7: '^Give 5 mg every 4 hours if needed for pain. Max 30 mg in 24 hours. Hold if sedated', 9: 'N',
               10: '30', 11: 'TAB^tablet^TLPRX', 12: '0', 15: 'TLP55-2004', 19: f'30^{MG}',
               27: 'M25.551^Pain in right hip^I10', 35: NARC},
              [{1: '1', 2: f'5^{MG}', 3: 'Q4H^Every 4 hours^HL70335', 7: '20321104143000',
                8: '20321204143000', 9: 'PRN^As needed^HL70485', 10: 'for right hip pain 4/10 or more'}],
              [{1: PO}]))

# 05 RDS: the taper's blister pack
M['05-rds-o13-prednisone-blister'] = [
    msh('TLPRX', 'TLP', '20321104164018-0300', 'TL5505', 'RDS^O13^RDS_O13', '2.5.1'), seg('PID', MARGUERITE), MA_PV1,
    seg('ORC', orc('RE', 'SC55-1001', 'TLP55-2001', 'IP', '20321104163900', NH_DOC)),
    seg('RXD', {1: '1', 2: PRED, 3: '20321104163500', 4: '63', 5: 'TAB^tablet^TLPRX', 6: 'TAB^Tablet^HL70292',
                7: 'TLP55-2001', 8: '0', 9: '^DAYS SUPPLY 15. Strip-packaged by dose date', 10: RPH, 11: 'N',
                13: 'ROSE^^^SCNH', 18: 'PN24117', 19: '20340531', 20: 'APX^Apotex Inc^MVX'}),
    seg('RXR', {1: PO}),
]

# 06 RDE: sliding-scale insulin lispro before meals
M['06-rde-o11-insulin-sliding-scale'] = rde(
    '20321105091033-0300', 'TL5506', ANGUS, AN_PV1,
    rde_order(orc('NW', 'SC55-1006', 'TLP55-2006', 'IP', '20321105090900', NH_DOC),
              {2: LISPRO, 3: '0', 4: '10', 5: '[iU]^international unit^UCUM', 6: 'INJ^Injection^HL70292',
               7: '^Sliding scale per capillary glucose before meals: <8.1 mmol/L 0 units; 8.1-10.0 2 units; '
                  '10.1-13.0 4 units; 13.1-16.0 6 units; 16.1-20.0 8 units; >20.0 10 units and call physician',
               9: 'N', 10: '1', 11: 'PEN^pen^TLPRX', 12: '2', 15: 'TLP55-2006',
               27: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10'},
              [{1: '1', 3: 'AC^Before meals^HL70335', 4: '0730~1130~1630', 7: '20321105113000',
                9: 'R^Routine^HL70485', 10: 'dose by capillary glucose (sliding scale)'}],
              [{1: SC, 2: 'ABD^Abdomen^HL70163'}]))

# 07 RDE: warfarin every other day at 17:00
M['07-rde-o11-warfarin-every-other-day'] = rde(
    '20321105091251-0300', 'TL5507', ANGUS, AN_PV1,
    rde_order(orc('NW', 'SC55-1007', 'TLP55-2007', 'IP', '20321105091100', NH_DOC),
              {2: WARF, 3: '2.5', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292',
               7: '^Every other day at 17:00. INR Mondays', 9: 'N', 10: '15', 11: 'TAB^tablet^TLPRX', 12: '0',
               15: 'TLP55-2007', 27: 'I48.91^Atrial fibrillation^I10'},
              [{1: '1', 2: f'2.5^{MG}', 3: 'Q2D^Every other day^HL70335', 4: '1700', 7: '20321105170000',
                9: 'R^Routine^HL70485'}],
              [{1: PO}]))

# 08 RDE: two orders, cefalexin Q8H 06/14/22 for 7 days and gabapentin TID 08/13/18
M['08-rde-o11-cefalexin-q8h-gabapentin-tid'] = rde(
    '20321105092044-0300', 'TL5508', ANGUS, AN_PV1,
    rde_order(orc('NW', 'SC55-1008', 'TLP55-2008', 'IP', '20321105091800', NH_DOC),
              {2: CEFA, 3: '500', 5: 'mg^milligram^UCUM', 6: 'CAP^Capsule^HL70292', 9: 'G', 10: '21',
               11: 'CAP^capsule^TLPRX', 12: '0', 15: 'TLP55-2008', 27: 'L03.115^Cellulitis of right lower limb^I10'},
              [{1: '1', 2: f'500^{MG}', 3: 'Q8H^Every 8 hours^HL70335', 4: '0600~1400~2200', 7: '20321105140000',
                8: '20321112060000', 9: 'R^Routine^HL70485', 14: '21'}],
              [{1: PO}]),
    rde_order(orc('NW', 'SC55-1009', 'TLP55-2009', 'IP', '20321105091900', NH_DOC),
              {2: GABA, 3: '300', 5: 'mg^milligram^UCUM', 6: 'CAP^Capsule^HL70292', 9: 'G', 10: '90',
               11: 'CAP^capsule^TLPRX', 12: '5', 15: 'TLP55-2009', 27: 'G62.9^Polyneuropathy, unspecified^I10'},
              [{1: '1', 2: f'300^{MG}', 3: 'TID^Three times a day^HL70335', 4: '0800~1300~1800',
                7: '20321105130000', 9: 'R^Routine^HL70485'}],
              [{1: PO}]))

# 09 RDE^O01 v2.3 (outpatient pharmacy): palliative morphine SC infusion by CADD pump, MSH-7 bare
ARH_ORC = lambda ctl, plac, fill, status, when, extra=None: seg('ORC', {**{1: ctl, 2: f'{plac}^ARHCPOE', 3: f'{fill}^ARHOPRX', 5: status, 9: when, 11: RPH_ARH, 12: PALL_DOC}, **(extra or {})})  # noqa: E731
M['09-rde-o01-morphine-sc-infusion'] = [
    msh('ARHOPRX', 'ARH', '20321105150412', 'AR5509', 'RDE^O01', '2.3'), seg('PID', SUNITA), SU_PV1,
    ARH_ORC('NW', 'ARH55-3001', 'ARHRX55-3001', 'IP', '20321105150000'),
    seg('RXE', {1: '^CONT^^20321105160000^20321119160000', 2: MORPH_CASS, 3: '2', 5: '43^mg/hr',
                6: 'INJ^Injection^HL70292', 7: '^Run at 2 mg/h (1 mL/h) via CADD pump. Breakthrough: 1 mg bolus q1h max 4',
                9: 'N', 10: '1', 11: 'CASS^cassette^ARHRX', 12: '0', 15: 'ARHRX55-3001', 23: '1', 24: 'mL/h'}),
    seg('RXR', {1: SC}),
    seg('RXC', {1: 'B', 2: NACL50, 3: '48', 4: 'mL^milliliter^UCUM'}),
    seg('RXC', {1: 'A', 2: MORPH, 3: '100', 4: 'mg^milligram^UCUM'}),
]

# 10 RDE: furosemide 40 mg STAT once
M['10-rde-o11-furosemide-stat'] = rde(
    '20321105100218-0300', 'TL5510', ANGUS, AN_PV1,
    rde_order(orc('NW', 'SC55-1010', 'TLP55-2010', 'IP', '20321105100100', NH_DOC),
              {2: FURO, 3: '40', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292', 7: '^One dose now. Weigh daily',
               9: 'G', 10: '1', 11: 'TAB^tablet^TLPRX', 12: '0', 15: 'TLP55-2010', 27: 'R60.0^Localized edema^I10'},
              [{1: '1', 2: f'40^{MG}', 3: 'ONCE^One time only^HL70335', 7: '20321105100500',
                9: 'S^Stat^HL70485', 14: '1'}],
              [{1: PO}]))

# 11 RAS: the STAT dose given
M['11-ras-o17-furosemide-stat-given'] = ras(
    '20321105103125-0300', 'SE5511', ANGUS, AN_PV1,
    [seg('ORC', orc('RE', 'SC55-1010', 'TLP55-2010', 'IP', '20321105103100', NH_DOC, entered=RN_DAY)),
     seg('RXA', {1: '0', 2: '1', 3: '20321105102000', 4: '20321105102000', 5: FURO, 6: '40',
                 7: 'mg^milligram^UCUM', 10: RN_DAY, 11: 'HARB^118^B^SCNH', 20: 'CP', 21: 'A',
                 22: '20321105103000'}),
     seg('RXR', {1: PO})])

# 12 RGV: the pharmacy's give of warfarin for 5 Nov 17:00
M['12-rgv-o15-warfarin-give'] = [
    msh('TLPRX', 'TLP', '20321105120010-0300', 'TL5512', 'RGV^O15^RGV_O15', '2.5.1'), seg('PID', ANGUS), AN_PV1,
    seg('ORC', orc('RE', 'SC55-1007', 'TLP55-2007', 'IP', '20321105120000', NH_DOC)),
    seg('RXG', {1: '1', 2: '1', 4: WARF, 5: '2.5', 7: 'mg^milligram^UCUM', 8: 'TAB^Tablet^HL70292',
                9: '^Give at 17:00 with supper'}),
    seg('TQ1', {1: '1', 2: f'2.5^{MG}', 4: '1700', 7: '20321105170000', 8: '20321105170000', 9: 'R^Routine^HL70485', 14: '1'}),
    seg('RXR', {1: PO}),
]

# 13 RDE^O01 v2.3: retail amoxicillin, a US-labelled shortage import (NDC), 10 days TID
M['13-rde-o01-amoxicillin-retail-ndc'] = [
    msh('ARHOPRX', 'ARH', '20321105161033', 'AR5513', 'RDE^O01', '2.3'), seg('PID', SUNITA), SU_PV1,
    ARH_ORC('NW', 'ARH55-3013', 'ARHRX55-3013', 'IP', '20321105160500'),
    seg('RXE', {1: '1^TID^X10D^20321105180000', 2: AMOX, 3: '500', 5: 'mg^milligram^UCUM',
                6: 'CAP^Capsule^HL70292', 7: '^Take 1 capsule three times daily for 10 days', 9: 'G', 10: '30',
                11: 'CAP^capsule^ARHRX', 12: '0', 15: 'ARHRX55-3013'}),
    seg('RXR', {1: PO}),
]

# 14 RDE: warfarin held (INR 4.6)
M['14-rde-o11-warfarin-hold'] = rde(
    '20321106091015-0300', 'TL5514', ANGUS, AN_PV1,
    rde_order(orc('HD', 'SC55-1007', 'TLP55-2007', 'HD', '20321106090900', NH_DOC,
                  extra={16: 'INRH^INR 4.6 - hold until recheck^SCNH'}),
              {2: WARF, 3: '2.5', 5: 'mg^milligram^UCUM', 15: 'TLP55-2007'},
              [{1: '1', 2: f'2.5^{MG}', 3: 'Q2D^Every other day^HL70335', 4: '1700', 7: '20321105170000',
                9: 'R^Routine^HL70485'}],
              [{1: PO}]))

# 15 RAS: prednisone refused at 08:00
M['15-ras-o17-prednisone-refused'] = ras(
    '20321106082011-0300', 'SE5515', MARGUERITE, MA_PV1,
    [seg('ORC', orc('RE', 'SC55-1001', 'TLP55-2001', 'IP', '20321106082000', NH_DOC, entered=RN_DAY)),
     seg('RXA', {1: '0', 2: '1', 3: '20321106080000', 4: '20321106080000', 5: PRED, 6: '0',
                 7: 'mg^milligram^UCUM', 9: '^Resident refused: says it upsets her stomach. Physician informed',
                 10: RN_DAY, 11: 'ROSE^214^A^SCNH', 18: 'PTREF^Patient refused^SCNH', 20: 'RE', 21: 'A',
                 22: '20321106081900'}),
     seg('RXR', {1: PO})])

# 16 RAS: oxycodone PRN given 01:25 in the FIRST pass of the repeated hour (MSH-7 -0300)
M['16-ras-o17-oxycodone-prn-first-pass'] = ras(
    '20321107013104-0300', 'SE5516', MARGUERITE, MA_PV1,
    [seg('ORC', orc('RE', 'SC55-1004', 'TLP55-2004', 'IP', '20321107013000', NH_DOC, entered=LPN_NIGHT)),
     seg('RXA', {1: '0', 2: '1', 3: '20321107012500', 4: '20321107012500', 5: OXY, 6: '5',
                 7: 'mg^milligram^UCUM', 9: '^Hip pain 6/10, awake and restless', 10: LPN_NIGHT,
                 11: 'ROSE^214^A^SCNH', 19: 'M25.551^Pain in right hip^I10', 20: 'CP', 21: 'A',
                 22: '20321107013000'}),
     seg('RXR', {1: PO})])

# 17 RDE^O01 v2.3: the infusion's rate 2 -> 3 mg/h (XO), every time bare, sent at 01:40 in the SECOND pass
M['17-rde-o01-morphine-rate-xo'] = [
    msh('ARHOPRX', 'ARH', '20321107014012', 'AR5517', 'RDE^O01', '2.3'), seg('PID', SUNITA), SU_PV1,
    ARH_ORC('XO', 'ARH55-3001', 'ARHRX55-3001', 'IP', '20321107013800', {16: 'PAIN^Uncontrolled pain^ARH'}),
    seg('RXE', {1: '^CONT^^20321107014500^20321119160000', 2: MORPH_CASS, 3: '3', 5: '43^mg/hr',
                6: 'INJ^Injection^HL70292', 7: '^Run at 3 mg/h (1.5 mL/h) via CADD pump. Breakthrough: 1.5 mg bolus q1h max 4',
                9: 'N', 10: '1', 11: 'CASS^cassette^ARHRX', 12: '0', 15: 'ARHRX55-3001', 23: '1.5', 24: 'mL/h'}),
    seg('RXR', {1: SC}),
]

# 18 RDS^O01 v2.3: the new cassette dispensed 01:50 (bare), sent 01:55 (bare) after the XO
M['18-rds-o01-morphine-cassette'] = [
    msh('ARHOPRX', 'ARH', '20321107015508', 'AR5518', 'RDS^O01', '2.3'), seg('PID', SUNITA), SU_PV1,
    ARH_ORC('RE', 'ARH55-3001', 'ARHRX55-3001', 'IP', '20321107015500'),
    seg('RXE', {1: '^CONT^^20321107014500^20321119160000', 2: MORPH_CASS, 3: '3', 5: '43^mg/hr', 15: 'ARHRX55-3001'}),
    seg('RXD', {1: '2', 2: MORPH_CASS, 3: '20321107015000', 4: '1', 5: 'CASS^cassette^ARHRX',
                7: 'ARHRX55-3001', 8: '0', 9: '^DAYS SUPPLY 2', 10: RPH_ARH, 18: 'ARH-C55-0712', 19: '20321109'}),
    seg('RXR', {1: SC}),
    seg('RXC', {1: 'B', 2: NACL50, 3: '48', 4: 'mL^milliliter^UCUM'}),
    seg('RXC', {1: 'A', 2: MORPH, 3: '100', 4: 'mg^milligram^UCUM'}),
]

# 19 RAS: sliding-scale insulin 4 units for glucose 12.3 before breakfast (after the change, -0400)
M['19-ras-o17-insulin-by-glucose'] = ras(
    '20321107074012-0400', 'SE5519', ANGUS, AN_PV1,
    [seg('ORC', orc('RE', 'SC55-1006', 'TLP55-2006', 'IP', '20321107074000', NH_DOC, entered=RN_DAY)),
     seg('RXA', {1: '0', 2: '1', 3: '20321107073500', 4: '20321107073500', 5: LISPRO, 6: '4',
                 7: '[iU]^international unit^UCUM', 9: '^Per sliding scale: glucose 12.3 mmol/L', 10: RN_DAY,
                 11: 'HARB^118^B^SCNH', 20: 'CP', 21: 'A', 22: '20321107073900'}),
     seg('RXR', {1: SC, 2: 'ABD^Abdomen^HL70163'}),
     seg('OBX', {1: '1', 2: 'NM', 3: '14743-9^Glucose [Moles/volume] in Capillary blood by Glucometer^LN', 5: '12.3',
                 6: 'mmol/L^millimole per liter^UCUM', 7: '4.0-8.0', 8: 'H', 11: 'F', 14: '20321107073000'})])

# 20 RDE: warfarin released (INR 2.4), next dose 7 Nov 17:00
M['20-rde-o11-warfarin-release'] = rde(
    '20321107100533-0400', 'TL5520', ANGUS, AN_PV1,
    rde_order(orc('RL', 'SC55-1007', 'TLP55-2007', 'IP', '20321107100400', NH_DOC,
                  extra={16: 'INRN^INR 2.4 - resume^SCNH'}),
              {2: WARF, 3: '2.5', 5: 'mg^milligram^UCUM', 15: 'TLP55-2007'},
              [{1: '1', 2: f'2.5^{MG}', 3: 'Q2D^Every other day^HL70335', 4: '1700', 7: '20321107170000',
                9: 'R^Routine^HL70485'}],
              [{1: PO}]))

# 21 RDE: cefalexin discontinued early, new end 8 Nov 14:00
M['21-rde-o11-cefalexin-dc'] = rde(
    '20321108090212-0400', 'TL5521', ANGUS, AN_PV1,
    rde_order(orc('DC', 'SC55-1008', 'TLP55-2008', 'DC', '20321108090000', NH_DOC,
                  extra={16: 'RASH^Maculopapular rash - stop^SCNH'}),
              {2: CEFA, 3: '500', 5: 'mg^milligram^UCUM', 15: 'TLP55-2008'},
              [{1: '1', 2: f'500^{MG}', 3: 'Q8H^Every 8 hours^HL70335', 4: '0600~1400~2200', 7: '20321105140000',
                8: '20321108060000', 9: 'R^Routine^HL70485'}],
              [{1: PO}]))

# 22 RDE: oxycodone replaced (RU, old numbers) by hydromorphone (RO, new numbers)
M['22-rde-o11-oxycodone-replaced-hydromorphone'] = rde(
    '20321108110027-0400', 'TL5522', MARGUERITE, MA_PV1,
    rde_order(orc('RU', 'SC55-1004', 'TLP55-2004', 'RP', '20321108105800', NH_DOC,
                  extra={16: 'ADR^Oxycodone: confusion - change opioid^SCNH'}),
              {2: OXY, 3: '5', 5: 'mg^milligram^UCUM', 15: 'TLP55-2004', 35: NARC},
              [{1: '1', 2: f'5^{MG}', 3: 'Q4H^Every 4 hours^HL70335', 9: 'PRN^As needed^HL70485'}],
              [{1: PO}]),
    rde_order(orc('RO', 'SC55-1022', 'TLP55-2022', 'IP', '20321108105900', NH_DOC),
              {2: HYDROM, 3: '1', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablet^HL70292',
               7: '^Give 1 mg every 4 hours if needed for pain. Max 6 mg in 24 hours', 9: 'N', 10: '30',
               11: 'TAB^tablet^TLPRX', 12: '0', 15: 'TLP55-2022', 19: f'6^{MG}', 27: 'M25.551^Pain in right hip^I10',
               35: NARC},
              [{1: '1', 2: f'1^{MG}', 3: 'Q4H^Every 4 hours^HL70335', 7: '20321108110000', 8: '20321208110000',
                9: 'PRN^As needed^HL70485', 10: 'for right hip pain 4/10 or more'}],
              [{1: PO}]))

# 23 RAS: two orders: gabapentin 13:00 not given (on leave), warfarin 17:00 given after the release
M['23-ras-o17-gabapentin-na-warfarin-given'] = ras(
    '20321107171544-0400', 'SE5523', ANGUS, AN_PV1,
    [seg('ORC', orc('RE', 'SC55-1009', 'TLP55-2009', 'IP', '20321107171500', NH_DOC, entered=RN_DAY)),
     seg('RXA', {1: '0', 2: '1', 3: '20321107130000', 4: '20321107130000', 5: GABA, 6: '0',
                 7: 'mg^milligram^UCUM', 9: '^Out with family (leave of absence) 11:00-16:00', 10: RN_DAY,
                 18: 'LOA^Resident on leave of absence^SCNH', 20: 'NA', 21: 'A', 22: '20321107171400'}),
     seg('RXR', {1: PO})],
    [seg('ORC', orc('RE', 'SC55-1007', 'TLP55-2007', 'IP', '20321107171500', NH_DOC, entered=RN_DAY)),
     seg('RXA', {1: '0', 2: '1', 3: '20321107170500', 4: '20321107170500', 5: WARF, 6: '2.5',
                 7: 'mg^milligram^UCUM', 10: RN_DAY, 11: 'HARB^118^B^SCNH', 20: 'CP', 21: 'A',
                 22: '20321107171400'}),
     seg('RXR', {1: PO})])

# 24 RDS: the hydromorphone dispensed (a narcotic: count, lot)
M['24-rds-o13-hydromorphone-dispense'] = [
    msh('TLPRX', 'TLP', '20321108133045-0400', 'TL5524', 'RDS^O13^RDS_O13', '2.5.1'), seg('PID', MARGUERITE), MA_PV1,
    seg('ORC', orc('RE', 'SC55-1022', 'TLP55-2022', 'IP', '20321108133000', NH_DOC)),
    seg('RXE', {2: HYDROM, 3: '1', 5: 'mg^milligram^UCUM', 15: 'TLP55-2022', 35: NARC}),
    seg('TQ1', {1: '1', 3: 'Q4H^Every 4 hours^HL70335', 9: 'PRN^As needed^HL70485'}),
    seg('RXD', {1: '1', 2: HYDROM, 3: '20321108132500', 4: '30', 5: 'TAB^tablet^TLPRX', 6: 'TAB^Tablet^HL70292',
                7: 'TLP55-2022', 8: '0', 9: '^DAYS SUPPLY 5. Narcotic count sheet 55-0418 sent', 10: RPH, 11: 'N',
                13: 'ROSE^^^SCNH', 18: 'HM32291', 19: '20340228', 20: 'PPH^Purdue Pharma^MVX'}),
    seg('RXR', {1: PO}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages')
