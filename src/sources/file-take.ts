/**
 * The one rule for taking a dropped file, shared by the local file source (file.ts) and the SFTP
 * source (sftp.ts) over the `FileStore` each gives: look without following links → refuse what is
 * not a regular file, or too large → wait while a writer may be at it (completeness.ts) → read it
 * whole → decode the channel's `encoding` → enqueue every message → only if it did not change
 * meanwhile: write the batch ACK to `ackDir`, then move it to `errorDir` (with its report) or
 * delete/move it (invariant 2). Which files are looked at, and when, is the poller's
 * (file-poller.ts); how a store owns one (a claim rename, or the poll lock) stays the store's own.
 */
import type { Channel, FileSource, SftpSource } from '../config/channel.js';
import type { ErrorCode } from '../errors.js';
import type { IntakeDeps } from '../intake.js';
import type { Logger } from '../log.js';
import { batchAck, errorReport, intakeFile, normalizeFileBytes } from './batch-intake.js';
import type { IncompleteFiles } from './completeness.js';
import type { Refusal } from './regular-file.js';

/** An entry as the store saw it, links not followed. */
export interface FileLook {
  size: number;
  /** what must stay the same while nobody writes to it (completeness.ts keys on it) */
  signature: string;
  /** set when it is not a regular file (link, FIFO, socket, device) */
  refusal?: Refusal | undefined;
}

/** The whole file read, and how to tell that it is still the very file that was read. */
export interface FileRead<L extends FileLook> {
  bytes: Buffer;
  /** the entry as it was when read (what is owned next) */
  look: L;
  unchanged(): Promise<boolean>;
}

/** A file this process owns for now: nothing else takes it until one of these is called. */
export interface OwnedFile {
  /** to errorDir unread, with `<name>.error.json`; resolves to the detail as recorded */
  refuse(code: ErrorCode, detail: string): Promise<string>;
  /** the batch ACK, as `<name>.ack` in ackDir: latin1 bytes, as the header fields it echoes were read */
  writeAck(bytes: Buffer): Promise<void>;
  /** to errorDir, with the report `report(nameThere)` beside it */
  reject(report: (target: string) => string): Promise<void>;
  /** processed: deleted, or moved to `afterProcessing.moveTo` */
  finish(): Promise<void>;
  /** Not now: left where a later poll finds it (when it is retried is the poller's). */
  putBack(): Promise<void>;
}

export type ReadOutcome<T> = { kind: 'read'; value: T } | { kind: 'refused'; refusal: Refusal } | { kind: 'changed' };

export interface FileStore<L extends FileLook = FileLook> {
  /** `file` or `sftp`: the job's source and the logs' wording */
  readonly source: 'file' | 'sftp';
  /** log lines operators know: a file changed after it was read, the queue unavailable */
  readonly says: { changed: string; queueUnavailable: string };
  /**
   * An unexpected error while taking a file (disk full, permissions): `put-back` logs it, puts the
   * file back if it was owned and answers `failed` (local: the other files go on); `throw` ends the
   * poll, which backs off (SFTP: the session is likely gone).
   */
  readonly onError: 'put-back' | 'throw';
  look(name: string): Promise<L | undefined>;
  /** Reads the file `look` describes and runs `use` while it is held (a local handle stays open). */
  read<T>(name: string, look: L, use: (file: FileRead<L>) => Promise<T>): Promise<ReadOutcome<T>>;
  /** Runs `work` with the file owned; undefined when it was taken or replaced before it could be owned. */
  own<T>(name: string, look: L, work: (file: OwnedFile) => Promise<T>): Promise<T | undefined>;
}

/**
 * What became of one file: `left` means the queue is unavailable (stop for now); `waiting`, look
 * again later; `failed`, an unexpected error (logged) left it for a later retry.
 */
export type Taken = 'done' | 'rejected' | 'left' | 'waiting' | 'incomplete' | 'failed';

export interface TakeContext {
  channel: Channel & { source: FileSource | SftpSource };
  deps: IntakeDeps;
  log: Logger;
  incomplete: IncompleteFiles;
}

const errInfo = (err: unknown) => ({ code: (err as { code?: unknown }).code, message: (err as Error).message });

export async function takeFile<L extends FileLook>(store: FileStore<L>, name: string, ctx: TakeContext): Promise<Taken> {
  try {
    return await take(store, name, ctx);
  } catch (err) {
    if (store.onError === 'throw') throw err;
    ctx.log.error({ file: name, err: errInfo(err) }, 'cannot handle file; it stays for a later poll');
    return 'failed';
  }
}

async function take<L extends FileLook>(store: FileStore<L>, name: string, ctx: TakeContext): Promise<Taken> {
  const { channel, deps, log, incomplete } = ctx;
  const src = channel.source;
  const what = store.source === 'sftp' ? 'remote file' : 'file';
  const refuse = async (look: L, code: ErrorCode, detail: string): Promise<Taken> => {
    const done = await store.own(name, look, async (file) => {
      const recorded = await file.refuse(code, detail);
      log.warn({ file: name, code, detail: recorded }, `${what} refused unread: moved to errorDir`);
      return 'rejected' as const;
    });
    return done ?? 'waiting';
  };

  const look = await store.look(name);
  if (!look) return 'waiting';
  if (look.refusal) return refuse(look, look.refusal.code, look.refusal.detail);
  if (incomplete.waiting(name, look.signature)) return 'incomplete';
  if (look.size > src.maxFileBytes) return refuse(look, 'FRAME_TOO_LARGE', `file is ${look.size} bytes, more than maxFileBytes (${src.maxFileBytes})`);

  const outcome = await store.read(name, look, async (read): Promise<Taken> => {
    const bytes = normalizeFileBytes(read.bytes, src.encoding);
    const judged = incomplete.judge(name, read.look.signature, bytes);
    if (judged.kind === 'wait') {
      log[judged.first ? 'warn' : 'debug']({ file: name, reason: judged.gap.reason }, `${what} incomplete: left for its writer`);
      return 'incomplete';
    }
    if (judged.kind === 'expired') return refuse(read.look, 'FILE_INCOMPLETE', judged.detail);
    const started = Date.now();
    const taken = await store.own(name, read.look, async (file): Promise<Taken> => {
      try {
        return await settle(file, bytes, read, started);
      } catch (err) {
        if (store.onError === 'throw') throw err;
        log.error({ file: name, err: errInfo(err) }, `${what} processing failed; ${what} returned to the drop directory`);
        await file.putBack().catch(() => undefined);
        return 'failed';
      }
    });
    return taken ?? 'waiting';
  });
  if (outcome.kind === 'refused') return refuse(look, outcome.refusal.code, outcome.refusal.detail);
  return outcome.kind === 'changed' ? 'waiting' : outcome.value;

  /** Enqueues every message, then (unless it changed meanwhile) acknowledges and removes the file. */
  async function settle(file: OwnedFile, bytes: Buffer, read: FileRead<L>, started: number): Promise<Taken> {
    const verdict = await intakeFile(bytes, channel, { source: store.source, fileName: name }, deps);
    if (verdict.kind === 'retry') {
      await file.putBack();
      log.warn({ file: name, stored: verdict.stored, code: verdict.refusal.code }, store.says.queueUnavailable);
      return 'left';
    }
    // A writer still at it may have added to it: then none of it is acknowledged or removed; it is
    // taken whole later, and the messages already stored are deduplicated then.
    if (!(await read.unchanged())) {
      await file.putBack();
      log.warn({ file: name, stored: verdict.stored }, store.says.changed);
      return 'waiting';
    }
    if (src.ackDir) await file.writeAck(Buffer.from(batchAck(verdict.receipts, name), 'latin1'));
    if (verdict.kind === 'rejected') {
      // A crash between the move and the report leaves the file in errorDir without one; the log says why.
      await file.reject((target) => errorReport(target, verdict, channel.id));
      log.warn(
        { file: name, messages: verdict.messages, stored: verdict.stored, refused: verdict.refusals.length, codes: [...new Set(verdict.refusals.map((r) => r.code))] },
        `${what} had messages that cannot be taken: moved to errorDir`,
      );
      return 'rejected';
    }
    await file.finish();
    log.info({ file: name, messages: verdict.stored, ms: Date.now() - started }, `${what} processed`);
    return 'done';
  }
}

