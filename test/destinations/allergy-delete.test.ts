/**
 * IAM-6 D (allergy action code: delete, table 0206/0323) judged at the in-repo FHIR server (review 32 R32-N1).
 * The IG's IAM[AllergyIntolerance] row for IAM-6 names no FHIR element; its SegmentActionCode map says
 * [IG SegmentActionCode D → DELETE] (http-verb), the rule hig applies to A29/A23. v2.5.1 2.10.4.2: in action
 * code mode, D deletes the record the segment identifies. Expected values come from the messages.
 *
 *   npx vitest run test/destinations/allergy-delete.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const msh = (control: string) => `MSH|^~\\&|PLEDGER|MTBSC|MTBSC-HUB|MTBSC|20261214082040-0800||ADT^A60^ADT_A60|${control}|P|2.5.1`;
const PID = 'PID|1||MT3201023^^^MTBSC&2.16.840.1.113883.3.3203.1&ISO^MR||ISHIKAWA-DOUGLASS^ROSALIND||19400302|F';
const LATEX = (action: string) => `IAM|2|MA^Miscellaneous allergy^HL70127|111088007^Latex (substance)^SCT|MI^Mild^HL70128|Contact dermatitis|${action}|MTALG-3201023-02^PLEDGER`;
const SULFA = (action: string) => `IAM|1|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|SV^Severe^HL70128|Hives|${action}|MTALG-3201023-01^PLEDGER`;
const ADD = [msh('N1-ADD'), 'EVN|A60|20261213090000', PID, SULFA('A^Add/Insert^HL70323'), LATEX('A^Add/Insert^HL70323')].join('\r');
const DELETE = [msh('N1-DEL'), 'EVN|A60|20261214082040', PID, SULFA('U^Update^HL70323'), LATEX('D^Delete^HL70323'), 'IAR|9690001^Urticaria^SCT|MI^Mild^HL70128'].join('\r');

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

async function deliver(options: Options, ...messages: string[]): Promise<void> {
  for (const m of messages) {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(convertHl7v2(m, options).bundle) });
    expect(res.status, await res.clone().text()).toBe(200);
  }
}

const allergies = (code: string) => [...server.resources.values()].filter((r) => r.resourceType === 'AllergyIntolerance' && JSON.stringify(r.code ?? {}).includes(`"code":"${code}"`));
const status = (a: Json | undefined) => ((a?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;

describe.each([
  ['default (full PUT)', {}],
  ['conditionalUpdate', { conditionalUpdate: true }],
] as [string, Options][])('IAM-6 D at the server, %s channel', (_name, options) => {
  it('[IG SegmentActionCode D → DELETE] A60 add, then A60 with IAM-6 D: the server holds no latex allergy; the sulfa one (U) stays active', async () => {
    await deliver(options, ADD);
    expect(allergies('111088007')).toHaveLength(1);
    expect(status(allergies('111088007')[0])).toBe('active');
    await deliver(options, DELETE);
    expect(allergies('111088007')).toHaveLength(0);
    expect(allergies('10180')).toHaveLength(1);
    expect(status(allergies('10180')[0])).toBe('active');
  });
  it('a resend of the delete, or a delete of an allergy the server never held, is accepted and changes nothing', async () => {
    await deliver(options, DELETE);
    expect(allergies('111088007')).toHaveLength(0);
    await deliver(options, ADD, DELETE, DELETE.replace('N1-DEL', 'N1-DEL2'));
    expect(allergies('111088007')).toHaveLength(0);
  });
});

describe('IAM-6 D in the Bundle', () => {
  it('a DELETE entry at the id the add PUT, no PUT of the latex allergy', () => {
    const put = (convertHl7v2(ADD).bundle.entry as { resource?: Json; request?: { method?: string; url?: string } }[]).find((e) => e.resource?.resourceType === 'AllergyIntolerance' && JSON.stringify(e.resource.code).includes('111088007'));
    const entries = convertHl7v2(DELETE).bundle.entry as { resource?: Json; request?: { method?: string; url?: string } }[];
    expect(entries.filter((e) => e.request?.method === 'DELETE').map((e) => e.request?.url)).toEqual([put?.request?.url]);
    expect(entries.some((e) => e.resource?.resourceType === 'AllergyIntolerance' && JSON.stringify(e.resource.code).includes('111088007'))).toBe(false);
  });
});
