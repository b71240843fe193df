/**
 * The one poller of the file and SFTP sources (file-poller.ts), over the local drop directory's
 * FileStore on a real temporary directory and a real Redis: which entries a poll takes (glob,
 * settle), in what order, and what stopping does. The settle rule itself is also a table over a
 * fake clock, since a real writer racing a real timer would make the test depend on machine speed.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalDrop, type FileChannel } from '../../src/sources/file.js';
import { pollOrder, SettleClock, startPoller, type ListedEntry, type Poller, type PollResult } from '../../src/sources/file-poller.js';
import { testChannel } from '../support/channel.js';
import { ls } from '../support/drop.js';
import { hl7, startIntakeRig, until, type IntakeRig } from '../support/intake-deps.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';

const prefix = testPrefix('file-poller');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(() => dropPrefix(prefix));

const entry = (name: string, size: number, mtimeMs: number, regular = true): ListedEntry => ({ name, size, mtimeMs, regular });

describe('settle rule', () => {
  it.each<[string, number, Array<[at: number, e: ListedEntry, left: number]>]>([
    ['a new file waits settleMs from first sight', 300, [[1000, entry('a', 10, 5), 300]]],
    ['unchanged, it counts down and then settles', 300, [[0, entry('a', 10, 5), 300], [100, entry('a', 10, 5), 200], [300, entry('a', 10, 5), 0], [5000, entry('a', 10, 5), 0]]],
    ['a size change starts the wait again', 300, [[0, entry('a', 10, 5), 300], [250, entry('a', 11, 5), 300], [500, entry('a', 11, 5), 50]]],
    ['an mtime change alone starts it again', 300, [[0, entry('a', 10, 5), 300], [400, entry('a', 10, 6), 300]]],
    ['the file\'s own mtime is never trusted: an old mtime still waits', 300, [[10_000_000, entry('a', 10, 0), 300]]],
    ['links, FIFOs and the like settle at once', 300, [[0, entry('l', 0, 0, false), 0]]],
    ['settleMs 0 takes at first sight', 0, [[0, entry('a', 10, 5), 0]]],
    ['names are independent', 300, [[0, entry('a', 10, 5), 300], [200, entry('b', 1, 1), 300], [300, entry('a', 10, 5), 0], [300, entry('b', 1, 1), 200]]],
  ])('%s', (_label, settleMs, steps) => {
    let now = 0;
    const clock = new SettleClock(settleMs, () => now);
    for (const [at, e, left] of steps) {
      now = at;
      expect(clock.observe(e)).toBe(left);
    }
  });

  it('forgets names that left the directory', () => {
    let now = 0;
    const clock = new SettleClock(300, () => now);
    clock.observe(entry('a', 10, 5));
    now = 400;
    clock.keepOnly(new Set(['b']));
    expect(clock.observe(entry('a', 10, 5))).toBe(300);
  });

  it('orders oldest first, then by name', () => {
    const listed = [entry('b', 1, 20), entry('c', 1, 10), entry('a', 1, 20), entry('l', 0, 0, false)];
    expect(listed.sort(pollOrder).map((e) => e.name)).toEqual(['l', 'c', 'a', 'b']);
  });
});

interface Rig {
  ch: FileChannel;
  rig: IntakeRig;
  poller: Poller;
  /** how many times the poller listed the directory */
  listings(): number;
}

/**
 * A poller over the local drop directory, timer off. `afterList` runs after each listing, inside
 * the poll: where a writer or an operator would act between the poller's looks.
 */
async function pollerRig(id: string, source: Record<string, unknown>, hooks: { afterList?: (n: number, r: Rig) => void; onStored?: (r: Rig) => void } = {}): Promise<Rig> {
  const base = mkdtempSync(join(tmpdir(), `hig-poller-${id}-`));
  const ch = testChannel({ id, accept: { messageTypes: ['ADT^*'] }, source: { type: 'file', dir: join(base, 'in'), errorDir: join(base, 'error'), ...source } }) as FileChannel;
  mkdirSync(ch.source.dir, { recursive: true });
  const rig = await startIntakeRig([ch], prefix, REDIS_URL);
  let listings = 0;
  const deps = { ...rig.deps, onStored: () => hooks.onStored?.(r) };
  const drop = await openLocalDrop(ch, rig.deps.log);
  const poller = startPoller({
    ctx: { channel: ch, deps, log: rig.deps.log },
    schedule: false,
    open: async () => {
      const session = await drop.open();
      return {
        ...session,
        list: async () => {
          const listed = await session.list();
          listings++;
          hooks.afterList?.(listings, r);
          return listed;
        },
      };
    },
  });
  const r: Rig = { ch, rig, poller, listings: () => listings };
  cleanups.push(async () => {
    await poller.stop();
    await drop.close();
    await rig.close();
  });
  return r;
}

const drop = (r: Rig, name: string, text: string, mtimeSec?: number) => {
  writeFileSync(join(r.ch.source.dir, name), text);
  if (mtimeSec !== undefined) utimesSync(join(r.ch.source.dir, name), mtimeSec, mtimeSec);
};

const t0 = Math.floor(Date.now() / 1000) - 3600;
let cases = 0;

describe('the poller over a local drop directory', () => {
  it.each<{
    label: string;
    source?: Record<string, unknown>;
    files: Array<[name: string, text: string, mtimeSec?: number]>;
    afterList?: (n: number, r: Rig) => void;
    onStored?: (r: Rig) => void;
    result: Partial<PollResult>;
    stored: string[];
    leftInDir: string[];
  }>([
    {
      label: 'takes settled files oldest first, by name on equal mtimes',
      files: [
        ['b.hl7', hl7('B'), t0 + 2],
        ['c.hl7', hl7('C'), t0 + 1],
        ['a.hl7', hl7('A'), t0 + 2],
      ],
      result: { outcome: 'polled', done: ['c.hl7', 'a.hl7', 'b.hl7'], left: [] },
      stored: ['C', 'A', 'B'],
      leftInDir: [],
    },
    {
      label: 'takes only names matching the pattern, never hidden or temporary ones',
      source: { pattern: '*.{hl7,txt}' },
      files: [
        ['a.hl7', hl7('A')],
        ['b.txt', hl7('B')],
        ['c.dat', hl7('C')],
        ['.d.hl7', hl7('D')],
        ['e.hl7.part', hl7('E')],
      ],
      result: { done: ['a.hl7', 'b.txt'], left: [], rejected: [] },
      stored: ['A', 'B'],
      leftInDir: ['.d.hl7', 'c.dat', 'e.hl7.part'],
    },
    {
      label: 'a file written to between the two looks is left for a later poll',
      source: { settleMs: 200 },
      files: [
        ['a.hl7', hl7('A'), t0],
        ['grows.hl7', hl7('G1'), t0],
      ],
      afterList: (n, r) => {
        if (n === 1) appendFileSync(join(r.ch.source.dir, 'grows.hl7'), hl7('G2'));
      },
      result: { done: ['a.hl7'], left: ['grows.hl7'] },
      stored: ['A'],
      leftInDir: ['grows.hl7'],
    },
    {
      label: 'a file that appears between the two looks waits for the next poll',
      source: { settleMs: 200 },
      files: [['a.hl7', hl7('A'), t0]],
      afterList: (n, r) => {
        if (n === 1) drop(r, 'late.hl7', hl7('L'), t0 - 10);
      },
      result: { done: ['a.hl7'], left: ['late.hl7'] },
      stored: ['A'],
      leftInDir: ['late.hl7'],
    },
    {
      label: 'stopping between files: the file in hand is finished, the rest stay',
      files: [
        ['1.hl7', hl7('S1'), t0],
        ['2.hl7', hl7('S2'), t0 + 1],
        ['3.hl7', hl7('S3'), t0 + 2],
      ],
      onStored: (r) => void r.poller.stop(),
      result: { done: ['1.hl7'], left: ['2.hl7', '3.hl7'] },
      stored: ['S1'],
      leftInDir: ['2.hl7', '3.hl7'],
    },
    {
      label: 'stopping while the poll waits for files to settle: nothing is taken',
      // Ten minutes: the poll can only end in time if stopping cuts the wait short.
      source: { settleMs: 600_000 },
      files: [['a.hl7', hl7('A')]],
      afterList: (_n, r) => void r.poller.stop(),
      result: { outcome: 'polled', done: [], left: ['a.hl7'] },
      stored: [],
      leftInDir: ['a.hl7'],
    },
  ])('$label', async ({ source = {}, files, afterList, onStored, result, stored, leftInDir }) => {
    const id = `poll-case-${++cases}`;
    const r = await pollerRig(id, { settleMs: 50, ...source }, { ...(afterList ? { afterList } : {}), ...(onStored ? { onStored } : {}) });
    for (const [name, text, mtime] of files) drop(r, name, text, mtime);
    expect(await r.poller.poll()).toMatchObject(result);
    expect(await r.rig.controlIds(id)).toEqual(stored);
    expect(ls(r.ch.source.dir)).toEqual(leftInDir);
  });

  it('refuses a link without waiting for it to settle, and a stopped poller polls no more', async () => {
    const r = await pollerRig('plink', { settleMs: 600_000 });
    symlinkSync('/etc/hostname', join(r.ch.source.dir, 'link.hl7'));
    expect(await r.poller.poll()).toMatchObject({ outcome: 'polled', rejected: ['link.hl7'], done: [] });
    expect(ls(r.ch.source.errorDir)).toEqual(['link.hl7', 'link.hl7.error.json']);
    await r.poller.stop();
    drop(r, 'after.hl7', hl7('AFTER'));
    expect(await r.poller.poll()).toMatchObject({ outcome: 'closed' });
    expect(r.listings()).toBe(1);
  });

  it('a poll asked for while another runs waits for it, then looks again', async () => {
    const r = await pollerRig('pserial', { settleMs: 50 });
    drop(r, 'a.hl7', hl7('A'));
    const [first, second] = await Promise.all([r.poller.poll(), r.poller.poll()]);
    expect(first.done).toEqual(['a.hl7']);
    expect(second).toMatchObject({ outcome: 'polled', done: [], left: [] });
    await until(async () => (await r.rig.controlIds('pserial')).length === 1);
  });
});
