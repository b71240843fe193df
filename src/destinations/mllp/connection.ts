/**
 * One persistent MLLP connection to a peer, built on src/hl7/mllp.ts: one message in flight at a
 * time (MLLP has no correlation but order), a connect timeout, an answer timeout, and reconnection
 * with exponential backoff. After a timeout, an abort or an unexpected frame the socket is dropped:
 * a late answer must never be read as the answer to the next message.
 */
import net from 'node:net';
import tls from 'node:tls';
import { createMllpDecoder, encodeFrame } from '../../hl7/mllp.js';

export interface MllpConnectionOptions {
  host: string;
  port: number;
  /** TLS options (CA, client certificate); undefined = plain TCP. */
  tls: tls.ConnectionOptions | undefined;
  connectTimeoutMs: number;
  ackTimeoutMs: number;
  /** A longer answer is refused (the connection is dropped). */
  maxAckBytes: number;
  /** First wait after a failed connect; doubles per failure up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  now: () => number;
}

export type ExchangeFailure = 'connect' | 'backoff' | 'closed' | 'timeout' | 'oversize' | 'aborted';

/** Why no answer came. `detail` is PHI-free (error codes, byte counts). */
export class MllpExchangeError extends Error {
  override name = 'MllpExchangeError';
  constructor(
    readonly reason: ExchangeFailure,
    readonly detail: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export interface MllpConnection {
  /** Sends one message (unframed bytes) and resolves with the peer's answer frame. One at a time. */
  exchange(message: Buffer, signal: AbortSignal): Promise<Buffer>;
  /** Drops the socket; the next exchange reconnects (after an answer we could not trust). */
  reset(): void;
  close(): Promise<void>;
  /** Successful connects so far (a reconnect counts). */
  readonly connects: number;
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'error';
}

/** The exchange in flight (one per connection). */
interface Pending {
  resolve(answer: Buffer): void;
  reject(err: MllpExchangeError): void;
  signal: AbortSignal;
  /** performance.now() by which the answer must have come */
  deadline: number;
}

const ONCE = { once: true } as const;

export function createMllpConnection(options: MllpConnectionOptions): MllpConnection {
  let socket: net.Socket | undefined;
  let pending: Pending | undefined;
  /** A frame arrived with nothing in flight: the stream can no longer be trusted. */
  let tainted = false;
  let failures = 0;
  let retryAt = 0;
  let connects = 0;
  let closed = false;
  /**
   * One answer timer per connection, not one per message: it is armed for the first exchange and,
   * when it fires, re-armed for what is left of the exchange then in flight (or not at all when
   * none is). A message then costs a clock read instead of a timer set and cleared; the profile of
   * the sender bench showed the per-message timer and closures beside the socket write.
   * performance.now(): monotonic, unlike the injected wall clock `now` that paces reconnects.
   */
  let timer: NodeJS.Timeout | undefined;

  function drop(): void {
    const s = socket;
    socket = undefined;
    tainted = false;
    s?.destroy();
  }

  /** Takes the exchange in flight off the connection (its abort listener with it). */
  function settle(): Pending | undefined {
    const waiting = pending;
    pending = undefined;
    waiting?.signal.removeEventListener('abort', onAbort);
    return waiting;
  }

  /** The exchange in flight fails and the socket is dropped: a late answer must never answer the next message. */
  function fail(err: MllpExchangeError): void {
    const waiting = settle();
    drop();
    waiting?.reject(err);
  }

  function onAbort(): void {
    fail(new MllpExchangeError('aborted', 'aborted while waiting for the answer'));
  }

  function onTimer(): void {
    timer = undefined;
    if (pending === undefined) return;
    const left = pending.deadline - performance.now();
    if (left > 0) timer = setTimeout(onTimer, Math.ceil(left)).unref();
    else fail(new MllpExchangeError('timeout', `no answer within ${options.ackTimeoutMs} ms`));
  }

  function open(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const ready = options.tls === undefined ? 'connect' : 'secureConnect';
      const s = options.tls === undefined ? net.connect({ host: options.host, port: options.port }) : tls.connect({ host: options.host, port: options.port, ...options.tls });
      const connectTimer = setTimeout(() => {
        s.destroy();
        reject(new MllpExchangeError('connect', `no connection within ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      s.once(ready, () => {
        clearTimeout(connectTimer);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(connectTimer);
        s.destroy();
        reject(new MllpExchangeError('connect', errorCode(err)));
      });
    });
  }

  function attach(s: net.Socket): void {
    s.setNoDelay(true);
    s.setKeepAlive(true, 60_000);
    const decoder = createMllpDecoder({ maxFrameBytes: options.maxAckBytes });
    s.on('data', (chunk: Buffer) => {
      if (socket !== s) return; // a dropped socket's last bytes answer nothing we still wait for
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'oversize') {
          tainted = true;
          if (pending !== undefined) fail(new MllpExchangeError('oversize', `answer larger than ${options.maxAckBytes} bytes`));
        } else if (pending !== undefined) settle()!.resolve(event.data);
        else tainted = true;
      }
    });
    s.on('error', () => undefined); // 'close' follows and says what matters
    s.on('close', () => {
      // Only the current socket's close concerns the message in flight (a dropped one closes late).
      if (socket !== s) return;
      socket = undefined;
      settle()?.reject(new MllpExchangeError('closed', 'the peer closed the connection before answering'));
    });
  }

  async function connected(): Promise<net.Socket> {
    if (socket !== undefined && !socket.destroyed && !tainted) return socket;
    drop();
    const now = options.now();
    if (now < retryAt) throw new MllpExchangeError('backoff', `reconnecting in ${retryAt - now} ms`, retryAt - now);
    try {
      const s = await open();
      if (closed) {
        s.destroy();
        throw new MllpExchangeError('aborted', 'the destination was closed');
      }
      failures = 0;
      retryAt = 0;
      connects += 1;
      attach(s);
      socket = s;
      return s;
    } catch (err) {
      failures += 1;
      retryAt = options.now() + Math.min(options.maxBackoffMs, options.backoffMs * 2 ** Math.min(failures - 1, 30));
      throw err instanceof MllpExchangeError ? err : new MllpExchangeError('connect', errorCode(err));
    }
  }

  function send(s: net.Socket, message: Buffer, signal: AbortSignal): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      pending = { resolve, reject, signal, deadline: performance.now() + options.ackTimeoutMs };
      signal.addEventListener('abort', onAbort, ONCE);
      // Unref'd: while an answer is awaited the socket keeps the process alive; an idle connection's timer must not.
      timer ??= setTimeout(onTimer, options.ackTimeoutMs).unref();
      s.write(encodeFrame(message));
    });
  }

  function exchange(message: Buffer, signal: AbortSignal): Promise<Buffer> {
    if (closed) return Promise.reject(new MllpExchangeError('aborted', 'the destination was closed'));
    if (pending !== undefined) return Promise.reject(new Error('MLLP connection: one exchange at a time'));
    if (signal.aborted) return Promise.reject(new MllpExchangeError('aborted', 'aborted before sending'));
    // The usual case (a healthy open socket) costs no extra await.
    if (socket !== undefined && !socket.destroyed && !tainted) return send(socket, message, signal);
    return connected().then((s) => {
      if (signal.aborted) throw new MllpExchangeError('aborted', 'aborted before sending');
      return send(s, message, signal);
    });
  }

  return {
    exchange,
    reset: drop,
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      drop();
    },
    get connects() {
      return connects;
    },
  };
}
