import type { FactOf } from '../../../shared';
import { PASSING_WITHIN_MS } from '../benign';
import { cite, fieldTest } from '../facts-index';
import { seriesEnd } from '../recovery';
import { agentLogIn, guestOs, hasAgentLog, latestOf, notEvaluable, type Rule, type RuleContext } from '../types';
import { msg } from '../../../shared/i18n/analysis';

/**
 * dhcp-disabled: DHCP is off or its answer lacks option 245, so the agent cannot find the fabric
 * endpoint (docs/formats.md "DHCP leases").
 *
 * Detected high when the agent gave up finding the protocol endpoint (`Protocol endpoint not found`,
 * `No protocol found`) or the `dhcp-245` SSH probe failed and no goal state was processed afterwards;
 * medium when DHCP failures (request failed, no response, lease without 245, client not running, no
 * route to 168.63.129.16) are followed by no goal-state processing (the client-not-running notice alone: a possible
 * cause only, NOTICE_ONLY). When the agent still got goal
 * states afterwards (modern agents fall back to the well-known 168.63.129.16), DHCP is not what broke
 * the backup: ruled out (medium), with the DHCP lines in the reason's evidence. A `Protocol endpoint not found`
 * for MetadataProtocol, or for anything but DHCP after the agent named 168.63.129.16 alone, is not DHCP's (notDhcpsDoing).
 */

const BAD = new Set(['dhcp-request-failed', 'dhcp-no-response', 'lease-without-245', 'dhcp-client-not-running', 'no-route', 'protocol-not-found', 'dhcp-not-available']);

const WIRESERVER = '168.63.129.16';
/** A call to WireServer that failed, as restutil and wire.py word it inside the wrapped error (2.2.x to 2.11). */
const CALL_FAILED = /\[HTTP Failed\]|Wireserver Exception|HTTP GET failed|timed out|Exceeded max retry/i;
/**
 * A file of the agent's own that it could not read or write (wire.py `fetch_cache`/`save_cache` and metadata.py,
 * 2.2.x: `[000008] <path> is missing.`, `Failed to read cache: …`, `Failed to write cache: …`): the guest's disk,
 * not DHCP (WALinuxAgent #1402: `/var/lib/waagent/TransportCert.pem is missing.` after openssl failed to create it).
 */
const LOCAL_FILE = /\] \/[^\s\]]+ is missing\.|Failed to (?:read|write) cache/;

/**
 * A line cut inside its error: a bracket opened and never closed (the agent closes each it opens, `[000008]`,
 * `[ProtocolError]`; a paste wrapped at 80 columns leaves `Protocol endpoint not found: WireProtocol, [0000`): what
 * failed is on a line the record no longer holds.
 */
const cut = (detail: string): boolean => detail.lastIndexOf('[') > detail.lastIndexOf(']');

/**
 * `Protocol endpoint not found: [<Protocol>, ]<error>` wraps whatever stopped protocol detection (util.py
 * `_detect_protocol`, 2.2.x to 2.11). These say nothing about DHCP:
 * - MetadataProtocol (agents up to 2.2.52): it is tried only after WireProtocol failed in the same round, and
 *   169.254.169.254 answered it 400/404 in the real cases (WALinuxAgent #680, #968);
 * - any error without a DHCP reason when the only endpoint the agent named in the logs is 168.63.129.16.
 *   WireProtocol logs `Wire server endpoint:<ip>` before it calls (wire.py, every version), so discovery worked and
 *   what failed came after it: a call that got no answer (a network cause: WALinuxAgent #968, a second NIC's routing,
 *   'No route to host'), a file of the agent's own (LOCAL_FILE), or a line that no longer says (`Protocol endpoint not
 *   found: Wire`, the last line of a copy cut off mid-record; a paste wrapped inside the error);
 * - where the logs name no endpoint at all (an excerpt of the errors alone, `grep -i error`, lost the line the agent
 *   wrote before the call), a failed call or a line cut inside its error: which address failed is not in the logs,
 *   and DHCP is only one way it could have; and a file of the agent's own (LOCAL_FILE) anywhere.
 * Another endpoint anywhere in the logs (#680: the lease's DNS servers taken as WireServer) or a DHCP reason keeps
 * the line DHCP's. The test is on the bundle, not on a file's order, so a log split over files or handed in twice
 * reads the same. Returns the positions (file and line) of the lines that are not DHCP's.
 */
function notDhcpsDoing(ctx: RuleContext): Set<string> {
  const { facts } = ctx;
  const out = new Set<string>();
  const notFound = facts.where('endpoint-discovery', (d) => d.event === 'protocol-not-found');
  if (!notFound.length) return out;
  const named = facts.where('endpoint-discovery', (d) => (d.event === 'wireserver-endpoint' || d.event === 'lease-found' || d.event === 'hardcoded-endpoint') && !!d.endpoint);
  const onlyWireServer = named.length > 0 && named.every((d) => d.endpoint === WIRESERVER);
  for (const d of notFound) {
    const metadata = /^Protocol endpoint not found: MetadataProtocol\b/.test(d.detail);
    const dhcp = /dhcp/i.test(d.detail);
    const afterDiscovery = onlyWireServer && !dhcp;
    const unplaced = !named.length && !dhcp && (CALL_FAILED.test(d.detail) || cut(d.detail));
    if (metadata || afterDiscovery || unplaced || LOCAL_FILE.test(d.detail)) out.add(`${facts.fileOf(d)}\u0000${facts.lineOf(d)}`);
  }
  return out;
}

/**
 * The agent's "Dhcp client is not running." says only that it found no dhclient process (its EnvHandler looks for that
 * one client): distros that use systemd-networkd or NetworkManager's internal client log it while DHCP works
 * (WALinuxAgent #1670). It says nothing failed; alone, DHCP is a possible cause only (RuleOutcome.possibleOnly).
 */
const NOTICE_ONLY = 'dhcp-client-not-running';

/** A goal state the agent got from WireServer (a test of the fact's fields, made once: FactIndex.selectBy). */
const GS_PROCESSED = fieldTest('goal-state', (g) => g.event === 'processing-completed' || g.event === 'fetched' || g.event === 'processing-started');

function evaluate(ctx: RuleContext) {
  const { facts } = ctx;
  const probes = facts.of('probe').filter((p) => p.probe === 'dhcp-245');
  const notDhcp = notDhcpsDoing(ctx);
  const isBad = (d: FactOf<'endpoint-discovery'>) => BAD.has(d.event) && !(d.event === 'protocol-not-found' && notDhcp.has(`${facts.fileOf(d)}\u0000${facts.lineOf(d)}`));
  // (series: positions and times, each fact built for its test and let go; only the cited ones are kept)
  const bad = facts.select('endpoint-discovery', isBad);
  const badProbe = probes.filter((p) => p.ok === false);
  const processed = facts.selectBy(GS_PROCESSED);
  if (!hasAgentLog(ctx) && !probes.length && !facts.has('endpoint-discovery'))
    return notEvaluable(msg('dhcp-disabled.no-log', { os: guestOs(ctx) }));
  if (bad.length || badProbe.length) {
    // when the problems ended: at the earliest at their last timed line (`since`), at the latest with each untimed
    // line bounded by its file's next timed record (`until`: recovery.ts failureEnd; NaN when a line has no bound)
    const probeLast = latestOf(badProbe.map((b) => b.timeMs).filter(Number.isFinite));
    const since = Math.max(bad.timed ? bad.time(bad.timed - 1) : -Infinity, probeLast);
    const until = Math.max(seriesEnd(ctx, bad), probeLast);
    // the processed goal states after the problems: after their latest end when it is known, else after their timed
    // lines (all of them when no problem has a time)
    const lastBad = Number.isFinite(until) ? until : since;
    const after = Number.isFinite(lastBad) ? processed.after(lastBad) : 0;
    const evidence = [...badProbe.map((p) => p.at), ...cite(bad, Math.max(0, bad.length - 4), bad.length)];
    // goal states processed after the problems rule DHCP out when they came at once (the agent found its endpoint, or
    // fell back to 168.63.129.16) or before the failed task started (delivery worked for it); after an outage of
    // longer, the backup may have failed in it: the problem stays found, and whether the agent recovered from it for
    // hours is the engine's to weigh (recovery.ts), as for a network failure
    const none = after >= (Number.isFinite(lastBad) ? processed.timed : processed.length);
    const firstOk = none ? NaN : processed.time(after);
    const laterAt = none ? undefined : processed.get(after).at.time;
    const taskStart = Date.parse(ctx.lastFailedTask?.start ?? ctx.lastFailedTask?.requestedStart ?? '');
    // (at once: within PASSING_WITHIN_MS of the problems' earliest end, so an untimed line's bound never makes it so)
    if (none || (firstOk - since > PASSING_WITHIN_MS && !(firstOk <= taskStart))) {
      const gaveUp = facts.select('endpoint-discovery', (d) => d.event === 'protocol-not-found' && isBad(d)).length > 0 || badProbe.length > 0;
      const noticeOnly = !gaveUp && facts.select('endpoint-discovery', (d) => isBad(d) && d.event !== NOTICE_ONLY).length === 0;
      return {
        verdict: 'detected' as const,
        confidence: gaveUp ? ('high' as const) : ('medium' as const),
        // problems the agent did not give up on say DHCP only weakly: the reason says what tells it apart
        reason: gaveUp
          ? msg('dhcp-disabled.gave-up', !none && laterAt ? { later: laterAt } : {})
          : msg('sentences', { parts: [msg('dhcp-disabled.problems', !none && laterAt ? { later: laterAt } : {}), msg(noticeOnly ? 'dhcp-disabled.notice-only' : 'dhcp-disabled.tell-apart')] }),
        evidence: none ? evidence : [...evidence, processed.get(after).at],
        strength: gaveUp ? ('strong' as const) : ('weak' as const),
        ...(noticeOnly ? { possibleOnly: true } : {}),
        // the Windows agent names the adapter that answered without the fabric address (the Npcap Loopback Adapter in
        // "Troubleshoot Azure Windows VM Agent issues"): the step that enables DHCP on the NIC and disables that adapter
        ...(facts.where('endpoint-discovery', (d) => d.note?.key === 'detail.dhcp-no-fabric-address').length ? { remedyOrder: { first: ['fabric-adapter' as const] } } : {}),
        ...(Number.isFinite(until) ? { recovery: { proof: 'wireserver' as const, lastFailureMs: until } } : {}),
      };
    }
    return {
      verdict: 'ruled-out' as const,
      confidence: 'medium' as const,
      reason: msg('dhcp-disabled.recovered'),
      evidence: [...evidence.slice(0, 2), processed.get(after).at],
    };
  }
  const found = facts.select('endpoint-discovery', (d) => d.event === 'lease-found' || d.event === 'wireserver-endpoint' || d.event === 'route-exists');
  const okProbe = probes.filter((p) => p.ok === true);
  if (found.length || okProbe.length || processed.length)
    return {
      verdict: 'ruled-out' as const,
      confidence: found.length || okProbe.length ? ('high' as const) : ('medium' as const),
      reason: msg(found.length || okProbe.length ? 'dhcp-disabled.found' : 'dhcp-disabled.processed'),
      evidence: [...okProbe.map((p) => p.at), ...cite(found, Math.max(0, found.length - 2), found.length), ...(processed.length ? [processed.get(processed.length - 1).at] : [])],
    };
  return notEvaluable(msg('dhcp-disabled.nothing', agentLogIn(ctx)));
}

export const rule: Rule = { cause: 'dhcp-disabled', evaluate };
