/**
 * Code review 27 (docs/codereview27.md): the held Patient links at the FHIR destination
 * (src/destinations/held-links.ts, review 33 R33-L1), delivered through the real FHIR destination to the
 * in-repo FHIR server (test/support/fhir-server.ts) with the linked-patient set in real Redis. Each
 * finding is an `it.fails` asserting the right outcome beside a control that passes. Expected values come
 * from the messages and FHIR R4 Patient.link (the survivor of a merge `replaces` the merged record; a
 * later PID speaks of no link) and held-links.ts's own module comment ("every channel delivering to the
 * server shares the set"). All names and MRNs are synthetic.
 *
 *   npx vitest run test/codereview27/held-links.redis.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import type { RecordedRequest } from '../support/fhir-server.js';
import { linkMessages, linkTypes, useHeldLinks } from '../support/held-links-fixture.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher } from '../destinations/push.js';


const { bare, A01, A40, A08 } = linkMessages({ sender: 'NRREG', facility: 'NRMC', given: 'HALCYON', birthDate: '19810704', address: '12 LARCH CT^^NORRIDGE^IL^60706^USA^H', location: 'W4^412^A', laterFamily: 'OSTRANDER' });

const links = useHeldLinks('cr27-links');
/** A channel's FHIR destination (its own pusher, as each channel's runtime has), sharing the install's Redis set. */
const channel = (baseUrl?: string, serverId?: string): BundlePusher => links.channel({ ...(baseUrl === undefined ? {} : { baseUrl }), ...(serverId === undefined ? {} : { serverId }) });
const send = (p: BundlePusher, message: string) => p.deliver(convertHl7v2(message).bundle, never);
const holding = (value: string) => links.holding(value);

// ---------------------------------------------------------------------------------------------------
// CR27-1 [FHIR R4 Patient.link; held-links.ts "every channel delivering to the server shares the set"]
// the set is marked before the merge is sent, and another channel's read in that window unmarks it
// ---------------------------------------------------------------------------------------------------
describe('CR27-1 a merge in flight on one channel, a message about the survivor on another', () => {
  it('the A40 survivor still `replaces` the merged record after an A08 that follows both (the survivor\'s ORU/ADT on another channel ran while the A40 was in flight)', async () => {
    const adt = channel();
    const other = channel();
    await send(adt, A01(bare('NR6100101'), 'OSTRANDER', 'CR27-01'));
    await send(adt, A01(bare('NR6100109'), 'OSTRANDER', 'CR27-02'));
    // barriers, not the clock: the A40's transaction (its first request: nothing of it is marked yet, so no read) is
    // held at the server while the other channel's message about the survivor runs up to its first answer (its read)
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let arrived = (_: RecordedRequest) => {};
    const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    await links.server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
    const merge = send(adt, A40(bare('NR6100101'), bare('NR6100109'), 'CR27-03'));
    const held = await atServer;
    // another channel (a lab feed's ORU, here an A08 of a second ADT channel) about the survivor, in that window:
    // the survivor is marked, the server holds her without links yet, so the set loses her
    const otherAnswered = links.server.answered((r) => r !== held);
    const late = send(other, A08(bare('NR6100101'), 'CR27-04'));
    await Promise.race([otherAnswered, late]);
    release();
    await late;
    await merge;
    const [survivor] = holding('NR6100101');
    expect(linkTypes(survivor)).toEqual(['replaces']);
    // the next message about her, on any channel
    await send(other, A08(bare('NR6100101'), 'CR27-05'));
    const [after] = holding('NR6100101');
    expect(linkTypes(after)).toEqual(['replaces']);
  });

  it('control: the same messages one after the other keep the link (R33-L1)', async () => {
    const adt = channel();
    const other = channel();
    await send(adt, A01(bare('NR6100201'), 'OSTRANDER', 'CR27-11'));
    await send(adt, A01(bare('NR6100209'), 'OSTRANDER', 'CR27-12'));
    await send(adt, A40(bare('NR6100201'), bare('NR6100209'), 'CR27-13'));
    await send(other, A08(bare('NR6100201'), 'CR27-14'));
    await send(other, A08(bare('NR6100201'), 'CR27-15'));
    const [survivor] = holding('NR6100201');
    expect(linkTypes(survivor)).toEqual(['replaces']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR27-2 [held-links.ts: "a link added since the read (another channel's merge) fails it (412)"] a Patient
// not marked when the other channel checked is PUT without a read and without ifMatch, after the merge
// ---------------------------------------------------------------------------------------------------
describe('CR27-2 a message about the survivor checked before the merge was marked, landing after it', () => {
  it('the survivor still `replaces` the merged record when the other channel\'s A08, read before the A40 was marked, reaches the server after it', async () => {
    const adt = channel();
    const other = channel();
    await send(adt, A01(bare('NR6100501'), 'OSTRANDER', 'CR27-41'));
    await send(adt, A01(bare('NR6100509'), 'OSTRANDER', 'CR27-42'));
    // barriers, not the clock: the A08's transaction (its only request: the survivor is not marked yet, so no
    // read and no ifMatch) is held at the server until the A40 has been answered
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let arrived = (_: RecordedRequest) => {};
    const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    // (the transaction's POST: the A08's read of its visit's held status, held-status.ts, goes before it)
    await links.server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
    const late = send(other, A08(bare('NR6100501'), 'CR27-43'));
    const held = await atServer;
    expect(held.method).toBe('POST');
    const mergeAnswered = links.server.answered((r) => r.method === 'POST' && r !== held);
    const merge = send(adt, A40(bare('NR6100501'), bare('NR6100509'), 'CR27-44'));
    await mergeAnswered;
    expect(linkTypes(holding('NR6100501')[0])).toEqual(['replaces']);
    release();
    await late;
    await merge;
    expect(linkTypes(holding('NR6100501')[0])).toEqual(['replaces']);
    // one read of the merge's Patients after the race, one restoring PUT under If-Match (the read of the retired
    // record alone before the send is R62-L2's, for its held identifiers: held-elements.ts)
    const retiredRead = `Patient?_id=${String(holding('NR6100509')[0]?.id)}`;
    const reads = links.server.requests.filter((r) => r.method === 'GET' && r.path.includes('Patient?_id=') && !r.path.endsWith(retiredRead));
    expect(reads).toHaveLength(1);
    const restores = links.server.requests.filter((r) => r.method === 'PUT' && r.path.includes('/Patient/'));
    expect(restores.map((r) => typeof r.headers['if-match'])).toEqual(['string']);
  });

  it('the merge with no Patient PUT being sent at its mark reads nothing after it is stored', async () => {
    const adt = channel();
    await send(adt, A01(bare('NR6100701'), 'OSTRANDER', 'CR27-61'));
    await send(adt, A01(bare('NR6100709'), 'OSTRANDER', 'CR27-62'));
    links.server.requests.length = 0;
    await send(adt, A40(bare('NR6100701'), bare('NR6100709'), 'CR27-63'));
    // [R62-L2] one read before the send, of the record the merge retires (its held identifiers); none after
    expect(links.server.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(links.server.requests[0]?.path).toContain(`Patient?_id=${String(holding('NR6100709')[0]?.id)}`);
  });

  it('control: the A08 landing before the A40 is sent (no overlap) leaves the merge its link', async () => {
    const adt = channel();
    const other = channel();
    await send(adt, A01(bare('NR6100601'), 'OSTRANDER', 'CR27-51'));
    await send(adt, A01(bare('NR6100609'), 'OSTRANDER', 'CR27-52'));
    await send(other, A08(bare('NR6100601'), 'CR27-53'));
    await send(adt, A40(bare('NR6100601'), bare('NR6100609'), 'CR27-54'));
    expect(linkTypes(holding('NR6100601')[0])).toEqual(['replaces']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR27-3 [held-links.ts, redis/keys.ts linkedPatientsKey: "every channel delivering to that server shares
// the set"] the set is keyed by the base URL as written: one server spelled two ways is two sets
// ---------------------------------------------------------------------------------------------------
describe('CR27-3 one FHIR server configured under two spellings of its base URL', () => {
  const localhost = () => links.server.url.replace('127.0.0.1', 'localhost');
  /** The same URL as another spelling (RFC 3986 6.2.2): the scheme's case, a trailing slash (the other spellings: test/destinations/fhir-server-name.test.ts). */
  const respelt = () => `${links.server.url.replace('http://', 'HTTP://')}/`;

  it('the merge sent by the channel configured with one spelling survives the A08 of the channel configured with another spelling of the same URL', async () => {
    const adt = channel();
    const lab = channel(respelt());
    await send(adt, A01(bare('NR6100301'), 'OSTRANDER', 'CR27-21'));
    await send(adt, A01(bare('NR6100309'), 'OSTRANDER', 'CR27-22'));
    await send(adt, A40(bare('NR6100301'), bare('NR6100309'), 'CR27-23'));
    await send(lab, A08(bare('NR6100301'), 'CR27-24'));
    const [survivor] = holding('NR6100301');
    expect(linkTypes(survivor)).toEqual(['replaces']);
  });

  it('127.0.0.1 and localhost, two texts, share the set when both destinations name the server by one serverId', async () => {
    const adt = channel(links.server.url, 'nr-fhir');
    const lab = channel(localhost(), 'nr-fhir');
    await send(adt, A01(bare('NR6100801'), 'OSTRANDER', 'CR27-71'));
    await send(adt, A01(bare('NR6100809'), 'OSTRANDER', 'CR27-72'));
    await send(adt, A40(bare('NR6100801'), bare('NR6100809'), 'CR27-73'));
    await send(lab, A08(bare('NR6100801'), 'CR27-74'));
    const [survivor] = holding('NR6100801');
    expect(linkTypes(survivor)).toEqual(['replaces']);
  });

  it('control: both channels configured with the same spelling keep it', async () => {
    const adt = channel();
    const lab = channel();
    await send(adt, A01(bare('NR6100401'), 'OSTRANDER', 'CR27-31'));
    await send(adt, A01(bare('NR6100409'), 'OSTRANDER', 'CR27-32'));
    await send(adt, A40(bare('NR6100401'), bare('NR6100409'), 'CR27-33'));
    await send(lab, A08(bare('NR6100401'), 'CR27-34'));
    const [survivor] = holding('NR6100401');
    expect(linkTypes(survivor)).toEqual(['replaces']);
  });
});
