/**
 * A give (RGV^O15 RXG → MedicationRequest intent instance-order basedOn its order) ends with what performs or ends it
 * (review 65 R65-N3; src/destinations/held-gives.ts), delivered to the in-repo FHIR server: [FHIR R4 request-status]
 * its administration (RAS RXA whose RXA-1 is the RXG-1, v2.5.1 4A.14.7.1) makes it `completed` (CP), `stopped` (PA)
 * or `cancelled` (NA); its order's DC makes it `stopped`, a CA `cancelled`. Until fix37b it stayed `active`.
 * Expected values written by hand from the messages.
 *
 *   npx vitest run test/destinations/held-gives.test.ts
 */
import { describe, expect, it } from 'vitest';
import { endingOrder } from '../../src/destinations/held-gives.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { ras, rde, rgv } from '../support/give-messages.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();

const gives = (number: string): Json[] => {
  const [order] = fhir.stored('MedicationRequest', number);
  return [...fhir.server.resources.values()].filter((r) => r.resourceType === 'MedicationRequest' && r.intent === 'instance-order' && JSON.stringify(r.basedOn ?? []).includes(`"MedicationRequest/${String(order?.id)}"`));
};
const statuses = (number: string) => gives(number).map((g) => g.status);

describe('R65-N3 [FHIR R4 request-status] the give ends with its administration (RXA-1 = RXG-1)', () => {
  it.each([
    ['CP', 'completed'],
    ['PA', 'stopped'],
    ['NA', 'cancelled'],
  ])('RXA-20 %s: the give is %s, the order stays active; a replay of the RAS changes nothing', async (completion, expected) => {
    const [mrn, number] = [`MRN-G${completion}`, `G65-${completion}`];
    const dest = fhir.destination();
    for (const b of [rde(mrn, number, 'NW'), rgv(mrn, number, '1')]) await dest.deliver(b, never);
    expect(statuses(number)).toEqual(['active']);
    await dest.deliver(ras(mrn, number, '1', completion), never);
    expect(statuses(number)).toEqual([expected]);
    expect(fhir.stored('MedicationRequest', number).map((m) => m.status)).toEqual(['active']);
    await dest.deliver(ras(mrn, number, '1', completion, 'B'), never);
    expect(statuses(number)).toEqual([expected]);
  });

  it('an administration of another give (RXA-1 2) leaves give 1 active; one whose give the server never held delivers', async () => {
    const dest = fhir.destination();
    for (const b of [rde('MRN-G2', 'G65-2', 'NW'), rgv('MRN-G2', 'G65-2', '1'), ras('MRN-G2', 'G65-2', '2', 'CP')]) await dest.deliver(b, never);
    expect(statuses('G65-2')).toEqual(['active']);
    expect(fhir.stored('MedicationAdministration', 'G65-2')).toHaveLength(1);
  });
});

describe('R65-N3 [FHIR R4 request-status stopped, cancelled] the order\'s DC or CA ends its open gives', () => {
  it('DC (ORC-5 DC): the order stopped, its open give stopped; a completed give stays completed', async () => {
    const dest = fhir.destination();
    for (const b of [rde('MRN-GD', 'G65-D', 'NW'), rgv('MRN-GD', 'G65-D', '1'), ras('MRN-GD', 'G65-D', '1', 'CP'), rgv('MRN-GD', 'G65-D', '2')]) await dest.deliver(b, never);
    expect(statuses('G65-D').sort()).toEqual(['active', 'completed']);
    await dest.deliver(rde('MRN-GD', 'G65-D', 'DC', 'DC'), never);
    expect(fhir.stored('MedicationRequest', 'G65-D').map((m) => m.status)).toEqual(['stopped']);
    expect(statuses('G65-D').sort()).toEqual(['completed', 'stopped']);
  });

  it('CA (ORC-5 CA): the order and its open give cancelled; another order\'s give of the patient untouched', async () => {
    const dest = fhir.destination();
    for (const b of [rde('MRN-GC', 'G65-C', 'NW'), rgv('MRN-GC', 'G65-C', '1'), rde('MRN-GC', 'G65-O', 'NW'), rgv('MRN-GC', 'G65-O', '1')]) await dest.deliver(b, never);
    await dest.deliver(rde('MRN-GC', 'G65-C', 'CA', 'CA'), never);
    expect(fhir.stored('MedicationRequest', 'G65-C').map((m) => m.status)).toEqual(['cancelled']);
    expect(statuses('G65-C')).toEqual(['cancelled']);
    expect(statuses('G65-O')).toEqual(['active']);
  });
});

// code review 36 CR36-2: the order's PATCH landed and a give's did not (412 in a batch or individual delivery): the
// retry finds the order already `stopped`, and until fix38a ended gives of a live order only, so the give stayed active
describe('CR36-2 [FHIR R4 request-status stopped] an order already held with the status its DC states still ends its open gives', () => {
  const heldAs = async (number: string, status: string) => {
    const [order] = fhir.stored('MedicationRequest', number);
    const answer = await fetch(`${fhir.server.url}/MedicationRequest/${String(order?.id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/status', value: status }]),
    });
    expect(answer.status).toBe(200);
  };

  it('the order held `stopped` with an active give: the DC (ORC-5 DC) stops the give; the order stays stopped', async () => {
    const dest = fhir.destination();
    for (const b of [rde('MRN-GR', 'G36-R', 'NW'), rgv('MRN-GR', 'G36-R', '1')]) await dest.deliver(b, never);
    await heldAs('G36-R', 'stopped');
    await dest.deliver(rde('MRN-GR', 'G36-R', 'DC', 'DC'), never);
    expect(fhir.stored('MedicationRequest', 'G36-R').map((m) => m.status)).toEqual(['stopped']);
    expect(statuses('G36-R')).toEqual(['stopped']);
  });

  it('the order held `cancelled` with an active give: the CA (ORC-5 CA) cancels the give', async () => {
    const dest = fhir.destination();
    for (const b of [rde('MRN-GQ', 'G36-Q', 'NW'), rgv('MRN-GQ', 'G36-Q', '1')]) await dest.deliver(b, never);
    await heldAs('G36-Q', 'cancelled');
    await dest.deliver(rde('MRN-GQ', 'G36-Q', 'CA', 'CA'), never);
    expect(statuses('G36-Q')).toEqual(['cancelled']);
  });
});

// code review of fix37b (finding 3): an order placed with RXO alone is held as `original-order` (pharmacy.ts); an RGV
// after it gives it gives, and its DC / CA must end them as an RDE's order's would. A give itself ends none.
describe('[R4 request-intent] which held orders end their gives', () => {
  it('an order of intent order or original-order ends its open gives on stopped / cancelled; a give (instance-order) or another status none', () => {
    expect(endingOrder({ intent: 'order' }, 'stopped')?.status).toBe('stopped');
    expect(endingOrder({ intent: 'original-order' }, 'cancelled')?.status).toBe('cancelled');
    expect(endingOrder({ intent: 'instance-order' }, 'stopped')).toBeUndefined();
    expect(endingOrder({ intent: 'order' }, 'active')).toBeUndefined();
  });
});
