/**
 * JSON source data (the original gateway's `mappingId` + `sourceData`) → the same transaction
 * Bundle shape as HL7 v2, driven by declarative mapping files `mappings/<id>.json`
 * (source paths → FHIR paths with date formats, code maps, concatenation, defaults).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PermanentError } from '../../errors.js';
import { buildBundle } from '../bundle.js';
import { identifierId, ordinalId } from '../ids.js';
import type { ConvertOptions, ConvertResult } from '../contract.js';
import type { Json, Resource } from '../types.js';
import { readPath, writePath } from './paths.js';
import { type FieldRule, MappingFile } from './schema.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, MappingFile>();

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 60);
}

/** Finds mappings/<id>.json in the given dir, else next to the repository (src or dist layout). */
function mappingFile(id: string, dir: string | undefined): string | undefined {
  const dirs = dir !== undefined ? [dir] : [path.resolve(here, '../../../mappings'), path.resolve(here, '../../../../mappings'), path.resolve(process.cwd(), 'mappings')];
  for (const d of dirs) {
    const f = path.join(d, `${id}.json`);
    if (existsSync(f)) return f;
  }
  return undefined;
}

export function loadMapping(mappingId: string, dir?: string): MappingFile {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(mappingId) || mappingId.includes('..')) {
    throw new PermanentError('MAPPING_NOT_FOUND', `mapping ${safeId(mappingId)} not found`);
  }
  const file = mappingFile(mappingId, dir);
  if (file === undefined) throw new PermanentError('MAPPING_NOT_FOUND', `mapping ${mappingId} not found`);
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new PermanentError('MAPPING_FAILED', `mapping ${mappingId} is not valid JSON`);
  }
  const parsed = MappingFile.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new PermanentError('MAPPING_FAILED', `mapping ${mappingId} is invalid at ${where}`);
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

/** Parses a date written in `layout` (tokens YYYY, MM, DD) into a FHIR date. */
export function formatDate(value: string, layout: string): string | undefined {
  const order: string[] = [];
  const pattern = layout.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/YYYY|MM|DD/g, (t) => {
    order.push(t);
    return t === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
  });
  const m = new RegExp(`^${pattern}$`).exec(value.trim());
  if (m === null) return undefined;
  const part = (t: string): string => m[order.indexOf(t) + 1] ?? '';
  const y = part('YYYY');
  const mo = part('MM').padStart(2, '0');
  const d = part('DD').padStart(2, '0');
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() + 1 !== Number(mo) || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${mo}-${d}`;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

function fieldValue(rule: FieldRule, source: unknown, made: Map<string, Resource>): unknown {
  if (rule.reference !== undefined) {
    const target = made.get(rule.reference);
    return target === undefined ? undefined : { reference: `urn:uuid:${target.id ?? ''}` };
  }
  let v: unknown = rule.value;
  if (rule.source !== undefined) v = readPath(source, rule.source);
  if (rule.concat !== undefined) {
    const parts = rule.concat.map((p) => readPath(source, p)).filter(present).map(String);
    v = parts.length > 0 ? parts.join(rule.separator ?? ' ') : undefined;
  }
  if (present(v) && rule.transform !== undefined) {
    const t = rule.transform;
    let s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    if (s === undefined) return undefined;
    if (t.trim === true) s = s.trim();
    if (t.case === 'upper') s = s.toUpperCase();
    if (t.case === 'lower') s = s.toLowerCase();
    if (t.map !== undefined) s = t.map[s];
    if (s !== undefined && t.date !== undefined) s = formatDate(s, t.date);
    v = s;
  }
  if (!present(v) && rule.default !== undefined) v = rule.default;
  if (v !== null && typeof v === 'object') return undefined; // only scalars are mapped; objects are not copied wholesale
  return present(v) ? v : undefined;
}

export function convertSourceData(mappingId: string | number, sourceData: unknown, options: ConvertOptions & { mappingsDir?: string } = {}): ConvertResult {
  const id = String(mappingId);
  const mapping = loadMapping(id, options.mappingsDir);
  if (sourceData === null || typeof sourceData !== 'object') throw new PermanentError('MAPPING_FAILED', `mapping ${id}: sourceData must be a JSON object`);
  const made = new Map<string, Resource>();
  const resources: Resource[] = [];
  const scope = createHash('sha256').update(JSON.stringify(sourceData)).digest('hex').slice(0, 16);
  mapping.resources.forEach((rule, i) => {
    const r: Json = { resourceType: rule.resourceType };
    let rid: string;
    const keyValue = rule.key === undefined ? undefined : readPath(sourceData, rule.key.source);
    if (rule.key !== undefined && (typeof keyValue === 'string' || typeof keyValue === 'number')) rid = identifierId(rule.resourceType, rule.key.system, String(keyValue));
    else rid = ordinalId(rule.resourceType, `json|${id}|${scope}`, i + 1);
    r.id = rid;
    made.set(rule.resourceType, made.get(rule.resourceType) ?? (r as Resource));
    for (const f of rule.fields) {
      const v = fieldValue(f, sourceData, made);
      if (v === undefined) {
        if (f.required === true) throw new PermanentError('MAPPING_FAILED', `mapping ${id}: required source ${f.source ?? f.concat?.join('+') ?? f.target} is missing or invalid`);
        continue;
      }
      writePath(r, f.target, v);
    }
    resources.push(r as Resource);
  });
  const bundle = buildBundle(resources, { controlId: undefined, controlIdSystem: '', timestamp: undefined }, options.conditionalUpdate === true);
  const used = mapping.resources.flatMap((r) => r.fields.flatMap((f) => [f.source, ...(f.concat ?? [])])).filter((x): x is string => x !== undefined);
  const unusedKeys = Object.keys(sourceData as Record<string, unknown>).filter((k) => !used.some((u) => u === k || u.startsWith(`${k}.`) || u.startsWith(`${k}[`)));
  const issue = unusedKeys.length === 0
    ? [{ severity: 'information', code: 'informational', details: { text: 'every source property was mapped' } }]
    : unusedKeys.map((k) => ({ severity: 'information', code: 'informational', details: { text: `source property ${k} is not mapped` }, location: [k] }));
  return { bundle, report: { resourceType: 'OperationOutcome', issue }, messageType: `json:${id}`, structure: id, version: mapping.version ?? '1' };
}
