/**
 * The fixture of the FHIR-destination suites that deliver to the in-repo FHIR server: one server per file, started
 * before its tests and closed after, and the destinations a test opens closed after that test. The server keeps what
 * it holds across a file's tests (each test names its own patients and numbers). Call `useFhirDestinations` at the
 * top of the file; it registers the hooks. `{ serverPer: 'test' }` starts an empty server for each test instead, for
 * suites that read everything the server holds. `server` are the options it is started with (a paging server…).
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createDestination, type BundlePusher } from '../destinations/push.js';
import { startFhirServer, type FhirServer, type FhirServerOptions } from './fhir-server.js';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';

export interface FhirDestinations {
  readonly server: FhirServer;
  /** A FHIR destination to `server` in `mode` (transaction by default), no auth; closed after the test. */
  destination(mode?: Mode): BundlePusher;
  /** The resources of `type` the server holds with an identifier of this value, whatever its system. */
  stored(type: string, value: string): Json[];
}

export function useFhirDestinations(options: { serverPer?: 'file' | 'test'; server?: FhirServerOptions } = {}): FhirDestinations {
  let server: FhirServer | undefined;
  const opened: BundlePusher[] = [];
  const started = (): FhirServer => {
    if (server === undefined) throw new Error('FHIR destination fixture: the server is used outside a test');
    return server;
  };
  const start = async () => {
    server = await startFhirServer(options.server);
  };
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  const perTest = options.serverPer === 'test';
  (perTest ? beforeEach : beforeAll)(start);
  afterEach(async () => {
    // the destinations first: they may still hold connections to the server
    for (const destination of opened.splice(0)) await destination.close();
    if (perTest) await stop();
  });
  if (!perTest) afterAll(stop);
  return {
    get server() {
      return started();
    },
    destination(mode = 'transaction') {
      const created = createDestination({ type: 'fhir', baseUrl: started().url, mode, auth: { type: 'none' } });
      opened.push(created);
      return created;
    },
    stored(type, value) {
      const needle = `"value":"${value}"`;
      return [...started().resources.values()].filter((r) => r.resourceType === type && JSON.stringify(r.identifier ?? []).includes(needle));
    },
  };
}
