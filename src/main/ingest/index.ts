import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BundleInput, BundleKind, InputSummary, Warning } from '../../shared';
import { classify } from './classify';
import { BufferContent, DiskFileContent, type FileContent } from './content';
import type { RawEntry } from './entry';
import { readFolder } from './folder';
import { BombError, GunzipFileContent, isGzip } from './gzip';
import { archiveKind, compressedBy, gunzipHead, isBzip2, isTar, isXz, isZstd } from './archive-kind';
import { inflateBuffer, ratioCeiling } from './inflate';
import { detectLayout, type Container } from './kind';
import { Budget, noted, RATIO_MIN_BYTES } from './limits';
import { consoleGuess, guessVmPath, ownedGuess, placedBy, settleTwins, sniffHead, type LooseGuess } from './loose';
import { isSearchOutput, isTailOutput, MAX_PASTE_BYTES, PASTE_LABEL, pastedFiles, searchFiles, tailFiles } from './paste';
import { COLLECTION_KINDS, foreignContent, formatOf, HEAD_BYTES, headText, recognise } from '../../shared/formats';
import { dirsOf, mapTruncatedName, sosTailedPath, TRUNCATED_PREFIX } from './paths';
import { applyRotation } from './rotation';
import { rootName } from './roots';
import { readTar } from './tar';
import type { IngestedFile, IngestOptions, IngestResult } from './types';
import { readZip } from './zip';
import { decodedText, plainTexts } from './text-encoding';
import { NUL_BLOCK_MIN } from './survey';
import { plainExcerpt } from '../../shared/formats/excerpt';
import { ioError } from './io-problem';
import { vssWriterStateLine } from '../../shared/formats/windows-sniff';
import { evidenceText } from '../../shared/clip';
import { msg, type IngestNote } from '../../shared/i18n/analysis';

/**
 * Reads every input (folder, zip, tar/tar.gz/tar.xz, loose file, pasted text) into one list of files mapped to the paths
 * they had on the VM.
 *
 * NOTHING IS EVER WRITTEN TO DISK here: archive members live in memory (bounded by the caps in
 * IngestLimits), files in folders and loose files are read lazily from where the user keeps them, and `.gz`
 * files on disk are inflated on the fly. There is no temp folder to clean up and nothing a hostile member
 * name could overwrite. (test/ingest/no-disk-writes.test.ts checks it.)
 */
export async function ingest(given: readonly BundleInput[], opts: IngestOptions = {}): Promise<IngestResult> {
  const paths = given.map((i) => (typeof i === 'string' ? i : PASTE_LABEL));
  const inputs: InputSummary[] = [];
  let files: IngestedFile[] = [];
  const warnings: Warning[] = [];
  const budget = new Budget(opts.limits);
  const firstSeen = new Map<string, IngestedFile>();

  for (const [inputIndex, p] of paths.entries()) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    const summary: InputSummary = { path: p, kind: 'unknown', files: 0, warnings: [] };
    inputs.push(summary);
    const inputWarnings: Warning[] = [];
    budget.sink = inputWarnings;
    budget.entries = 0; // the entry cap is per input (all nesting levels together)
    budget.inflating = false;
    budget.onProgress = (entries, bytes) =>
      opts.onProgress?.({ phase: budget.inflating ? 'inflating' : 'reading', message: `${budget.inflating ? 'Inflating' : 'Reading'} ${p}: ${entries} entries`, files: files.length + entries, bytes, ...(paths.length > 1 ? { fraction: inputIndex / paths.length } : {}) });
    let got: IngestedFile[] = [];
    try {
      const input = given[inputIndex];
      const r = typeof input === 'string' ? await readInput(p, inputIndex, budget, opts.signal) : { kind: 'pasted-text' as const, files: pastedFiles(input.pasted, inputIndex) };
      summary.kind = r.kind;
      got = opts.keep ? r.files.filter((f) => opts.keep!(p, f)) : r.files;
      await plainTexts(got, undefined, undefined, (f, codec) => unpackUnnamed(f, codec, budget, opts.signal));
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      inputWarnings.push(noted(msg('ingest.input-unreadable', { path: p, ...ioError(e, p) })));
    }
    const dropped = new Set<IngestedFile>();
    for (const f of got) {
      const prev = firstSeen.get(f.vmPath);
      if (prev === undefined) {
        firstSeen.set(f.vmPath, f);
        continue;
      }
      // The same log given twice (a loose copy of a file the zip holds, an older copy of a log that grew): its records
      // read twice would count every error twice and make a single failure look repeated. Read it once.
      const copy = await copyOf(prev, f);
      if (copy === 'different') {
        f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.twice', { path: f.vmPath, first: prev.origin, second: f.origin })) });
      } else if (copy === 'earlier') {
        dropped.add(f);
        inputWarnings.push({ file: f.vmPath, ...noted(msg('ingest.same-file', { path: f.vmPath, kept: prev.origin, dropped: f.origin })) });
      } else {
        files = files.filter((x) => x !== prev);
        dropped.add(prev);
        firstSeen.set(f.vmPath, f);
        inputWarnings.push({ file: f.vmPath, ...noted(msg('ingest.same-file', { path: f.vmPath, kept: f.origin, dropped: prev.origin })) });
      }
    }
    if (dropped.size > 0) got = got.filter((f) => !dropped.has(f));
    files.push(...got);
    summary.files = got.length;
    // Input-level warnings go to the result once; file warnings travel with their file (the pipeline
    // reports those itself), and the input summary lists both.
    const all = [...inputWarnings, ...got.flatMap((f) => f.warnings)];
    summary.warnings = all.map((w) => w.message);
    if (all.some((w) => w.note)) summary.notes = all.map((w) => w.note ?? null);
    warnings.push(...inputWarnings);
    opts.onProgress?.({ phase: 'reading', message: `Read ${p}`, files: files.length, fraction: (inputIndex + 1) / paths.length });
  }
  // (a handler's settings or status file that names no platform is the platform's the files beside it are)
  settleTwins(files);
  files = applyRotation(files, (f) => rootName(paths[f.input] ?? '', f));
  await identifyForeign(files);
  return { inputs, files, warnings };
}

const COMPARE_BYTES = 1 << 20;

/**
 * How `b` relates to `a`, two files at the same VM path: 'earlier' when b's bytes are all at the start of a (the same
 * file, or an older copy of a log that has grown since), 'later' when a's are at the start of b, else 'different'.
 * Compared a megabyte at a time: two different logs part in the first block.
 */
async function copyOf(a: IngestedFile, b: IngestedFile): Promise<'earlier' | 'later' | 'different'> {
  const n = Math.min(a.content.size, b.content.size);
  if (n === 0 && a.content.size !== b.content.size) return 'different';
  for (let at = 0; at < n; at += COMPARE_BYTES) {
    const len = Math.min(COMPARE_BYTES, n - at);
    const [x, y] = await Promise.all([a.content.read(at, len), b.content.read(at, len)]);
    if (!x.equals(y)) return 'different';
  }
  return b.content.size <= a.content.size ? 'earlier' : 'later';
}

/** A file beside the logs that no format reads is looked into for a VSS writer's state when at most this big; at most this many. */
const SCRAP_MAX_BYTES = 1024 * 1024;
const SCRAP_LOOK_MAX = 64;
/** At most this many unread files are looked into when a bundle holds nothing known (each is one small read). */
const IDENTIFY_MAX = 500;
const EVTX_NAME = /\.evtx$/i;
/** Archives this app has no reader for (a split 7-Zip volume too: `logs.7z.001`). */
const OTHER_ARCHIVE_NAME = /\.(?:7z(?:\.\d{3})?|rar)$/i;

/**
 * Says what the files no format reads are (a PNG named .zip, random text, an .evtx), so "Nothing to analyse" can
 * list what each was taken for. Every `.evtx` is looked into and gets a warning on how to export it readable,
 * even in a bundle with logs: it is where the agent's crashes would be, and it is never read.
 * A 7-Zip or RAR archive (by its name, or its bytes when nothing is known) gets a warning on how to open it instead.
 */
async function identifyForeign(files: IngestedFile[]): Promise<void> {
  const nothingKnown = files.every((f) => f.kind === 'other');
  let left = IDENTIFY_MAX;
  let scraps = SCRAP_LOOK_MAX;
  for (const f of files) {
    if (f.kind !== 'other' || f.size === 0) continue;
    // (a note of a VSS writer's state beside the logs, not in a VM's tree: said, not dropped without a word)
    if (!f.vmPath.includes('/') && f.size <= SCRAP_MAX_BYTES && !f.warnings.some((w) => w.note?.key === 'ingest.vss-state-unread') && scraps-- > 0) {
      const line = vssWriterStateLine((await f.content.read(0, HEAD_BYTES)).toString('latin1'));
      if (line) f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.vss-state-unread', { origin: f.origin, line: evidenceText(line, 100) })) });
    }
    const evtx = EVTX_NAME.test(f.vmPath);
    const named = OTHER_ARCHIVE_NAME.exec(f.vmPath);
    if (!evtx && !named && (!nothingKnown || left-- <= 0)) continue;
    const seen = foreignContent(await f.content.read(0, 512));
    if (!seen) continue;
    f.seenAs = seen;
    if (seen === 'evtx') f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.evtx', { origin: f.origin })) });
    // (a later volume of a split 7z has no magic of its own: its name says what it is)
    const other = seen === '7z' || seen === 'rar' ? seen : named && seen === 'binary' ? (/rar$/i.test(named[0]) ? 'rar' : '7z') : undefined;
    if (other) f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.other-archive', { origin: f.origin, format: other })) });
  }
}

interface InputRead {
  kind: BundleKind;
  files: IngestedFile[];
}

/** Reads the first bytes to tell archives from loose files by content, not by name. */
async function readHead(path: string, n = 512): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** How readTar decompresses each tar kind the detector names. */
const TAR_COMPRESSION = { tar: 'none', 'tar.gz': 'gzip', 'tar.xz': 'xz', 'tar.bz2': 'bzip2', 'tar.zst': 'zstd' } as const;

async function readInput(p: string, input: number, budget: Budget, signal?: AbortSignal): Promise<InputRead> {
  const s = await stat(p);
  const raw: RawEntry[] = [];
  if (s.isDirectory()) {
    await readFolder(p, budget, raw, signal);
    return finish(raw, 'folder', input, budget, signal, 0);
  }
  if (!s.isFile()) throw new Error('not a regular file or folder');
  const head = await readHead(p, 8192);
  const archive = archiveKind(head, p);
  budget.inflating = !!archive;
  let container: Container | undefined;
  if (archive === 'zip') {
    await readZip({ path: p, origin: p }, budget, raw, signal);
    container = 'zip';
    // A goal-state history zip on its own (`2026-11-15T22-00-03__11.zip`): its members belong in that folder.
    const hist = HISTORY_ZIP_NAME.exec(basename(p.replace(/\\/g, '/')));
    if (hist) for (const e of raw) e.name = `var/lib/waagent/history/${hist[1]}/${e.name}`;
  } else if (archive === 'tar.xz' && LOOSE_XZ.test(p)) {
    return looseCompressed(p, s.size, 'xz', input, budget, signal);
  } else if (archive) {
    await readTar(p, TAR_COMPRESSION[archive], p, budget, raw, signal);
    container = 'tar';
  }
  if (container) return finish(raw, container, input, budget, signal, 1);
  if (isBzip2(head)) return looseCompressed(p, s.size, 'bzip2', input, budget, signal);
  if (isZstd(head)) return looseCompressed(p, s.size, 'zstd', input, budget, signal);
  return { kind: 'single-file', files: await loose(p, s.size, head, input, budget) };
}

/** An xz-compressed single log (`waagent.log.1.xz`), as opposed to a tar.xz bundle. */
const LOOSE_XZ = /(?<!\.tar)\.xz$/i;

/**
 * A loose `.xz` or `.bz2` log: inflated in memory through the bounded inflater (the ratio cap and the per-file cap
 * hold), then placed like any loose file by its name and content. A tar inside (a `logs.tar.bz2` saved as
 * `logs.bz2`) is read as the tar it is.
 */
async function looseCompressed(p: string, size: number, codec: MemberCodec, input: number, budget: Budget, signal?: AbortSignal): Promise<InputRead> {
  const name = basename(p.replace(/\\/g, '/'));
  budget.takeEntry(p);
  const cap = budget.limits.maxFileBytes;
  if (size > cap) {
    budget.warn(msg('ingest.capped-not-read', { origin: p, size, cap }));
    return { kind: 'single-file', files: [] };
  }
  let out: Unpacked;
  try {
    out = await unpack(await readFile(p), codec, cap, budget, signal);
  } catch (e) {
    if (!(e instanceof BombError)) throw e;
    budget.warn(bombNote(p, budget));
    return { kind: 'single-file', files: [] };
  }
  if (isTar(out.data) && !out.truncated) {
    const raw: RawEntry[] = [];
    await readTar(out.data, 'none', p, budget, raw, signal);
    if (raw.length > 0) return finish(raw, 'tar', input, budget, signal, 1);
  }
  const head = await sniffHead(out.data.subarray(0, HEAD_BYTES), async (n) => out.data.subarray(0, n));
  const tail = out.truncated ? undefined : await tailOutput(head, async () => out.data, out.data.length, p, input);
  if (tail) return { kind: 'single-file', files: budget.takeBytes(out.data.length, p, name) ? tail : [] };
  const guess = await consoleGuess(
    ownedGuess(guessVmPath(name, head), name, p, head, (words) => words.some((w) => out.data.includes(w, 0, 'latin1'))),
    name,
    async (n) => out.data.subarray(0, n),
  );
  const warnings: Warning[] = [...(guess.warning ? [guess.warning] : []), ...out.notes].map((note) => ({ file: guess.vmPath, ...noted(note) }));
  if (!budget.takeBytes(out.data.length, p, name)) return { kind: 'single-file', files: [] };
  return {
    kind: 'single-file',
    files: [{ vmPath: guess.vmPath, kind: guess.kind, size: out.data.length, truncated: out.truncated, origin: p, input, warnings, content: new BufferContent(out.data), ...placedBy(guess) }],
  };
}

/** The codecs a single compressed file (loose, or a member) may carry, with the name a warning gives each. */
type MemberCodec = 'gzip' | 'xz' | 'bzip2' | 'zstd';
const CODEC_NAME: Record<MemberCodec, string> = { gzip: 'gzip', xz: 'xz', bzip2: 'bzip2', zstd: 'zstd' };
const CODEC_MAGIC: Record<MemberCodec, (head: Buffer) => boolean> = { gzip: isGzip, xz: isXz, bzip2: isBzip2, zstd: isZstd };

interface Unpacked {
  data: Buffer;
  truncated: boolean;
  /** Why the data is cut or partial, for the file's warnings. */
  notes: IngestNote[];
}

/**
 * One compressed file in memory → its plain bytes through the bounded inflater: the last `cap` bytes are kept, the
 * output may not pass the ratio cap (BombError), and a damaged stream keeps what decoded before the damage.
 */
async function unpack(packed: Buffer, codec: MemberCodec, cap: number, budget: Budget, signal: AbortSignal | undefined, origin = ''): Promise<Unpacked> {
  let trailing: number | undefined;
  const r = await inflateBuffer(packed, codec, cap, { ceiling: ratioCeiling(packed.length, budget.limits.maxRatio), signal, onTrailing: (n) => (trailing = n) });
  const notes: IngestNote[] = [];
  if (r.truncated) notes.push(msg('ingest.unpacked-capped', { origin, seen: r.seen, cap, kept: r.data.length }));
  if (r.error) notes.push(msg('ingest.damaged', { origin, codec: CODEC_NAME[codec], error: r.error, kept: r.data.length }));
  if (trailing !== undefined) notes.push(msg('ingest.trailing', { origin, bytes: trailing, codec: CODEC_NAME[codec] }));
  return { data: r.data, truncated: r.truncated || !!r.error, notes };
}

/**
 * A file whose bytes are compressed though its name does not say so (a `waagent.log.1.gz` that lost its `.gz` on the
 * way: a hidden extension renamed, a ticket tool): inflated like a named one, with a warning saying so. False keeps it.
 */
async function unpackUnnamed(f: IngestedFile, codec: MemberCodec, budget: Budget, signal: AbortSignal | undefined): Promise<boolean> {
  if (f.truncated) return false; // a tail does not decompress
  let u: Unpacked;
  try {
    u = await unpack(await f.content.read(0, f.size), codec, budget.limits.maxFileBytes, budget, signal, f.origin);
  } catch (e) {
    if (!(e instanceof BombError)) throw e;
    f.warnings.push({ file: f.vmPath, ...noted(bombNote(f.origin, budget)) });
    return false;
  }
  if (u.data.length === 0) return false;
  budget.refund(f.size);
  if (!budget.takeBytes(u.data.length, f.origin, f.vmPath)) return false;
  f.content = new BufferContent(u.data);
  f.size = u.data.length;
  f.truncated = u.truncated;
  f.warnings.push(...[msg('ingest.packed-unnamed', { origin: f.origin, codec: CODEC_NAME[codec] }), ...u.notes].map((n) => ({ file: f.vmPath, ...noted(n) })));
  return true;
}


function bombNote(origin: string, budget: Budget): IngestNote {
  return msg('ingest.bomb', { origin, ratio: budget.limits.maxRatio });
}

/** A single file given on its own: its VM path is guessed from its name and first bytes. */
async function loose(p: string, size: number, head: Buffer, input: number, budget: Budget): Promise<IngestedFile[]> {
  const name = basename(p.replace(/\\/g, '/'));
  const gz = isGzip(head);
  const plainHead = gz ? gunzipHead(head) : await sniffHead(head, (n) => readHead(p, n));
  // (a gzipped output's whole text is read from its inflated content below)
  const tail = gz ? undefined : await tailOutput(plainHead, () => readFile(p), size, p, input);
  if (tail) {
    budget.takeEntry(p);
    return budget.takeBytes(size, p, name) ? tail : [];
  }
  let guess: LooseGuess = guessVmPath(name, plainHead);
  budget.takeEntry(p);
  const cap = budget.limits.maxFileBytes;
  let content: FileContent;
  let capped: boolean;
  let damaged = false;
  let damageNote: IngestNote | undefined;
  if (gz) {
    try {
      const g = await GunzipFileContent.open(p, cap, maxInflate(size, budget));
      content = g.content;
      capped = g.truncated;
      damaged = !!g.error;
      if (g.error) damageNote = msg('ingest.damaged', { origin: p, codec: 'gzip', error: g.error, kept: g.content.size });
    } catch (e) {
      if (!(e instanceof BombError)) throw e;
      budget.warn(bombNote(p, budget));
      return [];
    }
  } else {
    capped = size > cap;
    const kept = Math.min(size, cap);
    content = new DiskFileContent(p, kept, size - kept);
  }
  const packedTail = gz && !capped ? await tailOutput(plainHead, () => content.read(0, content.size), content.size, p, input) : undefined;
  if (packedTail) return budget.takeBytes(content.size, p, name) ? packedTail : [];
  guess = await consoleGuess(await ownedGuess(guess, name, p, plainHead, (words) => holdsAny(content, words)), name, (n) => content.read(0, n));
  const warnings: Warning[] = guess.warning ? [{ file: guess.vmPath, ...noted(guess.warning) }] : [];
  if (damageNote) warnings.push({ file: guess.vmPath, ...noted(damageNote) });
  const truncated = capped || damaged;
  if (capped) warnings.push({ file: guess.vmPath, ...noted(msg('ingest.capped-tail', { origin: p, cap, kept: content.size })) });
  if (!budget.takeBytes(content.size, p, name)) return [];
  return [{ vmPath: guess.vmPath, kind: guess.kind, size: content.size, truncated, origin: p, input, warnings, content, ...placedBy(guess) }];
}

function maxInflate(compressed: number, budget: Budget): number {
  return Math.max(RATIO_MIN_BYTES, compressed * budget.limits.maxRatio);
}

const HISTORY_ZIP = /^var\/lib\/waagent\/history\/([^/]+)\.zip$/;
/** The agent's history folder names (`_ARCHIVE_BASE_PATTERN` in WALinuxAgent's archive.py). */
const HISTORY_ZIP_NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}[:-]\d{2}(?:\.\d+)?(?:(?:_incarnation)?_+(?:\d+|status)(?:-\d+)?)?)\.zip$/;

/**
 * Turns an archive's or folder's entries into bundle files: strips a wrapper folder (sosreport), maps the
 * collector's `truncated_…` members back to their VM paths, expands `history/*.zip` in memory, inflates `.gz`
 * members and classifies everything.
 */
async function finish(entries: RawEntry[], container: Container, input: number, budget: Budget, signal: AbortSignal | undefined, depth: number): Promise<InputRead> {
  const raw: RawEntry[] = [];
  for (const e of entries) {
    if (await macMetadata(e)) budget.refund(e.size);
    else raw.push(e);
  }
  const layout = detectLayout(
    raw.map((e) => e.name),
    container,
  );
  const mapped: { e: RawEntry; vmPath: string }[] = [];
  const dirs = dirsOf(raw.map((e) => e.name.slice(layout.prefix.length)));
  const names = new Set(raw.map((e) => e.name.slice(layout.prefix.length)));
  for (const e of raw) {
    let vmPath = layout.addPrefix + (e.name.startsWith(layout.prefix) ? e.name.slice(layout.prefix.length) : e.name);
    if (!vmPath.includes('/') && vmPath.startsWith(TRUNCATED_PREFIX) && vmPath.length > TRUNCATED_PREFIX.length) {
      const m = mapTruncatedName(vmPath, dirs);
      vmPath = m.vmPath;
      e.truncated = true;
      if (m.warning) e.warnings.push({ file: vmPath, ...noted(m.warning) });
    }
    // (a sosreport's tail of a log over its size limit: the log's end, at the log's path)
    const tailed = sosTailedPath(vmPath.slice(layout.addPrefix.length));
    if (tailed && !names.has(tailed)) {
      vmPath = layout.addPrefix + tailed;
      e.truncated = true;
      e.warnings.push({ file: vmPath, ...noted(msg('ingest.sos-tailed', { origin: e.origin, path: tailed })) });
    }
    mapped.push({ e, vmPath });
  }

  const out: IngestedFile[] = [];
  const nestedKinds: BundleKind[] = [];
  for (const { e, vmPath } of mapped) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    const hist = HISTORY_ZIP.exec(vmPath);
    if (hist) {
      const expanded = await expandHistory(e, vmPath, hist[1], input, budget, depth + 1, signal);
      if (expanded) {
        out.push(...expanded);
        continue;
      }
    }
    if (NESTED_ARCHIVE.test(vmPath) && !VM_TREE.test(vmPath)) {
      const nested = await expandNested(e, vmPath, input, budget, depth + 1, signal);
      if (nested) {
        out.push(...nested.files);
        if (container !== 'folder' || nested.kind !== 'folder') nestedKinds.push(nested.kind);
        continue;
      }
    }
    const file = await inflateMember(e, vmPath, budget);
    if (!file) continue;
    // (in the VM tree, only a file no format declares and named like a saved output: `/home/azureuser/tail.txt`,
    // `grep.txt.gz`); a compressed one is looked into inflated
    const mayBeTail = !VM_TREE.test(vmPath) || (SAVED_OUTPUT.test(vmPath.replace(PACKED_SUFFIX, '')) && classify(vmPath) === 'other');
    const tail = mayBeTail ? await tailOutput(await headOf(file), () => file.content.read(0, file.size), file.size, file.origin, input) : undefined;
    if (tail) {
      out.push(...tail);
      continue;
    }
    const placed = await placeMember(vmPath, file, layout.addPrefix !== '' && vmPath.startsWith(layout.addPrefix));
    for (const w of file.warnings) w.file = placed.vmPath;
    if (placed.warning) file.warnings.push({ file: placed.vmPath, ...noted(placed.warning) });
    out.push({ vmPath: placed.vmPath, kind: placed.kind, size: file.size, truncated: file.truncated, origin: file.origin, input, warnings: file.warnings, content: file.content, ...placedBy(placed) });
  }
  // A plain container around one recognised bundle (a case zip holding the customer's logs.zip) is that bundle.
  const generic = layout.kind === 'zip' || layout.kind === 'tar' || layout.kind === 'folder';
  const inner = [...new Set(nestedKinds.filter((k) => k !== 'zip' && k !== 'tar'))];
  return { kind: generic && inner.length === 1 ? inner[0] : layout.kind, files: out };
}

/** A crash's NUL block (survey.ts), and one at a line's start: a saved output's, read past (tailOutput). */
const NUL_RUN = '\0'.repeat(NUL_BLOCK_MIN);
const LEADING_NULS = new RegExp(`^\\0{${NUL_BLOCK_MIN},}`, 'gm');

/** Names a saved command output goes by, and the compression's suffix it may carry after them. */
const SAVED_OUTPUT = /\.(?:txt|log|out)$/i;
const PACKED_SUFFIX = /\.(?:gz|bz2|xz|zst)$/i;

/**
 * A saved `tail -f` (or `head`) of several files, or a search's output over them (`grep -rn`, Select-String), read as
 * those files (paste.ts tailFiles, searchFiles); undefined for any other file. It is decoded as a file is (UTF-16 from
 * PowerShell 5's `>`, a byte-order mark, an 8-bit code page) and undressed as a paste is (a terminal's colours, `grep
 * --color=always`'s around each path; quoting; shared indentation) first. `head`: its first bytes past any NUL block a
 * crash left (loose.ts sniffHead), inflated when it is compressed.
 */
async function tailOutput(head: Buffer, all: () => Promise<Buffer>, size: number, origin: string, input: number): Promise<IngestedFile[] | undefined> {
  const raw = headText(head);
  const first = plainExcerpt(raw, 'chars') ?? raw;
  if (size > 2 * MAX_PASTE_BYTES || !(isTailOutput(first) || isSearchOutput(first))) return undefined;
  const { text: decoded, legacy } = decodedText(await all());
  if (decoded.length > MAX_PASTE_BYTES) return undefined;
  // a crash's NUL block before a line is not the output's (one inside a line after its path is the searched file's)
  const bare = decoded.includes(NUL_RUN) ? decoded.replace(LEADING_NULS, '') : decoded;
  const text = plainExcerpt(bare, 'chars') ?? bare;
  const lines = text.split('\n');
  const files = tailFiles(lines, input, origin) ?? searchFiles(lines, input, origin);
  for (const f of legacy ? (files ?? []) : []) {
    f.encoding = legacy;
    f.warnings.push({ file: f.vmPath, ...noted(msg('ingest.decoded-as', { origin: f.origin, encoding: legacy! })) });
  }
  return files;
}

/**
 * What macOS adds when it zips a folder or copies one to a share: `__MACOSX/` and AppleDouble `._name` files (a file's
 * extended attributes and resource fork, magic 0x00051607). They are no VM's files, though `._waagent.log` is named
 * like one (it was read as a second, empty waagent.log).
 */
async function macMetadata(e: RawEntry): Promise<boolean> {
  if (/(?:^|\/)__MACOSX\//.test(e.name)) return true;
  if (!e.name.slice(e.name.lastIndexOf('/') + 1).startsWith('._')) return false;
  const head = e.data ? e.data.subarray(0, 4) : await e.content.read(0, 4);
  return head.length === 4 && head.readUInt32BE(0) === APPLE_DOUBLE_MAGIC;
}
const APPLE_DOUBLE_MAGIC = 0x00051607;

/** The Windows guest folders, wherever a bundle put them. */
const WINDOWS_TAIL = /(?:^|\/)((?:WindowsAzure|Packages\/Plugins)\/.+)$/i;
/** Under /var/log a file the globs do not know is still read when its lines are a log format's. */
const VM_LOGS = /^var\/log\//;

/**
 * Where a member of a folder or archive lived on the VM. A member laid out as on the VM keeps its path (and
 * the kind its path says; an unknown log under /var/log is read by its lines). Anything else (a flat folder of
 * files attached to a ticket, an unknown folder structure, a renamed or `.txt` copy) is placed like a loose
 * file, by its name and content (ingest/loose.ts), so it gets the path and parser it has on a VM.
 */
async function placeMember(vmPath: string, file: RawEntry, prefixed = false): Promise<LooseGuess> {
  const kind = classify(vmPath);
  // sosreport command outputs keep their place; the declarations' own sos_commands globs give their kind
  if (/^sos_(commands|reports|logs)\//.test(vmPath)) return { vmPath, kind };
  // A folder read as C:\WindowsAzure\Logs for the WaAppAgent.log in it is often a ticket's attachments: a file the
  // guess put where no Windows file of its name lives (Application.txt, IaaSBcdrExtension.log beside the agent's
  // log) is placed by its own name and content, as it would be without the agent's log beside it.
  if (prefixed && kind === 'other') {
    const name = vmPath.slice(vmPath.lastIndexOf('/') + 1);
    const guess = guessVmPath(name, await headOf(file));
    if (guess.kind !== 'other') return guess;
  }
  if (VM_TREE.test(vmPath)) {
    if (kind !== 'other' || !VM_LOGS.test(vmPath)) return { vmPath, kind };
    const seen = recognise(await headOf(file));
    return { vmPath, kind: seen && formatOf(seen.kind)?.sniff?.line ? seen.kind : kind };
  }
  // a file the collection wrote about itself, at the bundle's root, is what its name says
  if (COLLECTION_KINDS.has(kind) && !vmPath.includes('/')) return { vmPath, kind };
  // a Windows guest's folders under any wrapper (the agent's log collection zip, `C/…`, `VMAgentLogs/C_/…`)
  const win = WINDOWS_TAIL.exec(vmPath);
  if (win) {
    const path = win[1].replace(/^windowsazure\//i, 'WindowsAzure/').replace(/^packages\/plugins\//i, 'Packages/Plugins/');
    const k = classify(path);
    if (k !== 'other') return { vmPath: path, kind: k };
    const seen = recognise(await headOf(file));
    return { vmPath: path, kind: seen?.kind ?? 'other' };
  }
  const name = vmPath.slice(vmPath.lastIndexOf('/') + 1);
  const head = await headOf(file);
  const guess = guessVmPath(name, head);
  if (guess.kind === 'other') return { vmPath, kind: 'other' };
  return consoleGuess(await ownedGuess(guess, name, file.origin, head, (words) => holdsAny(file.content, words)), name, (n) => file.content.read(0, n));
}

/** A member's head for the sniffers (past a crash's NUL blocks: loose.ts sniffHead). */
async function headOf(file: RawEntry): Promise<Buffer> {
  return sniffHead(await file.content.read(0, HEAD_BYTES), (n) => file.content.read(0, n));
}

/** Whether any of `words` occurs in the content (streamed; a word cut between two chunks is found too). */
async function holdsAny(content: FileContent, words: readonly string[]): Promise<boolean> {
  const bytes = words.map((w) => Buffer.from(w, 'latin1'));
  const longest = Math.max(...bytes.map((w) => w.length));
  let carry = Buffer.alloc(0);
  for await (const chunk of content.chunks()) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (bytes.some((w) => buf.includes(w))) return true;
    carry = Buffer.from(buf.subarray(Math.max(0, buf.length - longest + 1)));
  }
  return false;
}

/** Archive names worth opening when they are not part of the VM tree itself. */
const NESTED_ARCHIVE = /\.(zip|tar|tgz|tar\.gz|tar\.xz|tar\.bz2|tbz2?|tar\.zst|tzst)$/i;
/** Archives inside the VM tree (agent and extension packages, `*.zip` in /var/lib/waagent) stay files. */
const VM_TREE = /^(var|etc|usr|opt|run|home|root|WindowsAzure|Packages)\//i;

/**
 * An archive inside the input but outside the VM tree (a case zip holding `logs.zip`, a folder holding the
 * sosreport tarball): opened in memory, its files mapped by its own layout. Undefined keeps it as a file.
 */
async function expandNested(e: RawEntry, vmPath: string, input: number, budget: Budget, depth: number, signal?: AbortSignal): Promise<InputRead | undefined> {
  if (depth > budget.limits.maxDepth) {
    e.warnings.push({ file: vmPath, ...noted(msg('ingest.too-deep', { origin: e.origin, depth: budget.limits.maxDepth })) });
    return undefined;
  }
  const onDisk = e.content instanceof DiskFileContent && e.content.start === 0 ? e.content.path : undefined;
  if (!e.data && !onDisk) return undefined;
  const head = e.data ? e.data.subarray(0, 8192) : await readHead(onDisk!, 8192);
  const src = e.data ?? onDisk!;
  const raw: RawEntry[] = [];
  let container: Container;
  const archive = archiveKind(head, vmPath);
  if (!archive) return undefined;
  // its members are counted instead of its own bytes (counted both, a big inner zip met the total cap half read)
  budget.refund(e.size);
  if (archive === 'zip') {
    await readZip(e.data ? { buffer: e.data, origin: e.origin } : { path: onDisk, origin: e.origin }, budget, raw, signal);
    container = 'zip';
  } else {
    await readTar(src, TAR_COMPRESSION[archive], e.origin, budget, raw, signal);
    container = 'tar';
  }
  if (raw.length === 0) {
    budget.totalBytes += e.size; // kept as a file after all
    return undefined;
  }
  return finish(raw, container, input, budget, signal, depth);
}

/** `history/<dir>.zip` → its members at `history/<dir>/<name>`; undefined keeps the zip as a plain file. */
async function expandHistory(e: RawEntry, vmPath: string, dir: string, input: number, budget: Budget, depth: number, signal?: AbortSignal): Promise<IngestedFile[] | undefined> {
  if (depth > budget.limits.maxDepth) {
    e.warnings.push({ file: vmPath, ...noted(msg('ingest.too-deep', { origin: e.origin, depth: budget.limits.maxDepth })) });
    return undefined;
  }
  const data = e.data ?? (e.content instanceof DiskFileContent && !e.truncated ? await readAll(e.content) : undefined);
  if (!data) return undefined;
  const inner: RawEntry[] = [];
  const before = budget.sink.length;
  await readZip({ buffer: data, origin: e.origin }, budget, inner, signal);
  if (inner.length === 0) {
    e.warnings.push({ file: vmPath, ...noted(msg('ingest.history-unopened', { origin: e.origin })) });
    budget.sink.splice(before).forEach((w) => e.warnings.push({ ...w, file: vmPath }));
    return undefined;
  }
  budget.refund(e.size);
  const files: IngestedFile[] = [];
  for (const m of inner) {
    const path = `var/lib/waagent/history/${dir}/${m.name}`;
    const f = await inflateMember(m, path, budget);
    if (!f) continue;
    for (const w of f.warnings) w.file = path;
    files.push({ vmPath: path, kind: classify(path), size: f.size, truncated: f.truncated, origin: f.origin, input, warnings: f.warnings, content: f.content });
  }
  return files;
}

async function readAll(c: FileContent): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of c.chunks()) parts.push(chunk);
  return Buffer.concat(parts);
}

/** A member's compression, by its name (its magic is checked before it is trusted). */
const MEMBER_COMPRESSION: [RegExp, MemberCodec][] = [
  [/\.gz$/, 'gzip'],
  [/\.bz2$/i, 'bzip2'],
  [/\.xz$/i, 'xz'],
  [/\.zst$/i, 'zstd'],
];

/**
 * Compressed members (`waagent.log.2.gz`, `syslog.1.bz2`, `extension.log.1.xz`) are inflated through the bounded
 * inflater: in memory for archive members, on the fly for `.gz` files on disk, in memory (under the per-file cap)
 * for other compressed files on disk.
 */
async function inflateMember(e: RawEntry, vmPath: string, budget: Budget): Promise<RawEntry | undefined> {
  const onDisk = e.content instanceof DiskFileContent && e.content.start === 0 ? e.content.path : undefined;
  let codec = MEMBER_COMPRESSION.find(([re]) => re.test(vmPath))?.[1];
  // Outside the VM tree a file is placed by its content, so a compressed one whose name lost its `.gz` is found here
  // (in the tree its name gives its kind, and plainTexts finds it by the bytes it reads anyway).
  if (!codec && !VM_TREE.test(vmPath) && e.size > 0) {
    const head = e.data ? e.data.subarray(0, 16) : onDisk ? await readHead(onDisk, 16) : undefined;
    codec = head && compressedBy(head);
    if (codec) e.warnings.push(noted(msg('ingest.packed-unnamed', { origin: e.origin, codec: CODEC_NAME[codec] })));
  }
  if (!codec) return e;
  const cap = budget.limits.maxFileBytes;
  if (!e.data && !onDisk) {
    // only the tail of a compressed file over the per-file cap was kept, and a tail does not decompress
    e.warnings.push(noted(msg('ingest.capped-packed', { origin: e.origin, cap })));
    return e;
  }
  try {
    if (e.data || codec !== 'gzip') {
      const packed = e.data ?? (await readFile(onDisk!));
      if (!CODEC_MAGIC[codec](packed)) {
        e.warnings.push(noted(msg('ingest.not-codec', { origin: e.origin, ext: vmPath.slice(vmPath.lastIndexOf('.') + 1), codec: CODEC_NAME[codec] })));
        return e;
      }
      const u = await unpack(packed, codec, cap, budget, undefined, e.origin);
      budget.refund(e.size);
      if (!budget.takeBytes(u.data.length, e.origin, vmPath)) return undefined;
      return { ...e, content: new BufferContent(u.data), data: undefined, size: u.data.length, truncated: e.truncated || u.truncated, warnings: [...e.warnings, ...u.notes.map(noted)] };
    }
    if (onDisk) {
      // a .gz on disk is inflated on the fly each time it is read, so a big one never sits in memory
      if (!isGzip(await readHead(onDisk, 4))) {
        e.warnings.push(noted(msg('ingest.not-gzip', { origin: e.origin })));
        return e;
      }
      const g = await GunzipFileContent.open(onDisk, cap, maxInflate(e.size, budget));
      budget.refund(e.size);
      if (!budget.takeBytes(g.content.size, e.origin, vmPath)) return undefined;
      const warnings = [...e.warnings];
      if (g.truncated) warnings.push(noted(msg('ingest.capped-inflated', { origin: e.origin, cap, kept: g.content.size })));
      if (g.error) warnings.push(noted(msg('ingest.damaged', { origin: e.origin, codec: 'gzip', error: g.error, kept: g.content.size })));
      return { ...e, content: g.content, size: g.content.size, truncated: e.truncated || g.truncated || !!g.error, warnings };
    }
  } catch (err) {
    if (err instanceof BombError) {
      budget.warn(bombNote(e.origin, budget));
      return undefined;
    }
    e.warnings.push(noted(msg('ingest.not-inflated', { origin: e.origin, error: (err as Error).message })));
  }
  return e;
}
