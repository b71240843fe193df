import { atZoneOffset, type Zone } from './time.js';

/**
 * dateTime arithmetic that keeps the original offset (for Appointment end = start + duration).
 * Undefined when the input is no dateTime to the second, or when the result would not be a FHIR
 * dateTime (its year is 4 digits, 0001-9999): a sender's minute count (PR1-7, TQ1-6, AIS-9) is
 * unbounded, and a year like +275760 (or a RangeError out of Date) must never reach the Bundle
 * nor cost the message; each caller reports the field instead.
 */
export function addMinutes(dateTime: string, minutes: number): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(dateTime);
  if (m === null || !Number.isFinite(minutes)) return undefined;
  const offset = m[3] ?? 'Z';
  const offMin = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const t = Date.parse(dateTime);
  // whole milliseconds: a duration in seconds (AIS-7 90 s = 1.5 min) carries float error, and Date
  // truncates a fraction of a millisecond, which could cost the end a second
  const shifted = new Date(t + Math.round((minutes + offMin) * 60000));
  // an invalid Date (beyond ±8.64e15 ms) has NaN time; toISOString would throw RangeError
  if (Number.isNaN(shifted.getTime())) return undefined;
  const local = shifted.toISOString();
  if (!/^\d{4}-/.test(local) || local.startsWith('0000')) return undefined;
  return `${local.slice(0, 19)}${offset}`;
}

/** addMinutes, the result written at the offset `zone` has at its instant (time.ts atZoneOffset; review 65 R65-N1). */
export function addMinutesInZone(dateTime: string, minutes: number, zone: Zone): string | undefined {
  const moved = addMinutes(dateTime, minutes);
  return moved === undefined ? undefined : atZoneOffset(moved, dateTime, zone);
}
