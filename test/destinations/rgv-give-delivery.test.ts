/**
 * RGV^O15 delivered to the in-repo FHIR server (test/support/fhir-server.ts) after the RDE that placed the order
 * (review 25 #16 → #17, review 19 R19-R2: the RGV was refused until fix32a). [hig: no RGV_O15 / RXG map in the IG
 * corpus; docs/mapping.md "Pharmacy" RXG rows and "Resource identity" MedicationRequest] The give is a
 * MedicationRequest of intent instance-order basedOn the order: the RGV names the order by its number (a
 * conditional create + status patch, as an RDS/RAS does), so the give lands on the RDE's order, which keeps its
 * timing; the give's id is the order number + RXG-1, so a resend (another MSH-10) PUTs the same URL.
 *
 *   npx vitest run test/destinations/rgv-give-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import type { BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string } };

const fhir = useFhirDestinations();
const destination = (): BundlePusher => fhir.destination();

const msh = (type: string, id: string) => `MSH|^~\\&|SOARIAN|PFH|HIG|HIG|20261202074010-0500||${type}|${id}|P|2.5`;
const pid = 'PID|1||P2501163^^^PFH&2.16.840.1.113883.3.2501.4&ISO^MR||GALLAGHER-NWOSU^THEODORA^JUNE^^^^L||19710822|F';
const orderer = '1250440082^KAVANAGH-OSEI^ROLAND^^^^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI';
const rxg = 'RXG|1||^^^20261202080000-0500|VANC1250IVPB^Vancomycin 1,250 mg in sodium chloride 0.9% 250 mL IVPB^PFHRX|1250||mg^milligram^UCUM||||||||125|mL/h^milliliter per hour^UCUM';
const rxr = 'RXR|IVPB^IV Piggyback^HL70162';
const systems = { SOARIAN: 'urn:oid:2.16.840.1.113883.3.2501.9' };

const held = (intent: string, number?: string) =>
  [...fhir.server.resources.values()].filter((r) => r.resourceType === 'MedicationRequest' && r.intent === intent && (number === undefined || JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`)));
const giveEntry = (bundle: Json) => (bundle.entry as Entry[]).find((e) => e.resource?.resourceType === 'MedicationRequest' && e.resource.intent === 'instance-order');

describe('[hig RXG → MedicationRequest instance-order basedOn the order] transaction mode, converted: RDE NW, then the RGV, then the RGV resent', () => {
  it.each([
    ['PUT by id, the number without a system (searched among the patient\'s orders)', {}],
    ['conditionalUpdate, the number with a system', { conditionalUpdate: true, namespaceMap: systems }],
  ] as const)('%s: the give lands basedOn the RDE\'s order, which keeps its timing; the resend PUTs the same give URL', async (label, options) => {
    const number = `PF25-${label.length}`;
    const placed = convertHl7v2([msh('RDE^O11^RDE_O11', `${number}-16`), pid, `ORC|NW|${number}^SOARIAN|||IP||||20261201170000-0500|||${orderer}`, 'RXE|^Q12H^^20261201180000-0500|VANC1250IVPB^Vancomycin 1,250 mg in sodium chloride 0.9% 250 mL IVPB^PFHRX|1250||mg^milligram^UCUM', rxr].join('\r'), options).bundle;
    const give = (id: string) => convertHl7v2([msh('RGV^O15^RGV_O15', id), pid, `ORC|OK|${number}^SOARIAN|||IP|||||||${orderer}`, rxg, rxr].join('\r'), options).bundle;
    const dest = destination();
    await dest.deliver(placed, never);
    const [order] = held('order', number);
    expect(held('order', number)).toHaveLength(1);
    const timing = ((order?.dosageInstruction as Json[] | undefined)?.[0] as Json | undefined)?.timing;
    expect(timing).toBeDefined();

    const first = give(`${number}-17`);
    await dest.deliver(first, never);
    // one order still (the RGV's conditional create found the RDE's), with the RDE's Q12H timing and authoredOn
    expect(held('order', number)).toHaveLength(1);
    const after = held('order', number)[0] as Json;
    expect(after.id).toBe(order?.id);
    expect(((after.dosageInstruction as Json[])[0] as Json).timing).toEqual(timing);
    expect(after.authoredOn).toBe('2026-12-01T17:00:00-05:00');
    const gives = held('instance-order');
    const mine = gives.filter((g) => JSON.stringify(g.basedOn) === JSON.stringify([{ reference: `MedicationRequest/${String(order?.id)}` }]));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.status).toBe('active');
    expect(JSON.stringify(mine[0]?.medicationCodeableConcept)).toContain('VANC1250IVPB');
    // the give carries no identifier of the order: a later `identifier=` search finds the order alone
    expect(mine[0]?.identifier).toBeUndefined();

    const resent = give(`${number}-17-RESENT`);
    const [a, b] = [giveEntry(first), giveEntry(resent)];
    expect(a?.request?.method).toBe('PUT');
    expect(b?.request).toEqual(a?.request);
    await dest.deliver(resent, never);
    const again = held('instance-order').filter((g) => JSON.stringify(g.basedOn) === JSON.stringify([{ reference: `MedicationRequest/${String(order?.id)}` }]));
    expect(again.map((g) => g.id)).toEqual([mine[0]?.id]);
    expect(held('order', number)).toHaveLength(1);
  });
});
