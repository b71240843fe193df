/**
 * Reading a few fields without a full parse, for routing decisions at intake (partition key,
 * priority). Scans segments as latin1 text so byte offsets are exact for any charset.
 */
import type { Delimiters } from './header.js';

/** "PID-3", "OBR-5", "ORC-7.6" → the first occurrence's field (or component), or undefined. */
export function scanField(raw: Buffer | string, d: Delimiters, path: string): string | undefined {
  const m = /^([A-Z][A-Z0-9]{2})-(\d+)(?:\.(\d+))?$/.exec(path);
  if (!m) return undefined;
  const [, segment, fieldText, componentText] = m;
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const at = findSegment(text, segment!, d.field);
  if (at === -1) return undefined;
  const end = text.slice(at).search(/[\r\n]/);
  const line = end === -1 ? text.slice(at) : text.slice(at, at + end);
  const fields = line.split(d.field);
  // MSH-n sits at index n-1 because MSH-1 is the separator itself.
  const index = segment === 'MSH' ? Number(fieldText) - 1 : Number(fieldText);
  const field = fields[index];
  if (field === undefined || field === '') return undefined;
  const firstRepetition = field.split(d.repetition)[0] ?? '';
  if (!componentText) return firstRepetition || undefined;
  return firstRepetition.split(d.component)[Number(componentText) - 1] || undefined;
}

function findSegment(text: string, id: string, fieldSep: string): number {
  if (text.startsWith(id + fieldSep)) return 0;
  const re = new RegExp(`[\\r\\n]${id}${escapeRegExp(fieldSep)}`);
  const m = re.exec(text);
  return m ? m.index + 1 : -1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** PID-3, first repetition: identifier (CX-1) and assigning authority (CX-4), the patient's key. */
export function patientIdentifier(raw: Buffer | string, d: Delimiters): { id: string; authority: string } | undefined {
  const cx = scanField(raw, d, 'PID-3');
  if (!cx) return undefined;
  const parts = cx.split(d.component);
  const id = parts[0] ?? '';
  if (!id) return undefined;
  return { id, authority: parts[3] ?? '' };
}
