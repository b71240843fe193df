/**
 * The pharmacy's ORP^O10 (v2.5.1 4A.3.2, the pharmacy/treatment order acknowledgement) after the home's OMP^O09, and
 * the lab's ORR^O02 (v2.4 4.4.2, the general order response) after the ORM^O01, delivered through the FHIR
 * destination to the in-repo test FHIR server. Review 55 R55-R2 / review 56 R56-R1: both were refused
 * (UNSUPPORTED_EVENT), so the order learned the filler's number only with the next message (the RDE 45 minutes later,
 * the lab's SC). A response names orders another message placed, as an ORL^O22 does (docs/mapping.md "Order
 * responses"): its ORC adds the filler number [IG ORC[ServiceRequest] #3 → identifier (FILL), applied to the
 * MedicationRequest as hig's pharmacy rows are], says the status [#5 via OrderStatus, else #1 via OrderControlCode;
 * OK/IP active says nothing new; hig: UA → revoked, a MedicationRequest `cancelled`] and removes nothing it omits.
 * Expected values are the messages', by hand.
 *
 *   npx vitest run test/destinations/orp-o10-delivery.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const sample = (review: string, name: string) => readFileSync(new URL(`../../docs/${review}/messages/${name}`, import.meta.url)).toString('latin1');
const OMP = sample('review55', '01-omp-o09-prednisone-taper.hl7');
const ORP = sample('review55', '02-orp-o10-accept-taper.hl7');
const ORM = sample('review56', '01-orm-o01-anagha-three-orders.hl7');
const ORR = sample('review56', '02-orr-o02-anagha-accepted.hl7');
/** The message with every ORC's field `n` set to `value`. */
const orcWith = (message: string, n: number, value: string) =>
  message.split('\r').map((s) => {
    if (!s.startsWith('ORC|')) return s;
    const f = s.split('|');
    f[n] = value;
    return f.join('|');
  }).join('\r');

// an empty server per test: each test delivers the same orders again
const fhir = useFhirDestinations({ serverPer: 'test' });
const deliver = async (message: string) => fhir.destination().deliver(convertHl7v2(message, { timezone: 'America/Halifax' }).bundle, never);
const held = (type: string, number: string) => fhir.stored(type, number);
const only = (type: string, number: string) => {
  const found = held(type, number);
  expect(found, number).toHaveLength(1);
  return found[0] as Json;
};
const withValue = (o: Json, value: string) => ((o.identifier as Json[] | undefined) ?? []).filter((i) => i.value === value);

describe('OMP^O09 then ORP^O10 (review 55 #01 then #02) at the FHIR server (R55-R2)', () => {
  it('the taper order gains the pharmacy\'s number TLP55-2001 once, stays active (ORC-1 OK, ORC-5 IP), keeps what the OMP said; a resend changes nothing', async () => {
    await deliver(OMP);
    const placed = only('MedicationRequest', 'SC55-1001');
    expect(withValue(placed, 'TLP55-2001')).toEqual([]);
    await deliver(ORP);
    await deliver(ORP);
    const order = only('MedicationRequest', 'SC55-1001');
    // the order the OMP placed, not a second one
    expect(order.id).toBe(placed.id);
    expect(held('MedicationRequest', 'TLP55-2001')).toHaveLength(1);
    // [IG ORC[ServiceRequest] #3 → identifier, type FILL (v2-0203)]
    const fill = withValue(order, 'TLP55-2001');
    expect(fill).toHaveLength(1);
    expect(JSON.stringify(fill[0]?.type)).toContain('"code":"FILL"');
    // [IG OrderStatus IP → active; OrderControlCode OK → active]
    expect(order.status).toBe('active');
    // what the ORP's RXO echoes does not replace the OMP's order: the five taper steps, authoredOn, requester stay
    expect((order.dosageInstruction as Json[]).map((d) => d.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(order.authoredOn).toBe(placed.authoredOn);
    expect(order.authoredOn).toBeDefined();
    expect(order.requester).toEqual(placed.requester);
    expect(order.intent).toBe('original-order');
  });

  it('ORC-1 UA (unable to accept) cancels the order [hig, R34-R1: UA → revoked; medicationrequest-status cancelled]', async () => {
    await deliver(OMP);
    await deliver(orcWith(orcWith(ORP, 1, 'UA'), 5, ''));
    const order = only('MedicationRequest', 'SC55-1001');
    expect(order.status).toBe('cancelled');
    expect(held('ServiceRequest', 'SC55-1001')).toEqual([]);
  });

  it('a lone ORC OK of an ORP (ORDER_DETAIL is optional) names the MedicationRequest, never a ServiceRequest', async () => {
    await deliver(OMP);
    const placed = only('MedicationRequest', 'SC55-1001');
    await deliver(ORP.split('\r').filter((s) => !s.startsWith('RXO|')).join('\r'));
    const order = only('MedicationRequest', 'SC55-1001');
    expect(order.id).toBe(placed.id);
    expect(withValue(order, 'TLP55-2001')).toHaveLength(1);
    expect(order.status).toBe('active');
    expect(held('ServiceRequest', 'SC55-1001')).toEqual([]);
  });
});

describe('ORM^O01 then ORR^O02 (review 56 #01 then #02) at the FHIR server (R56-R1)', () => {
  it('each of the three tests gains the lab\'s filler number once and stays active; no second order', async () => {
    await deliver(ORM);
    const placed = ['NVO5610011', 'NVO5610012', 'NVO5610013'].map((p) => only('ServiceRequest', p));
    await deliver(ORR);
    for (const [i, [placer, filler]] of ([['NVO5610011', 'L56-20411'], ['NVO5610012', 'L56-20412'], ['NVO5610013', 'L56-20413']] as const).entries()) {
      const o = only('ServiceRequest', placer);
      expect(o.id).toBe(placed[i]?.id);
      const fill = withValue(o, filler);
      expect(fill).toHaveLength(1);
      expect(JSON.stringify(fill[0]?.type)).toContain('"code":"FILL"');
      // [IG OrderStatus SC → active]
      expect(o.status).toBe('active');
      expect(o.requester).toEqual(placed[i]?.requester);
    }
  });
});
