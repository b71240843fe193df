// Unauthenticated large and slow HTTP bodies, a connection flood, and API-key guessing against the
// review daemon started with HIG_ADMIN_TOKEN, while a valid MLLP sender runs: prints each answer,
// how long the server kept the connection, and the valid sender's ACK latency per attack.
// Usage: HIG_ADMIN_TOKEN=... API_KEY=hig_<id>_<secret> node bench/attack/http-abuse.mjs [attack...]
import net from 'node:net';
import { HTTP_PORT, validSender, rssPeak, sleep, stats, until } from './lib.mjs';
const H = `127.0.0.1:${HTTP_PORT}`;
const KEY = process.env.API_KEY ?? '';
const keyId = KEY.split('_')[1];

/** Raw request; resolves with the status line/code, time to answer and time to close. */
function raw(head, body = [], { bodyDelayMs = 0, holdMs = 200000 } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const s = net.connect(HTTP_PORT, '127.0.0.1');
    let buf = '', answeredAt;
    s.on('data', (d) => { buf += d; answeredAt ??= performance.now() - t0; });
    s.on('error', () => {});
    s.on('close', () => resolve({ status: buf.split('\r\n')[0].slice(9, 12) || 'none', code: buf.match(/"code":"([A-Z_]+)"/)?.[1], answeredMs: answeredAt && Math.round(answeredAt), closedMs: Math.round(performance.now() - t0) }));
    s.on('connect', async () => {
      s.write(head);
      for (const part of body) { if (s.destroyed) break; if (bodyDelayMs) await sleep(bodyDelayMs); s.write(part); }
    });
    setTimeout(() => s.destroy(), holdMs);
  });
}
const nested = (n) => '['.repeat(n) + ']'.repeat(n);
const big = Buffer.alloc(10 * 1024 * 1024, 'a');
const ATTACKS = {
  // 10 MiB declared on an admin route without credentials: answered before the body?
  'admin-10MiB-unauth': () => raw(`POST /api/channels/rv-mllp/failed/replay HTTP/1.1\r\nHost: ${H}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`, [big]),
  // the same, chunked (no Content-Length)
  'admin-chunked-unauth': () => raw(`POST /api/channels/rv-mllp/failed/replay HTTP/1.1\r\nHost: ${H}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, [Buffer.from((1024 * 1024).toString(16) + '\r\n'), Buffer.alloc(1024 * 1024, 'a'), Buffer.from('\r\n0\r\n\r\n')]),
  // receiveMessage with the key in the body (read up to 64 KiB unauthenticated): 2.4 MB nested JSON
  'receiveMessage-2.4MB-nested': () => raw(`POST /api/trpc/integration.receiveMessage HTTP/1.1\r\nHost: ${H}\r\nContent-Type: application/json\r\nContent-Length: ${2_400_000}\r\n\r\n`, [Buffer.from(nested(1_200_000))]),
  'receiveMessage-chunked-2.4MB': () => raw(`POST /api/trpc/integration.receiveMessage HTTP/1.1\r\nHost: ${H}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, [Buffer.from((2_400_000).toString(16) + '\r\n'), Buffer.from(nested(1_200_000)), Buffer.from('\r\n0\r\n\r\n')]),
  // with a valid key: nested JSON under the body cap (1 MiB) -> depth cap
  'intake-keyed-nested-1MB': () => raw(`POST /channels/rv-http/messages HTTP/1.1\r\nHost: ${H}\r\nX-API-Key: ${KEY}\r\nContent-Type: application/json\r\nContent-Length: ${1_000_000}\r\n\r\n`, [Buffer.from(nested(500_000))]),
  // slow bodies: a byte every 500 ms (declared and chunked), slow headers
  'slow-body-declared': () => raw(`POST /api/trpc/integration.receiveMessage HTTP/1.1\r\nHost: ${H}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`, Array.from({ length: 1000 }, () => Buffer.from(' ')), { bodyDelayMs: 500 }),
  'slow-body-chunked': () => raw(`POST /api/trpc/integration.receiveMessage HTTP/1.1\r\nHost: ${H}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, Array.from({ length: 1000 }, () => Buffer.from('1\r\n \r\n')), { bodyDelayMs: 500 }),
  'slow-headers': () => raw(`GET /healthz HTTP/1.1\r\n`, Array.from({ length: 1000 }, (_, i) => Buffer.from(`X-${i}: a\r\n`)), { bodyDelayMs: 500 }),
  'slow-body-keyed-hl7': () => raw(`POST /channels/rv-http/messages HTTP/1.1\r\nHost: ${H}\r\nX-API-Key: ${KEY}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n`, Array.from({ length: 1000 }, () => Buffer.from('M')), { bodyDelayMs: 500 }),
};
async function connFlood(n = 600) {
  const socks = [];
  for (let i = 0; i < n; i++) { const s = net.connect(HTTP_PORT, '127.0.0.1'); s.on('error', () => {}); socks.push(s); }
  await sleep(3000);
  const r = await fetch(`http://${H}/healthz`, { signal: AbortSignal.timeout(5000) }).then((x) => x.status, (e) => e.name);
  const open = socks.filter((s) => !s.destroyed && s.readyState === 'open').length;
  socks.forEach((s) => s.destroy());
  return { opened: n, stillOpenAfter3s: open, healthzWhileFlooded: r };
}
async function guess() {
  // 40 concurrent wrong secrets for the known key id, then 40 unknown key ids, then the right key
  const wrong = `hig_${keyId}_${'A'.repeat(43)}`;
  const call = (k) => fetch(`http://${H}/channels/rv-http/messages`, { method: 'POST', headers: { 'x-api-key': k, 'content-type': 'text/plain' }, body: 'x' }).then(async (r) => r.status + ':' + ((await r.json().catch(() => ({}))).code ?? ''));
  const t0 = performance.now();
  const a = await Promise.all(Array.from({ length: 40 }, () => call(wrong)));
  const t1 = performance.now();
  const b = await Promise.all(Array.from({ length: 40 }, (_, i) => call(`hig_${(1e11 + i).toString(16).slice(0, 12)}_${'B'.repeat(43)}`)));
  const right = await call(KEY);
  const count = (xs) => xs.reduce((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
  return { wrongSecretKnownId: count(a), wrongMs: Math.round(t1 - t0), unknownIds: count(b), rightKeyAfter: right };
}
const names = process.argv.slice(2).length ? process.argv.slice(2) : [...Object.keys(ATTACKS), 'conn-flood', 'guess'];
for (const name of names) {
  const peak = rssPeak();
  const v = validSender({ prefix: `http-${name}-${Date.now()}` });
  await sleep(300);
  let result;
  if (name === 'conn-flood') result = await connFlood();
  else if (name === 'guess') result = await guess();
  else result = await Promise.all(Array.from({ length: 3 }, () => ATTACKS[name]()));
  await sleep(300);
  const valid = await v.stop();
  console.log(JSON.stringify({ attack: name, result, valid: { sent: valid.sent, codes: valid.codes, p50: valid.p50, p99: valid.p99, max: valid.max, errors: valid.errorCount }, peakRssMiB: peak() }));
}
