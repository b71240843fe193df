/** The alert record: the original gateway's shape, plus ids and timestamps. */

export const ALERT_TYPES = ['processing_error', 'duplicate_conflict', 'queue_depth', 'oldest_waiting', 'inactivity', 'failure_rate', 'destination_down', 'store_behind', 'summary'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface Alert {
  id: string;
  channelId: string;
  clientId: number;
  messageId?: string;
  alertType: AlertType;
  severity: Severity;
  /** PHI-free: codes, counts, ids. */
  title: string;
  /** PHI-free: codes, counts, ids. */
  description: string;
  isResolved: boolean;
  createdAt: string;
  resolvedAt?: string;
  /** Extension: who resolved it ('auto' when its rule cleared), for the audit trail. */
  resolvedBy?: string;
  /** Extension: when and by whom it was acknowledged (someone is on it); it stays open. */
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  /** Extension: the reason code (dead-letters) or rule (thresholds) the alert is about. */
  reasonCode?: string;
  /** Extension: for 'summary' alerts, how many alerts flood control held back. */
  suppressedCount?: number;
  /** Extension: webhook delivery state, absent when the channel has no webhook. */
  delivery?: DeliveryState;
}

/** What the alerter needs of a dead-lettered job (built by from-job.ts). */
export interface DeadLetterInput {
  channelId: string;
  clientId: number;
  messageId: string;
  reasonCode: string;
  /** PHI-free failure reason (the job's redacted failedReason); kept to 300 characters. */
  reason: string;
}
