import type { AgentLifecycleFact, AgentVersionFact, ConnectivityFact, DiskSpaceFact, Evidence, OsReleaseFact, ProbeFact } from '../../../shared';
import { factDetail, msg } from '../../../shared/i18n/analysis';
import { probeNote } from '../../../shared/probe-note';
import { parseIsoLike } from '../../../shared/time';
import { EXTHANDLER_COMMAND } from '../../../shared/formats/system';
import { readWaagentVersion, WAAGENT_VERSION_HEAD, WAAGENT_VERSION_MORE } from './waagent-version';

/**
 * The agent's service and the system around it, as service managers and system commands print them:
 * `systemctl status` blocks, journal / syslog lines about the unit, the agent failing to start at
 * import, firewall listings that drop 168.63.129.16, `curl` to WireServer timing out, `df` output.
 * Shared by the system-log parser (syslog, messages, journal exports) and the command-output parser
 * (terminal transcripts and sosreport command outputs). Every pattern is linear.
 */

/** The agent's unit under every name distributions give it. */
const UNIT = String.raw`(?:walinuxagent|waagent)\.service`;

/**
 * The agent's rc script on FreeBSD and its derivatives (WALinuxAgent init/freebsd/waagent: `name="waagent"`, run by
 * rc.subr; installed in /etc/rc.d, by the port in /usr/local/etc/rc.d). rc.subr's run_rc_command reports a start that
 * failed through warn(), `$0: WARNING: $*` on stderr and to syslog by logger (freebsd-src libexec/rc/rc.subr):
 * `/etc/rc.d/waagent: WARNING: failed to start waagent` (dmauser/opnazure#35, OPNsense whose python went from 3.8 to
 * 3.9: `env: python: No such file or directory` first), `… failed precmd routine for waagent`, `… run_rc_command: cannot
 * run /usr/local/sbin/waagent`; and `status` prints `waagent is not running.` or `waagent is running as pid 1234.`
 */
const RC_DOWN = String.raw`(?:/usr/local)?/etc/rc\.d/waagent: WARNING: (?:failed to start waagent|failed precmd routine for waagent|run_rc_command: cannot run \S+)|^\s{0,4}waagent is not running\.`;
const RC_UP = String.raw`^\s{0,4}waagent is running as pid \d+`;
/**
 * The SysV init script's start (WALinuxAgent init/waagent and init/gaia/waagent: `echo -n "Starting $FriendlyName: "`, then
 * `waagent -start`, whose output follows on the same line) printing the agent's own traceback: the agent died before it
 * could detach (Azure/WALinuxAgent#952, RHEL 6.7 after /usr/bin/python was replaced: `Starting AzureLinuxAgent: Traceback
 * (most recent call last):`). The 2.0 scripts named it WindowsAzureLinuxAgent, SUSE's MicrosoftAzureLinuxAgent.
 */
const INIT_START_CRASH = String.raw`^\s{0,4}Starting (?:Windows|Microsoft)?AzureLinuxAgent:? ?Traceback \(most recent call last\)`;
/** A journal / syslog line (or an rc script's output) about the agent's unit going down, or coming up. */
const UNIT_DOWN = new RegExp(
  String.raw`${RC_DOWN}|${INIT_START_CRASH}|${UNIT}:? (?:Main process exited, code=\w+, status=(?!0\/SUCCESS)\S+|Failed with result '[^']{1,40}'|Start request repeated too quickly|Unit entered failed state|Failed at step \w+ spawning \S+: [^\n]{0,200}|Failed to execute command: [^\n]{0,200}|failed\.)|Unit ${UNIT} entered failed state|Failed to start (?:Microsoft )?(?:Azure Linux Agent|WindowsAzureLinuxAgent|LSB: WindowsAzureLinuxAgent)|Stopped (?:Microsoft )?(?:Azure Linux Agent|WindowsAzureLinuxAgent|LSB: WindowsAzureLinuxAgent)`,
);
const UNIT_UP = new RegExp(
  String.raw`${RC_UP}|Started (?:Microsoft )?(?:Azure Linux Agent|WindowsAzureLinuxAgent|LSB: WindowsAzureLinuxAgent)|(?:walinuxagent|waagent)\.service: Succeeded|\bwaagent\[\d{1,10}\]: \d{4}[/-]\d\d[/-]\d\d[T ]\d\d:\d\d:\d\d\S* (?:INFO|WARNING|ERROR|VERBOSE) `,
);
/**
 * systemd gave up on ending the agent's service: SIGKILL left processes behind, which only a process stuck in the
 * kernel (uninterruptible sleep) survives (Azure/WALinuxAgent#2674, RHEL 7.9: the agent hung until the VM restarted).
 * systemd's service.c words it `<unit> still around after [final ]SIGKILL` (v219, RHEL 7) and `<unit>: Processes still
 * around after [final ]SIGKILL` (later releases).
 */
const UNIT_UNKILLABLE = new RegExp(String.raw`${UNIT}:? (?:Processes )?still around after (?:final )?SIGKILL`);
/** The agent's own code cannot load (a broken Python installation or package): the daemon dies at start. */
const AGENT_IMPORT = /No module named '?azurelinuxagent/;
/**
 * The daemon cannot load its configuration file: `AgentConfigError` "Missing configuration in <path>" /
 * "Failed to load conf file:<path>", or a traceback through `load_conf_from_file` (conf.py). The agent
 * reads the file before it opens waagent.log, so this is only ever in the journal or on the console
 * (Azure/WALinuxAgent#934; coreos/bugs#1755: the image did not create the file).
 */
const AGENT_CONF = /Missing configuration in \S|Failed to load conf file:|\bin load_conf_from_file\b/;

/**
 * The interpreter the agent's start runs is not there: `env: python: No such file or directory` (dmauser/opnazure#35:
 * OPNsense's rc script runs `env python` and the upgrade to Python 3.9 left no `python`; GNU env quotes the name,
 * `/usr/bin/env: 'python3': …`, read as latin1 its curly quotes are three characters). Group: the command.
 */
const NO_INTERPRETER = /\benv: \W{0,3}(python[\d.]{0,6})\W{0,3}: No such file or directory/;
/**
 * systemd could not run the unit's program, `<unit>: Failed at step EXEC spawning /usr/bin/python: No such file or
 * directory` (systemd's exec failure, every release; Azure/WALinuxAgent#2699: an RHEL 8 package's unit ran
 * /usr/bin/python, which RHEL 8 does not have). A python it names is the agent's interpreter. Group: the program.
 */
const EXEC_NO_INTERPRETER = /Failed at step EXEC spawning (\S{0,200}?python[\d.]{0,6}): No such file or directory/;
/** Lines an interpreter's failure may come before the start failure it causes (the rc script's warning is next). */
const CAUSE_LINES = 3;

/** Start of a `systemctl status` block for the agent's unit, and its fields. */
// (the bullet is multi-byte: read as latin1 by the log parsers it is up to three characters)
const STATUS_HEAD = new RegExp(String.raw`^\s{0,4}(?:\S{1,3}\s{1,2})?(${UNIT})(?: -|$)`);
const STATUS_LOADED = /^\s{0,12}Loaded: (loaded|not-found|masked|error)\b(?: \([^;)]{0,200}(?:; (enabled|disabled|static|masked|indirect|generated))?)?/;
const STATUS_ACTIVE = /^\s{0,12}Active: (active|inactive|failed|activating|deactivating|reloading)(?: \(([^)]{0,60})\))?/;
/**
 * The time the unit entered its state, after `since` on the Active line, as systemctl writes it (format_timestamp:
 * `%a %Y-%m-%d %H:%M:%S %Z`, then `; <relative> ago`): `since Sun 2022-08-14 15:12:35 UTC; 6s ago` (jpaztech, RHEL 8.6),
 * `since Tue 2017-06-20 06:52:14 UTC; 3min 5s ago` (Azure/WALinuxAgent#767, Debian 8), `since Fri 2017-09-01 12:47:46
 * AST; 1h 37min ago` (#871), `since 三 2017-08-16 17:37:56 CST; 1s ago` (#842: systemd before v240 printed the weekday
 * in the locale's words); `--timestamp=us` adds `.123456`, `--timestamp=utc` writes UTC, `--timestamp=unix` `@1660489955`;
 * the weekday or the zone left out as a pasted line may have them. Groups: date, time, fraction, zone; or epoch seconds.
 */
const STATUS_SINCE = / since (?:@(\d{9,11})\b|(?:[^\s\d]{1,12} )?(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(?: ([A-Za-z]{1,6}|[+-]\d\d(?::?\d\d)?))?(?=;|\s|$))/;

/**
 * How long ago the unit entered its state, as systemd writes it after the time (format_timestamp_relative: `6s ago`,
 * `3min 5s ago`, `1h 37min ago`, `1d 2h ago`, `2w 3d ago`, `1 month 12 days ago`, `3 years 1 month ago`).
 */
const STATUS_AGO = /; ((?:\d{1,9} ?(?:years?|months?|days?|w|d|h|min|s|ms|us) ){1,3})ago\b/;
const AGO_PART = /(\d{1,9}) ?(years?|months?|days?|w|d|h|min|s|ms|us)\b/g;
/** systemd's units in ms (time-util.h: a month is 30.44 days, a year 365.25). */
const AGO_MS: Record<string, number> = { year: 31_557_600_000, years: 31_557_600_000, month: 2_629_800_000, months: 2_629_800_000, w: 604_800_000, day: 86_400_000, days: 86_400_000, d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000, ms: 1, us: 0.001 };

/**
 * When a `systemctl status` Active line says the unit entered its state: epoch ms and whether that is UTC (`UTC`, `GMT`,
 * a numeric offset, an epoch) or the VM's wall clock read as UTC (a zone's abbreviation, which names no one offset:
 * CST is China's and the US's, AST Arabia's and the Atlantic's; or no zone at all). Undefined without a time.
 */
export function statusSince(line: string): { ms: number; zone: 'utc' | 'local' } | undefined {
  const m = STATUS_SINCE.exec(line);
  if (!m) return undefined;
  if (m[1]) return { ms: Number(m[1]) * 1000, zone: 'utc' };
  return sinceOf(m);
}

/**
 * When `systemctl status` was run, as its Active line tells: the time the unit entered its state plus how long ago that
 * was (to within the relative time's last unit). Undefined without both.
 */
export function statusPrinted(line: string): { ms: number; zone: 'utc' | 'local' } | undefined {
  const since = statusSince(line);
  const ago = STATUS_AGO.exec(line)?.[1];
  if (!since || !ago) return undefined;
  let ms = 0;
  for (const p of ago.matchAll(AGO_PART)) ms += Number(p[1]) * AGO_MS[p[2]];
  return { ms: since.ms + Math.round(ms), zone: since.zone };
}

function sinceOf(m: RegExpExecArray): { ms: number; zone: 'utc' | 'local' } | undefined {
  const wall = parseIsoLike(`${m[2]} ${m[3]}${m[4] ? `.${m[4]}` : ''}`);
  if (!Number.isFinite(wall)) return undefined;
  const zone = m[5];
  if (zone && /^(?:UTC|GMT|UCT|Z)$/i.test(zone)) return { ms: wall, zone: 'utc' };
  const off = zone && /^([+-])(\d\d):?(\d\d)?$/.exec(zone);
  if (off) return { ms: wall - (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3] ?? 0)) * 60_000, zone: 'utc' };
  return { ms: wall, zone: 'local' };
}

/** iptables -L / iptables-save / nft rules that drop or reject traffic to or from 168.63.129.16. */
const FW_DROP = /\b(?:DROP|REJECT|drop|reject)\b[^\n]{0,300}\b168\.63\.129\.16\b|\b168\.63\.129\.16\b[^\n]{0,300}(?:-j (?:DROP|REJECT)|\b(?:drop|reject)\b)/;
/**
 * A shell prompt (`root@vm:~# `, `[user@vm ~]$ `): in a terminal transcript, what follows is the next command's
 * output, not the status block before it.
 */
const PROMPT = /^(?:[\w.-]{1,64}@[\w.-]{1,64}[^\n]{0,200}?[#$](?: |$)|\[[^\]\n]{1,100}@[^\]\n]{1,100}\][#$](?: |$))/;

/** The agent's own rule set lets root (the agent) through and drops everyone else: that is not a block. */
const FW_ROOT_ACCEPT = /(?:owner UID match 0\b|--uid-owner 0\b|skuid 0\b)/;
/** `curl` to WireServer printing no HTTP code, or timing out. */
const CURL_WIRESERVER = /\bcurl\b[^\n]{0,200}168\.63\.129\.16/;
const CURL_FAILED = /^(?:000|Timeout|curl: \(\d{1,3}\)[^\n]{0,200})\s*$/;
/** curl's own error naming the host (`curl: (7) Failed to connect to 168.63.129.16 port 80: Connection timed out`, and since
 * 7.75 `… port 80 after 130826 ms: …`): output, not a second command, though it holds the address. */
const CURL_NAMES_HOST = /^\s*curl: \(\d{1,3}\)[^\n]{0,200}\b168\.63\.129\.16\b/;

/** `df` rows: `Filesystem 1K-blocks Used Available Use% Mounted on` or the inode form (`df -i`). */
const DF_ROW = /^(\S{1,200})\s+(\d+(?:\.\d+)?[KMGTP]?)\s+(\d+(?:\.\d+)?[KMGTP]?)\s+(\d+(?:\.\d+)?[KMGTP]?)\s+(\d{1,3})%\s+(\/\S{0,200})\s*$/;
const DF_INODE_HEAD = /^Filesystem\s+Inodes\s+IUsed\s+IFree\s+IUse%/;
const DF_HEAD = /^Filesystem\s+(?:1K-blocks|Size|1M-blocks|\d+-blocks)\s/;

/**
 * The second a line was logged in: its time, or its own stamp where the year is unknown (`Oct 06 09:36:44`, a journal's
 * short format); '' without either.
 */
function secondOf(text: string, timeMs: number): string {
  if (Number.isFinite(timeMs)) return String(Math.floor(timeMs / 1000));
  return /^(?:[A-Z][a-z]{2} [ \d]\d |\d{4}-\d\d-\d\d[T ]|\d{4}\/\d\d\/\d\d )?\d\d:\d\d:\d\d/.exec(text)?.[0] ?? '';
}

/** The evidence of a line; `zone`, the zone of `timeMs` where it is not the file's. */
export type LineEvidence = (line: number, text: string, timeMs: number, zone?: 'utc' | 'local') => Evidence;

export type ServiceFact = ProbeFact | ConnectivityFact | DiskSpaceFact | OsReleaseFact | AgentVersionFact | AgentLifecycleFact;

/**
 * Reads the lines of one file and collects the facts: call `line()` for each line, then `finish()`.
 * Unit events are judged at the end: only a unit that is down at the file's end (its last event a
 * failure, its last status block not active) yields `agent-service` probes that are not ok.
 */
export class ServiceStateReader {
  private readonly facts: ServiceFact[] = [];
  /** Down events since the last up event. */
  private down: { at: Evidence; timeMs: number; detail: string; cause?: { at: Evidence; timeMs: number; text: string; interpreter: string } }[] = [];
  /** The last line saying the agent's interpreter is missing (NO_INTERPRETER), a start failure's cause when right before it. */
  private noInterpreter: { line: number; at: Evidence; timeMs: number; text: string; interpreter: string } | null = null;
  private up: { at: Evidence; timeMs: number; detail: string } | null = null;
  /** The second the agent's processes last outlived SIGKILL in, and whether the unit has not come up since. */
  private unkillableSecond = '';
  private unkillableSinceUp = false;
  /** The unit was started in that same second (its lines may come in either order). */
  private startedThatSecond = false;
  private inStatus = false;
  private statusUnit = '';
  private statusLoaded: { state: string; enabled?: string } | null = null;
  /** When the open status block was printed (its Active line's time plus how long ago), when it says. */
  private statusPrinted: { ms: number; zone: 'utc' | 'local' } | undefined = undefined;
  private statusFacts: ProbeFact[] = [];
  /** Lines of the status blocks read so far: [first, last + 1) each, the open one ending at Infinity. */
  private readonly blocks: number[] = [];
  private fwDrops: { at: Evidence; timeMs: number; text: string }[] = [];
  private fwRootAccept = false;
  private curlPending: { timeMs: number } | null = null;
  private dfInodes = false;
  private dfSeen = false;
  private confError: { at: Evidence; timeMs: number; text: string } | null = null;
  /** `waagent --version` output being read: its lines so far (it prints three). */
  private version: { at: Evidence; timeMs: number; text: string; lines: number } | null = null;

  constructor(private readonly ev: LineEvidence) {}

  line(text: string, lineNo: number, timeMs = NaN): void {
    const t = text.length > 2000 ? text.slice(0, 2000) : text;
    // cheap gates first: this runs on every line of system logs that reach hundreds of MB
    if (this.inStatus || t.includes('.service')) this.statusLine(t, lineNo, timeMs);
    if (!this.inStatus && t.includes('-run-exthandlers')) this.processLine(t, lineNo, timeMs);
    // (before the unit's failure on the same line is read: it is that failure's cause)
    if (t.includes('EXEC spawning')) {
      const m = EXEC_NO_INTERPRETER.exec(t);
      if (m) this.noInterpreter = { line: lineNo, at: this.ev(lineNo, t, timeMs), timeMs, text: t.trim().slice(0, 300), interpreter: m[1] };
    }
    if (t.includes('.service') || t.includes('Azure') || t.includes('waagent') || t.includes('azurelinuxagent')) {
      if (AGENT_CONF.test(t)) this.confError = { at: this.ev(lineNo, t, timeMs), timeMs, text: t.trim().slice(0, 300) };
      if (UNIT_UNKILLABLE.test(t)) {
        this.facts.push({ kind: 'agent-lifecycle', event: 'unkillable', detail: t.trim().slice(0, 300), at: this.ev(lineNo, t, timeMs), timeMs });
        this.unkillableSecond = secondOf(t, timeMs);
        this.unkillableSinceUp = true;
        this.startedThatSecond = false;
      }
      if (UNIT_DOWN.test(t) || AGENT_IMPORT.test(t)) {
        const cause = this.noInterpreter && lineNo - this.noInterpreter.line <= CAUSE_LINES ? this.noInterpreter : undefined;
        this.down.push({ at: this.ev(lineNo, t, timeMs), timeMs, detail: t.trim().slice(0, 300), ...(cause ? { cause } : {}) });
        // a failure in a later second, after the unit was started again, is a failure of its own
        if (this.startedThatSecond && secondOf(t, timeMs) !== this.unkillableSecond) this.unkillableSinceUp = false;
      } else if (UNIT_UP.test(t)) {
        this.up = { at: this.ev(lineNo, t, timeMs), timeMs, detail: t.trim().slice(0, 300) };
        this.down = [];
        // (a start in the same second may be logged before the stop it follows)
        if (secondOf(t, timeMs) !== this.unkillableSecond) this.unkillableSinceUp = false;
        else this.startedThatSecond = true;
      }
    }
    if (t.includes('No such file or directory') && t.includes('env: ')) {
      const m = NO_INTERPRETER.exec(t);
      if (m) this.noInterpreter = { line: lineNo, at: this.ev(lineNo, t, timeMs), timeMs, text: t.trim().slice(0, 300), interpreter: m[1] };
    }
    if (t.includes('168.63.129.16') && !CURL_NAMES_HOST.test(t)) {
      if (FW_ROOT_ACCEPT.test(t) && /\b(?:ACCEPT|accept)\b/.test(t)) this.fwRootAccept = true;
      else if (FW_DROP.test(t) && !/^\s*(?:#|curl\b)/.test(t)) this.fwDrops.push({ at: this.ev(lineNo, t, timeMs), timeMs, text: t.trim().slice(0, 300) });
      if (CURL_WIRESERVER.test(t)) this.curlPending = { timeMs };
    } else if ((this.curlPending && t.trim() !== '') || CURL_NAMES_HOST.test(t)) {
      // the line after the command is what curl printed: no HTTP code (000), a timeout, or a code; an error that names
      // 168.63.129.16 itself is the check's result even where the command line was not pasted
      const out = t.trim();
      // the evidence is what curl printed (the proof), at the command's time where the command was pasted
      const when = this.curlPending?.timeMs ?? timeMs;
      const at = this.ev(lineNo, t, when);
      if (CURL_FAILED.test(out)) this.facts.push({ kind: 'connectivity', endpoint: 'wireserver', ok: false, url: 'http://168.63.129.16/', ...factDetail(msg('detail.curl-failed', { output: out.slice(0, 100) })), at, timeMs: when });
      else if (/^[1-5]\d\d$/.test(out)) this.facts.push({ kind: 'connectivity', endpoint: 'wireserver', ok: true, url: 'http://168.63.129.16/', ...factDetail(msg('detail.curl-answered', { status: out })), at, timeMs: when });
      this.curlPending = null;
    }
    this.dfLine(t, lineNo, timeMs);
    if (this.version) {
      if (this.version.lines < 3 && WAAGENT_VERSION_MORE.test(t)) {
        this.version.text += `\n${t}`;
        this.version.lines++;
        return;
      }
      this.versionOutput();
    }
    if (t.startsWith('WALinuxAgent-')) {
      const os = WAAGENT_VERSION_HEAD.exec(t);
      if (os) {
        const at = this.ev(lineNo, t, timeMs);
        this.facts.push({ kind: 'os-release', id: os[1].toLowerCase(), versionId: os[2], prettyName: `${os[1]} ${os[2]}`, at, timeMs });
        this.version = { at, timeMs, text: t, lines: 1 };
      }
    }
  }

  /**
   * `waagent --version` pasted or in a transcript: the same probe fact as the command run over SSH (ssh/probes.ts),
   * so the goal-state agent it names is the agent's version to the analysis; timed only if its first line was.
   */
  private versionOutput(): void {
    const v = this.version;
    this.version = null;
    const data = v && readWaagentVersion(v.text);
    if (!v || !data) return;
    const note = probeNote('waagent-version', true, data);
    this.facts.push({ kind: 'probe', probe: 'waagent-version', ok: true, ...(note ? factDetail(note) : { detail: '' }), data: { ...data }, at: v.at, timeMs: v.timeMs });
  }

  /**
   * The goal-state agent's ExtHandler in a process listing outside a status block (`ps`, pstree, systemd-cgls, the bare
   * command): the agent running when the listing was taken, which a listing does not say. Untimed (unless its line
   * is), it names the goal-state agent only where no timed line does (latestGoalStateAgent) and is never the agent that
   * ran at the failure (goalStateAgentAt): the agent updates itself, so a newer one now leaves the one then unknown.
   */
  private processLine(t: string, lineNo: number, timeMs: number): void {
    const m = EXTHANDLER_COMMAND.exec(t);
    if (m) this.facts.push({ kind: 'agent-version', role: 'goal-state-agent', version: m[1], at: this.ev(lineNo, t.trim(), timeMs), timeMs });
  }

  /**
   * Whether line `lineNo` (read already) lies in a `systemctl status` block of the agent's unit: there the journal
   * lines are the unit's last few (ten by default), an excerpt whose gaps are lines left out, not a quiet agent.
   */
  inStatusBlock(lineNo: number): boolean {
    const b = this.blocks;
    // facts come in line order, so the last blocks are the ones asked about
    for (let k = b.length - 2; k >= 0; k -= 2) if (b[k] <= lineNo) return lineNo < b[k + 1];
    return false;
  }

  private statusLine(t: string, lineNo: number, timeMs: number): void {
    const head = STATUS_HEAD.exec(t);
    if (head) {
      if (this.inStatus) this.blocks[this.blocks.length - 1] = lineNo;
      this.blocks.push(lineNo, Infinity);
      this.inStatus = true;
      this.statusUnit = head[1];
      this.statusLoaded = null;
      this.statusPrinted = undefined;
      return;
    }
    if (!this.inStatus) return;
    if (t.trim() === '' || /^\s{0,4}\S{1,3}\s{1,2}\S{1,200}\.service\b/.test(t) || PROMPT.test(t)) {
      this.inStatus = false;
      this.blocks[this.blocks.length - 1] = lineNo;
      return;
    }
    // a process of the unit's CGroup tree: `└─1023 python3 -u bin/WALinuxAgent-2.12.0.2-py3.9.egg -run-exthandlers`
    // (tp-nuage, Ubuntu 22.04), `└─26361 python -u bin/WALinuxAgent-2.2.15-py2.7.egg -run-exthandlers` (#871)
    const exthandler = t.includes('-run-exthandlers') ? EXTHANDLER_COMMAND.exec(t) : null;
    if (exthandler) {
      // the running ExtHandler names the goal-state agent, as `waagent --version` does (agent-outdated), at the time
      // the status was printed; the evidence from the process id on (the tree's glyphs are not ASCII)
      const when = Number.isFinite(timeMs) ? { ms: timeMs, zone: 'utc' as const } : this.statusPrinted;
      const text = t.slice(t.search(/\d/));
      this.facts.push({ kind: 'agent-version', role: 'goal-state-agent', version: exthandler[1], at: this.ev(lineNo, text, when?.ms ?? NaN, when?.zone), timeMs: when?.ms ?? NaN });
      return;
    }
    const loaded = STATUS_LOADED.exec(t);
    if (loaded) {
      this.statusLoaded = { state: loaded[1], ...(loaded[2] ? { enabled: loaded[2] } : {}) };
      if (loaded[1] !== 'loaded') this.statusFacts.push({ kind: 'probe', probe: 'agent-service', ok: false, ...factDetail(msg('detail.service-not-loaded', { unit: this.statusUnit, state: loaded[1] })), at: this.ev(lineNo, t, timeMs), timeMs });
      return;
    }
    const active = STATUS_ACTIVE.exec(t);
    if (!active) return;
    const state = active[1];
    const sub = active[2] ?? '';
    const ok = state === 'active' && (sub === '' || sub === 'running' || sub === 'exited');
    const disabled = !ok && this.statusLoaded?.enabled === 'disabled';
    const since = statusSince(t);
    this.statusPrinted = statusPrinted(t);
    this.statusFacts.push({
      kind: 'probe',
      probe: 'agent-service',
      ok,
      ...factDetail(msg('detail.service-status', { unit: this.statusUnit, state, ...(sub ? { sub } : {}), disabled })),
      ...(since ? { data: { sinceMs: since.ms, sinceZone: since.zone } } : {}),
      at: this.ev(lineNo, t, timeMs),
      timeMs,
    });
  }

  private dfLine(t: string, lineNo: number, timeMs: number): void {
    if (!this.dfSeen && !t.startsWith('Filesystem')) return;
    if (DF_INODE_HEAD.test(t)) {
      this.dfInodes = true;
      this.dfSeen = true;
      return;
    }
    if (DF_HEAD.test(t)) {
      this.dfInodes = false;
      this.dfSeen = true;
      return;
    }
    if (!this.dfSeen) return;
    const m = DF_ROW.exec(t);
    if (!m) return;
    const mount = m[6];
    if (mount !== '/' && mount !== '/var' && !mount.startsWith('/var/')) return;
    const used = Number(m[5]);
    this.facts.push({
      kind: 'disk-space',
      mount,
      usedPercent: used,
      full: used >= 100,
      ...factDetail(msg('detail.df', { inodes: this.dfInodes, mount, used, row: t.trim().replace(/\s+/g, ' ').slice(0, 200) })),
      at: this.ev(lineNo, t, timeMs),
      timeMs,
    });
  }

  /** The facts of the file. */
  finish(): ServiceFact[] {
    this.versionOutput();
    const out: ServiceFact[] = [...this.facts];
    // the latest status block says how the unit is now; journal events say how it ended
    const lastStatus = this.statusFacts[this.statusFacts.length - 1];
    if (lastStatus) out.push(...this.statusFacts.filter((f) => f.ok === lastStatus.ok).slice(-3));
    // a unit that failed because its processes outlived SIGKILL is not an agent that stopped: they are still there, hung
    // (the lifecycle event says so, agent-unresponsive reads it)
    if (this.down.length && !(lastStatus && lastStatus.ok) && !this.unkillableSinceUp) {
      for (const d of this.down.slice(-5)) out.push({ kind: 'probe', probe: 'agent-service', ok: false, ...factDetail(msg('detail.service-down', { line: d.detail })), at: d.at, timeMs: d.timeMs });
      // why the start failed, where the lines right before it say: last, so it is what a finding quotes
      const cause = this.down.at(-1)?.cause;
      if (cause) out.push({ kind: 'probe', probe: 'agent-service', ok: false, ...factDetail(msg('detail.interpreter-missing', { line: cause.text, interpreter: cause.interpreter })), at: cause.at, timeMs: cause.timeMs });
    }
    else if (this.up && !lastStatus) out.push({ kind: 'probe', probe: 'agent-service', ok: true, ...factDetail(msg('detail.service-started', { line: this.up.detail })), at: this.up.at, timeMs: this.up.timeMs });
    // why it is down, when the journal says so: last, so it is what a finding quotes
    const down = out.some((f) => f.kind === 'probe' && f.probe === 'agent-service' && f.ok === false);
    if (this.confError && (down || !this.up || this.confError.timeMs > this.up.timeMs))
      out.push({ kind: 'probe', probe: 'agent-service', ok: false, ...factDetail(msg('detail.conf-missing', { line: this.confError.text })), at: this.confError.at, timeMs: this.confError.timeMs });
    if (!this.fwRootAccept)
      for (const d of this.fwDrops.slice(-3))
        out.push({ kind: 'connectivity', endpoint: 'wireserver', ok: false, url: 'http://168.63.129.16/', ...factDetail(msg('detail.firewall-drop', { rule: d.text })), at: d.at, timeMs: d.timeMs });
    return out;
  }
}
