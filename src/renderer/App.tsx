import { useEffect, useRef, useState } from 'react';
import type { MenuCommand } from '../shared';
import { api } from './api';
import { AboutDialog } from './components/AboutDialog';
import { BundleTabs } from './components/BundleTabs';
import { ExportDialog } from './components/ExportDialog';
import { ProgressOverlay } from './components/ProgressOverlay';
import { RawFileDialog } from './components/RawFileDialog';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { SshDialog } from './components/SshDialog';
import { SshPromptHost } from './components/SshPromptDialog';
import { TopBar } from './components/TopBar';
import { TwoBundlesDialog } from './components/TwoBundlesDialog';
import { useLang, useT } from './i18n';
import { nothingToAnalyse, openDropped, openOptions, RESULT_VIEWS, subscribeProgress, useApp } from './state/store';
import { closeTab, cycleTab } from './state/tabs';
import { CompareView } from './views/CompareView';
import { NothingView } from './views/NothingView';
import { DiagnosisView } from './views/DiagnosisView';
import { ExtensionsView } from './views/ExtensionsView';
import { LogsView } from './views/LogsView';
import { StartView } from './views/StartView';
import { TimelineView } from './views/TimelineView';

/** Runs a menu command (from main's menu or the same shortcut in the renderer). */
export function runCommand(command: MenuCommand): void {
  const s = useApp.getState();
  switch (command) {
    case 'open-files':
    case 'open-folder':
      void openPicked(command === 'open-files' ? 'files' : 'folder');
      break;
    case 'open-sample':
      void s.run(() => api().openSample(openOptions()));
      break;
    case 'export-report':
      s.openDialog('export');
      break;
    case 'show-about':
      s.openDialog('about');
      break;
    case 'connect-ssh':
      s.openDialog('ssh');
      break;
    case 'view-diagnosis':
    case 'view-timeline':
    case 'view-logs':
    case 'view-extensions':
    case 'view-compare':
      s.setView(command.slice(5) as 'diagnosis');
      break;
  }
}

/** With a bundle open the picker comes first, then the question "add to this VM or open separately?". */
async function openPicked(mode: 'files' | 'folder'): Promise<void> {
  const s = useApp.getState();
  if (s.tabs.length === 0) return s.run(() => api().pickAndOpen(mode, openOptions()));
  if (s.loading) return;
  const paths = await api().pickPaths(mode);
  if (paths?.length) await useApp.getState().run(() => api().openPaths(paths, openOptions()));
}

/** Bundle tab keys: Ctrl+Tab / Ctrl+PageDown next, with Shift / Ctrl+PageUp previous, Ctrl+W closes. */
export function tabCommandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'next-tab' | 'previous-tab' | 'close-tab' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === 'Tab') return e.shiftKey ? 'previous-tab' : 'next-tab';
  if (e.key === 'PageDown' && !e.shiftKey) return 'next-tab';
  if (e.key === 'PageUp' && !e.shiftKey) return 'previous-tab';
  if (e.key.toLowerCase() === 'w' && !e.shiftKey) return 'close-tab';
  return null;
}

/** Keyboard shortcuts mirroring the menu (Ctrl on Linux/Windows, Cmd on macOS). */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuCommand | 'focus-filter' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'o') return e.shiftKey ? 'open-folder' : 'open-files';
  if (e.shiftKey) return null;
  if (k === 'e') return 'export-report';
  if (k === 'k') return 'connect-ssh';
  if (k === 'f') return 'focus-filter';
  const n = Number(k);
  if (n >= 1 && n <= RESULT_VIEWS.length) return `view-${RESULT_VIEWS[n - 1].id}` as MenuCommand;
  return null;
}

export function App() {
  const view = useApp((s) => s.view);
  const banner = useApp((s) => s.banner);
  const dismissBanner = useApp((s) => s.dismissBanner);
  const dialog = useApp((s) => s.dialog);
  const openDialog = useApp((s) => s.openDialog);
  const theme = useApp((s) => s.theme);
  const hasResult = useApp((s) => !!s.result);
  // while a load runs only its overlay (Cancel) and an open dialog (SSH prompts) take the keyboard
  const loading = useApp((s) => s.loading);
  const empty = useApp((s) => nothingToAnalyse(s.result));
  const lang = useLang((s) => s.lang);
  const tr = useT();
  const bannerDetails = banner?.details?.(lang) ?? [];
  // Files are being dragged over the window: a drop anywhere opens them, and the overlay says so.
  const [dragging, setDragging] = useState(false);

  useEffect(() => subscribeProgress(), []);
  useEffect(() => api().on('app:menu', ({ command }) => runCommand(command)), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const st = useApp.getState();
      // Esc cancels a running load (the overlay has no other way to be left).
      if (e.key === 'Escape' && st.loading) {
        e.preventDefault();
        void api().cancel();
        return;
      }
      if (!st.dialog && (e.key === 'F1' || (e.key === '?' && !isTyping(e.target)))) {
        e.preventDefault();
        st.openDialog('shortcuts');
        return;
      }
      const tabKey = tabCommandForKey(e);
      if (tabKey && !st.dialog && st.tabs.length > 0) {
        e.preventDefault();
        if (tabKey === 'close-tab') {
          if (st.session !== null) void closeTab(st.session);
        } else cycleTab(tabKey === 'next-tab' ? 1 : -1);
        return;
      }
      const c = commandForKey(e);
      if (!c) return;
      // While a dialog is open only its own keys apply.
      if (useApp.getState().dialog) return;
      e.preventDefault();
      if (c === 'focus-filter') useApp.getState().focusLogFilter();
      else runCommand(c);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    // Files dropped anywhere in the window open like those dropped on the start view's drop zone (which
    // handles its own); without this a drop on a result view did nothing.
    const carriesFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    // dragleave fires at every element boundary; only one without a next element left the window
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const end = () => setDragging(false);
    const drop = (e: DragEvent) => {
      setDragging(false);
      if (!carriesFiles(e)) return;
      e.preventDefault();
      openDropped([...e.dataTransfer!.files]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragend', end);
    window.addEventListener('drop', drop);
    // the start view's drop zone stops its drop from reaching the window: capture clears the overlay anyway
    window.addEventListener('drop', end, true);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragend', end);
      window.removeEventListener('drop', drop);
      window.removeEventListener('drop', end, true);
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  const close = () => openDialog(null);
  const current = !hasResult || view === 'start' ? 'start' : empty ? 'nothing' : view;
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    // A view switched by its shortcut (Ctrl+2) unmounts the control that had the keyboard: Tab goes on from the
    // new view, not from the top of the window.
    if (!document.activeElement || document.activeElement === document.body) mainRef.current?.focus({ preventScroll: true });
  }, [current]);
  return (
    <div className="app">
      <TopBar />
      <BundleTabs />
      {banner && (
        <div className={`banner banner-${banner.kind}`} role="alert" inert={loading}>
          <div>
            <strong>{banner.message(lang)}</strong>
            {bannerDetails.length > 0 && (
              <ul className="banner-details">
                {bannerDetails.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="icon" onClick={dismissBanner} aria-label={tr.common.dismiss}>
            ×
          </button>
        </div>
      )}
      <main ref={mainRef} tabIndex={-1} inert={loading} className={`view-${current}`} role={current === 'start' || current === 'nothing' ? undefined : 'tabpanel'} aria-labelledby={current === 'start' || current === 'nothing' ? undefined : `tab-${current}`}>
        {current === 'start' && <StartView />}
        {current === 'nothing' && <NothingView />}
        {current === 'diagnosis' && <DiagnosisView />}
        {current === 'timeline' && <TimelineView />}
        {current === 'logs' && <LogsView />}
        {current === 'extensions' && <ExtensionsView />}
        {current === 'compare' && <CompareView />}
      </main>
      <ProgressOverlay />
      {dragging && (
        // pointer-events: none (styles.css): the drop still lands on what is under it (the start view's drop zone)
        <div className="drop-overlay" data-testid="drop-overlay" role="status">
          <div className="drop-overlay-box">
            <strong>{tr.top.dropTitle}</strong>
            <span>{hasResult ? tr.top.dropAsk : tr.top.dropOpen}</span>
          </div>
        </div>
      )}
      {dialog === 'export' && <ExportDialog onClose={close} />}
      {dialog === 'ssh' && <SshDialog onClose={close} />}
      {dialog === 'about' && <AboutDialog onClose={close} />}
      {dialog === 'raw' && <RawFileDialog onClose={close} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={close} />}
      {dialog === 'two-bundles' && <TwoBundlesDialog />}
      <SshPromptHost />
    </div>
  );
}

/** A key typed into a text field is text, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}
