import { z } from 'zod';
import { ForwardRule } from './sender';

// Any Uint8Array (z.instanceof would narrow it to Uint8Array<ArrayBuffer>).
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');

// Strict objects: a typo such as "respnse" is refused, not silently dropped.
export const EndpointResponse = z.strictObject({
  status: z.number().int().min(100).max(599).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Text from a config file, or exact bytes. */
  body: z.union([z.string(), Bytes]).optional(),
  delayMs: z.number().int().min(0).max(60_000).optional(),
});
export type EndpointResponse = z.infer<typeof EndpointResponse>;

const endpointFields = {
  path: z.string().startsWith('/', 'must start with "/"'),
  provider: z.string().min(1).optional(),
  handshake: z.boolean().optional(),
  response: EndpointResponse.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Forward rules (issue 7: replay, forward and forge). */
  forward: z.array(ForwardRule).optional(),
};

/**
 * An endpoint as the UI sees it. SECURITY: signing secrets never cross the bridge towards the UI;
 * it only learns how many there are.
 */
export const EndpointView = z.strictObject({
  ...endpointFields,
  secretCount: z.number().int().min(0),
});
export type EndpointView = z.infer<typeof EndpointView>;

/**
 * An endpoint as the UI writes it. `secrets` is write-only: omit it to keep the secrets the endpoint
 * with the same path already has, pass [] to remove them.
 */
export const EndpointInput = z.strictObject({
  ...endpointFields,
  secrets: z.array(z.string().min(1)).optional(),
});
export type EndpointInput = z.input<typeof EndpointInput>;

/** A list of endpoints whose paths are unique. */
export const EndpointInputList = z.array(EndpointInput).superRefine((endpoints, ctx) => {
  const seen = new Set<string>();
  endpoints.forEach((endpoint, index) => {
    if (seen.has(endpoint.path)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'path'],
        message: `duplicate path "${endpoint.path}"`,
      });
    }
    seen.add(endpoint.path);
  });
});
