/**
 * Search latency over an already filled store database (as bench/store/run.ts leaves it with
 * --keep): p50/p95/p99 of control-id and MRN searches through the store API.
 *
 *   npx tsx bench/store/search.ts --url postgres://…/DB --total 1000000 [--searches 300]
 */
import { openMessageStore } from '../../src/store/index.js';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { loadAverage } from '../lib/stats.js';
import { testIndexKeys, testKeyring } from '../../test/support/store.js';
import { printSearchLatency } from './latency.js';

const { values: opts } = benchArgs('store/search', { options: { url: { type: 'string' }, total: { type: 'string' }, searches: { type: 'string', default: '300' } } });
requireNumbers('store/search', opts, ['total', 'searches']);
if (!opts.url || !opts.total) {
  console.error('bench/store/search: --url and --total are required');
  process.exit(2);
}
const store = await openMessageStore({ url: opts.url, keyring: testKeyring(), indexKeys: testIndexKeys() });
console.log(`bench/store/search — ${new Date().toISOString()}, load ${loadAverage()}`);
await printSearchLatency(store, Number(opts.total), Number(opts.searches));
await store.close();
