import type { ForgeContext, ForgeShape } from '../types';
import { newMessageId } from './index';

/**
 * Standard Webhooks (github.com/standard-webhooks/standard-webhooks spec/standard-webhooks.md):
 * webhook-id (unique per message, the idempotency key) and webhook-timestamp (integer seconds) are
 * sent and signed; sign() keeps the id and timestamp set here and adds webhook-signature.
 */
export function forgeStandardWebhooks(context: ForgeContext): ForgeShape {
  return {
    headers: [
      ['Content-Type', 'application/json'],
      ['webhook-id', newMessageId()],
      ['webhook-timestamp', String(Math.floor(context.now / 1000))],
    ],
    framing: 'length',
  };
}
