// A Backup extension log that ends inside the freeze reads as a VM or extension that hung frozen (fsfreeze-failed,
// extension-stuck). A clean shutdown or reboot the system log shows right after says the VM may have gone down in the
// middle of the backup instead (stopped, restarted, hibernated): analyze/engine.ts caps those findings at low.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../src/shared';
import { cutAfterLine, type Files, type Perturbation } from '../../accuracy/perturb';
import { caseAnalyser } from './changed-case';

const changed = caseAnalyser('vmbd-went-down-');
const detected = (r: AnalysisResult) => r.findings.filter((f) => f.verdict === 'detected').map((f) => `${f.cause} ${f.confidence}`);

/** waagent-525's extension.log cut after "proceeded for accepting signals" (line 3, 2016-12-10 01:11:00): the log ends inside the freeze. */
const endsInFreeze = cutAfterLine('extension.log', 3);

/**
 * The system log's line `line` (the parser test's systemd samples, test/parse/state/system-files.test.ts) at `at`,
 * as var/log/messages in RFC 3339 (UTC), beside the cut log.
 */
const withSystemLine =
  (line: string, at: string): Perturbation =>
  (files) => {
    const cut = endsInFreeze(files);
    return cut && ([...cut, ['var/log/messages', `${at} vm-backup-demo-01 ${line}\n`]] as Files);
  };

describe('a frozen hang followed by the VM going down', () => {
  it('as it is: the log ends inside the freeze, read as a hang', async () => {
    const r = await changed('waagent-525-fifreeze-new-volume', endsInFreeze);
    expect(r.snapshots[0]).toMatchObject({ result: 'unfinished', code: 4 });
    expect(detected(r)).toEqual(['fsfreeze-failed high', 'extension-stuck medium']);
  });

  it('a clean shutdown two minutes after its last line → the hang only possible: both low, the shutdown cited and said', async () => {
    const r = await changed('waagent-525-fifreeze-new-volume', withSystemLine('systemd[1]: Reached target Shutdown.', '2016-12-10T01:13:00.000000+00:00'));
    expect(detected(r)).toEqual(['fsfreeze-failed low', 'extension-stuck low']);
    const f = r.findings.find((x) => x.cause === 'fsfreeze-failed')!;
    expect(f.evidence.some((e) => e.text.includes('Reached target Shutdown'))).toBe(true);
    expect(f.reason).toMatch(/shutting down or rebooting 2 minutes after the extension's last line \(2016-12-10 01:13:00Z\).*hibernated/);
    expect(f.reasonNl).toMatch(/2 minuten na de laatste regel van de extensie/);
  });

  it('a clean reboot the same way → both low', async () => {
    const r = await changed('waagent-525-fifreeze-new-volume', withSystemLine('systemd[1]: Reached target Reboot.', '2016-12-10T01:11:30.000000+00:00'));
    expect(detected(r)).toEqual(['fsfreeze-failed low', 'extension-stuck low']);
  });

  it('only a boot after it (a hung VM forced off logs no shutdown), or a shutdown hours later → the hang stands', async () => {
    const boot = await changed('waagent-525-fifreeze-new-volume', withSystemLine('kernel: [    0.000000] Linux version 5.15.0-1089-azure (buildd@lcy02-amd64-032)', '2016-12-10T01:12:00.000000+00:00'));
    expect(detected(boot)).toEqual(['fsfreeze-failed high', 'extension-stuck medium']);
    const late = await changed('waagent-525-fifreeze-new-volume', withSystemLine('systemd[1]: Reached target Shutdown.', '2016-12-10T03:11:00.000000+00:00'));
    expect(detected(late)).toEqual(['fsfreeze-failed high', 'extension-stuck medium']);
  });
});
