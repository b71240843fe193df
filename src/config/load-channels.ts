/** Reads and validates every channel file; errors name the file, the field and what was expected. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { channelSchema, type Channel } from './channel.js';
import { ConfigError } from './env.js';
import { type ConfigProblem, ConfigProblems } from './problems.js';
import { checkChains } from '../routing/config.js';
import { checkChannelRouting, type RoutingDirs } from '../routing/channel-routes.js';

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  return `${file}: ${field}: ${issue.message}`;
}

/** A channel file's every problem (invalid JSON, or each schema issue), or the channel. */
export function checkChannel(file: string, text: string): { channel: Channel; problems: [] } | { channel?: undefined; problems: ConfigProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { problems: [{ file, path: '(top level)', reason: `not valid JSON (${(err as Error).message})` }] };
  }
  const parsed = channelSchema.safeParse(json);
  if (parsed.success) return { channel: Object.freeze(parsed.data), problems: [] };
  return { problems: parsed.error.issues.map((issue) => ({ file, path: issue.path.length ? issue.path.map(String).join('.') : '(top level)', reason: issue.message })) };
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

/** Channel files are `*.json` directly in dir (not the schema file, not examples/). */
export function channelFileNames(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    return readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'channel.schema.json').sort();
  } catch (err) {
    throw new ConfigError(`channels directory ${dir}: ${(err as Error).message}`);
  }
}

/** Every channel file of dir, each with the file it came from, and every problem of every file. */
export function readChannels(dir: string, dirs: Partial<RoutingDirs> = {}): { channels: Array<{ channel: Channel; file: string }>; problems: ConfigProblem[] } {
  const channels: Array<{ channel: Channel; file: string }> = [];
  const problems: ConfigProblem[] = [];
  for (const name of channelFileNames(dir)) {
    const file = join(dir, name);
    const checked = checkChannel(file, readFileSync(file, 'utf8'));
    if (checked.channel) channels.push({ channel: checked.channel, file });
    else problems.push(...checked.problems);
  }
  problems.push(...uniquenessProblems(channels));
  problems.push(...routingProblems(channels, routingDirs(dirs)));
  return { channels, problems };
}

/** Where the files channel files name live; relative to the working directory by default. */
export function routingDirs(dirs: Partial<RoutingDirs> = {}): RoutingDirs {
  return { mappingsDir: dirs.mappingsDir ?? 'mappings', transformersDir: dirs.transformersDir ?? 'transformers' };
}

/**
 * What the schema of one file cannot see: lookup tables and code modules that exist, transforms
 * that fit their destination, a channel filter on HL7 paths only, chains of channels that loop or
 * name no channel. Each problem named by file and field.
 */
function routingProblems(channels: ReadonlyArray<{ channel: Channel; file: string }>, dirs: RoutingDirs): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { channel, file } of channels) {
    for (const p of checkChannelRouting(channel, dirs).problems) problems.push({ file, path: p.path.map(String).join('.'), reason: p.reason });
  }
  const all = channels.map((c) => c.channel);
  for (const { channel, problem } of checkChains(all)) {
    const file = channels.find((c) => c.channel.id === channel)?.file ?? channel;
    problems.push({ file, path: problem.path.map(String).join('.'), reason: problem.reason });
  }
  return problems;
}

/** The channels of dir; a ConfigError naming every problem of every file. */
export function loadChannels(dir: string, dirs: Partial<RoutingDirs> = {}): Channel[] {
  const { channels, problems } = readChannels(dir, dirs);
  if (problems.length) throw new ConfigProblems(problems);
  return channels.map((c) => c.channel);
}

function uniquenessProblems(channels: ReadonlyArray<{ channel: Channel; file: string }>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = new Map<string, string>();
  const ports = new Map<number, string>();
  for (const { channel: ch, file } of channels) {
    const other = ids.get(ch.id);
    if (other) problems.push({ file, path: 'id', reason: `"${ch.id}" is already used by ${other}` });
    else ids.set(ch.id, file);
    if (ch.source.type === 'mllp' && ch.enabled && ch.source.port !== 0) {
      const taken = ports.get(ch.source.port);
      if (taken) problems.push({ file, path: 'source.port', reason: `${ch.source.port} is already used by ${taken}` });
      else ports.set(ch.source.port, file);
    }
  }
  return problems;
}
