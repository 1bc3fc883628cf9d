import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { findProvider, UnknownProviderError } from './providers/registry';
import type { EndpointConfig } from './receiver/types';
import { describeIssues } from './zod-issues';
import { ForwardRule } from '../contract/sender';

/** RFC 9110 5.6.2 token: what node:http's setHeader accepts as a name (validateHeaderName). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 5.5 field-value bytes node:http accepts (checkInvalidHeaderChar): no CTL but HTAB. */
const HEADER_VALUE_BAD = /[^\t\x20-\x7e\x80-\xff]/;

/** Why a response header name cannot be sent, or null. */
export function headerNameProblem(name: string): string | null {
  if (name === '') return 'empty header name';
  return HEADER_NAME.test(name)
    ? null
    : "not a valid header name (only token characters: letters, digits and !#$%&'*+-.^_`|~)";
}

/** Why a response header value cannot be sent, or null. */
export function headerValueProblem(value: string): string | null {
  const bad = HEADER_VALUE_BAD.exec(value)?.[0];
  if (bad === undefined) return null;
  const named: Record<string, string> = { '\r': 'CR', '\n': 'LF', '\0': 'NUL' };
  const code = bad.codePointAt(0) ?? 0;
  const what = named[bad] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `header value contains ${what} (values may not hold CR, LF, NUL or other control characters)`;
}

/**
 * Response headers are checked at load: a bad one would otherwise pass start-up and turn every
 * request to its path into a 500 when node:http refuses to send it.
 */
const ResponseHeaders = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerNameProblem(name) ?? headerValueProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

// Strict objects: a typo such as "respnse" is an error, not a silently ignored key.
const ResponseConfig = z.strictObject({
  status: z.number().int().min(100).max(599).optional(),
  headers: ResponseHeaders.optional(),
  body: z.string().optional(),
  delayMs: z.number().int().min(0).max(60_000).optional(),
});

const EndpointEntry = z.strictObject({
  path: z.string().startsWith('/', 'must start with "/"'),
  provider: z.string().min(1).optional(),
  secrets: z.array(z.string()).optional(),
  handshake: z.boolean().optional(),
  response: ResponseConfig.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Forward rules (issue 7: replay, forward and forge). */
  forward: z.array(ForwardRule).optional(),
});

export const HookscopeConfig = z
  .strictObject({ endpoints: z.array(EndpointEntry).default([]) })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.endpoints.forEach((endpoint, index) => {
      if (seen.has(endpoint.path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoints', index, 'path'],
          message: `duplicate path "${endpoint.path}"`,
        });
      }
      seen.add(endpoint.path);
      if (endpoint.provider !== undefined && !findProvider(endpoint.provider)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoints', index, 'provider'],
          message: new UnknownProviderError(endpoint.provider).message,
        });
      }
    });
  });

export interface HookscopeConfigValue {
  endpoints: EndpointConfig[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an already-parsed config; `source` names the file in error messages. */
export function parseConfig(value: unknown, source = 'config'): HookscopeConfigValue {
  const parsed = HookscopeConfig.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${source}: ${describeIssues(parsed.error)}`);
  return { endpoints: parsed.data.endpoints };
}

/** Reads and validates a JSON config file (`{"endpoints": [...]}`). */
export async function loadConfigFile(file: string): Promise<HookscopeConfigValue> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT' ? `${file}: config file not found` : `${file}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(json, file);
}
