/**
 * ED / RP → Attachment (IG ED[Attachment], RP[Attachment]). ED.5 becomes base64 data whatever
 * ED.4 says it is in (IG: "convert from A or HEX to binary64"); the content type comes from
 * ED.2/ED.3 (RP.3/RP.4) through mime.ts, so it is always a registered MIME type or absent.
 */
import type { Repetition } from '../../hl7/message.js';
import type { Json } from '../types.js';
import { mimeType } from './mime.js';
import { val } from './primitive.js';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** ED.5 in encoding ED.4 → base64, or undefined when it cannot be decoded faithfully. */
function base64Data(data: string, encoding: string): string | undefined {
  switch (encoding.toUpperCase()) {
    case 'BASE64': {
      const compact = data.replace(/\s/g, '');
      return BASE64.test(compact) ? compact : undefined;
    }
    case 'A':
      return Buffer.from(data, 'utf8').toString('base64');
    case 'HEX': {
      const compact = data.replace(/\s/g, '');
      return /^([0-9A-Fa-f]{2})+$/.test(compact) ? Buffer.from(compact, 'hex').toString('base64') : undefined;
    }
    default:
      return undefined;
  }
}

/** [IG ED[Attachment]] ED.2/ED.3 → contentType, ED.5 (per ED.4) → data. */
export function edAttachment(rep: Repetition | undefined): Json | undefined {
  if (rep === undefined) return undefined;
  const a: Json = {};
  const raw = rep[4]?.join('&');
  const data = raw === undefined || raw.trim() === '' ? undefined : base64Data(raw, val(rep, 4) ?? '');
  const contentType = mimeType(val(rep, 2), val(rep, 3), data);
  if (contentType !== undefined) a.contentType = contentType;
  if (data !== undefined) a.data = data;
  else if (raw !== undefined && raw.trim() !== '') a.title = 'content in an encoding hig cannot decode (ED-4) was omitted';
  return Object.keys(a).length === 0 ? undefined : a;
}

/** [IG RP[Attachment]] RP.1 → url, RP.3"/"RP.4 → contentType. */
export function rpAttachment(rep: Repetition | undefined): Json | undefined {
  if (rep === undefined) return undefined;
  const a: Json = {};
  const contentType = mimeType(val(rep, 3), val(rep, 4));
  if (contentType !== undefined) a.contentType = contentType;
  const url = val(rep, 1);
  if (url !== undefined && /^\S+$/.test(url)) a.url = url;
  return Object.keys(a).length === 0 ? undefined : a;
}

/** Every repetition of an ED or RP value as an attachment (none is dropped). */
export function attachments(reps: readonly Repetition[], type: 'ED' | 'RP'): Json[] {
  return reps.flatMap((r): Json[] => {
    const a = type === 'ED' ? edAttachment(r) : rpAttachment(r);
    return a === undefined ? [] : [a];
  });
}
