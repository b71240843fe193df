/**
 * Review 45 (issue 14, branch review45 on main 9dd2205): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a Dutch general hospital's radiology department and admissions office on a Europe/Amsterdam channel
 * around the spring change of 31 March 2030 (docs/review45/messages/, docs/mapping-review-45.md). Each defect is
 * `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected
 * values come from the message and the IG rows named, not from hig's output. test/review45/destination.test.ts
 * delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review45/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review45/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir));
const entries = (n: string) => convertHl7v2(sample(n), { timezone: 'Europe/Amsterdam' }).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
/** The order requests of a Bundle (not the SIU scheduler's booking request, hig's `request-origin` tag). */
const orders = (es: Entry[], placer: string) => es.filter((e) => e.resource?.resourceType === 'ServiceRequest'
  && text(e.resource.identifier).includes(`"value":"${placer}"`) && !text(e.resource.meta).includes('scheduler-booking'));

describe('review 45: the RIS\'s OMI^O23 (IHE RAD-4 procedure scheduled, with IPC) was refused (R45-R1, fixed in fix31c)', () => {
  // #03 (ZLHRISMWL OMI^O23 2.5.1): ORC-1 NW, ORC-2 the HIS's placer number HIX45-0101, ORC-3 the RIS's filler number
  // RAD45-0101, ORC-5 SC; TQ1-7 the scheduled start 2 April 10:30; OBR-4 the MRI knee; IPC-1 the accession, IPC-3 the
  // Study Instance UID, IPC-5 modality MR, IPC-9 the station. #07 the same for the CT thorax (HIX45-0501 / RAD45-0501,
  // CT, ZLHCT1). The corpus has no OMI_O23 message map and no IPC sheet, but its ORC/OBR/TQ1 fields have their rows:
  // ORC[ServiceRequest] #3 → identifier (FILL), #5 → status (SC → active), TQ1 → occurrence. hig refuses the message
  // (UNSUPPORTED_EVENT): the MRI order learns the RIS's accession only from the placer's XO five days later (#23).
  it('R45-R1 [IG ORC[ServiceRequest] #3 → identifier FILL] #03 converts and gives the MRI order HIX45-0101 its filler number RAD45-0101', () => {
    const es = entries('03');
    expect(orders(es, 'HIX45-0101')).not.toHaveLength(0);
    expect(text(orders(es, 'HIX45-0101').map((e) => e.resource?.identifier))).toContain('"value":"RAD45-0101"');
  });
  it('R45-R1 [same rows; IPC: no IG sheet] #07 converts (the CT thorax worklist entry RAD45-0501)', () => {
    expect(text(orders(entries('07'), 'HIX45-0501').map((e) => e.resource?.identifier))).toContain('"value":"RAD45-0501"');
  });
  it('R45-R1 control: the RIS\'s ORM^O01 SC (#06) gives the CT order its filler number; the placer\'s XO (#23) carries the MRI\'s', () => {
    expect(text(orders(entries('06'), 'HIX45-0501').map((e) => e.resource?.identifier))).toContain('"value":"RAD45-0501"');
    expect(text(orders(entries('23'), 'HIX45-0101').map((e) => e.resource?.identifier))).toContain('"value":"RAD45-0101"');
  });
});
