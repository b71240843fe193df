/**
 * Review 26 (issue 14, branch review26 on main 232831c): defects found in a fresh synthetic sample of 24
 * feed-style messages (docs/review26/messages/, docs/mapping-review-26.md). Each defect is `it.fails` so CI
 * stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values
 * come from the message, the IG rows named and FHIR's element definitions, not from hig's output. Order events
 * are judged at the destination as reviews 21–24 did: what a server holds after the messages before it, here
 * by replaying the PUTs (a later PUT to a URL replaces the earlier: FHIR R4 http.html#update);
 * test/review26/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review26/defects.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const sample = (name: string) => readFileSync(new URL(`../../docs/review26/messages/${name}`, import.meta.url)).toString('latin1');
const entries = (message: string) => convertHl7v2(message).bundle.entry as Entry[];
const of = (message: string, type: string) => entries(message).filter((e) => e.resource?.resourceType === type).map((e) => e.resource as Json);
const texts = (message: string) =>
  ((convertHl7v2(message).report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');

/** What a server holds after `messages` in order: one resource per PUT URL, the later replacing the earlier (FHIR PUT). */
function storedAfter(...messages: string[]): Json[] {
  const byUrl = new Map<string, Json>();
  for (const m of messages) for (const e of entries(m)) if (e.request?.method === 'PUT' && e.resource) byUrl.set(e.request.url ?? '', e.resource);
  return [...byUrl.values()];
}
const byNumber = (stored: Json[], type: string, number: string) =>
  stored.find((r) => r.resourceType === type && JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`));
/** `message` with field `n` of every `seg` segment set to `value` (fields placed by number, MSH excluded). */
function withField(message: string, seg: string, n: number, value: string): string {
  return message.split('\r').map((s) => {
    if (!s.startsWith(`${seg}|`)) return s;
    const f = s.split('|');
    while (f.length <= n) f.push('');
    f[n] = value;
    return f.join('|');
  }).join('\r');
}

const M06 = sample('06-adt-a18-merge-info.hl7');
const M08 = sample('08-orm-o01-outreach-two-orders.hl7');
const M09 = sample('09-oru-r01-outreach-prelim.hl7');
const M14 = sample('14-rde-o11-retail-nw.hl7');
const M15 = sample('15-rde-o11-retail-xo-dose.hl7');

describe('review 26: a MEDITECH v2.3 ADT^A18 (merge patient information) is refused (R26-R1)', () => {
  // #06: MSH-9 ADT^A18 (v2.3: "merge patient information", kept for backward compatibility since v2.3.1), PID-3 the
  // surviving MRN M000260390, MRG-1 the retired MRN M000260388. hig refuses the message (UNSUPPORTED_EVENT): nothing
  // wrong reaches a server, but the merge never does either. The same content as ADT^A40 gives the IG's MRG /
  // Patient.link pair. Expected (if the lead takes A18 on): the retired record replaced-by the survivor.
  it('R26-R1 [v2.3 A18 ≈ A40/A34; IG MRG → Patient.link] the A18 links the retired MRN to the survivor', () => {
    let patients: Json[] = [];
    try {
      patients = of(M06, 'Patient');
    } catch {
      // refused today: no Patient at all, so the assertion below is what fails
    }
    const retired = patients.find((p) => JSON.stringify(p.identifier).includes('"value":"M000260388"'));
    expect(JSON.stringify(retired?.link ?? null)).toContain('"type":"replaced-by"');
  });
  // the lead took A18 on (events.ts, as A34/A40): the refusal this control asserted on 232831c is gone
  it('R26-R1 control: the same segments as ADT^A40 give replaces / replaced-by', () => {
    const a40 = M06.replace('ADT^A18', 'ADT^A40').replace('EVN|A18', 'EVN|A40');
    const patients = of(a40, 'Patient');
    const retired = patients.find((p) => JSON.stringify(p.identifier).includes('"value":"M000260388"'));
    const survivor = patients.find((p) => JSON.stringify(p.identifier).includes('"value":"M000260390"'));
    expect(JSON.stringify(retired?.link)).toContain('"type":"replaced-by"');
    expect(JSON.stringify(survivor?.link)).toContain('"type":"replaces"');
  });
});

describe('review 26: OBR-32 NDL.2/NDL.3 (the interpreter\'s period) neither mapped nor reported (R26-L1)', () => {
  // #09's OBR-32 is written XCN-style (my sample error: NDL.1 is a CNN whose parts are subcomponents). Written right,
  // `LB4410&ZHELEZNYAKOVA&TAMSIN^20261207080000-0600^20261207180000-0600`, NDL.1 gives the Practitioner, but NDL.2/3
  // (start/end of the interpretation period) go nowhere and no report line names them. IG OBR[DiagnosticReport] #32 →
  // resultsInterpreter(PractitionerRole) via NDL[PractitionerRole] NDL.2 → period.start, NDL.3 → period.end; hig
  // documents that the PractitionerRole is not made (docs/mapping.md OBR row) but its rule is "mapped or reported".
  const NDL = 'LB4410&ZHELEZNYAKOVA&TAMSIN^20261207080000-0600^20261207180000-0600';
  const fixed = withField(M09, 'OBR', 32, NDL);
  it('R26-L1 [IG OBR[DiagnosticReport] #32 → NDL[PractitionerRole] #2/#3] the period is in the Bundle or named by a report line', () => {
    const inBundle = JSON.stringify(convertHl7v2(fixed).bundle).includes('2026-12-07T08:00:00-06:00');
    const reported = texts(fixed).some((t) => t.startsWith('OBR-32'));
    expect(inBundle || reported).toBe(true);
  });
  it('R26-L1 control: NDL.1 CNN → the resultsInterpreter Practitioner with its name [IG CNN[Practitioner]]', () => {
    const report = of(fixed, 'DiagnosticReport')[0];
    const ref = ((report?.resultsInterpreter as { reference?: string }[] | undefined) ?? [])[0]?.reference;
    const role = entries(fixed).find((e) => e.fullUrl === ref)?.resource;
    // [IG NDL[PractitionerRole] #1] since the lead's R26-L1 fix the interpreter is a PractitionerRole of the NDL.1 person
    const person = (role?.practitioner as { reference?: string } | undefined)?.reference ?? ref;
    const who = entries(fixed).find((e) => e.fullUrl === person)?.resource;
    expect(JSON.stringify(who?.name)).toContain('ZHELEZNYAKOVA');
  });
});

describe('review 26: order-control and result messages PUT the whole order (R23-D1 and R22-D1 classes, found again)', () => {
  // #14 (retail RDE^O11 NW, ORC-9 10:40) → authoredOn [IG ORC[ServiceRequest] #9 IF ORC-1 = NW, applied to the
  // MedicationRequest]; #15 (ORC-1 XO, ORC-9 09:25 of the change, the whole RXE at 20 mg) PUTs the same URL without it.
  // Judged at the server since rx23 (the XO's MedicationRequest is a conditional create + JSON Patch, which a replay
  // of PUT URLs cannot show): test/review26/destination.test.ts 'after the XO the lisinopril order keeps…'.
  it('R23-D1 class control: #14 alone holds authoredOn 10:40; #15 is the same URL, 20 mg, with its ORC-16 reason', () => {
    const placed = byNumber(storedAfter(M14), 'MedicationRequest', 'ERX26018840');
    expect(placed?.authoredOn).toBe('2026-12-07T10:40:00-06:00');
    const change = (convertHl7v2(M15).bundle.entry as { fullUrl?: string; resource?: Json }[]).find((e) => e.resource?.resourceType === 'MedicationRequest');
    expect(change?.fullUrl).toBe(`urn:uuid:${String(placed?.id)}`);
    expect(JSON.stringify(change?.resource?.dosageInstruction)).toContain('"value":20');
    expect(JSON.stringify(change?.resource?.extension)).toContain('Dose increased');
  });
  // #08 (clinic ORM^O01: CMP, ORC-9 07:20, DG1 E11.9 → reasonReference, PV1 → encounter, OBR-27 R → priority);
  // #09 (the lab's preliminary ORU) PUTs the same ServiceRequest with only the lab's echo.
  // Judged at the server since own23 (a result's request is a conditional create + patch, which a replay of PUT URLs
  // cannot show): test/review26/destination.test.ts 'after #09 the CMP order keeps…'.
  it('R22-D1 class control: #08 alone holds them; #09 names the same request (its fullUrl) and adds the filler number', () => {
    const placed = byNumber(storedAfter(M08), 'ServiceRequest', 'CL0921-88410');
    expect(placed).toMatchObject({ authoredOn: '2026-12-07T07:20:00-06:00', priority: 'routine' });
    const request = (convertHl7v2(M09).bundle.entry as { fullUrl?: string; resource?: Json }[]).find((e) => e.resource?.resourceType === 'ServiceRequest' && JSON.stringify(e.resource.identifier).includes('CL0921-88410'));
    expect(request?.fullUrl).toBe(`urn:uuid:${String(placed?.id)}`);
    expect(JSON.stringify(request?.resource?.identifier)).toContain('COL2634117');
  });
});
