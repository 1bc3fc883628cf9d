import { describe, expect, it } from 'vitest';
import { headerValue } from '../../../electron/contract/headers';
import { jsonObject } from '../../../electron/engine/providers/http-helpers';
import { indexedHeaderValue } from '../../../electron/engine/providers/raw-headers';
import { queryParam, queryParams } from '../../../electron/engine/providers/request-target';

describe('indexedHeaderValue (one index per header list)', () => {
  it('answers like the contract headerValue, first value wins, any case', () => {
    const lists: Array<Array<[string, string]>> = [
      [
        ['Content-Type', 'application/json'],
        ['content-type', 'text/plain'],
        ['X-GitHub-Event', 'push'],
      ],
      [['x-github-event', 'ping']],
      [],
      [['\u0130d', 'dotted capital I']],
    ];
    const names = ['content-type', 'CONTENT-TYPE', 'X-GitHub-Event', 'missing', 'i\u0307d'];
    // Alternating lists: each lookup must see its own list, not the previous one's index.
    for (let round = 0; round < 2; round += 1) {
      for (const list of lists) {
        for (const name of names) {
          expect(indexedHeaderValue(list, name)).toBe(headerValue(list, name));
        }
      }
    }
  });
});

describe('queryParams (parsed once per target)', () => {
  it('answers each target for itself when targets alternate', () => {
    expect(queryParams('/a?token=1&token=2', 'token')).toEqual(['1', '2']);
    expect(queryParam('/a', 'token')).toBeNull();
    expect(queryParam('/a?token=x+y#token=z', 'token')).toBe('x y');
    expect(queryParams('/a?token=1&token=2', 'token')).toEqual(['1', '2']);
  });
});

describe('jsonObject (shares the per-body parse)', () => {
  it('is null for a BOM-prefixed body, as JSON.parse of the raw text would be', () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":1}')]);
    expect(jsonObject(body)).toBeNull();
    expect(jsonObject(new TextEncoder().encode('{"a":1}'))).toEqual({ a: 1 });
    expect(jsonObject(new TextEncoder().encode('[1]'))).toBeNull();
  });
});
