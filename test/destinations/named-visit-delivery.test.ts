/**
 * [hig visit rule; v2.5.1 2.5.3] A message that is no ADT event (a lab's ORU, a pharmacy's RDE, a document…)
 * names the visit its PV1 describes; it does not report the visit. It was a full PUT of the Encounter from
 * that echo (often class and number only) with status `unknown` (events.ts NOT_A_VISIT_EVENT), so after the
 * first result of the day the server's visit had lost the ADT feed's status, attending, admit time and
 * diagnoses (reviews 26, 28, 29 "for the lead"). Now the visit is a conditional create searched by its
 * number (patch.ts visitEntries): made from the message when the server holds none, else left as it is.
 * Delivered to the in-repo test FHIR server. Expected values come from the messages (PV1-7 attending,
 * PV1-44 admit time, A01 → in-progress by [IG Event[EncounterStatus]]), not from hig's output.
 *
 *   npx vitest run test/destinations/named-visit-delivery.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Options = Parameters<typeof convertHl7v2>[1];

const MSH = (id: string, type: string) => `MSH|^~\\&|LAB|RIVH|HIG|RIVH|20261206101500-0600||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||77120456^^^RIVH^MR||ACHTERBERG^MARGOT^E||19610114|F';
/** The admission: attending, admitter, admit time; PV1-19 visit number V77001 of RIVH. */
const A01 = [
  MSH('A1', 'ADT^A01^ADT_A01'),
  'EVN|A01|20261206080000-0600',
  PID,
  'PV1|1|I|5N^512^A^RIVH||||4410^KOVAC^DANA^^^^MD|||MED||||1|||4520^BRANDT^OLE^^^^MD||V77001^^^RIVH^VN|||||||||||||||||||||||||20261206074500-0600',
  'DG1|1||I50.9^Heart failure, unspecified^I10||20261206|A',
].join('\r');
/** A lab result for the same visit, its PV1 as a LIS echoes it: class and visit number only. */
const ORU = (id: string) =>
  [
    MSH(id, 'ORU^R01^ORU_R01'),
    PID,
    'PV1|1|I|||||||||||||||||V77001^^^RIVH^VN',
    'ORC|RE|PL-880^RIVH|FL-880^LAB',
    'OBR|1|PL-880^RIVH|FL-880^LAB|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN|||20261206090000-0600|||||||||||||||20261206100000-0600|||F',
    'OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||4.1|mmol/L^mmol/L^UCUM|3.5-5.1|N|||F',
  ].join('\r');
/** A result sent after the discharge, its PV1 with the admit (PV1-44) and discharge (PV1-45) times. */
const ORU_DISCHARGED = [
  MSH('R9', 'ORU^R01^ORU_R01'),
  PID,
  'PV1|1|I|||||||||||||||||V77001^^^RIVH^VN|||||||||||||||||||||||||20261206074500-0600|20261208113000-0600',
  'ORC|RE|PL-881^RIVH|FL-881^LAB',
  'OBR|1|PL-881^RIVH|FL-881^LAB|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN|||20261208090000-0600|||||||||||||||20261208120000-0600|||F',
  'OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||4.4|mmol/L^mmol/L^UCUM|3.5-5.1|N|||F',
].join('\r');
const A08_MOVED = [
  MSH('A8', 'ADT^A08^ADT_A01'),
  'EVN|A08|20261206120000-0600',
  PID,
  'PV1|1|I|6S^601^B^RIVH||||4410^KOVAC^DANA^^^^MD|||MED||||1|||4520^BRANDT^OLE^^^^MD||V77001^^^RIVH^VN|||||||||||||||||||||||||20261206074500-0600',
].join('\r');

const WITH_SYSTEM: Options = { namespaceMap: { RIVH: 'urn:oid:2.16.840.1.113883.3.77' } };

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

const held = (type: string): Json[] => [...server.resources.values()].filter((r) => r.resourceType === type);
const participants = (e: Json): string[] => ((e.participant ?? []) as { individual?: { reference?: string } }[]).map((p) => {
  const who = server.resources.get(String(p.individual?.reference));
  return JSON.stringify(who?.identifier ?? []);
});

function open(mode: 'transaction' | 'batch' = 'transaction'): void {
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
}
async function deliver(hl7: string, options: Options = {}): Promise<void> {
  await dest?.deliver(convertHl7v2(hl7, options).bundle, never);
}

describe('[hig visit rule; IG PV1[Encounter] #19] a result names the visit the ADT feed wrote and leaves it as it is', () => {
  for (const [label, options] of [
    ['visit number without a system (searched among the patient\'s visits)', {}],
    ['visit number with a system', WITH_SYSTEM],
  ] as const) {
    it(`${label}: A01 then an ORU with a sparse PV1: one Encounter, still in progress, attending, admitter and admit time kept`, async () => {
      open();
      await deliver(A01, options);
      const [admitted] = held('Encounter') as [Json];
      await deliver(ORU('R1', ), options);
      await deliver(ORU('R2'), options); // a second result of the day
      expect(held('Encounter')).toHaveLength(1);
      const [e] = held('Encounter') as [Json];
      expect(e.id).toBe(admitted.id);
      // [IG Event[EncounterStatus]] A01 → in-progress: a result does not make it `unknown`
      expect(e.status).toBe('in-progress');
      // [IG PV1[Encounter] #44] PV1-44 admit time (-0600) → period.start
      expect((e.period as Json | undefined)?.start).toBe('2026-12-06T07:45:00-06:00');
      // PV1-7 attending (4410) and PV1-17 admitter (4520) still on the visit
      const who = participants(e).join(' ');
      expect(who).toContain('4410');
      expect(who).toContain('4520');
      // the result is the visit's: Observation.encounter names the Encounter the A01 wrote
      const [obs] = held('Observation') as [Json];
      expect((obs.encounter as Json | undefined)?.reference).toBe(`Encounter/${String(admitted.id)}`);
    });
  }

  // Until R53-L2 (fix34e) the A08's PUT erased the A01's bed; now the server keeps it, completed: the patient has left it
  it('control: an ADT update (A08) still writes the visit: the new bed current, the old one completed', async () => {
    open();
    await deliver(A01);
    await deliver(ORU('R1'));
    await deliver(A08_MOVED);
    const [e] = held('Encounter') as [Json];
    // PV1-3 5N^512^A (the A01's) and 6S^601^B (the A08's): each Location as the server holds it, with its status
    const beds = ((e.location ?? []) as { location?: { reference?: string }; status?: string }[]).map((l) => [(server.resources.get(String(l.location?.reference)) as Json | undefined)?.name, l.status]);
    expect(held('Encounter')).toHaveLength(1);
    expect(beds).toEqual([['B', 'active'], ['A', 'completed']]);
  });

  it('a result for a visit the server does not hold creates it once: two results, one Encounter', async () => {
    open();
    await deliver(ORU('R1'));
    await deliver(ORU('R2'));
    expect(held('Encounter')).toHaveLength(1);
    const [e] = held('Encounter') as [Json];
    // the result says nothing of the visit's state [IG Event[EncounterStatus] A08: "the transaction does not convey the status"]
    expect(e.status).toBe('unknown');
    expect(JSON.stringify(e.identifier)).toContain('V77001');
  });

  it('conditionalUpdate channel: an ORU before the A01 and the A01 after it are one Encounter, in progress', async () => {
    open();
    const options: Options = { ...WITH_SYSTEM, conditionalUpdate: true };
    await deliver(ORU('R1'), options);
    await deliver(A01, options);
    expect(held('Encounter')).toHaveLength(1);
    expect((held('Encounter')[0] as Json).status).toBe('in-progress');
  });

  // Before the destination resolved a named visit (destinations/named-resources.ts), a result that reached the
  // server before its visit's A01 created the visit under the server's id, and the A01's PUT at hig's id was a
  // second Encounter. Now the result's create, finding nothing by number or at hig's id, is a PUT at hig's id.
  // transaction only: in batch mode the result's order pair (create + patch of a ServiceRequest the server does
  // not hold yet) may run patch-first, a documented 404 of its own (docs/destinations.md "PATCH entries")
  for (const mode of ['transaction'] as const) {
    it(`${mode}: an ORU before the A01, then another ORU: one Encounter at hig's id, in progress as the A01 says`, async () => {
      open(mode);
      await deliver(ORU('R1'));
      const [first] = held('Encounter') as [Json];
      await deliver(A01);
      await deliver(ORU('R2'));
      expect(held('Encounter')).toHaveLength(1);
      const [e] = held('Encounter') as [Json];
      expect(e.id).toBe(first.id);
      expect(e.status).toBe('in-progress');
      // both results name that visit
      for (const o of held('Observation')) expect((o.encounter as Json | undefined)?.reference).toBe(`Encounter/${String(e.id)}`);
    });
  }

  it('hig\'s marker never reaches the server: the result\'s entries go without the order-event extension', async () => {
    open();
    await deliver(A01);
    const before = server.requests.length;
    await deliver(ORU('R1'));
    expect(JSON.stringify(server.requests.slice(before).map((r) => r.body))).not.toContain('order-event-entry');
  });

  it('[IG PV1[Encounter] #45] a result whose PV1 states the discharge (PV1-44 and PV1-45) finishes the visit it names, keeping the ADT feed\'s attending', async () => {
    open();
    await deliver(A01);
    await deliver(ORU_DISCHARGED);
    expect(held('Encounter')).toHaveLength(1);
    const [e] = held('Encounter') as [Json];
    expect(e.status).toBe('finished');
    expect(e.period).toEqual({ start: '2026-12-06T07:45:00-06:00', end: '2026-12-08T11:30:00-06:00' });
    expect(participants(e).join(' ')).toContain('4410');
  });

  it('a result stating the discharge for a visit the server does not hold creates it finished; a later ORU without PV1-45 leaves it finished', async () => {
    open();
    await deliver(ORU_DISCHARGED);
    await deliver(ORU('R2'));
    expect(held('Encounter')).toHaveLength(1);
    expect((held('Encounter')[0] as Json).status).toBe('finished');
  });
});
