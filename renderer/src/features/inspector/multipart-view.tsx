// multipart/form-data: each part's headers and body, as text (or a byte count for binary parts).
import { decodeUtf8, isProbablyText } from '../../lib/bytes';
import { formatBytes } from '../../lib/format';
import type { MultipartPart } from '../../lib/multipart';

/** Part bodies longer than this are cut in the view (the Raw and Hex tabs have everything). */
const PART_PREVIEW_CHARS = 64 * 1024;

export function MultipartView({
  parts,
  testId,
}: {
  parts: readonly MultipartPart[];
  testId: string;
}) {
  if (parts.length === 0) return <p className="muted">No parts.</p>;
  return (
    <ol className="multipart-parts" data-testid={testId}>
      {parts.map((part, index) => {
        const text = isProbablyText(part.body) ? decodeUtf8(part.body) : null;
        return (
          <li key={index} className="multipart-part" data-testid="multipart-part">
            <div className="multipart-title">
              <strong>{part.name ?? `part ${index + 1}`}</strong>
              {part.filename !== null && <span className="tag">file {part.filename}</span>}
              {part.contentType && <span className="muted"> {part.contentType}</span>}
              <span className="muted"> · {formatBytes(part.body.length)}</span>
            </div>
            <table className="kv-table">
              <tbody>
                {part.headers.map(([name, value], headerIndex) => (
                  <tr key={headerIndex}>
                    <th scope="row" className="kv-name">
                      {name}
                    </th>
                    <td className="kv-value">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {text !== null ? (
              <pre className="raw-text multipart-body">
                {text.length > PART_PREVIEW_CHARS ? `${text.slice(0, PART_PREVIEW_CHARS)}…` : text}
              </pre>
            ) : (
              <p className="muted">
                Binary content ({formatBytes(part.body.length)}): see the Hex tab.
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
