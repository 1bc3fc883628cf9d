// Bulk: N forged events (or copies of a delivery) at concurrency C, a progress bar, then the report.
import { useEffect, useRef, useState } from 'react';
import type { BulkReport, ProviderTemplates } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import { useConfirm } from '../common/confirm-context';
import { LatencyHistogram } from './latency-histogram';
import { TargetInput, useRecentTargets } from './target-input';

export function BulkPanel({ templates }: { templates: ProviderTemplates[] }) {
  const { api } = useServices();
  const confirm = useConfirm();
  const targets = useRecentTargets();
  const [providerId, setProviderId] = useState('kanboard');
  const [eventName, setEventName] = useState('');
  const [deliveryId, setDeliveryId] = useState('');
  const [url, setUrl] = useState('');
  const [count, setCount] = useState(100);
  const [concurrency, setConcurrency] = useState(10);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runId = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('bulk:progressed', (payload) => {
        if (payload.runId === runId.current)
          setProgress({ done: payload.done, total: payload.total });
      }),
    [api],
  );

  const provider = templates.find((t) => t.provider === providerId) ?? templates[0];
  const event = provider?.events.find((e) => e.name === eventName) ?? provider?.events[0];

  const start = async (confirmLoop = false) => {
    setError(null);
    setReport(null);
    // Unique per run, so progress events of another run (another window) are ignored.
    const id = `bulk-${crypto.randomUUID()}`;
    runId.current = id;
    setProgress({ done: 0, total: count });
    const source = deliveryId.trim()
      ? { deliveryId: deliveryId.trim() }
      : { provider: provider?.provider ?? '', event: event?.name ?? '' };
    const answer = await api.call('bulk:start', {
      runId: id,
      url: url.trim(),
      count,
      concurrency,
      source,
      ...(confirmLoop ? { confirmLoop: true } : {}),
    });
    if (answer.ok) {
      setReport(answer.value);
      targets.reload();
    } else if (answer.error.code === 'confirm-loop') {
      setProgress(null);
      confirm({
        title: 'Send the run to Hookscope itself?',
        message: `${answer.error.message} Every request will be stored in the Inbox.`,
        confirmLabel: 'Send to Hookscope',
        tone: 'neutral',
        onConfirm: () => void start(true),
      });
    } else setError(answer.error.message);
  };

  const running = progress !== null && report === null && error === null;
  return (
    <div className="send-panel" data-testid="bulk-panel">
      <div className="form-row">
        <select
          aria-label="Provider"
          value={provider?.provider ?? ''}
          onChange={(e) => {
            setProviderId(e.target.value);
            setEventName('');
          }}
          disabled={deliveryId !== ''}
        >
          {templates
            .filter((t) => t.events.length > 0)
            .map((t) => (
              <option key={t.provider} value={t.provider}>
                {t.name}
              </option>
            ))}
        </select>
        <select
          aria-label="Event"
          value={event?.name ?? ''}
          onChange={(e) => setEventName(e.target.value)}
          disabled={deliveryId !== ''}
        >
          {provider?.events.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
            </option>
          ))}
        </select>
        <span className="muted">or copies of delivery</span>
        <input
          className="text-input"
          aria-label="Delivery id"
          placeholder="delivery id"
          value={deliveryId}
          onChange={(e) => setDeliveryId(e.target.value)}
        />
      </div>
      <div className="form-row">
        <TargetInput value={url} onChange={setUrl} recent={targets.recent} testId="bulk-url" />
        <label>
          Requests{' '}
          <input
            className="text-input"
            data-testid="bulk-count"
            type="number"
            min={1}
            max={100000}
            value={count}
            onChange={(e) => setCount(Number(e.target.value))}
          />
        </label>
        <label>
          Concurrency{' '}
          <input
            className="text-input"
            data-testid="bulk-concurrency"
            type="number"
            min={1}
            max={1000}
            value={concurrency}
            onChange={(e) => setConcurrency(Number(e.target.value))}
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="bulk-start"
          disabled={running || !url.trim()}
          onClick={() => void start()}
        >
          {running ? 'Running…' : 'Start'}
        </button>
      </div>
      {progress && (
        <progress
          className="progress"
          data-testid="bulk-progress"
          max={progress.total}
          value={progress.done}
        >
          {progress.done}/{progress.total}
        </progress>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {report && <BulkSummary report={report} />}
    </div>
  );
}

function BulkSummary({ report }: { report: BulkReport }) {
  const { latencyMs } = report;
  return (
    <div data-testid="bulk-report">
      <p>
        {report.sent} requests in {report.totalMs.toFixed(0)} ms ({report.requestsPerSec.toFixed(1)}
        /s) · p50 {latencyMs.p50.toFixed(1)} ms · p90 {latencyMs.p90.toFixed(1)} ms · p99{' '}
        {latencyMs.p99.toFixed(1)} ms · max {latencyMs.max.toFixed(1)} ms
      </p>
      <p data-testid="bulk-status-counts">
        {Object.entries(report.statusCounts)
          .map(([status, n]) => `${status}: ${n}`)
          .join(' · ')}
      </p>
      {report.budgetMs !== null && (
        <p className={report.slowerThanBudget > 0 ? 'field-error' : 'field-ok'}>
          {report.slowerThanBudget} slower than the provider's {report.budgetMs} ms budget
        </p>
      )}
      <LatencyHistogram histogram={report.histogram} />
    </div>
  );
}
