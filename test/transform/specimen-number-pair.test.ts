/**
 * Review 56 R56-W1 (docs/mapping-review-56.md): a Specimen's SPM-2 is an EIP [IG SPM[Specimen] #2 → identifier[1]
 * placer (EIP.1), identifier[2] filler (EIP.2); v2.5.1 EIP: both components, when valued, name one specimen]. A sender
 * writing `S1^NS` (EI + namespace) puts the namespace `NS` where the filler number goes: keyed by the filler number
 * alone, every tube of the patient had one "number", and a message's first tube took the id another message's first
 * tube had (a urine tube PUT over the serum tube). Keyed by both numbers when both are sent [hig identity,
 * identity.ts specimenNumberKey], each tube keeps its own id. Expected values are written from the messages below.
 *
 *   npx vitest run test/transform/specimen-number-pair.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const message = (control: string, ...spms: string[]) => [
  `MSH|^~\\&|LIS|H|HIS|H|20330119090000+0530||ORU^R01^ORU_R01|${control}|P|2.5.1`,
  'PID|1||P56^^^H^MR||DOE^ANN||19600101|F',
  'ORC|RE|PL1^HIS|FL1^LIS',
  'OBR|1|PL1^HIS|FL1^LIS|CHEM^Chemistry^L|||20330119060000+0530||||||||||||||20330119080000+0530||CH|F',
  ...spms,
].join('\r');
const SERUM = (number: string) => `SPM|1|${number}||SER^Serum^HL70487|||||||||||||20330119060000+0530`;
const URINE = (number: string) => `SPM|2|${number}||UR^Urine^HL70487|||||||||||||20330119061500+0530`;

/** The Specimens of a message, each as [its SPM-2 values, its type code, its id]. */
function specimens(m: string): { values: string[]; type: unknown; id: unknown }[] {
  return (convertHl7v2(m).bundle.entry as { resource: Json }[])
    .map((e) => e.resource)
    .filter((r) => r.resourceType === 'Specimen')
    .map((r) => ({ values: (r.identifier as Json[]).map((i) => String(i.value)), type: ((r.type as Json).coding as Json[])[0]?.code, id: r.id }));
}

describe('R56-W1 [IG SPM[Specimen] #2; hig identity] a Specimen with both SPM-2 numbers is keyed by the pair', () => {
  it('the serum tube S1^NS of one message and the urine S2^NS first in the next are two Specimens; S1^NS again keeps its id', () => {
    const [serum] = specimens(message('A1', SERUM('S1^NS')));
    const [urine, sendout] = specimens(message('A2', URINE('S2^NS'), SERUM('S3^NS')));
    const [serumAgain] = specimens(message('A3', SERUM('S1^NS')));
    // identifiers in the order the mapper pushes them: filler (EIP.2) then placer (EIP.1)
    expect([serum?.values, serum?.type]).toEqual([['NS', 'S1'], 'SER']);
    expect([urine?.values, urine?.type]).toEqual([['NS', 'S2'], 'UR']);
    expect(urine?.id).not.toBe(serum?.id);
    expect(sendout?.id).not.toBe(serum?.id);
    expect(sendout?.id).not.toBe(urine?.id);
    expect(serumAgain?.id).toBe(serum?.id);
  });

  it('within one message the two tubes of one "filler number" are two Specimens without the two-specimens-of-one-number remark', () => {
    const r = convertHl7v2(message('A4', URINE('S2^NS'), SERUM('S3^NS')));
    expect((r.bundle.entry as { resource: Json }[]).filter((e) => e.resource.resourceType === 'Specimen')).toHaveLength(2);
    expect(JSON.stringify(r.report ?? null)).not.toContain('two specimens of one number');
  });

  it('control: a number sent alone (placer only, filler only) keys the Specimen by that number, the same id in every message', () => {
    const placerOnly = specimens(message('A5', SERUM('S1')))[0];
    expect(specimens(message('A6', SERUM('S1')))[0]?.id).toBe(placerOnly?.id);
    const fillerOnly = specimens(message('A7', SERUM('^F1&LIS')))[0];
    expect(fillerOnly?.values).toEqual(['F1']);
    expect(specimens(message('A8', SERUM('^F1&LIS')))[0]?.id).toBe(fillerOnly?.id);
    expect(fillerOnly?.id).not.toBe(placerOnly?.id);
  });
});
