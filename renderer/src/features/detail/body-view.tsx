// A body with its views as tabs. Everything renders as text nodes: captured bodies are hostile.
import { useState } from 'react';
import type { BodyViewKind } from '../../lib/body-analysis';
import { bytesToBase64, bytesToHex } from '../../lib/bytes';
import { downloadBytes } from '../../lib/download';
import { bodyFileName } from '../../lib/file-name';
import { formatBytes } from '../../lib/format';
import { CopyButton } from '../common/copy-button';
import { ImagePreview } from '../inspector/image-preview';
import { MultipartView } from '../inspector/multipart-view';
import { useBodyAnalysis } from '../inspector/use-body-analysis';
import { HexView } from './hex-view';
import { JsonTree, type PointerMarks } from './json-tree';
import { PairsTable } from './pairs-table';

/** Raw text beyond this is behind a "show all" button: a huge <pre> makes layout slow. */
const RAW_PREVIEW_CHARS = 512 * 1024;

const TAB_LABELS: Record<BodyViewKind, string> = {
  json: 'JSON',
  form: 'Form',
  multipart: 'Parts',
  xml: 'XML',
  image: 'Image',
  raw: 'Raw',
  hex: 'Hex',
};

interface BodyViewProps {
  bytes: Uint8Array;
  contentType: string | null;
  /** `detail` for the request body, `response` for the answer: prefixes every data-testid. */
  testIdPrefix: string;
  truncated?: boolean;
  /** Findings to mark in the JSON tree at their pointer (schema errors). */
  marks?: PointerMarks;
  /** The downloaded file's name without extension (the media type picks the extension). */
  fileStem?: string;
}

export function BodyView({
  bytes,
  contentType,
  testIdPrefix,
  truncated = false,
  marks,
  fileStem = `${testIdPrefix}-body`,
}: BodyViewProps) {
  const analysis = useBodyAnalysis(bytes, contentType);
  const [chosen, setChosen] = useState<BodyViewKind | null>(null);
  const [showAllRaw, setShowAllRaw] = useState(false);

  if (bytes.length === 0)
    return (
      <p className="muted" data-testid={`${testIdPrefix}-empty-body`}>
        No body.
      </p>
    );
  if (!analysis) {
    return (
      <p className="muted" data-testid={`${testIdPrefix}-formatting`}>
        Formatting {formatBytes(bytes.length)}…
      </p>
    );
  }
  const view = chosen && analysis.views.includes(chosen) ? chosen : analysis.preferred;

  const rawText = showAllRaw ? analysis.text : analysis.text.slice(0, RAW_PREVIEW_CHARS);
  return (
    <div className="body-view">
      <div className="tabs" role="tablist">
        {analysis.views.map((kind) => (
          <button
            key={kind}
            type="button"
            role="tab"
            aria-selected={kind === view}
            className={`tab${kind === view ? ' is-active' : ''}`}
            data-testid={`${testIdPrefix}-tab-${kind}`}
            onClick={() => setChosen(kind)}
          >
            {TAB_LABELS[kind]}
          </button>
        ))}
        <span className="tabs-spacer" />
        <span className="muted body-meta">
          {formatBytes(bytes.length)}
          {!analysis.isText && ' · binary'}
          {truncated && ' · truncated'}
        </span>
        {analysis.isText ? (
          <CopyButton
            text={() =>
              view === 'json' && analysis.json
                ? JSON.stringify(analysis.json.value, null, 2)
                : view === 'xml' && analysis.xml !== null
                  ? analysis.xml
                  : analysis.text
            }
            label={view === 'json' ? 'Copy pretty' : 'Copy text'}
            testId={`${testIdPrefix}-copy-text`}
          />
        ) : (
          // Binary decoded as text would paste replacement characters: offer the exact bytes.
          <>
            <CopyButton
              text={() => bytesToHex(bytes)}
              label="Copy as hex"
              testId={`${testIdPrefix}-copy-hex`}
            />
            <CopyButton
              text={() => bytesToBase64(bytes)}
              label="Copy as base64"
              testId={`${testIdPrefix}-copy-base64`}
            />
          </>
        )}
        <button
          type="button"
          className="button button-small"
          data-testid={`${testIdPrefix}-download`}
          title="Save the exact body bytes as a file"
          onClick={() =>
            downloadBytes(
              bodyFileName(fileStem, contentType),
              bytes,
              contentType ?? 'application/octet-stream',
            )
          }
        >
          Download
        </button>
      </div>
      <div className="tab-panel" role="tabpanel">
        {view === 'json' && analysis.json && (
          <JsonTree value={analysis.json.value} testId={`${testIdPrefix}-json`} marks={marks} />
        )}
        {view === 'form' && analysis.form && (
          <PairsTable pairs={analysis.form} testId={`${testIdPrefix}-form`} />
        )}
        {view === 'multipart' && analysis.multipart && (
          <MultipartView
            parts={analysis.multipart}
            testId={`${testIdPrefix}-multipart`}
            fileStem={fileStem}
          />
        )}
        {view === 'xml' && analysis.xml !== null && (
          <pre className="raw-text" data-testid={`${testIdPrefix}-xml`}>
            {analysis.xml}
          </pre>
        )}
        {view === 'image' && analysis.image && (
          <ImagePreview bytes={bytes} type={analysis.image} testId={`${testIdPrefix}-image`} />
        )}
        {view === 'raw' && (
          <>
            {!analysis.isText && (
              <p className="notice">
                Not valid UTF-8 text: shown decoded with replacement characters. The Hex tab has the
                exact bytes.
              </p>
            )}
            <pre className="raw-text" data-testid={`${testIdPrefix}-raw`}>
              {rawText}
            </pre>
            {rawText.length < analysis.text.length && (
              <button
                type="button"
                className="button button-small show-more"
                onClick={() => setShowAllRaw(true)}
              >
                Show all ({formatBytes(bytes.length)})
              </button>
            )}
          </>
        )}
        {view === 'hex' && <HexView bytes={bytes} testId={`${testIdPrefix}-hex`} />}
      </div>
    </div>
  );
}
