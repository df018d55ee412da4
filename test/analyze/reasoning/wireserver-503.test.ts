import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { analyzeFiles } from '../snapshot/helpers';
import { CASES_DIR } from '../../accuracy/score';

/**
 * 503 Service Unavailable from 168.63.129.16: the maintainers read it as WireServer access blocked (WALinuxAgent
 * #797), Microsoft documents the Windows agent's GetVersions 503 the same way; yet the agent retries 503 as throttling
 * (restutil THROTTLE_CODES, #361 / PR #405), so 503s alone stay at medium. Every agent era words it differently.
 */

const wire = (r: AnalysisResult) => r.findings.find((f) => f.cause === 'no-network-wireserver')!;

// Agent 2.2.14 (WALinuxAgent #797, test/cases/waagent-797-wireserver-503-blocked): call_wireserver's own retries
const OLD = [
  '2017/07/07 11:53:52.216335 WARNING Service temporarily unavailable, sleeping 15s before retrying.',
  '2017/07/07 11:54:07.262152 WARNING Service temporarily unavailable, sleeping 15s before retrying.',
  '2017/07/07 11:54:22.286407 WARNING Service temporarily unavailable, sleeping 15s before retrying.',
  '2017/07/07 11:54:32.177335 WARNING Service temporarily unavailable, sleeping 15s before retrying.',
  '2017/07/07 11:54:37.306205 WARNING Exception retrieving extension handlers: [000008] Calling wire server failed: 503',
].join('\n');

// Current agents: update.py `Error fetching the goal state: {0}` around call_wireserver's `[Wireserver Exception]` and
// restutil's exhausted retries `[HTTP Retry] GET {url} -- Status Code 503` ... `-- {n} attempts made` (rendered from
// azurelinuxagent/common/protocol/wire.py and common/utils/restutil.py)
const fetchError = (t: string) =>
  `${t} ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Retry] GET http://168.63.129.16/machine/?comp=goalstate -- Status Code 503 -- 6 attempts made`;

describe('no-network-wireserver on WireServer 503 answers', () => {
  it('agent 2.2.14: the retries and the final "Calling wire server failed: 503" are WireServer failures', async () => {
    const f = wire(await analyzeFiles({ 'waagent.log': OLD }));
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(f.evidence.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    // 503s are answers: the finding names them and the host as a cause as likely as a blocked path
    expect(f.reason).toMatch(/^5 HTTP 503 answers from 168\.63\.129\.16.*busy or restarting host/);
  });

  it('agent 2.0.x: "HTTP Err: Status=503" of its HttpRequest retries is the same answer as the modern "Status Code 503"', async () => {
    // WALinuxAgent #95 (WALinuxAgent-2.0.14 on CentOS, 2015-11-04), the lines of one failed try as posted
    const v20 = [
      '2015/11/04 19:26:19 ERROR:Retry=0',
      '2015/11/04 19:26:19 ERROR:HTTP Req: POST /machine?comp=health',
      "2015/11/04 19:26:19 ERROR:HTTP Req: Header={'Content-Type': 'text/xml; charset=utf-8', 'x-ms-version': '2012-11-30', 'x-ms-agent-name': 'WALinuxAgent'}",
      '2015/11/04 19:26:19 ERROR:HTTP Err: Status=503',
      '2015/11/04 19:26:19 ERROR:HTTP Err: Reason=Service Unavailable',
    ].join('\n');
    const f = wire(await analyzeFiles({ 'waagent.log': v20 }));
    expect(f.verdict).toBe('detected');
    expect(f.evidence.map((e) => e.line)).toEqual([4]);
    expect(f.reason).toMatch(/^1 HTTP 503 answer from 168\.63\.129\.16.*busy or restarting host/);
    // one modern 503 at that time is weighed alike
    const modern = wire(await analyzeFiles({ 'waagent.log': fetchError('2015-11-04T19:26:19.000000Z') }));
    expect({ verdict: f.verdict, confidence: f.confidence, strength: f.strength }).toEqual({ verdict: modern.verdict, confidence: modern.confidence, strength: modern.strength });
  });

  it('Windows agent: a GetVersions 503 is the same answer (Microsoft Learn, "Can\'t connect to WireServer IP")', async () => {
    // test/cases/win-learn-wireserver-hostgaplugin-blocked, the 503 entry alone (without its socket-forbidden line)
    const line = '[ERROR] GetVersions() failed with exception: Microsoft.ServiceModel.Web.WebProtocolException: Server Error: Service Unavailable (ServiceUnavailable) ---> \nSystem.Net.WebException: The remote server returned an error: (503) Server Unavailable.';
    const f = wire(await analyzeFiles({ 'WaAppAgent.log': line }));
    expect(f.verdict).toBe('detected');
    expect(f.reason).toMatch(/^1 HTTP 503 answer from 168\.63\.129\.16/);
  });

  it('timeouts among them are network failures, not 503 answers (WALinuxAgent #1801: host WireServer restarting)', async () => {
    const log = [
      '2020/01/19 09:13:16.774102 ERROR ExtHandler [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] POST http://168.63.129.16/machine?comp=telemetrydata -- IOError timed out -- 6 attempts made',
      '2020/01/19 09:15:21.783005 ERROR ExtHandler ProtocolError processing goal state, giving up [[ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] GET http://168.63.129.16/machine/?comp=goalstate -- IOError timed out -- 6 attempts made]',
    ].join('\n');
    const f = wire(await analyzeFiles({ 'waagent.log': log }));
    expect(f.verdict).toBe('detected');
    expect(f.reason).toMatch(/network failures? reaching 168\.63\.129\.16/);
    expect(f.reason).not.toMatch(/503/);
  });

  it('current agents: repeated goal-state fetches ending in Status Code 503 are the same failure', async () => {
    const log = ['2023-10-31T17:48:11.306835Z', '2023-10-31T17:53:11.306835Z', '2023-10-31T17:58:11.306835Z'].map(fetchError).join('\n');
    expect(wire(await analyzeFiles({ 'waagent.log': log }))).toMatchObject({ verdict: 'detected', confidence: 'medium' });
  });

  it('one 503 that recovered is no more than a low-confidence hint', async () => {
    const log = [fetchError('2023-10-27T08:36:19.318851Z'), '2023-10-27T08:36:49.318851Z INFO ExtHandler ExtHandler Fetching the goal state recovered from previous errors. Fetched etag_13848932411473871259 '].join('\n');
    const f = wire(await analyzeFiles({ 'waagent.log': log }));
    expect(f.verdict === 'detected' ? f.confidence : 'none').not.toMatch(/high|medium/);
  });

  it('other answers still mean the endpoint answered (410 Gone)', async () => {
    const gone = '2023-10-31T17:48:11.306835Z ERROR ExtHandler ExtHandler Error fetching the goal state: [ProtocolError] [HTTP Failed] [410: Gone] b\'<?xml version="1.0" encoding="utf-8"?>\'';
    expect(wire(await analyzeFiles({ 'waagent.log': gone })).verdict).not.toBe('detected');
  });
});

describe('the goal-state agent named by its own 2.2.x heartbeat event', () => {
  // WALinuxAgent #745: 2.2.10's monitor reports `name=CURRENT_AGENT` (azurelinuxagent/ga/monitor.py up to 2.2.17)
  const HEARTBEAT = '2017/05/26 10:13:54.141642 INFO Event: name=WALinuxAgent-2.2.10, op=HeartBeat, message=';

  it('gives the running agent version, so an excerpt without start lines still shows an unsupported agent', async () => {
    const r = await analyzeFiles({ 'waagent.log': `${HEARTBEAT}\n${OLD}` });
    expect(r.agent).toMatchObject({ goalStateAgentVersion: '2.2.10', supported: false });
  });

  it('with the sign of the retry it lacks (#745: "Host plugin channel is not available"), the old agent ranks before the network', async () => {
    // the 503 retries the old agent did not survive: its missing retry is the cause (the whole #745 excerpt: without
    // the sign in the log, a release's known problem is not counted, so 503s alone rank the network first)
    const r = await analyzeFiles({ 'waagent.log': readFileSync(join(CASES_DIR, 'waagent-745-hostplugin-init-not-retried-after-503', 'files', 'waagent.log'), 'utf8') });
    const detected = r.findings.filter((f) => f.verdict === 'detected').map((f) => f.cause);
    expect(detected.indexOf('agent-outdated')).toBe(0);
    expect(detected).toContain('no-network-wireserver');
  });

  it('an event of another component named like an extension is no agent version', async () => {
    const r = await analyzeFiles({ 'waagent.log': '2017/05/26 10:35:51.932637 ERROR Event: name=WALinuxAgent, op=InitializeHostPlugin, message=' });
    expect(r.agent.goalStateAgentVersion).toBeUndefined();
  });
});

describe('a curl check to the WireServer pasted with the logs', () => {
  // test/cases/jpaztech-notready-guest-firewall-drops-wireserver (Microsoft Japan support: a guest firewall DROP rule)
  const WAAGENT = [
    '2022-08-11T07:27:33.509406Z ERROR SendTelemetryHandler ExtHandler Event: name=WALinuxAgent, op=ReportEventErrors, message=DroppedEventsCount: 1',
    'Reasons (first 5 errors): [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] POST http://168.63.129.16/machine -- IOError timed out -- 6 attempts made: Traceback (most recent call last):',
  ].join('\n');
  const CURL = '[root@rhel86 ~]# curl http://168.63.129.16/?comp=versions\ncurl: (7) Failed to connect to 168.63.129.16 port 80: Connection timed out\n';

  it('one logged failure alone is a hint; with the failed curl from the VM it is the check already run', async () => {
    const alone = wire(await analyzeFiles({ 'waagent.log': WAAGENT }));
    expect(alone).toMatchObject({ verdict: 'detected', confidence: 'low' });
    const both = wire(await analyzeFiles({ 'waagent.log': WAAGENT, 'terminal-output.txt': CURL }));
    expect(both).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(both.evidence.map((e) => e.file)).toContain('commands/terminal-output.txt');
  });
});
