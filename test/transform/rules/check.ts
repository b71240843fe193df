/**
 * Small assertions over a Bundle for the MAPPING-RULES table: each returns the failures it finds
 * (empty = the rule holds), so a rule's check reads as a list of facts a reviewer looks for.
 */
import { type Json, matches } from '../case-match.js';

export interface Entry {
  fullUrl?: string;
  resource?: Json & { resourceType: string };
  request: { method: string; url: string };
}

const noLabels = new Map<string, string>();

export function entriesOf(bundle: Json): Entry[] {
  return (bundle.entry as Entry[] | undefined) ?? [];
}

/** Entries holding a resource of `type` that matches `match` (case-match.ts rules). */
export function find(bundle: Json, type: string, match: Json = {}): Entry[] {
  return entriesOf(bundle).filter((e) => e.resource?.resourceType === type && matches(match, e.resource, noLabels));
}

export function resourcesOf(bundle: Json, type: string, match: Json = {}): Json[] {
  return find(bundle, type, match).map((e) => e.resource as Json);
}

const show = (m: Json): string => JSON.stringify(m).slice(0, 160);

export function some(bundle: Json, type: string, match: Json, what = ''): string[] {
  return find(bundle, type, match).length > 0 ? [] : [`no ${type} ${what || show(match)}`];
}

export function none(bundle: Json, type: string, match: Json, what = ''): string[] {
  const n = find(bundle, type, match).length;
  return n === 0 ? [] : [`${n} ${type} ${what || show(match)} (must be none)`];
}

export function exactly(bundle: Json, type: string, count: number, match: Json = {}): string[] {
  const n = find(bundle, type, match).length;
  return n === count ? [] : [`${n} ${type} ${show(match)}, wanted ${count}`];
}

/** The single entry matching, or undefined (a failure is reported by the caller via `one`). */
export function the(bundle: Json, type: string, match: Json = {}): Entry | undefined {
  const found = find(bundle, type, match);
  return found.length === 1 ? found[0] : undefined;
}

/** `{ reference }` of an entry: what a Reference to it must say inside this Bundle. */
export function refTo(e: Entry | undefined): Json {
  return { reference: e?.fullUrl ?? '(missing)' };
}

/** A code in a CodeableConcept, as a match object. */
export const code = (c: string, system?: string): Json => ({ coding: [system === undefined ? { code: c } : { system, code: c }] });

export const coded = (c: string): Json => ({ code: code(c) });

/** An Identifier of v2-0203 type `t` with value `v`. */
export const typedId = (t: string, v: string): Json => ({ type: code(t), value: v });

/** Every value of `key` anywhere in a JSON value (e.g. every contentType). */
export function valuesOf(value: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) valuesOf(v, key, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.push(v);
      valuesOf(v, key, out);
    }
  }
  return out;
}

/** Every object anywhere in a JSON value that has `key`. */
export function objectsWith(value: unknown, key: string, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const v of value) objectsWith(v, key, out);
  else if (typeof value === 'object' && value !== null) {
    if (key in value) out.push(value as Json);
    for (const v of Object.values(value)) objectsWith(v, key, out);
  }
  return out;
}

/** The entry a Reference points at inside the Bundle. */
export function resolve(bundle: Json, ref: unknown): Entry | undefined {
  const r = (ref as { reference?: string } | undefined)?.reference;
  return r === undefined ? undefined : entriesOf(bundle).find((e) => e.fullUrl === r);
}

export function fail(ok: boolean, message: string): string[] {
  return ok ? [] : [message];
}
