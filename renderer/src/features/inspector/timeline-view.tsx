// "See it": deliveries over time (stacked by verdict), and counts per event and per verdict for the
// current inbox filters. Clicking an event narrows the inbox to it (group by event).
import { useEffect, useState } from 'react';
import type { DeliveryHistogram } from '../../../../electron/contract/inspector';
import type { LearnedModelSummary } from '../../../../electron/contract/learning';
import { useAppStore, useServices } from '../../app-context';
import { toDeliveryQuery } from '../../store/selectors';
import { formatClock, formatDate, formatDateMinute } from '../../lib/format';
import { StackedBarChart, type ChartSeries } from './stacked-bar-chart';
import './inspector.css';

const BUCKETS = 60;
const REFRESH_MS = 1000;
const BADGE_LABELS: Record<string, string> = {
  ok: 'Verified',
  unsigned: 'Unsigned',
  warning: 'Warning',
  fail: 'Failed',
  none: 'Not checked',
};

/** The Inbox's 24-hour format, cut to the bucket's size (one time format everywhere). */
function bucketLabel(start: number, bucketMs: number): string {
  return bucketMs >= 86_400_000
    ? formatDate(start)
    : bucketMs >= 3_600_000
      ? formatDateMinute(start)
      : formatClock(start).slice(0, 8);
}

export function TimelineView() {
  const { api, store } = useServices();
  const filters = useAppStore((state) => state.filters);
  const count = useAppStore((state) => state.stats.count);
  const [histogram, setHistogram] = useState<DeliveryHistogram | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [models, setModels] = useState<LearnedModelSummary[]>([]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(
      () => {
        const { limit: _limit, beforeSeq: _before, ...filter } = toDeliveryQuery(filters);
        // Where drift began, per learned model (issue 16): marks on the chart.
        void api.call('learning:models', {}).then((result) => {
          if (!cancelled && result.ok) setModels(result.value);
        });
        void api.call('deliveries:histogram', { filter, buckets: BUCKETS }).then((result) => {
          if (cancelled) return;
          if (result.ok) {
            setHistogram(result.value);
            setError(null);
          } else setError(result.error.message);
        });
      },
      histogram === null ? 0 : REFRESH_MS,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refresh on filters and new deliveries only
  }, [api, filters, count]);

  if (error)
    return (
      <p role="alert" className="timeline-error">
        Could not load the timeline: {error}
      </p>
    );
  if (!histogram) return <p className="muted timeline-loading">Loading the timeline…</p>;

  const labels = histogram.counts.map((_, i) =>
    bucketLabel(histogram.start + i * histogram.bucketMs, histogram.bucketMs),
  );
  const series: ChartSeries[] = ['fail', 'warning', 'unsigned', 'ok', 'none']
    .filter((badge) => histogram.byBadge[badge])
    .map((badge) => ({
      key: badge,
      label: BADGE_LABELS[badge] ?? badge,
      values: histogram.byBadge[badge] ?? [],
    }));

  const end = histogram.start + histogram.counts.length * histogram.bucketMs;
  const markers = models
    .filter((model) => model.driftSince !== null)
    .filter(
      (model) =>
        (model.driftSince as number) >= histogram.start && (model.driftSince as number) < end,
    )
    .map((model) => ({
      bucket: Math.floor(((model.driftSince as number) - histogram.start) / histogram.bucketMs),
      label: `Drift began: ${model.event ?? model.path ?? model.endpoint} on ${model.endpoint} (${model.driftCount} drifted)`,
    }));

  return (
    <div className="timeline-view" data-testid="timeline-view">
      <section className="timeline-chart">
        <h2>
          Deliveries over time <span className="muted">({histogram.total} matching)</span>
        </h2>
        {histogram.total === 0 ? (
          <p className="muted">No deliveries match the current filters.</p>
        ) : (
          <>
            <StackedBarChart
              series={series}
              bucketLabels={labels}
              testId="timeline-chart"
              markers={markers}
            />
            <p className="chart-legend">
              {series.map((s) => (
                <span key={s.key} className={`legend-item chart-${s.key}`}>
                  ■ {s.label}
                </span>
              ))}
            </p>
          </>
        )}
      </section>
      <div className="timeline-tables">
        <section>
          <h2>By event</h2>
          <table className="count-table" data-testid="timeline-events">
            <tbody>
              {histogram.events.map((item) => (
                <tr key={item.value}>
                  <td>
                    {item.value ? (
                      <button
                        type="button"
                        className="link-button"
                        title="Show only this event in the inbox"
                        onClick={() =>
                          store
                            .getState()
                            .setFilter('event', filters.event === item.value ? '' : item.value)
                        }
                      >
                        {item.value}
                      </button>
                    ) : (
                      <span className="muted">(no event)</span>
                    )}
                  </td>
                  <td className="count-cell">{item.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>By verdict</h2>
          <table className="count-table" data-testid="timeline-verdicts">
            <tbody>
              {histogram.badges.map((item) => (
                <tr key={item.value}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        store
                          .getState()
                          .setFilter(
                            'badge',
                            filters.badge === item.value
                              ? ''
                              : (item.value as typeof filters.badge),
                          )
                      }
                    >
                      {BADGE_LABELS[item.value] ?? item.value}
                    </button>
                  </td>
                  <td className="count-cell">{item.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
