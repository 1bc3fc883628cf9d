/** Thrown when a send would reach Hookscope itself and the caller did not confirm it. */
export class LoopConfirmationError extends Error {
  override name = 'LoopConfirmationError';
  readonly code = 'confirm-loop';
}

export interface OwnUrls {
  /** The receiver's local URL, e.g. http://127.0.0.1:8787 */
  receiverUrl: string;
  /** Tunnel URLs currently pointing at the receiver. */
  publicUrls: readonly string[];
}

const LOOPBACK =
  /^(localhost|127(\.\d{1,3}){3}|\[::1\]|\[::ffff:127(\.\d{1,3}){3}\]|0\.0\.0\.0|\[::\])$/i;

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * Which of Hookscope's own URLs `target` reaches, or null. Sending there captures the request again
 * (and a forward rule doing it would loop forever), so callers ask before sending.
 */
export function ownUrlReached(target: string, own: OwnUrls): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  const receiver = new URL(own.receiverUrl);
  const sameHost =
    url.hostname.toLowerCase() === receiver.hostname.toLowerCase() ||
    (LOOPBACK.test(url.hostname) && LOOPBACK.test(receiver.hostname));
  if (sameHost && effectivePort(url) === effectivePort(receiver)) return own.receiverUrl;
  for (const publicUrl of own.publicUrls) {
    try {
      const pub = new URL(publicUrl);
      if (
        pub.hostname.toLowerCase() === url.hostname.toLowerCase() &&
        effectivePort(pub) === effectivePort(url)
      ) {
        return publicUrl;
      }
    } catch {
      // A malformed public URL cannot be reached either.
    }
  }
  return null;
}

/** Throws LoopConfirmationError unless the target is elsewhere or the loop was confirmed. */
export function guardAgainstLoop(
  target: string,
  own: OwnUrls,
  confirmed: boolean | undefined,
): void {
  if (confirmed) return;
  const reached = ownUrlReached(target, own);
  if (reached === null) return;
  throw new LoopConfirmationError(
    `${target} is Hookscope's own ${reached === own.receiverUrl ? 'receiver' : 'public'} URL (${reached}): the request would be captured again. Confirm to send it anyway.`,
  );
}
