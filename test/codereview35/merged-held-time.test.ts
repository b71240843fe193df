/**
 * Code review 35 (docs/codereview35.md) CR35-3: CR34-1 found that the destination steps reading what a PUT writes ran
 * before merged-numbers.ts moved the PUT to the resource held under the merged record, and named held-times.ts (R41-N1)
 * beside held-elements.ts. 5fc4566b moved held-elements after merged-numbers; held-times still reads first
 * (fhir-destination.ts prepared(): carryHeldTimes before followMergedNumbers). So R41-N1's late edit, sent after an A40
 * under the surviving chart, reads the survivor-keyed id (nothing held, the guessed-time marker dropped), then goes
 * whole to the original document: the date its T02 placed (01:35 EST, MSH-7's pass) is replaced by the rule's default
 * (01:35 EDT), an hour earlier. The same holds for any number keyed within the patient (OBX-21, TXA-12, a dose's ORC-3)
 * whose time falls in a repeated hour. Delivered through the real FHIR destination (transaction mode, the install's
 * linked-patient set in the real Redis on 127.0.0.1:6379) to the in-repo FHIR server, as code review 34's CR34-1.
 * Expected values from the messages (the T02's MSH-7 offset) and the zone's rules [hig time-zone rule; IG
 * TXA[DocumentReference] #6 → date]. Synthetic data.
 *
 *   npx vitest run test/codereview35/merged-held-time.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useHeldLinks } from '../support/held-links-fixture.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;

const fx = useHeldLinks('cr35-merged-held-time');
const ZONE = 'America/New_York';
/** The duplicate chart and the chart it is merged into (invented). */
const PID_DUP = 'PID|1||HR3500999^^^HRMC^MR||TESTNOTE^ELLEN||19610412|F';
const PID_SURV = 'PID|1||HR3500111^^^HRMC^MR||TESTNOTE^ELLEN||19610412|F';

/** The operative note DX35-OP0011 (TXA-12), TXA-6 01:35 bare (the hour America/New_York repeats on 7 November 2027). */
function note(id: string, event: 'T02' | 'T08', sent: string, pid: string, text: string): string {
  return [
    `MSH|^~\\&|DICTA|HRMC|HIG|HRMC|${sent}||MDM^${event}^MDM_T02|${id}|P|2.6`,
    `EVN|${event}|${sent}`,
    pid,
    'PV1|1|I|5S^512^1^HRMC||||||||||||||||HRV3500111^^^HRMC^VN',
    'TXA|1|28583-3^Surgical operation note^LN|TX|20271107013500||20271107013500|20271107030500|||||DX35-OP0011^DICTA|||||AU||AV',
    `OBX|1|TX|28583-3^Surgical operation note^LN||${text}||||||F`,
  ].join('\r');
}
/** The T02 the same night: MSH-7 03:12 EST places 01:35 in the pass after the change (-05:00). */
const T02 = (pid: string) => note('DX1', 'T02', '20271107031200-0500', pid, 'EBL 50 mL.');
const A40 = ['MSH|^~\\&|PAS|HRMC|HIG|HRMC|20271107090000-0500||ADT^A40^ADT_A39|MG1|P|2.5.1', 'EVN|A40|20271107090000-0500', PID_SURV, 'MRG|HR3500999^^^HRMC^MR'].join('\r');
/** The T08 33 hours later under the surviving chart: nothing in it places the pass of 01:35. */
const T08 = note('DX2', 'T08', '20271108101500-0500', PID_SURV, 'EBL 25 mL (corrected).');

const documents = (): Json[] => [...fx.server.resources.values()].filter((r) => r.resourceType === 'DocumentReference');

async function deliver(...messages: string[]): Promise<void> {
  const dest = fx.channel();
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: ZONE }).bundle, never);
}

describe('CR35-3 [hig time-zone rule, R41-N1 × R52-W2; IG TXA[DocumentReference] #6] a late edit after a merge keeps the pass its original placed', () => {
  it('control [R41-N1]: no merge: T02 then T08 under one chart: the date stays 01:35-05:00', async () => {
    await deliver(T02(PID_SURV), T08);
    expect(documents().map((d) => d.date)).toEqual(['2027-11-07T01:35:00-05:00']);
  });

  it('control [R52-W2]: after the A40 the T08 reaches the one document held under the merged chart', async () => {
    await deliver(T02(PID_DUP), A40, T08);
    expect(documents().length).toBe(1);
  });

  it('after the A40 the T08 keeps the date 01:35-05:00 (held-times read the survivor\'s id; merged-numbers then PUT the original whole)', async () => {
    await deliver(T02(PID_DUP), A40, T08);
    expect(documents().map((d) => d.date)).toEqual(['2027-11-07T01:35:00-05:00']);
  });
});
