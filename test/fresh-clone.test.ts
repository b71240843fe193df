/**
 * The documented commands answer at once in a fresh clone: after `npm ci` (whose prepare script
 * builds dist/), `node bin/hig.js` and `npm run -s hig --` start the compiled CLI with nothing to
 * download; the README documents those, not `npx hig` (which installs a copy of the project into
 * npx's cache first). The clone shares this checkout's node_modules: what is tested is the clone's
 * own build and commands, not the package download.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'hig-clone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fresh clone', () => {
  it('README commands use the local bin; the clone builds and answers hig --version and --help without downloading', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.match(/^\s*npx hig /gm)).toBeNull();
    expect(readme).toContain('node bin/hig.js convert');

    const clone = join(dir, 'hig');
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { stdio: 'ignore' });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    // what `npm ci` runs after installing
    execFileSync('npm', ['run', '--silent', 'prepare'], { cwd: clone, stdio: 'ignore', timeout: 900_000 });

    const env = { PATH: process.env.PATH ?? '', HOME: dir, npm_config_offline: 'true' };
    const version = (JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { version: string }).version;
    const direct = spawnSync(process.execPath, ['bin/hig.js', '--version'], { cwd: clone, env, encoding: 'utf8' });
    expect(direct.status).toBe(0);
    expect(direct.stdout.trim()).toBe(version);
    // offline: an npm that wanted to fetch anything would fail here
    const script = spawnSync('npm', ['run', '-s', 'hig', '--', '--help'], { cwd: clone, env, encoding: 'utf8', timeout: 120_000 });
    expect(script.status).toBe(0);
    expect(script.stdout).toMatch(/^Usage: hig /);
    const convert = spawnSync(process.execPath, ['bin/hig.js', 'convert', 'samples/adt_a01.hl7'], { cwd: clone, env, encoding: 'utf8', timeout: 120_000 });
    expect(convert.status).toBe(0);
    expect((JSON.parse(convert.stdout) as { resourceType: string }).resourceType).toBe('Bundle');
  }, 1_200_000);
});
