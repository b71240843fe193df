/**
 * Turns a dead-lettered BullMQ job and its error into the alerter's input. Branches on the
 * error's `code` / message prefix, never on instanceof (BullMQ keeps only name and message).
 */
import { CATALOGUE, errorCodeOf } from '../errors.js';
import type { DeadLetterInput } from './types.js';

interface JobLike {
  id?: string | undefined;
  data?: unknown;
}

/** `MAPPING_NOT_FOUND: …` → MAPPING_NOT_FOUND; otherwise the error's code, or its name. */
export function reasonCodeOf(err: { name?: string; message?: string; code?: unknown }): string {
  if (typeof err.code === 'string' && err.code in CATALOGUE) return err.code;
  const prefix = errorCodeOf(err.message);
  if (prefix) return prefix;
  if (err.name === 'TransientError' || err.name === 'PermanentError') return 'INTERNAL';
  return (err.name ?? 'Error').replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64) || 'Error';
}

export function deadLetterInput(channelId: string, clientId: number, job: JobLike, err: { name?: string; message?: string; code?: unknown }): DeadLetterInput {
  const data = (job.data ?? {}) as { messageId?: unknown; clientId?: unknown };
  const messageId = typeof data.messageId === 'string' ? data.messageId : String(job.id ?? 'unknown');
  const jobClient = typeof data.clientId === 'number' ? data.clientId : clientId;
  return { channelId, clientId: jobClient, messageId, reasonCode: reasonCodeOf(err), reason: err.message ?? '' };
}
