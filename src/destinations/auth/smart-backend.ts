/** SMART Backend Services: client_credentials authenticated by a signed JWT instead of a shared secret. */
import type { AuthConfig } from '../config.js';
import { clientAssertionType, signClientAssertion } from './client-assertion.js';
import { loadPrivateKey } from './private-key.js';
import type { AuthContext, AuthProvider } from './provider.js';
import { discoverTokenUrl } from './smart-discovery.js';
import { tokenAuth } from './token-auth.js';
import { requestToken } from './token-endpoint.js';

type Config = Extract<AuthConfig, { type: 'smart-backend' }>;

export function smartBackendAuth(config: Config, context: AuthContext): AuthProvider {
  const key = loadPrivateKey(config.privateKeyFile, config.alg);
  // Discovered once, then kept; a failed discovery is retried on the next delivery.
  let tokenUrl: Promise<string> | undefined =
    config.tokenUrl === undefined ? undefined : Promise.resolve(config.tokenUrl);
  const resolveTokenUrl = () => {
    tokenUrl ??= discoverTokenUrl(context).catch((err: unknown) => {
      tokenUrl = undefined;
      throw err;
    });
    return tokenUrl;
  };

  return tokenAuth(context, async () => {
    const url = await resolveTokenUrl();
    const assertion = await signClientAssertion(
      key,
      { clientId: config.clientId, tokenUrl: url, alg: config.alg, kid: config.kid },
      context.now(),
    );
    return requestToken(
      url,
      {
        grant_type: 'client_credentials',
        scope: config.scope,
        client_assertion_type: clientAssertionType,
        client_assertion: assertion,
      },
      {},
      context,
    );
  });
}
