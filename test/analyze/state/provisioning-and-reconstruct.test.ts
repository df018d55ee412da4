import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { buildExtensionHistory } from '../../../src/main/analyze/reconstruct/extensions';
import { summarizeVm } from '../../../src/main/analyze/reconstruct/vm';
import { rule as provisioningRule } from '../../../src/main/analyze/rules/vm-provisioning-updating';
import type { RuleContext } from '../../../src/main/analyze/types';
import { ROOT } from '../../helpers/paths';
import { parse } from '../../parse/state/run-parser';
import { AMA, analyzeFolder, extConf } from './bundle';
import { inEnglish } from '../english';

const provisioning = inEnglish(provisioningRule);

const SNAP = { name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9225.0' };
const AMA_P = { name: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.28.11' };
const TASK: SnapshotTask = {
  taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41',
  seqNo: 15,
  start: '2026-11-19T22:00:06.000Z',
  end: '2026-11-19T22:02:47.000Z',
  result: 'failed',
  code: 122,
  disks: [],
  phases: [],
  milestones: [],
};

/** A rule context over facts the real parsers produced, with the failed task the snapshot reconstruction would build. */
function ctxOf(facts: Fact[]): RuleContext {
  const index = new FactIndex(facts);
  return {
    facts: index,
    files: [],
    snapshots: [TASK],
    extensions: buildExtensionHistory(index),
    agent: {} as RuleContext['agent'],
    clock: { offsets: [], unresolved: [] },
    vm: summarizeVm(index, []),
    hasFileKind: () => true,
    lastFailedTask: TASK,
  };
}

describe('vm-provisioning-updating (needs a failed task: evaluated on parsed facts)', () => {
  it('detected (medium) when another extension update was still running as the task started', async () => {
    const log = [
      '2026-11-19T21:58:40.100000Z INFO ExtHandler [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.2] Update extension: [./shim.sh -update]',
      '2026-11-19T22:00:04.705000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Target handler state: enabled [incarnation_15]',
      '2026-11-19T22:03:10.000000Z INFO ExtHandler [Microsoft.Azure.Monitor.AzureMonitorLinuxAgent-1.29.2] Command: ./shim.sh -update',
    ].join('\n');
    const p = await parse('var/log/waagent.log', log);
    const out = provisioning.evaluate(ctxOf(p.facts));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'medium', taskId: TASK.taskId });
    expect(out.evidence.map((e) => [e.file, e.line])).toEqual([
      ['var/log/waagent.log', 1],
      ['var/log/waagent.log', 3],
    ]);
  });

  it('detected (low) on goal-state churn: three incarnations within an hour of the task', async () => {
    const facts: Fact[] = [];
    for (const [n, ts] of [
      [13, '2026-11-19T21-20-03'],
      [14, '2026-11-19T21-45-09'],
      [15, '2026-11-19T22-00-04'],
    ] as const) {
      facts.push(...(await parse(`var/lib/waagent/history/${ts}__${n}/ExtensionsConfig.xml`, extConf(n, [AMA_P, SNAP]))).facts);
    }
    const out = provisioning.evaluate(ctxOf(facts));
    expect(out).toMatchObject({ verdict: 'detected', confidence: 'low', reason: expect.stringMatching(/^3 goal states \(incarnations 13, 14, 15\)/) });
    expect(out.evidence.map((e) => [e.file, e.line, e.time])).toEqual([
      ['var/lib/waagent/history/2026-11-19T21-20-03__13/ExtensionsConfig.xml', 2, '2026-11-19T21:20:03.000Z'],
      ['var/lib/waagent/history/2026-11-19T21-45-09__14/ExtensionsConfig.xml', 2, '2026-11-19T21:45:09.000Z'],
      ['var/lib/waagent/history/2026-11-19T22-00-04__15/ExtensionsConfig.xml', 2, '2026-11-19T22:00:04.000Z'],
    ]);
  });

  it('not evaluable (portal check) with one goal state a day and no update in flight', async () => {
    const facts = (await parse('var/lib/waagent/history/2026-11-19T22-00-04__15/ExtensionsConfig.xml', extConf(15, [AMA_P, SNAP]))).facts;
    const out = provisioning.evaluate(ctxOf(facts));
    expect(out).toMatchObject({ verdict: 'not-evaluable', evidence: [], reason: expect.stringMatching(/provisioning state in the portal/) });
  });
});

describe('extension history and VM summary on the shared sample', () => {
  it('per-handler goal states 11..15, handler state and VM identity', async () => {
    const { analyzeBundle } = await import('../../../src/main/pipeline/analyze-bundle');
    const s = (await analyzeBundle([join(ROOT, 'assets', 'sample', 'vm')])).result;
    expect(s.vm).toMatchObject({ hostname: 'vm-backup-demo-01', os: 'Ubuntu 20.04.6 LTS', platform: 'linux' });
    const ama = s.extensions.find((e) => e.name === AMA_P.name);
    expect(ama).toMatchObject({ version: '1.28.11', state: 'Enabled', status: 'Ready' });
    const snap = s.extensions.find((e) => e.name === SNAP.name)!;
    const goals = snap.history.filter((h) => h.op === 'goal-state');
    expect(goals.map((g) => g.goalStateId)).toEqual(['incarnation_11', 'incarnation_12', 'incarnation_13', 'incarnation_14', 'incarnation_15']);
    expect(goals[4]).toMatchObject({ outcome: 'enabled', message: 'requested 1.0.9225.0 enabled, settings seqNo 15', time: '2026-11-19T22:00:04.000Z' });
    expect(goals[4].evidence.file).toBe('var/lib/waagent/history/2026-11-19T22-00-04__15/ExtensionsConfig.xml');
    // nothing secret from the sample's state files reaches the result
    const json = JSON.stringify(s);
    expect(json).not.toMatch(/sig=[A-Za-z0-9%]{8,}/);
    expect(s.warnings.filter((w) => w.file?.startsWith('var/lib/waagent/history') || w.file?.startsWith('etc/'))).toEqual([]);
  });

  it('collection time from results.txt, else from a sosreport name', async () => {
    const r = await analyzeFolder({
      [`${AMA}/config/HandlerState`]: 'Enabled',
      'results.txt': '2026-11-20T09:13:41Z INFO ### Gathering Log Files ###\n2026-11-20T09:14:03Z INFO Successfully compressed files. Compressed archive size is 10485760 b\n',
    });
    expect(r.vm.collectedAt).toBe('2026-11-20T09:14:03.000Z');
    const index = new FactIndex([]);
    const vm = summarizeVm(index, [{ id: 0, vmPath: 'etc/hostname', kind: 'hostname', size: 1, truncated: false, origin: '/cases/sosreport-vm-backup-demo-01-2026-11-20-kqzdxbe.tar.xz!sosreport-vm-backup-demo-01-2026-11-20-kqzdxbe/etc/hostname', input: 0, warnings: [] }]);
    expect(vm).toMatchObject({ platform: 'linux', collectedAt: '2026-11-20T00:00:00.000Z' });
  });
});

describe('vm-provisioning-updating on the shared sample (failed task 15 from the snapshot reconstruction)', () => {
  it('not evaluable on the sample itself: one goal state per day, nothing in flight', async () => {
    const { analyzeBundle } = await import('../../../src/main/pipeline/analyze-bundle');
    const r = (await analyzeBundle([join(ROOT, 'assets', 'sample', 'vm')])).result;
    const f = r.findings.find((x) => x.cause === 'vm-provisioning-updating')!;
    expect(f).toMatchObject({ verdict: 'not-evaluable', evidence: [] });
    expect(f.reason).toMatch(/^No extension update in flight and no goal-state churn around snapshot task 7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41/);
  });

  it('detected (low) when the VM model changed twice more while the task ran', async () => {
    const { cpSync, mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'vmbd-churn-'));
    cpSync(join(ROOT, 'assets', 'sample', 'vm'), dir, { recursive: true });
    for (const [n, ts] of [
      [16, '2026-11-19T22-20-41'],
      [17, '2026-11-19T22-41-12'],
    ] as const) {
      const d = join(dir, 'var', 'lib', 'waagent', 'history', `${ts}__${n}`);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'ExtensionsConfig.xml'), extConf(n, [AMA_P, SNAP]));
    }
    const { analyzeBundle } = await import('../../../src/main/pipeline/analyze-bundle');
    const r = (await analyzeBundle([dir])).result;
    const f = r.findings.find((x) => x.cause === 'vm-provisioning-updating')!;
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'low', taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', reason: expect.stringMatching(/^3 goal states \(incarnations 15, 16, 17\)/) });
    expect(f.evidence.map((e) => [e.file, e.line])).toEqual([
      ['var/log/waagent.log', expect.any(Number)],
      ['var/lib/waagent/history/2026-11-19T22-20-41__16/ExtensionsConfig.xml', 2],
      ['var/lib/waagent/history/2026-11-19T22-41-12__17/ExtensionsConfig.xml', 2],
    ]);
    expect(f.evidence[0].text).toMatch(/Fetched a new incarnation for the WireServer goal state \[incarnation 15\]/);
    // fsfreeze-failed stays the verdict: churn is a low-confidence hint
    expect(r.verdict.cause).toBe('fsfreeze-failed');
  });
});

describe('extension history: the code of a status file wins over its "success"', () => {
  // The sample's status/15.status: status "success" around code 122 (FailedRetryableFsFreezeTimeout).
  const at = (line: number) => ({ file: 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/status/15.status', line, time: '2026-11-19T22:03:27.000Z', text: '' });
  const status = (code: number, seqNo: number): Fact => ({ kind: 'extension-status', handler: SNAP.name, version: SNAP.version, seqNo, operation: 'Enable', status: 'success', code, message: 'snapshotCreator=backupHostService', at: at(1), timeMs: Date.parse('2026-11-19T22:03:27Z') + seqNo });

  it('a failing code under status success is an error; codes 0 and 1 stay success', () => {
    const [ext] = buildExtensionHistory(new FactIndex([status(1, 14), status(122, 15)]));
    expect(ext.lastCode).toBe(122);
    expect(ext.history.map((h) => h.outcome)).toEqual(['success', 'error']);
    expect(ext.history[1].message).toContain('code 122');
  });
});
