/**
 * Every auth mode against the real FHIR test server: none, bearer, basic, OAuth client-credentials
 * (secret in a Basic header or in the form) and SMART Backend Services (RS384 and ES384 assertions,
 * token endpoint configured or discovered), token caching and refresh-on-401 exactly once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createDestination, type BundlePusher as Destination } from './push.js';
import type { z } from 'zod';
import type { destinationConfigSchema as destinationSchema } from '../../src/destinations/registry.js';
import { startFhirServer, type FhirServer, type FhirServerOptions } from '../support/fhir-server.js';
import { failureOf, never, sampleBundle, tempDir, testKey } from './helpers.js';

type Auth = Extract<z.input<typeof destinationSchema>, { type: 'fhir' }>['auth'];

const servers: FhirServer[] = [];
const destinations: Destination[] = [];

afterEach(async () => {
  for (const d of destinations.splice(0)) await d.close?.();
  for (const s of servers.splice(0)) await s.close();
});

async function serverWith(options: FhirServerOptions): Promise<FhirServer> {
  const server = await startFhirServer(options);
  servers.push(server);
  return server;
}

function destinationFor(server: FhirServer, auth: Auth, env: NodeJS.ProcessEnv = {}, mode: 'transaction' | 'individual' = 'transaction') {
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth, timeoutMs: 5000 }, env);
  destinations.push(destination);
  return destination;
}

describe('static credentials', () => {
  it('none: no Authorization header', async () => {
    const server = await serverWith({ auth: { type: 'none' } });
    await destinationFor(server, { type: 'none' }).deliver(sampleBundle('none'), never);
    expect(server.requests.map((r) => r.authorization)).toEqual([undefined]);
  });

  it('bearer: token from the named env var', async () => {
    const server = await serverWith({ auth: { type: 'bearer', token: 's3cret-token' } });
    const outcome = await destinationFor(server, { type: 'bearer', tokenEnv: 'FHIR_TOKEN' }, { FHIR_TOKEN: 's3cret-token' }).deliver(
      sampleBundle('bearer'),
      never,
    );
    expect(outcome.entries).toHaveLength(3);
    expect(server.requests[0]?.authorization).toBe('Bearer s3cret-token');
  });

  it('bearer: a wrong token is a permanent 401, sent once (nothing to refresh)', async () => {
    const server = await serverWith({ auth: { type: 'bearer', token: 'right' } });
    const err = await failureOf(
      destinationFor(server, { type: 'bearer', tokenEnv: 'FHIR_TOKEN' }, { FHIR_TOKEN: 'wrong' }).deliver(sampleBundle('b401'), never),
    );
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('401');
    expect(server.requests).toHaveLength(1);
  });

  it('basic: username and password from env', async () => {
    const server = await serverWith({ auth: { type: 'basic', username: 'hig', password: 'p:ss wörd' } });
    await destinationFor(server, { type: 'basic', username: 'hig', passwordEnv: 'FHIR_PASSWORD' }, { FHIR_PASSWORD: 'p:ss wörd' }).deliver(
      sampleBundle('basic'),
      never,
    );
    expect(server.requests[0]?.status).toBe(200);
    const wrong = await failureOf(
      destinationFor(server, { type: 'basic', username: 'hig', passwordEnv: 'FHIR_PASSWORD' }, { FHIR_PASSWORD: 'nope' }).deliver(
        sampleBundle('basic2'),
        never,
      ),
    );
    expect(wrong.name).toBe('PermanentError');
  });

  it('a missing env var fails at creation, naming the field and variable but no value', () => {
    expect(() =>
      createDestination(
        { type: 'fhir', baseUrl: 'http://127.0.0.1:1/fhir', mode: 'transaction', auth: { type: 'bearer', tokenEnv: 'NOT_SET_ANYWHERE' } },
        {},
      ),
    ).toThrow(/tokenEnv: environment variable NOT_SET_ANYWHERE is not set/);
  });
});

describe('OAuth client-credentials', () => {
  const oauth = (tokenTtlS = 300): FhirServerOptions => ({
    auth: { type: 'oauth', clients: [{ clientId: 'hig', secret: 'client secret+/=' }], tokenTtlS },
  });

  it.each(['client_secret_basic', 'client_secret_post'] as const)('%s: gets a token and uses it', async (clientAuth) => {
    const server = await serverWith(oauth());
    const destination = destinationFor(
      server,
      { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET', scope: 'system/*.write', clientAuth },
      { SECRET: 'client secret+/=' },
    );
    await destination.deliver(sampleBundle('cc'), never);
    expect(server.grants.map((g) => [g.clientId, g.method, g.scope])).toEqual([['hig', clientAuth, 'system/*.write']]);
    expect(server.requests[0]?.authorization).toBe(`Bearer ${server.grants[0]?.token}`);
  });

  it('caches the token across deliveries, including concurrent ones (one token request)', async () => {
    const server = await serverWith(oauth());
    const destination = destinationFor(
      server,
      { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET' },
      { SECRET: 'client secret+/=' },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => destination.deliver(sampleBundle(`cache-${n}`), never)));
    await destination.deliver(sampleBundle('cache-6'), never);
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.requests).toHaveLength(6);
  });

  it('renews a token shortly before it expires', async () => {
    // 100 s tokens, renewed 10 % (10 s) early. The destination's clock is the test's, so how long the deliveries
    // take on a loaded machine cannot age the token (real 2 s tokens and a 1.9 s sleep did: the second delivery
    // could come past the renewal point); the server's own expiry, in real time, is far off.
    const server = await serverWith(oauth(100));
    let now = Date.now();
    const destination = createDestination(
      { type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET' }, timeoutMs: 5000 },
      { SECRET: 'client secret+/=' },
      { now: () => now },
    );
    destinations.push(destination);
    await destination.deliver(sampleBundle('exp-1'), never);
    now += 89_000; // before the renewal point (90 s)
    await destination.deliver(sampleBundle('exp-2'), never);
    expect(server.tokenRequests).toHaveLength(1);
    now += 2_000; // past it, 9 s before the token expires
    await destination.deliver(sampleBundle('exp-3'), never);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('refreshes once on 401 and succeeds with the new token', async () => {
    const server = await serverWith(oauth());
    const destination = destinationFor(
      server,
      { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET' },
      { SECRET: 'client secret+/=' },
    );
    await destination.deliver(sampleBundle('r-1'), never);
    server.revokeTokens();
    await destination.deliver(sampleBundle('r-2'), never);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.requests.map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('a 401 that persists after one refresh is permanent (no loop)', async () => {
    const server = await serverWith(oauth());
    const destination = destinationFor(
      server,
      { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET' },
      { SECRET: 'client secret+/=' },
    );
    await server.setFault({ kind: 'status', status: 401 });
    const err = await failureOf(destination.deliver(sampleBundle('r401'), never));
    expect(err.name).toBe('PermanentError');
    expect(server.requests).toHaveLength(2);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('a wrong secret is a permanent failure naming the OAuth error code', async () => {
    const server = await serverWith(oauth());
    const err = await failureOf(
      destinationFor(
        server,
        { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET' },
        { SECRET: 'wrong' },
      ).deliver(sampleBundle('bad'), never),
    );
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('token request: HTTP 401 (invalid_client)');
    expect(err.message).not.toContain('wrong');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [503, '4', 4000],
    [429, undefined, undefined],
  ])('token endpoint %i is transient (Retry-After %s)', async (status, retryAfter, expected) => {
    const server = await serverWith(oauth());
    await server.setFault({ kind: 'status', status, target: 'token', times: 1, ...(retryAfter === undefined ? {} : { retryAfter }) });
    const destination = destinationFor(
      server,
      { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET' },
      { SECRET: 'client secret+/=' },
    );
    const err = await failureOf(destination.deliver(sampleBundle('t503'), never));
    expect(err.name).toBe('TransientError');
    expect(err.retryAfterMs).toBe(expected);
    // The failed token request is not cached: the next delivery gets a token and succeeds.
    await destination.deliver(sampleBundle('t503'), never);
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('the caller aborting while the token request is slow is transient; the token still serves the next delivery', async () => {
    const server = await serverWith(oauth());
    await server.setFault({ kind: 'slow', delayMs: 400, target: 'token', times: 1 });
    const destination = destinationFor(
      server,
      { type: 'client-credentials', tokenUrl: server.tokenUrl, clientId: 'hig', clientSecretEnv: 'SECRET' },
      { SECRET: 'client secret+/=' },
    );
    const err = await failureOf(destination.deliver(sampleBundle('t-abort'), AbortSignal.timeout(50)));
    expect(err.name).toBe('TransientError');
    expect(err.message).toContain('token request: aborted before an answer');
    await destination.deliver(sampleBundle('t-abort'), never);
    expect(server.tokenRequests).toHaveLength(1);
  });

  it('an unreachable token endpoint is transient', async () => {
    const server = await serverWith(oauth());
    const err = await failureOf(
      destinationFor(
        server,
        { type: 'client-credentials', tokenUrl: 'http://127.0.0.1:45999/token', clientId: 'hig', clientSecretEnv: 'SECRET' },
        { SECRET: 'x' },
      ).deliver(sampleBundle('t-down'), never),
    );
    expect(err.name).toBe('TransientError');
    expect(err.message).toContain('token request: network error ECONNREFUSED');
  });
});

describe.each(['RS384', 'ES384'] as const)('SMART Backend Services %s', (alg) => {
  it('discovers the token endpoint and authenticates with a signed assertion', async () => {
    const key = testKey(alg);
    const server = await serverWith({ auth: { type: 'oauth', clients: [{ clientId: 'hig-backend', publicKey: key.publicKey, algs: [alg] }] } });
    const destination = destinationFor(server, {
      type: 'smart-backend',
      clientId: 'hig-backend',
      privateKeyFile: key.file,
      alg,
      kid: `${alg}-key-1`,
      scope: 'system/Patient.write system/Observation.write',
    });
    await destination.deliver(sampleBundle(`smart-${alg}`), never);
    await destination.deliver(sampleBundle(`smart-${alg}-2`), never);
    expect(server.grants.map((g) => [g.clientId, g.method, g.alg, g.kid, g.scope])).toEqual([
      ['hig-backend', 'private_key_jwt', alg, `${alg}-key-1`, 'system/Patient.write system/Observation.write'],
    ]);
    const form = server.tokenRequests[0]?.body as Record<string, string>;
    expect(form.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(decodeProtectedHeader(form.client_assertion ?? '').typ).toBe('JWT');
    expect(server.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('uses a configured tokenUrl without discovery, and a JWK key file', async () => {
    const key = testKey(alg, 'jwk');
    const server = await serverWith({
      auth: { type: 'oauth', clients: [{ clientId: 'hig-backend', publicKey: key.publicKey }] },
      discovery: 'missing',
    });
    const destination = destinationFor(server, {
      type: 'smart-backend',
      clientId: 'hig-backend',
      privateKeyFile: key.file,
      alg,
      tokenUrl: server.tokenUrl,
      scope: 'system/*.write',
    });
    await destination.deliver(sampleBundle(`smart-jwk-${alg}`), never);
    expect(server.grants).toHaveLength(1);
  });

  it('refreshes on 401 with a new assertion (fresh jti)', async () => {
    const key = testKey(alg);
    const server = await serverWith({ auth: { type: 'oauth', clients: [{ clientId: 'c', publicKey: key.publicKey }] } });
    const destination = destinationFor(server, { type: 'smart-backend', clientId: 'c', privateKeyFile: key.file, alg, scope: 'system/*.write' });
    await destination.deliver(sampleBundle('sr-1'), never);
    server.revokeTokens();
    await destination.deliver(sampleBundle('sr-2'), never);
    expect(server.grants).toHaveLength(2);
    expect(server.requests.map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('an assertion signed with a key the server does not know is rejected permanently', async () => {
    const registered = testKey(alg);
    const other = testKey(alg);
    const server = await serverWith({ auth: { type: 'oauth', clients: [{ clientId: 'c', publicKey: registered.publicKey }] } });
    const err = await failureOf(
      destinationFor(server, { type: 'smart-backend', clientId: 'c', privateKeyFile: other.file, alg, scope: 'system/*.write' }).deliver(
        sampleBundle('wrong-key'),
        never,
      ),
    );
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('invalid_client');
  });
});

describe('SMART configuration problems', () => {
  it('discovery without token_endpoint is permanent and says to set tokenUrl', async () => {
    const key = testKey('ES384');
    const server = await serverWith({ auth: { type: 'oauth', clients: [{ clientId: 'c', publicKey: key.publicKey }] }, discovery: 'no-token-endpoint' });
    const err = await failureOf(
      destinationFor(server, { type: 'smart-backend', clientId: 'c', privateKeyFile: key.file, alg: 'ES384', scope: 's' }).deliver(
        sampleBundle('nodisc'),
        never,
      ),
    );
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('set auth.tokenUrl');
  });

  it('discovery failing with 503 is transient and retried on the next delivery', async () => {
    const key = testKey('ES384');
    const server = await serverWith({ auth: { type: 'oauth', clients: [{ clientId: 'c', publicKey: key.publicKey }] } });
    await server.setFault({ kind: 'status', status: 503, target: 'discovery', times: 1 });
    const destination = destinationFor(server, { type: 'smart-backend', clientId: 'c', privateKeyFile: key.file, alg: 'ES384', scope: 's' });
    const err = await failureOf(destination.deliver(sampleBundle('disc503'), never));
    expect(err.name).toBe('TransientError');
    await destination.deliver(sampleBundle('disc503'), never);
    expect(server.grants).toHaveLength(1);
  });

  it.each([
    ['RS384', 'ES384', 'ES384 needs an EC P-384 key'],
    ['ES384', 'RS384', 'RS384 needs an RSA key'],
  ] as const)('a %s key configured as %s fails at creation', (keyAlg, configured, message) => {
    const key = testKey(keyAlg);
    expect(() =>
      createDestination({
        type: 'fhir',
        baseUrl: 'http://127.0.0.1:1/fhir',
        mode: 'transaction',
        auth: { type: 'smart-backend', clientId: 'c', privateKeyFile: key.file, alg: configured, scope: 's' },
      }),
    ).toThrow(message);
  });

  it('an unreadable or non-key file fails at creation without echoing the content', () => {
    const dir = tempDir();
    const notKey = join(dir, 'not-a-key.pem');
    writeFileSync(notKey, 'SECRET-LOOKING-CONTENT');
    const create = (privateKeyFile: string) => () =>
      createDestination({
        type: 'fhir',
        baseUrl: 'http://127.0.0.1:1/fhir',
        mode: 'transaction',
        auth: { type: 'smart-backend', clientId: 'c', privateKeyFile, alg: 'ES384', scope: 's' },
      });
    expect(create(join(dir, 'missing.pem'))).toThrow(/cannot read .*missing\.pem \(ENOENT\)/);
    expect(create(notKey)).toThrow(/is not a PEM or JWK private key/);
    try {
      create(notKey)();
    } catch (err) {
      expect(String(err)).not.toContain('SECRET-LOOKING-CONTENT');
    }
  });
});
