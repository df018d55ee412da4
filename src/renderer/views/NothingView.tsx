import type { BundleFile } from '../../shared';
import { useT, type Messages } from '../i18n';
import { useApp } from '../state/store';

/** An input named like an archive; the group is what the name promises ("not a zip"). */
const ARCHIVE_NAME = /\.(zip|tar|tgz|tar\.gz|tar\.xz|txz|tar\.bz2|tbz2?)$/i;

/** What a file was taken for, in the window's language. */
function takenFor(f: BundleFile, t: Messages): string {
  if (f.size === 0) return t.nothing.emptyFile;
  if (f.kind !== 'other') return t.nothing.readAs(f.kind);
  return f.seenAs ? t.nothing.seenAs[f.seenAs] : t.nothing.notRecognised;
}

/**
 * What the app shows when nothing it opened is something the analysis reads (no record, no fact): each
 * input and file with what it was taken for ("image.zip is a PNG image, not a zip"), how to export a binary
 * event log readable, and how to collect the right files. No verdict, no export.
 */
export function NothingView() {
  const result = useApp((s) => s.result);
  const t = useT();
  if (!result) return null;
  const base = (p: string) => p.split(/[\\/]/).pop() || p;
  const evtx = result.files.some((f) => f.seenAs === 'evtx');
  return (
    <section className="nothing" aria-labelledby="nothing-title" data-testid="nothing-to-analyse">
      <h1 id="nothing-title">{t.nothing.title}</h1>
      <p>{t.nothing.lead}</p>
      <ul className="nothing-files" aria-label={t.diag.inputsList}>
        {result.inputs.map((input, i) => {
          const files = result.files.filter((f) => f.input === i);
          const named = input.kind === 'single-file' ? ARCHIVE_NAME.exec(input.path) : null;
          const seen = files.length === 1 ? files[0].seenAs : undefined;
          return (
            <li key={input.path}>
              <code className="wrap">{input.path}</code>
              {named && files.every((f) => f.size > 0) && (
                <p className="warn-text" data-testid="not-an-archive">
                  {seen ? t.nothing.notWhatNamed(base(input.path), t.nothing.seenAs[seen], named[1].toLowerCase()) : t.nothing.notAnArchive(base(input.path))}
                </p>
              )}
              {files.length === 0 ? (
                <p className="muted">{t.nothing.noFiles(base(input.path))}</p>
              ) : (
                <ul>
                  {files.map((f) => (
                    <li key={f.id} data-testid="nothing-file" data-seen={f.seenAs}>
                      {t.nothing.fileAs(f.vmPath, takenFor(f, t))}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {evtx && (
        <p className="warn-text" data-testid="evtx-howto">
          {t.nothing.evtxHowTo}
        </p>
      )}
      <h2>{t.nothing.collectTitle}</h2>
      <ul className="collect-list">
        <li>{t.nothing.collectLinux}</li>
        <li>{t.nothing.collectWindows}</li>
        <li>{t.nothing.collectSsh}</li>
      </ul>
      <p>
        <button type="button" className="primary" onClick={() => useApp.setState({ view: 'start' })}>
          {t.nothing.startOver}
        </button>
      </p>
    </section>
  );
}
