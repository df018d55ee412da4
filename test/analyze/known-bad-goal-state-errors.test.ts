import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';

describe('goal-state errors that are a known-bad release’s sign', () => {
  it('rank after the release itself, however many there are (WALinuxAgent#945, the same lines a night before too)', async () => {
    // the case's four lines (2.2.19: "[ProtocolError] /var/lib/waagent/GoalState.1.xml is missing."), and the same
    // run a night earlier: four unrecovered goal-state errors instead of two
    const log = readFileSync(join('test', 'cases', 'waagent-945-goalstate-1-missing-backup-not-working', 'files', 'waagent.log'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    writeFileSync(join(dir, 'waagent.log'), log.replaceAll('2017/12/15', '2017/12/14') + log);
    const { result } = await analyzeBundle([dir]);
    const detected = result.findings.filter((f) => f.verdict === 'detected');
    expect(detected[0]?.cause).toBe('agent-outdated');
    const stuck = detected.find((f) => f.cause === 'agent-unresponsive');
    expect(stuck?.strength).toBe('weak');
    expect(stuck?.confidence).toBe('low');
  }, 60_000);
});
