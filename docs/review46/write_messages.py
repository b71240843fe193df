#!/usr/bin/env python3
r"""Review 46's synthetic sample (issue 14): 16 messages written by the reviewer before any Bundle was read, in the
habits of a home health and hospice agency's EHR and of its referring hospital's behavioral-health outpatient clinic,
all on ONE channel whose zone is America/Denver, on ordinary (MDT, -06:00, no change) dates of July 2031.
Columbine Home Health & Hospice (CHH), Fort Collins CO, and Frontier Range Medical Center (FRMC) with its Behavioral
Health Outpatient Clinic (all invented).
- hospital referral system "FRMCREF" (REF^I12 v2.5, PRD RP/RT): a home-health referral, a behavioral-health referral;
- agency EHR "CHHEHR" (ADT v2.5, MSH-7 bare): A05 pre-admit, A04 start of care (PV1-2 R, PV1-3 the patient's home
  PL.6 H, PV2-3/8/9/12/13/25), A08 update, A03 discharge to hospice (PV1-36 50), A04 hospice election (PV1-10 HOS),
  A08 death (PID-29/30), A03 expired at home (PV1-36 40, PV1-45);
- agency EHR "CHHEHR" (DFT^P03 v2.5, FT1-25 HCPCS G-codes), (MDM^T02 v2.5 visit note, TX lines),
  (RDE^O11 v2.5, a hospice comfort kit, three orders);
- hospital BH clinic "FRMCBH" (ADT^A04 / A03 v2.5 with DG1 ICD-10-CM F codes, MSH-7 WITH offset; ORU^R01 v2.5.1 PHQ-9:
  OBR-4 LOINC 44249-1 panel, OBX member items 44250-9 ... 44260-8 as NM scores and the total 44261-6).
Patients and numbers (MRN CHH46..., FRM46..., visits CHV46 / FRV46, REF46-, RX46-, DOC46-, NPI 14600xxxxx) none of
reviews 16-45's. Fields placed by number. All persons, numbers and addresses are invented.
Run from the worktree root (convert with --timezone America/Denver, the channel's zone):
    python3 docs/review46/write_messages.py
"""
from pathlib import Path

OUT = Path('docs/review46/messages')


def seg(name, fields):
    n = max(fields)
    if name == 'MSH':
        return 'MSH|^~\\&|' + '|'.join(fields.get(i, '') for i in range(3, n + 1))
    return name + '|' + '|'.join(fields.get(i, '') for i in range(1, n + 1))


def msh(app, fac, t, ctl, typ, v):
    return seg('MSH', {3: app, 4: fac, 5: 'HIG', 6: 'CHH', 7: t, 9: typ, 10: ctl, 11: 'P', 12: v})


M = {}
# ---- patients ----
ROSALINDA = {1: '1', 3: 'CHH4610001^^^CHH^MR~FRM4620001^^^FRMC^MR', 5: 'Valdespino^Rosalinda^Ines^^^^L',
             7: '19440309', 8: 'F', 10: '2106-3^White^CDCREC', 11: '2417 Laporte Ave^^Fort Collins^CO^80521^USA^H',
             13: '^PRN^PH^^1^970^4462281', 15: 'spa^Spanish^ISO639', 16: 'W^Widowed^HL70002',
             22: '2135-2^Hispanic or Latino^CDCREC'}
WARREN = {1: '1', 3: 'FRM4620002^^^FRMC^MR', 5: 'Kittredge^Warren^Doyle^^^^L', 7: '19870612', 8: 'M',
          11: '604 Whedbee St^Apt 3^Fort Collins^CO^80524^USA^H', 13: '^PRN^CP^^1^970^4469017'}
LORETTA = {1: '1', 3: 'CHH4610003^^^CHH^MR', 5: 'Begaye^Loretta^Mae^^^^L', 7: '19510122', 8: 'F',
           11: '3310 Shore Rd^^Loveland^CO^80538^USA^H', 13: '^PRN^PH^^1^970^4463354'}
# ---- practitioners (NPI) ----
ONCOLOGIST = '1460011201^Halvorsen^Brigid^^^Dr^MD^^NPI^L^^^NPI'
HHRN = '1460011202^Quezada^Tomas^^^^RN^^NPI^L^^^NPI'
HOSPICEMD = '1460011203^Marchetti^Aldo^^^Dr^MD^^NPI^L^^^NPI'
PSYCH = '1460011204^Oyelaran^Folake^^^Dr^MD^^NPI^L^^^NPI'
LCSW = '1460011205^Strand^Kelsey^^^^LCSW^^NPI^L^^^NPI'
PCP = '1460011206^Ambrose^Delia^^^Dr^MD^^NPI^L^^^NPI'
HOME = 'HOME^^^CHH^^H^^^Patient residence'


def pv1(cls, loc, visit, doc, start='', extra=None, fac='CHH'):
    f = {1: '1', 2: cls, 3: loc, 7: doc, 19: f'{visit}^^^{fac}^VN'}
    if start:
        f[44] = start
    f.update(extra or {})
    return seg('PV1', f)


def adt(trig, struct, t, ctl, evt, pid, pv, pv2=None, extra=None, app='CHHEHR', fac='CHH'):
    out = [msh(app, fac, t, ctl, f'ADT^{trig}^{struct}', '2.5'), seg('EVN', {1: trig, 2: evt, 6: evt}), seg('PID', pid),
           pv]
    if pv2:
        out.append(seg('PV2', pv2))
    return out + (extra or [])


def dg1(i, code, typ='F', prio=''):
    f = {1: str(i), 3: code, 6: typ}
    if prio:
        f[15] = prio
    return seg('DG1', f)


HH_VISIT = 'CHV4610001'
HOSP_VISIT = 'CHV4610002'
HH_PV1 = lambda k=None: pv1('R', HOME, HH_VISIT, ONCOLOGIST, '20310707100000', extra={10: 'HHA', 4: 'R', **(k or {})})  # noqa: E731
HOSP_PV1 = lambda k=None: pv1('R', HOME, HOSP_VISIT, HOSPICEMD, '20310722143000', extra={10: 'HOS', 4: 'R', **(k or {})})  # noqa: E731

# ---- Thursday 3 July 2031: the hospital refers Rosalinda to home health after a Whipple procedure ----
M['01-ref-i12-home-health-referral-valdespino'] = [
    msh('FRMCREF', 'FRMC', '20310703151000', 'FR4600001', 'REF^I12^REF_I12', '2.5'),
    seg('RF1', {1: 'A^Accepted^HL70283', 2: 'R^Routine^HL70280', 3: 'HH^Home health^HL70281',
                6: 'REF46-0001^FRMCREF', 7: '20310703', 8: '20311003', 10: 'SKN^Skilled nursing and wound care^L'}),
    seg('PRD', {1: 'RP^Referring Provider^HL70286', 2: 'Halvorsen^Brigid^^^Dr^MD',
                3: '1024 S Lemay Ave^^Fort Collins^CO^80524^USA^B', 5: '^WPN^PH^^1^970^4460100',
                7: '1460011201^NPI'}),
    seg('PRD', {1: 'RT^Referred to Provider^HL70286', 2: 'Columbine Home Health & Hospice',
                3: '1900 Riverside Ave^Suite 200^Fort Collins^CO^80525^USA^B', 5: '^WPN^PH^^1^970^4460600'}),
    seg('PID', ROSALINDA),
    dg1(1, 'C25.0^Malignant neoplasm of head of pancreas^I10', 'F', '1'),
    dg1(2, 'Z48.815^Encounter for surgical aftercare following surgery on the digestive system^I10', 'F', '2'),
    seg('NTE', {1: '1', 2: 'P', 3: 'Post Whipple 6/24. JP drain removed. Midline incision wound care, TPN weaning.'})]
# ---- Monday 7 July: start of care (home health episode) ----
M['02-adt-a04-home-health-start-of-care-valdespino'] = adt(
    'A04', 'ADT_A01', '20310707101500', 'CH4600002', '20310707100000', ROSALINDA, HH_PV1(),
    {3: 'Z48.815^Surgical aftercare, digestive system^I10', 8: '20310707', 9: '20310904',
     12: 'Home health 60-day episode', 13: PCP, 25: '3^Elective^HL70217'},
    [dg1(1, 'C25.0^Malignant neoplasm of head of pancreas^I10', 'A', '1')])
# ---- Tuesday 8 July: Loretta pre-admitted (start of care planned for the 10th) ----
M['03-adt-a05-pre-admit-begaye'] = adt(
    'A05', 'ADT_A05', '20310708090500', 'CH4600003', '20310708090000', LORETTA,
    pv1('P', HOME, 'CHV4610003', PCP, extra={10: 'HHA', 4: 'R'}),
    {3: 'I50.32^Chronic diastolic (congestive) heart failure^I10', 8: '20310710', 12: 'Home health CHF program'})
# ---- Wednesday 9 July: the RN's visit, charged and documented ----
M['04-dft-p03-visit-charges-valdespino'] = [
    msh('CHHEHR', 'CHH', '20310709171000', 'CH4600004', 'DFT^P03^DFT_P03', '2.5'),
    seg('EVN', {1: 'P03', 2: '20310709171000'}), seg('PID', ROSALINDA), HH_PV1(),
    seg('FT1', {1: '1', 4: '20310709110000^20310709120000', 5: '20310709171000', 6: 'CG^Charge^HL70017',
                7: 'SNV^Skilled nursing visit^CHHCDM', 10: '4', 11: '260.00&USD', 19: 'Z48.815^^I10', 20: HHRN,
                25: 'G0299^Direct skilled nursing services of a registered nurse (RN) in the home health or hospice'
                    ' setting, each 15 minutes^HCPCS'}),
    seg('FT1', {1: '2', 4: '20310709120000', 5: '20310709171000', 6: 'CG^Charge^HL70017',
                7: 'WNDSUP^Wound care supplies^CHHCDM', 10: '1', 11: '38.50&USD', 19: 'Z48.815^^I10', 20: HHRN,
                25: 'A6216^Gauze, non-impregnated, non-sterile, pad size 16 sq in or less, without adhesive border,'
                    ' each dressing^HCPCS'})]
M['05-mdm-t02-skilled-nursing-visit-note-valdespino'] = [
    msh('CHHEHR', 'CHH', '20310709172000', 'CH4600005', 'MDM^T02^MDM_T02', '2.5'),
    seg('EVN', {1: 'T02', 2: '20310709172000'}), seg('PID', ROSALINDA), HH_PV1(),
    seg('TXA', {1: '1', 2: 'HHVN^Home health skilled nursing visit note^L', 3: 'TX', 4: '20310709110000',
                5: HHRN, 6: '20310709110000', 9: HHRN, 12: 'DOC46-0005^CHHEHR', 17: 'AU', 19: 'AV',
                22: HHRN + '^^20310709171800'}),
    seg('OBX', {1: '1', 2: 'TX', 3: '11506-3^Progress note^LN', 4: '1', 5: 'SN visit 11:00-12:00. BP 118/70, HR 88,'
                ' T 37.1. Midline incision 14 cm, well approximated, no drainage.', 11: 'F'}),
    seg('OBX', {1: '2', 2: 'TX', 3: '11506-3^Progress note^LN', 4: '2', 5: 'Pain 5/10 epigastric. Intake poor, '
                'weight down 1.2 kg since SOC. Discussed goals of care with patient and daughter.', 11: 'F'})]
# ---- Monday 14 July: PV2 updated (episode shortened, hospice discussion) ----
M['06-adt-a08-update-episode-valdespino'] = adt(
    'A08', 'ADT_A01', '20310714083000', 'CH4600006', '20310714082500', ROSALINDA, HH_PV1(),
    {3: 'Z48.815^Surgical aftercare, digestive system^I10', 8: '20310707', 9: '20310725',
     12: 'Home health episode; hospice evaluation requested', 13: PCP, 25: '2^Urgent^HL70217'})
# ---- Thursday 10 July: Loretta's start of care on the pre-admitted visit ----
M['07-adt-a04-start-of-care-begaye'] = adt(
    'A04', 'ADT_A01', '20310710113000', 'CH4600007', '20310710110000', LORETTA,
    pv1('R', HOME, 'CHV4610003', PCP, '20310710110000', extra={10: 'HHA', 4: 'R'}),
    {3: 'I50.32^Chronic diastolic (congestive) heart failure^I10', 8: '20310710', 9: '20310907',
     12: 'Home health CHF program', 25: '3^Elective^HL70217'})
M['08-dft-p03-visit-charges-begaye'] = [
    msh('CHHEHR', 'CHH', '20310710170500', 'CH4600008', 'DFT^P03^DFT_P03', '2.5'),
    seg('EVN', {1: 'P03', 2: '20310710170500'}), seg('PID', LORETTA),
    pv1('R', HOME, 'CHV4610003', PCP, '20310710110000', extra={10: 'HHA', 4: 'R'}),
    seg('FT1', {1: '1', 4: '20310710110000^20310710121500', 6: 'CG^Charge^HL70017',
                7: 'SNV^Skilled nursing visit^CHHCDM', 10: '5', 11: '325.00&USD', 19: 'I50.32^^I10', 20: HHRN,
                25: 'G0299^Direct skilled nursing services of a registered nurse (RN) in the home health or hospice'
                    ' setting, each 15 minutes^HCPCS'}),
    seg('FT1', {1: '2', 4: '20310710140000^20310710150000', 6: 'CG^Charge^HL70017',
                7: 'PTV^Physical therapy visit^CHHCDM', 10: '4', 11: '280.00&USD', 19: 'I50.32^^I10',
                20: '1460011207^Nakamura-Reyes^June^^^^PT^^NPI^L^^^NPI',
                25: 'G0151^Services performed by a qualified physical therapist in the home health or hospice '
                    'setting, each 15 minutes^HCPCS'})]
# ---- Monday 21 July: discharged from home health to hospice at home; Tuesday 22: hospice election ----
M['09-adt-a03-discharge-to-hospice-valdespino'] = adt(
    'A03', 'ADT_A03', '20310721160500', 'CH4600009', '20310721160000', ROSALINDA,
    HH_PV1({36: '50^Hospice - home^HL70112', 37: 'CHHHOS^Columbine Hospice', 45: '20310721160000'}))
M['10-adt-a04-hospice-election-valdespino'] = adt(
    'A04', 'ADT_A01', '20310722144000', 'CH4600010', '20310722143000', ROSALINDA, HOSP_PV1(),
    {3: 'C25.0^Malignant neoplasm of head of pancreas^I10', 8: '20310722', 12: 'Hospice election, routine home care',
     13: HOSPICEMD},
    [dg1(1, 'C25.0^Malignant neoplasm of head of pancreas^I10', 'A', '1')])
M['11-rde-o11-comfort-kit-valdespino'] = [
    msh('CHHEHR', 'CHH', '20310722151000', 'CH4600011', 'RDE^O11^RDE_O11', '2.5'),
    seg('PID', ROSALINDA), HOSP_PV1()] + [
    x for (plac, code, amt, unit, form, route, sig, disp, dunit) in [
        ('RX46-1101', 'MSO4OS^Morphine sulfate oral solution 20 mg/mL^CHHRX', '5', 'mg^mg^UCUM', 'SOL^Solution^HL70292',
         'PO^Oral^HL70162', 'Give 0.25 mL (5 mg) by mouth or under tongue every 2 hours as needed for pain or dyspnea',
         '30', 'mL^mL^UCUM'),
        ('RX46-1102', 'LORAZ1^Lorazepam 1 mg tablet^CHHRX', '1', 'mg^mg^UCUM', 'TAB^Tablet^HL70292',
         'SL^Sublingual^HL70162', 'Give 1 tablet under tongue every 4 hours as needed for anxiety or agitation', '10',
         '{tbl}^tablet^UCUM'),
        ('RX46-1103', 'ATROP1^Atropine 1% ophthalmic solution^CHHRX', '2', '{drp}^drop^UCUM',
         'SOL^Solution^HL70292', 'SL^Sublingual^HL70162',
         'Give 2 drops under tongue every 4 hours as needed for terminal secretions', '5', 'mL^mL^UCUM')]
    for x in (seg('ORC', {1: 'NW', 2: f'{plac}^CHHEHR', 5: 'IP', 9: '20310722150500', 12: HOSPICEMD,
                          15: '20310722'}),
              seg('RXE', {1: '^^^20310722150500^^R', 2: code, 3: amt, 5: unit, 6: form, 7: f'^{sig}', 10: disp,
                          11: dunit, 12: '0', 15: plac, 21: 'Hospice comfort kit - keep in refrigerator door'}),
              seg('RXR', {1: route}))]
# ---- Warren at the behavioral-health outpatient clinic (MSH-7 with offset) ----
M['12-adt-a04-bh-outpatient-visit-kittredge'] = adt(
    'A04', 'ADT_A01', '20310715093200-0600', 'FB4600012', '20310715093000-0600', WARREN,
    pv1('O', 'BHOP^RM4^^FRMC^^C^^^Behavioral Health Outpatient Clinic', 'FRV4620002', PSYCH, '20310715093000',
        extra={10: 'PSY', 4: 'R'}, fac='FRMC'),
    None,
    [dg1(1, 'F33.1^Major depressive disorder, recurrent, moderate^I10', 'W', '1'),
     dg1(2, 'F41.1^Generalized anxiety disorder^I10', 'W', '2')], app='FRMCBH', fac='FRMC')
PHQ = [('44250-9', 'Little interest or pleasure in doing things', '2'),
       ('44255-8', 'Feeling down, depressed, or hopeless', '2'),
       ('44259-0', 'Trouble falling or staying asleep, or sleeping too much', '3'),
       ('44254-1', 'Feeling tired or having little energy', '2'),
       ('44251-7', 'Poor appetite or overeating', '1'),
       ('44258-2', 'Feeling bad about yourself-or that you are a failure or have let yourself or your family down', '2'),
       ('44252-5', 'Trouble concentrating on things, such as reading the newspaper or watching television', '1'),
       ('44253-3', 'Moving or speaking so slowly that other people could have noticed. Or the opposite', '1'),
       ('44260-8', 'Thoughts that you would be better off dead, or of hurting yourself in some way', '0')]
M['13-oru-r01-phq9-kittredge'] = [
    msh('FRMCBH', 'FRMC', '20310715101000-0600', 'FB4600013', 'ORU^R01^ORU_R01', '2.5.1'),
    seg('PID', WARREN),
    pv1('O', 'BHOP^RM4^^FRMC^^C^^^Behavioral Health Outpatient Clinic', 'FRV4620002', PSYCH, '20310715093000',
        extra={10: 'PSY'}, fac='FRMC'),
    seg('ORC', {1: 'RE', 2: 'BH46-1301^FRMCBH', 3: 'BH46-1301^FRMCBH', 5: 'CM', 12: PSYCH}),
    seg('OBR', {1: '1', 2: 'BH46-1301^FRMCBH', 3: 'BH46-1301^FRMCBH',
                4: '44249-1^PHQ-9 quick depression assessment panel [Reported.PHQ]^LN', 7: '20310715094500',
                22: '20310715100800', 25: 'F', 32: LCSW.replace('^', '&')})] + [
    seg('OBX', {1: str(i + 1), 2: 'NM', 3: f'{c}^{t}^LN', 5: v, 6: '{score}^score^UCUM', 11: 'F',
                14: '20310715094500'}) for i, (c, t, v) in enumerate(PHQ)] + [
    seg('OBX', {1: '10', 2: 'NM', 3: '44261-6^Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]^LN',
                5: '14', 6: '{score}^score^UCUM', 7: '0-27', 8: 'A', 11: 'F', 14: '20310715094500'}),
    seg('OBX', {1: '11', 2: 'CWE', 3: '44261-6^PHQ-9 total score interpretation^LN', 4: 'sev',
                5: 'LA6606-3^Moderate depression^LN', 11: 'F', 14: '20310715094500'})]
M['14-adt-a03-bh-visit-end-kittredge'] = adt(
    'A03', 'ADT_A03', '20310715104500-0600', 'FB4600014', '20310715104000-0600', WARREN,
    pv1('O', 'BHOP^RM4^^FRMC^^C^^^Behavioral Health Outpatient Clinic', 'FRV4620002', PSYCH, '20310715093000',
        extra={10: 'PSY', 4: 'R', 36: '01^Discharged to home or self care^HL70112', 45: '20310715104000'},
        fac='FRMC'),
    None, [dg1(1, 'F33.1^Major depressive disorder, recurrent, moderate^I10', 'F', '1')],
    app='FRMCBH', fac='FRMC')
# ---- Sunday 27 July: Rosalinda dies at home under hospice ----
DEAD = {**ROSALINDA, 29: '20310727041500', 30: 'Y'}
M['15-adt-a08-death-recorded-valdespino'] = adt(
    'A08', 'ADT_A01', '20310727063000', 'CH4600015', '20310727062500', DEAD, HOSP_PV1())
M['16-adt-a03-hospice-discharge-expired-valdespino'] = adt(
    'A03', 'ADT_A03', '20310727064000', 'CH4600016', '20310727063500', DEAD,
    HOSP_PV1({36: '40^Expired at home^HL70112', 45: '20310727041500'}))

if __name__ == '__main__':
    OUT.mkdir(parents=True, exist_ok=True)
    assert len(M) == 16, len(M)
    for p in OUT.glob('*.hl7'):
        p.unlink()
    for name, segs in sorted(M.items()):
        (OUT / f'{name}.hl7').write_bytes(('\r'.join(segs) + '\r').encode('utf-8'))
    print(len(M), 'messages in', OUT)
