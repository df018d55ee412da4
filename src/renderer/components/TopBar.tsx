import type { Lang } from '../../shared';
import { useLang, useT } from '../i18n';
import { nothingToAnalyse, RESULT_VIEWS, useApp, type Theme } from '../state/store';
import { bundleLabel } from '../state/tabs';
import { offsetLabel, vmOffsetOf } from '../util/time';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl+';

/** Top bar: view tabs, time zone and theme switches, export and about. */
export function TopBar() {
  const view = useApp((s) => s.view);
  const loaded = useApp((s) => s.result);
  const result = nothingToAnalyse(loaded) ? null : loaded;
  const vmOffset = vmOffsetOf(loaded);
  const t = useT();
  const lang = useLang((s) => s.lang);
  const setLang = useLang((s) => s.setLang);
  const setView = useApp((s) => s.setView);
  const openDialog = useApp((s) => s.openDialog);
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const timeMode = useApp((s) => s.timeMode);
  const setTimeMode = useApp((s) => s.setTimeMode);
  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = RESULT_VIEWS[(i + (e.key === 'ArrowRight' ? 1 : RESULT_VIEWS.length - 1)) % RESULT_VIEWS.length];
    setView(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <header className="topbar">
      <button type="button" className="brand" onClick={() => useApp.setState({ view: 'start' })} title={t.top.start}>
        <span className="logo" aria-hidden="true">
          ✚
        </span>
        <span className="brand-name">VM Backup Doctor</span>
      </button>
      {result && (
        <nav role="tablist" aria-label={t.top.views} className="tabs">
          {RESULT_VIEWS.map((v, i) => (
            <button
              key={v.id}
              id={`tab-${v.id}`}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              tabIndex={view === v.id ? 0 : -1}
              className="tab"
              title={t.top.viewTitle(t.top[v.id], `${MOD}${i + 1}`)}
              onClick={() => setView(v.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {t.top[v.id]}
            </button>
          ))}
        </nav>
      )}
      <span className="spacer" />
      {loaded && (
        <span className="bundle-name muted small" title={loaded.inputs.map((i) => i.path).join('\n')}>
          {bundleLabel(loaded, t)}
        </span>
      )}
      <div className="seg" role="group" aria-label={t.top.timeZone}>
        <button type="button" aria-pressed={timeMode === 'utc'} onClick={() => setTimeMode('utc')} title={t.top.utcTitle}>
          {t.top.utc}
        </button>
        <button type="button" aria-pressed={timeMode === 'local'} onClick={() => setTimeMode('local')} title={t.top.localTitle}>
          {t.top.local}
        </button>
        {loaded && (
          <button type="button" aria-pressed={timeMode === 'vm'} disabled={vmOffset === null} onClick={() => setTimeMode('vm')} title={vmOffset === null ? t.top.vmUnknown : t.top.vmTitle(offsetLabel(vmOffset))}>
            {t.top.vm}
          </button>
        )}
      </div>
      <label className="theme-pick">
        <span className="sr-only">{t.top.language}</span>
        <select aria-label={t.top.language} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
          <option value="en" lang="en">
            English
          </option>
          <option value="nl" lang="nl">
            Nederlands
          </option>
        </select>
      </label>
      <label className="theme-pick">
        <span className="sr-only">{t.top.theme}</span>
        <select aria-label={t.top.theme} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
          <option value="system">{t.top.themeSystem}</option>
          <option value="light">{t.top.themeLight}</option>
          <option value="dark">{t.top.themeDark}</option>
        </select>
      </label>
      {result && (
        <button type="button" className="primary" onClick={() => openDialog('export')} title={t.top.exportTitle(`${MOD}E`)}>
          {t.top.exportReport}
        </button>
      )}
      <button type="button" className="icon" aria-label={t.top.about} onClick={() => openDialog('about')}>
        ?
      </button>
    </header>
  );
}
