import { useMemo } from 'react';
import type { PhaseName } from '../../shared';
import { phaseLabel } from '../../shared/i18n/labels';
import { useT } from '../i18n';
import { useApp } from '../state/store';

export type PhaseNames = Record<PhaseName, string>;

/** The phases' names in the UI language for the open bundle's guest (on Windows `freeze` is the VSS snapshot). */
export function usePhaseNames(): PhaseNames {
  const t = useT();
  const platform = useApp((s) => s.result?.vm.platform);
  return useMemo(() => {
    const out = { ...t.report.phases };
    for (const n of Object.keys(out) as PhaseName[]) out[n] = phaseLabel(t.report, n, platform);
    return out;
  }, [t, platform]);
}
