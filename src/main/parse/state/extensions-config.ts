import type { ExtensionsConfigFact } from '../../../shared';
import type { Parser } from '../types';
import { evidence, lineOf, lineText, obj, readSmallText } from './common';
import { incarnationFromName } from './goal-state';
import { goalStateTime, historyFolderOf } from './history';
import { safeSettings, snapshotSettingsOf } from './runtime-settings';
import { at, attr, list, parseXml, textOf } from './xml';
import { msg } from '../../../shared/i18n/analysis';
import { VMSNAP_HANDLER } from '../../../shared/model/handler';

/**
 * ExtensionsConfig.xml (docs/formats.md "ExtensionsConfig.xml and vmSettings") → one `extensions-config` fact: the plugins the
 * fabric asked for, their RuntimeSettings seqNo, GA families, whether a status blob is set (its SAS
 * URL is never kept) and the Backup extension's public task settings (never protectedSettings).
 */
export const parseExtensionsConfig: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  if (!text.trim()) {
    sink.warn(msg('parse.empty', { file: 'extensions-config' }));
    return;
  }
  const doc = parseXml(text, sink);
  const root = doc?.Extensions;
  if (!root || typeof root !== 'object') {
    if (doc) sink.warn(msg('parse.no-root', { doc: 'ExtensionsConfig', root: 'Extensions' }));
    return;
  }
  const hist = historyFolderOf(file.vmPath);

  const plugins: ExtensionsConfigFact['plugins'] = [];
  for (const p of list(obj(at(root, 'Plugins'))?.Plugin)) {
    const name = attr(p, 'name');
    if (!name) continue;
    const au = attr(p, 'autoUpgrade');
    plugins.push({
      name,
      version: attr(p, 'version') ?? '',
      // an empty state makes the agent fail the handler ("Received empty Extensions.Plugins.Plugin.state")
      state: attr(p, 'state') ?? '',
      ...(au !== undefined ? { autoUpgrade: au.toLowerCase() === 'true' } : {}),
    });
  }

  const seqNos: Record<string, number> = Object.create(null); // keys are extension names from the file
  let snapshotSettings: ExtensionsConfigFact['snapshotSettings'];
  for (const p of list(obj(at(root, 'PluginSettings'))?.Plugin)) {
    const name = attr(p, 'name');
    if (!name || !p || typeof p !== 'object') continue;
    const node = p as Record<string, unknown>;
    // single-config RuntimeSettings, or multi-config ExtensionRuntimeSettings (highest seqNo wins)
    const runtime = [...list(node.RuntimeSettings), ...list(node.ExtensionRuntimeSettings)];
    for (const r of runtime) {
      const seq = Number(attr(r, 'seqNo'));
      if (Number.isFinite(seq) && (seqNos[name] === undefined || seq > seqNos[name])) seqNos[name] = seq;
      if (VMSNAP_HANDLER.test(name)) {
        const body = textOf(r);
        let parsed: unknown;
        try {
          parsed = body ? JSON.parse(body) : undefined;
        } catch {
          sink.warn(msg('parse.runtime-settings-invalid', { name }), lineOf(text, `name="${name}"`) || undefined);
        }
        snapshotSettings = snapshotSettingsOf(parsed ? safeSettings(parsed) : null) ?? snapshotSettings;
      }
    }
  }

  const gaFamilies: ExtensionsConfigFact['gaFamilies'] = [];
  for (const f of list(obj(at(root, 'GuestAgentExtension/GAFamilies'))?.GAFamily)) {
    const name = textOf(at(f, 'Name'));
    if (!name) continue;
    const version = textOf(at(f, 'Version'));
    gaFamilies.push({ name, ...(version ? { version } : {}) });
  }

  const meta = at(root, 'InVMGoalStateMetaData');
  const createdOnTicks = attr(meta, 'createdOnTicks');
  const incAttr = attr(root, 'goalStateIncarnation');
  const incarnation = incAttr && /^\d+$/.test(incAttr) ? Number(incAttr) : (hist?.incarnation ?? incarnationFromName(file.vmPath));
  const { timeMs, zone } = goalStateTime(hist, createdOnTicks);
  const line = lineOf(text, '<Extensions') || 1;
  const statusBlob = at(root, 'StatusUploadBlob');
  const fact: ExtensionsConfigFact = {
    kind: 'extensions-config',
    at: evidence(file.vmPath, line, lineText(text, line), timeMs, zone),
    timeMs,
    ...(incarnation !== undefined ? { incarnation } : {}),
    plugins,
    seqNos,
    statusUploadBlob: !!textOf(statusBlob)?.trim(),
    gaFamilies,
    ...(createdOnTicks && /^\d+$/.test(createdOnTicks) ? { createdOnTicks } : {}),
    ...(snapshotSettings ? { snapshotSettings } : {}),
  };
  sink.fact(fact);
};
