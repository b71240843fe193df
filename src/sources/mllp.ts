/**
 * MLLP source: TCP (or TLS) listener → frame codec → intake → ACK, one connection at a time per
 * socket, answers written in the order the messages arrived. Connection state lives in
 * handleConnection's closure, never on the listener.
 */
import net from 'node:net';
import tls from 'node:tls';
import { serverTlsPolicy } from '../security/tls.js';
import { readFileSync } from 'node:fs';
import { CERT_POLL_MS, reloadCertificatesOnChange } from '../security/cert-reload.js';
import type { Duplex } from 'node:stream';
import type { Channel, MllpSource } from '../config/channel.js';
import { createMllpDecoder, encodeFrame, type DecoderEvent } from '../hl7/mllp.js';
import { ackForReceipt, createAcceptAckTemplate, shouldSendAcceptAck } from '../hl7/ack.js';
import { randomFromPool } from '../security/seal.js';
import { clientCommonNames, commonNameAllowed } from '../security/client-cert.js';
import { ACK_TABLE } from '../hl7/ack-table.js';
import { readHeader } from '../hl7/header.js';
import { CATALOGUE } from '../errors.js';
import { intakeHl7, prepareHl7, type IntakeDeps, type PreparedHl7, type Receipt } from '../intake.js';
import { ackTimer, trackConnection } from '../metrics.js';
import { createConnectionGate } from './connection-gate.js';

/**
 * A read at least this large means the sender has more bytes waiting: the connection yields (its
 * socket paused until the next event-loop turn) so that libuv's up to 32 reads of 64 KiB per socket
 * and turn cannot give one bulk sender megabytes of work before anyone else's bytes or Redis
 * replies are looked at. Six connections streaming 0x1C held each turn for 6 x 2 MiB of reads
 * (issue 13: a valid sender's ACK p99 56-230 ms in the flood bench). HL7 messages of everyday size
 * arrive in smaller reads and never yield.
 */
const YIELD_READ_BYTES = 32 * 1024;

/**
 * The in-flight budget of one listener, shared fairly between its busy connections (review R3:
 * six connections resending one valid message, 64 in flight each, made another sender's ACK p99
 * 1.2 s). A connection is busy while it has frames in intake or waiting to be taken; each may hold
 * max(1, floor(maxInFlight / busy connections)) in flight. A sender alone keeps the whole budget;
 * with seven busy, each gets 9 of 64, so a new message never waits behind more than the budget.
 */
export interface InFlightShare {
  /** The most frames `conn` may have in flight now. */
  limit(conn: object): number;
  busy(conn: object, isBusy: boolean): void;
}

export function createInFlightShare(maxInFlight: number): InFlightShare {
  const busy = new Set<object>();
  return {
    limit: (conn) => Math.max(1, Math.floor(maxInFlight / Math.max(1, busy.size + (busy.has(conn) ? 0 : 1)))),
    busy: (conn, isBusy) => {
      if (isBusy) busy.add(conn);
      else busy.delete(conn);
    },
  };
}
/**
 * Answers queued on a socket past which its frames wait: a sender that does not read its ACKs
 * must not make the daemon buffer them without bound (empty frames cost 3 bytes and get ~180).
 */
const MAX_QUEUED_ANSWER_BYTES = 1024 * 1024;
/** How long a connection we ended may take to close its side before it is cut (see endConnection). */
const CLOSE_GRACE_MS = 5_000;
/**
 * Refusals of one connection logged one line each; past it they are counted and logged as one line
 * a minute and one at close. Three bytes (an empty frame) must not buy a log line (review R2).
 */
const LOGGED_REFUSALS_PER_CONNECTION = 20;
const REFUSAL_SUMMARY_MS = 60_000;

export type MllpChannel = Channel & { source: MllpSource };

export interface ConnectionFacts {
  remoteAddress?: string;
  /**
   * The channel's version now (hot reload, src/lifecycle): accept rules, queue and destinations
   * changed in the file apply to the next message of an open connection. A changed source block
   * rebinds the listener instead, so the framing settings are the connection's own.
   */
  current?: () => MllpChannel;
  /** The listener's in-flight budget shared with its other connections; without it, the connection has source.maxInFlight to itself. */
  share?: InFlightShare;
}

/**
 * Turns a receipt into the ACK bytes to send, or undefined when enhanced mode says stay silent.
 * `accept`: the connection's template for positive ACKs (same text as buildAck, built cheaper).
 */
export function ackBytesFor(receipt: Receipt, channel: MllpChannel, now = Date.now(), accept?: ReturnType<typeof createAcceptAckTemplate>): Buffer | undefined {
  const header = receipt.header;
  const enhanced = channel.source.ackMode === 'enhanced';
  const stored = receipt.situation === 'stored';
  if (enhanced && !shouldSendAcceptAck(header?.acceptAckType ?? '', stored)) return undefined;
  // A fresh MSH-10 for the ACK: 80 random bits, from the pooled generator.
  const controlId = randomFromPool(10).toString('hex');
  // latin1: header values were read as latin1
  if (stored && header && accept) return encodeFrame(accept(header, ACK_TABLE.stored[channel.source.ackMode], controlId, now), 'latin1');
  return encodeFrame(ackForReceipt(receipt, channel.source.ackMode, controlId, new Date(now)), 'latin1');
}

export function handleConnection(socket: Duplex, channel: MllpChannel, deps: IntakeDeps, facts: ConnectionFacts = {}): void {
  const log = deps.log.child({ channel: channel.id, remote: facts.remoteAddress });
  const decoder = createMllpDecoder({ maxFrameBytes: channel.source.maxMessageBytes });
  let tail: Promise<void> = Promise.resolve();
  let armIdle = (): void => undefined;
  let inFlight = 0;
  let closing = false;
  const share = facts.share ?? createInFlightShare(channel.source.maxInFlight);
  const me = {};
  /** set from a large read until the next event-loop turn (YIELD_READ_BYTES) */
  let yielding = false;
  /** set while the per-connection rate limit holds the socket paused */
  let throttledUntil = 0;
  // Frames decoded from a chunk but not yet taken in. One chunk can hold ~21,000 empty frames:
  // taking them all at once let one sender monopolise the event loop (review R1), so a connection
  // takes frames only while it is under its in-flight limit, its rate and its answer budget.
  let held: DecoderEvent[] = [];
  let heldAt = 0;
  const mayTake = () =>
    !closing && inFlight < share.limit(me) && Date.now() >= throttledUntil && socket.writableLength < MAX_QUEUED_ANSWER_BYTES;
  const updateBusy = () => share.busy(me, !closing && (inFlight > 0 || heldAt < held.length));
  let takeEvent = (_event: DecoderEvent): void => undefined;
  const takeHeld = () => {
    while (heldAt < held.length && mayTake()) takeEvent(held[heldAt++]!);
    if (heldAt >= held.length && held.length > 0) {
      held = [];
      heldAt = 0;
    }
    updateBusy();
  };
  const maybeResume = () => {
    takeHeld();
    if (held.length === 0 && mayTake() && !yielding) socket.resume();
  };
  // Answers settle in microtasks: taking the next held frame from there would run a whole chunk
  // of refusals before any other socket or Redis reply gets a turn. Take them in the next loop turn.
  let resumeScheduled = false;
  const scheduleResume = () => {
    if (resumeScheduled) return;
    resumeScheduled = true;
    setImmediate(() => {
      resumeScheduled = false;
      maybeResume();
    });
  };
  const ipAddress = facts.remoteAddress;
  const sourceFacts = { source: 'mllp' as const, ...(ipAddress ? { ipAddress } : {}) };

  let refusals = 0;
  /** refusals counted but not logged since `unloggedSince`, by code */
  let unlogged: Partial<Record<string, number>> = {};
  let unloggedCount = 0;
  let unloggedSince = 0;
  const flushRefusals = () => {
    if (unloggedCount === 0) return;
    log.warn({ refused: unloggedCount, codes: unlogged }, 'messages refused on this connection, not logged one by one');
    unlogged = {};
    unloggedCount = 0;
  };
  const logRefusal = (r: Exclude<Receipt, { situation: 'stored' }>) => {
    if (++refusals <= LOGGED_REFUSALS_PER_CONNECTION) {
      log.info({ controlId: r.header?.controlId, code: r.code, location: r.location }, 'message refused');
      return;
    }
    if (unloggedCount === 0) unloggedSince = Date.now();
    unlogged[r.code] = (unlogged[r.code] ?? 0) + 1;
    unloggedCount++;
    if (Date.now() - unloggedSince >= REFUSAL_SUMMARY_MS) flushRefusals();
  };

  const accept = createAcceptAckTemplate();
  // The ACKs answered in one pass of the event loop (a batch of adds settles together) leave in
  // one write: cork at the first, uncork once this tick's callbacks are done.
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const write = (bytes: Buffer | undefined) => {
    if (!bytes || socket.destroyed || !socket.writable) return;
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    socket.write(bytes);
  };

  // The last frame of this connection whose intake waits for its preparation (prepareHl7), settled
  // once that intake has started; undefined when none waits.
  let pendingStart: Promise<void> | undefined;
  const startIntake = (frame: Buffer): Promise<Receipt> => {
    const start = (prepared?: PreparedHl7) => intakeHl7(frame, facts.current?.() ?? channel, sourceFacts, deps, prepared);
    const prep = prepareHl7(frame, deps.keyring);
    if (prep === undefined && pendingStart === undefined) return start();
    // A large frame is compressed on the threadpool while the loop answers others. Its
    // intake, and that of every later frame of this connection, starts only after the earlier
    // frames' did: jobs are enqueued in arrival order (per-patient order of a pipelining sender).
    const launched = Promise.all([pendingStart, prep]).then(([, prepared]) => ({ receipt: start(prepared) }));
    const mark = launched.then(
      () => undefined,
      () => undefined,
    );
    pendingStart = mark;
    void mark.then(() => {
      if (pendingStart === mark) pendingStart = undefined;
    });
    return launched.then((l) => l.receipt);
  };

  const acceptFrame = (frame: Buffer) => {
    inFlight++;
    const acked = ackTimer(channel.id, 'mllp', channel.source.ackMode === 'enhanced');
    if (inFlight >= share.limit(me)) socket.pause();
    const receipt = startIntake(frame).catch(
      (err: unknown): Receipt => {
        log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'intake failed unexpectedly');
        return { situation: 'unavailable', code: 'INTERNAL', detail: CATALOGUE.INTERNAL.summary };
      },
    );
    // Answers go out in arrival order even though intakes may finish out of order.
    tail = tail.then(async () => {
      const r = await receipt;
      const ack = ackBytesFor(r, channel, Date.now(), accept);
      write(ack);
      acked(r, ack !== undefined);
      if (r.situation !== 'stored') logRefusal(r);
      inFlight--;
      updateBusy();
      scheduleResume();
    });
  };

  // Closing after our answer: end, then read (and drop) whatever the peer still sends, so its FIN
  // is seen and the socket closes. A paused socket never reads that FIN: every connection NAK'd for
  // an oversize frame or closed as idle stayed open in Node (FIN-WAIT-2 in the kernel) and kept its
  // slot in the connection gate for good; under bench/fuzz the gate filled in ~20 s and every new
  // sender was refused. A peer that never closes its side is cut after CLOSE_GRACE_MS.
  let graceTimer: NodeJS.Timeout | undefined;
  const endConnection = () => {
    closing = true;
    socket.end();
    socket.resume();
    graceTimer ??= setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
    graceTimer.unref();
  };

  const refuseOversize = (bytes: number, head: Buffer) => {
    closing = true;
    const read = readHeader(head);
    const header = read.ok ? read.header : read.partial;
    const receipt: Receipt = {
      situation: 'malformed',
      code: 'FRAME_TOO_LARGE',
      detail: `message exceeds maxMessageBytes (${channel.source.maxMessageBytes})`,
      ...(header ? { header } : {}),
    };
    log.warn({ bytes, limit: channel.source.maxMessageBytes }, 'oversize frame: NAK and close');
    tail = tail.then(() => {
      write(ackBytesFor(receipt, channel));
      endConnection();
    });
  };

  // Slow-loris: a started frame must finish within frameTimeoutMs, however slowly bytes trickle in.
  let frameTimer: NodeJS.Timeout | undefined;
  const watchFrame = () => {
    if (decoder.pendingBytes > 0 && !frameTimer) {
      frameTimer = setTimeout(() => {
        log.warn({ pendingBytes: decoder.pendingBytes, limitMs: channel.source.frameTimeoutMs }, 'frame not finished in time: closing connection');
        closing = true;
        socket.destroy();
      }, channel.source.frameTimeoutMs);
      frameTimer.unref();
    } else if (decoder.pendingBytes === 0 && frameTimer) {
      clearTimeout(frameTimer);
      frameTimer = undefined;
    }
  };
  // Optional per-connection rate: past the limit the socket is paused until the next second.
  const maxPerSecond = channel.source.maxMessagesPerSecond;
  let windowStart = Date.now();
  let inWindow = 0;
  const throttle = () => {
    if (!maxPerSecond) return;
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      inWindow = 0;
    }
    if (++inWindow >= maxPerSecond && !closing) {
      throttledUntil = windowStart + 1000;
      socket.pause();
      setTimeout(() => {
        throttledUntil = 0;
        maybeResume();
      }, throttledUntil - now).unref();
    }
  };

  takeEvent = (event: DecoderEvent) => {
    if (event.kind === 'frame') {
      armIdle();
      acceptFrame(event.data);
      throttle();
    } else refuseOversize(event.bytes, event.head);
  };
  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    const events = decoder.push(chunk);
    held = held.length === 0 ? events : held.concat(events);
    takeHeld();
    if (held.length > 0 || !mayTake()) socket.pause();
    else if (chunk.length >= YIELD_READ_BYTES && !yielding) {
      yielding = true;
      socket.pause();
      setImmediate(() => {
        yielding = false;
        maybeResume();
      });
    }
    watchFrame();
  });
  socket.on('drain', maybeResume);
  // Idle means no message: bytes outside frames (a newline a second) must not keep a connection
  // alive, so the timer is ours and only frames rearm it (socket.setTimeout counts every byte).
  let idleTimer: NodeJS.Timeout | undefined;
  armIdle = () => {
    // One timer per connection, pushed back per frame (cheaper than a new timer per message).
    if (idleTimer) {
      idleTimer.refresh();
      return;
    }
    idleTimer = setTimeout(() => {
      log.info('idle timeout: closing connection');
      closing = true;
      void tail.then(endConnection);
    }, channel.source.idleTimeoutMs);
    idleTimer.unref();
  };
  armIdle();
  socket.on('error', (err: NodeJS.ErrnoException) => {
    log.debug({ code: err.code }, 'connection error');
  });
  socket.on('close', () => {
    closing = true;
    share.busy(me, false);
    if (frameTimer) clearTimeout(frameTimer);
    if (idleTimer) clearTimeout(idleTimer);
    if (graceTimer) clearTimeout(graceTimer);
    if (decoder.bytesOutsideFrames > 0) log.warn({ bytes: decoder.bytesOutsideFrames }, 'bytes outside MLLP frames ignored on this connection');
    // refusals still settling are counted as they settle; report them once they have
    void tail.then(flushRefusals);
  });
}

type TlsConfig = NonNullable<MllpSource['tls']>;

/** TLS 1.2+ and forward-secret AEAD suites unless configured (src/security/tls.ts); certificates are re-read when their files change, without a restart. */
export function tlsOptionsFrom(t: TlsConfig): tls.SecureContextOptions & tls.TlsOptions {
  return {
    cert: readFileSync(t.certFile),
    key: readFileSync(t.keyFile),
    ...(t.caFile ? { ca: readFileSync(t.caFile) } : {}),
    requestCert: t.requestCert,
    rejectUnauthorized: t.requestCert,
    ...serverTlsPolicy(t.ciphers),
  };
}

/** Raw sockets the connection gate refused: their aborted handshakes are not worth a log line each. */
const refusedByGate = new WeakSet<net.Socket>();

function createTlsServer(channel: MllpChannel, deps: IntakeDeps, onSocket: (s: net.Socket) => void): tls.Server {
  const t = channel.source.tls!;
  const log = deps.log.child({ channel: channel.id });
  const server = tls.createServer(tlsOptionsFrom(t), (socket) => {
    if (!commonNameAllowed(clientCommonNames(socket), t.allowedClientCNs)) {
      log.warn({ remote: socket.remoteAddress }, 'client certificate common name not allowed: closing');
      socket.destroy();
      return;
    }
    onSocket(socket);
  });
  server.on('tlsClientError', (err: NodeJS.ErrnoException, socket) => {
    // _parent: the raw TCP socket under a server-side TLSSocket (no public accessor exists).
    const raw = (socket as tls.TLSSocket & { _parent?: net.Socket })._parent;
    if (raw && refusedByGate.has(raw)) return;
    log.info({ remote: socket.remoteAddress, code: err.code }, 'TLS handshake refused');
  });
  const files = [t.certFile, t.keyFile, ...(t.caFile ? [t.caFile] : [])];
  const stopWatching = reloadCertificatesOnChange(server, files, () => tlsOptionsFrom(t), log, 'TLS');
  server.once('close', stopWatching);
  return server;
}

export { CERT_POLL_MS };

export interface MllpListener {
  readonly port: number;
  /** still bound and accepting connections */
  readonly listening: boolean;
  readonly connections: number;
  close(): Promise<void>;
}

/** Binds the channel's listener; resolves once it accepts connections. */
export async function startMllpListener(channel: MllpChannel, deps: IntakeDeps, current?: () => MllpChannel): Promise<MllpListener> {
  const sockets = new Set<net.Socket>();
  const share = createInFlightShare(channel.source.maxInFlight);
  const gate = createConnectionGate(channel.source, deps.log.child({ channel: channel.id }));
  /** Gates the raw TCP socket, before any TLS handshake is spent on it. */
  const admitted = (raw: net.Socket): boolean => {
    const release = gate.admit(raw.remoteAddress);
    if (!release) {
      refusedByGate.add(raw);
      raw.destroy(); // quietly: the gate logs one line per interval, not one per refusal
      return false;
    }
    raw.once('close', release);
    return true;
  };
  const onSocket = (socket: net.Socket) => {
    sockets.add(socket);
    trackConnection(channel.id, socket);
    socket.setNoDelay(true);
    socket.once('close', () => sockets.delete(socket));
    handleConnection(socket, channel, deps, { ...(socket.remoteAddress ? { remoteAddress: socket.remoteAddress } : {}), ...(current ? { current } : {}), share });
  };
  const t = channel.source.tls;
  const server = t ? createTlsServer(channel, deps, onSocket) : net.createServer();
  // First among 'connection' listeners: a refused socket never reaches TLS or the codec.
  server.prependListener('connection', (raw: net.Socket) => {
    if (admitted(raw) && !t) onSocket(raw);
  });
  server.on('error', (err) => deps.log.error({ channel: channel.id, err: { message: err.message } }, 'listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(channel.source.port, channel.source.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : channel.source.port,
    get connections() {
      return sockets.size;
    },
    get listening() {
      return server.listening;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.end();
        setTimeout(() => sockets.forEach((s) => s.destroy()), 2000).unref();
      }),
  };
}
