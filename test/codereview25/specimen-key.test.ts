/**
 * Code review 25 (docs/codereview25.md) CR25-7: SPM-2 keyed by the placer's number first (spm.ts, review
 * 27 R27-D1). [IG SPM[Specimen] #2 → identifier[1] placer (EIP.1), identifier[2] filler (EIP.2)] When
 * the placer's number names a collection rather than one container (a blood culture set's two bottles,
 * a tube the lab splits into aliquots), the lab numbers each container (SPM-2.2) and echoes the
 * placer's (SPM-2.1): v2.5.1 SPM-2 is an EIP, both parts identify the specimen. Keyed by the placer
 * alone, the containers share one key: inside a message 'distinct' numbers them by position (#1, #2),
 * so a later message naming only the second container PUTs it over the first one's URL. `it.fails` asserts that one
 * tube (filler F2) keeps one id across messages (it failed until the revert af02eaa; it passed on 37715b1,
 * filler-first); the control (the R27-D1 case: one tube, placer then placer + filler) passes at the FHIR destination.
 *
 *   npx vitest run test/codereview25/specimen-key.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations({ serverPer: 'test' });

const head = (type: 'OML' | 'ORU', control: string) => [
  `MSH|^~\\&|${type === 'OML' ? 'EHR' : 'LIS'}|SBH|X|SBH|20261201081000-0600||${type === 'OML' ? 'OML^O21^OML_O21' : 'ORU^R01^ORU_R01'}|${control}|P|2.5.1`,
  'PID|1||P273^^^SBH^MR||DOE^MAY||19600101|F',
  type === 'OML' ? 'ORC|NW|27190002^EPC' : 'ORC|RE|27190002^EPC|S88122^SBRL',
  type === 'OML' ? 'OBR|1|27190002^EPC||80048^BMP^CPT' : 'OBR|1|27190002^EPC|S88122^SBRL|80048^BMP^CPT|||20261201080800-0600||||||||||||||||F',
];

/** The Specimen whose identifiers hold `filler`. */
function specimenOf(segments: string[], filler: string): Json | undefined {
  const entries = (convertHl7v2(segments.join('\r')).bundle.entry as { resource: Json }[]) ?? [];
  return entries.map((e) => e.resource).find((r) => r.resourceType === 'Specimen' && JSON.stringify(r.identifier ?? []).includes(`"value":"${filler}"`));
}

describe('CR25-7 [IG SPM[Specimen] #2; hig identity: SPM-2 within the patient\'s record]', () => {
  // fixed by the lead: f9e6fa6 reverted (af02eaa)
  it('two containers of one placer number (fillers F1, F2), then F2 alone: F2 keeps its id, and it is never F1\'s', () => {
    const both = [...head('ORU', 'A1'), 'SPM|1|27SP00191&EPC^F1&SBRL||SER^Serum^HL70487', 'SPM|2|27SP00191&EPC^F2&SBRL||SER^Serum^HL70487'];
    const second = [...head('ORU', 'A2'), 'SPM|1|27SP00191&EPC^F2&SBRL||SER^Serum^HL70487'];
    const f1 = specimenOf(both, 'F1');
    const f2 = specimenOf(both, 'F2');
    const f2again = specimenOf(second, 'F2');
    expect(f1?.id).not.toBe(f2?.id);
    expect(f2again?.id).toBe(f2?.id);
    expect(f2again?.id).not.toBe(f1?.id);
  });

  // R27-D1: in the Bundle the two ids differ by design (no key can tell a tube from containers of one number:
  // docs/mapping.md Specimen); fix36a meets them at the FHIR destination (destinations/specimen-numbers.ts), so the
  // control is judged there, delivered (fix36e; the fuller cases: test/destinations/specimen-number-added-delivery.test.ts)
  it('control (R27-D1): the order\'s tube (placer only) and the result\'s (placer + filler) are one Specimen at the server', async () => {
    const placed = [...head('OML', 'A3'), 'SPM|1|27SP00191&EPC||SER^Serum^HL70487'];
    const resulted = [...head('ORU', 'A4'), 'SPM|1|27SP00191&EPC^F1&SBRL||SER^Serum^HL70487'];
    const dest = fhir.destination();
    for (const m of [placed, resulted]) await dest.deliver(convertHl7v2(m.join('\r')).bundle, never);
    const held = [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Specimen');
    expect(held).toHaveLength(1);
    expect(((held[0]?.identifier as Json[] | undefined) ?? []).map((i) => i.value).sort()).toEqual(['27SP00191', 'F1']);
  });
});
