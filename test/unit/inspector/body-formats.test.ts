import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../../renderer/src/lib/image-type';
import { multipartBoundary, parseMultipart } from '../../../renderer/src/lib/multipart';
import { diffLines } from '../../../electron/engine/inspect/diff';
import { sidesOfLineDiff } from '../../../renderer/src/lib/line-diff-sides';
import {
  looksLikeXml,
  MAX_INDENT_DEPTH,
  prettyXml,
  xmlTokens,
} from '../../../renderer/src/lib/xml-pretty';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('multipart', () => {
  it('reads the boundary, quoted or not', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
    expect(multipartBoundary('application/json; boundary=abc')).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });

  it('splits parts with their headers, names, file names and exact body bytes', () => {
    const body = bytes(
      'preamble\r\n--b\r\nContent-Disposition: form-data; name="a"\r\n\r\none\r\ntwo\r\n' +
        '--b\r\nContent-Disposition: form-data; name="f"; filename="x \\"y\\".bin"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u0001\r\n--b--\r\nepilogue',
    );
    const parts = parseMultipart(body, 'multipart/form-data; boundary=b')!;
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ name: 'a', filename: null, contentType: null });
    expect(text(parts[0]!.body)).toBe('one\r\ntwo');
    expect(parts[1]).toMatchObject({
      name: 'f',
      filename: 'x "y".bin',
      contentType: 'application/octet-stream',
    });
    expect([...parts[1]!.body]).toEqual([0, 1]);
    expect(parts[1]!.headers[1]).toEqual(['Content-Type', 'application/octet-stream']);
  });

  it('keeps the parts of a truncated body, and answers null without a delimiter', () => {
    const cut = parseMultipart(
      bytes('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\npartial da'),
      'multipart/form-data; boundary=b',
    );
    expect(cut).toHaveLength(1);
    expect(text(cut![0]!.body)).toBe('partial da');
    expect(
      parseMultipart(bytes('no delimiter here'), 'multipart/form-data; boundary=b'),
    ).toBeNull();
  });
});

describe('xml pretty print', () => {
  it('indents nested tags and keeps text-only elements on one line', () => {
    expect(prettyXml('<a x="1"><b>t</b><c><d/></c></a>')).toBe(
      '<a x="1">\n  <b>t</b>\n  <c>\n    <d/>\n  </c>\n</a>',
    );
  });

  it('never expands entities or reads a DTD: they stay as text', () => {
    const hostile = '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>';
    const pretty = prettyXml(hostile);
    expect(pretty).toContain('&e;');
    expect(pretty).not.toContain('root:');
  });

  it('tokenizes hostile bodies in one pass: unterminated markup ends the tokens', () => {
    const lessThans = '<'.repeat(250_000);
    expect(xmlTokens(lessThans)).toEqual([lessThans]);
    expect(prettyXml(lessThans)).toBeNull();
    const unterminatedCdata = `<a><![CDATA[${'x'.repeat(250_000)}`;
    expect(xmlTokens(unterminatedCdata)).toHaveLength(2);
    expect(prettyXml(unterminatedCdata)).toBeNull();
    const repeated = `<a>${'a'.repeat(1_000_000)}</a>`;
    expect(prettyXml(repeated)).toBe(repeated);
  });

  it('indents no deeper than MAX_INDENT_DEPTH, so deep nesting grows the text linearly', () => {
    const depth = 10_000;
    const deep = '<a>'.repeat(depth) + '</a>'.repeat(depth);
    const pretty = prettyXml(deep);
    expect(pretty).not.toBeNull();
    const lines = pretty!.split('\n');
    expect(lines).toHaveLength(2 * depth);
    const widest = Math.max(...lines.map((line) => line.length));
    expect(widest).toBe(MAX_INDENT_DEPTH * 2 + '</a>'.length);
  });

  it('answers null when tags do not nest, and recognises XML', () => {
    expect(prettyXml('<a><b></a>')).toBeNull();
    expect(prettyXml('</a>')).toBeNull();
    expect(looksLikeXml('  <?xml version="1.0"?><a/>', null)).toBe(true);
    expect(looksLikeXml('<feed/>', 'application/atom+xml')).toBe(true);
    expect(looksLikeXml('{"a":1}', 'application/xml')).toBe(false);
  });
});

describe('image sniffing', () => {
  it('trusts the bytes, not the label', () => {
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffImage(bytes('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(bytes('<svg onload="alert(1)"/>'))).toBeNull();
  });
});

describe('both sides of a line diff', () => {
  it('gives back both texts exactly, empty lines and a trailing newline included', () => {
    const { lines } = diffLines('a\nb\n\nc\nd\n', 'a\nB\n\nd\ne\n');
    expect(sidesOfLineDiff(lines)).toEqual({ left: 'a\nb\n\nc\nd\n', right: 'a\nB\n\nd\ne\n' });
    expect(sidesOfLineDiff([])).toEqual({ left: '', right: '' });
  });
});
