/**
 * JSON messages over HTTP (`{mappingId, sourceData, useQueue}`), on the channel route and the
 * legacy `receiveMessage` route alike: shape check, mapping known, then queue it (answer `queued`)
 * or run the pipeline here (answer `transformed`/`failed`).
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { CATALOGUE, type ErrorCode } from '../../errors.js';
import type { IntakeDeps, SourceFacts } from '../../intake.js';
import { buildJsonJob, intakeJson } from '../../intake-json.js';
import { idempotentMessageId } from '../../queue/jobs.js';
import type { Authenticated } from '../../security/api-keys.js';
import { loadMapping } from '../../transform/json/index.js';
import { refusal, type HttpChannel } from './admission.js';
import { errorEntry, type GatewayAnswer, type SyncRunner } from './sync.js';

/** The JSON message body; `apiKey` rides along on the gateway route. Unknown fields are ignored. */
export const jsonMessageSchema = z.object({
  apiKey: z.string().optional(),
  mappingId: z.union([z.string().min(1).max(100), z.number().int()]).transform(String),
  sourceData: z.custom<Record<string, unknown> | unknown[]>((v) => typeof v === 'object' && v !== null, 'sourceData must be a JSON object or array'),
  useQueue: z.boolean().default(true),
});
export type JsonMessage = z.infer<typeof jsonMessageSchema>;

/** The body as a JSON message with a known mapping, or a refusal naming the field. */
export function parseJsonMessage(body: unknown): JsonMessage {
  const parsed = jsonMessageSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refusal('BAD_REQUEST', `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
  }
  try {
    loadMapping(parsed.data.mappingId);
  } catch (err) {
    const e = errorEntry(err);
    throw refusal(e.code as ErrorCode, e.message);
  }
  return parsed.data;
}

export interface JsonSubmission {
  msg: JsonMessage;
  channel: HttpChannel;
  auth: Authenticated;
  facts: SourceFacts;
  /** performance.now() when the request was taken up */
  started: number;
  idempotencyKey?: string | undefined;
}

export type JsonHandler = (s: JsonSubmission) => Promise<{ status: number; answer: GatewayAnswer; replayed?: boolean }>;

/**
 * Queue it or run it here. With an idempotency key a queued submission gets a deterministic id, so
 * a retry inside the channel's dedupe window answers the first one's id and is not queued again
 * (`replayed`).
 */
export function createJsonHandler(deps: IntakeDeps, runSync: SyncRunner): JsonHandler {
  return async ({ msg, channel, auth, facts, started, idempotencyKey }) => {
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    if (msg.useQueue) {
      const messageId = idempotencyKey === undefined ? undefined : idempotentMessageId(channel.id, auth.clientId, idempotencyKey);
      const receipt = await intakeJson(msg.sourceData, msg.mappingId, channel, facts, deps, auth.clientId, messageId);
      if (receipt.situation === 'stored') return { status: 200, answer: { messageId: receipt.messageId, status: 'queued', errors: [], processingTime: elapsed() }, replayed: receipt.duplicate };
      return {
        status: CATALOGUE[receipt.code].http,
        answer: { messageId: receipt.messageId, status: 'failed', errors: [{ code: receipt.code, message: receipt.detail }], processingTime: elapsed() },
      };
    }
    const job = buildJsonJob(msg.sourceData, msg.mappingId, channel, facts, deps.keyring, auth.clientId);
    return runSync(job, channel, elapsed);
  };
}
