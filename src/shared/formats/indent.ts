/**
 * Excerpts copied out of a document come indented: a Markdown code block, an article's sample or a quoted reply
 * puts the same blanks before every line. Formats read lines from their first byte, so such a text is read
 * without that shared indentation. Works on any string whose characters stand for bytes (latin1) or characters.
 */

const blank = (c: number) => c === 0x20 || c === 0x09;

/**
 * The text without the indentation every non-empty line shares, or undefined when there is none. Line numbers
 * hold; a line indented further (a stack trace) keeps the rest of its indentation.
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
