/**
 * The fixture of the held Patient.link suites (src/destinations/held-links.ts): one in-repo FHIR server, one Redis
 * connection and a fresh key prefix per test, and FHIR destinations that share the install's linked-patient set the
 * way each channel's runtime does. Four suites (test/destinations and code reviews 27–29) used to carry this block
 * each; call `useHeldLinks` at the top of the file, it registers the hooks.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { Redis } from 'ioredis';
import { redisLinkedPatients } from '../../src/destinations/index.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';
import { startFhirServer, type FhirServer } from './fhir-server.js';
import { dropPrefix, REDIS_URL, testPrefix } from './redis.js';

type Json = Record<string, unknown>;
type DestinationConfig = Parameters<typeof createDestination>[0];
type LinkOptions = NonNullable<Parameters<typeof redisLinkedPatients>[2]>;

export interface HeldLinksFixture {
  readonly server: FhirServer;
  /** The suite's connection; the linked-patient set lives under `prefix` in it. */
  readonly redis: Redis;
  /** A new prefix for every test, the last test's keys dropped. */
  readonly prefix: string;
  /**
   * A channel's FHIR destination (transaction mode to `server` unless `config` says otherwise), its linked-patient set
   * on `client` (the suite's connection by default); closed after the file.
   */
  channel(config?: Partial<DestinationConfig>, options?: { client?: Redis } & LinkOptions): BundlePusher;
  /** The Patients the server holds with an identifier of this value. */
  holding(value: string): Json[];
}

export function useHeldLinks(name: string): HeldLinksFixture {
  let server: FhirServer | undefined;
  let redis: Redis | undefined;
  let prefix: string | undefined;
  const pushers: BundlePusher[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`held-links fixture: ${what} used outside a test`);
    return value;
  };
  beforeAll(async () => {
    server = await startFhirServer();
    redis = new Redis(REDIS_URL);
  });
  // One hook, in this order: destinations may still release registrations through the connection and the server.
  afterAll(async () => {
    await Promise.all(pushers.map((p) => p.close()));
    await server?.close();
    redis?.disconnect();
  });
  beforeEach(async () => {
    const s = started(server, 'the FHIR server');
    s.resources.clear();
    s.requests.length = 0;
    await s.setFault(null);
    if (prefix !== undefined) await dropPrefix(prefix);
    prefix = testPrefix(name);
  });
  return {
    get server() {
      return started(server, 'the FHIR server');
    },
    get redis() {
      return started(redis, 'the Redis connection');
    },
    get prefix() {
      return started(prefix, 'the key prefix');
    },
    channel(config = {}, options = {}) {
      const { client, ...linkOptions } = options;
      const base = { type: 'fhir', baseUrl: started(server, 'the FHIR server').url, mode: 'transaction', auth: { type: 'none' } } as const;
      const linkedPatients = redisLinkedPatients(client ?? started(redis, 'the Redis connection'), started(prefix, 'the key prefix'), linkOptions);
      const pusher = createDestination({ ...base, ...config } as DestinationConfig, process.env, { linkedPatients });
      pushers.push(pusher);
      return pusher;
    },
    holding(value) {
      const needle = `"value":"${value}"`;
      return [...started(server, 'the FHIR server').resources.values()].filter((r) => r.resourceType === 'Patient' && JSON.stringify(r.identifier ?? []).includes(needle));
    },
  };
}

/** The link types a Patient holds, in order (FHIR R4 Patient.link.type). */
export const linkTypes = (p: Json | undefined): (string | undefined)[] => ((p?.link as { type?: string }[] | undefined) ?? []).map((l) => l.type);

/** Who sends a suite's ADT feed and what its one patient record looks like besides the MRN and family name. */
export interface LinkSite {
  sender: string;
  facility: string;
  given: string;
  birthDate: string;
  address: string;
  /** PV1-3 of the A01 and the A08. */
  location: string;
  /** PID-5's family name in the A40 and the A08. */
  laterFamily: string;
}

/** The ADT messages of the held-links suites: admit, merge (A40) and a later update of the survivor (A08). */
export function linkMessages(site: LinkSite) {
  const msh = (type: string, control: string) => `MSH|^~\\&|${site.sender}|${site.facility}|HIG|${site.facility}|202612061410-0600||${type}|${control}|P|2.5.1`;
  const pid = (pid3: string, family: string) => `PID|1||${pid3}||${family}^${site.given}^^^^^L||${site.birthDate}|F|||${site.address}`;
  return {
    /** An MRN under the facility's bare namespace (CX-4 without a system). */
    bare: (mr: string) => `${mr}^^^${site.facility}^MR`,
    A01: (pid3: string, family: string, control: string) => [msh('ADT^A01^ADT_A01', control), 'EVN|A01|202612061400-0600', pid(pid3, family), `PV1|1|I|${site.location}`].join('\r'),
    /** The survivor `pid3` absorbs the duplicate record `mrg1`. */
    A40: (pid3: string, mrg1: string, control: string) => [msh('ADT^A40^ADT_A39', control), 'EVN|A40|202612061420-0600', pid(pid3, site.laterFamily), `MRG|${mrg1}`].join('\r'),
    /** A later message about the survivor: its PID PUTs her Patient whole, with no link (PV1-45 absent). */
    A08: (pid3: string, control: string) => [msh('ADT^A08^ADT_A01', control), 'EVN|A08|202612061500-0600', pid(pid3, site.laterFamily), `PV1|1|I|${site.location}`].join('\r'),
  };
}
