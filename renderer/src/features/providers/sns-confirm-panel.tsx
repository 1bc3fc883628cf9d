// AWS SNS SubscriptionConfirmation: Hookscope never visits the SubscribeURL by itself; the user
// confirms here, and the engine checks the URL is AWS's own before the GET.
import { useState } from 'react';
import type { ProviderInfo, SnsConfirmResult } from '../../../../electron/contract/capture-rules';
import type { DeliveryDetail } from '../../../../electron/contract/delivery';
import { useServices } from '../../app-context';
import { Section } from '../detail/section';
import { useProviderCatalog } from './provider-catalog';

/** A delivery of the event its provider confirms only on request (`confirmOnRequest`: AWS SNS). */
export function isSnsConfirmation(
  delivery: Pick<DeliveryDetail, 'provider' | 'event'>,
  providers: readonly ProviderInfo[],
): boolean {
  const provider = providers.find((item) => item.id === delivery.provider);
  return (
    provider?.confirmOnRequest !== undefined && delivery.event === provider.confirmOnRequest.event
  );
}

export function SnsConfirmPanel({ delivery }: { delivery: DeliveryDetail }) {
  const { api } = useServices();
  const providers = useProviderCatalog();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; result: SnsConfirmResult }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  if (!isSnsConfirmation(delivery, providers)) return null;

  async function confirm() {
    setState({ kind: 'busy' });
    const result = await api.call('sns:confirm', { id: delivery.id });
    setState(
      result.ok
        ? { kind: 'done', result: result.value }
        : { kind: 'error', message: result.error.message },
    );
  }

  return (
    <Section title="SNS subscription" testId="sns-confirm">
      <div className="sns-confirm">
        <p className="muted">
          AWS asks to confirm this subscription. Hookscope did not visit the SubscribeURL; confirm
          only if you expect this topic.
        </p>
        <div>
          <button
            type="button"
            data-testid="sns-confirm-button"
            disabled={state.kind === 'busy'}
            onClick={() => void confirm()}
          >
            Confirm subscription
          </button>
        </div>
        {state.kind === 'done' && (
          <p data-testid="sns-confirm-result">
            AWS answered HTTP {state.result.status} from <code>{state.result.url}</code>
          </p>
        )}
        {state.kind === 'error' && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )}
      </div>
    </Section>
  );
}
