import type { NewDelivery } from '../delivery';
import { describeIssues } from '../zod-issues';
import { DeliveryRecordSchema, fromDeliveryRecord, toDeliveryRecord } from './delivery-record';
import { ImportError } from './import-error';

/** One delivery as one JSON line (what `listen --json` prints and `export --format jsonl` writes). */
export function toJsonlLine(delivery: NewDelivery): string {
  return `${JSON.stringify(toDeliveryRecord(delivery))}\n`;
}

export function* jsonlChunks(deliveries: Iterable<NewDelivery>): Generator<string> {
  for (const delivery of deliveries) yield toJsonlLine(delivery);
}

/** Parses one line; `lineNumber` (1-based) names the line in the error. */
export function parseJsonlLine(line: string, lineNumber: number): NewDelivery {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new ImportError(`line ${lineNumber}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = DeliveryRecordSchema.safeParse(json);
  if (!parsed.success) throw new ImportError(`line ${lineNumber}: ${describeIssues(parsed.error)}`);
  return fromDeliveryRecord(parsed.data);
}
