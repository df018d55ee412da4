import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../../helpers/paths';
import { LogBuilder, analyzeFiles } from '../agent/helpers';

/**
 * Healthy logs are cases too: a VM whose agent and backups work must get no finding above low, and
 * the verdict must say that no guest-side cause was found instead of naming a hint.
 */
const VM = join(ROOT, 'assets', 'sample', 'vm');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function nothingAboveLow(r: AnalysisResult): void {
  const loud = r.findings.filter((f) => f.verdict === 'detected' && f.confidence !== 'low');
  expect(loud.map((f) => `${f.cause} ${f.confidence}: ${f.reason}`)).toEqual([]);
  expect(r.verdict.cause).toBeUndefined();
  expect(r.verdict.summary).toMatch(/No guest-side cause found/);
}

describe('healthy bundles give no finding above low', () => {
  it('the sample VM with four good nights and no failed task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-healthy-'));
    dirs.push(dir);
    cpSync(VM, dir, { recursive: true });
    const ext = join(dir, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
    const lines = readFileSync(ext, 'utf8').split('\n');
    writeFileSync(ext, lines.slice(0, lines.findIndex((x) => x.startsWith('2026-11-19 22:0') || x.startsWith('2026/11/19 22:0'))).join('\n'));
    rmSync(join(dir, 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status'), { recursive: true, force: true });
    const r = (await analyzeBundle([dir])).result;
    expect(r.snapshots.length).toBeGreaterThanOrEqual(4);
    expect(r.snapshots.every((t) => t.result === 'success')).toBe(true);
    nothingAboveLow(r);
  });

  it.each([
    ['today\'s agent (2.9 goal-state agent under a 2.2.45 daemon)', '2.9.1.1'],
    ['a 2.2.53 goal-state agent (the supported minimum)', '2.2.53.1'],
    ['a 2.15 goal-state agent', '2.15.0.1'],
  ])('%s: boot, heartbeats every 30 minutes and nightly goal states', async (_name, gsa) => {
    const log = new LogBuilder().boot('2026-11-15T08:00:00Z', gsa).heartbeats('2026-11-15T08:30:00Z', '2026-11-19T08:00:00Z', 30, gsa);
    for (let d = 15; d <= 18; d++) log.goalState(`2026-11-${d}T22:00:03Z`, d - 4);
    const r = await analyzeFiles({ 'var/log/waagent.log': log.text(), 'etc/hostname': 'vm-healthy\n' });
    expect(r.agent.heartbeats).toBeGreaterThan(150);
    nothingAboveLow(r);
  });

  it('a harmless DHCP-client warning on a distro without dhclient stays harmless', async () => {
    const log = new LogBuilder().boot('2026-11-15T08:00:00Z').heartbeats('2026-11-15T08:30:00Z', '2026-11-16T08:00:00Z');
    log.goalState('2026-11-15T22:00:03Z', 11);
    // the line as the agent writes it (WALinuxAgent issues #1670, #1671)
    log.raw('2026-11-15T22:00:09.190879Z WARNING EnvHandler ExtHandler Dhcp client is not running.');
    log.goalState('2026-11-15T22:10:03Z', 12);
    const r = await analyzeFiles({ 'var/log/waagent.log': log.text() });
    nothingAboveLow(r);
    expect(r.benign?.find((b) => b.id === 'dhcp-client-not-running')).toMatchObject({ count: 1, source: expect.stringMatching(/^https:\/\/github\.com\/Azure\/WALinuxAgent\/issues\//) });
  });

  it("the agent's log collector killed in its own 30 MB cgroup is shown as harmless (Azure/WALinuxAgent#2825)", async () => {
    const r = (await analyzeBundle([join(ROOT, 'test', 'cases', 'neg-waagent-2825-logcollector-oom-kill', 'files')])).result;
    nothingAboveLow(r);
    expect(r.benign?.find((b) => b.id === 'log-collector-oom-kill')).toMatchObject({ count: 1, source: 'https://github.com/Azure/WALinuxAgent/pull/2559' });
  });

  it("a new extension's state written before its folder exists is shown as harmless (Azure/WALinuxAgent#530)", async () => {
    // "ERROR [Microsoft.Azure.Extensions.CustomScript-2.0.2] Failed to set state: [Errno 2] No such file or directory:
    // '/var/lib/waagent/Microsoft.Azure.Extensions.CustomScript-2.0.2/config/HandlerState'", then the package unpacked
    const r = (await analyzeBundle([join(ROOT, 'test', 'cases', 'neg-waagent-530-failed-to-set-state-new-extension', 'files')])).result;
    nothingAboveLow(r);
    expect(r.findings.filter((f) => f.verdict === 'detected').map((f) => f.cause)).toEqual([]);
    expect(r.benign?.find((b) => b.id === 'handler-state-before-folder')).toMatchObject({ count: 1, source: 'https://github.com/Azure/WALinuxAgent/issues/530' });
  });

  it("the agent's other handler-state failures stay evidence (waagent-1059: the status file could not be saved)", async () => {
    // "Failed to save handler status: [Errno 2] No such file or directory: …/status/…" is not the new extension's setup
    const r = (await analyzeBundle([join(ROOT, 'test', 'cases', 'waagent-1059-extension-downgrade-not-allowed', 'files')])).result;
    expect(r.benign?.find((b) => b.id === 'handler-state-before-folder')).toBeUndefined();
  });
});
