import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEventMessage, parseEvent } from '../../../src/main/parse/waagent/event';
import { ofKind, parse } from './helpers';

/** How agents 2.2.31–2.2.54 encode Install/Enable/Disable/UnInstall event messages (textutil.compress). */
const compress = (s: string) => deflateSync(Buffer.from(s, 'utf8')).toString('base64');

describe('Event: records', () => {
  it('decodes a base64+zlib message of a 2.2.x Enable event and keeps name, op and duration', async () => {
    const plain = '[ExtensionError] Non-zero exit code: 1, /var/lib/waagent/Microsoft.Azure.RecoveryServices.VMSnapshotLinux-1.0.9150.0/main/handle.sh enable';
    const encoded = compress(plain);
    expect(encoded.startsWith('eJ')).toBe(true);
    const line = `2019/11/27 22:22:48.123985 ERROR ExtHandler Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=${encoded}, duration=1234`;
    const p = await parse(`${line}\n`);
    const [ev] = ofKind(p.facts, 'agent-event');
    expect(ev).toMatchObject({ name: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', op: 'Enable', message: plain, durationMs: 1234, decoded: true });
    expect(ev.at).toMatchObject({ file: 'var/log/waagent.log', line: 1, zone: 'local', time: '2019-11-27T22:22:48.123Z' });
    expect(ev.at.text).toContain(`[decoded: ${plain}]`);
    expect(ev.at.text.length).toBeLessThanOrEqual(500);
    const [op] = ofKind(p.facts, 'extension-operation');
    expect(op).toMatchObject({ handler: 'Microsoft.Azure.RecoveryServices.VMSnapshotLinux', op: 'enable', outcome: 'failed', exitCode: 1, durationMs: 1234 });
  });

  it('an INFO event of a handler is its operation succeeding, an ERROR one failing (waagent-1268, agent 2.2.26)', async () => {
    // common/event.py _log_event: logger.error when not is_success, else logger.info (every agent since 2.2.0)
    const p = await parse(
      [
        '2018/07/19 18:13:13.490002 INFO Event: name=Microsoft.Azure.Extensions.CustomScript, op=Download, message=Download succeeded, duration=132',
        '2018/07/19 18:13:14.496545 ERROR Event: name=Microsoft.Azure.Extensions.CustomScript, op=Install, message=[ExtensionError] Non-zero exit code: 1, bin/custom-script-shim install, duration=0',
      ].join('\n'),
    );
    expect(ofKind(p.facts, 'extension-operation').map((o) => [o.op, o.outcome])).toEqual([
      ['download', 'succeeded'],
      ['install', 'failed'],
    ]);
  });

  it("the telemetry sender's dropped-events report carries its WireServer failures (jpaztech: guest firewall drops 168.63.129.16)", async () => {
    const log = [
      '2022-08-11T07:27:33.509406Z ERROR SendTelemetryHandler ExtHandler Event: name=WALinuxAgent, op=ReportEventErrors, message=DroppedEventsCount: 1',
      'Reasons (first 5 errors): [ProtocolError] [Wireserver Exception] [HttpError] [HTTP Failed] POST http://168.63.129.16/machine -- IOError timed out -- 6 attempts made: Traceback (most recent call last):',
    ].join('\n');
    const p = await parse(log);
    expect(ofKind(p.facts, 'agent-event')).toEqual([expect.objectContaining({ name: 'WALinuxAgent', op: 'ReportEventErrors' })]);
    expect(ofKind(p.facts, 'connectivity')).toEqual([
      expect.objectContaining({ endpoint: 'wireserver', ok: false, url: 'http://168.63.129.16/machine', detail: expect.stringMatching(/^\[HTTP Failed\] POST http:\/\/168\.63\.129\.16\/machine -- IOError timed out/) }),
    ]);
  });

  it('reads a multi-line 2.3+ event: [stdout]/[stderr] continuation lines and the closing duration', async () => {
    const log = [
      '2024-12-08T06:28:34.480675Z ERROR ExtHandler ExtHandler Event: name=Microsoft.GuestConfiguration.ConfigurationforLinux, op=Install, message=[ExtensionOperationError] Non-zero exit code: 126, /var/lib/waagent/Microsoft.GuestConfiguration.ConfigurationforLinux-1.26.79/bin/guest-configuration-shim install',
      '[stdout]',
      '',
      '',
      '[stderr]',
      '/bin/sh: 1: /var/lib/waagent/Microsoft.GuestConfiguration.ConfigurationforLinux-1.26.79/bin/guest-configuration-shim: Permission denied',
      'WARNING: /var is mounted with the noexec flag, which can prevent execution of VM Extensions., duration=0',
      '2024-12-08T06:28:35.000000Z INFO ExtHandler ExtHandler next',
    ].join('\n');
    const p = await parse(log);
    expect(p.records.map((r) => r.lineCount)).toEqual([7, 1]);
    const [ev] = ofKind(p.facts, 'agent-event');
    expect(ev.decoded).toBe(false);
    expect(ev.durationMs).toBe(0);
    expect(ev.message).toMatch(/^\[ExtensionOperationError\] Non-zero exit code: 126,/);
    expect(ev.message).toMatch(/noexec flag, which can prevent execution of VM Extensions\.$/);
    expect(ofKind(p.facts, 'extension-operation')[0]).toMatchObject({ op: 'install', outcome: 'failed', exitCode: 126 });
  });

  it('marks a Timeout( message as timed-out', async () => {
    const p = await parse(
      '2023-01-01T00:00:00.000001Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.RecoveryServices.VMSnapshotLinux, op=Enable, message=[ExtensionError] Timeout(300): /var/lib/waagent/x/main/handle.sh enable\n[stdout]\n\n[stderr]\n, duration=300012\n',
    );
    expect(ofKind(p.facts, 'extension-operation')[0]).toMatchObject({ outcome: 'timed-out', durationMs: 300012 });
  });

  it('leaves `<>` and non-encoded messages alone, and survives garbage that looks like base64', () => {
    expect(parseEvent('name=X, op=Enable, message=<>, duration=0')).toMatchObject({ message: '<>', decoded: false, durationMs: 0 });
    expect(parseEvent('name=X, op=Enable, message=eJabcdefgh, duration=0')).toMatchObject({ message: 'eJabcdefgh', decoded: false });
    expect(decodeEventMessage('eJ!!!notbase64')).toBeNull();
    expect(parseEvent('name=WALinuxAgent, op=ReportEventErrors, message=DroppedEventsCount: 1')).toMatchObject({ name: 'WALinuxAgent', op: 'ReportEventErrors', message: 'DroppedEventsCount: 1' });
    expect(parseEvent('garbage')).toBeNull();
    // a message for an op that was never encoded is not decoded even if it looks like base64
    const enc = compress('hello');
    expect(parseEvent(`name=X, op=Download, message=${enc}, duration=1`)).toMatchObject({ message: enc, decoded: false });
  });

  it('a disabled-extension event (2.14+) yields extensions-disabled', async () => {
    const p = await parse(
      "2025-01-15T20:45:13.359784Z ERROR ExtHandler ExtHandler Event: name=Microsoft.Azure.Extensions.CustomScript, op=ExtensionProcessing, message=Extension 'Microsoft.Azure.Extensions.CustomScript' will not be processed since extension processing is disabled. To enable extension processing, set Extensions.Enabled=y in '/etc/waagent.conf', duration=0\n",
    );
    expect(ofKind(p.facts, 'extensions-disabled')).toEqual([expect.objectContaining({ source: 'log-event' })]);
  });
});
