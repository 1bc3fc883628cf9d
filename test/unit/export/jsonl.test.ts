import { describe, expect, it } from 'vitest';
import { parseJsonlLine, toJsonlLine } from '../../../electron/engine/export';
import { ImportError } from '../../../electron/engine/export/import-error';
import { sampleDeliveries } from './sample-deliveries';

const [jsonDelivery, binaryDelivery] = sampleDeliveries() as [
  ReturnType<typeof sampleDeliveries>[number],
  ReturnType<typeof sampleDeliveries>[number],
];

function lineObject(line: string): Record<string, unknown> {
  return JSON.parse(line) as Record<string, unknown>;
}

describe('jsonl export line', () => {
  it('has exactly the documented keys, in order, on one line', () => {
    const line = toJsonlLine(jsonDelivery);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const record = lineObject(line);
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
      'via',
      'provider',
      'event',
      'handshake',
      'verdict',
    ]);
    expect(Object.keys(record.response as object)).toEqual([
      'status',
      'rawHeaders',
      'bodyBase64',
      'latencyMs',
    ]);
  });

  it('writes receivedAt as ISO 8601 and keeps raw header pairs in order', () => {
    const record = lineObject(toJsonlLine(jsonDelivery));
    expect(record.receivedAt).toBe('2025-01-02T03:04:05.678Z');
    expect(record.rawHeaders).toEqual([
      ['Host', 'hooks.example.test:8787'],
      ['Content-Type', 'application/json'],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
    ]);
    expect(
      Buffer.from(record.bodyBase64 as string, 'base64').equals(Buffer.from(jsonDelivery.body)),
    ).toBe(true);
  });

  it('parses back to the same delivery for every sample, binary included', () => {
    for (const delivery of sampleDeliveries()) {
      const back = parseJsonlLine(toJsonlLine(delivery), 1);
      expect(back).toEqual(delivery);
      expect(toJsonlLine(back)).toBe(toJsonlLine(delivery));
    }
    expect(Array.from(parseJsonlLine(toJsonlLine(binaryDelivery), 1).body)).toEqual(
      Array.from(binaryDelivery.body),
    );
  });

  it('accepts derived facts and unknown keys written by a later version', () => {
    const record = {
      ...lineObject(toJsonlLine(jsonDelivery)),
      provider: 'kanboard',
      event: 'task.create',
      handshake: true,
      somethingNew: 1,
    };
    const back = parseJsonlLine(JSON.stringify(record), 1);
    expect(back.provider).toBe('kanboard');
    expect(back.event).toBe('task.create');
    expect(back.handshake).toBe(true);
  });
});

describe('jsonl import errors name the line and the field', () => {
  const good = lineObject(toJsonlLine(jsonDelivery));

  it('reports a line that is not JSON', () => {
    expect(() => parseJsonlLine('{"id": ', 7)).toThrow(ImportError);
    expect(() => parseJsonlLine('{"id": ', 7)).toThrow(/^line 7: not valid JSON/);
  });

  it('names a missing or mistyped field', () => {
    const { method: _method, ...noMethod } = good;
    expect(() => parseJsonlLine(JSON.stringify(noMethod), 3)).toThrow(/^line 3: method: /);
    const badStatus = { ...good, response: { ...(good.response as object), status: 'ok' } };
    expect(() => parseJsonlLine(JSON.stringify(badStatus), 4)).toThrow(
      /^line 4: response\.status: /,
    );
  });

  it('rejects a bad date, bad base64 and a size that contradicts the body', () => {
    expect(() => parseJsonlLine(JSON.stringify({ ...good, receivedAt: 'yesterday' }), 1)).toThrow(
      /receivedAt: must be an ISO 8601 date-time/,
    );
    expect(() => parseJsonlLine(JSON.stringify({ ...good, bodyBase64: '@@@' }), 1)).toThrow(
      /bodyBase64: must be base64/,
    );
    expect(() => parseJsonlLine(JSON.stringify({ ...good, size: 1 }), 2)).toThrow(
      /^line 2: size: is 1 but the body has \d+ bytes/,
    );
  });
});
