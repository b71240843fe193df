/**
 * Command-line options of a bench script: node's parseArgs, but a wrong option is one readable
 * line and exit code 2, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function benchArgs<T extends ParseArgsConfig>(bench: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const known = Object.keys(config.options ?? {}).map((o) => `--${o}`).join(' ');
    console.error(`bench/${bench}: ${(err as Error).message.split('\n')[0]} (options: ${known})`);
    process.exit(2);
  }
}

/**
 * Options that take numbers (or comma-separated lists of them, like --conns 1,8,32): each must be
 * a finite number ≥ 0, otherwise one line and exit 2 (a NaN would run and print NaN figures).
 */
export function requireNumbers(bench: string, values: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    const value = values[name];
    if (value === undefined) continue;
    const parts = String(value).split(',');
    if (parts.some((p) => p.trim() === '' || !Number.isFinite(Number(p)) || Number(p) < 0)) {
      console.error(`bench/${bench}: --${name} takes numbers ≥ 0 (comma-separated where a list is allowed), got ${JSON.stringify(value)}`);
      process.exit(2);
    }
  }
}
