/**
 * Code review 28 (docs/codereview28.md): the held Patient links at the FHIR destination after fix28c
 * (held-links.ts, fhir-server-name.ts, fhir-destination.ts), delivered through the real FHIR destination to
 * the in-repo FHIR server (test/support/fhir-server.ts) with the linked-patient set in real Redis. Each finding
 * is an `it.fails` asserting the right outcome beside a control that passes. Expected values come from the
 * messages and FHIR R4 Patient.link (a merge's survivor `replaces` the merged record; a later PID speaks of no
 * link) and docs/destinations.md ("shared by every channel delivering to that server under that name").
 * All names and MRNs are synthetic.
 *
 *   npx vitest run test/codereview28/held-links.redis.test.ts
 */
import { describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { fhirServerName } from '../../src/destinations/fhir-server-name.js';
import { patientPutsSendingKey } from '../../src/redis/keys.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { linkMessages, linkTypes, useHeldLinks } from '../support/held-links-fixture.js';
import { REDIS_URL } from '../support/redis.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher } from '../destinations/push.js';

const { bare, A01, A40, A08 } = linkMessages({ sender: 'QVREG', facility: 'QVMC', given: 'WREN', birthDate: '19790311', address: '4 ALDER WAY^^QUILLVALE^IL^60999^USA^H', location: 'W2^210^A', laterFamily: 'TESTMERGE' });
/** Both channels map the MRN's authority to one system (a `conditionalUpdate` channel needs one). */
const namespaceMap = { QVMC: 'urn:oid:2.16.840.1.113883.3.7777.1' };

const links = useHeldLinks('cr28-links');
/** A channel's FHIR destination (its own pusher, as each channel's runtime has), sharing the install's Redis set. */
const channel = (timeoutMs = 30_000, mode: 'transaction' | 'individual' = 'transaction'): BundlePusher => links.channel({ mode, timeoutMs });
const send = (p: BundlePusher, message: string) => p.deliver(convertHl7v2(message, { namespaceMap }).bundle, never);
const holding = (value: string) => links.holding(value);

/** The Patient PUTs registered as being sent to this server (held-links.ts, redis/keys.ts patientPutsSendingKey). */
/** The Patient PUTs registered as being sent to this server (held-links.ts, redis/keys.ts patientPutsSendingKey). */
const registered = () => links.redis.zcard(patientPutsSendingKey(links.prefix, fhirServerName({ baseUrl: links.server.url })));
/** No registration left: waited for, not timed (a stored Bundle's release may ride the idle timer: held-links.ts). */
const noneRegistered = () => vi.waitFor(async () => expect(await registered()).toBe(0), { timeout: HANG_CEILING_MS, interval: 50 });
/** When the registrations held now end (their scores: the time their sender is presumed gone), in ms since the epoch. */
const registeredUntil = async () => Math.min(...(await links.redis.zrange(patientPutsSendingKey(links.prefix, fhirServerName({ baseUrl: links.server.url })), '0', '-1', 'WITHSCORES')).filter((_, i) => i % 2 === 1).map(Number));
/** The merge's re-reads of its Patients after a race (held-links.ts: one GET Patient?_id=…). */
const reReads = (since: number) => links.server.requests.slice(since).filter((r) => r.method === 'GET' && r.path.includes('Patient?_id='));

// ---------------------------------------------------------------------------------------------------
// CR28-1 [held-links.ts: "A failed send ends its Patient PUTs' registration only when the server answered: a
// request abandoned (timeout, connection lost) may still be applied"] a request that never reached the server
// (connection refused) cannot be applied, yet stays registered for timeoutMs × (2 × entries + 2), and the next
// merge of that patient waits that long in its worker, polling Redis every 20 ms
// ---------------------------------------------------------------------------------------------------
describe('CR28-1 a Patient PUT whose connection was refused, then a merge of that patient', () => {
  // A request timeout no answer of the in-repo server comes near on a loaded machine: the refusals and 503s below are
  // met at once, so only the held request of the third test is ever waited out.
  const TIMEOUT = 30_000;
  it('the refused message leaves no registration behind, and the merge is not held by it', async () => {
    const adt = channel(TIMEOUT);
    const other = channel(TIMEOUT);
    await send(adt, A01(bare('QV7100301'), 'TESTMERGE', 'CR28-21'));
    await send(adt, A01(bare('QV7100309'), 'TESTMERGE', 'CR28-22'));
    // the server is down (listener closed): the other channel's A01 (re-sent registration: its visit's status is conveyed, so no read goes before its transaction) is refused at connect, so nothing of it can land
    await links.server.setFault({ kind: 'down', forMs: 60_000, how: 'refuse' });
    await expect(send(other, A01(bare('QV7100301'), 'TESTMERGE', 'CR28-23'))).rejects.toThrow();
    await noneRegistered();
    await links.server.setFault(null); // the outage ends now, whatever the machine's speed
    await send(adt, A40(bare('QV7100301'), bare('QV7100309'), 'CR28-24'));
    expect(linkTypes(holding('QV7100301')[0])).toEqual(['replaces']);
    // nothing registered is left to race it (above): the merge has nothing to wait for (held-links.ts drained)
  });

  it('individual mode: a message whose request the server answered 503 leaves no registration behind either', async () => {
    const adt = channel(TIMEOUT);
    const other = channel(TIMEOUT, 'individual');
    await send(adt, A01(bare('QV7100351'), 'TESTMERGE', 'CR28-25'));
    await send(adt, A01(bare('QV7100359'), 'TESTMERGE', 'CR28-26'));
    // every request answered (503): sentAlone throws on the transient answer before `p.answered` is set
    await links.server.setFault({ kind: 'down', forMs: 60_000, how: '503' });
    await expect(send(other, A01(bare('QV7100351'), 'TESTMERGE', 'CR28-27'))).rejects.toThrow();
    expect(links.server.requests.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    await noneRegistered();
    await links.server.setFault(null); // the outage ends now, whatever the machine's speed
    await send(adt, A40(bare('QV7100351'), bare('QV7100359'), 'CR28-28'));
    expect(linkTypes(holding('QV7100351')[0])).toEqual(['replaces']);
  });

  it('a request that may have left (socket closed after the server read it) stays registered, yet the merge waits one request timeout at most, not the registration\'s whole time', async () => {
    // the merging channel's timeout bounds its wait (it is waited out once: 15 s); the other channel's registration
    // lasts several of its own timeouts (fhir-destination.ts: timeoutMs × (5 × entries + 2 + merge depth)), so over
    // an hour here: a merge ending within one of those timeouts was not held by the registration's whole time
    const MERGE_TIMEOUT = 15_000;
    const OTHER_TIMEOUT = 600_000;
    const adt = channel(MERGE_TIMEOUT);
    const other = channel(OTHER_TIMEOUT);
    await send(adt, A01(bare('QV7100451'), 'TESTMERGE', 'CR28-35'));
    await send(adt, A01(bare('QV7100459'), 'TESTMERGE', 'CR28-36'));
    // the server reads the other channel's transaction, then drops the connection unanswered: it may have been applied
    await links.server.setFault({ kind: 'close', times: 1 });
    await expect(send(other, A01(bare('QV7100451'), 'TESTMERGE', 'CR28-37'))).rejects.toThrow();
    expect(await registered()).toBe(1);
    const until = await registeredUntil();
    const before = links.server.requests.length;
    const merging = Date.now();
    await send(adt, A40(bare('QV7100451'), bare('QV7100459'), 'CR28-38'));
    expect(linkTypes(holding('QV7100451')[0])).toEqual(['replaces']);
    // the merge waited (it re-read its Patients once) but ended before the racing registration did: its wait is
    // bounded by one request timeout, not by the registration's time (many of the other's timeouts)
    // (the read of the retired record alone before the send is R62-L2's, for its held identifiers)
    expect(reReads(before).filter((r) => !r.path.endsWith(`Patient?_id=${String(holding('QV7100459')[0]?.id)}`))).toHaveLength(1);
    expect(Date.now()).toBeLessThan(until);
    expect(Date.now() - merging).toBeLessThan(OTHER_TIMEOUT);
  });

  it('control: a message the server answered 503 is released at once, and the merge goes without waiting', async () => {
    const adt = channel(TIMEOUT);
    const other = channel(TIMEOUT);
    await send(adt, A01(bare('QV7100401'), 'TESTMERGE', 'CR28-31'));
    await send(adt, A01(bare('QV7100409'), 'TESTMERGE', 'CR28-32'));
    await links.server.setFault({ kind: 'down', forMs: 60_000, how: '503' });
    await expect(send(other, A01(bare('QV7100401'), 'TESTMERGE', 'CR28-33'))).rejects.toThrow();
    await noneRegistered();
    await links.server.setFault(null); // the outage ends now, whatever the machine's speed
    await send(adt, A40(bare('QV7100401'), bare('QV7100409'), 'CR28-34'));
    expect(linkTypes(holding('QV7100401')[0])).toEqual(['replaces']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR28-3 [docs/destinations.md "one MULTI per Bundle that PUTs a Patient"; held-links.ts "A Patient never
// linked costs one set lookup per Bundle that PUTs it"] since CR27-2 every such Bundle also releases its
// registration: a second round trip per message, on every channel, linked or not
// ---------------------------------------------------------------------------------------------------
describe('CR28-3 the Redis cost of a Patient PUT of a never-linked patient', () => {
  /** Round trips the destination's own connection makes while `work` runs: a MULTI…EXEC is one, any other command one. */
  async function roundTrips(connection: Redis, work: () => Promise<unknown>): Promise<string[]> {
    const own = `${String(connection.stream.localAddress)}:${String(connection.stream.localPort)}`.replace(/^::ffff:/, '');
    // Not links.redis.monitor(): ioredis marks a connection monitoring only once MONITOR's OK is handled, so other
    // clients' lines read with the OK are taken for replies ("Command queue state error" under load). Its own
    // connection, as test/http/scale.redis.test.ts; lines before the work are not this connection's anyway.
    const monitor = new Redis(REDIS_URL, { monitor: true, lazyConnect: true, maxRetriesPerRequest: 1 });
    monitor.on('error', () => undefined);
    const monitoring = new Promise((resolve) => monitor.once('monitoring', resolve));
    await monitor.connect();
    await monitoring;
    const seen: string[] = [];
    const marker = `${links.prefix}:end-of-work`;
    let sawMarker: () => void = () => undefined;
    const markerSeen = new Promise<void>((resolve) => (sawMarker = resolve));
    let inMulti = false;
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (!source.endsWith(own)) return;
      const command = String(args[0]).toLowerCase();
      if (command === 'echo' && String(args[1]) === marker) return sawMarker();
      if (command === 'multi') inMulti = true;
      if (!inMulti && command !== 'ping') seen.push(command);
      if (command === 'exec') {
        inMulti = false;
        seen.push('multi…exec');
      }
    });
    try {
      await work();
      // MONITOR reports commands in the order Redis ran them: once this connection's marker (sent after the work, and
      // left out of the list) is reported, so is everything the connection sent before it, however long that takes.
      await connection.echo(marker);
      await markerSeen;
    } finally {
      monitor.disconnect();
    }
    return seen;
  }

  it('an A08 of a patient never linked makes one Redis round trip (one MULTI), as docs/destinations.md states', async () => {
    const connection = new Redis(REDIS_URL);
    await connection.ping();
    try {
      const pusher = links.channel({}, { client: connection, releaseIdleMs: 600_000 });
      await send(pusher, A01(bare('QV7100501'), 'TESTMERGE', 'CR28-41'));
      const trips = await roundTrips(connection, () => send(pusher, A08(bare('QV7100501'), 'CR28-42')));
      expect(trips).toEqual(['multi…exec']);
    } finally {
      connection.disconnect();
    }
  });

  it('control: a Bundle without a Patient PUT makes no Redis request', async () => {
    const connection = new Redis(REDIS_URL);
    await connection.ping();
    try {
      const pusher = links.channel({}, { client: connection, releaseIdleMs: 600_000 });
      const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:5b1c0f55-9a43-4f7e-8d71-2f6f3a0c2801', resource: { resourceType: 'Organization', id: 'qv-org-1', name: 'Quillvale Test Lab' }, request: { method: 'PUT', url: 'Organization/qv-org-1' } }] };
      const trips = await roundTrips(connection, () => pusher.deliver(bundle, never));
      expect(trips).toEqual([]);
    } finally {
      connection.disconnect();
    }
  });
});
