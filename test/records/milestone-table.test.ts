import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleFile, Fact, SnapshotMilestoneFact } from '../../src/shared';
import { BufferContent } from '../../src/main/ingest/content';
import { parseExtensionLog } from '../../src/main/parse/vmsnapshot/extension-log';
import { FactStore } from '../../src/main/records/fact-store';
import { RecordStore } from '../../src/main/records/store';
import { MilestoneTable, type MilestoneInput } from '../../src/main/records/milestones';

/** Every real case's extension.log (the files as posted: test/cases/<id>/files). */
function realExtensionLogs(): string[] {
  const root = join(__dirname, '..', 'cases');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^extension\.log/.test(name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

const VM_PATH = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';

async function parseBoth(bytes: Buffer): Promise<{ facts: Fact[]; store: FactStore }> {
  const file: BundleFile = { id: 0, vmPath: VM_PATH, kind: 'vmsnapshot-extension-log', size: bytes.length, truncated: false, origin: 'test', input: 0, warnings: [] };
  const facts: Fact[] = [];
  await parseExtensionLog({ file, content: new BufferContent(bytes) }, { record: () => undefined, fact: (f) => void facts.push(f), warn: () => undefined });
  const records = new RecordStore([{ vmPath: VM_PATH, content: new BufferContent(bytes) }]);
  const store = new FactStore(records, [file]);
  await parseExtensionLog(
    { file, content: new BufferContent(bytes) },
    { record: (r) => void records.add(0, r), fact: (f) => store.push(f, 0), milestone: (m) => store.pushMilestone(m, 0), warn: () => undefined },
  );
  return { facts, store };
}

describe('the extension.log milestones as a table (records/milestones.ts)', () => {
  const logs = realExtensionLogs();

  it('finds the real cases', () => {
    expect(logs.length).toBeGreaterThanOrEqual(10);
  });

  it('gives back every fact the parser builds, key for key and in order, from a store that keeps them as rows', async () => {
    let rows = 0;
    for (const path of logs) {
      const { facts, store } = await parseBoth(readFileSync(path));
      expect(store.length, path).toBe(facts.length);
      for (let i = 0; i < facts.length; i++) {
        const got = store.get(i);
        // the same keys in the same order (JSON and the result's key order follow them), the same values
        expect(JSON.stringify(got), `${path} fact ${i}`).toBe(JSON.stringify(facts[i]));
        expect(Object.keys(got)).toEqual(Object.keys(facts[i]));
        expect(Object.keys(got.at)).toEqual(Object.keys(facts[i].at));
        expect(store.timeOf(i)).toBe(facts[i].timeMs);
        if (store.milestoneRowOf(i) < 0) continue;
        rows++;
        const f = facts[i] as SnapshotMilestoneFact;
        // a field read without building the fact is the fact's (and a key it lacks reads undefined)
        for (const key of [...Object.keys(f), 'taskId', 'seqNo', 'note', 'detail', 'hostTime', 'ok', 'code'] as const) {
          if (key === 'at' || key === 'timeMs') continue;
          expect(store.fieldOf(i, key), `${path} fact ${i} ${key}`).toEqual((f as unknown as Record<string, unknown>)[key]);
        }
        expect(store.rowZone(i)).toBe(f.at.zone);
        expect(store.evidenceOf(i)).toEqual(f.at);
      }
    }
    expect(rows).toBeGreaterThan(10);
  });

  it('moves a local row by the clock offset as the pipeline moves a local object fact', async () => {
    // a pre-2021 build (1.0.9184.0 and before) writes shape A in local time
    const P = '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0]';
    const log = [
      `2020-03-01 22:16:48.792020 ${P}cwd is /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9184.0`,
      `2020-03-01 22:16:49.000000 ${P}starting enable`,
      `2020/03/01 22:16:50 ${P}T:S freeze, timeout value 60`,
    ].join('\n');
    const { facts, store } = await parseBoth(Buffer.from(log));
    expect(store.milestoneTable.length).toBeGreaterThan(0);
    // another file's offset leaves them
    const before = facts.map((_, i) => JSON.stringify(store.get(i)));
    store.milestoneTable.applyOffset(1, 120);
    expect(facts.map((_, i) => JSON.stringify(store.get(i)))).toEqual(before);
    store.milestoneTable.applyOffset(0, 60);
    let moved = 0;
    for (let i = 0; i < facts.length; i++) {
      const f = facts[i];
      if (store.milestoneRowOf(i) < 0) continue;
      const got = store.get(i);
      if (f.at.zone === 'local' && Number.isFinite(f.timeMs)) {
        const timeMs = f.timeMs - 3_600_000;
        expect(JSON.stringify(got)).toBe(JSON.stringify({ ...f, timeMs, at: { ...f.at, time: new Date(timeMs).toISOString(), zone: 'local-inferred' } }));
        moved++;
      } else expect(JSON.stringify(got)).toBe(JSON.stringify(f));
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('gives back each text as it was pushed, from its bytes, across pages and for a text no UTF-8 can hold', () => {
    const table = new MilestoneTable([{ vmPath: VM_PATH }]);
    const row = (text: string): MilestoneInput => ({ line: 1, timeMs: 0, zone: 'utc', text, process: 'enable', run: 1, taskId: undefined, seqNo: undefined, info: { milestone: 'enable-start' }, detail: undefined });
    const texts = [
      '',
      'a',
      'clipped…',
      '…',
      'ends in é',
      'Ünïcödé → ✓ 𝄞 and \u0000',
      // a clip inside a surrogate pair (evidenceText cuts by characters): UTF-8 would give U+FFFD back
      'half a pair \ud834',
      '\udd1e…',
      'x'.repeat(500),
      // longer than a page
      'y'.repeat(400_000),
    ];
    // more than a page of texts (TEXT_PAGE, 1 MB)
    for (let i = 0; i < 3000; i++) texts.push(`${i} ${'€'.repeat(i % 500)}${i % 3 === 0 ? '…' : ''}`);
    for (const t of texts) table.push(row(t), 0);
    texts.forEach((t, i) => {
      expect(table.textOf(i)).toBe(t);
      expect(table.textClipped(i)).toBe(t.endsWith('…'));
    });
  });
});
