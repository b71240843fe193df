/**
 * An order replaced (v2.5.1 table 0119: ORC-1 RP "order/service replace request" or RU "replaced unsolicited",
 * immediately followed by ORC-1 RO "replacement order"; review 47 R47-W3), delivered to the in-repo test FHIR
 * server (test/support/fhir-server.ts). The IG's OrderControlCode[ServiceRequest.status] map gives RP/RU no status
 * (RO → active); its OrderStatus map reads ORC-5 RP as `revoked`. hig's rule (docs/mapping.md "Order status"): the
 * order the RP/RU names ends (ServiceRequest `revoked`; MedicationRequest `stopped`, it may have been given), and
 * the RO's order names it (ServiceRequest.replaces; MedicationRequest.priorPrescription, FHIR R4 workflow
 * Request.replaces). Until fix32f the replaced order stayed `active` at the server beside its replacement.
 * Expected values come from the messages, not from the converter's output.
 *
 *   npx vitest run test/destinations/order-replace-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import type { BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const destination = (): BundlePusher => fhir.destination();

const stored = (type: string, value: string): Json[] => fhir.stored(type, value);

const OID = '1.2.840.114350.1.13.47';
const PID = 'PID|1||MRN47R^^^GH^MR||REPLACE^RITA||19700101|F';
const msh = (type: string, id: string) => `MSH|^~\\&|CPOE|GH|LAB|GH|20261206080000-0600||${type}|${id}|P|2.5.1`;
const orc = (control: string, number: string, time: string) => `ORC|${control}|${number}^CPOE^${OID}^ISO|||||||${time}|||1234^ORDER^OLIVE`;
const obr = (number: string, code: string) => `OBR|1|${number}^CPOE^${OID}^ISO||${code}^LN`;
const rxe = (drug: string) => [`RXE||${drug}^RXNORM|1000||mg^milligram^UCUM`, 'RXR|IV^Intravenous^HL70162'];

describe('R47-W3 [IG OrderControlCode RP (no row), RO → active; OrderStatus RP → revoked; hig replace rule] a replaced order ends at the server and its replacement replaces it', () => {
  it('ServiceRequest: ORM NW ORD47A (vitamin D), then ORM RP ORD47A + RO ORD47B (iron panel): ORD47A revoked, ORD47B active, replaces ORD47A', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2([msh('ORM^O01^ORM_O01', 'R47S1'), PID, orc('NW', 'ORD47A', '20261206080000-0600'), obr('ORD47A', '62292-8^25-Hydroxyvitamin D2+D3')].join('\r')).bundle, never);
    expect(stored('ServiceRequest', 'ORD47A')[0]?.status).toBe('active');
    const replace = [msh('ORM^O01^ORM_O01', 'R47S2'), PID, orc('RP', 'ORD47A', '20261206090000-0600'), obr('ORD47A', '62292-8^25-Hydroxyvitamin D2+D3'), orc('RO', 'ORD47B', '20261206090000-0600'), obr('ORD47B', '75689-0^Iron panel')].join('\r');
    await dest.deliver(convertHl7v2(replace).bundle, never);
    const replaced = stored('ServiceRequest', 'ORD47A');
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.status).toBe('revoked');
    const replacement = stored('ServiceRequest', 'ORD47B');
    expect(replacement).toHaveLength(1);
    expect(replacement[0]?.status).toBe('active');
    const replaces = replacement[0]?.replaces as Json[] | undefined;
    expect(replaces).toHaveLength(1);
    expect(replaces?.[0]?.type).toBe('ServiceRequest');
    expect(replaces?.[0]?.identifier).toMatchObject({ system: `urn:oid:${OID}`, value: 'ORD47A' });
  });

  it('MedicationRequest: RDE NW RX47A (vancomycin), then RDE RP RX47A + RO RX47B (cefazolin): RX47A stopped, RX47B active, priorPrescription RX47A', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2([msh('RDE^O11^RDE_O11', 'R47M1'), PID, orc('NW', 'RX47A', '20261206080000-0600'), ...rxe('11124^Vancomycin')].join('\r')).bundle, never);
    expect(stored('MedicationRequest', 'RX47A')[0]?.status).toBe('active');
    const replace = [msh('RDE^O11^RDE_O11', 'R47M2'), PID, orc('RP', 'RX47A', '20261206090000-0600'), ...rxe('11124^Vancomycin'), orc('RO', 'RX47B', '20261206090000-0600'), ...rxe('2180^Cefazolin')].join('\r');
    await dest.deliver(convertHl7v2(replace).bundle, never);
    const replaced = stored('MedicationRequest', 'RX47A');
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.status).toBe('stopped');
    const replacement = stored('MedicationRequest', 'RX47B');
    expect(replacement).toHaveLength(1);
    expect(replacement[0]?.status).toBe('active');
    const prior = replacement[0]?.priorPrescription as Json | undefined;
    expect(prior?.type).toBe('MedicationRequest');
    expect(prior?.identifier).toMatchObject({ system: `urn:oid:${OID}`, value: 'RX47A' });
  });
});
