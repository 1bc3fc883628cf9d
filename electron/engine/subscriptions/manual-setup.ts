import type { DeliverySummary } from '../../contract/delivery';
import type { DeliveryStore } from '../store/types';

/** What a person does by hand in a provider that has no webhook API. */
export interface ManualSetup {
  provider: 'kanboard' | 'phraseanet';
  title: string;
  /** In order; each one action in the provider's UI. */
  steps: string[];
  /** Values to copy, shown with a copy button. */
  copy: { label: string; value: string }[];
  notes: string[];
}

export interface ManualSetupInput {
  /** e.g. https://abc.ngrok.app (no trailing slash needed) */
  publicUrl: string;
  /** e.g. /kanboard */
  endpointPath: string;
}

export function webhookUrl(publicUrl: string, endpointPath: string): string {
  const path = endpointPath.startsWith('/') ? endpointPath : `/${endpointPath}`;
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * Kanboard has one global webhook (Settings > Webhooks: "Webhook URL", and a "Webhook token" it
 * generates itself). It appends `?token=<token>` to the URL on every delivery, or `&token=` when the
 * URL already has a query (protocols.md 1.2.1), so the URL pasted into Kanboard carries no token and
 * the token travels the other way: from Kanboard into the Hookscope endpoint.
 */
export function kanboardSetup(input: ManualSetupInput & { token?: string }): ManualSetup {
  const url = webhookUrl(input.publicUrl, input.endpointPath);
  const separator = url.includes('?') ? '&' : '?';
  const token = input.token && input.token.length > 0 ? input.token : null;
  const steps = [
    'In Kanboard, open Settings > Webhooks (administrator only).',
    `Paste ${url} into "Webhook URL" and save. Do not add the token: Kanboard appends ${separator}token=… itself.`,
    token
      ? `Check that the "Webhook token" shown there is ${token}, the token this endpoint expects; if Kanboard shows another one, copy it into the endpoint's Kanboard token.`
      : `Copy the "Webhook token" shown on that page into this endpoint's Kanboard token, so Hookscope can check each delivery's ?token=.`,
    'Move or edit a task: Kanboard sends the event at once, and it appears here.',
  ];
  return {
    provider: 'kanboard',
    title: 'Point Kanboard at Hookscope',
    steps,
    copy: [
      { label: 'Webhook URL', value: url },
      ...(token ? [{ label: 'Webhook token (expected)', value: token }] : []),
    ],
    notes: [
      `Kanboard will call ${url}${separator}token=${token ?? '<webhook token>'}.`,
      'Since Kanboard 1.2.51 webhooks to private addresses (127.0.0.1, LAN) are dropped unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: use the public (tunnel) URL.',
      'Kanboard does not retry and ignores the answer; a delivery missed while Hookscope was down is lost.',
      'Regenerating the token in Kanboard (Reset token) makes every later delivery fail verification until the endpoint gets the new one.',
    ],
  };
}

/**
 * Phraseanet webhooks belong to an API application (developer section): a webhook URL, an active
 * switch and the listened events (protocols.md 1.3). There is no token and no signature.
 */
export function phraseanetSetup(input: ManualSetupInput): ManualSetup {
  const url = webhookUrl(input.publicUrl, input.endpointPath);
  return {
    provider: 'phraseanet',
    title: 'Point a Phraseanet API application at Hookscope',
    steps: [
      'In Phraseanet, open your account > Developer > Applications and open (or create) the API application.',
      `Paste ${url} into its "Webhook URL" field and save.`,
      'Turn the webhook on (active) and pick the events to listen to; none selected means all events.',
      'Trigger an event (e.g. add a record): the worker posts it within seconds and it appears here.',
    ],
    copy: [{ label: 'Webhook URL', value: url }],
    notes: [
      'Phraseanet signs nothing: any request to this URL looks the same, so keep the endpoint path hard to guess.',
      'Phraseanet appends the delivery id as a #fragment, which never reaches the receiver.',
      'After a final failure with 5 or more undelivered events, Phraseanet switches the webhook off; switch it on again once Hookscope is reachable.',
    ],
  };
}

/** True when a delivery arrived on this endpoint path (ignoring the query string). */
function arrivedOn(summary: DeliverySummary, endpointPath: string): boolean {
  if (summary.endpoint === endpointPath) return true;
  const queryAt = summary.target.indexOf('?');
  return (queryAt === -1 ? summary.target : summary.target.slice(0, queryAt)) === endpointPath;
}

/**
 * Resolves with the id of the first delivery (not a handshake) stored on `endpointPath` from now
 * on, or null after `timeoutMs`: the "waiting for the first event…" step of a manual setup.
 */
export function waitForFirstDelivery(
  store: Pick<DeliveryStore, 'onChange'>,
  endpointPath: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string | null> {
  return new Promise((resolve) => {
    let finish = (_id: string | null) => {};
    const stop = store.onChange((change) => {
      if (change.kind !== 'appended') return;
      const first = change.items.find((item) => !item.handshake && arrivedOn(item, endpointPath));
      if (first) finish(first.id);
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    const onAbort = () => finish(null);
    finish = (id) => {
      clearTimeout(timer);
      stop();
      signal?.removeEventListener('abort', onAbort);
      resolve(id);
    };
    if (signal?.aborted) finish(null);
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
