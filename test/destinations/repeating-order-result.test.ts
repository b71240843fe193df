/**
 * Review 42 R42-W2's class: a result's `completed` (OBR-25 F/C with no ORC-5 and an ORC-1 stating no status, the
 * OBR-25 fallback of docs/mapping.md) does not complete an order that repeats. FHIR R4 request-status `completed` is
 * "the activity described by the request has been fully performed"; one result of a standing order performs one
 * occurrence. The IG is silent (OrderControlCode RE has no status target). Known from the result message's own timing
 * (TQ1 in the ORU's TIMING_QTY group: the converter), else from the order held at the FHIR destination
 * (occurrenceTiming.repeat: destinations/order-events.ts heldOpenPatch). ORC-5 CM still completes it, a final result
 * of a one-time order too. Delivered to the in-repo FHIR server (real Redis, real sockets). Synthetic data.
 *
 *   npx vitest run test/destinations/repeating-order-result.test.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { deliverSample } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const MSH = (sender: string, type: string, id: string) => `MSH|^~\\&|${sender}|FAC|HIG|FAC|20300105100000-0700||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||RPT0001^^^FAC^MR||QUELLBRIDGE^TAMSIN||19700101|F';
const STANDING_TQ1 = 'TQ1|1||Q1L&Every month&HL70335||||20300106063000-0700|20300706||||||6';
// [IG ORC[ServiceRequest] #1 NW, #2; TQ1[ServiceRequest] #3, #7, #8, #14] a standing monthly order, 6 occurrences
const order = (number: string, tq1: string | undefined) => [
  MSH('ORDERS', 'OML^O21^OML_O21', `NW${number}`), PID,
  `ORC|NW|${number}^ORDERS|||SC||||20300105095800-0700`,
  ...(tq1 === undefined ? [] : [tq1]),
  `OBR|1|${number}^ORDERS||3094-0^Urea nitrogen^LN`,
].join('\r');
const result = (number: string, orc5 = '', tq1?: string) => [
  MSH('LAB', 'ORU^R01^ORU_R01', `RE${number}${orc5}`), PID,
  `ORC|RE|${number}^ORDERS|F${number}^LAB||${orc5}`,
  `OBR|1|${number}^ORDERS|F${number}^LAB|3094-0^Urea nitrogen^LN|||20300106073500|||||||||||||||20300106131000||CH|F`,
  ...(tq1 === undefined ? [] : [tq1]),
  'OBX|1|NM|3094-0^Urea nitrogen^LN||18|mg/dL^mg/dL^UCUM|7-20|N|||F|||20300106073500',
].join('\r');

const entries = (message: string) => (convertHl7v2(message, { timezone: 'America/Phoenix' }).bundle.entry as Json[]);

describe('a result of an order that repeats (R42-W2 class)', () => {
  it('[hig; FHIR request-status] an ORU whose own TQ1 repeats (Q1L × 6) states the order active, not completed, in its create and its patch', () => {
    const created = entries(result('RP-1', '', STANDING_TQ1)).find((e) => (e.resource as Json | undefined)?.resourceType === 'ServiceRequest');
    expect((created?.resource as Json).status).toBe('active');
    const patch = entries(result('RP-1', '', STANDING_TQ1)).find((e) => (e.resource as Json | undefined)?.resourceType === 'Parameters');
    expect(JSON.stringify(patch?.resource)).toContain('"valueCode":"active"');
    expect(JSON.stringify(patch?.resource)).not.toContain('"valueCode":"completed"');
  });

  it('control: an ORU whose own TQ1 says once (TQ1-14 = 1) completes the order; ORC-5 CM completes a repeating one', () => {
    const once = entries(result('RP-2', '', 'TQ1|1||||||20300106063000-0700|||||||1')).find((e) => (e.resource as Json | undefined)?.resourceType === 'ServiceRequest');
    expect((once?.resource as Json).status).toBe('completed');
    const cm = entries(result('RP-3', 'CM', STANDING_TQ1)).find((e) => (e.resource as Json | undefined)?.resourceType === 'ServiceRequest');
    expect((cm?.resource as Json).status).toBe('completed');
  });

  it('[hig; FHIR request-status] at the FHIR server: a result naming no timing leaves a held standing order active (its number added); a one-time order completes; ORC-5 CM completes a standing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'repeating-order-'));
    try {
      const files: [string, string][] = [
        ['01.hl7', order('RP-10', STANDING_TQ1)], ['02.hl7', result('RP-10')],
        ['03.hl7', order('RP-11', undefined)], ['04.hl7', result('RP-11')],
        ['05.hl7', order('RP-12', STANDING_TQ1)], ['06.hl7', result('RP-12', 'CM')],
      ];
      for (const [f, m] of files) writeFileSync(join(dir, f), m);
      const sample = await deliverSample(pathToFileURL(`${dir}/`), undefined, { convert: { timezone: 'America/Phoenix' } });
      try {
        expect(sample.failures).toEqual([]);
        const held = (n: string) => sample.byIdentifier('ServiceRequest', n);
        expect(held('RP-10')).toHaveLength(1);
        expect(held('RP-10')[0]?.status).toBe('active');
        expect(JSON.stringify(held('RP-10')[0]?.identifier)).toContain('"value":"FRP-10"');
        expect(JSON.stringify(held('RP-10')[0]?.occurrenceTiming)).toContain('"count":6');
        expect(held('RP-11')[0]?.status).toBe('completed');
        expect(held('RP-12')[0]?.status).toBe('completed');
      } finally {
        await sample.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
