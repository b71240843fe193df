import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
