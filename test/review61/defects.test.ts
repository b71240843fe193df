/**
 * Review 61 (issue 14, branch review61 on main 10a0cb88): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a US multi-site outpatient / urgent-care network in Michigan (TLEHR ADT^A04/A08/A03, ORM^O01, VXU^V04,
 * MDM^T02/T08; TLSCHED SIU^S12/S13/S14/S15/S17/S26; TLLIS / TLRIS ORU^R01; TLBILL DFT^P03; v2.5.1) on an
 * America/Detroit channel across the 2030 spring-forward (docs/review61/messages/, docs/mapping-review-61.md). Each
 * defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that passes today.
 * Expected values come from the message and the IG rows named, not from hig's output.
 * test/review61/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review61/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json };

const dir = new URL('../../docs/review61/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), { timezone: 'America/Detroit' });
const text = (x: unknown) => JSON.stringify(x ?? null);
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const ofType = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const reportLines = (n: string) => ((converted(n).report.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
const participants = (a: Json) => (a.participant as Json[] | undefined) ?? [];

describe('review 61: an AI* resource deleted by an S14 (R61-W1)', () => {
  // #13 SIU^S14 (modification): AIG|1|D|ECG-02^ECG cart 2^TLGR|EQ^Equipment^TLUC-RT|||||20300312140000||15|min…: the
  // scheduler releases the ECG cart from the appointment (v2.5.1 10.6.3 AIG-2 "segment action code", table 0206: D =
  // delete; the IG's SegmentActionCode map: D → DELETE). The other AI* segments say U. hig reports "AIG-2 is valued but
  // not mapped" and PUTs the whole Appointment with the cart still among its participants, status accepted, period
  // 14:00–14:15: the cart the scheduler freed stays booked at the server (an equipment calendar reading the
  // Appointments double-books it). IG AIG[Appointment] #2 has no target; the delete is the segment's whole meaning.
  it('R61-W1 control: #11 S12 (AIG-2 A) books the ECG cart as a participant, 09:30–09:45 EDT [IG AIG[Appointment] #3, #4, #8, #11]', () => {
    const [a] = ofType('11', 'Appointment');
    const cart = participants(a as Json).filter((p) => (p.actor as Json | undefined)?.identifier !== undefined && text(p.actor).includes('"value":"ECG-02"'));
    expect(cart.map((p) => p.period)).toEqual([{ start: '2030-03-11T09:30:00-04:00', end: '2030-03-11T09:45:00-04:00' }]);
  });
  it('R61-W1 #13: the ECG cart deleted by AIG-2 D is no participant of the S14\'s Appointment', () => {
    const [a] = ofType('13', 'Appointment');
    expect(participants(a as Json).filter((p) => text(p.actor).includes('"value":"ECG-02"'))).toEqual([]);
  });
});

describe('review 61: TXA-22 (PPN) read as an XCN in the report (R61-N1, not counted)', () => {
  // #18 TXA-22 1950441265^OKAFOR^CHIDINMA^^^^NP^^NPI^^^^NPI^^20300313090800: PPN.15 is the date/time the action was
  // performed (v2.5.1 2.A.55), PPN.16 the name representation code. The authenticator is mapped and PPN.15 reported
  // (IG TXA[DocumentReference] #22), right; a second line also reads PPN.15 as XCN.15 (name representation, table
  // 0465) and calls the time an invalid code of that table: a line that names a problem the message does not have.
  it('R61-N1 control: the PPN.15 authentication-time line is there and the authenticator is the NP', () => {
    expect(reportLines('18').some((l) => l.startsWith('TXA-22 (segment 5): PPN.15, the authentication date/time'))).toBe(true);
    const [d] = ofType('18', 'DocumentReference');
    expect((d?.authenticator as Json | undefined)?.display).toBe('CHIDINMA OKAFOR');
  });
  it('R61-N1 #18: no line calls TXA-22\'s PPN.15 time an XCN.15 name representation code', () => {
    expect(reportLines('18').filter((l) => l.includes('XCN.15'))).toEqual([]);
  });
});

describe('review 61: the father named by NK1 and as the IN1 insured is two RelatedPersons (R61-N2, not counted)', () => {
  // #14 A04 and #16 A08: NK1|1|HAMMOUD^ALI^KHALIL^^^^L|FTH^Father^HL70063|…|^PRN^CP^^1^616^5559120|…|EC… and
  // IN1-16 HAMMOUD^ALI^KHALIL, IN1-17 FTH, IN1-18 19760402, IN1-49 GLC771203^^^GLC^MB: one person, the patient's
  // father, his emergency contact and the policy holder. The NK1 (no identifier) is keyed by relationship + name, the
  // insured by IN1-49: two RelatedPersons of one father in one message, the Coverage's subscriber the one without a
  // phone. The IG's ADT_A01 map makes one RelatedPerson per NK1 and one per IN1 insured (IG-conformant); hig folds
  // GT1 and IN1 by name + relationship within a message (docs/mapping.md "Resource identity", RelatedPerson), not NK1.
  it('R61-N2 control: the Coverage\'s subscriber is a RelatedPerson FTH with the member id GLC771203', () => {
    const sub = ofType('14', 'RelatedPerson').find((r) => text(r.identifier).includes('"value":"GLC771203"')) as Json;
    expect(text(sub.relationship)).toContain('"code":"FTH"');
    const [cov] = ofType('14', 'Coverage').filter((c) => c.subscriberId === 'GLC771203-03');
    expect((cov?.subscriber as Json | undefined)?.reference).toBe(`urn:uuid:${String(sub.id)}`);
  });
  it('R61-N2 #14: the father is one RelatedPerson', () => {
    expect(ofType('14', 'RelatedPerson').filter((r) => text(r.name).includes('"family":"HAMMOUD"'))).toHaveLength(1);
  });
});
