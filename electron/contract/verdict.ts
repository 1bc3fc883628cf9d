import { z } from 'zod';

/**
 * Outcome of checking a delivery's signature against the endpoint's secrets. `forged-via-handshake`:
 * the signature matches, but equals a handshake answer Hookscope gave, so anyone could have it.
 */
export const SignatureStatus = z.enum([
  'valid',
  'invalid',
  'missing',
  'not-applicable',
  'forged-via-handshake',
]);
export type SignatureStatus = z.infer<typeof SignatureStatus>;

export const SchemaError = z.object({ pointer: z.string(), message: z.string() });
export type SchemaError = z.infer<typeof SchemaError>;

/** One raw-body health finding: invalid JSON, content-type mismatch, BOM, empty, truncated... */
export const HealthFinding = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type HealthFinding = z.infer<typeof HealthFinding>;

export const Verdict = z.object({
  signature: z.object({
    status: SignatureStatus,
    reason: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  schema: z.object({
    status: z.enum(['valid', 'invalid', 'no-schema']),
    errors: z.array(SchemaError),
  }),
  health: z.array(HealthFinding),
});
export type Verdict = z.infer<typeof Verdict>;

/**
 * The single word the inbox shows as a badge. `ok` means authenticated: the signature was checked
 * and is valid. `unsigned`: recognised (or schema-valid) but not authenticated, because the
 * signature is missing or could not be checked (no secret configured).
 */
export const VerdictBadge = z.enum(['ok', 'warning', 'fail', 'none', 'unsigned']);
export type VerdictBadge = z.infer<typeof VerdictBadge>;

// Kept in its own module, free of zod, so the store's worker thread can load it cheaply.
export { badgeOf } from './verdict-badge';
