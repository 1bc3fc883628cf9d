import { reasonPhrase, statusClass } from '../../lib/format';

export function StatusCode({
  status,
  withReason = false,
}: {
  status: number | null;
  withReason?: boolean;
}) {
  if (status === null) return <span className="status-code status-none">—</span>;
  const reason = withReason ? reasonPhrase(status) : '';
  return (
    <span className={`status-code status-${statusClass(status)}`}>
      {status}
      {reason && <span className="status-reason"> {reason}</span>}
    </span>
  );
}
