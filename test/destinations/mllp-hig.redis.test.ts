/**
 * hig talking to hig: the MLLP destination against hig's own MLLP listener (real socket, real
 * Redis). AA means the listener has the message durably queued; the listener's AR for a type the
 * channel does not take is transient by default and permanent with ackRules.AR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDestination, type Destination } from '../../src/destinations/index.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig, type IngestRig } from '../support/ingest.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, failureOf } from './helpers.js';

const prefix = testPrefix('mllp-dest');
let rig: IngestRig;
const opened: Destination[] = [];

beforeAll(async () => {
  rig = await startIngestRig(testChannel({ id: 'inbound', accept: { messageTypes: ['ADT^A01'] }, source: { type: 'mllp', host: '127.0.0.1', port: 0 } }), prefix, REDIS_URL);
});
afterAll(async () => {
  for (const d of opened) await d.close?.();
  await rig.close();
  await dropPrefix(prefix);
});

function toHig(extra: Record<string, unknown> = {}): Destination {
  const d = createDestination({ type: 'mllp', host: '127.0.0.1', port: rig.listener.port, ...extra } as never);
  opened.push(d);
  return d;
}
const context = { channelId: 'router', messageId: 'm-1', destinationId: 'hig', signal: new AbortController().signal };

describe('the MLLP destination against hig’s own listener', () => {
  it('AA arrives only once the message is in the listener’s queue', async () => {
    const d = toHig();
    for (const id of ['HIG1', 'HIG2', 'HIG3']) expect((await d.deliver({ contentType: 'hl7v2', message: adt(id) }, context)).ackCode).toBe('AA');
    const queue = rig.queues.get('inbound')!;
    const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((j) => (j.data as { meta: { controlId: string } }).meta.controlId).sort()).toEqual(['HIG1', 'HIG2', 'HIG3']);
  });

  it('a type the channel does not accept comes back AR: transient by default, permanent with ackRules.AR', async () => {
    const oru = Buffer.from(adt('HIG4').toString('latin1').replace('ADT^A01^ADT_A01', 'ORU^R01^ORU_R01'), 'latin1');
    const transient = await failureOf(toHig().deliver({ contentType: 'hl7v2', message: oru }, context));
    expect([transient.name, transient.message]).toEqual(['TransientError', expect.stringContaining('answered AR')]);
    const permanent = await failureOf(toHig({ ackRules: { AR: 'permanent' } }).deliver({ contentType: 'hl7v2', message: oru }, context));
    expect(permanent.name).toBe('PermanentError');
  });
});
