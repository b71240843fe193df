#!/usr/bin/env python3
r"""Review 40's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the feeds of one psychiatric hospital and its long-term-care (Kurzzeitpflege / skilled nursing) unit in
Europe/Berlin, 28 October - 3 November 2027, across the autumn DST change (Sunday 31 October 2027, 03:00 CEST ->
02:00 CET: 02:00-02:59 happens twice, first at +0200, then at +0100).
Klinikum Grünewald für Psychiatrie und Psychotherapie (KGP): closed acute ward P1, gerontopsychiatry GER2, ward P3,
the long-term-care unit Pflegezentrum Grünewald (PZG), day care (TPF).
- registration "PATREG" (ADT v2.6, MSH-18 UNICODE UTF-8; MSH-7 with offset, EVN-2 and PV1-44 bare: only MSH-7
  carries the offset): the involuntary admission (A01, PV1-4 E, PV2-3/12/22/25/38/40, NK1 guardian), the day-clinic
  patient made inpatient (A06, MRG-5 prior visit), her transfer to the LTC unit (A02) and to day care (A07);
- ward system "STATIONSDOK" (ADT v2.5, MSH-18 8859/1, the file in ISO-8859-1 bytes; MSH-7 with offset, EVN-2 and
  PV2-47 bare): leave of absence (A21), its cancellation (A52), the next leave (A21) and the early return in the
  repeated hour (A22, MSH-7 +0100, EVN-2 bare 02:20);
- laboratory "LABOSYS" (ORU^R01 v2.5.1, every time with its offset): clozapine baseline (WBC, ANC, hs-troponin,
  CRP), the clozapine level with OBX-8 H/L, the corrected level (OBX-11 C, OBR-25 C);
- pharmacy "APOTHEKA" (RDE^O11 / RDS^O13 v2.5, PZN codes): clozapine titration order and dispense, a monthly
  paliperidone palmitate depot order;
- e-MAR "MEDIKURVE" (RAS^O17 v2.5): the one sender with bare times (MSH-7 too, no MSH-18): clozapine given, a
  refused dose (RXA-20 RE, RXA-18), a PRN lorazepam at 02:35 in the repeated hour, the depot injection;
- EHR "PSYDOK" (PPR^PC1 / PC2 v2.7, MDM^T02 / T04 v2.7): problem list added, updated and resolved; psychiatric
  admission assessment (TXA-18 V) and its authenticated version with an addendum;
- discharge management "ENTLASSMGMT" (REF^I12 v2.8): referral to the community mental-health service;
- finance "FAKTURA" (DFT^P03 v2.3, PEPP per-diem charges).
Patients and numbers (KG40..., KGV40..., RX40-, LB40-, DOC40-, PR40-, RF40-, FK40-) none of reviews 16-39's. Fields
placed by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone Europe/Berlin, the channel's zone):
    python3 docs/review40/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review40/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, charset='UNICODE UTF-8', fac='KGP'):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'KGP', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 17: 'DEU'}
    if charset:
        f[18] = charset
    return seg('MSH', f)


M = {}
LATIN1 = set()
# ---- patients ----
WEISS = {1: '1', 3: 'KG4000101^^^KGP^PI~X110423817^^^GKV^MB', 5: 'Weiß^Hans-Jürgen^Konrad^^^^L', 7: '19910314',
         8: 'M', 11: 'Florastraße 17^^Berlin^^13187^DEU^H', 13: '^PRN^CP^^49^151^23456789',
         15: 'de^Deutsch^ISO639', 16: 'S^Single^HL70002'}
SCHROEDER = {1: '1', 3: 'KG4000102^^^KGP^PI~A440612953^^^GKV^MB', 5: 'Schröder^Ingeborg^Käthe^^^^L',
             7: '19430607', 8: 'F', 11: 'Kastanienallee 4^^Berlin^^10435^DEU^H', 13: '^PRN^PH^^49^30^4481177',
             16: 'W^Widowed^HL70002'}
# an Austrian patient: Viennese home address, a Berlin stay address, the Austrian social-insurance number
GROSSAUER = {1: '1', 3: 'KG4000103^^^KGP^PI~4711210988^^^SVAT^SS', 5: 'Großauer^Lukas^Maximilian^^^^L',
             7: '19880921', 8: 'M',
             11: 'Mariahilfer Straße 88/3/12^^Wien^^1070^AUT^H~Gleimstraße 50^^Berlin^^10437^DEU^C',
             13: '^PRN^CP^^43^664^5512870'}

PSY_ATT = '4071122^Bäumler^Friederike^^^Dr. med.^^^KGP'
GER_ATT = '4071388^Kühn-Ostrowski^Matthias^^^Dr. med.^^^KGP'
NURSE = '4090215^Jäger^Tobias^^^^^^KGP'
NURSE2 = '4090377^Lindqvist-Möller^Anneliese^^^^^^KGP'
PHARM = '4080011^Eßer^Gregor^^^^^^KGP'


def adt(app, t, ctl, evt, struct, evn2, v, charset='UNICODE UTF-8', evn=None):
    e = {1: evt, 2: evn2, 5: 'REG4010^Wöhrle^Claudia'}
    e.update(evn or {})
    if v >= '2.5':
        e.pop(1)
    return [msh(app, t, ctl, f'ADT^{evt}^{struct}', v, charset=charset), seg('EVN', e)]


def pv1_p1(extra=None):
    f = {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP^^^^^Station P1', 4: 'E^Emergency^HL70007', 7: PSY_ATT, 10: 'PSY',
         19: 'KGV4000101^^^KGP^VN', 44: '20271028231500'}
    f.update(extra or {})
    return seg('PV1', f)


def pv1_p3(extra=None):
    f = {1: '1', 2: 'I', 3: 'PSY3^Z07^2^KGP', 4: 'R^Routine^HL70007', 7: PSY_ATT, 10: 'PSY',
         19: 'KGV4000301^^^KGP^VN', 44: '20271011093000+0200'}
    f.update(extra or {})
    return seg('PV1', f)


# 01 PATREG: involuntary admission of Hans-Jürgen Weiß, brought in by police at 23:15 (CEST), PsychKG placement
M['01-adt-a01-involuntary-admission-weiss'] = adt('PATREG', '20271028234000+0200', 'PR4000001', 'A01', 'ADT_A01',
                                                  '20271028233800', '2.6', evn={6: '20271028231500'}) + [
    seg('PID', WEISS),
    seg('NK1', {1: '1', 2: 'Öztürk-Lindner^Sabine^^^^^L', 3: 'GRD^Guardian^HL70063',
                4: 'Schönhauser Allee 120^^Berlin^^10437^DEU^O', 6: '^WPN^PH^^49^30^44019922',
                7: 'C^Emergency Contact^HL70131'}),
    pv1_p1({14: '7^Notaufnahme^L'}),
    seg('PV2', {3: 'UNTBR^Sofortige Unterbringung nach § 26 PsychKG Berlin^99KGP',
                12: 'Unterbringung gegen den Willen; richterliche Anhörung beantragt', 22: 'Y',
                25: '1^Emergency^HL70217', 38: 'O^Other^HL70430', 40: 'AC^Acute^HL70432'}),
    seg('DG1', {1: '1', 3: 'F20.0^Paranoide Schizophrenie^I10', 6: 'A'}),
]

LAB_PANEL = 'CLOZMON^Clozapin-Monitoring^99KGP'


def lab(t, ctl, plac, fill, when, recv, status, obx, panel=LAB_PANEL, notes=()):
    out = [
        msh('LABOSYS', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
        seg('PID', WEISS),
        seg('PV1', {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN'}),
        seg('ORC', {1: 'RE', 2: f'{plac}^KIS', 3: f'{fill}^LABOSYS', 12: PSY_ATT}),
        seg('OBR', {1: '1', 2: f'{plac}^KIS', 3: f'{fill}^LABOSYS', 4: panel, 7: when, 16: PSY_ATT, 22: recv,
                    24: 'CH', 25: status}),
    ]
    for i, (code, vt, val, unit, rng, flag, st) in enumerate(obx, 1):
        out.append(seg('OBX', {1: str(i), 2: vt, 3: code, 5: val, 6: unit, 7: rng, 8: flag, 11: st, 14: when,
                               19: recv}))
    for n in notes:
        out.append(seg('NTE', {1: '1', 2: 'L', 3: n}))
    out.append(seg('SPM', {1: '1', 2: f'^{fill}-S&LABOSYS', 4: 'BLD^Whole blood^HL70487', 17: when}))
    return out


G_L = '10*9/L^10*9/L^UCUM'
WBC = '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN'
ANC = '751-8^Neutrophils [#/volume] in Blood by Automated count^LN'
# 02 LABOSYS: clozapine baseline before the first dose
M['02-oru-r01-clozapine-baseline-weiss'] = lab(
    '20271029084500+0200', 'LS4000002', 'LB40-0201', 'LB40-8201', '20271029063000+0200', '20271029084000+0200', 'F', [
        (WBC, 'NM', '7.8', G_L, '4.0-10.0', 'N', 'F'),
        (ANC, 'NM', '4.9', G_L, '1.8-7.7', 'N', 'F'),
        ('67151-1^Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method^LN', 'NM', '6',
         'ng/L^ng/L^UCUM', '<14', 'N', 'F'),
        ('1988-5^C reactive protein [Mass/volume] in Serum or Plasma^LN', 'NM', '2.1', 'mg/L^mg/L^UCUM', '<5', 'N', 'F'),
    ])

CLOZ = '04523871^Clozapin 25 mg Tabletten^PZN'
# 03 APOTHEKA: clozapine titration order, 12.5 mg at 20:00 from 29 October
M['03-rde-o11-clozapine-titration-weiss'] = [
    msh('APOTHEKA', '20271029091000+0200', 'AP4000003', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', WEISS),
    seg('PV1', {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN'}),
    seg('ORC', {1: 'NW', 2: 'RX40-0301^KIS', 3: 'RX40-9301^APOTHEKA', 5: 'IP', 9: '20271029090500+0200', 12: PSY_ATT}),
    seg('TQ1', {1: '1', 2: '12.5&mg&UCUM', 3: 'QD^Einmal täglich^HL70335', 4: '2000', 7: '20271029200000+0200',
                9: 'R^Routine^HL70485'}),
    seg('RXE', {2: CLOZ, 3: '12.5', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablette^L', 10: '7', 11: 'TAB^Tablette^L',
                21: 'Aufdosierung nach Schema; ANC wöchentlich (18 Wochen)'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
]

# 04 PATREG: Ingeborg Schröder, day-clinic patient (visit KGV4000201), made inpatient on GER2 (A06)
M['04-adt-a06-day-clinic-to-inpatient-schroeder'] = adt('PATREG', '20271029101500+0200', 'PR4000004', 'A06',
                                                       'ADT_A06', '20271029101000', '2.6') + [
    seg('PID', SCHROEDER),
    seg('MRG', {1: 'KG4000102^^^KGP^PI', 5: 'KGV4000201^^^KGP^VN'}),
    seg('NK1', {1: '1', 2: 'Schröder^Jürgen^^^^^L', 3: 'SON^Son^HL70063', 5: '^PRN^CP^^49^172^9081123'}),
    seg('PV1', {1: '1', 2: 'I', 3: 'GER2^Z04^2^KGP', 4: 'U^Urgent^HL70007', 7: GER_ATT, 10: 'GER',
                19: 'KGV4000202^^^KGP^VN', 44: '20271029101000'}),
    seg('DG1', {1: '1', 3: 'F33.2^Rezidivierende depressive Störung, schwere Episode^I10', 6: 'A'}),
]

# 05 APOTHEKA: clozapine dispensed (7 tablets)
M['05-rds-o13-clozapine-dispense-weiss'] = [
    msh('APOTHEKA', '20271029113000+0200', 'AP4000005', 'RDS^O13^RDS_O13', '2.5'),
    seg('PID', WEISS),
    seg('PV1', {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN'}),
    seg('ORC', {1: 'RE', 2: 'RX40-0301^KIS', 3: 'RX40-9301^APOTHEKA', 5: 'IP', 12: PSY_ATT}),
    seg('RXE', {2: CLOZ, 3: '12.5', 5: 'mg^milligram^UCUM', 6: 'TAB^Tablette^L', 10: '7', 11: 'TAB^Tablette^L'}),
    seg('RXR', {1: 'PO^Oral^HL70162'}),
    seg('RXD', {1: '1', 2: CLOZ, 3: '20271029112500+0200', 4: '7', 5: 'TAB^Tablette^L', 7: 'RX40-D0501',
                10: PHARM, 15: 'CL27K441', 16: '20290531'}),
]

PROB_SCZ = 'F20.0^Paranoide Schizophrenie^I10'
PROB_AGIT = 'R45.1^Ruhelosigkeit und Erregung^I10'
PROB_NONAD = 'Z91.1^Nichtbefolgung ärztlicher Anordnungen^I10'


def ppr(t, ctl, evt, prbs):
    out = [msh('PSYDOK', t, ctl, f'PPR^{evt}^PPR_PC1', '2.7'),
           seg('PID', WEISS),
           seg('PV1', {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN'})]
    for p in prbs:
        out.append(seg('PRB', p))
    return out


# 06 PSYDOK: problem list added (PC1): schizophrenia, agitation, non-adherence
M['06-ppr-pc1-problems-added-weiss'] = ppr('20271029140000+0200', 'PD4000006', 'PC1', [
    {1: 'AD', 2: '20271029135500+0200', 3: PROB_SCZ, 4: 'PR40-01^PSYDOK', 7: '20271029', 10: 'DX^Diagnose^L',
     13: 'C^Confirmed^HL70839', 14: 'A^Active^L', 16: '2019'},
    {1: 'AD', 2: '20271029135500+0200', 3: PROB_AGIT, 4: 'PR40-02^PSYDOK', 7: '20271029', 10: 'SY^Symptom^L',
     13: 'C^Confirmed^HL70839', 14: 'A^Active^L', 16: '20271028'},
    {1: 'AD', 2: '20271029135500+0200', 3: PROB_NONAD, 4: 'PR40-03^PSYDOK', 7: '20271029', 10: 'DX^Diagnose^L',
     13: 'P^Provisional^HL70839', 14: 'A^Active^L', 16: '202709'},
])

ASSESS = [
    'Psychiatrischer Aufnahmebefund vom 29.10.2027.',
    'Pat. am 28.10.2027 um 23:15 Uhr durch die Polizei gebracht; sofortige Unterbringung nach § 26 PsychKG.',
    'Wach, allseits orientiert; formales Denken zerfahren, Verfolgungswahn (Nachbarn), akustische Halluzinationen.',
    'Keine akute Suizidalität; Fremdgefährdung (Drohungen gegenüber Nachbarn). Krankheitseinsicht fehlt.',
    'Procedere: Clozapin-Aufdosierung, wöchentliche Blutbildkontrollen, richterliche Anhörung am 01.11.2027.',
]
ASSESS_TYPE = 'AUFB^Psychiatrischer Aufnahmebefund^99KGP'


def mdm(t, ctl, evt, txa, lines):
    return [msh('PSYDOK', t, ctl, f'MDM^{evt}^MDM_T02', '2.7'),
            seg('EVN', {2: t}),
            seg('PID', WEISS),
            seg('PV1', {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN'}),
            seg('TXA', txa)] + [seg('OBX', {1: str(i), 2: 'TX', 3: ASSESS_TYPE, 4: '1', 5: line, 11: 'F'})
                                for i, line in enumerate(lines, 1)]


# 07 PSYDOK: psychiatric admission assessment (T02), very restricted, documented but not yet signed
M['07-mdm-t02-psychiatric-assessment-weiss'] = mdm('20271029163000+0200', 'PD4000007', 'T02', {
    1: '1', 2: ASSESS_TYPE, 3: 'TX', 4: '20271029160000+0200', 5: PSY_ATT, 6: '20271029162500+0200',
    12: 'DOC40-0701^PSYDOK', 17: 'DO^Documented^HL70271', 18: 'V^Very restricted^HL70272', 19: 'AV'}, ASSESS)


def station(t, ctl, evt, struct, evn2, pv1=None, pv2=None, evn=None):
    segs = adt('STATIONSDOK', t, ctl, evt, struct, evn2, '2.5', charset='8859/1', evn=evn) + [
        seg('PID', GROSSAUER), pv1_p3(pv1)]
    if pv2:
        segs.append(seg('PV2', pv2))
    return segs


# 08 STATIONSDOK (8859/1): Lukas Großauer goes on evening leave (A21), expected back at 22:00
M['08-adt-a21-leave-out-grossauer'] = station('20271029170500+0200', 'SD4000008', 'A21', 'ADT_A21',
                                              '20271029170000', pv2={47: '20271029220000'},
                                              evn={6: '20271029170000'})
LATIN1.add('08-adt-a21-leave-out-grossauer')
# 09 STATIONSDOK: the leave cancelled (A52): he did not leave, reassessed by the ward doctor
M['09-adt-a52-cancel-leave-grossauer'] = station('20271029174000+0200', 'SD4000009', 'A52', 'ADT_A52',
                                                 '20271029173500')
LATIN1.add('09-adt-a52-cancel-leave-grossauer')


def ras(t, ctl, pid, pv1, orc, rxa, rxr=None):
    segs = [msh('MEDIKURVE', t, ctl, 'RAS^O17^RAS_O17', '2.5', charset=''),
            seg('PID', pid), seg('PV1', pv1), seg('ORC', orc), seg('RXA', rxa)]
    if rxr:
        segs.append(seg('RXR', rxr))
    return segs


PV1_P1_SHORT = {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN'}
# 10 MEDIKURVE (bare times): first clozapine dose given 20:05
M['10-ras-o17-clozapine-given-weiss'] = ras(
    '20271029201000', 'MK4000010', WEISS, PV1_P1_SHORT,
    {1: 'SC', 2: 'RX40-0301^KIS', 3: 'RX40-9301^APOTHEKA', 5: 'IP', 12: PSY_ATT},
    {1: '0', 2: '1', 3: '20271029200500', 4: '20271029200500', 5: CLOZ, 6: '12.5', 7: 'mg^milligram^UCUM',
     10: NURSE, 20: 'CP', 21: 'A'}, {1: 'PO^Oral^HL70162'})

# 11 STATIONSDOK: the next leave (A21), a day and a night at his sister's, back Sunday 18:00 (after the change)
M['11-adt-a21-weekend-leave-grossauer'] = station('20271030100500+0200', 'SD4000011', 'A21', 'ADT_A21',
                                                  '20271030100000', pv2={47: '20271031180000'},
                                                  evn={6: '20271030100000'})
LATIN1.add('11-adt-a21-weekend-leave-grossauer')

# 12 MEDIKURVE: the evening clozapine dose (25 mg, day 2) refused (RXA-20 RE, RXA-18 the reason)
M['12-ras-o17-clozapine-refused-weiss'] = ras(
    '20271030201500', 'MK4000012', WEISS, PV1_P1_SHORT,
    {1: 'SC', 2: 'RX40-0301^KIS', 3: 'RX40-9301^APOTHEKA', 5: 'IP', 12: PSY_ATT},
    {1: '0', 2: '1', 3: '20271030201000', 4: '20271030201000', 5: CLOZ, 6: '25', 7: 'mg^milligram^UCUM',
     10: NURSE2, 18: 'VERW^Einnahme verweigert^99KGP', 20: 'RE', 21: 'A'}, {1: 'PO^Oral^HL70162'})

# 13 MEDIKURVE: PRN lorazepam 1 mg at 02:35 in the night of the change (first pass, CEST: the e-MAR's clock,
# sent 02:52, still CEST; the clocks went back at 03:00)
M['13-ras-o17-prn-lorazepam-repeated-hour-weiss'] = ras(
    '20271031025200', 'MK4000013', WEISS, PV1_P1_SHORT,
    {1: 'SC', 2: 'RX40-0312^KIS', 3: 'RX40-9312^APOTHEKA', 5: 'IP', 12: PSY_ATT},
    {1: '0', 2: '1', 3: '20271031023500', 4: '20271031023500', 5: '03817245^Lorazepam 1 mg Tabletten^PZN',
     6: '1', 7: 'mg^milligram^UCUM', 10: NURSE2, 19: 'R45.1^Ruhelosigkeit und Erregung^I10', 20: 'CP', 21: 'A'},
    {1: 'PO^Oral^HL70162'})

# 14 STATIONSDOK: Großauer back early from leave at 02:20 CET (second pass), brought by his sister (A22)
M['14-adt-a22-early-return-repeated-hour-grossauer'] = station(
    '20271031022600+0100', 'SD4000014', 'A22', 'ADT_A21', '20271031022000', evn={6: '20271031022000'})
LATIN1.add('14-adt-a22-early-return-repeated-hour-grossauer')

CLOZ_LVL = '6896-5^Clozapine [Mass/volume] in Serum or Plasma^LN'
NORCLOZ = 'NCLOZ^Norclozapin [Masse/Vol] im Serum^99KGP'
RATIO = 'CLZRAT^Clozapin/Norclozapin-Quotient^99KGP'


def level(t, ctl, status, cloz, flag, cstat, notes=()):
    return lab(t, ctl, 'LB40-1501', 'LB40-8515', '20271031070500+0100', t, status, [
        (CLOZ_LVL, 'NM', cloz, 'ng/mL^ng/mL^UCUM', '350-600', flag, cstat),
        (NORCLOZ, 'NM', '310', 'ng/mL^ng/mL^UCUM', '', '', 'F'),
        (RATIO, 'NM', '2.3' if cloz == '720' else '1.7', '', '1.3-2.0', 'H' if cloz == '720' else 'N', cstat),
        (ANC, 'NM', '1.7', G_L, '1.8-7.7', 'L', 'F'),
    ], panel='CLOZSP^Clozapin-Spiegel mit Blutbild^99KGP', notes=notes)


# 15 LABOSYS: clozapine level 720 H (and ratio H), ANC 1.7 L
M['15-oru-r01-clozapine-level-high-weiss'] = level('20271031112000+0100', 'LS4000015', 'F', '720', 'H', 'F',
                                                   ['ANC erniedrigt: Kontrolle in 3 Tagen.'])
# 16 LABOSYS: corrected: the level was a dilution error, 520 (normal); OBX-11 C on the corrected rows, OBR-25 C
M['16-oru-r01-clozapine-level-corrected-weiss'] = level('20271031150500+0100', 'LS4000016', 'C', '520', 'N', 'C',
                                                        ['Korrigierter Befund: Verdünnungsfehler, Clozapin 520 ng/mL.'])

DEPOT = '08729214^Paliperidonpalmitat 150 mg Depot-Injektionssuspension^PZN'
# 17 APOTHEKA: Großauer's monthly depot (paliperidone palmitate 150 mg IM)
M['17-rde-o11-paliperidone-depot-grossauer'] = [
    msh('APOTHEKA', '20271101090000+0100', 'AP4000017', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', GROSSAUER),
    seg('PV1', {1: '1', 2: 'I', 3: 'PSY3^Z07^2^KGP', 7: PSY_ATT, 19: 'KGV4000301^^^KGP^VN'}),
    seg('ORC', {1: 'NW', 2: 'RX40-1701^KIS', 3: 'RX40-9317^APOTHEKA', 5: 'IP', 9: '20271101085500+0100', 12: PSY_ATT}),
    seg('TQ1', {1: '1', 2: '150&mg&UCUM', 3: 'Q4W^Alle 4 Wochen^L', 7: '20271101100000+0100', 9: 'R^Routine^HL70485'}),
    seg('RXE', {2: DEPOT, 3: '150', 5: 'mg^milligram^UCUM', 6: 'SUSP^Depot-Injektionssuspension^L', 10: '1',
                11: 'PFS^Fertigspritze^L'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LD^Left deltoid^HL70163'}),
]

# 18 MEDIKURVE (bare): depot given 10:25, lot and expiry
M['18-ras-o17-paliperidone-depot-given-grossauer'] = ras(
    '20271101103000', 'MK4000018', GROSSAUER, {1: '1', 2: 'I', 3: 'PSY3^Z07^2^KGP', 7: PSY_ATT, 19: 'KGV4000301^^^KGP^VN'},
    {1: 'SC', 2: 'RX40-1701^KIS', 3: 'RX40-9317^APOTHEKA', 5: 'CM', 12: PSY_ATT},
    {1: '0', 2: '1', 3: '20271101102500', 4: '20271101102500', 5: DEPOT, 6: '150', 7: 'mg^milligram^UCUM',
     10: NURSE, 15: 'XP27A113', 16: '20290331', 17: 'JCG^Janssen-Cilag GmbH^99KGP', 20: 'CP', 21: 'A'},
    {1: 'IM^Intramuscular^HL70162', 2: 'LD^Left deltoid^HL70163'})

# 19 PATREG: Schröder transferred to the long-term-care unit (A02); PV1-44 the stay's start, bare, before the change
M['19-adt-a02-transfer-to-ltc-schroeder'] = adt('PATREG', '20271101140500+0100', 'PR4000019', 'A02', 'ADT_A02',
                                                '20271101140000', '2.6', evn={4: 'PFL^Verlegung Pflegeeinheit^L'}) + [
    seg('PID', SCHROEDER),
    seg('PV1', {1: '1', 2: 'I', 3: 'PZG^W3-12^1^KGP^^^^^Pflegezentrum Grünewald', 4: 'U^Urgent^HL70007',
                6: 'GER2^Z04^2^KGP', 7: GER_ATT, 10: 'LTC', 19: 'KGV4000202^^^KGP^VN', 44: '20271029101000'}),
]

# 20 PSYDOK: problem list update (PC2): schizophrenia unchanged but onset corrected, agitation resolved
M['20-ppr-pc2-problems-updated-resolved-weiss'] = ppr('20271102093000+0100', 'PD4000020', 'PC2', [
    {1: 'UP', 2: '20271102092500+0100', 3: PROB_SCZ, 4: 'PR40-01^PSYDOK', 7: '20271029', 10: 'DX^Diagnose^L',
     13: 'C^Confirmed^HL70839', 14: 'A^Active^L', 16: '2018'},
    {1: 'UP', 2: '20271102092500+0100', 3: PROB_AGIT, 4: 'PR40-02^PSYDOK', 7: '20271029', 9: '20271101',
     10: 'SY^Symptom^L', 13: 'C^Confirmed^HL70839', 14: 'R^Resolved^L', 16: '20271028'},
])

# 21 PSYDOK: the assessment authenticated (T04, TXA-17 AU) with the consultant's addendum
M['21-mdm-t04-assessment-authenticated-addendum-weiss'] = mdm('20271102111500+0100', 'PD4000021', 'T04', {
    1: '1', 2: ASSESS_TYPE, 3: 'TX', 4: '20271029160000+0200', 5: PSY_ATT, 6: '20271029162500+0200',
    12: 'DOC40-0701^PSYDOK', 17: 'AU^Authenticated^HL70271', 18: 'V^Very restricted^HL70272', 19: 'AV',
    22: '4071001^Großmann-Ibe^Ulrike^^^Prof. Dr. med.^^^KGP^^^^^^20271102111000+0100'},
    ASSESS + ['Nachtrag 02.11.2027 (Prof. Großmann-Ibe): richterlicher Beschluss vom 01.11.2027, Unterbringung '
              'für 6 Wochen genehmigt. Clozapin-Spiegel korrigiert (520 ng/mL), ANC 1,7 G/l: Kontrolle 03.11.'])

# 22 ENTLASSMGMT: referral to the community mental-health service (Sozialpsychiatrischer Dienst Pankow)
M['22-ref-i12-community-mental-health-weiss'] = [
    msh('ENTLASSMGMT', '20271103101000+0100', 'EM4000022', 'REF^I12^REF_I12', '2.8'),
    seg('RF1', {1: 'P^Pending^HL70283', 2: 'R^Routine^HL70280', 3: 'Psy^Psychiatric^HL70281',
                5: 'O^Outpatient^HL70284', 6: 'RF40-2201^KGP', 7: '20271103100500+0100',
                10: 'O^Provider Ordered^HL70336'}),
    seg('PRD', {1: 'RP^Referring Provider^HL70286', 2: 'Bäumler^Friederike^^^Dr. med.',
                3: 'Am Grünewald 1^^Berlin^^14193^DEU^O', 7: '4071122^^^KGP'}),
    seg('PRD', {1: 'RT^Referred to Provider^HL70286', 2: 'Sozialpsychiatrischer Dienst Pankow',
                3: 'Grunowstraße 8-11^^Berlin^^13187^DEU^O', 5: '^WPN^PH^^49^30^902956000', 7: 'SPD-PANKOW^^^BA-PANKOW'}),
    seg('PID', WEISS),
    seg('DG1', {1: '1', 3: PROB_SCZ, 6: 'F'}),
    seg('PV1', {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Bitte Kontaktaufnahme vor Entlassung; Betreuerin Frau Öztürk-Lindner informiert.'}),
]

# 23 PATREG: Schröder from the LTC unit to day care (A07, inpatient -> outpatient), new visit, MRG-5 the LTC stay
M['23-adt-a07-ltc-to-day-care-schroeder'] = adt('PATREG', '20271103133000+0100', 'PR4000023', 'A07', 'ADT_A06',
                                               '20271103132500', '2.6') + [
    seg('PID', SCHROEDER),
    seg('MRG', {1: 'KG4000102^^^KGP^PI', 5: 'KGV4000202^^^KGP^VN'}),
    seg('PV1', {1: '1', 2: 'O', 3: 'TPF^^^KGP^^^^^Tagespflege', 4: 'R^Routine^HL70007', 7: GER_ATT, 10: 'GER',
                19: 'KGV4000203^^^KGP^VN', 44: '20271103132500'}),
]

# 24 FAKTURA (v2.3): PEPP per-diem charges for Weiß's first days, the PRN dose at 02:35 of 31 October
PEPP = 'PA04A^Psychotische, affektive Störungen, ohne komplizierende Konstellation^PEPP'


def ft1(n, when, code, qty):
    return seg('FT1', {1: str(n), 2: f'FK40-24{n:02d}', 4: when, 6: 'CG^Charge^HL70017', 7: code, 10: qty,
                       13: 'PSY1^Station P1^L', 20: PSY_ATT})


M['24-dft-p03-pepp-charges-weiss'] = [
    msh('FAKTURA', '20271103220000+0100', 'FK4000024', 'DFT^P03', '2.3'),
    seg('EVN', {1: 'P03', 2: '20271103220000'}),
    seg('PID', WEISS),
    seg('PV1', {1: '1', 2: 'I', 3: 'PSY1^Z12^1^KGP', 7: PSY_ATT, 19: 'KGV4000101^^^KGP^VN', 44: '20271028231500'}),
    ft1(1, '20271028231500', PEPP, '6'),
    ft1(2, '20271031023500', '6-006.2^Lorazepam oral, Bedarfsmedikation^OPS', '1'),
    ft1(3, '20271029200500', '6-003.9^Clozapin oral^OPS', '1'),
    seg('DG1', {1: '1', 3: PROB_SCZ, 6: 'A'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        enc = 'latin-1' if name in LATIN1 else 'utf-8'
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode(enc))
    print(len(M), 'messages in', OUT)
