/**
 * OMI^O23 (imaging order, v2.5.1–2.8 ORDER `ORC [{PRT}] [{TIMING(TQ1 [{TQ2}])}] OBR [{NTE}] [{PRT}] [CTD]
 * [{DG1}] [{OBSERVATION(OBX …)}] {IPC}`), refused until review 45 (R45-R1). The IG has no OMI_O23 message
 * map and no IPC sheet: the ORC, TQ1, OBR, NTE and DG1 of an ORDER map by their segment rows as in OMG^O19
 * (one ServiceRequest per ORC + OBR); IPC-1 → identifier ACSN and the other IPC fields reported (hig rule,
 * docs/mapping.md "OMI^O23 and IPC"). The RIS's NW schedules the placer's order: the order is a conditional
 * create + patch, never a full PUT (order.ts FILLER_ORDER_MESSAGES). Expected values come from the message.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { entries, resources } from './helpers.js';

type Json = Record<string, unknown>;

const omi = (control = 'NW', orc5 = 'SC') =>
  [
    'MSH|^~\\&|RIS|RADIOLOGY|PACS|HOSP|20300401090000+0200||OMI^O23^OMI_O23|OMI1|P|2.5.1',
    'PID|1||MRN23^^^HOSP^MR||DOE^JANE||19800101|F',
    'PV1|1|O|RAD^^^HOSP||||1234^SMITH^ANN|||||||||||V23^^^HOSP^VN',
    `ORC|${control}|PL23^CPOE|ACC23^RIS||${orc5}|||||||1234^SMITH^ANN`,
    'TQ1|1||||||203004021030||R',
    'OBR|1|PL23^CPOE|ACC23^RIS|73721^MRI knee w/o contrast^C4',
    'NTE|1||Patient is claustrophobic',
    'DG1|1||M23.2^Derangement of meniscus^I10',
    'IPC|ACC23^RIS|RP23-1^RIS|1.2.3.4.5.23^DICOM|SPS23-1^RIS|MR^^DCM||MR2^RIS||MRAE2',
    'IPC|ACC23^RIS|RP23-1^RIS|1.2.3.4.5.23^DICOM|SPS23-2^RIS|MR^^DCM||MR2^RIS||MRAE2',
    `ORC|${control}|PL24^CPOE|ACC24^RIS||${orc5}`,
    'TQ1|1||||||203004021130',
    'OBR|2|PL24^CPOE|ACC24^RIS|71250^CT chest w/o contrast^C4',
    'IPC|ACC24^RIS|RP24-1^RIS|1.2.3.4.5.24^DICOM|SPS24-1^RIS|CT^^DCM||||CTAE1',
  ].join('\r');

const text = (x: unknown) => JSON.stringify(x ?? null);
const lines = (report: Json) => ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
const requestOf = (bundle: Json, placer: string) => resources(bundle, 'ServiceRequest').find((r) => text(r.identifier).includes(`"value":"${placer}"`)) as Json | undefined;
const typed = (r: Json | undefined, code: string) => ((r?.identifier as Json[] | undefined) ?? []).filter((i) => text(i.type).includes(`"code":"${code}"`)).map((i) => i.value);

describe('OMI^O23 converts (review 45 R45-R1: UNSUPPORTED_EVENT before)', () => {
  // converted in each test, so that each fails on its own where OMI^O23 is refused
  let done: { bundle: Json; report: Json } | undefined;
  const converted = () => (done ??= convertHl7v2(omi()));

  it('every segment where the OMI_O23 grammar expects it; one ServiceRequest per ORC + OBR [IG ORC[ServiceRequest], OBR[ServiceRequest]; hig OMI_O23 grammar]', () => {
    expect(lines(converted().report).filter((l) => l.includes('is not where structure'))).toEqual([]);
    expect(lines(converted().report).filter((l) => l.includes('has no FHIR mapping'))).toEqual([]);
    expect(resources(converted().bundle, 'ServiceRequest')).toHaveLength(2);
  });

  it('each order from its own ORC, TQ1 and OBR [IG ORC[ServiceRequest] #2, #3, #5 (OrderStatus SC → active), #12; TQ1[ServiceRequest] #7; OBR[ServiceRequest] #4]', () => {
    const mri = requestOf(converted().bundle, 'PL23');
    expect(typed(mri, 'PLAC')).toEqual(['PL23']);
    expect(typed(mri, 'FILL')).toEqual(['ACC23']);
    expect(mri?.status).toBe('active');
    expect(mri?.code).toEqual({ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '73721', display: 'MRI knee w/o contrast' }] });
    // TQ1-7 203004021030, bare: in the sender's zone MSH-7 states (+0200)
    expect(mri?.occurrencePeriod).toEqual({ start: '2030-04-02T10:30:00+02:00' });
    expect(text(mri?.requester)).toContain('ANN SMITH');
    const ct = requestOf(converted().bundle, 'PL24');
    expect(typed(ct, 'FILL')).toEqual(['ACC24']);
    expect(ct?.occurrencePeriod).toEqual({ start: '2030-04-02T11:30:00+02:00' });
    expect(text(ct?.code)).toContain('"code":"71250"');
  });

  it('the OBR\'s NTE and DG1 are the order\'s note and reason [IG NTE[ServiceRequest] NTE-3 → note; ORM_O01 4.2.4 / OML_O21 6.4.6 DG1 → reasonReference]', () => {
    const mri = requestOf(converted().bundle, 'PL23');
    expect(mri?.note).toEqual([{ text: 'Patient is claustrophobic' }]);
    const condition = resources(converted().bundle, 'Condition')[0];
    expect(text(condition?.code)).toContain('"code":"M23.2"');
    expect((mri?.reasonReference as Json[] | undefined)?.length).toBe(1);
    expect(requestOf(converted().bundle, 'PL24')?.reasonReference).toBeUndefined();
  });

  it('[hig rule: IPC-1 → identifier type ACSN (v2-0203), no IG row] the accession once per order, though each scheduled step (IPC) repeats it', () => {
    expect(typed(requestOf(converted().bundle, 'PL23'), 'ACSN')).toEqual(['ACC23']);
    expect(typed(requestOf(converted().bundle, 'PL24'), 'ACSN')).toEqual(['ACC24']);
    const acsn = (requestOf(converted().bundle, 'PL23')?.identifier as Json[]).find((i) => text(i.type).includes('"code":"ACSN"'));
    expect(acsn).toEqual({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: 'ACC23', assigner: { display: 'RIS' } });
  });

  it('[hig rule: no IG IPC sheet] IPC-2/3/4/5/7/9 reported as valued but not mapped, IPC-1 not', () => {
    const ipc = lines(converted().report).filter((l) => l.startsWith('IPC-'));
    for (const n of [2, 3, 4, 5, 7, 9]) expect(ipc).toContain(`IPC-${n} (segment 9) is valued but not mapped`);
    expect(ipc.filter((l) => l.startsWith('IPC-1 '))).toEqual([]);
    expect(ipc).toContain('IPC-3 (segment 14) is valued but not mapped');
  });

  it('[hig rule, R45-R1] the RIS\'s NW does not place the order: a conditional create + patch by number + OBR-4, no PUT erasing what the placer\'s order said', () => {
    const es = entries(converted().bundle).filter((e) => e.request.url.startsWith('ServiceRequest'));
    expect(es.filter((e) => e.request.method === 'PUT')).toEqual([]);
    expect(es.filter((e) => e.request.method === 'POST')).toHaveLength(2);
    const patches = es.filter((e) => e.request.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[0]?.request.url).toContain('identifier=|PL23');
    expect(patches[0]?.request.url).toContain('code=http%3A%2F%2Fwww.ama-assn.org%2Fgo%2Fcpt|73721');
    // the filler number and the accession are two identifiers of one value: each deleted by its own type before its add
    const ops = text(patches[0]?.resource);
    expect(ops).toContain("and code = 'FILL').exists()");
    expect(ops).toContain("and code = 'ACSN').exists()");
  });
});

describe('OMI^O23 order events', () => {
  it('[IG ORC[ServiceRequest] #5 via OrderStatus] ORC-1 CA, ORC-5 CA → revoked', () => {
    const { bundle } = convertHl7v2(omi('CA', 'CA'));
    expect(requestOf(bundle, 'PL23')?.status).toBe('revoked');
  });
});
