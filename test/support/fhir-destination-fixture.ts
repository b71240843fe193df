/**
 * The fixture of the FHIR-destination suites that deliver to the in-repo FHIR server: one server per file, started
 * before its tests and closed after, and the destinations a test opens closed after that test. The server keeps what
 * it holds across a file's tests (each test names its own patients and numbers). Call `useFhirDestinations` at the
 * top of the file; it registers the hooks.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createDestination, type BundlePusher } from '../destinations/push.js';
import { startFhirServer, type FhirServer } from './fhir-server.js';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';

export interface FhirDestinations {
  readonly server: FhirServer;
  /** A FHIR destination to `server` in `mode` (transaction by default), no auth; closed after the test. */
  destination(mode?: Mode): BundlePusher;
  /** The resources of `type` the server holds with an identifier of this value, whatever its system. */
  stored(type: string, value: string): Json[];
}

export function useFhirDestinations(): FhirDestinations {
  let server: FhirServer | undefined;
  const opened: BundlePusher[] = [];
  const started = (): FhirServer => {
    if (server === undefined) throw new Error('FHIR destination fixture: the server is used outside a test');
    return server;
  };
  beforeAll(async () => {
    server = await startFhirServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    for (const destination of opened.splice(0)) await destination.close();
  });
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
