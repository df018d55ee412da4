import type { BundleFile, ClockSummary, Fact } from '../../../shared';
import type { RecordStore } from '../../records/store';
import type { MilestoneTable } from '../../records/milestones';
import { fileByPath, fileIdOfFact } from '../../ingest/roots';

export interface ClockInference {
  clock: ClockSummary;
  /** Offset (local − UTC, minutes) to apply to the `local` times of each file id. */
  offsets: Map<number, number>;
}

/** Offsets are whole quarter hours (every real zone is); anything beyond ±14 h is not a zone. */
const ROUND_MINUTES = 15;
const MAX_OFFSET_MINUTES = 14 * 60;

/** A pair written within this many minutes of each other sits this close to a quarter hour. */
const CLEAN_MINUTES = 2;

/**
 * Pairs written side by side differ by a whole zone offset plus seconds; a safefreeze line re-logged
 * after a long freeze wait differs by the offset minus the wait. Prefer the pairs that sit on the
 * quarter-hour grid when there are enough of them.
 */
function cleanPairs(list: number[]): number[] {
  const clean = list.filter((d) => Math.abs(d - Math.round(d / ROUND_MINUTES) * ROUND_MINUTES) <= CLEAN_MINUTES);
  return clean.length >= Math.max(1, list.length * 0.2) ? clean : list;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Infers the VM's local-time offset from lines that appear in both clocks (records are in file
 * order, i.e. write order, so a local line next to a UTC line was written at nearly the same time):
 * waagent.log daemon 2.2.45 lines beside ExtHandler lines; extension.log hutil.error (B) lines
 * beside py3 (A) lines, safefreeze (E) lines beside frozen-window (D) lines. The median of the
 * pairwise differences, rounded to 15 minutes, is robust against the odd delayed write.
 * A local source without an anchor of its own borrows waagent.log's offset (same VM, same zone): its own root's, never
 * another root's (two VMs' trees in one bundle may be set to two zones).
 *
 * `where`: each file's VM root by file id (ingest/roots.ts; none: one root), and the file id of fact `k` of `facts`
 * (FactStore.objectFileOf; none or -1: by a VM path only one file has).
 */
export function inferClock(
  facts: readonly Fact[],
  files: readonly BundleFile[],
  records: RecordStore,
  where: { roots?: readonly string[]; fileOf?: (k: number) => number; milestoneTable?: MilestoneTable } = {},
): ClockInference {
  const fileOfFact = factFiles(files, where.fileOf);
  const samples = new Map<number, number[]>();
  const localFiles = new Set<number>();
  let prevFile = -1;
  let prevZone = '';
  let prevTime = NaN;
  for (let i = 0; i < records.count; i++) {
    const file = records.fileOf(i);
    const zone = records.zoneOf(i);
    const time = records.timeOf(i);
    if (zone === 'local') localFiles.add(file);
    if (file === prevFile && Number.isFinite(time) && Number.isFinite(prevTime)) {
      let diff = NaN;
      if (zone === 'local' && prevZone === 'utc') diff = time - prevTime;
      else if (zone === 'utc' && prevZone === 'local') diff = prevTime - time;
      if (Number.isFinite(diff)) {
        let list = samples.get(file);
        if (!list) samples.set(file, (list = []));
        list.push(diff / 60_000);
      }
    }
    if (zone !== 'none') {
      prevFile = file;
      prevZone = zone;
      prevTime = time;
    } else if (file !== prevFile) {
      prevFile = file;
      prevZone = '';
      prevTime = NaN;
    }
  }
  facts.forEach((f, k) => {
    if (f.at.zone !== 'local') return;
    const id = fileOfFact(f, k);
    if (id >= 0) localFiles.add(id);
  });
  const ms = where.milestoneTable;
  if (ms) for (let i = 0; i < ms.length; i++) if (ms.zoneOf(i) === 'local') localFiles.add(ms.fileOf(i));

  const clock: ClockSummary = { offsets: [], unresolved: [] };
  const offsets = new Map<number, number>();
  const pathOf = (id: number) => files[id]?.vmPath ?? `file ${id}`;
  for (const [file, list] of samples) {
    if (!localFiles.has(file)) continue;
    const minutes = Math.round(median(cleanPairs(list)) / ROUND_MINUTES) * ROUND_MINUTES;
    if (Math.abs(minutes) > MAX_OFFSET_MINUTES) continue;
    offsets.set(file, minutes);
    clock.offsets.push({
      source: pathOf(file),
      offsetMinutes: minutes,
      basis: `median of ${list.length} local/UTC line pair${list.length === 1 ? '' : 's'} written next to each other in this file`,
    });
  }
  // Borrow: waagent.log first (the current file before rotated ones), then any resolved source, of the file's own root.
  const rootOf = (id: number) => where.roots?.[id] ?? '';
  const donors = [...offsets.keys()].sort((a, b) => rank(files[a]) - rank(files[b]));
  for (const file of [...localFiles].sort((a, b) => a - b)) {
    if (offsets.has(file)) continue;
    const donor = donors.find((d) => rootOf(d) === rootOf(file));
    if (donor === undefined) {
      clock.unresolved.push(pathOf(file));
      continue;
    }
    const minutes = offsets.get(donor)!;
    offsets.set(file, minutes);
    clock.offsets.push({ source: pathOf(file), offsetMinutes: minutes, basis: `no anchor of its own; applied the offset inferred from ${pathOf(donor)} (same VM clock)` });
  }

  const skew = skewSeconds(facts, fileOfFact, offsets, ms);
  if (skew !== undefined) clock.skewSeconds = skew;
  return { clock, offsets };
}

/**
 * The file id of fact `k` (`f`) (ingest/roots.ts fileIdOfFact, with the id its store kept): -1 where two roots' files
 * share its VM path and no id was kept (another VM's file must not lend or take an offset). Shared with the pipeline's
 * shift (shiftFact).
 */
export function factFiles(files: readonly BundleFile[], fileOf?: (k: number) => number): (f: Fact, k: number) => number {
  let byPath: Map<string, number> | undefined;
  return (f, k) => fileIdOfFact(f.at, (byPath ??= fileByPath(files)), () => fileOf?.(k) ?? -1);
}

function rank(f: BundleFile | undefined): number {
  if (!f) return 99;
  if (f.kind === 'waagent-log') return f.rotation?.index ?? 0;
  return 50;
}

/**
 * VM UTC − host UTC, from `Date and time extracted from pre-snapshot request: <host UTC>` (the host's
 * clock) against the time the VM wrote that line. The largest difference by magnitude, in seconds.
 */
function skewSeconds(facts: readonly Fact[], fileOfFact: (f: Fact, k: number) => number, offsets: Map<number, number>, ms?: MilestoneTable): number | undefined {
  let best: number | undefined;
  const take = (hostTime: string | undefined, timeMs: number, zone: string | undefined, file: () => number) => {
    if (!hostTime || !Number.isFinite(timeMs)) return;
    let vm = timeMs;
    if (zone === 'local') {
      const off = offsets.get(file());
      if (off === undefined) return;
      vm -= off * 60_000;
    } else if (zone !== 'utc' && zone !== 'local-inferred') return;
    const host = Date.parse(hostTime);
    if (!Number.isFinite(host)) return;
    const s = Math.round((vm - host) / 1000);
    if (best === undefined || Math.abs(s) > Math.abs(best)) best = s;
  };
  for (let k = 0; k < facts.length; k++) {
    const f = facts[k];
    if (f.kind === 'snapshot-milestone' && f.milestone === 'host-time') take(f.hostTime, f.timeMs, f.at.zone, () => fileOfFact(f, k));
  }
  // (the extension.log's, kept as a table: the time and zone are the line's)
  if (ms) for (let i = 0; i < ms.length; i++) if (ms.nameOf(i) === 'host-time') take(ms.infoOf(i).hostTime, ms.timeOf(i), ms.zoneOf(i), () => ms.fileOf(i));
  return best;
}
