// Big logs: facts point into the file for their evidence text (read back for the result), and a log
// over the fact window is diagnosed on its newest part while the log view keeps all of it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult, Evidence } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { SPLITTABLE } from '../../src/main/parse/split';
// the benchmark's realistic generator: mixed eras, goal states, HTTP failures, Event records, tracebacks
import { waagentLogGenerator } from '../../bench/generate.mjs';

/** Every evidence object in a result. */
function evidenceOf(result: AnalysisResult): Evidence[] {
  const out: Evidence[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.file === 'string' && typeof o.line === 'number' && typeof o.text === 'string') out.push(o as unknown as Evidence);
      Object.values(o).forEach(walk);
    }
  };
  walk(result);
  return out;
}

const SAS = 'sv=2018-03-28&sr=b&sig=SECRETSIGNATURE0123456789abcdef%3D&se=2026-01-02';
let dir: string;
let lines: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbd-evtext-'));
  mkdirSync(join(dir, 'var/log'), { recursive: true });
  const gen = waagentLogGenerator();
  let text = '';
  while (text.length < 3 * 1024 * 1024) text += gen();
  // a pre-2.14 agent logs live SAS URLs in its HTTP failures: the evidence read back must be redacted too
  text += `2026-01-09T10:00:00.123456Z ERROR ExtHandler ExtHandler Error fetching the goal state: [HttpError] [HTTP Failed] GET https://md-xyz.blob.core.windows.net/$system/vm.status?${SAS} -- IOError timed out -- 6 attempts made\n`;
  writeFileSync(join(dir, 'var/log/waagent.log'), text);
  lines = readFileSync(join(dir, 'var/log/waagent.log'), 'utf8').split('\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deferred evidence text (Evidence.textAt)', () => {
  it('every waagent.log evidence in the result carries its line, redacted, and no pointer is left', async () => {
    const { result } = await analyzeBundle([dir]);
    const json = JSON.stringify(result);
    expect(json).not.toContain('textAt');
    expect(json).not.toContain('SECRETSIGNATURE');
    const ev = evidenceOf(result).filter((e) => e.file === 'var/log/waagent.log' && e.line > 0);
    expect(ev.length).toBeGreaterThan(20);
    for (const e of ev) {
      expect(e.text.length).toBeGreaterThan(0);
      const line = lines[e.line - 1];
      // the evidence is the record's first line (clipped at 500 characters), or starts with it (decoded Event)
      const shown = e.text.replace(/…$/, '').slice(0, 120);
      if (line.includes('sig=')) expect(e.text).toContain('?<redacted>');
      else expect(line.startsWith(shown) || shown.startsWith(line.slice(0, 120))).toBe(true);
    }
    // the SAS line made it into the result (connectivity evidence) and was redacted on the way
    expect(ev.some((e) => e.text.includes('md-xyz.blob.core.windows.net') && e.text.includes('?<redacted>'))).toBe(true);
  });

  it('parse workers on split ranges give the same result as one thread, evidence included', async () => {
    const a = await analyzeBundle([dir]);
    const b = await analyzeBundle([dir], { parallel: true, workerKinds: SPLITTABLE, splitMinBytes: 256 * 1024 });
    // (warnings are per parsed range, so they differ in number; everything else must be identical)
    const strip = (r: AnalysisResult) => JSON.stringify({ ...r, analyzedAt: '', warnings: [], files: r.files.map((f) => ({ ...f, warnings: [] })), stats: { ...r.stats, durationMs: 0 } });
    const [x, y] = [strip(a.result), strip(b.result)];
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    expect(y.slice(Math.max(0, i - 200), i + 200)).toBe(x.slice(Math.max(0, i - 200), i + 200));
    expect(y.length).toBe(x.length);
  });
});

describe('fact window (a log too big to diagnose whole)', () => {
  it('diagnoses the newest part, keeps every record in the log view, and says so', async () => {
    const whole = await analyzeBundle([dir]);
    const windowBytes = 1024 * 1024;
    const part = await analyzeBundle([dir], { factWindowBytes: windowBytes });
    expect(part.result.stats.records).toBe(whole.result.stats.records);
    expect(part.result.stats.facts).toBeGreaterThan(0);
    expect(part.result.stats.facts).toBeLessThan(whole.result.stats.facts / 2);
    const w = part.result.warnings.find((x) => /too big to diagnose whole/.test(x.message));
    expect(w?.file).toBe('var/log/waagent.log');
    const firstLine = w!.line!;
    // the first diagnosed record starts within the newest `windowBytes` of the file
    const bytesBefore = Buffer.byteLength(lines.slice(0, firstLine - 1).join('\n')) + 1;
    expect(bytesBefore).toBeGreaterThanOrEqual(part.result.stats.bytes - windowBytes);
    // findings come from facts, so from the window only; the unexplained-error groups read the records,
    // which cover the whole log like the log view
    const ev = evidenceOf({ ...part.result, unexplained: [] }).filter((e) => e.file === 'var/log/waagent.log' && e.line > 0);
    expect(ev.length).toBeGreaterThan(0);
    for (const e of ev) expect(e.line).toBeGreaterThanOrEqual(firstLine);
    // split ranges give the same facts: the window is measured from the end of the file, not of a range
    const par = await analyzeBundle([dir], { factWindowBytes: windowBytes, parallel: true, workerKinds: SPLITTABLE, splitMinBytes: 256 * 1024 });
    expect(par.result.stats.facts).toBe(part.result.stats.facts);
    expect(JSON.stringify(par.result.findings)).toBe(JSON.stringify(part.result.findings));
  });
});
