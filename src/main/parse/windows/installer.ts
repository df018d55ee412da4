import type { LogLevel, TimeZoneKnowledge } from '../../../shared';
import { forEachLine } from '../lines';
import { evidence } from '../state/common';
import type { Parser } from '../types';
import { looksLikeAgentInstaller } from '../../../shared/formats/windows-sniff';

export { looksLikeAgentInstaller };

/**
 * The Windows agent's installer logs (docs/formats.md, "Windows guest agent"): the MSI log written with
 * `msiexec /L*v C:\Windows\Panther\msiexec.log` and C:\Windows\Panther\VmAgentInstaller.xml, one
 *   <Event time="2019-12-12T12:49:05.163Z" category="ERROR" source="GuestAgent">…<Message>…</Message>…</Event>
 * per line. An MSI error for the agent product or an ERROR event means the agent did not get installed
 * (Microsoft: broken WMI makes the installer fail to register the RdAgent service) → windows-agent-issue
 * install-failed. MSI lines carry only a time of day, so they have no time here.
 */
export const INSTALLER_SOURCE = 'https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-azure-guest-agent';

const MSI_PRODUCT_ERROR = /Product: (Windows Azure VM Agent(?: - [\d.]+)?) -- (Error \d+\..{0,300})/;
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
        }
      }
      sink.record({ line: lineNo, lineCount: 1, offset, length: byteLength, timeMs, zone, level, source: 'installer' });
      if (failure && issues++ < 1000) {
        sink.fact({ kind: 'windows-agent-issue', at: evidence(file.vmPath, lineNo, text, timeMs, zone), timeMs, issue: 'install-failed', detail: `The Windows VM Agent installation failed: ${failure}`.slice(0, 300) });
      }
    },
    signal,
  );
};
