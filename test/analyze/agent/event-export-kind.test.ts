// agent-not-running reads the Windows event log's word (a crash, the service running again) from the files ingest
// classified as event exports, not from files whose name looks like one (rules/agent-not-running.ts, fileKindTest).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { CASES_DIR } from '../../accuracy/score';

const tmp = mkdtempSync(join(tmpdir(), 'vmbd-event-kind-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A real case's file handed in under another name (a path inside a folder bundle), alone. */
async function renamed(caseId: string, file: string, as: string): Promise<AnalysisResult> {
  const dir = join(tmp, `${caseId}-${as.replace(/\W/g, '_')}`);
  mkdirSync(join(dir, as, '..'), { recursive: true });
  writeFileSync(join(dir, as), readFileSync(join(CASES_DIR, caseId, 'files', file)));
  return (await analyzeBundle([dir])).result;
}
const kinds = (r: AnalysisResult) => r.files.map((f) => f.kind);
const notRunning = (r: AnalysisResult) => r.findings.find((f) => f.cause === 'agent-not-running')!;

describe('the event log is told by the file\'s kind, not its name', () => {
  it('a Linux agent log named SystemInfo.txt is no event export: its crash is not a Windows service crash', async () => {
    // waagent-812: "Agent WALinuxAgent-2.2.10 failed with exception" (Azure/WALinuxAgent#812)
    // (its name matched the old test of a file's name, /\.(evtx|csv|xml|txt)$|Event|Application|System/i: "The Windows
    // event log shows the agent terminating unexpectedly")
    const r = await renamed('waagent-812-extension-log-dir-deleted', 'waagent.log', 'var/log/SystemInfo.txt');
    expect(r.files.map((f) => [f.vmPath, f.kind])).toEqual([['var/log/SystemInfo.txt', 'waagent-log']]);
    expect(notRunning(r).reason).not.toMatch(/Windows event log/);
    expect(notRunning(r).verdict).not.toBe('detected');
  });

  it('an event export saved under another name still says the service is running again', async () => {
    // win-neg-jpaztech: SCM 7031 (RdAgent terminated, restarted) then 7036 (running): a self-update, not a stopped agent
    for (const as of ['System-events.txt', 'rdagent-7031.log']) {
      const r = await renamed('win-neg-jpaztech-rdagent-7031-agent-update', 'System-events.txt', as);
      expect(kinds(r)).toEqual(['windows-event-export']);
      expect(notRunning(r).verdict).not.toBe('detected');
    }
  });
});
