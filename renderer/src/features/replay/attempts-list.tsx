// Every replay/forward attempt of a delivery: pick one to see its answer or diff it with the original.
import { useState } from 'react';
import type {
  AnswerDiff,
  AttemptDetail,
  AttemptSummary,
} from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import { formatClock } from '../../lib/format';
import { StatusCode } from '../common/status-code';
import { AttemptAnswer } from './attempt-answer';
import { AnswerDiffView } from './answer-diff-view';

export function AttemptsList({
  attempts,
  hasOriginalAnswer,
}: {
  attempts: AttemptSummary[];
  hasOriginalAnswer: boolean;
}) {
  const { api } = useServices();
  const [open, setOpen] = useState<AttemptDetail | null>(null);
  const [diff, setDiff] = useState<AnswerDiff | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (attempts.length === 0) return <p className="muted">Not replayed or forwarded yet.</p>;

  const show = async (id: string) => {
    setDiff(null);
    setError(null);
    const result = await api.call('attempts:get', { id });
    if (result.ok) setOpen(result.value);
    else setError(result.error.message);
  };
  const compare = async (id: string) => {
    const result = await api.call('attempts:diff', { attemptId: id });
    if (result.ok) setDiff(result.value);
    else setError(result.error.message);
  };

  return (
    <div className="attempts">
      <table className="attempts-table" data-testid="attempts-list">
        <thead>
          <tr>
            <th>When</th>
            <th>Kind</th>
            <th>Status</th>
            <th>Time</th>
            <th>Target</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr
              key={attempt.id}
              data-testid="attempt-row"
              data-attempt-id={attempt.id}
              aria-selected={open?.id === attempt.id}
            >
              <td>{formatClock(attempt.startedAt)}</td>
              <td>
                {attempt.kind}
                {attempt.attemptNumber > 1 && (
                  <span className="muted"> #{attempt.attemptNumber}</span>
                )}
                {attempt.label && <span className="muted"> · {attempt.label}</span>}
              </td>
              <td>
                {attempt.status === null ? (
                  <span className="tag tag-warning">{attempt.failureCode}</span>
                ) : (
                  <StatusCode status={attempt.status} />
                )}
                {attempt.nextRetryAt !== null && (
                  <span className="muted"> · retry at {formatClock(attempt.nextRetryAt)}</span>
                )}
              </td>
              <td>{attempt.totalMs.toFixed(1)} ms</td>
              <td className="attempt-url">{attempt.url}</td>
              <td>
                <button
                  type="button"
                  className="button button-small"
                  data-testid="attempt-show"
                  onClick={() => void show(attempt.id)}
                >
                  Answer
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {open && (
        <div className="attempt-detail">
          <AttemptAnswer attempt={open} testId="attempt-answer" />
          {open.answer && hasOriginalAnswer && (
            <button
              type="button"
              className="button button-small"
              data-testid="attempt-diff"
              onClick={() => void compare(open.id)}
            >
              Diff with Hookscope's original answer
            </button>
          )}
          {diff && <AnswerDiffView diff={diff} />}
        </div>
      )}
    </div>
  );
}
