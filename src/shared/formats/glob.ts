/**
 * The path globs of the format declarations, compiled to anchored regular expressions. They are ours (never
 * user input), in a small dialect: `*` any characters within one path segment, `?` one, `**` then `/` any folders
 * (none included), `{a,b}` alternatives, `<n>` one or more digits. Everything else is literal.
 */
export function globToRegExp(glob: string, caseInsensitive = false): RegExp {
  return new RegExp(`^${compile(glob)}$`, caseInsensitive ? 'i' : '');
}

function compile(g: string): string {
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*' && g[i + 2] === '/') {
      out += '(?:[^/]+/)*';
      i += 2;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '<' && g.startsWith('<n>', i)) {
      out += '\\d+';
      i += 2;
    } else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in glob ${g}`);
      out += `(?:${g
        .slice(i + 1, end)
        .split(',')
        .map(compile)
        .join('|')})`;
      i = end;
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return out;
}

/** The folder of a literal VM path (`var/log/waagent.log` → `var/log`). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
