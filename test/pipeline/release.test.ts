// A run without a log view (the CLI) lets each in-memory file go after its parse but for what the result still reads
// (parse/kept-spans.ts, BufferContent.keepOnly): the result must be the one a run that keeps everything gives.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { BufferContent } from '../../src/main/ingest/content';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
// the benchmark's realistic generator: mixed eras, goal states, HTTP failures, Event records, tracebacks
import { extensionLogGenerator, verboseWaagentLogGenerator, waagentLogGenerator } from '../../bench/generate.mjs';

let dir: string;
let zip: string;
let damaged: string;
let log: Buffer;

/** A generated log of about `mb` MB, with a warning nothing explains every ~200 KB (`hiccups`). */
function generated(mb: number, gen: () => string, hiccups = false): string {
  let text = '';
  let next = 0;
  for (let i = 0; text.length < mb * 1024 * 1024; i++) {
    text += gen();
    if (hiccups && text.length > next) {
      text += `2026-01-01T10:00:00.123456Z WARNING Daemon Daemon Unexplained disk hiccup number ${i} on /dev/sdb\n`;
      next = text.length + 200 * 1024;
    }
  }
  return text;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbd-release-'));
  // a verbose agent's log (few facts: let go), a fact-dense one (kept whole) and the snapshot extension's log
  log = Buffer.from(generated(3, verboseWaagentLogGenerator(), true));
  zip = join(dir, 'logs.zip');
  writeFileSync(
    zip,
    zipSync(
      {
        'var/log/waagent.log': new Uint8Array(log),
        'var/log/waagent.log.1': new Uint8Array(Buffer.from(generated(1.5, waagentLogGenerator()))),
        'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log': new Uint8Array(Buffer.from(generated(1.5, extensionLogGenerator()))),
      },
      { level: 1 },
    ),
  );
  // a member whose compressed bytes are damaged halfway: streamed, it keeps what inflates and says so
  const bytes = zipSync({ 'var/log/waagent.log': new Uint8Array(log) }, { level: 1 });
  bytes.fill(0xff, bytes.length >> 1, (bytes.length >> 1) + 16);
  damaged = join(dir, 'damaged.zip');
  writeFileSync(damaged, bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const strip = (r: AnalysisResult) => JSON.stringify({ ...r, analyzedAt: '', stats: { ...r.stats, durationMs: 0 } });

describe('files let go after their parse (analyze without a log view)', () => {
  it('gives the result a run that keeps every byte gives, and keeps only what it reads', async () => {
    const kept = await analyzeBundle([zip]);
    const lean = await analyzeBundle([zip], { release: true });
    expect(lean.result.unexplained?.length).toBeGreaterThan(0);
    expect(strip(lean.result)).toBe(strip(kept.result));
    const content = (s: typeof kept, path: string) => s.files.find((f) => f.vmPath.endsWith(path))!.content as BufferContent;
    // let go (a whole file could be let go again), though its size is what it was; the fact-dense log kept whole
    for (const path of ['waagent.log', 'extension.log']) {
      expect(content(lean, path)).toBeInstanceOf(BufferContent);
      expect(content(lean, path).releasable).toBe(false);
      expect(content(kept, path).releasable).toBe(true);
    }
    expect(content(lean, 'waagent.log.1').releasable).toBe(true);
    expect(content(lean, 'waagent.log').size).toBe(log.length);
  });

  it('a read outside the kept bytes gets the whole file back, byte for byte', async () => {
    const { files } = await analyzeBundle([zip], { release: true });
    const member = files.find((f) => f.vmPath === 'var/log/waagent.log')!.content as BufferContent;
    expect(member.releasable).toBe(false);
    const at = log.length >> 1;
    expect((await member.read(at, 5000)).equals(log.subarray(at, at + 5000))).toBe(true);
    const parts: Buffer[] = [];
    for await (const c of member.chunks()) parts.push(c);
    expect(Buffer.concat(parts).equals(log)).toBe(true);
    expect(member.releasable).toBe(true);
  });

  it('a damaged member keeps its records and its warning, let go or not', async () => {
    const kept = await analyzeBundle([damaged]);
    const lean = await analyzeBundle([damaged], { release: true });
    expect(kept.result.stats.records).toBeGreaterThan(0);
    expect(kept.result.warnings.some((w) => /damaged|inflate/i.test(w.message))).toBe(true);
    expect(strip(lean.result)).toBe(strip(kept.result));
  });
});

describe('BufferContent.keepOnly', () => {
  const bytes = Buffer.from(Array.from({ length: 80_000 }, (_, i) => `line ${i} of the file\n`).join(''));
  const again = async () => Buffer.from(bytes);

  it('answers reads inside the kept ranges from them, and any other read from the file made again', async () => {
    let made = 0;
    const c = new BufferContent(Buffer.from(bytes), async () => {
      made++;
      return again();
    });
    expect(c.keepOnly([100, 50, 120, 100, 5000, 10], 3)).toBe(true);
    expect(c.size).toBe(bytes.length);
    expect((await c.read(100, 120)).equals(bytes.subarray(100, 220))).toBe(true);
    expect((await c.read(5002, 8)).equals(bytes.subarray(5002, 5010))).toBe(true);
    expect(made).toBe(0);
    expect((await c.read(5002, 9)).equals(bytes.subarray(5002, 5011))).toBe(true);
    expect(made).toBe(1);
    expect((await c.read(0, 10)).equals(bytes.subarray(0, 10))).toBe(true);
    expect(made).toBe(1);
    expect(await c.text()).toBe(bytes.toString());
  });

  it('keeps a file whole that cannot be made again, is small, or would keep more than half', () => {
    expect(new BufferContent(Buffer.from(bytes)).keepOnly([0, 10], 1)).toBe(false);
    expect(new BufferContent(Buffer.from('small'), again).keepOnly([0, 1], 1)).toBe(false);
    expect(new BufferContent(Buffer.from(bytes), again).keepOnly([0, bytes.length * 0.6], 1)).toBe(false);
  });

  it('a file that reads back otherwise fails the read instead of answering wrong', async () => {
    const c = new BufferContent(Buffer.from(bytes), async () => bytes.subarray(1));
    expect(c.keepOnly([0, 10], 1)).toBe(true);
    await expect(c.read(100, 10)).rejects.toThrow(/reads back/);
  });
});
