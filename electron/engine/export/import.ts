import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { NewDelivery } from '../delivery';
import type { DeliveryStore } from '../store/types';
import { describeIssues } from '../zod-issues';
import { fromHarEntry, HarDocumentSchema } from './har-import';
import { ImportError } from './import-error';
import { parseJsonlLine } from './jsonl';

export type ImportFormat = 'jsonl' | 'har';

export interface ImportReport {
  format: ImportFormat;
  /** Deliveries written, in file order. */
  imported: number;
  /** Ids already in the store: left as they are, so importing the same file twice is harmless. */
  skippedExisting: string[];
}

/** By extension first, then by content: a HAR document opens with `{"log":`. */
export async function detectImportFormat(file: string): Promise<ImportFormat> {
  const extension = extname(file).toLowerCase();
  if (extension === '.har') return 'har';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    return /^\s*\{\s*"log"\s*:/.test(head) ? 'har' : 'jsonl';
  } finally {
    await handle.close();
  }
}

async function readJsonl(file: string): Promise<NewDelivery[]> {
  const deliveries: NewDelivery[] = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    deliveries.push(parseJsonlLine(line, lineNumber));
  }
  return deliveries;
}

async function readHar(file: string): Promise<NewDelivery[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ImportError(`not valid JSON (${(error as Error).message})`);
  }
  const parsed = HarDocumentSchema.safeParse(json);
  if (!parsed.success) throw new ImportError(describeIssues(parsed.error));
  return parsed.data.log.entries.map(fromHarEntry);
}

/** Two records with one id would make "skip what is already stored" ambiguous: refuse the file. */
function assertUniqueIds(deliveries: readonly NewDelivery[]): void {
  const seen = new Set<string>();
  deliveries.forEach((delivery, index) => {
    if (seen.has(delivery.id)) {
      throw new ImportError(`delivery #${index + 1}: id ${delivery.id} appears twice in the file`);
    }
    seen.add(delivery.id);
  });
}

/** Reads and validates the whole file; throws ImportError before anything is written. */
export async function readImportFile(
  file: string,
  format?: ImportFormat,
): Promise<{
  format: ImportFormat;
  deliveries: NewDelivery[];
}> {
  const chosen = format ?? (await detectImportFormat(file));
  const deliveries = chosen === 'har' ? await readHar(file) : await readJsonl(file);
  assertUniqueIds(deliveries);
  return { format: chosen, deliveries };
}

/**
 * Writes the deliveries in one transaction (all or nothing) in the given order, so the store's
 * sequence follows the file and a re-export is identical. Ids already stored are skipped.
 */
export function importDeliveries(
  store: DeliveryStore,
  deliveries: readonly NewDelivery[],
): Omit<ImportReport, 'format'> {
  assertUniqueIds(deliveries);
  const skippedExisting: string[] = [];
  const fresh: NewDelivery[] = [];
  for (const delivery of deliveries) {
    if (store.get(delivery.id)) skippedExisting.push(delivery.id);
    else fresh.push(delivery);
  }
  if (fresh.length > 0) store.appendBatch(fresh);
  return { imported: fresh.length, skippedExisting };
}

export async function importFile(
  store: DeliveryStore,
  file: string,
  format?: ImportFormat,
): Promise<ImportReport> {
  const read = await readImportFile(file, format);
  return { format: read.format, ...importDeliveries(store, read.deliveries) };
}
