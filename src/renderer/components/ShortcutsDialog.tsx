import { useT } from '../i18n';
import { MOD } from './TopBar';
import { Modal } from './Modal';
import { RESULT_VIEWS } from '../state/store';

/** The keyboard shortcuts sheet (F1 or ?). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const rows: [string, string][] = [
    [`${MOD}O`, t.shortcuts.open],
    [`${MOD}Shift+O`, t.shortcuts.openFolder],
    [`${MOD}E`, t.shortcuts.export],
    [`${MOD}K`, t.shortcuts.ssh],
    [`${MOD}1 … ${MOD}${RESULT_VIEWS.length}`, t.shortcuts.views],
    [`${MOD}Tab / ${MOD}Shift+Tab`, t.shortcuts.nextTab],
    [`${MOD}W`, t.shortcuts.closeTab],
    [`${MOD}F`, t.shortcuts.find],
    ['F3 / Shift+F3', t.shortcuts.findNext],
    ['↑ ↓ PgUp PgDn', t.shortcuts.rows],
    ['Home / End', t.shortcuts.firstLast],
    ['Enter', t.shortcuts.detail],
    [`Shift+↑ ↓ / ${MOD}C`, t.shortcuts.select],
    ['Esc', t.shortcuts.escape],
    ['F1 / ?', t.shortcuts.help],
  ];
  return (
    <Modal title={t.shortcuts.title} onClose={onClose} footer={<button type="button" className="primary" onClick={onClose}>{t.common.close}</button>}>
      <table className="table compact shortcuts" aria-label={t.shortcuts.title}>
        <tbody>
          {rows.map(([k, what]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
