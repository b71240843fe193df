#!/usr/bin/env node
// Runs the compiled CLI (npm ci builds it through the prepare script).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('hig: dist/ is missing; run `npm run build` (npm ci does it automatically)\n');
  process.exit(1);
}
await import(compiled.href);
