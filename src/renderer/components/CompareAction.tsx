import { useId } from 'react';
import type { SnapshotTask } from '../../shared';
import { useT } from '../i18n';
import { useApp } from '../state/store';
import { useOpenBundles } from '../state/tabs';
import { lastSuccessFor } from '../util/compare';

/**
 * "Compare with last success": opens the Compare view with `task` beside the last successful task before
 * it (in its bundle, else in another open bundle). Without one the button is disabled and says why, in
 * its tooltip and beside it (a disabled button takes no focus, so the reason is also plain text).
 */
export function CompareAction({ task }: { task: SnapshotTask }) {
  const t = useT();
  const { bundles, active } = useOpenBundles();
  const openCompare = useApp((s) => s.openCompare);
  const reasonId = useId();
  const index = bundles.find((b) => b.tab === active)?.result.snapshots.findIndex((x) => x.taskId === task.taskId) ?? -1;
  if (index < 0) return null;
  const a = { tab: active, index };
  const partner = lastSuccessFor(bundles, a);
  return (
    <span className="compare-action">
      <button type="button" disabled={!partner} title={partner ? undefined : t.cmp.noLastSuccess} aria-describedby={partner ? undefined : reasonId} onClick={() => openCompare(a)} data-testid="compare-last-success">
        {t.cmp.withLastSuccess}
      </button>
      {!partner && (
        <span id={reasonId} className="muted small" data-testid="compare-last-success-reason">
          {t.cmp.noLastSuccess}
        </span>
      )}
    </span>
  );
}
