import type { DeliveryStore } from '../store/types';
import type { UnreadableRow } from '../store/integrity';
import { harChunks, type HarOptions } from './har';
import { jsonlChunks } from './jsonl';
import { curlChunks, DEFAULT_CURL_BASE_URL } from './curl-export';

export type ExportFormat = 'jsonl' | 'har' | 'curl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'har', 'curl'];

export class ExportError extends Error {
  override name = 'ExportError';
}

export interface ExportOptions extends HarOptions {
  format: ExportFormat;
  /** Only these deliveries (oldest first, like everything else); all when absent. */
  ids?: readonly string[];
  /** format curl: the URL the commands send to (default the receiver's default address). */
  curlBaseUrl?: string;
  /**
   * Called for each row the database cannot read (a damaged page): the export skips it and goes
   * on with the rest. Without it, such a row is an error, as before.
   */
  onUnreadable?: (row: UnreadableRow) => void;
}

export type { UnreadableRow };

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
  const deliveries =
    options.onUnreadable && store.iterateReadable
      ? store.iterateReadable(ids, options.onUnreadable)
      : store.iterate(ids);
  if (options.format === 'curl')
    return curlChunks(deliveries, options.curlBaseUrl ?? DEFAULT_CURL_BASE_URL);
  return options.format === 'har' ? harChunks(deliveries, options) : jsonlChunks(deliveries);
}
