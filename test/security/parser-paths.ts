/** Realistic VM paths for every parser kind (shared by the parser property and ReDoS fuzz tests). */
import type { FileKind } from '../../src/shared';
import { classify } from '../../src/main/ingest/classify';

const EXT_DIR = 'var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0';
const WIN_PLUGIN = 'Packages/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.0.0';

/** Realistic VM paths; each parser gets the first one that classifies to its kind (or a generic one). */
export const CANDIDATE_PATHS = [
  'var/log/waagent.log',
  'var/log/azure/CommandExecution.log',
  'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/extension.log',
  'var/log/azure/Microsoft.Azure.RecoveryServices.VMSnapshotLinux/shell.log',
  `${EXT_DIR}/status/15.status`,
  `${EXT_DIR}/config/15.settings`,
  `${EXT_DIR}/config/HandlerState`,
  `${EXT_DIR}/config/HandlerStatus`,
  `${EXT_DIR}/HandlerEnvironment.json`,
  `${EXT_DIR}/HandlerManifest.json`,
  `${EXT_DIR}/mrseq`,
  `${EXT_DIR}/heartbeat.log`,
  'var/lib/waagent/GoalState.15.xml',
  'var/lib/waagent/ExtensionsConfig.15.xml',
  'var/lib/waagent/HostingEnvironmentConfig.xml',
  'var/lib/waagent/SharedConfig.xml',
  'var/lib/waagent/Certificates.xml',
  'var/lib/waagent/ovf-env.xml',
  'var/lib/waagent/VmSettings.15.json',
  'var/lib/waagent/waagent_status.15.json',
  'var/lib/waagent/WALinuxAgent-2.9.1.1/error.json',
  'var/lib/waagent/Incarnation',
  'var/lib/waagent/disable_agent',
  'etc/waagent.conf',
  'etc/azure/vmbackup.conf',
  'etc/azure/VMSnapshotScriptPluginConfig.json',
  'etc/azure/workload.conf',
  'etc/os-release',
  'etc/hostname',
  'var/log/syslog',
  'var/log/dmesg',
  'results.txt',
  'var/lib/dhcp/dhclient.eth0.leases',
  'WindowsAzure/Logs/WaAppAgent.log',
  `${WIN_PLUGIN}/Status/15.status`,
  `${WIN_PLUGIN}/RuntimeSettings/15.settings`,
  'WindowsAzure/Logs/Plugins/Microsoft.Azure.RecoveryServices.VMSnapshot/1.0.0.0/IaaSBcdrExtension0.log',
  'probes.json',
  'manifest.json',
  'var/log/azure/Microsoft.Azure.Monitor.AzureMonitorLinuxAgent/extension.log',
];

export function pathFor(kind: FileKind): string {
  return CANDIDATE_PATHS.find((p) => classify(p) === kind) ?? `var/log/azure/fuzz/${kind}.log`;
}
