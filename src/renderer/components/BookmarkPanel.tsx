import { MAX_NOTE_CHARS } from '../../shared';
import { useT } from '../i18n';
import { bookmarkKey, useLogs, type Bookmark } from '../state/logs';
import { useApp } from '../state/store';
import { shortPlace, usePlace } from '../util/place';
import { formatTime } from '../util/time';

/**
 * The bookmarks pane of the log view: each bookmarked line with its time, a jump back to it, and the
 * engineer's note (kept as typed; the report lists bookmarks and notes, redacted like the rest).
 */
export function BookmarkPanel({ onJump }: { onJump: (b: Bookmark) => void }) {
  const bookmarks = useLogs((s) => s.bookmarks);
  const toggle = useLogs((s) => s.toggleBookmark);
  const mode = useApp((s) => s.timeMode);
  const t = useT();
  const place = usePlace();
  return (
    <aside className="bookmarks" aria-label={t.logs.bookmarks}>
      <h2>
        {t.logs.bookmarks} {bookmarks.length > 0 && <span className="count">{bookmarks.length}</span>}
      </h2>
      {bookmarks.length === 0 ? (
        <p className="muted small">{t.logs.bookmarksHint}</p>
      ) : (
        <>
          <p className="muted small">{t.logs.bookmarksInReport}</p>
          <ul>
            {bookmarks.map((b) => {
              const loc = place(b);
              return (
                <li key={bookmarkKey(b.file, b.line)} data-testid="bookmark">
                  <div className="bm-head">
                    <button type="button" className="link bm-loc" onClick={() => onJump(b)} title={loc}>
                      {shortPlace(place, b)}
                    </button>
                    <button type="button" className="icon" aria-label={t.logs.removeBookmark(loc)} onClick={() => toggle(b)}>
                      ×
                    </button>
                  </div>
                  <span className="muted small">{formatTime(b.time, mode)}</span>
                  {/* Hostile text: a React text child only. */}
                  <span className="bm-text small" title={b.text}>
                    {b.text.slice(0, 160)}
                  </span>
                  <NoteField bookmark={b} label={t.logs.bookmarkNote(loc)} placeholder={t.logs.bookmarkNotePlaceholder} />
                </li>
              );
            })}
          </ul>
        </>
      )}
    </aside>
  );
}

/** The note of one bookmark, kept in the store as it is typed (a few short notes: cheap to store). */
function NoteField({ bookmark: b, label, placeholder }: { bookmark: Bookmark; label: string; placeholder: string }) {
  const setNote = useLogs((s) => s.setBookmarkNote);
  return (
    <textarea
      className="bm-note"
      aria-label={label}
      placeholder={placeholder}
      value={b.note}
      rows={2}
      maxLength={MAX_NOTE_CHARS}
      onChange={(e) => setNote(b.file, b.line, e.target.value)}
    />
  );
}
