import type { FileKind } from '../../shared';
import { parseCommandExecutionLog, parseWaagentLog } from './waagent';
import type { Parser } from './types';
import { parseGoalStateDoc } from './state/goal-state';
import { parseExtensionsConfig } from './state/extensions-config';
import { parseOvfEnv } from './state/ovf-env';
import { parseVmSettings } from './state/vm-settings';
import { parseAgentError, parseWaagentStatus } from './state/waagent-status';
import { parseInstanceView } from './state/instance-view';
import { parseInstanceMetadata } from './state/instance-metadata';
import { parseExtensionSettings, parseHandlerEnvironment, parseHandlerState, parseHandlerStatus, parseHeartbeat, parseMrseq } from './state/handler-files';
import { parseDisableAgent, parseIncarnation } from './state/markers';
import { parseWaagentConf } from './system/waagent-conf';
import { parseHostname, parseOsRelease } from './system/release';
import { parsePluginConfig, parseVmBackupConf } from './system/vmbackup-conf';
import { parseLogcollectorResults } from './system/logcollector-results';
import { parseDhcpLease } from './system/dhcp-lease';
import { parseHandlerLog } from './system/handler-log';
import { parseSyslog } from './system/syslog';
import { parseWaAppAgent } from './windows/waappagent';
import { parseWindowsPluginSettings, parseWindowsPluginStatus } from './windows/plugin-files';
import { parseExtensionLog } from './vmsnapshot/extension-log';
import { parseShellLog } from './vmsnapshot/shell-log';
import { parseStatusFile } from './vmsnapshot/status';
import { parseProbesJson } from './ssh/probes-json';
import { parseCollectionManifest } from './ssh/collection-manifest';
import { parseWindowsPluginLog } from './windows/sniff';
import { parseWindowsEventExport } from './windows/event-export';
import { parseVssadmin } from './windows/vssadmin';
import { parseAgentInstallerLog } from './windows/installer';

/**
 * Which parser reads which file kind. One line per kind; the kinds themselves, and where each lives and how it is
 * recognised, are the format declarations in src/shared/formats (test/formats checks that every declared log has
 * a parser here). A kind without a parser is listed in the bundle but not read (history zips are unpacked by
 * ingest, markers matter by existing).
 */
export const PARSERS: Partial<Record<FileKind, Parser>> = {
  // agent logs (parse/waagent/)
  'waagent-log': parseWaagentLog,
  'command-execution-log': parseCommandExecutionLog,
  // Backup extension logs (parse/vmsnapshot/)
  'vmsnapshot-extension-log': parseExtensionLog,
  'vmsnapshot-shell-log': parseShellLog,
  'extension-status': parseStatusFile,
  // agent state and configuration (parse/state/)
  'goal-state-xml': parseGoalStateDoc,
  'hosting-environment-xml': parseGoalStateDoc,
  'shared-config-xml': parseGoalStateDoc,
  'extensions-config-xml': parseExtensionsConfig,
  'ovf-env-xml': parseOvfEnv,
  'vm-settings-json': parseVmSettings,
  'waagent-status-json': parseWaagentStatus,
  'agent-error-json': parseAgentError,
  incarnation: parseIncarnation,
  'disable-agent-marker': parseDisableAgent,
  'handler-state': parseHandlerState,
  'handler-status': parseHandlerStatus,
  'handler-environment': parseHandlerEnvironment,
  'extension-settings': parseExtensionSettings,
  'extension-mrseq': parseMrseq,
  'extension-heartbeat': parseHeartbeat,
  'waagent-conf': parseWaagentConf,
  // system files (parse/system/)
  syslog: parseSyslog,
  dmesg: parseSyslog,
  'serial-console': parseSyslog,
  'service-output': parseSyslog,
  'extension-log': parseHandlerLog,
  'logcollector-results': parseLogcollectorResults,
  'os-release': parseOsRelease,
  hostname: parseHostname,
  'vmbackup-conf': parseVmBackupConf,
  'vmsnapshot-plugin-config': parsePluginConfig,
  'dhcp-lease': parseDhcpLease,
  // Windows guest (parse/windows/)
  'windows-agent-log': parseWaAppAgent,
  'windows-plugin-status': parseWindowsPluginStatus,
  'windows-plugin-settings': parseWindowsPluginSettings,
  'windows-plugin-log': parseWindowsPluginLog,
  'windows-event-export': parseWindowsEventExport,
  'windows-vss-writers': parseVssadmin,
  'windows-installer-log': parseAgentInstallerLog,
  // the platform's view of the VM (parse/state/)
  'instance-view-json': parseInstanceView,
  'instance-metadata-json': parseInstanceMetadata,
  // our own SSH collection (parse/ssh/)
  'probes-json': parseProbesJson,
  'collection-manifest': parseCollectionManifest,
};

export function parserFor(kind: FileKind): Parser | undefined {
  return PARSERS[kind];
}
