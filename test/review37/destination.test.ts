/**
 * Review 37 (issue 14): the whole sample (docs/review37/messages/, 01 → 24 in order) converted on a channel in
 * America/Denver (the zone the senders' bare times are in: the CPOE sends no offset at all) and delivered as FHIR
 * transactions to the in-repo test FHIR server (test/support/fhir-server.ts); what the server holds after each message,
 * read against the messages and the IG rows named. Visit events (A04 → A08 → A06 → A02, A04 → A03, A04 → A11), order
 * events (NW → CA, NW → result, corrected result), the A40 merge and what each result, administration and document is
 * attached to are judged here. R37-W3 is fixed (gap27); R37-W1 (fixmerge27) and R37-W2 (fixxo27, the XO that changes
 * the test) are fixed and judged here too, over the whole sample.
 *
 *   npx vitest run test/review37/destination.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { never } from '../destinations/helpers.js';
import { createDestination } from '../destinations/push.js';
import { startFhirServer } from '../support/fhir-server.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review37/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const after = new Map<string, Json[]>();
const failures: string[] = [];
beforeAll(async () => {
  const server = await startFhirServer();
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  try {
    for (const f of files) {
      try {
        await destination.deliver(convertHl7v2(readFileSync(new URL(f, dir)).toString('latin1'), { timezone: 'America/Denver' }).bundle, never);
      } catch (e) {
        failures.push(`${f}: ${(e as Error).message}`);
      }
      after.set(f.slice(0, 2), structuredClone([...server.resources.values()]) as Json[]);
    }
  } finally {
    await destination.close();
    await server.close();
  }
}, 120_000);

const text = (x: unknown) => JSON.stringify(x ?? null);
const ref = (r: Json | undefined) => `${String(r?.resourceType)}/${String(r?.id)}`;
const ofType = (n: string, type: string) => (after.get(n) ?? []).filter((r) => r.resourceType === type);
const withId = (n: string, type: string, value: string) => ofType(n, type).filter((r) => text(r.identifier).includes(`"value":"${value}"`));
const one = (n: string, type: string, value: string) => {
  const found = withId(n, type, value);
  expect(found, `${type} ${value} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const codeIs = (r: Json, code: string) => text(r.code).includes(`"code":"${code}"`);
const byRef = (n: string, reference: unknown) => (after.get(n) ?? []).find((r) => ref(r) === String(reference));

describe('review 37 at the destination (channel zone America/Denver)', () => {
  it('24 transactions accepted; none refused by the converter nor by the server', () => {
    expect(failures).toEqual([]);
    expect(after.size).toBe(24);
  });

  it('chest pain visit: A04 → A08 (acuity 2 → 1, complaint amended) → A06 (emergency → inpatient) → A02 (ED bed → 4W telemetry), one Encounter, its start 23:46 MST throughout [IG PV1[Encounter] #2, #3, #44; PV2[Encounter] #3, #25; ADT_A06, ADT_A02]', () => {
    const v = (n: string) => one(n, 'Encounter', 'CMV3700211E');
    expect(v('01').status).toBe('planned');
    expect(text(v('01').priority)).toContain('"code":"UR"');
    expect(text(v('07').priority)).toContain('"code":"EM"');
    expect(text(v('07').reasonCode)).toContain('DIAPHORETIC');
    expect(text(v('20').class)).toContain('"code":"IMP"');
    expect(v('20').status).toBe('in-progress');
    const moved = v('21');
    const locations = (moved.location as Json[]).map((l) => [String((byRef('21', (l.location as Json).reference)?.identifier as Json[] | undefined)?.[0]?.value), l.status]);
    expect(locations).toEqual([['B', 'active'], ['01', 'completed']]);
    for (const n of ['01', '07', '20', '21']) expect((v(n).period as Json).start).toBe('2027-03-13T23:46:00-07:00');
  });

  it('orders: the D-dimer revoked by ORC-1 CA with its reason; the other four tests completed by their results; the 2 h troponin due 02:05 on the CPOE\'s unmoved clock (MST) [IG ORC[ServiceRequest] #1 CA, #16; #5 CM; OBR[ServiceRequest] #27 TQ.4]', () => {
    const ddimer = one('24', 'ServiceRequest', 'SUM37-0013');
    expect(ddimer.status).toBe('revoked');
    expect(text(ddimer.extension)).toContain('PE not suspected');
    for (const placer of ['SUM37-0011', 'SUM37-0012', 'SUM37-0014', 'SUM37-0015']) expect(one('24', 'ServiceRequest', placer).status).toBe('completed');
    expect(one('24', 'ServiceRequest', 'SUM37-0015').occurrencePeriod).toEqual({ start: '2027-03-14T02:05:00-07:00' });
  });

  it('R37-W2: the XO (#13) changes the one CT order SUM37-0021 into CT head + C-spine; it stays active with #04\'s authoredOn [IG ORC[ServiceRequest] #1 XO, #2; OBR[ServiceRequest] #4; ORC #9 IF NW]', () => {
    expect(one('04', 'ServiceRequest', 'SUM37-0021').status).toBe('active');
    for (const n of ['13', '24']) {
      const ct = one(n, 'ServiceRequest', 'SUM37-0021');
      expect(codeIs(ct, 'CTHDCSPWO')).toBe(true);
      expect(ct.status).toBe('active');
      expect(ct.authoredOn).toBe('2027-03-14T00:37:00-07:00');
      expect(ref(ct)).toBe(ref(one('04', 'ServiceRequest', 'SUM37-0021')));
    }
  });

  it('critical potassium HH with the call-back note, then corrected: one Observation, 4.4 corrected, the correction note replacing the call-back; the BMP report corrected [IG OBX[Observation] #5, #8, #11 C; NTE[Observation]; OBR[DiagnosticReport] #25 C]', () => {
    const k = (n: string) => {
      const found = ofType(n, 'Observation').filter((o) => codeIs(o, '2823-3'));
      expect(found).toHaveLength(1);
      return found[0] as Json;
    };
    expect(k('09').status).toBe('final');
    expect((k('09').valueQuantity as Json).value).toBe(6.9);
    expect(text(k('09').interpretation)).toContain('"code":"HH"');
    expect(text(k('09').note)).toContain('read back by MARLENE TSOSIE');
    expect(ref(k('19'))).toBe(ref(k('09')));
    expect(k('19').status).toBe('corrected');
    expect((k('19').valueQuantity as Json).value).toBe(4.4);
    expect(text(k('19').interpretation)).toContain('"code":"N"');
    expect(text(k('19').note)).not.toContain('6.9 mmol/L called');
    expect(one('19', 'DiagnosticReport', 'ASP37-1012').status).toBe('corrected');
  });

  it('serial troponin: 18 ng/L at 00:07 MST and 96 ng/L at 03:10 MDT, two Observations of two orders, the delta a third with its note [IG OBX[Observation] #3, #5, #14; OBR #2/#3]', () => {
    const series = ofType('24', 'Observation').filter((o) => codeIs(o, '89579-7'))
      .map((o) => `${String((o.valueQuantity as Json).value)}@${String(o.effectiveDateTime)}`).sort();
    expect(series).toEqual(['18@2027-03-14T00:07:00-07:00', '96@2027-03-14T03:10:00-06:00']);
    const delta = ofType('24', 'Observation').filter((o) => codeIs(o, 'TROPD2H'));
    expect(delta).toHaveLength(1);
    expect((delta[0]?.valueQuantity as Json).value).toBe(78);
    expect(text(delta[0]?.note)).toContain('rule-in');
  });

  it('ankle: finished, home; registration in error: cancelled [IG ADT_A03 → finished, PV1[Encounter] #36; ADT_A11 → cancelled]', () => {
    const ankle = one('24', 'Encounter', 'CMV3700474E');
    expect(ankle.status).toBe('finished');
    expect(text(ankle.hospitalization)).toContain('"code":"01"');
    expect(one('24', 'Encounter', 'CMV3700526E').status).toBe('cancelled');
  });

  it('A40: DOE, JOHN inactive and replaced-by the real MRN; the drug screen, the note, its edit and the Tdap on the survivor [MRG; FHIR Patient.link]', () => {
    const doe = one('15', 'Patient', 'CM3799017');
    const damian = one('15', 'Patient', 'CM3700389');
    expect(doe.active).toBe(false);
    expect(text(doe.link)).toContain(`"reference":"${ref(damian)}"`);
    const survivor = ref(damian);
    for (const o of ofType('24', 'Observation').filter((x) => text(x.code).includes('[Presence] in Urine'))) expect(text(o.subject)).toContain(survivor);
    expect(ofType('24', 'Observation').filter((x) => text(x.code).includes('[Presence] in Urine'))).toHaveLength(6);
    for (const d of ofType('24', 'DocumentReference')) expect(text(d.subject)).toContain(survivor);
    const tdap = ofType('24', 'Immunization');
    expect(tdap).toHaveLength(1);
    expect(text(tdap[0]?.patient)).toContain(survivor);
  });

  it('R37-W1 [IG PV1[Encounter] #19; ORC[ServiceRequest] #2, #5 CM → completed; FHIR R4 Patient.link replaced-by] after the A40 (#15) the LIS result under the real MRN (#18) and the ED notes (#22, #23) name the trauma visit CMV3799017E the registration (#03) wrote, and complete the ED\'s order SUM37-0022: one of each', () => {
    const visit = one('24', 'Encounter', 'CMV3799017E');
    expect(text(visit.subject)).toContain(ref(one('24', 'Patient', 'CM3799017')));
    expect(withId('24', 'ServiceRequest', 'SUM37-0022').map((r) => r.status)).toEqual(['completed']);
    const screens = ofType('24', 'Observation').filter((x) => text(x.code).includes('[Presence] in Urine'));
    for (const o of screens) expect((o.encounter as Json | undefined)?.reference).toBe(ref(visit));
    for (const d of ofType('24', 'DocumentReference')) expect(text((d.context as Json | undefined)?.encounter)).toContain(ref(visit));
  });

  it('pharmacy: fentanyl given 01:02 MST (completed), ondansetron held (not-done, RXA-18 reason), each on its own order [RXA-20 CP/NA, RXA-18; RXA-3]', () => {
    const given = ofType('24', 'MedicationAdministration').find((m) => text(m.identifier).includes('"value":"SUM37-0023"'));
    const held = ofType('24', 'MedicationAdministration').find((m) => text(m.identifier).includes('"value":"SUM37-0024"'));
    expect(given?.status).toBe('completed');
    expect(given?.effectiveDateTime).toBe('2027-03-14T01:02:00-07:00');
    expect(held?.status).toBe('not-done');
    expect(text(held?.statusReason)).toContain('held per MD');
    expect(ofType('24', 'MedicationRequest')).toHaveLength(2);
  });

  it('Tdap: given 01:25 MST (RXA-3 bare, sent at 05:52 MDT: the zone\'s offset for the instant), new record, in trauma bay 2 bed 01 [IG RXA[Immunization] #3, #9 00 → primarySource]', () => {
    const tdap = ofType('24', 'Immunization')[0] as Json;
    expect(tdap.occurrenceDateTime).toBe('2027-03-14T01:25:00-07:00');
    expect(tdap.primarySource).toBe(true);
    expect(String((tdap.location as Json).display)).toBe('01');
  });

  it('R37-N2 (fixed after the review): the T08 edit (TXA-12 new number, TXA-13 the original) replaces the original, which is superseded [v2.5.1 ch. 9 T08; FHIR R4 DocumentReference.relatesTo replaces; IG TXA[DocumentReference] #13: no target]', () => {
    const docs = ofType('24', 'DocumentReference');
    expect(docs).toHaveLength(2);
    const byNumber = (n: string) => docs.find((d) => (d.masterIdentifier as Json | undefined)?.value === n) as Json;
    expect(byNumber('CNY37-DOC-0091').status).toBe('superseded');
    expect(byNumber('CNY37-DOC-0091-A').status).toBe('current');
    expect(text(byNumber('CNY37-DOC-0091-A').relatesTo)).toContain('"code":"replaces"');
    expect(text(byNumber('CNY37-DOC-0091-A').relatesTo)).toContain('"value":"CNY37-DOC-0091"');
  });
});
