// MLLP byte floods against a running daemon (bench/attack/start-daemon.sh), each while a valid
// sender sends one message every 100 ms on its own connection. Per scenario prints: what the
// attacker's connections got back, how long the daemon took to drain the bytes, the valid sender's
// ACK codes and latency, completed jobs vs AA'd messages, the daemon's peak RSS, and whether the
// canary reached the log. Usage: node bench/attack/mllp-floods.mjs [scenario...]
import net from 'node:net';
import { MLLP_PORT, CANARY, validSender, stats, rssPeak, logHas, until, sleep } from './lib.mjs';

const MB4 = 4 * 1024 * 1024;
const rep = (pattern, total) => { const p = Buffer.from(pattern, 'latin1'); const b = Buffer.alloc(total); for (let i = 0; i < total; i += p.length) p.copy(b, i); return b; };
const SCENARIOS = {
  fs: () => rep('\x1c', MB4),                         // lone 0x1C
  vt: () => rep('\x0b', MB4),                         // lone 0x0B
  'vt-fs': () => rep('\x0b\x1c', MB4),                // interleaved, FS never followed by CR
  'fs-vt': () => rep('\x1c\x0b', MB4),
  'vt-data-fs': () => rep('\x0bAAAAAAAAAAAAAAAAAAAA\x1c', MB4), // abandoned partial frames
  'empty-frames': () => rep('\x0b\x1c\r', MB4),       // 1.4 M empty frames: what answers?
  'fs-cr': () => rep('\x1c\r', MB4),                  // end markers without start
  'vt-then-big': () => Buffer.concat([Buffer.from([0x0b]), rep('A', MB4)]), // frame over maxMessageBytes (1 MiB)
  'junk-msh-frames': () => rep('\x0bMSH|^~\\&|X|Y|Z|W|1||ADT^A01|1|P|2.5\x1c\r', MB4), // parseable-ish frames, each needing an answer
};

async function flood(bytes, conns = 6) {
  const results = await Promise.all(Array.from({ length: conns }, () => new Promise((resolve) => {
    const t0 = performance.now();
    let got = 0, acks = 0, firstAck = '';
    const s = net.connect({ port: MLLP_PORT, host: '127.0.0.1' });
    s.on('data', (d) => { got += d.length; const t = d.toString('latin1'); acks += (t.match(/MSA\|/g) ?? []).length; if (!firstAck) firstAck = t.replace(/[\x0b\x1c]/g, '').split('\r').filter((l) => /^(MSA|ERR)/.test(l)).join(' ').slice(0, 160); });
    s.on('error', () => {});
    s.on('close', () => resolve({ ms: Math.round(performance.now() - t0), bytesBack: got, acks, firstAck, closedBy: 'server-or-end' }));
    s.on('connect', () => { s.write(bytes, () => { s.end(); }); });
    // safety net: a connection the daemon neither reads nor closes for 120 s
    setTimeout(() => s.destroy(), 120000);
  })));
  return results;
}

const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCENARIOS);
for (const name of names) {
  const before = await stats('rv-mllp');
  const peak = rssPeak();
  const v = validSender({ prefix: `ok-${name}-${Date.now()}` });
  await sleep(500);
  const t0 = performance.now();
  const atk = await flood(SCENARIOS[name]());
  const floodMs = Math.round(performance.now() - t0);
  await sleep(500);
  const valid = await v.stop();
  const aa = valid.codes.AA ?? 0;
  await until(async () => { const s = await stats('rv-mllp'); return s.waiting + s.active + s.delayed === 0 && s.completed - before.completed + (s.failed - before.failed) >= aa; }, 120000, 'jobs to finish');
  const after = await stats('rv-mllp');
  console.log(JSON.stringify({
    scenario: name, floodMs, attacker: atk.map((a) => ({ ms: a.ms, bytesBack: a.bytesBack, acks: a.acks })), attackerFirstAnswer: atk[0].firstAck,
    valid, completedDelta: after.completed - before.completed, failedDelta: after.failed - before.failed,
    duplicatesDelta: after.duplicates - before.duplicates, peakRssMiB: peak(), canaryInLog: logHas(CANARY),
  }));
}
