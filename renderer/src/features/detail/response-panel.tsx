// What Hookscope answered the sender: status, headers and body, plus how long it took.
import type { RecordedResponse } from '../../../../electron/contract/delivery';
import { headerValue } from '../../lib/request-parts';
import { StatusCode } from '../common/status-code';
import { BodyView } from './body-view';
import { HeadersTable } from './headers-table';
import { Section } from './section';

export function ResponsePanel({ response }: { response: RecordedResponse | null }) {
  if (!response) {
    return (
      <Section title="Response" testId="detail-response">
        <p className="muted">
          No answer was recorded (the connection closed before Hookscope replied).
        </p>
      </Section>
    );
  }
  return (
    <Section
      title="Response"
      testId="detail-response"
      aside={
        <>
          <StatusCode status={response.status} withReason />
          <span className="muted"> · {response.latencyMs.toFixed(1)} ms</span>
        </>
      }
    >
      <h4 className="subheading">Headers</h4>
      <HeadersTable headers={response.rawHeaders} testId="response-headers" />
      <h4 className="subheading">Body</h4>
      <BodyView
        bytes={response.body}
        contentType={headerValue(response.rawHeaders, 'content-type')}
        testIdPrefix="response"
      />
    </Section>
  );
}
