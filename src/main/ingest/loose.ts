/**
 * A file that has only its name (given on its own, or in a folder or archive that is not laid out like a VM):
 * where it lived on the VM is decided by the format declarations (src/shared/formats): its real name when it has
 * one, its content otherwise, and the content over the name when the two disagree (an `extension.log` of
 * another extension, a `shell.log` that is a terminal session). A renamed file (`waagent (1).log`,
 * `ticket-4711-extension.log`, `waagent.log.txt`) lands where its real name would have put it, so the same files
 * give the same records, facts and verdict whatever they are called. A placement that is a guess is reported.
 */
import type { FileKind } from '../../shared';
import { formatOf, formatsNamed, headText, kindOfPath, placeOf, recognise, type FormatDecl } from '../../shared/formats';
import { handlerIn } from '../../shared/formats/sniff';
import { msg, type IngestNote, type LooseWhy } from '../../shared/i18n/analysis';

export interface LooseGuess {
  vmPath: string;
  kind: FileKind;
  /** Why the placement is a guess (the file's warning). */
  warning?: IngestNote;
  /** Set when the file was placed under another name: the name it had (BundleFile.givenName). */
  givenName?: string;
}

/** Compression a loose log may carry; its content is read decompressed. */
const COMPRESSED = /\.(gz|xz|bz2)$/i;

// eslint-disable-next-line no-control-regex
const CRASH_NULS = /\x00{16,}/g;

/** logrotate's `dateformat .%Y%m%d` after the whole name (its default `-%Y%m%d` is in the formats' names). */
const DOT_DATEEXT = /\.\d{4}-?\d\d-?\d\d(?:-\d{2,})?$/;

/** What Windows Explorer adds to a copy it makes beside the file (`waagent - Copy.log`, `waagent - Copy (2).log`). */
const COPY_TAG = / - Copy(?: \(\d{1,4}\))?(?=\.[^.]*$|$)/i;
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
  const head = headText(headBytes).replace(CRASH_NULS, '');
  const seen = recognise(head);
  const real = realName(name);
  let decl: FormatDecl | undefined;
  let byName = false;
  if (real) {
    const agrees = seen ? real.formats.find((f) => f.kind === seen.kind) : undefined;
    // names shared by several formats (`extension.log`) with nothing to tell them apart: the generic one, never
    // the Backup extension's (its rules would then judge a log that is not its own)
    decl = agrees ?? (seen ? formatOf(seen.kind) : real.formats[real.formats.length - 1]);
    byName = !!agrees || !seen;
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
  const why: LooseWhy = !byName ? { by: 'content', title: decl.title } : seen ? { by: 'name-and-content', title: decl.title } : { by: 'name', name: real!.name };
  return { vmPath, kind, warning: msg('ingest.loose-placed', { name: fileName, path: vmPath, why }), ...(basenameOf(vmPath) !== fileName ? { givenName: fileName } : {}) };
}

function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * An `extension.log` taken for some extension's own log only because of its name: its head names no handler and no
 * sniffer knows its lines. Whose it is may still show in its folder or further down (vmSnapshotGuess).
 */
export function ownerUnknown(g: LooseGuess, headBytes: Buffer): boolean {
  return g.kind === 'extension-log' && !handlerIn(headText(headBytes));
}

/** The file's folder is the Backup extension's (`…/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log`). */
export function inVmSnapshotFolder(path: string): boolean {
  return /(?:^|[\\/!])[^\\/!]*VMSnapshotLinux[\\/!][^\\/!]+$/i.test(path);
}

/** The Backup extension's extension.log, for a file ownerUnknown held back: its folder or its content said so. */
export function vmSnapshotGuess(g: LooseGuess, fileName: string, by: 'name-and-folder' | 'name-and-content'): LooseGuess {
  const decl = formatOf('vmsnapshot-extension-log')!;
  const vmPath = placeOf(decl, basenameOf(g.vmPath), '');
  return { vmPath, kind: decl.kind, warning: msg('ingest.loose-placed', { name: fileName, path: vmPath, why: { by, title: decl.title } }), ...(basenameOf(vmPath) !== fileName ? { givenName: fileName } : {}) };
}
