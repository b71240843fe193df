/**
 * `hig messages search|show|reprocess` and `hig audit`: the message store through the running
 * daemon's HTTP API (the embedded store belongs to the daemon's process; PostgreSQL is the same
 * API either way), through the one admin client every daemon command uses (admin-client.ts): who
 * asks is HIG_USER + HIG_PASSWORD (a named operator, `hig user add`), else HIG_ADMIN_TOKEN; where
 * is HIG_ADMIN_URL (alias HIG_URL), else HIG_HTTP_HOST:HIG_HTTP_PORT.
 */
import { parseArgs } from 'node:util';
import { loadSettings } from '../config/env.js';
import { adminExchange, adminTarget, type AdminTarget } from './admin-client.js';

export const MESSAGES_USAGE = `messages search [--control-id V] [--mrn V[^AUTH]] [--name F[^G]] [--channel C] [--status S] [--type ADT^A01] [--error-code E] [--since T] [--until T] [--limit N] [--json]
  messages show ID [--raw|--fhir|--ack|--trail] [--json]
  messages reprocess ID… [--reason TEXT]
  audit [--since T] [--until T] [--user U] [--message ID] [--limit N] [--json]
  store stats [--json]                  rows and bytes of the message store per channel`;

export class CliError extends Error {
  override name = 'CliError';
}

type Target = AdminTarget;

/** The daemon and who asks, from the same settings as every other admin command (admin-client.ts). */
function target(env: NodeJS.ProcessEnv): Target {
  return adminTarget(loadSettings(env));
}

const call = (t: Target, method: 'GET' | 'POST', path: string, body?: unknown) => adminExchange(t, method, path, body);

interface Summary {
  messageId: string;
  channelId: string;
  receivedAt: string;
  status: string;
  messageType: string | null;
  controlId: string | null;
  ackCode: string | null;
  errorCode: string | null;
  duplicates: number;
}

const out = (s: string): void => void process.stdout.write(s + '\n');

export async function cmdMessages(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [sub, ...rest] = args;
  const t = target(env);
  if (sub === 'search') {
    const { values } = parseArgs({
      args: rest,
      options: {
        'control-id': { type: 'string' }, 'message-id': { type: 'string' }, mrn: { type: 'string' }, name: { type: 'string' }, channel: { type: 'string' },
        status: { type: 'string' }, type: { type: 'string' }, 'error-code': { type: 'string' }, source: { type: 'string' }, since: { type: 'string' },
        until: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' }, json: { type: 'boolean', default: false },
      },
    });
    const map: Record<string, string | undefined> = {
      controlId: values['control-id'], messageId: values['message-id'], mrn: values.mrn, name: values.name, channel: values.channel, status: values.status,
      type: values.type, errorCode: values['error-code'], source: values.source, since: values.since, until: values.until, limit: values.limit, cursor: values.cursor,
    };
    const q = new URLSearchParams(Object.entries(map).filter((e): e is [string, string] => e[1] !== undefined));
    const r = await call(t, 'GET', `/api/messages${q.size ? `?${q}` : ''}`);
    if (values.json) return out(JSON.stringify(r.json, null, 2));
    const page = r.json as { items: Summary[]; next?: string };
    if (page.items.length === 0) return out('no messages match');
    for (const m of page.items) {
      out(`${m.receivedAt}  ${m.messageId}  ${m.messageType ?? '-'}  ${m.controlId ?? '-'}  ${m.status}${m.errorCode ? ` ${m.errorCode}` : ''}  ack=${m.ackCode ?? '-'}${m.duplicates ? `  resends=${m.duplicates}` : ''}`);
    }
    if (page.next) out(`more: --cursor ${page.next}`);
    return;
  }
  if (sub === 'show') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { raw: { type: 'boolean' }, fhir: { type: 'boolean' }, ack: { type: 'boolean' }, trail: { type: 'boolean' }, json: { type: 'boolean', default: false } } });
    const id = positionals[0];
    if (!id) throw new CliError('messages show needs a message ID');
    const enc = encodeURIComponent(id);
    if (values.raw) return out((await call(t, 'GET', `/api/messages/${enc}/content/message`)).text.replace(/\r/g, '\n').trimEnd());
    if (values.fhir) return out(JSON.stringify((await call(t, 'GET', `/api/messages/${enc}/content/result`)).json, null, 2));
    if (values.ack) return out((await call(t, 'GET', `/api/messages/${enc}/content/ack`)).text.replace(/\r/g, '\n').trimEnd());
    const r = (await call(t, 'GET', `/api/messages/${enc}`)).json as { record?: Record<string, unknown> & { trail: Array<Record<string, unknown>> } };
    if (!r.record) throw new CliError(`${id} is queued but not in the store yet`);
    if (values.json) return out(JSON.stringify(values.trail ? r.record.trail : r.record, null, 2));
    if (!values.trail) {
      const rec = r.record;
      for (const k of ['messageId', 'channelId', 'status', 'receivedAt', 'messageType', 'structure', 'controlId', 'version', 'sendingApplication', 'sendingFacility', 'sourceKind', 'peer', 'fileName', 'ackCode', 'ackAt', 'errorCode', 'attempts', 'duplicates', 'conflicts', 'resources', 'unmapped', 'parts']) {
        const v = rec[k];
        if (v !== null && v !== undefined) out(`${k.padEnd(19)}${Array.isArray(v) ? v.join(', ') : String(v)}`);
      }
      if (rec.origin) out(`${'origin'.padEnd(19)}${JSON.stringify(rec.origin)}`);
      out('trail:');
    }
    for (const e of r.record.trail) {
      const bits = ['stage', 'destinationId', 'outcome', 'httpStatus', 'ackCode', 'errorCode', 'durationMs', 'actor', 'reason', 'relatedId'].filter((k) => e[k] !== null && e[k] !== undefined).map((k) => `${k}=${String(e[k])}`);
      out(`  ${String(e.at)}  ${String(e.kind)}${bits.length ? '  ' + bits.join(' ') : ''}${e.hasResponse ? '  (response held)' : ''}`);
    }
    return;
  }
  if (sub === 'reprocess') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { reason: { type: 'string' } } });
    if (positionals.length === 0) throw new CliError('messages reprocess needs one or more message IDs');
    let failed = 0;
    for (const id of positionals) {
      try {
        const r = (await call(t, 'POST', `/api/messages/${encodeURIComponent(id)}/reprocess`, values.reason ? { reason: values.reason } : {})).json as { newMessageId: string };
        out(`${id}: reprocessed as ${r.newMessageId}`);
      } catch (err) {
        failed++;
        out(`${id}: ${(err as Error).message}`);
      }
    }
    if (failed) process.exitCode = 1;
    return;
  }
  throw new CliError('messages needs search, show or reprocess');
}

export async function cmdAudit(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, until: { type: 'string' }, user: { type: 'string' }, message: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const q = new URLSearchParams(Object.entries({ since: values.since, until: values.until, user: values.user, message: values.message, limit: values.limit }).filter((e): e is [string, string] => e[1] !== undefined));
  const r = (await call(target(env), 'GET', `/api/audit${q.size ? `?${q}` : ''}`)).json as { entries: Array<{ at: string; actor: string; action: string; outcome: string; messageId: string | null; part: string | null; detail: string | null }> };
  if (values.json) return out(JSON.stringify(r.entries, null, 2));
  if (r.entries.length === 0) return out('no audit entries match');
  for (const e of r.entries) out(`${e.at}  ${e.actor}  ${e.action}${e.outcome !== 'ok' ? ` (${e.outcome})` : ''}${e.messageId ? `  ${e.messageId}` : ''}${e.part ? `  ${e.part}` : ''}${e.detail ? `  ${e.detail}` : ''}`);
}

export async function cmdStore(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'stats') throw new CliError('store needs stats');
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
  const r = (await call(target(env), 'GET', '/api/store/stats')).json as {
    kind?: string;
    totalBytes?: number;
    tables?: Array<{ name: string; bytes: number }>;
    channels?: Array<Record<string, unknown>>;
    writer: { storeUp: boolean; pendingEvents: number; oldestPendingAgeMs: number };
  };
  if (values.json) return out(JSON.stringify(r, null, 2));
  out(`writer: ${r.writer.storeUp ? 'up' : 'DOWN'}, ${r.writer.pendingEvents} outbox entr${r.writer.pendingEvents === 1 ? 'y' : 'ies'} pending (oldest ${Math.round(r.writer.oldestPendingAgeMs / 1000)} s)`);
  for (const [k, v] of Object.entries(r)) if (k !== 'writer' && k !== 'channels' && typeof v !== 'object') out(`${k}: ${String(v)}`);
  for (const t of r.tables ?? []) out(`table ${t.name}: ${t.bytes} bytes`);
  for (const c of r.channels ?? []) out(Object.entries(c).map(([k, v]) => `${k}=${v instanceof Object ? JSON.stringify(v) : String(v)}`).join('  '));
}
