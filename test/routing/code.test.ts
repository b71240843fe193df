/**
 * Code transformers in a real worker thread: TypeScript and JavaScript modules, filtering out,
 * every failure classified (TRANSFORM_FAILED / TRANSFORM_TIMEOUT) without the module's message
 * text, no require/import/fetch/process/eval inside, and the caller's thread keeps running.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeRunner, type CodeRunner } from '../../src/routing/code.js';
import type { Payload } from '../../src/destinations/types.js';
import { adt, canary, failureOf, tempDir } from '../destinations/helpers.js';

const modules: Record<string, string> = {
  'ward.ts': `interface Ctx { destinationId: string }
export default function (message: string, ctx: Ctx): string { return message.replace('WARD1', 'WARD-' + ctx.destinationId); }`,
  'drop-a08.js': `export default (message) => (message.includes('ADT^A08') ? null : message);`,
  'plain.cjs': `module.exports = function (m) { return m; };`,
  'tag.ts': `export default (bundle: any) => ({ ...bundle, meta: { tag: [{ code: 'x' }] } });`,
  'json.js': `export default (value, ctx) => ({ got: value, channel: ctx.channelId, kind: ctx.contentType });`,
  'throws.ts': `export default (message: string) => { throw new Error('bad patient ' + message.split('|')[13]); };`,
  'loop.ts': `export default (message: string) => { for (;;) {} };`,
  'promise.js': `export default async (m) => m;`,
  'number.js': `export default () => 42;`,
  'undefined.js': `export default () => {};`,
  'calls-require.js': `export default (m) => { require('node:net'); return m; };`,
  'imports.ts': `import net from 'node:net';\nexport default (m: string) => { net.connect(1); return m; };`,
  'globals.js': `export default () => ({
    require: typeof require, process: typeof process, fetch: typeof fetch, setTimeout: typeof setTimeout,
    console: typeof console, WebSocket: typeof WebSocket, XMLHttpRequest: typeof XMLHttpRequest,
    evalBlocked: (() => { try { eval('1'); return false; } catch { return true; } })(),
    escapeBlocked: (() => { try { return (function () {}).constructor('return process')() === undefined; } catch { return true; } })(),
  });`,
  'dynamic-import.js': `let seen = 'pending';
import('node:net').then(() => { seen = 'loaded'; }, () => { seen = 'refused'; });
export default () => seen;`,
  'memory.js': `export default () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(1)); };`,
  'syntax.ts': `export default function (m: string { return m }`,
  'not-a-function.js': `export default 42;`,
  'sub/nested.ts': `export default (m: string) => m;`,
};

let dir: string;
let runner: CodeRunner;
beforeAll(async () => {
  dir = tempDir();
  mkdirSync(join(dir, 'sub'));
  for (const [name, code] of Object.entries(modules)) writeFileSync(join(dir, name), code);
  const outside = join(tempDir(), 'evil.js');
  writeFileSync(outside, 'export default (m) => m;');
  symlinkSync(outside, join(dir, 'escape.js'));
  runner = createCodeRunner({ dir, memoryMb: 32 });
  for (const name of ['ward.ts', 'drop-a08.js', 'plain.cjs', 'tag.ts', 'json.js', 'throws.ts', 'loop.ts', 'promise.js', 'number.js', 'undefined.js', 'calls-require.js', 'globals.js', 'dynamic-import.js', 'memory.js', 'sub/nested.ts']) {
    const loaded = await runner.load(name, 500);
    if (!loaded.ok) throw new Error(loaded.reason);
  }
});
afterAll(() => runner.close());

const ctx = { channelId: 'adt-in', messageId: 'm-1', destinationId: 'lab', controlId: 'C1' };
const v2 = (controlId = 'C1'): Payload => ({ contentType: 'hl7v2', message: adt(controlId) });
const text = (p: Payload | null) => (p?.contentType === 'hl7v2' ? p.message.toString('latin1') : undefined);

describe('running', () => {
  it('a TypeScript module edits the v2 text; the result goes out as bytes', async () => {
    expect(text(await runner.run('ward.ts', v2(), ctx, 500))).toContain('PV1|1|I|WARD-lab^101^A');
  });

  it('JavaScript (ESM and CommonJS) and modules in sub-folders', async () => {
    expect(text(await runner.run('plain.cjs', v2(), ctx, 500))).toBe(adt('C1').toString('latin1'));
    expect(text(await runner.run('sub/nested.ts', v2(), ctx, 500))).toBe(adt('C1').toString('latin1'));
  });

  it('null filters the message out', async () => {
    const a08: Payload = { contentType: 'hl7v2', message: Buffer.from(adt('C2').toString('latin1').replace('ADT^A01', 'ADT^A08'), 'latin1') };
    expect(await runner.run('drop-a08.js', a08, ctx, 500)).toBeNull();
    expect(await runner.run('drop-a08.js', v2(), ctx, 500)).not.toBeNull();
  });

  it('FHIR in, FHIR out; JSON in, JSON out, with ctx', async () => {
    const out = await runner.run('tag.ts', { contentType: 'fhir', bundle: { resourceType: 'Bundle', type: 'transaction' } }, ctx, 500);
    expect(out).toEqual({ contentType: 'fhir', bundle: { resourceType: 'Bundle', type: 'transaction', meta: { tag: [{ code: 'x' }] } } });
    expect(await runner.run('json.js', { contentType: 'json', value: [1] }, ctx, 500)).toEqual({ contentType: 'json', value: { got: [1], channel: 'adt-in', kind: 'json' } });
  });

  it('keeps an 8859/1 message in 8859/1', async () => {
    const latin = Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|L1|P|2.5||||||8859/1\rPID|1||1||M\xfcller\rPV1|1|I|WARD1\r', 'latin1');
    const out = await runner.run('ward.ts', { contentType: 'hl7v2', message: latin }, ctx, 500);
    expect(out?.contentType === 'hl7v2' && out.message.equals(Buffer.from(latin.toString('latin1').replace('WARD1', 'WARD-lab'), 'latin1'))).toBe(true);
  });
});

describe('[R58-W1] MSH-18 alternate sets', () => {
  it('keeps a `~ISO IR87` message in ISO-2022-JP (桜井 as `ESC $ B :y0f ESC ( B`, 美 `H~` no repetition)', async () => {
    const jis = Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|J1|P|2.5||||||~ISO IR87||ISO 2022-1994\rPID|1||1||\x1b$B:y0f\x1b(B^\x1b$BH~:i\x1b(B\rPV1|1|I|WARD1\r', 'latin1');
    const out = await runner.run('ward.ts', { contentType: 'hl7v2', message: jis }, ctx, 500);
    expect(text(out)).toBe(jis.toString('latin1').replace('WARD1', 'WARD-lab'));
  });
});

describe('failures are permanent, with a transformer code, and never quote the message', () => {
  it.each([
    ['throws.ts', 'TRANSFORM_FAILED', 'threw: Error at line'],
    ['promise.js', 'TRANSFORM_FAILED', 'returned a Promise'],
    ['number.js', 'TRANSFORM_FAILED', 'not an HL7 v2 message'],
    ['undefined.js', 'TRANSFORM_FAILED', 'returned undefined'],
    ['calls-require.js', 'TRANSFORM_FAILED', 'ReferenceError'],
    ['loop.ts', 'TRANSFORM_TIMEOUT', 'exceeded 200 ms'],
  ])('%s → %s', async (module, code, detail) => {
    const err = await failureOf(runner.run(module, v2(), ctx, 200));
    expect([err.name, err.code]).toEqual(['PermanentError', code]);
    expect(err.message).toContain(detail);
    for (const secret of [canary.family, canary.ssn]) expect(err.message).not.toContain(secret);
  });

  it('a module that exhausts its memory fails the message, and the runner carries on', async () => {
    const err = await failureOf(runner.run('memory.js', v2(), ctx, 5000));
    expect(err.code).toMatch(/^TRANSFORM_(FAILED|TIMEOUT)$/);
    expect(text(await runner.run('ward.ts', v2(), ctx, 500))).toContain('WARD-lab');
  });

  it('after a timeout the next call runs normally', async () => {
    await failureOf(runner.run('loop.ts', v2(), ctx, 100));
    expect(text(await runner.run('ward.ts', v2(), ctx, 500))).toContain('WARD-lab');
  });
});

describe('what a module cannot reach', () => {
  it('import() of a built-in never yields the module', async () => {
    expect(await runner.run('dynamic-import.js', { contentType: 'json', value: null }, ctx, 500)).toEqual({ contentType: 'json', value: 'refused' });
  });

  it('no require, process, fetch, timers, console or sockets; no eval, no Function-constructor escape', async () => {
    const out = await runner.run('globals.js', { contentType: 'json', value: null }, ctx, 500);
    expect(out).toEqual({
      contentType: 'json',
      value: { require: 'undefined', process: 'undefined', fetch: 'undefined', setTimeout: 'undefined', console: 'undefined', WebSocket: 'undefined', XMLHttpRequest: 'undefined', evalBlocked: true, escapeBlocked: true },
    });
  });

  it('the caller’s thread keeps running while a module loops', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    try {
      await failureOf(runner.run('loop.ts', v2(), ctx, 400));
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(5);
  });
});

describe('loading (config load)', () => {
  it.each([
    ['imports.ts', 'transformers cannot import modules'],
    ['syntax.ts', "syntax.ts at line 1: ',' expected"],
    ['not-a-function.js', 'must export a function'],
    ['missing.ts', 'not found'],
    ['escape.js', 'resolves outside'],
    ['../x.ts', 'is not a transformer file name'],
  ])('refuses %s', async (module, reason) => {
    const loaded = await runner.load(module, 500);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.reason).toContain(reason);
  });
});
