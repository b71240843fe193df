/**
 * Code review 19: defects in the order-event changes of 3e89f60..eafb276 (fix18a's ORC-only order
 * events, edb9af8's patient-scoped search). docs/codereview19.md lists every finding; each case here
 * failed on its parent commit (checked by copying the parent's src file in place). Expected values
 * come from the messages, the IG rows and FHIR R4 search.html, never from the converter's output.
 * Delivered to the test FHIR server (test/support/fhir-server.ts) as a transaction.
 *
 *   npx vitest run test/codereview19/order-events.test.ts
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

let server: FhirServer;
const opened: BundlePusher[] = [];

beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  for (const destination of opened.splice(0)) await destination.close();
});

function transaction(): BundlePusher {
  const created = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  opened.push(created);
  return created;
}

const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|CR19-${id}|P|2.5.1`, 'PID|1||MRN19^^^GH^MR||DOE^JANE||19800215|F'];

/** Stored ServiceRequests with an identifier of this value, whatever its system. */
function requestsOf(value: string): Json[] {
  return [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes(`"value":"${value}"`));
}

describe('CR19-1 an order event whose number has no system matched another authority\'s number of the same patient (identity.ts orderEventKey)', () => {
  // [IG ORC[ServiceRequest] #2 → identifier PLAC via EI[Identifier]] `1001^CPOE` (no namespaceMap) is
  // an identifier with no system. edb9af8 searched it as `identifier=1001&subject=…`, and a token
  // without `|` matches the value under ANY system [FHIR R4 search.html#token]: the lab's own order
  // `1001^LIS^1.2.840.114350.99^ISO` of the same patient (another authority's number, a system of its
  // own) was found and revoked by the CPOE's cancel. `identifier=|1001` is "that value with no
  // system" [search.html#token: `|[code]`], the identifier the event names.
  it('the lab\'s order 1001 (a system of its own) stays active; the CPOE\'s cancel does not touch it', async () => {
    const lab = '1001^LIS^1.2.840.114350.99^ISO';
    const placed = convertHl7v2([...head('1a'), `ORC|NW|${lab}`, `OBR|1|${lab}||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const cancel = convertHl7v2([...head('1b'), 'ORC|CA|1001^CPOE'].join('\r')).bundle;
    const dest = transaction();
    await dest.deliver(placed, never);
    await dest.deliver(cancel, never);
    const held = requestsOf('1001');
    const labOrder = held.find((r) => JSON.stringify(r.identifier).includes('urn:oid:1.2.840.114350.99'));
    expect(labOrder?.status).toBe('active');
    // the event names an order the server does not hold: it is created from the ORC (docs/mapping.md gap 3)
    expect(held.filter((r) => r !== labOrder).map((r) => r.status)).toEqual(['revoked']);
  });

  it('control: the CPOE\'s own order 1002 (no system, as placed) is found and revoked, its code kept', async () => {
    const placed = convertHl7v2([...head('1c'), 'ORC|NW|1002^CPOE', 'OBR|1|1002^CPOE||24331-1^Lipid panel^LN'].join('\r')).bundle;
    const cancel = convertHl7v2([...head('1d'), 'ORC|CA|1002^CPOE'].join('\r')).bundle;
    const dest = transaction();
    await dest.deliver(placed, never);
    await dest.deliver(cancel, never);
    const held = requestsOf('1002');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('revoked');
    expect(JSON.stringify(held[0]?.code)).toContain('"code":"24331-1"');
  });
});
