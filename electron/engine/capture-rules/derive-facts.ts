import type { DeliveryVia } from '../../contract/delivery';
import type { DerivedFacts } from '../store/types';
import { computeVerdict, type ProviderMatch } from '../inspect/compute-verdict';
import { contentBytes, decodeBody } from '../inspect/content-encoding';
import { readJsonBody } from '../inspect/json-body';
import { checkSchema } from '../inspect/schema-check';
import type { DeliveryInput } from '../providers/types';
import type { EndpointConfig } from '../receiver/types';
import { flagForgedViaHandshake } from './handshake-forgery';
import { matchProvider } from './provider-match';
import type { UserSchemaLookup } from './user-schemas';

export interface DeriveContext {
  /** The user's own schemas win over the provider's for the same (endpoint, event). */
  userSchemas: UserSchemaLookup;
  /** The public base URL the sender used (Twilio signs it): the tunnel's, else the receiver's. */
  publicUrl?: (via: DeliveryVia) => string | null;
  /** Digests of handshake answers given (handshake-guard.ts): a signature equal to one is forged. */
  handshakeAnswers?: ReadonlySet<string>;
}

export interface DeriveTarget {
  input: DeliveryInput;
  endpoint: EndpointConfig | null;
  truncated: boolean;
  /** Known before deriving when the receiver answered a handshake (the flag is a raw fact). */
  handshake: boolean;
  via: DeliveryVia;
  match?: ProviderMatch | null;
}

/**
 * Provider, event and verdict of one delivery. Time-based checks (Stripe's tolerance...) are
 * judged at the moment the delivery arrived, so recomputing later gives the same answer.
 */
export function deriveFacts(target: DeriveTarget, ctx: DeriveContext): DerivedFacts {
  const { endpoint } = target;
  const configuredUrl = endpoint?.options?.['publicUrl'];
  const publicUrl =
    typeof configuredUrl === 'string' ? configuredUrl : (ctx.publicUrl?.(target.via) ?? null);
  // Only the fields providers read: spreading a whole capture or stored delivery cost more than
  // the rest of this function.
  const { method, target: requestTarget, rawHeaders, body, receivedAt } = target.input;
  const input: DeliveryInput = {
    method,
    target: requestTarget,
    rawHeaders,
    body,
    receivedAt,
    publicUrl,
  };
  // Detection and schemas look at the content: a gzip body is recognised by what it decodes to.
  const decoded = decodeBody(rawHeaders, body);
  const bytes = contentBytes(decoded);
  const content: DeliveryInput = bytes ? { ...input, body: bytes } : input;
  const match =
    target.match !== undefined ? target.match : matchProvider(content, endpoint?.provider);
  const event = match?.event ?? null;
  const verdict = computeVerdict(
    input,
    match?.provider ?? null,
    event,
    { secrets: endpoint?.secrets ?? [], options: endpoint?.options ?? {}, now: input.receivedAt },
    target.truncated,
    decoded,
  );
  verdict.signature = flagForgedViaHandshake(verdict.signature, rawHeaders, ctx.handshakeAnswers);
  const userSchema = endpoint ? ctx.userSchemas.find(endpoint.path, event) : null;
  if (userSchema) {
    const parsed = readJsonBody(content.body);
    verdict.schema = parsed.ok
      ? checkSchema(userSchema.schema, parsed.value)
      : {
          status: 'invalid',
          errors: [
            {
              pointer: '',
              message: `the body is not valid JSON (${parsed.reason}), so it cannot match the imported schema "${userSchema.name}"`,
            },
          ],
        };
  }
  return {
    provider: match?.provider.id ?? null,
    event,
    handshake: target.handshake,
    verdict,
  };
}
