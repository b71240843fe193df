/**
 * [hig patient-authority rule (transform/patient-authority.ts) beside the held links (destinations/held-links.ts);
 * review 68 R68-N1, review 33 R33-L1] A lab's Patient PUT of a record an A24 linked: the held-links step carries the
 * `seealso` link, the held-elements step the NHS number and the address the ADT stored, on the same PUT, from one read
 * of the Patient (the links' read is handed on), bound to its version. Delivered through the real FHIR destination to
 * the in-repo FHIR server with the linked-patient set in real Redis. Expected values from the messages, by hand.
 *
 *   npx vitest run test/destinations/patient-authority-links.redis.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useHeldLinks } from '../support/held-links-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const msh = (type: string, control: string, app = 'PAS') => `MSH|^~\\&|${app}|AGH|HIG|AGH|20330601080000+0100||${type}|${control}|P|2.5.1`;
/** A record of the ADT feed: its MR, the NHS number, a home address. */
const adtPid = (n: number, mr: string) => `PID|${n}||${mr}^^^AGH^MR~9434765919^^^NHS^NH||HARGREAVE^ELEANOR^^^^^L||19570214|F|||14 MARLOW CLOSE^^ASHFORD^^TN24 8AB^GBR^H`;
const A01 = (mr: string, control: string) => [msh('ADT^A01^ADT_A01', control), 'EVN|A01|20330601080000+0100', adtPid(1, mr), 'PV1|1|I|W2^04^A'].join('\r');
/** [v2.5.1 3.3.24] link patient information: two records of one person, each `seealso` the other. */
const A24 = (first: string, second: string, control: string) => [msh('ADT^A24^ADT_A24', control), 'EVN|A24|20330601090000+0100', adtPid(1, first), adtPid(2, second)].join('\r');
/** A lab result whose PID names the MR alone. */
const ORU = (mr: string, control: string) =>
  [
    msh('ORU^R01^ORU_R01', control, 'LIS'),
    `PID|1||${mr}^^^AGH^MR||HARGREAVE^ELEANOR^^^^^L||19570214|F`,
    `OBR|1|P${control}|F${control}|2345-7^Glucose^LN|||20330603090000+0100|||||||||||||||20330603100000+0100|||F`,
    'OBX|1|NM|2345-7^Glucose^LN||5.4|mmol/L|3.9-5.5|N|||F',
  ].join('\r');

const fx = useHeldLinks('patient-authority-links');

async function deliver(options: Options, ...messages: string[]): Promise<void> {
  const pusher = fx.channel({ mode: 'transaction' });
  for (const m of messages) await pusher.deliver(convertHl7v2(m, options).bundle, never);
}
const list = (v: unknown) => (v as Json[] | undefined) ?? [];
const patientReads = () => fx.server.requests.filter((r) => r.method === 'GET' && r.path.includes('/Patient?') && !r.path.includes('/Patient?link='));

describe('[hig patient-authority rule] with the held links on the same Patient PUT', () => {
  for (const [label, options] of [['PUT by id', {}], ['conditionalUpdate', { namespaceMap: { AGH: 'urn:oid:2.16.840.1.113883.3.4101' }, conditionalUpdate: true }]] as [string, Options][]) {
    it(`${label}: A01 × 2 → A24 → ORU naming the MR alone: the seealso link, the NHS number and the address kept, from one read of her`, async () => {
      await deliver(options, A01('AK4100301', 'L1'), A01('AK4100309', 'L2'), A24('AK4100301', 'AK4100309', 'L3'));
      const before = patientReads().length;
      await deliver(options, ORU('AK4100301', 'L4'));
      const [first] = fx.holding('AK4100301');
      const [second] = fx.holding('AK4100309');
      // [FHIR R4 Patient.link seealso] held-links.ts: by id, or on a conditionalUpdate channel by the other's MR (a
      // logical reference, as the A24 wrote it)
      const other = (l: Json) => ((l.other as Json).reference ?? ((l.other as Json).identifier as Json | undefined)?.value) as string;
      expect(list(first?.link).map((l) => [l.type, other(l)])).toEqual([['seealso', label === 'PUT by id' ? `Patient/${String(second?.id)}` : 'AK4100309']]);
      // [IG PID[Patient] #3, #11] held-elements.ts: the ORU's MR, then the NHS number; the address
      expect(list(first?.identifier).map((i) => i.value)).toEqual(['AK4100301', '9434765919']);
      expect(list(first?.address).map((a) => (a.line as string[])[0])).toEqual(['14 MARLOW CLOSE']);
      // one read of the linked Patient for the ORU: the links' read is the held elements' read
      expect(patientReads().length - before).toBe(1);
    });
  }
});
