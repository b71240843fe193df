/**
 * The writer takes outbox entries stamped with its own event shape without validating them again,
 * and validates in full every entry of another shape (an older or newer hig, or none stamped).
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_SHAPE, parseEntry } from '../../src/store/outbox.js';

const good = [{ kind: 'completed', eventId: 't001.00.abcdefgh', messageId: 'adt.m1', channelId: 'adt', at: '2026-12-07T19:00:00.000Z', attempts: 1 }];
const badTime = [{ ...good[0], at: 'yesterday' }];

describe('outbox entry shape', () => {
  it('is a 16-hex digest, the same on every load of this build', () => {
    expect(ENTRY_SHAPE).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads an entry of its own shape as it is', () => {
    const r = parseEntry(['v', 'store.v1', 'h', ENTRY_SHAPE, 'e', JSON.stringify(good)]);
    expect(r).toEqual({ ok: true, events: good });
  });

  it('validates entries of another shape or none: a bad time is refused, naming the path', () => {
    for (const h of [[], ['h', '0123456789abcdef']]) {
      expect(parseEntry(['v', 'store.v1', ...h, 'e', JSON.stringify(good)])).toEqual({ ok: true, events: good });
      const r = parseEntry(['v', 'store.v1', ...h, 'e', JSON.stringify(badTime)]);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(/^0\.at: /);
    }
  });

  it('still refuses what is not a JSON array, and unknown contracts, whatever the shape says', () => {
    expect(parseEntry(['v', 'store.v1', 'h', ENTRY_SHAPE, 'e', '{not json'])).toEqual({ ok: false, reason: 'e is not JSON' });
    expect(parseEntry(['v', 'store.v1', 'h', ENTRY_SHAPE, 'e', '{"kind":"completed"}']).ok).toBe(false);
    expect(parseEntry(['v', 'store.v9', 'h', ENTRY_SHAPE, 'e', JSON.stringify(good)]).ok).toBe(false);
  });
});

describe('the received event keeps within the schema\'s lengths (CR36-7)', () => {
  it('a sender\'s over-long MSH-10, MSH-3 and file name are clipped, so the entry passes the full validation the trusted path skips', async () => {
    const { buildJob } = await import('../../src/intake.js');
    const { readHeader } = await import('../../src/hl7/header.js');
    const { receivedEvent } = await import('../../src/queue/store-trail.js');
    const { testChannel } = await import('../support/channel.js');
    const { keyring } = await import('../support/worker.js');
    const controlId = 'C'.repeat(300);
    const raw = Buffer.from(`MSH|^~\\&|${'A'.repeat(600)}|FAC|HIG|HIG|20261129083015||ADT^A08^ADT_A01|${controlId}|P|2.5.1\rPID|1||P1^^^HOSP^MR||Doe^Jane\r`);
    const h = readHeader(raw);
    if (!h.ok) throw new Error('the test message has no readable MSH');
    const job = buildJob(raw, h.header, testChannel({ id: 'clip' }), { source: 'file', fileName: `${'f'.repeat(1500)}.hl7` }, keyring);
    const event = { ...receivedEvent(job), eventId: 'received' };
    expect(event.header?.controlId).toBe('C'.repeat(200));
    expect(event.header?.sendingApplication).toBe('A'.repeat(500));
    expect(event.source.fileName).toHaveLength(1000);
    const r = parseEntry(['v', 'store.v1', 'e', JSON.stringify([event])]);
    expect(r.ok ? '' : r.reason).toBe('');
  });
});
