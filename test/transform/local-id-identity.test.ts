/**
 * Organization identity across messages (docs/mapping.md "Resource identity"): an identifier names
 * an organization when it says whose number it is (XON.6 as a system or a namespace); a bare
 * number (XON.3/XON.10 without XON.6) is that number with the name. Distinct organizations never
 * share a URL; the same organization gets the same URL in every message.
 * [IG XON[Organization] XON.1 → name, XON.3 IF XON.10 NOT VALUED / XON.10 → identifier.value,
 * XON.6 → identifier.system (HD[uri]) or identifier.assigner (HD[Organization])]
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

function orgUrl(orc21: string, control = 'OI1'): { url: string; resource: Record<string, unknown> } {
  const msg = [
    `MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||ORM^O01^ORM_O01|${control}|P|2.5.1`,
    'PID|1||MRN81^^^HOSP^MR||DOE^JANE||19800101|F',
    `ORC|NW|PL81^CPOE|||||||20240601113000-0500|||1234^WELBY^MARCUS|||||||||${orc21}`,
    'OBR|1|PL81^CPOE||2345-7^Glucose^LN',
  ].join('\r');
  const entries = (convertHl7v2(msg).bundle.entry as { request?: { url?: string }; resource: Record<string, unknown> }[]) ?? [];
  const role = entries.find((e) => e.resource.resourceType === 'PractitionerRole')?.resource as { organization?: { reference?: string } } | undefined;
  const ref = role?.organization?.reference ?? '';
  const hit = entries.find((e) => `urn:uuid:${String(e.resource.id)}` === ref);
  return { url: hit?.request?.url ?? '', resource: hit?.resource ?? {} };
}

describe('Organization identity (ORC-21 XON)', () => {
  it.each([
    // the IG samples' HD written into an XON: XON.3 "ISO" is a bare number, the name tells them apart
    ['OrdFac^2.3.4.4^ISO', 'SndApp^2.3.4.4^ISO', false],
    ['OrdFac^2.3.4.4^ISO', 'OrdFac^2.3.4.4^ISO', true],
    // same bare XON.10 number, different names: two organizations
    ['North Lab^^^^^^^^^777', 'South Lab^^^^^^^^^777', false],
    // same number from the same authority (namespace only, no system): one organization, whatever its name
    ['North Lab^^777^^^LABREG', 'North Laboratory^^777^^^LABREG', true],
    // same number, different authorities: two organizations
    ['North Lab^^777^^^LABREG', 'North Lab^^777^^^STATEREG', false],
    // an authority with a system (ISO OID)
    ['North Lab^^777^^^&2.16.840.1.113883.19.5&ISO', 'Lab North^^777^^^&2.16.840.1.113883.19.5&ISO', true],
  ])('%s vs %s: same URL %j', (a, b, same) => {
    const first = orgUrl(a, 'OI1');
    const second = orgUrl(b, 'OI2');
    expect(first.url).toMatch(/^Organization\//);
    expect(second.url).toMatch(/^Organization\//);
    expect(first.url === second.url).toBe(same);
  });

  it('[IG XON[Organization] XON.6 → identifier.assigner] a namespace-only authority is kept on the identifier', () => {
    const { resource } = orgUrl('North Lab^^777^^^LABREG');
    expect(resource.identifier).toEqual([{ value: '777', assigner: { display: 'LABREG' } }]);
  });
});

describe('Practitioner identity (XCN)', () => {
  const ids = (orc12: string, obr16: string, control: string) => {
    const msg = [
      `MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||ORM^O01^ORM_O01|${control}|P|2.5.1`,
      'PID|1||MRN82^^^HOSP^MR||DOE^JANE||19800101|F',
      `ORC|NW|PL82^CPOE|||||||20240601113000-0500|||${orc12}`,
      `OBR|1|PL82^CPOE||2345-7^Glucose^LN||||||||||||${obr16}`,
    ].join('\r');
    const entries = (convertHl7v2(msg).bundle.entry as { request?: { url?: string }; resource?: { resourceType?: string } }[]) ?? [];
    return entries.filter((e) => e.resource?.resourceType === 'Practitioner').map((e) => e.request?.url ?? '');
  };

  it.each([
    // REF-I12-01: 005454^DIAG^ROBIN and 005454^PATH^MARK, no XCN.9: two people, not one Practitioner
    ['005454^DIAG^ROBIN', '005454^PATH^MARK', 2],
    ['005454^DIAG^ROBIN', '005454^DIAG^ROBIN', 1],
    // with an assigning authority the number names the person, whatever the name's spelling
    ['005454^DIAG^ROBIN^^^^^^HOSP', '005454^DIAG^ROBIN^B^^^^^HOSP', 1],
  ])('[IG XCN[Practitioner] XCN.1 → identifier.value, XCN.9 → system/assigner] %s and %s → %i Practitioner(s)', (a, b, n) => {
    expect(new Set(ids(a, b, 'PI1')).size).toBe(n);
  });

  it('the same bare number and name in two messages is one URL', () => {
    expect(ids('005454^DIAG^ROBIN', '', 'PI2')).toEqual(ids('005454^DIAG^ROBIN', '', 'PI3'));
  });
});
