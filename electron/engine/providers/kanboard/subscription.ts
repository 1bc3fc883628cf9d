import { webhookUrl } from '../../subscriptions/manual-setup';
import type { ManualSetup, ManualSetupInput, ManualSubscription } from '../types';

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
 * The token Kanboard must show: the endpoint's `token` option (kanboard/index.ts verify), else its
 * first secret.
 */
function expectedToken(endpoint: ManualSetupInput['endpoint']): string | undefined {
  const option = endpoint?.options?.['token'];
  return typeof option === 'string' ? option : endpoint?.secrets?.[0];
}

/** Kanboard has no webhook API: the URL is pasted in its settings by hand. */
export const kanboardSubscription: ManualSubscription = {
  kind: 'manual',
  setup(input) {
    const token = expectedToken(input.endpoint);
    return kanboardSetup({
      publicUrl: input.publicUrl,
      endpointPath: input.endpointPath,
      ...(token ? { token } : {}),
    });
  },
};
