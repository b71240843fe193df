/**
 * Code transformers: a module under transformers/ (TypeScript or JavaScript) exporting
 * `(message, ctx) => message | null` (null = filter out), run off the caller's thread in a worker
 * thread (code-sandbox.ts), with a time limit per call and no network, file or process access
 * from the module (a guard, see code-sandbox.ts). A throw, a wrong result or a timeout is a
 * PermanentError (TRANSFORM_FAILED / TRANSFORM_TIMEOUT): the message is dead-lettered for that
 * destination only.
 *
 * What the module sees: for HL7 v2 the message text (decoded by MSH-18; segments end with \r),
 * for FHIR the Bundle, for JSON the value; `ctx` = {channelId, messageId, destinationId,
 * controlId?, receivedAt?, contentType}. It returns the same kind (v2 text starting with MSH,
 * a Bundle, any JSON value), or null.
 *
 * TypeScript is transpiled at config load with typescript's transpileModule (a dependency we
 * already pin; pure JavaScript, no platform binary, loaded only when a .ts module is configured);
 * JavaScript ESM is transpiled the same way to the CommonJS shape the sandbox runs.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { PermanentError } from '../errors.js';
import { alternateLabel, decodeMessageBytes, encodeIso2022Jp, encodeText, readMsh18 } from '../hl7/charset.js';
import type { DeliveryContext, Payload } from '../destinations/types.js';
import { sandboxSource } from './code-sandbox.js';
import { resolveInside } from './inside.js';

export const defaults = { timeoutMs: 1000, memoryMb: 64 } as const;

/** A module file name under transformers/: letters, digits, ._- and sub-folders, ending .ts/.js/.mjs/.cjs. */
export const MODULE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*\.(?:ts|mts|cts|js|mjs|cjs)$/;

export const codeStepSchema = z
  .object({
    module: z.string().regex(MODULE_NAME, 'a .ts or .js file name inside transformers/').describe('module file under transformers/, e.g. "lab-fixups.ts"'),
    timeoutMs: z.number().int().min(1).max(60_000).default(defaults.timeoutMs).describe('longest one call may run; past it the message is dead-lettered with TRANSFORM_TIMEOUT'),
  })
  .strict()
  .describe('A code transformer: (message, ctx) => message | null, run in a worker thread without network access');

export type CodeStep = z.output<typeof codeStepSchema>;

export interface CodeRunnerOptions {
  /** The transformers directory. */
  dir: string;
  /** Heap limit of the worker thread. */
  memoryMb?: number;
}

export interface CodeRunner {
  /** Reads, transpiles and loads a module; a reason (file, syntax, shape) when it cannot be used. */
  load(module: string, timeoutMs?: number): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Runs a loaded module on one payload: the new payload, or null (filtered out). */
  run(module: string, payload: Payload, context: Omit<DeliveryContext, 'signal'>, timeoutMs: number): Promise<Payload | null>;
  close(): Promise<void>;
}

interface Reply {
  seq: number;
  ok: boolean;
  output?: string;
  error?: string;
  timeout?: boolean;
}

/** Margin past the vm timeout before the host stops the thread itself (a loop the vm timeout misses). */
const BACKSTOP_MS = 1000;

function moduleFile(dir: string, module: string): { ok: true; file: string } | { ok: false; reason: string } {
  if (!MODULE_NAME.test(module)) return { ok: false, reason: `"${module.slice(0, 60)}" is not a transformer file name (e.g. lab-fixups.ts, inside transformers/)` };
  return resolveInside(dir, module);
}

async function transpile(file: string, module: string): Promise<{ ok: true; code: string } | { ok: false; reason: string }> {
  const source = readFileSync(file, 'utf8');
  const ts = (await import('typescript')).default;
  const result = ts.transpileModule(source, {
    fileName: module,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, sourceMap: false },
  });
  const first = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first !== undefined) {
    const where = first.file !== undefined && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
    const at = where === undefined ? '' : ` at line ${where.line + 1}`;
    return { ok: false, reason: `${module}${at}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}` };
  }
  return { ok: true, code: result.outputText };
}

export function createCodeRunner(options: CodeRunnerOptions): CodeRunner {
  const loaded = new Map<string, { code: string; timeoutMs: number }>();
  let worker: Worker | undefined;
  let seq = 0;
  const replies = new Map<number, (reply: Reply) => void>();
  /** Calls go one at a time (the thread runs one script at a time anyway); FIFO. */
  let tail: Promise<unknown> = Promise.resolve();

  function spawn(): Worker {
    const w = new Worker(sandboxSource, {
      eval: true,
      env: {}, // no secrets in the thread's process.env, even if something escaped the vm
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb ?? defaults.memoryMb, maxYoungGenerationSizeMb: 16 },
    });
    w.on('message', (reply: Reply) => {
      const done = replies.get(reply.seq);
      replies.delete(reply.seq);
      done?.(reply);
    });
    const fail = () => {
      if (worker === w) worker = undefined;
      for (const [key, done] of [...replies]) {
        replies.delete(key);
        done({ seq: key, ok: false, error: 'the transformer thread stopped (memory limit or crash)' });
      }
    };
    w.on('error', fail);
    w.on('exit', fail);
    w.unref();
    return w;
  }

  /** A live worker with every module loaded again (after a timeout killed the last one). */
  async function live(): Promise<Worker> {
    if (worker !== undefined) return worker;
    const w = (worker = spawn());
    for (const [id, { code, timeoutMs }] of loaded) {
      const reply = await send(w, { op: 'load', id, code, timeoutMs }, timeoutMs);
      if (!reply.ok) throw new PermanentError('TRANSFORM_FAILED', `${id}: could not be loaded again (${reply.error ?? 'error'})`);
    }
    return w;
  }

  function send(w: Worker, message: Record<string, unknown>, timeoutMs: number): Promise<Reply> {
    const id = ++seq;
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        replies.delete(id);
        if (worker === w) worker = undefined;
        void w.terminate();
        resolve({ seq: id, ok: false, error: `no answer within ${timeoutMs} ms`, timeout: true });
      }, timeoutMs + BACKSTOP_MS);
      replies.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      w.postMessage({ ...message, seq: id, timeoutMs });
    });
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  }

  return {
    async load(module, timeoutMs = defaults.timeoutMs) {
      const found = moduleFile(options.dir, module);
      if (!found.ok) return found;
      const compiled = await transpile(found.file, module);
      if (!compiled.ok) return compiled;
      return serial(async () => {
        const reply = await send(await live(), { op: 'load', id: module, code: compiled.code }, timeoutMs);
        if (!reply.ok) return { ok: false as const, reason: `${module}: ${reply.error ?? 'cannot be loaded'}${reply.error?.includes('require is not defined') ? ' (transformers cannot import modules)' : ''}` };
        loaded.set(module, { code: compiled.code, timeoutMs });
        return { ok: true as const };
      });
    },

    run(module, payload, context, timeoutMs) {
      if (!loaded.has(module)) return Promise.reject(new PermanentError('TRANSFORM_FAILED', `${module}: not loaded`));
      const input = toInput(payload);
      const ctx = JSON.stringify({ ...context, contentType: payload.contentType });
      return serial(async () => {
        const reply = await send(await live(), { op: 'run', id: module, input, ctx }, timeoutMs);
        if (!reply.ok) {
          if (reply.timeout === true) throw new PermanentError('TRANSFORM_TIMEOUT', `${module}: exceeded ${timeoutMs} ms`);
          throw new PermanentError('TRANSFORM_FAILED', `${module} threw: ${reply.error ?? 'error'}`);
        }
        return fromOutput(module, payload, reply.output);
      });
    },

    async close() {
      const w = worker;
      worker = undefined;
      if (w !== undefined) await w.terminate();
    },
  };
}

/** The payload as the JSON text the sandbox parses: v2 bytes decoded by their MSH-18. */
function toInput(payload: Payload): string {
  switch (payload.contentType) {
    case 'hl7v2':
      return JSON.stringify(decodeMessageBytes(payload.message));
    case 'fhir':
      return JSON.stringify(payload.bundle);
    case 'json':
      return JSON.stringify(payload.value ?? null);
  }
}

function fromOutput(module: string, input: Payload, output: string | undefined): Payload | null {
  const wrong = (what: string) => new PermanentError('TRANSFORM_FAILED', `${module} returned ${what}`);
  if (output === undefined) throw wrong('nothing readable');
  const { value } = JSON.parse(output) as { value: unknown };
  if (value === null) return null;
  if (value === '__undefined__') throw wrong('undefined (return the message, or null to filter it out)');
  switch (input.contentType) {
    case 'hl7v2': {
      if (typeof value !== 'string' || !/^\s*MSH/.test(value)) throw wrong('something that is not an HL7 v2 message (a string starting with MSH)');
      const message = value.replace(/^\s+/, '');
      const head = Buffer.from(message, 'latin1');
      // [R58-W1] MSH-18 alternate sets (`~ISO IR87`): the text goes back to ISO-2022-JP, as it came (charset.ts)
      const bytes = alternateLabel(head) === undefined ? encodeText(message, readMsh18(head)) : encodeIso2022Jp(message);
      if (bytes === undefined) throw wrong('text its MSH-18 character set cannot encode');
      return { contentType: 'hl7v2', message: bytes };
    }
    case 'fhir':
      if (typeof value !== 'object' || Array.isArray(value) || (value as Record<string, unknown>).resourceType !== 'Bundle') throw wrong('something that is not a FHIR Bundle');
      return { contentType: 'fhir', bundle: value as Record<string, unknown> };
    case 'json':
      return { contentType: 'json', value };
  }
}
