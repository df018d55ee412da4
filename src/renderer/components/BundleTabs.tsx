import type { AnalysisResult } from '../../shared';
import { causeById, causeTitle } from '../../shared/catalog';
import { useLang, useT } from '../i18n';
import { nothingToAnalyse, useApp } from '../state/store';
import { bundleLabel, closeTab, switchTab } from '../state/tabs';
import { MOD } from './TopBar';

/** The bundles open side by side, under the top bar: name, verdict, close (shown from the second bundle on). */
export function BundleTabs() {
  const tabs = useApp((s) => s.tabs);
  const session = useApp((s) => s.session);
  const loading = useApp((s) => s.loading);
  // the shown tab's result is the live one (a new diagnosis replaces it there)
  const shown = useApp((s) => s.result);
  const t = useT();
  if (tabs.length < 2) return null;
  return (
    <nav className="bundle-tabs" aria-label={t.tabs.region} inert={loading}>
      <ul>
        {tabs.map((tab) => {
          const active = tab.session === session;
          const result = active && shown ? shown : tab.result;
          const label = bundleLabel(result, t);
          return (
            <li key={tab.session} className={`bundle-tab${active ? ' active' : ''}`} data-testid="bundle-tab">
              <button
                type="button"
                className="bundle-tab-open"
                aria-current={active ? 'page' : undefined}
                disabled={loading}
                title={result.inputs.map((i) => i.path).join('\n')}
                onClick={() => void switchTab(tab.session)}
              >
                <span className="bundle-tab-name">{label}</span>
                <VerdictChip result={result} />
              </button>
              <button type="button" className="icon bundle-tab-close" disabled={loading} aria-label={t.tabs.close(label)} title={`${t.tabs.close(label)} (${MOD}W)`} onClick={() => void closeTab(tab.session)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The tab's verdict in a word or two: the most likely cause (its confidence in the tooltip), or why there is none. */
function VerdictChip({ result }: { result: AnalysisResult }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { cause, confidence } = result.verdict;
  if (nothingToAnalyse(result)) return <span className="badge badge-not-evaluable verdict-chip">{t.tabs.nothing}</span>;
  if (!cause) return <span className="badge badge-ruled-out verdict-chip">{result.snapshots.length === 0 ? t.tabs.noTask : t.tabs.noCause}</span>;
  const title = causeTitle(causeById(cause), result.vm.platform)[lang];
  const low = confidence === 'low';
  return (
    <span className={`badge ${low ? 'badge-not-evaluable' : 'badge-detected'} verdict-chip`} title={confidence ? `${title} (${t.finding.confidence[confidence]})` : title}>
      {low ? t.tabs.possibly(title) : title}
    </span>
  );
}
