// Copy as curl, export (jsonl / HAR) and delete for the open delivery.
import type { DeliveryDetail } from '../../../../electron/contract/delivery';
import { useAppStore } from '../../app-context';
import { buildCurl } from '../../lib/curl';
import { downloadText } from '../../lib/download';
import { exportFileName, toHar, toJsonlLine } from '../../lib/export-delivery';
import { CopyButton } from '../common/copy-button';
import { useDeliveryActions } from '../inbox/use-delivery-actions';

/** Used when the receiver address is not known yet (curl still needs a URL to be pasteable). */
const FALLBACK_BASE_URL = 'http://127.0.0.1:8080';

export function DetailActions({ delivery }: { delivery: DeliveryDetail }) {
  const baseUrl = useAppStore((state) => state.receiver?.url ?? FALLBACK_BASE_URL);
  const { deleteDelivery } = useDeliveryActions();
  const curl = () =>
    buildCurl({
      method: delivery.method,
      baseUrl,
      target: delivery.target,
      rawHeaders: delivery.rawHeaders,
      body: delivery.body,
    });
  return (
    <div className="detail-actions">
      <CopyButton text={curl} label="Copy as curl" testId="copy-curl" />
      <button
        type="button"
        className="button button-small"
        data-testid="export-jsonl"
        onClick={() =>
          downloadText(
            exportFileName(delivery, 'jsonl'),
            toJsonlLine(delivery),
            'application/x-ndjson',
          )
        }
      >
        Export JSONL
      </button>
      <button
        type="button"
        className="button button-small"
        data-testid="export-har"
        onClick={() =>
          downloadText(
            exportFileName(delivery, 'har'),
            JSON.stringify(toHar([delivery], baseUrl), null, 2),
            'application/json',
          )
        }
      >
        Export HAR
      </button>
      <button
        type="button"
        className="button button-small button-danger-ghost"
        data-testid="delete-delivery"
        onClick={() => deleteDelivery(delivery.id)}
      >
        Delete
      </button>
    </div>
  );
}
