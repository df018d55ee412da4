import { useMemo } from 'react';
import type { AnalysisResult } from '../../shared';
import { api } from '../api';
import type { Messages } from '../i18n';
import type { OpenBundle } from '../util/compare';
import { EMPTY_FILTERS, useLogs } from './logs';
import { tabState, useApp, type TabState } from './store';

/**
 * Bundles open side by side: the shown tab's analysis lives in the stores the views read (result, view,
 * filters, bookmarks), the hidden tabs keep theirs with the tab. Switching tells main first, so the log
 * pages asked for after the switch come from the right session.
 */

/**
 * A tab's name: the VM's host name, else the input's file names (in the labels' language: a paste's name follows a switch);
 * one VM of a bundle that holds two says so.
 */
export function bundleLabel(r: AnalysisResult, labels: Messages): string {
  if (r.onlyVm) return labels.tabs.onlyVm(r.vm.hostname ?? r.onlyVm.root);
  if (r.vm.hostname) return r.vm.hostname;
  const names = r.inputs.map((i) => (i.kind === 'pasted-text' ? labels.finding.pasted : i.path.split(/[\\/]/).pop() || i.path));
  return names.length > 2 ? `${names[0]} + ${names.length - 1}` : names.join(' + ');
}

/** The open bundles with their results; the shown tab's is the live one (a tab keeps what it had when hidden). */
export function useOpenBundles(): { bundles: OpenBundle[]; active: number } {
  const tabs = useApp((s) => s.tabs);
  const session = useApp((s) => s.session);
  const result = useApp((s) => s.result);
  const bundles = useMemo<OpenBundle[]>(() => {
    const list = tabs.map((x) => ({ tab: x.session, result: x.session === session && result ? result : x.result }));
    return list.length || !result ? list : [{ tab: session ?? 0, result }];
  }, [tabs, session, result]);
  return { bundles, active: session ?? bundles[0]?.tab ?? 0 };
}

const FRESH: TabState = { view: 'diagnosis', logTarget: null, filters: EMPTY_FILTERS, bookmarks: [] };

function show(session: number, result: AnalysisResult, state: TabState): void {
  // filters first: the log view then asks once, for the new bundle with its own filters
  useLogs.setState({ filters: state.filters, bookmarks: state.bookmarks });
  useApp.setState({ session, result, view: state.view, logTarget: state.logTarget, banner: null });
}

/** Switches and closes run one after another: Ctrl+W pressed during a switch closes the tab switched to. */
let queue: Promise<void> = Promise.resolve();
function serial(f: () => Promise<void>): Promise<void> {
  queue = queue.then(f, f);
  return queue;
}

export function switchTab(session: number): Promise<void> {
  return serial(() => show_(session));
}

async function show_(session: number): Promise<void> {
  const before = useApp.getState();
  if (before.loading || before.session === session || !before.tabs.some((t) => t.session === session)) return;
  const { ok } = await api().activateSession(session);
  const s = useApp.getState();
  const target = s.tabs.find((t) => t.session === session);
  if (!target) return;
  if (!ok) {
    // main no longer holds it (it cannot happen by the app's own calls): drop the tab rather than show stale logs
    useApp.setState({ tabs: s.tabs.filter((t) => t !== target) });
    return;
  }
  // the hidden tab keeps the result as shown (a new diagnosis with another portal code included)
  useApp.setState({ tabs: s.tabs.map((t) => (t.session === s.session ? { ...t, result: s.result ?? t.result, saved: tabState() } : t.session === session ? { session, result: t.result } : t)) });
  show(session, target.result, target.saved ?? FRESH);
}

/** Closes a tab and releases its session in main; the neighbour is shown, or the start view after the last. */
export function closeTab(session: number): Promise<void> {
  return serial(() => close_(session));
}

async function close_(session: number): Promise<void> {
  const s = useApp.getState();
  const i = s.tabs.findIndex((t) => t.session === session);
  if (i < 0 || s.loading) return;
  const rest = s.tabs.filter((t) => t.session !== session);
  void api().closeSession(session);
  if (session !== s.session) {
    useApp.setState({ tabs: rest });
    return;
  }
  if (rest.length === 0) {
    useApp.setState({ tabs: [], session: null, result: null, view: 'start', logTarget: null, banner: null });
    useLogs.setState({ filters: EMPTY_FILTERS, bookmarks: [] });
    return;
  }
  useApp.setState({ tabs: rest, session: null });
  await show_(rest[Math.min(i, rest.length - 1)].session);
}

/** Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, round. */
export function cycleTab(step: 1 | -1): void {
  // from the tab shown when the earlier switches are done (two quick Ctrl+Tab go two tabs on)
  void serial(async () => {
    const s = useApp.getState();
    if (s.tabs.length < 2) return;
    const i = s.tabs.findIndex((t) => t.session === s.session);
    await show_(s.tabs[(i + step + s.tabs.length) % s.tabs.length].session);
  });
}
