import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { recognise } from '../../../src/shared/formats';
import { pastedFiles } from '../../../src/main/ingest/paste';
import { ofKind, parse } from './helpers';

// The agent's records as support threads quote them: without their time stamp, level and logger kept.

/** https://github.com/Azure/WALinuxAgent/issues/1390 (the report's one line, agent 2.2.31–2.2.40). */
const CGROUPS_1390 = "WARNING ExtHandler Monitor: failed to update cgroups tracked extensions: 'Cgroup hierarchy cpu not found in /proc/cgroups'";

/** https://github.com/Azure/WALinuxAgent/issues/1586 (agent 2.2.41, the report's waagent.log block; its complete lines). */
const RUNCOMMAND_1586 = [
  'INFO ExtHandler Wire server endpoint:168.63.129.16',
  'INFO ExtHandler ProcessGoalState completed [incarnation 1; 77 ms]',
  'INFO ExtHandler Found private key matching thumbprint AE68D31732067426F2BCC7C7B73BC56E4B37A91E',
  'INFO [Microsoft.CPlat.Core.RunCommandLinux-1.0.1] Target handler state: enabled',
  'INFO [Microsoft.CPlat.Core.RunCommandLinux-1.0.1] [Enable] current handler state is: notinstalled',
  'INFO [Microsoft.CPlat.Core.RunCommandLinux-1.0.1] Downloading extension package: https://zrdfepirv2cy4prdstr04a.blob.core.windows.net/f72653efd9e349ed9842c8b99e4c1712/Microsoft.CPlat.Core__RunCommandLinux__1.0.1',
  'INFO [Microsoft.CPlat.Core.RunCommandLinux-1.0.1] Unzipping extension package: /var/lib/waagent/Microsoft.CPlat.Core__RunCommandLinux__1.0.1.zip',
  'INFO [Microsoft.CPlat.Core.RunCommandLinux-1.0.1] Initializing extension Microsoft.CPlat.Core.RunCommandLinux-1.0.1',
  'INFO ExtHandler Created cgroup /sys/fs/cgroup/cpu/walinuxagent.extensions/Microsoft.CPlat.Core.RunCommandLinux_1.0.1',
];

/** A fact without what its time gives (the evidence's time, zone and text; the time itself). */
const timeless = (f: Fact) => {
  const { at, timeMs: _t, ...rest } = f;
  return { ...rest, line: at.line };
};

describe('records quoted without their time stamp', () => {
  it('#1390: an untimed record, its fact with no time (never a guessed one)', async () => {
    const p = await parse(`${CGROUPS_1390}\n`);
    expect(p.records).toHaveLength(1);
    expect(p.records[0]).toMatchObject({ line: 1, lineCount: 1, zone: 'none', level: 'warning', source: 'ExtHandler' });
    expect(p.records[0].timeMs).toBeNaN();
    const [f] = ofKind(p.facts, 'agent-lifecycle');
    expect(f).toMatchObject({ event: 'cgroups-error', at: { line: 1, time: null, zone: 'none', text: CGROUPS_1390 } });
    expect(f.timeMs).toBeNaN();
    expect(p.warnings).toEqual([]);
  });

  it('#1586: the same facts as the timed form of the same records, each its own record with its logger or extension', async () => {
    const untimed = await parse(`${RUNCOMMAND_1586.join('\n')}\n`);
    expect(untimed.records.map((r) => [r.line, r.source, r.extension])).toEqual(
      RUNCOMMAND_1586.map((l, i) => [i + 1, l.startsWith('INFO [') ? '[Microsoft.CPlat.Core.RunCommandLinux-1.0.1]' : 'ExtHandler', l.startsWith('INFO [') ? 'Microsoft.CPlat.Core.RunCommandLinux' : undefined]),
    );
    expect(untimed.facts.length).toBeGreaterThan(0);
    expect(untimed.facts.every((f) => f.at.time === null && f.at.zone === 'none' && Number.isNaN(f.timeMs))).toBe(true);
    expect(ofKind(untimed.facts, 'goal-state')).toEqual([expect.objectContaining({ incarnation: 1 })]);
    // the test's own time stamp (2.2.46's UTC head) before each quoted line: what the agent had written
    const timed = await parse(`${RUNCOMMAND_1586.map((l) => `2019-07-18T00:00:00.000000Z ${l}`).join('\n')}\n`);
    expect(untimed.facts.map(timeless)).toEqual(timed.facts.map(timeless));
  });

  // After a timed record only a full agent head (a logger: Daemon, ExtHandler, [Publisher.Type-version]) starts an
  // untimed record, and never inside a record's body. The timed lines are the cases' own; where the quoted lines sit
  // after them is the test's.
  const DAEMON_2_2_45 = '2021/03/30 19:35:35.971742 INFO Daemon Azure Linux Agent Version:2.2.45';
  /** The lines read as one record, each after the first its continuation. */
  const oneRecord = async (lines: readonly string[]) => {
    const p = await parse(`${lines.join('\n')}\n`);
    expect(p.records.map((r) => r.lineCount)).toEqual([lines.length]);
    return p;
  };

  it('after a timed record, a full agent head without time is a record of its own, with no time', async () => {
    const p = await parse(`${DAEMON_2_2_45}\n${CGROUPS_1390}\n`);
    expect(p.records.map((r) => [r.line, r.lineCount, r.zone])).toEqual([
      [1, 1, 'local'],
      [2, 1, 'none'],
    ]);
    expect(p.records[1].timeMs).toBeNaN();
    const [f] = ofKind(p.facts, 'agent-lifecycle').filter((x) => x.event === 'cgroups-error');
    expect(f).toMatchObject({ at: { line: 2, time: null, zone: 'none' } });
    expect(f.timeMs).toBeNaN();
    // #1586's block after the timed line (blank lines between): each line its record, as without the timed line
    const q = await parse(`${DAEMON_2_2_45}\n\n${RUNCOMMAND_1586.join('\n')}\n`);
    expect(q.records.slice(1).map((r) => r.line)).toEqual(RUNCOMMAND_1586.map((_, i) => i + 3));
    expect(ofKind(q.facts, 'goal-state')).toEqual([expect.objectContaining({ incarnation: 1 })]);
  });

  it('inside a [stdout]/[stderr] block it is the extension\'s output: a continuation', async () => {
    // waagent-2684 (Azure/WALinuxAgent#2684): the decrypt failure with its [stdout]/[stderr] block
    const block = [
      '2022-10-14T06:45:56.287522Z ERROR Daemon Daemon Failed to decrypt /var/lib/waagent/Certificates.p7m (return code: 1)',
      '[stdout]',
      '',
      '[stderr]',
    ];
    const p = await oneRecord([...block, CGROUPS_1390]);
    expect(ofKind(p.facts, 'agent-lifecycle').filter((x) => x.event === 'cgroups-error')).toEqual([]);
  });

  it('inside a traceback, or after a head line that opens one, it is a continuation', async () => {
    // waagent-812 (Azure/WALinuxAgent#812): the 2.2.10 traceback, its head line ending with "last):"
    const trace = [
      '2017/07/17 10:18:56.524184 WARNING Traceback (most recent call last):',
      '  File "build/bdist.linux-x86_64/egg/azurelinuxagent/ga/update.py", line 257, in run',
      '    exthandlers_handler.run()',
    ];
    await oneRecord([...trace, CGROUPS_1390]);
    await oneRecord([trace[0], CGROUPS_1390]);
  });

  it('a level word without the agent\'s logger after a timed record stays a continuation', async () => {
    // waagent-797 (#797): a 2.2.x line with its stamp cut ("WARNING Service temporarily unavailable, …") has no
    // logger after its level, as an extension's own output may read
    await oneRecord([DAEMON_2_2_45, 'WARNING Service temporarily unavailable, sleeping 15s before retrying.']);
  });

  it('is recognised as waagent.log, loose or pasted', () => {
    expect(recognise(CGROUPS_1390)?.kind).toBe('waagent-log');
    expect(recognise(RUNCOMMAND_1586.join('\n'))?.kind).toBe('waagent-log');
    const files = pastedFiles(RUNCOMMAND_1586.join('\n'), 0);
    expect(files.map((f) => [f.vmPath, f.kind])).toEqual([['var/log/waagent.log', 'waagent-log']]);
  });
});
