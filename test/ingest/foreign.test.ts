import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/main/ingest';
import { formatText } from '../../src/main/cli/text';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { foreignContent } from '../../src/shared/formats';

const ROOT = join(__dirname, '..', '..');
/** A real Application event log in its binary form (fixtures/SOURCE.md). */
const EVTX = join(__dirname, 'fixtures', 'Application.evtx');
/** The app's own icon: a real PNG. */
const PNG = join(ROOT, 'assets', 'icon.png');
/** A real agent log (test/cases/win-learn-wireserver-hostgaplugin-blocked, Microsoft Learn). */
const WAAPPAGENT = join(ROOT, 'test', 'cases', 'win-learn-wireserver-hostgaplugin-blocked', 'files', 'WaAppAgent.log');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vmbd-foreign-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('what a file no format reads was taken for', () => {
  it('tells images, event logs, programs, binary data and text apart by their first bytes', async () => {
    expect(foreignContent(await readFile(PNG))).toBe('png');
    expect(foreignContent(await readFile(EVTX))).toBe('evtx');
    expect(foreignContent(Buffer.from('hello world\nthis is not a log\n'))).toBe('text');
    expect(foreignContent(Buffer.from([0xff, 0xfe, 0x4c, 0x00, 0x6f, 0x00]))).toBe('text'); // UTF-16LE "Lo"
    expect(foreignContent(Buffer.from([1, 2, 3, 0, 4]))).toBe('binary');
    expect(foreignContent(Buffer.alloc(0))).toBeUndefined();
  });

  it('an empty folder, a zero-byte zip, a PNG named .zip and random text: nothing to analyse, each file said', async () => {
    await mkdir(join(dir, 'empty'));
    await writeFile(join(dir, 'zero.zip'), '');
    await writeFile(join(dir, 'image.zip'), await readFile(PNG));
    await writeFile(join(dir, 'notes.txt'), 'hello world\nthis is not a log\n');
    const inputs = ['empty', 'zero.zip', 'image.zip', 'notes.txt'].map((n) => join(dir, n));
    const r = await ingest(inputs);
    expect(r.inputs.map((i) => [i.kind, i.files])).toEqual([
      ['folder', 0],
      ['single-file', 1],
      ['single-file', 1],
      ['single-file', 1],
    ]);
    expect(r.files.map((f) => [f.vmPath, f.kind, f.size, f.seenAs])).toEqual([
      ['zero.zip', 'other', 0, undefined],
      ['image.zip', 'other', (await readFile(PNG)).length, 'png'],
      ['notes.txt', 'other', 30, 'text'],
    ]);
    // the analysis runs and finds nothing: no record, no fact, no detected cause (the window shows "Nothing to analyse")
    const { result } = await analyzeBundle(inputs);
    expect(result.stats.records).toBe(0);
    expect(result.stats.facts).toBe(0);
    expect(result.findings.filter((f) => f.verdict === 'detected')).toEqual([]);
    expect(result.files.find((f) => f.vmPath === 'image.zip')?.seenAs).toBe('png');
    // the CLI says the same, never a verdict or an Azure checklist built on no evidence
    const text = formatText(result);
    expect(text.split('\n')[0]).toBe('Nothing to analyse.');
    expect(text).toContain('image.zip is a PNG image, not a zip.');
    expect(text).toContain('- zero.zip: empty (0 bytes)');
    expect(text).toContain('- notes.txt: text, but no line of it is in a log format this app reads');
    expect(text).toContain('empty: no files in it.');
    expect(text).toContain('waagent -collect-logs');
    expect(text).not.toMatch(/Verdict|No guest-side cause|Check in Azure/);
  });

  it('a file of a known format with nothing usable in it is named by its format\'s title, not its kind id', async () => {
    // a scale set's own instance view (real REST output, test/fixtures/platform/SOURCE.md): read, nothing taken from it
    const view = join(ROOT, 'test', 'fixtures', 'platform', 'rest-api-specs-3593-vmss-instance-view.json');
    const { result } = await analyzeBundle([view]);
    expect(result.files.map((f) => f.kind)).toEqual(['instance-view-json']);
    expect(result.stats.facts).toBe(0);
    const en = formatText(result);
    expect(en.split('\n')[0]).toBe('Nothing to analyse.');
    // (the format's title holds for every shape it reads; the reader's own word says this one is a scale set's view)
    expect(en).toMatch(
      /: read as an instance view from Azure \(az vm get-instance-view, Get-AzVM -Status, or part of one\), but nothing in it could be used: a scale set's instance view: it counts its VMs' states and says no one VM's, so none of it is read; take the VM's own with az vmss get-instance-view --instance-id <id>$/m,
    );
    expect(formatText(result, 'nl')).toMatch(
      /: gelezen als een instance view uit Azure \(az vm get-instance-view, Get-AzVM -Status, of een deel ervan\), maar er stond niets bruikbaars in: een instance view van een schaalset: die telt/m,
    );
    expect(`${en}${formatText(result, 'nl')}`).not.toContain('instance-view-json');
    expect(`${en}${formatText(result, 'nl')}`).not.toMatch(/the VM's instance view|instance view van de VM/);
  });

  it("a known format's file its reader could not use says why, in each language (an instance view cut short)", async () => {
    // Microsoft Learn's extension views (test/fixtures/platform/SOURCE.md), cut after 200 bytes as a broken download would
    const learn = await readFile(join(ROOT, 'test', 'fixtures', 'platform', 'learn-features-linux-extensions.json'));
    const cut = join(dir, 'cut', 'instance-view.json');
    await mkdir(join(dir, 'cut'), { recursive: true });
    await writeFile(cut, learn.subarray(0, 200));
    const { result } = await analyzeBundle([cut]);
    expect(result.stats.facts).toBe(0);
    expect(formatText(result)).toMatch(/- instance-view\.json: read as an instance view from Azure \([^)]*\), but nothing in it could be used: invalid JSON\b/);
    expect(formatText(result, 'nl')).toMatch(/- instance-view\.json: gelezen als een instance view uit Azure \([^)]*\), maar er stond niets bruikbaars in: ongeldige JSON\b/);
  });

  it('an .evtx in a bundle with logs says what it is and how to export it readable; the logs are still read', async () => {
    const zip = join(dir, 'windows-logs.zip');
    await writeFile(zip, zipSync({ 'WindowsAzure/Logs/WaAppAgent.log': await readFile(WAAPPAGENT), 'Windows/System32/winevt/Logs/Application.evtx': await readFile(EVTX) }));
    const r = await ingest([zip]);
    const evtx = r.files.find((f) => f.vmPath.endsWith('Application.evtx'))!;
    expect(evtx).toMatchObject({ kind: 'other', seenAs: 'evtx' });
    const note = evtx.warnings.map((w) => w.message).join('\n');
    expect(note).toMatch(/a Windows event log in its binary form \(\.evtx\), which this app cannot read/);
    expect(note).toContain('Save All Events As… as .xml, .csv or .txt');
    expect(note).toContain('wevtutil qe System /f:xml > System.xml');
    expect(r.files.find((f) => f.vmPath === 'WindowsAzure/Logs/WaAppAgent.log')?.kind).toBe('windows-agent-log');
    // other unread files of a bundle with logs are not looked into (no read per file of a big VM tree)
    expect(r.files.filter((f) => f.seenAs && f.seenAs !== 'evtx')).toEqual([]);
  });

  it('a loose .evtx alone: nothing to analyse, the file said to be a binary event log', async () => {
    const p = join(dir, 'System.evtx');
    await writeFile(p, await readFile(EVTX));
    const { result } = await analyzeBundle([p]);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject({ kind: 'other', seenAs: 'evtx' });
    expect(result.warnings.some((w) => /Save All Events As/.test(w.message))).toBe(true);
    expect(result.stats.records).toBe(0);
    expect(formatText(result)).toContain('Export the event logs readable: in Event Viewer');
  });
});
