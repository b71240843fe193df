/**
 * Review 39 (issue 14): the whole sample (docs/review39/messages/, 01 → 24 in order) converted on a channel in
 * America/Chicago (the zone of the one sender's bare times, CHARGEPRO's DFT) and delivered as FHIR transactions to the
 * in-repo test FHIR server (test/support/fhir-server.ts); what the server holds after each message, read against the
 * messages and the IG rows named. Which patient (mother, twin A, twin B, another mother) each result, order,
 * administration and immunization lands on, the twins' identity (PID-24/25, NK1 mother / father, the hospital MRN
 * beside the clinic chart number), the newborn's A08 name change, the combination vaccine, the refusal and the
 * historical dose are judged here.
 *
 *   npx vitest run test/review39/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review39/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  // test/support/review-delivery.ts with the channel's zone, the files' bytes (UTF-8, MSH-18) and a snapshot per message
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Chicago' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 120_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const mother = () => one('24', 'Patient', 'PM3900101');
const twinA = () => one('24', 'Patient', 'PM3900102');
const twinB = () => one('24', 'Patient', 'PM3900103');

describe('review 39 at the destination (channel zone America/Chicago)', () => {
  it('24 transactions accepted; none refused by the converter nor by the server', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
  });

  it('identity: mother, twin A, twin B and the other mother are four Patients; each twin keeps its hospital MRN and gains the clinic chart number (#19–#24) on the same record [IG PID[Patient] #3; mapping.md Patient identity]', () => {
    expect(ofType('24', 'Patient')).toHaveLength(4);
    expect(one('05', 'Patient', 'PM3900103').id).toBe(twinB().id);
    expect(one('04', 'Patient', 'PM3900102').id).toBe(twinA().id);
    expect(text(twinA().identifier)).toContain('"value":"PP3900212"');
    expect(text(twinB().identifier)).toContain('"value":"PP3900213"');
    expect(twinA().id).not.toBe(twinB().id);
    expect(one('24', 'Patient', 'PM3900150').id).not.toBe(mother().id);
  });

  it('multiple birth: twin A PID-25 1, twin B PID-25 2, each born at its PID-7 minute in Chicago [IG PID[Patient] #24, #25, #7]', () => {
    expect(twinA().multipleBirthInteger).toBe(1);
    expect(twinB().multipleBirthInteger).toBe(2);
    expect(text(twinA()._birthDate)).toContain('2028-01-14T07:12:00-06:00');
    expect(text(twinB()._birthDate)).toContain('2028-01-14T07:19:00-06:00');
  });

  it('the name change: BABYGIRL A until the A08 (#16), CHIDERA AMARA from then on, on the same record [IG PID[Patient] #5; ADT_A01 A08]', () => {
    expect(text(one('15', 'Patient', 'PM3900102').name)).toContain('"BABYGIRL A"');
    const named = one('16', 'Patient', 'PM3900102');
    expect(text(named.name)).toContain('"given":["CHIDERA","AMARA"]');
    expect(text(named.name)).not.toContain('BABYGIRL');
    expect(text(twinA().name)).toContain('"given":["CHIDERA","AMARA"]');
    expect(text(twinB().name)).toContain('"given":["OBINNA","ERIK"]');
  });

  it('NK1 mother and father are each twin\'s own RelatedPersons [IG NK1[RelatedPerson] #2, #3]', () => {
    for (const twin of [twinA(), twinB()]) {
      const rel = ofType('24', 'RelatedPerson').filter((r) => refOf(r.patient) === ref(twin));
      expect(rel.map((r) => text(r.relationship).includes('"MTH"') ? 'MTH' : text(r.relationship).includes('"FTH"') ? 'FTH' : '?').sort()).toEqual(['FTH', 'MTH']);
    }
  });

  it('results land on the right patient: ultrasound on the mother, GBS on Marisol, hearing screens on twin A, bilirubins on twin B [IG OBR[DiagnosticReport] subject; ORU_R01 PATIENT_RESULT]', () => {
    const reports = ofType('24', 'DiagnosticReport');
    const subject = (fill: string) => refOf(reports.find((r) => text(r.identifier).includes(`"value":"${fill}"`))?.subject);
    expect(subject('US39-7701')).toBe(ref(mother()));
    expect(subject('LB39-8201')).toBe(ref(one('24', 'Patient', 'PM3900150')));
    expect([subject('EH39-5001'), subject('EH39-5002')]).toEqual([ref(twinA()), ref(twinA())]);
    expect([subject('LB39-8111'), subject('LB39-8112')]).toEqual([ref(twinB()), ref(twinB())]);
    expect(reports).toHaveLength(6);
  });

  it('the hearing screen and its repeat: the right ear Refer (OBX-8 A) stays on the first screen, the repeat passes both ears [IG OBX[Observation] #5, #8]', () => {
    const obs = ofType('24', 'Observation').filter((o) => text(o.code).includes('"54109-4"'));
    expect(obs).toHaveLength(2);
    const refer = obs.find((o) => text(o.valueCodeableConcept).includes('LA10393-9')) as Json;
    expect(text(refer.interpretation)).toContain('"code":"A"');
    expect(refer.effectiveDateTime).toBe('2028-01-15T09:12:00-06:00');
    const pass = obs.find((o) => text(o.valueCodeableConcept).includes('LA10392-1')) as Json;
    expect(pass.effectiveDateTime).toBe('2028-01-16T10:00:00-06:00');
  });

  it('bilirubin 14.2 H then 10.9 N, two Observations of twin B [IG OBX[Observation] #5, #6, #7, #8]', () => {
    const bili = ofType('24', 'Observation').filter((o) => text(o.code).includes('"1975-2"'));
    expect(bili.map((o) => [(o.valueQuantity as Json).value, text(o.interpretation).includes('"code":"H"'), refOf(o.subject)]).sort())
      .toEqual([[10.9, false, ref(twinB())], [14.2, true, ref(twinB())]]);
  });

  it('GBS susceptibilities: four MICs with their OBX-4 sub-ids 1.1–1.4 and S/R flags on Marisol [IG OBX[Observation] #4, #8]', () => {
    const mics = ofType('24', 'Observation').filter((o) => /"18878-9"|"18908-4"|"18919-1"|"18964-7"/.test(text(o.code)));
    expect(mics).toHaveLength(4);
    expect(mics.every((o) => refOf(o.subject) === ref(one('24', 'Patient', 'PM3900150')))).toBe(true);
    expect(mics.map((o) => text(o.extension).match(/"valueString":"([\d.]+)"/)?.[1]).sort()).toEqual(['1.1', '1.2', '1.3', '1.4']);
  });

  it('vitamin K: ordered (0.7 mg) and given (0.7 mg IM, 08:15) to twin B, not to twin A nor the mother; the order completed [IG RXE[MedicationRequest] #3, #5; RXA outside VXU; ORC-5 CM]', () => {
    const order = one('24', 'MedicationRequest', 'RX39-0601');
    expect(refOf(order.subject)).toBe(ref(twinB()));
    expect(order.status).toBe('completed');
    const given = one('24', 'MedicationAdministration', 'RX39-0601');
    expect(refOf(given.subject)).toBe(ref(twinB()));
    expect(given.effectiveDateTime).toBe('2028-01-14T08:15:00-06:00');
    expect(text((given.dosage as Json).dose)).toContain('"value":0.7');
    const weight = ofType('24', 'Observation').find((o) => text(o.code).includes('"29463-7"')) as Json;
    expect(refOf(weight.subject)).toBe(ref(twinB()));
  });

  it('Rh immune globulin: ordered and given (300 ug IM, 10:38) to the mother, not to a newborn [IG RXE[MedicationRequest] #3; RXA outside VXU]', () => {
    const order = one('24', 'MedicationRequest', 'RX39-1401');
    expect(refOf(order.subject)).toBe(ref(mother()));
    expect(order.status).toBe('completed');
    const given = one('24', 'MedicationAdministration', 'RX39-1401');
    expect(refOf(given.subject)).toBe(ref(mother()));
    expect(given.effectiveDateTime).toBe('2028-01-15T10:38:00-06:00');
  });

  it('immunizations: twin A hep B birth dose, DTaP-HepB-IPV (110, SKB) and Hib (48, PMC), rotavirus refused; twin B hep B birth dose, the same dose recorded as historical, DTaP-HepB-IPV [IG RXA[Immunization] #5, #9, #17, #18, #20]', () => {
    const imm = ofType('24', 'Immunization');
    const of = (p: Json) => imm.filter((i) => refOf(i.patient) === ref(p))
      .map((i) => `${String((((i.vaccineCode as Json).coding as Json[])[0] as Json).code)}:${String(i.status)}:${String(i.primarySource ?? '-')}`).sort();
    expect(of(twinA())).toEqual(['08:completed:true', '110:completed:true', '116:not-done:-', '48:completed:true']);
    expect(of(twinB())).toEqual(['08:completed:false', '08:completed:true', '110:completed:true']);
    const refusal = imm.find((i) => i.status === 'not-done') as Json;
    expect(text(refusal.statusReason)).toContain('"code":"00"');
    const pediarix = one('24', 'Immunization', 'KC39-2101');
    expect(text(pediarix.manufacturer)).toContain('GlaxoSmithKline');
    expect((pediarix.education as Json[]).map((e) => e.publicationDate)).toEqual(['2023-08-06', '2023-05-12', '2023-08-06']);
    expect(text(one('24', 'Immunization', 'KC39-2102').manufacturer)).toContain('Sanofi Pasteur');
    expect(one('24', 'Immunization', 'KC39-2401').occurrenceDateTime).toBe('2028-01-14');
  });

  it('the mother\'s stay: in-progress from 03:41 (#03), finished 01-17 11:00 after the discharge summary (#17); the DFT\'s bare times read in Chicago [IG PV1[Encounter] #44, #45; FT1 (no IG map): hig ChargeItem]', () => {
    expect(one('03', 'Encounter', 'PMV3900101').status).toBe('in-progress');
    const stay = one('24', 'Encounter', 'PMV3900101');
    expect(stay.status).toBe('finished');
    expect(stay.period).toEqual({ start: '2028-01-14T03:41:00-06:00', end: '2028-01-17T11:00:00-06:00' });
    const charges = ofType('24', 'ChargeItem');
    expect(charges.map((c) => c.occurrenceDateTime).sort()).toEqual(['2028-01-14T07:12:00-06:00', '2028-01-14T07:19:00-06:00', '2028-01-15T10:38:00-06:00']);
    expect(charges.every((c) => refOf(c.subject) === ref(mother()))).toBe(true);
    const summary = ofType('24', 'DocumentReference');
    expect(summary).toHaveLength(1);
    expect(refOf((summary[0] as Json).subject)).toBe(ref(mother()));
  });

  it('the twins\' nursery visits and clinic visits are their own Encounters; the newborn A08 leaves twin A one nursery Encounter [IG PV1[Encounter] #19]', () => {
    expect(refOf(one('24', 'Encounter', 'PMV3900102').subject)).toBe(ref(twinA()));
    expect(refOf(one('24', 'Encounter', 'PMV3900103').subject)).toBe(ref(twinB()));
    expect(refOf(one('24', 'Encounter', 'PMP3900220').subject)).toBe(ref(twinA()));
    expect(refOf(one('24', 'Encounter', 'PMP3900223').subject)).toBe(ref(twinB()));
  });
});
