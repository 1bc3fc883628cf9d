import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CALL_NAMES,
  EVENT_NAMES,
  calls,
  events,
  isCallName,
  type CallArgs,
  type CallOutput,
  type EventPayload,
} from '../../../electron/contract/api';
import type { DeliverySummary } from '../../../electron/contract/delivery';

describe('contract: calls and events', () => {
  it('has a schema for exactly the names the preload allowlists', () => {
    expect(Object.keys(calls).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('names calls domain:verb and events in the past tense', () => {
    // Words may be kebab-case (`subscriptions:manual-setup`, `tunnel:url-changed`).
    for (const name of CALL_NAMES) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    for (const name of EVENT_NAMES) expect(name).toMatch(/^[a-z]+:([a-z]+-)*[a-z]+ed$/);
  });

  it('does not treat prototype keys as calls', () => {
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
    expect(isCallName('deliveries:list')).toBe(true);
  });

  it('fills list defaults and lets no-input calls take nothing', () => {
    expect(calls['deliveries:list'].input.parse(undefined)).toEqual({ limit: 100 });
    expect(calls['deliveries:list'].input.parse({ method: 'POST' })).toEqual({
      limit: 100,
      method: 'POST',
    });
    expect(calls['deliveries:stats'].input.parse(undefined)).toEqual({});
    expect(calls['deliveries:stats'].input.parse({})).toEqual({});
  });

  it('refuses unknown keys and bad values, naming the field', () => {
    const typo = calls['deliveries:list'].input.safeParse({ limt: 5 });
    expect(typo.success).toBe(false);
    expect(JSON.stringify(typo.error?.issues)).toContain('limt');
    const tooBig = calls['deliveries:list'].input.safeParse({ limit: 5000 });
    expect(tooBig.error?.issues[0]?.path).toEqual(['limit']);
    expect(calls['deliveries:stats'].input.safeParse({ extra: 1 }).success).toBe(false);
    expect(calls['deliveries:get'].input.safeParse({}).error?.issues[0]?.path).toEqual(['id']);
    expect(calls['deliveries:delete'].input.safeParse({ ids: [] }).success).toBe(false);
  });

  it('refuses endpoint lists with duplicate or relative paths', () => {
    const input = calls['endpoints:set'].input;
    const duplicate = input.safeParse({ endpoints: [{ path: '/a' }, { path: '/a' }] });
    expect(duplicate.error?.issues[0]?.path).toEqual(['endpoints', 1, 'path']);
    expect(input.safeParse({ endpoints: [{ path: 'a' }] }).success).toBe(false);
    const bytes = input.safeParse({
      endpoints: [{ path: '/b', response: { body: new Uint8Array([1]) } }],
    });
    expect(bytes.success).toBe(true);
  });

  it('never lets an endpoint view carry secrets', () => {
    const view = calls['endpoints:list'].output.safeParse([
      { path: '/a', secretCount: 1, secrets: ['s'] },
    ]);
    expect(view.success).toBe(false);
  });

  it('derives argument and payload types from the schemas', () => {
    expectTypeOf<CallArgs<'deliveries:stats'>>().toEqualTypeOf<
      [input?: Record<string, never> | undefined]
    >();
    expectTypeOf<CallArgs<'deliveries:get'>>().toEqualTypeOf<[input: { id: string }]>();
    expectTypeOf<CallOutput<'deliveries:delete'>>().toEqualTypeOf<{ deleted: number }>();
    expectTypeOf<EventPayload<'deliveries:captured'>>().toEqualTypeOf<DeliverySummary[]>();
  });
});
