/** Dates in reports are UTC and unambiguous: `2026-11-19 22:00:05Z`. */
export function formatTime(t: string | null | undefined): string {
  if (!t) return '—';
  return t.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
