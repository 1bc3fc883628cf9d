// The detail pane for the selected delivery. Bodies come from api.getDetail (LRU cache), not the store.
import { useEffect, useState, type Ref } from 'react';
import type { DeliveryDetail as Detail } from '../../../../electron/contract/delivery';
import type { Result } from '../../../../electron/contract/result';
import { useAppStore, useServices } from '../../app-context';
import { formatBytes, formatDateTime, formatHttpVersion } from '../../lib/format';
import { queryParams } from '../../lib/request-parts';
import { selectSelectedSummary } from '../../store/selectors';
import { MethodBadge } from '../common/method-badge';
import { VerdictBadge } from '../common/verdict-badge';
import { BodyView } from './body-view';
import { DetailActions } from './detail-actions';
import { HeadersTable } from './headers-table';
import { PairsTable } from './pairs-table';
import { ResponsePanel } from './response-panel';
import { ReplayPanel } from '../replay/replay-panel';
import { Section } from './section';
import { VerdictPanel } from './verdict-panel';
import { DriftPanel } from './drift-panel';
import { AnnotationBar } from '../inspector/annotation-bar';
import { CompareDiff, useComparePair } from '../inspector/compare-diff';
import { schemaMarks } from '../inspector/schema-marks';
import { SnsConfirmPanel } from '../providers/sns-confirm-panel';

export function DeliveryDetailPane({ paneRef }: { paneRef?: Ref<HTMLDivElement> }) {
  const { api } = useServices();
  const summary = useAppStore(selectSelectedSummary);
  const [loaded, setLoaded] = useState<{ summary: object; result: Result<Detail> } | null>(null);

  // Refetch when the summary object changes: an `updated` event (new verdict) replaces it.
  useEffect(() => {
    if (!summary) return;
    let cancelled = false;
    void api.getDetail(summary.id).then((result) => {
      if (!cancelled) setLoaded({ summary, result });
    });
    return () => {
      cancelled = true;
    };
  }, [api, summary]);

  // Two deliveries picked: the pane shows their diff instead of one delivery.
  const comparePair = useComparePair();
  if (comparePair) {
    return (
      <div
        className="detail"
        ref={paneRef}
        tabIndex={-1}
        data-testid="detail"
        aria-label="Delivery diff"
      >
        <CompareDiff pair={comparePair} />
      </div>
    );
  }

  let content;
  if (!summary) {
    content = (
      <div className="detail-placeholder">
        <p>Select a delivery to inspect it.</p>
        <p className="muted">↑ ↓ or j k to move · Enter to open · Delete to remove</p>
        <p className="muted">Press ? for every shortcut</p>
      </div>
    );
  } else if (!loaded || loaded.summary !== summary) {
    content = <div className="detail-placeholder muted">Loading…</div>;
  } else if (!loaded.result.ok) {
    content = (
      <div className="detail-placeholder" role="alert">
        <p>Could not load this delivery.</p>
        <p className="muted">
          {loaded.result.error.code}: {loaded.result.error.message}
        </p>
      </div>
    );
  } else {
    content = <DetailBody key={loaded.result.value.id} delivery={loaded.result.value} />;
  }

  return (
    <div
      className="detail"
      ref={paneRef}
      tabIndex={-1}
      data-testid="detail"
      aria-label="Delivery detail"
    >
      {content}
    </div>
  );
}

function DetailBody({ delivery }: { delivery: Detail }) {
  const params = queryParams(delivery.target);
  return (
    <div className="detail-content">
      <header className="detail-header">
        <div className="request-line" data-testid="detail-request-line">
          <MethodBadge method={delivery.method} />
          <span className="request-target">{delivery.target}</span>
          <span className="muted request-version">{formatHttpVersion(delivery.httpVersion)}</span>
          <VerdictBadge badge={delivery.badge} />
        </div>
        <div className="detail-meta">
          <span>{formatDateTime(delivery.receivedAt)}</span>
          <span>from {delivery.remoteAddress}</span>
          <span>via {delivery.via}</span>
          <span>{formatBytes(delivery.size)}</span>
          {delivery.endpoint && <span>endpoint {delivery.endpoint}</span>}
          {delivery.provider && <span className="tag">{delivery.provider}</span>}
          {delivery.event && <span className="tag">{delivery.event}</span>}
          {delivery.handshake && <span className="tag tag-handshake">handshake answered</span>}
          {delivery.truncated && <span className="tag tag-warning">body truncated</span>}
        </div>
        <DetailActions delivery={delivery} />
        <AnnotationBar delivery={delivery} />
      </header>
      <VerdictPanel verdict={delivery.verdict} />
      <DriftPanel drift={delivery.driftVerdict} />
      <SnsConfirmPanel delivery={delivery} />
      <Section
        title={`Request headers (${delivery.rawHeaders.length})`}
        testId="detail-request-headers"
      >
        <HeadersTable headers={delivery.rawHeaders} testId="detail-headers" />
      </Section>
      {params.length > 0 && (
        <Section title={`Query parameters (${params.length})`}>
          <PairsTable pairs={params} testId="detail-query" />
        </Section>
      )}
      <Section title="Request body" testId="detail-body">
        <BodyView
          bytes={delivery.body}
          contentType={delivery.contentType}
          testIdPrefix="detail"
          truncated={delivery.truncated}
          marks={schemaMarks(delivery.verdict)}
          fileStem={`hookscope-${delivery.id}-request`}
        />
      </Section>
      <ResponsePanel response={delivery.response} />
      <ReplayPanel delivery={delivery} />
    </div>
  );
}
