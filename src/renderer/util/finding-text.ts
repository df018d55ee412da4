import type { Finding } from '../../shared';
import type { Messages } from '../i18n';
import type { Place } from './place';
import { redactLine } from './redact';

/**
 * A finding for a ticket: verdict, reason, evidence lines with file:line, remedy and links, as Markdown
 * or plain text. Evidence text is redacted like a copied log line; `place` names each line as the window does
 * ("pasted text, line N" for a line of a paste).
 */
export function findingText(f: Finding, t: Messages, format: 'md' | 'text', place: Place): string {
  const md = format === 'md';
  const head = `${f.title} — ${t.finding.verdict[f.verdict]}, ${t.finding.confidence[f.confidence]}`;
  const out: string[] = [md ? `### ${head}` : head, '', f.reason];
  if (f.portalCodes.length) out.push('', f.portalCodes.map((c) => (md ? `\`${c}\`` : c)).join(', '));
  if (f.evidence.length) {
    out.push('', md ? `**${t.finding.evidence}**` : `${t.finding.evidence}:`, '');
    for (const e of f.evidence) {
      const loc = place(e);
      const text = redactLine(e.text).replace(/\s+/g, ' ').trim();
      out.push(md ? `- \`${loc}\`${e.time ? ` (${e.time})` : ''}: \`${text.replace(/`/g, "'")}\`` : `- ${loc}${e.time ? ` (${e.time})` : ''}: ${text}`);
    }
  }
  if (f.remedy.length) {
    out.push('', md ? `**${t.finding.remedy}**` : `${t.finding.remedy}:`, '');
    f.remedy.forEach((r, i) => out.push(`${i + 1}. ${md ? r : r.replace(/`/g, '')}`));
  }
  if (f.links.length) {
    out.push('');
    for (const l of f.links) out.push(md ? `- [${l.title}](${l.url})` : `- ${l.title}: ${l.url}`);
  }
  return out.join('\n') + '\n';
}

/** What the verdict card says, as plain text for a ticket (the Diagnosis view builds `v` from the result). */
export interface VerdictForTicket {
  /** The headline: the cause with its confidence, "cannot tell", or no guest-side cause. */
  head: string;
  /** With a cause at low confidence: that cause, as only possible. */
  possible?: string;
  summary: string;
  /** The top finding, in the UI's language: its remedy and evidence go with a verdict that names it. */
  finding?: Finding;
  /** What to collect to tell (with a low-confidence verdict). */
  collect: { what: string; how: string }[];
  /** What to check in Azure (with no guest-side cause). */
  azure: { title: string; check: string }[];
}

/**
 * The verdict for a ticket: the headline, the summary, and what to tell the customer — the top cause's remedy and
 * its evidence (redacted, as a copied finding), or what to collect, or what to check in Azure.
 */
export function verdictText(v: VerdictForTicket, t: Messages, place: Place): string {
  const plain = (s: string) => s.replace(/`/g, '');
  const out: string[] = [v.head];
  if (v.possible) out.push(v.possible);
  out.push('', v.summary);
  const f = v.finding;
  if (f && f.remedy.length) {
    out.push('', `${t.finding.remedy}:`);
    f.remedy.forEach((r, i) => out.push(`${i + 1}. ${plain(r)}`));
  }
  if (v.collect.length) {
    out.push('', `${t.diag.collectToTell}:`);
    for (const c of v.collect) out.push(`- ${c.what}: ${plain(c.how)}`);
  }
  if (v.azure.length) {
    out.push('', `${t.report.azureChecklist}:`);
    for (const c of v.azure) out.push(`- ${c.title}: ${plain(c.check)}`);
  }
  if (f && f.evidence.length) {
    out.push('', `${t.finding.evidence}:`);
    for (const e of f.evidence) out.push(`- ${place(e)}${e.time ? ` (${e.time})` : ''}: ${redactLine(e.text).replace(/\s+/g, ' ').trim()}`);
  }
  return out.join('\n') + '\n';
}
