/**
 * Which AL1 lists own an allergy (code review 30 CR30-1, CR30-2; fix32c; docs/mapping.md "Allergy lists",
 * transform/list-owner.ts, destinations/list-owners.ts), judged at the in-repo FHIR server through the FHIR
 * destination. v2.5.1 2.10.4.1 snapshot mode: a sender's AL1 group "replaces the prior group" of THAT sender's list,
 * so an allergy goes only when every list that named it has dropped it, and never once an IAM (ADT^A60, the
 * action-code form; IG IAM[AllergyIntolerance]) has written it since. The allergy's id is patient + allergen for every
 * sender and for the IAM (clinical.ts allergyKey). Two kinds of server: the in-repo one replaces meta on PUT; a
 * HAPI-family one carries meta.tag forward on an update that does not list it (Oracle HDR 8.2 FHIR guide "Tag
 * retention"), simulated here as codereview30 does, by putting the prior version's tags back after each message.
 * Expected values come from the messages and that rule. Names and MRNs are synthetic.
 *
 *   npx vitest run test/destinations/allergy-list-owners.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer, type RecordedRequest } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination } from './push.js';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';

const OWNER = 'https://hig.example/fhir/StructureDefinition/list-owner';
const TAG_SYSTEM = 'https://hig.example/fhir/CodeSystem/allergy-list';
const msh = (type: string, control: string, app: string) => `MSH|^~\\&|${app}|QVMC|HIG|QVMC|20281101140000-0500||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||QV4400201^^^QVMC^MR||TESTOWNER^EDITH||19700102|F';
const LATEX = (n: number) => `AL1|${n}|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|20090915`;
const SULFA = (n: number) => `AL1|${n}|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash|20030410`;
/** An ADT of `app` (MSH-3) whose AL1s are the patient's list from that sender (v2.5.1 2.10.4.1). */
const adt = (app: string, control: string, al1: string[]) =>
  [msh('ADT^A08^ADT_A01', control, app), 'EVN|A08|20281101135900-0500', PID, 'PV1|1|O', ...al1].join('\r');
const ED = (control: string, ...al1: string[]) => adt('QVEDADT', control, al1);
const REG = (control: string, ...al1: string[]) => adt('QVREGADT', control, al1);
/** An A60 updating latex (IAM-6 U, same patient + allergen: the AL1's id): from then on the IAM speaks for it. */
const IAM_LATEX = [msh('ADT^A60^ADT_A60', 'I1', 'QVALLERGY'), 'EVN|A60|20281101100000-0500', PID, 'IAM|1|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|U^Update^HL70323|ALG-9^QVALLERGY'].join('\r');

let server: FhirServer;
beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.resources.clear();
  server.requests.length = 0;
  await server.setFault(null);
});

const held = () => [...server.resources.values()].filter((r) => r.resourceType === 'AllergyIntolerance') as Json[];
const allergy = (code: string) => held().filter((r) => JSON.stringify(r.code ?? {}).includes(`"code":"${code}"`));
const status = (a: Json | undefined) => ((a?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
const owners = (a: Json | undefined) => ((a?.extension ?? []) as Json[]).filter((e) => e.url === OWNER).map((e) => e.valueString);
const tags = (a: Json | undefined) => (((a?.meta as Json | undefined)?.tag ?? []) as Json[]).filter((t) => t.system === TAG_SYSTEM);

/** What a tag-retaining server holds after a message: each allergy it still holds keeps the prior version's tags. */
function retainTags(before: Map<string, Json[]>): void {
  for (const r of held()) {
    const kept = before.get(String(r.id)) ?? [];
    const meta = (r.meta ?? {}) as Json;
    const now = (meta.tag ?? []) as Json[];
    meta.tag = [...now, ...kept.filter((k) => !now.some((t) => t.system === k.system && t.code === k.code))];
    r.meta = meta;
  }
}

async function deliver(options: { mode?: Mode; retain?: boolean }, ...messages: string[]): Promise<void> {
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: options.mode ?? 'transaction', auth: { type: 'none' } });
  try {
    for (const m of messages) {
      const before = new Map(held().map((r) => [String(r.id), structuredClone(((r.meta as Json | undefined)?.tag ?? []) as Json[])]));
      await destination.deliver(convertHl7v2(m, { timezone: 'America/New_York' }).bundle, never);
      if (options.retain === true) retainTags(before);
    }
  } finally {
    await destination.close();
  }
}

describe.each(['transaction', 'batch', 'individual'] as Mode[])('[v2.5.1 2.10.4.1 per sender; CR30-1] two senders list latex (%s)', (mode) => {
  it('registration drops latex while the ED still lists it: latex stays, owned by the ED alone; the ED drops it too: deleted', async () => {
    await deliver({ mode }, ED('E1', LATEX(1)), REG('R1', LATEX(1), SULFA(2)));
    expect(allergy('111088007').map(owners).map((o) => o.length)).toEqual([2]);
    await deliver({ mode }, REG('R2', SULFA(1)));
    expect(allergy('111088007').map(status)).toEqual(['active']);
    // the one left is the ED's (the same code its own list puts on the allergy)
    const edLatex = (convertHl7v2(ED('E0', LATEX(1))).bundle.entry as { resource?: Json }[]).find((e) => e.resource?.resourceType === 'AllergyIntolerance')?.resource;
    expect(allergy('111088007').map(owners)).toEqual([owners(edLatex)]);
    expect(allergy('10180').map(status)).toEqual(['active']);
    await deliver({ mode }, ED('E2', SULFA(1)));
    expect(allergy('111088007')).toEqual([]);
    // sulfamethoxazole: registration's list still names it, now the ED's too
    expect(allergy('10180').map((a) => owners(a).length)).toEqual([2]);
  });
});

describe('[CR30-1, CR30-2] a server that carries meta.tag forward on update (HAPI FHIR, Smile CDR, Oracle HDR)', () => {
  it('registration drops latex while the ED still lists it: latex stays although registration\'s tag stayed on it', async () => {
    await deliver({ retain: true }, ED('E1', LATEX(1)), REG('R1', LATEX(1), SULFA(2)), REG('R2', SULFA(1)));
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(tags(allergy('111088007')[0])).toHaveLength(2);
    expect(owners(allergy('111088007')[0])).toHaveLength(1);
  });

  it('the A60 updated latex after both lists named it: neither list\'s drop deletes it (its body names no list)', async () => {
    await deliver({ retain: true }, ED('E1', LATEX(1)), REG('R1', LATEX(1), SULFA(2)), IAM_LATEX, REG('R2', SULFA(1)), ED('E2', SULFA(1)));
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(owners(allergy('111088007')[0])).toEqual([]);
    expect(JSON.stringify(allergy('111088007')[0]?.reaction)).toContain('Anaphylaxis');
  });

  it('control: a list that names latex again after the A60 owns it again; its drop then deletes it', async () => {
    await deliver({ retain: true }, REG('R1', LATEX(1), SULFA(2)), IAM_LATEX, REG('R2', LATEX(1), SULFA(2)), REG('R3', SULFA(1)));
    expect(allergy('111088007')).toEqual([]);
  });
});

describe('upgrade: an allergy written under the tag-only rule (2026-12-07, before code review 30)', () => {
  it('it carries the list\'s tag and no owner entry: the list\'s drop leaves it (unknown ownership deletes nothing); named again, it is owned and dropped', async () => {
    await deliver({}, REG('R1', LATEX(1), SULFA(2)));
    // as that rule wrote it: the tag alone
    for (const r of held()) delete r.extension;
    await deliver({}, REG('R2', SULFA(1)));
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
    await deliver({}, REG('R3', LATEX(1), SULFA(2)), REG('R4', SULFA(1)));
    expect(allergy('111088007')).toEqual([]);
  });
});

describe('[CR30-1] the owner entry\'s removal is a versioned write', () => {
  it('an A60 PUT between registration\'s read and its removal of its entry: 412, nothing applied; the retry leaves the A60\'s latex alone', { timeout: 30_000 }, async () => {
    await deliver({}, ED('E1', LATEX(1)), REG('R1', LATEX(1), SULFA(2)));
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let arrived = (_: RecordedRequest) => {};
    const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    await server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
    const list = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    const drop = REG('R2', SULFA(1));
    try {
      const first = list.deliver(convertHl7v2(drop, { timezone: 'America/New_York' }).bundle, never).then(() => 'sent', () => 'failed');
      const heldRequest = await atServer;
      // the held transaction removes registration's entry from latex by a PUT of the version it read
      const entries = ((heldRequest.body as Json).entry ?? []) as { request?: { method?: string; url?: string; ifMatch?: string } }[];
      const removal = entries.find((e) => e.request?.method === 'PUT' && e.request.url === `AllergyIntolerance/${String(allergy('111088007')[0]?.id)}`);
      expect(removal?.request?.ifMatch).toEqual(expect.stringMatching(/^W\/"\d+"$/));
      await deliver({}, IAM_LATEX);
      release();
      expect(await first).toBe('failed');
      expect(heldRequest.status).toBe(412);
      await list.deliver(convertHl7v2(drop, { timezone: 'America/New_York' }).bundle, never);
    } finally {
      await list.close();
    }
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(owners(allergy('111088007')[0])).toEqual([]);
    // and the ED's later drop leaves it too: the A60 speaks for it
    await deliver({}, ED('E2', SULFA(1)));
    expect(allergy('111088007').map(status)).toEqual(['active']);
  });
});
