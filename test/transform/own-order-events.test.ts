/**
 * Code review 19 CR19-4 (docs/codereview19.md): an ORC-only order event and an ORC + OBR order of the same number in
 * one message. [FHIR R4 http.html#trules] the event's conditional create ran before the order's PUT and made a
 * code-less order of the number beside the real one. [hig; v2.5.1 4.5.1, ORCs applied in message order; IG
 * OrderControlCode[ServiceRequest.status] CA → revoked] The message's own order carries the state: an event before it
 * is superseded, an event after it is made on it. Expected values come from the messages, not from hig's output.
 *
 *   npx vitest run test/transform/own-order-events.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request: { method: string; url: string; ifNoneExist?: string } };

const PLACER = 'ORD-CR19-4^CPOE^1.2.840.114350.97^ISO';
const OBR = `OBR|1|${PLACER}||24331-1^Lipid panel^LN`;
const message = (...orders: string[]) =>
  ['MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|CR19-4|P|2.5.1', 'PID|1||MRN19^^^GH^MR||DOE^JANE||19800215|F', ...orders].join('\r');
const requests = (hl7: string) =>
  (convertHl7v2(hl7).bundle.entry as Entry[]).filter((e) => e.resource?.resourceType === 'ServiceRequest' || e.request.url.startsWith('ServiceRequest'));
const events = (entries: Entry[]) => entries.filter((e) => e.request.method !== 'PUT');

describe('[hig; code review 19 CR19-4] an ORC-only event naming the message\'s own order', () => {
  it('CA, then NW + OBR of the number: one PUT of the order, active; no conditional create or patch', () => {
    const entries = requests(message(`ORC|CA|${PLACER}`, `ORC|NW|${PLACER}`, OBR));
    expect(events(entries)).toEqual([]);
    expect(entries.map((e) => [e.request.method, e.resource?.status])).toEqual([['PUT', 'active']]);
  });

  it('NW + OBR, then CA of the number: one PUT of the order, revoked [IG OrderControlCode CA → revoked]', () => {
    const entries = requests(message(`ORC|NW|${PLACER}`, OBR, `ORC|CA|${PLACER}`));
    expect(events(entries)).toEqual([]);
    expect(entries.map((e) => [e.request.method, e.resource?.status])).toEqual([['PUT', 'revoked']]);
  });

  it('control: a CA of another number beside the NW stays its conditional create + patch', () => {
    const entries = requests(message('ORC|CA|ORD-OTHER^CPOE^1.2.840.114350.97^ISO', `ORC|NW|${PLACER}`, OBR));
    expect(events(entries).map((e) => e.request.method)).toEqual(['POST', 'PATCH']);
  });
});
