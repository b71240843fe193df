/**
 * PHI-free summaries of FHIR responses. OperationOutcome `diagnostics` and `details.text` may echo
 * patient data, so error details only ever carry HTTP statuses, issue codes and resource types.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The OperationOutcome in a response body, if the body is one. */
export function operationOutcomeOf(body: unknown): Record<string, unknown> | undefined {
  return isRecord(body) && body.resourceType === 'OperationOutcome' ? body : undefined;
}

/** Distinct `issue[].code` values (a closed FHIR value set, e.g. "invalid", "conflict"): safe to log. */
export function issueCodes(outcome: unknown): string[] {
  if (!isRecord(outcome) || !Array.isArray(outcome.issue)) return [];
  const codes = new Set<string>();
  for (const issue of outcome.issue) {
    if (isRecord(issue) && typeof issue.code === 'string' && /^[a-z-]{1,40}$/.test(issue.code)) codes.add(issue.code);
  }
  return [...codes];
}

/** "422 (invalid, required)" — the status and, when known, the issue codes. */
export function describeStatus(status: number | string, outcome?: unknown): string {
  const codes = issueCodes(outcome);
  return codes.length > 0 ? `${status} (${codes.join(', ')})` : `${status}`;
}

/** First three digits of an entry.response.status such as "201 Created"; NaN when absent or malformed. */
export function statusCode(status: unknown): number {
  if (typeof status !== 'string') return Number.NaN;
  const match = /^\s*(\d{3})\b/.exec(status);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

/** Resource type from an entry request URL ("Patient/1", "Patient?identifier=…"); letters only, so PHI-free. */
export function resourceTypeOfUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const match = /^\/?([A-Z][A-Za-z]{0,63})(?:[/?]|$)/.exec(url);
  return match?.[1];
}
