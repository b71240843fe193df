/**
 * The OAuth 2.0 token request (RFC 6749 §4.4, client_credentials). Failures are classified like FHIR
 * answers: network, timeout, 5xx and 429 wait and retry; a 4xx (invalid_client, invalid_scope…) is a
 * configuration problem no retry fixes, so it dead-letters with the OAuth error code as the reason.
 */
import { z } from 'zod';
import { verdictOf } from '../classify.js';
import { DestinationRejectedError, DestinationUnavailableError } from '../failures.js';
import { isRecord } from '../outcome.js';
import { parseRetryAfter } from '../retry-after.js';
import { fetchAnswer } from '../transport.js';
import type { AuthContext } from './provider.js';
import type { IssuedToken } from './token-cache.js';

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/** OAuth error codes are a registered, closed set of snake_case words; anything else is not repeated. */
function oauthError(body: unknown): string | undefined {
  return isRecord(body) && typeof body.error === 'string' && /^[a-z_]{1,40}$/.test(body.error) ? body.error : undefined;
}

/** Send the mTLS certificate only to the FHIR server's own origin: another CA list may not fit elsewhere. */
async function dispatcherFor(url: string, context: AuthContext) {
  if (context.dispatcher === undefined) return undefined;
  return new URL(url).origin === new URL(context.baseUrl).origin ? await context.dispatcher() : undefined;
}

export async function requestToken(
  tokenUrl: string,
  form: Record<string, string>,
  headers: Record<string, string>,
  context: AuthContext,
): Promise<IssuedToken> {
  const dispatcher = await dispatcherFor(tokenUrl, context);
  const answer = await fetchAnswer(
    tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams(form).toString(),
      ...(dispatcher === undefined ? {} : { dispatcher }),
    },
    // Shared by every waiting delivery (token-cache.ts), so only our own timeout bounds it.
    new AbortController().signal,
    context.timeoutMs,
    'token request',
  );
  const verdict = verdictOf(answer.status);
  if (verdict === 'transient') {
    throw new DestinationUnavailableError(
      `token request: HTTP ${answer.status}`,
      parseRetryAfter(answer.headers.get('retry-after'), context.now()),
    );
  }
  if (verdict === 'permanent') {
    const code = oauthError(answer.body);
    throw new DestinationRejectedError(`token request: HTTP ${answer.status}${code === undefined ? '' : ` (${code})`}`);
  }
  const parsed = tokenResponse.safeParse(answer.body);
  if (!parsed.success) throw new DestinationRejectedError('token request: answer has no access_token');
  if (parsed.data.token_type !== undefined && parsed.data.token_type.toLowerCase() !== 'bearer') {
    throw new DestinationRejectedError('token request: token_type is not Bearer');
  }
  return { accessToken: parsed.data.access_token, expiresInS: parsed.data.expires_in };
}
