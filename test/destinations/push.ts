/**
 * The FHIR suites were written against "push a Bundle with a signal"; this adapter keeps them that
 * way over the generic Destination contract (a fhir Payload plus a DeliveryContext), so they still
 * exercise the real registry, factory and destination.
 */
import { createDestination as createRegistered, type DeliveryEntry, type Destination, type DestinationDeps } from '../../src/destinations/index.js';

export interface DeliveryOutcome {
  status: number;
  entries: DeliveryEntry[];
  /** What the destination reported beside the delivery (DeliveryOutcome.detail: PHI-free). */
  detail?: string;
}

export interface BundlePusher {
  deliver(bundle: Record<string, unknown>, signal: AbortSignal): Promise<DeliveryOutcome>;
  close(): Promise<void>;
  readonly destination: Destination;
}

export function createDestination(config: Parameters<typeof createRegistered>[0], env: NodeJS.ProcessEnv = process.env, deps: Omit<Partial<DestinationDeps>, 'env'> = {}): BundlePusher {
  const destination = createRegistered(config, { ...deps, env });
  return {
    destination,
    async deliver(bundle, signal) {
      const outcome = await destination.deliver(
        { contentType: 'fhir', bundle },
        { channelId: 'test', messageId: 'm-1', destinationId: 'fhir', signal },
      );
      return { status: outcome.status ?? Number.NaN, entries: outcome.entries ?? [], ...(outcome.detail === undefined ? {} : { detail: outcome.detail }) };
    },
    close: async () => destination.close?.(),
  };
}
