import { formatBytes } from './format';
import { entry, quote, type AnalysisText } from './entry';

/**
 * The sentences of the pipeline, the app's main side and the SSH live checks (keys `pipeline.*`, `app.*`,
 * `extension.*`, `probe.*`), spread into the analysis catalogue (analysis.ts) like the parsers' part. The English
 * is what the JSON, probes.json and the worker's `error` have always carried; text that comes from elsewhere (an
 * exception's message, a VM's output) is quoted in Dutch, as log text is.
 */

/** The endpoints a live check calls, as probes.json's `detail` has always named them. */
const ENDPOINT = { wireserver: 'WireServer 168.63.129.16:80', hostgaplugin: 'HostGAPlugin 168.63.129.16:32526', imds: 'IMDS' } as const;
export type ProbeEndpoint = keyof typeof ENDPOINT;

export type ProbeMount = { mount: string; usedPercent: number; availableBytes: number };
export type ProbeDisk = { name: string; sizeBytes: number };

const skew = (s: number | undefined, en: boolean) =>
  s === undefined ? '' : en ? `; VM clock ${s >= 0 ? '+' : ''}${s} s from this computer's` : `; de klok van de VM loopt ${s >= 0 ? '+' : ''}${s} s af van die van deze computer`;

export const PIPELINE_MESSAGES = {
  /** Nothing of the inputs could be read (NoInputError): each input's warnings, in the reader's language. */
  'pipeline.no-input': entry({
    en: (p: { reasons: readonly AnalysisText[] }, t) => `no input could be read${p.reasons.length ? `: ${p.reasons.map(t).join('; ')}` : ''}`,
    nl: (p, t) => `geen invoer kon worden gelezen${p.reasons.length ? `: ${p.reasons.map(t).join('; ')}` : ''}`,
  }),
  /** Evidence whose text the parser left in its file could not be read back (evidence-text.ts). */
  'pipeline.evidence-unread': entry({
    en: (p: { path: string; count: number; error?: string }) => `${p.path}: the text of ${p.count} evidence ${p.count === 1 ? 'line' : 'lines'} could not be read back (${p.error ?? 'file not in this bundle'})`,
    nl: (p) => `${p.path}: de tekst van ${p.count} ${p.count === 1 ? 'bewijsregel' : 'bewijsregels'} kon niet opnieuw worden gelezen (${p.error === undefined ? 'het bestand zit niet in deze bundel' : quote(p.error)})`,
  }),
  /**
   * The bundle holds more than one VM's logs (pipeline/vms.ts): what told them apart, each VM's root (and name), that
   * no finding is above low, and what to collect instead.
   */
  'pipeline.multiple-vms': entry({
    en: (p: { basis: 'identity' | 'overlap' | 'platform' | 'relay'; vms: readonly { root: string; machine?: string; platform?: 'linux' | 'windows' }[]; log?: string; relay?: string }) =>
      `This bundle holds the logs of more than one VM: ${
        p.basis === 'identity'
          ? `the files name ${p.vms.map((v) => `${v.machine} (in ${v.root})`).join(' and ')}`
          : p.basis === 'platform'
            ? `${p.vms.map((v) => `${v.platform === 'windows' ? "a Windows agent's logs" : "a Linux agent's log"} (in ${v.root})`).join(' and ')}`
            : p.basis === 'relay'
              ? `the agent's records that /${p.relay} in ${p.vms[0]?.root} relays are missing from /${p.log} in ${p.vms[1]?.root} over the same hours`
              : `/${p.log} is in ${p.vms.map((v) => v.root).join(' and ')}, with different records over the same hours`
      }. They were read as one VM, so no finding is above low confidence. Collect the failed VM's logs alone (or drop only its folder) and analyse again.`,
    nl: (p) =>
      `Deze bundel bevat de logs van meer dan één VM: ${
        p.basis === 'identity'
          ? `de bestanden noemen ${p.vms.map((v) => `${v.machine} (in ${v.root})`).join(' en ')}`
          : p.basis === 'platform'
            ? `${p.vms.map((v) => `${v.platform === 'windows' ? 'de logs van een Windows-agent' : 'het log van een Linux-agent'} (in ${v.root})`).join(' en ')}`
            : p.basis === 'relay'
              ? `de records van de agent die /${p.relay} in ${p.vms[0]?.root} doorgeeft, ontbreken in /${p.log} in ${p.vms[1]?.root} over dezelfde uren`
              : `/${p.log} staat in ${p.vms.map((v) => v.root).join(' en ')}, met andere records over dezelfde uren`
      }. Ze zijn gelezen als één VM, dus staat geen enkele bevinding boven lage zekerheid. Verzamel de logs van alleen de mislukte VM (of sleep alleen de map daarvan hierheen) en analyseer opnieuw.`,
  }),
  /** Only the files under one root of the bundle were analysed (AnalyzeOptions.vmRoot): the result says so. */
  'pipeline.only-vm': entry({
    en: (p: { root: string; files: number; of: number }) =>
      `Only the files in ${p.root} were analysed (${p.files} of the bundle's ${p.of} ${p.of === 1 ? 'file' : 'files'}); the other VM's files were left out.`,
    nl: (p) => `Alleen de bestanden in ${p.root} zijn geanalyseerd (${p.files} van de ${p.of} ${p.of === 1 ? 'bestand' : 'bestanden'} van de bundel); de bestanden van de andere VM zijn weggelaten.`,
  }),
  /** The root asked for holds no file of the bundle: the roots it does hold. */
  'pipeline.no-vm-root': entry({
    en: (p: { root: string; roots: readonly string[] }) => `no file of the bundle lies in ${p.root}; its files lie in ${p.roots.join(', ') || '(none)'}`,
    nl: (p) => `geen bestand van de bundel ligt in ${p.root}; de bestanden liggen in ${p.roots.join(', ') || '(geen)'}`,
  }),
  /** A goal state's request for a handler (the extension history's goal-state rows). */
  'extension.requested': entry({
    en: (p: { version: string; state: string; seqNo?: number }) => `requested ${p.version || '(no version)'} ${p.state || '(no state)'}${p.seqNo !== undefined ? `, settings seqNo ${p.seqNo}` : ''}`,
    nl: (p) => `gevraagd: ${p.version || '(geen versie)'} ${p.state || '(geen status)'}${p.seqNo !== undefined ? `, instellingen seqNo ${p.seqNo}` : ''}`,
  }),

  // what the app's main side answers when it cannot do what the window asked (OpenResult / ExportResult `error`)
  'app.open-first': entry({ en: () => 'Open a bundle first.', nl: () => 'Open eerst een bundel.' }),
  'app.bundle-closed': entry({ en: () => 'That bundle is no longer open.', nl: () => 'Die bundel is niet meer geopend.' }),
  'app.not-chosen': entry({
    en: () => 'Only files and folders chosen in the open dialog or dropped on the window can be opened.',
    nl: () => 'Alleen bestanden en mappen die in het openvenster zijn gekozen of op het venster zijn neergezet, kunnen worden geopend.',
  }),
  'app.not-image': entry({
    en: (p: { format: 'png' | 'svg' }) => `Not ${p.format === 'png' ? 'a PNG image' : 'an SVG document'}.`,
    nl: (p) => `Geen ${p.format === 'png' ? 'PNG-afbeelding' : 'SVG-document'}.`,
  }),
  'app.worker-stopped': entry({
    en: (p: { code: number }) => `The analysis worker stopped (exit code ${p.code}).`,
    nl: (p) => `Het analyseproces is gestopt (afsluitcode ${p.code}).`,
  }),
  'app.worker-failed': entry({
    en: (p: { error: string }) => `The analysis worker failed: ${p.error}`,
    nl: (p) => `Het analyseproces is mislukt: ${quote(p.error)}`,
  }),
  /** An error the app has no words of its own for (the system's or a library's message): quoted in Dutch. */
  'app.failed': entry({
    en: (p: { error: string }) => p.error,
    nl: (p) => `Dat is mislukt: ${quote(p.error)}`,
  }),

  // the SSH live checks (probes.json `detail`; ssh/probes.ts says which, the parser reads it back from the data)
  'probe.unfinished': entry({
    en: (p: { error?: string }) => `the check did not finish: ${p.error ?? 'timed out on the VM'}`,
    nl: (p) => `de controle werd niet afgemaakt: ${p.error === undefined ? 'time-out op de VM' : quote(p.error)}`,
  }),
  'probe.waagent-missing': entry({ en: () => 'waagent is not installed or not on PATH', nl: () => 'waagent is niet geïnstalleerd of staat niet in het PATH' }),
  'probe.waagent-no-version': entry({
    en: (p: { rc: number }) => `waagent --version printed no version (rc=${p.rc})`,
    nl: (p) => `waagent --version gaf geen versie (rc=${p.rc})`,
  }),
  'probe.waagent-version': entry({
    en: (p: { daemon: string; goal?: string }) => `WALinuxAgent ${p.daemon}${p.goal ? `, goal state agent ${p.goal}` : ''}`,
    nl: (p) => `WALinuxAgent ${p.daemon}${p.goal ? `, doelstatusagent ${p.goal}` : ''}`,
  }),
  'probe.service-active': entry({
    en: (p: { units: readonly string[] }) => `agent service active (${p.units.join(', ')})`,
    nl: (p) => `service van de agent actief (${p.units.join(', ')})`,
  }),
  'probe.process-only': entry({
    en: (p: { processes: number }) => `agent process running (${p.processes}) but no active unit`,
    nl: (p) => `agentproces draait (${p.processes}) maar geen actieve unit`,
  }),
  'probe.no-agent': entry({ en: () => 'no active agent service and no agent process', nl: () => 'geen actieve agentservice en geen agentproces' }),
  'probe.http-ok': entry({ en: (p: { endpoint: ProbeEndpoint }) => `${ENDPOINT[p.endpoint]} answered 200`, nl: (p) => `${ENDPOINT[p.endpoint]} antwoordde 200` }),
  'probe.http-status': entry({
    en: (p: { endpoint: ProbeEndpoint; status: number }) => `${ENDPOINT[p.endpoint]} answered HTTP ${p.status}`,
    nl: (p) => `${ENDPOINT[p.endpoint]} antwoordde HTTP ${p.status}`,
  }),
  'probe.http-unreachable': entry({
    en: (p: { endpoint: ProbeEndpoint; error?: string }) => `${ENDPOINT[p.endpoint]} unreachable${p.error ? `: ${p.error}` : ''}`,
    nl: (p) => `${ENDPOINT[p.endpoint]} onbereikbaar${p.error ? `: ${quote(p.error)}` : ''}`,
  }),
  'probe.no-http-client': entry({ en: () => 'neither curl nor python3 on the VM', nl: () => 'curl noch python3 staat op de VM' }),
  'probe.dhcp-unreadable': entry({ en: () => 'no readable DHCP lease file', nl: () => 'geen leesbaar DHCP-leasebestand' }),
  'probe.dhcp-245': entry({
    en: (p: { files: readonly string[] }) => `option 245 (WireServer address) in ${p.files.join(', ')}`,
    nl: (p) => `optie 245 (adres van de WireServer) in ${p.files.join(', ')}`,
  }),
  'probe.dhcp-no-245': entry({ en: (p: { files: readonly string[] }) => `no option 245 in ${p.files.join(', ')}`, nl: (p) => `geen optie 245 in ${p.files.join(', ')}` }),
  'probe.df-unreadable': entry({ en: () => 'df printed nothing readable', nl: () => 'df gaf niets leesbaars' }),
  'probe.df': entry({
    en: (p: { mounts: readonly ProbeMount[] }) => p.mounts.map((m) => `${m.mount} ${m.usedPercent}% used, ${formatBytes(m.availableBytes)} free`).join('; '),
    nl: (p) => p.mounts.map((m) => `${m.mount} ${m.usedPercent}% in gebruik, ${formatBytes(m.availableBytes)} vrij`).join('; '),
  }),
  'probe.mount-unreadable': entry({ en: () => 'could not read the mount options of /var/lib/waagent', nl: () => 'de koppelopties van /var/lib/waagent waren niet te lezen' }),
  'probe.noexec': entry({
    en: (p: { target: string }) => `${p.target} is mounted noexec: extensions under /var/lib/waagent cannot run`,
    nl: (p) => `${p.target} is gekoppeld met noexec: extensies onder /var/lib/waagent kunnen niet draaien`,
  }),
  'probe.mounted': entry({
    en: (p: { target: string; options: string }) => `${p.target} mounted ${p.options}`,
    nl: (p) => `${p.target} gekoppeld met ${p.options}`,
  }),
  'probe.clock': entry({
    en: (p: { synchronized?: boolean; skewSeconds?: number }) =>
      `${p.synchronized === undefined ? 'NTP state unknown' : p.synchronized ? 'clock synchronised (NTP)' : 'clock NOT synchronised'}${skew(p.skewSeconds, true)}`,
    nl: (p) => `${p.synchronized === undefined ? 'NTP-status onbekend' : p.synchronized ? 'klok gesynchroniseerd (NTP)' : 'klok NIET gesynchroniseerd'}${skew(p.skewSeconds, false)}`,
  }),
  'probe.disks': entry({
    en: (p: { disks: readonly ProbeDisk[] }) => p.disks.map((d) => `${d.name} ${formatBytes(d.sizeBytes)}`).join(', ') || 'no disks listed',
    nl: (p) => p.disks.map((d) => `${d.name} ${formatBytes(d.sizeBytes)}`).join(', ') || 'geen schijven vermeld',
  }),
  'probe.no-lsblk': entry({ en: () => 'lsblk -J is not available or printed no JSON', nl: () => 'lsblk -J is er niet of gaf geen JSON' }),
  'probe.unknown': entry({ en: () => 'unknown probe', nl: () => 'onbekende controle' }),
};
