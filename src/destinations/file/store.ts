/**
 * Where the file destination writes: one interface, a local directory (write.ts) or a directory on
 * an SFTP server (sftp-store.ts). Both keep the same contract: the bytes go to a temp file created
 * exclusively, then take their name in one step that never replaces an existing file; the same
 * bytes already under the name mean this message was written before (idempotent retry); other
 * bytes there get the next suffix; the temp file never stays behind.
 */
import { MAX_SUFFIX, writeOnce, type WriteResult } from './write.js';

export { MAX_SUFFIX, type WriteResult };

export interface FileStore {
  /** undefined = MAX_SUFFIX names taken by other contents. Errors: the store is unusable (retry later). */
  writeOnce(name: string, body: Buffer, mode: number): Promise<WriteResult | undefined>;
  /** what to name in a message about this store (no credentials) */
  readonly where: string;
  close(): Promise<void>;
}

/** A local directory, already resolved (realpath) by the caller. */
export function localStore(dir: string): FileStore {
  return {
    where: 'the destination directory',
    writeOnce: (name, body, mode) => writeOnce(dir, name, body, mode),
    close: async () => undefined,
  };
}
