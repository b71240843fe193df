/** The dashboard's channel configuration view never shows a secret, its name or where it lives. */
import { describe, expect, it } from 'vitest';
import { MASK, maskConfig, maskUrl } from '../../src/http/dashboard/mask.js';
import { testChannel } from '../support/channel.js';

describe('maskConfig', () => {
  it.each([
    ['tokenEnv', 'FHIR_TOKEN'],
    ['passwordEnv', 'SFTP_PASSWORD'],
    ['clientSecretEnv', 'FHIR_CLIENT_SECRET'],
    ['passphraseEnv', 'KEY_PASSPHRASE'],
    ['privateKeyFile', '/etc/hig/key.pem'],
    ['privateKeyPath', '/home/hig/.ssh/id_ed25519'],
    ['certFile', '/etc/hig/cert.pem'],
    ['keyFile', '/etc/hig/key.pem'],
    ['password', 'hunter2'],
    ['token', 'abc'],
    ['secret', 's3cr3t'],
    ['apiKey', 'k-123'],
    ['Authorization', 'Bearer x'],
  ])('%s is masked', (name, value) => {
    expect(maskConfig({ [name]: value })).toEqual({ [name]: MASK });
  });

  it.each([
    ['id', 'adt-in'],
    ['host', '10.0.0.5'],
    ['username', 'hig'],
    ['clientId', 'hig-client'],
    ['tokenUrl', 'https://auth.example/token'],
    ['baseUrl', 'https://fhir.example/r4'],
    ['requestCert', true],
    ['keepCompletedMs', 3600000],
  ])('%s stays visible', (name, value) => {
    expect(maskConfig({ [name]: value })).toEqual({ [name]: value });
  });

  it.each([
    ['https://user:pw@fhir.example/r4', `https://${MASK}@fhir.example/r4`],
    ['redis://:secretpw@redis:6379/0', `redis://${MASK}@redis:6379/0`],
    ['https://fhir.example/r4?_format=json&access_token=abc', `https://fhir.example/r4?_format=json&access_token=${encodeURIComponent(MASK)}`],
    ['https://fhir.example/r4', 'https://fhir.example/r4'],
    ['not a url', 'not a url'],
  ])('URL %s → %s', (input, out) => {
    expect(maskUrl(input)).toBe(out);
  });

  it('masks a whole channel, nested, without touching the original', () => {
    const channel = testChannel({
      destination: { type: 'fhir', mode: 'transaction', baseUrl: 'https://svc:pw123@fhir.example/r4', auth: { type: 'basic', username: 'svc', passwordEnv: 'FHIR_PW' } },
      source: { type: 'mllp', host: '127.0.0.1', port: 0, tls: { certFile: '/c.pem', keyFile: '/k.pem' } },
    });
    const text = JSON.stringify(maskConfig(channel));
    for (const secret of ['pw123', 'FHIR_PW', '/c.pem', '/k.pem']) expect(text).not.toContain(secret);
    expect(text).toContain('fhir.example/r4');
    expect(text).toContain('"username":"svc"');
    expect(JSON.stringify(channel)).toContain('FHIR_PW');
  });
});
