import { RESULT_VIEWS, useApp, type Theme } from '../state/store';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl+';

/** Top bar: view tabs, time zone and theme switches, export and about. */
export function TopBar() {
  const view = useApp((s) => s.view);
  const result = useApp((s) => s.result);
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
      <button type="button" className="brand" onClick={() => useApp.setState({ view: 'start' })} title="Start">
        <span className="logo" aria-hidden="true">
          ✚
        </span>
        VM Backup Doctor
      </button>
      {result && (
        <nav role="tablist" aria-label="Views" className="tabs">
          {RESULT_VIEWS.map((v, i) => (
            <button
              key={v.id}
              id={`tab-${v.id}`}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              tabIndex={view === v.id ? 0 : -1}
              className="tab"
              title={`${v.label} (${MOD}${i + 1})`}
              onClick={() => setView(v.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {v.label}
            </button>
          ))}
        </nav>
      )}
      <span className="spacer" />
      {result && (
        <span className="bundle-name muted small" title={result.inputs.map((i) => i.path).join('\n')}>
          {result.vm.hostname ?? result.inputs[0]?.path.split(/[\\/]/).pop()}
        </span>
      )}
      <div className="seg" role="group" aria-label="Time zone">
        <button type="button" aria-pressed={timeMode === 'utc'} onClick={() => setTimeMode('utc')} title="Show times in UTC">
          UTC
        </button>
        <button type="button" aria-pressed={timeMode === 'local'} onClick={() => setTimeMode('local')} title="Show times in your time zone">
          Local
        </button>
      </div>
      <label className="theme-pick">
        <span className="sr-only">Theme</span>
        <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
          <option value="system">System theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      {result && (
        <button type="button" className="primary" onClick={() => openDialog('export')} title={`Export report (${MOD}E)`}>
          Export report…
        </button>
      )}
      <button type="button" className="icon" aria-label="About" onClick={() => openDialog('about')}>
        ?
      </button>
    </header>
  );
}
