/**
 * The private_key_jwt client assertion of SMART Backend Services (SMART App Launch 2.x,
 * "Backend Services" §Authenticating to the token endpoint): iss = sub = client_id, aud = token URL,
 * a unique jti and an expiry no more than five minutes away.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AssertionAlg } from './private-key.js';

export const assertionLifetimeS = 300;

export const clientAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function signClientAssertion(
  key: KeyObject,
  claims: { clientId: string; tokenUrl: string; alg: AssertionAlg; kid: string | undefined },
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: claims.alg, typ: 'JWT', ...(claims.kid === undefined ? {} : { kid: claims.kid }) })
    .setIssuer(claims.clientId)
    .setSubject(claims.clientId)
    .setAudience(claims.tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + assertionLifetimeS)
    .sign(key);
}
