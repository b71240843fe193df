/** Wires a channel's pipeline steps: its conversion options, the validator and its destination. */
import type { Channel } from './config/channel.js';
import type { PipelineSteps } from './queue/pipeline.js';
import type { Keyring } from './security/seal.js';
import { convertHl7v2, convertJson, validateBundle } from './transform/index.js';
import { createDestination } from './destinations/index.js';

export function pipelineStepsFor(channel: Channel, keyring: Keyring): PipelineSteps {
  const options = { timezone: channel.timezone, namespaceMap: channel.conversion.namespaceMap, conditionalUpdate: channel.conversion.conditionalUpdate };
  const destination = channel.destination.type === 'none' ? undefined : createDestination(channel.destination);
  const deliver = async (bundle: Record<string, unknown>, signal: AbortSignal) => {
    // The single legacy destination: the channel's own id names it until destinations: [...] is wired.
    const outcome = await destination!.deliver({ contentType: 'fhir', bundle }, { channelId: channel.id, messageId: '', destinationId: channel.id, signal });
    return { status: outcome.status ?? 0, entries: outcome.entries ?? [] };
  };
  return {
    keyring,
    convertHl7v2: (message) => convertHl7v2(message, options),
    convertJson: (mappingId, sourceData) => convertJson(mappingId, sourceData, options),
    validate: validateBundle,
    ...(destination ? { deliver } : {}),
  };
}

/** Loads the FHIR definitions the validator indexes lazily, so the first message does not pay for it. */
export function warmUpValidator(): void {
  validateBundle({ resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:00000000-0000-5000-8000-000000000000', resource: { resourceType: 'Patient', active: true }, request: { method: 'PUT', url: 'Patient/00000000-0000-5000-8000-000000000000' } }] });
}
