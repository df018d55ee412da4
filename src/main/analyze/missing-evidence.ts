import type { BundleFile, MissingEvidence } from '../../shared';
import { MISSING } from '../../shared/formats';

/** What the bundle lacks for a full diagnosis, and how to collect it: the formats' `missing` advice, in English and Dutch. */
export function missingEvidence(files: readonly BundleFile[]): MissingEvidence[] {
  const kinds = new Set(files.map((f) => f.kind));
  const out: MissingEvidence[] = [];
  for (const m of MISSING) {
    const present = m.present ? m.present(files) : kinds.has(m.kind);
    if (!present) out.push({ what: m.what, why: m.why, howToCollect: m.howToCollect, whatNl: m.nl.what, whyNl: m.nl.why, howToCollectNl: m.nl.howToCollect });
  }
  return out;
}
