/**
 * Issue 17 item 5, the dashboard half: the message page offers the dry run `hig route` prints, for a
 * stored message. The compiled daemon (`hig start`) with the message store on the real PostgreSQL,
 * messages in over MLLP, then `POST /api/messages/:id/dry-run` per message (a table: which
 * destination filters, what the edited v2 looks like), the permissions (a viewer is refused and
 * audited, like a content view), the refusals (unknown id), and the button in headless Chromium.
 * Nothing is sent by a dry run: the destination folders hold what the real run wrote, no more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { messageIdFor } from '../../src/queue/jobs.js';
import { channelsDir, cliArgs, ROOT, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { createPgDatabase } from '../support/store.js';
import { CHROMIUM, OUTPUT } from './browser.js';

const run = promisify(execFile);
const TOKEN = 'dry-run-admin-token-0123456789abc';
const prefix = testPrefix('dryrun-dash');
declare const document: { body: { getAttribute(name: string): string | null } };

function adt(controlId: string, patientClass: string): Buffer {
  return Buffer.from(
    [`MSH|^~\\&|DRYAPP|DRYFAC|HIG|HIG|20261204120000||ADT^A01^ADT_A01|${controlId}|P|2.5.1`, 'EVN|A01|20261204120000', `PID|1||M-${controlId}^^^HOSP^MR||Doe^Jane||19800101|F`, `PV1|1|${patientClass}|W1^1^A`].join('\r') + '\r',
    'latin1',
  );
}

type DryRun = { channelId: string; controlId: string; destinations: Array<{ id: string; decision: string; output?: string; filtered?: { decidedBy: string } }>; text: string };

describe('dry run of a stored message (dashboard)', () => {
  let daemon: DaemonProcess;
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let httpPort: number;
  let mllpPort: number;
  let dataDir: string;
  const out = { inpatients: '', relabelled: '' };
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const post = (path: string, headers: Record<string, string> = bearer) => fetch(`http://127.0.0.1:${httpPort}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
  const cliEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HIG_HTTP_PORT: String(httpPort), HIG_DATA_DIR: dataDir });

  beforeAll(async () => {
    db = await createPgDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'hig-dryrun-dash-'));
    out.inpatients = join(dataDir, 'inpatients');
    out.relabelled = join(dataDir, 'relabelled');
    for (const d of Object.values(out)) mkdirSync(d);
    httpPort = await freePort();
    mllpPort = await freePort();
    const dir = channelsDir([
      {
        id: 'dr',
        source: { type: 'mllp', host: '127.0.0.1', port: mllpPort },
        accept: { messageTypes: ['ADT^*'] },
        destinations: [
          { id: 'inpatients', type: 'file', dir: out.inpatients, content: 'hl7v2', name: '{controlId}.hl7', filter: { path: 'PV1-2', equals: 'I' } },
          { id: 'relabelled', type: 'file', dir: out.relabelled, content: 'hl7v2', name: '{controlId}.hl7', transform: { v2: [{ set: { path: 'PV1-3.1', value: 'L9' } }, { set: { path: 'MSH-5', value: 'LAB' } }] } },
        ],
      },
    ]);
    daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, REDIS_URL, HIG_ADMIN_TOKEN: TOKEN, HIG_STORE_ENABLED: 'true', HIG_STORE_URL: db.url, HIG_DATA_DIR: dataDir });
    await daemon.waitFor('hig started');
    await daemon.waitFor('message store open', 180_000);
    for (const [cid, pc] of [['DR-IN', 'I'], ['DR-OUT', 'O']] as const) {
      const c = await connectMllp({ host: '127.0.0.1', port: mllpPort, timeoutMs: 30_000 });
      try {
        expect((await c.send(adt(cid, pc))).toString('latin1')).toContain(`MSA|AA|${cid}`);
      } finally {
        c.close();
      }
    }
    // Both stored and done (the channel job fanned out, each destination settled).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = await fetch(`http://127.0.0.1:${httpPort}/api/messages?channel=dr`, { headers: bearer });
      const items = ((await r.json()) as { items?: Array<{ status: string }> }).items ?? [];
      if (items.length === 2 && items.every((i) => i.status === 'completed') && readdirSync(out.relabelled).length === 2) break;
      if (Date.now() > deadline) throw new Error(`messages not stored and delivered: ${JSON.stringify(items)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 300_000);

  afterAll(async () => {
    await daemon?.stop();
    await dropPrefix(prefix);
    await db?.drop();
  });

  // [control id] → [inpatients decision, relabelled decision]
  it.each([
    ['DR-IN', 'deliver', 'deliver'],
    ['DR-OUT', 'filtered', 'deliver'],
  ])('%s: inpatients %s, relabelled %s, with the edited v2 and the deciding rule', async (cid, inpatients, relabelled) => {
    const id = messageIdFor('dr', 'DRYAPP|DRYFAC', cid);
    const r = await post(`/api/messages/${id}/dry-run`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = (await r.json()) as DryRun;
    expect([body.channelId, body.controlId]).toEqual(['dr', cid]);
    expect(body.destinations.map((d) => [d.id, d.decision])).toEqual([
      ['inpatients', inpatients],
      ['relabelled', relabelled],
    ]);
    const edited = body.destinations[1]!.output!.split('\r');
    expect(edited[0]).toContain('|DRYAPP|DRYFAC|LAB|HIG|'); // MSH-5 (receiving application) set
    expect(edited[3]).toBe(`PV1|1|${cid === 'DR-IN' ? 'I' : 'O'}|L9^1^A`);
    if (inpatients === 'filtered') {
      expect(body.destinations[0]!.filtered?.decidedBy).toBe('');
      expect(body.text).toContain('inpatients (file): filtered — filter rule at /: {"path":"PV1-2","equals":"I"}');
    } else expect(body.text).toContain('inpatients (file): would send hl7v2');
  });

  it('refuses what it cannot run: an unknown message (404), a viewer (403, audited); sends nothing', async () => {
    const missing = await post('/api/messages/dr.nosuchmessage/dry-run');
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([404, 'NOT_FOUND']);
    const add = await run(process.execPath, cliArgs('user', 'add', 'vic', '--role', 'viewer'), { cwd: ROOT, env: cliEnv() });
    const pw = /password \(shown once\): (\S+)/.exec(add.stdout)![1]!;
    const id = messageIdFor('dr', 'DRYAPP|DRYFAC', 'DR-IN');
    const denied = await post(`/api/messages/${id}/dry-run`, { authorization: `Basic ${Buffer.from(`vic:${pw}`).toString('base64')}` });
    expect([denied.status, ((await denied.json()) as { code: string }).code]).toEqual([403, 'ROLE_FORBIDDEN']);
    const audit = await run(process.execPath, cliArgs('audit', '--message', id, '--json'), { cwd: ROOT, env: { ...cliEnv(), HIG_ADMIN_TOKEN: TOKEN } });
    const entries = JSON.parse(audit.stdout) as Array<{ actor: string; action: string; outcome: string }>;
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'vic', action: 'dry-run', outcome: 'denied' }));
    // The dry runs above wrote nothing: one file per delivered message, as the real run left them.
    expect(readdirSync(out.inpatients)).toEqual(['DR-IN.hl7']);
    expect(readdirSync(out.relabelled).sort()).toEqual(['DR-IN.hl7', 'DR-OUT.hl7']);
  });

  it('the message page: the Dry run button shows each destination in headless Chromium', async () => {
    const { chromium } = await import('playwright-core');
    const add = await run(process.execPath, cliArgs('user', 'add', 'pam', '--role', 'phi-viewer'), { cwd: ROOT, env: cliEnv() });
    const pw = /password \(shown once\): (\S+)/.exec(add.stdout)![1]!;
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 1100 } })).newPage();
      const base = `http://127.0.0.1:${httpPort}`;
      const id = messageIdFor('dr', 'DRYAPP|DRYFAC', 'DR-OUT');
      await page.goto(`${base}/login?next=/queue/messages/${id}`);
      await page.fill('#name', 'pam');
      await page.fill('#password', pw);
      await Promise.all([page.waitForURL(`${base}/queue/messages/${id}`), page.click('#operator-login button[type=submit]')]);
      await page.waitForFunction(() => document.body.getAttribute('data-loaded') === '1');
      expect(await page.isVisible('#dry-run-section')).toBe(false);
      await page.click('#dry-run');
      await page.waitForFunction(() => document.body.getAttribute('data-dry-run') !== null);
      expect(await page.getAttribute('body', 'data-dry-run')).toBe('done');
      const text = (await page.textContent('#dry-run-out')) ?? '';
      expect(text).toContain('on channel dr');
      expect(text).toContain('inpatients (file): filtered — filter rule at /');
      expect(text).toContain('relabelled (file): would send hl7v2');
      expect(text).toContain('PV1|1|O|L9^1^A');
      await page.screenshot({ path: join(OUTPUT, 'message-dry-run.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
