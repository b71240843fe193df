/**
 * A hostile MLLP sender in its own process, so the process measuring a valid sender's ACKs is not
 * the one pumping the flood. Plain JavaScript: starts without a TypeScript loader.
 *
 *   node mllp-abuse-child.mjs <host> <port> <mode> <connections> <bytesEach> [localAddress]
 *   mode: fs (VT then lone FS bytes: an endless frame), vt (start bytes only), fs-outside (FS
 *         without a frame), huge (one frame of bytesEach), idle (connect and send nothing)
 *
 * Prints `ready <n>` once every connection is open and has begun sending, `done <bytes>` when
 * every byte is written (idle: once all are open and were not closed by the server, or were),
 * then stays until killed (idle) or exits.
 */
import net from 'node:net';

const [host, portText, mode, countText, bytesText, localAddress] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const bytesEach = Number(bytesText);
const PIECE = 64 * 1024;

function open() {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, ...(localAddress ? { localAddress } : {}) });
    s.on('error', () => undefined);
    s.once('connect', () => resolve(s));
    s.once('close', () => resolve(s));
  });
}

function waitDrain(s) {
  return new Promise((r) => {
    s.once('drain', r);
    s.once('close', r);
  });
}

async function pump(s, onStarted) {
  let sent = 0;
  const fill = mode === 'vt' ? 0x0b : mode === 'huge' ? 0x41 : 0x1c;
  const piece = Buffer.alloc(PIECE, fill);
  if (mode === 'fs' || mode === 'huge') s.write(Buffer.from('\x0bMSH|^~\\&|ABUSE|FAC|HIG|HIG|20260101||ADT^A01|ABUSE1|P|2.5\r', 'latin1'));
  onStarted();
  while (sent < bytesEach && !s.destroyed) {
    const n = Math.min(PIECE, bytesEach - sent);
    if (!s.write(n === PIECE ? piece : piece.subarray(0, n))) await waitDrain(s);
    sent += n;
  }
  if (mode === 'huge' && !s.destroyed) s.write(Buffer.of(0x1c, 0x0d));
  return sent;
}

const sockets = await Promise.all(Array.from({ length: count }, open));
if (mode === 'idle') {
  const open = sockets.filter((s) => !s.destroyed).length;
  process.stdout.write(`ready ${count}\n`);
  // a short grace for the server to close refused connections, then report how many stayed open
  setTimeout(() => process.stdout.write(`done ${sockets.filter((s) => !s.destroyed).length} of ${open}\n`), 1000);
  setInterval(() => undefined, 1 << 30);
} else {
  let started = 0;
  const totals = await Promise.all(sockets.map((s) => pump(s, () => ++started === count && process.stdout.write(`ready ${count}\n`))));
  process.stdout.write(`done ${totals.reduce((a, b) => a + b, 0)}\n`);
  sockets.forEach((s) => s.destroy());
  process.exit(0);
}
