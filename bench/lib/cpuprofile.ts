/** Summaries of V8 .cpuprofile files: self time per function and per module (package or src file). */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfRow {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url.replace(/^file:\/\//, '');
}

/** "ioredis", "bullmq", "src/intake.ts", "node:internal", "(garbage collector)"… */
export function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  return shortUrl(url);
}

export function loadProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}

/** Self time per function and per module, biggest first; `(idle)` is reported but excluded from shares. */
export function summarize(profile: CpuProfile, top = 20): { totalMs: number; idleMs: number; functions: SelfRow[]; modules: SelfRow[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const fn = new Map<string, SelfRow>();
  const mod = new Map<string, SelfRow>();
  let idle = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName}@${where}`;
    const row = fn.get(key) ?? { name: cf.functionName || '(anonymous)', where, selfMs: 0, share: 0 };
    row.selfMs += us / 1000;
    fn.set(key, row);
    const m = moduleOf(cf.url, cf.functionName);
    const mrow = mod.get(m) ?? { name: m, where: '', selfMs: 0, share: 0 };
    mrow.selfMs += us / 1000;
    mod.set(m, mrow);
  }
  const finish = (rows: Iterable<SelfRow>) =>
    [...rows]
      .map((r) => ({ ...r, share: r.selfMs / (total / 1000) }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
  return { totalMs: total / 1000, idleMs: idle / 1000, functions: finish(fn.values()), modules: finish(mod.values()) };
}
