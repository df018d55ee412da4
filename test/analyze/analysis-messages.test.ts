import { describe, expect, it } from 'vitest';
import { ANALYSIS, detailOf, msg, renderAnalysis, type AnalysisKey, type AnalysisParams } from '../../src/shared/i18n/analysis';
import { PARSE_SAMPLES } from './parse-message-samples';
import { PIPELINE_SAMPLES } from './pipeline-message-samples';
import { SSH_SAMPLES } from './ssh-message-samples';

/**
 * The analysis catalogue (src/shared/i18n/analysis.ts): every message renders in English and Dutch, and
 * the two differ, so a Dutch text that was left in English shows here. Typed: a new key without a sample
 * below, or a sample with the wrong parameters, does not compile.
 */
const sentence = msg('agent-config-disabled.enabled');
const TASK = { taskId: '7d3c2a8e-5b1f-4e62-9a07-3f1c8d2e6b41', seqNo: 15, start: '2026-11-19T22:15:42.117Z' };
const KB = { problem: { en: 'The agent crashes on start.', nl: 'De agent crasht bij het starten.' }, remedy: { en: 'Update the agent.', nl: 'Werk de agent bij.' } };

const SAMPLES: { [K in AnalysisKey]: AnalysisParams<K> } = {
  ...PARSE_SAMPLES,
  ...PIPELINE_SAMPLES,
  ...SSH_SAMPLES,
  seq: { parts: [sentence, msg('agent-not-running.disabled-but-ran', { file: 'ovf-env.xml', text: '<ProvisionGuestAgent>false</ProvisionGuestAgent>', count: 3 })] },
  sentences: { parts: [msg('verdict.no-task'), sentence, msg('verdict.untimed')] },
  raw: { text: 'Failed to write status: [Errno 2] No such file or directory' },
  'fact-detail': { detail: 'install.cmd of Chef.Bootstrap.WindowsAzure.ChefClient did not exit in time and was killed', note: msg('detail.install-cmd-timeout', { op: 'install', handler: 'Chef.Bootstrap.WindowsAzure.ChefClient' }) },
  line: { text: 'Failed to write status: [Errno 2] No such file or directory' },
  'task.without-id': {},
  // log lines from test/cases (waagent-804, coreos-1755, win-* cases)
  'detail.service-down': { line: 'Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent.' },
  'detail.service-started': { line: 'Jul 18 15:56:02 vpnfirewall systemd[1]: Started Azure Linux Agent.' },
  'detail.service-status': { unit: 'walinuxagent.service', state: 'failed', sub: 'Result: start-limit', disabled: true },
  'detail.service-not-loaded': { unit: 'waagent.service', state: 'not-found' },
  'detail.conf-missing': { line: 'Jan 10 07:42:24 gicistage-d0 python[43628]: azurelinuxagent.common.exception.AgentConfigError: [AgentConfigError] Missing configuration in /etc/waagent.conf' },
  'detail.interpreter-missing': { line: 'env: python: No such file or directory', interpreter: 'python' },
  'detail.windows-install-failed': {
    failure: 'Windows Azure VM Agent - 2.7.41491.949: Error 1722. There is a problem with this Windows Installer package.',
    line: 'Product: Windows Azure VM Agent - 2.7.41491.949 -- Error 1722. There is a problem with this Windows Installer package.',
  },
  'detail.install-cmd-timeout': { op: 'install', handler: 'Chef.Bootstrap.WindowsAzure.ChefClient' },
  'detail.vcredist-failed': {
    product: 'Microsoft Visual C++ 2013 x64 Minimum Runtime - 12.0.21005',
    error: 'Error 1401.Could not create key: Software\\Classes.  System error 5.',
    line: 'Product: Microsoft Visual C++ 2013 x64 Minimum Runtime - 12.0.21005 -- Error 1401.Could not create key: Software\\Classes.  System error 5.',
  },
  'detail.vss-provider-failed': { message: 'Installing VSS provider failed' },
  // waagent-3492 (curl printing 000), the iptables DROP rule of the agent's own set, df -Hi of WALinuxAgent#2619
  'detail.curl-failed': { output: '000' },
  'detail.curl-answered': { status: '200' },
  'detail.firewall-drop': { rule: '0 0 DROP tcp -- * * 0.0.0.0/0 168.63.129.16 ctstate INVALID,NEW' },
  'detail.df': { inodes: true, mount: '/', used: 100, row: '/dev/sda1 2.0M 2.0M 0 100% /' },
  'detail.live-df': { mount: '/var', used: 100, available: 0 },
  'detail.ssh-collection': { files: 1, root: false, incomplete: true, reason: 'the connection was lost after 5242880 bytes' },
  // WaAppAgent.log lines quoted by Microsoft Learn (src/main/parse/windows/agent-catalogue.ts samples)
  'detail.win-agent-stopping': {},
  'detail.win-agent-stopping-for-update': {},
  'detail.win-agent-stopped': {},
  'detail.oobe-wait': {},
  'ingest.paste-read-as': { title: { en: "the guest agent's log (waagent.log)", nl: 'het log van de gastagent (waagent.log)' }, path: 'var/log/waagent.log' },
  'ingest.paste-joined': { lines: [[12, 13]] },
  'ingest.paste-unknown': {},
  'ingest.not-read': { path: 'var/log/azure/custom/output.log', mb: '1.2' },
  'ingest.no-record': { path: 'var/log/waagent.log', mb: '0.5', title: { en: "the guest agent's log (waagent.log)", nl: 'het log van de gastagent (waagent.log)' } },
  'ingest.parse-incomplete': { error: 'unexpected end of data' },
  'ingest.twice': { path: 'var/log/waagent.log', first: 'logs.zip!var/log/waagent.log', second: 'waagent.log' },
  'ingest.same-file': { path: 'var/log/waagent.log', kept: 'logs.zip!var/log/waagent.log', dropped: 'waagent.log' },
  'ingest.archive-cut': { origin: 'logs.zip', format: 'zip', read: 6, partial: 'var/log/waagent.log' },
  'ingest.archive-damaged': { origin: 'logs.zip', format: 'zip', read: 33, part: 'directory' },
  'ingest.zip-encrypted': { origin: 'logs.zip', count: 5, read: 2, names: ['var/log/waagent.log', 'etc/waagent.conf', 'var/log/syslog'] },
  'ingest.refused-entry': { origin: 'logs.zip', name: '"../../etc/passwd"', reason: 'escapes' },
  'ingest.refused-link': { origin: 'logs.tar', name: '"var/log/shadow-link"', hard: false, target: '"/etc/shadow"' },
  'ingest.zip-bomb': { origin: 'logs.zip!big.log', packed: 1024, size: 1073741824, ratio: 200 },
  'ingest.bomb': { origin: 'waagent.log.gz', ratio: 200 },
  'ingest.not-gzip': { origin: 'waagent.log.1.gz' },
  'ingest.too-deep': { origin: 'a.zip!b.zip!c.zip', depth: 4 },
  'ingest.cannot-list': { path: '/mnt/bundle/var/log/azure', error: "EACCES: permission denied, scandir '/mnt/bundle/var/log/azure'" },
  'ingest.link-skipped': { path: '/mnt/bundle/var/log/waagent.log' },
  'ingest.cannot-read': { path: '/mnt/bundle/var/log/syslog', error: "EACCES: permission denied, lstat '/mnt/bundle/var/log/syslog'" },
  'ingest.capped-reading': { origin: '/mnt/bundle/var/log/syslog', size: 734003200, cap: 268435456, kept: 268435456 },
  'ingest.input-unreadable': { path: '/home/eng/cases/1234/logs.zip', error: "EACCES: permission denied, open '/home/eng/cases/1234/logs.zip'" },
  'ingest.evtx': { origin: 'logs.zip!WindowsAzure/Logs/System.evtx' },
  'ingest.vss-state-unread': { origin: 'ticket.zip!notes.txt', line: 'State: [10] Failed' },
  'ingest.other-archive': { origin: 'ticket-1234.zip!logs.7z', format: '7z' },
  'ingest.packed-unnamed': { origin: 'logs/waagent.log.1', codec: 'gzip' },
  'ingest.capped-not-read': { origin: 'syslog.1.gz', size: 300000000, cap: 268435456 },
  'ingest.capped-tail': { origin: 'syslog.1.gz', cap: 268435456, kept: 268435456 },
  'ingest.decoded-as': { origin: 'System.txt', encoding: 'windows-1250' },
  'ingest.only-nul': { origin: 'waagent.log', size: 20480 },
  'ingest.nul-block': { origin: 'waagent.log', blocks: 2, bytes: 8192, line: 1234 },
  'ingest.capped-inflated': { origin: 'logs.zip!var/log/syslog.1.gz', cap: 268435456, kept: 268435456 },
  'ingest.capped-packed': { origin: 'logs.zip!var/log/syslog.1.gz', cap: 268435456 },
  'ingest.damaged': { origin: 'waagent.log.1.gz', codec: 'gzip', error: 'unexpected end of file', kept: 65536 },
  'ingest.history-unopened': { origin: 'logs.zip!WindowsAzure/Logs/history/2024-05-01.zip' },
  'ingest.not-codec': { origin: 'logs.zip!var/log/waagent.log.2.xz', ext: 'xz', codec: 'xz' },
  'ingest.not-inflated': { origin: 'logs.zip!var/log/waagent.log.2.gz', error: 'incorrect header check' },
  'ingest.capped-kept': { origin: 'sosreport.tar.xz!var/log/messages', size: 734003200, cap: 268435456, kept: 268435456 },
  'ingest.member-damaged': { origin: 'logs.zip!var/log/waagent.log', error: 'invalid stored block lengths', kept: 40960 },
  'ingest.member-unreadable': { origin: 'logs.zip!var/log/waagent.log', error: 'invalid distance too far back' },
  'ingest.too-large-to-recover': { path: '/home/eng/cases/1234/logs.zip' },
  'ingest.method-unsupported': { origin: 'logs.zip!var/log/waagent.log', method: 14 },
  'ingest.member-cut': { origin: 'logs.zip!var/log/waagent.log', kept: 19603 },
  'ingest.member-renamed': { origin: 'logs.zip!var/log/waagent.log', listed: 'var/log/w\u00e1agent.log' },
  'ingest.trailing': { origin: 'sosreport.tar.xz', bytes: 512 },
  'ingest.unpacked-capped': { origin: 'logs.zip!var/log/syslog.1.xz', seen: 734003200, cap: 268435456, kept: 268435456 },
  'ingest.entry-cap': { origin: 'logs.zip', max: 200000 },
  'ingest.total-cap': { origin: 'logs.zip', max: 4294967296, name: 'var/log/journal/system.journal' },
  'ingest.tar-warning': { origin: 'sosreport.tar.xz', message: 'checksum failure' },
  'ingest.tar-bomb': { origin: 'bomb.tar.bz2', limit: 209715200, ratio: 200 },
  'ingest.tar-cut': { origin: 'sosreport.tar.xz!var/log/messages', seen: 40960, size: 1048576 },
  'ingest.zip-ratio-declared': { origin: 'logs.zip!var/log/syslog', ratio: 200 },
  'ingest.zip-ratio-inflated': { origin: 'logs.zip!var/log/syslog', ratio: 200, packed: 10240 },
  'ingest.loose-unknown': { name: 'notes.bin' },
  'ingest.loose-placed': { name: 'ticket-4711-extension.log', path: 'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log', why: { by: 'content', title: { en: "the Backup extension's log (VMSnapshotLinux extension.log)", nl: 'het log van de back-upextensie (VMSnapshotLinux extension.log)' } } },
  'ingest.sos-tailed': { origin: 'sosreport-vm1.tar.xz!sos_strings/azure/var.log.waagent.log.tailed', path: 'var/log/waagent.log' },
  'ingest.collector-guess': { flat: 'truncated_var_log_azure_custom_script_handler.log', path: 'var/log/azure/custom/script_handler.log' },
  'ingest.collector-unknown': { flat: 'truncated_opt_app_x.log', path: 'opt/app/x.log' },
  'engine.rule-failed': { error: 'Unexpected end of JSON input' },
  'engine.untimed-lines': { timedTask: true },
  'engine.went-down-frozen': { at: '2024-01-14 22:20:00Z', minutes: 2 },
  'fsfreeze-failed.veto-only': {},
  'disk-full.full': { what: { mount: '/var', usedPercent: 100 }, inodes: true, near: false },
  'disk-full.free': { mounts: [{ mount: '/', usedPercent: 41 }] },
  'disk-full.no-usage': {},
  'disk-full.nothing': {},
  'agent-unresponsive.part.gap': { minutes: 180, taskId: '7d3c2a8e', telemetry: true },
  'agent-unresponsive.part.beats-stop': { at: '2016-12-22T15:26:09.576Z', minutes: 150, taskId: '7d3c2a8e', telemetry: true },
  'agent-unresponsive.part.restart-loop': {},
  'agent-unresponsive.part.exits': { count: 4 },
  'agent-unresponsive.part.orphan-wait': { count: 3, minutes: 20 },
  'agent-unresponsive.part.unclean': { count: 2 },
  'agent-unresponsive.part.one-crash': {},
  'agent-unresponsive.part.launch-failed': {},
  'agent-unresponsive.part.launch-unrunnable': { detail: msg('detail.launch-unrunnable', { program: 'python3', errno: '2', file: 'python3' }) },
  'agent-unresponsive.part.handler-died': {},
  'agent-unresponsive.part.run-loop-died': {},
  'agent-unresponsive.part.unkillable': {},
  'agent-unresponsive.part.goal-state-errors': { count: 5, detail: '[ProtocolError] Failed to fetch goal state' },
  'agent-unresponsive.part.thread-died': { count: 1 },
  'agent-unresponsive.part.unprocessed': { id: 'incarnation_15' },
  'agent-unresponsive.part.oom': { count: 2, victims: 'python3, mysqld', taskId: '7f3c' },
  'agent-unresponsive.part.windows': { issue: 'bad-image-format' },
  'agent-unresponsive.detected': { parts: [msg('agent-unresponsive.part.exits', { count: 3 }), msg('agent-unresponsive.part.windows', { issue: 'oobe-wait' })] },
  'agent-unresponsive.heartbeats-apart': { count: 4, at: '2023-10-09T03:37:24.180Z', minutes: 3983, after: false, taskId: '7d3c2a8e' },
  'agent-unresponsive.heartbeats': { count: 48, gapMinutes: 60 },
  'agent-unresponsive.telemetry-heartbeats': { count: 2, gapMinutes: 60 },
  'agent-unresponsive.no-log': { os: 'windows' },
  'agent-unresponsive.no-heartbeats': { os: 'linux' },
  'no-network-wireserver.probe-failed': { endpoints: ['wireserver', 'hostgaplugin'], detail: msg('probe.http-unreachable', { endpoint: 'wireserver', error: 'curl: (28) Connection timed out after 5001 milliseconds' }) },
  'no-network-wireserver.no-log': { os: 'linux' },
  'no-network-wireserver.near-task': { count: 3, taskId: '7d3c2a8e', intermittent: true },
  'no-network-wireserver.fine-near-task': { taskId: '7d3c2a8e', older: 2 },
  'no-network-wireserver.failures': { count: 4, ongoing: false },
  'no-network-wireserver.fast-track-only': {},
  'no-network-wireserver.fetched': {},
  'no-network-wireserver.nothing': { os: 'windows' },
  'agent-config-disabled.conf-off': {},
  'agent-config-disabled.logged-off': {},
  'agent-config-disabled.re-enabled': {},
  'agent-config-disabled.on-hold': {},
  'agent-config-disabled.provisioning-disabled': {},
  'agent-config-disabled.enabled-ran': {},
  'agent-config-disabled.enabled': {},
  'agent-config-disabled.ran': {},
  'agent-config-disabled.windows': {},
  'agent-config-disabled.nothing': {},
  'agent-not-running.windows-down': { issue: 'config-error', detail: msg('raw', { text: 'ConfigurationErrorsException: Configuration system failed to initialize' }) },
  'agent-not-running.windows-events': { subject: 'WindowsAzureGuestAgent', serious: true, count: 2 },
  'agent-not-running.disabled': {},
  'agent-not-running.disabled-but-ran': { file: 'ovf-env.xml', text: '<ProvisionGuestAgent>false</ProvisionGuestAgent>', count: 3, last: '2026-11-19T22:00:03Z' },
  'agent-not-running.service-down': { detail: msg('detail.service-status', { unit: 'walinuxagent.service', state: 'inactive', sub: 'dead', disabled: true }) },
  'agent-not-running.no-log': { os: 'linux' },
  'agent-not-running.stopped-before-task': { event: 'stop-signal', detail: msg('detail.win-agent-stopping'), taskId: '7d3c2a8e' },
  'agent-not-running.active-near-task': { count: 4, taskId: '7d3c2a8e' },
  'agent-not-running.silent-near-task': { taskId: '7d3c2a8e', loggedAgain: false },
  'agent-not-running.not-covered': { os: 'windows', taskId: '7d3c2a8e' },
  'agent-not-running.stopped-at-end': { event: 'memory-limit' },
  'agent-not-running.heartbeats-to-end': {},
  'agent-not-running.activity': {},
  'agent-not-running.status': { status: 'NotReady' },
  'agent-not-running.no-activity': { os: 'linux' },
  'agent.platform-not-ready': { message: 'VM status blob not found.' },
  'agent.vm-not-running': { display: 'VM deallocated' },
  'extension-failed-state.part.handler-state': { state: 'FailedUpgrade', version: '1.0.9.0' },
  'extension-failed-state.part.handler-status': { code: 52, message: 'Enable failed' },
  'extension-failed-state.part.operation': { op: 'enable', outcome: 'timed-out', exitCode: 1, detail: msg('line', { text: 'Non-zero exit code: 1' }) },
  'extension-failed-state.part.handle-rc': { rc: '1', count: 7, command: 'enable', sinceOk: false, from: '2026-05-21T17:04:31.000Z', to: '2026-05-22T03:08:32.000Z' },
  'extension-failed-state.part.event': { op: 'Install', message: 'Access is denied' },
  'extension-failed-state.part.status-error': { code: 1009 },
  'extension-failed-state.part.reported-not-ready': { code: 1, message: 'Plugin failed' },
  'extension-failed-state.known-bad': { handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', version: '1.0.9218.0', os: 'ubuntu 24.04', ...KB, source: 'https://github.com/Azure/azure-linux-extensions/issues/1922' },
  'extension-failed-state.detected': { backup: false, handlers: ['Microsoft.Azure.Monitor.AzureMonitorLinuxAgent'], handler: 'Microsoft.Azure.Monitor.AzureMonitorLinuxAgent', what: msg('extension-failed-state.part.handler-state', { state: 'Failed', version: '1.2.0' }), gone: ['Microsoft.OSTCExtensions.LinuxDiagnostic'] },
  'extension-failed-state.ruled-out': { states: [], gone: ['Microsoft.OSTCExtensions.LinuxDiagnostic', 'Microsoft.Azure.Extensions.CustomScript'] },
  'extension-failed-state.nothing': {},
  'extension-failed-state.possible-only': {},
  'timeline.snapshot': { result: 'failed', code: 121, statusName: 'FailedRetryableFsFreezeFailed' },
  'timeline.extension': { op: 'enable', outcome: 'timed-out', exitCode: 1 },
  'timeline.agent': { event: 'restart-loop' },
  'timeline.heartbeat-gap': { minutes: 95 },
  'timeline.goal-state': { recovered: false },
  'timeline.self-update': { event: 'blacklisted', version: '2.9.1.1' },
  'snapshot.unfinished.next-task': {},
  'snapshot.unfinished.logs-continue': {},
  'snapshot.unfinished.unplaced': {},
  'snapshot.unfinished.frozen': {},
  'snapshot.unfinished.vss-waiting': { phase: 'PrepareForBackup' },
  'snapshot.unfinished.status-not-written': { detail: msg('fact-detail', { detail: 'the status file could not be written', note: msg('milestone.status-file-failed') }) },
  'snapshot.unfinished.no-daemon': {},
  'snapshot.no-logs': {},
  'certificate-missing.task': { task: TASK, agentToo: true },
  'certificate-missing.agent': { count: 2, call: 'openssl failed: /usr/bin/openssl req -x509', fips: true, opensslPath: '/usr/local/bin/openssl' },
  'certificate-missing.read': { count: 1 },
  'certificate-missing.not-far': {},
  'extension-stuck.task': { task: { taskId: TASK.taskId }, why: 'unfinished', unfinished: { en: 'no final status was logged before the next backup task started', nl: 'er is geen eindstatus gelogd voordat de volgende back-uptaak begon' } },
  'extension-stuck.status-file': {},
  'extension-stuck.finished': { count: 3, running: true },
  'extension-stuck.none': {},
  'snapshot-limit-reached.rate': { task: TASK },
  'snapshot-limit-reached.count': { task: TASK },
  'snapshot-limit-reached.ruled-out': { count: 1 },
  'snapshot-limit-reached.none': {},
  'snapshot-task-delayed.too-late': { task: TASK, minutes: 152 },
  'snapshot-task-delayed.waited': { task: TASK, minutes: 41 },
  'snapshot-task-delayed.slow': { task: TASK, minutes: 26 },
  'snapshot-task-delayed.on-time': { minutes: 1, measured: 4 },
  'snapshot-task-delayed.unmeasured': {},
  'snapshot-task-delayed.none': {},
  'storage-unreachable.task': { task: TASK, code: 556, statusName: 'FailedRetryableSnapshotFailedNoNetwork', agentToo: true },
  'agent.interpreter-step': { name: 'python3', problem: 'missing', interpreter: true },
  'storage-unreachable.retry-step': { answer: 'http', call: 'dosnapshot', status: '500', message: 'Could not find config corresponding to the Disk - md-x - y/abcd' },
  'storage-unreachable.tls': { count: 2, trust: true, channel: false, call: 'The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.' },
  'storage-unreachable.ruled-out': { count: 2, via: 'host' },
  'storage-unreachable.none': {},
  'backup-in-progress.overlap': { later: TASK, earlier: { taskId: '3b8e0c1d' }, unfinished: true },
  'backup-in-progress.none': {},
  'datasource-not-protected.vault': { upTo: { time: '2026-11-19T22:15:42.117Z', taskId: TASK.taskId } },
  'rp-collection-limit.busy': { count: 3, day: '2026-11-19', days: 2 },
  'rp-collection-limit.azure-only': { days: 4 },
  'rp-resource-group-lock.azure-only': {},
  'azure-policy-denied.azure-only': {},
  'vm-deleted.azure-only': {},
  'vault-copy-timeout.azure-only': {},
  'premium-storage-quota.azure-only': {},
  'enhanced-policy-migration.azure-only': {},
  'keyvault-permissions.ade': {},
  'keyvault-permissions.no-ade': {},
  'keyvault-permissions.unknown': {},
  'disk-size-unsupported.not-collected': {},
  'disk-size-unsupported.too-big': { disks: [{ device: '/dev/sdc', size: '40.0 TiB', encrypted: false }, { device: '/dev/sdd', size: '5.0 TiB', encrypted: true }] },
  'disk-size-unsupported.ok': { count: 2, largest: '1.0 TiB', encrypted: true },
  'dotnet-missing.linux': {},
  'dotnet-missing.missing': { detail: 'Could not load file or assembly System.Runtime' },
  'dotnet-missing.ran': { count: 12 },
  'dotnet-missing.unknown': {},
  'fsfreeze-failed.task': { task: TASK, what: { code: 122, shown: { code: 122, statusName: 'FailedRetryableFsFreezeTimeout' } }, others: 2, lessLikely: true },
  'fsfreeze-failed.ends-in-freeze': { task: TASK },
  'fsfreeze-failed.froze': { count: 1 },
  'fsfreeze-failed.snapshots-ok': {},
  'fsfreeze-failed.none': {},
  'prepost-script-failed.warning': { task: TASK },
  'prepost-script-failed.task': { task: TASK, code: 308, statusName: 'FailedPrepostPreScriptTimeout', file: { role: 'plugin-config', problem: 'mode', file: '/etc/azure/VMSnapshotScriptPluginConfig.json', mode: '644' } },
  'prepost-script-failed.health': { code: 302 },
  'prepost-script-failed.not-configured': {},
  'prepost-script-failed.ruled-out': {},
  'prepost-script-failed.none': {},
  'clock-skew.no-host-time': {},
  'clock-skew.detected': { seconds: 2400, ahead: false, too402: true },
  'clock-skew.ruled-out': { seconds: 2, atTask: true, worst: 2400 },
  'dhcp-disabled.no-log': { os: 'linux' },
  'dhcp-disabled.gave-up': { later: '2026-11-19T22:00:03.000Z' },
  'dhcp-disabled.problems': { later: '2026-11-19T22:00:03.000Z' },
  'dhcp-disabled.tell-apart': {},
  'dhcp-disabled.notice-only': {},
  'extension-stuck.unplaced': {},
  'dhcp-disabled.recovered': {},
  'dhcp-disabled.found': {},
  'dhcp-disabled.processed': {},
  'dhcp-disabled.nothing': { os: 'windows' },
  'vm-state-misreported.no-task': {},
  'vm-state-misreported.stopped': { taskId: TASK.taskId, restarted: true },
  'vm-state-misreported.kept-running': { taskId: TASK.taskId },
  'vm-state-misreported.unknown': { taskId: TASK.taskId },
  'vm-provisioning-updating.processing-stuck': { count: 2, message: 'Exception processing extension handlers: timed out' },
  'vm-provisioning-updating.no-task': {},
  'vm-provisioning-updating.in-flight': { taskId: TASK.taskId },
  'vm-provisioning-updating.churn': { incarnations: [13, 14, 15], taskId: TASK.taskId },
  'vm-provisioning-updating.quiet': { taskId: TASK.taskId },
  'vm-provisioning-updating.platform': { display: 'Updating' },
  'agent-outdated.windows-old': { version: '2.7.41491.949', minimum: '2.7.41491.1010' },
  'agent-outdated.windows-at-failure': { version: '2.7.41491.949', later: '2.7.41491.1102' },
  'agent-outdated.windows-ok': { version: '2.7.41491.1102', minimum: '2.7.41491.1010', untimed: true },
  'agent-outdated.below-minimum': { version: '2.0.14', single: true, minimum: '2.2.53.1', logDate: '2017-07-17', known: [{ ...KB, source: 'https://github.com/Azure/WALinuxAgent/issues/812' }] },
  'agent-outdated.daemon-unsupported': { version: '2.1.3', floor: '2.1.7', logDate: '2016-03-01' },
  'agent-outdated.no-auto-update': { version: '2.2.45', minimum: '2.2.53.1' },
  'agent-outdated.signature': { known: [{ ...KB, source: 'https://github.com/Azure/WALinuxAgent/issues/3355' }] },
  'agent-outdated.era': { agents: '2.2.0–2.2.30', maxVersion: '2.2.30', minimum: '2.2.53.1' },
  'agent-outdated.known-release': { version: '2.2.21', signSeen: true, known: [{ ...KB, source: 'https://github.com/Azure/WALinuxAgent/issues/1000' }] },
  'agent-outdated.self-update-failing': { count: 3, version: '2.9.1.1' },
  'agent-outdated.supported': { version: '2.9.1.1', minimum: '2.2.53.1', untimed: true },
  'agent-outdated.at-failure': { version: '2.2.46', later: '2.9.1.1' },
  'agent-outdated.daemon-only': { version: '2.2.18' },
  'agent-outdated.no-version': { os: 'linux' },
  // snapshot milestones and phases: the VSS signatures of parse/windows/vss.ts, the Windows extension's log of
  // win-neg-tsg-vmsnapshot-snapshot-complete, a mount point of learn-fsfreeze-fithaw-duplicate-mounts
  'detail.applocker-blocked': { event: 'Microsoft-Windows-AppLocker 8004' },
  'milestone.vss-failed': { id: 'hold-writes-timeout', what: 'the VSS provider timed out while holding writes (too much I/O on the volume during the snapshot)' },
  'milestone.vss-snapshot-set': {},
  'milestone.vss-waiting': { phase: 'DoSnapshotSet' },
  'milestone.host-snapshot': { result: 'complete' },
  'milestone.dosnapshot-complete': {},
  'milestone.status-exception': {},
  'milestone.status-report-failed': {},
  'milestone.status-file-failed': {},
  'milestone.host-status-keyerror': {},
  'milestone.workload-failed': { warning: true },
  'milestone.precheck-failed': {},
  'milestone.script-exit': { code: '1' },
  // written from Azure/azure-linux-extensions@b7eecd4b VMBackup/main/ScriptRunner.py:172 format string (not observed)
  'milestone.prepost-file': { role: 'pre-script', problem: 'owner', file: '/etc/azure/prescript.sh', owner: 'oracle' },
  'milestone.freeze-timed-out': {},
  'milestone.freeze-lock': {},
  'milestone.bhs-down': {},
  'milestone.wireserver-silent': {},
  'milestone.empty-response': {},
  'milestone.host-http': { call: 'presnapshot', status: '500' },
  'milestone.storage-call-failed': {},
  'milestone.disk-snapshot-failed': {},
  'milestone.thaw-errors': { errors: '/usr/sap' },
  'milestone.snapshot-inconsistent': {},
  'milestone.thaw-deadline': {},
  'phase.code': { code: 122, statusName: 'FailedRetryableFsFreezeTimeout' },
  'phase.no-final-status': {},
  'phase.not-taken': {},
  // the verdict of the sample scenario (test/report/fixture.ts: task 15 failing with a freeze timeout)
  'verdict.task': { taskId: TASK.taskId, seqNo: 15, reached: true, at: '2026-11-19T22:15:45.201Z', stoppedAt: 'freeze', code: 122, statusName: 'FailedRetryableFsFreezeTimeout', laterSuccess: '2026-11-20T22:00:04.512Z' },
  'verdict.no-task': {},
  'verdict.last-succeeded': { start: '2021-01-06T21:41:03.000Z' },
  'verdict.no-guest-cause': { code: 'UserErrorGuestAgentStatusUnavailable' },
  'verdict.logs-may-miss-job': { os: 'linux' },
  'verdict.cause': { title: { en: 'Filesystem freeze failed', nl: 'Bevriezen van het bestandssysteem mislukt' }, confidence: 'high', reason: { en: 'The freeze timed out.', nl: 'Het bevriezen kreeg een time-out.' } },
  'verdict.ruled-out': { agent: { heartbeats: 48, gapMinutes: 2 }, wireserver: { at: '2026-11-19T22:14:02.000Z' } },
  'verdict.others': { count: 2 },
  'verdict.age': { ms: (3 * 24 + 4) * 3_600_000 + 125_000, newest: '2026-11-22T02:02:07.000Z' },
  'verdict.untimed': {},
  'verdict.newer-failure': { title: { en: 'WireServer unreachable', nl: 'WireServer onbereikbaar' }, taskCause: { en: 'Storage unreachable', nl: 'Opslag onbereikbaar' }, start: '2024-10-22T22:49:39.187Z' },
  'verdict.newer-not-the-job': { code: 'UserErrorFsFreezeFailed', later: { en: 'The VM cannot reach the Azure WireServer', nl: 'De VM bereikt de Azure WireServer niet' } },
  'verdict.recovered': { title: { en: 'The VM cannot reach the Azure WireServer', nl: 'De VM kan de Azure WireServer niet bereiken' }, at: '2026-11-19T22:14:02.000Z', hours: 19, taskBefore: false },
  'verdict.mismatch': { title: { en: 'Filesystem freeze failed', nl: 'Bevriezen van het bestandssysteem mislukt' }, codes: [], entered: 'UserErrorRpCollectionLimitReached', causes: [{ en: 'Restore point collection limit', nl: 'Limiet van de herstelpuntverzameling' }] },
  'verdict.crp': {},
  'verdict.unknown-code': { code: 'UserErrorNoSuchCode' },
};

/** Messages that quote the bundle rather than say something: the same in every language. */
const VERBATIM = new Set<AnalysisKey>(['raw']);

describe('the analysis message catalogue', () => {
  it('has a sample for every key and nothing else', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ANALYSIS).sort());
  });

  it.each(Object.keys(ANALYSIS) as AnalysisKey[])('%s renders in English and Dutch, differently', (key) => {
    const m = { key, params: SAMPLES[key] };
    const en = renderAnalysis(m, 'en');
    const nl = renderAnalysis(m, 'nl');
    expect(en.trim()).not.toBe('');
    expect(nl.trim()).not.toBe('');
    expect(en + nl).not.toMatch(/undefined|\[object Object\]|NaN/);
    if (!VERBATIM.has(key)) expect(nl).not.toBe(en);
  });

  it('keeps the Dutch wording of the support article', () => {
    for (const key of Object.keys(ANALYSIS) as AnalysisKey[]) {
      const nl = renderAnalysis({ key, params: SAMPLES[key] }, 'nl');
      // "verliep" reads as "expired"; "niet-evalueerbaar" is not what the article says
      expect(nl, key).not.toMatch(/\bverliep\b|niet-evalueerba/i);
    }
  });

  it('renders nested parts in the language asked for', () => {
    const m = msg('agent-unresponsive.detected', { parts: [msg('agent-unresponsive.part.exits', { count: 3 })] });
    expect(renderAnalysis(m, 'en')).toBe('The agent was alive but not working: the ExtHandler exited or the daemon failed 3 times.');
    expect(renderAnalysis(m, 'nl')).toBe('De agent leefde maar deed zijn werk niet: de ExtHandler stopte of de daemon faalde 3 keer.');
  });

  it('keeps the English a parser wrote in the JSON and quotes the log line in Dutch', () => {
    const m = msg('agent-not-running.service-down', { detail: msg('detail.service-down', { line: 'Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent.' }) });
    expect(renderAnalysis(m, 'en')).toBe("The agent's service is not running (service manager state): the agent's service went down and did not come back: Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent.");
    expect(renderAnalysis(m, 'nl')).toBe('De service van de agent draait niet (volgens de servicebeheerder): de service van de agent viel weg en kwam niet terug: "Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent."');
  });

  it('says an ingest warning in Dutch and keeps its English as the JSON had it', () => {
    const read = msg('ingest.cannot-read', { path: '/mnt/bundle/var/log/syslog', error: "EACCES: permission denied, lstat '/mnt/bundle/var/log/syslog'" });
    expect(renderAnalysis(read, 'en')).toBe("/mnt/bundle/var/log/syslog: cannot read (EACCES: permission denied, lstat '/mnt/bundle/var/log/syslog')");
    expect(renderAnalysis(read, 'nl')).toBe('/mnt/bundle/var/log/syslog: kan niet worden gelezen ("EACCES: permission denied, lstat \'/mnt/bundle/var/log/syslog\'")');
    const cap = msg('ingest.capped-reading', { origin: '/mnt/bundle/var/log/syslog', size: 734003200, cap: 268435456, kept: 268435456 });
    expect(renderAnalysis(cap, 'en')).toBe('/mnt/bundle/var/log/syslog: 734003200 bytes, more than the 268435456-byte per-file cap; reading the last 268435456 bytes');
    expect(renderAnalysis(cap, 'nl')).toBe('/mnt/bundle/var/log/syslog: 734003200 bytes, meer dan de per-bestandslimiet van 268435456 bytes; alleen de laatste 268435456 bytes worden gelezen');
    const gz = msg('ingest.damaged', { origin: 'waagent.log.1.gz', codec: 'gzip', error: 'unexpected end of file', kept: 65536 });
    expect(renderAnalysis(gz, 'en')).toBe('waagent.log.1.gz: damaged gzip (unexpected end of file); kept the 65536 bytes before the damage');
    expect(renderAnalysis(gz, 'nl')).toBe('waagent.log.1.gz: beschadigde gzip ("unexpected end of file"); de 65536 bytes vóór de beschadiging zijn bewaard');
    // damaged from its first byte: nothing was kept, and "kept the 0 bytes" would read as if something had been
    const none = msg('ingest.damaged', { origin: 'waagent.log.1.gz', codec: 'gzip', error: 'incorrect header check', kept: 0 });
    expect(renderAnalysis(none, 'en')).toBe('waagent.log.1.gz: damaged gzip (incorrect header check); nothing could be read before the damage: collect the file again');
    expect(renderAnalysis(none, 'nl')).toBe('waagent.log.1.gz: beschadigde gzip ("incorrect header check"); er kon niets worden gelezen vóór de beschadiging: verzamel het bestand opnieuw');
  });

  it("quotes a fact's English detail in a Dutch sentence when the parser gave it no message of its own", () => {
    // a restart-loop fact whose detail is the log's text (waagent-804's systemd line), with no `note`
    const detail = 'Jul 18 15:54:27 vpnfirewall systemd[1]: Failed to start Azure Linux Agent.';
    const m = msg('agent-not-running.service-down', { detail: detailOf({ detail }) });
    expect(renderAnalysis(m, 'en')).toContain(`: ${detail}`);
    expect(renderAnalysis(m, 'nl')).toContain(`: "${detail}"`);
  });

  it('refuses a key that is not in the catalogue', () => {
    expect(() => renderAnalysis({ key: 'no-such-message', params: {} }, 'en')).toThrow(/no-such-message/);
  });
});
