import { redactSecrets, type BundleFile, type Finding, type SnapshotTask, type UnexplainedError } from '../../shared';
import { levelCode } from '../records/batch';
import { firstLineOf, type RecordStore } from '../records/store';
import { anyIn } from '../../shared/sorted';
import { boundedMemo } from '../../shared/bounded-memo';
import { monthOfAbbreviation } from '../../shared/time';
import { eachEvidenceLine, PositionBits, type FactSource } from './facts-index';

/**
 * What the tool does not know: every ERROR/WARNING record that no fact was read from (no catalogue
 * entry explains it), grouped by template — its first line with times, GUIDs, URLs, paths, IP
 * addresses, hex strings and numbers masked — with count, first/last seen, one sample line and
 * whether it occurred near the failure.
 *
 * Memory stays bounded for any log: the records are visited through the columnar store (ids, no
 * object per record), their first lines are read in batches, and at most MAX_TEMPLATES distinct
 * templates are kept (later new templates are only counted).
 */

/** Distinct templates kept while reading. */
const MAX_TEMPLATES = 10_000;
/** Templates returned (near the failure first, then the most frequent). */
const MAX_RESULTS = 100;
/** Error/warning records read at most (the newest ones when there are more). */
const MAX_RECORDS = 500_000;
const BATCH = 4096;
/** Characters of a first line used for the template. */
const HEAD = 400;
/** "Near the failure": from 2 h before a failed task's start to 1 h after its end. */
const BEFORE = 2 * 3600_000;
const AFTER = 3600_000;

// every mask is a single pass of a linear pattern (no nested or overlapping quantifiers)
const MASKS: [RegExp, string | ((m: string, month: string) => string)][] = [
  // (first, and with no lookbehind or word boundary: templateCache depends on both)
  [/\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  // a syslog time in any month table's name (`Oct 30 00:00:12`, `déc. 13 12:00:47`, short-precise's `.545053`): a
  // token of the month's length, then judged by the table (shared/time.ts), so the pattern stays one linear pass
  [/(?<![\p{L}\p{N}_])(\p{L}{3,5}\.?) [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d+)?\b/gu, (m, month) => (monthOfAbbreviation(month) >= 0 ? '<time>' : m)],
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, '<time>'],
  [/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, '<guid>'],
  [/\bhttps?:\/\/[^\s'"<>\])]+/g, '<url>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  [/(?:\/[\w.+@~-]+){2,}\/?/g, '<path>'],
  [/\b[A-Za-z]:\\[^\s'"<>]+/g, '<path>'],
];
const HEX = /\b(?:0x)?[0-9a-fA-F]{8,}\b/g;
const NUMBER = /\d+(?:\.\d+)*/g;

/** The template of a record's first line. */
export function templateOf(line: string): string {
  let t = line.length > HEAD ? line.slice(0, HEAD) : line;
  for (const [re, rep] of MASKS) t = typeof rep === 'string' ? t.replace(re, rep) : t.replace(re, rep);
  // ids, hashes, thumbprints: 8+ hex characters with a digit (an all-letter run is a word)
  t = t.replace(HEX, (m) => (/\d/.test(m) ? '<hex>' : m)).replace(NUMBER, '<n>');
  return t.replace(/\s+/g, ' ').trim();
}

/** The first mask (a time) where a line starts: the match its global replace finds first. */
const LEADING_TIME = new RegExp(`^(?:${MASKS[0][0].source})`);
/** Distinct rests kept by templateCache (then it starts again). */
const CACHE_MAX = 4096;

/**
 * templateOf for a run of lines, remembered by what follows a line's leading time: a log repeats its messages with
 * a new time each (a broken agent's 27,000 unexplained lines in 150 MB are 2 messages; templateOf costs ~5 µs a
 * line). Exact: the first mask has no lookbehind or word boundary, so after it a line whose time is its first match
 * reads `<time>` and then the first mask's result on the rest, whatever the time was: the same rest, the same
 * template. `ofText` takes a record's text as bytes (RecordStore.eachText) and gives the template of its first line as
 * RecordStore.firstLines cuts it (HEAD characters), decoding only the first line of a plain-ASCII text.
 */
export function templateCache(): ((line: string) => string) & { ofText(buf: Buffer, start: number, end: number): string } {
  const byRest = boundedMemo((_rest: string, line: string) => templateOf(line), CACHE_MAX);
  const ofLine = (line: string) => {
    const head = line.length > HEAD ? line.slice(0, HEAD) : line;
    const m = LEADING_TIME.exec(head);
    if (!m) return templateOf(line);
    return byRest(head.slice(m[0].length), line);
  };
  const ofText = (buf: Buffer, start: number, end: number) => {
    const lineEnd = asciiFirstLineEnd(buf, start, end);
    // (plain ASCII: its latin1 string is its UTF-8 one, and only its first line is decoded)
    return ofLine(lineEnd < 0 ? firstLineOf(buf.toString('utf8', start, end), HEAD) : buf.toString('latin1', start, lineEnd));
  };
  return Object.assign(ofLine, { ofText });
}

/**
 * Where the first line of the text `buf[start, end)` ends as RecordStore.firstLines cuts it (its line break or the
 * text's end, a carriage return before it left out, at most HEAD characters), when it is plain ASCII up to there (so a
 * character is a byte); -1 otherwise.
 */
export function asciiFirstLineEnd(buf: Uint8Array, start: number, end: number): number {
  // (two bytes past HEAD: a line of HEAD + 1 characters ending in a carriage return is cut to HEAD either way)
  const stop = Math.min(end, start + HEAD + 2);
  let p = start;
  for (; p < stop; p++) {
    const c = buf[p];
    if (c === 0x0a) break;
    if (c >= 0x80) return -1;
  }
  // (a carriage return cut off with the rest of a longer line needs no care)
  let lineEnd = p;
  if (lineEnd > start && buf[lineEnd - 1] === 0x0d) lineEnd--;
  return Math.min(lineEnd, start + HEAD);
}

interface Group {
  template: string;
  level: 'error' | 'warning';
  count: number;
  first: number;
  last: number;
  sampleId: number;
  near: boolean;
}

/** Windows [from, to] (epoch ms) around failed tasks; around detected findings' evidence when no task failed. */
function failureWindows(snapshots: readonly SnapshotTask[], findings: readonly Finding[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of snapshots) {
    if (t.result === 'success' || t.result === 'in-progress' || t.result === 'skipped') continue;
    const s = Date.parse(t.start ?? t.requestedStart ?? t.end ?? '');
    const e = Date.parse(t.end ?? t.start ?? t.requestedStart ?? '');
    if (Number.isFinite(s)) out.push([s - BEFORE, (Number.isFinite(e) ? Math.max(e, s) : s) + AFTER]);
  }
  if (out.length) return out;
  for (const f of findings) {
    if (f.verdict !== 'detected') continue;
    for (const e of f.evidence) {
      const t = e.time ? Date.parse(e.time) : NaN;
      if (Number.isFinite(t)) out.push([t - BEFORE, t + AFTER]);
    }
  }
  return out;
}

/**
 * Per file, the sorted lines some fact was read from, and the records a row fact was read from (a row's
 * evidence is its record's first line: a bit per record instead of a line number per fact, 2.8 M of them
 * in a broken agent's 500 MB log).
 */
function explainedLines(files: readonly BundleFile[], facts: FactSource): { lines: Map<number, Float64Array>; records: PositionBits } {
  const idOf = new Map(files.map((f) => [f.vmPath, f.id] as const));
  const lists = new Map<number, number[]>();
  const records = new PositionBits();
  const add = (file: string, line: number) => {
    const id = idOf.get(file);
    if (id === undefined || !(line > 0)) return;
    let l = lists.get(id);
    if (!l) lists.set(id, (l = []));
    l.push(line);
  };
  // (the record is the one its line falls in when its path names its own file; two files of one path: by line)
  const ownPath = files.map((f, id) => idOf.get(f.vmPath) === id);
  eachEvidenceLine(facts, add, (record, fileId, line) => {
    if (ownPath[fileId] === true && line > 0) records.add(record);
    else add(files[fileId]?.vmPath ?? '', line);
  });
  const lines = new Map<number, Float64Array>();
  for (const [id, l] of lists) lines.set(id, Float64Array.from(l).sort());
  return { lines, records };
}

export async function findUnexplained(
  records: RecordStore,
  files: readonly BundleFile[],
  facts: FactSource,
  snapshots: readonly SnapshotTask[],
  findings: readonly Finding[],
  signal?: AbortSignal,
): Promise<UnexplainedError[]> {
  const explained = explainedLines(files, facts);
  const windows = failureWindows(snapshots, findings);
  const near = (t: number) => Number.isFinite(t) && windows.some(([a, b]) => t >= a && t <= b);
  // the error/warning records nothing explains, a bit per record (an id list was 4 bytes each, grown by
  // doubling: +8–12 MB at a 500 MB broken agent's peak), newest kept past the cap
  const unexplained = new PositionBits(records.count);
  const error = levelCode('error');
  const warning = levelCode('warning');
  records.eachPage(false, (base, m, level) => {
    for (let k = 0; k < m; k++) {
      const l = level[k];
      if (l !== error && l !== warning) continue;
      const i = base + k;
      if (explained.records.has(i)) continue;
      const lines = explained.lines.get(records.fileOf(i));
      const line = records.lineOf(i);
      if (lines && anyIn(lines, line, line + Math.max(1, records.lineCountOf(i)))) continue;
      unexplained.add(i);
    }
  });
  const groups = new Map<string, Group>();
  const templates = templateCache();
  const scratch = { buf: Buffer.allocUnsafe(0) };
  let skip = Math.max(0, unexplained.size - MAX_RECORDS);
  for (let i = 0; i < records.count; ) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    const batch: number[] = [];
    for (; i < records.count && batch.length < BATCH; i++) {
      if (!unexplained.has(i)) continue;
      if (skip > 0) skip--;
      else batch.push(i);
    }
    if (batch.length === 0) break;
    // each record's template from its bytes (no string a record: the samples shown are read at the end)
    const batchTemplates: string[] = new Array(batch.length);
    await records.eachText(batch, (j, buf, start, end) => (batchTemplates[j] = templates.ofText(buf, start, end)), signal, scratch);
    for (let j = 0; j < batch.length; j++) {
      const i = batch[j];
      const template = batchTemplates[j];
      if (!template) continue;
      const t = records.timeOf(i);
      let g = groups.get(template);
      if (!g) {
        if (groups.size >= MAX_TEMPLATES) continue;
        g = { template, level: records.levelOf(i) === 'error' ? 'error' : 'warning', count: 0, first: NaN, last: NaN, sampleId: i, near: false };
        groups.set(template, g);
      }
      g.count++;
      if (Number.isFinite(t)) {
        if (!(t >= g.first)) g.first = t;
        if (!(t <= g.last)) g.last = t;
      }
      if (!g.near && near(t)) {
        // the sample is the occurrence nearest the failure when there is one
        g.near = true;
        g.sampleId = i;
      }
    }
  }
  const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : null);
  const shown = [...groups.values()].sort((a, b) => Number(b.near) - Number(a.near) || b.count - a.count || a.template.localeCompare(b.template)).slice(0, MAX_RESULTS);
  const samples = await records.firstLines(shown.map((g) => g.sampleId), HEAD, signal);
  return shown.map((g, k) => {
    const t = records.timeOf(g.sampleId);
    const sampleText = redactSecrets(samples[k]);
    return {
      template: redactSecrets(g.template),
      level: g.level,
      count: g.count,
      firstSeen: iso(g.first),
      lastSeen: iso(g.last),
      nearFailure: g.near,
      sample: {
        file: files[records.fileOf(g.sampleId)]?.vmPath ?? '',
        line: records.lineOf(g.sampleId),
        time: iso(t),
        zone: Number.isFinite(t) ? records.zoneOf(g.sampleId) : 'none',
        text: sampleText.length > 500 ? `${sampleText.slice(0, 499)}…` : sampleText,
      },
    };
  });
}
