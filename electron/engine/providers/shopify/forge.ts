import { randomUUID } from 'node:crypto';
import type { ForgeContext, ForgeShape } from '../types';

/** The Admin API version forged deliveries claim (X-Shopify-API-Version); a stable release. */
const API_VERSION = '2025-07';

/**
 * The headers Shopify sends with a webhook (shopify.dev "Deliver webhooks through HTTPS": headers).
 * @shopify/shopify-api `webhooks.validate` requires Hmac, Topic, Shop-Domain, API-Version and
 * Webhook-Id (lib/webhooks/validate.ts, checkWebhooksHeaders); Triggered-At and Event-Id come too.
 */
export function forgeShopify(context: ForgeContext): ForgeShape {
  return {
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', 'Shopify-Captain-Hook'],
      ['X-Shopify-Topic', context.event],
      ['X-Shopify-Shop-Domain', 'hookscope-test.myshopify.com'],
      ['X-Shopify-API-Version', API_VERSION],
      ['X-Shopify-Webhook-Id', randomUUID()],
      ['X-Shopify-Triggered-At', new Date(context.now).toISOString()],
      ['X-Shopify-Event-Id', randomUUID()],
    ],
    framing: 'length',
  };
}
