/**
 * An ADT's AL1 list judged at the in-repo FHIR server through the FHIR destination (review 43 R43-W1; docs/mapping.md
 * "Allergy lists"). v2.5.1 2.10.4.1 (v2.3 2.23.4.1) snapshot mode: the AL1s of an update replace the prior group
 * ("equivalent to a deletion of the prior group followed by the addition of the new group"); "delete all" is one AL1
 * with `""` in its fields. The dropped allergy is deleted as IAM-6 D deletes one [IG SegmentActionCode D → DELETE;
 * IAM[AllergyIntolerance] #6, review 32 R32-N1]; only allergies hig wrote from that sender's AL1 list for that
 * patient are touched. Expected values come from the messages.
 *
 *   npx vitest run test/destinations/allergy-list-delivery.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination } from './push.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;
type Mode = 'transaction' | 'batch' | 'individual';

const msh = (type: string, control: string, app = 'PCMCADT') => `MSH|^~\\&|${app}|PCMC|HIG|PCMC|20280601140000-0700||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||PC4300101^^^PCMC^MR||QUARSHIE^DELPHINE||19580822|F';
const LATEX = 'AL1|1|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|MO^Moderate^HL70128|Contact urticaria|20090915';
const SULFA = 'AL1|2|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash|20030410';
const VANC = 'AL1|3|DA^Drug allergy^HL70127|11124^Vancomycin^RXNORM|MI^Mild^HL70128|Infusion-related flushing|20280531';
const adt = (event: string, structure: string, control: string, al1: string[], app = 'PCMCADT') =>
  [msh(`ADT^${event}^${structure}`, control, app), `EVN|${event}|20280601135900-0700`, PID, 'PV1|1|N', ...al1].join('\r');
/** #08-like: the discharge's list, latex and sulfamethoxazole. */
const FIRST = adt('A03', 'ADT_A03', 'P1', [LATEX, SULFA]);
/** #16-like: the A31's list, sulfamethoxazole and a new vancomycin allergy; latex no longer on it. */
const UPDATE = adt('A31', 'ADT_A05', 'P2', [SULFA.replace('AL1|2|', 'AL1|1|'), VANC.replace('AL1|3|', 'AL1|2|')]);
/** An A60 adding codeine (IAM, the action-code form): an allergy no AL1 list wrote. */
const IAM_CODEINE = [msh('ADT^A60^ADT_A60', 'I1', 'PLEDGER'), 'EVN|A60|20280601100000-0700', PID, 'IAM|1|DA^Drug allergy^HL70127|2670^Codeine^RXNORM|MI^Mild^HL70128|Nausea|A^Add/Insert^HL70323|ALG-1^PLEDGER'].join('\r');
/** An A60 updating latex (same patient + allergen: the AL1's id): from then on the IAM speaks for it. */
const IAM_LATEX = [msh('ADT^A60^ADT_A60', 'I2', 'PLEDGER'), 'EVN|A60|20280601100000-0700', PID, 'IAM|1|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|U^Update^HL70323|ALG-2^PLEDGER'].join('\r');

let server: FhirServer;
beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.resources.clear();
});

async function deliver(mode: Mode, options: Options, ...messages: string[]): Promise<void> {
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
  try {
    for (const m of messages) await destination.deliver(convertHl7v2(m, { timezone: 'America/Los_Angeles', ...options }).bundle, never);
  } finally {
    await destination.close();
  }
}

const held = () => [...server.resources.values()].filter((r) => r.resourceType === 'AllergyIntolerance') as Json[];
const allergy = (code: string) => held().filter((r) => JSON.stringify(r.code ?? {}).includes(`"code":"${code}"`));
const status = (a: Json | undefined) => ((a?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
const patientRef = () => {
  const p = [...server.resources.values()].find((r) => r.resourceType === 'Patient') as Json;
  return `Patient/${String(p.id)}`;
};
/** An allergy another system wrote for the patient (no hig tag). */
function otherSystemAllergy(): void {
  server.resources.set('AllergyIntolerance/ehr-peanut', {
    resourceType: 'AllergyIntolerance',
    id: 'ehr-peanut',
    meta: { versionId: '1' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '762952008', display: 'Peanut' }] },
    patient: { reference: patientRef() },
  });
}

describe.each(['transaction', 'batch', 'individual'] as Mode[])('an AL1 list at the server (%s)', (mode) => {
  it('[2.10.4.1 snapshot] #08 → #16: latex, no longer on the A31\'s list, is deleted; sulfamethoxazole (kept) stays active, the same resource; vancomycin added', async () => {
    await deliver(mode, {}, FIRST);
    expect(allergy('111088007').map(status)).toEqual(['active']);
    const sulfaBefore = allergy('10180')[0] as Json;
    await deliver(mode, {}, UPDATE);
    expect(allergy('111088007')).toEqual([]);
    const sulfa = allergy('10180');
    expect(sulfa.map(status)).toEqual(['active']);
    expect(sulfa[0]?.id).toBe(sulfaBefore.id);
    expect(JSON.stringify(sulfa[0]?.reaction)).toContain('Rash');
    expect(allergy('11124').map(status)).toEqual(['active']);
  });

  it('an IAM-made allergy (codeine, A60) and another system\'s (peanut) are untouched by the list; latex is deleted', async () => {
    await deliver(mode, {}, FIRST, IAM_CODEINE);
    otherSystemAllergy();
    await deliver(mode, {}, UPDATE);
    expect(allergy('111088007')).toEqual([]);
    expect(allergy('2670').map(status)).toEqual(['active']);
    expect(allergy('762952008').map(status)).toEqual(['active']);
  });
});

describe('an AL1 list at the server: who speaks for an allergy, and the list\'s edges', () => {
  it('an allergy an A60 updated after the AL1 list named it (the same id, no list tag since) stays when the list drops it; the other dropped one goes', async () => {
    await deliver('transaction', {}, FIRST, IAM_LATEX, UPDATE.replace(SULFA.replace('AL1|2|', 'AL1|1|'), VANC.replace('AL1|3|', 'AL1|1|')).replace(/\rAL1\|2\|[^\r]*/, ''));
    // the last list names vancomycin only: sulfamethoxazole (an AL1 list's) goes, latex (the A60's since) stays
    expect(allergy('10180')).toEqual([]);
    expect(allergy('11124').map(status)).toEqual(['active']);
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(JSON.stringify(allergy('111088007')[0]?.reaction)).toContain('Anaphylaxis');
  });

  it('another sender\'s AL1 list leaves this sender\'s allergies; an ADT without AL1 changes nothing', async () => {
    await deliver('transaction', {}, FIRST);
    await deliver('transaction', {}, adt('A08', 'ADT_A01', 'G1', [VANC.replace('AL1|3|', 'AL1|1|')], 'GGHIADT'), adt('A08', 'ADT_A01', 'P3', []));
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(allergy('10180').map(status)).toEqual(['active']);
    expect(allergy('11124').map(status)).toEqual(['active']);
    // the same sender's next list drops them
    await deliver('transaction', {}, adt('A08', 'ADT_A01', 'P4', [VANC.replace('AL1|3|', 'AL1|1|')]));
    expect(allergy('111088007')).toEqual([]);
    expect(allergy('10180')).toEqual([]);
  });

  it('the delete-all AL1 (every field "") empties the list: the AL1 allergies go, the IAM-made one stays', async () => {
    await deliver('transaction', {}, FIRST, IAM_CODEINE, adt('A08', 'ADT_A01', 'P5', ['AL1|1|""|""|""|""|""|""']));
    expect(allergy('111088007')).toEqual([]);
    expect(allergy('10180')).toEqual([]);
    expect(allergy('2670').map(status)).toEqual(['active']);
    expect(held().some((a) => JSON.stringify(a.code).includes('unknown'))).toBe(false);
  });

  it('conversion.allergyList additive: latex stays active after the A31 (where the snapshot channel deletes it)', async () => {
    await deliver('transaction', { allergyList: 'additive' }, FIRST, UPDATE);
    expect(allergy('111088007').map(status)).toEqual(['active']);
    expect(allergy('10180').map(status)).toEqual(['active']);
    expect(allergy('11124').map(status)).toEqual(['active']);
    server.resources.clear();
    await deliver('transaction', {}, FIRST, UPDATE);
    expect(allergy('111088007')).toEqual([]);
  });

  // [code review 30 CR30-1] two reads since: the list's tag (its holdings) and the `_id` of the allergies the message
  // PUTs that the tag did not find (another sender's list may own them: held-allergies.ts)
  it('the list\'s read is at most two GETs per message that states a list (its tag, the ids it PUTs the tag did not find), none for one that does not', async () => {
    const before = server.requests.length;
    await deliver('transaction', {}, FIRST, adt('A08', 'ADT_A01', 'P6', []), UPDATE);
    const searches = server.requests.slice(before).filter((r) => r.method === 'GET' && r.path.includes('AllergyIntolerance?'));
    // FIRST: its tag (nothing held), then latex + sulfamethoxazole by id; the A08 without AL1: none; UPDATE: its tag
    // (latex, sulfamethoxazole), then vancomycin by id
    expect(searches.map((r) => decodeURIComponent(r.path).replace(/^.*AllergyIntolerance\?/, '').split('=')[0])).toEqual(['_tag', '_id', '_tag', '_id']);
    expect(allergy('111088007')).toEqual([]);
  });
});
