/**
 * API keys per client, for the HTTP intake. Keys are shown once at creation and stored only as
 * scrypt hashes in the clients file (`<HIG_DATA_DIR>/clients.json` unless told otherwise).
 *
 * Key format `hig_<keyId>_<secret>`: the public key id finds the one hash to check, so a request
 * costs one scrypt at most; a verified key is then remembered (as a SHA-256 digest, never the key)
 * so steady traffic costs a hash lookup, not 50 ms of scrypt per request. Failed attempts are
 * limited per address and per key id before any hashing (see fileApiKeyStore).
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { addressKey, createFailureLimiter, type Attempt, type FailureLimiterOptions } from './failure-limiter.js';

const defaults = {
  /** scrypt cost: 2^15 × 8 × 128 B = 32 MiB and ~50-100 ms per check, OWASP's floor for scrypt */
  scrypt: { N: 32768, r: 8, p: 1, keyLength: 32, maxmem: 64 * 1024 * 1024 },
  /** requests per window per client when the clients file does not say */
  rateLimit: { max: 600, windowMs: 60_000 },
  /** how often the clients file is checked for changes (new or revoked keys) */
  reloadCheckMs: 1000,
  /** how long a verified key is remembered */
  cacheMs: 5 * 60_000,
  /** failed authentications per address and per key id before 429 (checked before hashing) */
  failures: { max: 10, windowMs: 60_000, maxKeys: 10_000 },
} as const;

export function defaultClientsFile(dataDir: string): string {
  return join(dataDir, 'clients.json');
}

const rateLimitSchema = z
  .object({
    max: z.number().int().min(1).describe('requests allowed per window'),
    windowMs: z.number().int().min(1000).describe('window length; tokens refill evenly over it'),
  })
  .strict();

const storedKeySchema = z
  .object({
    id: z.string().regex(/^[a-f0-9]{12}$/),
    hash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/),
    createdAt: z.string(),
    label: z.string().optional(),
    revoked: z.boolean().optional(),
  })
  .strict();

export const clientsFileSchema = z
  .object({
    clients: z.array(
      z
        .object({
          id: z.number().int().min(0).describe('clientId, as in channel files'),
          name: z.string().optional(),
          rateLimit: rateLimitSchema.optional(),
          keys: z.array(storedKeySchema).default([]),
        })
        .strict(),
    ),
  })
  .strict();

export type ClientsFile = z.infer<typeof clientsFileSchema>;
export type RateLimit = z.infer<typeof rateLimitSchema>;

export class ApiKeyError extends Error {
  override name = 'ApiKeyError';
}

function scrypt(secret: string, salt: Buffer, p: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: defaults.scrypt.maxmem };
  return new Promise((resolve, reject) => scryptCb(secret, salt, p.keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`: parameters travel with the hash so they can be raised later. */
export async function hashSecret(secret: string, params: { N: number; r: number; p: number } = defaults.scrypt): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, { ...params, keyLength: defaults.scrypt.keyLength });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function secretMatches(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = await scrypt(secret, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), keyLength: expected.length });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

export interface ParsedKey {
  keyId: string;
  secret: string;
}

export function parseApiKey(presented: string): ParsedKey | undefined {
  const m = /^hig_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(presented.trim());
  return m ? { keyId: m[1]!, secret: m[2]! } : undefined;
}

export function readClientsFile(path: string): ClientsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { clients: [] };
    throw new ApiKeyError(`${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiKeyError(`${path}: not valid JSON`);
  }
  const parsed = clientsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiKeyError(`${path}: ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

async function writeClientsFile(path: string, data: ClientsFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
  await rename(tmp, path);
}

/** Creates a key for a client (adding the client if new); the key itself is returned once, never stored. */
export async function createApiKey(
  path: string,
  clientId: number,
  opts: { name?: string; label?: string; scryptParams?: { N: number; r: number; p: number }; now?: Date } = {},
): Promise<{ key: string; keyId: string; clientId: number }> {
  const data = readClientsFile(path);
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const hash = await hashSecret(secret, opts.scryptParams);
  let client = data.clients.find((c) => c.id === clientId);
  if (!client) {
    client = { id: clientId, ...(opts.name ? { name: opts.name } : {}), keys: [] };
    data.clients.push(client);
  }
  client.keys.push({ id: keyId, hash, createdAt: (opts.now ?? new Date()).toISOString(), ...(opts.label ? { label: opts.label } : {}) });
  await writeClientsFile(path, data);
  return { key: `hig_${keyId}_${secret}`, keyId, clientId };
}

/** Marks a key revoked (kept for the audit trail); running daemons stop accepting it within a second. */
export async function revokeApiKey(path: string, keyId: string): Promise<boolean> {
  const data = JSON.parse(await readFile(path, 'utf8').catch(() => '{"clients":[]}')) as unknown;
  const parsed = clientsFileSchema.parse(data);
  const key = parsed.clients.flatMap((c) => c.keys).find((k) => k.id === keyId);
  if (!key) return false;
  key.revoked = true;
  await writeClientsFile(path, parsed);
  return true;
}

export interface Authenticated {
  clientId: number;
  keyId: string;
}

export type AuthResult =
  | { ok: true; auth: Authenticated }
  /** no key, a malformed, unknown or revoked key, or a wrong secret */
  | { ok: false; reason: 'missing' | 'invalid' }
  /** too many failures from this address or for this key id: refused before any hashing */
  | { ok: false; reason: 'limited'; retryAfterMs: number };

export interface ApiKeyStore {
  /** May a client at `address` try to authenticate now? For checks made before a body is read. */
  admits(address: string | undefined): Attempt;
  authenticate(presented: string | undefined, address: string | undefined): Promise<AuthResult>;
  rateLimitFor(clientId: number): RateLimit;
  /** scrypt verifications run so far: the work an attacker can make this process do */
  readonly verifications: number;
}

export interface ApiKeyStoreOptions {
  now?: () => number;
  /** failures per client address (IPv6 by /64) per window before 429. @defaultValue 10 a minute */
  perAddress?: Omit<FailureLimiterOptions, 'now'>;
  /** failures per key id per window before 429. @defaultValue 10 a minute */
  perKeyId?: Omit<FailureLimiterOptions, 'now'>;
}

/**
 * Keys from a clients file, reloaded when the file changes (new keys work without a restart).
 *
 * A known key id with a wrong secret is the one failure that costs an scrypt (~50-100 ms of a
 * libuv thread), so failures are counted per client address and per key id, and checked BEFORE
 * hashing: past the limit the request is refused without any hashing. A verified key is served
 * from the cache whatever the counts, so a client whose key id is being guessed at keeps working
 * as long as it has been verified within `cacheMs`.
 */
export function fileApiKeyStore(path: string, opts: ApiKeyStoreOptions = {}): ApiKeyStore {
  const now = opts.now ?? Date.now;
  let data = readClientsFile(path);
  let signature = fileSignature(path);
  let checkedAt = now();
  let verifications = 0;
  const verified = new Map<string, { auth: Authenticated; until: number }>();
  const byAddress = createFailureLimiter({ ...defaults.failures, ...opts.perAddress, now });
  const byKeyId = createFailureLimiter({ ...defaults.failures, ...opts.perKeyId, now });

  const refresh = () => {
    if (now() - checkedAt < defaults.reloadCheckMs) return;
    checkedAt = now();
    const sig = fileSignature(path);
    if (sig === signature) return;
    try {
      data = readClientsFile(path);
      signature = sig;
      verified.clear(); // a revoked key must stop working
    } catch {
      // A half-edited file keeps the last good keys rather than locking every client out.
    }
  };

  const cached = (presented: string): Authenticated | undefined => {
    const hit = verified.get(createHash('sha256').update(presented).digest('base64'));
    return hit && hit.until > now() ? hit.auth : undefined;
  };

  const findKey = (keyId: string) => {
    for (const client of data.clients) {
      const key = client.keys.find((k) => k.id === keyId);
      if (key) return { client, key };
    }
    return undefined;
  };

  /** The scrypt check, with a failure reserved for the address and the key id while it runs. */
  const verify = async (parsed: ParsedKey, hash: string, from: string): Promise<boolean | { retryAfterMs: number }> => {
    const address = byAddress.attempt(from);
    if (!address.ok) return address;
    const keyId = byKeyId.attempt(parsed.keyId);
    if (!keyId.ok) {
      byAddress.succeeded(from);
      return keyId;
    }
    verifications++;
    if (!(await secretMatches(parsed.secret, hash))) return false;
    byAddress.succeeded(from);
    byKeyId.succeeded(parsed.keyId);
    return true;
  };

  return {
    admits: (address) => byAddress.check(addressKey(address)),
    async authenticate(presented, address) {
      refresh();
      const hit = presented === undefined ? undefined : cached(presented);
      if (hit) return { ok: true, auth: hit };
      const from = addressKey(address);
      const gate = byAddress.check(from);
      if (!gate.ok) return { ok: false, reason: 'limited', retryAfterMs: gate.retryAfterMs };
      const parsed = presented === undefined ? undefined : parseApiKey(presented);
      const found = parsed && findKey(parsed.keyId);
      if (!parsed || !found || found.key.revoked) {
        byAddress.fail(from);
        return { ok: false, reason: presented === undefined ? 'missing' : 'invalid' };
      }
      const outcome = await verify(parsed, found.key.hash, from);
      if (outcome === false) return { ok: false, reason: 'invalid' };
      if (outcome !== true) return { ok: false, reason: 'limited', retryAfterMs: outcome.retryAfterMs };
      const auth = { clientId: found.client.id, keyId: found.key.id };
      verified.set(createHash('sha256').update(presented!).digest('base64'), { auth, until: now() + defaults.cacheMs });
      return { ok: true, auth };
    },
    rateLimitFor(clientId) {
      return data.clients.find((c) => c.id === clientId)?.rateLimit ?? defaults.rateLimit;
    },
    get verifications() {
      return verifications;
    },
  };
}

function fileSignature(path: string): string {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return 'missing';
  }
}
