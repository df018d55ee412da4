import { describe, expect, it } from 'vitest';
import { bracketAt, matchA, matchB, matchBareSlashed, matchD, matchE, timeAt, type PrefixMatch } from '../../../src/main/parse/vmsnapshot/prefix';
import { classifyMessage } from '../../../src/main/parse/vmsnapshot/milestones';
import { evidenceText, scrub } from '../../../src/main/parse/vmsnapshot/scrub';
import { isoTime, parseIsoLike, parseSlashed, writeIsoTime } from '../../../src/shared/time';

// The regexes the byte matchers replace (extension-log.ts before the byte-level prefixes).
const A_RE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?) \[([^\]\n]{1,200}?)-([\d.]+)\]/;
const B_RE = /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d) (ERROR:|WARNING:)?\[([^\]\n]{1,200}?)-([\d.]+)\]/;
const D_RE = /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{1,6}) {1,2}(Info|Warning|Error|Verbose) {1,2}/;
const D_DASH_RE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{1,6}) {1,2}(Info|Warning|Error|Verbose) {1,2}/;
const E_RE = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (?!\[)/;
const BARE_SLASHED_RE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\s*$/;

const pm = (): PrefixMatch => ({ msg: 0, t: NaN, name: '', level: '' });

/** A small deterministic PRNG (the cases must be the same on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEEDS = [
  '2024-01-14 22:16:48.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0]T:S freeze, timeout value 60',
  '2024-01-14 22:16:48 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]cwd is /var/lib/waagent/x',
  '2024-01-14 22:16:48.1234567 [Name-1.0]seven fraction digits',
  '2024-01-14 22:16:48. [Name-1.0]no fraction digits',
  '2024-01-14 22:16:48 [Na-me-x-1.0.]lazy name with dashes',
  '2024-01-14 22:16:48 [Na]me-1.0]bracket in name',
  '2024-01-14 22:16:48 [-1.0]empty name',
  `2024-01-14 22:16:48 [${'n'.repeat(200)}-1.0]long name`,
  `2024-01-14 22:16:48 [${'n'.repeat(201)}-1.0]too long name`,
  '2024/01/14 22:16:48 ERROR:[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]Unable to locate',
  '2024/01/14 22:16:48 WARNING:[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]something odd',
  '2024/01/14 22:16:48 ERROR:[x]not a bracket',
  '2024/01/14 22:16:48 ERROR: [x-1]space',
  '2016/12/10 01:11:00 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9100.0]2016-12-10 01:11:00.519872  Info  T:S freeze',
  '2021/03/30 19:35:35.971742  Info  ****** 4. Freeze Completed',
  '2021-03-30 19:35:35.971742  Warning  ****** 7. Sending Thaw Signal',
  '2021-03-30 19:35:35.971742   Error  three spaces',
  '2019-11-23 21:11:18.333008 Info T:S freeze, one space (a page collapsed the runs)',
  '2021/03/30 19:35:35.971742 Warning  one before, two after',
  '2021-03-30 19:35:35.971742  Verbose ',
  '2017-11-14 03:06:52 Thawing: /mnt',
  '2017-11-14 03:06:52 ',
  '2017-11-14 03:06:52 [not E',
  '2016/12/10 01:11:00',
  '2016/12/10 01:11:00 \t \u00a0',
  '2016/12/10 01:11:00  x',
  '2024-13-14 25:16:48.792020 [Name-1.0]out of range',
  '2024-02-31 23:59:60.999999 [Name-1.0]rolls over',
  '0099-01-01 00:00:00.5 [Name-1.0]two-digit year',
];

/** Seeds cut, mutated and recombined: the byte matchers must agree with the regexes on all of them. */
function cases(): string[] {
  const r = rng(42);
  const alphabet = '0123456789-/: .[]ETIWarnigfoVbseuclR\t\u00a0x';
  const out = [...SEEDS];
  for (let i = 0; i < 6_000; i++) {
    const chars = [...SEEDS[Math.floor(r() * SEEDS.length)]];
    const edits = 1 + Math.floor(r() * 3);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(r() * Math.min(chars.length, 60));
      const op = r();
      if (op < 0.4) chars[at] = alphabet[Math.floor(r() * alphabet.length)];
      else if (op < 0.7) chars.splice(at, 1);
      else chars.splice(at, 0, alphabet[Math.floor(r() * alphabet.length)]);
    }
    out.push(chars.join('').slice(0, Math.floor(r() * 4) === 0 ? Math.floor(r() * 40) : undefined));
  }
  return out;
}

describe('extension.log byte prefixes match the regexes they replace', () => {
  const all = cases();

  it('the cases hit every shape (and miss it)', () => {
    const hits = [A_RE, B_RE, D_RE, D_DASH_RE, E_RE, BARE_SLASHED_RE].map((re) => all.filter((t) => re.test(t)).length);
    for (const h of hits) expect(h).toBeGreaterThan(10);
    for (const h of hits) expect(h).toBeLessThan(all.length - 100);
  });

  it('shape A', () => {
    for (const text of all) {
      const buf = Buffer.from(text, 'latin1');
      const m = A_RE.exec(text);
      const o = pm();
      const got = matchA(buf, 0, buf.length, o);
      expect(got, text).toBe(!!m);
      if (m) {
        expect(o.msg, text).toBe(m[0].length);
        expect(o.name, text).toBe(m[2]);
        expect(o.t, text).toEqual(parseIsoLike(m[1]));
      }
    }
  });

  it('shape B', () => {
    for (const text of all) {
      const buf = Buffer.from(text, 'latin1');
      const m = B_RE.exec(text);
      const o = pm();
      expect(matchB(buf, 0, buf.length, o), text).toBe(!!m);
      if (m) {
        expect(o.msg, text).toBe(m[0].length);
        expect(o.name, text).toBe(m[3]);
        expect(o.level, text).toBe(m[2] ?? '');
        expect(o.t, text).toEqual(parseSlashed(m[1]));
      }
    }
  });

  it('shapes D (slashed and dashed), E and the bare slashed line', () => {
    for (const text of all) {
      const buf = Buffer.from(text, 'latin1');
      for (const [re, sep] of [
        [D_RE, 0x2f],
        [D_DASH_RE, 0x2d],
      ] as const) {
        const m = re.exec(text);
        const o = pm();
        expect(matchD(buf, 0, buf.length, sep, o), text).toBe(!!m);
        if (m) {
          expect(o.msg, text).toBe(m[0].length);
          expect(o.level, text).toBe(m[2]);
          expect(o.t, text).toEqual(sep === 0x2f ? parseSlashed(m[1]) : parseIsoLike(m[1]));
        }
      }
      const e = E_RE.exec(text);
      const o = pm();
      expect(matchE(buf, 0, buf.length, o), text).toBe(!!e);
      if (e) {
        expect(o.msg, text).toBe(e[0].length);
        expect(o.t, text).toEqual(parseIsoLike(e[1]));
      }
      expect(matchBareSlashed(buf, 0, buf.length), text).toBe(BARE_SLASHED_RE.test(text));
    }
  });

  it('matches never look past the head end they are given', () => {
    const text = SEEDS[0];
    const buf = Buffer.from(text, 'latin1');
    for (let e = 0; e <= buf.length; e++) {
      const head = text.slice(0, e);
      expect(matchA(buf, 0, e, pm()), head).toBe(A_RE.test(head));
      expect(bracketAt(buf, 27, e, pm()) >= 0, head).toBe(/^\[([^\]\n]{1,200}?)-([\d.]+)\]/.test(head.slice(27)));
    }
  });

  it('timeAt equals parseIsoLike, fractions included', () => {
    const r = rng(7);
    for (let i = 0; i < 5_000; i++) {
      const digits = 1 + Math.floor(r() * 6);
      const frac = String(Math.floor(r() * 10 ** digits)).padStart(digits, '0');
      const ts = `${1900 + Math.floor(r() * 200)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 31)).padStart(2, '0')} ${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:${String(Math.floor(r() * 61)).padStart(2, '0')}.${frac}`;
      expect(timeAt(Buffer.from(ts), 0, digits), ts).toBe(parseIsoLike(ts));
    }
  });
});

describe('isoTime', () => {
  it('is Date#toISOString', () => {
    const r = rng(3);
    const samples = [0, -1, 1, 86_399_999, 86_400_000, -62_167_219_200_000, 253_402_300_799_999, Date.UTC(1900, 0, 1), Date.UTC(2024, 1, 29, 23, 59, 59, 999)];
    for (let i = 0; i < 10_000; i++) samples.push(Math.floor((r() - 0.3) * 4e12));
    for (const t of samples) expect(isoTime(t), String(t)).toBe(new Date(t).toISOString());
    // outside the four-digit years and non-integers: Date's own answer
    for (const t of [-62_167_219_200_001, 253_402_300_800_000, 1.5, 8.64e15]) expect(isoTime(t)).toBe(new Date(t).toISOString());
  });

  it('writes the same as bytes (the JSON writer\'s form), and nothing where Date must answer', () => {
    const out = new Uint8Array(40).fill(0x2a);
    for (const t of [0, -1, 86_399_999, -62_167_219_200_000, 253_402_300_799_999, Date.UTC(2024, 1, 29, 23, 59, 59, 999)]) {
      expect(writeIsoTime(t, out, 7)).toBe(31);
      expect(Buffer.from(out.subarray(7, 31)).toString('latin1')).toBe(new Date(t).toISOString());
      expect(out[6]).toBe(0x2a);
      expect(out[31]).toBe(0x2a);
    }
    const before = Buffer.from(out);
    for (const t of [-62_167_219_200_001, 253_402_300_800_000, 1.5, NaN, Infinity]) expect(writeIsoTime(t, out, 7)).toBe(-1);
    expect(Buffer.from(out)).toEqual(before);
  });
});

describe('milestone classification keeps rule order', () => {
  it('the first rule whose needle occurs decides, wherever the needles stand in the message', () => {
    // `freeze took longer than timeout` (a freeze rule) comes after `Failed to do the snapshot with error`
    // (an exception rule) in the rule list, though it stands first in the message
    const info = classifyMessage('freeze took longer than timeout; Failed to do the snapshot with error x');
    expect(info?.milestone?.milestone).toBe('exception');
    expect(classifyMessage('T:S freeze result x, timedout : False')?.milestone?.milestone).toBe('freeze-result');
  });

  it('a needle that declines leaves the message to the later rules', () => {
    // `PreSnapshot: Status Code: 200` declines (not a failure); the later `snapshot failed at index` rule still applies
    const info = classifyMessage('PreSnapshot: Status Code: 200 snapshot failed at index 1');
    expect(info?.milestone).toMatchObject({ milestone: 'snapshot-failed', detail: 'a disk snapshot failed' });
    expect(classifyMessage('PreSnapshot: Status Code: 200')).toBeNull();
  });
});

describe('scrub prefilter', () => {
  it('texts without any secret word come back unchanged; the others are still redacted', () => {
    expect(scrub('T:S freeze, timeout value 60')).toBe('T:S freeze, timeout value 60');
    expect(scrub('url?SIG=abc&x=1')).toBe('url?SIG=<redacted>&x=1');
    expect(scrub('Token : abc,')).toBe('Token : <redacted>,');
    expect(scrub('HOST REQUEST BODY : {"a": 1}')).toBe('HOST REQUEST BODY : <redacted>');
    expect(evidenceText('x  \t\u00a0\u2028')).toBe('x');
  });
});
