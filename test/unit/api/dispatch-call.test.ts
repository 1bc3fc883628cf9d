import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../../electron/contract/api';
import { ApiError } from '../../../electron/engine/api/api-error';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import type { Handlers } from '../../../electron/engine/api/handlers';

/** Handlers that record their input; the ones a test doesn't override must never run. */
function handlersWith(overrides: Partial<Handlers>): { handlers: Handlers; seen: unknown[] } {
  const seen: unknown[] = [];
  const base = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      async () => {
        throw new Error(`${name} should not have run`);
      },
    ]),
  ) as unknown as Handlers;
  const record =
    <T>(fn: (input: T) => Promise<unknown>) =>
    async (input: T) => {
      seen.push(input);
      return fn(input);
    };
  const wrapped = Object.fromEntries(
    Object.entries(overrides).map(([name, fn]) => [
      name,
      record(fn as (input: unknown) => Promise<unknown>),
    ]),
  );
  return { handlers: { ...base, ...wrapped } as Handlers, seen };
}

describe('dispatchCall', () => {
  it('refuses unknown calls without running anything', async () => {
    const { handlers, seen } = handlersWith({});
    for (const name of ['deliveries:nuke', 'toString', '__proto__', 42, null]) {
      const result = await dispatchCall(handlers, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    }
    expect(seen).toEqual([]);
  });

  it('refuses invalid input, naming the field, without running the handler', async () => {
    const { handlers, seen } = handlersWith({
      'deliveries:list': async () => ({ items: [], nextBeforeSeq: null }),
    });
    const result = await dispatchCall(handlers, 'deliveries:list', { limit: 'lots' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!result.ok) expect(result.error.message).toMatch(/^deliveries:list: limit: /);
    const extra = await dispatchCall(handlers, 'deliveries:list', { limit: 5, sneaky: true });
    if (!extra.ok) expect(extra.error.message).toContain('sneaky');
    expect(extra.ok).toBe(false);
    expect(seen).toEqual([]);
  });

  it('passes the parsed input (defaults filled) and wraps the value', async () => {
    const { handlers, seen } = handlersWith({
      'deliveries:list': async () => ({ items: [], nextBeforeSeq: null }),
    });
    const result = await dispatchCall(handlers, 'deliveries:list', undefined);
    expect(result).toEqual({ ok: true, value: { items: [], nextBeforeSeq: null } });
    expect(seen).toEqual([{ limit: 100 }]);
  });

  it('keeps the code of an ApiError and turns other throws into internal errors', async () => {
    const reported: unknown[] = [];
    const { handlers } = handlersWith({
      'deliveries:get': async () => {
        throw new ApiError('not-found', 'no delivery with id "x"');
      },
      'deliveries:stats': async () => {
        throw new TypeError('boom');
      },
    });
    const missing = await dispatchCall(handlers, 'deliveries:get', { id: 'x' }, (e) =>
      reported.push(e),
    );
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no delivery with id "x"' },
    });
    expect(reported).toEqual([]);
    const broken = await dispatchCall(handlers, 'deliveries:stats', {}, (e) => reported.push(e));
    expect(broken).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(reported).toHaveLength(1);
  });

  it('maps a busy database to unavailable', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const { handlers } = handlersWith({
      'deliveries:clear': async () => {
        throw busy;
      },
    });
    const result = await dispatchCall(handlers, 'deliveries:clear', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
