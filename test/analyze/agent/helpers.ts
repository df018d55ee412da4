import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AnalysisResult, CauseId, Fact, Finding, SnapshotTask } from '../../../src/shared';
import { FactIndex } from '../../../src/main/analyze/facts-index';
import { summarizeAgent } from '../../../src/main/analyze/reconstruct/agent-health';
import type { RuleContext } from '../../../src/main/analyze/types';
import { analyzeBundle } from '../../../src/main/pipeline/analyze-bundle';
import { parse } from '../../parse/waagent/helpers';

/** A realistic waagent.log, built line by line from the formats in docs/formats.md "waagent.log". */
export class LogBuilder {
  private readonly lines: string[] = [];
  /** The running ExtHandler's HeartbeatCounter: counts on across heartbeats() calls, afresh after boot() (a new process). */
  private beat = 0;
  /** 2.8+ line: `YYYY-MM-DDTHH:MM:SS.ffffffZ LEVEL thread prefix msg`. */
  utc(when: string | number, rest: string): this {
    const iso = new Date(when).toISOString().replace(/Z$/, '042Z');
    this.lines.push(`${iso} ${rest}`);
    return this;
  }
  /** ≤2.2.45 daemon line in VM local time (UTC+1 here). */
  local(whenUtc: string | number, rest: string): this {
    const d = new Date(new Date(whenUtc).getTime() + 3600_000).toISOString();
    this.lines.push(`${d.slice(0, 10).replace(/-/g, '/')} ${d.slice(11, 23)}117 ${rest}`);
    return this;
  }
  raw(line: string): this {
    this.lines.push(line);
    return this;
  }
  boot(when: string, gsa = '2.9.1.1'): this {
    const t = Date.parse(when);
    this.beat = 0;
    this.local(t, 'INFO Daemon Azure Linux Agent Version:2.2.45');
    this.local(t + 200, 'INFO Daemon Route to 168.63.129.16 exists');
    this.local(t + 300, 'INFO Daemon Wire server endpoint:168.63.129.16');
    this.local(t + 900, `INFO Daemon Agent WALinuxAgent-${gsa} launched with command 'python3 -u bin/WALinuxAgent-${gsa}-py3.8.egg -run-exthandlers' is successfully running`);
    this.utc(t + 3000, `INFO ExtHandler ExtHandler Azure Linux Agent (Goal State Agent version ${gsa})`);
    this.utc(t + 3010, `INFO ExtHandler ExtHandler WALinuxAgent-${gsa} running as process 1064`);
    return this;
  }
  heartbeats(from: string, to: string, everyMinutes = 30, gsa = '2.9.1.1'): this {
    for (let t = Date.parse(from); t <= Date.parse(to); t += everyMinutes * 60_000)
      this.utc(t, `INFO ExtHandler ExtHandler [HEARTBEAT] Agent WALinuxAgent-${gsa} is running as the goal state agent [DEBUG HeartbeatCounter: ${++this.beat};HeartbeatId: 6F0F1E2D-0000-4000-8000-00000000AB12;DroppedPackets: 0;UpdateGSErrors: 0;AutoUpdate: 1]`);
    return this;
  }
  goalState(when: string, n: number): this {
    const t = Date.parse(when);
    const snap = '[Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0]';
    this.utc(t, `INFO ExtHandler Fetched a new incarnation for the WireServer goal state [incarnation ${n}]`);
    this.utc(t + 100, `INFO ExtHandler ExtHandler ProcessExtensionsGoalState started [incarnation_${n} channel: WireServer source: Fabric activity: a correlation b created: ${when}]`);
    this.utc(t + 200, `INFO ExtHandler ${snap} Target handler state: enabled [incarnation_${n}]`);
    this.utc(t + 210, `INFO ExtHandler ${snap} Enable extension: [main/handle.sh enable]`);
    this.utc(t + 220, `INFO ExtHandler ${snap} Executing command: /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/main/handle.sh enable with environment variables: {"ConfigSequenceNumber": "${n}"}`);
    this.utc(t + 1400, `INFO ExtHandler ${snap} Command: main/handle.sh enable\n\n[stdout]\nStarted daemon process with pid 4810\n\n[stderr]\n`);
    this.utc(t + 1410, `INFO ExtHandler ExtHandler ProcessExtensionsGoalState completed [incarnation_${n} 1410 ms]\n`);
    return this;
  }
  /** Lines sorted by their own time is not what agents do; keep insertion order (write order). */
  text(): string {
    return this.lines.join('\n') + '\n';
  }
  /** 1-based line number of the first line containing `needle` (for exact evidence assertions). */
  lineOf(needle: string, nth = 0): number {
    const all = this.text().split('\n');
    const hits = all.map((l, i) => (l.includes(needle) ? i + 1 : 0)).filter(Boolean);
    if (hits[nth] === undefined) throw new Error(`no line with ${needle}`);
    return hits[nth];
  }
  lineText(line: number): string {
    return this.text().split('\n')[line - 1];
  }
}

export function writeBundle(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmbd-agent-'));
  for (const [p, text] of Object.entries(files)) {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

export async function analyzeFiles(files: Record<string, string>): Promise<AnalysisResult> {
  return (await analyzeBundle([writeBundle(files)])).result;
}

export function finding(r: AnalysisResult, cause: CauseId): Finding {
  const f = r.findings.find((x) => x.cause === cause);
  if (!f) throw new Error(`no finding for ${cause}`);
  return f;
}

export const AGENT_CAUSES: CauseId[] = ['agent-not-running', 'agent-unresponsive', 'agent-outdated', 'agent-config-disabled', 'no-network-wireserver', 'dhcp-disabled', 'vm-state-misreported'];

export function failedTask(start: string, end: string, taskId = '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41'): SnapshotTask {
  return { taskId, start, end, result: 'failed', code: 122, disks: [], phases: [], milestones: [] };
}

/** A rule context from a waagent.log (parsed by the real parser) plus extra facts and a failed task. */
export async function contextFrom(log: string, opts: { task?: SnapshotTask; facts?: Fact[] } = {}): Promise<RuleContext> {
  const parsed = await parse(log);
  const facts = new FactIndex([...parsed.facts, ...(opts.facts ?? [])]);
  return {
    facts,
    // the log the facts were read from (rules ask a file's kind whose facts are the agent's)
    files: [{ id: 0, vmPath: 'var/log/waagent.log', kind: 'waagent-log', size: log.length, truncated: false, origin: 'waagent.log', input: 0, warnings: [] }],
    snapshots: opts.task ? [opts.task] : [],
    extensions: [],
    agent: summarizeAgent(facts),
    clock: { offsets: [], unresolved: [] },
    vm: { platform: 'linux' },
    hasFileKind: (k) => k === 'waagent-log',
    lastFailedTask: opts.task,
  };
}
