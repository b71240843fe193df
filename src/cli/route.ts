/**
 * `hig route FILE --channel C [--json] [--channels DIR]`: the dry run. For each message in FILE,
 * the channel filter's verdict, then per destination: filtered or not (by which rule or module),
 * or the exact output it would be sent (v2 after edits, or the Bundle after FHIR edits) — the same
 * compiled routes the worker runs (routing/channel-routes.ts), without sending anything.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Channel } from '../config/channel.js';
import { splitBatchBytes } from '../hl7/batch.js';
import { readHeader } from '../hl7/header.js';
import { messageIdFor } from '../queue/jobs.js';
import { checkChannelRouting, compileChannelRoutes, type RoutingDirs } from '../routing/channel-routes.js';
import { codeStepsOf } from '../routing/config.js';
import type { CodeRunner } from '../routing/code.js';
import type { RouteInput } from '../routing/route.js';
import type { Payload } from '../destinations/types.js';
import { decodeMessageBytes } from '../hl7/charset.js';

export const ROUTE_USAGE = `route FILE --channel C [--json] [--channels DIR]   dry run: per destination, filtered or not (and why) and the output it would get`;

export class RouteUsageError extends Error {
  override name = 'RouteUsageError';
}

export interface DestinationDryRun {
  id: string;
  type: string;
  decision: 'deliver' | 'filtered' | 'nothing' | 'error';
  filtered?: { by: 'filter' | 'code'; decidedBy?: string; rule?: unknown; module?: string };
  contentType?: Payload['contentType'];
  /** v2 as text (segments end with \r), the Bundle or the JSON value */
  output?: unknown;
  /** error code and reason (no content) */
  error?: string;
}

export interface MessageDryRun {
  controlId?: string;
  messageType?: string;
  /** the channel filter took the message out: no destination sees it */
  filtered?: { by: 'filter'; decidedBy: string; rule: unknown };
  destinations: DestinationDryRun[];
}

export interface DryRunDeps {
  dirs: RoutingDirs;
  code?: CodeRunner;
  convert(message: Buffer): { bundle: Record<string, unknown> };
}

function outputOf(payload: Payload): unknown {
  if (payload.contentType === 'hl7v2') return decodeMessageBytes(payload.message);
  return payload.contentType === 'fhir' ? payload.bundle : payload.value;
}

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code && !String(e.message).startsWith(e.code) ? `${e.code}: ${e.message ?? ''}` : String(e.message ?? err);
}

/** The dry run of one message through one channel. */
export async function dryRun(channel: Channel, message: Buffer, deps: DryRunDeps): Promise<MessageDryRun> {
  const { tables } = checkChannelRouting(channel, deps.dirs);
  const routes = compileChannelRoutes(channel, { tables, ...(deps.code ? { code: deps.code } : {}) });
  const header = readHeader(message);
  const facts = header.ok ? { controlId: header.header.controlId, messageType: `${header.header.messageCode}^${header.header.triggerEvent}` } : {};
  const input: { -readonly [K in keyof RouteInput]: RouteInput[K] } = { v2: message };
  const filtered = routes.filter?.(input);
  if (filtered) return { ...facts, filtered, destinations: [] };
  let conversionError: string | undefined;
  if (routes.needsFhir) {
    try {
      input.bundle = deps.convert(message).bundle;
    } catch (err) {
      conversionError = errorText(err);
    }
  }
  // The message id intake would give it, so a renewed MSH-10 is the one the real run sends.
  const messageId = header.ok ? messageIdFor(channel.id, `${header.header.sendingApplication}|${header.header.sendingFacility}`, header.header.controlId) : `${channel.id}.dry-run`;
  const destinations: DestinationDryRun[] = [];
  for (const [i, route] of routes.routes.entries()) {
    const d = channel.destinations[i]!;
    const base = { id: d.id, type: d.type };
    if (route.needsFhir && conversionError !== undefined) {
      destinations.push({ ...base, decision: 'error', error: conversionError });
      continue;
    }
    try {
      const decision = await route.decide(input, { channelId: channel.id, messageId, destinationId: d.id, ...(header.ok ? { controlId: header.header.controlId } : {}), receivedAt: new Date().toISOString() });
      if (decision.kind === 'filtered') {
        destinations.push({ ...base, decision: 'filtered', filtered: decision.by === 'filter' ? { by: 'filter', decidedBy: decision.decidedBy, rule: decision.rule } : { by: 'code', module: decision.module } });
      } else if (decision.kind === 'nothing') destinations.push({ ...base, decision: 'nothing' });
      else destinations.push({ ...base, decision: 'deliver', contentType: decision.payload.contentType, output: outputOf(decision.payload) });
    } catch (err) {
      destinations.push({ ...base, decision: 'error', error: errorText(err) });
    }
  }
  return { ...facts, destinations };
}

/** Human-readable form: one block per destination. */
export function formatDryRun(channelId: string, runs: readonly MessageDryRun[]): string {
  const lines: string[] = [];
  runs.forEach((run, n) => {
    lines.push(`message ${n + 1}${run.controlId ? ` (MSH-10 ${run.controlId}, ${run.messageType})` : ''} on channel ${channelId}`);
    if (run.filtered) {
      lines.push(`  filtered by the channel filter at ${run.filtered.decidedBy || '/'}: ${JSON.stringify(run.filtered.rule)}`);
      return;
    }
    for (const d of run.destinations) {
      if (d.decision === 'filtered') {
        const why = d.filtered!.by === 'code' ? `code module ${d.filtered!.module} returned null` : `filter rule at ${d.filtered!.decidedBy || '/'}: ${JSON.stringify(d.filtered!.rule)}`;
        lines.push(`  ${d.id} (${d.type}): filtered — ${why}`);
      } else if (d.decision === 'nothing') lines.push(`  ${d.id} (${d.type}): nothing to send`);
      else if (d.decision === 'error') lines.push(`  ${d.id} (${d.type}): error — ${d.error}`);
      else {
        lines.push(`  ${d.id} (${d.type}): would send ${d.contentType}`);
        const text = typeof d.output === 'string' ? d.output.replace(/\r(?!\n)/g, '\n') : JSON.stringify(d.output, null, 2);
        for (const l of text.replace(/\n$/, '').split('\n')) lines.push(`    ${l}`);
      }
    }
  });
  return lines.join('\n') + '\n';
}

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
  const options = { timezone: channel.timezone, namespaceMap: channel.conversion.namespaceMap, conditionalUpdate: channel.conversion.conditionalUpdate, omittedFields: channel.conversion.omittedFields };
  try {
    const runs: MessageDryRun[] = [];
    for (const m of messages) runs.push(await dryRun(channel, m, { dirs, ...(code ? { code } : {}), convert: (msg) => convertHl7v2(msg, options) }));
    io.out(values.json ? JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2) + '\n' : formatDryRun(channel.id, runs));
  } finally {
    await code?.close();
  }
}
