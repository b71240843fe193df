/**
 * Code review 35 CR35-2 [hig place rule, transform/patch.ts currentPlaceStatus; FHIR R4 EncounterLocationStatus
 * `planned` "The patient is planned to be moved to this location at some point in the future", `active` "The patient is
 * currently at this location"; IG Event[EncounterStatus] A05 → planned]: a planned visit's places are `planned`, the
 * temporary one (PV1-11) as the bed (PV1-3, IG PV1[Encounter] #3 and hig's pre-admit rule). Until fix35b PV1-11 of an
 * A05 was `active` (IG PV1[Encounter] #11's default, written for a visit under way). Messages written here by hand.
 *
 *   npx vitest run test/transform/planned-visit-places.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

/** PV1 of class I: PV1-3 the bed S4, PV1-11 the temporary place D1 (dialysis), PV1-19 V3502. */
const PV1 = 'PV1|1|I|SURG^4^S4' + '|'.repeat(8) + 'DIAL^1^D1' + '|'.repeat(8) + 'V3502^^^KRH^VN';
const adt = (event: string, structure: string) =>
  [`MSH|^~\\&|PAS|KRH|HIG|KRH|20270301080000+1000||ADT^${event}^${structure}|PL${event}|P|2.5.1`, `EVN|${event}|20270301080000+1000`, 'PID|1||77103502^^^KRH^MR||TESTPLAN^IRIS||19580302|F', PV1].join('\r');

/** The visit's status and each place's [name, status]. */
function places(message: string): { status: unknown; places: [unknown, unknown][] } {
  const resources = (convertHl7v2(message).bundle.entry as Json[]).map((e) => e.resource as Json);
  const encounter = resources.find((r) => r.resourceType === 'Encounter');
  const byUrl = new Map((convertHl7v2(message).bundle.entry as Json[]).map((e) => [e.fullUrl, e.resource as Json]));
  const named = (l: Json) => byUrl.get((l.location as Json).reference)?.name;
  return { status: encounter?.status, places: ((encounter?.location ?? []) as Json[]).map((l): [unknown, unknown] => [named(l), l.status ?? null]) };
}

describe('CR35-2 [hig place rule; IG Event[EncounterStatus] A05 → planned, A01 → in-progress; PV1[Encounter] #3, #11] a planned visit\'s places are planned', () => {
  it('A05 pre-admission: the visit planned, the bed and the temporary place planned', () => {
    expect(places(adt('A05', 'ADT_A05'))).toEqual({ status: 'planned', places: [['S4', 'planned'], ['D1', 'planned']] });
  });
  it('control [IG Event[EncounterStatus] A04 → planned]: A04 registration, planned by the map but the patient is there: active', () => {
    expect(places(adt('A04', 'ADT_A01'))).toEqual({ status: 'planned', places: [['S4', 'active'], ['D1', 'active']] });
  });
  it('control: A01 admission: in progress, the bed and the temporary place active', () => {
    expect(places(adt('A01', 'ADT_A01'))).toEqual({ status: 'in-progress', places: [['S4', 'active'], ['D1', 'active']] });
  });
});
