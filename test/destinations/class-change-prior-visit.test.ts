/**
 * Review 40 R40-N2: an ADT^A06/A07 (change an outpatient to an inpatient / an inpatient to an outpatient) that opens a
 * new visit number (PV1-19) names the visit before the change in MRG-5; hig reported MRG-5 "valued but not mapped"
 * and the old stay stayed `in-progress` at the server, its bed `active` beside the new visit (review 40 #19 → #23: the
 * LTC bed PZG W3-12 on a bed board after the patient went to day care). The IG has no target for it (MRG[Account]
 * #5, #6 empty); its ADT_A06 PV1 comment: "per A06 and A07 trigger event definitions PV1-19 - Visit Number may also
 * be changed during this event" (v2.5.1 3.3.6/3.3.7 the same; MRG-5 is by definition the Prior Visit Number). [hig
 * class-change rule] The prior visit ended when the new one began: FHIR R4 encounter-status `finished`, period.end the
 * new visit's PV1-44, its `active` locations `completed` (Encounter.location.status `active`: "the patient is
 * currently at this location"). A MRG-5 equal to PV1-19 is the same visit, its class changed in place. Delivered to
 * the in-repo test FHIR server; expected values from the messages and the FHIR definitions, not hig's output.
 *
 *   npx vitest run test/destinations/class-change-prior-visit.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MR5501^^^GH^MR||DOE^JANE^^^^^L||19600101|F';
const msh = (id: string, event: string, at: string) => `MSH|^~\\&|REG|GH|HIG|GH|${at}||ADT^${event}^${event === 'A07' || event === 'A06' ? 'ADT_A06' : `ADT_${event}`}|${id}|P|2.5.1`;
/** The inpatient stay: admitted 1 Dec 08:00, bed 4W-401-1. */
const A01 = [msh('M1', 'A01', '20261201080500'), 'EVN|A01|20261201080000', PID, 'PV1|1|I|4W^401^1^GH|||||||MED|||||||||V100^^^GH^VN|||||||||||||||||||||||||20261201080000'].join('\r');
/** A07: the inpatient becomes an outpatient on a new visit number V200, MRG-5 the stay V100. */
const A07 = (mrg5: string, visit = 'V200', controlId = 'M2') =>
  [msh(controlId, 'A07', '20261205101500'), 'EVN|A07|20261205101000', PID, `MRG|MR5501^^^GH^MR||||${mrg5}`, `PV1|1|O|DAYC^^^GH||||||||||||||||${visit}^^^GH^VN|||||||||||||||||||||||||20261205101000`].join('\r');
/** A03: the stay V100 discharged before the A07 came. */
const A03 = [msh('M3', 'A03', '20261204090500'), 'EVN|A03|20261204090000', PID, 'PV1|1|I|4W^401^1^GH|||||||MED|||||||||V100^^^GH^VN|||||||||||||||||||||||||20261201080000|20261204090000'].join('\r');

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

const visits = (number: string): Json[] =>
  [...server.resources.values()].filter((r) => r.resourceType === 'Encounter' && JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`));

async function deliver(hl7: string, options: Parameters<typeof convertHl7v2>[1] = {}): Promise<void> {
  await dest?.deliver(convertHl7v2(hl7, options).bundle, never);
}

describe('R40-N2 [hig class-change rule; IG ADT_A06 PV1 comment, MRG[Account] #5 no target; v2.5.1 3.3.7] an A07 to a new visit number ends the stay MRG-5 names', () => {
  const modes = [
    ['transaction', {}],
    ['transaction', { namespaceMap: { GH: 'urn:oid:2.16.840.1.113883.3.72' } }],
    ['transaction', { namespaceMap: { GH: 'urn:oid:2.16.840.1.113883.3.72' }, conditionalUpdate: true }],
    ['transaction', { omittedFields: 'keep' }],
    ['batch', {}],
    ['individual', {}],
  ] as const;
  for (const [mode, options] of modes) {
    it(`${mode} ${JSON.stringify(options)}: A01 V100 then A07 V200 (MRG-5 V100) → V100 finished at the A07's PV1-44, its bed completed; V200 in-progress`, async () => {
      dest = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
      await deliver(A01, options);
      expect(visits('V100').map((v) => v.status)).toEqual(['in-progress']);
      await deliver(A07('V100^^^GH^VN'), options);
      const [stay, ...more] = visits('V100');
      expect(more).toEqual([]);
      expect(stay?.status).toBe('finished');
      // [IG PV1[Encounter] #44 → period.start] the A01's start kept; the end is the A07's PV1-44 (no zone: UTC channel)
      expect(stay?.period).toEqual({ start: '2026-12-01T08:00:00Z', end: '2026-12-05T10:10:00Z' });
      expect((stay?.location as Json[]).map((l) => l.status)).toEqual(['completed']);
      expect(visits('V200').map((v) => [v.status, (v.class as Json).code])).toEqual([['in-progress', 'AMB']]);
      // hig's marks never reach the server
      expect(JSON.stringify(server.requests.map((r) => r.body))).not.toContain('hig.example');
    });
  }

  it('the A07 alone (the prior stay never held): delivers, no V100 made', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await expect(deliver(A07('V100^^^GH^VN'))).resolves.toBeUndefined();
    expect(visits('V100')).toEqual([]);
    expect(visits('V200').map((v) => v.status)).toEqual(['in-progress']);
  });

  it('a stay discharged before the A07 keeps its A03 end', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(A01);
    await deliver(A03);
    await deliver(A07('V100^^^GH^VN'));
    expect(visits('V100').map((v) => [v.status, (v.period as Json).end])).toEqual([['finished', '2026-12-04T09:00:00Z']]);
  });

  it('MRG-5 equal to PV1-19: the same visit, its class changed in place (outpatient now), not finished', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(A01);
    const same = A07('V100^^^GH^VN', 'V100');
    expect((convertHl7v2(same).bundle.entry as Json[]).filter((e) => (e.request as Json).method === 'PATCH')).toEqual([]);
    await deliver(same);
    expect(visits('V100').map((v) => [v.status, (v.class as Json).code])).toEqual([['in-progress', 'AMB']]);
  });

  it('the A07 resent: V100 still finished, one of each visit', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(A01);
    await deliver(A07('V100^^^GH^VN'));
    await deliver(A07('V100^^^GH^VN'));
    expect(visits('V100').map((v) => [v.status, (v.period as Json).end])).toEqual([['finished', '2026-12-05T10:10:00Z']]);
    expect(visits('V200')).toHaveLength(1);
  });

  it('in the report: MRG-5 read (no longer "valued but not mapped")', () => {
    const { report } = convertHl7v2(A07('V100^^^GH^VN'));
    expect(JSON.stringify(report)).not.toContain('MRG-5');
  });
});
