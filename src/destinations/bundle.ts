/** Reading the Bundle we were given and the Bundle the server gave back. */
import { binaryText } from '../transform/json-patch-entry.js';
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

const FHIR_JSON = 'application/fhir+json';

/**
 * What an entry's request carries on its own, and under which media type. FHIR R4 http.html#patch:
 * in a Bundle a JSON Patch (or XML Patch) travels as a Binary whose `contentType` names it; sent on
 * its own the body is that patch document itself, under that type (`application/json-patch+json`),
 * which a server checks. A FHIRPath Patch (Parameters) and every other body is a FHIR resource.
 * fhir-kit-client's generic request sets no Content-Type (fetch would say text/plain), so it is
 * always set here.
 */
function entryBody(method: string, resource: Record<string, unknown> | undefined, index: number): { body: unknown; contentType: string } | undefined {
  if (resource === undefined) {
    if (method === 'PATCH') throw new DestinationRejectedError(`bundle: entry #${index} is a PATCH without a patch document`);
    return undefined;
  }
  if (method !== 'PATCH' || resource.resourceType !== 'Binary') return { body: resource, contentType: FHIR_JSON };
  if (typeof resource.contentType !== 'string' || typeof resource.data !== 'string') {
    throw new DestinationRejectedError(`bundle: entry #${index} is a PATCH whose Binary has no contentType or data`);
  }
  // the document as sent (a string goes on the wire as is), not re-serialised
  return { body: binaryText(resource.data), contentType: resource.contentType };
}

/**
 * An entry as its own request (individual mode): its request.method and request.url, defaulting to
 * the idempotent `PUT Type/id`, with the conditional headers the entry asks for and its body as
 * the server takes it alone (entryBody: a PATCH's Binary becomes the patch document).
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
  const sent = entryBody(method, resource, index);
  if (sent !== undefined) headers['content-type'] = sent.contentType;
  return {
    method: method as FhirRequest['method'],
    url: url.replace(/^\/+/, ''),
    ...(sent === undefined ? {} : { body: sent.body }),
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
