/**
 * The one poll loop of the file and SFTP sources. A source gives a way to open a poll session (a
 * listing plus the `FileStore` of file-take.ts; for SFTP a connected session under the poll lock)
 * and the poller does the rest, the same for both: list → keep names matching `pattern` → keep
 * entries that settled (size and mtime unchanged for `settleMs` by this process's clock) → oldest
 * first → take each through `takeFile` → schedule the next poll (`pollMs`, doubling per failed poll
 * up to `maxBackoffMs`) → on stop, finish the file in hand and take no other.
 *
 * Settling is observed, never read off the mtime: the sender's or SFTP server's clock does not
 * matter, and a poll that sees a new file waits out `settleMs` and lists again rather than leaving
 * it to the next poll. Entries that are not regular files settle at once: no writer is at them, and
 * they are refused unread. A source may also wake the poller early (the file source's watcher).
 */
import type { Logger } from '../log.js';
import { IncompleteFiles } from './completeness.js';
import { takeFile, type FileLook, type FileStore, type TakeContext } from './file-take.js';
import { nameMatcher } from './glob.js';

/** A directory entry as listed (directories are never listed: they are not taken). */
export interface ListedEntry {
  name: string;
  /** false for links, FIFOs, sockets, devices: refused without waiting for them to settle */
  regular: boolean;
  size: number;
  mtimeMs: number;
}

/** What one poll works with; ended after the poll whatever happened. */
export interface PollSession<L extends FileLook = FileLook> {
  readonly store: FileStore<L>;
  list(): Promise<ListedEntry[]>;
  /** false once another process may be polling (the SFTP lock was lost): take no further file */
  held(): boolean;
  end(): Promise<void>;
}

export interface PollResult {
  outcome: 'polled' | 'locked' | 'failed' | 'closed';
  /** files handled this poll, by what happened to them */
  done: string[];
  rejected: string[];
  /** files left where they are for a later poll (not settled, changed while read, queue unavailable, poll stopped) */
  left: string[];
  /** files left because they are not complete yet (see completeness.ts) */
  incomplete: string[];
}

export interface PollerOptions<L extends FileLook> {
  ctx: Omit<TakeContext, 'incomplete'>;
  /** a session for one poll, or undefined when another process holds the poll (locked); throws when the store cannot be reached */
  open(): Promise<PollSession<L> | undefined>;
  /** longest delay between polls after failures; default pollMs (no backoff) */
  maxBackoffMs?: number;
  /** false: no timer, polls only through poll() (tests, one-shot tools) */
  schedule?: boolean;
}

export interface Poller {
  /** One poll now, after any poll in progress; resolves when every file it took was handled. */
  poll(): Promise<PollResult>;
  /** Something changed in the directory: poll soon rather than at the next period. */
  wake(): void;
  /** Takes no further file, waits for the one in hand. */
  stop(): Promise<void>;
}

/** Delay before the next poll: pollMs when healthy, doubling per consecutive failure up to maxMs, ±20 % jitter. */
export function nextDelayMs(failures: number, pollMs: number, maxMs: number, random = Math.random): number {
  const base = failures === 0 ? pollMs : Math.min(maxMs, pollMs * 2 ** Math.min(failures, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Since when (this process's clock) each name has had its current size and mtime. */
export class SettleClock {
  private readonly seen = new Map<string, { signature: string; since: number }>();

  constructor(
    private readonly settleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a listed entry; returns how many ms it still has to stay unchanged (0: settled). */
  observe(e: ListedEntry): number {
    if (!e.regular) return 0;
    const signature = `${e.size}:${e.mtimeMs}`;
    const now = this.now();
    const s = this.seen.get(e.name);
    if (s?.signature !== signature) {
      this.seen.set(e.name, { signature, since: now });
      return this.settleMs;
    }
    return Math.max(0, s.since + this.settleMs - now);
  }

  /** Forgets names that left the directory. */
  keepOnly(names: ReadonlySet<string>): void {
    for (const n of this.seen.keys()) if (!names.has(n)) this.seen.delete(n);
  }
}

/** Oldest first, then by name: the order the sender most likely wrote them in. */
export const pollOrder = (a: ListedEntry, b: ListedEntry): number => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name);

const errInfo = (err: unknown) => ({ code: (err as { code?: unknown }).code, message: (err as Error).message });

export function startPoller<L extends FileLook>(opts: PollerOptions<L>): Poller {
  const { ctx } = opts;
  const src = ctx.channel.source;
  const log: Logger = ctx.log;
  const matches = nameMatcher(src.pattern);
  const settle = new SettleClock(src.settleMs);
  const incomplete = new IncompleteFiles(src.incompleteTimeoutMs);
  const take = { ...ctx, incomplete };
  const label = src.type === 'sftp' ? 'SFTP' : 'file';

  let stopped = false;
  let failures = 0;
  /**
   * Files put back for a retry (queue unavailable, an unexpected error): polls woken early skip
   * them, so an outage is retried once per period rather than in a loop; other polls take them.
   */
  const deferred = new Set<string>();
  /** Ends the settle wait of the poll in progress (stop). */
  let interrupt: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const t = setTimeout(resolve, ms);
      interrupt = () => {
        clearTimeout(t);
        resolve();
      };
    }).finally(() => (interrupt = undefined));

  const listMatching = async (session: PollSession<L>): Promise<ListedEntry[]> => {
    const listed = (await session.list()).filter((e) => matches(e.name));
    const names = new Set(listed.map((e) => e.name));
    settle.keepOnly(names);
    incomplete.keepOnly(names);
    return listed;
  };

  /** The entries that settled; those still settling go to `left`. Waits out settleMs once, then lists again. */
  const settled = async (session: PollSession<L>, left: string[]): Promise<ListedEntry[]> => {
    let listed = await listMatching(session);
    // reduce, not Math.max(...): a backlog of many thousand files must not overflow the argument list
    const wait = listed.reduce((most, e) => Math.max(most, settle.observe(e)), 0);
    if (wait > 0) {
      await pause(wait);
      if (stopped) {
        left.push(...listed.map((e) => e.name));
        return [];
      }
      listed = await listMatching(session);
    }
    const ready: ListedEntry[] = [];
    // Unchanged since the first look but a few ms short: the timer ran on the event loop's cached
    // clock, which lags behind when the loop is busy, so it can fire before settleMs have passed.
    let short = 0;
    const unchanged: ListedEntry[] = [];
    for (const e of listed) {
      const remaining = wait === 0 ? 0 : settle.observe(e);
      if (remaining === 0) ready.push(e);
      else if (remaining < src.settleMs) {
        unchanged.push(e);
        short = Math.max(short, remaining);
      } else left.push(e.name); // new or changed since the first look: a later poll
    }
    if (unchanged.length > 0) {
      await pause(short);
      if (stopped) left.push(...unchanged.map((e) => e.name));
      else ready.push(...unchanged);
    }
    return ready.sort(pollOrder);
  };

  const pollOnce = async (byWake: boolean): Promise<PollResult> => {
    const result: PollResult = { outcome: 'polled', done: [], rejected: [], left: [], incomplete: [] };
    if (stopped) return { ...result, outcome: 'closed' };
    if (!byWake) deferred.clear();
    let session: PollSession<L> | undefined;
    try {
      session = await opts.open();
      if (!session) return { ...result, outcome: 'locked' };
      const files = await settled(session, result.left);
      for (const [i, file] of files.entries()) {
        // Stopping, or another process may be polling now: take no further file.
        if (stopped || !session.held()) {
          result.left.push(...files.slice(i).map((f) => f.name));
          break;
        }
        if (deferred.has(file.name)) {
          result.left.push(file.name);
          continue;
        }
        const what = await takeFile(session.store, file.name, take);
        if (what === 'left') {
          deferred.add(file.name);
          result.left.push(...files.slice(i).map((f) => f.name));
          break; // the queue is unavailable: the rest would fail the same way
        }
        if (what === 'failed') deferred.add(file.name);
        ({ done: result.done, rejected: result.rejected, waiting: result.left, failed: result.left, incomplete: result.incomplete })[what].push(file.name);
      }
      failures = 0;
      return result;
    } catch (err) {
      failures++;
      log.warn({ err: errInfo(err), failures }, `${label} poll failed; backing off`);
      return { ...result, outcome: 'failed' };
    } finally {
      await session?.end().catch(() => undefined);
    }
  };

  /** Polls run one at a time, in the order asked for. */
  let chain: Promise<unknown> = Promise.resolve();
  const run = (byWake: boolean): Promise<PollResult> => {
    const p = chain.then(() => pollOnce(byWake));
    chain = p.catch(() => undefined);
    return p;
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void run(false).finally(schedule), nextDelayMs(failures, src.pollMs, opts.maxBackoffMs ?? src.pollMs));
  };
  /** A woken poll already waiting its turn covers every wake until it starts. */
  let wakeQueued = false;

  if (opts.schedule !== false) void run(false).finally(schedule);

  return {
    poll: () => run(false),
    wake() {
      if (stopped || wakeQueued || opts.schedule === false) return;
      wakeQueued = true;
      void chain.then(() => {
        wakeQueued = false;
        return run(true);
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      interrupt?.();
      await chain;
    },
  };
}
