import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/main/pipeline/analyze-bundle';
import { backupSucceededAfter, healthyFileBeside, nextNightSucceeded, type Files } from '../accuracy/perturb';
import { caseFiles } from '../accuracy/score';
import { writeBundle } from '../helpers/bundle';

/**
 * A Windows bundle whose next night's backup worked (the successful run of test/cases/win-neg-tsg-vmsnapshot-snapshot-complete,
 * a day after the case's newest line, test/accuracy/perturb.ts nextNightSucceeded), and a healthy System export beside a case.
 */
const tmp = mkdtempSync(join(tmpdir(), 'vmbd-later-success-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const filesOf = (id: string): Files => caseFiles(join('test', 'cases', id)).map(([n, b]) => [n, b.toString('utf8')]);
const written = (files: Files, name: string): string => writeBundle(join(tmp, name), files);

describe("a Windows failure and the next night's successful backup", () => {
  it('one IaaSBcdrExtension.log holding both runs: two tasks, the failure still found and said to be past', async () => {
    const { result } = await analyzeBundle([written(nextNightSucceeded(filesOf('win-tsg-vmsnapshot-install-provider-com'))!, 'tsg')]);
    expect(result.snapshots.map((t) => t.result)).toEqual(['failed', 'success']);
    expect(result.failedTask).toBeDefined();
    const first = result.findings[0];
    expect([first.cause, first.verdict, first.confidence]).toEqual(['extension-failed-state', 'detected', 'medium']);
    expect(result.verdict.summary).toContain('A later backup (started 2018-12-05');
  });

  it('the plugin log beside WaAppAgent.log in one folder is read, and the agent hang before it is history', async () => {
    const { result } = await analyzeBundle([written(nextNightSucceeded(filesOf('win-learn-agent-stuck-stopping'))!, 'stopping')]);
    expect(result.files.map((f) => [f.vmPath, f.kind])).toContainEqual(['WindowsAzure/Logs/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/unknown/IaaSBcdrExtension.log', 'windows-plugin-log']);
    expect(result.snapshots.map((t) => t.result)).toEqual(['success']);
    const hang = result.findings.find((f) => f.cause === 'agent-unresponsive')!;
    expect([hang.verdict, hang.confidence, hang.role, hang.relation]).toEqual(['detected', 'low', 'background', 'history']);
  });
});

describe('the agent failed to install, and a backup worked three hours later', () => {
  it('is a failure of its time, not the VM\'s state: the Backup extension ran later, and only a running agent starts it', async () => {
    const { result } = await analyzeBundle([written(backupSucceededAfter(3 * 3_600_000, 'windows')(filesOf('win-learn-agent-install-wmi'))!, 'install-wmi')]);
    expect(result.snapshots.map((t) => t.result)).toEqual(['success']);
    const down = result.findings.find((f) => f.cause === 'agent-not-running')!;
    expect([down.verdict, down.confidence, down.role, down.relation]).toEqual(['detected', 'low', 'background', 'history']);
    expect(down.reason).toContain('the Backup extension ran a backup after it (started 2019-12-12 15:49:05Z)');
    expect(down.reasonNl).toContain('de back-upextensie voerde daarna een back-up uit');
    expect(result.findings.filter((f) => f.verdict === 'detected' && f.confidence !== 'low')).toEqual([]);
    // a successful backup from before the install (untimed lines aside) proves nothing of after it
    const before = (await analyzeBundle([written(healthyFileBeside('windows')(filesOf('win-learn-agent-install-wmi'))!, 'install-wmi-before')])).result;
    expect(before.findings.find((f) => f.cause === 'agent-not-running')?.reason).not.toContain('ran a backup after it');
  });
});

describe('RdAgent terminated once and entered the running state again (SCM 7031, then 7036)', () => {
  it('is not an agent that does not run, alone or beside another case', async () => {
    const alone = (await analyzeBundle([join('test', 'cases', 'win-neg-jpaztech-rdagent-7031-agent-update', 'files')])).result;
    expect(alone.findings.find((f) => f.cause === 'agent-not-running')?.verdict).not.toBe('detected');
    const beside = (await analyzeBundle([written(healthyFileBeside('windows')(filesOf('win-learn-npcap-loopback-no-fabric-address'))!, 'npcap')])).result;
    expect(beside.files.map((f) => f.kind)).toContain('windows-event-export');
    expect(beside.findings.filter((f) => f.verdict === 'detected').map((f) => f.cause)).toEqual(['dhcp-disabled']);
  });
});
