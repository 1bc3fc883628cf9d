// multipart/form-data: each part's headers and body, as text, as an image (sniffed from its bytes),
// or a byte count for other binary parts; every part can be downloaded under its own file name.
import { decodeUtf8, isProbablyText } from '../../lib/bytes';
import { downloadBytes } from '../../lib/download';
import { bodyFileName } from '../../lib/file-name';
import { formatBytes } from '../../lib/format';
import { sniffImage } from '../../lib/image-type';
import type { MultipartPart } from '../../lib/multipart';
import { ImagePreview } from './image-preview';

/** Part bodies longer than this are cut in the view (the Raw and Hex tabs have everything). */
const PART_PREVIEW_CHARS = 64 * 1024;

/** A part's file name: the sender's filename, else `<stem>-<field name or number>.<ext>`. */
export function partFileName(part: MultipartPart, index: number, fileStem: string): string {
  const field = (part.name ?? `part-${index + 1}`).replace(/[^\w.-]+/gu, '_');
  return bodyFileName(`${fileStem}-${field}`, part.contentType, part.filename);
}

export function MultipartView({
  parts,
  testId,
  fileStem = 'body',
}: {
  parts: readonly MultipartPart[];
  testId: string;
  fileStem?: string;
}) {
  if (parts.length === 0) return <p className="muted">No parts.</p>;
  return (
    <ol className="multipart-parts" data-testid={testId}>
      {parts.map((part, index) => {
        const text = isProbablyText(part.body) ? decodeUtf8(part.body) : null;
        const image = text === null ? sniffImage(part.body) : null;
        const fileName = partFileName(part, index, fileStem);
        return (
          <li key={index} className="multipart-part" data-testid="multipart-part">
            <div className="multipart-title">
              <strong>{part.name ?? `part ${index + 1}`}</strong>
              {part.filename !== null && <span className="tag">file {part.filename}</span>}
              {part.contentType && <span className="muted"> {part.contentType}</span>}
              <span className="muted"> · {formatBytes(part.body.length)}</span>
              <button
                type="button"
                className="button button-small multipart-download"
                data-testid="multipart-part-download"
                title={`Save this part as ${fileName}`}
                onClick={() =>
                  downloadBytes(fileName, part.body, part.contentType ?? 'application/octet-stream')
                }
              >
                Download
              </button>
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
            ) : image !== null ? (
              <ImagePreview bytes={part.body} type={image} testId="multipart-part-image" />
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
