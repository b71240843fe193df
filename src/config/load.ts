/**
 * The one configuration loader, used by `hig start` and `hig check-config` alike: the environment
 * and every channel file, validated together. It reports every problem at once, each named by file
 * and field path, and returns a deep-frozen result. Beyond the schemas it checks what start would
 * otherwise find later, one message at a time:
 *  - every secret a channel names (`…Env`) is set, every file it names (`…File`, `…Path`) is readable;
 *  - the data key(s) parse and are strong enough; without one, start needs --dev;
 *  - each channel's `timezone`, and each zone of its `senderTimezones`, is an IANA zone (or ±hh:mm) the converter can use;
 *  - ids and MLLP ports are unique, ids are not reserved (the channel schema);
 *  - cross-field rules: HTTP TLS variables together, synchronous HTTP channels within the idle timeout.
 * Alert webhook secrets stay warnings: start runs without them and says so.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import type { HttpTls } from '../http/server.js';
import type { HttpLimits } from '../http/limits.js';
import { parseKey } from '../security/seal.js';
import { fhirServerName, loopbackSpellings, normalisedBaseUrl } from '../destinations/fhir-server-name.js';
import { isValidTimezone } from '../transform/datatypes/time.js';
import type { Channel } from './channel.js';
import { parseSettings, type Settings } from './env.js';
import { httpLimitsFrom, httpTlsFrom, syncTimeoutProblem } from './http.js';
import { readChannels } from './load-channels.js';
import { type ConfigProblem, ConfigProblems, ENVIRONMENT } from './problems.js';

export interface LoadConfigOptions {
  /** where settings and secret references are read; default process.env */
  env?: NodeJS.ProcessEnv;
  /** already parsed settings (tests, library use); default: parsed from env */
  settings?: Settings;
  /** default: HIG_CHANNELS_DIR */
  channelsDir?: string;
  /** `--dev`: no DATA_ENCRYPTION_KEY needed (a development key file is used) */
  allowDevKey?: boolean;
  /**
   * Channels already read and validated by the main thread (a worker thread gets the set the daemon
   * applied): checked by the same rules, the directory is not read again — by the time a thread
   * starts, the files may hold a newer version the daemon refused.
   */
  channels?: readonly Channel[];
}

export interface HigConfig {
  settings: Settings;
  /** every channel file's channel, enabled or not */
  channels: readonly Channel[];
  /** channel id → the file it came from */
  files: Readonly<Record<string, string>>;
  httpTls: HttpTls | undefined;
  httpLimits: HttpLimits;
  /** what start runs without but logs (alert webhooks whose secrets are missing) */
  warnings: readonly ConfigProblem[];
}

export function loadConfig(options: LoadConfigOptions = {}): HigConfig {
  const env = options.env ?? process.env;
  const parsed = options.settings ? { settings: options.settings, problems: [] } : parseSettings(env);
  // Without valid settings the channel directory may be unknown; report the environment alone.
  if (!parsed.settings) throw new ConfigProblems(parsed.problems.map((p) => ({ file: ENVIRONMENT, path: p.key, reason: `environment variable ${p.key}: ${p.reason}` })));
  const settings = parsed.settings;
  const problems: ConfigProblem[] = [...keyProblems(settings, (options.allowDevKey ?? false) || settings.HIG_DEV_MODE), ...httpTlsProblems(settings)];
  const warnings: ConfigProblem[] = [];
  const read = options.channels
    ? { channels: options.channels.map((channel) => ({ channel, file: `channel ${channel.id}` })), problems: [] }
    : readChannels(options.channelsDir ?? settings.HIG_CHANNELS_DIR, { mappingsDir: settings.HIG_MAPPINGS_DIR, transformersDir: settings.HIG_TRANSFORMERS_DIR });
  problems.push(...read.problems);
  for (const { channel, file } of read.channels) {
    if (!isValidTimezone(channel.timezone)) problems.push({ file, path: 'timezone', reason: `"${channel.timezone}" is not an IANA time zone (e.g. Europe/Amsterdam) or ±hh:mm offset` });
    // [review 42 R42-W1] each sender's zone, named by its key (a sending facility or application, no patient)
    for (const [key, zone] of Object.entries(channel.senderTimezones)) {
      if (!isValidTimezone(zone)) problems.push({ file, path: `senderTimezones.${key}`, reason: `"${zone}" is not an IANA time zone (e.g. America/Denver) or ±hh:mm offset` });
    }
    const sync = syncTimeoutProblem(settings, channel);
    if (sync) problems.push({ file, path: 'source.syncTimeoutMs', reason: sync });
    // A disabled channel starts nothing, so its secrets may be absent (as start treats it).
    if (!channel.enabled) continue;
    const asWritten = fieldNamer(file);
    for (const ref of references(channel)) {
      const problem = ref.kind === 'env' ? envProblem(env, ref.value) : fileProblem(ref.value);
      if (problem) (ref.path.startsWith('alerts.') ? warnings : problems).push({ file, path: asWritten(ref.path), reason: problem });
    }
  }
  if (problems.length) throw new ConfigProblems(problems);
  warnings.push(...fhirServerSpellings(read.channels));
  const channels = read.channels.map((c) => c.channel);
  return deepFreeze({
    settings,
    channels,
    files: Object.fromEntries(read.channels.map((c) => [c.channel.id, c.file])),
    httpTls: httpTlsFrom(settings),
    httpLimits: httpLimitsFrom(settings, channels),
    warnings,
  });
}

/**
 * [code review 27 CR27-3] Two `fhir` destinations of enabled channels that may deliver to one server under two names,
 * so two linked-patient sets (destinations/fhir-server-name.ts): a merge sent by one is unknown to the other, whose
 * next Patient PUT erases its link. Told when their names differ: the same base URL (normalised) with another `serverId` or none, and base URLs
 * that differ only in a loopback host spelling (`localhost`, `127.0.0.1`, `::1`). Other host pairs are not told:
 * whether two names are one machine only DNS and the network know.
 */
function fhirServerSpellings(channels: readonly { channel: Channel; file: string }[]): ConfigProblem[] {
  const fhir = channels.filter((c) => c.channel.enabled).flatMap(({ channel, file }) => {
    const asWritten = fieldNamer(file);
    return channel.destinations.flatMap((d, i) => (d.type === 'fhir' ? [{ file, path: asWritten(`destinations.${i}.baseUrl`), baseUrl: d.baseUrl, name: fhirServerName(d) }] : []));
  });
  const out: ConfigProblem[] = [];
  for (const [i, a] of fhir.entries()) {
    for (const b of fhir.slice(i + 1)) {
      if (a.name === b.name) continue;
      const sameUrl = normalisedBaseUrl(a.baseUrl) === normalisedBaseUrl(b.baseUrl);
      if (!sameUrl && !loopbackSpellings(a.baseUrl, b.baseUrl)) continue;
      const why = sameUrl ? 'the same FHIR server under another serverId' : 'may be the same FHIR server (a loopback host spelt two ways)';
      out.push({ file: a.file, path: a.path, reason: `${why} as ${b.file} ${b.path}: the Patient links hig keeps are kept per name, so a merge one sends can be erased by the other's next Patient PUT; write one base URL or give both the same serverId (docs/destinations.md)` });
    }
  }
  return out;
}

function keyProblems(settings: Settings, allowDevKey: boolean): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const check = (text: string, label: string, path: string) => {
    try {
      parseKey(text, label);
    } catch (err) {
      out.push({ file: ENVIRONMENT, path, reason: (err as Error).message });
    }
  };
  if (settings.DATA_ENCRYPTION_KEY) check(settings.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY', 'DATA_ENCRYPTION_KEY');
  else if (!allowDevKey) out.push({ file: ENVIRONMENT, path: 'DATA_ENCRYPTION_KEY', reason: 'DATA_ENCRYPTION_KEY is not set (32 bytes, hex or base64; e.g. `openssl rand -hex 32`); only --dev runs without one' });
  (settings.DATA_ENCRYPTION_KEYS_OLD ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .forEach((k, i) => check(k, `DATA_ENCRYPTION_KEYS_OLD[${i}]`, `DATA_ENCRYPTION_KEYS_OLD[${i}]`));
  return out;
}

function httpTlsProblems(settings: Settings): ConfigProblem[] {
  const files = (['HIG_HTTP_TLS_CERT_FILE', 'HIG_HTTP_TLS_KEY_FILE', 'HIG_HTTP_TLS_CA_FILE'] as const).flatMap((key) => {
    const value = settings[key];
    const problem = value === undefined ? undefined : fileProblem(value);
    return problem ? [{ file: ENVIRONMENT, path: key, reason: `${key}: ${problem}` }] : [];
  });
  if (files.length) return files;
  try {
    httpTlsFrom(settings);
    return [];
  } catch (err) {
    return [{ file: ENVIRONMENT, path: 'HIG_HTTP_TLS_*', reason: (err as Error).message }];
  }
}

interface Reference {
  kind: 'env' | 'file';
  path: string;
  value: string;
}

/**
 * The secrets and files a channel names, found by field name so destination and source types added
 * later are covered without a list here: `…Env` names an environment variable (a map of them for
 * headers), `…File` / `…Path` a file.
 */
export function references(value: unknown, path: string[] = []): Reference[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => references(v, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]): Reference[] => {
    const at = [...path, key];
    if (/Env$/.test(key) && typeof v === 'string') return [{ kind: 'env', path: at.join('.'), value: v }];
    if (/Env$/.test(key) && v !== null && typeof v === 'object') {
      return Object.entries(v).flatMap(([k, name]) => (typeof name === 'string' ? [{ kind: 'env' as const, path: [...at, k].join('.'), value: name }] : []));
    }
    if (/(File|Path)$/.test(key) && typeof v === 'string') return [{ kind: 'file', path: at.join('.'), value: v }];
    return references(v, at);
  });
}

function envProblem(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? `environment variable ${name} is not set` : undefined;
}

function fileProblem(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return `${file} is not a file`;
    accessSync(file, constants.R_OK);
    return undefined;
  } catch (err) {
    return `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/** Frozen all the way down (byte buffers excepted: typed arrays cannot be frozen). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Object.isFrozen(value)) {
    if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) for (const v of Object.values(value)) deepFreeze(v);
    return value;
  }
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/**
 * A legacy single `destination` block is read as `destinations[0]`; a problem in it is named as the
 * file wrote it (`destination.auth.tokenEnv`), so the operator finds the field.
 */
function fieldNamer(file: string): (path: string) => string {
  let legacy = false;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    legacy = raw.destination !== undefined && raw.destinations === undefined;
  } catch {
    // The file parsed a moment ago; if it cannot be read now, keep the path as the loader has it.
  }
  return (path) => (legacy && path.startsWith('destinations.0.') ? `destination.${path.slice('destinations.0.'.length)}` : path);
}
