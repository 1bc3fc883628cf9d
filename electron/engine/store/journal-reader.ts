import { closeSync, openSync, readSync } from 'node:fs';
import {
  decodeRecords,
  recordBytes,
  RECORD_HEADER_BYTES,
  type JournalRecord,
} from './journal-format';

/** How much is read at once: many small records per read, one big body in a few. */
const READ_BYTES = 1024 * 1024;

export interface JournalRead {
  records: JournalRecord[];
  /** The bytes at the read position are not a record: the file is damaged from there on. */
  damaged: boolean;
}

/** Reads whole records from a journal file, in order, never past the end it is told is written. */
export class JournalReader {
  private readonly fd: number;
  /** Where the next record starts. */
  offset = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** Up to `maxRecords` whole records between the read position and `end`. */
  next(end: number, maxRecords: number): JournalRead {
    const available = end - this.offset;
    if (available < RECORD_HEADER_BYTES) return { records: [], damaged: false };
    let want = Math.min(available, READ_BYTES);
    for (;;) {
      const buffer = this.readAt(this.offset, want);
      const decoded = decodeRecords(buffer, maxRecords);
      if (decoded.records.length || decoded.damaged) {
        this.offset += decoded.consumed;
        return { records: decoded.records, damaged: decoded.damaged && !decoded.records.length };
      }
      // The first record is bigger than one read: read exactly it.
      const whole = recordBytes(buffer);
      if (whole === null) return { records: [], damaged: true };
      if (whole > available) return { records: [], damaged: false };
      want = whole;
    }
  }

  close(): void {
    closeSync(this.fd);
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
