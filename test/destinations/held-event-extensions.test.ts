/**
 * An order event that changes the order's status without a reason takes the previous event's reason away (review 65
 * R65-W1; src/destinations/held-event-extensions.ts): [IG ORC[ServiceRequest] #16 → request-statusReason /
 * extension??-orderControlCodeReason, #1/#9 → businessEvent: the reason and record of the order control event]. A
 * release (ORC-1 RL, ORC-16 empty) after a hold (ORC-16 "Patient not available") left the active order stating why it
 * was held. Delivered to the test FHIR server (test/support/fhir-server.ts); expected values from the messages.
 *
 *   npx vitest run test/destinations/held-event-extensions.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { endedEventExtensionsPatch } from '../../src/destinations/held-event-extensions.js';
import { jsonPatchBinary, jsonPatchOps } from '../../src/transform/json-patch-entry.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { applyFhirPathPatch } from '../support/fhirpath-patch.js';
import { applyJsonPatch } from '../support/json-patch.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const REASON = 'http://hl7.org/fhir/StructureDefinition/request-statusReason';
const EVENT = 'http://hl7.org/fhir/StructureDefinition/businessEvent';
const CONTROL_REASON = 'https://hig.example/fhir/StructureDefinition/v2-orderControlCodeReason';
const urls = (r: Json | undefined) => ((r?.extension as Json[] | undefined) ?? []).map((e) => e.url);
const codesOf = (r: Json | undefined) => JSON.stringify(r?.extension ?? []);

describe('R65-W1 [IG ORC[ServiceRequest] #16, #1/#9] a lab order (ORM ORC-only events): a hold with a reason, then RL without one', () => {
  const placer = (n: string) => `${n}^CPOE^1.2.840.114350.98^ISO`;
  const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20341206080000-0600||ORM^O01|W1-${id}|P|2.5.1`, 'PID|1||MRN651^^^GH^MR||DOE^JANE||19800215|F'];
  const placed = (n: string) => convertHl7v2([...head(`${n}a`), `ORC|NW|${placer(n)}`, `OBR|1|${placer(n)}||24331-1^Lipid panel^LN`].join('\r')).bundle;
  // ORC-1, ORC-3 the filler's number, ORC-5, ORC-9 (the event's time, businessEvent.date), ORC-16
  const event = (n: string, id: string, control: string, status: string, time: string, reason: string, filler = '') =>
    convertHl7v2([...head(`${n}${id}`), `ORC|${control}|${placer(n)}|${filler}||${status}||||${time}${'|'.repeat(7)}${reason}`].join('\r')).bundle;

  it('ORC-5 HD (on-hold, v2-orderControlCodeReason) then RL: active, the hold\'s reason and businessEvent gone, the RL\'s businessEvent there', async () => {
    const dest = fhir.destination();
    await dest.deliver(placed('6501'), never);
    await dest.deliver(event('6501', 'b', 'HD', 'HD', '20341206090000-0600', 'NA^Patient not available^L'), never);
    const hold = fhir.stored('ServiceRequest', '6501')[0];
    expect([hold?.status, urls(hold)]).toEqual(['on-hold', [CONTROL_REASON, EVENT]]);
    await dest.deliver(event('6501', 'c', 'RL', '', '20341206100000-0600', ''), never);
    const [held] = fhir.stored('ServiceRequest', '6501');
    expect(held?.status).toBe('active');
    expect(urls(held)).toEqual([EVENT]);
    expect(codesOf(held)).toContain('"code":"RL"');
    expect(codesOf(held)).not.toContain('Patient not available');
  });

  it('an HD sent as a request (ORC-5 empty: OrderControlCode HD → active, ORC-16 → request-statusReason), then an RL without ORC-9: both of the hold\'s extensions go, though the status stays active', async () => {
    const dest = fhir.destination();
    await dest.deliver(placed('6502'), never);
    await dest.deliver(event('6502', 'b', 'HD', '', '20341206090000-0600', 'NA^Patient not available^L'), never);
    expect(urls(fhir.stored('ServiceRequest', '6502')[0])).toEqual([REASON, EVENT]);
    await dest.deliver(event('6502', 'c', 'RL', '', '', ''), never);
    const [held] = fhir.stored('ServiceRequest', '6502');
    expect(held?.status).toBe('active');
    expect(urls(held)).toEqual([]);
  });

  it('control: the lab\'s SC (ORC-5 IP, its filler number) states no status of an order it leaves active: the held order keeps its hold and its reason', async () => {
    const dest = fhir.destination();
    await dest.deliver(placed('6503'), never);
    await dest.deliver(event('6503', 'b', 'HD', 'HD', '20341206090000-0600', 'NA^Patient not available^L'), never);
    await dest.deliver(event('6503', 'c', 'SC', 'IP', '', '', 'F6503^LIS'), never);
    const [held] = fhir.stored('ServiceRequest', '6503');
    expect(held?.status).toBe('on-hold');
    expect(codesOf(held)).toContain('Patient not available');
    expect(JSON.stringify(held?.identifier)).toContain('F6503');
  });
});

describe('R65-W1 a pharmacy order (RDE with its RXE re-sent: a JSON Patch by id): HD with ORC-16, then RL, and an XO reason ended by a DC', () => {
  const OID = '1.2.840.114350.1.13.99';
  const rde = (n: string, control: string, status: string, reason: string) =>
    convertHl7v2(
      [
        `MSH|^~\\&|CPOE|GH|PHARM|GH|20341206080000-0600||RDE^O11^RDE_O11|W1-${n}-${control}|P|2.5.1`,
        'PID|1||MRN652^^^GH^MR||DOE^JOAN||19800215|F',
        `ORC|${control}|${n}^CPOE^${OID}^ISO|||${status}||||20341206080000-0600|||1234^ORDER^OLIVE||||${reason}`,
        'TQ1|1||Q12H^Every 12 hours^HL70335|||||20341206090000-0600',
        'RXE||11124^Vancomycin^RXNORM|1250||mg^milligram^UCUM',
      ].join('\r'),
    ).bundle;

  it('NW, HD (ORC-5 HD, ORC-16 ANCLOW), RL: active, the hold\'s v2-orderControlCodeReason gone', async () => {
    const dest = fhir.destination();
    await dest.deliver(rde('RX6501', 'NW', '', ''), never);
    await dest.deliver(rde('RX6501', 'HD', 'HD', 'ANCLOW^Held: ANC low^L'), never);
    expect(codesOf(fhir.stored('MedicationRequest', 'RX6501')[0])).toContain('ANCLOW');
    await dest.deliver(rde('RX6501', 'RL', '', ''), never);
    const [held] = fhir.stored('MedicationRequest', 'RX6501');
    expect(held?.status).toBe('active');
    expect(held?.extension).toBeUndefined();
  });

  it('NW, XO with a reason (ORC-5 empty → request-statusReason), DC without one: stopped, the XO\'s reason gone', async () => {
    const dest = fhir.destination();
    await dest.deliver(rde('RX6502', 'NW', '', ''), never);
    await dest.deliver(rde('RX6502', 'XO', '', 'WT^Weight change^L'), never);
    expect(urls(fhir.stored('MedicationRequest', 'RX6502')[0])).toEqual([REASON]);
    await dest.deliver(rde('RX6502', 'DC', 'DC', ''), never);
    const [held] = fhir.stored('MedicationRequest', 'RX6502');
    expect(held?.status).toBe('stopped');
    expect(codesOf(held)).not.toContain('Weight change');
  });
});

describe('endedEventExtensionsPatch: what it removes and what it keeps', () => {
  const other = { url: 'https://hig.example/fhir/StructureDefinition/v2-device', valueString: 'pump' };
  const reason = { url: CONTROL_REASON, valueCodeableConcept: { coding: [{ code: 'ANCLOW' }] } };
  const held = { resourceType: 'MedicationRequest', id: 'm', status: 'on-hold', intent: 'order', extension: [other, reason] };

  it('a JSON Patch that makes the order active: the held reason removed, another extension kept', () => {
    const out = endedEventExtensionsPatch(jsonPatchBinary([{ op: 'add', path: '/status', value: 'active' }]), held) as Json;
    expect(applyJsonPatch(held, jsonPatchOps(out))).toEqual({ ...held, status: 'active', extension: [other] });
  });

  it('a FHIRPath Patch that makes the order active: one delete of the held reason, another extension kept', () => {
    const patch = { resourceType: 'Parameters', parameter: [{ name: 'operation', part: [{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: 'MedicationRequest.status' }, { name: 'value', valueCode: 'active' }] }] };
    const out = endedEventExtensionsPatch(patch, held);
    expect(applyFhirPathPatch(held, out)).toEqual({ ...held, status: 'active', extension: [other] });
  });

  it('the same status stated again (another event): the held reason goes too', () => {
    const out = endedEventExtensionsPatch(jsonPatchBinary([{ op: 'add', path: '/status', value: 'on-hold' }]), held) as Json;
    expect(applyJsonPatch(held, jsonPatchOps(out))).toEqual({ ...held, extension: [other] });
  });

  it('nothing to do: no status stated, a patch that writes the extensions itself, or none held', () => {
    expect(endedEventExtensionsPatch(jsonPatchBinary([{ op: 'add', path: '/priority', value: 'stat' }]), held)).toBeUndefined();
    expect(endedEventExtensionsPatch(jsonPatchBinary([{ op: 'add', path: '/status', value: 'active' }, { op: 'add', path: '/extension', value: [other] }]), held)).toBeUndefined();
    expect(endedEventExtensionsPatch(jsonPatchBinary([{ op: 'add', path: '/status', value: 'active' }]), { ...held, extension: [other] })).toBeUndefined();
  });
});
