/**
 * SFTP source: the remote directory as a `FileStore` (file-take.ts) for the one poller
 * (file-poller.ts). A poll session is a Redis poll lock (one process at a time polls a channel, so
 * two daemons never take the same file) plus one SSH connection; the server's host key is pinned
 * (SHA-256), and failed polls back off exponentially. Every message is enqueued before the remote
 * file is deleted or moved (invariant 2). A crash mid-file leaves the remote file in place: the
 * next poll (after the lock expires) takes it again and dedupe stores nothing twice.
 *
 * The remote directory may be shared with other accounts: links, FIFOs and other non-regular
 * entries are refused unread (sftp-files.ts), and a file is taken only once it is complete
 * (completeness.ts, the same rule as the file source) and unchanged since it was downloaded.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import type { SFTPWrapper, Stats } from 'ssh2';
import type { Channel, SftpSource } from '../config/channel.js';
import type { IntakeDeps } from '../intake.js';
import type { Logger } from '../log.js';
import { fileErrorReport } from './batch-intake.js';
import type { FileLook, FileStore } from './file-take.js';
import { startPoller, type PollResult, type PollSession } from './file-poller.js';
import { redisPollLock, type LockRedis, type PollLock } from './poll-lock.js';
import { pollLockKey } from '../redis/keys.js';
import { hostKeyMatches } from '../security/host-key.js';
import { notRegular } from './regular-file.js';
import { downloadRegular, remoteLstat, sameRemote, writeRemoteAtomic } from './sftp-files.js';

export type { PollResult } from './file-poller.js';

export type SftpChannel = Channel & { source: SftpSource };

export interface SftpSourceOptions {
  /** where passwordEnv / passphraseEnv are looked up; default process.env */
  env?: NodeJS.ProcessEnv;
  /** Redis for the cross-process poll lock (the daemon's producer connection) */
  redis?: LockRedis;
  /** or the lock itself (tests) */
  lock?: PollLock;
  /** false: no timer, polls only via pollOnce() (tests, one-shot tools) */
  schedule?: boolean;
}

export interface SftpSourceHandle {
  pollOnce(): Promise<PollResult>;
  close(): Promise<void>;
}

export class SftpConfigError extends Error {
  override name = 'SftpConfigError';
}

/** The remote file still is what was downloaded (not written to, not replaced). */
async function unchangedSince(sftp: SFTPWrapper, path: string, st: Stats): Promise<boolean> {
  const now = await remoteLstat(sftp, path);
  return now !== undefined && sameRemote(st, now);
}

export async function startSftpSource(channel: SftpChannel, deps: IntakeDeps, opts: SftpSourceOptions = {}): Promise<SftpSourceHandle> {
  const src = channel.source;
  const env = opts.env ?? process.env;
  const log: Logger = deps.log.child({ channel: channel.id, source: 'sftp' });
  const remote = (dir: string, name: string) => posix.join(dir, name);

  // Credentials are read once at start; a missing file or variable is a start-up error naming the field.
  let privateKey: Buffer | undefined;
  if (src.privateKeyPath) {
    try {
      privateKey = readFileSync(src.privateKeyPath);
    } catch (err) {
      throw new SftpConfigError(`channel ${channel.id}: source.privateKeyPath: cannot read ${src.privateKeyPath} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const secret = (name: string | undefined, field: string) => {
    if (!name) return undefined;
    const v = env[name];
    if (!v) throw new SftpConfigError(`channel ${channel.id}: source.${field}: environment variable ${name} is not set`);
    return v;
  };
  const passphrase = secret(src.passphraseEnv, 'passphraseEnv');
  const password = privateKey ? undefined : secret(src.passwordEnv, 'passwordEnv');

  const pollLock = opts.lock ?? (opts.redis ? redisPollLock(opts.redis, pollLockKey(deps.queues.prefix, channel.id), src.lockTtlMs) : undefined);
  if (!pollLock) throw new SftpConfigError(`channel ${channel.id}: the SFTP source needs Redis (opts.redis) for its poll lock`);

  let dirsReady = false;

  /** errorDir, moveTo and ackDir are created on the server once, so the first rejected file has somewhere to go. */
  const ensureRemoteDirs = async (client: SftpClient) => {
    if (dirsReady) return;
    for (const d of [src.errorDir, src.afterProcessing === 'delete' ? undefined : src.afterProcessing.moveTo, src.ackDir]) {
      if (d && !(await client.exists(d))) await client.mkdir(d, true);
    }
    dirsReady = true;
  };

  const connect = async (): Promise<{ client: SftpClient; sftp: SFTPWrapper }> => {
    const client = new SftpClient(`hig-${channel.id}`);
    let hostKeyRejected = false;
    const sftp = await client
      .connect({
        host: src.host,
        port: src.port,
        username: src.username,
        readyTimeout: src.connectTimeoutMs,
        ...(privateKey ? { privateKey } : {}),
        ...(passphrase ? { passphrase } : {}),
        ...(password ? { password } : {}),
        hostVerifier: (key: Buffer) => {
          const ok = hostKeyMatches(src.hostKeySha256, key);
          hostKeyRejected = !ok;
          return ok;
        },
      })
      .catch((err: unknown) => {
        if (hostKeyRejected) throw Object.assign(new Error(`host key of ${src.host}:${src.port} does not match hostKeySha256`), { code: 'HOST_KEY_MISMATCH' });
        throw err;
      });
    return { client, sftp };
  };

  /** A name in a remote dir not taken yet (SFTP rename never overwrites). */
  const freeRemote = async (client: SftpClient, dir: string, name: string): Promise<string> => {
    if (!(await client.exists(remote(dir, name)))) return name;
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 0; ; n++) {
      const candidate = `${stem}.${Date.now()}${n ? `-${n}` : ''}${ext}`;
      if (!(await client.exists(remote(dir, candidate)))) return candidate;
    }
  };

  /** Moves a remote file (or link, or FIFO) to errorDir and writes its report beside it. */
  const reject = async (client: SftpClient, sftp: SFTPWrapper, name: string, report: (target: string) => string) => {
    const target = await freeRemote(client, src.errorDir, name);
    await client.rename(remote(src.remoteDir, name), remote(src.errorDir, target));
    await writeRemoteAtomic(sftp, src.errorDir, `${target}.error.json`, Buffer.from(report(target)));
  };

  type RemoteLook = FileLook & { st: Stats };
  const lookOf = (st: Stats): RemoteLook => ({ size: st.size, signature: `${st.size}:${st.mtime}`, refusal: notRegular(st), st });

  /** The remote directory as a FileStore (file-take.ts) for one session; the poll lock makes every file of it ours. */
  const storeOf = (client: SftpClient, sftp: SFTPWrapper): FileStore<RemoteLook> => ({
    source: 'sftp',
    says: { changed: 'remote file changed after it was downloaded: left for the next poll', queueUnavailable: 'queue unavailable: remote file left for a later poll' },
    onError: 'throw',
    async look(name) {
      const st = await remoteLstat(sftp, remote(src.remoteDir, name));
      return st ? lookOf(st) : undefined;
    },
    async read(name, look, use) {
      const path = remote(src.remoteDir, name);
      const got = await downloadRegular(sftp, path, look.st, src.connectTimeoutMs);
      if (got.kind === 'refused') return got;
      if (got.kind !== 'file') return { kind: 'changed' };
      return { kind: 'read', value: await use({ bytes: got.bytes, look, unchanged: () => unchangedSince(sftp, path, look.st) }) };
    },
    async own(name, _look, work) {
      const path = remote(src.remoteDir, name);
      return work({
        refuse: async (code, detail) => {
          await reject(client, sftp, name, (t) => fileErrorReport(t, channel.id, code, detail));
          return detail;
        },
        writeAck: async (bytes) => {
          if (src.ackDir) await writeRemoteAtomic(sftp, src.ackDir, `${name}.ack`, bytes);
        },
        reject: (report) => reject(client, sftp, name, report),
        finish: async () => {
          if (src.afterProcessing === 'delete') await client.delete(path);
          else await client.rename(path, remote(src.afterProcessing.moveTo, await freeRemote(client, src.afterProcessing.moveTo, name)));
        },
        // Never moved: the file stays in remoteDir for the next poll.
        putBack: async () => undefined,
      });
    },
  });

  /** One poll's session: the poll lock (renewed while it runs), then one connection; undefined when another process holds the lock. */
  const open = async (): Promise<PollSession<RemoteLook> | undefined> => {
    const token = await pollLock.acquire().catch((err: unknown) => {
      throw Object.assign(new Error(`cannot take the poll lock (Redis unavailable?): ${(err as Error).message}`), { code: (err as { code?: unknown }).code });
    });
    if (token === undefined) return undefined;
    let lockLost = false;
    const renewal = setInterval(() => {
      void pollLock.renew(token).then(
        (ok) => (lockLost ||= !ok),
        () => (lockLost = true),
      );
    }, Math.max(250, Math.floor(src.lockTtlMs / 3)));
    let client: SftpClient | undefined;
    const end = async () => {
      clearInterval(renewal);
      await client?.end().catch(() => undefined);
      await pollLock.release(token).catch(() => undefined);
    };
    try {
      const session = await connect();
      client = session.client;
      await ensureRemoteDirs(client);
      const c = client;
      return {
        store: storeOf(c, session.sftp),
        // Everything but directories: links, FIFOs and the like are listed so that they can be refused.
        list: async () =>
          (await c.list(src.remoteDir)).filter((f) => f.type !== 'd').map((f) => ({ name: f.name, regular: f.type === '-', size: f.size, mtimeMs: f.modifyTime })),
        held: () => !lockLost,
        end,
      };
    } catch (err) {
      await end();
      throw err;
    }
  };

  const poller = startPoller({ ctx: { channel, deps, log }, open, maxBackoffMs: src.maxBackoffMs, schedule: opts.schedule !== false });
  log.info({ host: src.host, port: src.port, remoteDir: src.remoteDir, pattern: src.pattern }, 'SFTP source polling');

  return {
    pollOnce: () => poller.poll(),
    close: () => poller.stop(),
  };
}
