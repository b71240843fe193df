/** Search latency through the store API: random existing messages by control id and by MRN (with and without authority), and the latest page. */
import type { MessageStore } from '../../src/store/index.js';
import { adtA01Mrn, controlIdFor } from '../lib/message.js';
import { fmt, table } from '../lib/stats.js';

export const PREFIX = 'S';

export async function searchLatency(store: MessageStore, total: number, n: number) {
  const pick = () => Math.floor(Math.random() * total);
  const run = async (q: (seq: number) => Parameters<MessageStore['search']>[0], expectOne: boolean) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const seq = pick();
      const t0 = performance.now();
      const r = await store.search(q(seq));
      ms.push(performance.now() - t0);
      if (expectOne && r.items.length !== 1) throw new Error(`search for message ${seq} found ${r.items.length}`);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
    return { count: ms.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: ms[ms.length - 1]! };
  };
  const mrnOf = adtA01Mrn;
  return {
    control: await run((s) => ({ controlId: controlIdFor(PREFIX, s) }), true),
    mrnAuthority: await run((s) => ({ mrn: `${mrnOf(s)}^GOODHEALTH` }), true),
    mrnValue: await run((s) => ({ mrn: mrnOf(s) }), true),
    latest: await run(() => ({}), false),
  };
}


export async function printSearchLatency(store: MessageStore, total: number, n: number): Promise<void> {
  const s = await searchLatency(store, total, n);
  console.log(table(['search over ' + fmt.int(total), 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], Object.entries(s).map(([k, p]) => [k, p.count, fmt.ms(p.p50), fmt.ms(p.p95), fmt.ms(p.p99), fmt.ms(p.max)])));
}
