// Copy as curl, export (jsonl / HAR) and delete for the open delivery.
import { useState } from 'react';
import type { DeliveryDetail } from '../../../../electron/contract/delivery';
import { useAppStore, useServices } from '../../app-context';
import { buildCurl } from '../../lib/curl';
import { downloadText } from '../../lib/download';
import { CopyButton } from '../common/copy-button';
import { useDeliveryActions } from '../inbox/use-delivery-actions';
import { VerifyPathButton } from './verify-path-button';

/** Used when the receiver address is not known yet (curl still needs a URL to be pasteable). */
const FALLBACK_BASE_URL = 'http://127.0.0.1:8080';

export function DetailActions({ delivery }: { delivery: DeliveryDetail }) {
  const baseUrl = useAppStore((state) => state.receiver?.url ?? FALLBACK_BASE_URL);
  const { deleteDelivery } = useDeliveryActions();
  const { api } = useServices();
  const [exportError, setExportError] = useState<string | null>(null);
  // The engine writes exports (the same code as `hookscope export`), so the file is identical.
  const exportAs = (format: 'jsonl' | 'har') =>
    void api.call('deliveries:export', { ids: [delivery.id], format }).then((result) => {
      if (!result.ok) return setExportError(`Export failed: ${result.error.message}`);
      setExportError(null);
      downloadText(result.value.fileName, result.value.text, result.value.mimeType);
    });
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
      <VerifyPathButton delivery={delivery} />
      <CopyButton text={curl} label="Copy as curl" testId="copy-curl" />
      <button
        type="button"
        className="button button-small"
        data-testid="export-jsonl"
        onClick={() => exportAs('jsonl')}
      >
        Export JSONL
      </button>
      <button
        type="button"
        className="button button-small"
        data-testid="export-har"
        onClick={() => exportAs('har')}
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
      {exportError && (
        <span className="detail-actions-error" role="alert">
          {exportError}
        </span>
      )}
    </div>
  );
}
