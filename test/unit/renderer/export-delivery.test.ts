import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../../renderer/src/lib/bytes';
import {
  exportFileName,
  toHar,
  toJsonlLine,
  toJsonlRecord,
} from '../../../renderer/src/lib/export-delivery';
import { makeDelivery } from '../../component/support/make-delivery';

describe('jsonl export', () => {
  it('writes the raw facts with the documented keys, bodies as base64', () => {
    const delivery = makeDelivery(1, {
      body: new Uint8Array([0, 255, 10]),
      rawHeaders: [
        ['X-A', '1'],
        ['x-a', '2'],
      ],
      remoteAddress: '10.0.0.9',
    });
    const line = toJsonlLine(delivery);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const record = JSON.parse(line) as ReturnType<typeof toJsonlRecord>;
    expect(Object.keys(record)).toEqual([
      'id',
      'receivedAt',
      'endpoint',
      'method',
      'target',
      'httpVersion',
      'remoteAddress',
      'rawHeaders',
      'bodyBase64',
      'size',
      'truncated',
      'response',
    ]);
    expect(record.receivedAt).toBe(new Date(delivery.receivedAt).toISOString());
    expect(record.rawHeaders).toEqual([
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
    expect([...base64ToBytes(record.bodyBase64)]).toEqual([0, 255, 10]);
    expect(Object.keys(record.response ?? {})).toEqual([
      'status',
      'rawHeaders',
      'bodyBase64',
      'latencyMs',
    ]);
    expect(record.response?.bodyBase64).toBe(btoa('ok'));
  });

  it('writes null when no answer was recorded', () => {
    expect(toJsonlRecord(makeDelivery(1, { response: null })).response).toBeNull();
  });
});

describe('HAR export', () => {
  it('produces a HAR 1.2 log with raw-order headers, query and text body', () => {
    const delivery = makeDelivery(2, {
      method: 'PUT',
      target: '/p?a=1&a=2&b=x%20y',
      text: '{"k":"v"}',
    });
    const har = toHar([delivery], 'http://127.0.0.1:9000/');
    expect(har.log.version).toBe('1.2');
    const entry = har.log.entries[0];
    expect(entry?.request.url).toBe('http://127.0.0.1:9000/p?a=1&a=2&b=x%20y');
    expect(entry?.request.httpVersion).toBe('HTTP/1.1');
    expect(entry?.request.headers.map((h) => h.name)).toEqual([
      'Host',
      'Content-Type',
      'Content-Length',
    ]);
    expect(entry?.request.queryString).toEqual([
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
      { name: 'b', value: 'x y' },
    ]);
    expect(entry?.request.postData).toEqual({ mimeType: 'application/json', text: '{"k":"v"}' });
    expect(entry?.response.status).toBe(200);
    expect(entry?.response.content).toEqual({ size: 2, mimeType: 'text/plain', text: 'ok' });
    expect(entry?.startedDateTime).toBe(new Date(delivery.receivedAt).toISOString());
  });

  it('carries non-UTF-8 bodies as base64 and omits postData for empty bodies', () => {
    const binary = toHar([makeDelivery(3, { body: new Uint8Array([0xff, 0x00]) })], 'http://h').log
      .entries[0];
    expect(binary?.request.postData).toMatchObject({ text: btoa('\xff\x00'), _encoding: 'base64' });
    const empty = toHar([makeDelivery(4, { body: new Uint8Array() })], 'http://h').log.entries[0];
    expect(empty?.request.postData).toBeUndefined();
  });

  it('names files from the id without path characters', () => {
    expect(exportFileName({ id: '../evil/..' }, 'har')).toBe('hookscope-___evil___.har');
  });
});
