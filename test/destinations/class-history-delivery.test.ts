/**
 * Review 57 R57-N3: an ADT^A06 (change an outpatient to an inpatient) or A07 (the reverse) whose visit stays the same
 * (PV1-19 the visit held, MRG-5 naming it or no MRG) changes Encounter.class in place; written whole, the visit kept no
 * trace of the class it had, so the server no longer showed the observation hours before the admission (review 57 #12
 * → #23). [hig class-change rule, where the IG is silent: no IG row maps any v2 field to Encounter.classHistory; FHIR R4
 * Encounter.classHistory "The class history permits the tracking of the encounters transitions without needing to go
 * through the resource history. This would be used for a case where an admission starts of as an emergency encounter,
 * then transitions into an inpatient scenario"; classHistory.class 1..1, .period 1..1] The prior class is known only
 * at the server: the FHIR destination reads the visit the PUT writes (the read the visit's held locations take
 * already) and keeps the held class with its period, from the held class's start (the last history entry's end, else
 * the visit's period.start) to the change (EVN-6, else EVN-2, else MSH-7), in classHistory. A later ADT event's PUT of
 * the visit, which states no class history, keeps the held one. Delivered to the in-repo test FHIR server; expected
 * values from the messages and FHIR R4, not hig's output.
 *
 *   npx vitest run test/destinations/class-history-delivery.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MR3601^^^GH^MR||DOE^JANE^^^^^L||19600101|F';
const msh = (id: string, event: string, at: string) => `MSH|^~\\&|REG|GH|HIG|GH|${at}-0500||ADT^${event}^${event === 'A07' || event === 'A06' ? 'ADT_A06' : event === 'A04' || event === 'A08' ? 'ADT_A01' : `ADT_${event}`}|${id}|P|2.5.1`;
/** The observation visit V36 (outpatient), begun 1 Dec 00:05. */
const A04 = [msh('M1', 'A04', '20261201000700'), 'EVN|A04|20261201000700||||20261201000500', PID, 'PV1|1|O|OBS^12^A^GH|||||||MED|||||||||V36^^^GH^VN|||||||||||||||||||||||||20261201000500'].join('\r');
/** A06 at 10:30 (EVN-6): the same visit (MRG-5 = PV1-19) admitted, PV1-44 the admission. */
const A06 = [msh('M2', 'A06', '20261201103200'), 'EVN|A06|20261201103100||||20261201103000', PID, 'MRG|MR3601^^^GH^MR||||V36^^^GH^VN', 'PV1|1|I|4E^418^B^GH|||OBS^12^A^GH||||MED|||||||||V36^^^GH^VN|||||||||||||||||||||||||20261201103000'].join('\r');
/** A08 the next day: the visit's update, no history in it. */
const A08 = [msh('M3', 'A08', '20261202090000'), 'EVN|A08|20261202090000', PID, 'PV1|1|I|4E^418^B^GH|||||||MED|||||||||V36^^^GH^VN|||||||||||||||||||||||||20261201103000'].join('\r');
/** A07 on the 3rd at 08:00, no MRG-5 (v2.5.1 3.3.7: MRG for MRG-3 only), no EVN-6: back to outpatient at EVN-2. */
const A07 = [msh('M4', 'A07', '20261203080500'), 'EVN|A07|20261203080000', PID, 'PV1|1|O|DAYC^^^GH|||||||MED|||||||||V36^^^GH^VN|||||||||||||||||||||||||20261201103000'].join('\r');

let server: FhirServer;
let dest: BundlePusher | undefined;
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  await dest?.close();
  dest = undefined;
  await server.close();
});

const visit = (): Json => {
  const found = [...server.resources.values()].filter((r) => r.resourceType === 'Encounter' && JSON.stringify(r.identifier ?? []).includes('"value":"V36"'));
  expect(found).toHaveLength(1);
  return found[0] as Json;
};
const history = () => ((visit().classHistory as Json[] | undefined) ?? []).map((h) => [(h.class as Json).code, h.period]);

describe('R57-N3 [hig class-change rule; FHIR R4 Encounter.classHistory] an A06 / A07 of the same visit keeps the class it ends', () => {
  for (const [mode, options] of [['transaction', {}], ['transaction', { conditionalUpdate: true, namespaceMap: { GH: 'urn:oid:2.16.840.1.113883.3.72' } }], ['individual', {}]] as const) {
    it(`${mode} ${JSON.stringify(options)}: A04 → A06: inpatient, the outpatient class from 00:05 to 10:30 kept; a resend adds nothing; an A08 keeps it; an A07 adds the inpatient class`, async () => {
      dest = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
      const deliver = (hl7: string) => dest?.deliver(convertHl7v2(hl7, options).bundle, never);
      await deliver(A04);
      expect([(visit().class as Json).code, visit().classHistory]).toEqual(['AMB', undefined]);
      await deliver(A06);
      // [IG PatientClass[EncounterClass] O → AMB, I → IMP]
      expect((visit().class as Json).code).toBe('IMP');
      expect(history()).toEqual([['AMB', { start: '2026-12-01T00:05:00-05:00', end: '2026-12-01T10:30:00-05:00' }]]);
      await deliver(A06);
      expect(history()).toEqual([['AMB', { start: '2026-12-01T00:05:00-05:00', end: '2026-12-01T10:30:00-05:00' }]]);
      await deliver(A08);
      expect(history()).toEqual([['AMB', { start: '2026-12-01T00:05:00-05:00', end: '2026-12-01T10:30:00-05:00' }]]);
      await deliver(A07);
      expect((visit().class as Json).code).toBe('AMB');
      expect(history()).toEqual([
        ['AMB', { start: '2026-12-01T00:05:00-05:00', end: '2026-12-01T10:30:00-05:00' }],
        ['IMP', { start: '2026-12-01T10:30:00-05:00', end: '2026-12-03T08:00:00-05:00' }],
      ]);
    });
  }
});
