/**
 * Pinned SSH host keys: an SFTP peer is trusted only when the SHA-256 of its host key equals the
 * pin from the channel file. One rule for the SFTP source and the SFTP file destination.
 */
import { createHash } from 'node:crypto';

/** Accepts the pin as `ssh-keygen -l` prints it (SHA256:base64, padding optional) or as hex (colons optional). */
export function hostKeyMatches(pinned: string, hostKey: Buffer): boolean {
  const digest = createHash('sha256').update(hostKey).digest();
  const p = pinned.trim();
  if (/^SHA256:/i.test(p)) return p.slice(7).replace(/=+$/, '') === digest.toString('base64').replace(/=+$/, '');
  const hex = p.replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) && hex === digest.toString('hex');
}
