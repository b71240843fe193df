#!/usr/bin/env python3
r"""Review 25's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in
the habits of
- Oracle Health (Cerner Millennium) ED and inpatient ADT 2.5.1 (Saltmarsh Bay Regional Hospital, SBRH,
  Corpus Christi, -0600, bare namespaces SBRH_MRN / SBRH_FIN): A04 ED registration, A06 ED -> inpatient on the
  same FIN, A08 with `""` deletes, A03 with PV1-36/37 disposition, A13 cancel discharge; A07 inpatient ->
  observation outpatient; A35 change account number; A44 move account to another patient;
- Sunquest microbiology 2.3.1 (SBRH laboratory): blood culture preliminary (Gram stain), final with the
  organism (OBX-4 1) and a susceptibility child OBR (OBR-26/29), then the organism corrected (OBR-25 C, OBX-11 C);
- Epic Beaker 2.5.1 (Ironvale Medical Center, IVMC, Denver -0700): OML^O21 NW of two orders with AOE OBX and an
  SPM group each, OML SC (specimen received, ORC-5 IP), OML CA of one order (ORC-16), ORU of the other;
- Soarian pharmacy 2.5 (Pembrook Falls Hospital, PFH, -0500): RDE vancomycin IV piggyback (RXE-23/24 rate,
  RXC base + additive, TQ1 Q12H with TQ1-13 duration), RGV^O15 give (RXG), RDE XO of the dose and rate;
- a county mass-vaccination clinic -> IIS (Calder County Public Health, CCPH, Pacific -0800, VXU 2.5.1): two
  vaccines in one message (COVID-19 + influenza, VIS and VFC OBX groups); a partial dose (RXA-20 PA) beside a
  refusal (RXA-20 RE, RXA-18);
- Meditech Expanse MDM 2.4 (Thistledown Community Hospital, TCH, -0600): T02 original with content, T08 edit;
- a hospital scheduling system SIU 2.5.1 (Ravensmoor General Hospital, RGH, -0500): S12 booking, S15 cancel.
Patients and numbers (2501...) none of reviews 16-24's. Fields placed by number. All persons, numbers and
addresses are invented. Writes docs/review25/messages/NN-name.hl7 (CR separators). Run from the worktree root:
python3 docs/review25/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review25/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v, extra=None):
    f = {3: app, 4: fac, 5: 'HIG', 6: 'HIG', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v}
    f.update(extra or {})
    return seg('MSH', f)


M = {}

# ======== Oracle Health (Cerner) ADT, SBRH, -0600 ========
# Cerner XCN habit: personnel alias ^ name ^^^^ degree ^^ alias pool ^ name type ^^^ id type
def cdr(i, fam, giv, deg='MD'):
    return f'{i}^{fam}^{giv}^^^^{deg}^^SBRH_PRSNL^L^^^PRSNL~{i}0^{fam}^{giv}^^^^{deg}^^NPI^L^^^NPI'


HOLLIS = cdr('2501901', 'HOLLISTER-QUAYE', 'DESMOND')
RUSK = cdr('2501902', 'RUSKOVA', 'ELENA')
TAM = cdr('2501903', 'TAMBURELLO', 'JONAH', 'DO')
ASH = {1: '1', 2: '2501011', 3: '2501011^^^SBRH_MRN^MR~902501011^^^SBRH_CMRN^PI',
       5: 'ASHGROVE-NWANKWO^SEVERINE^ADA^^^^L', 7: '19580611', 8: 'F', 10: '2054-5^Black or African American^CDCREC',
       11: '1402 LAGUNA SHORES RD^^CORPUS CHRISTI^TX^78418^USA^H', 13: '^PRN^PH^^1^361^5550182',
       14: '^WPN^PH^^1^361^5550190', 15: 'ENG^English^HL70296', 16: 'W^Widowed^HL70002', 17: 'BAP^Baptist^HL70006',
       18: '25010110007^^^SBRH_FIN^AN', 22: '2186-5^Not Hispanic or Latino^CDCREC'}
PV1A = {1: '1', 2: 'E', 3: 'SBED^ED14^01^SBRH^^^^^SBRH Emergency', 4: 'E^Emergency^HL70007', 7: TAM, 10: 'EME^Emergency^SBRH',
        14: '7^Emergency room^HL70023', 18: 'ED^Emergency^SBRH', 19: '25010110007^^^SBRH_FIN^VN', 44: '20261201184200-0600'}
M['01-adt-a04-cerner-ed'] = [
    msh('CERNER', 'SBRH', '20261201184755-0600', 'SB250101', 'ADT^A04^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A04', 2: '20261201184755', 5: 'RGREGISTRAR^PAYNE-OTIENO^LUCIA^^^^^^SBRH_PRSNL', 6: '20261201184200-0600'}),
    seg('PID', ASH),
    seg('NK1', {1: '1', 2: 'ASHGROVE-NWANKWO^DELPHINE^^^^^L', 3: 'DAU^Daughter^HL70063', 5: '^PRN^CP^^1^361^5550184',
                7: 'EP^Emergency contact person^HL70131'}),
    seg('PV1', PV1A),
    seg('PV2', {3: '^Fever and rigors, indwelling port'}),
    seg('AL1', {1: '1', 2: 'DA^Drug allergy^HL70127', 3: '7980^Penicillin G^RXNORM', 4: 'SV^Severe^HL70128', 5: 'Anaphylaxis'}),
    seg('IN1', {1: '1', 2: 'MCRA^Medicare Part A^SBRH', 3: 'CMS01^^^SBRH_INS^NII', 4: 'MEDICARE', 12: '20230601',
                15: 'MC^Medicare^HL70072', 16: 'ASHGROVE-NWANKWO^SEVERINE^ADA', 17: 'SEL^Self^HL70063', 36: '7QK4WN2TX58'}),
]
# A06: the ED visit becomes an inpatient stay on the same FIN (Cerner "encounter type change").
PV1I = {**PV1A, 2: 'I', 3: '4E^412^B^SBRH^^^^^4 East Medical', 4: 'E^Emergency^HL70007', 7: RUSK, 10: 'MED^Medicine^SBRH',
        17: RUSK, 18: 'IP^Inpatient^SBRH', 44: '20261201231500-0600'}
M['02-adt-a06-ed-to-inpatient'] = [
    msh('CERNER', 'SBRH', '20261201231812-0600', 'SB250102', 'ADT^A06^ADT_A06', '2.5.1'),
    seg('EVN', {1: 'A06', 2: '20261201231812', 6: '20261201231500-0600'}),
    seg('PID', ASH),
    seg('PV1', PV1I),
    seg('PV2', {3: '^Sepsis, suspected port infection', 8: '20261201231500-0600'}),
    seg('DG1', {1: '1', 3: 'A41.9^Sepsis, unspecified organism^I10', 6: 'A^Admitting^HL70052'}),
]
# A08: the work phone, religion and the admitting physician are sent as "" (cleared); language re-sent.
M['03-adt-a08-update-deletes'] = [
    msh('CERNER', 'SBRH', '20261202101503-0600', 'SB250103', 'ADT^A08^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A08', 2: '20261202101503', 6: '20261202101000-0600'}),
    seg('PID', {**ASH, 14: '""', 17: '""'}),
    seg('PV1', {**PV1I, 17: '""'}),
    seg('DG1', {1: '1', 3: 'T80.211A^Bloodstream infection due to central venous catheter, initial encounter^I10',
                6: 'W^Working^HL70052'}),
]
M['04-adt-a03-discharge-disposition'] = [
    msh('CERNER', 'SBRH', '20261205141022-0600', 'SB250104', 'ADT^A03^ADT_A03', '2.5.1'),
    seg('EVN', {1: 'A03', 2: '20261205141022', 6: '20261205140000-0600'}),
    seg('PID', {**ASH, 14: '', 17: ''}),
    seg('PV1', {**PV1I, 17: '', 36: '06^Discharged to home under care of home health service^HL70112',
                37: 'GCHH', 45: '20261205140000-0600'}),
    seg('DG1', {1: '1', 3: 'T80.211A^Bloodstream infection due to central venous catheter, initial encounter^I10',
                6: 'F^Final^HL70052', 15: '1'}),
    seg('DG1', {1: '2', 3: 'B95.61^MSSA as the cause of diseases classified elsewhere^I10', 6: 'F^Final^HL70052', 15: '2'}),
]
# A13: the discharge is cancelled (the home health referral fell through); the patient stays in 4E 412-B.
M['05-adt-a13-cancel-discharge'] = [
    msh('CERNER', 'SBRH', '20261205163544-0600', 'SB250105', 'ADT^A13^ADT_A01', '2.5.1'),
    seg('EVN', {1: 'A13', 2: '20261205163544', 4: 'DCERR^Discharge entered in error^SBRH', 6: '20261205163000-0600'}),
    seg('PID', {**ASH, 14: '', 17: ''}),
    seg('PV1', {**PV1I, 17: ''}),
]

# A07: an inpatient admission changed back to outpatient observation (utilization review).
VES = {1: '1', 3: '2501062^^^SBRH_MRN^MR', 5: 'VESTERGAARD^ISIDORE^FELIX^^^^L', 7: '19491102', 8: 'M',
       11: '55 BAYSIDE CT^^PORTLAND^TX^78374^USA^H', 13: '^PRN^PH^^1^361^5550261', 18: '25010620003^^^SBRH_FIN^AN'}
M['06-adt-a07-inpatient-to-observation'] = [
    msh('CERNER', 'SBRH', '20261203090415-0600', 'SB250106', 'ADT^A07^ADT_A06', '2.5.1'),
    seg('EVN', {1: 'A07', 2: '20261203090415', 6: '20261203090000-0600'}),
    seg('PID', VES),
    seg('PV1', {1: '1', 2: 'O', 3: '3W^318^A^SBRH^^^^^3 West Obs', 4: 'U^Urgent^HL70007', 7: HOLLIS, 10: 'CAR^Cardiology^SBRH',
                18: 'OBS^Observation^SBRH', 19: '25010620003^^^SBRH_FIN^VN', 44: '20261202211000-0600'}),
    seg('PV2', {3: '^Chest pain, rule out ACS'}),
]
# A35: the FIN is corrected (registration picked the wrong account); MRG-3 the prior account number.
BRA = {1: '1', 3: '2501073^^^SBRH_MRN^MR', 5: 'BRANNIGAN-ESTEVEZ^MARGUERITE^^^^^L', 7: '19900318', 8: 'F',
       18: '25010730011^^^SBRH_FIN^AN'}
M['07-adt-a35-change-account'] = [
    msh('CERNER', 'SBRH', '20261203113021-0600', 'SB250107', 'ADT^A35^ADT_A30', '2.5.1'),
    seg('EVN', {1: 'A35', 2: '20261203113021'}),
    seg('PID', BRA),
    seg('MRG', {1: '2501073^^^SBRH_MRN^MR', 3: '25010730009^^^SBRH_FIN^AN'}),
]
# A44: account 25010840005 moves from HOLMQUIST, ODA (MRN 2501099, a duplicate) to HOLMQUIST-BANDA, ODALYS.
M['08-adt-a44-move-account'] = [
    msh('CERNER', 'SBRH', '20261204081205-0600', 'SB250108', 'ADT^A44^ADT_A43', '2.5.1'),
    seg('EVN', {1: 'A44', 2: '20261204081205'}),
    seg('PID', {1: '1', 3: '2501084^^^SBRH_MRN^MR', 5: 'HOLMQUIST-BANDA^ODALYS^^^^^L', 7: '19770909', 8: 'F',
                18: '25010840005^^^SBRH_FIN^AN'}),
    seg('MRG', {1: '2501099^^^SBRH_MRN^MR', 3: '25010840005^^^SBRH_FIN^AN', 7: 'HOLMQUIST^ODA'}),
]

# ======== Sunquest microbiology (SBRH lab) 2.3.1 ========
# Sunquest habit: local codes (L), PID-3 the MRN alone, ORC-2/3 = OBR-2/3, OBX-4 isolate number, child OBR for the
# sensitivities with OBR-26 (parent OBX-3 & sub-id & organism) and OBR-29 (parent placer & filler).
ASHL = {1: '1', 3: '2501011^^^SBRH_MRN^MR', 5: 'ASHGROVE-NWANKWO^SEVERINE^ADA', 7: '19580611', 8: 'F',
        18: '25010110007^^^SBRH_FIN^AN'}
PV1L = seg('PV1', {1: '1', 2: 'I', 3: '4E^412^B^SBRH', 7: RUSK, 19: '25010110007^^^SBRH_FIN^VN'})
BC_OBR = {1: '1', 2: 'SB25-4401^CERNER', 3: 'M25-0336^SUNQ', 4: 'BC^Blood Culture^L', 7: '20261201233000-0600',
          15: 'BLD&Blood&HL70070^^^PORT&Port, right chest&L', 16: RUSK.split('~')[0], 24: 'MB'}
M['09-oru-micro-preliminary'] = [
    msh('SUNQUEST', 'SBRH_LAB', '20261202153010-0600', 'SQ250109', 'ORU^R01', '2.3.1'),
    seg('PID', ASHL), PV1L,
    seg('ORC', {1: 'RE', 2: 'SB25-4401^CERNER', 3: 'M25-0336^SUNQ'}),
    seg('OBR', {**BC_OBR, 22: '20261202152900-0600', 25: 'P'}),
    seg('OBX', {1: '1', 2: 'TX', 3: 'GS^Gram Stain^L', 4: '1', 5: 'Gram positive cocci in clusters', 11: 'P',
                14: '20261202150000-0600'}),
    seg('OBX', {1: '2', 2: 'TX', 3: 'CULT^Culture^L', 4: '1', 5: 'Growth in aerobic bottle at 14 hours. Identification to follow.',
                11: 'P'}),
    seg('NTE', {1: '1', 3: 'Critical value called to and read back by RN T. Ilunga 12/02/2026 15:25'}),
]
M['10-oru-micro-final-susceptibility'] = [
    msh('SUNQUEST', 'SBRH_LAB', '20261204101233-0600', 'SQ250110', 'ORU^R01', '2.3.1'),
    seg('PID', ASHL), PV1L,
    seg('ORC', {1: 'RE', 2: 'SB25-4401^CERNER', 3: 'M25-0336^SUNQ'}),
    seg('OBR', {**BC_OBR, 22: '20261204101200-0600', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'TX', 3: 'GS^Gram Stain^L', 4: '1', 5: 'Gram positive cocci in clusters', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'CE', 3: 'ORGID^Organism Identified^L', 4: '1', 5: 'SAUR^Staphylococcus aureus^L', 11: 'F'}),
    seg('ORC', {1: 'RE', 2: 'SB25-4401^CERNER', 3: 'M25-0336S^SUNQ'}),
    seg('OBR', {1: '2', 2: 'SB25-4401^CERNER', 3: 'M25-0336S^SUNQ', 4: 'SUSC^Susceptibility^L', 7: '20261201233000-0600',
                22: '20261204101200-0600', 24: 'MB', 25: 'F', 26: 'ORGID&Organism Identified&L^1^Staphylococcus aureus',
                29: 'SB25-4401&CERNER^M25-0336&SUNQ'}),
    seg('OBX', {1: '1', 2: 'SN', 3: 'OXA^Oxacillin MIC^L', 4: '1', 5: '<=^0.25', 6: 'ug/mL', 8: 'S', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'SN', 3: 'VAN^Vancomycin MIC^L', 4: '1', 5: '^1', 6: 'ug/mL', 8: 'S', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'SN', 3: 'CLI^Clindamycin MIC^L', 4: '1', 5: '>=^4', 6: 'ug/mL', 8: 'R', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'SN', 3: 'SXT^Trimethoprim/Sulfamethoxazole MIC^L', 4: '1', 5: '<=^10', 6: 'ug/mL', 8: 'S', 11: 'F'}),
]
# The organism is corrected (MALDI-TOF re-run): S. lugdunensis, not S. aureus. Parent only, OBR-25 C.
M['11-oru-micro-corrected-organism'] = [
    msh('SUNQUEST', 'SBRH_LAB', '20261204164402-0600', 'SQ250111', 'ORU^R01', '2.3.1'),
    seg('PID', ASHL), PV1L,
    seg('ORC', {1: 'RE', 2: 'SB25-4401^CERNER', 3: 'M25-0336^SUNQ'}),
    seg('OBR', {**BC_OBR, 22: '20261204164400-0600', 25: 'C'}),
    seg('OBX', {1: '1', 2: 'TX', 3: 'GS^Gram Stain^L', 4: '1', 5: 'Gram positive cocci in clusters', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'CE', 3: 'ORGID^Organism Identified^L', 4: '1', 5: 'SLUG^Staphylococcus lugdunensis^L', 11: 'C'}),
    seg('NTE', {1: '1', 3: 'CORRECTED REPORT: previously reported as Staphylococcus aureus on 12/04/2026 10:12.'}),
]

# ======== Epic Beaker, IVMC, Denver -0700 ========
IV = 'IVMC&2.16.840.1.113883.3.2501.3&ISO'
NPI = 'NPI&2.16.840.1.113883.4.6&ISO'
OKAFOR = f'1250330071^ODUYA-KRANTZ^MIRIAM^^^^MD^^{NPI}^L^^^NPI'
TEM = {1: '1', 3: f'E2501125^^^{IV}^MR', 5: 'TEMPLETON-ACHEBE^WENDELL^AUGUST^^^^L', 7: '19630417', 8: 'M',
       11: '8810 W COLFAX AVE^UNIT 3^LAKEWOOD^CO^80215^USA^H', 13: '^PRN^PH^^1^303^5550123', 18: f'2501125001^^^{IV}^AN'}
PV1T = seg('PV1', {1: '1', 2: 'O', 3: 'IVIM^^^IVMC^^^^^Ironvale Internal Medicine', 7: OKAFOR, 19: f'2501125001^^^{IV}^VN'})
M['12-oml-o21-beaker-two-orders-aoe'] = [
    msh('EPIC', 'IVMC', '20261202081544-0700', 'IV250112', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', TEM), PV1T,
    seg('ORC', {1: 'NW', 2: 'IV25-8801^EPC', 4: 'IV25-8800^EPC', 5: 'SC', 9: '20261202081500-0700', 12: OKAFOR,
                21: 'IRONVALE INTERNAL MEDICINE^^^^^IVMC&2.16.840.1.113883.3.2501.3&ISO^XX^^^2501'}),
    seg('TQ1', {1: '1', 7: '20261202083000-0700', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '1', 2: 'IV25-8801^EPC', 4: '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
                7: '20261202083000-0700', 16: OKAFOR}),
    seg('DG1', {1: '1', 3: 'E11.65^Type 2 diabetes mellitus with hyperglycemia^I10', 6: 'W^Working^HL70052'}),
    seg('OBX', {1: '1', 2: 'CWE', 3: '49541-6^Fasting status - Reported^LN', 5: 'Y^Yes^HL70136', 11: 'O'}),
    seg('SPM', {1: '1', 2: 'IV25S-8801', 4: '119364003^Serum specimen^SCT', 7: '28520004^Venipuncture^SCT',
                17: '20261202083000-0700'}),
    seg('ORC', {1: 'NW', 2: 'IV25-8802^EPC', 4: 'IV25-8800^EPC', 5: 'SC', 9: '20261202081500-0700', 12: OKAFOR,
                21: 'IRONVALE INTERNAL MEDICINE^^^^^IVMC&2.16.840.1.113883.3.2501.3&ISO^XX^^^2501'}),
    seg('TQ1', {1: '1', 7: '20261202090000-0700', 8: '20261203090000-0700', 9: 'R^Routine^HL70485'}),
    seg('OBR', {1: '2', 2: 'IV25-8802^EPC', 4: '2889-4^Protein [Mass/time] in 24 hour Urine^LN', 16: OKAFOR}),
    seg('OBX', {1: '1', 2: 'NM', 3: '13362-9^Collection duration of Urine^LN', 5: '24', 6: 'h^hour^UCUM', 11: 'O'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '3167-4^Volume of 24 hour Urine^LN', 5: '2150', 6: 'mL^milliliter^UCUM', 11: 'O'}),
    seg('SPM', {1: '1', 2: 'IV25S-8802', 4: '276833005^24 hour urine sample^SCT', 12: '2150^mL&milliliter&UCUM',
                17: '20261202090000-0700^20261203090000-0700'}),
]
# SC: the lab received the CMP tube; ORC-5 IP, SPM-18 received.
M['13-oml-o21-sc-received'] = [
    msh('EPIC', 'IVMC', '20261202091206-0700', 'IV250113', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', TEM), PV1T,
    seg('ORC', {1: 'SC', 2: 'IV25-8801^EPC', 3: 'B25-120044^BEAKER', 4: 'IV25-8800^EPC', 5: 'IP', 9: '20261202091200-0700',
                12: OKAFOR}),
    seg('OBR', {1: '1', 2: 'IV25-8801^EPC', 3: 'B25-120044^BEAKER', 4: '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
                7: '20261202083000-0700', 16: OKAFOR}),
    seg('SPM', {1: '1', 2: 'IV25S-8801', 4: '119364003^Serum specimen^SCT', 17: '20261202083000-0700', 18: '20261202091000-0700'}),
]
# CA: the 24-hour urine is cancelled, ORC-16 reason; OBR re-sent (Beaker habit).
M['14-oml-o21-ca-one-order'] = [
    msh('EPIC', 'IVMC', '20261202104830-0700', 'IV250114', 'OML^O21^OML_O21', '2.5.1'),
    seg('PID', TEM), PV1T,
    seg('ORC', {1: 'CA', 2: 'IV25-8802^EPC', 4: 'IV25-8800^EPC', 5: 'CA', 9: '20261202104800-0700', 12: OKAFOR,
                16: 'PTREF^Patient declined collection^EPICLAB'}),
    seg('OBR', {1: '1', 2: 'IV25-8802^EPC', 4: '2889-4^Protein [Mass/time] in 24 hour Urine^LN', 16: OKAFOR}),
]
M['15-oru-beaker-cmp'] = [
    msh('EPIC', 'IVMC', '20261202112210-0700', 'IV250115', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', TEM), PV1T,
    seg('ORC', {1: 'RE', 2: 'IV25-8801^EPC', 3: 'B25-120044^BEAKER', 12: OKAFOR}),
    seg('OBR', {1: '1', 2: 'IV25-8801^EPC', 3: 'B25-120044^BEAKER', 4: '24323-8^Comprehensive metabolic 2000 panel - Serum or Plasma^LN',
                7: '20261202083000-0700', 16: OKAFOR, 22: '20261202112000-0700', 25: 'F'}),
    seg('OBX', {1: '1', 2: 'NM', 3: '2345-7^Glucose [Mass/volume] in Serum or Plasma^LN', 5: '212', 6: 'mg/dL^^UCUM', 7: '70-99',
                8: 'H', 11: 'F', 14: '20261202083000-0700', 19: '20261202111500-0700'}),
    seg('OBX', {1: '2', 2: 'NM', 3: '2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN', 5: '1.42', 6: 'mg/dL^^UCUM',
                7: '0.70-1.30', 8: 'H', 11: 'F', 14: '20261202083000-0700', 19: '20261202111500-0700'}),
    seg('OBX', {1: '3', 2: 'NM', 3: '2823-3^Potassium [Moles/volume] in Serum or Plasma^LN', 5: '4.1', 6: 'mmol/L^^UCUM',
                7: '3.5-5.1', 8: 'N', 11: 'F', 14: '20261202083000-0700', 19: '20261202111500-0700'}),
    seg('OBX', {1: '4', 2: 'NM', 3: '33914-3^Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)^LN',
                5: '51', 6: 'mL/min/{1.73_m2}^^UCUM', 7: '>60', 8: 'L', 11: 'F', 14: '20261202083000-0700'}),
    seg('SPM', {1: '1', 2: 'IV25S-8801', 4: '119364003^Serum specimen^SCT', 17: '20261202083000-0700', 18: '20261202091000-0700'}),
]

# ======== Soarian pharmacy, PFH, -0500 ========
PF = 'PFH&2.16.840.1.113883.3.2501.4&ISO'
KAV = f'1250440082^KAVANAGH-OSEI^ROLAND^^^^MD^^{NPI}^L^^^NPI'
GAL = {1: '1', 3: f'P2501163^^^{PF}^MR', 5: 'GALLAGHER-NWOSU^THEODORA^JUNE^^^^L', 7: '19710822', 8: 'F',
       11: '19 MILLPOND WAY^^PEMBROOK FALLS^PA^17301^USA^H', 18: f'2501163009^^^{PF}^AN'}
PV1G = seg('PV1', {1: '1', 2: 'I', 3: '6S^614^A^PFH', 7: KAV, 19: f'2501163009^^^{PF}^VN', 44: '20261201160000-0500'})
M['16-rde-o11-vanco-ivpb'] = [
    msh('SOARIAN', 'PFH', '20261202060522-0500', 'PF250116', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', GAL), PV1G,
    seg('ORC', {1: 'NW', 2: 'PF25-3301^SOARIAN', 5: 'IP', 9: '20261202060500-0500', 12: KAV}),
    seg('RXE', {1: '^Q12H^^20261202080000-0500', 2: 'VANC1250IVPB^Vancomycin 1,250 mg in sodium chloride 0.9% 250 mL IVPB^PFHRX',
                3: '1250', 5: 'mg^milligram^UCUM', 6: 'IVPB^IV piggyback^PFHRX', 10: '1', 11: 'EA^each^PFHRX',
                21: 'Infuse over 2 hours. Trough before 4th dose.', 23: '125', 24: 'mL/h^milliliter per hour^UCUM'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20261202080000-0500', 13: '120^min&minute&UCUM'}),
    seg('RXR', {1: 'IVPB^IV Piggyback^HL70162', 2: 'IJ^Internal Jugular^HL70163'}),
    seg('RXC', {1: 'B', 2: '338-0049^Sodium chloride 0.9%^NDC', 3: '250', 4: 'mL^milliliter^UCUM'}),
    seg('RXC', {1: 'A', 2: '0409-6510^Vancomycin HCl 10 g vial^NDC', 3: '1250', 4: 'mg^milligram^UCUM'}),
]
M['17-rgv-o15-vanco-give'] = [
    msh('SOARIAN', 'PFH', '20261202074010-0500', 'PF250117', 'RGV^O15^RGV_O15', '2.5'),
    seg('PID', GAL), PV1G,
    seg('ORC', {1: 'OK', 2: 'PF25-3301^SOARIAN', 5: 'IP', 12: KAV}),
    seg('RXG', {1: '1', 3: '^^^20261202080000-0500', 4: 'VANC1250IVPB^Vancomycin 1,250 mg in sodium chloride 0.9% 250 mL IVPB^PFHRX',
                5: '1250', 7: 'mg^milligram^UCUM', 15: '125', 16: 'mL/h^milliliter per hour^UCUM'}),
    seg('RXR', {1: 'IVPB^IV Piggyback^HL70162'}),
]
# XO: trough high-normal, the pharmacist lowers to 1,000 mg in 200 mL at 100 mL/h, still Q12H.
M['18-rde-o11-vanco-xo'] = [
    msh('SOARIAN', 'PFH', '20261203140512-0500', 'PF250118', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', GAL), PV1G,
    seg('ORC', {1: 'XO', 2: 'PF25-3301^SOARIAN', 5: 'IP', 9: '20261203140500-0500', 12: KAV,
                16: 'TRGH^Dose adjusted per trough level^PFHRX'}),
    seg('RXE', {1: '^Q12H^^20261203200000-0500', 2: 'VANC1000IVPB^Vancomycin 1,000 mg in sodium chloride 0.9% 200 mL IVPB^PFHRX',
                3: '1000', 5: 'mg^milligram^UCUM', 6: 'IVPB^IV piggyback^PFHRX', 10: '1', 11: 'EA^each^PFHRX',
                21: 'Infuse over 2 hours.', 23: '100', 24: 'mL/h^milliliter per hour^UCUM'}),
    seg('TQ1', {1: '1', 3: 'Q12H^Every 12 hours^HL70335', 7: '20261203200000-0500', 13: '120^min&minute&UCUM'}),
    seg('RXR', {1: 'IVPB^IV Piggyback^HL70162'}),
    seg('RXC', {1: 'B', 2: '338-0049^Sodium chloride 0.9%^NDC', 3: '200', 4: 'mL^milliliter^UCUM'}),
    seg('RXC', {1: 'A', 2: '0409-6510^Vancomycin HCl 10 g vial^NDC', 3: '1000', 4: 'mg^milligram^UCUM'}),
]

# ======== mass-vaccination clinic -> IIS, Calder County Public Health, -0800 ========
CC = 'CCPH&2.16.840.1.113883.3.2501.5&ISO'
NURSE = f'VX2501^MARLOWE-ADEYEMI^JOLENE^^^^RN^^{CC}^L^^^PRN'
ORDER = f'1250550093^SANTORO-KIM^BEATRIX^^^^MD^^{NPI}^L^^^NPI'
SITE = '^^^CCPH-FAIRGRNDS^^^^^Calder County Fairgrounds Mass Clinic'
def vxu_msh(t, ctl):
    return msh('CCPH-MVC', 'CCPH', t, ctl, 'VXU^V04^VXU_V04', '2.5.1',
               {5: 'WAIIS', 6: 'WADOH', 15: 'NE', 16: 'AL', 21: 'Z22^CDCPHINVS'})
M['19-vxu-two-vaccines'] = [
    vxu_msh('20261203101544-0800', 'CC250119'),
    seg('PID', {1: '1', 3: f'CC2501191^^^{CC}^MR', 5: 'DUBROVNIK-ELLIS^HARRIET^ROSE^^^^L', 7: '19540126', 8: 'F',
                11: '2207 ORCHARD GROVE RD^^CENTRALIA^WA^98531^USA^H', 13: '^PRN^PH^^1^360^5550155'}),
    seg('PD1', {11: '02^Reminder/recall - any method^HL70215', 12: 'N', 16: 'A^Active^HL70441', 17: '20261203'}),
    seg('ORC', {1: 'RE', 3: f'CC25-V0191^{CC}', 12: ORDER}),
    seg('RXA', {1: '0', 2: '1', 3: '20261203100500-0800', 5: '309^COVID-19, mRNA, LNP-S, bivalent, PF, 0.3 mL dose^CVX',
                6: '0.3', 7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: NURSE, 11: SITE,
                15: 'PF25MV0331', 16: '20270630', 17: 'PFR^Pfizer, Inc^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LD^Left Deltoid^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V01^Not VFC eligible^HL70064', 11: 'F', 14: '20261203100500-0800', 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30956-7^Vaccine type^LN', 4: '2', 5: '213^SARS-COV-2 (COVID-19) vaccine, UNSPECIFIED FORMULATION^CVX', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29768-9^Date vaccine information statement published^LN', 4: '2', 5: '20230911', 11: 'F'}),
    seg('OBX', {1: '4', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261203', 11: 'F'}),
    seg('ORC', {1: 'RE', 3: f'CC25-V0192^{CC}', 12: ORDER}),
    seg('RXA', {1: '0', 2: '1', 3: '20261203100800-0800', 5: '197^Influenza, high-dose, quadrivalent, PF^CVX',
                6: '0.7', 7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: NURSE, 11: SITE,
                15: 'FZ25HD118', 16: '20270531', 17: 'PMC^Sanofi Pasteur^MVX', 20: 'CP', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'RD^Right Deltoid^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V01^Not VFC eligible^HL70064', 11: 'F', 14: '20261203100800-0800', 17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '69764-9^Document type^LN', 4: '2',
                5: '253088698300003511211012^Influenza Vaccine VIS^cdcgs1vis', 11: 'F'}),
    seg('OBX', {1: '3', 2: 'TS', 3: '29769-7^Date vaccine information statement presented^LN', 4: '2', 5: '20261203', 11: 'F'}),
]
# A child: the flu dose was partially given (the child pulled away; 0.25 of 0.5 mL); COVID refused by the parent.
M['20-vxu-partial-and-refusal'] = [
    vxu_msh('20261203113022-0800', 'CC250120'),
    seg('PID', {1: '1', 3: f'CC2501202^^^{CC}^MR', 5: 'ARRIAGA-STROM^MATEO^ELIAS^^^^L', 7: '20180814', 8: 'M',
                11: '48 FERNHILL LOOP^^CHEHALIS^WA^98532^USA^H', 13: '^PRN^PH^^1^360^5550166'}),
    seg('NK1', {1: '1', 2: 'STROM^INGRID^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^PH^^1^360^5550166'}),
    seg('ORC', {1: 'RE', 3: f'CC25-V0201^{CC}', 12: ORDER}),
    seg('RXA', {1: '0', 2: '1', 3: '20261203112000-0800', 5: '150^Influenza, injectable, quadrivalent, preservative free^CVX',
                6: '0.25', 7: 'mL^milliliter^UCUM', 9: '00^New immunization record^NIP001', 10: NURSE, 11: SITE,
                15: 'FL25Q4421', 16: '20270630', 17: 'SKB^GlaxoSmithKline^MVX', 20: 'PA', 21: 'A'}),
    seg('RXR', {1: 'C28161^Intramuscular^NCIT', 2: 'LT^Left Thigh^HL70163'}),
    seg('OBX', {1: '1', 2: 'CE', 3: '64994-7^Vaccine funding program eligibility category^LN', 4: '1',
                5: 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064', 11: 'F', 14: '20261203112000-0800',
                17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
    seg('OBX', {1: '2', 2: 'CE', 3: '30963-3^Vaccine funding source^LN', 4: '1', 5: 'VXC50^Public^CDCPHINVS', 11: 'F'}),
    seg('NTE', {1: '1', 3: 'Patient pulled away; approx. half of the dose given. Parent informed, revaccination advised.'}),
    seg('ORC', {1: 'RE', 3: '9999^CDC', 12: ORDER}),
    seg('RXA', {1: '0', 2: '1', 3: '20261203112200-0800', 5: '213^SARS-COV-2 (COVID-19) vaccine, UNSPECIFIED FORMULATION^CVX',
                6: '999', 10: NURSE, 11: SITE, 18: '00^Parental decision^NIP002', 20: 'RE'}),
]

# ======== Meditech Expanse MDM 2.4, Thistledown Community Hospital, -0600 ========
TCH = 'TCH&2.16.840.1.113883.3.2501.6&ISO'
WREN = f'WRENDR^WRENFIELD-OGUNDIPE^CASPAR^^^^MD^^{TCH}^L^^^PRN'
PEN = {1: '1', 3: f'TC2501214^^^{TCH}^MR', 5: 'PENHALIGON-ADEBAYO^BARTHOLOMEW^^^^^L', 7: '19450503', 8: 'M',
       18: f'TC25012140004^^^{TCH}^AN'}
PV1P = seg('PV1', {1: '1', 2: 'I', 3: 'MED2^221^1^TCH', 7: WREN, 19: f'TC25012140004^^^{TCH}^VN', 44: '20261129153000-0600',
                   45: '20261204110000-0600'})
DS = ['DISCHARGE SUMMARY', 'Admitted 11/29 with community-acquired pneumonia, right lower lobe.',
      'Treated with ceftriaxone and azithromycin; afebrile since 12/01.',
      'Discharge medications: amoxicillin-clavulanate 875 mg PO BID x 3 days.', 'Follow up with PCP in 1 week.']
M['21-mdm-t02-discharge-summary'] = [
    msh('MEDITECH', 'TCH', '20261204153012-0600', 'TC250121', 'MDM^T02^MDM_T02', '2.4'),
    seg('EVN', {1: 'T02', 2: '20261204153012'}),
    seg('PID', PEN), PV1P,
    seg('TXA', {1: '1', 2: 'DS^Discharge Summary^HL70270', 3: 'TX', 4: '20261204150000-0600', 5: WREN, 6: '20261204110000-0600',
                7: '20261204151500-0600', 9: WREN, 12: 'TC25DOC-44120^MEDITECH', 17: 'AU', 19: 'AV',
                22: f'{WREN}^^20261204152900-0600'}),
] + [seg('OBX', {1: str(i + 1), 2: 'TX', 3: 'DS^Discharge Summary^L', 5: t, 11: 'F'}) for i, t in enumerate(DS)]
# T08 edit: the discharge medication line corrected (5 days, not 3) and an addendum line; Meditech sends the whole
# document again under a new unique number with the original as TXA-13 parent.
DS2 = DS[:3] + ['Discharge medications: amoxicillin-clavulanate 875 mg PO BID x 5 days (corrected).',
                DS[4], 'Addendum 12/05: blood cultures final, no growth at 5 days.']
M['22-mdm-t08-edit'] = [
    msh('MEDITECH', 'TCH', '20261205093544-0600', 'TC250122', 'MDM^T08^MDM_T02', '2.4'),
    seg('EVN', {1: 'T08', 2: '20261205093544'}),
    seg('PID', PEN), PV1P,
    seg('TXA', {1: '1', 2: 'DS^Discharge Summary^HL70270', 3: 'TX', 4: '20261205093000-0600', 5: WREN, 6: '20261204110000-0600',
                7: '20261205093500-0600', 8: '20261205093500-0600', 9: WREN, 12: 'TC25DOC-44120.2^MEDITECH',
                13: 'TC25DOC-44120^MEDITECH', 17: 'AU', 19: 'AV', 22: f'{WREN}^^20261205093400-0600'}),
] + [seg('OBX', {1: str(i + 1), 2: 'TX', 3: 'DS^Discharge Summary^L', 5: t, 11: 'C'}) for i, t in enumerate(DS2)]

# ======== hospital SIU, Ravensmoor General Hospital, -0500 ========
RG = 'RGH&2.16.840.1.113883.3.2501.7&ISO'
ZBO = {1: '1', 3: f'RG2501237^^^{RG}^MR', 5: 'ZBOROWSKI-TEMBO^ANNIKA^LEE^^^^L', 7: '19880129', 8: 'F',
       11: '301 FOUNDRY ST^^RAVENSMOOR^OH^44460^USA^H', 13: '^PRN^CP^^1^330^5550177'}
MRI_SCH = {1: 'RG25-AP7731^RGHSCHED', 2: 'RG25-AP7731^RGHSCHED', 6: 'NEW^New appointment^RGH',
           7: '73721^MRI knee without contrast^CPT', 8: 'MRI45^MRI 45 minute slot^RGH', 9: '45', 10: 'min^minutes^UCUM',
           11: '^^45^20270112143000-0500^20270112151500-0500', 16: f'SCHED01^FERREIRA-LUND^NINA^^^^^^{RG}',
           20: f'SCHED01^FERREIRA-LUND^NINA^^^^^^{RG}', 25: 'Booked^Booked^HL70278'}
def siu(t, ctl, evt, sch):
    return [
        msh('RGHSCHED', 'RGH', t, ctl, f'SIU^{evt}^SIU_S12', '2.5.1'),
        seg('SCH', sch),
        seg('PID', ZBO),
        seg('PV1', {1: '1', 2: 'O', 3: 'RGMRI^^^RGH', 19: f'RG25011237^^^{RG}^VN'}),
        seg('RGS', {1: '1', 2: 'A' if evt == 'S12' else 'D'}),
        seg('AIS', {1: '1', 2: 'A' if evt == 'S12' else 'D', 3: '73721^MRI knee without contrast^CPT', 4: '20270112143000-0500',
                    7: '45', 8: 'min^minutes^UCUM'}),
        seg('AIL', {1: '1', 2: 'A' if evt == 'S12' else 'D', 3: 'RGMRI^MRI2^^RGH^^^^^MRI Suite 2', 6: '20270112143000-0500',
                    9: '45', 10: 'min^minutes^UCUM'}),
        seg('AIP', {1: '1', 2: 'A' if evt == 'S12' else 'D', 3: f'1250660104^NAKASHIMA-BOYLE^CONRAD^^^^MD^^{NPI}^L^^^NPI',
                    4: 'RAD^Radiologist^RGH'}),
    ]
M['23-siu-s12-mri-booking'] = siu('20261204100511-0500', 'RG250123', 'S12', MRI_SCH)
M['24-siu-s15-cancel'] = siu('20261208153002-0500', 'RG250124', 'S15',
                             {**MRI_SCH, 6: 'PTCANC^Patient cancelled^RGH', 25: 'Cancelled^Cancelled^HL70278'})


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('latin1'))
    print(len(M), 'messages')


if __name__ == '__main__':
    main()
