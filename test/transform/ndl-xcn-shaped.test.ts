/**
 * Review 51 R51-N1: OBR-32 (principal result interpreter, NDL) sent XCN-shaped, as many v2.3-era feeds do:
 * `1184720556^STRAND^MARGIT^L^^MD^^^NPI^L^^^NPI`. Read as NDL it gave a Practitioner with the NPI only, a name
 * reported as "not a date/time", and a PractitionerRole at a Location bed "MD" in building "L": places nobody sent.
 * [IG NDL[PractitionerRole]; hig rule, as a CWE-shaped PV1-20 is read as the CWE its row names] an NDL whose NDL.2
 * (start date/time, a DTM: it begins with a digit) holds a name is read as the XCN it is, with a remark; a true NDL
 * is read as before. Messages written here by hand; expected values from the v2.5.1 NDL and XCN datatypes.
 *
 *   npx vitest run test/transform/ndl-xcn-shaped.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
/** An OBR with its fields placed by number. */
const obr = (fields: Record<number, string>) => ['OBR', ...Array.from({ length: 32 }, (_, i) => fields[i + 1] ?? '')].join('|');
const oru = (obr32: string) => [
  'MSH|^~\\&|BSAP|BSUH|HIG|HIG|20320409161800-0500||ORU^R01^ORU_R01|NDL-1|P|2.5.1',
  'PID|1||BS5109001^^^BSUH^MR||TALLGRASS^WREN||19700101|F',
  obr({ 1: '1', 2: 'E51-39001^EPC', 3: 'S32-09001^BSAP', 4: '88309^Tissue exam by pathologist^C4', 7: '20320406114000', 22: '20320409161800', 24: 'SP', 25: 'F', 32: obr32 }),
  'OBX|1|TX|22637-3^Pathology report final diagnosis^LN||Benign.||||||F',
].join('\r');
const converted = (obr32: string) => convertHl7v2(oru(obr32));
const of = (obr32: string, type: string) => (converted(obr32).bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const lines = (obr32: string) => ((converted(obr32).report.issue as Array<{ details?: { text?: string } }> | undefined) ?? []).map((i) => i.details?.text ?? '');

describe('R51-N1: an XCN-shaped OBR-32 is read as XCN, not as a place', () => {
  const XCN = '1184720556^STRAND^MARGIT^L^^MD^^^NPI^L^^^NPI';
  it('the interpreter is the Practitioner STRAND, MARGIT with NPI 1184720556 [IG XCN[Practitioner] #1, #2, #3, #9]', () => {
    const p = of(XCN, 'Practitioner').find((x) => JSON.stringify(x.identifier).includes('1184720556'));
    expect((p?.name as Json[] | undefined)?.[0]).toMatchObject({ family: 'STRAND', given: expect.arrayContaining(['MARGIT']) });
    expect(JSON.stringify(p?.identifier)).toContain('"system":"http://hl7.org/fhir/sid/us-npi"');
  });
  it('no Location and no PractitionerRole made up from XCN components; a remark on OBR-32, no "not a date/time" line', () => {
    expect(of(XCN, 'Location')).toEqual([]);
    expect(of(XCN, 'PractitionerRole')).toEqual([]);
    expect(lines(XCN).some((t) => t.startsWith('OBR-32') && /XCN/.test(t))).toBe(true);
    expect(lines(XCN).some((t) => /not a date\/time/.test(t))).toBe(false);
  });
  it('control: a true NDL (NDL.1 CNN, NDL.2 a time, NDL.4 a point of care) still makes the PractitionerRole with period and place', () => {
    const NDL = '1184720556&STRAND&MARGIT^20320409150000^20320409160000^PATH^^^BSUH';
    const role = of(NDL, 'PractitionerRole')[0];
    expect((role?.period as Json | undefined)?.start).toBe('2032-04-09T15:00:00-05:00');
    expect(of(NDL, 'Location').length).toBeGreaterThan(0);
  });
});
