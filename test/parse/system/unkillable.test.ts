import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared';
import { BufferContent } from '../../../src/main/ingest/content';
import { parseSyslog } from '../../../src/main/parse/system/syslog';
import { analyzeFiles, finding } from '../../analyze/agent/helpers';

/**
 * systemd giving up on ending the agent's unit: processes that outlive SIGKILL are stuck in the kernel
 * (Azure/WALinuxAgent#2674, RHEL 7.9's systemd 219; later systemd words it `<unit>: Processes still around after …`).
 */
const JOURNAL_2674 = readFileSync(join('test', 'cases', 'waagent-2674-rhel79-agent-hang-survives-sigkill', 'files', 'journal-restart.txt'), 'utf8');

async function facts(text: string): Promise<Fact[]> {
  const buf = Buffer.from(text);
  const out: Fact[] = [];
  await parseSyslog({ file: { id: 0, vmPath: 'var/log/messages', kind: 'syslog', size: buf.length } as never, content: new BufferContent(buf) }, { record: () => undefined, fact: (f) => out.push(f), warn: () => undefined });
  return out;
}
const unkillable = (fs: Fact[]) => fs.flatMap((f) => (f.kind === 'agent-lifecycle' && f.event === 'unkillable' ? [f.at.line] : []));

describe("the agent's unit outliving SIGKILL", () => {
  it('both of systemd 219’s lines are read, not its SIGTERM timeouts', async () => {
    expect(unkillable(await facts(JOURNAL_2674))).toEqual([3, 5]);
  });

  it('later systemd’s wording, for either unit name; another unit is not the agent', async () => {
    const text = [
      'Jan 05 22:26:08 vm systemd[1]: walinuxagent.service: Processes still around after SIGKILL. Ignoring.',
      'Jan 05 22:27:38 vm systemd[1]: waagent.service: Processes still around after final SIGKILL. Entering failed mode.',
      'Jan 05 22:28:08 vm systemd[1]: pulseaudio.service: Processes still around after final SIGKILL. Entering failed mode.',
    ].join('\n');
    expect(unkillable(await facts(text))).toEqual([1, 2]);
  });

  it('the unit failing because of it is not an agent that stopped, in either order within the second', async () => {
    const down = (fs: Fact[]) => fs.filter((f) => f.kind === 'probe' && f.probe === 'agent-service' && !f.ok);
    const lines = JOURNAL_2674.trimEnd().split('\n');
    expect(down(await facts(lines.slice(0, -1).join('\n')))).toEqual([]);
    expect(down(await facts([...lines.slice(0, 5), lines[8], ...lines.slice(5, 8)].join('\n')))).toEqual([]);
    // a later stop that fails on its own is down again
    const later = 'Oct 06 10:00:00 hostname2 systemd[1]: waagent.service: Main process exited, code=exited, status=1/FAILURE';
    expect(down(await facts([...lines, later].join('\n')))).toHaveLength(1);
  });

  it('makes agent-unresponsive medium, quoting the journal', async () => {
    const r = await analyzeFiles({ 'var/log/messages': JOURNAL_2674 });
    const f = finding(r, 'agent-unresponsive');
    expect(f).toMatchObject({ verdict: 'detected', confidence: 'medium' });
    expect(f.evidence.map((e) => e.line)).toEqual([3, 5]);
    expect(f.reason).toContain('still there after SIGKILL');
    expect(f.reasonNl).toContain('bestonden nog na SIGKILL');
  });
});
