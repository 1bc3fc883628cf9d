import { useState, type ReactNode } from 'react';

/** A collapsible card of the detail pane. */
export function Section({
  title,
  aside,
  testId,
  children,
  defaultOpen = true,
}: {
  title: string;
  aside?: ReactNode;
  testId?: string;
  children: ReactNode;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section className="section" data-testid={testId}>
      <header className="section-header">
        <button
          type="button"
          className="section-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          <span className="section-chevron">{open ? '▾' : '▸'}</span>
          {title}
        </button>
        {aside && <span className="section-aside">{aside}</span>}
      </header>
      {open && <div className="section-body">{children}</div>}
    </section>
  );
}
