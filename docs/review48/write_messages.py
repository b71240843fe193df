#!/usr/bin/env python3
r"""Review 48's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the inpatient pharmacy, eMAR, blood bank and admissions feeds of a US academic hospital, all on ONE channel
whose zone is America/New_York, across the fall-back of Sunday 3 November 2030 (02:00 EDT -> 01:00 EST: the clock
time 01:00-01:59 happens twice, first at -04:00, then at -05:00). Wexcombe University Hospital (WUH, invented).
- admissions "WUHADT" (ADT v2.5.1, MSH-7 WITH offset): A01 post-op admit with AL1, A01 GI-bleed admit with a weight
  OBX, A08 weight + allergy-list update (AL1 x2) of a patient admitted before the sample, A03 discharge;
- pharmacy information system "WUHRX" (RDE^O11 / RDS^O13 v2.5, MSH-7 with offset, times inside BARE): NW of an IV
  admixture (RXC base NaCl 0.9% + additive KCl), of a PRN opioid (TQ1-3 Q1H, TQ1-9 PRN, TQ1-10 condition), of a
  weight-based vancomycin (RXE-7 mg/kg, the dosing weight and creatinine in the order's OBSERVATION group); XO dose
  change with ORC-16; DC; ORC-1 CA of an order never dispensed; RDS dispenses naming the order by ORC-3 ALONE;
- eMAR "WUHEMAR" (RAS^O17 v2.5, MSH-7 with offset, bare RXA times): a held dose (RXA-20 NA, RXA-18 reason), a
  partial dose (RXA-20 PA), and two doses of one PRN order given at the same clock time 01:50, once in each pass of
  the repeated hour, each charted in the second pass (MSH-7 -0500): the first charted 15 minutes after it was given
  (at 01:05 EST, 01:50 EDT being 05:50Z), the second 8 minutes after;
- CPOE "WUHCPOE" (ORM^O01 v2.5.1 blood-bank orders, MSH-7 with offset): type & screen; crossmatch + transfuse 2
  units RBC in one message sent in the FIRST pass (01:12-0400) with bare ORC-9 / ORC-7 times; a CA of the transfusion;
- blood bank LIS "WUHBB" (ORU^R01 v2.5.1 with SPM): ABO/Rh + antibody screen, crossmatch compatible (two units,
  specimen drawn 01:35 EDT and received 01:39 EDT, both bare, reported 01:20 EST with its offset), the ABO/Rh corrected (OBR-25 C, OBX-11 C);
- immunization module "WUHIMM" (VXU^V04 v2.5.1, CDC IIS IG habits): influenza given with VIS OBX, PCV20 refused
  (RXA-18 NIP002, RXA-20 RE, ORC-3 9999).
Patients, numbers (WUH48..., WUHV48..., RX48-, PH48-, CP48-, BB48-, W48 units), names none of reviews 16-47's
(grepped). Fields placed by number. All persons, numbers and codes of the hospital are invented.
Run from the worktree root (convert with --timezone America/New_York, the channel's zone):
    python3 docs/review48/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review48/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, extra=None):
    f = {3: app, 4: 'WUH', 5: 'HIG', 6: 'WUH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


# ---- patients ----
PHILIPPA = {1: '1', 3: 'WUH4810001^^^WUH^MR~480-55-0101^^^SSA^SS', 5: 'ESTABROOK-IGWEBUIKE^PHILIPPA^N^^^^L',
            7: '19560214', 8: 'F', 10: '2054-5^Black or African American^CDCREC',
            11: '41 Pemberton Ter^Apt 3^Somerville^MA^02143^USA^H', 13: '^PRN^PH^^1^617^5550148',
            15: 'eng^English^ISO639', 16: 'W^Widowed^HL70002', 18: 'WUHA4810001^^^WUH^AN'}
IGNATIUS = {1: '1', 3: 'WUH4810002^^^WUH^MR', 5: 'PRZYBYLO^IGNATIUS^W^^^^L', 7: '19490830', 8: 'M',
            10: '2106-3^White^CDCREC', 11: '7 Quarry Hill Rd^^Quincy^MA^02169^USA^H', 13: '^PRN^PH^^1^617^5550177',
            18: 'WUHA4810002^^^WUH^AN'}
LINNEA = {1: '1', 3: 'WUH4810003^^^WUH^MR', 5: 'DURRANT^LINNEA^S^^^^L', 7: '19830509', 8: 'F',
          10: '2106-3^White^CDCREC', 11: '210 Harrow St^^Medford^MA^02155^USA^H',
          13: '^PRN^CP^^1^781^5550123~^NET^Internet^linnea.d@example.com', 18: 'WUHA4810003^^^WUH^AN'}
# ---- practitioners (NPI) ----
HOSPITALIST = '1480000011^STRAUCHMANN^HELGA^M^^^MD^^NPI^L^^^NPI'
SURGEON = '1480000029^OGUNBANJO^TOBI^^^^MD^^NPI^L^^^NPI'
ID_DOC = '1480000037^ARCENEAUX^DOMINIC^^^^MD^^NPI^L^^^NPI'
PHARMACIST = 'PH4801^PIETRZAK^ROSE^^^^PharmD^^WUH^L^^^EI'
RN_NIGHT = 'RN4811^QUILLIGAN^MAEVE^^^^RN^^WUH^L^^^EI'
RN_DAY = 'RN4812^ZAWADZKI^TOMASZ^^^^RN^^WUH^L^^^EI'
BB_TECH = 'BB4803^BOAKYE^ESI^^^^MLS^^WUH^L^^^EI'
BB_MD = '1480000045^TREMBLAY-ONYANGO^CLAIRE^^^^MD^^NPI^L^^^NPI'


def pv1(cls, loc, visit, doc, start, service='MED', extra=None):
    f = {1: '1', 2: cls, 3: loc, 7: doc, 10: service, 19: f'{visit}^^^WUH^VN', 44: start}
    f.update(extra or {})
    return seg('PV1', f)


PH_PV1 = lambda **k: pv1('I', '7W^712^1^WUH^^^^^7 West', 'WUHV4810001', HOSPITALIST, '20301101212500', **k)  # noqa: E731
IG_PV1 = lambda **k: pv1('I', '5E^508^2^WUH^^^^^5 East', 'WUHV4810002', ID_DOC, '20301031153000', **k)  # noqa: E731
LI_PV1 = lambda **k: pv1('I', '9S^921^1^WUH^^^^^9 South Surgery', 'WUHV4810003', SURGEON, '20301101154000', 'SUR', **k)  # noqa: E731

# ---- drugs (local formulary code, RxNorm ingredient where the formulary carries one) ----
NS1000 = 'F10021^Sodium chloride 0.9% 1000 mL bag^WUHRX^9863^Sodium Chloride^RXNORM'
KCL = 'F20417^Potassium chloride 2 mEq/mL inj^WUHRX^8591^Potassium Chloride^RXNORM'
IVMIX = 'MIX0042^NaCl 0.9% 1000 mL + KCl 20 mEq^WUHRX'
HYDRO = 'F30118^Hydromorphone 1 mg/mL inj^WUHRX^3423^Hydromorphone^RXNORM'
ONDAN = 'F30552^Ondansetron 2 mg/mL inj^WUHRX^26225^Ondansetron^RXNORM'
VANCO = 'F40733^Vancomycin 1 g vial^WUHRX^11124^Vancomycin^RXNORM'
IV = 'IV^Intravenous^HL70162'
IVP = 'IVP^IV push^HL70165'
IVPB = 'IVPB^IV piggyback^HL70165'


def rde(t, ctl, pid, pv, orc, rxe, tq1s, rxrs, rxcs=(), obxs=(), rxo=None, v='2.5'):
    out = [msh('WUHRX', t, ctl, 'RDE^O11^RDE_O11', v), seg('PID', pid), pv, seg('ORC', orc)]
    if rxo:
        out += rxo
    out.append(seg('RXE', rxe))
    out += [seg('TQ1', q) for q in tq1s]
    out += [seg('RXR', r) for r in rxrs]
    out += [seg('RXC', c) for c in rxcs]
    out += list(obxs)
    return out


def rds(t, ctl, pid, pv, fill, ordered, orderer, rxd, rxrs, rxcs=(), status='IP'):
    return [msh('WUHRX', t, ctl, 'RDS^O13^RDS_O13', '2.5'), seg('PID', pid), pv,
            seg('ORC', {1: 'RE', 3: f'{fill}^WUHRX', 5: status, 9: ordered, 12: orderer}),
            seg('RXD', rxd)] + [seg('RXR', r) for r in rxrs] + [seg('RXC', c) for c in rxcs]


def ras(t, ctl, pid, pv, plac, fill, when, rxa, rxrs, obxs=(), status='IP'):
    return [msh('WUHEMAR', t, ctl, 'RAS^O17^RAS_O17', '2.5'), seg('PID', pid), pv,
            seg('ORC', {1: 'RE', 2: f'{plac}^WUHCPOE', 3: f'{fill}^WUHRX', 5: status, 9: when}),
            seg('RXA', rxa)] + [seg('RXR', r) for r in rxrs] + list(obxs)


def adt(trig, struct, t, ctl, evt, pid, pv, extra=()):
    return [msh('WUHADT', t, ctl, f'ADT^{trig}^{struct}', '2.5.1'),
            seg('EVN', {1: trig, 2: evt, 6: evt}), seg('PID', pid), pv] + list(extra)


def bb_orm(t, ctl, pid, pv, orders):
    out = [msh('WUHCPOE', t, ctl, 'ORM^O01^ORM_O01', '2.5.1'), seg('PID', pid), pv]
    for o in orders:
        out += o
    return out


def bb_order(ctl, plac, code, tq, when, orderer, status='', fill='', reason='', i=1, dg1=None, obxs=(), note=''):
    orc = {1: ctl, 2: f'{plac}^WUHCPOE', 5: status, 7: tq, 9: when, 10: RN_NIGHT if ctl == 'NW' else '', 12: orderer,
           21: 'Wexcombe University Hospital^L^^^^WUH^XX^^^48'}
    if fill:
        orc[3] = f'{fill}^WUHBB'
    if reason:
        orc[16] = reason
    obr = {1: str(i), 2: f'{plac}^WUHCPOE', 4: code, 16: orderer, 27: tq}
    if fill:
        obr[3] = f'{fill}^WUHBB'
    out = [seg('ORC', {k: v for k, v in orc.items() if v != ''}), seg('OBR', obr)]
    if note:
        out.append(seg('NTE', {1: '1', 2: 'P', 3: note}))
    if dg1:
        out.append(seg('DG1', dg1))
    out += list(obxs)
    return out


def bb_oru(t, ctl, pid, pv, plac, fill, code, collected, reported, status, obxs, spm_type, received):
    return [msh('WUHBB', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'), seg('PID', pid), pv,
            seg('ORC', {1: 'RE', 2: f'{plac}^WUHCPOE', 3: f'{fill}^WUHBB', 5: 'CM', 12: HOSPITALIST}),
            seg('OBR', {1: '1', 2: f'{plac}^WUHCPOE', 3: f'{fill}^WUHBB', 4: code, 7: collected, 16: HOSPITALIST,
                        22: reported, 24: 'BB', 25: status, 32: f'{BB_MD.split("^")[0]}&TREMBLAY-ONYANGO&CLAIRE'})] + obxs + [
            seg('SPM', {1: '1', 2: f'{fill}-S^WUHBB', 4: spm_type, 17: collected, 18: received})]


M = {}
# 01 A01 Linnea Durrant, post-op (laparoscopic cholecystectomy converted to open), AL1 codeine
M['01-adt-a01-postop'] = adt('A01', 'ADT_A01', '20301101162410-0400', 'WA4801', '20301101162000', LINNEA,
                             LI_PV1(extra={4: 'R', 14: '7', 36: ''}),
                             [seg('PV2', {3: 'K80.10^Calculus of gallbladder with chronic cholecystitis^I10'}),
                              seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '2670^Codeine^RXNORM',
                                          4: 'MI^Mild^HL70128', 5: 'Nausea and vomiting', 6: '20190312'}),
                              seg('DG1', {1: '1', 3: 'K80.10^Calculus of gallbladder with chronic cholecystitis^I10',
                                          6: 'A'})])
# 02 A01 Philippa Estabrook-Igwebuike, GI bleed from the ED, weight OBX
M['02-adt-a01-gibleed'] = adt('A01', 'ADT_A01', '20301101214502-0400', 'WA4802', '20301101212500', PHILIPPA,
                              PH_PV1(extra={4: 'E', 14: '7'}),
                              [seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '68.4',
                                           6: 'kg^kilogram^UCUM', 11: 'F', 14: '20301101195000'}),
                               seg('OBX', {1: '2', 2: 'NM', 3: '8302-2^Body height^LN', 5: '163',
                                           6: 'cm^centimeter^UCUM', 11: 'F', 14: '20301101195000'}),
                               seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '^No known drug allergies',
                                           4: 'U^Unknown^HL70128'}),
                               seg('DG1', {1: '1', 3: 'K92.2^Gastrointestinal hemorrhage, unspecified^I10', 6: 'A'})])
# 03 RDE NW IV admixture: NaCl 0.9% 1000 mL + KCl 20 mEq at 100 mL/h, continuous
M['03-rde-o11-iv-admixture'] = rde(
    '20301101223012-0400', 'RX4803', PHILIPPA, PH_PV1(),
    {1: 'NW', 2: 'CP48-0301^WUHCPOE', 3: 'RX48-0301^WUHRX', 5: 'IP', 9: '20301101222900', 10: PHARMACIST,
     12: HOSPITALIST, 21: 'Wexcombe University Hospital^L^^^^WUH^XX^^^48'},
    {2: IVMIX, 3: '1000', 5: 'mL^milliliter^UCUM', 6: 'SOLN^Solution^WUHRX', 7: '^Run at 100 mL/h. Hold if K > 5.0',
     10: '1', 11: 'BAG^bag^WUHRX', 15: 'RX48-0301', 21: '^Label: contains KCl 20 mEq. Do not infuse faster than 10 mEq/h',
     23: '100', 24: 'mL/h^milliliter per hour^UCUM'},
    [{1: '1', 3: 'CONT^Continuous^WUHRX', 7: '20301101223000', 9: 'R^Routine^HL70485'}],
    [{1: IV, 4: 'IVCONT^IV continuous infusion^WUHRX'}],
    [{1: 'B', 2: NS1000, 3: '1000', 4: 'mL^milliliter^UCUM'},
     {1: 'A', 2: KCL, 3: '20', 4: 'meq^milliequivalent^UCUM', 5: '2', 6: 'meq/mL^mEq/mL^UCUM'}])
# 04 RDE NW hydromorphone 0.5 mg IV q1h PRN severe pain
M['04-rde-o11-prn-hydromorphone'] = rde(
    '20301101171502-0400', 'RX4804', LINNEA, LI_PV1(),
    {1: 'NW', 2: 'CP48-0401^WUHCPOE', 3: 'RX48-0401^WUHRX', 5: 'IP', 9: '20301101171400', 10: PHARMACIST,
     12: SURGEON},
    {2: HYDRO, 3: '0.5', 5: 'mg^milligram^UCUM', 6: 'INJ^Injection^WUHRX',
     7: '^Give 0.5 mg IV push over 2-3 min. Hold for RASS -2 or lower or RR < 10', 10: '1', 11: 'mL^milliliter^UCUM',
     15: 'RX48-0401', 19: '4^mg&milligram&UCUM'},
    [{1: '1', 3: 'Q1H^Every 1 hour^HL70335', 7: '20301101171500', 8: '20301104171500', 9: 'PRN^As needed^HL70485',
      10: 'for severe pain (7-10)'}],
    [{1: IV, 4: IVP}])
# 05 RDE NW ondansetron 4 mg IV q6h PRN nausea (cancelled at 12, never dispensed)
M['05-rde-o11-prn-ondansetron'] = rde(
    '20301101171630-0400', 'RX4805', LINNEA, LI_PV1(),
    {1: 'NW', 2: 'CP48-0402^WUHCPOE', 3: 'RX48-0402^WUHRX', 5: 'SC', 9: '20301101171600', 10: PHARMACIST,
     12: SURGEON},
    {2: ONDAN, 3: '4', 5: 'mg^milligram^UCUM', 6: 'INJ^Injection^WUHRX', 7: '^Give IV push over 30 seconds',
     10: '2', 11: 'mL^milliliter^UCUM', 15: 'RX48-0402'},
    [{1: '1', 3: 'Q6H^Every 6 hours^HL70335', 7: '20301101171600', 9: 'PRN^As needed^HL70485',
      10: 'for nausea or vomiting'}],
    [{1: IV, 4: IVP}])
# 06 RDS dispense of the admixture, ORC-3 alone
M['06-rds-o13-iv-bag'] = rds(
    '20301101231040-0400', 'RX4806', PHILIPPA, PH_PV1(), 'RX48-0301', '20301101231000', HOSPITALIST,
    {1: '1', 2: IVMIX, 3: '20301101230800', 4: '1', 5: 'BAG^bag^WUHRX', 7: 'RX48-0301-1', 11: 'N',
     10: 'PH4801^PIETRZAK^ROSE', 13: '7W^^^WUH', 18: 'L4823A', 19: '20301108'},
    [{1: IV}],
    [{1: 'B', 2: NS1000, 3: '1000', 4: 'mL^milliliter^UCUM'},
     {1: 'A', 2: KCL, 3: '20', 4: 'meq^milliequivalent^UCUM'}])
# 07 ORM NW type & screen (blood bank)
M['07-orm-o01-type-screen'] = bb_orm('20301102061205-0400', 'CP4807', PHILIPPA, PH_PV1(), [
    bb_order('NW', 'CP48-0701', 'TS^Type and screen^WUHBB^34532-2^Blood type and Indirect antibody screen panel^LN',
             '^^^20301102063000^^R', '20301102061100', HOSPITALIST,
             dg1={1: '1', 3: 'K92.2^Gastrointestinal hemorrhage, unspecified^I10', 6: 'W'})])
# 08 A08 Ignatius Przybylo (admitted 31 October): weight and the reconciled allergy list
M['08-adt-a08-weight-allergies'] = adt('A08', 'ADT_A01', '20301102090318-0400', 'WA4808', '20301102090000', IGNATIUS,
                                       IG_PV1(), [
    seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '83.2', 6: 'kg^kilogram^UCUM', 11: 'F',
                14: '20301102083000'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '70618^Penicillin^RXNORM', 4: 'SV^Severe^HL70128',
                5: 'Hives~Throat tightness', 6: '19870415'}),
    seg('AL1', {1: '2', 2: 'DA^Drug allergy^HL70127', 3: '10180^Sulfamethoxazole^RXNORM', 4: 'MO^Moderate^HL70128',
                5: 'Rash', 6: '2011'}),
    seg('AL1', {1: '3', 2: 'FA^Food allergy^HL70127', 3: '^Shellfish', 4: 'MI^Mild^HL70128', 5: 'Itching'})])
# 09 RDE NW vancomycin 1250 mg IV q12h, weight-based, dosing weight + creatinine in the order's OBSERVATION group
M['09-rde-o11-vancomycin-weight'] = rde(
    '20301102102041-0400', 'RX4809', IGNATIUS, IG_PV1(),
    {1: 'NW', 2: 'CP48-0901^WUHCPOE', 3: 'RX48-0901^WUHRX', 5: 'IP', 9: '20301102102000', 10: PHARMACIST, 12: ID_DOC},
    {2: VANCO, 3: '1250', 5: 'mg^milligram^UCUM', 6: 'IVPB^IV piggyback^WUHRX',
     7: '^15 mg/kg x 83.2 kg actual body weight. Infuse over 2 h. Trough before 4th dose', 10: '2',
     11: 'EA^each^WUHRX', 15: 'RX48-0901', 23: '125', 24: 'mL/h^milliliter per hour^UCUM', 25: '1250',
     26: 'mg^milligram^UCUM'},
    [{1: '1', 3: 'Q12H^Every 12 hours^HL70335', 4: '0600~1800', 7: '20301102180000', 9: 'R^Routine^HL70485'}],
    [{1: IV, 4: IVPB}],
    obxs=[seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN^DOSWT^Dosing weight^WUHRX', 5: '83.2',
                      6: 'kg^kilogram^UCUM', 11: 'F', 14: '20301102083000'}),
          seg('OBX', {1: '2', 2: 'NM', 3: '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', 5: '1.1',
                      6: 'mg/dL^milligram per deciliter^UCUM', 7: '0.7-1.3', 11: 'F', 14: '20301102054500'})])
# 10 ORU ABO/Rh + antibody screen
M['10-oru-r01-abo-rh-screen'] = bb_oru('20301102094122-0400', 'BB4810', PHILIPPA, PH_PV1(), 'CP48-0701', 'BB48-1001',
    'TS^Type and screen^WUHBB^34532-2^Blood type and Indirect antibody screen panel^LN', '20301102063500',
    '20301102094000', 'F', [
        seg('OBX', {1: '1', 2: 'CWE', 3: '883-9^ABO group [Type] in Blood^LN', 5: '112144000^Blood group A^SCT',
                    11: 'F', 14: '20301102063500', 16: BB_TECH, 19: '20301102091500'}),
        seg('OBX', {1: '2', 2: 'CWE', 3: '10331-7^Rh [Type] in Blood^LN', 5: '165747007^RhD positive^SCT',
                    11: 'F', 14: '20301102063500', 16: BB_TECH, 19: '20301102091500'}),
        seg('OBX', {1: '3', 2: 'CWE', 3: '890-4^Blood group antibody screen [Presence] in Serum or Plasma^LN',
                    5: '260385009^Negative^SCT', 11: 'F', 14: '20301102063500', 16: BB_TECH,
                    19: '20301102093000'})],
    '119297000^Blood specimen^SCT^LAV^Lavender top EDTA^WUHBB', '20301102064800')
# 11 RDS vancomycin dispense, ORC-3 alone
M['11-rds-o13-vancomycin'] = rds(
    '20301102113012-0400', 'RX4811', IGNATIUS, IG_PV1(), 'RX48-0901', '20301102113000', ID_DOC,
    {1: '1', 2: VANCO, 3: '20301102112500', 4: '2', 5: 'EA^each^WUHRX', 7: 'RX48-0901-1', 11: 'N',
     10: 'PH4801^PIETRZAK^ROSE', 12: '2500^mg&milligram&UCUM', 13: '5E^^^WUH', 16: '1250',
     17: 'mg^milligram^UCUM', 18: 'V2219K', 19: '20320531'},
    [{1: IV}])
# 12 RDE CA ondansetron: cancelled before any dispense
M['12-rde-o11-cancel-ondansetron'] = rde(
    '20301102130515-0400', 'RX4812', LINNEA, LI_PV1(),
    {1: 'CA', 2: 'CP48-0402^WUHCPOE', 3: 'RX48-0402^WUHRX', 5: 'CA', 9: '20301102130500', 10: PHARMACIST,
     12: SURGEON, 16: 'DUP^Duplicate order - scheduled antiemetic ordered^WUHRX'},
    {2: ONDAN, 3: '4', 5: 'mg^milligram^UCUM', 15: 'RX48-0402'},
    [{1: '1', 3: 'Q6H^Every 6 hours^HL70335', 7: '20301101171600', 9: 'PRN^As needed^HL70485'}],
    [{1: IV, 4: IVP}])
# 13 ORM NW crossmatch + transfuse 2 units RBC, sent in the FIRST pass of the repeated hour (01:12 EDT)
M['13-orm-o01-crossmatch-transfuse'] = bb_orm('20301103011240-0400', 'CP4813', PHILIPPA, PH_PV1(), [
    bb_order('NW', 'CP48-1301', 'XM^Crossmatch red cells^WUHBB^1250-0^Major crossmatch [interpretation]^LN',
             '^^^20301103011000^^S', '20301103011000', HOSPITALIST, i=1,
             dg1={1: '1', 3: 'D62^Acute posthemorrhagic anemia^I10', 6: 'W'},
             obxs=[seg('OBX', {1: '1', 2: 'NM', 3: '718-7^Hemoglobin [Mass/volume] in Blood^LN', 5: '6.8',
                               6: 'g/dL^gram per deciliter^UCUM', 7: '12.0-15.5', 8: 'LL', 11: 'F',
                               14: '20301103004500'})]),
    bb_order('NW', 'CP48-1302', 'TRBC^Transfuse red blood cells^WUHBB', '2^^^20301103023000^^S', '20301103011000',
             HOSPITALIST, i=2, note='Transfuse 2 units leukoreduced RBC, each over 2 hours. Irradiated not required',
             obxs=[seg('OBX', {1: '1', 2: 'NM', 3: 'UNITSREQ^Units requested^WUHBB', 5: '2', 6: '{unit}^unit^UCUM',
                               11: 'F'}),
                   seg('OBX', {1: '2', 2: 'CWE', 3: 'CONSENT^Transfusion consent signed^WUHBB', 5: 'Y^Yes^HL70136',
                               11: 'F'})])])
# 14 RAS hydromorphone dose given 01:50 EDT (first pass), charted 01:05 EST (MSH-7 -0500), bare RXA-3/4
M['14-ras-o17-dose-first-pass'] = ras(
    '20301103010522-0500', 'EM4814', LINNEA, LI_PV1(), 'CP48-0401', 'RX48-0401', '20301103010500',
    {1: '0', 2: '1', 3: '20301103015000', 4: '20301103015000', 5: HYDRO, 6: '0.5', 7: 'mg^milligram^UCUM',
     9: '^Pain 8/10 before dose', 10: RN_NIGHT, 11: '9S^921^1^WUH', 20: 'CP', 21: 'A'},
    [{1: IV, 4: IVP}])
# 15 ORU crossmatch compatible, 2 units; specimen drawn 01:35 EDT, received 01:39 EDT (bare), reported 01:20 EST (with offset)
M['15-oru-r01-crossmatch'] = bb_oru('20301103012115-0500', 'BB4815', PHILIPPA, PH_PV1(), 'CP48-1301', 'BB48-1501',
    'XM^Crossmatch red cells^WUHBB^1250-0^Major crossmatch [interpretation]^LN', '20301103013500',
    '20301103012000-0500', 'F', [
        seg('OBX', {1: '1', 2: 'ST', 3: 'UNITNO^Unit number^WUHBB', 4: '1', 5: 'W4830 30 048151 7', 11: 'F',
                    14: '20301103013500'}),
        seg('OBX', {1: '2', 2: 'CWE', 3: 'PRODCODE^Product code^WUHBB', 4: '1',
                    5: 'E0382V00^RBC AS-1 leukoreduced^ISBT128', 11: 'F', 14: '20301103013500'}),
        seg('OBX', {1: '3', 2: 'CWE', 3: '1250-0^Major crossmatch [interpretation]^LN', 4: '1',
                    5: 'C^Compatible^WUHBB', 11: 'F', 14: '20301103013500', 16: BB_TECH}),
        seg('OBX', {1: '4', 2: 'ST', 3: 'UNITNO^Unit number^WUHBB', 4: '2', 5: 'W4830 30 048152 5', 11: 'F',
                    14: '20301103013500'}),
        seg('OBX', {1: '5', 2: 'CWE', 3: 'PRODCODE^Product code^WUHBB', 4: '2',
                    5: 'E0382V00^RBC AS-1 leukoreduced^ISBT128', 11: 'F', 14: '20301103013500'}),
        seg('OBX', {1: '6', 2: 'CWE', 3: '1250-0^Major crossmatch [interpretation]^LN', 4: '2',
                    5: 'C^Compatible^WUHBB', 11: 'F', 14: '20301103013500', 16: BB_TECH})],
    '119297000^Blood specimen^SCT^LAV^Lavender top EDTA^WUHBB', '20301103013900')
# 16 RAS the second PRN dose given 01:50 EST (second pass), charted 01:58 EST
M['16-ras-o17-dose-second-pass'] = ras(
    '20301103015801-0500', 'EM4816', LINNEA, LI_PV1(), 'CP48-0401', 'RX48-0401', '20301103015800',
    {1: '0', 2: '1', 3: '20301103015000', 4: '20301103015000', 5: HYDRO, 6: '0.5', 7: 'mg^milligram^UCUM',
     9: '^Pain 7/10, 60 min after previous dose', 10: RN_NIGHT, 11: '9S^921^1^WUH', 20: 'CP', 21: 'A'},
    [{1: IV, 4: IVP}])
# 17 RAS vancomycin 06:00 dose HELD (trough 24.1 above goal)
M['17-ras-o17-held-dose'] = ras(
    '20301103061040-0500', 'EM4817', IGNATIUS, IG_PV1(), 'CP48-0901', 'RX48-0901', '20301103061000',
    {1: '0', 2: '1', 3: '20301103060000', 4: '20301103060000', 5: VANCO, 6: '0', 7: 'mg^milligram^UCUM',
     9: '^Held per pharmacy: trough 24.1 mcg/mL, goal 15-20', 10: RN_DAY, 11: '5E^508^2^WUH',
     18: 'HLDLAB^Held - lab value out of range^WUHEMAR', 20: 'NA', 21: 'A'},
    [{1: IV, 4: IVPB}])
# 18 ORU the ABO/Rh corrected: Rh reported positive, corrected to negative (clerical error), report C
M['18-oru-r01-abo-rh-corrected'] = bb_oru('20301103081530-0500', 'BB4818', PHILIPPA, PH_PV1(), 'CP48-0701',
    'BB48-1001', 'TS^Type and screen^WUHBB^34532-2^Blood type and Indirect antibody screen panel^LN',
    '20301102063500', '20301103081400', 'C', [
        seg('OBX', {1: '1', 2: 'CWE', 3: '883-9^ABO group [Type] in Blood^LN', 5: '112144000^Blood group A^SCT',
                    11: 'F', 14: '20301102063500', 16: BB_TECH, 19: '20301102091500'}),
        seg('OBX', {1: '2', 2: 'CWE', 3: '10331-7^Rh [Type] in Blood^LN', 5: '165746003^RhD negative^SCT',
                    11: 'C', 14: '20301102063500', 16: BB_TECH, 19: '20301103080500'}),
        seg('NTE', {1: '1', 2: 'L', 3: 'Corrected result: Rh previously reported as POSITIVE in error. '
                                       'Transfuse Rh-negative components. Notified Dr Strauchmann 08:12'}),
        seg('OBX', {1: '3', 2: 'CWE', 3: '890-4^Blood group antibody screen [Presence] in Serum or Plasma^LN',
                    5: '260385009^Negative^SCT', 11: 'F', 14: '20301102063500', 16: BB_TECH,
                    19: '20301102093000'})],
    '119297000^Blood specimen^SCT^LAV^Lavender top EDTA^WUHBB', '20301102064800')
# 19 RDE XO vancomycin 1250 -> 1000 mg q12h from 18:00, ORC-16 reason
M['19-rde-o11-xo-vancomycin'] = rde(
    '20301103103012-0500', 'RX4819', IGNATIUS, IG_PV1(),
    {1: 'XO', 2: 'CP48-0901^WUHCPOE', 3: 'RX48-0901^WUHRX', 5: 'IP', 9: '20301103103000', 10: PHARMACIST, 12: ID_DOC,
     16: 'TRGH^Dose adjusted per trough level^WUHRX'},
    {2: VANCO, 3: '1000', 5: 'mg^milligram^UCUM', 6: 'IVPB^IV piggyback^WUHRX',
     7: '^Trough 24.1: 06:00 dose held. New dose 1000 mg q12h from 18:00. Repeat trough before 3rd new dose',
     10: '2', 11: 'EA^each^WUHRX', 15: 'RX48-0901', 23: '125', 24: 'mL/h^milliliter per hour^UCUM', 25: '1000',
     26: 'mg^milligram^UCUM'},
    [{1: '1', 3: 'Q12H^Every 12 hours^HL70335', 4: '0600~1800', 7: '20301103180000', 9: 'R^Routine^HL70485'}],
    [{1: IV, 4: IVPB}])
# 20 ORM CA the transfusion before any unit was issued (repeat Hgb 8.4: no longer indicated; the units stay crossmatched)
M['20-orm-o01-cancel-transfuse'] = bb_orm('20301103110522-0500', 'CP4820', PHILIPPA, PH_PV1(), [
    bb_order('CA', 'CP48-1302', 'TRBC^Transfuse red blood cells^WUHBB', '2^^^20301103023000^^S', '20301103110500',
             HOSPITALIST, status='CA', reason='HGBOK^Hemoglobin stable, transfusion no longer indicated^WUHCPOE')])
# 21 VXU influenza given (VIS OBX), PCV20 refused
M['21-vxu-v04-influenza'] = [
    msh('WUHIMM', '20301103142012-0500', 'IM4821', 'VXU^V04^VXU_V04', '2.5.1',
        {15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
    seg('PID', LINNEA), seg('PD1', {12: 'N', 16: 'A', 17: '20301103'}),
    seg('NK1', {1: '1', 2: 'DURRANT^OWEN', 3: 'SPO^Spouse^HL70063', 5: '^PRN^CP^^1^781^5550190'}),
    LI_PV1(),
    seg('ORC', {1: 'RE', 2: 'IM48-2101^WUHIMM', 3: 'IM48-2101^WUHIMM', 10: RN_DAY, 12: SURGEON}),
    seg('TQ1', {1: '1', 7: '20301103141500'}),
    seg('RXA', {1: '0', 2: '1', 3: '20301103141500', 5: '150^Influenza, injectable, quadrivalent, preservative free^CVX',
                6: '0.5', 7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: RN_DAY,
                11: '^^^9S^921^1^WUH', 15: 'FLU4821A', 16: '20310630', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP',
                21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LD^Left Deltoid^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V01^Not VFC eligible^HL70064', 11: 'F', 14: '20301103141500', 17: 'VXC40^per immunization^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30963-3^Vaccine funding source^LN', 4: '1', 5: 'PHC70^Private funds^CDCPHINVS',
                11: 'F', 14: '20301103141500'}),
    seg('OBX', {1: '3', 2: 'CE', 3: '69764-9^Document type^LN', 4: '2',
                5: '253088698300028811170411^Influenza Vaccine VIS^cdcgs1vis', 11: 'F', 14: '20301103141500'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2',
                5: '20301103', 11: 'F', 14: '20301103141500'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC', 10: RN_DAY, 12: SURGEON}),
    seg('RXA', {1: '0', 2: '1', 3: '20301103141500', 5: '216^Pneumococcal conjugate PCV20^CVX', 6: '999',
                10: RN_DAY, 18: '03^Patient decision^NIP002', 20: 'RE', 21: 'A'}),
]
# 22 RAS vancomycin 18:00 dose (new 1000 mg) PARTIAL: stopped at 650 mg for an infusion reaction
M['22-ras-o17-partial-dose'] = ras(
    '20301103194512-0500', 'EM4822', IGNATIUS, IG_PV1(), 'CP48-0901', 'RX48-0901', '20301103194500',
    {1: '0', 2: '1', 3: '20301103180500', 4: '20301103191500', 5: VANCO, 6: '650', 7: 'mg^milligram^UCUM',
     9: '^Infusion stopped at 650 mg: flushing and pruritus of face and neck (infusion reaction). MD notified',
     10: RN_DAY, 11: '5E^508^2^WUH', 20: 'PA', 21: 'A'},
    [{1: IV, 4: IVPB}], status='IP')
# 23 RDE DC the IV fluids (tolerating diet)
M['23-rde-o11-dc-iv-fluids'] = rde(
    '20301104091205-0500', 'RX4823', PHILIPPA, PH_PV1(),
    {1: 'DC', 2: 'CP48-0301^WUHCPOE', 3: 'RX48-0301^WUHRX', 5: 'DC', 9: '20301104091000', 10: PHARMACIST,
     12: HOSPITALIST, 16: 'POOK^Tolerating oral intake^WUHRX'},
    {2: IVMIX, 3: '1000', 5: 'mL^milliliter^UCUM', 15: 'RX48-0301', 23: '100', 24: 'mL/h^milliliter per hour^UCUM'},
    [{1: '1', 3: 'CONT^Continuous^WUHRX', 7: '20301101223000', 8: '20301104091000', 9: 'R^Routine^HL70485'}],
    [{1: IV, 4: 'IVCONT^IV continuous infusion^WUHRX'}])
# 24 A03 Linnea Durrant discharged home
M['24-adt-a03-discharge'] = adt('A03', 'ADT_A03', '20301104113508-0500', 'WA4824', '20301104113000', LINNEA,
                                LI_PV1(extra={4: 'R', 14: '7', 36: '01^Discharged to home or self care^HL70112',
                                              45: '20301104113000'}),
                                [seg('DG1', {1: '1', 3: 'K80.10^Calculus of gallbladder with chronic cholecystitis^I10',
                                             6: 'F'})])

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('ascii'))
    print(len(M), 'messages in', OUT)
