// A small stacked bar chart in plain SVG (no chart library): one bar per time bucket, stacked by
// series. Each bar has a <title> tooltip; colours come from CSS classes.
import { useEffect, useState } from 'react';

export interface ChartSeries {
  key: string;
  label: string;
  values: readonly number[];
}

interface StackedBarChartProps {
  series: readonly ChartSeries[];
  /** Label under each bucket (shown for the first, middle and last only). */
  bucketLabels: readonly string[];
  height?: number;
  testId?: string;
  /** Vertical marks at buckets (where drift began), each with its tooltip. */
  markers?: readonly { bucket: number; label: string }[];
}

/** The drawing width until the real one is measured (and in tests, where nothing has a size). */
const DEFAULT_WIDTH = 600;
const AXIS = 18;

export function StackedBarChart({
  series,
  bucketLabels,
  height = 160,
  testId,
  markers = [],
}: StackedBarChartProps) {
  // Draw at the width the chart really has, so it fills the view without stretching its text.
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const measured = useElementWidth(host);
  const WIDTH = measured > 0 ? measured : DEFAULT_WIDTH;
  const buckets = bucketLabels.length;
  const totals = Array.from({ length: buckets }, (_, i) =>
    series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const plot = height - AXIS;
  const slot = WIDTH / Math.max(1, buckets);
  const barWidth = Math.min(Math.max(1, slot * 0.8), 40);
  const marked = new Set([0, Math.floor((buckets - 1) / 2), buckets - 1]);
  return (
    <div ref={setHost} className="chart-host">
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Deliveries over time, at most ${max} per bucket`}
        data-testid={testId}
      >
        <line x1={0} x2={WIDTH} y1={plot} y2={plot} className="chart-axis" />
        <text x={2} y={10} className="chart-label">
          {max}
        </text>
        {totals.map((total, i) => {
          let y = plot;
          return (
            <g key={i} data-testid="chart-bar" data-total={total}>
              <title>{`${bucketLabels[i] ?? ''}: ${total}${series.map((s) => (s.values[i] ? `, ${s.label} ${s.values[i]}` : '')).join('')}`}</title>
              {series.map((s) => {
                const value = s.values[i] ?? 0;
                if (value === 0) return null;
                const h = (value / max) * (plot - 12);
                y -= h;
                return (
                  <rect
                    key={s.key}
                    x={i * slot + (slot - barWidth) / 2}
                    y={y}
                    width={barWidth}
                    height={h}
                    className={`chart-bar chart-${s.key}`}
                  />
                );
              })}
              {marked.has(i) && (
                <text
                  x={Math.min(Math.max(i * slot + slot / 2, 30), WIDTH - 30)}
                  y={height - 4}
                  className="chart-label"
                  textAnchor="middle"
                >
                  {bucketLabels[i]}
                </text>
              )}
            </g>
          );
        })}
        {markers.map((marker) => {
          const x = marker.bucket * slot + slot / 2;
          return (
            <g key={`${marker.bucket} ${marker.label}`} data-testid="chart-marker">
              <title>{marker.label}</title>
              <line x1={x} x2={x} y1={0} y2={plot} className="chart-marker" />
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The element's content width, kept current with a ResizeObserver (0 where there is none). */
function useElementWidth(element: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const next = Math.round(entries[0]?.contentRect.width ?? 0);
      setWidth((current) => (current === next ? current : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}
