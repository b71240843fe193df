// Shared helpers of the outside-review attack scripts (docs/security-review.md). Plain Node, no
// project imports: the daemon is attacked from outside, as a sender would.
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export const ATK = process.env.ATK ?? '/tmp/hig-review';
export const MLLP_PORT = Number(process.env.MLLP_PORT ?? 41575);
export const HTTP_PORT = Number(process.env.HTTP_PORT ?? 41300);
export const VT = 0x0b, FS = 0x1c, CR = 0x0d;
/** A string that must never appear in any log: put into PID-5 of every valid message. */
export const CANARY = 'QXCANARY' + randomBytes(4).toString('hex').toUpperCase();

export function hl7(control, { canary = CANARY, extra = '', type = 'ADT^A01^ADT_A01', time = '20261129083015' } = {}) {
  return [
    `MSH|^~\\&|REVIEWAPP|REVIEWFAC|HIG|HIG|${time}||${type}|${control}|P|2.5.1`,
    'EVN|A01|20261129083000',
    `PID|1||MRN${control}^^^REVIEWFAC^MR||${canary}^Marguerite${extra}||19670412|F`,
    'PV1|1|I|4W^401^B',
  ].join('\r') + '\r';
}
export const frame = (s) => Buffer.concat([Buffer.from([VT]), Buffer.from(s, 'latin1'), Buffer.from([FS, CR])]);

/** One MLLP connection; send(frame) resolves with the ACK text (or rejects on close/timeout). */
export function connect({ port = MLLP_PORT, host = '127.0.0.1', localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host, localAddress });
    let buf = Buffer.alloc(0);
    const waiters = [];
    let closed = false;
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const s = buf.indexOf(VT), e = buf.indexOf(Buffer.from([FS, CR]));
        if (s < 0 || e < 0) break;
        const ack = buf.subarray(s + 1, e).toString('latin1');
        buf = buf.subarray(e + 2);
        waiters.shift()?.resolve(ack);
      }
    });
    const fail = (err) => { closed = true; while (waiters.length) waiters.shift().reject(err ?? new Error('closed')); };
    sock.on('close', () => fail(new Error('closed')));
    sock.on('error', (e) => { fail(e); reject(e); });
    sock.on('connect', () => resolve({
      sock,
      get closed() { return closed; },
      send(bytes, timeoutMs = 30000) {
        return new Promise((res, rej) => {
          if (closed) return rej(new Error('closed'));
          const t = setTimeout(() => rej(new Error('ack timeout')), timeoutMs);
          waiters.push({ resolve: (a) => { clearTimeout(t); res(a); }, reject: (e) => { clearTimeout(t); rej(e); } });
          sock.write(bytes);
        });
      },
      close() { sock.destroy(); },
    }));
  });
}
export const msaOf = (ack) => /(?:^|\r)MSA\|([A-Z]{2})\|([^|\r]*)/.exec(ack) ?? [null, null, null];

/**
 * A valid sender running beside an attack: one message every `everyMs` on its own connection
 * (reconnects if closed), with control ids prefix-N. Records ACK latency and codes.
 */
export function validSender({ prefix, everyMs = 100, localAddress } = {}) {
  const lat = [], codes = {}, errors = [];
  let n = 0, stop = false, conn;
  const done = (async () => {
    while (!stop) {
      const id = `${prefix}-${n++}`;
      const t0 = performance.now();
      try {
        if (!conn || conn.closed) conn = await connect({ localAddress });
        const ack = await conn.send(frame(hl7(id)), 30000);
        const [, code, ctl] = msaOf(ack);
        codes[code] = (codes[code] ?? 0) + 1;
        if (ctl !== id) errors.push(`ack for ${ctl} when ${id} sent`);
        lat.push(performance.now() - t0);
      } catch (e) { errors.push(`${id}: ${e.message}`); conn = undefined; }
      await new Promise((r) => setTimeout(r, everyMs));
    }
    conn?.close();
  })();
  return { async stop() { stop = true; await done; return summary(lat, codes, errors, n); } };
}
export function summary(lat, codes, errors, sent) {
  const s = [...lat].sort((a, b) => a - b);
  const q = (p) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]) : null);
  return { sent, acked: s.length, codes, p50: q(0.5), p99: q(0.99), max: s.length ? Math.round(s[s.length - 1]) : null, errors: errors.slice(0, 5), errorCount: errors.length };
}
export async function stats(channel) {
  const r = await fetch(`http://127.0.0.1:${HTTP_PORT}/api/stats`, { headers: adminHeaders() });
  const j = await r.json();
  return channel ? j.channels[channel] : j;
}
export function adminHeaders() {
  return process.env.HIG_ADMIN_TOKEN ? { authorization: `Bearer ${process.env.HIG_ADMIN_TOKEN}` } : {};
}
export const daemonPid = () => Number(readFileSync(`${ATK}/pid`, 'utf8'));
export function rssMiB(pid = daemonPid()) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
}
/** Samples the daemon's RSS every 100 ms until stopped; returns the peak in MiB. */
export function rssPeak() {
  let peak = 0;
  const t = setInterval(() => { try { peak = Math.max(peak, rssMiB()); } catch {} }, 100);
  return () => { clearInterval(t); return peak; };
}
export function logHas(needle) {
  return readFileSync(`${ATK}/daemon.log`, 'latin1').includes(needle);
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waits until `pred()` holds (polling), or throws after `ms` (a safety net only). */
export async function until(pred, ms = 60000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) { const v = await pred(); if (v) return v; if (Date.now() > end) throw new Error(`timed out waiting for ${what}`); await sleep(200); }
}
