import type { TunnelStatus } from '../../../../electron/contract/tunnel';

const LABELS: Record<TunnelStatus['state'], string> = {
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  error: 'Error',
};

/** The state as a badge, and the reason when there is one (reconnecting, error). */
export function TunnelStatusLine({ status }: { status: TunnelStatus }) {
  return (
    <div className="tunnel-status" data-testid="tunnel-status" data-state={status.state}>
      <span className={`tunnel-state tunnel-state-${status.state}`}>{LABELS[status.state]}</span>
      {status.state === 'reconnecting' && (
        <span className="tunnel-reason" data-testid="tunnel-reason">
          attempt {status.attempt}: {status.reason}
          {status.nextRetryMs > 0 ? ` (next try in ${Math.ceil(status.nextRetryMs / 1000)} s)` : ''}
        </span>
      )}
      {status.state === 'error' && (
        <span className="tunnel-reason" data-testid="tunnel-reason">
          {status.reason}
        </span>
      )}
    </div>
  );
}
