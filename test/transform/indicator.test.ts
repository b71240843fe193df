/**
 * Yes/No indicators (table 0136: Y, N) are read as the table defines them; any other value is
 * reported, never guessed and never dropped without a line (review 5: ADT01-23's PID-30 `NO`).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function patient(field: number, value: string): { p: Json; report: string } {
  const pid = ['PID', '1', '', 'MRN1^^^HOSP^MR', '', 'DOE^JANE', '', '19800215', 'F'];
  while (pid.length <= field) pid.push('');
  pid[field] = value;
  const { bundle, report } = convertHl7v2([`MSH|^~\\&|A|B|C|D|20240101||ADT^A08^ADT_A01|YN${field}${value}|P|2.5.1`, 'EVN|A08|20240101', pid.join('|')].join('\r'));
  const p = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Patient')!;
  return { p, report: JSON.stringify(report) };
}

describe('table 0136 indicators', () => {
  it('[IG PID[Patient] #30] PID-30 Y → deceasedBoolean true, N → false', () => {
    expect(patient(30, 'Y').p.deceasedBoolean).toBe(true);
    expect(patient(30, 'N').p.deceasedBoolean).toBe(false);
  });

  it.each(['NO', 'YES', '1', 'U'])('PID-30 "%s" is not read as a yes or no: reported, without its value', (value) => {
    const { p, report } = patient(30, value);
    expect(p.deceasedBoolean).toBeUndefined();
    expect(report).toContain('PID-30');
    expect(report).not.toContain(`"${value}"`);
  });

  it('[IG PID[Patient] #24] PID-24 other than Y/N is reported too', () => {
    const { p, report } = patient(24, 'X');
    expect(p.multipleBirthBoolean).toBeUndefined();
    expect(report).toContain('PID-24');
  });
});

describe('PD1-12 N beside an ARV restriction (code review 2: same class as PV2-22 N, 381d044)', () => {
  it('a Patient carries no `normal` label beside the ARV\'s `restricted` one; PD1-12 N stays in the extension', () => {
    const message = [
      'MSH|^~\\&|A|B|C|D|20240101||ADT^A08^ADT_A01|YNPD1|P|2.8',
      'EVN|A08|20240101',
      'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F',
      `PD1${'|'.repeat(12)}N`, // PD1-12
      'ARV|1|A|ALL^All^HL70717|PAT^Patient request^HL70719',
    ].join('\r');
    const p = (convertHl7v2(message).bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Patient')!;
    const labels = (((p.meta as Json | undefined)?.security ?? []) as Json[]).map((l) => l.code);
    expect(labels).toContain('R');
    expect(labels).not.toContain('N');
    expect(JSON.stringify(p.extension)).toContain('"valueBoolean":false');
  });
});
