import type { AnalysisResult } from '../../shared';
import { jsonEscapeControls } from '../../shared/visible';

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
    inputs: r.inputs.map(({ notes: _notes, ...i }) => i),
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

/**
 * The document `JSON.stringify(toCliJson(r), null, 2)` plus a newline, with jsonEscapeControls applied, in
 * pieces whose concatenation is exactly that text: one per top-level member (each stringified as the only member
 * of an object, which gives it the document's indentation) and the punctuation between them. Written piece by
 * piece, the 83 MB of snapshot tasks of a big bundle stay a one-byte string: V8 builds one stringify result in
 * two bytes a character from the first character beyond Latin-1 on (a Dutch remedy's "→" in `findings`), and the
 * escape pass, the flattening and the UTF-8 encoding of the bench's 87 MB logs.zip document cost ~35 % less so.
 */
export function cliJsonParts(r: AnalysisResult): string[] {
  const doc = toCliJson(r) as Record<string, unknown>;
  const members: string[] = [];
  for (const k of Object.keys(doc)) {
    const one = JSON.stringify({ [k]: doc[k] }, null, 2);
    // a member JSON.stringify leaves out (undefined) gives `{}`; every other is `{\n  "k": …\n}`
    if (one !== '{}') members.push(jsonEscapeControls(one.slice(2, -2)));
  }
  if (members.length === 0) return ['{}\n'];
  // the separators are pieces of their own: prepended to a member they would make it a copy to flatten
  const parts = ['{\n'];
  for (const [i, m] of members.entries()) parts.push(...(i === 0 ? [m] : [',\n', m]));
  parts.push('\n}\n');
  return parts;
}
