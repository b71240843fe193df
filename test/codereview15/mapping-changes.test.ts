/**
 * Code review 15 (issue 14): defects in the lead's mapping changes on main since 5afb507
 * (docs/codereview15.md, CR15-1 … CR15-9). Each case was `it.fails` until the lead's fix; now `it`. It asserts
 * what the IG row, FHIR R4 or hig's identity rules (docs/mapping.md "Resource identity") say, and
 * hig on main (0732a48) does otherwise. The lead flips a case to `it` when the defect is fixed.
 * Expected values come from the message, the IG rows and the spec named in each case, never from
 * the converter's output.
 *
 *   npx vitest run test/codereview15/mapping-changes.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { entries, resources, seg } from '../transform/helpers.js';

type Json = Record<string, unknown>;

const MSH = (event: string, more = '') => `MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^${event}^ADT_A01|CR15|P|2.5.1${more}`;
const EVN = (event: string, operator = '') => `EVN|${event}|20240305083500-0500||${operator === '' ? '' : `|${operator}`}`;

function convert(...segments: string[]): { bundle: Json; lines: string[] } {
  const { bundle, report } = convertHl7v2(segments.join('\r'));
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { bundle, lines };
}

/** The PUT URL of the one resource of `type` in the Bundle. */
function urlOf(bundle: Json, type: string): string | undefined {
  return entries(bundle).find((e) => e.resource.resourceType === type)?.request.url;
}

describe('CR15-1 [identity] a driver\'s licence with an issuer moves the Patient (identity.ts patientIdentity, pid.ts:206)', () => {
  // docs/mapping.md "Resource identity": the Patient is the identifier chosen by rule; PID-3 absent,
  // the SSN (PID-19) is the only numbered identity. Adding the same person's licence (PID-20) is a
  // new fact about the same patient: the PUT URL must not move. On 5afb507 it did not (a DLN had no
  // system nor assigner); now DLN.2 gives it a system/assigner and rank DL (11) beats SS (12).
  const pid = (dln: string) => seg('PID', { 1: '1', 5: 'DOE^JANE', 7: '19800215', 8: 'F', 19: '123-45-6789', 20: dln });
  const patientUrl = (dln: string) => urlOf(convert(MSH('A08'), EVN('A08'), pid(dln), 'PV1|1|O').bundle, 'Patient');

  it('PID-20 `S999^MI` (a state: urn:oid:…4.3.26) beside the SSN: the same Patient URL as without it', () => {
    expect(patientUrl('S999^MI')).toBe(patientUrl(''));
  });

  it('PID-20 `S999^US` (assigner.display only) beside the SSN: the same Patient URL as without it', () => {
    expect(patientUrl('S999^US')).toBe(patientUrl(''));
  });
});

describe('CR15-2 [identity] FN.2–FN.5 move a Practitioner known by name only (entities.ts:39 nameKey = JSON of the name)', () => {
  // [IG FN[HumanName] FN.2–FN.5] are the parts of the surname FN.1 already holds: the same person.
  // entities.ts itself puts XCN.14's identifier extension on "after the resource's identity is
  // taken ..., so it never changes an id"; `_family` is added before the key is taken.
  const practitionerUrl = (operator: string) => urlOf(convert(MSH('A04'), EVN('A04', operator), seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE' }), 'PV1|1|O').bundle, 'Practitioner');

  it('EVN-5 `^Berg-de Vries&van der&Berg&de&Vries^Anna` is the Practitioner `^Berg-de Vries^Anna` is', () => {
    const plain = practitionerUrl('^Berg-de Vries^Anna');
    expect(plain).toBeDefined();
    expect(practitionerUrl('^Berg-de Vries&van der&Berg&de&Vries^Anna')).toBe(plain);
  });
});

describe('CR15-2b [identity] XPN.15 moves a PRD Practitioner without PRD-7 (admin.ts:382 key = JSON of every name)', () => {
  // [IG XPN[HumanName] #15 → a second name, use nickname]: one more name of the same provider.
  // The key is taken after xpnNames added the nickname, so PRD-2 with XPN.15 is another Practitioner.
  const practitionerUrl = (prd2: string) => urlOf(convert(
    'MSH|^~\\&|REF|HOSP|EHR|HOSP|20240305083500-0500||REF^I12^REF_I12|CR15|P|2.5.1',
    'RF1|A^Accepted^HL70283|R^Routine^HL70280|GRF^General referral^HL70281',
    `PRD|RP^Referring^HL70286|${prd2}`,
    seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE' }),
  ).bundle, 'Practitioner');

  it('PRD-2 `SMITH^JOHN^^^^^L^^^^^^^^Jack` is the Practitioner `SMITH^JOHN^^^^^L` is', () => {
    const plain = practitionerUrl('SMITH^JOHN^^^^^L');
    expect(plain).toBeDefined();
    expect(practitionerUrl('SMITH^JOHN^^^^^L^^^^^^^^Jack')).toBe(plain);
  });
});

describe('CR15-3 [silent drop] FN.2–FN.5 without FN.1 and without a given name (name.ts:37 returns before familyParts)', () => {
  // [IG FN[HumanName] FN.3 → family.extension humanname-own-name, FN.5 → humanname-partner-name]:
  // the row has no condition on FN.1. The whole name is dropped and the report says
  // "every valued field was mapped".
  it('PID-5 `&&Berg&&Vries`: a name with the own-name/partner-name extensions, or a PID-5 report line', () => {
    const { bundle, lines } = convert(MSH('A04'), EVN('A04'), seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: '&&Berg&&Vries', 7: '19800215' }), 'PV1|1|O');
    const names = (resources(bundle, 'Patient')[0] as Json).name as Json[] | undefined;
    const kept = JSON.stringify(names ?? []).includes('Berg') && JSON.stringify(names ?? []).includes('Vries');
    expect(kept || lines.some((l) => l.startsWith('PID-5'))).toBe(true);
  });
});

describe('CR15-4 [IG row not applied] IN1-16 XPN.15 reported although RelatedPerson.name is 0..* (admin.ts:151 uses xpnName)', () => {
  // [IG XPN[HumanName] XPN.15 → [2].given, [2].use "nickname"], condition: the attribute allows
  // multiple names. IN1-16 → RelatedPerson.name, 0..* in FHIR R4 (as NK1-2's and GT1-3's, which
  // use xpnNames). docs/mapping.md's FN row lists IN1-16 among one-name elements; tally.py counts
  // the line as 'nc' (no target), so the loss is invisible in the review tallies.
  it('IN1-16 `DOE^JOHN^^^^^L^^^^^^^^Jack` (insured spouse): the RelatedPerson has the nickname name', () => {
    const { bundle } = convert(MSH('A04'), EVN('A04'), seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE' }), 'PV1|1|O',
      seg('IN1', { 1: '1', 2: 'PLAN1', 3: 'INS1^^^HOSP', 4: 'ACME', 16: 'DOE^JOHN^^^^^L^^^^^^^^Jack', 17: 'SPO' }));
    const rp = resources(bundle, 'RelatedPerson')[0] as Json;
    expect(rp.name).toContainEqual({ use: 'nickname', given: ['Jack'] });
  });
});

describe('CR15-5 [wrong data] a cancelled admission keeps its bed `active` (pv1.ts:143 reads only `finished`)', () => {
  // The lead's own rule (docs/mapping.md PV1-3 row, hig departure): FHIR's location `active` says
  // the patient is there now. After A11 (cancel admit) the Encounter is `cancelled`: the patient is
  // not in W1/R1/B1, yet the bed and the temporary location stay `active` (a receiver shows the
  // bed occupied), while A03 now makes them `completed`.
  it('A11: no location of the cancelled Encounter is `active`', () => {
    const { bundle } = convert(MSH('A11', ''), EVN('A11'), seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE' }),
      seg('PV1', { 1: '1', 2: 'I', 3: 'W1^R1^B1^HOSP', 11: 'T1^^^HOSP', 19: 'V1^^^HOSP^VN', 44: '20240301' }));
    const encounter = resources(bundle, 'Encounter')[0] as Json;
    expect(encounter.status).toBe('cancelled');
    const statuses = ((encounter.location as Json[] | undefined) ?? []).map((l) => l.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses).not.toContain('active');
  });
});

describe('CR15-6 [IG row not applied] an Appointment NTE-4 stays "valued but not mapped" (nte.ts:107 appointmentNote)', () => {
  // [IG NTE[Appointment-Comment] #4 → annotationType extension, CWE[CodeableConcept]]: the note
  // now is an Annotation (extension-Appointment.note) and the Annotation path (nte.ts:72) carries
  // NTE-4 as v2-noteType; the Appointment path drops to the generic report line.
  it('SIU_S12 root NTE with NTE-4 `RE^Remark^HL70364`: the comment type is in the Appointment', () => {
    const { bundle, lines } = convert(
      'MSH|^~\\&|SCH|HOSP|EHR|HOSP|20240305083500-0500||SIU^S12^SIU_S12|CR15|P|2.5.1',
      'SCH|A1^SCH|F1^SCH||||R^Routine|||||^^^20240310100000^20240310103000|||||DOC^DOCTOR^D|||||||||BOOKED',
      'NTE|1||Bring films|RE^Remark^HL70364|D1^Writer^Will|20240305083000',
      seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE' }), 'RGS|1', 'AIS|1||X^Exam');
    const appointment = resources(bundle, 'Appointment')[0] as Json;
    expect(JSON.stringify(appointment)).toContain('"code":"RE"');
    expect(lines.filter((l) => l.startsWith('NTE-4'))).toEqual([]);
  });
});

describe('CR15-7 [FHIR invalid] DLN.2 looked up in the namespace map by plain property access (identifier.ts:69)', () => {
  // `ctx.namespaceMap[issuer]` on a plain object: DLN.2 `constructor` (or `toString`, `__proto__`)
  // returns Object's own member, which becomes Identifier.system; validateBundle rejects the Bundle.
  // (authoritySystem, identifier.ts:86–87, has the same pattern for CX.4, before this change.)
  it('PID-20 `S999^constructor`: the Bundle validates', () => {
    const { bundle } = convertHl7v2([MSH('A04'), EVN('A04'), seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE', 20: 'S999^constructor' }), 'PV1|1|O'].join('\r'));
    expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('CR15-8 [duplicate] one called-by name sent on two XPN repetitions becomes two identical nickname names', () => {
  // [IG XPN[HumanName] #15 → [2] a nickname name]: `Janie` on the legal and the display name is one
  // fact; Patient.name lists `{use: nickname, given: [Janie]}` twice.
  it('PID-5 `DOE^JANE^^^^^L^…^Janie~DOE^JANE^^^^^D^…^Janie`: one nickname name', () => {
    const { bundle } = convert(MSH('A04'), EVN('A04'), seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE^^^^^L^^^^^^^^Janie~DOE^JANE^^^^^D^^^^^^^^Janie' }), 'PV1|1|O');
    const names = (resources(bundle, 'Patient')[0] as Json).name as Json[];
    expect(names.filter((n) => n.use === 'nickname')).toHaveLength(1);
  });
});

describe('CR15-9 [report] OBR-53\'s CX report lines do not name their field (order.ts:369 cxIdentifier(r, cx), not cx.at(obr, 53))', () => {
  // Every report line names its field (PID-20 passes cx.at(seg, 20) to dlnIdentifier). An OBR-53
  // CX.5 that is no table 0203 code is reported as "OBR (segment 4): CX.5 …": the analyst, and the
  // review tallies (an unknown text is counted (a)), cannot tell which field lost it.
  it('OBR-53 `APON-53^^^^XYZ`: the CX.5 line starts with OBR-53', () => {
    const obr = ['OBR', '1', '845439^GHH OE', '986^LAB', '625-4^Bacteria identified^LN'];
    while (obr.length <= 53) obr.push('');
    obr[53] = 'APON-53^^^^XYZ';
    const { lines } = convert('MSH|^~\\&|LIS|HOSP|EHR|HOSP|20240305083500-0500||OML^O21^OML_O21|CR15|P|2.8',
      seg('PID', { 1: '1', 3: 'M1^^^HOSP^MR', 5: 'DOE^JANE' }), 'ORC|NW|845439^GHH OE|986^LAB', obr.join('|'));
    const cx5 = lines.filter((l) => l.includes('CX.5'));
    expect(cx5).toHaveLength(1);
    expect(cx5[0]).toMatch(/^OBR-53 /);
  });
});
