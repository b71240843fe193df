/**
 * Which FHIR server a `fhir` destination names for the linked-patient set (src/destinations/fhir-server-name.ts,
 * code review 27 CR27-3), and `hig check-config`'s warning on two names that may be one server (src/config/load.ts).
 * Expected values from RFC 3986 6.2.2 (case, percent-encoding, dot segments) and 6.2.3 (scheme-based: default
 * port, empty path); the host names are examples, no PHI.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { fhirServerName, loopbackSpellings, normalisedBaseUrl } from '../../src/destinations/fhir-server-name.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { channelsDir } from '../support/daemon.js';

describe('normalisedBaseUrl [RFC 3986 6.2.2-6.2.3]', () => {
  it('one URL spelt several ways is one name', () => {
    const spellings = ['https://fhir.example.org/r4', 'HTTPS://FHIR.Example.ORG/r4', 'https://fhir.example.org:443/r4', 'https://fhir.example.org/r4/', 'https://fhir.example.org/x/../r4', 'https://fhir.example.org/%72%34'];
    expect(new Set(spellings.map(normalisedBaseUrl))).toEqual(new Set(['https://fhir.example.org/r4']));
    expect(normalisedBaseUrl('http://fhir.example.org:80/fhir')).toBe('http://fhir.example.org/fhir');
  });

  it('keeps what names another resource: path case, another port, a reserved escape, another host text', () => {
    expect(normalisedBaseUrl('https://fhir.example.org/R4')).not.toBe(normalisedBaseUrl('https://fhir.example.org/r4'));
    expect(normalisedBaseUrl('https://fhir.example.org:8443/r4')).not.toBe(normalisedBaseUrl('https://fhir.example.org/r4'));
    expect(normalisedBaseUrl('https://fhir.example.org/a%2fb')).toBe('https://fhir.example.org/a%2Fb');
    expect(normalisedBaseUrl('http://localhost:8080/fhir')).not.toBe(normalisedBaseUrl('http://127.0.0.1:8080/fhir'));
  });

  it('an explicit serverId names the set, whatever the URL', () => {
    expect(fhirServerName({ baseUrl: 'http://localhost:8080/fhir', serverId: 'nr-fhir' })).toBe(fhirServerName({ baseUrl: 'http://127.0.0.1:8080/fhir', serverId: 'nr-fhir' }));
    expect(fhirServerName({ baseUrl: 'https://fhir.example.org/r4/' })).toBe('https://fhir.example.org/r4');
  });

  it('loopback spellings: the same URL but for a loopback host spelt two ways; no other host pair', () => {
    expect(loopbackSpellings('http://localhost:8080/fhir', 'http://127.0.0.1:8080/fhir')).toBe(true);
    expect(loopbackSpellings('http://[::1]:8080/fhir', 'HTTP://LOCALHOST:8080/fhir/')).toBe(true);
    expect(loopbackSpellings('http://localhost:8080/fhir', 'http://127.0.0.1:8081/fhir')).toBe(false);
    expect(loopbackSpellings('https://fhir.example.org/r4', 'https://10.1.2.3/r4')).toBe(false);
  });
});

describe('hig check-config: two fhir destinations that may be one server under two names', () => {
  const fhir = (baseUrl: string, serverId?: string) => ({ type: 'fhir', baseUrl, mode: 'transaction', auth: { type: 'none' }, ...(serverId === undefined ? {} : { serverId }) });
  const mllp = (port: number) => ({ type: 'mllp', host: '127.0.0.1', port });
  const warningsOf = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    loadConfig({ env: { DATA_ENCRYPTION_KEY: TEST_KEY_HEX }, channelsDir: channelsDir([{ id: 'adt', source: mllp(24101), destination: a }, { id: 'lab', source: mllp(24102), destinations: [{ id: 'fhir', ...b }] }]) }).warnings;

  it('warns on localhost and 127.0.0.1 without a shared serverId, naming the field', () => {
    const warnings = warningsOf(fhir('http://localhost:8080/fhir'), fhir('http://127.0.0.1:8080/fhir'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe('destination.baseUrl');
    expect(warnings[0]?.reason).toContain('serverId');
  });

  it('warns on one URL under two serverIds', () => {
    expect(warningsOf(fhir('https://fhir.example.org/r4', 'a'), fhir('https://FHIR.example.org:443/r4/'))).toHaveLength(1);
  });

  it('is silent on a shared serverId, on one URL spelt two ways, and on two hosts it cannot tell apart', () => {
    expect(warningsOf(fhir('http://localhost:8080/fhir', 'nr'), fhir('http://127.0.0.1:8080/fhir', 'nr'))).toEqual([]);
    expect(warningsOf(fhir('https://fhir.example.org/r4'), fhir('HTTPS://fhir.example.org:443/r4/'))).toEqual([]);
    expect(warningsOf(fhir('https://fhir.example.org/r4'), fhir('https://10.1.2.3/r4'))).toEqual([]);
  });
});
