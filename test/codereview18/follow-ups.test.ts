/**
 * Code review 18 follow-ups (docs/codereview18.md, branch tidy18): the findings listed, not fixed,
 * that a test can show. Each case fails on the commit before its fix. Expected values come from the
 * messages and the rules named in each case, never from the converter's output.
 *
 *   npx vitest run test/codereview18/follow-ups.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { entries } from '../transform/helpers.js';

type Json = Record<string, unknown>;

const bundleOf = (...segments: string[]): Json => convertHl7v2(segments.join('\r')).bundle;
const urlsOf = (bundle: Json, type: string): string[] => entries(bundle).filter((e) => e.resource.resourceType === type).map((e) => e.request.url);

describe('CR18-16 a child OBR compares its number with OBR-29 as the identifiers read them, not as raw text (order.ts childOfOwnNumber)', () => {
  // [hig identity, review 16 R16-I2; IG OBR[ServiceRequest] #2/#3 EI[Identifier], #29 EIP → basedOn]
  // A susceptibility child per isolate that carries its culture's numbers is keyed by what its own
  // OBR says (OBR-26 isolate included), so two isolates sent in two messages are two orders and two
  // reports. Whether it "carries the culture's number" must be decided on the number the
  // identifier holds (EI.1 unescaped, OBR-2 else ORC-2), which is the number its key is made of.
  const PID = 'PID|1||MH00443322^^^MERCY^MR||KOWALSKI^ROBERT^A||19520719|M';
  const MSH = (id: string) => `MSH|^~\\&|SUNQUEST|MERCY LAB|HIG|HIE|20261206071000-0600||ORU^R01|${id}|P|2.5`;
  const child = (orc2: string, obr2: string, obr3: string, obr29: string) => (isolate: string, organism: string) => [
    `ORC|RE|${orc2}|M26-004411^SUNQUEST||CM`,
    `OBR|2|${obr2}|${obr3}|87186^Susceptibility, MIC^CPT4|||20261204221500|||||||||||||||20261206070500||MB|F|630-4&Bacteria identified in Urine by Culture&LN^${isolate}^${organism}|||${obr29}`,
    'OBX|1|SN|18906-8^Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN|1|<=^0.25|ug/mL||S|||F',
  ];
  const twoIsolates = (mic: (isolate: string, organism: string) => string[], type: string) => [
    urlsOf(bundleOf(MSH('C4'), PID, ...mic('1', 'Escherichia coli')), type),
    urlsOf(bundleOf(MSH('C5'), PID, ...mic('2', 'Staphylococcus aureus')), type),
  ];

  it('an "&" in the placer number, escaped \\T\\ in OBR-2 and \\X26\\ in OBR-29 (one number, EI.1 "PL55&667"): the isolates are two orders', () => {
    const mic = child('PL55\\T\\667^EPIC', 'PL55\\T\\667^EPIC', 'M26-004411^SUNQUEST', 'PL55\\X26\\667&EPIC^M26-004411&SUNQUEST');
    const [first, second] = twoIsolates(mic, 'ServiceRequest');
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
  });

  it('an OBR-2 with a namespace and no number (`^EPIC`): the placer number is ORC-2\'s (IG OBR-2 else ORC-2), the parent\'s too: two orders', () => {
    const mic = child('PL55667^EPIC', '^EPIC', 'M26-004411^SUNQUEST', 'PL55667&EPIC^M26-004411&SUNQUEST');
    const [first, second] = twoIsolates(mic, 'ServiceRequest');
    expect(first).toHaveLength(1);
    expect(second).not.toEqual(first);
  });

  it('the filler number (OBR-3 against OBR-29.2) escaped two ways: the isolates\' reports are two', () => {
    const mic = child('PL55667^EPIC', 'PL55667^EPIC', 'M26\\T\\004411^SUNQUEST', 'PL55667&EPIC^M26\\X26\\004411&SUNQUEST');
    const [first, second] = twoIsolates(mic, 'DiagnosticReport');
    expect(first).toHaveLength(1);
    expect(second).not.toEqual(first);
  });

  it('control: written the same way in both fields, the isolates are two orders and two reports (as before)', () => {
    const mic = child('PL55\\T\\667^EPIC', 'PL55\\T\\667^EPIC', 'M26-004411^SUNQUEST', 'PL55\\T\\667&EPIC^M26-004411&SUNQUEST');
    for (const type of ['ServiceRequest', 'DiagnosticReport']) {
      const [first, second] = twoIsolates(mic, type);
      expect(second, type).not.toEqual(first);
    }
  });

  it('control: a child whose OBR-29.1 names another placer number keeps its own number + OBR-4: one order for both isolates', () => {
    const mic = child('PL9001^EPIC', 'PL9001^EPIC', 'M26-004411-1^SUNQUEST', 'PL55667&EPIC');
    const [first, second] = twoIsolates(mic, 'ServiceRequest');
    expect(second).toEqual(first);
  });
});

describe('CR18-14 the SIU\'s Patient[1] is the first PID\'s Patient, recorded where the PID is mapped (scheduling.ts finishAppointment/finishRequests)', () => {
  // [IG SIU_S12 4.1 PID → Patient[1] (PID[Patient]) and PID[Appointment]: Appointment.participant.actor
  // =Patient[1].id; SIU_S12 2 SCH: ServiceRequest[1..n].subject=Patient[1].id] Patient[1] is the
  // first PATIENT group's PID. With two PIDs (a mother's booking naming her baby) the Appointment had
  // no patient participant at all, and without SCH-1/SCH-2 its identity (patient + start + service,
  // docs/mapping.md "Resource identity") had no patient, so each resend was a new Appointment.
  const MOTHER = 'PID|1||MOM1^^^HOSP&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE||19800215|F';
  const BABY = 'PID|2||BABY1^^^HOSP&2.16.840.1.113883.19.5&ISO^MR||DOE^BABY||20240301|F';
  const siu = (control: string, sch: string, pids: string[]) => [
    `MSH|^~\\&|SCHED|CLINIC|EHR|HOSP|20240401090000-0400||SIU^S12^SIU_S12|${control}|P|2.6`,
    sch,
    ...pids,
    'RGS|1',
    'AIS|1||97110^Therapeutic exercise^C4|20240410140000-0400|||45|min^minutes^UCUM',
  ];
  const ordered = 'SCH|APT1^SCHED|APT1F^SCHED|||||||||^^45^20240410140000-0400|||||||||||||||PL26^CPOE';
  const mrnOf = (bundle: Json, ref: unknown): unknown => {
    const target = entries(bundle).find((e) => e.fullUrl === (ref as { reference?: string } | undefined)?.reference)?.resource;
    return ((target?.identifier as Json[] | undefined) ?? [])[0]?.value;
  };
  const patientActors = (bundle: Json): unknown[] => {
    const appointment = entries(bundle).find((e) => e.resource.resourceType === 'Appointment')?.resource;
    const actors = ((appointment?.participant as Json[] | undefined) ?? []).map((p) => p.actor);
    return actors.map((a) => mrnOf(bundle, a)).filter((mrn) => mrn === 'MOM1' || mrn === 'BABY1');
  };

  it('two PIDs: the Appointment\'s patient participant is the first PID\'s Patient (MOM1), not the second\'s', () => {
    expect(patientActors(bundleOf(...siu('S1', ordered, [MOTHER, BABY])))).toEqual(['MOM1']);
  });

  it('two PIDs, no SCH-1/SCH-2: the Appointment is keyed by Patient[1] + start + service, so a resend (new MSH-10) PUTs the same URL', () => {
    const unnumbered = 'SCH|||||||||||^^45^20240410140000-0400';
    const first = urlsOf(bundleOf(...siu('S2', unnumbered, [MOTHER, BABY])), 'Appointment');
    const resend = urlsOf(bundleOf(...siu('S3', unnumbered, [MOTHER, BABY])), 'Appointment');
    expect(first).toHaveLength(1);
    expect(resend).toEqual(first);
  });

  it('control: the AIS ServiceRequest\'s subject is the first PID\'s Patient, in either PID order (CR16-5)', () => {
    for (const [pids, mrn] of [[[MOTHER, BABY], 'MOM1'], [[BABY, MOTHER], 'BABY1']] as const) {
      const bundle = bundleOf(...siu('S4', ordered, [...pids]));
      const requests = entries(bundle).filter((e) => e.resource.resourceType === 'ServiceRequest');
      expect(requests.map((e) => mrnOf(bundle, e.resource.subject))).toEqual([mrn]);
    }
  });

  it('control: one PID, the Appointment\'s patient participant is that Patient', () => {
    expect(patientActors(bundleOf(...siu('S5', ordered, [MOTHER])))).toEqual(['MOM1']);
  });
});
