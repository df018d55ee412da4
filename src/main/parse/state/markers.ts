import type { AgentDisabledFact, GoalStateDocFact, MarkerFact } from '../../../shared';
import type { Parser } from '../types';
import { evidenceText } from '../../../shared/clip';
import { evidence, readSmallText, stripNul } from './common';
import { factDetail, msg } from '../../../shared/i18n/analysis';

/**
 * `/var/lib/waagent/disable_agent`: its presence alone disables the agent (docs/formats.md "ovf-env.xml and markers").
 * The file is empty, so its evidence shows the file itself, by its path (a sentence of ours there would be English
 * in every report; the reason says what the file does).
 */
export const parseDisableAgent: Parser = async ({ file }, sink) => {
  const at = evidence(file.vmPath, 0, `/${file.vmPath}`);
  const disabled: AgentDisabledFact = { kind: 'agent-disabled', at, timeMs: NaN, reason: 'disable-agent-file' };
  const marker: MarkerFact = { kind: 'marker', at, timeMs: NaN, marker: 'disable-agent', ...factDetail(msg('detail.disable-agent-file')) };
  sink.fact(disabled);
  sink.fact(marker);
};

/** `/var/lib/waagent/Incarnation` (≤2.7): the current incarnation as text. */
export const parseIncarnation: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink, 64 * 1024);
  if (text === null) return;
  const t = stripNul(text).trim();
  if (!/^\d+$/.test(t)) {
    sink.warn(msg('parse.not-a-number', { name: 'Incarnation', text: evidenceText(t, 40) }), 1);
    return;
  }
  const fact: GoalStateDocFact = { kind: 'goal-state-doc', at: evidence(file.vmPath, 1, t), timeMs: NaN, incarnation: Number(t) };
  sink.fact(fact);
};
