/**
 * ssh2's SFTP calls as promises, one rule for the SFTP source and the SFTP file destination
 * (beside src/deadline.ts: both sides of the flow use it, neither owns it).
 */

/** SSH_FX_NO_SUCH_FILE */
export const NO_SUCH_FILE = 2;

export function sftpCall<T>(fn: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      fn((err, value) => (err ? reject(err) : resolve(value)));
    } catch (err) {
      reject(err as Error); // ssh2 throws synchronously for an extension the server lacks
    }
  });
}
