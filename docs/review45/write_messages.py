#!/usr/bin/env python3
r"""Review 45's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the feeds of a Dutch general hospital's radiology department and admissions office, all on ONE channel
whose zone is Europe/Amsterdam, around the spring daylight-saving change of Sunday 31 March 2030 (02:00 CET ->
03:00 CEST; the clock time 02:00-02:59 does not exist that night). Ziekenhuis Lingehof (ZLH), Tiel (invented).
Every message is MSH-18 `UNICODE UTF-8`, with Dutch names: XPN.1 FN.1 the whole family name, FN.2 own-name prefix
("van der", "de", "van 't"), FN.3 own name, FN.5 partner's name where the HIS splits them; BSN patient identifiers
(assigning authority NLMINBIZA, identifier type NNNLD) beside the hospital MRN; AGB codes (VEKTIS) for practitioners;
addresses with house-number suffixes (SAD.1 street + number, SAD.2 street, SAD.3 number; XAD.2 the suffix).
- admissions "ZLHADT" (ADT v2.5, MSH-7 WITH offset): A01 inpatient, A01 unknown woman (SEH, temporary MRN),
  A02 transfer sent after the change for a move before it, A40 merge of the temporary MRN into the known record,
  A01 day admission then A11 cancel admit, A03 discharge;
- order placer "ZLHHIX" (ORM^O01 v2.4, BARE times): NW (two orders in one message), CA (ORC-5 CA), XO reschedule;
- RIS "ZLHRIS" (ORM^O01 SC v2.3.1 and ORU^R01 v2.3.1, BARE times): SC with ORC-5 SC and the scheduled start,
  radiology reports preliminary -> final -> addendum (OBR-25 P/F/C, OBX-2 TX lines with the same OBX-3 and no
  sub-id, as the RIS sends them; LOINC 18782-3 findings, 19005-8 impression, a local addendum code; OBR-32 the
  principal interpreter, resident then radiologist); the trauma CT report as one FT OBX with \.br\;
- RIS modality-worklist broker "ZLHRISMWL" (OMI^O23 v2.5.1 with IPC, IHE RAD-4 "procedure scheduled"): two,
  which a Dutch RIS sends and hig does not support (refused is the verdict, recorded as such);
- RIS agenda "ZLHAGENDA" (SIU^S12 / S15 v2.5, MSH-7 with offset): an MRI booked before the change for a day after it;
- speech recognition / report distribution "ZLHSPR" (MDM^T02, then MDM^T08 of the same document, v2.5).
Patients and numbers (BSN 45100xxxx, ZLH45..., ZLHV45..., HIX45-, RAD45-, AGD45-, SPR45-, AGB 0304510x) none of
reviews 16-44's. Fields placed by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone Europe/Amsterdam, the channel's zone):
    python3 docs/review45/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review45/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v):
    return seg('MSH', {3: app, 4: 'ZLH', 5: 'HIG', 6: 'ZLH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v, 17: 'NLD',
                       18: 'UNICODE UTF-8'})


M = {}
# ---- patients ----
GRIETJE = {1: '1', 3: '451001102^^^NLMINBIZA^NNNLD~ZLH4510001^^^ZLH^MR',
           5: 'van der Kolk-Ouwehand&van der&Kolk&&Ouwehand^Grietje^J^^^^L', 7: '19490211', 8: 'F',
           11: 'Lingedijk 14&Lingedijk&14^A^Tiel^^4001 AB^NLD^H',
           13: '^PRN^PH^^31^344^612345~^NET^Internet^g.vanderkolk@example.nl', 15: 'nl^Nederlands^ISO639',
           16: 'M^Married^HL70002'}
TEUNIS = {1: '1', 3: '451002209^^^NLMINBIZA^NNNLD~ZLH4510002^^^ZLH^MR', 5: 'de Roos&de&Roos^Teunis^^^^^L',
          7: '19710917', 8: 'M', 11: 'Burgemeester Meslaan 203&Burgemeester Meslaan&203^bis^Culemborg^^4101 CK^NLD^H',
          13: '^PRN^CP^^31^6^41570923'}
UNKNOWN = {1: '1', 3: 'ZLH4599001^^^ZLH^MR', 5: 'Onbekend^Vrouw^^^^^U', 7: '1990', 8: 'F'}
DANIELLE = {1: '1', 3: '451003305^^^NLMINBIZA^NNNLD~ZLH4510003^^^ZLH^MR',
            5: "van 't Hooft-Bronsvoort&van 't&Hooft&&Bronsvoort^Daniëlle^M^^^^L", 7: '19880704', 8: 'F',
            11: 'Oude Haven 7&Oude Haven&7^C^Zaltbommel^^5301 BJ^NLD^H', 13: '^PRN^CP^^31^6^28836104'}
# ---- practitioners (AGB, VEKTIS) ----
INTERNIST = '03045101^Mulderij^Anke^^^^^^VEKTIS^L^^^AGB'
SEHARTS = '03045105^ten Brinke&ten&Brinke^Joost^^^^^^VEKTIS^L^^^AGB'
ORTHO = '03045106^Eijkelboom^Sander^^^^^^VEKTIS^L^^^AGB'
RADIOLOOG = '03045103^van Lier&van&Lier^Hester^^^^^^VEKTIS^L^^^AGB'
GP = '01045107^Hogenbirk^Wietske^^^^^^VEKTIS^L^^^AGB'
NDL_RES = '03045104&Bakkenes&Roelof&&&&&&VEKTIS'
NDL_RAD = '03045103&van Lier&Hester&&&&&&VEKTIS'
NDL_NIGHT = '03045108&Kuijpers-Ndiaye&Femke&&&&&&VEKTIS'
# ---- codes ----
CT_THX = 'CTTHX^CT thorax met contrast^ZLHRAD^24627-2^CT Chest^LN'
ECHO_ABD = 'USABD^Echo abdomen^ZLHRAD'
CT_TRAUMA = 'CTTRA^CT total body trauma^ZLHRAD'
MRI_KNEE = 'MRKNL^MRI knie links^ZLHRAD'
FINDINGS = '18782-3^Radiology Study observation (narrative)^LN'
IMPRESSION = '19005-8^Radiology Imaging study [Impression] (narrative)^LN'
ADDENDUM = 'ADD^Addendum^ZLHRAD'
REPORT_DOC = '18748-4^Diagnostic imaging study^LN'


def pv1(cls, loc, visit, doc, start='', extra=None):
    f = {1: '1', 2: cls, 3: loc, 7: doc, 10: {'I': 'INT', 'E': 'SEH'}.get(cls, 'ORT'), 19: f'{visit}^^^ZLH^VN'}
    if start:
        f[44] = start
    f.update(extra or {})
    return seg('PV1', f)


GR_PV1 = lambda **k: pv1('I', 'B3^312^2^ZLH^^^^^Afdeling B3', 'ZLHV4510001', INTERNIST, '20300330224000', **k)  # noqa: E731
GR_IC = lambda: pv1('I', 'IC^105^1^ZLH^^^^^Intensive Care', 'ZLHV4510001', INTERNIST, '20300330224000')  # noqa: E731


def hix_orm(t, ctl, pid, pv, orders):
    out = [msh('ZLHHIX', t, ctl, 'ORM^O01^ORM_O01', '2.4'), seg('PID', pid), pv]
    for o in orders:
        out += o
    return out


def order(ctl, plac, code, start, orderer, fill='', status='', reason_study='', clin='', i=1, when='', prio='R',
          reason='', note=''):
    tq = f'^^^{start}^^{prio}'
    orc = {1: ctl, 2: f'{plac}^ZLHHIX', 5: status, 7: tq, 9: when, 12: orderer}
    if fill:
        orc[3] = f'{fill}^ZLHRIS'
    if reason:
        orc[16] = reason
    obr = {1: str(i), 2: f'{plac}^ZLHHIX', 4: code, 13: clin, 16: orderer, 24: code.split('^')[0][:2], 27: tq,
           31: reason_study}
    if fill:
        obr[3] = f'{fill}^ZLHRIS'
    out = [seg('ORC', orc), seg('OBR', {k: v for k, v in obr.items() if v != ''})]
    if note:
        out.append(seg('NTE', {1: '1', 2: 'P', 3: note}))
    return out


def ris_oru(t, ctl, pid, pv, plac, fill, code, obs_start, obs_end, reported, status, interpreter, obxs, v='2.3.1'):
    return [msh('ZLHRIS', t, ctl, 'ORU^R01', v), seg('PID', pid), pv,
            seg('ORC', {1: 'RE', 2: f'{plac}^ZLHHIX', 3: f'{fill}^ZLHRIS', 5: 'CM'}),
            seg('OBR', {1: '1', 2: f'{plac}^ZLHHIX', 3: f'{fill}^ZLHRIS', 4: code, 7: obs_start, 8: obs_end,
                        22: reported, 24: code.split('^')[0][:2], 25: status, 32: interpreter})] + obxs


def tx(i, code, text, st):
    return seg('OBX', {1: str(i), 2: 'TX', 3: code, 5: text, 11: st})


def omi(t, ctl, pid, pv, plac, fill, code, start, modality, station, spsid, uid):
    return [msh('ZLHRISMWL', t, ctl, 'OMI^O23^OMI_O23', '2.5.1'), seg('PID', pid), pv,
            seg('ORC', {1: 'NW', 2: f'{plac}^ZLHHIX', 3: f'{fill}^ZLHRIS', 5: 'SC', 12: RADIOLOOG}),
            seg('TQ1', {1: '1', 7: start, 9: 'R^Routine^HL70485'}),
            seg('OBR', {1: '1', 2: f'{plac}^ZLHHIX', 3: f'{fill}^ZLHRIS', 4: code, 24: modality}),
            seg('IPC', {1: f'{fill}^ZLHRIS', 2: f'{fill}-1^ZLHRIS', 3: f'{uid}^DICOM', 4: f'{spsid}^ZLHRIS',
                        5: f'{modality}^^DCM', 9: station})]


def adt(trig, struct, t, evt, pid, pv, extra=None, before_pv=None):
    out = [msh('ZLHADT', t, f'ZA45{evt[1]}', f'ADT^{trig}^{struct}', '2.5'),
           seg('EVN', {1: trig, 2: evt[0], 6: evt[0]}), seg('PID', pid)]
    out += before_pv or []
    if pv:
        out.append(pv)
    out += extra or []
    return out


def siu(trig, t, ctl, scheds, status, reason=''):
    return [msh('ZLHAGENDA', t, ctl, f'SIU^{trig}^SIU_S12', '2.5'),
            seg('SCH', {1: 'AGD45-0201^ZLHAGENDA', 2: 'AGD45-0201^ZLHRIS', 6: reason, 7: 'ROUTINE^Routine^HL70276',
                        8: 'NORMAL^Normal^HL70277', 9: '30', 10: 'MIN', 11: f'^^30^{scheds[0]}^{scheds[1]}',
                        16: RADIOLOOG, 20: '04510099^Hendriks^Ilse', 25: status,
                        26: 'HIX45-0101^ZLHHIX', 27: 'RAD45-0101^ZLHRIS'}),
            seg('PID', TEUNIS), seg('RGS', {1: '1', 2: 'A'}),
            seg('AIS', {1: '1', 2: 'A', 3: MRI_KNEE, 4: scheds[0], 7: '30', 8: 'MIN'}),
            seg('AIL', {1: '1', 2: 'A', 3: 'MRI^MRI2^^ZLH^^^^^MRI-kamer 2'}),
            seg('AIP', {1: '1', 2: 'A', 3: RADIOLOOG, 4: 'RAD^Radioloog^L'})]


# ---- Thursday 28 March 2030 (CET, +01:00): Teunis's MRI order from the orthopaedic outpatient clinic ----
M['01-orm-o01-nw-mri-knee-deroos'] = hix_orm(
    '20300328141200', 'ZH4500001', TEUNIS, pv1('O', 'POLORT^^^ZLH^^^^^Polikliniek Orthopedie', 'ZLHV4510201', ORTHO),
    [order('NW', 'HIX45-0101', MRI_KNEE, '20300402', ORTHO, when='20300328141000',
           clin='Slotklachten li knie na distorsie, verdenking meniscuslaesie',
           reason_study='^Verdenking mediale meniscusscheur')])
# ---- Friday 29 March: the agenda books the MRI for Tuesday 2 April 10:30 (CEST then) ----
M['02-siu-s12-mri-booked-2-april-deroos'] = siu('S12', '20300329100500+0100', 'ZG4500002',
                                                ('203004021030', '203004021100'), 'Booked')
M['03-omi-o23-mri-worklist-deroos'] = omi(
    '20300329100600+0100', 'ZW4500003', TEUNIS, pv1('O', 'POLORT^^^ZLH', 'ZLHV4510201', ORTHO),
    'HIX45-0101', 'RAD45-0101', MRI_KNEE, '203004021030', 'MR', 'ZLHMR2', 'SPS45-0101',
    '1.2.528.1.1001.45.1.20300329.101')
# ---- Saturday 30 March (CET): Grietje admitted with fever and dyspnoea; CT thorax + echo ordered ----
M['04-adt-a01-admit-vanderkolk'] = adt(
    'A01', 'ADT_A01', '20300330224500+0100', ('20300330224000', '04'), GRIETJE, GR_PV1(extra={4: 'E'}),
    before_pv=[seg('PD1', {4: GP}),
               seg('NK1', {1: '1', 2: 'Ouwehand&&Ouwehand^Kees^^^^^L', 3: 'SPO^Echtgenoot^HL70063',
                           5: '^PRN^CP^^31^6^19283746'})])
M['05-orm-o01-nw-ct-thorax-echo-vanderkolk'] = hix_orm(
    '20300330230600', 'ZH4500005', GRIETJE, GR_PV1(),
    [order('NW', 'HIX45-0501', CT_THX, '203003302330', INTERNIST, when='20300330230500', prio='S',
           clin='Koorts, dyspnoe, CRP 212; D-dimeer verhoogd', reason_study='^Verdenking longembolie'),
     order('NW', 'HIX45-0502', ECHO_ABD, '20300331', INTERNIST, when='20300330230500', i=2,
           clin='Cholestatisch leverenzymbeeld', reason_study='^Galstenen?')])
M['06-orm-o01-sc-ct-scheduled-vanderkolk'] = [
    msh('ZLHRIS', '20300330234800', 'ZR4500006', 'ORM^O01', '2.3.1'), seg('PID', GRIETJE), GR_PV1()] + \
    order('SC', 'HIX45-0501', CT_THX, '203003310130', INTERNIST, fill='RAD45-0501', status='SC', prio='S',
          when='20300330234700')
M['07-omi-o23-ct-worklist-vanderkolk'] = omi(
    '20300330234900+0100', 'ZW4500007', GRIETJE, GR_PV1(), 'HIX45-0501', 'RAD45-0501', CT_THX, '203003310130',
    'CT', 'ZLHCT1', 'SPS45-0501', '1.2.528.1.1001.45.1.20300330.501')
# ---- Sunday 31 March: 01:29 CET an unknown woman at the SEH (trauma); clocks go 02:00 CET -> 03:00 CEST ----
M['08-adt-a01-seh-unknown-woman-vanthooft'] = adt(
    'A01', 'ADT_A01', '20300331012900+0100', ('20300331012500', '08'), UNKNOWN,
    pv1('E', 'SEH^TR1^1^ZLH^^^^^Spoedeisende Hulp', 'ZLHV4510301', SEHARTS, '20300331012500', extra={4: 'E'}))
M['09-orm-o01-nw-ct-trauma-vanthooft'] = hix_orm(
    '20300331013600', 'ZH4500009', UNKNOWN, pv1('E', 'SEH^TR1^1^ZLH', 'ZLHV4510301', SEHARTS),
    [order('NW', 'HIX45-0901', CT_TRAUMA, '203003310140', SEHARTS, when='20300331013500', prio='S',
           clin='Hoog-energetisch trauma, fietser vs. auto', reason_study='^Traumascreening')])
# the transfer to the ICU happened at 01:55 CET and is sent at 03:05 CEST (queue held during the night's downtime)
M['10-adt-a02-transfer-ic-vanderkolk'] = adt(
    'A02', 'ADT_A02', '20300331030500+0200', ('20300331015500', '10'), GRIETJE,
    pv1('I', 'IC^105^1^ZLH^^^^^Intensive Care', 'ZLHV4510001', INTERNIST, '20300330224000',
        extra={6: 'B3^312^2^ZLH^^^^^Afdeling B3'}))
# CT 01:45 CET; the modality's clock was not moved: the study ended at 02:05 on it (03:05 CEST); reported 03:40 CEST
M['11-oru-r01-ct-thorax-preliminary-vanderkolk'] = ris_oru(
    '20300331034100', 'ZR4500011', GRIETJE, GR_IC(), 'HIX45-0501', 'RAD45-0501', CT_THX,
    '20300331014500', '20300331020500', '20300331034000', 'P', NDL_RES,
    [tx(1, FINDINGS, 'CT thorax na i.v. contrast. Geen vullingsdefecten in de longarteriën.', 'P'),
     tx(2, FINDINGS, 'Consolidatie in de rechter onderkwab met positief aerobronchogram.', 'P'),
     tx(3, IMPRESSION, 'Geen longembolie. Beeld passend bij pneumonie rechter onderkwab.', 'P')])
M['12-oru-r01-ct-trauma-final-unknown-vanthooft'] = ris_oru(
    '20300331034500', 'ZR4500012', UNKNOWN, pv1('E', 'SEH^TR1^1^ZLH', 'ZLHV4510301', SEHARTS), 'HIX45-0901',
    'RAD45-0901', CT_TRAUMA, '20300331015000', '20300331031000', '20300331034400', 'F', NDL_NIGHT,
    [seg('OBX', {1: '1', 2: 'FT', 3: FINDINGS, 5: 'CT total body na trauma.\\.br\\Wervelkolom: geen fractuur.\\.br\\'
                 'Thorax: ribfracturen 5-7 links, geen pneumothorax.\\.br\\Abdomen: geen vrij vocht.', 11: 'F'}),
     seg('OBX', {1: '2', 2: 'FT', 3: IMPRESSION, 5: 'Ribfracturen 5-7 links. Geen intracraniële of '
                 'abdominale letsels.', 11: 'F'})])
M['13-adt-a40-merge-temp-into-known-vanthooft'] = adt(
    'A40', 'ADT_A39', '20300331082000+0200', ('20300331081800', '13'), DANIELLE, None,
    extra=[seg('MRG', {1: 'ZLH4599001^^^ZLH^MR'}),
           pv1('E', 'SEH^TR1^1^ZLH^^^^^Spoedeisende Hulp', 'ZLHV4510301', SEHARTS, '20300331012500')])
M['14-oru-r01-ct-thorax-final-vanderkolk'] = ris_oru(
    '20300331092100', 'ZR4500014', GRIETJE, GR_IC(), 'HIX45-0501', 'RAD45-0501', CT_THX,
    '20300331014500', '20300331020500', '20300331092000', 'F', NDL_RAD,
    [tx(1, FINDINGS, 'CT thorax na i.v. contrast. Geen vullingsdefecten in de longarteriën.', 'F'),
     tx(2, FINDINGS, 'Consolidatie in de rechter onderkwab met positief aerobronchogram.', 'F'),
     tx(3, FINDINGS, 'Kleine hoeveelheid pleuravocht rechts.', 'F'),
     tx(4, IMPRESSION, 'Geen longembolie. Pneumonie rechter onderkwab met beperkt pleuravocht.', 'F')])
M['15-mdm-t02-ct-report-document-vanderkolk'] = [
    msh('ZLHSPR', '20300331092200+0200', 'ZS4500015', 'MDM^T02^MDM_T02', '2.5'),
    seg('EVN', {1: 'T02', 2: '20300331092200+0200'}), seg('PID', GRIETJE), GR_IC(),
    seg('TXA', {1: '1', 2: 'DI^Diagnostic imaging^HL70270', 3: 'FT', 4: '20300331092000', 5: RADIOLOOG,
                6: '20300331014500', 12: 'SPR45-1501^ZLHSPR', 14: 'HIX45-0501^ZLHHIX', 15: 'RAD45-0501^ZLHRIS',
                17: 'AU', 19: 'AV', 22: RADIOLOOG + '^^20300331092000'}),
    seg('OBX', {1: '1', 2: 'FT', 3: REPORT_DOC, 5: 'CT thorax na i.v. contrast.\\.br\\Geen vullingsdefecten in de '
                'longarteriën.\\.br\\Consolidatie rechter onderkwab; kleine hoeveelheid pleuravocht rechts.\\.br\\'
                'Conclusie: geen longembolie; pneumonie rechter onderkwab.', 11: 'F'})]
M['16-orm-o01-ca-echo-cancelled-vanderkolk'] = hix_orm(
    '20300331104000', 'ZH4500016', GRIETJE, pv1('I', 'IC^105^1^ZLH', 'ZLHV4510001', INTERNIST),
    [order('CA', 'HIX45-0502', ECHO_ABD, '20300331', INTERNIST, status='CA', when='20300331103800', i=1,
           reason='NIND^Niet meer geïndiceerd^ZLHHIX')])
# the night report corrected after the merge, now under Daniëlle's own MRN
M['17-oru-r01-ct-trauma-corrected-vanthooft'] = ris_oru(
    '20300331111500', 'ZR4500017', DANIELLE, pv1('E', 'SEH^TR1^1^ZLH', 'ZLHV4510301', SEHARTS), 'HIX45-0901',
    'RAD45-0901', CT_TRAUMA, '20300331015000', '20300331031000', '20300331111400', 'C', NDL_RAD,
    [seg('OBX', {1: '1', 2: 'FT', 3: FINDINGS, 5: 'CT total body na trauma.\\.br\\Wervelkolom: fractuur processus '
                 'transversus L2 links (nagekeken).\\.br\\Thorax: ribfracturen 5-7 links, geen pneumothorax.\\.br\\'
                 'Abdomen: geen vrij vocht.', 11: 'C'}),
     seg('OBX', {1: '2', 2: 'FT', 3: IMPRESSION, 5: 'Ribfracturen 5-7 links; fractuur processus transversus L2 '
                 'links. Geen intracraniële of abdominale letsels.', 11: 'C'})])
# ---- Monday 1 April (CEST): the addendum after the multidisciplinary meeting ----
M['18-oru-r01-ct-thorax-addendum-vanderkolk'] = ris_oru(
    '20300401110500', 'ZR4500018', GRIETJE, pv1('I', 'IC^105^1^ZLH', 'ZLHV4510001', INTERNIST, '20300330224000'),
    'HIX45-0501', 'RAD45-0501', CT_THX, '20300331014500', '20300331020500', '20300401110400', 'C', NDL_RAD,
    [tx(1, FINDINGS, 'CT thorax na i.v. contrast. Geen vullingsdefecten in de longarteriën.', 'F'),
     tx(2, FINDINGS, 'Consolidatie in de rechter onderkwab met positief aerobronchogram.', 'F'),
     tx(3, FINDINGS, 'Kleine hoeveelheid pleuravocht rechts.', 'F'),
     tx(4, IMPRESSION, 'Geen longembolie. Pneumonie rechter onderkwab met beperkt pleuravocht.', 'F'),
     tx(5, ADDENDUM, 'Addendum 01-04-2030: na MDO herbeoordeeld; 6 mm nodulus rechter bovenkwab, '
        'controle-CT over 12 maanden geadviseerd (Fleischner).', 'C')])
M['19-mdm-t08-ct-report-addendum-vanderkolk'] = [
    msh('ZLHSPR', '20300401110700+0200', 'ZS4500019', 'MDM^T08^MDM_T02', '2.5'),
    seg('EVN', {1: 'T08', 2: '20300401110700+0200'}), seg('PID', GRIETJE),
    pv1('I', 'IC^105^1^ZLH', 'ZLHV4510001', INTERNIST, '20300330224000'),
    seg('TXA', {1: '1', 2: 'DI^Diagnostic imaging^HL70270', 3: 'FT', 4: '20300401110400', 5: RADIOLOOG,
                6: '20300331014500', 12: 'SPR45-1501^ZLHSPR', 14: 'HIX45-0501^ZLHHIX', 15: 'RAD45-0501^ZLHRIS',
                17: 'AU', 19: 'AV', 22: RADIOLOOG + '^^20300401110400'}),
    seg('OBX', {1: '1', 2: 'FT', 3: REPORT_DOC, 5: 'CT thorax na i.v. contrast.\\.br\\Geen vullingsdefecten in de '
                'longarteriën.\\.br\\Consolidatie rechter onderkwab; kleine hoeveelheid pleuravocht rechts.\\.br\\'
                'Conclusie: geen longembolie; pneumonie rechter onderkwab.\\.br\\Addendum 01-04-2030: 6 mm '
                'nodulus rechter bovenkwab, controle-CT over 12 maanden geadviseerd (Fleischner).', 11: 'C'})]
# ---- Tuesday 2 April (CEST): Teunis's day admission, the MRI scanner fails, everything moved to Thursday ----
M['20-adt-a01-day-admission-deroos'] = adt(
    'A01', 'ADT_A01', '20300402084000+0200', ('20300402083500', '20'), TEUNIS,
    pv1('I', 'DB^D12^1^ZLH^^^^^Dagbehandeling', 'ZLHV4510202', ORTHO, '20300402083500', extra={4: 'R', 10: 'ORT'}))
M['21-siu-s15-mri-cancelled-deroos'] = siu('S15', '20300402092000+0200', 'ZG4500021',
                                           ('203004021030', '203004021100'), 'Cancelled',
                                           reason='STOR^Storing MRI-scanner^ZLHAGENDA')
M['22-adt-a11-cancel-day-admission-deroos'] = adt(
    'A11', 'ADT_A09', '20300402092500+0200', ('20300402092400', '22'), TEUNIS,
    pv1('I', 'DB^D12^1^ZLH^^^^^Dagbehandeling', 'ZLHV4510202', ORTHO, '20300402083500', extra={4: 'R', 10: 'ORT'}))
M['23-orm-o01-xo-mri-rescheduled-deroos'] = hix_orm(
    '20300402094000', 'ZH4500023', TEUNIS, pv1('O', 'POLORT^^^ZLH', 'ZLHV4510201', ORTHO),
    [order('XO', 'HIX45-0101', MRI_KNEE, '203004041315', ORTHO, fill='RAD45-0101',
           when='20300402093800', note='Verplaatst naar do 4 april 13:15 i.v.m. storing MRI-scanner.')])
M['24-adt-a03-discharge-vanderkolk'] = adt(
    'A03', 'ADT_A03', '20300402143000+0200', ('20300402142500', '24'), GRIETJE,
    pv1('I', 'IC^105^1^ZLH^^^^^Intensive Care', 'ZLHV4510001', INTERNIST, '20300330224000',
        extra={36: '01^Ontslag naar huis^HL70112', 45: '20300402142500'}))

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
