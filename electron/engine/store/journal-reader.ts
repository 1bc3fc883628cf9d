import { closeSync, openSync, readSync } from 'node:fs';
import {
  decodeRecords,
  MAGIC_PREFIX,
  recordBytes,
  RECORD_HEADER_BYTES,
  type JournalRecord,
} from './journal-format';

/** How much is read at once: many small records per read, one big body in a few. */
const READ_BYTES = 1024 * 1024;

/** Bytes that are not a whole, valid record, skipped to reach the next one. */
export interface DamagedSpan {
  /** File offset where the unreadable bytes start. */
  at: number;
  bytes: number;
  /** Seq of the last good record before the span, and of the first after it (null: none). */
  seqBefore: number | null;
  seqAfter: number | null;
  /**
   * Magics seen in the span (a record has two: head and tail), for an estimate of how many
   * records it held when no good record follows to count by seq.
   */
  magicsSeen: number;
}

export interface JournalRead {
  records: JournalRecord[];
  /** Set (and `records` empty) when the bytes at the read position were not a record. */
  skipped: DamagedSpan | null;
}

/**
 * Reads whole records from a journal file, in order, never past the end it is told is written.
 * Everything before `end` is meant to be whole records (the writer reports `end` only after a
 * whole batch is written; recovery reads to the file's end), so bytes there that are not a valid
 * record are damage: the reader skips them to the next valid record and says what it skipped.
 */
export class JournalReader {
  private readonly fd: number;
  /** Where the next record starts. */
  offset = 0;
  /** The seq of the last record read (resync never goes back before it). */
  private lastSeq: number | null = null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /**
   * Up to `maxRecords` whole records between the read position and `end`, or, when the bytes at
   * the read position are not a record, the span skipped to reach the next one (call again).
   */
  next(end: number, maxRecords: number): JournalRead {
    const available = end - this.offset;
    if (available <= 0) return { records: [], skipped: null };
    let want = Math.min(available, READ_BYTES);
    for (;;) {
      const buffer = this.readAt(this.offset, want);
      const decoded = decodeRecords(buffer, maxRecords);
      if (decoded.records.length) {
        this.offset += decoded.consumed;
        this.lastSeq = (decoded.records[decoded.records.length - 1] as JournalRecord).seq;
        return { records: decoded.records, skipped: null };
      }
      if (!decoded.damaged) {
        // The first record is bigger than one read: read exactly it, if it ends before `end`.
        const whole = recordBytes(buffer);
        if (whole !== null && whole <= available && whole > buffer.length) {
          want = whole;
          continue;
        }
      }
      return { records: [], skipped: this.resync(end) };
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  /**
   * Moves the read position from damage to the next valid record before `end` (or to `end`).
   *
   * A candidate is a magic whose record checks out (length within `end`, trailing magic, CRC),
   * whose seq comes after the last record read, and which is followed by another valid record
   * or by `end`. The last two rules are for captured bodies, which are hostile input: a sender
   * can embed a perfect record (CRC included: it is not a secret) in a body; landing inside such a
   * body after damage, the embedded record would be followed by the rest of the real record,
   * never by a record start, so it is refused. The cost: a good record squeezed between two damaged
   * ones is dropped with them.
   */
  private resync(end: number): DamagedSpan {
    const at = this.offset;
    // The damaged record's own head magic counts too, if it is still there.
    let magicsSeen = this.readAt(at, MAGIC_PREFIX.length).equals(MAGIC_PREFIX) ? 1 : 0;
    let from = at + 1;
    while (from < end) {
      const chunk = this.readAt(from, Math.min(READ_BYTES, end - from));
      let index = chunk.indexOf(MAGIC_PREFIX);
      while (index !== -1) {
        const candidate = from + index;
        const seq = this.validRecordAt(candidate, end);
        if (seq !== null) {
          const after = candidate + (this.wholeAt(candidate) as number);
          if (
            (this.lastSeq === null || seq > this.lastSeq) &&
            (after === end || this.validRecordAt(after, end) !== null)
          ) {
            this.offset = candidate;
            return {
              at,
              bytes: candidate - at,
              seqBefore: this.lastSeq,
              seqAfter: seq,
              magicsSeen,
            };
          }
        }
        magicsSeen += 1;
        index = chunk.indexOf(MAGIC_PREFIX, index + 1);
      }
      if (from + chunk.length >= end) break;
      // Overlap by the prefix length less one, so a magic cut by the chunk edge is still found.
      from += chunk.length - (MAGIC_PREFIX.length - 1);
    }
    this.offset = end;
    return { at, bytes: end - at, seqBefore: this.lastSeq, seqAfter: null, magicsSeen };
  }

  /** Whole bytes of the record whose header is at `position`, or null. */
  private wholeAt(position: number): number | null {
    return recordBytes(this.readAt(position, RECORD_HEADER_BYTES));
  }

  /** The seq of the valid record at `position` if it ends by `end`, else null. */
  private validRecordAt(position: number, end: number): number | null {
    const whole = this.wholeAt(position);
    if (whole === null || position + whole > end) return null;
    // The trailing magic first: a stray "HSC" in a body declares a random length, and reading
    // that much only to fail the CRC would be slow.
    const magic = this.readAt(position, 4);
    if (!this.readAt(position + whole - 4, 4).equals(magic)) return null;
    const decoded = decodeRecords(this.readAt(position, whole), 1);
    return decoded.consumed === whole ? (decoded.records[0] as JournalRecord).seq : null;
  }

  private readAt(position: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const read = readSync(this.fd, buffer, filled, length - filled, position + filled);
      if (read === 0) break;
      filled += read;
    }
    return filled === length ? buffer : buffer.subarray(0, filled);
  }
}

/**
 * Records lost in a span. With a good record after it, by seq: every seq between the last good
 * record before it (or the watermark, if higher: those were rows already) and the one after.
 * Records are numbered by the writer without gaps, and a journal is emptied only once all its
 * records are rows, so the records of the current file are exactly the seqs above the watermark.
 * A span that runs to the end of the file has no seq after it: its count is estimated from the
 * magics seen in it (a record with one magic damaged still shows the other; garbage or zeros
 * after a power cut show none).
 */
export function recordsIn(span: DamagedSpan, markAtStart: number): number {
  if (span.seqAfter !== null) {
    const from = Math.max(span.seqBefore ?? 0, markAtStart);
    return Math.max(0, span.seqAfter - 1 - from);
  }
  return Math.ceil(span.magicsSeen / 2);
}
