import { randomBytes } from 'node:crypto';

// Crockford base32: sortable as text, no ambiguous letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let counter = 0;

/**
 * A time-ordered id (ULID layout: 10 chars of milliseconds, 16 of counter+randomness).
 * Ids made in the same millisecond keep their creation order thanks to the counter.
 */
export function newDeliveryId(now: number = Date.now()): string {
  if (now <= lastTime) {
    counter += 1;
    now = lastTime;
  } else {
    lastTime = now;
    counter = 0;
  }
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let count = '';
  let c = counter;
  for (let i = 0; i < 4; i++) {
    count = ALPHABET[c % 32] + count;
    c = Math.floor(c / 32);
  }
  const random = randomBytes(12);
  let tail = '';
  for (let i = 0; i < 12; i++) tail += ALPHABET[(random[i] ?? 0) % 32];
  return time + count + tail;
}
