/** The destination block schema: what a channel file may say, and what it may not. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { destinationConfigSchema as destinationSchema } from '../../src/destinations/registry.js';

const base = { type: 'fhir', baseUrl: 'https://fhir.example.org/r4', mode: 'transaction' } as const;

describe('destinationSchema', () => {
  it.each([
    ['none', { type: 'none' }],
    ['bearer', { ...base, auth: { type: 'bearer', tokenEnv: 'FHIR_TOKEN' } }],
    ['basic', { ...base, auth: { type: 'basic', username: 'hig', passwordEnv: 'FHIR_PASSWORD' } }],
    ['client-credentials', { ...base, auth: { type: 'client-credentials', tokenUrl: 'https://auth.example.org/token', clientId: 'hig', clientSecretEnv: 'S' } }],
    ['smart-backend', { ...base, auth: { type: 'smart-backend', clientId: 'hig', privateKeyFile: '/etc/hig/key.pem', alg: 'ES384', scope: 'system/*.write' } }],
    ['mtls', { ...base, auth: { type: 'none' }, tls: { certFile: 'c.pem', keyFile: 'k.pem' } }],
  ])('accepts %s', (_name, config) => {
    expect(destinationSchema.safeParse(config).success).toBe(true);
  });

  it('defaults timeoutMs to 30000 and client auth to client_secret_basic', () => {
    const parsed = destinationSchema.parse({
      ...base,
      auth: { type: 'client-credentials', tokenUrl: 'https://a.example/t', clientId: 'c', clientSecretEnv: 'S' },
    });
    expect(parsed.type === 'fhir' && parsed.timeoutMs).toBe(30_000);
    expect(parsed.type === 'fhir' && parsed.auth.type === 'client-credentials' && parsed.auth.clientAuth).toBe('client_secret_basic');
  });

  it.each([
    ['an inline token instead of an env var name', { ...base, auth: { type: 'bearer', tokenEnv: 'eyJhbGciOi.xx' } }, 'tokenEnv'],
    ['an inline password field', { ...base, auth: { type: 'basic', username: 'u', password: 'p', passwordEnv: 'P' } }, 'auth'],
    ['an Authorization header', { ...base, auth: { type: 'none' }, headers: { Authorization: 'Bearer x' } }, 'headers'],
    ['an unknown mode', { ...base, mode: 'stream', auth: { type: 'none' } }, 'mode'],
    ['an unknown alg', { ...base, auth: { type: 'smart-backend', clientId: 'c', privateKeyFile: 'k', alg: 'HS256', scope: 's' } }, 'alg'],
    ['smart-backend without scope', { ...base, auth: { type: 'smart-backend', clientId: 'c', privateKeyFile: 'k', alg: 'RS384' } }, 'scope'],
    ['a relative baseUrl', { ...base, baseUrl: '/fhir', auth: { type: 'none' } }, 'baseUrl'],
  ])('rejects %s', (_name, config, path) => {
    const result = destinationSchema.safeParse(config);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((i) => i.path))).toContain(path);
  });

  it('documents its fields in the generated JSON Schema', () => {
    const schema = JSON.stringify(z.toJSONSchema(destinationSchema, { io: 'input' }));
    for (const phrase of ['Per HTTP request timeout', 'SMART Backend Services', 'never the value itself', 'well-known/smart-configuration']) {
      expect(schema).toContain(phrase);
    }
  });
});
