/**
 * Issue 14's fields the IG maps but the Bundles still lost (docs/mapping-review-6.md "Remaining
 * losses by field"): DG1-21/22, PR1-6/7/23/25, SPM-20, each per its row; and the fields whose rows
 * have no target (IN1-44/47/55, ORC-8, ORC-15), which must stay in the report and out of the Bundle.
 * Expected values are written from the rows (IG DG1[Condition], PR1[Procedure], SPM[Specimen],
 * ConceptMap YesNoIndicator[AvailabilityStatus]).
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const ADT = ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|CR1|P|2.5.1', 'EVN|A01|20240305081500-0500', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F', 'PV1|1|I|W1^1^1^HOSP||||||||||||||||V100^^^HOSP^VN'];
const adt = (...more: string[]) => convertChecked(...ADT, ...more);
const DG1 = (f: Record<number, string>) => seg('DG1', { 1: '1', 3: 'I10.9^Hypertension^I10', 6: 'A', ...f });
const PR1 = (f: Record<number, string>) => seg('PR1', { 1: '1', 3: '76164006^Biopsy of colon^SCT', 5: '20240305080000-0500', ...f });
const CONFIRMED_DELETE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] };
const DUE_TO = 'http://hl7.org/fhir/StructureDefinition/condition-dueTo';

describe('the fixture itself', () => {
  // review 7: the visit number sat in PV1-18 (patient type) one `|` short; these rows need a visit
  // [IG PV1[Encounter] #19 → identifier] read from PV1-19, with nothing of PV1 left out
  it('PV1-19 V100 is the Encounter\'s visit number, and no PV1 field is reported', () => {
    const { bundle, lines } = adt();
    const encounter = resources(bundle, 'Encounter')[0] as Json;
    expect((encounter.identifier as Json[]).map((i) => i.value)).toEqual(['V100']);
    expect(lines.filter((t) => t.startsWith('PV1-'))).toEqual([]);
  });
});

describe('DG1 → Condition [IG DG1[Condition]]', () => {
  it.each([
    // [IG DG1[Condition] #21 → verificationStatus "entered-in-error" (condition-ver-status)] D = delete
    ['DG1-21 D', { 21: 'D' }, { verificationStatus: CONFIRMED_DELETE }, undefined],
    // [IG DG1[Condition] #21: "Other values (A and U) don't map to anything"]
    ['DG1-21 A', { 21: 'A' }, { verificationStatus: undefined }, 'DG1-21 (segment 5)'],
    // [IG DG1[Condition] #22 → extension condition-dueTo valueReference(Condition), EI[Condition]]
    // (parents16) a bare number is a logical reference with the identifier DG1-20 `DG1001` gets,
    // never resolved by the server: mapped, not reported (review 7 reported it); with an OID see below
    ['DG1-22 parent without a system', { 22: 'DG1001' }, { extension: [{ url: DUE_TO, valueReference: { type: 'Condition', identifier: { value: 'DG1001' } } }] }, undefined],
    // an EI without EI.1 identifies nothing
    ['DG1-22 without EI.1', { 22: '^^1.3.6.1.4.1.44750.1.2.2^ISO' }, { extension: undefined }, 'DG1-22 (segment 5)'],
  ])('%s', (_name, fields, expected, reported) => {
    const { bundle, lines } = adt(DG1(fields));
    const condition = resources(bundle, 'Condition')[0] as Json;
    for (const [k, v] of Object.entries(expected)) expect(condition[k]).toEqual(v);
    const field = Object.keys(fields)[0];
    expect(lines.filter((t) => t.startsWith(`DG1-${field} `))).toEqual(reported === undefined ? [] : [expect.stringContaining(reported)]);
  });
});

describe('PR1 → Procedure [IG PR1[Procedure]]', () => {
  it.each([
    // [IG PR1[Procedure] #6 → category, CWE[CodeableConcept]] table 0230, with or without CWE.3
    ['PR1-6 coded', { 6: 'D^Diagnostic Procedure^HL70230' }, { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0230', code: 'D', display: 'Diagnostic Procedure' }] } }, undefined],
    ['PR1-6 bare table code', { 6: 'D' }, { category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0230', code: 'D' }] } }, undefined],
    // [IG PR1[Procedure] #5 IF PR1-7 VALUED AND PR1-5.5 VALUED → performedPeriod.start; #7 → performedPeriod.end = PR1-5 + PR1-7 minutes]
    ['PR1-7 minutes', { 7: '90' }, { performedPeriod: { start: '2024-03-05T08:00:00-05:00', end: '2024-03-05T09:30:00-05:00' }, performedDateTime: undefined }, undefined],
    // [IG PR1[Procedure] #7, the row without the condition: no target] a date has no time to add minutes to
    ['PR1-7 beside a date', { 5: '20240305', 7: '90' }, { performedPeriod: undefined, performedDateTime: '2024-03-05' }, 'PR1-7 (segment 5)'],
    // [IG PR1[Procedure] #5 IF PR1-7 VALUED AND PR1-5.5 NOT VALUED → performedDateTime] to the hour only: not to the minute
    ['PR1-7 beside an hour', { 5: '2024030508-0500', 7: '90' }, { performedPeriod: undefined, performedDateTime: '2024-03-05T08:00:00-05:00' }, 'PR1-7 (segment 5)'],
    // [IG PR1[Procedure] #7 → performedPeriod.end = PR1-5 + PR1-7 minutes] (review 7) minutes whose
    // end has no 4-digit year (FHIR dateTime YYYY) or no JavaScript date at all: the message still
    // converts, PR1-5 stays the performed time and PR1-7 is reported, as for minutes that are no number
    ['PR1-7 past the year 9999', { 7: '5000000000' }, { performedPeriod: undefined, performedDateTime: '2024-03-05T08:00:00-05:00' }, 'PR1-7 (segment 5)'],
    ['PR1-7 past any date', { 7: '99999999999999' }, { performedPeriod: undefined, performedDateTime: '2024-03-05T08:00:00-05:00' }, 'PR1-7 (segment 5)'],
    // [IG PR1[Procedure] #25 → partOf(Procedure.identifier)] (parents16) a bare number is a logical
    // reference with the identifier PR1-19 `PR1001` gets: mapped, not reported; with an OID see below
    ['PR1-25 parent without a system', { 25: 'PR1001' }, { partOf: [{ type: 'Procedure', identifier: { value: 'PR1001' } }] }, undefined],
  ])('%s', (_name, fields, expected, reported) => {
    const { bundle, lines } = adt(PR1(fields));
    const procedure = resources(bundle, 'Procedure')[0] as Json;
    for (const [k, v] of Object.entries(expected)) expect(procedure[k]).toEqual(v);
    const field = Object.keys(fields).filter((k) => k !== '5')[0];
    expect(lines.filter((t) => t.startsWith(`PR1-${field} `))).toEqual(reported === undefined ? [] : [expect.stringContaining(reported)]);
  });

  it('[IG PR1[Procedure] #23 → location(Location) PL[Location], 0..1] the first treating unit; a second is reported', () => {
    const { bundle, lines } = adt(PR1({ 23: 'OR^R2^^HOSP~ICU^3^^HOSP' }));
    const procedure = resources(bundle, 'Procedure')[0] as Json;
    const ref = (procedure.location as { reference: string }).reference;
    const entry = (bundle.entry as { fullUrl: string; resource: Json }[]).find((e) => e.fullUrl === ref);
    expect(entry?.resource).toMatchObject({ resourceType: 'Location', name: 'R2' });
    expect(lines).toContain('PR1-23 repetition 2+ (segment 5): further treating units (Procedure.location holds one); not converted');
  });

  it('[hig identity, docs/mapping.md] PR1-7 does not change which Procedure a PR1 addresses (patient + PR1-3 + PR1-5)', () => {
    const a = resources(adt(PR1({})).bundle, 'Procedure')[0];
    const b = resources(adt(PR1({ 7: '90' })).bundle, 'Procedure')[0];
    expect(b?.id).toBe(a?.id);
  });
});

// review 8 (moved from test/review/review8.test.ts): every PR1-7 that gave no end was reported as
// "without a start (PR1-5) to the minute", although PR1-5 was a start to the second
describe('[IG PR1[Procedure] #5, #7 → performedPeriod (start + PR1-7 minutes)] the report says why PR1-7 was not converted', () => {
  it('PR1-5 to the second and PR1-7 past the year 9999: the PR1-7 line does not blame PR1-5', () => {
    const { bundle, lines } = adt(PR1({ 5: '20240305100000-0500', 7: '5000000000' }));
    expect(resources(bundle, 'Procedure')[0]!.performedDateTime).toBe('2024-03-05T10:00:00-05:00');
    const why = lines.filter((t) => t.startsWith('PR1-7 '));
    expect(why).toHaveLength(1);
    expect(why[0]).not.toMatch(/without a start/);
  });

  it.each([
    ['past the year 9999', { 7: '5000000000' }, /end falls outside the years 0001-9999/],
    ['negative', { 7: '-30' }, /negative procedure minutes/],
    ['no number', { 7: 'abc' }, /procedure minutes that are no number/],
    ['beside a date only (PR1-5 not to the minute)', { 5: '20240305', 7: '90' }, /without a start \(PR1-5\) to the minute/],
  ])('PR1-7 %s: the one PR1-7 line names that cause', (_name, fields, cause) => {
    const why = adt(PR1(fields)).lines.filter((t) => t.startsWith('PR1-7 '));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(cause);
  });
});

describe('[IG DG1[Condition] #22, PR1[Procedure] #25] a parent reference carries the system its parent\'s own number gets', () => {
  // the parent's number (DG1-20, PR1-19) and the reference to it (DG1-22, PR1-25) are the same EI:
  // the reference's identifier must be the very identifier the parent resource carries, system and all
  const OID_EI = (n: string) => `${n}^^1.3.6.1.4.1.44750.1.2.2^ISO`;
  it('DG1-22 → condition-dueTo identifier = the parent Condition\'s DG1-20 identifier', () => {
    const { bundle, lines } = adt(DG1({ 20: OID_EI('DG1001') }), seg('DG1', { 1: '2', 3: 'E11.9^Diabetes^I10', 6: 'A', 22: OID_EI('DG1001') }));
    const [parent, child] = resources(bundle, 'Condition') as Json[];
    const parentId = (parent!.identifier as Json[])[0]!;
    expect(typeof parentId.system).toBe('string');
    expect(child!.extension).toEqual([{ url: DUE_TO, valueReference: { type: 'Condition', identifier: parentId } }]);
    expect(lines.filter((t) => t.startsWith('DG1-22 '))).toEqual([]);
  });
  it('PR1-25 → partOf identifier = the parent Procedure\'s PR1-19 identifier (loss14c: and, the parent being in this message, the reference to it)', () => {
    const { bundle, lines } = adt(PR1({ 19: OID_EI('PR1001') }), PR1({ 1: '2', 3: '45378000^Colonoscopy^SCT', 25: OID_EI('PR1001') }));
    const procedures = resources(bundle, 'Procedure') as Json[];
    const parentId = (procedures.find((p) => p.identifier !== undefined)!.identifier as Json[])[0]!;
    const child = procedures.find((p) => p.partOf !== undefined)!;
    expect(typeof parentId.system).toBe('string');
    const parent = procedures.find((p) => p.identifier !== undefined)!;
    expect(child.partOf).toEqual([{ reference: `urn:uuid:${String(parent.id)}`, type: 'Procedure', identifier: parentId }]);
    expect(lines.filter((t) => t.startsWith('PR1-25 '))).toEqual([]);
  });
});

describe('SPM-20 → Specimen.status [IG SPM[Specimen] #20 via YesNoIndicator[AvailabilityStatus]]', () => {
  const oru = (spm20: string) => convertChecked(
    'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||ORU^R01^ORU_R01|CR2|P|2.5.1',
    'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F',
    'OBR|1|PL1^CPOE|FL1^LAB|2345-7^Glucose^LN|||20240305080000-0500',
    seg('SPM', { 1: '1', 2: 'SP1&LAB', 4: 'BLD^Blood^HL70487', 20: spm20 }),
  );
  it.each([
    ['Y', 'available', false],
    ['N', 'unavailable', false],
    // table 0136 has only Y and N: another value has no status
    ['X', undefined, true],
  ])('%s → %s', (code, status, reported) => {
    const { bundle, lines } = oru(code);
    expect(resources(bundle, 'Specimen')[0]?.status).toBe(status);
    expect(lines.some((t) => t.startsWith('SPM-20 (segment 4)'))).toBe(reported);
  });
});

describe('fields whose IG rows have no target stay in the report, out of the Bundle', () => {
  it.each([
    // [IG IN1[Coverage] #44, #47, #55: no target]
    ['IN1-44', 5, seg('IN1', { 1: '1', 2: 'PLAN1^Plan', 3: 'INS1^^^HOSP', 4: 'Acme Insurance', 44: '9 Factory Rd^^Springfield^IL' })],
    ['IN1-47', 5, seg('IN1', { 1: '1', 2: 'PLAN1^Plan', 3: 'INS1^^^HOSP', 4: 'Acme Insurance', 47: 'ZZCOV^Odd coverage^L' })],
    ['IN1-55', 5, seg('IN1', { 1: '1', 2: 'PLAN1^Plan', 3: 'INS1^^^HOSP', 4: 'Acme Insurance', 55: 'A' })],
  ])('%s', (field, segment, in1) => {
    const { bundle, lines } = adt(in1);
    expect(lines).toContain(`${field} (segment ${segment}) is valued but not mapped`);
    expect(JSON.stringify(bundle)).not.toMatch(/Factory Rd|ZZCOV/);
  });

  it.each([
    // [IG ORC[ServiceRequest] #8: "addressed in a future edition"; #15: ballot feedback requested, no target]
    ['ORC-8', { 8: 'PARENT9^CPOE' }],
    ['ORC-15', { 15: '20240306090000-0500' }],
  ])('%s', (field, orc) => {
    const { bundle, lines } = convertChecked(
      'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305081500-0500||ORM^O01^ORM_O01|CR3|P|2.5.1',
      'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F',
      seg('ORC', { 1: 'NW', 2: 'PL1^CPOE', ...orc }),
      'OBR|1|PL1^CPOE||2345-7^Glucose^LN',
    );
    expect(lines).toContain(`${field} (segment 3) is valued but not mapped`);
    expect(JSON.stringify(bundle)).not.toMatch(/PARENT9|2024-03-06T09/);
  });
});
