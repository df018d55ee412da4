import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { readVmState } from '../fixtures/generate';
import { ROOT, SAMPLE } from '../helpers/paths';

const VM = join(ROOT, 'assets', 'sample', 'vm');
const HISTORY_FILE = /^var\/lib\/waagent\/history\/([^/]+)\/(.+)$/;

describe('assets/sample/logs.zip', () => {
  it('is up to date with assets/sample/vm (rebuild with: node scripts/build-sample.mjs)', () => {
    // The script rebuilds in memory and compares bytes with the committed zip and results.txt.
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-sample.mjs'), '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });

  it('holds every tree file at its VM path, history folders as zips (not the newest), results.txt at the root', async () => {
    const tree = await readVmState(VM);
    const zip = unzipSync(readFileSync(SAMPLE));
    expect(readFileSync(SAMPLE).length).toBeLessThan(1024 * 1024);

    const historyDirs = [...new Set([...tree.keys()].map((p) => HISTORY_FILE.exec(p)?.[1]).filter((d): d is string => !!d))].sort();
    const newest = historyDirs.at(-1);
    for (const [p, c] of tree) {
      const h = HISTORY_FILE.exec(p);
      if (p === 'var/lib/waagent/logcollector/results.txt') {
        expect(Buffer.from(zip['results.txt']).equals(c)).toBe(true);
      } else if (h && h[1] === newest) {
        expect(zip[`var/lib/waagent/history/${h[1]}.zip`], p).toBeUndefined();
      } else if (h) {
        const inner = unzipSync(zip[`var/lib/waagent/history/${h[1]}.zip`]);
        expect(Buffer.from(inner[h[2]]).equals(c), p).toBe(true);
      } else {
        expect(zip[p], p).toBeDefined();
        expect(Buffer.from(zip[p]).equals(c), p).toBe(true);
      }
    }
    expect(Object.keys(zip).at(-1)).toBe('results.txt');
    expect(Object.keys(zip)[0]).toBe('var/log/waagent.log'); // the collector's first must-collect file
  });

  it('results.txt is in the collector format and ends with a successful compression', () => {
    const text = readFileSync(join(VM, 'var/lib/waagent/logcollector/results.txt'), 'utf8');
    const records = text.split('\n').filter((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARNING|ERROR) /.test(l));
    expect(records.length).toBeGreaterThan(20);
    expect(records[0]).toMatch(/^2026-11-20T09:14:01Z INFO Starting log collection at/);
    expect(text).toMatch(/Output of command \[ls -alF \/var\/log\]:\ntotal \d+\n/);
    expect(text).toMatch(/INFO Adding file \/var\/log\/waagent\.log, size \d+ b/);
    expect(records.at(-3)).toMatch(/^2026-11-20T09:14:03Z INFO Successfully compressed files\. Compressed archive size is \d+ b$/);
  });

  it('ingests as a collector zip with every history goal state expanded', async () => {
    const r = await ingest([SAMPLE]);
    expect(r.inputs[0]).toMatchObject({ kind: 'waagent-logcollector-zip', warnings: [] });
    const paths = r.files.map((f) => f.vmPath);
    expect(paths).toContain('var/log/waagent.log');
    expect(paths).toContain('results.txt');
    expect(paths.filter((p) => /^var\/lib\/waagent\/history\/[^/]+\/GoalState\.xml$/.test(p)).length).toBeGreaterThanOrEqual(1);
    expect(paths.some((p) => p.endsWith('.zip'))).toBe(false);
  });
});
