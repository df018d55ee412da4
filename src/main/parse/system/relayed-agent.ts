import type { AgentLineReader } from '../waagent';

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
 */

/** No record of the agent read yet. */
const NONE = -2;
/** The identifier had no `[pid]`. */
const NO_PID = -1;

const SP = 0x20;
const COLON = 0x3a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const AGENT_IDENT = /^(?:(?:platform-)?python[\d.]{0,6}|waagent|walinuxagent)$/i;

export class RelayedAgentLines {
  /** pid of the process that wrote the current record (its continuation lines come from the same process). */
  private pid = NONE;
  private linePid = NO_PID;

  constructor(private readonly reader: AgentLineReader) {}

  /** One physical line of the relaying log; returns whether it was the agent's. */
  line(buf: Buffer, start: number, end: number, lineNo: number, offset: number, byteLength: number, cut: boolean): boolean {
    const ms = this.messageStart(buf, start, end);
    if (ms < 0) return false;
    // a record starts with its time (a digit); any other line continues the record of the same process: other
    // programs run by the same interpreter interleave their lines
    if (!(ms < end && isDigit(buf[ms]))) {
      if (this.pid !== NONE && this.linePid !== this.pid) return false;
    }
    this.pid = this.linePid;
    const skip = ms - start;
    this.reader.line(buf, ms, end, lineNo, offset + skip, byteLength - skip, cut);
    return true;
  }

  finish(): void {
    this.reader.finish();
  }

  /** Where the agent's text starts behind a syslog/journal prefix of the agent's process, or -1. */
  private messageStart(buf: Buffer, start: number, end: number): number {
    let i = start;
    const c = buf[i];
    let timed = true;
    if (c >= 0x41 && c <= 0x5a) {
      // `Oct 30 00:00:12` (journalctl's short-precise adds `.833653`)
      if (end - i < 20 || buf[i + 3] !== SP || buf[i + 6] !== SP || buf[i + 9] !== COLON || buf[i + 12] !== COLON) return -1;
      i += 15;
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
