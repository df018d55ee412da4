// The agent's activity is kept as a bit per fact of each kind and read by merging the kinds (analyze/recovery.ts):
// it must answer exactly as the sorted lists of times it replaced.
import { describe, expect, it } from 'vitest';
import type { BundleFile, Fact } from '../../src/shared';
import { FactIndex } from '../../src/main/analyze/facts-index';
import { agentActivity, MAX_QUIET_MS, recoveredAt } from '../../src/main/analyze/recovery';
import type { RecoveryProof } from '../../src/main/analyze/types';

const H = 3_600_000;
const T0 = Date.parse('2024-03-01T00:00:00Z');
const files = [{ id: 0, vmPath: '/var/log/waagent.log', kind: 'waagent-log', size: 1, warnings: [] }, { id: 1, vmPath: '/var/log/other.log', kind: 'generic-log', size: 1, warnings: [] }] as unknown as BundleFile[];

/** A small deterministic generator (the same facts every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function facts(seed: number): Fact[] {
  const r = rng(seed);
  const out: Fact[] = [];
  let t = T0;
  for (let k = 0; k < 400; k++) {
    // steps of up to 40 minutes, some of them 0 (equal times across kinds), a few silences of up to 5 hours, a few
    // facts without a time
    const step = r();
    t += step < 0.1 ? 0 : step < 0.13 ? Math.floor(r() * 5 * H) : Math.floor(r() * (2 / 3) * H);
    const timed = r() > 0.03;
    const timeMs = timed ? t : NaN;
    const at = { file: files[r() < 0.9 ? 0 : 1].vmPath, line: k + 1, time: timed ? new Date(t).toISOString() : null, zone: timed ? 'utc' : 'none', text: '' } as Fact['at'];
    const pick = r();
    const events = ['fetched', 'processing-started', 'processing-completed', 'processing-failed', 'not-all-completed'] as const;
    const f =
      pick < 0.25
        ? { kind: 'agent-heartbeat', version: '2.9.1.1', ...(r() < 0.5 ? { updateGoalStateErrors: r() < 0.5 ? 0 : 2 } : {}) }
        : pick < 0.55
          ? { kind: 'goal-state', event: events[Math.floor(r() * events.length)] }
          : pick < 0.75
            ? { kind: 'connectivity', endpoint: (['wireserver', 'hostgaplugin', 'storage'] as const)[Math.floor(r() * 3)], ok: r() < 0.5, detail: '' }
            : pick < 0.9
              ? { kind: 'agent-event', name: 'WALA', op: r() < 0.5 ? 'HeartBeat' : 'Enable', message: '', decoded: false }
              : { kind: 'windows-agent', event: (['heartbeat', 'start', 'stop'] as const)[Math.floor(r() * 3)] };
    out.push({ ...f, at, timeMs } as unknown as Fact);
  }
  return out;
}

/** The lists of times the activity was before (sorted), and the walk over them. */
function reference(list: readonly Fact[], proof: RecoveryProof, lastFailureMs: number): { at: number; until: number } | undefined {
  const alive: number[] = [];
  const wire: number[] = [];
  const processed: number[] = [];
  for (const f of list) {
    if (!Number.isFinite(f.timeMs) || f.at.file !== files[0].vmPath) continue;
    const t = f.timeMs;
    if (f.kind === 'agent-heartbeat') {
      alive.push(t);
      if (f.updateGoalStateErrors === 0) wire.push(t);
    } else if (f.kind === 'agent-event' && f.op === 'HeartBeat') alive.push(t);
    else if (f.kind === 'goal-state' && f.event !== 'processing-failed') {
      alive.push(t);
      if (f.event === 'fetched' || f.event === 'processing-started' || f.event === 'processing-completed') wire.push(t);
      if (f.event === 'processing-completed') processed.push(t);
    } else if (f.kind === 'connectivity' && f.ok && (f.endpoint === 'wireserver' || f.endpoint === 'hostgaplugin')) {
      alive.push(t);
      wire.push(t);
    } else if (f.kind === 'windows-agent' && (f.event === 'heartbeat' || f.event === 'start')) alive.push(t);
  }
  const sort = (l: number[]) => l.sort((a, b) => a - b);
  const proofs = sort(proof === 'heartbeat' ? alive : proof === 'wireserver' ? wire : processed);
  sort(alive);
  const at = proofs.find((t) => t >= lastFailureMs);
  if (at === undefined) return undefined;
  let prev = at;
  for (const t of alive) {
    if (t <= at) continue;
    if (t - prev > MAX_QUIET_MS) return undefined;
    prev = t;
  }
  const newest = Math.max(...list.filter((f) => Number.isFinite(f.timeMs)).map((f) => f.timeMs));
  if (newest - prev > MAX_QUIET_MS || prev - at < 6 * H) return undefined;
  return { at, until: prev };
}

describe('the agent activity a recovery is read from', () => {
  it('answers as the sorted lists of times did, for every proof and many failure times', () => {
    let recovered = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const list = facts(seed);
      const activity = agentActivity(new FactIndex(list), { files });
      const times = list.filter((f) => Number.isFinite(f.timeMs)).map((f) => f.timeMs);
      // the facts' own times (ties), a little before and after them, and outside the logs
      const probes = [T0 - H, ...times.filter((_, k) => k % 7 === 0).flatMap((t) => [t, t - 1, t + 1]), Math.max(...times) + H];
      for (const proof of ['heartbeat', 'wireserver', 'goal-state'] as const) {
        for (const x of probes) {
          const want = reference(list, proof, x);
          expect(recoveredAt(activity, proof, x), `seed ${seed} ${proof} ${x}`).toEqual(want);
          if (want) recovered++;
        }
      }
    }
    // the generated logs hold recoveries and failures to recover both
    expect(recovered).toBeGreaterThan(20);
  });
});
