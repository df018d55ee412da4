import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

describe("the Windows agent's stop, in the reader's language", () => {
  it('names "WindowsAzureGuestAgent stopping" in English and says it in Dutch (Microsoft Learn, win-learn-agent-stuck-stopping)', async () => {
    // the case's first line alone: the agent stopping, with no "could not be stopped" after it
    const first = readFileSync(join('test', 'cases', 'win-learn-agent-stuck-stopping', 'files', 'WaAppAgent.log'), 'utf8').split('\n')[0];
    expect(first).toContain('WindowsAzureGuestAgent stopping.');
    const dir = mkdtempSync(join(tmpdir(), 'stop-'));
    writeFileSync(join(dir, 'WaAppAgent.log'), `${first}\n`);
    const { result } = await analyzeBundle([dir]);
    const f = result.findings.find((x) => x.cause === 'agent-not-running');
    expect(f?.reason).toBe('The agent was stopped (stop signal: WindowsAzureGuestAgent stopping) and not started again before the end of its log.');
    expect(f?.reasonNl).toBe('De agent werd gestopt (stopsignaal: WindowsAzureGuestAgent stopt) en niet opnieuw gestart vóór het einde van zijn log.');
  }, 60_000);
});
