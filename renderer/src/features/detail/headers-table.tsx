// Header pairs exactly as received: original order, original case, duplicates kept.
import type { RawHeaders } from '../../../../electron/contract/delivery';
import { CopyButton } from '../common/copy-button';

export function headersAsText(headers: RawHeaders): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join('\n');
}

export function HeadersTable({ headers, testId }: { headers: RawHeaders; testId: string }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <div className="kv-block">
      <div className="kv-toolbar">
        <CopyButton
          text={() => headersAsText(headers)}
          label="Copy headers"
          testId={`${testId}-copy`}
        />
      </div>
      <table className="kv-table" data-testid={testId}>
        <tbody>
          {headers.map(([name, value], index) => (
            <tr key={index} data-testid="header-row">
              <th scope="row" className="kv-name">
                {name}
              </th>
              <td className="kv-value">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
