/**
 * When a dropped file may be taken: only once it is complete (`incompleteness` in src/hl7/batch.ts:
 * it ends at a segment terminator, and every FHS/BHS is closed). One rule for the file and SFTP
 * sources. An incomplete file stays where its writer put it, and is read again only after it
 * changed; one that stays incomplete and unchanged for `incompleteTimeoutMs` goes to errorDir as
 * FILE_INCOMPLETE. So it is neither re-read in a loop nor left forever. The clock is this process's
 * (since it first saw the file incomplete in its current state), so an SFTP server's clock does not
 * matter; a restart starts the wait again, which only ever delays the refusal.
 */
import { incompleteness, type Incompleteness } from '../hl7/batch.js';

export type Completeness =
  | { kind: 'complete' }
  /** leave the file to its writer; `first`: the first time this name was seen incomplete (worth a log line) */
  | { kind: 'wait'; gap: Incompleteness; first: boolean }
  /** unchanged and incomplete for the whole timeout: refuse it; `detail` is the report's reason (PHI-free) */
  | { kind: 'expired'; gap: Incompleteness; detail: string };

export function describeGap(gap: Incompleteness): string {
  return gap.reason === 'NO_SEGMENT_TERMINATOR'
    ? 'the file ends inside a segment (no CR or LF after its last bytes)'
    : `the batch opened by ${gap.open} is not closed by ${gap.open === 'FHS' ? 'FTS' : 'BTS'}`;
}

export class IncompleteFiles {
  private readonly seen = new Map<string, { signature: string; since: number }>();

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A file known to be incomplete in exactly this state, not yet timed out: no need to read it again. */
  waiting(name: string, signature: string): boolean {
    const s = this.seen.get(name);
    return s !== undefined && s.signature === signature && this.now() - s.since < this.timeoutMs;
  }

  /** Judges a file's bytes (decoded to an ASCII-compatible form); `signature` names its current state. */
  judge(name: string, signature: string, bytes: Buffer): Completeness {
    const gap = incompleteness(bytes.toString('latin1'));
    const s = this.seen.get(name);
    if (!gap) {
      this.seen.delete(name);
      return { kind: 'complete' };
    }
    if (s?.signature === signature) {
      if (this.now() - s.since < this.timeoutMs) return { kind: 'wait', gap, first: false };
      this.seen.delete(name);
      return { kind: 'expired', gap, detail: `${describeGap(gap)}, unchanged for incompleteTimeoutMs (${this.timeoutMs} ms)` };
    }
    this.seen.set(name, { signature, since: this.now() });
    return { kind: 'wait', gap, first: s === undefined };
  }

  /** Forgets names that left the directory. */
  keepOnly(names: ReadonlySet<string>): void {
    for (const n of this.seen.keys()) if (!names.has(n)) this.seen.delete(n);
  }
}
