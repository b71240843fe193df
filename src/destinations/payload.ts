/** Reading a Payload: the one place that knows how each content type becomes bytes on the wire. */
import { PermanentError } from '../errors.js';
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

/** The bytes and media type of any payload: v2 as is (sender's charset), FHIR and JSON as UTF-8 JSON. */
export function payloadBytes(payload: Payload): { body: Buffer; mediaType: string } {
  switch (payload.contentType) {
    case 'hl7v2':
      return { body: payload.message, mediaType: MEDIA_TYPES.hl7v2 };
    case 'fhir':
      return { body: Buffer.from(JSON.stringify(payload.bundle), 'utf8'), mediaType: MEDIA_TYPES.fhir };
    case 'json':
      return { body: Buffer.from(JSON.stringify(payload.value) ?? 'null', 'utf8'), mediaType: MEDIA_TYPES.json };
  }
}
