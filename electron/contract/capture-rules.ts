import { z } from 'zod';

/** A provider as the endpoint editor lists it (`providers:list`). */
export const ProviderInfo = z.object({
  id: z.string(),
  name: z.string(),
  events: z.array(z.string()),
  /** Hookscope can sign forged/replayed requests for it. */
  canSign: z.boolean(),
  /** It has a subscription handshake Hookscope can answer (or, for SNS, confirm on request). */
  hasHandshake: z.boolean(),
  /** Its subscription is confirmed only on request, from a delivery of `event` (AWS SNS). */
  confirmOnRequest: z.object({ event: z.string(), note: z.string() }).optional(),
  /** How webhooks get registered with it: through its API (accounts), or by hand (setup steps). */
  subscription: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('api'),
        accountFields: z.array(
          z.object({
            name: z.string(),
            label: z.string(),
            kind: z.enum(['text', 'url', 'secret']),
            optional: z.boolean(),
          }),
        ),
        eventLabel: z.string(),
        eventSuggestions: z.array(z.string()),
      }),
      z.object({ kind: z.literal('manual') }),
    ])
    .optional(),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;

export const SchemaDocumentFormat = z.enum(['json-schema', 'openapi']);
export type SchemaDocumentFormat = z.infer<typeof SchemaDocumentFormat>;

/** A schema the user imported for an endpoint; it wins over the provider's for that event. */
export const UserSchemaView = z.object({
  id: z.string(),
  endpoint: z.string(),
  /** null: applies to every delivery of the endpoint that has no schema of its own event. */
  event: z.string().nullable(),
  /** Where it came from: the file name, or `webhooks.<name>` of an OpenAPI document. */
  name: z.string(),
  format: SchemaDocumentFormat,
  /** An example body from the document (OpenAPI `example(s)`), usable as a forge template. */
  template: z.unknown().nullable(),
  importedAt: z.number(),
});
export type UserSchemaView = z.infer<typeof UserSchemaView>;

export const SchemaImportInput = z.strictObject({
  endpoint: z.string().startsWith('/', 'must start with "/"'),
  /** JSON Schema only: the event it validates; omit for every event of the endpoint. */
  event: z.string().min(1).optional(),
  format: SchemaDocumentFormat,
  /** The document's text (JSON). */
  document: z
    .string()
    .min(1)
    .max(5 * 1024 * 1024),
  /** Shown in the list, e.g. the file name. */
  name: z.string().min(1).max(200).optional(),
});
export type SchemaImportInput = z.infer<typeof SchemaImportInput>;

export const ReverifyInput = z
  .strictObject({
    ids: z.array(z.string().min(1)).min(1).max(10_000).optional(),
    endpoint: z.string().optional(),
  })
  .default({});

/**
 * Pushed as `deliveries:reverify-progressed` while `deliveries:reverify` runs, and while saving
 * endpoints re-verifies their deliveries in the background (per batch of the engine's
 * re-verification, at most every 100 ms, always at the end: done = total), so a big store shows
 * how far it has got. `endpoint` is the path re-verified, null for an ids or whole-store scope.
 */
export const ReverifyProgress = z.object({
  endpoint: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
});
export type ReverifyProgress = z.infer<typeof ReverifyProgress>;

export const SnsConfirmResult = z.object({
  url: z.string(),
  status: z.number().int(),
  /** The start of AWS's answer (XML), for the user to read. */
  body: z.string(),
});
export type SnsConfirmResult = z.infer<typeof SnsConfirmResult>;

/**
 * Opens (minutes > 0) or closes (0) an endpoint's handshake window: challenges are answered only
 * while it is open, except for providers that re-validate by themselves (Twitter CRC, Zoom).
 */
export const HandshakeArmInput = z.strictObject({
  endpoint: z.string().startsWith('/'),
  minutes: z
    .number()
    .min(0)
    .max(7 * 24 * 60),
});
export type HandshakeArmInput = z.infer<typeof HandshakeArmInput>;

export const HandshakeArmState = z.object({
  endpoint: z.string(),
  /** Epoch ms the window closes; null when the endpoint is not armed. */
  armedUntil: z.number().nullable(),
});
export type HandshakeArmState = z.infer<typeof HandshakeArmState>;
