/**
 * Code review 19: defects in the order-event changes of 3e89f60..eafb276 (fix18a's ORC-only order
 * events, edb9af8's patient-scoped search). docs/codereview19.md lists every finding; each case here
 * failed on its parent commit (checked by copying the parent's src file in place). Expected values
 * come from the messages, the IG rows and FHIR R4 search.html, never from the converter's output.
 * Delivered to the test FHIR server (test/support/fhir-server.ts) as a transaction.
 *
 *   npx vitest run test/codereview19/order-events.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const transaction = (): BundlePusher => fhir.destination();

const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|CR19-${id}|P|2.5.1`, 'PID|1||MRN19^^^GH^MR||DOE^JANE||19800215|F'];

/** Stored ServiceRequests with an identifier of this value, whatever its system. */
const requestsOf = (value: string): Json[] => fhir.stored('ServiceRequest', value);

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

const linesOf = (report: Json): string[] => ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');

describe('CR19-2 / CR19-5 an order event\'s ORC-16 reason reached the order only when the server held none (order.ts orderEventRequest)', () => {
  // [IG ORC[ServiceRequest] #16 IF ORC-5 NOT VALUED → extension request-statusReason; otherwise hig's
  // v2-orderControlCodeReason] the reason is mapped onto the event's ServiceRequest, but fix18a sent
  // that resource as a conditional create (used only when the server holds no order of the number)
  // plus a JSON Patch of `status` alone: the order the ORM placed was revoked without its reason. CR19-2
  // said so in the report; CR19-5 (fix23) carries the reason in a FHIRPath Patch (delete the order's
  // extension of that url, add the event's), so the order held has it and the line is gone.
  const PLACER = '2001^CPOE^1.2.840.114350.98^ISO';
  const field16 = (orc: string) => `ORC|CA|${orc}|||${'|'.repeat(11)}PR^Patient refused^HL70119`;

  it('delivered: the order held is revoked and carries the reason; no report line at ORC-16', async () => {
    const placed = convertHl7v2([...head('2a'), `ORC|NW|${PLACER}`, `OBR|1|${PLACER}||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const cancel = convertHl7v2([...head('2b'), field16(PLACER)].join('\r'));
    expect(cancel.bundle.entry as Json[]).toContainEqual(expect.objectContaining({ request: expect.objectContaining({ method: 'PATCH' }) }));
    const dest = transaction();
    await dest.deliver(placed, never);
    await dest.deliver(cancel.bundle, never);
    const held = requestsOf('2001');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('revoked');
    expect((held[0]?.extension as Json[] | undefined)?.find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/request-statusReason')).toMatchObject({
      valueCodeableConcept: { coding: [expect.objectContaining({ code: 'PR', display: 'Patient refused' })] },
    });
    expect(linesOf(cancel.report).filter((l) => l.startsWith('ORC-16'))).toEqual([]);
  });

  it('with ORC-5 (hig\'s v2-orderControlCodeReason) the reason reaches the order held too; no line', async () => {
    const placer = '2002^CPOE^1.2.840.114350.98^ISO';
    const placed = convertHl7v2([...head('2c0'), `ORC|NW|${placer}`, `OBR|1|${placer}||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const cancel = convertHl7v2([...head('2c'), `ORC|CA|${placer}|||CA${'|'.repeat(11)}PR^Patient refused^HL70119`].join('\r'));
    expect(linesOf(cancel.report).filter((l) => l.startsWith('ORC-16'))).toEqual([]);
    const dest = transaction();
    await dest.deliver(placed, never);
    await dest.deliver(cancel.bundle, never);
    const held = requestsOf('2002');
    expect(held[0]?.status).toBe('revoked');
    expect(JSON.stringify(held[0]?.extension)).toContain('orderControlCodeReason');
    expect(JSON.stringify(held[0]?.extension)).toContain('Patient refused');
  });

  it('control: a cancel sent with its OBR states its reason too (in its patch); no ORC-16 line', () => {
    const { report } = convertHl7v2([...head('2d'), `ORC|CA|${PLACER}|||${'|'.repeat(11)}PR^Patient refused^HL70119`, `OBR|1|${PLACER}||24331-1^Lipid panel^LN`].join('\r'));
    expect(linesOf(report).filter((l) => l.startsWith('ORC-16'))).toEqual([]);
  });
});
