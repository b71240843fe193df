#!/usr/bin/env python3
r"""Review 39's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the feeds of one US community hospital's women's and children's service and its pediatric clinic in
America/Chicago, January-February 2028 (CST, -0600 throughout: no DST change in the window; DST starts 12 March).
Prairie Meadows Community Hospital (PMCH), Labor & Delivery (LD), Newborn Nursery (NBN), Prairie Meadows
Pediatrics clinic (PMPEDS):
- registration "MEDIREG" (ADT v2.3.1, MSH-7 / EVN-2 / PV1-44 with offsets): the mother's L&D admission (A01), each
  twin's newborn admission (A01: PV1-4 N, PID-24 Y, PID-25 birth order, NK1 MTH and FTH), twin A's A08 name change
  from BABYGIRL A to her given name (same MRN);
- radiology "SONOVIEW" (ORU^R01 v2.4): obstetric ultrasound with TX findings lines;
- laboratory "PRAIRIELAB" (ORU^R01 v2.5.1): maternal GBS culture with susceptibilities (OBX-4 sub-ids 1, 1.1, 1.2,
  1.3), newborn total serum bilirubin (OBX-8 H) and its repeat;
- hearing screen device gateway "EARLYHEAR" (ORU^R01 v2.5.1): OAE screen per ear (OBX-8 A on a Refer) and the
  repeat screen the next day;
- pharmacy "RXWISE" (RDE^O11 v2.5): weight-based neonatal vitamin K (OBX weight in the order group), Rh immune
  globulin for the mother; e-MAR "BEDSIDE" (RAS^O17 v2.5) the doses given;
- immunization "IMMLINK" (VXU^V04 v2.5.1 CDC IG): hepatitis B birth doses with VIS OBX, funding eligibility, and
  the mother's HBsAg status sent as an OBX in the newborn's message;
- EHR "OBNOTE" (MDM^T02 v2.6) discharge summary; finance "CHARGEPRO" (DFT^P03 v2.5) for the delivery: the one
  sender whose times carry no offset;
- pediatric clinic EHR "KIDSCHART" (ADT A28 / A04 v2.5.1, VXU^V04 v2.5.1): well-child visits at 6 weeks, a
  combination vaccine DTaP-HepB-IPV (CVX 110 / MVX SKB) given with Hib (CVX 48 / MVX PMC), a parental refusal of
  rotavirus (RXA-20 RE, RXA-18 00 NIP002, RXA-6 999), a historical hepatitis B birth dose (RXA-9 01).
Patients and numbers (PM39..., PMV39..., PMP39..., LB39-, RX39-, US39-) none of reviews 16-38's. Fields placed by
number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Chicago, the channel's zone):
    python3 docs/review39/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review39/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, fac='PMCH', extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'PMCH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


M = {}
# ---- patients ----
MOM = {1: '1', 3: 'PM3900101^^^PMCH^MR~412-55-0193^^^SSA^SS', 5: 'OKONKWO-HALVERSEN^ADAEZE^NNEKA^^^^L',
       7: '19930822', 8: 'F', 10: '2054-5^Black or African American^CDCREC',
       11: '1180 Prairie Rose Dr^Apt 4^Bloomington^IL^61704^USA^H', 13: '^PRN^PH^^1^309^5550193',
       18: 'PMV3900101^^^PMCH^AN'}
MARISOL = {1: '1', 3: 'PM3900150^^^PMCH^MR', 5: 'VILLANUEVA-REYES^MARISOL^^^^^L', 7: '19980411', 8: 'F',
           11: '27 Cottonwood Ct^^Normal^IL^61761^USA^H', 13: '^PRN^CP^^1^309^5550150'}
NEWBORN_A = {1: '1', 3: 'PM3900102^^^PMCH^MR', 5: 'OKONKWO-HALVERSEN^BABYGIRL A^^^^^L',
             6: 'OKONKWO^^^^^^M', 7: '202801140712-0600', 8: 'F',
             11: '1180 Prairie Rose Dr^Apt 4^Bloomington^IL^61704^USA^H', 18: 'PMV3900102^^^PMCH^AN',
             24: 'Y', 25: '1'}
NEWBORN_B = {1: '1', 3: 'PM3900103^^^PMCH^MR', 5: 'OKONKWO-HALVERSEN^BABYBOY B^^^^^L',
             6: 'OKONKWO^^^^^^M', 7: '202801140719-0600', 8: 'M',
             11: '1180 Prairie Rose Dr^Apt 4^Bloomington^IL^61704^USA^H', 18: 'PMV3900103^^^PMCH^AN',
             24: 'Y', 25: '2'}
CHIDERA = {**NEWBORN_A, 5: 'OKONKWO-HALVERSEN^CHIDERA^AMARA^^^^L'}
# the pediatric clinic keeps the hospital MRN and adds its own chart number
CHIDERA_CLINIC = {**CHIDERA, 3: 'PP3900212^^^PMPEDS^MR~PM3900102^^^PMCH^MR', 18: ''}
BOY_CLINIC = {**NEWBORN_B, 3: 'PP3900213^^^PMPEDS^MR~PM3900103^^^PMCH^MR',
              5: 'OKONKWO-HALVERSEN^OBINNA^ERIK^^^^L', 18: ''}
for p in (CHIDERA_CLINIC, BOY_CLINIC):
    del p[18]

OB = '1720493385^LINDQVIST-ABARA^HELENA^^^^MD^^NPI^L^^^NPI'
PEDS = '1558302716^TRAN-MCKINNON^DAVID^^^^MD^^NPI^L^^^NPI'
NURSE = '880412^BEAUCHAMP^ROSALIND^^^^RN'
NK_MOM = seg('NK1', {1: '1', 2: 'OKONKWO-HALVERSEN^ADAEZE^NNEKA', 3: 'MTH^Mother^HL70063',
                     4: '1180 Prairie Rose Dr^Apt 4^Bloomington^IL^61704^USA^H', 5: '^PRN^PH^^1^309^5550193'})
NK_DAD = seg('NK1', {1: '2', 2: 'HALVERSEN^ERIK^JOHAN', 3: 'FTH^Father^HL70063',
                     4: '1180 Prairie Rose Dr^Apt 4^Bloomington^IL^61704^USA^H', 5: '^PRN^CP^^1^309^5550877'})


def adt(t, ctl, evt, struct, evn2, v='2.3.1', app='MEDIREG'):
    typ = f'ADT^{evt}' if v == '2.3.1' else f'ADT^{evt}^{struct}'
    return [msh(app, t, ctl, typ, v), seg('EVN', {1: evt, 2: evn2, 5: 'REG0193^KOWALCZYK^DANA'})]


# 01 SONOVIEW: outpatient obstetric ultrasound of Adaeze at 34 weeks, twin pregnancy (v2.4, TX lines)
US = '76805^US OB >=14 wks, transabdominal^CPT4'
tx = ['Dichorionic diamniotic twin gestation, 34w2d by LMP.',
      'Twin A (maternal left, presenting): cephalic, EFW 2290 g (38th centile), AFI normal.',
      'Twin B (maternal right): breech, EFW 2110 g (27th centile), AFI normal.',
      'Placentas: anterior (A) and posterior fundal (B), no previa.',
      'IMPRESSION: Concordant growth, discordance 8%. Twin B breech.']
M['01-oru-r01-ob-ultrasound-twins-adaeze'] = [
    msh('SONOVIEW', '20280110103400-0600', 'SV3900001', 'ORU^R01', '2.4'),
    seg('PID', MOM),
    seg('PV1', {1: '1', 2: 'O', 3: 'OBUS^^^PMCH', 7: OB, 19: 'PMV3900091^^^PMCH^VN'}),
    seg('ORC', {1: 'RE', 2: 'US39-0101^OBNOTE', 3: 'US39-7701^SONOVIEW', 12: OB}),
    seg('OBR', {1: '1', 2: 'US39-0101^OBNOTE', 3: 'US39-7701^SONOVIEW', 4: US, 7: '20280110091500-0600',
                16: OB, 22: '20280110103000-0600', 24: 'US', 25: 'F',
                32: '1299034811&OSEI-BRANDT&KWAME&&&&MD'}),
] + [seg('OBX', {1: str(i), 2: 'TX', 3: '59776-5^Procedure findings^LN', 4: '1', 5: line, 11: 'F',
                 14: '20280110091500-0600'}) for i, line in enumerate(tx, 1)]

# 02 PRAIRIELAB: Marisol's GBS culture at 36 weeks, positive, with susceptibilities (OBX-4 sub-ids)
M['02-oru-r01-gbs-culture-susceptibility-marisol'] = [
    msh('PRAIRIELAB', '20280111142200-0600', 'PL3900002', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', MARISOL),
    seg('PV1', {1: '1', 2: 'O', 3: 'OBCL^^^PMCH', 7: OB, 19: 'PMV3900150^^^PMCH^VN'}),
    seg('ORC', {1: 'RE', 2: 'LB39-0201^OBNOTE', 3: 'LB39-8201^PRAIRIELAB', 12: OB}),
    seg('OBR', {1: '1', 2: 'LB39-0201^OBNOTE', 3: 'LB39-8201^PRAIRIELAB',
                4: '80389-0^Streptococcus agalactiae screen culture^LN', 7: '20280108101500-0600',
                15: '^^^VAGREC&Vaginal-rectal&L', 16: OB, 22: '20280111142000-0600', 24: 'MB', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '80389-0^Streptococcus agalactiae screen culture^LN', 4: '1',
                5: '80166008^Streptococcus agalactiae^SCT', 8: 'A', 11: 'F', 14: '20280108101500-0600'}),
    seg('OBX', {1: '2', 2: 'SN', 3: '18878-9^Cefazolin [Susceptibility] by MIC^LN', 4: '1.1', 5: '<=^0.5',
                6: 'ug/mL^ug/mL^UCUM', 8: 'S', 11: 'F', 14: '20280108101500-0600'}),
    seg('OBX', {1: '3', 2: 'SN', 3: '18908-4^Clindamycin [Susceptibility] by MIC^LN', 4: '1.2', 5: '>=^1',
                6: 'ug/mL^ug/mL^UCUM', 8: 'R', 11: 'F', 14: '20280108101500-0600'}),
    seg('OBX', {1: '4', 2: 'SN', 3: '18919-1^Erythromycin [Susceptibility] by MIC^LN', 4: '1.3', 5: '>=^8',
                6: 'ug/mL^ug/mL^UCUM', 8: 'R', 11: 'F', 14: '20280108101500-0600'}),
    seg('OBX', {1: '5', 2: 'SN', 3: '18964-7^Penicillin [Susceptibility] by MIC^LN', 4: '1.4', 5: '<=^0.06',
                6: 'ug/mL^ug/mL^UCUM', 8: 'S', 11: 'F', 14: '20280108101500-0600'}),
    seg('NTE', {1: '1', 2: 'L', 3: 'Clindamycin resistant (inducible, D-test positive). Penicillin allergy: use cefazolin.'}),
]

# 03 MEDIREG: Adaeze admitted to L&D in labor at 37w
M['03-adt-a01-admit-labor-adaeze'] = adt('20280114034500-0600', 'MR3900003', 'A01', 'ADT_A01',
                                         '20280114034100-0600') + [
    seg('PID', MOM),
    NK_DAD.replace('NK1|2|', 'NK1|1|').replace('FTH^Father', 'SPO^Spouse'),
    seg('PV1', {1: '1', 2: 'I', 3: 'LD^LDR04^A^PMCH', 4: 'L^Labor and Delivery^HL70007', 7: OB, 10: 'OBS',
                19: 'PMV3900101^^^PMCH^VN', 44: '20280114034100-0600'}),
    seg('DG1', {1: '1', 3: 'O30.043^Twin pregnancy, dichorionic/diamniotic, third trimester^I10', 6: 'A'}),
]


def newborn_a01(ctl, t, pid, bed, weight):
    return adt(t, ctl, 'A01', 'ADT_A01', t) + [
        seg('PID', pid), NK_MOM, NK_DAD,
        seg('PV1', {1: '1', 2: 'I', 3: f'NBN^{bed}^A^PMCH', 4: 'N^Newborn^HL70007', 7: PEDS, 10: 'NB',
                    19: f'{pid[18].split("^")[0]}^^^PMCH^VN', 44: pid[7]}),
        seg('OBX', {1: '1', 2: 'NM', 3: '8339-4^Birth weight Measured^LN', 5: weight, 6: 'g^gram^UCUM', 11: 'F',
                    14: pid[7]}),
    ]


# 04 / 05 MEDIREG: the twins' newborn admissions (PID-24 Y, PID-25 1 / 2, NK1 mother and father)
M['04-adt-a01-newborn-twin-a'] = newborn_a01('MR3900004', '20280114073000-0600', NEWBORN_A, 'B07', '2315')
M['05-adt-a01-newborn-twin-b'] = newborn_a01('MR3900005', '20280114073400-0600', NEWBORN_B, 'B08', '1420')


# 06 RXWISE: weight-based vitamin K for twin B (1.42 kg, 0.5 mg/kg -> 0.7 mg IM)
VITK = '00409-9158-01^Phytonadione 1 mg/0.5 mL injection^NDC'
M['06-rde-o11-vitamin-k-weight-based-twin-b'] = [
    msh('RXWISE', '20280114080200-0600', 'RW3900006', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', NEWBORN_B),
    seg('PV1', {1: '1', 2: 'I', 3: 'NBN^B08^A^PMCH', 7: PEDS, 19: 'PMV3900103^^^PMCH^VN'}),
    seg('ORC', {1: 'NW', 2: 'RX39-0601^CPOE', 3: 'RX39-9601^RXWISE', 5: 'IP', 9: '20280114080000-0600', 12: PEDS}),
    seg('TQ1', {1: '1', 2: '1', 7: '20280114080000-0600', 9: 'S^Stat^HL70485'}),
    seg('RXE', {2: VITK, 3: '0.7', 5: 'mg^milligram^UCUM', 6: 'INJ^Injection^L', 10: '1', 11: 'EA^each^UCUM',
                21: 'Dose 0.5 mg/kg x 1.42 kg birth weight', 25: '0.7', 26: 'mg^milligram^UCUM'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LVL^Left vastus lateralis^HL70163'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '1.42', 6: 'kg^kilogram^UCUM', 11: 'F',
                14: '20280114071900-0600'}),
]

# 07 BEDSIDE: vitamin K given to twin B
M['07-ras-o17-vitamin-k-given-twin-b'] = [
    msh('BEDSIDE', '20280114082100-0600', 'BS3900007', 'RAS^O17^RAS_O17', '2.5'),
    seg('PID', NEWBORN_B),
    seg('PV1', {1: '1', 2: 'I', 3: 'NBN^B08^A^PMCH', 7: PEDS, 19: 'PMV3900103^^^PMCH^VN'}),
    seg('ORC', {1: 'SC', 2: 'RX39-0601^CPOE', 3: 'RX39-9601^RXWISE', 5: 'CM', 12: PEDS}),
    seg('RXA', {1: '0', 2: '1', 3: '20280114081500-0600', 4: '20280114081500-0600', 5: VITK, 6: '0.7',
                7: 'mg^milligram^UCUM', 10: NURSE, 15: 'K2291A', 16: '20290630', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LVL^Left vastus lateralis^HL70163'}),
]


def vxu(t, ctl, pid, pv1, groups, app='IMMLINK', fac='PMCH'):
    return [msh(app, t, ctl, 'VXU^V04^VXU_V04', '2.5.1', fac=fac,
                extra={15: 'NE', 16: 'AL', 21: 'Z22^CDCPHINVS'}),
            seg('PID', pid), seg('PD1', {12: 'N', 16: 'A', 17: '20280114'}), NK_MOM,
            seg('PV1', pv1)] + groups


def vis_obx(start, cvx, vis_date, given, elig='V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064'):
    return [
        seg('OBX', {1: str(start), 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                    5: elig, 11: 'F', 14: given, 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
        seg('OBX', {1: str(start + 1), 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: '2', 5: cvx, 11: 'F', 14: given}),
        seg('OBX', {1: str(start + 2), 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN',
                    4: '2', 5: vis_date, 11: 'F', 14: given}),
        seg('OBX', {1: str(start + 3), 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN',
                    4: '2', 5: given[:8], 11: 'F', 14: given}),
    ]


HEPB = '08^Hep B, adolescent or pediatric^CVX'
MOM_HBSAG = seg('OBX', {1: '5', 2: 'CE', 3: 'MHBSAG^Mother HBsAg status^99PMCH', 4: '3',
                        5: 'NEG^Mother HBsAg negative^99PMCH', 11: 'F', 14: '20271102'})


def hepb_birth(t, ctl, pid, bed, given, lot, plac):
    return vxu(t, ctl, pid, {1: '1', 2: 'I', 3: f'NBN^{bed}^A^PMCH', 19: f'{pid[18].split("^")[0]}^^^PMCH^VN'}, [
        seg('ORC', {1: 'RE', 2: f'{plac}^CPOE', 3: f'{plac}-I^IMMLINK', 10: NURSE, 12: PEDS}),
        seg('RXA', {1: '0', 2: '1', 3: given, 5: HEPB, 6: '0.5', 7: 'mL^milliliters^UCUM',
                    9: '00^New immunization record^NIP001', 10: NURSE, 11: '^^^PMCH-NBN', 15: lot, 16: '20290131',
                    17: 'MSD^Merck and Co., Inc.^MVX', 20: 'CP', 21: 'A'}),
        seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RT^Right thigh^HL70163'}),
        *vis_obx(1, HEPB, '20230512', given),
        MOM_HBSAG,
    ])


# 08 / 09 IMMLINK: hepatitis B birth doses (VIS, eligibility, mother's HBsAg status)
M['08-vxu-v04-hepb-birth-dose-twin-a'] = hepb_birth('20280114112600-0600', 'IL3900008', NEWBORN_A, 'B07',
                                                    '20280114111000-0600', 'HB8841Z', 'IM39-0801')
M['09-vxu-v04-hepb-birth-dose-twin-b'] = hepb_birth('20280114113100-0600', 'IL3900009', NEWBORN_B, 'B08',
                                                    '20280114111800-0600', 'HB8841Z', 'IM39-0901')

HEAR_PANEL = '54111-0^Newborn hearing screen panel^LN'
R_EAR = '54109-4^Newborn hearing screen of Ear - right^LN'
L_EAR = '54108-6^Newborn hearing screen of Ear - left^LN'
PASS = 'LA10392-1^Pass^LN'
REFER = 'LA10393-9^Refer^LN'


def hearing(t, ctl, plac, fill, when, right, left, rflag, lflag, note):
    return [
        msh('EARLYHEAR', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
        seg('PID', NEWBORN_A),
        seg('PV1', {1: '1', 2: 'I', 3: 'NBN^B07^A^PMCH', 7: PEDS, 19: 'PMV3900102^^^PMCH^VN'}),
        seg('ORC', {1: 'RE', 2: f'{plac}^CPOE', 3: f'{fill}^EARLYHEAR', 12: PEDS}),
        seg('OBR', {1: '1', 2: f'{plac}^CPOE', 3: f'{fill}^EARLYHEAR', 4: HEAR_PANEL, 7: when, 16: PEDS,
                    22: t[:14] + '-0600', 25: 'F'}),
        seg('OBX', {1: '1', 2: 'CWE', 3: '54106-0^Newborn hearing screen method^LN', 5: 'LA10387-1^OAE^LN',
                    11: 'F', 14: when}),
        seg('OBX', {1: '2', 2: 'CWE', 3: R_EAR, 5: right, 8: rflag, 11: 'F', 14: when}),
        seg('OBX', {1: '3', 2: 'CWE', 3: L_EAR, 5: left, 8: lflag, 11: 'F', 14: when}),
        seg('NTE', {1: '1', 2: 'L', 3: note}),
    ]


# 10 EARLYHEAR: twin A's screen, right ear Refer (OBX-8 A)
M['10-oru-r01-hearing-screen-refer-twin-a'] = hearing('20280115093000-0600', 'EH3900010', 'HS39-1001',
                                                      'EH39-5001', '20280115091200-0600', REFER, PASS, 'A', 'N',
                                                      'Right ear refer; rescreen before discharge.')


def bili(t, ctl, plac, fill, when, val, flag, hol, note):
    return [
        msh('PRAIRIELAB', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
        seg('PID', NEWBORN_B),
        seg('PV1', {1: '1', 2: 'I', 3: 'NBN^B08^A^PMCH', 7: PEDS, 19: 'PMV3900103^^^PMCH^VN'}),
        seg('ORC', {1: 'RE', 2: f'{plac}^CPOE', 3: f'{fill}^PRAIRIELAB', 12: PEDS}),
        seg('OBR', {1: '1', 2: f'{plac}^CPOE', 3: f'{fill}^PRAIRIELAB', 4: '1975-2^Bilirubin.total [Mass/volume] in Serum or Plasma^LN',
                    7: when, 16: PEDS, 22: t[:14] + '-0600', 24: 'CH', 25: 'F'}),
        seg('OBX', {1: '1', 2: 'NM', 3: '1975-2^Bilirubin.total [Mass/volume] in Serum or Plasma^LN', 5: val,
                    6: 'mg/dL^mg/dL^UCUM', 7: '<12.0', 8: flag, 11: 'F', 14: when}),
        seg('OBX', {1: '2', 2: 'NM', 3: 'HOL^Hours of life at collection^99PMCH', 5: hol, 6: 'h^hour^UCUM',
                    11: 'F', 14: when}),
        seg('NTE', {1: '1', 2: 'L', 3: note}),
    ]


# 11 PRAIRIELAB: twin B's bilirubin, high at 48 h
M['11-oru-r01-bilirubin-high-twin-b'] = bili('20280116080500-0600', 'PL3900011', 'LB39-1101', 'LB39-8111',
                                             '20280116071500-0600', '14.2', 'H', '48',
                                             'High-intermediate risk zone; phototherapy started.')

# 12 EARLYHEAR: twin A's repeat screen, both ears Pass
M['12-oru-r01-hearing-rescreen-pass-twin-a'] = hearing('20280116101500-0600', 'EH3900012', 'HS39-1002',
                                                       'EH39-5002', '20280116100000-0600', PASS, PASS, 'N', 'N',
                                                       'Repeat screen: pass both ears.')

# 13 PRAIRIELAB: twin B's repeat bilirubin after phototherapy
M['13-oru-r01-bilirubin-repeat-twin-b'] = bili('20280117073000-0600', 'PL3900013', 'LB39-1102', 'LB39-8112',
                                               '20280117063000-0600', '10.9', 'N', '71',
                                               'Repeat after 22 h phototherapy; phototherapy stopped.')

# 14 RXWISE: Rh immune globulin for Adaeze (Rh negative, both twins Rh positive)
RHIG = '0562-7805-01^Rho(D) immune globulin 300 mcg prefilled syringe^NDC'
M['14-rde-o11-rh-immune-globulin-adaeze'] = [
    msh('RXWISE', '20280115090500-0600', 'RW3900014', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', MOM),
    seg('PV1', {1: '1', 2: 'I', 3: 'PP^PP12^A^PMCH', 7: OB, 19: 'PMV3900101^^^PMCH^VN'}),
    seg('ORC', {1: 'NW', 2: 'RX39-1401^CPOE', 3: 'RX39-9614^RXWISE', 5: 'IP', 9: '20280115090000-0600', 12: OB}),
    seg('TQ1', {1: '1', 2: '1', 7: '20280115100000-0600', 9: 'R^Routine^HL70485'}),
    seg('RXE', {2: RHIG, 3: '300', 5: 'ug^microgram^UCUM', 6: 'INJ^Injection^L', 10: '1', 11: 'EA^each^UCUM',
                21: 'Mother Rh negative, antibody screen negative; both infants D positive.'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LD^Left deltoid^HL70163'}),
]

# 15 BEDSIDE: Rh immune globulin given to Adaeze
M['15-ras-o17-rh-immune-globulin-given-adaeze'] = [
    msh('BEDSIDE', '20280115104400-0600', 'BS3900015', 'RAS^O17^RAS_O17', '2.5'),
    seg('PID', MOM),
    seg('PV1', {1: '1', 2: 'I', 3: 'PP^PP12^A^PMCH', 7: OB, 19: 'PMV3900101^^^PMCH^VN'}),
    seg('ORC', {1: 'SC', 2: 'RX39-1401^CPOE', 3: 'RX39-9614^RXWISE', 5: 'CM', 12: OB}),
    seg('RXA', {1: '0', 2: '1', 3: '20280115103800-0600', 4: '20280115103800-0600', 5: RHIG, 6: '300',
                7: 'ug^microgram^UCUM', 10: '880577^NAKASHIMA-OYELARAN^JUNE^^^^RN', 15: 'RH55017', 16: '20281130',
                20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'LD^Left deltoid^HL70163'}),
]

# 16 MEDIREG: twin A named (A08): BABYGIRL A -> CHIDERA AMARA, same MRN
M['16-adt-a08-newborn-name-change-twin-a'] = adt('20280116143000-0600', 'MR3900016', 'A08', 'ADT_A01',
                                                 '20280116142800-0600') + [
    seg('PID', CHIDERA), NK_MOM, NK_DAD,
    seg('PV1', {1: '1', 2: 'I', 3: 'NBN^B07^A^PMCH', 4: 'N^Newborn^HL70007', 7: PEDS, 10: 'NB',
                19: 'PMV3900102^^^PMCH^VN', 44: '202801140712-0600'}),
]

# 17 OBNOTE: Adaeze's discharge summary (MDM^T02 v2.6)
M['17-mdm-t02-discharge-summary-adaeze'] = [
    msh('OBNOTE', '20280117113000-0600', 'OB3900017', 'MDM^T02^MDM_T02', '2.6'),
    seg('EVN', {2: '20280117113000-0600'}),
    seg('PID', MOM),
    seg('PV1', {1: '1', 2: 'I', 3: 'PP^PP12^A^PMCH', 7: OB, 19: 'PMV3900101^^^PMCH^VN', 44: '20280114034100-0600',
                45: '20280117110000-0600'}),
    seg('TXA', {1: '1', 2: '18842-5^Discharge summary^LN', 3: 'TX', 4: '20280117112500-0600', 5: OB,
                12: 'OB39-DS0017^OBNOTE', 17: 'AU', 22: OB + '^^20280117112500-0600'}),
    *[seg('OBX', {1: str(i), 2: 'TX', 3: '18842-5^Discharge summary^LN', 5: line, 11: 'F'}) for i, line in enumerate([
        'Admitted 01/14/2028 in spontaneous labor at 37w0d with DCDA twins.',
        'Twin A vaginal delivery 07:12 (2315 g, Apgars 8/9); Twin B breech extraction 07:19 (1420 g, Apgars 7/9).',
        'Rh negative; RhoGAM 300 mcg given 01/15/2028. GBS negative. Hep B surface antigen negative.',
        'Discharged home 01/17/2028; infants remain in nursery (Twin B phototherapy completed).'], 1)],
]

# 18 CHARGEPRO: delivery charges (DFT^P03 v2.5, bare times)
M['18-dft-p03-twin-delivery-adaeze'] = [
    msh('CHARGEPRO', '20280117230000', 'CP3900018', 'DFT^P03^DFT_P03', '2.5'),
    seg('EVN', {1: 'P03', 2: '20280117230000'}),
    seg('PID', MOM),
    seg('PV1', {1: '1', 2: 'I', 3: 'PP^PP12^A^PMCH', 7: OB, 19: 'PMV3900101^^^PMCH^VN', 44: '20280114034100',
                45: '20280117110000'}),
    seg('FT1', {1: '1', 2: 'CP39-1801', 4: '20280114071200', 5: '20280117230000', 6: 'CG^Charge^HL70017',
                7: '720001^L&D vaginal delivery, twin A^PMCHCDM', 10: '1', 13: 'LD^Labor and Delivery^L',
                20: OB, 21: OB, 25: '59409^Vaginal delivery only^CPT4'}),
    seg('FT1', {1: '2', 2: 'CP39-1802', 4: '20280114071900', 5: '20280117230000', 6: 'CG^Charge^HL70017',
                7: '720002^L&D vaginal delivery, twin B, breech extraction^PMCHCDM', 10: '1',
                13: 'LD^Labor and Delivery^L', 20: OB, 21: OB, 25: '59409^Vaginal delivery only^CPT4',
                26: '51^Multiple procedures^CPT4'}),
    seg('FT1', {1: '3', 2: 'CP39-1803', 4: '20280115103800', 5: '20280117230000', 6: 'CG^Charge^HL70017',
                7: '250410^Rho(D) immune globulin 300 mcg^PMCHCDM', 10: '1', 13: 'PHARM^Pharmacy^L',
                25: 'J2790^Rho d immune globulin inj^HCPCS'}),
    seg('DG1', {1: '1', 3: 'O30.043^Twin pregnancy, dichorionic/diamniotic, third trimester^I10', 6: 'F'}),
]

# 19 KIDSCHART: the pediatric clinic adds twin B (A28, v2.5.1, multiple birth, clinic chart number first)
M['19-adt-a28-clinic-adds-twin-b'] = [
    msh('KIDSCHART', '20280227161000-0600', 'KC3900019', 'ADT^A28^ADT_A05', '2.5.1', fac='PMPEDS'),
    seg('EVN', {2: '20280227161000-0600'}),
    seg('PID', BOY_CLINIC), NK_MOM, NK_DAD,
    seg('PV1', {1: '1', 2: 'N'}),
]


def a04(t, ctl, pid, visit, start):
    return [msh('KIDSCHART', t, ctl, 'ADT^A04^ADT_A01', '2.5.1', fac='PMPEDS'),
            seg('EVN', {2: t}),
            seg('PID', pid), NK_MOM,
            seg('PV1', {1: '1', 2: 'O', 3: 'PEDS^EX3^^PMPEDS', 4: 'R^Routine^HL70007', 7: PEDS, 10: 'PED',
                        19: f'{visit}^^^PMPEDS^VN', 44: start})]


# 20 KIDSCHART: Chidera's 6-week well-child visit
M['20-adt-a04-well-child-chidera'] = a04('20280228091200-0600', 'KC3900020', CHIDERA_CLINIC, 'PMP3900220',
                                         '20280228091000-0600')

PEDIARIX = '110^DTaP-hepatitis B and poliovirus vaccine^CVX'
ACTHIB = '48^Hib (PRP-T)^CVX'
ROTA = '116^Rotavirus, pentavalent^CVX'
PV1_CLINIC_A = {1: '1', 2: 'O', 3: 'PEDS^EX3^^PMPEDS', 19: 'PMP3900220^^^PMPEDS^VN'}
PV1_CLINIC_B = {1: '1', 2: 'O', 3: 'PEDS^EX4^^PMPEDS', 19: 'PMP3900223^^^PMPEDS^VN'}
CLIN_NURSE = '77120^ESPINOZA-LARSEN^GABRIELA^^^^MA'


def dose(plac, given, cvx, amt, lot, exp, mvx, site, status='CP', action='A', info='00^New immunization record^NIP001',
         reason='', nurse=CLIN_NURSE, loc='^^^PMPEDS'):
    rxa = {1: '0', 2: '1', 3: given, 5: cvx, 6: amt, 9: info, 20: status, 21: action}
    if amt != '999':
        rxa.update({7: 'mL^milliliters^UCUM', 10: nurse, 11: loc, 15: lot, 16: exp, 17: mvx})
    if reason:
        rxa[18] = reason
    out = [seg('ORC', {1: 'RE', 2: f'{plac}^KIDSCHART', 3: f'{plac}^KIDSCHART', 10: nurse, 12: PEDS}),
           seg('RXA', rxa)]
    if site:
        out.append(seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: site}))
    return out


# 21 KIDSCHART: combination DTaP-HepB-IPV (Pediarix, SKB) + Hib (ActHIB, PMC) for Chidera, each with its VIS
M['21-vxu-v04-combination-dtap-hepb-ipv-hib-chidera'] = vxu(
    '20280228101500-0600', 'KC3900021', CHIDERA_CLINIC, PV1_CLINIC_A,
    dose('KC39-2101', '20280228100500-0600', PEDIARIX, '0.5', 'PX7730A', '20290331',
         'SKB^GlaxoSmithKline^MVX', 'LT^Left thigh^HL70163')
    + vis_obx(1, PEDIARIX, '20230806', '20280228100500-0600')[:1]
    + [seg('OBX', {1: str(i), 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: sub, 5: vt, 11: 'F', 14: '20280228100500-0600'})
       for i, sub, vt in ((2, '2', '107^DTaP, unspecified formulation^CVX'), (3, '3', '45^Hep B, unspecified formulation^CVX'),
                          (4, '4', '89^Polio, unspecified formulation^CVX'))]
    + [seg('OBX', {1: str(i), 2: 'TS', 3: code, 4: sub, 5: val, 11: 'F', 14: '20280228100500-0600'})
       for i, code, sub, val in ((5, '29768-9^Date vaccine information statement published^LN', '2', '20230806'),
                                 (6, '29769-7^Date vaccine information statement presented^LN', '2', '20280228'),
                                 (7, '29768-9^Date vaccine information statement published^LN', '3', '20230512'),
                                 (8, '29769-7^Date vaccine information statement presented^LN', '3', '20280228'),
                                 (9, '29768-9^Date vaccine information statement published^LN', '4', '20230806'),
                                 (10, '29769-7^Date vaccine information statement presented^LN', '4', '20280228'))]
    + dose('KC39-2102', '20280228100700-0600', ACTHIB, '0.5', 'UJ118AA', '20290131', 'PMC^Sanofi Pasteur^MVX',
           'RT^Right thigh^HL70163')
    + vis_obx(1, ACTHIB, '20230806', '20280228100700-0600'),
    app='KIDSCHART', fac='PMPEDS')

# 22 KIDSCHART: rotavirus refused by the parents (RXA-20 RE, RXA-18 00 parental decision, RXA-6 999)
M['22-vxu-v04-rotavirus-refused-chidera'] = vxu(
    '20280228102000-0600', 'KC3900022', CHIDERA_CLINIC, PV1_CLINIC_A,
    dose('KC39-2201', '20280228100900-0600', ROTA, '999', '', '', '', '', status='RE', action='A',
         info='', reason='00^Parental decision^NIP002'),
    app='KIDSCHART', fac='PMPEDS')

# 23 KIDSCHART: twin B's 6-week well-child visit
M['23-adt-a04-well-child-twin-b'] = a04('20280228103500-0600', 'KC3900023', BOY_CLINIC, 'PMP3900223',
                                        '20280228103300-0600')

# 24 KIDSCHART: twin B's hep B birth dose recorded as historical (RXA-9 01), and today's Pediarix
M['24-vxu-v04-historical-hepb-and-dtap-hepb-ipv-twin-b'] = vxu(
    '20280228111000-0600', 'KC3900024', BOY_CLINIC, PV1_CLINIC_B,
    dose('KC39-2401', '20280114', HEPB, '999', '', '', '', '', info='01^Historical information - source unspecified^NIP001')
    + dose('KC39-2402', '20280228110000-0600', PEDIARIX, '0.5', 'PX7730A', '20290331', 'SKB^GlaxoSmithKline^MVX',
           'LT^Left thigh^HL70163')
    + vis_obx(1, PEDIARIX, '20230806', '20280228110000-0600'),
    app='KIDSCHART', fac='PMPEDS')

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
