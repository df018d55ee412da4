// What bench/ab.mjs runs in one process for each build it compares: this file is bundled against each root's src (its
// `../src/` imports point there), so one round's work is the same code path a build's CLI or parse worker runs.
import { statSync } from 'node:fs';
import { DiskFileContent } from '../src/main/ingest/content';
import { parseWaagentLog } from '../src/main/parse/waagent/index';
import { parseExtensionLog } from '../src/main/parse/vmsnapshot/extension-log';
import { runParseJob } from '../src/main/parse/run-job';
import { RecordStore } from '../src/main/records/store';
import { FactStore } from '../src/main/records/fact-store';
import { analyzeBundle, type AnalysisSession } from '../src/main/pipeline/analyze-bundle';
import type { AnalysisResult, BundleFile } from '../src/shared';
import type { ParseSink } from '../src/main/parse/types';
import { redactDeep } from '../src/shared/redact';
import { cliJsonParts } from '../src/main/report/json';

const AGENT = { id: 0, vmPath: 'var/log/waagent.log', kind: 'waagent-log', size: 0, warnings: [] } as unknown as BundleFile;
const EXTENSION = { ...AGENT, vmPath: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', kind: 'vmsnapshot-extension-log' } as BundleFile;

/** A sink that counts what the parser gives and keeps nothing (the parser's own cost). */
function counting(n: { records: number; facts: number }): ParseSink {
  const fact = () => void n.facts++;
  return { record: () => void n.records++, fact, recordFact: fact, rowLayout: () => 0, recordRow: () => (fact(), true), warn: () => undefined };
}

let session: AnalysisSession | undefined;
/** The redacted result the `json` mode writes again and again. */
let written: AnalysisResult | undefined;

/**
 * One round of `mode` on `path`: `parse` / `ext` the waagent.log / extension.log parser with a counting sink; `store` the
 * waagent.log parser into a RecordStore and FactStore as the CLI's parse in this thread writes them (records staged);
 * `job` a parse worker's job
 * (runParseJob, the facts as columns) run here; `analyze` the whole pipeline in this thread (ingest, parse, diagnosis;
 * no parse worker: this bundle is not the built app); `diagnose` the diagnosis again (the first round parses); `write`
 * the diagnosis again, then what the CLI does with it (redactDeep, the JSON's pieces made and dropped); `json` the JSON's
 * pieces of one redacted result, made and dropped (the writer alone).
 */
export async function runOnce(mode: string, path: string): Promise<{ records: number; facts: number }> {
  const n = { records: 0, facts: 0 };
  const size = () => statSync(path).size;
  switch (mode) {
    case 'parse':
      await parseWaagentLog({ file: AGENT, content: new DiskFileContent(path, size()) }, counting(n));
      return n;
    case 'ext':
      await parseExtensionLog({ file: EXTENSION, content: new DiskFileContent(path, size()) }, counting(n));
      return n;
    case 'store': {
      const content = new DiskFileContent(path, size());
      const records = new RecordStore([{ vmPath: AGENT.vmPath, content }]);
      const facts = new FactStore(records, [AGENT]);
      let last = -1;
      // as parse-files.ts parseInThread writes a file's records (staged, settled at its end)
      await parseWaagentLog(
        { file: AGENT, content },
        {
          record: (r) => void (last = records.stage(0, r)),
          fact: (f) => void facts.push(f, 0),
          recordFact: (d, firstLen) => facts.pushAtRecord(d, last, firstLen),
          rowLayout: (sample) => facts.layoutOf(sample),
          recordRow: (layout, values, firstLen) => facts.pushRowAtRecord(layout, values, last, firstLen),
          warn: () => undefined,
        },
      );
      records.settle();
      return { records: records.count, facts: facts.length };
    }
    case 'job': {
      const r = await runParseJob({ id: 1, file: AGENT, source: { type: 'disk', path, start: 0, size: size() }, factsFrom: 0, rows: true }, undefined, (c) => {
        n.records += c.batch.count;
        n.facts += c.rows.count;
      });
      return { records: n.records + r.batch.count, facts: n.facts + (r.rows?.count ?? 0) + r.facts.length };
    }
    case 'analyze': {
      const s = await analyzeBundle([path], { release: true, timeline: false });
      return { records: s.result.stats.records, facts: s.result.stats.facts };
    }
    case 'diagnose': {
      session ??= await analyzeBundle([path], { timeline: false });
      const r = await session.rediagnose({ timeline: false });
      return { records: r.stats.records, facts: r.stats.facts };
    }
    case 'write': {
      session ??= await analyzeBundle([path], { timeline: false });
      const r = redactDeep(await session.rediagnose({ timeline: false }));
      let chars = 0;
      for (const part of cliJsonParts(r)) chars += part.length;
      return { records: r.stats.records, facts: chars };
    }
    case 'json': {
      session ??= await analyzeBundle([path], { timeline: false });
      written ??= redactDeep(session.result);
      let chars = 0;
      for (const part of cliJsonParts(written)) chars += part.length;
      return { records: written.stats.records, facts: chars };
    }
    default:
      throw new Error(`unknown mode ${mode}: parse, ext, store, job, analyze, diagnose, write or json`);
  }
}
