/**
 * The one bound on waiting: every "give up after N ms" in hig (enqueue before an ACK, a job's run,
 * a synchronous HTTP run, a remote SFTP call, a metrics probe) goes through here, so a timer is
 * always cleared and a late result never settles anything twice.
 */

/**
 * Settles as `work` does, or rejects with `onTimeout()` once `ms` have passed. One promise and one
 * timer per call (Promise.race plus finally cost three more promises on the ingest path).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => unknown = () => new Error(`exceeded ${ms} ms`)): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * As withDeadline, for work that can be told to stop: its signal aborts when the deadline passes,
 * before the rejection, so the work stops spending effort on an answer nobody waits for.
 */
export function withAbortDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, onTimeout: () => unknown): Promise<T> {
  const controller = new AbortController();
  return withDeadline(work(controller.signal), ms, () => {
    controller.abort();
    return onTimeout();
  });
}
