import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../../electron/engine/tunnel/backoff';

describe('backoffDelayMs', () => {
  const lowest = () => 0;
  const highest = () => 0.999999;

  it('doubles per attempt between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, DEFAULT_BACKOFF, lowest))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, DEFAULT_BACKOFF, highest))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('stops growing at the cap, even for huge attempt numbers', () => {
    expect(backoffDelayMs(6, DEFAULT_BACKOFF, highest)).toBe(30_000);
    expect(backoffDelayMs(10_000, DEFAULT_BACKOFF, lowest)).toBe(15_000);
    expect(backoffDelayMs(10_000, DEFAULT_BACKOFF, highest)).toBe(30_000);
  });

  it('spreads clients with different random draws', () => {
    const delays = new Set([0.1, 0.4, 0.7].map((r) => backoffDelayMs(3, DEFAULT_BACKOFF, () => r)));
    expect(delays.size).toBe(3);
  });
});
