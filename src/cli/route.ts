/**
 * `hig route FILE --channel C [--json] [--channels DIR]`: the dry run. For each message in FILE,
 * the channel filter's verdict, then per destination: filtered or not (by which rule or module),
 * or the exact output it would be sent (v2 after edits, or the Bundle after FHIR edits) — the same
 * compiled routes the worker runs (routing/channel-routes.ts), without sending anything.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { splitBatchBytes } from '../hl7/batch.js';
import { codeStepsOf } from '../routing/config.js';
import type { CodeRunner } from '../routing/code.js';
import { dryRun, formatDryRun, type MessageDryRun } from '../routing/dry-run.js';

export const ROUTE_USAGE = `route FILE --channel C [--json] [--channels DIR]   dry run: per destination, filtered or not (and why) and the output it would get`;

export class RouteUsageError extends Error {
  override name = 'RouteUsageError';
}

export { dryRun, formatDryRun, type DestinationDryRun, type DryRunDeps, type MessageDryRun } from '../routing/dry-run.js';

export async function cmdRoute(args: string[], io: { out(text: string): void }, settings: { HIG_CHANNELS_DIR: string; HIG_MAPPINGS_DIR: string; HIG_TRANSFORMERS_DIR: string }): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { channel: { type: 'string' }, json: { type: 'boolean', default: false }, channels: { type: 'string' } } });
  if (positionals.length !== 1 || !values.channel) throw new RouteUsageError('route needs one FILE and --channel C');
  const dirs = { mappingsDir: settings.HIG_MAPPINGS_DIR, transformersDir: settings.HIG_TRANSFORMERS_DIR };
  const { loadChannels } = await import('../config/load-channels.js');
  const channel = loadChannels(values.channels ?? settings.HIG_CHANNELS_DIR, dirs).find((c) => c.id === values.channel);
  if (!channel) throw new RouteUsageError(`no channel "${values.channel}" in ${values.channels ?? settings.HIG_CHANNELS_DIR}`);
  const bytes = positionals[0] === '-' ? readFileSync(0) : readFileSync(positionals[0]!);
  const messages = splitBatchBytes(bytes)
    .map((m) => m.bytes)
    .filter((m) => m.subarray(0, 3).toString('latin1') === 'MSH');
  if (messages.length === 0) throw new RouteUsageError(`${positionals[0]}: no HL7 v2 message (MSH) in it`);
  const steps = codeStepsOf(channel.destinations);
  let code: CodeRunner | undefined;
  if (steps.length > 0) {
    const { createCodeRunner } = await import('../routing/code.js');
    code = createCodeRunner({ dir: dirs.transformersDir });
    for (const { step } of steps) {
      const loaded = await code.load(step.module, step.timeoutMs);
      if (!loaded.ok) throw new RouteUsageError(loaded.reason);
    }
  }
  const { convertHl7v2 } = await import('../transform/index.js');
  const { conversionOptions } = await import('../config/channel.js');
  const options = conversionOptions(channel);
  try {
    const runs: MessageDryRun[] = [];
    for (const m of messages) runs.push(await dryRun(channel, m, { dirs, ...(code ? { code } : {}), convert: (msg) => convertHl7v2(msg, options) }));
    io.out(values.json ? JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2) + '\n' : formatDryRun(channel.id, runs));
  } finally {
    await code?.close();
  }
}
