import { z } from 'zod';
import { channelSchema } from './channel.js';

/** JSON Schema of a channel file, as editors read it (input side: defaults make fields optional). */
export function channelJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(channelSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'hig channel',
    description: 'One channel of the Health Interoperability Gateway (channels/<id>.json).',
  };
}
