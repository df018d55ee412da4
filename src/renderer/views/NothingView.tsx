import { useT } from '../i18n';
import { useApp } from '../state/store';

const ARCHIVE_NAME = /\.(zip|tar|tgz|tar\.gz|tar\.xz|txz)$/i;

/**
 * What the app shows when nothing it opened is something the analysis reads (no record, no fact): each
 * input and file with what it was taken for, and how to collect the right files. No verdict, no export.
 */
export function NothingView() {
  const result = useApp((s) => s.result);
  const t = useT();
  if (!result) return null;
  const base = (p: string) => p.split(/[\\/]/).pop() || p;
  return (
    <section className="nothing" aria-labelledby="nothing-title" data-testid="nothing-to-analyse">
      <h1 id="nothing-title">{t.nothing.title}</h1>
      <p>{t.nothing.lead}</p>
      <ul className="nothing-files" aria-label={t.diag.inputsList}>
        {result.inputs.map((input, i) => {
          const files = result.files.filter((f) => f.input === i);
          return (
            <li key={input.path}>
              <code className="wrap">{input.path}</code>
              {input.kind === 'single-file' && ARCHIVE_NAME.test(input.path) && files.every((f) => f.size > 0) && <p className="warn-text">{t.nothing.notAnArchive(base(input.path))}</p>}
              {files.length === 0 ? (
                <p className="muted">{t.nothing.noFiles(base(input.path))}</p>
              ) : (
                <ul>
                  {files.map((f) => (
                    <li key={f.id} data-testid="nothing-file">
                      {t.nothing.fileAs(f.vmPath, f.size === 0 ? t.nothing.emptyFile : f.kind === 'other' ? t.nothing.notRecognised : t.nothing.readAs(f.kind))}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
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
