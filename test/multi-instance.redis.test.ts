/**
 * Two daemons on one Redis, as behind a TCP load balancer: the same channel (same id, same queue)
 * listening on two ports, one FHIR server. Every message sent to either daemon is pushed exactly
 * once, and each daemon's /api/stats lists both instances with their channels and versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { connectMllp } from '../src/hl7/mllp-client.js';
import { CHROMIUM } from './http/browser.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from './support/daemon.js';
import { startFhirServer, type FhirServer } from './support/fhir-server.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from './support/redis.js';

declare const document: { querySelectorAll(selector: string): { length: number } };

const prefix = testPrefix('multi');
const MESSAGES = 40;
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Instance {
  id: string;
  version: string;
  uptimeSeconds: number;
  roles: { intake: boolean; workers: boolean };
  httpPort?: number;
  channels: Array<{ id: string; port?: number; up: boolean }>;
  self: boolean;
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let fhir: FhirServer;
const daemons: Array<{ proc: DaemonProcess; mllpPort: number; httpPort: number }> = [];

function adt(i: number): Buffer {
  const n = String(i).padStart(4, '0');
  return Buffer.from(
    [
      `MSH|^~\\&|HIS|NORTH|HIG|HIG|20261204101500-0500||ADT^A04^ADT_A01|MULTI${n}|P|2.5.1`,
      `EVN|A04|20261204101500-0500`,
      `PID|1||M${n}^^^NORTH^MR||Tester^Pat${n}||19800101|F`,
      `PV1|1|O|CLINIC^1^1^NORTH||||||||||||||||V${n}^^^NORTH^VN`,
    ].join('\r') + '\r',
  );
}

async function statsOf(httpPort: number): Promise<{ instances: Instance[]; channels: Record<string, { completed: number; failed: number }> }> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/api/stats`);
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

/** Transactions that carry the Patient of message `n` (its MRN is unique to the message). */
function pushesOf(n: string): number {
  return fhir.requests.filter((r) => r.method === 'POST' && JSON.stringify(r.body).includes(`"M${n}"`) && r.status === 200).length;
}

beforeAll(async () => {
  fhir = await startFhirServer();
  for (let k = 0; k < 2; k++) {
    const mllpPort = await freePort();
    const httpPort = await freePort();
    const dir = channelsDir([
      {
        id: 'adt-shared',
        source: { type: 'mllp', host: '127.0.0.1', port: mllpPort },
        accept: { messageTypes: ['ADT^*'] },
        queue: { ordering: 'patient' },
        destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' } },
      },
    ]);
    const proc = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, REDIS_URL });
    daemons.push({ proc, mllpPort, httpPort });
  }
  await Promise.all(daemons.map((d) => d.proc.waitFor('hig started')));
});

afterAll(async () => {
  await Promise.all(daemons.map((d) => d.proc.stop()));
  await fhir?.close();
  await dropPrefix(prefix);
});

describe('two daemons on one Redis', () => {
  it('each lists both instances: id, version, uptime, roles, HTTP port and channel ports', async () => {
    for (const d of daemons) {
      const { instances } = await statsOf(d.httpPort);
      expect(instances).toHaveLength(2);
      expect(instances.filter((i) => i.self)).toHaveLength(1);
      expect(instances.find((i) => i.self)!.httpPort).toBe(d.httpPort);
      for (const i of instances) {
        expect(i.version).toBe(version);
        expect(i.uptimeSeconds).toBeGreaterThanOrEqual(0);
        expect(i.roles).toEqual({ intake: true, workers: true });
      }
      const ports = instances.map((i) => i.channels.find((c) => c.id === 'adt-shared')?.port).sort();
      expect(ports).toEqual(daemons.map((x) => x.mllpPort).sort());
      expect(instances.every((i) => i.channels.every((c) => c.up))).toBe(true);
    }
  });

  it("either daemon's dashboard shows both instances with their version and channel ports", async () => {
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage();
      // No admin token on loopback (the npm start default): the dashboard opens without a login.
      await page.goto(`http://127.0.0.1:${daemons[1]!.httpPort}/queue`);
      await page.waitForFunction(() => document.querySelectorAll('#instances tbody tr[data-instance]').length === 2);
      const rows = await page.$$eval('#instances tbody tr[data-instance]', (rs) => rs.map((r) => r.textContent ?? ''));
      for (const d of daemons) expect(rows.filter((r) => r.includes(`adt-shared:${d.mllpPort}`))).toHaveLength(1);
      expect(rows.every((r) => r.includes(version))).toBe(true);
      expect(rows.filter((r) => r.includes('(this one)'))).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });

  it('messages sent to either daemon are each pushed exactly once', async () => {
    const clients = await Promise.all(daemons.map((d) => connectMllp({ host: '127.0.0.1', port: d.mllpPort, timeoutMs: 60_000 })));
    const acks: string[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const reply = await clients[i % 2]!.send(adt(i));
      acks.push(reply.toString('latin1').split('\r').find((s) => s.startsWith('MSA'))!);
    }
    clients.forEach((c) => c.close());
    expect(acks).toEqual(Array.from({ length: MESSAGES }, (_, i) => `MSA|AA|MULTI${String(i).padStart(4, '0')}`));

    await waitFor(async () => (await statsOf(daemons[0]!.httpPort)).channels['adt-shared']!.completed >= MESSAGES, 120_000);
    // Both daemons' stats read the one queue: the same totals from either side.
    const [a, b] = await Promise.all(daemons.map((d) => statsOf(d.httpPort)));
    expect(a!.channels['adt-shared']).toMatchObject({ completed: MESSAGES, failed: 0 });
    expect(b!.channels['adt-shared']).toMatchObject({ completed: MESSAGES, failed: 0 });
    for (let i = 0; i < MESSAGES; i++) expect(pushesOf(String(i).padStart(4, '0'))).toBe(1);
    expect(fhir.requests.filter((r) => r.method === 'POST')).toHaveLength(MESSAGES);
  });

  it('a daemon that stops leaves the list; the other keeps serving', async () => {
    const [first, second] = daemons;
    await second!.proc.stop();
    const { instances } = await statsOf(first!.httpPort);
    expect(instances.map((i) => i.httpPort)).toEqual([first!.httpPort]);
    const client = await connectMllp({ host: '127.0.0.1', port: first!.mllpPort, timeoutMs: 60_000 });
    const reply = await client.send(adt(MESSAGES));
    client.close();
    expect(reply.toString('latin1')).toContain(`MSA|AA|MULTI${String(MESSAGES).padStart(4, '0')}`);
    await waitFor(async () => pushesOf(String(MESSAGES).padStart(4, '0')) === 1, 120_000);
  });
});
