/**
 * Pasted text (an excerpt from an e-mail, a chat, a ticket; one or several, of one format or mixed) read like
 * the files it was cut from. The paste is cleaned without moving a line: e-mail quoting (`> `, `>> `) is
 * removed, so is the indentation every line shares (a Markdown code block), and a line an e-mail client wrapped is joined back to its record, leaving its own line empty. Each
 * line is then given to the log format whose lines it matches (a line that matches none stays with the record
 * above it: a continuation, a stack trace, a line cut at its start). Every format found becomes one file at the
 * VM path that format has (/var/log/waagent.log, the Backup extension's extension.log, …) holding the paste's
 * lines of that format at their own line numbers, so evidence "line N" is line N of the paste.
 */
import { FORMATS, formatOf, formatsNamed, HEAD_SCORE, kindOfPath, placeOf, recognise, type FormatDecl } from '../../shared/formats';
import { plainExcerpt } from '../../shared/formats/excerpt';
import { jsonPart } from '../../shared/formats/platform';
import { VERDICT } from '../../shared/formats/sniff';
import { vssWriterStateLine } from '../../shared/formats/windows-sniff';
import { evidenceText } from '../../shared/clip';
import { CONSOLE_AGENT_RECORD, CONSOLE_BANNER, CONSOLE_LOGIN_PROMPT, KERNEL_ON_CONSOLE, SUPERVISORD_AGENT_HEADER } from '../../shared/formats/system';
import { BufferContent } from './content';
import { guessVmPath, ownedGuess, placedBy, SNIFF_SCAN_BYTES, type LooseGuess } from './loose';
import type { IngestedFile } from './types';
import { noted } from './limits';
import { msg } from '../../shared/i18n/analysis';

/** What the result's data calls a paste (the input's path, a file's origin: the JSON's words); a reader sees labels.ts `finding.pasted`. */
export const PASTE_LABEL = 'pasted text';

/** Pastes above this size are refused (a paste is an excerpt; a whole log is opened as a file). */
export const MAX_PASTE_BYTES = 64 * 1024 * 1024;

const LINE_FORMATS: readonly FormatDecl[] = FORMATS.filter((f) => f.sniff?.line);

/** The log format a single line is in, or undefined. */
function lineFormat(line: string): FormatDecl | undefined {
  const l = line.length > 512 ? line.slice(0, 512) : line;
  return LINE_FORMATS.find((f) => f.sniff!.line!.test(l));
}

/**
 * A mail client wraps at 72-80 columns: a paste whose lines are all at most WRAP_MAX long, with a record line at
 * least WRAP_MIN long followed by a line that starts no record, had that record cut. A paste with any longer line
 * was not wrapped, and a line after a record is then a continuation (a line without a time stamp), left alone.
 */
const WRAP_MIN = 66;
const WRAP_MAX = 80;

/**
 * A branch of a process tree, a line of its own however short the one above: pstree's `|-cmd`, `` `-cmd `` and the
 * deeper `|       `-2*[{python3}]` (Azure/WALinuxAgent#963), the Unicode `├─`, `└─`, `│   └─` of pstree and of
 * systemctl's CGroup. (A shell pipe, `| grep`, has a space after its bar.)
 */
const TREE_BRANCH = /^[ \t]{0,40}(?:[|│][ \t]{1,12}){0,12}[|`├└][-─]/;

const VERDICT_RE = new RegExp(VERDICT);
/** A paste whose longest line is longer than this was not wrapped by a portal or a terminal. */
const VERDICT_WRAP_MAX = 240;

/**
 * A verdict on an extension that a deployment error quotes (formats/sniff.ts VERDICT), wrapped by the portal or the
 * terminal it was copied from, joined back into its paragraph's first line (the lines it took left empty): the
 * paragraph is the lines the wrap cut, each as wide as the wrap (`width`, the paste's longest line) or too full for
 * the next line's first word. A terminal cuts at the width whatever the text (a hard wrap, every cut line exactly as
 * wide: joined as they are, `exit status=1` + `27` is 127); a word wrap dropped a space (joined with one), unless it
 * cut a word longer than the width (a line without a space, as wide as the wrap).
 */
function joinWrappedVerdicts(out: string[], width: number, joins: Join[]): void {
  if (width > VERDICT_WRAP_MAX) return;
  // a line that may go on from the one above: not empty, not indented (a hard wrap may leave one space at its start),
  // no time stamp of a record of its own
  const more = (l: string, above = '') =>
    l.trim() !== '' && (!/^\s/.test(l) || (above.length === width && /^ \S/.test(l))) && !/^\d{4}[-/]\d\d[-/]\d\d[T ]\d/.test(l);
  const cut = (l: string, next: string) => l.length === width || l.length + 1 + /^\S*/.exec(next)![0].length > width;
  const cuts = out.filter((l, i) => i + 1 < out.length && more(l) && more(out[i + 1], l) && cut(l, out[i + 1]));
  const hard = cuts.length > 0 && cuts.every((l) => l.length === width);
  const glue = (l: string) => (hard || /[\s-]$/.test(l) || (l.length === width && !/\s/.test(l)) ? '' : ' ');
  for (let i = 0; i < out.length; i++) {
    if (!more(out[i])) continue;
    let j = i + 1;
    let text = out[i];
    for (; j < out.length && more(out[j], out[j - 1]) && cut(out[j - 1], out[j]); j++) text += glue(out[j - 1]) + out[j];
    if (j > i + 1 && VERDICT_RE.test(text)) {
      out[i] = text;
      out.fill('', i + 1, j);
      joins.push({ first: i, last: j - 1 });
    }
    i = j - 1;
  }
}

/** Lines of a paste (0-based, inclusive) that a wrap had cut from one line and that are read joined, at the first. */
export interface Join {
  first: number;
  last: number;
}

/**
 * The paste's lines with quoting removed and wrapped lines joined (a joined line is left empty in place); `joins`
 * gets the lines joined, for the file to say so (its evidence shows them joined).
 */
export function cleanPaste(text: string, joins: Join[] = []): string[] {
  const lines = straightQuotes(text.replace(/\r\n?/g, '\n'));
  // e-mail quoting, a Markdown code block's indentation, a web page's non-breaking spaces
  const out = (plainExcerpt(lines, 'chars') ?? lines).split('\n');
  const width = out.reduce((m, l) => Math.max(m, l.length), 0);
  const wrapped = out.every((l) => l.length <= WRAP_MAX) && out.some((l) => l.length >= WRAP_MIN);
  // (first: a hard wrap cuts words, which the mail client's join below would split with a space)
  joinWrappedVerdicts(out, width, joins);
  let last = -1;
  for (let i = 0; wrapped && i < out.length; i++) {
    const l = out[i];
    if (l.trim() === '') continue;
    const starts = lineFormat(l);
    // a wrapped tail: the line above is a record cut at the wrap width, this one starts no record and is not
    // indented (a stack trace's lines are) nor a process tree's next branch, so it is the rest of that record's text
    if (!starts && last >= 0 && i === last + 1 && out[last].length >= WRAP_MIN && !!lineFormat(out[last]) && !/^\s/.test(l) && !/^(?:Traceback|\w+(?:Error|Exception)\b)/.test(l) && !TREE_BRANCH.test(l)) {
      out[last] = `${out[last]}${/[\s-]$/.test(out[last]) ? '' : ' '}${l}`;
      out[i] = '';
      const prev = joins[joins.length - 1];
      if (prev && prev.first === last) prev.last = i;
      else joins.push({ first: last, last: i });
      continue;
    }
    last = i;
  }
  return out;
}

const CURLY_QUOTES = /[\u2018\u2019\u201c\u201d]/;
/**
 * A paste that went through Outlook or Word (AutoFormat's smart quotes) has curly quotes where the logs wrote straight
 * ones, and no straight one left: its quotes put back (`'NoneType'`, `"status": …`), one character for one. A paste with
 * a straight quote anywhere was not converted and keeps its curly ones.
 */
function straightQuotes(text: string): string {
  if (!CURLY_QUOTES.test(text) || /["']/.test(text)) return text;
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/**
 * The files a paste is read as. A paste with no line of a known log format is one document (an XML goal
 * state, a status file's JSON, a conf file) placed by its content like a loose file.
 */
export function pastedFiles(text: string, input: number): IngestedFile[] {
  if (Buffer.byteLength(text) > MAX_PASTE_BYTES) throw new Error(`the pasted text is larger than ${MAX_PASTE_BYTES / 1024 / 1024} MB; open the log as a file instead`);
  const joins: Join[] = [];
  const lines = cleanPaste(text, joins);
  const tail = tailFiles(lines, input, PASTE_LABEL, joins) ?? searchFiles(lines, input, PASTE_LABEL, joins);
  if (tail) return tail;
  if (oneDocument(lines)) return [saidJoined(whole(lines.join('\n'), input), joins)];
  if (consolePaste(lines)) return [saidJoined(consoleFile(lines.join('\n'), input), joins)];
  const docs = jsonDocuments(lines);
  if (docs) return docs.map((d) => saidJoined(whole(lines.map((l, i) => (i >= d.first && i <= d.last ? l : '')).join('\n'), input), joins.filter((j) => j.first >= d.first && j.first <= d.last)));
  // each line's format; a line that matches none belongs to the record above it
  const owner: (FormatDecl | undefined)[] = [];
  let cur: FormatDecl | undefined;
  for (const l of lines) {
    if (l.trim() !== '') cur = lineFormat(l) ?? cur;
    owner.push(l.trim() === '' ? undefined : cur);
  }
  // lines above the first recognised one (a greeting, a line cut at its start, a record whose shape no
  // sniffer knows) go with the first format: they are most likely the start of the same log
  const first = owner.findIndex((o) => !!o);
  for (let i = 0; i < first; i++) if (lines[i].trim() !== '') owner[i] = owner[first];
  // an excerpt of supervisord's log (#770): its headers make the agent's lines around them the log that relays them,
  // read as a loose supervisord.log is (relayed-agent.ts), not a waagent.log with a header in a record
  const supervisord = lines.some((l) => SUPERVISORD_AGENT_HEADER.test(l)) ? formatOf('syslog') : undefined;
  if (supervisord) for (let i = 0; i < lines.length; i++) if (owner[i]?.kind === 'waagent-log') owner[i] = supervisord;
  const formats = [...new Set(owner.filter((f): f is FormatDecl => !!f))];
  if (formats.length === 0) return [saidJoined(whole(lines.join('\n'), input), joins)];
  const out: IngestedFile[] = [];
  for (const f of formats) {
    const mine = lines.map((l, i) => (owner[i] === f ? l : ''));
    const body = Buffer.from(mine.join('\n'), 'utf8');
    const head = mine.filter((l) => l !== '').join('\n').slice(0, 4096);
    const vmPath = placeOf(f, f === supervisord ? 'supervisord.log' : undefined, head);
    const count = owner.filter((o) => o === f).length;
    // where the lines went is in the file list (origin "pasted text, lines …"), not a warning: nothing went wrong
    const origin = `${PASTE_LABEL}, ${count} line${count === 1 ? '' : 's'} from line ${owner.indexOf(f) + 1}`;
    const file: IngestedFile = { vmPath, kind: f.kind, size: body.length, truncated: false, origin, input, warnings: [], content: new BufferContent(body) };
    out.push(saidJoined(file, joins.filter((j) => owner[j.first] === f)));
  }
  return out;
}

/**
 * The file, saying which of the paste's lines were read joined (a wrap the paste undid): its evidence shows them as one
 * line, the file's line `at` (0-based) when its lines are not the paste's (a section of a `tail` or search output).
 */
function saidJoined(file: IngestedFile, joins: readonly (Join & { at?: number })[]): IngestedFile {
  if (joins.length === 0) return file;
  const lines = joins.map((j) => [j.first + 1, j.last + 1] as [number, number]);
  const at = joins.some((j) => j.at !== undefined) ? joins.map((j) => (j.at ?? j.first) + 1) : undefined;
  file.warnings.push({ file: file.vmPath, ...noted(msg('ingest.paste-joined', { lines, ...(at ? { at } : {}) })) });
  return file;
}

/**
 * A paste that is one JSON document of a format its content names (an instance view, a status file) is read whole,
 * even when a line of it quotes a log's line: an instance view's VM status quotes the provider's verdict on an
 * extension, which is also a line of waagent.log's format (a pasted deployment error).
 */
function oneDocument(lines: readonly string[]): boolean {
  const text = lines.join('\n');
  // the comment, command and prompt lines pasted around it are not the document's (formats/platform.ts jsonPart)
  const doc = jsonPart(text)?.trim();
  if (!doc || !/[\]}]$/.test(doc) || (recognise(text.slice(0, 4096))?.score ?? 0) < HEAD_SCORE) return false;
  try {
    JSON.parse(doc);
    return true;
  } catch {
    return false;
  }
}

/** At most this many documents are split out of one paste; a longer run is read as before. */
const MAX_DOCUMENTS = 64;

/**
 * A paste of several JSON documents one after another, each on lines of its own (an extension's HandlerStatus and
 * then its status file, as WALinuxAgent #713 posts them), read as each document on its own: the lines of every
 * document, the paste's other lines left empty so line numbers hold. Only when each parses and is a format its
 * content names, and no two land on one VM path; anything else is read as before. One linear pass.
 */
function jsonDocuments(lines: readonly string[]): { first: number; last: number }[] | undefined {
  const docs: { first: number; last: number }[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let first = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    for (let k = 0; k < l.length; k++) {
      const c = l[k];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (depth === 0) {
        if (c === ' ' || c === '\t' || c === '\r') continue;
        // a document starts on a line of its own, after the last one ended on an earlier line
        if ((c !== '{' && c !== '[') || (docs.length > 0 && docs[docs.length - 1].last === i)) return undefined;
        first = i;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth < 0) return undefined;
        if (depth === 0) {
          if (docs.length >= MAX_DOCUMENTS) return undefined;
          docs.push({ first, last: i });
        }
      }
    }
  }
  if (depth !== 0 || inString || docs.length < 2) return undefined;
  const places = new Set<string>();
  for (const d of docs) {
    const text = lines.slice(d.first, d.last + 1).join('\n');
    if ((recognise(text.slice(0, 4096))?.score ?? 0) < HEAD_SCORE) return undefined;
    try {
      JSON.parse(text);
    } catch {
      return undefined;
    }
    const g = guessVmPath(PASTE_LABEL, Buffer.from(text.slice(0, 4096), 'utf8'));
    if (places.has(g.vmPath)) return undefined;
    places.add(g.vmPath);
  }
  return docs;
}

/** GNU `tail` (`tail -f`, `tail -n +1`) and `head` given several files print each under such a header. */
const TAIL_HEADER = /^==> (.{1,4096}) <==$/;

/** Whether a text (its first bytes) is such an output: its first non-empty line is a header. */
export function isTailOutput(head: string): boolean {
  const first = head
    .slice(0, 8192)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .find((l) => l.trim() !== '' && !sessionLine(l));
  return first !== undefined && TAIL_HEADER.test(first);
}

/**
 * The files of a `tail`/`head` output of several files: each one's sections (`tail -f` prints a header again whenever it
 * turns to another file) joined in order, and placed as that file given loose would be (by the name or VM path in its
 * header and its content). Its line numbers are its own, as in the file. Undefined when the text is not such an output.
 */
export function tailFiles(lines: readonly string[], input: number, origin: string, joins: readonly Join[] = []): IngestedFile[] | undefined {
  const bare = lines.map((l) => l.replace(/\r$/, ''));
  // (the prompt and command before it, and the `^C` and prompt after a `tail -f`, are the session's)
  const first = bare.findIndex((l) => l.trim() !== '' && !sessionLine(l));
  if (first < 0 || !TAIL_HEADER.test(bare[first])) return undefined;
  let end = bare.length;
  for (let i = end - 1; i > first && (bare[i].trim() === '' || sessionLine(bare[i])); i--) if (bare[i].trim() !== '') end = i;
  const sections = new Map<string, string[]>();
  const placed = new JoinPlaces(joins);
  let cur: string[] = [];
  for (let i = first; i < end; i++) {
    const h = TAIL_HEADER.exec(bare[i]);
    if (!h) {
      cur.push(bare[i]);
      placed.at(i, cur);
      continue;
    }
    // the blank line tail writes before each header but the first is not the file's
    if (cur.length > 0 && cur[cur.length - 1] === '') cur.pop();
    const name = h[1].trim();
    cur = sections.get(name) ?? [];
    sections.set(name, cur);
  }
  // the text's own last line end
  if (cur.length > 0 && cur[cur.length - 1] === '') cur.pop();
  return sectionFiles(sections, input, origin, placed);
}

/**
 * Where the paste's joined lines (cleanPaste) went in the files a `tail` or search output is split into: the section
 * and the section's own line that holds each join's first line, for the file to say the join at its line.
 */
class JoinPlaces {
  private readonly byFirst: Map<number, Join>;
  private readonly placed = new Map<readonly string[], (Join & { at: number })[]>();
  constructor(joins: readonly Join[]) {
    this.byFirst = new Map(joins.map((j) => [j.first, j]));
  }
  /** Paste line `i` was just added to `section`, as its last line. */
  at(i: number, section: readonly string[]): void {
    const j = this.byFirst.get(i);
    if (!j) return;
    const list = this.placed.get(section) ?? [];
    list.push({ ...j, at: section.length - 1 });
    this.placed.set(section, list);
  }
  of(section: readonly string[]): (Join & { at: number })[] {
    return this.placed.get(section) ?? [];
  }
}

/**
 * A line of a search over files: GNU grep's `-r`/`-H` with `-n` (`/var/log/waagent.log:12:…`, a context line of `-C`
 * `/var/log/waagent.log-11-…`) and PowerShell's Select-String (`C:\WindowsAzure\Logs\WaAppAgent.log:12:…`): the path,
 * the line number between two equal separators, the line. The path has no colon but a drive's.
 */
const SEARCH_LINE = /^((?:[A-Za-z]:)?[^:\n]{1,4096}?)([:-])(\d{1,9})\2(.*)$/;
/** grep without `-n` over several files: the path, a colon, the line (`/var/log/waagent.log:2024-01-02T…`). */
const PLAIN_SEARCH_LINE = /^((?:[A-Za-z]:)?[^:\n]{1,4096}?):(.*)$/;
/** `grep -n` over one file: the line number, `:` (a match) or `-` (a context line), the line (`12:2024-01-02T…`). */
const NUMBERED_LINE = /^(\d{1,9})([:-])(.*)$/;
/** A line that starts with a date or a clock: its digits are a time, not a line number (`10:24:13 …`, `2024-01-02 …`). */
const TIMED_START = /^(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}:\d\d[:.]\d\d)/;
/**
 * A searched file's path: a file name with an extension (a rotation's number, `.gz`) last, or an absolute Linux path
 * without spaces (`/var/log/messages`), so a dated log line's `2024-01-02` or `2024/01/02 10:11:12` is no path.
 */
const SEARCHED_PATH = /(?:^|[\\/])[\w.-]*[\w-]\.[A-Za-z]\w{0,9}(?:\.\d{1,4})?(?:\.gz)?$|^(?:\.?\/)?(?:[\w.-]+\/)+[\w.-]+$/;
/** grep's line between groups of context lines. */
const SEARCH_GROUP_BREAK = /^--$/;
/**
 * A line a terminal session puts around a command's output, pasted or saved with it: the shell's prompt with the command
 * (`azureuser@vm1:~$ sudo grep -r …`, `[root@vm1 ~]# …`, `PS C:\> …`) and the `^C` that ended a `tail -f`.
 */
const PROMPT_LINE =
  /^(?:[\w.-]{1,64}@[\w.-]{1,253}:[^\s$#]{0,4096}[$#](?:\s.*)?|\[[\w.-]{1,64}@[\w.-]{1,253}(?: [^\]\n]{0,4096})?\][$#](?:\s.*)?|PS [A-Za-z]:\\[^>\n]{0,4096}>(?:\s.*)?|\^C)$/;
/**
 * A bare prompt (`$ sudo grep …`, a lone `$`): the session's only among the lines before the output or after it
 * (sessionEdges), as a log's own line may start with `$`.
 */
const BARE_PROMPT = /^\$(?:\s.*)?$/;
const sessionLine = (l: string) => PROMPT_LINE.test(l) || BARE_PROMPT.test(l);
/**
 * What grep says of a file whose lines it does not print (`Binary file /var/log/journal/…/system.journal matches`,
 * `grep: /var/log/btmp: Permission denied`), in a search's output pasted with its errors.
 */
const SEARCH_NOTE = /^(?:Binary file .{1,4096} matches|grep: .{1,4096})$/;
/** A line that is none of the searched files': empty, a group break, the session's, grep's own; `edge`: among the session's lines before or after the output. */
const besideHits = (l: string, edge = false) => l.trim() === '' || SEARCH_GROUP_BREAK.test(l) || PROMPT_LINE.test(l) || SEARCH_NOTE.test(l) || (edge && BARE_PROMPT.test(l));

/** The lines before a command's output and after it that are the session's (empty, a prompt, grep's own), by index. */
function sessionEdges(lines: readonly string[]): (i: number) => boolean {
  const bare = (i: number) => lines[i].replace(/\r$/, '');
  const around = (i: number) => bare(i).trim() === '' || sessionLine(bare(i)) || SEARCH_NOTE.test(bare(i));
  let head = 0;
  while (head < lines.length && around(head)) head++;
  let tail = lines.length;
  while (tail > head && around(tail - 1)) tail--;
  return (i) => i < head || i >= tail;
}
/** The share of a search output's lines that must carry a path (the rest: a record's next lines, wrapped by a paste). */
const SEARCH_SHARE = 0.95;

/** A search's line: the file it names ('' for the one file of a search over one file) and the line as the file has it. */
type SearchHit = { path: string; text: string };
/** How a search printed its lines: with paths and numbers, with paths only, or with numbers only (one file). */
type SearchForm = (line: string) => SearchHit | undefined;

const numberedPaths: SearchForm = (line) => {
  const m = SEARCH_LINE.exec(line);
  if (!m || /^\s/.test(m[1]) || !SEARCHED_PATH.test(m[1])) return undefined;
  return { path: m[1], text: m[4] };
};
const plainPaths: SearchForm = (line) => {
  const m = PLAIN_SEARCH_LINE.exec(line);
  if (!m || /^\s/.test(m[1]) || !SEARCHED_PATH.test(m[1])) return undefined;
  return { path: m[1], text: m[2] };
};
const numbersOnly: SearchForm = (line) => {
  const m = TIMED_START.test(line) ? null : NUMBERED_LINE.exec(line);
  return m ? { path: '', text: m[3] } : undefined;
};

/** A known file of a VM, by its path or its name: a search without line numbers counts only when it names one. */
function knownFile(path: string): boolean {
  const p = vmPathOf(path);
  return kindOfPath(p) !== 'other' || formatsNamed(p.slice(p.lastIndexOf('/') + 1)).length > 0;
}

/**
 * A path a `tail` header or a search names, as a VM path: without its drive (`C:\`), with forward slashes (findstr and
 * Select-String name a Windows file with backslashes, from C:\ or from where they ran), and without the empty, `.` and
 * `..` steps (`/var/log/…`, `./var/log/…` from an unpacked sosreport; a hostile `../` goes nowhere).
 */
function vmPathOf(name: string): string {
  return name
    .replace(/^[A-Za-z]:\\/, '')
    .split(/[\\/]/)
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .join('/');
}

/** Whether a text (its first bytes) is such a search's output: its first lines, all but a few, name a file and a line number. */
export function isSearchOutput(head: string): boolean {
  const lines = head.slice(0, 8192).split('\n');
  // (a head that ends inside a line: that line may be cut before its line number)
  if (lines.length > 1) lines.pop();
  return searchHits(lines.slice(0, 64)) !== undefined;
}

/**
 * Each line's hit (undefined for a group break or a line that names none), when the text is a search's output, in the
 * first form nearly all its lines have: paths and numbers; paths only, of which one a known file of a VM; numbers only,
 * going up as one file's do, before lines of a known log. A dated or clock-started line is never a path or a number
 * (SEARCHED_PATH, TIMED_START).
 */
function searchHits(lines: readonly string[]): (SearchHit | undefined)[] | undefined {
  const edge = sessionEdges(lines);
  const counting = (l: string, i: number) => !besideHits(l.replace(/\r$/, ''), edge(i));
  // (a form that misses more lines than the share allows is given up at that line: a big paste is read once, not thrice)
  const allowed = (1 - SEARCH_SHARE) * lines.filter(counting).length;
  for (const form of [numberedPaths, plainPaths, numbersOnly]) {
    let named = 0;
    let counted = 0;
    let last = -1;
    let rising = true;
    const hits: (SearchHit | undefined)[] = [];
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i].replace(/\r$/, '');
      if (besideHits(l, edge(i))) {
        hits.push(undefined);
        continue;
      }
      counted++;
      const hit = form(l);
      if (hit) named++;
      else if (counted - named > allowed) break;
      if (hit && form === numbersOnly) {
        const n = Number(NUMBERED_LINE.exec(l)![1]);
        rising &&= n > last;
        last = n;
      }
      hits.push(hit);
    }
    // (one line that names a file is a search only when it is the whole text, and names it by its path)
    if (named < (form === numbersOnly || counted > 1 ? 2 : 1) || named < SEARCH_SHARE * counted || !rising) continue;
    // (and a lone line, or a search without line numbers, names a file this app reads: `notes.txt:12:…` is some text)
    if ((form === plainPaths || counted === 1) && !hits.some((h) => h && knownFile(h.path))) continue;
    // (numbered lines of no known log are some command's list, `ip -o link`'s `1: lo: …`, not a search of a log)
    if (form === numbersOnly && !recognise(hits.map((h) => h?.text ?? '').join('\n').slice(0, 4096))) continue;
    return hits;
  }
  return undefined;
}

/**
 * The files a search's output (SEARCH_LINE) printed lines of, each holding its lines in the order printed, placed as a
 * `tail` output's files are; a line that names no file stays with the file above it. The search printed only the lines
 * it matched, so each file is an excerpt, and its line numbers are its own. Undefined when the text is not such an output.
 */
export function searchFiles(lines: readonly string[], input: number, origin: string, joins: readonly Join[] = []): IngestedFile[] | undefined {
  const hits = searchHits(lines);
  if (!hits) return undefined;
  const edge = sessionEdges(lines);
  const sections = new Map<string, string[]>();
  const placed = new JoinPlaces(joins);
  let cur: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '');
    const hit = hits[i];
    if (hit !== undefined) {
      cur = sections.get(hit.path) ?? [];
      sections.set(hit.path, cur);
      cur.push(hit.text);
    } else if (cur && !besideHits(l, edge(i))) cur.push(l);
    else continue;
    placed.at(i, cur);
  }
  return sectionFiles(sections, input, origin, placed);
}

/** Each named section as the file its name places it as. */
function sectionFiles(sections: ReadonlyMap<string, readonly string[]>, input: number, origin: string, placed?: JoinPlaces): IngestedFile[] {
  const out: IngestedFile[] = [];
  for (const [name, body] of sections) {
    const bytes = Buffer.from(body.join('\n') + (body.length > 0 ? '\n' : ''), 'utf8');
    const g = tailPlace(name, bytes);
    const file: IngestedFile = { vmPath: g.vmPath, kind: g.kind, size: bytes.length, truncated: false, origin: name ? `${origin}, ${name}` : origin, input, warnings: g.warning ? [{ file: g.vmPath, ...noted(g.warning) }] : [], content: new BufferContent(bytes), ...placedBy({ ...g, givenName: undefined }) };
    out.push(placed ? saidJoined(file, placed.of(body)) : file);
  }
  return out;
}

/** Where a file a `tail` header or a search names lived: its VM path when the name gives one the formats know (a Windows path without its drive), else as a loose file. */
function tailPlace(name: string, bytes: Buffer): LooseGuess {
  // (a search over one file names none: its content places it, as a paste's)
  if (name === '') {
    const head = bytes.subarray(0, 4096);
    return ownedGuess(guessVmPath(PASTE_LABEL, head), PASTE_LABEL, PASTE_LABEL, head, (words) => words.some((w) => bytes.includes(w, 0, 'latin1')));
  }
  // (a bare name is placed by its name and content, as a loose file of that name)
  const path = vmPathOf(name);
  if (path.includes('/') && kindOfPath(path) !== 'other') return { vmPath: path, kind: kindOfPath(path) };
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const head = bytes.subarray(0, 4096);
  return ownedGuess(guessVmPath(base, head), base, name, head, (words) => words.some((w) => bytes.includes(w, 0, 'latin1')));
}

function whole(text: string, input: number): IngestedFile {
  const body = Buffer.from(text, 'utf8');
  const g = guessVmPath(PASTE_LABEL, body.subarray(0, 4096));
  const vmPath = g.kind === 'other' ? 'pasted-text.txt' : g.vmPath;
  const f = formatOf(g.kind);
  // (a handler's settings or status document names no platform: Linux's unless the files beside it are a Windows VM's, ingest settleTwins)
  const vss = f ? undefined : vssWriterStateLine(text.slice(0, 4096));
  const note = f
    ? msg('ingest.paste-read-as', { title: f.title, path: vmPath, ...(g.twin ? { taken: { platform: 'linux' as const } } : {}) })
    : vss
      ? msg('ingest.vss-state-unread', { origin: PASTE_LABEL, line: evidenceText(vss, 100) })
      : msg('ingest.paste-unknown');
  const twinDecl = g.twin && formatOf(g.twin.kind);
  const twin = g.twin && twinDecl ? { vmPath: g.twin.vmPath, kind: g.twin.kind, warning: msg('ingest.paste-read-as', { title: twinDecl.title, path: g.twin.vmPath, taken: { platform: 'windows' } }) } : undefined;
  return { vmPath, kind: g.kind, size: body.length, truncated: false, origin: PASTE_LABEL, input, warnings: [{ file: vmPath, ...noted(note) }], content: new BufferContent(body), ...placedBy({ vmPath, kind: g.kind, twin }) };
}

/**
 * A serial console pasted (the portal's serial log or the Serial Console window, copied): the agent's records (formats/
 * system.ts CONSOLE_AGENT_RECORD) with what only a console shows between them, a kernel line among them or cut into
 * one (Azure/WALinuxAgent#1544), or a getty's banner or prompt (#965). A dmesg and a waagent.log pasted one after the
 * other have neither, and stay two files. Looks at the lines in the first SNIFF_SCAN_BYTES, as for a file.
 */
function consolePaste(lines: readonly string[]): boolean {
  let first = -1;
  let last = -1;
  const kernel: number[] = [];
  let getty = false;
  for (let i = 0, bytes = 0; i < lines.length && bytes < SNIFF_SCAN_BYTES; bytes += lines[i].length + 1, i++) {
    const l = lines[i].length > 512 ? lines[i].slice(0, 512) : lines[i];
    if (CONSOLE_BANNER.test(l) || CONSOLE_LOGIN_PROMPT.test(l)) getty = true;
    const record = CONSOLE_AGENT_RECORD.test(l);
    const mark = KERNEL_ON_CONSOLE.test(l);
    if (record && mark) return true;
    if (record) {
      if (first < 0) first = i;
      last = i;
    } else if (mark) kernel.push(i);
  }
  return first >= 0 && (getty || kernel.some((k) => k > first && k < last));
}

/** The pasted console as the console file (formats/system.ts `serial-console`), read whole. */
function consoleFile(text: string, input: number): IngestedFile {
  const body = Buffer.from(text, 'utf8');
  const f = formatOf('serial-console')!;
  const vmPath = placeOf(f, undefined, '');
  const note = msg('ingest.paste-read-as', { title: f.title, path: vmPath });
  return { vmPath, kind: f.kind, size: body.length, truncated: false, origin: PASTE_LABEL, input, warnings: [{ file: vmPath, ...noted(note) }], content: new BufferContent(body) };
}

/** Whether the text is worth an analysis at all (the start view's paste box enables its button on it). */
export function recognisable(text: string): boolean {
  return cleanPaste(text.slice(0, 65536)).some((l) => !!lineFormat(l)) || !!recognise(text.slice(0, 4096));
}
