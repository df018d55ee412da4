import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ofKind, parse } from './helpers';

/** Versions, handler failures and certificate failures across the agent's eras, on lines posted in public threads. */
describe('waagent.log across agent eras', () => {
  it('the single-file 2.0.x agent is its own goal-state agent; 2.2+ daemons are not', async () => {
    const p = await parse(
      [
        // https://github.com/microsoft/lisa/blob/main/lisa/sut_orchestrator/azure/platform_.py
        '2021/04/19 13:16:28 Windows Azure Linux Agent Version: WALinuxAgent-2.0.14',
        // the 2.2.45 daemon line of the catalogue's own samples
        '2021/03/30 19:35:35.971742 INFO Daemon Azure Linux Agent Version:2.2.45',
        '',
      ].join('\n'),
    );
    const v = ofKind(p.facts, 'agent-version').map((f) => [f.role, f.version]);
    expect(v).toEqual([
      ['daemon', '2.0.14'],
      ['goal-state-agent', '2.0.14'],
      ['daemon', '2.2.45'],
    ]);
  });

  it('an op=ExtensionProcessing event names the dependency that failed (it blocks the rest of the goal state)', async () => {
    // https://github.com/Azure/WALinuxAgent/blob/master/tests_e2e/tests/lib/agent_log.py
    const p = await parse(
      '2023-10-31T17:48:13.349214Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.Extensions.CustomScript, op=ExtensionProcessing, message=Dependent Extension Microsoft.Azure.Extensions.CustomScript did not succeed. Status was error, duration=0\n',
    );
    expect(ofKind(p.facts, 'extension-operation')).toEqual([expect.objectContaining({ handler: 'Microsoft.Azure.Extensions.CustomScript', op: 'enable', outcome: 'failed' })]);
  });

  it('a handler error logged by the per-extension logger (2.2.x) is a failed operation of that handler', async () => {
    // https://github.com/Azure/custom-script-extension-linux/issues/139
    const p = await parse(['2018/07/23 02:21:26.114648 INFO [Microsoft.Azure.Extensions.CustomScript-2.0.6] Enable extension [bin/custom-script-shim enable]', '2018/07/23 02:26:26.444870 WARNING [Microsoft.Azure.Extensions.CustomScript-2.0.6] [ExtensionError] Timeout(300): bin/custom-script-shim enable', '[stdout]', ''].join('\n'));
    const ops = ofKind(p.facts, 'extension-operation');
    expect(ops.map((o) => [o.op, o.outcome, o.durationMs])).toEqual([
      ['enable', 'started', undefined],
      ['enable', 'timed-out', 300_000],
    ]);
  });

  it('an openssl failure yields a certificate problem naming the command; other failed commands do not', async () => {
    const p = await parse(
      [
        // https://github.com/Azure/WALinuxAgent/issues/760
        "2017/06/22 06:59:00.412282 ERROR Command: '/usr/bin/openssl cms -decrypt -in /var/lib/waagent/Certificates.p7m -inkey /var/lib/waagent/TransportPrivate.pem -recip /var/lib/waagent/TransportCert.pem | /usr/bin/openssl pkcs12 -nodes -password pass: -out /var/lib/waagent/Certificates.pem'",
        '2017/06/22 06:59:00.412560 ERROR Return code: 1',
        '',
      ].join('\n'),
    );
    const c = ofKind(p.facts, 'certificate-problem');
    expect(c).toHaveLength(1);
    expect(c[0].detail).toMatch(/^openssl failed: \/usr\/bin\/openssl cms -decrypt -in \/var\/lib\/waagent\/Certificates\.p7m/);
    const q = await parse("2017/06/22 06:59:00.412282 ERROR Command: '/sbin/iptables -w -t security -D OUTPUT -d 168.63.129.16 -p tcp -j DROP'\n");
    expect(ofKind(q.facts, 'certificate-problem')).toEqual([]);
  });
});

describe('waagent.log: lines the real-case suite showed (test/cases)', () => {
  const read = (c: string, f = 'waagent.log') => readFileSync(join('test', 'cases', c, 'files', f), 'utf8');

  it('an excerpt that starts inside a handler traceback: the handler whose code raised failed', async () => {
    // https://github.com/Azure/azure-linux-extensions/issues/2172
    const p = await parse(read('ext-2172-ubuntu2604-no-module-crypt'));
    expect(ofKind(p.facts, 'extension-operation')).toEqual([
      expect.objectContaining({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', version: '1.0.9225.0', outcome: 'failed' }),
    ]);
  });

  it('a handler error reported with op=None is a failed enable of that handler', async () => {
    // https://github.com/Azure/WALinuxAgent/issues/1059
    const p = await parse('2018/03/05 14:31:57.747218 ERROR Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=None, message=[ExtensionError] Downgrade not allowed, duration=0\n');
    expect(ofKind(p.facts, 'extension-operation')).toEqual([expect.objectContaining({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', op: 'enable', outcome: 'failed' })]);
  });

  it('a successful command whose stderr holds a traceback is not a failure', async () => {
    // the 2.3+ `Command:` record carries stderr even on success (format of the catalogue's own sample line)
    const p = await parse(
      [
        '2026-11-15T22:00:14.000000Z INFO ExtHandler [Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0] Command: main/handle.sh enable',
        '[stderr]',
        'Traceback (most recent call last):',
        '  File "/var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9225.0/main/Utils/WAAgentUtil.py", line 66, in <module>',
        '',
      ].join('\n'),
    );
    expect(ofKind(p.facts, 'extension-operation').map((o) => o.outcome)).toEqual(['succeeded']);
  });

  it("a traceback frame in the agent's egg gives the goal-state agent's version", async () => {
    // https://github.com/Azure/WALinuxAgent/issues/2619
    const p = await parse(
      [
        '2022-06-01T08:43:44.515760Z WARNING ExtHandler ExtHandler [PERIODIC] Attempts to retrieve VM size information from IMDS are failing: [HttpError] IMDS error in /metadata/instance/compute: [HTTP Failed] [404: Not Found] { "error": "Not found" }',
        'Traceback (most recent call last):',
        '  File "bin/WALinuxAgent-2.8.0.6-py2.7.egg/azurelinuxagent/ga/update.py", line 455, in _get_vm_size',
        '    imds_info = imds_client.get_compute()',
        '',
      ].join('\n'),
    );
    expect(ofKind(p.facts, 'agent-version')).toEqual([expect.objectContaining({ role: 'goal-state-agent', version: '2.8.0.6' })]);
    expect(ofKind(p.facts, 'agent-version')[0].at.line).toBe(3);
  });

  it('an excerpt whose first line is an exception text still yields its WireServer failure', async () => {
    // https://github.com/Azure/WALinuxAgent/issues/3492 (the line as posted)
    const p = await parse(read('waagent-3492-iptables-drop-wireserver'));
    expect(ofKind(p.facts, 'connectivity')).toEqual([expect.objectContaining({ endpoint: 'wireserver', ok: false, detail: '[HTTP Failed] GET http://168.63.129.16/machine/ -- IOError timed out -- 6 attempts made' })]);
  });
});
