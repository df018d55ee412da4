import { cleanup, configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { AnalysisResult } from '../../src/shared';
import { EMPTY_FILTERS, useLogs } from '../../src/renderer/state/logs';
import { useApp } from '../../src/renderer/state/store';
import { buildResult } from './fixtures/analysis';
import { createFakeApi, type FakeApi } from './fixtures/fake-api';

// Two CPU cores shared by many test runs: async page loads can take longer than the 1 s default.
configure({ asyncUtilTimeout: 5000 });

/**
 * jsdom has no layout: give elements a size so the virtualiser and the chart have a viewport,
 * and a ResizeObserver that reports once.
 */
export function installLayout(height = 600, width = 1200): void {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => width });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  // Scrolling is clamped to scrollHeight − clientHeight; jsdom reports 0 for both.
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get: () => 10_000_000 });
  Element.prototype.getBoundingClientRect = function () {
    return { x: 0, y: 0, top: 0, left: 0, width, height, right: width, bottom: height, toJSON: () => ({}) } as DOMRect;
  };
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
    constructor(private cb: ResizeObserverCallback) {}
    observe(el: Element) {
      this.cb([{ target: el, contentRect: { width, height } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  };
  Element.prototype.scrollTo = function (this: Element, opts?: ScrollToOptions | number) {
    if (typeof opts === 'object' && opts.top !== undefined) {
      (this as HTMLElement).scrollTop = opts.top;
      this.dispatchEvent(new Event('scroll'));
    }
  } as Element['scrollTo'];
  Element.prototype.scrollIntoView ??= () => undefined;
}

/** A fresh fake bridge and fresh stores, with a loaded result unless `result: null`. */
export function setup(opts: { result?: AnalysisResult | null; view?: 'start' | 'diagnosis' | 'timeline' | 'logs' | 'extensions' } = {}): FakeApi {
  cleanup();
  const result = opts.result === undefined ? buildResult() : opts.result;
  const api = createFakeApi(result ?? buildResult());
  Object.defineProperty(window, 'vmbd', { value: api, configurable: true, writable: true });
  useApp.setState({ view: opts.view ?? (result ? 'diagnosis' : 'start'), result, loading: false, progress: null, banner: null, portalCode: '', dialog: null, logTarget: null, filterFocus: 0, timeMode: 'utc', theme: 'system', tabs: [], session: null, pendingOpen: null, compareFrom: null });
  useLogs.setState({ filters: EMPTY_FILTERS, bookmarks: [] });
  return api;
}

export function renderUi(ui: ReactElement) {
  return render(ui);
}

/** Waits until `fn` stops throwing (polling; for async page loads). */
export async function until<T>(fn: () => T, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 15));
    }
  }
}
