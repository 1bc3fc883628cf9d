import type { QueryParam } from '../../lib/request-parts';

/** Decoded name/value pairs (query parameters, form fields) in the order they were sent. */
export function PairsTable({ pairs, testId }: { pairs: readonly QueryParam[]; testId: string }) {
  return (
    <table className="kv-table" data-testid={testId}>
      <tbody>
        {pairs.map((pair, index) => (
          <tr key={index}>
            <th scope="row" className="kv-name">
              {pair.name}
            </th>
            <td className="kv-value">{pair.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
