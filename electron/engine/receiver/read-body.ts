import type { IncomingMessage } from 'node:http';
import { BodyCollector, type CollectedBody } from './body-collector';

/**
 * Reads a request body off node's parser (Content-Length or chunked, already de-framed), within
 * maxBodyBytes. Always resolves: how it ended is in `outcome`.
 */
export function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<CollectedBody> {
  return new Promise((resolve) => {
    const collector = new BodyCollector(maxBodyBytes);
    let settled = false;
    const settle = (ended: boolean): void => {
      if (settled) return;
      settled = true;
      resolve(collector.finish(ended));
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (!collector.push(chunk)) {
        // Stop pulling bytes; node closes the connection once the 413 has been written.
        req.pause();
        settle(false);
      }
    });
    req.on('end', () => settle(true));
    // 'error' (ECONNRESET "aborted") and 'close' without 'end' both mean the sender went away.
    req.on('error', () => settle(false));
    req.on('close', () => settle(req.complete));
  });
}
