/**
 * Retry-After (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date. We turn both into a delay in
 * milliseconds so the queue can schedule the retry; a date in the past means "now" (0).
 */

/** Longest delay we accept from a server; beyond this a typo or a clock problem is more likely. */
export const maxRetryAfterMs = 24 * 60 * 60 * 1000;

export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, maxRetryAfterMs);
  // Only HTTP-dates: Date.parse would otherwise accept odd shapes like "5.5" or "-1".
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), maxRetryAfterMs);
}
