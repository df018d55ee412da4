import { CAUSES, causeById, type AnalysisResult, type CauseId, type Evidence, type Finding, type SnapshotTask } from '../../src/shared';

/**
 * A realistic analysis result for the shared sample scenario (vm-backup-demo-01, five nightly snapshot
 * tasks, the last one failing with a filesystem freeze timeout, code 122), shaped exactly like
 * analyzeBundle's output. The report tests render it because the rules are built in parallel; the CLI
 * tests also run the real pipeline.
 */
const EXT_LOG = 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log';
const WAAGENT = 'var/log/waagent.log';
const HANDLER = 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux';
export const FAILED_TASK = '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41';

const ev = (file: string, line: number, time: string | null, text: string, zone: Evidence['zone'] = 'utc'): Evidence => ({ file, line, time, zone, text });

function task(day: number, seq: number, ok: boolean, base: number): SnapshotTask {
  const d = `2026-11-${String(day).padStart(2, '0')}`;
  const id = ok ? `a${seq}c2b9e0-1f3d-4b6a-8c7e-${String(seq).padStart(12, '0')}` : FAILED_TASK;
  const start = `${d}T22:00:04.512Z`;
  const t = (s: number) => new Date(Date.parse(start) + s * 1000).toISOString();
  const line = base;
  return {
    taskId: id,
    seqNo: seq,
    requestedStart: `${d}T22:00:00.000Z`,
    start,
    end: ok ? t(41) : t(73),
    durationMs: ok ? 41_000 : 73_000,
    result: ok ? 'success' : 'failed',
    code: ok ? 1 : 122,
    statusName: ok ? 'success' : 'FailedRetryableFsFreezeTimeout',
    message: ok ? 'Enable Succeeded' : 'Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,',
    snapshotPath: 'host',
    disks: [{ disk: 'os', ok }, { disk: 'lun0', ok }],
    extensionVersion: '1.0.9225.0',
    phases: ok
      ? [
          { name: 'enable', start: t(0), end: t(2), durationMs: 2000, result: 'ok' },
          { name: 'pre-script', result: 'skipped', detail: 'no pre-script configured' },
          { name: 'freeze', start: t(9), end: t(12), durationMs: 3100, result: 'ok' },
          { name: 'snapshot', start: t(12), end: t(29), durationMs: 17_400, result: 'ok' },
          { name: 'thaw', start: t(29), end: t(30), durationMs: 600, result: 'ok' },
          { name: 'post-script', result: 'skipped' },
          { name: 'status', start: t(40), end: t(41), durationMs: 900, result: 'ok' },
        ]
      : [
          { name: 'enable', start: t(0), end: t(2), durationMs: 2000, result: 'ok' },
          { name: 'pre-script', result: 'skipped' },
          { name: 'freeze', start: t(9), end: t(70), durationMs: 61_000, result: 'timed-out', detail: 'freeze timed-out' },
          { name: 'snapshot', result: 'skipped' },
          { name: 'thaw', result: 'unknown' },
          { name: 'post-script', result: 'skipped' },
          { name: 'status', start: t(72), end: t(73), durationMs: 700, result: 'failed', detail: 'status code 122' },
        ],
    milestones: [
      { name: 'enable', time: t(0), file: EXT_LOG, line, text: `${d} 22:00:04.512000 [${HANDLER}-1.0]Enable command received` },
      { name: 'freeze-start', time: t(9), file: EXT_LOG, line: line + 31, text: `${d} 22:00:13.601000 [${HANDLER}-1.0]T:S freeze, timeout value 60` },
      ok
        ? { name: 'thaw', time: t(30), file: EXT_LOG, line: line + 88, text: `${d} 22:00:34.020000 [${HANDLER}-1.0]T:S thaw result ` }
        : { name: 'freeze-timeout', time: t(70), file: EXT_LOG, line: line + 95, text: `${d} 22:01:14.880000 [${HANDLER}-1.0]freeze timed-out` },
      { name: 'status', time: t(73), file: EXT_LOG, line: line + 120, text: `${d} 22:01:17.310000 [${HANDLER}-1.0]set most recent status to ${ok ? 'success' : 'error'} code ${ok ? 1 : 122}` },
    ],
  };
}

export interface FixtureOptions {
  /** Extra text appended to evidence lines, file names and messages (hostile or secret strings). */
  inject?: string;
  portalCode?: string;
}

export function sampleResult(opts: FixtureOptions = {}): AnalysisResult {
  const x = opts.inject ?? '';
  const snapshots = [task(15, 11, true, 1200), task(16, 12, true, 1420), task(17, 13, true, 1640), task(18, 14, true, 1860), task(19, 15, false, 2080)];
  const fsEvidence: Evidence[] = [
    ev(EXT_LOG, 2111, '2026-11-19T22:00:13.601Z', `2026-11-19 22:00:13.601000 [${HANDLER}-1.0]T:S freeze, timeout value 60`),
    ev(EXT_LOG, 2114, '2026-11-19T22:00:13.700Z', `2026-11-19 22:00:13.700000 [${HANDLER}-1.0]arg : ['/var/lib/waagent/${HANDLER}-1.0.9225.0/main/safefreeze/bin/safefreeze', '60', '/data', '/boot', '/']`),
    ev(EXT_LOG, 2175, '2026-11-19T22:01:14.880Z', `2026-11-19 22:01:14.880000 [${HANDLER}-1.0]freeze timed-out${x}`),
    ev(EXT_LOG, 2176, '2026-11-19T22:01:14.881Z', `2026-11-19 22:01:14.881000 [${HANDLER}-1.0]T:S ###### Enable failed with error: freeze took longer than timeout StatusCode.FailedRetryableFsFreezeTimeout,`),
    ev(`var/lib/waagent/${HANDLER}-1.0.9225.0/status/15.status${x}`, 0, '2026-11-19T22:01:17.000Z', '[{"version": 1.0, "timestampUTC": "2026-11-19T22:01:17Z", "status": {"name": "Microsoft.Azure.RecoveryServices.VMSnapshotLinux", "operation": "Enable", "status": "error", "code": "122", "formattedMessage": {"lang": "en-US", "message": "Enable failed with error: freeze took longer than timeout"}}}]'),
  ];
  const findings: Finding[] = CAUSES.map((c) => {
    const base = { cause: c.id, portalCodes: c.portalCodes, title: c.title.en, remedy: c.remedy.en, links: c.links };
    if (c.id === 'fsfreeze-failed') {
      return { ...base, verdict: 'detected', confidence: 'high', reason: `Task ${FAILED_TASK} (seqNo 15) failed with code 122: the filesystem freeze did not complete within 60 s.${x}`, evidence: fsEvidence, taskId: FAILED_TASK };
    }
    const ruled: Partial<Record<CauseId, [string, Evidence[]]>> = {
      'agent-not-running': ['The agent wrote heartbeats every 30 minutes until the bundle was collected.', [ev(WAAGENT, 9120, '2026-11-20T09:00:12.441Z', '2026-11-20T09:00:12.441102Z INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-2.9.1.1 is running as the goal state agent [DEBUG HeartbeatCounter: 811;HeartbeatId: 6C1B5B6A-1B0E-4C60-8C6F-0E9A1F1D2B3C;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]')]],
      'agent-outdated': ['The goal-state agent 2.9.1.1 is above the supported minimum 2.2.53.1.', [ev(WAAGENT, 212, '2026-11-14T08:02:11.002Z', '2026-11-14T08:02:11.002113Z INFO ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 is running as the goal state agent')]],
      'no-network-wireserver': ['Goal states were fetched from 168.63.129.16 without errors.', []],
      'storage-unreachable': ['The four earlier snapshots through the host path succeeded; the failing task never reached the snapshot phase.', []],
      'disk-full': ['No "No space left on device" errors in the agent or extension logs.', []],
    };
    const r = ruled[c.id];
    if (r) return { ...base, verdict: 'ruled-out', confidence: 'high', reason: r[0], evidence: r[1] };
    return { ...base, verdict: 'not-evaluable', confidence: 'low', reason: c.visibility === 'no' ? 'Only visible in Azure.' : 'The bundle does not contain the files this cause needs.', evidence: [] };
  });
  findings.sort((a, b) => (a.verdict === 'detected' ? -1 : b.verdict === 'detected' ? 1 : 0));
  return {
    schemaVersion: 1,
    tool: { name: 'vmbackup-doctor', version: '0.1.0' },
    analyzedAt: '2026-11-24T06:00:00.000Z',
    ...(opts.portalCode ? { portalCode: opts.portalCode } : {}),
    inputs: [{ path: `/cases/4711/logs${x}.zip`, kind: 'waagent-logcollector-zip', files: 4, warnings: [] }],
    files: [
      { id: 0, vmPath: WAAGENT, kind: 'waagent-log', size: 1_843_221, truncated: false, origin: 'logs.zip!var/log/waagent.log', input: 0, warnings: [] },
      { id: 1, vmPath: EXT_LOG, kind: 'vmsnapshot-extension-log', size: 412_554, truncated: true, origin: 'logs.zip!truncated_var/log/azure/x/extension.log', input: 0, warnings: [] },
      { id: 2, vmPath: `var/lib/waagent/${HANDLER}-1.0.9225.0/status/15.status`, kind: 'extension-status', size: 412, truncated: false, origin: 'logs.zip', input: 0, warnings: [] },
      { id: 3, vmPath: `etc/waagent.conf${x}`, kind: 'waagent-conf', size: 4211, truncated: false, origin: 'logs.zip', input: 0, warnings: [{ file: `etc/waagent.conf${x}`, line: 7, message: `unknown setting${x}` }] },
    ],
    vm: { hostname: 'vm-backup-demo-01', os: 'Ubuntu 20.04.6 LTS', platform: 'linux', collectedAt: '2026-11-20T09:14:03.000Z', firstRecord: '2026-11-14T07:58:01.000Z', lastRecord: '2026-11-20T09:14:02.000Z' },
    agent: { daemonVersion: '2.2.45', goalStateAgentVersion: '2.9.1.1', minimumSupported: '2.2.53.1', supported: true, heartbeats: 289, longestHeartbeatGapMinutes: 31, restarts: 0, crashes: 0, goalStateErrors: 0, selfUpdateFailures: 0, disabled: false, extensionsEnabled: true, autoUpdate: true },
    verdict: { cause: 'fsfreeze-failed', confidence: 'high', portalCodes: causeById('fsfreeze-failed').portalCodes, summary: `The last backup (2026-11-19 22:00 UTC) failed because the filesystem freeze timed out (extension code 122, UserErrorFsFreezeTimeout).${x}` },
    findings,
    snapshots,
    extensions: [
      { name: HANDLER, version: '1.0.9225.0', state: 'Enabled', status: 'error', lastOperation: 'Enable', lastCode: 122, lastMessage: `Enable failed with error: freeze took longer than timeout${x}`, lastTime: '2026-11-19T22:01:17.000Z', history: [] },
      { name: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.28.11', state: 'Enabled', status: 'success', lastOperation: 'Enable', lastCode: 0, lastMessage: 'Enable succeeded', lastTime: '2026-11-14T08:03:40.000Z', history: [] },
    ],
    timeline: [
      ...snapshots.map((t) => ({ id: `snap-${t.taskId}`, lane: 'snapshot' as const, group: 'VMSnapshot', label: `snapshot ${t.result} (code ${t.code})`, start: t.start!, end: t.end!, severity: t.result === 'success' ? ('ok' as const) : ('error' as const), evidence: [t.milestones[0] as Evidence & { name?: string }].map(({ file, line, time, text }) => ({ file, line, time, text })), taskId: t.taskId })),
      { id: 'agent-start', lane: 'agent', group: 'WALinuxAgent', label: `goal-state agent 2.9.1.1 started${x}`, start: '2026-11-14T08:02:11.002Z', severity: 'info', evidence: [ev(WAAGENT, 212, '2026-11-14T08:02:11.002Z', `2026-11-14T08:02:11.002113Z INFO ExtHandler ExtHandler Agent WALinuxAgent-2.9.1.1 is running as the goal state agent${x}`)] },
    ],
    clock: { offsets: [{ source: 'var/log/waagent.log (daemon 2.2.45)', offsetMinutes: 60, basis: 'daemon local-time lines matched to UTC goal-state lines' }], unresolved: [] },
    missingEvidence: [{ what: '/var/log/syslog', why: 'kernel hung-task messages during the freeze would show which mount blocked', howToCollect: 'sudo journalctl -k --since "2026-11-19 21:55" --until "2026-11-19 22:10"' }],
    warnings: [{ file: EXT_LOG, message: 'the log collector truncated this file (kept the last 30 MB)' }],
    stats: { records: 48_211, facts: 3_102, bytes: 2_260_398, durationMs: 812 },
  };
}
