/**
 * The channel manager: one owner for what runs per channel in this daemon process — its source
 * (MLLP listener, file/SFTP poller, or the HTTP route's admission), whether an operator stopped it,
 * and whether its processing is paused — and the one place that applies a new set of channel files
 * (hot reload, ./watch.ts) without a restart.
 *
 * Rules (README, "Channel lifecycle"):
 * - stop closes the MLLP listener (and the connections on it), stops file/SFTP polling, and makes
 *   HTTP intake answer CHANNEL_STOPPED; start binds/starts it again. Per process, in memory.
 * - undeploy stops the source and takes the channel's workers out of this process (its queue and
 *   jobs stay, shown in stats); deploy runs its current file version again. Per process, in memory.
 * - pause/resume is BullMQ's Queue.pause/resume: a flag in Redis, so every worker on that Redis
 *   holds the channel's jobs, across restarts, while intake goes on.
 * - a reload adds, removes and changes channels one by one: an added one gets its queue, workers
 *   and source; a removed one loses its source and workers (its jobs stay in Redis); a changed one
 *   rebinds its source only if the source block changed, so an unchanged listener keeps its open
 *   connections and they use the new version from their next message.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Channel } from '../config/channel.js';
import type { Logger } from '../log.js';
import type { IntakeDeps } from '../intake.js';
import type { QueueRegistry } from '../queue/queues.js';
import type { RedisClient } from '../redis/connections.js';
import { auditKey, destinationQueueName } from '../redis/keys.js';
import { startMllpListener, type MllpChannel, type MllpListener } from '../sources/mllp.js';
import { startPolledSources, type RunningSource } from '../sources/start.js';
import type { HttpIntake } from '../sources/http/index.js';
import type { ActResult, ChannelAction, ChannelControl, ChannelLifecycle, ConfigProblem, DestinationAction, ProcessingState } from './types.js';

export interface ChannelManagerDeps {
  queues: QueueRegistry;
  intake: IntakeDeps;
  /** the producer connection: audit stream, SFTP poll locks */
  redis: RedisClient;
  prefix: string;
  log: Logger;
  /** this process takes messages in (false for `hig worker`: nothing to start or stop) */
  sources: boolean;
  /** the daemon's listener map (readiness, instance facts read it) */
  listeners: Map<string, MllpListener>;
  /** told after a reload changed the set or content of channels (workers, alert rules) */
  onChannelsChanged?(channels: readonly Channel[]): Promise<void>;
}

export interface ChannelManager extends ChannelControl {
  channels(): readonly Channel[];
  isStopped(channelId: string): boolean;
  /** starts every channel's source (daemon start) */
  startAll(): Promise<void>;
  /** the HTTP intake, once its routes exist: reloads hand it the new channels */
  attachHttp(http: HttpIntake): void;
  /** applies a validated set of enabled channels (hot reload) */
  apply(next: readonly Channel[]): Promise<{ added: string[]; removed: string[]; changed: string[]; rebound: string[] }>;
  /** channels whose source could not start and that no operator stopped (readiness fails on them) */
  sourcesDown(): string[];
  /** a channel file refused by hot reload (an empty list clears them) */
  setConfigProblems(problems: readonly ConfigProblem[]): void;
  /** stops every source (shutdown) */
  close(): Promise<void>;
}

/** The audit stream's `who` for what a hot reload of the channel files did. */
const RELOAD_WHO = 'config:channels-dir';

interface Running {
  channel: Channel;
  stopped: boolean;
  /** taken out by an operator (types.ts, SourceState): not run here until deployed again */
  undeployed?: boolean;
  changedAt?: string;
  changedBy?: string;
}

export function createChannelManager(initial: readonly Channel[], deps: ChannelManagerDeps): ChannelManager {
  const { queues, log } = deps;
  const running = new Map<string, Running>(initial.map((c) => [c.id, { channel: c, stopped: false }]));
  const polled = new Map<string, RunningSource>();
  /** Channels whose source could not start (port taken…) and that no operator stopped since. */
  const sourcesDown = new Set<string>();
  let http: HttpIntake | undefined;
  let problems: readonly ConfigProblem[] = [];
  // One change at a time: an API action and a reload never interleave on one channel.
  let turn: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = turn.then(work, work);
    turn = next.catch(() => undefined);
    return next;
  };
  /** The deployed channels: what this process runs (workers, HTTP routes, alert rules). */
  const channels = () => [...running.values()].filter((r) => !r.undeployed).map((r) => r.channel);
  /** Workers and HTTP routes follow the deployed set. */
  const deployedChanged = async () => {
    http?.setChannels(channels());
    await deps.onChannelsChanged?.(channels());
  };

  const startSource = async (channel: Channel): Promise<void> => {
    if (!deps.sources) return;
    await bindSource(channel);
    sourcesDown.delete(channel.id);
  };
  const bindSource = async (channel: Channel): Promise<void> => {
    if (channel.source.type === 'mllp') {
      const listener = await startMllpListener(channel as MllpChannel, deps.intake, () => (running.get(channel.id)?.channel ?? channel) as MllpChannel);
      deps.listeners.set(channel.id, listener);
      log.info({ channel: channel.id, host: channel.source.host, port: listener.port, tls: Boolean(channel.source.tls) }, 'MLLP listener bound');
    } else if (channel.source.type === 'file' || channel.source.type === 'sftp') {
      const [source] = await startPolledSources([channel], deps.intake, { redis: deps.redis });
      if (source) polled.set(channel.id, source);
    }
  };
  const stopSource = async (channelId: string): Promise<void> => {
    sourcesDown.delete(channelId); // stopped, undeployed or removed: nothing is expected to run
    const listener = deps.listeners.get(channelId);
    deps.listeners.delete(channelId);
    const source = polled.get(channelId);
    polled.delete(channelId);
    await Promise.all([listener?.close(), source?.close()]);
  };

  const audit = (channelId: string, action: string, who: string, selector: object = {}) =>
    deps.redis
      .xadd(auditKey(deps.prefix, channelId), 'MAXLEN', '~', '10000', '*', 'action', action, 'who', who, 'at', new Date().toISOString(), 'selector', JSON.stringify(selector), 'jobs', '[]')
      .catch((err: Error) => log.error({ channel: channelId, err: { name: err.name } }, 'audit entry not written'));

  /** The destinations with a queue of their own (fan-out): their names in the registry. */
  const destinationQueues = (channel: Channel) =>
    channel.destinations.map((d) => ({ id: d.id, queue: queues.get(destinationQueueName(channel.id, d.id)) })).filter((d) => d.queue !== undefined);

  const lifecycleOf = async (r: Running): Promise<ChannelLifecycle> => {
    const paused = (await queues.get(r.channel.id)?.isPaused()) ?? false;
    const own = destinationQueues(r.channel);
    const destinations: Record<string, ProcessingState> = {};
    for (const d of own) destinations[d.id] = (await d.queue!.isPaused()) ? 'paused' : 'running';
    return {
      source: r.undeployed ? 'undeployed' : r.stopped ? 'stopped' : 'running',
      processing: paused ? 'paused' : 'running',
      ...(own.length ? { destinations } : {}),
      ...(r.changedAt ? { changedAt: r.changedAt } : {}),
      ...(r.changedBy ? { changedBy: r.changedBy } : {}),
    };
  };

  /** The action's effect, or why it makes no sense in the channel's state. */
  const transition = async (r: Running, action: ChannelAction): Promise<string | undefined> => {
    const queue = queues.get(r.channel.id)!;
    if (r.undeployed && action === 'undeploy') return 'the channel is already undeployed';
    if (r.undeployed && (action === 'start' || action === 'stop')) return 'the channel is undeployed: deploy it first';
    switch (action) {
      case 'deploy':
        if (!r.undeployed) return 'the channel is already deployed';
        r.undeployed = false;
        r.stopped = false;
        await deployedChanged();
        await startSource(r.channel).catch((err: unknown) => {
          r.stopped = true; // shown as stopped: `start` tries again once the port is free
          sourceProblem(r.channel.id, err);
        });
        return undefined;
      case 'undeploy':
        r.undeployed = true;
        r.stopped = true; // HTTP intake refuses from now on
        await stopSource(r.channel.id);
        await deployedChanged();
        return undefined;
      case 'start':
        if (!r.stopped) return 'the channel is already running';
        await startSource(r.channel);
        r.stopped = false;
        return undefined;
      case 'stop':
        if (r.stopped) return 'the channel is already stopped';
        r.stopped = true; // HTTP intake refuses from now on, before the listener has finished closing
        await stopSource(r.channel.id);
        return undefined;
      case 'pause':
        if (await queue.isPaused()) return 'processing is already paused';
        await queue.pause();
        return undefined;
      case 'resume':
        if (!(await queue.isPaused())) return 'processing is not paused';
        await queue.resume();
        return undefined;
    }
  };

  const act = (channelId: string, action: ChannelAction, who: string): Promise<ActResult> =>
    serial(async () => {
      const r = running.get(channelId);
      if (!r) return { ok: false, code: 'NOT_FOUND', error: `no channel "${channelId}"` };
      const conflict = await transition(r, action);
      if (conflict) return { ok: false, code: 'CHANNEL_STATE_CONFLICT', error: `cannot ${action} channel ${channelId}: ${conflict}` };
      r.changedAt = new Date().toISOString();
      r.changedBy = who;
      await audit(channelId, `channel-${action}`, who);
      log.info({ channel: channelId, action, who }, 'channel state changed');
      return { ok: true, channel: channelId, lifecycle: await lifecycleOf(r) };
    });

  const actDestination = (channelId: string, destinationId: string, action: DestinationAction, who: string): Promise<ActResult> =>
    serial(async () => {
      const r = running.get(channelId);
      if (!r) return { ok: false, code: 'NOT_FOUND', error: `no channel "${channelId}"` };
      const queue = destinationQueues(r.channel).find((d) => d.id === destinationId)?.queue;
      if (!queue) return { ok: false, code: 'NOT_FOUND', error: `channel ${channelId} has no destination "${destinationId}" with a queue of its own (a channel's only destination pauses with the channel)` };
      if ((await queue.isPaused()) === (action === 'pause')) return { ok: false, code: 'CHANNEL_STATE_CONFLICT', error: `destination ${destinationId} of channel ${channelId} is ${action === 'pause' ? 'already paused' : 'not paused'}` };
      await (action === 'pause' ? queue.pause() : queue.resume());
      r.changedAt = new Date().toISOString();
      r.changedBy = who;
      await audit(channelId, `destination-${action}`, who, { destination: destinationId });
      log.info({ channel: channelId, destination: destinationId, action, who }, 'destination state changed');
      return { ok: true, channel: channelId, lifecycle: await lifecycleOf(r) };
    });

  const sourceProblem = (channelId: string, err: unknown) => {
    // Not taking messages in although no operator stopped it (a rebind that fell back to the old
    // source still takes them): readiness says so until a start succeeds.
    if (!deps.listeners.has(channelId) && !polled.has(channelId)) sourcesDown.add(channelId);
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).name;
    problems = [...problems, { error: `channel ${channelId}: its source could not start (${code})`, at: new Date().toISOString() }];
  };

  const sourceChanged = (a: Channel, b: Channel) => !isDeepStrictEqual(a.source, b.source);

  /** A changed source: the old one closes first (a port may be reused), the new one binds; if it cannot, the old one again. */
  const rebind = async (before: Channel, after: Channel): Promise<void> => {
    await stopSource(before.id);
    try {
      await startSource(after);
    } catch (err) {
      log.error({ channel: after.id, err: { name: (err as Error).name, code: (err as NodeJS.ErrnoException).code } }, 'changed source could not start; the previous one is started again');
      await startSource(before).catch(() => undefined);
      throw err;
    }
  };

  const apply: ChannelManager['apply'] = (next) =>
    serial(async () => {
      const nextIds = new Set(next.map((c) => c.id));
      const removed = [...running.keys()].filter((id) => !nextIds.has(id));
      const added: string[] = [];
      const changed: string[] = [];
      const rebound: string[] = [];
      for (const id of removed) {
        await stopSource(id);
        running.delete(id);
      }
      for (const channel of next) {
        const r = running.get(channel.id);
        queues.put(channel);
        if (!r) {
          const fresh: Running = { channel, stopped: false };
          running.set(channel.id, fresh);
          added.push(channel.id);
          await startSource(channel).catch((err: unknown) => {
            fresh.stopped = true; // shown as stopped: `start` tries again once the port is free
            sourceProblem(channel.id, err);
          });
          continue;
        }
        if (isDeepStrictEqual(r.channel, channel)) continue;
        changed.push(channel.id);
        if (r.undeployed) {
          r.channel = channel; // the version a later deploy brings back
          continue;
        }
        const before = r.channel;
        r.channel = channel; // open connections take the new version from their next message
        if (!r.stopped && sourceChanged(before, channel)) {
          rebound.push(channel.id);
          await rebind(before, channel).catch((err: unknown) => {
            r.channel = before;
            sourceProblem(channel.id, err);
          });
        }
      }
      await deployedChanged();
      // Deployments by file are changes too: in each channel's audit stream, by the channels directory.
      for (const [ids, action] of [[added, 'channel-deploy'], [changed, 'channel-reload'], [removed, 'channel-undeploy']] as const) {
        for (const id of ids) await audit(id, action, RELOAD_WHO);
      }
      // Its workers are gone by now (onChannelsChanged): the queue object can go; its jobs stay.
      for (const id of removed) await queues.remove(id);
      return { added, removed, changed, rebound };
    });

  return {
    channels,
    isStopped: (id) => running.get(id)?.stopped ?? false,
    async startAll() {
      for (const channel of channels()) await startSource(channel);
    },
    attachHttp(h) {
      http = h;
    },
    act,
    actDestination,
    apply,
    async lifecycles() {
      const out: Record<string, ChannelLifecycle> = {};
      for (const r of running.values()) out[r.channel.id] = await lifecycleOf(r);
      return out;
    },
    configProblems: () => problems,
    sourcesDown: () => [...sourcesDown].filter((id) => running.has(id)),
    setConfigProblems(p) {
      problems = p;
    },
    async close() {
      await Promise.all([...running.keys()].map(stopSource));
    },
  };
}
