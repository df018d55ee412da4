import { MONTH_ABBREVIATION_MAX, monthOfAbbreviation } from '../../../shared/time';
import { clockAt, isDigit } from '../bytes';

const SP = 0x20;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;

/**
 * Where a traditional syslog / journalctl time at `start` ends (`Oct 30 00:00:12`, `déc. 13 12:00:47`, `Mär  5
 * 14:08:36`): the index after its seconds, or -1. Read from bytes (this runs on every line of syslogs of hundreds of
 * MB). The month is `%b` in the C locale or a common one (shared/time.ts ABBREVIATED_MONTHS), in UTF-8 or Latin-1.
 * An upper-case three-letter head is taken by its shape alone, as it always was; any other month token must be one
 * of the table's, so a line of prose that happens to hold a time is not a syslog head.
 */
export function syslogStampEnd(buf: Buffer, start: number, end: number): number {
  const c = buf[start];
  if (c >= 0x41 && c <= 0x5a && isLower(buf[start + 1]) && isLower(buf[start + 2]) && shaped(buf, start + 3, end)) return start + 15;
  if (!((c >= 0x41 && c <= 0x5a) || isLower(c) || c >= 0x80)) return -1;
  for (let len = 3; len <= MONTH_ABBREVIATION_MAX && start + len < end; len++) {
    const b = buf[start + len];
    if (b === SP) {
      if (shaped(buf, start + len, end) && monthOfAbbreviation(buf.toString('latin1', start, start + len)) >= 0) return start + len + 12;
      return -1;
    }
  }
  return -1;
}

/** ` DD HH:MM:SS` at `i` (the day space- or zero-padded), whole within `end`. */
function shaped(buf: Buffer, i: number, end: number): boolean {
  return i + 12 <= end && buf[i] === SP && (buf[i + 1] === SP || isDigit(buf[i + 1])) && isDigit(buf[i + 2]) && buf[i + 3] === SP && clockAt(buf, i + 4, end);
}

/**
 * Where a record's head ends: the traditional time (syslogStampEnd), with the microseconds of journalctl's `-o
 * short-precise` (`Mar 14 10:12:31.545053 localhost kernel: …`, bottlerocket-os/bottlerocket#2900), followed by a
 * space; the index of that space, or -1.
 */
export function syslogHeadEnd(buf: Buffer, start: number, end: number): number {
  let t = syslogStampEnd(buf, start, end);
  if (t < 0) return -1;
  if (buf[t] === 0x2e) {
    let k = t + 1;
    while (k < end && k - t <= 9 && isDigit(buf[k])) k++;
    if (k === t + 1) return -1;
    t = k;
  }
  return t < end && buf[t] === SP ? t : -1;
}
