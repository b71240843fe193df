#!/usr/bin/env python3
r"""Review 42's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the feeds of one outpatient dialysis network in Phoenix and its kidney transplant clinic, all on ONE
channel whose zone is America/Phoenix (MST, -0700 all year, no DST), 9-16 March 2028. One sender is elsewhere: the
reference laboratory in Denver (America/Denver, DST: spring-forward Sunday 12 March 2028, 02:00 MST -> 03:00 MDT).
Sonoran Kidney Care (SKC) units SKC-CAMELBACK (CMB) and SKC-MESA (MSA); Desert Sky Transplant Center (DSTC).
- registration "DIALREG" (ADT v2.5.1, offsets -0700): per-session A04 (PV1-2 R recurring patient, PV1-19 a visit
  number per session, PV1-50 the series number), A08 (chair change during the session), A03 (session end, PV1-45);
- Denver reference lab "ROCKYLAB" (ORU^R01 v2.5.1): MSH-7 WITH offset (-0700 before the change, -0600 after), OBR-7
  / OBX-14 bare on the Denver clock: pre-/post-dialysis BUN, Kt/V and URR (calculated, OBX-2 NM, OBX-17), potassium
  critical (OBX-8 HH) with a phone-notification NTE, a corrected potassium (OBR-25 C, OBX-11 C);
- Denver transplant send-out interface "ROCKYTX" (ORU^R01 v2.3): BARE times, MSH-7 too (Denver clock): tacrolimus
  trough `<2.0` (OBX-2 SN, comparator) and a high tacrolimus (OBX-8 H);
- nephrology EHR "NEPHROCHART" (OML^O21 v2.5.1 standing monthly labs with TQ1 repeats; REF^I12 v2.5 referral to the
  transplant center; PPR^PC1 v2.4 problem list);
- pharmacy "DIALRX" (RDE^O11 v2.5): epoetin alfa weight-based (RXE-3 per kg, RXE-22 give per time unit, RXE-23/24
  give rate), weight OBX, then an XO dose change; e-MAR "DIALMAR" (RAS^O17 v2.5.1): doses given in-center, one held
  (RXA-20 NA, RXA-18 reason: hemoglobin above target);
- immunization "DIALIMM" (VXU^V04 v2.5.1): hepatitis B (CVX 44 dialysis formulation) dose 2 and dose 3 with an
  anti-HBs titer OBX;
- transplant EHR "TXNOTE" (MDM v2.6): T02 evaluation note, then T06 addendum (TXA-13 parent);
- billing "DIALBILL" (DFT^P03 v2.3): a charge per session, bare times (Phoenix clock).
Patients and numbers (SK42..., SKV42..., TX42..., LB42-, RX42-, OR42-) none of reviews 16-41's. Fields placed by
number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Phoenix, the channel's zone):
    python3 docs/review42/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review42/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, fac='SKC'):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'SKC', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v})


M = {}
RAY = {1: '1', 3: 'SK4200101^^^SKC^MR', 5: 'ONTIVEROS-KORHONEN^RAYMOND^ALDO^^^^L', 7: '19610304', 8: 'M',
       11: '4417 E Indian School Rd^^Phoenix^AZ^85018^USA^H', 13: '^PRN^PH^^1^602^5550142', 18: 'SKA4200101^^^SKC^AN'}
LOR = {1: '1', 3: 'SK4200102^^^SKC^MR~TX4200502^^^DSTC^MR', 5: 'QUAEMPTS-BRANDSTETTER^LORENA^MAE^^^^L',
       7: '19770919', 8: 'F', 11: '918 W Broadway Rd^^Mesa^AZ^85210^USA^H', 13: '^PRN^CP^^1^480^5550177'}
EST = {1: '1', 3: 'SK4200103^^^SKC^MR', 5: 'ZELENKA-ABEYTA^ESTEBAN^^^^^L', 7: '19840112', 8: 'M',
       11: '2250 N 16th St^^Phoenix^AZ^85006^USA^H'}
NEPH = '1487265530^HAVILAND-OSEI^CORMAC^^^^MD^^NPI^L^^^NPI'
TXMD = '1366029871^ABERCROMBIE-ITO^SUNNIVA^^^^MD^^NPI^L^^^NPI'
RN = '770215^DELACROIX-NAMBIAR^PETRA^^^^RN'


def pv1(visit, start='', end='', unit='CMB', chair='CH07', series='SKS4200101', doc=NEPH):
    f = {1: '1', 2: 'R', 3: f'{unit}^{chair}^^SKC-{unit}', 4: 'R', 7: doc, 10: 'NEP', 19: f'{visit}^^^SKC^VN',
         41: '', 44: start, 45: end, 50: f'{series}^^^SKC^VN'}
    return seg('PV1', {k: v for k, v in f.items() if v != '' or k == 1})


def adt(t, ctl, evt, pid, pv, evn2):
    return [msh('DIALREG', t, ctl, f'ADT^{evt}^ADT_A01' if evt != 'A03' else 'ADT^A03^ADT_A03', '2.5.1'),
            seg('EVN', {1: evt, 2: evn2, 5: 'REG4201^PALOMARES^INES'}), seg('PID', pid), pv]


def lab(t, ctl, pid, visit, orc_obr, obxs, app='ROCKYLAB', v='2.5.1', typ='ORU^R01^ORU_R01'):
    return [msh(app, t, ctl, typ, v, fac='ROCKYREF'), seg('PID', pid),
            seg('PV1', {1: '1', 2: 'R', 3: 'CMB^CH07^^SKC-CMB', 19: f'{visit}^^^SKC^VN'})] + orc_obr + obxs


def order(plac, fill, code, coll, rpt, status, app='ROCKYLAB', spec='BLD^Blood^HL70487'):
    return [seg('ORC', {1: 'RE', 2: f'{plac}^NEPHROCHART', 3: f'{fill}^{app}', 12: NEPH}),
            seg('OBR', {1: '1', 2: f'{plac}^NEPHROCHART', 3: f'{fill}^{app}', 4: code, 7: coll, 16: NEPH,
                        22: rpt, 24: 'CH', 25: status})]


def obx(i, typ, code, val, units='', rng='', flag='', st='F', t='', method=''):
    f = {1: str(i), 2: typ, 3: code, 5: val, 6: units, 7: rng, 8: flag, 11: st, 14: t, 17: method}
    return seg('OBX', {k: v for k, v in f.items() if v != '' or k in (1, 2, 3)})


def nte(i, text):
    return seg('NTE', {1: str(i), 2: 'L', 3: text})


CALC = 'CALC^Calculated^L'
# ---- Friday 10 March 2028 (MST everywhere): Raymond's session 1 ----
M['01-adt-a04-session-start-raymond'] = adt('20280310064500-0700', 'DR4200001', 'A04', RAY,
                                            pv1('SKV4200110', '20280310063800-0700'), '20280310064400-0700')
M['02-oru-r01-predialysis-labs-potassium-critical-raymond'] = lab(
    '20280310091200-0700', 'RL4200002', RAY, 'SKV4200110',
    order('OR42-0201', 'LB42-0201', '24362-6^Renal function panel - Serum or Plasma^LN', '20280310074000',
          '20280310091000', 'F'),
    [obx(1, 'NM', '3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN', '78', 'mg/dL^mg/dL^UCUM', '7-20', 'H',
         t='20280310074000'),
     obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '6.9', 'mmol/L^mmol/L^UCUM', '3.5-5.1',
         'HH', t='20280310074000'),
     nte(1, 'Critical value called to and read back by P DELACROIX-NAMBIAR RN at SKC-CMB 0905 MST 10-MAR-2028 by RLB7.'),
     obx(3, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '9.4', 'mg/dL^mg/dL^UCUM', '0.7-1.3', 'H',
         t='20280310074000')])
M['03-rde-o11-epoetin-weight-based-raymond'] = [
    msh('DIALRX', '20280310070200-0700', 'RX4200003', 'RDE^O11^RDE_O11', '2.5'), seg('PID', RAY),
    pv1('SKV4200110'),
    seg('ORC', {1: 'NW', 2: 'RX42-0301^DIALRX', 5: 'IP', 9: '20280310070000-0700', 12: NEPH}),
    seg('TQ1', {1: '1', 3: 'QJ135&Monday, Wednesday, Friday (with dialysis)&HL70335', 7: '20280310', 8: '20280609'}),
    seg('RXE', {2: '00002-7623-01^Epoetin alfa 10000 unit/mL injection^NDC', 3: '50', 5: '[iU]/kg^IU/kg^UCUM',
                6: 'INJ^Injection^HL70292', 10: '1', 11: 'mL^mL^UCUM', 22: 'W1', 23: '150',
                24: '[iU]/kg/wk^IU/kg per week^UCUM', 27: 'D63.1^Anemia in chronic kidney disease^I10'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '84.2', 6: 'kg^kg^UCUM', 11: 'F',
                14: '20280310063500-0700'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '718-7^Hemoglobin [Mass/volume] in Blood^LN', 5: '9.1', 6: 'g/dL^g/dL^UCUM',
                7: '10.0-11.5', 8: 'L', 11: 'F', 14: '20280308074000-0700'})]
M['04-ras-o17-epoetin-given-session1-raymond'] = [
    msh('DIALMAR', '20280310102000-0700', 'MR4200004', 'RAS^O17^RAS_O17', '2.5.1'), seg('PID', RAY),
    pv1('SKV4200110'),
    seg('ORC', {1: 'RE', 2: 'RX42-0301^DIALRX', 12: NEPH}),
    seg('RXA', {1: '0', 2: '1', 3: '20280310101000-0700', 5: '00002-7623-01^Epoetin alfa 10000 unit/mL injection^NDC',
                6: '4200', 7: '[iU]^IU^UCUM', 10: RN, 11: '^^^SKC-CMB', 15: 'EPX4218', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'VEN^Venous line of dialysis circuit^L'})]
M['05-adt-a03-session-end-raymond'] = adt('20280310104200-0700', 'DR4200005', 'A03', RAY,
                                          pv1('SKV4200110', '20280310063800-0700', '20280310104000-0700'),
                                          '20280310104100-0700')
M['06-dft-p03-session1-charge-raymond'] = [
    msh('DIALBILL', '20280310230000', 'DB4200006', 'DFT^P03', '2.3'),
    seg('EVN', {1: 'P03', 2: '20280310230000'}), seg('PID', RAY), pv1('SKV4200110'),
    seg('FT1', {1: '1', 2: 'FT42-0601', 4: '20280310063800', 6: 'CG', 7: '90999^Hemodialysis procedure^CPT4',
                10: '1', 20: NEPH})]
# ---- Saturday 11 March: Lorena at the transplant clinic ----
M['07-ref-i12-referral-transplant-center-esteban'] = [
    msh('NEPHROCHART', '20280311090000-0700', 'NC4200007', 'REF^I12^REF_I12', '2.5'),
    seg('RF1', {1: 'A^Accepted^HL70283', 2: 'R^Routine^HL70280', 3: 'TX^Transplant evaluation^L', 5: 'I^Incoming^HL70284',
                6: 'RF42-0701^NEPHROCHART', 7: '20280311085500-0700', 10: 'N18.6^End stage renal disease^I10'}),
    seg('PRD', {1: 'RP^Referring Provider^HL70286', 2: 'HAVILAND-OSEI^CORMAC^^^^MD',
                3: '1700 E Camelback Rd^^Phoenix^AZ^85016^USA', 7: '1487265530^NPI'}),
    seg('PRD', {1: 'RT^Referred to Provider^HL70286', 2: 'ABERCROMBIE-ITO^SUNNIVA^^^^MD',
                3: '2900 N Central Ave^^Phoenix^AZ^85012^USA', 7: '1366029871^NPI'}),
    seg('PID', EST),
    seg('DG1', {1: '1', 3: 'N18.6^End stage renal disease^I10', 6: 'F'}),
    seg('DG1', {1: '2', 3: 'E11.22^Type 2 diabetes mellitus with diabetic chronic kidney disease^I10', 6: 'F'}),
    nte(1, 'Evaluation for living-donor kidney transplant; sibling donor interested.')]
M['08-oru-r01-tacrolimus-undetectable-lorena'] = lab(
    '20280311081500', 'RT4200008', LOR, 'TXV4200511',
    order('OR42-0801', 'TX42-0801', '35151-0^Tacrolimus [Mass/volume] in Blood^LN', '20280311063000',
          '20280311081000', 'F', app='ROCKYTX'),
    [obx(1, 'SN', '35151-0^Tacrolimus [Mass/volume] in Blood^LN', '<^2.0', 'ng/mL^ng/mL^UCUM', '5.0-15.0', 'L',
         t='20280311063000'),
     nte(1, 'Trough; below limit of quantitation. Confirm timing of last dose.')],
    app='ROCKYTX', v='2.3', typ='ORU^R01')
# ---- Sunday 12 March: Denver springs forward at 02:00 ----
M['09-oml-o21-standing-monthly-labs-raymond'] = [
    msh('NEPHROCHART', '20280312100000-0700', 'NC4200009', 'OML^O21^OML_O21', '2.5.1'), seg('PID', RAY),
    pv1('SKV4200113'),
    seg('ORC', {1: 'NW', 2: 'OR42-0901^NEPHROCHART', 5: 'SC', 9: '20280312095800-0700', 12: NEPH}),
    seg('TQ1', {1: '1', 3: 'Q1L&Every month&HL70335', 7: '20280313063000-0700', 8: '20280913', 14: '6'}),
    seg('OBR', {1: '1', 2: 'OR42-0901^NEPHROCHART', 4: '24362-6^Renal function panel - Serum or Plasma^LN',
                16: NEPH, 27: '^Q1L^^20280313063000-0700^20280913^R'}),
    seg('ORC', {1: 'NW', 2: 'OR42-0902^NEPHROCHART', 5: 'SC', 9: '20280312095800-0700', 12: NEPH}),
    seg('TQ1', {1: '2', 3: 'Q1L&Every month&HL70335', 7: '20280313063000-0700', 8: '20280913', 14: '6'}),
    seg('OBR', {1: '2', 2: 'OR42-0902^NEPHROCHART', 4: '3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN',
                16: NEPH}),
    nte(1, 'Draw pre and post dialysis (post: slow-flow method) for Kt/V.')]
M['10-oru-r01-tacrolimus-high-lorena'] = lab(
    '20280312111500', 'RT4200010', LOR, 'TXV4200512',
    order('OR42-1001', 'TX42-1001', '35151-0^Tacrolimus [Mass/volume] in Blood^LN', '20280312063000',
          '20280312111000', 'F', app='ROCKYTX'),
    [obx(1, 'NM', '35151-0^Tacrolimus [Mass/volume] in Blood^LN', '21.4', 'ng/mL^ng/mL^UCUM', '5.0-15.0', 'H',
         t='20280312063000')],
    app='ROCKYTX', v='2.3', typ='ORU^R01')
# ---- Monday 13 March: Raymond's session 2 (Denver now MDT -0600) ----
M['11-adt-a04-session2-start-raymond'] = adt('20280313064000-0700', 'DR4200011', 'A04', RAY,
                                             pv1('SKV4200113', '20280313063400-0700'), '20280313063900-0700')
M['12-oru-r01-pre-post-bun-ktv-raymond'] = lab(
    '20280313131500-0600', 'RL4200012', RAY, 'SKV4200113',
    order('OR42-0902', 'LB42-1201', '3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN', '20280313073500',
          '20280313131000', 'F'),
    [obx(1, 'NM', '3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN', '81', 'mg/dL^mg/dL^UCUM', '7-20', 'H',
         t='20280313073500') .replace('|81|', '|81|'),
     nte(1, 'Pre-dialysis specimen.'),
     obx(2, 'NM', '3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN', '24', 'mg/dL^mg/dL^UCUM', '7-20', 'H',
         t='20280313115000'),
     nte(1, 'Post-dialysis specimen (slow-flow, 2 min).'),
     obx(3, 'NM', '11041-1^Kt/V urea in Dialysis adequacy^LN', '1.38', '{ratio}^ratio^UCUM', '>=1.2', 'N',
         t='20280313115000', method='CALC^Calculated^L'),
     obx(4, 'NM', '11039-5^Urea reduction ratio in Dialysis adequacy^LN', '70.4', '%^%^UCUM', '>=65', 'N',
         t='20280313115000', method='CALC^Calculated^L')])
M['13-ras-o17-epoetin-held-session2-raymond'] = [
    msh('DIALMAR', '20280313103000-0700', 'MR4200013', 'RAS^O17^RAS_O17', '2.5.1'), seg('PID', RAY),
    pv1('SKV4200113'),
    seg('ORC', {1: 'RE', 2: 'RX42-0301^DIALRX', 12: NEPH}),
    seg('RXA', {1: '0', 2: '1', 3: '20280313100500-0700', 5: '00002-7623-01^Epoetin alfa 10000 unit/mL injection^NDC',
                6: '0', 7: '[iU]^IU^UCUM', 10: RN, 11: '^^^SKC-CMB',
                18: 'HGBHI^Held: hemoglobin above target range^L', 20: 'NA', 21: 'A'})]
M['14-adt-a08-chair-change-raymond'] = adt('20280313071500-0700', 'DR4200014', 'A08', RAY,
                                           pv1('SKV4200113', '20280313063400-0700', chair='CH12'),
                                           '20280313071400-0700')
M['15-adt-a03-session2-end-raymond'] = adt('20280313104500-0700', 'DR4200015', 'A03', RAY,
                                           pv1('SKV4200113', '20280313063400-0700', '20280313104300-0700',
                                               chair='CH12'), '20280313104400-0700')
M['16-dft-p03-session2-charge-raymond'] = [
    msh('DIALBILL', '20280313230000', 'DB4200016', 'DFT^P03', '2.3'),
    seg('EVN', {1: 'P03', 2: '20280313230000'}), seg('PID', RAY), pv1('SKV4200113'),
    seg('FT1', {1: '1', 2: 'FT42-1601', 4: '20280313063400', 6: 'CG', 7: '90999^Hemodialysis procedure^CPT4',
                10: '1', 20: NEPH})]
M['17-rde-o11-epoetin-dose-change-xo-raymond'] = [
    msh('DIALRX', '20280313140000-0700', 'RX4200017', 'RDE^O11^RDE_O11', '2.5'), seg('PID', RAY),
    pv1('SKV4200113'),
    seg('ORC', {1: 'XO', 2: 'RX42-0301^DIALRX', 5: 'IP', 9: '20280313135800-0700', 12: NEPH,
                16: 'HGB^Hemoglobin trend^L'}),
    seg('TQ1', {1: '1', 3: 'QJ135&Monday, Wednesday, Friday (with dialysis)&HL70335', 7: '20280315', 8: '20280609'}),
    seg('RXE', {2: '00002-7623-01^Epoetin alfa 10000 unit/mL injection^NDC', 3: '25', 5: '[iU]/kg^IU/kg^UCUM',
                6: 'INJ^Injection^HL70292', 10: '1', 11: 'mL^mL^UCUM', 22: 'W1', 23: '75',
                24: '[iU]/kg/wk^IU/kg per week^UCUM', 27: 'D63.1^Anemia in chronic kidney disease^I10'}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'})]
M['18-oru-r01-potassium-corrected-raymond'] = lab(
    '20280313150500-0600', 'RL4200018', RAY, 'SKV4200110',
    order('OR42-0201', 'LB42-0201', '24362-6^Renal function panel - Serum or Plasma^LN', '20280310074000',
          '20280313150000', 'C'),
    [obx(1, 'NM', '3094-0^Urea nitrogen [Mass/volume] in Serum or Plasma^LN', '78', 'mg/dL^mg/dL^UCUM', '7-20', 'H',
         t='20280310074000'),
     obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '5.4', 'mmol/L^mmol/L^UCUM', '3.5-5.1',
         'H', st='C', t='20280310074000'),
     nte(1, 'Corrected result: specimen hemolyzed, original value 6.9 mmol/L. Clinician notified 13-MAR-2028 1455 MDT.'),
     obx(3, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '9.4', 'mg/dL^mg/dL^UCUM', '0.7-1.3', 'H',
         t='20280310074000')])
# ---- Esteban: hepatitis B series ----
HEPB = '44^Hep B, dialysis^CVX'


def vxu(t, ctl, pid, plac, given, lot, titer=None):
    out = [msh('DIALIMM', t, ctl, 'VXU^V04^VXU_V04', '2.5.1'), seg('PID', pid),
           seg('PV1', {1: '1', 2: 'R', 3: 'MSA^CH03^^SKC-MSA', 19: f'SKV42{plac[-4:]}^^^SKC^VN'}),
           seg('ORC', {1: 'RE', 2: f'{plac}^DIALIMM', 3: f'{plac}^DIALIMM', 10: RN, 12: NEPH}),
           seg('RXA', {1: '0', 2: '1', 3: given, 5: HEPB, 6: '1', 7: 'mL^mL^UCUM', 9: '00^New record^NIP001',
                       10: RN, 11: '^^^SKC-MSA', 15: lot, 16: '20290228', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'CP',
                       21: 'A'}),
           seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LD^Left deltoid^HL70163'}),
           seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                       5: 'V01^Not VFC eligible^HL70064', 11: 'F', 14: given, 17: 'VXC40^per immunization^CDCPHINVS'})]
    if titer:
        out.append(seg('OBX', {1: '2', 2: 'NM', 3: '16935-9^Hepatitis B virus surface Ab [Units/volume] in Serum^LN',
                               4: '2', 5: titer[0], 6: 'm[IU]/mL^mIU/mL^UCUM', 7: '>=10', 8: titer[1], 11: 'F',
                               14: titer[2]}))
    return out


M['19-vxu-v04-hepb-dose2-esteban'] = vxu('20280313110000-0700', 'DI4200019', EST, 'IM42-1901',
                                         '20280313104500-0700', 'HB4422A')
# ---- Tuesday 14 March: transplant clinic ----
M['20-mdm-t02-transplant-evaluation-note-lorena'] = [
    msh('TXNOTE', '20280314113000-0700', 'TN4200020', 'MDM^T02^MDM_T02', '2.6', fac='DSTC'),
    seg('EVN', {1: 'T02', 2: '20280314113000-0700'}), seg('PID', LOR),
    seg('PV1', {1: '1', 2: 'O', 3: 'TXCL^^^DSTC', 7: TXMD, 19: 'TXV4200514^^^DSTC^VN'}),
    seg('TXA', {1: '1', 2: 'CN^Consultation note^HL70270', 3: 'TX^text^HL70191', 4: '20280314110000-0700', 5: TXMD,
                6: '20280314112500-0700', 9: TXMD, 12: 'DOC42-2001^TXNOTE', 17: 'AU', 18: 'V', 19: 'AV',
                22: TXMD + '^^20280314112800-0700'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '11488-4^Consult note^LN', 5: 'Post-transplant month 7. Tacrolimus troughs '
                'erratic: <2.0 ng/mL 11-MAR, 21.4 ng/mL 12-MAR; suspect timing error. Plan: observed trough.', 11: 'F'})]
M['21-mdm-t06-addendum-lorena'] = [
    msh('TXNOTE', '20280314160000-0700', 'TN4200021', 'MDM^T06^MDM_T02', '2.6', fac='DSTC'),
    seg('EVN', {1: 'T06', 2: '20280314160000-0700'}), seg('PID', LOR),
    seg('PV1', {1: '1', 2: 'O', 3: 'TXCL^^^DSTC', 7: TXMD, 19: 'TXV4200514^^^DSTC^VN'}),
    seg('TXA', {1: '1', 2: 'AD^Addendum^L', 3: 'TX^text^HL70191', 4: '20280314155000-0700', 5: TXMD,
                6: '20280314155500-0700', 9: TXMD, 12: 'DOC42-2101^TXNOTE', 13: 'DOC42-2001^TXNOTE', 17: 'AU',
                18: 'V', 19: 'AV'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '11488-4^Consult note^LN', 5: 'Addendum: patient confirms dose taken at 05:30 '
                'on 12-MAR (not 19:30 the evening before). Dose reduced to 3 mg BID.', 11: 'F'})]
M['22-ppr-pc1-problem-list-raymond'] = [
    msh('NEPHROCHART', '20280314120000-0700', 'NC4200022', 'PPR^PC1^PPR_PC1', '2.4'), seg('PID', RAY),
    pv1('SKV4200113'),
    seg('PRB', {1: 'AD', 2: '20280314120000-0700', 3: 'N18.6^End stage renal disease^I10', 4: 'PRB42-2201',
                7: '20200601', 13: 'C^Confirmed^HL70836', 14: 'A1^Active^L', 16: '20190115'}),
    seg('PRB', {1: 'AD', 2: '20280314120000-0700', 3: 'D63.1^Anemia in chronic kidney disease^I10',
                4: 'PRB42-2202', 7: '20210310', 13: 'C^Confirmed^HL70836', 14: 'A1^Active^L'}),
    seg('PRB', {1: 'AD', 2: '20280314120000-0700', 3: 'E87.5^Hyperkalemia^I10', 4: 'PRB42-2203',
                7: '20280310', 9: '20280313', 13: 'C^Confirmed^HL70836', 14: 'R^Resolved^L'}),
    nte(1, 'Hyperkalemia 10-MAR on a hemolyzed specimen; corrected value 5.4.')]
M['23-adt-a04-session3-start-raymond'] = adt('20280315063900-0700', 'DR4200023', 'A04', RAY,
                                             pv1('SKV4200115', '20280315063500-0700'), '20280315063800-0700')
M['24-vxu-v04-hepb-dose3-with-titer-esteban'] = vxu('20280316110000-0700', 'DI4200024', EST, 'IM42-2401',
                                                    '20280316104500-0700', 'HB4422B',
                                                    titer=('8', 'L', '20280309074000-0700'))

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
