import { useEffect, useState } from 'react';

/**
 * The value after it stopped changing for `ms`. Clearing (empty string) is immediate: "reset
 * filters" must not leave a stale query running for a quarter second.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    if (value === '' || value === v) {
      setV(value);
      return;
    }
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms, v]);
  return value === '' ? value : v;
}
