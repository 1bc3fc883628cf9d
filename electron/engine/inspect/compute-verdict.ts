import type { Verdict } from '../../contract/verdict';
import type { DeliveryInput, Provider, VerifyContext, VerifyResult } from '../providers/types';
import { bodyHealth } from './body-health';
import { contentBytes, decodeBody, type DecodedBody } from './content-encoding';
import { readJsonBody } from './json-body';
import { checkSchema, type SchemaCheck } from './schema-check';

export interface ProviderMatch {
  provider: Provider;
  event: string | null;
  confidence: number;
}

/** Asks every provider; the most confident wins, ties go to the earlier provider in the list. */
export function detectProvider(
  input: DeliveryInput,
  providers: readonly Provider[],
): ProviderMatch | null {
  let best: ProviderMatch | null = null;
  for (const provider of providers) {
    let detection;
    try {
      detection = provider.detect(input);
    } catch {
      // A detector bug must not stop the others from recognising the delivery.
      continue;
    }
    if (!detection || !(detection.confidence > 0)) continue;
    if (!best || detection.confidence > best.confidence) {
      best = { provider, event: detection.event, confidence: detection.confidence };
    }
  }
  return best;
}

const encoder = new TextEncoder();

/** Forms a sender or proxy commonly re-serializes JSON into, in the order they are tried. */
const RESERIALIZED_FORMS: ReadonlyArray<{
  name: string;
  label: string;
  render: (value: unknown) => string;
}> = [
  { name: 'minified', label: 'its minified form', render: (value) => JSON.stringify(value) },
  {
    name: 'pretty-2',
    label: 'its pretty-printed form (2-space indent)',
    render: (value) => JSON.stringify(value, null, 2),
  },
];

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

function safeVerify(provider: Provider, input: DeliveryInput, ctx: VerifyContext): VerifyResult {
  try {
    return provider.verify(input, ctx);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 'not-applicable',
      reason: `The ${provider.name} signature check failed with an internal error: ${reason}`,
      details: { internalError: reason },
    };
  }
}

/**
 * When a signature fails, a common cause is that something parsed and re-serialized the JSON
 * before it reached us (or before the sender signed it). If the signature matches such a form,
 * say so: it turns "invalid" into an actionable explanation.
 */
function explainReserialized(
  result: VerifyResult,
  provider: Provider,
  input: DeliveryInput,
  ctx: VerifyContext,
): VerifyResult {
  const parsed = readJsonBody(input.body);
  if (!parsed.ok) return result;
  for (const form of RESERIALIZED_FORMS) {
    const bytes = encoder.encode(form.render(parsed.value));
    if (sameBytes(bytes, input.body)) continue;
    if (safeVerify(provider, { ...input, body: bytes }, ctx).status === 'valid') {
      return {
        status: 'invalid',
        reason: `The body was re-serialized: the signature matches ${form.label}, not the bytes received.`,
        details: { ...result.details, reserializedMatch: form.name, originalReason: result.reason },
      };
    }
  }
  return result;
}

function signatureOf(
  input: DeliveryInput,
  provider: Provider | null,
  ctx: VerifyContext,
  truncated: boolean,
): VerifyResult {
  if (!provider) {
    return {
      status: 'not-applicable',
      reason: 'No provider recognised, so no signature scheme to check.',
    };
  }
  const result = safeVerify(provider, input, ctx);
  if (result.status !== 'invalid') return result;
  if (truncated) {
    return {
      ...result,
      reason: `${result.reason} The stored body is truncated, so a signature over the full body cannot match.`,
    };
  }
  return explainReserialized(result, provider, input, ctx);
}

function schemaOf(
  input: DeliveryInput,
  provider: Provider | null,
  event: string | null,
): SchemaCheck {
  const definition = provider?.events.find((candidate) => candidate.name === event);
  if (!definition?.schema) return { status: 'no-schema', errors: [] };
  const parsed = readJsonBody(input.body);
  if (!parsed.ok) {
    return {
      status: 'invalid',
      errors: [
        {
          pointer: '',
          message: `the body is not valid JSON (${parsed.reason}), so it cannot match the ${provider?.name} ${event} schema`,
        },
      ],
    };
  }
  return checkSchema(definition.schema, parsed.value);
}

/**
 * A signature over the body as sent is the rule; a sender that signs first and compresses after
 * (or a proxy that compresses) signs the decoded bytes, so those are tried when the first fails.
 */
function signatureOverContent(
  input: DeliveryInput,
  content: DeliveryInput,
  encoding: string,
  provider: Provider | null,
  ctx: VerifyContext,
  truncated: boolean,
): VerifyResult {
  const asSent = signatureOf(input, provider, ctx, truncated);
  if (asSent.status !== 'invalid' || !provider) return asSent;
  const decoded = safeVerify(provider, content, ctx);
  if (decoded.status !== 'valid') return asSent;
  return {
    ...decoded,
    reason: `${decoded.reason} It matches the body after undoing Content-Encoding ${encoding}, not the compressed bytes as sent.`,
    details: { ...decoded.details, signedBytes: 'decoded' },
  };
}

/**
 * The verdict shown for a delivery: signature, schema and raw-byte health, each explained. A body
 * sent with a Content-Encoding is judged on its decoded bytes (bounded by MAX_DECODED_BYTES);
 * `decoded` saves decoding twice when the caller already did.
 */
export function computeVerdict(
  input: DeliveryInput,
  provider: Provider | null,
  event: string | null,
  ctx: VerifyContext,
  truncated: boolean,
  decoded: DecodedBody = decodeBody(input.rawHeaders, input.body),
): Verdict {
  const bytes = contentBytes(decoded);
  const content = bytes ? { ...input, body: bytes } : input;
  return {
    signature:
      bytes && decoded.encoding !== null
        ? signatureOverContent(input, content, decoded.encoding, provider, ctx, truncated)
        : signatureOf(input, provider, ctx, truncated),
    schema: schemaOf(content, provider, event),
    health: bodyHealth(input.rawHeaders, input.body, truncated, decoded),
  };
}
