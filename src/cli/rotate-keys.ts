/**
 * `hig rotate-keys CHANNEL…|--all`: re-seal every sealed value in Redis under DATA_ENCRYPTION_KEY
 * (security/rotate.ts). Goes through every channel whatever one of them holds: jobs that cannot be
 * re-sealed are listed by id and left as they are; a channel that cannot be read at all (Redis
 * gone) is reported and the others still rotated, with exit 1 at the end. Works on Redis directly
 * (it needs the keys, which the CLI holds), with the daemon's prefix from the same settings. A
 * channel's destination queues are rotated with it (and are among `--all`).
 */
import type { StateIo } from './state.js';
import { NoStateError } from './state.js';
import { hasDestinationQueues, type Channel } from '../config/channel.js';
import { destinationQueueName } from '../redis/keys.js';

function destinationQueuesOf(channel: Channel | undefined): string[] {
  return channel && hasDestinationQueues(channel) ? channel.destinations.map((d) => destinationQueueName(channel.id, d.id)) : [];
}

/** Returns the exit code. */
export async function cmdRotateKeys(io: StateIo, channels: readonly string[], all: boolean): Promise<number> {
  const settings = io.settings;
  const { keyringFromSettings } = await import('../security/keys.js');
  const { keyring } = keyringFromSettings(settings, { allowDevKey: settings.HIG_DEV_MODE });
  const { rotateChannelKeys } = await import('../security/rotate.js');
  const { createGateway } = await import('../index.js');
  const gw = await createGateway({ settings, channelsDir: io.channelsDir ?? settings.HIG_CHANNELS_DIR }).catch((err: Error) => {
    if (err.name === 'ConfigError' || err.name === 'KeyError') throw err;
    throw new NoStateError('no Redis answers at the configured REDIS_URL');
  });
  let code = 0;
  try {
    for (const id of channels) if (!gw.queues.get(id)) throw new NoStateError(`no channel "${id}"`);
    // Every queue of a named channel: its own and its destinations' (`<channel>.<destination>`),
    // whose jobs hold the same sealed message plus the shared Bundle and the destinations' answers.
    const ids = all ? gw.queues.all().map(([id]) => id) : channels.flatMap((id) => [id, ...destinationQueuesOf(gw.queues.channel(id))]);
    for (const id of ids) {
      let r;
      try {
        r = await rotateChannelKeys(gw.queues.get(id)!, gw.queues.connection, gw.queues.prefix, id, keyring);
      } catch (err) {
        io.err(`hig: ${id}: rotation stopped: ${(err as Error).message}`);
        code = 1;
        continue;
      }
      io.out(`${id}: re-sealed ${r.resealed} job(s) (${r.completed} completed) and ${r.parkedResealed} parked message(s) under key ${keyring.currentKid}; ${r.alreadyCurrent} already current; removed ${r.eventsTrimmed} event(s) carrying old-key copies`);
      if (r.unopenable.length) io.out(`${id}: ${r.unopenable.length} job(s) sealed under a key not configured here were left as they are: ${r.unopenable.join(' ')}`);
      if (r.failed.length) io.out(`${id}: ${r.failed.length} job(s) do not open under their own key (tampered or copied from another job) and were left as they are: ${r.failed.join(' ')}`);
      if (r.changed.length) io.out(`${id}: ${r.changed.length} job(s) changed while being rotated; run rotate-keys again for them: ${r.changed.join(' ')}`);
    }
  } finally {
    await gw.close();
  }
  return code;
}
