/**
 * The store against both databases with one table of cases: PostgreSQL (a fresh database) and
 * PGlite (a fresh data directory). Events go in through writeBatch, the writer's transaction body
 * (the Redis outbox around it has its own tests in writer.redis.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMessageStore, type MessageStore } from '../../src/store/index.js';
import { writeBatch } from '../../src/store/write-batch.js';
import { migrate } from '../../src/store/migrations.js';
import { newEventId } from '../../src/store/outbox.js';
import { indexKeysFrom } from '../../src/store/blind-index.js';
import { createKeyring } from '../../src/security/seal.js';
import type { QueuedEvent, StoreEvent } from '../../src/store/types.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { adt, BACKENDS, sealAs, testIndexKeys, testKeyring, type TestDb } from '../support/store.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function q<E extends StoreEvent>(e: E): QueuedEvent {
  return { ...e, eventId: e.eventId ?? newEventId() } as QueuedEvent;
}

function received(channelId: string, messageId: string, raw: string, at: number, extra: Partial<Extract<StoreEvent, { kind: 'received' }>> = {}): QueuedEvent {
  const controlId = raw.split('\r')[0]!.split('|')[9]!;
  const type = raw.split('\r')[0]!.split('|')[8]!.split('^').slice(0, 2).join('^');
  return q({
    kind: 'received', messageId, channelId, at: iso(at), receivedAt: iso(at),
    source: { kind: 'mllp', peer: '10.1.2.3' }, contentType: 'hl7v2',
    header: { messageType: type, controlId, sendingApplication: 'EPICADT', sendingFacility: 'GOODHEALTH', version: '2.5.1' },
    raw: sealAs(raw, channelId, messageId, 'message'), ack: { code: 'AA', at: iso(at) },
    ...extra,
  });
}

describe.each(BACKENDS)('message store on $name', ({ open }) => {
  let t: TestDb;
  let store: MessageStore;
  const keyring = testKeyring();
  const indexKeys = testIndexKeys();
  const write = (events: QueuedEvent[], keys = indexKeys) => t.db.transaction((tx) => writeBatch(tx, events, { keyring, indexKeys: keys }));
  const now = Date.now();

  beforeAll(async () => {
    t = await open();
    store = await openMessageStore({ db: t.db, keyring, indexKeys });
  }, 120_000);
  afterAll(async () => t?.drop());

  it('migrates once: a second run (and a concurrent one) applies nothing', async () => {
    expect(store.migrations.applied).toEqual([1]);
    const again = await Promise.all([migrate(t.db), migrate(t.db)]);
    expect(again.map((r) => r.applied)).toEqual([[], []]);
    expect((await t.db.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
  });

  it('stores a completed message with its trail and finds it by control id and MRN', async () => {
    const raw = adt({ controlId: 'CTL-1', mrn: 'MRN100', authority: 'GOODHEALTH' });
    const id = 'lab.aaa1';
    const attempt = q({ kind: 'attempt', messageId: id, channelId: 'lab', at: iso(now + 20), stage: 'deliver', attempt: 1, durationMs: 12, destinationId: 'fhir', outcome: 'success', httpStatus: 200 });
    const r = await write([
      received('lab', id, raw, now),
      q({ kind: 'result', messageId: id, channelId: 'lab', at: iso(now + 10), result: sealAs('{"resourceType":"Bundle"}', 'lab', id, 'result'), report: { resourceType: 'OperationOutcome', issue: [{ location: ['PID-8'] }] }, resourceCount: 3 }),
      attempt,
      q({ kind: 'completed', messageId: id, channelId: 'lab', at: iso(now + 30), attempts: 1 }),
    ]);
    expect(r).toEqual({ stored: 4, messages: 1 });
    const m = await store.get(id);
    expect(m).toMatchObject({ messageId: id, channelId: 'lab', status: 'completed', controlId: 'CTL-1', messageType: 'ADT^A01', ackCode: 'AA', sourceKind: 'mllp', peer: '10.1.2.3', resources: 3, unmapped: 1, attempts: 1, parts: ['message', 'result'] });
    expect(m!.receivedAt.getTime()).toBe(now);
    expect(m!.report).toEqual({ resourceType: 'OperationOutcome', issue: [{ location: ['PID-8'] }] });
    expect(m!.trail.map((e) => e.kind)).toEqual(['received', 'result', 'attempt', 'completed']);
    expect(m!.trail[2]).toMatchObject({ eventId: attempt.eventId, stage: 'deliver', destinationId: 'fhir', outcome: 'success', httpStatus: 200, durationMs: 12 });
    for (const query of [{ controlId: 'CTL-1' }, { controlId: 'ctl-1' }, { mrn: 'MRN100^GOODHEALTH' }, { mrn: 'mrn100' }, { name: 'EVERWOOD' }, { name: 'everwood^marguerite' }, { messageId: id }]) {
      expect((await store.search(query)).items.map((i) => i.messageId), JSON.stringify(query)).toEqual([id]);
    }
    for (const query of [{ controlId: 'CTL-2' }, { mrn: 'MRN100^OTHER' }, { mrn: 'MRN10' }, { name: 'Everwood^Thomas' }]) {
      expect((await store.search(query)).items, JSON.stringify(query)).toEqual([]);
    }
  });

  it('opens content only with an audit row written first', async () => {
    const raw = adt({ controlId: 'CTL-VIEW' });
    await write([received('lab', 'lab.view', raw, now)]);
    const view = await store.readContent('lab.view', { part: 'message' }, 'alice');
    expect(view?.bytes.toString()).toBe(raw);
    expect(view?.role).toBe('message');
    expect(await store.readContent('lab.view', { part: 'result' }, 'alice')).toBeUndefined();
    const log = await store.auditLog({ messageId: 'lab.view' });
    expect(log.map((a) => [a.actor, a.action, a.part])).toEqual([
      ['alice', 'view', 'result'],
      ['alice', 'view', 'message'],
    ]);
    await store.audit({ actor: 'bob', action: 'view', messageId: 'lab.view', part: 'message', outcome: 'denied' });
    expect((await store.auditLog({ actor: 'bob' })).map((a) => a.outcome)).toEqual(['denied']);
    expect((await store.auditLog({ since: new Date(Date.now() + DAY) })).length).toBe(0);
  });

  it('writes a batch delivered twice once: no double counts, no second trail entry', async () => {
    const raw = adt({ controlId: 'CTL-DUP', mrn: 'MRN200' });
    const batch = [
      received('adt', 'adt.dup', raw, now),
      q({ kind: 'duplicate', messageId: 'adt.dup', channelId: 'adt', at: iso(now + 5), peer: '10.1.2.3' }),
      q({ kind: 'conflict', messageId: 'adt.dup', channelId: 'adt', at: iso(now + 6), relatedMessageId: 'adt.other' }),
    ];
    expect((await write(batch)).stored).toBe(3);
    const dup = q({ kind: 'duplicate', messageId: 'adt.dup', channelId: 'adt', at: iso(now + 7) });
    // the same batch again (a crash after commit, before XACK), plus one new resend repeated in it
    expect((await write([...batch, dup, dup])).stored).toBe(1);
    const m = await store.get('adt.dup');
    expect({ duplicates: m!.duplicates, conflicts: m!.conflicts, trail: m!.trail.length }).toEqual({ duplicates: 2, conflicts: 1, trail: 4 });
    expect(m!.trail.find((e) => e.kind === 'conflict')?.relatedId).toBe('adt.other');
  });

  it("opens a message's raw once: the worker's copy of the received event, already stored, is not opened again", async () => {
    const raw = adt({ controlId: 'CTL-ONCE', mrn: 'MRN-ONCE' });
    let opened = 0;
    const counting = { ...keyring, open: (...a: Parameters<typeof keyring.open>) => (opened++, keyring.open(...a)) };
    const writeCounting = (events: QueuedEvent[]) => t.db.transaction((tx) => writeBatch(tx, events, { keyring: counting, indexKeys }));
    const intake = received('adt', 'adt.once', raw, now, { eventId: 'received' });
    // the same event twice in one batch, then again with the worker's trail in a later batch
    await writeCounting([intake, { ...intake }]);
    expect(opened).toBe(1);
    const { ack: _ack, ...workerCopy } = intake as Extract<QueuedEvent, { kind: 'received' }>;
    await writeCounting([workerCopy, q({ kind: 'completed', messageId: 'adt.once', channelId: 'adt', at: iso(now + 9), attempts: 1 })]);
    expect(opened).toBe(1);
    expect((await store.get('adt.once'))!.status).toBe('completed');
    expect((await store.search({ mrn: 'MRN-ONCE' })).items.map((i) => i.messageId)).toEqual(['adt.once']);
  });

  it("keeps the ACK and the origin of a received event that comes after the worker's copy of it", async () => {
    // The flaky CI case of daemon-store.redis.test.ts: a reprocessed message read `completed` with
    // `origin: null` for good when the worker's events reached the writer first (one event id, so the
    // later copy, the one with the origin, was skipped as already stored). Intake's ACK likewise.
    const raw = adt({ controlId: 'CTL-LATEACK', mrn: 'MRN-LATEACK' });
    const full = received('adt', 'adt.lateack', raw, now, { eventId: 'received', origin: { messageId: 'adt.first', kind: 'reprocessed', actor: 'alice' } }) as Extract<QueuedEvent, { kind: 'received' }>;
    const { ack: _ack, origin: _origin, ...workerCopy } = full;
    await write([workerCopy, q({ kind: 'completed', messageId: 'adt.lateack', channelId: 'adt', at: iso(now + 9), attempts: 1 })]);
    expect(await store.get('adt.lateack')).toMatchObject({ status: 'completed', ackCode: null, origin: null });
    await write([full]);
    const m = await store.get('adt.lateack');
    expect(m).toMatchObject({ status: 'completed', ackCode: full.ack!.code, origin: { messageId: 'adt.first', kind: 'reprocessed' } });
    expect(m!.trail.filter((e) => e.kind === 'received')).toHaveLength(1);
  });

  it("keeps the ACK and the origin of a received event that follows the worker's copy in the same batch", async () => {
    // The reprocess endpoint enqueues, then appends its received event (with the origin): a fast
    // worker's copy can come first in the outbox and in the same writer batch, where the repeat was
    // dropped before the late-facts rule saw it (daemon-store.redis.test.ts, origin null for 60 s).
    const raw = adt({ controlId: 'CTL-SAMEBATCH', mrn: 'MRN-SAMEBATCH' });
    const full = received('adt', 'adt.samebatch', raw, now, { eventId: 'received', origin: { messageId: 'adt.first', kind: 'reprocessed', actor: 'alice' } }) as Extract<QueuedEvent, { kind: 'received' }>;
    const { ack: _ack, origin: _origin, ...workerCopy } = full;
    const done = q({ kind: 'completed', messageId: 'adt.samebatch', channelId: 'adt', at: iso(now + 9), attempts: 1 });
    await write([workerCopy, done, full]);
    const m = await store.get('adt.samebatch');
    expect(m).toMatchObject({ status: 'completed', ackCode: full.ack!.code, origin: { messageId: 'adt.first', kind: 'reprocessed' } });
    expect(m!.trail.filter((e) => e.kind === 'received')).toHaveLength(1);
    // the same on a row that already exists (an update, not an insert)
    const raw2 = adt({ controlId: 'CTL-SAMEBATCH2', mrn: 'MRN-SAMEBATCH2' });
    const full2 = received('adt', 'adt.samebatch2', raw2, now, { eventId: 'received', origin: { messageId: 'adt.first', kind: 'edited', actor: 'bob' } }) as Extract<QueuedEvent, { kind: 'received' }>;
    const { ack: _ack2, origin: _origin2, ...workerCopy2 } = full2;
    await write([q({ kind: 'status', messageId: 'adt.samebatch2', channelId: 'adt', at: iso(now + 1), status: 'processing' })]);
    await write([workerCopy2, q({ kind: 'completed', messageId: 'adt.samebatch2', channelId: 'adt', at: iso(now + 9), attempts: 1 }), full2]);
    expect(await store.get('adt.samebatch2')).toMatchObject({ status: 'completed', ackCode: full2.ack!.code, origin: { messageId: 'adt.first', kind: 'edited' } });
  });

  it('a received event delivered again does not set its status again over a later one of the same millisecond', async () => {
    // The heir of a killed writer re-reads the batch: the repeated received event brings its ACK
    // (kept) but not its 'received' status, which would tie with a completion stamped in the same ms.
    const raw = adt({ controlId: 'CTL-TIE', mrn: 'MRN-TIE' });
    const rec = received('adt', 'adt.tie', raw, now, { eventId: 'received' });
    const done = q({ kind: 'completed', messageId: 'adt.tie', channelId: 'adt', at: iso(now), attempts: 1 });
    await write([rec, done]);
    expect((await store.get('adt.tie'))!.status).toBe('completed');
    await write([rec]);
    expect((await store.get('adt.tie'))!.status).toBe('completed');
  });

  it('keeps quotes, backslashes, commas and braces in text as they were (columns travel as arrays)', async () => {
    const raw = adt({ controlId: 'CTL-ODD"\\,{}' });
    const odd = 'x"y\\z,{a} NULL';
    await write([
      received('adt', 'adt.odd', raw, now, { source: { kind: 'file', fileName: odd } }),
      q({ kind: 'reprocessed', messageId: 'adt.odd', channelId: 'adt', at: iso(now + 3), actor: 'o"b\\', reason: odd }),
    ]);
    const m = await store.get('adt.odd');
    expect({ controlId: m!.controlId, fileName: m!.fileName }).toEqual({ controlId: 'CTL-ODD"\\,{}', fileName: odd });
    expect(m!.trail.find((e) => e.kind === 'reprocessed')).toMatchObject({ actor: 'o"b\\', reason: odd });
    expect((await store.search({ controlId: 'CTL-ODD"\\,{}' })).items.map((i) => i.messageId)).toEqual(['adt.odd']);
  });

  it('keeps separators, empty strings and NULLs of text columns apart (text columns travel joined by US, NULL as RS)', async () => {
    const sep = 'a\x1fb\x1ec';
    // one batch of three messages: an empty file name, no file name, and one with both control characters
    await write([
      received('adt', 'adt.sep1', adt({ controlId: 'CTL-SEP1' }), now, { source: { kind: 'file', fileName: '' } }),
      received('adt', 'adt.sep2', adt({ controlId: 'CTL-SEP2' }), now + 1, { source: { kind: 'mllp' } }),
      received('adt', 'adt.sep3', adt({ controlId: 'CTL-SEP3' }), now + 2, { source: { kind: 'file', fileName: sep } }),
      q({ kind: 'reprocessed', messageId: 'adt.sep3', channelId: 'adt', at: iso(now + 3), actor: 'ops', reason: sep }),
      q({ kind: 'reprocessed', messageId: 'adt.sep2', channelId: 'adt', at: iso(now + 3), actor: 'ops', reason: '' }),
    ]);
    // a batch of one row whose text value is empty (one joined '' would read as no row at all)
    await write([received('adt', 'adt.sep4', adt({ controlId: 'CTL-SEP4' }), now + 4, { source: { kind: 'file', fileName: '' } })]);
    const got = await Promise.all(['adt.sep1', 'adt.sep2', 'adt.sep3', 'adt.sep4'].map((id) => store.get(id)));
    expect(got.map((m) => [m!.controlId, m!.fileName ?? null])).toEqual([['CTL-SEP1', ''], ['CTL-SEP2', null], ['CTL-SEP3', sep], ['CTL-SEP4', '']]);
    expect(got[2]!.trail.find((e) => e.kind === 'reprocessed')).toMatchObject({ actor: 'ops', reason: sep });
    expect(got[1]!.trail.find((e) => e.kind === 'reprocessed')).toMatchObject({ actor: 'ops', reason: '' });
    expect(got[0]!.trail.map((e) => e.kind)).toEqual(['received']);
  });

  it('takes events in any batch order: a stub row from a late attempt is completed by the received event', async () => {
    const raw = adt({ controlId: 'CTL-LATE', mrn: 'MRN300' });
    await write([q({ kind: 'attempt', messageId: 'adt.late', channelId: 'adt', at: iso(now + 50), stage: 'transform', outcome: 'success' })]);
    expect((await store.get('adt.late'))!.controlId).toBeNull();
    await write([received('adt', 'adt.late', raw, now - 1000)]);
    const m = await store.get('adt.late');
    expect(m).toMatchObject({ status: 'processing', controlId: 'CTL-LATE', sourceKind: 'mllp' });
    expect(m!.receivedAt.getTime()).toBe(now - 1000);
    expect((await store.search({ mrn: 'MRN300' })).items.map((i) => i.messageId)).toEqual(['adt.late']);
  });

  it('follows the newest status: dead-lettered with its code, then replayed by an operator', async () => {
    const raw = adt({ controlId: 'CTL-DLQ' });
    const fail = q({ kind: 'attempt', messageId: 'adt.dlq', channelId: 'adt', at: iso(now + 10), stage: 'deliver', outcome: 'permanent', httpStatus: 422, errorCode: 'DESTINATION_REJECTED', response: sealAs('{"resourceType":"OperationOutcome"}', 'adt', 'adt.dlq', 'outcome'), responseRole: 'outcome' });
    await write([received('adt', 'adt.dlq', raw, now), fail, q({ kind: 'dead_lettered', messageId: 'adt.dlq', channelId: 'adt', at: iso(now + 11), errorCode: 'DESTINATION_REJECTED' })]);
    expect((await store.search({ errorCode: 'DESTINATION_REJECTED' })).items.map((i) => i.messageId)).toEqual(['adt.dlq']);
    expect((await store.search({ status: 'dead_lettered' })).items.map((i) => i.messageId)).toEqual(['adt.dlq']);
    const trail = (await store.get('adt.dlq'))!.trail;
    expect(trail.find((e) => e.eventId === fail.eventId)).toMatchObject({ hasResponse: true, httpStatus: 422, outcome: 'permanent' });
    const response = await store.readContent('adt.dlq', { response: fail.eventId }, 'alice');
    expect(response?.bytes.toString()).toBe('{"resourceType":"OperationOutcome"}');
    // events of an older time do not win over the newer state
    await write([q({ kind: 'replayed', messageId: 'adt.dlq', channelId: 'adt', at: iso(now + 100), actor: 'alice', reason: 'destination fixed' }), q({ kind: 'status', messageId: 'adt.dlq', channelId: 'adt', at: iso(now + 1), status: 'processing' })]);
    const m = await store.get('adt.dlq');
    expect(m).toMatchObject({ status: 'replayed', errorCode: null });
    expect(m!.trail.find((e) => e.kind === 'replayed')).toMatchObject({ actor: 'alice', reason: 'destination fixed' });
    expect((await store.search({ errorCode: 'DESTINATION_REJECTED' })).items).toEqual([]);
  });

  it('links an edit-and-resend to its original', async () => {
    const raw = adt({ controlId: 'CTL-EDIT' });
    await write([
      received('adt', 'adt.edited', raw, now + 200, { rawRole: 'edited', raw: sealAs(raw, 'adt', 'adt.edited', 'edited'), origin: { messageId: 'adt.dlq', kind: 'edited', actor: 'alice', reason: 'fixed PID-7' } }),
      q({ kind: 'edited', messageId: 'adt.dlq', channelId: 'adt', at: iso(now + 200), actor: 'alice', reason: 'fixed PID-7', relatedMessageId: 'adt.edited' }),
    ]);
    const m = await store.get('adt.edited');
    expect(m).toMatchObject({ origin: { messageId: 'adt.dlq', kind: 'edited' }, parts: ['edited'] });
    expect((await store.readContent('adt.edited', { part: 'edited' }, 'alice'))?.bytes.toString()).toBe(raw);
    expect((await store.get('adt.dlq'))!.trail.find((e) => e.kind === 'edited')).toMatchObject({ actor: 'alice', relatedId: 'adt.edited' });
  });

  it('searches by type, channel, source and time, newest first, in keyset pages', async () => {
    const ids: string[] = [];
    const base = now - 10 * DAY;
    for (let i = 0; i < 5; i++) {
      const id = `page.${i}`;
      ids.push(id);
      await write([received('page', id, adt({ controlId: `P-${i}`, type: i % 2 ? 'ORU^R01^ORU_R01' : 'ADT^A08^ADT_A01' }), base + i * 1000, { source: { kind: i < 3 ? 'file' : 'mllp', fileName: `in${i}.hl7` } })]);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.search({ channel: 'page', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.messageId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await store.search({ channel: 'page', type: 'ORU^R01' })).items.map((i) => i.messageId)).toEqual(['page.3', 'page.1']);
    expect((await store.search({ channel: 'page', type: 'ADT' })).items.map((i) => i.messageId)).toEqual(['page.4', 'page.2', 'page.0']);
    expect((await store.search({ channel: 'page', source: 'file' })).items.map((i) => i.fileName)).toEqual(['in2.hl7', 'in1.hl7', 'in0.hl7']);
    const window = await store.search({ channel: 'page', since: new Date(base + 1000), until: new Date(base + 3000) });
    expect(window.items.map((i) => i.messageId)).toEqual(['page.2', 'page.1']);
  });

  it('purges content after keepDays and metadata after keepMetadataDays, per channel', async () => {
    const put = (ch: string, id: string, ageDays: number) => write([received(ch, id, adt({ controlId: id }), now - ageDays * DAY), q({ kind: 'result', messageId: id, channelId: ch, at: iso(now - ageDays * DAY + 1), result: sealAs('{}', ch, id, 'result') })]);
    await put('ret', 'ret.new', 1);
    await put('ret', 'ret.mid', 40);
    await put('ret', 'ret.old', 400);
    await put('ret2', 'ret2.mid', 40);
    const r = await store.purge({ channels: { ret2: { keepDays: 60 } }, batchSize: 1 });
    expect(r.messagesDeleted).toBeGreaterThanOrEqual(1);
    expect(await store.get('ret.old')).toBeUndefined();
    const mid = await store.get('ret.mid');
    expect(mid).toMatchObject({ parts: [], contentPurged: true });
    expect(mid!.trail.length).toBe(2);
    expect(await store.readContent('ret.mid', { part: 'message' }, 'alice')).toBeUndefined();
    expect((await store.search({ controlId: 'ret.mid' })).items.length).toBe(1);
    expect(await store.get('ret.new')).toMatchObject({ parts: ['message', 'result'], contentPurged: false });
    expect(await store.get('ret2.mid')).toMatchObject({ parts: ['message', 'result'], contentPurged: false });
    // a second run finds nothing more to do
    expect(await store.purge({ channels: { ret2: { keepDays: 60 } } })).toEqual({ contentPurged: 0, messagesDeleted: 0 });
    const stats = await store.stats();
    expect(stats.channels.find((c) => c.channelId === 'ret')).toMatchObject({ messages: 2, withContent: 1 });
    expect(stats.tables.map((x) => x.name)).toContain('messages');
    expect(stats.totalBytes).toBeGreaterThan(0);
  });

  it('re-indexes under a new index key; until then the old key still finds', async () => {
    const oldKey = Buffer.from('11'.repeat(16) + '2233445566778899aabbccddeeff0011', 'hex');
    const newKey = Buffer.from('99'.repeat(16) + 'aabbccddeeff00112233445566778899', 'hex');
    // the other tests' messages were sealed under the test key: the rotated keyring still holds it
    const ring = createKeyring(newKey, [oldKey, Buffer.from(TEST_KEY_HEX, 'hex')]);
    const oldIndex = indexKeysFrom({ dataKey: oldKey });
    const rotated = indexKeysFrom({ dataKey: newKey, oldDataKeys: [oldKey] });
    const raw = adt({ controlId: 'CTL-RK', mrn: 'MRN-RK' });
    const sealedOld = createKeyring(oldKey).seal(raw, { channelId: 'rk', messageId: 'rk.1', role: 'message' });
    await t.db.transaction((tx) => writeBatch(tx, [received('rk', 'rk.1', raw, now, { raw: sealedOld })], { keyring: createKeyring(oldKey), indexKeys: oldIndex }));
    const rotatedStore = await openMessageStore({ db: t.db, keyring: ring, indexKeys: rotated });
    const newOnly = await openMessageStore({ db: t.db, keyring: ring, indexKeys: { current: rotated.current, old: [] } });
    expect((await rotatedStore.search({ mrn: 'MRN-RK' })).items.length).toBe(1);
    expect((await newOnly.search({ mrn: 'MRN-RK' })).items.length).toBe(0);
    const r = await rotatedStore.reindex();
    expect(r.reindexed).toBeGreaterThanOrEqual(1);
    expect(r.unopenable).toBe(0);
    expect((await newOnly.search({ mrn: 'MRN-RK' })).items.map((i) => i.messageId)).toEqual(['rk.1']);
    expect((await rotatedStore.reindex()).reindexed).toBe(0);
  });

  it('holds no canary PHI in clear in any column of any store table', async () => {
    const canary = { family: 'Zzyzxcanary', given: 'Quorblat', mrn: 'CANARYMRN7781', ssn: '987-65-4329' };
    const raw = adt({ controlId: 'CTL-CANARY', mrn: canary.mrn, family: canary.family, given: canary.given, extraIds: `${canary.ssn}^^^USSSA^SS` });
    await write([received('canary', 'canary.1', raw, now), q({ kind: 'result', messageId: 'canary.1', channelId: 'canary', at: iso(now + 1), result: sealAs(JSON.stringify({ name: canary.family, id: canary.mrn }), 'canary', 'canary.1', 'result') })]);
    expect((await store.search({ mrn: canary.mrn })).items.length).toBe(1);
    const dump = await dumpAllColumns(t);
    expect(dump.length).toBeGreaterThan(1000);
    for (const v of Object.values(canary)) {
      expect(dump.toUpperCase()).not.toContain(v.toUpperCase());
    }
    // the check itself can see clear text: the control id is stored in clear on purpose
    expect(dump).toContain('CTL-CANARY');
  });
});

/** Every column of every row of every store table as text (bytea also as latin1), concatenated. */
export async function dumpAllColumns(t: TestDb): Promise<string> {
  const tables = (await t.db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.table_name);
  const out: string[] = [];
  for (const table of tables) {
    for (const row of (await t.db.query(`SELECT * FROM ${table}`)).rows) {
      for (const v of Object.values(row)) {
        if (Buffer.isBuffer(v)) out.push(v.toString('latin1'), v.toString('utf8'));
        else out.push(typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    }
  }
  return out.join('\n');
}
