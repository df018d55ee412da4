import { create } from 'zustand';
import type { AnalysisResult, OpenResult, ProgressEvent } from '../../shared';
import { api } from '../api';

export type View = 'start' | 'diagnosis' | 'timeline' | 'logs' | 'extensions';

export interface Banner {
  kind: 'error' | 'warning' | 'info';
  message: string;
}

interface AppState {
  view: View;
  result: AnalysisResult | null;
  loading: boolean;
  progress: ProgressEvent | null;
  banner: Banner | null;
  portalCode: string;
  setView(v: View): void;
  setPortalCode(c: string): void;
  dismissBanner(): void;
  setProgress(p: ProgressEvent | null): void;
  run(open: () => Promise<OpenResult>): Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  view: 'start',
  result: null,
  loading: false,
  progress: null,
  banner: null,
  portalCode: '',
  setView: (view) => set({ view }),
  setPortalCode: (portalCode) => set({ portalCode }),
  dismissBanner: () => set({ banner: null }),
  setProgress: (progress) => set({ progress }),
  run: async (open) => {
    set({ loading: true, banner: null, progress: null });
    try {
      const r = await open();
      if (r.ok) {
        set({ result: r.result, view: 'diagnosis', loading: false, progress: null });
      } else {
        set({
          loading: false,
          progress: null,
          banner: r.canceled ? { kind: 'info', message: r.error } : { kind: 'error', message: r.error },
          ...(r.partial ? { result: r.partial, view: 'diagnosis' as View } : {}),
        });
      }
    } catch (e) {
      set({ loading: false, progress: null, banner: { kind: 'error', message: (e as Error).message } });
    }
  },
}));

/** Wires main → renderer progress events into the store (call once at start-up). */
export function subscribeProgress(): () => void {
  return api().on('bundle:progress', (p) => useApp.getState().setProgress(p));
}
