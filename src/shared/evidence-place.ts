import type { Evidence } from './facts/common';
import type { BundleFile, InputSummary } from './model/bundle';

/**
 * Where an evidence line is, as the window, the reports and the CLI print it. A file read from pasted text has a
 * VM path only so the rules read it as that log (/var/log/waagent.log); the engineer pasted no such file, so its
 * lines are shown as "pasted text, line N" (N is the line of the paste: ingest/paste.ts keeps line numbers).
 * Likewise a loose file placed by its content is shown by its own name, not the path the rules read it as.
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

/**
 * The VM paths of files ingest placed by their name or content (`systemctl-status-waagent.txt` read as
 * var/log/syslog), each with the name the engineer knows the file by. A path two differently named files share
 * stays a path: its line numbers would not say which file they are in.
 */
export function givenNames(files: readonly Pick<BundleFile, 'vmPath' | 'givenName'>[]): ReadonlyMap<string, string> {
  const names = new Map<string, string | null>();
  for (const f of files) {
    const had = names.get(f.vmPath);
    const name = f.givenName ?? null;
    names.set(f.vmPath, had === undefined || had === name ? name : null);
  }
  const out = new Map<string, string>();
  for (const [path, name] of names) if (name) out.set(path, name);
  return out;
}

/** `file:line` (or the file alone for a whole-file evidence), or the paste's words for a pasted line. */
export function evidencePlace(e: Pick<Evidence, 'file' | 'line'>, pasted: ReadonlySet<string>, words: PasteWords, given?: ReadonlyMap<string, string>): string {
  if (pasted.has(e.file)) return e.line > 0 ? words.pastedLine(e.line) : words.pasted;
  const file = given?.get(e.file) ?? e.file;
  return e.line > 0 ? `${file}:${e.line}` : file;
}

/** evidencePlace bound to one result, and whether a VM path is pasted text (the window marks those lines). */
export type Placer = ((e: Pick<Evidence, 'file' | 'line'>) => string) & { readonly isPasted: (file: string) => boolean };

/** evidencePlace bound to one result's files and inputs. */
export function evidencePlacer(files: readonly Pick<BundleFile, 'vmPath' | 'input' | 'givenName'>[], inputs: readonly Pick<InputSummary, 'kind'>[], words: PasteWords): Placer {
  const pasted = pastedPaths(files, inputs);
  const given = givenNames(files);
  return Object.assign((e: Pick<Evidence, 'file' | 'line'>) => evidencePlace(e, pasted, words, given), { isPasted: (file: string) => pasted.has(file) });
}

/** A record's identity: its place in the bundle, or (no line) its time and text. */
export const evidenceKey = (e: Pick<Evidence, 'file' | 'line' | 'time' | 'text'>) => (e.line > 0 ? `${e.file}\u0000${e.line}` : `${e.file}\u0000${e.time ?? ''}\u0000${e.text}`);

/** Evidence without repeats (the same record reached through two facts), in first-seen order; at most `max` of them. */
export function uniqueEvidence(list: readonly Evidence[], max = Infinity): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (let i = 0; i < list.length && out.length < max; i++) {
    const k = evidenceKey(list[i]);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(list[i]);
  }
  return out;
}
