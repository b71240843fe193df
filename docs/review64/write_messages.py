#!/usr/bin/env python3
r"""Review 64's synthetic sample (issue 14): 24 messages written by the reviewer before any Bundle was read, in the
habits of a maternity and children's hospital in the United Arab Emirates on ONE Asia/Dubai channel (GST +04:00 all
year, no daylight saving), June 2034. Qasr Al Sahil Women and Children's Hospital (QSM), invented.
- Registration "QSMPAS": ADT^A04 / A01 / A02 / A03 / A08 / A40 v2.5.1, MSH-18 `UNICODE UTF-8`. PID-3: the hospital
  MRN (QSM MR) and the Emirates ID (authority UAEICP, type NNARE = v2 table 0203's NN + ISO 3166 ARE; printed form
  784-YYYY-NNNNNNN-C, Luhn check digit computed); an expatriate mother's passport (IND PPN). Names in Latin letters
  as on the Emirates ID, and a second PID-5 repetition in Arabic script (XPN.7 L, as the ID card prints it). The
  mother's A04 (antenatal) / A01 (labour) with PV1-4 L, A02 to the postnatal ward, A03. The newborn's A01: PID-7 with
  the time of birth, PID-21 the mother's MRN, PID-24 / PID-25 multiple birth and birth order, NK1 mother (MTH, her
  Emirates ID in NK1-33) and father (FTH), PV1-2 I with PV1-4 N (newborn), the well-baby nursery or NICU. The newborn
  registered as "BABY OF <mother>" and renamed by A08 once the parents name the child. A NICU clerk's duplicate
  registration of a twin (new MRN, "BABY GIRL") merged by A40.
- Lab "QSMLIS": ORU^R01 v2.5.1: antenatal serology (HBsAg, HIV, rubella, syphilis), blood group and antibody screen;
  cord blood gas, cord blood group and DAT; the newborn's serum bilirubin series; a corrected bilirubin (OBX-11 C).
- Nursing "QSMNUR": ORU^R01 v2.5.1 delivery summary: APGAR at 1 / 5 minutes, birth weight, length, head circumference.
- Immunization module "QSMIMM": VXU^V04 v2.5.1 (CDC IIS shape): hepatitis B birth dose and BCG with RXA-9 00, lot,
  expiry, manufacturer (MVX), RXR route / site, OBX eligibility / funding / VIS in each dose's OBSERVATION group; a BCG
  recorded on the wrong twin then deleted (RXA-21 D); a BCG refused by the parents (RXA-18 00, RXA-20 RE).
Every MSH-7 carries +0400; every time inside is bare. Two events fall before 04:00 local (UTC the day before).
All persons, numbers, facilities and addresses are invented; local codes are the hospital's, LOINC beside them where
the reviewer knew it (not checked against the LOINC table).
Run from the worktree root (convert with --timezone Asia/Dubai):
    python3 docs/review64/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review64/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, t, ctl, typ, extra=None):
    f = {3: app, 4: 'QSM', 5: 'HIG', 6: 'QSMHIE', 7: t, 9: typ, 10: ctl, 11: 'P', 12: '2.5.1', 15: 'AL', 16: 'NE',
         17: 'ARE', 18: 'UNICODE UTF-8'}
    f.update(extra or {})
    return seg('MSH', f)


def evn(code, t, who='REG0311^AL SHEHHI^MOZA^^^^^^QSM'):
    return seg('EVN', {1: code, 2: t, 5: who, 6: t})


def eid(year, seq):
    """An Emirates ID in its printed form 784-YYYY-NNNNNNN-C (Luhn check digit over the 14 digits)."""
    digits = f'784{year}{seq}'
    total = 0
    for i, d in enumerate(reversed(digits)):
        k = int(d) * (2 if i % 2 == 0 else 1)
        total += k - 9 if k > 9 else k
    return f'784-{year}-{seq}-{(10 - total % 10) % 10}'


# ---- identifiers ----
SHM_EID = eid('1996', '4071852')   # Shamsa Khalfan Al Rumaithi, mother A
RSH_EID = eid('1991', '2268417')   # Rashed Saif Al Rumaithi, her husband
DVK_EID = eid('1993', '8815306')   # Devika Sreekumar Nair, mother B (Indian national, resident)
DVK_PPN = 'W5817340'               # her Indian passport
ARJ_EID = eid('1989', '5502719')   # Arjun Pillai, her husband
SHM_MRN, HES_MRN = 'QSM64000101', 'QSM64000119'
DVK_MRN, TW1_MRN, TW2_MRN, DUP_MRN = 'QSM64000127', 'QSM64000135', 'QSM64000143', 'QSM64000150'

SHM_NAME = 'AL RUMAITHI^SHAMSA^KHALFAN^^^^L~الرميثي^شمسة^خلفان^^^^L'
PAT_SHM = {1: '1', 3: f'{SHM_MRN}^^^QSM^MR~{SHM_EID}^^^UAEICP^NNARE', 5: SHM_NAME, 7: '19960214', 8: 'F',
           11: 'Villa 27, Street 14^Al Mushrif^Abu Dhabi^AZ^^ARE^H', 13: '^PRN^CP^^971^50^7314826',
           15: 'ar^Arabic^ISO639', 16: 'M^Married^HL70002', 17: 'MOS^Muslim^HL70006',
           18: 'QSMA64000101-01^^^QSM^AN', 26: 'ARE', 28: 'ARE'}
DVK_NAME = 'NAIR^DEVIKA^SREEKUMAR^^^^L~نير^ديفيكا^سريكومار^^^^L'
PAT_DVK = {1: '1', 3: f'{DVK_MRN}^^^QSM^MR~{DVK_EID}^^^UAEICP^NNARE~{DVK_PPN}^^^IND^PPN', 5: DVK_NAME,
           7: '19930905', 8: 'F', 11: 'Flat 1104, Al Nahda Tower 2^Al Nahda 2^Dubai^DU^^ARE^H',
           13: '^PRN^CP^^971^55^9027461', 15: 'ml^Malayalam^ISO639', 16: 'M^Married^HL70002', 17: 'HIN^Hindu^HL70006',
           18: 'QSMA64000127-01^^^QSM^AN', 26: 'IND', 28: 'IND'}


def baby(mrn, name, born, sex, mother_mrn, multiple, order, account):
    return {1: '1', 3: f'{mrn}^^^QSM^MR', 5: name, 7: born, 8: sex, 18: f'{account}^^^QSM^AN',
            21: f'{mother_mrn}^^^QSM^MR', 24: multiple, 25: order}


HES_BORN = '20340611031200'
TWIN_BORN1, TWIN_BORN2 = '20340613142600', '20340613142900'
PAT_HES = baby(HES_MRN, 'AL RUMAITHI^BABY OF SHAMSA^^^^^L', HES_BORN, 'F', SHM_MRN, 'N', '', 'QSMA64000119-01')
PAT_HES_NAMED = PAT_HES | {5: 'AL RUMAITHI^HESSA^RASHED^^^^L~الرميثي^حصة^راشد^^^^L'}
PAT_TW1 = baby(TW1_MRN, 'NAIR^BABY 1 OF DEVIKA^^^^^L', TWIN_BORN1, 'M', DVK_MRN, 'Y', '1', 'QSMA64000135-01')
PAT_TW2 = baby(TW2_MRN, 'NAIR^BABY 2 OF DEVIKA^^^^^L', TWIN_BORN2, 'F', DVK_MRN, 'Y', '2', 'QSMA64000143-01')
# the NICU clerk's duplicate: a new MRN, "BABY GIRL", birth order not entered, no account of its own
PAT_DUP = {1: '1', 3: f'{DUP_MRN}^^^QSM^MR', 5: 'NAIR^BABY GIRL^^^^^L', 7: TWIN_BORN2, 8: 'F',
           21: f'{DVK_MRN}^^^QSM^MR', 24: 'Y'}


def pid(base, extra=None):
    f = dict(base)
    f.update(extra or {})
    return seg('PID', f)


# ---- providers (invented DOH Abu Dhabi licence numbers) ----
OBS = 'GD64017^HADDAD^LAYLA^^^DR^^^DOH'
OBS2 = 'GD64102^FERNANDES^MARIA^^^DR^^^DOH'
NEO = 'GD64233^EL SAYED^KARIM^^^DR^^^DOH'
PATHO = 'GD64318^QURESHI^SANA^^^DR^^^DOH'
MIDW = 'NM64451^MATHEW^JINCY^^^^^^DOH'
NURSE = 'NM64502^AL KAABI^SALAMA^^^^^^DOH'


def pv1(cls, where, visit, doc, start, adm_type, svc, end='', extra=None):
    f = {1: '1', 2: cls, 3: where, 4: adm_type, 7: doc, 10: svc, 19: f'{visit}^^^QSM^VN', 20: 'THIQA^Thiqa^QSM-FC',
         39: 'QSM', 44: start}
    if end:
        f[45] = end
    f.update(extra or {})
    return seg('PV1', f)


def nk1(i, name, rel, extra):
    f = {1: str(i), 2: name, 3: rel}
    f.update(extra)
    return seg('NK1', f)


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


def nte(i, text, src='L'):
    return seg('NTE', {1: str(i), 2: src, 3: text})


M = {}

# ================= Shamsa Al Rumaithi (Emirati) and her daughter, "BABY OF SHAMSA" → HESSA ==========================
SHM_ANC = lambda end='': pv1('O', 'ANC^R04^^QSM^^^^^Antenatal Clinic', 'QSMV64000101-01', OBS, '20340604092000',  # noqa: E731
                             'R^Routine^HL70007', 'OBS^Obstetrics^QSM-SVC', end)
SHM_LAB = lambda where='LDR^LDR07^1^QSM^^^^^Labour and Delivery', end='', extra=None: pv1(  # noqa: E731
    'I', where, 'QSMV64000101-02', OBS, '20340611014000', 'L^Labor and Delivery^HL70007', 'OBS^Obstetrics^QSM-SVC', end,
    extra)
SHM_NK1 = lambda: nk1(1, 'AL RUMAITHI^RASHED^SAIF^^^^L~الرميثي^راشد^سيف^^^^L', 'SPO^Spouse^HL70063', {  # noqa: E731
    4: 'Villa 27, Street 14^Al Mushrif^Abu Dhabi^AZ^^ARE^H', 5: '^PRN^CP^^971^50^6612093', 7: 'N^Next-of-Kin^HL70131',
    33: f'{RSH_EID}^^^UAEICP^NNARE'})
# 01 ADT^A04: antenatal clinic visit at 36 weeks, the husband as next of kin
M['01-adt-a04-shamsa-antenatal-registration'] = [
    msh('QSMPAS', '20340604092233+0400', 'QSMPAS640001', 'ADT^A04^ADT_A01'), evn('A04', '20340604092000'), pid(PAT_SHM),
    SHM_NK1(), SHM_ANC(), seg('PV2', {3: '^Antenatal visit 36 weeks'}),
]
# 02 ORU^R01: antenatal serology, blood group and antibody screen (one order each)
ANC_ORD1, ANC_FIL1 = 'QSMO64000101-1^QSMCPOE', 'L64-0604-0311^QSMLIS'
ANC_ORD2, ANC_FIL2 = 'QSMO64000101-2^QSMCPOE', 'L64-0604-0312^QSMLIS'
M['02-oru-r01-shamsa-antenatal-serology-group'] = [
    msh('QSMLIS', '20340604154512+0400', 'QSMLIS640002', 'ORU^R01^ORU_R01'), pid(PAT_SHM), SHM_ANC(),
    orc('RE', ANC_ORD1, ANC_FIL1, 'CM', '20340604154500', OBS),
    obr(1, ANC_ORD1, ANC_FIL1, 'ANSER^Antenatal serology^QSMLAB', {7: '20340604094500', 14: '20340604100200', 16: OBS,
                                                                  22: '20340604154000', 24: 'SR', 25: 'F'}),
    obx(1, 'CWE', '5196-1^Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay^LN',
        '260385009^Negative^SCT', t='20340604150000'),
    obx(2, 'CWE', '56888-1^HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay^LN',
        '131194007^Non-Reactive^SCT', t='20340604150000'),
    obx(3, 'NM', '5334-8^Rubella virus IgG Ab [Units/volume] in Serum^LN', '48', '[IU]/mL^IU/mL^UCUM', '>=10', 'N',
        t='20340604150000'),
    obx(4, 'CWE', '20507-0^Reagin Ab [Presence] in Serum by RPR^LN', '131194007^Non-Reactive^SCT', t='20340604150000'),
    orc('RE', ANC_ORD2, ANC_FIL2, 'CM', '20340604154500', OBS),
    obr(2, ANC_ORD2, ANC_FIL2, 'GSAB^Group and antibody screen^QSMLAB', {7: '20340604094500', 14: '20340604100200',
                                                                         16: OBS, 22: '20340604154000', 24: 'BB', 25: 'F'}),
    obx(1, 'CWE', '883-9^ABO group [Type] in Blood^LN', '58460004^Group O^SCT', t='20340604143000'),
    obx(2, 'CWE', '10331-7^Rh [Type] in Blood^LN', '165747007^RhD positive^SCT', t='20340604143000'),
    obx(3, 'CWE', '890-4^Blood group antibody screen [Presence] in Serum or Plasma^LN', '260385009^Negative^SCT',
        t='20340604143000'),
]
# 03 ADT^A01: admitted in labour at 01:40 (UTC 10 June 21:40)
M['03-adt-a01-shamsa-labour-admit'] = [
    msh('QSMPAS', '20340611014411+0400', 'QSMPAS640003', 'ADT^A01^ADT_A01'), evn('A01', '20340611014000'), pid(PAT_SHM),
    SHM_NK1(), SHM_LAB(), seg('PV2', {3: '^Spontaneous labour at 37+1 weeks'}),
]
HES_NK1 = lambda: [  # noqa: E731
    nk1(1, SHM_NAME, 'MTH^Mother^HL70063', {4: 'Villa 27, Street 14^Al Mushrif^Abu Dhabi^AZ^^ARE^H',
                                            5: '^PRN^CP^^971^50^7314826', 7: 'N^Next-of-Kin^HL70131',
                                            33: f'{SHM_EID}^^^UAEICP^NNARE'}),
    nk1(2, 'AL RUMAITHI^RASHED^SAIF^^^^L~الرميثي^راشد^سيف^^^^L', 'FTH^Father^HL70063', {
        4: 'Villa 27, Street 14^Al Mushrif^Abu Dhabi^AZ^^ARE^H', 5: '^PRN^CP^^971^50^6612093',
        33: f'{RSH_EID}^^^UAEICP^NNARE'}),
]
HES_PV1 = lambda end='': pv1('I', 'WBN^N12^1^QSM^^^^^Well Baby Nursery', 'QSMV64000119-01', NEO, HES_BORN,  # noqa: E731
                             'N^Newborn^HL70007', 'NEO^Neonatology^QSM-SVC', end)
# 04 ADT^A01: the newborn girl, born 03:12 (UTC 10 June 23:12), registered as BABY OF SHAMSA, PID-21 her mother's MRN
M['04-adt-a01-baby-of-shamsa-newborn'] = [
    msh('QSMPAS', '20340611032905+0400', 'QSMPAS640004', 'ADT^A01^ADT_A01'), evn('A01', '20340611032500'), pid(PAT_HES),
    *HES_NK1(), HES_PV1(),
]
# 05 ORU^R01: nursing delivery summary: APGAR 8 / 9, birth weight 3120 g, length, head circumference
NUR_OBR = lambda i, placer, t: obr(i, placer, '', 'NBDEL^Newborn delivery summary^QSMNUR', {  # noqa: E731
    7: t, 22: t, 24: 'OTH', 25: 'F', 32: ''})
M['05-oru-r01-baby-of-shamsa-apgar-weight'] = [
    msh('QSMNUR', '20340611034107+0400', 'QSMNUR640005', 'ORU^R01^ORU_R01'), pid(PAT_HES), HES_PV1(),
    orc('RE', 'QSMN64000119-1^QSMNUR', '', 'CM', '20340611034000', MIDW),
    NUR_OBR(1, 'QSMN64000119-1^QSMNUR', '20340611033800'),
    obx(1, 'NM', '9272-6^1 minute Apgar Score^LN', '8', '{score}^score^UCUM', '7-10', t='20340611031300',
        extra={16: MIDW}),
    obx(2, 'NM', '9274-2^5 minute Apgar Score^LN', '9', '{score}^score^UCUM', '7-10', t='20340611031700', extra={16: MIDW}),
    obx(3, 'NM', '8339-4^Birth weight Measured^LN', '3120', 'g^gram^UCUM', t='20340611032000', extra={16: MIDW}),
    obx(4, 'NM', '89269-5^Body height Measured --at birth^LN', '49.5', 'cm^centimeter^UCUM', t='20340611032000',
        extra={16: MIDW}),
    obx(5, 'NM', '8287-5^Head Occipital-frontal circumference by Tape measure^LN', '34', 'cm^centimeter^UCUM',
        t='20340611032000', extra={16: MIDW}),
]
# 06 ORU^R01: cord blood gas (arterial), cord blood group and DAT (mother O pos, baby A pos, DAT positive)
CORD_ORD1, CORD_FIL1 = 'QSMO64000119-1^QSMCPOE', 'L64-0611-0042^QSMLIS'
CORD_ORD2, CORD_FIL2 = 'QSMO64000119-2^QSMCPOE', 'L64-0611-0043^QSMLIS'
M['06-oru-r01-baby-of-shamsa-cord-gas-group-dat'] = [
    msh('QSMLIS', '20340611051530+0400', 'QSMLIS640006', 'ORU^R01^ORU_R01'), pid(PAT_HES), HES_PV1(),
    orc('RE', CORD_ORD1, CORD_FIL1, 'CM', '20340611051500', NEO),
    obr(1, CORD_ORD1, CORD_FIL1, 'CORDGAS^Cord blood gas arterial^QSMLAB', {7: '20340611031500', 14: '20340611032800',
                                                                           15: '^^^^^^^^Cord blood, arterial', 16: NEO,
                                                                           22: '20340611034500', 24: 'CH', 25: 'F'}),
    obx(1, 'NM', '28644-3^pH of Cord blood arterial^LN', '7.24', '[pH]^pH^UCUM', '7.18-7.38', 'N', t='20340611034000'),
    obx(2, 'NM', '28645-0^Carbon dioxide [Partial pressure] in Cord blood arterial^LN', '56', 'mm[Hg]^mmHg^UCUM',
        '39-71', 'N', t='20340611034000'),
    obx(3, 'NM', '28638-5^Base excess in Cord blood arterial^LN', '-6.2', 'mmol/L^mmol/L^UCUM', '-8.0-0.0', 'N',
        t='20340611034000'),
    orc('RE', CORD_ORD2, CORD_FIL2, 'CM', '20340611051500', NEO),
    obr(2, CORD_ORD2, CORD_FIL2, 'CORDGD^Cord blood group and DAT^QSMLAB', {7: '20340611031500', 14: '20340611032800',
                                                                           16: NEO, 22: '20340611051000', 24: 'BB', 25: 'F'}),
    obx(1, 'CWE', '883-9^ABO group [Type] in Blood^LN', '112144000^Group A^SCT', t='20340611050000'),
    obx(2, 'CWE', '10331-7^Rh [Type] in Blood^LN', '165747007^RhD positive^SCT', t='20340611050000'),
    obx(3, 'CWE', '1007-4^Direct antiglobulin test.poly specific reagent [Presence] on Red Blood Cells^LN',
        '10828004^Positive^SCT', flag='A', t='20340611050000'),
    nte(1, 'Mother group O RhD positive. ABO incompatibility: monitor bilirubin.'),
]
# 07 ADT^A02: the mother from the labour ward to the postnatal ward
M['07-adt-a02-shamsa-to-postnatal'] = [
    msh('QSMPAS', '20340611061804+0400', 'QSMPAS640007', 'ADT^A02^ADT_A02'), evn('A02', '20340611061500'), pid(PAT_SHM),
    SHM_LAB('PNW^P3-08^1^QSM^^^^^Postnatal Ward 3', '', {6: 'LDR^LDR07^1^QSM^^^^^Labour and Delivery'}),
]
# 08 VXU^V04: hepatitis B birth dose and BCG, each dose with its OBSERVATION group (eligibility, funding, VIS)
VXU_MSH = lambda t, ctl: msh('QSMIMM', t, ctl, 'VXU^V04^VXU_V04', {21: 'Z22^CDCPHINVS'})  # noqa: E731
HEPB = '08^Hep B, adolescent or pediatric^CVX'
BCG = '19^BCG^CVX'


def dose_obs(t, elig, vis_doc, vis_pub, vis_given):
    return [
        obx(1, 'CE', '64994-7^Vaccine funding program eligibility category^LN', elig, t=t, sub='1', extra={17: 'VXC40^Eligibility captured at the immunization level^CDCPHINVS'}),
        obx(2, 'CE', '30963-3^Vaccine funding source^LN', 'GOV^Government funded (national programme)^QSM-FUND', t=t, sub='2'),
        obx(3, 'CE', '69764-9^Document type^LN', vis_doc, t=t, sub='3'),
        obx(4, 'TS', '29769-7^Date Vis Presented^LN', vis_given, t=t, sub='3'),
        obx(5, 'TS', '29768-9^Date Vaccine Information Statement Published^LN', vis_pub, t=t, sub='3'),
    ]


HEPB_VIS = '253088698300006611150402^Hepatitis B VIS^cdcgs1vis'
ELIG_NAT = 'UAENAT^UAE national, national immunization programme^QSM-ELIG'
ELIG_RES = 'UAERES^UAE resident, national immunization programme^QSM-ELIG'


def rxa(t, vaccine, amount, units, lot, exp, mvx, status='CP', action='A', extra=None):
    f = {1: '0', 2: '1', 3: t, 5: vaccine, 6: amount, 7: units, 9: '00^New immunization record^NIP001', 10: NURSE,
         11: '^^^QSM&&&WBN', 15: lot, 16: exp, 17: mvx, 20: status, 21: action}
    f.update(extra or {})
    return seg('RXA', f)


def hepb_dose(filler, orc9, given, elig):
    """The hepatitis B birth dose's ORDER group: ORC, RXA (lot HB34K017A), RXR, its OBSERVATION group with the VIS."""
    return [
        orc('RE', '', f'{filler}^QSMIMM', '', orc9, NEO, {10: NURSE}),
        rxa(given, HEPB, '0.5', 'mL^mL^UCUM', 'HB34K017A', '20360331', 'MSD^Merck and Co., Inc.^MVX'),
        seg('RXR', {1: 'IM^Intramuscular^HL70162', 2: 'RT^Right Thigh^HL70163'}),
        *dose_obs(given, elig, HEPB_VIS, '20231012', given[:8]),
    ]


def bcg_dose(filler, orc9, given, action='A', extra=None):
    """A BCG dose's ORC, RXA (lot 0223J041) and RXR; RXA-21 D for its delete."""
    return [
        orc('RE', '', f'{filler}^QSMIMM', '', orc9, NEO, {10: NURSE}),
        rxa(given, BCG, '0.05', 'mL^mL^UCUM', '0223J041', '20350228', 'SSI^Statens Serum Institute^MVX', action=action,
            extra=extra),
        seg('RXR', {1: 'ID^Intradermal^HL70162', 2: 'LD^Left Deltoid^HL70163'}),
    ]


M['08-vxu-v04-baby-of-shamsa-hepb-bcg'] = [
    VXU_MSH('20340611101833+0400', 'QSMIMM640008'), pid(PAT_HES), HES_NK1()[0], HES_PV1(),
    *hepb_dose('QSMI64000119-1', '20340611101500', '20340611094500', ELIG_NAT),
    *bcg_dose('QSMI64000119-2', '20340611101500', '20340611095000'),
    obx(1, 'CE', '64994-7^Vaccine funding program eligibility category^LN', ELIG_NAT, t='20340611095000', sub='1'),
    obx(2, 'CE', '30963-3^Vaccine funding source^LN', 'GOV^Government funded (national programme)^QSM-FUND',
        t='20340611095000', sub='2'),
]
TSB = 'TSBN^Bilirubin total neonatal^QSMLAB^14631-6^Bilirubin.total [Moles/volume] in Serum or Plasma^LN'
TSB_OBX = '14631-6^Bilirubin.total [Moles/volume] in Serum or Plasma^LN'
BILI1_ORD, BILI1_FIL = 'QSMO64000119-3^QSMCPOE', 'L64-0612-0108^QSMLIS'
BILI2_ORD, BILI2_FIL = 'QSMO64000119-4^QSMCPOE', 'L64-0613-0021^QSMLIS'


def bili_oru(sent, ctl, pat, order, filler, times, report_status, value, rr, flag, status, note):
    """A total serum bilirubin result of the newborn: times = (ORC-9, OBR-7, OBR-14, OBR-22, OBX-14), bare."""
    orc9, collected, received, reported, observed = times
    return [
        msh('QSMLIS', sent, ctl, 'ORU^R01^ORU_R01'), pid(pat), HES_PV1(),
        orc('RE', order, filler, 'CM', orc9, NEO),
        obr(1, order, filler, TSB, {7: collected, 14: received, 16: NEO, 22: reported, 24: 'CH', 25: report_status}),
        obx(1, 'NM', TSB_OBX, value, 'umol/L^umol/L^UCUM', rr, flag, status, observed),
        nte(1, note),
    ]


# 09 ORU^R01: total serum bilirubin at 30 hours (still under "BABY OF SHAMSA")
M['09-oru-r01-baby-of-shamsa-bilirubin-30h'] = bili_oru(
    '20340612100244+0400', 'QSMLIS640009', PAT_HES, BILI1_ORD, BILI1_FIL,
    ('20340612100200', '20340612091000', '20340612092500', '20340612100000', '20340612095500'), 'F', '176', '<205', 'N',
    'F', 'Age at sampling 30 hours. Below phototherapy threshold.')
# 10 ADT^A08: the parents name the child: BABY OF SHAMSA becomes HESSA RASHED AL RUMAITHI (Arabic beside it)
M['10-adt-a08-hessa-named'] = [
    msh('QSMPAS', '20340612113019+0400', 'QSMPAS640010', 'ADT^A08^ADT_A01'), evn('A08', '20340612113000'),
    pid(PAT_HES_NAMED), *HES_NK1(), HES_PV1(),
]
# 11 ORU^R01: total serum bilirubin at 52 hours, rising (the child now named)
M['11-oru-r01-hessa-bilirubin-52h'] = bili_oru(
    '20340613081207+0400', 'QSMLIS640011', PAT_HES_NAMED, BILI2_ORD, BILI2_FIL,
    ('20340613081200', '20340613070500', '20340613072000', '20340613081000', '20340613080000'), 'F', '247', '<250', 'N',
    'F', 'Age at sampling 52 hours.')
# 12 ORU^R01: the 52-hour bilirubin corrected 247 → 274 (transcription from the blood gas analyser), now above range
M['12-oru-r01-hessa-bilirubin-corrected'] = bili_oru(
    '20340613093651+0400', 'QSMLIS640012', PAT_HES_NAMED, BILI2_ORD, BILI2_FIL,
    ('20340613093600', '20340613070500', '20340613072000', '20340613093500', '20340613080000'), 'C', '274', '<250', 'H',
    'C', 'Corrected result: previously reported 247 umol/L (transcription error). Neonatologist informed 09:30.')
# 13 ADT^A03: the mother discharged
M['13-adt-a03-shamsa-discharge'] = [
    msh('QSMPAS', '20340613121509+0400', 'QSMPAS640013', 'ADT^A03^ADT_A03'), evn('A03', '20340613121500'), pid(PAT_SHM),
    SHM_LAB('PNW^P3-08^1^QSM^^^^^Postnatal Ward 3', '20340613121500', {36: '01^Discharged to home^HL70112'}),
]
# 14 ADT^A03: the baby discharged after phototherapy
M['14-adt-a03-hessa-discharge'] = [
    msh('QSMPAS', '20340614163022+0400', 'QSMPAS640014', 'ADT^A03^ADT_A03'), evn('A03', '20340614163000'),
    pid(PAT_HES_NAMED), HES_PV1('20340614163000'),
]

# ================= Devika Nair (Indian resident, passport + Emirates ID) and her twins ================================
DVK_PV1 = lambda: pv1('I', 'LDR^LDR03^1^QSM^^^^^Labour and Delivery', 'QSMV64000127-01', OBS2, '20340613093000',  # noqa: E731
                      'L^Labor and Delivery^HL70007', 'OBS^Obstetrics^QSM-SVC', extra={20: 'INS^Insured^QSM-FC'})
DVK_NK1_HUSB = nk1(1, 'PILLAI^ARJUN^^^^^L', 'SPO^Spouse^HL70063', {
    4: 'Flat 1104, Al Nahda Tower 2^Al Nahda 2^Dubai^DU^^ARE^H', 5: '^PRN^CP^^971^55^4183920', 7: 'N^Next-of-Kin^HL70131',
    33: f'{ARJ_EID}^^^UAEICP^NNARE'})
# 15 ADT^A01: admitted in labour with twins at 34 weeks
M['15-adt-a01-devika-twin-labour-admit'] = [
    msh('QSMPAS', '20340613093308+0400', 'QSMPAS640015', 'ADT^A01^ADT_A01'), evn('A01', '20340613093000'), pid(PAT_DVK),
    DVK_NK1_HUSB, DVK_PV1(), seg('PV2', {3: '^Preterm labour, dichorionic twins 34+2 weeks'}),
]
TWIN_NK1 = lambda: [  # noqa: E731
    nk1(1, 'NAIR^DEVIKA^SREEKUMAR^^^^L', 'MTH^Mother^HL70063', {
        4: 'Flat 1104, Al Nahda Tower 2^Al Nahda 2^Dubai^DU^^ARE^H', 5: '^PRN^CP^^971^55^9027461', 7: 'N^Next-of-Kin^HL70131',
        33: f'{DVK_EID}^^^UAEICP^NNARE'}),
    nk1(2, 'PILLAI^ARJUN^^^^^L', 'FTH^Father^HL70063', {5: '^PRN^CP^^971^55^4183920', 33: f'{ARJ_EID}^^^UAEICP^NNARE'}),
]
TW1_PV1 = lambda: pv1('I', 'NICU^NC-04^1^QSM^^^^^Neonatal Intensive Care', 'QSMV64000135-01', NEO, TWIN_BORN1,  # noqa: E731
                      'N^Newborn^HL70007', 'NEO^Neonatology^QSM-SVC', extra={20: 'INS^Insured^QSM-FC'})
TW2_PV1 = lambda: pv1('I', 'NICU^NC-05^1^QSM^^^^^Neonatal Intensive Care', 'QSMV64000143-01', NEO, TWIN_BORN2,  # noqa: E731
                      'N^Newborn^HL70007', 'NEO^Neonatology^QSM-SVC', extra={20: 'INS^Insured^QSM-FC'})
# 16 ADT^A01: twin 1, a boy, born 14:26, PID-24 Y, PID-25 1, to the NICU
M['16-adt-a01-twin1-baby1-of-devika'] = [
    msh('QSMPAS', '20340613144502+0400', 'QSMPAS640016', 'ADT^A01^ADT_A01'), evn('A01', '20340613144000'), pid(PAT_TW1),
    *TWIN_NK1(), TW1_PV1(),
]
# 17 ADT^A01: twin 2, a girl, born 14:29, PID-24 Y, PID-25 2
M['17-adt-a01-twin2-baby2-of-devika'] = [
    msh('QSMPAS', '20340613144633+0400', 'QSMPAS640017', 'ADT^A01^ADT_A01'), evn('A01', '20340613144000'), pid(PAT_TW2),
    *TWIN_NK1(), TW2_PV1(),
]
# 18 ORU^R01: nursing delivery summary of twin 2 (APGAR 6 / 8, 1980 g)
M['18-oru-r01-twin2-apgar-weight'] = [
    msh('QSMNUR', '20340613150412+0400', 'QSMNUR640018', 'ORU^R01^ORU_R01'), pid(PAT_TW2), TW2_PV1(),
    orc('RE', 'QSMN64000143-1^QSMNUR', '', 'CM', '20340613150300', MIDW),
    NUR_OBR(1, 'QSMN64000143-1^QSMNUR', '20340613145500'),
    obx(1, 'NM', '9272-6^1 minute Apgar Score^LN', '6', '{score}^score^UCUM', '7-10', 'L', t='20340613143000',
        extra={16: MIDW}),
    obx(2, 'NM', '9274-2^5 minute Apgar Score^LN', '8', '{score}^score^UCUM', '7-10', t='20340613143400', extra={16: MIDW}),
    obx(3, 'NM', '8339-4^Birth weight Measured^LN', '1980', 'g^gram^UCUM', t='20340613144000', extra={16: MIDW}),
]
DUP_PV1 = lambda: pv1('I', 'NICU^NC-05^1^QSM^^^^^Neonatal Intensive Care', 'QSMV64000150-01', NEO, '20340613153000',  # noqa: E731
                      'N^Newborn^HL70007', 'NEO^Neonatology^QSM-SVC', extra={20: 'INS^Insured^QSM-FC'})
# 19 ADT^A04: the NICU clerk registers twin 2 again: a new MRN, "BABY GIRL", the mother's NK1 only
M['19-adt-a04-nicu-duplicate-baby-girl-nair'] = [
    msh('QSMPAS', '20340613153412+0400', 'QSMPAS640019', 'ADT^A04^ADT_A01'),
    evn('A04', '20340613153000', 'NIC0107^DSOUZA^PRIYA^^^^^^QSM'), pid(PAT_DUP), TWIN_NK1()[0], DUP_PV1(),
]
# 20 ORU^R01: blood glucose and bilirubin of twin 2 filed under the duplicate MRN
DUP_ORD, DUP_FIL = 'QSMO64000150-1^QSMCPOE', 'L64-0613-0377^QSMLIS'
M['20-oru-r01-duplicate-glucose-bilirubin'] = [
    msh('QSMLIS', '20340613172040+0400', 'QSMLIS640020', 'ORU^R01^ORU_R01'), pid(PAT_DUP), DUP_PV1(),
    orc('RE', DUP_ORD, DUP_FIL, 'CM', '20340613172000', NEO),
    obr(1, DUP_ORD, DUP_FIL, 'NICUADM^NICU admission bloods^QSMLAB', {7: '20340613160000', 14: '20340613161000',
                                                                      16: NEO, 22: '20340613171500', 24: 'CH', 25: 'F'}),
    obx(1, 'NM', '15074-8^Glucose [Moles/volume] in Blood^LN', '2.1', 'mmol/L^mmol/L^UCUM', '2.6-7.0', 'L',
        t='20340613170000'),
    obx(2, 'NM', TSB_OBX, '58', 'umol/L^umol/L^UCUM', '<100', 'N', t='20340613170000'),
]
# 21 ADT^A40: the duplicate QSM64000150 merged into twin 2's QSM64000143
M['21-adt-a40-merge-duplicate-newborn'] = [
    msh('QSMPAS', '20340614084518+0400', 'QSMPAS640021', 'ADT^A40^ADT_A39'),
    evn('A40', '20340614084500', 'HIM0042^RAHMAN^FATIMA^^^^^^QSM'), pid(PAT_TW2),
    seg('MRG', {1: f'{DUP_MRN}^^^QSM^MR', 7: 'NAIR^BABY GIRL^^^^^L'}),
]
# 22 VXU^V04: twin 1's hepatitis B birth dose and (by mistake: it was twin 2's arm, later refused) BCG
M['22-vxu-v04-twin1-hepb-bcg'] = [
    VXU_MSH('20340614101250+0400', 'QSMIMM640022'), pid(PAT_TW1), TWIN_NK1()[0], TW1_PV1(),
    *hepb_dose('QSMI64000135-1', '20340614101000', '20340614093000', ELIG_RES),
    *bcg_dose('QSMI64000135-2', '20340614101000', '20340614093500'),
]
# 23 VXU^V04: the BCG on twin 1 deleted (entered in error: recorded on the wrong twin), the same ORC-3
M['23-vxu-v04-twin1-bcg-entered-in-error'] = [
    VXU_MSH('20340614113502+0400', 'QSMIMM640023'), pid(PAT_TW1), TWIN_NK1()[0], TW1_PV1(),
    *bcg_dose('QSMI64000135-2', '20340614113400', '20340614093500', 'D', {22: '20340614113400'}),
]
# 24 VXU^V04: twin 2 (the surviving MRN): hepatitis B given; BCG refused by the parents (RXA-18 00, RXA-20 RE)
M['24-vxu-v04-twin2-hepb-bcg-refused'] = [
    VXU_MSH('20340614120744+0400', 'QSMIMM640024'), pid(PAT_TW2), TWIN_NK1()[0], TW2_PV1(),
    *hepb_dose('QSMI64000143-1', '20340614120500', '20340614094000', ELIG_RES),
    orc('RE', '', 'QSMI64000143-2^QSMIMM', '', '20340614120500', NEO, {10: NURSE}),
    seg('RXA', {1: '0', 2: '1', 3: '20340614120000', 5: BCG, 6: '999', 10: NURSE, 18: '00^Parental decision^NIP002',
                20: 'RE', 21: 'A'}),
]

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob('*.hl7'):
        old.unlink()
    assert len(M) == 24, len(M)
    for name, segs in M.items():
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages written to', OUT)
