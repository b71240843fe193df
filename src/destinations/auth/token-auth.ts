/** An AuthProvider over a TokenCache: bearer tokens that expire and can be renewed after a 401. */
import type { AuthContext, AuthProvider } from './provider.js';
import { TokenCache, type IssuedToken } from './token-cache.js';

export function tokenAuth(context: AuthContext, issue: () => Promise<IssuedToken>): AuthProvider {
  const cache = new TokenCache(issue, context.now);
  return {
    authorization: async (signal) => `Bearer ${await cache.get(signal)}`,
    refused: (header) => header !== undefined && cache.invalidate(header.replace(/^Bearer /, '')),
  };
}
