/**
 * The program of the code-transformer worker thread. It is started from its source text
 * (`new Worker(source, {eval: true})`) so it runs the same under tsx, vitest and the compiled
 * dist/ without a loader; it must therefore stay self-contained plain JavaScript (no imports, no
 * TypeScript-only syntax: `sandboxSource` is this function's text).
 *
 * Each module runs in its own `vm` context that holds only the JavaScript built-ins: no `require`,
 * no `import()` (no importModuleDynamically), no `process`, `fetch`, timers or `console`, and code
 * generation from strings is off (no `eval`/`Function` inside). Only strings cross into and out of
 * the context (JSON text), so no host object is reachable from it. This is a GUARD against
 * accidents, not a security boundary: Node's documentation says `vm` is not one, and the thread
 * shares the process. The boundaries are the time limit (the vm timeout, and the host terminating
 * the thread) and the memory limit (resourceLimits). docs/routing.md says the same.
 */

/* eslint-disable */
function sandboxMain(): void {
  // Plain JavaScript below: this function's text is the worker program.
  const { parentPort } = require('node:worker_threads');
  const vm = require('node:vm');
  const contexts = new Map();
  // A module's stray rejected promise must not stop the thread (and fail every queued call).
  process.on('unhandledRejection', () => undefined);

  /**
   * What is reported of an error: our own messages ("hig: …"), the vm timeout, or else only the
   * error's name and line: a transformer's message may quote patient data.
   */
  function describe(err: unknown): string {
    if (!err || typeof err !== 'object') return 'a non-Error value was thrown';
    const e = err as { name?: unknown; message?: unknown; stack?: unknown };
    const message = typeof e.message === 'string' ? e.message : '';
    if (message.startsWith('hig: ') || /^Script execution timed out/.test(message)) return message;
    const name = typeof e.name === 'string' && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'Error';
    const line = typeof e.stack === 'string' ? /:(\d+):\d+\)?\s*(?:\n|$)/.exec(e.stack.split('\n').slice(1).join('\n')) : null;
    return line === null ? name : name + ' at line ' + String(Number(line[1]) - 1) + ' of the module';
  }

  parentPort.on('message', (msg: { op: string; id: string; code?: string; input?: string; ctx?: string; timeoutMs: number; seq: number }) => {
    if (msg.op === 'load') {
      try {
        const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
        const prelude =
          // V8 gives every context a console wired to the inspector: message content has no business there.
          'delete globalThis.console; var module = { exports: {} }; var exports = module.exports;\n' +
          msg.code +
          '\n;var __fn = typeof module.exports === "function" ? module.exports : module.exports && module.exports.default;' +
          'if (typeof __fn !== "function") throw new TypeError("hig: the module must export a function (message, ctx) => message | null");' +
          'globalThis.__run = function (input, ctx) {' +
          '  var out = __fn(input, Object.freeze(ctx));' +
          '  if (out !== null && typeof out === "object" && typeof out.then === "function") throw new TypeError("hig: it returned a Promise; transformers are synchronous");' +
          '  return JSON.stringify({ value: out === undefined ? "__undefined__" : out });' +
          '};';
        new vm.Script(prelude, { filename: msg.id }).runInContext(context, { timeout: msg.timeoutMs });
        contexts.set(msg.id, context);
        parentPort.postMessage({ seq: msg.seq, ok: true });
      } catch (err) {
        // Loading runs no message: the module's own error text is safe to show (a config error).
        const e = err as { name?: unknown; message?: unknown };
        const text = String(e && e.name ? e.name : 'Error') + ': ' + String(e && e.message ? e.message : '').slice(0, 300);
        parentPort.postMessage({ seq: msg.seq, ok: false, error: text, timeout: /timed out/.test(text) });
      }
      return;
    }
    const context = contexts.get(msg.id);
    if (context === undefined) return parentPort.postMessage({ seq: msg.seq, ok: false, error: 'module not loaded' });
    try {
      context.__in = msg.input;
      context.__ctx = msg.ctx;
      const output = vm.runInContext('__run(JSON.parse(__in), JSON.parse(__ctx))', context, { timeout: msg.timeoutMs });
      parentPort.postMessage({ seq: msg.seq, ok: true, output: typeof output === 'string' ? output : undefined });
    } catch (err) {
      parentPort.postMessage({ seq: msg.seq, ok: false, error: describe(err), timeout: /timed out/.test(describe(err)) });
    } finally {
      context.__in = undefined;
      context.__ctx = undefined;
    }
  });
}

/** The worker program's source text. */
export const sandboxSource = `(${sandboxMain.toString()})();`;
