import type { Lang, Localized } from '../catalog/types';

/**
 * The analysis's sentences (rule reasons, not-evaluable reasons, timeline labels) in English and Dutch.
 * A rule returns a message as data — a key and its typed parameters — and the engine renders it in both
 * languages, so no English sentence is built inside a rule and the Dutch report needs no translation step.
 * Each entry gives both languages for the same parameters: a missing language or a wrong parameter is a
 * type error. The English texts are the ones the JSON contract has always carried (docs/CONTRACT.md).
 */

/** A message as data: what a rule returns and what a parameter may nest (a part of a longer sentence). */
export interface AnalysisText {
  readonly key: string;
  readonly params: object;
}

/** Renders a nested message in the language being rendered. */
type Sub = (m: AnalysisText) => string;

interface Entry<P> {
  en: (p: P, t: Sub) => string;
  nl: (p: P, t: Sub) => string;
}

const entry = <P extends object = Record<never, never>>(e: Entry<P>): Entry<P> => e;

export type GuestOs = 'windows' | 'linux';

/** The agent's log and how to collect it, in the guest's own terms. */
const TERMS: Record<Lang, Record<GuestOs, { log: string; path: string; collect: string; version: string }>> = {
  en: {
    windows: {
      log: 'WaAppAgent.log',
      path: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log',
      collect: 'collect C:\\WindowsAzure\\Logs (WaAppAgent.log, TransparentInstaller.log) and C:\\Packages\\Plugins',
      version: 'the agent version in the portal (VM > Properties) or in WaAppAgent.log',
    },
    linux: { log: 'waagent.log', path: '/var/log/waagent.log', collect: 'collect /var/log/waagent.log* (`waagent -collect-logs`)', version: 'the agent version in the portal or with `waagent --version`' },
  },
  nl: {
    windows: {
      log: 'WaAppAgent.log',
      path: 'C:\\WindowsAzure\\Logs\\WaAppAgent.log',
      collect: 'verzamel C:\\WindowsAzure\\Logs (WaAppAgent.log, TransparentInstaller.log) en C:\\Packages\\Plugins',
      version: 'de agentversie in de portal (VM > Eigenschappen) of in WaAppAgent.log',
    },
    linux: { log: 'waagent.log', path: '/var/log/waagent.log', collect: 'verzamel /var/log/waagent.log* (`waagent -collect-logs`)', version: 'de agentversie in de portal of met `waagent --version`' },
  },
};
const en = (os: GuestOs) => TERMS.en[os];
const nl = (os: GuestOs) => TERMS.nl[os];

/** "1 time" / "3 times" and the like, where the English always said "(s)". */
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

type Use = { mount: string; usedPercent: number };
const usedEn = (u: Use) => `${u.mount} ${u.usedPercent}% used`;
const usedNl = (u: Use) => `${u.mount} ${u.usedPercent}% in gebruik`;

const goneEn = (gone: readonly string[]) =>
  gone.length ? ` (Earlier failures of ${gone.join(', ')} are not counted: ${gone.length > 1 ? 'these handlers are' : 'that handler is'} no longer in the goal state or installed.)` : '';
const goneNl = (gone: readonly string[]) =>
  gone.length ? ` (Eerdere fouten van ${gone.join(', ')} tellen niet mee: ${gone.length > 1 ? 'deze handlers staan' : 'die handler staat'} niet meer in de doelstatus en ${gone.length > 1 ? 'zijn' : 'is'} niet meer geïnstalleerd.)` : '';

const WINDOWS_HANG = {
  en: {
    'stuck-stopping': 'the Windows VM Agent service is stuck stopping',
    'bad-image-format': 'the Windows VM Agent cannot load its plugins (BadImageFormatException: the .NET host runs as 32-bit; set Enable64Bit)',
    'oobe-wait': 'the Windows VM Agent is waiting for OOBE (Windows setup) to finish',
  },
  nl: {
    'stuck-stopping': 'de service van de Windows VM-agent blijft hangen bij het stoppen',
    'bad-image-format': 'de Windows VM-agent kan zijn plug-ins niet laden (BadImageFormatException: de .NET-host draait als 32-bits proces; zet Enable64Bit)',
    'oobe-wait': 'de Windows VM-agent wacht tot OOBE (de Windows-installatie) klaar is',
  },
} as const;
export type WindowsHang = keyof (typeof WINDOWS_HANG)['en'];

const WINDOWS_DOWN = {
  en: {
    'install-failed': 'the Windows VM Agent installation failed, so the agent is not installed',
    'config-error': 'the Windows VM Agent cannot start: its .NET configuration (machine.config) is broken',
  },
  nl: {
    'install-failed': 'is de installatie van de Windows VM-agent mislukt, dus de agent is niet geïnstalleerd',
    'config-error': 'kan de Windows VM-agent niet starten: de .NET-configuratie (machine.config) is defect',
  },
} as const;
export type WindowsDown = keyof (typeof WINDOWS_DOWN)['en'];

export const ANALYSIS = {
  /** Parts rendered one after the other (a reason with a note appended). */
  seq: entry({ en: (p: { parts: readonly AnalysisText[] }, t) => p.parts.map(t).join(''), nl: (p, t) => p.parts.map(t).join('') }),
  /** Text quoted from the bundle (a log line's detail): the same in every language. */
  raw: entry({ en: (p: { text: string }) => p.text, nl: (p) => p.text }),
  'engine.rule-failed': entry({
    en: (p: { error: string }) => `The rule failed on this bundle: ${p.error}`,
    nl: (p) => `De regel liep vast op deze bundel: ${p.error}`,
  }),

  // disk-full
  'disk-full.full': entry({
    en: (p: { what: string | Use; inodes: boolean; near: boolean }) =>
      `The disk holding the agent's or extension's files is full (${typeof p.what === 'string' ? p.what : usedEn(p.what)}).${p.inodes ? ' No file can be created while the inode table is full, whatever the free space.' : ''} The agent cannot write status or state files, so the backup cannot report or run.${p.near ? '' : ' The sign is more than a day away from the failed task.'}`,
    nl: (p) =>
      `De schijf met de bestanden van de agent of de extensie is vol (${typeof p.what === 'string' ? p.what : usedNl(p.what)}).${p.inodes ? ' Zolang de inodetabel vol is, kan er geen bestand worden aangemaakt, hoeveel ruimte er ook vrij is.' : ''} De agent kan geen status- of toestandsbestanden schrijven, dus de back-up kan niet draaien of zijn resultaat niet melden.${p.near ? '' : ' Het signaal ligt meer dan een dag van de mislukte taak af.'}`,
  }),
  'disk-full.free': entry({
    en: (p: { mounts: readonly Use[] }) => `A live check shows free space: ${p.mounts.map(usedEn).join(', ')}.`,
    nl: (p) => `Een controle op de VM toont vrije ruimte: ${p.mounts.map(usedNl).join(', ')}.`,
  }),
  'disk-full.no-usage': entry({
    en: () => 'No "No space left on device" in the agent, extension or system logs, but the bundle holds no disk usage. Run `df -h / /var` on the VM (or collect over SSH) to rule it out.',
    nl: () => 'Geen "No space left on device" in de logboeken van de agent, de extensie of het systeem, maar de bundel bevat geen schijfgebruik. Voer `df -h / /var` uit op de VM (of verzamel via SSH) om het uit te sluiten.',
  }),
  'disk-full.nothing': entry({
    en: () => 'The bundle has neither logs nor disk usage. Run `df -h / /var` on the VM.',
    nl: () => 'De bundel bevat geen logboeken en geen schijfgebruik. Voer `df -h / /var` uit op de VM.',
  }),

  // agent-unresponsive: the parts of one sentence, then the sentences
  'agent-unresponsive.part.gap': entry({
    en: (p: { minutes: number; taskId?: string }) => `no agent heartbeat for ${p.minutes} minutes${p.taskId !== undefined ? ` around the failed task ${p.taskId}` : ''} while the agent was not stopped`,
    nl: (p) => `${p.minutes} minuten geen heartbeat van de agent${p.taskId !== undefined ? ` rond de mislukte taak ${p.taskId}` : ''}, terwijl de agent niet was gestopt`,
  }),
  'agent-unresponsive.part.restart-loop': entry({
    en: (p: { detail?: string }) => `the daemon reported a restart loop (${p.detail ?? 'restarted too often'})`,
    nl: (p) => `de daemon meldde dat hij steeds opnieuw startte (${p.detail ?? 'te vaak herstart'})`,
  }),
  'agent-unresponsive.part.exits': entry({
    en: (p: { count: number }) => `the ExtHandler exited or the daemon failed ${p.count} times`,
    nl: (p) => `de ExtHandler stopte of de daemon faalde ${p.count} keer`,
  }),
  'agent-unresponsive.part.orphan-wait': entry({
    en: (p: { count: number; minutes?: number }) =>
      `the daemon waited for an orphaned agent process to terminate ${p.count} times${p.minutes !== undefined ? ` over ${p.minutes} minutes` : ''} instead of running the extension handler`,
    nl: (p) => `de daemon wachtte ${p.count} keer${p.minutes !== undefined ? ` in ${p.minutes} minuten` : ''} tot een verweesd agentproces stopte, in plaats van de extensiehandler te starten`,
  }),
  'agent-unresponsive.part.unclean': entry({
    en: (p: { count: number }) => `the goal-state agent crashed and did not terminate cleanly ${p.count} times`,
    nl: (p) => `de goal-state-agent crashte ${p.count} keer zonder netjes af te sluiten`,
  }),
  'agent-unresponsive.part.goal-state-errors': entry({
    en: (p: { count: number; detail: string }) => `the agent failed to read its goal state ${p.count} times without recovering (${p.detail})`,
    nl: (p) => `de agent kon zijn doelstatus ${p.count} keer niet lezen en herstelde niet (${p.detail})`,
  }),
  'agent-unresponsive.part.thread-died': entry({
    en: (p: { count: number }) => `an agent thread died and was restarted ${p.count} time(s)`,
    nl: (p) => `een thread van de agent stopte onverwacht en werd ${p.count} keer herstart`,
  }),
  'agent-unresponsive.part.unprocessed': entry({
    en: (p: { id: string }) => `goal state ${p.id} was fetched but never processed`,
    nl: (p) => `doelstatus ${p.id} werd opgehaald maar nooit verwerkt`,
  }),
  'agent-unresponsive.part.oom': entry({
    en: (p: { count: number; victims: string; taskId?: string }) =>
      `the VM ran out of memory${p.taskId !== undefined ? ` around the failed task ${p.taskId}` : ''}: the kernel's OOM killer ended ${p.count} process(es)${p.victims ? ` (${p.victims})` : ''}`,
    nl: (p) =>
      `de VM had geen geheugen meer${p.taskId !== undefined ? ` rond de mislukte taak ${p.taskId}` : ''}: de OOM-killer van de kernel beëindigde ${p.count} proces(sen)${p.victims ? ` (${p.victims})` : ''}`,
  }),
  'agent-unresponsive.part.windows': entry({
    en: (p: { issue: WindowsHang }) => WINDOWS_HANG.en[p.issue],
    nl: (p) => WINDOWS_HANG.nl[p.issue],
  }),
  'agent-unresponsive.detected': entry({
    en: (p: { parts: readonly AnalysisText[] }, t) => `The agent was alive but not working: ${p.parts.map(t).join('; ')}.`,
    nl: (p, t) => `De agent leefde maar deed zijn werk niet: ${p.parts.map(t).join('; ')}.`,
  }),
  'agent-unresponsive.heartbeats': entry({
    en: (p: { count: number; gapMinutes: number }) => `The agent sent ${p.count} heartbeats with no gap over ${p.gapMinutes} minutes, and no restart loop or unprocessed goal state was found.`,
    nl: (p) => `De agent stuurde ${p.count} heartbeats zonder onderbreking van meer dan ${p.gapMinutes} minuten, en er is geen herstartlus of onverwerkte doelstatus gevonden.`,
  }),
  'agent-unresponsive.no-log': entry({
    en: (p: { os: GuestOs }) => `The bundle has no ${en(p.os).path}, so heartbeats and goal-state processing cannot be checked: ${en(p.os).collect}, or check the VM agent status in the portal.`,
    nl: (p) => `De bundel bevat geen ${nl(p.os).path}, dus de heartbeats en de verwerking van doelstatussen zijn niet te controleren: ${nl(p.os).collect}, of controleer de status van de VM-agent in de portal.`,
  }),
  'agent-unresponsive.no-heartbeats': entry({
    en: (p: { os: GuestOs }) =>
      p.os === 'windows'
        ? "The Windows agent's log shows no heartbeats this tool can time, so a hung agent cannot be told from an idle one; check the VM agent status (Ready / Not ready) in the portal."
        : 'waagent.log has no [HEARTBEAT] lines (agents before 2.2.47 do not write them), so a hung agent cannot be told from an idle one.',
    nl: (p) =>
      p.os === 'windows'
        ? 'Het logboek van de Windows-agent toont geen heartbeats met een tijd die dit hulpmiddel kan lezen, dus een vastgelopen agent is niet te onderscheiden van een agent zonder werk; controleer de status van de VM-agent (Gereed / Niet gereed) in de portal.'
        : 'waagent.log bevat geen [HEARTBEAT]-regels (agents ouder dan 2.2.47 schrijven ze niet), dus een vastgelopen agent is niet te onderscheiden van een agent zonder werk.',
  }),

  // no-network-wireserver
  'no-network-wireserver.probe-failed': entry({
    en: (p: { endpoints: readonly string[]; detail: string }) => `The live check could not reach ${p.endpoints.join(' and ')} (168.63.129.16): ${p.detail}`,
    nl: (p) => `De controle op de VM kon ${p.endpoints.join(' en ')} (168.63.129.16) niet bereiken: ${p.detail}`,
  }),
  'no-network-wireserver.no-log': entry({
    en: (p: { os: GuestOs }) =>
      `The bundle has no ${en(p.os).path} (and no live checks), so WireServer connectivity cannot be judged. Check that 168.63.129.16 ports 80 and 32526 are allowed (NSG, firewall, proxy).`,
    nl: (p) =>
      `De bundel bevat geen ${nl(p.os).path} (en geen controles op de VM), dus de verbinding met de WireServer is niet te beoordelen. Controleer of 168.63.129.16 op poort 80 en 32526 bereikbaar is (NSG, firewall, proxy).`,
  }),
  'no-network-wireserver.near-task': entry({
    en: (p: { count: number; taskId: string; intermittent: boolean }) =>
      `${p.count} failure(s) to reach the WireServer/HostGAPlugin around the failed task ${p.taskId}${p.intermittent ? ', with some successful goal-state fetches in between (intermittent)' : ' and no successful goal-state fetch'}.`,
    nl: (p) =>
      `${p.count} ${plural(p.count, 'mislukte verbinding', 'mislukte verbindingen')} met de WireServer/HostGAPlugin rond de mislukte taak ${p.taskId}${p.intermittent ? ', met tussendoor enkele keren een doelstatus die wel werd opgehaald (de verbinding hapert)' : ' en geen enkele doelstatus die wel werd opgehaald'}.`,
  }),
  'no-network-wireserver.fine-near-task': entry({
    en: (p: { taskId: string; older: number }) =>
      `The agent fetched and processed goal states around the failed task ${p.taskId} with no network failure to 168.63.129.16${p.older ? ` (${p.older} older failure(s) elsewhere in the log)` : ''}.`,
    nl: (p) =>
      `De agent haalde rond de mislukte taak ${p.taskId} doelstatussen op en verwerkte ze, zonder netwerkfout naar 168.63.129.16${p.older ? ` (${p.older} ${plural(p.older, 'oudere fout', 'oudere fouten')} elders in het logboek)` : ''}.`,
  }),
  'no-network-wireserver.failures': entry({
    en: (p: { count: number; ongoing: boolean }) =>
      `${p.count} network failure(s) reaching 168.63.129.16${p.ongoing ? ', the last one after the last successful goal-state fetch' : ', the agent recovered afterwards'}.`,
    nl: (p) =>
      `${p.count} ${plural(p.count, 'netwerkfout', 'netwerkfouten')} bij het bereiken van 168.63.129.16${p.ongoing ? ', de laatste na de laatste keer dat een doelstatus wel werd opgehaald' : ', daarna herstelde de agent'}.`,
  }),
  'no-network-wireserver.fetched': entry({
    en: () => 'The agent fetched goal states from the WireServer and logged no network failure to 168.63.129.16.',
    nl: () => 'De agent haalde doelstatussen op bij de WireServer en logde geen netwerkfout naar 168.63.129.16.',
  }),
  'no-network-wireserver.nothing': entry({
    en: (p: { os: GuestOs }) => `${en(p.os).log} shows neither successful goal-state fetches nor WireServer failures; check 168.63.129.16 ports 80 and 32526 (NSG, firewall, proxy).`,
    nl: (p) => `${nl(p.os).log} toont geen opgehaalde doelstatussen en geen WireServer-fouten; controleer 168.63.129.16 op poort 80 en 32526 (NSG, firewall, proxy).`,
  }),

  // agent-config-disabled
  'agent-config-disabled.conf-off': entry({
    en: () => 'waagent.conf sets Extensions.Enabled=n: the agent does not run any extension, including the backup (VMSnapshot) extension.',
    nl: () => 'waagent.conf zet Extensions.Enabled=n: de agent voert geen enkele extensie uit, ook de back-upextensie (VMSnapshot) niet.',
  }),
  'agent-config-disabled.logged-off': entry({
    en: () => 'The agent logged that extension processing is disabled (Extensions.Enabled=n in waagent.conf).',
    nl: () => 'De agent logde dat de verwerking van extensies is uitgeschakeld (Extensions.Enabled=n in waagent.conf).',
  }),
  'agent-config-disabled.re-enabled': entry({
    en: () => 'Extension processing was disabled earlier but extensions ran again afterwards.',
    nl: () => 'De verwerking van extensies was eerder uitgeschakeld, maar daarna draaiden er weer extensies.',
  }),
  'agent-config-disabled.on-hold': entry({
    en: () => 'The agent reported that extension handling is on hold (set by the platform in the VM artifacts profile).',
    nl: () => 'De agent meldde dat de afhandeling van extensies is gepauzeerd (door het platform ingesteld in het VM-artefactenprofiel).',
  }),
  'agent-config-disabled.provisioning-disabled': entry({
    en: () => 'waagent.conf sets Provisioning.Agent=disabled and no extension ran; check that the agent is meant to handle extensions on this image.',
    nl: () => 'waagent.conf zet Provisioning.Agent=disabled en er draaide geen extensie; controleer of de agent op deze image extensies hoort af te handelen.',
  }),
  'agent-config-disabled.enabled-ran': entry({
    en: () => 'waagent.conf enables extension handling and the agent ran extensions.',
    nl: () => 'waagent.conf schakelt de afhandeling van extensies in en de agent voerde extensies uit.',
  }),
  'agent-config-disabled.enabled': entry({
    en: () => 'waagent.conf enables extension handling (no extension run was seen to confirm it).',
    nl: () => 'waagent.conf schakelt de afhandeling van extensies in (er is geen uitgevoerde extensie gezien die dat bevestigt).',
  }),
  'agent-config-disabled.ran': entry({
    en: () => 'The agent ran extensions, so extension handling was enabled (waagent.conf is not in the bundle).',
    nl: () => 'De agent voerde extensies uit, dus de afhandeling van extensies stond aan (waagent.conf zit niet in de bundel).',
  }),
  'agent-config-disabled.windows': entry({
    en: () => 'The Windows agent has no switch that turns extension handling off; a Windows VM is not affected by this cause.',
    nl: () => 'De Windows-agent heeft geen schakelaar die de afhandeling van extensies uitzet; een Windows-VM heeft geen last van deze oorzaak.',
  }),
  'agent-config-disabled.nothing': entry({
    en: () => 'Neither /etc/waagent.conf nor any extension activity is in the bundle. Collect /etc/waagent.conf and check Extensions.Enabled.',
    nl: () => 'De bundel bevat geen /etc/waagent.conf en geen activiteit van extensies. Verzamel /etc/waagent.conf en controleer Extensions.Enabled.',
  }),

  // agent-not-running
  'agent-not-running.windows-down': entry({
    en: (p: { issue: WindowsDown; detail: string }) => `On this Windows VM ${WINDOWS_DOWN.en[p.issue]} (${p.detail}), and the agent logged nothing afterwards.`,
    nl: (p) => `Op deze Windows-VM ${WINDOWS_DOWN.nl[p.issue]} (${p.detail}), en de agent logde daarna niets meer.`,
  }),
  'agent-not-running.windows-events': entry({
    en: (p: { subject?: string; serious: boolean; count: number }) =>
      `The Windows event log shows ${p.subject ?? 'the agent'} ${p.serious ? 'crashing or failing to start' : 'terminating unexpectedly'} (${p.count} event${p.count > 1 ? 's' : ''}), with no agent activity afterwards: the guest agent was not running.`,
    nl: (p) =>
      `Het Windows-gebeurtenislogboek toont dat ${p.subject ?? 'de agent'} ${p.serious ? 'crashte of niet kon starten' : 'onverwacht stopte'} (${p.count} ${plural(p.count, 'gebeurtenis', 'gebeurtenissen')}), zonder activiteit van de agent daarna: de agent draaide niet.`,
  }),
  'agent-not-running.disabled': entry({
    en: () => 'The guest agent is disabled on this VM (/var/lib/waagent/disable_agent or ProvisionGuestAgent=false in ovf-env.xml), so it never runs the backup extension.',
    nl: () => 'De agent is op deze VM uitgeschakeld (/var/lib/waagent/disable_agent of ProvisionGuestAgent=false in ovf-env.xml), dus hij voert de back-upextensie nooit uit.',
  }),
  'agent-not-running.disabled-but-ran': entry({
    en: (p: { file: string; text: string; count: number; last?: string }) =>
      ` The VM carries a disable marker (${p.file}: ${p.text}), but the agent ran after it (${p.count} heartbeats, goal states or backup runs, the last at ${p.last ?? 'an unknown time'}), so the marker (for example a stale ProvisionGuestAgent=false) did not stop it.`,
    nl: (p) =>
      ` De VM heeft een markering die de agent uitschakelt (${p.file}: ${p.text}), maar de agent draaide daarna nog (${p.count} heartbeats, doelstatussen of back-ups, de laatste om ${p.last ?? 'een onbekend tijdstip'}), dus de markering (bijvoorbeeld een verouderde ProvisionGuestAgent=false) hield hem niet tegen.`,
  }),
  'agent-not-running.service-down': entry({
    en: (p: { detail: string }) => `The agent's service is not running (service manager state): ${p.detail}`,
    nl: (p) => `De service van de agent draait niet (volgens de servicebeheerder): ${p.detail}`,
  }),
  'agent-not-running.no-log': entry({
    en: (p: { os: GuestOs }) =>
      `The bundle has no ${en(p.os).path} and no agent status file, so whether the agent ran cannot be seen: ${en(p.os).collect}, or check the VM agent status (Ready / Not ready) in the portal.`,
    nl: (p) =>
      `De bundel bevat geen ${nl(p.os).path} en geen statusbestand van de agent, dus of de agent draaide is niet te zien: ${nl(p.os).collect}, of controleer de status van de VM-agent (Gereed / Niet gereed) in de portal.`,
  }),
  'agent-not-running.stopped-before-task': entry({
    en: (p: { event: string; detail?: string; taskId: string }) => `The agent was stopped (${p.event}${p.detail ? `: ${p.detail}` : ''}) and not started again before the failed snapshot task ${p.taskId}.`,
    nl: (p) => `De agent werd gestopt (${p.event}${p.detail ? `: ${p.detail}` : ''}) en niet opnieuw gestart vóór de mislukte momentopnametaak ${p.taskId}.`,
  }),
  'agent-not-running.active-near-task': entry({
    en: (p: { count: number; taskId: string }) => `The agent logged ${p.count} heartbeat/goal-state line(s) within an hour of the failed task ${p.taskId}; it was running.`,
    nl: (p) => `De agent logde ${p.count} ${plural(p.count, 'regel', 'regels')} met een heartbeat of doelstatus binnen een uur van de mislukte taak ${p.taskId}; hij draaide.`,
  }),
  'agent-not-running.silent-near-task': entry({
    en: (p: { taskId: string; loggedAgain: boolean }) =>
      `waagent.log has no agent activity from an hour before to an hour after the failed task ${p.taskId} although ${p.loggedAgain ? 'the agent logs again afterwards' : 'other logs continue in that time'}: the agent was not running then.`,
    nl: (p) =>
      `waagent.log toont geen activiteit van de agent van een uur vóór tot een uur na de mislukte taak ${p.taskId}, terwijl ${p.loggedAgain ? 'de agent daarna weer logt' : 'andere logboeken in die tijd doorlopen'}: de agent draaide toen niet.`,
  }),
  'agent-not-running.not-covered': entry({
    en: (p: { os: GuestOs; taskId: string }) =>
      `${en(p.os).log} does not cover the time of the failed task ${p.taskId}; collect its older rotations (${p.os === 'windows' ? 'WaAppAgent.*.log' : '/var/log/waagent.log.*'}) or check the agent status in the portal.`,
    nl: (p) =>
      `${nl(p.os).log} reikt niet tot de tijd van de mislukte taak ${p.taskId}; verzamel ook de oudere logbestanden (${p.os === 'windows' ? 'WaAppAgent.*.log' : '/var/log/waagent.log.*'}) of controleer de agentstatus in de portal.`,
  }),
  'agent-not-running.stopped-at-end': entry({
    en: (p: { event: string; detail?: string }) => `The agent was stopped (${p.event}${p.detail ? `: ${p.detail}` : ''}) and not started again before the end of its log.`,
    nl: (p) => `De agent werd gestopt (${p.event}${p.detail ? `: ${p.detail}` : ''}) en niet opnieuw gestart vóór het einde van zijn logboek.`,
  }),
  'agent-not-running.heartbeats-to-end': entry({
    en: () => 'The agent was sending heartbeats up to the end of its log.',
    nl: () => 'De agent stuurde heartbeats tot het einde van zijn logboek.',
  }),
  'agent-not-running.activity': entry({
    en: () => 'The agent logged activity and no stop, crash or disabled state was found.',
    nl: () => 'De agent logde activiteit en er is geen stop, crash of uitgeschakelde toestand gevonden.',
  }),
  'agent-not-running.status': entry({
    en: (p: { status: string }) => `The last aggregate status the agent wrote says ${p.status}.`,
    nl: (p) => `De laatste totaalstatus die de agent schreef, is ${p.status}.`,
  }),
  'agent-not-running.no-activity': entry({
    en: (p: { os: GuestOs }) => `${en(p.os).log} has no agent activity lines to judge from; check the VM agent status in the portal.`,
    nl: (p) => `${nl(p.os).log} bevat geen regels met activiteit van de agent om op te beoordelen; controleer de status van de VM-agent in de portal.`,
  }),

  // extension-failed-state: what failed (a part), then the sentences
  'extension-failed-state.part.handler-state': entry({
    en: (p: { state: string; version: string }) => `handler state ${p.state} (${p.version})`,
    nl: (p) => `HandlerState ${p.state} (${p.version})`,
  }),
  'extension-failed-state.part.handler-status': entry({
    en: (p: { code: number; message?: string }) => `handler status NotReady, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
    nl: (p) => `HandlerStatus NotReady, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
  }),
  'extension-failed-state.part.operation': entry({
    en: (p: { op: string; outcome: 'failed' | 'timed-out'; exitCode?: number; detail?: string }) =>
      `${p.op} ${p.outcome}${p.exitCode !== undefined ? ` (exit code ${p.exitCode})` : ''}${p.detail ? `: ${p.detail}` : ''}`,
    nl: (p) => `${p.op} ${p.outcome === 'failed' ? 'mislukt' : 'kreeg een time-out'}${p.exitCode !== undefined ? ` (afsluitcode ${p.exitCode})` : ''}${p.detail ? `: ${p.detail}` : ''}`,
  }),
  'extension-failed-state.part.event': entry({
    en: (p: { op: string; message: string }) => `${p.op} failed: ${p.message}`,
    nl: (p) => `${p.op} mislukt: ${p.message}`,
  }),
  'extension-failed-state.part.status-error': entry({
    en: (p: { operation?: string; code: number; message?: string }) => `${p.operation ?? 'status'} error, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
    nl: (p) => `fout bij ${p.operation ?? 'status'}, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
  }),
  'extension-failed-state.part.reported-not-ready': entry({
    en: (p: { code: number; message?: string }) => `reported NotReady, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
    nl: (p) => `meldde NotReady, code ${p.code}${p.message ? `: ${p.message}` : ''}`,
  }),
  'extension-failed-state.known-bad': entry({
    en: (p: { handler: string; version: string; os?: string; problem: Localized; remedy: Localized; source: string }) =>
      `${p.handler} ${p.version}${p.os ? ` runs on ${p.os}` : ''}: ${p.problem.en} Remedy: ${p.remedy.en} (${p.source})`,
    nl: (p) => `${p.handler} ${p.version}${p.os ? ` draait op ${p.os}` : ''}: ${p.problem.nl} Oplossing: ${p.remedy.nl} (${p.source})`,
  }),
  'extension-failed-state.detected': entry({
    en: (p: { backup: boolean; handlers: readonly string[]; handler: string; what: AnalysisText; gone: readonly string[] }, t) =>
      `${p.backup ? 'The Backup extension' : p.handlers.length > 1 ? `Extensions ${p.handlers.join(', ')}` : `Extension ${p.handlers[0]}`} ${p.handlers.length > 1 && !p.backup ? 'are' : 'is'} in a failed state (${p.handler}: ${t(p.what)}). A failed extension leaves the VM in a failed provisioning state, which blocks backups until the extension is repaired or removed.${goneEn(p.gone)}`,
    nl: (p, t) =>
      `${p.backup ? 'De back-upextensie is' : p.handlers.length > 1 ? `De extensies ${p.handlers.join(', ')} zijn` : `De extensie ${p.handlers[0]} is`} mislukt (${p.handler}: ${t(p.what)}). Een mislukte extensie zet de VM in de inrichtingsstatus Mislukt, en dat blokkeert back-ups tot de extensie is hersteld of verwijderd.${goneNl(p.gone)}`,
  }),
  'extension-failed-state.ruled-out': entry({
    en: (p: { states: readonly { handler: string; state: string }[]; gone: readonly string[] }) =>
      `No extension is in a failed state: ${p.states.length ? p.states.map((s) => `${s.handler} ${s.state}`).join(', ') : 'the agent logged no unrecovered install/enable/update failure'}.${goneEn(p.gone)}`,
    nl: (p) =>
      `Geen extensie is mislukt: ${p.states.length ? p.states.map((s) => `${s.handler} ${s.state}`).join(', ') : 'de agent logde geen onherstelde fout bij het installeren, inschakelen of bijwerken'}.${goneNl(p.gone)}`,
  }),
  'extension-failed-state.nothing': entry({
    en: () =>
      'The bundle has no extension state (/var/lib/waagent/<Handler>-<Version>/config/HandlerState, HandlerStatus) and no agent log of extension operations. Check the VM in the portal: Extensions + applications, look for any extension in "Provisioning failed".',
    nl: () =>
      'De bundel bevat geen toestand van extensies (/var/lib/waagent/<Handler>-<Version>/config/HandlerState, HandlerStatus) en geen agentlogboek van extensiebewerkingen. Controleer de VM in de portal: Extensies + toepassingen, zoek een extensie met "Inrichten mislukt".',
  }),
} as const;

export type AnalysisKey = keyof typeof ANALYSIS;
/** A key's parameters (none: an empty object). */
export type AnalysisParams<K extends AnalysisKey> = Parameters<(typeof ANALYSIS)[K]['en']>[0] extends infer P ? (P extends object ? P : Record<never, never>) : never;

/** A message of the catalogue with its parameters: the only kind of reason a rule can return. */
export type AnalysisMessage = { [K in AnalysisKey]: { readonly key: K; readonly params: AnalysisParams<K> } }[AnalysisKey];

/** Builds a message; keys without parameters need none. */
export function msg<K extends AnalysisKey>(
  key: K,
  ...params: Record<never, never> extends AnalysisParams<K> ? [AnalysisParams<K>?] : [AnalysisParams<K>]
): Extract<AnalysisMessage, { key: K }> {
  return { key, params: params[0] ?? {} } as Extract<AnalysisMessage, { key: K }>;
}

/** The text of a message in one language. */
export function renderAnalysis(m: AnalysisText, lang: Lang): string {
  const e = (ANALYSIS as Record<string, Entry<object>>)[m.key];
  if (!e) throw new Error(`unknown analysis message ${m.key}`);
  return e[lang](m.params, (sub) => renderAnalysis(sub, lang));
}

/** Both languages at once, for the result's `…` / `…Nl` pairs. */
export function renderBoth(m: AnalysisText): Localized {
  return { en: renderAnalysis(m, 'en'), nl: renderAnalysis(m, 'nl') };
}
