// "Verify this path…": from a delivery to an endpoint that checks its signature, in one click. Opens
// Endpoints with the delivery's path and detected provider prefilled (or its endpoint, if saved).
import type { DeliveryDetail } from '../../../../electron/contract/delivery';
import { useServices } from '../../app-context';
import { splitTarget } from '../../lib/request-parts';

export function VerifyPathButton({ delivery }: { delivery: DeliveryDetail }) {
  const { store } = useServices();
  const { path } = splitTarget(delivery.target);
  return (
    <button
      type="button"
      className="button button-small"
      data-testid="verify-path"
      title={`Open Endpoints with ${path}${delivery.provider ? ` and ${delivery.provider}` : ''} filled in`}
      onClick={() => store.getState().requestEndpoint({ path, provider: delivery.provider ?? '' })}
    >
      Verify this path…
    </button>
  );
}
