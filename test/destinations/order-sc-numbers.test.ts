/**
 * An ORC-only SC that leaves the order active (ORC-5 IP: the specimen collected, in process) patches no
 * status, but adds the number it names beside the one it is searched by: the filler's ORC-3, which the
 * placer's NW lacked [IG ORC[ServiceRequest] #3 → identifier (FILL); hig: docs/mapping.md "Resource
 * identity", ServiceRequest]. Review 19 #10: until now such an SC was not sent at all (R19-R1), so the
 * lab's accession number never reached the order. Delivered to the in-repo test FHIR server through the
 * FHIR destination, which patches each test of a requisition (order-events.ts).
 *
 *   npx vitest run test/destinations/order-sc-numbers.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const sample = (name: string) => readFileSync(new URL(`../../docs/review19/messages/${name}`, import.meta.url)).toString('latin1');
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

const orders = () => [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes('"value":"LKS5530187"')) as Json[];

describe('ORC-only SC IP after the NW of a two-test requisition (review 19 #09 then #10)', () => {
  it('each test keeps its status and gains the filler number SQ26-0342118; a resend changes nothing', async () => {
    await destination.deliver(convertHl7v2(sample('09-orm-o01-two-obr.hl7')).bundle, never);
    const placed = orders().map((o) => ({ id: o.id, status: o.status }));
    expect(placed).toHaveLength(2);
    expect(orders().some((o) => JSON.stringify(o.identifier).includes('SQ26-0342118'))).toBe(false);
    const sc = convertHl7v2(sample('10-orm-o01-sc-only.hl7')).bundle;
    await destination.deliver(sc, never);
    await destination.deliver(sc, never);
    const after = orders();
    expect(after.map((o) => ({ id: o.id, status: o.status }))).toEqual(placed);
    for (const o of after) {
      const fillers = ((o.identifier as Json[]) ?? []).filter((i) => i.value === 'SQ26-0342118');
      expect(fillers).toHaveLength(1);
      // [IG ORC[ServiceRequest] #1 → businessEvent] the SC is the order's latest event, once (code review 24 CR24-5)
      const events = ((o.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith('businessEvent'));
      expect(JSON.stringify(events)).toContain('"code":"SC"');
      expect(events).toHaveLength(1);
    }
  });
});
