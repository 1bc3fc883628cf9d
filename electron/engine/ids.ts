import { randomFillSync } from 'node:crypto';

// Crockford base32: sortable as text, no ambiguous letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let counter = 0;

// Randomness drawn 4 KiB at a time: one system call per ~340 ids instead of one per id, which
// showed up at 2% of the receiver's CPU under load.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomChunk(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += size;
  return pool.subarray(poolOffset - size, poolOffset);
}

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
  const random = randomChunk(12);
  let tail = '';
  for (let i = 0; i < 12; i++) tail += ALPHABET[(random[i] ?? 0) % 32];
  return time + count + tail;
}
