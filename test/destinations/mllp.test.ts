/**
 * The MLLP destination against a receiver we did not write: python-hl7's asyncio MLLP server
 * (test/support/mllp-peer.py), over TCP, TLS and mutual TLS. Every answer is classified as the
 * contract says, the connection is dropped when the stream cannot be trusted, reconnects back off,
 * and one connection keeps the order of deliver() calls.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDestination, type DeliveryOutcome, type Destination } from '../../src/destinations/index.js';
import { makePki, type Pki } from '../support/certs.js';
import { memoryLogger } from '../support/log.js';
import { startMllpPeer, type MllpPeer } from '../support/mllp-peer.js';
import { adt, canary, failureOf } from './helpers.js';

let peer: MllpPeer;
const opened: Destination[] = [];
beforeAll(async () => {
  peer = await startMllpPeer();
});
afterAll(() => peer.stop());
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close?.();
});

function mllp(extra: Record<string, unknown> = {}, deps: Parameters<typeof createDestination>[1] = {}): Destination {
  const d = createDestination({ type: 'mllp', host: '127.0.0.1', port: peer.port, ackTimeoutMs: 5_000, ...extra } as never, deps);
  opened.push(d);
  return d;
}

const context = (signal: AbortSignal = new AbortController().signal) => ({ channelId: 'adt', messageId: 'm-1', destinationId: 'lab', signal });
const send = (d: Destination, controlId: string, signal?: AbortSignal): Promise<DeliveryOutcome> => d.deliver({ contentType: 'hl7v2', message: adt(controlId) }, context(signal));

describe('answers, classified', () => {
  it.each([
    ['AA1', 'AA'],
    ['CA1', 'CA'],
  ])('%s is delivered, with the ACK for sealing', async (controlId, code) => {
    const outcome = await send(mllp(), controlId);
    expect(outcome.ackCode).toBe(code);
    expect(outcome.response?.role).toBe('ack');
    expect(outcome.response?.body.toString('latin1')).toContain(`MSA|${code}|${controlId}`);
  });

  it.each([
    ['AE1', 'PermanentError', 'DESTINATION_REJECTED', 'answered AE'],
    ['CE1', 'PermanentError', 'DESTINATION_REJECTED', 'answered CE'],
    ['AR1', 'TransientError', 'DESTINATION_UNAVAILABLE', 'answered AR'],
    ['CR1', 'TransientError', 'DESTINATION_UNAVAILABLE', 'answered CR'],
    ['GARBAGE1', 'TransientError', 'DESTINATION_BAD_ACK', 'is not HL7'],
    ['MISMATCH1', 'TransientError', 'DESTINATION_BAD_ACK', 'MSA-2 is not the MSH-10 sent'],
  ])('%s → %s %s', async (controlId, name, code, detail) => {
    const { log, text } = memoryLogger('debug');
    const err = await failureOf(send(mllp({}, { log }), controlId));
    expect([err.name, err.code]).toEqual([name, code]);
    expect(err.message).toContain(detail);
    // The answer travels with the error for sealing (role ack), never in the text.
    expect((err.response as { role: string } | undefined)?.role).toBe('ack');
    for (const secret of [canary.family, canary.ssn]) {
      expect(err.message).not.toContain(secret);
      expect(text()).not.toContain(secret);
    }
  });

  it('logs a garbage answer with lengths and ids, not content', async () => {
    const { log, text } = memoryLogger('debug');
    await failureOf(send(mllp({}, { log }), 'GARBAGE2'));
    const line = JSON.parse(text().trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(line).toMatchObject({ channel: 'adt', destination: 'lab', messageId: 'm-1', answerBytes: 29 });
    expect(text()).not.toContain('acknowledgment"'); // the peer's text "this is not an acknowledgment" is not logged
  });

  it.each([
    [{ AE: 'transient' }, 'AE2', 'TransientError'],
    [{ AR: 'permanent' }, 'AR2', 'PermanentError'],
    [{ AA: 'permanent' }, 'AA2', 'PermanentError'],
  ])('ackRules %j turns %s into %s', async (ackRules, controlId, name) => {
    const err = await failureOf(send(mllp({ ackRules }), controlId));
    expect(err.name).toBe(name);
  });
});

describe('connection handling', () => {
  it('keeps one connection for consecutive messages', async () => {
    const d = mllp();
    for (const id of ['AAK1', 'AAK2', 'AAK3']) await send(d, id);
    const seen = await peer.receivedIds(['AAK1', 'AAK2', 'AAK3']);
    expect(new Set(seen.map((m) => m.connection)).size).toBe(1);
  });

  it('a silent peer times out (transient), the connection is dropped, and the next message goes on a new one', async () => {
    const d = mllp({ ackTimeoutMs: 300 });
    const err = await failureOf(send(d, 'SILENT1'));
    expect([err.name, err.code]).toEqual(['TransientError', 'DESTINATION_UNAVAILABLE']);
    expect(err.message).toContain('no answer within 300 ms');
    await send(d, 'AAS2');
    const [silent, after] = await peer.receivedIds(['SILENT1', 'AAS2']);
    expect(after!.connection).not.toBe(silent!.connection);
  });

  it('ackRules.timeout: permanent dead-letters a message that got no answer', async () => {
    const err = await failureOf(send(mllp({ ackTimeoutMs: 200, ackRules: { timeout: 'permanent' } }), 'SILENT2'));
    expect([err.name, err.code]).toEqual(['PermanentError', 'DESTINATION_REJECTED']);
  });

  it('a peer that closes without answering is transient, and the next message reconnects', async () => {
    const d = mllp();
    const err = await failureOf(send(d, 'CLOSE1'));
    expect(err.message).toContain('closed the connection before answering');
    expect((await send(d, 'AAC2')).ackCode).toBe('AA');
  });

  it('an extra frame (two ACKs for one message) taints the stream: the next message uses a new connection', async () => {
    const d = mllp();
    expect((await send(d, 'TWICE1')).ackCode).toBe('AA');
    expect((await send(d, 'AAT2')).ackCode).toBe('AA');
    const [first, second] = await peer.receivedIds(['TWICE1', 'AAT2']);
    expect(second!.connection).not.toBe(first!.connection);
  });

  it('an abort while waiting is transient and drops the connection', async () => {
    const controller = new AbortController();
    const pending = send(mllp(), 'SILENT3', controller.signal);
    setImmediate(() => controller.abort());
    const err = await failureOf(pending);
    expect(err.name).toBe('TransientError');
    expect(err.message).toContain('aborted');
  });

  it('an abort while waiting for the busy connection is transient too (never an unclassified error)', async () => {
    const d = mllp({ ackTimeoutMs: 2000 });
    const busy = send(d, 'SILENT4');
    const controller = new AbortController();
    const waiting = send(d, 'AAW1', controller.signal);
    controller.abort();
    const err = await failureOf(waiting);
    expect([err.name, err.message]).toEqual(['TransientError', expect.stringContaining('aborted while waiting for a connection')]);
    await failureOf(busy);
  });

  it('one connection delivers concurrent calls in call order, even when the peer is slow on some', async () => {
    const d = mllp();
    const ids = Array.from({ length: 12 }, (_, i) => (i % 4 === 0 ? `SLOW30O${i}` : `AAO${i}`));
    const outcomes = await Promise.all(ids.map((id) => send(d, id)));
    expect(outcomes.every((o) => o.ackCode === 'AA')).toBe(true);
    const seen = await peer.receivedIds(ids);
    expect(seen.map((m) => m.controlId)).toEqual(ids);
  });

  it('connections: 3 sends in parallel on three connections', async () => {
    const d = mllp({ connections: 3 });
    const ids = Array.from({ length: 9 }, (_, i) => `SLOW50P${i}`);
    await Promise.all(ids.map((id) => send(d, id)));
    const seen = await peer.receivedIds(ids);
    expect(new Set(seen.map((m) => m.connection)).size).toBe(3);
    expect(seen.map((m) => m.controlId).sort()).toEqual([...ids].sort());
  });
});

describe('reconnect with backoff (a clock we control)', () => {
  it('refuses fast while backing off, doubles the wait, and delivers once the peer is back', async () => {
    const down = await startMllpPeer();
    const port = down.port;
    await down.stop();
    let now = 1_000_000;
    const d = createDestination({ type: 'mllp', host: '127.0.0.1', port, reconnectBackoffMs: 1000, maxReconnectBackoffMs: 5000, ackTimeoutMs: 5000 } as never, { now: () => now });
    opened.push(d);
    const refused = await failureOf(send(d, 'AAB1'));
    expect([refused.name, refused.message]).toEqual(['TransientError', expect.stringContaining('ECONNREFUSED')]);
    now += 400;
    const waiting = await failureOf(send(d, 'AAB1'));
    expect(waiting.message).toContain('reconnecting in 600 ms');
    expect(waiting.retryAfterMs).toBe(600);
    now += 600;
    await failureOf(send(d, 'AAB1')); // second refusal: the wait doubles
    now += 1999;
    expect((await failureOf(send(d, 'AAB1'))).retryAfterMs).toBe(1);
    const back = await startMllpPeer({ port });
    try {
      now += 1;
      expect((await send(d, 'AAB1')).ackCode).toBe('AA');
      expect((await back.received(1)).map((m) => m.controlId)).toEqual(['AAB1']);
    } finally {
      await back.stop();
    }
  });
});

describe('TLS and mutual TLS', () => {
  let pki: Pki;
  let server: { cert: string; key: string };
  let client: { cert: string; key: string };
  beforeAll(() => {
    pki = makePki();
    server = pki.issue('peer', '127.0.0.1', 'server');
    client = pki.issue('hig', 'hig-sender', 'client');
  });

  it('delivers over TLS, verifying the peer against caFile', async () => {
    const tlsPeer = await startMllpPeer({ tls: server });
    try {
      const d = mllp({ port: tlsPeer.port, tls: { caFile: pki.caCert } });
      expect((await send(d, 'AATLS1')).ackCode).toBe('AA');
    } finally {
      await tlsPeer.stop();
    }
  });

  it('a peer certificate from another CA is a transient connect failure (nothing is sent)', async () => {
    const other = makePki();
    const tlsPeer = await startMllpPeer({ tls: server });
    try {
      const err = await failureOf(send(mllp({ port: tlsPeer.port, tls: { caFile: other.caCert } }), 'AATLS2'));
      expect(err.name).toBe('TransientError');
      expect(tlsPeer.messages).toEqual([]);
    } finally {
      await tlsPeer.stop();
    }
  });

  it('mutual TLS: refused without a client certificate, delivered with one', async () => {
    const mtlsPeer = await startMllpPeer({ tls: { ...server, ca: pki.caCert } });
    try {
      const without = await failureOf(send(mllp({ port: mtlsPeer.port, tls: { caFile: pki.caCert } }), 'AAM1'));
      expect(without.name).toBe('TransientError');
      const d = mllp({ port: mtlsPeer.port, tls: { caFile: pki.caCert, certFile: client.cert, keyFile: client.key } });
      expect((await send(d, 'AAM2')).ackCode).toBe('AA');
      expect((await mtlsPeer.received(1)).map((m) => m.controlId)).toEqual(['AAM2']);
    } finally {
      await mtlsPeer.stop();
    }
  });

  it('an unreadable certificate file fails at creation, naming the field', () => {
    expect(() => createDestination({ type: 'mllp', host: '127.0.0.1', port: 1, tls: { caFile: '/nonexistent/ca.pem' } })).toThrow('destination.tls.caFile');
  });
});

describe('payloads', () => {
  it('refuses a FHIR payload: the MLLP destination sends v2 only', async () => {
    const err = await failureOf(mllp().deliver({ contentType: 'fhir', bundle: {} }, context()));
    expect(err.name).toBe('PermanentError');
  });

  it('sends the bytes as given (8859/1 stays 8859/1)', async () => {
    const latin = Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ADT^A01|AAL1|P|2.5||||||8859/1\rPID|1||1||M\xfcller\r', 'latin1');
    expect((await mllp().deliver({ contentType: 'hl7v2', message: latin }, context())).ackCode).toBe('AA');
  });
});
