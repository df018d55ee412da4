import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/shared';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { buildReportModel, renderHtml, renderMarkdown } from '../../src/main/report';
import { toCliJson } from '../../src/main/report/json';
import { localFolders, stripFolders } from '../../src/main/report/local-paths';
import { ROOT, SAMPLE } from '../helpers/paths';
import { sampleResult } from './fixture';

/**
 * A redacted report leaves out the engineer's own folders (issue 21 point 10): the inputs by base name,
 * a folder input's files relative to it; the VM's paths stay.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function renderAll(r: AnalysisResult, redact: boolean): string[] {
  const m = buildReportModel(r, { lang: 'en', redact, now: new Date('2026-11-24T06:00:00Z') });
  return [renderHtml(m), renderMarkdown(m), JSON.stringify(toCliJson(m.result)), JSON.stringify(m.result)];
}

describe('the engineer’s local paths in a redacted report', () => {
  it('a zip and a folder opened from the engineer’s home: base names and relative paths only', async () => {
    const home = mkdtempSync(join(tmpdir(), 'vmbd-home-'));
    dirs.push(home);
    const ticket = join(home, 'alice', 'Downloads', 'ticket-4711');
    mkdirSync(ticket, { recursive: true });
    copyFileSync(SAMPLE, join(ticket, 'logs.zip'));
    cpSync(join(ROOT, 'assets', 'sample', 'vm'), join(ticket, 'vm-folder'), { recursive: true });
    const r = (await analyzeBundle([join(ticket, 'logs.zip'), join(ticket, 'vm-folder')])).result;
    // the unredacted result has them (a folder's files name their path on this machine)
    expect(JSON.stringify(r)).toContain(ticket);
    for (const out of renderAll(r, true)) {
      expect(out).not.toContain(home);
      expect(out).not.toContain('alice');
      expect(out).not.toContain('Downloads');
    }
    const m = buildReportModel(r, { lang: 'en', redact: true });
    expect(m.result.inputs.map((i) => i.path)).toEqual(['logs.zip', 'vm-folder']);
    // (the folder's copies of the zip's files are read once, from the zip; its other files name the folder)
    const fromFolder = m.result.files.filter((f) => f.input === 1);
    expect(fromFolder.length).toBeGreaterThan(0);
    for (const f of fromFolder) expect(f.origin).toMatch(/^vm-folder\/[^/]/);
    // the VM's own paths are untouched
    expect(m.result.files.map((f) => f.vmPath)).toEqual(r.files.map((f) => f.vmPath));
    expect(renderMarkdown(m)).toContain('var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
    // not redacted: the engineer asked for everything
    expect(renderAll(r, false)[0]).toContain(ticket);
  });

  it('Windows inputs (C:\\Users\\alice\\…) go, C:\\WindowsAzure\\… of the VM stays', () => {
    const base = sampleResult();
    const local = 'C:\\Users\\alice\\Downloads\\ticket-4711\\';
    const r: AnalysisResult = {
      ...base,
      inputs: [{ path: `${local}vm-logs.zip`, kind: 'folder', files: 4, warnings: [`${local}vm-logs.zip: one member could not be read`] }],
      files: base.files.map((f) => ({ ...f, origin: `${local}vm-logs.zip!${f.vmPath}` })),
      warnings: [
        { message: `c:/users/alice/downloads/ticket-4711/vm-logs.zip: named .gz but is not gzip data; read as is` },
        { file: 'WindowsAzure/Logs/WaAppAgent.log', message: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log is tail-truncated' },
      ],
    };
    for (const out of renderAll(r, true)) {
      expect(out).not.toMatch(/alice/i);
      expect(out).toContain('vm-logs.zip');
    }
    const m = buildReportModel(r, { lang: 'en', redact: true });
    expect(m.result.warnings[1].message).toBe('C:\\WindowsAzure\\Logs\\WaAppAgent.log is tail-truncated');
    expect(m.result.files[0].origin).toBe(`vm-logs.zip!${base.files[0].vmPath}`);
  });

  it('which folders count as the engineer’s', () => {
    expect(localFolders([{ path: '/home/alice/Downloads/ticket-4711/logs.zip' }])).toEqual(['/home/alice/Downloads/ticket-4711/']);
    expect(localFolders([{ path: '/home/alice/cases/vm/' }])).toEqual(['/home/alice/cases/']);
    // the CLI run on the VM itself, an SSH target, pasted text, a bare name, a drive root: nothing to leave out
    expect(localFolders([{ path: '/var/log/waagent.log' }, { path: 'C:\\WindowsAzure\\Logs' }, { path: 'ssh://azureuser@10.0.0.4' }, { path: 'pasted text' }, { path: 'logs.zip' }, { path: 'D:\\vm.zip' }])).toEqual([]);
    const strip = stripFolders(localFolders([{ path: '/srv2/eng/a.zip' }, { path: '/srv2/eng/sub/b.zip' }]));
    expect(strip('/srv2/eng/sub/b.zip and /srv2/eng/a.zip!var/log/waagent.log')).toBe('b.zip and a.zip!var/log/waagent.log');
  });
});
