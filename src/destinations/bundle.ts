/** Reading the Bundle we were given and the Bundle the server gave back. */
import { DestinationRejectedError } from './failures.js';
import { isRecord, resourceTypeOfUrl } from './outcome.js';
import type { DeliveryEntry } from './types.js';
import type { FhirRequest } from './transport.js';

export function entriesOf(bundle: Record<string, unknown>): Record<string, unknown>[] {
  const entries = bundle.entry;
  if (entries === undefined) return [];
  if (!Array.isArray(entries) || !entries.every(isRecord)) {
    throw new DestinationRejectedError('bundle: entry is not an array of objects');
  }
  return entries;
}

/** The same bundle as a `transaction` or `batch`: the channel's mode decides, not the mapping. */
export function asBundleOfType(bundle: Record<string, unknown>, type: 'transaction' | 'batch'): Record<string, unknown> {
  return { ...bundle, resourceType: 'Bundle', type };
}

const methods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An entry as its own request (individual mode): its request.method and request.url, defaulting to
 * the idempotent `PUT Type/id`, with the conditional headers the entry asks for.
 */
export function entryRequest(entry: Record<string, unknown>, index: number): FhirRequest {
  const request = isRecord(entry.request) ? entry.request : {};
  const resource = isRecord(entry.resource) ? entry.resource : undefined;
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : 'PUT';
  if (!methods.has(method)) throw new DestinationRejectedError(`bundle: entry #${index} has an unknown request.method`);
  let url = typeof request.url === 'string' ? request.url : undefined;
  if (url === undefined && typeof resource?.resourceType === 'string' && typeof resource.id === 'string') {
    url = `${resource.resourceType}/${resource.id}`;
  }
  if (url === undefined) throw new DestinationRejectedError(`bundle: entry #${index} has no request.url`);
  const headers: Record<string, string> = {};
  // Bundle.entry.request conditional elements map one-to-one onto HTTP headers (FHIR R4 §3.1.0.11).
  if (typeof request.ifMatch === 'string') headers['if-match'] = request.ifMatch;
  if (typeof request.ifNoneMatch === 'string') headers['if-none-match'] = request.ifNoneMatch;
  if (typeof request.ifNoneExist === 'string') headers['if-none-exist'] = request.ifNoneExist;
  if (typeof request.ifModifiedSince === 'string') headers['if-modified-since'] = request.ifModifiedSince;
  return {
    method: method as FhirRequest['method'],
    url: url.replace(/^\/+/, ''),
    ...(resource === undefined ? {} : { body: resource }),
    headers,
  };
}

/** PHI-free label of an entry for error details: index and resource type. */
export function entryLabel(entry: Record<string, unknown> | undefined, index: number): string {
  const request = entry !== undefined && isRecord(entry.request) ? entry.request : {};
  const resource = entry !== undefined && isRecord(entry.resource) ? entry.resource : {};
  const type =
    resourceTypeOfUrl(request.url) ??
    (typeof resource.resourceType === 'string' && /^[A-Z][A-Za-z]{0,63}$/.test(resource.resourceType)
      ? resource.resourceType
      : undefined);
  return type === undefined ? `#${index}` : `#${index} ${type}`;
}

/** entry.response of a transaction-response / batch-response, one per request entry. */
export function responseEntries(body: unknown, expected: number): DeliveryEntry[] | undefined {
  if (!isRecord(body) || body.resourceType !== 'Bundle') return undefined;
  const entries = body.entry ?? [];
  if (!Array.isArray(entries) || entries.length !== expected) return undefined;
  return entries.map((entry): DeliveryEntry => {
    const response = isRecord(entry) && isRecord(entry.response) ? entry.response : {};
    return {
      status: typeof response.status === 'string' ? response.status : '',
      ...(typeof response.location === 'string' ? { location: response.location } : {}),
      ...(response.outcome === undefined ? {} : { outcome: response.outcome }),
    };
  });
}

/** Where a resource an individual request stored now lives: Location header, else the returned meta. */
export function locationOf(headers: Headers, body: unknown): string | undefined {
  const header = headers.get('location') ?? headers.get('content-location');
  if (header !== null && header !== '') return header;
  if (!isRecord(body) || typeof body.resourceType !== 'string' || typeof body.id !== 'string') return undefined;
  const version = isRecord(body.meta) && typeof body.meta.versionId === 'string' ? body.meta.versionId : undefined;
  return `${body.resourceType}/${body.id}${version === undefined ? '' : `/_history/${version}`}`;
}
