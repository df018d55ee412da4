import type { BundleFile, Fact, MultipleVms } from '../../shared';
import { msg, renderAnalysis } from '../../shared/i18n/analysis';
import type { RecordStore } from '../records/store';
import { firstIndexAtOrAfter } from '../../shared/sorted';
import type { CoveredRelay } from '../parse/parse-files';

/**
 * Whether the bundle holds more than one VM's logs (an engineer dropped two VMs' `waagent -collect-logs` zips, or a
 * colleague's logs lie beside). The analysis reads a bundle as one VM, so another VM's goal states, heartbeats and
 * agent version would count as this one's: a confident wrong answer. Three signals, the first that holds wins:
 * - identity: the files name two machines (/etc/hostname, ovf-env.xml's HostName, the goal state's role instance);
 * - platform: a Linux agent's log beside a Windows agent's;
 * - overlap: two logs of one kind (one rotation group) under different roots whose times overlap while the records of
 *   one in the shared hours are mostly missing from the other. The same log handed in twice, a grown copy or a
 *   collection of the next day share their records over the hours both hold, so they do not count; a rotated set lies
 *   under one root;
 * - relay: the agent's records that a syslog or journal of one root relays (the agent writes each record to
 *   waagent.log and to stdout, at once and in the same words) mostly missing from a waagent.log of another root that
 *   covers their hours. Only records that carry the agent's own time count (a traceback on stderr never reaches
 *   waagent.log): one VM's syslog beside its waagent.log in another folder finds each one's twin.
 * A root is where a VM's tree starts: the input and the folder above the file's own VM path (`other-vm/` for
 * `other-vm/var/log/waagent.log`; ingest/roots.ts), `rootOf` each file's.
 */
export async function detectVms(
  rootOf: readonly string[],
  files: readonly BundleFile[],
  records: RecordStore,
  facts: readonly Fact[],
  relays: readonly CoveredRelay[] = [],
  offsets: ReadonlyMap<number, number> = new Map(),
): Promise<MultipleVms | undefined> {
  const found = byIdentity(files, rootOf, facts) ?? byPlatform(files, rootOf, records) ?? (await byOverlap(files, rootOf, records)) ?? (await byRelay(files, rootOf, records, relays, offsets));
  if (!found) return undefined;
  // in the order of their roots, whatever order the bundle listed them in
  if (found.basis !== 'platform') found.vms.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  const note = msg('pipeline.multiple-vms', found);
  return { ...found, message: renderAnalysis(note, 'en'), messageNl: renderAnalysis(note, 'nl') };
}

type Found = Omit<MultipleVms, 'message' | 'messageNl'>;

/** Facts that name the machine, each kind compared only with itself (a VM renamed since provisioning is one VM). */
const IDENTITIES: { kind: Fact['kind']; name: (f: Fact) => string | undefined }[] = [
  { kind: 'hostname', name: (f) => (f.kind === 'hostname' ? f.name : undefined) },
  { kind: 'ovf-env', name: (f) => (f.kind === 'ovf-env' ? f.hostname : undefined) },
  { kind: 'goal-state-doc', name: (f) => (f.kind === 'goal-state-doc' ? f.roleInstanceId : undefined) },
];

/** Names no machine keeps (a boot before the host name is set). */
const NO_NAME = /^(localhost(\.localdomain)?|)$/i;

function byIdentity(files: readonly BundleFile[], rootOf: readonly string[], facts: readonly Fact[]): Found | undefined {
  const rootsAt = new Map<string, Set<string>>();
  files.forEach((f, i) => rootsAt.set(f.vmPath, (rootsAt.get(f.vmPath) ?? new Set()).add(rootOf[i])));
  for (const id of IDENTITIES) {
    // name → the roots of the files that say it (a fact names its file by VM path: two roots may share it)
    const names = new Map<string, Set<string>>();
    for (const f of facts) {
      if (f.kind !== id.kind) continue;
      const name = id.name(f)?.trim();
      if (!name || NO_NAME.test(name)) continue;
      const roots = names.get(name.toLowerCase()) ?? new Set();
      for (const r of rootsAt.get(f.at.file) ?? []) roots.add(r);
      names.set(name.toLowerCase(), roots);
    }
    if (names.size < 2) continue;
    const allRoots = new Set([...names.values()].flatMap((s) => [...s]));
    if (allRoots.size < 2) continue;
    const vms = [...names].map(([name, roots]) => ({ root: [...roots].sort().join(', '), machine: originalName(facts, id, name) }));
    return { basis: 'identity', vms };
  }
  return undefined;
}

function originalName(facts: readonly Fact[], id: (typeof IDENTITIES)[number], lower: string): string {
  for (const f of facts) if (f.kind === id.kind && id.name(f)?.trim().toLowerCase() === lower) return id.name(f)!.trim();
  return lower;
}

const WINDOWS_AGENT = new Set<BundleFile['kind']>(['windows-agent-log', 'windows-plugin-log', 'windows-installer-log']);

/**
 * A Linux agent's log with timed records and a Windows agent's (or its installer's) log: two machines. Timed, as a
 * pasted deployment error or portal text placed as waagent.log has no time of its own.
 */
function byPlatform(files: readonly BundleFile[], rootOf: readonly string[], records: RecordStore): Found | undefined {
  // the Windows side first: it is cheap, and a Linux-only bundle then never lists a big log's records
  const windows = files.findIndex((f) => WINDOWS_AGENT.has(f.kind));
  if (windows < 0) return undefined;
  const linux = files.findIndex((f) => f.kind === 'waagent-log' && records.idsOfFile(f.id).some((i) => Number.isFinite(records.timeOf(i))));
  if (linux < 0) return undefined;
  return {
    basis: 'platform',
    vms: [
      { root: rootOf[windows], platform: 'windows' },
      { root: rootOf[linux], platform: 'linux' },
    ],
  };
}

/** Records of each file compared in the hours both logs hold (a sample, evenly spread). */
const SAMPLE = 400;
/** At least this many records of the shared hours missing from the other log before the two can be told apart. */
const MIN_DIFFERENT = 1;
/** Share of the two logs' records in the shared hours that the other lacks, from which they are two VMs' logs. */
const MISSING_SHARE = 0.8;

async function byOverlap(files: readonly BundleFile[], rootOf: readonly string[], records: RecordStore): Promise<Found | undefined> {
  const groups = new Map<string, number[]>();
  files.forEach((f, i) => {
    if (f.kind === 'other') return;
    const key = `${f.kind}\0${f.rotation?.group ?? f.vmPath}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  for (const members of groups.values()) {
    const roots = [...new Set(members.map((i) => rootOf[i]))];
    if (roots.length < 2) continue;
    // each root's log: its files' timed records (a rotated set is one log)
    const logs = roots.map((root) => timed(records, members.filter((i) => rootOf[i] === root).map((i) => files[i].id)));
    for (let a = 0; a < logs.length; a++) {
      for (let b = a + 1; b < logs.length; b++) {
        if (await apart(records, logs[a], logs[b])) {
          return { basis: 'overlap', log: files[members[0]].rotation?.group ?? files[members[0]].vmPath, vms: [{ root: roots[a] }, { root: roots[b] }] };
        }
      }
    }
  }
  return undefined;
}

interface TimedLog {
  ids: number[];
  first: number;
  last: number;
}

function timed(records: RecordStore, fileIds: readonly number[]): TimedLog {
  const ids: number[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const f of fileIds) {
    for (const i of records.idsOfFile(f)) {
      const t = records.timeOf(i);
      if (!Number.isFinite(t)) continue;
      ids.push(i);
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  return { ids, first, last };
}

/** Records of the other log looked at around each sampled record (the same second, either side). */
const NEAR_MS = 1000;
const NEAR_MAX = 20;

/**
 * Whether, over the hours both logs hold, their records mostly differ: each of a sample of either log's records there
 * is looked for among the other's records of the same second (two copies of one log hold the same record at the same
 * time, or the start of it where one copy was cut mid-write). Counted over both logs together: a thread's one-line
 * excerpt that the other log, holding the hours around it, lacks is another VM's line; in two copies of one log
 * nearly every record has its twin.
 */
async function apart(records: RecordStore, x: TimedLog, y: TimedLog): Promise<boolean> {
  const from = Math.max(x.first, y.first);
  const to = Math.min(x.last, y.last);
  if (!(from <= to)) return false;
  const inWindow = (l: TimedLog) => l.ids.filter((i) => records.timeOf(i) >= from && records.timeOf(i) <= to).sort((a, b) => records.timeOf(a) - records.timeOf(b));
  const [xs, ys] = [inWindow(x), inWindow(y)];
  const compare = (mine: number[], theirs: number[]) => {
    const sample = spread(mine, SAMPLE);
    return twinsLacking(records, sample, sample.map((i) => nearby(records, theirs, records.timeOf(i))), (own) => own !== '', sameRecord);
  };
  const [a, b] = [await compare(xs, ys), await compare(ys, xs)];
  const lacking = a.lacking + b.lacking;
  return lacking >= MIN_DIFFERENT && lacking / (a.seen + b.seen) >= MISSING_SHARE;
}

/** At least this many relayed records missing from the other root's waagent.log (one may be a stdout-only line or lie in a rotation's gap). */
const MIN_RELAYED = 2;

/**
 * A syslog or journal of one root relays the agent's records that a waagent.log (a rotated set) of another root,
 * covering their hours, mostly lacks. Each relayed record is looked for among the waagent.log's records of the same
 * second: its twin is the same text, behind the relay's prefix.
 */
async function byRelay(files: readonly BundleFile[], rootOf: readonly string[], records: RecordStore, relays: readonly CoveredRelay[], offsets: ReadonlyMap<number, number>): Promise<Found | undefined> {
  if (!relays.length) return undefined;
  const index = new Map(files.map((f, i) => [f.id, i]));
  const byFile = new Map<number, CoveredRelay[]>();
  for (const r of relays) {
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  for (const [file, rs] of byFile) {
    const at = index.get(file);
    if (at === undefined) continue;
    const root = rootOf[at];
    const logRoots = new Map<string, number[]>();
    files.forEach((f, i) => {
      if (f.kind === 'waagent-log' && rootOf[i] !== root) logRoots.set(rootOf[i], [...(logRoots.get(rootOf[i]) ?? []), i]);
    });
    for (const [other, members] of logRoots) {
      const log = timed(records, members.map((i) => files[i].id));
      if (!log.ids.length) continue;
      const sorted = [...log.ids].sort((a, b) => records.timeOf(a) - records.timeOf(b));
      // the relayed record's time as the log's records now read (a local time moved by the log's clock offset)
      const shift = (r: CoveredRelay) => r.timeMs - (r.local ? (offsets.get(records.fileOf(sorted[0])) ?? 0) * 60_000 : 0);
      const inHours = rs.filter((r) => shift(r) >= log.first && shift(r) <= log.last);
      const sample = spread(inHours, SAMPLE);
      const own = relayedRecords(records, file, sample.map((r) => r.line));
      const near = sample.map((r) => nearby(records, sorted, shift(r)));
      // only a record with the agent's own time counts (its twin then starts with that time)
      const { seen, lacking } = await twinsLacking(records, own, near, (line) => AGENT_TIME.test(line), (line, t) => t !== '' && twin(line, t));
      if (lacking >= MIN_RELAYED && lacking / seen >= MISSING_SHARE) {
        return { basis: 'relay', log: files[members[0]].rotation?.group ?? files[members[0]].vmPath, relay: files[at].vmPath, vms: [{ root }, { root: other }] };
      }
    }
  }
  return undefined;
}

/** The agent's own record time behind a relay's prefix (`python3[1654075]: 2022-10-30T00:00:12.833653Z`, `2016/12/10 01:11:00`). */
const AGENT_TIME = /: \d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d/;

/** Whether `theirs`, a waagent.log record, is the agent's record that the relayed `line` carries. */
function twin(line: string, theirs: string): boolean {
  const k = line.indexOf(theirs.slice(0, 19));
  return k >= 0 && sameRecord(line.slice(k), theirs);
}

/** The record of `file` that holds each line (its head at or before it), or -1. */
function relayedRecords(records: RecordStore, file: number, lines: readonly number[]): number[] {
  const ids = records.idsOfFile(file);
  return lines.map((line) => {
    const k = firstIndexAtOrAfter((i) => records.lineOf(ids[i]), line + 1, 0, ids.length) - 1;
    return k >= 0 ? ids[k] : -1;
  });
}

/**
 * Of the records `own` (-1: none), how many count (`counts`, on the first line's text) and how many of those have no
 * twin among the records `near` of each (`isTwin`): the first lines read in one pass.
 */
async function twinsLacking(
  records: RecordStore,
  own: readonly number[],
  near: readonly number[][],
  counts: (line: string) => boolean,
  isTwin: (line: string, theirs: string) => boolean,
): Promise<{ seen: number; lacking: number }> {
  const texts = await records.firstLines([...own.filter((i) => i >= 0), ...near.flat()]);
  let k = 0;
  const ownText = own.map((i) => (i < 0 ? '' : texts[k++].trim()));
  let seen = 0;
  let lacking = 0;
  own.forEach((_, j) => {
    const line = ownText[j];
    const theirs = near[j].map(() => texts[k++].trim());
    if (!counts(line)) return;
    seen++;
    if (!theirs.some((t) => isTwin(line, t))) lacking++;
  });
  return { seen, lacking };
}

/** Below this length a line is too plain for one to stand for a part of the other. */
const PART_MIN = 24;

/** One record in two copies: the same line, or one a part of the other (a copy cut mid-write keeps its start). */
function sameRecord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= PART_MIN && long.startsWith(short);
}

/** The records of `sorted` (by time) within NEAR_MS of `t`, at most NEAR_MAX of them. */
function nearby(records: RecordStore, sorted: readonly number[], t: number): number[] {
  const out: number[] = [];
  for (let i = firstIndexAtOrAfter((k) => records.timeOf(sorted[k]), t - NEAR_MS, 0, sorted.length); i < sorted.length && out.length < NEAR_MAX && records.timeOf(sorted[i]) <= t + NEAR_MS; i++) out.push(sorted[i]);
  return out;
}

/** At most `n` of `ids`, evenly spread. */
function spread<T>(ids: readonly T[], n: number): T[] {
  if (ids.length <= n) return [...ids];
  return Array.from({ length: n }, (_, k) => ids[Math.floor((k * ids.length) / n)]);
}
