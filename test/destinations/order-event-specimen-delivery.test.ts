/**
 * Issue 14, fix36e (review 25 R25-N3, review 27 R27-D1 SC case): [hig order-event rule; v2.5.1 2.5.3: a field not sent
 * is unchanged] An order event's Specimen (an SC of an order placed before) changes what it states and keeps what it
 * does not restate, as the order event's ServiceRequest does. [IG SPM[Specimen] #7 → collection.method, #17 →
 * collection.collected[x], #18 → receivedTime; OBR[Specimen] #7 → collection.collected[x], #14 → receivedTime] The
 * placer's NW places a serum tube (SPM-2 placer number, SPM-7 venipuncture, SPM-17 its draw); the lab's SC tells when
 * it was received. Expected values written by hand from the messages below.
 *
 *   npx vitest run test/destinations/order-event-specimen-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations({ serverPer: 'test' });

const head = (control: string, orc: string) => [
  `MSH|^~\\&|EHR|SBH|LIS|SBH|20261201081000-0600||OML^O21^OML_O21|${control}|P|2.5.1`,
  'PID|1||P361^^^SBH^MR||ROE^ANN||19700101|F',
  orc,
];
const NW_OBR = 'OBR|1|36E0001^EPC||2345-7^Glucose^LN';
const SC_OBR = (obr7: string, obr14: string) => `OBR|1|36E0001^EPC|L36E^LAB|2345-7^Glucose^LN|||${obr7}|||||||${obr14}`;
const placed = (spm17: string) => [...head('N1', 'ORC|NW|36E0001^EPC'), NW_OBR, `SPM|1|36ES01&EPC||SER^Serum^HL70487|||28520004^Venipuncture^SCT||||||||||${spm17}`].join('\r');
const status = (...rest: string[]) => [...head('S1', 'ORC|SC|36E0001^EPC|L36E^LAB||IP'), ...rest].join('\r');

const specimens = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Specimen');
const order = (): Json | undefined => [...fhir.server.resources.values()].find((r) => r.resourceType === 'ServiceRequest');
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}

describe('an order event\'s Specimen keeps what it does not restate [hig order-event rule]', () => {
  it('R25-N3 class: the SC\'s SPM (number, type, received time) keeps the NW\'s method and draw, and adds the receipt', async () => {
    await deliver(placed('20261201080000-0600'), status('OBR|1|36E0001^EPC|L36E^LAB|2345-7^Glucose^LN', 'SPM|1|36ES01&EPC||SER^Serum^HL70487||||||||||||||20261201090500-0600'));
    expect(specimens()).toHaveLength(1);
    const s = specimens()[0] as Json;
    expect(s.receivedTime).toBe('2026-12-01T09:05:00-06:00');
    expect((s.collection as Json).collectedDateTime).toBe('2026-12-01T08:00:00-06:00');
    expect(JSON.stringify((s.collection as Json).method)).toContain('"code":"28520004"');
  });

  it('a draw sent as a period (SPM-17 start^end) is kept whole by an SC that sends no collection time [collected[x]]', async () => {
    await deliver(placed('20261201080000-0600^20261201081500-0600'), status('OBR|1|36E0001^EPC|L36E^LAB|2345-7^Glucose^LN', 'SPM|1|36ES01&EPC||SER^Serum^HL70487||||||||||||||20261201090500-0600'));
    const collection = specimens()[0]?.collection as Json;
    expect(collection.collectedPeriod).toEqual({ start: '2026-12-01T08:00:00-06:00', end: '2026-12-01T08:15:00-06:00' });
    expect(collection.collectedDateTime).toBeUndefined();
  });

  it('R27-D1 SC case: OBR-14 alone (no OBR-7, no SPM) patches the order\'s one tube: its id, number, method and draw stay', async () => {
    const tubeId = (convertHl7v2(placed('20261201080000-0600')).bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Specimen')?.id;
    await deliver(placed('20261201080000-0600'), status(SC_OBR('', '20261201090500-0600')));
    expect(specimens()).toHaveLength(1);
    const s = specimens()[0] as Json;
    expect(s.id).toBe(tubeId);
    expect(s.receivedTime).toBe('2026-12-01T09:05:00-06:00');
    expect(JSON.stringify(s.identifier)).toContain('"value":"36ES01"');
    expect(JSON.stringify((s.collection as Json).method)).toContain('"code":"28520004"');
    expect(order()?.specimen).toEqual([{ reference: `Specimen/${String(tubeId)}` }]);
  });

  it('an SC whose OBR-7 is another draw (a recollection) is another Specimen; the order\'s tube is left as it was', async () => {
    await deliver(placed('20261201080000-0600'), status(SC_OBR('20261201110000-0600', '20261201111500-0600')));
    expect(specimens()).toHaveLength(2);
    const first = specimens().find((s) => JSON.stringify(s.identifier ?? []).includes('36ES01'));
    expect(first?.receivedTime).toBeUndefined();
    expect((order()?.specimen as Json[]).length).toBe(2);
  });
});
