/**
 * Review 33 R33-L1 through the daemon: the linked-patient set (destinations/held-links.ts) is wired into every
 * FHIR destination the daemon builds, and shared by channels that deliver to one FHIR server: the ADT feed's A40
 * links the survivor, the lab feed's result (another channel) PUTs her Patient whole, and the link stays.
 * [FHIR R4 Patient.link replaces / replaced-by; docs/mapping.md MRG row.] A daemon in this process, real Redis,
 * the in-repo FHIR server.
 *
 *   npx vitest run test/destinations/held-links-daemon.redis.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { loadSettings } from '../../src/config/env.js';
import { startDaemon, type Daemon } from '../../src/daemon.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { linkedPatientsKey } from '../../src/redis/keys.js';
import { channelsDir } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { until } from '../support/worker.js';

type Json = Record<string, unknown>;

const prefix = testPrefix('held-links');
let fhir: FhirServer;
let daemon: Daemon;
const ports = { adt: 0, lab: 0, http: 0 };

const msh = (type: string, control: string) => `MSH|^~\\&|NRREG|NRMC|HIG|NRMC|202612061410-0600||${type}|${control}|P|2.5.1`;
const pid = (mr: string) => `PID|1||${mr}^^^NRMC^MR||VASQUEZ-TEMPLE^ROSALIND^^^^^L||19790312|F`;
const A01 = (mr: string, control: string) => [msh('ADT^A01^ADT_A01', control), 'EVN|A01|202612061400-0600', pid(mr), 'PV1|1|I|W4^412^A'].join('\r');
const A40 = [msh('ADT^A40^ADT_A39', 'NR53-03'), 'EVN|A40|202612061420-0600', pid('NR5300101'), 'MRG|NR5300109^^^NRMC^MR'].join('\r');
const ORU = [
  msh('ORU^R01^ORU_R01', 'NR53-04'),
  pid('NR5300101'),
  'OBR|1|NR-LB-5304||2345-7^Glucose^LN|||202612061430-0600',
  'OBX|1|NM|2345-7^Glucose^LN||96|mg/dL|70-99|N|||F|||202612061430-0600',
].join('\r');

beforeAll(async () => {
  fhir = await startFhirServer();
  for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
  const destination = { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 5000 };
  const dir = channelsDir([
    { id: 'adt', source: { type: 'mllp', host: '127.0.0.1', port: ports.adt }, destination },
    { id: 'lab', source: { type: 'mllp', host: '127.0.0.1', port: ports.lab }, destination },
  ]);
  const settings = loadSettings({ REDIS_URL, HIG_QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: TEST_KEY_HEX, HIG_HTTP_PORT: String(ports.http), HIG_EMBEDDED_REDIS: 'false' });
  daemon = await startDaemon({ settings, channelsDir: dir, log: memoryLogger('warn').log, intake: true, workers: true, allowDevKey: false });
});

afterAll(async () => {
  await daemon?.close();
  await fhir?.close();
  await dropPrefix(prefix);
});

async function send(port: number, message: string): Promise<void> {
  const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 60_000 });
  const ack = (await client.send(Buffer.from(message, 'latin1'))).toString('latin1');
  client.close();
  expect(ack).toContain('MSA|AA|');
}

const patient = (mr: string) => [...fhir.resources.values()].find((r) => r.resourceType === 'Patient' && JSON.stringify(r.identifier ?? []).includes(`"value":"${mr}"`));
const links = (p: Json | undefined) => (p?.link as { type?: string; other?: Json }[] | undefined) ?? [];

describe('R33-L1 through the daemon', () => {
  it('the ADT channel\'s A40 link survives the lab channel\'s result about the survivor', async () => {
    await send(ports.adt, A01('NR5300101', 'NR53-01'));
    await send(ports.adt, A01('NR5300109', 'NR53-02'));
    await until(async () => patient('NR5300101') !== undefined && patient('NR5300109') !== undefined, 20_000, 'both records stored');
    await send(ports.adt, A40);
    await until(async () => links(patient('NR5300101')).length === 1, 20_000, 'the merge stored');
    await send(ports.lab, ORU);
    await until(async () => [...fhir.resources.values()].some((r) => r.resourceType === 'Observation'), 20_000, 'the result stored');
    const survivor = patient('NR5300101');
    const retired = patient('NR5300109');
    expect(links(survivor)).toEqual([{ other: { reference: `Patient/${String(retired?.id)}` }, type: 'replaces' }]);
    expect(links(retired)).toEqual([{ other: { reference: `Patient/${String(survivor?.id)}` }, type: 'replaced-by' }]);
    const redis = new Redis(REDIS_URL);
    try {
      expect((await redis.smembers(linkedPatientsKey(prefix, fhir.url))).sort()).toEqual([String(survivor?.id), String(retired?.id)].sort());
    } finally {
      redis.disconnect();
    }
  });
});
