import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { parseFiles, parseWorkerPath, PRESTART_RANGE_FACTOR } from '../../src/main/parse/parse-files';
import { ParsePool } from '../../src/main/parse/pool';
import { HEAD_SHARE_MAX } from '../../src/main/parse/split';
import { DiskFileContent } from '../../src/main/ingest/content';
import { RecordStore } from '../../src/main/records/store';
import { FactStore } from '../../src/main/records/fact-store';
import type { BundleFile, Fact } from '../../src/shared';

// catalogue lines of test/parse/waagent/catalogue.test.ts's entries (an extension's start, its command with the seqNo)
const ENABLE = '2026-11-19T22:00:12.500000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Enable extension: [bin/handle.sh enable]';
const EXECUTING =
  '2026-11-19T22:00:12.510000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Executing command: /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/main/handle.sh enable with environment variables: {"AZURE_GUEST_AGENT_UNINSTALL_CMD_EXIT_CODE": "NOT_RUN", "ConfigSequenceNumber": "15", "AZURE_GUEST_AGENT_EXTENSION_VERSION": "1.0.9225.0"}';

/** Records with facts of every sort a range yields: rows (heartbeats, HTTP failures), objects, a local-time era, a long line. */
function lines(n: number, from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < from + n; i++) {
    const t = new Date(Date.UTC(2026, 10, 19) + i * 1000).toISOString().replace('Z', '123Z');
    const local = t.replace('T', ' ').replace(/-/g, '/').replace('Z', '').replace('123', '123000');
    if (i % 7 === 0) out.push(`${t} ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [HTTP Failed] GET http://168.63.129.16/machine/?comp=goalstate -- IOError timed out -- 6 attempts made\nTraceback (most recent call last):\n  File "x.py", line ${i}`);
    else if (i % 11 === 0) out.push(`${local} INFO ExtHandler Wire server endpoint:168.63.129.16`);
    else if (i % 997 === 0) out.push(`${t} INFO ExtHandler ${'x'.repeat(70 * 1024)}`);
    else out.push(`${t} INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: ${i};HeartbeatId: 5E6B3B5A-1234-4D5B-9C1E-0F1E2D3C4B5A;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]`);
  }
  return out;
}

/** A log whose first range, this thread's (HEAD_SHARE_MAX of it), ends on an extension's start that the second range's first record completes. */
function logCutAtStart(): string {
  const before = `${lines(3000, 0).join('\n')}\n`;
  const at = Buffer.byteLength(before);
  const pair = `${ENABLE}\n${EXECUTING}\n`;
  const more = lines(6000, 3000);
  let size = at + Buffer.byteLength(pair);
  for (let n = 0; n < more.length; n++) {
    size += Buffer.byteLength(more[n]) + 1;
    const target = Math.floor(size * HEAD_SHARE_MAX);
    if (target > at && target <= at + ENABLE.length) return `${before}${pair}${more.slice(0, n + 1).join('\n')}\n`;
  }
  throw new Error('no cut inside the start line');
}

/** A fact's fields as JSON, a row fact's too (its fields are getters of its prototype). */
function fields(f: Fact): string {
  const o: Record<string, unknown> = {};
  // (a row fact's fields are inherited: every enumerable one)
  for (const k in f) o[k] = (f as unknown as Record<string, unknown>)[k];
  return JSON.stringify(o);
}

describe('a big waagent.log split: this thread and the parse workers', () => {
  it('the built parse worker exists (npm test builds first)', () => {
    expect(parseWorkerPath()).not.toBeNull();
  });

  it('gives the analysis of the whole file parsed in this thread', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-ranged-'));
    try {
      mkdirSync(join(dir, 'var/log'), { recursive: true });
      writeFileSync(join(dir, 'var/log/waagent.log'), logCutAtStart());
      const a = await analyzeBundle([dir]);
      for (const rangeMinBytes of [64 * 1024, 256 * 1024]) {
        const b = await analyzeBundle([dir], { parallel: true, rangeMinBytes, rangeMinMs: 0 });
        const same = (r: typeof a.result) => JSON.stringify({ ...r, analyzedAt: '', stats: { ...r.stats, durationMs: 0 } });
        expect(same(b.result)).toBe(same(a.result));
        const pa = await a.records.page({ offset: 0, limit: 10_000 });
        const pb = await b.records.page({ offset: 0, limit: 10_000 });
        expect(pb.records.map((r) => [r.line, r.lineCount, r.time, r.level, r.text])).toEqual(pa.records.map((r) => [r.line, r.lineCount, r.time, r.level, r.text]));
        expect(b.result.files[0].warnings).toEqual(a.result.files[0].warnings);
      }
      // the facts themselves (the result cites a few), from parseFiles into a FactStore, in order
      const parse = async (parallel: boolean) => {
        const path = join(dir, 'var/log/waagent.log');
        const content = await DiskFileContent.of(path);
        const file = { id: 0, kind: 'waagent-log', vmPath: 'var/log/waagent.log', size: content.size, warnings: [] } as unknown as BundleFile;
        const records = new RecordStore([{ vmPath: file.vmPath, content }]);
        const facts = new FactStore(records, [file]);
        await parseFiles([file], [content], records, facts, { parallel, rangeMinBytes: 64 * 1024, rangeMinMs: 0 });
        return { facts: [...facts].map(fields), warnings: file.warnings, records: records.count };
      };
      const one = await parse(false);
      const split = await parse(true);
      expect(split.records).toBe(one.records);
      expect(split.facts).toEqual(one.facts);
      expect(split.warnings).toEqual(one.warnings);
      // the cut's extension start is one operation, with its seqNo, as in the whole file's parse; one era; summed warnings
      const facts = one.facts.map((f) => JSON.parse(f) as Fact);
      expect(facts.filter((f) => f.kind === 'extension-operation' && f.outcome === 'started').map((f) => f.kind === 'extension-operation' && f.seqNo)).toEqual([15]);
      expect(facts.filter((f) => f.kind === 'agent-era')).toHaveLength(1);
      expect(one.warnings.map((w) => w.note?.key)).toContain('parse.long-lines');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts the worker before the sample only for a file big enough to be split', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-prestart-'));
    const prestart = vi.spyOn(ParsePool.prototype, 'prestart');
    try {
      mkdirSync(join(dir, 'var/log'), { recursive: true });
      const text = logCutAtStart();
      writeFileSync(join(dir, 'var/log/waagent.log'), text);
      const size = Buffer.byteLength(text);
      // a file at the range threshold but under PRESTART_RANGE_FACTOR times it: no worker started ahead of its sample
      await analyzeBundle([dir], { parallel: true, rangeMinBytes: size - 1, rangeMinMs: 0 });
      expect(prestart).not.toHaveBeenCalled();
      await analyzeBundle([dir], { parallel: true, rangeMinBytes: Math.floor(size / PRESTART_RANGE_FACTOR), rangeMinMs: 0 });
      expect(prestart).toHaveBeenCalledTimes(1);
    } finally {
      prestart.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
