/**
 * [IG OBX[Observation] #4 → OG[Extension-Subidentifier]] OBX-4 is passed on in the
 * `observation-v2-subid` extension (reviews 23 R23-L2 and 24 R24-L1: it was read only for the
 * Observation's id, so two isolates' susceptibilities, or two units' crossmatches, could not be told
 * apart). Before v2.9 OBX-4 is ST (OG.1 original sub-identifier); v2.9's OG adds group (NM),
 * sequence (NM) and identifier (ST). Expected values are the message's, read by hand.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;
const SUBID = 'http://hl7.org/fhir/StructureDefinition/observation-v2-subid';

function subIds(obx4: string[], version = '2.5.1'): (Json[] | undefined)[] {
  const { bundle } = convertChecked(
    `MSH|^~\\&|LIS|REFLAB|EHR|HOSP|20261201120000-0500||ORU^R01^ORU_R01|SUB-1|P|${version}`,
    'PID|1||MR2301^^^HOSP^MR||FALK^INGRID||19700101|F',
    'OBR|1|PL2301^EHR|FL2301^LIS|87186^Susceptibility^CPT|||20261201100000-0500||||||||||||||20261201113000-0500|||F',
    ...obx4.map((s, i) => `OBX|${i + 1}|ST|18864-9^Ampicillin [Susceptibility]^LN|${s}|${i % 2 === 0 ? 'S' : 'R'}||||||F`),
  );
  return resources(bundle, 'Observation').map((o) => ((o.extension as Json[] | undefined) ?? []).find((e) => e.url === SUBID)?.extension as Json[] | undefined);
}

describe('OBX-4 sub-ID [IG OBX[Observation] #4]', () => {
  it('two isolates: each result carries its own sub-ID as the original sub-identifier (ST before v2.9)', () => {
    const [first, second] = subIds(['1', '2']);
    expect(first).toEqual([{ url: 'original-sub-identifier', valueString: '1' }]);
    expect(second).toEqual([{ url: 'original-sub-identifier', valueString: '2' }]);
  });

  it('a dotted LRI-style sub-ID is kept as sent', () => {
    expect(subIds(['1.2'])[0]).toEqual([{ url: 'original-sub-identifier', valueString: '1.2' }]);
  });

  it('v2.9 OG: group and sequence as decimals, identifier as a string [IG OG[Extension-Subidentifier] #1–#4]', () => {
    expect(subIds(['1^2^3^ISO-A'], '2.9')[0]).toEqual([
      { url: 'original-sub-identifier', valueString: '1' },
      { url: 'group', valueDecimal: 2 },
      { url: 'sequence', valueDecimal: 3 },
      { url: 'identifier', valueString: 'ISO-A' },
    ]);
  });

  it('no OBX-4, no extension', () => {
    expect(subIds([''])[0]).toBeUndefined();
  });
});
