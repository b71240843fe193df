/**
 * Issue 14 / review 4 class A, the last paths: a CWE field bound to an HL7 table is read through
 * that table's concept map only for a code of the table (CWE.3 empty or `HL7nnnn`, else CWE.4 with
 * CWE.6 `HL7nnnn`; coding.ts ownTableCode). A code whose CWE.3 names another system is the
 * sender's: a `code`-typed element gets nothing from it and the field is reported (located, never
 * the value); a CodeableConcept element keeps the sender's coding; a required element keeps its
 * fallback. Expected values are the IG concept map rows (codesystems CSVs) and v2 table codes.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { ownTableCode, tableMapCode } from '../../src/transform/datatypes/coding.js';
import type { Repetition } from '../../src/hl7/message.js';
import { resources } from './helpers.js';

type Json = Record<string, unknown>;

function run(segments: string[]): { bundle: Json; lines: string[] } {
  const { bundle, report } = convertHl7v2(segments.join('\r'));
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { bundle, lines };
}

/** Report lines naming field `field` (e.g. `NK1-15`); asserts none of them carries `secret`. */
function said(lines: string[], field: string, secret: string): string[] {
  const out = lines.filter((l) => l.includes(`${field} `));
  for (const l of out) expect(l).not.toContain(secret);
  return out;
}

/** `count` empty fields then `value`: the value lands in field count+1 after the segment name. */
function field(n: number, value: string): string {
  return '|'.repeat(n) + value;
}

const MSH = (type: string, id: string, version = '2.8'): string => `MSH|^~\\&|SEND|HOSP|RECV|HOSP|20240301080000-0500||${type}|${id}|P|${version}`;
const PID = (sex = 'F'): string => `PID|1||MRN600^^^HOSP^MR||DOE^JANE||19800101|${sex}`;

describe('ownTableCode / tableMapCode: the one rule', () => {
  const rep = (s: string): Repetition => s.split('^').map((c) => c.split('&'));
  it.each([
    // [IG AdministrativeSex: M,Male,HL70001 → male]
    ['M', { code: 'M', bare: true }, 'male'],
    ['M^Male^HL70001', { code: 'M', bare: false }, 'male'],
    // [IG CWE[CodeableConcept] CWE.4-6 → coding[2]]: the alternate is the table's
    ['1^Male^L^M^Male^HL70001', { code: 'M', bare: false }, 'male'],
    // table names as senders write them: short, without leading zeros, any case (review 5's re-read:
    // HL7127, Hl7128, HL7280 in the Microsoft corpus name tables 0127, 0128, 0280)
    ['M^Male^HL71', { code: 'M', bare: false }, 'male'],
    ['M^Male^hl7001', { code: 'M', bare: false }, 'male'],
    ['M^Male^HL7-0001', { code: 'M', bare: false }, 'male'],
    // a placeholder is no table number
    ['M^Male^HL7nnnn', undefined, undefined],
    // CWE.3 names the sender's own system: not table 0001's M
    ['M^Mann^L', undefined, undefined],
    ['M^Male^99SEX', undefined, undefined],
  ])('%s (table 0001, AdministrativeSex)', (v, own, code) => {
    expect(ownTableCode(rep(v), '0001')).toEqual(own);
    expect(tableMapCode(rep(v), 'AdministrativeSex')).toEqual({ code, foreign: own === undefined });
  });
});

describe('administrative sex (CWE, table 0001) → gender', () => {
  // [IG PID[Patient] #8 → gender via AdministrativeSex] F,Female,HL70001 → female
  it('PID-8: a table code is mapped, another system\'s code is left out and reported', () => {
    const mapped = run([MSH('ADT^A04^ADT_A01', 'S1'), 'EVN|A04', PID('F^Female^HL70001')]);
    expect(resources(mapped.bundle, 'Patient')[0]?.gender).toBe('female');
    expect(said(mapped.lines, 'PID-8', 'Female')).toEqual([]);
    const foreign = run([MSH('ADT^A04^ADT_A01', 'S2'), 'EVN|A04', PID('F^Frau^L')]);
    expect(resources(foreign.bundle, 'Patient')[0]?.gender).toBeUndefined();
    expect(said(foreign.lines, 'PID-8', 'Frau')).toHaveLength(1);
  });

  // [IG NK1[RelatedPerson] #15 → gender via AdministrativeSex] M,Male,HL70001 → male
  it.each([
    ['M', 'male', 0],
    ['M^Male^HL70001', 'male', 0],
    ['M^Mother^L', undefined, 1],
  ])('NK1-15 %s → %s', (sex, gender, lines) => {
    const { bundle, lines: report } = run([MSH('ADT^A04^ADT_A01', `N${sex}`), 'EVN|A04', PID(), `NK1|1|ROE^ANN|MTH^Mother^HL70063${field(12, sex)}`]);
    expect(resources(bundle, 'RelatedPerson')[0]?.gender).toBe(gender);
    expect(said(report, 'NK1-15', 'Mother')).toHaveLength(lines);
  });

  // IN1-43 insured's sex (CWE, table 0001) as NK1-15 [IG AdministrativeSex] M → male
  it.each([
    ['M', 'male', 0],
    ['M^Male^X99', undefined, 1],
  ])('IN1-43 %s → %s', (sex, gender, lines) => {
    const in1 = `IN1|1|PLAN1^Gold|PAY1^^^HOSP|Payer Inc${field(12, 'ROE^RICK')}|SPO^Spouse^HL70063${field(26, sex)}`;
    const { bundle, lines: report } = run([MSH('ADT^A04^ADT_A01', `I${sex}`), 'EVN|A04', PID(), 'PV1|1|O', in1]);
    const insured = resources(bundle, 'RelatedPerson').find((r) => JSON.stringify(r.name).includes('ROE'));
    expect(insured).toBeDefined();
    expect(insured?.gender).toBe(gender);
    expect(said(report, 'IN1-43', 'X99')).toHaveLength(lines);
  });

  // GT1-9 guarantor sex (CWE, table 0001) [hig: no IG GT1 map; AdministrativeSex] F → female
  it.each([
    ['F', 'female', 0],
    ['F^Female^HL70001', 'female', 0],
    ['F^Femme^L', undefined, 1],
  ])('GT1-9 %s → %s', (sex, gender, lines) => {
    const { bundle, lines: report } = run([MSH('ADT^A04^ADT_A01', `G${sex}`), 'EVN|A04', PID(), 'PV1|1|O', `GT1|1|G77^^^HOSP|ROE^RITA|||||19700101|${sex}`]);
    const guarantor = resources(bundle, 'RelatedPerson').find((r) => JSON.stringify(r.name).includes('RITA'));
    expect(guarantor?.gender).toBe(gender);
    expect(said(report, 'GT1-9', 'Femme')).toHaveLength(lines);
  });
});

describe('allergy type and severity (CWE, tables 0127 and 0128)', () => {
  const al1 = (type: string, severity: string) => run([MSH('ADT^A01^ADT_A01', `A${type}${severity}`), 'EVN|A01', PID(), 'PV1|1|I', `AL1|1|${type}|70618^Penicillin^RXNORM|${severity}|Hives`]);

  // [IG AL1[AllergyIntolerance] #2 → category via AllergenType[AllergyIntoleranceCategory]] DA,Drug allergy,HL70127 → medication
  // [IG AL1 #4 → criticality via AllergySeverity[AllergyIntolerance.criticality]] SV,Severe,HL70128 → high;
  // [… reaction.severity] SV → severe
  it.each([
    ['DA', 'SV'],
    ['DA^Drug allergy^HL70127', 'SV^Severe^HL70128'],
  ])('AL1-2 %s, AL1-4 %s: the table codes are mapped', (type, severity) => {
    const { bundle, lines } = al1(type, severity);
    const a = resources(bundle, 'AllergyIntolerance')[0];
    expect(a?.category).toEqual(['medication']);
    expect(a?.criticality).toBe('high');
    expect((a?.reaction as Json[] | undefined)?.[0]?.severity).toBe('severe');
    expect(said(lines, 'AL1-2', 'Drug')).toEqual([]);
    expect(said(lines, 'AL1-4', 'Severe')).toEqual([]);
  });

  it('AL1-2 DA^Dental^L and AL1-4 SV^Sievert^L are the sender\'s: no category, criticality or severity; both reported', () => {
    const { bundle, lines } = al1('DA^Dental^L', 'SV^Sievert^L');
    const a = resources(bundle, 'AllergyIntolerance')[0];
    expect(a?.category).toBeUndefined();
    expect(a?.criticality).toBeUndefined();
    expect((a?.reaction as Json[] | undefined)?.[0]?.severity).toBeUndefined();
    expect(said(lines, 'AL1-2', 'Dental')).toHaveLength(1);
    expect(said(lines, 'AL1-4', 'Sievert')).toHaveLength(1);
  });

  const iam = (type: string, severity: string, iar2: string) =>
    run([MSH('ADT^A60^ADT_A60', `M${type}${severity}${iar2}`), 'EVN|A60', PID(), `IAM|1|${type}|70618^Penicillin^RXNORM|${severity}|Hives|A^Add/Insert^HL70206|IAM61-1^HOSP`, `IAR|271807003^Skin rash^SCT|${iar2}`]);

  // [IG IAM[AllergyIntolerance] #4 via AllergySeverity[…criticality] MI,Mild,HL70128 → low; […reaction.severity] MO,Moderate → moderate]
  it('IAM-2/IAM-4/IAR-2 table codes are mapped', () => {
    const { bundle, lines } = iam('FA^Food allergy^HL70127', 'MI^Mild^HL70128', 'MO^Moderate^HL70128');
    const a = resources(bundle, 'AllergyIntolerance')[0];
    expect(a?.category).toEqual(['food']); // [IG AllergenType[AllergyIntoleranceCategory]] FA → food
    expect(a?.criticality).toBe('low');
    expect((a?.reaction as Json[] | undefined)?.map((r) => r.severity)).toContain('moderate');
    expect(said(lines, 'IAM-2', 'Food')).toEqual([]);
    expect(said(lines, 'IAR-2', 'Moderate')).toEqual([]);
  });

  it('IAM-2/IAM-4/IAR-2 codes of another system are not mapped and are reported', () => {
    const { bundle, lines } = iam('FA^Family^L', 'MI^Minor^L', 'MO^Monthly^L');
    const a = resources(bundle, 'AllergyIntolerance')[0];
    expect(a?.category).toBeUndefined();
    expect(a?.criticality).toBeUndefined();
    expect((a?.reaction as Json[] | undefined)?.some((r) => r.severity !== undefined)).toBe(false);
    expect(said(lines, 'IAM-2', 'Family')).toHaveLength(1);
    expect(said(lines, 'IAM-4', 'Minor')).toHaveLength(1);
    expect(said(lines, 'IAR-2', 'Monthly')).toHaveLength(1);
  });
});

describe('IAM-9 sensitivity (CWE, table 0436) and IAM-17 clinical status (CWE, table 0438)', () => {
  const iam = (sensitivity: string, status: string) =>
    run([MSH('ADT^A60^ADT_A60', `V${sensitivity}${status}`), 'EVN|A60', PID(), `IAM|1|DA|70618^Penicillin^RXNORM|||A^Add/Insert^HL70206|IAM62-1^HOSP||${sensitivity}${field(8, status)}`]);
  // [hig IAM-9: table 0436 AL Allergy → type allergy; table 0438 C Confirmed → verificationStatus confirmed]
  it.each([
    ['AL', 'C'],
    ['AL^Allergy^HL70436', 'C^Confirmed^HL70438'],
  ])('%s / %s → allergy, confirmed', (sensitivity, status) => {
    const a = resources(iam(sensitivity, status).bundle, 'AllergyIntolerance')[0] as { type?: unknown; verificationStatus?: { coding?: { code?: unknown }[] } } | undefined;
    expect(a?.type).toBe('allergy');
    expect(a?.verificationStatus?.coding?.[0]?.code).toBe('confirmed');
  });
  it('AL^Alcohol^L / C^Chronic^L are the sender\'s: no type from IAM-9, no verification status; both reported', () => {
    const { bundle, lines } = iam('AL^Alcohol^L', 'C^Chronic^L');
    const a = resources(bundle, 'AllergyIntolerance')[0];
    // [IG IAM[AllergyIntolerance] #2 → type via AllergyType] the type is IAM-2 DA's (allergy), not IAM-9's (review 15, R15-L4)
    expect(a?.type).toBe('allergy');
    expect(a?.verificationStatus).toBeUndefined();
    expect(said(lines, 'IAM-9', 'Alcohol')).toHaveLength(1);
    expect(said(lines, 'IAM-17', 'Chronic')).toHaveLength(1);
  });
});

describe('DG1-6 diagnosis type (CWE, table 0052) → Encounter.diagnosis.use (CodeableConcept)', () => {
  const dg1 = (type: string) => {
    const { bundle, lines } = run([MSH('ADT^A08^ADT_A01', `D${type}`), 'EVN|A08', PID(), 'PV1|1|I|||||||||||||||||V600^^^HOSP^VN', `DG1|1||I10^Essential hypertension^I10||20240601|${type}`]);
    const encounter = resources(bundle, 'Encounter')[0] as { diagnosis?: { use?: unknown }[] } | undefined;
    return { use: encounter?.diagnosis?.[0]?.use, lines };
  };
  // [IG DG1[Encounter] #6 via DiagnosisType] A,Admitting,HL70052 → diagnosis-role AD
  it.each(['A', 'A^Admitting^HL70052'])('%s → diagnosis-role AD', (type) => {
    expect(dg1(type).use).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/diagnosis-role', code: 'AD' }] });
  });
  // [IG DG1[Encounter] #6 CWE[CodeableConcept]: CWE.1 → code, CWE.2 → display, CWE.3 → system]
  it('A^Acute^L keeps the sender\'s coding, never AD', () => {
    expect(dg1('A^Acute^L').use).toEqual({ coding: [{ system: 'urn:hl7v2:codesystem:L', code: 'A', display: 'Acute' }] });
  });
});

describe('SCH-25 filler status (CWE, table 0278) → Appointment.status (required)', () => {
  const sch = (sch25: string) => {
    const { bundle, lines } = run([
      MSH('SIU^S12^SIU_S12', `S${sch25}`),
      `SCH|12345|36996||||Add|EMERGENCY|Normal|60|min${field(15, sch25)}`,
      'TQ1|||||||20210924093000+0215|20210924102000+0215|A',
      PID(),
    ]);
    return { status: resources(bundle, 'Appointment')[0]?.status, lines };
  };
  // [IG FillerStatusCodes[Appointment]] Pending,HL70278 → pending
  it.each(['Pending', 'Pending^Pending^HL70278'])('%s → pending', (v) => {
    expect(sch(v).status).toBe('pending');
  });
  it('Pending^Pending^LOCAL is no 0278 code: the S12 event\'s booked (the required fallback), reported', () => {
    const { status, lines } = sch('Pending^Awaiting^LOCAL');
    expect(status).toBe('booked');
    expect(said(lines, 'SCH-25', 'Awaiting')).toHaveLength(1);
  });
});

describe('TQ1-9 priority (CWE, table 0485) → priority', () => {
  const order = (priority: string) => {
    const { bundle, lines } = run([
      MSH('OML^O21^OML_O21', `T${priority}`, '2.5.1'),
      PID(),
      'ORC|NW|PL61^CPOE|||||||20240601113000-0500',
      `TQ1|1${field(8, priority)}`,
      'OBR|1|PL61^CPOE||2345-7^Glucose^LN',
    ]);
    return { priority: resources(bundle, 'ServiceRequest')[0]?.priority, lines };
  };
  // [IG TQ1[ServiceRequest] #9 via ExtendedPriorityCodes] S,Stat,HL70485 → stat
  it.each(['S', 'S^Stat^HL70485'])('ServiceRequest: %s → stat', (v) => expect(order(v).priority).toBe('stat'));
  it('ServiceRequest: S^Scheduled^L is not stat, reported', () => {
    const { priority, lines } = order('S^Scheduled^L');
    expect(priority).toBeUndefined();
    expect(said(lines, 'TQ1-9', 'Scheduled')).toHaveLength(1);
  });

  const rde = (priority: string) => {
    const { bundle, lines } = run([
      MSH('RDE^O11^RDE_O11', `R${priority}`, '2.5.1'),
      PID(),
      'ORC|NW|ORD600^CPOE|||||||20240301075500-0500',
      `TQ1|1||TID${field(6, priority)}`,
      'RXE||00904629161^Acetaminophen 500 mg tab^NDC|500||mg^milligram^UCUM',
    ]);
    return { priority: resources(bundle, 'MedicationRequest')[0]?.priority, lines };
  };
  // [IG TQ1[MedicationRequest] #9 via ExtendedPriorityCodes] A,ASAP,HL70485 → asap
  it.each(['A', 'A^ASAP^HL70485'])('MedicationRequest: %s → asap', (v) => expect(rde(v).priority).toBe('asap'));
  it('MedicationRequest: A^Ambulatory^L is not asap, reported', () => {
    const { priority, lines } = rde('A^Ambulatory^L');
    expect(priority).toBeUndefined();
    expect(said(lines, 'TQ1-9', 'Ambulatory')).toHaveLength(1);
  });
});

describe('RF1-1 status (CWE, table 0283) and RF1-2 priority (CWE, table 0280)', () => {
  const referral = (rf1: string, rf2: string) => {
    const { bundle, lines } = run([MSH('REF^I12^REF_I12', `F${rf1}${rf2}`, '2.5.1'), `RF1|${rf1}|${rf2}||||REF-7^EHR`, PID()]);
    const sr = resources(bundle, 'ServiceRequest')[0];
    return { status: sr?.status, priority: sr?.priority, lines };
  };
  // [hig, table 0283 R Rejected → revoked; table 0280 S STAT → request-priority stat (ExtendedPriorityCodes S)]
  it.each([
    ['R', 'S'],
    ['R^Rejected^HL70283', 'S^STAT^HL70280'],
  ])('%s / %s → revoked, stat', (rf1, rf2) => {
    const { status, priority, lines } = referral(rf1, rf2);
    expect(status).toBe('revoked');
    expect(priority).toBe('stat');
    expect(said(lines, 'RF1-1', 'Rejected')).toEqual([]);
  });
  it('R^Radiology^L / S^Surgery^L are the sender\'s: status stays active (required), no priority; both reported', () => {
    const { status, priority, lines } = referral('R^Radiology^L', 'S^Surgery^L');
    expect(status).toBe('active');
    expect(priority).toBeUndefined();
    expect(said(lines, 'RF1-1', 'Radiology')).toHaveLength(1);
    expect(said(lines, 'RF1-2', 'Surgery')).toHaveLength(1);
  });
});

describe('short table names in AL1 (review 5 re-read: 7 Microsoft messages lost allergy category and criticality)', () => {
  it('[IG AL1[AllergyIntolerance] #2, #4] AL1-2 DA^Drug allergy^HL7127 and AL1-4 SV^Severe^Hl7128 are tables 0127 and 0128', () => {
    const r = run([MSH('ADT^A01^ADT_A01', 'S9'), 'EVN|A01', PID(), 'AL1|1|DA^Drug allergy^HL7127|PCN^Penicillin^L|SV^Severe^Hl7128']);
    const allergy = resources(r.bundle, 'AllergyIntolerance')[0]!;
    expect(allergy.category).toEqual(['medication']);
    expect(allergy.criticality).toBe('high');
  });
});

describe('TQ1-3 RPT.1 repeat pattern (a CWE in subcomponents; table 0335)', () => {
  const timing = (type: 'ORM' | 'RDE', rpt: string): Json | undefined => {
    const lines = type === 'ORM'
      ? [MSH('ORM^O01^ORM_O01', `T${rpt.length}`, '2.5.1'), PID(), 'ORC|NW|ORD700^CPOE|||||||20240301075500-0500', `TQ1|1||${rpt}||||20240302080000-0500|20240331080000-0500`, 'OBR|1|ORD700^CPOE||2345-7^Glucose^LN']
      : [MSH('RDE^O11^RDE_O11', `M${rpt.length}`, '2.5.1'), PID(), 'ORC|NW|ORD701^CPOE|||||||20240301075500-0500', `TQ1|1||${rpt}`, 'RXE||00904629161^Acetaminophen 500 mg tab^NDC|500||mg^milligram^UCUM'];
    const { bundle } = run(lines);
    const r = resources(bundle, type === 'ORM' ? 'ServiceRequest' : 'MedicationRequest')[0];
    return (type === 'ORM' ? r?.occurrenceTiming : ((r?.dosageInstruction as Json[] | undefined)?.[0]?.timing)) as Json | undefined;
  };
  // [IG RPT[Timing] RPT.1 via RepeatPattern (source HL70335)] BID → twice a day
  it.each(['ORM', 'RDE'] as const)('%s: BID and BID&twice a day&HL70335 are table 0335: frequency 2 per day', (type) => {
    for (const rpt of ['BID', 'BID&twice a day&HL70335']) expect((timing(type, rpt)?.repeat as Json | undefined)).toMatchObject({ frequency: 2, period: 1, periodUnit: 'd' });
  });
  it.each(['ORM', 'RDE'] as const)('%s: BID&Twice a week&L is the sender\'s code: kept in Timing.code, no repeat of table 0335', (type) => {
    const t = timing(type, 'BID&Twice a week&L');
    expect((t?.repeat as Json | undefined)?.frequency).toBeUndefined();
    const coding = ((t?.code as Json).coding as Json[])[0]!;
    expect(coding.code).toBe('BID');
    expect(coding.display).toBe('Twice a week');
    expect(String(coding.system)).not.toContain('v2-0335');
  });
});

describe('a CWE with text and no code (CWE.2 only) is no table code either: reported without its text (code review 2)', () => {
  it('PID-8 ^Female here: no gender, reported', () => {
    const r = run([MSH('ADT^A04^ADT_A01', 'X1'), 'EVN|A04', PID('^Female here')]);
    expect(resources(r.bundle, 'Patient')[0]?.gender).toBeUndefined();
    expect(said(r.lines, 'PID-8', 'here')).toHaveLength(1);
  });

  it('AL1-2 ^Drug allergy here: no category, reported', () => {
    const r = run([MSH('ADT^A01^ADT_A01', 'X2'), 'EVN|A01', PID(), 'PV1|1|I', 'AL1|1|^Drug allergy here|70618^Penicillin^RXNORM']);
    expect(resources(r.bundle, 'AllergyIntolerance')[0]?.category).toBeUndefined();
    expect(said(r.lines, 'AL1-2', 'here')).toHaveLength(1);
  });

  it('TQ1-9 ^Stat here on an order: no priority, reported', () => {
    const r = run([MSH('OML^O21^OML_O21', 'X3', '2.5.1'), PID(), 'ORC|NW|PL62^CPOE|||||||20240601113000-0500', `TQ1|1${field(8, '^Stat here')}`, 'OBR|1|PL62^CPOE||2345-7^Glucose^LN']);
    expect(resources(r.bundle, 'ServiceRequest')[0]?.priority).toBeUndefined();
    expect(said(r.lines, 'TQ1-9', 'here')).toHaveLength(1);
  });
});
