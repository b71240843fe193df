/**
 * The file destination on a real file system: names from the template (sanitised), atomic writes
 * that never overwrite, idempotent retries, planted symlinks not followed, no temp files left.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDestination, destinationConfigSchema, type DeliveryContext, type Destination } from '../../src/destinations/index.js';
import { checkTemplate, renderName } from '../../src/destinations/file/name.js';
import { adt, failureOf, tempDir } from './helpers.js';

const context = (controlId = 'CTRL1', messageId = 'm-1'): DeliveryContext => ({
  channelId: 'adt-in',
  messageId,
  destinationId: 'archive',
  controlId,
  receivedAt: '2024-01-02T03:04:05.678Z',
  signal: new AbortController().signal,
});
const files = (dir: string) => readdirSync(dir).sort();
function fileDest(dir: string, extra: Record<string, unknown> = {}): Destination {
  return createDestination({ type: 'file', dir, content: 'hl7v2', ...extra } as never);
}

describe('names', () => {
  it.each([
    ['{channel}-{controlId}-{receivedAt}.hl7', 'adt-in-CTRL1-20240102T030405678Z.hl7'],
    ['{date}/{messageId}.hl7', undefined], // refused: a path separator
    ['{messageId}.json', 'm-1.json'],
    ['{destination}-{date}-{controlId}.hl7', 'archive-20240102-CTRL1.hl7'],
  ])('%s → %s', async (name, expected) => {
    const dir = tempDir();
    if (expected === undefined) {
      expect(destinationConfigSchema.safeParse({ type: 'file', dir, content: 'hl7v2', name }).success).toBe(false);
      return;
    }
    await fileDest(dir, { name }).deliver({ contentType: 'hl7v2', message: adt('CTRL1') }, context());
    expect(files(dir)).toEqual([expected]);
  });

  it.each([
    ['../../etc/passwd', '____etc_passwd'],
    ['A/B\\C', 'A_B_C'],
    ['..', '_'],
    ['.hidden', '_hidden'],
    ['ok-1.2_x', 'ok-1.2_x'],
  ])('a control id %j is sanitised to %j', (controlId, safe) => {
    const name = renderName('{controlId}.hl7', { channel: 'c', destination: 'd', messageId: 'm', controlId, receivedAt: 'r', date: 'd' });
    expect(name).toBe(`${safe}.hl7`);
    expect(name).not.toContain('/');
    expect(name.startsWith('.')).toBe(false);
    expect(name).not.toContain('..');
  });

  it.each([
    ['{patient}.hl7', 'unknown placeholder {patient}'],
    ['out/{messageId}.hl7', 'no path separators'],
    ['{channel}.hl7', 'needs {messageId} or {controlId}'],
    ['.{messageId}', 'must not start with "."'],
  ])('refuses the template %s', (template, reason) => {
    expect(checkTemplate(template).join('; ')).toContain(reason);
  });
});

describe('writing', () => {
  it('writes the bytes exactly, with the configured mode, and leaves no temp file', async () => {
    const dir = tempDir();
    const message = Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|F1|P|2.5||||||8859/1\rPID|1||1||M\xfcller\r', 'latin1');
    const outcome = await fileDest(dir, { mode: '600' }).deliver({ contentType: 'hl7v2', message }, context('F1'));
    const [name] = files(dir);
    expect(outcome.detail).toBe(`wrote ${name}`);
    expect(readFileSync(join(dir, name!)).equals(message)).toBe(true);
    expect(statSync(join(dir, name!)).mode & 0o777).toBe(0o600);
  });

  it('[CR35-4] an empty MSH-18 whose bytes are Latin-1 (hig reads them as Windows-1252): written as UTF-8, which MSH-18 then says', async () => {
    const dir = tempDir();
    const text = 'MSH|^~\\&|A|B|C|D|1||ADT^A01|F2|P|2.5\rPID|1||1||H\u00e9l\u00e8ne\r';
    await fileDest(dir, {}).deliver({ contentType: 'hl7v2', message: Buffer.from(text, 'latin1') }, context('F2'));
    const [name] = files(dir);
    expect(readFileSync(join(dir, name!)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('writes FHIR as JSON', async () => {
    const dir = tempDir();
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [] };
    await createDestination({ type: 'file', dir, content: 'fhir', name: '{messageId}.json' }).deliver({ contentType: 'fhir', bundle }, context());
    expect(JSON.parse(readFileSync(join(dir, 'm-1.json'), 'utf8'))).toEqual(bundle);
  });

  it('a retry of the same message is idempotent: one file', async () => {
    const dir = tempDir();
    const d = fileDest(dir);
    await d.deliver({ contentType: 'hl7v2', message: adt('R1') }, context('R1'));
    const again = await d.deliver({ contentType: 'hl7v2', message: adt('R1') }, context('R1'));
    expect(again.detail).toContain('already holds this message');
    expect(files(dir)).toEqual(['adt-in-R1-20240102T030405678Z.hl7']);
  });

  it('another message with the same name gets a suffix, never overwrites', async () => {
    const dir = tempDir();
    const d = fileDest(dir, { name: '{controlId}.hl7' });
    await d.deliver({ contentType: 'hl7v2', message: adt('SAME') }, context('SAME'));
    const other = Buffer.from(adt('SAME').toString('latin1').replace('WARD1', 'WARD2'), 'latin1');
    await d.deliver({ contentType: 'hl7v2', message: other }, context('SAME'));
    await d.deliver({ contentType: 'hl7v2', message: other }, context('SAME')); // retry of the second: idempotent
    expect(files(dir)).toEqual(['SAME-1.hl7', 'SAME.hl7']);
    expect(readFileSync(join(dir, 'SAME.hl7')).equals(adt('SAME'))).toBe(true);
    expect(readFileSync(join(dir, 'SAME-1.hl7')).equals(other)).toBe(true);
  });

  it('does not follow a symlink planted at the name, even one to a file with the same bytes', async () => {
    const dir = tempDir();
    const outside = join(tempDir(), 'victim.txt');
    writeFileSync(outside, 'do not touch');
    symlinkSync(outside, join(dir, 'PLANT.hl7'));
    const twin = join(tempDir(), 'twin.hl7');
    writeFileSync(twin, adt('PLANT'));
    symlinkSync(twin, join(dir, 'PLANT-1.hl7'));
    await fileDest(dir, { name: '{controlId}.hl7' }).deliver({ contentType: 'hl7v2', message: adt('PLANT') }, context('PLANT'));
    expect(readFileSync(outside, 'utf8')).toBe('do not touch');
    expect(lstatSync(join(dir, 'PLANT.hl7')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'PLANT-2.hl7')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'PLANT-2.hl7')).equals(adt('PLANT'))).toBe(true);
  });

  it('concurrent deliveries: distinct messages never share a file, the same message lands once', async () => {
    const dir = tempDir();
    const d = fileDest(dir, { name: '{controlId}.hl7' });
    const distinct = Array.from({ length: 12 }, (_, i) => Buffer.from(adt('RACE').toString('latin1').replace('WARD1', `WARD${i}`), 'latin1'));
    await Promise.all(distinct.map((message) => d.deliver({ contentType: 'hl7v2', message }, context('RACE'))));
    await Promise.all(distinct.map((message) => d.deliver({ contentType: 'hl7v2', message }, context('RACE'))));
    const written = files(dir);
    expect(written).toHaveLength(12);
    const contents = written.map((f) => readFileSync(join(dir, f)).toString('latin1')).sort();
    expect(contents).toEqual(distinct.map((b) => b.toString('latin1')).sort());
  });

  it('a directory that disappeared is a transient failure (retry), not a dead letter', async () => {
    const parent = tempDir();
    const dir = join(parent, 'out');
    mkdirSync(dir);
    const d = fileDest(dir);
    rmSync(dir, { recursive: true });
    const err = await failureOf(d.deliver({ contentType: 'hl7v2', message: adt('G1') }, context('G1')));
    expect([err.name, err.message]).toEqual(['TransientError', expect.stringContaining('ENOENT')]);
  });

  it('a directory that does not exist at start-up fails creation, naming the field', () => {
    expect(() => fileDest(join(tempDir(), 'missing'))).toThrow('destination.dir');
  });

  it('leaves no temp files behind', async () => {
    const dir = tempDir();
    const d = fileDest(dir, { name: '{controlId}.hl7' });
    for (const id of ['T1', 'T1', 'T2']) await d.deliver({ contentType: 'hl7v2', message: adt(id) }, context(id));
    expect(files(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(join(dir, 'T2.hl7'))).toBe(true);
  });
});
