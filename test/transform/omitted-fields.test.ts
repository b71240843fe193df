/**
 * [v2.5.1 2.5.3] An omitted field leaves the receiver's value unchanged; `""` deletes it.
 * With `omittedFields: 'keep'` a record resource found by a search is a conditional create
 * (`POST` + `ifNoneExist`) plus a JSON Patch (`PATCH Type?search`, RFC 6902 in a Binary). The
 * test plays the FHIR server's part of a transaction (POST before PATCH; `add` replaces a member,
 * `remove` deletes it) on one stored resource, so it checks what the receiver ends up holding.
 */
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
interface Entry { fullUrl?: string; resource?: Json; request: { method: string; url: string; ifNoneExist?: string } }

const MSH = (type: string, id: string): string => `MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|20240305081500-0500||${type}|${id}|P|2.5.1`;
const A01_PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F|||1 Main St^^Springfield^IL^62701||555-0100^PRN^PH|||M';
const PV1 = 'PV1|1|I|3N^301^1^GH||||1234^ATTEND^ALICE||||||||||||V100^^^HOSP^VN';
const keep: ConvertOptions = { omittedFields: 'keep', namespaceMap: { HOSP: 'urn:oid:1.2.3' } };

/** A PID from its fields by position, so the test data cannot miscount pipes. */
function pid(fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  return ['PID', ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
}

function entries(bundle: Json): Entry[] {
  return bundle.entry as Entry[];
}

/** A FHIR server's part for one resource type: conditional create, then JSON Patch (RFC 6902 add/remove of members). */
function apply(stored: Json | undefined, bundle: Json, type: string): Json | undefined {
  let current = stored === undefined ? undefined : structuredClone(stored);
  for (const e of entries(bundle).filter((x) => x.request.method === 'POST' && x.request.url === type)) if (current === undefined) current = structuredClone(e.resource);
  for (const e of entries(bundle).filter((x) => x.request.method === 'PATCH' && x.request.url.startsWith(`${type}?`))) {
    if (current === undefined) throw new Error('PATCH of a resource that does not exist');
    const ops = JSON.parse(Buffer.from(String(e.resource?.data), 'base64').toString('utf8')) as { op: string; path: string; value?: unknown }[];
    for (const op of ops) {
      const member = op.path.slice(1);
      if (op.op === 'add') current[member] = op.value;
      else if (op.op === 'remove') {
        if (!(member in current)) throw new Error(`remove of missing ${op.path}`);
        delete current[member];
      } else throw new Error(`unexpected op ${op.op}`);
    }
  }
  return current;
}

describe("omittedFields: 'keep' — an update changes what it sends and nothing else", () => {
  const admit = convertHl7v2([MSH('ADT^A01^ADT_A01', 'K1'), 'EVN|A01', A01_PID, PV1].join('\r'), keep).bundle;
  // the A08 sends a new name, omits the address, phone and marital status, and deletes the sex with ""
  const update = convertHl7v2([MSH('ADT^A08^ADT_A01', 'K2'), 'EVN|A08', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE^Q||19800215|""', PV1].join('\r'), keep).bundle;

  it('the Patient is a conditional create plus a PATCH on the search that identifies it, and the Bundle is valid', () => {
    const patient = entries(update).filter((e) => e.request.url.startsWith('Patient'));
    expect(patient.map((e) => [e.request.method, e.request.url, e.request.ifNoneExist])).toEqual([
      ['POST', 'Patient', 'identifier=urn%3Aoid%3A1.2.3|MRN1'],
      ['PATCH', 'Patient?identifier=urn%3Aoid%3A1.2.3|MRN1', undefined],
    ]);
    expect(patient[1]?.resource).toMatchObject({ resourceType: 'Binary', contentType: 'application/json-patch+json' });
    expect(validateBundle(update)).toEqual([]);
    expect(validateBundle(admit)).toEqual([]);
  });

  it('A01 then an A08 that omits the address: the receiver keeps the address, phone and marital status, takes the new name, drops the sex sent as ""', () => {
    const afterAdmit = apply(undefined, admit, 'Patient');
    const afterUpdate = apply(afterAdmit, update, 'Patient');
    expect(afterUpdate?.address).toEqual([{ line: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701' }]);
    expect(afterUpdate?.telecom).toEqual(afterAdmit?.telecom);
    expect(afterUpdate?.maritalStatus).toEqual(afterAdmit?.maritalStatus);
    expect(afterAdmit?.gender).toBe('female');
    expect(afterUpdate?.gender).toBeUndefined();
    expect(afterUpdate?.name).toEqual([{ family: 'DOE', given: ['JANE', 'Q'] }]);
  });

  it('an update to a patient the receiver does not have yet creates it (POST before PATCH)', () => {
    const created = apply(undefined, update, 'Patient');
    expect(created?.identifier).toEqual(expect.arrayContaining([expect.objectContaining({ system: 'urn:oid:1.2.3', value: 'MRN1' })]));
    expect(created?.gender).toBeUndefined();
  });

  it('references to the Patient use the conditional create\'s fullUrl (the server resolves it to the matched resource)', () => {
    const post = entries(update).find((e) => e.request.method === 'POST' && e.request.url === 'Patient');
    const encounter = entries(update).find((e) => e.resource?.resourceType === 'Encounter');
    expect((encounter?.resource?.subject as Json | undefined)?.reference).toBe(post?.fullUrl);
  });

  it('sending one type of a choice element removes the other: PID-30 Y after PID-29 (deceasedDateTime → deceasedBoolean)', () => {
    const died = convertHl7v2([MSH('ADT^A08^ADT_A01', 'K3'), 'EVN|A08', pid({ 3: 'MRN1^^^HOSP^MR', 5: 'DOE^JANE', 29: '20240301120000' }), PV1].join('\r'), keep).bundle;
    const flag = convertHl7v2([MSH('ADT^A08^ADT_A01', 'K4'), 'EVN|A08', pid({ 3: 'MRN1^^^HOSP^MR', 5: 'DOE^JANE', 30: 'Y' }), PV1].join('\r'), keep).bundle;
    expect(apply(apply(undefined, admit, 'Patient'), died, 'Patient')?.deceasedDateTime).toBe('2024-03-01T12:00:00-05:00');
    const after = apply(apply(apply(undefined, admit, 'Patient'), died, 'Patient'), flag, 'Patient');
    expect(after?.deceasedBoolean).toBe(true);
    expect(after?.deceasedDateTime).toBeUndefined();
    expect(after?.address).toBeDefined();
  });

  it('a patch names other resources as the server knows them: by id (PUT Type/id), never by the Bundle\'s urn:uuid (a patch is opaque data the server does not rewrite)', () => {
    const patches = entries(update).filter((e) => e.request.method === 'PATCH').map((e) => Buffer.from(String(e.resource?.data), 'base64').toString('utf8'));
    expect(patches.length).toBe(2); // Patient and Encounter
    for (const p of patches) expect(p).not.toContain('urn:uuid:');
    const putIds = new Set(entries(update).filter((e) => e.request.method === 'PUT').map((e) => e.request.url));
    const literal = patches.flatMap((p) => [...p.matchAll(/"reference":"([^"]+)"/g)].map((m) => m[1]));
    expect(literal.length).toBeGreaterThan(0);
    for (const ref of literal) expect(putIds).toContain(ref);
    // the visit's patient is set when the visit is created, not re-pointed by a patch
    const encounterPatch = JSON.parse(patches.find((p) => p.includes('"/class"')) ?? '[]') as { path: string }[];
    expect(encounterPatch.map((o) => o.path)).not.toContain('/subject');
  });

  it("the default ('remove') stays one full PUT per resource", () => {
    const plain = convertHl7v2([MSH('ADT^A08^ADT_A01', 'K2'), 'EVN|A08', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE^Q||19800215|""', PV1].join('\r')).bundle;
    expect(new Set(entries(plain).map((e) => e.request.method))).toEqual(new Set(['PUT']));
  });

  it('an A29 deletes the kept Patient by its search (its id is the server\'s)', () => {
    const del = convertHl7v2([MSH('ADT^A29^ADT_A21', 'K5'), 'EVN|A29', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE'].join('\r'), keep).bundle;
    expect(entries(del).filter((e) => e.request.method === 'DELETE').map((e) => e.request.url)).toEqual(['Patient?identifier=urn%3Aoid%3A1.2.3|MRN1']);
  });
});
