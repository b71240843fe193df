/**
 * Job priority from the channel's rules. Every job gets one: BullMQ runs jobs without a priority
 * before all prioritized ones, so a mix would invert the intent. Lower numbers run first.
 */
import type { Channel } from '../config/channel.js';
import type { MessageHeader } from '../hl7/header.js';
import { messageTypeOf } from '../hl7/header.js';
import { scanField } from '../hl7/scan.js';

/** `text`: the message as latin1 text (field rules scan it). */
export function priorityFor(text: string, header: MessageHeader, channel: Channel): number {
  const { default: fallback, rules } = channel.queue.priority;
  let best = fallback;
  for (const rule of rules) {
    if (rule.priority >= best) continue;
    if (rule.events?.includes(messageTypeOf(header))) best = rule.priority;
    else if (rule.field && rule.values) {
      const value = scanField(text, header.delimiters, rule.field);
      if (value !== undefined && rule.values.includes(value)) best = rule.priority;
    }
  }
  return best;
}
