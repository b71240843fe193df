/**
 * Code review 37 (docs/codereview37.md) CR37-5: CR36-4 (fix38b) moved the read of the record a merge retires
 * (destinations/retired-person.ts) to the last reads before the send, and held-elements.ts sends its PUT with the
 * version read as If-Match when it carries an identifier. When the held record has nothing the PUT lacks (the MRN
 * MRG-1 names, nothing else), held-elements carries nothing and the PUT goes without If-Match: the judgement
 * ("same person") and the identifiers are of a read the send is not bound to. A write of that record landing between
 * that read and the merge's transaction is overwritten: its passport erased, or another person's registration retired
 * into the survivor under her name. CR36-4's status names the window only for "nothing held".
 *
 * A real race at the in-repo FHIR server (test/support/fhir-server.ts), the install's linked-patient set in the real
 * Redis (test/support/held-links-fixture.ts): the merge's transaction POST is held at the server (a barrier, not the
 * clock) while another channel's A08 writes the merged record; then the merge goes on. Expected values from the
 * messages: [IG PID[Patient] #3] the A08's PID-3 repetitions are the record's identifiers; [R62-L2] a merge keeps the
 * identifiers MRG does not restate; [R67-W1] a record the server holds as another person is not retired. Synthetic.
 *
 *   npx vitest run test/codereview37/retired-send-race.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { linkTypes, useHeldLinks } from '../support/held-links-fixture.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

const fx = useHeldLinks('cr37-retired-send');

const MSH = (type: string, control: string) => `MSH|^~\\&|QMREG|QMH|HIG|QMH|20340214101500-0500||${type}|${control}|P|2.5.1`;
const PID = (pid3: string, name: string, birth: string, sex: string) => `PID|1||${pid3}||${name}^^^^^L||${birth}|${sex}`;
const HER = { name: 'TESTRACE^IMOGEN', birth: '19860722', sex: 'F' } as const;
const HIM = { name: 'OKONKWO^BELLAMY', birth: '19590103', sex: 'M' } as const;
type Who = { name: string; birth: string; sex: string };
const A40 = (survivor: string, merged: string, control: string) =>
  [MSH('ADT^A40^ADT_A39', control), 'EVN|A40|20340214101500-0500', PID(`${survivor}^^^QMH^MR`, HER.name, HER.birth, HER.sex), `MRG|${merged}^^^QMH^MR`].join('\r');
const ADT = (event: 'A04' | 'A08', pid3: string, who: Who, control: string) =>
  [MSH(`ADT^${event}^ADT_A01`, control), `EVN|${event}|20340214101400-0500`, PID(pid3, who.name, who.birth, who.sex), 'PV1|1|O|QMCLIN^^^QMH'].join('\r');

const send = (p: BundlePusher, message: string) => p.deliver(convertHl7v2(message).bundle, never);
const values = (p: Json | undefined): unknown[] => ((p?.identifier as Json[] | undefined) ?? []).map((i) => i.value);
const familyOf = (p: Json | undefined): unknown => (p?.name as Json[] | undefined)?.[0]?.family;

/** Both records registered as her; the merge of `merged` into `survivor` is held at its transaction POST while `racer` is stored. */
async function raced(survivor: string, merged: string, racer: string): Promise<unknown> {
  const adt = fx.channel();
  const other = fx.channel();
  await send(adt, ADT('A04', `${survivor}^^^QMH^MR`, HER, `${survivor}-1`));
  await send(adt, ADT('A04', `${merged}^^^QMH^MR`, HER, `${merged}-1`));
  let release = () => {};
  const until = new Promise<void>((resolve) => (release = resolve));
  let arrived = () => {};
  const atServer = new Promise<void>((resolve) => (arrived = resolve));
  await fx.server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
  const merge = send(adt, A40(survivor, merged, `${survivor}-2`)).then(
    () => undefined,
    (error: unknown) => error,
  );
  await atServer;
  await send(other, racer);
  release();
  return merge;
}

describe('CR37-5 [R67-W1 × R62-L2] the retired record\'s read and the merge\'s PUT', () => {
  it('control: the A08 stored before the merge: the retired record keeps its passport', async () => {
    const adt = fx.channel();
    await send(adt, ADT('A04', 'QM5101^^^QMH^MR', HER, 'QM5101-1'));
    await send(adt, ADT('A04', 'QM5117^^^QMH^MR', HER, 'QM5117-1'));
    await send(adt, ADT('A08', 'QM5117^^^QMH^MR~QP5520931^^^CAN^PPN', HER, 'QM5117-2'));
    await send(adt, A40('QM5101', 'QM5117', 'QM5101-2'));
    const retired = fx.holding('QM5117')[0];
    expect([values(retired), retired?.active, linkTypes(retired)]).toEqual([['QM5117', 'QP5520931'], false, ['replaced-by']]);
  });

  it('an A08 adding a passport stored after the merge read the record (nothing to carry: no If-Match) is erased', async () => {
    const error = await raced('QM5201', 'QM5217', ADT('A08', 'QM5217^^^QMH^MR~QP5520932^^^CAN^PPN', HER, 'QM5217-2'));
    // whether the merge was stored or refused with a 412 to retry, the passport the A08 wrote is held
    expect(values(fx.holding('QM5217')[0])).toContain('QP5520932');
    // after the fix (branch fix38g): the merge's PUT went with If-Match of the version it judged, the A08 moved the
    // record on, so the server refused it (412): transient, the delivery retried
    expect((error as Error | undefined)?.name).toBe('TransientError');
    // the retry reads the record again: retired with both identifiers [R62-L2], replaced-by the survivor
    await send(fx.channel(), A40('QM5201', 'QM5217', 'QM5201-2'));
    const retired = fx.holding('QM5217')[0];
    expect([values(retired), retired?.active, linkTypes(retired)]).toEqual([['QM5217', 'QP5520932'], false, ['replaced-by']]);
  });

  it('another person registered under the merged number after the read is retired into her, under her name', async () => {
    const error = await raced('QM5301', 'QM5317', ADT('A08', 'QM5317^^^QMH^MR', HIM, 'QM5317-2'));
    const record = fx.holding('QM5317')[0];
    expect([familyOf(record), record?.active !== false, linkTypes(record)]).toEqual(['OKONKWO', true, []]);
    // after the fix (branch fix38g): 412, transient; the retry judges the record the server now holds: another person,
    // refused for good [R67-W1], his record left as the A08 wrote it
    expect((error as Error | undefined)?.name).toBe('TransientError');
    const retried = await send(fx.channel(), A40('QM5301', 'QM5317', 'QM5301-2')).then(() => undefined, (e: unknown) => e as Error);
    expect([retried?.name, retried?.message.includes('which the server holds as another person')]).toEqual(['PermanentError', true]);
    const after = fx.holding('QM5317')[0];
    expect([familyOf(after), after?.active !== false, linkTypes(after)]).toEqual(['OKONKWO', true, []]);
  });
});
