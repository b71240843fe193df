/**
 * The channel destination: hands the (transformed) message to another channel's intake, for
 * chaining. The intake is injected (deps.forward) by whoever wires the daemon: destinations never
 * import intake or the queue. Delivered means the target channel durably accepted the message
 * (its own message id is returned); a refusal is permanent or transient as the target says.
 * Loops between channels are refused at config load (src/routing/loops.ts).
 */
import { z } from 'zod';
import { errorCodeOf } from '../errors.js';
import { DestinationConfigError, DestinationRejectedError, DestinationUnavailableError } from './failures.js';
import { expectPayload } from './payload.js';
import { defineDestination, type ChannelForward, type Destination } from './types.js';

export const channelDestinationSchema = z
  .object({
    type: z.literal('channel').describe("Hand the message to another channel's intake (chaining)"),
    channel: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a channel id').describe('Id of the channel that receives the message'),
    content: z.enum(['hl7v2', 'json']).default('hl7v2').describe('What is handed over: the v2 message (default) or a JSON value'),
  })
  .strict();

export type ChannelDestinationConfig = z.output<typeof channelDestinationSchema>;

export const channelDestination = defineDestination({
  type: 'channel',
  summary: "Another channel's intake: the message enters that channel as if received",
  schema: channelDestinationSchema,
  needs: (config) => config.content,
  create: (config, deps) => {
    if (deps.forward === undefined) throw new DestinationConfigError(`destination.channel: no channel intake was provided to reach "${config.channel}"`);
    return createChannelDestination(config, deps.forward);
  },
});

export function createChannelDestination(config: ChannelDestinationConfig, forward: ChannelForward): Destination {
  return {
    async deliver(payload, context) {
      const checked = expectPayload(payload, config.content, 'channel');
      const { signal, ...from } = context;
      const receipt = await forward({ channelId: config.channel, payload: checked, from, signal });
      if (receipt.accepted) return { detail: `channel ${config.channel} message ${receipt.messageId}${receipt.duplicate === true ? ' (duplicate)' : ''}` };
      const code = errorCodeOf(`${receipt.code}:`);
      const detail = `channel ${config.channel} refused the message: ${receipt.code}${receipt.detail === undefined ? '' : ` (${receipt.detail})`}`;
      if (receipt.retryable) throw new DestinationUnavailableError(detail, undefined, undefined, undefined, code ?? 'DESTINATION_UNAVAILABLE');
      throw new DestinationRejectedError(detail, undefined, undefined, undefined, code ?? 'DESTINATION_REJECTED');
    },
  };
}
