/**
 * Review 34 R34-N2 (docs/mapping-review-34.md, "For the lead"): every DFT^P03 PUT the PID-18 Account whole
 * without GT1, so after a charge the server's Account had lost the ADT's guarantor; and the spouse the A04 names
 * as GT1 guarantor (keyed by GT1-2) and as IN1-16/17 insured (keyed by relationship + name) was two
 * RelatedPersons. [hig account rule, docs/mapping.md "Resource identity" Account; IG PID[Account] #18; the IG
 * has no GT1 map, hig GT1 rule: FHIR R4 Account.guarantor] The ADT and BAR events write the account; any other
 * message names it: a marked conditional create searched by PID-18 (patch.ts accountEntries), and a patch of
 * the guarantors its GT1 states. Expected values come from the messages (PID-18 MHA34133 of MHFP, GT1-2
 * G34133, GT1-3/IN1-16 WAIALAE-BRONSKI^HOKU^ANN, GT1-11/IN1-17 SPO, IN1-18 19810214), not from hig's output.
 *
 *   npx vitest run test/transform/named-account.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { ORDER_EVENT_EXTENSION } from '../../src/transform/patch.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request: Json; extension?: Json[] };
type Options = Parameters<typeof convertHl7v2>[1];

const dir = new URL('../../docs/review34/messages/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const A04 = sample('17-adt-a04-honolulu-dermatology.hl7');
const ORM = sample('18-orm-o01-skin-biopsy.hl7');
const DFT = sample('21-dft-p03-pathology-charge.hl7');
const segments = (hl7: string) => hl7.split(/\r\n?|\n/).filter((s) => s !== '');
const GT1 = segments(A04).find((s) => s.startsWith('GT1|')) ?? '';
/** #21 with #17's GT1 (DFT_P03: GT1 after the FT1 groups). */
const DFT_WITH_GT1 = [...segments(DFT), GT1].join('\r');
/** #21 as a BAR^P01 account add (BAR_P01: PID, then the VISIT group's PV1 and GT1). */
const BAR = [segments(DFT)[0]?.replace('DFT^P03^DFT_P03', 'BAR^P01^BAR_P01'), 'EVN|P01|202701132300-1000', ...segments(DFT).filter((s) => /^(PID|PV1)\|/.test(s)), GT1].join('\r');

const bundleOf = (hl7: string, options: Options = {}) => (convertHl7v2(hl7, options).bundle.entry as Entry[]);
const ofType = (entries: Entry[], type: string) => entries.filter((e) => e.resource?.resourceType === type || String(e.request.url).startsWith(`${type}?`) || e.request.url === type);
const marked = (e: Entry) => (e.extension ?? []).some((x) => x.url === ORDER_EVENT_EXTENSION);
const patchOps = (e: Entry) => JSON.parse(Buffer.from(String(e.resource?.data), 'base64').toString('utf8')) as Json[];
const patientId = (entries: Entry[]) => String(ofType(entries, 'Patient')[0]?.resource?.id);
const hokus = (entries: Entry[]) => ofType(entries, 'RelatedPerson').filter((e) => JSON.stringify(e.resource?.name).includes('HOKU'));

describe('[hig account rule; IG PID[Account] #18] a message that is no ADT or BAR event names the account, it does not write it', () => {
  it('#21 DFT^P03 (no GT1): the Account is a marked conditional create searched by PID-18 among the patient\'s accounts, no PUT, no patch', () => {
    const entries = bundleOf(DFT);
    const accounts = ofType(entries, 'Account');
    expect(accounts).toHaveLength(1);
    const [create] = accounts as [Entry];
    // PID-18 MHA34133^^^MHFP^AN: CX.4 a namespace without a system → the patient's account of that number
    expect(create.request).toEqual({ method: 'POST', url: 'Account', ifNoneExist: `identifier=|MHA34133&subject=Patient/${patientId(entries)}` });
    expect(marked(create)).toBe(true);
    // the create still says what the PID says [IG PID[Account] #18]: identifier, active, the patient
    expect(JSON.stringify(create.resource?.identifier)).toContain('"value":"MHA34133"');
    expect(create.resource?.guarantor).toBeUndefined();
  });

  it('a PID-18 with a system (namespaceMap): searched by identifier=<system>|<number>', () => {
    const entries = bundleOf(DFT, { namespaceMap: { MHFP: 'urn:oid:2.16.840.1.113883.3.3434' } });
    const [create] = ofType(entries, 'Account') as [Entry];
    expect(create.request.method).toBe('POST');
    expect(create.request.ifNoneExist).toBe(`identifier=${encodeURIComponent('urn:oid:2.16.840.1.113883.3.3434')}|MHA34133`);
  });

  it('a DFT with GT1 states the guarantor: the create carries it and a marked JSON Patch adds it to the account held (the RelatedPerson by its id)', () => {
    const entries = bundleOf(DFT_WITH_GT1);
    const [create, patch] = ofType(entries, 'Account') as [Entry, Entry];
    expect(create.request.method).toBe('POST');
    const [hoku] = hokus(entries) as [Entry];
    expect((create.resource?.guarantor as Json[])[0]).toEqual({ party: { reference: hoku.fullUrl } });
    expect(patch.request).toEqual({ method: 'PATCH', url: `Account?${String(create.request.ifNoneExist)}` });
    expect(marked(patch)).toBe(true);
    // a patch is opaque to the server: the party by the id the RelatedPerson is PUT at
    expect(patchOps(patch)).toEqual([{ op: 'add', path: '/guarantor', value: [{ party: { reference: `RelatedPerson/${String(hoku.resource?.id)}` } }] }]);
  });

  it('#18 ORM^O01 (IN1 and GT1): the Account is named too, with its guarantor patch', () => {
    const entries = bundleOf(ORM);
    const accounts = ofType(entries, 'Account');
    expect(accounts.map((e) => e.request.method)).toEqual(['POST', 'PATCH']);
  });

  it('controls: the ADT (#17 A04) and a BAR^P01 write the account whole (PUT), with the GT1 guarantor', () => {
    for (const hl7 of [A04, BAR]) {
      const entries = bundleOf(hl7);
      const accounts = ofType(entries, 'Account');
      expect(accounts).toHaveLength(1);
      expect(accounts[0]?.request.method).toBe('PUT');
      expect(marked(accounts[0] as Entry)).toBe(false);
      const [hoku] = hokus(entries) as [Entry];
      expect(accounts[0]?.resource?.guarantor).toEqual([{ party: { reference: hoku.fullUrl } }]);
    }
  });
});

describe('[hig identity; R34-N2] the GT1 guarantor and the IN1 insured that name one person are one RelatedPerson within the message', () => {
  it('#17 A04 (GT1 before IN1): Hoku once, the Account\'s guarantor and the Coverage\'s subscriber, with what both segments say', () => {
    const entries = bundleOf(A04);
    const people = hokus(entries);
    expect(people).toHaveLength(1);
    const hoku = people[0]?.resource as Json;
    const [account] = ofType(entries, 'Account');
    const [coverage] = ofType(entries, 'Coverage');
    expect((account?.resource?.guarantor as Json[])[0]?.party).toEqual({ reference: people[0]?.fullUrl });
    expect(coverage?.resource?.subscriber).toEqual({ reference: people[0]?.fullUrl });
    // GT1-2 identifier, GT1-6 phone; IN1-18 birth date; GUAR [hig GT1 rule] and SPO [GT1-11, IN1-17 via Relationship]
    expect(JSON.stringify(hoku.identifier)).toContain('"value":"G34133"');
    expect(JSON.stringify(hoku.telecom)).toContain('5550150');
    expect(hoku.birthDate).toBe('1981-02-14');
    const codes = JSON.stringify(hoku.relationship);
    expect(codes).toContain('"code":"GUAR"');
    expect(codes).toContain('"code":"SPO"');
    // no reference in the Bundle names a RelatedPerson the Bundle does not hold
    const held = new Set(entries.map((e) => e.fullUrl));
    for (const m of JSON.stringify(entries).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)) expect(held.has(m[1])).toBe(true);
  });

  it('#18 ORM (IN1 before GT1): one RelatedPerson, at the same id as #17\'s (the guarantor\'s key, whichever segment comes first)', () => {
    const adt = hokus(bundleOf(A04));
    const orm = hokus(bundleOf(ORM));
    expect(orm).toHaveLength(1);
    expect(orm[0]?.resource?.id).toBe(adt[0]?.resource?.id);
    expect(orm[0]?.resource?.birthDate).toBe('1981-02-14');
  });

  it('control: a GT1 naming another person (another name) stays a RelatedPerson of its own beside the insured', () => {
    const other = A04.replace('GT1|1|G34133|WAIALAE-BRONSKI^HOKU^ANN|', 'GT1|1|G34134|WAIALAE-BRONSKI^KALANI^|').replace(/\r?\n/g, '\r');
    const entries = bundleOf(other);
    const people = ofType(entries, 'RelatedPerson');
    expect(people).toHaveLength(2);
  });

  it('one identifier in common (GT1-2 = IN1-49) is one person, whatever the names', () => {
    const a04 = segments(A04).map((s) => (s.startsWith('IN1|') ? `${s.replace('WAIALAE-BRONSKI^HOKU^ANN', 'BRONSKI^HOKU')}${'|'.repeat(49 - s.split('|').length + 1)}G34133` : s)).join('\r');
    const people = ofType(bundleOf(a04), 'RelatedPerson');
    expect(people).toHaveLength(1);
  });
});
