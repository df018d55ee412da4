import type { FileKind } from '../../shared';
import { parseGenericLog } from './generic-log';
import { parseCommandExecutionLog, parseWaagentLog } from './waagent';
import type { Parser } from './types';

/**
 * Which parser reads which file kind. One line per kind; a kind without a parser is listed in the
 * bundle but not read (history zips are unpacked by ingest, markers matter by existing).
 */
export const PARSERS: Partial<Record<FileKind, Parser>> = {
  // agent logs (parse/waagent/)
  'waagent-log': parseWaagentLog,
  'command-execution-log': parseCommandExecutionLog,
  // Backup extension logs (parse/vmsnapshot/)
  'vmsnapshot-extension-log': parseGenericLog,
  'vmsnapshot-shell-log': parseGenericLog,
  // agent state and configuration (parse/state/)
  // system files (parse/system/)
  syslog: parseGenericLog,
  dmesg: parseGenericLog,
  'extension-log': parseGenericLog,
  'logcollector-results': parseGenericLog,
  // Windows guest (parse/windows/)
  'windows-agent-log': parseGenericLog,
  'windows-plugin-log': parseGenericLog,
};

export function parserFor(kind: FileKind): Parser | undefined {
  return PARSERS[kind];
}
