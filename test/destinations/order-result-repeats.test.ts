/**
 * A result's patch of an order whose NW holds several items of one kind (code review 24): the FHIRPath
 * `delete` names one element at most (FHIR R4 fhirpatch.html), so
 * - CR24-1: an extension url the result carries once (OBR-13 relevant clinical information [IG
 *   OBR[ServiceRequest] #13]) is added beside the NW's, not deleted by url: the NW held two, the
 *   delete named both and the server refused the result (422, dead-lettered);
 * - CR24-2: the NW's own lists hold each item once (two identical NTE notes are one note [IG
 *   NTE[ServiceRequest]]), so a result repeating that note deletes one element, not two (422).
 * Delivered to the in-repo test FHIR server through the FHIR destination.
 *
 *   npx vitest run test/destinations/order-result-repeats.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const OID = '1.2.840.114350.1.13.99';
const head = (type: string, id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||${type}|${id}|P|2.5.1`, 'PID|1||MRN23^^^GH^MR||DOE^JANE||19800215|F'];
let server: FhirServer;
let destination: BundlePusher;
beforeAll(async () => {
  server = await startFhirServer();
  destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
});
afterAll(async () => {
  await destination.close();
  await server.close();
});
const stored = (value: string) => [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes(`"value":"${value}"`)) as Json[];
const oru = (n: string, obr13 = '', nte?: string) =>
  [...head('ORU^R01^ORU_R01', `${n}-RE`), `ORC|RE|${n}^CPOE^${OID}^ISO`, `OBR|1|${n}^CPOE^${OID}^ISO||2345-7^Glucose^LN|||||||||${obr13}||||||||||||F`, ...(nte === undefined ? [] : [`NTE|1||${nte}`]), 'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|70-99|N|||F'].join('\r');

describe('a result patching an order whose NW holds repeats (code review 24)', () => {
  it('CR24-1: NW with two OBR-13 notes, then a result carrying one: accepted, the order completed and holding both', async () => {
    const nw = [...head('ORM^O01', 'R1-NW'), `ORC|NW|R1^CPOE^${OID}^ISO|||||||20261206080000-0600`, `OBR|1|R1^CPOE^${OID}^ISO||2345-7^Glucose^LN|||||||||Portable~on warfarin`].join('\r');
    await destination.deliver(convertHl7v2(nw).bundle, never);
    await destination.deliver(convertHl7v2(oru('R1', 'on warfarin')).bundle, never);
    const order = stored('R1');
    expect(order).toHaveLength(1);
    expect(order[0]?.status).toBe('completed');
    expect(order[0]?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
    const text = JSON.stringify(order[0]?.extension);
    expect(text).toContain('Portable');
    expect(text.split('on warfarin').length - 1).toBe(1);
  });

  it('CR24-2: NW with one note sent twice, then a result repeating it: accepted, the note held once', async () => {
    const nw = [...head('ORM^O01', 'R2-NW'), `ORC|NW|R2^CPOE^${OID}^ISO||||||||20261206080000-0600`, `OBR|1|R2^CPOE^${OID}^ISO||2345-7^Glucose^LN`, 'NTE|1||Fasting since midnight', 'NTE|2||Fasting since midnight'].join('\r');
    await destination.deliver(convertHl7v2(nw).bundle, never);
    await destination.deliver(convertHl7v2(oru('R2', '', 'Fasting since midnight')).bundle, never);
    const order = stored('R2');
    expect(order).toHaveLength(1);
    expect(order[0]?.status).toBe('completed');
    expect((order[0]?.note as Json[] | undefined)?.filter((n) => n.text === 'Fasting since midnight')).toHaveLength(1);
  });
});
