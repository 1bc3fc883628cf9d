// The bulk run's latency histogram as plain SVG bars (one per non-empty bucket).
import type { BulkReport } from '../../../../electron/contract/sender';

const WIDTH = 480;
const BAR_HEIGHT = 16;
const LABEL_WIDTH = 80;

export function LatencyHistogram({ histogram }: { histogram: BulkReport['histogram'] }) {
  const rows = histogram
    .map((bucket, index) => ({
      label:
        bucket.upToMs === null
          ? `> ${histogram[index - 1]?.upToMs ?? 0} ms`
          : `≤ ${bucket.upToMs} ms`,
      count: bucket.count,
    }))
    .filter((row) => row.count > 0);
  const most = Math.max(1, ...rows.map((row) => row.count));
  const height = rows.length * (BAR_HEIGHT + 4);
  return (
    <svg
      className="histogram"
      data-testid="bulk-histogram"
      width={WIDTH}
      height={height}
      role="img"
      aria-label="Latency histogram"
    >
      {rows.map((row, index) => {
        const y = index * (BAR_HEIGHT + 4);
        const width = Math.max(2, ((WIDTH - LABEL_WIDTH - 50) * row.count) / most);
        return (
          <g key={row.label}>
            <text className="histogram-label" x={0} y={y + 12}>
              {row.label}
            </text>
            <rect
              className="histogram-bar"
              x={LABEL_WIDTH}
              y={y}
              width={width}
              height={BAR_HEIGHT}
            />
            <text className="histogram-label" x={LABEL_WIDTH + width + 4} y={y + 12}>
              {row.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
