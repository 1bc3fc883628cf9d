import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, WireFormatError } from '../../../electron/contract/wire';

const allByteValues = () => Uint8Array.from({ length: 256 }, (_, index) => index);

describe('wire framing', () => {
  it('round-trips nested bytes as bytes, next to ordinary JSON', () => {
    const message = {
      type: 'result',
      id: 7,
      result: {
        ok: true,
        value: { body: allByteValues(), response: { body: new Uint8Array([0, 255]) } },
      },
      list: [new Uint8Array(0), 'text', 3, null, true],
    };
    const decoded = decodeMessage(encodeMessage(message)) as typeof message;
    expect(decoded).toEqual(message);
    expect(decoded.result.value.body).toBeInstanceOf(Uint8Array);
    expect([...decoded.result.value.body]).toEqual([...allByteValues()]);
    expect(decoded.list[0]).toEqual(new Uint8Array(0));
  });

  it('puts the bytes after the JSON header, not inside it', () => {
    const body = new TextEncoder().encode('RAW-BODY-MARKER');
    const frame = encodeMessage({ body });
    const headerLength = new DataView(frame.buffer).getUint32(0, false);
    const header = new TextDecoder().decode(frame.subarray(4, 4 + headerLength));
    expect(JSON.parse(header)).toEqual({ body: { $bytes: [0, body.byteLength] } });
    expect(new TextDecoder().decode(frame.subarray(4 + headerLength))).toBe('RAW-BODY-MARKER');
  });

  it('sends only the bytes of the view, not the pool a Buffer slices', () => {
    const pool = Buffer.from('xxxxHELLOyyyy');
    const view = pool.subarray(4, 9);
    const decoded = decodeMessage(encodeMessage({ view })) as { view: Uint8Array };
    expect(Buffer.from(decoded.view).toString()).toBe('HELLO');
    expect(encodeMessage({ view }).byteLength).toBeLessThan(4 + 40 + pool.byteLength);
  });

  it('keeps a payload key named $bytes as data', () => {
    const message = { options: { $bytes: [0, 3], $$x: 'y', plain: 1 } };
    expect(decodeMessage(encodeMessage(message))).toEqual(message);
  });

  it('decodes a frame that is a slice of a larger buffer', () => {
    const frame = encodeMessage({ b: new Uint8Array([9, 8, 7]) });
    const padded = new Uint8Array(frame.byteLength + 10);
    padded.set(frame, 5);
    expect(decodeMessage(padded.subarray(5, 5 + frame.byteLength))).toEqual({
      b: new Uint8Array([9, 8, 7]),
    });
  });

  it('refuses malformed frames with a WireFormatError', () => {
    expect(() => decodeMessage(new Uint8Array([0, 0]))).toThrow(WireFormatError);
    expect(() => decodeMessage(new Uint8Array([0, 0, 0, 9, 1]))).toThrow(/exceeds/);
    const notJson = new Uint8Array([0, 0, 0, 1, 0x7b]);
    expect(() => decodeMessage(notJson)).toThrow(/JSON/);
    const outside = encodeMessage({ b: { $bytes: [0, 1] } });
    // The escaped key decodes to data; forge a real placeholder pointing past the end instead.
    const forged = new TextEncoder().encode('{"b":{"$bytes":[0,99]}}');
    const frame = new Uint8Array(4 + forged.byteLength);
    new DataView(frame.buffer).setUint32(0, forged.byteLength, false);
    frame.set(forged, 4);
    expect(() => decodeMessage(frame)).toThrow(/outside/);
    expect(decodeMessage(outside)).toEqual({ b: { $bytes: [0, 1] } });
  });

  it('refuses values JSON would silently mangle', () => {
    expect(() => encodeMessage({ when: new Date(0) })).toThrow(WireFormatError);
    expect(() => encodeMessage({ map: new Map() })).toThrow(WireFormatError);
  });

  it('drops undefined object fields like JSON does', () => {
    expect(decodeMessage(encodeMessage({ a: undefined, b: 1 }))).toEqual({ b: 1 });
    expect(decodeMessage(encodeMessage(undefined))).toBeNull();
  });
});
