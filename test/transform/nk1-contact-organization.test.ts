/**
 * nk1org18: an NK1-13 Organization with contact persons (NK1-30–32) is the patient's view of that
 * organization, so one patient's contact persons never overwrite, nor show on, another patient's
 * (docs/mapping.md "Known gaps" before nk1org18: the shared Organization's contact list was the last
 * message's). Expected values are written from the IG rows, not from the code's output:
 * [IG NK1[Patient] #13 → contact.organization(Organization) XON[Organization]; #30 →
 * Organization.contact.name XPN[HumanName]; #31 → .telecom XTN[ContactPoint]; #32 → .address].
 */
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2 } from '../../src/transform/index.js';
import { type Entry, entries } from './helpers.js';

type Json = Record<string, unknown>;

const EMPLOYER = 'Acme Corp^^4711^^^HOSP';

/** One patient's ADT whose NK1 names the employer EMPLOYER (NK1-13), with a contact person or none. */
function adt(mrn: string, controlId: string, contactPerson: string | undefined, extra: readonly string[] = []): string {
  // NK1-30 name, NK1-31 telecom, NK1-32 address: 17 separators after NK1-13
  const person = contactPerson === undefined ? '' : `|||||||||||||||||${contactPerson}`;
  return [
    `MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500||ADT^A04^ADT_A01|${controlId}|P|2.5.1`,
    'EVN|A04|20240305081500',
    `PID|1||${mrn}^^^HOSP^MR||DOE^JANE||19800215|F||||||||||AC-${mrn}^^^HOSP^AN`,
    ...extra.filter((s) => s.startsWith('PD1')),
    `NK1|1||EMC^Emergency Contact^HL70063||||||||||${EMPLOYER}${person}`,
    ...extra.filter((s) => !s.startsWith('PD1')),
  ].join('\r');
}

const SMITH = 'SMITH^JOHN|^WPN^PH^^1^555^5550130|12 Clinic Road^^Goodtown^KY^42010';
const ROEBUCK = 'ROEBUCK^LISA|^WPN^PH^^1^555^5550199';

function convert(message: string, options: ConvertOptions = {}): Entry[] {
  return entries(convertHl7v2(message, options).bundle);
}

/** The entry of the Organization the Patient's first contact names. */
function contactOrganization(all: Entry[]): Entry {
  const patient = all.find((e) => e.resource.resourceType === 'Patient')?.resource as Json;
  const ref = ((patient.contact as Json[])[0]?.organization as Json | undefined)?.reference;
  const hit = all.find((e) => e.fullUrl === ref);
  if (hit === undefined) throw new Error('the contact names no Organization of the Bundle');
  return hit;
}

function contactNames(org: Entry): unknown[] {
  return ((org.resource.contact as Json[] | undefined) ?? []).map((c) => c.name);
}

describe('[IG NK1[Patient] #13, #30–32] [hig identity] the patient\'s view of an NK1-13 organization', () => {
  it('patients A and B naming one employer with different contact persons: two Organization URLs, each with its own contact only', () => {
    const a = contactOrganization(convert(adt('A1', 'M1', SMITH)));
    const b = contactOrganization(convert(adt('B2', 'M2', ROEBUCK)));
    expect(a.request.url).not.toBe(b.request.url);
    // [#30 → Organization.contact.name, #31 → .telecom, #32 → .address]
    expect(a.resource.contact).toEqual([
      {
        name: { family: 'SMITH', given: ['JOHN'] },
        telecom: [expect.objectContaining({ system: 'phone', use: 'work', value: '+1 555 5550130' })],
        address: expect.objectContaining({ line: ['12 Clinic Road'], city: 'Goodtown', state: 'KY', postalCode: '42010' }),
      },
    ]);
    expect(contactNames(b)).toEqual([{ family: 'ROEBUCK', given: ['LISA'] }]);
    // [IG XON[Organization] XON.1 → name] the view keeps the organization's name
    expect(a.resource.name).toBe('Acme Corp');
  });

  it('patient A\'s message resent under a new MSH-10 PUTs the same URL as before', () => {
    const first = contactOrganization(convert(adt('A1', 'M1', SMITH)));
    const again = contactOrganization(convert(adt('A1', 'M9', SMITH)));
    expect(again.request.url).toBe(first.request.url);
    expect(again.resource.contact).toEqual(first.resource.contact);
  });

  it('the view points at the shared Organization of the XON (partOf), which carries the identifier and no contact person', () => {
    const all = convert(adt('A1', 'M1', SMITH));
    const view = contactOrganization(all);
    const shared = all.find((e) => e.fullUrl === (view.resource.partOf as Json | undefined)?.reference);
    // [IG XON[Organization] XON.10 (else XON.3) → identifier.value]
    expect((shared?.resource.identifier as Json[] | undefined)?.map((i) => i.value)).toEqual(['4711']);
    expect(shared?.resource.contact).toBeUndefined();
    // the view does not repeat the identifier: `Organization?identifier=` finds the shared one only
    expect(view.resource.identifier).toBeUndefined();
  });

  it('control: an NK1-13 without NK1-30–32 references the shared Organization, as before nk1org18', () => {
    const without = contactOrganization(convert(adt('A1', 'M1', undefined)));
    const all = convert(adt('B2', 'M2', SMITH));
    const shared = all.find((e) => e.fullUrl === (contactOrganization(all).resource.partOf as Json | undefined)?.reference);
    expect(without.request.url).toBe(shared?.request.url);
    expect(without.resource.contact).toBeUndefined();
    expect((without.resource.identifier as Json[] | undefined)?.map((i) => i.value)).toEqual(['4711']);
  });

  it('a PD1-3 and a GT1-21 of the same message naming the XON keep the shared Organization, which shows no contact person', () => {
    // [IG PD1[Patient] #3 → generalPractitioner(Organization)] [hig GT1: GT1-21 the guarantor organization]
    const all = convert(adt('A1', 'M1', SMITH, [`PD1|||${EMPLOYER}`, `GT1|1||||||||||||||||||||${EMPLOYER}`]));
    const view = contactOrganization(all);
    const patient = all.find((e) => e.resource.resourceType === 'Patient')?.resource as Json;
    const gp = ((patient.generalPractitioner as Json[] | undefined) ?? [])[0]?.reference;
    expect(gp).toBe((view.resource.partOf as Json).reference);
    const shared = all.find((e) => e.fullUrl === gp);
    expect(shared?.resource.contact).toBeUndefined();
    expect(JSON.stringify(shared?.resource)).not.toContain('SMITH');
    const guarantors = all.filter((e) => e.resource.resourceType === 'Account').flatMap((e) => (e.resource.guarantor as Json[] | undefined) ?? []);
    expect(guarantors.map((g) => (g.party as Json).reference)).toEqual([gp]);
  });

  it('two NK1 of one patient naming the organization: one view listing both contact persons', () => {
    const all = convert(adt('A1', 'M1', SMITH, [`NK1|2||EMC^Emergency Contact^HL70063||||||||||${EMPLOYER}|||||||||||||||||${ROEBUCK}`]));
    const views = all.filter((e) => e.resource.resourceType === 'Organization' && e.resource.contact !== undefined);
    expect(views).toHaveLength(1);
    expect(contactNames(views[0] as Entry)).toEqual([{ family: 'SMITH', given: ['JOHN'] }, { family: 'ROEBUCK', given: ['LISA'] }]);
  });

  it('conditionalUpdate: the view is PUT at its own id, never by `Organization?identifier=` (that finds the shared one or another patient\'s view)', () => {
    const options: ConvertOptions = { conditionalUpdate: true, namespaceMap: { HOSP: 'urn:oid:1.2.3' } };
    const a = convert(adt('A1', 'M1', SMITH), options);
    const b = convert(adt('B2', 'M2', ROEBUCK), options);
    const viewA = contactOrganization(a);
    const viewB = contactOrganization(b);
    expect(viewA.request.url).toMatch(/^Organization\/[0-9a-f-]{36}$/);
    expect(viewB.request.url).toMatch(/^Organization\/[0-9a-f-]{36}$/);
    expect(viewA.request.url).not.toBe(viewB.request.url);
    // the shared Organization keeps its conditional update on the XON identifier
    const shared = a.find((e) => e.fullUrl === (viewA.resource.partOf as Json | undefined)?.reference);
    expect(shared?.request.url).toBe('Organization?identifier=urn%3Aoid%3A1.2.3|4711');
    expect(a.filter((e) => e.request.url === 'Organization?identifier=urn%3Aoid%3A1.2.3|4711')).toHaveLength(1);
  });
});

describe('[IG NK1[RelatedPerson] #30–32] an organization NK1 without NK1-2: the contact person is the RelatedPerson (review 62 R62-N2)', () => {
  const related = (all: Entry[]) => all.filter((e) => e.resource.resourceType === 'RelatedPerson').map((e) => e.resource);
  const patientContact = (all: Entry[]) => ((all.find((e) => e.resource.resourceType === 'Patient')?.resource as Json).contact as Json[])[0] as Json;

  it('NK1-30 names the RelatedPerson (name[2] with NK1-2 empty), NK1-31 its telecom[3]; Patient.contact keeps the organization, not the person', () => {
    const all = convert(adt('A1', 'M1', SMITH));
    const [rp, ...more] = related(all);
    expect(more).toEqual([]);
    expect(rp?.name).toEqual([{ family: 'SMITH', given: ['JOHN'] }]);
    expect((rp?.telecom as Json[]).map((t) => t.value)).toEqual(['+1 555 5550130']);
    expect((rp?.address as Json[]).map((a) => a.city)).toEqual(['Goodtown']);
    // [IG NK1[Patient] #2 → contact.name: NK1-2 only; #30 → the organization's contact]
    expect(patientContact(all).name).toBeUndefined();
    expect(contactNames(contactOrganization(all))).toEqual([{ family: 'SMITH', given: ['JOHN'] }]);
  });

  it('an NK1 naming the organization and no person (no NK1-2, NK1-30, identifier) makes no RelatedPerson; Patient.contact holds the organization and its phone', () => {
    const message = adt('A1', 'M1', undefined).replace('NK1|1||EMC^Emergency Contact^HL70063|||', 'NK1|1||EMC^Emergency Contact^HL70063||^WPN^PH^^1^555^5550100|');
    const all = convert(message);
    expect(related(all)).toEqual([]);
    const contact = patientContact(all);
    expect((contact.telecom as Json[]).map((t) => t.value)).toEqual(['+1 555 5550100']);
    expect((contact.organization as Json).display).toBe('Acme Corp');
  });

  it('control: beside a named NK1-2 the contact person stays the organization\'s only; the RelatedPerson is NK1-2', () => {
    const all = convert(adt('A1', 'M1', SMITH).replace('NK1|1||', 'NK1|1|DOE^RICHARD|'));
    expect(related(all).map((r) => r.name)).toEqual([[{ family: 'DOE', given: ['RICHARD'] }]]);
  });
});
