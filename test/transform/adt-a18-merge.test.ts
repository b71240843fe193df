/**
 * ADT^A18 (merge patient information, v2.3/v2.4; withdrawn in later versions, which point to A34–A36
 * and A39–A42) is converted as the patient merge it is [hig: the IG has no ADT_A18 map; MRG[Patient] and
 * the Patient.link merge pattern as for A34/A40]: the PID's Patient `replaces` MRG-1's, which is
 * `replaced-by` it and inactive. Review 26 R26-R1: MEDITECH 6.x sends A18, and it was refused.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

function merge(event: string): Json[] {
  const { bundle } = convertChecked(
    `MSH|^~\\&|MEDITECH|HGCH|HIG|HIG|20261209161702-0600||ADT^${event}|HG-${event}|P|2.3`,
    `EVN|${event}|202612091617`,
    'PID|1||M000260390^^^HGCH^MR||KRISTIANSEN-MBEKI^ASTRID^^^^^L||19770104|F',
    'MRG|M000260388^^^HGCH^MR',
    'PV1|1|O|CLIN^^^HGCH',
  );
  return resources(bundle, 'Patient');
}

const byMrn = (patients: Json[], mrn: string): Json | undefined =>
  patients.find((p) => ((p.identifier as Json[] | undefined) ?? []).some((i) => i.value === mrn));

describe('ADT^A18 merge patient information', () => {
  it('the survivor replaces the merged record, which is replaced-by it and inactive', () => {
    const patients = merge('A18');
    const survivor = byMrn(patients, 'M000260390');
    const merged = byMrn(patients, 'M000260388');
    expect(survivor).toBeDefined();
    expect(merged).toBeDefined();
    expect((survivor?.link as Json[])[0]).toMatchObject({ type: 'replaces' });
    expect((merged?.link as Json[])[0]).toMatchObject({ type: 'replaced-by' });
    expect(merged?.active).toBe(false);
  });

  it('the same Patients (ids and links) as the A34 its successor is', () => {
    const strip = (ps: Json[]) => ps.map((p) => ({ id: p.id, link: p.link, active: p.active }));
    expect(strip(merge('A18'))).toEqual(strip(merge('A34')));
  });
});
