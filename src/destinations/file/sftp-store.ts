/**
 * The file destination's store on an SFTP server. One SSH session per destination, opened on the
 * first write and kept; any failure ends it, so the next delivery reconnects (the queue's retries
 * and backoff pace that). The server must present the pinned host key.
 *
 * Atomic and never overwriting, with what SFTP v3 offers: the bytes go to a temp file opened with
 * O_CREAT|O_EXCL ('wx') under a random dot-name in the target directory, are fsynced where the
 * server has fsync@openssh.com, and the file is then renamed with the protocol's plain RENAME,
 * which refuses an existing target (OpenSSH's server links then unlinks; it never replaces). We do
 * not use posix-rename@openssh.com: it replaces. An existing target with the same bytes means this
 * message was written before (retry after a lost answer).
 */
import { NO_SUCH_FILE, sftpCall } from '../../sftp-call.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { SFTPWrapper, Stats } from 'ssh2';
import type { Logger } from '../../log.js';
import { hostKeyMatches } from '../../security/host-key.js';
import { withSuffix } from './name.js';
import { MAX_SUFFIX, type FileStore, type WriteResult } from './store.js';

export interface SftpStoreConfig {
  host: string;
  port: number;
  username: string;
  privateKeyPath?: string | undefined;
  passphraseEnv?: string | undefined;
  passwordEnv?: string | undefined;
  hostKeySha256: string;
  connectTimeoutMs: number;
  /** longest wait for one SFTP request (a stuck server ends the session) */
  requestTimeoutMs: number;
}

const CHUNK = 32 * 1024;

/** The store's own failure: a code, never a path or a credential. */
export class SftpStoreError extends Error {
  override readonly name = 'SftpStoreError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const missing = (err: unknown) => (err as { code?: unknown }).code === NO_SUCH_FILE;

/** Credentials are read when the destination is created: a missing variable is a config problem, named by field. */
function credentials(config: SftpStoreConfig, env: NodeJS.ProcessEnv): { privateKey?: Buffer; passphrase?: string; password?: string } {
  const secret = (name: string | undefined, field: string) => {
    if (name === undefined) return undefined;
    const v = env[name];
    if (!v) throw new SftpStoreError('SFTP_CONFIG', `sftp.${field}: environment variable ${name} is not set`);
    return v;
  };
  if (config.privateKeyPath !== undefined) {
    let privateKey: Buffer;
    try {
      privateKey = readFileSync(config.privateKeyPath);
    } catch (err) {
      throw new SftpStoreError('SFTP_CONFIG', `sftp.privateKeyPath: cannot read the key file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const passphrase = secret(config.passphraseEnv, 'passphraseEnv');
    return { privateKey, ...(passphrase ? { passphrase } : {}) };
  }
  const password = secret(config.passwordEnv, 'passwordEnv');
  return password ? { password } : {};
}

export function sftpStore(dir: string, config: SftpStoreConfig, deps: { env: NodeJS.ProcessEnv; log?: Logger }): FileStore {
  const auth = credentials(config, deps.env);
  const where = `sftp ${config.host}:${config.port}`;
  let session: Promise<{ client: SftpClient; sftp: SFTPWrapper }> | undefined;
  let closed = false;

  const connect = async () => {
    const client = new SftpClient('hig-file-destination');
    let hostKeyRejected = false;
    try {
      const sftp = await client.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        readyTimeout: config.connectTimeoutMs,
        ...auth,
        hostVerifier: (key: Buffer) => {
          hostKeyRejected = !hostKeyMatches(config.hostKeySha256, key);
          return !hostKeyRejected;
        },
      });
      return { client, sftp };
    } catch (err) {
      await client.end().catch(() => undefined);
      if (hostKeyRejected) throw new SftpStoreError('HOST_KEY_MISMATCH', `${where}: host key does not match sftp.hostKeySha256`);
      throw new SftpStoreError('SFTP_CONNECT', `${where}: cannot connect (${(err as { code?: string }).code ?? 'error'})`);
    }
  };

  const drop = (s: typeof session) => {
    if (session !== s || s === undefined) return;
    session = undefined;
    void s.then(({ client }) => client.end()).catch(() => undefined);
  };

  /** One SFTP request with a time limit; a request the server never answers ends the session. */
  const bounded = <T>(work: Promise<T>, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SftpStoreError('SFTP_TIMEOUT', `${where}: ${what} took longer than ${config.requestTimeoutMs} ms`)), config.requestTimeoutMs);
      work.then(resolve, reject).finally(() => clearTimeout(timer));
    });

  const lstat = async (sftp: SFTPWrapper, path: string): Promise<Stats | undefined> => {
    try {
      return await bounded(sftpCall<Stats>((cb) => sftp.lstat(path, cb)), 'lstat');
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  };

  const sameContent = async (sftp: SFTPWrapper, path: string, body: Buffer): Promise<boolean> => {
    const st = await lstat(sftp, path);
    if (!st || !st.isFile() || st.size !== body.length) return false;
    const handle = await bounded(sftpCall<Buffer>((cb) => sftp.open(path, 'r', cb)), 'open');
    try {
      const existing = Buffer.alloc(body.length);
      for (let at = 0; at < body.length; ) {
        const n = await bounded(sftpCall<number>((cb) => sftp.read(handle, existing, at, Math.min(CHUNK, body.length - at), at, (err, bytesRead) => cb(err, bytesRead))), 'read');
        if (n <= 0) return false;
        at += n;
      }
      return existing.equals(body);
    } finally {
      await sftpCall<void>((cb) => sftp.close(handle, cb)).catch(() => undefined);
    }
  };

  const writeTemp = async (sftp: SFTPWrapper, temp: string, body: Buffer, mode: number): Promise<void> => {
    const handle = await bounded(sftpCall<Buffer>((cb) => sftp.open(temp, 'wx', { mode }, cb)), 'open');
    try {
      for (let at = 0; at < body.length; at += CHUNK) {
        const length = Math.min(CHUNK, body.length - at);
        await bounded(sftpCall<void>((cb) => sftp.write(handle, body, at, length, at, cb)), 'write');
      }
      // Durable before it takes its name, where the server can say so.
      await bounded(sftpCall<void>((cb) => sftp.ext_openssh_fsync(handle, cb)), 'fsync').catch((err: unknown) => {
        if (err instanceof SftpStoreError) throw err;
      });
    } finally {
      await sftpCall<void>((cb) => sftp.close(handle, cb)).catch(() => undefined);
    }
  };

  const write = async (sftp: SFTPWrapper, name: string, body: Buffer, mode: number): Promise<WriteResult | undefined> => {
    const temp = posix.join(dir, `.hig-${randomBytes(16).toString('hex')}.tmp`);
    await writeTemp(sftp, temp, body, mode);
    let renamed = false;
    try {
      for (let n = 0; n < MAX_SUFFIX; n++) {
        const candidate = withSuffix(name, n);
        const target = posix.join(dir, candidate);
        try {
          await bounded(sftpCall<void>((cb) => sftp.rename(temp, target, cb)), 'rename');
          renamed = true;
          return { written: true, name: candidate };
        } catch (err) {
          if (err instanceof SftpStoreError) throw err;
          // SFTP v3 does not say why a rename failed: an existing target is the case we handle.
          if (!(await lstat(sftp, target))) throw err;
          if (await sameContent(sftp, target, body)) return { written: false, name: candidate, reason: 'same-content' };
        }
      }
      return undefined;
    } finally {
      if (!renamed) await bounded(sftpCall<void>((cb) => sftp.unlink(temp, cb)), 'unlink').catch(() => undefined);
    }
  };

  return {
    where,
    async writeOnce(name, body, mode) {
      if (closed) throw new SftpStoreError('SFTP_CLOSED', `${where}: the destination is closed`);
      session ??= connect();
      const current = session;
      let sftp: SFTPWrapper;
      try {
        ({ sftp } = await current);
      } catch (err) {
        if (session === current) session = undefined;
        throw err;
      }
      try {
        return await write(sftp, name, body, mode);
      } catch (err) {
        drop(current);
        deps.log?.warn({ store: where, code: (err as { code?: unknown }).code ?? 'error' }, 'sftp destination: request failed; the session is closed and reopened on the next delivery');
        if (err instanceof SftpStoreError) throw err;
        throw new SftpStoreError('SFTP_FAILED', `${where}: request failed (${typeof (err as { code?: unknown }).code === 'number' ? `SFTP status ${(err as { code: number }).code}` : 'error'})`);
      }
    },
    async close() {
      closed = true;
      const s = session;
      session = undefined;
      if (s) await s.then(({ client }) => client.end()).catch(() => undefined);
    },
  };
}
