/**
 * The file writer's thread (write-thread.ts starts it): requests that arrive while a batch is being
 * written wait for the next one, and each batch's files share one directory fsync (write.ts).
 * Answers go back as one message per batch: one wake-up of the engine's loop for all of them.
 */
import { parentPort } from 'node:worker_threads';
import { writeBatch, type WriteOutcome, type WriteRequest } from './write.js';

export type ToWriter = WriteRequest & { id: number };
export type FromWriter = Array<{ id: number } & WriteOutcome>;

const port = parentPort!;
let waiting: ToWriter[] = [];
let scheduled = false;

function run(): void {
  scheduled = false;
  const batch = waiting;
  waiting = [];
  const outcomes = writeBatch(batch);
  port.postMessage(batch.map((r, i) => ({ id: r.id, ...outcomes[i]! })) satisfies FromWriter);
}

port.on('message', (request: ToWriter) => {
  waiting.push(request);
  // After the messages already delivered in this turn: they join the batch.
  if (!scheduled) {
    scheduled = true;
    setImmediate(run);
  }
});
