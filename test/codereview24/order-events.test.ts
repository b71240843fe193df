/**
 * Code review 24 (docs/codereview24.md) CR24-3, CR24-4 and code review 23 CR23-2 (rest): an order patch at the FHIR
 * destination (src/destinations/order-events.ts, overlaps.ts), delivered as transactions to the test
 * FHIR server, which refuses a transaction whose entries act on one resource twice (FHIR R4
 * http.html#trules: "If any resource identities … overlap in steps 1-3, then the transaction SHALL
 * fail"). Expected values come from the messages, the IG rows and FHIR R4, never from hig's output.
 *
 *   npx vitest run test/codereview24/order-events.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { failureOf, never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

const OID = '1.2.840.114350.1.13.99';
const head = (type: string, id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||${type}|${id}|P|2.5.1`, 'PID|1||MRN24^^^GH^MR||DOE^JANE||19800215|F'];
const obr = (set: number, n: string, obr7: string, status: string, filler = '') => `OBR|${set}|${n}^CPOE^${OID}^ISO|${filler}|2345-7^Glucose^LN|||${obr7}||||||||||||||||||${status}`;
const glucose = (value: string) => `OBX|1|NM|2345-7^Glucose^LN||${value}|mg/dL^^UCUM|70-99|N|||F`;
const placed = (n: string) => [...head('ORM^O01', `${n}-NW`), `ORC|NW|${n}^CPOE^${OID}^ISO|||||||20261206080000-0600`, `OBR|1|${n}^CPOE^${OID}^ISO||2345-7^Glucose^LN`].join('\r');

let server: FhirServer;
let dest: BundlePusher;
beforeEach(async () => {
  server = await startFhirServer();
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
});
afterEach(async () => {
  await dest.close();
  await server.close();
});
const held = (type: string) => [...server.resources.values()].filter((r) => r.resourceType === type) as Json[];
const ofNumber = (n: string) => held('ServiceRequest').filter((r) => JSON.stringify(r.identifier ?? []).includes(`"value":"${n}"`));
const notes = (r: Json | undefined) => ((r?.note as Json[] | undefined) ?? []).map((x) => x.text).sort();
const deliver = async (message: string) => dest.deliver(convertHl7v2(message).bundle, never);

describe('CR24-3 [FHIR R4 http.html#trules; IG ORU_R01 4.2.2: one ServiceRequest per OBR] a result with two OBRs of one number and one OBR-4', () => {
  // Two OBRs of S6 / 2345-7 (a test observed twice: OBR-7 08:30 and 09:30). The first is the search's
  // create + patch, the second a PUT at its own id (order.ts testEventRequest). On the resend the search
  // finds both tests, and the destination patched both by id: a PATCH and a PUT of the second test in
  // one transaction, refused by a conforming server, and the first OBR's note written on the second test.
  const oru = [
    ...head('ORU^R01^ORU_R01', 'S6-RE'),
    `ORC|RE|S6^CPOE^${OID}^ISO`,
    obr(1, 'S6', '20261206083000-0600', 'P'),
    'NTE|1||First draw',
    glucose('95'),
    `ORC|RE|S6^CPOE^${OID}^ISO`,
    obr(2, 'S6', '20261206093000-0600', 'P'),
    'NTE|1||Second draw',
    glucose('105'),
  ].join('\r');

  it('delivered twice after the NW: both accepted, two tests, each with its own note and report', async () => {
    await deliver(placed('S6'));
    await deliver(oru);
    await deliver(oru);
    const tests = ofNumber('S6');
    expect(tests).toHaveLength(2);
    // [IG NTE[ServiceRequest] NTE-3 → note.text] each OBR's NTE is its own test's
    const first = tests.find((t) => notes(t).includes('First draw'));
    const second = tests.find((t) => notes(t).includes('Second draw'));
    expect(notes(first)).toEqual(['First draw']);
    expect(notes(second)).toEqual(['Second draw']);
    // the first is the NW's test: what only the NW said stays [IG ORC[ServiceRequest] #9 IF ORC-1 = NW]
    expect(first?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
    // [IG OBR[DiagnosticReport] #7 → effectiveDateTime] each report on its own test
    const reports = held('DiagnosticReport').map((r) => [r.effectiveDateTime, ((r.basedOn as Json[] | undefined) ?? []).map((b) => b.reference)]);
    expect(reports.sort()).toEqual([
      ['2026-12-06T08:30:00-06:00', [`ServiceRequest/${String(first?.id)}`]],
      ['2026-12-06T09:30:00-06:00', [`ServiceRequest/${String(second?.id)}`]],
    ]);
  });

  it('delivered twice without the NW: the resend patches the test the first delivery created, not the second', async () => {
    await deliver(oru);
    await deliver(oru);
    const tests = ofNumber('S6');
    expect(tests.map(notes).sort()).toEqual([['First draw'], ['Second draw']]);
  });

  it('the destination refuses a Bundle that still writes one resource twice, before sending it, with no id in the text', async () => {
    const id = 'sr-7f3e';
    const sr = { resourceType: 'ServiceRequest', id, status: 'active', intent: 'order', subject: { reference: 'Patient/p1' } };
    const patch = { resourceType: 'Parameters', parameter: [{ name: 'operation', part: [{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: 'ServiceRequest.status' }, { name: 'value', valueCode: 'completed' }] }] };
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: `ServiceRequest/${id}`, resource: sr, request: { method: 'PUT', url: `ServiceRequest/${id}` } },
        { resource: patch, request: { method: 'PATCH', url: `ServiceRequest/${id}` } },
      ],
    };
    const err = await failureOf(dest.deliver(bundle, never));
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('#0 and #1');
    expect(err.message).not.toContain(id);
    expect(server.requests).toHaveLength(0);
  });
});

describe('CR24-4 [hig: FHIR R4 request-status] a result for a test already completed', () => {
  // NW, then the final result (OBR-25 F: the test completed), then a correction (OBR-25 C) with an NTE
  // and the filler's number. The completed test keeps its status (order-events.ts ENDED), but the
  // correction's note and number reach it: before, the whole patch was dropped.
  const result = (status: string, extra: string[]) =>
    [...head('ORU^R01^ORU_R01', `S8-${status}`), `ORC|RE|S8^CPOE^${OID}^ISO`, obr(1, 'S8', '20261206083000-0600', status, extra.length > 0 ? `F88^LIS^${OID}^ISO` : ''), ...extra, glucose('95')].join('\r');

  it('NW → F → C with an NTE: the held order has the note and the filler number, and stays completed', async () => {
    await deliver(placed('S8'));
    await deliver(result('F', []));
    expect(ofNumber('S8').map((r) => r.status)).toEqual(['completed']);
    await deliver(result('C', ['NTE|1||Corrected: specimen hemolyzed']));
    const order = ofNumber('S8');
    expect(order).toHaveLength(1);
    expect(order[0]?.status).toBe('completed');
    // [IG NTE[ServiceRequest] NTE-3 → note.text], [IG OBR[ServiceRequest] #3 → identifier[2]]
    expect(notes(order[0])).toEqual(['Corrected: specimen hemolyzed']);
    expect(((order[0]?.identifier as Json[] | undefined) ?? []).map((i) => i.value).sort()).toEqual(['F88', 'S8']);
    expect(order[0]?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
  });

  it('control: an ORC-only hold after the test was cancelled with its OBR leaves it revoked with the cancel\'s reason', async () => {
    // the hold's status and its own extensions (ORC-16 reason [IG ORC[ServiceRequest] #16]) describe a
    // status change the revoked test does not take: neither reaches it
    const reason = (r: Json | undefined) => JSON.stringify(r?.extension ?? []);
    await deliver(placed('S9'));
    await deliver([...head('ORM^O01', 'S9-CA'), `ORC|CA|S9^CPOE^${OID}^ISO|||CA${'|'.repeat(11)}DUP^Duplicate order^L`, `OBR|1|S9^CPOE^${OID}^ISO||2345-7^Glucose^LN`].join('\r'));
    expect(ofNumber('S9').map((r) => [r.status, reason(r).includes('Duplicate order')])).toEqual([['revoked', true]]);
    await deliver([...head('ORM^O01', 'S9-HD'), `ORC|HD|S9^CPOE^${OID}^ISO|||HD${'|'.repeat(11)}PR^Patient request^L`].join('\r'));
    const order = ofNumber('S9');
    expect(order.map((r) => r.status)).toEqual(['revoked']);
    expect(reason(order[0])).toContain('Duplicate order');
    expect(reason(order[0])).not.toContain('Patient request');
  });
});
