/**
 * Turns a dead-lettered BullMQ job and its error into the alerter's input. Branches on the
 * error's `code` / message prefix, never on instanceof (BullMQ keeps only name and message).
 */
import { reasonCodeOf } from '../errors.js';

export { reasonCodeOf };
import type { DeadLetterInput } from './types.js';

interface JobLike {
  id?: string | undefined;
  data?: unknown;
}

export function deadLetterInput(channelId: string, clientId: number, job: JobLike, err: { name?: string; message?: string; code?: unknown }): DeadLetterInput {
  const data = (job.data ?? {}) as { messageId?: unknown; clientId?: unknown };
  const messageId = typeof data.messageId === 'string' ? data.messageId : String(job.id ?? 'unknown');
  const jobClient = typeof data.clientId === 'number' ? data.clientId : clientId;
  return { channelId, clientId: jobClient, messageId, reasonCode: reasonCodeOf(err), reason: err.message ?? '' };
}
