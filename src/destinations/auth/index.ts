/** One AuthProvider per auth mode; secrets are resolved here, once, at start-up. */
import type { AuthConfig } from '../config.js';
import { clientCredentialsAuth } from './client-credentials.js';
import type { AuthContext, AuthProvider } from './provider.js';
import { smartBackendAuth } from './smart-backend.js';
import { staticAuth } from './static.js';

export type { AuthContext, AuthProvider } from './provider.js';

export function createAuth(config: AuthConfig, context: AuthContext): AuthProvider {
  switch (config.type) {
    case 'none':
    case 'bearer':
    case 'basic':
      return staticAuth(config, context.env);
    case 'client-credentials':
      return clientCredentialsAuth(config, context);
    case 'smart-backend':
      return smartBackendAuth(config, context);
  }
}
