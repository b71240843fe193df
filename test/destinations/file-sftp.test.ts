/**
 * The file destination writing to an SFTP server: a real OpenSSH sshd (internal-sftp) started by the
 * test. The same contract as the local directory (file.test.ts): bytes exact with the mode asked,
 * a retry of the same message lands once, other bytes under a taken name get a suffix and never
 * replace the file there, no temp file stays behind; and a server that is down or presents another
 * host key is a transient failure (retry), and the destination connects again once the server is back.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDestination, destinationConfigSchema, type DeliveryContext, type Destination } from '../../src/destinations/index.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { adt, failureOf } from './helpers.js';

let sshd: TestSshd;
const opened: Destination[] = [];
beforeAll(async () => {
  sshd = await startSshd();
}, 60_000);
afterAll(async () => {
  for (const d of opened) await d.close?.();
  await sshd?.stop();
});

const context = (controlId: string, messageId = `m-${controlId}`): DeliveryContext => ({
  channelId: 'adt-in',
  messageId,
  destinationId: 'remote',
  controlId,
  receivedAt: '2024-01-02T03:04:05.678Z',
  signal: new AbortController().signal,
});

let dirs = 0;
/** A fresh remote directory (sshd serves the local file system: its root is a local path too). */
function remoteDir(): string {
  const dir = join(sshd.root, `out-${++dirs}`);
  mkdirSync(dir);
  return dir;
}
const files = (dir: string) => readdirSync(dir).sort();

function sftpDest(dir: string, extra: Record<string, unknown> = {}, sftp: Record<string, unknown> = {}): Destination {
  const d = createDestination({
    type: 'file',
    dir,
    content: 'hl7v2',
    name: '{controlId}.hl7',
    sftp: { host: sshd.host, port: sshd.port, username: sshd.username, privateKeyPath: sshd.privateKeyPath, hostKeySha256: sshd.hostKeySha256, connectTimeoutMs: 5000, ...sftp },
    ...extra,
  } as never);
  opened.push(d);
  return d;
}

describe('file destination over SFTP', () => {
  it('writes the bytes exactly, with the mode asked, and leaves no temp file', async () => {
    const dir = remoteDir();
    const message = Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|F1|P|2.5||||||8859/1\rPID|1||1||M\xfcller\r', 'latin1');
    const outcome = await sftpDest(dir, { mode: '600' }).deliver({ contentType: 'hl7v2', message }, context('F1'));
    expect(outcome.detail).toBe('wrote F1.hl7');
    expect(files(dir)).toEqual(['F1.hl7']);
    expect(readFileSync(join(dir, 'F1.hl7')).equals(message)).toBe(true);
    expect(statSync(join(dir, 'F1.hl7')).mode & 0o777).toBe(0o600);
  });

  it('writes a FHIR Bundle larger than one SFTP write as JSON', async () => {
    const dir = remoteDir();
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: 2000 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Basic', id: `b${i}` } })) };
    const d = sftpDest(dir, { content: 'fhir', name: '{messageId}.json' });
    await d.deliver({ contentType: 'fhir', bundle }, context('J1', 'big'));
    expect(statSync(join(dir, 'big.json')).size).toBeGreaterThan(64 * 1024);
    expect(JSON.parse(readFileSync(join(dir, 'big.json'), 'utf8'))).toEqual(bundle);
  });

  it('a retry is idempotent, other bytes under a taken name get a suffix, nothing is overwritten', async () => {
    const dir = remoteDir();
    const d = sftpDest(dir);
    writeFileSync(join(dir, 'PLANT.hl7'), 'someone else\'s file');
    const first = adt('SAME');
    const other = Buffer.from(first.toString('latin1').replace('WARD1', 'WARD2'), 'latin1');
    // [message, control id] → detail
    const table: Array<[Buffer, string, string]> = [
      [first, 'SAME', 'wrote SAME.hl7'],
      [first, 'SAME', 'SAME.hl7 already holds this message'],
      [other, 'SAME', 'wrote SAME-1.hl7'],
      [other, 'SAME', 'SAME-1.hl7 already holds this message'],
      [first, 'PLANT', 'wrote PLANT-1.hl7'],
    ];
    for (const [message, cid, detail] of table) expect((await d.deliver({ contentType: 'hl7v2', message }, context(cid))).detail, `${cid} ${detail}`).toBe(detail);
    expect(files(dir)).toEqual(['PLANT-1.hl7', 'PLANT.hl7', 'SAME-1.hl7', 'SAME.hl7']);
    expect(readFileSync(join(dir, 'SAME.hl7')).equals(first)).toBe(true);
    expect(readFileSync(join(dir, 'SAME-1.hl7')).equals(other)).toBe(true);
    expect(readFileSync(join(dir, 'PLANT.hl7'), 'utf8')).toBe('someone else\'s file');
  });

  it('concurrent deliveries on one session: distinct messages never share a file', async () => {
    const dir = remoteDir();
    const d = sftpDest(dir);
    const distinct = Array.from({ length: 8 }, (_, i) => Buffer.from(adt('RACE').toString('latin1').replace('WARD1', `WARD${i}`), 'latin1'));
    await Promise.all(distinct.map((message) => d.deliver({ contentType: 'hl7v2', message }, context('RACE'))));
    await Promise.all(distinct.map((message) => d.deliver({ contentType: 'hl7v2', message }, context('RACE'))));
    const written = files(dir);
    expect(written).toHaveLength(8);
    expect(written.map((f) => readFileSync(join(dir, f)).toString('latin1')).sort()).toEqual(distinct.map((b) => b.toString('latin1')).sort());
  });

  it('another host key is refused: transient, with no message content in the error', async () => {
    const dir = remoteDir();
    const d = sftpDest(dir, {}, { hostKeySha256: 'SHA256:' + Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '') });
    const err = await failureOf(d.deliver({ contentType: 'hl7v2', message: adt('HK') }, context('HK')));
    expect([err.name, err.message]).toEqual(['TransientError', expect.stringContaining('HOST_KEY_MISMATCH')]);
    expect(files(dir)).toEqual([]);
  });

  it('a directory that is not there is transient; so is a server that is down, and the destination connects once it is back', async () => {
    const missing = await failureOf(sftpDest(join(sshd.root, 'nowhere')).deliver({ contentType: 'hl7v2', message: adt('N1') }, context('N1')));
    expect(missing.name).toBe('TransientError');
    const dir = remoteDir();
    const d = sftpDest(dir);
    await sshd.halt(); // the listener stops (sessions already open would live on in their own sshd processes)
    const down = await failureOf(d.deliver({ contentType: 'hl7v2', message: adt('DOWN') }, context('DOWN')));
    expect([down.name, down.message]).toEqual(['TransientError', expect.stringContaining('SFTP_CONNECT')]);
    sshd = await startSshd({ reuse: sshd });
    await d.deliver({ contentType: 'hl7v2', message: adt('DOWN') }, context('DOWN'));
    await d.deliver({ contentType: 'hl7v2', message: adt('UP2') }, context('UP2'));
    expect(files(dir)).toEqual(['DOWN.hl7', 'UP2.hl7']);
  });

  it('the schema wants a way to log in', () => {
    const base = { type: 'file', dir: '/in', content: 'hl7v2', sftp: { host: 'h', username: 'u', hostKeySha256: 'SHA256:x' } };
    const r = destinationConfigSchema.safeParse(base);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('set privateKeyPath or passwordEnv');
    expect(destinationConfigSchema.safeParse({ ...base, sftp: { ...base.sftp, passwordEnv: 'SFTP_PW' } }).success).toBe(true);
  });
});
