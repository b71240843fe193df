/**
 * Which acknowledgment code answers which situation (DESIGN.md, "Acknowledgment codes").
 * Kept as data so the README table and the code cannot drift apart silently.
 */
/** MSA-1: original mode AA/AE/AR, enhanced mode's accept acknowledgment CA/CE/CR (HL7 v2 2.9.2/2.9.3). */
export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';

export type AckSituation =
  | 'stored'
  | 'malformed' // MSH present but unusable (bad encoding characters, required field missing)
  | 'no-header' // not HL7 at all: nothing to answer from
  | 'not-accepted' // message type, event or version this channel does not take
  | 'conflict' // `queue.duplicates: reject`: same sender and control id as an earlier message, other content
  | 'unavailable' // Redis down or slow, internal error
  | 'processing-failed'; // ackOn: processed and the transformation failed

export const ACK_TABLE: Record<AckSituation, { original: AckCode; enhanced: AckCode }> = {
  stored: { original: 'AA', enhanced: 'CA' },
  malformed: { original: 'AE', enhanced: 'CR' },
  'no-header': { original: 'AR', enhanced: 'CR' },
  'not-accepted': { original: 'AR', enhanced: 'CR' },
  // Not retryable as sent: an application error, not a commit error the sender would resend on.
  conflict: { original: 'AE', enhanced: 'CR' },
  unavailable: { original: 'AR', enhanced: 'CE' },
  'processing-failed': { original: 'AE', enhanced: 'AE' },
};
