import type { Evidence } from './facts/common';
import type { BundleFile, InputSummary } from './model/bundle';

/**
 * Where an evidence line is, as the window, the reports and the CLI print it. A file read from pasted text has a
 * VM path only so the rules read it as that log (/var/log/waagent.log); the engineer pasted no such file, so its
 * lines are shown as "pasted text, line N" (N is the line of the paste: ingest/paste.ts keeps line numbers).
 */
export interface PasteWords {
  pastedLine: (n: number) => string;
  pasted: string;
}

/** The VM paths whose every file came from pasted text (a path a real file also has stays a path). */
export function pastedPaths(files: readonly Pick<BundleFile, 'vmPath' | 'input'>[], inputs: readonly Pick<InputSummary, 'kind'>[]): ReadonlySet<string> {
  const pasted = new Set<string>();
  const real = new Set<string>();
  for (const f of files) (inputs[f.input]?.kind === 'pasted-text' ? pasted : real).add(f.vmPath);
  for (const p of real) pasted.delete(p);
  return pasted;
}

/** `file:line` (or the file alone for a whole-file evidence), or the paste's words for a pasted line. */
export function evidencePlace(e: Pick<Evidence, 'file' | 'line'>, pasted: ReadonlySet<string>, words: PasteWords): string {
  if (pasted.has(e.file)) return e.line > 0 ? words.pastedLine(e.line) : words.pasted;
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}

/** evidencePlace bound to one result's files and inputs. */
export function evidencePlacer(files: readonly Pick<BundleFile, 'vmPath' | 'input'>[], inputs: readonly Pick<InputSummary, 'kind'>[], words: PasteWords): (e: Pick<Evidence, 'file' | 'line'>) => string {
  const pasted = pastedPaths(files, inputs);
  return (e) => evidencePlace(e, pasted, words);
}
