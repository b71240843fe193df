/**
 * What the equality checks (dump.ts, same-output.ts) share: which message files they read, the channel option sets
 * each message is converted under, and the one JSON line a message gives (the ConvertResult with the validateBundle
 * issues plain and with US Core, or the refusal's code and message), so two checkouts' lines compare byte for byte.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Message files under dir, recursively, in a fixed order. */
export function messageFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      if (statSync(p).isDirectory()) return messageFiles(p);
      return /\.(hl7|hl7v2|txt)$/i.test(n) ? [p] : [];
    });
}

/** The defaults, and a channel that sets every option that changes the output. */
export const OPTION_SETS: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['default', {}],
  ['chicago+conditional+keep', { timezone: 'America/Chicago', conditionalUpdate: true, omittedFields: 'keep', namespaceMap: { HOSP: 'urn:oid:1.2.3.4' } }],
];

export type Convert = (m: Buffer, o?: Record<string, unknown>) => { bundle: Record<string, unknown> };
export type Validate = (b: Record<string, unknown>, o?: { usCore?: boolean }) => unknown[];

/** One message's line: its result and issues, or its refusal. */
export function resultLine(convert: Convert, validate: Validate, id: string, options: readonly [string, Record<string, unknown>], msg: Buffer): string {
  let line: unknown;
  try {
    const r = convert(msg, options[1]);
    line = { id, options: options[0], result: r, issues: validate(r.bundle), usCore: validate(r.bundle, { usCore: true }) };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    line = { id, options: options[0], error: { code: err.code, message: err.message } };
  }
  return JSON.stringify(line);
}
