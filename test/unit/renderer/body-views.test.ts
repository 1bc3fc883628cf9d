import { describe, expect, it } from 'vitest';
import { analyzeBody } from '../../../renderer/src/lib/body-analysis';
import { bytesToBase64, base64ToBytes, isProbablyText } from '../../../renderer/src/lib/bytes';
import { hexDumpLines } from '../../../renderer/src/lib/hex-dump';
import { LruCache } from '../../../renderer/src/lib/lru-cache';
import {
  headerValue,
  joinUrl,
  parseFormPairs,
  queryParams,
} from '../../../renderer/src/lib/request-parts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('hex dump', () => {
  it('formats offset, grouped hex and printable ascii', () => {
    const lines = hexDumpLines(encode('Hello, hex world!\u0000'));
    expect(lines[0]).toEqual({
      offset: '00000000',
      hex: '48 65 6c 6c 6f 2c 20 68  65 78 20 77 6f 72 6c 64',
      ascii: 'Hello, hex world',
    });
    expect(lines[1]?.offset).toBe('00000010');
    expect(lines[1]?.hex.trimEnd()).toBe('21 00');
    // A short last line is padded so its ascii column lines up with the full lines above.
    expect(lines[1]?.hex).toHaveLength(lines[0]?.hex.length ?? -1);
    expect(lines[1]?.ascii).toBe('!.');
  });

  it('pages by line', () => {
    const bytes = new Uint8Array(100);
    const page = hexDumpLines(bytes, 2, 3);
    expect(page.map((line) => line.offset)).toEqual(['00000020', '00000030', '00000040']);
    expect(hexDumpLines(new Uint8Array())).toEqual([]);
  });
});

describe('body analysis', () => {
  it('prefers the JSON tree for JSON, even when mislabelled text/plain', () => {
    const analysis = analyzeBody(encode('{"Type":"Notification"}'), 'text/plain; charset=UTF-8');
    expect(analysis.preferred).toBe('json');
    expect(analysis.views).toEqual(['json', 'raw', 'hex']);
    expect(analysis.json?.value).toEqual({ Type: 'Notification' });
  });

  it('falls back to raw for broken JSON and to hex for binary', () => {
    expect(analyzeBody(encode('{"a":'), 'application/json').preferred).toBe('raw');
    const binary = analyzeBody(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]), 'image/png');
    expect(binary.preferred).toBe('hex');
    expect(binary.isText).toBe(false);
  });

  it('offers decoded fields for form bodies', () => {
    const analysis = analyzeBody(encode('a=1&b=two+words'), 'application/x-www-form-urlencoded');
    expect(analysis.preferred).toBe('form');
    expect(analysis.form).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two words' },
    ]);
  });

  it('calls text only valid UTF-8 without control characters', () => {
    expect(isProbablyText(encode('tab\tnew\nline\r\n ünï'))).toBe(true);
    expect(isProbablyText(new Uint8Array([0xc3, 0x28]))).toBe(false);
    expect(isProbablyText(encode('nul\u0000'))).toBe(false);
  });
});

describe('request parts', () => {
  it('parses query and form pairs in order, keeping duplicates and malformed escapes', () => {
    expect(queryParams('/x?b=2&a=1&b=3&bad=%E0%A4%A&plus=a+b')).toEqual([
      { name: 'b', value: '2' },
      { name: 'a', value: '1' },
      { name: 'b', value: '3' },
      { name: 'bad', value: '%E0%A4%A' },
      { name: 'plus', value: 'a b' },
    ]);
    expect(queryParams('/no-query')).toEqual([]);
    expect(parseFormPairs('=v&k')).toEqual([
      { name: '', value: 'v' },
      { name: 'k', value: '' },
    ]);
  });

  it('looks up headers case-insensitively and joins URLs without normalising', () => {
    expect(
      headerValue(
        [
          ['Content-TYPE', 'a'],
          ['content-type', 'b'],
        ],
        'content-type',
      ),
    ).toBe('a');
    expect(headerValue([], 'x')).toBeNull();
    expect(joinUrl('http://h:1/', '/a/../b')).toBe('http://h:1/a/../b');
    expect(joinUrl('http://h:1', '*')).toBe('http://h:1/*');
  });
});

describe('bytes and cache', () => {
  it('round-trips base64 for every byte value and large buffers', () => {
    const all = new Uint8Array(256 * 400).map((_, i) => i % 256);
    expect([...base64ToBytes(bytesToBase64(all))]).toEqual([...all]);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString('base64'));
  });

  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
});
