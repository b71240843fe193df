/**
 * The channel configuration as the dashboard shows it: every value whose name says it is a secret
 * or points at one (…Env, …File, password, passphrase, secret, token, key) is replaced, and
 * credentials or secret-looking query parameters inside URLs are blanked. Names stay visible so an
 * operator can tell which setting is in play without seeing it.
 */
export const MASK = '••••••';

const SECRET_NAME = /(env|file|password|passphrase|secret|token|key|credential|cert)$|^(password|passphrase|secret|token|apikey|api_key|key|authorization|cookie)$/i;
const SECRET_INSIDE = /password|passphrase|secret|apikey|api_key|privatekey|private_key/i;
const SECRET_PARAM = /token|secret|password|passwd|pwd|key|signature|sig|auth|code/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || SECRET_INSIDE.test(name);
}

/** `scheme://user:pass@host/…?token=…` → `scheme://••••••@host/…?token=••••••`; other text unchanged. */
export function maskUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not parseable: still never show what sits before an @ in the authority.
    return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, `$1${MASK}@`);
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) {
      url.searchParams.set(name, MASK);
      changed = true;
    }
  }
  if (!changed) return text;
  const out = url.toString();
  return text.includes('@') && !out.includes('@') ? out.replace('://', `://${MASK}@`) : out;
}

export function maskConfig(value: unknown, name = ''): unknown {
  if (name && isSecretName(name) && value !== null && value !== undefined && typeof value !== 'boolean') return MASK;
  if (typeof value === 'string') return maskUrl(value);
  if (Array.isArray(value)) return value.map((v) => maskConfig(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskConfig(v, k);
    return out;
  }
  return value;
}
