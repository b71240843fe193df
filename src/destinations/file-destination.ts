/**
 * The file destination: writes the v2 message (bytes as received or transformed) or the FHIR
 * Bundle / JSON value (UTF-8 JSON) into a local directory, one file per message, named from a
 * template, atomically and never overwriting (file/write.ts). The directory is resolved once at
 * start-up (realpath): a symlink swapped in for it later is not followed.
 */
import { realpathSync, statSync } from 'node:fs';
import { z } from 'zod';
import { PermanentError } from '../errors.js';
import { DestinationConfigError, DestinationRejectedError, DestinationUnavailableError } from './failures.js';
import { checkTemplate, compactTime, renderName } from './file/name.js';
import { MAX_SUFFIX, writeOnce } from './file/write.js';
import { expectPayload, payloadBytes } from './payload.js';
import { defineDestination, type Destination } from './types.js';

export const defaults = { name: '{channel}-{controlId}-{receivedAt}.hl7', mode: '640' } as const;

export const fileDestinationSchema = z
  .object({
    type: z.literal('file').describe('Write each message to a file in a local directory'),
    dir: z.string().min(1).describe('Directory the files go to (must exist; resolved once at start)'),
    content: z.enum(['hl7v2', 'fhir', 'json']).describe('What to write: hl7v2 (the v2 bytes), fhir (the Bundle as JSON) or json (a transformer\'s JSON)'),
    name: z
      .string()
      .min(1)
      .max(120)
      .default(defaults.name)
      .superRefine((template, ctx) => {
        for (const message of checkTemplate(template)) ctx.addIssue({ code: 'custom', message });
      })
      .describe('File name template: {channel} {destination} {messageId} {controlId} {receivedAt} {date}; values are sanitised to [A-Za-z0-9._-]'),
    mode: z
      .string()
      .regex(/^[0-7]{3}$/, 'three octal digits, e.g. "640"')
      .default(defaults.mode)
      .describe('Permissions of the files written (octal, before the umask)'),
  })
  .strict();

export type FileDestinationConfig = z.output<typeof fileDestinationSchema>;

export const fileDestination = defineDestination({
  type: 'file',
  summary: 'Local directory: one file per message, atomic, never overwriting',
  schema: fileDestinationSchema,
  needs: (config) => config.content,
  create: (config) => createFileDestination(config),
});

function resolveDirectory(dir: string): string {
  try {
    const real = realpathSync(dir);
    if (!statSync(real).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return real;
  } catch (err) {
    throw new DestinationConfigError(`destination.dir: ${dir} is not a usable directory (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function createFileDestination(config: FileDestinationConfig): Destination {
  const dir = resolveDirectory(config.dir);
  const mode = Number.parseInt(config.mode, 8);
  return {
    async deliver(payload, context) {
      const { body } = payloadBytes(expectPayload(payload, config.content, 'file'));
      const receivedAt = context.receivedAt ?? new Date(0).toISOString();
      const name = renderName(config.name, {
        channel: context.channelId,
        destination: context.destinationId,
        messageId: context.messageId,
        controlId: context.controlId ?? '',
        receivedAt: compactTime(receivedAt),
        date: compactTime(receivedAt).slice(0, 8),
      });
      let result;
      try {
        result = await writeOnce(dir, name, body, mode);
      } catch (err) {
        if (err instanceof PermanentError) throw err;
        // The directory is the problem (gone, full, permissions): not this message's fault, so retry.
        throw new DestinationUnavailableError(`file: cannot write in the destination directory (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (result === undefined) throw new DestinationRejectedError(`file: ${MAX_SUFFIX} files with this name and other contents already exist`);
      return { detail: result.written ? `wrote ${result.name}` : `${result.name} already holds this message` };
    },
  };
}
