import type { Confidence, Lang, Verdict } from '../../shared';
import type { PhaseResult, SnapshotResult } from '../../shared';

/**
 * Every label and heading of the report, in English and Dutch. Cause titles and remedies come from the
 * catalogue (`causeById(id).title/remedy`); rule reasons are written by the rules and stay as written.
 */
const EN = {
  docTitle: 'VM backup diagnosis',
  subtitle: 'Why did the Azure VM backup fail? — a diagnosis from the guest logs',
  host: 'VM / host',
  os: 'Operating system',
  platform: 'Platform',
  daemon: 'Agent (daemon)',
  goalStateAgent: 'Agent (goal state)',
  minimumSupported: 'supported minimum',
  belowMinimum: 'below the supported minimum',
  sources: 'Bundle source(s)',
  collectedAt: 'Collected',
  recordsSpan: 'Log time span',
  tool: 'Tool',
  analyzedAt: 'Analysed',
  generatedAt: 'Report generated',
  unknown: 'unknown',
  verdict: 'Verdict',
  mostLikely: 'Most likely cause',
  noCause: 'No cause was detected from the guest evidence.',
  confidence: 'confidence',
  portalCode: 'Portal error code entered',
  portalCodes: 'Portal codes this cause explains',
  summary: 'Summary',
  detectedFindings: 'Detected causes',
  noDetected: 'No cause was detected. Check the not-evaluable causes below in the Azure portal.',
  evidence: 'Evidence',
  noEvidence: 'No evidence lines were recorded for this finding.',
  moreEvidence: (n: number) => `… ${n} more evidence line${n === 1 ? '' : 's'} (see the JSON export)`,
  remedy: 'What to do',
  noRemedy: 'No remedy text is available for this cause yet.',
  documentation: 'Documentation',
  reason: 'Why',
  azureCheck: 'Check in Azure',
  task: 'Snapshot task',
  snapshotTimeline: 'Snapshot timeline',
  snapshotOverview: 'Snapshot tasks over time',
  phaseMatrix: 'Phases per task',
  noSnapshots: 'No snapshot task was found in the bundle.',
  start: 'Start',
  end: 'End',
  duration: 'Duration',
  result: 'Result',
  code: 'Code',
  path: 'Snapshot path',
  message: 'Message',
  extensions: 'Extensions',
  noExtensions: 'No extension was found in the bundle.',
  extension: 'Extension',
  version: 'Version',
  state: 'State',
  status: 'Status',
  lastOperation: 'Last operation',
  lastTime: 'Last time',
  ruledOut: 'Ruled out',
  notEvaluable: 'Not evaluable from this bundle',
  cause: 'Cause',
  noneInList: 'None.',
  missingEvidence: 'Missing evidence',
  howToCollect: 'How to collect',
  unexplained: 'Unexplained errors',
  unexplainedNote: 'Errors and warnings that no known signature explains, grouped by message template (times, numbers, ids and paths masked). Those near the failed task come first.',
  template: 'Message template',
  count: 'Count',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  nearFailure: 'near the failure',
  appendix: 'Appendix: inputs, files and warnings',
  inputs: 'Inputs',
  files: 'Files',
  kind: 'Kind',
  size: 'Size',
  truncated: 'truncated',
  warnings: 'Warnings',
  noWarnings: 'No warnings.',
  moreRows: (n: number) => `… ${n} more (see the JSON export)`,
  file: 'File',
  line: 'Line',
  time: 'Time',
  text: 'Text',
  clock: 'Clock',
  clockOffset: (src: string, min: number, basis: string) => `${src}: local time = UTC ${min >= 0 ? '+' : '−'}${Math.abs(min)} min (${basis})`,
  clockUnresolved: 'Local time not anchored',
  redaction: 'Redaction',
  redactionOn: 'Secrets were removed from this report: SAS tokens and signatures (sig=), protectedSettings, snapshot task tokens, passwords and storage account keys are shown as <redacted>.',
  redactionPseudo: (c: string) => `Hostnames, IP addresses (except the Azure constants 168.63.129.16 and 169.254.169.254), user names and subscription ids are replaced by consistent pseudonyms (${c}).`,
  redactionOff: 'Redaction was turned OFF for this report: it may contain secrets (SAS tokens, protectedSettings, task tokens). Do not attach it to a ticket.',
  colourKey: 'Colour key',
  stats: (records: number, facts: number, bytes: string, ms: number) => `${records} records, ${facts} facts, ${bytes} read in ${ms} ms`,
  verdicts: { detected: 'detected', 'ruled-out': 'ruled out', 'not-evaluable': 'not evaluable' } satisfies Record<Verdict, string>,
  confidences: { high: 'high', medium: 'medium', low: 'low' } satisfies Record<Confidence, string>,
  snapshotResults: { success: 'success', failed: 'failed', 'in-progress': 'in progress', unfinished: 'unfinished', skipped: 'skipped', unknown: 'unknown' } satisfies Record<SnapshotResult, string>,
  phaseResults: { ok: 'ok', failed: 'failed', 'timed-out': 'timed out', skipped: 'skipped', unfinished: 'unfinished', unknown: 'unknown' } satisfies Record<PhaseResult, string>,
  phases: { enable: 'enable', 'pre-script': 'pre-script', freeze: 'freeze', snapshot: 'snapshot', thaw: 'thaw', 'post-script': 'post-script', status: 'status' },
  reasonLanguageNote: 'The reasons are written by the analysis rules in English.',
  localTime: 'VM local time, zone unknown',
  page: 'page',
};

export type Labels = typeof EN;

const NL: Labels = {
  docTitle: 'Diagnose VM-back-up',
  subtitle: 'Waarom is de back-up van de Azure-VM mislukt? — een diagnose op basis van de gastlogboeken',
  host: 'VM / host',
  os: 'Besturingssysteem',
  platform: 'Platform',
  daemon: 'Agent (daemon)',
  goalStateAgent: 'Agent (doelstatus)',
  minimumSupported: 'ondersteund minimum',
  belowMinimum: 'ouder dan het ondersteunde minimum',
  sources: 'Bron(nen) van de bundel',
  collectedAt: 'Verzameld',
  recordsSpan: 'Tijdspanne van de logboeken',
  tool: 'Hulpmiddel',
  analyzedAt: 'Geanalyseerd',
  generatedAt: 'Rapport gemaakt',
  unknown: 'onbekend',
  verdict: 'Oordeel',
  mostLikely: 'Meest waarschijnlijke oorzaak',
  noCause: 'Er is geen oorzaak gevonden in de gegevens van de gast.',
  confidence: 'betrouwbaarheid',
  portalCode: 'Ingevoerde foutcode uit de portal',
  portalCodes: 'Portalcodes die deze oorzaak verklaart',
  summary: 'Samenvatting',
  detectedFindings: 'Gevonden oorzaken',
  noDetected: 'Er is geen oorzaak gevonden. Controleer de hieronder niet-evalueerbare oorzaken in de Azure-portal.',
  evidence: 'Bewijs',
  noEvidence: 'Voor deze bevinding zijn geen bewijsregels vastgelegd.',
  moreEvidence: (n: number) => `… nog ${n} bewijsregel${n === 1 ? '' : 's'} (zie de JSON-export)`,
  remedy: 'Wat te doen',
  noRemedy: 'Voor deze oorzaak is nog geen oplossingstekst beschikbaar.',
  documentation: 'Documentatie',
  reason: 'Waarom',
  azureCheck: 'Controleren in Azure',
  task: 'Momentopnametaak',
  snapshotTimeline: 'Tijdlijn van momentopnamen',
  snapshotOverview: 'Momentopnametaken in de tijd',
  phaseMatrix: 'Fasen per taak',
  noSnapshots: 'Er is geen momentopnametaak in de bundel gevonden.',
  start: 'Begin',
  end: 'Einde',
  duration: 'Duur',
  result: 'Resultaat',
  code: 'Code',
  path: 'Pad',
  message: 'Bericht',
  extensions: 'Extensies',
  noExtensions: 'Er is geen extensie in de bundel gevonden.',
  extension: 'Extensie',
  version: 'Versie',
  state: 'Toestand',
  status: 'Status',
  lastOperation: 'Laatste bewerking',
  lastTime: 'Laatste tijdstip',
  ruledOut: 'Uitgesloten',
  notEvaluable: 'Niet te beoordelen met deze bundel',
  cause: 'Oorzaak',
  noneInList: 'Geen.',
  missingEvidence: 'Ontbrekend bewijs',
  howToCollect: 'Hoe te verzamelen',
  unexplained: 'Onverklaarde fouten',
  unexplainedNote: 'Fouten en waarschuwingen die geen bekende signatuur verklaart, gegroepeerd per berichtsjabloon (tijden, getallen, id’s en paden gemaskeerd). Die rond de mislukte taak staan bovenaan.',
  template: 'Berichtsjabloon',
  count: 'Aantal',
  firstSeen: 'Eerst gezien',
  lastSeen: 'Laatst gezien',
  nearFailure: 'rond de fout',
  appendix: 'Bijlage: invoer, bestanden en waarschuwingen',
  inputs: 'Invoer',
  files: 'Bestanden',
  kind: 'Soort',
  size: 'Grootte',
  truncated: 'afgekapt',
  warnings: 'Waarschuwingen',
  noWarnings: 'Geen waarschuwingen.',
  moreRows: (n: number) => `… nog ${n} (zie de JSON-export)`,
  file: 'Bestand',
  line: 'Regel',
  time: 'Tijd',
  text: 'Tekst',
  clock: 'Klok',
  clockOffset: (src: string, min: number, basis: string) => `${src}: lokale tijd = UTC ${min >= 0 ? '+' : '−'}${Math.abs(min)} min (${basis})`,
  clockUnresolved: 'Lokale tijd niet verankerd',
  redaction: 'Afscherming',
  redactionOn: 'Geheimen zijn uit dit rapport verwijderd: SAS-tokens en handtekeningen (sig=), protectedSettings, taaktokens van momentopnamen, wachtwoorden en sleutels van opslagaccounts staan er als <redacted>.',
  redactionPseudo: (c: string) => `Hostnamen, IP-adressen (behalve de Azure-constanten 168.63.129.16 en 169.254.169.254), gebruikersnamen en abonnements-id's zijn vervangen door vaste pseudoniemen (${c}).`,
  redactionOff: 'Afscherming stond UIT voor dit rapport: het kan geheimen bevatten (SAS-tokens, protectedSettings, taaktokens). Voeg het niet toe aan een ticket.',
  colourKey: 'Kleurcode',
  stats: (records: number, facts: number, bytes: string, ms: number) => `${records} records, ${facts} feiten, ${bytes} gelezen in ${ms} ms`,
  verdicts: { detected: 'gevonden', 'ruled-out': 'uitgesloten', 'not-evaluable': 'niet te beoordelen' },
  confidences: { high: 'hoog', medium: 'gemiddeld', low: 'laag' },
  snapshotResults: { success: 'geslaagd', failed: 'mislukt', 'in-progress': 'bezig', unfinished: 'onvoltooid', skipped: 'overgeslagen', unknown: 'onbekend' },
  phaseResults: { ok: 'ok', failed: 'mislukt', 'timed-out': 'time-out', skipped: 'overgeslagen', unfinished: 'onvoltooid', unknown: 'onbekend' },
  phases: { enable: 'inschakelen', 'pre-script': 'pre-script', freeze: 'bevriezen', snapshot: 'momentopname', thaw: 'ontdooien', 'post-script': 'post-script', status: 'status' },
  reasonLanguageNote: 'De redenen zijn door de analyseregels in het Engels geschreven.',
  localTime: 'lokale VM-tijd, zone onbekend',
  page: 'pagina',
};

const LABELS: Record<Lang, Labels> = { en: EN, nl: NL };

export function labelsFor(lang: Lang): Labels {
  return LABELS[lang] ?? EN;
}

/** Dates in reports are UTC and unambiguous: `2026-11-19 22:00:05Z`. */
export function formatTime(t: string | null | undefined): string {
  if (!t) return '—';
  return t.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.round(ms / 1000) < 120) return `${Math.round(ms / 1000)} s`;
  // Round the total first so 59.6 s never prints as "60 s".
  if (ms < 2 * 3600_000) {
    const sec = Math.round(ms / 1000);
    return `${Math.floor(sec / 60)} min ${sec % 60} s`;
  }
  const min = Math.round(ms / 60_000);
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
