/**
 * Review 17 (issue 14, branch review17 on main 2223c40): wrong-data classes found in a fresh synthetic
 * sample of 24 feed-style messages (docs/review17/messages/, docs/mapping-review-17.md), and two found
 * beside it (R17-W3, a variant of #18; R17-I1, a variant of #11). Each case is `it.fails` so CI stays green; the lead flips it to
 * `it` when fixed. Expected values come from the message, the IG rows named and FHIR's own code
 * definitions, not from hig's output.
 *
 *   npx vitest run test/review17/wrong-data.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { url?: string; ifNoneExist?: string } };
type Coding = { system?: string; code?: string };

function convert(segments: string[]): Entry[] {
  const { bundle } = convertHl7v2(segments.join('\r'));
  return bundle.entry as Entry[];
}

const of = (entries: Entry[], type: string) => entries.filter((e) => e.resource?.resourceType === type);

const PID = 'PID|1||70011223^^^UHD&2.16.840.1.113883.3.7711.1&ISO^MR||HERNANDEZ^MARIA^ELENA^^^^L||19680412|F';
const PV1 = 'PV1|1|I|CCU^C04^1^UHD|||||||||||||||IP|8100223344^^^UHD^VN';

/** #19: the MAR's RAS for one dose of the Q12H enoxaparin order 9912001 (ORC-2/ORC-3), given at `given`. */
function ras(control: string, given: string): Entry[] {
  return convert([
    `MSH|^~\\&|EPICMAR|UHD|HIG|NTXHIE|20261205091230-0600||RAS^O17^RAS_O17|${control}|P|2.5.1`,
    PID,
    PV1,
    'ORC|RE|9912001^EPC|9912001^EPCRX||IP',
    `RXA|0|1|${given}|${given}|1361568^enoxaparin 80 MG in 0.8 ML Prefilled Syringe^RXNORM|80|mg^milligram^UCUM|||RN4411^OWENS^TARA^^^^RN||||||||||CP^Complete^HL70322|A`,
    'RXR|SC^Subcutaneous^HL70162',
  ]);
}

describe('review 17 wrong data', () => {
  // R17-W1. #19 (RAS^O17: the 09:10 dose of the enoxaparin order 9912001, ORC-2 `9912001^EPC`, ORC-3
  // `9912001^EPCRX`). A MAR sends one RAS per dose, each with the order's numbers in ORC-2/ORC-3 (the
  // IG's ORC[MedicationAdministration] #2/#3 rows make them identifiers of the administration). hig keys
  // the MedicationAdministration by ORC-3, else ORC-2, alone (segments/administration.ts, "[hig
  // identity]"), so the 21:10 dose of the same order PUTs to the 09:10 dose's URL: the server is left
  // with one administration, at 21:10, and the morning dose is gone. [hig identity; DESIGN invariant 8:
  // a PUT URL names what identifies the resource] An administration is one event of the order: the
  // order's number plus the event (RXA-3, or RXA-1/RXA-2 when a sender counts them) names it, as
  // MedicationDispense is keyed by its MedicationRequest + RXD-1 + RXD-3.
  it('R17-W1 [IG ORC[MedicationAdministration] #2/#3; hig identity] two doses of one order are two MedicationAdministrations', () => {
    const morning = of(ras('MAR-883201', '20261205091000'), 'MedicationAdministration');
    const evening = of(ras('MAR-883999', '20261205211000'), 'MedicationAdministration');
    expect(morning).toHaveLength(1);
    expect(evening).toHaveLength(1);
    expect(morning[0]?.resource?.effectiveDateTime).toBe('2026-12-05T09:10:00-06:00');
    expect(evening[0]?.resource?.effectiveDateTime).toBe('2026-12-05T21:10:00-06:00');
    expect(evening[0]?.request?.url).not.toBe(morning[0]?.request?.url);
  });

  // control: the same dose re-sent (another MSH-10) stays one URL (idempotent upsert, MAPPING-RULES identity)
  it('R17-W1 control: the same dose re-sent addresses the same MedicationAdministration', () => {
    const first = of(ras('MAR-883201', '20261205091000'), 'MedicationAdministration')[0]?.request?.url;
    const again = of(ras('MAR-883202', '20261205091000'), 'MedicationAdministration')[0]?.request?.url;
    expect(first).toBeDefined();
    expect(again).toBe(first);
  });

  // R17-I1 (beside the sample: #11 re-sent as the LIS sends a correction of one panel, the BMP group
  // alone, without the CBC that shares its accession). #10/#11 carry two OBRs with one placer number
  // `CP7712^CERNER` and one filler number `S26-33120^SQ` (one requisition, one accession, two panels).
  // docs/mapping.md "Resource identity" keys a ServiceRequest by "the placer number alone when no other
  // OBR of the message carries it", else number + OBR-4: the BMP's ServiceRequest is
  // number + 80048 in #10/#11 and the number alone when the BMP comes alone, so the one BMP order is two
  // ServiceRequests on the server (the first left `completed` with no report pointing at it, the
  // DiagnosticReport's and Observations' basedOn moved to the second). The DiagnosticReport and the
  // Observations keep their URLs. [IG ORU_R01 4.2.2: one ServiceRequest per OBR; hig identity, DESIGN
  // invariant 8; the same subset instability as R16-I1/R16-I2] Fixed by fix18a (number + OBR-4 always).
  it('R17-I1 [IG ORU_R01 4.2.2; hig identity] a panel keeps its ServiceRequest URL whether or not a sibling panel of its accession is in the message', () => {
    const head = [
      'MSH|^~\\&|SQLAB|BSW|HIG|NTXHIE|20261205113020-0600||ORU^R01|SQ0000977|P|2.4',
      'PID|1||2288441^^^BSW^MRN||LEE^DANIEL^JUNHO^^^^L||19820509|M',
      'ORC|RE|CP7712^CERNER|S26-33120^SQ||CM',
    ];
    const bmp = [
      'OBR|1|CP7712^CERNER|S26-33120^SQ|80048^Basic metabolic panel^CPT4|||20261205073000|||||||||||||||20261205113000|||C',
      'OBX|1|NM|2823-3^Potassium^LN||4.4|mmol/L^^UCUM|3.5-5.1|N|||C',
    ];
    const cbc = [
      'OBR|2|CP7712^CERNER|S26-33120^SQ|85025^CBC with differential^CPT4|||20261205073000|||||||||||||||20261205113000|||F',
      'OBX|1|NM|718-7^Hemoglobin^LN||13.9|g/dL^^UCUM|13.0-17.0|N|||F',
    ];
    // a result's ServiceRequest is a conditional create + patch since R23-D1 (it does not place the
    // order): its identity is the fullUrl its id gives and the search that finds it (number + OBR-4)
    const urlOf = (entries: Entry[], code: string) => {
      const entry = of(entries, 'ServiceRequest').find((e) => JSON.stringify(e.resource?.code).includes(`"code":"${code}"`));
      return entry === undefined ? undefined : `${String(entry.fullUrl)} ${String(entry.request?.ifNoneExist ?? entry.request?.url)}`;
    };
    const both = convert([...head, ...bmp, ...cbc]);
    const alone = convert([...head, ...bmp]);
    expect(urlOf(both, '80048')).toBeDefined();
    expect(urlOf(both, '80048')).not.toBe(urlOf(both, '85025'));
    expect(urlOf(alone, '80048')).toBe(urlOf(both, '80048'));
  });

  // R17-W2. #13 (ORU^R01 v2.3 from MSH-3 `CVIS`: a transthoracic echo, OBR-4 `93306^TTE complete^CPT4`,
  // OBX-3 LOINC 59282-4 "Cardiac echo study" and 10230-1 "LV ejection fraction"; no OBR-24). The Bundle
  // states DiagnosticReport.category v2-0074 `LAB` "Laboratory" and Observation.category `laboratory`:
  // result-category.ts resultKind() reads an empty OBR-24 as a lab result ("the common case"). Nothing in
  // the message says laboratory; a receiver filing by category shows the echo among the lab results (US
  // Core Lab profile search `category=LAB`). [IG OBR[DiagnosticReport] #24 → category] is the row that
  // gives a category; without OBR-24 (and without anything else naming a lab) there is none to state.
  it('R17-W2 [IG OBR[DiagnosticReport] #24] a cardiac echo without OBR-24 is not stated a Laboratory report', () => {
    const entries = convert([
      'MSH|^~\\&|CVIS|BSW|HIG|NTXHIE|20261205150510-0600||ORU^R01|CV20261205-0031|P|2.3',
      'PID|1||2288441^^^BSW^MR||LEE^DANIEL^JUNHO^^^^L||19820509|M',
      'OBR|1|CP7820^CERNER|ECH55012^CVIS|93306^TTE complete^CPT4|||20261205134000|||||||||||||||20261205150500|||F',
      'OBX|1|NM|10230-1^LV ejection fraction^LN||57|%^percent^UCUM|||||F',
    ]);
    const report = of(entries, 'DiagnosticReport')[0]?.resource;
    const observation = of(entries, 'Observation')[0]?.resource;
    expect(report).toBeDefined();
    const reportCodings = ((report?.category ?? []) as { coding?: Coding[] }[]).flatMap((c) => c.coding ?? []);
    expect(reportCodings.filter((c) => c.code === 'LAB')).toEqual([]);
    const obsCodings = ((observation?.category ?? []) as { coding?: Coding[] }[]).flatMap((c) => c.coding ?? []);
    expect(obsCodings.filter((c) => c.code === 'laboratory')).toEqual([]);
  });

  // control: a chemistry result without OBR-24 from a lab system keeps US Core's LAB (the case the
  // rule was made for: review 17 #10/#11 from MSH-3 `SQLAB`, CPT 80048, LOINC chemistry codes)
  it('R17-W2 control: a basic metabolic panel (CPT 80048, LOINC 2823-3) is a LAB report', () => {
    const entries = convert([
      'MSH|^~\\&|SQLAB|BSW|HIG|NTXHIE|20261205084512-0600||ORU^R01|SQ0000912|P|2.4',
      'PID|1||2288441^^^BSW^MR||LEE^DANIEL^JUNHO^^^^L||19820509|M',
      'OBR|1|CP7712^CERNER|S26-33120^SQ|80048^Basic metabolic panel^CPT4|||20261205073000|||||||||||||||20261205084500|||F',
      'OBX|1|NM|2823-3^Potassium^LN||4.4|mmol/L^^UCUM|3.5-5.1|N|||F',
    ]);
    expect(JSON.stringify(of(entries, 'DiagnosticReport')[0]?.resource?.category)).toContain('"code":"LAB"');
  });

  // R17-W3 (beside the sample: #18 with the order discontinued, ORC-1 `DC`, ORC-5 `DC`, as Epic Willow
  // sends when the prescriber stops a running order; #19 shows a dose was given). The IG's OrderStatus
  // map gives DC → request-status `revoked`; hig folds revoked onto MedicationRequest as `cancelled`
  // (pharmacy.ts MR_STATUS). MedicationRequest's own codes (R4 medicationrequest-status) define
  // `cancelled` as "withdrawn before any administrations have occurred" and `stopped` as "permanently
  // halted, before all of the administrations occurred": a discontinued order is `stopped` (true with or
  // without doses given), `cancelled` says no dose was given. The IG has no MedicationRequest status map.
  it('R17-W3 [IG OrderStatus DC → revoked; R4 medicationrequest-status] a discontinued pharmacy order is stopped, not cancelled', () => {
    const entries = convert([
      'MSH|^~\\&|EPICRX|UHD|HIG|NTXHIE|20261206100000-0600||RDE^O11^RDE_O11|RX-55301|P|2.5.1',
      PID,
      PV1,
      'ORC|DC|9912001^EPC|9912001^EPCRX||DC||||20261206095500|||1457382910^RAMIREZ^JOSE^A^^^MD',
      'TQ1|1||Q12H^Every 12 hours^HL70335||||20261205090000|20261212090000|R',
      'RXE||1361568^enoxaparin 80 MG in 0.8 ML Prefilled Syringe^RXNORM|80||mg^milligram^UCUM',
      'RXR|SC^Subcutaneous^HL70162',
    ]);
    const request = of(entries, 'MedicationRequest')[0]?.resource;
    expect(request?.status).toBe('stopped');
  });

  // control: a cancel (ORC-1 CA, ORC-5 CA) of an order is `cancelled` (withdrawn before it was acted on)
  it('R17-W3 control: a cancelled pharmacy order is cancelled', () => {
    const entries = convert([
      'MSH|^~\\&|EPICRX|UHD|HIG|NTXHIE|20261205041000-0600||RDE^O11^RDE_O11|RX-55124|P|2.5.1',
      PID,
      PV1,
      'ORC|CA|9912001^EPC|9912001^EPCRX||CA',
      'RXE||1361568^enoxaparin 80 MG in 0.8 ML Prefilled Syringe^RXNORM|80||mg^milligram^UCUM',
    ]);
    expect(of(entries, 'MedicationRequest')[0]?.resource?.status).toBe('cancelled');
  });
});
