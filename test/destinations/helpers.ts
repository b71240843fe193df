/** Shared bits of the destination suites: sample bundles, keys, error capture. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A name and SSN that must never show in an error message (PHI canary). */
export const canary = { family: 'Canaryman', ssn: '999-12-3456' };

export function patient(id: string): Record<string, unknown> {
  return {
    resourceType: 'Patient',
    id,
    identifier: [{ system: 'http://hospital.example/mrn', value: `MRN-${id}` }, { system: 'http://hl7.org/fhir/sid/us-ssn', value: canary.ssn }],
    name: [{ family: canary.family, given: ['Test'] }],
  };
}

/** Patient + Observation by deterministic id, and an Encounter by conditional update on its identifier. */
export function sampleBundle(suffix = '1', type: 'transaction' | 'batch' = 'transaction'): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type,
    entry: [
      { fullUrl: `Patient/pat-${suffix}`, resource: patient(`pat-${suffix}`), request: { method: 'PUT', url: `Patient/pat-${suffix}` } },
      {
        fullUrl: `Observation/obs-${suffix}`,
        resource: {
          resourceType: 'Observation',
          id: `obs-${suffix}`,
          status: 'final',
          code: { text: 'glucose' },
          subject: { reference: `Patient/pat-${suffix}` },
        },
        request: { method: 'PUT', url: `Observation/obs-${suffix}` },
      },
      {
        resource: {
          resourceType: 'Encounter',
          status: 'finished',
          identifier: [{ system: 'http://hospital.example/visit', value: `V-${suffix}` }],
          subject: { reference: `Patient/pat-${suffix}` },
        },
        request: { method: 'PUT', url: `Encounter?identifier=http://hospital.example/visit|V-${suffix}` },
      },
    ],
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hig-dest-'));
}

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM written to a temp file. */
  file: string;
}

/** RS384 → RSA 2048, ES384 → EC P-384; written as PKCS#8 PEM (or JWK JSON). */
export function testKey(alg: 'RS384' | 'ES384', format: 'pem' | 'jwk' = 'pem'): TestKey {
  const { privateKey, publicKey } =
    alg === 'RS384'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const file = join(tempDir(), format === 'pem' ? 'key.pem' : 'key.jwk.json');
  writeFileSync(
    file,
    format === 'pem'
      ? (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
      : JSON.stringify(privateKey.export({ format: 'jwk' })),
  );
  return { privateKey, publicKey, file };
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err as Error & Record<string, unknown>;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected the delivery to fail, but it succeeded');
}

export const never = new AbortController().signal;

/** An ADT^A01 with the PHI canary in PID-5 and PID-19, so any leak of content into logs or errors shows. */
export function adt(controlId: string): Buffer {
  return Buffer.from(
    [
      `MSH|^~\\&|HIS|HOSP|LAB|LAB|20240101120000||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
      'EVN|A01|20240101120000',
      `PID|1||123^^^HOSP^MR||${canary.family}^JOHN||19800101|M|||||||||||${canary.ssn}`,
      'PV1|1|I|WARD1^101^A',
    ].join('\r') + '\r',
  );
}

/**
 * An MDM message of `event` about one inpatient (PID-3 `mrn`), its TXA the fields `txa` gives (field number →
 * value), with one TX OBX of `text` and code `obx` (structure MDM_T02), or none (MDM_T01: a notification).
 */
export function mdmMessage(id: string, event: string, mrn: string, txa: Record<number, string>, text?: string, obx = '11490-0^Discharge summary^LN'): string {
  const structure = text === undefined ? 'MDM_T01' : 'MDM_T02';
  const fields = Array.from({ length: 26 }, (_, i) => (i === 0 ? 'TXA' : (txa[i] ?? '')));
  return [
    `MSH|^~\\&|EPIC|NMH|HIG|NMH|20261206101500-0600||MDM^${event}^${structure}|${id}|P|2.5.1`,
    `EVN|${event}|20261206101500-0600`,
    `PID|1||${mrn}^^^NMH^MR||OKAFOR^GRACE||19750302|F`,
    'PV1|1|I|4W^412^A',
    fields.join('|').replace(/\|+$/, ''),
    ...(text === undefined ? [] : [`OBX|1|TX|${obx}||${text}||||||F`]),
  ].join('\r');
}
