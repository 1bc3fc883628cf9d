// Formats large bodies off the UI thread: decoding, JSON parsing, multipart splitting and XML
// indenting of a 10 MiB body take long enough to freeze the window if done in the page.
import { analyzeBody } from '../lib/body-analysis';

export interface BodyAnalysisRequest {
  id: number;
  bytes: Uint8Array;
  contentType: string | null;
}

/** In the worker, bigger JSON can be parsed: the page stays responsive meanwhile. */
const WORKER_MAX_JSON_BYTES = 32 * 1024 * 1024;

self.onmessage = (event: MessageEvent<BodyAnalysisRequest>) => {
  const { id, bytes, contentType } = event.data;
  try {
    self.postMessage({ id, analysis: analyzeBody(bytes, contentType, WORKER_MAX_JSON_BYTES) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
