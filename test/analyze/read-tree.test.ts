// A field test's answers read back by its fields' values (facts-index.ts ReadTree) are the test's own answers: selectBy,
// countBy and FactReader.fieldAnswer over a big log's FactStore rows against the test run on every fact object, on the
// benchmark's realistic mixes, for tests that read one field, several, a text, a nested value; and the tree itself keeps
// no answer of a test that read more than its fields, and none at all once a test read otherwise than its tree says.
import { describe, expect, it } from 'vitest';
import type { Fact, FactKind, FactOf } from '../../src/shared';
import { FactIndex, FieldReads, fieldTest, ReadTree, type FactReader, type FieldTest, type ReadKey } from '../../src/main/analyze/facts-index';
import { brokenAgentWaagentLogGenerator, infoHeavyWaagentLogGenerator } from '../../bench/generate.mjs';
import { parseBothWays } from '../helpers/waagent-facts';

async function indexes(gen: () => string, bytes: number) {
  let text = '';
  while (text.length < bytes) text += gen();
  const { objects, store } = await parseBothWays(text);
  return { list: new FactIndex(objects), rows: new FactIndex(store), objects };
}

const TESTS: FieldTest<FactKind>[] = [
  fieldTest('goal-state', (g) => g.event === 'fetched'),
  fieldTest('goal-state', (g) => g.event === 'processing-completed' || g.event === 'fetched' || g.event === 'processing-started'),
  fieldTest('goal-state', (g) => g.event !== 'fetched' && !!g.id && g.id.endsWith('7')),
  fieldTest('goal-state-error', (g) => !g.recovered && /vmSettings|Gone/i.test(g.detail)),
  fieldTest('connectivity', (c) => !c.ok && c.note?.key === 'detail.curl-failed'),
  fieldTest('connectivity', (c) => !c.ok && (c.endpoint === 'hostgaplugin' || c.endpoint === 'wireserver')),
  fieldTest('agent-heartbeat', (h) => typeof h.counter === 'number' && h.counter % 3 === 0),
  fieldTest('extension-target-state', (t) => t.state === 'enabled' && t.handler.includes('Linux')),
] as unknown as FieldTest<FactKind>[];

describe.each([
  ['INFO-heavy', infoHeavyWaagentLogGenerator],
  ['broken agent', brokenAgentWaagentLogGenerator],
])('field tests answered by their fields over the %s mix', (_, generator) => {
  it('selects and counts what the test says of each fact, first and again', async () => {
    const { list, rows } = await indexes(generator(), 1024 * 1024);
    let seen = 0;
    for (const t of TESTS) {
      const want = list.of(t.kind).map((f) => !!t.test(f as FactOf<FactKind>));
      if (want.some(Boolean)) seen++;
      for (let round = 0; round < 2; round++) {
        const s = rows.selectBy(t);
        const picked = new Set<number>();
        for (let i = 0; i < s.length; i++) picked.add(s.time(i));
        expect(s.length, String(t.test)).toBe(want.filter(Boolean).length);
        expect(rows.countBy(t), String(t.test)).toBe(want.filter(Boolean).length);
        const listPick = list.selectBy(t);
        for (let i = 0; i < s.length; i++) {
          expect(s.time(i)).toBe(listPick.time(i));
          expect(s.line(i)).toBe(listPick.line(i));
        }
      }
    }
    expect(seen).toBeGreaterThan(4);
  });

  it("answers a reader's test of its kind and fields as the test does", async () => {
    const { rows, objects } = await indexes(generator(), 1024 * 1024);
    const kinds: FactKind[] = ['goal-state', 'connectivity', 'goal-state-error', 'agent-heartbeat'];
    const tests: ((r: FactReader) => boolean)[] = [
      (r) => (r.kind === 'goal-state' ? r.read('event') === 'fetched' : r.kind === 'connectivity' ? !r.read('ok') : r.read('recovered') === true),
      (r) => r.kind === 'connectivity' && !r.read('ok') && (r.read('endpoint') === 'wireserver' || r.read('url') !== undefined),
      (r) => r.kind === 'goal-state-error' && String(r.read('detail')).includes('Gone'),
    ];
    for (const test of tests) {
      const want = objects.filter((f: Fact) => kinds.includes(f.kind)).map((f) => {
        const reader = new FactIndex([f]);
        let a = false;
        reader.eachRead(kinds, (r) => (a = test(r)));
        return a;
      });
      for (let round = 0; round < 2; round++) {
        const got: boolean[] = [];
        rows.eachRead(kinds, (r) => got.push(!!r.fieldAnswer(test)));
        expect(got).toEqual(want);
      }
    }
  });
});

describe('FactIndex.selectAll', () => {
  it('answers tests of one kind in one pass, and refuses tests of two kinds', () => {
    const facts = [
      { kind: 'agent-heartbeat', counter: 1, timeMs: 1 },
      { kind: 'goal-state', event: 'fetched', timeMs: 2 },
      { kind: 'agent-heartbeat', counter: 2, timeMs: 3 },
    ] as unknown as Fact[];
    const index = new FactIndex(facts);
    const [one, two] = index.selectAll([fieldTest('agent-heartbeat', (f) => f.counter === 1), fieldTest('agent-heartbeat', (f) => f.counter === 2)]);
    expect([one.length, one.time(0), two.length, two.time(0)]).toEqual([1, 1, 1, 3]);
    expect(() => index.selectAll<FactKind>([fieldTest('agent-heartbeat', () => true), fieldTest('goal-state', () => true)] as FieldTest<FactKind>[])).toThrow(/one kind/);
  });
});

describe('ReadTree', () => {
  const reads = (pairs: [string, unknown][], other = false) => {
    const r = new FieldReads();
    for (const [k, v] of pairs) r.note(k, v);
    r.other = other;
    return r;
  };
  const reader = (fields: Record<string, unknown>) => (key: ReadKey) => (typeof key === 'string' ? fields[key] : undefined);

  it('answers a row by the values of the fields read, in the order read', () => {
    const tree = new ReadTree();
    tree.keep(reads([['event', 'fetched']]), true);
    tree.keep(reads([['event', 'failed'], ['id', 'a']]), false);
    expect(tree.find(reader({ event: 'fetched', id: 'x' }))).toBe(true);
    expect(tree.find(reader({ event: 'failed', id: 'a' }))).toBe(false);
    expect(tree.find(reader({ event: 'failed', id: 'b' }))).toBeUndefined();
    expect(tree.find(reader({ event: 'started' }))).toBeUndefined();
  });

  it('keeps nothing of a test that read more than its fields', () => {
    const tree = new ReadTree();
    tree.keep(reads([['event', 'fetched']], true), true);
    expect(tree.find(reader({ event: 'fetched' }))).toBeUndefined();
    expect(tree.growing).toBe(true);
  });

  it('answers nothing once a test read otherwise than its tree says', () => {
    const tree = new ReadTree();
    tree.keep(reads([['event', 'fetched']]), true);
    tree.keep(reads([['id', 'a']]), false);
    expect(tree.growing).toBe(false);
    expect(tree.find(reader({ event: 'fetched', id: 'a' }))).toBeUndefined();
    const again = new ReadTree();
    again.keep(reads([['event', 'fetched']]), true);
    again.keep(reads([['event', 'fetched']]), false);
    expect(again.find(reader({ event: 'fetched' }))).toBeUndefined();
  });

  it('stops growing at its limit and still answers what it keeps', () => {
    const tree = new ReadTree();
    for (let i = 0; tree.growing; i++) tree.keep(reads([['detail', `d${i}`]]), i % 2 === 0);
    expect(tree.find(reader({ detail: 'd0' }))).toBe(true);
    expect(tree.find(reader({ detail: 'd1' }))).toBe(false);
  });
});
