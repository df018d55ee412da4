import type { Lang } from '../catalog/types';
import { plural } from './entry';

/**
 * The terminal's own phrases (`analyze --format text|md`); words the report has too (verdict, confidence, task
 * results, section titles) come from the report labels in labels.ts. Both languages, same parameters: a
 * missing one is a type error.
 */
const en = {
  unknownHost: 'unknown host',
  portalCode: (c: string) => `Portal code entered: ${c}`,
  failedAt: (t: string) => `Failed job pinned at: ${t}`,
  agent: (daemon: string, goal: string) => `Agent: daemon ${daemon}, goal-state agent ${goal}`,
  belowMinimum: (min: string) => ` (below the supported ${min})`,
  tasks: (seen: number, failed: number) => `Snapshot tasks: ${seen} seen, ${failed} not successful.`,
  code: 'code',
  portal: 'portal',
  moreEvidence: (n: number) => `… ${n} more evidence ${plural(n, 'line', 'lines')}`,
  portalCauses: (code: string) => `Causes of ${code}, in the article's order:`,
  counts: (ruledOut: number, notEvaluable: number) => `Ruled out: ${ruledOut}; not evaluable from this bundle: ${notEvaluable} (see --format json).`,
  unexplained: 'Unexplained errors (no known signature; near the failure first):',
  nearFailure: '[near failure] ',
  example: 'e.g.',
  moreTemplates: (n: number) => `… ${n} more ${plural(n, 'template', 'templates')} (see --format json)`,
  input: (path: string, kind: string, files: number, warnings: number) => `${path} (${kind}, ${files} ${plural(files, 'file', 'files')}${warnings ? `, ${warnings} ${plural(warnings, 'warning', 'warnings')}` : ''})`,
  collectSsh: 'Or collect them from the VM over SSH: vmbackup-doctor collect ssh://user@host --out vm.tar.gz',
  mdTitle: (host: string) => `VM backup diagnosis — ${host}`,
  /** `--out`: the file is written (a report without redaction says so). */
  wrote: (path: string, redacted = true) => `Wrote ${path}${redacted ? '' : ' (NOT redacted: it may contain secrets)'}`,
  cannotWrite: (format: string, error: string) => `could not write the ${format} report: ${error}`,
  notExecutable: (path: string) => `--chromium ${path} is not an executable.`,
  noChromium: 'no Chromium found for PDF printing (looked for chromium, google-chrome, … and CHROMIUM_PATH); pass --chromium PATH, or write .html and print it.',
  // `collect`: its own lines (the collection's progress, questions and errors come from the catalogue's ssh.*)
  oneDestination: 'give exactly one destination, e.g. ssh://azureuser@10.0.0.4',
  maxBytes: '--max-bytes must be a positive number',
  hostKeyWarning: (message: string, offered: string, known: string) => `\n@@@ WARNING: ${message}\n  offered: ${offered}\n  known:   ${known}\n\n`,
  refusedNoTerminal: (message: string, fingerprint: string) => `${message}\nRefused: no terminal to ask on. Re-run with --accept-new to trust ${fingerprint}, or add it to --known-hosts.\n`,
  skippedNoTerminal: (message: string) => `${message}: no terminal to ask on, skipped.\n`,
  yesNo: '[yes/no]',
  /** What counts as "yes" to a host-key question (English words are taken in every language). */
  yes: /^y(es)?$/i,
  warning: (message: string) => `Warning: ${message}`,
  next: (path: string) => `Next: vmbackup-doctor analyze ${path}`,
};

const nl: typeof en = {
  unknownHost: 'onbekende host',
  portalCode: (c) => `Ingevoerde portalcode: ${c}`,
  failedAt: (t) => `Mislukte taak vastgezet op: ${t}`,
  agent: (daemon, goal) => `Agent: daemon ${daemon}, doelstatusagent ${goal}`,
  belowMinimum: (min) => ` (onder het ondersteunde minimum ${min})`,
  tasks: (seen, failed) => `Momentopnametaken: ${seen} gezien, ${failed} niet geslaagd.`,
  code: 'code',
  portal: 'portal',
  moreEvidence: (n) => `… nog ${n} ${plural(n, 'bewijsregel', 'bewijsregels')}`,
  portalCauses: (code) => `Oorzaken van ${code}, in de volgorde van het artikel:`,
  counts: (ruledOut, notEvaluable) => `Uitgesloten: ${ruledOut}; niet te beoordelen met deze bundel: ${notEvaluable} (zie --format json).`,
  unexplained: 'Onverklaarde fouten (geen bekende handtekening; die bij de fout eerst):',
  nearFailure: '[bij de fout] ',
  example: 'bijv.',
  moreTemplates: (n) => `… nog ${n} ${plural(n, 'sjabloon', 'sjablonen')} (zie --format json)`,
  input: (path, kind, files, warnings) => `${path} (${kind}, ${files} ${plural(files, 'bestand', 'bestanden')}${warnings ? `, ${warnings} ${plural(warnings, 'waarschuwing', 'waarschuwingen')}` : ''})`,
  collectSsh: 'Of verzamel ze via SSH van de VM: vmbackup-doctor collect ssh://user@host --out vm.tar.gz',
  mdTitle: (host) => `Diagnose van de VM-back-up — ${host}`,
  wrote: (path, redacted = true) => `Geschreven: ${path}${redacted ? '' : ' (NIET geredigeerd: het kan geheimen bevatten)'}`,
  cannotWrite: (format, error) => `kon het ${format}-rapport niet schrijven: "${error}"`,
  notExecutable: (path) => `--chromium ${path} is geen uitvoerbaar bestand.`,
  noChromium: 'geen Chromium gevonden om de PDF af te drukken (gezocht naar chromium, google-chrome, … en CHROMIUM_PATH); geef --chromium PATH op, of schrijf .html en druk dat af.',
  oneDestination: 'geef precies één bestemming op, bijv. ssh://azureuser@10.0.0.4',
  maxBytes: '--max-bytes moet een positief getal zijn',
  hostKeyWarning: (message, offered, known) => `\n@@@ WAARSCHUWING: ${message}\n  aangeboden: ${offered}\n  bekend:     ${known}\n\n`,
  refusedNoTerminal: (message, fingerprint) => `${message}\nGeweigerd: er is geen terminal om het te vragen. Voer het opnieuw uit met --accept-new om ${fingerprint} te vertrouwen, of zet de sleutel in --known-hosts.\n`,
  skippedNoTerminal: (message) => `${message}: er is geen terminal om het te vragen, overgeslagen.\n`,
  yesNo: '[ja/nee]',
  yes: /^(j(a)?|y(es)?)$/i,
  warning: (message) => `Waarschuwing: ${message}`,
  next: (path) => `Volgende stap: vmbackup-doctor analyze ${path} --lang nl`,
};

export type CliLabels = typeof en;
export const CLI_LABELS: { readonly [L in Lang]: CliLabels } = { en, nl };
