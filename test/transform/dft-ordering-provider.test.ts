/**
 * Review 16 (DFT #20, not counted): FT1-21 "ordered by" is no performer of the charged service.
 * hig rule (the IG has no FT1 segment map): FT1-20 performed by → ChargeItem.performer; FT1-21 → a
 * performer whose function is v2-0912 OP "Ordering Provider" (ChargeItem has no requester element).
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

describe('[hig FT1] who performed and who ordered a charge', () => {
  const message = [
    'MSH|^~\\&|PAS|GOODHEALTH|FIN|RECV|20240705081500-0500||DFT^P03^DFT_P03|D16-1|P|2.5.1',
    'EVN|P03|20240705081500-0500',
    'PID|1||MRN1^^^GOODHEALTH^MR||DOE^JOHN||19700101|M',
    seg('FT1', { 1: '1', 2: 'T1', 4: '20240705', 6: 'CG', 7: '71045^Xray exam chest 1 view^C4', 10: '1', 20: '2222^RAD^RITA', 21: '3333^ORDER^OLIVER' }),
  ];
  it('FT1-20 is a plain performer; FT1-21 a performer with function v2-0912 OP', () => {
    const { bundle } = convertChecked(...message);
    const charge = resources(bundle, 'ChargeItem')[0] as Json;
    const performers = charge.performer as Json[];
    expect(performers).toHaveLength(2);
    expect(performers[0]?.function).toBeUndefined();
    expect(performers[1]?.function).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0912', code: 'OP', display: 'Ordering Provider' }] });
    const names = resources(bundle, 'Practitioner').map((p) => JSON.stringify((p as Json).name));
    const ref = (i: number) => String(((performers[i] as Json).actor as Json).reference);
    const byRef = new Map(resources(bundle, 'Practitioner').map((p) => [`urn:uuid:${String((p as Json).id)}`, JSON.stringify((p as Json).name)]));
    expect(byRef.get(ref(0))).toContain('RAD');
    expect(byRef.get(ref(1))).toContain('ORDER');
    expect(names).toHaveLength(2);
  });
});
