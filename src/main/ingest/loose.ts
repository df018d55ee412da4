/**
 * A file that has only its name (given on its own, or in a folder or archive that is not laid out like a VM):
 * where it lived on the VM is decided by the format declarations (src/shared/formats): its real name when it has
 * one, its content otherwise, and the content over the name when the two disagree (an `extension.log` of
 * another extension, a `shell.log` that is a terminal session). A renamed file (`waagent (1).log`,
 * `ticket-4711-extension.log`, `waagent.log.txt`) lands where its real name would have put it, so the same files
 * give the same records, facts and verdict whatever they are called. A placement that is a guess is reported.
 */
import type { FileKind } from '../../shared';
import { formatOf, formatsNamed, HEAD_BYTES, headText, kindOfPath, placeOf, recognise, type FormatDecl } from '../../shared/formats';
import { handlerIn, windowsOnly } from '../../shared/formats/sniff';
import { UNKNOWN_VERSION, UNNAMED_HANDLER, UNNAMED_HANDLER_DIR } from '../../shared/model/handler';
import { VMSNAPSHOT_MARKERS } from '../../shared/formats/vmsnapshot';
import { isSerialConsole } from '../../shared/formats/system';
import { encodingOf, utf16Text } from '../../shared/formats/encoding';
import { CRASH_NULS, withoutNulBlocks } from './survey';
import { msg, type IngestNote, type LooseWhy } from '../../shared/i18n/analysis';
import { noted } from './limits';
import type { IngestedFile } from './types';

export interface LooseGuess {
  vmPath: string;
  kind: FileKind;
  /** Why the placement is a guess (the file's warning). */
  warning?: IngestNote;
  /** Set when the file was placed under another name: the name it had (BundleFile.givenName). */
  givenName?: string;
  /** A file a Windows handler writes alike, placed as a Linux one's: where it goes in a Windows VM's bundle (settleTwins). */
  twin?: LooseGuess;
}

/**
 * The Linux handler files whose content a Windows handler writes alike (the handler protocol's settings and status
 * documents), and the Windows format each then is: a loose one that names no folder of either is the platform's the
 * files beside it are.
 */
const WINDOWS_TWIN: Partial<Record<FileKind, FileKind>> = { 'extension-settings': 'windows-plugin-settings', 'extension-status': 'windows-plugin-status' };

/** Compression a loose log may carry; its content is read decompressed. */
const COMPRESSED = /\.(gz|xz|bz2|zst)$/i;

/** How far into a file its head is looked for past a crash's NUL blocks (a pre-allocated extent can be this big). */
export const SNIFF_SCAN_BYTES = 1024 * 1024;

/**
 * The head the sniffers read: `head` (a file's first bytes) as it is, or, when a NUL block stands in its first
 * HEAD_BYTES (a short log a crash cut, a log whose first block was never written), the first bytes read further
 * (`read(n)`: the file's first n bytes) without their NUL blocks, so the lines after the block are seen. A text
 * file's head only: NULs outside such blocks (a binary file's) leave the head as it is.
 */
export async function sniffHead(head: Buffer, read: (n: number) => Promise<Buffer>): Promise<Buffer> {
  const first = head.subarray(0, HEAD_BYTES);
  // a binary file (a journal, wtmp) has NULs outside such blocks too, and is not read further
  if (!first.includes(CRASH_NULS)) return head;
  const rest = withoutNulBlocks(first);
  let end = rest.length; // (a block may begin just before the head's end)
  while (end > 0 && rest[end - 1] === 0) end--;
  if (rest.subarray(0, end).includes(0)) return head;
  const plain = withoutNulBlocks(head.length >= SNIFF_SCAN_BYTES ? head : await read(SNIFF_SCAN_BYTES));
  return plain.subarray(0, Math.max(head.length, HEAD_BYTES));
}

/** logrotate's `dateformat .%Y%m%d` after the whole name (its default `-%Y%m%d` is in the formats' names). */
const DOT_DATEEXT = /\.\d{4}-?\d\d-?\d\d(?:-\d{2,})?$/;

/**
 * What Windows Explorer adds to a copy it makes beside the file (`waagent - Copy.log`, `waagent - Copy (2).log`), in
 * the desktop's language: German and Dutch `Kopie`, French `Copie`, Spanish and Italian `copia`, Portuguese `Cópia`,
 * Chinese `副本`, Japanese `コピー`.
 */
const COPY_TAG = / - (?:Copy|Kopie|Copie|Copia|Cópia|副本|コピー)(?: \(\d{1,4}\))?(?=\.[^.]*$|$)/i;
/** A date (and time) added after the stem when a file is saved: `extension_2024-01-15.log`, `waagent-20240115-1030.log`. */
const DATE_TAG = /[-_ .]\d{4}-?\d\d-?\d\d(?:[-_T ]?\d\d[-:]?\d\d(?:[-:]?\d\d)?)?(?=\.[^.]*$)/;

/**
 * The names a saved or attached copy of a file is likely to carry its real name in, most literal first: the name
 * itself, without a `.txt` added to open it, without a copy number or Explorer's copy tag (`waagent (1).log`,
 * `waagent - Copy.log`), without a date or another tag between stem and extension (`extension_2024-01-15.log`,
 * `waagent-vm1.log`, `waagent-500.log`), without a ticket prefix (`ticket-4711-extension.log`).
 */
function nameCandidates(name: string): string[] {
  const out: string[] = [];
  const add = (n: string) => {
    if (n && !out.includes(n)) out.push(n);
  };
  const bases = [name];
  if (/\.txt$/i.test(name) && name.length > 4) bases.push(name.slice(0, -4));
  for (const b of bases) {
    add(b);
    const uncopied = b.replace(/ ?\(\d{1,4}\)(?=\.[^.]*$|$)/, '').replace(COPY_TAG, '');
    add(uncopied);
    add(uncopied.replace(DATE_TAG, ''));
    const dot = uncopied.indexOf('.');
    if (dot > 0) add(uncopied.slice(0, dot).replace(/[-_ ][^-_ ]{1,40}$/, '') + uncopied.slice(dot));
  }
  // a prefix before a separator: `ticket-4711-extension.log`, `vm1_waagent.log`
  for (const n of [...out]) {
    for (let i = n.search(/[-_ ]/); i >= 0 && i < n.length - 1; i = n.slice(i + 1).search(/[-_ ]/) < 0 ? -1 : i + 1 + n.slice(i + 1).search(/[-_ ]/)) add(n.slice(i + 1));
  }
  return out;
}

/** The file's real name, if it has one (see nameCandidates), and the formats that go by it. */
function realName(name: string): { name: string; formats: FormatDecl[] } | undefined {
  for (const n of nameCandidates(name.slice(0, 255))) {
    const formats = formatsNamed(n);
    if (formats.length > 0) return { name: n, formats };
  }
  return undefined;
}

/** Places a loose file from its name and its first bytes (`headBytes`: decompressed, any length). */
export function guessVmPath(fileName: string, headBytes: Buffer): LooseGuess {
  const comp = COMPRESSED.exec(fileName);
  const unpacked = comp ? fileName.slice(0, -comp[0].length) : fileName;
  // logrotate's date after a whole real name (`waagent.log.20240115`): a rotation, placed beside the current file
  const dated = DOT_DATEEXT.exec(unpacked);
  const rotated = dated && formatsNamed(unpacked.slice(0, dated.index)).length > 0 ? dated[0] : '';
  const name = unpacked.slice(0, unpacked.length - rotated.length);
  // the block of NULs a crash leaves in a log (parse/lines.ts reads the line after it) hides no format's lines
  const head = headText(withoutNulBlocks(headBytes));
  const seen = recognise(head);
  const real = realName(name);
  let decl: FormatDecl | undefined;
  let byName = false;
  if (real) {
    // (a name whose format writes its lines in another's, a Linux handler's CommandExecution.log in waagent.log's, agrees with it)
    const agrees = seen ? real.formats.find((f) => f.kind === seen.kind || f.linesOf === seen.kind) : undefined;
    // (a name the content's format shares with the name's: a Windows handler's CommandExecution.log keeps its name)
    const shares = !agrees && seen && formatOf(seen.kind)?.sharedNames?.test(real.name) ? formatOf(seen.kind) : undefined;
    // names shared by several formats (`extension.log`) with nothing to tell them apart: the generic one, never
    // the Backup extension's (its rules would then judge a log that is not its own)
    decl = agrees ?? shares ?? (seen ? formatOf(seen.kind) : real.formats[real.formats.length - 1]);
    byName = !!agrees || !!shares || !seen;
  } else if (seen) decl = formatOf(seen.kind);
  if (!decl) {
    const kind = kindOfPath(fileName);
    return { vmPath: fileName, kind, warning: msg('ingest.loose-unknown', { name: fileName }) };
  }
  // a `.gz` keeps its suffix on the VM path (rotation reads `waagent.log.2.gz` as the second-oldest)
  const vmPath = placeOf(decl, byName ? `${real!.name}${rotated}${comp?.[1].toLowerCase() === 'gz' ? '.gz' : ''}` : undefined, head);
  const atPath = kindOfPath(vmPath);
  const kind = atPath !== 'other' ? atPath : decl.kind;
  const exact = byName && real!.name === name && !decl.place;
  if (exact) return { vmPath, kind };
  const twinDecl = kind === decl.kind ? formatOf(WINDOWS_TWIN[decl.kind] ?? 'other') : undefined;
  if (twinDecl) {
    const twinPath = placeOf(twinDecl, byName ? real!.name : undefined, head);
    const twin: LooseGuess = { vmPath: twinPath, kind: twinDecl.kind, warning: msg('ingest.loose-placed', { name: fileName, path: twinPath, why: { by: 'platform', title: twinDecl.title, platform: 'windows' } }), ...givenAs(twinPath, fileName) };
    return { vmPath, kind, warning: msg('ingest.loose-placed', { name: fileName, path: vmPath, why: { by: 'platform', title: decl.title, platform: 'linux' } }), ...givenAs(vmPath, fileName), twin };
  }
  const why: LooseWhy = !byName ? { by: 'content', title: decl.title } : seen ? { by: 'name-and-content', title: decl.title } : { by: 'name', name: real!.name };
  return { vmPath, kind, warning: msg('ingest.loose-placed', { name: fileName, path: vmPath, why }), ...givenAs(vmPath, fileName) };
}

/** Where a bundle file's twin (LooseGuess.twin) travels with it until the whole bundle is read: not part of its data. */
const TWIN: unique symbol = Symbol('twin');
type Twinned = IngestedFile & { [TWIN]?: LooseGuess };

/** What a placed file takes from its guess besides its path and kind: the name it had, its twin (settleTwins). */
export function placedBy(guess: LooseGuess): { givenName?: string; [TWIN]?: LooseGuess } {
  return { ...(guess.givenName ? { givenName: guess.givenName } : {}), ...(guess.twin ? { [TWIN]: guess.twin } : {}) };
}

/** At most this many of the files beside a twin are named in its warning. */
const BESIDE_NAMED = 3;

/**
 * Each loose file placed as a Linux handler's settings or status document that a Windows handler writes alike, moved to
 * the Windows handler's folder when the rest of the bundle is a Windows VM's (formats/sniff.ts windowsOnly: a Windows
 * file, none of a Linux VM's), its warning then saying so; left as the Linux one's otherwise.
 */
export function settleTwins(files: readonly IngestedFile[]): void {
  const twinned = (files as Twinned[]).filter((f) => f[TWIN]);
  if (twinned.length === 0) return;
  const rest = (files as Twinned[]).filter((f) => !f[TWIN]);
  const windows = windowsOnly(rest);
  for (const f of twinned) {
    const twin = f[TWIN]!;
    delete f[TWIN];
    if (!windows) continue;
    const beside = [...new Set(rest.filter((r) => r.kind.startsWith('windows-')).map((r) => basenameOf(r.vmPath)))];
    const named = beside.slice(0, BESIDE_NAMED).join(', ') + (beside.length > BESIDE_NAMED ? ', …' : '');
    const note = withBeside(twin.warning, named);
    for (const w of f.warnings) {
      if (w.file === f.vmPath) w.file = twin.vmPath;
      if (w.note && note && w.note.key === note.key) Object.assign(w, { file: twin.vmPath, ...noted(note) });
    }
    f.vmPath = twin.vmPath;
    f.kind = twin.kind;
    if (twin.givenName) f.givenName = twin.givenName;
  }
}

/** A twin's placing note (a loose file's, a paste's) naming the files beside it that made it the Windows handler's. */
function withBeside(note: IngestNote | undefined, beside: string): IngestNote | undefined {
  if (note?.key === 'ingest.loose-placed' && note.params.why.by === 'platform') return msg('ingest.loose-placed', { ...note.params, why: { ...note.params.why, beside } });
  if (note?.key === 'ingest.paste-read-as' && note.params.taken) return msg('ingest.paste-read-as', { ...note.params, taken: { ...note.params.taken, beside } });
  return note;
}

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A folder the placing made up (a handler or version the file does not name: `Plugins/unknown/unknown/`, `unknown-extension/`). */
const MADE_UP_FOLDER = new RegExp(`(?:^|/)(?:${UNNAMED_HANDLER}|${UNKNOWN_VERSION}|${UNNAMED_HANDLER_DIR})/`);

/**
 * The name the engineer knows the file by, when the evidence would otherwise show a path they never had: another
 * name, or a made-up folder (`WindowsAzure/Logs/Plugins/unknown/unknown/extension.log` for their `extension.log`).
 */
function givenAs(vmPath: string, fileName: string): { givenName?: string } {
  return basenameOf(vmPath) !== fileName || MADE_UP_FOLDER.test(vmPath) ? { givenName: fileName } : {};
}

/**
 * An `extension.log` taken for some extension's own log only because of its name (its head names no handler and no
 * sniffer knows its lines) is the Backup extension's when its folder is that extension's
 * (`…/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log`) or it holds words only that log has
 * (VMSNAPSHOT_MARKERS), anywhere: its own parser then reads the snapshot steps the generic one passes over.
 * `holds(words)` says whether the content holds any of them (a loose file streams its content, a paste has its bytes).
 */
export function ownedGuess(g: LooseGuess, fileName: string, where: string, headBytes: Buffer, holds: (words: readonly string[]) => boolean): LooseGuess;
export function ownedGuess(g: LooseGuess, fileName: string, where: string, headBytes: Buffer, holds: (words: readonly string[]) => Promise<boolean>): Promise<LooseGuess>;
export function ownedGuess(g: LooseGuess, fileName: string, where: string, headBytes: Buffer, holds: (words: readonly string[]) => boolean | Promise<boolean>): LooseGuess | Promise<LooseGuess> {
  if (g.kind !== 'extension-log' || handlerIn(headText(headBytes))) return g;
  if (/(?:^|[\\/!])[^\\/!]*VMSnapshotLinux[\\/!][^\\/!]+$/i.test(where)) return vmSnapshotGuess(g, fileName, 'name-and-folder');
  const pick = (yes: boolean) => (yes ? vmSnapshotGuess(g, fileName, 'name-and-content') : g);
  const held = holds(VMSNAPSHOT_MARKERS);
  return typeof held === 'boolean' ? pick(held) : held.then(pick);
}

/**
 * A file taken for dmesg by its kernel lines alone (not by its name) that holds the agent's records further on: the
 * VM's serial console (formats/system.ts isSerialConsole), whose first kilobytes are the kernel's boot lines and whose
 * agent lines come after them. Looks at the first SNIFF_SCAN_BYTES only (`read(n)`: the file's first n bytes).
 */
export async function consoleGuess(g: LooseGuess, fileName: string, read: (n: number) => Promise<Buffer>): Promise<LooseGuess> {
  if (g.kind !== 'dmesg' || g.warning?.key !== 'ingest.loose-placed' || g.warning.params.why.by !== 'content') return g;
  if (!isSerialConsole(scanText(withoutNulBlocks(await read(SNIFF_SCAN_BYTES))))) return g;
  const decl = formatOf('serial-console')!;
  const vmPath = placeOf(decl, undefined, '');
  return { vmPath, kind: decl.kind, warning: msg('ingest.loose-placed', { name: fileName, path: vmPath, why: { by: 'content', title: decl.title } }), ...givenAs(vmPath, fileName) };
}

/** Bytes read further than the head as text for an ASCII pattern: UTF-16 decoded, anything else byte for byte. */
function scanText(bytes: Buffer): string {
  const encoding = encodingOf(bytes);
  return encoding === 'utf16le' || encoding === 'utf16be' ? utf16Text(bytes, encoding) : bytes.toString('latin1');
}

/** The Backup extension's extension.log, for a file ownedGuess found its owner by folder or content. */
function vmSnapshotGuess(g: LooseGuess, fileName: string, by: 'name-and-folder' | 'name-and-content'): LooseGuess {
  const decl = formatOf('vmsnapshot-extension-log')!;
  const vmPath = placeOf(decl, basenameOf(g.vmPath), '');
  return { vmPath, kind: decl.kind, warning: msg('ingest.loose-placed', { name: fileName, path: vmPath, why: { by, title: decl.title } }), ...givenAs(vmPath, fileName) };
}
