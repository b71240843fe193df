/** One validation finding: a location and a message, never a value (no PHI). */
export interface ValidationIssue {
  severity: string;
  path: string;
  message: string;
}
