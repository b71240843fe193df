/**
 * Code review 36 (docs/codereview36.md) CR36-1: the open gives of an order a DC or CA ends were searched without
 * `_count` (destinations/held-gives.ts), and a search answered with a further page (`link` next: HAPI pages at 20 by
 * default) made order-events.ts matchesOf refuse the whole order event: the DC dead-lettered, the order left `active`.
 * Delivered through the real FHIR destination to the in-repo FHIR server paging as HAPI does (a small page, so three
 * gives overflow it). Expected values from the messages: [FHIR R4 request-status] the DC (ORC-5 DC) stops the order
 * and each of its open gives (RGV RXG, intent instance-order) [review 65 R65-N3]. Synthetic data.
 *
 *   npx vitest run test/codereview36/gives-paging.test.ts
 */
import { describe, expect, it } from 'vitest';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { rde, rgv } from '../support/give-messages.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;

// a server whose search without _count gets 2 matches, and whose largest page is 3
const fhir = useFhirDestinations({ server: { paging: { defaultCount: 2, maxCount: 3 } } });

/** The patient's gives (intent instance-order), in the order the server stored them. */
const gives = (mrn: string): Json[] => {
  const subject = `Patient/${String(fhir.stored('Patient', mrn)[0]?.id)}`;
  return [...fhir.server.resources.values()].filter((r) => r.resourceType === 'MedicationRequest' && r.intent === 'instance-order' && (r.subject as Json | undefined)?.reference === subject);
};
const statuses = (mrn: string) => gives(mrn).map((g) => g.status);
const givesSearches = () => fhir.server.requests.filter((r) => r.method === 'GET' && r.path.includes('intent=instance-order'));

describe('CR36-1 [FHIR R4 http.html#paging] the gives search asks its page; a page that overflows never refuses the order event', () => {
  it('three open gives, more than the server\'s default page of 2: the search asks _count, the DC stops the order and all three gives', async () => {
    const dest = fhir.destination();
    for (const b of [rde('MRN-P3', 'P36-3', 'NW'), rgv('MRN-P3', 'P36-3', '1'), rgv('MRN-P3', 'P36-3', '2'), rgv('MRN-P3', 'P36-3', '3')]) await dest.deliver(b, never);
    expect(statuses('MRN-P3')).toEqual(['active', 'active', 'active']);
    await dest.deliver(rde('MRN-P3', 'P36-3', 'DC', 'DC'), never);
    expect(fhir.stored('MedicationRequest', 'P36-3').map((m) => m.status)).toEqual(['stopped']);
    expect(statuses('MRN-P3')).toEqual(['stopped', 'stopped', 'stopped']);
    expect(givesSearches().at(-1)?.path).toMatch(/[?&]_count=\d+/);
  });

  it('four open gives, more than the server\'s largest page: the DC still stops the order, the gives are left as held and the outcome says so', async () => {
    const dest = fhir.destination();
    const placed = [rde('MRN-P4', 'P36-4', 'NW'), ...['1', '2', '3', '4'].map((s) => rgv('MRN-P4', 'P36-4', s))];
    for (const b of placed) await dest.deliver(b, never);
    const outcome = await dest.deliver(rde('MRN-P4', 'P36-4', 'DC', 'DC'), never);
    expect(fhir.stored('MedicationRequest', 'P36-4').map((m) => m.status)).toEqual(['stopped']);
    expect(statuses('MRN-P4')).toEqual(['active', 'active', 'active', 'active']);
    const [order] = fhir.stored('MedicationRequest', 'P36-4');
    expect(outcome.detail).toContain(`MedicationRequest/${String(order?.id)}`);
    expect(outcome.detail).toMatch(/gives? .*not ended/);
  });
});
