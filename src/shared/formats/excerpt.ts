/**
 * Excerpts copied out of a document come dressed: a Markdown code block, an article's sample or a quoted reply puts
 * the same blanks before every line, an e-mail or GitHub reply puts `> ` before it, and a web page, Teams or Outlook
 * turns runs of spaces into non-breaking spaces, and a terminal session saved or copied with its colours (`script`,
 * `journalctl` or `grep --color=always` through `tee`) keeps the escape codes around the words. Formats read lines from their first byte and match their spaces, so
 * such a text is read without that dress. Line numbers always hold.
 *
 * Texts come in two kinds: `chars` (a JavaScript string of characters: a paste, a decoded head) and `bytes` (a string
 * whose characters stand for the bytes of UTF-8 text, latin1-decoded, as ingest reads files).
 */

export type TextKind = 'chars' | 'bytes';

const blank = (c: number) => c === 0x20 || c === 0x09;

/**
 * The text without the indentation every non-empty line shares, or undefined when there is none. A line indented
 * further (a stack trace) keeps the rest of its indentation.
 */
export function dedent(text: string): string | undefined {
  // the shared indentation: the part of the first non-empty line's leading blanks that every non-empty line starts with
  let first = -1;
  let indent = 0;
  for (let i = 0; i <= text.length; ) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    let j = i;
    while (j < end && blank(text.charCodeAt(j))) j++;
    if (!(j === end || (j === end - 1 && text.charCodeAt(j) === 0x0d))) {
      if (first < 0) {
        first = i;
        indent = j - i;
      } else {
        let k = 0;
        while (k < indent && k < j - i && text.charCodeAt(i + k) === text.charCodeAt(first + k)) k++;
        indent = k;
      }
      if (indent === 0) return undefined;
    }
    i = end + 1;
  }
  if (indent === 0) return undefined;
  const cut = new RegExp(`^[ \\t]{0,${indent}}`, 'gm');
  return text.replace(cut, '');
}

const QUOTED = /^[ \t]{0,3}>/;
const QUOTE_MARKS = /^[ \t]{0,3}(?:> ?){1,20}/gm;

/**
 * The text without e-mail quoting, or undefined when it is not a quoted text. A reply quotes most of its lines (a
 * reply quoting a reply has several `>`); a log line never starts with `>`, so half its non-empty lines quoted
 * makes a text quoted, and every quoted line loses its marks.
 */
export function unquote(text: string): string | undefined {
  let quoted = 0;
  let nonEmpty = 0;
  for (let i = 0; i <= text.length; ) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    const line = text.slice(i, end);
    if (line.trim() !== '') {
      nonEmpty++;
      if (QUOTED.test(line)) quoted++;
    }
    i = end + 1;
  }
  return quoted > 0 && quoted * 2 >= nonEmpty ? text.replace(QUOTE_MARKS, '') : undefined;
}

/** A line as `cat -n` and `nl` print it: its number right-aligned (six columns, wider past 999999), a TAB, the line. */
const NUMBERED = /^ *(\d{1,9})\t/;

/**
 * The text without the line numbers `cat -n` or `nl` printed before its lines, or undefined when it has none. `cat -n`
 * numbers every line, `nl` (its default `-b t`) the lines that are not empty, giving those only blanks: every line that
 * is not blank carries a number, one more than the one before (an excerpt of the output may start at any number). A
 * blank line of such a text is the tool's, and becomes empty. A log line never starts with a number and a TAB.
 */
export function unnumber(text: string): string | undefined {
  let next = -1;
  let numbered = 0;
  for (let i = 0; i <= text.length; ) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    let j = i;
    while (j < end && blank(text.charCodeAt(j))) j++;
    if (!(j === end || (j === end - 1 && text.charCodeAt(j) === 0x0d))) {
      const line = text.slice(i, Math.min(end, i + 24));
      const m = NUMBERED.exec(line);
      // (a head read up to some byte may end inside the last line's number)
      if (!m && end === text.length && /^ *\d*$/.test(line)) break;
      if (!m || (next >= 0 && Number(m[1]) !== next)) return undefined;
      next = Number(m[1]) + 1;
      numbered++;
    }
    i = end + 1;
  }
  // (one numbered line may be a line that happens to start so)
  return numbered < 2 ? undefined : text.replace(/^(?: *\d{1,9}\t|[ \t]+(?=\r?$))/gm, '');
}

/** A non-breaking space, as a character and as its UTF-8 bytes (a lone 0xA0 byte is part of another character). */
const NBSP: Record<TextKind, string> = { chars: '\u00a0', bytes: '\u00c2\u00a0' };

/**
 * Whether a text whose start is `head` could be dressed: its first line starts blank, empty or quoted, or the head
 * holds a non-breaking space or a terminal's escape code. A text that is not needs no further reading.
 */
export function mayBeDressed(head: string, kind: TextKind): boolean {
  const c = head.charCodeAt(0);
  return blank(c) || c === 0x0a || c === 0x0d || /(?:^|\n)[ \t]{0,3}>/.test(head) || head.includes(NBSP[kind]) || head.includes('\x1b');
}

/**
 * A terminal's escape codes (ECMA-48): a control sequence (`ESC [` … final byte: colours, `ESC[K`), an operating system
 * command (`ESC ]` … BEL or `ESC \`: a window title) and a character set choice (`ESC ( B`). All are ASCII, so the one
 * expression serves both text kinds.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z])/g;

/**
 * The excerpt as the program wrote it (terminal escape codes, non-breaking spaces, the line numbers of `cat -n` or
 * `nl`, quoting and shared indentation removed, in that order), or undefined when it was not dressed.
 */
export function plainExcerpt(text: string, kind: TextKind): string | undefined {
  const bare = text.includes('\x1b') ? text.replace(ESCAPES, '') : text;
  const spaced = bare.includes(NBSP[kind]) ? bare.replaceAll(NBSP[kind], ' ') : bare;
  const listed = unnumber(spaced) ?? spaced;
  const unquoted = unquote(listed) ?? listed;
  const plain = dedent(unquoted) ?? unquoted;
  return plain === text ? undefined : plain;
}
