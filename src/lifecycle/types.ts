/**
 * The words of channel lifecycle, shared by the channel manager (./manager.ts), the admin routes
 * (src/http/lifecycle-routes.ts), the CLI and the dashboard.
 *
 * Two independent switches per channel:
 * - source: `running` takes messages in; `stopped` refuses them (MLLP listener closed, HTTP intake
 *   answers CHANNEL_STOPPED, file/SFTP polling stopped). Per daemon process, in memory: a restart
 *   starts every enabled channel again.
 * - processing: `running` converts and delivers; `paused` holds queued jobs (BullMQ Queue.pause):
 *   kept in Redis, so it holds for every process on that Redis and survives restarts.
 */
export const CHANNEL_ACTIONS = ['start', 'stop', 'pause', 'resume', 'deploy', 'undeploy'] as const;
export type ChannelAction = (typeof CHANNEL_ACTIONS)[number];

/**
 * `undeployed`: taken out of this daemon without touching its file — source closed and its workers
 * in this process gone (queued jobs stay in Redis, counted in stats); `deploy` brings back the
 * version of its file. Per process and in memory like stop; `"enabled": false` in the file is the
 * lasting way. A hot reload updates an undeployed channel's version but does not deploy it.
 */
export type SourceState = 'running' | 'stopped' | 'undeployed';
export type ProcessingState = 'running' | 'paused';

export interface ChannelLifecycle {
  source: SourceState;
  processing: ProcessingState;
  /** per fan-out destination with a queue of its own: its deliveries running or paused */
  destinations?: Record<string, ProcessingState>;
  /** last change made through this process (ISO time) and by whom; absent since start */
  changedAt?: string;
  changedBy?: string;
}

/** A refused channel file (hot reload): the running version stays. */
export interface ConfigProblem {
  /** the loader's text: file, field and what was expected */
  error: string;
  at: string;
}

/** What can be done to one destination's own queue (per-destination queues, src/queue/delivery.ts). */
export const DESTINATION_ACTIONS = ['pause', 'resume'] as const;
export type DestinationAction = (typeof DESTINATION_ACTIONS)[number];

export type ActResult =
  | { ok: true; channel: string; lifecycle: ChannelLifecycle }
  | { ok: false; code: 'NOT_FOUND' | 'CHANNEL_STATE_CONFLICT'; error: string };

/** What the HTTP server needs of the channel manager. */
export interface ChannelControl {
  act(channelId: string, action: ChannelAction, who: string): Promise<ActResult>;
  /** pause/resume the deliveries of one destination that has a queue of its own */
  actDestination(channelId: string, destinationId: string, action: DestinationAction, who: string): Promise<ActResult>;
  lifecycles(): Promise<Record<string, ChannelLifecycle>>;
  configProblems(): readonly ConfigProblem[];
}
