// A collapsible JSON tree. Keys and values are text nodes only: a payload cannot inject markup.
import { useState } from 'react';

/** Children shown before a "show more" button, so a 100,000-item array stays responsive. */
const CHILDREN_PAGE = 200;
/** Levels open on first view. */
const OPEN_DEPTH = 3;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function Scalar({ value }: { value: Exclude<Json, Json[] | { [key: string]: Json }> }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  return <span className="json-boolean">{String(value)}</span>;
}

function JsonNode({ name, value, depth, last }: { name: string | null; value: Json; depth: number; last: boolean }) {
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const [limit, setLimit] = useState(CHILDREN_PAGE);
  const label = name === null ? null : <span className="json-key">{JSON.stringify(name)}</span>;
  const comma = last ? '' : ',';
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line">
        {label}
        {label && <span className="json-punct">: </span>}
        <Scalar value={value} />
        <span className="json-punct">{comma}</span>
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, Json][] = isArray ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const [openBrace, closeBrace] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {label}
        {label && <span className="json-punct">: </span>}
        <span className="json-punct">
          {openBrace}
          {closeBrace}
          {comma}
        </span>
      </div>
    );
  }
  return (
    <div className="json-node">
      <div className="json-line">
        <button
          type="button"
          className="json-toggle"
          aria-expanded={open}
          aria-label={open ? 'Collapse' : 'Expand'}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'}
        </button>
        {label}
        {label && <span className="json-punct">: </span>}
        <span className="json-punct">{openBrace}</span>
        {!open && (
          <>
            <button type="button" className="json-summary" onClick={() => setOpen(true)}>
              {isArray ? `${entries.length} items` : `${entries.length} keys`}
            </button>
            <span className="json-punct">
              {closeBrace}
              {comma}
            </span>
          </>
        )}
      </div>
      {open && (
        <>
          <div className="json-children">
            {entries.slice(0, limit).map(([key, child], index) => (
              <JsonNode
                key={key}
                name={isArray ? null : key}
                value={child}
                depth={depth + 1}
                last={index === entries.length - 1}
              />
            ))}
            {entries.length > limit && (
              <button type="button" className="button button-small show-more" onClick={() => setLimit(limit + CHILDREN_PAGE)}>
                Show more ({entries.length - limit} left)
              </button>
            )}
          </div>
          <div className="json-line">
            <span className="json-punct">
              {closeBrace}
              {comma}
            </span>
          </div>
        </>
      )}
    </div>
  );
}

export function JsonTree({ value, testId }: { value: unknown; testId: string }) {
  return (
    <div className="json-tree" data-testid={testId}>
      <JsonNode name={null} value={value as Json} depth={0} last />
    </div>
  );
}
