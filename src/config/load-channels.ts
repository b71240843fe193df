/** Reads and validates every channel file; errors name the file, the field and what was expected. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { channelSchema, type Channel } from './channel.js';
import { ConfigError } from './env.js';

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

/** Channel files are `*.json` directly in dir (not the schema file, not examples/). */
export function loadChannels(dir: string): Channel[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'channel.schema.json').sort();
  } catch (err) {
    throw new ConfigError(`channels directory ${dir}: ${(err as Error).message}`);
  }
  const channels = names.map((name) => parseChannel(join(dir, name), readFileSync(join(dir, name), 'utf8')));
  assertUnique(channels, names, dir);
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
