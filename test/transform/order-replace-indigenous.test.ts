/**
 * Review 47's two mapping fixes (fix32f), read in the Bundle:
 * - R47-W3 [v2.5.1 table 0119 replacement codes; IG OrderControlCode[ServiceRequest.status] RP/RU no row, RO → active;
 *   OrderStatus RP → revoked; hig replace rule, docs/mapping.md "Order status"]: ORC-1 RP/RU end the order they name
 *   (ServiceRequest `revoked`, MedicationRequest `stopped`), the RO right after names it (ServiceRequest.replaces,
 *   MedicationRequest.priorPrescription); UM (unable to replace) changes nothing.
 * - R47-L1 [IG PID[Patient] #10 "AUS = indiginous extension"; AU Base indigenous-status]: a PID-10 coded in AUSIS
 *   (AS 4700.1 Indigenous status) is the AU Base extension, never US Core race; a code outside the set is reported.
 * Expected values come from the messages, the AU Base IG and FHIR R4, written by hand.
 *
 *   npx vitest run test/transform/order-replace-indigenous.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const OID = '1.2.840.114350.1.13.47';
const msh = (type: string) => `MSH|^~\\&|CPOE|GH|LAB|GH|20261206080000-0600||${type}|M47|P|2.5.1`;
const pid = (race = '') => `PID|1||MRN47R^^^GH^MR||REPLACE^RITA||19700101|F||${race}`;
const orc = (control: string, number: string) => `ORC|${control}|${number}^CPOE^${OID}^ISO|||||||20261206090000-0600|||1234^ORDER^OLIVE`;
const obr = (number: string, code: string) => `OBR|1|${number}^CPOE^${OID}^ISO||${code}^LN`;
const convert = (segments: string[]) => convertHl7v2(segments.join('\r'));
const resources = (segments: string[], type: string) =>
  ((convert(segments).bundle.entry ?? []) as { resource?: Json }[]).map((e) => e.resource).filter((r): r is Json => r?.resourceType === type);
const withNumber = (list: Json[], value: string) => list.filter((r) => JSON.stringify(r.identifier).includes(`"value":"${value}"`));
const lines = (segments: string[]) => ((convert(segments).report.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text));

describe('R47-W3 order replace (table 0119 RP/RU → RO)', () => {
  it('ORM RU (the filler replaced the order unsolicited) + RO: the replaced order revoked, the replacement active and replacing it', () => {
    const srs = resources([msh('ORM^O01^ORM_O01'), pid(), orc('RU', 'ORD47C'), obr('ORD47C', '2345-7^Glucose'), orc('RO', 'ORD47D'), obr('ORD47D', '4548-4^HbA1c')], 'ServiceRequest');
    expect(withNumber(srs, 'ORD47C')[0]?.status).toBe('revoked');
    const ro = withNumber(srs, 'ORD47D')[0];
    expect(ro?.status).toBe('active');
    expect(ro?.replaces).toEqual([{ type: 'ServiceRequest', identifier: { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' }] }, system: `urn:oid:${OID}`, value: 'ORD47C' } }]);
  });

  it('an RO without an RP/RU before it (after an NW) replaces nothing the message names', () => {
    const srs = resources([msh('ORM^O01^ORM_O01'), pid(), orc('NW', 'ORD47E'), obr('ORD47E', '2345-7^Glucose'), orc('RO', 'ORD47F'), obr('ORD47F', '4548-4^HbA1c')], 'ServiceRequest');
    expect(withNumber(srs, 'ORD47E')[0]?.status).toBe('active');
    expect(withNumber(srs, 'ORD47F')[0]?.replaces).toBeUndefined();
  });

  it('ORL UM (unable to replace): the order keeps its status (none stated, no patch of it)', () => {
    const srs = resources([msh('ORL^O22^ORL_O22'), 'MSA|AA|M46', pid(), orc('UM', 'ORD47G'), obr('ORD47G', '2345-7^Glucose')], 'ServiceRequest');
    expect(withNumber(srs, 'ORD47G')[0]?.status).toBe('unknown');
  });

  it('RDE RP + RO: the replaced MedicationRequest stopped (it may have been given; not `cancelled`), the RO names it as priorPrescription', () => {
    const rxe = (drug: string) => `RXE||${drug}^RXNORM|1000||mg^milligram^UCUM`;
    const mrs = resources([msh('RDE^O11^RDE_O11'), pid(), orc('RP', 'RX47C'), rxe('11124^Vancomycin'), orc('RO', 'RX47D'), rxe('2180^Cefazolin')], 'MedicationRequest');
    expect(withNumber(mrs, 'RX47C')[0]?.status).toBe('stopped');
    const ro = withNumber(mrs, 'RX47D')[0];
    expect(ro?.status).toBe('active');
    expect(ro?.priorPrescription).toMatchObject({ type: 'MedicationRequest', identifier: { system: `urn:oid:${OID}`, value: 'RX47C' } });
  });
});

const AU_EXT = 'http://hl7.org.au/fhir/StructureDefinition/indigenous-status';
const AU_CS = 'https://healthterminologies.gov.au/fhir/CodeSystem/australian-indigenous-status-1';

describe('R47-L1 PID-10 coded AUSIS → AU Base indigenous-status [IG PID[Patient] #10 AUS]', () => {
  const patient = (race: string) => resources([msh('ADT^A04^ADT_A01'), 'EVN|A04|20261206080000', pid(race), 'PV1|1|O'], 'Patient')[0];
  it('code 1 (sent without text): the extension with the AU code system and its display, no US Core race', () => {
    const p = patient('1^^AUSIS');
    expect(p?.extension).toEqual([{ url: AU_EXT, valueCoding: { system: AU_CS, code: '1', display: 'Aboriginal but not Torres Strait Islander origin' } }]);
  });
  it('code 9 beside a CDC race code: each to its own extension', () => {
    const ext = patient('9^Not stated/inadequately described^AUSIS~2106-3^White^CDCREC')?.extension as Json[];
    expect(ext.find((e) => e.url === AU_EXT)?.valueCoding).toEqual({ system: AU_CS, code: '9', display: 'Not stated/inadequately described' });
    const race = JSON.stringify(ext.find((e) => String(e.url).endsWith('us-core-race')));
    expect(race).toContain('"code":"2106-3"');
    expect(race).not.toContain('Not stated');
  });
  it('a code outside AS 4700.1 (7): no extension, reported', () => {
    const segs = [msh('ADT^A04^ADT_A01'), 'EVN|A04|20261206080000', pid('7^Other^AUSIS'), 'PV1|1|O'];
    expect(JSON.stringify(resources(segs, 'Patient')[0]?.extension ?? [])).not.toContain('"code":"7"');
    expect(JSON.stringify(resources(segs, 'Patient')[0]?.extension ?? [])).not.toContain('us-core-race');
    expect(lines(segs).some((l) => l.startsWith('PID-10 repetition 1') && l.includes('Australian Indigenous Status code set'))).toBe(true);
  });
});
