/**
 * The PHI canary: the sample messages go in through every source of a running daemon (MLLP, file
 * drop, SFTP from a real sshd, HTTP HL7 and the original gateway's JSON call), logging at debug
 * level, including a resend and a reused control id with other content (dedupe markers, a conflict
 * job) and a delivery the FHIR server refuses with an OperationOutcome that repeats the patient (the
 * outcome sealed with the job); afterwards neither the daemon's whole log output nor any Redis
 * value under its prefix contains a sample patient's name, identifier, birth date, phone or address
 * in plaintext.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelsDir, cliArgs, ROOT, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, dumpPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { until } from '../support/worker.js';
import { messageIdFor } from '../../src/queue/jobs.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';

const run = promisify(execFile);
const prefix = testPrefix('phi');
const PHI = [
  'Everwood', 'Marguerite', 'MRN123456', '19670412', '999-12-3456', 'Lantern', '5550147', 'everwood@example.org',
  'Quillfeather', 'Desmond', 'MRN654321', '19890227', 'Harbor View',
  'Brightwater', 'Castellane', 'Duskmoor', 'MRN200001', '19550703',
  'Lovelace', 'Augusta', 'P-CANARY-77',
];
let daemon: DaemonProcess | undefined;
let sshd: TestSshd | undefined;
let fhir: FhirServer | undefined;
afterAll(async () => {
  await daemon?.stop();
  await sshd?.stop();
  await fhir?.close();
  await dropPrefix(prefix);
});

describe('no PHI in logs or Redis, through every source', () => {
  it('sample messages via MLLP, file, SFTP, HTTP and receiveMessage leave no plaintext trace', async () => {
    sshd = await startSshd();
    const work = mkdtempSync(join(tmpdir(), 'hig-phi-'));
    const drop = join(work, 'drop');
    const errors = join(work, 'errors');
    mkdirSync(drop);
    mkdirSync(errors);
    const remote = join(sshd.root, 'outbound');
    mkdirSync(remote, { recursive: true });
    const mllpPort = await freePort();
    const refusedPort = await freePort();
    const httpPort = await freePort();
    // A FHIR server that refuses every delivery, its OperationOutcome repeating the patient.
    fhir = await startFhirServer();
    await fhir.setFault({ kind: 'status', status: 422, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'Everwood^Marguerite MRN123456 born 19670412: duplicate patient' }] } });
    const dataDir = join(work, 'data');
    const channels = [
      { id: 'phi-mllp', clientId: 1, source: { type: 'mllp', host: '127.0.0.1', port: mllpPort } },
      { id: 'phi-file', clientId: 1, source: { type: 'file', dir: drop, pattern: '*.hl7', pollMs: 200, errorDir: errors } },
      {
        id: 'phi-sftp',
        clientId: 1,
        source: { type: 'sftp', host: '127.0.0.1', port: sshd.port, username: sshd.username, privateKeyPath: sshd.privateKeyPath, hostKeySha256: sshd.hostKeySha256, remoteDir: remote, pattern: '*.hl7', pollMs: 1000, errorDir: join(remote, 'error') },
      },
      { id: 'phi-http', clientId: 1, source: { type: 'http' } },
      { id: 'phi-refused', clientId: 1, source: { type: 'mllp', host: '127.0.0.1', port: refusedPort }, destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' } } },
    ];
    const env = { HIG_CHANNELS_DIR: channelsDir(channels), HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, REDIS_URL, LOG_LEVEL: 'debug', HIG_DATA_DIR: dataDir };
    const { stdout: keyOut } = await run(process.execPath, cliArgs('apikey', 'create', '--client', '1', '--name', 'phi-test'), { cwd: ROOT, env: { ...process.env, ...env } });
    const apiKey = keyOut.split('\n')[0]!.trim();
    daemon = spawnDaemon('start', env);
    await daemon.waitFor('hig started');

    // MLLP: the sample, its resend, and another message under its control id (a conflict, processed)
    await run(process.execPath, cliArgs('send', 'samples/adt_a01.hl7', '--port', String(mllpPort)), { cwd: ROOT });
    await run(process.execPath, cliArgs('send', 'samples/adt_a01.hl7', '--port', String(mllpPort)), { cwd: ROOT });
    const conflicting = join(work, 'conflict.hl7');
    writeFileSync(conflicting, readFileSync(join(ROOT, 'samples/adt_a01.hl7'), 'latin1').replace('4W^401^B', '4W^402^A'), 'latin1');
    await run(process.execPath, cliArgs('send', conflicting, '--port', String(mllpPort)), { cwd: ROOT });
    // refused by the FHIR server: the outcome is kept sealed with the job
    await run(process.execPath, cliArgs('send', 'samples/adt_a01.hl7', '--port', String(refusedPort)), { cwd: ROOT });
    // file drop and SFTP
    copyFileSync(join(ROOT, 'samples/batch.hl7'), join(drop, 'batch.hl7'));
    copyFileSync(join(ROOT, 'samples/adt_a04.hl7'), join(remote, 'a04.hl7'));
    // HTTP, HL7 body and the original gateway's JSON call (sync and queued)
    const hl7 = await fetch(`http://127.0.0.1:${httpPort}/channels/phi-http/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/hl7-v2', 'x-api-key': apiKey },
      body: (await import('node:fs')).readFileSync(join(ROOT, 'samples/adt_a08.hl7')),
    });
    expect(await hl7.text()).toContain('MSA|AA|ADT0003');
    for (const useQueue of [false, true]) {
      const r = await fetch(`http://127.0.0.1:${httpPort}/api/trpc/integration.receiveMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey, mappingId: 'patient-basic', sourceData: { id: 'P-CANARY-77', firstName: 'Augusta', lastName: 'Lovelace' }, useQueue }),
      });
      expect(((await r.json()) as { status: string }).status).toBe(useQueue ? 'queued' : 'transformed');
    }

    // Everything delivered through every source: 1 + 1 (the conflict) + 3 + 1 + 1 + 2 jobs completed,
    // the resend counted, the refused one dead-lettered.
    const stats = async () => (await (await fetch(`http://127.0.0.1:${httpPort}/api/stats`)).json()) as { completed: number; failed: number; duplicates: number; conflicts: number };
    await until(async () => (await stats()).completed >= 8 && (await stats()).failed >= 1, 60_000, 'all sources processed');
    expect(await stats()).toMatchObject({ duplicates: 1, conflicts: 1 });
    expect(fhir.requests.length).toBeGreaterThan(0);
    const refused = messageIdFor('phi-refused', 'EPICADT|GOODHEALTH^2.16.840.1.113883.19.1^ISO', 'ADT0001');
    const status = (await (await fetch(`http://127.0.0.1:${httpPort}/api/messages/${refused}`)).json()) as { outcome?: { issues?: Array<{ code?: string }> } };
    expect(status.outcome?.issues?.[0]?.code).toBe('invalid'); // kept, sealed, with the job
    await until(() => readdirSync(drop).filter((f) => f.endsWith('.hl7')).length === 0, 10_000, 'file consumed');

    const everything = (await dumpPrefix(prefix)) + '\n' + daemon.output();
    expect(everything.length).toBeGreaterThan(1000); // the haystack is real
    expect(daemon.output()).toContain('"level":20'); // debug lines were written
    const hits = PHI.filter((p) => everything.includes(p));
    expect(hits).toEqual([]);
  }, 120_000);
});
