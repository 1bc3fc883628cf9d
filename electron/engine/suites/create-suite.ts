// A suite from stored deliveries: one case per delivery, in the order given, each holding the
// delivery's jsonl export record (the same record `hookscope export` writes; no secret in it).
import type { CaseExpectation, Suite, SuiteCase } from '../../contract/suites';
import { SUITE_VERSION } from '../../contract/suites';
import type { Delivery } from '../delivery';
import { toDeliveryRecord } from '../export/delivery-record';
import { providerBudgetMs } from '../sender/provider-budgets';

/** maxMs when neither the user nor the provider's budget says: a consumer should answer fast. */
export const DEFAULT_MAX_MS = 10_000;

export interface CreateSuiteOptions {
  name: string;
  resign?: boolean;
  expect?: Partial<CaseExpectation>;
}

function caseName(delivery: Delivery, index: number, taken: Set<string>): string {
  const what = delivery.event ?? `${delivery.method} ${delivery.target.split('?')[0]}`;
  const base = `${index + 1}. ${delivery.provider ? `${delivery.provider} ` : ''}${what}`.slice(
    0,
    190,
  );
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  taken.add(name);
  return name;
}

export function createSuite(deliveries: readonly Delivery[], options: CreateSuiteOptions): Suite {
  const taken = new Set<string>();
  const cases: SuiteCase[] = deliveries.map((delivery, index) => {
    const { verdict: _verdict, ...record } = toDeliveryRecord(delivery);
    return {
      name: caseName(delivery, index, taken),
      resign: options.resign ?? false,
      ...(options.resign && delivery.endpoint
        ? { resignWith: { endpoint: delivery.endpoint } }
        : {}),
      expect: {
        status: options.expect?.status ?? '2xx',
        maxMs: options.expect?.maxMs ?? providerBudgetMs(delivery.provider) ?? DEFAULT_MAX_MS,
        ...(options.expect?.bodyContains !== undefined
          ? { bodyContains: options.expect.bodyContains }
          : {}),
        ...(options.expect?.idempotent !== undefined
          ? { idempotent: options.expect.idempotent }
          : {}),
      },
      // The verdict stays out: it is derived, and its signature reason is not the suite's business.
      delivery: { ...record, verdict: null },
    };
  });
  return { version: SUITE_VERSION, name: options.name, cases };
}
