/**
 * One message's store-outbox entries as the e2e path appends them: [intake's, the worker's]
 * (received + ACK, appended with the job; then convert/validate/deliver tries, the sealed result and
 * completion: no second copy of received, which the worker leaves out since intake's goes with the job).
 * Shared by the writer benches (write-cost, writer-reads) so both write the same rows.
 */
import type { Keyring } from '../../src/security/seal.js';
import type { StoreEvent } from '../../src/store/index.js';
import { newEventId } from '../../src/store/outbox.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { adtA01, controlIdFor } from '../lib/message.js';

/** A maker of entries for messages `seq` of one channel and control-id prefix, at time `at` (ms). */
export function outboxEntries(keyring: Keyring, channel: string, prefix: string): (seq: number, at: number) => [string, string] {
  const { bundle, report } = convertHl7v2(adtA01(prefix, 0));
  const bundleText = JSON.stringify(bundle);
  return (seq, at) => {
    const messageId = `${channel}.${prefix}.${seq.toString(16).padStart(12, '0')}`;
    const t = (ms: number) => new Date(at + ms).toISOString();
    const base = { messageId, channelId: channel };
    const received = {
      ...base, kind: 'received', eventId: 'received', at: t(0), receivedAt: t(0), source: { kind: 'mllp', peer: '127.0.0.1' }, contentType: 'hl7v2',
      header: { messageType: 'ADT^A01', structure: 'ADT_A01', controlId: controlIdFor(prefix, seq), sendingApplication: 'EPICADT', sendingFacility: 'GOODHEALTH', version: '2.5.1' },
      raw: keyring.seal(adtA01(prefix, seq), { channelId: channel, messageId, role: 'message' }, { compress: true }),
    } as const;
    const id = (i: number) => `t001.${String(i).padStart(2, '0')}.${newEventId()}`;
    const intake: StoreEvent[] = [{ ...received, ack: { code: 'AA', at: t(1) } }];
    const worker: StoreEvent[] = [
      { ...base, eventId: id(0), kind: 'attempt', at: t(5), stage: 'convert', attempt: 1, durationMs: 2, outcome: 'success' },
      { ...base, eventId: id(1), kind: 'attempt', at: t(6), stage: 'validate', attempt: 1, durationMs: 1, outcome: 'success' },
      { ...base, eventId: id(2), kind: 'attempt', at: t(6), stage: 'deliver', attempt: 1, durationMs: 0, destinationId: 'default', outcome: 'skipped' },
      { ...base, eventId: id(3), kind: 'result', at: t(7), result: keyring.seal(bundleText, { channelId: channel, messageId, role: 'result' }, { compress: true }), report, resourceCount: 6 },
      { ...base, eventId: id(4), kind: 'completed', at: t(7), attempts: 1 },
    ];
    return [JSON.stringify(intake), JSON.stringify(worker)];
  };
}
