import type { NewDelivery } from '../delivery';
import type { EndpointConfig } from '../receiver/types';
import type { DerivedFacts } from '../store/types';
import { deriveFacts } from './derive-facts';
import { digestSet } from './handshake-forgery';
import { findUserSchema, type UserSchema } from './user-schema-lookup';

/**
 * What deriving a delivery's facts needs besides the delivery: the endpoints (with secrets) and
 * the imported schemas, as plain data. The store's materializer thread holds a copy, updated
 * whenever they change, and derives the facts of captured deliveries there, off the receiver's
 * thread.
 */
export interface DeriveSnapshot {
  endpoints: readonly EndpointConfig[];
  schemas: readonly UserSchema[];
  /** Digests of the handshake answers given so far (handshake-guard.ts). */
  handshakeAnswers?: readonly string[];
}

export const EMPTY_DERIVE_SNAPSHOT: DeriveSnapshot = { endpoints: [], schemas: [] };

/**
 * Provider, event and verdict of a captured delivery, as the app derives them (derive-facts.ts),
 * from a snapshot. `publicUrl` is the base URL senders used at capture time (Twilio signs it).
 */
export function deriveFromSnapshot(
  snapshot: DeriveSnapshot,
  delivery: NewDelivery,
  publicUrl: string | null,
): DerivedFacts {
  const endpoint = snapshot.endpoints.find((candidate) => candidate.path === delivery.endpoint);
  return deriveFacts(
    {
      input: delivery,
      endpoint: endpoint ?? null,
      truncated: delivery.truncated,
      handshake: delivery.handshake,
      via: delivery.via,
    },
    {
      userSchemas: { find: (path, event) => findUserSchema(snapshot.schemas, path, event) },
      publicUrl: () => publicUrl,
      handshakeAnswers: digestSet(snapshot.handshakeAnswers),
    },
  );
}
