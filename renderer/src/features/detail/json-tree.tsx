// A collapsible JSON tree. Keys and values are text nodes only: a payload cannot inject markup.
// Every line knows its JSON pointer: it can be copied, and schema errors are marked where they are.
import { createContext, useContext, useState } from 'react';
import { copyText } from '../../lib/download';
import { childPointer, isWithin } from '../../lib/json-pointer';

/** Children shown before a "show more" button, so a 100,000-item array stays responsive. */
const CHILDREN_PAGE = 200;
/** Levels open on first view. */
const OPEN_DEPTH = 3;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Pointer -> messages of the findings there (schema errors). */
export type PointerMarks = ReadonlyMap<string, readonly string[]>;
const MarksContext = createContext<PointerMarks>(new Map());

/** The line's mark (its own findings), and whether a finding lies deeper inside it. */
function useMark(pointer: string): { messages: readonly string[] | undefined; inside: boolean } {
  const marks = useContext(MarksContext);
  let inside = false;
  for (const key of marks.keys()) if (key !== pointer && isWithin(key, pointer)) inside = true;
  return { messages: marks.get(pointer), inside };
}

function PointerButton({ pointer }: { pointer: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="json-pointer-copy"
      data-testid="json-copy-pointer"
      data-pointer={pointer}
      title={`Copy JSON pointer ${pointer || '(root)'}`}
      aria-label={`Copy JSON pointer ${pointer || '(root)'}`}
      onClick={() => void copyText(pointer).then((ok) => setCopied(ok))}
    >
      {copied ? '✓' : '#'}
    </button>
  );
}

function MarkNote({ messages }: { messages: readonly string[] | undefined }) {
  if (!messages) return null;
  return (
    <span className="json-mark-note" data-testid="json-mark-note">
      {' '}
      ⚠ {messages.join('; ')}
    </span>
  );
}

function Scalar({ value }: { value: Exclude<Json, Json[] | { [key: string]: Json }> }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string')
    return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  return <span className="json-boolean">{String(value)}</span>;
}

interface JsonNodeProps {
  name: string | null;
  value: Json;
  depth: number;
  last: boolean;
  pointer: string;
}

function JsonNode({ name, value, depth, last, pointer }: JsonNodeProps) {
  const mark = useMark(pointer);
  // A schema error deeper inside opens the path to it.
  const [open, setOpen] = useState(depth < OPEN_DEPTH || mark.inside);
  const lineClass = `json-line${mark.messages ? ' json-marked' : ''}`;
  const [limit, setLimit] = useState(CHILDREN_PAGE);
  const label = name === null ? null : <span className="json-key">{JSON.stringify(name)}</span>;
  const comma = last ? '' : ',';
  if (value === null || typeof value !== 'object') {
    return (
      <div className={lineClass} data-pointer={pointer}>
        <PointerButton pointer={pointer} />
        {label}
        {label && <span className="json-punct">: </span>}
        <Scalar value={value} />
        <span className="json-punct">{comma}</span>
        <MarkNote messages={mark.messages} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, Json][] = isArray
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  const [openBrace, closeBrace] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className={lineClass} data-pointer={pointer}>
        <PointerButton pointer={pointer} />
        {label}
        {label && <span className="json-punct">: </span>}
        <span className="json-punct">
          {openBrace}
          {closeBrace}
          {comma}
        </span>
        <MarkNote messages={mark.messages} />
      </div>
    );
  }
  return (
    <div className="json-node">
      <div className={lineClass} data-pointer={pointer}>
        <PointerButton pointer={pointer} />
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
        <MarkNote messages={mark.messages} />
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
                pointer={childPointer(pointer, key)}
              />
            ))}
            {entries.length > limit && (
              <button
                type="button"
                className="button button-small show-more"
                onClick={() => setLimit(limit + CHILDREN_PAGE)}
              >
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

export function JsonTree({
  value,
  testId,
  marks,
}: {
  value: unknown;
  testId: string;
  marks?: PointerMarks;
}) {
  return (
    <MarksContext.Provider value={marks ?? EMPTY_MARKS}>
      <div className="json-tree" data-testid={testId}>
        <JsonNode name={null} value={value as Json} depth={0} last pointer="" />
      </div>
    </MarksContext.Provider>
  );
}

const EMPTY_MARKS: PointerMarks = new Map();
