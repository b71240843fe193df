/** A raw TCP client for HTTP tests that must control every byte and its timing (slow bodies, caps). */
import net from 'node:net';

export interface RawConnection {
  socket: net.Socket;
  /** everything the server sent so far */
  received(): string;
  /** resolves once the server has sent text matching `pattern` (rejects after `timeoutMs`) */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** resolves when the connection is closed, by either side, with ms since it was opened */
  closed: Promise<number>;
  /** writes `byte` every `everyMs` until the connection closes; returns how many were written */
  trickle(byte: string, everyMs: number): { written(): number; stop(): void };
}

export function rawConnect(port: number, host = '127.0.0.1'): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect({ port, host });
    let text = '';
    const waiters: Array<() => void> = [];
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      text += d;
      waiters.splice(0).forEach((w) => w());
    });
    socket.on('error', () => undefined); // resets show up as close
    const closed = new Promise<number>((res) => socket.once('close', () => res(Date.now() - started)));
    void closed.then(() => waiters.splice(0).forEach((w) => w()));
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => text,
        closed,
        waitFor(pattern, timeoutMs = 60_000) {
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`no ${String(pattern)} within ${timeoutMs} ms; got ${JSON.stringify(text.slice(0, 300))}`)), timeoutMs);
            const check = () => {
              if (pattern.test(text)) {
                clearTimeout(timer);
                res(text);
              } else if (socket.destroyed) {
                clearTimeout(timer);
                rej(new Error(`closed without ${String(pattern)}; got ${JSON.stringify(text.slice(0, 300))}`));
              } else waiters.push(check);
            };
            check();
          });
        },
        trickle(byte, everyMs) {
          let n = 0;
          const timer = setInterval(() => {
            if (socket.destroyed || !socket.writable) return clearInterval(timer);
            socket.write(byte);
            n++;
          }, everyMs);
          void closed.then(() => clearInterval(timer));
          return { written: () => n, stop: () => clearInterval(timer) };
        },
      }),
    );
    socket.once('error', reject);
  });
}

/** The JSON body of the first HTTP response in `text`. */
export function jsonBodyOf(text: string): unknown {
  const i = text.indexOf('\r\n\r\n');
  return JSON.parse(text.slice(i + 4));
}
