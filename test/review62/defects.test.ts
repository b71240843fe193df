/**
 * Review 62 (issue 14, branch review62 on main 10a0cb88): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a Singapore public hospital cluster (KRGPAS ADT 2.6 with NRIC / FIN, Chinese / Malay / Tamil names and a
 * foreign domestic helper NK1; KRGCPOE OML^O21 / ORM^O01 / RDE^O11; KRGLIS and KRGRIS ORU^R01; KRGPHIS RDS^O13) on an
 * Asia/Singapore channel (docs/review62/messages/, docs/mapping-review-62.md). Each defect is `it.fails` so CI stays
 * green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values come from the
 * message and the IG rows named, not from hig's output. test/review62/destination.test.ts delivers the whole sample
 * over HTTP (R62-L2 is asserted there: it is the server's state).
 *
 *   npx vitest run test/review62/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review62/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), { timezone: 'Asia/Singapore' });
const text = (x: unknown) => JSON.stringify(x ?? null);
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const ofType = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const reportLines = (n: string) => ((converted(n).report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const patientOf = (n: string, mrn: string) => ofType(n, 'Patient').find((p) => text(p.identifier).includes(`"value":"${mrn}"`)) as Json;

describe('review 62: a local race code in PID-10 (R62-L1, the class of R53-L1)', () => {
  // #01–#20 send PID-10 `CN^Chinese^KRG-RACE`, `MY^Malay^KRG-RACE`, `IN^Indian^KRG-RACE` (the cluster's race table, the
  // CMIO categories of a Singapore registration). hig writes the text as US Core race text and drops the code and its
  // system without a report line (docs/mapping.md: "with a text they stay the extension's text"); the IG's PID-10 row
  // asks for the local extension [IG PID[Patient] #10]. Review 53 R53-L1 counted the same for NZ ethnicity (a*), and
  // its fix (846dfd4a) took NZHIS / NZETH only: every other local code set still loses its code silently.
  it('R62-L1 control: #01 keeps the race text "Chinese" (since fix36d as the code\'s display in v2-race)', () => {
    expect(text(patientOf('01', 'KRG6200118').extension)).toContain('"display":"Chinese"');
  });
  for (const [n, mrn, code] of [['01', 'KRG6200118', 'CN'], ['07', 'KRG6200126', 'MY'], ['16', 'KRG6200134', 'IN']] as const) {
    it(`R62-L1 [IG PID[Patient] #10: local extension] #${n} the race code ${code} of KRG-RACE is kept in the Bundle, or its loss is reported`, () => {
      const kept = text(patientOf(n, mrn).extension).includes('KRG-RACE');
      const reported = reportLines(n).some((t) => t.startsWith('PID-10'));
      expect(kept || reported).toBe(true);
    });
  }
});

describe('review 62: the retired record of an A40 (R62-L2, asserted at the destination)', () => {
  // #23 ADT^A40: PID the survivor (KRG6200142 + FIN), MRG-1 the duplicate's MRN KRG6200150 only, MRG-7 its name. The
  // duplicate was registered by #22 with its passport (PID-3 BR0817263^^^BGD^PPN); the retired record is PUT whole with
  // MRG-1's identifier alone, so the FHIR server holds the passport nowhere after #23 (destination.test.ts R62-L2).
  it('R62-L2 control: #23\'s retired record is the person the PID states (name from MRG-7), inactive, replaced-by the survivor', () => {
    const retired = patientOf('23', 'KRG6200150');
    expect([retired.active, (retired.name as Json[])[0]?.family, (retired.link as Json[])[0]?.type]).toEqual([false, 'ARIFUL', 'replaced-by']);
  });
  it('R62-L2: #23\'s retired record carries MRG-1 alone (the passport #22 gave it is not in the message)', () => {
    expect((patientOf('23', 'KRG6200150').identifier as Json[]).map((i) => i.value)).toEqual(['KRG6200150']);
  });
});

describe('review 62: notes (not counted)', () => {
  // R62-N1: CX.5 NNSGP (v2 table 0203's NNxxx pattern, "National Person Identifier where the xxx is the ISO table 3166
  // 3-character country code"; the IG's IdentifierType map lists NNxxx → v2-0203) is kept as a code with no system
  // and reported "no code of HL7 table 0203"; hig's identity rule itself ranks NNxxx as a national type.
  it('R62-N1 control: the NRIC is a Patient identifier typed NNSGP', () => {
    const nric = (patientOf('01', 'KRG6200118').identifier as Json[]).find((i) => i.value === 'S7103582D') as Json;
    expect(codes(nric.type)).toEqual(['NNSGP']);
  });
  it('R62-N1 #01 the NNSGP type carries the v2-0203 system (the NNxxx pattern of table 0203)', () => {
    const nric = (patientOf('01', 'KRG6200118').identifier as Json[]).find((i) => i.value === 'S7103582D') as Json;
    expect(((nric.type as Json).coding as Json[])[0]?.system).toBe('http://terminology.hl7.org/CodeSystem/v2-0203');
  });

  // R62-N2: #21 NK1|1||EMR^Employer^HL70063|…|E^Employer^HL70131|…|Tuas Marine Engineering Pte Ltd^…|…|LOW^KENG HOCK
  // (NK1-2 empty, NK1-13 the employer, NK1-30 its contact person). hig (documented) puts the contact person on the
  // patient's view of the Organization [IG NK1[Patient] #13, #30] and makes a RelatedPerson with no name at all; the
  // IG's NK1[RelatedPerson] #30 would name it LOW KENG HOCK. R59-W1's class (a nameless RelatedPerson for an
  // organization), on the NK1 path.
  it('R62-N2 control: #21 Patient.contact names the employer Organization, whose view holds the contact person', () => {
    const contact = (patientOf('21', 'KRG6200142').contact as Json[])[0] as Json;
    expect((contact.organization as Json).display).toBe('Tuas Marine Engineering Pte Ltd');
    expect(text(ofType('21', 'Organization'))).toContain('"family":"LOW"');
  });
  it('R62-N2 #21 no RelatedPerson without a name', () => {
    expect(ofType('21', 'RelatedPerson').filter((r) => r.name === undefined)).toEqual([]);
  });

  // R62-N3: #05 RDS^O13 ORC-3 KRGD62-0508-0077^KRGPHIS (the pharmacy's filler number): the MedicationRequest the RDE
  // made is found by a conditional PATCH that sets its status alone, so the held order never gets the filler number
  // (an ORU's PATCH of a ServiceRequest adds its FILL identifier: #03 at the destination).
  it('R62-N3 control: #05\'s conditional create carries the filler number', () => {
    const mr = ofType('05', 'MedicationRequest').find((m) => text(m.identifier).includes('KRGRX6200118-1')) as Json;
    expect(text(mr.identifier)).toContain('"value":"KRGD62-0508-0077"');
  });
  // fixed by fix36f: the PATCH is now a FHIRPath Patch (Parameters) adding the FILL identifier, no longer a JSON Patch Binary
  it('R62-N3 #05 the PATCH of the held MedicationRequest adds the filler number', () => {
    const patch = entries('05').find((e) => e.request?.method === 'PATCH' && String(e.request.url).includes('KRGRX6200118-1')) as Entry;
    const ops = patch.resource?.resourceType === 'Binary' ? Buffer.from(String(patch.resource.data), 'base64').toString('utf8') : text(patch.resource);
    expect(ops).toContain('"value":"KRGD62-0508-0077"');
    expect(ops).toContain('"code":"FILL"');
  });
});
