/**
 * PV1-7/-8/-17 repetitions are one physician's names and identifiers, not several doctors (review 25,
 * R25-N2). v2.5.1 3.4.3.7: "Multiple names and identifiers for the same physician may be sent. The field
 * sequences are not used to indicate multiple attending doctors." (the same words for PV1-8 referring and
 * PV1-17 admitting). PV1-9 (consulting) and PV1-52 (other providers) list several people.
 * [IG PV1[Encounter] #7 → participant.individual(Practitioner) type ATND] maps the field; what a
 * repetition is comes from the v2 standard.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|ADT|SBRH|EHR|RECV|20261201184500-0600||ADT^A04^ADT_A01|PVR1|P|2.5.1';
const PID = 'PID|1||MRN77^^^SBRH^MR||ROE^ANN||19700101|F';
const ALIAS = '2501903^TAMBURELLO^JONAH^^^^DO^^SBRH_PRSNL^L^^^PRSNL';
const NPI = '1234567893^TAMBURELLO^JONAH^^^^DO^^NPI^L^^^NPI';

function pv1(fields: Record<number, string>): string {
  const all: Record<number, string> = { 2: 'E', 19: 'V77^^^SBRH^VN', ...fields };
  const last = Math.max(...Object.keys(all).map(Number));
  return ['PV1', ...Array.from({ length: last }, (_, i) => all[i + 1] ?? '')].join('|');
}

function convert(fields: Record<number, string>): { encounter: Json; practitioners: Json[] } {
  const { bundle } = convertHl7v2([MSH, 'EVN|A04|20261201184200-0600', PID, pv1(fields)].join('\r'));
  const resources = (bundle.entry as { resource: Json }[]).map((e) => e.resource);
  const encounter = resources.find((r) => r.resourceType === 'Encounter');
  if (encounter === undefined) throw new Error('no Encounter');
  return { encounter, practitioners: resources.filter((r) => r.resourceType === 'Practitioner') };
}

function participants(encounter: Json, code: string): Json[] {
  return ((encounter.participant as Json[] | undefined) ?? []).filter((p) => JSON.stringify(p.type).includes(`"code":"${code}"`));
}

function values(p: Json | undefined): unknown[] {
  return ((p?.identifier as Json[] | undefined) ?? []).map((i) => i.value);
}

describe('PV1 doctor repetitions: one physician, several identifiers (v2.5.1 PV1-7/-8/-17)', () => {
  it('[IG PV1[Encounter] #7] an attending sent as alias ~ NPI is one ATND participant, one Practitioner with both identifiers', () => {
    const { encounter, practitioners } = convert({ 7: `${ALIAS}~${NPI}` });
    const atnd = participants(encounter, 'ATND');
    expect(atnd).toHaveLength(1);
    expect(practitioners).toHaveLength(1);
    expect(values(practitioners[0])).toEqual(['2501903', '1234567893']);
    expect((atnd[0]!.individual as Json).reference).toBe(`urn:uuid:${String(practitioners[0]!.id)}`);
  });

  it('[IG PV1[Encounter] #7] the Practitioner is identified by its NPI whichever repetition comes first', () => {
    const a = convert({ 7: `${ALIAS}~${NPI}` }).practitioners[0]!;
    const b = convert({ 7: `${NPI}~${ALIAS}` }).practitioners[0]!;
    const alone = convert({ 7: NPI }).practitioners[0]!;
    expect(a.id).toBe(alone.id);
    expect(b.id).toBe(alone.id);
  });

  it('[IG PV1[Encounter] #8, #17] referring and admitting repetitions of one name are one participant each', () => {
    const { encounter } = convert({ 8: `${ALIAS}~${NPI}`, 17: `${ALIAS}~${NPI}` });
    expect(participants(encounter, 'REF')).toHaveLength(1);
    expect(participants(encounter, 'ADM')).toHaveLength(1);
  });

  it('a repetition with another name is another person, as sent (two ATND participants)', () => {
    const { encounter, practitioners } = convert({ 7: `${ALIAS}~555^OKAFOR^ADA^^^^MD^^SBRH_PRSNL^L^^^PRSNL` });
    expect(participants(encounter, 'ATND')).toHaveLength(2);
    expect(practitioners).toHaveLength(2);
  });

  it('[IG PV1[Encounter] #9] consulting doctors repeat as several people (the field sequences list them)', () => {
    const { encounter } = convert({ 9: `${ALIAS}~${NPI}` });
    expect(participants(encounter, 'CON')).toHaveLength(2);
  });

  it('a lone attending is unchanged: one participant, one identifier', () => {
    const { encounter, practitioners } = convert({ 7: ALIAS });
    expect(participants(encounter, 'ATND')).toHaveLength(1);
    expect(values(practitioners[0])).toEqual(['2501903']);
  });
});
