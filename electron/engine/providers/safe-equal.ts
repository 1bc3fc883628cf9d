import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison. Both sides are hashed first so inputs of different lengths
 * neither throw (timingSafeEqual needs equal lengths) nor leak their length through timing.
 */
export function safeEqual(expected: string, received: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(received, 'utf8').digest();
  return timingSafeEqual(a, b) && expected === received;
}
