import { describe, expect, it } from 'vitest';
import { bodyText, readJsonBody, readJsonObject } from '../../../electron/engine/inspect/json-body';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readJsonBody (one parse per delivery, reused)', () => {
  it('answers each body for itself when bodies alternate', () => {
    const first = bytes('{"a":1}');
    const second = bytes('{"b":2}');
    expect(readJsonObject(first)).toEqual({ a: 1 });
    expect(readJsonObject(second)).toEqual({ b: 2 });
    expect(readJsonObject(first)).toEqual({ a: 1 });
    expect(readJsonBody(first)).toBe(readJsonBody(first));
  });

  it('explains an empty body and a syntax error with the parser message and position', () => {
    const empty = readJsonBody(new Uint8Array(0));
    expect(empty).toMatchObject({ ok: false, position: null, hadBom: false });
    expect(empty.ok ? '' : empty.reason).toMatch(/end of JSON input/);
    const broken = readJsonBody(bytes('{"a":1 x}'));
    expect(broken.ok).toBe(false);
    expect(broken.ok ? null : broken.position).toBe(7);
  });

  it('leaves the stack trace limit as it found it, also after a syntax error', () => {
    const before = Error.stackTraceLimit;
    readJsonBody(bytes('not json'));
    readJsonBody(bytes('[1]'));
    expect(Error.stackTraceLimit).toBe(before);
  });

  it('tolerates a BOM and decodes non-ASCII text as UTF-8', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":"café"}')]);
    expect(readJsonBody(withBom)).toEqual({ ok: true, value: { a: 'café' }, hadBom: true });
    expect(bodyText(bytes('plain ascii'))).toBe('plain ascii');
    expect(bodyText(new Uint8Array([0x61, 0xe9, 0x62]))).toBe('a\ufffdb');
  });
});
