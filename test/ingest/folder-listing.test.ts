import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFolder } from '../../src/main/ingest/folder';
import { Budget } from '../../src/main/ingest/limits';
import type { RawEntry } from '../../src/main/ingest/entry';

let root: string;
beforeAll(() => {
  // a /var/log/azure tree: 600 handler folders with a CommandExecution.log and an extension log each
  root = mkdtempSync(join(tmpdir(), 'vmbd-folder-'));
  for (let h = 0; h < 600; h++) {
    const d = join(root, 'var/log/azure', `Microsoft.Test.Handler${h}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'CommandExecution.log'), `2026-01-01T10:00:00.000Z INFO handler ${h} enabled\n`);
    writeFileSync(join(d, 'extension.log'), `2026-01-01T10:00:01.000Z INFO handler ${h} ready\n`);
  }
  symlinkSync('/etc/passwd', join(root, 'var/log/azure/Microsoft.Test.Handler7/passwd.log'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readFolder (synchronous listing)', () => {
  it('lists every file in sorted order, skips the link with a warning', async () => {
    const out: RawEntry[] = [];
    const budget = new Budget(undefined);
    await readFolder(root, budget, out);
    expect(out).toHaveLength(1200);
    const names = out.map((e) => e.name);
    // depth first, each folder's names sorted
    expect(names.slice(0, 4)).toEqual([
      'var/log/azure/Microsoft.Test.Handler0/CommandExecution.log',
      'var/log/azure/Microsoft.Test.Handler0/extension.log',
      'var/log/azure/Microsoft.Test.Handler1/CommandExecution.log',
      'var/log/azure/Microsoft.Test.Handler1/extension.log',
    ]);
    expect(names).toContain('var/log/azure/Microsoft.Test.Handler599/extension.log');
    expect(names.some((n) => n.endsWith('passwd.log'))).toBe(false);
    expect(budget.sink.map((w) => w.message).join()).toMatch(/passwd\.log: skipped, symbolic links are not followed/);
    expect(out[0].size).toBe(Buffer.byteLength('2026-01-01T10:00:00.000Z INFO handler 0 enabled\n'));
  });

  it('an abort during a long listing is honoured: the listing lets the event loop run now and then', async () => {
    const ac = new AbortController();
    const out: RawEntry[] = [];
    const listing = readFolder(root, new Budget(undefined), out, ac.signal);
    // fires on the event loop's next turn: a listing that never yields would finish first
    setImmediate(() => ac.abort(new Error('user cancelled')));
    await expect(listing).rejects.toThrow('user cancelled');
    expect(out.length).toBeLessThan(1200);
  });
});
