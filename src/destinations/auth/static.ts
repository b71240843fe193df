/** Auth modes whose credential never changes while the process runs: none, bearer, basic. */
import type { AuthConfig } from '../config.js';
import { secretFromEnv } from './env.js';
import type { AuthProvider } from './provider.js';

function fixed(header: string | undefined): AuthProvider {
  return {
    authorization: async () => header,
    // Asking again would send the same thing: a 401 is final.
    refused: () => false,
  };
}

export function staticAuth(
  config: Extract<AuthConfig, { type: 'none' | 'bearer' | 'basic' }>,
  env: NodeJS.ProcessEnv,
): AuthProvider {
  switch (config.type) {
    case 'none':
      return fixed(undefined);
    case 'bearer':
      return fixed(`Bearer ${secretFromEnv(env, config.tokenEnv, 'tokenEnv')}`);
    case 'basic': {
      const password = secretFromEnv(env, config.passwordEnv, 'passwordEnv');
      return fixed(`Basic ${Buffer.from(`${config.username}:${password}`, 'utf8').toString('base64')}`);
    }
  }
}
