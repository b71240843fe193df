/**
 * `hig convert FILE…` as operators run it (a child process, real files): one Bundle per message
 * as NDJSON in argument order, one stderr line naming each file that fails, exit 1 when any
 * failed, and a start-up that loads nothing of the daemon (queues, Redis, logging, HTTP).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, cliArgs } from './support/daemon.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hig-convert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs('convert', ...args), { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const msg = (id: string, mrn: string): string =>
  [`MSH|^~\\&|HIS|GH|EHR|RECV|20240305081500||ADT^A08^ADT_A01|${id}|P|2.5.1`, 'EVN|A08|20240305081500', `PID|1||${mrn}^^^HOSP^MR||DOE^JANE||19800215|F`].join('\r');

describe('hig convert', () => {
  it('prints one Bundle per message, NDJSON in argument order; names each file that fails; exits 1', async () => {
    const a = file('a.hl7', msg('A1', 'M1'));
    const batch = file('batch.hl7', `${msg('B1', 'M2')}\r${msg('B2', 'M3')}\r`);
    const bad = file('bad.hl7', msg('X1', 'M4').replace('19800215', '19801315'));
    const missing = path.join(dir, 'missing.hl7');
    const r = await run([a, bad, batch, missing]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { identifier: { value: string } }).identifier.value)).toEqual(['A1', 'B1', 'B2']);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toEqual([`hig: ${bad}: INVALID_DATE: PID-7 (segment 3) is not a valid date/time`, `hig: ${missing}: cannot read (ENOENT)`]);
    expect(r.stderr).not.toContain('19801315');
  });

  it('exits 0 when every message converts; --timezone, --namespace and --conditional-update reach the conversion', async () => {
    const a = file('tz.hl7', msg('T1', 'M5'));
    const r = await run([a, '--timezone', 'America/Chicago', '--namespace', 'HOSP=urn:oid:1.2.3', '--conditional-update']);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout) as { timestamp: string; entry: { request: { url: string } }[] };
    expect(bundle.timestamp).toBe('2024-03-05T08:15:00-06:00');
    expect(bundle.entry.map((e) => e.request.url)).toContain('Patient?identifier=urn%3Aoid%3A1.2.3|M5');
  });

  it('[hig unnamed-extension rule] --extension-base and --unnamed-extensions reach the conversion; a bad value is refused with exit 64', async () => {
    const a = file('ext.hl7', msg('E1', 'M7').replace('M7^^^HOSP^MR', 'M7^^^HOSP^MR^NORTHWING'));
    const emitted = await run([a, '--extension-base', 'https://fhir.example.org/sd/']);
    expect(emitted.code).toBe(0);
    expect(emitted.stdout).toContain('"url":"https://fhir.example.org/sd/v2-assigningFacility"');
    const reported = await run([a, '--report', '--unnamed-extensions', 'report']);
    expect(reported.code).toBe(0);
    expect(reported.stdout).not.toContain('v2-assigningFacility');
    expect(reported.stdout).toContain('CX.6 (assigning facility): the IG row names an unnamed extension (extension??-assigningFacility)');
    for (const bad of [['--extension-base', 'https://fhir.example.org/sd'], ['--unnamed-extensions', 'drop']]) {
      const r = await run([a, ...bad]);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain(bad[0]);
    }
  });

  it('[IG DLN[Identifier] DLN.2; hig licence-issuer rule] --licence-states none keeps a postal code from naming a state; a bad value is refused with exit 64', async () => {
    const a = file('dl.hl7', `${msg('D1', 'M8')}||||||||||||S999^MI`);
    const states = await run([a]);
    expect(states.code).toBe(0);
    expect(states.stdout).toContain('"system":"urn:oid:2.16.840.1.113883.4.3.26"');
    const none = await run([a, '--licence-states', 'none']);
    expect(none.code).toBe(0);
    expect(none.stdout).not.toContain('2.16.840.1.113883.4.3.26');
    expect(none.stdout).toContain('"assigner":{"display":"MI"}');
    const bad = await run([a, '--licence-states', 'eu']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--licence-states');
  });

  it('[hig: US Core DiagnosticReport Lab, R17-W2] --report-category laboratory states LAB on a report without OBR-24; a bad value is refused with exit 64', async () => {
    const oru = [
      'MSH|^~\\&|LIS|GH|EHR|RECV|20240305081500||ORU^R01|R1|P|2.5.1',
      'PID|1||M9^^^HOSP^MR||DOE^JANE||19800215|F',
      'OBR|1|P1|F1|GLU^Glucose^L|||20240305070000',
      'OBX|1|NM|GLU^Glucose^L||90|mg/dL|||||F',
    ].join('\r');
    const a = file('oru.hl7', oru);
    const plain = await run([a]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('"code":"LAB"');
    const lab = await run([a, '--report-category', 'laboratory']);
    expect(lab.code).toBe(0);
    expect(lab.stdout).toContain('"code":"LAB"');
    const bad = await run([a, '--report-category', 'lab']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--report-category');
  });

  it('[v2.5.1 2.10.4.1; R43-W1] an A31\'s AL1s carry the list\'s marked GET; --allergy-list additive leaves it out; a bad value is refused with exit 64', async () => {
    const a31 = [
      'MSH|^~\\&|ADT|GH|EHR|RECV|20240305081500||ADT^A31^ADT_A05|L1|P|2.5.1',
      'EVN|A31|20240305081500',
      'PID|1||M9^^^HOSP^MR||DOE^JANE||19800215|F',
      'PV1|1|N',
      'AL1|1|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash',
    ].join('\r');
    const a = file('a31.hl7', a31);
    const plain = await run([a]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('allergy-list-snapshot');
    const additive = await run([a, '--allergy-list', 'additive']);
    expect(additive.code).toBe(0);
    expect(additive.stdout).not.toContain('allergy-list-snapshot');
    const bad = await run([a, '--allergy-list', 'delta']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--allergy-list');
  });

  it('refuses a malformed --namespace with the usage and exit 64', async () => {
    const r = await run([file('u.hl7', msg('U1', 'M6')), '--namespace', 'HOSP']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--namespace expects NS=URI');
    expect(r.stderr).toContain('--timezone');
  });

  it('loads nothing of the daemon: no BullMQ, Redis client, logger or HTTP server', async () => {
    const log = path.join(dir, 'modules.log');
    writeFileSync(log, '');
    const r = await run([file('m.hl7', msg('M1', 'M7'))], { HIG_MODULE_LOG: log, NODE_OPTIONS: `--import ${path.join(ROOT, 'test/support/record-modules.mjs')}` });
    expect(r.code).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n');
    // the recorder sees the conversion being loaded, so an empty list cannot pass
    expect(loaded.some((s) => /transform\/index\.(js|ts)$/.test(s))).toBe(true);
    for (const heavy of ['bullmq', 'ioredis', 'pino', 'fastify']) expect(loaded, heavy).not.toContain(heavy);
  });
});
