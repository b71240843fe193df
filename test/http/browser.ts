/** Debian chromium driven by playwright-core (never a downloaded browser); screenshots under test-output/. */
import { join } from 'node:path';
import { ROOT } from '../support/daemon.js';

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  headless: true,
};
export const OUTPUT = join(ROOT, 'test-output');
