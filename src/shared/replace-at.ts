/**
 * `text.replace(re, template)` for a long text in which a global regex can only match at a few positions
 * that a cheap scan finds (the occurrences of a literal the match must start with, or positions derived
 * from them). The regex runs sticky at those positions only instead of being tried at every character:
 * redacting an 87 MB JSON result with the secret rules took 2.4 s by plain `replace`, almost all of it
 * in regexes failing at positions where no match could start.
 *
 * The result is identical to `text.replace(re, template)` provided `starts` yields, in ascending order,
 * every position at which a match of `re` can start (extra positions only cost a failed try). Lookbehinds,
 * `^`/`$` and `\b` see the whole text, as they do in the plain replace.
 * Pure: no Node, no DOM (the renderer uses it too).
 */
export function replaceAt(text: string, re: RegExp, template: string, starts: Iterable<number>): string {
  const { sticky, parts } = prepared(re, template);
  let out = '';
  let replaced = false;
  let copied = 0; // text before this index is in `out`
  let next = 0; // the first position a match may start at (after the last match, or past the last try)
  for (const at of starts) {
    if (at < next || at > text.length) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    next = at + 1;
    if (!m) continue;
    out += text.slice(copied, at) + expand(parts, m);
    replaced = true;
    copied = at + m[0].length;
    next = Math.max(next, copied);
  }
  // the very same string when nothing matched (callers test identity to know nothing changed)
  return replaced ? out + text.slice(copied) : text;
}

const cache = new WeakMap<RegExp, { template: string; sticky: RegExp; parts: TemplatePart[] }>();
/** The sticky twin of `re` and the compiled template, made once per rule (redaction runs per string). */
function prepared(re: RegExp, template: string) {
  let p = cache.get(re);
  if (!p || p.template !== template) {
    const groups = new RegExp(`${re.source}|`).exec('')!.length - 1;
    p = { template, sticky: new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}y`), parts: compileTemplate(template, groups) };
    cache.set(re, p);
  }
  return p;
}

type TemplatePart = string | number;

/** The replacement template as literal text and capture numbers (`$n`, `$nn`, `$&`, `$$`, as String.replace reads them). */
function compileTemplate(template: string, groups: number): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let lit = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    const d = template[i + 1];
    if (c !== '$' || d === undefined) lit += c;
    else if (d === '$') {
      lit += '$';
      i++;
    } else if (d === '&') {
      parts.push(lit, 0);
      lit = '';
      i++;
    } else if (d >= '0' && d <= '9') {
      const two = Number(template.slice(i + 1, i + 3));
      const one = Number(d);
      const n = template.length > i + 2 && /\d/.test(template[i + 2]) && two >= 1 && two <= groups ? two : one;
      if (n < 1 || n > groups) {
        lit += c;
        continue;
      }
      parts.push(lit, n);
      lit = '';
      i += n >= 10 ? 2 : 1;
    } else if (d === '`' || d === "'" || d === '<') throw new Error(`replaceAt: template ${template} uses $${d}, which is not supported`);
    else lit += c;
  }
  parts.push(lit);
  return parts;
}

function expand(parts: TemplatePart[], m: RegExpExecArray): string {
  let s = '';
  for (const p of parts) s += typeof p === 'string' ? p : (m[p] ?? '');
  return s;
}
