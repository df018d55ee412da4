import type { BundleFile, Evidence } from '../../shared';

/**
 * A VM root: where a VM's tree starts in the bundle. Two VMs' logs handed in together (two collector zips, a colleague's
 * `other-vm/var/log/waagent.log` beside the case's own) share VM paths but not roots, so whatever must not join two
 * VMs' files (rotation chains, the relayed records set against waagent.log, pipeline/vms.ts) asks this one definition.
 */

const norm = (p: string) => p.replace(/\\/g, '/');
/** `s` without the characters of `chars` at its end (a loop: log-derived paths are hostile, no backtracking). */
function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

/**
 * The file's root: the input's base name and what its origin has between the input and the file's VM folder
 * (`logs.zip!C`, `bundle/other-vm`), so two VMs' trees in one input part, and the names stay free of the engineer's
 * own folders (reports leave those out).
 */
export function rootName(inputPath: string, f: Pick<BundleFile, 'origin' | 'vmPath'>): string {
  const input = trimEnd(norm(inputPath), '/');
  const origin = norm(f.origin);
  const base = input.slice(input.lastIndexOf('/') + 1) || input;
  let rest = origin.startsWith(input) ? origin.slice(input.length) : origin;
  // the member's folder, less the VM folder it was placed in (a flat ticket folder keeps its own)
  rest = rest.slice(0, Math.max(0, rest.lastIndexOf('/')));
  const vmDir = f.vmPath.includes('/') ? f.vmPath.slice(0, f.vmPath.lastIndexOf('/')) : '';
  if (vmDir && rest.toLowerCase().endsWith(vmDir.toLowerCase())) rest = rest.slice(0, rest.length - vmDir.length);
  rest = trimEnd(rest, '/!');
  while (rest.startsWith('/')) rest = rest.slice(1);
  if (!rest) return base;
  return rest.startsWith('!') ? `${base}${rest}` : `${base}/${rest}`;
}

/** Each file's root, in the files' order (`inputs`: the input paths, by BundleFile.input). */
export function rootsOf(inputs: readonly { path: string }[], files: readonly Pick<BundleFile, 'input' | 'origin' | 'vmPath'>[]): string[] {
  return files.map((f) => rootName(inputs[f.input]?.path ?? '', f));
}

/**
 * The roots the reasoning groups facts by: `roots` (rootsOf), but loose files handed in together are one VM's unless two
 * of them are at the same VM path. Each loose file is an input of its own, so each has a root of its own name, and
 * nothing in a loose file says another VM's: a loose extension.log's failure and the loose waagent.log beside it are one
 * VM's story (the names stay, for the notice that offers each VM alone).
 */
export function reasoningRoots(inputs: readonly { kind: string }[], files: readonly Pick<BundleFile, 'input' | 'vmPath'>[], roots: readonly string[]): string[] {
  const loose = files.flatMap((f, i) => (inputs[f.input]?.kind === 'single-file' ? [i] : []));
  if (loose.length < 2 || new Set(loose.map((i) => files[i].vmPath.toLowerCase())).size < loose.length) return [...roots];
  const out = [...roots];
  for (const i of loose) out[i] = roots[loose[0]];
  return out;
}

/**
 * Each VM path (and given name) to the id (index) of the one file there, -1 where two files share it (two roots' trees):
 * a fact that names its file by VM path alone is placed only where that names one file.
 */
export function fileByPath(files: readonly Pick<BundleFile, 'vmPath' | 'givenName'>[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (p: string, i: number) => out.set(p, out.has(p) && out.get(p) !== i ? -1 : i);
  files.forEach((f, i) => {
    add(f.vmPath, i);
    if (f.givenName && f.givenName !== f.vmPath) add(f.givenName, i);
  });
  return out;
}

/**
 * The id of the file a fact's evidence was read from, -1 when not known: a row's (a big log's) evidence points into its
 * file; else the one file at its VM path (`byPath`: fileByPath); else, where two roots share that path (two VMs'
 * `var/log/azure/…/extension.log`), the id its parser's caller gave (`kept`: FactStore.objectFileOf, -1 when none;
 * asked last, as FactIndex finds it through a map it makes only then). The one answer the clock, its shift and the
 * rules' roots ask.
 */
export function fileIdOfFact(at: Pick<Evidence, 'file' | 'textAt'>, byPath: ReadonlyMap<string, number>, kept: () => number): number {
  if (at.textAt) return at.textAt.fileId;
  const id = byPath.get(at.file) ?? -1;
  return id >= 0 ? id : kept();
}
