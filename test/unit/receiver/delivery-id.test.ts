import { describe, expect, it } from 'vitest';
import { newDeliveryId } from '../../../electron/engine/ids';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The ULID time prefix computed the slow, obvious way. */
function timePrefix(ms: number): string {
  let text = '';
  for (let i = 0; i < 10; i++) {
    text = ALPHABET[ms % 32] + text;
    ms = Math.floor(ms / 32);
  }
  return text;
}

describe('newDeliveryId', () => {
  it('starts with the base32 milliseconds, across the 2^30 split and up to 2^48 - 1', () => {
    // Ascending, since ids never go back in time.
    const times = [2 ** 30 - 1, 2 ** 30, 1_700_000_000_000, 2 ** 45 + 12_345, 2 ** 48 - 1];
    for (const ms of times) {
      const id = newDeliveryId(ms);
      expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(id.slice(0, 10)).toBe(timePrefix(ms));
    }
  });

  it('keeps creation order within a millisecond and when the clock goes back', () => {
    const base = 2 ** 48 - 1;
    const ids = [base, base, base, base - 5, base].map((ms) => newDeliveryId(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The counter digits count up by one per id made in the same (or an earlier) millisecond.
    const counters = ids.map((id) =>
      [...id.slice(10, 14)].reduce((n, d) => n * 32 + ALPHABET.indexOf(d), 0),
    );
    expect(counters.map((n) => n - (counters[0] as number))).toEqual([0, 1, 2, 3, 4]);
  });

  it('draws every base32 digit in the random part', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++)
      for (const digit of newDeliveryId(2 ** 48 - 1).slice(14)) seen.add(digit);
    expect(seen.size).toBe(32);
  });
});
