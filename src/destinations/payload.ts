/** Reading a Payload: the one place that knows how each content type becomes bytes on the wire. */
import { PermanentError } from '../errors.js';
import { asDeclared } from '../hl7/charset.js';
import type { ContentType, Payload } from './types.js';

/** Media types we send; `application/hl7-v2` is the registered type for ER7 (RFC 8118 style naming used by FHIR servers). */
export const MEDIA_TYPES: Readonly<Record<ContentType, string>> = {
  hl7v2: 'application/hl7-v2',
  fhir: 'application/fhir+json',
  json: 'application/json',
};

/** The payload when it has the expected type; otherwise a PermanentError (a wiring bug: retrying cannot help). */
export function expectPayload<C extends ContentType>(payload: Payload, contentType: C, destination: string): Extract<Payload, { contentType: C }> {
  if (payload.contentType !== contentType) {
    throw new PermanentError('INTERNAL', `${destination} destination takes ${contentType}, was given ${payload.contentType}`);
  }
  return payload as Extract<Payload, { contentType: C }>;
}

/**
 * The bytes and media type of any payload (every destination that sends v2 bytes takes them here: HTTP, file, MLLP):
 * FHIR and JSON as UTF-8 JSON; v2 as the sender's bytes (its delimiters, escapes and MSH-18 charset), except a message
 * whose empty MSH-18 hig set aside (bytes not all UTF-8, read by hl7/utf8-or-1252.ts): the text hig read, as UTF-8
 * (hl7/charset.ts asDeclared) [hig rule R54-W1; code review 35 CR35-4]. Sent as they came, those bytes went out
 * labelled `charset=utf-8` (HTTP) or under an MSH-18 whose default is UTF-8 (file, MLLP), and the next system read
 * U+FFFD where hig read `Hélène`; mixed UTF-8 and Windows-1252 bytes have no one charset a label could name.
 */
export function payloadBytes(payload: Payload): { body: Buffer; mediaType: string } {
  switch (payload.contentType) {
    case 'hl7v2':
      return { body: asDeclared(payload.message), mediaType: MEDIA_TYPES.hl7v2 };
    case 'fhir':
      return { body: Buffer.from(JSON.stringify(payload.bundle), 'utf8'), mediaType: MEDIA_TYPES.fhir };
    case 'json':
      return { body: Buffer.from(JSON.stringify(payload.value) ?? 'null', 'utf8'), mediaType: MEDIA_TYPES.json };
  }
}

