#!/usr/bin/env python3
r"""Review 52's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a US state immunization information system (IIS, "Rimrock State IIS", RSIIS, invented) and its submitters,
all on ONE America/Denver channel across the autumn clock change of 2032 (Sunday 7 November 2032: 02:00 MDT -> 01:00
MST, so the local hour 01:00-01:59 happens twice, first at -06:00, then at -07:00). HL7 v2.5.1, VXU^V04 in the CDC IIS
IG's style (MSH-21 Z22^CDCPHINVS; ORC RE, RXA, RXR, dose OBX in each ORDER's OBSERVATION group), ADT^A31 demographics
updates and one ADT^A40 merge (ADT_A39). Submitters (all invented):
- AHPEDS / PEDCHART, Aspen Hollow Pediatrics (clinic EHR): CVX first, NDC as RXA-5's alternate coding; VFC eligibility
  (64994-7, OBX-17 VXC40), funding source (30963-3), VIS document (69764-9) + presented date (29769-7), one OBX-4 group
  per VIS (a combination vaccine has two); updates (RXA-21 U) and deletes (RXA-21 D) of a dose re-send its ORC-3.
- BBD0412 / BBRXIMM, Bluebird Drug store #0412 (retail pharmacy chain, 24-hour store): NDC first, CVX alternate;
  RXA-27/RXA-28 (v2.6 fields in a 2.5.1 message: the chain's habit), pharmacist RXA-10, standing-order physician ORC-12.
- JVMC / JVEHR, Juniper Valley Medical Center newborn nursery: hep B birth dose and HBIG at night, in the repeated hour.
- PCHDSLV / SLVTRACK, Pinon County Health Department school-located vaccination clinic (Mesa Ridge Elementary): a
  nightly batch; refusal (RXA-20 RE, RXA-18 NIP002), partial dose (PA) and re-dose, contraindication (998 + 30945-0),
  presumed immunity (998 + 59784-9).
- RSDOH / RSIISABS, the registry's own historical-record abstraction (RXA-9 05 / 07, dates only, ORC-3 9999).
Times: MSH-7 always with an offset (-0600 until the change, -0700 after); inside, bare times and dates. Feed order is
arrival order. The repeated-hour messages (#07-#12) are built so that what the message itself says decides some
readings (the dose before the message) and leaves others to the sender's MSH-7 pass.
Patients and numbers (AH52..., RS52..., BB52-..., JV52..., PC52...) none of earlier reviews' (grepped). Fields placed
by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Denver, the channel's zone):
    python3 docs/review52/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review52/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ):
    return seg('MSH', {3: app, 4: fac, 5: 'RSIIS', 6: 'RSDOH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1', 15: 'ER',
                       16: 'AL', 21: 'Z22^CDCPHINVS' if typ.startswith('VXU') else ''})


def vxu_msh(app, fac, t, ctl):
    return msh(app, fac, t, ctl, 'VXU^V04^VXU_V04')


# ---- patients ----
ISADORA = {1: '1', 3: 'AH52001^^^AHPEDS^MR~RS5200101^^^RSIIS^SR', 5: 'VALDEZ-YAZZIE^ISADORA^LUZ^^^^L',
           6: 'VALDEZ^LORENA^^^^^M', 7: '20281002', 8: 'F', 10: '1002-5^American Indian or Alaska Native^CDCREC',
           11: '2417 Sagebrush Loop^^Farmington^NM^87401^USA^L', 13: '^PRN^PH^^1^505^5550162',
           22: '2135-2^Hispanic or Latino^CDCREC', 24: 'N'}
ISADORA_MOVED = ISADORA | {11: '88 Kiva Ct^Apt 3^Durango^CO^81301^USA^L', 13: '^PRN^CP^^1^970^5550118'}
ISA_NK1 = [seg('NK1', {1: '1', 2: 'VALDEZ-YAZZIE^LORENA^^^^^L', 3: 'MTH^Mother^HL70063',
                       4: '2417 Sagebrush Loop^^Farmington^NM^87401^USA^L', 5: '^PRN^PH^^1^505^5550162'}),
           seg('NK1', {1: '2', 2: 'YAZZIE^DAMON^^^^^L', 3: 'FTH^Father^HL70063',
                       4: '2417 Sagebrush Loop^^Farmington^NM^87401^USA^L', 5: '^PRN^CP^^1^505^5550174'})]
ISA_PD1 = seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 13: '20281002',
                      16: 'A^Active^HL70441', 17: '20281002', 18: '20281002'})
ISA_PD1_NEW = seg('PD1', {11: '01^No reminder/recall^HL70215', 12: 'Y', 13: '20321110',
                          16: 'A^Active^HL70441', 17: '20281002', 18: '20321110'})

SANTI_DUP = {1: '1', 3: 'AH52017^^^AHPEDS^MR', 5: 'ZAMORA-PINTO^SANTIAGO^^^^^L', 6: 'PINTO^RAQUEL^^^^^M',
             7: '20300618', 8: 'M', 11: '1506 Larkspur Dr^^Grand Junction^CO^81504^USA^L',
             13: '^PRN^CP^^1^970^5550137'}
SANTI = SANTI_DUP | {3: 'AH52005^^^AHPEDS^MR~RS5200505^^^RSIIS^SR', 7: '20300816'}
SANTI_NK1 = seg('NK1', {1: '1', 2: 'ZAMORA-PINTO^RAQUEL^^^^^L', 3: 'MTH^Mother^HL70063',
                        4: '1506 Larkspur Dr^^Grand Junction^CO^81504^USA^L', 5: '^PRN^CP^^1^970^5550137'})
SANTI_PD1 = seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 16: 'A^Active^HL70441', 17: '20300816'})

ELLIS = {1: '1', 3: 'BB52-0077120^^^BBD^PT', 5: 'THIBODEAUX-NAKAI^ELLIS^JAMES^^^^L', 7: '20170514', 8: 'M',
         11: '930 Ridgeview Rd^^Cortez^CO^81321^USA^L', 13: '^PRN^CP^^1^970^5550191'}
ELLIS_NK1 = seg('NK1', {1: '1', 2: 'THIBODEAUX^ANNETTE^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^CP^^1^970^5550190'})

WREN_BABY = {1: '1', 3: 'JV5200031^^^JVMC^MR', 5: 'KJELLBERG-AMADI^BABYGIRL^^^^^L', 6: 'KJELLBERG^CASSIDY^^^^^M',
             7: '203211070032-0600', 8: 'F', 11: '4410 Pinyon Mesa Rd^^Montrose^CO^81401^USA^L',
             13: '^PRN^CP^^1^970^5550155', 24: 'N'}
WREN = WREN_BABY | {5: 'KJELLBERG-AMADI^WREN^ODALYS^^^^L'}
WREN_NK1 = seg('NK1', {1: '1', 2: 'KJELLBERG-AMADI^CASSIDY^^^^^L', 3: 'MTH^Mother^HL70063',
                       4: '4410 Pinyon Mesa Rd^^Montrose^CO^81401^USA^L', 5: '^PRN^CP^^1^970^5550155'})
ESK_BABY = {1: '1', 3: 'JV5200048^^^JVMC^MR', 5: 'ESKELSEN^BABYBOY^^^^^L', 6: 'LUND^HEIDI^^^^^M',
            7: '203211062358', 8: 'M', 11: '77 Dry Creek Rd^^Delta^CO^81416^USA^L', 13: '^PRN^CP^^1^970^5550126',
            24: 'N'}
ESK_NK1 = seg('NK1', {1: '1', 2: 'ESKELSEN^HEIDI^^^^^L', 3: 'MTH^Mother^HL70063', 5: '^PRN^CP^^1^970^5550126'})
NURSERY_PD1 = seg('PD1', {11: '02^Reminder/Recall - any method^HL70215', 12: 'N', 16: 'A^Active^HL70441',
                          17: '20321107'})

NALEDI = {1: '1', 3: 'PC52004^^^PCHDSLV^MR~RS5200404^^^RSIIS^SR', 5: 'ASHWORTH-MBEKI^NALEDI^GRACE^^^^L',
          6: 'MBEKI^THANDI^^^^^M', 7: '20210223', 8: 'F', 10: '2054-5^Black or African American^CDCREC',
          11: '310 Canyon Wren Way^^Cortez^CO^81321^USA^L', 13: '^PRN^PH^^1^970^5550149'}
NALEDI_GRD = seg('NK1', {1: '1', 2: 'ASHWORTH^JOYCE^M^^^^L', 3: 'GRD^Guardian^HL70063',
                         4: '310 Canyon Wren Way^^Cortez^CO^81321^USA^L', 5: '^PRN^PH^^1^970^5550149'})
NALEDI_GRD2 = seg('NK1', {1: '1', 2: 'MBEKI^THANDI^^^^^L', 3: 'MTH^Mother^HL70063',
                          4: '2250 Elm Ave^^Cortez^CO^81321^USA^L', 5: '^PRN^CP^^1^970^5550188'})
NALEDI_PD1 = seg('PD1', {11: '01^No reminder/recall^HL70215', 12: 'Y', 13: '20321103', 16: 'A^Active^HL70441',
                         17: '20210223', 18: '20321103'})
# the registry's own record of Naledi names the submitter's MR beside its SR
NALEDI_RS = NALEDI | {3: 'RS5200404^^^RSIIS^SR~PC52004^^^PCHDSLV^MR'}

# ---- providers ----
PEDIATRICIAN = '1316078842^ORTEGA-BLACKHORSE^MIRANDA^^^^MD^^NPI^L^^^NPI'
PED_RN = 'AH2231^SILVERTHORNE^KATHLEEN^^^^RN^^AHPEDS^L^^^EI'
PHARMACIST = '1548390217^NGUYEN-OSTROWSKI^TRAM^^^^PHARMD^^NPI^L^^^NPI'
STANDING = '1902183476^HALVORSEN^PETER^^^^MD^^NPI^L^^^NPI'
NEONATAL = '1669471120^OKAFOR-REYES^CHIDINMA^^^^MD^^NPI^L^^^NPI'
NURSERY_RN = 'JV5530^DELACROIX^MAREN^^^^RN^^JVMC^L^^^EI'
HEALTH_OFFICER = '1124069583^WHITEHORSE^DANIEL^^^^MD^^NPI^L^^^NPI'
SCHOOL_RN = 'PC0914^ABERNATHY^GLORIA^^^^RN^^PCHDSLV^L^^^EI'
ABSTRACTOR = 'RS0077^TRUJILLO^BEATRIZ^^^^^^RSIIS^L^^^EI'

AT_CLINIC = '^^^AHPEDS^^^^^Aspen Hollow Pediatrics'
AT_NURSERY = 'NBN^^^JVMC^^^^^Juniper Valley Medical Center Newborn Nursery'
AT_SCHOOL = '^^^PCHDSLV^^^^^Mesa Ridge Elementary School'
AT_STORE = '^^^BBD0412^^^^^Bluebird Drug #0412'
STORE_ADDR = '1801 E Main St^^Cortez^CO^81321^USA^B'

# ---- vaccines (CVX, NDC, MVX) ----
DTAP_IPV = '130^DTaP-IPV^CVX^58160-0812-52^KINRIX^NDC'
MMRV = '94^MMRV^CVX^00006-4171-00^PROQUAD^NDC'
FLU_PED = '150^Influenza, injectable, quadrivalent, preservative free^CVX^49281-0422-50^FLUZONE QUADRIVALENT^NDC'
MMR = '03^MMR^CVX^00006-4681-00^M-M-R II^NDC'
VAR = '21^varicella^CVX^00006-4827-00^VARIVAX^NDC'
HEPA = '83^Hep A, ped/adol, 2 dose^CVX^58160-0825-52^HAVRIX^NDC'
FLU_RX = '58160-0909-52^FLUARIX QUADRIVALENT^NDC^150^Influenza, injectable, quadrivalent, preservative free^CVX'
MENACWY_RX = '49281-0590-05^MENQUADFI^NDC^203^meningococcal polysaccharide (groups A, C, Y, W-135) TT conjugate^CVX'
HEPB_PED = '08^Hep B, adolescent or pediatric^CVX^58160-0820-52^ENGERIX-B^NDC'
HBIG = '30^HBIG^CVX^60492-0024-01^HEPAGAM B^NDC'
TDAP = '115^Tdap^CVX^58160-0842-52^BOOSTRIX^NDC'
MENACWY = '203^meningococcal polysaccharide (groups A, C, Y, W-135) TT conjugate^CVX^49281-0590-05^MENQUADFI^NDC'
HPV = '165^HPV9^CVX^00006-4119-03^GARDASIL 9^NDC'
NONE = '998^No vaccine administered^CVX'

IM = ('C28161^Intramuscular^NCIT')
SC = ('C38299^Subcutaneous^NCIT')

NEW = '00^New immunization record^NIP001'


def rxr(route, site):
    return seg('RXR', {1: route, 2: site})


def orc(filler, orderer='', enterer='', placer='', t=''):
    f = {1: 'RE', 3: filler}
    if placer:
        f[2] = placer
    if t:
        f[9] = t
    if enterer:
        f[10] = enterer
    if orderer:
        f[12] = orderer
    return seg('ORC', f)


def rxa(given, vaccine, amount, source, who='', at='', lot='', exp='', mvx='', status='CP', action='A', units='mL^mL^UCUM',
        refusal='', entered='', extra=None):
    f = {1: '0', 2: '1', 3: given, 4: given, 5: vaccine, 6: amount, 9: source, 10: who, 11: at, 15: lot, 16: exp,
         17: mvx, 18: refusal, 20: status, 21: action, 22: entered}
    if amount != '999':
        f[7] = units
    f.update(extra or {})
    return seg('RXA', {k: v for k, v in f.items() if v != ''} | {1: '0'})


def obx(i, vt, code, value, sub, t, method=''):
    f = {1: str(i), 2: vt, 3: code, 4: sub, 5: value, 11: 'F', 14: t}
    if method:
        f[17] = method
    return seg('OBX', f)


VFC = '64994-7^Vaccine funding program eligibility category^LN'
FUND = '30963-3^Vaccine funding source^LN'
VISDOC = '69764-9^Document type^LN'
VISPRES = '29769-7^Date Vis Presented^LN'
CONTRA = '30945-0^Vaccination contraindication^LN'
IMMUNE = '59784-9^Disease with presumed immunity^LN'
REACTION = '31044-1^Reaction^LN'
AT_DOSE = 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'

V01 = 'V01^Not VFC eligible^HL70064'
V02 = 'V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064'
V03 = 'V03^VFC eligible - Uninsured^HL70064'
V04 = 'V04^VFC eligible - American Indian/Alaskan Native^HL70064'
PUBLIC = 'VXC50^Public^CDCPHINVS'
PRIVATE = 'VXC51^Private^CDCPHINVS'

VIS = {
    'DTAP': '253088698300003511070517^Diphtheria/Tetanus/Pertussis (DTaP) VIS^cdcgs1vis',
    'IPV': '253088698300017211160720^Polio VIS^cdcgs1vis',
    'MMRV': '253088698300012811151026^Measles/Mumps/Rubella/Varicella VIS^cdcgs1vis',
    'MMR': '253088698300012711120420^Measles/Mumps/Rubella VIS^cdcgs1vis',
    'VAR': '253088698300024011080313^Varicella (Chickenpox) VIS^cdcgs1vis',
    'FLU': '253088698300031911150813^Influenza (Inactivated) VIS^cdcgs1vis',
    'HEPB': '253088698300005211120512^Hepatitis B VIS^cdcgs1vis',
    'HEPA': '253088698300004211071025^Hepatitis A VIS^cdcgs1vis',
    'TDAP': '253088698300028011170203^Tetanus/Diphtheria/Pertussis (Tdap) VIS^cdcgs1vis',
    'MEN': '253088698300017011120828^Meningococcal ACWY VIS^cdcgs1vis',
    'HPV': '253088698300009811161209^Human papillomavirus (HPV) VIS^cdcgs1vis',
}


def dose_obx(t, elig, fund, vis_keys, presented):
    rows = [obx(1, 'CE', VFC, elig, '1', t, AT_DOSE), obx(2, 'CE', FUND, fund, '2', t)]
    for k, key in enumerate(vis_keys):
        sub = str(3 + k)
        rows.append(obx(len(rows) + 1, 'CE', VISDOC, VIS[key], sub, t))
        rows.append(obx(len(rows) + 1, 'DT', VISPRES, presented, sub, t))
    return rows


M = {}

# 01 A31 clinic: Isadora's demographics, mother and father, publicity / protection / registry status
M['01-adt-a31-isadora-demographics'] = [
    msh('PEDCHART', 'AHPEDS', '20321029081512-0600', 'AH52A0001', 'ADT^A31^ADT_A05'),
    seg('EVN', {2: '20321029081500'}), seg('PID', ISADORA), ISA_PD1, *ISA_NK1,
    seg('PV1', {1: '1', 2: 'R'})]

# 02 VXU clinic: Isadora's 4-year visit, three doses (DTaP-IPV with two VIS, MMRV, influenza), VFC V02 Medicaid
M['02-vxu-isadora-4yr-three-doses'] = [
    vxu_msh('PEDCHART', 'AHPEDS', '20321029101533-0600', 'AH52V0002'),
    seg('PID', ISADORA), ISA_PD1, *ISA_NK1,
    orc('AH52-88101^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321029100500', DTAP_IPV, '0.5', NEW, PED_RN, AT_CLINIC, 'KX7719C', '20331130', 'SKB^GlaxoSmithKline^MVX',
        entered='20321029101200'),
    rxr(IM, 'LT^Left Thigh^HL70163'),
    *dose_obx('20321029100500', V02, PUBLIC, ['DTAP', 'IPV'], '20321029'),
    orc('AH52-88102^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321029100700', MMRV, '0.5', NEW, PED_RN, AT_CLINIC, 'W004417', '20330815', 'MSD^Merck and Co., Inc.^MVX',
        entered='20321029101200'),
    rxr(SC, 'RA^Right Arm^HL70163'),
    *dose_obx('20321029100700', V02, PUBLIC, ['MMRV'], '20321029'),
    orc('AH52-88103^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321029100900', FLU_PED, '0.5', NEW, PED_RN, AT_CLINIC, 'UT8842AA', '20330630', 'PMC^Sanofi Pasteur^MVX',
        entered='20321029101200'),
    rxr(IM, 'RT^Right Thigh^HL70163'),
    *dose_obx('20321029100900', V02, PUBLIC, ['FLU'], '20321029')]

# 03 VXU registry abstraction: Isadora's out-of-state record (RXA-9 05 from another registry), dates only, 9999
HIST_OTHER_IIS = '05^Historical information - from other registry^NIP001'
M['03-vxu-isadora-historical-abstraction'] = [
    vxu_msh('RSIISABS', 'RSDOH', '20321101140212-0600', 'RS52H0003'),
    seg('PID', ISADORA), ISA_PD1,
    *[x for given, cvx in [('20281002', '08^Hep B, adolescent or pediatric^CVX'),
                            ('20281204', '08^Hep B, adolescent or pediatric^CVX'),
                            ('20290410', '08^Hep B, adolescent or pediatric^CVX'),
                            ('20291015', '48^Hib (PRP-T)^CVX')]
      for x in (orc('9999^CDC', enterer=ABSTRACTOR), rxa(given, cvx, '999', HIST_OTHER_IIS, entered='20321101135000'))]]

# 04 A31 school-located clinic: Naledi's demographics, guardian grandmother, protection Y, no reminder/recall
M['04-adt-a31-naledi-guardian'] = [
    msh('SLVTRACK', 'PCHDSLV', '20321103153020-0600', 'PC52A0004', 'ADT^A31^ADT_A05'),
    seg('EVN', {2: '20321103153000'}), seg('PID', NALEDI), NALEDI_PD1, NALEDI_GRD, seg('PV1', {1: '1', 2: 'R'})]

# 05 VXU clinic: Santiago on a DUPLICATE chart AH52017 (walk-in, birth date mistyped): MMR and varicella, VFC V03
M['05-vxu-santiago-duplicate-chart-mmr-var'] = [
    vxu_msh('PEDCHART', 'AHPEDS', '20321104152044-0600', 'AH52V0005'),
    seg('PID', SANTI_DUP), SANTI_PD1, SANTI_NK1,
    orc('AH52-88140^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321104150500', MMR, '0.5', NEW, PED_RN, AT_CLINIC, 'Y011562', '20331031', 'MSD^Merck and Co., Inc.^MVX',
        entered='20321104151800'),
    rxr(SC, 'LA^Left Arm^HL70163'),
    *dose_obx('20321104150500', V03, PUBLIC, ['MMR'], '20321104'),
    orc('AH52-88141^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321104150700', VAR, '0.5', NEW, PED_RN, AT_CLINIC, 'Y020871', '20330930', 'MSD^Merck and Co., Inc.^MVX',
        entered='20321104151800'),
    rxr(SC, 'RA^Right Arm^HL70163'),
    *dose_obx('20321104150700', V03, PUBLIC, ['VAR'], '20321104')]

# 06 VXU clinic: Isadora's influenza dose UPDATED (RXA-21 U, same ORC-3): eligibility corrected V02 -> V04 (AI/AN)
M['06-vxu-isadora-flu-update-eligibility'] = [
    vxu_msh('PEDCHART', 'AHPEDS', '20321105091022-0600', 'AH52V0006'),
    seg('PID', ISADORA), ISA_PD1,
    orc('AH52-88103^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321029100900', FLU_PED, '0.5', NEW, PED_RN, AT_CLINIC, 'UT8842AA', '20330630', 'PMC^Sanofi Pasteur^MVX',
        action='U', entered='20321105090800'),
    rxr(IM, 'RT^Right Thigh^HL70163'),
    *dose_obx('20321029100900', V04, PUBLIC, ['FLU'], '20321029')]

# 07 VXU pharmacy (24-hour store), sent in the FIRST pass of the repeated hour (01:24 MDT): Ellis' influenza at a bare
# 01:20 and MenACWY at a bare 01:22; both given before the message: the -07:00 readings would be after it
M['07-vxu-ellis-pharmacy-first-pass'] = [
    vxu_msh('BBRXIMM', 'BBD0412', '20321107012412-0600', 'BB52V0007'),
    seg('PID', ELLIS), ELLIS_NK1,
    orc('BB52-4410071^BBRXIMM', STANDING, PHARMACIST),
    rxa('20321107012000', FLU_RX, '0.5', NEW, PHARMACIST, '', '3T9Q2', '20330630', 'SKB^GlaxoSmithKline^MVX',
        entered='20321107012300', extra={27: AT_STORE, 28: STORE_ADDR}),
    rxr(IM, 'LD^Left Deltoid^HL70163'),
    *dose_obx('20321107012000', V01, PRIVATE, ['FLU'], '20321107'),
    orc('BB52-4410072^BBRXIMM', STANDING, PHARMACIST),
    rxa('20321107012200', MENACWY_RX, '0.5', NEW, PHARMACIST, '', 'U7731AB', '20331231', 'PMC^Sanofi Pasteur^MVX',
        entered='20321107012300', extra={27: AT_STORE, 28: STORE_ADDR}),
    rxr(IM, 'RD^Right Deltoid^HL70163'),
    *dose_obx('20321107012200', V01, PRIVATE, ['MEN'], '20321107')]

# 08 VXU nursery, sent at 01:05 MST (SECOND pass): the Eskelsen boy's hep B birth dose at a bare 01:15, given in the
# FIRST pass (01:15 MDT); read at -07:00 it would be ten minutes after its own message
M['08-vxu-eskelsen-hepb-birth-dose'] = [
    vxu_msh('JVEHR', 'JVMC', '20321107010512-0700', 'JV52V0008'),
    seg('PID', ESK_BABY), NURSERY_PD1, ESK_NK1,
    orc('JV52-771208^JVEHR', NEONATAL, NURSERY_RN),
    rxa('20321107011500', HEPB_PED, '0.5', NEW, NURSERY_RN, AT_NURSERY, 'EB4471', '20331130',
        'SKB^GlaxoSmithKline^MVX', entered='20321107011800'),
    rxr(IM, 'LT^Left Thigh^HL70163'),
    obx(1, 'CE', VFC, V02, '1', '20321107011500', AT_DOSE), obx(2, 'CE', FUND, PUBLIC, '2', '20321107011500')]

# 09 VXU school-located clinic, nightly batch sent at 01:15 MST: Naledi on Friday 5 November (MDT) at the school:
# Tdap; MenACWY PARTIAL (PA, syringe leak) then re-dosed; HPV REFUSED (RE, parental decision); influenza not given
# (998, NA) for a contraindication; presumed varicella immunity (998, NA, history of disease)
M['09-vxu-naledi-school-batch'] = [
    vxu_msh('SLVTRACK', 'PCHDSLV', '20321107011547-0700', 'PC52V0009'),
    seg('PID', NALEDI), NALEDI_PD1, NALEDI_GRD,
    orc('PC52-30091^SLVTRACK', HEALTH_OFFICER, SCHOOL_RN),
    rxa('20321105093000', TDAP, '0.5', NEW, SCHOOL_RN, AT_SCHOOL, 'AC52B881AA', '20340228', 'SKB^GlaxoSmithKline^MVX',
        entered='20321105154000'),
    rxr(IM, 'LD^Left Deltoid^HL70163'),
    *dose_obx('20321105093000', V02, PUBLIC, ['TDAP'], '20321105'),
    orc('PC52-30092^SLVTRACK', HEALTH_OFFICER, SCHOOL_RN),
    rxa('20321105093400', MENACWY, '0.5', NEW, SCHOOL_RN, AT_SCHOOL, 'U7731AB', '20331231', 'PMC^Sanofi Pasteur^MVX',
        status='PA', entered='20321105154000'),
    rxr(IM, 'RD^Right Deltoid^HL70163'),
    *dose_obx('20321105093400', V02, PUBLIC, ['MEN'], '20321105'),
    orc('PC52-30093^SLVTRACK', HEALTH_OFFICER, SCHOOL_RN),
    rxa('20321105094100', MENACWY, '0.5', NEW, SCHOOL_RN, AT_SCHOOL, 'U7731AB', '20331231', 'PMC^Sanofi Pasteur^MVX',
        entered='20321105154000'),
    rxr(IM, 'RD^Right Deltoid^HL70163'),
    *dose_obx('20321105094100', V02, PUBLIC, ['MEN'], '20321105'),
    orc('9999^CDC', HEALTH_OFFICER, SCHOOL_RN),
    rxa('20321105', HPV, '999', '', refusal='00^Parental decision^NIP002', status='RE', entered='20321105154000'),
    orc('9999^CDC', HEALTH_OFFICER, SCHOOL_RN),
    rxa('20321105', NONE, '999', '', status='NA', entered='20321105154000'),
    obx(1, 'CE', CONTRA, '91930004^Allergy to eggs^SCT', '1', '20321105'),
    orc('9999^CDC', HEALTH_OFFICER, SCHOOL_RN),
    rxa('20321105', NONE, '999', '', status='NA', entered='20321105154000'),
    obx(1, 'CE', IMMUNE, '38907003^Varicella infection^SCT', '1', '20321105')]

# 10 VXU nursery sent at 01:52 MST: the Kjellberg-Amadi girl (born 00:32 MDT) of an HBsAg-positive mother: hep B
# birth dose and HBIG, both at a bare 01:40 (the SECOND pass: given twelve minutes before this message)
M['10-vxu-kjellberg-hepb-hbig'] = [
    vxu_msh('JVEHR', 'JVMC', '20321107015218-0700', 'JV52V0010'),
    seg('PID', WREN_BABY), NURSERY_PD1, WREN_NK1,
    orc('JV52-771215^JVEHR', NEONATAL, NURSERY_RN),
    rxa('20321107014000', HEPB_PED, '0.5', NEW, NURSERY_RN, AT_NURSERY, 'EB4471', '20331130',
        'SKB^GlaxoSmithKline^MVX', entered='20321107014800'),
    rxr(IM, 'RT^Right Thigh^HL70163'),
    obx(1, 'CE', VFC, V02, '1', '20321107014000', AT_DOSE), obx(2, 'CE', FUND, PUBLIC, '2', '20321107014000'),
    obx(3, 'CE', VISDOC, VIS['HEPB'], '3', '20321107014000'), obx(4, 'DT', VISPRES, '20321107', '3', '20321107014000'),
    orc('JV52-771216^JVEHR', NEONATAL, NURSERY_RN),
    rxa('20321107014000', HBIG, '0.5', NEW, NURSERY_RN, AT_NURSERY, 'HG2209', '20330531', 'GRF^Grifols^MVX',
        entered='20321107014800'),
    rxr(IM, 'LT^Left Thigh^HL70163'),
    obx(1, 'CE', FUND, PRIVATE, '1', '20321107014000')]

# 11 VXU nursery UPDATE sent at 02:40 MST: the Eskelsen dose (#08) re-sent (RXA-21 U) with the VIS it lacked;
# RXA-3 still a bare 01:15; nothing in this message orders it (both passes before 02:40 MST)
M['11-vxu-eskelsen-update-vis'] = [
    vxu_msh('JVEHR', 'JVMC', '20321107024005-0700', 'JV52V0011'),
    seg('PID', ESK_BABY), NURSERY_PD1, ESK_NK1,
    orc('JV52-771208^JVEHR', NEONATAL, NURSERY_RN),
    rxa('20321107011500', HEPB_PED, '0.5', NEW, NURSERY_RN, AT_NURSERY, 'EB4471', '20331130',
        'SKB^GlaxoSmithKline^MVX', action='U', entered='20321107023800'),
    rxr(IM, 'LT^Left Thigh^HL70163'),
    obx(1, 'CE', VFC, V02, '1', '20321107011500', AT_DOSE), obx(2, 'CE', FUND, PUBLIC, '2', '20321107011500'),
    obx(3, 'CE', VISDOC, VIS['HEPB'], '3', '20321107011500'), obx(4, 'DT', VISPRES, '20321107', '3', '20321107011500')]

# 12 VXU nursery UPDATE sent at 07:45 MST: the HBIG dose (#10) lot corrected HG2209 -> HG2290 (RXA-21 U); RXA-3 a
# bare 01:40 again, sent hours after the hour
M['12-vxu-kjellberg-hbig-lot-corrected'] = [
    vxu_msh('JVEHR', 'JVMC', '20321107074510-0700', 'JV52V0012'),
    seg('PID', WREN_BABY), NURSERY_PD1, WREN_NK1,
    orc('JV52-771216^JVEHR', NEONATAL, NURSERY_RN),
    rxa('20321107014000', HBIG, '0.5', NEW, NURSERY_RN, AT_NURSERY, 'HG2290', '20330531', 'GRF^Grifols^MVX',
        action='U', entered='20321107074200'),
    rxr(IM, 'LT^Left Thigh^HL70163'),
    obx(1, 'CE', FUND, PRIVATE, '1', '20321107014000')]

# 13 A31 nursery: the girl named (BABYGIRL -> WREN ODALYS)
M['13-adt-a31-kjellberg-named'] = [
    msh('JVEHR', 'JVMC', '20321107103002-0700', 'JV52A0013', 'ADT^A31^ADT_A05'),
    seg('EVN', {2: '20321107102900'}), seg('PID', WREN), NURSERY_PD1, WREN_NK1, seg('PV1', {1: '1', 2: 'N'})]

# 14 VXU pharmacy, Monday: Ellis' influenza dose UPDATED (RXA-21 U): lot corrected 3T9Q2 -> 3T9Q7 and a reaction
# (collapse, observed at a bare 01:35 on the night of the change) added to that dose
M['14-vxu-ellis-flu-update-reaction'] = [
    vxu_msh('BBRXIMM', 'BBD0412', '20321108100233-0700', 'BB52V0014'),
    seg('PID', ELLIS), ELLIS_NK1,
    orc('BB52-4410071^BBRXIMM', STANDING, PHARMACIST),
    rxa('20321107012000', FLU_RX, '0.5', NEW, PHARMACIST, '', '3T9Q7', '20330630', 'SKB^GlaxoSmithKline^MVX',
        action='U', entered='20321108095800', extra={27: AT_STORE, 28: STORE_ADDR}),
    rxr(IM, 'LD^Left Deltoid^HL70163'),
    *dose_obx('20321107012000', V01, PRIVATE, ['FLU'], '20321107'),
    obx(5, 'CE', REACTION, 'VXC10^Collapse or shock-like state within 48 hours of dose^CDCPHINVS', '4', '20321107013500')]

# 15 A40 clinic: the duplicate chart AH52017 merged into Santiago's chart AH52005
M['15-adt-a40-santiago-merge'] = [
    msh('PEDCHART', 'AHPEDS', '20321108114011-0700', 'AH52A0015', 'ADT^A40^ADT_A39'),
    seg('EVN', {2: '20321108114000'}), seg('PID', SANTI), SANTI_PD1,
    seg('MRG', {1: 'AH52017^^^AHPEDS^MR', 7: 'ZAMORA-PINTO^SANTIAGO^^^^^L'})]

# 16 VXU clinic, after the merge, under the surviving chart: the MMR and varicella of #05 DELETED (RXA-21 D, same
# ORC-3: the nurse gave ProQuad, not two shots) and the MMRV added
M['16-vxu-santiago-delete-mmr-var-add-mmrv'] = [
    vxu_msh('PEDCHART', 'AHPEDS', '20321108115502-0700', 'AH52V0016'),
    seg('PID', SANTI), SANTI_PD1, SANTI_NK1,
    orc('AH52-88140^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321104150500', MMR, '0.5', NEW, PED_RN, AT_CLINIC, 'Y011562', '20331031', 'MSD^Merck and Co., Inc.^MVX',
        action='D', entered='20321108115000'),
    orc('AH52-88141^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321104150700', VAR, '0.5', NEW, PED_RN, AT_CLINIC, 'Y020871', '20330930', 'MSD^Merck and Co., Inc.^MVX',
        action='D', entered='20321108115000'),
    orc('AH52-88158^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321104150500', MMRV, '0.5', NEW, PED_RN, AT_CLINIC, 'W004417', '20330815', 'MSD^Merck and Co., Inc.^MVX',
        entered='20321108115000'),
    rxr(SC, 'LA^Left Arm^HL70163'),
    *dose_obx('20321104150500', V03, PUBLIC, ['MMRV'], '20321104')]

# 17 VXU registry abstraction: Naledi's school record (RXA-9 07), six historical doses, dates only, ORC-3 9999
HIST_SCHOOL = '07^Historical information - from school record^NIP001'
NALEDI_HIST = [('20210423', '20^DTaP^CVX'), ('20210625', '20^DTaP^CVX'), ('20220301', '03^MMR^CVX'),
               ('20220301', '03^MMR^CVX'), ('20210223', '08^Hep B, adolescent or pediatric^CVX'),
               ('20210423', '08^Hep B, adolescent or pediatric^CVX')]
M['17-vxu-naledi-historical-school-record'] = [
    vxu_msh('RSIISABS', 'RSDOH', '20321109140544-0700', 'RS52H0017'),
    seg('PID', NALEDI_RS), NALEDI_PD1,
    *[x for given, cvx in NALEDI_HIST
      for x in (orc('9999^CDC', enterer=ABSTRACTOR), rxa(given, cvx, '999', HIST_SCHOOL, entered='20321109135500'))]]

# 18 VXU registry abstraction: the second MMR of 1 March 2022 was the same dose keyed twice: deleted (RXA-21 D)
M['18-vxu-naledi-historical-duplicate-deleted'] = [
    vxu_msh('RSIISABS', 'RSDOH', '20321109163015-0700', 'RS52H0018'),
    seg('PID', NALEDI_RS), NALEDI_PD1,
    orc('9999^CDC', enterer=ABSTRACTOR),
    rxa('20220301', '03^MMR^CVX', '999', HIST_SCHOOL, action='D', entered='20321109162800')]

# 19 VXU clinic: Isadora's influenza dose DELETED (RXA-21 D, same ORC-3: charted on the wrong child)
M['19-vxu-isadora-flu-deleted'] = [
    vxu_msh('PEDCHART', 'AHPEDS', '20321110083114-0700', 'AH52V0019'),
    seg('PID', ISADORA), ISA_PD1,
    orc('AH52-88103^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321029100900', FLU_PED, '0.5', NEW, PED_RN, AT_CLINIC, 'UT8842AA', '20330630', 'PMC^Sanofi Pasteur^MVX',
        action='D', entered='20321110083000')]

# 20 A31 clinic: Isadora moved; the family asks for protection and no reminders
M['20-adt-a31-isadora-moved-protection'] = [
    msh('PEDCHART', 'AHPEDS', '20321110091745-0700', 'AH52A0020', 'ADT^A31^ADT_A05'),
    seg('EVN', {2: '20321110091700'}), seg('PID', ISADORA_MOVED), ISA_PD1_NEW, *ISA_NK1, seg('PV1', {1: '1', 2: 'R'})]

# 21 VXU pharmacy: Ellis' MenACWY DELETED (RXA-21 D: charted on the wrong customer)
M['21-vxu-ellis-menacwy-deleted'] = [
    vxu_msh('BBRXIMM', 'BBD0412', '20321110140955-0700', 'BB52V0021'),
    seg('PID', ELLIS), ELLIS_NK1,
    orc('BB52-4410072^BBRXIMM', STANDING, PHARMACIST),
    rxa('20321107012200', MENACWY_RX, '0.5', NEW, PHARMACIST, '', 'U7731AB', '20331231', 'PMC^Sanofi Pasteur^MVX',
        action='D', entered='20321110140500', extra={27: AT_STORE, 28: STORE_ADDR})]

# 22 VXU school-located clinic: Naledi's HPV given at the follow-up visit (the guardian consented)
M['22-vxu-naledi-hpv-given'] = [
    vxu_msh('SLVTRACK', 'PCHDSLV', '20321112160210-0700', 'PC52V0022'),
    seg('PID', NALEDI), NALEDI_PD1, NALEDI_GRD,
    orc('PC52-30121^SLVTRACK', HEALTH_OFFICER, SCHOOL_RN),
    rxa('20321112101500', HPV, '0.5', NEW, SCHOOL_RN, AT_SCHOOL, 'Z019934', '20340131', 'MSD^Merck and Co., Inc.^MVX',
        entered='20321112155500'),
    rxr(IM, 'LD^Left Deltoid^HL70163'),
    *dose_obx('20321112101500', V02, PUBLIC, ['HPV'], '20321112')]

# 23 A31 school-located clinic: custody returned to the mother (NK1 MTH replaces the guardian)
M['23-adt-a31-naledi-mother-guardian'] = [
    msh('SLVTRACK', 'PCHDSLV', '20321112163341-0700', 'PC52A0023', 'ADT^A31^ADT_A05'),
    seg('EVN', {2: '20321112163300'}), seg('PID', NALEDI), NALEDI_PD1, NALEDI_GRD2, seg('PV1', {1: '1', 2: 'R'})]

# 24 VXU clinic: Santiago's hep A and influenza under the surviving chart
M['24-vxu-santiago-hepa-flu'] = [
    vxu_msh('PEDCHART', 'AHPEDS', '20321115103320-0700', 'AH52V0024'),
    seg('PID', SANTI), SANTI_PD1, SANTI_NK1,
    orc('AH52-88190^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321115101000', HEPA, '0.5', NEW, PED_RN, AT_CLINIC, 'AHAVB771A', '20340331', 'SKB^GlaxoSmithKline^MVX',
        entered='20321115103000'),
    rxr(IM, 'LT^Left Thigh^HL70163'),
    *dose_obx('20321115101000', V03, PUBLIC, ['HEPA'], '20321115'),
    orc('AH52-88191^PEDCHART', PEDIATRICIAN, PED_RN),
    rxa('20321115101200', FLU_PED, '0.5', NEW, PED_RN, AT_CLINIC, 'UT8842AA', '20330630', 'PMC^Sanofi Pasteur^MVX',
        entered='20321115103000'),
    rxr(IM, 'RT^Right Thigh^HL70163'),
    *dose_obx('20321115101200', V03, PUBLIC, ['FLU'], '20321115')]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
