// A supported goal-state agent named on a line without a time (a `waagent --version` paste, a `ps` listing) may have
// been read after the failure, from an agent that updated itself since: it does not rule out an older agent at the
// failure with high confidence. One below the minimum is still a possible cause (agents do not go back down), at the
// weight of a dated old log's line, and a timed line before the failure still rules it out. The bundles are real cases' files (test/cases).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { AnalysisResult, Finding } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { CASES_DIR } from '../../accuracy/score';

const outdatedOf = async (id: string): Promise<Finding> => {
  const r: AnalysisResult = (await analyzeBundle([join(CASES_DIR, id, 'files')])).result;
  return r.findings.find((f) => f.cause === 'agent-outdated')!;
};

describe('an untimed supported agent version rules out an old agent at low only', () => {
  it('`waagent --version` pasted alone (WALinuxAgent #3156): 2.9.1.1, ruled out at low, and the reason says why', async () => {
    const f = await outdatedOf('neg-waagent-3156-rhel10-collect-logs-cgroups-exception');
    expect(f).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
    expect(f.reason).toContain('The line that names it has no time');
    expect(f.reasonNl).toContain('De regel met deze versie heeft geen tijd');
  });

  it('a paste beside a timed waagent.log whose lines do not name the goal-state agent (ext-1922): low', async () => {
    const f = await outdatedOf('ext-1922-ubuntu2404-vmsnapshot-9218-python312');
    expect(f).toMatchObject({ verdict: 'ruled-out', confidence: 'low' });
  });

  it('an untimed version below the minimum counts as a possible cause, low, as a dated old log does (WALinuxAgent #804: 2.2.14.1 from `waagent -version`)', async () => {
    // the line may be from a log older than the minimum (#804 is from 2017) as well as from today's: without its time
    // it says no more than a dated old log's line, which is low
    const f = await outdatedOf('waagent-804-service-failed-exit-code');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(f.reason).toContain('The line that names it has no time');
    expect(f.reasonNl).toContain('De regel met deze versie heeft geen tijd');
  });

  it('a timed heartbeat of a supported agent still rules it out at high (WALinuxAgent #2940)', async () => {
    const f = await outdatedOf('neg-waagent-2940-b1ls-heartbeats-hourly-manifest');
    expect(f).toMatchObject({ verdict: 'ruled-out', confidence: 'high' });
    expect(f.reason).not.toContain('has no time');
  });
});
