#!/usr/bin/env python3
r"""Review 66's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a German university hospital's radiology and cardiology departments on ONE Europe/Berlin channel, March
2035 (CET +01:00 until Sunday 25 March 02:00, CEST +02:00 after). Universitätsklinikum Lindenhain (UKLH), invented.
- KIS "UKLHKIS" (ADT v2.5, MSH-18 `8859/1`, the bytes ISO-8859-1): A01, A02, A08 (address and Krankenkasse change),
  A03, A04, A40. MSH-7 with its offset (+0100 / +0200), inner times bare. PID-3: the hospital Patientennummer (UKLH,
  PI) and the Krankenversichertennummer (KVNR, 10 characters, check digit computed by the GKV rule; authority the
  OID 1.2.276.0.76.4.8 of the eGK Versichertennummer, type NI); PV1-19 the Fallnummer. IN1 of a statutory
  Krankenkasse: IN1-3 its Institutionskennzeichen (IK, OID 1.2.276.0.76.4.5), IN1-15 GKV, IN1-17 SEL, IN1-36 the KVNR.
  Names and addresses with umlauts and ß.
- RIS "UKLHRIS" (v2.5, MSH-18 `UNICODE UTF-8`, MSH-7 bare local time): OMI^O23 imaging orders with IPC (accession,
  requested procedure id, Study Instance UID, scheduled procedure step, modality, AE title), ORU^R01 radiology reports
  as TX lines (findings) and an impression, the Study Instance UID as an OBX HD (113014 DCM), one report corrected
  (OBR-25 C, OBX-11 C: the side was wrong).
- Worklist broker "MWLBROKER" (ORM^O01 v2.3.1, IHE RAD-4 style: OBR-18 accession, OBR-19 requested procedure id,
  OBR-20 scheduled procedure step id, OBR-24 modality): MSH-18 EMPTY, yet its bytes are ISO-8859-1 (the old
  broker's habit), MSH-7 bare.
- Cardiology "UKLHCARD" (ORU^R01 v2.5, MSH-18 `8859/1`, bare MSH-7): resting ECG with numeric measurements (LOINC,
  UCUM), the machine statement as TX, and the ECG report as an ED-encapsulated PDF (Base64).
- Document system "UKLHDMS" (MDM v2.5, MSH-18 `UNICODE UTF-8`, MSH-7 with offset): T02 new document with content,
  T08 edit with content, T11 cancel; TXA-12 unique document number, TXA-17 completion, TXA-19 availability, TXA-22
  authentication. One patient's documents edited under the same TXA-12, the other's under a new one with TXA-13.
All persons, numbers, facilities, addresses and IKs are invented; LOINC / DCM / ICD-10-GM codes are real ones as the
reviewer knew them (not checked against the tables).
Run from the worktree root (convert with --timezone Europe/Berlin):
    python3 docs/review66/write_messages.py
"""
import base64
from pathlib import Path

OUT = Path('docs/review66/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


CHARSET = {'UKLHKIS': '8859/1', 'UKLHCARD': '8859/1', 'UKLHRIS': 'UNICODE UTF-8', 'UKLHDMS': 'UNICODE UTF-8', 'MWLBROKER': ''}
ENCODING = {'8859/1': 'latin-1', 'UNICODE UTF-8': 'utf-8', '': 'latin-1'}


def msh(app, t, ctl, typ, ver='2.5'):
    return seg('MSH', {3: app, 4: 'UKLH', 5: 'HIG', 6: 'UKLH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: ver, 15: 'AL', 16: 'NE',
                       17: 'DEU', 18: CHARSET[app], 19: 'de^German^ISO639' if CHARSET[app] else ''})


def evn(code, t, who='KIS0417^Brandstätter^Ute^^^^^^UKLH'):
    return seg('EVN', {1: code, 2: t, 5: who, 6: t})


def kvnr(letter, digits):
    """The Krankenversichertennummer (§ 290 SGB V): letter, 8 digits, a check digit. The letter as its two-digit
    alphabet position, then the 8 digits; weights 1,2,1,2,…; a product above 9 counts by its digit sum; sum mod 10."""
    s = f'{ord(letter) - 64:02d}' + digits
    total = 0
    for i, d in enumerate(s):
        p = int(d) * (1 if i % 2 == 0 else 2)
        total += p // 10 + p % 10
    return letter + digits + str(total % 10)


KV = '^^^&1.2.276.0.76.4.8&ISO^NI'
IK = '^^^&1.2.276.0.76.4.5&ISO^NIIP'
WG_KV, SD_KV, KH_KV = kvnr('W', '42861937'), kvnr('S', '73015628'), kvnr('K', '19460358')

PAT_A = {1: '1', 3: f'66004711^^^UKLH^PI~{WG_KV}{KV}', 5: 'Weißgerber^Jürgen^Günther^^Dr.^^L', 7: '19570412', 8: 'M',
         11: 'Hauptstraße 12^^Lindenhain^^15344^DEU^H', 13: '^PRN^PH^^49^3341^4471203~^PRN^CP^^49^171^5538201',
         15: 'de^German^ISO639', 16: 'M^Married^HL70002', 26: 'DEU'}
PAT_B = {1: '1', 3: f'66004729^^^UKLH^PI~{SD_KV}{KV}', 5: 'Schäfer-Özdemir^Dörte^^^^^L~Schäfer^Dörte^^^^^M', 7: '19690827',
         8: 'F', 11: 'Am Mühlengraben 3a^^Lindenhain^^15345^DEU^H', 13: '^PRN^CP^^49^160^9917342', 15: 'de^German^ISO639',
         16: 'M^Married^HL70002', 26: 'DEU'}
PAT_C = {1: '1', 3: f'66004737^^^UKLH^PI~{KH_KV}{KV}', 5: 'Krüger^Hans-Jörg^^^^^L', 7: '19440203', 8: 'M',
         11: 'Straße der Jugend 41^^Bad Weißensee^^15370^DEU^H', 13: '^PRN^PH^^49^33433^60127', 15: 'de^German^ISO639',
         16: 'W^Widowed^HL70002', 26: 'DEU'}
# the ED's duplicate registration: no KVNR at hand (no eGK), a new Patientennummer, ß written ss by the admitting clerk
PAT_C_DUP = {1: '1', 3: '66004745^^^UKLH^PI', 5: 'Krüger^Hans Jörg^^^^^L', 7: '19440203', 8: 'M',
             11: 'Strasse der Jugend 41^^Bad Weissensee^^15370^DEU^H'}


def pid(base, extra=None):
    f = dict(base)
    f.update(extra or {})
    return seg('PID', f)


# ---- providers (lebenslange Arztnummer LANR, 9 digits, invented) ----
KARDIO = '661203401^Thorbecke^Björn^^^Prof. Dr. med.^^^LANR'
OA_KARDIO = '662884701^Hoß^Annegret^^^Dr. med.^^^LANR'
RADIO = '663017201^Großmann^Friederike^^^Dr. med.^^^LANR'
RADIO2 = '664450901^Pöschl^Matthias^^^PD Dr. med.^^^LANR'
NOTARZT = '665129301^Kühnel^Sören^^^^^^LANR'


def pv1(cls, where, case, doc, start, svc, end='', extra=None):
    f = {1: '1', 2: cls, 3: where, 7: doc, 10: svc, 19: f'{case}^^^UKLH^VN', 44: start}
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


def in1(ik, name, addr, since, kv, plan='GKV^Gesetzliche Krankenversicherung^UKLH-VART'):
    return seg('IN1', {1: '1', 2: plan, 3: ik + IK, 4: name, 5: addr, 12: since, 15: 'GKV', 16: '', 17: 'SEL^Self^HL70063',
                       36: kv})


def orc(ctl, placer, filler, status, t, doc, extra=None):
    f = {1: ctl, 2: placer, 3: filler, 5: status, 9: t, 12: doc}
    f.update(extra or {})
    return seg('ORC', f)


def obr(i, placer, filler, code, extra):
    f = {1: str(i), 2: placer, 3: filler, 4: code}
    f.update(extra)
    return seg('OBR', f)


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', sub='', extra=None):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i)})


def ipc(acc, rp, study, sps, modality, ae, station):
    return seg('IPC', {1: acc, 2: rp, 3: study, 4: sps, 5: modality, 7: station, 9: ae})


def txa(typ, t_act, t_orig, author, number, completion, availability, extra=None):
    f = {1: '1', 2: typ, 3: 'TX', 4: t_act, 6: t_orig, 9: author, 12: number, 17: completion, 19: availability}
    f.update(extra or {})
    return seg('TXA', f)


M = {}
AOK = ('109911237', 'AOK Lindenhain-Oderland', 'Kasseler Straße 9^^Lindenhain^^15344^DEU^B')
TKK = ('101599864', 'Techniker Krankenkasse', 'Bramfelder Straße 140^^Hamburg^^22305^DEU^B')
BEK = ('104987652', 'BARMER', 'Postfach 110704^^Wuppertal^^42299^DEU^B')
DAK = ('105830046', 'DAK-Gesundheit', 'Nagelsweg 27-31^^Hamburg^^20097^DEU^B')

# ================= Weißgerber, Jürgen Günther: Kardiologie inpatient; CT Thorax corrected; echo document T02-T08-T11
A_CASE = '3506600471'
A_PV1 = lambda where='KAR3^307^2^UKLH^^^^^Kardiologie Station 3', end='', extra=None: pv1(  # noqa: E731
    'I', where, A_CASE, KARDIO, '20350319221500', 'KAR^Kardiologie^UKLH-FA', end,
    {4: 'R^Referral^HL70007', 14: '1^Einweisung^UKLH-AG'} | (extra or {}))
A_ORD, A_FIL = 'KIS35-118801^UKLHKIS', 'RIS35-40271^UKLHRIS'
A_ACC = 'A35031900512^UKLHRIS'
A_STUDY = '1.2.276.0.7230010.3.1.2.66004711.20350320.1'
CTTHX = 'CTTHX^CT Thorax nativ und mit KM^UKLH-RAD^24627-2^CT Chest^LN'
# 01 ADT^A01: admitted Monday 19 March 22:15 CET, chest pain; KVNR and Krankenkasse (AOK)
M['01-adt-a01-weissgerber-admit-kardiologie'] = [
    msh('UKLHKIS', '20350319221712+0100', 'KIS66000001', 'ADT^A01^ADT_A01'), evn('A01', '20350319221500'), pid(PAT_A),
    seg('NK1', {1: '1', 2: 'Weißgerber^Hannelore^^^^^L', 3: 'SPO^Spouse^HL70063', 5: '^PRN^PH^^49^3341^4471203',
                7: 'N^Next-of-Kin^HL70131'}),
    A_PV1(), seg('PV2', {3: '^Thoraxschmerz, V. a. Lungenarterienembolie'}),
    in1(*AOK, '20190101', WG_KV),
]
# 02 OMI^O23: the RIS schedules the CT Thorax the KIS ordered (its ORC-2), accession + study UID + step in IPC
M['02-omi-o23-weissgerber-ct-thorax-scheduled'] = [
    msh('UKLHRIS', '20350320074512', 'RIS66000002', 'OMI^O23^OMI_O23'), pid(PAT_A), A_PV1(),
    orc('NW', A_ORD, A_FIL, 'SC', '', KARDIO, {7: '', 13: 'CT1^^^UKLH^^^^^CT 1 Zentralradiologie'}),
    seg('TQ1', {1: '1', 7: '20350320093000', 9: 'S^Stat^HL70485'}),
    obr(1, A_ORD, A_FIL, CTTHX, {13: 'Kreatinin 1,1 mg/dl; keine KM-Allergie', 16: KARDIO, 18: 'A35031900512',
                                 19: 'RP35-0512', 24: 'CT', 31: 'R07.4^Brustschmerz, nicht näher bezeichnet^I10GM'}),
    ipc(A_ACC, 'RP35-0512^UKLHRIS', f'{A_STUDY}^^Application^DICOM', 'SPS35-0512-1^UKLHRIS', 'CT^Computed Tomography^DCM',
        'UKLHCT1', 'CT1'),
]
# 03 ORU^R01: the CT Thorax report, final (findings TX lines, impression, the Study Instance UID as HD)
REP = '18782-3^Radiology Study observation (narrative)^LN'
IMP = '19005-8^Radiology Imaging study [Impression] (narrative)^LN'
STUDY = '113014^DICOM Study^DCM'
CT_LINES = ['CT Thorax nativ und nach i.v. Kontrastmittelgabe (80 ml Imeron 350).',
            'Keine Lungenarterienembolie bis auf Subsegmentebene.',
            'Im linken Oberlappen ein 14 mm großer, glatt begrenzter Rundherd.',
            'Kein Pleuraerguss. Keine pathologisch vergrößerten Lymphknoten.']
CT_IMP = 'Kein Nachweis einer Lungenarterienembolie. Rundherd im Oberlappen, CT-Verlaufskontrolle in 3 Monaten empfohlen.'


def ct_report(lines, status, obr25, ctl, t_msh, t_obs, extra=None):
    return [
        msh('UKLHRIS', t_msh, ctl, 'ORU^R01^ORU_R01'), pid(PAT_A), A_PV1(),
        orc('RE', A_ORD, A_FIL, 'CM', '', KARDIO),
        obr(1, A_ORD, A_FIL, CTTHX, {7: '20350320093400', 16: KARDIO, 18: 'A35031900512', 22: t_obs, 24: 'CT',
                                     25: obr25, 32: RADIO.replace('^', '&')} | (extra or {})),
        obx(1, 'HD', STUDY, f'{A_STUDY}^^ISO', status=status, t='20350320093400'),
        *[obx(i, 'TX', REP, line, status=status, t=t_obs, sub='1') for i, line in enumerate(lines, 2)],
        obx(len(lines) + 2, 'TX', IMP, CT_IMP, status=status, t=t_obs, sub='2', flag='A'),
    ]


M['03-oru-r01-weissgerber-ct-thorax-report'] = ct_report(CT_LINES, 'F', 'F', 'RIS66000003', '20350320111544',
                                                         '20350320111000')
# 04 ADT^A02: to the Intermediate Care unit (Tuesday 20 March 13:05 CET)
M['04-adt-a02-weissgerber-to-imc'] = [
    msh('UKLHKIS', '20350320130611+0100', 'KIS66000004', 'ADT^A02^ADT_A02'), evn('A02', '20350320130500'), pid(PAT_A),
    A_PV1('IMC1^IMC-04^1^UKLH^^^^^Intermediate Care 1', extra={6: 'KAR3^307^2^UKLH^^^^^Kardiologie Station 3'}),
]
# 05 ORU^R01: the CT report corrected: the nodule is in the RIGHT upper lobe (OBR-25 C, every OBX-11 C)
M['05-oru-r01-weissgerber-ct-thorax-corrected'] = ct_report(
    [CT_LINES[0], CT_LINES[1], 'Im rechten Oberlappen ein 14 mm großer, glatt begrenzter Rundherd. (Korrektur: Seitenangabe)',
     CT_LINES[3]], 'C', 'C', 'RIS66000005', '20350320164208', '20350320164000')
# 06 ORU^R01: resting ECG (measurements, statement, the PDF)
PDF = base64.b64encode(b'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'
                       b'trailer<</Root 1 0 R>>\n%%EOF\n').decode()
ECG = '11524-6^EKG study^LN'


def ecg(pat, case_pv1, ord_no, fil_no, t, hr, pr, qrs, qt, qtc, axis, statement, qtc_flag, ctl, t_msh):
    return [
        msh('UKLHCARD', t_msh, ctl, 'ORU^R01^ORU_R01'), pid(pat), case_pv1,
        orc('RE', ord_no, fil_no, 'CM', '', OA_KARDIO),
        obr(1, ord_no, fil_no, 'EKG12^Ruhe-EKG 12 Kanal^UKLH-KARD^' + ECG, {7: t, 16: OA_KARDIO, 22: t, 24: 'EC', 25: 'F',
                                                                              32: OA_KARDIO.replace('^', '&')}),
        obx(1, 'NM', '8867-4^Heart rate^LN', hr, '/min^/min^UCUM', '60-100', 'N', t=t),
        obx(2, 'NM', '8625-6^P-R Interval^LN', pr, 'ms^ms^UCUM', '120-200', 'N', t=t),
        obx(3, 'NM', '8633-0^QRS duration^LN', qrs, 'ms^ms^UCUM', '<120', 'N', t=t),
        obx(4, 'NM', '8634-8^Q-T interval^LN', qt, 'ms^ms^UCUM', t=t),
        obx(5, 'NM', '8636-3^Q-T interval corrected^LN', qtc, 'ms^ms^UCUM', '<450' if pat is PAT_A else '<460', qtc_flag, t=t),
        obx(6, 'NM', '8632-2^QRS axis^LN', axis, 'deg^deg^UCUM', t=t),
        obx(7, 'TX', '18844-1^EKG impression^LN', statement, t=t),
        obx(8, 'ED', ECG, f'UKLHCARD^AP^PDF^Base64^{PDF}', t=t),
    ]


M['06-oru-r01-weissgerber-resting-ecg'] = ecg(
    PAT_A, A_PV1('IMC1^IMC-04^1^UKLH^^^^^Intermediate Care 1'), 'KIS35-118815^UKLHKIS', 'EKG35-2201^UKLHCARD',
    '20350321071800', '88', '172', '96', '398', '474', '-12',
    'Sinusrhythmus, Linkstyp, QTc verlängert (474 ms). Keine akuten Erregungsrückbildungsstörungen.', 'H',
    'CARD66000006', '20350321072210')
# 07 MDM^T02: the echocardiography report, dictated (DI) and not yet available (UN)
ECHO = 'ECHO^Echokardiographie-Befund^UKLH-DA'
A_DOC = 'DMS35-0000731^UKLHDMS'
ECHO_TEXT = ['Transthorakale Echokardiographie vom 21.03.2035:',
             'Linker Ventrikel normal groß, Ejektionsfraktion 55 %, keine regionalen Wandbewegungsstörungen.',
             'Rechter Ventrikel nicht dilatiert, TAPSE 21 mm. Kein Perikarderguss.',
             'Beurteilung: Normale systolische Funktion beider Ventrikel; kein Hinweis auf Rechtsherzbelastung.']


def doc_obx(lines):
    return [obx(i, 'TX', '11522-0^Echocardiography study^LN' if 'Echo' in lines[0] else '18745-0^Cardiac catheterization study^LN',
                line, t='') for i, line in enumerate(lines, 1)]


M['07-mdm-t02-weissgerber-echo-report-dictated'] = [
    msh('UKLHDMS', '20350321103022+0100', 'DMS66000007', 'MDM^T02^MDM_T02'), evn('T02', '20350321103000'), pid(PAT_A),
    A_PV1('IMC1^IMC-04^1^UKLH^^^^^Intermediate Care 1'),
    txa(ECHO, '20350321094500', '20350321102500', OA_KARDIO, A_DOC, 'DI', 'UN',
        {5: OA_KARDIO, 25: 'Echokardiographie-Befund Weißgerber 21.03.2035'}),
    *doc_obx(ECHO_TEXT),
]
# 08 MDM^T08: the same document (its own TXA-12) edited and signed by the Oberärztin: LA, available (Friday 23 March)
M['08-mdm-t08-weissgerber-echo-report-signed'] = [
    msh('UKLHDMS', '20350323091511+0100', 'DMS66000008', 'MDM^T08^MDM_T02'), evn('T08', '20350323091500'), pid(PAT_A),
    A_PV1('IMC1^IMC-04^1^UKLH^^^^^Intermediate Care 1'),
    txa(ECHO, '20350321094500', '20350321102500', OA_KARDIO, A_DOC, 'LA', 'AV',
        {8: '20350323091200', 21: 'Korrektur Ejektionsfraktion nach Nachmessung',
         22: OA_KARDIO + '^^^^^^20350323091200',
         25: 'Echokardiographie-Befund Weißgerber 21.03.2035'}),
    *doc_obx([ECHO_TEXT[0], ECHO_TEXT[1].replace('55 %', '60 %'), ECHO_TEXT[2], ECHO_TEXT[3]]),
]
# 09 ADT^A08: moved (new address with ß) and changed Krankenkasse from 1 April: TK instead of AOK (Monday 26 March, CEST)
M['09-adt-a08-weissgerber-address-krankenkasse'] = [
    msh('UKLHKIS', '20350326084433+0200', 'KIS66000009', 'ADT^A08^ADT_A01'), evn('A08', '20350326084400'),
    pid(PAT_A, {11: 'Karl-Marx-Straße 118^Hinterhaus, 2. OG^Lindenhain^^15344^DEU^H'}),
    A_PV1('IMC1^IMC-04^1^UKLH^^^^^Intermediate Care 1'),
    in1(*TKK, '20350401', WG_KV),
]
# 10 ADT^A03: discharged home (Tuesday 27 March 11:20 CEST)
M['10-adt-a03-weissgerber-discharge'] = [
    msh('UKLHKIS', '20350327112114+0200', 'KIS66000010', 'ADT^A03^ADT_A03'), evn('A03', '20350327112000'),
    pid(PAT_A, {11: 'Karl-Marx-Straße 118^Hinterhaus, 2. OG^Lindenhain^^15344^DEU^H'}),
    A_PV1('IMC1^IMC-04^1^UKLH^^^^^Intermediate Care 1', end='20350327112000', extra={36: '01^Entlassung nach Hause^HL70112'}),
    in1(*TKK, '20350401', WG_KV),
]
# 11 MDM^T11: the echo document cancelled (filed to the wrong case: it was another patient's echo)
M['11-mdm-t11-weissgerber-echo-report-cancelled'] = [
    msh('UKLHDMS', '20350327143005+0200', 'DMS66000011', 'MDM^T11^MDM_T01'), evn('T11', '20350327143000'), pid(PAT_A),
    A_PV1('IMC1^IMC-04^1^UKLH^^^^^Intermediate Care 1', end='20350327112000'),
    txa(ECHO, '20350321094500', '20350321102500', OA_KARDIO, A_DOC, 'LA', 'CA',
        {21: 'Falsche Patientenzuordnung', 25: 'Echokardiographie-Befund Weißgerber 21.03.2035'}),
]

# ================= Schäfer-Özdemir, Dörte: chest X-ray via the broker, ECG, cath report T02 -> T08 (new number), MRI
B_CASE = '3506600472'
B_PV1 = lambda end='', extra=None: pv1('I', 'KAR2^212^1^UKLH^^^^^Kardiologie Station 2', B_CASE, KARDIO,  # noqa: E731
                                       '20350322094000', 'KAR^Kardiologie^UKLH-FA', end, extra)
B_XR_ORD, B_XR_FIL = 'KIS35-118846^UKLHKIS', 'RIS35-40298^UKLHRIS'
XRTHX = 'XTHX2^Röntgen Thorax in 2 Ebenen^UKLH-RAD^36643-5^XR Chest 2 Views^LN'
# 12 ADT^A01: elective admission for a coronary angiography (Thursday 22 March 09:40 CET); DAK
M['12-adt-a01-schaefer-oezdemir-admit'] = [
    msh('UKLHKIS', '20350322094233+0100', 'KIS66000012', 'ADT^A01^ADT_A01'), evn('A01', '20350322094000'), pid(PAT_B),
    B_PV1(extra={4: 'E^Elective^HL70007'}), seg('PV2', {3: '^Belastungsdyspnoe, V. a. KHK'}),
    in1(*DAK, '20120101', SD_KV),
]
# 13 ORM^O01 (v2.3.1) from the old worklist broker: the chest X-ray step, accession in OBR-18; MSH-18 empty, Latin-1
M['13-orm-o01-schaefer-oezdemir-xray-worklist'] = [
    msh('MWLBROKER', '20350322101502', 'MWL66000013', 'ORM^O01', '2.3.1'),
    pid({1: '1', 3: '66004729^^^UKLH^PI', 5: 'Schäfer-Özdemir^Dörte^^^^^L', 7: '19690827', 8: 'F'}),
    seg('PV1', {1: '1', 2: 'I', 3: 'KAR2^212^1^UKLH', 19: f'{B_CASE}^^^UKLH^VN'}),
    orc('NW', B_XR_ORD, B_XR_FIL, 'SC', '20350322101500', KARDIO),
    obr(1, B_XR_ORD, B_XR_FIL, XRTHX, {16: KARDIO, 18: 'A35032200533', 19: 'RP35-0533', 20: 'SPS35-0533-1', 24: 'CR',
                                       27: '^^^20350322104500^^R'}),
]
# 14 ORU^R01: the chest X-ray report (final) on the broker's order numbers
M['14-oru-r01-schaefer-oezdemir-xray-report'] = [
    msh('UKLHRIS', '20350322120807', 'RIS66000014', 'ORU^R01^ORU_R01'), pid(PAT_B), B_PV1(),
    orc('RE', B_XR_ORD, B_XR_FIL, 'CM', '', KARDIO),
    obr(1, B_XR_ORD, B_XR_FIL, XRTHX, {7: '20350322104900', 16: KARDIO, 18: 'A35032200533', 22: '20350322120500', 24: 'CR',
                                       25: 'F', 32: RADIO2.replace('^', '&')}),
    obx(1, 'TX', REP, 'Röntgen Thorax p.a. und seitlich im Stehen.', t='20350322120500', sub='1'),
    obx(2, 'TX', REP, 'Herz normal groß, keine pulmonalvenöse Stauung, kein Erguss, kein Infiltrat.', t='20350322120500', sub='1'),
    obx(3, 'TX', IMP, 'Altersentsprechender Befund; kein Anhalt für kardiale Dekompensation.', t='20350322120500', sub='2'),
]
# 15 ORU^R01: resting ECG before the angiography
M['15-oru-r01-schaefer-oezdemir-resting-ecg'] = ecg(
    PAT_B, B_PV1(), 'KIS35-118851^UKLHKIS', 'EKG35-2214^UKLHCARD', '20350322111000', '64', '148', '88', '402', '405', '34',
    'Sinusrhythmus, Indifferenztyp, regelrechte Erregungsrückbildung.', 'N', 'CARD66000015', '20350322111305')
# 16 MDM^T02: the cardiac catheterisation report, authenticated (AU) and available (Friday 23 March)
HKU = 'HKU^Herzkatheterbefund^UKLH-DA'
B_DOC1, B_DOC2 = 'DMS35-0000744^UKLHDMS', 'DMS35-0000752^UKLHDMS'
HKU_TEXT = ['Linksherzkatheter über die rechte A. radialis:',
            'RIVA: 70%ige Stenose im mittleren Drittel; RCX und RCA ohne relevante Stenosen.',
            'Beurteilung: Koronare Eingefäßerkrankung; PCI des RIVA im Verlauf geplant.']
M['16-mdm-t02-schaefer-oezdemir-cath-report'] = [
    msh('UKLHDMS', '20350323142511+0100', 'DMS66000016', 'MDM^T02^MDM_T02'), evn('T02', '20350323142500'), pid(PAT_B),
    B_PV1(),
    txa(HKU, '20350323103000', '20350323141500', KARDIO, B_DOC1, 'AU', 'AV',
        {22: KARDIO + '^^^^^^20350323142000', 25: 'Herzkatheterbefund 23.03.2035'}),
    *doc_obx(HKU_TEXT),
]
# 17 MDM^T08: edited under a NEW document number naming the first as parent (TXA-13), legally authenticated (LA)
M['17-mdm-t08-schaefer-oezdemir-cath-report-new-version'] = [
    msh('UKLHDMS', '20350326101207+0200', 'DMS66000017', 'MDM^T08^MDM_T02'), evn('T08', '20350326101200'), pid(PAT_B),
    B_PV1(),
    txa(HKU, '20350323103000', '20350323141500', KARDIO, B_DOC2, 'LA', 'AV',
        {8: '20350326100500', 13: B_DOC1, 21: 'Stenosegrad nach QCA-Auswertung korrigiert',
         22: KARDIO + '^^^^^^20350326101000', 25: 'Herzkatheterbefund 23.03.2035'}),
    *doc_obx([HKU_TEXT[0], HKU_TEXT[1].replace('70%ige', '80%ige'), HKU_TEXT[2]]),
]
# 18 OMI^O23: cardiac MRI scheduled by the RIS in two steps (same accession, two scheduled procedure steps)
B_MR_ORD, B_MR_FIL = 'KIS35-118890^UKLHKIS', 'RIS35-40355^UKLHRIS'
B_STUDY = '1.2.276.0.7230010.3.1.2.66004729.20350326.1'
MRHERZ = 'MRHERZ^MRT Herz mit KM und Stress-Perfusion^UKLH-RAD^24621-5^MR Heart^LN'
M['18-omi-o23-schaefer-oezdemir-cardiac-mri-scheduled'] = [
    msh('UKLHRIS', '20350326113402', 'RIS66000018', 'OMI^O23^OMI_O23'), pid(PAT_B), B_PV1(),
    orc('NW', B_MR_ORD, B_MR_FIL, 'SC', '', KARDIO),
    seg('TQ1', {1: '1', 7: '20350327080000', 9: 'R^Routine^HL70485'}),
    obr(1, B_MR_ORD, B_MR_FIL, MRHERZ, {13: 'Herzschrittmacher: nein; eGFR 78', 16: KARDIO, 24: 'MR',
                                        31: 'I25.13^Atherosklerotische Herzkrankheit, Drei-Gefäß-Erkrankung^I10GM'}),
    ipc('A35032600561^UKLHRIS', 'RP35-0561^UKLHRIS', f'{B_STUDY}^^Application^DICOM', 'SPS35-0561-1^UKLHRIS',
        'MR^Magnetic Resonance^DCM', 'UKLHMR2', 'MR2'),
    ipc('A35032600561^UKLHRIS', 'RP35-0561^UKLHRIS', f'{B_STUDY}^^Application^DICOM', 'SPS35-0561-2^UKLHRIS',
        'MR^Magnetic Resonance^DCM', 'UKLHMR2', 'MR2'),
]
# 19 ORU^R01: the cardiac MRI report (Tuesday 27 March, CEST; the RIS's bare times are CEST)
M['19-oru-r01-schaefer-oezdemir-cardiac-mri-report'] = [
    msh('UKLHRIS', '20350327152231', 'RIS66000019', 'ORU^R01^ORU_R01'), pid(PAT_B), B_PV1(),
    orc('RE', B_MR_ORD, B_MR_FIL, 'CM', '', KARDIO),
    obr(1, B_MR_ORD, B_MR_FIL, MRHERZ, {7: '20350327081200', 16: KARDIO, 22: '20350327151800', 24: 'MR', 25: 'F',
                                        32: RADIO.replace('^', '&')}),
    obx(1, 'HD', STUDY, f'{B_STUDY}^^ISO', t='20350327081200'),
    obx(2, 'TX', REP, 'Kardio-MRT mit Adenosin-Stressperfusion und Late-Gadolinium-Enhancement.', t='20350327151800', sub='1'),
    obx(3, 'TX', REP, 'Stressinduzierte Perfusionsstörung anteroseptal midventrikulär (2 von 17 Segmenten).', t='20350327151800', sub='1'),
    obx(4, 'TX', REP, 'Kein Late Enhancement; LVEF 58 %.', t='20350327151800', sub='1'),
    obx(5, 'TX', IMP, 'Hämodynamisch relevante RIVA-Stenose mit Ischämie; vitales Myokard.', t='20350327151800', sub='2', flag='A'),
]
# 20 ADT^A03: discharged (Wednesday 28 March 10:00 CEST)
M['20-adt-a03-schaefer-oezdemir-discharge'] = [
    msh('UKLHKIS', '20350328100211+0200', 'KIS66000020', 'ADT^A03^ADT_A03'), evn('A03', '20350328100000'), pid(PAT_B),
    B_PV1(end='20350328100000', extra={36: '01^Entlassung nach Hause^HL70112'}), in1(*DAK, '20120101', SD_KV),
]

# ================= Krüger, Hans-Jörg: ED registration under a duplicate number, CT Kopf via the broker, merge, report
C_ED = lambda num='66004745', end='': pv1('E', 'ZNA^SR2^^UKLH^^^^^Zentrale Notaufnahme', '3506600473', NOTARZT,  # noqa: E731
                                          '20350328231800', 'ZNA^Notaufnahme^UKLH-FA', end)
C_ORD, C_FIL = 'KIS35-118934^UKLHKIS', 'RIS35-40388^UKLHRIS'
CTKOPF = 'CTKOPF^CT Schädel nativ^UKLH-RAD^24725-4^CT Head^LN'
# 21 ADT^A04: ED at 23:18 CEST on 28 March, no eGK at hand: a new Patientennummer; BARMER from the referral note
M['21-adt-a04-krueger-ed-duplicate'] = [
    msh('UKLHKIS', '20350328232014+0200', 'KIS66000021', 'ADT^A04^ADT_A01'), evn('A04', '20350328231800'), pid(PAT_C_DUP),
    C_ED(), seg('PV2', {3: '^Sturz, Kopfplatzwunde, Antikoagulation'}),
]
# 22 ORM^O01 (broker, MSH-18 empty, Latin-1): CT Kopf step under the duplicate number
M['22-orm-o01-krueger-ct-kopf-worklist'] = [
    msh('MWLBROKER', '20350328233811', 'MWL66000022', 'ORM^O01', '2.3.1'),
    pid({1: '1', 3: '66004745^^^UKLH^PI', 5: 'Krüger^Hans Jörg^^^^^L', 7: '19440203', 8: 'M'}),
    seg('PV1', {1: '1', 2: 'E', 3: 'ZNA^SR2^^UKLH', 19: '3506600473^^^UKLH^VN'}),
    orc('NW', C_ORD, C_FIL, 'SC', '20350328233800', NOTARZT),
    obr(1, C_ORD, C_FIL, CTKOPF, {16: NOTARZT, 18: 'A35032800589', 19: 'RP35-0589', 20: 'SPS35-0589-1', 24: 'CT',
                                  27: '^^^20350328234500^^S'}),
]
# 23 ADT^A40: next morning the Patientenaufnahme merges the duplicate into his existing number (with KVNR, BARMER)
M['23-adt-a40-krueger-merge-duplicate'] = [
    msh('UKLHKIS', '20350329081207+0200', 'KIS66000023', 'ADT^A40^ADT_A39'), evn('A40', '20350329081200'), pid(PAT_C),
    seg('MRG', {1: '66004745^^^UKLH^PI', 7: 'Krüger^Hans Jörg^^^^^L'}),
]
# 24 ORU^R01: the CT Kopf report, sent after the merge under the surviving Patientennummer, on the broker's order
M['24-oru-r01-krueger-ct-kopf-report'] = [
    msh('UKLHRIS', '20350329084015', 'RIS66000024', 'ORU^R01^ORU_R01'), pid(PAT_C), C_ED(),
    orc('RE', C_ORD, C_FIL, 'CM', '', NOTARZT),
    obr(1, C_ORD, C_FIL, CTKOPF, {7: '20350328235100', 16: NOTARZT, 18: 'A35032800589', 22: '20350329083500', 24: 'CT',
                                  25: 'F', 32: RADIO2.replace('^', '&')}),
    obx(1, 'TX', REP, 'CT Schädel nativ.', t='20350329083500', sub='1'),
    obx(2, 'TX', REP, 'Keine intrakranielle Blutung, keine Fraktur. Galeahämatom parietal links.', t='20350329083500', sub='1'),
    obx(3, 'TX', IMP, 'Kein Nachweis einer traumatischen intrakraniellen Läsion.', t='20350329083500', sub='2'),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        app = segs[0].split('|')[2]
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode(ENCODING[CHARSET[app]]))
    print(len(M), 'messages written to', OUT)
