#!/usr/bin/env python3
r"""Review 43's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the feeds of a San Francisco hospital's microbiology lab and its outpatient parenteral antimicrobial therapy
(OPAT) / home-infusion service, all on ONE channel whose zone is America/Los_Angeles (PDT, -0700 throughout: 26 May -
4 June 2028, no DST change). Pacific Crest Medical Center (PCMC) and Golden Gate Home Infusion (GGHI).
- hospital ADT "PCMCADT" (v2.5.1, offsets): A08 allergy list, A03 discharge to home infusion (PV1-36 06, PV1-37),
  A31 person update with a changed AL1 list (latex gone, vancomycin added), A60 IAM removing a penicillin label (IAM-6 D);
- microbiology "PCMCMICRO" (ORU^R01 v2.5.1): MSH-7 WITH offset, OBR-7/OBX-14 bare: blood culture gram stain
  preliminary (OBR-25 P), organism ID + susceptibility panel (child OBR-26/29, OBX-4 sub-ids, MIC SN + S/I/R), then
  the amended panel (OBR-25 C, OBX-11 C);
- core lab "PCMCCORE" (ORU^R01 v2.3): BARE times everywhere: vancomycin trough, then trough + peak (peak OBX-14 later
  than OBR-7), trough critical HH with a call-back NTE;
- home-infusion pharmacy "GGHIRX" (RDE^O11 v2.5 NW vancomycin / ceftriaxone with RXE-22/23/24 rates and TQ1 repeats,
  XO dose change, DC; RDS^O13 v2.5 dispenses to the patient's home, RXD-13);
- home e-MAR "GGHIMAR" (RAS^O17 v2.5.1: nurse-given doses at home, RXA-11; a missed dose RXA-20 NA);
- home-health registration "GGHIREG" (ADT^A04 v2.3, bare: visits PV1-2 R / O);
- visit notes "GGHINOTE" (MDM^T02 v2.6), billing "GGHIBILL" (DFT^P03 v2.3, bare), hospital billing "PCMCBILL"
  (BAR^P12 v2.5.1 with the PICC placement PR1).
Patients and numbers (PC43..., HV43..., MB43-, OR43-, RX43-, PR43-, DOC43-) none of reviews 16-42's. Fields placed by
number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Los_Angeles, the channel's zone):
    python3 docs/review43/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review43/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, fac='PCMC'):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'PCMC', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v})


M = {}
DEL = {1: '1', 3: 'PC4300101^^^PCMC^MR~GH4300101^^^GGHI^MR', 5: 'QUARSHIE-VELLACOTT^DELPHINE^RUTH^^^^L',
       7: '19580822', 8: 'F', 11: '1874 Larkin St^Apt 3^San Francisco^CA^94109^USA^H', 13: '^PRN^PH^^1^415^5550163',
       18: 'PCA4300101^^^PCMC^AN'}
AUG = {1: '1', 3: 'PC4300102^^^PCMC^MR~GH4300102^^^GGHI^MR', 5: 'KETTUNEN-MBALULA^AUGUSTIN^PIERCE^^^^L',
       7: '19660407', 8: 'M', 11: '532 Irving St^^San Francisco^CA^94122^USA^H', 13: '^PRN^CP^^1^628^5550119'}
ID_MD = '1245319876^ZUBIZARRETA-ODHIAMBO^BEATRIZ^^^^MD^^NPI^L^^^NPI'
HOSP = '1093847562^STRZELECKI-MAHONY^EMIL^^^^MD^^NPI^L^^^NPI'
RN = '880431^MARCHETTI-OWUSU^ILSE^^^^RN'
HOME_DEL = '^^^^^H^^^1874 Larkin St^Apt 3^San Francisco^CA^94109^USA'
HOME_AUG = '^^^^^H^^^532 Irving St^^San Francisco^CA^94122^USA'


def inpv1(end=''):
    f = {1: '1', 2: 'I', 3: '6W^612^A^PCMC', 4: 'E', 7: HOSP, 10: 'MED', 19: 'PCV4300101^^^PCMC^VN',
         44: '20280525221500-0700'}
    if end:
        f.update({36: '06^Discharged to home under care of home health service^HL70112',
                  37: 'GGHI^20280530', 45: end})
    return seg('PV1', f)


def homepv1(visit, cls='R', start=''):
    f = {1: '1', 2: cls, 3: 'HOME^^^GGHI', 4: 'R', 7: ID_MD, 10: 'HIS', 19: f'{visit}^^^GGHI^VN'}
    if start:
        f[44] = start
    return seg('PV1', f)


def al1(i, typ, code, sev, react, dt=''):
    return seg('AL1', {1: str(i), 2: typ, 3: code, 4: sev, 5: react, 6: dt})


def obx(i, typ, code, val, units='', rng='', flag='', st='F', t='', sub=''):
    f = {1: str(i), 2: typ, 3: code, 4: sub, 5: val, 6: units, 7: rng, 8: flag, 11: st, 14: t}
    return seg('OBX', {k: v for k, v in f.items() if v != '' or k in (1, 2, 3)})


def nte(i, text):
    return seg('NTE', {1: str(i), 2: 'L', 3: text})


def micro(t, ctl, obrs):
    return [msh('PCMCMICRO', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'), seg('PID', DEL),
            seg('PV1', {1: '1', 2: 'I', 3: '6W^612^A^PCMC', 19: 'PCV4300101^^^PCMC^VN'})] + obrs


def mobr(i, plac, fill, code, coll, rpt, status, parent_res='', parent=''):
    return [seg('ORC', {1: 'RE', 2: f'{plac}^PCMCEHR', 3: f'{fill}^PCMCMICRO', 12: HOSP}),
            seg('OBR', {1: str(i), 2: f'{plac}^PCMCEHR', 3: f'{fill}^PCMCMICRO', 4: code, 7: coll, 16: HOSP,
                        22: rpt, 24: 'MB', 25: status, 26: parent_res, 29: parent})]


BC = '600-7^Bacteria identified in Blood by Culture^LN'
GS = '664-3^Microscopic observation [Identifier] in Specimen by Gram stain^LN'
SUSC = '29576-6^Bacterial susceptibility panel^LN'
MRSA = '115329001^Methicillin resistant Staphylococcus aureus^SCT'
VANC = '00409-6531-02^Vancomycin HCl 1 g/200 mL injection^NDC'
CTX = '60505-0750-04^Ceftriaxone 2 g/50 mL injection^NDC'


def mic(i, code, val, flag, st='F', t='20280526063000'):
    return obx(i, 'SN', code, val, 'ug/mL^ug/mL^UCUM', '', flag, st, t, '1')


def rde(t, ctl, pid, pv, orc, tq1, rxe, v='2.5'):
    return [msh('GGHIRX', t, ctl, 'RDE^O11^RDE_O11', v, fac='GGHI'), seg('PID', pid), pv, seg('ORC', orc)] + \
        ([seg('TQ1', tq1)] if tq1 else []) + [seg('RXE', rxe), seg('RXR', {1: 'IV^Intravenous^HL70162'})]


def ras(t, ctl, pid, pv, plac, given, drug, amt, units, home, st='CP', reason='', sub='1'):
    f = {1: '0', 2: sub, 3: given, 5: drug, 6: amt, 7: units, 10: RN, 11: home, 20: st, 21: 'A'}
    if reason:
        f[18] = reason
    out = [msh('GGHIMAR', t, ctl, 'RAS^O17^RAS_O17', '2.5.1', fac='GGHI'), seg('PID', pid), pv,
           seg('ORC', {1: 'RE', 2: f'{plac}^GGHIRX', 12: ID_MD}), seg('RXA', f)]
    if st == 'CP':
        out.append(seg('RXR', {1: 'IV^Intravenous^HL70162', 2: 'RBV^Right basilic vein (PICC)^L'}))
    return out


# ---- Friday 26 May 2028: Augustin's allergy list; Delphine's blood cultures and empiric antibiotics ----
M['01-adt-a08-allergy-list-augustin'] = [
    msh('PCMCADT', '20280526081500-0700', 'PA4300001', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A08', 2: '20280526081400-0700'}), seg('PID', AUG),
    seg('PV1', {1: '1', 2: 'O', 3: 'IDCL^^^PCMC', 7: ID_MD, 19: 'PCV4300201^^^PCMC^VN'}),
    al1(1, 'DA^Drug allergy^HL70127', '7980^Penicillin G^RXNORM', 'SV^Severe^HL70128', 'Anaphylaxis', '19910611'),
    al1(2, 'DA^Drug allergy^HL70127', '2670^Codeine^RXNORM', 'MI^Mild^HL70128', 'Nausea', '20150302')]
M['02-oru-r01-blood-culture-gram-stain-prelim-delphine'] = micro('20280526184000-0700', 'PM4300002',
    mobr(1, 'OR43-0201', 'MB43-0201', BC, '20280526063000', '20280526183500', 'P') +
    [obx(1, 'CWE', GS, '18723000^Gram positive cocci in clusters^SCT', st='P', t='20280526063000', sub='1'),
     obx(2, 'ST', '600-7^Bacteria identified in Blood by Culture^LN', 'Growth in 2 of 2 sets at 12 h; identification to follow',
         st='P', t='20280526063000', sub='1'),
     nte(1, 'Positive blood culture called to and read back by E STRZELECKI-MAHONY MD 1838 26-MAY-2028 by MB12.')])
M['03-rde-o11-vancomycin-nw-delphine'] = rde(
    '20280526192000-0700', 'GR4300003', DEL, inpv1(),
    {1: 'NW', 2: 'RX43-0301^GGHIRX', 5: 'IP', 9: '20280526191500-0700', 12: ID_MD},
    {1: '1', 3: 'Q12H&Every 12 hours&HL70335', 7: '20280526200000-0700', 8: '20280623', 13: '90^min&minutes&UCUM',
     14: '56'},
    {2: VANC, 3: '1250', 5: 'mg^mg^UCUM', 6: 'INJ^Injection^HL70292', 10: '250', 11: 'mL^mL^UCUM', 22: 'H1',
     23: '166', 24: 'mL/h^mL/h^UCUM', 27: 'R78.81^Bacteremia^I10'})
M['04-rde-o11-ceftriaxone-nw-delphine'] = rde(
    '20280526192100-0700', 'GR4300004', DEL, inpv1(),
    {1: 'NW', 2: 'RX43-0401^GGHIRX', 5: 'IP', 9: '20280526191500-0700', 12: ID_MD},
    {1: '1', 3: 'Q24H&Every 24 hours&HL70335', 7: '20280526210000-0700', 8: '20280609', 13: '30^min&minutes&UCUM'},
    {2: CTX, 3: '2', 5: 'g^g^UCUM', 6: 'INJ^Injection^HL70292', 10: '50', 11: 'mL^mL^UCUM', 22: 'H1', 23: '100',
     24: 'mL/h^mL/h^UCUM', 27: 'R78.81^Bacteremia^I10'})
# ---- Sunday 28 May: identification and susceptibilities (final) ----
M['05-oru-r01-mrsa-id-susceptibility-delphine'] = micro('20280528101000-0700', 'PM4300005',
    mobr(1, 'OR43-0201', 'MB43-0201', BC, '20280526063000', '20280528100500', 'F') +
    [obx(1, 'CWE', BC, MRSA, st='F', t='20280526063000', sub='1'),
     obx(2, 'CWE', GS, '18723000^Gram positive cocci in clusters^SCT', st='F', t='20280526063000', sub='1')] +
    mobr(2, 'OR43-0201', 'MB43-0202', SUSC, '20280526063000', '20280528100500', 'F',
         parent_res='600-7&Bacteria identified in Blood by Culture&LN^1^Methicillin resistant Staphylococcus aureus',
         parent='OR43-0201&PCMCEHR^MB43-0201&PCMCMICRO') +
    [mic(1, '20475-8^Vancomycin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^1', 'S'),
     mic(2, '18961-3^Oxacillin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '>^2', 'R'),
     mic(3, '18908-4^Clindamycin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^0.25', 'S'),
     mic(4, '35789-7^Daptomycin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^0.5', 'S'),
     mic(5, '18993-6^Tetracycline [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '^8', 'I')])
# ---- Monday 29 May: PICC line; ceftriaxone stopped (MRSA) ----
M['06-bar-p12-picc-placement-delphine'] = [
    msh('PCMCBILL', '20280529170000-0700', 'PB4300006', 'BAR^P12^BAR_P12', '2.5.1'),
    seg('EVN', {1: 'P12', 2: '20280529170000-0700'}), seg('PID', DEL), inpv1(),
    seg('DG1', {1: '1', 3: 'R78.81^Bacteremia^I10', 6: 'W'}),
    seg('PR1', {1: '1', 3: '36573^Insertion of PICC with imaging guidance, age 5 years or older^CPT4',
                4: 'PICC placement, right basilic vein, 4 Fr single lumen', 5: '20280529141000-0700',
                6: 'D^Diagnostic and treatment^HL70230', 7: '35', 12: ID_MD, 16: 'RT^Right side^CPTM',
                19: 'PR43-0601^PCMC'})]
M['07-rde-o11-ceftriaxone-dc-delphine'] = rde(
    '20280529172000-0700', 'GR4300007', DEL, inpv1(),
    {1: 'DC', 2: 'RX43-0401^GGHIRX', 5: 'DC', 9: '20280529171500-0700', 12: ID_MD,
     16: 'MRSA^Organism resistant to beta-lactams (MRSA)^L'},
    None,
    {2: CTX, 3: '2', 5: 'g^g^UCUM', 6: 'INJ^Injection^HL70292', 10: '50', 11: 'mL^mL^UCUM'})
# ---- Tuesday 30 May: discharge to home infusion, first dispense ----
M['08-adt-a03-discharge-home-infusion-delphine'] = [
    msh('PCMCADT', '20280530113500-0700', 'PA4300008', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20280530113000-0700'}), seg('PID', DEL), inpv1('20280530112500-0700'),
    seg('PV2', {1: '', 8: '20280530', 9: '20280530'}) if False else seg('PV2', {3: 'R78.81^Bacteremia^I10'}),
    al1(1, 'MA^Miscellaneous allergy^HL70127', '111088007^Latex^SCT', 'MO^Moderate^HL70128', 'Contact urticaria', '20090915'),
    al1(2, 'DA^Drug allergy^HL70127', '10180^Sulfamethoxazole^RXNORM', 'MI^Mild^HL70128', 'Rash', '20030410')]
M['09-rds-o13-vancomycin-dispense-home-delphine'] = [
    msh('GGHIRX', '20280530150000-0700', 'GR4300009', 'RDS^O13^RDS_O13', '2.5', fac='GGHI'), seg('PID', DEL),
    homepv1('HV4300110'),
    seg('ORC', {1: 'RE', 2: 'RX43-0301^GGHIRX', 3: 'DP43-0901^GGHIRX', 12: ID_MD}),
    seg('RXE', {2: VANC, 3: '1250', 5: 'mg^mg^UCUM', 6: 'INJ^Injection^HL70292', 10: '14', 11: 'EA^each^UCUM',
                22: 'H1', 23: '166', 24: 'mL/h^mL/h^UCUM'}),
    seg('RXD', {1: '1', 2: VANC, 3: '20280530145000-0700', 4: '14', 5: '{bag}^bag^UCUM', 6: 'INJ^Injection^HL70292',
                7: 'RX43-0301', 9: 'Refrigerate; 7-day supply, 1250 mg/250 mL bags', 10: '330178^NAKASHIMA-BRENNAN^TOMAS^^^^RPH',
                13: HOME_DEL}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'})]
# ---- Wednesday 31 May: first home visit ----
M['10-adt-a04-home-visit1-delphine'] = [
    msh('GGHIREG', '20280531073000', 'GV4300010', 'ADT^A04', '2.3', fac='GGHI'),
    seg('EVN', {1: 'A04', 2: '20280531073000'}), seg('PID', DEL), homepv1('HV4300111', 'R', '20280531073000')]
M['11-ras-o17-vancomycin-given-home-delphine'] = ras(
    '20280531100500-0700', 'GM4300011', DEL, homepv1('HV4300111'), 'RX43-0301', '20280531080000-0700', VANC,
    '1250', 'mg^mg^UCUM', HOME_DEL)
M['12-oru-r01-vancomycin-trough-delphine'] = [
    msh('PCMCCORE', '20280531112000', 'PL4300012', 'ORU^R01', '2.3'), seg('PID', DEL),
    homepv1('HV4300111'),
    seg('ORC', {1: 'RE', 2: 'OR43-1201^GGHIRX', 3: 'CL43-1201^PCMCCORE', 12: ID_MD}),
    seg('OBR', {1: '1', 2: 'OR43-1201^GGHIRX', 3: 'CL43-1201^PCMCCORE',
                4: '4090-7^Vancomycin [Mass/volume] in Serum or Plasma --trough^LN', 7: '20280531075500', 16: ID_MD,
                22: '20280531111500', 24: 'CH', 25: 'F'}),
    obx(1, 'NM', '4090-7^Vancomycin [Mass/volume] in Serum or Plasma --trough^LN', '9.8', 'ug/mL^ug/mL^UCUM',
        '10.0-20.0', 'L', t='20280531075500'),
    nte(1, 'Drawn by home infusion RN via PICC after 10 mL flush, before the 0800 dose.')]
M['13-dft-p03-home-visit1-delphine'] = [
    msh('GGHIBILL', '20280531230000', 'GB4300013', 'DFT^P03', '2.3', fac='GGHI'),
    seg('EVN', {1: 'P03', 2: '20280531230000'}), seg('PID', DEL), homepv1('HV4300111'),
    seg('FT1', {1: '1', 2: 'FT43-1301', 4: '20280531073000', 6: 'CG',
                7: '99601^Home infusion/specialty drug administration, per visit (up to 2 hours)^CPT4', 10: '1',
                20: RN, 21: ID_MD})]
M['14-mdm-t02-home-visit-note-delphine'] = [
    msh('GGHINOTE', '20280531121000-0700', 'GN4300014', 'MDM^T02^MDM_T02', '2.6', fac='GGHI'),
    seg('EVN', {1: 'T02', 2: '20280531121000-0700'}), seg('PID', DEL), homepv1('HV4300111'),
    seg('TXA', {1: '1', 2: 'HV^Home infusion visit note^L', 3: 'TX^text^HL70191', 4: '20280531073000-0700', 5: RN,
                6: '20280531120500-0700', 9: RN, 12: 'DOC43-1401^GGHINOTE', 17: 'AU', 18: 'V', 19: 'AV'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '34748-2^Home health Note^LN', 5: 'OPAT visit 1. PICC site clean, no erythema; '
                'dressing changed. Vancomycin 1250 mg infused over 90 min without reaction. Trough drawn 0755.',
                11: 'F'})]
# ---- Thursday 1 June: the lab amends the panel; Delphine's allergy list changes ----
M['15-oru-r01-susceptibility-amended-delphine'] = micro('20280601093000-0700', 'PM4300015',
    mobr(1, 'OR43-0201', 'MB43-0201', BC, '20280526063000', '20280528100500', 'F') +
    [obx(1, 'CWE', BC, MRSA, st='F', t='20280526063000', sub='1')] +
    mobr(2, 'OR43-0201', 'MB43-0202', SUSC, '20280526063000', '20280601092500', 'C',
         parent_res='600-7&Bacteria identified in Blood by Culture&LN^1^Methicillin resistant Staphylococcus aureus',
         parent='OR43-0201&PCMCEHR^MB43-0201&PCMCMICRO') +
    [mic(1, '20475-8^Vancomycin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '^2', 'S', st='C'),
     mic(2, '18961-3^Oxacillin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '>^2', 'R'),
     mic(3, '18908-4^Clindamycin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^0.25', 'R', st='C'),
     nte(1, 'AMENDED 01-JUN-2028: vancomycin MIC 2 by broth microdilution (was <=1 by automated method); '
         'clindamycin reported resistant: inducible resistance (D-test positive). Dr ZUBIZARRETA-ODHIAMBO notified.'),
     mic(4, '35789-7^Daptomycin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '<=^0.5', 'S'),
     mic(5, '18993-6^Tetracycline [Susceptibility] by Minimum inhibitory concentration (MIC)^LN', '^8', 'I')])
M['16-adt-a31-allergy-list-changed-delphine'] = [
    msh('PCMCADT', '20280601140000-0700', 'PA4300016', 'ADT^A31^ADT_A05', '2.5.1'),
    seg('EVN', {1: 'A31', 2: '20280601135900-0700'}), seg('PID', DEL),
    seg('PV1', {1: '1', 2: 'N'}),
    al1(1, 'DA^Drug allergy^HL70127', '10180^Sulfamethoxazole^RXNORM', 'MI^Mild^HL70128', 'Rash', '20030410'),
    al1(2, 'DA^Drug allergy^HL70127', '11124^Vancomycin^RXNORM', 'MI^Mild^HL70128', 'Infusion-related flushing',
        '20280531')]
# ---- Friday 2 June: trough and peak, critical; dose changed ----
M['17-oru-r01-vancomycin-trough-peak-critical-delphine'] = [
    msh('PCMCCORE', '20280602123000', 'PL4300017', 'ORU^R01', '2.3'), seg('PID', DEL),
    homepv1('HV4300112'),
    seg('ORC', {1: 'RE', 2: 'OR43-1701^GGHIRX', 3: 'CL43-1701^PCMCCORE', 12: ID_MD}),
    seg('OBR', {1: '1', 2: 'OR43-1701^GGHIRX', 3: 'CL43-1701^PCMCCORE',
                4: '4092-3^Vancomycin [Mass/volume] in Serum or Plasma^LN', 7: '20280602075800', 16: ID_MD,
                22: '20280602122500', 24: 'CH', 25: 'F'}),
    obx(1, 'NM', '4090-7^Vancomycin [Mass/volume] in Serum or Plasma --trough^LN', '28.4', 'ug/mL^ug/mL^UCUM',
        '10.0-20.0', 'HH', t='20280602075800'),
    nte(1, 'CRITICAL: called to and read back by I MARCHETTI-OWUSU RN 0915 02-JUN-2028 by CL04. Creatinine pending.'),
    obx(2, 'NM', '4089-9^Vancomycin [Mass/volume] in Serum or Plasma --peak^LN', '46.0', 'ug/mL^ug/mL^UCUM',
        '20.0-40.0', 'H', t='20280602103000')]
M['18-rde-o11-vancomycin-xo-dose-change-delphine'] = rde(
    '20280602131000-0700', 'GR4300018', DEL, homepv1('HV4300112'),
    {1: 'XO', 2: 'RX43-0301^GGHIRX', 5: 'IP', 9: '20280602130500-0700', 12: ID_MD,
     16: 'TRGHI^Trough 28.4 ug/mL above goal^L'},
    {1: '1', 3: 'Q12H&Every 12 hours&HL70335', 7: '20280602200000-0700', 8: '20280623', 13: '60^min&minutes&UCUM',
     14: '42'},
    {2: VANC, 3: '1000', 5: 'mg^mg^UCUM', 6: 'INJ^Injection^HL70292', 10: '200', 11: 'mL^mL^UCUM', 22: 'H1',
     23: '200', 24: 'mL/h^mL/h^UCUM', 27: 'R78.81^Bacteremia^I10'})
# ---- Augustin: penicillin label removed; home ceftriaxone visit; missed dose ----
M['19-adt-a60-penicillin-removed-augustin'] = [
    msh('PCMCADT', '20280602150000-0700', 'PA4300019', 'ADT^A60^ADT_A60', '2.5.1'),
    seg('EVN', {1: 'A60', 2: '20280602145900-0700'}), seg('PID', AUG),
    seg('IAM', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '7980^Penicillin G^RXNORM', 4: 'SV^Severe^HL70128',
                5: 'Anaphylaxis', 6: 'D^Delete^HL70206', 7: 'AL43-0101^PCMC',
                8: 'DELAB^De-labeled after negative oral amoxicillin challenge^L', 13: '20280602'})]
M['20-adt-a04-home-visit-augustin'] = [
    msh('GGHIREG', '20280603083000', 'GV4300020', 'ADT^A04', '2.3', fac='GGHI'),
    seg('EVN', {1: 'A04', 2: '20280603083000'}), seg('PID', AUG), homepv1('HV4300211', 'O', '20280603083000')]
M['21-ras-o17-ceftriaxone-missed-dose-augustin'] = ras(
    '20280603091500-0700', 'GM4300021', AUG, homepv1('HV4300211', 'O'), 'RX43-2101', '20280603090000-0700', CTX,
    '0', 'g^g^UCUM', HOME_AUG, st='NA', reason='PTNH^Patient not home at scheduled visit; line flushed next day^L')
M['22-dft-p03-home-visit-augustin'] = [
    msh('GGHIBILL', '20280603230000', 'GB4300022', 'DFT^P03', '2.3', fac='GGHI'),
    seg('EVN', {1: 'P03', 2: '20280603230000'}), seg('PID', AUG), homepv1('HV4300211', 'O'),
    seg('FT1', {1: '1', 2: 'FT43-2201', 4: '20280603083000', 6: 'CG',
                7: '99601^Home infusion/specialty drug administration, per visit (up to 2 hours)^CPT4', 10: '1',
                20: RN, 21: ID_MD})]
M['23-rds-o13-ceftriaxone-dispense-home-augustin'] = [
    msh('GGHIRX', '20280603150000-0700', 'GR4300023', 'RDS^O13^RDS_O13', '2.5', fac='GGHI'), seg('PID', AUG),
    homepv1('HV4300211', 'O'),
    seg('ORC', {1: 'RE', 2: 'RX43-2101^GGHIRX', 3: 'DP43-2301^GGHIRX', 12: ID_MD}),
    seg('RXE', {2: CTX, 3: '2', 5: 'g^g^UCUM', 6: 'INJ^Injection^HL70292', 10: '7', 11: 'EA^each^UCUM', 22: 'H1',
                23: '100', 24: 'mL/h^mL/h^UCUM'}),
    seg('RXD', {1: '1', 2: CTX, 3: '20280603144000-0700', 4: '7', 5: '{bag}^bag^UCUM', 6: 'INJ^Injection^HL70292',
                7: 'RX43-2101', 10: '330178^NAKASHIMA-BRENNAN^TOMAS^^^^RPH', 13: HOME_AUG}),
    seg('RXR', {1: 'IV^Intravenous^HL70162'})]
# ---- Sunday 4 June: the new dose given at home ----
M['24-ras-o17-vancomycin-new-dose-given-delphine'] = ras(
    '20280604091000-0700', 'GM4300024', DEL, homepv1('HV4300113'), 'RX43-0301', '20280604080000-0700', VANC,
    '1000', 'mg^mg^UCUM', HOME_DEL)

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
