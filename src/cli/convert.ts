/**
 * `hig convert FILE… [--mapping ID] [--report] [--timezone ZONE] [--sender-timezone SENDER=ZONE]… [--namespace NS=URI]… [--patient-authority NS]…
 * [--conditional-update] [--keep-omitted] [--extension-base URL] [--unnamed-extensions emit|report] [--licence-states us|none]`: converts every message of every file in one process and prints one
 * validated FHIR R4 Bundle per message as NDJSON (one JSON document per line), in argument order
 * and message order. A file (or a message of it) that cannot be converted prints one line on
 * stderr naming it and the reason (codes and locations, never values); the exit code is 1 when
 * anything failed. `-` reads stdin.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { splitBatchBytes } from '../hl7/batch.js';
import { isValidTimezone } from '../transform/datatypes/time.js';
import { isExtensionBase } from '../transform/datatypes/unnamed-extension.js';

export const CONVERT_USAGE = `convert FILE…|- [--mapping ID] [--report] [--timezone ZONE] [--sender-timezone SENDER=ZONE]… [--namespace NS=URI]… [--patient-authority NS]… [--conditional-update] [--keep-omitted] [--extension-base URL] [--unnamed-extensions emit|report] [--licence-states us|none]
                                        HL7 v2 (or JSON with --mapping) to FHIR R4 Bundles, one per message, NDJSON on stdout
                                        --timezone ZONE: IANA zone or ±hh:mm for times without offset when MSH-7 has none (default UTC)
                                        --sender-timezone SENDER=ZONE: the zone of one sender's times (MSH-4 HD.1, else MSH-3 HD.1), replacing --timezone for it (repeatable)
                                        --namespace NS=URI: assigning authority → identifier system (repeatable)
                                        --patient-authority NS: an assigning authority (namespace id or system URI) whose number identifies the Patient before the identifier type; repeatable, most preferred first
                                        --conditional-update: PUT Type?identifier=… instead of PUT Type/id
                                        --keep-omitted: updates keep what the message omits (conditional create + PATCH)
                                        --extension-base URL: prefix (ending in /) of hig's v2-<name> extensions for IG rows that name an unnamed extension
                                        --unnamed-extensions report: report those values instead of emitting the extensions (default emit)
                                        --licence-states none: never read a PID-20 DLN.2 postal code as a US state's licence OID (default us)`;

export class ConvertUsageError extends Error {
  override name = 'ConvertUsageError';
}

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Batch pieces without an MSH (junk between messages, a headerless batch) are not messages: they
 * are skipped with a warning naming them, unless nothing else is left to convert.
 */
function messagesOf(file: string, bytes: Buffer, io: Output): Buffer[] {
  const all = splitBatchBytes(bytes);
  const messages = all.filter((m) => m.bytes.subarray(0, 3).toString('latin1') === 'MSH');
  if (messages.length === 0) return all.map((m) => m.bytes);
  for (const m of all) if (!messages.includes(m)) io.err(`hig: ${file}: piece ${m.index + 1} has no MSH segment; skipped`);
  return messages.map((m) => m.bytes);
}

/** `--sender-timezone SENDER=ZONE` values (the channel's senderTimezones): each zone one the converter knows. */
function senderTimezones(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of entries) {
    const at = e.indexOf('=');
    if (at <= 0 || at === e.length - 1) throw new ConvertUsageError(`--sender-timezone expects SENDER=ZONE, got "${e}"`);
    const zone = e.slice(at + 1);
    if (!isValidTimezone(zone)) throw new ConvertUsageError(`--sender-timezone "${e.slice(0, at)}": "${zone}" is not an IANA time zone or ±hh:mm offset`);
    map[e.slice(0, at)] = zone;
  }
  return map;
}

function namespaceMap(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of entries) {
    const at = e.indexOf('=');
    if (at <= 0 || at === e.length - 1) throw new ConvertUsageError(`--namespace expects NS=URI, got "${e}"`);
    map[e.slice(0, at)] = e.slice(at + 1);
  }
  return map;
}

/** `--patient-authority` values in the order given (the channel's conversion.patientAuthorities): none empty, none twice. */
function patientAuthorities(list: readonly string[]): string[] {
  for (const [i, a] of list.entries()) {
    if (a === '') throw new ConvertUsageError('--patient-authority expects an assigning authority (namespace id or system URI), got ""');
    if (list.indexOf(a) !== i) throw new ConvertUsageError(`--patient-authority "${a}" is given twice`);
  }
  return [...list];
}

/** One line about a failure: the code and detail of a classified error, else its name; never a value. */
function reason(err: unknown): string {
  if (err instanceof Error && err.name === 'PermanentError') return err.message;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return `cannot read (${e.code})`;
  return err instanceof SyntaxError ? 'not valid JSON' : `${err instanceof Error ? err.name : 'error'} while converting`;
}

/** Runs the command; returns the exit code (0 all converted, 1 something failed). */
/** A `--<kind>-list` flag's value (snapshot-lists.ts): snapshot or additive. */
function listMode(value: string | undefined, flag: string): 'snapshot' | 'additive' {
  if (value !== 'snapshot' && value !== 'additive') throw new ConvertUsageError(`--${flag} expects snapshot or additive, got "${value ?? ''}"`);
  return value;
}

export async function cmdConvert(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      report: { type: 'boolean', default: false },
      timezone: { type: 'string', default: 'UTC' },
      'sender-timezone': { type: 'string', multiple: true, default: [] },
      namespace: { type: 'string', multiple: true, default: [] },
      'patient-authority': { type: 'string', multiple: true, default: [] },
      'conditional-update': { type: 'boolean', default: false },
      'keep-omitted': { type: 'boolean', default: false },
      'extension-base': { type: 'string' },
      'unnamed-extensions': { type: 'string', default: 'emit' },
      'licence-states': { type: 'string', default: 'us' },
      'report-category': { type: 'string', default: 'message' },
      'allergy-list': { type: 'string', default: 'snapshot' },
      'contact-list': { type: 'string', default: 'snapshot' },
      'coverage-list': { type: 'string', default: 'snapshot' },
    },
  });
  if (positionals.length === 0) throw new ConvertUsageError('convert needs a FILE (or - for stdin)');
  const unnamed = values['unnamed-extensions'];
  if (unnamed !== 'emit' && unnamed !== 'report') throw new ConvertUsageError(`--unnamed-extensions expects emit or report, got "${unnamed ?? ''}"`);
  const states = values['licence-states'];
  if (states !== 'us' && states !== 'none') throw new ConvertUsageError(`--licence-states expects us or none, got "${states ?? ''}"`);
  const category = values['report-category'];
  if (category !== 'message' && category !== 'laboratory') throw new ConvertUsageError(`--report-category expects message or laboratory, got "${category ?? ''}"`);
  const allergyList = listMode(values['allergy-list'], 'allergy-list');
  const contactList = listMode(values['contact-list'], 'contact-list');
  const coverageList = listMode(values['coverage-list'], 'coverage-list');
  const base = values['extension-base'];
  if (base !== undefined && !isExtensionBase(base)) throw new ConvertUsageError(`--extension-base expects an http(s) URL ending in /, got "${base}"`);
  const options = {
    timezone: values.timezone ?? 'UTC',
    senderTimezones: senderTimezones(values['sender-timezone'] ?? []),
    namespaceMap: namespaceMap(values.namespace ?? []),
    patientAuthorities: patientAuthorities(values['patient-authority'] ?? []),
    conditionalUpdate: values['conditional-update'] === true,
    omittedFields: values['keep-omitted'] === true ? ('keep' as const) : ('remove' as const),
    unnamedExtensions: unnamed as 'emit' | 'report',
    licenceStates: states as 'us' | 'none',
    reportCategory: category as 'message' | 'laboratory',
    allergyList,
    contactList,
    coverageList,
    ...(base === undefined ? {} : { extensionBase: base }),
  };
  const { convertHl7v2, convertJson, validateBundle } = await import('../transform/index.js');
  let failed = 0;
  for (const file of positionals) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file === '-' ? 0 : file);
    } catch (err) {
      io.err(`hig: ${file}: ${reason(err)}`);
      failed++;
      continue;
    }
    const messages = values.mapping === undefined ? messagesOf(file, bytes, io) : [bytes];
    if (messages.length === 0) {
      io.err(`hig: ${file}: no HL7 messages found`);
      failed++;
      continue;
    }
    for (const [i, message] of messages.entries()) {
      const where = messages.length > 1 ? `${file}: message ${i + 1}` : file;
      try {
        const r = values.mapping === undefined ? convertHl7v2(message, options) : convertJson(values.mapping, JSON.parse(message.toString('utf8')) as unknown, options);
        const issues = validateBundle(r.bundle);
        if (issues.length > 0) {
          io.err(`hig: ${where}: ${r.messageType}: FHIR validation failed: ${issues.slice(0, 3).map((x) => `${x.path}: ${x.message}`).join('; ')}`);
          failed++;
          continue;
        }
        io.out(JSON.stringify(values.report === true ? { bundle: r.bundle, report: r.report } : r.bundle));
      } catch (err) {
        io.err(`hig: ${where}: ${reason(err)}`);
        failed++;
      }
    }
  }
  return failed > 0 ? 1 : 0;
}
