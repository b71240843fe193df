/**
 * File name patterns for the file and SFTP sources. chokidar 5 dropped glob support and Node 20
 * has no stable path.matchesGlob, so this is a small, total translation to a RegExp that matches
 * one name (never a path): `*`, `?`, `[abc]`/`[!abc]`, `{a,b}`; everything else is literal.
 */
function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let inGroup = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (c) => `\\${c}`)}]`;
      i = close;
    } else if (ch === '{') {
      inGroup++;
      out += '(?:';
    } else if (ch === '}' && inGroup > 0) {
      inGroup--;
      out += ')';
    } else if (ch === ',' && inGroup > 0) out += '|';
    else out += escapeRegExp(ch);
  }
  // An unclosed "{" is taken literally rather than producing an invalid expression.
  if (inGroup > 0) return new RegExp(`^${escapeRegExp('')}${pattern.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => `\\${c}`)}$`);
  return new RegExp(`^${out}$`);
}

/** Hidden and temporary names (".x", "x.tmp", "x.part", "~x") are never taken: writers use them while writing. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~') || /\.(tmp|part|filepart|partial|swp)$/i.test(name);
}

export function nameMatcher(pattern: string): (name: string) => boolean {
  const re = globToRegExp(pattern);
  return (name) => !isTemporaryName(name) && re.test(name);
}
