// Cause-neutral changes to a real case's logs (test/accuracy/perturb.test.ts): every line that is added comes from
// a negative case or the test corpus, retimed into the target log's own time range and time-stamp style; nothing
// is made up. What each change applies to:
//
// | change                 | Linux logs with time stamps                 | Windows WaAppAgent.log with time stamps |
// |------------------------|---------------------------------------------|-----------------------------------------|
// | power-off gap          | every file (waagent, extension, syslog)     | yes                                     |
// | same-second reorder    | every file                                  | yes                                     |
// | the run a night before | every file                                  | yes                                     |
// | benign block           | waagent.log (blocks of its own era)         | WaAppAgent.log (blocks of its own era: win-neg-learn CRP certificates, win-neg-packer-12934 Run Command) |
// | old failure, other ext | waagent.log                                 | WaAppAgent.log (Chef, win-chef-148)     |
// | healthy file beside    | extension.log of neg-ext-921 (untimed)      | the two win-neg-* files (the backup a day before) |
// | cut mid-write (end)    | waagent.log, VMSnapshot extension.log       | WaAppAgent.log (a harmless block's first record, of its era) |
// | cut at the start       | every file                                  | yes                                     |
// | handed in twice, rotated | waagent.log, extension.log (`.1` beside, a third in both) | WaAppAgent.log             |
// | clock stepped back     | every file, from the middle of the bundle's time range on | yes                       |
// | another VM beside      | other-vm/var/log/waagent.log (2.2.51 heartbeats over the bundle's hours); not neutral: said, all low | yes (the same file) |
// | one transient timeout  | waagent.log of the ISO era (the corpus's HostGAPlugin heartbeat timeout), between its last two records | WaAppAgent.log: one GetVersions() 503 (win-learn-wireserver-hostgaplugin-blocked), between its last two records, 5 min before or after its last |
// | CRLF, UTF-16 exports   | no                                          | every .log/.txt CRLF; *event*.txt UTF-16 LE with BOM |
// | collected next day     | waagent.log of the 2.2.x era, or a new one; neutral for task-side causes and negatives, and no agent-side cause rises | no |
// | next night succeeded   | none: no case holds a successful Linux task | IaaSBcdrExtension.log (win-neg-tsg), a day after the newest line; not neutral: the failure stays found, at most medium |
// | the agent worked on   | waagent.log: ISO era (2.2.51 of neg-learn-linux-agent-service-running) or 2.2.0–2.2.45 era (waagent-1055's goal-state event, waagent-745's 2.2.10 heartbeat); not neutral: an agent or network failure is history after it | no |
// | Windows agent worked on | no                                        | a goal state enabled every hour (chef#241's lines); not neutral, as above |
// | times cut             | waagent.log: the case's own records' leading stamps (then another change's lines, timed); not neutral: the failure's lines lose their time | WaAppAgent.log: the stamp and the thread id before it |
// | agent updated before  | waagent.log, 3 h before its last record: 2.1.6's self-update (neg-waagent-418) or 2.2.46's start (pr1794); not where the bundle names a newer agent; not neutral for agent-outdated | WaAppAgent.log of the `[MM/DD/YYYY]` era: 2.7.41491.949's start (win-learn-devtest) |
// | guest rebooted after  | waagent.log, after the newest record: 2.1.6's boot head (neg-waagent-pr408) or 2.2.46's start; not neutral: agent-side causes may age, agent-outdated may move | WaAppAgent.log of that era, the same start |
// | Backup ext. upgraded  | waagent.log, a day before its last record: VMSnapshotLinux 1.0.9120.0 (waagent-1059) or 1.0.9218.0 (ext-1922) enabled | WaAppAgent.log, a day before its oldest: the guide's VMSnapshot enable (no real line names a Windows release) |
// | handed in twice (sosreport) | every file again under sosreport-vm1/; neutral, and not two VMs | yes                     |
// | rotated under a healthy log | waagent.log → waagent.log.1, a new waagent.log of a day's healthy agent (`agentWorkedOn`'s lines); not neutral, as that | no |
// | old WireServer outage | waagent.log, four days before its first record: waagent-1801's timeouts or jpaztech-firewall's; neutral but for a network cause | WaAppAgent.log: win-learn-wireserver-hostgaplugin-blocked's records |
// | other extension failed after | waagent.log, half an hour after the newest record: the OMS agent's install exit 51 (corpus) or waagent-1268's CustomScript install; not neutral: a finding of its own | WaAppAgent.log: Chef's enable exit 1 (win-chef-220); not where Chef runs |
// | timeout minutes before | waagent.log, 5 min before its last record: the corpus's HostGAPlugin heartbeat timeout (ISO era) or waagent-1801's telemetry POST timeout | see one transient timeout |
// | backup worked a day later | waagent.log and extension.log (in the style of its records with the handler's prefix, where it has them), a day after the newest record: the troubleshooting guide's enable of seq 273 and its freeze-snapshot-thaw run | WaAppAgent.log: the guide's VMSnapshot enable; IaaSBcdrExtension.log: as next night succeeded |
// | rotation kept twice   | waagent.log, extension.log: `.1` and `.1.gz` (the same first half) beside the second half | WaAppAgent.log |
// | pasted twice          | every file: its whole text twice over        | yes                                     |
// | last record cut       | every file: its last line cut at half its length, no line end; not neutral: the answer may lose what that line said, never gain a cause | yes |
// | agent restarted in the window | waagent.log: `agentUpdateHead` a third into the widest gap (≥ 1 s) among its last ten records; not neutral for agent-outdated | WaAppAgent.log of the `[MM/DD/YYYY]` era: the agent's start, the same place |
// | other extension's harmless error in the window | waagent.log, before its last record: Custom Script's slice error or the Azure Monitor agent's metrics warning (ISO era, the maintainers' ignore list), Custom Script's "Failed to set state" (neg-waagent-530) | no |
// | VSS 8194 near the failure | no                                     | Application.txt: win-neg-duplicati-287's event, dated 5 min before the newest record |
// | log turned verbose    | waagent.log from its middle on: a verbose goal-state poll (neg-waagent-759) or certificate GET (waagent-3489), 200, in each gap ≥ 1 s; only where the failure lies past the agent, and negatives | no |
// | syslog in local time  | every syslog/journal line's leading stamp +9 h (JST); the relayed records' own stamps unchanged | the same (where a file has such lines) |
// | DST ended             | extension.log's VM-local lines, from its middle record on, an hour back | no                  |
// | old handler folder    | var/lib/waagent/…LinuxAsm-2.2.3/status/0.status (waagent-713's error), dated 30 days before the oldest record | no |
// | browser's second download | every file renamed `name (1).ext`       | yes                                     |
// | rotated just before   | each agent or Backup extension log as `<log>.1`, `<log>` empty | WaAppAgent.log              |
// | rotated and gzipped under a healthy log | waagent.log → waagent.log-<day>-<epoch>.gz (the agent's logrotate rule), a day of healthy agent in waagent.log; not neutral, as `agentWorkedOn` | no |
// | spaces collapsed      | every file: runs of spaces and tabs as one space, none at a line's start or end (a rendered page); not neutral: a Format-List printout loses its nesting, so the answer may lose, never gain | yes |
// | masked by the customer | every file: GUIDs as `xxxxxxxx-…`, private IPv4 addresses as `x.x.x.x` | yes                   |
// | trouble lines only    | every timed log: its lines `grep -iE 'error|fail|warn|exception|timeout'` keeps; not neutral: may lose, never gain | yes |
// | agent restart, VM's zone | no                                          | System-events.txt: win-neg-jpaztech-rdagent-7031's 7031 and 7036 (RdAgent restarted for its update), `日付` 5 min before the newest record (the VM's wall time; in UTC hours away) |
// | VSS 8194 day first    | no                                          | Application.txt as `vss8194NearFailure`, `Date:` as en-GB prints it (`19/10/2010 06:17:16`) |
// | New Year inside       | every stamp of every file moved so the bundle's middle falls on 1 January 00:00 (syslog's yearless ones too) | yes |
// | backup worked the night before | waagent.log, extension.log: the guide's enable and its successful run, a day before the oldest record, at the start | WaAppAgent.log: the guide's enable; IaaSBcdrExtension.log (or one of its own): win-neg-tsg's completed snapshot, a day before |
// | CRLF line ends        | every text file (copied through Windows)     | (see CRLF, UTF-16 exports)              |
// | ".txt" after each name | every file not named .txt (a mail gateway)  | yes                                     |
// | wrapped at 80 / 120 columns | every file but state files: each longer line cut into lines of that width; not neutral: may lose, never gain | yes |
// | logs.zip beside its folder | every file under logs/, and logs.zip of the same; neutral, and not two VMs | yes          |
// | WaAppAgent.log in UTC+13 / UTC-12 | no                                  | WaAppAgent.log's `[MM/DD/YYYY …]` heads (the VM's local time) moved by the zone |
// | failure rotated away  | waagent.log: only `agentWorkedOn`'s 20 healthy hours after the newest record; extension.log empty; other files as they were; not neutral: may lose its cause, never name another with confidence | WaAppAgent.log: only `windowsAgentWorkedOn`'s hours |
// | rotated and compressed just before | each agent or Backup extension log as `<log>.1.gz`, `<log>` empty | WaAppAgent.log |
// | portal code of another job | (perturb.test.ts: the case's own files analysed with UserErrorVmProvisioningStateFailed, UserErrorGuestAgentStatusUnavailable or UserErrorFsFreezeFailed, where the code names none of its causes); the logs' answer stays first and the verdict says the code disagrees | yes |
//
// Terminal sessions are changed like any log (their journal lines' stamps). Not retimed (their lines have no time
// stamp this module reads): Event Viewer exports, shell.log's `date` stamps, conf files. Cases whose files carry none of the above get only "healthy file beside".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { AGENT_CATALOGUE } from '../../src/main/parse/windows/agent-catalogue';
import { ABBREVIATED_MONTHS } from '../../src/shared/time';
import { compareVersions } from '../../src/shared/version';
import { CASES_DIR } from './score';

/**
 * A bundle's files: name, text and, for one written as UTF-16 (a Windows text export) or gzip, its encoding (`bytesOf`);
 * a zip's text is its bytes, base64.
 */
export type Files = [name: string, text: string, encoding?: 'utf16le' | 'gzip' | 'zip'][];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Style {
  re: RegExp;
  parse(m: RegExpExecArray): number;
  format(t: number, like: RegExpExecArray): string;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const frac = (t: number, digits: string | undefined) => (digits ? `.${String(((t % 1000) + 1000) % 1000).padStart(3, '0').padEnd(digits.length - 1, '0').slice(0, digits.length - 1)}` : '');
/** Microseconds the source wrote beyond the millisecond survive a shift unchanged (Date has ms only). */
const keepSub = (like: string | undefined, made: string) => (like && like.length > 4 ? made.slice(0, 4) + like.slice(4) : made);
const ymd = (d: Date, sep: string) => `${d.getUTCFullYear()}${sep}${p2(d.getUTCMonth() + 1)}${sep}${p2(d.getUTCDate())}`;
const hms = (d: Date) => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
const ms = (f: string | undefined) => (f ? Math.floor(Number(`0${f}`) * 1000) : 0);

/** The time-stamp styles of the cases' logs, the one at the start of a record first. */
const STYLES: Style[] = [
  {
    // 2.2.46+ waagent.log, Windows agent 2.7+: 2020-10-02T18:11:13.148998Z
    re: /(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?/g,
    parse: (m) => Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms(m[7])),
    format: (t, like) => {
      const d = new Date(t);
      return `${ymd(d, '-')}T${hms(d)}${keepSub(like[7], frac(t, like[7]))}${like[8] ?? ''}`;
    },
  },
  {
    // waagent.log up to 2.2.45, extension.log's outer stamp: 2017/07/07 11:53:52.216335
    re: /(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?/g,
    parse: (m) => Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms(m[7])),
    format: (t, like) => {
      const d = new Date(t);
      return `${ymd(d, '/')} ${hms(d)}${keepSub(like[7], frac(t, like[7]))}`;
    },
  },
  {
    // VMSnapshotLinux extension.log: 2024-01-14 22:16:48.792020
    re: /(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?/g,
    parse: (m) => Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms(m[7])),
    format: (t, like) => {
      const d = new Date(t);
      return `${ymd(d, '-')} ${hms(d)}${keepSub(like[7], frac(t, like[7]))}`;
    },
  },
  {
    // Windows agent up to 2.7: [05/28/2019 12:58:50.90]
    re: /\[(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)(\.\d+)?\]/g,
    parse: (m) => Date.UTC(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6], ms(m[7])),
    format: (t, like) => {
      const d = new Date(t);
      return `[${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()} ${hms(d)}${frac(t, like[7])}]`;
    },
  },
  {
    // syslog / journal: May 17 07:01:19 (no year: read in a non-leap year, which shifts keep)
    re: /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) (\d\d):(\d\d):(\d\d)/g,
    parse: (m) => Date.UTC(2001, MONTHS.indexOf(m[1]), +m[2], +m[3], +m[4], +m[5]),
    format: (t) => {
      const d = new Date(t);
      return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(d)}`;
    },
  },
];

interface Stamp {
  style: Style;
  m: RegExpExecArray;
  t: number;
}

/** Every time stamp in a line, left to right, without overlaps. */
function stamps(line: string): Stamp[] {
  const out: Stamp[] = [];
  for (const style of STYLES) {
    style.re.lastIndex = 0;
    for (let m = style.re.exec(line); m; m = style.re.exec(line)) {
      const end = m.index + m[0].length;
      if (!out.some((s) => m!.index < s.m.index + s.m[0].length && s.m.index < end)) out.push({ style, m, t: style.parse(m) });
      if (!style.re.global) break;
    }
  }
  return out.sort((a, b) => a.m.index - b.m.index);
}

/** The stamp that starts a record: within the line's first 40 characters (after a thread id or a syslog prefix). */
function leading(line: string): Stamp | undefined {
  const s = stamps(line)[0];
  return s && s.m.index < 40 ? s : undefined;
}

function replaceAt(line: string, s: Stamp, text: string): string {
  return line.slice(0, s.m.index) + text + line.slice(s.m.index + s.m[0].length);
}

/** Every stamp of the line moved by `delta` ms, each in its own style. */
function shifted(line: string, delta: number): string {
  let out = line;
  for (const s of stamps(line).reverse()) out = replaceAt(out, s, s.style.format(s.t + delta, s.m));
  return out;
}

/** A log's records: a line with a leading stamp and the lines after it without one. Lines before the first stamp are `head`. */
interface Records {
  head: string[];
  recs: { t: number; stamp: Stamp; lines: string[] }[];
}

export function recordsOf(text: string): Records {
  const head: string[] = [];
  const recs: Records['recs'] = [];
  for (const line of text.split('\n')) {
    const s = leading(line);
    if (s) recs.push({ t: s.t, stamp: s, lines: [line] });
    else if (recs.length) recs[recs.length - 1].lines.push(line);
    else head.push(line);
  }
  return { head, recs };
}

const join_ = (r: Records) => [...r.head, ...r.recs.flatMap((x) => x.lines)].join('\n');

/**
 * `lines` (each with a leading stamp, or a continuation) retimed to `timeOf` in the style of `like`, with what the
 * target's line has before its stamp (a Windows thread id) in place of what the added line had.
 */
function retimed(lines: readonly string[], like: Stamp, timeOf: (i: number) => number): string[] {
  let i = 0;
  const prefix = like.m.input.slice(0, like.m.index);
  return lines.map((line) => {
    const s = leading(line);
    if (!s) return line;
    return prefix + like.style.format(timeOf(i++), like.m) + line.slice(s.m.index + s.m[0].length);
  });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---- the changes; each returns the changed files, or undefined when it does not apply to the case ----

export type Perturbation = (files: Files) => Files | undefined;

/**
 * Applies `change` to each log it can change; undefined when it changed none. Terminal sessions too: a `systemctl
 * status` block moved or copied a day back is a session that never was, but its journal lines are an excerpt
 * whatever their times (their heartbeats end no gap), so the answer must hold for them as well.
 */
function eachFile(change: (name: string, text: string) => string | undefined): Perturbation {
  return (files) => {
    let any = false;
    const out = files.map(([n, t]): [string, string] => {
      const c = change(n, t);
      if (c === undefined || c === t) return [n, t];
      any = true;
      return [n, c];
    });
    return any ? out : undefined;
  };
}

/**
 * The VM was off for 9.5 hours: every record from the middle on is written that much later. The agent after it is a
 * new process, so the heartbeats' `HeartbeatCounter` (2.2.5x–2.15, ga/update.py: per process) counts afresh from 0;
 * kept running on, it would say one process lived through the gap without a heartbeat, which a power-off cannot do.
 */
export const powerOffGap: Perturbation = eachFile((_, text) => {
  const r = recordsOf(text);
  if (r.recs.length < 2) return undefined;
  const cut = Math.ceil(r.recs.length / 2);
  const COUNTER = /HeartbeatCounter: (\d+)/;
  const first = r.recs.slice(cut).flatMap((x) => x.lines).map((l) => COUNTER.exec(l)).find((m) => m);
  const afresh = (l: string) => (first ? l.replace(COUNTER, (_m, n: string) => `HeartbeatCounter: ${Number(n) - Number(first[1])}`) : l);
  r.recs = r.recs.map((x, i) => (i < cut ? x : { ...x, lines: x.lines.map((l) => afresh(shifted(l, 9.5 * HOUR))) }));
  return join_(r);
});

/** Records written within the same second land in the other order (two threads, a merge of two files). */
export const sameSecondReorder: Perturbation = eachFile((_, text) => {
  const r = recordsOf(text);
  const out: Records['recs'] = [];
  let i = 0;
  while (i < r.recs.length) {
    let j = i + 1;
    while (j < r.recs.length && Math.floor(r.recs[j].t / 1000) === Math.floor(r.recs[i].t / 1000)) j++;
    out.push(...r.recs.slice(i, j).reverse());
    i = j;
  }
  if (out.every((x, k) => x === r.recs[k])) return undefined;
  return join_({ head: r.head, recs: out });
});

/** The night before went the same way: the log's records once more, a day earlier, before them. */
export const nightBefore: Perturbation = eachFile((_, text) => nightBeforeOf(text));

/** `nightBefore` on one text, whatever it is (a terminal session too). */
export function nightBeforeOf(text: string): string | undefined {
  const r = recordsOf(text);
  if (!r.recs.length) return undefined;
  const before = r.recs.map((x) => ({ ...x, lines: x.lines.map((l) => shifted(l, -DAY)) }));
  return join_({ head: r.head, recs: [...before, ...r.recs] });
}

/** Lines of another real file, by case id and file name, the ones `pick` keeps (with `strip` removed from the front). */
function linesOf(caseId: string, file: string, pick: (line: string, i: number) => boolean = () => true, strip?: RegExp): string[] {
  const text = readFileSync(join(CASES_DIR, caseId, 'files', file), 'utf8');
  return text
    .split('\n')
    .filter(pick)
    .map((l) => (strip ? l.replace(strip, '') : l));
}

const CORPUS_SAMPLES = join(CASES_DIR, '..', 'fixtures', 'corpus', 'waagent', 'extracted', 'waagent_log_record_samples.log');

type Era = 'iso' | 'slash';
const eraOf = (s: Stamp): Era | undefined => (s.style === STYLES[0] ? 'iso' : s.style === STYLES[1] ? 'slash' : undefined);

export interface Block {
  name: string;
  era: Era;
  lines: () => string[];
}

/**
 * Known-harmless waagent.log records from the negative cases, none naming an agent version (a block that did would
 * tell the rules which agent runs, which is no longer cause-neutral).
 */
export const BENIGN_BLOCKS: Block[] = [
  // 2.1.x: env monitor start, routes, heartbeat event, no extension config (Azure/azure-linux-extensions#263); not its
  // "Handle new ext handler config" and "Successfully reported vm agent status": a goal state fetched from WireServer
  // and processed is what a delivery failure's rule weighs (the agent reached WireServer), not harmless noise
  {
    name: 'neg-ext-263 env monitor',
    era: 'slash',
    lines: () => linesOf('neg-ext-263-lad-waagent-healthy', 'waagent.log', (l) => l.trim() !== '' && !/Handle new ext handler config|Successfully reported vm agent status/.test(l)),
  },
  // an AutoUpdate error event the agent's own tests ignore (microsoft/lisa#340)
  { name: 'neg-lisa-340 AutoUpdate event', era: 'slash', lines: () => linesOf('neg-lisa-340-autoupdate-error-event-ignorable', 'waagent.log', (l) => l.trim() !== '') },
  // blacklisted agent versions skipped (Azure/WALinuxAgent#862)
  { name: 'neg-waagent-862 blacklisted', era: 'slash', lines: () => linesOf('neg-waagent-862-blacklisted-skipping-download-noise', 'waagent.log', (l) => l.trim() !== '') },
  // a goal-state fetch that recovered (Azure/WALinuxAgent#2960)
  { name: 'neg-waagent-2960 recovered', era: 'iso', lines: () => linesOf('neg-waagent-2960-transient-goal-state-error-recovered', 'waagent.log', (l) => /recovered/.test(l)) },
  // the monitor thread's transient 410 (Microsoft Japan support blog), as waagent.log holds the record the journal wrapped
  {
    name: 'neg-jpaztech 410 transient',
    era: 'iso',
    lines: () => linesOf('neg-jpaztech-monitor-goal-state-410-transient', 'messages', (l) => l.trim() !== '', /^\w{3} \d\d \d\d:\d\d:\d\d \S+ python: /).map((l) => l.trimEnd()),
  },
  // the log collector starting (Azure/WALinuxAgent#2825), as waagent.log holds it
  { name: 'neg-waagent-2825 log collection', era: 'iso', lines: () => linesOf('neg-waagent-2825-logcollector-oom-kill', 'syslog', (l) => /Starting log collection/.test(l), /^.*?python3\[\d+\]: /) },
];

const isWaagent = (n: string) => /(^|\/)waagent\.log$/.test(n);
const isWaAppAgent = (n: string) => /(^|\/)WaAppAgent\.log$/.test(n);

/** `block` inserted before the log's last record (the one nearest the failure), timed between it and the record before. */
export function withBlock(block: Block): Perturbation {
  return eachFile((n, text) => {
    if (!isWaagent(n)) return undefined;
    const r = recordsOf(text);
    const last = r.recs.at(-1);
    if (!last || eraOf(last.stamp) !== block.era) return undefined;
    const prev = r.recs.at(-2)?.t ?? last.t - 60_000;
    const lines = block.lines();
    const n_ = lines.filter((l) => leading(l)).length;
    const add = retimed(lines, last.stamp, (i) => prev + Math.floor(((i + 1) * (last.t - prev)) / (n_ + 1)));
    const at = r.head.length + r.recs.slice(0, -1).reduce((s, x) => s + x.lines.length, 0);
    const all = join_(r).split('\n');
    return [...all.slice(0, at), ...add, ...all.slice(at)].join('\n');
  });
}

/** An install failure of an extension the VM no longer has (OMS agent, the agent's e2e tests), five days before the log. */
const OLD_LINUX_FAILURE = () => readFileSync(CORPUS_SAMPLES, 'utf8').split('\n').filter((l) => l.includes('OmsAgentForLinux, op=Install'));
/** Chef's install timing out (test/cases/win-chef-148-install-cmd-timeout), five days before the log. */
const OLD_WINDOWS_FAILURE = () => linesOf('win-chef-148-install-cmd-timeout', 'WaAppAgent.log', (l) => l.trim() !== '');

export const oldFailureOfAnotherExtension: Perturbation = eachFile((n, text) => {
  const linux = isWaagent(n);
  if (!linux && !isWaAppAgent(n)) return undefined;
  const r = recordsOf(text);
  const first = r.recs[0];
  if (!first) return undefined;
  const lines = linux ? OLD_LINUX_FAILURE() : OLD_WINDOWS_FAILURE();
  if (!linux && text.includes('Chef.Bootstrap')) return undefined;
  const add = retimed(lines, first.stamp, (i) => first.t - 5 * DAY + i * 15 * 60_000);
  return [...r.head, ...add, ...r.recs.flatMap((x) => x.lines)].join('\n');
});

/**
 * A healthy log of the same platform handed in with the case (a colleague's extra attachment). The Windows one is a
 * successful backup: dated a day before the case's oldest record, as a successful backup after the failure is not
 * neutral (nextNightSucceeded is that change).
 */
export function healthyFileBeside(platform: 'linux' | 'windows'): Perturbation {
  return (files) => {
    const success = () => {
      const lines = linesOf('win-neg-tsg-vmsnapshot-snapshot-complete', 'IaaSBcdrExtension.log');
      const oldest = oldestOf(files);
      const first = lines.map((l) => stamps(l)[0]).find((x) => x);
      return (oldest === undefined || !first ? lines : lines.map((l) => shifted(l, oldest - DAY - first.t))).join('\n');
    };
    const extra: Files =
      platform === 'linux'
        ? [['extra/extension.log', readFileSync(join(CASES_DIR, 'neg-ext-921-prepost-permission-checks', 'files', 'extension.log'), 'utf8')]]
        : [
            ['extra/IaaSBcdrExtension.log', success()],
            ['extra/System-events.txt', readFileSync(join(CASES_DIR, 'win-neg-jpaztech-rdagent-7031-agent-update', 'files', 'System-events.txt'), 'utf8')],
          ];
    if (files.some(([n]) => extra.some(([e]) => n.endsWith(e.slice('extra/'.length))))) return undefined;
    return [...files, ...extra];
  };
}

// ---- the log as the collection caught it ----

/** A benign record of the log's own kind to stand for the one being written when the copy was taken. */
function benignLineFor(name: string, like: Stamp): string | undefined {
  if (isWaagent(name)) {
    const era = eraOf(like);
    const block = BENIGN_BLOCKS.find((b) => b.era === era);
    return block?.lines().find((l) => leading(l));
  }
  // WaAppAgent.log: the first record of a harmless block of its era
  if (isWaAppAgent(name)) {
    const era = winEraOf(like);
    return WINDOWS_BENIGN_BLOCKS.find((b) => b.era === era)?.lines()[0];
  }
  // VMSnapshotLinux extension.log: the extension's own permission check line (neg-ext-921), behind the file's stamp
  if (/(^|\/)extension\.log$/.test(name)) return linesOf('neg-ext-921-prepost-permission-checks', 'extension.log', (l) => l.trim() !== '')[0];
  return undefined;
}

/**
 * The copy was taken while the writer was in the middle of its next record: after the last record comes the first
 * half of one more (a benign record of the log's kind, a second after the last), with no line end.
 */
export const cutMidWrite: Perturbation = eachFile((n, text) => {
  const r = recordsOf(text.replace(/\n+$/, ''));
  const last = r.recs.at(-1);
  if (!last) return undefined;
  const line = benignLineFor(n, last.stamp);
  if (line === undefined) return undefined;
  const s = leading(line);
  const whole = s ? retimed([line], last.stamp, () => last.t + 1000)[0] : last.stamp.m.input.slice(0, last.stamp.m.index) + last.stamp.style.format(last.t + 1000, last.stamp.m) + ' ' + line;
  return `${join_(r)}\n${whole.slice(0, Math.ceil(whole.length / 2))}`;
});

/**
 * A size-limited copy (sosreport's and the log collector's tail of a big log) keeps the log's newest bytes: the file
 * starts in the middle of a line of the day before. The day before is the log's own records a day earlier; the copy
 * starts halfway into them, in the middle of that line.
 */
export const cutAtStart: Perturbation = eachFile((_, text) => {
  const r = recordsOf(text);
  if (!r.recs.length) return undefined;
  const before = r.recs.flatMap((x) => x.lines.map((l) => shifted(l, -DAY))).join('\n');
  let at = Math.floor(before.length / 2);
  const lineStart = before.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = before.indexOf('\n', at);
  at = Math.floor((lineStart + (lineEnd < 0 ? before.length : lineEnd)) / 2);
  return `${before.slice(at)}\n${join_(r)}`;
});

/** The newest (or oldest) time the timed logs of the bundle give (their records' leading stamps, syslog's yearless ones aside), ms. */
function extremeOf(files: Files, newer: boolean): number | undefined {
  let best: number | undefined;
  for (const [, t] of files) {
    for (const x of recordsOf(t).recs) if (x.stamp.style !== STYLES[4] && (best === undefined || (newer ? x.t > best : x.t < best))) best = x.t;
  }
  return best;
}
export function newestOf(files: Files): { t: number } | undefined {
  const t = extremeOf(files, true);
  return t === undefined ? undefined : { t };
}
const oldestOf = (files: Files) => extremeOf(files, false);

type LogRecord = Records['recs'][number];

/**
 * The bundle with `add`'s lines after the last record of the first log `isLog` names; `add` gets that record (for its
 * stamp's style) and the bundle's newest time. Undefined when there is no such log, it has no record, or `add` declines.
 */
function appendedToLog(files: Files, isLog: (name: string) => boolean, add: (last: LogRecord, newest: number) => string[] | undefined): Files | undefined {
  const log = files.find(([n]) => isLog(n));
  if (!log) return undefined;
  const r = recordsOf(log[1].replace(/\n+$/, ''));
  const last = r.recs.at(-1);
  const lines = last && add(last, newestOf(files)?.t ?? last.t);
  if (!lines) return undefined;
  const out = `${join_(r)}\n${lines.join('\n')}\n`;
  return files.map(([n, t]): [string, string] => [n, n === log[0] ? out : t]);
}

/**
 * The bundle was collected the day after the failure: the agent went on as before, and its healthy 2.1.x periodic
 * records (the heartbeat event and "Successfully reported vm agent status" of neg-ext-263: a goal state fetched from
 * WireServer and processed; agents 2.1.0–2.1.4 write it at INFO, once a goal state, here every time) come
 * every half hour for 20 hours after the newest record. They go into waagent.log when it is of that era, or into a
 * waagent.log of their own when the bundle has none; a bundle whose waagent.log is of the newer era is not changed
 * (the negative cases hold no healthy periodic record of that era without an agent version in it).
 * Cause-neutral only where the failure is not the agent's: the test applies it to task-side causes and negatives.
 */
export const collectedNextDay: Perturbation = (files) => {
  const newest = newestOf(files);
  if (!newest) return undefined;
  // the block's periodic records (the heartbeat event, the status report), not its start-up ones
  const block = linesOf('neg-ext-263-lad-waagent-healthy', 'waagent.log', (l) => /op=HeartBeat|Successfully reported vm agent status/.test(l));
  const src = recordsOf(block.join('\n')).recs;
  const base = src[0].t;
  const copies = (like: Stamp) =>
    Array.from({ length: 40 }, (_, k) => {
      const t0 = newest.t + (k + 1) * 30 * 60_000;
      return src.flatMap((x) => retimed(x.lines, like, () => t0 + (x.t - base)));
    }).flat();
  if (files.some(([n]) => isWaagent(n))) return appendedToLog(files, isWaagent, (last) => (eraOf(last.stamp) === 'slash' ? copies(last.stamp) : undefined));
  const like = stamps(block[0])[0];
  return [...files, ['waagent.log', `${copies(like).join('\n')}\n`]];
};

/**
 * The next night's backup worked: the snapshot of win-neg-tsg-vmsnapshot-snapshot-complete (IaaSBcdrExtension.log,
 * every VSS step and "DoSnapshot=complete"), a day after the bundle's newest record (a day, so no time zone can put it
 * before), at the end of the bundle's IaaSBcdrExtension.log or as one of its own. Windows only: no case holds a
 * successful VMSnapshotLinux task's own lines.
 */
export const nextNightSucceeded: Perturbation = (files) => snapshotCompletedAt(newestOf(files)?.t, DAY)(files);

/** win-neg-tsg's completed snapshot `offsetMs` after `newest` (`nextNightSucceeded`). */
function snapshotCompletedAt(newestT: number | undefined, offsetMs: number): Perturbation {
  return (files) => {
  const newest = newestT === undefined ? undefined : { t: newestT };
  if (!newest) return undefined;
  const lines = linesOf('win-neg-tsg-vmsnapshot-snapshot-complete', 'IaaSBcdrExtension.log', (l) => l.trim() !== '');
  const first = lines.map((l) => stamps(l)[0]).find((x) => x);
  if (!first) return undefined;
  const add = lines.map((l) => shifted(l, newest.t + offsetMs - first.t));
  const log = files.find(([n]) => /(^|\/)IaaSBcdrExtension\.log$/.test(n));
  if (log) return files.map(([n, t]): [string, string] => [n, n === log[0] ? `${t.replace(/\n+$/, '')}\n${add.join('\n')}\n` : t]);
  return [...files, ['IaaSBcdrExtension.log', `${add.join('\n')}\n`]];
  };
}

/**
 * The agent went on working after the newest record, for `hours`: a goal state processed half an hour later, then the
 * agent's heartbeat every half hour, in waagent.log. In a log of the ISO era: the running agent of
 * neg-learn-linux-agent-service-running (Microsoft Learn; its journal prefix removed, as waagent.log holds the
 * records), "ProcessGoalState completed" and the [HEARTBEAT] of 2.2.51. In a log of the 2.2.0–2.2.45 era: the
 * ProcessGoalState event of waagent-1055 (Azure/WALinuxAgent#1055, 2.2.20–2.2.30 log it) and the HeartBeat event of
 * waagent-745 (Azure/WALinuxAgent#745, agent 2.2.10). Not cause-neutral: the heartbeats name an agent version, and an
 * agent or network failure the agent worked past for hours is history (analyze/recovery.ts), which is what it tests.
 */
export function agentWorkedOn(hours: number): Perturbation {
  return (files) =>
    appendedToLog(files, isWaagent, (last, newest) => {
      const era = eraOf(last.stamp);
      if (!era) return undefined;
      const lines =
        era === 'iso'
          ? linesOf('neg-learn-linux-agent-service-running', 'terminal-output.txt', (l) => /ProcessGoalState completed|\[HEARTBEAT\]/.test(l), /^\w{3} \d\d \d\d:\d\d:\d\d \S+ python3\[\d+\]: /)
          : [...linesOf('waagent-1055-freebsd-snapshot-install-127-known-issues', 'waagent.log', (l) => l.includes('op=ProcessGoalState')), ...linesOf('waagent-745-hostplugin-init-not-retried-after-503', 'waagent.log', (l) => l.includes('op=HeartBeat'))];
      const processed = lines.filter((l) => l.includes('ProcessGoalState'));
      const beat = lines.filter((l) => /\[HEARTBEAT\]|op=HeartBeat/.test(l));
      return [
        ...retimed(processed, last.stamp, () => newest + 30 * 60_000),
        ...Array.from({ length: hours * 2 }, (_, k) => retimed(beat, last.stamp, () => newest + (k + 1) * 30 * 60_000 + 1000)).flat(),
      ];
    });
}

/**
 * The Windows agent went on working after the newest record, for `hours`: every hour a goal state whose extension it
 * enabled, as WaAppAgent.log says it ("Starting installation/update of plugins. Incarnation: 4, extension count: 3"
 * and "Plugin enabled (…), Code: 0" of chef-partners/azure-chef-extension#241, the catalogue's samples), in the log's
 * own time-stamp style. The cadence is the test's: the Windows agent is closed source and its heartbeat line's source
 * is not kept. Not cause-neutral: an unresponsive agent that did its work for hours up to the newest line is history.
 */
export function windowsAgentWorkedOn(hours: number): Perturbation {
  const sample = (id: string) => AGENT_CATALOGUE.find((e) => e.id === id)!.samples[0].line;
  const lines = [sample('goal-state-incarnation'), sample('plugin-enabled')];
  return (files) =>
    appendedToLog(files, isWaAppAgent, (last, newest) => Array.from({ length: hours }, (_, k) => retimed(lines, last.stamp, (i) => newest + (k + 1) * HOUR + i * 14_000)).flat());
}

/**
 * The agent log's own records posted without their time stamps, as support threads and Microsoft Learn quote them
 * (Azure/WALinuxAgent#1390: "WARNING ExtHandler Monitor: failed to update cgroups tracked extensions: …";
 * win-learn-wireserver-hostgaplugin-blocked: "[ERROR] GetVersions() failed with exception: …"): each record's leading
 * stamp cut, with the Windows thread id before it, and nothing else; then `then`'s lines, added after them with their
 * times, as `then` adds them. waagent.log and WaAppAgent.log only. Not cause-neutral: the failure's lines lose their
 * time, which is what it tests (an untimed failure line is bounded by its log's next timed record).
 */
export function timesCut(then?: Perturbation): Perturbation {
  return (files) => {
    const after = then ? then(files) : files;
    if (!after) return undefined;
    let any = false;
    const out = after.map(([n, t]): [string, string] => {
      const own = files.find(([m]) => m === n)?.[1];
      if (own === undefined || !(isWaagent(n) || isWaAppAgent(n))) return [n, t];
      const count = own.replace(/\n+$/, '').split('\n').length;
      const lines = t.split('\n');
      for (let i = 0; i < count; i++) {
        const s = leading(lines[i]);
        if (!s) continue;
        lines[i] = lines[i].slice(s.m.index + s.m[0].length).replace(/^\s+/, '');
        any = true;
      }
      return [n, lines.join('\n')];
    });
    return any ? out : undefined;
  };
}

// ---- the bundle as people hand it in ----

/** Each of the logs the records of which `pick` keeps, by name. */
const ROTATABLE = (n: string) => isWaagent(n) || isWaAppAgent(n) || /(^|\/)extension\.log$/.test(n);

/**
 * The same log handed in twice, rotated in between: `<log>.1` holds its first two thirds of records and the log itself
 * its last two thirds, so the middle third is in both (the bundle of the day before and the one of today, unpacked
 * into one folder). Cause-neutral: a record read twice is one event.
 */
export const rotatedOverlap: Perturbation = (files) => {
  let any = false;
  const out: Files = [];
  for (const [n, t] of files) {
    const r = recordsOf(t.replace(/\n+$/, ''));
    if (!ROTATABLE(n) || r.recs.length < 3) {
      out.push([n, t]);
      continue;
    }
    any = true;
    const third = Math.floor(r.recs.length / 3);
    out.push([`${n}.1`, `${join_({ head: r.head, recs: r.recs.slice(0, r.recs.length - third) })}\n`]);
    out.push([n, `${join_({ head: [], recs: r.recs.slice(third) })}\n`]);
  }
  return any ? out : undefined;
};

/**
 * NTP stepped the clock back ten minutes halfway through the bundle's time range: every record from then on, in every
 * file, is written ten minutes earlier than it happened (so time goes backwards once). Cause-neutral.
 */
export const clockStepBack: Perturbation = (files) => {
  const oldest = oldestOf(files);
  const newest = newestOf(files)?.t;
  if (oldest === undefined || newest === undefined || newest - oldest < 120_000) return undefined;
  const at = oldest + (newest - oldest) / 2;
  return eachFile((_, text) => {
    const r = recordsOf(text);
    if (!r.recs.some((x) => x.t > at && x.stamp.style !== STYLES[4])) return undefined;
    r.recs = r.recs.map((x) => (x.t > at && x.stamp.style !== STYLES[4] ? { ...x, lines: x.lines.map((l) => shifted(l, -10 * 60_000)) } : x));
    return join_(r);
  })(files);
};

/**
 * One transient failure to reach the HostGAPlugin a day, as healthy VMs log them: the monitor thread's heartbeat timing
 * out once (the agent's developers' sample, test corpus), before the last record of a waagent.log of the ISO era.
 * Cause-neutral: one timeout among hours of work is no network failure (one failed reporting call and no task is a
 * possible cause only, rules/no-network-wireserver.ts; test/analyze/reasoning/perturbed-cases.test.ts holds the
 * cases it flipped).
 */
export const oneTransientTimeout: Perturbation = eachFile((n, text) => {
  if (!isWaagent(n)) return undefined;
  const r = recordsOf(text);
  const last = r.recs.at(-1);
  if (!last || eraOf(last.stamp) !== 'iso') return undefined;
  const line = readFileSync(CORPUS_SAMPLES, 'utf8').split('\n').find((l) => l.includes('Error in SendHostPluginHeartbeat') && l.includes('IOError timed out'));
  if (!line) return undefined;
  const prev = r.recs.at(-2)?.t ?? last.t - 60_000;
  const add = retimed([line], last.stamp, () => Math.floor((prev + last.t) / 2));
  const atLine = r.head.length + r.recs.slice(0, -1).reduce((s, x) => s + x.lines.length, 0);
  const all = join_(r).split('\n');
  return [...all.slice(0, atLine), ...add, ...all.slice(atLine)].join('\n');
});

/**
 * The logs of another VM in the same bundle (a colleague's sosreport of a healthy machine unpacked beside): the healthy
 * running agent of neg-learn-linux-agent-service-running (Microsoft Learn), its goal state processed and its heartbeats
 * every half hour over the case's own time range, as that VM's waagent.log. Not neutral: read as one VM, the other VM's
 * goal states would count as this one's WireServer answers and its agent 2.2.51 as this VM's (before the bundle's VMs
 * were told apart: agent-outdated on 17 cases, at medium on 7, the verdict of jpaztech-notready-guest-firewall and of
 * the negative neg-waagent-2960). Where the case's own files hold a timed waagent.log (or a Windows agent's log), the
 * pipeline now says the bundle holds more than one VM (pipeline/vms.ts) and caps every finding at low; a case whose own
 * files hold no timed agent log cannot be told from one VM's logs in two folders (perturb.test.ts says what it holds).
 */
export const anotherVmBeside: Perturbation = (files) => {
  const oldest = oldestOf(files);
  const newest = newestOf(files)?.t;
  if (oldest === undefined || newest === undefined || files.some(([n]) => n.startsWith('other-vm/'))) return undefined;
  const lines = linesOf('neg-learn-linux-agent-service-running', 'terminal-output.txt', (l) => /ProcessGoalState completed|\[HEARTBEAT\]/.test(l), /^\w{3} \d\d \d\d:\d\d:\d\d \S+ python3\[\d+\]: /);
  const like = leading(lines[0]);
  if (!like) return undefined;
  const beat = lines.filter((l) => l.includes('[HEARTBEAT]'));
  const processed = lines.filter((l) => l.includes('ProcessGoalState'));
  const from = oldest - 2 * HOUR;
  const to = newest + 2 * HOUR;
  const add = [...retimed(processed, like, () => from)];
  for (let t = from + 30 * 60_000; t <= to; t += 30 * 60_000) add.push(...retimed(beat, like, () => t));
  return [...files, ['other-vm/var/log/waagent.log', `${add.join('\n')}\n`]];
};

/**
 * Windows text as Windows writes and exports it: WaAppAgent.log and the other agent logs with CRLF line ends, and the
 * Event Viewer text exports saved as Unicode (UTF-16 LE with its byte-order mark), as "Save As… Text" does.
 * Cause-neutral.
 */
export const windowsEncodings: Perturbation = (files) => {
  let any = false;
  const out = files.map(([n, t]): Files[number] => {
    if (!/\.(log|txt)$/i.test(n) || t.includes('\r\n')) return [n, t];
    any = true;
    const crlf = t.replace(/\n/g, '\r\n');
    return /event/i.test(n) ? [n, crlf, 'utf16le'] : [n, crlf];
  });
  return any ? out : undefined;
};

/** The bytes of a perturbed file as they are written (perturb.test.ts, reasoning tests). */
export function bytesOf([, text, encoding]: Files[number]): string | Buffer {
  if (encoding === 'gzip') return gzipSync(Buffer.from(text, 'utf8'));
  if (encoding === 'zip') return Buffer.from(text, 'base64');
  return encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text;
}

/**
 * waagent.log as journalctl shows it (the agent logs each record to stdout too, azurelinuxagent/agent.py): each line
 * behind `Mon DD HH:MM:SS vm1 python3[1234]: `, the time that of the record the line belongs to (journald stamps a line
 * when it arrives: a traceback's frames share their record's). Not a perturbation: the same records in another copy.
 * `locale`: the months as journalctl prints `%b` under that locale (glibc's abmon, shared/time.ts; `déc. 13`), in
 * UTF-8, as on a VM set up in French or German (crowdsecurity/crowdsec#530, tstack/lnav#533).
 */
export function journalForm(log: Buffer, locale = 'C'): Buffer {
  const lines = log.toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // (the lines are handled as Latin-1 text to keep the log's bytes: the month is put in as its UTF-8 bytes)
  const months = (ABBREVIATED_MONTHS[locale] ?? MONTHS).map((n) => Buffer.from(n, 'utf8').toString('latin1'));
  const stamp = (l: string) => {
    const m = /^(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d\d:\d\d:\d\d)/.exec(l);
    return m ? `${months[Number(m[2]) - 1]} ${m[3]} ${m[4]}` : undefined;
  };
  let at = lines.map(stamp).find((s) => s !== undefined) ?? `${months[0]} 01 00:00:00`;
  const out = lines.map((l) => {
    at = stamp(l) ?? at;
    return `${at} vm1 python3[1234]: ${l.replace(/\r$/, '')}`;
  });
  return Buffer.from(`${out.join('\n')}\n`, 'latin1');
}

// ---- the agent's and the Backup extension's own life around the failure (helper perturb2) ----

/** `lines` retimed to start at `t` (one per 10 ms, in the log's style) and put among the log's records where `t` falls. */
function insertedAt(text: string, lines: readonly string[], t: (r: Records) => number | undefined): string | undefined {
  const r = recordsOf(text.replace(/\n+$/, ''));
  const last = r.recs.at(-1);
  const at = last && t(r);
  if (!last || at === undefined) return undefined;
  const add = retimed(lines, last.stamp, (i) => at + i * 10);
  const k = r.recs.findIndex((x) => x.t > at);
  const before = k < 0 ? r.recs : r.recs.slice(0, k);
  const after = k < 0 ? [] : r.recs.slice(k);
  return `${[...r.head, ...before.flatMap((x) => x.lines), ...add, ...after.flatMap((x) => x.lines)].join('\n')}\n`;
}

/**
 * The agent's own start-up records, by era. 2.2.0–2.2.45: the daemon launching the goal-state agent it updated to
 * (neg-waagent-418, Azure/WALinuxAgent#418: "the agent updating itself as designed", 2.1.6). ISO era: the goal-state
 * agent starting (neg-waagent-pr1794, the maintainer's sample in Azure/WALinuxAgent#1794: "WALinuxAgent-2.2.46 running
 * as process 6134" and its extensions slice; not the lines the maintainer annotated with arrows, nor the elision).
 */
function agentUpdateHead(era: Era): string[] {
  return era === 'iso'
    ? linesOf('neg-waagent-pr1794-normal-goal-state-processing', 'waagent.log', (l) => !!leading(l) && !l.includes('<==') && /running as process|Created slice/.test(l))
    : linesOf('neg-waagent-418-auto-update-goal-state-agent', 'waagent.log', (l) => l.trim() !== '');
}

/** The Linux agent versions a bundle's files name (its logs, `waagent --version`), as the agent writes them. */
const AGENT_VERSION = /WALinuxAgent-(\d+(?:\.\d+)+)|Goal state agent: (\d+(?:\.\d+)+)|Azure Linux Agent Version: ?(\d+(?:\.\d+)+)/g;
const versionsIn = (text: string) => [...text.matchAll(AGENT_VERSION)].map((m) => m[1] ?? m[2] ?? m[3]);

/**
 * Whether the bundle names an agent newer than the one `head` starts: then the head would be a downgrade, which no
 * self-update or restart writes (the agent runs the newest it has), so the change does not apply.
 */
function namesNewerAgent(files: Files, head: readonly string[]): boolean {
  const own = versionsIn(head.join('\n'))[0];
  return !!own && files.some(([, t]) => versionsIn(t).some((v) => compareVersions(v, own) > 0));
}

/**
 * The agent updated itself three hours before the failure: its start-up records (`agentUpdateHead`) in waagent.log,
 * three hours before the log's last record, among its records; not where the bundle names a newer agent. Neutral for
 * every cause but agent-outdated: the added lines name the goal-state agent (2.1.6 or 2.2.46, the versions the real
 * lines hold, both below the supported 2.2.53.1), and agent-outdated is judged on the latest goal-state agent a log
 * names, so it may appear, go or change.
 */
export const agentUpdatedBefore: Perturbation = (files) =>
  eachFile((n, text) => {
    if (!isWaagent(n)) return undefined;
    const last = recordsOf(text).recs.at(-1);
    const era = last && eraOf(last.stamp);
    if (!era || namesNewerAgent(files, agentUpdateHead(era))) return undefined;
    return insertedAt(text, agentUpdateHead(era), (r) => r.recs.at(-1)!.t - 3 * HOUR);
  })(files);

/**
 * The guest rebooted ten minutes after the bundle's newest record, and the agent started again: in a log of the
 * 2.2.0–2.2.45 era the daemon's whole boot head (neg-waagent-pr408, Azure/WALinuxAgent#408: version, OS, resource disk
 * mounted, the goal-state agent instantiated, 2.1.6); in the ISO era the goal-state agent's start (`agentUpdateHead`;
 * no case holds an ISO-era daemon boot head); not where the bundle names a newer agent. Not neutral: the failure must
 * stay found, but an agent or network failure before a restart may age (analyze/recovery.ts), and the head names an
 * agent version (agent-outdated may move).
 */
export const guestRebootedAfter: Perturbation = (files) =>
  appendedToLog(files, isWaagent, (last, newest) => {
    const era = eraOf(last.stamp);
    if (!era) return undefined;
    const head = era === 'iso' ? agentUpdateHead('iso') : linesOf('neg-waagent-pr408-kali-agent-start-after-fix', 'waagent.log', (l) => l.trim() !== '');
    if (namesNewerAgent(files, head)) return undefined;
    return retimed(head, last.stamp, (i) => newest + 10 * 60_000 + i * 10);
  });

/**
 * The Backup extension of another release was enabled the night before (the extension updated between nights), in
 * waagent.log a day before its last record: 2.2.0–2.2.45 era, "[…VMSnapshotLinux-1.0.9120.0] Target handler state:
 * enabled" (waagent-1059, Azure/WALinuxAgent#1059, its first line only: the next is that case's failure); ISO era, the
 * enable of 1.0.9218.0 (ext-1922, Azure/azure-linux-extensions#1922, its two waagent.log lines). Not applied to a log
 * that already names that release. Cause-neutral: which release ran a night earlier says nothing of tonight's failure.
 */
export const backupExtensionUpgraded: Perturbation = eachFile((n, text) => {
  if (!isWaagent(n)) return undefined;
  const last = recordsOf(text).recs.at(-1);
  const era = last && eraOf(last.stamp);
  if (!era) return undefined;
  const [lines, release] =
    era === 'iso'
      ? [linesOf('ext-1922-ubuntu2404-vmsnapshot-9218-python312', 'waagent.log', (l) => l.trim() !== ''), 'VMSnapshotLinux-1.0.9218.0']
      : [linesOf('waagent-1059-extension-downgrade-not-allowed', 'waagent.log', (l, i) => i === 0), 'VMSnapshotLinux-1.0.9120.0'];
  if (text.includes(release)) return undefined;
  return insertedAt(text, lines, (r) => r.recs.at(-1)!.t - DAY);
});

// ---- the bundle as it reaches support days later (helper reason17) ----

/**
 * The same files handed in twice: the collector's copy and a sosreport of the same VM unpacked beside it
 * (`sosreport-vm1/…`, the same names under it). Cause-neutral: the copy is the same VM's, read twice it is one story;
 * nothing in it says another VM.
 */
export const handedInTwice: Perturbation = (files) => {
  if (!files.length || files.some(([n]) => n.startsWith('sosreport-vm1/'))) return undefined;
  return [...files, ...files.map(([n, t, e]): Files[number] => [`sosreport-vm1/${n}`, t, ...(e ? [e] : [])] as Files[number])];
};

/**
 * The failure's waagent.log rotated away: logrotate renamed it `waagent.log.1` (unchanged), and the bundle's own
 * `waagent.log` is the next `hours` of the agent's healthy records after the newest one (the lines `agentWorkedOn`
 * adds, the same real ones, from the same era). `compressed`: as the agent's own logrotate rule does it (WALinuxAgent
 * config/waagent.logrotate: `compress`, `dateext`, `dateformat -%Y-%m-%d-%s`, no `delaycompress`), as
 * `waagent.log-2024-01-15-1705350000.gz` (the day and epoch second of the rotation), the failure inside the gzip. Not
 * cause-neutral, as `agentWorkedOn`: an agent or network failure the agent worked past for hours is history; the
 * task's own failure stays.
 */
export function rotatedBeneathHealthyLog(hours: number, compressed = false): Perturbation {
  const worked = agentWorkedOn(hours);
  return (files) => {
    const log = files.find(([n]) => isWaagent(n));
    if (!log || files.some(([n]) => n === `${log[0]}.1`)) return undefined;
    const after = worked(files);
    const grown = after?.find(([n]) => n === log[0])?.[1];
    if (!grown) return undefined;
    const own = log[1].replace(/\n+$/, '');
    const tail = grown.slice(own.length).replace(/^\n+/, '');
    if (!tail.trim()) return undefined;
    const at = new Date(newestOf([log])?.t ?? Date.UTC(2024, 0, 15));
    const rotated = `${log[0]}-${ymd(at, '-')}-${Math.floor(at.getTime() / 1000)}.gz`;
    return [...files.filter(([n]) => n !== log[0]), compressed ? [rotated, `${own}\n`, 'gzip'] : [`${log[0]}.1`, `${own}\n`], [log[0], tail]];
  };
}

/**
 * The failure's own lines rotated away: the bundle was collected a day after the newest record, and the logs that held
 * the failure (waagent.log, WaAppAgent.log, the extension's extension.log) were rotated since, their older rotations
 * not collected (a `tail` of the log, or only the current file copied). Each holds only what was written after: the
 * agent's log the agent's 20 healthy hours (`agentWorkedOn`'s lines, `windowsAgentWorkedOn`'s on Windows), the
 * extension's log nothing (logrotate's `create`). Every other file (state files, the system log, event exports) is
 * as it was. Not cause-neutral: the answer may lose its cause, but must not name another with confidence.
 */
export function failureRotatedAway(platform: 'linux' | 'windows'): Perturbation {
  const worked = platform === 'linux' ? agentWorkedOn(20) : windowsAgentWorkedOn(20);
  return (files) => {
    const newest = newestOf(files)?.t;
    if (newest === undefined) return undefined;
    let any = false;
    const out = (worked(files) ?? files).map(([n, t, e]): Files[number] => {
      const recs = e || !ROTATABLE(n) ? [] : recordsOf(t).recs;
      if (!recs.length) return e ? [n, t, e] : [n, t];
      any = true;
      const after = recs.filter((x) => x.t > newest);
      return [n, after.length ? `${after.flatMap((x) => x.lines).join('\n').replace(/\n+$/, '')}\n` : ''];
    });
    return any ? out : undefined;
  };
}

/**
 * Another extension failed half an hour after the bundle's newest record (a VM runs several: monitoring, scripts), in
 * waagent.log: ISO era, the OMS agent's install failing with exit 51 (the agent's developers' sample, test corpus);
 * 2.2.0–2.2.45 era, the Custom Script extension's install exiting 1 (waagent-1268, Azure/WALinuxAgent#1268, its nine
 * lines). Not cause-neutral: the other extension's failure is a finding of its own. A backup that failed before it
 * keeps its cause first: a failure written after the failed task did not make it fail.
 */
export const otherExtensionFailedAfter: Perturbation = (files) =>
  appendedToLog(files, isWaagent, (last, newest) => {
    const era = eraOf(last.stamp);
    if (!era) return undefined;
    const lines = era === 'iso' ? OLD_LINUX_FAILURE().slice(0, 1) : linesOf('waagent-1268-customscript-install-exit-1', 'waagent.log', (l) => l.trim() !== '');
    if (files.some(([, t]) => t.includes(era === 'iso' ? 'OmsAgentForLinux' : 'CustomScript-2.0.6'))) return undefined;
    return retimed(lines, last.stamp, (i) => newest + 30 * 60_000 + i * 100);
  });

/**
 * The VM lost the WireServer for a few minutes four days before its logs begin, and lived past it (a host update):
 * the agent's own records of it, in waagent.log before its first record. 2.2.0–2.2.45 era: waagent-1801's telemetry,
 * HealthService and goal-state timeouts (Azure/WALinuxAgent#1801: the host's WireServer restarting); ISO era:
 * jpaztech-notready-guest-firewall's telemetry timeouts (its waagent.log, the records that are timed). Not
 * cause-neutral where the case's own cause is the network: an episode days before is history, and the case's own
 * failure stays first.
 */
export const oldNetworkEpisode: Perturbation = eachFile((n, text) => {
  if (!isWaagent(n)) return undefined;
  const r = recordsOf(text);
  const first = r.recs[0];
  const era = first && eraOf(first.stamp);
  if (!era) return undefined;
  const src =
    era === 'iso'
      ? linesOf('jpaztech-notready-guest-firewall-drops-wireserver', 'waagent.log')
      : linesOf('waagent-1801-host-wireserver-restart-timeouts', 'waagent.log');
  const recs = recordsOf(src.join('\n')).recs;
  if (!recs.length) return undefined;
  const base = recs[0].t;
  const add = recs.flatMap((x) => retimed(x.lines, first.stamp, () => first.t - 4 * DAY + (x.t - base)));
  return [...r.head, ...add, ...r.recs.flatMap((x) => x.lines)].join('\n');
});

// ---- what support sees around the failure, held out (helper reason18) ----

/** `lines` stamped from `t` on (one per 10 ms) in the style of `like`: a line's own stamps moved with it, a line without a leading one given one. */
function stampedFrom(lines: readonly string[], like: Stamp, t: number): string[] {
  const prefix = like.m.input.slice(0, like.m.index);
  const base = lines.map((l) => stamps(l)[0]).find((s) => s)?.t;
  return lines.map((line, i) => {
    const moved = base === undefined ? line : shifted(line, t - base);
    const s = leading(moved);
    const at = like.style.format(t + i * 10, like.m);
    return s ? prefix + at + moved.slice(s.m.index + s.m[0].length) : `${prefix}${at} ${moved}`;
  });
}

/**
 * One transient timeout `offsetMs` from the log's last record, as healthy VMs log them now and then: ISO era, the
 * monitor thread's HostGAPlugin heartbeat timing out once (the agent's developers' sample, test corpus); 2.2.0–2.2.45
 * era, one telemetry POST to the WireServer timing out (the first record of waagent-1801, Azure/WALinuxAgent#1801).
 */
const transientTimeoutAt = (offsetMs: number): Perturbation =>
  eachFile((n, text) => {
    if (!isWaagent(n)) return undefined;
    const last = recordsOf(text).recs.at(-1);
    const era = last && eraOf(last.stamp);
    if (!era) return undefined;
    const line =
      era === 'iso'
        ? readFileSync(CORPUS_SAMPLES, 'utf8').split('\n').find((l) => l.includes('Error in SendHostPluginHeartbeat') && l.includes('IOError timed out'))
        : linesOf('waagent-1801-host-wireserver-restart-timeouts', 'waagent.log', (l) => l.includes('comp=telemetrydata'))[0];
    if (!line) return undefined;
    return insertedAt(text, [line], (r) => r.recs.at(-1)!.t + offsetMs);
  });

/**
 * The timeout five minutes before the failure (the log's last record). Cause-neutral: one timeout minutes before a
 * failure, the agent working on around it, is no network failure; where the case's own cause is the network it stays
 * first.
 */
export const transientTimeoutBefore = transientTimeoutAt(-5 * 60_000);

/**
 * The timeout five minutes after waagent.log's newest record: support gets the bundle a little later, and the agent
 * has logged one more benign timeout since the failure. Cause-neutral.
 */
export const transientTimeoutAfter = transientTimeoutAt(5 * 60_000);

/**
 * A WireServer outage after the failed task, with no task lines of its own (a backup it stops never reaches the
 * extension, so a later job that failed on it leaves none): waagent-1801's three timeouts (Azure/WALinuxAgent#1801:
 * telemetry, HealthService, goal state), `offsetMs` after the bundle's newest record, appended to its waagent.log in the
 * log's own style, or as a waagent.log of their own (as the agent wrote them) where the bundle has none. Linux bundles
 * with a timed log. Not neutral: two failures of different causes, the newer one without the job's lines; the logs
 * cannot tell which is the failed job's, so neither may be said above medium, and where the newer one leads the
 * verdict says so (perturb.test.ts, derived: only where the plain answer has a failed task).
 */
export function networkOutageAfter(offsetMs: number): Perturbation {
  const outage = recordsOf(linesOf('waagent-1801-host-wireserver-restart-timeouts', 'waagent.log', (l) => l.trim() !== '').join('\n')).recs;
  const base = outage[0].t;
  const moved = (like: (x: LogRecord) => Stamp, newest: number) => outage.flatMap((x) => retimed(x.lines, like(x), () => newest + offsetMs + (x.t - base)));
  return (files) => {
    if (files.some(([n]) => isWaagent(n))) return appendedToLog(files, isWaagent, (last, newest) => moved(() => last.stamp, newest));
    const newest = newestOf(files)?.t;
    return newest === undefined ? undefined : [...files, ['waagent.log', `${moved((x) => x.stamp, newest).join('\n')}\n`]];
  };
}

/**
 * The next night's backup on Linux worked: a day after the bundle's newest record the agent enabled the Backup
 * extension with a new sequence number (neg-tsg-waagent-vmsnapshotlinux-enable, the troubleshooting guide's waagent.log
 * lines: goal state, "Update settings file: 273.settings", enable) and the extension froze, took the snapshot and
 * thawed ("run_status - success", neg-tsg-vmsnapshotlinux-extension-log-normal-backup, the guide's extension.log key
 * lines): each at the end of the bundle's timed waagent.log and extension.log, in their own stamp style (the guide
 * quotes them without their leading stamps). Not neutral, as `nextNightSucceeded`: the failure stays found, no longer
 * above medium, and nothing new rises.
 */
export const backupSucceededLater: Perturbation = (files) => backupSucceededLaterBy(DAY)(files);

/** An extension.log is the Backup extension's unless its records name another extension's handler. */
const isBackupLog = (n: string, text: string) => /(^|\/)extension\.log$/.test(n) && !/\[(?!Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux)Microsoft\.[\w.]+-\d/.test(text);

/**
 * The stamp of extension.log's last record that carries the handler's prefix, as the guide's lines do (a log of two
 * styles writes the daemon's `  Info  ` records in the other); undefined where it has none.
 */
const handlerStamp = (text: string) =>
  recordsOf(text)
    .recs.filter((x) => /^\s?\[Microsoft\.Azure\.RecoveryServices\.VMSnapshotLinux/.test(x.lines[0].slice(x.stamp.m.index + x.stamp.m[0].length)))
    .at(-1)?.stamp;

/**
 * `backupSucceededLater`, `offsetMs` after the bundle's newest record. With `ownLog`, a bundle that holds no Backup
 * extension log (only the agent's, or another extension's extension.log) gets the extension's run as a log of its own,
 * `Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log`, stamped as the extension writes it in the bundle's
 * era (2024's `2024-01-14 22:16:48.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]…` of ext-1868 from
 * 2020 on, 2017's `2017/11/14 03:06:52 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]…` of ext-494 before): the agent's own log says only that it enabled the extension, never how the run ended.
 */
function backupSucceededLaterBy(offsetMs: number, ownLog = false): Perturbation {
  return (files) => {
  const newest = newestOf(files)?.t;
  if (newest === undefined) return undefined;
  const isExtensionLog = (n: string) => files.some(([m, t]) => m === n && isBackupLog(m, t));
  const extensionLines = linesOf('neg-tsg-vmsnapshotlinux-extension-log-normal-backup', 'extension.log', (l) => l.trim() !== '');
  const sources: [(n: string) => boolean, string[], (last: LogRecord, text: string) => Stamp | undefined][] = [
    [isWaagent, linesOf('neg-tsg-waagent-vmsnapshotlinux-enable', 'waagent.log', (l) => l.trim() !== ''), (last) => last.stamp],
    [isExtensionLog, extensionLines, (last, text) => handlerStamp(text) ?? last.stamp],
  ];
  let out: Files | undefined = files;
  let any = false;
  for (const [isLog, lines, likeOf] of sources) {
    const text = out.find(([n]) => isLog(n))?.[1] ?? '';
    const next: Files | undefined = appendedToLog(out, isLog, (last) => {
      const like = likeOf(last, text);
      return !like || like.style === STYLES[4] ? undefined : stampedFrom(lines, like, newest + offsetMs);
    });
    if (next) [out, any] = [next, true];
  }
  if (!ownLog || files.some(([n, t]) => isBackupLog(n, t))) return any ? out : undefined;
  const like = stamps(new Date(newest).getUTCFullYear() >= 2020 ? '2024-01-14 22:16:48.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]' : '2017/11/14 03:06:52 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]')[0];
  const own = stampedFrom(extensionLines, like, newest + offsetMs + 1_000);
  return [...out, ['Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', `${own.join('\n')}\n`]];
  };
}

// ---- the same life around the failure, as a Windows bundle shows it (helper reason19) ----
// Every line is a real WaAppAgent.log / IaaSBcdrExtension.log line of a case in the repo, retimed (or, where the
// source quotes it without a stamp, stamped) in the target log's own style and thread-id prefix.

/** The Windows agent's time-stamp eras: `[MM/DD/YYYY hh:mm:ss.ff]` (up to 2.7.41491.x) and ISO (later). */
type WinEra = 'bracket' | 'iso';
const winEraOf = (s: Stamp): WinEra | undefined => (s.style === STYLES[3] ? 'bracket' : s.style === STYLES[0] ? 'iso' : undefined);

/** Lines of a case's WaAppAgent.log, the ones `pick` keeps, without the sources' elisions (`...`, `......`). */
const waAppAgentLines = (caseId: string, pick: (line: string) => boolean = () => true) => linesOf(caseId, 'WaAppAgent.log', (l) => l.trim() !== '' && !/^\.{3,}$/.test(l.trim()) && pick(l));

/**
 * Known-harmless WaAppAgent.log records, by era: the agent finding its tenant certificate among the CRP certificates of
 * daily restarts (win-neg-learn-multiple-crp-certificates-imported, 2017) and Run Command's enable with its harmless
 * "[ERROR] … Error SetCPUNotification: 87" (win-neg-packer-12934-runcommand-setcpunotification, 2024).
 */
export const WINDOWS_BENIGN_BLOCKS: { name: string; era: WinEra; lines: () => string[] }[] = [
  { name: 'win-neg-learn CRP certificates', era: 'bracket', lines: () => waAppAgentLines('win-neg-learn-multiple-crp-certificates-imported') },
  { name: 'win-neg-packer-12934 Run Command enable', era: 'iso', lines: () => waAppAgentLines('win-neg-packer-12934-runcommand-setcpunotification') },
];

/**
 * `lines` as records of a WaAppAgent.log stamped from `t` on (one per 10 ms) in the style and thread-id prefix of
 * `like`: a record's head is a line with a stamp or one that starts with its level (`[INFO]`, as the sources quote
 * them untimed); the other lines (a .NET exception's) stay continuation lines.
 */
function windowsStamped(lines: readonly string[], like: Stamp, t: number): string[] {
  const prefix = like.m.input.slice(0, like.m.index);
  let i = 0;
  return lines.map((line) => {
    const s = leading(line);
    const body = s ? line.slice(s.m.index + s.m[0].length).replace(/^ /, '') : /^\[[A-Z]+\]/.test(line) ? line : undefined;
    return body === undefined ? line : `${prefix}${like.style.format(t + 10 * i++, like.m)} ${body}`;
  });
}

/** `lines` (timed or not) put into WaAppAgent.log at `at(records)`, stamped from then on in the log's style. */
function intoWaAppAgent(lines: (era: WinEra) => string[] | undefined, at: (r: Records) => number, where: 'at' | 'start' = 'at'): Perturbation {
  return eachFile((n, text) => {
    if (!isWaAppAgent(n)) return undefined;
    const r = recordsOf(text.replace(/\n+$/, ''));
    const ref = where === 'start' ? r.recs[0] : r.recs.at(-1);
    const era = ref && winEraOf(ref.stamp);
    const add = era && lines(era);
    if (!ref || !add?.length) return undefined;
    const t = at(r);
    const stamped = windowsStamped(add, ref.stamp, t);
    const k = r.recs.findIndex((x) => x.t > t);
    const before = k < 0 ? r.recs : r.recs.slice(0, k);
    const after = k < 0 ? [] : r.recs.slice(k);
    return `${[...r.head, ...before.flatMap((x) => x.lines), ...stamped, ...after.flatMap((x) => x.lines)].join('\n')}\n`;
  });
}

/** A harmless block of the log's era, between WaAppAgent.log's last two records. Cause-neutral. */
export function withWindowsBlock(block: (typeof WINDOWS_BENIGN_BLOCKS)[number]): Perturbation {
  return intoWaAppAgent(
    (era) => (era === block.era ? block.lines() : undefined),
    (r) => {
      const last = r.recs.at(-1)!.t;
      const prev = r.recs.at(-2)?.t ?? last - 60_000;
      return prev + Math.floor((last - prev) / 2) - 1;
    },
  );
}

/**
 * One transient failure to reach the HostGAPlugin: "GetVersions() failed … (503) Server Unavailable" once (its two
 * lines in win-learn-wireserver-hostgaplugin-blocked, Microsoft Learn), `offsetMs` from WaAppAgent.log's last record.
 * Cause-neutral: one 503 among the agent's work is no network failure.
 */
export const windowsTransientFailureAt = (offsetMs: number): Perturbation =>
  intoWaAppAgent(() => {
    const lines = waAppAgentLines('win-learn-wireserver-hostgaplugin-blocked');
    const k = lines.findIndex((l) => l.includes('GetVersions() failed'));
    return k < 0 ? undefined : lines.slice(k, k + 2);
  }, (r) => r.recs.at(-1)!.t + offsetMs);

/**
 * The Windows agent's start-up (win-learn-devtest-agent-oobe-wait-10min, without its OOBE waits): version 2.7.41491.949,
 * StateExecutor up, a heartbeat; only in a log of its own era (`[MM/DD/YYYY …]` stamps: 2.7.41491.949 wrote them).
 */
const windowsAgentStart = () => waAppAgentLines('win-learn-devtest-agent-oobe-wait-10min', (l) => !l.includes('OOBE'));
const WIN_AGENT_VERSION = /WindowsAzureGuestAgent starting\.\s+Version (\d+(?:\.\d+)+)/g;
/** Whether the bundle names a Windows agent newer than the start-up's (then the start would be a downgrade). */
const namesNewerWindowsAgent = (files: Files) => {
  const own = [...windowsAgentStart().join('\n').matchAll(WIN_AGENT_VERSION)][0][1];
  return files.some(([, t]) => [...t.matchAll(WIN_AGENT_VERSION)].some((m) => compareVersions(m[1], own) > 0));
};

/**
 * The Windows agent updated itself three hours before WaAppAgent.log's last record: its start-up (`windowsAgentStart`);
 * not where the bundle names a newer agent. Neutral but for agent-outdated (the start names 2.7.41491.949).
 */
export const windowsAgentUpdatedBefore: Perturbation = (files) =>
  namesNewerWindowsAgent(files) ? undefined : intoWaAppAgent((era) => (era === 'bracket' ? windowsAgentStart() : undefined), (r) => r.recs.at(-1)!.t - 3 * HOUR)(files);

/**
 * The guest rebooted ten minutes after the bundle's newest record: the Windows agent's start-up at the end of
 * WaAppAgent.log. Not neutral, as `guestRebootedAfter`: an agent-side failure may age, agent-outdated may move.
 */
export const windowsGuestRebootedAfter: Perturbation = (files) => {
  const newest = newestOf(files)?.t;
  if (newest === undefined || namesNewerWindowsAgent(files)) return undefined;
  return intoWaAppAgent((era) => (era === 'bracket' ? windowsAgentStart() : undefined), () => newest + 10 * 60_000)(files);
};

/**
 * Another extension failed half an hour after the bundle's newest record: Chef's enable exiting 1 (win-chef-220's
 * WaAppAgent.log, its three lines); not where the bundle already runs Chef. Not neutral, as `otherExtensionFailedAfter`.
 */
export const windowsOtherExtensionFailedAfter: Perturbation = (files) => {
  const newest = newestOf(files)?.t;
  if (newest === undefined || files.some(([, t]) => t.includes('Chef.Bootstrap'))) return undefined;
  return intoWaAppAgent(() => waAppAgentLines('win-chef-220-enable-exit-code-1'), () => newest + 30 * 60_000)(files);
};

/**
 * The VM could not reach the HostGAPlugin for a while four days before WaAppAgent.log begins, and lived past it:
 * win-learn-wireserver-hostgaplugin-blocked's records (its 503 and its refused socket, Microsoft Learn), before the
 * first record. Neutral but for a network cause, which stays first.
 */
export const windowsOldNetworkEpisode: Perturbation = intoWaAppAgent(() => waAppAgentLines('win-learn-wireserver-hostgaplugin-blocked'), (r) => r.recs[0].t - 4 * DAY, 'start');

/**
 * The agent's side of a backup that worked (the troubleshooting guide's WaAppAgent.log lines: a new goal state, the
 * VMSnapshot plugin enabled; without its `<version>` placeholder line), `offsetMs` from the bundle's newest record
 * (negative: before its oldest).
 */
const windowsBackupEnabled = () => waAppAgentLines('win-neg-tsg-waappagent-vmsnapshot-enabled', (l) => !l.includes('<version>') && !/launch command$/.test(l.trim()));

/**
 * The Backup extension was enabled and worked the night before (the guide's enable, a day before WaAppAgent.log's
 * oldest record). No real line names a Windows VMSnapshot release, so this is the Windows form of "Backup ext.
 * upgraded" without the release. Cause-neutral.
 */
export const windowsBackupEnabledNightBefore: Perturbation = (files) => {
  const oldest = oldestOf(files);
  return oldest === undefined ? undefined : intoWaAppAgent(() => windowsBackupEnabled(), () => oldest - DAY, 'start')(files);
};

/**
 * The next night's backup worked, as both logs say it: the guide's enable in WaAppAgent.log and the snapshot that
 * completed (`nextNightSucceeded`), a day after the newest record. Not neutral, as `nextNightSucceeded`.
 */
export const windowsBackupSucceededLater: Perturbation = (files) => {
  const newest = newestOf(files)?.t;
  if (newest === undefined) return undefined;
  const enabled = intoWaAppAgent(() => windowsBackupEnabled(), () => newest + DAY - 60_000)(files);
  return enabled && nextNightSucceeded(enabled);
};

/** The Windows enable and completed snapshot `offsetMs` after the bundle's newest record. */
function windowsBackupSucceededLaterBy(offsetMs: number): Perturbation {
  return (files) => {
    const newest = newestOf(files)?.t;
    if (newest === undefined) return undefined;
    const enabled = intoWaAppAgent(() => windowsBackupEnabled(), () => newest + offsetMs - 60_000)(files);
    return snapshotCompletedAt(newest, offsetMs)(enabled ?? files);
  };
}

// ---- the bundle as support hands it in, more ways (helper reason20) ----

/**
 * Rotated logs with the middle rotation missing: beside each agent or Backup extension log, its rotation of two days
 * before (`<log>.2`: the log's own records two days earlier), and no `<log>.1` (lost, or not collected).
 * Cause-neutral: two nights ago went the same way, and the night between is simply not in the bundle.
 */
export const middleRotationMissing: Perturbation = (files) => {
  let any = false;
  const out: Files = [];
  for (const [n, t, e] of files) {
    out.push(e ? [n, t, e] : [n, t]);
    const r = recordsOf(t.replace(/\n+$/, ''));
    if (!ROTATABLE(n) || !r.recs.length || files.some(([m]) => m === `${n}.2` || m === `${n}.1`)) continue;
    any = true;
    out.push([`${n}.2`, `${r.recs.flatMap((x) => x.lines.map((l) => shifted(l, -2 * DAY))).join('\n')}\n`]);
  }
  return any ? out : undefined;
};

/**
 * A retry of the backup worked `offsetMs` after the bundle's newest record, as the Linux logs say it (the troubleshooting
 * guide's enable and its freeze-snapshot-thaw run, `backupSucceededLater`'s lines), or the Windows ones (the guide's
 * VMSnapshot enable and win-neg-tsg's completed snapshot, `windowsBackupSucceededLater`'s). Not neutral: the latest run
 * decides; the failure stays found, no longer above medium, and the verdict says the later run succeeded.
 */
export function backupSucceededAfter(offsetMs: number, platform: 'linux' | 'windows'): Perturbation {
  return platform === 'linux' ? backupSucceededLaterBy(offsetMs, true) : windowsBackupSucceededLaterBy(offsetMs);
}

/**
 * The log `file` cut right after the record that holds line `line` (1-based): a copy taken the moment the failure was
 * written. A writer puts a record down in one write, its continuation lines with it (a Python traceback, waagent's
 * "Inner error:", a .NET stack's indented "at" lines), so the cut falls after them: at the next line that opens a
 * record (a time stamp of its own), or in a log without stamps at the next line not indented.
 */
export function cutAfterLine(file: string, line: number): Perturbation {
  return (files) => {
    const f = files.find(([n]) => n === file);
    if (!f) return undefined;
    const lines = f[1].split('\n');
    const timed = lines.some((l) => leading(l));
    let end = line;
    while (end < lines.length && lines[end].trim() && (timed ? !leading(lines[end]) : /^\s/.test(lines[end]))) end++;
    if (!lines.slice(end).some((l) => l.trim())) return undefined;
    const cut = `${lines.slice(0, end).join('\n')}\n`;
    return files.map(([n, t, e]): Files[number] => (n === file ? (e ? [n, cut, e] : [n, cut]) : e ? [n, t, e] : [n, t]));
  };
}

/**
 * The guest rebooted in the middle of the backup window (at `t`): the agent's start-up, as after a reboot, in
 * waagent.log (`guestRebootedAfter`'s lines: pr408's boot head, or the goal-state agent's start in the ISO era) or
 * WaAppAgent.log (`windowsAgentStart`), among the records where `t` falls; not where the bundle names a newer agent.
 * A bundle of the Backup extension's log alone (the failed tasks the cases hold) gets the agent's log as one of its
 * own, holding the start-up only: waagent.log beside a Linux extension.log (ISO era from 2020 on), WaAppAgent.log beside
 * IaaSBcdrExtension.log (its `[MM/DD/YYYY …]` era, up to 2020). Not neutral for agent-outdated (the lines name an
 * agent); the case's own failure stays found and first.
 */
export function rebootAt(t: number): Perturbation {
  return (files) => {
    const linuxHead = (era: Era) => (era === 'iso' ? agentUpdateHead('iso') : linesOf('neg-waagent-pr408-kali-agent-start-after-fix', 'waagent.log', (l) => l.trim() !== ''));
    const linux = eachFile((n, text) => {
      if (!isWaagent(n)) return undefined;
      const last = recordsOf(text).recs.at(-1);
      const era = last && eraOf(last.stamp);
      if (!era) return undefined;
      const head = linuxHead(era);
      if (namesNewerAgent(files, head)) return undefined;
      return insertedAt(text, head, () => t);
    })(files);
    if (linux) return linux;
    const year = new Date(t).getUTCFullYear();
    if (!files.some(([n]) => isWaagent(n) || isWaAppAgent(n))) {
      if (files.some(([n]) => /(^|\/)extension\.log$/.test(n))) {
        const era: Era = year >= 2020 ? 'iso' : 'slash';
        const head = linuxHead(era);
        const like = stamps(era === 'iso' ? '2020-08-28T20:38:00.000000Z' : '2016/09/06 16:53:49.000000')[0];
        if (namesNewerAgent(files, head)) return undefined;
        return [...files, ['waagent.log', `${retimed(head, like, (i) => t + i * 10).join('\n')}\n`]];
      }
      if (files.some(([n]) => /(^|\/)IaaSBcdrExtension\.log$/.test(n)) && year < 2021 && !namesNewerWindowsAgent(files)) {
        const lines = windowsAgentStart();
        const like = lines.map((l) => leading(l)).find((x) => x);
        return like ? [...files, ['WaAppAgent.log', `${windowsStamped(lines, like, t).join('\n')}\n`]] : undefined;
      }
      return undefined;
    }
    if (namesNewerWindowsAgent(files)) return undefined;
    return intoWaAppAgent((era) => (era === 'bracket' ? windowsAgentStart() : undefined), () => t)(files);
  };
}

/**
 * Another VM's logs of the other platform beside (a colleague's collection of the Windows VM next to a Linux one, or the
 * other way round): a Linux case gets win-neg-packer-12934's harmless Run Command enable (WaAppAgent.log), a Windows case
 * the healthy running Linux agent of `anotherVmBeside`, in `other-vm/`, retimed over the case's hours. The platform is
 * the case's (case.json): a Windows bundle may hold only the agent's installer logs. Not neutral, as `anotherVmBeside`:
 * said as two VMs, everything low, or the answer does not move.
 */
export function otherPlatformVmBeside(platform: 'linux' | 'windows'): Perturbation {
  return (files) => {
    const oldest = oldestOf(files);
    const newest = newestOf(files)?.t;
    if (oldest === undefined || newest === undefined || files.some(([n]) => n.startsWith('other-vm/'))) return undefined;
    if (platform === 'windows') return anotherVmBeside(files);
    const lines = waAppAgentLines('win-neg-packer-12934-runcommand-setcpunotification');
    const like = lines.map((l) => leading(l)).find((s) => s);
    if (!like) return undefined;
    const stamped = windowsStamped(lines, like, oldest + (newest - oldest) / 2);
    return [...files, ['other-vm/WindowsAzure/Logs/WaAppAgent.log', `${stamped.join('\n')}\n`]];
  };
}

/**
 * A line the VMSnapshotLinux extension wrote in the VM's local time (docs/formats.md, "extension.log"): shape B
 * (`2017/11/14 03:06:52 [Name-1.0]…`, `… ERROR:[Name-1.0]…`, with legacy C's backuplogger stamp after it, or the bare
 * `2016/12/10 01:11:00` legacy C writes after each record) and shape E (safefreeze's `2017-11-02 11:22:56 Thawing:
 * /boot`). Shapes A and D of the builds in the cases are UTC.
 */
const VM_LOCAL_LINE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\s*$| (?:ERROR:)?\[)|^\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?!\[)\D/;

/**
 * The VMSnapshot extension.log of a VM set to a zone two hours ahead of UTC (Central European Summer Time): every
 * stamp of its VM-local lines (`VM_LOCAL_LINE`) moved by +2 h, its UTC lines unchanged. Where the bundle holds no UTC
 * log and the log is of the agent's UTC era (2020 on), the agent's side of the run is added as one, as the VM writes
 * it: waagent.log with the guide's enable of the extension (neg-tsg-waagent-vmsnapshotlinux-enable, ISO and `Z`), a
 * second before the extension's first record. Cause-neutral: the wall clock of one log says nothing of the cause.
 */
export const extensionLogInLocalTime: Perturbation = (files) => {
  let first: number | undefined;
  const moved = eachFile((n, text) => {
    if (!/(^|\/)extension\.log$/.test(n)) return undefined;
    const lines = text.split('\n');
    if (!lines.some((l) => VM_LOCAL_LINE.test(l))) return undefined;
    first ??= recordsOf(text).recs[0]?.t;
    return lines.map((l) => (VM_LOCAL_LINE.test(l) ? shifted(l, 2 * HOUR) : l)).join('\n');
  })(files);
  if (!moved || first === undefined) return moved;
  const utc = files.some(([n, t]) => isWaagent(n) && recordsOf(t).recs.some((x) => eraOf(x.stamp) === 'iso'));
  if (utc || files.some(([n]) => isWaagent(n)) || new Date(first).getUTCFullYear() < 2020) return moved;
  const like = stamps('2020-08-28T20:38:00.000000Z')[0];
  const enable = stampedFrom(linesOf('neg-tsg-waagent-vmsnapshotlinux-enable', 'waagent.log', (l) => l.trim() !== ''), like, first - 1_000);
  return [...moved, ['waagent.log', `${enable.join('\n')}\n`]];
};

// ---- more of what a real VM's logs hold around a failure (helper reason22) ----

/**
 * A rotation kept twice: logrotate's `<log>.1` and its compressed `<log>.1.gz` side by side (unpacked with `gunzip -k`,
 * or collected from two folders), the log's first half of records in both, its second half in `<log>`. Each agent or
 * Backup extension log of three records or more. Cause-neutral: a record read twice is one event.
 */
export const rotationKeptTwice: Perturbation = (files) => {
  let any = false;
  const out: Files = [];
  for (const [n, t, e] of files) {
    const r = recordsOf(t.replace(/\n+$/, ''));
    if (e || !ROTATABLE(n) || r.recs.length < 3 || files.some(([m]) => m.startsWith(`${n}.`))) {
      out.push(e ? [n, t, e] : [n, t]);
      continue;
    }
    any = true;
    const half = Math.ceil(r.recs.length / 2);
    const older = `${join_({ head: r.head, recs: r.recs.slice(0, half) })}\n`;
    out.push([`${n}.1`, older], [`${n}.1.gz`, older, 'gzip'], [n, `${join_({ head: [], recs: r.recs.slice(half) })}\n`]);
  }
  return any ? out : undefined;
};

/**
 * The same log pasted (or concatenated, `cat waagent.log waagent.log.1 > all.txt` run twice) twice into one file: every
 * log's whole text, then the same text again. Cause-neutral: the records are the same events; nothing happened twice.
 */
export const pastedTwice: Perturbation = eachFile((n, text) => {
  if (!recordsOf(text).recs.length) return undefined;
  const body = text.replace(/\n+$/, '');
  return `${body}\n${body}\n`;
});

/**
 * The copy ends in the middle of the log's last record: its last line cut at half its length, no line end (a copy
 * limited by size from the start, a paste cut off by the ticket's field). Not neutral: the last record may be the
 * failure's, so the answer may lose confidence or the cause; it may never gain a cause the whole log did not give.
 */
export const lastRecordCut: Perturbation = eachFile((_, text) => {
  const body = text.replace(/\n+$/, '');
  const at = body.lastIndexOf('\n') + 1;
  const last = body.slice(at);
  if (!recordsOf(text).recs.length || last.trim().length < 8) return undefined;
  return body.slice(0, at) + last.slice(0, Math.ceil(last.length / 2));
});

/**
 * The agent updated itself (or its ExtHandler restarted) inside the failure window: its start-up records
 * (`agentUpdateHead`: 2.1.6's launch in the 2.2.0–2.2.45 era, 2.2.46's "running as process" and slice in the ISO era;
 * the Windows agent's start, `windowsAgentStart`, in WaAppAgent.log of its `[MM/DD/YYYY]` era) among the log's last
 * records (`restartSlot`); not where the bundle names a newer agent. Neutral but for agent-outdated (the lines name an agent):
 * the failure is written after the restart, so the restart did not end it.
 */
export const agentRestartedInWindow: Perturbation = (files) => {
  const linux = eachFile((n, text) => {
    if (!isWaagent(n)) return undefined;
    const last = recordsOf(text).recs.at(-1);
    const era = last && eraOf(last.stamp);
    if (!era || namesNewerAgent(files, agentUpdateHead(era))) return undefined;
    return restartSlot(recordsOf(text)) === undefined ? undefined : insertedAt(text, agentUpdateHead(era), restartSlot);
  })(files);
  if (linux || namesNewerWindowsAgent(files)) return linux;
  return eachFile((n, text) => (isWaAppAgent(n) && restartSlot(recordsOf(text)) !== undefined ? intoWaAppAgent((era) => (era === 'bracket' ? windowsAgentStart() : undefined), (r) => restartSlot(r)!)([[n, text]])?.[0][1] : undefined))(files);
};

/**
 * Where a restart fits among the log's last ten records: a third into the widest gap between two of them, when it is
 * a second or more (the start-up's records are 10 ms apart; a restart takes longer than the milliseconds between two
 * records of one pass, and its records must all fall before the failure's last one).
 */
function restartSlot(r: Records): number | undefined {
  const tail = r.recs.slice(-10);
  let best: [number, number] | undefined;
  for (let i = 1; i < tail.length; i++) if (!best || tail[i].t - tail[i - 1].t > best[1] - best[0]) best = [tail[i - 1].t, tail[i].t];
  return best && best[1] - best[0] >= 1000 ? best[0] + Math.floor((best[1] - best[0]) / 3) : undefined;
}

/**
 * Harmless errors of other, unrelated extensions the agent logs in the failure window, by era. ISO era (2025 agents):
 * systemd dropping the agent's D-Bus call while it set the Custom Script extension's slice (neg-waagent-e2e-cgw-systemd-bus-transient,
 * the WALinuxAgent maintainers' list of errors their tests ignore) and the monitor thread failing to read the Azure
 * Monitor agent's cgroup (neg-waagent-e2e-systemd-run-fallback-cgroup-paths, the same list); 2.2.0–2.2.45 era: the Custom Script extension's "Failed to set state" while it installs (neg-waagent-530, the
 * maintainer: "unnecessary error").
 */
export const OTHER_EXTENSION_NOISE: Block[] = [
  {
    name: 'neg-waagent-e2e CustomScript slice error',
    era: 'iso',
    lines: () => linesOf('neg-waagent-e2e-cgw-systemd-bus-transient', 'waagent.log', (_, i) => i === 2 || i === 3),
  },
  { name: 'neg-waagent-e2e Azure Monitor agent metrics warning', era: 'iso', lines: () => linesOf('neg-waagent-e2e-systemd-run-fallback-cgroup-paths', 'waagent.log', (l) => l.includes('cgroup azuremonitor-coreagent')) },
  { name: 'neg-waagent-530 CustomScript failed to set state', era: 'slash', lines: () => linesOf('neg-waagent-530-failed-to-set-state-new-extension', 'waagent.log', (l) => l.includes('Failed to set state')) },
];

/**
 * A VSS 8194 error another backup product's run left in the Application log (win-neg-duplicati-287: "Unexpected error
 * querying for the IVssWriterCallback interface … Access is denied", harmless) five minutes before the bundle's newest
 * record, as an Event Viewer text export of its own (`Date:` in the VM's wall time; Azure Windows images run in UTC).
 * Windows bundles with a timed log; not where the bundle holds an Application export already. Cause-neutral: the
 * event names neither the Backup extension nor its snapshot.
 */
export const vss8194NearFailure: Perturbation = (files) => {
  const newest = newestOf(files)?.t;
  if (newest === undefined || files.some(([n]) => /application/i.test(n))) return undefined;
  const d = new Date(newest - 5 * 60_000);
  const h = d.getUTCHours();
  const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
  const text = readFileSync(join(CASES_DIR, 'win-neg-duplicati-287-vss-8194-writer-callback', 'files', 'Application.txt'), 'utf8');
  return [...files, ['Application.txt', text.replace(/^(Date:\s+).*$/m, `$1${date}`)]];
};

// ---- the agent's log level, the VM's time zone, leftovers and names (helper reason23) ----

/**
 * The agent's verbose poll of its goal state, by era, as `Logs.Verbose=y` writes it: 2.2.0–2.2.45, the five records of
 * one poll answered 200 (neg-waagent-759, Azure/WALinuxAgent#759: "Get extension handler config", the GET, "HTTP
 * response status: [200]", "Load GoalState.xml", "Handle extensions updates for incarnation 6"); ISO era, the daemon's
 * certificate GET and its 200 (waagent-3489, Azure/WALinuxAgent#3489, its two VERBOSE records).
 */
function verbosePoll(era: Era): string[] {
  return era === 'iso'
    ? linesOf('waagent-3489-rhel9-fips-pfx-to-pem-des-ede3', 'waagent.log', (l) => / VERBOSE /.test(l))
    : linesOf('neg-waagent-759-verbose-goal-state-poll-200', 'waagent.log', (l) => l.trim() !== '');
}

/**
 * The customer set `Logs.Verbose=y` and restarted the agent halfway through the log: from its middle record on, one
 * verbose poll (`verbosePoll`, 10 ms a record) a third into each gap of a second or more between two records
 * (at most 200). waagent.log of either era. Not neutral where the failure is the agent's (the poll is answered 200,
 * which a delivery failure's log would not hold): the test applies it where the failure lies past the agent and to
 * negatives, as `collectedNextDay`.
 */
export const verboseFromMidway: Perturbation = eachFile((n, text) => {
  if (!isWaagent(n)) return undefined;
  const r = recordsOf(text.replace(/\n+$/, ''));
  const last = r.recs.at(-1);
  const era = last && eraOf(last.stamp);
  if (!era) return undefined;
  const poll = verbosePoll(era);
  let added = 0;
  const recs: Records['recs'] = [];
  r.recs.forEach((x, i) => {
    recs.push(x);
    const next = r.recs[i + 1];
    if (i < Math.floor(r.recs.length / 2) || !next || next.t - x.t < 1000 || added >= 200) return;
    const at = x.t + Math.floor((next.t - x.t) / 3);
    recs.push({ t: at, stamp: x.stamp, lines: retimed(poll, x.stamp, (k) => at + k * 10) });
    added++;
  });
  return added ? `${join_({ head: r.head, recs })}\n` : undefined;
});

/** The leading `Mon DD HH:MM:SS` of a syslog or journal line, moved by `delta` ms (the record it relays keeps its own stamps). */
function syslogShifted(line: string, delta: number): string {
  const style = STYLES[4];
  style.re.lastIndex = 0;
  const m = style.re.exec(line);
  return m ? style.format(style.parse(m) + delta, m) + line.slice(m[0].length) : line;
}

/**
 * The VM's clock is set to Japan Standard Time (UTC+9, as the Microsoft Japan support blog's VMs are): syslog and
 * the journal stamp their lines in it, while waagent.log and the extension's ISO stamps stay UTC. Every leading
 * syslog/journal stamp of every file moved by +9 h, the records they relay unchanged. Cause-neutral.
 */
export const syslogInLocalTime: Perturbation = eachFile((_, text) => {
  const lines = text.split('\n');
  if (!lines.some((l) => leading(l)?.style === STYLES[4])) return undefined;
  return lines.map((l) => syslogShifted(l, 9 * HOUR)).join('\n');
});

/**
 * Daylight saving time ended halfway through the VMSnapshot extension.log of a VM on local time: from its middle
 * record on, every stamp of its VM-local lines (`VM_LOCAL_LINE`) an hour earlier (the wall clock went back from 03:00
 * to 02:00), its UTC lines unchanged. Cause-neutral: the wall clock of one log says nothing of the cause.
 */
export const dstEndedInExtensionLog: Perturbation = eachFile((n, text) => {
  if (!/(^|\/)extension\.log$/.test(n) || !text.split('\n').some((l) => VM_LOCAL_LINE.test(l))) return undefined;
  const r = recordsOf(text);
  if (r.recs.length < 2) return undefined;
  const cut = Math.ceil(r.recs.length / 2);
  r.recs = r.recs.map((x, i) => (i < cut ? x : { ...x, lines: x.lines.map((l) => (VM_LOCAL_LINE.test(l) ? shifted(l, -HOUR) : l)) }));
  return join_(r);
});

/**
 * The handler folder of an extension removed long ago left in /var/lib/waagent, with the error status its last enable
 * wrote (waagent-713's `status/0.status`, Azure/WALinuxAgent#713: the LinuxAsm extension 2.2.3, "Enable ASM failed: OS
 * is not supported"), its `timestampUTC` thirty days before the bundle's oldest record. Linux bundles with a timed log;
 * not where the bundle names LinuxAsm. Cause-neutral: a month-old status of an extension no longer there.
 */
export const oldHandlerFolderLeft: Perturbation = (files) => {
  const oldest = oldestOf(files);
  if (oldest === undefined || files.some(([n, t]) => /LinuxAsm/i.test(n) || /LinuxAsm/i.test(t))) return undefined;
  const status = readFileSync(join(CASES_DIR, 'waagent-713-linuxasm-enable-os-not-supported', 'files', '0.status'), 'utf8');
  const when = new Date(oldest - 30 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
  return [...files, ['var/lib/waagent/Microsoft.Azure.Extensions.LinuxAsm-2.2.3/status/0.status', status.replace(/"timestampUTC": "[^"]*"/, `"timestampUTC": "${when}"`)]];
};

/**
 * Each file downloaded twice from the ticket by a browser, which names the second copy `name (1).ext` (Chrome, Edge:
 * before the last extension), and only that copy handed on: `waagent (1).log`, `extension (1).log`. Cause-neutral.
 */
export const browserDownloadName: Perturbation = (files) =>
  files.length ? files.map(([n, t, e]): Files[number] => {
    const named = n.replace(/([^/]+?)(\.[^./]*)?$/, (_, stem: string, ext?: string) => `${stem} (1)${ext ?? ''}`);
    return e ? [named, t, e] : [named, t];
  }) : undefined;

/**
 * logrotate ran just before the bundle was collected: each agent or Backup extension log is `<log>.1` whole, and
 * `<log>` is there but empty (created by logrotate's `create`, nothing written yet). Not where a `<log>.1` is
 * already there. Cause-neutral.
 */
export const rotatedJustBefore: Perturbation = (files) => {
  let any = false;
  const out: Files = [];
  for (const [n, t, e] of files) {
    if (e || !ROTATABLE(n) || !recordsOf(t).recs.length || files.some(([m]) => m === `${n}.1`)) {
      out.push(e ? [n, t, e] : [n, t]);
      continue;
    }
    any = true;
    out.push([`${n}.1`, t], [n, '']);
  }
  return any ? out : undefined;
};

/**
 * Copied out of a ticket or a web page that shows the log as text, not as code (a rendered e-mail, a portal comment):
 * HTML collapses every run of spaces and tabs to one space and drops those at a line's start and end. Every file
 * (a status file's JSON stays JSON). No word changes, only the space between words; but PowerShell's Format-List
 * nests by indentation, which is gone (win-learn-features-windows-instance-view-cse-failed: its failed extension no
 * longer found, nothing said), so not neutral: the answer may lose a cause, never gain one or grow surer.
 */
export const whitespaceCollapsed: Perturbation = eachFile((_, text) => text.replace(/[ \t]+/g, ' ').replace(/^ | (?=\r?$)/gm, ''));

/** A private IPv4 address (RFC 1918), the kind a customer masks before posting; Azure's fixed addresses are public. */
const PRIVATE_IP = /\b(?:10\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])|192\.168)\.\d{1,3}\.\d{1,3}\b/g;
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * Masked by the customer before it was posted, as GitHub issues and forum threads show them: every GUID (subscription,
 * container, task and request ids alike) as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` and every private IP address as
 * `x.x.x.x`; Azure's fixed addresses (168.63.129.16, 169.254.169.254) are public and left. Every file. Cause-neutral:
 * an id tells one task or request from another, never what went wrong.
 */
export const maskedByCustomer: Perturbation = eachFile((_, text) => text.replace(GUID, 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx').replace(PRIVATE_IP, 'x.x.x.x'));

/** The words a `grep -iE` for trouble keeps (what tickets paste as "the errors in waagent.log"). */
const TROUBLE = /error|fail|warn|exception|timeout|timed out/i;

/**
 * Only the log's lines about trouble, as `grep -iE 'error|fail|warn|exception|timeout'` prints them: each log (a file
 * with time-stamped records) keeps its lines that name trouble and loses the rest, the goal states processed, the
 * heartbeats, the successes among them. Not where it keeps all or none. Not neutral: what the agent did fine is gone,
 * so the answer may lose a cause; it may never gain one, nor say one surer than the whole log did.
 */
export const troubleLinesOnly: Perturbation = eachFile((_, text) => {
  if (recordsOf(text).recs.length < 2) return undefined;
  const lines = text.split('\n');
  const kept = lines.filter((l) => TROUBLE.test(l));
  return kept.length && kept.length < lines.filter((l) => l.trim()).length ? `${kept.join('\n')}\n` : undefined;
});

/**
 * Every line of each log prefixed by where it came from, as a search over the folder prints it and tickets paste it:
 * `grep -rn '' /var/log/waagent.log /var/log/azure/…` on Linux (`/var/log/waagent.log:12:2023-…`), Select-String on
 * Windows (`C:\WindowsAzure\Logs\WaAppAgent.log:12:[00000007] …`). Each log (a file with time-stamped records), every
 * line kept, blank ones too, all in one text. Not neutral where the reader does not strip the prefix: a line it cannot
 * read is lost, so the answer may lose a cause; it may never gain one, nor say one surer than the plain files did.
 */
export function searchOutput(platform: 'linux' | 'windows'): Perturbation {
  const pathOf = (n: string) => (platform === 'windows' ? `C:\\WindowsAzure\\Logs\\${n.replace(/\//g, '\\')}` : n.startsWith('var/') ? `/${n}` : `/var/log/${n}`);
  // one search over the folder prints every log it reads into one text (a paste, a saved `grep.txt`); the state files
  // (a status, a goal state) are no search's output and come beside it as they are
  return (files) => {
    const searched: string[] = [];
    const rest: Files = [];
    for (const f of files) {
      const [n, text, encoding] = f;
      if (encoding || recordsOf(text).recs.length < 2) {
        rest.push(f);
        continue;
      }
      const lines = text.split('\n');
      const end = lines.at(-1) === '' ? lines.length - 1 : lines.length;
      searched.push(...lines.slice(0, end).map((l, i) => `${pathOf(n)}:${i + 1}:${l}`));
    }
    return searched.length ? [...rest, [platform === 'windows' ? 'select-string.txt' : 'grep.txt', `${searched.join('\n')}\n`]] : undefined;
  };
}

// ---- time zones of event exports, the new year, an older success (helper reason25) ----

/**
 * The agent's own restart for its update (win-neg-jpaztech-rdagent-7031-agent-update, Microsoft Japan's support blog:
 * RdAgent's 7031 "terminated unexpectedly", then its 7036 "running"), as the System export of a VM whose clock runs
 * on another zone than UTC (Tokyo, +9 h: the restart was nine hours before the failure; Pacific, −8 h: eight hours
 * after, before the bundle was collected): Event Viewer prints the VM's wall time, so its `日付` (the blog's
 * `yyyy/mm/dd hh:mm:ss` placeholder, filled in the same form) reads five minutes before the bundle's newest record.
 * Windows bundles with a timed log and no System export of their own. Cause-neutral: an export's wall time cannot
 * tie an event to the failure within hours, and a restart followed by the service running is the agent's update.
 */
export const agentRestartInVmZone: Perturbation = (files) => {
  const newest = newestOf(files)?.t;
  if (newest === undefined || files.some(([n]) => /system/i.test(n))) return undefined;
  const d = new Date(newest - 5 * 60_000);
  const text = readFileSync(join(CASES_DIR, 'win-neg-jpaztech-rdagent-7031-agent-update', 'files', 'System-events.txt'), 'utf8');
  return [...files, ['System-events.txt', text.replace(/yyyy\/mm\/dd hh:mm:ss/g, `${ymd(d, '/')} ${hms(d)}`)]];
};

/**
 * `vss8194NearFailure`'s export saved on a machine set to British English: Event Viewer prints `Date:` day first and
 * in 24 hours (`19/10/2010 06:17:16`), five minutes before the bundle's newest record. Cause-neutral, as that.
 */
export const vss8194DayFirst: Perturbation = (files) => {
  const newest = newestOf(files)?.t;
  if (newest === undefined || files.some(([n]) => /application/i.test(n))) return undefined;
  const d = new Date(newest - 5 * 60_000);
  const date = `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${hms(d)}`;
  const text = readFileSync(join(CASES_DIR, 'win-neg-duplicati-287-vss-8194-writer-callback', 'files', 'Application.txt'), 'utf8');
  return [...files, ['Application.txt', text.replace(/^(Date:\s+).*$/m, `$1${date}`)]];
};

/** A stamp's time, a yearless syslog one read in `year` (it was read in 2001). */
const realTime = (s: Stamp, year: number) => (s.style === STYLES[4] ? Date.UTC(year, new Date(s.t).getUTCMonth(), new Date(s.t).getUTCDate(), ...([3, 4, 5].map((k) => +s.m[k]) as [number, number, number])) : s.t);

/**
 * The failure happened across New Year's midnight: every time stamp of every file (the syslog's and the journal's
 * yearless ones too, read in the bundle's year) moved by the same amount, so the middle of the bundle's time range
 * falls on the nearest 1 January 00:00:00 UTC (at most half a year away). The year turns inside the story: a syslog
 * line of `Jan  1` follows one of `Dec 31`. Not moved: Event Viewer exports, shell `date` stamps, .NET ticks
 * (perturb.ts's head). Bundles whose time range is under 300 days. Cause-neutral.
 */
export const newYearInside: Perturbation = (files) => {
  const own = oldestOf(files);
  const year = own === undefined ? 2001 : new Date(own).getUTCFullYear();
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, t] of files) for (const x of recordsOf(t).recs) [lo, hi] = [Math.min(lo, realTime(x.stamp, year)), Math.max(hi, realTime(x.stamp, year))];
  if (!Number.isFinite(lo) || hi - lo > 300 * DAY) return undefined;
  const mid = Math.floor((lo + hi) / 2);
  const y = new Date(mid).getUTCFullYear();
  const [prev, next] = [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  const delta = (next - mid < mid - prev ? next : prev) - mid;
  if (delta === 0) return undefined;
  return eachFile((_, text) =>
    text
      .split('\n')
      .map((line) => {
        let out = line;
        for (const s of stamps(line).reverse()) out = replaceAt(out, s, s.style.format(realTime(s, year) + delta, s.m));
        return out;
      })
      .join('\n'),
  )(files);
};

/**
 * The backup worked the night before the failure, as the Linux logs say it: the troubleshooting guide's enable
 * (waagent.log) and its freeze-snapshot-thaw run ending "run_status - success" (the Backup extension's extension.log),
 * `backupSucceededLater`'s lines, a day before the bundle's oldest record, at the start of each of those logs the
 * bundle holds timed, in its own stamp style. Cause-neutral: an older success says nothing of tonight's failure; the
 * latest run decides, and the latest is the failure.
 */
export const backupSucceededNightBefore: Perturbation = (files) => {
  const oldest = oldestOf(files);
  if (oldest === undefined) return undefined;
  const sources: [(n: string, t: string) => boolean, string, string, (t: string) => Stamp | undefined][] = [
    [(n) => isWaagent(n), 'neg-tsg-waagent-vmsnapshotlinux-enable', 'waagent.log', () => undefined],
    [isBackupLog, 'neg-tsg-vmsnapshotlinux-extension-log-normal-backup', 'extension.log', handlerStamp],
  ];
  return eachFile((n, text) => {
    const src = sources.find(([is]) => is(n, text));
    const r = recordsOf(text);
    const like = src && (src[3](text) ?? r.recs[0]?.stamp);
    if (!src || !like || like.style === STYLES[4]) return undefined;
    const add = stampedFrom(linesOf(src[1], src[2], (l) => l.trim() !== ''), like, oldest - DAY);
    return [...r.head, ...add, ...r.recs.flatMap((x) => x.lines)].join('\n');
  })(files);
};

/**
 * The same on Windows: the guide's VMSnapshot enable in WaAppAgent.log (`windowsBackupEnabledNightBefore`) and
 * win-neg-tsg's completed snapshot ("DoSnapshot=complete") a day before the bundle's oldest record, at the start of
 * the bundle's IaaSBcdrExtension.log or as the VM's own (not another folder's, as `healthyFileBeside` puts it).
 * Cause-neutral, as that.
 */
export const windowsBackupSucceededNightBefore: Perturbation = (files) => {
  const oldest = oldestOf(files);
  if (oldest === undefined) return undefined;
  const lines = linesOf('win-neg-tsg-vmsnapshot-snapshot-complete', 'IaaSBcdrExtension.log', (l) => l.trim() !== '');
  const first = lines.map((l) => stamps(l)[0]).find((x) => x);
  if (!first) return undefined;
  const add = lines.map((l) => shifted(l, oldest - DAY - first.t));
  const out = windowsBackupEnabledNightBefore(files) ?? files;
  const log = out.find(([n]) => /(^|\/)IaaSBcdrExtension\.log$/.test(n));
  if (log) return out.map(([n, t]): [string, string] => [n, n === log[0] ? `${add.join('\n')}\n${t}` : t]);
  return [...out, ['IaaSBcdrExtension.log', `${add.join('\n')}\n`]];
};

/**
 * The scary but harmless records of the healthy VMs: from each negative case's waagent.log (each cites the thread or
 * the agent's source that says the line is harmless), its ERROR and WARNING records with their continuation lines,
 * as a block of that log's era; not a case whose records name an agent version (agent-outdated would move, as
 * `BENIGN_BLOCKS` says). Put in by `withBlock`, before the last record. Cause-neutral: a line a healthy VM writes is
 * no cause of this VM's failure, and no reason to be surer of another.
 */
export function negativeScaryBlocks(): Block[] {
  const out: Block[] = [];
  for (const id of readdirSync(CASES_DIR).filter((d) => d.startsWith('neg-')).sort()) {
    let text: string;
    try {
      text = readFileSync(join(CASES_DIR, id, 'files', 'waagent.log'), 'utf8');
    } catch {
      continue;
    }
    const recs = recordsOf(text.replace(/\n+$/, '')).recs.filter((x) => /^\s*(ERROR|WARNING|WARN)\b/.test(x.lines[0].slice(x.stamp.m.index + x.stamp.m[0].length)));
    const era = recs[0] && eraOf(recs[0].stamp);
    const lines = recs.flatMap((x) => x.lines.filter((l) => l.trim() !== ''));
    if (!era || !recs.every((x) => eraOf(x.stamp) === era) || versionsIn(lines.join('\n')).length) continue;
    out.push({ name: `${id} ERROR/WARNING records`, era, lines: () => lines });
  }
  return out;
}

// ---- the bundle as it travelled: through Windows, a mail gateway, a paste, an archive (helper reason26) ----

/**
 * A Linux bundle copied through a Windows machine (a ticket's attachment opened and saved in Notepad, a `git` checkout
 * with autocrlf): every text file's line ends CRLF. Not where a file already has CRLF. Cause-neutral: no word changes.
 */
export const crlfLineEnds: Perturbation = (files) => {
  let any = false;
  const out = files.map(([n, t, e]): Files[number] => {
    if (e || t.includes('\r\n') || !t.includes('\n')) return e ? [n, t, e] : [n, t];
    any = true;
    return [n, t.replace(/\n/g, '\r\n')];
  });
  return any ? out : undefined;
};

/**
 * Passed through a mail gateway or a ticket system that lets only `.txt` attachments through: each file whose name does
 * not end in `.txt` gets `.txt` after its own name (`waagent.log.txt`, `extension.log.1.txt`, `0.status.txt`), its
 * folders kept. Cause-neutral: the name's end is the system's, the content the VM's.
 */
export const ticketTxtNames: Perturbation = (files) =>
  files.some(([n]) => !/\.txt$/i.test(n)) ? files.map(([n, t, e]): Files[number] => [/\.txt$/i.test(n) ? n : `${n}.txt`, t, ...(e ? [e] : [])] as Files[number]) : undefined;

/**
 * Pasted into a ticket or a chat that wraps at `width` columns and keeps the wraps as line ends (a terminal's copy of a
 * wrapped screen, an 80-column mail): every line longer than `width` is cut into pieces of `width` characters, each
 * piece on a line of its own. Every file but state files (JSON, XML, .status: pasted as attachments, not as text). Not
 * neutral: a signature split over two lines may be lost, so the answer may lose a cause or confidence; never gain one.
 */
export function wrappedAt(width: number): Perturbation {
  return eachFile((n, text) => {
    if (/\.(json|xml|status|settings)$/i.test(n)) return undefined;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    let any = false;
    const out = text.split(eol).flatMap((l) => {
      if (l.length <= width) return [l];
      any = true;
      return Array.from({ length: Math.ceil(l.length / width) }, (_, k) => l.slice(k * width, (k + 1) * width));
    });
    return any ? out.join(eol) : undefined;
  });
}

/**
 * Handed in twice: the customer's `logs.zip` and the folder it was extracted into, side by side (the engineer
 * unpacked the ticket's zip and chose the parent folder). Cause-neutral, and one VM: the same bytes read twice.
 */
export const zipBesideFolder: Perturbation = (files) => {
  if (!files.length || files.some(([n]) => /\.zip$/i.test(n))) return undefined;
  const zipped = zipSync(Object.fromEntries(files.map((f) => [`logs/${f[0]}`, new Uint8Array(Buffer.from(bytesOf(f)))])));
  return [...files.map(([n, t, e]): Files[number] => [`logs/${n}`, t, ...(e ? [e] : [])] as Files[number]), ['logs.zip', Buffer.from(zipped).toString('base64'), 'zip']];
};

/**
 * A Windows VM whose clock runs on a zone far from UTC (Tonga, Samoa, New Zealand's summer: UTC+13; Baker Island's
 * UTC−12, the zone a wrong region setting gives): agents up to 2.7 write WaAppAgent.log's `[MM/DD/YYYY hh:mm:ss.ff]`
 * heads in the VM's local time (docs/formats.md), so each head reads `offsetHours` from UTC, across the date line,
 * while an ISO head (`…Z`) and the other files keep UTC. Where the bundle's WaAppAgent.log has such heads.
 * Cause-neutral: the zone moves the agent's clock, not what it did.
 */
export function waAppAgentInZone(offsetHours: number): Perturbation {
  return eachFile((n, text) => {
    if (!isWaAppAgent(n)) return undefined;
    let any = false;
    const out = text.split('\n').map((l) => {
      const s = leading(l);
      if (!s || s.style !== STYLES[3]) return l;
      any = true;
      return replaceAt(l, s, s.style.format(s.t + offsetHours * HOUR, s.m));
    });
    return any ? out.join('\n') : undefined;
  });
}

/**
 * logrotate ran just before the bundle was collected, with `compress` and no `delaycompress`: each agent or Backup
 * extension log is `<log>.1.gz` whole, and `<log>` is there but empty. Not where a `<log>.1` or `.gz` is already
 * there. Cause-neutral, as `rotatedJustBefore`.
 */
export const rotatedCompressedJustBefore: Perturbation = (files) => {
  let any = false;
  const out: Files = [];
  for (const [n, t, e] of files) {
    if (e || !ROTATABLE(n) || !recordsOf(t).recs.length || files.some(([m]) => m.startsWith(`${n}.`) || m.startsWith(`${n}-`))) {
      out.push(e ? [n, t, e] : [n, t]);
      continue;
    }
    any = true;
    out.push([`${n}.1.gz`, t, 'gzip'], [n, '']);
  }
  return any ? out : undefined;
};

// ---- a file alone, pasted through a mail or a chat, numbered by the tool that printed it (helper perturb33) ----

/** A state file (JSON, XML, a .status or .settings): attached as it is, never pasted as text. */
const isStateFile = (n: string) => /\.(json|xml|status|settings)$/i.test(n);

/**
 * One file of the bundle handed in alone (the `k`th in name order), as users attach the one file they found, not the
 * bundle: the agent's log without the extension's, a status file without either. Where the bundle has two files or
 * more. Not neutral: what the other files told is gone, so the answer may lose confidence or its cause, or say
 * nothing; it may never put another cause first above low, nor say anything above low of a healthy VM.
 */
export function fileAlone(k: number): Perturbation {
  return (files) => (files.length > 1 && k < files.length ? [files[k]] : undefined);
}

/** Each log of the files (not a state file), changed line by line by `change`; undefined where it changed none. */
function eachLogLine(change: (line: string, eol: string) => string): Perturbation {
  return eachFile((n, text) => {
    if (isStateFile(n)) return undefined;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return text
      .split(eol)
      .map((l) => change(l, eol))
      .join(eol);
  });
}

/**
 * Copied out of Teams or another chat that renders the log as HTML and copies what it renders: every space of every
 * line a no-break space (U+00A0, UTF-8 `C2 A0`). Logs only (a state file is an attachment). Cause-neutral in what it
 * says, but a reader that does not take U+00A0 for a space loses lines: the answer may lose a cause, never gain one.
 */
export const nbspEverywhere: Perturbation = eachLogLine((l) => l.replaceAll(' ', '\u00a0'));

/**
 * Pasted in two pieces, the first from a terminal, the second from Teams: the spaces of the second half of each log's
 * lines no-break spaces, the first half's left. So what shows the paste was dressed lies past its head.
 */
export const nbspFromMidway: Perturbation = eachFile((n, text) => {
  if (isStateFile(n)) return undefined;
  const lines = text.split('\n');
  const half = Math.floor(lines.length / 2);
  return [...lines.slice(0, half), ...lines.slice(half).map((l) => l.replaceAll(' ', '\u00a0'))].join('\n');
});

/**
 * Pasted into an HTML mail (Outlook): a run of spaces survives only as `&nbsp;` entities and a last plain space, so in
 * every run of two or more spaces all but the last become U+00A0, and so does a line's leading space; lines with single
 * spaces only are left as they were (the extension.log's `  Info  ` changes, the agent's `INFO ExtHandler` does not).
 */
export const nbspInRuns: Perturbation = eachLogLine((l) => l.replace(/^ +| {2,}/g, (run) => (run.length > 1 ? `${'\u00a0'.repeat(run.length - 1)} ` : '\u00a0')));

/**
 * Pasted into a plain-text mail sent as format=flowed (RFC 3676; Thunderbird, Apple Mail) and read as plain text (a
 * ticket system stores the body): every line longer than 76 columns is broken at its last space within them, the space
 * kept at the piece's end (a soft break), the rest going on, without a time stamp, on the next line; a word longer
 * than the line is not broken. Logs only. Not neutral: a signature split over two lines may be lost; the answer may
 * lose a cause or confidence, never gain one.
 */
export const flowedAt76: Perturbation = eachLogLine((line, eol) => {
  const out: string[] = [];
  let rest = line;
  while (rest.length > 76) {
    const cut = rest.lastIndexOf(' ', 75);
    if (cut <= 0) break;
    out.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  out.push(rest);
  return out.join(eol);
});

/**
 * Each log printed with its lines numbered and saved or pasted so (`cat -n waagent.log > waagent.txt`, a terminal's
 * copy): `cat -n` puts every line's number right-aligned in six columns and a TAB before it, blank lines too; `nl`
 * (its default `-b t`) numbers only the lines that are not empty and gives an empty one seven spaces. Each log (a file
 * with time-stamped records), its name kept. Cause-neutral: the numbers are the printing tool's, not the VM's.
 */
export function numberedBy(tool: 'cat -n' | 'nl'): Perturbation {
  return eachFile((n, text) => {
    if (isStateFile(n) || recordsOf(text).recs.length < 2) return undefined;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(eol);
    const end = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    let k = 0;
    const numbered = lines.slice(0, end).map((l, i) => (tool === 'cat -n' ? `${String(i + 1).padStart(6)}\t${l}` : l === '' ? ' '.repeat(7) : `${String(++k).padStart(6)}\t${l}`));
    return [...numbered, ...lines.slice(end)].join(eol);
  });
}
