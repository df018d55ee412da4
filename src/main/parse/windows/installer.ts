import type { LogLevel, TimeZoneKnowledge } from '../../../shared';
import { forEachLine } from '../lines';
import { evidenceText } from '../../../shared/clip';
import { evidence } from '../state/common';
import type { Parser } from '../types';
import { looksLikeAgentInstaller } from '../../../shared/formats/windows-sniff';
import { factDetail, msg } from '../../../shared/i18n/analysis';
import { VMSNAP_WINDOWS } from '../../../shared/model/handler';

export { looksLikeAgentInstaller };

/**
 * The Windows agent's installer logs (docs/formats.md, "Windows guest agent"): the MSI log written with
 * `msiexec /L*v C:\Windows\Panther\msiexec.log` and C:\Windows\Panther\VmAgentInstaller.xml, one
 *   <Event time="2019-12-12T12:49:05.163Z" category="ERROR" source="GuestAgent">…<Message>…</Message>…</Event>
 * per line. An MSI error for the agent product or an ERROR event means the agent did not get installed
 * (Microsoft: broken WMI makes the installer fail to register the RdAgent service) → windows-agent-issue
 * install-failed. MSI lines carry only a time of day, so they have no time here. The same MSI error text for the
 * Visual C++ runtime of the Backup extension (vcredist2013_x64) fails that extension's install.
 */
export const INSTALLER_SOURCE = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent';

const MSI_PRODUCT_ERROR = /Product: (Windows Azure VM Agent(?: - [\d.]+)?) -- (Error \d+\..{0,300})/;
/**
 * The Visual C++ runtime the Windows Backup extension installs (vcredist2013_x64 from its package folder) failing:
 * Microsoft's ExtensionVCRedistInstallationFailure names this MsiInstaller text as the event-log sign.
 */
const MSI_VCREDIST_ERROR = /Product: (Microsoft Visual C\+\+ 20\d\d x64 (?:Minimum|Additional) Runtime - [\d.]+) -- (Error \d+\..{0,300})/;
export const VCREDIST_SOURCE = 'https://learn.microsoft.com/azure/backup/backup-azure-vms-troubleshoot';
const XML_EVENT = /Event time="(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z)" category="(\w{1,20})" source="([^"]{0,60})">/;
const XML_MESSAGE = /<Message>([^<]{1,300})<\/Message>/;

export const parseAgentInstallerLog: Parser = async ({ file, content, signal }, sink) => {
  let issues = 0;
  await forEachLine(
    content,
    (buf, start, end, lineNo, offset, byteLength) => {
      const text = buf.toString('utf8', start, Math.min(end, start + 4000));
      let timeMs = NaN;
      let zone: TimeZoneKnowledge = 'none';
      let level: LogLevel = 'unknown';
      let failure: string | undefined;
      // The failure as the log writes it, which a Dutch sentence quotes (the English detail reorders it).
      let said: string | undefined;
      const ev = XML_EVENT.exec(text);
      if (ev) {
        timeMs = Date.parse(ev[1]);
        zone = 'utc';
        level = ev[2] === 'ERROR' ? 'error' : ev[2] === 'INFO' ? 'info' : 'warning';
        if (ev[2] === 'ERROR') failure = XML_MESSAGE.exec(text)?.[1] ?? text.slice(ev.index + ev[0].length, ev.index + ev[0].length + 200).replace(/<[^>]{0,200}>/g, ' ').trim();
      } else {
        const msi = MSI_PRODUCT_ERROR.exec(text);
        if (msi) {
          level = 'error';
          failure = `${msi[1]}: ${msi[2]}`;
          said = msi[0];
        }
        const vc = msi ? null : MSI_VCREDIST_ERROR.exec(text);
        if (vc) {
          level = 'error';
          sink.fact({ kind: 'extension-operation', at: evidence(file.vmPath, lineNo, text), timeMs: NaN, handler: VMSNAP_WINDOWS, op: 'install', outcome: 'failed', ...factDetail(msg('detail.vcredist-failed', { product: vc[1], error: evidenceText(vc[2], 240), line: evidenceText(vc[0], 300) }), (en) => evidenceText(en, 300)) });
        }
      }
      sink.record({ line: lineNo, lineCount: 1, offset, length: byteLength, timeMs, zone, level, source: 'installer' });
      if (failure && issues++ < 1000) {
        sink.fact({ kind: 'windows-agent-issue', at: evidence(file.vmPath, lineNo, text, timeMs, zone), timeMs, issue: 'install-failed', ...factDetail(msg('detail.windows-install-failed', { failure: evidenceText(failure, 260), line: evidenceText(said ?? failure, 300) }), (en) => evidenceText(en, 300)) });
      }
    },
    signal,
  );
};
