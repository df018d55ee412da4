import type { AgentLineReader } from '../waagent';
import { newHead, readHead, type RecordHead } from '../waagent/records';
import { CONSOLE_BANNER, CONSOLE_LOGIN_PROMPT, SUPERVISORD_AGENT_HEADER, SUPERVISORD_LINE } from '../../../shared/formats/system';
import { syslogStampEnd } from './syslog-stamp';
import { isDigit } from '../bytes';

/**
 * The agent's records as syslog and the journal relay them (docs/formats.md "System logs and release files").
 * The agent logs to waagent.log and to stdout (azurelinuxagent/agent.py), so under systemd every record also
 * reaches the journal and syslog behind a prefix, its traceback frames too:
 *
 *   Oct 30 00:00:12 recboxlogdb python3[1654075]: 2022-10-30T00:00:12.833653Z WARNING ExtHandler Agent …   (#2695)
 *   Oct 30 00:00:12 recboxlogdb python3[1654075]:   File "/usr/lib/python3/dist-packages/azurelinuxagent/…
 *
 * The prefix is read from bytes (this runs on every line of syslogs of hundreds of MB, most not the agent's):
 * a time (`Mon DD HH:MM:SS[.ffffff]` or ISO), an optional host, then the identifier of the agent's process —
 * its interpreter or its own name (`python`, `python3`, `python3.9`, `platform-python`, `waagent`,
 * `WALinuxAgent`) — with or without `[pid]`. What follows `: ` goes to the waagent.log reader unchanged, at its
 * real offset and line, so records, continuation lines and facts are read exactly as in waagent.log.
 *
 * Under supervisord (the agent's container) the agent's stdout reaches supervisord's own log in chunks, each behind
 * a header line and no prefix (`%(asctime)s %(levelname)s %(name)r %(channel)s output:\n%(data)s`, supervisor
 * dispatchers.py and options.py; always at DEBG there):
 *
 *   2017-06-17 22:20:18,229 DEBG 'walinuxagent' stdout output:                                         (#770)
 *   2017/06/17 22:20:18.227894 INFO Ensuring Agent WALinuxAgent-2.2.13 is downloaded
 *
 * A header naming the agent's program (stdout or stderr) makes the lines up to supervisord's next line the agent's;
 * the empty line the format adds after a chunk that ended its line is skipped. A chunk may end inside a line: its
 * rest then opens the next chunk and is read as a continuation line, as the reader reads any line without a head.
 *
 * A line quoted without its syslog header keeps the tag (`python: 2020-08-06T07:11:47.785201Z INFO …`, #1973): read
 * the same way; the time is the agent's own, so nothing is lost but the host.
 *
 * A serial console (`console`: formats/system.ts KERNEL_ON_CONSOLE) has the agent's records with no prefix at all,
 * among the kernel's, systemd's and cloud-init's lines: a record of the agent's format starts a run of its lines,
 * any line without a console writer's `[` (`[  12.345678] …`, `[  OK  ] …`) continues it, and one with it ends the
 * run; a record behind a getty's prompt (`vm1 login: 2017/12/08 01:24:19.945575 INFO …`, Azure/WALinuxAgent#965) is
 * read from its time.
 */

/**
 * A line another writer put on the console: the kernel's (`[  273.540003] …`), systemd's status (`[  OK  ] Started …`,
 * `[FAILED]`, its progress `[  *** ]`), any in colour. The agent's own lines may start with `[` too (`[stdout]`).
 */
// eslint-disable-next-line no-control-regex
const CONSOLE_WRITER = /^(?:\x1b\[|\[(?: {0,12}\d{1,12}\.\d{1,9}\]|\s{0,2}(?:OK|FAILED|DEPEND|TIME)\s{0,2}\]|[ *]{6}\]))/;

/** No record of the agent read yet. */
const NONE = -2;
/** The identifier had no `[pid]`. */
const NO_PID = -1;

/** Quoted lines remembered (a quote is a few lines; a log never has them). */
const MAX_QUOTED = 100_000;
const SP = 0x20;
const COLON = 0x3a;
const AGENT_IDENT = /^(?:(?:platform-)?python[\d.]{0,6}|waagent|walinuxagent)$/i;

export class RelayedAgentLines {
  /** pid of the process that wrote the current record (its continuation lines come from the same process). */
  private pid = NONE;
  private linePid = NO_PID;
  /** The line being read had no syslog header (set by `messageStart`). */
  private headerlessLine = false;
  /** Inside a chunk of the agent's output in supervisord's log. */
  private supervised = false;
  /**
   * Until the file's first line of another shape, its lines may be the end of a chunk of the agent's output whose
   * header was cut off (an excerpt of supervisord's log, #770's as posted; a range of a split one): a run of lines
   * that starts with a record of the agent's own format is the agent's, up to supervisord's next line.
   */
  private orphan: 'maybe' | 'run' | 'off' = 'maybe';
  private readonly head = newHead();
  /** Lines read without a syslog header (quoted from a log, not the log: an excerpt). */
  private readonly quoted = new Set<number>();

  /** Inside a run of the agent's lines on a serial console. */
  private consoleRun = false;
  /** The console's line just read started one of the agent's records. */
  private consoleRecord = false;

  constructor(
    private readonly reader: AgentLineReader,
    private readonly console = false,
  ) {}

  /** One physical line of the relaying log; returns whether it was the agent's. */
  line(buf: Buffer, start: number, end: number, lineNo: number, offset: number, byteLength: number, cut: boolean): boolean {
    if (this.console) return this.consoleLine(buf, start, end, lineNo, offset, byteLength, cut);
    if (this.supervisordLine(buf, start, end)) {
      const text = buf.toString('latin1', start, Math.min(end, start + 200));
      if (SUPERVISORD_LINE.test(text)) {
        this.supervised = SUPERVISORD_AGENT_HEADER.test(text);
        this.orphan = 'off';
        return false;
      }
    }
    if (this.orphan !== 'off' && this.orphanLine(buf, start, end)) {
      if (end === start) return false;
      this.reader.line(buf, start, end, lineNo, offset, byteLength, cut);
      return true;
    }
    if (this.supervised) {
      if (end === start) return false;
      this.reader.line(buf, start, end, lineNo, offset, byteLength, cut);
      return true;
    }
    const ms = this.messageStart(buf, start, end);
    if (ms < 0) return false;
    // a record starts with its time (a digit); any other line continues the record of the same process: other
    // programs run by the same interpreter interleave their lines
    if (!(ms < end && isDigit(buf[ms]))) {
      if (this.pid !== NONE && this.linePid !== this.pid) return false;
    }
    this.pid = this.linePid;
    if (this.headerlessLine && this.quoted.size < MAX_QUOTED) this.quoted.add(lineNo);
    const skip = ms - start;
    this.reader.line(buf, ms, end, lineNo, offset + skip, byteLength - skip, cut);
    return true;
  }

  /** The head of the agent's record the serial console's line just read started, if it started one (its time, its level). */
  recordStarted(): Readonly<RecordHead> | undefined {
    return this.consoleRecord ? this.head : undefined;
  }

  finish(): void {
    this.reader.finish();
  }

  /** Whether line `lineNo` was the agent's, quoted without its syslog header (its heartbeats end no gap). */
  quotedLine(lineNo: number): boolean {
    return this.quoted.has(lineNo);
  }

  /** A serial console's line (see `console`): passed on from where the agent's text starts when it is the agent's. */
  private consoleLine(buf: Buffer, start: number, end: number, lineNo: number, offset: number, byteLength: number, cut: boolean): boolean {
    let at = start;
    if (end > start && !isDigit(buf[start]) && buf[start] !== 0x5b) {
      // `vm1 login: ` before a record
      const text = buf.toString('latin1', start, Math.min(end, start + 80));
      const prompt = CONSOLE_LOGIN_PROMPT.exec(text);
      if (prompt && isDigit(buf[start + prompt[0].length])) at = start + prompt[0].length;
    }
    this.consoleRecord = isDigit(buf[at]) && readHead(buf, at, end, this.head) && this.head.era !== 'unknown';
    if (this.consoleRecord) this.consoleRun = true;
    else if (this.consoleRun && end > start && this.consoleWriter(buf, start, end)) this.consoleRun = false;
    if (!this.consoleRun) return false;
    const skip = at - start;
    this.reader.line(buf, at, end, lineNo, offset + skip, byteLength - skip, cut);
    return true;
  }

  /** Whether another writer than the agent wrote the line (CONSOLE_WRITER, a getty's banner or prompt). */
  private consoleWriter(buf: Buffer, start: number, end: number): boolean {
    const c = buf[start];
    if (c === 0x5b || c === 0x1b) return CONSOLE_WRITER.test(buf.toString('latin1', start, Math.min(end, start + 40)));
    if (end - start > 160) return false;
    const text = buf.toString('latin1', start, end);
    return CONSOLE_BANNER.test(text) || CONSOLE_LOGIN_PROMPT.test(text);
  }

  /**
   * Whether a line before the file's first line of another shape is the agent's (see `orphan`): a record of a known
   * era of the agent's format starts the run (a syslog's `2021-07-19T14:41:39.830627+00:00 host …` is none: no level
   * after its time), any line continues it; the first other line ends the chance for good.
   */
  private orphanLine(buf: Buffer, start: number, end: number): boolean {
    if (end === start) return this.orphan === 'run';
    if (isDigit(buf[start]) && readHead(buf, start, end, this.head) && this.head.era !== 'unknown') {
      this.orphan = 'run';
      return true;
    }
    // (a syslog's own line, `Oct 30 00:00:12 host …`, `déc. 13 12:00:47 host …`, ends the run)
    const syslogHead = syslogStampEnd(buf, start, end) >= 0;
    if (this.orphan === 'run' && !syslogHead) return true;
    this.orphan = 'off';
    return false;
  }

  /** Whether the line may be supervisord's own (`2017-06-17 22:20:18,229 `): bytes first, most lines are not. */
  private supervisordLine(buf: Buffer, start: number, end: number): boolean {
    return end - start > 28 && buf[start + 4] === 0x2d && buf[start + 10] === SP && buf[start + 19] === 0x2c && isDigit(buf[start]);
  }

  /** Where the agent's text starts behind a syslog/journal prefix of the agent's process, or -1. */
  private messageStart(buf: Buffer, start: number, end: number): number {
    let i = start;
    const c = buf[i];
    let timed = true;
    this.headerlessLine = false;
    // `Oct 30 00:00:12`, `déc. 13 12:00:47` (the locale's month, syslog-stamp.ts; journalctl's short-precise adds
    // `.833653`)
    const stamp = c >= 0x30 && c <= 0x39 ? -1 : syslogStampEnd(buf, start, end);
    // (no C month starts with p or w, and a locale's that does, Polish `paź`, Czech `pro`, has the time behind it)
    if (stamp < 0 && ((c | 0x20) === 0x70 || (c | 0x20) === 0x77)) return this.headerless(buf, start, end);
    if (stamp >= 0) {
      if (end - stamp < 5) return -1;
      i = stamp;
      if (buf[i] === 0x2e) {
        i++;
        while (i < end && isDigit(buf[i])) i++;
      }
    } else if (isDigit(c)) {
      // `2021-07-19T14:41:39.830627+00:00` (rsyslog) / `2022-10-30T00:00:12+0000` (journalctl -o short-iso)
      if (end - i < 24 || buf[i + 4] !== 0x2d || buf[i + 10] !== 0x54) return -1;
      const stop = Math.min(end, i + 40);
      i += 19;
      while (i < stop && buf[i] !== SP) i++;
    } else if (c === SP) {
      // a paste that lost the time (` python3[1291]: 2020/09/25 07:23:46.795804 ERROR ExtHandler …`, #2024)
      timed = false;
      this.headerlessLine = true;
    } else return -1;
    if (timed && buf[i] !== SP) return -1;
    while (i < end && buf[i] === SP && i - start < 64) i++;
    // the host, then the identifier; or the identifier alone
    let e = this.wordEnd(buf, i, end);
    if (e < 0) return -1;
    if (buf[e - 1] !== COLON) {
      if (!timed) return -1;
      i = e;
      while (i < end && buf[i] === SP && i - start < 320) i++;
      e = this.wordEnd(buf, i, end);
      if (e < 0 || buf[e - 1] !== COLON) return -1;
    }
    if (!this.agentIdent(buf, i, e - 1, timed)) return -1;
    return e < end && buf[e] === SP ? e + 1 : e;
  }

  /**
   * A line that lost the whole syslog header and kept the tag (`python: 2020-08-06T07:11:47.785201Z INFO ExtHandler
   * ExtHandler [HEARTBEAT] …`, Azure/WALinuxAgent#1973; `python3[1291]: …`, `WALinuxAgent: …`): the agent's text
   * behind the tag, or -1. Without a pid only an agent's record time behind the tag tells the agent's line, or a
   * line of the same untagged process that one started (its traceback).
   */
  private headerless(buf: Buffer, start: number, end: number): number {
    const e = this.wordEnd(buf, start, end);
    if (e < 0 || buf[e - 1] !== COLON || !this.agentIdent(buf, start, e - 1, true)) return -1;
    const ms = e < end && buf[e] === SP ? e + 1 : e;
    if (this.linePid === NO_PID && !(ms < end && isDigit(buf[ms])) && this.pid !== NO_PID) return -1;
    this.headerlessLine = true;
    return ms;
  }

  /** End of the word at `i` (at most 256 bytes), or -1. */
  private wordEnd(buf: Buffer, i: number, end: number): number {
    const stop = Math.min(end, i + 256);
    let e = i;
    while (e < stop && buf[e] !== SP) e++;
    return e > i && (e < stop || e === end) ? e : -1;
  }

  /** `python3[1654075]` / `waagent` in `buf[s, e)`: the agent's process; notes its pid. */
  private agentIdent(buf: Buffer, s: number, e: number, timed: boolean): boolean {
    const c = buf[s] | 0x20;
    if (c !== 0x70 && c !== 0x77) return false;
    let nameEnd = e;
    this.linePid = NO_PID;
    if (buf[e - 1] === 0x5d) {
      let open = e - 2;
      while (open > s && buf[open] !== 0x5b) open--;
      if (open <= s || e - 1 - open < 2 || e - 1 - open > 11) return false;
      let pid = 0;
      for (let k = open + 1; k < e - 1; k++) {
        if (!isDigit(buf[k])) return false;
        pid = pid * 10 + buf[k] - 0x30;
      }
      this.linePid = pid;
      nameEnd = open;
    } else if (!timed) return false;
    return nameEnd - s <= 24 && AGENT_IDENT.test(buf.toString('latin1', s, nameEnd));
  }
}
