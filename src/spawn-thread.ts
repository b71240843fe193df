/**
 * Starting a worker thread from an entry module beside the caller, compiled or not. Compiled: the
 * .js file. Under tsx (the benchmarks and tests run src/ directly) Node 20 does not carry tsx's
 * loader into a worker thread, so the thread registers it before importing the .ts entry.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `base` names the entry without its extension, relative to `from` (the caller's import.meta.url). */
export function spawnThread(from: string, base: string, options: WorkerOptions = {}): Worker {
  const ext = extname(fileURLToPath(from));
  const entry = new URL(`${base}${ext}`, from);
  if (ext === '.js') return new Worker(entry, options);
  const boot = `import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry.href)}))`;
  return new Worker(boot, { ...options, eval: true });
}
