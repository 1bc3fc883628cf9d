import type { Duplex } from 'node:stream';
import { errorAnswer, reasonPhrase, renderAnswer, type RenderedAnswer } from './answer';

/**
 * Serialises an answer for a connection node's HTTP layer no longer drives (custom methods,
 * CONNECT, parse errors). Such connections always close after the answer.
 */
export function serializeAnswer(answer: RenderedAnswer): Buffer {
  let head = `HTTP/1.1 ${answer.status} ${reasonPhrase(answer.status)}\r\n`;
  for (const [name, value] of answer.rawHeaders) head += `${name}: ${value}\r\n`;
  head += `Date: ${new Date().toUTCString()}\r\nConnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), answer.body]);
}

/** Writes the answer, then closes once it is flushed (not before, or the peer may miss it). */
export function writeRawAnswer(socket: Duplex, answer: RenderedAnswer): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(serializeAnswer(answer), () => socket.destroy());
}

export function writeRawError(socket: Duplex, status: number, message: string): void {
  writeRawAnswer(socket, renderAnswer(errorAnswer(status, message), true));
}
