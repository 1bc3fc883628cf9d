import type { RecordedResponse } from '../../contract/delivery';
import type { NewDelivery } from '../delivery';
import type { IncomingCapture, Responder } from './types';

/** The response as the receiver built it (body may be a Buffer view). */
export type RecordedWire = Omit<RecordedResponse, 'body'> & { body: Uint8Array };

export type DerivedFacts = NonNullable<ReturnType<Responder>>['facts'];

/** The stored form of a capture: raw facts as read, derived facts from the responder if any. */
export function buildDelivery(
  id: string,
  capture: IncomingCapture,
  endpointPath: string | null,
  facts: DerivedFacts,
  response: RecordedWire | null,
  /** Why the receiver ended or refused the request early; absent on ordinary records. */
  note?: string,
): NewDelivery {
  const delivery: NewDelivery = {
    id,
    receivedAt: capture.receivedAt,
    endpoint: endpointPath,
    method: capture.method,
    target: capture.target,
    size: capture.size,
    truncated: capture.truncated,
    via: capture.via,
    provider: facts?.provider ?? null,
    event: facts?.event ?? null,
    handshake: facts?.handshake ?? false,
    remoteAddress: capture.remoteAddress,
    httpVersion: capture.httpVersion,
    rawHeaders: capture.rawHeaders,
    body: ownBytes(capture.body),
    response: response as RecordedResponse | null,
    verdict: facts?.verdict ?? null,
  };
  // Only set when there is one: an absent note keeps the journal record free of annotations.
  if (note !== undefined) delivery.note = note;
  return delivery;
}

/**
 * The contract types bodies as Uint8Array<ArrayBuffer>; node's Buffers are typed over
 * ArrayBufferLike but are never backed by a SharedArrayBuffer here, so no copy is needed (the
 * same holds for the response body, hence the cast above rather than a copied object).
 */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
