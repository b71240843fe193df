/**
 * Code review 36 (docs/codereview36.md) CR36-8: an order event that states a status without a reason takes the held
 * event's reason away (review 65 R65-W1, destinations/held-event-extensions.ts) by one FHIRPath Patch `delete` per held
 * extension, each naming it by its content (transform/patch.ts extensionDeletes). [FHIR R4 fhirpatch.html: `delete`
 * names one element] Two held extensions of one url where one covers the other (the same reason twice; a reason's code
 * beside the same code with its text), or one with nothing but its url, made a `delete` that names two: the server
 * refused the patch (422, code review 24 CR24-1's failure) and the release dead-lettered. Delivered through the real
 * FHIR destination to the in-repo FHIR server; the held order's extensions are set on the server first. Expected values
 * from the messages: [IG ORC[ServiceRequest] #16 → v2-orderControlCodeReason, #1/#9 → businessEvent] after the RL
 * (ORC-5 and ORC-16 empty) the order is `active`, states the RL's businessEvent and no reason; another extension stays.
 * Synthetic data.
 *
 *   npx vitest run test/codereview36/event-extension-deletes.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { orderEventFhirPathPatch, orderEventJsonPatch } from '../../src/transform/patch.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { applyFhirPathPatch } from '../support/fhirpath-patch.js';
import { applyJsonPatch } from '../support/json-patch.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const EVENT = 'http://hl7.org/fhir/StructureDefinition/businessEvent';
const CONTROL_REASON = 'https://hig.example/fhir/StructureDefinition/v2-orderControlCodeReason';
const OTHER = { url: 'https://example.org/fhir/StructureDefinition/ward-flag', valueString: 'isolation' };

const placer = (n: string) => `${n}^CPOE^1.2.840.114350.98^ISO`;
const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20341206080000-0600||ORM^O01|C8-${id}|P|2.5.1`, 'PID|1||MRN368^^^GH^MR||DOE^JANE||19800215|F'];
const placed = (n: string) => convertHl7v2([...head(`${n}a`), `ORC|NW|${placer(n)}`, `OBR|1|${placer(n)}||24331-1^Lipid panel^LN`].join('\r')).bundle;
// ORC-1 RL, ORC-5 and ORC-16 empty, ORC-9 the event's time
const release = (n: string) => convertHl7v2([...head(`${n}r`), `ORC|RL|${placer(n)}|||||||20341206100000-0600`].join('\r')).bundle;

/** The held order put on hold with these extensions, as another writer (or an earlier hig) left it. */
async function holdWith(n: string, extension: Json[]): Promise<void> {
  const [order] = fhir.stored('ServiceRequest', n);
  const answer = await fetch(`${fhir.server.url}/ServiceRequest/${String(order?.id)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json' },
    body: JSON.stringify([
      { op: 'replace', path: '/status', value: 'on-hold' },
      { op: 'add', path: '/extension', value: extension },
    ]),
  });
  expect(answer.status).toBe(200);
}

const NA = { url: CONTROL_REASON, valueCodeableConcept: { coding: [{ code: 'NA' }] } };
const NA_TEXT = { url: CONTROL_REASON, valueCodeableConcept: { coding: [{ code: 'NA' }], text: 'Patient not available' } };
const BARE = { url: CONTROL_REASON, valueCodeableConcept: {} };

describe('CR36-8 [FHIR R4 fhirpatch.html: delete names one element] held reasons of one url that one delete would name together', () => {
  it.each([
    ['the same reason held twice', '3681', [OTHER, NA, NA]],
    ['a reason\'s code before the same code with its text (the first covers the second)', '3682', [NA, OTHER, NA_TEXT]],
    ['a reason with nothing but its url, before another', '3683', [BARE, NA_TEXT, OTHER]],
  ])('%s: the RL makes the order active with its businessEvent, no reason left, the other extension kept', async (_, n, held) => {
    const dest = fhir.destination();
    await dest.deliver(placed(n), never);
    await holdWith(n, held);
    await dest.deliver(release(n), never);
    const [order] = fhir.stored('ServiceRequest', n);
    expect(order?.status).toBe('active');
    const extensions = (order?.extension as Json[] | undefined) ?? [];
    expect(extensions.map((e) => e.url)).toEqual([OTHER.url, EVENT]);
    expect(extensions[0]).toEqual(OTHER);
    expect(JSON.stringify(extensions[1])).toContain('"code":"RL"');
  });
});

// the JSON Patch the fallback sends says what the FHIRPath Patch says, each list written whole: applied to a held
// order the FHIRPath Patch applies to (no two held items one delete names), both give the same order
describe('CR36-8 orderEventJsonPatch: the FHIRPath Patch of an order event made again as whole lists', () => {
  const REASON = 'http://hl7.org/fhir/StructureDefinition/request-statusReason';
  const sent = {
    resourceType: 'ServiceRequest',
    status: 'active',
    occurrencePeriod: { start: '2034-12-06T10:00:00-06:00' },
    note: [{ text: 'fasting' }],
    extension: [{ url: EVENT, valueCoding: { code: 'RL' } }, { url: REASON, valueCodeableConcept: { text: 'released' } }],
  };
  const filler = { system: 'urn:oid:1.2.3', value: 'F1', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'FILL' }] } };
  const held: Json = {
    resourceType: 'ServiceRequest',
    id: 'o',
    status: 'on-hold',
    occurrenceDateTime: '2034-12-06',
    note: [{ text: 'fasting' }, { text: 'left arm' }],
    identifier: [{ system: 'urn:oid:1.2.3', value: 'P1' }, { ...filler, value: 'F0' }, filler],
    extension: [OTHER, { url: EVENT, valueCoding: { code: 'HD' } }],
  };

  it('status, a choice element of another type, a list item held, an event extension replaced, an identifier: as the FHIRPath Patch leaves them', () => {
    const change = { elements: ['status', 'occurrencePeriod', 'note'], extensions: [EVENT, REASON], identifiers: [filler] };
    const patch = orderEventFhirPathPatch(sent as never, change);
    const ops = orderEventJsonPatch(patch, held, () => false);
    expect(applyJsonPatch(held, ops)).toEqual(applyFhirPathPatch(held, patch));
    expect(applyJsonPatch(held, ops)).toMatchObject({ status: 'active', occurrencePeriod: sent.occurrencePeriod, note: [{ text: 'left arm' }, { text: 'fasting' }] });
  });

  it('a dropped held extension goes; the list removed when nothing is left', () => {
    const patch = orderEventFhirPathPatch({ resourceType: 'ServiceRequest', status: 'active' } as never, { elements: ['status'], extensions: [], identifiers: [] });
    expect(applyJsonPatch(held, orderEventJsonPatch(patch, held, (e) => e.url === EVENT))).toMatchObject({ status: 'active', extension: [OTHER] });
    const out = applyJsonPatch(held, orderEventJsonPatch(patch, held, () => true)) as Json;
    expect(out.extension).toBeUndefined();
  });
});
