/**
 * Review 31 (issue 14): the whole sample (docs/review31/messages/, 01 → 24 in order) delivered as FHIR
 * transactions to the in-repo test FHIR server (test/support/fhir-server.ts), default conversion options;
 * what the server holds afterwards, read against the messages and the IG rows named. Order events and the
 * orders results name are judged here. The times of the fall-back night are judged in defects.test.ts (they
 * depend on the channel's `timezone`, which this delivery leaves at its default).
 *
 *   npx vitest run test/review31/destination.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, type SampleDelivery } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review31/messages/', import.meta.url);
let sample: SampleDelivery;
beforeAll(async () => {
  sample = await deliverSample(dir);
}, 60_000);
afterAll(() => sample.close());

const held = (type: string) => sample.held(type);
const byIdentifier = (type: string, value: string) => sample.byIdentifier(type, value);
const codeIs = (r: Json, code: string) => JSON.stringify(r.code ?? r.vaccineCode ?? {}).includes(`"code":"${code}"`);
const text = (x: unknown) => JSON.stringify(x ?? null);
const ref = (r: Json | undefined) => `${String(r?.resourceType)}/${String(r?.id)}`;
/** The room (partOf of the bed) of the Encounter's `active` location, as the server holds it. */
function activeRoom(enc: Json | undefined): string | undefined {
  const locs = (enc?.location as { location?: { reference?: string }; status?: string }[] | undefined) ?? [];
  const bedRef = locs.find((l) => l.status === 'active')?.location?.reference;
  const bed = held('Location').find((l) => ref(l) === bedRef);
  return (bed?.partOf as { display?: string } | undefined)?.display;
}

describe('review 31 at the destination', () => {
  // R31-R1 fixed (fixadt26): the A24 and the A37 convert and are accepted (refused UNSUPPORTED_EVENT before)
  it('24 transactions accepted (the A24 and the A37 too, R31-R1)', () => {
    expect(sample.failures).toEqual([]);
    expect(sample.refused).toEqual([]);
  });

  it('A24 then A37 [FHIR Patient.link seealso; v2.5.1 3.3.24, 3.3.37]: both records kept, distinct and active, neither linked after the unlink', () => {
    const a = byIdentifier('Patient', 'HF3106006');
    const b = byIdentifier('Patient', 'HF3106007');
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]?.active).not.toBe(false);
    expect(a[0]?.link).toBeUndefined();
    expect(b[0]?.link).toBeUndefined();
  });

  it('FITZGIBBON-IWUCHUKWU once; his visit once, back on 7W room 712 after the A12, the A08\'s "" home phone and marital status gone [IG Event[EncounterStatus]; PID[Patient] #13, #16; hig "" rule]', () => {
    const p = byIdentifier('Patient', 'HF3101001');
    expect(p).toHaveLength(1);
    const visit = byIdentifier('Encounter', '9310100101');
    expect(visit).toHaveLength(1);
    expect(activeRoom(visit[0])).toBe('712');
  });

  it('A06 then A07: one visit for BAPTISTE-WOJTASZEK, class ambulatory again after the A07; A35: the prior FIN an Account of hers, status unknown [IG PatientClass; MRG[Account] #0, #3]', () => {
    const visit = byIdentifier('Encounter', '9310200201');
    expect(visit).toHaveLength(1);
    expect((visit[0]?.class as Json | undefined)?.code).toBe('AMB');
    const prior = byIdentifier('Account', '9310200201');
    expect(prior).toHaveLength(1);
    expect(prior[0]?.status).toBe('unknown');
    const now = byIdentifier('Account', '9310200299');
    expect(now).toHaveLength(1);
    const pat = byIdentifier('Patient', 'HF3102002')[0];
    expect(text(now[0]?.subject)).toContain(ref(pat));
  });

  it('A17: STRAUSSMAN now in room 514, VERHOEVEN-DOUCETTE in room 512 [IG ADT_A17: two PID/PV1 pairs, PV1[Encounter] #3]', () => {
    expect(activeRoom(byIdentifier('Encounter', '9310300301')[0])).toBe('514');
    expect(activeRoom(byIdentifier('Encounter', '9310400401')[0])).toBe('512');
  });

  it('A34: the ED duplicate HF3104099 inactive and replaced-by HF3104004, which replaces it [FHIR Patient.link; hig merge rule]', () => {
    const dup = byIdentifier('Patient', 'HF3104099');
    expect(dup).toHaveLength(1);
    expect(dup[0]?.active).toBe(false);
    const surv = byIdentifier('Patient', 'HF3104004');
    expect(surv).toHaveLength(1);
    expect(text(dup[0]?.link)).toContain(ref(surv[0]));
    expect(text(surv[0]?.link)).toContain(ref(dup[0]));
  });

  it('blood culture: one order completed, one final report with Gram stain and S. aureus (both final), one Specimen [IG OBR[DiagnosticReport] #25, OBX[Observation] #11]', () => {
    const order = byIdentifier('ServiceRequest', '31010310').filter((s) => codeIs(s, '600-7'));
    expect(order).toHaveLength(1);
    expect(order[0]?.status).toBe('completed');
    const report = byIdentifier('DiagnosticReport', 'MB26-31016');
    expect(report).toHaveLength(1);
    expect(report[0]?.status).toBe('final');
    const org = held('Observation').filter((o) => codeIs(o, '600-7'));
    expect(org).toHaveLength(1);
    expect(org[0]?.status).toBe('final');
    expect(text(org[0]?.valueCodeableConcept)).toContain('3092008');
    const gram = held('Observation').filter((o) => codeIs(o, '664-3'));
    expect(gram).toHaveLength(1);
    expect(gram[0]?.status).toBe('final');
    expect(held('Specimen').filter((s) => text(s.identifier).includes('MB26-31016-1'))).toHaveLength(1);
  });

  it('susceptibilities: one child report, corrected; vancomycin corrected to MIC 4 intermediate, the other three final; the child order based on the culture [IG OBR[DiagnosticReport] #25, OBX[Observation] #5, #8, #11]', () => {
    const report = byIdentifier('DiagnosticReport', 'MB26-31016-S1');
    expect(report).toHaveLength(1);
    expect(report[0]?.status).toBe('corrected');
    const vanc = held('Observation').filter((o) => codeIs(o, '19000-9'));
    expect(vanc).toHaveLength(1);
    expect(vanc[0]?.status).toBe('corrected');
    expect((vanc[0]?.valueQuantity as Json | undefined)?.value).toBe(4);
    expect(text(vanc[0]?.interpretation)).toContain('"code":"I"');
    for (const code of ['18961-1', '18908-4', '18998-5']) {
      const o = held('Observation').filter((x) => codeIs(x, code));
      expect(o).toHaveLength(1);
      expect(o[0]?.status).toBe('final');
    }
    const child = held('ServiceRequest').filter((s) => codeIs(s, '29576-6'));
    expect(child).toHaveLength(1);
    expect(text(child[0]?.basedOn)).toContain('MB26-31016');
  });

  it('OML one ORC over four OBRs, then CA of the magnesium, then the lab\'s ORU: CBC active, BMP and lactate completed, Mg revoked (ORC-16 DUP kept, its NW authoredOn kept), each once; each report based on its own order [IG ORC[ServiceRequest] #1, #5, #9, #16; OBR[ServiceRequest]; ORU_R01 basedOn]', () => {
    const one = (placer: string) => {
      const s = byIdentifier('ServiceRequest', placer);
      expect(s).toHaveLength(1);
      return s[0];
    };
    expect(one('31010201')?.status).toBe('active');
    const bmp = one('31010202');
    expect(bmp?.status).toBe('completed');
    const mg = one('31010203');
    expect(mg?.status).toBe('revoked');
    expect(text(mg?.extension)).toContain('"code":"DUP"');
    expect(mg?.authoredOn).toBe('2026-11-01T01:42:05-05:00');
    const lac = one('31010204');
    expect(lac?.status).toBe('completed');
    for (const s of [bmp, lac]) expect(s?.authoredOn).toBe('2026-11-01T01:42:05-05:00');
    expect(text(byIdentifier('DiagnosticReport', 'CH26-31022')[0]?.basedOn)).toContain(ref(bmp));
    expect(text(byIdentifier('DiagnosticReport', 'CH26-31023')[0]?.basedOn)).toContain(ref(lac));
    const k = held('Observation').filter((o) => codeIs(o, '2823-3'));
    expect(k).toHaveLength(1);
    expect(text(k[0]?.basedOn)).toContain(ref(bmp));
  });

  it('clinic VXU: a historical Tdap (primarySource false, NIP001 01) and a refused influenza dose (not-done, reason 00) [IG RXA[Immunization] #9, #18, #20]', () => {
    const imms = held('Immunization');
    expect(imms).toHaveLength(2);
    const tdap = imms.find((i) => codeIs(i, '115'));
    expect(tdap?.primarySource).toBe(false);
    expect(tdap?.status).toBe('completed');
    const flu = imms.find((i) => codeIs(i, '141'));
    expect(flu?.status).toBe('not-done');
    expect(text(flu?.statusReason)).toContain('"code":"00"');
  });

  // Recorded: the result and order messages' PV1 (#16–#22: no PV1-44, no event) PUT the whole visit with status
  // `unknown` (docs/mapping.md "A PV1 in a message that is no ADT visit event"; full PUT, omittedFields `remove`),
  // so after #22 the in-progress admission of #01–#06 is held `unknown`, without its start.
  it('[hig visit rule] after the ORUs/OMLs his admission is held as the A13 left it: in progress, admitted 21:45 on 31 October', () => {
    // until 2026-12-06 the ORUs'/OMLs' full PUT left it `unknown` without period.start (recorded here)
    const visit = byIdentifier('Encounter', '9310100101');
    expect(visit).toHaveLength(1);
    // [IG Event[EncounterStatus] A13] in-progress, no end; [IG PV1[Encounter] #44] PV1-44 20261031214500
    expect(visit[0]?.status).toBe('in-progress');
    expect((visit[0]?.period as Json | undefined)?.start).toMatch(/^2026-10-31T21:45:00/);
    expect((visit[0]?.period as Json | undefined)?.end).toBeUndefined();
  });
});
