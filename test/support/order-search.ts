/**
 * The mapping reviews' reading of an order event's searches against what a FHIR server holds, without a
 * server: which stored ServiceRequests a conditional create's `ifNoneExist` or a conditional PATCH's query
 * would find. One owner for reviews 19–21 (their cases were written with three copies of it).
 */
type Json = Record<string, unknown>;
export type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string; ifNoneExist?: string } };

/**
 * The ServiceRequests of `stored` (a Bundle's entries as the server holds them after the transaction:
 * urn:uuid references resolved to the URLs the entries are PUT at) that the FHIR search `query` finds, for
 * the parameters an order event uses: identifier (token: `system|value`; `|value` is the value with no
 * system and `value` any system, R4 search.html#token), code (token, an event sent with its OBR) and
 * subject (a reference), and `_tag:not` (the scheduler's request of a booking left out, review 36 R36-W2).
 */
export function found(stored: Entry[], query: string): Entry[] {
  const urlOf = new Map(stored.map((e) => [e.fullUrl, e.request?.url]));
  const params = new URLSearchParams(query);
  const token = params.get('identifier') ?? '';
  const [system, value] = token.includes('|') ? token.split('|') : [undefined, token];
  const subject = params.get('subject');
  const codeToken = params.get('code');
  const [codeSystem, code] = codeToken === null ? [undefined, undefined] : codeToken.includes('|') ? codeToken.split('|') : [undefined, codeToken];
  return stored.filter((e) => {
    if (e.resource?.resourceType !== 'ServiceRequest') return false;
    const ids = (e.resource.identifier as { system?: string; value?: string }[] | undefined) ?? [];
    if (!ids.some((i) => i.value === value && (system === undefined || (system === '' ? i.system === undefined : i.system === system)))) return false;
    // an order event sent with its OBR searches its OBR-4 code too (fix23)
    const codings = ((e.resource.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []);
    if (code !== undefined && !codings.some((c) => c.code === code && (codeSystem === undefined || (codeSystem === '' ? c.system === undefined : c.system === codeSystem)))) return false;
    const notTag = params.get('_tag:not');
    const tags = ((e.resource.meta as { tag?: { system?: string; code?: string }[] } | undefined)?.tag ?? []).map((t) => `${t.system ?? ''}|${t.code ?? ''}`);
    if (notTag !== null && tags.includes(notTag)) return false;
    return subject === null || urlOf.get((e.resource.subject as { reference?: string } | undefined)?.reference) === subject;
  });
}

/**
 * Every conditional search of an order event: the ServiceRequest create's ifNoneExist and the PATCH's URL
 * query (not the visit's conditional create a result's PV1 makes: patch.ts visitEntries).
 */
export const searches = (event: Entry[]): string[] =>
  event
    .filter((e) => e.request?.url?.startsWith('ServiceRequest') === true)
    .flatMap((e) => [e.request?.ifNoneExist, e.request?.method === 'PATCH' ? e.request.url?.split('?')[1] : undefined])
    .filter((q): q is string => q !== undefined);
