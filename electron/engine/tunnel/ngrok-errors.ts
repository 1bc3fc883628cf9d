import { TunnelError, formatSeconds } from './tunnel-error';

/** What the SDK throws: an Error whose message ends with "error_code: ERR_NGROK_nnn" when the
 * ngrok service refused, and whose `errorCode` the SDK's JS wrapper fills in (not on every path). */
interface NgrokSdkError {
  message?: unknown;
  errorCode?: unknown;
}

const DASHBOARD_AUTHTOKEN = 'https://dashboard.ngrok.com/get-started/your-authtoken';
const DASHBOARD_DOMAINS = 'https://dashboard.ngrok.com/domains';

/** Codes for which the service rejected the credentials themselves. */
const AUTHTOKEN_CODES = new Set([
  'ERR_NGROK_105',
  'ERR_NGROK_106',
  'ERR_NGROK_107',
  'ERR_NGROK_4018',
]);
/** Codes for a domain this account may not use. */
const DOMAIN_NOT_OURS_CODES = new Set(['ERR_NGROK_320', 'ERR_NGROK_7117', 'ERR_NGROK_7118']);

/** Transport-level failures in the SDK's own words (ngrok-rust session.rs / std::io). */
const UNREACHABLE_PATTERNS = [
  /failed to establish tcp connection/i,
  /tls handshake/i,
  /failed to connect through proxy/i,
  /dns|lookup|resolve/i,
  /connection (refused|reset|aborted)|network (unreachable|down)|host unreachable|timed out/i,
];

export function ngrokErrorCode(error: unknown): string | null {
  const candidate = error as NgrokSdkError | null;
  if (typeof candidate?.errorCode === 'string' && candidate.errorCode) return candidate.errorCode;
  const match = /\bERR_NGROK_\d+\b/.exec(messageOf(error));
  return match ? match[0] : null;
}

/**
 * Turns an @ngrok/ngrok failure into a sentence for the tunnel status. Never repeats the SDK's raw
 * text for credential errors: the service echoes the authtoken back in it.
 */
export function describeNgrokError(error: unknown, context: { domain?: string } = {}): TunnelError {
  const code = ngrokErrorCode(error);
  const message = messageOf(error);
  const tag = code ? ` (${code})` : '';
  const domain = context.domain ? `the domain "${context.domain}"` : 'the requested domain';

  if (
    (code && AUTHTOKEN_CODES.has(code)) ||
    (!code && /authentication failure|authtoken/i.test(message))
  ) {
    return new TunnelError(
      `ngrok rejected the authtoken: check it against ${DASHBOARD_AUTHTOKEN}${tag}`,
      { retryable: false, cause: error },
    );
  }
  if (code === 'ERR_NGROK_320') {
    return new TunnelError(
      `${domain} is reserved for another ngrok account: use an authtoken of the account that reserved it${tag}`,
      { retryable: false, cause: error },
    );
  }
  if ((code && DOMAIN_NOT_OURS_CODES.has(code)) || /not reserved/i.test(message)) {
    return new TunnelError(
      `${domain} is not reserved for this ngrok account: reserve it at ${DASHBOARD_DOMAINS} or leave the domain empty${tag}`,
      { retryable: false, cause: error },
    );
  }
  if (code === 'ERR_NGROK_108') {
    return new TunnelError(
      `ngrok refused a second agent session for this account: stop the other ngrok agent${tag}`,
      { retryable: true, cause: error },
    );
  }
  if (code === 'ERR_NGROK_9040') {
    return new TunnelError(`ngrok does not accept agent connections from this network${tag}`, {
      retryable: false,
      cause: error,
    });
  }
  if (!code && UNREACHABLE_PATTERNS.some((pattern) => pattern.test(message))) {
    return new TunnelError(
      'cannot reach ngrok (connect.ngrok-agent.com:443): check the internet connection, firewall or proxy',
      { retryable: true, cause: error },
    );
  }
  return new TunnelError(`ngrok failed: ${firstLine(message) || 'unknown error'}${tag}`, {
    retryable: true,
    cause: error,
  });
}

export function ngrokTimeoutError(timeoutMs: number): TunnelError {
  return new TunnelError(
    `ngrok did not connect within ${formatSeconds(timeoutMs)}: check the internet connection, firewall or proxy`,
    { retryable: true },
  );
}

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  const candidate = error as NgrokSdkError | null;
  return typeof candidate?.message === 'string' ? candidate.message : '';
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/\s*error_code:\s*ERR_NGROK_\d+\s*$/, '').trim();
}
