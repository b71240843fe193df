/**
 * The one rule for files named in channel files (lookup tables under mappings/, code modules under
 * transformers/): the name must resolve, symlinks included, to a file inside its directory.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export function resolveInside(dir: string, name: string): { ok: true; file: string } | { ok: false; reason: string } {
  let root: string;
  let file: string;
  try {
    root = realpathSync(dir);
    file = realpathSync(join(root, name));
  } catch (err) {
    return { ok: false, reason: `${name}: not found in ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return { ok: false, reason: `${name}: resolves outside ${dir}` };
  return { ok: true, file };
}
