import type { Localized } from '../catalog/types';
import { entry, quote } from './entry';

/**
 * The parsers' part of the message catalogue (spread into ANALYSIS, analysis.ts): what a parser warns about a
 * file (`parse.*`, a Warning's note) and the details it gives facts (`detail.*`, a fact's note). The English
 * is the text the JSON has always carried, byte for byte; text quoted from a file or a library's error stays
 * verbatim and is quoted in Dutch, so the reader sees where the file's own words begin.
 */

/** The small files a parser warns about being empty; the Dutch article follows the noun. */
const EMPTY = {
  en: { 'goal-state': 'empty goal-state file', 'extensions-config': 'empty ExtensionsConfig', 'handler-state': 'empty HandlerState', release: 'empty release file', hostname: 'empty hostname file' },
  nl: { 'goal-state': 'leeg doelstatusbestand', 'extensions-config': 'lege ExtensionsConfig', 'handler-state': 'lege HandlerState', release: 'leeg release-bestand', hostname: 'leeg hostnamebestand' },
} as const;
export type EmptyFile = keyof (typeof EMPTY)['en'];

/** vmbackup.conf keys that look meaningful but that nothing reads, and why (docs/formats.md "vmbackup.conf"). */
const DEAD_KEY = {
  en: {
    fsfreeze: 'nothing reads "fsfreeze" in vmbackup.conf; freeze on/off comes from VMSnapshotScriptPluginConfig.json fsFreezeEnabled',
    isanysnapshotfailed: '"isanysnapshotfailed" has no effect in current extension versions',
    async_event_logging: 'the extension looks up "async_event_logging " (with a trailing space), so this key never matches',
    onappfailuredofsfreeze: 'read as a string and compared with a boolean, so a configured value never takes effect; the freeze stays on',
    onappsuccessdofsfreeze: 'read as a string and compared with a boolean, so a configured value never takes effect; the freeze stays on',
  },
  nl: {
    fsfreeze: 'niets leest "fsfreeze" in vmbackup.conf; of er bevroren wordt, bepaalt fsFreezeEnabled in VMSnapshotScriptPluginConfig.json',
    isanysnapshotfailed: '"isanysnapshotfailed" heeft geen effect in de huidige versies van de extensie',
    async_event_logging: 'de extensie zoekt "async_event_logging " (met een spatie aan het eind), dus deze sleutel komt nooit overeen',
    onappfailuredofsfreeze: 'wordt als tekst gelezen en met een boolean vergeleken, dus een ingestelde waarde heeft nooit effect; er wordt altijd bevroren',
    onappsuccessdofsfreeze: 'wordt als tekst gelezen en met een boolean vergeleken, dus een ingestelde waarde heeft nooit effect; er wordt altijd bevroren',
  },
} as const;
export type DeadKey = keyof (typeof DEAD_KEY)['en'];
/** Whether `key` (lower case) is one of vmbackup.conf's dead keys. */
export const isDeadKey = (key: string): key is DeadKey => Object.hasOwn(DEAD_KEY.en, key);

/** What is wrong with VMSnapshotScriptPluginConfig.json, as the plugin-config detail lists it. */
export type PluginProblem = { is: 'pre-missing' } | { is: 'post-missing' } | { is: 'timeout-not-number' } | { is: 'timeout-capped'; timeout: number };
const PLUGIN_PROBLEM = {
  en: (p: PluginProblem) =>
    p.is === 'pre-missing' ? 'preScriptLocation is missing' : p.is === 'post-missing' ? 'postScriptLocation is missing' : p.is === 'timeout-not-number' ? 'timeoutInSeconds is not a number' : `timeoutInSeconds ${p.timeout} is capped at 1800`,
  nl: (p: PluginProblem) =>
    p.is === 'pre-missing' ? 'preScriptLocation ontbreekt' : p.is === 'post-missing' ? 'postScriptLocation ontbreekt' : p.is === 'timeout-not-number' ? 'timeoutInSeconds is geen getal' : `timeoutInSeconds ${p.timeout} wordt begrensd op 1800`,
};

const lines = (n: number) => (n === 1 ? 'regel' : 'regels');

export const PARSE_MESSAGES = {
  // ---- warnings a parser gives about a file (Warning.note): the English is Warning.message ----
  /** A file a parser reads whole could not be read (the library's error is quoted). */
  'parse.named-not-read': entry({
    en: (p: { name: string; error: string }) => `${p.name} not read: ${p.error}`,
    nl: (p) => `${p.name} is niet gelezen: ${quote(p.error)}`,
  }),
  'parse.manifest-invalid': entry({
    en: (p: { error: string }) => `manifest.json is not valid JSON: ${p.error}`,
    nl: (p) => `manifest.json is geen geldige JSON: ${quote(p.error)}`,
  }),
  /** The SSH collector's own manifest says it stopped early; the reason is the collector's. */
  'parse.collection-incomplete': entry({
    en: (p: { reason?: string }) => `the SSH collection is incomplete: ${p.reason ?? 'unknown reason'}`,
    nl: (p) => `de SSH-verzameling is onvolledig: ${p.reason !== undefined ? quote(p.reason) : 'reden onbekend'}`,
  }),
  'parse.collected-without-root': entry({
    en: () => 'collected without root: /var/lib/waagent (agent and extension state) could not be read',
    nl: () => 'verzameld zonder root: /var/lib/waagent (de toestand van agent en extensies) kon niet worden gelezen',
  }),
  'parse.probes-schema': entry({
    en: (p: { version: string }) => `probes.json has schemaVersion ${p.version}, expected 1; reading what matches`,
    nl: (p) => `probes.json heeft schemaVersion ${p.version}, verwacht is 1; gelezen wordt wat overeenkomt`,
  }),
  'parse.probes-no-list': entry({ en: () => 'probes.json has no "probes" list', nl: () => 'probes.json heeft geen lijst "probes"' }),
  'parse.probes-invalid': entry({
    en: (p: { error: string }) => `probes.json is not valid JSON (${p.error}); salvaging the complete probe lines`,
    nl: (p) => `probes.json is geen geldige JSON (${quote(p.error)}); de volledige regels van de controles worden gebruikt`,
  }),
  'parse.probe-line-cut': entry({ en: () => 'probe line cut off', nl: () => 'regel van een controle afgebroken' }),
  'parse.probe-without-name': entry({ en: () => 'probe entry without a valid name skipped', nl: () => 'controle zonder geldige naam overgeslagen' }),
  'parse.probe-data-too-large': entry({
    en: (p: { name: string }) => `probe ${p.name}: data too large, dropped`,
    nl: (p) => `controle ${p.name}: gegevens te groot, weggelaten`,
  }),
  'parse.no-vss-writer': entry({
    en: () => 'no VSS writer block found (expected `vssadmin list writers` output)',
    nl: () => 'geen blok met een VSS-writer gevonden (verwacht: de uitvoer van `vssadmin list writers`)',
  }),
  'parse.export-too-large': entry({
    en: (p: { size: number; max: number }) => `not read: ${p.size} bytes, more than the ${p.max} bytes an export is read up to`,
    nl: (p) => `niet gelezen: ${p.size} bytes, meer dan de ${p.max} bytes die van een export worden gelezen`,
  }),
  'parse.binary-export': entry({ en: () => 'binary content, not a text export; skipped', nl: () => 'binaire inhoud, geen tekstexport; overgeslagen' }),
  'parse.plugin-status-without-status': entry({
    en: () => 'status file without a status object (the agent would reject it)',
    nl: () => 'statusbestand zonder statusobject (de agent zou het weigeren)',
  }),
  'parse.event-export-unknown': entry({
    en: () => 'not a recognised event log export (expected Event Viewer text, tab-separated, CSV or XML)',
    nl: () => 'geen herkende export van een gebeurtenislogboek (verwacht: tekst uit Event Viewer, tabgescheiden, CSV of XML)',
  }),
  /**
   * An export's local dates read month first though each could be day first (shared/time.ts windowsDateOrder): the rule
   * that decided, a date of the file and its two readings.
   */
  'parse.dates-month-first': entry({
    en: (p: { date: string; monthFirst: string; dayFirst: string }) =>
      `dates read month first, as Event Viewer writes them in US English: no date in the file has a day above 12 to tell the order, so ${p.date} is read as ${p.monthFirst}; if this Windows writes the day first it is ${p.dayFirst}, and every event's time is off the same way`,
    nl: (p) =>
      `datums gelezen met de maand eerst, zoals Event Viewer ze in Amerikaans Engels schrijft: geen datum in het bestand heeft een dag boven 12 die de volgorde verraadt, dus ${p.date} is gelezen als ${p.monthFirst}; als deze Windows de dag eerst schrijft is het ${p.dayFirst}, en is de tijd van elke gebeurtenis op dezelfde manier verkeerd`,
  }),
  'parse.event-export-empty': entry({ en: () => 'event log export without a readable event', nl: () => 'export van een gebeurtenislogboek zonder leesbare gebeurtenis' }),
  'parse.empty': entry({ en: (p: { file: EmptyFile }) => EMPTY.en[p.file], nl: (p) => EMPTY.nl[p.file] }),
  'parse.not-goal-state': entry({
    en: () => 'not a goal-state document (unknown root element)',
    nl: () => 'geen doelstatusdocument (onbekend hoofdelement)',
  }),
  /** An XML document without the root element its format has. */
  'parse.no-root': entry({
    en: (p: { doc: 'ovf-env' | 'ExtensionsConfig'; root: string }) => `not an ${p.doc} document (no <${p.root}> root)`,
    nl: (p) => `geen ${p.doc}-document (geen hoofdelement <${p.root}>)`,
  }),
  'parse.waagent-status-shape': entry({ en: () => 'unrecognised waagent_status shape; not used', nl: () => 'onbekende vorm van waagent_status; niet gebruikt' }),
  'parse.instance-view-shape': entry({
    en: () => 'no instance view in it (no vmAgent, extensions or statuses)',
    nl: () => 'er staat geen instance view in (geen vmAgent, extensions of statuses)',
  }),
  /**
   * A scale set's own instance view (`az vmss get-instance-view` without `--instance-id`, REST
   * `virtualMachineScaleSets/<name>/instanceView`): counts of its VMs' states, no one VM's.
   */
  'parse.instance-view-scale-set': entry({
    en: () =>
      "a scale set's instance view: it counts its VMs' states and says no one VM's, so none of it is read; take the VM's own with az vmss get-instance-view --instance-id <id>",
    nl: () =>
      'een instance view van een schaalset: die telt de statussen van de VM\'s en zegt niets over één VM, dus er wordt niets uit gelezen; neem die van de VM zelf met az vmss get-instance-view --instance-id <id>',
  }),
  /** A structured file recognised by its content whose content could not be used: what it was taken for. */
  'parse.read-as-unused': entry({
    en: (p: { title: Localized }) => `read as ${p.title.en}, but nothing in it could be used, so it is not in the diagnosis`,
    nl: (p) => `gelezen als ${p.title.nl}, maar niets eruit was bruikbaar, dus het zit niet in de diagnose`,
  }),
  /** A small file above its reader's cap (TooLargeError). */
  'parse.too-large': entry({
    en: (p: { size: number; max: number }) => `not read: file is ${p.size} bytes, more than the ${p.max} bytes this reader accepts`,
    nl: (p) => `niet gelezen: het bestand is ${p.size} bytes, meer dan de ${p.max} bytes die deze lezer accepteert`,
  }),
  'parse.unreadable': entry({
    en: (p: { error: string }) => `could not be read: ${p.error}`,
    nl: (p) => `kon niet worden gelezen: ${quote(p.error)}`,
  }),
  'parse.nul-tail': entry({
    en: (p: { count: number }) => `ends in ${p.count} NUL bytes (cut off by a crash or a full disk?); they were ignored`,
    nl: (p) => `eindigt op ${p.count} NUL-bytes (afgebroken door een crash of een volle schijf?); die zijn genegeerd`,
  }),
  'parse.binary-state': entry({ en: () => 'binary content, not a text state file; skipped', nl: () => 'binaire inhoud, geen tekstbestand met toestand; overgeslagen' }),
  'parse.not-utf8': entry({
    en: () => 'contains bytes that are not valid UTF-8; they were replaced',
    nl: () => 'bevat bytes die geen geldige UTF-8 zijn; die zijn vervangen',
  }),
  'parse.invalid-json': entry({
    en: (p: { error: string }) => `invalid JSON (${p.error}); the file was not used`,
    nl: (p) => `ongeldige JSON (${quote(p.error)}); het bestand is niet gebruikt`,
  }),
  'parse.runtime-settings-invalid': entry({
    en: (p: { name: string }) => `RuntimeSettings of ${p.name} is not valid JSON`,
    nl: (p) => `de RuntimeSettings van ${p.name} zijn geen geldige JSON`,
  }),
  'parse.xml-external-entity': entry({
    en: () => 'declares an external entity (XXE); refused, the file was not read',
    nl: () => 'declareert een externe entiteit (XXE); geweigerd, het bestand is niet gelezen',
  }),
  'parse.xml-entities': entry({ en: () => 'declares DTD entities; they were left unexpanded', nl: () => 'declareert DTD-entiteiten; die zijn niet uitgewerkt' }),
  'parse.xml-malformed': entry({
    en: (p: { error: string }) => `malformed XML (${p.error}); using what could be read`,
    nl: (p) => `ongeldige XML (${quote(p.error)}); gebruikt wordt wat leesbaar was`,
  }),
  'parse.xml-unparsed': entry({
    en: (p: { error: string }) => `could not be parsed as XML: ${p.error}`,
    nl: (p) => `kon niet als XML worden gelezen: ${quote(p.error)}`,
  }),
  'parse.xml-truncated': entry({
    en: () => 'truncated or broken XML; only the readable head was used',
    nl: () => 'afgebroken of beschadigde XML; alleen het leesbare begin is gebruikt',
  }),
  /** A file that must hold one number (Incarnation, mrseq); the text is the file's. */
  'parse.not-a-number': entry({
    en: (p: { name: 'Incarnation' | 'mrseq'; text: string }) => `${p.name} is not a number: "${p.text}"`,
    nl: (p) => `${p.name} is geen getal: "${p.text}"`,
  }),
  'parse.handler-unknown': entry({
    en: () => 'not inside a <Handler>-<Version> folder; handler unknown',
    nl: () => 'staat niet in een map <Handler>-<Version>; de handler is onbekend',
  }),
  'parse.handler-state-unknown': entry({
    en: (p: { state: string }) => `unknown handler state "${p.state}"`,
    nl: (p) => `onbekende handlerstatus "${p.state}"`,
  }),
  'parse.handler-status-without-name': entry({ en: () => 'HandlerStatus without a handler name', nl: () => 'HandlerStatus zonder naam van de handler' }),
  'parse.handler-environment-shape': entry({
    en: () => 'HandlerEnvironment.json has no handlerEnvironment object; the extension cannot find its folders',
    nl: () => 'HandlerEnvironment.json heeft geen object handlerEnvironment; de extensie kan haar mappen niet vinden',
  }),
  'parse.heartbeat-shape': entry({ en: () => 'heartbeat.log has no heartbeat object', nl: () => 'heartbeat.log heeft geen object heartbeat' }),
  /** A waagent.conf line without "="; `line` is left out when the line may hold a secret. */
  'parse.conf-line-without-equals': entry({
    en: (p: { line?: string }) => `line without "=" ignored by the agent: ${p.line ?? '(not shown: it may hold a secret)'}`,
    nl: (p) => `regel zonder "=", door de agent genegeerd: ${p.line !== undefined ? quote(p.line) : '(niet getoond: de regel kan een geheim bevatten)'}`,
  }),
  'parse.vmbackup-section-unread': entry({
    en: (p: { section: string }) => `section [${p.section}] is not read by the Backup extension`,
    nl: (p) => `sectie [${p.section}] wordt niet gelezen door de back-upextensie`,
  }),
  'parse.vmbackup-bad-line': entry({
    en: (p: { line: string }) => `line is neither a section nor key = value (ConfigParser would reject the file): ${p.line}`,
    nl: (p) => `de regel is geen sectie en geen sleutel = waarde (ConfigParser zou het bestand weigeren): ${quote(p.line)}`,
  }),
  'parse.vmbackup-key-before-section': entry({
    en: () => 'key before any [section]: ConfigParser rejects the file, so every setting takes its default',
    nl: () => 'sleutel vóór de eerste [sectie]: ConfigParser weigert het bestand, dus elke instelling krijgt haar standaardwaarde',
  }),
  'parse.vmbackup-dead-key': entry({ en: (p: { key: DeadKey }) => DEAD_KEY.en[p.key], nl: (p) => DEAD_KEY.nl[p.key] }),
  'parse.lease-not-closed': entry({ en: () => 'lease block not closed (truncated file)', nl: () => 'lease-blok niet afgesloten (afgebroken bestand)' }),
  'parse.no-lease': entry({ en: () => 'no lease { … } block found', nl: () => 'geen blok lease { … } gevonden' }),
  'parse.bad-hostname': entry({
    en: (p: { name: string }) => `"${p.name}" is not a valid host name`,
    nl: (p) => `"${p.name}" is geen geldige hostnaam`,
  }),
  'parse.fact-window': entry({
    en: () => 'too big to diagnose whole: causes are evaluated on its newest part, from this line on; the older lines are in the log view only',
    nl: () => 'te groot om in zijn geheel te diagnosticeren: de oorzaken worden beoordeeld op het nieuwste deel, vanaf deze regel; de oudere regels staan alleen in de weergave Logs',
  }),
  'parse.unknown-timestamps': entry({
    en: (p: { count: number }) => `${p.count} ${p.count === 1 ? 'record starts' : 'records start'} with a timestamp in a layout this parser does not know (the first at the line given); kept as records without level`,
    nl: (p) => `${p.count} ${p.count === 1 ? 'record begint' : 'records beginnen'} met een tijdstempel in een opmaak die deze parser niet kent (de eerste op de genoemde regel); bewaard als records zonder niveau`,
  }),
  'parse.long-lines': entry({
    en: (p: { count: number }) => `${p.count} ${p.count === 1 ? 'line' : 'lines'} longer than 64 KiB; only ${p.count === 1 ? 'its' : 'their'} first 64 KiB ${p.count === 1 ? 'was' : 'were'} read (the first at the line given)`,
    nl: (p) => `${p.count} ${lines(p.count)} langer dan 64 KiB; alleen de eerste 64 KiB ${p.count === 1 ? 'ervan is' : 'ervan zijn'} gelezen (de eerste op de genoemde regel)`,
  }),
  'parse.stopped-early': entry({
    en: (p: { error: string }) => `reading stopped early: ${p.error}`,
    nl: (p) => `het lezen stopte voortijdig: ${quote(p.error)}`,
  }),
  'parse.long-line': entry({
    en: (p: { line: number; bytes: number }) => `line ${p.line} is ${p.bytes} bytes long; only its first part was read`,
    nl: (p) => `regel ${p.line} is ${p.bytes} bytes lang; alleen het eerste deel ervan is gelezen`,
  }),
  'parse.status-too-large': entry({
    en: (p: { size: number }) => `status file is ${p.size} bytes; not read`,
    nl: (p) => `statusbestand is ${p.size} bytes; niet gelezen`,
  }),
  'parse.status-unreadable': entry({
    en: (p: { error: string }) => `status file could not be read: ${p.error}`,
    nl: (p) => `statusbestand kon niet worden gelezen: ${quote(p.error)}`,
  }),
  'parse.status-binary': entry({
    en: () => 'status file holds binary or invalid UTF-8 bytes; read what parses',
    nl: () => 'statusbestand bevat binaire of ongeldige UTF-8-bytes; gelezen is wat te lezen was',
  }),
  'parse.status-invalid-json': entry({
    en: (p: { error: string }) => `status file is not valid JSON (${p.error}); it was probably cut while being written`,
    nl: (p) => `statusbestand is geen geldige JSON (${quote(p.error)}); het is waarschijnlijk tijdens het schrijven afgebroken`,
  }),
  'parse.status-not-array': entry({
    en: () => 'status file is not a JSON array (the agent rejects it: "The extension status must be an array")',
    nl: () => 'statusbestand is geen JSON-array (de agent weigert het: "The extension status must be an array")',
  }),
  'parse.status-without-status': entry({ en: () => 'status file has no "status" object', nl: () => 'statusbestand heeft geen object "status"' }),
  'parse.status-truncated': entry({
    en: () => 'the agent truncated the snapshot result in substatus[0].name (status file above 128 KiB); per-disk results are partial',
    nl: () => 'de agent heeft het resultaat van de momentopname in substatus[0].name ingekort (statusbestand groter dan 128 KiB); de resultaten per schijf zijn onvolledig',
  }),
  /** A parse job that ran past its time budget (parse/pool.ts). */
  'parse.abandoned': entry({
    en: (p: { path: string; seconds: number; part: boolean }) =>
      `${p.path}: parsing took longer than ${p.seconds} s and was abandoned (a pathological file?); nothing from this ${p.part ? 'part of the ' : ''}file is in the diagnosis`,
    nl: (p) =>
      `${p.path}: het lezen duurde langer dan ${p.seconds} s en is afgebroken (een pathologisch bestand?); niets uit ${p.part ? 'dit deel van het bestand' : 'dit bestand'} zit in de diagnose`,
  }),

  // ---- details parsers give facts (FactDetail): the English is the fact's `detail` ----
  'detail.hostgaplugin-not-initialized': entry({
    en: () => 'HostGAPlugin client not initialized: the agent marks the HostGAPlugin (168.63.129.16:32526) unhealthy',
    nl: () => 'de HostGAPlugin-client is niet geïnitialiseerd: de agent markeert de HostGAPlugin (168.63.129.16:32526) als niet gezond',
  }),
  'detail.dhcp-empty-option': entry({
    en: () => 'Empty DHCP option data returned (no option 245 with the fabric address)',
    nl: () => 'DHCP gaf lege optiegegevens terug (geen optie 245 met het fabric-adres)',
  }),
  'detail.dhcp-no-fabric-address': entry({
    en: (p: { iface: string }) => `No fabric address over DHCP on interface ${p.iface}`,
    nl: (p) => `geen fabric-adres via DHCP op interface ${quote(p.iface)}`,
  }),
  'detail.lease-245': entry({
    en: (p: { endpoint?: string }) => `DHCP lease carries option 245${p.endpoint ? ` = ${p.endpoint}` : ''}`,
    nl: (p) => `de DHCP-lease bevat optie 245${p.endpoint ? ` = ${p.endpoint}` : ''}`,
  }),
  'detail.lease-without-245': entry({
    en: (p: { from: number; to: number }) => `DHCP lease (lines ${p.from}–${p.to}) has no option 245: the agent cannot learn the WireServer address from it`,
    nl: (p) => `de DHCP-lease (regels ${p.from}–${p.to}) heeft geen optie 245: de agent kan er het adres van de WireServer niet uit halen`,
  }),
  'detail.handler-operation-failed': entry({
    en: (p: { line: string }) => `the handler reports its operation failed: ${p.line}`,
    nl: (p) => `de handler meldt dat zijn bewerking mislukte: ${quote(p.line)}`,
  }),
  'detail.handler-cannot-run': entry({
    en: (p: { line: string }) => `the handler cannot run: ${p.line}`,
    nl: (p) => `de handler kan niet draaien: ${quote(p.line)}`,
  }),
  'detail.disable-agent-file': entry({ en: () => 'var/lib/waagent/disable_agent exists', nl: () => 'var/lib/waagent/disable_agent bestaat' }),
  'detail.ade-installed': entry({
    en: (p: { handler: string; version: string; state: string }) => `${p.handler} ${p.version} is installed (${p.state})`,
    nl: (p) => `${p.handler} ${p.version} is geïnstalleerd (${p.state})`,
  }),
  'detail.plugin-config-not-object': entry({
    en: () => 'not a JSON object: the extension cannot read the pre/post script configuration',
    nl: () => 'geen JSON-object: de extensie kan de configuratie van de pre-/postscripts niet lezen',
  }),
  /** VMSnapshotScriptPluginConfig.json's problems, and what a bundle cannot show. */
  'detail.plugin-config': entry({
    en: (p: { problems: readonly PluginProblem[] }) => [...p.problems.map(PLUGIN_PROBLEM.en), 'the file must also be owned by root with mode 600 (not visible in a bundle)'].join('; '),
    nl: (p) => [...p.problems.map(PLUGIN_PROBLEM.nl), 'het bestand moet ook eigendom zijn van root met modus 600 (niet te zien in een bundel)'].join('; '),
  }),
  // the Linux agent's lifecycle (waagent.log)
  'detail.not-terminated-cleanly': entry({
    en: (p: { version: string }) => `WALinuxAgent-${p.version} did not terminate cleanly`,
    nl: (p) => `WALinuxAgent-${p.version} is niet netjes afgesloten`,
  }),
  'detail.stop-signal': entry({
    en: (p: { signal: string; target: string }) => `signal ${p.signal} to ${p.target}`,
    nl: (p) => `signaal ${p.signal} aan ${p.target}`,
  }),
  /** How the ExtHandler process ended: a return code, or an exception when the daemon gives none. */
  'detail.return-code': entry({ en: (p: { code?: string }) => (p.code !== undefined ? `return code ${p.code}` : 'exception'), nl: (p) => (p.code !== undefined ? `afsluitcode ${p.code}` : 'uitzondering') }),
  /**
   * The daemon's launch of the goal-state agent raised ENOENT (2) or EACCES (13): the command's program, the file the
   * OS error names (Python 3 names it, Python 2 does not) or the folder it runs in is missing or not executable.
   */
  'detail.launch-unrunnable': entry({
    en: (p: { program: string; errno: '2' | '13'; file?: string }) =>
      p.errno === '13'
        ? `the command cannot start: ${p.file ?? p.program} may not be executed (Permission denied)`
        : p.file && p.file !== p.program
          ? `the command cannot start: ${p.file} is missing (No such file or directory)`
          : `the command cannot start: its program ${p.program} is not on the VM${p.file ? '' : ' (or the folder it runs in is missing)'} (No such file or directory)`,
    nl: (p) =>
      p.errno === '13'
        ? `de opdracht kan niet starten: ${p.file ?? p.program} mag niet worden uitgevoerd (Permission denied)`
        : p.file && p.file !== p.program
          ? `de opdracht kan niet starten: ${p.file} ontbreekt (No such file or directory)`
          : `de opdracht kan niet starten: het programma ${p.program} staat niet op de VM${p.file ? '' : ' (of de map waarin het draait ontbreekt)'} (No such file or directory)`,
  }),
  /** agent.py main()'s `Failed to run '<command>': <exception>`: that agent process ended there. */
  'detail.command-failed': entry({
    en: (p: { command: string; exception: string }) => `the agent's '${p.command}' process ended with an unhandled exception${p.exception ? `: ${p.exception}` : ''}`,
    nl: (p) => `het '${p.command}'-proces van de agent stopte met een onafgehandelde uitzondering${p.exception ? `: ${p.exception}` : ''}`,
  }),
  'detail.restart-loop': entry({
    en: (p: { times: string; seconds: string }) => `restarted more than ${p.times} times in ${p.seconds} seconds`,
    nl: (p) => `meer dan ${p.times} keer herstart in ${p.seconds} seconden`,
  }),
  'detail.thread-died': entry({ en: (p: { thread: string }) => `${p.thread} thread died`, nl: (p) => `de thread ${p.thread} is onverwacht gestopt` }),
  /** The bare 2.2.4x+ goal-state error, which Microsoft documents for a WireServer the VM cannot reach. */
  'detail.goal-state-bare-error': entry({
    en: () => 'An error occurred while retrieving the goal state (no error on this line; Microsoft documents this message for a WireServer unreachable from the VM)',
    nl: () => `${quote('An error occurred while retrieving the goal state')} (zonder fout op deze regel; Microsoft documenteert deze melding voor een WireServer die de VM niet kan bereiken)`,
  }),
  'detail.goal-state-recovered': entry({ en: () => 'goal state fetch recovered', nl: () => 'het ophalen van de doelstatus is hersteld' }),
} as const;
