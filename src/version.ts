/**
 * hig's own version, read once from package.json (the same file from src/ under tsx and from
 * dist/ when compiled: both sit one level below the package root).
 */
import { readFileSync } from 'node:fs';

export const HIG_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
