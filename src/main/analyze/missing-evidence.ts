import type { BundleFile, MissingEvidence } from '../../shared';
import { MISSING } from '../../shared/formats';

/**
 * What the bundle lacks for a full diagnosis, and how to collect it: the formats' `missing` advice, in English and
 * Dutch. Where a journal or syslog relays the agent's records, the advice for the agent's log says so (and whether
 * all it relays is a `systemctl status` excerpt) instead of asking as if nothing of the agent was seen.
 */
export function missingEvidence(files: readonly BundleFile[]): MissingEvidence[] {
  const kinds = new Set(files.map((f) => f.kind));
  const relaying = files.filter((f) => f.relaysAgentLog);
  const logs = relaying.filter((f) => !f.relaysAgentExcerpt);
  const out: MissingEvidence[] = [];
  for (const m of MISSING) {
    const present = m.present ? m.present(files) : kinds.has(m.kind);
    if (present) continue;
    const relayed = m.relayed && relaying.length ? (logs.length ? m.relayed.log : m.relayed.excerpt) : undefined;
    if (!relayed) {
      out.push({ what: m.what, why: m.why, howToCollect: m.howToCollect, whatNl: m.nl.what, whyNl: m.nl.why, howToCollectNl: m.nl.howToCollect });
      continue;
    }
    // the files by the names the engineer has (a file placed under another path keeps its own); names are not translated
    const named = (logs.length ? logs : relaying).map((f) => f.givenName ?? f.vmPath);
    const list = named.length > 3 ? [...named.slice(0, 3), '…'] : named;
    const fill = (s: string) => s.replace('{files}', list.join(', '));
    out.push({ what: m.what, why: fill(relayed.why), howToCollect: relayed.howToCollect, whatNl: m.nl.what, whyNl: fill(relayed.nl.why), howToCollectNl: relayed.nl.howToCollect });
  }
  return out;
}
