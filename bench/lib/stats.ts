/** Percentiles, process sampling from /proc, and plain-text tables for bench output. */
import { readFileSync } from 'node:fs';

export interface Percentiles {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles; sorts `values` in place. */
export function percentiles(values: Float64Array | number[]): Percentiles {
  const v = values instanceof Float64Array ? values : Float64Array.from(values);
  v.sort();
  const n = v.length;
  const at = (p: number) => (n === 0 ? Number.NaN : v[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i]!;
  return { count: n, min: n ? v[0]! : Number.NaN, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: n ? v[n - 1]! : Number.NaN, mean: n ? sum / n : Number.NaN };
}

/** A growable Float64Array (latencies of a whole run without per-sample allocation). */
export class Samples {
  private buf = new Float64Array(1 << 16);
  length = 0;
  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

const CLK_TCK = 100; // Linux USER_HZ

/** Resident set size in bytes (VmRSS), or NaN when the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** user + system CPU seconds consumed so far by the process (all its threads). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** CPU used by several processes between start() and stop(), as a share of one core. */
export function cpuMeter(pids: Record<string, number>) {
  const t0 = performance.now();
  const c0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  return () => {
    const wall = (performance.now() - t0) / 1000;
    return Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, (cpuSeconds(pid) - c0[k]!) / wall])) as Record<string, number>;
  };
}

export const fmt = {
  int: (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–'),
  ms: (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '–'),
  ratio: (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–'),
  pct: (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–'),
  mib: (x: number) => (Number.isFinite(x) ? `${(x / 1048576).toFixed(0)} MiB` : '–'),
};

/** A Markdown table (also readable as plain text). */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Busy CPU seconds of the whole machine so far (all cores, from /proc/stat). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return (total - idle) / CLK_TCK;
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
