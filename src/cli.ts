#!/usr/bin/env node
/**
 * The `hig` command: a thin wrapper over the same functions the daemon and tests use, parsed by
 * commander (`hig --version`, `hig COMMAND --help`). Every failure ends with one readable line on
 * stderr and a non-zero exit code; a closed stdout (`hig stats | head -1`) ends the command quietly.
 *
 * Commands import what they use when they run: `hig --help` loads commander and nothing else, and
 * `hig convert` does not pay for Redis, queues, logging and config it never touches.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import type { Settings } from './config/env.js';
import type { StateIo } from './cli/state.js';
import type { FailedFilter } from './queue/dlq.js';

/** Exit codes: 64 for a usage error (sysexits EX_USAGE), 1 for anything else that failed. */
const USAGE_EXIT = 64;

class UsageError extends Error {}

function fail(message: string, code = 1): never {
  process.stderr.write(`hig: ${message}\n`);
  process.exit(code);
}

/** A reader that went away (`| head -1`) is not an error: stop quietly, as cat and grep do. */
function quietOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}

const out = (line: string) => void process.stdout.write(`${line}\n`);
const err = (line: string) => void process.stderr.write(`${line}\n`);

async function settings(): Promise<Settings> {
  return (await import('./config/env.js')).loadSettings();
}

async function stateIo(channels?: string): Promise<StateIo> {
  return { out, err, settings: await settings(), ...(channels ? { channelsDir: channels } : {}) };
}

/**
 * Who runs the command, for the audit trail: the login name, from the environment or, where it is
 * unset or empty (`docker compose exec`, cron), from the system's account database.
 */
const operator = (): string => {
  const named = [process.env.USER, process.env.LOGNAME].find((n) => n !== undefined && n.trim() !== '');
  if (named) return named.trim();
  try {
    return userInfo().username || `uid:${process.getuid?.() ?? 'unknown'}`;
  } catch {
    // a uid with no account (containers run as an arbitrary uid): name the uid
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function wholeNumber(name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`${name} expects a whole number ${min}-${max}, got "${v}"`);
    return Number(v);
  };
}

function dateOption(name: string) {
  return (v: string): Date => {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} expects an ISO date/time, got "${v}"`);
    return d;
  };
}

interface FilterValues {
  reason?: string;
  event?: string;
  since?: Date;
  until?: Date;
}

function filterOf(v: FilterValues): FailedFilter | undefined {
  const f: FailedFilter = {
    ...(v.reason ? { reason: v.reason } : {}),
    ...(v.event ? { event: v.event } : {}),
    ...(v.since ? { since: v.since } : {}),
    ...(v.until ? { until: v.until } : {}),
  };
  return Object.keys(f).length ? f : undefined;
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--reason <CODE>', 'only jobs that failed with this catalogue code')
    .option('--event <TYPE>', 'only this message type, e.g. ADT^A01')
    .option('--since <TIME>', 'failed at or after this ISO time', dateOption('since'))
    .option('--until <TIME>', 'failed before this ISO time', dateOption('until'));
}

const channelsOption = () => new Option('--channels <DIR>', 'channel files (when no daemon answers and Redis is read directly)');

/** The arguments after the command's own name, for commands that parse their own (convert, apikey). */
function rawArgsAfter(...names: string[]): string[] {
  const argv = process.argv.slice(2);
  let i = 0;
  for (const name of names) i = argv.indexOf(name, i) + 1;
  return argv.slice(i);
}

function daemonCommands(program: Command): void {
  program
    .command('start')
    .description('run the daemon: sources, workers, HTTP (admin API, dashboard, /metrics)')
    .option('--channels <DIR>', 'channel files (default HIG_CHANNELS_DIR)')
    .option('--dev', 'development mode: pretty logs, dev encryption key allowed')
    .action(async (o: { channels?: string; dev?: boolean }) => (await import('./cli/start.js')).cmdStart(o, false, rawArgsAfter('start')));
  program
    .command('worker')
    .description('run workers only (no sources, no HTTP)')
    .option('--channels <DIR>', 'channel files (default HIG_CHANNELS_DIR)')
    .option('--dev', 'development mode: pretty logs, dev encryption key allowed')
    .action(async (o: { channels?: string; dev?: boolean }) => (await import('./cli/start.js')).cmdStart(o, true, rawArgsAfter('worker')));
  program
    .command('check-config')
    .description('validate the environment and the channel files with the loader start uses: every problem, one line each')
    .option('--channels <DIR>', 'channel files (default HIG_CHANNELS_DIR)')
    .option('--dev', 'as start --dev: a development encryption key is allowed')
    .action(async (o: { channels?: string; dev?: boolean }) => {
      const { loadConfig } = await import('./config/load.js');
      const { formatProblem } = await import('./config/problems.js');
      const config = loadConfig({ ...(o.channels ? { channelsDir: o.channels } : {}), allowDevKey: o.dev === true });
      const dir = o.channels ?? config.settings.HIG_CHANNELS_DIR;
      for (const w of config.warnings) err(`warning: ${formatProblem(w)}`);
      out(`ok: ${config.channels.length} channel(s) in ${dir}: ${config.channels.map((c) => c.id).join(', ')}`);
    });
}

function messageCommands(program: Command): void {
  program
    .command('send')
    .description('MLLP-send each message of FILE (- for stdin) and print each reply\'s MSA line; exit 2 if any is not AA/CA')
    .argument('<FILE>')
    .option('--host <HOST>', 'receiver host', '127.0.0.1')
    .requiredOption('--port <PORT>', 'receiver port', wholeNumber('--port', 1, 65535))
    .option('--tls', 'MLLP over TLS')
    .option('--ca <FILE>', 'CA certificate to trust (TLS)')
    .option('--cert <FILE>', 'client certificate (mutual TLS)')
    .option('--key <FILE>', 'client private key (mutual TLS)')
    .option('--timeout <MS>', 'per-message reply timeout', wholeNumber('--timeout', 1), 10_000)
    .action(async (file: string, o: { host: string; port: number; tls?: boolean; ca?: string; cert?: string; key?: string; timeout: number }) => {
      process.exitCode = await (await import('./cli/send.js')).cmdSend(file, o, out);
    });
  program
    .command('convert')
    .description('HL7 v2 (or JSON with --mapping) to FHIR R4 Bundles, one per message, NDJSON on stdout')
    .argument('<FILE...>', 'files (- for stdin)')
    .option('--mapping <ID>', 'convert JSON with this mapping instead of HL7 v2')
    .option('--report', 'print {bundle, report} with the conversion report')
    .option('--timezone <ZONE>', 'IANA zone or ±hh:mm for times without offset when MSH-7 has none', 'UTC')
    .option('--sender-timezone <SENDER=ZONE>', "one sender's zone (MSH-4 HD.1, else MSH-3 HD.1) replacing --timezone for its messages (repeatable)")
    .option('--namespace <NS=URI>', 'assigning authority → identifier system (repeatable)')
    .option('--patient-authority <NS>', 'assigning authority whose number identifies the Patient before the identifier type (repeatable, most preferred first)')
    .option('--conditional-update', 'PUT Type?identifier=… instead of PUT Type/id')
    .option('--keep-omitted', 'updates keep what the message omits (conditional create + PATCH; HL7 v2 2.5.3)')
    .option('--extension-base <URL>', "prefix (an http(s) URL ending in /) of hig's v2-<name> extensions for IG rows that name an unnamed extension")
    .option('--unnamed-extensions <MODE>', 'emit those extensions, or report the values instead', 'emit')
    .option('--licence-states <MODE>', "us: a PID-20 DLN.2 postal code names that US state's licence OID (MSH-17 empty or USA); none: never", 'us')
    .option('--report-category <MODE>', 'a result report without OBR-24: message: LAB only on a laboratory signal (specimen, CPT lab code, OUL); laboratory: LAB', 'message')
    .option('--allergy-list <MODE>', "snapshot: an ADT's AL1s are the patient's whole allergy list (a marked GET the FHIR destination resolves into DELETEs of the allergies dropped); additive: only additions", 'snapshot')
    .option('--contact-list <MODE>', "snapshot: an ADT's NK1s are the patient's whole contact list (a marked GET the FHIR destination resolves into active false for the RelatedPersons dropped); additive: only additions", 'snapshot')
    .option('--coverage-list <MODE>', "snapshot: an ADT's IN1s are the patient's whole insurance list (a marked GET the FHIR destination resolves into status cancelled for the Coverages dropped); additive: only additions", 'snapshot')
    .action(async () => {
      const { cmdConvert } = await import('./cli/convert.js');
      process.exitCode = await cmdConvert(rawArgsAfter('convert'), { out, err });
    });
  program
    .command('route')
    .description('dry run: per destination of the channel, filtered or not (and why) and the output it would get; nothing is sent')
    .argument('<FILE>', 'HL7 v2 file (- for stdin)')
    .requiredOption('--channel <C>', 'channel id')
    .option('--json', 'JSON instead of text')
    .option('--channels <DIR>', 'channel files (default HIG_CHANNELS_DIR)')
    .action(async () => {
      const { cmdRoute } = await import('./cli/route.js');
      await cmdRoute(rawArgsAfter('route'), { out: (t) => process.stdout.write(t) }, await settings());
    });
  program
    .command('status')
    .description("a message's status, by MESSAGE_ID or from a file's MSH (--file F --channel C)")
    .argument('[MESSAGE_ID...]')
    .option('--file <FILE>', 'derive ids from the messages of this file')
    .option('--channel <ID>', 'the channel the file was sent to')
    .addOption(channelsOption())
    .action(async (given: string[], o: { file?: string; channel?: string; channels?: string }) => {
      const ids = [...given];
      if (o.file) {
        if (!o.channel) throw new UsageError('status --file needs --channel');
        ids.push(...(await idsOfFile(o.file, o.channel)));
      }
      if (ids.length === 0) throw new UsageError('status needs a MESSAGE_ID or --file FILE --channel ID');
      process.exitCode = await (await import('./cli/state.js')).cmdStatus(await stateIo(o.channels), ids);
    });
}

async function idsOfFile(file: string, channel: string): Promise<string[]> {
  const { splitBatchBytes } = await import('./hl7/batch.js');
  const { readHeader } = await import('./hl7/header.js');
  const { messageIdFor } = await import('./queue/jobs.js');
  return splitBatchBytes(readFileSync(file)).map((m) => {
    const r = readHeader(m.bytes);
    if (!r.ok) fail(`${file}: message ${m.index + 1}: ${r.detail}`);
    return messageIdFor(channel, `${r.header.sendingApplication}|${r.header.sendingFacility}`, r.header.controlId);
  });
}

function stateCommands(program: Command): void {
  program
    .command('stats')
    .description('queue counts and health per channel, from the running daemon (or Redis when none answers)')
    .option('--json', 'the full statistics as JSON')
    .addOption(channelsOption())
    .action(async (o: { json?: boolean; channels?: string }) => (await import('./cli/state.js')).cmdStats(await stateIo(o.channels), o.json === true));
  const dlq = program.command('dlq').description('the dead-letter queue: list and replay failed messages');
  withFilters(dlq.command('list').description("a channel's dead-lettered messages, newest first").argument('<CHANNEL>'))
    .option('--limit <N>', 'at most N', wholeNumber('--limit', 1, 1000), 50)
    .option('--json', 'as JSON')
    .addOption(channelsOption())
    .action(async (channel: string, o: FilterValues & { limit: number; json?: boolean; channels?: string }) => {
      const filter = filterOf(o);
      await (await import('./cli/state.js')).cmdDlqList(await stateIo(o.channels), channel, { limit: o.limit, json: o.json === true, ...(filter ? { filter } : {}) });
    });
  withFilters(dlq.command('replay').description('send dead-lettered messages through the channel again').argument('<CHANNEL>'))
    .option('--id <ID>', 'a job id (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--all', 'every dead-lettered message of the channel')
    .option('--rate <N>', 'replays per second', (v: string) => {
      if (!/^\d+(\.\d+)?$/.test(v)) throw new UsageError('--rate expects replays per second');
      return Number(v);
    }, 50)
    .option('--dry-run', 'say what would be replayed, change nothing')
    .option('--who <NAME>', 'operator name for the audit trail (default: your login name)')
    .addOption(channelsOption())
    .action(async (channel: string, o: FilterValues & { id: string[]; all?: boolean; rate: number; dryRun?: boolean; who?: string; channels?: string }) => {
      const filter = filterOf(o);
      if (o.id.length === 0 && !o.all && !filter) throw new UsageError('dlq replay needs --id ID (repeatable), --all, or a filter (--reason/--event/--since/--until)');
      process.exitCode = await (await import('./cli/state.js')).cmdDlqReplay(await stateIo(o.channels), channel, {
        ids: o.id,
        all: o.all === true,
        ...(filter ? { filter } : {}),
        dryRun: o.dryRun === true,
        ratePerSecond: o.rate,
        who: o.who ?? `cli:${operator()}`,
      });
    });
  const alerts = program.command('alerts').description('alerts of the running daemon: list, acknowledge, resolve');
  alerts
    .command('list')
    .description('recent alerts, newest first')
    .option('--channel <ID>', 'only this channel')
    .option('--open', 'only unresolved alerts')
    .option('--limit <N>', 'at most N per channel', wholeNumber('--limit', 1, 1000), 50)
    .option('--json', 'as JSON')
    .action(async (o: { channel?: string; open?: boolean; limit: number; json?: boolean }) =>
      (await import('./cli/alerts.js')).cmdAlertsList(await stateIo(), { ...(o.channel ? { channel: o.channel } : {}), open: o.open === true, limit: o.limit, json: o.json === true }),
    );
  for (const [action, what] of [
    ['ack', 'acknowledge an alert: someone is on it (recorded with your name)'],
    ['resolve', 'mark an alert resolved (recorded with your name)'],
  ] as const) {
    alerts
      .command(action)
      .description(what)
      .argument('<ALERT_ID>')
      .option('--who <NAME>', 'operator name for the audit trail (default: your login name)')
      .action(async (id: string, o: { who?: string }) => (await import('./cli/alerts.js')).cmdAlertsChange(await stateIo(), action, id, o.who ?? operator()));
  }
}

/** Channel lifecycle in the running daemon (src/lifecycle, README "Channel lifecycle"). */
function channelCommands(program: Command): void {
  const channel = program.command('channel').description('start, stop, pause, resume, deploy or undeploy a channel in the running daemon (its admin API)');
  for (const [action, what] of [
    ['start', 'take messages in again (bind the listener, poll, accept HTTP)'],
    ['stop', 'refuse messages: MLLP listener closed, HTTP answers CHANNEL_STOPPED, polling stops'],
    ['pause', 'keep taking messages in, hold their processing (for every process on this Redis)'],
    ['resume', 'process what pause held, and what comes'],
    ['deploy', 'run an undeployed channel again, in the version of its file'],
    ['undeploy', 'take the channel out of the running daemon (source closed, its workers there stopped; the file and queued jobs stay)'],
  ] as const) {
    const cmd = channel
      .command(action)
      .description(what)
      .argument('<CHANNEL_ID>')
      .option('--who <NAME>', 'operator name for the audit trail (default: your login name)')
      .option('--json', 'as JSON');
    if (action === 'pause' || action === 'resume') cmd.option('--destination <ID>', "only this fan-out destination's own queue");
    cmd.action(async (id: string, o: { who?: string; json?: boolean; destination?: string }) =>
      (await import('./cli/channel.js')).cmdChannel(await stateIo(), action, id, o.who ?? operator(), o.json === true, o.destination),
    );
  }
}

function adminCommands(program: Command): void {
  const apikey = program.command('apikey').description('API keys of HTTP intake clients (stored hashed in HIG_DATA_DIR/clients.json)');
  const runApiKey = async () => void process.stdout.write(await (await import('./cli/apikey.js')).cmdApiKey(rawArgsAfter('apikey')));
  apikey.command('create').description('create a key for a client; printed once').requiredOption('--client <N>', 'client id').option('--name <TEXT>').option('--label <TEXT>').option('--file <FILE>').option('--json').action(runApiKey);
  apikey.command('list').description('key ids per client').option('--file <FILE>').option('--json').action(runApiKey);
  apikey.command('revoke').description('revoke a key').argument('<KEYID>').option('--file <FILE>').action(runApiKey);
  program
    .command('rotate-keys')
    .description('re-seal queued, failed and completed jobs under DATA_ENCRYPTION_KEY (reads Redis directly)')
    .argument('[CHANNEL...]')
    .option('--all', 'every channel')
    .addOption(channelsOption())
    .action(async (channels: string[], o: { all?: boolean; channels?: string }) => {
      if (channels.length === 0 && !o.all) throw new UsageError('rotate-keys needs CHANNEL (repeatable) or --all');
      process.exitCode = await (await import('./cli/rotate-keys.js')).cmdRotateKeys(await stateIo(o.channels), channels, o.all === true);
    });
}

/** The message store's commands and operators (issue 16); each parses its own options. */
function storeCommands(program: Command): void {
  const passthrough = (name: string, description: string, run: (args: string[]) => Promise<void>) =>
    program
      .command(name)
      .description(description)
      .argument('[args...]')
      .allowUnknownOption()
      .action(async () => run(rawArgsAfter(name)));
  passthrough('messages', 'the message store: search [--control-id V] [--mrn V[^AUTH]] …, show ID [--raw|--fhir|--ack|--trail], reprocess ID…', async (a) => (await import('./cli/messages.js')).cmdMessages(a));
  passthrough('audit', 'the audit log of content views and operator actions: [--since T] [--user U] [--message ID]', async (a) => (await import('./cli/messages.js')).cmdAudit(a));
  passthrough('store', 'the message store: stats (rows and bytes per channel)', async (a) => (await import('./cli/messages.js')).cmdStore(a));
  passthrough('user', 'named operators: add NAME --role viewer|operator|phi-viewer|admin, list, remove NAME', async (a) => {
    const { cmdUser } = await import('./cli/users.js');
    process.stdout.write(cmdUser(a, (await settings()).HIG_DATA_DIR));
  });
}

export function buildProgram(): Command {
  const program = new Command('hig')
    .description('HL7 v2 / MLLP interface engine with a durable queue and HL7 v2 to FHIR R4 conversion')
    .version(version(), '-V, --version')
    .showHelpAfterError('(run hig COMMAND --help for its options)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => void process.stderr.write(s.startsWith('error: ') ? `hig: ${s.slice(7)}` : s) });
  // the command that runs, so a usage error it finds shows that command's help
  program.hook('preAction', (_program, action) => {
    running = action;
  });
  daemonCommands(program);
  messageCommands(program);
  stateCommands(program);
  channelCommands(program);
  adminCommands(program);
  storeCommands(program);
  return program;
}

const ERROR_NAMES_ONE_LINE = new Set([
  'ConfigError',
  'KeyError',
  'NoRedisError',
  'UnknownChannelError',
  'RedisUrlError',
  'PermanentError',
  'ApiKeyError',
  'SftpConfigError',
  'DestinationConfigError',
  'NoStateError',
  'DaemonUnreachableError',
  'AdminAuthError',
  'AdminRequestError',
  'SendError',
  'CliError',
  'OperatorError',
]);

let running: Command | undefined;

function report(e: unknown): never {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : USAGE_EXIT);
  if (e instanceof UsageError || (e instanceof Error && (e.name === 'ConvertUsageError' || e.name === 'ApiKeyUsageError' || e.name === 'RouteUsageError'))) fail(`${e.message}\n${running ? running.helpInformation() : '(run hig COMMAND --help for its options)'}`, USAGE_EXIT);
  if (e instanceof Error && ERROR_NAMES_ONE_LINE.has(e.name)) fail(e.message);
  const x = e as NodeJS.ErrnoException;
  if (x.code === 'ENOENT' || x.code === 'EACCES' || x.code === 'EISDIR') fail(`${x.path ?? ''}: ${x.code}`);
  if (x.code === 'ECONNREFUSED') fail(`connection refused (${x.message})`);
  if (x.code === 'EADDRINUSE') fail(`address already in use: ${x.message.replace(/^listen EADDRINUSE: address already in use /, '')}`);
  fail(x.message || String(e));
}

export async function main(argv: string[]): Promise<void> {
  quietOnBrokenPipe();
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    report(e);
  }
}

await main(process.argv.slice(2));
