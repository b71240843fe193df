/**
 * Review 12, finding 2 (ext14 plumbing, c193aa2/0a51ac3): `conversion.extensionBase` and
 * `hig convert --extension-base` are checked by EXTENSION_BASE_PATTERN
 * (src/transform/datatypes/unnamed-extension.ts:26), `^https?://[^\s/]+(/[^\s]*)?/$`, which takes
 * any non-space run as the host: values that are no URL at all pass, and every Bundle then
 * carries Extension.url `https://:/v2-assigningFacility`. The brief's rule: bad input gives a
 * clear error naming the field. Each value below is refused by WHATWG `new URL()`.
 *
 *   npx vitest run test/review12/extension-base-validation.test.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChannels } from '../../src/config/load-channels.js';
import { ROOT, cliArgs } from '../support/daemon.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hig-r12-extbase-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Not URLs (new URL() throws on each), yet each ends in / after an http(s) scheme. */
const NOT_URLS = ['https://:/', 'https://[/', 'https://host:99999/'];

function channelFile(id: string, conversion: Record<string, unknown>): string {
  const d = mkdtempSync(path.join(dir, 'c-'));
  writeFileSync(path.join(d, `${id}.json`), JSON.stringify({ id, source: { type: 'http' }, conversion }));
  return d;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs('convert', ...args), { cwd: ROOT, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('review12: an extensionBase that is no URL', () => {
  it.each(NOT_URLS)('%s: the channel file is refused naming conversion.extensionBase', (extensionBase) => {
    expect(() => new URL(extensionBase)).toThrow();
    expect(() => loadChannels(channelFile('extbase', { extensionBase }))).toThrow(/conversion\.extensionBase/);
  });

  it('hig convert --extension-base https://:/ exits 64 naming the flag', async () => {
    const msg = ['MSH|^~\\&|HIS|GH|EHR|RECV|20240305081500||ADT^A08^ADT_A01|E1|P|2.5.1', 'EVN|A08|20240305081500', 'PID|1||M7^^^HOSP^MR^NORTHWING||DOE^JANE||19800215|F'].join('\r');
    const file = path.join(dir, 'ext.hl7');
    writeFileSync(file, msg);
    const r = await run([file, '--extension-base', 'https://:/']);
    expect(r.stdout).not.toContain('"url":"https://:/v2-assigningFacility"');
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--extension-base');
  });
});
