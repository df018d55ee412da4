import type { Evidence, ProbeFact } from '../../../shared';
import { imdsCompute } from '../../../shared/formats/platform';
import { msg } from '../../../shared/i18n/analysis';
import { probeNote } from '../../../shared/probe-note';
import type { Parser } from '../types';

/** An IMDS compute document is a few KB; a bigger file is not one. */
const MAX_TEXT = 1024 * 1024;

/**
 * A sosreport's `sos_commands/azure/instance_metadata.json`: what the VM's Instance Metadata Service answered sos's azure
 * plugin (`curl -s -H Metadata:true http://169.254.169.254/metadata/instance/compute?api-version=2019-11-01`; sos 3.x
 * asked `/metadata/instance?api-version=2017-08-01`, the compute document under `compute`). Read as the SSH collector's
 * `imds` check is (ssh/probes.ts): IMDS answered from inside the VM when the report was taken, and the few fields that
 * name the VM (formats/platform.ts imdsCompute; never its keys, tags or user data). An empty file says nothing: `curl -s`
 * prints nothing when IMDS did not answer, and why (a proxy, a route) is not in it.
 */
export const parseInstanceMetadata: Parser = async ({ file, content }, sink) => {
  let text: string;
  try {
    text = await content.text(MAX_TEXT);
  } catch (e) {
    sink.warn(msg('parse.named-not-read', { name: 'instance_metadata.json', error: (e as Error).message }));
    return;
  }
  if (text.trim() === '') return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    sink.warn(msg('parse.named-not-read', { name: 'instance_metadata.json', error: (e as Error).message }));
    return;
  }
  // (another JSON document saved under the name, an error IMDS gave, names no VM)
  const fields = imdsCompute(doc);
  if (!fields?.vmId) return;
  const lines = text.split('\n');
  const idx = Math.max(0, lines.findIndex((l) => l.includes('"vmId"')));
  const at: Evidence = { file: file.vmPath, line: idx + 1, time: null, zone: 'none', text: lines[idx].trim().slice(0, 500) };
  const data: Record<string, unknown> = { httpStatus: 200, via: 'curl', ...fields };
  const note = probeNote('imds', true, data);
  const fact: ProbeFact = { kind: 'probe', at, timeMs: NaN, probe: 'imds', ok: true, detail: '', ...(note ? { note } : {}), data };
  sink.fact(fact);
};
