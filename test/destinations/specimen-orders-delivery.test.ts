/**
 * Review 73 R73-N1 (fix41): [IG SPM[Specimen] (ORU_R01 4.2.7.1, OML_O21 6.4.8.1: the SPM of each ORDER group names
 * that group's order); FHIR R4 Specimen.request 0..* "Details concerning a service request that required a specimen
 * to be collected"] one tube serves every order that names it. A message re-sending a tube the server holds (the
 * reflex child's result, an add-on order, an order event) names its own order only; its Specimen PUT keeps the held
 * orders it does not name (held-elements.ts `request@reference`), and names none twice. Expected values written by
 * hand from the messages below.
 *
 *   npx vitest run test/destinations/specimen-orders-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations({ serverPer: 'test' });

const PID = 'PID|1||P4101^^^SBH^MR||ROE^ANN||19700101|F';
const SERUM = 'SPM|1|^41S0001&LAB||SER^Serum^HL70487|||VENIP^Venipuncture^HL70488||||||||||20261201080000-0600|20261201083000-0600';

/** A result of one order (placer, filler, OBR-4 code) on the serum tube; `reflex` adds OBR-11 G and OBR-29 the parent. */
const result = (control: string, placer: string, filler: string, code: string, reflex = false) => [
  `MSH|^~\\&|LIS|SBH|EHR|SBH|20261201120000-0600||ORU^R01^ORU_R01|${control}|P|2.5.1`,
  PID,
  `ORC|RE|${placer}^EPC|${filler}^LAB||CM`,
  `OBR|1|${placer}^EPC|${filler}^LAB|${code}^Test ${code}^LN|||20261201080000-0600||||${reflex ? 'G' : ''}|||||||||||20261201113000-0600|||F${reflex ? `||||${placer}&EPC^41F0001&LAB` : ''}`,
  `OBX|1|ST|${code}^Test ${code}^LN||positive||||||F`,
  SERUM,
].join('\r');

/** An order message of one ORC-1 code for one order on the serum tube. */
const ordered = (control: string, orc1: string, placer: string, code: string) => [
  `MSH|^~\\&|EHR|SBH|LIS|SBH|20261201081000-0600||OML^O21^OML_O21|${control}|P|2.5.1`,
  PID,
  `ORC|${orc1}|${placer}^EPC`,
  `OBR|1|${placer}^EPC||${code}^Test ${code}^LN`,
  SERUM.replace('|^41S0001&LAB|', '|41S0001&LAB|'),
].join('\r');

const held = (type: string): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === type);
const orderNamed = (placer: string, code: string): Json | undefined =>
  held('ServiceRequest').find((r) => JSON.stringify(r.identifier ?? []).includes(`"value":"${placer}"`) && JSON.stringify(r.code).includes(`"code":"${code}"`));
const requestsOf = (s: Json | undefined): string[] => ((s?.request as Json[] | undefined) ?? []).map((r) => String(r.reference)).sort();
const refTo = (r: Json | undefined): string => `ServiceRequest/${String(r?.id)}`;
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}

describe('a Specimen PUT keeps the held orders it does not name [IG SPM[Specimen]; FHIR R4 Specimen.request 0..*]', () => {
  it('R73-N1 class: the reflex child\'s result re-sends the parent\'s tube with its own order: the tube names both orders, once each', async () => {
    await deliver(result('R1', '41P001', '41F0001', '20507-0'), result('R2', '41P001', '41F0001R1', '24312-1', true));
    const tubes = held('Specimen');
    expect(tubes).toHaveLength(1);
    const parent = orderNamed('41F0001', '20507-0');
    const child = orderNamed('41F0001R1', '24312-1');
    expect([parent, child].every((o) => o !== undefined)).toBe(true);
    expect(requestsOf(tubes[0])).toEqual([refTo(parent), refTo(child)].sort());
  });

  it('a resend of either result names no order twice', async () => {
    await deliver(result('R1', '41P001', '41F0001', '20507-0'), result('R2', '41P001', '41F0001R1', '24312-1', true), result('R3', '41P001', '41F0001', '20507-0'), result('R4', '41P001', '41F0001R1', '24312-1', true));
    expect(held('Specimen')).toHaveLength(1);
    expect(requestsOf(held('Specimen')[0])).toHaveLength(2);
  });

  it('an add-on order (NW of another placer number) on the same tube: the tube names the first order and the add-on', async () => {
    await deliver(ordered('O1', 'NW', '41P001', '2345-7'), ordered('O2', 'NW', '41P002', '2093-3'));
    expect(held('Specimen')).toHaveLength(1);
    expect(requestsOf(held('Specimen')[0])).toEqual([refTo(orderNamed('41P001', '2345-7')), refTo(orderNamed('41P002', '2093-3'))].sort());
  });

  it('a cancel (ORC-1 CA) of the add-on re-sending the tube: the first order stays on it (until fix41 the cancel\'s PUT named the cancelled order alone); the cancelled one is `revoked` and stays named [hig order-event rule]', async () => {
    await deliver(ordered('O1', 'NW', '41P001', '2345-7'), ordered('O2', 'NW', '41P002', '2093-3'), ordered('O3', 'CA', '41P002', '2093-3'));
    const first = orderNamed('41P001', '2345-7');
    const cancelled = orderNamed('41P002', '2093-3');
    expect([first?.status, cancelled?.status]).toEqual(['active', 'revoked']);
    expect(held('Specimen')).toHaveLength(1);
    expect(requestsOf(held('Specimen')[0])).toEqual([refTo(first), refTo(cancelled)].sort());
  });
});
