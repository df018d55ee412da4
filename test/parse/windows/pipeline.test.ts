import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { parserFor } from '../../../src/main/parse/registry';
import { VSS_8194_WRAPPED } from './samples';

/** Windows files as a ticket brings them (a flat folder), through the whole pipeline. */
const root = mkdtempSync(join(tmpdir(), 'win-pipeline-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function analyse(name: string, files: Record<string, string>) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  const { result } = await analyzeBundle([dir], {});
  return result;
}

// http://gilkirkpatrick.com/Blog/post/Volume-Shadow-Copy-Service-operation-failed2c-error-0x800423f0 (verbatim)
const VSSADMIN = `Writer name: 'Microsoft Hyper-V VSS Writer'
   Writer Id: {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}
   Writer Instance Id: {6162e336-7448-4371-93a7-29581512b103}
   State: [8] Failed
   Last error: Inconsistent shadow copy
`;
// the Azure Backup guide's IaaSBcdrExtension.log lines, cut after PrepareForBackup (a VSS hang)
const BCDR_HANG = '[Information]:\tLoading configuration {ConfigFile = C:\\Packages\\Plugins\\Microsoft.Azure.RecoveryServices.VMSnapshot\n[Information]:\tRegistered the provider with VSS\n[Information]:\tWaiting for GatherWriterMetadata\nAdding drive to snapshotset....\n[Information]:\tWaiting for GatherWriterStatusPreBackup\n[Information]:\tWaiting for PrepareForBackup\n';

// Runs once the format registry routes the Windows kinds to their parsers (the registry rework wires them).
describe.skipIf(!parserFor('windows-vss-writers'))('Windows evidence reaches the snapshot rules', () => {
  it('a failed VSS writer is a VSS (fsfreeze-failed) finding with the vssadmin lines as evidence', async () => {
    const r = await analyse('vss', { 'vssadmin.txt': VSSADMIN });
    expect(r.files.map((f) => f.kind)).toEqual(['windows-vss-writers']);
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed');
    expect(f?.verdict).toBe('detected');
    expect(f?.evidence.some((e) => e.text.includes('[8] Failed'))).toBe(true);
  });

  it('an IaaSBcdrExtension.log that ends waiting for VSS is a VSS hang, not a missing snapshot daemon', async () => {
    const r = await analyse('hang', { 'IaaSBcdrExtension.log': BCDR_HANG });
    expect(r.findings.find((x) => x.cause === 'fsfreeze-failed')?.verdict).toBe('detected');
    const stuck = r.findings.find((x) => x.cause === 'extension-stuck');
    if (stuck?.verdict === 'detected') expect(stuck.reason).not.toContain('daemon never started');
  });
});

describe('a bundle holding only a harmless VSS event', () => {
  const VSS_8194 = VSS_8194_WRAPPED;

  it('says it read the 8194 event and judged it harmless (en/nl), and nothing comes out above low', async () => {
    const r = await analyse('vss-8194', { 'Application.txt': VSS_8194 });
    expect(r.files.map((f) => f.kind)).toEqual(['windows-event-export']);
    const seen = r.benign?.find((b) => b.id === 'vss-8194-writer-callback');
    expect(seen).toMatchObject({ count: 1, evidence: [{ line: 1 }] });
    expect(seen?.title.en).toMatch(/^Known harmless VSS event \(8194: /);
    expect(seen?.title.nl).toMatch(/^Bekende onschuldige VSS-gebeurtenis \(8194: /);
    expect(r.findings.filter((f) => f.verdict === 'detected' && f.confidence !== 'low')).toEqual([]);
  });
});

describe("a bundle holding only the COM+ SOAP Services warning about the Backup extension's assembly (Japanese)", () => {
  it('reads the event (no "not a recognised export"), judges it harmless (en/nl), and nothing comes out above low', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(__dirname, '../../cases/win-neg-jpabrs-gac-assembly-removal-warning/files/Application-events.txt'), 'utf8');
    const r = await analyse('gac', { 'Application-events.txt': text });
    expect(r.files.map((f) => f.kind)).toEqual(['windows-event-export']);
    expect(r.warnings.map((w) => w.message).filter((m) => /not a recognised|without a readable event/.test(m))).toEqual([]);
    expect(r.stats.records).toBe(1);
    // cited at its description (the Message line), which names the assembly
    const seen = r.benign?.find((b) => b.id === 'backup-gac-assembly-retry');
    expect(seen).toMatchObject({ count: 1, evidence: [{ line: 3 }] });
    expect(seen?.title.nl).toMatch(/^Bekende onschuldige COM\+ SOAP Services-gebeurtenis/);
    expect(r.findings.filter((f) => f.verdict === 'detected' && f.confidence !== 'low')).toEqual([]);
  });
});
