import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult, BundleInput, Fact, FileKind } from '../../src/shared';
import { missingEvidence } from '../../src/main/analyze/missing-evidence';
import { checkDeclarations, FORMATS, kindOfPath, recognise, SPLITTABLE } from '../../src/shared/formats';
import { ingest } from '../../src/main/ingest';
import { guessVmPath } from '../../src/main/ingest/loose';
import { PARSERS, parserFor } from '../../src/main/parse/registry';
import { COLLECT_GLOBS } from '../../src/main/ssh/remote';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

/**
 * The format declarations (src/shared/formats) decide where a file lived and how it is read. The same bytes must
 * give the same kind, records and facts whatever the file is called (its real name, a renamed copy, a `.txt`
 * copy) and wherever it sits (loose, in a flat folder), and every real case gives the same verdict from its files
 * under any of those names, bzip2'd, and from a paste of its text.
 */

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');
const CASES = join(ROOT, 'test', 'cases');

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

interface Read {
  kind: string;
  records: string[];
  facts: string[];
}

/** Ingests `input` and parses the file that came from `origin` (or the only one) with its kind's parser. */
async function readAs(input: string, pick?: (origin: string) => boolean): Promise<Read> {
  const { files } = await ingest([input]);
  const id = pick ? files.findIndex((f) => pick(f.origin)) : 0;
  const f = files[id];
  if (!f) throw new Error(`${input}: no file`);
  const records: string[] = [];
  const facts: Fact[] = [];
  const parser = parserFor(f.kind);
  const { content, ...rest } = f;
  if (parser) await parser({ file: { ...rest, id }, content }, { record: (r) => records.push(JSON.stringify([r.line, r.lineCount, r.timeMs, r.level, r.offset, r.length])), fact: (x) => facts.push(x), warn: () => {} });
  // the file's VM path differs with its name (`15.status` vs `unknown.status`): compare what was read, not where
  return { kind: f.kind, records, facts: facts.map((x) => JSON.stringify({ ...x, at: { ...x.at, file: '' } }, (k, v) => (k === 'seqNo' || k === 'fileId' ? undefined : v))).sort() };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'vmbd-formats-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the declarations', () => {
  it('are consistent: each sample is recognised as its own format, each canonical place maps back to it', () => {
    expect(checkDeclarations()).toEqual([]);
  });

  it('every declared log format has a parser, and every parser a declaration', () => {
    const declared = new Set(FORMATS.map((f) => f.kind));
    for (const kind of Object.keys(PARSERS)) expect(declared.has(kind as never), kind).toBe(true);
    for (const f of FORMATS) if (f.sniff?.line) expect(parserFor(f.kind), f.kind).toBeDefined();
  });

  it('derive the split set and the SSH collection list', () => {
    expect([...SPLITTABLE].sort()).toEqual(['command-execution-log', 'extension-log', 'syslog', 'waagent-log']);
    expect(COLLECT_GLOBS[0]).toBe('var/log/waagent.log');
    expect(COLLECT_GLOBS).toContain('var/lib/waagent/*/status/*.status');
    expect(COLLECT_GLOBS).toContain('var/lib/waagent/provisioned');
    expect(new Set(COLLECT_GLOBS).size).toBe(COLLECT_GLOBS.length);
  });

  it('the missing-evidence advice fits the bundle: Linux advice for a Linux bundle, Windows advice for a Windows one', () => {
    const at = (vmPath: string, kind: FileKind) => ({ id: 0, vmPath, kind, size: 1, truncated: false, origin: 'x', input: 0, warnings: [] });
    const linux = missingEvidence([at('var/log/waagent.log', 'waagent-log')]).map((m) => m.what);
    expect(linux).toContain('/var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
    expect(linux).not.toContain('/var/log/waagent.log');
    expect(linux.some((w) => /Windows/.test(w))).toBe(false);
    const windows = missingEvidence([at('WindowsAzure/Logs/WaAppAgent.log', 'windows-agent-log')]).map((m) => m.what);
    expect(windows.some((w) => w.startsWith('/'))).toBe(false);
    expect(windows.some((w) => /Windows/.test(w))).toBe(true);
  });

  it('a rotation zstd compressed (logrotate `compresscmd zstd`) is placed by its path as the .gz one is', () => {
    for (const [plain, kind] of [
      ['var/log/messages.1', 'syslog'],
      ['var/log/syslog.2', 'syslog'],
      ['var/log/messages-20240115', 'syslog'],
      ['home/azureuser/logs/waagent.log.1', 'waagent-log'],
    ] as const) {
      expect(kindOfPath(`${plain}.gz`)).toBe(kind);
      expect(kindOfPath(`${plain}.zst`)).toBe(kind);
    }
  });

  it('a head of unrelated text is recognised as nothing', () => {
    expect(recognise('Dear support,\nthe backup failed again last night.\nRegards\n')).toBeUndefined();
    expect(recognise(Buffer.from([0, 1, 2, 255, 254]))).toBeUndefined();
  });
});

describe('names an engineer gives a file', () => {
  // verbatim waagent.log records (test/fixtures/corpus/waagent/extracted, see its SOURCE.md)
  const WAAGENT = '2021-03-31T03:48:35.216494Z WARNING ExtHandler ExtHandler Fetch failed: [HttpError] [HTTP Failed] GET https://zrdfepirv2cbn04prdstr01a.blob.core.windows.net/f72653efd9e349ed9842c8b99e4c1712/Microsoft.CPlat.Core_NullSeqA_useast2euap_manifest.xml -- IOError (\'The read operation timed out\',) -- 1 attempts made\n2021-03-31T06:43:17.806663Z WARNING ExtHandler ExtHandler Download failed, switching to host plugin\n';
  // https://github.com/Azure/azure-linux-extensions/issues/1868
  const EXT = '2024-01-14 22:16:48.792020 [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0]PreSnapshot: Status Code: 200\n';

  it.each([
    ['waagent (1).log', WAAGENT, 'var/log/waagent.log', 'waagent-log'],
    ['waagent-vm1.log', WAAGENT, 'var/log/waagent.log', 'waagent-log'],
    ['waagent.log.txt', WAAGENT, 'var/log/waagent.log', 'waagent-log'],
    ['waagent-500.log', WAAGENT, 'var/log/waagent.log', 'waagent-log'],
    ['notes.txt', WAAGENT, 'var/log/waagent.log', 'waagent-log'],
    ['ticket-4711-extension.log', EXT, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', 'vmsnapshot-extension-log'],
    ['extension.log', EXT, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', 'vmsnapshot-extension-log'],
  ])('%s is placed at its VM path and read', (name, text, vmPath, kind) => {
    expect(guessVmPath(name, Buffer.from(text))).toMatchObject({ vmPath, kind });
  });

  it('a loose vm_settings.json and 0.status are read as what they are', async () => {
    const vm = await readFile(join(CORPUS, 'waagent/tests/data/hostgaplugin/vm_settings.json'));
    expect(guessVmPath('vm_settings.json', vm)).toMatchObject({ vmPath: 'var/lib/waagent/VmSettings.json', kind: 'vm-settings-json' });
    const status = await readFile(join(CORPUS, 'waagent/tests/data/ext/sample-status.json'));
    expect(guessVmPath('0.status', status)).toMatchObject({ vmPath: 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/status/0.status', kind: 'extension-status' });
    expect(kindOfPath('var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/status/0.status')).toBe('extension-status');
    // read as the Backup extension's status: its snapshot result, with the sequence number its name gives
    const p = join(tmp, '0.status');
    await writeFile(p, status);
    const facts = (await readAs(p)).facts.map((f) => JSON.parse(f) as { kind: string; handler?: string });
    expect(facts.map((f) => f.kind)).toEqual(['extension-status', 'snapshot-status']);
    expect(facts[0].handler).toBe('Microsoft.Azure.RecoveryServices.VMSnapshotLinux');
  });

  it('a renamed 500 KB waagent.log is parsed, and a big file nothing reads says so', async () => {
    const dir = join(tmp, 'big');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'waagent-500.log'), WAAGENT.repeat(2000));
    await writeFile(join(dir, 'dump.log'), 'x'.repeat(100) + '\n'.repeat(1) + 'y'.repeat(100_000));
    const { result } = await analyzeBundle([dir]);
    const log = result.files.find((f) => f.vmPath === 'var/log/waagent.log')!;
    expect(log.kind).toBe('waagent-log');
    expect(result.stats.records).toBeGreaterThanOrEqual(4000);
    expect(result.warnings.some((w) => /dump\.log .*was not read/.test(w.message))).toBe(true);
  });
});

describe('every real corpus file: the same kind, records and facts under any name, loose or in a flat folder', async () => {
  const files = (await walk(CORPUS)).filter((p) => !/(SOURCE|README)\.md$|LICENSE/.test(p));
  it('has files', () => expect(files.length).toBeGreaterThan(80));
  it.each(files.map((p) => [relative(CORPUS, p), p]))('%s', async (_rel, path) => {
    const name = basename(path);
    const variants = [`ticket-4711-${name}`, `${name}.txt`];
    const dir = await mkdtemp(join(tmp, 'c-'));
    const real = join(dir, name);
    await copyFile(path, real);
    const base = await readAs(real);
    for (const v of variants) {
      const p = join(dir, v);
      await copyFile(path, p);
      expect(await readAs(p), v).toEqual(base);
    }
    // a flat folder holding it among other files
    const flat = join(dir, 'flat');
    await mkdir(flat);
    await copyFile(path, join(flat, name));
    await writeFile(join(flat, 'notes.md'), 'the customer says backups fail since Monday\n');
    expect(await readAs(flat, (o) => o.endsWith(`/${name}`)), 'flat folder').toEqual(base);
  });
});

/** The verdict: the cause it names and every cause detected, with its confidence. */
function verdictOf(r: AnalysisResult): string {
  return JSON.stringify({ cause: r.verdict.cause ?? null, detected: r.findings.filter((f) => f.verdict === 'detected').map((f) => [f.cause, f.confidence]) });
}

/** What a case concludes, without what depends on the shape (file ids, paths, timing). */
function conclusion(r: AnalysisResult): string {
  return JSON.stringify({ verdict: r.verdict, findings: r.findings.map((f) => [f.cause, f.verdict, f.confidence]) }, (k, v) => (k === 'file' || k === 'evidence' || k === 'line' ? undefined : v));
}

describe('every real case: the same verdict from its files under any name, loose, in a nested zip, and pasted', async () => {
  const cases = (await readdir(CASES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  it.each(cases)('%s', async (c) => {
    const src = join(CASES, c, 'files');
    // (a case may keep a file at its VM path, files/var/log/waagent.log: copied out of it, it goes by its own name)
    const names = (await readdir(src, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => relative(src, join(d.parentPath, d.name)))
      .sort();
    const first = (await analyzeBundle([src])).result;
    const base = conclusion(first);
    const shapes: [string, BundleInput[]][] = [];
    for (const [label, rename] of [
      ['renamed', (n: string) => `ticket-4711-${n}`],
      ['.txt', (n: string) => `${n}.txt`],
    ] as const) {
      const d = await mkdtemp(join(tmp, 'case-'));
      for (const n of names) await copyFile(join(src, n), join(d, rename(basename(n))));
      shapes.push([label, [d]]);
    }
    shapes.push(['loose', names.map((n) => join(src, n))]);
    // each file bzip2'd as logrotate's `compresscmd bzip2` leaves it (real bzip2 output)
    const bz = await mkdtemp(join(tmp, 'bz2-'));
    for (const n of names) await writeFile(join(bz, `${basename(n)}.bz2`), execFileSync('bzip2', ['-c', join(src, n)]));
    shapes.push(['bzip2', [bz]]);
    // an unknown folder structure inside an archive inside an archive (a ticket export holding the attachments zip)
    const inner = zipSync(Object.fromEntries(await Promise.all(names.map(async (n) => [`attachments/${basename(n)} (1).txt`, new Uint8Array(await readFile(join(src, n)))] as const))));
    const outer = join(await mkdtemp(join(tmp, 'zip-')), 'ticket-4711.zip');
    await writeFile(outer, zipSync({ 'ticket-4711/mail.txt': new TextEncoder().encode('see attachments\n'), 'ticket-4711/logs.zip': inner }));
    shapes.push(['nested zip', [outer]]);
    for (const [label, inputs] of shapes) expect(conclusion((await analyzeBundle(inputs)).result), `${c} ${label}`).toBe(base);
    // a paste of each file's text (one paste per file: an excerpt is pasted whole)
    const pastes: BundleInput[] = await Promise.all(names.map(async (n) => ({ pasted: await readFile(join(src, n), 'utf8') })));
    // a paste loses the file names and layout (a terminal session saved as `shell.log` is just text): the verdict
    // must be the same; what the other causes say about missing evidence may differ
    const pasted = verdictOf((await analyzeBundle(pastes)).result);
    expect(pasted, `${c} pasted`).toBe(verdictOf(first));
  });
});
