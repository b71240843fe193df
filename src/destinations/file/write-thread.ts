/**
 * A local file destination's writer: its files are written by a thread of its own, synchronously
 * and in batches (write.ts), so the engine's event loop hands over one message per file instead of
 * driving five thread-pool calls, and a slow or hung disk holds that destination's thread only,
 * never a listener or another destination. The thread starts with the first write, does not keep
 * the process alive while idle, and a thread that dies fails the writes it held (the delivery
 * retries them: a write is idempotent, write.ts) and is started again by the next one.
 */
import type { Worker } from 'node:worker_threads';
import { spawnThread } from '../../spawn-thread.js';
import type { FromWriter, ToWriter } from './write-thread-entry.js';
import type { WriteResult } from './write.js';

/** Small: the thread holds a batch of bodies and nothing else (8 MB young generation would be V8's default 16+). */
const YOUNG_GENERATION_MB = 2;

export interface FileWriter {
  /** undefined = MAX_SUFFIX names taken by other contents; rejects with the system error's code. */
  writeOnce(dir: string, name: string, body: Uint8Array, mode: number): Promise<WriteResult | undefined>;
  /** waits for the writes in flight, then stops the thread */
  close(): Promise<void>;
}

type Waiter = { resolve(result: WriteResult | undefined): void; reject(err: Error): void };

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export function fileWriter(): FileWriter {
  let thread: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, Waiter>();
  let drained: (() => void) | undefined;

  const settle = (id: number, settleOne: (w: Waiter) => void) => {
    const w = waiting.get(id);
    if (w === undefined) return;
    waiting.delete(id);
    settleOne(w);
    if (waiting.size === 0) {
      thread?.unref();
      drained?.();
    }
  };

  const failAll = (err: Error) => {
    for (const id of [...waiting.keys()]) settle(id, (w) => w.reject(err));
  };

  const start = (): Worker => {
    const t = spawnThread(import.meta.url, './write-thread-entry', { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    t.on('message', (answers: FromWriter) => {
      for (const a of answers) settle(a.id, (w) => ('ok' in a ? w.resolve(a.ok ?? undefined) : w.reject(systemError(a.error.code, a.error.message))));
    });
    const gone = () => {
      if (thread === t) thread = undefined;
      failAll(systemError('EWRITER', 'the file writer thread stopped'));
    };
    t.on('error', gone);
    t.on('exit', gone);
    return t;
  };

  return {
    writeOnce(dir, name, body, mode) {
      thread ??= start();
      if (waiting.size === 0) thread.ref();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // A copy of exactly the view's bytes, moved (not cloned) to the thread: a Buffer slice would
        // clone its whole backing store, and the caller's body may be shared with other destinations.
        const bytes = new Uint8Array(body);
        thread!.postMessage({ id, dir, name, body: bytes, mode } satisfies ToWriter, [bytes.buffer]);
      });
    },
    async close() {
      if (waiting.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      const t = thread;
      thread = undefined;
      await t?.terminate();
    },
  };
}
