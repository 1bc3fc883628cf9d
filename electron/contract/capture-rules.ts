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

export const SnsConfirmResult = z.object({
  url: z.string(),
  status: z.number().int(),
  /** The start of AWS's answer (XML), for the user to read. */
  body: z.string(),
});
export type SnsConfirmResult = z.infer<typeof SnsConfirmResult>;
