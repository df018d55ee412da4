import { useT } from '../i18n';
import { useApp } from '../state/store';
import { bundleLabel } from '../state/tabs';
import { Modal } from './Modal';

/** "Add to this VM or open separately?", asked when a bundle is opened while another one is open. */
export function TwoBundlesDialog() {
  const t = useT();
  const result = useApp((s) => s.result);
  const placeOpen = useApp((s) => s.placeOpen);
  const name = result ? bundleLabel(result, t) : '';
  return (
    <Modal title={t.tabs.askTitle} onClose={() => void placeOpen(null)} footer={<button type="button" onClick={() => void placeOpen(null)}>{t.common.cancel}</button>}>
      <p>{t.tabs.askBody(name)}</p>
      <div className="choices">
        {/* first, so it has the focus: it changes nothing already open */}
        <button type="button" className="choice primary" onClick={() => void placeOpen('separate')}>
          <strong>{t.tabs.separate}</strong>
          <span>{t.tabs.separateHint(name)}</span>
        </button>
        <button type="button" className="choice" onClick={() => void placeOpen('add')}>
          <strong>{t.tabs.add}</strong>
          <span>{t.tabs.addHint(name)}</span>
        </button>
      </div>
    </Modal>
  );
}
