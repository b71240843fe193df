/**
 * Code review 30 (docs/codereview30.md): the AL1 snapshot lists of fix31a (transform/allergy-list.ts,
 * destinations/held-allergies.ts) delivered through the real FHIR destination to the in-repo FHIR server
 * (test/support/fhir-server.ts). Each finding is an `it.fails` asserting the right outcome beside a control that
 * passes. Expected values come from the messages, v2.5.1 2.10.4.1 (snapshot mode: a sender's list replaces *that
 * sender's* prior group) and hig's own documented rule (docs/mapping.md "Allergy lists": "only the ones hig wrote
 * from that sender's AL1 list for that patient"; "an allergy another system wrote, or another sender's list, never
 * has this tag"; "once an A60 speaks for an allergy no AL1 list removes it"). No Redis: the allergy step reads the
 * FHIR server only. Names and MRNs are synthetic.
 *
 *   npx vitest run test/codereview30/allergy-lists.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer, type RecordedRequest } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination } from '../destinations/push.js';

type Json = Record<string, unknown>;

const msh = (type: string, control: string, app: string) => `MSH|^~\\&|${app}|QVMC|HIG|QVMC|20281101140000-0500||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||QV4400101^^^QVMC^MR||TESTALLERGY^MARGIT||19610412|F';
const LATEX = (n: number) => `AL1|${n}|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|20090915`;
const SULFA = (n: number) => `AL1|${n}|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash|20030410`;
/** An ADT of `app` (MSH-3) whose AL1s are the patient's list from that sender (v2.5.1 2.10.4.1). */
const adt = (app: string, event: string, structure: string, control: string, al1: string[]) =>
  [msh(`ADT^${event}^${structure}`, control, app), `EVN|${event}|20281101135900-0500`, PID, 'PV1|1|O', ...al1].join('\r');
/** An A60 updating latex (IAM-6 U; same patient + allergen: the AL1's id): from then on the IAM speaks for it. */
const IAM_LATEX = [msh('ADT^A60^ADT_A60', 'I1', 'QVALLERGY'), 'EVN|A60|20281101100000-0500', PID, 'IAM|1|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|U^Update^HL70323|ALG-7^QVALLERGY'].join('\r');

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

async function deliver(...messages: string[]): Promise<void> {
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  try {
    for (const m of messages) await destination.deliver(convertHl7v2(m, { timezone: 'America/New_York' }).bundle, never);
  } finally {
    await destination.close();
  }
}
const allergy = (code: string) => [...server.resources.values()].filter((r) => r.resourceType === 'AllergyIntolerance' && JSON.stringify(r.code ?? {}).includes(`"code":"${code}"`));
const status = (a: Json | undefined) => ((a?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
const deletes = () => server.requests.flatMap((r) => {
  const entries = (r.body as { entry?: { request?: { method?: string; url?: string } }[] } | undefined)?.entry ?? [];
  return entries.filter((e) => e.request?.method === 'DELETE').map((e) => e.request?.url);
});

// ---------------------------------------------------------------------------------------------------
// CR30-1 [v2.5.1 2.10.4.1 snapshot mode, per sender; mapping.md "Allergy lists": "another sender's list never has
// this tag"] the allergy id is patient + allergen whatever the sender (clinical.ts allergyKey), so two senders'
// lists write ONE resource, and its tag is the last writer's alone: the last writer's next list deletes an allergy
// the other sender's list still names
// ---------------------------------------------------------------------------------------------------
describe('CR30-1 two senders list one allergy: the last writer\'s drop deletes it while the other still lists it', () => {
  // fixed by fix32c: the lists that name an allergy are owner entries in its body (transform/list-owner.ts)
  it('the ED system (QVEDADT) lists latex; registration (QVREGADT) lists latex then drops it: latex stays active (the ED\'s list still names it)', async () => {
    await deliver(
      adt('QVEDADT', 'A04', 'ADT_A01', 'E1', [LATEX(1)]),
      adt('QVREGADT', 'A08', 'ADT_A01', 'R1', [LATEX(1), SULFA(2)]),
      adt('QVREGADT', 'A08', 'ADT_A01', 'R2', [SULFA(1)]),
    );
    // registration's own list (sulfamethoxazole) is applied
    expect(allergy('10180').map(status)).toEqual(['active']);
    // the ED's list, which registration's list cannot speak for, still names latex
    expect(allergy('111088007').map(status)).toEqual(['active']);
  });

  it('control: the ED\'s latex is left when registration\'s lists never named it (the documented case)', async () => {
    await deliver(
      adt('QVEDADT', 'A04', 'ADT_A01', 'E1', [LATEX(1)]),
      adt('QVREGADT', 'A08', 'ADT_A01', 'R1', [SULFA(1)]),
      adt('QVREGADT', 'A08', 'ADT_A01', 'R2', [SULFA(1)]),
    );
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(deletes()).toEqual([]);
  });

  it('control: one sender dropping its own latex deletes it (the snapshot rule itself)', async () => {
    await deliver(adt('QVREGADT', 'A08', 'ADT_A01', 'R1', [LATEX(1), SULFA(2)]), adt('QVREGADT', 'A08', 'ADT_A01', 'R2', [SULFA(1)]));
    expect(allergy('111088007')).toEqual([]);
    expect(deletes()).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR30-2 [FHIR R4 servers of the HAPI family (HAPI, Smile CDR, Oracle HDR) carry meta.tag forward on an update that
// does not list it ("by default when a resource is updated, any tags and security labels are carried forward even if
// they are not explicitly listed in the new version", Oracle HDR 8.2 FHIR guide "Tag retention"); mapping.md:
// "An IAM's PUT of the same allergy (same id) replaces the resource without the tag, so once an A60 speaks for an
// allergy no AL1 list removes it"] the ownership rule rests on a PUT removing the tag, which those servers do not do:
// the in-repo server replaces meta whole; the tag the server kept is put back here as such a server stores it
// ---------------------------------------------------------------------------------------------------
describe('CR30-2 an A60-updated allergy on a server that keeps tags across updates', () => {
  /** What a tag-retaining server holds after the IAM's PUT: the new version with the prior version's tags. */
  function retainTags(before: Json | undefined): void {
    const after = allergy('111088007')[0];
    const kept = ((before?.meta as Json | undefined)?.tag as Json[] | undefined) ?? [];
    if (after !== undefined) (after.meta as Json).tag = [...(((after.meta as Json).tag as Json[] | undefined) ?? []), ...kept];
  }

  // fixed by fix32c: ownership is judged by the body (owner entries), which the A60's PUT replaces; the tag only finds
  it('the AL1 list named latex, the A60 updated it (the A60 speaks for it since), the next list drops it: latex stays', async () => {
    await deliver(adt('QVREGADT', 'A08', 'ADT_A01', 'R1', [LATEX(1), SULFA(2)]));
    const listed = structuredClone(allergy('111088007')[0]);
    await deliver(IAM_LATEX);
    retainTags(listed);
    await deliver(adt('QVREGADT', 'A08', 'ADT_A01', 'R2', [SULFA(1)]));
    expect(allergy('111088007').map(status)).toEqual(['active']);
  });

  it('control: the same three messages on a server that replaces meta.tag on update (the in-repo server as it is): latex stays', async () => {
    await deliver(adt('QVREGADT', 'A08', 'ADT_A01', 'R1', [LATEX(1), SULFA(2)]), IAM_LATEX, adt('QVREGADT', 'A08', 'ADT_A01', 'R2', [SULFA(1)]));
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(JSON.stringify(allergy('111088007')[0]?.reaction)).toContain('Anaphylaxis');
  });
});

// ---------------------------------------------------------------------------------------------------
// Checked, no finding [held-allergies.ts: "ifMatch the version read: a PUT between the read and the write, an A60's,
// fails it with 412, retried and read again"] the race between a list's read and its DELETE, made with the server's
// `hold` barrier (not the clock): the list's transaction is held after its search; the A60's PUT lands meanwhile
// ---------------------------------------------------------------------------------------------------
describe('control: an A60 PUT between the list\'s read and its DELETE', () => {
  it('the held transaction fails on If-Match (412), nothing of it applied; its retry reads again and leaves the A60\'s latex', { timeout: 30_000 }, async () => {
    await deliver(adt('QVREGADT', 'A08', 'ADT_A01', 'R1', [LATEX(1), SULFA(2)]));
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let arrived = (_: RecordedRequest) => {};
    const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    await server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
    const list = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    const drop = adt('QVREGADT', 'A08', 'ADT_A01', 'R2', [SULFA(1)]);
    try {
      const first = list.deliver(convertHl7v2(drop, { timezone: 'America/New_York' }).bundle, never).then(() => 'sent', () => 'failed');
      const held = await atServer;
      await deliver(IAM_LATEX);
      release();
      expect(await first).toBe('failed');
      expect(held.status).toBe(412);
      expect(allergy('111088007').map(status)).toEqual(['active']);
      // the retry (the pipeline's) reads the list again: latex now the A60's (no tag on this server), left
      await list.deliver(convertHl7v2(drop, { timezone: 'America/New_York' }).bundle, never);
    } finally {
      await list.close();
    }
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(JSON.stringify(allergy('111088007')[0]?.reaction)).toContain('Anaphylaxis');
    expect(allergy('10180').map(status)).toEqual(['active']);
  });
});
