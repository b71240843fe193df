/** One request with credentials; after a 401, one more try when the auth mode can get a new credential. */
import type { HttpAnswer } from '../transport.js';
import type { AuthProvider } from './provider.js';

export async function sendAuthorized(
  auth: AuthProvider,
  signal: AbortSignal,
  send: (authorization: string | undefined) => Promise<HttpAnswer>,
): Promise<HttpAnswer> {
  const attempt = async () => {
    const authorization = await auth.authorization(signal);
    return { authorization, answer: await send(authorization) };
  };
  const first = await attempt();
  if (first.answer.status !== 401 || !auth.refused(first.authorization)) return first.answer;
  return (await attempt()).answer;
}
