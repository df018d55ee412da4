import { useId, useState, type ReactNode } from 'react';

/** A section with a heading button (aria-expanded) that shows or hides its content. */
export function Collapsible(props: { title: string; count?: number; defaultOpen?: boolean; children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(props.defaultOpen ?? true);
  const id = useId();
  return (
    <section className={`collapsible ${props.className ?? ''}`} aria-label={props.title}>
      <h2 className="collapsible-head">
        <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span className="chev" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {props.title}
          {props.count !== undefined && <span className="count">{props.count}</span>}
        </button>
      </h2>
      <div id={id} hidden={!open}>
        {open && props.children}
      </div>
    </section>
  );
}
