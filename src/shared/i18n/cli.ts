import type { Lang } from '../catalog/types';
import { plural } from './entry';

/**
 * The terminal's own phrases (`analyze --format text|md`); words the report has too (verdict, confidence, task
 * results, section titles) come from the report labels in labels.ts. Both languages, same parameters: a
 * missing one is a type error.
 */
/** The command forms: the same in every language (they are the contract, docs/CONTRACT.md). */
const FORMS = `  vmbackup-doctor analyze <path...|-> [--format text|json|md] [--lang en|nl] [--out FILE] [--portal-code CODE]
                          [--failed-at TIME] [--vm ROOT]
  vmbackup-doctor report  <path...> --out report.pdf|report.html|report.md|report.json|timeline.jsonl
                          [--lang en|nl] [--portal-code CODE] [--failed-at TIME] [--vm ROOT] [--paper A4|Letter]
                          [--chromium PATH] [--no-redact] [--pseudonymize]
  vmbackup-doctor collect ssh://user@host[:port] [--identity FILE] [--jump user@host[:port]]
                          [--known-hosts FILE] [--accept-new] [--out bundle.tar.gz] [--lang en|nl]`;

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
  /** After the multiple-VMs notice: how to analyse one of them alone. */
  oneVmHint: (roots: readonly string[]) => `To analyse one VM alone, run the same command with ${roots.map((r) => `--vm '${r}'`).join(' or ')}.`,
  /** `--help`, and what follows a usage error. */
  usage: (version: string) => `vmbackup-doctor ${version} — why did this Azure VM backup fail?

Usage:
${FORMS}

<path> is a folder, an archive (zip, tar, tar.gz, tar.xz, tar.bz2, tar.zst) or a single log file; several paths
are merged into one bundle. \`-\` reads log text from standard input (an excerpt pasted from an
e-mail or a chat: each part is recognised by its content; evidence says "pasted text, line N").
--failed-at TIME is when the portal says the job failed, ISO 8601 with its zone (2026-11-19T22:01Z): the
diagnosis is weighed against the failed task nearest that time instead of the last failed one.
--vm ROOT analyses only the files under ROOT, one of the roots the analysis names when a bundle holds more than one
VM's logs (logs.zip!vm1, case-4711/other-vm).

Exit codes: analyze/report: 0 the analysis ran (whatever it found), 1 no input could be read (or
the report could not be written), 2 usage error. collect: 0 bundle written, 1 failed, 2 usage
error, 3 bundle written but incomplete, 4 host key refused (nothing written).
`,
  // usage errors of `analyze` and `report` (UsageError, exit code 2)
  unknownCommand: (command: string) => `Unknown command: ${command}`,
  /** Node's own words about an option it could not parse. */
  badOption: (error: string) => error,
  needsPath: (command: 'analyze' | 'report') => `${command} needs at least one path.`,
  unknownFormat: (format: string) => `Unknown format: ${format} (use text, json or md).`,
  unknownLang: (lang: string) => `Unknown language: ${lang} (use en or nl).`,
  needsOut: 'report needs --out FILE (.pdf, .html, .md, .json or .jsonl).',
  outFormat: (out: string) => `Cannot tell the report format from ${out}: use .pdf, .html, .md, .json or .jsonl.`,
  unknownPaper: (paper: string) => `Unknown paper size: ${paper} (use A4 or Letter).`,
  pseudonymizeNeedsRedact: '--pseudonymize needs redaction; drop --no-redact.',
  failedAtFormat: (value: string) => `--failed-at needs an ISO 8601 time with its zone, such as 2026-11-19T22:01Z or 2026-11-19T23:01+01:00 (got ${value}).`,
  stdinTooBig: (mb: number) => `standard input is larger than ${mb} MB; give the log as a file path instead`,
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
  oneVmHint: (roots) => `Analyseer één VM apart door dezelfde opdracht uit te voeren met ${roots.map((r) => `--vm '${r}'`).join(' of ')}.`,
  usage: (version) => `vmbackup-doctor ${version} — waarom mislukte deze back-up van een Azure-VM?

Gebruik:
${FORMS}

<path> is een map, een archief (zip, tar, tar.gz, tar.xz, tar.bz2, tar.zst) of één logbestand; meerdere paden
worden samengevoegd tot één bundel. \`-\` leest logtekst van de standaardinvoer (een fragment geplakt uit
een e-mail of een chat: elk deel wordt herkend aan de inhoud; het bewijs noemt "geplakte tekst, regel N").
--failed-at TIME is wanneer de portal zegt dat de taak mislukte, ISO 8601 met tijdzone (2026-11-19T22:01Z):
de diagnose wordt afgewogen tegen de mislukte taak die het dichtst bij dat tijdstip ligt, niet tegen de laatste.
--vm ROOT analyseert alleen de bestanden onder ROOT, een van de wortels die de analyse noemt als een bundel de logs
van meer dan één VM bevat (logs.zip!vm1, case-4711/other-vm).

Afsluitcodes: analyze/report: 0 de analyse is uitgevoerd (wat die ook vond), 1 geen invoer kon worden gelezen
(of het rapport kon niet worden geschreven), 2 gebruiksfout. collect: 0 bundel geschreven, 1 mislukt,
2 gebruiksfout, 3 bundel geschreven maar onvolledig, 4 hostsleutel geweigerd (niets geschreven).
`,
  unknownCommand: (command) => `Onbekende opdracht: ${command}`,
  badOption: (error) => `ongeldige opdrachtregel: "${error}"`,
  needsPath: (command) => `${command} heeft minstens één pad nodig.`,
  unknownFormat: (format) => `Onbekend formaat: ${format} (gebruik text, json of md).`,
  unknownLang: (lang) => `Onbekende taal: ${lang} (gebruik en of nl).`,
  needsOut: 'report heeft --out FILE nodig (.pdf, .html, .md, .json of .jsonl).',
  outFormat: (out) => `Het rapportformaat is niet af te leiden uit ${out}: gebruik .pdf, .html, .md, .json of .jsonl.`,
  unknownPaper: (paper) => `Onbekend papierformaat: ${paper} (gebruik A4 of Letter).`,
  pseudonymizeNeedsRedact: '--pseudonymize werkt alleen met redactie; laat --no-redact weg.',
  failedAtFormat: (value) => `--failed-at heeft een ISO 8601-tijd met tijdzone nodig, zoals 2026-11-19T22:01Z of 2026-11-19T23:01+01:00 (gekregen: ${value}).`,
  stdinTooBig: (mb) => `de standaardinvoer is groter dan ${mb} MB; geef het log als bestandspad op`,
};

export type CliLabels = typeof en;
export const CLI_LABELS: { readonly [L in Lang]: CliLabels } = { en, nl };

/**
 * The language a command line asks for (`--lang nl`, `--lang=nl`), read before the options are parsed so that
 * a usage error is said in it too; anything else (no `--lang`, an unknown one) is English, the CLI's default.
 */
export function cliLang(args: readonly string[]): Lang {
  let lang: string | undefined;
  args.forEach((a, i) => {
    if (a === '--lang' && i + 1 < args.length) lang = args[i + 1];
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
  });
  return lang === 'nl' ? 'nl' : 'en';
}
