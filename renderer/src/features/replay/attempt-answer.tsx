// What a target answered a replay, forward, forge or handshake: status, timing, headers, body.
import type { AttemptDetail } from '../../../../electron/contract/sender';
import { headerValue } from '../../lib/request-parts';
import { StatusCode } from '../common/status-code';
import { BodyView } from '../detail/body-view';
import { HeadersTable } from '../detail/headers-table';

export function AttemptAnswer({ attempt, testId }: { attempt: AttemptDetail; testId: string }) {
  if (!attempt.answer) {
    return (
      <div className="attempt-answer attempt-failed" data-testid={testId} role="status">
        <strong>No answer</strong> ({attempt.failureCode}): {attempt.failureMessage}
        <span className="muted"> · {attempt.totalMs.toFixed(1)} ms</span>
      </div>
    );
  }
  const { answer } = attempt;
  return (
    <div className="attempt-answer" data-testid={testId}>
      <div className="attempt-status" data-testid={`${testId}-status`}>
        <StatusCode status={answer.status} withReason />
        <span className="muted">
          {' '}
          · {answer.totalMs.toFixed(1)} ms (first byte {answer.firstByteMs.toFixed(1)} ms) ·{' '}
          {attempt.url}
        </span>
      </div>
      <h4 className="subheading">Headers</h4>
      <HeadersTable headers={answer.rawHeaders} testId={`${testId}-headers`} />
      <h4 className="subheading">Body</h4>
      <BodyView
        bytes={answer.body}
        contentType={headerValue(answer.rawHeaders, 'content-type')}
        testIdPrefix={`${testId}-body`}
      />
    </div>
  );
}
