import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../helpers/paths';
import { historyFolderOf } from '../../../src/main/parse/state/history';
import { only, parse, read } from './run-parser';

const DATA = join(CORPUS, 'waagent', 'tests', 'data');

describe('GoalState / HostingEnvironmentConfig / SharedConfig', () => {
  it('reads incarnation, container id and role instance from the WireServer goal state (corpus wire/goal_state.xml)', async () => {
    const p = await parse('var/lib/waagent/GoalState.1.xml', read(join(DATA, 'wire', 'goal_state.xml')));
    expect(p.warnings).toEqual([]);
    const [f] = only(p, 'goal-state-doc');
    expect(f).toMatchObject({
      incarnation: 1,
      containerId: 'c6d5526c-5ac2-4200-b6e2-56f2b70c5ab2',
      roleInstanceId: 'b61f93d0-e1ed-40b2-b067-22c243233448.MachineRole_IN_0',
      at: { file: 'var/lib/waagent/GoalState.1.xml', line: 4, text: '<Incarnation>1</Incarnation>', time: null },
    });
  });

  it('takes the history time and incarnation from a 2.8+ history folder (corpus hibernate/goal_state_1)', async () => {
    const dir = 'var/lib/waagent/history/2024-06-20T23-38-29__1';
    const gs = await parse(`${dir}/GoalState.xml`, read(join(DATA, 'hibernate', 'goal_state_1', 'GoalState.xml')));
    expect(only(gs, 'goal-state-doc')[0]).toMatchObject({ incarnation: 1, historyTime: '2024-06-20T23:38:29.000Z', containerId: '06185f00-1f00-4545-abaa-4b7baa121869', at: { time: '2024-06-20T23:38:29.000Z', zone: 'utc' } });
    const he = await parse(`${dir}/HostingEnvironmentConfig.xml`, read(join(DATA, 'hibernate', 'goal_state_1', 'HostingEnvironmentConfig.xml')));
    expect(only(he, 'goal-state-doc')[0]).toMatchObject({ incarnation: 1, roleInstanceId: '_test-vm', at: { line: 2 } });
    const sc = await parse(`${dir}/SharedConfig.xml`, read(join(DATA, 'wire', 'shared_config.xml')));
    expect(sc.warnings).toEqual([]);
    expect(only(sc, 'goal-state-doc')).toHaveLength(1);
  });

  it('recognises all three history folder forms (docs/formats.md)', () => {
    expect(historyFolderOf('var/lib/waagent/history/2018-04-06T08:21:37.142697/GoalState.3.xml')).toMatchObject({ form: 'legacy', time: '2018-04-06T08:21:37.142Z', zone: 'local' });
    expect(historyFolderOf('var/lib/waagent/history/2018-04-06T08:21:37.142697_incarnation_3/GoalState.3.xml')).toMatchObject({ form: 'incarnation', incarnation: 3, zone: 'utc' });
    expect(historyFolderOf('var/lib/waagent/history/2024-05-01T12-00-00__7-1234567890123456789/ExtensionsConfig.xml')).toMatchObject({
      form: 'tagged',
      incarnation: 7,
      etag: '1234567890123456789',
      time: '2024-05-01T12:00:00.000Z',
    });
    // archived folder unpacked by ingest under the zip's name
    expect(historyFolderOf('var/lib/waagent/history/2024-05-01T12-00-00__7.zip/GoalState.xml')?.incarnation).toBe(7);
    expect(historyFolderOf('var/lib/waagent/GoalState.1.xml')).toBeNull();
  });

  it('the 2.8+ placeholder GoalState.1.xml is recognised silently', async () => {
    const p = await parse('var/lib/waagent/GoalState.1.xml', '<xml>empty placeholder file</xml>');
    expect(p).toEqual({ facts: [], warnings: [], records: [] });
  });

  it('a truncated goal state yields the readable head and a warning', async () => {
    const full = read(join(DATA, 'wire', 'goal_state.xml')).toString('utf8');
    const cut = full.slice(0, full.indexOf('<RoleInstanceList>') + 30);
    const p = await parse('var/lib/waagent/GoalState.4.xml', cut);
    expect(p.warnings.length).toBeGreaterThan(0);
    expect(p.warnings[0].message).toMatch(/malformed XML|truncated/);
    expect(only(p, 'goal-state-doc')[0]).toMatchObject({ incarnation: 1, containerId: 'c6d5526c-5ac2-4200-b6e2-56f2b70c5ab2' });
  });

  it('billion laughs stays unexpanded; an external entity (XXE) is refused', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`).join('')}]>
<GoalState><Incarnation>&lol9;</Incarnation><Container><ContainerId>abc</ContainerId></Container></GoalState>`;
    const p = await parse('var/lib/waagent/GoalState.2.xml', lol);
    expect(p.warnings.some((w) => /entities/.test(w.message))).toBe(true);
    const [f] = only(p, 'goal-state-doc');
    expect(f.containerId).toBe('abc');
    expect(f.incarnation).toBe(2); // the entity is not a number: falls back to the file name
    expect(JSON.stringify(p).length).toBeLessThan(5000);

    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/shadow">]><GoalState><Incarnation>&xxe;</Incarnation></GoalState>';
    const q = await parse('var/lib/waagent/GoalState.3.xml', xxe);
    expect(q.facts).toEqual([]);
    expect(q.warnings).toEqual([{ message: expect.stringMatching(/external entity \(XXE\); refused/), line: 1 }]);
  });

  it('text without a single element is malformed and not a goal state, each said once', async () => {
    for (const [name, text] of [['backslashes', '\\'.repeat(4096)], ['a pasted log line', '2026-11-20T09:14:03.123456Z INFO ExtHandler x > y & z']]) {
      const p = await parse('var/lib/waagent/GoalState.6.xml', text);
      expect(p.facts, name).toEqual([]);
      expect(p.warnings.map((w) => w.message), name).toEqual([expect.stringMatching(/^malformed XML/), 'not a goal-state document (unknown root element)']);
    }
  });

  it('binary content is skipped with a warning', async () => {
    const p = await parse('var/lib/waagent/GoalState.5.xml', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x00, 0x3c, 0x78]));
    expect(p.facts).toEqual([]);
    expect(p.warnings[0].message).toMatch(/binary/);
  });

  it('Incarnation file and disable_agent marker', async () => {
    const inc = await parse('var/lib/waagent/Incarnation', '12');
    expect(only(inc, 'goal-state-doc')[0]).toMatchObject({ incarnation: 12, at: { line: 1, text: '12' } });
    const bad = await parse('var/lib/waagent/Incarnation', 'twelve');
    expect(bad.facts).toEqual([]);
    expect(bad.warnings[0]).toMatchObject({ line: 1 });
    const dis = await parse('var/lib/waagent/disable_agent', '');
    expect(dis.facts.map((f) => f.kind)).toEqual(['agent-disabled', 'marker']);
    expect(only(dis, 'agent-disabled')[0]).toMatchObject({ reason: 'disable-agent-file', at: { file: 'var/lib/waagent/disable_agent', line: 0 } });
  });
});
