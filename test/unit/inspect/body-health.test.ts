import { describe, expect, it } from 'vitest';
import { bodyHealth } from '../../../electron/engine/inspect/body-health';
import type { RawHeaders } from '../../../electron/contract/delivery';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);
const contentType = (value: string): RawHeaders => [['Content-Type', value]];
const codes = (findings: ReturnType<typeof bodyHealth>) => findings.map((finding) => finding.code);

describe('bodyHealth', () => {
  it('finds nothing wrong with a clean JSON body', () => {
    expect(
      bodyHealth(contentType('application/json; charset=utf-8'), utf8('{"é":[1,2]}'), false),
    ).toEqual([]);
  });

  it('reports invalid JSON with line, column and character position', () => {
    const [finding] = bodyHealth(contentType('application/json'), utf8('{\n  "a": 1,\n}'), false);
    expect(finding?.code).toBe('invalid-json');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(/at line 3, column 1 \(character 12\)/);
  });

  it('reports an unexpected end of JSON at the end of the body, and blames truncation', () => {
    const findings = bodyHealth(contentType('application/json'), utf8('{"a":'), true);
    expect(codes(findings)).toEqual(['truncated-body', 'invalid-json']);
    expect(findings[1]?.message).toMatch(/line 1, column 6 .*truncated/);
  });

  it('reports JSON sent with another or no content type', () => {
    const plain = bodyHealth(contentType('text/plain'), utf8('{"a":1}'), false);
    expect(plain).toEqual([
      expect.objectContaining({
        code: 'json-not-declared',
        severity: 'warning',
        message: expect.stringMatching(/text\/plain/),
      }),
    ]);
    expect(codes(bodyHealth([], utf8('[1]'), false))).toEqual(['json-not-declared']);
    expect(codes(bodyHealth([], utf8('hello'), false))).toEqual(['missing-content-type']);
    expect(codes(bodyHealth(contentType('text/plain'), utf8('"ok"'), false))).toEqual([]);
  });

  it('reports a UTF-8 BOM but still parses the JSON behind it', () => {
    const findings = bodyHealth(
      contentType('application/json'),
      bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d),
      false,
    );
    expect(codes(findings)).toEqual(['utf8-bom']);
  });

  it('reports a UTF-16 body by its BOM', () => {
    const findings = bodyHealth(contentType('text/plain'), bytes(0xff, 0xfe, 0x68, 0x00), false);
    expect(codes(findings)).toEqual(['utf16-bom']);
  });

  it('reports non-UTF-8 bytes with their offset: an error for JSON, a warning for text', () => {
    const latin1Json = bytes(...utf8('{"a":"caf'), 0xe9, ...utf8('"}'));
    const [json] = bodyHealth(contentType('application/json'), latin1Json, false);
    expect(json).toMatchObject({ code: 'invalid-utf8', severity: 'error' });
    expect(json?.message).toMatch(/byte 0xE9 at offset 9/);
    const [text] = bodyHealth(
      contentType('text/plain; charset=utf-8'),
      bytes(0x61, 0xc0, 0xaf),
      false,
    );
    expect(text).toMatchObject({ code: 'invalid-utf8', severity: 'warning' });
    expect(text?.message).toMatch(/offset 1/);
  });

  it('reports a charset that contradicts the bytes, and JSON declared in a non-UTF-8 charset', () => {
    const findings = bodyHealth(
      contentType('application/json; charset=ISO-8859-1'),
      utf8('{"a":"café"}'),
      false,
    );
    expect(codes(findings)).toEqual(['json-charset-not-utf8', 'charset-mismatch']);
    expect(
      codes(bodyHealth(contentType('text/plain; charset=iso-8859-1'), bytes(0x63, 0xe9), false)),
    ).toEqual([]);
  });

  it('reports empty bodies, as a warning when JSON was announced', () => {
    expect(bodyHealth([], new Uint8Array(), false)).toEqual([
      { code: 'empty-body', severity: 'info', message: 'The body is empty.' },
    ]);
    expect(bodyHealth(contentType('application/json'), new Uint8Array(), false)[0]?.severity).toBe(
      'warning',
    );
  });

  it('reports a truncated record, duplicate content types and a wrong Content-Length', () => {
    expect(bodyHealth(contentType('text/plain'), utf8('partial'), true)[0]).toMatchObject({
      code: 'truncated-body',
      severity: 'error',
    });
    const headers: RawHeaders = [
      ['Content-Type', 'text/plain'],
      ['content-type', 'application/json'],
      ['Content-Length', '99'],
    ];
    expect(codes(bodyHealth(headers, utf8('hi'), false))).toEqual([
      'duplicate-content-type',
      'content-length-mismatch',
    ]);
  });

  it('leaves binary bodies alone', () => {
    expect(
      bodyHealth(contentType('application/octet-stream'), bytes(0xff, 0x00, 0xc0), false),
    ).toEqual([]);
  });
});
