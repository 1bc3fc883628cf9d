// Two answers compared: header and body changes by JSON pointer, or lines for text bodies.
import type { AnswerDiff } from '../../../../electron/contract/sender';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

export function AnswerDiffView({ diff }: { diff: AnswerDiff }) {
  if (diff.equal) return <p data-testid="answer-diff">Same answer as the original.</p>;
  const changes = [...diff.changes, ...(diff.body.kind === 'json' ? diff.body.changes : [])];
  return (
    <div className="answer-diff" data-testid="answer-diff">
      {changes.length > 0 && (
        <table className="kv-table">
          <tbody>
            {changes.map((change, index) => (
              <tr key={index} className={`diff-${change.kind}`}>
                <th scope="row" className="kv-name">
                  {change.kind} {change.pointer}
                </th>
                <td className="kv-value">
                  {show(change.old)}{' '}
                  {change.kind === 'changed' || change.kind === 'moved' ? '→' : ''}{' '}
                  {show(change.new)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.body.kind === 'text' && !diff.body.equal && (
        <pre className="diff-lines">
          {diff.body.lines.map((line, index) => (
            <div key={index} className={`diff-line diff-${line.op}`}>
              {line.op === 'added' ? '+ ' : line.op === 'removed' ? '- ' : '  '}
              {line.text}
            </div>
          ))}
        </pre>
      )}
      {diff.body.kind === 'binary' && !diff.body.equal && (
        <p>
          Binary bodies differ ({diff.body.sizes[0]} vs {diff.body.sizes[1]} bytes).
        </p>
      )}
    </div>
  );
}
