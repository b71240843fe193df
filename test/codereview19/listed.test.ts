/**
 * Code review 19: defects listed in docs/codereview19.md and not fixed on the branch, each shown by a
 * case marked `it.fails` (it passes while the defect stands; remove `.fails` with the fix).
 *
 *   npx vitest run test/codereview19/listed.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

describe('CR19-4 an ORC-only event and an OBR order of the same number in one message fail the transaction (order.ts orderEventRequest)', () => {
  // [FHIR R4 http.html#trules] POSTs run before PUTs and PATCHes: the event's create (nothing held
  // yet) makes a code-less revoked order beside the OBR's real one, two orders of one number. The
  // test server (FHIR order since CR19-8) runs the PATCH before the PUT, as the Bundle lists them;
  // a server that runs the PUT first matches two and refuses the whole message (412).
  it('a CA then an NW + OBR of ORD-CR19-4 in one ORM: delivered, one order of the number', async () => {
    const { startFhirServer } = await import('../support/fhir-server.js');
    const { createDestination } = await import('../destinations/push.js');
    const { never } = await import('../destinations/helpers.js');
    const server = await startFhirServer();
    const dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    try {
      const placer = 'ORD-CR19-4^CPOE^1.2.840.114350.97^ISO';
      const msg = ['MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|CR19-4|P|2.5.1', 'PID|1||MRN19^^^GH^MR||DOE^JANE||19800215|F', `ORC|CA|${placer}`, `ORC|NW|${placer}`, `OBR|1|${placer}||24331-1^Lipid panel^LN`];
      await dest.deliver(convertHl7v2(msg.join('\r')).bundle, never);
      const held = [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes('ORD-CR19-4'));
      expect(held).toHaveLength(1);
    } finally {
      await dest.close();
      await server.close();
    }
  });
});
