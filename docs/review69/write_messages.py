#!/usr/bin/env python3
r"""Review 69's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a Norwegian university hospital and its laboratory on ONE Europe/Oslo channel across the END of daylight
saving: Sunday 29 October 2034, 03:00 CEST (+02:00) -> 02:00 CET (+01:00); the clock hour 02:00-02:59 happens twice
(first pass 00:00-00:59Z at +02:00, second pass 01:00-01:59Z at +01:00). Fjordvik universitetssjukehus (FUS),
invented. Norwegian names with Æ Ø Å (UTF-8, MSH-18 UNICODE UTF-8 on every sender); the fødselsnummer (11 digits:
DDMMYY + individual number + two mod-11 check digits) and, for a Danish citizen working in Norway, the D-number (day
+ 40, same check digits) beside the MRN, both typed NNNOR with the Norwegian population register's OIDs in CX.4
(HD.2, ISO); the MRN under FUS, type MR. Practitioners by HPR number (XCN.9 HPR + OID, XCN.13 LN).
Senders:
- ADT "FUSPAS" (v2.5; MSH-7 WITH offset +0200 / +0100, inner times bare): A01, A02, A03, A13, A04, A08, A40, A11.
- Order entry "FUSREK" (OML^O21 v2.5.1; MSH-7 WITH offset; ORC-9 bare): two-test orders, one cancelled (ORC-1 CA).
- Clinical chemistry "FUSLAB" (ORU^R01 v2.5.1; MSH-7 and every time BARE): troponin series across the night, one
  drawn in the first pass of 02:xx and reported in the second (the message itself proves the passes: collected 02:50,
  reported 02:20), a cancelled CK-MB (OBR-25 X), a corrected troponin (OBX-11 C, OBR-25 C), results just after 03:00.
- Microbiology "FUSMIK" (ORU^R01 v2.5.1; MSH-7 WITH offset, inner times bare): urine culture preliminary -> final with
  a child susceptibility OBR (OBR-26 parent result, OBR-29 parent numbers).
All persons, numbers and addresses are invented. Run from the worktree root (convert with --timezone Europe/Oslo):
    python3 docs/review69/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review69/messages')
W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def fnr(stem):
    """Fødselsnummer / D-number: 9 digits (DDMMYY + individual number) + two mod-11 check digits."""
    assert len(stem) == 9, stem
    out = stem
    for w in (W1, W2):
        k = 11 - sum(int(c) * x for c, x in zip(out, w)) % 11
        k = 0 if k == 11 else k
        assert k != 10, f'{stem}: no valid check digit, choose another individual number'
        out += str(k)
    return out


def seg(name, fields):
    n = max(i for i, v in fields.items() if v)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, version):
    return seg('MSH', {3: app, 4: 'FUS', 5: 'HIG', 6: 'FUS', 7: t, 9: typ, 10: ctl, 11: 'P', 12: version,
                       15: 'AL', 16: 'NE', 17: 'NOR', 18: 'UNICODE UTF-8', 19: 'nb^Norsk bokmål^ISO639'})


FNR_AA = 'FNR&2.16.578.1.12.4.1.4.1&ISO'
DNR_AA = 'DNR&2.16.578.1.12.4.1.4.2&ISO'

# ---- patients ----
P1 = dict(mrn='7760118', nid=fnr('140357418'), aa=FNR_AA, name='ØVERÅS^KJELL STÅLE^^^^^L', dob='19570314', sex='M',
          addr='Strandgata 14B^^FJORDVIK^^8006^NOR^H', tel='^PRN^CP^^47^^41527390', marital='M^Gift^HL70002')
P2 = dict(mrn='7760126', nid=fnr('490290417'), aa=DNR_AA, name='ØSTERGÅRD^MIKKEL^^^^^L', dob='19900209', sex='M',
          addr='Kjærlighetsstien 3^^FJORDVIK^^8012^NOR^H', tel='^PRN^CP^^45^^28417702', marital='S^Ugift^HL70002')
P3 = dict(mrn='7760134', nid=fnr('051101583'), aa=FNR_AA, name='NÆSS^TORBJØRN^^^^^L', dob='20011105', sex='M',
          addr='Sjøgata 41^^FJORDVIK^^8003^NOR^H', tel='^PRN^CP^^47^^93068154', marital='S^Ugift^HL70002')
P3_TEMP = '7769981'
P4 = dict(mrn='7760142', nid=fnr('230895265'), aa=FNR_AA, name='LØVÅS^INGRID SÆTHER^^^^^L', dob='19950823', sex='F',
          addr='Bjørkåsen 22^^FJORDVIK^^8020^NOR^H', tel='^PRN^CP^^47^^46712985', marital='M^Gift^HL70002')


def pid(p):
    return seg('PID', {1: '1', 3: f"{p['mrn']}^^^FUS^MR~{p['nid']}^^^{p['aa']}^NNNOR", 5: p['name'], 7: p['dob'],
                       8: p['sex'], 11: p['addr'], 13: p['tel'], 15: 'nb^Norsk bokmål^ISO639', 16: p['marital']})


def pid_lab(p):
    """The laboratory's PID: MRN and the national number, no address."""
    return seg('PID', {1: '1', 3: f"{p['mrn']}^^^FUS^MR~{p['nid']}^^^{p['aa']}^NNNOR", 5: p['name'], 7: p['dob'], 8: p['sex']})


def pid_temp():
    """The reserve number of an unidentified patient in the emergency department: MRN only, a placeholder name."""
    return seg('PID', {1: '1', 3: f'{P3_TEMP}^^^FUS^MR', 5: 'UKJENT^MANN^^^^^U', 8: 'M'})


def doc(num, family, given, prefix=''):
    """XCN: the HPR number (Helsepersonellregisteret) under its OID, type LN."""
    return f'{num}^{family}^{given}^^^{prefix}^^^HPR&2.16.578.1.12.4.1.4.4&ISO^^^^LN'


DR_MED = doc('9144027', 'SKJÆRVØ', 'ÅSMUND', 'Dr.')
DR_KARD = doc('9217536', 'FÆRØY', 'GURO', 'Dr.')
DR_URO = doc('9308815', 'HÅLAND', 'PER ØYVIND', 'Dr.')
DR_AKUTT = doc('9372264', 'RØNNING', 'SIGRID', 'Dr.')
DR_GYN = doc('9425183', 'BRÅTEN', 'LIV', 'Dr.')
BIO = doc('9501736', 'DÆHLI', 'KRISTIN')
MIKRO = doc('9566402', 'NYGÅRD', 'ØYSTEIN', 'Dr.')


def evn(code, t):
    return seg('EVN', {1: code, 2: t})


def pv1(cls, loc, visit, t_adm='', extra=None, attending=DR_MED, service='MED^Medisinsk klinikk^FUSSVC'):
    f = {1: '1', 2: cls, 3: loc, 7: attending, 10: service, 19: f'{visit}^^^FUS^VN', 44: t_adm}
    f.update(extra or {})
    return seg('PV1', f)


def orc(ctl, placer, filler, status, t, extra=None, orderer=DR_MED, fill_app='FUSLAB'):
    f = {1: ctl, 2: f'{placer}^FUSREK' if placer else '', 3: f'{filler}^{fill_app}' if filler else '', 5: status,
         9: t, 12: orderer}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, extra=None, orderer=DR_MED, fill_app='FUSLAB'):
    f = {1: str(i), 2: f'{placer}^FUSREK' if placer else '', 3: f'{filler}^{fill_app}' if filler else '', 4: code,
         16: orderer}
    f.update(extra or {})
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', extra=None, who=BIO):
    f = {1: str(i), 2: vt, 3: code, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t, 16: who}
    f.update(extra or {})
    return seg('OBX', f)


# ---- codes ----
TNT_O = 'TNT^Troponin T (hs)^FUSLAB'
CKMB_O = 'CKMB^CK-MB^FUSLAB'
ELEK_O = 'ELEK^Elektrolytter og kreatinin^FUSLAB'
ETOH_O = 'AKUTT^Akuttpakke (etanol, glukose)^FUSLAB'
CK_O = 'CK^Kreatinkinase^FUSLAB'
HCG_O = 'HCG^hCG (serum)^FUSLAB'
HB_O = 'HB^Hemoglobin^FUSLAB'
URIN_O = 'UDYRK^Urin, dyrkning^FUSMIK^630-4^Bacteria identified in Urine by Culture^LN'
RES_O = 'RESIST^Resistensbestemmelse (MIC)^FUSMIK^29576-6^Bacterial susceptibility panel^LN'
TNT = '67151-1^Troponin T (hs)^LN'
KAL = '2823-3^Kalium^LN^NPU03230^P—Kalium^NPU'
KREA = '2160-0^Kreatinin^LN^NPU18016^P—Kreatinin^NPU'
NATR = '2951-2^Natrium^LN'

M = {}

# ============ P1 ØVERÅS: chest pain on Saturday evening, troponin series across the fall-back, A03 then A13 ============
V1 = 'V7760118-01'
LOC_AKUTT = 'AKM^B03^1^FUS^^^^^Akuttmottak'
LOC_HOV = 'HOV^412^1^FUS^^^^^Hjerteovervåkning'
M['01-adt-a01-overas-innlagt'] = [
    msh('FUSPAS', '20341028234512+0200', 'PAS690001', 'ADT^A01^ADT_A01', '2.5'), evn('A01', '20341028234000'),
    pid(P1), seg('NK1', {1: '1', 2: 'ØVERÅS^HILDE BJØRNSTAD^^^^^L', 3: 'SPO^Ektefelle^HL70063',
                         5: '^PRN^CP^^47^^90813446', 7: 'C^Kontaktperson^HL70131'}),
    pv1('E', LOC_AKUTT, V1, '20341028234000', {4: 'E^Øyeblikkelig hjelp^HL70007', 18: 'OH'}, attending=DR_AKUTT),
    seg('PV2', {3: '^Brystsmerter, mistenkt akutt koronarsyndrom'}),
]
M['02-oml-o21-overas-troponin-elektrolytter'] = [
    msh('FUSREK', '20341028234830+0200', 'REK690002', 'OML^O21^OML_O21', '2.5.1'), pid(P1),
    pv1('E', LOC_AKUTT, V1, attending=DR_AKUTT),
    orc('NW', 'REK6901181', '', '', '20341028234700', orderer=DR_AKUTT), seg('TQ1', {1: '1', 9: 'S^Øyeblikkelig^HL70485'}),
    obr(1, 'REK6901181', '', TNT_O, orderer=DR_AKUTT),
    orc('NW', 'REK6901182', '', '', '20341028234700', orderer=DR_AKUTT), seg('TQ1', {1: '1', 9: 'S^Øyeblikkelig^HL70485'}),
    obr(2, 'REK6901182', '', ELEK_O, orderer=DR_AKUTT),
]
M['03-oru-r01-overas-troponin-0t'] = [
    msh('FUSLAB', '20341029004318', 'LAB690003', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P1),
    pv1('E', LOC_AKUTT, V1, attending=DR_AKUTT),
    orc('RE', 'REK6901181', 'L34102901', 'CM', '20341029004200', orderer=DR_AKUTT),
    obr(1, 'REK6901181', 'L34102901', TNT_O, {7: '20341028235500', 14: '20341029000600', 22: '20341029004200', 24: 'KK',
                                               25: 'F', 32: BIO}, orderer=DR_AKUTT),
    obx(1, 'NM', TNT, '38', 'ng/L^ng/L^UCUM', '<15', 'H', 'F', '20341028235500'),
    orc('RE', 'REK6901182', 'L34102902', 'CM', '20341029004200', orderer=DR_AKUTT),
    obr(2, 'REK6901182', 'L34102902', ELEK_O, {7: '20341028235500', 14: '20341029000600', 22: '20341029004200', 24: 'KK',
                                                25: 'F', 32: BIO}, orderer=DR_AKUTT),
    obx(1, 'NM', NATR, '139', 'mmol/L^mmol/L^UCUM', '137-145', 'N', 'F', '20341028235500'),
    obx(2, 'NM', KAL, '4.3', 'mmol/L^mmol/L^UCUM', '3.5-4.4', 'N', 'F', '20341028235500'),
    obx(3, 'NM', KREA, '94', 'umol/L^µmol/L^UCUM', '60-105', 'N', 'F', '20341028235500'),
]
M['04-oml-o21-overas-troponin-3t-ckmb'] = [
    msh('FUSREK', '20341029020512+0200', 'REK690004', 'OML^O21^OML_O21', '2.5.1'), pid(P1),
    pv1('E', LOC_AKUTT, V1, attending=DR_AKUTT),
    orc('NW', 'REK6901183', '', '', '20341029020400', orderer=DR_AKUTT), seg('TQ1', {1: '1', 9: 'S^Øyeblikkelig^HL70485'}),
    obr(1, 'REK6901183', '', TNT_O, orderer=DR_AKUTT),
    orc('NW', 'REK6901184', '', '', '20341029020400', orderer=DR_AKUTT), seg('TQ1', {1: '1', 9: 'S^Øyeblikkelig^HL70485'}),
    obr(2, 'REK6901184', '', CKMB_O, orderer=DR_AKUTT),
]
# Sent at 02:37 CET (second pass): the move happened at a bare 02:35 in the same pass.
M['05-adt-a02-overas-til-hjerteovervaking'] = [
    msh('FUSPAS', '20341029023705+0100', 'PAS690005', 'ADT^A02^ADT_A02', '2.5'), evn('A02', '20341029023500'),
    pid(P1), pv1('I', LOC_HOV, V1, '20341028234000', {6: LOC_AKUTT, 18: 'OH'}, attending=DR_KARD,
                 service='KAR^Hjertemedisinsk avdeling^FUSSVC'),
]
# The 3-hour troponin: drawn 02:50 CEST (first pass, 00:50Z), received 02:56 CEST, reported 02:20 CET (second pass,
# 01:20Z), the message at 02:21 CET: every time bare. Collected 02:50 before its report at 02:20 proves the passes.
# The CK-MB of the same draw cancelled (haemolysed sample).
M['06-oru-r01-overas-troponin-3t-ckmb-kansellert'] = [
    msh('FUSLAB', '20341029022114', 'LAB690006', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P1),
    pv1('I', LOC_HOV, V1, attending=DR_KARD, service='KAR^Hjertemedisinsk avdeling^FUSSVC'),
    orc('RE', 'REK6901183', 'L34102903', 'CM', '20341029022000', orderer=DR_AKUTT),
    obr(1, 'REK6901183', 'L34102903', TNT_O, {7: '20341029025000', 14: '20341029025600', 22: '20341029022000', 24: 'KK',
                                               25: 'F', 32: BIO}, orderer=DR_AKUTT),
    obx(1, 'NM', TNT, '52', 'ng/L^ng/L^UCUM', '<15', 'H', 'F', '20341029025000'),
    orc('OC', 'REK6901184', 'L34102904', 'CA', '20341029022000', {16: 'HEM^Hemolysert prøve^FUSLAB'}, orderer=DR_AKUTT),
    obr(2, 'REK6901184', 'L34102904', CKMB_O, {7: '20341029025000', 14: '20341029025600', 22: '20341029022000', 24: 'KK',
                                                25: 'X', 32: BIO}, orderer=DR_AKUTT),
    seg('NTE', {1: '1', 2: 'L', 3: 'Analyse ikke utført: prøven er hemolysert. Ny prøve ønskes.'}),
]
# The troponin corrected at 08:40 CET (52 was a transposition of 25): every time of the draw re-sent bare.
M['07-oru-r01-overas-troponin-korrigert'] = [
    msh('FUSLAB', '20341029084012', 'LAB690007', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P1),
    pv1('I', LOC_HOV, V1, attending=DR_KARD, service='KAR^Hjertemedisinsk avdeling^FUSSVC'),
    orc('RE', 'REK6901183', 'L34102903', 'CM', '20341029083800', orderer=DR_AKUTT),
    obr(1, 'REK6901183', 'L34102903', TNT_O, {7: '20341029025000', 14: '20341029025600', 22: '20341029083800', 24: 'KK',
                                               25: 'C', 32: BIO}, orderer=DR_AKUTT),
    obx(1, 'NM', TNT, '25', 'ng/L^ng/L^UCUM', '<15', 'H', 'C', '20341029025000'),
    seg('NTE', {1: '1', 2: 'L', 3: 'Korrigert svar: 52 ng/L var en tastefeil, riktig verdi er 25 ng/L. Avdelingen varslet kl. 08:38.'}),
]
M['08-adt-a03-overas-utskrevet'] = [
    msh('FUSPAS', '20341030113206+0100', 'PAS690008', 'ADT^A03^ADT_A03', '2.5'), evn('A03', '20341030113000'),
    pid(P1), pv1('I', LOC_HOV, V1, '20341028234000', {18: 'OH', 36: '01^Utskrevet til hjemmet^HL70112', 45: '20341030113000'},
                 attending=DR_KARD, service='KAR^Hjertemedisinsk avdeling^FUSSVC'),
]
M['09-adt-a13-overas-utskrivning-annullert'] = [
    msh('FUSPAS', '20341030115244+0100', 'PAS690009', 'ADT^A13^ADT_A01', '2.5'), evn('A13', '20341030115200'),
    pid(P1), pv1('I', LOC_HOV, V1, '20341028234000', {18: 'OH'}, attending=DR_KARD,
                 service='KAR^Hjertemedisinsk avdeling^FUSSVC'),
]

# ============ P2 ØSTERGÅRD (D-number): urology outpatient, urine culture preliminary -> final + susceptibility ============
V2 = 'V7760126-01'
LOC_URO = 'URP^R2^^FUS^^^^^Urologisk poliklinikk'
SVC_URO = 'URO^Urologisk avdeling^FUSSVC'
NK1_P2 = seg('NK1', {1: '1', 2: 'LARSEN^FREJA^^^^^L', 3: 'DOM^Samboer^HL70063', 5: '^PRN^CP^^45^^31620954',
                     7: 'C^Kontaktperson^HL70131'})
M['10-adt-a04-ostergard-poliklinikk'] = [
    msh('FUSPAS', '20341027094018+0200', 'PAS690010', 'ADT^A04^ADT_A01', '2.5'), evn('A04', '20341027094000'),
    pid(P2), NK1_P2,
    pv1('O', LOC_URO, V2, '20341027094000', {4: 'R^Planlagt^HL70007', 18: 'PK'}, attending=DR_URO, service=SVC_URO),
]
M['11-oml-o21-ostergard-urindyrkning'] = [
    msh('FUSREK', '20341027100236+0200', 'REK690011', 'OML^O21^OML_O21', '2.5.1'), pid(P2),
    pv1('O', LOC_URO, V2, attending=DR_URO, service=SVC_URO),
    orc('NW', 'REK6901261', '', '', '20341027100100', orderer=DR_URO, fill_app='FUSMIK'),
    seg('TQ1', {1: '1', 9: 'R^Rutine^HL70485'}),
    obr(1, 'REK6901261', '', URIN_O, {7: '20341027095500'}, orderer=DR_URO, fill_app='FUSMIK'),
    seg('DG1', {1: '1', 3: 'N30.0^Akutt cystitt^I10', 6: 'W'}),
    seg('SPM', {1: '1', 2: '^S3410270017&FUSREK', 4: 'UR^Urin^HL70487', 8: 'UMS^Midtstråleurin^HL70488',
                17: '20341027095500'}),
]
URIN_F = 'M34102701'
URIN_SPM = seg('SPM', {1: '1', 2: '^S3410270017&FUSREK', 4: 'UR^Urin^HL70487', 8: 'UMS^Midtstråleurin^HL70488',
                       17: '20341027095500', 18: '20341027104200'})
M['12-oru-r01-ostergard-urindyrkning-foreloepig'] = [
    msh('FUSMIK', '20341028131006+0200', 'MIK690012', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P2),
    pv1('O', LOC_URO, V2, attending=DR_URO, service=SVC_URO),
    orc('RE', 'REK6901261', URIN_F, 'IP', '20341028130900', orderer=DR_URO, fill_app='FUSMIK'),
    obr(1, 'REK6901261', URIN_F, URIN_O, {7: '20341027095500', 14: '20341027104200', 22: '20341028130900', 24: 'MB',
                                          25: 'P', 32: MIKRO}, orderer=DR_URO, fill_app='FUSMIK'),
    obx(1, 'CWE', '630-4^Bakterie identifisert^LN', '87172008^Gram-negative bacillus^SCT', '', '', 'A', 'P',
        '20341028124500', {4: '1'}, who=MIKRO),
    obx(2, 'SN', '19090-0^Kimtall^LN', '>^100000', '{CFU}/mL^CFU/mL^UCUM', '<1000', 'H', 'P', '20341028124500', {4: '1'},
        who=MIKRO),
    URIN_SPM,
]
RES_F = 'M34102701-R1'
MIC = 'mg/L^mg/L^UCUM'


def mic(i, code, value, flag):
    return obx(i, 'SN', code, value, MIC, '', flag, 'F', '20341030093000', who=MIKRO)


M['13-oru-r01-ostergard-urindyrkning-endelig-resistens'] = [
    msh('FUSMIK', '20341030102215+0100', 'MIK690013', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P2),
    pv1('O', LOC_URO, V2, attending=DR_URO, service=SVC_URO),
    orc('RE', 'REK6901261', URIN_F, 'CM', '20341030102000', orderer=DR_URO, fill_app='FUSMIK'),
    obr(1, 'REK6901261', URIN_F, URIN_O, {7: '20341027095500', 14: '20341027104200', 22: '20341030102000', 24: 'MB',
                                          25: 'F', 32: MIKRO}, orderer=DR_URO, fill_app='FUSMIK'),
    obx(1, 'CWE', '630-4^Bakterie identifisert^LN', '112283007^Escherichia coli^SCT', '', '', 'A', 'F',
        '20341029151000', {4: '1'}, who=MIKRO),
    obx(2, 'SN', '19090-0^Kimtall^LN', '>^100000', '{CFU}/mL^CFU/mL^UCUM', '<1000', 'H', 'F', '20341029151000', {4: '1'},
        who=MIKRO),
    URIN_SPM,
    orc('RE', '', RES_F, 'CM', '20341030102000', {8: f'REK6901261&FUSREK^{URIN_F}&FUSMIK'}, orderer=DR_URO,
        fill_app='FUSMIK'),
    obr(2, '', RES_F, RES_O, {7: '20341027095500', 22: '20341030102000', 24: 'MB', 25: 'F',
                              26: '630-4&Bakterie identifisert&LN^1^Escherichia coli',
                              29: f'REK6901261&FUSREK^{URIN_F}&FUSMIK', 32: MIKRO}, orderer=DR_URO, fill_app='FUSMIK'),
    mic(1, '18864-9^Ampicillin [MIC]^LN', '>^8', 'R'),
    mic(2, '18912-6^Mecillinam [MIC]^LN', '<=^2', 'S'),
    mic(3, '18955-5^Nitrofurantoin [MIC]^LN', '<=^16', 'S'),
    mic(4, '18997-7^Trimetoprim [MIC]^LN', '>^4', 'R'),
    mic(5, '18906-8^Ciprofloksacin [MIC]^LN', '<=^0.25', 'S'),
]
M['14-adt-a08-ostergard-ny-adresse'] = [
    msh('FUSPAS', '20341030104508+0100', 'PAS690014', 'ADT^A08^ADT_A01', '2.5'), evn('A08', '20341030104500'),
    pid(P2).replace('Kjærlighetsstien 3^^FJORDVIK^^8012', 'Øvre Håkonsgate 9^^FJORDVIK^^8013'), NK1_P2,
    pv1('O', LOC_URO, V2, '20341027094000', {18: 'PK'}, attending=DR_URO, service=SVC_URO),
]

# ============ P3 unidentified man -> NÆSS: emergency admission before the hour, reserve number merged by A40 ============
V3 = 'V7769981-01'
M['15-adt-a01-ukjent-mann-akuttmottak'] = [
    msh('FUSPAS', '20341029015812+0200', 'PAS690015', 'ADT^A01^ADT_A01', '2.5'), evn('A01', '20341029015500'),
    pid_temp(), pv1('E', LOC_AKUTT.replace('B03', 'B01'), V3, '20341029015000', {4: 'E^Øyeblikkelig hjelp^HL70007', 18: 'OH'},
                    attending=DR_AKUTT),
    seg('PV2', {3: '^Bevisstløs, funnet ute'}),
]
# Drawn 02:05 and reported 02:30, the message at 02:31, all bare in the repeated hour: nothing says which pass.
M['16-oru-r01-ukjent-mann-akuttpakke'] = [
    msh('FUSLAB', '20341029023108', 'LAB690016', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', {1: '1', 3: f'{P3_TEMP}^^^FUS^MR', 5: 'UKJENT^MANN^^^^^U', 8: 'M'}),
    pv1('E', LOC_AKUTT.replace('B03', 'B01'), V3, attending=DR_AKUTT),
    orc('RE', '', 'L34102905', 'CM', '20341029023000', orderer=DR_AKUTT),
    obr(1, '', 'L34102905', ETOH_O, {7: '20341029020500', 14: '20341029021100', 22: '20341029023000', 24: 'KK', 25: 'F',
                                     32: BIO}, orderer=DR_AKUTT),
    obx(1, 'NM', '5643-2^Etanol^LN', '2.1', 'g/L^g/L^UCUM', '<0.2', 'H', 'F', '20341029020500'),
    obx(2, 'NM', '2345-7^Glukose^LN', '5.8', 'mmol/L^mmol/L^UCUM', '4.0-6.0', 'N', 'F', '20341029020500'),
]
M['17-adt-a40-naess-reservenummer-flettet'] = [
    msh('FUSPAS', '20341029091504+0100', 'PAS690017', 'ADT^A40^ADT_A39', '2.5'), evn('A40', '20341029091500'),
    pid(P3), seg('MRG', {1: f'{P3_TEMP}^^^FUS^MR'}),
]
NK1_P3 = seg('NK1', {1: '1', 2: 'NÆSS^RAGNHILD^^^^^L', 3: 'MTH^Mor^HL70063', 5: '^PRN^CP^^47^^97221408',
                     7: 'C^Kontaktperson^HL70131'})
M['18-adt-a08-naess-oppdatert'] = [
    msh('FUSPAS', '20341029092036+0100', 'PAS690018', 'ADT^A08^ADT_A01', '2.5'), evn('A08', '20341029092000'),
    pid(P3), NK1_P3,
    pv1('E', LOC_AKUTT.replace('B03', 'B01'), V3, '20341029015000', {18: 'OH'}, attending=DR_AKUTT),
]
# Drawn 03:10 CET (just after the repeated hour: one reading), reported 03:52, sent 03:53, all bare.
M['19-oru-r01-naess-ck-etter-omstilling'] = [
    msh('FUSLAB', '20341029035302', 'LAB690019', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', {1: '1', 3: f'{P3_TEMP}^^^FUS^MR', 5: 'UKJENT^MANN^^^^^U', 8: 'M'}),
    pv1('E', LOC_AKUTT.replace('B03', 'B01'), V3, attending=DR_AKUTT),
    orc('RE', '', 'L34102906', 'CM', '20341029035200', orderer=DR_AKUTT),
    obr(1, '', 'L34102906', CK_O, {7: '20341029031000', 14: '20341029031600', 22: '20341029035200', 24: 'KK', 25: 'F',
                                   32: BIO}, orderer=DR_AKUTT),
    obx(1, 'NM', '2157-6^Kreatinkinase^LN', '1840', 'U/L^U/L^UCUM', '40-280', 'H', 'F', '20341029031000'),
]

# ============ P4 LØVÅS: admitted in the first pass, cancelled in the second; one of two orders cancelled ============
V4 = 'V7760142-01'
LOC_GYN = 'GYN^305^2^FUS^^^^^Gynekologisk sengepost'
SVC_GYN = 'GYN^Kvinneklinikken^FUSSVC'
M['20-adt-a01-lovas-innlagt-foerste-gang-0215'] = [
    msh('FUSPAS', '20341029021809+0200', 'PAS690020', 'ADT^A01^ADT_A01', '2.5'), evn('A01', '20341029021500'),
    pid(P4), pv1('I', LOC_GYN, V4, '20341029021500', {4: 'E^Øyeblikkelig hjelp^HL70007', 18: 'OH'}, attending=DR_GYN,
                 service=SVC_GYN),
    seg('DG1', {1: '1', 3: 'O20.0^Truende abort^I10', 6: 'A'}),
]
M['21-oml-o21-lovas-hcg-hb'] = [
    msh('FUSREK', '20341029022244+0200', 'REK690021', 'OML^O21^OML_O21', '2.5.1'), pid(P4),
    pv1('I', LOC_GYN, V4, attending=DR_GYN, service=SVC_GYN),
    orc('NW', 'REK6901421', '', '', '20341029022100', {4: 'G6901420^FUSREK'}, orderer=DR_GYN),
    seg('TQ1', {1: '1', 9: 'S^Øyeblikkelig^HL70485'}), obr(1, 'REK6901421', '', HCG_O, orderer=DR_GYN),
    orc('NW', 'REK6901422', '', '', '20341029022100', {4: 'G6901420^FUSREK'}, orderer=DR_GYN),
    seg('TQ1', {1: '1', 9: 'S^Øyeblikkelig^HL70485'}), obr(2, 'REK6901422', '', HB_O, orderer=DR_GYN),
]
# Sent at 02:10 CET (second pass, 40 minutes after #20): the admission of 02:15 CEST cancelled.
M['22-adt-a11-lovas-innleggelse-annullert'] = [
    msh('FUSPAS', '20341029021033+0100', 'PAS690022', 'ADT^A11^ADT_A09', '2.5'), evn('A11', '20341029021000'),
    pid(P4), pv1('I', LOC_GYN, V4, '20341029021500', {18: 'OH'}, attending=DR_GYN, service=SVC_GYN),
]
M['23-oml-o21-lovas-hcg-kansellert'] = [
    msh('FUSREK', '20341029021241+0100', 'REK690023', 'OML^O21^OML_O21', '2.5.1'), pid(P4),
    pv1('I', LOC_GYN, V4, attending=DR_GYN, service=SVC_GYN),
    orc('CA', 'REK6901421', '', '', '20341029021200',
        {4: 'G6901420^FUSREK', 16: 'POS^Positiv hurtigtest på avdelingen, serum-hCG unødvendig^FUSREK'}, orderer=DR_GYN),
    obr(1, 'REK6901421', '', HCG_O, orderer=DR_GYN),
]
# The Hb: drawn 02:30 (bare), reported 02:45, sent 02:46, bare: nothing in the message says which pass.
M['24-oru-r01-lovas-hb'] = [
    msh('FUSLAB', '20341029024617', 'LAB690024', 'ORU^R01^ORU_R01', '2.5.1'), pid_lab(P4),
    pv1('I', LOC_GYN, V4, attending=DR_GYN, service=SVC_GYN),
    orc('RE', 'REK6901422', 'L34102907', 'CM', '20341029024500', {4: 'G6901420^FUSREK'}, orderer=DR_GYN),
    obr(1, 'REK6901422', 'L34102907', HB_O, {7: '20341029023000', 14: '20341029023400', 22: '20341029024500', 24: 'HEM',
                                             25: 'F', 32: BIO}, orderer=DR_GYN),
    obx(1, 'NM', '718-7^Hemoglobin^LN', '11.2', 'g/dL^g/dL^UCUM', '11.7-15.3', 'L', 'F', '20341029023000'),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages written to', OUT)
