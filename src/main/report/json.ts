import type { AnalysisResult } from '../../shared';

/**
 * The JSON document of `analyze --format json` and `report --out x.json` (docs/CONTRACT.md): every
 * required field, plus the rest of the analysis. Field order puts the contract first so the document
 * reads top-down.
 */
export function toCliJson(r: AnalysisResult) {
  return {
    schemaVersion: r.schemaVersion,
    tool: r.tool,
    analyzedAt: r.analyzedAt,
    ...(r.portalCode ? { portalCode: r.portalCode } : {}),
    ...(r.failedAt ? { failedAt: r.failedAt } : {}),
    inputs: r.inputs,
    agent: r.agent,
    verdict: r.verdict,
    ...(r.failedTask ? { failedTask: r.failedTask } : {}),
    findings: r.findings,
    ...(r.benign ? { benign: r.benign } : {}),
    snapshots: r.snapshots,
    extensions: r.extensions.map(({ history: _h, ...e }) => ({ ...e, operations: _h.length })),
    vm: r.vm,
    clock: r.clock,
    missingEvidence: r.missingEvidence,
    ...(r.unexplained ? { unexplained: r.unexplained } : {}),
    ...(r.activity ? { activity: r.activity } : {}),
    files: r.files.map((f) => ({ path: f.vmPath, kind: f.kind, size: f.size, truncated: f.truncated, warnings: f.warnings.length, ...(f.givenName ? { givenName: f.givenName } : {}) })),
    warnings: r.warnings,
    stats: r.stats,
  };
}
