/** ackOn: processed — the ACK waits for the worker: AA after a valid conversion, AE with the failure's ERR code and reason otherwise. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig, type IngestRig } from '../support/ingest.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, startWorkerRig, type WorkerRig } from '../support/worker.js';
import { PermanentError } from '../../src/errors.js';

const prefix = testPrefix('ackproc');
const channel = testChannel({ id: 'ackproc', ackOn: 'processed', source: { type: 'mllp', host: '127.0.0.1', port: 0 } });
let ingest: IngestRig;
let workers: WorkerRig;

beforeAll(async () => {
  ingest = await startIngestRig(channel, prefix, REDIS_URL);
  workers = await startWorkerRig(channel, prefix, (id) => {
    if (id === 'BAD1') throw new PermanentError('UNSUPPORTED_EVENT', 'ADT^A08 refused by test');
  });
});
afterAll(async () => {
  await ingest.close();
  await workers.close();
  await dropPrefix(prefix);
});

describe('ackOn: processed', () => {
  it('answers AA only after the worker converted and validated the message', async () => {
    const client = await connectMllp({ host: '127.0.0.1', port: ingest.listener.port, timeoutMs: 60_000 });
    const ack = (await client.send(adt('OK1'))).toString('latin1');
    client.close();
    expect(ack).toContain('MSA|AA|OK1');
    expect(workers.processed).toContain('OK1');
  });

  it('answers AE with an ERR code and the PHI-free reason when processing failed', async () => {
    const client = await connectMllp({ host: '127.0.0.1', port: ingest.listener.port, timeoutMs: 60_000 });
    const ack = (await client.send(adt('BAD1'))).toString('latin1');
    client.close();
    const msa = ack.split('\r').find((s) => s.startsWith('MSA'))!.split('|');
    expect(msa.slice(0, 3)).toEqual(['MSA', 'AE', 'BAD1']);
    expect(msa[3]).toContain('UNSUPPORTED_EVENT');
    expect(ack.split('\r').find((s) => s.startsWith('ERR'))!.split('|')[3]).toBe('201^Unsupported event code^HL70357');
  });
});
