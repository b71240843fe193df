/**
 * The file destination: writes the v2 message (bytes as received or transformed) or the FHIR
 * Bundle / JSON value (UTF-8 JSON) into a directory, local or on an SFTP server (`sftp` block), one
 * file per message, named from a template, atomically and never overwriting, through one store
 * interface (file/store.ts: local file/write.ts, SFTP file/sftp-store.ts). A local directory is
 * resolved once at start-up (realpath): a symlink swapped in for it later is not followed.
 */
import { realpathSync, statSync } from 'node:fs';
import { z } from 'zod';
import { PermanentError } from '../errors.js';
import { DestinationConfigError, DestinationRejectedError, DestinationUnavailableError } from './failures.js';
import { checkTemplate, compactTime, renderName } from './file/name.js';
import { sftpStore } from './file/sftp-store.js';
import { localStore, MAX_SUFFIX, type FileStore } from './file/store.js';
import { expectPayload, payloadBytes } from './payload.js';
import { defineDestination, type Destination, type DestinationDeps } from './types.js';

export const defaults = { name: '{channel}-{controlId}-{receivedAt}.hl7', mode: '640', sftpPort: 22, connectTimeoutMs: 20_000, requestTimeoutMs: 30_000 } as const;

export const sftpTargetSchema = z
  .object({
    host: z.string().min(1).describe('SFTP server host name or address'),
    port: z.number().int().min(1).max(65535).default(defaults.sftpPort).describe('SFTP server port'),
    username: z.string().min(1).describe('user name to log in as'),
    privateKeyPath: z.string().min(1).optional().describe('OpenSSH private key file used to log in'),
    passphraseEnv: z.string().min(1).optional().describe('environment variable holding the private key passphrase'),
    passwordEnv: z.string().min(1).optional().describe('environment variable holding the password (when no key is used)'),
    hostKeySha256: z.string().min(1).describe('pinned SHA-256 fingerprint of the server host key, as ssh-keygen -lf prints it ("SHA256:…") or hex'),
    connectTimeoutMs: z.number().int().min(100).default(defaults.connectTimeoutMs).describe('give up a connection attempt after this long'),
    requestTimeoutMs: z.number().int().min(100).default(defaults.requestTimeoutMs).describe('give up one SFTP request (open, write, rename) after this long; the session is reopened'),
  })
  .strict()
  .refine((s) => s.privateKeyPath !== undefined || s.passwordEnv !== undefined, { message: 'set privateKeyPath or passwordEnv', path: ['privateKeyPath'] })
  .describe('Write to this SFTP server instead of the local file system; dir is then the remote directory (absolute, must exist)');

export const fileDestinationSchema = z
  .object({
    type: z.literal('file').describe('Write each message to a file in a directory, local or on an SFTP server'),
    dir: z.string().min(1).describe('Directory the files go to (must exist; local: resolved once at start; with sftp: the remote directory)'),
    sftp: sftpTargetSchema.optional(),
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
  summary: 'Directory, local or SFTP: one file per message, atomic, never overwriting',
  schema: fileDestinationSchema,
  needs: (config) => config.content,
  create: (config, deps) => createFileDestination(config, deps),
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

function storeFor(config: FileDestinationConfig, deps: Pick<DestinationDeps, 'env' | 'log'>): FileStore {
  if (config.sftp === undefined) return localStore(resolveDirectory(config.dir));
  try {
    return sftpStore(config.dir, config.sftp, { env: deps.env, ...(deps.log ? { log: deps.log } : {}) });
  } catch (err) {
    throw new DestinationConfigError(`destination.${(err as Error).message}`);
  }
}

export function createFileDestination(config: FileDestinationConfig, deps: Pick<DestinationDeps, 'env' | 'log'>): Destination {
  const store = storeFor(config, deps);
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
        result = await store.writeOnce(name, body, mode);
      } catch (err) {
        if (err instanceof PermanentError) throw err;
        // The directory or server is the problem (gone, full, permissions, down): not this message's fault, so retry.
        throw new DestinationUnavailableError(`file: cannot write in ${store.where} (${String((err as { code?: unknown }).code ?? 'error')})`);
      }
      if (result === undefined) throw new DestinationRejectedError(`file: ${MAX_SUFFIX} files with this name and other contents already exist`);
      return { detail: result.written ? `wrote ${result.name}` : `${result.name} already holds this message` };
    },
    close: () => store.close(),
  };
}
