import type { EndpointDiscoveryFact } from '../../../shared';
import { evidence, lineText, readSmallText } from '../state/common';
import type { Parser } from '../types';
import { factDetail, msg } from '../../../shared/i18n/analysis';

/** `a8:3f:81:10` / `a83f8110` → `168.63.129.16`. */
function endpointOf(hex: string): string | undefined {
  const h = hex.replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{8}$/.test(h)) return undefined;
  return [0, 2, 4, 6].map((i) => parseInt(h.slice(i, i + 2), 16)).join('.');
}

/**
 * DHCP lease files. The agent finds WireServer through DHCP option 245 (docs/formats.md "DHCP leases"):
 * dhclient writes `option unknown-245 a8:3f:81:10;` inside each `lease { … }` block, systemd-networkd
 * `OPTION_245=a83f8110`. One fact per lease: found (with the endpoint) or without 245.
 */
export const parseDhcpLease: Parser = async ({ file, content }, sink) => {
  const text = await readSmallText(content, sink, 4 * 1024 * 1024);
  if (text === null) return;
  const lines = text.split('\n');
  const emit = (line: number, has: string | undefined, endLine: number) => {
    const endpoint = has ? endpointOf(has) : undefined;
    const fact: EndpointDiscoveryFact = has
      ? { kind: 'endpoint-discovery', at: evidence(file.vmPath, line, lineText(text, line)), timeMs: NaN, event: 'lease-found', ...factDetail(msg('detail.lease-245', endpoint ? { endpoint } : {})), ...(endpoint ? { endpoint } : {}) }
      : { kind: 'endpoint-discovery', at: evidence(file.vmPath, line, lineText(text, line)), timeMs: NaN, event: 'lease-without-245', ...factDetail(msg('detail.lease-without-245', { from: line, to: endLine })) };
    sink.fact(fact);
  };
  // systemd-networkd: one lease per file, KEY=value
  if (/^[ \t]*ADDRESS=/m.test(text) && !/lease\s*\{/.test(text)) {
    const i = lines.findIndex((l) => /^OPTION_245=|^PRIVATE_245=/.test(l.trim()));
    if (i >= 0) emit(i + 1, lines[i].trim().split('=')[1], i + 1);
    else emit(1, undefined, lines.length);
    return;
  }
  let start = 0;
  let opt: { line: number; hex: string } | null = null;
  let leases = 0;
  lines.forEach((raw, i) => {
    const t = raw.trim();
    if (/^lease\s*\{/.test(t)) {
      start = i + 1;
      opt = null;
    } else if (start && /^option\s+unknown-245\s+/.test(t)) {
      opt = { line: i + 1, hex: t.replace(/^option\s+unknown-245\s+/, '').replace(/;$/, '') };
    } else if (start && t === '}') {
      leases++;
      if (opt) emit(opt.line, opt.hex, i + 1);
      else emit(start, undefined, i + 1);
      start = 0;
      opt = null;
    }
  });
  if (start) sink.warn(msg('parse.lease-not-closed'), start);
  if (!leases && !start) sink.warn(msg('parse.no-lease'));
};
