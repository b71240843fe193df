/**
 * Review 18 R18-I1 (docs/mapping-review-18.md): a dispense (RDS_O13) or administration (RAS_O17) acts
 * on a medication order another message placed (the RDE). It names the order by the number it has,
 * which need not be the number hig keyed the order by (an RDE with ORC-2 and ORC-3 is keyed by the
 * placer; a dispensing system's RDS often sends ORC-3 alone), and it does not say all the RDE said (the
 * timing). So its MedicationRequest is a conditional create searched by that number, as an ORC-only
 * order event is (identity.ts orderEventKey), plus a JSON Patch of the status the message states; the
 * dispense/administration references the create's fullUrl. [hig identity, DESIGN invariant 8: one
 * order, one resource; IG ORC[ServiceRequest] #2/#3 and ORC[MedicationAdministration] #2/#3: ORC-2
 * and ORC-3 are the placer's and filler's identifiers of one order; the IG's RDE/RDS maps are not in
 * the corpus, RAS_O17's is "under construction"]
 *
 *   npx vitest run test/transform/placed-order-identity.test.ts
 */
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string; ifNoneExist?: string } };

function convert(segments: string[], options: ConvertOptions = {}): Entry[] {
  return convertHl7v2(segments.join('\r'), options).bundle.entry as Entry[];
}

const of = (entries: Entry[], type: string) => entries.filter((e) => e.resource?.resourceType === type);
const patches = (entries: Entry[]) => entries.filter((e) => e.request?.method === 'PATCH');
const patchOps = (entry: Entry | undefined) => JSON.parse(Buffer.from(String(entry?.resource?.data), 'base64').toString('utf8')) as unknown;

// Epic Willow: the order's number EPIC, the pharmacy's EPICRX
const SYSTEMS: ConvertOptions = { namespaceMap: { EPIC: 'urn:oid:2.16.840.1.113883.3.9021.2.1', EPICRX: 'urn:oid:2.16.840.1.113883.3.9021.2.2' } };
const msh = (type: string, control: string) => `MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207093500-0700||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||E4410087^^^PMC&2.16.840.1.113883.3.9021.1&ISO^MR||TORRES^GABRIEL^LUIS^^^^L||19590223|M';
const RXE = 'RXE|^Q12H^^20261207100000|1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM';
const RXR = 'RXR|IV^Intravenous^HL70162';
const RXD = 'RXD|1|1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|20261207093000|1|BAG^bag^L||RX4401-1';
const RXA = 'RXA|0|1|20261207100500-0700||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250|mg^milligram^UCUM';
const orc = (control: string, placer: string, status = 'IP') => `ORC|${control}|${placer}|RX4401^EPICRX||${status}||||20261207091000`;

const rde = (options: ConvertOptions = {}) => convert([msh('RDE^O11^RDE_O11', 'PMCRX-330112'), PID, orc('NW', 'ORD778812^EPIC'), RXE, RXR], options);
const rds = (orcSegment: string, options: ConvertOptions = {}, pid = PID) => convert([msh('RDS^O13^RDS_O13', 'PMCRX-330140'), pid, orcSegment, RXE, RXD, RXR], options);

describe('R18-I1 a dispense or administration reaches the MedicationRequest the RDE made, by the number it has', () => {
  // [hig identity; IG ORC[ServiceRequest] #2/#3] the RDE's order carries both numbers, PUT at the id of the placer's
  it('control: the RDE (the order\'s own message) PUTs its MedicationRequest, with placer and filler identifiers', () => {
    const order = of(rde(SYSTEMS), 'MedicationRequest')[0];
    expect(order?.request?.method).toBe('PUT');
    expect(order?.request?.url).toBe(`MedicationRequest/${String(order?.resource?.id)}`);
    expect(order?.resource?.identifier).toEqual(expect.arrayContaining([
      expect.objectContaining({ system: 'urn:oid:2.16.840.1.113883.3.9021.2.1', value: 'ORD778812' }),
      expect.objectContaining({ system: 'urn:oid:2.16.840.1.113883.3.9021.2.2', value: 'RX4401' }),
    ]));
  });

  // [hig identity; IG ORC[ServiceRequest] #3 filler number → identifier FILL] ORC-3 alone with a system:
  // `identifier=<system>|<number>`, which finds the RDE's order by its filler identifier
  it('[IG ORC[ServiceRequest] #3] an RDS naming the order by ORC-3 alone: a conditional create searched by the filler identifier, no PUT', () => {
    const entries = rds(orc('RE', ''), SYSTEMS);
    const order = of(entries, 'MedicationRequest');
    expect(order).toHaveLength(1);
    expect(order[0]?.request).toEqual({ method: 'POST', url: 'MedicationRequest', ifNoneExist: 'identifier=urn%3Aoid%3A2.16.840.1.113883.3.9021.2.2|RX4401' });
    expect(order[0]?.resource?.id).toBeUndefined();
    // the dispense names the order through the create's fullUrl: the server resolves it to the order it finds
    expect(of(entries, 'MedicationDispense')[0]?.resource?.authorizingPrescription).toEqual([{ reference: order[0]?.fullUrl }]);
  });

  // [hig identity] a number without a system is searched among the patient's orders only (orderEventKey)
  it('[hig identity] an RDS naming the order by a number without a system: searched among the orders of its patient', () => {
    const entries = rds(orc('RE', ''));
    const patient = of(entries, 'Patient')[0]?.resource?.id;
    expect(patient).toBeDefined();
    expect(of(entries, 'MedicationRequest')[0]?.request?.ifNoneExist).toBe(`identifier=|RX4401&subject=Patient/${String(patient)}`);
  });

  // [hig identity] the placer first, as the order is keyed (ORC-2, else ORC-3)
  it('[IG ORC[ServiceRequest] #2] an RDS with both numbers is searched by the placer number', () => {
    expect(of(rds(orc('RE', 'ORD778812^EPIC'), SYSTEMS), 'MedicationRequest')[0]?.request?.ifNoneExist).toBe('identifier=urn%3Aoid%3A2.16.840.1.113883.3.9021.2.1|ORD778812');
  });

  // [IG ORC[ServiceRequest] #5 via OrderStatus: CM → completed] the status the pharmacy states is patched
  // onto the order the server holds, nothing else (the RDE's timing, dose, requester stay)
  it('[IG ORC[ServiceRequest] #5 OrderStatus CM] an RDS with ORC-5 CM patches the order\'s status to completed, and only that', () => {
    const entries = rds(orc('RE', '', 'CM'), SYSTEMS);
    const patch = patches(entries);
    expect(patch).toHaveLength(1);
    expect(patch[0]?.request?.url).toBe('MedicationRequest?identifier=urn%3Aoid%3A2.16.840.1.113883.3.9021.2.2|RX4401');
    expect(patchOps(patch[0])).toEqual([{ op: 'add', path: '/status', value: 'completed' }]);
  });

  // [IG OrderControlCode[ServiceRequest.status] RE: no status; ORC-5 empty] a dispense stating no status
  // changes nothing on the order
  it('[IG ORC[ServiceRequest] #1 OrderControlCode RE] an RDS with ORC-1 RE and no ORC-5 patches nothing', () => {
    const entries = rds(orc('RE', '', ''), SYSTEMS);
    expect(of(entries, 'MedicationRequest')[0]?.request?.method).toBe('POST');
    expect(patches(entries)).toHaveLength(0);
  });

  // [IG ORC[MedicationAdministration] #3 → identifier FILL; RAS_O17] the administration's order
  it('[IG ORC[MedicationAdministration] #3] a RAS naming the order by ORC-3 alone: conditional create, the administration\'s request its fullUrl', () => {
    const entries = convert([msh('RAS^O17^RAS_O17', 'PMCMAR-88120'), PID, orc('RE', ''), RXE, RXA, RXR], SYSTEMS);
    const order = of(entries, 'MedicationRequest')[0];
    expect(order?.request?.ifNoneExist).toBe('identifier=urn%3Aoid%3A2.16.840.1.113883.3.9021.2.2|RX4401');
    expect(of(entries, 'MedicationAdministration')[0]?.resource?.request).toEqual({ reference: order?.fullUrl });
  });

  // [hig identity] no system and no identified patient: nothing can be searched safely, the PUT stays
  it('control [hig identity]: an RDS whose number has no system and whose PID identifies no patient keeps the PUT by its number', () => {
    const entries = rds(orc('RE', ''), {}, 'PID|1||||TORRES^GABRIEL^LUIS^^^^L||19590223|M');
    const order = of(entries, 'MedicationRequest')[0];
    expect(order?.request?.method).toBe('PUT');
    expect(patches(entries)).toHaveLength(0);
  });

  // [hig identity] the MedicationDispense keeps its URL: keyed by the order's id, which the number still gives
  it('control [hig identity]: the order\'s local id stays the one its number gives (the dispense and Provenance keyed by it keep their URLs)', () => {
    const entries = rds(orc('RE', 'ORD778812^EPIC'), SYSTEMS);
    const order = of(entries, 'MedicationRequest')[0];
    const placed = of(rde(SYSTEMS), 'MedicationRequest')[0];
    // the order's local id (the urn:uuid the Bundle's references use) is the RDE's id for the same number
    expect(order?.fullUrl).toBe(placed?.fullUrl);
  });

  // [hig identity] two ORDER groups naming the one order (two bags dispensed in one RDS): one order, two dispenses
  it('[hig identity] two dispenses of one order in one RDS: one conditional create, both dispenses reference it', () => {
    const entries = convert([msh('RDS^O13^RDS_O13', 'PMCRX-330141'), PID, orc('RE', ''), RXE, RXD, orc('RE', ''), RXE, RXD.replace('RXD|1|', 'RXD|2|').replace('20261207093000', '20261207213000')], SYSTEMS);
    const order = of(entries, 'MedicationRequest');
    expect(order).toHaveLength(1);
    const dispenses = of(entries, 'MedicationDispense');
    expect(dispenses).toHaveLength(2);
    for (const d of dispenses) expect(d.resource?.authorizingPrescription).toEqual([{ reference: order[0]?.fullUrl }]);
  });
});
