/** Text as Windows saves it in an ANSI code page (Notepad's "ANSI", PowerShell 5's Set-Content), for the tests. */
export type AnsiCodePage = 'windows-1252' | 'windows-1250' | 'iso-8859-2' | 'shift_jis' | 'gbk';

const TABLES = new Map<string, Map<string, number[]>>();
function table(enc: AnsiCodePage): Map<string, number[]> {
  let t = TABLES.get(enc);
  if (t) return t;
  t = new Map();
  const d = new TextDecoder(enc);
  if (enc === 'shift_jis' || enc === 'gbk') {
    const last = enc === 'gbk' ? 0xfe : 0xfc;
    for (let a = 0x81; a <= last; a++)
      for (let b = 0x40; b <= last; b++) {
        const s = d.decode(Buffer.from([a, b]));
        if (s.length === 1 && s !== '\ufffd' && !t.has(s)) t.set(s, [a, b]);
      }
  } else for (let i = 0x80; i < 256; i++) t.set(d.decode(Buffer.from([i])), [i]);
  TABLES.set(enc, t);
  return t;
}
/** UTF-8 text in an ANSI code page (every character must have a code there). */
export function inAnsi(text: string, enc: AnsiCodePage): Buffer {
  const t = table(enc);
  return Buffer.from(
    [...text].flatMap((ch) => {
      if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
      const b = t.get(ch);
      if (!b) throw new Error(`${JSON.stringify(ch)} has no code in ${enc}`);
      return b;
    }),
  );
}


/** The text in the first of `pages` that has a code for each of its characters; undefined when none has. */
export function inFirstAnsi(text: string, pages: readonly AnsiCodePage[]): Buffer | undefined {
  for (const enc of pages) {
    try {
      return inAnsi(text, enc);
    } catch {
      // a character this code page lacks
    }
  }
  return undefined;
}
