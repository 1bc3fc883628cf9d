import { buildCurl } from '../../contract/curl';
import type { Delivery } from '../delivery';

/** Where `export --format curl` sends by default: the receiver's default address. */
export const DEFAULT_CURL_BASE_URL = 'http://127.0.0.1:8787';

/**
 * One POSIX sh command per delivery (the builder the app's "Copy as curl" uses), each after a
 * `# <id> ...` comment line. Bodies always travel on stdin here: a terminal user redirects the
 * output to a script, so a separate body file would only be one more thing to lose.
 */
export function* curlChunks(deliveries: Iterable<Delivery>, baseUrl: string): Generator<string> {
  let first = true;
  for (const delivery of deliveries) {
    const note = delivery.truncated
      ? ` (truncated: only the first ${delivery.body.length} of ${delivery.size} bytes were kept)`
      : '';
    const command = buildCurl(
      {
        method: delivery.method,
        baseUrl,
        target: delivery.target,
        rawHeaders: delivery.rawHeaders,
        body: delivery.body,
      },
      { fileThresholdBytes: Infinity },
    );
    yield `${first ? '' : '\n'}# ${delivery.id}${note}\n${command}\n`;
    first = false;
  }
}
