/**
 * Code review 29 (docs/codereview29.md): the held Patient links at the FHIR destination after fix30a
 * (held-links.ts registrations, release timing, a merge's bounded wait), delivered through the real FHIR
 * destination to the in-repo FHIR server (test/support/fhir-server.ts) with real Redis. Each finding is an
 * `it.fails` asserting the right outcome beside a control that passes. Expected values come from the messages,
 * FHIR R4 Patient.link (a merge's survivor `replaces` the merged record; a later PID speaks of no link) and
 * held-links.ts's own module comment ("a stored Bundle's release rides in the next MULTI, or goes alone after
 * RELEASE_IDLE_MS idle"; "every channel delivering to the server shares the set"). Names and MRNs are synthetic.
 *
 *   npx vitest run test/codereview29/held-links.redis.test.ts
 */
import { describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { redisLinkedPatients } from '../../src/destinations/index.js';
import { fhirServerName } from '../../src/destinations/fhir-server-name.js';
import { patientPutsSendingKey } from '../../src/redis/keys.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import type { RecordedRequest } from '../support/fhir-server.js';
import { linkMessages, linkTypes, useHeldLinks } from '../support/held-links-fixture.js';
import { memoryLogger } from '../support/log.js';
import { REDIS_URL } from '../support/redis.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher } from '../destinations/push.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

type Json = Record<string, unknown>;

const { bare, A01, A40, A08 } = linkMessages({ sender: 'QVREG', facility: 'QVMC', given: 'WREN', birthDate: '19790311', address: '4 ALDER WAY^^QUILLVALE^IL^60999^USA^H', location: 'W2^210^A', laterFamily: 'TESTMERGE' });
/** Both channels map the MRN's authority to one system (a `conditionalUpdate` channel needs one). */
const namespaceMap = { QVMC: 'urn:oid:2.16.840.1.113883.3.7777.1' };

const links = useHeldLinks('cr29-links');
const channel = (client?: Redis, options: { releaseIdleMs?: number } = {}): BundlePusher => links.channel({ timeoutMs: 30_000 }, { ...options, ...(client === undefined ? {} : { client }) });
const send = (p: BundlePusher, message: string, conditionalUpdate = false, nm: Record<string, string> = namespaceMap) => p.deliver(convertHl7v2(message, { namespaceMap: nm, conditionalUpdate }).bundle, never);
const holding = (value: string) => links.holding(value);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const registered = () => links.redis.zcard(patientPutsSendingKey(links.prefix, fhirServerName({ baseUrl: links.server.url })));

// ---------------------------------------------------------------------------------------------------
// CR29-4 [held-links.ts restoreLinks: "PUT each that lost a link the Bundle wrote back with it"; FHIR R4
// Patient.link: one link per other record] a merge whose survivor is written by two entries (a by-id channel with
// a system'd MRN: conditional create + patch, patch.ts mergeSurvivorEntries) has its link listed twice by
// writtenLinks, and the restore after a race PUTs it back twice
// ---------------------------------------------------------------------------------------------------
describe('CR29-4 a merge raced by a PUT of the survivor, then restored (code review 27 CR27-2 path)', () => {
  /** The A08 is held at the server until the A40 is answered: barriers, not the clock. */
  async function raced(mr: string, merged: string, nm: Record<string, string>, control: string): Promise<Json | undefined> {
    const adt = channel();
    const other = channel();
    await send(adt, A01(bare(mr), 'TESTMERGE', `${control}1`), false, nm);
    await send(adt, A01(bare(merged), 'TESTMERGE', `${control}2`), false, nm);
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let arrived = (_: RecordedRequest) => {};
    const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    await links.server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
    const late = send(other, A08(bare(mr), `${control}3`), false, nm);
    const held = await atServer;
    const mergeAnswered = links.server.answered((r) => r.method === 'POST' && r !== held);
    const merge = send(adt, A40(bare(mr), bare(merged), `${control}4`), false, nm);
    await mergeAnswered;
    release();
    await late;
    await merge;
    // the merge waited for the A08 (registered under the survivor's id, listed by the mark of its answer), read again, restored
    expect(links.server.requests.filter((r) => r.method === 'GET' && r.path.includes('Patient?_id=')).length).toBeGreaterThan(0);
    return holding(mr)[0];
  }

  it('system\'d MRN (namespaceMap): the survivor holds one `replaces` link to the merged record, as the A40 wrote it', async () => {
    const survivor = await raced('QV7290101', 'QV7290109', namespaceMap, 'CR29-4A');
    expect(linkTypes(survivor)).toEqual(['replaces']);
  });

  it('control: the same race with a bare MRN (the survivor PUT by id, one entry) restores one link', async () => {
    const survivor = await raced('QV7290201', 'QV7290209', {}, 'CR29-4B');
    expect(linkTypes(survivor)).toEqual(['replaces']);
  });

  it('control: the system\'d merge without a race leaves one link', async () => {
    const adt = channel();
    await send(adt, A01(bare('QV7290251'), 'TESTMERGE', 'CR29-4C1'));
    await send(adt, A01(bare('QV7290259'), 'TESTMERGE', 'CR29-4C2'));
    await send(adt, A40(bare('QV7290251'), bare('QV7290259'), 'CR29-4C3'));
    expect(linkTypes(holding('QV7290251')[0])).toEqual(['replaces']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR29-5 [held-links.ts: "a stored Bundle's release … goes alone after RELEASE_IDLE_MS idle"] the idle release
// is a timer of the process; a shutdown (destination closed, then the Redis connection disconnected, as
// daemon.ts close does) within that time loses it, and the registration stays for timeoutMs × (2 × entries + 2)
// ---------------------------------------------------------------------------------------------------
describe('CR29-5 a delivered Bundle, then the process shuts down before the idle release', () => {
  it('the stored Bundle leaves no registration once the destination is closed and its connection disconnected', async () => {
    const own = new Redis(REDIS_URL);
    // an idle time longer than the test's wait, so a slow machine cannot let the timer win the race with close()
    const adt = channel(own, { releaseIdleMs: 5_000 });
    await send(adt, A01(bare('QV7290301'), 'TESTMERGE', 'CR29-51'));
    // daemon.ts close(): the runtimes' destinations are closed, then the producer connection is disconnected
    await adt.close();
    own.disconnect();
    await sleep(800); // closed and disconnected: nothing will release it now (its timer's ZREM fails on the closed connection)
    expect(await registered()).toBe(0);
  });

  it('a release that cannot be sent at close is logged by count, never by id (the Patient ids), and close does not throw', async () => {
    const own = new Redis(REDIS_URL);
    const { log, text } = memoryLogger('info');
    const linked = redisLinkedPatients(own, links.prefix, { releaseIdleMs: 600_000, log })('cr29-5-server');
    const sending = await linked.sending(['QV7290399'], 30_000);
    sending.releaseLater();
    own.disconnect();
    await expect(linked.close()).resolves.toBeUndefined();
    const warned = text().split('\n').filter((l) => l.includes('"level":40'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('"releases":1');
    expect(text()).not.toContain('QV7290399');
  });

  it('control: the same Bundle with the connection kept is released by the idle timer', async () => {
    const own = new Redis(REDIS_URL);
    const adt = channel(own);
    await send(adt, A01(bare('QV7290311'), 'TESTMERGE', 'CR29-52'));
    await vi.waitFor(async () => expect(await registered()).toBe(0), { timeout: HANG_CEILING_MS, interval: 50 });
    own.disconnect();
  });
});
