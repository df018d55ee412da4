import { useSyncExternalStore } from 'react';

/** px in 1rem when the root font size cannot be read (jsdom) — the browser default. */
export const DEFAULT_REM_PX = 16;

/** The root font size in px now (1rem): the OS/browser text size, since styles.css sets none on the root. */
export function remPx(): number {
  if (typeof document === 'undefined') return DEFAULT_REM_PX;
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || DEFAULT_REM_PX;
}

let current: number | null = null;
let probe: HTMLElement | null = null;
const listeners = new Set<() => void>();

/**
 * Follows the root font size at runtime. A change of the OS text size fires no event the page can listen
 * to, but it resizes a box 1rem wide: one hidden probe and a ResizeObserver notice it for every subscriber.
 */
function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  current = remPx();
  if (!probe && typeof ResizeObserver !== 'undefined' && typeof document !== 'undefined') {
    probe = document.createElement('div');
    probe.className = 'rem-probe';
    probe.setAttribute('aria-hidden', 'true');
    document.body.appendChild(probe);
    new ResizeObserver(() => {
      const now = remPx();
      if (now === current) return;
      current = now;
      for (const l of listeners) l();
    }).observe(probe);
  }
  return () => listeners.delete(cb);
}

/** The root font size in px, re-rendering the caller when it changes. */
export function useRemPx(): number {
  return useSyncExternalStore(subscribe, () => (current ??= remPx()));
}
