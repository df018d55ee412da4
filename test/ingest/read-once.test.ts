import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { zipSync } from 'fflate';
import { ROOT } from '../helpers/paths';
import type * as NodeFs from 'node:fs';
import type { IngestedFile } from '../../src/main/ingest/types';

// counts the files content.ts opens (its reads of a file on disk all start with openSync)
const opened = vi.hoisted(() => new Map<string, number>());
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const openSync = ((path: string, ...rest: unknown[]) => {
    opened.set(String(path), (opened.get(String(path)) ?? 0) + 1);
    return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
  }) as typeof fs.openSync;
  return { ...fs, default: { ...fs, openSync }, openSync };
});

const { analyzeBundle } = await import('../../src/main/pipeline/analyze-bundle');
const { plainTexts } = await import('../../src/main/ingest/text-encoding');
const { DiskFileContent } = await import('../../src/main/ingest/content');

/** Real logs from test/cases, at the paths they have on a VM. */
const CASES = join(ROOT, 'test', 'cases');
const LOGS: Record<string, string> = {
  'var/log/waagent.log': join(CASES, 'waagent-1007-goalstate-xml-missing', 'files', 'waagent.log'),
  'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log': join(CASES, 'ext-494-restricted-network-409', 'files', 'extension.log'),
};
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-once-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const folder = join(tmp, 'vm');
for (const [vmPath, from] of Object.entries(LOGS)) {
  mkdirSync(dirname(join(folder, vmPath)), { recursive: true });
  writeFileSync(join(folder, vmPath), readFileSync(from));
}
const zip = join(tmp, 'logs.zip');
writeFileSync(zip, zipSync(Object.fromEntries(Object.entries(LOGS).map(([vmPath, from]) => [vmPath, new Uint8Array(readFileSync(from))]))));

beforeEach(() => opened.clear());

describe('a small file on disk is read once', () => {
  for (const parallel of [false, true]) {
    it(`by the encoding check and the parse together${parallel ? ' (parse pool path)' : ''}, with the zip's result`, async () => {
      // the pool path: waagent.log made a worker kind (a job this small is parsed in this thread either way)
      const opts = parallel ? { parallel: true, workerKinds: new Set(['waagent-log', 'vmsnapshot-extension-log'] as const) } : {};
      const session = await analyzeBundle([folder], opts);
      for (const vmPath of Object.keys(LOGS)) expect(opened.get(join(folder, vmPath)), vmPath).toBe(1);
      // the same bytes as zip members (in memory, never read from disk) give the same records, facts and findings
      const fromZip = await analyzeBundle([zip], opts);
      expect(session.result.stats.records).toBeGreaterThan(5);
      expect(session.result.stats.records).toBe(fromZip.result.stats.records);
      expect(session.result.stats.facts).toBe(fromZip.result.stats.facts);
      expect(session.result.findings.map((f) => [f.cause, f.verdict])).toEqual(fromZip.result.findings.map((f) => [f.cause, f.verdict]));
      // the log view reads a record's text from the file afterwards, as before
      const first = await session.files[0].content.read(0, 20);
      expect(first.length).toBeGreaterThan(0);
    });
  }

  it('holds at most the given bytes between the check and the parse; the rest are read again', async () => {
    const files = Object.keys(LOGS).map((vmPath) => {
      const content = new DiskFileContent(join(folder, vmPath), readFileSync(join(folder, vmPath)).length);
      return { vmPath, kind: 'waagent-log', size: content.size, content, origin: vmPath, truncated: false, warnings: [], input: 0 } satisfies IngestedFile;
    });
    const [a, b] = files;
    await plainTexts(files, undefined, a.size); // room for the first file only
    expect(a.content.takePrimed()).toEqual(readFileSync(join(folder, a.vmPath)));
    expect(a.content.takePrimed()).toBeUndefined(); // taken once
    expect(b.content.takePrimed()).toBeUndefined();
    const chunks: Buffer[] = [];
    for await (const c of b.content.chunks()) chunks.push(c);
    expect(Buffer.concat(chunks)).toEqual(readFileSync(join(folder, b.vmPath)));
  });
});
