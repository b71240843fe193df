/** Environment settings: every outside value is checked at start, and an error names the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from '../../src/config/env.js';
import { httpTlsFrom } from '../../src/daemon.js';
import { makePki } from '../support/certs.js';

describe('loadSettings', () => {
  it.each([
    ['HIG_HTTP_TLS_ALLOWED_CLIENT_CNS', ' monitoring, backup ,', ['monitoring', 'backup']],
    ['HIG_HTTP_TLS_ALLOWED_CLIENT_CNS', 'one', ['one']],
    ['HIG_PRODUCER_CONNECTIONS', '8', 8],
    ['HIG_HTTP_TLS_REQUEST_CERT', 'true', true],
    ['HIG_LOG_COLLAPSE_MS', '2000', 2000],
    ['HIG_LOG_COLLAPSE_MS', '0', 0],
  ])('%s=%j parses to %j', (key, value, expected) => {
    expect(loadSettings({ [key]: value })[key as keyof ReturnType<typeof loadSettings>]).toEqual(expected);
  });

  it('collapses repeated log lines over 10 s unless HIG_LOG_COLLAPSE_MS says otherwise', () => {
    expect(loadSettings({}).HIG_LOG_COLLAPSE_MS).toBe(10_000);
  });

  it.each([
    ['HIG_HTTP_TLS_ALLOWED_CLIENT_CNS', ' , ,', /HIG_HTTP_TLS_ALLOWED_CLIENT_CNS: expected one or more common names/],
    ['HIG_PRODUCER_CONNECTIONS', '0', /HIG_PRODUCER_CONNECTIONS/],
    ['HIG_HTTP_TLS_REQUEST_CERT', 'maybe', /HIG_HTTP_TLS_REQUEST_CERT/],
    ['HIG_LOG_COLLAPSE_MS', '10s', /HIG_LOG_COLLAPSE_MS/],
  ])('%s=%j is refused with a message naming it', (key, value, message) => {
    expect(() => loadSettings({ [key]: value })).toThrow(ConfigError);
    expect(() => loadSettings({ [key]: value })).toThrow(message);
  });
});

describe('httpTlsFrom', () => {
  const pki = makePki();
  const server = pki.issue('http-server', '127.0.0.1', 'server');
  const files = { HIG_HTTP_TLS_CERT_FILE: server.cert, HIG_HTTP_TLS_KEY_FILE: server.key, HIG_HTTP_TLS_CA_FILE: pki.caCert };

  it('passes the allow-list on when client certificates are demanded', () => {
    const tls = httpTlsFrom(loadSettings({ ...files, HIG_HTTP_TLS_REQUEST_CERT: 'true', HIG_HTTP_TLS_ALLOWED_CLIENT_CNS: 'monitoring' }));
    expect(tls?.requestCert).toBe(true);
    expect(tls?.allowedClientCNs).toEqual(['monitoring']);
  });

  it('refuses an allow-list without client certificates, or without HTTPS at all', () => {
    expect(() => httpTlsFrom(loadSettings({ ...files, HIG_HTTP_TLS_ALLOWED_CLIENT_CNS: 'monitoring' }))).toThrow(/needs HIG_HTTP_TLS_REQUEST_CERT=true/);
    expect(() => httpTlsFrom(loadSettings({ HIG_HTTP_TLS_ALLOWED_CLIENT_CNS: 'monitoring' }))).toThrow(/needs HIG_HTTP_TLS_CERT_FILE and HIG_HTTP_TLS_KEY_FILE/);
  });

  it('plain HTTP when no TLS variable is set; cert without key is refused', () => {
    expect(httpTlsFrom(loadSettings({}))).toBeUndefined();
    expect(() => httpTlsFrom(loadSettings({ HIG_HTTP_TLS_CERT_FILE: server.cert }))).toThrow(/must be set together/);
  });
});
