/**
 * What sealing costs per stored payload (the store's content is sealed by intake and the worker,
 * `{compress: true}`): sealed bytes and CPU µs to seal and to open the bench's 1.2 KB ADT^A01, its
 * FHIR Bundle and a 4-entry transaction-response. Run it in two checkouts to compare seal formats.
 *
 *   npx tsx bench/store/seal-cost.ts [--reps 7] [--n 200]
 */
import { createKeyring, type SealRole } from '../../src/security/seal.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { adtA01 } from '../lib/message.js';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { loadAverage, table } from '../lib/stats.js';

const { values } = benchArgs('store-seal-cost', { options: { reps: { type: 'string', default: '7' }, n: { type: 'string', default: '200' } } });
requireNumbers('store-seal-cost', values, ['reps', 'n']);
const reps = Number(values.reps);
const n = Number(values.n);
const keyring = createKeyring(Buffer.from('a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea', 'hex'));
const raw = adtA01('SEALCOST', 7);
const bundle = JSON.stringify(convertHl7v2(raw).bundle);
const response = JSON.stringify({
  resourceType: 'Bundle', type: 'transaction-response',
  entry: ['Patient', 'Encounter', 'AllergyIntolerance', 'Condition'].map((t, i) => ({ response: { status: '200 OK', location: `${t}/${'a'.repeat(36)}/_history/${i + 1}`, etag: `W/"${i + 1}"`, lastModified: '2026-11-29T08:30:15.123Z' } })),
});
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const payloads: Array<[string, Buffer | string, SealRole]> = [['HL7 v2 message', raw, 'message'], ['FHIR Bundle', bundle, 'result'], ['transaction-response', response, 'response']];
const as = (role: SealRole) => ({ channelId: 'adt-in', messageId: 'adt-in.m1', role });
const sealed = payloads.map(([, plain, role]) => keyring.seal(plain, as(role), { compress: true }));
const seal: number[][] = payloads.map(() => []);
const open: number[][] = payloads.map(() => []);
// Payloads take turns within each repetition (the machine's load drifts); repetition 0 warms up.
for (let r = 0; r <= reps; r++) {
  payloads.forEach(([, plain, role], k) => {
    let c = cpu();
    for (let i = 0; i < n; i++) sealed[k] = keyring.seal(plain, as(role), { compress: true });
    const s = (cpu() - c) / n;
    c = cpu();
    for (let i = 0; i < n; i++) keyring.open(sealed[k]!, as(role));
    if (r > 0) {
      seal[k]!.push(s);
      open[k]!.push((cpu() - c) / n);
    }
  });
}
const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(0);
const rows = payloads.map(([name, plain], k) => [name, String(Buffer.byteLength(plain)), String(Buffer.from(sealed[k]!.data, 'base64').length), `z: ${sealed[k]!.z ?? '-'}`, median(seal[k]!), median(open[k]!)]);
console.log(`bench/store/seal-cost — ${new Date().toISOString()}, load ${loadAverage()}, median of ${reps} × ${n}`);
console.log(table(['payload', 'plain B', 'sealed B (ciphertext)', 'format', 'seal µs', 'open µs'], rows));
