import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisResult, CauseId, Finding } from '../../../src/shared';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { ROOT } from '../../helpers/paths';

/**
 * The sample VM (freeze timeout, code 122, in task 7d3c2a8e… of 2026-11-19 22:00Z, after four good
 * nights) with one small, realistic change each: the verdict must stay with the failure the extension
 * itself reported, and the misleading cause may be at most low.
 */
const VM = join(ROOT, 'assets', 'sample', 'vm');
const LOG = 'var/log/waagent.log';
const TASK_ID = '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function variant(edit: (lines: string[]) => string[], extra?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmbd-reason-'));
  dirs.push(dir);
  cpSync(VM, dir, { recursive: true });
  writeFileSync(join(dir, LOG), edit(readFileSync(join(VM, LOG), 'utf8').split('\n')).join('\n'));
  extra?.(dir);
  return dir;
}

/** Inserts lines before the first line whose text sorts after `at` (lines of the 2.8+ ISO format). */
function insertAt(at: string, ...add: string[]): (lines: string[]) => string[] {
  return (l) => {
    const i = l.findIndex((x) => /^\d{4}-\d\d-\d\dT/.test(x) && x > at);
    return [...l.slice(0, i), ...add, ...l.slice(i)];
  };
}

const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected');
function finding(r: AnalysisResult, cause: CauseId): Finding {
  const f = r.findings.find((x) => x.cause === cause);
  if (!f) throw new Error(`no finding for ${cause}`);
  return f;
}
/** "at most low or not detected". */
function atMostLow(r: AnalysisResult, cause: CauseId): void {
  const f = finding(r, cause);
  if (f.verdict === 'detected') expect(f.confidence, `${cause}: ${f.reason}`).toBe('low');
}
function freezeFirst(r: AnalysisResult): void {
  const top = detected(r)[0];
  expect(top?.cause, JSON.stringify(detected(r).map((f) => [f.cause, f.confidence, f.role]))).toBe('fsfreeze-failed');
  expect(top).toMatchObject({ confidence: 'high', role: 'primary', taskId: TASK_ID });
  expect(r.verdict.cause).toBe('fsfreeze-failed');
}

describe('small realistic changes to the sample keep the verdict on the freeze', () => {
  it('the sample as is: freeze first, primary, and the verdict tells the chain', async () => {
    const r = (await analyzeBundle([VM])).result;
    freezeFirst(r);
    expect(r.verdict.summary).toMatch(/reached the (Backup )?extension/);
    expect(r.verdict.summary).toMatch(/122/);
    expect(r.verdict.summary).toMatch(/heartbeat/i);
  });

  it('one HostGAPlugin vmSettings timeout near the task → no-network-wireserver at most low', async () => {
    const dir = variant(
      insertAt(
        '2026-11-19T21:58',
        // the shape of a real agent line (WALinuxAgent 2.7+, goal-state fetch through HostGAPlugin)
        '2026-11-19T21:58:10.089958Z WARNING ExtHandler ExtHandler An error occurred while retrieving the goal state: [ProtocolError] GET vmSettings [correlation ID: da106cf5 eTag: 9856274988128027586]: Timeout',
      ),
    );
    const r = (await analyzeBundle([dir])).result;
    freezeFirst(r);
    atMostLow(r, 'no-network-wireserver');
  });

  it('two missing heartbeats while the freeze hung → agent-unresponsive at most low', async () => {
    const dir = variant((l) => l.filter((x) => !x.startsWith('2026-11-19T22:12:38') && !x.startsWith('2026-11-19T22:42:38')));
    const r = (await analyzeBundle([dir])).result;
    freezeFirst(r);
    atMostLow(r, 'agent-unresponsive');
  });

  it('a 9.5-hour power-off gap ended by a daemon start is a restart, not a hang', async () => {
    const dir = variant((l) => {
      const kept = l.filter((x) => !(x >= '2026-11-19T11:43' && x < '2026-11-19T21:12'));
      const i = kept.findIndex((x) => x.startsWith('2026-11-19T21:12:38'));
      // the daemon logs in VM local time (UTC+1 in the sample)
      return [...kept.slice(0, i), '2026/11/19 22:10:02.000417 INFO Daemon Azure Linux Agent Version:2.2.45', '2026/11/19 22:10:02.003039 INFO Daemon OS: ubuntu 20.04', ...kept.slice(i)];
    });
    const r = (await analyzeBundle([dir])).result;
    freezeFirst(r);
    const f = finding(r, 'agent-unresponsive');
    expect(f.verdict, f.reason).not.toBe('detected');
  });

  it('ovf-env ProvisionGuestAgent=false with hundreds of heartbeats and five snapshot runs → agent-not-running not detected', async () => {
    const dir = variant(
      (l) => l,
      (d) => copyFileSync(join(ROOT, 'test', 'fixtures', 'reasoning', 'ovf-env.xml'), join(d, 'var', 'lib', 'waagent', 'ovf-env.xml')),
    );
    const r = (await analyzeBundle([dir])).result;
    freezeFirst(r);
    const f = finding(r, 'agent-not-running');
    expect(f.verdict, f.reason).not.toBe('detected');
    expect(f.reason).toMatch(/ProvisionGuestAgent/);
  });

  it('a five-day-old enable failure of a handler no longer installed → extension-failed-state at most low', async () => {
    const dir = variant(
      insertAt(
        '2026-11-15T09:40',
        '2026-11-15T09:40:48.375193Z ERROR ExtHandler ExtHandler Event: name=Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux, op=Enable, message=[ExtensionOperationError] Non-zero exit code: 51, /var/lib/waagent/Microsoft.EnterpriseCloud.Monitoring.OmsAgentForLinux-1.19.0/omsagent_shim.sh -enable',
      ),
    );
    const r = (await analyzeBundle([dir])).result;
    freezeFirst(r);
    atMostLow(r, 'extension-failed-state');
  });

  it('"Dhcp client is not running." seconds after a processed goal state is known-benign, not dhcp-disabled', async () => {
    const dir = variant(insertAt('2026-11-19T22:00:06', '2026-11-19T22:00:07.190879Z WARNING EnvHandler ExtHandler Dhcp client is not running.'));
    const r = (await analyzeBundle([dir])).result;
    freezeFirst(r);
    expect(finding(r, 'dhcp-disabled').verdict).not.toBe('detected');
    expect(r.benign?.map((b) => b.id)).toContain('dhcp-client-not-running');
  });
});

describe('with no guest-side cause, an Azure-side hint never becomes the verdict', () => {
  /** The sample without its failed task: the extension's log ends before 2026-11-19 22:00 and the status files go. */
  function withoutFailure(dir: string): void {
    const ext = join(dir, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log');
    const lines = readFileSync(ext, 'utf8').split('\n');
    const cut = lines.findIndex((x) => x.startsWith('2026-11-19 22:0') || x.startsWith('2026/11/19 22:0'));
    writeFileSync(ext, lines.slice(0, cut).join('\n'));
    const shell = join(dir, 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/shell.log');
    const sl = readFileSync(shell, 'utf8').split('\n');
    const scut = sl.findIndex((x) => x.includes('2026-11-19 22:0') || x.includes('2026/11/19 22:0') || x.includes('Nov 19 22:0'));
    if (scut >= 0) writeFileSync(shell, sl.slice(0, scut).join('\n'));
    rmSync(join(dir, 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status'), { recursive: true, force: true });
  }

  it('no failed task and an Azure Disk Encryption handler → "No guest-side cause found", keyvault at most low, not the verdict', async () => {
    const dir = variant(
      (l) => l.filter((x) => !(x >= '2026-11-19T22:00' && x < '2026-11-19T22:04')),
      (d) => {
        withoutFailure(d);
        const ade = join(d, 'var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-1.1.0.55/config');
        cpSync(join(VM, 'var/lib/waagent/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.28.11/config'), ade, { recursive: true });
      },
    );
    const r = (await analyzeBundle([dir])).result;
    expect(r.snapshots.some((t) => t.result === 'failed')).toBe(false);
    expect(r.verdict.cause).toBeUndefined();
    expect(r.verdict.summary).toMatch(/No guest-side cause/);
    atMostLow(r, 'keyvault-permissions');
    expect(r.verdict.azureChecklist?.length).toBeGreaterThan(0);
    for (const f of detected(r)) expect(f.confidence, f.cause).not.toBe('high');
  });

  it('retries (several tasks a day) alone do not make rp-collection-limit the verdict', async () => {
    const r = (await analyzeBundle([VM], { portalCode: 'UserErrorRpCollectionLimitReached' })).result;
    // the freeze is what the logs show; the summary says the code points elsewhere
    expect(r.verdict.cause).toBe('fsfreeze-failed');
    expect(r.verdict.summary).toMatch(/UserErrorRpCollectionLimitReached/);
    atMostLow(r, 'rp-collection-limit');
  });

  it('the VM out of memory during the task → agent-unresponsive contributing and low; the log collector\'s kill → nothing', async () => {
    // the kernel's lines as microsoft/AzureTRE#1884 posted them (serial console), placed in the task's minutes
    const oom = (dir: string) =>
      writeFileSync(
        join(dir, 'var/log/syslog'),
        [
          '2026-11-19T22:01:10.000000+00:00 vm-backup-demo-01 kernel: [  940.705287] Out of memory: Killed process 1782 (python) total-vm:3987056kB, anon-rss:3572796kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:7140kB oom_score_adj:0',
          '2026-11-19T22:02:10.000000+00:00 vm-backup-demo-01 kernel: [ 3088.285942] Out of memory: Killed process 3234 (python) total-vm:4136568kB, anon-rss:3574636kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:7164kB oom_score_adj:0',
        ].join('\n'),
      );
    const r = (await analyzeBundle([variant((l) => l, oom)])).result;
    freezeFirst(r);
    const f = finding(r, 'agent-unresponsive');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', role: 'contributing' });
    expect(f.reason).toMatch(/ran out of memory around the failed task .* ended 2 processes \(python\)/);
    expect(f.reasonNl).toMatch(/geen geheugen meer/);

    // the same kill inside the agent's log-collector cgroup (Azure/WALinuxAgent#2805) is set aside as harmless
    const collector = (dir: string) =>
      writeFileSync(
        join(dir, 'var/log/syslog'),
        [
          '2026-11-19T22:01:09.000000+00:00 vm-backup-demo-01 kernel: Memory cgroup stats for /azure.slice/azure-walinuxagent.slice/azure-walinuxagent-logcollector.slice:',
          '2026-11-19T22:01:10.000000+00:00 vm-backup-demo-01 kernel: Memory cgroup out of memory: Killed process 179638 (python3) total-vm:81128kB, anon-rss:13824kB, file-rss:9284kB, shmem-rss:0kB, UID:0 pgtables:196kB oom_score_adj:0',
        ].join('\n'),
      );
    const q = (await analyzeBundle([variant((l) => l, collector)])).result;
    freezeFirst(q);
    expect(finding(q, 'agent-unresponsive').reason).not.toMatch(/memory/);
    expect(q.benign?.map((b) => b.id)).toContain('log-collector-oom-kill');
  });
});

