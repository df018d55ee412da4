import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/shared/bounded-memo';

describe('boundedMemo', () => {
  it('answers a kept key without calling fn, and forgets every key at once when full', () => {
    const calls: string[] = [];
    const memo = boundedMemo((k: string) => (calls.push(k), k.toUpperCase()), 2);
    expect([memo('a'), memo('b'), memo('a')]).toEqual(['A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    // full: a third key empties it, then is kept alone
    expect(memo('c')).toBe('C');
    expect([memo('c'), memo('a'), memo('b')]).toEqual(['C', 'A', 'B']);
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('keeps no key longer than the limit, and no undefined answer; null is an answer', () => {
    let n = 0;
    const memo = boundedMemo((k: string) => (n++, k.length > 1 ? null : undefined), 10, 3);
    expect([memo('abcd'), memo('abcd')]).toEqual([null, null]);
    expect(n).toBe(2);
    expect([memo('ab'), memo('ab')]).toEqual([null, null]);
    expect(n).toBe(3);
    expect([memo('a'), memo('a')]).toEqual([undefined, undefined]);
    expect(n).toBe(5);
  });

  it('gives its second argument to fn, and lets a caller keep an answer it made under a key of its choice', () => {
    const memo = boundedMemo((_k: string, line: string) => line.trim(), 10);
    expect(memo('x', ' one ')).toBe('one');
    expect(memo('x', ' two ')).toBe('one');
    expect(memo.peek('y')).toBeUndefined();
    memo.keep('y', 'kept');
    expect(memo.peek('y')).toBe('kept');
    expect(memo('y', 'other')).toBe('kept');
  });
});
