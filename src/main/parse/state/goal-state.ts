import type { GoalStateDocFact } from '../../../shared';
import type { Parser } from '../types';
import { evidence, lineOf, lineText, readSmallText } from './common';
import { historyFolderOf } from './history';
import { at, attr, parseXml, textOf, type XmlNode } from './xml';
import { msg } from '../../../shared/i18n/analysis';

/** 2.8+ leaves this in the lib dir instead of the real goal state (archive.py `_save_placeholder`). */
const PLACEHOLDER = /^\s*<xml>\s*empty placeholder file\s*<\/xml>\s*$/i;

function int(s: string | undefined): number | undefined {
  return s !== undefined && /^\s*\d+\s*$/.test(s) ? Number(s) : undefined;
}

/** Incarnation from `GoalState.<N>.xml` / `ExtensionsConfig.<N>.xml` style names. */
export function incarnationFromName(vmPath: string): number | undefined {
  const m = /\.(\d+)\.xml$/i.exec(vmPath);
  return m ? Number(m[1]) : undefined;
}

/**
 * GoalState.xml, HostingEnvironmentConfig.xml and SharedConfig.xml → one `goal-state-doc` fact each
 * (docs/formats.md "Goal-state files"): incarnation, container id, role instance, history time.
 */
export const parseGoalStateDoc: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink);
  if (text === null) return;
  if (PLACEHOLDER.test(text)) return; // the 2.8+ placeholder: expected, says nothing
  if (!text.trim()) {
    sink.warn(msg('parse.empty', { file: 'goal-state' }));
    return;
  }
  const doc = parseXml(text, sink);
  if (!doc) return;
  const hist = historyFolderOf(file.vmPath);
  const fact = readDoc(doc, text, file.vmPath);
  if (!fact) {
    sink.warn(msg('parse.not-goal-state'));
    return;
  }
  const incarnation = fact.incarnation ?? hist?.incarnation ?? incarnationFromName(file.vmPath);
  const timeMs = hist?.timeMs ?? NaN;
  const at0 = fact.line
    ? evidence(file.vmPath, fact.line, lineText(text, fact.line), timeMs, hist?.zone)
    : evidence(file.vmPath, 0, fact.summary, timeMs, hist?.zone);
  const out: GoalStateDocFact = {
    kind: 'goal-state-doc',
    at: at0,
    timeMs,
    ...(incarnation !== undefined ? { incarnation } : {}),
    ...(fact.containerId ? { containerId: fact.containerId } : {}),
    ...(fact.roleInstanceId ? { roleInstanceId: fact.roleInstanceId } : {}),
    ...(hist ? { historyTime: hist.time } : {}),
  };
  sink.fact(out);
};

function readDoc(doc: XmlNode, text: string, vmPath: string) {
  if (doc.GoalState) {
    const gs = doc.GoalState;
    const incarnation = int(textOf(at(gs, 'Incarnation')));
    return {
      incarnation,
      containerId: textOf(at(gs, 'Container/ContainerId')),
      roleInstanceId: textOf(at(gs, 'Container/RoleInstanceList/RoleInstance/InstanceId')),
      line: lineOf(text, '<Incarnation>'),
      summary: `GoalState incarnation ${incarnation ?? '?'}`,
    };
  }
  if (doc.HostingEnvironmentConfig) {
    const h = doc.HostingEnvironmentConfig;
    const inc = int(attr(h, 'goalStateIncarnation'));
    return {
      incarnation: inc,
      containerId: undefined,
      // Incarnation@instance is the role instance (VM) name
      roleInstanceId: attr(at(h, 'Incarnation'), 'instance'),
      line: lineOf(text, '<HostingEnvironmentConfig'),
      summary: `HostingEnvironmentConfig ${vmPath}`,
    };
  }
  if (doc.SharedConfig) {
    const s = doc.SharedConfig;
    return {
      incarnation: int(attr(s, 'goalStateIncarnation')),
      containerId: undefined,
      roleInstanceId: attr(at(s, 'Incarnation'), 'instance'),
      line: lineOf(text, '<SharedConfig'),
      summary: `SharedConfig ${vmPath}`,
    };
  }
  return null;
}

