/**
 * Review 17 class R17-I1 (issue 14 defect 3, docs/mapping-review-17.md): one order, one ServiceRequest
 * URL, whatever else the message carries. [IG ORU_R01 4.2.2, OML_O21 6.4.1, ORM_O01 (read as
 * OML_O21): one ServiceRequest per OBR] + [hig identity, DESIGN invariant 8: a resend or correction
 * PUTs to the same URL]. Every OBR's ServiceRequest is its order number + OBR-4; an ORC-only order
 * event (a cancel without its OBR) reaches the order by a search of its number, never by an id of
 * its own (docs/mapping.md "Resource identity", ServiceRequest row, and "Known gaps").
 *
 *   npx vitest run test/transform/order-identity-subset.test.ts
 */
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2, validateBundle } from '../../src/transform/index.js';

/** [hig identity, review 36 R36-W2] every order search leaves out the scheduler's request of a booking (docs/mapping.md "Resource identity"). */
const ORDERS_ONLY = '&_tag:not=https%3A%2F%2Fhig.example%2Ffhir%2FCodeSystem%2Frequest-origin|scheduler-booking';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string; ifNoneExist?: string } };

function convert(segments: string[], options: ConvertOptions = {}): { entries: Entry[]; lines: string[]; bundle: Json } {
  const { bundle, report } = convertHl7v2(segments.join('\r'), options);
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { entries: bundle.entry as Entry[], lines, bundle };
}

const of = (entries: Entry[], type: string) => entries.filter((e) => e.resource?.resourceType === type);
/**
 * The URL an entry's identity gives: its PUT's; for a conditional create (an order named by a result,
 * which does not place it: R23-D1) the `Type/id` of its fullUrl, where the placing NW PUT.
 */
const identityUrl = (e: Entry) => (e.request?.method === 'POST' && e.fullUrl?.startsWith('urn:uuid:') === true ? `${String(e.request.url)}/${e.fullUrl.slice('urn:uuid:'.length)}` : e.request?.url);
const urls = (entries: Entry[], type: string) => of(entries, type).map(identityUrl);
const withCode = (entries: Entry[], type: string, code: string) => {
  const entry = of(entries, type).find((e) => JSON.stringify(e.resource?.code).includes(`"code":"${code}"`));
  return entry === undefined ? undefined : identityUrl(entry);
};

// review 17's #11 (Sunquest ORU^R01 2.4): one requisition CP7712, one accession S26-33120, two panels
const ORU_HEAD = ['MSH|^~\\&|SQLAB|BSW|HIG|NTXHIE|20261205113020-0600||ORU^R01|SQ0000977|P|2.4', 'PID|1||2288441^^^BSW^MRN||LEE^DANIEL^JUNHO^^^^L||19820509|M', 'ORC|RE|CP7712^CERNER|S26-33120^SQ||CM'];
const BMP = ['OBR|1|CP7712^CERNER|S26-33120^SQ|80048^Basic metabolic panel^CPT4|||20261205073000|||||||||||||||20261205113000|||C', 'OBX|1|NM|2823-3^Potassium^LN||4.4|mmol/L^^UCUM|3.5-5.1|N|||C'];
const CBC = ['OBR|2|CP7712^CERNER|S26-33120^SQ|85025^CBC with differential^CPT4|||20261205073000|||||||||||||||20261205113000|||F', 'OBX|1|NM|718-7^Hemoglobin^LN||13.9|g/dL^^UCUM|13.0-17.0|N|||F'];

// an order message: two tests under one placer number, each with an ask-at-order-entry OBX and a specimen source (OBR-15)
const ORM_HEAD = ['MSH|^~\\&|CPOE|BSW|LIS|BSW|20261205070000-0600||ORM^O01|CP0001|P|2.4', 'PID|1||2288441^^^BSW^MRN||LEE^DANIEL^JUNHO^^^^L||19820509|M', 'ORC|NW|CP7712^CERNER'];
const ORM_BMP = ['OBR|1|CP7712^CERNER||80048^Basic metabolic panel^CPT4|||||||||||BLD^Blood^HL70070', 'OBX|1|ST|FAST^Fasting^L||Y'];
const ORM_CBC = ['OBR|2|CP7712^CERNER||85025^CBC with differential^CPT4|||||||||||BLD^Blood^HL70070', 'OBX|1|ST|FAST^Fasting^L||N'];

describe('R17-I1 an OBR keeps its ServiceRequest URL whether or not other OBRs of its number are in the message', () => {
  // [IG ORU_R01 4.2.2 OBR → ServiceRequest[1], DiagnosticReport[1]; OBX[Observation] by its report] the
  // BMP re-sent alone (a correction of one panel) PUTs where the BMP beside the CBC did
  it('[IG ORU_R01 4.2.2] the BMP alone and beside the CBC of its accession: same ServiceRequest, DiagnosticReport and Observation URLs', () => {
    const both = convert([...ORU_HEAD, ...BMP, ...CBC]).entries;
    const alone = convert([...ORU_HEAD, ...BMP]).entries;
    expect(withCode(alone, 'ServiceRequest', '80048')).toBeDefined();
    expect(withCode(alone, 'ServiceRequest', '80048')).toBe(withCode(both, 'ServiceRequest', '80048'));
    expect(withCode(alone, 'DiagnosticReport', '80048')).toBe(withCode(both, 'DiagnosticReport', '80048'));
    expect(withCode(alone, 'Observation', '2823-3')).toBe(withCode(both, 'Observation', '2823-3'));
    // the report's basedOn is the one ServiceRequest either way
    const basedOn = (entries: Entry[]) => (of(entries, 'DiagnosticReport')[0]?.resource?.basedOn as { reference: string }[])[0]?.reference;
    expect(basedOn(alone)).toBe(of(alone, 'ServiceRequest')[0]?.fullUrl);
  });

  // [IG OML_O21 6.4.1 OBR → ServiceRequest[1], OBR[Specimen]; ORM_O01 read as OML_O21] in an order
  // message the order's Observations (ask at order entry) and the OBR's Specimen are keyed by the request
  it('[IG OML_O21 6.4.1, OBR[Specimen] #15] one test ordered alone and beside another test of its placer number: same ServiceRequest, Observation and Specimen URLs', () => {
    const both = convert([...ORM_HEAD, ...ORM_BMP, ...ORM_CBC]).entries;
    const alone = convert([...ORM_HEAD, ...ORM_BMP]).entries;
    expect(urls(alone, 'ServiceRequest')).toHaveLength(1);
    expect(urls(alone, 'ServiceRequest')[0]).toBe(withCode(both, 'ServiceRequest', '80048'));
    expect(urls(alone, 'Observation')[0]).toBe(urls(both, 'Observation')[0]);
    expect(urls(alone, 'Specimen')).toHaveLength(1);
    expect(urls(alone, 'Specimen')[0]).toBe(urls(both, 'Specimen')[0]);
  });

  // [IG ORU_R01 4.2.2] the ORM that placed the one test and the ORU that resulted it: one ServiceRequest
  it('[IG ORU_R01 4.2.2, OML_O21 6.4.1] the test placed alone (ORM) and resulted beside a sibling panel (ORU) is one ServiceRequest', () => {
    const placed = convert([...ORM_HEAD, ORM_BMP[0] as string]).entries;
    const resulted = convert([...ORU_HEAD, ...BMP, ...CBC]).entries;
    expect(urls(placed, 'ServiceRequest')[0]).toBe(withCode(resulted, 'ServiceRequest', '80048'));
  });

  it('control [IG ORU_R01 4.2.2] two OBRs sharing placer and filler numbers stay two ServiceRequests and two reports', () => {
    const both = convert([...ORU_HEAD, ...BMP, ...CBC]).entries;
    expect(new Set(urls(both, 'ServiceRequest')).size).toBe(2);
    expect(new Set(urls(both, 'DiagnosticReport')).size).toBe(2);
  });
});

describe('R17-I1 an ORC-only order event reaches the order by its number, never at a URL of its own', () => {
  const PLACER = 'PLC200^CPOE^1.2.840.114350.1.13.99^ISO';
  const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261205080000-0600||ORM^O01|${id}|P|2.5.1`, 'PID|1||MRN1^^^GH^MR||DOE^JANE||19800215|F'];
  const decode = (e: Entry | undefined) => JSON.parse(Buffer.from(String(e?.resource?.data), 'base64').toString('utf8')) as unknown;

  // [IG ORC[ServiceRequest] #1 IF ORC-5 NOT VALUED → status via OrderControlCode (CA: hig deviation
  // revoked, docs/mapping.md); #2 → identifier PLAC] the cancel names the order by ORC-2 alone: the
  // request the placer number finds is patched to revoked, its code and the rest kept
  it.each(['CA', 'OC', 'DC'])('[IG ORC[ServiceRequest] #1, #2] an ORC-only %s is a conditional create + patch of status by the placer number', (control) => {
    const placed = convert([...head('O1'), `ORC|NW|${PLACER}`, `OBR|1|${PLACER}||24331-1^Lipid panel^LN`]).entries;
    const { entries, bundle } = convert([...head('O2'), `ORC|${control}|${PLACER}`]);
    const search = `identifier=urn%3Aoid%3A1.2.840.114350.1.13.99|PLC200${ORDERS_ONLY}`;
    // the order the ORM placed carries the identifier the search names
    expect(of(placed, 'ServiceRequest')[0]?.resource?.identifier).toContainEqual(expect.objectContaining({ system: 'urn:oid:1.2.840.114350.1.13.99', value: 'PLC200' }));
    const requests = of(entries, 'ServiceRequest');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.request).toEqual({ method: 'POST', url: 'ServiceRequest', ifNoneExist: search });
    const patch = entries.find((e) => e.request?.method === 'PATCH');
    expect(patch?.request?.url).toBe(`ServiceRequest?${search}`);
    expect(decode(patch)).toEqual([{ op: 'add', path: '/status', value: 'revoked' }]);
    // no PUT of a ServiceRequest at all: no URL the order does not have
    expect(entries.filter((e) => e.request?.method === 'PUT' && e.request.url?.startsWith('ServiceRequest'))).toEqual([]);
    expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('[IG ORC[ServiceRequest] #1, #2] with conditionalUpdate the ORC-only cancel is still a patch, not a PUT that would replace the order', () => {
    const { entries } = convert([...head('O3'), `ORC|CA|${PLACER}`], { conditionalUpdate: true });
    expect(entries.filter((e) => e.request?.url?.startsWith('ServiceRequest')).map((e) => e.request?.method)).toEqual(['POST', 'PATCH']);
  });

  // [hig identity] a number without a system could be another sender's PLC201: it is searched among
  // the orders of the event's patient only, whom the PID identifies (Patient/<id> is the id every
  // message of that patient PUTs); the order the ORM placed has that identifier value and subject
  it('[hig identity; IG ORC[ServiceRequest] #2] an ORC-only cancel whose number has no system: searched among its patient\'s orders', () => {
    const placed = convert([...head('O4a'), 'ORC|NW|PLC201^CPOE', 'OBR|1|PLC201^CPOE||24331-1^Lipid panel^LN']).entries;
    const { entries, lines } = convert([...head('O4'), 'ORC|CA|PLC201^CPOE']);
    const patient = of(entries, 'Patient')[0]?.request?.url;
    expect(patient).toBe(of(placed, 'Patient')[0]?.request?.url);
    const order = of(placed, 'ServiceRequest')[0]?.resource;
    expect(order?.identifier).toContainEqual(expect.objectContaining({ value: 'PLC201' }));
    expect((order?.subject as Json).reference).toBe(of(placed, 'Patient')[0]?.fullUrl);
    const search = `identifier=|PLC201&subject=${String(patient)}${ORDERS_ONLY}`;
    expect(of(entries, 'ServiceRequest')[0]?.request).toEqual({ method: 'POST', url: 'ServiceRequest', ifNoneExist: search });
    const patch = entries.find((e) => e.request?.method === 'PATCH');
    expect(patch?.request?.url).toBe(`ServiceRequest?${search}`);
    expect(decode(patch)).toEqual([{ op: 'add', path: '/status', value: 'revoked' }]);
    expect(lines.some((l) => l.startsWith('ORC-1 (segment 3)'))).toBe(false);
  });

  // [hig identity; FHIR R4 search.html#chaining] under conditionalUpdate the server gives the Patient its
  // own id, so the literal Patient/<hig id> would find nothing: the search chains through its identifier
  it('[hig identity] with conditionalUpdate the patient-scoped search chains through the patient\'s identifier', () => {
    const options: ConvertOptions = { conditionalUpdate: true, namespaceMap: { GH: 'urn:oid:2.16.840.1.113883.3.999' } };
    const { entries } = convert([...head('O4c'), 'ORC|CA|PLC201^CPOE'], options);
    const patch = entries.find((e) => e.request?.method === 'PATCH');
    expect(patch?.request?.url).toBe(`ServiceRequest?identifier=|PLC201&subject:Patient.identifier=urn%3Aoid%3A2.16.840.1.113883.3.999|MRN1${ORDERS_ONLY}`);
  });

  // without a patient whom the message identifies, a number without a system is not searched at all:
  // no request is made up, and the report names the event's location, not its values
  it('[hig identity; IG ORC[ServiceRequest] #2] an ORC-only cancel with neither a number system nor an identified patient: no ServiceRequest, a report line at ORC-1', () => {
    const { entries, lines } = convert([...head('O4b').slice(0, 1), 'PID|1||||DOE^JANE||19800215|F', 'ORC|CA|PLC201^CPOE']);
    expect(of(entries, 'ServiceRequest')).toEqual([]);
    expect(entries.filter((e) => e.request?.method === 'PATCH')).toEqual([]);
    expect(lines.some((l) => l.startsWith('ORC-1 (segment 3): an order event without its OBR'))).toBe(true);
    expect(lines.join('\n')).not.toContain('PLC201');
  });

  it.each(['NW', 'RE'])('control [IG ORM_O01 4.1: each ORC → a ServiceRequest] an ORC-only %s is an order of its own, PUT by its number', (control) => {
    const { entries } = convert([...head('O5'), `ORC|${control}|${PLACER}`]);
    expect(urls(entries, 'ServiceRequest')).toHaveLength(1);
    expect(urls(entries, 'ServiceRequest')[0]).toMatch(/^ServiceRequest\/[0-9a-f-]{36}$/);
    // a lone ORC NW or RE places the order: written whole (R23-D1), not a create + patch
    expect(of(entries, 'ServiceRequest')[0]?.request?.method).toBe('PUT');
  });

  // [IG ORC[ServiceRequest] #1 → status via OrderControlCode, #5 via OrderStatus] SC with no ORC-5 says
  // no status: nothing to patch; the order is only created when the server has none of that number
  it('[IG ORC[ServiceRequest] #1, #5] an ORC-only SC without ORC-5 patches nothing; with ORC-5 CM it patches status completed', () => {
    const none = convert([...head('O6'), `ORC|SC|${PLACER}`]).entries;
    expect(none.filter((e) => e.request?.url?.startsWith('ServiceRequest')).map((e) => e.request?.method)).toEqual(['POST']);
    const done = convert([...head('O7'), `ORC|SC|${PLACER}|||CM`]).entries;
    expect(decode(done.find((e) => e.request?.method === 'PATCH'))).toEqual([{ op: 'add', path: '/status', value: 'completed' }]);
  });
});

describe('R17-I1 pharmacy orders have no "alone vs shared" rule', () => {
  // [IG RXO[MedicationRequest], ORC[MedicationRequest] #2] a MedicationRequest is its order number,
  // whatever other orders the message carries (pharmacy.ts medicationRequest)
  it('control [IG ORM_O01 4.2.1.7 RXO → MedicationRequest] an RXO order alone and beside another order: same MedicationRequest URL', () => {
    const h = ['MSH|^~\\&|CPOE|GH|PHARM|GH|20261205080000-0600||ORM^O01|RX1|P|2.4', 'PID|1||MRN1^^^GH^MR||DOE^JANE||19800215|F'];
    const first = ['ORC|NW|RX5001^CPOE', 'RXO|00904629161^Acetaminophen 500 mg tab^NDC|500||mg^milligram^UCUM'];
    const second = ['ORC|NW|RX5002^CPOE', 'RXO|00071015523^Lisinopril^NDC|10||mg^milligram^UCUM'];
    const alone = urls(convert([...h, ...first]).entries, 'MedicationRequest');
    const both = urls(convert([...h, ...first, ...second]).entries, 'MedicationRequest');
    expect(alone).toHaveLength(1);
    expect(both[0]).toBe(alone[0]);
  });
});
