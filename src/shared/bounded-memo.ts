/**
 * A function remembered by its first argument, for up to `max` keys: every key is forgotten at once when the memo is
 * full. The hot paths that use it (a log's repeated messages, texts and templates) meet the same few hundred keys again
 * and again, so a clear now and then costs less than an LRU's bookkeeping on every lookup. A key longer than
 * `maxKeyLength` is answered by `fn` each time and not kept (a long text's hash costs about what a repeat saves, and
 * the memo would hold on to it). `fn` must give a key the same answer whatever its second argument (a kept answer is
 * given again without it); an answer of `undefined` is not kept.
 *
 * `peek` and `keep` are the memo's map, for a caller that decides after computing an answer which key it is kept by.
 */
export interface BoundedMemo<V, A> {
  (key: string, arg?: A): V;
  peek(key: string): V | undefined;
  keep(key: string, value: V): void;
}

export function boundedMemo<V, A = undefined>(fn: (key: string, arg: A) => V, max: number, maxKeyLength = Infinity): BoundedMemo<V, A> {
  const kept = new Map<string, V>();
  const keep = (key: string, value: V): void => {
    if (key.length > maxKeyLength) return;
    if (kept.size >= max) kept.clear();
    kept.set(key, value);
  };
  const memo = (key: string, arg?: A): V => {
    if (key.length > maxKeyLength) return fn(key, arg as A);
    let value = kept.get(key);
    if (value === undefined) {
      value = fn(key, arg as A);
      if (value !== undefined) keep(key, value);
    }
    return value;
  };
  return Object.assign(memo, { peek: (key: string) => kept.get(key), keep });
}
