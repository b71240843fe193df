/**
 * Which enqueuer a process uses (HIG_ENQUEUER): `fast` only on the BullMQ release it was written
 * for, `plain` always, `auto` (the default) fast when it can be and plain otherwise. Checked once,
 * at start, so a BullMQ upgrade can never reach the fast path's reading of BullMQ internals.
 */
import { createRequire } from 'node:module';
import { createFastEnqueuer, FAST_PATH_BULLMQ_VERSION } from './enqueue-fast.js';
import { createPlainEnqueuer } from './enqueue-plain.js';
import type { Enqueuer } from './enqueuer.js';

/** Named like config errors: the CLI prints its message alone and exits 1. */
export class EnqueuerUnavailable extends Error {
  override name = 'ConfigError';
}

export type EnqueuerSetting = 'auto' | 'fast' | 'plain';

/** The BullMQ release installed beside hig (its package.json). */
export function installedBullmqVersion(): string {
  return (createRequire(import.meta.url)('bullmq/package.json') as { version: string }).version;
}

export interface SelectedEnqueuer {
  enqueuer: Enqueuer;
  /** why `auto` fell back to plain (for a warning at start); absent otherwise */
  fallback?: string;
}

/** Throws when `fast` is asked for on another BullMQ release: the daemon refuses to start. */
export function selectEnqueuer(setting: EnqueuerSetting, installed: string = installedBullmqVersion()): SelectedEnqueuer {
  if (setting === 'plain') return { enqueuer: createPlainEnqueuer() };
  if (installed === FAST_PATH_BULLMQ_VERSION) return { enqueuer: createFastEnqueuer() };
  const why = `the fast enqueue path was written for BullMQ ${FAST_PATH_BULLMQ_VERSION}, installed is ${installed}`;
  if (setting === 'fast') throw new EnqueuerUnavailable(`HIG_ENQUEUER=fast: ${why}; set HIG_ENQUEUER=plain (or auto), or adapt src/queue/enqueue-fast.ts to this release`);
  return { enqueuer: createPlainEnqueuer(), fallback: `${why}: using plain queue.add (slower)` };
}
