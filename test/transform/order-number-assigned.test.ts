/**
 * Review 56 R56-W2 (docs/mapping-review-56.md): an NA (v2.5.1 table 0119 "number assigned", the placer's answer to the
 * lab's SN) gives the placer's number to an order the lab placed under its filler number alone. [hig identity; IG
 * ORC[ServiceRequest] #2 → identifier PLAC, #3 → identifier FILL; the OrderControlCode map has no status row for SN
 * or NA] The order the server holds is found by the filler number it was placed under and the placer number is added
 * to it; searched by the new placer number, the NA found nothing and created a second order. Expected values are
 * written from the messages below.
 *
 *   npx vitest run test/transform/order-number-assigned.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource: Json; request?: { method?: string; url?: string; ifNoneExist?: string } };

const head = (type: string) => [`MSH|^~\\&|HIS|H|LIS|H|20330115103511+0530||${type}|C1|P|2.5.1`, 'MSA|AA|X', 'PID|1||P1^^^H^MR||DOE^ANN'];
const entries = (segments: string[]) => convertHl7v2(segments.join('\r')).bundle.entry as Entry[];
/** The ServiceRequest create's search and the PATCH's url (order events are these two entries). */
function orderEvent(segments: string[]): { create: string | undefined; patch: string | undefined; body: string } {
  const all = entries(segments);
  const create = all.find((e) => e.resource.resourceType === 'ServiceRequest' && e.request?.method === 'POST');
  const patch = all.find((e) => e.request?.method === 'PATCH' && (e.request.url ?? '').startsWith('ServiceRequest?'));
  return { create: create?.request?.ifNoneExist, patch: patch?.request?.url, body: JSON.stringify(patch?.resource ?? null) };
}

describe('R56-W2 an NA is searched by the filler number the order was placed under [hig identity; ORC #2, #3]', () => {
  it('ORC NA + OBR (ORL^O22): searched by FL1 + the test, the placer number PL1 added by the patch', () => {
    const e = orderEvent([...head('ORL^O22'), 'ORC|NA|PL1^HIS|FL1^LIS', 'OBR|1|PL1^HIS|FL1^LIS|FT4^Free T4^L']);
    expect(e.create).toMatch(/^identifier=\|FL1&code=urn%3Ahl7v2%3Acodesystem%3AL\|FT4&subject=Patient\//);
    expect(e.patch).toMatch(/^ServiceRequest\?identifier=\|FL1&code=/);
    // the patch adds PL1 typed PLAC (FHIRPath Patch add of identifier)
    expect(e.body).toContain('"value":"PL1"');
    expect(e.body).toContain('"code":"PLAC"');
  });

  it('a lone ORC NA: searched by FL1 alone, PL1 added', () => {
    const e = orderEvent([...head('ORL^O22'), 'ORC|NA|PL1^HIS|FL1^LIS']);
    expect(e.create).toMatch(/^identifier=\|FL1&subject=Patient\//);
    expect(e.body).toContain('"value":"PL1"');
  });

  it('an NA without a filler number is searched by the placer number', () => {
    const e = orderEvent([...head('ORL^O22'), 'ORC|NA|PL1^HIS', 'OBR|1|PL1^HIS||FT4^Free T4^L']);
    expect(e.create).toMatch(/^identifier=\|PL1&code=/);
  });

  it('control: any other event naming both numbers (OK) is searched by the placer number, the filler number added', () => {
    const e = orderEvent([...head('ORL^O22'), 'ORC|OK|PL1^HIS|FL1^LIS||SC', 'OBR|1|PL1^HIS|FL1^LIS|FT4^Free T4^L']);
    expect(e.create).toMatch(/^identifier=\|PL1&code=/);
    expect(e.body).toContain('"value":"FL1"');
  });
});
