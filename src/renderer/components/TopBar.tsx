import { useEffect, useRef, useState } from 'react';
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
  // while a load runs the keyboard is on its Cancel (ProgressOverlay)
  const loading = useApp((s) => s.loading);
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
  // In a narrow window (CSS: under 80rem) the language and theme pickers open from one button, so the bar keeps
  // one row; in a wide one the button is not shown and the pickers stand in the bar.
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!settingsOpen) return;
    const away = (e: PointerEvent) => {
      if (!settingsRef.current?.contains(e.target as Node) && !toggleRef.current?.contains(e.target as Node)) setSettingsOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [settingsOpen]);
  const onSettingsKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'Escape' || !settingsOpen) return;
    e.stopPropagation();
    setSettingsOpen(false);
    toggleRef.current?.focus();
  };
  const onTabKey = (e: React.KeyboardEvent, i: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = RESULT_VIEWS[(i + (e.key === 'ArrowRight' ? 1 : RESULT_VIEWS.length - 1)) % RESULT_VIEWS.length];
    setView(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <header className="topbar" inert={loading}>
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
      <button
        ref={toggleRef}
        type="button"
        className="icon settings-toggle"
        aria-expanded={settingsOpen}
        aria-controls="top-settings"
        aria-label={t.top.settings}
        title={t.top.settings}
        onClick={() => setSettingsOpen((o) => !o)}
        onKeyDown={onSettingsKey}
      >
        <span aria-hidden="true">⚙</span>
      </button>
      <div id="top-settings" ref={settingsRef} className={`top-settings${settingsOpen ? ' open' : ''}`} onKeyDown={onSettingsKey}>
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
      </div>
      {result && (
        <button type="button" className="primary export-report" onClick={() => openDialog('export')} title={t.top.exportTitle(`${MOD}E`)} aria-label={t.top.exportReport}>
          <span className="long-label">{t.top.exportReport}</span>
          <span className="short-label" aria-hidden="true">
            {t.top.exportShort}
          </span>
        </button>
      )}
      <button type="button" className="icon" aria-label={t.top.about} onClick={() => openDialog('about')}>
        ?
      </button>
    </header>
  );
}
