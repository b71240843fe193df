/**
 * Review 48 R48-N1 at the FHIR destination: [hig: no-known-allergy statement; US Core AllergyIntolerance; v2.5.1
 * 2.10.4.1 snapshot mode, docs/mapping.md "Allergy lists"] an ADT's AL1 list that says "no known drug allergies"
 * replaces that sender's earlier list of real allergies, and a later list naming an allergy replaces the statement:
 * the receiving server never holds, from one sender's list, NKDA beside a penicillin allergy. Delivered to the in-repo
 * FHIR server in every mode; expected values from the messages (SNOMED CT 409137002, RxNorm 7980), not hig's output.
 *
 *   npx vitest run test/destinations/no-known-allergy-list.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination } from './push.js';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';

const adt = (control: string, al1s: readonly string[], app = 'QVADT') => [
  `MSH|^~\\&|${app}|QVMC|HIG|QVMC|202612061410-0600||ADT^A08^ADT_A01|${control}|P|2.5.1`,
  'EVN|A08|202612061400-0600',
  'PID|1||QV5550303^^^QVMC^MR||TESTALLERGY^SAM||19700303|M',
  'PV1|1|I|W3^302^A',
  ...al1s,
].join('\r');
const PENICILLIN = 'AL1|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|SV^Severe^HL70128|Hives';
const PEANUT = 'AL1|2|FA^Food allergy^HL70127|256349002^Peanut^SCT|MO^Moderate^HL70128|Swelling';
const NKDA = 'AL1|1|DA^Drug allergy^HL70127|^No known drug allergies|U';
const NKA = 'AL1|1||^NKA';

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

async function deliver(mode: Mode, ...messages: string[]): Promise<void> {
  const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
  try {
    for (const m of messages) await destination.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
  } finally {
    await destination.close();
  }
}
/** The first coding's code of each allergy the server holds, sorted. */
const held = (): string[] =>
  [...server.resources.values()]
    .filter((r) => r.resourceType === 'AllergyIntolerance')
    .map((r) => String(((r as Json).code as { coding?: Json[]; text?: string }).coding?.[0]?.code ?? (r as Json).code))
    .sort();

describe('[hig: no-known-allergy statement; US Core AllergyIntolerance] R48-N1: one sender\'s list is NKDA or its allergies, never both', () => {
  for (const mode of ['transaction', 'batch', 'individual'] as const) {
    it(`${mode}: penicillin + peanut, then NKDA (penicillin deleted; the peanut food allergy deleted too: not on the list), then penicillin again (NKDA deleted)`, async () => {
      await deliver(mode, adt('M1', [PENICILLIN, PEANUT]));
      expect(held()).toEqual(['256349002', '7980']);
      await deliver(mode, adt('M2', [NKDA]));
      expect(held()).toEqual(['409137002']);
      await deliver(mode, adt('M3', [PENICILLIN]));
      expect(held()).toEqual(['7980']);
    });
  }

  it('NKA then a list of NKDA beside a peanut allergy: the NKA statement is deleted, NKDA and peanut held', async () => {
    await deliver('transaction', adt('M1', [NKA]));
    expect(held()).toEqual(['716186003']);
    await deliver('transaction', adt('M2', [NKDA, PEANUT]));
    expect(held()).toEqual(['256349002', '409137002']);
  });

  it('a list naming NKDA and penicillin (contradictory) after NKDA: the server holds penicillin alone', async () => {
    await deliver('transaction', adt('M1', [NKDA]));
    await deliver('transaction', adt('M2', [NKDA, PENICILLIN.replace('AL1|1|', 'AL1|2|')]));
    expect(held()).toEqual(['7980']);
  });

  it('known gap (documented): another sender\'s list is its own: the ED\'s penicillin stays beside registration\'s NKDA', async () => {
    await deliver('transaction', adt('M1', [PENICILLIN], 'QVED'), adt('M2', [NKDA]));
    expect(held()).toEqual(['409137002', '7980']);
  });
});
