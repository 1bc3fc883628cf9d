import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison. Both sides are hashed first so inputs of different lengths
 * neither throw (timingSafeEqual needs equal lengths) nor leak their length through timing.
 * One-shot `hash` (UTF-8 for strings): a Hash object per side cost more than the digest itself.
 */
export function safeEqual(expected: string, received: string): boolean {
  const a = hash('sha256', expected, 'buffer');
  const b = hash('sha256', received, 'buffer');
  return timingSafeEqual(a, b) && expected === received;
}
