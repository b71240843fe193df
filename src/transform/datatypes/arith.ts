/** dateTime arithmetic that keeps the original offset (for Appointment end = start + duration). */
export function addMinutes(dateTime: string, minutes: number): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(dateTime);
  if (m === null || !Number.isFinite(minutes)) return undefined;
  const offset = m[3] ?? 'Z';
  const offMin = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const t = Date.parse(dateTime);
  if (Number.isNaN(t)) return undefined;
  const local = new Date(t + (minutes + offMin) * 60000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}
