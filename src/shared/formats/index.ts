import type { Lang } from '../catalog/types';
import { warningIn, type WarningNote } from '../i18n/analysis';
import type { FileKind } from '../model/bundle';
import { COLLECTION_FORMATS } from './collection';
import { encodingOf, legacyEncodingOf, utf16Text } from './encoding';
import type { ForeignContent, NothingWords } from './foreign';
import { dirOf, globToRegExp } from './glob';
import { plainExcerpt } from './excerpt';
import { LINUX_AGENT_FORMATS } from './linux-agent';
import { PLATFORM_FORMATS } from './platform';
import { SYSTEM_FORMATS } from './system';
import type { FormatDecl, MissingAdvice } from './types';
import { VMSNAPSHOT_FORMATS } from './vmsnapshot';
import { WINDOWS_FORMATS } from './windows';

export type { FormatDecl, FormatSample, MissingAdvice, Sniffer } from './types';
export { foreignContent, type ForeignContent } from './foreign';

const extensionLog = LINUX_AGENT_FORMATS.find((f) => f.kind === 'extension-log')!;

/**
 * Every format, in the order a VM path is matched (the first glob that matches decides) and a content tie is
 * broken: the Backup extension's logs before the generic extension log, which is last since its glob takes
 * any `var/log/azure/**.log`. The platform's documents (no VM path) come first: a head both they and a status
 * file's sniffer accept is the platform's view of the VM, which quotes the status files.
 */
export const FORMATS: readonly FormatDecl[] = [
  ...PLATFORM_FORMATS,
  ...VMSNAPSHOT_FORMATS,
  ...LINUX_AGENT_FORMATS.filter((f) => f !== extensionLog),
  ...SYSTEM_FORMATS,
  ...WINDOWS_FORMATS,
  ...COLLECTION_FORMATS,
  extensionLog,
];

const BY_KIND = new Map<FileKind, FormatDecl>(FORMATS.map((f) => [f.kind, f]));

export function formatOf(kind: FileKind): FormatDecl | undefined {
  return BY_KIND.get(kind);
}

/**
 * What a file was taken for, for the window's "Nothing to analyse" and the CLI's: a known format by its title (the
 * kind id means nothing to an engineer) and, where its reader said why nothing in it could be used, why (a scale
 * set's instance view, invalid JSON: what the file was, beyond its format's name), else what its bytes are.
 */
export function takenFor(
  f: { size: number; kind: FileKind; seenAs?: ForeignContent; warnings?: readonly { message: string; note?: WarningNote }[] },
  w: NothingWords,
  lang: Lang,
): string {
  if (f.size === 0) return w.emptyFile;
  if (f.kind !== 'other') {
    const title = formatOf(f.kind)?.title[lang] ?? f.kind;
    // (the reader's own "read as …, nothing usable" is what this sentence says already)
    const why = (f.warnings ?? []).filter((x) => x.note?.key.startsWith('parse.') && x.note.key !== 'parse.read-as-unused').map((x) => warningIn(lang, x));
    return why.length ? w.readAsBecause(title, why.join('; ')) : w.readAs(title);
  }
  return f.seenAs ? w.seenAs[f.seenAs] : w.notRecognised;
}

const PATH_RULES: { kind: FileKind; re: RegExp; sos: boolean }[] = FORMATS.flatMap((f) => [
  ...(f.linux ?? []).map((g) => ({ kind: f.kind, re: globToRegExp(g, !!f.nocase), sos: g.startsWith('sos_commands/') })),
  ...(f.windows ?? []).map((g) => ({ kind: f.kind, re: globToRegExp(g, true), sos: false })),
]);

/** A VM path in `/` form without a drive (`C:\WindowsAzure\Logs\x` → `WindowsAzure/Logs/x`). */
export function normalizeVmPath(vmPath: string): string {
  return vmPath.replace(/\\/g, '/').replace(/^[A-Za-z]:\//, '');
}

/**
 * sosreport command outputs are not VM files, whatever they are called: only a declaration's own
 * `sos_commands/…` glob claims one (the agent unit's status, its journal, the firewall, df).
 */
const NOT_VM_FILES = /^sos_(?:commands|reports|logs)\//;

/** The kind a file has at this VM path (no leading slash), from the declarations' globs; `other` when none. */
export function kindOfPath(vmPath: string): FileKind {
  assertDeclarations();
  const p = normalizeVmPath(vmPath);
  const sos = NOT_VM_FILES.test(p);
  for (const r of PATH_RULES) if (r.sos === sos && r.re.test(p)) return r.kind;
  return 'other';
}

/** Bytes of a file's start that content recognition looks at. */
export const HEAD_BYTES = 4096;
/** Lines of the head a line sniffer scores (each read up to LINE_MAX characters). */
const HEAD_LINES = 64;
const LINE_MAX = 512;
/** A structured document's decision outweighs any count of matching lines. */
export const HEAD_SCORE = 1000;

export interface Recognised {
  kind: FileKind;
  /** How many head lines matched (HEAD_SCORE for a structured document). */
  score: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The head as text: UTF-16 (with or without a byte-order mark) decoded as such, else UTF-8 when it is valid UTF-8 (a
 * Japanese, German or French Event Viewer export is recognised by its own labels, `ログの名前:`, `ID de l’événement :`),
 * else Latin-1, which never fails (every byte is one character). A UTF-8 byte-order mark is dropped. A character cut
 * at the head's end is allowed.
 */
export function headText(head: Buffer | string): string {
  if (typeof head === 'string') return head.slice(0, HEAD_BYTES);
  const encoding = encodingOf(head);
  if (encoding === 'utf16le' || encoding === 'utf16be') return utf16Text(head.subarray(0, HEAD_BYTES), encoding);
  const bytes = head.subarray(encoding === 'utf8-bom' ? 3 : 0, HEAD_BYTES);
  try {
    return utf8.decode(bytes, { stream: true });
  } catch {
    // a file in an 8-bit encoding: read as ingest will read it (ingest/text-encoding.ts), else byte for byte
    const legacy = legacyEncodingOf(bytes);
    return legacy ? new TextDecoder(legacy).decode(bytes) : bytes.toString('latin1');
  } finally {
    utf8.decode(); // reset the decoder's state (a cut character it kept back)
  }
}

/**
 * The format the content of a file is in, judged from its first lines: each declaration's sniffer scores the head
 * and the best score wins (ties go to the earlier declaration). Undefined when nothing matches.
 */
export function recognise(head: Buffer | string): Recognised | undefined {
  assertDeclarations();
  const raw = headText(head);
  const text = plainExcerpt(raw, 'chars') ?? raw;
  const lines = text.split('\n', HEAD_LINES).map((l) => (l.length > LINE_MAX ? l.slice(0, LINE_MAX) : l).replace(/\r$/, ''));
  let best: Recognised | undefined;
  for (const f of FORMATS) {
    const s = f.sniff;
    if (!s) continue;
    let score = 0;
    if (s.head?.(text)) score = HEAD_SCORE;
    else if (s.line) for (const l of lines) if (s.line.test(l)) score++;
    if (score > 0 && (!best || score > best.score)) best = { kind: f.kind, score };
  }
  return best;
}

/** The VM path a loose file of format `f` gets (`name`: its real name, or undefined for the canonical one). */
export function placeOf(f: FormatDecl, name: string | undefined, head: string): string {
  if (f.place) return f.place(name, head);
  const canonical = f.home ?? (f.linux ?? f.windows ?? [])[0];
  if (!canonical || /[*?{<]/.test(canonical)) throw new Error(`format ${f.kind} has no literal first glob; it needs home or place()`);
  return name ? [dirOf(canonical), name].filter(Boolean).join('/') : canonical;
}

/** The declarations whose real names include `name`. */
export function formatsNamed(name: string): FormatDecl[] {
  return FORMATS.filter((f) => f.names?.test(name));
}

/**
 * Files the collection wrote about itself (the log collector's results.txt, our SSH collection's probes and manifest):
 * they sit at a bundle's root, and their times are when the logs were taken, not anything the VM did.
 */
export const COLLECTION_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(['logcollector-results', 'probes-json', 'collection-manifest']);
/** Kinds whose big files are split into ranges parsed in parallel. */
export const SPLITTABLE: ReadonlySet<FileKind> = new Set(FORMATS.filter((f) => f.split).map((f) => f.kind));
/** Kinds parsed in the parse workers when the pool runs. */
export const WORKER_KINDS: ReadonlySet<FileKind> = new Set(FORMATS.filter((f) => f.worker === true).map((f) => f.kind));
/** Kinds whose big files' later ranges are parsed in the parse workers, their facts as columns, when the pool runs. */
export const RANGE_KINDS: ReadonlySet<FileKind> = new Set(FORMATS.filter((f) => f.worker === 'ranges').map((f) => f.kind));
/** What the SSH collector takes, most useful first (a size cap or a cut connection keeps the head of the list). */
export const COLLECT_GLOBS: readonly string[] = FORMATS.flatMap((f) => f.collect ?? [])
  .sort((a, b) => a[1] - b[1])
  .map(([g]) => g);
/** The missing-evidence advice, in order, with the kind each belongs to. */
export const MISSING: readonly (MissingAdvice & { kind: FileKind })[] = FORMATS.flatMap((f) => (f.missing ? [{ ...f.missing, kind: f.kind }] : [])).sort((a, b) => a.order - b.order);

/**
 * Each declaration's samples must be recognised as its own kind, and its canonical place must map back to it
 * (checked when the module loads, like lnav checks a format's sample lines: a broken declaration fails every
 * test and the app's start instead of silently misplacing files).
 */
export function checkDeclarations(formats: readonly FormatDecl[] = FORMATS): string[] {
  const problems: string[] = [];
  const kinds = new Set<FileKind>();
  for (const f of formats) {
    if (kinds.has(f.kind)) problems.push(`${f.kind}: declared twice`);
    kinds.add(f.kind);
    for (const s of f.samples ?? []) {
      const r = recognise(s.text);
      if (r?.kind !== f.kind) problems.push(`${f.kind}: sample recognised as ${r?.kind ?? 'nothing'}: ${s.text.slice(0, 80)}`);
    }
    if (f.sniff && (f.names || f.place || f.linux?.length || f.windows?.length)) {
      const placed = placeOf(f, undefined, (f.samples?.[0]?.text ?? '').slice(0, HEAD_BYTES));
      const back = kindOfPath(placed);
      if (back !== f.kind && back !== 'other') problems.push(`${f.kind}: its canonical place ${placed} is classified as ${back}`);
    }
  }
  return problems;
}

/**
 * Throws when the declarations are inconsistent (`checkDeclarations`), checked once before the first file is placed or
 * recognised: a thread that classifies files (the app's, the CLI's) checks them; a parse worker, which reads only the
 * files it is given, does not pay the check at its start.
 */
function assertDeclarations(): void {
  if (checked) return;
  checked = true;
  const problems = checkDeclarations();
  if (problems.length > 0) {
    checked = false;
    throw new Error(`format declarations are inconsistent:\n${problems.join('\n')}`);
  }
}
let checked = false;
