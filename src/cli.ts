#!/usr/bin/env node
/**
 * The `hig` command: a thin wrapper over the same functions the daemon and tests use.
 * Every failure ends with one readable line on stderr and a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Counts } from './queue/status.js';
import type { Gateway } from './index.js';
import type { FailedFilter } from './queue/dlq.js';
import { CONVERT_USAGE } from './cli/convert.js';
import { MESSAGES_USAGE } from './cli/messages.js';
import { USERS_USAGE } from './cli/users.js';

// Commands import what they use when they run: `hig convert` must not pay for Redis, queues,
// logging and config it never touches (one message ≤ 1 s, start-up included).
const loadSettings = async (): Promise<import('./config/env.js').Settings> => (await import('./config/env.js')).loadSettings();

const USAGE = `usage: hig <command> [options]
  start [--channels DIR] [--dev]        run the daemon (sources, workers, HTTP)
  worker [--channels DIR] [--dev]       run workers only
  send FILE --host H --port P [--tls] [--ca F --cert F --key F]   MLLP-send each message, print each MSA line
  ${CONVERT_USAGE}
  status MESSAGE_ID | --file F --channel C   a job's status
  dlq list CHANNEL [--limit N] [--json] [--reason R] [--event E] [--since T] [--until T]
  dlq replay CHANNEL (--id ID… | --all | filters) [--rate N] [--dry-run] [--who NAME]
  apikey create --client N [--name T] [--label T] [--file F] | list [--json] | revoke KEYID
  rotate-keys (CHANNEL… | --all)        re-seal queued, failed and completed jobs under DATA_ENCRYPTION_KEY
  stats [--json]                        queue counts per channel and health
  check-config [--channels DIR]         validate environment and channel files
  ${MESSAGES_USAGE}
  ${USERS_USAGE}`;

class UsageError extends Error {}

function fail(message: string, code = 1): never {
  process.stderr.write(`hig: ${message}\n`);
  process.exit(code);
}

async function cmdStart(args: string[], workersOnly: boolean): Promise<void> {
  const { values } = parseArgs({ args, options: { channels: { type: 'string' }, dev: { type: 'boolean', default: false } } });
  const settings = await loadSettings();
  const { createLogger } = await import('./log.js');
  const log = createLogger({ level: settings.LOG_LEVEL });
  const { startDaemon } = await import('./daemon.js');
  const separateWorkers = !workersOnly && settings.HIG_WORKER_PROCESSES > 0;
  const daemon = await startDaemon({
    settings,
    channelsDir: values.channels ?? settings.HIG_CHANNELS_DIR,
    log,
    intake: !workersOnly,
    workers: !separateWorkers,
    allowDevKey: values.dev === true || settings.HIG_DEV_MODE,
  });
  const { startWorkerProcesses, exitWithParent } = await import('./worker-processes.js');
  const pool = separateWorkers ? startWorkerProcesses(settings.HIG_WORKER_PROCESSES, args, log) : undefined;
  exitWithParent(() => stop('parent exited'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: intake stops, in-flight jobs finish');
    const force = setTimeout(() => {
      log.error('shutdown timed out after 30 s; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    Promise.all([daemon.close(), pool?.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function cmdSend(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      tls: { type: 'boolean', default: false },
      ca: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      timeout: { type: 'string', default: '10000' },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('send needs a FILE');
  const port = Number(values.port);
  if (!values.port || !/^\d+$/.test(values.port) || port < 1 || port > 65535) throw new UsageError('send needs --port 1-65535');
  const bytes = readFileSync(file === '-' ? 0 : file);
  const { splitBatchBytes } = await import('./hl7/batch.js');
  const { connectMllp } = await import('./hl7/mllp-client.js');
  const messages = splitBatchBytes(bytes);
  if (messages.length === 0) fail(`${file}: no HL7 messages found`);
  const client = await connectMllp({
    host: values.host!,
    port,
    timeoutMs: Number(values.timeout),
    ...(values.tls
      ? {
          tls: {
            ...(values.ca ? { ca: readFileSync(values.ca) } : {}),
            ...(values.cert ? { cert: readFileSync(values.cert) } : {}),
            ...(values.key ? { key: readFileSync(values.key) } : {}),
            servername: values.host!,
          },
        }
      : {}),
  });
  let negative = 0;
  try {
    for (const m of messages) {
      const ack = (await client.send(m.bytes)).toString('latin1');
      const msa = ack.split(/\r\n|\r|\n/).find((s) => s.startsWith('MSA')) ?? '(no MSA segment in reply)';
      if (!/^MSA.(AA|CA)/.test(msa)) negative++;
      process.stdout.write(msa + '\n');
    }
  } finally {
    client.close();
  }
  if (negative > 0) process.exitCode = 2;
}

async function cmdCheckConfig(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { channels: { type: 'string' } } });
  const settings = await loadSettings();
  const dir = values.channels ?? settings.HIG_CHANNELS_DIR;
  const { loadChannels } = await import('./config/load-channels.js');
  const channels = loadChannels(dir);
  // The cross-checks start makes between the environment and the channel files.
  const { httpLimitsFrom } = await import('./daemon.js');
  httpLimitsFrom(settings, channels);
  process.stdout.write(`ok: ${channels.length} channel(s) in ${dir}: ${channels.map((c) => c.id).join(', ')}\n`);
}

async function withGateway<T>(channelsDir: string | undefined, fn: (gw: Gateway) => Promise<T>): Promise<T> {
  const { createGateway } = await import('./index.js');
  const settings = await loadSettings();
  const gw = await createGateway({ settings, channelsDir: channelsDir ?? settings.HIG_CHANNELS_DIR }).catch((err: Error) => {
    if (err.name === 'ConfigError' || err.name === 'KeyError') throw err;
    fail('no Redis answers at the configured REDIS_URL');
  });
  try {
    return await fn(gw);
  } finally {
    await gw.close();
  }
}

async function cmdStats(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, channels: { type: 'string' } } });
  const stats = await withGateway(values.channels, (gw) => gw.getQueueStats());
  if (values.json) return void process.stdout.write(JSON.stringify(stats, null, 2) + '\n');
  const line = (id: string, c: Counts & { health: string; duplicates?: number; conflicts?: number }) =>
    `${id}: active ${c.active}, waiting ${c.waiting}, completed ${c.completed}, failed ${c.failed}, delayed ${c.delayed}, ` +
    `resends ${c.duplicates ?? 0}, id conflicts ${c.conflicts ?? 0} (${c.health})\n`;
  for (const [id, c] of Object.entries(stats.channels)) process.stdout.write(line(id, c));
  process.stdout.write(line('total', stats));
}

function dateOption(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} expects an ISO date/time, got "${value}"`);
  return d;
}

const filterOptions = {
  reason: { type: 'string' },
  event: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  channels: { type: 'string' },
} as const;

function filterFrom(values: { reason?: string; event?: string; since?: string; until?: string }): FailedFilter | undefined {
  const since = dateOption(values.since, 'since');
  const until = dateOption(values.until, 'until');
  const f: FailedFilter = {
    ...(values.reason ? { reason: values.reason } : {}),
    ...(values.event ? { event: values.event } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
  };
  return Object.keys(f).length ? f : undefined;
}

/** `hig dlq list CHANNEL` / `hig dlq replay CHANNEL (--id ID… | --all | filters)` */
async function cmdDlq(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...filterOptions, limit: { type: 'string', default: '50' }, json: { type: 'boolean', default: false } } });
    const channel = positionals[0];
    if (!channel) throw new UsageError('dlq list needs a CHANNEL');
    if (!/^\d+$/.test(values.limit!)) throw new UsageError('--limit expects a whole number');
    const filter = filterFrom(values);
    const jobs = await withGateway(values.channels, (gw) => gw.listFailed(channel, { limit: Number(values.limit), ...(filter ? { filter } : {}) }));
    if (values.json) return void process.stdout.write(JSON.stringify(jobs, null, 2) + '\n');
    if (jobs.length === 0) return void process.stdout.write(`${channel}: dead-letter queue is empty\n`);
    for (const j of jobs) {
      process.stdout.write(`${j.failedAt.toISOString()}  ${j.id}  ${j.eventType ?? '-'}  ${j.controlId ?? '-'}  attempts=${j.attempts}  ${j.failedReason}\n`);
    }
    return;
  }
  if (sub === 'replay') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { ...filterOptions, id: { type: 'string', multiple: true }, all: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false }, rate: { type: 'string', default: '50' }, who: { type: 'string' } },
    });
    const channel = positionals[0];
    if (!channel) throw new UsageError('dlq replay needs a CHANNEL');
    const filter = filterFrom(values);
    const ids = values.id ?? [];
    if (ids.length === 0 && !values.all && !filter) throw new UsageError('dlq replay needs --id ID (repeatable), --all, or a filter (--reason/--event/--since/--until)');
    if (!/^\d+(\.\d+)?$/.test(values.rate!)) throw new UsageError('--rate expects replays per second');
    const who = values.who ?? `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`;
    const r = await withGateway(values.channels, (gw) =>
      gw.replay(channel, { ...(ids.length ? { ids } : {}), all: values.all === true, ...(filter ? { filter } : {}), dryRun: values['dry-run'] === true, ratePerSecond: Number(values.rate), who }),
    );
    const verb = r.dryRun ? 'would replay' : 'replayed';
    process.stdout.write(`${channel}: ${verb} ${r.replayed.length}${r.notFound.length ? `, not in the dead-letter queue: ${r.notFound.join(' ')}` : ''}\n`);
    for (const id of r.replayed) process.stdout.write(`  ${id}\n`);
    if (r.notFound.length) process.exitCode = 1;
    return;
  }
  throw new UsageError('dlq needs list or replay');
}

/**
 * `hig rotate-keys CHANNEL…|--all`: re-seal every sealed value in Redis under DATA_ENCRYPTION_KEY
 * (security/rotate.ts). Goes through every channel whatever one of them holds: jobs that cannot be
 * re-sealed are listed by id and left as they are; a channel that cannot be read at all (Redis
 * gone) is reported and the others still rotated, with exit 1 at the end.
 */
async function cmdRotateKeys(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { all: { type: 'boolean', default: false }, channels: { type: 'string' } } });
  if (positionals.length === 0 && !values.all) throw new UsageError('rotate-keys needs CHANNEL (repeatable) or --all');
  const settings = await loadSettings();
  const { keyringFromSettings } = await import('./security/keys.js');
  const { keyring } = keyringFromSettings(settings, { allowDevKey: settings.HIG_DEV_MODE });
  const { rotateChannelKeys } = await import('./security/rotate.js');
  await withGateway(values.channels, async (gw) => {
    const ids = values.all ? gw.queues.all().map(([id]) => id) : positionals;
    for (const id of ids) if (!gw.queues.get(id)) fail(`no channel "${id}"`);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    for (const id of ids) {
      let r;
      try {
        r = await rotateChannelKeys(gw.queues.get(id)!, gw.queues.connection, gw.queues.prefix, id, keyring);
      } catch (err) {
        process.stderr.write(`hig: ${id}: rotation stopped: ${(err as Error).message}\n`);
        process.exitCode = 1;
        continue;
      }
      out(`${id}: re-sealed ${r.resealed} job(s) (${r.completed} completed) and ${r.parkedResealed} parked message(s) under key ${keyring.currentKid}; ${r.alreadyCurrent} already current; removed ${r.eventsTrimmed} event(s) carrying old-key copies`);
      if (r.unopenable.length) out(`${id}: ${r.unopenable.length} job(s) sealed under a key not configured here were left as they are: ${r.unopenable.join(' ')}`);
      if (r.failed.length) out(`${id}: ${r.failed.length} job(s) do not open under their own key (tampered or copied from another job) and were left as they are: ${r.failed.join(' ')}`);
      if (r.changed.length) out(`${id}: ${r.changed.length} job(s) changed while being rotated; run rotate-keys again for them: ${r.changed.join(' ')}`);
    }
  });
}

/** `hig status ID`, or `hig status --file F --channel C` deriving the id from the file's MSH. */
async function cmdStatus(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string' }, channel: { type: 'string' }, channels: { type: 'string' } } });
  const ids: string[] = [...positionals];
  if (values.file) {
    if (!values.channel) throw new UsageError('status --file needs --channel');
    const { splitBatchBytes } = await import('./hl7/batch.js');
    const { readHeader } = await import('./hl7/header.js');
    const { messageIdFor } = await import('./queue/jobs.js');
    for (const m of splitBatchBytes(readFileSync(values.file))) {
      const r = readHeader(m.bytes);
      if (!r.ok) fail(`${values.file}: message ${m.index + 1}: ${r.detail}`);
      ids.push(messageIdFor(values.channel, `${r.header.sendingApplication}|${r.header.sendingFacility}`, r.header.controlId));
    }
  }
  if (ids.length === 0) throw new UsageError('status needs a MESSAGE_ID or --file FILE --channel ID');
  let missing = 0;
  await withGateway(values.channels, async (gw) => {
    for (const id of ids) {
      const status = await gw.getJobStatus(id);
      if (!status) missing++;
      process.stdout.write(JSON.stringify(status ?? { id, status: 'not found' }) + '\n');
    }
  });
  if (missing > 0) process.exitCode = 1;
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'start':
        return await cmdStart(args, false);
      case 'worker':
        return await cmdStart(args, true);
      case 'send':
        return await cmdSend(args);
      case 'convert': {
        const { cmdConvert } = await import('./cli/convert.js');
        process.exitCode = await cmdConvert(args, { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) });
        return;
      }
      case 'check-config':
        return await cmdCheckConfig(args);
      case 'stats':
        return await cmdStats(args);
      case 'status':
        return await cmdStatus(args);
      case 'dlq':
        return await cmdDlq(args);
      case 'rotate-keys':
        return await cmdRotateKeys(args);
      case 'apikey': {
        const { cmdApiKey } = await import('./cli/apikey.js');
        process.stdout.write(await cmdApiKey(args));
        return;
      }
      case 'messages':
        return await (await import('./cli/messages.js')).cmdMessages(args);
      case 'audit':
        return await (await import('./cli/messages.js')).cmdAudit(args);
      case 'store':
        return await (await import('./cli/messages.js')).cmdStore(args);
      case 'user': {
        const { cmdUser } = await import('./cli/users.js');
        process.stdout.write(cmdUser(args, (await loadSettings()).HIG_DATA_DIR));
        return;
      }
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE + '\n');
        return;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof Error && err.name === 'ConvertUsageError')) fail(`${(err as Error).message}\n${USAGE}`, 64);
    if (err instanceof Error && (err.name === 'ConfigError' || err.name === 'KeyError' || err.name === 'NoRedisError')) fail(err.message);
    if (err instanceof Error && (err.name === 'UnknownChannelError' || err.name === 'RedisUrlError')) fail(err.message);
    if (err instanceof Error && err.name === 'PermanentError') fail(err.message);
    if (err instanceof Error && (err.name === 'ApiKeyError' || err.name === 'SftpConfigError' || err.name === 'DestinationConfigError')) fail(err.message);
    if (err instanceof Error && err.name === 'ApiKeyUsageError') fail(err.message, 64);
    if (err instanceof Error && (err.name === 'OperatorError' || err.name === 'CliError')) fail(err.message);
    const e = err as NodeJS.ErrnoException & { code?: string };
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') fail(`${e.path ?? ''}: ${e.code}`);
    if (e.code === 'ECONNREFUSED') fail(`connection refused (${e.message})`);
    if (e.code === 'EADDRINUSE') fail(`address already in use: ${e.message.replace(/^listen EADDRINUSE: address already in use /, '')}`);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') fail(e.message, 64);
    fail(e.message || String(err));
  }
}

await main(process.argv.slice(2));
