import { TRUNCATED_KEEP_BYTES } from './types';

/**
 * How reading a body ended:
 * - complete: every byte arrived within the limit;
 * - too-large: the body passed maxBodyBytes but was read to its end (the connection stays usable);
 * - too-large-cut: the body passed the drain limit too; reading stopped and the connection closes;
 * - aborted: the sender went away before the end of the body.
 */
export type BodyOutcome = 'complete' | 'too-large' | 'too-large-cut' | 'aborted';

export interface CollectedBody {
  body: Buffer;
  /** Bytes seen on the wire (after transfer decoding), whether kept or not. */
  size: number;
  truncated: boolean;
  outcome: BodyOutcome;
}

/**
 * Past maxBodyBytes the rest of the body is still read and thrown away, up to this many more
 * bytes, so the sender (which usually only reads the answer once it has sent everything) gets a
 * clean 413 on a live connection. Beyond it the receiver answers and closes the connection.
 */
export const OVERFLOW_DRAIN_BYTES = 16 * 1024 * 1024;

const EMPTY = Buffer.alloc(0);

/** Gathers body chunks with one concat at the end, keeping only a prefix once over the limit. */
export class BodyCollector {
  private chunks: Buffer[] = [];
  private kept = 0;
  private seenBytes = 0;
  private overflowed = false;
  private readonly keepOnOverflow: number;
  private readonly drainLimit: number;

  constructor(private readonly maxBodyBytes: number) {
    // A truncated record never holds more than the limit the user set.
    this.keepOnOverflow = Math.min(TRUNCATED_KEEP_BYTES, maxBodyBytes);
    this.drainLimit = maxBodyBytes + OVERFLOW_DRAIN_BYTES;
  }

  /** Bytes seen so far, kept or not (the upload-rate guard reads it). */
  get seen(): number {
    return this.seenBytes;
  }

  get isOverflowed(): boolean {
    return this.overflowed;
  }

  /** Returns false once the drain limit is passed: the caller must stop reading. */
  push(chunk: Buffer): boolean {
    this.seenBytes += chunk.length;
    if (!this.overflowed) {
      if (this.seenBytes <= this.maxBodyBytes) {
        this.chunks.push(chunk);
        this.kept += chunk.length;
        return true;
      }
      this.overflowed = true;
      const prefix = Buffer.concat([...this.chunks, chunk], this.kept + chunk.length);
      // Copy, so the record does not pin the larger buffer it was cut from.
      this.chunks = [Buffer.from(prefix.subarray(0, this.keepOnOverflow))];
      this.kept = this.keepOnOverflow;
    }
    return this.seenBytes <= this.drainLimit;
  }

  finish(ended: boolean): CollectedBody {
    let outcome: BodyOutcome;
    if (!ended)
      outcome = this.overflowed && this.seenBytes > this.drainLimit ? 'too-large-cut' : 'aborted';
    else outcome = this.overflowed ? 'too-large' : 'complete';
    const body =
      this.chunks.length === 0
        ? EMPTY
        : this.chunks.length === 1
          ? (this.chunks[0] as Buffer)
          : Buffer.concat(this.chunks, this.kept);
    return { body, size: this.seenBytes, truncated: outcome !== 'complete', outcome };
  }
}
