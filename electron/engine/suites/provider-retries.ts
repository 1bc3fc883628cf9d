// How providers retry a delivery whose answer failed (not 2xx, a timeout, no connection), for
// `hookscope test --retries`: the number of retries and the headers a retry carries are the
// provider's; the waits between them are the provider's schedule, compressed (a suite cannot wait
// hours), and the report names the real schedule.
import type { RawHeaders } from '../../contract/delivery';

export interface RetryPolicy {
  /** Retries after the first attempt (the first few of the provider's schedule, at most 5). */
  retries: number;
  /** The provider's own schedule, for the report. */
  schedule: string;
  /** Headers a retry adds or replaces (attempt 1 is the first retry). */
  retryHeaders?: (attempt: number, reason: 'http_error' | 'http_timeout') => RawHeaders;
  source: string;
}

const NO_RETRY = (source: string): RetryPolicy => ({
  retries: 0,
  schedule: 'never retried',
  source,
});

/** At most this many retries are replayed, whatever the provider's schedule. */
export const MAX_SUITE_RETRIES = 5;

const POLICIES: Readonly<Record<string, RetryPolicy>> = {
  github: NO_RETRY('GitHub docs: failed deliveries are not redelivered automatically'),
  kanboard: NO_RETRY('kanboard app/Core/Http/Client.php: sent once, inline, errors logged'),
  preservica: NO_RETRY('protocols.md §1.4: Preservica sends once'),
  twilio: NO_RETRY('Twilio docs: no retries unless connection overrides ask for them'),
  phraseanet: {
    retries: 3,
    schedule: '3 retries, 10 s apart (ttl_retry 10000, max_retry 3)',
    source: 'Phraseanet WebhookWorker.php / WorkerManager (protocols.md §1.2)',
  },
  slack: {
    retries: 3,
    schedule: 'immediately, after 1 minute, after 5 minutes',
    retryHeaders: (attempt, reason) => [
      ['X-Slack-Retry-Num', String(attempt)],
      ['X-Slack-Retry-Reason', reason],
    ],
    source: 'Slack Events API docs: 3 retries with X-Slack-Retry-Num and X-Slack-Retry-Reason',
  },
  'standard-webhooks': {
    retries: MAX_SUITE_RETRIES,
    schedule: 'immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h',
    source: 'Standard Webhooks spec (protocols.md §3.3); the same webhook-id on every retry',
  },
  stripe: {
    retries: MAX_SUITE_RETRIES,
    schedule: 'exponential back-off for up to 3 days (live mode)',
    source: 'Stripe docs, "Retry behavior"; the same event id on every retry',
  },
  shopify: {
    retries: MAX_SUITE_RETRIES,
    schedule: '8 retries over 4 hours',
    source: 'Shopify docs, "Webhook delivery": 8 retries over 4 hours',
  },
};

export function retryPolicyOf(provider: string | null | undefined): RetryPolicy {
  return (provider && POLICIES[provider]) || NO_RETRY('unknown provider: not retried');
}
