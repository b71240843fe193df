/**
 * Issue 14 (ais16): an ordered appointment's services are ServiceRequests. [IG SIU_S12 5.2.1
 * RESOURCES.SERVICE.AIS → ServiceRequest[n] by AIS[ServiceRequest] IF SCH-26 IS VALUED OR SCH-27 IS
 * VALUED; "each ServiceRequest being created includes data from SCH segment"; SIU_S12 2 SCH →
 * ServiceRequest[1..n] by SCH[ServiceRequest] with Appointment[1].basedOn=ServiceRequest[1..n].id,
 * ServiceRequest[1..n].subject=Patient[1].id]. Expected values are written from those rows and the
 * messages below, never from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { convertChecked, danglingReferences, entries, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MRN16^^^HOSP&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE||19800215|F';
const PLACER = 'PL26^CPOE^2.16.840.1.113883.19.5^ISO';
const FILLER = 'FL27^SCHED^2.16.840.1.113883.19.6^ISO';
const AIS1 = seg('AIS', { 1: '1', 3: '99214^Office visit^C4', 4: '20240410140000-0400', 7: '45', 8: 'min^minutes^UCUM', 11: 'PSI1^Placer info^L', 12: 'FSI1^Filler info^L' });
const AIS2 = seg('AIS', { 1: '2', 3: '93000^Electrocardiogram^C4', 4: '20240410150000-0400', 7: '1', 8: 'h^hour^UCUM' });

function siu(o: { event?: string; id?: string; sch25?: string; sch26?: string; sch27?: string; pid?: string | null; ais?: string[] } = {}) {
  const sch = seg('SCH', { 1: 'APT16^SCHED', 2: 'APT16F^SCHED', 11: '^^60^20240410140000-0400^20240410150000-0400', 25: o.sch25 ?? '', 26: o.sch26 ?? PLACER, 27: o.sch27 ?? '' });
  return [
    `MSH|^~\\&|SCHED|CLINIC|EHR|HOSP|20240401090000-0400||SIU^${o.event ?? 'S12'}^SIU_S12|${o.id ?? 'A16-1'}|P|2.6`,
    sch,
    ...(o.pid === null ? [] : [o.pid ?? PID]),
    'RGS|1',
    ...(o.ais ?? [AIS1]),
  ];
}
const requests = (bundle: Json) => resources(bundle, 'ServiceRequest') as Json[];
const appointment = (bundle: Json) => resources(bundle, 'Appointment')[0] as Json;
const urls = (bundle: Json) => entries(bundle).filter((e) => e.resource.resourceType === 'ServiceRequest').map((e) => e.request.url);

describe('[IG SIU_S12 5.2.1 AIS → ServiceRequest[n] IF SCH-26 OR SCH-27 VALUED] one ServiceRequest per AIS of an ordered appointment', () => {
  it('[IG AIS[ServiceRequest] #3, #11, #12 CWE[Identifier]; SCH[ServiceRequest] #26, #27] identifiers: the order numbers (PLAC, FILL as ORC-2/3), then AIS-3, AIS-11, AIS-12', () => {
    const { bundle, lines } = convertChecked(...siu({ sch27: FILLER }));
    const [sr] = requests(bundle);
    expect(requests(bundle)).toHaveLength(1);
    expect(sr?.identifier).toEqual([
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' }] }, system: 'urn:oid:2.16.840.1.113883.19.5', value: 'PL26' },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'FILL' }] }, system: 'urn:oid:2.16.840.1.113883.19.6', value: 'FL27' },
      { system: 'http://www.ama-assn.org/go/cpt', value: '99214' },
      { system: 'urn:hl7v2:codesystem:L', value: 'PSI1' },
      { system: 'urn:hl7v2:codesystem:L', value: 'FSI1' },
    ]);
    // AIS-11/12 are mapped now: no report line for them
    expect(lines.filter((t) => t.startsWith('AIS-11') || t.startsWith('AIS-12'))).toEqual([]);
  });

  it('[IG AIS[ServiceRequest] #4 → occurrencePeriod.start, #7 → .end = start + AIS-7 (AIS-8 units)] each request its own service time', () => {
    const { bundle } = convertChecked(...siu({ ais: [AIS1, AIS2] }));
    expect(requests(bundle).map((r) => r.occurrencePeriod)).toEqual([
      { start: '2024-04-10T14:00:00-04:00', end: '2024-04-10T14:45:00-04:00' },
      { start: '2024-04-10T15:00:00-04:00', end: '2024-04-10T16:00:00-04:00' },
    ]);
  });

  it('[IG SCH[ServiceRequest] #6 intent "order", #0 IF SCH-25 NOT VALUED status "active"; SIU_S12 2 subject=Patient[1], Appointment[1].basedOn=ServiceRequest[1..n]]', () => {
    const { bundle } = convertChecked(...siu({ ais: [AIS1, AIS2] }));
    const patient = entries(bundle).find((e) => e.resource.resourceType === 'Patient')?.fullUrl;
    for (const sr of requests(bundle)) {
      expect(sr.intent).toBe('order');
      expect(sr.status).toBe('active');
      expect(sr.subject).toEqual({ reference: patient });
    }
    const fullUrls = entries(bundle).filter((e) => e.resource.resourceType === 'ServiceRequest').map((e) => ({ reference: e.fullUrl }));
    expect(appointment(bundle).basedOn).toEqual(fullUrls);
    expect(danglingReferences(bundle)).toEqual([]);
  });

  it('[IG SIU_S12 5.2.1 IF SCH-27 IS VALUED] a filler number alone is an order too', () => {
    const { bundle } = convertChecked(...siu({ sch26: '', sch27: FILLER }));
    expect(requests(bundle)).toHaveLength(1);
    expect((requests(bundle)[0]?.identifier as Json[])[0]).toMatchObject({ value: 'FL27', type: { coding: [{ code: 'FILL' }] } });
  });

  it('unchanged (guard): no SCH-26/27, no ServiceRequest, and AIS-11/12 stay reported with the reason (the IG makes none either)', () => {
    const { bundle, lines } = convertChecked(...siu({ sch26: '' }));
    expect(requests(bundle)).toEqual([]);
    expect(lines.filter((t) => t.startsWith('AIS-11 ') || t.startsWith('AIS-12 '))).toHaveLength(2);
  });

  it('unchanged (guard) [hl7v2.ts REQUIRES_PATIENT: subject 1..1] without a PID no request can exist: basedOn keeps the order numbers (logical) and no reference dangles', () => {
    const { bundle } = convertChecked(...siu({ pid: null }));
    expect(requests(bundle)).toEqual([]);
    expect(appointment(bundle).basedOn).toEqual([{ type: 'ServiceRequest', identifier: expect.objectContaining({ value: 'PL26' }) }]);
    expect(danglingReferences(bundle)).toEqual([]);
  });
});

describe('[hig] ServiceRequest.status follows the Appointment.status (SCH[ServiceRequest] #25 maps SCH-25 through FillerStatusCodes[Appointment], appointment codes)', () => {
  it.each([
    ['S12', '', 'active'], // [IG SCH[ServiceRequest] #0 IF SCH-25 NOT VALUED → "active"]
    ['S14', 'Booked', 'active'],
    ['S14', 'Complete', 'completed'], // fulfilled
    ['S15', 'Cancelled', 'revoked'], // R4 request-status revoked (STU3's cancelled)
    ['S15', '', 'revoked'], // the cancel event, as the Appointment is cancelled
    ['S16', 'Dc', 'revoked'],
    ['S17', 'Deleted', 'entered-in-error'], // FillerStatusCodes Deleted → entered-in-error, a request-status code too
    ['S17', '', 'entered-in-error'],
    ['S26', '', 'active'], // a no-show ends the appointment, not the order
  ])('%s with SCH-25 "%s" → %s', (event, sch25, status) => {
    const { bundle } = convertChecked(...siu({ event, sch25 }));
    expect(requests(bundle).map((r) => r.status)).toEqual([status]);
  });

  it('an appointment sent as proposed for want of times (app-3) leaves the order active', () => {
    const message = siu({ ais: [seg('AIS', { 1: '1', 3: '99214^Office visit^C4' })] }).map((s) => (s.startsWith('SCH') ? seg('SCH', { 1: 'APT16^SCHED', 26: PLACER }) : s));
    const { bundle } = convertChecked(...message);
    expect(appointment(bundle).status).toBe('proposed');
    expect(requests(bundle).map((r) => r.status)).toEqual(['active']);
  });
});

describe('[hig identity, docs/mapping.md "Resource identity"] an AIS request is its order, never its message', () => {
  it('the same order re-sent (S14, new MSH-10) PUTs the same URLs', () => {
    const first = convertHl7v2(siu({ ais: [AIS1, AIS2] }).join('\r')).bundle;
    const again = convertHl7v2(siu({ event: 'S14', id: 'A16-2', ais: [AIS1, AIS2] }).join('\r')).bundle;
    expect(urls(first)).toHaveLength(2);
    expect(new Set(urls(first)).size).toBe(2);
    expect(urls(again)).toEqual(urls(first));
  });

  it('the request is its booking\'s (code review 16, CR16-1): another appointment is another request, the same booking under a corrected order number the same', () => {
    const a = convertHl7v2(siu().join('\r')).bundle;
    const b = convertHl7v2(siu({ sch26: 'PL99^CPOE^2.16.840.1.113883.19.5^ISO' }).join('\r')).bundle;
    expect(urls(a)).toEqual(urls(b));
    const other = convertHl7v2(siu().map((s) => s.replace('APT16^SCHED', 'APT17^SCHED').replace('APT16F^SCHED', 'APT17F^SCHED')).join('\r')).bundle;
    expect(urls(other)).toHaveLength(1);
    expect(urls(other)).not.toEqual(urls(a));
  });

  it('never the URL an ORM order of the same placer number PUTs: a full PUT of the scheduler\'s request would erase the order\'s code and requester (identity.ts scheduledRequestKey)', () => {
    const orm = convertHl7v2(
      ['MSH|^~\\&|CPOE|HOSP|SCHED|CLINIC|20240301090000-0400||ORM^O01^ORM_O01|O16|P|2.6', PID, `ORC|NW|${PLACER}`, `OBR|1|${PLACER}||99214^Office visit^C4`].join('\r'),
    ).bundle;
    const scheduled = convertHl7v2(siu().join('\r')).bundle;
    expect(urls(orm)).toHaveLength(1);
    expect(urls(scheduled)).toHaveLength(1);
    expect(urls(scheduled)[0]).not.toBe(urls(orm)[0]);
    // both still carry the placer number, by which a receiver reconciles them
    const placerOf = (b: Json) => JSON.stringify((requests(b)[0]?.identifier as Json[] | undefined)?.find((i) => JSON.stringify(i).includes('PLAC')));
    expect(placerOf(scheduled)).toContain('PL26');
    expect(placerOf(orm)).toContain('PL26');
  });

  it('an S15 cancel revokes the scheduler\'s request only, never the ORM order\'s URL', () => {
    const orm = convertHl7v2(
      ['MSH|^~\\&|CPOE|HOSP|SCHED|CLINIC|20240301090000-0400||ORM^O01^ORM_O01|O16|P|2.6', PID, `ORC|NW|${PLACER}`, `OBR|1|${PLACER}||99214^Office visit^C4`].join('\r'),
    ).bundle;
    const cancel = convertHl7v2(siu({ event: 'S15', id: 'A16-9' }).join('\r')).bundle;
    expect(requests(cancel).map((r) => r.status)).toEqual(['revoked']);
    expect(urls(cancel)).not.toContain(urls(orm)[0]);
  });
});
