/**
 * Pretty-printing for the raw file view. Evidence texts can be cut (the analysis keeps an excerpt) and are
 * hostile, so these never parse: one linear pass over the characters, indenting by nesting depth, so a
 * clipped or malformed JSON / XML text still comes out readable and nothing is evaluated.
 */

/** JSON (also cut-off JSON): a newline and indent after `{` `[` `,`, before `}` `]`; strings untouched. */
export function prettyJson(text: string, indent = '  '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const nl = () => '\n' + indent.repeat(Math.max(0, depth));
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      // An empty object/array stays on one line.
      const next = nextNonSpace(text, i + 1);
      if (next === (c === '{' ? '}' : ']')) {
        out += c;
        continue;
      }
      depth++;
      out += c + nl();
    } else if (c === '}' || c === ']') {
      if (out.endsWith('{') || out.endsWith('[')) out += c;
      else {
        depth--;
        out += nl() + c;
      }
    } else if (c === ',') out += c + nl();
    else if (c === ':') out += ': ';
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    else out += c;
  }
  return out;
}

function nextNonSpace(s: string, from: number): string {
  for (let i = from; i < s.length; i++) if (!/\s/.test(s[i])) return s[i];
  return '';
}

/** XML (also cut-off XML): one tag or text run per line, indented by depth. */
export function prettyXml(text: string, indent = '  '): string {
  const parts = text.replace(/>\s*</g, '>\n<').split('\n');
  let depth = 0;
  const out: string[] = [];
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    const closing = p.startsWith('</');
    // `<a/>`, `<a>text</a>` (split keeps an element with only text on one line), `<?xml …?>`, `<!-- … -->`
    const selfContained = p.endsWith('/>') || (!closing && p.includes('</')) || p.startsWith('<?') || p.startsWith('<!');
    if (closing) depth = Math.max(0, depth - 1);
    out.push(indent.repeat(depth) + p);
    if (!closing && !selfContained && p.startsWith('<') && p.endsWith('>')) depth++;
  }
  return out.join('\n');
}

export type RawKind = 'json' | 'xml' | 'conf' | null;

/** Which raw view a file's evidence gets: JSON (status, settings, .json), XML, key=value config, or none (a log). */
export function rawKind(file: string, text = ''): RawKind {
  const name = file.split('/').pop() ?? file;
  if (/\.(json|status|settings)$/i.test(name) || /^(HandlerEnvironment|HandlerManifest|waagent_status)/i.test(name)) return 'json';
  if (/\.xml$/i.test(name)) return 'xml';
  if (/\.(conf|cfg|ini|config)$/i.test(name) || /^(waagent\.conf|vmbackup\.conf)$/i.test(name)) return 'conf';
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[{')) return 'json';
  if (t.startsWith('<?xml')) return 'xml';
  return null;
}
