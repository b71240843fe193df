// Empty MLLP frames (0x0B 0x1C 0x0D, 3 bytes each) from connections that never read their ACKs:
// each frame is answered with an AR of ~180 bytes. Samples the daemon's RSS while the attacker
// writes N MB per connection and keeps the connection open without reading, and times a valid
// sender on another connection. Usage: node bench/attack/mllp-noread.mjs [MB per conn] [conns] [holdSeconds]
import net from 'node:net';
import { MLLP_PORT, validSender, rssMiB, rssPeak, sleep } from './lib.mjs';
const mb = Number(process.argv[2] ?? 4), conns = Number(process.argv[3] ?? 6), hold = Number(process.argv[4] ?? 20);
const p = Buffer.from('\x0b\x1c\r', 'latin1'); const bytes = Buffer.alloc(mb * 1024 * 1024); for (let i = 0; i + 3 <= bytes.length; i += 3) p.copy(bytes, i);
const rss0 = rssMiB();
const peak = rssPeak();
const v = validSender({ prefix: `noread-${Date.now()}` });
const socks = [];
for (let i = 0; i < conns; i++) {
  const s = net.connect({ port: MLLP_PORT, host: '127.0.0.1' });
  s.on('error', () => {});
  s.pause(); // never read
  s.on('connect', () => s.write(bytes));
  socks.push(s);
}
const samples = [];
for (let t = 0; t < hold; t += 2) { await sleep(2000); samples.push(rssMiB()); }
const valid = await v.stop();
socks.forEach((s) => s.destroy());
await sleep(3000);
console.log(JSON.stringify({ mbPerConn: mb, conns, rssBeforeMiB: rss0, rssEvery2s: samples, peakRssMiB: peak(), rssAfterCloseMiB: rssMiB(), valid }));
