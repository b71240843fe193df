/** `{type: 'none'}`: the FHIR result stays with the job only; nothing is sent (status 0). */
import { z } from 'zod';
import { defineDestination } from './types.js';

export const noneDestinationSchema = z
  .object({ type: z.literal('none').describe('Keep the FHIR result with the job only; push nowhere') })
  .strict();

export const noneDestination = defineDestination({
  type: 'none',
  summary: 'Nowhere: the FHIR result stays with the job',
  schema: noneDestinationSchema,
  needs: () => 'nothing',
  create: () => ({ deliver: async () => ({ status: 0, entries: [] }) }),
});
