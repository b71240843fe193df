/**
 * Review 16, "Not counted, but worth a decision" (docs/mapping-review-16.md): a PV1 in a message that
 * is no ADT visit event set Encounter.status from the patient class alone [IG PV1[Encounter] #2 IF
 * PV1-45 NOT VALUED via PatientClass[EncounterStatus]: I/O/E → in-progress]: the SIU S12 put a clinic
 * visit ten days away `in-progress` and kept it after the S15 cancel, and a result or discharge
 * summary after the A03 PUT `in-progress` over the visit's `finished`.
 * [hig, deviation from that row, docs/mapping.md "Event semantics"] such a message names the visit
 * it is about and does not report its state, as the IG's Event[EncounterStatus] says of an A08
 * ("unknown"): `unknown`, unless PV1-45 is valued → `finished` [IG PV1[Encounter] #45]. ADT events
 * keep their own statuses (Event[EncounterStatus], the hig supplement, else the class).
 *
 *   npx vitest run test/transform/visit-status-non-adt.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const encounters = (segments: string[]): Json[] =>
  (convertHl7v2(segments.join('\r')).bundle.entry as { resource?: Json }[]).map((e) => e.resource).filter((r): r is Json => r?.resourceType === 'Encounter');

const MSH = (type: string, version = '2.5.1') => `MSH|^~\\&|EPIC|NORTHSIDE|HIG|HIE|20261205140000-0500||${type}|R16V|P|${version}`;
const PID = 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F';
const PV1_IN = 'PV1|1|I|4W^412^1^NORTHSIDE||||1234567890^CHEN^DAVID^^^^MD^^NPI|||MED||||||||IP|30011223^^^EPI^VN|||||||||||||||||||||||||20261201083000-0500';
const PV1_OUT = 'PV1|1|O|FAMMED^^^NORTHSIDE||||1234567890^CHEN^DAVID^^^^MD^^NPI|||FAM||||||||OP|30019988^^^EPI^VN';
const PV1_DONE = `${PV1_IN}|20261205113000-0500`;

const SIU = (event: string, pv1: string) => [
  MSH(`SIU^${event}`, '2.3.1'),
  `SCH|APT7781^EPIC|APT7781^EPIC|||||FOLLOWUP^Follow-up^L||20|MIN|^^20^20261215093000-0500^20261215095000-0500|||||1234567890^CHEN^DAVID||||1234567890^CHEN^DAVID|||||${event === 'S15' ? 'Cancelled' : 'Booked'}`,
  PID,
  pv1,
  'RGS|1',
  'AIS|1||99213^Office visit^CPT4|20261215093000-0500|||20|MIN',
];

const statusOf = (segments: string[]) => encounters(segments).map((e) => e.status);

describe('Encounter.status from a PV1 in a message that is no ADT visit event', () => {
  it('[hig deviation from IG PV1[Encounter] #2] SIU S12: a visit booked ten days ahead is not in-progress, unknown', () => {
    expect(statusOf(SIU('S12', PV1_OUT))).toEqual(['unknown']);
  });

  it('[hig deviation from IG PV1[Encounter] #2] SIU S15: the cancel of that booking does not keep the visit in-progress', () => {
    expect(statusOf(SIU('S15', PV1_OUT))).toEqual(['unknown']);
  });

  it('[hig deviation from IG PV1[Encounter] #2] ORU R01 for an inpatient: unknown, so a late result never reopens a discharged visit on a PUT', () => {
    const oru = [
      MSH('ORU^R01^ORU_R01'),
      PID,
      PV1_IN,
      'ORC|RE|PL1001^EPIC|F2002^BEAKER||CM',
      'OBR|1|PL1001^EPIC|F2002^BEAKER|2823-3^Potassium^LN|||20261205060000-0500|||||||||||||||20261205070000-0500||CH|F',
      'OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^mmol/L^UCUM|3.5-5.1|N|||F',
    ];
    expect(statusOf(oru)).toEqual(['unknown']);
  });

  it('control [IG PV1[Encounter] #45] MDM T02 with PV1-45 valued: finished, the discharge time period.end', () => {
    const mdm = [
      MSH('MDM^T02^MDM_T02', '2.6'),
      'EVN|T02|20261205140000-0500',
      PID,
      PV1_DONE,
      'TXA|1|DS^Discharge summary^HL70270|TX|20261205113000-0500|1234567890^CHEN^DAVID||||||||DOC5566^EPIC||||||AU',
      'OBX|1|TX|18842-5^Discharge summary^LN||Discharged home in stable condition.||||||F',
    ];
    const [e] = encounters(mdm);
    expect(e?.status).toBe('finished');
    expect((e?.period as Json | undefined)?.end).toBe('2026-12-05T11:30:00-05:00');
  });

  // one message of each family the review names (orders, pharmacy, immunization, charges, accounts)
  it.each([
    ['ORM^O01', ['ORC|NW|PL2001^EPIC', 'OBR|1|PL2001^EPIC||80053^Comprehensive metabolic panel^CPT4']],
    ['OML^O21^OML_O21', ['ORC|NW|PL2002^EPIC', 'OBR|1|PL2002^EPIC||80053^Comprehensive metabolic panel^CPT4']],
    ['RDE^O11^RDE_O11', ['ORC|NW|PL2003^EPIC', 'RXE|^Q8H^^20261205140000-0500|2193^cefazolin 1 g^RXNORM|1||g']],
    ['VXU^V04^VXU_V04', ['ORC|RE||D9001^EPIC', 'RXA|0|1|20261205140000-0500||141^Influenza^CVX|0.5|mL^mL^UCUM']],
    ['DFT^P03^DFT_P03', ['FT1|1|||20261205140000-0500||CG|99223^Initial hospital care^CPT4|||1']],
    ['BAR^P01^BAR_P01', []],
  ])('[hig deviation from IG PV1[Encounter] #2] %s with an inpatient PV1: unknown', (type, rest) => {
    const evn = type.startsWith('DFT') || type.startsWith('BAR') ? ['EVN|' + type.split('^')[1] + '|20261205140000-0500'] : [];
    expect(statusOf([MSH(type), ...evn, PID, PV1_IN, ...rest])).toEqual(['unknown']);
  });

  // controls: the ADT events keep their statuses (IG Event[EncounterStatus]; others by the class)
  it.each([
    ['A01', PV1_IN, 'in-progress'],
    ['A04', PV1_OUT, 'planned'],
    ['A03', PV1_DONE, 'finished'],
    ['A08', PV1_IN, 'unknown'],
    ['A31', PV1_OUT, 'in-progress'],
  ])('control: ADT %s keeps its status', (event, pv1, status) => {
    expect(statusOf([MSH(`ADT^${event}`), `EVN|${event}|20261205140000-0500`, PID, pv1])).toEqual([status]);
  });
});
