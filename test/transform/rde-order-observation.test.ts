/**
 * [reviews 38 R38-N1, 39 R39-N1; IG ORM_O01 4.2.5.1 OBX[Observation] → the order's supportingInfo, applied to the
 * RDE (the IG corpus has no RDE_O11 map); FHIR R4 MedicationRequest.supportingInformation] The OBX of an RDE's
 * ORDER.OBSERVATION group (the BSA, height, dosing weight the pharmacy computed the dose on) are Observations and
 * the order's MedicationRequest names them in supportingInformation, as an OMP's or ORM's order OBX. Expected
 * values come from the messages (synthetic).
 *
 *   npx vitest run test/transform/rde-order-observation.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, entries, resources } from './helpers.js';

type Json = Record<string, unknown>;

const head = (version: string, trigger = 'RDE^O11^RDE_O11') => [
  `MSH|^~\\&|PHARM|GH|EHR|GH|20261206100000-0600||${trigger}|RDEOBX-${version}|P|${version}`,
  'PID|1||MRN3801^^^GH^MR||ROE^RITA||19700101|F',
];
const ORC = 'ORC|NW|RX3801^CPOE||||||20261206095000-0600';
const RXE = 'RXE|^^^20261206120000-0600^^R|40048^Carboplatin^RXNORM|170||mg^milligram^UCUM';
const BSA = 'OBX|1|NM|8277-6^Body surface area^LN||2.0|m2^square meter^UCUM|||||F';
const HEIGHT = 'OBX|2|NM|8302-2^Body height^LN||170|cm^centimeter^UCUM|||||F';
const WEIGHT = 'OBX|1|NM|3141-9^Body weight Measured^LN||1.42|kg^kilogram^UCUM|||||F';

/** The LOINC codes of the Observations the (only) MedicationRequest's supportingInformation names. */
function supportingCodes(bundle: Record<string, unknown>): string[] {
  const [mr] = resources(bundle, 'MedicationRequest') as Json[];
  const observations = new Map(entries(bundle).map((e) => [String(e.fullUrl), e.resource as Json]));
  const refs = ((mr?.supportingInformation as Json[] | undefined) ?? []).map((r) => String(r.reference));
  return refs.map((r) => String((((observations.get(r)?.code as Json | undefined)?.coding as Json[] | undefined) ?? [])[0]?.code));
}

describe('R38-N1 [IG ORM_O01 4.2.5.1 applied to RDE_O11 ORDER.OBSERVATION] the RDE\'s BSA and height support the order', () => {
  it('RDE^O11 2.5.1 ORC + RXE + RXR + RXC + OBX BSA + OBX height: both Observations in supportingInformation', () => {
    const { bundle } = convertChecked(...head('2.5.1'), ORC, RXE, 'RXR|IV^Intravenous^HL70162', 'RXC|B|313002^Sodium Chloride 0.9%^RXNORM|250|mL^milliliter^UCUM', BSA, HEIGHT);
    expect(resources(bundle, 'Observation')).toHaveLength(2);
    expect(supportingCodes(bundle)).toEqual(['8277-6', '8302-2']);
  });
});

describe('R39-N1 [IG ORM_O01 4.2.5.1 applied to RDE_O11] the dosing weight supports the order, with or without an RXO', () => {
  it('RDE^O11 2.5.1 with an RXO before the RXE: the weight OBX in supportingInformation', () => {
    const RXO = 'RXO|4850^Phytonadione^RXNORM|0.7||mg^milligram^UCUM';
    const { bundle } = convertChecked(...head('2.5.1'), ORC, RXO, 'RXR|IM^Intramuscular^HL70162', 'RXE|^^^20261206120000-0600^^R|4850^Phytonadione^RXNORM|0.7||mg^milligram^UCUM', 'RXR|IM^Intramuscular^HL70162', WEIGHT);
    expect(resources(bundle, 'MedicationRequest')).toHaveLength(1);
    expect(supportingCodes(bundle)).toEqual(['3141-9']);
  });

  it('RDE^O01 (v2.3, read as RDE_O11): the weight OBX in supportingInformation', () => {
    const { bundle } = convertChecked(...head('2.3', 'RDE^O01'), ORC, 'RXE|^^^20261206120000-0600^^R|4850^Phytonadione^RXNORM|0.7||mg^milligram^UCUM', 'RXR|IM^Intramuscular^HL70162', WEIGHT);
    expect(supportingCodes(bundle)).toEqual(['3141-9']);
  });
});
