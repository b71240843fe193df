/**
 * An ADT's NK1 and IN1 lists judged at the in-repo FHIR server through the FHIR destination (fix32b; docs/mapping.md
 * "Snapshot lists"), as review 43 R43-W1 did for AL1. v2.5.1 2.10.4.1 snapshot mode: the repeating segments without an
 * action code of an update replace the prior group ("equivalent to a deletion of the prior group followed by the
 * addition of the new group"); NK1 has no action code, IN1 none before IN1-55. Until fix32b an A08 that no longer named
 * the daughter (NK1) or the Medicare plan (IN1) left her RelatedPerson the emergency contact and the Coverage `active`.
 * The IG maps each NK1 → RelatedPerson [IG NK1[RelatedPerson]] and IN1 → Coverage [IG IN1[Coverage]], no row for
 * what a list no longer names; the ending is FHIR R4's: RelatedPerson.active false, Coverage.status cancelled.
 * DG1 and PR1 (history, not ended) are checked as controls. Expected values come from the messages.
 *
 *   npx vitest run test/destinations/snapshot-list-delivery.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination } from './push.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;
type Mode = 'transaction' | 'batch' | 'individual';

const msh = (type: string, control: string, app = 'PCMCADT') => `MSH|^~\\&|${app}|PCMC|HIG|PCMC|20280601140000-0700||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||PC4300101^^^PCMC^MR||QUARSHIE^DELPHINE||19580822|F';
const PV1 = 'PV1|1|I|4N^401^A^PCMC||||1234^WELBY^MARCUS|||MED||||||||V7001^^^PCMC^VN';
const SPOUSE = 'NK1|1|QUARSHIE^KOFI|SPO^Spouse^HL70063|12 Elm St^^Salt Lake City^UT^84101|^PRN^PH^^1^801^5550101||EP^Emergency contact person^HL70131';
const DAUGHTER = 'NK1|2|QUARSHIE^AMA|DAU^Daughter^HL70063|9 Oak St^^Provo^UT^84601|^PRN^PH^^1^801^5550202||EP^Emergency contact person^HL70131';
const PPO = 'IN1|1|GOLD-PPO^Gold PPO|BCX1^^^PAYERS^NIIP|Blue Payer||||||||20280101|20281231||PPO|QUARSHIE^DELPHINE|SEL^Self^HL70063|||||||||||||||||||POL-555';
const MEDICARE = 'IN1|2|MCR-A^Medicare Part A|MCR^^^PAYERS^NIIP|Medicare||||||||20280101|||MC|QUARSHIE^DELPHINE|SEL^Self^HL70063|||||||||||||||||||1EG4-TE5-MK72';
const PNEUMONIA = 'DG1|1||J18.9^Pneumonia, unspecified organism^I10|||A';
const DIABETES = 'DG1|2||E11.9^Type 2 diabetes mellitus without complications^I10|||W';
const INTUBATION = 'PR1|1||0BH17EZ^Insertion of endotracheal airway^ICD10PCS||20280601110000-0700';
const VENTILATION = 'PR1|2||5A1955Z^Respiratory ventilation >96h^ICD10PCS||20280601120000-0700';
const renumber = (seg: string, n: number) => seg.replace(/^(NK1|IN1|DG1|PR1)\|\d+\|/, `$1|${n}|`);
const adt = (event: string, structure: string, control: string, segments: { nk1?: string[]; in1?: string[]; dg1?: string[]; pr1?: string[] }, app = 'PCMCADT') =>
  [msh(`ADT^${event}^${structure}`, control, app), `EVN|${event}|20280601135900-0700`, PID, ...(segments.nk1 ?? []), PV1, ...(segments.dg1 ?? []), ...(segments.pr1 ?? []), ...(segments.in1 ?? [])].join('\r');
/** The admission: spouse and daughter, both emergency contacts; the PPO and Medicare Part A; two diagnoses, two procedures. */
const A01 = adt('A01', 'ADT_A01', 'S1', { nk1: [SPOUSE, DAUGHTER], in1: [PPO, MEDICARE], dg1: [PNEUMONIA, DIABETES], pr1: [INTUBATION, VENTILATION] });
/** The update: the daughter no longer a contact, Medicare no longer a plan, one diagnosis, one procedure. */
const A08 = adt('A08', 'ADT_A01', 'S2', { nk1: [SPOUSE], in1: [PPO], dg1: [PNEUMONIA], pr1: [INTUBATION] });
/** The patient update naming both plans again and the daughter again. */
const A31 = adt('A31', 'ADT_A05', 'S3', { nk1: [SPOUSE, DAUGHTER], in1: [PPO, MEDICARE] });

let server: FhirServer;
beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.resources.clear();
});

async function deliver(mode: Mode, options: Options, ...messages: string[]): Promise<void> {
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
  try {
    for (const m of messages) await destination.deliver(convertHl7v2(m, { timezone: 'America/Denver', ...options }).bundle, never);
  } finally {
    await destination.close();
  }
}

const held = (type: string) => [...server.resources.values()].filter((r) => r.resourceType === type) as Json[];
/** The RelatedPersons of a given name (NK1-2 given name). */
const relative = (given: string) => held('RelatedPerson').filter((r) => JSON.stringify(r.name ?? []).includes(`"${given}"`) && !JSON.stringify(r.relationship ?? []).includes('GUAR'));
/** `active` as FHIR reads it: absent is active (R4 RelatedPerson.active meaningWhenMissing). */
const active = (r: Json | undefined) => r !== undefined && r.active !== false;
/** The Coverage of a plan (IN1-2.1, an identifier of the coverage). */
const coverage = (plan: string) => held('Coverage').filter((c) => JSON.stringify(c.identifier ?? []).includes(`"${plan}"`));
const status = (c: Json | undefined) => c?.status;
const patientRef = () => `Patient/${String((held('Patient')[0] as Json).id)}`;

describe.each(['transaction', 'batch', 'individual'] as Mode[])('an ADT\'s NK1 and IN1 lists at the server (%s)', (mode) => {
  it('[2.10.4.1 snapshot; IG NK1[RelatedPerson], IN1[Coverage]] A01 → A08: the daughter, no longer on the NK1s, is active false; Medicare, no longer on the IN1s, is cancelled; the spouse and the PPO stay', async () => {
    await deliver(mode, {}, A01);
    expect(relative('AMA').map(active)).toEqual([true]);
    expect(coverage('MCR-A').map(status)).toEqual(['active']);
    await deliver(mode, {}, A08);
    expect(relative('AMA').map((r) => r.active)).toEqual([false]);
    expect(coverage('MCR-A').map(status)).toEqual(['cancelled']);
    expect(relative('KOFI').map(active)).toEqual([true]);
    expect(coverage('GOLD-PPO').map(status)).toEqual(['active']);
    // the patient's own contact list is the Patient PUT's: the daughter is gone from it already
    expect(JSON.stringify((held('Patient')[0] as Json).contact)).not.toContain('AMA');
  });

  it('the A31 naming the daughter and Medicare again makes them active again (the same resources)', async () => {
    await deliver(mode, {}, A01, A08);
    const ids = [relative('AMA')[0]?.id, coverage('MCR-A')[0]?.id];
    await deliver(mode, {}, A31);
    expect(relative('AMA').map(active)).toEqual([true]);
    expect(coverage('MCR-A').map(status)).toEqual(['active']);
    expect([relative('AMA')[0]?.id, coverage('MCR-A')[0]?.id]).toEqual(ids);
  });
});

describe('an ADT\'s NK1 and IN1 lists at the server: who speaks for a member, and the lists\' edges', () => {
  it('another system\'s RelatedPerson and Coverage of the patient (no hig tag) are untouched by the A08\'s lists', async () => {
    await deliver('transaction', {}, A01);
    server.resources.set('RelatedPerson/ehr-neighbour', { resourceType: 'RelatedPerson', id: 'ehr-neighbour', meta: { versionId: '1' }, patient: { reference: patientRef() }, name: [{ family: 'OKAFOR', given: ['NNEKA'] }] });
    server.resources.set('Coverage/ehr-dental', { resourceType: 'Coverage', id: 'ehr-dental', meta: { versionId: '1' }, status: 'active', beneficiary: { reference: patientRef() }, payor: [{ display: 'Dental Mutual' }] });
    await deliver('transaction', {}, A08);
    expect(server.resources.get('RelatedPerson/ehr-neighbour')?.active).toBeUndefined();
    expect(server.resources.get('Coverage/ehr-dental')?.status).toBe('active');
    expect(relative('AMA').map((r) => r.active)).toEqual([false]);
  });

  it('another sender\'s lists leave this sender\'s members; an ADT without NK1 or IN1 changes nothing', async () => {
    await deliver('transaction', {}, A01);
    await deliver('transaction', {}, adt('A08', 'ADT_A01', 'G1', { nk1: [SPOUSE], in1: [PPO] }, 'GGHIADT'), adt('A08', 'ADT_A01', 'S4', {}));
    expect(relative('AMA').map(active)).toEqual([true]);
    expect(coverage('MCR-A').map(status)).toEqual(['active']);
    // the same sender's next lists drop them
    await deliver('transaction', {}, A08);
    expect(relative('AMA').map((r) => r.active)).toEqual([false]);
    expect(coverage('MCR-A').map(status)).toEqual(['cancelled']);
  });

  it('the delete-all IN1 and NK1 (every field "") empty the lists: both plans cancelled, both relatives inactive, nothing made of them', async () => {
    await deliver('transaction', {}, A01);
    const before = held('Coverage').length + held('RelatedPerson').length;
    await deliver('transaction', {}, adt('A08', 'ADT_A01', 'S5', { nk1: ['NK1|1|""|""|""|""'], in1: ['IN1|1|""|""|""'] }));
    expect(held('Coverage').map(status).sort()).toEqual(['cancelled', 'cancelled']);
    expect(relative('AMA').map((r) => r.active)).toEqual([false]);
    expect(relative('KOFI').map((r) => r.active)).toEqual([false]);
    expect(held('Coverage').length + held('RelatedPerson').length).toBe(before);
  });

  it('an IN1 with IN1-55 (insurance action code, v2.6+) valued: the list is in action-code mode, nothing cancelled', async () => {
    await deliver('transaction', {}, A01);
    await deliver('transaction', {}, adt('A08', 'ADT_A01', 'S6', { in1: [`${PPO}${'|'.repeat(55 - 36)}A`] }));
    expect(coverage('MCR-A').map(status)).toEqual(['active']);
  });

  it('conversion.contactList / coverageList additive: the daughter and Medicare stay active after the A08 (where the snapshot channel ends them)', async () => {
    await deliver('transaction', { contactList: 'additive', coverageList: 'additive' }, A01, A08);
    expect(relative('AMA').map(active)).toEqual([true]);
    expect(coverage('MCR-A').map(status)).toEqual(['active']);
    server.resources.clear();
    await deliver('transaction', {}, A01, A08);
    expect(coverage('MCR-A').map(status)).toEqual(['cancelled']);
  });

  it('a conditionalUpdate channel (IN1 identifiers without a system: PUT by hig\'s id): the PPO stays active, Medicare is cancelled', async () => {
    await deliver('transaction', { conditionalUpdate: true }, A01, A08);
    expect(coverage('GOLD-PPO').map(status)).toEqual(['active']);
    expect(coverage('MCR-A').map(status)).toEqual(['cancelled']);
    expect(relative('AMA').map((r) => r.active)).toEqual([false]);
    expect(relative('KOFI').map(active)).toEqual([true]);
  });

  it('a member already ended is not written again: the next A08 sends no PATCH', async () => {
    await deliver('transaction', {}, A01, A08);
    const versions = [relative('AMA')[0]?.meta, coverage('MCR-A')[0]?.meta].map((m) => (m as Json).versionId);
    await deliver('transaction', {}, adt('A08', 'ADT_A01', 'S7', { nk1: [SPOUSE], in1: [PPO] }));
    expect([relative('AMA')[0]?.meta, coverage('MCR-A')[0]?.meta].map((m) => (m as Json).versionId)).toEqual(versions);
  });

  it('[history, not ended] DG1 and PR1: the Encounter\'s diagnosis list is the Encounter PUT\'s (diabetes gone from it); the Condition and the Procedure the A08 no longer names stay as they were', async () => {
    await deliver('transaction', {}, A01);
    const diabetes = held('Condition').find((c) => JSON.stringify(c.code).includes('E11.9')) as Json;
    const ventilation = held('Procedure').find((p) => JSON.stringify(p.code).includes('5A1955Z')) as Json;
    await deliver('transaction', {}, A08);
    const encounter = held('Encounter')[0] as Json;
    expect(JSON.stringify(encounter.diagnosis)).not.toContain(`Condition/${String(diabetes.id)}`);
    expect(server.resources.get(`Condition/${String(diabetes.id)}`)).toEqual(diabetes);
    expect(server.resources.get(`Procedure/${String(ventilation.id)}`)).toEqual(ventilation);
  });

  it('one read per list kind the message states, none for a message that states none', async () => {
    await deliver('transaction', {}, A01);
    const before = server.requests.length;
    await deliver('transaction', {}, adt('A08', 'ADT_A01', 'S8', {}), A08);
    const searches = server.requests.slice(before).filter((r) => r.method === 'GET' && r.path.includes('?_tag='));
    expect(searches.map((r) => r.path.split('?')[0]?.split('/').pop()).sort()).toEqual(['Coverage', 'RelatedPerson']);
  });
});
