import type { FileKind } from '../../shared';

/** Decides a file's kind from the path it had on the VM (no leading slash). */
export function classify(vmPath: string): FileKind {
  // Windows guest paths may come as `C:\WindowsAzure\Logs\...`; sosreport command outputs are not VM files.
  const p = vmPath.replace(/\\/g, '/').replace(/^[A-Za-z]:\//, '');
  if (/^sos_(commands|reports|logs)\//.test(p)) return 'other';
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/^var\/log\/waagent\.log/.test(p) || /(^|\/)waagent\.log(\.\d+)?(\.gz)?$/.test(p) || /(^|\/)waagent\.log-[\d-]+(\.gz)?$/.test(p)) return 'waagent-log';
  if (/VMSnapshotLinux\/extension\.log/.test(p)) return 'vmsnapshot-extension-log';
  if (/VMSnapshotLinux\/shell\.log/.test(p)) return 'vmsnapshot-shell-log';
  if (/CommandExecution(_[^/]*)?\.log$/.test(p) && p.startsWith('var/log/azure/')) return 'command-execution-log';
  if (p === 'etc/waagent.conf' || base === 'waagent.conf') return 'waagent-conf';
  if (/(^|\/)GoalState(\.\d+)?\.xml$/.test(p)) return 'goal-state-xml';
  if (/(^|\/)ExtensionsConfig(\.\d+)?\.xml$/.test(p)) return 'extensions-config-xml';
  if (/(^|\/)HostingEnvironmentConfig\.xml$/.test(p)) return 'hosting-environment-xml';
  if (/(^|\/)SharedConfig\.xml$/.test(p)) return 'shared-config-xml';
  if (/(^|\/)Certificates\.xml$/.test(p)) return 'certificates-xml';
  if (/(^|\/)ovf-env\.xml$/.test(p)) return 'ovf-env-xml';
  if (/(^|\/)VmSettings(\.\d+)?\.json$/i.test(p)) return 'vm-settings-json';
  if (/(^|\/)waagent_status(\.\d+)?\.json$/.test(p)) return 'waagent-status-json';
  if (/var\/lib\/waagent\/(WALinuxAgent-[^/]+\/)?error\.json$/.test(p)) return 'agent-error-json';
  if (p === 'var/lib/waagent/Incarnation') return 'incarnation';
  if (p === 'var/lib/waagent/disable_agent') return 'disable-agent-marker';
  if (/var\/lib\/waagent\/history\/.*\.zip$/.test(p)) return 'history-zip';
  if (/\/config\/([^/]*\.)?HandlerState$/.test(p)) return 'handler-state';
  if (/\/config\/HandlerStatus$/.test(p)) return 'handler-status';
  if (/var\/lib\/waagent\/[^/]+\/HandlerEnvironment\.json$/.test(p)) return 'handler-environment';
  if (/var\/lib\/waagent\/[^/]+\/HandlerManifest\.json$/.test(p)) return 'handler-manifest';
  if (/var\/lib\/waagent\/[^/]+\/config\/([^/]*\.)?\d+\.settings$/.test(p)) return 'extension-settings';
  if (/var\/lib\/waagent\/[^/]+\/status\/([^/]*\.)?\d+\.status$/.test(p)) return 'extension-status';
  if (/var\/lib\/waagent\/[^/]+\/mrseq$/.test(p)) return 'extension-mrseq';
  if (/var\/lib\/waagent\/[^/]+\/heartbeat\.log$/.test(p)) return 'extension-heartbeat';
  if (p === 'etc/azure/vmbackup.conf') return 'vmbackup-conf';
  if (p === 'etc/azure/VMSnapshotScriptPluginConfig.json') return 'vmsnapshot-plugin-config';
  if (p === 'etc/azure/workload.conf') return 'workload-conf';
  if (p === 'etc/os-release' || p === 'usr/lib/os-release' || /^etc\/[^/]*-release$/.test(p)) return 'os-release';
  if (p === 'etc/hostname' || p === 'etc/HOSTNAME') return 'hostname';
  if (/^var\/log\/(syslog|messages)(\.\d+|-\d{8})?(\.gz)?$/.test(p)) return 'syslog';
  if (/^var\/log\/dmesg/.test(p)) return 'dmesg';
  if (base === 'results.txt') return 'logcollector-results';
  if (/dhclient.*\.leases?$|netif\/leases\//.test(p)) return 'dhcp-lease';
  if (/WindowsAzure\/Logs\/WaAppAgent\.log$/i.test(p)) return 'windows-agent-log';
  if (/Packages\/Plugins\/[^/]+\/[^/]+\/Status\/\d+\.status$/i.test(p)) return 'windows-plugin-status';
  if (/Packages\/Plugins\/[^/]+\/[^/]+\/RuntimeSettings\/\d+\.settings$/i.test(p)) return 'windows-plugin-settings';
  if (/WindowsAzure\/Logs\/Plugins\/.*\.log$/i.test(p)) return 'windows-plugin-log';
  if (base === 'probes.json') return 'probes-json';
  if (base === 'manifest.json' && !p.includes('/')) return 'collection-manifest';
  if (/^var\/log\/azure\/.*\.log(\.\d+)?$/.test(p)) return 'extension-log';
  return 'other';
}
