/**
 * Named operators (issue 16, item 5): `hig user add NAME --role viewer|operator|phi-viewer|admin`.
 * Kept in `<HIG_DATA_DIR>/operators.json` (mode 0600), like API clients: passwords only as scrypt
 * hashes (node:crypto; N=2^15, r=8, p=1, 16-byte salt, 32-byte key), compared in constant time.
 * The daemon re-reads the file when it changes, so `hig user add` needs no restart.
 *
 * Verifying costs ~50-100 ms of CPU by design; a verified (name, password digest) pair is
 * remembered for a minute so scripts calling the API with Basic auth do not pay it per request.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const OPERATOR_ROLES = ['viewer', 'operator', 'phi-viewer', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;
const CACHE_MS = 60_000;

interface StoredOperator {
  name: string;
  role: OperatorRole;
  salt: string;
  hash: string;
  createdAt: string;
}

export class OperatorError extends Error {
  override name = 'OperatorError';
}

export const operatorsFile = (dataDir: string) => join(dataDir, 'operators.json');

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function read(file: string): StoredOperator[] {
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { operators?: StoredOperator[] };
  return Array.isArray(parsed.operators) ? parsed.operators : [];
}

function write(file: string, ops: StoredOperator[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ operators: ops }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

const derive = (password: string, salt: Buffer) => scryptSync(password, salt, KEY_BYTES, SCRYPT);

/** Adds (or, with `replace`, resets) an operator; returns the password (generated unless given). */
export function addOperator(file: string, name: string, role: string, opts: { password?: string; replace?: boolean } = {}): { password: string } {
  if (!NAME.test(name)) throw new OperatorError('NAME: letters, digits and . _ @ - (up to 64), starting with a letter or digit');
  if (!(OPERATOR_ROLES as readonly string[]).includes(role)) throw new OperatorError(`--role: expected one of ${OPERATOR_ROLES.join(', ')}`);
  const password = opts.password ?? randomBytes(18).toString('base64url');
  if (password.length < 12) throw new OperatorError('password: at least 12 characters');
  const ops = read(file);
  const existing = ops.findIndex((o) => o.name === name);
  if (existing >= 0 && !opts.replace) throw new OperatorError(`operator ${name} exists (use --replace to reset the role and password)`);
  const salt = randomBytes(16);
  const entry: StoredOperator = { name, role: role as OperatorRole, salt: salt.toString('base64'), hash: derive(password, salt).toString('base64'), createdAt: new Date().toISOString() };
  if (existing >= 0) ops[existing] = entry;
  else ops.push(entry);
  write(file, ops);
  return { password };
}

export function removeOperator(file: string, name: string): boolean {
  const ops = read(file);
  const kept = ops.filter((o) => o.name !== name);
  if (kept.length === ops.length) return false;
  write(file, kept);
  return true;
}

export function listOperators(file: string): Array<{ name: string; role: OperatorRole; createdAt: string }> {
  return read(file).map(({ name, role, createdAt }) => ({ name, role, createdAt }));
}

export interface OperatorDirectory {
  /** the operator when name and password match, else undefined */
  verify(name: string, password: string): { name: string; role: OperatorRole } | undefined;
  /** the operator's current role (a session re-checks it: a removed operator's session ends) */
  roleOf(name: string): OperatorRole | undefined;
}

export function operatorDirectory(file: string, now: () => number = Date.now): OperatorDirectory {
  let cachedMtime = -1;
  let ops = new Map<string, StoredOperator>();
  const verified = new Map<string, { digest: Buffer; until: number; role: OperatorRole }>();
  const load = () => {
    let mtime = 0;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      mtime = 0;
    }
    if (mtime !== cachedMtime) {
      cachedMtime = mtime;
      ops = new Map((mtime ? read(file) : []).map((o) => [o.name, o]));
      verified.clear();
    }
    return ops;
  };
  return {
    verify(name, password) {
      const op = load().get(name);
      if (!op) {
        // The same work as a real check, so a missing name does not answer faster.
        derive(password, Buffer.alloc(16));
        return undefined;
      }
      const digest = createHash('sha256').update(password).digest();
      const hit = verified.get(name);
      if (hit && hit.until > now() && timingSafeEqual(hit.digest, digest)) return { name, role: op.role };
      const expected = Buffer.from(op.hash, 'base64');
      const given = derive(password, Buffer.from(op.salt, 'base64'));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      verified.set(name, { digest, until: now() + CACHE_MS, role: op.role });
      return { name, role: op.role };
    },
    roleOf: (name) => load().get(name)?.role,
  };
}
