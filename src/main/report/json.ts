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
    ...(r.multipleVms ? { multipleVms: r.multipleVms } : {}),
    ...(r.onlyVm ? { onlyVm: r.onlyVm } : {}),
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
    files: r.files.map((f) => ({ path: f.vmPath, kind: f.kind, size: f.size, truncated: f.truncated, warnings: f.warnings.length, ...(f.givenName ? { givenName: f.givenName } : {}), ...(f.encoding ? { encoding: f.encoding } : {}) })),
    warnings: r.warnings,
    stats: r.stats,
  };
}

/**
 * The document `JSON.stringify(toCliJson(r), null, 2)` plus a newline, with jsonEscapeControls applied, in
 * pieces whose concatenation is exactly that text: one per top-level member (each stringified as the only member
 * of an object, which gives it the document's indentation), an item a piece for a member that is an array, and the
 * punctuation between them. Pieces are made as they are asked for, so a writer holds one at a time: the bench's
 * logs.zip has 67 MB of snapshot tasks, which as one string was built in parts the garbage collector copied from
 * the young generation (11 scavenges, ~0.7 s) and then flattened, where a task's piece dies young once written.
 * A piece stays a one-byte string unless it holds a character beyond Latin-1 itself (V8 builds one stringify
 * result in two bytes a character from the first such character on: a Dutch remedy's "→" in `findings`).
 */
export function* cliJsonParts(r: AnalysisResult): Generator<string, void, undefined> {
  const doc = toCliJson(r) as Record<string, unknown>;
  let first = true;
  for (const k of Object.keys(doc)) {
    const v = doc[k];
    if (Array.isArray(v) && v.length > 0) {
      // `  "k": [\n    ` + each item at the document's depth, `,\n    ` between them + `\n  ]`
      const head = `{\n  ${JSON.stringify(k)}: [\n    `;
      yield first ? '{\n' : ',\n';
      first = false;
      yield head.slice(2);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) yield ',\n    ';
        const one = JSON.stringify({ [k]: [v[i]] }, null, 2);
        yield escapeJsonText(one.slice(head.length, -ITEM_TAIL.length));
      }
      yield '\n  ]';
      continue;
    }
    const one = JSON.stringify({ [k]: v }, null, 2);
    // a member JSON.stringify leaves out (undefined) gives `{}`; every other is `{\n  "k": …\n}`
    if (one === '{}') continue;
    yield first ? '{\n' : ',\n';
    first = false;
    yield escapeJsonText(one.slice(2, -2));
  }
  yield first ? '{}\n' : '\n}\n';
}

/** What follows the item of `{ k: [item] }` stringified with an indent of 2. */
const ITEM_TAIL = '\n  ]\n}';

/**
 * jsonEscapeControls of a JSON text, which reads an ASCII text once in native code: the characters it escapes are DEL
 * and characters beyond ASCII, and a text whose UTF-8 length is its length has none of the latter (Buffer.byteLength:
 * the bench's 87 MB logs.zip document in ~25 ms, where the regular expression took ~160 ms to find nothing).
 */
function escapeJsonText(s: string): string {
  return Buffer.byteLength(s, 'utf8') === s.length && !s.includes('\u007f') ? s : jsonEscapeControls(s);
}
