/**
 * Code review 36 (docs/codereview36.md) CR36-4: the record a patient merge retires (destinations/retired-person.ts,
 * R67-W1) was read first thing in fhir-destination.ts prepared(), and that read was handed to held-elements.ts for
 * the record's identifiers (R62-L2) after every other step had made its requests: the links' reads among them
 * (held-links.ts). A registration of the merged record that landed in between was not seen: the PUT went as it was
 * (nothing held at the first read: no If-Match) and erased the identifiers the registration wrote, and whether the
 * record is another person's was judged on a read the server no longer answered.
 *
 * A real race at the in-repo FHIR server, with the install's linked-patient set in the real Redis on 127.0.0.1:6379
 * (test/support/held-links-fixture.ts): the survivor is linked by an earlier merge, so the second merge reads her
 * (`Patient?_id=<survivor>`); that read is held at the server (a barrier, not the clock) while another channel's A04
 * registers the duplicate record with a passport; then the merge goes on. Expected values written from the messages:
 * [IG PID[Patient] #3] the A04's PID-3 repetitions are the record's identifiers (the MRN, the passport `QP4470218`);
 * [hig merge rule; FHIR R4 Patient.link replaced-by] the merge retires it (`active: false`, `replaced-by`), [R62-L2]
 * keeping the identifiers MRG does not restate; [R67-W1] a record the server holds as another person is not retired.
 * Synthetic data.
 *
 *   npx vitest run test/codereview36/retired-read-race.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import type { RecordedRequest } from '../support/fhir-server.js';
import { linkTypes, useHeldLinks } from '../support/held-links-fixture.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

const fx = useHeldLinks('cr36-retired-race');

const MSH = (type: string, control: string) => `MSH|^~\\&|QMREG|QMH|HIG|QMH|20340214101500-0500||${type}|${control}|P|2.5.1`;
const PID = (pid3: string, name: string, birth: string, sex: string) => `PID|1||${pid3}||${name}^^^^L||${birth}|${sex}`;
/** The patient: the survivor's MRN, and her name as every message of her states it. */
const HER = { name: 'TESTRACE^IMOGEN', birth: '19860722', sex: 'F' } as const;
const A40 = (survivor: string, merged: string, control: string) =>
  [MSH('ADT^A40^ADT_A39', control), 'EVN|A40|20340214101500-0500', PID(`${survivor}^^^QMH^MR`, HER.name, HER.birth, HER.sex), `MRG|${merged}^^^QMH^MR`].join('\r');
type Who = { name: string; birth: string; sex: string };
/** A registration (A04) or an update of patient information (A08) of one record. */
const ADT = (event: 'A04' | 'A08', pid3: string, who: Who, control: string) =>
  [MSH(`ADT^${event}^ADT_A01`, control), `EVN|${event}|20340214101400-0500`, PID(pid3, who.name, who.birth, who.sex), 'PV1|1|O|QMCLIN^^^QMH'].join('\r');
const A04 = (pid3: string, who: Who, control: string) => ADT('A04', pid3, who, control);
/** The EMPI links two records of her (seealso, v2.5.1 3.3.24). */
const A24 = (first: string, second: string, control: string) =>
  [MSH('ADT^A24^ADT_A24', control), 'EVN|A24|20340214100000-0500', PID(`${first}^^^QMH^MR`, HER.name, HER.birth, HER.sex), `PID|2||${second}^^^QMH^MR||${HER.name}^^^^L||${HER.birth}|${HER.sex}`].join('\r');

const send = (p: BundlePusher, message: string) => p.deliver(convertHl7v2(message).bundle, never);
const values = (p: Json | undefined): unknown[] => ((p?.identifier as Json[] | undefined) ?? []).map((i) => i.value);
const familyOf = (p: Json | undefined): unknown => (p?.name as Json[] | undefined)?.[0]?.family;

/**
 * After `before` (which links the survivor), a merge of `merged` into `survivor` runs while `racer` writes `merged`:
 * the merge's read of the survivor's links is held at the server until the racer is stored.
 * Returns how the merge ended (undefined: stored) and the request held (the survivor's read, not another).
 */
async function raced(survivor: string, before: readonly string[], merged: string, racer: string): Promise<{ error: unknown; held: RecordedRequest }> {
  const adt = fx.channel();
  const registration = fx.channel();
  for (const message of before) await send(adt, message);
  const survivorId = String(fx.holding(survivor)[0]?.id);
  let release = () => {};
  const until = new Promise<void>((resolve) => (release = resolve));
  let arrived = (_: RecordedRequest) => {};
  const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
  await fx.server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'GET', path: `Patient?_id=${survivorId}` });
  const merge = send(adt, A40(survivor, merged, `${survivor}-3`)).then(
    () => undefined,
    (error: unknown) => error,
  );
  const held = await atServer;
  await send(registration, racer);
  release();
  return { error: await merge, held };
}

describe('CR36-4 [R67-W1 × R62-L2; hig merge rule] the retired record is read once more after the steps before the send', () => {
  it('control: the registration stored before the merge: the retired record keeps the passport, inactive, replaced-by the survivor', async () => {
    const adt = fx.channel();
    await send(adt, A04('QM6001^^^QMH^MR', HER, 'QM6001-1'));
    await send(adt, A04('QM6017^^^QMH^MR~QP4470218^^^CAN^PPN', HER, 'QM6017-1'));
    await send(adt, A40('QM6001', 'QM6017', 'QM6001-3'));
    const retired = fx.holding('QM6017')[0];
    expect(values(retired)).toEqual(['QM6017', 'QP4470218']);
    expect(retired?.active).toBe(false);
    expect(linkTypes(retired)).toEqual(['replaced-by']);
  });

  it('a registration stored while the merge read the survivor\'s links: the retired record keeps its passport', async () => {
    const { error, held } = await raced('QM7001', [A04('QM7001^^^QMH^MR', HER, 'QM7001-1'), A40('QM7001', 'QM7009', 'QM7001-2')], 'QM7017', A04('QM7017^^^QMH^MR~QP4470218^^^CAN^PPN', HER, 'QM7017-1'));
    expect(error).toBeUndefined();
    expect(held.path).toContain('Patient?_id=');
    const retired = fx.holding('QM7017')[0];
    expect(values(retired)).toEqual(['QM7017', 'QP4470218']);
    expect(retired?.active).toBe(false);
    expect(linkTypes(retired)).toEqual(['replaced-by']);
  });

  it('both records linked (A24), the merged one updated with a passport while the merge read the survivor\'s links: the retired record keeps it', async () => {
    const before = [A04('QM9001^^^QMH^MR', HER, 'QM9001-1'), A04('QM9017^^^QMH^MR', HER, 'QM9017-1'), A24('QM9001', 'QM9017', 'QM9001-2')];
    const { error } = await raced('QM9001', before, 'QM9017', ADT('A08', 'QM9017^^^QMH^MR~QP4470218^^^CAN^PPN', HER, 'QM9017-2'));
    expect(error).toBeUndefined();
    const retired = fx.holding('QM9017')[0];
    expect(values(retired)).toEqual(['QM9017', 'QP4470218']);
    expect(retired?.active).toBe(false);
    expect(linkTypes(retired)).toEqual(['replaced-by']);
  });

  it('a registration of another person under the merged number stored meanwhile: the merge is refused, his record left as registered', async () => {
    const him = { name: 'OKONKWO^BELLAMY', birth: '19590103', sex: 'M' };
    const { error } = await raced('QM8001', [A04('QM8001^^^QMH^MR', HER, 'QM8001-1'), A40('QM8001', 'QM8009', 'QM8001-2')], 'QM8017', A04('QM8017^^^QMH^MR', him, 'QM8017-1'));
    expect((error as Error | undefined)?.name).toBe('PermanentError');
    const record = fx.holding('QM8017')[0];
    expect(familyOf(record)).toBe('OKONKWO');
    expect(record?.active).not.toBe(false);
    expect(linkTypes(record)).toEqual([]);
  });
});
