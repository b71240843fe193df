import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The shared corpus sits beside the repository (read-only): `../shared/corpus` from the main
 * checkout, `../../shared/corpus` from a worktree under `wt/`.
 */
export const corpusRoot = ['../shared/corpus', '../../shared/corpus'].map((p) => path.resolve(repoRoot, p)).find((p) => existsSync(p)) ?? path.resolve(repoRoot, '../shared/corpus');

export type Entry = { fullUrl: string; resource: Record<string, unknown> & { resourceType: string; id?: string }; request: { method: string; url: string } };

/** A DELETE entry (A29, A23) has a request and no resource. */
export type DeleteEntry = { request: { method: 'DELETE'; url: string } };

/** The entries that carry a resource (PUT); DELETE entries are in `deletes`. */
export function entries(bundle: Record<string, unknown>): Entry[] {
  return ((bundle.entry as (Entry | DeleteEntry)[] | undefined) ?? []).filter((e): e is Entry => 'resource' in e && e.resource !== undefined);
}

export function deletes(bundle: Record<string, unknown>): DeleteEntry[] {
  return ((bundle.entry as (Entry | DeleteEntry)[] | undefined) ?? []).filter((e): e is DeleteEntry => e.request.method === 'DELETE');
}

export function resources(bundle: Record<string, unknown>, type: string): Entry['resource'][] {
  return entries(bundle)
    .map((e) => e.resource)
    .filter((r) => r.resourceType === type);
}

/** Finds any empty string, array or object anywhere in a JSON value; returns its path. */
export function findEmpty(value: unknown, at = '$'): string | undefined {
  if (value === '' || value === null) return at;
  if (Array.isArray(value)) {
    if (value.length === 0) return at;
    for (let i = 0; i < value.length; i++) {
      const p = findEmpty(value[i], `${at}[${i}]`);
      if (p !== undefined) return p;
    }
  } else if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0) return at;
    for (const k of keys) {
      const p = findEmpty((value as Record<string, unknown>)[k], `${at}.${k}`);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

/** A segment from its fields by position (`seg('PV1', {2: 'I', 19: 'V1'})`). */
export function seg(name: string, fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  return [name, ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
}

/** Converts the segments as one message; the Bundle must validate; returns it with the report's lines. */
export function convertChecked(...segments: string[]): { bundle: Record<string, unknown>; lines: string[] } {
  const { bundle, report } = convertHl7v2(segments.join('\r'));
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { bundle, lines };
}

/** The urn:uuid references of a Bundle that name no entry's fullUrl (a resource renamed without its references). */
export function danglingReferences(bundle: Record<string, unknown>): string[] {
  const fullUrls = new Set(entries(bundle).map((e) => e.fullUrl));
  const dangling: string[] = [];
  JSON.stringify(bundle, (k, v: unknown) => {
    if (k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:') && !fullUrls.has(v)) dangling.push(v);
    return v;
  });
  return dangling;
}
