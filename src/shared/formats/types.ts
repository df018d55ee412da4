import type { Localized } from '../catalog/types';
import type { FileKind } from '../model/bundle';

/**
 * One file format, declared once (after lnav's format files): where it lives, how it is recognised by name
 * and by content, how it is collected and split, and what to ask for when it is missing. Ingest, the SSH
 * collector, the parse stage and the missing-evidence advice all read these declarations (formats/index.ts).
 * They live in src/shared because every layer of src/main that uses them sits below the parsers; the parser of
 * each kind is bound in src/main/parse/registry.ts (test/formats checks that every declared log has one).
 * Adding a format is one declaration, its parser's line in the registry and its samples.
 */
export interface FormatDecl {
  kind: FileKind;
  /** What the format is, for warnings ("placed at … (its content is <title>)"), in English and Dutch. */
  title: Localized;
  /** Where it lives on a Linux VM: VM-path globs without the leading `/` (formats/glob.ts). */
  linux?: readonly string[];
  /** Where it lives on a Windows VM, without the drive (`WindowsAzure/Logs/...`); matched case-insensitively. */
  windows?: readonly string[];
  /** The Linux globs ignore case too. */
  nocase?: boolean;
  /** Where a loose file of this format is put by default (its folder; the file name is the real one or this one's). */
  home?: string;
  /** The file names it really goes by (a loose file so named is placed without a content guess). */
  names?: RegExp;
  /**
   * Names it shares with another platform's format (a handler's CommandExecution.log on Windows and on Linux): by name
   * alone a file so named is the other's, but one whose content is this format keeps its name here.
   */
  sharedNames?: RegExp;
  /** The format its lines are written in when it has no sniffer of its own: content of that format agrees with its name. */
  linesOf?: FileKind;
  /** How its content is recognised (the first lines / KiB of the file). */
  sniff?: Sniffer;
  /**
   * The VM path a loose file of this format gets: `name` is its real name when it has one (else undefined:
   * the canonical name is used), `head` its first bytes. Default: the first glob's folder and file name.
   */
  place?: (name: string | undefined, head: string) => string;
  /**
   * What the SSH collector takes: globs relative to the VM root (a folder is taken whole), each with its
   * priority (formats/index.ts COLLECT_GLOBS sorts by it, lowest first: the most useful files travel first).
   */
  collect?: readonly (readonly [glob: string, priority: number])[];
  /** A log whose records carry a time: a line of it without one lost its time stamp (an excerpt), unlike a state file's. */
  timedLog?: boolean;
  /** Records never depend on the lines before the previous record start: big files are split for the workers. */
  split?: boolean;
  /**
   * Parsed in a parse worker when the pool runs: `true` a whole file or range, its facts cloned back (few facts per
   * record); `'ranges'` only a big file's later ranges, its facts sent as FactStore columns, while the main thread
   * parses its first range (a fact for most records; see parse/parse-files.ts).
   */
  worker?: boolean | 'ranges';
  /** Real lines or documents of the format (with their source): the sniffer must recognise each one (checked on load). */
  samples?: readonly FormatSample[];
  /** What to tell the engineer when a bundle lacks this format. */
  missing?: MissingAdvice;
}

export interface Sniffer {
  /** A line of the format: the score is how many of the first lines match (a line is read up to 512 bytes). */
  line?: RegExp;
  /** A decision on the whole head (structured documents: their root element or keys). Scores above any line count. */
  head?: (head: string) => boolean;
}

export interface FormatSample {
  text: string;
  /** Where the text was taken from (URL, or the fixture's SOURCE.md). */
  source: string;
}

export interface MissingAdvice {
  what: string;
  why: string;
  howToCollect: string;
  /** The same three in Dutch. */
  nl: { what: string; why: string; howToCollect: string };
  /** Order in the advice list (lowest first). */
  order: number;
  /** The bundle has what this advice is about (default: a file of this kind). */
  present?: (files: readonly { vmPath: string; kind: FileKind }[]) => boolean;
  /**
   * The advice when the bundle lacks the file but another log relays the agent's records (`relaysAgentLog`): `log`
   * when they were read from a journal or syslog, `excerpt` when only from the lines `systemctl status` shows.
   * `{files}` in them is replaced by the relaying files' names.
   */
  relayed?: { log: RelayedAdvice; excerpt: RelayedAdvice };
}

/** A `missing` advice's reason and collection step in its relayed form (the file it asks for stays `what`). */
export interface RelayedAdvice {
  why: string;
  howToCollect: string;
  nl: { why: string; howToCollect: string };
}
