/**
 * Issue 14, fix36a (review 27 R27-D1; code review 25 CR25-7): [IG SPM[Specimen] #2 → identifier PGN (EIP.1), FGN
 * (EIP.2); v2.5.1 EIP: both parts name one specimen] The order's tube is sent with the placer's number alone
 * (`27SP00191&EPC`), the lab's result with both (`27SP00191&EPC^F1&SBRL`). hig keys the pair apart from the placer
 * number alone (the containers a lab numbers under one collection number stay apart: CR25-7), so the message cannot
 * know the two are one tube; the server can. The FHIR destination writes a pair's Specimen the server does not hold at
 * the Specimen it holds under one of the pair's numbers alone, when that one names no other number of the same kind
 * and no other Specimen of the Bundle claims it (destinations/specimen-numbers.ts): the id does not change, the filler
 * number is added. Expected values written by hand from the messages below.
 *
 *   npx vitest run test/destinations/specimen-number-added-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations({ serverPer: 'test' });

const head = (type: 'OML' | 'ORU', control: string) => [
  `MSH|^~\\&|${type === 'OML' ? 'EHR' : 'LIS'}|SBH|X|SBH|20261201081000-0600||${type === 'OML' ? 'OML^O21^OML_O21' : 'ORU^R01^ORU_R01'}|${control}|P|2.5.1`,
  'PID|1||P273^^^SBH^MR||DOE^MAY||19600101|F',
  type === 'OML' ? 'ORC|NW|27190002^EPC' : 'ORC|RE|27190002^EPC|S88122^SBRL',
  type === 'OML' ? 'OBR|1|27190002^EPC||80048^BMP^CPT' : 'OBR|1|27190002^EPC|S88122^SBRL|80048^BMP^CPT|||20261201080800-0600||||||||||||||||F',
];
// the order's tube: placer number, serum, venipuncture (SPM-7)
const PLACED = [...head('OML', 'A1'), 'SPM|1|27SP00191&EPC||SER^Serum^HL70487|||28520004^Venipuncture^SCT'].join('\r');
const RESULTED = (control: string, ...spms: string[]) => [...head('ORU', control), ...spms].join('\r');
const tube = (filler: string, more = '') => `SPM|1|27SP00191&EPC^${filler}&SBRL||SER^Serum^HL70487${more}`;

const specimens = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Specimen');
const numbers = (s: Json | undefined) => ((s?.identifier as Json[] | undefined) ?? []).map((i) => i.value).sort();
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}

describe('R27-D1 [IG SPM[Specimen] #2] a filler number added to the order\'s placer-only tube', () => {
  it('the order\'s tube and the result\'s are one Specimen at the order\'s id, with both numbers and the rejection', async () => {
    const orderId = (convertHl7v2(PLACED).bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Specimen')?.id;
    await deliver(PLACED, RESULTED('A2', tube('F1', '|||||||||||||20261201080800-0600|20261201091500-0600||N')));
    expect(specimens()).toHaveLength(1);
    expect(specimens()[0]?.id).toBe(orderId);
    expect(numbers(specimens()[0])).toEqual(['27SP00191', 'F1']);
    expect(specimens()[0]?.status).toBe('unavailable');
    const report = [...fhir.server.resources.values()].find((r) => r.resourceType === 'DiagnosticReport');
    expect(report?.specimen).toEqual([{ reference: `Specimen/${String(orderId)}` }]);
  });

  it('a second result of the tube (placer + filler) goes to the same Specimen', async () => {
    await deliver(PLACED, RESULTED('A2', tube('F1')), RESULTED('A3', tube('F1', '|||||||||||||20261201080800-0600|20261201091500-0600')));
    expect(specimens()).toHaveLength(1);
    expect(specimens()[0]?.receivedTime).toBe('2026-12-01T09:15:00-06:00');
  });

  it('CR25-7: two containers of the placer number in one result take neither the order\'s tube nor each other\'s id; F2 later alone keeps its own', async () => {
    await deliver(PLACED, RESULTED('A2', tube('F1'), tube('F2').replace('SPM|1', 'SPM|2')), RESULTED('A3', tube('F2')));
    const byNumbers = specimens().map(numbers).sort();
    expect(byNumbers).toEqual([['27SP00191'], ['27SP00191', 'F1'], ['27SP00191', 'F2']]);
  });

  it('a tube the server holds with another filler number is not taken: the new container is a Specimen of its own', async () => {
    await deliver(PLACED, RESULTED('A2', tube('F1')), RESULTED('A3', tube('F2')));
    expect(specimens().map(numbers).sort()).toEqual([['27SP00191', 'F1'], ['27SP00191', 'F2']]);
  });
});
