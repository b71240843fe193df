#!/usr/bin/env python3
r"""Review 53's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a New Zealand public hospital's intensive care unit and its point-of-care testing, on ONE Pacific/Auckland
channel across the start of NZ daylight saving: Sunday 26 September 2032, 02:00 NZST (+12:00) -> 03:00 NZDT (+13:00),
so 02:00-02:59 local does not exist that night. Totara Harbour Hospital (THH, invented).
- the hospital PAS "THHPAS" (HL7 v2.4, MSH-7 with its offset: +1200 before the change, +1300 after; EVN / PV1 times
  bare): A01 ICU admissions from ED, A02 bed-to-bed and ICU -> ward/HDU transfers, A08 updates, an A03 discharge, an
  A11 cancel admit, an A12 cancel transfer. PID-3: the NHI number (authority NHI, type NI) and the hospital MRN.
  One A02 (#06) back-timed by the clerk to 02:30 (a clock time the zone skips).
- the patient-monitor device gateway "THHDGW" (IHE PCD-01 style ORU^R01 v2.6: OBR-3 a gateway batch number, OBR-7/8
  the batch window, OBX-3 MDC codes with UCUM units, OBX-14 per reading (differing from OBR-7), OBX-17 method,
  OBX-18 the monitor's EUI-64; repeated OBX-3 at different OBX-14 told apart by OBX-4; the NIBP panel systolic /
  diastolic / mean sharing one OBX-4; OBX-8 flags; an OBX-11 X (cuff failure); a later batch resend with OBX-11 D
  (an artefact heart rate deleted, the delete sent alone, OBR-25 C). Its OBX-14 times are bare, as monitors stamp
  them; #08's readings are stamped 02:15-02:45 by a monitor whose clock had not moved forward, the gateway's MSH-7
  03:52+1300.
- the ventilator gateway (the same THHDGW, MSH-4 VENT, MSH-7 BARE): settings as CWE / NM with LOINC codes.
- the blood gas analyser / POCT middleware "THHPOCT" (ORU^R01 v2.5.1 with SPM: arterial / venous / capillary
  specimen, OBX-16 the operator, OBX-18 the analyser, SN values with a comparator (`>^15.0`, `>^33.3`)); its clock
  still on NZST in #10 (MSH-7 02:48+1200 after the change, SPM-17 / OBR-7 02:40 bare).
Patients and numbers (NHI ZJM4827 / ZKP6190 / ZRT3056, MRN T53004xx, visits V53-881xx, gateway batches THHDGW-…,
POCT accessions BG53-…) none of earlier reviews' (grepped). Fields placed by number. All persons and numbers invented.
Run from the worktree root (convert with --timezone Pacific/Auckland, the channel's zone):
    python3 docs/review53/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review53/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, ver, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'THH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: ver}
    f.update(extra or {})
    return seg('MSH', f)


# ---- patients ----
MEREANA = {1: '1', 3: 'ZJM4827^^^NHI^NI~T5300412^^^THH^MR', 5: 'TE RANGI-HOLLOWAY^MEREANA^HINE^^^^L', 7: '19610314',
           8: 'F', 10: '21111^NZ Maori^NZHIS', 11: '14 Pohutukawa Drive^^Whangaparaoa^^0932^NZL^H',
           13: '^PRN^PH^^64^9^4245517~^PRN^CP^^64^21^4410928'}
MEREANA_NEW = MEREANA | {13: '^PRN^CP^^64^21^4410928', 11: '3/88 Hibiscus Coast Highway^^Orewa^^0931^NZL^H'}
SIONE = {1: '1', 3: 'ZKP6190^^^NHI^NI~T5300429^^^THH^MR', 5: 'FALEOLO-PRICE^SIONE^TAVITA^^^^L', 7: '19781102',
         8: 'M', 10: '31111^Samoan^NZHIS', 11: '7 Kauri Glen Road^^Northcote^^0627^NZL^H', 13: '^PRN^CP^^64^22^5190734'}
SIONE_WT = SIONE | {13: '^PRN^CP^^64^22^5190734~^NET^Internet^sione.fp@example.org'}
ANNABEL = {1: '1', 3: 'ZRT3056^^^NHI^NI~T5300437^^^THH^MR', 5: 'HOLLIS-TAMIHANA^ANNABEL^ROSE^^^^L', 7: '19550621',
           8: 'F', 10: '11111^NZ European^NZHIS', 11: '55 Rata Street^^Devonport^^0624^NZL^H',
           13: '^PRN^PH^^64^9^4459201'}

# ---- staff (NZ Medical / Nursing Council numbers as THH staff ids) ----
INTENSIVIST = '18834^KARAKA-WOOD^TAMATI^^^DR^^^THH^L^^^MCNZ'
ED_DR = '27105^OYELARAN^FUNMI^^^DR^^^THH^L^^^MCNZ'
SURGEON = '21960^DE SILVA^ROHAN^^^DR^^^THH^L^^^MCNZ'
PHYSICIAN = '30417^McALLISTER^GRAINNE^^^DR^^^THH^L^^^MCNZ'
RN_HINE = 'RN4471^PAEWAI^HINE^^^RN^^^THH^L'
RN_JOSH = 'RN5208^VAN DER BERG^JOSHUA^^^RN^^^THH^L'

# ---- places (PL: point of care ^ room ^ bed ^ facility ^ status ^ person location type ^ building ^ floor) ----
ED_R2 = 'ED^RESUS^R2^THH^^N^^1^Emergency Department'
ICU = lambda bed: f'ICU^^{bed}^THH^^N^^2^Intensive Care Unit'  # noqa: E731
HDU = lambda bed: f'HDU^^{bed}^THH^^N^^2^High Dependency Unit'  # noqa: E731
WARD = lambda w, bed: f'{w}^^{bed}^THH^^N^^4^Ward {w[1:]}'  # noqa: E731
THEATRE = 'PACU^^P3^THH^^N^^3^Post-anaesthesia Care Unit'

MONITOR_B04 = '0004A1FFFE3B22C1^^0004A1FFFE3B22C1^EUI-64'
MONITOR_B09 = '0004A1FFFE3B3F07^^0004A1FFFE3B3F07^EUI-64'
MONITOR_B07 = '0004A1FFFE3B2A95^^0004A1FFFE3B2A95^EUI-64'
MONITOR_H03 = '0004A1FFFE4C0112^^0004A1FFFE4C0112^EUI-64'
VENT_B07 = 'SERVOU-457^THHBIOMED'
ABL_ICU = 'ABL90-ICU-01^THHPOCT'
GLUCO_W8 = 'NOVASTAT-W8-03^THHPOCT'


def pv1(cls, where, visit, att, admit, prior='', extra=None):
    f = {1: '1', 2: cls, 3: where, 6: prior, 7: att, 10: 'ICU', 19: f'{visit}^^^THH^VN', 44: admit}
    f.update(extra or {})
    return seg('PV1', {k: v for k, v in f.items() if v != ''} | {1: '1'})


ME_VISIT, SI_VISIT, AN_VISIT = 'V53-88101', 'V53-88117', 'V53-88124'
ME_ADMIT, SI_ADMIT, AN_ADMIT = '20320925224000', '20320925235000', '20320926103500'


def adt(trig, t, ctl, pid, pv1seg, recorded, occurred='', struct='ADT_A01', extra=None):
    evn = {1: trig, 2: recorded}
    if occurred:
        evn[6] = occurred
    return [msh('THHPAS', 'THH', t, ctl, f'ADT^{trig}^{struct}', '2.4'), seg('EVN', evn), seg('PID', pid),
            pv1seg] + (extra or [])


def obx(i, vt, code, value, units='', rr='', flag='', status='F', t='', sub='', method='', device='', observer='',
        extra=None):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 6: units, 7: rr, 8: flag, 11: status, 14: t, 16: observer,
         17: method, 18: device}
    f.update(extra or {})
    return seg('OBX', {k: v for k, v in f.items() if v != ''} | {1: str(i), 11: status})


# ---- codes ----
HR = '147842^MDC_ECG_HEART_RATE^MDC'
SPO2 = '150456^MDC_PULS_OXIM_SAT_O2^MDC'
RR = '151562^MDC_RESP_RATE^MDC'
TEMP = '150364^MDC_TEMP_BODY^MDC'
NIBP_S = '150021^MDC_PRESS_BLD_NONINV_SYS^MDC'
NIBP_D = '150022^MDC_PRESS_BLD_NONINV_DIA^MDC'
NIBP_M = '150023^MDC_PRESS_BLD_NONINV_MEAN^MDC'
ABP_S = '150037^MDC_PRESS_BLD_ART_ABP_SYS^MDC'
ABP_D = '150038^MDC_PRESS_BLD_ART_ABP_DIA^MDC'
ABP_M = '150039^MDC_PRESS_BLD_ART_ABP_MEAN^MDC'
BPM = '/min^/min^UCUM'
PCT = '%^%^UCUM'
MMHG = 'mm[Hg]^mm[Hg]^UCUM'
CEL = 'Cel^Cel^UCUM'
MMOL = 'mmol/L^mmol/L^UCUM'
AMEAS = 'AMEAS^auto-measurement^MDC'
NIBP_METHOD = '0^oscillometric cuff, auto cycle^THHDGW'
VITALS = '85353-1^Vital signs, weight, height, head circumference, oxygen saturation and BMI panel^LN'
VENT = '76530-5^Ventilator settings panel^LN'
GAS_ART = '24336-0^Gas panel - Arterial blood^LN'
GAS_VEN = '24338-6^Gas panel - Venous blood^LN'
GLU_POC = '41653-7^Glucose [Mass/volume] in Capillary blood by Glucometer^LN'


def dgw(t, ctl, pid, pv1seg, batch, start, end, obxs, status='F', device_app='THHDGW', fac='MON'):
    return [msh(device_app, fac, t, ctl, 'ORU^R01^ORU_R01', '2.6', {21: 'IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO'}),
            seg('PID', pid), pv1seg,
            seg('OBR', {1: '1', 3: f'{batch}^THHDGW', 4: VITALS, 7: start, 8: end, 25: status}), *obxs]


def vent(t, ctl, pid, pv1seg, batch, when, obxs):
    return [msh('THHDGW', 'VENT', t, ctl, 'ORU^R01^ORU_R01', '2.6'), seg('PID', pid), pv1seg,
            seg('OBR', {1: '1', 3: f'{batch}^THHDGW', 4: VENT, 7: when, 25: 'F'}), *obxs]


def poct(t, ctl, pid, pv1seg, acc, code, drawn, reported, obxs, spm_type, extra_obr=None):
    obr = {1: '1', 3: f'{acc}^THHPOCT', 4: code, 7: drawn, 22: reported, 25: 'F'}
    obr.update(extra_obr or {})
    return [msh('THHPOCT', 'THH', t, ctl, 'ORU^R01^ORU_R01', '2.5.1'), seg('PID', pid), pv1seg,
            seg('ORC', {1: 'RE', 3: f'{acc}^THHPOCT', 5: 'CM'}),
            seg('OBR', obr), *obxs,
            seg('SPM', {1: '1', 2: f'^{acc}-1&THHPOCT', 4: spm_type, 17: drawn, 18: drawn})]


ME_ICU = lambda bed, prior='': pv1('I', ICU(bed), ME_VISIT, INTENSIVIST, ME_ADMIT, prior)  # noqa: E731
SI_ICU = lambda bed, prior='': pv1('I', ICU(bed), SI_VISIT, INTENSIVIST, SI_ADMIT, prior)  # noqa: E731

M = {}
# 01 A01 Mereana admitted to ICU bed B04 from ED resus 2 (Saturday 25 Sep, NZST)
M['01-adt-a01-mereana-icu'] = adt('A01', '20320925224512+1200', 'PAS53001', MEREANA,
                                  pv1('I', ICU('B04'), ME_VISIT, INTENSIVIST, ME_ADMIT, ED_R2,
                                      {4: 'E', 14: '7^Emergency Department^HL70023', 17: ED_DR}),
                                  '20320925224500', '20320925224000')
# 02 ORU^R01 monitor flowsheet Mereana 23:00-23:30 NZST: HR x3 (OBX-4 1..3), SpO2 x2, NIBP panel, RR, temp
M['02-oru-r01-mereana-vitals-2300'] = dgw(
    '20320925233012+1200', 'DGW53002', MEREANA, ME_ICU('B04'), 'THHDGW-20320925-0412', '20320925230000',
    '20320925233000', [
        obx(1, 'NM', HR, '128', BPM, '50-120', 'H', t='20320925230000', sub='1', method=AMEAS, device=MONITOR_B04),
        obx(2, 'NM', HR, '124', BPM, '50-120', 'H', t='20320925231500', sub='2', method=AMEAS, device=MONITOR_B04),
        obx(3, 'NM', HR, '187', BPM, '50-120', 'HH', t='20320925232200', sub='3', method=AMEAS, device=MONITOR_B04),
        obx(4, 'NM', SPO2, '89', PCT, '92-100', 'L', t='20320925230000', sub='1', method=AMEAS, device=MONITOR_B04),
        obx(5, 'NM', SPO2, '93', PCT, '92-100', 'N', t='20320925233000', sub='2', method=AMEAS, device=MONITOR_B04),
        obx(6, 'NM', NIBP_S, '96', MMHG, '90-140', 'N', t='20320925231000', sub='1', method=NIBP_METHOD,
            device=MONITOR_B04),
        obx(7, 'NM', NIBP_D, '52', MMHG, '60-90', 'L', t='20320925231000', sub='1', method=NIBP_METHOD,
            device=MONITOR_B04),
        obx(8, 'NM', NIBP_M, '67', MMHG, '65-105', 'N', t='20320925231000', sub='1', method=NIBP_METHOD,
            device=MONITOR_B04),
        obx(9, 'NM', RR, '26', BPM, '10-20', 'H', t='20320925233000', sub='1', method=AMEAS, device=MONITOR_B04),
        obx(10, 'NM', TEMP, '38.6', CEL, '36.0-37.5', 'H', t='20320925230000', sub='1', method=AMEAS,
            device=MONITOR_B04)])
# 03 A01 Sione admitted to ICU bed B07 from ED resus 2, intubated
M['03-adt-a01-sione-icu'] = adt('A01', '20320925235512+1200', 'PAS53003', SIONE,
                                pv1('I', ICU('B07'), SI_VISIT, INTENSIVIST, SI_ADMIT, ED_R2,
                                    {4: 'E', 14: '7^Emergency Department^HL70023', 17: ED_DR}),
                                '20320925235500', '20320925235000')
# 04 ORU^R01 arterial blood gas Mereana 00:45 NZST (Sunday), operator RN Paewai, ABL90 in ICU
M['04-oru-r01-mereana-abg'] = poct(
    '20320926004812+1200', 'POC53004', MEREANA, ME_ICU('B04'), 'BG53-0419', GAS_ART, '20320926004500',
    '20320926004700', [
        obx(1, 'NM', '2744-1^pH of Arterial blood^LN', '7.21', '[pH]^[pH]^UCUM', '7.35-7.45', 'L', t='20320926004500',
            observer=RN_HINE, device=ABL_ICU),
        obx(2, 'NM', '2019-8^Carbon dioxide [Partial pressure] in Arterial blood^LN', '58', MMHG, '35-45', 'H',
            t='20320926004500', observer=RN_HINE, device=ABL_ICU),
        obx(3, 'NM', '2703-7^Oxygen [Partial pressure] in Arterial blood^LN', '72', MMHG, '80-100', 'L',
            t='20320926004500', observer=RN_HINE, device=ABL_ICU),
        obx(4, 'NM', '1960-4^Bicarbonate [Moles/volume] in Arterial blood^LN', '22.6', MMOL, '22-26', 'N',
            t='20320926004500', observer=RN_HINE, device=ABL_ICU),
        obx(5, 'NM', '1925-7^Base excess in Arterial blood by calculation^LN', '-5.4', MMOL, '-2-2', 'L',
            t='20320926004500', observer=RN_HINE, device=ABL_ICU),
        obx(6, 'NM', '2518-9^Lactate [Moles/volume] in Arterial blood^LN', '4.8', MMOL, '0.5-1.6', 'H',
            t='20320926004500', observer=RN_HINE, device=ABL_ICU),
        obx(7, 'NM', '6298-4^Potassium [Moles/volume] in Blood^LN', '3.1', MMOL, '3.5-5.2', 'L', t='20320926004500',
            observer=RN_HINE, device=ABL_ICU),
        obx(8, 'NM', '19994-3^Oxygen/Inspired gas setting [Volume Fraction] Ventilator^LN', '40', PCT,
            t='20320926004500', observer=RN_HINE, device=ABL_ICU)],
    '122552005^Arterial blood specimen^SCT')
# 05 ORU^R01 ventilator settings Sione 01:10 NZST (ventilator gateway: MSH-7 bare)
M['05-oru-r01-sione-vent-0110'] = vent('20320926011205', 'VNT53005', SIONE, SI_ICU('B07'), 'THHDGW-V-20320926-0088',
                                       '20320926011000', [
    obx(1, 'CWE', '20124-4^Ventilation mode Ventilator^LN', 'PC-SIMV^Pressure control SIMV^THHVENT',
        t='20320926011000', device=VENT_B07),
    obx(2, 'NM', '19994-3^Oxygen/Inspired gas setting [Volume Fraction] Ventilator^LN', '50', PCT, t='20320926011000',
        device=VENT_B07),
    obx(3, 'NM', '20077-4^Positive end expiratory pressure setting Ventilator^LN', '10', 'cm[H2O]^cm[H2O]^UCUM',
        t='20320926011000', device=VENT_B07),
    obx(4, 'NM', '20112-9^Tidal volume setting Ventilator^LN', '480', 'mL^mL^UCUM', t='20320926011000',
        device=VENT_B07),
    obx(5, 'NM', '19834-1^Breath rate setting Ventilator^LN', '18', BPM, t='20320926011000', device=VENT_B07)])
# 06 A02 Mereana B04 -> B09 (isolation room); the clerk enters it after the change, back-timed to 02:30 (skipped)
M['06-adt-a02-mereana-b04-b09'] = adt('A02', '20320926034005+1300', 'PAS53006', MEREANA, ME_ICU('B09', ICU('B04')),
                                      '20320926034000', '20320926023000', struct='ADT_A02')
# 07 ORU^R01 monitor Sione across the change: 01:30, 01:45 NZST then 03:00, 03:15 NZDT (all bare), sent 03:20+1300
M['07-oru-r01-sione-vitals-across'] = dgw(
    '20320926032005+1300', 'DGW53007', SIONE, SI_ICU('B07'), 'THHDGW-20320926-0419', '20320926013000',
    '20320926031500', [
        obx(1, 'NM', HR, '102', BPM, '50-120', 'N', t='20320926013000', sub='1', method=AMEAS, device=MONITOR_B07),
        obx(2, 'NM', HR, '98', BPM, '50-120', 'N', t='20320926014500', sub='2', method=AMEAS, device=MONITOR_B07),
        obx(3, 'NM', HR, '131', BPM, '50-120', 'H', t='20320926030000', sub='3', method=AMEAS, device=MONITOR_B07),
        obx(4, 'NM', HR, '135', BPM, '50-120', 'H', t='20320926031500', sub='4', method=AMEAS, device=MONITOR_B07),
        obx(5, 'NM', ABP_S, '84', MMHG, '90-140', 'L', t='20320926030000', sub='1', method=AMEAS, device=MONITOR_B07),
        obx(6, 'NM', ABP_D, '41', MMHG, '60-90', 'L', t='20320926030000', sub='1', method=AMEAS, device=MONITOR_B07),
        obx(7, 'NM', ABP_M, '55', MMHG, '65-105', 'LL', t='20320926030000', sub='1', method=AMEAS,
            device=MONITOR_B07),
        obx(8, 'NM', SPO2, '95', PCT, '92-100', 'N', t='20320926014500', sub='1', method=AMEAS, device=MONITOR_B07),
        obx(9, 'NM', SPO2, '91', PCT, '92-100', 'L', t='20320926031500', sub='2', method=AMEAS, device=MONITOR_B07)])
# 08 ORU^R01 monitor Mereana in B09: readings stamped 02:15 / 02:30 / 02:45 by a monitor whose clock had not moved
# forward (NZST), the gateway's MSH-7 03:52+1300 (= 14:52Z; the NZST readings are 14:15Z-14:45Z)
M['08-oru-r01-mereana-vitals-skipped'] = dgw(
    '20320926035244+1300', 'DGW53008', MEREANA, ME_ICU('B09'), 'THHDGW-20320926-0426', '20320926021500',
    '20320926024500', [
        obx(1, 'NM', HR, '118', BPM, '50-120', 'N', t='20320926021500', sub='1', method=AMEAS, device=MONITOR_B09),
        obx(2, 'NM', HR, '112', BPM, '50-120', 'N', t='20320926023000', sub='2', method=AMEAS, device=MONITOR_B09),
        obx(3, 'NM', HR, '109', BPM, '50-120', 'N', t='20320926024500', sub='3', method=AMEAS, device=MONITOR_B09),
        obx(4, 'NM', NIBP_S, '104', MMHG, '90-140', 'N', t='20320926023000', sub='1', method=NIBP_METHOD,
            device=MONITOR_B09),
        obx(5, 'NM', NIBP_D, '58', MMHG, '60-90', 'L', t='20320926023000', sub='1', method=NIBP_METHOD,
            device=MONITOR_B09),
        obx(6, 'NM', NIBP_M, '73', MMHG, '65-105', 'N', t='20320926023000', sub='1', method=NIBP_METHOD,
            device=MONITOR_B09),
        obx(7, 'NM', SPO2, '94', PCT, '92-100', 'N', t='20320926024500', sub='1', method=AMEAS, device=MONITOR_B09)])
# 09 A08 Sione: e-mail added, weight on admission (OBX), attending unchanged
M['09-adt-a08-sione-update'] = adt('A08', '20320926034410+1300', 'PAS53009', SIONE_WT, SI_ICU('B07'), '20320926034400',
                                   extra=[seg('OBX', {1: '1', 2: 'NM', 3: '29463-7^Body weight^LN', 5: '112',
                                                      6: 'kg^kg^UCUM', 11: 'F', 14: '20320925235000'})])
# 10 ORU^R01 venous blood gas Sione: the analyser's clock still on NZST (MSH-7 02:48+1200 = 14:48Z), drawn 02:40
# bare (a clock time the zone skips; on the analyser's clock 14:40Z), lactate above the analyser's range (SN >15.0)
M['10-oru-r01-sione-vbg-skipped'] = poct(
    '20320926024830+1200', 'POC53010', SIONE, SI_ICU('B07'), 'BG53-0427', GAS_VEN, '20320926024000',
    '20320926024700', [
        obx(1, 'NM', '2746-6^pH of Venous blood^LN', '7.12', '[pH]^[pH]^UCUM', '7.31-7.41', 'LL', t='20320926024000',
            observer=RN_JOSH, device=ABL_ICU),
        obx(2, 'NM', '2021-4^Carbon dioxide [Partial pressure] in Venous blood^LN', '61', MMHG, '41-51', 'H',
            t='20320926024000', observer=RN_JOSH, device=ABL_ICU),
        obx(3, 'SN', '2519-7^Lactate [Moles/volume] in Venous blood^LN', '>^15.0', MMOL, '0.5-2.2', 'HH',
            t='20320926024000', observer=RN_JOSH, device=ABL_ICU),
        obx(4, 'NM', '6298-4^Potassium [Moles/volume] in Blood^LN', '5.9', MMOL, '3.5-5.2', 'H', t='20320926024000',
            observer=RN_JOSH, device=ABL_ICU)],
    '122555007^Venous blood specimen^SCT')
# 11 ORU^R01 ventilator Sione after the change: mode and FiO2 changed at 02:20 on the ventilator's unmoved clock,
# gateway MSH-7 bare 03:35 (NZDT)
M['11-oru-r01-sione-vent-change'] = vent('20320926033510', 'VNT53011', SIONE, SI_ICU('B07'), 'THHDGW-V-20320926-0091',
                                         '20320926022000', [
    obx(1, 'CWE', '20124-4^Ventilation mode Ventilator^LN', 'PRVC^Pressure regulated volume control^THHVENT',
        t='20320926022000', device=VENT_B07),
    obx(2, 'NM', '19994-3^Oxygen/Inspired gas setting [Volume Fraction] Ventilator^LN', '70', PCT, t='20320926022000',
        device=VENT_B07),
    obx(3, 'NM', '20077-4^Positive end expiratory pressure setting Ventilator^LN', '12', 'cm[H2O]^cm[H2O]^UCUM',
        t='20320926022000', device=VENT_B07),
    obx(4, 'NM', '20112-9^Tidal volume setting Ventilator^LN', '450', 'mL^mL^UCUM', t='20320926022000',
        device=VENT_B07),
    obx(5, 'NM', '19834-1^Breath rate setting Ventilator^LN', '22', BPM, t='20320926022000', device=VENT_B07)])
# 12 ORU^R01 the gateway deletes #02's third heart rate (187 at 23:22: lead artefact): batch resent, OBR-25 C, the
# deleted OBX alone with OBX-11 D
M['12-oru-r01-mereana-hr-deleted'] = dgw(
    '20320926041502+1300', 'DGW53012', MEREANA, ME_ICU('B09'), 'THHDGW-20320925-0412', '20320925230000',
    '20320925233000', [
        obx(1, 'NM', HR, '187', BPM, '50-120', 'HH', status='D', t='20320925232200', sub='3', method=AMEAS,
            device=MONITOR_B04)], status='C')
# 13 A02 Sione ICU B07 -> Ward 7 bed 12 (entered against the wrong patient)
M['13-adt-a02-sione-to-w7'] = adt('A02', '20320926100512+1300', 'PAS53013', SIONE,
                                  pv1('I', WARD('W7', '12'), SI_VISIT, INTENSIVIST, SI_ADMIT, ICU('B07')),
                                  '20320926100500', '20320926100000', struct='ADT_A02')
# 14 A12 cancel that transfer: PV1-3 the original bed ICU B07, PV1-6 the cancelled destination W7-12
M['14-adt-a12-sione-cancel-transfer'] = adt('A12', '20320926102233+1300', 'PAS53014', SIONE,
                                            pv1('I', ICU('B07'), SI_VISIT, INTENSIVIST, SI_ADMIT, WARD('W7', '12')),
                                            '20320926102200', '20320926100000', struct='ADT_A12')
# 15 A01 Annabel admitted to ICU B11 from PACU after an elective laparotomy
M['15-adt-a01-annabel-icu'] = adt('A01', '20320926104033+1300', 'PAS53015', ANNABEL,
                                  pv1('I', ICU('B11'), AN_VISIT, SURGEON, AN_ADMIT, THEATRE, {4: 'C'}),
                                  '20320926104000', AN_ADMIT)
# 16 A11 cancel Annabel's admission (booked in error: she went to the surgical ward's HDU bay, not ICU)
M['16-adt-a11-annabel-cancel-admit'] = adt('A11', '20320926110512+1300', 'PAS53016', ANNABEL,
                                           pv1('I', ICU('B11'), AN_VISIT, SURGEON, AN_ADMIT, THEATRE, {4: 'C'}),
                                           '20320926110500', struct='ADT_A09')
# 17 ORU^R01 monitor Mereana 11:30-12:00 NZDT: NIBP cannot be obtained (X, cuff failure), HR, SpO2 x2, temp
M['17-oru-r01-mereana-vitals-1130'] = dgw(
    '20320926120107+1300', 'DGW53017', MEREANA, ME_ICU('B09'), 'THHDGW-20320926-0533', '20320926113000',
    '20320926120000', [
        obx(1, 'NM', HR, '96', BPM, '50-120', 'N', t='20320926113000', sub='1', method=AMEAS, device=MONITOR_B09),
        obx(2, 'NM', NIBP_S, '', MMHG, status='X', t='20320926114500', sub='1', method=NIBP_METHOD,
            device=MONITOR_B09),
        obx(3, 'NM', SPO2, '97', PCT, '92-100', 'N', t='20320926113000', sub='1', method=AMEAS, device=MONITOR_B09),
        obx(4, 'NM', SPO2, '96', PCT, '92-100', 'N', t='20320926120000', sub='2', method=AMEAS, device=MONITOR_B09),
        obx(5, 'NM', TEMP, '37.4', CEL, '36.0-37.5', 'N', t='20320926113000', sub='1', method=AMEAS,
            device=MONITOR_B09)])
# 18 A08 Mereana: new address and mobile only (landline gone); still in ICU B09
M['18-adt-a08-mereana-address'] = adt('A08', '20320926160544+1300', 'PAS53018', MEREANA_NEW, ME_ICU('B09'),
                                      '20320926160500')
# 19 A02 Mereana ICU B09 -> Ward 8 bed 3 (Monday 27 Sep 11:00 NZDT)
M['19-adt-a02-mereana-to-w8'] = adt('A02', '20320927110412+1300', 'PAS53019', MEREANA_NEW,
                                    pv1('I', WARD('W8', '3'), ME_VISIT, PHYSICIAN, ME_ADMIT, ICU('B09'),
                                        {10: 'MED'}),
                                    '20320927110400', '20320927110000', struct='ADT_A02')
# 20 ORU^R01 monitor Sione back in B07 (Monday 27 Sep) 11:00-12:00 NZDT; this batch repeats OBX-3 HR WITHOUT OBX-4 (gateway habit),
# two readings at 11:00 and 12:00; OBX-14 sent with the offset +1300 here
M['20-oru-r01-sione-vitals-no-subid'] = dgw(
    '20320927120210+1300', 'DGW53020', SIONE, SI_ICU('B07'), 'THHDGW-20320927-0611', '20320927110000+1300',
    '20320927120000+1300', [
        obx(1, 'NM', HR, '88', BPM, '50-120', 'N', t='20320927110000+1300', method=AMEAS, device=MONITOR_B07),
        obx(2, 'NM', HR, '84', BPM, '50-120', 'N', t='20320927120000+1300', method=AMEAS, device=MONITOR_B07),
        obx(3, 'NM', SPO2, '97', PCT, '92-100', 'N', t='20320927120000+1300', method=AMEAS, device=MONITOR_B07)])
# 21 A02 Sione ICU B07 -> HDU bed H03 (the real step-down, Monday)
M['21-adt-a02-sione-to-hdu'] = adt('A02', '20320927153012+1300', 'PAS53021', SIONE_WT,
                                   pv1('I', HDU('H03'), SI_VISIT, INTENSIVIST, SI_ADMIT, ICU('B07')),
                                   '20320927153000', '20320927152500', struct='ADT_A02')
# 22 ORU^R01 POCT capillary glucose Mereana on Ward 8, meter reads HI (SN >33.3), operator RN van der Berg
M['22-oru-r01-mereana-glucose-hi'] = poct(
    '20320927181530+1300', 'POC53022', MEREANA_NEW, pv1('I', WARD('W8', '3'), ME_VISIT, PHYSICIAN, ME_ADMIT, '',
                                                        {10: 'MED'}), 'BG53-0533', GLU_POC, '20320927181000',
    '20320927181100', [
        obx(1, 'SN', '2339-0^Glucose [Moles/volume] in Blood^LN', '>^33.3', MMOL, '4.0-7.8', 'HH', t='20320927181000',
            observer=RN_JOSH, device=GLUCO_W8)],
    '122554006^Capillary blood specimen^SCT')
# 23 A03 Mereana discharged home from Ward 8 bed 3 (Wednesday 29 Sep 14:30 NZDT)
M['23-adt-a03-mereana-discharge'] = adt('A03', '20320929143512+1300', 'PAS53023', MEREANA_NEW,
                                        pv1('I', WARD('W8', '3'), ME_VISIT, PHYSICIAN, ME_ADMIT, '',
                                            {10: 'MED', 36: '01^Discharged home^HL70112', 45: '20320929143000'}),
                                        '20320929143500', '20320929143000', struct='ADT_A03')
# 24 ORU^R01 monitor Sione in HDU H03 (Wednesday 29 Sep 15:00 NZDT): HR, NIBP panel, SpO2
M['24-oru-r01-sione-vitals-hdu'] = dgw(
    '20320929150512+1300', 'DGW53024', SIONE_WT, pv1('I', HDU('H03'), SI_VISIT, INTENSIVIST, SI_ADMIT),
    'THHDGW-20320929-0102', '20320929150000', '20320929150000', [
        obx(1, 'NM', HR, '82', BPM, '50-120', 'N', t='20320929150000', sub='1', method=AMEAS, device=MONITOR_H03),
        obx(2, 'NM', NIBP_S, '128', MMHG, '90-140', 'N', t='20320929150000', sub='1', method=NIBP_METHOD,
            device=MONITOR_H03),
        obx(3, 'NM', NIBP_D, '74', MMHG, '60-90', 'N', t='20320929150000', sub='1', method=NIBP_METHOD,
            device=MONITOR_H03),
        obx(4, 'NM', NIBP_M, '92', MMHG, '65-105', 'N', t='20320929150000', sub='1', method=NIBP_METHOD,
            device=MONITOR_H03),
        obx(5, 'NM', SPO2, '96', PCT, '92-100', 'N', t='20320929150000', sub='1', method=AMEAS, device=MONITOR_H03)])

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
