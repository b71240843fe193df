/**
 * The job summary a worker stores (runPipeline's resourceTypes): what the Bundle makes, by resource
 * type. A PATCH entry's resource is its JSON Patch document (a Binary) of a resource the entry
 * before it creates (an ORC-only order event, omittedFields keep): not a resource of its own
 * (code review 19, CR19-12: the summary counted `Binary: 1`).
 */
import { describe, expect, it } from 'vitest';
import { type IntegrationJobData } from '../../src/queue/jobs.js';
import { runPipeline } from '../../src/queue/pipeline.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { keyring } from '../support/worker.js';

const CANCEL = [
  'MSH|^~\\&|CPOE|GH|LIS|GH|20261205080000-0600||ORM^O01|SUM-1|P|2.5.1',
  'PID|1||MRN1^^^GH^MR||DOE^JANE||19800215|F',
  'ORC|CA|PLC200^CPOE^1.2.840.114350.1.13.99^ISO',
].join('\r');

function job(message: string): IntegrationJobData {
  const sourceData = keyring.seal(message, { channelId: 'sum', messageId: 'm1', role: 'message' });
  return { messageId: 'm1', channelId: 'sum', clientId: 1, mappingId: 'hl7v2-fhir-r4', sourceData, meta: { source: 'mllp', contentType: 'hl7v2', receivedAt: new Date(0).toISOString() } };
}

describe('runPipeline: the job summary of a Bundle with a PATCH entry', () => {
  it('counts the ServiceRequest the event creates once and no Binary', async () => {
    const steps = {
      keyring,
      convertHl7v2: (m: Buffer) => convertHl7v2(m),
      convertJson: () => {
        throw new Error('not used');
      },
      validate: (b: Record<string, unknown>) => validateBundle(b),
    };
    const bundle = convertHl7v2(CANCEL).bundle as { entry: { request: { method: string } }[] };
    expect(bundle.entry.map((e) => e.request.method)).toContain('PATCH');
    const result = await runPipeline(job(CANCEL), steps, new AbortController().signal);
    expect(result.resourceTypes.ServiceRequest).toBe(1);
    expect(result.resourceTypes.Binary).toBeUndefined();
    expect(result.resourceTypes.Patient).toBe(1);
  });
});
