/**
 * A review's whole sample (docs/reviewNN/messages/, in file order) converted with default options and
 * delivered as FHIR transactions through the FHIR destination to the in-repo test FHIR server: what
 * the server holds afterwards is what the review's destination tests read. One owner for the setup
 * reviews 24–26 had each written. The destination keeps the Patients it linked in real Redis, as the
 * daemon's do (destinations/held-links.ts; review 33 R33-L1), under a prefix of its own dropped on close.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import { redisLinkedPatients } from '../../src/destinations/index.js';
import { type ConvertOptions, convertHl7v2 } from '../../src/transform/index.js';
import { never } from '../destinations/helpers.js';
import { createDestination } from '../destinations/push.js';
import { startFhirServer } from './fhir-server.js';
import { dropPrefix, REDIS_URL, testPrefix } from './redis.js';

type Json = Record<string, unknown>;

export interface SampleDelivery {
  /** `file: message` of each transaction the destination failed. */
  failures: string[];
  /** The files the converter refused, as `name` gives them. */
  refused: string[];
  held(type: string): Json[];
  /** The held resources of `type` with an identifier of that value. */
  byIdentifier(type: string, value: string): Json[];
  close(): Promise<void>;
}

/** What a review sets beyond the defaults: its channel's conversion options, bytes, per-message snapshots. */
export interface SampleOptions {
  /** The channel's conversion options (a zone for the sample's bare times…). */
  convert?: ConvertOptions;
  /** Hand the converter each file's bytes, so MSH-18 decides the charset (UTF-8 samples), not a latin1 string. */
  bytes?: boolean;
  /** Called after each file (delivered or not) with a copy of what the server then holds. */
  afterEach?: (file: string, held: Json[]) => void;
}

export async function deliverSample(dir: URL, name: (file: string) => string = (f) => f, options: SampleOptions = {}): Promise<SampleDelivery> {
  const server = await startFhirServer();
  const redis = new Redis(REDIS_URL);
  const prefix = testPrefix('review-delivery');
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } }, process.env, { linkedPatients: redisLinkedPatients(redis, prefix) });
  const failures: string[] = [];
  const refused: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.hl7')).sort()) {
    const raw = readFileSync(new URL(f, dir));
    let bundle;
    try {
      ({ bundle } = convertHl7v2(options.bytes === true ? raw : raw.toString('latin1'), options.convert));
    } catch {
      refused.push(name(f));
    }
    if (bundle !== undefined) {
      try {
        await destination.deliver(bundle, never);
      } catch (e) {
        failures.push(`${f}: ${(e as Error).message}`);
      }
    }
    options.afterEach?.(f, structuredClone([...server.resources.values()]) as Json[]);
  }
  const held = (type: string) => [...server.resources.values()].filter((r) => r.resourceType === type) as Json[];
  return {
    failures,
    refused,
    held,
    byIdentifier: (type, value) => held(type).filter((r) => JSON.stringify(r.identifier ?? []).includes(`"value":"${value}"`)),
    close: async () => {
      await destination.close();
      await server.close();
      await dropPrefix(prefix);
      redis.disconnect();
    },
  };
}

/**
 * Readers of the snapshots a review's `afterEach` keeps (message number → the resources the server held after it),
 * one owner for what reviews 39–43 each wrote: `one` asserts exactly one resource of that type and identifier value.
 */
export function snapshotReaders(after: ReadonlyMap<string, Json[]>) {
  const text = (x: unknown) => JSON.stringify(x ?? null);
  const ref = (r: Json | undefined) => `${String(r?.resourceType)}/${String(r?.id)}`;
  const ofType = (n: string, type: string) => (after.get(n) ?? []).filter((r) => r.resourceType === type);
  const withId = (n: string, type: string, value: string) => ofType(n, type).filter((r) => text(r.identifier).includes(`"value":"${value}"`));
  const one = (n: string, type: string, value: string) => {
    const found = withId(n, type, value);
    expect(found, `${type} ${value} after #${n}`).toHaveLength(1);
    return found[0] as Json;
  };
  const refOf = (x: unknown) => String((x as Json | undefined)?.reference);
  /** A CodeableConcept's codes. */
  const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
  /** A FHIR time as an instant (ms), NaN when absent: times are compared as instants, never as text. */
  const at = (t: unknown) => (typeof t === 'string' ? Date.parse(t) : Number.NaN);
  /** The resource a reference names, as the server held it after message n. */
  const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
  /** The one DiagnosticReport of that number, its results, and its result of one code, after message n. */
  const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
  const results = (n: string, number: string) => ((report(n, number).result as Json[] | undefined) ?? []).map((r) => byRef(n, r) as Json);
  const result = (n: string, number: string, code: string) => results(n, number).find((o) => codes(o.code).includes(code)) as Json;
  return { text, ref, ofType, withId, one, refOf, codes, at, byRef, report, results, result };
}
