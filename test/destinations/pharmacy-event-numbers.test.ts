/**
 * A dispense (RDS^O13) or an administration (RAS^O17) names the medication order the RDE placed by the ward's number
 * (ORC-2) and adds the pharmacy's own (ORC-3, the filler order number) [IG ORC[ServiceRequest] #3 → identifier
 * (FILL), as the IG's ORC[MedicationAdministration] #3 does; hig: docs/mapping.md "What a cancel owns", order events].
 * Its MedicationRequest is the conditional create + patch of the order held (order.ts placedOrderRequest): until
 * fix36f the patch set the status alone, so the pharmacy's number stayed in the unused create and never reached the
 * order (review 60 R60-N5, review 62 R62-N3), where a result's patch adds the lab's filler number to its ServiceRequest.
 * Delivered to the in-repo test FHIR server through the FHIR destination.
 *
 *   npx vitest run test/destinations/pharmacy-event-numbers.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||PH0036F1^^^HOSP^MR||SOUZA^ANA^^^^^L||19600101|F';
const PV1 = 'PV1|1|I|W1^01^^HOSP||||||||||||||||PHV0036F1^^^HOSP^VN';
const RDE = [
  'MSH|^~\\&|CPOE|HOSP|HIG|HOSP|20340509150500-0300||RDE^O11^RDE_O11|RDE36F1|P|2.5.1',
  PID,
  PV1,
  'ORC|NW|RX36F-1^HOSP|||IP||||20340509150500-0300',
  'RXE|1^Q24H^^20340509160000-0300|CEFTRI1G^Ceftriaxone 1 g^HOSPMED|1||g^gram^UCUM',
].join('\r');
const RDS = [
  'MSH|^~\\&|PHARM|HOSP|HIG|HOSP|20340509155000-0300||RDS^O13^RDS_O13|RDS36F1|P|2.5.1',
  PID,
  PV1,
  'ORC|RE|RX36F-1^HOSP|FARM36F-501^HOSPFARM||IP||||20340509155000-0300',
  'RXD|1|CEFTRI1G^Ceftriaxone 1 g^HOSPMED|20340509154500-0300|1|EA',
].join('\r');
const RAS = [
  'MSH|^~\\&|EMAR|HOSP|HIG|HOSP|20340509164000-0300||RAS^O17^RAS_O17|RAS36F1|P|2.5.1',
  PID,
  PV1,
  'ORC|RE|RX36F-1^HOSP|FARM36F-501^HOSPFARM||IP||||20340509164000-0300',
  'RXA|0|1|20340509160500-0300|20340509163800-0300|CEFTRI1G^Ceftriaxone 1 g^HOSPMED|1|g^gram^UCUM',
].join('\r');

let server: FhirServer;
let destination: BundlePusher;

beforeAll(async () => {
  server = await startFhirServer();
  destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
});
afterAll(async () => {
  await destination.close();
  await server.close();
});

const orders = () => [...server.resources.values()].filter((r) => r.resourceType === 'MedicationRequest') as Json[];
const numbers = (o: Json) => ((o.identifier as Json[] | undefined) ?? []).map((i) => [((i.type as Json | undefined)?.coding as Json[] | undefined)?.[0]?.code, i.value]);

describe('a dispense or administration adds the pharmacy\'s order number (ORC-3) to the order the RDE placed', () => {
  it('RDE NW (placer only) → RDS with ORC-3: the one held order has PLAC RX36F-1 and FILL FARM36F-501 once, still active; a resend and the RAS after it add nothing more [IG ORC[ServiceRequest] #2, #3]', async () => {
    await destination.deliver(convertHl7v2(RDE).bundle, never);
    expect(orders().map(numbers)).toEqual([[['PLAC', 'RX36F-1']]]);
    const placed = orders()[0] as Json;
    const rds = convertHl7v2(RDS).bundle;
    await destination.deliver(rds, never);
    await destination.deliver(rds, never);
    await destination.deliver(convertHl7v2(RAS).bundle, never);
    const held = orders();
    expect(held.map((o) => o.id)).toEqual([placed.id]);
    expect(numbers(held[0] as Json)).toEqual([['PLAC', 'RX36F-1'], ['FILL', 'FARM36F-501']]);
    // the RDE's own facts stay: what the dispense and the administration do not restate
    expect([(held[0] as Json).status, (held[0] as Json).authoredOn]).toEqual(['active', '2034-05-09T15:05:00-03:00']);
  });
});
