/**
 * Review 53 R53-N1 (docs/mapping-review-53.md): an ICU monitor gateway (IHE PCD-01) sends its vital signs under
 * ISO/IEEE 11073-10101 (MDC) codes alone, no LOINC beside them, so the R36-N1 rule (category `vital-signs` for a
 * LOINC code of FHIR R4's vital signs value set) categorised none of them and a receiver's
 * `Observation?category=vital-signs` flowsheet showed none of the ICU's readings.
 * [FHIR R4 observation-vitalsigns: category vital-signs 1..1 on a vital sign; US Core vital signs; the IG has no row]
 * An MDC code whose measured property is that of an R4 vital-sign LOINC code (the MDC term definitions, e.g. DK
 * core's IEEE basic observations: MDC_ECG_HEART_RATE "rate of cardiac beats" = 8867-4 heart rate) is a vital sign
 * too; a mean pressure (8478-0 is no code of the R4 set), a ventilator setting or any other MDC code is not, and
 * neither is an MDC-looking number under another coding system. Expected values by hand from the messages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Coding = { system?: string; code?: string };
type Concept = { coding?: Coding[] };
const dir = new URL('../../docs/review53/messages/', import.meta.url);
const sample = (n: string) => readFileSync(new URL(readdirSync(dir).find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('latin1');
const observations = (message: string) => resources(convertHl7v2(message).bundle, 'Observation');
const codes = (o: Record<string, unknown>) => ((o.code as Concept | undefined)?.coding ?? []).map((c) => c.code);
const categories = (o: Record<string, unknown>) => ((o.category as Concept[] | undefined) ?? []).flatMap((c) => c.coding ?? []);
const isVital = (o: Record<string, unknown>) => categories(o).some((c) => c.system === 'http://terminology.hl7.org/CodeSystem/observation-category' && c.code === 'vital-signs');
const vitalOf = (obs: Record<string, unknown>[], code: string) => {
  const found = obs.filter((o) => codes(o).includes(code));
  expect(found.length, code).toBeGreaterThan(0);
  return found.map(isVital);
};
/** #02 with its OBX-3 lines replaced by `obx` (OBX-3, OBX-5, OBX-6). */
const probe = (obx: [string, string, string][]) =>
  [...sample('02').split('\r').filter((s) => s !== '' && !s.startsWith('OBX|')), ...obx.map(([code, value, unit], i) => `OBX|${i + 1}|NM|${code}|1|${value}|${unit}|||||F|||20320925230000`)].join('\r');

describe('R53-N1: MDC vital signs carry category vital-signs [FHIR R4 observation-vitalsigns]', () => {
  it('#02: the monitor\'s heart rate (147842), SpO2 (150456), NIBP systolic/diastolic (150021/150022), resp rate (151562) and body temperature (150364) are vital signs; the NIBP mean (150023) is not', () => {
    const obs = observations(sample('02'));
    for (const code of ['147842', '150456', '150021', '150022', '151562', '150364']) expect(vitalOf(obs, code), code).not.toContain(false);
    expect(vitalOf(obs, '150023')).toEqual([false]);
  });

  it('an arterial line\'s systolic/diastolic (150037/150038) are vital signs, its mean (150039) is not; a ventilator\'s end-tidal CO2 (151708) is no vital sign', () => {
    const obs = observations(probe([
      ['150037^MDC_PRESS_BLD_ART_ABP_SYS^MDC', '118', 'mm[Hg]^mm[Hg]^UCUM'],
      ['150038^MDC_PRESS_BLD_ART_ABP_DIA^MDC', '61', 'mm[Hg]^mm[Hg]^UCUM'],
      ['150039^MDC_PRESS_BLD_ART_ABP_MEAN^MDC', '80', 'mm[Hg]^mm[Hg]^UCUM'],
      ['151708^MDC_AWAY_CO2_ET^MDC', '38', 'mm[Hg]^mm[Hg]^UCUM'],
    ]));
    expect(vitalOf(obs, '150037')).toEqual([true]);
    expect(vitalOf(obs, '150038')).toEqual([true]);
    expect(vitalOf(obs, '150039')).toEqual([false]);
    expect(vitalOf(obs, '151708')).toEqual([false]);
  });

  it('the same number under a local coding system is no MDC code: no category claimed', () => {
    const obs = observations(probe([['147842^Heart rate^L', '80', '/min^/min^UCUM']]));
    expect(vitalOf(obs, '147842')).toEqual([false]);
  });

  it('the category is claimed once when the LOINC rides beside the MDC code (CWE.4)', () => {
    const obs = observations(probe([['147842^MDC_ECG_HEART_RATE^MDC^8867-4^Heart rate^LN', '80', '/min^/min^UCUM']]));
    const [hr] = obs.filter((o) => codes(o).includes('147842'));
    expect(categories(hr ?? {}).filter((c) => c.code === 'vital-signs')).toHaveLength(1);
  });
});
