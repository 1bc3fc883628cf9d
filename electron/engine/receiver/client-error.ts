import type { Duplex } from 'node:stream';
import { takeOverCustomMethod, type ParseError } from './raw-exchange';
import { writeRawError } from './raw-response';
import type { ReceiverContext } from './receiver-context';

/**
 * node's 'clientError': the request could not be parsed or timed out. Custom methods are served
 * by the fallback reader; anything else gets a proper status with a JSON reason and the
 * connection closes. The server itself keeps serving.
 */
export function handleClientError(ctx: ReceiverContext, error: ParseError, socket: Duplex): void {
  if (ctx.rawSockets.has(socket)) {
    // node's detached parser still runs its header timer on a socket we took over: the fallback
    // reader applies its own limits, so only a socket that never finished its head is cut.
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.destroy();
    return;
  }
  if (error.code === 'HPE_INVALID_METHOD' && takeOverCustomMethod(ctx, socket, error)) return;
  if (
    error.code === 'ECONNRESET' ||
    error.code === 'EPIPE' ||
    !socket.writable ||
    answerStarted(socket)
  ) {
    socket.destroy();
    return;
  }
  const [status, message] = describe(error);
  writeRawError(socket, status, message);
}

function describe(error: ParseError): [number, string] {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'request headers too large'];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, 'chunk extensions too large'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'request timed out'];
    case 'HPE_INVALID_METHOD':
      return [501, 'request method not supported'];
    default:
      return [
        400,
        `malformed HTTP request: ${error.reason ?? error.message} (${error.code ?? 'parse error'})`,
      ];
  }
}

/** Bytes of an answer already on the wire cannot be followed by an error response. */
function answerStarted(socket: Duplex): boolean {
  // The same check node's default handler makes (its `_httpMessage` is the response in progress).
  const current = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  return current?.headersSent === true;
}
