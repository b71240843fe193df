/**
 * [hig patient identity; issue 14 item 4; review 39 R39-N3] The channel's `conversion.patientAuthorities` (`hig convert
 * --patient-authority`): the assigning authorities whose numbers identify a Patient, most preferred first, ranked before
 * the identifier type. Review 39's pediatric clinic (#19, #23: `PP3900213^^^PMPEDS^MR~PM3900103^^^PMCH^MR`) joined the
 * hospital's record of the same child (#05: `PM3900103^^^PMCH^MR`) only because `PMCH` sorts before `PMPEDS`; with the
 * clinic's authority spelled `APEDS` the child became two Patients. Expected values come from the messages (PID-3: one
 * child, the hospital's MRN in both) and the rule (docs/mapping.md "Resource identity", Patient), not from hig's output.
 *
 *   npx vitest run test/transform/patient-authorities.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cmdConvert } from '../../src/cli/convert.js';
import { conversionOptions, conversionSchema } from '../../src/config/channel.js';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const dir = new URL('../../docs/review39/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const sample = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', dir), 'latin1');
/** The clinic's messages with its assigning authority spelled otherwise (PMPEDS → `clinic`). */
const spelled = (n: string, clinic: string) => sample(n).replaceAll('^^^PMPEDS^', `^^^${clinic}^`);

const chicago: Options = { timezone: 'America/Chicago' };
const patientUrl = (hl7: string, options: Options): string | undefined => {
  const entries = convertHl7v2(hl7, options).bundle.entry as Entry[];
  return entries.find((e) => e.resource?.resourceType === 'Patient')?.request?.url;
};

describe('R39-N3 [hig patient identity; issue 14 item 4] a channel names the authorities whose numbers identify the Patient', () => {
  for (const clinic of ['APEDS', 'PMPEDS', 'ZPEDS']) {
    it(`patientAuthorities [PMCH]: the clinic's #19 and #23 (clinic authority ${clinic}) are the hospital's #05 Patient, whichever sorts first`, () => {
      const options: Options = { ...chicago, patientAuthorities: ['PMCH'] };
      const hospital = patientUrl(sample('05'), options);
      expect(hospital).toMatch(/^Patient\//);
      expect(patientUrl(spelled('19', clinic), options)).toBe(hospital);
      expect(patientUrl(spelled('23', clinic), options)).toBe(hospital);
    });
  }

  it('the preferred authority named by its system URI (namespaceMap) keys the same way', () => {
    const options: Options = { ...chicago, namespaceMap: { PMCH: 'urn:oid:2.16.840.1.113883.3.3939' }, patientAuthorities: ['urn:oid:2.16.840.1.113883.3.3939'] };
    const hospital = patientUrl(sample('05'), options);
    expect(patientUrl(spelled('19', 'APEDS'), options)).toBe(hospital);
  });

  it('the list is ordered: the first authority a message carries wins (a clinic-first channel keys on the clinic MRN)', () => {
    const clinicFirst: Options = { ...chicago, patientAuthorities: ['APEDS', 'PMCH'] };
    const both = patientUrl(spelled('19', 'APEDS'), clinicFirst);
    expect(both).not.toBe(patientUrl(sample('05'), clinicFirst));
    // the clinic's own record of the child, PID-3 its MRN alone, is the same Patient
    const clinicOnly = spelled('19', 'APEDS').replace('~PM3900103^^^PMCH^MR', '');
    expect(patientUrl(clinicOnly, clinicFirst)).toBe(both);
  });

  it('a preferred authority never makes an account, visit or SSN number the identity [v2 table 0203 AN, VN, SS]', () => {
    const withAccount = spelled('19', 'APEDS').replace('PP3900213^^^APEDS^MR~PM3900103^^^PMCH^MR', 'AC3900999^^^PMCH^AN~PP3900213^^^APEDS^MR');
    const entries = convertHl7v2(withAccount, { ...chicago, patientAuthorities: ['PMCH'] }).bundle.entry as Entry[];
    const patient = entries.find((e) => e.resource?.resourceType === 'Patient');
    // keyed on the clinic's MRN, as without the option: the same URL as the clinic's record without the account number
    const clinicOnly = spelled('19', 'APEDS').replace('~PM3900103^^^PMCH^MR', '');
    expect(patient?.request?.url).toBe(patientUrl(clinicOnly, chicago));
  });

  it('control (default unchanged): without the option, PMCH joins only because it sorts first; APEDS makes two Patients', () => {
    const hospital = patientUrl(sample('05'), chicago);
    expect(patientUrl(sample('19'), chicago)).toBe(hospital);
    expect(patientUrl(spelled('19', 'APEDS'), chicago)).not.toBe(hospital);
  });

  it('the channel schema takes the list (default []), refuses an empty or repeated name, and passes it to the conversion', () => {
    const conversion = conversionSchema.parse({ patientAuthorities: ['PMCH', 'urn:oid:2.16.840.1.113883.3.3939'] });
    expect(conversionOptions({ timezone: 'UTC', conversion }).patientAuthorities).toEqual(['PMCH', 'urn:oid:2.16.840.1.113883.3.3939']);
    expect(conversionSchema.parse({}).patientAuthorities).toEqual([]);
    expect(conversionSchema.safeParse({ patientAuthorities: [''] }).success).toBe(false);
    expect(conversionSchema.safeParse({ patientAuthorities: ['PMCH', 'PMCH'] }).success).toBe(false);
  });

  it('hig convert --patient-authority PMCH (repeatable) keys the clinic message on the hospital MRN', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const path = new URL(files.find((f) => f.startsWith('05-')) ?? '', dir).pathname;
    await cmdConvert([path, '--timezone', 'America/Chicago', '--patient-authority', 'PMCH', '--patient-authority', 'PMPEDS'], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(err).toEqual([]);
    const bundle = JSON.parse(out[0] ?? '{}') as { entry?: Entry[] };
    const url = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.request?.url;
    expect(url).toBe(patientUrl(sample('05'), { ...chicago, patientAuthorities: ['PMCH', 'PMPEDS'] }));
    expect(url).toBe(patientUrl(spelled('19', 'APEDS'), { ...chicago, patientAuthorities: ['PMCH'] }));
    await expect(cmdConvert([path, '--patient-authority', ''], { out: () => undefined, err: () => undefined })).rejects.toThrow(/--patient-authority/);
  });
});
