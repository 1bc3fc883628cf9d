import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodeRecords,
  encodeRecord,
  recordBytes,
  tableCrc32,
} from '../../../electron/engine/store/journal-format';
import { makeDelivery } from '../../integration/store/store-fixtures';

const bytesOf = (parts: Buffer[]): Buffer => Buffer.concat(parts);

describe('capture journal records', () => {
  it('round-trips every field and both bodies byte-exact', () => {
    const body = Uint8Array.from([0, 1, 2, 255, 0xc3, 0x28]);
    const delivery = makeDelivery({
      body,
      size: 9_999,
      truncated: true,
      provider: 'kanboard',
      event: 'task.create',
      handshake: true,
      via: 'tunnel',
      rawHeaders: [
        ['X-Dup', 'a'],
        ['x-dup', 'b'],
        ['Content-Type', 'application/octet-stream'],
      ],
      response: {
        status: 418,
        rawHeaders: [['X-Answer', 'ünïcode']],
        body: new TextEncoder().encode('teapot'),
        latencyMs: 3.5,
      },
      pinned: true,
      labels: ['a', 'b'],
      note: 'kept',
    });
    const { records, consumed, damaged } = decodeRecords(bytesOf(encodeRecord(7, delivery)));
    expect(damaged).toBe(false);
    expect(records).toHaveLength(1);
    expect(records[0]?.seq).toBe(7);
    const decoded = records[0]!.delivery;
    expect(decoded).toEqual({
      ...delivery,
      body: expect.any(Uint8Array),
      response: expect.anything(),
    });
    expect(Buffer.from(decoded.body)).toEqual(Buffer.from(body));
    expect(decoded.response?.status).toBe(418);
    expect(decoded.response?.rawHeaders).toEqual([['X-Answer', 'ünïcode']]);
    expect(new TextDecoder().decode(decoded.response?.body)).toBe('teapot');
    expect(consumed).toBe(bytesOf(encodeRecord(7, delivery)).length);
  });

  it('keeps a delivery without response and with an empty body', () => {
    const delivery = makeDelivery({ body: new Uint8Array(0), size: 0, response: null });
    const [record] = decodeRecords(bytesOf(encodeRecord(1, delivery))).records;
    expect(record?.delivery.response).toBeNull();
    expect(record?.delivery.body.byteLength).toBe(0);
    expect(record?.delivery).not.toHaveProperty('pinned');
  });

  it('stops before a record cut short, without calling it damaged (more may come)', () => {
    const whole = bytesOf([...encodeRecord(1, makeDelivery()), ...encodeRecord(2, makeDelivery())]);
    const first = bytesOf(encodeRecord(1, makeDelivery())).length;
    const cut = whole.subarray(0, whole.length - 3);
    const decoded = decodeRecords(cut);
    expect(decoded.records.map((record) => record.seq)).toEqual([1]);
    expect(decoded.consumed).toBe(first);
    expect(decoded.damaged).toBe(false);
  });

  it('calls garbage damaged: zeros after a power cut, a bad trailer, a bad length', () => {
    const good = bytesOf(encodeRecord(1, makeDelivery()));
    const zeros = Buffer.concat([good, Buffer.alloc(64)]);
    expect(decodeRecords(zeros)).toMatchObject({ consumed: good.length, damaged: true });

    const badTrailer = Buffer.from(good);
    badTrailer.writeUInt32LE(0, badTrailer.length - 4);
    expect(decodeRecords(badTrailer)).toMatchObject({ records: [], consumed: 0, damaged: true });

    const badLength = Buffer.from(good);
    badLength.writeUInt32LE(2, 4);
    expect(decodeRecords(badLength).damaged).toBe(true);
    expect(recordBytes(badLength)).toBeNull();
    expect(recordBytes(good)).toBe(good.length);
  });

  it('decodes at most maxRecords at a time', () => {
    const three = bytesOf([1, 2, 3].flatMap((seq) => encodeRecord(seq, makeDelivery())));
    const decoded = decodeRecords(three, 2);
    expect(decoded.records.map((record) => record.seq)).toEqual([1, 2]);
    expect(decodeRecords(three.subarray(decoded.consumed)).records[0]?.seq).toBe(3);
  });

  it('checksums the record: a flipped bit in a body, the seq or the length is caught', () => {
    const body = new TextEncoder().encode('{"amount":100}');
    const good = bytesOf(encodeRecord(3, makeDelivery({ body, size: body.byteLength })));
    expect(good.toString('latin1', 0, 4)).toBe('HSC2');
    expect(good.toString('latin1', good.length - 4)).toBe('HSC2');
    // The CRC covers length, seq and payload: the bytes between the head magic and the CRC.
    expect(good.readUInt32LE(good.length - 8)).toBe(zlibCrc32(good.subarray(4, good.length - 8)));
    for (const position of [4, 9, good.length - 8 - 3, good.length - 8]) {
      const flipped = Buffer.from(good);
      flipped[position] = (flipped[position] as number) ^ 0x01;
      // Never a record: damaged, or (a longer length) a record still waiting for bytes.
      expect(decodeRecords(flipped), `bit flipped at ${position}`).toMatchObject({
        records: [],
        consumed: 0,
      });
    }
  });

  it('still reads version 1 records (no checksum), which an older Hookscope left behind', () => {
    const delivery = makeDelivery({ target: '/v1' });
    const v2 = bytesOf(encodeRecord(5, delivery));
    const v1 = Buffer.concat([v2.subarray(0, v2.length - 8), Buffer.from('HSC1', 'latin1')]);
    v1.write('HSC1', 0, 'latin1');
    expect(recordBytes(v1)).toBe(v1.length);
    const decoded = decodeRecords(Buffer.concat([v1, v2]));
    expect(decoded.damaged).toBe(false);
    expect(decoded.records.map((record) => [record.seq, record.delivery.target])).toEqual([
      [5, '/v1'],
      [5, '/v1'],
    ]);
  });

  it('the table CRC-32 fallback gives what zlib gives, whole or in pieces', () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff));
    expect(tableCrc32(data)).toBe(zlibCrc32(data));
    expect(tableCrc32(data.subarray(1000), tableCrc32(data.subarray(0, 1000)))).toBe(
      zlibCrc32(data),
    );
    expect(crc32(data)).toBe(zlibCrc32(data));
    expect(tableCrc32(new Uint8Array(0))).toBe(0);
    // The check value of the CRC-32/ISO-HDLC catalogue entry.
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
