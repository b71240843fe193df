/**
 * OML_O21 bare prior results (structures/prior-result.ts): only an OBR that is a result is moved
 * under the test before it as PRIOR_RESULT.ORDER_PRIOR. [v2.5.1 OML_O21 grammar: ORDER_PRIOR([ORC]
 * OBR … {OBSERVATION_PRIOR(OBX …)}): the OBX is required]; [v2 table 0123: O, I, S say "no
 * results available"]. A further test of the ORC keeps its ORC (ORC-12 → requester) and is no
 * supportingInfo of the first.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

/** OBR with OBR-2, OBR-4, OBR-22 and OBR-25 valued. */
function obr(n: number, placer: string, code: string, status = '', reported = ''): string {
  const f: string[] = Array.from({ length: 25 }, () => '');
  f[0] = String(n);
  f[1] = placer;
  f[3] = code;
  f[21] = reported;
  f[24] = status;
  return `OBR|${f.join('|')}`;
}

function requests(second: string[]) {
  const msg = [
    'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||OML^O21^OML_O21|PR1|P|2.5.1',
    'PID|1||MRN61^^^HOSP^MR||DOE^JANE||19800101|F',
    'ORC|NW|PL61^CPOE||||||||||1234^DOC^ANN',
    obr(1, 'PL61^CPOE', '2345-7^Glucose^LN'),
    ...second,
  ].join('\r');
  const srs = resources(convertHl7v2(msg).bundle, 'ServiceRequest') as { identifier?: { value?: string }[]; requester?: unknown; supportingInfo?: unknown[] }[];
  const byPlacer = (v: string) => srs.find((s) => s.identifier?.some((i) => i.value === v));
  return { first: byPlacer('PL61'), second: byPlacer('PL62') };
}

describe('OML_O21: which later OBR is a prior result', () => {
  it.each([
    ['OBR-25 I, no OBX', [obr(2, 'PL62^CPOE', '2951-2^Sodium^LN', 'I')]],
    ['OBR-25 S with an OBX', [obr(2, 'PL62^CPOE', '2951-2^Sodium^LN', 'S'), 'OBX|1|NM|2951-2^Sodium^LN||140|mmol/L']],
    ['OBR-25 F, no OBX', [obr(2, 'PL62^CPOE', '2951-2^Sodium^LN', 'F')]],
    ['OBR-22 only, no OBX', [obr(2, 'PL62^CPOE', '2951-2^Sodium^LN', '', '20240601')]],
  ])('%s: one more test of the ORC (its requester), not a prior result', (_name, second) => {
    const { first, second: other } = requests(second);
    expect(other?.requester).toBeDefined();
    expect(first?.supportingInfo).toBeUndefined();
  });

  it('OBR-25 F with its OBX: a prior result the test points at, without the ORC', () => {
    const { first, second: other } = requests([obr(2, 'PL62^CPOE', '2951-2^Sodium^LN', 'F'), 'OBX|1|NM|2951-2^Sodium^LN||140|mmol/L|||||F']);
    expect(other?.requester).toBeUndefined();
    expect(first?.supportingInfo).toHaveLength(1);
  });
});
