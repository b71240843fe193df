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

/**
 * Identity of an OBR without placer/filler numbers (docs/mapping.md "Resource identity",
 * identity.ts orderKey): never the message's MSH-10, so a resend or a correction PUTs to the same
 * URL. [IG OML_O21 PRIOR_RESULT.ORDER_PRIOR] a prior result without OBR-7 is identified within the
 * test it is sent with (+ OBR-4, + its position); with OBR-7 by patient + OBR-4 + OBR-7 wherever it
 * is sent; [IG OBR[DiagnosticReport]] a report without numbers and OBR-7 is the report of its request.
 */
describe('an OBR without order numbers keeps its id across messages', () => {
  const oml = (controlId: string, priors: string[], test = '2345-7^Glucose^LN', placer = 'PL61', pid = 'PID|1||MRN61^^^HOSP^MR||DOE^JANE||19800101|F') =>
    [`MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||OML^O21^OML_O21|${controlId}|P|2.5.1`, pid, `ORC|NW|${placer}^CPOE||||||||||1234^DOC^ANN`, obr(1, `${placer}^CPOE`, test), ...priors].join('\r');
  /** A prior result (OBR-25 `status`, OBR-7 `obr7`, no numbers) with its OBX. */
  const sodium = (status = 'F', obr7 = '') => [obr(2, '', '2951-2^Sodium^LN', status).replace(/^((?:[^|]*\|){7})/, `$1${obr7}`), 'OBX|1|NM|2951-2^Sodium^LN||140|mmol/L|||||F'];
  /** Request URLs of the entries of `type`, sorted. */
  const urls = (msg: string, type: string) =>
    (convertHl7v2(msg).bundle.entry as { resource: { resourceType: string }; request: { url: string } }[]).filter((e) => e.resource.resourceType === type).map((e) => e.request.url).sort();

  it.each([
    ['a prior result, no numbers, no OBR-7: resend under a new MSH-10', true, oml('PR1', sodium()), oml('PR2', sodium())],
    ['a prior result, no numbers, no OBR-7: its correction (OBR-25 C)', true, oml('PR1', sodium('F')), oml('PR3', sodium('C'))],
    ['two prior results of one code, no OBR-7: resend (positions #1/#2 kept)', true, oml('PR1', [...sodium(), ...sodium()]), oml('PR4', [...sodium(), ...sodium()])],
    ['a prior result with OBR-7 (patient + OBR-4 + OBR-7), sent with another test', true, oml('PR1', sodium('F', '20240501080000')), oml('PR5', sodium('F', '20240501080000'), '2093-3^Cholesterol^LN', 'PL99')],
    ['a prior result without OBR-7, sent with another test (another placer number)', false, oml('PR1', sodium()), oml('PR6', sodium(), '2093-3^Cholesterol^LN', 'PL99')],
    ['no patient (PID without PID-3), a prior result without OBR-7: resend', true, oml('PR1', sodium(), undefined, undefined, 'PID|1'), oml('PR7', sodium(), undefined, undefined, 'PID|1')],
  ])('%s: the same prior ServiceRequest and Observation = %s', (_name, same, a, b) => {
    for (const type of ['ServiceRequest', 'Observation']) {
      // the prior results' resources: all but the test's own request (MSH, PID, ORC, OBR alone)
      const priors = (msg: string) => {
        const test = urls(msg.split('\r').slice(0, 4).join('\r'), type);
        return urls(msg, type).filter((u) => !test.includes(u));
      };
      const first = priors(a);
      expect(first.length, type).toBeGreaterThan(0);
      // two prior results of one code are two resources, not one
      expect(new Set(first).size, type).toBe(first.length);
      if (same) expect(priors(b), type).toEqual(first);
      else expect(priors(b), type).not.toEqual(first);
    }
  });

  it('[IG OBR[DiagnosticReport] #7, OBR[ServiceRequest] #6] ORU: a report without numbers and OBR-7, with OBR-6, is the report of its request: same URLs in a resend', () => {
    const oru = (controlId: string) =>
      [
        `MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240601120000-0500||ORU^R01^ORU_R01|${controlId}|P|2.5.1`,
        'PID|1||MRN61^^^HOSP^MR||DOE^JANE||19800101|F',
        'OBR|1|||2345-7^Glucose^LN||20240601080000|||||||||||||||||||F',
        'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|||||F',
      ].join('\r');
    for (const type of ['ServiceRequest', 'DiagnosticReport', 'Observation']) {
      expect(urls(oru('R1'), type), type).toHaveLength(1);
      expect(urls(oru('R2'), type), type).toEqual(urls(oru('R1'), type));
    }
  });
});
