/**
 * PV1-45 discharge time (review 6: read and dropped without a report line on a planned visit,
 * ADT-A05-02 / ADT-A14-02). [IG PV1[Encounter] PV1-45 → period.end; IF PV1-45 VALUED status =
 * "finished"] is the discharge that happened: only a finished visit takes it; where the trigger
 * event (Event[EncounterStatus]) or PV1-2 says the visit has not ended, the value is reported.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

function adt(event: string, structure: string, pv1: string): string {
  return [
    `MSH|^~\\&|HIS|GH|EHR|GH|20260105093000+0100||ADT^${event}^${structure}|DT${event}|P|2.8`,
    `EVN|${event}|20260105093000+0100`,
    'PID|1||P45^^^GH^MR||ROE^JANE||19800202|F',
    pv1,
  ].join('\r');
}
const pv1 = (cls: string, admit: string, discharge: string): string => `PV1|1|${cls}|W1^1^1^GH||||||||||||||||V45^^^GH^VN|||||||||||||||||||||||||${admit}|${discharge}`;

function reported(message: string): boolean {
  const { report } = convertHl7v2(message);
  return ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).some((i) => (i.details?.text ?? '').startsWith('PV1-45 (segment 4)'));
}

describe('PV1-45 discharge time [IG PV1[Encounter] PV1-45 → period.end]', () => {
  it.each([
    // event, structure, class, PV1-44, PV1-45 → status, period.end, reported
    ['A03', 'ADT_A03', 'I', '20260101080000+0100', '20260105090000+0100', 'finished', '2026-01-05T09:00:00+01:00', false],
    ['A08', 'ADT_A01', 'I', '20260101080000+0100', '20260105090000+0100', 'finished', '2026-01-05T09:00:00+01:00', false],
    ['A05', 'ADT_A05', 'I', '', '20260110090000+0100', 'planned', undefined, true],
    ['A14', 'ADT_A05', 'I', '', '20260110090000+0100', 'planned', undefined, true],
    ['A04', 'ADT_A01', 'P', '', '20260110090000+0100', 'planned', undefined, true],
    ['A11', 'ADT_A09', 'I', '20260101080000+0100', '20260105090000+0100', 'cancelled', undefined, true],
    ['A13', 'ADT_A01', 'I', '20260101080000+0100', '20260105090000+0100', 'in-progress', undefined, true],
    // an end before the start is no period (FHIR per-1): the start stays, the end is reported
    ['A03', 'ADT_A03', 'I', '20260106080000+0100', '20260105090000+0100', 'finished', undefined, true],
    ['A05', 'ADT_A05', 'I', '', '', 'planned', undefined, false],
  ])('%s (%s) PV1-2 %s, PV1-44 %j, PV1-45 %j → %s, period.end %j, reported %j', (event, structure, cls, admit, discharge, status, end, isReported) => {
    const m = adt(event, structure, pv1(cls, admit, discharge));
    const encounter = resources(convertHl7v2(m).bundle, 'Encounter')[0];
    expect(encounter?.status).toBe(status);
    expect((encounter?.period as { end?: string } | undefined)?.end).toBe(end);
    expect(reported(m)).toBe(isReported);
  });
});
