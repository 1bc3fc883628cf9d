/**
 * Fields that differ between any two deliveries of the same event (ids, timestamps, signatures), per
 * provider. Diffs hide them when the user asks for "mask volatile fields".
 */
export const MASK_PRESETS: Record<string, readonly string[]> = {
  common: [
    '/headers/date',
    '/headers/x-request-id',
    '/headers/content-length',
    '/headers/x-forwarded-for',
    '/headers/traceparent',
  ],
  preservica: [
    '/headers/preservica-signature',
    '/body/subscriptionId',
    '/body/timestamp',
    '/body/events/*/entityRef',
  ],
  kanboard: [
    '/query/token',
    '/body/event_data/task/date_modification',
    '/body/event_data/task/date_moved',
    '/body/event_data/task/date_creation',
  ],
  phraseanet: ['/body/event_time', '/body/url', '/body/instance_name'],
  keyclic: ['/body/payload/id', '/body/payload/createdAt', '/body/payload/updatedAt'],
  github: [
    '/headers/x-github-delivery',
    '/headers/x-hub-signature',
    '/headers/x-hub-signature-256',
  ],
  stripe: [
    '/headers/stripe-signature',
    '/body/id',
    '/body/created',
    '/body/request/id',
    '/body/request/idempotency_key',
  ],
  'standard-webhooks': [
    '/headers/webhook-id',
    '/headers/webhook-timestamp',
    '/headers/webhook-signature',
    '/headers/svix-id',
    '/headers/svix-timestamp',
    '/headers/svix-signature',
  ],
  shopify: [
    '/headers/x-shopify-hmac-sha256',
    '/headers/x-shopify-webhook-id',
    '/headers/x-shopify-triggered-at',
  ],
  slack: [
    '/headers/x-slack-signature',
    '/headers/x-slack-request-timestamp',
    '/body/event_id',
    '/body/event_time',
  ],
  zoom: ['/headers/x-zm-signature', '/headers/x-zm-request-timestamp', '/body/event_ts'],
};

export function presetMasks(provider: string | null): string[] {
  return [...MASK_PRESETS.common!, ...((provider && MASK_PRESETS[provider]) || [])];
}
