/**
 * The shape of a sealed value (seal.ts `Sealed`) as zod checks it where one arrives from Redis: a
 * job's data and the store's outbox. One owner, so a new compression format is accepted by both.
 */
import { z } from 'zod';

export const sealedSchema = z.object({
  kid: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
  v: z.union([z.literal(2), z.literal(3)]).optional(),
  z: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
});
