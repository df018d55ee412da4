import { useMemo } from 'react';
import type { AnalysisResult } from '../../shared';
import { evidencePlacer, type Placer } from '../../shared/evidence-place';
import { useT, type Messages } from '../i18n';
import { useApp } from '../state/store';

/** How the window names a line for the engineer: `file:line`, or "pasted text, line N" for a line of a paste. */
export type Place = Placer;

/** The place namer of a result (src/shared/evidence-place.ts, the one the reports and the CLI use). */
export function placerOf(result: Pick<AnalysisResult, 'files' | 'inputs'> | null | undefined, t: Messages): Place {
  return result ? evidencePlacer(result.files, result.inputs, t.finding) : Object.assign((e: { file: string; line: number }) => (e.line > 0 ? `${e.file}:${e.line}` : e.file), { isPasted: () => false });
}

/** A place short enough for a narrow column: the file's name without its folders (the whole place is the tooltip). */
export function shortPlace(place: Place, at: { file: string; line: number }): string {
  const p = place(at);
  return p === `${at.file}:${at.line}` ? `${at.file.split('/').pop()}:${at.line}` : p;
}

/** placerOf for the open result in the UI's language (the same function until either changes). */
export function usePlace(): Place {
  const result = useApp((s) => s.result);
  const t = useT();
  return useMemo(() => placerOf(result, t), [result, t]);
}
