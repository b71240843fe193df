/**
 * What a destination said when it refused a delivery, as an authorized operator reads it: the
 * OperationOutcome's issues with their `diagnostics` and `details` text. That text may echo patient
 * data, so this view is for the admin status API, `hig status` and the dashboard only — it is kept
 * sealed with the job (role `outcome`) and never logged (outcome.ts has the PHI-free summaries).
 */
import { isRecord, operationOutcomeOf } from './outcome.js';

export interface OutcomeIssue {
  /** batch/individual mode: the index of the refused entry in the Bundle */
  entry?: number;
  /** the HTTP status of that entry, e.g. "422" */
  status?: string;
  severity?: string;
  /** the FHIR issue type (closed value set), e.g. "invalid" */
  code?: string;
  diagnostics?: string;
  /** `details.text`, or the first coding's display/code */
  details?: string;
  expression?: string[];
}

/** Longest text shown per field: an OperationOutcome is an answer, not a document. */
const MAX_TEXT = 2000;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? (v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v) : undefined);

function detailsOf(details: unknown): string | undefined {
  if (!isRecord(details)) return undefined;
  const coding = Array.isArray(details.coding) ? details.coding.find(isRecord) : undefined;
  return text(details.text) ?? text(coding?.display) ?? text(coding?.code);
}

function issuesOf(outcome: unknown): OutcomeIssue[] {
  const oo = operationOutcomeOf(outcome);
  if (oo === undefined) {
    // The server answered something other than an OperationOutcome: show it as text.
    const shown = typeof outcome === 'string' ? outcome : JSON.stringify(outcome);
    const diagnostics = text(shown);
    return diagnostics === undefined ? [] : [{ diagnostics }];
  }
  const issues = Array.isArray(oo.issue) ? oo.issue.filter(isRecord) : [];
  return issues.map((issue) => {
    const out: OutcomeIssue = {};
    for (const key of ['severity', 'code', 'diagnostics'] as const) {
      const v = text(issue[key]);
      if (v !== undefined) out[key] = v;
    }
    const details = detailsOf(issue.details);
    if (details !== undefined) out.details = details;
    const expression = Array.isArray(issue.expression) ? issue.expression.filter((e): e is string => typeof e === 'string').slice(0, 20) : [];
    if (expression.length > 0) out.expression = expression;
    return out;
  });
}

/**
 * The issues of a kept outcome: an OperationOutcome (transaction mode, one request), or
 * `[{index, status, outcome}]` (batch/individual mode: one per refused entry), or whatever the
 * server sent instead.
 */
export function outcomeIssues(kept: unknown): OutcomeIssue[] {
  if (Array.isArray(kept) && kept.every((e) => isRecord(e) && typeof e.index === 'number')) {
    return (kept as Array<Record<string, unknown>>).flatMap((e) => {
      const head: OutcomeIssue = { entry: e.index as number, ...(typeof e.status === 'string' ? { status: e.status } : {}) };
      const issues = issuesOf(e.outcome);
      return issues.length > 0 ? issues.map((i) => ({ ...head, ...i })) : [head];
    });
  }
  return issuesOf(kept);
}
