/**
 * Hot reload: the channels directory is watched; after a change (a file saved, added, removed,
 * renamed) has settled, the whole directory is read again with the one loader `hig start` and
 * `hig check-config` use (src/config/load.ts: schemas, time zones, secrets and files named, the HTTP
 * timeout rule), so a reload accepts exactly what a restart would. Invalid → refused: the error (file, field) is logged and kept for /api/stats and the
 * dashboard, and the running version stays. Valid → the channel manager applies it.
 */
import { watch, type FSWatcher } from 'chokidar';
import type { Channel } from '../config/channel.js';
import type { Logger } from '../log.js';
import type { ChannelManager } from './manager.js';

/** Editors write a file in steps (truncate, write, rename): one reload after they are done. */
const SETTLE_MS = 300;

export interface ChannelsWatch {
  /** resolves once the watcher is watching */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * `load`: the daemon's own call of the one loader (src/config/load.ts, with its settings); throws
 * ConfigError (or ConfigProblems) naming file and field.
 */
export function watchChannels(dir: string, manager: ChannelManager, log: Logger, load: () => Channel[]): ChannelsWatch {
  let timer: NodeJS.Timeout | undefined;
  let reloading: Promise<void> = Promise.resolve();
  const reload = async () => {
    let enabled: Channel[];
    try {
      enabled = load().filter((c) => c.enabled);
    } catch (err) {
      const error = (err as Error).message; // ConfigError: file and field, never a value
      manager.setConfigProblems([{ error, at: new Date().toISOString() }]);
      log.error({ code: 'CHANNEL_CONFIG_INVALID', error }, 'channel files refused; the running channels stay as they were');
      return;
    }
    manager.setConfigProblems([]);
    try {
      const r = await manager.apply(enabled);
      log.info(r, 'channel files reloaded');
    } catch (err) {
      // Valid files the daemon could not apply (a port another process holds, a module that would
      // not load): shown where a refused file is, so the operator sees it. Config and socket errors
      // name files, fields and ports, never message content.
      const { name, code, message } = err as NodeJS.ErrnoException;
      const error = `${name}${code ? ` ${code}` : ''}: ${message}`;
      manager.setConfigProblems([{ error, at: new Date().toISOString() }]);
      log.error({ code: 'CHANNEL_RELOAD_FAILED', err: { name, ...(code ? { code } : {}) }, error }, 'channel reload failed; see config errors in /api/stats');
    }
  };
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => (reloading = reloading.then(reload)), SETTLE_MS);
  };
  const watcher: FSWatcher = watch(dir, { ignoreInitial: true, depth: 0 });
  watcher.on('all', (_event, path) => {
    if (path.endsWith('.json') || path === dir) changed();
  });
  watcher.on('error', (err) => log.error({ err: { name: (err as Error).name } }, 'channels directory watch failed'));
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await reloading;
    },
  };
}
