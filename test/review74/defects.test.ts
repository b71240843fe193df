/**
 * Review 74 (issue 14, branch review74 on main 3deb1ee1): a fresh synthetic sample of 24 messages of a Canadian
 * community hospital (LBCH's PAS ADT; its lab, pharmacy, radiology and dictation feeds; a public-health registry's
 * VXU) on an America/Toronto channel with default options (docs/review74/messages/, docs/mapping-review-74.md). The
 * focus is which message may change the Patient; the wrong-data finding (R74-W1) is judged at the server in
 * destination.test.ts and shown here on the Bundle (`it.fails`); the rest are controls of the Bundles and of the notes
 * (R74-N*), each passing today. Expected values come from the messages and the IG rows named, not from hig's output.
 *
 *   npx vitest run test/review74/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; fullUrl?: string; extension?: Json[] };

const dir = new URL('../../docs/review74/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const raw = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', dir));
const entries = (n: string, options: ConvertOptions = {}) => convertHl7v2(raw(n), { timezone: 'America/Toronto', ...options }).bundle.entry as Entry[];
const patientEntry = (n: string, options: ConvertOptions = {}) => entries(n, options).find((e) => e.resource?.resourceType === 'Patient') as Entry;
const HELD = 'https://hig.example/fhir/StructureDefinition/held-element';
/** The elements a Patient PUT leaves to the server (hig's held-element marker on the Bundle entry). */
const held = (e: Entry) => (e.extension ?? []).filter((x) => x.url === HELD).map((x) => x.valueString);

describe('review 74: the Bundles read', () => {
  // R74-W1 (wrong data; destination.test.ts judges it at the server): the registry's PID-11 is the family's address
  // at the birth; the PUT sends it as the Patient's address, replacing the one the PAS registered.
  it.fails('R74-W1 #19 the registry\'s Patient PUT leaves the address the PAS states to the server [IG PID[Patient] #11; hig patient-authority rule]', () => {
    const e = patientEntry('19');
    expect(e.resource?.address === undefined || held(e).includes('address')).toBe(true);
  });

  it('R74-W1 control: #19 the PUT is marked (a VXU is no ADT) for identifier, names of another use, extensions, phone and contact, not for the address it sends [hig patient-authority rule]', () => {
    const marks = held(patientEntry('19'));
    expect(marks).toEqual(expect.arrayContaining(['identifier@system', 'name@use', 'extension:*', 'telecom', 'contact']));
    expect(marks).not.toContain('address');
  });

  it('#03 the lab\'s ORU: its PID-5 without XPN-7 is a name without use; the PUT leaves identifiers, names of another use, address, phones, contact, marital status, language to the server [IG PID[Patient] #5, XPN[HumanName] XPN.7; hig patient-authority rule]', () => {
    const e = patientEntry('03');
    expect((e.resource?.name as Json[]).map((x) => [x.use, x.family])).toEqual([[undefined, 'OKAFOR LAVOIE']]);
    expect(held(e)).toEqual(expect.arrayContaining(['identifier@system', 'name@use', 'address', 'telecom', 'contact', 'maritalStatus', 'communication']));
  });

  it('#04 PID-11 "" and PID-13 "" are not left to the server: the address and the phones are cleared [v2.5.1 2.5.3; IG PID[Patient] #11, #13; hig patient-authority rule]', () => {
    const marks = held(patientEntry('04'));
    expect([marks.includes('address'), marks.includes('telecom'), marks.includes('contact')]).toEqual([false, false, true]);
  });

  it('the PAS\'s ADT Patients (#01, #05, #15, #24) are whole PUTs, unmarked; every other message\'s Patient is marked [hig patient-authority rule]', () => {
    for (const n of ['01', '05', '06', '12', '13', '15', '17', '21', '24']) expect(held(patientEntry(n)), `#${n}`).toEqual([]);
    for (const n of ['02', '03', '07', '08', '09', '10', '11', '14', '16', '18', '19', '20', '22', '23']) expect(held(patientEntry(n)), `#${n}`).toContain('identifier@system');
  });

  it('#10 PID-29 13:20 bare → deceasedDateTime 17:20Z (EDT), PID-30 Y not a second deceased[x]; the marker does not hold deceased[x] back [IG PID[Patient] #29, #30 "IF PID-29 NOT VALUED"]', () => {
    const e = patientEntry('10');
    expect([Date.parse(String(e.resource?.deceasedDateTime)), e.resource?.deceasedBoolean]).toEqual([Date.parse('2035-05-15T17:20:00Z'), undefined]);
    expect(held(e)).not.toContain('deceased[x]');
    expect(held(patientEntry('11'))).toContain('deceased[x]');
  });

  it('#19 the registry\'s client id (PI) beside the MRN: the Patient is the PAS\'s (keyed on the MR), not the registry\'s [IG PID[Patient] #3; hig identity rule]', () => {
    expect(patientEntry('19').resource?.id).toBe(patientEntry('17').resource?.id);
  });

  // R74-N4 (note): the typo'd MRN is another Patient on the default channel; a channel keyed on the health card
  // (patientAuthorities ['ONHC']) would file it under the child — and move every Patient of the channel once.
  it('R74-N4 control: #20 is another Patient by default, the child\'s with patientAuthorities [\'ONHC\'] [hig identity rule, preferred authorities]', () => {
    expect(patientEntry('20').resource?.id).not.toBe(patientEntry('17').resource?.id);
    const onhc = { patientAuthorities: ['ONHC'] };
    expect(patientEntry('20', onhc).resource?.id).toBe(patientEntry('17', onhc).resource?.id);
  });

  it('#15 the A40: the retired record\'s PUT carries the retired-record marker naming MRG-1 and MRG-7 as its name [hig merge rule]', () => {
    const all = entries('15');
    const retired = all.find((e) => e.resource?.resourceType === 'Patient' && e.resource.active === false) as Entry;
    expect(JSON.stringify(retired.extension)).toContain('MRG-1');
    expect((retired.resource?.name as Json[]).map((x) => [x.family, (x.given as string[])[0]])).toEqual([['NGUYEN', 'TOM']]);
  });
});
