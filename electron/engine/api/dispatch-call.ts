import { calls } from '../../contract/api';
import { isCallName } from '../../contract/names';
import { fail, ok, type Result } from '../../contract/result';
import { describeIssues } from '../zod-issues';
import { toResultError } from './api-error';
import type { Handlers } from './handlers';

/**
 * The one entry point of every transport (IPC, WebSocket): refuses unknown calls, validates the
 * input with the contract's schema, runs the handler, and turns whatever it throws into a Result.
 * Never throws. `report` hears about internal errors (bugs), which the UI only sees as a message.
 */
export async function dispatchCall(
  handlers: Handlers,
  name: unknown,
  rawInput: unknown,
  report?: (error: unknown, name: string) => void,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    const shown = typeof name === 'string' ? `"${name.slice(0, 100)}"` : typeof name;
    return fail('unknown-call', `unknown call ${shown}`);
  }
  const parsed = calls[name].input.safeParse(rawInput);
  if (!parsed.success) return fail('invalid-input', `${name}: ${describeIssues(parsed.error)}`);
  try {
    // The schema of `name` produced `parsed.data`, so it is the input this handler expects.
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    const resultError = toResultError(error);
    if (resultError.code === 'internal') report?.(error, name);
    return { ok: false, error: resultError };
  }
}
