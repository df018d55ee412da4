import { readdir, stat, readFile } from 'node:fs/promises';
import { join, relative, sep, basename } from 'node:path';
import { unzipSync } from 'fflate';
import type { InputSummary, Warning } from '../../shared';
import { classify } from './classify';
import { BufferContent, DiskFileContent } from './content';
import type { IngestedFile, IngestOptions, IngestResult } from './types';

/**
 * Reads every input (folder, archive, loose file) into one list of files mapped to VM paths.
 * Foundation version: folders, loose files and flat zips. See ingest/README in the code tree.
 */
export async function ingest(paths: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const inputs: InputSummary[] = [];
  const files: IngestedFile[] = [];
  const warnings: Warning[] = [];
  for (const [inputIndex, p] of paths.entries()) {
    const summary: InputSummary = { path: p, kind: 'unknown', files: 0, warnings: [] };
    inputs.push(summary);
    try {
      const s = await stat(p);
      if (s.isDirectory()) {
        summary.kind = 'folder';
        for await (const abs of walk(p)) {
          const rel = relative(p, abs).split(sep).join('/');
          const st = await stat(abs);
          files.push({ vmPath: rel, kind: classify(rel), size: st.size, truncated: false, origin: abs, input: inputIndex, warnings: [], content: new DiskFileContent(abs, st.size) });
          summary.files++;
        }
      } else if (/\.zip$/i.test(p)) {
        summary.kind = 'zip';
        const entries = unzipSync(await readFile(p));
        for (const [name, data] of Object.entries(entries)) {
          if (name.endsWith('/')) continue;
          files.push({ vmPath: name, kind: classify(name), size: data.length, truncated: false, origin: `${p}!${name}`, input: inputIndex, warnings: [], content: new BufferContent(Buffer.from(data)) });
          summary.files++;
        }
      } else {
        summary.kind = 'single-file';
        const name = basename(p);
        files.push({ vmPath: name, kind: classify(name), size: s.size, truncated: false, origin: p, input: inputIndex, warnings: [], content: new DiskFileContent(p, s.size) });
        summary.files++;
      }
    } catch (e) {
      const message = `cannot read ${p}: ${(e as Error).message}`;
      summary.warnings.push(message);
      warnings.push({ message });
    }
    opts.onProgress?.({ phase: 'reading', message: `read ${p}`, files: files.length });
  }
  return { inputs, files, warnings };
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) yield* walk(abs);
    else if (e.isFile()) yield abs;
  }
}
