/**
 * Bounds of the engineer's bookmarks: the log view stops adding at MAX_BOOKMARKS and clips notes at
 * MAX_NOTE_CHARS; the export request's schema refuses more (a ticket's worth, not a document).
 * Kept apart from the IPC contract so the renderer takes them without the schemas.
 */
export const MAX_BOOKMARKS = 500;
export const MAX_NOTE_CHARS = 2000;
