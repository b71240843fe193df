/**
 * Claims of the file source. A file is claimed by an atomic rename into
 * `<dir>/.hig-claims/<host>~<pid>~<nonce>/`, so two processes never take the same file; a process
 * killed mid-file leaves its claim behind, and the next start on the same host (owner pid gone) or
 * any process once the claim is stale puts the file back.
 *
 * The claim directories live inside the drop folder, where every account that drops files can
 * plant entries. So they are created with mode 0700, opened without following links and used
 * through the opened directory (pinned-dir.ts); an entry standing where one should be that is not
 * a real directory (a link to somewhere else, a file) is refused, never listed or moved through.
 */
import type { Stats } from 'node:fs';
import { readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { moveInto } from './fs-moves.js';
import { ensurePinnedDir, notADirectory, pinDir, type PinnedDir } from './pinned-dir.js';
import { lstatOrGone } from './regular-file.js';

export const CLAIMS_DIR = '.hig-claims';

/**
 * Claim directory names carry host and pid so a restart can tell a dead owner from a live one, plus
 * a per-start nonce: two containers with the same host name and pid 1 sharing a volume must never
 * share a claim directory.
 */
export function ownerName(host: string, pid: number, nonce: string): string {
  return `${host.replace(/[^A-Za-z0-9_.-]/g, '_')}~${pid}~${nonce.replace(/[^A-Za-z0-9]/g, '')}`;
}

export function parseOwner(name: string): { host: string; pid: number } | undefined {
  const m = /^(.+)~(\d+)~[A-Za-z0-9]*$/.exec(name);
  return m ? { host: m[1]!, pid: Number(m[2]) } : undefined;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether another owner's claims may be taken back: same host and its process is gone, or its
 * claims have not been refreshed for `staleMs` (another host, or a reused pid).
 */
export function claimAbandoned(owner: string, self: string, newestMtimeMs: number, now: number, staleMs: number, alive = pidAlive): boolean {
  if (owner === self) return false;
  const parsed = parseOwner(owner);
  const me = parseOwner(self);
  if (parsed && me && parsed.host === me.host && !alive(parsed.pid)) return true;
  return now - newestMtimeMs > staleMs;
}

/**
 * Moves an entry that is not what it should be out of the way (errorDir, with a report and a log
 * line). `st`: its lstat, undefined if it vanished meanwhile.
 */
export type RefuseEntry = (path: string, name: string, st: Stats | undefined) => Promise<void>;

export interface ClaimArea {
  /** `<dir>/.hig-claims` */
  readonly root: PinnedDir;
  /** this process's claim directory inside it */
  readonly own: PinnedDir;
  close(): Promise<void>;
}

/** A real directory at `path` (created if missing); anything else there is refused once and replaced. */
async function ensureDir(path: string, name: string, refuse: RefuseEntry): Promise<PinnedDir> {
  try {
    return await ensurePinnedDir(path);
  } catch (err) {
    if (!notADirectory(err)) throw err;
    // Another process may have moved it away first.
    await refuse(path, name, await lstatOrGone(path)).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    });
    return ensurePinnedDir(path);
  }
}

/** Opens (creating if needed) the claims root and this process's claim directory in `dir`. */
export async function openClaimArea(dir: string, self: string, refuse: RefuseEntry): Promise<ClaimArea> {
  const root = await ensureDir(join(dir, CLAIMS_DIR), CLAIMS_DIR, refuse);
  try {
    const own = await ensureDir(root.entry(self), self, refuse);
    return {
      root,
      own,
      close: async () => {
        await own.close();
        await root.close();
      },
    };
  } catch (err) {
    await root.close();
    throw err;
  }
}

/**
 * Other owners' abandoned claims go back to `dir`, where they are taken like any dropped file;
 * returns the names they got there. An owner entry that is not a real directory (a planted
 * `<host>~<deadpid>~x` link to a directory elsewhere) is refused, never listed through.
 */
export async function recoverClaims(root: PinnedDir, dir: string, self: string, staleMs: number, refuse: RefuseEntry, log: Logger): Promise<string[]> {
  const back: string[] = [];
  for (const owner of await readdir(root.path)) {
    if (owner === self) continue;
    let ownerDir: PinnedDir;
    try {
      ownerDir = await pinDir(root.entry(owner));
    } catch (err) {
      const refused = notADirectory(err) ? refuse(root.entry(owner), owner, await lstatOrGone(root.entry(owner))) : Promise.reject(err);
      await refused.catch((e: unknown) => {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') log.warn({ owner, err: { code } }, 'cannot open or refuse a claim directory entry');
      });
      continue;
    }
    try {
      const names = await readdir(ownerDir.path);
      // The directory's own mtime is its owner's heartbeat; a rename into it refreshes it too.
      let newest = (await ownerDir.stat()).mtimeMs;
      for (const n of names) newest = Math.max(newest, (await lstatOrGone(ownerDir.entry(n)))?.mtimeMs ?? 0);
      if (!claimAbandoned(owner, self, newest, Date.now(), staleMs)) continue;
      for (const n of names) {
        try {
          const file = await moveInto(ownerDir.entry(n), dir, n);
          log.warn({ file, owner }, 'recovered a file claimed by a process that stopped; processing it again');
          back.push(file);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ file: n, err: { code: (err as NodeJS.ErrnoException).code } }, 'cannot recover claimed file');
        }
      }
      await rmdir(root.entry(owner)).catch(() => undefined);
    } finally {
      await ownerDir.close();
    }
  }
  return back;
}
