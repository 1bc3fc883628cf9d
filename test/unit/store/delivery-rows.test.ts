import { describe, expect, it } from 'vitest';
import {
  pathOf,
  prepareDelivery,
  summaryOfPrepared,
} from '../../../electron/engine/store/delivery-rows';
import { resolveRetention } from '../../../electron/engine/store/retention';
import { DEFAULT_RETENTION } from '../../../electron/engine/store/types';

describe('delivery rows', () => {
  it('derives the path by dropping the query only', () => {
    expect(pathOf('/a/b?c=d?e')).toBe('/a/b');
    expect(pathOf('/a/b')).toBe('/a/b');
    expect(pathOf('*')).toBe('*');
  });

  it('derives content type, response status, badge and stored bytes once', () => {
    const prepared = prepareDelivery({
      id: 'id1',
      receivedAt: 5,
      endpoint: null,
      remoteAddress: '127.0.0.1',
      method: 'POST',
      target: '/x?y',
      httpVersion: '1.1',
      rawHeaders: [['CONTENT-TYPE', 'text/plain']],
      body: new Uint8Array(7),
      size: 7,
      truncated: false,
      via: 'local',
      response: { status: 204, rawHeaders: [], body: new Uint8Array(3), latencyMs: 2 },
      provider: null,
      event: null,
      handshake: false,
      verdict: {
        signature: { status: 'invalid', reason: 'bad' },
        schema: { status: 'no-schema', errors: [] },
        health: [],
      },
    });
    expect(prepared).toMatchObject({
      contentType: 'text/plain',
      responseStatus: 204,
      badge: 'fail',
      storedBytes: 10,
    });
    expect(summaryOfPrepared(prepared, 9)).toMatchObject({ seq: 9, id: 'id1', badge: 'fail' });
  });
});

describe('retention limits', () => {
  it('fills defaults and rejects non-positive values', () => {
    expect(resolveRetention()).toEqual(DEFAULT_RETENTION);
    expect(resolveRetention({ maxCount: 10 })).toEqual({ ...DEFAULT_RETENTION, maxCount: 10 });
    expect(() => resolveRetention({ maxBytes: -1 })).toThrow(/maxBytes/);
  });
});
