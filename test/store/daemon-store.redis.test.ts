/**
 * The message store wired into the daemon (issue 16), as operators run it: `hig start` as a child
 * process with the real PostgreSQL and with the embedded default (PGlite under HIG_DATA_DIR/store),
 * messages over MLLP, a real FHIR server refusing one channel's bundles. A message is found by
 * control id and by MRN within 2 s of completing, with its raw v2, FHIR, ACK and trail; a
 * dead-lettered one carries the destination's OperationOutcome; a resend shows as a duplicate;
 * reprocess and edit-and-resend appear in the trail with the operator's name; no canary in clear
 * anywhere in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { messageIdFor } from '../../src/queue/jobs.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { channelsDir, cliArgs, ROOT, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { createPgDatabase, pgliteTemplate } from '../support/store.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { CHROMIUM, OUTPUT } from '../http/browser.js';
import { HANG_CEILING_MS, hangCeiling } from '../support/ceiling.js';
import { defaults as storeWriterDefaults } from '../../src/store/writer.js';

const TOKEN = 'store-int-admin-token-0123456789';
const run = promisify(execFile);
// The page's globals inside page.waitForFunction (the test config has no DOM types).
declare const document: { body: { getAttribute(name: string): string | null } };
// Canaries: a name, an MRN and a street no table may hold in clear.
const CANARY = { family: 'Quillfeatherzz', given: 'Orsolyaqq', mrn: 'CANMRN77123', street: 'Zephyrcanary Lane' };

function adt(controlId: string, mrn = CANARY.mrn, family = CANARY.family): Buffer {
  return Buffer.from(
    [
      `MSH|^~\\&|STOREAPP|STOREFAC|HIG|HIG|20261129083015||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
      'EVN|A01|20261129083000',
      `PID|1||${mrn}^^^GOODHEALTH^MR||${family}^${CANARY.given}||19670412|F|||12 ${CANARY.street}^^Springfield^IL^62704`,
      'PV1|1|I',
    ].join('\r'),
    'latin1',
  );
}

interface Api {
  get(path: string): Promise<{ status: number; body: unknown; text: string }>;
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

function api(port: number): Api {
  const headers = { authorization: `Bearer ${TOKEN}` };
  return {
    async get(path) {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
      const text = await r.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: r.status, body, text };
    },
    async post(path, body) {
      const r = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, body: await r.json() };
    },
  };
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = HANG_CEILING_MS, what = 'condition'): Promise<T> {
  const end = Date.now() + hangCeiling(timeoutMs);
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what} not met in ${timeoutMs} ms: ${JSON.stringify(v).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Item = { messageId: string; status: string; controlId: string; duplicates: number };
type Trail = Array<{ kind: string; eventId: string; stage: string | null; outcome: string | null; actor: string | null; reason: string | null; relatedId: string | null; hasResponse: boolean; errorCode: string | null; httpStatus: number | null }>;
type Rec = { status: string; ackCode: string | null; controlId: string; duplicates: number; parts: string[]; trail: Trail; version: string | null; structure: string | null };

const BACKENDS = [
  {
    name: 'postgres',
    async env(): Promise<{ env: Record<string, string>; dataDir: string; grep(needles: string[]): Promise<string[]>; cleanup(): Promise<void> }> {
      const d = await createPgDatabase();
      const dataDir = mkdtempSync(join(tmpdir(), 'hig-store-int-'));
      return {
        env: { HIG_STORE_URL: d.url, HIG_DATA_DIR: dataDir },
        dataDir,
        async grep(needles) {
          // Every text and bytea column of every store table, as PostgreSQL holds it (WAL-visible values).
          const c = new pg.Client({ connectionString: d.url });
          await c.connect();
          const hits: string[] = [];
          for (const table of ['messages', 'message_events', 'message_content', 'audit_log']) {
            const rows = (await c.query(`SELECT t::text AS row FROM ${table} t`)).rows as Array<{ row: string }>;
            for (const { row } of rows) for (const n of needles) if (row.toLowerCase().includes(n.toLowerCase()) || row.includes(Buffer.from(n).toString('hex'))) hits.push(`${table}: ${n}`);
          }
          await c.end();
          return hits;
        },
        async cleanup() {
          rmSync(dataDir, { recursive: true, force: true });
          await d.drop();
        },
      };
    },
  },
  {
    name: 'embedded',
    async env() {
      const dataDir = mkdtempSync(join(tmpdir(), 'hig-store-int-'));
      // PGlite's initdb takes 10+ s on this machine: start from a copy of an initialised directory.
      mkdirSync(dataDir, { recursive: true });
      cpSync(await pgliteTemplate(), join(dataDir, 'store'), { recursive: true });
      return {
        env: { HIG_DATA_DIR: dataDir },
        dataDir,
        async grep(needles: string[]) {
          const { execFileSync } = await import('node:child_process');
          const hits: string[] = [];
          for (const n of needles) {
            try {
              execFileSync('grep', ['-rilF', n, join(dataDir, 'store')]);
              hits.push(`file: ${n}`);
            } catch {
              /* grep exit 1: not found */
            }
          }
          return hits;
        },
        async cleanup() {
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
] as const;

describe.each(BACKENDS)('the message store in the daemon ($name)', (backend) => {
  const prefix = testPrefix(`storeint-${backend.name}`);
  let daemon: DaemonProcess;
  let fhir: FhirServer;
  let mllpPort: number;
  let dlPort: number;
  let http: Api;
  let httpPort: number;
  const cliEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HIG_HTTP_PORT: String(httpPort), HIG_DATA_DIR: b.dataDir });
  let b: Awaited<ReturnType<(typeof BACKENDS)[number]['env']>>;

  beforeAll(async () => {
    b = await backend.env();
    fhir = await startFhirServer();
    mllpPort = await freePort();
    dlPort = await freePort();
    httpPort = await freePort();
    const dir = channelsDir([
      { id: 'st', source: { type: 'mllp', host: '127.0.0.1', port: mllpPort }, accept: { messageTypes: ['ADT^*'] } },
      {
        id: 'dl',
        source: { type: 'mllp', host: '127.0.0.1', port: dlPort },
        accept: { messageTypes: ['ADT^*'] },
        destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' } },
      },
    ]);
    daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, REDIS_URL, HIG_ADMIN_TOKEN: TOKEN, HIG_STORE_ENABLED: 'true', ...b.env });
    await daemon.waitFor('hig started');
    await daemon.waitFor('message store open', 180_000);
    http = api(httpPort);
  }, 240_000);

  afterAll(async () => {
    await daemon?.stop();
    await fhir?.close();
    await dropPrefix(prefix);
    await b?.cleanup();
  });

  const send = async (port: number, msg: Buffer) => {
    const c = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 30_000 });
    try {
      return (await c.send(msg)).toString('latin1');
    } finally {
      c.close();
    }
  };

  it('a message sent over MLLP is found by control id and by MRN within 2 s of completion, with raw v2, FHIR, ACK and trail', async () => {
    const ack = await send(mllpPort, adt('SI-0001'));
    expect(ack).toContain('MSA|AA|SI-0001');
    const id = messageIdFor('st', 'STOREAPP|STOREFAC', 'SI-0001');
    // Completion in Redis first (the job status), then the store. "Within 2 s" is the writer's own deadline, not a
    // wall-clock race with a loaded machine: an outbox entry waits at most maxDelayMs for its batch (read again
    // every fillPauseMs), and the daemon sets neither, so the defaults hold; the record then arrives (hang ceiling).
    expect(storeWriterDefaults.maxDelayMs + storeWriterDefaults.fillPauseMs).toBeLessThanOrEqual(2000);
    await until(() => http.get(`/api/messages/${id}`), (r) => (r.body as { status?: string } | undefined)?.status === 'completed', 60_000, 'job completed');
    const byControl = await until(() => http.get('/api/messages?controlId=SI-0001'), (r) => ((r.body as { items?: Item[] }).items ?? []).some((i) => i.status === 'completed'), 10_000, 'found by control id');
    expect((byControl.body as { items: Item[] }).items.map((i) => i.messageId)).toEqual([id]);
    const byMrn = await http.get(`/api/messages?mrn=${encodeURIComponent(`${CANARY.mrn}^GOODHEALTH`)}`);
    expect((byMrn.body as { items: Item[] }).items.map((i) => i.messageId)).toEqual([id]);
    expect(((await http.get(`/api/messages?mrn=${CANARY.mrn}`)).body as { items: Item[] }).items.map((i) => i.messageId)).toEqual([id]);
    expect(((await http.get('/api/messages?mrn=NOSUCHMRN')).body as { items: Item[] }).items).toEqual([]);

    const rec = (await http.get(`/api/messages/${id}`)).body as { record: Rec };
    expect(rec.record.status).toBe('completed');
    expect(rec.record.ackCode).toBe('AA');
    expect(rec.record.version).toBe('2.5.1');
    expect(rec.record.structure).toBe('ADT_A01');
    expect(rec.record.parts).toEqual(expect.arrayContaining(['message', 'result']));
    const kinds = rec.record.trail.map((e) => e.kind);
    expect(kinds[0]).toBe('received');
    expect(kinds).toContain('result');
    expect(kinds.at(-1)).toBe('completed');
    // The inline route is a stage of its own (the channel's one destination, here `none`).
    expect(rec.record.trail.filter((e) => e.kind === 'attempt').map((e) => e.stage)).toEqual(['convert', 'validate', 'deliver']);

    const raw = await http.get(`/api/messages/${id}/content/message`);
    expect(raw.status).toBe(200);
    expect(raw.text).toBe(adt('SI-0001').toString('latin1'));
    const fhirResult = (await http.get(`/api/messages/${id}/content/result`)).body as { resourceType: string; entry: Array<{ resource: { resourceType: string; name?: Array<{ family: string }> } }> };
    expect(fhirResult.resourceType).toBe('Bundle');
    expect(fhirResult.entry.find((e) => e.resource.resourceType === 'Patient')?.resource.name?.[0]?.family).toBe(CANARY.family);
  });

  it('a resend shows as a duplicate on the original', async () => {
    const id = messageIdFor('st', 'STOREAPP|STOREFAC', 'SI-0001');
    expect(await send(mllpPort, adt('SI-0001'))).toContain('MSA|AA|SI-0001');
    const r = await until(() => http.get(`/api/messages/${id}`), (x) => ((x.body as { record?: Rec }).record?.duplicates ?? 0) >= 1, 10_000, 'duplicate recorded');
    const rec = (r.body as { record: Rec }).record;
    expect(rec.duplicates).toBe(1);
    expect(rec.trail.filter((e) => e.kind === 'duplicate')).toHaveLength(1);
  });

  it("a dead-lettered message shows the destination's OperationOutcome", async () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', diagnostics: 'refused by the test server for SI-DL' }] };
    await fhir.setFault({ kind: 'status', status: 422, body: outcome });
    expect(await send(dlPort, adt('SI-DL', 'DLMRN1', 'Deadletterson'))).toContain('MSA|AA|SI-DL');
    const id = messageIdFor('dl', 'STOREAPP|STOREFAC', 'SI-DL');
    const r = await until(() => http.get(`/api/messages/${id}`), (x) => (x.body as { record?: Rec }).record?.status === 'dead_lettered', 60_000, 'dead-lettered in the store');
    const rec = (r.body as { record: Rec }).record;
    const attempt = rec.trail.find((e) => e.kind === 'attempt' && e.stage === 'deliver')!;
    expect(attempt.outcome).toBe('permanent');
    expect(attempt.hasResponse).toBe(true);
    const answer = await http.get(`/api/messages/${id}/responses/${attempt.eventId}`);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('refused by the test server for SI-DL');
    await fhir.setFault(null);
    // A dead-letter replay appears in the trail with who asked, and the message completes.
    const replay = await http.post(`/api/channels/dl/failed/${id}/retry`, {});
    expect(replay.status).toBe(200);
    const after = await until(() => http.get(`/api/messages/${id}`), (x) => (x.body as { record?: Rec }).record?.status === 'completed', 60_000, 'replayed and completed');
    expect((after.body as { record: Rec }).record.trail.find((e) => e.kind === 'replayed')).toMatchObject({ actor: 'http:admin' });
  });

  it('reprocess and edit-and-resend are new messages linked to the original, in its trail with the operator', async () => {
    const id = messageIdFor('st', 'STOREAPP|STOREFAC', 'SI-0001');
    const re = await http.post(`/api/messages/${id}/reprocess`, { reason: 'mapping fixed' });
    expect(re.status).toBe(202);
    const newId = (re.body as { newMessageId: string }).newMessageId;
    expect(newId).not.toBe(id);
    const edited = adt('SI-0001E').toString('latin1').replace(/\r/g, '\n');
    const ed = await http.post(`/api/messages/${id}/resend`, { raw: edited, reason: 'corrected PV1' });
    expect(ed.status).toBe(202);
    const editId = (ed.body as { newMessageId: string }).newMessageId;
    const r = await until(() => http.get(`/api/messages/${id}`), (x) => (x.body as { record?: Rec }).record?.trail.some((e) => e.kind === 'edited') === true, 10_000, 'operator events');
    const trail = (r.body as { record: Rec }).record.trail;
    expect(trail.find((e) => e.kind === 'reprocessed')).toMatchObject({ actor: 'token:admin', reason: 'mapping fixed', relatedId: newId });
    expect(trail.find((e) => e.kind === 'edited')).toMatchObject({ actor: 'token:admin', reason: 'corrected PV1', relatedId: editId });
    // The store folds events as their batches arrive: the new message's origin may land a batch after its completion.
    const again = await until(() => http.get(`/api/messages/${newId}`), (x) => { const rec = (x.body as { record?: Rec & { origin?: unknown } }).record; return rec?.status === 'completed' && rec.origin != null; }, 60_000, 'reprocessed completed, with its origin');
    expect((again.body as { record: { origin: unknown } }).record.origin).toEqual({ messageId: id, kind: 'reprocessed' });
    const editedRaw = await until(() => http.get(`/api/messages/${editId}/content/message`), (x) => x.status === 200, 10_000, 'edited raw');
    expect(editedRaw.text).toContain('SI-0001E');
  });

  it('bad input: unknown id 404, malformed MRN or date 400 naming the parameter, no criterion the latest', async () => {
    expect((await http.get('/api/messages/st.nosuchmessage')).status).toBe(404);
    const badMrn = await http.get('/api/messages?mrn=A^B^C');
    expect(badMrn.status).toBe(400);
    expect((badMrn.body as { error: string }).error).toMatch(/^mrn:/);
    const badDate = await http.get('/api/messages?since=yesterday');
    expect(badDate.status).toBe(400);
    expect((badDate.body as { error: string }).error).toMatch(/^since:/);
    const all = (await http.get('/api/messages')).body as { items: Item[] };
    expect(all.items.length).toBeGreaterThanOrEqual(3);
  });

  it('hig messages search|show|reprocess and hig store stats through the daemon', async () => {
    const id = messageIdFor('st', 'STOREAPP|STOREFAC', 'SI-0001');
    const cli = (...args: string[]) => run(process.execPath, cliArgs(...args), { cwd: ROOT, env: { ...cliEnv(), HIG_ADMIN_TOKEN: TOKEN } });
    const search = await cli('messages', 'search', '--mrn', `${CANARY.mrn}^GOODHEALTH`);
    expect(search.stdout).toContain(id);
    expect(search.stdout).toContain('SI-0001');
    // The original and its reprocessed copy (an earlier test) share the control id: newest first.
    const json = JSON.parse((await cli('messages', 'search', '--control-id', 'SI-0001', '--json')).stdout) as { items: Item[] };
    expect(json.items.map((i) => i.messageId)).toContain(id);
    expect(json.items.at(-1)!.messageId).toBe(id);
    const show = await cli('messages', 'show', id);
    // Reprocessed by an earlier test: the original says so.
    expect(show.stdout).toMatch(/status\s+replayed/);
    expect(show.stdout).toContain('trail:');
    expect((await cli('messages', 'show', id, '--raw')).stdout).toContain('PID|1||' + CANARY.mrn);
    expect(JSON.parse((await cli('messages', 'show', id, '--fhir')).stdout).resourceType).toBe('Bundle');
    const trail = JSON.parse((await cli('messages', 'show', id, '--trail', '--json')).stdout) as Trail;
    expect(trail[0]!.kind).toBe('received');
    const re = await cli('messages', 'reprocess', id, '--reason', 'from the CLI');
    expect(re.stdout).toMatch(/reprocessed as st\./);
    const missing = await cli('messages', 'show', 'st.nosuchmessage').catch((e: { code: number; stderr: string }) => e);
    expect('code' in missing && missing.code).toBe(1);
    expect((missing as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    const stats = await cli('store', 'stats');
    expect(stats.stdout).toMatch(/writer: up/);
    expect(stats.stdout).toMatch(/table messages: \d+ bytes/);
  });

  it('named operators: a viewer sees metadata, not content (403, audited); a phi-viewer sees content; hig audit names them', async () => {
    const id = messageIdFor('st', 'STOREAPP|STOREFAC', 'SI-0001');
    const user = async (name: string, role: string) => {
      const r = await run(process.execPath, cliArgs('user', 'add', name, '--role', role), { cwd: ROOT, env: cliEnv() });
      return /password \(shown once\): (\S+)/.exec(r.stdout)![1]!;
    };
    const viewerPw = await user('vera', 'viewer');
    const phiPw = await user('phil', 'phi-viewer');
    const as = (name: string, pw: string) => ({ authorization: `Basic ${Buffer.from(`${name}:${pw}`).toString('base64')}` });
    const get = (path: string, h: Record<string, string>) => fetch(`http://127.0.0.1:${httpPort}${path}`, { headers: h });
    expect((await get(`/api/messages/${id}`, as('vera', viewerPw))).status).toBe(200);
    expect((await get('/api/messages?controlId=SI-0001', as('vera', viewerPw))).status).toBe(200);
    const denied = await get(`/api/messages/${id}/content/message`, as('vera', viewerPw));
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { code: string }).code).toBe('ROLE_FORBIDDEN');
    expect((await get(`/api/messages/${id}/content/message`, as('vera', 'wrong-password-123'))).status).toBe(401);
    const seen = await get(`/api/messages/${id}/content/message`, as('phil', phiPw));
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain(CANARY.mrn);
    // A phi-viewer may act too, and the trail names them.
    const re = await fetch(`http://127.0.0.1:${httpPort}/api/messages/${id}/reprocess`, { method: 'POST', headers: { ...as('phil', phiPw), 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'by name' }) });
    expect(re.status).toBe(202);
    await until(() => http.get(`/api/messages/${id}`), (x) => (x.body as { record: Rec }).record.trail.some((e) => e.kind === 'reprocessed' && e.actor === 'phil'), 10_000, 'trail names phil');

    const audit = await run(process.execPath, cliArgs('audit', '--message', id, '--json'), { cwd: ROOT, env: { ...cliEnv(), HIG_ADMIN_TOKEN: TOKEN } });
    const entries = JSON.parse(audit.stdout) as Array<{ actor: string; action: string; outcome: string; part: string | null }>;
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'vera', action: 'view', outcome: 'denied', part: 'message' }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'phil', action: 'view', outcome: 'ok', part: 'message' }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'phil', action: 'reprocess', outcome: 'ok' }));
    // Only admins read the audit log.
    expect((await get('/api/audit', as('phil', phiPw))).status).toBe(403);
    const byUser = JSON.parse((await run(process.execPath, cliArgs('audit', '--user', 'vera', '--json'), { cwd: ROOT, env: { ...cliEnv(), HIG_ADMIN_TOKEN: TOKEN } })).stdout) as Array<{ actor: string }>;
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.every((e) => e.actor === 'vera')).toBe(true);
  });

  it.runIf(backend.name === 'postgres')('the message browser in headless Chromium: search by MRN, open, see the timeline and the FHIR', async () => {
    const { chromium } = await import('playwright-core');
    const add = await run(process.execPath, cliArgs('user', 'add', 'pia', '--role', 'phi-viewer'), { cwd: ROOT, env: cliEnv() });
    const pw = /password \(shown once\): (\S+)/.exec(add.stdout)![1]!;
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 1100 } })).newPage();
      const base = `http://127.0.0.1:${httpPort}`;
      await page.goto(`${base}/login?next=/queue/messages`);
      await page.fill('#name', 'pia');
      await page.fill('#password', pw);
      await Promise.all([page.waitForURL(`${base}/queue/messages`), page.click('#operator-login button[type=submit]')]);
      await page.fill('input[name=mrn]', `${CANARY.mrn}^GOODHEALTH`);
      await page.click('#search-go');
      const id = messageIdFor('st', 'STOREAPP|STOREFAC', 'SI-0001');
      const row = page.locator(`tr[data-message-id="${id}"] a`);
      await row.waitFor();
      await Promise.all([page.waitForURL(`${base}/queue/messages/${id}`), row.click()]);
      await page.waitForFunction(() => document.body.getAttribute('data-loaded') === '1');
      const kinds = await page.locator('#timeline li').evaluateAll((lis) => lis.map((li) => (li as unknown as { getAttribute(n: string): string | null }).getAttribute('data-kind')));
      expect(kinds[0]).toBe('received');
      expect(kinds).toContain('completed');
      expect(kinds).toContain('reprocessed');
      expect(await page.textContent('#fhir')).toContain('"resourceType": "Bundle"');
      // Raw v2 segment by segment, with the field's name on hover.
      expect(await page.locator('#raw .seg').count()).toBe(4);
      expect(await page.locator('#raw .f[title="PID-5 Patient Name"]').textContent()).toBe(`${CANARY.family}^${CANARY.given}`);
      await page.screenshot({ path: join(OUTPUT, 'message-browser.png'), fullPage: true });
      // The view was audited under the operator's name.
      const audit = (await http.get(`/api/audit?user=pia&message=${id}`)).body as { entries: Array<{ action: string; part: string }> };
      expect(audit.entries.map((e) => e.part)).toEqual(expect.arrayContaining(['message', 'result']));
    } finally {
      await browser.close();
    }
  });

  it('no canary in clear in any store table', async () => {
    // The store holds the canaries sealed: the API above opened them, so they are there.
    const hits = await b.grep([CANARY.family, CANARY.given, CANARY.mrn, CANARY.street, 'Deadletterson', 'DLMRN1']);
    expect(hits).toEqual([]);
  });
});
