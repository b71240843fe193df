/**
 * Transaction Bundle assembly (IG: MSH[Bundle]): identifier = MSH-10, timestamp = MSH-7,
 * `fullUrl` urn:uuid:<id>, and `PUT Type/id` entries so a re-delivery upserts; or, per channel,
 * conditional updates on the first business identifier (`PUT Patient?identifier=system|value`).
 */
import { prune } from './prune.js';
import type { Json, Resource } from './types.js';

export interface BundleHeader {
  controlId: string | undefined;
  controlIdSystem: string;
  timestamp: string | undefined;
}

function conditionalUrl(resource: Resource): string | undefined {
  const ids = resource.identifier;
  if (!Array.isArray(ids)) return undefined;
  for (const id of ids as Json[]) {
    if (typeof id.system === 'string' && typeof id.value === 'string') {
      return `${resource.resourceType}?identifier=${encodeURIComponent(id.system)}|${encodeURIComponent(id.value)}`;
    }
  }
  return undefined;
}

export function buildBundle(resources: readonly Resource[], header: BundleHeader, conditionalUpdate: boolean): Json {
  const entry = resources.map((r) => {
    const resource = prune(r) as Resource;
    const id = resource.id ?? '';
    const conditional = conditionalUpdate ? conditionalUrl(resource) : undefined;
    if (conditional !== undefined) delete resource.id;
    return { fullUrl: `urn:uuid:${id}`, resource, request: { method: 'PUT', url: conditional ?? `${resource.resourceType}/${id}` } };
  });
  const bundle: Json = { resourceType: 'Bundle', type: 'transaction' };
  if (header.controlId !== undefined) bundle.identifier = { system: header.controlIdSystem, value: header.controlId };
  if (header.timestamp !== undefined) bundle.timestamp = header.timestamp;
  bundle.entry = entry;
  return bundle;
}
