#!/usr/bin/env python3
r"""Review 36's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of the imaging, cardiology and device feeds of two hospitals in zones without daylight saving time
(February 2027): Asia/Kolkata is IST +0530, Asia/Kathmandu is NPT +0545, all year.
- Hooghly Riverside Institute of Medical Sciences (HRIMS, Kolkata): HIS "SAMPARK" (ORM^O01 2.3.1 new orders),
  CPOE "NIRMAN" (OMG^O19 2.5.1 orders and a cancel: OBR-44/45 procedure code + modifier), RIS "DRISHTI" (ORM^O01
  2.3.1 status updates ORC-1 SC with ORC-5 IP/CM and the PACS fields OBR-18/19/20 accession / requested procedure /
  scheduled step; ORU^R01 2.3.1 reports P -> F -> C with an addendum OBX set, OBR-32 interpreter, OBR-35
  transcriptionist, a study instance UID as ST or RP), its scheduler "DRISHTI-SCHED" (SIU S12/S13/S14/S15/S26
  2.5.1), the ICU monitor gateway "SPANDAN-GW" (ORU^R01 2.6, IHE PCD-01-like: MDC + LOINC codes, OBX-4 MDS.VMD.
  CHAN.METRIC sub-ids, OBX-17 AMEAS, OBX-18 the monitor's EUI-64, times to the millisecond), the point-of-care
  glucose middleware "SHARKARA-POC" (ORU^R01 2.5.1, OBX-16 operator, OBX-18 meter serial);
- Bagmati Valley Heart Centre (BVHC, Kathmandu): ECG management "HRIDAY-ECG" (ORU^R01 2.4, NM intervals in ms,
  TX interpretation, OBX-17 Bazett), the same gateway and POC vendors' installations there, and the document system
  "PATRA-DMS" (MDM^T02 2.5 of a scanned outside echo report, OBX ED PDF).
Patients and numbers (...36...) none of reviews 16-35's. Fields placed by number. All persons, numbers, devices and
addresses are invented; RadLex-like codes (RID..., RPID...) are plausible shapes, not verified RadLex entries.
Writes docs/review36/messages/NN-name.hl7 (CR separators), numbered in feed order (MSH-7 as instants), the order the
destination test delivers them in. Run from the worktree root: python3 docs/review36/write_messages.py
"""
import base64
from pathlib import Path

OUT = Path('docs/review36/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, to=('HIG', 'HRIMS')):
    return seg('MSH', {3: app, 4: fac, 5: to[0], 6: to[1], 7: t, 9: typ, 10: ctl, 11: 'P', 12: v})


M = {}
# ---- patients ----
ANIRUDH = {1: '1', 3: 'HR3600114^^^HRIMS^MR', 5: 'VENKATARAMAN-BOSE^ANIRUDH^^^^^L', 7: '19620817', 8: 'M',
           11: '14B GARIAHAT RD^^KOLKATA^WB^700019^IND^H', 13: '^PRN^CP^^91^98300^36114', 18: 'HRA3600114^^^HRIMS^AN'}
MEENAKSHI = {1: '1', 3: 'HR3600127^^^HRIMS^MR', 5: 'PALANISAMY-RAO^MEENAKSHI^^^^^L', 7: '19850402', 8: 'F',
             11: '7 LAKE TEMPLE RD^^KOLKATA^WB^700029^IND^H', 13: '^PRN^CP^^91^98311^36127',
             18: 'HRA3600127^^^HRIMS^AN'}
FARIDA = {1: '1', 3: 'HR3600135^^^HRIMS^MR', 5: 'QURESHI-MENON^FARIDA^^^^^L', 7: '19490923', 8: 'F',
          11: '22 PARK CIRCUS^^KOLKATA^WB^700017^IND^H', 13: '^PRN^PH^^91^33^24036135', 18: 'HRA3600135^^^HRIMS^AN'}
PRAKASH = {1: '1', 3: 'BV3600142^^^BVHC^MR', 5: 'THAPA-MAGAR^PRAKASH^BAHADUR^^^^L', 7: '19710611', 8: 'M',
           11: 'WARD 4 BANESHWOR^^KATHMANDU^BA^44600^NPL^H', 13: '^PRN^CP^^977^98510^36142',
           18: 'BVA3600142^^^BVHC^AN'}

PV1_ANIRUDH = seg('PV1', {1: '1', 2: 'O', 3: 'RADOPD^^^HRIMS', 7: 'D1108^MITRA-HALDER^SOUMEN^^^DR', 10: 'PUL',
                          19: 'HRV3600114A^^^HRIMS^VN'})
PV1_MEENAKSHI = seg('PV1', {1: '1', 2: 'O', 3: 'GASTRO^^^HRIMS', 7: 'D1342^GHOSH-ARORA^NANDINI^^^DR', 10: 'GAS',
                            19: 'HRV3600127A^^^HRIMS^VN'})
PV1_FARIDA = seg('PV1', {1: '1', 2: 'I', 3: 'MICU^07^03^HRIMS', 7: 'D0977^RAHMAN-IYENGAR^TANVIR^^^DR', 10: 'MED',
                         19: 'HRV3600135A^^^HRIMS^VN', 44: '202702090430+0530'})
PV1_PRAKASH = seg('PV1', {1: '1', 2: 'I', 3: 'CCU^02^01^BVHC', 7: 'K0212^SHRESTHA-KOIRALA^BINOD^^^DR', 10: 'CAR',
                          19: 'BVV3600142A^^^BVHC^VN', 44: '202702101320+0545'})

RAD_A = 'A2204^BANERJEE-IYER^SUDESHNA^^^DR'      # attending radiologist
RAD_R = 'R3612^SENGUPTA^AYAN^^^DR'               # radiology resident (preliminary reads)
TRANS = 'T0451&CHAKRABORTY&MOUMITA'              # transcriptionist (NDL.1 CNN as subcomponents, 2.3.1)
TECH = 'X0731&DEY&SUBHAJIT'                      # CT technologist
CT_CODE = 'CTCHC^CT CHEST WITH CONTRAST^SAMPARK^24627-2^CT Chest^LN'
CT_ACC, CT_PLAC = 'DR36-0104', 'SMP36-0001'
CT_UID = '2.25.336011420270210104512360001'
CT_FIND = ('CT CHEST WITH IV CONTRAST.\\.br\\Comparison: none.\\.br\\FINDINGS: 14 mm part-solid nodule in the '
           'right upper lobe apical segment (series 4 image 61). No mediastinal or hilar lymphadenopathy. '
           'No pleural effusion.')
CT_IMP_P = 'Right upper lobe part-solid nodule, 14 mm. Recommend PET-CT.'
CT_IMP_F = ('Right upper lobe part-solid nodule, 14 mm (Lung-RADS 4B). Recommend PET-CT and pulmonology '
            'referral.')
CT_ADD = ('ADDENDUM 11-Feb-2027: On review with prior outside CT of Aug-2026 the nodule measured 9 mm; interval '
          'growth confirmed. Findings discussed with Dr Mitra-Halder by phone 11:30 IST.')


def ct_orc(ctl, status, t, filler=True):
    f = {1: ctl, 2: f'{CT_PLAC}^SAMPARK', 5: status, 9: t, 12: 'D1108^MITRA-HALDER^SOUMEN^^^DR'}
    if filler:
        f[3] = f'{CT_ACC}^DRISHTI'
    return seg('ORC', f)


def ct_obr(extra):
    f = {1: '1', 2: f'{CT_PLAC}^SAMPARK', 4: CT_CODE, 16: 'D1108^MITRA-HALDER^SOUMEN^^^DR', 24: 'CT',
         27: '^^^202702101000+0530^^R', 31: 'R91.1^Solitary pulmonary nodule^I10'}
    f.update(extra)
    return seg('OBR', f)


# ---- CT chest, Anirudh: HIS order, RIS status IP and CM, preliminary, final, addendum ----
M['01-orm-o01-ct-chest-order'] = [
    msh('SAMPARK', 'HRIMS', '202702100912+0530', 'SMP3600001', 'ORM^O01', '2.3.1', to=('DRISHTI', 'HRIMS')),
    seg('PID', ANIRUDH), PV1_ANIRUDH,
    ct_orc('NW', '', '202702100910+0530', filler=False),
    ct_obr({13: 'Creatinine 0.9 mg/dL on 09-Feb-2027; no contrast allergy', 18: 'SMP36-0001-F1'}),
    seg('DG1', {1: '1', 2: 'I10', 3: 'R91.1^Solitary pulmonary nodule^I10', 6: 'W'}),
]
PACS = {3: f'{CT_ACC}^DRISHTI', 18: CT_ACC, 19: 'RP36-0104', 20: 'SPS36-0104-1'}
M['02-orm-o01-ct-status-in-progress'] = [
    msh('DRISHTI', 'HRIMS', '202702101040+0530', 'DRS3600002', 'ORM^O01', '2.3.1', to=('SAMPARK', 'HRIMS')),
    seg('PID', ANIRUDH), PV1_ANIRUDH,
    ct_orc('SC', 'IP', '202702101039+0530'),
    ct_obr({**PACS, 7: '202702101038+0530', 34: TECH}),
]
M['03-orm-o01-ct-status-complete'] = [
    msh('DRISHTI', 'HRIMS', '202702101058+0530', 'DRS3600003', 'ORM^O01', '2.3.1', to=('SAMPARK', 'HRIMS')),
    seg('PID', ANIRUDH), PV1_ANIRUDH,
    ct_orc('SC', 'CM', '202702101057+0530'),
    ct_obr({**PACS, 7: '202702101038+0530', 8: '202702101052+0530', 34: TECH}),
]


def ct_oru(ctl, t, status, interp, imp, reported, addendum=False):
    obx_st = 'C' if status == 'C' else status
    segs = [msh('DRISHTI', 'HRIMS', t, ctl, 'ORU^R01', '2.3.1', to=('SAMPARK', 'HRIMS')),
            seg('PID', ANIRUDH), PV1_ANIRUDH,
            seg('ORC', {1: 'RE', 2: f'{CT_PLAC}^SAMPARK', 3: f'{CT_ACC}^DRISHTI', 5: 'CM'}),
            ct_obr({**PACS, 7: '202702101038+0530', 8: '202702101052+0530', 22: reported, 25: status,
                    32: f'{interp}^{reported}', 34: TECH, 35: TRANS}),
            seg('OBX', {1: '1', 2: 'ST', 3: '113014^Study Instance UID^DCM', 5: CT_UID, 11: obx_st}),
            seg('OBX', {1: '2', 2: 'FT', 3: '18782-3^Radiology Study observation (narrative)^LN', 5: CT_FIND,
                        11: obx_st, 14: '202702101038+0530'}),
            seg('OBX', {1: '3', 2: 'FT', 3: '19005-8^Radiology Imaging study [Impression] (narrative)^LN', 5: imp,
                        11: obx_st, 14: '202702101038+0530'})]
    if addendum:
        segs.append(seg('OBX', {1: '4', 2: 'FT', 3: '55107-7^Addendum^LN', 5: CT_ADD, 11: 'C',
                                14: '202702111130+0530'}))
    return segs


M['06-oru-r01-ct-preliminary'] = ct_oru('DRS3600006', '202702101205+0530', 'P', RAD_R.replace('^', '&'),
                                        CT_IMP_P, '202702101203+0530')
M['11-oru-r01-ct-final'] = ct_oru('DRS3600011', '202702101630+0530', 'F', RAD_A.replace('^', '&'), CT_IMP_F,
                                  '202702101628+0530')
M['20-oru-r01-ct-addendum'] = ct_oru('DRS3600020', '202702111140+0530', 'C', RAD_A.replace('^', '&'), CT_IMP_F,
                                     '202702111138+0530', addendum=True)

# ---- US abdomen, Meenakshi: OMG order with OBR-44/45, slots S12 S13 S14, cancel CA, S15 ----
US_CODE = 'USABD^US ABDOMEN COMPLETE^NIRMAN^24558-9^US Abdomen^LN'
US_PLAC = 'NIR36-0004'


def us_omg(ctl, t, orc1, orc5, extra_orc=None):
    orc = {1: orc1, 2: f'{US_PLAC}^NIRMAN', 5: orc5, 9: t, 10: 'N2291^BOSE^ANANYA', 12: 'D1342^GHOSH-ARORA^NANDINI^^^DR',
           21: 'Hooghly Riverside Institute of Medical Sciences'}
    orc.update(extra_orc or {})
    return [msh('NIRMAN', 'HRIMS', t, ctl, 'OMG^O19^OMG_O19', '2.5.1', to=('DRISHTI', 'HRIMS')),
            seg('PID', MEENAKSHI), PV1_MEENAKSHI,
            seg('ORC', orc),
            seg('TQ1', {1: '1', 7: '202702120900+0530', 9: 'R^Routine^HL70485'}),
            seg('OBR', {1: '1', 2: f'{US_PLAC}^NIRMAN', 4: US_CODE, 13: 'Fasting from 22:00; LFT raised',
                        16: 'D1342^GHOSH-ARORA^NANDINI^^^DR', 24: 'US',
                        31: 'R10.13^Epigastric pain^I10~R74.01^Elevation of liver transaminase levels^I10',
                        44: '76700^Ultrasound, abdominal, real time with image documentation; complete^C4',
                        45: '26^Professional component^CPTM'}),
            seg('DG1', {1: '1', 2: 'I10', 3: 'R10.13^Epigastric pain^I10', 6: 'W'})]


M['04-omg-o19-us-abdomen-order'] = us_omg('NIR3600004', '202702101120+0530', 'NW', '')
M['22-omg-o19-us-abdomen-cancel'] = us_omg('NIR3600022', '202702120810+0530', 'CA', 'CA',
                                           {16: 'PATREQ^Patient request: treated elsewhere^L'})


def siu(ctl, t, event, start, minutes, room, status, reason, pid, pv1, appt, order=None, service=US_CODE):
    end_min = int(start[10:12]) + minutes
    end = start[:8] + f'{int(start[8:10]) + end_min // 60:02d}{end_min % 60:02d}' + start[12:]
    sch = {1: f'{appt[0]}^NIRMAN' if appt[0] else '', 2: f'{appt[1]}^DRISHTI', 6: reason, 7: 'ROUTINE^Routine exam^L',
           8: 'IMG^Imaging^L', 9: str(minutes), 10: 'MIN', 11: f'^^{minutes}^{start}^{end}',
           16: 'S0118^PAL^DEBJANI', 20: 'S0118^PAL^DEBJANI', 25: status}
    if order:
        sch[26] = f'{order}^NIRMAN'
    return [msh('DRISHTI-SCHED', 'HRIMS', t, ctl, f'SIU^{event}^SIU_S12', '2.5.1', to=('NIRMAN', 'HRIMS')),
            seg('SCH', sch), seg('PID', pid), pv1,
            seg('RGS', {1: '1', 2: 'A'}),
            seg('AIS', {1: '1', 2: 'A' if event == 'S12' else 'U', 3: service, 4: start, 7: str(minutes), 8: 'MIN'}),
            seg('AIG', {1: '1', 2: 'A' if event == 'S12' else 'U', 3: 'USM-03^Ultrasound unit 3^L', 4: 'EQUIP^Equipment^L'}
                if service == US_CODE else {1: '1', 2: 'A' if event == 'S12' else 'U',
                                            3: 'CTS-01^CT scanner 1^L', 4: 'EQUIP^Equipment^L'}),
            seg('AIL', {1: '1', 2: 'A' if event == 'S12' else 'U', 3: f'{room}^^^HRIMS', 6: start, 9: str(minutes),
                        10: 'MIN'}),
            seg('AIP', {1: '1', 2: 'A' if event == 'S12' else 'U', 3: 'S0342^HAZRA^RUPALI^^^MS', 4: 'SONO^Sonographer^L',
                        6: start, 9: str(minutes), 10: 'MIN'}
                if service == US_CODE else {1: '1', 2: 'A' if event == 'S12' else 'U', 3: 'X0731^DEY^SUBHAJIT',
                                            4: 'TECH^Technologist^L', 6: start, 9: str(minutes), 10: 'MIN'})]


US_APPT = ('NIR36-A004', 'DS36-7701')
M['05-siu-s12-us-booked'] = siu('DSC3600005', '202702101124+0530', 'S12', '202702120900+0530', 30, 'US2', 'Booked',
                                'NEW^New booking^L', MEENAKSHI, PV1_MEENAKSHI, US_APPT, US_PLAC)
M['12-siu-s13-us-rescheduled'] = siu('DSC3600012', '202702101645+0530', 'S13', '202702131030+0530', 30, 'US2',
                                     'Booked', 'PTRESCH^Patient asked for another day^L', MEENAKSHI, PV1_MEENAKSHI,
                                     US_APPT, US_PLAC)
M['18-siu-s14-us-modified'] = siu('DSC3600018', '202702110930+0530', 'S14', '202702131030+0530', 45, 'US4',
                                  'Booked', 'ROOMCHG^Room and duration changed (Doppler added)^L', MEENAKSHI,
                                  PV1_MEENAKSHI, US_APPT, US_PLAC)
M['23-siu-s15-us-cancelled'] = siu('DSC3600023', '202702120812+0530', 'S15', '202702131030+0530', 45, 'US4',
                                   'Cancelled', 'PATREQ^Patient request: treated elsewhere^L', MEENAKSHI,
                                   PV1_MEENAKSHI, US_APPT, US_PLAC)
# ---- follow-up CT slot for Anirudh (RIS-created, no order number), then no-show ----
CT_FU = 'CTCHN^CT CHEST WITHOUT CONTRAST^DRISHTI^24627-2^CT Chest^LN'
M['21-siu-s12-ct-followup-booked'] = siu('DSC3600021', '202702111200+0530', 'S12', '202702181000+0530', 20, 'CT1',
                                         'Booked', 'NEW^New booking^L', ANIRUDH, PV1_ANIRUDH,
                                         ('', 'DS36-7712'), None, CT_FU)
M['24-siu-s26-ct-followup-noshow'] = siu('DSC3600024', '202702181045+0530', 'S26', '202702181000+0530', 20, 'CT1',
                                         'Noshow', 'NOSHOW^Patient did not arrive^L', ANIRUDH, PV1_ANIRUDH,
                                         ('', 'DS36-7712'), None, CT_FU)

# ---- ICU bedside monitor (SPANDAN-GW 2.6), Farida, MICU bed 3 ----
MON_FARIDA = 'MX7-ICU-0341^SPANDAN^0012A3FFFE4B1C22^EUI-64'
MON_PRAKASH = 'MX7-CCU-0112^SPANDAN^0012A3FFFE4B0D09^EUI-64'
AMEAS = 'AMEAS^auto-measurement^MDC'
MDC = {
    'HR': ('147842^MDC_ECG_HEART_RATE^MDC^8867-4^Heart rate^LN', '/min^/min^UCUM', '60-100'),
    'SPO2': ('150456^MDC_PULS_OXIM_SAT_O2^MDC^59408-5^Oxygen saturation in Arterial blood by Pulse oximetry^LN',
             '%^%^UCUM', '92-100'),
    'SYS': ('150021^MDC_PRESS_BLD_NONINV_SYS^MDC^8480-6^Systolic blood pressure^LN', 'mm[Hg]^mm[Hg]^UCUM', '90-140'),
    'DIA': ('150022^MDC_PRESS_BLD_NONINV_DIA^MDC^8462-4^Diastolic blood pressure^LN', 'mm[Hg]^mm[Hg]^UCUM', '60-90'),
    'MAP': ('150023^MDC_PRESS_BLD_NONINV_MEAN^MDC^8478-0^Mean blood pressure^LN', 'mm[Hg]^mm[Hg]^UCUM', '65-105'),
    'RR': ('151562^MDC_RESP_RATE^MDC^9279-1^Respiratory rate^LN', '/min^/min^UCUM', '12-20'),
    'TEMP': ('150364^MDC_TEMP_BODY^MDC^8310-5^Body temperature^LN', 'Cel^Cel^UCUM', '36.1-37.8'),
}
SUB = {'HR': '1.1.1.1', 'SPO2': '1.1.2.1', 'SYS': '1.1.3.1', 'DIA': '1.1.3.2', 'MAP': '1.1.3.3', 'RR': '1.1.4.1',
       'TEMP': '1.1.5.1'}


def vit_obx(n, key, value, t, flag='N', device=MON_FARIDA, sub=None):
    code, unit, rng = MDC[key]
    return seg('OBX', {1: str(n), 2: 'NM', 3: code, 4: sub or SUB[key], 5: value, 6: unit, 7: rng, 8: flag, 11: 'R',
                       14: t, 17: AMEAS, 18: device})


def vit_obr(n, filler, t, tail='', fac='HRIMS'):
    return seg('OBR', {1: str(n), 3: f'{filler}^SPANDAN-GW', 4: '182777000^Monitoring of patient^SCT', 7: t,
                       **({8: tail} if tail else {})})


def vit_msh(ctl, t, fac='HRIMS'):
    return msh('SPANDAN-GW', fac, t, ctl, 'ORU^R01^ORU_R01', '2.6', to=('HIG', fac))


T1, T2 = '20270210140000.000+0530', '20270210141500.500+0530'
M['07-oru-r01-icu-vitals-two-times'] = [
    vit_msh('SPG3600007', '20270210141602.118+0530'), seg('PID', FARIDA), PV1_FARIDA,
    vit_obr(1, 'SPG36-00071', T1),
    vit_obx(1, 'HR', '118', T1, 'H'), vit_obx(2, 'SPO2', '89', T1, 'L'), vit_obx(3, 'SYS', '92', T1),
    vit_obx(4, 'DIA', '54', T1, 'L'), vit_obx(5, 'MAP', '67', T1), vit_obx(6, 'RR', '28', T1, 'H'),
    vit_obx(7, 'TEMP', '38.6', T1, 'H'),
    vit_obr(2, 'SPG36-00072', T2),
    vit_obx(1, 'HR', '112', T2, 'H'), vit_obx(2, 'SPO2', '93', T2), vit_obx(3, 'SYS', '98', T2),
    vit_obx(4, 'DIA', '58', T2, 'L'), vit_obx(5, 'MAP', '71', T2), vit_obx(6, 'RR', '24', T2, 'H'),
]
T3 = '20270210180000.250+0530'
M['16-oru-r01-icu-vitals-evening'] = [
    vit_msh('SPG3600016', '20270210180004.902+0530'), seg('PID', FARIDA), PV1_FARIDA,
    vit_obr(1, 'SPG36-00161', T3),
    vit_obx(1, 'HR', '96', T3), vit_obx(2, 'SPO2', '95', T3), vit_obx(3, 'SYS', '148', T3, 'H'),
    vit_obx(4, 'DIA', '82', T3), vit_obx(5, 'MAP', '104', T3), vit_obx(6, 'RR', '19', T3),
    vit_obx(7, 'TEMP', '37.4', T3),
]
# Prakash, CCU Kathmandu: one OBR over a 10-minute window, each metric at two times (OBX-14), same sub-ids
K1, K2 = '20270210172000.000+0545', '20270210173000.000+0545'
M['14-oru-r01-ccu-vitals-window'] = [
    vit_msh('SPG3600014', '20270210173012.004+0545', 'BVHC'), seg('PID', PRAKASH), PV1_PRAKASH,
    vit_obr(1, 'SPG36-00141', K1, K2, 'BVHC'),
    vit_obx(1, 'HR', '54', K1, 'L', MON_PRAKASH), vit_obx(2, 'SYS', '104', K1, 'N', MON_PRAKASH),
    vit_obx(3, 'DIA', '66', K1, 'N', MON_PRAKASH), vit_obx(4, 'SPO2', '96', K1, 'N', MON_PRAKASH),
    vit_obx(5, 'HR', '49', K2, 'L', MON_PRAKASH), vit_obx(6, 'SYS', '96', K2, 'N', MON_PRAKASH),
    vit_obx(7, 'DIA', '61', K2, 'N', MON_PRAKASH), vit_obx(8, 'SPO2', '95', K2, 'N', MON_PRAKASH),
]

# ---- point-of-care glucose (SHARKARA-POC 2.5.1) ----
METER_HR = 'GM77A-3604117^SHARKARA^^'
METER_BV = 'GM77A-3609902^SHARKARA^^'
GLU = '41653-7^Glucose [Mass/volume] in Capillary blood by Glucometer^LN'


def poc(ctl, t, fac, pid, pv1, filler, when, value, vt, flag, operator, meter):
    return [msh('SHARKARA-POC', fac, t, ctl, 'ORU^R01^ORU_R01', '2.5.1', to=('HIG', fac)),
            seg('PID', pid), pv1,
            seg('OBR', {1: '1', 3: f'{filler}^SHARKARA', 4: GLU, 7: when, 25: 'F'}),
            seg('OBX', {1: '1', 2: vt, 3: GLU, 5: value, 6: 'mg/dL^mg/dL^UCUM', 7: '70-140', 8: flag, 11: 'F',
                        14: when, 16: operator, 17: 'GDH-FAD^Glucose dehydrogenase FAD strip^L', 18: meter,
                        19: when[:12] + '30' + when[14:]})]


M['08-oru-r01-poc-glucose-icu'] = poc('SHK3600008', '20270210142211+0530', 'HRIMS', FARIDA, PV1_FARIDA, 'PG36-0008',
                                      '20270210142005+0530', '286', 'NM', 'H', 'N4471^DASGUPTA^RIMA^^^^RN', METER_HR)
M['17-oru-r01-poc-glucose-icu-high'] = poc('SHK3600017', '20270211060611+0530', 'HRIMS', FARIDA, PV1_FARIDA,
                                           'PG36-0017', '20270211060402+0530', '>^600', 'SN', 'HH',
                                           'N4519^MONDAL^TAPATI^^^^RN', METER_HR)
M['15-oru-r01-poc-glucose-ccu'] = poc('SHK3600015', '20270210175511+0545', 'BVHC', PRAKASH, PV1_PRAKASH,
                                      'PG36-0015', '20270210175302+0545', '74', 'NM', 'N',
                                      'K0933^GURUNG^SABINA^^^^RN', METER_BV)

# ---- ECG (HRIDAY-ECG 2.4), Prakash, Kathmandu ----
ECG_T = '20270210150231+0545'


def ecg_obx(n, code, vt, value, unit='', rng='', flag='', method=''):
    f = {1: str(n), 2: vt, 3: code, 5: value, 11: 'F', 14: ECG_T, 18: 'HC-1200-36077^HRIDAY^^'}
    if unit:
        f[6] = unit
    if rng:
        f[7] = rng
    if flag:
        f[8] = flag
    if method:
        f[17] = method
    return seg('OBX', f)


M['10-oru-r01-ecg-report'] = [
    msh('HRIDAY-ECG', 'BVHC', '20270210150508+0545', 'HRD3600010', 'ORU^R01', '2.4', to=('HIG', 'BVHC')),
    seg('PID', PRAKASH), PV1_PRAKASH,
    seg('ORC', {1: 'RE', 2: 'BVC36-ECG-0010^BVHC-HIS', 3: 'HR36-E0010^HRIDAY', 5: 'CM'}),
    seg('OBR', {1: '1', 2: 'BVC36-ECG-0010^BVHC-HIS', 3: 'HR36-E0010^HRIDAY', 4: '11524-6^EKG study^LN', 7: ECG_T,
                16: 'K0212^SHRESTHA-KOIRALA^BINOD^^^DR', 22: '20270210150455+0545', 24: 'EC', 25: 'F',
                32: 'K0305&ADHIKARI-PANT&SUMAN&&&DR^20270210150400+0545'}),
    ecg_obx(1, '8867-4^Heart rate^LN', 'NM', '56', '/min^/min^UCUM', '60-100', 'L'),
    ecg_obx(2, '8625-6^P-R Interval^LN', 'NM', '224', 'ms^ms^UCUM', '120-200', 'H'),
    ecg_obx(3, '8633-0^QRS duration^LN', 'NM', '98', 'ms^ms^UCUM', '80-120'),
    ecg_obx(4, '8634-8^Q-T interval^LN', 'NM', '452', 'ms^ms^UCUM'),
    ecg_obx(5, '8636-3^Q-T interval corrected^LN', 'NM', '436', 'ms^ms^UCUM', '350-450', 'N',
            'BAZETT^Bazett formula^L'),
    ecg_obx(6, '8632-2^QRS axis^LN', 'NM', '-38', 'deg^deg^UCUM', '-30-90', 'A'),
    ecg_obx(7, '18844-1^EKG impression^LN', 'TX',
            'Sinus bradycardia~First degree AV block~Left anterior fascicular block~Abnormal ECG'),
]

# ---- portable chest X-ray, Farida: OMG STAT, RIS report with RP study pointer and an ETT measurement ----
XR_CODE = 'XRCHP^XR CHEST PORTABLE 1 VIEW^NIRMAN^36554-4^XR Chest Single view^LN'
XR_PLAC, XR_ACC = 'NIR36-0009', 'DR36-0211'
M['09-omg-o19-portable-chest-xr'] = [
    msh('NIRMAN', 'HRIMS', '202702101430+0530', 'NIR3600009', 'OMG^O19^OMG_O19', '2.5.1', to=('DRISHTI', 'HRIMS')),
    seg('PID', FARIDA), PV1_FARIDA,
    seg('ORC', {1: 'NW', 2: f'{XR_PLAC}^NIRMAN', 9: '202702101429+0530', 10: 'N4471^DASGUPTA^RIMA',
                12: 'D0977^RAHMAN-IYENGAR^TANVIR^^^DR'}),
    seg('TQ1', {1: '1', 7: '202702101430+0530', 9: 'S^Stat^HL70485'}),
    seg('OBR', {1: '1', 2: f'{XR_PLAC}^NIRMAN', 4: XR_CODE, 13: 'Post intubation; check ETT position',
                16: 'D0977^RAHMAN-IYENGAR^TANVIR^^^DR', 24: 'RAD', 30: 'PORT^Portable^HL70124',
                31: 'Z97.8^Presence of other specified devices^I10',
                44: '71045^Radiologic examination, chest; single view^C4'}),
]
XR_UID = '2.25.336013520270210145011360002'
M['13-oru-r01-portable-chest-xr-final'] = [
    msh('DRISHTI', 'HRIMS', '202702101710+0530', 'DRS3600013', 'ORU^R01', '2.3.1', to=('NIRMAN', 'HRIMS')),
    seg('PID', FARIDA), PV1_FARIDA,
    seg('ORC', {1: 'RE', 2: f'{XR_PLAC}^NIRMAN', 3: f'{XR_ACC}^DRISHTI', 5: 'CM'}),
    seg('OBR', {1: '1', 2: f'{XR_PLAC}^NIRMAN', 3: f'{XR_ACC}^DRISHTI', 4: XR_CODE, 7: '202702101450+0530',
                18: XR_ACC, 19: 'RP36-0211', 22: '202702101708+0530', 24: 'RAD', 25: 'F',
                32: 'A2204&BANERJEE-IYER&SUDESHNA&&&DR^202702101705+0530', 35: TRANS}),
    seg('OBX', {1: '1', 2: 'RP', 3: '113014^Study Instance UID^DCM',
                5: f'{XR_UID}^DRISHTI-PACS^AP^DICOM', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'NM', 3: 'RID36^ETT tip to carina distance^RADLEX', 5: '4.5', 6: 'cm^cm^UCUM',
                7: '3-7', 8: 'N', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TX', 3: '18782-3^Radiology Study observation (narrative)^LN',
                5: 'Endotracheal tube tip 4.5 cm above the carina.~Right internal jugular line tip in the SVC.~'
                   'Bilateral perihilar airspace opacities, worse on the right.~Small right pleural effusion.',
                11: 'F'}),
    seg('OBX', {1: '4', 2: 'TX', 3: '19005-8^Radiology Imaging study [Impression] (narrative)^LN',
                5: 'Satisfactory ETT position. Bilateral airspace disease, likely pneumonia or ARDS.', 11: 'F'}),
]

# ---- MDM^T02 (PATRA-DMS 2.5): scanned outside echocardiography report, Prakash ----
PDF = base64.b64encode(b'%PDF-1.4\n% outside echo report (scan) BV3600142\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'
                       ).decode('ascii')
M['19-mdm-t02-scanned-outside-echo'] = [
    msh('PATRA-DMS', 'BVHC', '202702111005+0545', 'PTR3600019', 'MDM^T02^MDM_T02', '2.5', to=('HIG', 'BVHC')),
    seg('EVN', {1: 'T02', 2: '202702111005+0545'}),
    seg('PID', PRAKASH), PV1_PRAKASH,
    seg('TXA', {1: '1', 2: 'OUTSIDEREC^Outside record (scanned)^L', 3: 'AP', 4: '202702111003+0545',
                5: 'K0212^SHRESTHA-KOIRALA^BINOD^^^DR', 6: '20270128', 9: 'K1150^TAMANG^ANITA',
                12: 'PTR36-D0019^PATRA-DMS', 16: 'Echo - Pokhara Heart Clinic 28-Jan-2027.pdf',
                17: 'AU', 19: 'AV'}),
    seg('OBX', {1: '1', 2: 'ED', 3: '34552-0^Cardiac 2D echo panel^LN', 5: f'PATRA-DMS^AP^PDF^Base64^{PDF}',
                11: 'F'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 24, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages in', OUT)
