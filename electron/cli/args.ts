import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: exit code 2 and a one-line message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** What parseCommandArgs returns: typed `values` for the given option specs, and positionals. */
export type ParsedCommand<T extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: boolean }>
>;

/** Flags shared by `serve` and `listen`, which both run the engine. */
export const ENGINE_OPTIONS = {
  'data-dir': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'receiver-port': { type: 'string' },
  config: { type: 'string' },
  'max-body-bytes': { type: 'string' },
  durability: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

// node:util's messages carry advice about '--' that reads oddly here; keep their first sentence.
function usageMessage(error: Error & { code?: unknown }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return (error.message.split('. ')[0] ?? error.message).replace(/\.$/, '');
    default:
      return error.message;
  }
}

/** node:util parseArgs in strict mode, with its errors turned into UsageError. */
export function parseCommandArgs<const T extends OptionSpecs>(
  argv: readonly string[],
  options: T,
  allowPositionals = false,
): ParsedCommand<T> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    if (error instanceof Error && 'code' in error) throw new UsageError(usageMessage(error));
    throw error;
  }
}

/** A whole number in [min, max] from a flag's text; the message names the flag. */
export function parseInteger(
  text: string | undefined,
  flag: string,
  { min, max }: { min: number; max: number },
): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) {
    throw new UsageError(`--${flag} must be between ${min} and ${max}, got ${text}`);
  }
  return value;
}

export const parsePort = (text: string | undefined, flag: string): number | undefined =>
  parseInteger(text, flag, { min: 0, max: 65_535 });

/** One of the allowed words, or a usage error listing them. */
export function parseChoice<T extends string>(
  text: string | undefined,
  flag: string,
  choices: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${text}"`);
}
