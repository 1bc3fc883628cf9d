import { randomFillSync } from 'node:crypto';

// Crockford base32: sortable as text, no ambiguous letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DIGIT_CODES = Array.from(ALPHABET, (digit) => digit.charCodeAt(0));

/** Every id has this many characters. */
export const DELIVERY_ID_LENGTH = 26;

let lastTime = -1;
let counter = 0;

// The id's character codes, rewritten in place: the time digits only when the millisecond
// changes. One String.fromCharCode gives a flat string; joining 26 one-character strings gave a
// rope that every later use (hashing, encoding the answer) had to flatten again.
const codes: number[] = new Array<number>(DELIVERY_ID_LENGTH).fill(0);

// Randomness drawn 4 KiB at a time: one system call per ~340 ids instead of one per id, which
// showed up at 2% of the receiver's CPU under load.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomOffset(size: number): number {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += size;
  return poolOffset - size;
}

/** Writes `count` base32 digits of `value` ending before `end`, most significant first. */
function writeDigits(value: number, end: number, count: number): void {
  for (let i = end - 1; i >= end - count; i--) {
    codes[i] = DIGIT_CODES[value % 32] as number;
    value = Math.floor(value / 32);
  }
}

/**
 * A time-ordered id (ULID layout: 10 chars of milliseconds, 16 of counter+randomness).
 * Ids made in the same millisecond keep their creation order thanks to the counter.
 */
export function newDeliveryId(now: number = Date.now()): string {
  if (now <= lastTime) {
    counter += 1;
  } else {
    lastTime = now;
    counter = 0;
    writeDigits(now, 10, 10);
  }
  writeDigits(counter, 14, 4);
  const at = randomOffset(12);
  for (let i = 0; i < 12; i++) codes[14 + i] = DIGIT_CODES[(pool[at + i] as number) & 31] as number;
  return String.fromCharCode.apply(null, codes);
}
