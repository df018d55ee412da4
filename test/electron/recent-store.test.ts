import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileRecentStore } from '../../src/main/electron/stores';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function userData(): string {
  const d = mkdtempSync(join(tmpdir(), 'vmbd-recent-'));
  dirs.push(d);
  return d;
}

describe('the recent list (recent.json)', () => {
  it('keeps full paths and the verdict, newest first, one entry per set of paths', async () => {
    const dir = userData();
    const s = fileRecentStore(dir);
    await s.add(['/home/alice/Downloads/ticket-4711/logs.zip'], { cause: 'fsfreeze-failed', confidence: 'high' });
    await s.add(['C:\\Users\\alice\\cases\\vm.tar.gz', 'C:\\Users\\alice\\cases\\extra.log'], { nothing: true });
    await s.add(['/home/alice/Downloads/ticket-4711/logs.zip'], { cause: 'storage-unreachable', confidence: 'medium' });
    const list = await s.list();
    expect(list.map((e) => e.label)).toEqual(['logs.zip', 'vm.tar.gz, extra.log']);
    expect(list[0]).toMatchObject({ paths: ['/home/alice/Downloads/ticket-4711/logs.zip'], verdict: { cause: 'storage-unreachable', confidence: 'medium' } });
    expect(list[1].verdict).toEqual({ nothing: true });
    expect(JSON.parse(readFileSync(join(dir, 'recent.json'), 'utf8'))).toHaveLength(2);
  });

  it('removes one entry and clears all, also when the calls race', async () => {
    const s = fileRecentStore(userData());
    await Promise.all([s.add(['/a.zip']), s.add(['/b.zip']), s.add(['/c.zip'])]);
    expect((await s.list()).map((e) => e.label)).toEqual(['c.zip', 'b.zip', 'a.zip']);
    await Promise.all([s.remove(['/b.zip']), s.add(['/d.zip'])]);
    expect((await s.list()).map((e) => e.label)).toEqual(['d.zip', 'c.zip', 'a.zip']);
    await s.remove(['/not-listed.zip']);
    expect(await s.list()).toHaveLength(3);
    await s.clear();
    expect(await s.list()).toEqual([]);
  });

  it('reads entries written before verdicts were kept, and drops what is not an entry', async () => {
    const dir = userData();
    writeFileSync(
      join(dir, 'recent.json'),
      JSON.stringify([{ paths: ['/old.zip'], label: 'old.zip', openedAt: '2026-01-01T00:00:00Z' }, { paths: '/etc/shadow', label: 'x', openedAt: 'y' }, null, { label: 'no paths' }]),
    );
    const list = await fileRecentStore(dir).list();
    expect(list).toEqual([{ paths: ['/old.zip'], label: 'old.zip', openedAt: '2026-01-01T00:00:00Z' }]);
    writeFileSync(join(dir, 'recent.json'), '{"not":"a list"}');
    expect(await fileRecentStore(dir).list()).toEqual([]);
  });
});
