/**
 * Code review 19, CR19-3: a destination's FHIR edits (routing/fhir-edit.ts) reach the JSON Patch
 * entries of a Bundle, not only `entry.resource`. Failed on the parent (fhir-edit.ts without
 * fhir-edit-patch.ts): the kept Patient's patch still added the telecom a `remove` took out.
 *
 *   npx vitest run test/codereview19/fhir-edit-patch.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { compileFhirEdits, type FhirStep } from '../../src/routing/fhir-edit.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination } from '../destinations/push.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: Json };

let server: FhirServer;
beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});

const KEEP = { omittedFields: 'keep', namespaceMap: { HOSP: 'urn:oid:1.2.3.19' } } as const;
const msh = (type: string, id: string) => `MSH|^~\\&|HIS|GH|EHR|RECV|20261206081500-0600||${type}|${id}|P|2.5.1`;
const pid = (mrn: string) => `PID|1||${mrn}^^^HOSP^MR||DOE^JANE||19800215|F|||1 Main St^^Springfield^IL||555-0100^PRN^PH`;
const admit = (mrn: string, id: string) => convertHl7v2([msh('ADT^A01^ADT_A01', id), 'EVN|A01', pid(mrn), 'PV1|1|I'].join('\r'), KEEP).bundle;

/** The JSON Patch ops of the PATCH entry on `type`. */
function opsOf(bundle: Json, type: string): { op: string; path: string; value?: unknown }[] {
  const patch = (bundle.entry as Entry[]).find((e) => e.request?.method === 'PATCH' && String(e.request.url).startsWith(`${type}?`));
  return JSON.parse(Buffer.from(String(patch?.resource?.data), 'base64').toString('utf8')) as { op: string; path: string; value?: unknown }[];
}

describe('CR19-3 [hig: docs/routing.md FHIR post-processing; v2.5.1 2.5.3 keep] a destination\'s edits reach a kept resource\'s JSON Patch', () => {
  it('remove Patient.telecom: the patch no longer adds it; the other elements are patched as before', () => {
    const bundle = admit('MRN-E1', 'E1');
    expect(opsOf(bundle, 'Patient').map((o) => o.path)).toContain('/telecom');
    const edited = compileFhirEdits([{ remove: 'Patient.telecom' } as FhirStep])(bundle);
    const paths = opsOf(edited, 'Patient').map((o) => o.path);
    expect(paths).not.toContain('/telecom');
    expect(paths).toEqual(expect.arrayContaining(['/name', '/address', '/gender', '/birthDate', '/identifier']));
    // the input Bundle is not touched (compileFhirEdits edits a copy)
    expect(opsOf(bundle, 'Patient').map((o) => o.path)).toContain('/telecom');
  });

  it('set and addIdentifier: the patch writes the edited values; addTag adds no meta op (a patch never writes meta)', () => {
    const steps = [
      { set: { path: 'Patient.active', value: true } },
      { addIdentifier: { resource: 'Patient', system: 'urn:oid:9.9.9', value: 'X19' } },
      { addTag: { resource: '*', system: 'urn:hig', code: 'routed' } },
    ] as FhirStep[];
    const ops = opsOf(compileFhirEdits(steps)(admit('MRN-E2', 'E2')), 'Patient');
    expect(ops).toContainEqual({ op: 'add', path: '/active', value: true });
    const identifiers = ops.find((o) => o.path === '/identifier')?.value as Json[];
    expect(identifiers).toContainEqual({ system: 'urn:oid:9.9.9', value: 'X19' });
    expect(identifiers).toContainEqual(expect.objectContaining({ system: 'urn:oid:1.2.3.19', value: 'MRN-E2' }));
    expect(ops.map((o) => o.path)).not.toContain('/meta');
  });

  it('delivered: A01 then A08 through a destination that removes Patient.telecom: the server never holds the phone number', async () => {
    const edit = compileFhirEdits([{ remove: 'Patient.telecom' } as FhirStep]);
    const dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    try {
      await dest.deliver(edit(admit('MRN-E3', 'E3a')), never);
      const update = convertHl7v2([msh('ADT^A08^ADT_A01', 'E3b'), 'EVN|A08', pid('MRN-E3'), 'PV1|1|I'].join('\r'), KEEP).bundle;
      await dest.deliver(edit(update), never);
    } finally {
      await dest.close();
    }
    const patients = [...server.resources.values()].filter((r) => r.resourceType === 'Patient' && JSON.stringify(r.identifier).includes('MRN-E3'));
    expect(patients).toHaveLength(1);
    expect(patients[0]?.telecom).toBeUndefined();
    expect(patients[0]?.address).toBeDefined();
  });
});
