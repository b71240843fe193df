/**
 * Schema pieces shared by destination types (auth modes, client TLS, headers). Each type's own
 * block lives in its file (fhir-destination.ts, …). Secrets never appear inline: tokens, passwords and
 * client secrets are named by environment variable (`…Env`), keys and certificates by file path.
 * Every field carries `.describe()` so the generated JSON Schema documents it.
 */
import { z } from 'zod';

export const defaults = {
  timeoutMs: 30_000,
  clientAuth: 'client_secret_basic',
} as const;

/** Environment variable names: we refuse anything that looks like a value pasted in by mistake. */
export const envName = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the NAME of an environment variable, not the secret itself')
    .describe(`Name of the environment variable holding ${what} (never the value itself)`);

const noAuth = z.object({ type: z.literal('none').describe('No Authorization header') }).strict();

const bearerAuth = z
  .object({
    type: z.literal('bearer').describe('Static bearer token, e.g. an API gateway key'),
    tokenEnv: envName('the bearer token'),
  })
  .strict();

const basicAuth = z
  .object({
    type: z.literal('basic').describe('HTTP Basic authentication'),
    username: z.string().min(1).describe('User name (not secret)'),
    passwordEnv: envName('the password'),
  })
  .strict();

const clientCredentialsAuth = z
  .object({
    type: z.literal('client-credentials').describe('OAuth 2.0 client_credentials grant with a shared client secret'),
    tokenUrl: z.url().describe('OAuth 2.0 token endpoint'),
    clientId: z.string().min(1).describe('OAuth 2.0 client_id'),
    clientSecretEnv: envName('the client secret'),
    scope: z.string().min(1).optional().describe('Space-separated scopes to request, e.g. "system/*.write"'),
    clientAuth: z
      .enum(['client_secret_basic', 'client_secret_post'])
      .default(defaults.clientAuth)
      .describe('How the secret is sent to the token endpoint: HTTP Basic header (default) or form fields'),
  })
  .strict();

const smartBackendAuth = z
  .object({
    type: z
      .literal('smart-backend')
      .describe('SMART Backend Services: client_credentials with a private_key_jwt client assertion'),
    clientId: z.string().min(1).describe('client_id registered with the FHIR server (also iss and sub of the assertion)'),
    privateKeyFile: z
      .string()
      .min(1)
      .describe('Path to the private key: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK JSON file'),
    alg: z.enum(['RS384', 'ES384']).describe('JWS algorithm of the client assertion: RS384 (RSA key) or ES384 (P-384 key)'),
    kid: z.string().min(1).optional().describe('Key id placed in the assertion header, matching the registered JWKS'),
    tokenUrl: z
      .url()
      .optional()
      .describe('Token endpoint; when absent it is discovered from <baseUrl>/.well-known/smart-configuration'),
    scope: z.string().min(1).describe('Space-separated SMART system scopes, e.g. "system/Patient.write system/Observation.write"'),
  })
  .strict();

export const authSchema = z
  .discriminatedUnion('type', [noAuth, bearerAuth, basicAuth, clientCredentialsAuth, smartBackendAuth])
  .describe('How hig authenticates to the server (FHIR server, HTTP endpoint)');

export const tlsSchema = z
  .object({
    certFile: z.string().min(1).describe('Path to the PEM client certificate (mutual TLS)'),
    keyFile: z.string().min(1).describe('Path to the PEM private key of the client certificate'),
    caFile: z
      .string()
      .min(1)
      .optional()
      .describe('Path to PEM CA certificates to trust for the server instead of the system roots'),
  })
  .strict()
  .describe('Optional mutual-TLS client certificate');

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Extra non-secret HTTP headers (FHIR and HTTP destinations); credentials belong in `auth`. */
export const headersSchema = z
  .record(z.string().regex(headerName, 'not a valid HTTP header name'), z.string())
  .refine((h) => !Object.keys(h).some((k) => k.toLowerCase() === 'authorization'), {
    message: 'put credentials in "auth", not in "headers"',
  });

export type AuthConfig = z.infer<typeof authSchema>;
export type TlsConfig = z.infer<typeof tlsSchema>;
