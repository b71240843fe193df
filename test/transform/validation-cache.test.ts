/**
 * The validator's start-up cache (src/transform/validation/cache.ts) must not change a verdict:
 * the slim definitions index to exactly what the published ones do, type by type, and a
 * validator loaded as cached code reports what the compiled one reports.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cachedSchemaValidator, compileSchemaValidator } from '../../src/transform/validate.js';
import { cacheDir, readCached, writeCached } from '../../src/transform/validation/cache.js';
import { repoRoot } from './helpers.js';

function indexIn(mode: 'full' | 'slim'): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(path.join(repoRoot, 'test/support/definitions-index.mjs'), { workerData: mode });
    w.once('message', (m: Record<string, string>) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('validation cache', () => {
  it('slim definitions index to the same schema as the published ones, for every type', async () => {
    const [full, slim] = await Promise.all([indexIn('full'), indexIn('slim')]);
    expect(Object.keys(full).length).toBeGreaterThan(200);
    for (const [name, schema] of Object.entries(full)) expect(slim[name], name).toBe(schema);
  }, 180_000);

  it('a validator loaded as cached code reports what the compiled one reports', () => {
    const compiled = compileSchemaValidator('Patient');
    const cached = cachedSchemaValidator('Patient');
    expect(compiled).toBeDefined();
    expect(cached).toBeDefined();
    const samples = [
      { resourceType: 'Patient', gender: 'CANARY' },
      { resourceType: 'Patient', birthDate: '1980-13-45', name: { family: 'x' } },
      { resourceType: 'Patient', name: [{ family: 'X' }], nickname: 'y' },
      { resourceType: 'Patient', name: [{ family: 'X' }] },
    ];
    for (const s of samples) {
      const a = compiled?.(s);
      const errorsA = JSON.stringify(compiled?.errors ?? null);
      const b = cached?.(s);
      const errorsB = JSON.stringify(cached?.errors ?? null);
      expect(b).toBe(a);
      expect(errorsB).toBe(errorsA);
    }
  }, 60_000);

  it('stores and reads artifacts under a key of the packages and the deriving code', () => {
    const salt = `test|${Math.random()}`;
    onTestFinished(() => rmSync(cacheDir(salt) ?? '/nonexistent', { recursive: true, force: true }));
    expect(cacheDir(salt)).toMatch(/node_modules[\\/]\.cache[\\/]hig[\\/][0-9a-f]{16}$/);
    expect(readCached(salt, 'x.json')).toBeUndefined();
    writeCached(salt, 'x.json', '{"a":1}');
    expect(readCached(salt, 'x.json')).toBe('{"a":1}');
    expect(cacheDir(`${salt}!`)).not.toBe(cacheDir(salt));
  });
});
