/** OAuth 2.0 client_credentials with a client secret (client_secret_basic or client_secret_post). */
import type { AuthConfig } from '../config.js';
import { secretFromEnv } from './env.js';
import { tokenAuth } from './token-auth.js';
import type { AuthContext, AuthProvider } from './provider.js';
import { requestToken } from './token-endpoint.js';

type Config = Extract<AuthConfig, { type: 'client-credentials' }>;

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before the Basic encoding. */
export function basicClientHeader(clientId: string, secret: string): string {
  const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`, 'utf8').toString('base64')}`;
}

export function clientCredentialsAuth(config: Config, context: AuthContext): AuthProvider {
  const secret = secretFromEnv(context.env, config.clientSecretEnv, 'clientSecretEnv');
  const scope: Record<string, string> = config.scope === undefined ? {} : { scope: config.scope };
  return tokenAuth(context, () =>
    config.clientAuth === 'client_secret_post'
      ? requestToken(
          config.tokenUrl,
          { grant_type: 'client_credentials', client_id: config.clientId, client_secret: secret, ...scope },
          {},
          context,
        )
      : requestToken(
          config.tokenUrl,
          { grant_type: 'client_credentials', ...scope },
          { authorization: basicClientHeader(config.clientId, secret) },
          context,
        ),
  );
}
