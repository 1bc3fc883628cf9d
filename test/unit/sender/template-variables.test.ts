import { describe, expect, it } from 'vitest';
import { expandVariables } from '../../../electron/engine/sender/template-variables';

describe('template variables', () => {
  const now = Date.UTC(2026, 10, 25, 8, 0, 0);

  it('expands variables inside strings, deeply', () => {
    const out = expandVariables({ a: ['at {{now}}'], b: { id: '{{uuid}}' } }, now) as {
      a: string[];
      b: { id: string };
    };
    expect(out.a[0]).toBe('at 2026-11-25T08:00:00.000Z');
    expect(out.b.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns a whole numeric variable into a number', () => {
    expect(expandVariables({ t: '{{now_unix}}', ms: '{{now_ms}}' }, now)).toEqual({
      t: now / 1000,
      ms: now,
    });
    expect(typeof expandVariables('{{random_int}}')).toBe('number');
  });

  it('leaves unknown variables as written', () => {
    expect(expandVariables('{{nope}} {{ now }}', now)).toBe('{{nope}} 2026-11-25T08:00:00.000Z');
  });
});
