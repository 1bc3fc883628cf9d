import type { DeliveryStore } from '../store/types';
import { harChunks, type HarOptions } from './har';
import { jsonlChunks } from './jsonl';

export type ExportFormat = 'jsonl' | 'har';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'har'];

export class ExportError extends Error {
  override name = 'ExportError';
}

export interface ExportOptions extends HarOptions {
  format: ExportFormat;
  /** Only these deliveries (oldest first, like everything else); all when absent. */
  ids?: readonly string[];
}

/**
 * The export as text chunks, oldest delivery first, read lazily from the store. Unknown ids are an
 * error up front rather than a silently shorter file.
 */
export function exportChunks(store: DeliveryStore, options: ExportOptions): Iterable<string> {
  const ids = options.ids && options.ids.length > 0 ? options.ids : undefined;
  if (ids) {
    const missing = ids.filter((id) => store.get(id) === null);
    if (missing.length > 0) throw new ExportError(`no delivery with id ${missing.join(', ')}`);
  }
  const deliveries = store.iterate(ids);
  return options.format === 'har' ? harChunks(deliveries, options) : jsonlChunks(deliveries);
}
