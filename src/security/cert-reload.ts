/**
 * Certificate reload for TLS servers (MLLP listeners and the HTTPS server): the files are polled
 * (which works across editors' atomic renames and mounted secrets) and a changed file installs a
 * new secure context; a context that cannot be built keeps the previous certificates.
 */
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type tls from 'node:tls';

/** How often certificate files are checked for changes. */
export const CERT_POLL_MS = 1000;

interface ReloadLog {
  info(msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Watches `files`; on a change, `server.setSecureContext(contextOf())`. `label` starts the log
 * lines (`TLS` / `HTTP TLS`). Returns the function that stops watching.
 */
export function reloadCertificatesOnChange(server: Pick<tls.Server, 'setSecureContext'>, files: readonly string[], contextOf: () => tls.SecureContextOptions, log: ReloadLog, label: string): () => void {
  const onChange = (cur: Stats, prev: Stats) => {
    if (cur.mtimeMs === prev.mtimeMs) return;
    try {
      server.setSecureContext(contextOf());
      log.info(`${label} certificates reloaded`);
    } catch (err) {
      log.error({ err: { message: (err as Error).message } }, `${label} reload failed; keeping the previous certificates`);
    }
  };
  for (const f of files) watchFile(f, { interval: CERT_POLL_MS, persistent: false }, onChange);
  return () => files.forEach((f) => unwatchFile(f, onChange));
}
