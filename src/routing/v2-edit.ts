/**
 * Declarative HL7 v2 edits for one destination, applied in order to an editable copy of the
 * message (src/hl7/editable.ts): unchanged segments keep their bytes; edited ones are written with
 * the sender's delimiters, escapes and MSH-18 charset.
 *
 *   { "set":    { "path": "PV1-3.1", "value": "WARD9" } }          write a value (escaped for the message)
 *   { "copy":   { "from": "PID-3[0]", "to": "ZPI-1" } }             move an element, structure included (same depth)
 *   { "delete": "ZPI[*]" }                                          remove segments / repetitions, empty components
 *   { "map":    { "path": "PV1-3.1", "table": "wards.csv", "onMissing": "keep" } }   through a lookup table
 *
 * `[*]` applies a step to every present occurrence/repetition; a single path to an absent segment
 * writes nothing (there is no place for it). MSH-10 is kept, or renewed per destination
 * (`controlId: "renew"`): derived from the message id and destination id, so a retry sends the same
 * new id and the receiver can still recognise a resend.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PermanentError } from '../errors.js';
import { deleteAll, encodeEditable, getRaw, getValue, parseEditable, resolve, setRaw, setValue, type EditableMessage } from '../hl7/editable.js';
import { isDelimiterField, isSingle, levelOf, parseHl7Path, type Hl7Path } from '../hl7/path.js';
import { isKnownSegment } from '../hl7/segments.js';
import type { Problem } from './filter.js';
import { TABLE_NAME, type LookupTable } from './tables.js';

const path = (what: string) => z.string().min(1).describe(`HL7 path ${what}, e.g. "PV1-3.1" or "PID-3[*].4.1"`);

const setStep = z.object({ set: z.object({ path: path('to write'), value: z.string().describe('the value (escaped for the message as needed)') }).strict().describe('write a value at a path') }).strict();
const copyStep = z
  .object({ copy: z.object({ from: path('to read (one element, no [*])'), to: path('to write (same depth as from)') }).strict().describe('copy an element with its structure') })
  .strict();
const deleteStep = z.object({ delete: path('to remove (segments, repetitions) or empty (components)') }).strict();
const onMissing = z
  .union([z.enum(['keep', 'error', 'empty']), z.object({ default: z.string().describe('value written when the table has no entry') }).strict()])
  .default('keep')
  .describe('when the table has no entry: keep the value (default), error (dead-letter for this destination), empty, or {default}');
const mapStep = z
  .object({
    map: z
      .object({
        path: path('whose value is looked up'),
        table: z.string().regex(TABLE_NAME, 'a .json or .csv file name inside mappings/').describe('lookup table file under mappings/, e.g. "wards.csv"'),
        to: path('to write the result to (default: path itself; not with [*])').optional(),
        onMissing,
      })
      .strict()
      .describe('replace a value through a lookup table in mappings/'),
  })
  .strict();

export const v2StepSchema = z.union([setStep, copyStep, deleteStep, mapStep]).describe('One HL7 v2 edit: set, copy, delete or map');
export type V2Step = z.output<typeof v2StepSchema>;

export const controlIdSchema = z
  .enum(['keep', 'renew'])
  .default('keep')
  .describe('MSH-10 of the message sent: keep the sender\'s, or renew it (stable per message and destination, so retries reuse it)');

/** The tables the steps name (for loading at config load). */
export function tablesOf(steps: readonly V2Step[]): string[] {
  return [...new Set(steps.flatMap((s) => ('map' in s ? [s.map.table] : [])))];
}

function checkPath(text: string, at: Array<string | number>, problems: Problem[], options: { write: boolean }): Hl7Path | undefined {
  const parsed = parseHl7Path(text);
  if (!parsed.ok) return void problems.push({ path: at, reason: parsed.reason });
  const p = parsed.path;
  if (!isKnownSegment(p.segment)) return void problems.push({ path: at, reason: `${text}: unknown segment ${p.segment}` });
  if (options.write && isDelimiterField(p)) return void problems.push({ path: at, reason: `${text}: MSH-1 and MSH-2 hold the delimiters and cannot be edited` });
  return p;
}

/** Static checks: paths, depths, [*] use, and tables that were loaded (`tables` has every loaded name). */
export function validateV2Steps(steps: readonly V2Step[], tables: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  steps.forEach((step, i) => {
    if ('set' in step) {
      const p = checkPath(step.set.path, [i, 'set', 'path'], problems, { write: true });
      if (p !== undefined && p.field === undefined) problems.push({ path: [i, 'set', 'path'], reason: `${step.set.path}: set needs a field path` });
    } else if ('copy' in step) {
      const from = checkPath(step.copy.from, [i, 'copy', 'from'], problems, { write: false });
      const to = checkPath(step.copy.to, [i, 'copy', 'to'], problems, { write: true });
      if (from !== undefined && !isSingle(from)) problems.push({ path: [i, 'copy', 'from'], reason: `${step.copy.from}: copy reads one element (no [*])` });
      if (from !== undefined && to !== undefined && (levelOf(from) !== levelOf(to) || levelOf(from) === 'segment')) {
        problems.push({ path: [i, 'copy', 'to'], reason: `copy ${step.copy.from} → ${step.copy.to}: both must name a field, a component or a subcomponent (the same depth)` });
      }
    } else if ('delete' in step) {
      const p = checkPath(step.delete, [i, 'delete'], problems, { write: true });
      if (p?.segment === 'MSH' && p.field === undefined) problems.push({ path: [i, 'delete'], reason: 'the MSH segment cannot be deleted' });
    } else {
      const p = checkPath(step.map.path, [i, 'map', 'path'], problems, { write: true });
      if (p !== undefined && p.field === undefined) problems.push({ path: [i, 'map', 'path'], reason: `${step.map.path}: map needs a field path` });
      if (step.map.to !== undefined) {
        const to = checkPath(step.map.to, [i, 'map', 'to'], problems, { write: true });
        if (p !== undefined && !isSingle(p)) problems.push({ path: [i, 'map', 'to'], reason: 'map with [*] writes in place: drop "to"' });
        if (to !== undefined && !isSingle(to)) problems.push({ path: [i, 'map', 'to'], reason: `${step.map.to}: "to" names one element (no [*])` });
      }
      if (!tables.has(step.map.table)) problems.push({ path: [i, 'map', 'table'], reason: `unknown table ${step.map.table} (not loaded from mappings/)` });
    }
  });
  return problems;
}

/** MSH-10 for a renewed message: stable per (message, destination), ≤ 20 characters (ST in v2.5). */
export function renewedControlId(messageId: string, destinationId: string): string {
  return `H${createHash('sha256').update(`${messageId}\0${destinationId}`).digest('hex').slice(0, 19).toUpperCase()}`;
}

export interface V2EditContext {
  messageId: string;
  destinationId: string;
}

type Apply = (message: EditableMessage) => void;

function parsed(text: string): Hl7Path {
  const result = parseHl7Path(text);
  if (!result.ok) throw new Error(result.reason);
  return result.path;
}

function compileStep(step: V2Step, tables: ReadonlyMap<string, LookupTable>): Apply {
  if ('set' in step) {
    const p = parsed(step.set.path);
    const value = step.set.value;
    return (m) => resolve(m, p).forEach((at) => setValue(m, at, value, p.text));
  }
  if ('copy' in step) {
    const from = parsed(step.copy.from);
    const to = parsed(step.copy.to);
    return (m) => {
      const source = resolve(m, from)[0];
      const raw = source === undefined ? undefined : getRaw(m, source);
      if (raw === undefined) return; // nothing to copy: the destination stays as it is
      resolve(m, to).forEach((at) => setRaw(m, at, raw));
    };
  }
  if ('delete' in step) {
    const p = parsed(step.delete);
    return (m) => void deleteAll(m, p);
  }
  const p = parsed(step.map.path);
  const to = step.map.to === undefined ? undefined : parsed(step.map.to);
  const table = tables.get(step.map.table);
  if (table === undefined) throw new Error(`table ${step.map.table} was not loaded`);
  const missing = step.map.onMissing;
  const where = `map ${p.text} through ${step.map.table}`;
  return (m) => {
    for (const at of resolve(m, p)) {
      const value = getValue(m, at);
      if (value === undefined) continue; // nothing to look up
      let mapped = table.get(value);
      if (mapped === undefined) {
        if (missing === 'keep') continue;
        // The location and table, never the value: it is message content.
        if (missing === 'error') throw new PermanentError('TRANSFORM_FAILED', `${where}: no entry for the value at ${p.text}`);
        mapped = missing === 'empty' ? '' : missing.default;
      }
      const targets = to === undefined ? [at] : resolve(m, to);
      for (const target of targets) setValue(m, target, mapped, to?.text ?? p.text);
    }
  };
}

/**
 * Compiles validated steps (tables already loaded). The result edits a copy: the input bytes are
 * never changed. Edits that cannot apply to this message throw PermanentError TRANSFORM_FAILED.
 */
export function compileV2Edits(steps: readonly V2Step[], controlId: 'keep' | 'renew', tables: ReadonlyMap<string, LookupTable>): (message: Buffer, context: V2EditContext) => Buffer {
  const applied = steps.map((step) => compileStep(step, tables));
  const msh10 = parsed('MSH-10');
  return (message, context) => {
    if (applied.length === 0 && controlId === 'keep') return message;
    const m = parseEditable(message);
    for (const apply of applied) apply(m);
    if (controlId === 'renew') setValue(m, resolve(m, msh10)[0]!, renewedControlId(context.messageId, context.destinationId), 'MSH-10');
    return encodeEditable(m);
  };
}
