/**
 * `hig apikey create --client N [--name TEXT] [--label TEXT] [--file F]` prints a new key once;
 * `hig apikey list [--file F]` shows key ids per client; `hig apikey revoke KEYID [--file F]`.
 * The clients file defaults to <HIG_DATA_DIR>/clients.json.
 */
import { parseArgs } from 'node:util';
import { loadSettings } from '../config/env.js';
import { createApiKey, defaultClientsFile, readClientsFile, revokeApiKey } from '../security/api-keys.js';

export const APIKEY_USAGE = `usage: hig apikey create --client N [--name TEXT] [--label TEXT] [--file F]
       hig apikey list [--file F] [--json]
       hig apikey revoke KEYID [--file F]`;

export class ApiKeyUsageError extends Error {
  override name = 'ApiKeyUsageError';
}

/** Runs the command; returns what to print on stdout. Throws ApiKeyUsageError / ApiKeyError with one line. */
export async function cmdApiKey(args: string[]): Promise<string> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      client: { type: 'string' },
      name: { type: 'string' },
      label: { type: 'string' },
      file: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = values.file ?? defaultClientsFile(loadSettings().HIG_DATA_DIR);
  switch (sub) {
    case 'create': {
      if (values.client === undefined || !/^\d+$/.test(values.client)) throw new ApiKeyUsageError(`--client N is required (a whole number)\n${APIKEY_USAGE}`);
      const created = await createApiKey(file, Number(values.client), {
        ...(values.name ? { name: values.name } : {}),
        ...(values.label ? { label: values.label } : {}),
      });
      return values.json
        ? JSON.stringify({ ...created, file }) + '\n'
        : `${created.key}\n# client ${created.clientId}, key id ${created.keyId}, stored hashed in ${file}; this key is shown only once\n`;
    }
    case 'list': {
      const data = readClientsFile(file);
      if (values.json) {
        return JSON.stringify(data.clients.map((c) => ({ id: c.id, name: c.name, keys: c.keys.map(({ id, createdAt, label, revoked }) => ({ id, createdAt, label, revoked: revoked ?? false })) }))) + '\n';
      }
      const lines = data.clients.flatMap((c) => c.keys.map((k) => `${c.id}\t${k.id}\t${k.createdAt}\t${k.revoked ? 'revoked' : 'active'}\t${k.label ?? ''}`));
      return ['client\tkey id\tcreated\tstate\tlabel', ...lines].join('\n') + '\n';
    }
    case 'revoke': {
      const keyId = positionals[0];
      if (!keyId) throw new ApiKeyUsageError(`KEYID is required\n${APIKEY_USAGE}`);
      if (!(await revokeApiKey(file, keyId))) throw new ApiKeyUsageError(`no key ${keyId} in ${file}`);
      return `revoked ${keyId}\n`;
    }
    default:
      throw new ApiKeyUsageError(APIKEY_USAGE);
  }
}
