/**
 * Item 16 of issue 13: when the FHIR server refuses a result, its OperationOutcome is kept sealed
 * with the job (role `outcome`) and shown to an authorized operator — the status API (admin), `hig
 * status` — with issue codes and diagnostics; never in logs, never in clear in Redis. The real FHIR
 * test server refuses (a whole transaction, and single entries of a batch); a daemon in this
 * process (debug logging) delivers to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadSettings } from '../../src/config/env.js';
import { startDaemon, type Daemon } from '../../src/daemon.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { messageIdFor, type IntegrationJobData } from '../../src/queue/jobs.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { channelsDir, cliArgs, NO_DAEMON, ROOT } from '../support/daemon.js';
import { dropPrefix, dumpPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { adt, keyring, until } from '../support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('outcome');
const DIAGNOSTICS = 'Patient.birthDate 1950-01-01 of CANARY-OUTCOME-PATIENT is in the future';
let fhir: FhirServer;
let daemon: Daemon;
let logs: () => string;
let dir: string;
const ports = { tx: 0, batch: 0, http: 0 };

beforeAll(async () => {
  fhir = await startFhirServer();
  for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
  const destination = (mode: string) => ({ type: 'fhir', baseUrl: fhir.url, mode, auth: { type: 'none' }, timeoutMs: 5000 });
  dir = channelsDir([
    { id: 'tx', source: { type: 'mllp', host: '127.0.0.1', port: ports.tx }, destination: destination('transaction') },
    { id: 'batch', source: { type: 'mllp', host: '127.0.0.1', port: ports.batch }, destination: destination('batch') },
  ]);
  const mem = memoryLogger('debug');
  logs = mem.text;
  const settings = loadSettings({ REDIS_URL, HIG_QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: TEST_KEY_HEX, HIG_HTTP_PORT: String(ports.http), HIG_EMBEDDED_REDIS: 'false', LOG_LEVEL: 'debug' });
  daemon = await startDaemon({ settings, channelsDir: dir, log: mem.log, intake: true, workers: true, allowDevKey: false });
});

afterAll(async () => {
  await daemon?.close();
  await fhir?.close();
  await dropPrefix(prefix);
});

async function send(port: number, controlId: string): Promise<void> {
  const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 60_000 });
  const ack = (await client.send(adt(controlId))).toString('latin1');
  client.close();
  expect(ack).toContain(`MSA|AA|${controlId}`);
}

describe("the destination's OperationOutcome", () => {
  it('is kept sealed with a refused job and shown to the admin API and hig status, never logged', async () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: DIAGNOSTICS, expression: ['Bundle.entry[0].resource.birthDate'] }] };
    await fhir.setFault({ kind: 'status', status: 422, body: outcome });
    await send(ports.tx, 'OUT1');
    const id = messageIdFor('tx', 'APP|FAC', 'OUT1');
    const queue = daemon.queues.get('tx')!;
    await until(async () => (await queue.getJob(id))?.failedReason !== undefined && (await queue.getJob(id))?.failedReason !== '', 20_000, 'refused');
    const job = await queue.getJob(id);
    expect(job!.failedReason).toBe('DESTINATION_REJECTED: transaction: HTTP 422 (invalid)');

    // Sealed with the job, bound to it as its outcome.
    const sealed = (job!.data as IntegrationJobData).outcome!;
    expect(sealed).toMatchObject({ v: 3 });
    expect(JSON.parse(keyring.open(sealed, { channelId: 'tx', messageId: id, role: 'outcome' }).toString('utf8'))).toEqual(outcome);
    expect(() => keyring.open(sealed, { channelId: 'tx', messageId: id, role: 'message' })).toThrow(/CANNOT_DECRYPT/);

    // The admin status API opens it.
    const res = await fetch(`http://127.0.0.1:${ports.http}/api/messages/${id}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const status = (await res.json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'failed', outcome: { issues: [{ severity: 'error', code: 'invalid', diagnostics: DIAGNOSTICS, expression: ['Bundle.entry[0].resource.birthDate'] }] } });

    // hig status, as an operator runs it.
    const env = { PATH: process.env.PATH ?? '', ...NO_DAEMON, HIG_CHANNELS_DIR: dir, HIG_QUEUE_PREFIX: prefix, REDIS_URL, DATA_ENCRYPTION_KEY: TEST_KEY_HEX };
    const { stdout } = await run(process.execPath, cliArgs('status', id), { cwd: ROOT, env });
    expect(JSON.parse(stdout)).toMatchObject({ id, status: 'failed', outcome: { issues: [{ code: 'invalid', diagnostics: DIAGNOSTICS }] } });
    // Without the data key it stays sealed, and says so.
    const { stdout: sealedOut } = await run(process.execPath, cliArgs('status', id), { cwd: ROOT, env: { ...env, DATA_ENCRYPTION_KEY: '' } });
    expect(JSON.parse(sealedOut)).toMatchObject({ outcome: { unreadable: expect.stringContaining('no data key') } });
    expect(sealedOut).not.toContain('CANARY-OUTCOME');

    // Never in clear in Redis nor in the log (at debug).
    expect(await dumpPrefix(prefix)).not.toContain('CANARY-OUTCOME');
    expect(logs()).not.toContain('CANARY-OUTCOME');

    // Replayed once the server accepts: completed, and the refusal no longer travels with the job.
    await fhir.setFault(null);
    const gateway = gatewayOver(daemon.queues, async () => undefined, { keyring });
    expect((await gateway.replay('tx', { ids: [id], who: 'test' })).replayed).toEqual([id]);
    await until(async () => (await gateway.getJobStatus(id))?.status === 'completed', 20_000, 'completed after replay');
    const after = await gateway.getJobStatus(id);
    expect(after?.outcome).toBeUndefined();
    expect(((await queue.getJob(id))!.data as IntegrationJobData).outcome).toBeUndefined();
  });

  it('batch mode: each refused entry with its index, status and issues', async () => {
    const entryOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', diagnostics: 'CANARY-OUTCOME-ENTRY encounter closed' }] };
    await fhir.setFault({ kind: 'entries', failures: [{ index: 1, status: 409, outcome: entryOutcome }] });
    await send(ports.batch, 'OUT2');
    const id = messageIdFor('batch', 'APP|FAC', 'OUT2');
    const gateway = gatewayOver(daemon.queues, async () => undefined, { keyring });
    await until(async () => (await gateway.getJobStatus(id))?.status === 'failed', 20_000, 'refused');
    const status = await gateway.getJobStatus(id);
    expect(status?.failedReason).toMatch(/^DESTINATION_REJECTED: batch: 1 of \d+ entries rejected: .* 409 \(business-rule\)$/);
    expect(status?.outcome).toEqual({ issues: [{ entry: 1, status: '409', severity: 'error', code: 'business-rule', diagnostics: 'CANARY-OUTCOME-ENTRY encounter closed' }] });
    expect(logs()).not.toContain('CANARY-OUTCOME');
    expect(await dumpPrefix(prefix)).not.toContain('CANARY-OUTCOME');
    await fhir.setFault(null);
  });
});
