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
