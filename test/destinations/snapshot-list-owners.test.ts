/**
 * An ADT's NK1 and IN1 lists under code review 30's ownership model (fix32g; docs/mapping.md "Snapshot lists";
 * CR30-1, CR30-2 as they were for AL1): which senders' lists name a RelatedPerson or a Coverage is the set of owner
 * entries in its body (transform/list-owner.ts), never its meta.tag. v2.5.1 2.10.4.1 snapshot mode replaces the prior
 * group of THAT sender: a plan another sender still lists stays `active` [FHIR R4 Coverage.status]; a contact a
 * non-list writer (an additive channel) PUT since is owned by no list and is not made `active` false, even on a
 * server that keeps meta.tag across updates (HAPI FHIR, Smile CDR). The IG maps NK1 → RelatedPerson and IN1 →
 * Coverage and has no row for what a list no longer names. Expected values come from the messages.
 *
 *   npx vitest run test/destinations/snapshot-list-owners.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination } from './push.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;
type Mode = 'transaction' | 'batch' | 'individual';

const OWNER = 'https://hig.example/fhir/StructureDefinition/list-owner';
const msh = (type: string, control: string, app: string) => `MSH|^~\\&|${app}|PCMC|HIG|PCMC|20280601140000-0700||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||PC4300101^^^PCMC^MR||QUARSHIE^DELPHINE||19580822|F';
const PV1 = 'PV1|1|I|4N^401^A^PCMC||||1234^WELBY^MARCUS|||MED||||||||V7001^^^PCMC^VN';
const SPOUSE = 'NK1|1|QUARSHIE^KOFI|SPO^Spouse^HL70063|12 Elm St^^Salt Lake City^UT^84101|^PRN^PH^^1^801^5550101||EP^Emergency contact person^HL70131';
const DAUGHTER = 'NK1|2|QUARSHIE^AMA|DAU^Daughter^HL70063|9 Oak St^^Provo^UT^84601|^PRN^PH^^1^801^5550202||EP^Emergency contact person^HL70131';
const PPO = 'IN1|1|GOLD-PPO^Gold PPO|BCX1^^^PAYERS^NIIP|Blue Payer||||||||20280101|20281231||PPO|QUARSHIE^DELPHINE|SEL^Self^HL70063|||||||||||||||||||POL-555';
const MEDICARE = 'IN1|2|MCR-A^Medicare Part A|MCR^^^PAYERS^NIIP|Medicare||||||||20280101|||MC|QUARSHIE^DELPHINE|SEL^Self^HL70063|||||||||||||||||||1EG4-TE5-MK72';
const adt = (app: string, control: string, segments: { nk1?: string[]; in1?: string[] }) =>
  [msh('ADT^A08^ADT_A01', control, app), 'EVN|A08|20280601135900-0700', PID, ...(segments.nk1 ?? []), PV1, ...(segments.in1 ?? [])].join('\r');
/** Registration (PCMCADT) and the ED system (PCMCED): two senders of the same patient's lists. */
const REG = (control: string, segments: { nk1?: string[]; in1?: string[] }) => adt('PCMCADT', control, segments);
const ED = (control: string, segments: { nk1?: string[]; in1?: string[] }) => adt('PCMCED', control, segments);

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

const held = (type: string) => [...server.resources.values()].filter((r) => r.resourceType === type) as Json[];
const relative = (given: string) => held('RelatedPerson').filter((r) => JSON.stringify(r.name ?? []).includes(`"${given}"`) && !JSON.stringify(r.relationship ?? []).includes('GUAR'));
const coverage = (plan: string) => held('Coverage').filter((c) => JSON.stringify(c.identifier ?? []).includes(`"${plan}"`));
const owners = (r: Json | undefined) => ((r?.extension ?? []) as Json[]).filter((e) => e.url === OWNER).map((e) => e.valueString);

/** What a tag-retaining server holds after a message: each resource it still holds keeps the prior version's tags. */
function retainTags(before: Map<string, Json[]>): void {
  for (const r of server.resources.values()) {
    const kept = before.get(`${String(r.resourceType)}/${String(r.id)}`) ?? [];
    const meta = (r.meta ?? {}) as Json;
    const now = (meta.tag ?? []) as Json[];
    meta.tag = [...now, ...kept.filter((k) => !now.some((t) => t.system === k.system && t.code === k.code))];
    r.meta = meta;
  }
}

async function deliver(mode: Mode, options: Options & { retain?: boolean }, ...messages: string[]): Promise<void> {
  const { retain, ...conversion } = options;
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
  try {
    for (const m of messages) {
      const before = new Map([...server.resources.values()].map((r) => [`${String(r.resourceType)}/${String(r.id)}`, structuredClone(((r.meta as Json | undefined)?.tag ?? []) as Json[])]));
      await destination.deliver(convertHl7v2(m, { timezone: 'America/Denver', ...conversion }).bundle, never);
      if (retain === true) retainTags(before);
    }
  } finally {
    await destination.close();
  }
}

describe.each(['transaction', 'batch', 'individual'] as Mode[])('[v2.5.1 2.10.4.1 per sender; CR30-1 for IN1] two senders list Medicare (%s)', (mode) => {
  it('registration drops Medicare while the ED still lists it: Medicare stays active, owned by the ED alone; the ED drops it too: cancelled', async () => {
    // the ED lists it first, registration last: the last write is registration's list's
    await deliver(mode, {}, ED('E1', { in1: [PPO, MEDICARE] }), REG('R1', { in1: [PPO, MEDICARE] }));
    expect(coverage('MCR-A')).toHaveLength(1);
    expect(owners(coverage('MCR-A')[0])).toHaveLength(2);
    await deliver(mode, {}, REG('R2', { in1: [PPO] }));
    expect(coverage('MCR-A').map((c) => c.status)).toEqual(['active']);
    expect(owners(coverage('MCR-A')[0])).toHaveLength(1);
    await deliver(mode, {}, ED('E2', { in1: [PPO] }));
    expect(coverage('MCR-A').map((c) => c.status)).toEqual(['cancelled']);
    expect(owners(coverage('MCR-A')[0])).toEqual([]);
    expect(coverage('GOLD-PPO').map((c) => c.status)).toEqual(['active']);
  });
});

describe('[CR30-2 for NK1] a tag-retaining server: the body judges, the tag only finds', () => {
  it('an additive channel\'s PUT of the daughter (no owner entry) ends the list\'s ownership: the next snapshot A08 without her leaves her active, though the server kept the tag', async () => {
    await deliver('transaction', { retain: true }, REG('R1', { nk1: [SPOUSE, DAUGHTER] }));
    expect(owners(relative('AMA')[0])).toHaveLength(1);
    await deliver('transaction', { retain: true, contactList: 'additive' }, REG('R2', { nk1: [SPOUSE, DAUGHTER] }));
    // the server kept the list's tag across the update; the body names no list
    expect(JSON.stringify((relative('AMA')[0] as Json).meta)).toContain('contact-list');
    expect(owners(relative('AMA')[0])).toEqual([]);
    await deliver('transaction', { retain: true }, REG('R3', { nk1: [SPOUSE] }));
    expect(relative('AMA').map((r) => r.active)).toEqual([undefined]);
    expect(relative('KOFI').map((r) => r.active)).toEqual([undefined]);
  });

  it('control: without the additive PUT the same A08 makes the daughter active false on that server', async () => {
    await deliver('transaction', { retain: true }, REG('R1', { nk1: [SPOUSE, DAUGHTER] }), REG('R3', { nk1: [SPOUSE] }));
    expect(relative('AMA').map((r) => r.active)).toEqual([false]);
    expect(owners(relative('AMA')[0])).toEqual([]);
  });
});

// [FHIR R4 RelatedPerson.active "Whether this related person record is in active use", Coverage.subscriber; mapping.md
// RelatedPerson row "IN1-49 for the insured: the same key"; code review 31 CR31-2] the spouse's NK1 (NK1-33) and the
// IN1 whose insured he is (IN1-16/17, IN1-49 the same id) are one RelatedPerson: a contact list that drops him ends him
// only once no Coverage in use names him as subscriber
describe.each(['transaction', 'batch', 'individual'] as Mode[])('[CR31-2] the contact list drops the insured spouse (%s)', (mode) => {
  const field = (n: number, values: Record<number, string>) => Array.from({ length: n }, (_, i) => values[i] ?? '').join('|');
  const INSURED_SPOUSE = field(34, { 0: 'NK1', 1: '1', 2: 'QUARSHIE^KOFI', 3: 'SPO^Spouse^HL70063', 7: 'EP^Emergency contact person^HL70131', 33: 'PC4300201^^^PCMC^PI' });
  const DAU = (set: number) => DAUGHTER.replace('NK1|2|', `NK1|${set}|`);
  const SPOUSE_PLAN = field(50, { 0: 'IN1', 1: '1', 2: 'SILVER-HMO^Silver HMO', 3: 'SLV1^^^PAYERS^NIIP', 4: 'Silver Payer', 16: 'QUARSHIE^KOFI', 17: 'SPO^Spouse^HL70063', 36: 'POL-9090', 49: 'PC4300201^^^PCMC^PI' });
  const spouse = () => held('RelatedPerson').filter((r) => JSON.stringify(r.identifier ?? []).includes('"PC4300201"'));

  it('no IN1 (nothing said of insurance): the subscriber of the active plan stays active and listed; the IN1 list then drops the plan: the spouse is ended with it', async () => {
    await deliver(mode, {}, REG('S1', { nk1: [INSURED_SPOUSE, DAU(2)], in1: [SPOUSE_PLAN] }));
    expect(spouse()).toHaveLength(1);
    // the plan's subscriber is his record (a batch's reference as sent: urn:uuid of hig's id)
    expect(coverage('POL-9090').map((c) => String((c.subscriber as Json).reference).replace('urn:uuid:', 'RelatedPerson/'))).toEqual([`RelatedPerson/${String(spouse()[0]?.id)}`]);
    await deliver(mode, {}, REG('S2', { nk1: [DAU(1)] }));
    // in active use as subscriber: not ended, and the contact list's entry stays (a later list that still leaves him
    // out ends him once the plan is gone)
    expect(spouse().map((r) => [r.active, owners(r).length])).toEqual([[undefined, 1]]);
    expect(relative('AMA').map((r) => r.active)).toEqual([undefined]);
    // registration's IN1s now name the PPO only: the Silver HMO cancelled in the same Bundle that drops him again
    await deliver(mode, {}, REG('S3', { nk1: [DAU(1)], in1: [PPO] }));
    expect(coverage('POL-9090').map((c) => c.status)).toEqual(['cancelled']);
    expect(spouse().map((r) => [r.active, owners(r).length])).toEqual([[false, 0]]);
  });

  it('control: another sender\'s IN1s wrote him last (no owner entry): registration\'s contact list drops him, he stays active', async () => {
    await deliver(mode, {}, REG('U1', { nk1: [INSURED_SPOUSE, DAU(2)] }), ED('V1', { in1: [SPOUSE_PLAN] }));
    await deliver(mode, {}, REG('U2', { nk1: [DAU(1)] }));
    expect(coverage('POL-9090').map((c) => c.status)).toEqual(['active']);
    expect(spouse().map((r) => r.active)).toEqual([undefined]);
  });
});
