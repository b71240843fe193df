/**
 * Review 62 R62-L2: an A40's retired record was PUT whole with MRG-1's identifier alone, erasing the identifiers the
 * server held on it (#22's passport BR0817263^^^BGD^PPN: after #23 no Patient held it). [IG PID[Patient] #3 (the fact
 * the earlier message delivered); hig merge rule (R57-N1: the retired record keeps the person)] The transform marks
 * the retired record's PUT (held element `identifier`: the merge names the record, it does not restate its numbers)
 * and the FHIR destination keeps each held identifier the PUT does not name (destinations/held-elements.ts), after
 * the PUT's own. The search is a function over a fixed server state (no network). Expected values written by hand
 * from review 62's #22 and #23.
 *
 *   npx vitest run test/destinations/retired-record-identifiers.test.ts
 */
import { describe, expect, it } from 'vitest';
import { carryHeldElements } from '../../src/destinations/held-elements.js';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const HELD = 'https://hig.example/fhir/StructureDefinition/held-element';
const a40 = [
  'MSH|^~\\&|KRGPAS|KRG|HIG|KRG|20340530101500+0800||ADT^A40^ADT_A39|SG-40|P|2.6',
  'EVN|A40|20340530101500',
  'PID|1||KRG0000142^^^KRG^MR~G1234567N^^^FIN^NNSGP||HOSSAIN^MD ARIFUL||19900101|M',
  'MRG|KRG0000150^^^KRG^MR||||||HOSSAIN^ARIFUL',
].join('\r');
const entries = (msg: string, options = {}) => convertHl7v2(msg, options).bundle.entry as Json[];
const retiredEntry = (list: Json[]) => list.find((e) => (e.resource as Json | undefined)?.active === false) as Json;

describe('R62-L2 the retired record of a merge keeps the identifiers the server holds', () => {
  it('the A40\'s retired record PUT is marked: its identifiers beyond MRG-1 are the server\'s', () => {
    const e = retiredEntry(entries(a40));
    expect((e.request as Json).method).toBe('PUT');
    expect(e.extension).toContainEqual({ url: HELD, valueString: 'identifier' });
  });
  it('control: the survivor\'s PUT or patch is not marked so (its PID states its identifiers)', () => {
    const marked = entries(a40).filter((e) => JSON.stringify(e.extension ?? []).includes('"valueString":"identifier"'));
    expect(marked).toHaveLength(1);
  });
  it('at the destination: the held passport follows the PUT\'s MRN; the MRN is not repeated; the version read is the ifMatch', async () => {
    const put = retiredEntry(entries(a40));
    const own = (put.resource as Json).identifier as Json[];
    const held = {
      resourceType: 'Patient', id: String((put.resource as Json).id), meta: { versionId: '3' },
      identifier: [{ ...own[0] }, { system: 'urn:hl7v2:ns:BGD', value: 'BR0817263', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PPN' }] } }],
    };
    const out = await carryHeldElements([put], async () => [held]);
    const sent = out.entries[0] as Json;
    expect(((sent.resource as Json).identifier as Json[]).map((i) => i.value)).toEqual(['KRG0000150', 'BR0817263']);
    expect((sent.request as Json).ifMatch).toBe('W/"3"');
    // its held-element marker removed; the retired-record marker (R67-W1) is the earlier step's (retired-person.ts)
    expect(JSON.stringify(sent.extension ?? [])).not.toContain(HELD);
  });
  it('control: a record the server does not hold is PUT as the message states it', async () => {
    const put = retiredEntry(entries(a40));
    const out = await carryHeldElements([put], async () => []);
    expect(((out.entries[0] as Json).resource as Json).identifier).toEqual((put.resource as Json).identifier);
  });
});
