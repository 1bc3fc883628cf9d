/**
 * How fast each provider wants an answer, from its documentation (shared/reference/protocols.md).
 * Bulk runs flag answers slower than this: a receiver that is slow here gets retries or throttling.
 */
const BUDGETS_MS: Readonly<Record<string, number>> = {
  // Sent inline by the notification job; the docs ask for an answer in under ~1 s (§1.2.1).
  kanboard: 1_000,
  // Ordinary notifications need a 2xx within 3 s (§2.2).
  'microsoft-graph': 3_000,
  slack: 3_000,
  twitter: 3_000,
  zoom: 3_000,
  github: 10_000,
  shopify: 5_000,
  // Stripe ends a delivery attempt that has no answer after 20 s ("Retry behavior").
  stripe: 20_000,
  // The spec recommends a 15-30 s request timeout (protocols.md §3.3): the short end.
  'standard-webhooks': 15_000,
};

export function providerBudgetMs(provider: string | null | undefined): number | null {
  return provider ? (BUDGETS_MS[provider] ?? null) : null;
}
