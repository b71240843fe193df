/** A time of the message against the message's own time (MSH-7): is what it dates still to come when the message is sent? */
import type { Conversion, SegmentReader } from '../context.js';
import { toDateTime } from '../datatypes/time.js';

export type MessageTiming = 'after' | 'at-or-before' | 'unclear';

/**
 * `when` (a FHIR dateTime read from `seg`) against MSH-7: `after` / `at-or-before` / `unclear`. A time is compared as
 * an instant (in the sender's zone when it has no offset, as everywhere); a date-only (or month, year) one is compared
 * with MSH-7's own date in the sender's zone at that precision, so the same day is `unclear`. No `when` or no MSH-7:
 * `unclear`. Used by PR1-5 (clinical.ts procedureStatus) and PV1-44 of a pending admission (events.ts pendingAdmission).
 */
export function againstMessageTime(when: string | undefined, seg: SegmentReader, cx: Conversion): MessageTiming {
  const msh = seg.msg.segments[0];
  const raw = msh === undefined ? undefined : cx.reader(msh, 0).str(7);
  const sent = toDateTime(raw, cx.timezone);
  if (sent === undefined || when === undefined) return 'unclear';
  if (when.includes('T') && sent.includes('T')) {
    const diff = Date.parse(when) - Date.parse(sent);
    return Number.isNaN(diff) ? 'unclear' : diff > 0 ? 'after' : 'at-or-before';
  }
  // dates at the coarser precision of the two, each the date as its sender wrote it
  const n = Math.min(when.slice(0, 10).length, sent.slice(0, 10).length);
  const [a, b] = [when.slice(0, n), sent.slice(0, n)];
  return a > b ? 'after' : a < b ? 'at-or-before' : 'unclear';
}
