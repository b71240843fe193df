/**
 * Finding 10 over real sockets: admin requests are authenticated before their bodies are read,
 * bodies are capped per route and in nesting depth, and slow or idle clients and crowds of
 * connections are cut off by timeouts and the connection cap.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildHttpServer, type HttpDeps } from '../../src/http/server.js';
import type { HttpLimits } from '../../src/http/limits.js';
import { memoryLogger } from '../support/log.js';
import { jsonBodyOf, rawConnect, type RawConnection } from '../support/raw-http.js';
import { stubGateway } from './stub.js';

const TOKEN = 'correct-horse-battery-staple-42';
const open: FastifyInstance[] = [];
const conns: RawConnection[] = [];

async function serve(limits: Partial<HttpLimits> = {}, extra: Partial<HttpDeps> = {}): Promise<{ port: number; logs(): string }> {
  const { log, text } = memoryLogger();
  const app = buildHttpServer({ gateway: stubGateway(), log, adminToken: TOKEN, ready: async () => ({ ok: true, checks: {} }), ...extra }, '0.0.0.0', { limits });
  await app.listen({ port: 0, host: '127.0.0.1' });
  open.push(app);
  return { port: (app.server.address() as { port: number }).port, logs: text };
}

async function connect(port: number): Promise<RawConnection> {
  const c = await rawConnect(port);
  conns.push(c);
  return c;
}

afterEach(async () => {
  conns.splice(0).forEach((c) => c.socket.destroy());
  await Promise.all(open.splice(0).map((a) => a.close()));
});

const head = (lines: string[]) => lines.join('\r\n') + '\r\n\r\n';

describe('authentication before the body (finding 10)', () => {
  it('an unauthenticated admin POST declaring 10 MiB is answered 401 before one body byte is sent, and the connection closed', async () => {
    const { port } = await serve();
    const c = await connect(port);
    c.socket.write(head(['POST /api/channels/a/failed/replay HTTP/1.1', 'Host: hig.example', 'Content-Type: application/json', `Content-Length: ${10 * 1024 * 1024}`]));
    const text = await c.waitFor(/\r\n\r\n\{.*\}/s);
    expect(text).toMatch(/^HTTP\/1\.1 401/);
    expect(text).toMatch(/connection: close/i);
    expect(jsonBodyOf(text)).toMatchObject({ code: 'UNAUTHORIZED' });
    await c.closed;
  });

  it('a wrong bearer token gets the same answer, before the body', async () => {
    const { port } = await serve();
    const c = await connect(port);
    c.socket.write(head(['POST /api/channels/a/failed/a.1/retry HTTP/1.1', 'Host: hig.example', 'Authorization: Bearer not-the-token-at-all', 'Content-Type: application/json', 'Content-Length: 2400000']));
    expect(jsonBodyOf(await c.waitFor(/\r\n\r\n\{.*\}/s))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('body caps (finding 10)', () => {
  const post = (port: number, url: string, body: string) =>
    fetch(`http://127.0.0.1:${port}${url}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });

  it('admin routes take small bodies: 16 KiB in general, 1 MiB for a replay of many ids', async () => {
    const { port } = await serve();
    const retry = await post(port, '/api/channels/a/failed/a.1/retry', JSON.stringify({ pad: 'x'.repeat(32 * 1024) }));
    expect(retry.status).toBe(413);
    expect(await retry.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    const replay = await post(port, '/api/channels/a/failed/replay', JSON.stringify({ ids: Array.from({ length: 40_000 }, (_, i) => `adt-in.${i.toString(16).padStart(24, '0')}`) }));
    expect(replay.status).toBe(413);
    // 10,000 ids of a long channel name fit.
    const many = await post(port, '/api/channels/a/failed/replay', JSON.stringify({ ids: Array.from({ length: 10_000 }, (_, i) => `a-rather-long-channel-name-of-sixty-four-characters-at-most-xx.${i.toString(16).padStart(24, '0')}`) }));
    expect(many.status).toBe(404); // past the cap and auth; the stub has no channel "a"
  });

  it('JSON nested deeper than 64 levels is refused with 400 before it is parsed', async () => {
    const { port } = await serve();
    const deep = await post(port, '/api/channels/a/failed/replay', '['.repeat(100_000) + ']'.repeat(100_000));
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ code: 'BAD_REQUEST', error: expect.stringMatching(/nested deeper than 64/) });
    const ok = await post(port, '/api/channels/a/failed/replay', JSON.stringify({ all: true, filter: { reason: '[[[[{{{{"' } }));
    expect(ok.status).toBe(404); // brackets inside strings do not count
  });
});

describe('timeouts and the connection cap (finding 10)', () => {
  const fast = { requestTimeoutMs: 1000, headersTimeoutMs: 1000, keepAliveTimeoutMs: 500, idleTimeoutMs: 5000 };

  it('a slow body (one byte every 100 ms) is cut off after the request timeout with a JSON 408', async () => {
    const { port } = await serve(fast);
    const c = await connect(port);
    c.socket.write(head(['POST /api/channels/a/failed/replay HTTP/1.1', 'Host: hig.example', `Authorization: Bearer ${TOKEN}`, 'Content-Type: application/json', 'Content-Length: 100000']));
    const drip = c.trickle(' ', 100);
    await c.closed;
    // Dripping the whole body would take 10,000 s; the server gave up with the request timeout's own answer (the
    // next thing that could end it, Node's 300 s default, lies past this test's ceiling), not a wall-clock bound.
    expect(drip.written()).toBeLessThan(1000);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(jsonBodyOf(c.received())).toEqual({ error: expect.any(String), code: 'REQUEST_TIMEOUT' });
  });

  it('slow headers are cut off after the headers timeout', async () => {
    const { port } = await serve(fast);
    const c = await connect(port);
    c.socket.write('GET /api/stats HTTP/1.1\r\nHost: hig.example\r\n');
    const drip = c.trickle('X', 100);
    await c.closed;
    expect(drip.written()).toBeLessThan(1000);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a connection that never sends anything, and an idle keep-alive connection, are closed', async () => {
    const { port } = await serve(fast);
    const silent = await connect(port);
    const idle = await connect(port);
    idle.socket.write(head(['GET /healthz HTTP/1.1', 'Host: hig.example']));
    await idle.waitFor(/"status":"ok"/);
    expect(await silent.closed).toBeLessThan(30_000);
    expect(await idle.closed).toBeLessThan(30_000);
  });

  it('connections past the cap are dropped at accept, with one warning; a freed slot serves again', async () => {
    const { port, logs } = await serve({ maxConnections: 4, requestTimeoutMs: 60_000, headersTimeoutMs: 60_000 });
    const held = await Promise.all([0, 1, 2, 3].map(() => connect(port)));
    for (const c of held) c.socket.write('GET /api/stats HTTP/1.1\r\n'); // headers never finished
    // Each held connection must be accepted (and counted) before the next one is tried.
    const probe = async () => {
      const c = await connect(port);
      c.socket.write(head(['GET /healthz HTTP/1.1', 'Host: hig.example', 'Connection: close']));
      await c.closed;
      return c.received();
    };
    for (let i = 0; i < 3; i++) expect(await probe()).toBe('');
    expect(logs().match(/HTTP connection limit reached/g)).toHaveLength(1);
    held[0]!.socket.destroy();
    await held[0]!.closed;
    // The server notices the close on its next turn; try until a slot is free (bounded).
    let served = '';
    for (let i = 0; i < 50 && !served.includes('"status":"ok"'); i++) {
      const c = await connect(port);
      c.socket.write(head(['GET /healthz HTTP/1.1', 'Host: hig.example', 'Connection: close']));
      await c.closed;
      served = c.received();
    }
    expect(served).toContain('"status":"ok"');
  });
});

describe('limits from the environment', () => {
  it('defaults, overrides, and a synchronous channel that could outlive the idle timeout refused by name', async () => {
    const { loadSettings } = await import('../../src/config/env.js');
    const { httpLimitsFrom } = await import('../../src/daemon.js');
    const { testChannel } = await import('../support/channel.js');
    expect(httpLimitsFrom(loadSettings({}), [])).toEqual({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5_000,
      idleTimeoutMs: 120_000,
      maxConnections: 512,
      unauthenticatedBodyBytes: 65_536,
    });
    const env = { HIG_HTTP_REQUEST_TIMEOUT_MS: '5000', HIG_HTTP_MAX_CONNECTIONS: '64', HIG_HTTP_IDLE_TIMEOUT_MS: '20000' };
    expect(httpLimitsFrom(loadSettings(env), [])).toMatchObject({ requestTimeoutMs: 5000, maxConnections: 64, idleTimeoutMs: 20_000 });
    expect(() => loadSettings({ HIG_HTTP_MAX_CONNECTIONS: '0' })).toThrow(/HIG_HTTP_MAX_CONNECTIONS/);
    const slow = testChannel({ id: 'sync-web', source: { type: 'http', syncTimeoutMs: 30_000 } });
    expect(() => httpLimitsFrom(loadSettings(env), [slow])).toThrow('channel sync-web: source.syncTimeoutMs (30000) must be below HIG_HTTP_IDLE_TIMEOUT_MS (20000)');
  });
});
