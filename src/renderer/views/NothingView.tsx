import { takenFor } from '../../shared/formats';
import { notTheArchiveNamed } from '../../shared/formats/foreign';
import { inputIn } from '../../shared/i18n/labels';
import { useLang, useT } from '../i18n';
import { useApp } from '../state/store';

/**
 * What the app shows when nothing it opened is something the analysis reads (no record, no fact): each
 * input and file with what it was taken for ("image.zip is a PNG image, not a zip"), how to export a binary
 * event log readable, and how to collect the right files. No verdict, no export.
 */
export function NothingView() {
  const result = useApp((s) => s.result);
  const t = useT();
  const lang = useLang((s) => s.lang);
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
          const notArchive = notTheArchiveNamed(input, files, t.nothing);
          return (
            <li key={input.path}>
              <code className="wrap">{inputIn(t, input).name}</code>
              {notArchive && (
                <p className="warn-text" data-testid="not-an-archive">
                  {notArchive}
                </p>
              )}
              {files.length === 0 ? (
                <p className="muted">{t.nothing.noFiles(base(input.path))}</p>
              ) : (
                <ul>
                  {files.map((f) => (
                    <li key={f.id} data-testid="nothing-file" data-seen={f.seenAs}>
                      {t.nothing.fileAs(f.vmPath, takenFor(f, t.nothing, lang))}
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
