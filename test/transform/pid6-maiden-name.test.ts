/**
 * Review 60 R60-N1: PID-6 (Mother's Maiden Name, XPN, repeating) → the patient-mothersMaidenName extension via
 * XPN[string], which maps XPN.1 (the family name) only [IG PID[Patient] #6; IG XPN[string]: XPN.2–XPN.15 no target].
 * The mother's given name (XPN.2, Brazilian and Portuguese registrations send it) and a second repetition were read
 * and dropped without a report line; hig's rule (docs/mapping.md "Report") asks a line for every valued field, component
 * or repetition it reads and does not convert. XPN.7 `M` (maiden name) is what the extension says: no line.
 *
 *   npx vitest run test/transform/pid6-maiden-name.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const message = (pid6: string) => ['MSH|^~\\&|REG|H|HIG|H|20340509120000-0300||ADT^A04^ADT_A01|M1|P|2.5.1', 'EVN|A04|20340509120000', `PID|1||P1^^^H^MR||SILVA^ANA^^^^^L|${pid6}|19570214|F`, 'PV1|1|O'].join('\r');
const convert = (pid6: string) => convertHl7v2(message(pid6));
const lines = (r: ReturnType<typeof convertHl7v2>) => ((r.report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
const maiden = (r: ReturnType<typeof convertHl7v2>) => {
  const patient = (r.bundle.entry as { resource?: Json }[]).map((e) => e.resource as Json).find((x) => x?.resourceType === 'Patient') as Json;
  return ((patient.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith('patient-mothersMaidenName')).map((e) => e.valueString);
};

describe('R60-N1 [IG PID[Patient] #6; XPN[string] maps XPN.1 only] PID-6 left-out parts are reported, never dropped silently', () => {
  it('ARAÚJO^BENEDITA^^^^^M: the extension is ARAÚJO; one PID-6.2 line (the given name), none for XPN.7 M', () => {
    const r = convert('ARAÚJO^BENEDITA^^^^^M');
    expect(maiden(r)).toEqual(['ARAÚJO']);
    const pid6 = lines(r).filter((t) => t.startsWith('PID-6'));
    expect(pid6).toHaveLength(1);
    expect(pid6[0]).toMatch(/^PID-6\.2 /);
    expect(pid6.join()).not.toContain('BENEDITA');
  });
  it('a family name alone with XPN.7 M: no line', () => {
    const r = convert('ARAÚJO^^^^^^M');
    expect(maiden(r)).toEqual(['ARAÚJO']);
    expect(lines(r).filter((t) => t.startsWith('PID-6'))).toEqual([]);
  });
  it('second given name, suffix and a second repetition: each reported (6.3, 6.4, repetition 2); the first family name kept', () => {
    const r = convert('COSTA^MARIA^JOSE^FILHA~SOUZA');
    expect(maiden(r)).toEqual(['COSTA']);
    const pid6 = lines(r).filter((t) => t.startsWith('PID-6'));
    expect(pid6.map((t) => t.split(' ')[0] + (t.includes('repetition') ? ' repetition' : ''))).toEqual(['PID-6.2', 'PID-6.3', 'PID-6.4', 'PID-6 repetition']);
  });
  it('a given name without a family name: no extension, the given name reported', () => {
    const r = convert('^BENEDITA');
    expect(maiden(r)).toEqual([]);
    expect(lines(r).filter((t) => t.startsWith('PID-6'))).toHaveLength(1);
  });
});
