import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { failedAtOption } from '../../src/main/cli/io';
import { scenario, taskIdOf, writeBundle } from '../analyze/snapshot/helpers';

/**
 * `--failed-at TIME` on `analyze` and `report` (issue 21 point 10): the CLI pins the failed job's time as the
 * app's bundle:rediagnose does with `failedAt`. Scenario (test/analyze/snapshot/helpers.ts): a freeze timeout
 * on day 0 (2026-11-15 22:00Z), a good night, then storage unreachable (76) on day 2.
 */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}
const bundle = () => writeBundle(scenario(['freeze-timeout', 'success', 'storage-76']).files);

describe('--failed-at', () => {
  it('analyze: JSON without a pin is unchanged; a pin near day 0 weighs day 0 and says so in failedAt', async () => {
    const root = await bundle();
    const plain = capture();
    expect(await main(['analyze', root, '--format', 'json'], plain.io)).toBe(0);
    const before = JSON.parse(plain.out.join(''));
    expect(before).not.toHaveProperty('failedAt');
    expect(before.failedTask.taskId).toBe(taskIdOf(2));
    expect(before.verdict.cause).toBe('storage-unreachable');

    const c = capture();
    expect(await main(['analyze', root, '--format', 'json', '--failed-at', '2026-11-15T23:07+01:00'], c.io)).toBe(0);
    const doc = JSON.parse(c.out.join(''));
    expect(doc.failedAt).toBe('2026-11-15T22:07:00.000Z');
    expect(doc.failedTask.taskId).toBe(taskIdOf(0));
    expect(doc.verdict.cause).toBe('fsfreeze-failed');
    // the contract's fields all still there, in the same order
    expect(Object.keys(doc).filter((k) => k !== 'failedAt')).toEqual(Object.keys(before));
  });

  it('analyze: the text names the pinned time', async () => {
    const c = capture();
    expect(await main(['analyze', await bundle(), '--failed-at', '2026-11-15T22:07:00Z'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('Failed job pinned at: 2026-11-15 22:07:00Z');
  });

  it('report: the JSON report carries the pin and its verdict', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vmbd-failed-at-')), 'r.json');
    expect(await main(['report', await bundle(), '--out', out, '--failed-at', '2026-11-15T22:07:00Z'], capture().io)).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.failedAt).toBe('2026-11-15T22:07:00.000Z');
    expect(doc.failedTask.taskId).toBe(taskIdOf(0));
  });

  it('a time without its zone, or not a time, is a usage error (exit 2), not silently ignored', async () => {
    for (const bad of ['2026-11-15T22:07', 'yesterday', '2026-11-15', '2026-13-45T99:00Z']) {
      const c = capture();
      expect(await main(['analyze', '/nonexistent', '--failed-at', bad], c.io), bad).toBe(2);
      expect(c.err.join('')).toMatch(/--failed-at needs an ISO 8601 time with its zone/);
    }
    expect(await main(['report', '/nonexistent', '--out', 'x.json', '--failed-at', 'noon'], capture().io)).toBe(2);
  });

  it('reads Z, ±hh:mm, ±hhmm, seconds and fractions', () => {
    expect(failedAtOption(undefined)).toBeUndefined();
    expect(failedAtOption('2026-11-19T22:01Z')).toBe('2026-11-19T22:01:00.000Z');
    expect(failedAtOption('2026-11-19 23:01:30+01:00')).toBe('2026-11-19T22:01:30.000Z');
    expect(failedAtOption('2026-11-19T17:01:30.250-0500')).toBe('2026-11-19T22:01:30.250Z');
  });
});
