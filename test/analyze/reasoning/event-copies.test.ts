import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';

const CASES = join(__dirname, '../../cases');

async function unresponsive(id: string) {
  const { result } = await analyzeBundle([join(CASES, id, 'files')]);
  return result.findings.find((x) => x.cause === 'agent-unresponsive' && x.verdict === 'detected');
}

/**
 * 2.2.x logs the daemon's launch failure and the restart note twice: the WARNING / INFO line and its ERROR event copy
 * (op=Enable, op=Restart). A log filtered to errors holds the copies only; a whole log is read from its lines, once.
 */
describe('the event copies of 2.2.x launch failures', () => {
  it('PR #563 (2.2.2, the copies only): the crash and relaunch are read from them', async () => {
    const f = await unresponsive('waagent-pr563-2-2-2-agent-downloads-fail-exthandler-exits');
    expect(f?.reason).toContain('the goal-state agent crashed once and the daemon relaunched it');
    expect(f?.evidence.map((e) => e.line).sort()).toEqual([2, 3]);
  }, 60_000);

  it('#761 (2.2.12, the lines and their copies): cites the lines, not the copies', async () => {
    const f = await unresponsive('waagent-761-2-2-12-metadata-protocol-exthandler-restart');
    expect(f).toBeDefined();
    expect(f!.evidence.filter((e) => e.text.includes('Event: name=WALinuxAgent'))).toEqual([]);
  }, 60_000);
  it('PR #563 (2.2.2, the copies only): the goal-state agent they name is judged by agent-outdated, at low', async () => {
    const { result } = await analyzeBundle([join(CASES, 'waagent-pr563-2-2-2-agent-downloads-fail-exthandler-exits', 'files')]);
    const f = result.findings.find((x) => x.cause === 'agent-outdated');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low' });
    expect(f!.reason).toContain('WALinuxAgent 2.2.2');
    // cited at the launch's copy, the first line that names the agent that ran (line 1 names a download's target)
    expect(f!.evidence.map((e) => e.line)).toEqual([2]);
  }, 60_000);
});
