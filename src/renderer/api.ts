import type { RendererApi } from '../shared';

declare global {
  interface Window {
    vmbd?: RendererApi;
  }
}

/** The bridge exposed by the preload (or the test host). The renderer has no other way out. */
export function api(): RendererApi {
  if (!window.vmbd) throw new Error('The app bridge is missing (window.vmbd).');
  return window.vmbd;
}
