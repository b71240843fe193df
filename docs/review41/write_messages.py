#!/usr/bin/env python3
r"""Review 41's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of the feeds of a US hospital's perioperative and pathology service and its ambulatory surgery center in
America/New_York, 1-12 November 2027, across the autumn DST change (Sunday 7 November 2027, 02:00 EDT -> 01:00 EST:
01:00-01:59 happens twice, first at -0400, then at -0500).
Hudson Ridge Medical Center (HRMC) and Hudson Ridge Surgery Center (HRSC, the ASC):
- ASC scheduling/registration "SURGISCHED" (SIU v2.5, ADT v2.5): the ONE sender with bare times (MSH-7 too); its
  nightly batch runs at 01:30 local, so its reschedule S14 is sent in the repeated hour;
- hospital OR scheduling "ORSCHED" (SIU v2.6, offsets in MSH-7 and AIS/AIL/AIP starts): a hernia repair booking then
  cancel (S15), an emergency add-on appendectomy booked at 00:40 EDT for 90 minutes (it ends after the change);
- registration "REGLINK" (ADT v2.5.1, offsets): pre-admission A05 then A38 cancel; emergency A01, A03;
- OR system "PERIOP" (OML^O21 v2.5.1): lumpectomy pathology with three SPM specimens and a frozen section;
- EHR "CAREWEAVE" (ORM^O01 v2.3): appendix surgical pathology order, OBR-15 specimen sources;
- anesthesia record "ANESREC" (RAS^O17 v2.5.1): MSH-7 with offset, RXA-3/RXA-4 bare (the case spans the change);
- dictation "DICTA" (MDM^T02 then T08 v2.6): operative note and its edit;
- pathology "PATHRPT" (ORU^R01 v2.5.1): preliminary (frozen section) -> final (with an embedded PDF, OBX-2 ED) ->
  corrected report (OBR-25 C, OBX-11 C), FT/TX lines; the appendix report;
- microbiology "MICROLAB" (ORU^R01 v2.5.1): wound culture, organism + susceptibility child (OBR-26 / OBR-29);
- ASC billing "ASCBILL" (BAR^P01 v2.5, PR1 CPT) and hospital billing "HOSPBILL" (BAR^P12 v2.8, PR1 ICD-10-PCS +
  CPT, PR1-19/20).
Patients and numbers (HR41..., SC41..., HRV41..., PL41-, ML41-, OR41-) none of reviews 16-40's. Fields placed by
number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/New_York, the channel's zone):
    python3 docs/review41/write_messages.py
"""
import base64
from pathlib import Path

OUT = Path('docs/review41/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, v, fac='HRMC'):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'HRMC', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v})


M = {}
# ---- patients ----
MARGAUX = {1: '1', 3: 'SC4100101^^^HRSC^MR', 5: 'LAFLEUR-OYAMA^MARGAUX^ISABEL^^^^L', 7: '19790214', 8: 'F',
           11: '88 Kingsbridge Ter^^Yonkers^NY^10701^USA^H', 13: '^PRN^PH^^1^914^5550101',
           18: 'SCV4100101^^^HRSC^AN'}
TOBIAS = {1: '1', 3: 'HR4100202^^^HRMC^MR', 5: 'NAKASHIMA-BRANDVOLD^TOBIAS^REN^^^^L', 7: '20010930', 8: 'M',
          11: '412 Palisade Ave^Apt 3F^Yonkers^NY^10703^USA^H', 13: '^PRN^CP^^1^914^5550202',
          18: 'HRV4100202^^^HRMC^AN'}
YVONNE = {1: '1', 3: 'HR4100303^^^HRMC^MR', 5: 'DESROCHERS^YVONNE^ADELE^^^^L', 7: '19620705', 8: 'F',
          11: '19 Warburton Ave^^Hastings-on-Hudson^NY^10706^USA^H', 13: '^PRN^PH^^1^914^5550303',
          18: 'HRV4100303^^^HRMC^AN'}
BRENDAN = {1: '1', 3: 'HR4100404^^^HRMC^MR', 5: 'KALLIOINEN^BRENDAN^OSCAR^^^^L', 7: '19580117', 8: 'M',
           11: '7 Odell Ave^^Yonkers^NY^10701^USA^H', 13: '^PRN^PH^^1^914^5550404', 18: 'HRV4100404^^^HRMC^AN'}
LUCINDA = {1: '1', 3: 'HR4100505^^^HRMC^MR', 5: 'MBEKI-FAIRWEATHER^LUCINDA^^^^^L', 7: '19850322', 8: 'F',
           11: '230 Ashburton Ave^^Yonkers^NY^10701^USA^H', 13: '^PRN^CP^^1^914^5550505'}

ORTHO = '1396027748^VANTERPOOL^HENRIK^^^^MD^^NPI^L^^^NPI'
GENSURG = '1841306652^OYELARAN-BISHOP^CELESTE^^^^MD^^NPI^L^^^NPI'
BREAST = '1275590318^AHLGREN-MOSS^PRIYA^^^^MD^^NPI^L^^^NPI'
ANES = '1629184430^KOWALEWSKI^DOROTA^^^^MD^^NPI^L^^^NPI'
CRNA = '1083617725^FONTAINE^LUC^^^^CRNA^^NPI^L^^^NPI'
PATH = '1952308841^RAMACHANDRAN^VIKRAM^^^^MD^^NPI^L^^^NPI'
HOSP = '1447215093^GUTIERREZ-ODUYA^MARA^^^^MD^^NPI^L^^^NPI'


def sch(placer, filler, reason, dur, start, end, status, evr=''):
    return seg('SCH', {1: placer, 2: filler, 6: evr, 7: reason, 8: 'SURG^Surgical case^L', 9: str(dur), 10: 'MIN',
                       11: f'^^{dur}^{start}^{end}', 20: 'SCHED41^MARCHETTI^ANNA',
                       25: status})


def booking(start, dur, proc, room, surgeon, action='A'):
    """RGS + AIS (procedure) + AIL (OR room) + AIP surgeon and anesthesiologist, each with its start."""
    return [seg('RGS', {1: '1', 2: action}),
            seg('AIS', {1: '1', 2: action, 3: proc, 4: start, 7: str(dur), 8: 'MIN'}),
            seg('AIL', {1: '1', 2: action, 3: room, 4: 'OR^Operating room^L', 6: start, 9: str(dur), 10: 'MIN'}),
            seg('AIP', {1: '1', 2: action, 3: surgeon, 4: 'SURG^Surgeon^L', 6: start, 9: str(dur), 10: 'MIN'}),
            seg('AIP', {1: '2', 2: action, 3: ANES, 4: 'ANES^Anesthesiologist^L', 6: start, 9: str(dur),
                        10: 'MIN'})]


ARTHRO = '29881^Arthroscopy knee w/ meniscectomy medial OR lateral^CPT4'
HERNIA = '49650^Laparoscopic repair initial inguinal hernia^CPT4'
APPY = '44970^Laparoscopy, surgical, appendectomy^CPT4'
ASC_OR2 = 'ASCOR^OR2^^HRSC^^^^^ASC OPERATING ROOM 2'
MAIN_OR4 = 'MAINOR^OR4^^HRMC^^^^^MAIN OR 4'
MAIN_OR7 = 'MAINOR^OR7^^HRMC^^^^^MAIN OR 7'

# 01 SURGISCHED (bare): Margaux's knee arthroscopy at the ASC, booked Monday for Monday 8 Nov 07:30 (EST)
M['01-siu-s12-asc-knee-arthroscopy-margaux'] = [
    msh('SURGISCHED', '20271101101200', 'SS4100001', 'SIU^S12^SIU_S12', '2.5', fac='HRSC'),
    sch('SC41-CASE0101^SURGISCHED', 'SC41-CASE0101^SURGISCHED', 'ELECT^Elective^L', 90, '20271108073000',
        '20271108090000', 'Booked'),
    seg('PID', MARGAUX),
    seg('PV1', {1: '1', 2: 'O', 3: 'ASCPREOP^^^HRSC', 7: ORTHO, 19: 'SCV4100101^^^HRSC^VN'}),
] + booking('20271108073000', 90, ARTHRO, ASC_OR2, ORTHO)

# 02 ORSCHED: Brendan's laparoscopic inguinal hernia repair booked for Tuesday 9 Nov 07:30-0500
M['02-siu-s12-hernia-booking-brendan'] = [
    msh('ORSCHED', '20271102091500-0400', 'OS4100002', 'SIU^S12^SIU_S12', '2.6'),
    sch('OR41-0201^CAREWEAVE', 'OR41-8201^ORSCHED', 'ELECT^Elective^L', 120, '20271109073000-0500',
        '20271109093000-0500', 'Booked'),
    seg('PID', BRENDAN),
    seg('PV1', {1: '1', 2: 'P', 3: 'SDS^^^HRMC', 7: GENSURG, 19: 'HRV4100404^^^HRMC^VN'}),
] + booking('20271109073000-0500', 120, HERNIA, MAIN_OR4, GENSURG)

# 03 REGLINK: Brendan's pre-admission for the 9 Nov surgery (PV2-8 expected admission)
M['03-adt-a05-preadmit-hernia-brendan'] = [
    msh('REGLINK', '20271103143000-0400', 'RL4100003', 'ADT^A05^ADT_A05', '2.5.1'),
    seg('EVN', {1: 'A05', 2: '20271103142800-0400', 5: 'REG41^OKAFOR-LINDH^JANE'}),
    seg('PID', BRENDAN),
    seg('PV1', {1: '1', 2: 'P', 3: 'SDS^^^HRMC', 4: 'R^Elective^HL70007', 7: GENSURG, 10: 'SUR',
                19: 'HRV4100404^^^HRMC^VN'}),
    seg('PV2', {3: 'K40.90^Unilateral inguinal hernia, without obstruction or gangrene, not specified as recurrent^I10',
                8: '20271109060000-0500'}),
    seg('DG1', {1: '1', 3: 'K40.90^Unilateral inguinal hernia^I10', 6: 'A'}),
]

# 04 REGLINK: the pre-admission cancelled (patient unwell)
M['04-adt-a38-cancel-preadmit-brendan'] = [
    msh('REGLINK', '20271105101000-0400', 'RL4100004', 'ADT^A38^ADT_A38', '2.5.1'),
    seg('EVN', {1: 'A38', 2: '20271105100800-0400', 4: 'PTILL^Patient illness^L', 5: 'REG41^OKAFOR-LINDH^JANE'}),
    seg('PID', BRENDAN),
    seg('PV1', {1: '1', 2: 'P', 3: 'SDS^^^HRMC', 4: 'R^Elective^HL70007', 7: GENSURG, 10: 'SUR',
                19: 'HRV4100404^^^HRMC^VN'}),
]

# 05 ORSCHED: the hernia booking cancelled
M['05-siu-s15-cancel-hernia-brendan'] = [
    msh('ORSCHED', '20271105101500-0400', 'OS4100005', 'SIU^S15^SIU_S12', '2.6'),
    sch('OR41-0201^CAREWEAVE', 'OR41-8201^ORSCHED', 'ELECT^Elective^L', 120, '20271109073000-0500',
        '20271109093000-0500', 'Cancelled', evr='PTILL^Patient illness^L'),
    seg('PID', BRENDAN),
    seg('PV1', {1: '1', 2: 'P', 3: 'SDS^^^HRMC', 7: GENSURG, 19: 'HRV4100404^^^HRMC^VN'}),
] + booking('20271109073000-0500', 120, HERNIA, MAIN_OR4, GENSURG, action='D')

# 06 REGLINK: Tobias admitted from the ED Saturday night with acute appendicitis
M['06-adt-a01-emergency-admit-tobias'] = [
    msh('REGLINK', '20271106225000-0400', 'RL4100006', 'ADT^A01^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A01', 2: '20271106224700-0400', 5: 'REG41^OKAFOR-LINDH^JANE'}),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^512^A^HRMC', 4: 'E^Emergency^HL70007', 7: HOSP, 10: 'SUR', 14: '7',
                19: 'HRV4100202^^^HRMC^VN', 44: '20271106223500-0400'}),
    seg('DG1', {1: '1', 3: 'K35.80^Unspecified acute appendicitis^I10', 6: 'A'}),
]

# 07 ORSCHED: the add-on appendectomy at 00:40 EDT for 90 minutes: it ends at 01:10 EST, after the change
M['07-siu-s12-addon-appendectomy-tobias'] = [
    msh('ORSCHED', '20271106233500-0400', 'OS4100007', 'SIU^S12^SIU_S12', '2.6'),
    sch('OR41-0701^CAREWEAVE', 'OR41-8701^ORSCHED', 'EMER^Emergency add-on^L', 90, '20271107004000-0400',
        '20271107011000-0500', 'Booked'),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^512^A^HRMC', 7: HOSP, 19: 'HRV4100202^^^HRMC^VN'}),
] + booking('20271107004000-0400', 90, APPY, MAIN_OR7, GENSURG)

# 08 CAREWEAVE (v2.3): the appendix pathology order, placed from the OR at 01:30 EST (second pass, stated)
M['08-orm-o01-appendix-pathology-tobias'] = [
    msh('CAREWEAVE', '20271107013000-0500', 'CW4100008', 'ORM^O01', '2.3'),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: 'MAINOR^OR7^^HRMC', 7: HOSP, 19: 'HRV4100202^^^HRMC^VN'}),
    seg('ORC', {1: 'NW', 2: 'PL41-0801^CAREWEAVE', 5: 'IP', 9: '20271107012900-0500', 12: GENSURG}),
    seg('OBR', {1: '1', 2: 'PL41-0801^CAREWEAVE', 4: '88304^Surgical pathology, gross and microscopic, level III^CPT4',
                7: '20271107010400', 13: 'Acute appendicitis, perforation suspected',
                15: 'APPX&Appendix&L^^^APPX&Appendix&L', 16: GENSURG, 27: '^^^^^R'}),
    seg('ORC', {1: 'NW', 2: 'PL41-0802^CAREWEAVE', 5: 'IP', 9: '20271107012900-0500', 12: GENSURG}),
    seg('OBR', {1: '2', 2: 'PL41-0802^CAREWEAVE', 4: '88304^Surgical pathology, gross and microscopic, level III^CPT4',
                7: '20271107011200', 13: 'Periappendiceal fat with exudate',
                15: 'TISS&Tissue&L^^^PERIAPPX&Periappendiceal soft tissue&L', 16: GENSURG, 27: '^^^^^R'}),
]

# 09 SURGISCHED (bare): nightly batch at 01:30 (which pass? MSH-7 bare): Margaux's case moved to 10:00 on 8 Nov
M['09-siu-s14-reschedule-knee-margaux'] = [
    msh('SURGISCHED', '20271107013000', 'SS4100009', 'SIU^S14^SIU_S12', '2.5', fac='HRSC'),
    sch('SC41-CASE0101^SURGISCHED', 'SC41-CASE0101^SURGISCHED', 'ELECT^Elective^L', 90, '20271108100000',
        '20271108113000', 'Booked', evr='SURGREQ^Surgeon request^L'),
    seg('PID', MARGAUX),
    seg('PV1', {1: '1', 2: 'O', 3: 'ASCPREOP^^^HRSC', 7: ORTHO, 19: 'SCV4100101^^^HRSC^VN'}),
] + booking('20271108100000', 90, ARTHRO, ASC_OR2, ORTHO, action='U')


def rxa(sub, start, end, drug, amt, unit, status='CP', rate='', form=''):
    return seg('RXA', {1: '0', 2: str(sub), 3: start, 4: end, 5: drug, 6: amt, 7: unit, 8: form, 10: ANES,
                       12: rate, 20: status, 21: 'A'})


# 10 ANESREC: Tobias's anesthesia record, sent 02:05 EST; RXA times bare. The case ran 00:48 EDT -> 01:18 EST
# (one hour and thirty minutes of real time). Remifentanil infusion started at incision 01:40 EDT (first pass) and
# stopped at closure 01:15 EST (second pass): its RXA-4 clock time is before its RXA-3's.
M['10-ras-o17-anesthesia-appendectomy-tobias'] = [
    msh('ANESREC', '20271107020500-0500', 'AR4100010', 'RAS^O17^RAS_O17', '2.5.1'),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: 'MAINOR^OR7^^HRMC', 7: HOSP, 19: 'HRV4100202^^^HRMC^VN'}),
    seg('ORC', {1: 'SC', 2: 'AN41-1001^ANESREC', 5: 'CM', 12: ANES}),
    rxa(1, '20271107004800', '20271107004800', '00409-4699-24^Propofol 10 mg/mL injection^NDC', '180', 'mg^milligram^UCUM'),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    rxa(2, '20271107005300', '20271107005300', '60505-0749-00^Cefazolin 2 g injection^NDC', '2', 'g^gram^UCUM'),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    rxa(3, '20271107014000', '20271107011500', '0409-3003-10^Remifentanil 1 mg injection^NDC', '0.21', 'mg^milligram^UCUM',
        rate='0.1^ug/kg/min'),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    rxa(4, '20271107011000', '20271107011000', '0409-4755-03^Ondansetron 4 mg/2 mL injection^NDC', '4', 'mg^milligram^UCUM'),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
]

OPNOTE = ['PROCEDURE: Laparoscopic appendectomy.',
          'Anesthesia induced 00:48 EDT; incision 01:40 EDT; appendix removed 01:04 EST; closure 01:15 EST.',
          'FINDINGS: Acutely inflamed, non-perforated appendix; small amount of periappendiceal exudate.',
          'SPECIMENS: Appendix; periappendiceal soft tissue. EBL 10 mL. No complications.']


def mdm(t, ctl, trig, txa, body):
    return [msh('DICTA', t, ctl, f'MDM^{trig}^MDM_T02', '2.6'),
            seg('EVN', {1: trig, 2: t}),
            seg('PID', TOBIAS),
            seg('PV1', {1: '1', 2: 'I', 3: '5W^512^A^HRMC', 7: HOSP, 19: 'HRV4100202^^^HRMC^VN',
                        44: '20271106223500-0400'}),
            seg('TXA', txa)] + [seg('OBX', {1: str(i), 2: 'TX', 3: '28583-3^Surgical operation note^LN', 5: line, 11: 'F'})
                                for i, line in enumerate(body, 1)]


# 11 DICTA: operative note dictated 01:35 (bare, second pass: MSH-7 -0500), authenticated
M['11-mdm-t02-operative-note-tobias'] = mdm('20271107031200-0500', 'DX4100011', 'T02', {
    1: '1', 2: '28583-3^Surgical operation note^LN', 3: 'TX', 4: '20271107013500', 5: GENSURG,
    6: '20271107013500', 7: '20271107030500', 9: GENSURG, 12: 'DX41-OP0011^DICTA', 17: 'AU', 19: 'AV'}, OPNOTE)

# 12 PERIOP: Yvonne's lumpectomy pathology: three specimens, frozen section on the superior margin (STAT)
M['12-oml-o21-lumpectomy-frozen-section-yvonne'] = [
    msh('PERIOP', '20271108090500-0500', 'PO4100012', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', YVONNE),
    seg('PV1', {1: '1', 2: 'O', 3: 'MAINOR^OR4^^HRMC', 7: BREAST, 19: 'HRV4100303^^^HRMC^VN'}),
    seg('ORC', {1: 'NW', 2: 'PL41-1201^PERIOP', 4: 'PG41-12^PERIOP', 5: 'IP', 9: '20271108090300-0500', 12: BREAST}),
    seg('TQ1', {1: '1', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: 'PL41-1201^PERIOP', 4: '88307^Surgical pathology, gross and microscopic, level V^CPT4',
                7: '20271108084000-0500', 13: 'Invasive ductal carcinoma left breast 2:00, needle-localized', 16: BREAST}),
    seg('SPM', {1: '1', 2: 'PL41-1201-A&PERIOP', 4: '119376003^Tissue specimen^SCT', 7: '65801008^Excision^SCT',
                8: '80248007^Left breast structure^SCT', 14: 'A: Left breast lumpectomy, oriented (short superior, long lateral)',
                17: '20271108084000-0500', 26: '1'}),
    seg('SPM', {1: '2', 2: 'PL41-1201-C&PERIOP', 4: '119376003^Tissue specimen^SCT', 7: '65801008^Excision^SCT',
                8: '59441001^Lymph node structure^SCT', 14: 'C: Left axillary sentinel lymph node #1',
                17: '20271108085500-0500', 26: '1'}),
    seg('ORC', {1: 'NW', 2: 'PL41-1202^PERIOP', 4: 'PG41-12^PERIOP', 5: 'IP', 9: '20271108090300-0500', 12: BREAST}),
    seg('TQ1', {1: '1', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '2', 2: 'PL41-1202^PERIOP', 4: '88331^Pathology consultation during surgery, first tissue block, frozen section^CPT4',
                7: '20271108084500-0500', 13: 'Frozen section: superior margin shave', 16: BREAST}),
    seg('SPM', {1: '3', 2: 'PL41-1201-B&PERIOP', 4: '119376003^Tissue specimen^SCT', 7: '65801008^Excision^SCT',
                8: '80248007^Left breast structure^SCT', 14: 'B: Additional superior margin shave, new margin inked',
                17: '20271108084500-0500', 26: '1'}),
]

PATH_NARR = '22634-0^Pathology report.gross observation^LN'


def path_oru(t, ctl, status, obx, obr7='20271108084000-0500', obr22='', placer='PL41-1201', filler='SP41-01201'):
    return [msh('PATHRPT', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'),
            seg('PID', YVONNE),
            seg('PV1', {1: '1', 2: 'O', 3: 'MAINOR^OR4^^HRMC', 7: BREAST, 19: 'HRV4100303^^^HRMC^VN'}),
            seg('ORC', {1: 'RE', 2: f'{placer}^PERIOP', 3: f'{filler}^PATHRPT', 5: 'CM' if status != 'P' else 'A',
                        12: BREAST}),
            seg('OBR', {1: '1', 2: f'{placer}^PERIOP', 3: f'{filler}^PATHRPT',
                        4: '88307^Surgical pathology, gross and microscopic, level V^CPT4', 7: obr7, 16: BREAST,
                        22: obr22 or t, 24: 'SP', 25: status, 32: '1952308841&RAMACHANDRAN&VIKRAM&&&&MD'})] + obx


def ft(i, code, text, status, sub='1', t='20271108091200-0500'):
    return seg('OBX', {1: str(i), 2: 'FT', 3: code, 4: sub, 5: text, 11: status, 14: t, 16: PATH})


FROZEN = '83321-9^Pathology report intraoperative observation Narrative^LN'
DIAG = '22637-3^Pathology report final diagnosis Narrative^LN'
GROSS = '22634-0^Pathology report gross observation Narrative^LN'

# 13 PATHRPT: preliminary report: the frozen section diagnosis called to the OR at 09:12
M['13-oru-r01-pathology-preliminary-frozen-yvonne'] = path_oru('20271108092000-0500', 'PR4100013', 'P', [
    ft(1, FROZEN, 'FROZEN SECTION DIAGNOSIS (B, superior margin shave):\\.br\\NEGATIVE for carcinoma.\\.br\\'
       'Called to Dr. Ahlgren-Moss in OR 4 at 09:12 by Dr. Ramachandran.', 'P'),
    ft(2, DIAG, 'Permanent sections to follow.', 'P'),
])

# 14 SURGISCHED (bare): Margaux's day-surgery admission at the ASC
M['14-adt-a01-asc-day-surgery-margaux'] = [
    msh('SURGISCHED', '20271108091000', 'SS4100014', 'ADT^A01^ADT_A01', '2.5', fac='HRSC'),
    seg('EVN', {1: 'A01', 2: '20271108090800'}),
    seg('PID', MARGAUX),
    seg('PV1', {1: '1', 2: 'O', 3: 'ASCPREOP^BAY3^A^HRSC', 4: 'R^Elective^HL70007', 7: ORTHO, 10: 'SUR',
                18: 'DS^Day surgery^L', 19: 'SCV4100101^^^HRSC^VN', 44: '20271108090800'}),
    seg('DG1', {1: '1', 3: 'M23.221^Derangement of posterior horn of medial meniscus due to old tear, right knee^I10', 6: 'A'}),
]

# 15 ANESREC: Margaux's anesthesia at the ASC (offsets stated everywhere: EST)
M['15-ras-o17-anesthesia-asc-margaux'] = [
    msh('ANESREC', '20271108110500-0500', 'AR4100015', 'RAS^O17^RAS_O17', '2.5.1', fac='HRSC'),
    seg('PID', MARGAUX),
    seg('PV1', {1: '1', 2: 'O', 3: 'ASCOR^OR2^^HRSC', 7: ORTHO, 19: 'SCV4100101^^^HRSC^VN'}),
    seg('ORC', {1: 'SC', 2: 'AN41-1501^ANESREC', 5: 'CM', 12: ANES}),
    rxa(1, '20271108100400-0500', '20271108100400-0500', '00409-4699-24^Propofol 10 mg/mL injection^NDC', '200', 'mg^milligram^UCUM'),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    rxa(2, '20271108100600-0500', '20271108100600-0500', '60505-0749-00^Cefazolin 2 g injection^NDC', '2', 'g^gram^UCUM'),
    seg('RXR', {1: 'IV^Intravenous^HL70162'}),
    rxa(3, '20271108101000-0500', '20271108101000-0500', '0409-1163-02^Bupivacaine 0.25% 10 mL^NDC', '10', 'mL^milliliter^UCUM'),
    seg('RXR', {1: 'IA^Intra-articular^HL70162', 2: 'RK^Right knee^L'}),
]

# 16 SURGISCHED (bare): Margaux discharged home the same day
M['16-adt-a03-asc-discharge-margaux'] = [
    msh('SURGISCHED', '20271108134000', 'SS4100016', 'ADT^A03^ADT_A03', '2.5', fac='HRSC'),
    seg('EVN', {1: 'A03', 2: '20271108133500'}),
    seg('PID', MARGAUX),
    seg('PV1', {1: '1', 2: 'O', 3: 'ASCPACU^BAY3^A^HRSC', 4: 'R^Elective^HL70007', 7: ORTHO, 10: 'SUR',
                18: 'DS^Day surgery^L', 19: 'SCV4100101^^^HRSC^VN', 36: '01^Discharged to home^HL70112',
                44: '20271108090800', 45: '20271108133500'}),
]

# 17 DICTA: the operative note edited (T08): EBL corrected, same document number
OPNOTE_EDIT = OPNOTE[:3] + ['SPECIMENS: Appendix; periappendiceal soft tissue. EBL 25 mL (corrected). No complications.']
M['17-mdm-t08-operative-note-edit-tobias'] = mdm('20271108101500-0500', 'DX4100017', 'T08', {
    1: '1', 2: '28583-3^Surgical operation note^LN', 3: 'TX', 4: '20271107013500', 5: GENSURG,
    6: '20271107013500', 7: '20271107030500', 8: '20271108101000-0500', 9: GENSURG, 12: 'DX41-OP0011^DICTA',
    17: 'AU', 19: 'AV', 21: 'EBL corrected'}, OPNOTE_EDIT)

# 18 REGLINK: Tobias discharged
M['18-adt-a03-discharge-tobias'] = [
    msh('REGLINK', '20271109110000-0500', 'RL4100018', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20271109105500-0500', 5: 'REG41^OKAFOR-LINDH^JANE'}),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^512^A^HRMC', 4: 'E^Emergency^HL70007', 7: HOSP, 10: 'SUR',
                19: 'HRV4100202^^^HRMC^VN', 36: '01^Discharged to home^HL70112', 44: '20271106223500-0400',
                45: '20271109105500-0500'}),
]

# 19 PATHRPT: Tobias's appendix report (TX lines), specimens collected in the repeated hour (bare, report 2 days on)
M['19-oru-r01-appendix-pathology-final-tobias'] = [
    msh('PATHRPT', '20271109151000-0500', 'PR4100019', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^512^A^HRMC', 7: HOSP, 19: 'HRV4100202^^^HRMC^VN'}),
    seg('ORC', {1: 'RE', 2: 'PL41-0801^CAREWEAVE', 3: 'SP41-00801^PATHRPT', 5: 'CM', 12: GENSURG}),
    seg('OBR', {1: '1', 2: 'PL41-0801^CAREWEAVE', 3: 'SP41-00801^PATHRPT',
                4: '88304^Surgical pathology, gross and microscopic, level III^CPT4', 7: '20271107010400',
                16: GENSURG, 22: '20271109150500-0500', 24: 'SP', 25: 'F'}),
] + [seg('OBX', {1: str(i), 2: 'TX', 3: DIAG, 4: '1', 5: line, 11: 'F', 16: PATH}) for i, line in enumerate([
    'A. APPENDIX, APPENDECTOMY:',
    '- ACUTE SUPPURATIVE APPENDICITIS WITH PERIAPPENDICITIS.',
    '- NO PERFORATION IDENTIFIED.',
    '- NEGATIVE FOR NEOPLASM.'], 1)]

# 20 MICROLAB: Lucinda's post-operative wound culture: S. aureus + susceptibility child (OBR-26 / OBR-29)
MIC = [('18961-3^Oxacillin [Susceptibility] by MIC^LN', '>=^4', 'R'),
       ('19000-9^Vancomycin [Susceptibility] by MIC^LN', '=^1', 'S'),
       ('18908-4^Clindamycin [Susceptibility] by MIC^LN', '<=^0.25', 'S'),
       ('18998-5^Trimethoprim+Sulfamethoxazole [Susceptibility] by MIC^LN', '<=^10', 'S')]
ORG = '3092008^Staphylococcus aureus^SCT'
CULT = '6462-6^Bacteria identified in Wound by Aerobe culture^LN'
M['20-oru-r01-wound-culture-susceptibility-lucinda'] = [
    msh('MICROLAB', '20271109163000-0500', 'ML4100020', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', LUCINDA),
    seg('PV1', {1: '1', 2: 'E', 3: 'ED^ED14^^HRMC', 7: HOSP, 19: 'HRV4100505^^^HRMC^VN'}),
    seg('ORC', {1: 'RE', 2: 'ML41-2001^CAREWEAVE', 3: 'ML41-9001^MICROLAB', 5: 'CM', 12: HOSP}),
    seg('OBR', {1: '1', 2: 'ML41-2001^CAREWEAVE', 3: 'ML41-9001^MICROLAB', 4: CULT, 7: '20271107011500',
                15: 'WND&Wound&HL70070^^^LABDOM&Abdominal wall&L', 16: HOSP, 22: '20271109162500-0500', 24: 'MB',
                25: 'F'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: CULT, 4: '1', 5: ORG, 8: 'A', 11: 'F', 14: '20271107011500'}),
    seg('OBX', {1: '2', 2: 'ST', 3: '564-5^Colony count^LN', 4: '1', 5: 'Heavy growth', 11: 'F'}),
    seg('ORC', {1: 'RE', 2: 'ML41-2001^CAREWEAVE', 3: 'ML41-9002^MICROLAB', 5: 'CM', 12: HOSP,
                8: 'ML41-2001&CAREWEAVE^ML41-9001&MICROLAB'}),
    seg('OBR', {1: '2', 2: 'ML41-2001^CAREWEAVE', 3: 'ML41-9002^MICROLAB',
                4: '29576-6^Bacterial susceptibility panel by Minimum inhibitory concentration (MIC)^LN',
                7: '20271107011500', 16: HOSP, 22: '20271109162500-0500', 24: 'MB', 25: 'F',
                26: '6462-6&Bacteria identified in Wound by Aerobe culture&LN^1^Staphylococcus aureus',
                29: 'ML41-2001&CAREWEAVE^ML41-9001&MICROLAB'}),
] + [seg('OBX', {1: str(i), 2: 'SN', 3: code, 4: '1', 5: val, 6: 'ug/mL^ug/mL^UCUM', 8: flag, 11: 'F'})
     for i, (code, val, flag) in enumerate(MIC, 1)] + [
    seg('NTE', {1: '1', 2: 'L', 3: 'Oxacillin resistant: MRSA. Contact precautions.'})]

PDF = base64.b64encode(b'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>'
                       b'endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n').decode()
FINAL = ['A. LEFT BREAST, LUMPECTOMY:\\.br\\- INVASIVE DUCTAL CARCINOMA, NOTTINGHAM GRADE 2, 1.4 CM.\\.br\\'
         '- MARGINS NEGATIVE; CLOSEST 2 MM (POSTERIOR).',
         'B. ADDITIONAL SUPERIOR MARGIN: BENIGN BREAST TISSUE; NEW MARGIN NEGATIVE.',
         'C. SENTINEL LYMPH NODE #1: ONE LYMPH NODE NEGATIVE FOR METASTATIC CARCINOMA (0/1).']

# 21 PATHRPT: final report (FT diagnosis lines, tumor size NM, the signed report as a PDF)
M['21-oru-r01-pathology-final-pdf-yvonne'] = path_oru('20271110143000-0500', 'PR4100021', 'F', [
    ft(1, FROZEN, 'FROZEN SECTION DIAGNOSIS (B): NEGATIVE for carcinoma.', 'F'),
    ft(2, DIAG, FINAL[0], 'F', t='20271110142000-0500'),
    ft(3, DIAG, FINAL[1], 'F', sub='2', t='20271110142000-0500'),
    ft(4, DIAG, FINAL[2], 'F', sub='3', t='20271110142000-0500'),
    seg('OBX', {1: '5', 2: 'NM', 3: '21889-1^Size Tumor^LN', 4: '1', 5: '1.4', 6: 'cm^centimeter^UCUM', 11: 'F',
                14: '20271110142000-0500', 16: PATH}),
    seg('OBX', {1: '6', 2: 'ED', 3: '11526-1^Pathology study^LN', 4: '1', 5: f'PATHRPT^AP^PDF^Base64^{PDF}', 11: 'F',
                14: '20271110142000-0500', 16: PATH}),
], obr22='20271110142500-0500')

# 22 ASCBILL: Margaux's ASC claim (PR1 CPT, PR1-8 anesthesiologist, PR1-11 surgeon)
M['22-bar-p01-asc-procedure-coding-margaux'] = [
    msh('ASCBILL', '20271110180000-0500', 'AB4100022', 'BAR^P01^BAR_P01', '2.5', fac='HRSC'),
    seg('EVN', {1: 'P01', 2: '20271110180000-0500'}),
    seg('PID', MARGAUX),
    seg('PV1', {1: '1', 2: 'O', 3: 'ASCOR^OR2^^HRSC', 7: ORTHO, 19: 'SCV4100101^^^HRSC^VN', 44: '20271108090800-0500',
                45: '20271108133500-0500'}),
    seg('DG1', {1: '1', 3: 'M23.221^Derangement of posterior horn of medial meniscus due to old tear, right knee^I10', 6: 'F'}),
    seg('PR1', {1: '1', 3: ARTHRO, 4: 'Arthroscopic partial medial meniscectomy, right knee', 5: '20271108101800-0500',
                6: 'A^Anesthesia^HL70230', 7: '52', 8: ANES, 9: 'GA^General^L', 10: '64', 11: ORTHO, 16: 'RT^Right side^CPT4'}),
]

# 23 HOSPBILL (v2.8): Tobias's coding update (P12): ICD-10-PCS + CPT, performed in the repeated hour (stated EST)
M['23-bar-p12-procedure-coding-appendectomy-tobias'] = [
    msh('HOSPBILL', '20271111090000-0500', 'HB4100023', 'BAR^P12^BAR_P12', '2.8'),
    seg('EVN', {1: 'P12', 2: '20271111090000-0500'}),
    seg('PID', TOBIAS),
    seg('PV1', {1: '1', 2: 'I', 3: '5W^512^A^HRMC', 7: HOSP, 19: 'HRV4100202^^^HRMC^VN', 44: '20271106223500-0400',
                45: '20271109105500-0500'}),
    seg('DG1', {1: '1', 3: 'K35.80^Unspecified acute appendicitis^I10', 6: 'F', 21: 'A'}),
    seg('PR1', {1: '1', 3: '0DTJ4ZZ^Resection of Appendix, Percutaneous Endoscopic Approach^I10P',
                5: '20271107010400-0500', 6: 'P^Procedure for treatment^HL70230', 7: '35', 8: ANES,
                11: GENSURG, 14: '1', 15: 'K35.80^Unspecified acute appendicitis^I10', 19: 'HB41-PR2301^HOSPBILL', 20: 'A'}),
    seg('PR1', {1: '2', 3: APPY, 5: '20271107010400-0500', 8: ANES, 11: GENSURG, 14: '2', 19: 'HB41-PR2302^HOSPBILL',
                20: 'A'}),
]

# 24 PATHRPT: corrected report: the additional superior margin re-read, the frozen section discordant
CORR = [FINAL[0],
        'B. ADDITIONAL SUPERIOR MARGIN: DUCTAL CARCINOMA IN SITU, FOCAL, 1 MM FROM NEW INKED MARGIN '
        '(CORRECTED: previously reported benign).',
        FINAL[2]]
M['24-oru-r01-pathology-corrected-yvonne'] = path_oru('20271112101500-0500', 'PR4100024', 'C', [
    ft(1, FROZEN, 'FROZEN SECTION DIAGNOSIS (B): NEGATIVE for carcinoma. (Discordant with permanent: see B.)', 'C'),
    ft(2, DIAG, CORR[0], 'F', t='20271110142000-0500'),
    ft(3, DIAG, CORR[1], 'C', sub='2', t='20271112101000-0500'),
    ft(4, DIAG, CORR[2], 'F', sub='3', t='20271110142000-0500'),
    seg('OBX', {1: '5', 2: 'NM', 3: '21889-1^Size Tumor^LN', 4: '1', 5: '1.4', 6: 'cm^centimeter^UCUM', 11: 'F',
                14: '20271110142000-0500', 16: PATH}),
    seg('OBX', {1: '6', 2: 'ED', 3: '11526-1^Pathology study^LN', 4: '1', 5: f'PATHRPT^AP^PDF^Base64^{PDF}', 11: 'C',
                14: '20271112101000-0500', 16: PATH}),
], obr22='20271112101000-0500')

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
