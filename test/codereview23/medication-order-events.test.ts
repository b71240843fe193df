/**
 * Code review 23: a dispense's or administration's MedicationRequest (pharmacy.ts PLACED_ELSEWHERE,
 * order.ts placedOrderRequest, medref18 R18-I1) patches the status of the order the RDE placed.
 * Delivered to the test FHIR server (test/support/fhir-server.ts) as a transaction.
 * Expected values: FHIR R4 medicationrequest-status (stopped: "Actions implied by the prescription are
 * to be permanently halted") and the messages, never hig's output.
 *
 *   npx vitest run test/codereview23/medication-order-events.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

let server: FhirServer;
let dest: BundlePusher | undefined;
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  await dest?.close();
  dest = undefined;
  await server.close();
});

const PID = 'PID|1||MRN23^^^GH^MR||DOE^JANE||19800215|F';
const msh = (type: string, id: string, at: string) => `MSH|^~\\&|PHARM|GH|HIG|GH|${at}||${type}|${id}|P|2.5.1`;
const RXE = 'RXE|^^^20261206080000^^R|00409-3213^Vancomycin 1 g^NDC|1250||mg^mg^UCUM';
const PLACED = [msh('RDE^O11^RDE_O11', 'RX23-1', '20261206080000'), PID, 'ORC|NW|RX23^CPOE^1.2.3.4^ISO|||IP', RXE, 'RXR|IV^Intravenous^HL70162'].join('\r');
/** The prescriber discontinues the order: ORC-1 DC, ORC-5 DC (the RDE repeated). */
const STOPPED = [msh('RDE^O11^RDE_O11', 'RX23-2', '20261206100000'), PID, 'ORC|DC|RX23^CPOE^1.2.3.4^ISO|||DC', RXE, 'RXR|IV^Intravenous^HL70162'].join('\r');
/** A nurse's administration charted at 09:00, sent late (after the DC), its ORC-5 IP (in process). */
const GIVEN = (control: string) =>
  [msh('RAS^O17^RAS_O17', control, '20261206103000'), PID, 'ORC|RE|RX23^CPOE^1.2.3.4^ISO|||IP', 'RXE|^^^20261206080000^^R|00409-3213^Vancomycin 1 g^NDC|1250||mg^mg^UCUM', 'RXA|0|1|20261206090000|20261206090000|00409-3213^Vancomycin 1 g^NDC|1250|mg^mg^UCUM||||||||||||CP', 'RXR|IV^Intravenous^HL70162'].join('\r');

const orders = (): Json[] => [...server.resources.values()].filter((r) => r.resourceType === 'MedicationRequest');

describe('CR23-3 [FHIR R4 medicationrequest-status] a late administration does not revive a discontinued medication order (order.ts placedOrderRequest, destinations/order-events.ts ENDED)', () => {
  it('the RDE order discontinued (stopped) stays stopped when an administration charted before the DC arrives after it', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await dest.deliver(convertHl7v2(PLACED).bundle, never);
    await dest.deliver(convertHl7v2(STOPPED).bundle, never);
    expect(orders().map((r) => r.status)).toEqual(['stopped']);
    await dest.deliver(convertHl7v2(GIVEN('RX23-3')).bundle, never);
    expect(orders().map((r) => r.status)).toEqual(['stopped']);
    // the administration is recorded against that order (RXA → MedicationAdministration.request)
    const given = [...server.resources.values()].filter((r) => r.resourceType === 'MedicationAdministration');
    expect(given.map((r) => (r.request as { reference?: string } | undefined)?.reference)).toEqual([`MedicationRequest/${String(orders()[0]?.id)}`]);
  });

  it('control: the same administration before the DC leaves the order active', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await dest.deliver(convertHl7v2(PLACED).bundle, never);
    await dest.deliver(convertHl7v2(GIVEN('RX23-4')).bundle, never);
    expect(orders().map((r) => r.status)).toEqual(['active']);
  });
});
