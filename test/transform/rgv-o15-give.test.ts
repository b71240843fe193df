/**
 * RGV^O15 (pharmacy/treatment give; review 19 R19-R2, review 25 #17: refused UNSUPPORTED_EVENT until fix32a).
 * [hig: the IG corpus has no RGV_O15 message map and no RXG segment map; docs/mapping.md "Pharmacy", RXG rows]
 * Each RXG (v2.5.1 4A.14.6: one give of the order, RXG-1 its give sub-ID) is a MedicationRequest of intent
 * `instance-order` (FHIR R4 request-intent: "an order created in fulfillment of a broader order that represents
 * the authorization for a single activity occurrence"), basedOn the order's MedicationRequest, which the RGV
 * names as RDS_O13/RAS_O17 do: a conditional create searched by the order's number + a patch of the status
 * (mapping.md "Resource identity", MedicationRequest). Expected values are written from the messages by hand.
 *
 *   npx vitest run test/transform/rgv-o15-give.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, entries, type Entry } from './helpers.js';

type Json = Record<string, unknown>;

const msh = (id = 'PF250117', version = '2.5') => `MSH|^~\\&|SOARIAN|PFH|HIG|HIG|20261202074010-0500||RGV^O15^RGV_O15|${id}|P|${version}`;
const PID = 'PID|1||P2501163^^^PFH&2.16.840.1.113883.3.2501.4&ISO^MR||GALLAGHER-NWOSU^THEODORA^JUNE^^^^L||19710822|F';
const PV1 = 'PV1|1|I|6S^614^A^PFH||||1250440082^KAVANAGH-OSEI^ROLAND^^^^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI||||||||||||2501163009^^^PFH&2.16.840.1.113883.3.2501.4&ISO^VN';
const ORC = 'ORC|OK|PF25-3301^SOARIAN|||IP|||||||1250440082^KAVANAGH-OSEI^ROLAND^^^^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI';
// review 25 #17's RXG: RXG-1 1, RXG-3 TQ start 08:00, RXG-4 give code, RXG-5/7 1250 mg, RXG-15/16 125 mL/h
const VANCO = 'RXG|1||^^^20261202080000-0500|VANC1250IVPB^Vancomycin 1,250 mg in sodium chloride 0.9% 250 mL IVPB^PFHRX|1250||mg^milligram^UCUM||||||||125|mL/h^milliliter per hour^UCUM';
const IVPB = 'RXR|IVPB^IV Piggyback^HL70162';

const requests = (bundle: Json): Entry[] => entries(bundle).filter((e) => e.resource.resourceType === 'MedicationRequest');
const gives = (bundle: Json): Entry[] => requests(bundle).filter((e) => e.resource.intent === 'instance-order');
const orders = (bundle: Json): Entry[] => requests(bundle).filter((e) => e.resource.intent !== 'instance-order');
const dosage = (e: Entry | undefined): Json => ((e?.resource.dosageInstruction as Json[] | undefined) ?? [])[0] ?? {};

describe('[hig RXG → MedicationRequest instance-order] review 25 #17: the vancomycin give of order PF25-3301', () => {
  const { bundle, lines } = convertChecked(msh(), PID, PV1, ORC, VANCO, IVPB);

  it('one order (conditional create by its number + status patch) and one give based on it', () => {
    const [order] = orders(bundle);
    expect(orders(bundle)).toHaveLength(1);
    expect(order?.request.method).toBe('POST');
    expect((order?.request as Json).ifNoneExist).toMatch(/^identifier=\|PF25-3301&subject=Patient\//);
    expect(order?.resource.intent).toBe('order');
    const [give] = gives(bundle);
    expect(gives(bundle)).toHaveLength(1);
    expect(give?.request.method).toBe('PUT');
    expect(give?.request.url).toBe(`MedicationRequest/${String(give?.resource.id)}`);
    expect(give?.resource.basedOn).toEqual([{ reference: order?.fullUrl }]);
    // ORC-5 IP → active [IG OrderStatus]
    expect(give?.resource.status).toBe('active');
  });

  it('the give: RXG-4 medication, RXG-5/7 dose, RXG-15/16 rate, RXG-3 start, the GIVE\'s RXR route; no identifier of the order', () => {
    const give = gives(bundle)[0]?.resource as Json;
    expect(give.medicationCodeableConcept).toEqual({ coding: [{ system: 'urn:hl7v2:codesystem:PFHRX', code: 'VANC1250IVPB', display: 'Vancomycin 1,250 mg in sodium chloride 0.9% 250 mL IVPB' }] });
    const d = dosage(gives(bundle)[0]);
    expect(d.doseAndRate).toEqual([
      {
        doseQuantity: { value: 1250, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' },
        rateQuantity: { value: 125, unit: 'milliliter per hour', system: 'http://unitsofmeasure.org', code: 'mL/h' },
      },
    ]);
    // [IG TQ[MedicationRequest] TQ.4 → timing.repeat.boundsPeriod.start] RXG-3's start at the sender's offset
    expect(d.timing).toEqual({ repeat: { boundsPeriod: { start: '2026-12-02T08:00:00-05:00' } } });
    expect(d.route).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0162', code: 'IVPB', display: 'IV Piggyback' }] });
    // the order's placer number on the give would make the order's `identifier=` search match the give too
    expect(give.identifier).toBeUndefined();
    // ORC-12: the give is authorized by the order's orderer
    expect(JSON.stringify(give.requester)).toContain('KAVANAGH-OSEI');
  });

  it('nothing of the RXG is left unreported (every valued field read)', () => {
    expect(lines.filter((l) => /\b(RXG|RXR)\b/.test(l))).toEqual([]);
  });
});

describe('[hig RXG identity: order number + RXG-1, never MSH-10] a resend PUTs the same URL', () => {
  const url = (id: string, rxg: string) => gives(convertChecked(msh(id), PID, PV1, ORC, rxg, IVPB).bundle)[0]?.request.url;

  it('the same give under another control id: the same URL; another give sub-ID: another URL', () => {
    const first = url('PF250117', VANCO);
    expect(first).toMatch(/^MedicationRequest\/[0-9a-f-]{36}$/);
    expect(url('PF250117-RESENT', VANCO)).toBe(first);
    expect(url('PF250118', VANCO.replace('RXG|1|', 'RXG|2|'))).not.toBe(first);
  });

  // [v2.5.1 4A.14.6.1 RXG-1 required; code review 31 CR31-6] without RXG-1 the give is its order + its start + RXG-4,
  // not its place in the message (each RGV's one give was position 1: the 20:00 give PUT over the 08:00 one)
  it('RXG-1 empty: a resend the same URL, the order\'s give at 20:00 another URL, another give code another URL; reported', () => {
    const bare = VANCO.replace('RXG|1|', 'RXG||');
    const first = url('PF250117', bare);
    expect(first).toMatch(/^MedicationRequest\/[0-9a-f-]{36}$/);
    expect(url('PF250117-RESENT', bare)).toBe(first);
    expect(url('PF250119', bare.replace('20261202080000', '20261202200000'))).not.toBe(first);
    expect(url('PF250120', bare.replace('VANC1250IVPB^Vancomycin 1,250 mg', 'VANC1000IVPB^Vancomycin 1,000 mg'))).not.toBe(first);
    // with RXG-1 1 the same give is another URL: the sub-ID, when sent, is the identity
    expect(url('PF250117', VANCO)).not.toBe(first);
    const { lines } = convertChecked(msh(), PID, PV1, ORC, bare, IVPB);
    expect(lines.filter((l) => l.startsWith('RXG-1 '))).toEqual(['RXG-1 (segment 5): no give sub-ID (required): the give is identified by its order, its start (TQ1-7, else RXG-3) and RXG-4']);
  });

  it('RXG-1 and the start empty: the give is this message\'s only (a resend makes another), reported', () => {
    const bare = VANCO.replace('RXG|1||^^^20261202080000-0500|', 'RXG||||');
    expect(url('PF250121', bare)).not.toBe(url('PF250122', bare));
    const { lines } = convertChecked(msh(), PID, PV1, ORC, bare, IVPB);
    expect(lines.filter((l) => l.startsWith('RXG-1 '))).toHaveLength(1);
  });
});

// v2.5.1 ORDER(ORC … [ENCODING(RXE [{TIMING_ENCODED}] {RXR})] {GIVE(RXG [{TIMING_GIVE(TQ1)}] {RXR} [{RXC}] [{OBSERVATION(OBX)}])}):
// two gives of a Q12H digoxin order, each with its own TIMING_GIVE TQ1 (09:00, 21:00)
describe('[hig RXG, TIMING_GIVE, GIVE.OBSERVATION] two gives of an encoded order, each its own timing', () => {
  const ORC_NW = 'ORC|RE|ORD77^CPOE|RX77^PHARM||IP|||||||1234567893^WELBY^MARCUS^^^^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI';
  const RXE = 'RXE|^Q12H^^20261207090000-0500|0049-0510-83^digoxin 0.125 MG Oral Tablet^NDC|0.125||mg^milligram^UCUM';
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|PHARM|HOSP|EHR|HOSP|20261207080000-0500||RGV^O15^RGV_O15|G77|P|2.5.1',
    'PID|1||MRN77^^^HOSP&2.16.840.1.113883.3.77&ISO^MR||DOE^JANE||19600101|F',
    ORC_NW,
    RXE,
    'RXR|PO^Oral^HL70162',
    'RXG|1|||0049-0510-83^digoxin 0.125 MG Oral Tablet^NDC|0.125||mg^milligram^UCUM|TAB^Tablet^HL70292|^Hold if apical pulse below 60|||||||||||||I50.9^Heart failure^I10',
    'TQ1|1||||||20261207090000-0500|20261207090000-0500',
    'RXR|PO^Oral^HL70162',
    'OBX|1|NM|8867-4^Heart rate^LN||72|/min^per minute^UCUM|||||F',
    'RXG|2|||0049-0510-83^digoxin 0.125 MG Oral Tablet^NDC|0.125||mg^milligram^UCUM',
    'TQ1|1||||||20261207210000-0500|20261207210000-0500',
    'RXR|PO^Oral^HL70162',
  );

  it('the order is the RXE\'s (Q12H from RXE-1), the two gives each based on it, with their own TIMING_GIVE times', () => {
    expect(orders(bundle)).toHaveLength(1);
    const order = orders(bundle)[0];
    expect((dosage(order).timing as Json).code).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0335', code: 'Q12H' }] });
    const [first, second] = gives(bundle);
    expect(gives(bundle)).toHaveLength(2);
    for (const g of [first, second]) expect(g?.resource.basedOn).toEqual([{ reference: order?.fullUrl }]);
    expect(dosage(first).timing).toEqual({ repeat: { boundsPeriod: { start: '2026-12-07T09:00:00-05:00', end: '2026-12-07T09:00:00-05:00' } } });
    expect(dosage(second).timing).toEqual({ repeat: { boundsPeriod: { start: '2026-12-07T21:00:00-05:00', end: '2026-12-07T21:00:00-05:00' } } });
    expect(first?.request.url).not.toBe(second?.request.url);
  });

  it('RXG-8 form (contained Medication), RXG-9 notes (text), RXG-22 indication (reasonCode); the GIVE\'s OBX supports that give only', () => {
    const [first, second] = gives(bundle);
    const g = first?.resource as Json;
    expect(g.medicationReference).toEqual({ reference: '#medication' });
    expect(g.contained).toEqual([
      {
        resourceType: 'Medication',
        id: 'medication',
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '0049-0510-83', display: 'digoxin 0.125 MG Oral Tablet' }] },
        form: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0292', code: 'TAB', display: 'Tablet' }] },
      },
    ]);
    expect(dosage(first).text).toBe('Hold if apical pulse below 60');
    expect(g.reasonCode).toEqual([{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I50.9', display: 'Heart failure' }] }]);
    const heartRate = entries(bundle).find((e) => e.resource.resourceType === 'Observation');
    expect(g.supportingInformation).toEqual([{ reference: heartRate?.fullUrl }]);
    expect(second?.resource.supportingInformation).toBeUndefined();
    expect(orders(bundle)[0]?.resource.supportingInformation).toBeUndefined();
  });

  it('a give\'s TQ1 is its timing, not "the orderer\'s timing superseded"', () => {
    expect(lines.filter((l) => /\bTQ1\b/.test(l))).toEqual([]);
  });
});

describe('[hig RXG] what the give has no place for is reported, never dropped', () => {
  it('RXG-2 dispense sub-ID, RXG-11 dispense-to location, RXG-19 lot: "valued but not mapped"', () => {
    const rxg = 'RXG|1|3||VANC1250IVPB^Vancomycin^PFHRX|1250||mg^milligram^UCUM||||6S^614^A^PFH||||||||LOT42';
    const { lines } = convertChecked(msh(), PID, PV1, ORC, rxg, IVPB);
    expect(lines).toEqual(expect.arrayContaining(['RXG-2 (segment 5) is valued but not mapped', 'RXG-11 (segment 5) is valued but not mapped', 'RXG-19 (segment 5) is valued but not mapped']));
  });

  it('a GIVE\'s RXC is an ingredient of the give\'s product, not of the order\'s', () => {
    const rxg = 'RXG|1|||2000^Potassium chloride 20 mEq in NaCl 0.9% 1000 mL^LOCAL|1000||mL^milliliter^UCUM';
    const { bundle } = convertChecked(msh(), PID, PV1, ORC, rxg, IVPB, 'RXC|A|8591^Potassium Chloride^RXNORM|20|meq^milliequivalent^UCUM');
    const give = gives(bundle)[0]?.resource as Json;
    expect(((give.contained as Json[])[0] as Json).ingredient).toEqual([
      { itemCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '8591', display: 'Potassium Chloride' }] }, isActive: true, strength: { numerator: { value: 20, unit: 'milliequivalent', system: 'http://unitsofmeasure.org', code: 'meq' }, denominator: { value: 1 } } },
    ]);
    expect(orders(bundle)[0]?.resource.contained).toBeUndefined();
  });

  it('ORC-1 RE without ORC-5 states no status: the give is active (the instruction to give), the order gets no status patch', () => {
    const { bundle } = convertChecked(msh(), PID, PV1, ORC.replace('ORC|OK|', 'ORC|RE|').replace('|||IP|', '||||'), VANCO, IVPB);
    expect(gives(bundle)[0]?.resource.status).toBe('active');
    expect(entries(bundle).filter((e) => e.request.method === 'PATCH')).toEqual([]);
  });

  it('ORC-5 DC: the give of a discontinued order is stopped, as the order [IG OrderStatus DC; hig medicationrequest-status]', () => {
    const { bundle } = convertChecked(msh(), PID, PV1, ORC.replace('|||IP|', '|||DC|'), VANCO, IVPB);
    expect(gives(bundle)[0]?.resource.status).toBe('stopped');
  });
});
