import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../src/shared';
import { ingest } from '../../src/main/ingest';
import { parserFor } from '../../src/main/parse/registry';
import { analyzeBundle, type AnalysisSession } from '../../src/main/pipeline/analyze-bundle';
import { fillDeferredEvidence } from '../../src/main/pipeline/evidence-text';
import { collectorZip, looseFiles, sosreportTarXz, writeFolder } from '../fixtures/generate';
import { looseSubset, realisticVmState } from '../fixtures/vm-state';

/**
 * One VM, four shapes (folder, collector logs.zip, sosreport .tar.xz, loose files): the pipeline must see the
 * same files, records and facts whatever the engineer was sent. Only the shape-specific extras differ
 * (the collector's results.txt, sos's command outputs), and the collector's `truncated_` member keeps its
 * VM path.
 */

const EXTRAS = /^(results\.txt|sos_commands\/)/;

interface View {
  files: [string, string, number][];
  records: Map<string, number[]>;
  /** What the analysis concluded, minus what depends on the shape (file ids, timing, inputs). */
  conclusions: string;
}

/**
 * The parse stage's facts for some inputs, as the pipeline produces them (ingest → parser per kind). The
 * session does not keep facts, so the test runs the same two steps itself.
 */
async function factsOf(paths: string[]): Promise<string[]> {
  const { files } = await ingest(paths);
  const facts: Fact[] = [];
  for (const [id, f] of files.entries()) {
    if (EXTRAS.test(f.vmPath)) continue;
    const parser = parserFor(f.kind);
    if (!parser) continue;
    const { content, ...rest } = f;
    await parser({ file: { ...rest, id }, content }, { record: () => {}, fact: (x) => facts.push(x), warn: () => {} });
  }
  // as the pipeline does for the evidence of a result: read the deferred line texts (their pointers hold file ids, which differ by shape)
  await fillDeferredEvidence(facts, files);
  return facts.map((x) => JSON.stringify(x)).sort();
}

function view(s: AnalysisSession): View {
  const files = s.result.files.filter((f) => !EXTRAS.test(f.vmPath));
  const keep = new Set(files.map((f) => f.id));
  const records = new Map<string, number[]>();
  for (let i = 0; i < s.records.count; i++) {
    const fid = s.records.fileOf(i);
    if (!keep.has(fid)) continue;
    const path = s.result.files[fid].vmPath;
    const list = records.get(path) ?? [];
    list.push(s.records.lineOf(i), s.records.timeOf(i));
    records.set(path, list);
  }
  const { agent, snapshots, extensions, verdict, findings } = s.result;
  return {
    files: files.map((f) => [f.vmPath, f.kind, f.size] as [string, string, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    records,
    conclusions: JSON.stringify({ agent, snapshots, extensions, verdict, findings }),
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-equiv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one VM state, four shapes, one bundle', () => {
  it('folder, collector logs.zip and sosreport .tar.xz give the same files, records and facts', async () => {
    const state = realisticVmState();
    const folder = await writeFolder(state, join(dir, 'vm'));
    const zip = join(dir, 'logs.zip');
    // the whole syslog as a `truncated_` member: same bytes, so the same records must come out
    await writeFile(zip, collectorZip(state, { includeNewestHistory: true, truncate: ['var/log/syslog'] }));
    const sos = await sosreportTarXz(state, join(dir, 'sos'));

    const a = await analyzeBundle([folder]);
    const b = await analyzeBundle([zip]);
    const c = await analyzeBundle([sos]);
    expect(a.result.inputs[0].kind).toBe('folder');
    expect(b.result.inputs[0].kind).toBe('waagent-logcollector-zip');
    expect(c.result.inputs[0].kind).toBe('sosreport');

    const [va, vb, vc] = [view(a), view(b), view(c)];
    expect(va.files.length).toBe(state.size);
    expect(vb.files).toEqual(va.files);
    expect(vc.files).toEqual(va.files);
    expect(b.result.files.find((f) => f.vmPath === 'var/log/syslog')!.truncated).toBe(true);

    // records: same count and the same (line, time) per file
    expect(va.records.size).toBeGreaterThan(3);
    expect(b.records.count - b.result.files.filter((f) => EXTRAS.test(f.vmPath)).reduce((n, f) => n + countOf(b, f.id), 0)).toBe(a.records.count);
    expect(vb.records).toEqual(va.records);
    expect(vc.records).toEqual(va.records);
    // the rotated, gzipped log was read as text, not as gzip bytes
    expect(va.records.get('var/log/waagent.log.2.gz')!.length / 2).toBeGreaterThan(90);

    // facts: compared by content (file, line, time, text, payload); the order between files may differ
    const fa = await factsOf([folder]);
    expect(fa.length).toBeGreaterThan(50);
    expect(await factsOf([zip])).toEqual(fa);
    expect(await factsOf([sos])).toEqual(fa);
    expect(vb.conclusions).toEqual(va.conclusions);
    expect(vc.conclusions).toEqual(va.conclusions);
  });

  it('loose files give the same bundle as the folder of the same files', async () => {
    const subset = looseSubset(realisticVmState());
    const folder = await writeFolder(subset, join(dir, 'vm-subset'));
    const paths = await looseFiles(subset, join(dir, 'loose'));
    const a = await analyzeBundle([folder]);
    const d = await analyzeBundle(paths);
    expect(d.result.inputs.every((i) => i.kind === 'single-file')).toBe(true);
    const [va, vd] = [view(a), view(d)];
    expect(va.files.length).toBe(subset.size);
    expect(vd.files).toEqual(va.files);
    expect(vd.records).toEqual(va.records);
    expect(await factsOf(paths)).toEqual(await factsOf([folder]));
    expect(vd.conclusions).toEqual(va.conclusions);
  });
});

function countOf(s: AnalysisSession, fileId: number): number {
  let n = 0;
  for (let i = 0; i < s.records.count; i++) if (s.records.fileOf(i) === fileId) n++;
  return n;
}
