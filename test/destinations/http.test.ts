/**
 * The HTTP destination against a real HTTP server started here: what is sent (bytes, media type,
 * credentials) and how every answer is classified (the FHIR destination's rule).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDestination, type Destination, type Payload } from '../../src/destinations/index.js';
import { adt, canary, failureOf } from './helpers.js';

interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}
let server: Server;
let url: string;
const seen: Seen[] = [];
/** What the server answers next: status, headers, body. */
let answer: { status: number; headers?: Record<string, string>; body?: string; hang?: boolean } = { status: 200 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (answer.hang) return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
const opened: Destination[] = [];
afterEach(async () => {
  answer = { status: 200 };
  seen.length = 0;
  for (const d of opened.splice(0)) await d.close?.();
});

function http(extra: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Destination {
  const d = createDestination({ type: 'http', url, ...extra } as never, { env });
  opened.push(d);
  return d;
}
const context = () => ({ channelId: 'adt', messageId: 'm-1', destinationId: 'archive', signal: new AbortController().signal });
const v2 = (bytes: Buffer): Payload => ({ contentType: 'hl7v2', message: bytes });

describe('what is sent', () => {
  it('the v2 bytes as they are, as application/hl7-v2 with the MSH-18 charset', async () => {
    const latin = Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|H1|P|2.5||||||8859/1\rPID|1||1||M\xfcller\r', 'latin1');
    expect((await http({ content: 'hl7v2' }).deliver(v2(latin), context())).status).toBe(200);
    expect(seen[0]!.body.equals(latin)).toBe(true);
    expect(seen[0]!.headers['content-type']).toBe('application/hl7-v2; charset=ISO-8859-1');
    expect(seen[0]!.method).toBe('POST');
  });

  it('[R58-W1] MSH-18 `~ISO IR87` (ASCII, JIS X 0208 by ISO 2022 escapes): the bytes as they are, charset=iso-2022-jp, not the first repetition\'s UTF-8', async () => {
    const jis = Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|H1|P|2.5||||||~ISO IR87||ISO 2022-1994\rPID|1||1||\x1b$B:y0f\x1b(B\r', 'latin1');
    await http({ content: 'hl7v2' }).deliver(v2(jis), context());
    expect(seen[0]!.body.equals(jis)).toBe(true);
    expect(seen[0]!.headers['content-type']).toBe('application/hl7-v2; charset=iso-2022-jp');
  });

  it('the FHIR Bundle as application/fhir+json, with PUT when configured', async () => {
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [] };
    await http({ content: 'fhir', method: 'PUT' }).deliver({ contentType: 'fhir', bundle }, context());
    expect([seen[0]!.method, seen[0]!.headers['content-type'], JSON.parse(seen[0]!.body.toString())]).toEqual(['PUT', 'application/fhir+json', bundle]);
  });

  it('a JSON value as application/json', async () => {
    await http({ content: 'json' }).deliver({ contentType: 'json', value: { a: [1, 'x'] } }, context());
    expect([seen[0]!.headers['content-type'], seen[0]!.body.toString()]).toEqual(['application/json', '{"a":[1,"x"]}']);
  });

  it.each([
    ['bearer', { type: 'bearer', tokenEnv: 'T' }, { T: 'tok-1' }, 'Bearer tok-1'],
    ['basic', { type: 'basic', username: 'hig', passwordEnv: 'P' }, { P: 'pw' }, `Basic ${Buffer.from('hig:pw').toString('base64')}`],
    ['none', { type: 'none' }, {}, undefined],
  ])('auth %s', async (_name, auth, env, header) => {
    await http({ content: 'hl7v2', auth, headers: { 'x-site': 'north' } }, env).deliver(v2(adt('H2')), context());
    expect(seen[0]!.headers.authorization).toBe(header);
    expect(seen[0]!.headers['x-site']).toBe('north');
  });

  it('refuses a payload of another content type (a wiring bug)', async () => {
    const err = await failureOf(http({ content: 'fhir' }).deliver(v2(adt('H3')), context()));
    expect(err.name).toBe('PermanentError');
    expect(seen).toEqual([]);
  });
});

describe('answers, classified', () => {
  it.each([
    [201, {}, '', 'delivered', undefined],
    [204, {}, '', 'delivered', undefined],
    [400, { 'content-type': 'application/fhir+json' }, JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: canary.family }] }), 'PermanentError', undefined],
    [404, {}, 'no such endpoint', 'PermanentError', undefined],
    [503, { 'retry-after': '7' }, '', 'TransientError', 7000],
    [429, {}, '', 'TransientError', undefined],
    [408, {}, '', 'TransientError', undefined],
  ])('HTTP %d → %s', async (status, headers, body, kind, retryAfterMs) => {
    answer = { status, headers, body };
    const d = http({ content: 'hl7v2' });
    if (kind === 'delivered') {
      expect((await d.deliver(v2(adt('H4')), context())).status).toBe(status);
      return;
    }
    const err = await failureOf(d.deliver(v2(adt('H4')), context()));
    expect(err.name).toBe(kind);
    expect(err.message).toContain(`HTTP ${status}`);
    expect(err.message).not.toContain(canary.family);
    expect(err.retryAfterMs).toBe(retryAfterMs);
    if (kind === 'PermanentError') {
      // what the server said travels with the error, for sealing (role response)
      const response = err.response as { role: string; body: Buffer };
      expect(response.role).toBe('response');
      expect(response.body.toString()).toContain(status === 400 ? 'OperationOutcome' : 'no such endpoint');
    }
  });

  it('no answer within timeoutMs is transient', async () => {
    answer = { status: 200, hang: true };
    const err = await failureOf(http({ content: 'hl7v2', timeoutMs: 200 }).deliver(v2(adt('H5')), context()));
    expect([err.name, err.message]).toEqual(['TransientError', expect.stringContaining('no answer within 200 ms')]);
  });

  it('a refused connection is transient', async () => {
    const d = createDestination({ type: 'http', url: 'http://127.0.0.1:1/x', content: 'hl7v2' });
    opened.push(d);
    const err = await failureOf(d.deliver(v2(adt('H6')), context()));
    expect([err.name, err.message]).toEqual(['TransientError', expect.stringContaining('network error')]);
  });
});
