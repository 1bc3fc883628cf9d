import { describe, expect, it } from 'vitest';
import {
  decodeRecords,
  encodeRecord,
  recordBytes,
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
});
