/** The handler folder of a loose handler log that says nothing of which handler wrote it (formats/windows.ts places it there). */
export const UNNAMED_HANDLER = 'unknown';
