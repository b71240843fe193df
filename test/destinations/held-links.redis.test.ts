/**
 * Review 33 R33-L1 (class fix): a merge's or link event's `Patient.link` is not something a later PID speaks
 * about, so the FHIR destination keeps it on the later message's full `PUT Patient/<id>` (default channel,
 * `omittedFields: remove`; src/destinations/held-links.ts). [FHIR R4 Patient.link: the survivor `replaces`
 * the merged record, which is `replaced-by` it ("must no longer be used"); link-type `seealso` (A24); IG MRG
 * (the merge pattern: no MRG[Patient] row in the corpus); docs/mapping.md MRG row, merge-survivor row.]
 * Delivered through the real FHIR destination to the in-repo FHIR server (test/support/fhir-server.ts),
 * with the linked-patient set in real Redis. Expected values come from the messages and those definitions.
 *
 *   npx vitest run test/destinations/held-links.redis.test.ts
 */
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { linkedPatientsKey } from '../../src/redis/keys.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useHeldLinks } from '../support/held-links-fixture.js';
import { freePort } from '../support/redis.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;
type Mode = 'transaction' | 'batch' | 'individual';

const OID = '2.16.840.1.113883.3.7714.52';
const SYSTEM = `urn:oid:${OID}`;
/** MRs as a registration system sends them: a namespace without a system (PUT by id), or with its OID (a survivor found by search). */
const bare = (mr: string) => `${mr}^^^NRMC^MR`;
const withSystem = (mr: string) => `${mr}^^^NRMC&${OID}&ISO^MR`;

const msh = (type: string, control: string) => `MSH|^~\\&|NRREG|NRMC|HIG|NRMC|202612061410-0600||${type}|${control}|P|2.5.1`;
const pid = (n: number, pid3: string, family: string, given: string) => `PID|${n}||${pid3}||${family}^${given}^^^^^L||19790312|F|||88 BIRCH HOLLOW RD^^NORRIDGE^IL^60706^USA^H`;
const A01 = (pid3: string, family: string, given: string, control: string) => [msh('ADT^A01^ADT_A01', control), 'EVN|A01|202612061400-0600', pid(1, pid3, family, given), 'PV1|1|I|W4^412^A'].join('\r');
const A08 = (pid3: string, family: string, given: string, control: string) => [msh('ADT^A08^ADT_A01', control), 'EVN|A08|202612061500-0600', pid(1, pid3, family, given), 'PV1|1|I|W4^412^A'].join('\r');
/** The survivor `pid3` absorbs the duplicate record `mrg1` (MRG-1). */
const A40 = (pid3: string, mrg1: string, control: string) => [msh('ADT^A40^ADT_A39', control), 'EVN|A40|202612061420-0600', pid(1, pid3, 'VASQUEZ-TEMPLE', 'ROSALIND'), `MRG|${mrg1}`].join('\r');
/** A result about the patient: its PID PUTs her Patient whole, with no link (no PID field is one). */
const ORU = (pid3: string, control: string) =>
  [
    msh('ORU^R01^ORU_R01', control),
    pid(1, pid3, 'VASQUEZ-TEMPLE', 'ROSALIND'),
    `OBR|1|NR-LB-${control}||2345-7^Glucose^LN|||202612061430-0600`,
    'OBX|1|NM|2345-7^Glucose^LN||96|mg/dL|70-99|N|||F|||202612061430-0600',
  ].join('\r');
const twoRecords = (event: 'A24' | 'A37', first: string, second: string, control: string) =>
  [msh(`ADT^${event}^ADT_${event}`, control), `EVN|${event}|202612061440-0600`, pid(1, first, 'VASQUEZ-TEMPLE', 'ROSALIND'), pid(2, second, 'TEMPLE', 'ROSALIND')].join('\r');
const A24 = (first: string, second: string, control: string) => twoRecords('A24', first, second, control);
const A37 = (first: string, second: string, control: string) => twoRecords('A37', first, second, control);

const fx = useHeldLinks('held-links');

/** Each message converted (`options`) and delivered in order through the FHIR destination in `mode`. */
async function deliver(mode: Mode, options: Options, ...messages: string[]): Promise<void> {
  const pusher = fx.channel({ mode });
  for (const m of messages) await pusher.deliver(convertHl7v2(m, options).bundle, never);
}

const holding = (value: string) => fx.holding(value);
const patients = () => [...fx.server.resources.values()].filter((r) => r.resourceType === 'Patient');
const links = (p: Json | undefined) => (p?.link as { type?: string; other?: Json }[] | undefined) ?? [];
const ref = (p: Json | undefined) => `Patient/${String(p?.id)}`;
const family = (p: Json | undefined) => (p?.name as { family?: string }[] | undefined)?.[0]?.family;
/** The reads of a Patient the destination made (`GET Patient?_id=…`). */
// the reads of the held-links rule: a search that misses is retried among the records merged into its patient
// (`Patient?link=`, fixmerge27's documented cost on a miss, test/destinations/merged-record-search.test.ts), not counted here
const patientReads = () => fx.server.requests.filter((r) => r.method === 'GET' && r.path.includes('/Patient?') && !r.path.includes('/Patient?link='));

describe('R33-L1 a merge\'s links stay at the server after later messages about either record', () => {
  for (const mode of ['transaction', 'batch', 'individual'] as const) {
    it(`[${mode}] survivor PUT by id: replaces kept after her next A08 (a result in a transaction); the retired record stays replaced-by and inactive after an A08 naming its number`, async () => {
      await deliver(
        mode,
        {},
        A01(bare('NR5200101'), 'VASQUEZ-TEMPLE', 'ROSALIND', 'NR52-01'),
        A01(bare('NR5200109'), 'VASQUEZ TEMPLE', 'ROSALIND', 'NR52-02'),
        A40(bare('NR5200101'), bare('NR5200109'), 'NR52-03'),
        // a result's order is a conditional create + patch, which only a transaction orders (docs/destinations.md)
        mode === 'transaction' ? ORU(bare('NR5200101'), 'NR52-04') : A08(bare('NR5200101'), 'VASQUEZ-TEMPLE', 'ROSALIND', 'NR52-04'),
        // a late correction for the retired number: its PID speaks of the name, not of links or active
        A08(bare('NR5200109'), 'VASQUEZ-TEMPEL', 'ROSALIND', 'NR52-05'),
      );
      const [survivor] = holding('NR5200101');
      const [retired] = holding('NR5200109');
      // only a transaction resolves the Bundle's urn:uuid references; a batch or lone requests keep them as sent,
      // hig's id of the record (docs/destinations.md; mapping.md "Known gaps", merge survivor (5))
      const named = (p: Json | undefined) => (mode === 'transaction' ? ref(p) : `urn:uuid:${String(p?.id)}`);
      // [FHIR R4 Patient.link replaces] the survivor still names the merged record (the ORU or A08 PUT her whole)
      expect(links(survivor)).toEqual([{ other: { reference: named(retired) }, type: 'replaces' }]);
      // [FHIR R4 Patient.link replaced-by: "must no longer be used"] the retired record stays retired …
      expect(links(retired)).toEqual([{ other: { reference: named(survivor) }, type: 'replaced-by' }]);
      expect(retired?.active).toBe(false);
      // … and takes what its PID does say (the PUT still replaces the demographics: omittedFields remove)
      expect(family(retired)).toBe('VASQUEZ-TEMPEL');
      expect(patients()).toHaveLength(2);
    });
  }

  it('a patient never linked costs no read of the server; a linked one is read once per message that PUTs her', async () => {
    await deliver(
      'transaction',
      {},
      A01(bare('NR5200201'), 'OYELARAN', 'TEMITOPE', 'NR52-11'),
      A08(bare('NR5200201'), 'OYELARAN', 'TEMITOPE', 'NR52-12'),
      A01(bare('NR5200101'), 'VASQUEZ-TEMPLE', 'ROSALIND', 'NR52-13'),
      A01(bare('NR5200109'), 'VASQUEZ TEMPLE', 'ROSALIND', 'NR52-14'),
    );
    expect(patientReads()).toEqual([]);
    await deliver('transaction', {}, A40(bare('NR5200101'), bare('NR5200109'), 'NR52-15'));
    // [R62-L2] the merge reads the record it retires once, for the identifiers the server holds on it (held-elements.ts)
    const retiredRead = `/Patient?_id=${String(holding('NR5200109')[0]?.id)}`;
    expect(patientReads().map((r) => r.path.slice(r.path.indexOf('/Patient?')))).toEqual([retiredRead]);
    await deliver('transaction', {}, ORU(bare('NR5200101'), 'NR52-16'), A08(bare('NR5200201'), 'OYELARAN', 'TEMITOPE', 'NR52-17'));
    const [survivor] = holding('NR5200101');
    expect(patientReads().map((r) => r.path.slice(r.path.indexOf('/Patient?')))).toEqual([retiredRead, `/Patient?_id=${String(survivor?.id)}`]);
    expect(links(survivor).map((l) => l.type)).toEqual(['replaces']);
    // the set holds the two merged records' ids, nothing of the patient never linked
    const [other] = holding('NR5200201');
    const held = await fx.redis.smembers(linkedPatientsKey(fx.prefix, fx.server.url));
    expect(held.sort()).toEqual([survivor?.id, holding('NR5200109')[0]?.id].sort());
    expect(held).not.toContain(other?.id);
  });

  for (const mode of ['transaction', 'individual'] as const) {
    it(`[${mode}] a survivor found by its search (MR with a system: conditional create + FHIRPath Patch) keeps replaces after the next A08 PUTs her`, async () => {
      await deliver(
        mode,
        {},
        A01(withSystem('NR5200301'), 'VASQUEZ-TEMPLE', 'ROSALIND', 'NR52-21'),
        A01(withSystem('NR5200309'), 'VASQUEZ TEMPLE', 'ROSALIND', 'NR52-22'),
        A40(withSystem('NR5200301'), withSystem('NR5200309'), 'NR52-23'),
        A08(withSystem('NR5200301'), 'VASQUEZ-TEMPLE', 'ROSALIND MAE', 'NR52-24'),
      );
      const [survivor] = patients().filter((p) => JSON.stringify(p.identifier).includes(`"system":"${SYSTEM}","value":"NR5200301"`));
      const [retired] = holding('NR5200309');
      expect(links(survivor).filter((l) => l.type === 'replaces')).toHaveLength(1);
      // (an `individual` destination leaves the create's urn:uuid unresolved: mapping.md "Known gaps", merge survivor (5))
      if (mode === 'transaction') expect(links(retired)).toEqual([{ other: { reference: ref(survivor) }, type: 'replaced-by' }]);
      else expect(links(retired).map((l) => l.type)).toEqual(['replaced-by']);
      expect((survivor?.name as { given?: string[] }[])[0]?.given).toEqual(['ROSALIND MAE']);
    });
  }

  it('a conditionalUpdate channel (PUT Patient?identifier=…): the survivor keeps replaces and the retired record replaced-by and active false after later A08s of each', async () => {
    const options: Options = { conditionalUpdate: true };
    await deliver(
      'transaction',
      options,
      A01(withSystem('NR5200701'), 'VASQUEZ-TEMPLE', 'ROSALIND', 'NR52-61'),
      A01(withSystem('NR5200709'), 'VASQUEZ TEMPLE', 'ROSALIND', 'NR52-62'),
      A40(withSystem('NR5200701'), withSystem('NR5200709'), 'NR52-63'),
      A08(withSystem('NR5200701'), 'VASQUEZ-TEMPLE', 'ROSALIND MAE', 'NR52-64'),
      A08(withSystem('NR5200709'), 'VASQUEZ-TEMPEL', 'ROSALIND', 'NR52-65'),
    );
    const [survivor] = holding('NR5200701');
    const [retired] = holding('NR5200709');
    expect(patients()).toHaveLength(2);
    // (the merged record found by search is named logically, by its identifier: mapping.md "Known gaps", merge survivor (4))
    expect(links(survivor)).toEqual([{ other: { type: 'Patient', identifier: { system: SYSTEM, value: 'NR5200709' } }, type: 'replaces' }]);
    expect(links(retired)).toEqual([{ other: { reference: ref(survivor) }, type: 'replaced-by' }]);
    expect(retired?.active).toBe(false);
    // what the PIDs say reached the server
    expect((survivor?.name as { given?: string[] }[])[0]?.given).toEqual(['ROSALIND MAE']);
    expect(family(retired)).toBe('VASQUEZ-TEMPEL');
  });

  it('[FHIR R4 link-type seealso; v2.5.1 3.3.24, 3.3.37] an A24 pair of records PUT by id stays linked after an A08 of one of them, and an A37 of both unlinks them', async () => {
    await deliver('transaction', {}, A24(bare('NR5200401'), bare('NR5200402'), 'NR52-31'), A08(bare('NR5200401'), 'VASQUEZ-TEMPLE', 'ROSALIND', 'NR52-32'));
    const [first] = holding('NR5200401');
    const [second] = holding('NR5200402');
    expect(links(first)).toEqual([{ other: { reference: ref(second) }, type: 'seealso' }]);
    expect(links(second)).toEqual([{ other: { reference: ref(first) }, type: 'seealso' }]);
    // the A37 names both records and links neither: the message says they are no longer linked
    await deliver('transaction', {}, A37(bare('NR5200401'), bare('NR5200402'), 'NR52-33'));
    expect(links(holding('NR5200401')[0])).toEqual([]);
    expect(links(holding('NR5200402')[0])).toEqual([]);
  });

  it('a second merge into the same survivor (PUT by id) keeps the first merge\'s replaces beside its own, and a resend of it adds none', async () => {
    await deliver('transaction', {}, A40(bare('NR5200501'), bare('NR5200508'), 'NR52-41'), A40(bare('NR5200501'), bare('NR5200509'), 'NR52-42'));
    const [survivor] = holding('NR5200501');
    const others = links(survivor).map((l) => `${String(l.type)} ${String(l.other?.reference)}`).sort();
    expect(others).toEqual([`replaces ${ref(holding('NR5200508')[0])}`, `replaces ${ref(holding('NR5200509')[0])}`].sort());
    await deliver('transaction', {}, A40(bare('NR5200501'), bare('NR5200509'), 'NR52-42R'));
    expect(links(holding('NR5200501')[0])).toHaveLength(2);
  });

  // code review 27 CR27-1: she stays in the set (a read that finds no links may race another channel's merge in
  // flight): read once per message that PUTs her, nothing carried
  it('a Patient the server holds without links stays in the set: read once per message, nothing carried (CR27-1)', async () => {
    await deliver('transaction', {}, A40(bare('NR5200601'), bare('NR5200609'), 'NR52-51'));
    const [survivor] = holding('NR5200601');
    // someone else unlinks her at the server (an EMPI's unmerge): hig's set still names her
    const { link: _link, meta: _meta, ...rest } = survivor as Json;
    const res = await fetch(`${fx.server.url}/Patient/${String(survivor?.id)}`, { method: 'PUT', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(rest) });
    expect(res.status).toBe(200);
    fx.server.requests.length = 0;
    await deliver('transaction', {}, ORU(bare('NR5200601'), 'NR52-52'), ORU(bare('NR5200601'), 'NR52-53'));
    expect(patientReads()).toHaveLength(2);
    expect(links(holding('NR5200601')[0])).toEqual([]);
    expect(await fx.redis.sismember(linkedPatientsKey(fx.prefix, fx.server.url), String(survivor?.id))).toBe(1);
  });

  it('Redis not answering: the delivery is transient and nothing is sent (a PUT sent blind could erase a link)', async () => {
    const down = new Redis(`redis://127.0.0.1:${await freePort()}`, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    down.on('error', () => undefined);
    const pusher = fx.channel({}, { client: down });
    const failed = await pusher.deliver(convertHl7v2(A08(bare('NR5200801'), 'OYELARAN', 'TEMITOPE', 'NR52-71')).bundle, never).catch((e: unknown) => e);
    expect((failed as Error).name).toBe('TransientError');
    expect(fx.server.requests.filter((r) => r.method === 'POST')).toEqual([]);
    down.disconnect();
  });
});
