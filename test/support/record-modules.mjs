/**
 * `node --import ./test/support/record-modules.mjs …`: appends every ESM specifier the process
 * resolves to the file named by HIG_MODULE_LOG, so a test can check what a command loads.
 */
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (process.env.HIG_MODULE_LOG) appendFileSync(process.env.HIG_MODULE_LOG, specifier + '\\n');
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
