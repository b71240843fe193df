/**
 * vitest globalSetup: brings dist/ up to date before any test spawns the compiled CLI, so a test
 * never runs yesterday's build. Incremental (dist/.tsbuildinfo): a no-change run costs a few
 * seconds; a type error in src/ fails the suite here with tsc's own message.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
