import type { DiskSpaceFact, Evidence } from '../../../shared';
import { msg, type AnalysisText } from '../../../shared/i18n/analysis';
import { failureTime, notEvaluable, type Rule, type RuleContext, type RuleOutcome } from '../types';

/**
 * disk-full: `/` or `/var` full — its space or its inodes — so the agent or the Backup extension cannot
 * write its state, status files or logs. Detected from `disk-space` facts of any parser (`No space left
 * on device` / `[Errno 28]` in waagent.log, extension and handler logs, syslog; `df` / `df -i` output in a
 * transcript or sosreport; live `df` in SSH probes) or a `disk-free` probe ≥ 98 % used: high when the sign
 * is within a day of the failed task (or the live check), medium when older. Ruled out when a disk check shows
 * space on / and /var (and no full inode table): high when the check speaks for the failure's time (within a day of
 * it, or no timed failure to compare with), medium when it was taken later or is not dated — a disk freed since the
 * failure (logs rotated, files deleted) looks the same.
 */
const FULL_PERCENT = 98;
const DAY = 24 * 3600_000;

interface MountUse {
  mount: string;
  usedPercent: number;
  availableBytes?: number;
}

function probeMounts(ctx: RuleContext): { m: MountUse; at: Evidence; timeMs: number }[] {
  const out: { m: MountUse; at: Evidence; timeMs: number }[] = [];
  for (const p of ctx.facts.of('probe')) {
    if (p.probe !== 'disk-free' || !p.data) continue;
    const mounts = Array.isArray(p.data.mounts) ? (p.data.mounts as unknown[]) : [p.data];
    for (const m of mounts) {
      const o = m as Record<string, unknown>;
      if (typeof o?.mount === 'string' && typeof o.usedPercent === 'number') out.push({ m: { mount: o.mount, usedPercent: o.usedPercent, ...(typeof o.availableBytes === 'number' ? { availableBytes: o.availableBytes } : {}) }, at: p.at, timeMs: p.timeMs });
    }
  }
  return out;
}

/**
 * The sign a full disk left, as the reason quotes it: a parser's detail message (a `df` row) in the reader's language,
 * else the log's own words, behind the mount when the text does not name it.
 */
function fullSign(f: DiskSpaceFact): AnalysisText {
  const text = f.detail.slice(0, 200);
  if (f.note) return msg('fact-detail', { detail: text, note: f.note });
  return f.mount && !f.detail.includes(` on ${f.mount}:`) ? msg('seq', { parts: [msg('raw', { text: `${f.mount}: ` }), msg('line', { text })] }) : msg('line', { text });
}

/**
 * Why a disk check cannot speak for the failed task's time: taken more than a day after it (`days`), or not dated
 * (`untimed`); undefined when it can (a check within a day of the failure, or no timed failure to compare with).
 */
function checkAge(ctx: RuleContext, times: readonly number[]): { days: number } | { untimed: true } | undefined {
  const failedAt = failureTime(ctx);
  if (!Number.isFinite(failedAt)) return undefined;
  const checked = times.filter((t) => Number.isFinite(t));
  if (!checked.length) return { untimed: true };
  const nearest = Math.min(...checked);
  return nearest - failedAt > DAY ? { days: Math.floor((nearest - failedAt) / DAY) } : undefined;
}

const relevant = (mount: string | undefined) => mount === undefined || mount === '/' || mount === '/var' || mount.startsWith('/var/');

function evaluate(ctx: RuleContext): RuleOutcome {
  const space = ctx.facts.of('disk-space');
  const full = space.filter((f) => relevant(f.mount) && (f.full || (f.usedPercent !== undefined && f.usedPercent >= FULL_PERCENT)));
  const probes = probeMounts(ctx).filter((p) => relevant(p.m.mount));
  const fullProbes = probes.filter((p) => p.m.usedPercent >= FULL_PERCENT);
  if (full.length || fullProbes.length) {
    const task = ctx.lastFailedTask;
    const anchor = failureTime(ctx);
    const near = full.some((f) => !Number.isFinite(anchor) || !Number.isFinite(f.timeMs) || Math.abs(f.timeMs - anchor) <= DAY) || fullProbes.length > 0;
    const first = full[0];
    const what = first ? fullSign(first) : { mount: fullProbes[0].m.mount, usedPercent: fullProbes[0].m.usedPercent };
    const inodes = full.some((f) => f.detail.startsWith('inodes '));
    return {
      verdict: 'detected',
      confidence: near ? 'high' : 'medium',
      reason: msg('disk-full.full', { what, inodes, near }),
      evidence: [...full.map((f) => f.at), ...fullProbes.map((p) => p.at)].filter((e, i, a) => a.findIndex((x) => x.file === e.file && x.line === e.line) === i),
      ...(task && near ? { taskId: task.taskId } : {}),
    };
  }
  const roomy = space.filter((f) => !f.full && f.usedPercent !== undefined && (f.mount === '/' || f.mount === '/var'));
  if (probes.length || roomy.length) {
    const uses = [...probes.map((p) => ({ mount: p.m.mount, usedPercent: p.m.usedPercent })), ...roomy.map((f) => ({ mount: f.mount!, usedPercent: f.usedPercent! }))];
    const mounts = uses.filter((u, i) => uses.findIndex((x) => x.mount === u.mount && x.usedPercent === u.usedPercent) === i);
    const when = checkAge(ctx, [...probes.map((p) => p.timeMs), ...roomy.map((f) => f.timeMs)]);
    return {
      verdict: 'ruled-out',
      confidence: when ? 'medium' : 'high',
      reason: msg('disk-full.free', { mounts, live: probes.length > 0, ...when }),
      evidence: [...probes.map((p) => p.at), ...roomy.map((f) => f.at)].filter((e, i, a) => a.findIndex((x) => x.file === e.file && x.line === e.line) === i),
    };
  }
  if (ctx.hasFileKind('waagent-log') || ctx.hasFileKind('vmsnapshot-extension-log') || ctx.hasFileKind('syslog')) {
    return notEvaluable(msg('disk-full.no-usage'), 'medium');
  }
  return notEvaluable(msg('disk-full.nothing'));
}

export const rule: Rule = { cause: 'disk-full', evaluate };
