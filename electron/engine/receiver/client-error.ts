import type { Duplex } from 'node:stream';
import { describeParseError } from './errors';
import { takeOverCustomMethod, type ParseError } from './raw-exchange';
import { writeRawError } from './raw-response';
import { responsesFlushed, type ReceiverContext } from './receiver-context';

/**
 * node's 'clientError': the request could not be parsed or timed out. Custom methods are served
 * by the fallback reader. Anything else gets a proper status with a JSON reason and the
 * connection closes; the server itself keeps serving. What the sender sees is what the records
 * say (README "One parser behaviour"):
 * - a request whose head was read and whose body was still arriving is refused through its own
 *   exchange, so its record carries this error;
 * - otherwise the error is written only after every answer already due on the connection (a
 *   valid request before the malformed one gets the answer its record claims).
 */
export function handleClientError(ctx: ReceiverContext, error: ParseError, socket: Duplex): void {
  // The raw path applies the tracker's deadlines, the same as node's; node's detached parser
  // still runs its header timer on such a socket, which must not cut it at another time.
  if (ctx.rawSockets.has(socket)) return;
  // llhttp stays in its error state and reports again for every later chunk: one answer only.
  if (ctx.connections.closedBecause(socket) !== undefined) return;
  if (isCustomMethod(error) && takeOverCustomMethod(ctx, socket, error)) return;
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, message] = describeParseError(error);
  ctx.connections.closing(socket, message);
  const reading = ctx.connections.readingExchange(socket);
  if (reading?.refuse(status, message)) return;
  // Stop reading: nothing after the error can be parsed.
  socket.pause();
  void responsesFlushed(socket).then(() => writeRawError(socket, status, message));
}

/**
 * llhttp refuses methods outside its list with HPE_INVALID_METHOD, and methods it knows only
 * for RTSP (PLAY, DESCRIBE...) with this constant error once it reads `HTTP/` (llhttp
 * src/llhttp/http.ts, `checkMethod`). Both are custom methods to HTTP: the raw path serves them.
 */
function isCustomMethod(error: ParseError): boolean {
  return (
    error.code === 'HPE_INVALID_METHOD' ||
    (error.code === 'HPE_INVALID_CONSTANT' &&
      error.reason === 'Invalid method for HTTP/x.x request')
  );
}
