/** Finds the token endpoint in `<baseUrl>/.well-known/smart-configuration` (SMART App Launch 2.x §Discovery). */
import { z } from 'zod';
import { verdictOf } from '../classify.js';
import { DestinationRejectedError, DestinationUnavailableError } from '../failures.js';
import { parseRetryAfter } from '../retry-after.js';
import { fetchAnswer } from '../transport.js';
import type { AuthContext } from './provider.js';

const smartConfiguration = z.object({ token_endpoint: z.url() });

export function smartConfigurationUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
}

export async function discoverTokenUrl(context: AuthContext): Promise<string> {
  const dispatcher = context.dispatcher === undefined ? undefined : await context.dispatcher();
  const answer = await fetchAnswer(
    smartConfigurationUrl(context.baseUrl),
    { method: 'GET', headers: { accept: 'application/json' }, ...(dispatcher === undefined ? {} : { dispatcher }) },
    new AbortController().signal,
    context.timeoutMs,
    'SMART discovery',
  );
  const verdict = verdictOf(answer.status);
  if (verdict === 'transient') {
    throw new DestinationUnavailableError(
      `SMART discovery: HTTP ${answer.status}`,
      parseRetryAfter(answer.headers.get('retry-after'), context.now()),
    );
  }
  if (verdict === 'permanent') {
    throw new DestinationRejectedError(`SMART discovery: HTTP ${answer.status}; set auth.tokenUrl`);
  }
  const parsed = smartConfiguration.safeParse(answer.body);
  if (!parsed.success) throw new DestinationRejectedError('SMART discovery: no token_endpoint; set auth.tokenUrl');
  return parsed.data.token_endpoint;
}
