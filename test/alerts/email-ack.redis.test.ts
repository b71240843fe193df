/**
 * Alerts an on-call person can act on: e-mail through a real SMTP server (smtp-server, with
 * authentication) started here, acknowledge and resolve over the admin API and `hig alerts`, each
 * recorded with who did it. Real Redis, real HTTP listener, the compiled CLI.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createAlerter, type Alert, type Alerter, alertRulesSchema, type AlertRulesInput } from '../../src/alerts/index.js';
import { buildHttpServer } from '../../src/http/server.js';
import { createQueueRegistry } from '../../src/queue/queues.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { testChannel } from '../support/channel.js';
import { cliArgs, ROOT } from '../support/daemon.js';
import { memoryLogger } from '../support/log.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { until as waitFor } from '../support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('alert-mail');

interface Mail {
  user: string | undefined;
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server that wants a login and keeps what it is sent; `refuse` answers 550 to recipients. */
async function startSmtp(opts: { refuse?: boolean } = {}): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'hig-alerts' && auth.password === 'mail-pass-1') return cb(null, { user: auth.username });
      cb(new Error('bad login'));
    },
    onRcptTo(_address, _session, cb) {
      if (opts.refuse) return cb(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          user: session.user as string | undefined,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          // headers unfolded (long ones are wrapped onto continuation lines)
          raw: Buffer.concat(chunks).toString('utf8').replace(/\r?\n[ \t]+/g, ' ').replace(/=\r?\n/g, '').replace(/=3D/g, '='),
        });
        cb();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `smtp://hig-alerts:mail-pass-1@127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const rules = (extra: Partial<AlertRulesInput> = {}) =>
  alertRulesSchema.parse({
    email: { to: ['oncall@hospital.example', 'pager@hospital.example'], from: 'hig@hospital.example', smtpUrlEnv: 'HIG_TEST_SMTP_URL', backoffMs: 10, retries: 1 },
    floodWindowMs: 60_000,
    ...extra,
  });

const redis = new Redis(REDIS_URL);
let alerter: Alerter | undefined;
afterAll(async () => {
  await alerter?.close();
  await dropPrefix(prefix);
  redis.disconnect();
});

const deadLetter = (a: Alerter, code: string, messageId: string) =>
  a.deadLettered({ channelId: 'lab', clientId: 1, messageId, reasonCode: code, reason: `${code}: destination answered 422` });

describe('alert e-mail over SMTP', () => {
  it('mails the on-call list through an authenticating SMTP server, and again when resolved', async () => {
    const smtp = await startSmtp();
    process.env.HIG_TEST_SMTP_URL = smtp.url;
    const { log, text } = memoryLogger('info');
    alerter = createAlerter({ redis, prefix, rulesFor: () => rules(), log });
    try {
      const alert = await deadLetter(alerter, 'DESTINATION_REJECTED', 'lab:M1');
      expect(alert).toBeDefined();
      await waitFor(() => smtp.mails.length === 1, 30_000);
      const [mail] = smtp.mails;
      expect(mail!.user).toBe('hig-alerts');
      expect(mail!.from).toBe('hig@hospital.example');
      expect(mail!.to).toEqual(['oncall@hospital.example', 'pager@hospital.example']);
      expect(mail!.raw).toMatch(/^Subject: \[hig\] HIGH: Message processing error: DESTINATION_REJECTED \(channel lab\)/m);
      expect(mail!.raw).toContain(`hig alerts ack ${alert!.id}`);
      expect(mail!.raw).toMatch(new RegExp(`^X-Hig-Alert-Id: ${alert!.id}`, 'mi'));
      await waitFor(async () => (await alerter!.get('lab', alert!.id))?.delivery === 'delivered', 10_000);

      expect(await alerter.resolve('lab', alert!.id, 'cli:anna')).toBe(true);
      await waitFor(() => smtp.mails.length === 2, 30_000);
      expect(smtp.mails[1]!.raw).toMatch(/^Subject: \[hig\] RESOLVED: /m);
      expect(smtp.mails[1]!.raw).toContain('by cli:anna');
      // the SMTP password never reaches a log line
      expect(text()).not.toContain('mail-pass-1');
    } finally {
      await alerter.close();
      alerter = undefined;
      await smtp.close();
    }
  }, 90_000);

  it('a refused recipient (550) is not retried: delivery failed, logged without the URL', async () => {
    const smtp = await startSmtp({ refuse: true });
    process.env.HIG_TEST_SMTP_URL = smtp.url;
    const { log, text } = memoryLogger('info');
    alerter = createAlerter({ redis, prefix, rulesFor: () => rules(), log });
    try {
      const alert = await deadLetter(alerter, 'TRANSFORM_FAILED', 'lab:M2');
      await waitFor(async () => (await alerter!.get('lab', alert!.id))?.delivery === 'failed', 30_000);
      expect(smtp.mails).toHaveLength(0);
      const line = text().split('\n').find((l) => l.includes('alert e-mail failed'));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({ attempts: 1, smtpCode: 550, alertId: alert!.id });
      expect(text()).not.toContain('mail-pass-1');
    } finally {
      await alerter.close();
      alerter = undefined;
      await smtp.close();
    }
  }, 90_000);
});

describe('acknowledge and resolve', () => {
  it('over the admin API and `hig alerts`, recorded with who did it; a resolved alert answers 409', async () => {
    const { log } = memoryLogger('warn');
    alerter = createAlerter({ redis, prefix, rulesFor: () => alertRulesSchema.parse({}), log });
    const queues = createQueueRegistry(redis, [testChannel({ id: 'ward' }), testChannel({ id: 'adt' })], prefix);
    const app = buildHttpServer({ gateway: gatewayOver(queues, async () => undefined), log, ready: async () => ({ ok: true, checks: {} }), alerts: alerter }, '127.0.0.1');
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const env = { PATH: process.env.PATH ?? '', USER: 'night-nurse', HIG_ADMIN_URL: `http://127.0.0.1:${port}` };
    try {
      const a = (await alerter.deadLettered({ channelId: 'ward', clientId: 1, messageId: 'ward:M3', reasonCode: 'CANNOT_DECRYPT', reason: 'CANNOT_DECRYPT' }))!;
      const b = (await alerter.deadLettered({ channelId: 'adt', clientId: 1, messageId: 'adt:M4', reasonCode: 'PARSE_FAILED', reason: 'PARSE_FAILED' }))!;

      const listed = await app.inject({ method: 'GET', url: '/api/alerts?open=true' });
      expect(listed.statusCode).toBe(200);
      expect((listed.json() as { alerts: Alert[] }).alerts.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
      const onlyAdt = (await app.inject({ method: 'GET', url: '/api/alerts?channel=adt' })).json() as { alerts: Alert[] };
      expect(onlyAdt.alerts.map((x) => x.id)).toEqual([b.id]);

      const base = `http://127.0.0.1:${port}`;
      const ack = await fetch(`${base}/api/alerts/${a.id}/ack`, { method: 'POST', headers: { origin: base, 'x-hig-operator': 'anna' } });
      expect(ack.status).toBe(200);
      expect(((await ack.json()) as { alert: Alert }).alert).toMatchObject({ id: a.id, isResolved: false, acknowledgedBy: 'http:admin:anna' });

      // the CLI: acknowledge (the first acknowledgement is kept), then resolve
      const cliAck = await run(process.execPath, cliArgs('alerts', 'ack', b.id), { cwd: ROOT, env });
      expect(cliAck.stdout).toContain(b.id);
      expect(cliAck.stdout).toContain('acknowledged by http:admin:night-nurse');
      const cliResolve = await run(process.execPath, cliArgs('alerts', 'resolve', a.id, '--who', 'ops-bob'), { cwd: ROOT, env });
      expect(cliResolve.stdout).toContain('resolved');
      expect(await alerter.get('ward', a.id)).toMatchObject({ isResolved: true, resolvedBy: 'http:admin:ops-bob', acknowledgedBy: 'http:admin:anna' });

      const cliOpen = await run(process.execPath, cliArgs('alerts', 'list', '--open'), { cwd: ROOT, env });
      expect(cliOpen.stdout.trim().split('\n')).toHaveLength(1);
      expect(cliOpen.stdout).toContain(b.id);

      const again = await run(process.execPath, cliArgs('alerts', 'resolve', a.id), { cwd: ROOT, env }).catch((e: { code: number; stderr: string }) => e);
      expect('code' in again && again.code).toBe(1);
      expect(again.stderr).toContain('ALERT_RESOLVED');
      const missing = await fetch(`${base}/api/alerts/00000000-0000-0000-0000-000000000000/resolve`, { method: 'POST', headers: { origin: base } });
      expect(missing.status).toBe(404);
    } finally {
      await app.close();
      await queues.close();
      await alerter.close();
      alerter = undefined;
    }
  }, 120_000);
});
