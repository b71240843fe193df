/** Reads and validates every channel file; errors name the file, the field and what was expected. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { channelSchema, type Channel } from './channel.js';
import { ConfigError } from './env.js';
import { checkChains } from '../routing/config.js';
import { checkChannelRouting, type RoutingDirs } from '../routing/channel-routes.js';

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  return `${file}: ${field}: ${issue.message}`;
}

export function parseChannel(file: string, text: string): Channel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = channelSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(describeIssue(file, parsed.error.issues[0]!));
  return Object.freeze(parsed.data);
}

/** Where the files channel files name live; relative to the working directory by default. */
export function routingDirs(dirs: Partial<RoutingDirs> = {}): RoutingDirs {
  return { mappingsDir: dirs.mappingsDir ?? 'mappings', transformersDir: dirs.transformersDir ?? 'transformers' };
}

/**
 * What the schema of one file cannot see: lookup tables and code modules that exist, transforms
 * that fit their destination, a channel filter on HL7 paths only, chains of channels that loop or
 * name no channel. Every problem, each named by file and field, in one ConfigError.
 */
function checkRoutingOf(channels: readonly Channel[], files: readonly string[], dirs: RoutingDirs): void {
  const lines: string[] = [];
  const at = (file: string, path: ReadonlyArray<string | number>, reason: string) => lines.push(`${file}: ${path.map(String).join('.')}: ${reason}`);
  channels.forEach((ch, i) => {
    for (const p of checkChannelRouting(ch, dirs).problems) at(files[i]!, p.path, p.reason);
  });
  for (const { channel, problem } of checkChains(channels)) {
    const i = channels.findIndex((c) => c.id === channel);
    at(files[i] ?? channel, problem.path, problem.reason);
  }
  if (lines.length > 0) throw new ConfigError(lines.join('\n'));
}

/** Channel files are `*.json` directly in dir (not the schema file, not examples/). */
export function loadChannels(dir: string, dirs: Partial<RoutingDirs> = {}): Channel[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'channel.schema.json').sort();
  } catch (err) {
    throw new ConfigError(`channels directory ${dir}: ${(err as Error).message}`);
  }
  const channels = names.map((name) => parseChannel(join(dir, name), readFileSync(join(dir, name), 'utf8')));
  assertUnique(channels, names, dir);
  checkRoutingOf(channels, names.map((n) => join(dir, n)), routingDirs(dirs));
  return channels;
}

function assertUnique(channels: Channel[], names: string[], dir: string): void {
  const ids = new Map<string, string>();
  const ports = new Map<number, string>();
  channels.forEach((ch, i) => {
    const file = join(dir, names[i]!);
    const other = ids.get(ch.id);
    if (other) throw new ConfigError(`${file}: id: "${ch.id}" is already used by ${other}`);
    ids.set(ch.id, file);
    if (ch.source.type === 'mllp' && ch.enabled && ch.source.port !== 0) {
      const taken = ports.get(ch.source.port);
      if (taken) throw new ConfigError(`${file}: source.port: ${ch.source.port} is already used by ${taken}`);
      ports.set(ch.source.port, file);
    }
  });
}
