/**
 * Code review 30 (docs/codereview30.md): conversion findings of the range 4d2e7cc..025c7b8, through `convertHl7v2`
 * (the path of `node bin/hig.js convert --report --timezone Z FILE`). Each finding is an `it.fails` asserting the
 * right outcome beside a control that passes. Expected values come from the messages, the IG rows named and hig's own
 * documented rules (written by hand). Names, numbers and MRNs are synthetic.
 *
 *   npx vitest run test/codereview30/conversion.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
interface Entry { resource?: Json; request?: { method?: string; url?: string } }

const entries = (message: string): Entry[] => (convertHl7v2(message, { timezone: 'America/Chicago' }).bundle.entry as Entry[] | undefined) ?? [];
const msh = (type: string, control: string, app = 'QVREG') => `MSH|^~\\&|${app}|QVMC|HIG|QVMC|202612061410-0600||${type}|${control}|P|2.5.1`;
/** PID of a child; PID-21 (mother's identifier) as given. */
const pid = (pid21: string) => `PID|1||QV5550101^^^QVMC^MR||TESTMOTHER^TOBY||20260101|M|||4 ALDER WAY^^QUILLVALE^IL^60999^USA^H||||||||||${pid21}`;
/** NK1 saying MTH (table 0063), NK1-33 (the contact's identifiers) as given. */
const nk1Mother = (nk133: string) => `NK1|1|TESTMOTHER^ELSA|MTH^Mother^HL70063${'|'.repeat(30)}${nk133}`;
const adt = (event: string, control: string, pid21: string, nk133: string | undefined) =>
  [msh(`ADT^${event}^ADT_A01`, control), `EVN|${event}|202612061400-0600`, pid(pid21), ...(nk133 === undefined ? [] : [nk1Mother(nk133)]), 'PV1|1|I|W2^210^A'].join('\r');
/** The RelatedPersons written (a PUT or a create; not the contact list's marked GET, fix32b, which names nobody). */
const relatedPersons = (message: string) => entries(message).filter((e) => e.request?.method !== 'GET' && (e.resource?.resourceType === 'RelatedPerson' || e.request?.url?.startsWith('RelatedPerson') === true));
const idsOf = (e: Entry) => ((e.resource?.identifier as { value?: string }[] | undefined) ?? []).map((i) => i.value);
/** The id an entry writes (a PUT's url, or the create's fullUrl uuid). */
const writtenId = (e: Entry & { fullUrl?: string }) => (e.request?.method === 'PUT' ? e.request.url?.split('/')[1] : (e.fullUrl ?? '').replace('urn:uuid:', ''));

// ---------------------------------------------------------------------------------------------------
// CR30-3 [hig identity (nk1.ts isMother, identity.ts motherKey; cr276): "unless its own NK1-12/33 are beside a
// PID-21 naming none of them (two identifiers, two people: kept apart)"; IG PID[Patient] #21 → CX[RelatedPerson-
// Mother], NK1[RelatedPerson] #33 → identifier] within one message an NK1 MTH with its own identifier beside a
// PID-21 naming another is another person; the same NK1 in a message without PID-21 is written at the PID-21
// mother's id (the patient's mother key), over her
// ---------------------------------------------------------------------------------------------------
describe('CR30-3 the NK1 MTH kept apart from PID-21\'s mother in one message is written over her in the next', () => {
  const A = adt('A01', 'M1', 'QV9990001^^^QVMC^MR', 'QV8880002^^^QVMC^MR');
  const B = adt('A08', 'M2', '', 'QV8880002^^^QVMC^MR');

  it('the A08 (NK1 QV8880002, no PID-21) writes that person at the id the A01 gave her, not at the PID-21 mother\'s (QV9990001)', () => {
    const first = relatedPersons(A) as (Entry & { fullUrl?: string })[];
    const mother = first.find((e) => idsOf(e).includes('QV9990001'));
    const contact = first.find((e) => idsOf(e).includes('QV8880002'));
    // the A01 keeps them apart, as nk1.ts says (two identifiers, two people)
    expect(mother).toBeDefined();
    expect(contact).toBeDefined();
    expect(writtenId(mother as Entry)).not.toBe(writtenId(contact as Entry));
    const second = relatedPersons(B) as (Entry & { fullUrl?: string })[];
    expect(second.map(idsOf)).toEqual([['QV8880002']]);
    expect(writtenId(second[0] as Entry)).toBe(writtenId(contact as Entry));
  });

  it('control (cr276, CR27-6): PID-21 beside an NK1 MTH naming no identifier, then that NK1 alone: one mother, one id', () => {
    const first = relatedPersons(adt('A01', 'M1', 'QV9990001^^^QVMC^MR', '')) as (Entry & { fullUrl?: string })[];
    const second = relatedPersons(adt('A08', 'M2', '', '')) as (Entry & { fullUrl?: string })[];
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(writtenId(second[0] as Entry)).toBe(writtenId(first[0] as Entry));
  });
});
