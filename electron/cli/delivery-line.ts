import type { DeliverySummary } from '../contract/delivery';
import type { DriftVerdict } from '../contract/learning';
import type { Verdict } from '../contract/verdict';
import { verdictTail } from './verdict-line';

// Captured traffic is hostile: never let it move the cursor or recolour the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const printable = (text: string): string => text.replace(CONTROL, '?');

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * `14:03:07.123 POST   /kanboard?token=x  512 B  -> 200` (local time, like a terminal log), then
 * provider, event and verdict when known.
 */
export function formatDeliveryLine(
  delivery: DeliverySummary,
  verdict: Verdict | null = null,
  drift: DriftVerdict | null = null,
): string {
  const at = new Date(delivery.receivedAt);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
  const size = formatSize(delivery.size) + (delivery.truncated ? ' (truncated)' : '');
  const status = delivery.responseStatus ?? '-';
  const via = delivery.via === 'tunnel' ? '  via tunnel' : '';
  const tail = printable(verdictTail(delivery, verdict, drift));
  return `${time} ${printable(delivery.method).padEnd(6)} ${printable(delivery.target)}  ${size}  -> ${status}${via}${tail}`;
}
