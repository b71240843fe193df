/**
 * The record a patient merge retires keeps the person (review 57 R57-N1). Every patient merge (A18, A34, A36, A39,
 * A40, A47) says MRG's record and PID's are one person (v2.5.1 3.3.34 "merge patient information - patient ID
 * only", 3.3.40 "merge patient - patient identifier list", 3.3.47 "change patient identifier list": one record's
 * identifier corrected). The retired record was PUT with MRG's identifiers, `active: false` and its `replaced-by`
 * link only, so on a full-PUT channel the name, sex and birth date the server held went, though the visits and
 * allergies filed under that record still name it (a receiver opening them saw a nameless patient; US Core Patient
 * requires name and gender). Now it carries the person as the message's PID states it [hig merge rule; FHIR R4
 * Patient.link replaced-by; no IG MRG[Patient] map], its name MRG-7 (prior patient name) when the sender gives it.
 * Expected values are the message's, written by hand.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Json = Record<string, unknown>;

const STRUCTURE: Record<string, string> = { A18: 'ADT_A18', A34: 'ADT_A30', A36: 'ADT_A30', A39: 'ADT_A39', A40: 'ADT_A39', A47: 'ADT_A30' };
function merge(event: string, mrg = 'MRG|KC0055120^^^KACLIN^MR'): string {
  return [
    `MSH|^~\\&|KACLIN|KACLIN|HIG|KACH|20331105164811-0800||ADT^${event}^${STRUCTURE[event] ?? ''}|M${event}|P|2.5.1`,
    `EVN|${event}|20331105164800-0800`,
    'PID|1||KC0055210^^^KACLIN^MR||TUPOU^SIONE^^^^^L||19640214|M|||650 Muldoon Rd Apt 12^^Anchorage^AK^99504^USA^H||^PRN^PH^^1^907^5550133',
    mrg,
    ...(event === 'A18' ? ['PV1|1|O'] : []),
  ].join('\r');
}
const patients = (m: string) => resources(convertHl7v2(m).bundle, 'Patient') as Json[];
const byMrn = (m: string, mrn: string) => patients(m).find((p) => JSON.stringify(p.identifier).includes(`"value":"${mrn}"`)) as Json;

describe('R57-N1 the retired record of a patient merge keeps the person [hig merge rule; v2.5.1 3.3.34-3.3.47]', () => {
  it.each(['A47', 'A40', 'A34', 'A36', 'A39', 'A18'])('%s: the retired KC0055120 is TUPOU, male, born 1964-02-14, at the PID\'s address and phone; inactive, replaced-by the survivor', (event) => {
    const m = merge(event);
    const old = byMrn(m, 'KC0055120');
    const survivor = byMrn(m, 'KC0055210');
    // [IG PID[Patient] #5, #7, #8, #11, #13] the person as the PID states her
    expect((old.name as Json[])[0]).toMatchObject({ family: 'TUPOU', given: ['SIONE'] });
    expect([old.gender, old.birthDate]).toEqual(['male', '1964-02-14']);
    expect((old.address as Json[])[0]).toMatchObject({ line: ['650 Muldoon Rd Apt 12'], city: 'Anchorage', postalCode: '99504' });
    expect(JSON.stringify(old.telecom)).toContain('5550133');
    // the retired record's own identifiers (MRG-1), none of the survivor's; retired, linked
    expect((old.identifier as Json[]).map((i) => i.value)).toEqual(['KC0055120']);
    expect(old.active).toBe(false);
    expect((old.link as Json[]).map((l) => l.type)).toEqual(['replaced-by']);
    // the survivor is unchanged by it: active (no `active: false`), `replaces` the retired record
    expect(survivor.active).toBeUndefined();
    expect((survivor.link as Json[]).map((l) => l.type)).toEqual(['replaces']);
  });

  it('MRG-7 (prior patient name) is the retired record\'s name when sent; the rest of the person is the PID\'s', () => {
    const old = byMrn(merge('A47', 'MRG|KC0055120^^^KACLIN^MR||||||TOPOU^SIONE'), 'KC0055120');
    expect((old.name as Json[]).map((n) => n.family)).toEqual(['TOPOU']);
    expect(old.birthDate).toBe('1964-02-14');
  });
});
