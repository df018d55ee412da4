import { CAUSES } from './causes';
import { PORTAL_CODES } from './portal-codes';
import { linkIn } from './links';
import type { CauseDefinition, GuestVisibility, Lang } from './types';

/**
 * docs/causes.md, generated from the catalogue so the two never drift (test/catalog/docs.test.ts
 * compares, `npm run docs:causes` rewrites). Pure and deterministic: no dates, no environment.
 */

const VISIBILITY: Record<Lang, Record<GuestVisibility, string>> = {
  en: {
    yes: 'yes',
    partly: 'partly (Azure shows the rest)',
    hints: 'hints only (the cause itself is in Azure)',
    'windows-only': 'Windows guest logs only',
    no: 'no (Azure side only)',
  },
  nl: {
    yes: 'ja',
    partly: 'gedeeltelijk (Azure toont de rest)',
    hints: 'alleen aanwijzingen (de oorzaak zelf zit in Azure)',
    'windows-only': 'alleen in Windows-logboeken van de gast',
    no: 'nee (alleen aan de kant van Azure)',
  },
};

const LABELS = {
  en: { windows: 'Title on a Windows guest', codes: 'Portal codes', seen: 'Seen from the guest', source: 'Source', signals: 'Evidence the app looks for', azure: 'Check in Azure', remedy: "Remedy (in the article's order)", links: 'Links' },
  nl: { windows: 'Titel op een Windows-gast', codes: 'Portalcodes', seen: 'Zichtbaar vanuit de gast', source: 'Bron', signals: 'Bewijs waar de app naar zoekt', azure: 'Controleer in Azure', remedy: 'Oplossing (in de volgorde van het artikel)', links: 'Koppelingen' },
} as const;

/** Table cells and headings must not break the Markdown around them. */
function cell(s: string): string {
  return mdText(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Prose says AzureBackupRG_<Geo>_<number>; a Markdown renderer would take <Geo> for an HTML tag and
 * drop it. Escape angle brackets outside `code spans` (inside them they already show literally).
 */
export function mdText(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

function anchor(id: string): string {
  return `#${id}`;
}

function causeSection(c: CauseDefinition, lang: Lang): string[] {
  const out: string[] = [];
  const t = LABELS[lang];
  out.push(`### \`${c.id}\` — ${mdText(c.title[lang])}`, '');
  out.push(mdText(c.description[lang]), '');
  // the title names a Linux mechanism; a Windows guest's finding, report and recent list show this one
  if (c.titleWindows) out.push(`- **${t.windows}:** ${mdText(c.titleWindows[lang])}`);
  out.push(`- **${t.codes}:** ${c.portalCodes.map((p) => `\`${p}\``).join(', ')}`);
  out.push(`- **${t.seen}:** ${VISIBILITY[lang][c.visibility]}`);
  out.push(`- **${t.source}:** ${mdText(c.source)}`);
  out.push('');
  // The signals are written in English only; they quote log lines, which are English anyway.
  if (c.signals?.length) {
    out.push(`**${t.signals}**`, '');
    for (const s of c.signals) out.push(`- ${mdText(s)}`);
    out.push('');
  }
  if (c.azureCheck) out.push(`**${t.azure}:** ${mdText(c.azureCheck[lang])}`, '');
  out.push(`**${t.remedy}**`, '');
  c.remedy[lang].forEach((step, i) => out.push(`${i + 1}. ${mdText(step)}`));
  out.push('');
  if (c.links.length) {
    out.push(`**${t.links}**`, '');
    for (const l of c.links.map((x) => linkIn(lang, x))) out.push(`- [${mdText(l.title)}](${l.url})`);
    out.push('');
  }
  return out;
}

/**
 * docs/causes.md. `evidenceModel` is the section on how findings are weighed, written by the analyzer
 * from its own tables (src/main/analyze/weigh.ts), so the doc and the code cannot disagree.
 */
export function causesMarkdown(evidenceModel = ''): string {
  const out: string[] = [
    '<!-- Generated from src/shared/catalog by `npm run docs:causes`. Do not edit by hand. -->',
    '',
    '# Causes and portal error codes',
    '',
    'Every cause VM Backup Doctor evaluates, with the portal error codes it explains, what the app looks for in a bundle,',
    'and the remedy in the order of the Microsoft troubleshooting article ("Troubleshoot Azure Backup failure: issues',
    'with the agent or extension"). Causes the article does not cover take their remedies from the VMSnapshotLinux',
    'and WALinuxAgent research notes; each cause names its source. The Dutch remedies follow the English ones.',
    '',
    '## Overview',
    '',
    '| Cause | Title | Portal codes | Seen from the guest |',
    '|---|---|---|---|',
  ];
  for (const c of CAUSES) {
    out.push(`| [\`${c.id}\`](${anchor(c.id)}) | ${cell(c.title.en)}${c.titleWindows ? `<br>Windows: ${cell(c.titleWindows.en)}` : ''} | ${c.portalCodes.map((p) => `\`${p}\``).join(', ')} | ${VISIBILITY.en[c.visibility]} |`);
  }
  if (evidenceModel) out.push('', evidenceModel.trimEnd());
  out.push('', '## Portal error codes', '', 'Causes to walk for each code, most likely first (the article\'s order, then research additions).', '');
  out.push('| Portal code | Message | Causes, in order | Source |', '|---|---|---|---|');
  for (const p of PORTAL_CODES) {
    out.push(`| \`${p.code}\` | ${cell(p.message.en)} | ${p.causes.map((c, i) => `${i + 1}. \`${c}\``).join('<br>')} | ${cell(p.source)} |`);
  }
  out.push('', '## Causes (English)', '');
  for (const c of CAUSES) {
    out.push(`<a id="${c.id}"></a>`, '');
    out.push(...causeSection(c, 'en'));
  }
  out.push('## Oorzaken (Nederlands)', '');
  for (const c of CAUSES) out.push(...causeSection(c, 'nl'));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
