import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog: role=dialog named by its title, focus moves in on open and back on close,
 * Escape closes, Tab stays inside.
 */
export function Modal(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; footer?: ReactNode }) {
  const { title, onClose, children, wide, footer } = props;
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = () => ref.current?.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button:not([disabled])');
    first()?.focus();
    // Focus that left the dialog (a control that got disabled or removed drops it on the page) comes back
    // with the next Tab instead of walking the page behind the dialog.
    const onTab = (e: KeyboardEvent) => {
      const dlg = ref.current;
      if (e.key !== 'Tab' || !dlg || dlg.contains(document.activeElement)) return;
      const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
      if (dialogs[dialogs.length - 1] !== dlg) return;
      e.preventDefault();
      first()?.focus();
    };
    document.addEventListener('keydown', onTab, true);
    return () => {
      document.removeEventListener('keydown', onTab, true);
      before?.focus?.();
    };
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closeRef.current();
    } else if (e.key === 'Tab' && ref.current) {
      const items = [...ref.current.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea, button:not([disabled]), iframe, [tabindex="0"]')];
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  return (
    <div className="modal-backdrop">
      <div ref={ref} className={`modal${wide ? ' modal-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={id} onKeyDown={onKeyDown}>
        <header className="modal-head">
          <h2 id={id}>{title}</h2>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}
