/**
 * The route bench's FHIR server (test/support/fhir-server.ts, no auth, no service time) in its own
 * process, so its CPU is not the engine's. Started by e2e.ts with fork(): sends { ready: url }.
 */
import { startFhirServer } from '../../test/support/fhir-server.js';

const server = await startFhirServer();
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
process.send?.({ ready: server.url });
