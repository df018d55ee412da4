import type { ExtensionsConfigFact } from '../../../shared';
import type { Parser } from '../types';
import { arr, evidence, lineOf, lineText, num, obj, parseJson, readSmallText, str } from './common';
import { goalStateTime, historyFolderOf } from './history';
import { fromHandlerSettings, snapshotSettingsOf } from './runtime-settings';
import { VMSNAP_HANDLER } from '../../../shared/model/handler';

/**
 * vmSettings JSON from the HostGAPlugin (FastTrack, 2.5+; docs/formats.md "ExtensionsConfig.xml and vmSettings"). It is the same
 * extension goal state as ExtensionsConfig in another shape, so it yields an `extensions-config` fact.
 */
export const parseVmSettings: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  const root = obj(parseJson(text, sink));
  if (!root) return;
  const hist = historyFolderOf(file.vmPath);
  const plugins: ExtensionsConfigFact['plugins'] = [];
  const seqNos: Record<string, number> = Object.create(null); // keys are extension names from the file
  let snapshotSettings: ExtensionsConfigFact['snapshotSettings'];
  for (const e of arr(root.extensionGoalStates)) {
    const g = obj(e);
    const name = str(g?.name);
    if (!g || !name) continue;
    plugins.push({
      name,
      version: str(g.version) ?? '',
      state: str(g.state) ?? '',
      ...(typeof g.autoUpgrade === 'boolean' ? { autoUpgrade: g.autoUpgrade } : {}),
    });
    const seq = num(g.settingsSeqNo);
    if (seq !== undefined) seqNos[name] = seq;
    if (VMSNAP_HANDLER.test(name)) {
      const s0 = obj(arr(g.settings)[0]);
      snapshotSettings = snapshotSettingsOf(s0 ? fromHandlerSettings(s0) : null) ?? snapshotSettings;
    }
  }
  const gaFamilies: ExtensionsConfigFact['gaFamilies'] = [];
  for (const f of arr(root.gaFamilies)) {
    const name = str(obj(f)?.name);
    if (name) gaFamilies.push({ name, ...(str(obj(f)?.version) ? { version: str(obj(f)?.version) } : {}) });
  }
  // a JSON number this large loses digits in JSON.parse, so the tick count is read from the text
  const ticks = /"extensionsLastModifiedTickCount"\s*:\s*"?(\d{1,20})/.exec(text)?.[1] ?? str(root.extensionsLastModifiedTickCount);
  const { timeMs, zone } = goalStateTime(hist, ticks);
  const line = lineOf(text, '"extensionGoalStates"') || 1;
  const sub = obj(root.statusUploadBlob);
  const fact: ExtensionsConfigFact = {
    kind: 'extensions-config',
    at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone),
    timeMs,
    ...(hist?.incarnation !== undefined ? { incarnation: hist.incarnation } : {}),
    plugins,
    seqNos,
    statusUploadBlob: !!str(sub?.value),
    gaFamilies,
    ...(ticks ? { createdOnTicks: ticks } : {}),
    ...(snapshotSettings ? { snapshotSettings } : {}),
  };
  sink.fact(fact);
};
