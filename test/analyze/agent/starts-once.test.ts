import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { CASES_DIR } from '../../accuracy/score';
import { analyzeFiles } from './helpers';

/**
 * One agent start is one start, however many lines say so: 2.2.x's ExtHandler writes "Agent WALinuxAgent-2.2.x is
 * running as the goal state agent" and, moments later, "WALinuxAgent-2.2.x running as process N" (its version twice);
 * the Windows agent's "WindowsAzureGuestAgent starting. Version …" is read as its start and its version. A restart is
 * a start of each process again, and a crash loop many starts. Counted where starts are counted: the timeline's agent
 * lane and the agent chart's restarts. Real lines from the cases, moved in time only.
 */
const caseFile = (id: string, name: string) => readFileSync(join(CASES_DIR, id, 'files', name), 'utf8');
const markers = (r: AnalysisResult, label: string) => r.timeline.filter((t) => t.lane === 'agent' && t.label === label).length;
const restarts = (r: AnalysisResult) => (r.activity?.agent?.series.find((s) => s.name === 'restarts')?.counts ?? []).reduce((a, b) => a + b, 0);

describe('agent starts, each counted once', () => {
  it("#761 (2.2.12): the goal-state agent's two start lines are one ExtHandler start", async () => {
    const r = await analyzeFiles({ 'var/log/waagent.log': caseFile('waagent-761-2-2-12-metadata-protocol-exthandler-restart', 'waagent.log') });
    expect(markers(r, 'ExtHandler started')).toBe(1);
    expect(restarts(r)).toBe(1);
  });

  it('#1013 (2.2.14): a service restart is a daemon start and an ExtHandler start again', async () => {
    const r = await analyzeFiles({ 'var/log/waagent.log': caseFile('neg-waagent-1013-signal-15-restart-successfully-running', 'waagent.log') });
    expect(markers(r, 'Agent daemon started')).toBe(2);
    expect(markers(r, 'ExtHandler started')).toBe(2);
    expect(restarts(r)).toBe(4);
  });

  it("#761's start written four times an hour apart (a crash loop) is four ExtHandler starts", async () => {
    const log = caseFile('waagent-761-2-2-12-metadata-protocol-exthandler-restart', 'waagent.log').trimEnd();
    // (the hour of each copy moved on: 22 → 23, 00 on the next day …; the lines are #761's)
    const at = (k: number) => log.replace(/^2017\/06\/14 22:/gm, k === 0 ? '2017/06/14 22:' : k === 1 ? '2017/06/14 23:' : `2017/06/15 0${k - 2}:`);
    const r = await analyzeFiles({ 'var/log/waagent.log': `${[0, 1, 2, 3].map(at).join('\n')}\n` });
    expect(markers(r, 'ExtHandler started')).toBe(4);
  });

  it("the Windows agent's start line is one start", async () => {
    const r = await analyzeFiles({ 'WindowsAzure/Logs/WaAppAgent.log': caseFile('win-learn-devtest-agent-oobe-wait-10min', 'WaAppAgent.log') });
    expect(markers(r, 'ExtHandler started')).toBe(1);
    expect(restarts(r)).toBe(1);
  });
});
