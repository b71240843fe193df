/**
 * nk1org18 against a real HTTP FHIR server (test/support/fhir-server.ts: conditional PUT, several
 * matches 412): two patients' ADTs name one employer (NK1-13) with different contact persons
 * (NK1-30–32), then a third message names it without one. Each patient's contact persons stay on
 * that patient's view of the organization, and the shared one's `PUT Organization?identifier=` keeps
 * finding exactly one resource.
 * [IG NK1[Patient] #13 → contact.organization(Organization); #30 → Organization.contact.name]
 *
 *   npx vitest run test/destinations/nk1-organization-delivery.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

let server: FhirServer;
let dest: BundlePusher;

beforeAll(async () => {
  server = await startFhirServer();
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
});
afterAll(async () => {
  await dest.close();
  await server.close();
});

const options = { conditionalUpdate: true, namespaceMap: { HOSP: 'urn:oid:1.2.3' } } as const;

function adt(mrn: string, controlId: string, contactPerson: string): Json {
  return convertHl7v2(
    [
      `MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500||ADT^A04^ADT_A01|${controlId}|P|2.5.1`,
      'EVN|A04|20240305081500',
      `PID|1||${mrn}^^^HOSP^MR||DOE^JANE||19800215|F`,
      `NK1|1||EMC^Emergency Contact^HL70063||||||||||Acme Corp^^4711^^^HOSP|||||||||||||||||${contactPerson}`,
    ].join('\r'),
    options,
  ).bundle;
}

const organizations = (): Json[] => [...server.resources.values()].filter((r) => r.resourceType === 'Organization' && r.name === 'Acme Corp');

describe('[hig identity] conditionalUpdate channel, transaction mode: one employer, two patients\' contact persons', () => {
  it('each patient\'s contact person on its own Organization; the shared one found by its identifier once, with no contact', async () => {
    await dest.deliver(adt('A1', 'D1', 'SMITH^JOHN'), never);
    await dest.deliver(adt('B2', 'D2', 'ROEBUCK^LISA'), never);
    // a resend of A's message and a third patient naming the employer without a contact person
    await dest.deliver(adt('A1', 'D3', 'SMITH^JOHN'), never);
    await dest.deliver(adt('C3', 'D4', ''), never);
    const withContacts = organizations().filter((o) => o.contact !== undefined);
    expect(withContacts.map((o) => JSON.stringify(o.contact)).sort()).toEqual([
      JSON.stringify([{ name: { family: 'ROEBUCK', given: ['LISA'] } }]),
      JSON.stringify([{ name: { family: 'SMITH', given: ['JOHN'] } }]),
    ]);
    const shared = organizations().filter((o) => JSON.stringify(o.identifier ?? []).includes('"value":"4711"'));
    expect(shared).toHaveLength(1);
    expect(shared[0]?.contact).toBeUndefined();
    const patients = [...server.resources.values()].filter((r) => r.resourceType === 'Patient');
    const contactOf = (mrn: string) => {
      const p = patients.find((r) => JSON.stringify(r.identifier).includes(`"value":"${mrn}"`));
      return ((p?.contact as Json[] | undefined)?.[0]?.organization as Json | undefined)?.reference;
    };
    expect(contactOf('A1')).not.toBe(contactOf('B2'));
    expect(contactOf('C3')).toBe(`Organization/${String(shared[0]?.id)}`);
  });
});
