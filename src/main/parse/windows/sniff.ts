import type { Parser } from '../types';
import { eventExportShape, parseWindowsEventExport } from './event-export';
import { parseIaaSBcdrLog } from './iaasbcdr';
import { looksLikeAgentInstaller, parseAgentInstallerLog } from './installer';
import { looksLikeVssadmin, parseVssadmin } from './vssadmin';
import { parseWaAppAgent } from './waappagent';
import { parseWindowsExtensionLog } from './extension-catalogue';

/**
 * Which Windows guest format a file is, from its name and its first KB (docs/formats.md, "Windows
 * guest"). Used for the extension logs under C:\WindowsAzure\Logs\Plugins (the Backup extension's
 * IaaSBcdrExtension.log among other handlers' logs); files ingest could not place are told apart by
 * the sniffer's declarations (src/shared/formats).
 */
export type WindowsFormat = 'agent-log' | 'vmsnapshot-log' | 'event-export' | 'vss-writers' | 'agent-installer';

const AGENT_NAME = /(?:^|\/)(?:WaAppAgent|TransparentInstaller|Telemetry|AppAgentRuntime)[^/]*\.(?:log|txt)$/i;
const AGENT_LINE = /^(?:\[\d{8}\] (?:\[\d{1,2}\/\d{1,2}\/\d{4} \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})[^\]\n]{0,12}\]? ?\[(?:INFO|WARN|ERROR|HEART|TRACE)\])/m;
const BCDR_NAME = /(?:^|\/)IaaSBcdrExtension[^/]*\.(?:log|txt)$/i;
const BCDR_LINE = /^(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z\s+)?\[(?:Information|Error|Warning)\]:\s/m;

export function windowsFormatOf(vmPath: string, head: string): WindowsFormat | null {
  if (BCDR_NAME.test(vmPath) || BCDR_LINE.test(head)) return 'vmsnapshot-log';
  if (AGENT_LINE.test(head)) return 'agent-log';
  if (eventExportShape(head)) return 'event-export';
  if (looksLikeVssadmin(head)) return 'vss-writers';
  if (looksLikeAgentInstaller(head)) return 'agent-installer';
  if (AGENT_NAME.test(vmPath)) return 'agent-log';
  return null;
}

const PARSER: Record<WindowsFormat, Parser> = {
  'agent-log': parseWaAppAgent,
  'vmsnapshot-log': parseIaaSBcdrLog,
  'event-export': parseWindowsEventExport,
  'vss-writers': parseVssadmin,
  'agent-installer': parseAgentInstallerLog,
};

async function headOf(input: Parameters<Parser>[0]): Promise<string> {
  const buf = await input.content.read(0, Math.min(input.content.size, 4096));
  return buf.toString('utf8');
}

/** C:\WindowsAzure\Logs\Plugins\<Handler>\<Version>\*.log: the Backup extension's log or another handler's. */
export const parseWindowsPluginLog: Parser = async (input, sink) => {
  const f = windowsFormatOf(input.file.vmPath, await headOf(input));
  return (f ? PARSER[f] : parseWindowsExtensionLog)(input, sink);
};

