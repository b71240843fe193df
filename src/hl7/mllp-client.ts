/** A small MLLP client: send a frame, wait for the answering frame. Used by `hig send` and benches. */
import net from 'node:net';
import tls from 'node:tls';
import { createMllpDecoder, encodeFrame } from './mllp.js';

export interface MllpClientOptions {
  host: string;
  port: number;
  /**
   * TLS options, used as given: the caller adds the policy (`clientTlsPolicy()` of
   * src/security/tls.ts), since the wire-format layer imports nothing outside src/hl7.
   */
  tls?: tls.ConnectionOptions;
  timeoutMs?: number;
}

export interface MllpClient {
  /** Sends one message and resolves with the reply frame. */
  send(message: Buffer): Promise<Buffer>;
  close(): void;
}

export async function connectMllp(opts: MllpClientOptions): Promise<MllpClient> {
  const socket: net.Socket = await new Promise((resolve, reject) => {
    const s = opts.tls
      ? tls.connect({ host: opts.host, port: opts.port, ...opts.tls }, () => resolve(s))
      : net.connect({ host: opts.host, port: opts.port }, () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  const decoder = createMllpDecoder();
  const waiting: Array<{ resolve(b: Buffer): void; reject(e: Error): void }> = [];
  socket.on('data', (chunk: Buffer) => {
    for (const ev of decoder.push(chunk)) if (ev.kind === 'frame') waiting.shift()?.resolve(ev.data);
  });
  const failAll = (err: Error) => waiting.splice(0).forEach((w) => w.reject(err));
  socket.on('error', failAll);
  socket.on('close', () => failAll(new Error('connection closed before an ACK arrived')));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    send(message) {
      return new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ACK within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({
          resolve: (b) => (clearTimeout(timer), resolve(b)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        socket.write(encodeFrame(message));
      });
    },
    close: () => socket.end(),
  };
}
