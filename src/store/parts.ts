/** Sealed parts of a message in message_content.role (the packed role codes of packed.ts). */
import { ROLE_CODES } from './packed.js';
import type { ContentPart } from './types.js';

export const PART_CODES: Record<ContentPart, number> = { message: ROLE_CODES.message, edited: ROLE_CODES.edited, result: ROLE_CODES.result, ack: ROLE_CODES.ack };
export const PART_OF_CODE: ReadonlyMap<number, ContentPart> = new Map(Object.entries(PART_CODES).map(([part, code]) => [code, part as ContentPart]));
