#!/usr/bin/env python3
r"""Review 44's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the feeds of a children's hospital pediatric emergency department near St. Louis and of its public-health
electronic lab reporting (ELR) to the state, all on ONE channel whose zone is America/Chicago, across the US
spring-forward: Sunday 11 March 2029 02:00 CST (-0600) -> 03:00 CDT (-0500). Messages 10-13 March 2029.
Crevecoeur Children's Hospital (CVCH), Northstar Reference Laboratory (NSRL, St. Paul MN, also America/Chicago),
Meramec Valley Pediatrics (MVPEDS, a clinic lab). Senders:
- "CVCHADT" registration (ADT v2.5.1, MSH-7 WITH offset, EVN-2 / PV1-44 / PV1-45 bare): A04, A03 (ED visit across
  the change, PV1-36 09 admitted), A08 (newborn named, PID-21 mother's identifier);
- "CVCHEDT" ED tracking board (ADT v2.3, BARE everywhere): A04 x3, A08 (weight), A03; NK1 guardians, PID-21;
- "CVCHCPOE" orders: OML^O21 v2.5.1 (offsets) and ORM^O01 v2.3 (bare, incl. ORC-1 CA of a send-out serology);
- "CVCHLAB" lab (ORU^R01 v2.5.1, MSH-7 WITH offset, OBR-7/OBX-14 bare): critical K, WBC; newborn multi-panel
  (bilirubin / CBC / blood bank OBRs) drawn in the skipped hour;
- "CVCHPOC" point-of-care blood gas middleware (ORU^R01 v2.3, bare: a draw in the skipped hour);
- "CVCHRX" pharmacy (RDE^O11 v2.5: weight-based doses, weight OBX in the order group, RXE-7 mg/kg);
- "CVCHIMM" immunizations (VXU^V04 v2.5.1: catch-up, VFC eligibility OBX groups per RXA, VIS);
- "CVCHELR" the hospital's ELR (ORU^R01 v2.5.1 ELR style, MSH-7 WITH offset, OBR-7/SPM-17/OBX-14 bare): stool
  culture Salmonella, corrected two days later to Shigella sonnei (OBR-25 C, OBX-11 C);
- "NSRLELR" reference lab ELR (ORU^R01 v2.5.1, offsets EVERYWHERE as the ELR IG asks): pertussis PCR, and the
  cancelled serology (ORC-1 OC, OBR-25 X);
- "MVPEDSELR" clinic lab ELR (ORU^R01 v2.5.1, BARE everywhere): a child's blood lead.
Patients and numbers (CV44..., CVV44..., OR44-, CL44-, NS44-, MV44-, PX44-, IM44-, CE44-) none of reviews 16-43's.
Fields placed by number. All persons, numbers and addresses are invented; SNOMED / LOINC / CVX codes are the
common ones of such feeds.
Run from the worktree root (convert with --timezone America/Chicago, the channel's zone):
    python3 docs/review44/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review44/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, fac='CVCH', extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'CVCH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


ELR_MSH = {5: 'MODHSS-ELR^2.16.840.1.114222.4.3.2.2.1.4404^ISO', 6: 'MODHSS^2.16.840.1.114222.4.1.4404^ISO',
           15: 'NE', 16: 'NE', 17: 'USA', 21: 'PHLabReport-NoAck^ELR_Receiver^2.16.840.1.113883.9.11^ISO'}

M = {}
TEO = {1: '1', 3: 'CV4400101^^^CVCH^MR', 5: 'HAAKONSEN-MAKOA^TEODORA^LIV^^^^L', 7: '20250614', 8: 'F',
       10: '2106-3^White^CDCREC~2076-8^Native Hawaiian or Other Pacific Islander^CDCREC',
       11: '11 Ballas Ct^^Creve Coeur^MO^63141^USA^H', 13: '^PRN^PH^^1^314^5550144',
       21: 'CV4400191^^^CVCH^MR', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
ODA = {1: '1', 3: 'CV4400102^^^CVCH^MR', 5: 'FITZWILLIAM-TAVARES^ODALYS^MARISOL^^^^L', 7: '20281202', 8: 'F',
       10: '2106-3^White^CDCREC', 11: '2740 Woodson Rd^^Overland^MO^63114^USA^H', 13: '^PRN^CP^^1^314^5550172',
       21: 'CV4400192^^^CVCH^MR', 22: '2135-2^Hispanic or Latino^CDCREC'}
BEN = {1: '1', 3: 'CV4400103^^^CVCH^MR', 5: 'RAUTIAINEN-CHIBUZOR^BENEDIKT^OLUWASEUN^^^^L', 7: '20240220', 8: 'M',
       10: '2054-5^Black or African American^CDCREC', 11: '918 Dielman Rd^^Olivette^MO^63132^USA^H',
       13: '^PRN^CP^^1^636^5550128', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
NB = {1: '1', 3: 'CV4400104^^^CVCH^MR', 5: 'VORNHOLT-BEAUMONT^BABYGIRL^^^^^L', 7: '20290305', 8: 'F',
      11: '64 Lindbergh Pl^^Town and Country^MO^63131^USA^H', 13: '^PRN^PH^^1^314^5550190',
      21: 'CV4400194^^^CVCH^MR'}
NB_NAMED = {**NB, 5: 'VORNHOLT-BEAUMONT^ELODIE^MAREN^^^^L~VORNHOLT-BEAUMONT^BABYGIRL^^^^^B'}

ED_MD = '1538204417^OKWUOSA-LINDGARD^SIGRUN^^^^MD^^NPI^L^^^NPI'
ED_MD2 = '1629355018^PETRAKIS-ODUYA^LEANDER^^^^MD^^NPI^L^^^NPI'
PCP = '1720466329^TEMPLETON-ADU^MIRABEL^^^^MD^^NPI^L^^^NPI'
RN = '770512^VASHCHENKO-IBARRA^CORINNE^^^^RN'
CVCH_XON = "Crevecoeur Childrens Hospital^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^26D4400101"
CVCH_ADDR = '12500 Olive Blvd^^Creve Coeur^MO^63141^USA^B'
CVCH_PHONE = '^WPN^PH^^1^314^5550100'
NSRL_XON = 'Northstar Reference Laboratory^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^24D4400777'
NSRL_ADDR = '455 Energy Park Dr^^Saint Paul^MN^55108^USA^B'
NSRL_DIR = '1831577230^DELACROIX-AMADI^RUTH^^^^MD^^NPI^L^^^NPI'
CVLAB_DIR = '1942688341^HELVIG-SARMIENTO^ANSELM^^^^MD^^NPI^L^^^NPI'
MV_XON = 'Meramec Valley Pediatrics Lab^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^26D4400555'
MV_ADDR = '3300 Meramec Station Rd^^Valley Park^MO^63088^USA^B'


def edpv1(visit, start='', end='', disp='', cls='E', md=ED_MD):
    f = {1: '1', 2: cls, 3: 'PED-ED^B14^1^CVCH', 4: 'E', 7: md, 10: 'PEM', 19: f'{visit}^^^CVCH^VN'}
    if start:
        f[44] = start
    if end:
        f[45] = end
    if disp:
        f[36] = disp
    return seg('PV1', f)


def nk1(i, name, rel, addr='', phone='', ident=''):
    f = {1: str(i), 2: name, 3: rel, 4: addr, 5: phone, 7: 'C^Emergency Contact^HL70131'}
    if ident:
        f[33] = ident
    return seg('NK1', f)


def obx(i, typ, code, val, units='', rng='', flag='', st='F', t='', sub='', extra=None):
    f = {1: str(i), 2: typ, 3: code, 4: sub, 5: val, 6: units, 7: rng, 8: flag, 11: st, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != '' or k in (1, 2, 3)})


def nte(i, text):
    return seg('NTE', {1: str(i), 2: 'L', 3: text})


def weight(i, kg, t):
    return obx(i, 'NM', '29463-7^Body weight^LN', kg, 'kg^kilogram^UCUM', t=t)


def lab_obr(i, plac, fill, code, coll, rpt, status, md=ED_MD, app='CVCHLAB', orc1='RE', plac_app='CVCHCPOE'):
    return [seg('ORC', {1: orc1, 2: f'{plac}^{plac_app}', 3: f'{fill}^{app}', 12: md}),
            seg('OBR', {1: str(i), 2: f'{plac}^{plac_app}', 3: f'{fill}^{app}', 4: code, 7: coll, 16: md,
                        22: rpt, 24: 'LAB', 25: status})]


def rde(t, ctl, pid, pv, orc, tq1, rxe, wt, route):
    return [msh('CVCHRX', t, ctl, 'RDE^O11^RDE_O11', '2.5'), seg('PID', pid), pv, seg('ORC', orc),
            seg('TQ1', tq1), seg('RXE', rxe), seg('RXR', {1: route}), wt]


def elr_orc_obr(orc1, plac, plac_app, fill, fill_app, code, coll, rpt, status, md, extra_obr=None):
    orc = {1: orc1, 2: f'{plac}^{plac_app}', 3: f'{fill}^{fill_app}', 12: md, 21: CVCH_XON, 22: CVCH_ADDR,
           23: CVCH_PHONE, 24: '12500 Olive Blvd^Suite 2^Creve Coeur^MO^63141^USA^O'}
    obr = {1: '1', 2: f'{plac}^{plac_app}', 3: f'{fill}^{fill_app}', 4: code, 7: coll, 16: md,
           17: '^WPN^PH^^1^314^5550100', 22: rpt, 25: status}
    obr.update(extra_obr or {})
    return [seg('ORC', orc), seg('OBR', obr)]


def spm(spec_id, typ, coll, recv, site=''):
    return seg('SPM', {1: '1', 2: f'^{spec_id}', 4: typ, 8: site, 11: 'P^Patient^HL70369', 17: coll, 18: recv})


STOOL_CX = '625-4^Bacteria identified in Stool by Culture^LN^^^^2.40'
SALM = '27268008^Salmonella^SCT^^^^20080131'
SHIG = '43612004^Shigella sonnei^SCT^^^^20080131'
CVCH_PERF = {23: CVCH_XON, 24: CVCH_ADDR, 25: CVLAB_DIR}
NSRL_PERF = {23: NSRL_XON, 24: NSRL_ADDR, 25: NSRL_DIR}

# ---- Saturday 10 March 2029 (CST, -0600): Teodora, bloody diarrhea ----
M['01-adt-a04-ed-arrival-teodora'] = [
    msh('CVCHADT', '20290310181200-0600', 'CA4400001', 'ADT^A04^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A04', 2: '20290310180500'}), seg('PID', TEO),
    nk1(1, 'HAAKONSEN-MAKOA^KEALOHA^MARIT^^^^L', 'MTH^Mother^HL70063', '11 Ballas Ct^^Creve Coeur^MO^63141^USA^H',
        '^PRN^CP^^1^314^5550145', 'CV4400191^^^CVCH^MR'),
    nk1(2, 'HAAKONSEN^PEDER^^^^^L', 'FTH^Father^HL70063', '11 Ballas Ct^^Creve Coeur^MO^63141^USA^H',
        '^PRN^CP^^1^314^5550146'),
    edpv1('CVV4400101', start='20290310180500'),
    seg('PV2', {3: '^Bloody diarrhea x2 days, vomiting'}),
    weight(1, '15.2', '20290310181000')]
M['02-oml-o21-ed-orders-teodora'] = [
    msh('CVCHCPOE', '20290310183200-0600', 'CO4400002', 'OML^O21^OML_O21', '2.5.1'), seg('PID', TEO),
    edpv1('CVV4400101'),
    seg('ORC', {1: 'NW', 2: 'OR44-0201^CVCHCPOE', 9: '20290310183000-0600', 12: ED_MD}),
    seg('OBR', {1: '1', 2: 'OR44-0201^CVCHCPOE', 4: '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
                11: 'O', 16: ED_MD, 27: '^^^^^S'}),
    seg('ORC', {1: 'NW', 2: 'OR44-0202^CVCHCPOE', 9: '20290310183000-0600', 12: ED_MD}),
    seg('OBR', {1: '2', 2: 'OR44-0202^CVCHCPOE', 4: '58410-2^CBC panel - Blood by Automated count^LN', 11: 'O',
                16: ED_MD, 27: '^^^^^S'}),
    seg('ORC', {1: 'NW', 2: 'OR44-0203^CVCHCPOE', 9: '20290310183000-0600', 12: ED_MD}),
    seg('OBR', {1: '3', 2: 'OR44-0203^CVCHCPOE', 4: STOOL_CX, 11: 'O', 16: ED_MD, 13: 'Bloody stools; daycare outbreak?',
                27: '^^^^^R'}),
    seg('SPM', {1: '1', 4: '119339001^Stool specimen^SCT', 11: 'P^Patient^HL70369'})]
M['03-rde-o11-ondansetron-weight-based-teodora'] = rde(
    '20290310184800-0600', 'CR4400003', TEO, edpv1('CVV4400101'),
    {1: 'NW', 2: 'PX44-0301^CVCHRX', 5: 'IP', 9: '20290310184500-0600', 12: ED_MD},
    {1: '1', 7: '20290310185000', 9: 'S^Stat^HL70485', 14: '1'},
    {2: '00409-4755-03^Ondansetron 2 mg/mL injection^NDC', 3: '2.3', 5: 'mg^mg^UCUM',
     6: 'INJ^Injection^HL70292', 7: '^0.15 mg/kg x 15.2 kg = 2.28 mg, rounded to 2.3 mg; give over 30 s',
     10: '1.15', 11: 'mL^mL^UCUM', 27: 'R11.10^Vomiting, unspecified^I10'},
    weight(1, '15.2', '20290310181000'), 'IV^Intravenous^HL70162')
M['04-oru-r01-cmp-cbc-critical-k-teodora'] = [
    msh('CVCHLAB', '20290310195500-0600', 'CL4400004', 'ORU^R01^ORU_R01', '2.5.1'), seg('PID', TEO),
    edpv1('CVV4400101')] + \
    lab_obr(1, 'OR44-0201', 'CL44-0401', '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
            '20290310184000', '20290310195000', 'F') + [
    obx(1, 'NM', '2951-2^Sodium [Moles/volume] in Serum or Plasma^LN', '133', 'mmol/L^mmol/L^UCUM', '135-145', 'L',
        t='20290310184000'),
    obx(2, 'NM', '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', '2.7', 'mmol/L^mmol/L^UCUM', '3.4-4.7',
        'LL', t='20290310184000'),
    nte(1, 'CRITICAL: called to and read back by C VASHCHENKO-IBARRA RN 1952 10-MAR-2029 by CL21.'),
    obx(3, 'NM', '1963-8^Bicarbonate [Moles/volume] in Serum or Plasma^LN', '13', 'mmol/L^mmol/L^UCUM', '20-28',
        'L', t='20290310184000'),
    obx(4, 'NM', '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', '0.9', 'mg/dL^mg/dL^UCUM', '0.2-0.5', 'H',
        t='20290310184000')] + \
    lab_obr(2, 'OR44-0202', 'CL44-0402', '58410-2^CBC panel - Blood by Automated count^LN', '20290310184000',
            '20290310191500', 'F') + [
    obx(1, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '14.8', '10*3/uL^10*3/uL^UCUM',
        '5.0-15.5', 'N', t='20290310184000'),
    obx(2, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '12.1', 'g/dL^g/dL^UCUM', '11.0-14.0', 'N',
        t='20290310184000'),
    obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', '298', '10*3/uL^10*3/uL^UCUM',
        '150-450', 'N', t='20290310184000')]
# ---- Odalys, 3-month-old with paroxysmal cough and apnea ----
M['05-adt-a04-ed-arrival-odalys'] = [
    msh('CVCHEDT', '20290310231200', 'CT4400005', 'ADT^A04', '2.3'),
    seg('EVN', {1: 'A04', 2: '20290310231000'}), seg('PID', ODA),
    nk1(1, 'FITZWILLIAM-TAVARES^ROSANGELA^^^^^L', 'MTH^Mother^HL70063', '2740 Woodson Rd^^Overland^MO^63114^USA^H',
        '^PRN^CP^^1^314^5550172', 'CV4400192^^^CVCH^MR'),
    nk1(2, 'TAVARES-QUILLEN^DAMIAO^^^^^L', 'FTH^Father^HL70063', '2740 Woodson Rd^^Overland^MO^63114^USA^H',
        '^PRN^CP^^1^314^5550173'),
    edpv1('CVV4400102', start='20290310231000', md=ED_MD2),
    seg('PV2', {3: '^Paroxysmal cough, post-tussive cyanosis, apnea at home'})]
M['06-orm-o01-pertussis-sendout-cbc-odalys'] = [
    msh('CVCHCPOE', '20290310233500', 'CO4400006', 'ORM^O01', '2.3'), seg('PID', ODA),
    edpv1('CVV4400102', md=ED_MD2),
    seg('ORC', {1: 'NW', 2: 'OR44-0601^CVCHCPOE', 9: '20290310233000', 12: ED_MD2}),
    seg('OBR', {1: '1', 2: 'OR44-0601^CVCHCPOE',
                4: '23826-1^Bordetella pertussis DNA [Presence] in Specimen by NAA with probe detection^LN', 11: 'O',
                16: ED_MD2, 27: '^^^^^S'}),
    seg('ORC', {1: 'NW', 2: 'OR44-0602^CVCHCPOE', 9: '20290310233000', 12: ED_MD2}),
    seg('OBR', {1: '2', 2: 'OR44-0602^CVCHCPOE', 4: '11585-7^Bordetella pertussis IgG Ab [Units/volume] in Serum^LN',
                11: 'O', 16: ED_MD2, 27: '^^^^^R'}),
    seg('ORC', {1: 'NW', 2: 'OR44-0603^CVCHCPOE', 9: '20290310233000', 12: ED_MD2}),
    seg('OBR', {1: '3', 2: 'OR44-0603^CVCHCPOE', 4: '58410-2^CBC panel - Blood by Automated count^LN', 11: 'O',
                16: ED_MD2, 27: '^^^^^S'})]
# ---- Sunday 11 March 2029: the clocks go from 02:00 CST to 03:00 CDT ----
M['07-oru-r01-cbc-lymphocytosis-critical-odalys'] = [
    msh('CVCHLAB', '20290311004500-0600', 'CL4400007', 'ORU^R01^ORU_R01', '2.5.1'), seg('PID', ODA),
    edpv1('CVV4400102', md=ED_MD2)] + \
    lab_obr(1, 'OR44-0603', 'CL44-0701', '58410-2^CBC panel - Blood by Automated count^LN', '20290310234500',
            '20290311004000', 'F', md=ED_MD2) + [
    obx(1, 'NM', '6690-2^Leukocytes [#/volume] in Blood by Automated count^LN', '42.6', '10*3/uL^10*3/uL^UCUM',
        '6.0-17.5', 'HH', t='20290310234500'),
    nte(1, 'CRITICAL: called to and read back by Dr L PETRAKIS-ODUYA 0042 11-MAR-2029 by CL07.'),
    obx(2, 'NM', '736-9^Lymphocytes/100 leukocytes in Blood by Automated count^LN', '78', '%^%^UCUM', '40-70', 'H',
        t='20290310234500'),
    obx(3, 'NM', '777-3^Platelets [#/volume] in Blood by Automated count^LN', '612', '10*3/uL^10*3/uL^UCUM',
        '150-450', 'H', t='20290310234500')]
M['08-adt-a08-weight-update-odalys'] = [
    msh('CVCHEDT', '20290311013000', 'CT4400008', 'ADT^A08', '2.3'),
    seg('EVN', {1: 'A08', 2: '20290311012800'}), seg('PID', ODA),
    edpv1('CVV4400102', start='20290310231000', md=ED_MD2),
    weight(1, '5.1', '20290311012000')]
M['09-adt-a04-newborn-jaundice-arrival'] = [
    msh('CVCHEDT', '20290311014200', 'CT4400009', 'ADT^A04', '2.3'),
    seg('EVN', {1: 'A04', 2: '20290311014000'}), seg('PID', NB),
    nk1(1, 'VORNHOLT-BEAUMONT^WILHELMINA^^^^^L', 'MTH^Mother^HL70063', '64 Lindbergh Pl^^Town and Country^MO^63131^USA^H',
        '^PRN^CP^^1^314^5550191', 'CV4400194^^^CVCH^MR'),
    edpv1('CVV4400104', start='20290311014000'),
    seg('PV2', {3: '^Jaundice, poor feeding, day of life 6'}),
    weight(1, '2.94', '20290311014500')]
M['10-oru-r01-poc-blood-gas-skipped-hour-odalys'] = [
    msh('CVCHPOC', '20290311035500', 'CP4400010', 'ORU^R01', '2.3'), seg('PID', ODA),
    edpv1('CVV4400102', md=ED_MD2),
    seg('OBR', {1: '1', 3: 'PG44-1001^CVCHPOC', 4: '24336-0^Gas panel - Capillary blood^LN',
                7: '20290311025000', 16: ED_MD2, 22: '20290311025300', 24: 'BG', 25: 'F'}),
    obx(1, 'NM', '2745-8^pH of Capillary blood^LN', '7.21', '[pH]^pH^UCUM', '7.35-7.45', 'LL', t='20290311025000'),
    obx(2, 'NM', '2020-7^Carbon dioxide [Partial pressure] in Capillary blood^LN', '68', 'mm[Hg]^mmHg^UCUM',
        '35-45', 'HH', t='20290311025000'),
    nte(1, 'Post-apneic spell. Result given to bedside RN by analyzer operator 0255.')]
M['11-rde-o11-azithromycin-weight-based-odalys'] = rde(
    '20290311031500-0500', 'CR4400011', ODA, edpv1('CVV4400102', md=ED_MD2),
    {1: 'NW', 2: 'PX44-1101^CVCHRX', 5: 'IP', 9: '20290311030500', 12: ED_MD2},
    {1: '1', 3: 'Q24H&Every 24 hours&HL70335', 7: '20290311040000', 8: '20290315', 14: '5'},
    {2: '00069-3120-19^Azithromycin 100 mg/5 mL oral suspension^NDC', 3: '51', 5: 'mg^mg^UCUM',
     6: 'SUSP^Suspension^HL70292', 7: '^10 mg/kg/dose x 5.1 kg = 51 mg (2.55 mL) once daily x 5 days',
     10: '15', 11: 'mL^mL^UCUM', 27: 'A37.00^Whooping cough due to Bordetella pertussis without pneumonia^I10'},
    weight(1, '5.1', '20290311012000'), 'PO^Oral^HL70162')
M['12-oru-r01-newborn-multipanel-skipped-hour'] = [
    msh('CVCHLAB', '20290311034800-0500', 'CL4400012', 'ORU^R01^ORU_R01', '2.5.1'), seg('PID', NB),
    edpv1('CVV4400104')] + \
    lab_obr(1, 'OR44-1201', 'CL44-1201', '58941-6^Transcutaneous Bilirubin and Total and Direct panel^LN',
            '20290311023500', '20290311034000', 'F', plac_app='CVCHCPOE') + [
    obx(1, 'NM', '1975-2^Bilirubin.total [Mass/volume] in Serum or Plasma^LN', '21.4', 'mg/dL^mg/dL^UCUM',
        '<15.0', 'HH', t='20290311023500'),
    nte(1, 'CRITICAL: called to and read back by Dr S OKWUOSA-LINDGARD 0345 11-MAR-2029 by CL15.'),
    obx(2, 'NM', '1968-7^Bilirubin.direct [Mass/volume] in Serum or Plasma^LN', '0.6', 'mg/dL^mg/dL^UCUM',
        '0.0-0.6', 'N', t='20290311023500')] + \
    lab_obr(2, 'OR44-1202', 'CL44-1202', '58410-2^CBC panel - Blood by Automated count^LN', '20290311023500',
            '20290311031500', 'F', plac_app='CVCHCPOE') + [
    obx(1, 'NM', '718-7^Hemoglobin [Mass/volume] in Blood^LN', '13.2', 'g/dL^g/dL^UCUM', '14.5-22.5', 'L',
        t='20290311023500'),
    obx(2, 'NM', '17849-1^Reticulocytes/100 erythrocytes in Blood by Automated count^LN', '7.8', '%^%^UCUM',
        '1.5-5.0', 'H', t='20290311023500')] + \
    lab_obr(3, 'OR44-1203', 'CL44-1203', '34147-9^ABO and Rh group and DAT panel - Blood^LN', '20290311015500',
            '20290311033000', 'F', plac_app='CVCHCPOE') + [
    obx(1, 'CWE', '882-1^ABO and Rh group [Type] in Blood^LN', '278149003^Blood group A Rh(D) positive^SCT',
        t='20290311015500'),
    obx(2, 'CWE', '1007-4^Direct antiglobulin test.poly specific reagent [Presence] on Red Blood Cells^LN',
        '10828004^Positive^SCT', flag='A', t='20290311015500'),
    nte(1, 'Mother CV4400194 group O positive. Consistent with ABO hemolytic disease of the newborn.')]
M['13-adt-a03-ed-visit-ends-admitted-teodora'] = [
    msh('CVCHADT', '20290311031000-0500', 'CA4400013', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20290311025500'}), seg('PID', TEO),
    edpv1('CVV4400101', start='20290310180500', end='20290311025500',
          disp='09^Admitted as an inpatient to this hospital^HL70112'),
    seg('PV2', {3: '^Salmonella gastroenteritis? hypokalemia, dehydration'})]
M['14-oru-r01-elr-stool-salmonella-teodora'] = [
    msh('CVCHELR^2.16.840.1.113883.3.4404.1.1^ISO', '20290311094000-0500', 'CE4400014', 'ORU^R01^ORU_R01', '2.5.1',
        fac='CVCH^26D4400101^CLIA', extra=ELR_MSH),
    seg('SFT', {1: 'Crevecoeur Lab Interfaces^L', 2: '4.2', 3: 'CVCH-LIS', 4: '44R1', 6: '20280901'}),
    seg('PID', TEO),
    nk1(1, 'HAAKONSEN-MAKOA^KEALOHA^MARIT^^^^L', 'MTH^Mother^HL70063', '11 Ballas Ct^^Creve Coeur^MO^63141^USA^H',
        '^PRN^CP^^1^314^5550145'),
    seg('PV1', {1: '1', 2: 'I', 3: 'PED-4^412^1^CVCH', 19: 'CVV4400111^^^CVCH^VN'})] + \
    elr_orc_obr('RE', 'OR44-0203', 'CVCHCPOE', 'CE44-1401', 'CVCHLAB', STOOL_CX, '20290310192000',
                '20290311093500', 'F', ED_MD) + [
    obx(1, 'CWE', STOOL_CX, SALM, flag='A', t='20290310192000',
        extra={**CVCH_PERF, 17: 'MALDI^Identification by MALDI-TOF mass spectrometry^L', 19: '20290311090000'}),
    obx(2, 'CWE', '20951-0^Shigella sp identified in Stool by Organism specific culture^LN',
        '260415000^Not detected^SCT^^^^20080131', t='20290310192000',
        extra={**CVCH_PERF, 17: 'CULT^Culture^L', 19: '20290311090000'}),
    spm('CL44-1401S&CVCHLAB', '119339001^Stool specimen^SCT^^^^20080131', '20290310192000', '20290310194500')]
# ---- Monday 12 March 2029 (CDT, -0500) ----
M['15-oru-r01-elr-pertussis-pcr-odalys'] = [
    msh('NSRLELR^2.16.840.1.113883.3.4404.9.1^ISO', '20290312112000-0500', 'NE4400015', 'ORU^R01^ORU_R01', '2.5.1',
        fac='NSRL^24D4400777^CLIA', extra=ELR_MSH),
    seg('SFT', {1: 'Northstar Labs^L', 2: '11.0', 3: 'NSRL-LIS', 4: '11044', 6: '20281015'}),
    seg('PID', ODA),
    nk1(1, 'FITZWILLIAM-TAVARES^ROSANGELA^^^^^L', 'MTH^Mother^HL70063', '2740 Woodson Rd^^Overland^MO^63114^USA^H',
        '^PRN^CP^^1^314^5550172')] + \
    elr_orc_obr('RE', 'OR44-0601', 'CVCHCPOE', 'NS44-1501', 'NSRL',
                '23826-1^Bordetella pertussis DNA [Presence] in Specimen by NAA with probe detection^LN^^^^2.40',
                '20290310234000-0600', '20290312111500-0500', 'F', ED_MD2) + [
    obx(1, 'CWE', '23826-1^Bordetella pertussis DNA [Presence] in Specimen by NAA with probe detection^LN^^^^2.40',
        '5247005^Bordetella pertussis^SCT^^^^20080131', flag='A', t='20290310234000-0600',
        extra={**NSRL_PERF, 17: '9718006^Polymerase chain reaction analysis^SCT', 19: '20290312094000-0500'}),
    obx(2, 'CWE', '29907-3^Bordetella parapertussis DNA [Presence] in Specimen by NAA with probe detection^LN',
        '260415000^Not detected^SCT^^^^20080131', t='20290310234000-0600',
        extra={**NSRL_PERF, 17: '9718006^Polymerase chain reaction analysis^SCT', 19: '20290312094000-0500'}),
    spm('NS44-1501S&NSRL', '258500001^Nasopharyngeal swab^SCT^^^^20080131', '20290310234000-0600',
        '20290311143000-0500', site='71836000^Nasopharyngeal structure^SCT')]
M['16-orm-o01-cancel-pertussis-serology-odalys'] = [
    msh('CVCHCPOE', '20290312113500', 'CO4400016', 'ORM^O01', '2.3'), seg('PID', ODA),
    seg('PV1', {1: '1', 2: 'I', 3: 'PICU^P08^1^CVCH', 7: ED_MD2, 19: 'CVV4400112^^^CVCH^VN'}),
    seg('ORC', {1: 'CA', 2: 'OR44-0602^CVCHCPOE', 5: 'CA', 9: '20290312113300', 12: ED_MD2,
                16: 'DUP^PCR positive; serology not indicated under 1 year^L'}),
    seg('OBR', {1: '1', 2: 'OR44-0602^CVCHCPOE', 4: '11585-7^Bordetella pertussis IgG Ab [Units/volume] in Serum^LN',
                16: ED_MD2})]
M['17-oru-r01-elr-serology-cancelled-odalys'] = [
    msh('NSRLELR^2.16.840.1.113883.3.4404.9.1^ISO', '20290312120500-0500', 'NE4400017', 'ORU^R01^ORU_R01', '2.5.1',
        fac='NSRL^24D4400777^CLIA', extra=ELR_MSH),
    seg('SFT', {1: 'Northstar Labs^L', 2: '11.0', 3: 'NSRL-LIS', 4: '11044', 6: '20281015'}),
    seg('PID', ODA)] + \
    elr_orc_obr('OC', 'OR44-0602', 'CVCHCPOE', 'NS44-1702', 'NSRL',
                '11585-7^Bordetella pertussis IgG Ab [Units/volume] in Serum^LN^^^^2.40',
                '20290310234000-0600', '20290312120000-0500', 'X', ED_MD2) + [
    nte(1, 'Test cancelled at the request of the ordering physician 12-MAR-2029 11:33 CDT. No result will be reported.'),
    spm('NS44-1702S&NSRL', '119364003^Serum specimen^SCT^^^^20080131', '20290310234000-0600',
        '20290311143000-0500')]
# ---- Benedikt, 5 years, dog bite; catch-up vaccines ----
M['18-adt-a04-ed-dog-bite-benedikt'] = [
    msh('CVCHEDT', '20290312161200', 'CT4400018', 'ADT^A04', '2.3'),
    seg('EVN', {1: 'A04', 2: '20290312161000'}), seg('PID', BEN),
    nk1(1, 'RAUTIAINEN-CHIBUZOR^OLUCHI^^^^^L', 'MTH^Mother^HL70063', '918 Dielman Rd^^Olivette^MO^63132^USA^H',
        '^PRN^CP^^1^636^5550128'),
    edpv1('CVV4400103', start='20290312161000', md=ED_MD2),
    seg('PV2', {3: '^Dog bite left forearm'}),
    weight(1, '19.8', '20290312162000')]
M['19-rde-o11-amox-clav-weight-based-benedikt'] = rde(
    '20290312172500-0500', 'CR4400019', BEN, edpv1('CVV4400103', md=ED_MD2),
    {1: 'NW', 2: 'PX44-1901^CVCHRX', 5: 'IP', 9: '20290312172000-0500', 12: ED_MD2},
    {1: '1', 3: 'Q12H&Every 12 hours&HL70335', 7: '20290312180000', 8: '20290317', 14: '10'},
    {2: '43598-0226-52^Amoxicillin 400 mg / clavulanate 57 mg per 5 mL suspension^NDC', 3: '495', 5: 'mg^mg^UCUM',
     6: 'SUSP^Suspension^HL70292', 7: '^25 mg/kg/dose (amoxicillin) x 19.8 kg = 495 mg (6.2 mL) every 12 h x 5 days',
     10: '75', 11: 'mL^mL^UCUM', 27: 'W54.0XXA^Bitten by dog, initial encounter^I10'},
    weight(1, '19.8', '20290312162000'), 'PO^Oral^HL70162')


def imm(sub, fill, cvx, amt, lot, exp, mvx, site, vis, vis_date, t):
    return [seg('ORC', {1: 'RE', 3: f'{fill}^CVCHIMM', 12: ED_MD2}),
            seg('RXA', {1: '0', 2: '1', 3: t, 4: t, 5: cvx, 6: amt, 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001',
                        10: RN, 11: '^^^CVCHED', 15: lot, 16: exp, 17: mvx, 20: 'CP', 21: 'A'}),
            seg('RXR', {1: 'C28161^Intramuscular^NCIT' if site else 'C38299^Subcutaneous^NCIT', 2: site or 'RA^Right Arm^HL70163'}),
            obx(1, 'CE', '64994-7^Vaccine funding program eligibility category^LN',
                'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064', st='F', t=t, sub=str(sub),
                extra={17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
            obx(2, 'CE', '30963-3^Vaccine funding source^LN', 'VXC50^Public^CDCPHINVS', sub=str(sub)),
            obx(3, 'CE', '69764-9^Document type^LN', vis, sub=str(sub + 1)),
            obx(4, 'TS', '29769-7^Date vaccine information statement presented^LN', vis_date, sub=str(sub + 1))]


M['20-vxu-v04-catch-up-vfc-benedikt'] = [
    msh('CVCHIMM', '20290312174500-0500', 'CI4400020', 'VXU^V04^VXU_V04', '2.5.1', extra={5: 'MOSIIS', 6: 'MODHSS',
        15: 'ER', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
    seg('PID', BEN),
    seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 13: '20290312', 16: 'A', 17: '20240220'}),
    nk1(1, 'RAUTIAINEN-CHIBUZOR^OLUCHI^^^^^L', 'MTH^Mother^HL70063', '918 Dielman Rd^^Olivette^MO^63132^USA^H',
        '^PRN^CP^^1^636^5550128')] + \
    imm(1, 'IM44-2001', '130^DTaP-IPV^CVX', '0.5', 'KNX4471', '20300131', 'SKB^GlaxoSmithKline^MVX',
        'LD^Left Deltoid^HL70163', '253088698300003511070517^Multiple Vaccines VIS^cdcgs1vis', '20290312',
        '20290312173000') + \
    imm(1, 'IM44-2002', '94^MMRV^CVX', '0.5', 'PQD0944', '20291120', 'MSD^Merck and Co^MVX', '',
        '253088698300012711120420^MMRV VIS^cdcgs1vis', '20290312', '20290312173200') + \
    imm(1, 'IM44-2003', '83^Hep A, ped/adol, 2 dose^CVX', '0.5', 'HAV2208', '20300630', 'SKB^GlaxoSmithKline^MVX',
        'RD^Right Deltoid^HL70163', '253088698300004211111016^Hepatitis A VIS^cdcgs1vis', '20290312',
        '20290312173400')
M['21-adt-a03-ed-discharge-home-benedikt'] = [
    msh('CVCHEDT', '20290312194500', 'CT4400021', 'ADT^A03', '2.3'),
    seg('EVN', {1: 'A03', 2: '20290312194000'}), seg('PID', BEN),
    edpv1('CVV4400103', start='20290312161000', end='20290312194000', disp='01^Discharged to home or self care^HL70112',
          md=ED_MD2)]
M['22-oru-r01-elr-blood-lead-bare-benedikt'] = [
    msh('MVPEDSELR', '20290312153000', 'MV4400022', 'ORU^R01^ORU_R01', '2.5.1', fac='MVPEDS^26D4400555^CLIA',
        extra=ELR_MSH),
    seg('PID', {**BEN, 3: 'MV4400903^^^MVPEDS^MR~CV4400103^^^CVCH^MR'}),
    nk1(1, 'RAUTIAINEN-CHIBUZOR^OLUCHI^^^^^L', 'MTH^Mother^HL70063', '918 Dielman Rd^^Olivette^MO^63132^USA^H',
        '^PRN^CP^^1^636^5550128')] + \
    [seg('ORC', {1: 'RE', 2: 'MV44-2201^MVPEDS', 3: 'MV44-2201L^MVPEDS', 12: PCP, 21: MV_XON, 22: MV_ADDR,
                 23: '^WPN^PH^^1^636^5550155', 24: MV_ADDR}),
     seg('OBR', {1: '1', 2: 'MV44-2201^MVPEDS', 3: 'MV44-2201L^MVPEDS',
                 4: '5671-3^Lead [Mass/volume] in Blood^LN^^^^2.40', 7: '20290308101500', 16: PCP,
                 22: '20290312152500', 25: 'F'}),
     obx(1, 'NM', '5671-3^Lead [Mass/volume] in Blood^LN^^^^2.40', '7.2', 'ug/dL^microgram per deciliter^UCUM',
         '<3.5', 'H', t='20290308101500',
         extra={17: 'ASV^Anodic stripping voltammetry^L', 19: '20290308103000', 23: MV_XON, 24: MV_ADDR,
                25: '1720466329^TEMPLETON-ADU^MIRABEL^^^^MD^^NPI^L^^^NPI'}),
     spm('MV44-2201S&MVPEDS', '122554006^Capillary blood specimen^SCT^^^^20080131', '20290308101500',
         '20290308101600')]
M['23-adt-a08-newborn-named'] = [
    msh('CVCHADT', '20290312203000-0500', 'CA4400023', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A08', 2: '20290312202800'}), seg('PID', NB_NAMED),
    nk1(1, 'VORNHOLT-BEAUMONT^WILHELMINA^^^^^L', 'MTH^Mother^HL70063', '64 Lindbergh Pl^^Town and Country^MO^63131^USA^H',
        '^PRN^CP^^1^314^5550191', 'CV4400194^^^CVCH^MR'),
    nk1(2, 'BEAUMONT^ROLAND^^^^^L', 'FTH^Father^HL70063', '64 Lindbergh Pl^^Town and Country^MO^63131^USA^H',
        '^PRN^CP^^1^314^5550192'),
    edpv1('CVV4400104', start='20290311014000')]
# ---- Tuesday 13 March 2029: the stool isolate re-identified ----
M['24-oru-r01-elr-stool-corrected-shigella-teodora'] = [
    msh('CVCHELR^2.16.840.1.113883.3.4404.1.1^ISO', '20290313101500-0500', 'CE4400024', 'ORU^R01^ORU_R01', '2.5.1',
        fac='CVCH^26D4400101^CLIA', extra=ELR_MSH),
    seg('SFT', {1: 'Crevecoeur Lab Interfaces^L', 2: '4.2', 3: 'CVCH-LIS', 4: '44R1', 6: '20280901'}),
    seg('PID', TEO),
    nk1(1, 'HAAKONSEN-MAKOA^KEALOHA^MARIT^^^^L', 'MTH^Mother^HL70063', '11 Ballas Ct^^Creve Coeur^MO^63141^USA^H',
        '^PRN^CP^^1^314^5550145'),
    seg('PV1', {1: '1', 2: 'I', 3: 'PED-4^412^1^CVCH', 19: 'CVV4400111^^^CVCH^VN'})] + \
    elr_orc_obr('RE', 'OR44-0203', 'CVCHCPOE', 'CE44-1401', 'CVCHLAB', STOOL_CX, '20290310192000',
                '20290313101000', 'C', ED_MD) + [
    obx(1, 'CWE', STOOL_CX, SHIG, flag='A', st='C', t='20290310192000',
        extra={**CVCH_PERF, 17: 'MALDI^Identification by MALDI-TOF mass spectrometry^L', 19: '20290313093000'}),
    nte(1, 'CORRECTED 13-MAR-2029: isolate previously reported as Salmonella re-identified as Shigella sonnei '
        '(serotyping, Salmonella antisera negative). Public health notified.'),
    obx(2, 'CWE', '20951-0^Shigella sp identified in Stool by Organism specific culture^LN',
        '260373001^Detected^SCT^^^^20080131', flag='A', st='C', t='20290310192000',
        extra={**CVCH_PERF, 17: 'CULT^Culture^L', 19: '20290313093000'}),
    spm('CL44-1401S&CVCHLAB', '119339001^Stool specimen^SCT^^^^20080131', '20290310192000', '20290310194500')]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
