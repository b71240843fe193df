/**
 * Review 32 R32-N2: an MDM T10 (v2 table 0003: "document replacement notification and content") wrote the new
 * DocumentReference with relatesTo `replaces` TXA-13, but the original stayed `current` at the server: the
 * original and its replacement were two current notes. FHIR R4 DocumentReference.status `superseded`: "This
 * reference has been superseded by another reference". [IG TXA[DocumentReference] #13 has no target] hig sends a
 * JSON Patch of the parent's status, searched by TXA-13 among the patient's documents as TXA-12 is
 * (documents.ts replacedParents, patch.ts supersededParentEntry); the FHIR destination patches the document it
 * finds when `current` and drops the patch when the server holds none (order-events.ts supersededSearched), so a
 * replacement without its original still delivers. Delivered to the in-repo test FHIR server. Expected values
 * from FHIR's status definitions, table 0003 and the messages; never from hig's output. T09 (the replacement's
 * notification, structure MDM_T01, no OBX) replaces too.
 *
 *   npx vitest run test/destinations/document-replacement-delivery.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { mdmMessage, never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const EPIC = 'urn:oid:2.16.840.1.113883.3.6621';

/** The MDM messages about one patient's progress notes (TX OBX, LOINC 11506-3). */
const message = (id: string, event: string, mrn: string, txa: Record<number, string>, text?: string) => mdmMessage(id, event, mrn, txa, text, '11506-3^Progress note^LN');

/** The original progress note (TXA-12 DOC-7001), authenticated and available. */
const ORIGINAL = { 1: '1', 2: 'PN', 3: 'TX', 4: '20261206090000-0600', 6: '20261206085000-0600', 9: '1234^WELBY^MARCUS^^^^MD', 12: 'DOC-7001^EPIC', 17: 'AU', 19: 'AV' };
/** Its replacement: a new document (TXA-12 DOC-7002) whose parent (TXA-13) is DOC-7001. */
const REPLACEMENT = { ...ORIGINAL, 4: '20261206100000-0600', 12: 'DOC-7002^EPIC', 13: 'DOC-7001^EPIC' };

let server: FhirServer;
let dest: BundlePusher | undefined;
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  await dest?.close();
  dest = undefined;
  await server.close();
});

const documents = (): Json[] => [...server.resources.values()].filter((r) => r.resourceType === 'DocumentReference');
const numbered = (value: string): Json[] => documents().filter((d) => (d.masterIdentifier as Json | undefined)?.value === value);
const statusOf = (value: string): unknown[] => numbered(value).map((d) => d.status);

/** The PATCH entries of a message's Bundle that act on a DocumentReference. */
const parentPatches = (hl7: string): Json[] =>
  (convertHl7v2(hl7).bundle.entry as Json[]).filter((e) => (e.request as Json).method === 'PATCH' && String((e.request as Json).url).startsWith('DocumentReference?'));

async function deliver(hl7: string, options: Parameters<typeof convertHl7v2>[1] = {}): Promise<void> {
  await dest?.deliver(convertHl7v2(hl7, options).bundle, never);
}

describe('R32-N2 [v2 table 0003 T10; FHIR R4 DocumentReference.status superseded] a replacement supersedes its parent at the server', () => {
  const modes = [
    ['transaction', {}],
    ['transaction', { namespaceMap: { EPIC } }],
    ['transaction', { namespaceMap: { EPIC }, conditionalUpdate: true }],
    ['transaction', { omittedFields: 'keep' }],
    ['batch', {}],
    ['individual', {}],
  ] as const;
  for (const [mode, options] of modes) {
    it(`${mode} ${JSON.stringify(options)}: T02 then T10 → the original superseded, the replacement current and replacing it`, async () => {
      dest = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
      await deliver(message('M1', 'T02', '44120987', ORIGINAL, 'Sertraline 100 mg daily.'), options);
      expect(statusOf('DOC-7001')).toEqual(['current']);
      await deliver(message('M2', 'T10', '44120987', REPLACEMENT, 'Sertraline 150 mg daily.'), options);
      expect(statusOf('DOC-7001')).toEqual(['superseded']);
      expect(statusOf('DOC-7002')).toEqual(['current']);
      expect(JSON.stringify(numbered('DOC-7002')[0]?.relatesTo)).toContain('"code":"replaces"');
      // hig's marks never reach the server
      expect(JSON.stringify(server.requests.map((r) => r.body))).not.toContain('hig.example');
    });
  }

  for (const mode of ['transaction', 'batch', 'individual'] as const) {
    it(`${mode}: a T10 alone (its original never held) carries the parent's patch and delivers; the replacement current, nothing else made`, async () => {
      dest = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
      const t10 = message('M2', 'T10', '44120987', REPLACEMENT, 'Sertraline 150 mg daily.');
      expect(parentPatches(t10)).toHaveLength(1);
      await expect(deliver(t10)).resolves.toBeUndefined();
      expect(statusOf('DOC-7002')).toEqual(['current']);
      expect(statusOf('DOC-7001')).toEqual([]);
    });
  }

  it('a T09 (replacement notification, MDM_T01: no content) supersedes the original as the T10 does', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(message('M1', 'T02', '44120987', ORIGINAL, 'Sertraline 100 mg daily.'));
    await deliver(message('M2', 'T09', '44120987', REPLACEMENT));
    expect(statusOf('DOC-7001')).toEqual(['superseded']);
  });

  it('only the patient\'s document of that number: another patient\'s DOC-7001 stays current', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(message('M1', 'T02', '44120987', ORIGINAL, 'Sertraline 100 mg daily.'));
    await deliver(message('M3', 'T02', '55230198', ORIGINAL, 'Other patient.'));
    await deliver(message('M2', 'T10', '44120987', REPLACEMENT, 'Sertraline 150 mg daily.'));
    expect(statusOf('DOC-7001').sort()).toEqual(['current', 'superseded']);
    const other = numbered('DOC-7001').find((d) => d.status === 'current');
    expect(Buffer.from(String(((other?.content as Json[])[0]?.attachment as Json).data), 'base64').toString('utf8')).toBe('Other patient.');
  });

  it('an original cancelled by a T11 (entered-in-error) stays entered-in-error after the T10', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(message('M1', 'T02', '44120987', ORIGINAL, 'Sertraline 100 mg daily.'));
    await deliver(message('M4', 'T11', '44120987', ORIGINAL));
    expect(statusOf('DOC-7001')).toEqual(['entered-in-error']);
    const t10 = message('M2', 'T10', '44120987', REPLACEMENT, 'Sertraline 150 mg daily.');
    // the Bundle says `superseded`; the destination leaves a document that is no longer current as it is
    expect(parentPatches(t10)).toHaveLength(1);
    await deliver(t10);
    expect(statusOf('DOC-7001')).toEqual(['entered-in-error']);
    expect(statusOf('DOC-7002')).toEqual(['current']);
  });

  it('the T10 resent: the original still superseded, one replacement', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(message('M1', 'T02', '44120987', ORIGINAL, 'Sertraline 100 mg daily.'));
    await deliver(message('M2', 'T10', '44120987', REPLACEMENT, 'Sertraline 150 mg daily.'));
    await deliver(message('M2', 'T10', '44120987', REPLACEMENT, 'Sertraline 150 mg daily.'));
    expect(statusOf('DOC-7001')).toEqual(['superseded']);
    expect(statusOf('DOC-7002')).toEqual(['current']);
  });
});

describe('R32-N2 in the Bundle: the status patch of TXA-13\'s document, marked for the FHIR destination', () => {
  it('a T10 carries a PATCH DocumentReference?identifier=<system>|<TXA-13>&subject=Patient/<id> of status superseded', () => {
    const entries = convertHl7v2(message('M2', 'T10', '44120987', REPLACEMENT, 'Sertraline 150 mg daily.'), { namespaceMap: { EPIC } }).bundle.entry as Json[];
    const patient = entries.map((e) => e.resource as Json | undefined).find((r) => r?.resourceType === 'Patient');
    const patch = entries.find((e) => (e.request as Json).method === 'PATCH');
    expect((patch?.request as Json).url).toBe(`DocumentReference?identifier=${encodeURIComponent(EPIC)}|DOC-7001&subject=Patient/${String(patient?.id)}`);
    const ops = JSON.parse(Buffer.from(String((patch?.resource as Json).data), 'base64').toString('utf8')) as unknown;
    expect(ops).toEqual([{ op: 'add', path: '/status', value: 'superseded' }]);
  });
  it('of one TXA-13, a T09 and a T10 patch the parent; an addendum (T06, relatesTo appends) and an original (T02) do not', () => {
    const count = (event: string, text?: string) => parentPatches(message('M5', event, '44120987', REPLACEMENT, text)).length;
    expect([count('T09'), count('T10', 'New.'), count('T06', 'Addendum.'), count('T02', 'Original.')]).toEqual([1, 1, 0, 0]);
  });
});
