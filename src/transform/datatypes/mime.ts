/**
 * ED/RP type of data + subtype → a registered MIME type (IG ED[Attachment] ED.2/ED.3,
 * RP[Attachment] RP.3"/"RP.4). ED.2/RP.3 is HL7 table 0191 (AP application, IM image, AU audio,
 * TEXT text…), not a MIME top-level type, and ED.3/RP.4 is table 0291 (JPEG, PDF, TIFF…), so
 * `IM^JPEG` is image/jpeg and `AP^PDF` application/pdf; senders who put a MIME pair in the two
 * components (`application^pdf`) are read as such. Data, not logic: add rows, not branches.
 */

/** Registered MIME top-level types (IANA). */
const TOP_LEVEL = new Set(['application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video']);

/** Table 0191 type of referenced data → MIME top-level type. */
const TABLE_0191: Readonly<Record<string, string>> = {
  AP: 'application', // other application data
  AU: 'audio',
  FT: 'text', // formatted text
  IM: 'image',
  MULTIPART: 'multipart',
  NS: 'image', // non-scanned image
  SD: 'image', // scanned document (a PDF subtype wins below)
  SI: 'image', // scanned image
  TEXT: 'text',
  TX: 'text',
};

/** Table 0291 subtypes (and common file types) whose MIME type does not depend on ED.2. */
const SUBTYPE: Readonly<Record<string, string>> = {
  PDF: 'application/pdf',
  JPEG: 'image/jpeg',
  JPG: 'image/jpeg',
  GIF: 'image/gif',
  PNG: 'image/png',
  TIFF: 'image/tiff',
  TIF: 'image/tiff',
  BMP: 'image/bmp',
  PICT: 'image/x-pict',
  RTF: 'application/rtf',
  HTML: 'text/html',
  XML: 'text/xml',
  SGML: 'text/sgml',
  PLAIN: 'text/plain',
  TXT: 'text/plain',
  BASIC: 'audio/basic',
  WAV: 'audio/wav',
  MPEG: 'video/mpeg',
  'OCTET-STREAM': 'application/octet-stream',
  DICOM: 'application/dicom',
  MSWORD: 'application/msword',
  DOC: 'application/msword',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ZIP: 'application/zip',
  'X-HL7-CDA-LEVEL-ONE': 'application/x-hl7-cda-level-one+xml',
};

/** First bytes of common binaries (base64 of the magic number), for when the sender names no type. */
const MAGIC: readonly [prefix: string, mime: string][] = [
  ['JVBERi0', 'application/pdf'],
  ['/9j/', 'image/jpeg'],
  ['iVBORw0KGgo', 'image/png'],
  ['R0lGOD', 'image/gif'],
  ['SUkqAA', 'image/tiff'],
  ['TU0AKg', 'image/tiff'],
];

/** The MIME top-level type a table 0191 code (or a top-level type as sent) names: `TX` text, `IM` image. */
export function mimeTopLevel(kind: string | undefined): string | undefined {
  const k = (kind ?? '').trim();
  return TOP_LEVEL.has(k.toLowerCase()) ? k.toLowerCase() : TABLE_0191[k.toUpperCase()];
}

const TOKEN = /^[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * The MIME type of ED.2^ED.3 (or RP.3^RP.4); base64 `data` is sniffed when the type names none.
 * Undefined when nothing names a registered type: no contentType is better than a made-up one.
 */
export function mimeType(kind: string | undefined, subtype: string | undefined, data?: string): string | undefined {
  const k = (kind ?? '').trim();
  const s = (subtype ?? '').trim();
  // a full MIME type in either component (`application/pdf`)
  for (const v of [s, k]) {
    const [top, sub, ...rest] = v.toLowerCase().split('/');
    if (rest.length === 0 && top !== undefined && sub !== undefined && TOP_LEVEL.has(top) && TOKEN.test(sub)) return `${top}/${sub}`;
  }
  const known = SUBTYPE[s.toUpperCase()];
  if (known !== undefined) return known;
  const top = TOP_LEVEL.has(k.toLowerCase()) ? k.toLowerCase() : TABLE_0191[k.toUpperCase()];
  const sub = s.toLowerCase();
  if (top !== undefined && sub !== '' && TOKEN.test(sub)) return `${top}/${sub}`;
  if (data !== undefined) {
    const sniffed = MAGIC.find(([prefix]) => data.startsWith(prefix));
    if (sniffed !== undefined) return sniffed[1];
  }
  if (top === 'text') return 'text/plain';
  if (top === 'application') return 'application/octet-stream';
  return undefined;
}
